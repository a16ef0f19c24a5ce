#!/usr/bin/python3
"""Build the plugin zip installable through QGIS "Install from ZIP".

    scripts/package.py [--version X.Y.Z] [--out dist/]

The zip holds ``territorial_data/`` at its root: the committed files of the working tree
(``git stash create`` snapshots uncommitted changes of tracked files; untracked files are not
shipped), minus what ``.gitattributes`` marks ``export-ignore`` (tests, benchmarks, sample...),
plus the compiled translations (``i18n/*.qm``), with ``version=`` stamped into metadata.txt.
"""

import argparse
import configparser
import io
import os
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "territorial_data"


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
                for member in tar.getmembers():
                    if not member.isfile():
                        continue
                    data = tar.extractfile(member).read()
                    if member.name == f"{PLUGIN}/metadata.txt":
                        lines = data.decode("utf-8").splitlines()
                        lines = [f"version={version}" if line.startswith("version=") else line for line in lines]
                        data = ("\n".join(lines) + "\n").encode("utf-8")
                    info = zipfile.ZipInfo(member.name, date_time=(2020, 1, 1, 0, 0, 0))
                    info.external_attr = (member.mode & 0o777) << 16
                    info.compress_type = zipfile.ZIP_DEFLATED
                    zf.writestr(info, data)
                for qm in qms:
                    zf.write(qm, f"{PLUGIN}/i18n/{qm.name}")
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
