"""Run by the QGIS desktop (``qgis --code desktop_check.py``, under Xvfb) for ``tests/cli/test_desktop.py``.

QGIS has loaded its plugins when this runs. It checks that ``territorial_data`` started (QGIS puts a
plugin in ``active_plugins`` only when its import, ``classFactory`` and ``initGui`` all worked), then
reloads it with every critical message of the plugin's log recorded (Python errors QGIS would show
are recorded since start-up by ``desktop_startup.py``), checks what the plugin adds to the desktop, writes a JSON
report to ``$TD_DESKTOP_REPORT`` and quits QGIS.
"""

import json
import os
import traceback

import qgis.utils
from qgis.core import Qgis, QgsApplication
from qgis.PyQt.QtCore import QTimer

PLUGIN = "territorial_data"
report = {"qgis": Qgis.QGIS_VERSION, "errors": [], "log": []}


def record_message(message, tag, level):
    if tag in ("Python error", "Territorial data") and level >= Qgis.MessageLevel.Warning:
        report["log"].append(f"[{tag}] {message}")


def check():
    try:
        report["active_at_startup"] = PLUGIN in qgis.utils.active_plugins
        # errors recorded since start-up by desktop_startup.py (PYQGIS_STARTUP), and from now on
        report["startup_hook"] = hasattr(qgis.utils, "territorial_desktop_errors")
        report["errors"] = getattr(qgis.utils, "territorial_desktop_errors", [])
        QgsApplication.messageLog().messageReceived.connect(record_message)
        qgis.utils.reloadPlugin(PLUGIN)
        report["active_after_reload"] = PLUGIN in qgis.utils.active_plugins
        provider = QgsApplication.processingRegistry().providerById("territorial")
        report["algorithms"] = len(provider.algorithms()) if provider else 0
        report["browser"] = any(p.name() == PLUGIN for p in QgsApplication.dataItemProviderRegistry().providers())
        iface = qgis.utils.iface
        report["menu"] = [action.text().replace("&", "") for action in iface.pluginMenu().actions()]
        if os.environ.get("TD_DESKTOP_SCREENSHOT"):
            iface.mainWindow().grab().save(os.environ["TD_DESKTOP_SCREENSHOT"])
    except Exception:
        report["errors"].append(traceback.format_exc())
    finally:
        with open(os.environ["TD_DESKTOP_REPORT"], "w", encoding="utf-8") as out:
            json.dump(report, out, indent=1)
        QgsApplication.exit(0)


# let the event loop run once (deferred start-up work, e.g. the Browser) before checking
QTimer.singleShot(2000, check)
