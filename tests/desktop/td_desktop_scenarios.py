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

    root_name = "Données territoriales"
    admin_name = "Limites administratives"

    def __init__(self, iface, out, log, bar):
        self.iface = iface
        self.out = out
        self.log = log
        self.bar = bar

    def note(self, text):
        """A line in ``<out>/progress.txt`` (what the scenario was doing, if QGIS hangs)."""
        with open(os.path.join(self.out, "progress.txt"), "a", encoding="utf-8") as handle:
            handle.write(f"{time.strftime('%H:%M:%S')} {text}\n")

    # -- time -----------------------------------------------------------------------------------
    @staticmethod
    def wait(ms):
        """Let the event loop run for ``ms`` milliseconds (dialogs paint, tasks finish)."""
        loop = QEventLoop()
        QTimer.singleShot(int(ms), loop.quit)
        loop.exec()

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
    image = image.convertToFormat(QImage.Format.Format_RGB32)
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


# -- the scenarios -------------------------------------------------------------------------------------


def plugin_modules():
    import sys

    return sorted(name for name in sys.modules if name == PLUGIN or name.startswith(PLUGIN + "."))


def provider_groups():
    provider = QgsApplication.processingRegistry().providerById(PROVIDER)
    return sorted({alg.group() for alg in provider.algorithms()}) if provider is not None else []


def browser_algorithms_resolve():
    """Every Browser entry's algorithm exists in the registry (a double-click opens its dialog)."""
    import importlib

    browser = importlib.import_module(PLUGIN + ".ui.browser")
    wanted = sorted({entry.algorithm for entry in browser.ENTRIES if entry.algorithm})
    registry = QgsApplication.processingRegistry()
    return {alg_id: registry.algorithmById(alg_id) is not None for alg_id in wanted}


def locator_filters(iface):
    """The filter names of the real locator bar of the main window."""
    from qgis.gui import QgsLocatorWidget
    from qgis.PyQt import sip

    # findChild(QgsLocatorWidget) finds nothing: sip knows the widget as a QWidget; cast it
    found = [w for w in iface.mainWindow().findChildren(QWidget) if w.metaObject().className() == "QgsLocatorWidget"]
    if not found:
        return None
    return sorted(f.name() for f in sip.cast(found[0], QgsLocatorWidget).locator().filters())


def options_page_present(ctx):
    """Whether Settings › Options has the plugin's page (the dialog is opened, looked at, closed)."""
    seen = {}
    ctx.note("options dialog: opening")

    def look(dialog):
        ctx.note(f"options dialog: looking at {type(dialog).__name__}")
        seen["page"] = dialog.findChild(QWidget, "territorial_data") is not None

    with_modal_dialog(lambda: ctx.iface.showOptionsDialog(ctx.iface.mainWindow()), look)
    ctx.note("options dialog: closed")
    return seen.get("page")


def with_modal_dialog(open_it, look, timeout=30.0):
    """Call ``open_it()`` (which runs a modal dialog) and, once the dialog shows, ``look(dialog)``,
    then close it. Waits for the dialog however long QGIS takes to build it (up to ``timeout``)."""
    end = time.monotonic() + timeout

    def poll():
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            if time.monotonic() < end:
                QTimer.singleShot(200, poll)
            return
        QTimer.singleShot(600, lambda: finish(dialog))

    def finish(dialog):
        try:
            look(dialog)
        finally:
            dialog.reject()

    QTimer.singleShot(200, poll)
    open_it()


def state(ctx=None):
    return {
        "locator": "territorial_ban" in (locator_filters(ctx.iface) or []) if ctx else None,
        "options_page": options_page_present(ctx) if ctx else None,
        "algorithms": provider_algorithms(),
        "groups": provider_groups(),
        "browser": browser_algorithms_resolve(),
        "n_modules": len(plugin_modules()),
    }


