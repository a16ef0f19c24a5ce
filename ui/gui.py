"""Installs the GUI parts of the plugin. Each installer returns a Part whose remove() undoes it."""

import os

from qgis.core import QgsApplication
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from ..providers.i18n import translate
from .locator import install_locator


class Part:
    """One GUI registration and the function that undoes it."""

    def __init__(self, name, remove):
        self.name = name
        self._remove = remove

    def remove(self):
        self._remove()


def install_menu(iface, plugin_dir):
    icon = QIcon(os.path.join(plugin_dir, "ui", "icons", "territorial.svg"))
    menu_name = translate("TerritorialDataPlugin", "&Territorial data")
    actions = []

    def open_toolbox():
        from qgis import processing

        processing.execAlgorithmDialog  # noqa: B018 (fails early if Processing is missing)
        iface.showProcessingToolbox() if hasattr(iface, "showProcessingToolbox") else None

    def open_options():
        iface.showOptionsDialog(iface.mainWindow(), currentPage="territorial_data")

    for label, slot in (
        (translate("TerritorialDataPlugin", "Processing algorithms…"), open_toolbox),
        (translate("TerritorialDataPlugin", "Options…"), open_options),
    ):
        action = QAction(icon, label, iface.mainWindow())
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
