"""Installs the GUI parts of the plugin. Each installer returns a Part whose remove() undoes it."""

import os

from qgis.core import QgsApplication
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAbstractItemView, QAction, QDockWidget

from ..providers.i18n import translate
from .locator import install_locator


class Part:
    """One GUI registration and the function that undoes it."""

    def __init__(self, name, remove):
        self.name = name
        self._remove = remove

    def remove(self):
        self._remove()


def show_processing_toolbox(iface, provider_id="territorial"):
    """Open QGIS's Processing toolbox with this plugin's provider expanded; False (and a message that
    says what to do) when the Processing plugin is disabled.

    ``iface`` has no ``showProcessingToolbox``: the toolbox belongs to the Processing plugin, whose
    checkable « Toolbox » action (object name ``toolboxAction``) shows or hides it.
    """
    action = iface.mainWindow().findChild(QAction, "toolboxAction")
    if action is None:
        iface.messageBar().pushWarning(
            translate("TerritorialDataPlugin", "Territorial data"),
            translate(
                "TerritorialDataPlugin",
                "The Processing toolbox is not available: enable the « Processing » plugin in "
                "Plugins › Manage and Install Plugins › Installed.",
            ),
        )
        return False
    action.setChecked(True)  # checked shows the toolbox; trigger() would hide it when it is open
    dock = iface.mainWindow().findChild(QDockWidget, "ProcessingToolbox")
    if dock is None:
        return True
    dock.raise_()
    provider = QgsApplication.processingRegistry().providerById(provider_id)
    view = getattr(dock, "algorithmTree", None)
    if provider is None or view is None:
        return True
    model = view.model()
    for row in range(model.rowCount()):  # the provider's branch, expanded and scrolled to the top
        index = model.index(row, 0)
        if model.data(index) == provider.name():
            view.expand(index)
            view.setCurrentIndex(index)
            view.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtTop)
            break
    return True


def install_menu(iface, plugin_dir):
    icon = QIcon(os.path.join(plugin_dir, "ui", "icons", "territorial.svg"))
    menu_name = translate("TerritorialDataPlugin", "&Territorial data")
    actions = []

    def open_options():
        iface.showOptionsDialog(iface.mainWindow(), currentPage="territorial_data")

    for name, label, slot in (
        (
            "territorial_data_toolbox",
            translate("TerritorialDataPlugin", "Processing algorithms…"),
            lambda: show_processing_toolbox(iface),
        ),
        ("territorial_data_options", translate("TerritorialDataPlugin", "Options…"), open_options),
    ):
        action = QAction(icon, label, iface.mainWindow())
        action.setObjectName(name)
        action.triggered.connect(slot)
        iface.addPluginToMenu(menu_name, action)
        actions.append(action)

    def remove():
        for action in actions:
            iface.removePluginMenu(menu_name, action)
            action.deleteLater()

    return Part("menu", remove)


def install_browser(iface, plugin_dir):
    from .browser import TerritorialDataItemProvider

    provider = TerritorialDataItemProvider()
    registry = QgsApplication.dataItemProviderRegistry()
    registry.addProvider(provider)
    return Part("browser", lambda: registry.removeProvider(provider))


def install_options(iface, plugin_dir):
    from .options import TerritorialOptionsFactory

    factory = TerritorialOptionsFactory()
    iface.registerOptionsWidgetFactory(factory)
    return Part("options", lambda: iface.unregisterOptionsWidgetFactory(factory))


INSTALLERS = [install_browser, install_menu, install_options, install_locator]


def install_gui(iface, plugin_dir):
    parts = []
    for installer in INSTALLERS:
        parts.append(installer(iface, plugin_dir))
    return parts