def reload_plugin(ctx):
    """Untick then tick the plugin in the Plugin Manager, twice: QGIS's Plugin Manager calls
    ``qgis.utils.unloadPlugin`` then ``loadPlugin`` + ``startPlugin`` (QgsPluginRegistry)."""
    import qgis.utils

    steps = [dict(state(ctx), step="start", active=PLUGIN in qgis.utils.active_plugins)]
    ctx.note("start state read")
    for round_ in (1, 2):
        ctx.note(f"untick {round_}")
        unloaded = qgis.utils.unloadPlugin(PLUGIN)
        ctx.note(f"unticked {round_}")
        ctx.wait(200)
        steps.append(
            {
                "step": f"unticked {round_}",
                "returned": unloaded,
                "provider": QgsApplication.processingRegistry().providerById(PROVIDER) is not None,
                "modules_left": plugin_modules(),
                "browser_root": any(p.name() == PLUGIN for p in QgsApplication.dataItemProviderRegistry().providers()),
                "menu": plugin_menu(ctx.iface) is not None,
                "locator": "territorial_ban" in (locator_filters(ctx.iface) or []),
                "options_page": options_page_present(ctx),
            }
        )
        loaded = qgis.utils.loadPlugin(PLUGIN) and qgis.utils.startPlugin(PLUGIN)
        ctx.wait(200)
        menu = plugin_menu(ctx.iface) is not None
        steps.append(dict(state(ctx), step=f"ticked {round_}", returned=loaded, menu=menu))
    return {"steps": steps}


def install_from_zip(ctx):
    """« Install from ZIP » over the installed copy (the upgrade path of the README), through the
    Plugin Manager's own installer."""
    import configparser

    import pyplugin_installer
    import qgis.utils

    before = state()
    zip_path = os.environ["TD_DESKTOP_ZIP"]
    pyplugin_installer.instance().installFromZipFile(zip_path)
    ctx.wait(500)
    metadata = configparser.ConfigParser(interpolation=None)
    metadata.read(os.path.join(qgis.utils.pluginDirectory(PLUGIN), "metadata.txt"), encoding="utf-8")
    return {
        "before": before,
        "after": state(),
        "installed_version": metadata["general"]["version"],
        "active": PLUGIN in qgis.utils.active_plugins,
    }


def menu_opens_toolbox(ctx):
    """Extensions › Données territoriales › Algorithmes de traitement… shows the toolbox."""
    toolbox = dock(ctx.iface, "ProcessingToolbox")
    before = toolbox.isVisible()
    menu = plugin_menu(ctx.iface)
    actions = {a.objectName(): a for a in menu.actions()} if menu is not None else {}
    action = actions.get("territorial_data_toolbox")
    found = {
        "menu_title": menu.title() if menu is not None else None,
        "action_text": action.text() if action is not None else None,
        "visible_before": before,
    }
    if action is None:
        return found
    action.trigger()
    ctx.wait_until(toolbox.isVisible, timeout=5)
    found["visible_after"] = toolbox.isVisible()
    view = toolbox.algorithmTree
    found["expanded"] = visible_tree_texts(view)
    action.trigger()  # a second click keeps it open (it does not toggle it off)
    ctx.wait(200)
    found["visible_after_second"] = toolbox.isVisible()
    return found


def dialog_run(ctx):
    """od_flow_lines from its dialog on the sample, as a person runs it: the Run button."""
    from qgis import processing
    from qgis.PyQt.QtWidgets import QPushButton

    reset_project()
    parameters = {
        "FLOWS": os.path.join(SAMPLE, "flux_domicile_travail_idf_rp2014_residence_95.csv"),
        "ZONES": os.path.join(SAMPLE, "communes_idf.geojson"),
        "ZONE_ID_FIELD": "insee_com",
    }
    dialog = processing.createAlgorithmDialog("territorial:od_flow_lines", parameters)
    dialog.show()
    ctx.wait(500)
    run = [b for b in dialog.findChildren(QPushButton) if b.isVisible() and b.text().replace("&", "") == "Exécuter"]
    found = {"run_buttons": [b.text() for b in run]}
    if not run:
        return found
    log_start = len(ctx.log)
    run[0].click()
    ctx.wait_until(lambda: QgsApplication.taskManager().countActiveTasks() > 0, timeout=5)
    ctx.wait_until(lambda: QgsApplication.taskManager().countActiveTasks() == 0, timeout=120)
    ctx.wait(1000)
    text_log = dialog.findChild(QTextEdit, "txtLog")
    found["dialog_log"] = text_log.toPlainText() if text_log is not None else None
    found["dialog_messages"] = [
        {"text": item.text(), "level": int(item.level())} for item in dialog.messageBar().items()
    ]
    found["layers"] = sorted(layer.name() for layer in QgsProject.instance().mapLayers().values())
    found["log_during_run"] = ctx.log[log_start:]
    found["shot"] = ctx.shot(dialog, "dialog_after_run")
    dialog.close()
    reset_project()
    return found


