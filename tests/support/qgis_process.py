"""Run ``qgis_process.bin`` headless in an isolated QGIS profile with the plugin enabled.

Debian's ``qgis_process`` wrapper passes ``--noversioncheck``, which QGIS 3.22 does not know: it
prints an error and exits 0 having done nothing. ``qgis_process.bin`` is the real program.
"""

import json
import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
PLUGIN = "territorial_data"


class QgisProcess:
    def __init__(self, workdir: Path, extra_ini: str = "", link: bool = True):
        self.workdir = Path(workdir)
        self.config = self.workdir / "qgis-config"
        self.plugins = self.workdir / "plugins"
        self.plugins.mkdir(parents=True, exist_ok=True)
        target = self.plugins / PLUGIN
        if link and not target.exists():
            target.symlink_to(ROOT, target_is_directory=True)
        ini = self.config / "profiles" / "default" / "QGIS" / "QGIS3.ini"
        ini.parent.mkdir(parents=True, exist_ok=True)
        ini.write_text(f"[PythonPlugins]\n{PLUGIN}=true\n{extra_ini}", encoding="utf-8")
        runtime = self.workdir / "xdg-runtime"
        runtime.mkdir(exist_ok=True, mode=0o700)
        self.env = dict(os.environ)
        self.env.update(
            QT_QPA_PLATFORM="offscreen",
            XDG_RUNTIME_DIR=str(runtime),
            QGIS_CUSTOM_CONFIG_PATH=str(self.config),
            QGIS_PLUGINPATH=str(self.plugins),
            PYTHONDONTWRITEBYTECODE="1",
        )

    def __call__(self, *args, timeout=600, env=None):
        exe = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"
        full_env = dict(self.env, **(env or {}))
        return subprocess.run(
            [exe, *map(str, args)], capture_output=True, text=True, env=full_env, timeout=timeout, cwd=str(self.workdir)
        )

    def run(self, alg_id, params, env=None, timeout=600):
        """``qgis_process.bin --json run alg -- K=V ...``; returns (completed, parsed json or None)."""
        args = ["--json", "run", alg_id, "--"]
        for key, value in params.items():
            values = value if isinstance(value, (list, tuple)) else [value]
            args += [f"{key}={v}" for v in values]
        done = self(*args, env=env, timeout=timeout)
        parsed = None
        start = done.stdout.find("{")
        if start >= 0:
            try:
                parsed = json.loads(done.stdout[start:])
            except ValueError:
                parsed = None
        return done, parsed
