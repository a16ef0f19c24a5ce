"""The real QGIS desktop on a virtual screen (Xvfb), with the plugin installed from its zip into an
isolated profile, in French.

- ``xvfb`` (session): one X server on a free display (``-displayfd``), stopped at the end.
- ``plugin_zip`` (session): ``scripts/package.py`` builds the zip a user installs (committed files
  only); its ``.qm`` is rebuilt with the French of ``i18n/pending_*.tsv`` as well, as ``make i18n``
  will once they are merged.
- ``desktop(scenario, ...)``: a fresh profile (``--profiles-path``) with the plugin extracted into
  it and enabled, ``locale/overrideFlag=true``, ``locale/userLocale=fr``; runs
  ``qgis --nologo --noversioncheck --code driver.py`` and returns the parsed ``result.json``.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
PLUGIN = "territorial_data"
QGIS = shutil.which("qgis.bin") or shutil.which("qgis") or "/usr/bin/qgis"

BASE_INI = """[PythonPlugins]
{plugin}={enabled}
processing=true

[locale]
overrideFlag={override}
userLocale={locale}
globalLocale={locale}

[qgis]
checkVersion=false
showTips{version}=false
allowVersionCheck=false

[core]
NewsFeed\\httpsfeedqgisorg\\disabled=true

[territorial_data]
cache_dir={cache}
offline=true
"""


@pytest.fixture(scope="session")
def xvfb():
    if not shutil.which("Xvfb"):
        pytest.fail("Xvfb is not installed: run `make deps` (it installs the Debian package xvfb)")
    read, write = os.pipe()
    process = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1600x1000x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as handle:
        number = handle.readline().strip()
    if not number:
        process.kill()
        pytest.fail("Xvfb did not start")
    yield f":{number}"
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(10)
    except subprocess.TimeoutExpired:
        process.kill()


def build_zip(out_dir: Path, version: str = "0.0.0+desktop") -> Path:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "package.py"), "--version", version, "--out", str(out_dir)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    path = Path(done.stdout.strip())
    # the French of strings not yet merged into the .ts (pending files of a branch)
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import i18n
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    finished = {key: text for key, (text, kind) in i18n.read_ts().items() if kind is None and text}
    pending, _ = i18n.read_pending()
    if pending:
        finished.update(pending)
        rebuilt = path.with_suffix(".tmp.zip")
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(rebuilt, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                data = source.read(info)
                if info.filename == f"{PLUGIN}/i18n/territorial_data_fr.qm":
                    data = i18n.qm_bytes(finished)
                target.writestr(info, data)
        os.replace(rebuilt, path)
    return path


@pytest.fixture(scope="session")
def plugin_zip(tmp_path_factory):
    return build_zip(tmp_path_factory.mktemp("dist"))


def qgis_version_code():
    done = subprocess.run([QGIS, "--version"], capture_output=True, text=True, env=dict(os.environ, DISPLAY=""))
    text = done.stdout + done.stderr
    for word in text.split():
        parts = word.split("-")[0].split(".")
        if len(parts) == 3 and all(p.isdigit() for p in parts):
            return f"{parts[0]}{parts[1]}"
    return "322"


class Desktop:
    """One QGIS profile with the plugin installed; ``run(scenario)`` starts QGIS on it."""

    def __init__(self, workdir: Path, display: str, plugin_zip: Path, locale="fr", enabled=True, extra_ini=""):
        self.workdir = workdir
        self.display = display
        self.profiles = workdir / "profiles-root"
        self.profile = self.profiles / "profiles" / "default"
        self.plugins = self.profile / "python" / "plugins"
        self.plugins.mkdir(parents=True)
        with zipfile.ZipFile(plugin_zip) as zf:
            zf.extractall(self.plugins)
        ini = self.profile / "QGIS" / "QGIS3.ini"
        ini.parent.mkdir(parents=True)
        ini.write_text(
            BASE_INI.format(
                plugin=PLUGIN,
                enabled=str(enabled).lower(),
                override="true" if locale else "false",
                locale=locale or "",
                version=qgis_version_code(),
                cache=workdir / "cache",
            )
            + extra_ini,
            encoding="utf-8",
        )
        shutil.copytree(ROOT / "sample" / "cache", workdir / "cache")  # the Val-d'Oise communes, offline
        self.runtime = workdir / "xdg-runtime"
        self.runtime.mkdir(mode=0o700)

    def run(self, scenario: str, env=None, timeout=300) -> dict:
        out = self.workdir / f"out-{scenario}"
        out.mkdir()
        environment = dict(os.environ)
        for name in [n for n in environment if n.startswith("TERRITORIAL_DATA_")]:
            del environment[name]
        environment.pop("QGIS_CUSTOM_CONFIG_PATH", None)
        environment.pop("QGIS_PLUGINPATH", None)  # an empty entry makes the Plugin Manager list the working folder
        environment.update(
            DISPLAY=self.display,
            QT_QPA_PLATFORM="xcb",
            XDG_RUNTIME_DIR=str(self.runtime),
            PYTHONDONTWRITEBYTECODE="1",
            LANG="C.UTF-8",
            TD_DESKTOP_HERE=str(HERE),
            TD_DESKTOP_OUT=str(out),
            TD_DESKTOP_SCENARIO=scenario,
            TD_DESKTOP_SAMPLE=str(ROOT / "sample" / "val-doise"),
        )
        environment.update(env or {})
        command = [
            QGIS,
            "--nologo",
            "--noversioncheck",
            "--profiles-path",
            str(self.profiles),
            "--code",
            str(HERE / "driver.py"),
        ]
        with open(out / "qgis.log", "w") as log:
            process = subprocess.run(
                command, env=environment, stdout=log, stderr=subprocess.STDOUT, timeout=timeout, cwd=self.workdir
            )
        path = out / "result.json"
        stacks = out / "stacks.txt"
        assert path.exists(), (
            f"QGIS exited ({process.returncode}) without a result; its output:\n"
            + (out / "qgis.log").read_text()
            + ("\nWhere it hung:\n" + stacks.read_text() if stacks.exists() else "")
        )
        result = json.loads(path.read_text(encoding="utf-8"))
        result["out"] = str(out)
        assert "error" not in result, result["error"]
        assert not result["unexpected_dialogs"], result["unexpected_dialogs"]
        return result


@pytest.fixture
def desktop(tmp_path, xvfb, plugin_zip):
    """``desktop(locale="fr", enabled=True, extra_ini="")`` -> a Desktop (a fresh profile)."""

    def make(**kwargs):
        return Desktop(tmp_path / f"desktop{len(list(tmp_path.iterdir()))}", xvfb, plugin_zip, **kwargs)

    return make