def find_row(view, text, parent=None):
    from qgis.PyQt.QtCore import QModelIndex

    model = view.model()
    parent = parent if parent is not None else QModelIndex()
    for row in range(model.rowCount(parent)):
        index = model.index(row, 0, parent)
        if str(model.data(index) or "") == text:
            return index
    return None


def expand_browser_root(ctx, root_name, child_name):
    """Expand « Données territoriales » (and one child) in the Browser panel; returns the view."""
    browser = dock(ctx.iface, "Browser")
    browser.show()
    browser.raise_()
    view = browser.findChild(QTreeView)
    index = ctx.wait_until(lambda: find_row(view, root_name), timeout=10)
    if index is None:
        return view, None
    view.expand(index)
    ctx.wait_until(lambda: view.model().rowCount(find_row(view, root_name)) > 0, timeout=10)
    index = find_row(view, root_name)
    child = find_row(view, child_name, index)
    if child is not None:
        view.expand(child)
        ctx.wait_until(lambda: view.model().rowCount(find_row(view, child_name, find_row(view, root_name))) > 0, 10)
    view.scrollTo(find_row(view, root_name), QTreeView.ScrollHint.PositionAtTop)
    return view, find_row(view, root_name)


def screenshots(ctx):
    """The toolbox with the provider, the Browser root, an algorithm dialog with its help, and the
    options page, in French: each saved as a PNG with its texts and pixel statistics."""
    from qgis import processing

    found = {}
    window = ctx.iface.mainWindow()
    window.showNormal()
    window.resize(1440, 900)
    # the sample territory on the map: communes of the Val-d'Oise and its cycle facilities
    from qgis.core import QgsVectorLayer

    communes = QgsVectorLayer(os.path.join(SAMPLE, "communes_idf.geojson"), "Communes du Val-d'Oise", "ogr")
    communes.setSubsetString("\"insee_com\" LIKE '95%'")
    cycle = QgsVectorLayer(
        os.path.join(SAMPLE, "amenagements_cyclables_bnac_val_doise_2026.geojson"), "Aménagements cyclables", "ogr"
    )
    import importlib

    import qgis.utils

    style_i18n = importlib.import_module(PLUGIN + ".ui.style_i18n")
    styles = os.path.join(qgis.utils.pluginDirectory(PLUGIN), "ui", "styles")
    communes.loadNamedStyle(os.path.join(styles, "admin_boundaries.qml"))
    cycle.loadNamedStyle(os.path.join(styles, "cycle_lanes.qml"))
    found["localized_labels"] = style_i18n.localize_layer(cycle)  # the shipped style, in French
    found["cycle_legend"] = [c.label() for c in cycle.renderer().categories()]
    QgsProject.instance().addMapLayers([cycle, communes])  # the first one ends up on top
    ctx.iface.setActiveLayer(communes)
    ctx.iface.zoomToActiveLayer()
    ctx.iface.layerTreeView().expandAll()
    ctx.wait(2500)

    # toolbox, opened from the plugin's menu
    actions = {a.objectName(): a for a in plugin_menu(ctx.iface).actions()}
    actions["territorial_data_toolbox"].trigger()
    toolbox = dock(ctx.iface, "ProcessingToolbox")
    ctx.wait_until(toolbox.isVisible, timeout=5)
    view = toolbox.algorithmTree
    # every group of the provider expanded
    provider_index = view.currentIndex()
    model = view.model()
    for row in range(model.rowCount(provider_index)):
        view.expand(model.index(row, 0, provider_index))
    view.scrollTo(provider_index, QTreeView.ScrollHint.PositionAtTop)
    ctx.wait(300)

    # Browser: the root « Données territoriales » and its « Limites administratives »
    browser_view, root = expand_browser_root(ctx, ctx.root_name, ctx.admin_name)
    ctx.wait(500)
    found["toolbox"] = dict(ctx.shot(toolbox, "toolbox"), texts=visible_tree_texts(view))
    found["browser"] = dict(ctx.shot(dock(ctx.iface, "Browser"), "browser"), texts=visible_tree_texts(browser_view))
    found["main_window"] = ctx.shot(window, "main_window")

    # an algorithm dialog, its help panel on the right
    from qgis.PyQt.QtWidgets import QSplitter

    dialog = processing.createAlgorithmDialog(
        "territorial:od_flow_lines",
        {
            "FLOWS": os.path.join(SAMPLE, "flux_domicile_travail_idf_rp2014_residence_95.csv"),
            "ZONES": os.path.join(SAMPLE, "communes_idf.geojson"),
            "ZONE_ID_FIELD": "insee_com",
        },
    )
    dialog.resize(1150, 720)
    dialog.show()
    for splitter in dialog.findChildren(QSplitter):
        splitter.setSizes([620, 500])
    ctx.wait(800)
    found["dialog"] = dict(ctx.shot(dialog, "algorithm_dialog"), texts=ctx.texts(dialog))
    browsers = [w for w in dialog.findChildren(QTextBrowser) if w.isVisible()]
    found["dialog_help_html"] = browsers[0].toHtml() if browsers else ""
    dialog.close()

    # the options page (a modal dialog: looked at once it shows, then closed)
    def look_at_options(options):
        options.resize(1100, 760)
        ctx.wait(800)
        page = options.findChild(QWidget, "territorial_data")
        found["options"] = dict(ctx.shot(options, "options"), texts=ctx.texts(page) if page else [])
        found["options_page_found"] = page is not None

    actions = {a.objectName(): a for a in plugin_menu(ctx.iface).actions()}
    with_modal_dialog(actions["territorial_data_options"].trigger, look_at_options)
    return found


