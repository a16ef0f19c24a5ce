#!/usr/bin/python3
"""Build the plugin zip installable through QGIS "Install from ZIP".

    scripts/package.py [--version X.Y.Z] [--out dist/]

The zip holds ``territorial_data/`` at its root: the committed files of the working tree
(``git stash create`` snapshots uncommitted changes of tracked files; untracked files are not
shipped), minus what ``.gitattributes`` marks ``export-ignore`` (tests, benchmarks, sample...),
plus the compiled translations (``i18n/*.qm``), with ``version=`` stamped into metadata.txt.

Modes: every file of the zip is 0644 and every folder (listed as its own entry) 0755, whatever the
working tree or the umask say; the zip itself is 0644 (a temporary file is 0600 until chmod).
"""

import argparse
import configparser
import io
import os
import stat
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "territorial_data"
FILE_MODE, DIR_MODE = 0o644, 0o755
DATE = (2020, 1, 1, 0, 0, 0)


def file_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=DATE)
    info.external_attr = (stat.S_IFREG | FILE_MODE) << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


def dir_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name.rstrip("/") + "/", date_time=DATE)
    info.external_attr = ((stat.S_IFDIR | DIR_MODE) << 16) | 0x10  # 0x10: the MS-DOS directory flag
    return info


def folders(names) -> list:
    """Every folder above the given file names, parents first."""
    found = set()
    for name in names:
        parts = name.split("/")[:-1]
        for depth in range(1, len(parts) + 1):
            found.add("/".join(parts[:depth]))
    return sorted(found)


def metadata_version() -> str:
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]["version"]


def compile_translations(folder: Path) -> list:
    """The ``.qm`` files, compiled by ``scripts/i18n.py`` (plain Python, no lrelease)."""
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import i18n

    return [i18n.release(folder / (i18n.TS.stem + ".qm"))]


def build(version: str, out_dir: Path) -> Path:
    ref = subprocess.run(
        ["git", "stash", "create"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    ref = ref or "HEAD"
    archive = subprocess.run(
        ["git", "archive", "--format=tar", f"--prefix={PLUGIN}/", ref], cwd=ROOT, capture_output=True, check=True
    ).stdout
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{PLUGIN}-{version}.zip"
    with tempfile.TemporaryDirectory() as tmp:
        qms = compile_translations(Path(tmp))
        handle, partial = tempfile.mkstemp(prefix=target.name + ".part-", dir=out_dir)
        os.close(handle)
        try:
            with (
                tarfile.open(fileobj=io.BytesIO(archive)) as tar,
                zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zf,
            ):
                files = {}
                for member in tar.getmembers():
                    if not member.isfile():
                        continue
                    data = tar.extractfile(member).read()
                    if member.name == f"{PLUGIN}/metadata.txt":
                        lines = data.decode("utf-8").splitlines()
                        lines = [f"version={version}" if line.startswith("version=") else line for line in lines]
                        data = ("\n".join(lines) + "\n").encode("utf-8")
                    files[member.name] = data
                for qm in qms:
                    files[f"{PLUGIN}/i18n/{qm.name}"] = qm.read_bytes()
                for folder in folders(files):
                    zf.writestr(dir_info(folder), b"")
                for name in sorted(files):
                    zf.writestr(file_info(name), files[name])
            os.chmod(partial, FILE_MODE)
            os.replace(partial, target)
        finally:
            if os.path.exists(partial):
                os.remove(partial)
    return target


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", default=os.environ.get("VERSION") or metadata_version())
    parser.add_argument("--out", default=str(ROOT / "dist"))
    args = parser.parse_args()
    path = build(args.version, Path(args.out))
    print(path)


if __name__ == "__main__":
    sys.exit(main())
