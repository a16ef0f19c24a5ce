#!/usr/bin/python3
"""The Qt 6 / QGIS 4 readiness check (``make compat-check``): nothing left to migrate outside compat.py.

1. ``scripts/compat_sweep.py --check``: every field type, moved enum and changed call goes through
   ``compat.py``;
2. ``pyqt5to6`` (PyPI package ``qgis-pyqt5to6``, the QGIS project's PyQt5 -> PyQt6 migration script) run
   on a copy of the tracked files: it must change nothing but ``compat.py`` and warn about nothing.
   It rewrites files in place, hence the copy.

    .venv/bin/python scripts/compat_check.py [--pyqt5to6 COMMAND]

Exit 0 when both find nothing; else the files and the diff, exit 1.
"""

import argparse
import difflib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: the one file allowed to know about both worlds
ALLOWED = {"compat.py"}


def tracked_files(root):
    out = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True).stdout.decode()
    return [f for f in out.split("\0") if f and (root / f).is_file()]


def run_pyqt5to6(root, command):
    """``(changed files -> unified diff, tool messages)`` of pyqt5to6 run on a copy of the tracked .py files."""
    with tempfile.TemporaryDirectory(prefix="pyqt5to6-") as tmp:
        copy = Path(tmp) / "territorial_data"
        files = [f for f in tracked_files(root) if f.endswith(".py")]
        for relpath in files:
            target = copy / relpath
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(root / relpath, target)
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
        done = subprocess.run([*command, str(copy)], capture_output=True, text=True, env=env, cwd=tmp)
        messages = [
            line.replace(str(copy) + "/", "")
            for line in (done.stdout + done.stderr).splitlines()
            if line.strip() and "only a partial upgrade" not in line
        ]
        if done.returncode not in (0, 1):  # 1: "some file changed"
            messages.append(f"pyqt5to6 exited {done.returncode}")
        changed = {}
        for relpath in files:
            before = (root / relpath).read_text(encoding="utf-8")
            after = (copy / relpath).read_text(encoding="utf-8")
            if before != after:
                changed[relpath] = "".join(
                    difflib.unified_diff(
                        before.splitlines(keepends=True), after.splitlines(keepends=True), relpath, relpath
                    )
                )
        return changed, messages


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--pyqt5to6",
        default=None,
        help="the command that runs the migration script (default: pyqt5to6 beside this Python)",
    )
    args = parser.parse_args(argv)
    failed = False

    sweep = subprocess.run([sys.executable, str(ROOT / "scripts" / "compat_sweep.py"), "--check"], cwd=ROOT)
    if sweep.returncode:
        print("compat_sweep.py --check: code still to go through compat.py (above)")
        failed = True
    else:
        print("compat_sweep.py --check: nothing to rewrite")

    command = args.pyqt5to6.split() if args.pyqt5to6 else None
    if command is None:
        exe = Path(sys.executable).parent / "pyqt5to6"
        command = [str(exe)] if exe.exists() else None
    if command is None:
        print("pyqt5to6 not found: install the test tools (make compat-check does)", file=sys.stderr)
        return 2
    changed, messages = run_pyqt5to6(ROOT, command)
    findings = {f: d for f, d in changed.items() if f not in ALLOWED}
    for relpath in sorted(findings):
        print(findings[relpath])
    for line in messages:
        print(f"pyqt5to6: {line}")
    if findings or messages:
        print(f"pyqt5to6: {len(findings)} file(s) to migrate outside compat.py, {len(messages)} message(s)")
        failed = True
    else:
        print(f"pyqt5to6: nothing to migrate outside compat.py ({len(changed)} change(s) in compat.py)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
