"""Startup script of the desktop tests: ``qgis --code driver.py`` runs it inside the real QGIS
desktop once the interface and the plugins are loaded.

It reads ``TD_DESKTOP_SCENARIO`` (a function name of ``td_desktop_scenarios``, the file
``scenarios.py`` beside this one) and ``TD_DESKTOP_OUT`` (a folder), runs the scenario from the
event loop, and writes ``result.json`` there: what the scenario found, every message of the QGIS
log and of the main message bar, and the traceback if the scenario raised. Then it quits QGIS.
Nothing here mocks QGIS or ``iface``: it is the application a person uses.
"""

import json
import os
import sys
import traceback

from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QTimer
from qgis.utils import iface

HERE = os.environ["TD_DESKTOP_HERE"]
OUT = os.environ["TD_DESKTOP_OUT"]
SCENARIO = os.environ["TD_DESKTOP_SCENARIO"]

if HERE not in sys.path:
    sys.path.insert(0, HERE)
import faulthandler  # noqa: E402

import td_desktop_scenarios as scenarios  # noqa: E402

_STACKS = open(os.path.join(OUT, "stacks.txt"), "w")  # noqa: SIM115 (open while QGIS runs)
faulthandler.dump_traceback_later(240, exit=True, file=_STACKS)  # a hung scenario shows where it hangs

LOG = []  # (tag, level, text) of every QgsMessageLog message
BAR = []  # (title, text, level) of every message pushed to the main message bar
UNEXPECTED = []  # texts of modal dialogs nobody closed (a Python error dialog, a question)


def _on_log(message, tag, level):
    LOG.append({"tag": tag, "level": int(level), "text": message})


def _on_bar_item(item):
    try:
        BAR.append({"title": item.title(), "text": item.text(), "level": int(item.level())})
    except Exception:  # an item without text (a custom widget)
        BAR.append({"title": "", "text": repr(item), "level": -1})


def _watchdog(state={"dialog": None, "since": 0.0}):  # noqa: B006 (state kept between calls)
    """Close a modal dialog that stays open 20 s (a scenario waits at most a few seconds for its own
    dialogs): record its texts, so that the test fails with them instead of hanging."""
    import time

    from qgis.PyQt.QtWidgets import QApplication

    dialog = QApplication.activeModalWidget()
    if dialog is None or dialog is not state["dialog"]:
        state.update(dialog=dialog, since=time.monotonic())
    elif time.monotonic() - state["since"] > 20:
        UNEXPECTED.append({"title": dialog.windowTitle(), "texts": scenarios.Context.texts(dialog)})
        dialog.close()
        state.update(dialog=None, since=time.monotonic())
    QTimer.singleShot(1000, _watchdog)


QgsApplication.messageLog().messageReceived.connect(_on_log)
iface.messageBar().widgetAdded.connect(_on_bar_item)


def _finish(result):
    result["log"] = LOG
    result["message_bar"] = BAR
    result["unexpected_dialogs"] = UNEXPECTED
    path = os.path.join(OUT, "result.json")
    with open(path + ".part", "w", encoding="utf-8") as handle:
        json.dump(result, handle, ensure_ascii=False, indent=1, default=str)
    os.replace(path + ".part", path)
    QgsProject.instance().setDirty(False)  # no « save the project? » question on exit
    iface.actionExit().trigger()


def _run():
    result = {"scenario": SCENARIO}
    try:
        context = scenarios.Context(iface, OUT, LOG, BAR)
        result["findings"] = getattr(scenarios, SCENARIO)(context)
    except Exception:
        result["error"] = traceback.format_exc()
    _finish(result)


QTimer.singleShot(300, _run)
QTimer.singleShot(1000, _watchdog)
