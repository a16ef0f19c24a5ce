"""Run by the QGIS desktop before it loads plugins (``PYQGIS_STARTUP``), for ``tests/cli/test_desktop.py``.

Records every Python error QGIS would show (``qgis.utils.showException``: a plugin that fails to
import, or whose ``classFactory`` or ``initGui`` raises) instead of opening a dialog that would wait
for a click; ``desktop_check.py`` (``--code``) reads the record.
"""

import traceback

import qgis.utils

qgis.utils.territorial_desktop_errors = []


def record_exception(type_, value, tb, msg="", *args, **kwargs):
    qgis.utils.territorial_desktop_errors.append((msg or "") + "".join(traceback.format_exception(type_, value, tb)))


qgis.utils.showException = record_exception
