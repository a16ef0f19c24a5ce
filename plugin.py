"""The plugin object: registers the Processing provider, and in the GUI the Browser entries,
the locator filter, the menu and the options page; ``unload`` removes every one of them.

Under ``qgis_process`` QGIS calls ``classFactory(None)`` then only ``initProcessing()``: nothing
reachable from there touches ``iface``.
"""

import os
import sys

from qgis.core import QgsApplication

from .providers import i18n

PLUGIN_DIR = os.path.dirname(os.path.abspath(__file__))


class TerritorialDataPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.provider = None
        self.language = None  # the language of the installed translator (None: English)
        self.gui_parts = []  # objects with a .remove() undoing one GUI registration
        self._install_translator()

    # -- translation ------------------------------------------------------------------------------
    def _install_translator(self):
        """The plugin's language (``providers.i18n.plugin_language``): TERRITORIAL_DATA_LANGUAGE or
        the plugin setting, else the QGIS interface language with the profile's override, in the
        desktop and in qgis_process alike."""
        self.language = i18n.install_translator(os.path.join(PLUGIN_DIR, "i18n"))

    # -- QGIS entry points ------------------------------------------------------------------------
    def initProcessing(self):
        if self.provider is not None:
            return
        # ``from .processing import provider`` (not ``from .processing.provider import ...``): QGIS
        # records the modules a plugin imports, to unload them with it; this form records the package
        # ``processing`` too, so that untick/tick or « Install from ZIP » gets every module afresh.
        from .processing import provider

        self.provider = provider.TerritorialProvider()
        QgsApplication.processingRegistry().addProvider(self.provider)

    def initGui(self):
        self.initProcessing()
        from .ui import gui  # records the package ``ui`` too (see initProcessing)

        self.gui_parts = gui.install_gui(self.iface, PLUGIN_DIR)

    def unload(self):
        for part in reversed(self.gui_parts):
            part.remove()
        self.gui_parts = []
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
            self.provider = None
        i18n.remove_translator()
        self.language = None
        forget_modules()


def forget_modules():
    """Remove every module of the plugin from ``sys.modules``. QGIS unloads only the modules it saw
    imported by name; packages imported on the way (``processing.inputs``, ``processing.outputs``...)
    would stay, and a reload (untick/tick, « Install from ZIP » over the plugin) would mix them with
    fresh modules. The package itself is left to QGIS, which removes it next. Only when QGIS itself
    unloads the plugin (its plugin machinery knows it), never when a script or a test unloads it."""
    package = __name__.rsplit(".", 1)[0]
    try:
        from qgis import utils
    except ImportError:
        return
    if package not in getattr(utils, "plugins", {}):
        return
    for name in [m for m in sys.modules if m.startswith(package + ".")]:
        del sys.modules[name]