def run_modal_script(ctx, handlers, start, timeout=40.0):
    """Call ``start()`` (which opens modal dialogs one after the other); each new modal dialog is
    given to the next handler, which answers it. Returns the handlers left unused."""
    from qgis.PyQt.QtWidgets import QDialog

    pending = list(handlers)
    last = [None]
    end = time.monotonic() + timeout
    before = {id(w) for w in QApplication.topLevelWidgets() if w.isVisible()}

    def current():
        # processing.execAlgorithmDialog() shows the dialog before exec_(): Qt then does not make it
        # modal, so it is looked for among the new visible dialogs as well
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            new = [
                w
                for w in QApplication.topLevelWidgets()
                if isinstance(w, QDialog) and w.isVisible() and id(w) not in before
            ]
            dialog = new[-1] if new else None
        return dialog

    def poll():
        dialog = current()
        if dialog is not None and dialog.isVisible() and dialog is not last[0] and pending:
            last[0] = dialog
            handler = pending.pop(0)
            ctx.note(f"modal {type(dialog).__name__} {dialog.windowTitle()!r} -> {handler.__name__}")
            QTimer.singleShot(500, lambda: handler(dialog))
        if pending and time.monotonic() < end:
            QTimer.singleShot(150, poll)

    QTimer.singleShot(150, poll)
    start()
    ctx.note("start() returned")
    ctx.wait_until(lambda: not pending, timeout=5)
    return pending


def communes_ask_first(ctx):
    """Browser › Données territoriales › Limites administratives › Communes, double-clicked: the
    territory is asked first; an empty code asks to confirm a national download."""
    from qgis.PyQt.QtWidgets import QMessageBox

    view, root = expand_browser_root(ctx, ctx.root_name, ctx.admin_name)
    admin = find_row(view, ctx.admin_name, root)
    communes = find_row(view, "Communes", admin)
    found = {"communes_item": communes is not None}
    if communes is None:
        return found

    def answer_code(code, key):
        def handler(dialog):
            found[key] = {"type": type(dialog).__name__, "texts": ctx.texts(dialog)}
            if key == "asked_1":
                found["question_shot"] = ctx.shot(dialog, "communes_question")
            dialog.setTextValue(code)
            dialog.accept()

        return handler

    def refuse(dialog):
        found["confirmation"] = {"type": type(dialog).__name__, "texts": ctx.texts(dialog)}
        found["confirmation_default_is_no"] = dialog.defaultButton() is dialog.button(QMessageBox.StandardButton.No)
        dialog.button(QMessageBox.StandardButton.No).click()

    # 1. empty code, then « Non » to the national download: nothing opens
    left = run_modal_script(ctx, [answer_code("", "asked_1"), refuse], lambda: view.doubleClicked.emit(communes))
    ctx.wait(1500)
    found["left_1"] = len(left)
    found["modal_after_refusal"] = QApplication.activeModalWidget() is not None

    # 2. code 95: the algorithm's dialog opens with it
    def look_at_algorithm(dialog):
        found["algorithm_dialog"] = {"type": type(dialog).__name__, "texts": ctx.texts(dialog)}
        dialog.reject()

    communes = find_row(view, "Communes", find_row(view, ctx.admin_name, find_row(view, ctx.root_name)))
    left = run_modal_script(
        ctx, [answer_code("95", "asked_2"), look_at_algorithm], lambda: view.doubleClicked.emit(communes)
    )
    found["left_2"] = len(left)
    return found
