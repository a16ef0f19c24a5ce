"""The plugin loads in the QGIS desktop (a real main window under Xvfb) with no Python error.

``qgis --code tests/support/desktop_check.py`` in an isolated profile with the plugin enabled, with
``tests/support/desktop_startup.py`` run before the plugins load (``PYQGIS_STARTUP``) to record every
Python error QGIS would show: the check script verifies that QGIS started the plugin, reloads it, and
writes a report (see those files).
"""

import json
import os
import shutil
import signal
import subprocess

import pytest

from support.qgis_process import PLUGIN, ROOT

SCRIPT = ROOT / "tests" / "support" / "desktop_check.py"
STARTUP = ROOT / "tests" / "support" / "desktop_startup.py"


@pytest.mark.cli
def test_plugin_loads_in_the_desktop_without_python_error(tmp_path):
    qgis, xvfb = shutil.which("qgis") or "/usr/bin/qgis", shutil.which("xvfb-run")
    assert xvfb, "xvfb-run is missing (Debian package xvfb, installed by make deps)"
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / PLUGIN).symlink_to(ROOT, target_is_directory=True)
    profiles = tmp_path / "profiles"
    ini = profiles / "profiles" / "default" / "QGIS" / "QGIS3.ini"
    ini.parent.mkdir(parents=True)
    ini.write_text(
        f"[PythonPlugins]\n{PLUGIN}=true\n\n[qgis]\ncheckVersion=false\nshowTips=false\n"
        "allowVersionCheck=false\n\n[locale]\noverrideFlag=true\nuserLocale=en_US\n",
        encoding="utf-8",
    )
    runtime = tmp_path / "xdg-runtime"
    runtime.mkdir(mode=0o700)
    report_path = tmp_path / "report.json"
    env = dict(
        os.environ,
        QGIS_PLUGINPATH=str(plugins),
        TD_DESKTOP_REPORT=str(report_path),
        PYQGIS_STARTUP=str(STARTUP),
        TD_DESKTOP_SCREENSHOT=str(tmp_path / "desktop.png"),
        XDG_RUNTIME_DIR=str(runtime),
        PYTHONDONTWRITEBYTECODE="1",
    )
    env.pop("QT_QPA_PLATFORM", None)  # a real X display (Xvfb), as a person has
    # its own process group: on a time-out, QGIS and Xvfb go too (xvfb-run does not pass the signal on)
    with subprocess.Popen(
        [xvfb, "-a", "-s", "-screen 0 1600x1000x24", qgis, "--nologo", "--noversioncheck"]
        + ["--profiles-path", str(profiles), "--code", str(SCRIPT)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        cwd=str(tmp_path),
        start_new_session=True,
    ) as process:
        try:
            output, _ = process.communicate(timeout=240)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            output, _ = process.communicate()
            output += "\n(killed after 240 s: QGIS waited for something, e.g. a dialog)"
    assert report_path.exists(), f"no report (exit {process.returncode}):\n{output[-5000:]}"
    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert report["startup_hook"], "PYQGIS_STARTUP was not run"
    assert report["errors"] == [], "\n".join(report["errors"])
    assert report["log"] == [], "\n".join(report["log"])
    assert report["active_at_startup"], report
    assert report["active_after_reload"], report
    from territorial_data.processing.provider import ALGORITHM_MODULES

    assert report["algorithms"] == len(ALGORITHM_MODULES), report
    assert report["browser"], report
    assert "Territorial data" in report["menu"], report
