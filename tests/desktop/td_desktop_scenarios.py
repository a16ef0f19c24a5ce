"""Scenarios of the desktop tests, run inside the real QGIS desktop by ``driver.py``.

Each scenario is a function ``name(ctx) -> dict`` of what it saw; the tests in
``test_desktop.py`` judge the findings. A scenario drives QGIS as a person would: through the
Plugin Manager's own functions, the plugin's menu, the Browser, the Processing dialogs. It never
replaces a QGIS object by a fake one.
"""

import os
import time

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QEventLoop, QTimer
from qgis.PyQt.QtGui import QImage
from qgis.PyQt.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDockWidget,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTextBrowser,
    QTextEdit,
    QTreeView,
    QWidget,
)

PLUGIN = "territorial_data"
PROVIDER = "territorial"
SAMPLE = os.environ.get("TD_DESKTOP_SAMPLE", "")


class Context:
    """What a scenario needs: the real ``iface``, a place for screenshots, waiting helpers."""

    def __init__(self, iface, out, log, bar):
        self.iface = iface
        self.out = out
        self.log = log
        self.bar = bar

    # -- time -----------------------------------------------------------------------------------
    @staticmethod
    def wait(ms):
        """Let the event loop run for ``ms`` milliseconds (dialogs paint, tasks finish)."""
        loop = QEventLoop()
        QTimer.singleShot(int(ms), loop.quit)
        loop.exec_()

    def wait_until(self, condition, timeout=60.0, step=100):
        """Spin the event loop until ``condition()`` is true; returns its last value."""
        end = time.monotonic() + timeout
        value = condition()
        while not value and time.monotonic() < end:
            self.wait(step)
            value = condition()
        return value

    # -- looking at widgets -----------------------------------------------------------------------
    def shot(self, widget, name):
        """Save ``widget.grab()`` as ``<out>/<name>.png``; returns what tells a real picture from a
        blank one: size, number of distinct colours, variance of the grey levels."""
        QApplication.processEvents()
        pixmap = widget.grab()
        path = os.path.join(self.out, name + ".png")
        pixmap.save(path, "PNG")
        return dict(image_stats(pixmap.toImage()), path=path)

    @staticmethod
    def texts(widget):
        """The visible texts of a widget and its children (labels, buttons, group titles, fields,
        window title, tab titles, tree items shown)."""
        found = []
        if widget.windowTitle():
            found.append(widget.windowTitle())
        for child in [widget, *widget.findChildren(QWidget)]:
            if not child.isVisible():
                continue
            if isinstance(child, (QLabel, QAbstractButton)) and child.text():
                found.append(child.text())
            elif isinstance(child, QGroupBox) and child.title():
                found.append(child.title())
            elif isinstance(child, QLineEdit) and child.text():
                found.append(child.text())
            elif isinstance(child, (QTextBrowser, QTextEdit)):
                found.append(child.toPlainText())
            if hasattr(child, "tabText") and hasattr(child, "count"):
                try:
                    found.extend(child.tabText(i) for i in range(child.count()))
                except TypeError:
                    pass
            if isinstance(child, QTreeView) and child.model() is not None:
                found.extend(visible_tree_texts(child))
        return [text for text in found if text]


def image_stats(image):
    image = image.convertToFormat(QImage.Format_RGB32)
    width, height = image.width(), image.height()
    if width == 0 or height == 0:
        return {"width": width, "height": height, "colours": 0, "variance": 0.0}
    greys, colours = [], set()
    step = max(1, (width * height) // 40000)  # about 40,000 pixels sampled
    for index in range(0, width * height, step):
        rgb = image.pixel(index % width, index // width) & 0xFFFFFF
        colours.add(rgb)
        greys.append(((rgb >> 16) & 255) * 0.299 + ((rgb >> 8) & 255) * 0.587 + (rgb & 255) * 0.114)
    mean = sum(greys) / len(greys)
    variance = sum((g - mean) ** 2 for g in greys) / len(greys)
    return {"width": width, "height": height, "colours": len(colours), "variance": round(variance, 1)}


def visible_tree_texts(view, parent=None, depth=0):
    model = view.model()
    from qgis.PyQt.QtCore import QModelIndex

    parent = parent if parent is not None else QModelIndex()
    texts = []
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        text = model.data(index)
        if text:
            texts.append(str(text))
        if depth < 6 and view.isExpanded(index):
            texts.extend(visible_tree_texts(view, index, depth + 1))
    return texts


# -- helpers on QGIS's own objects ----------------------------------------------------------------------


def provider_algorithms():
    provider = QgsApplication.processingRegistry().providerById(PROVIDER)
    return sorted(alg.id() for alg in provider.algorithms()) if provider is not None else []


def dock(iface, object_name):
    return iface.mainWindow().findChild(QDockWidget, object_name)


def plugin_menu(iface):
    """The « Extensions › Données territoriales » menu (found through the plugin's action)."""
    for action in iface.pluginMenu().actions():
        menu = action.menu()
        if menu is not None and any(a.objectName().startswith("territorial_data_") for a in menu.actions()):
            return menu
    return None


def reset_project():
    QgsProject.instance().clear()
    QgsProject.instance().setDirty(False)


def probe(ctx):
    iface = ctx.iface
    menus = {}
    for action in iface.pluginMenu().actions():
        if action.menu() is not None:
            menus[action.text()] = [(a.text(), a.objectName()) for a in action.menu().actions()]
    from qgis.PyQt.QtWidgets import QAction
    tb = iface.mainWindow().findChild(QAction, "toolboxAction")
    docks = [(d.objectName(), d.windowTitle()) for d in iface.mainWindow().findChildren(QDockWidget)]
    from qgis.PyQt.QtCore import QLocale
    return {"menus": menus, "toolboxAction": tb.text() if tb else None, "docks": docks,
            "qlocale": QLocale().name(), "locale": QgsApplication.locale(), "algs": len(provider_algorithms())}
