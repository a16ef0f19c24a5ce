"""The plugin zip: layout, stamped version, compiled translation; installed into an empty profile,
the provider appears in qgis_process."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from support.qgis_process import QgisProcess

ROOT = Path(__file__).resolve().parents[2]


def build(tmp_path, version="9.8.7"):
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "package.py"), "--version", version, "--out", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.strip())


def test_zip_layout(tmp_path):
    path = build(tmp_path)
    assert path.name == "territorial_data-9.8.7.zip"
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        metadata = zf.read("territorial_data/metadata.txt").decode()
    assert all(name.startswith("territorial_data/") for name in names)
    for required in (
        "__init__.py",
        "plugin.py",
        "metadata.txt",
        "processing/provider.py",
        "providers/http.py",
        "i18n/territorial_data_fr.qm",
        "ui/icons/territorial.svg",
    ):
        assert f"territorial_data/{required}" in names, required
    for excluded in ("tests/", "benchmarks/", "sample/", "scripts/", "Makefile", ".ci/", "pytest.ini"):
        assert not any(name.startswith(f"territorial_data/{excluded}") for name in names), excluded
    assert "version=9.8.7" in metadata.splitlines()


def test_installed_zip_registers_the_provider(tmp_path):
    path = build(tmp_path / "dist")
    runner = QgisProcess(tmp_path / "profile", link=False)
    plugins = runner.config / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(path) as zf:
        zf.extractall(plugins)
    runner.env["QGIS_PLUGINPATH"] = ""
    done = runner("list")
    assert done.returncode == 0, done.stderr
    assert "territorial:fetch_admin_boundaries" in done.stdout


def test_installed_zip_speaks_french_to_a_french_qgis(tmp_path):
    path = build(tmp_path / "dist")
    runner = QgisProcess(tmp_path / "profile", extra_ini="[locale]\noverrideFlag=true\nuserLocale=fr_FR\n", link=False)
    plugins = runner.config / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(path) as zf:
        zf.extractall(plugins)
    runner.env["QGIS_PLUGINPATH"] = ""
    done = runner("help", "territorial:fetch_admin_boundaries")
    assert done.returncode == 0, done.stderr
    assert "Récupérer les limites administratives" in done.stdout  # the algorithm's name, from the .qm
    assert "Télécharge les limites administratives" in done.stdout  # the French help file
    assert "Sources et licences" in done.stdout


def test_zip_modes(tmp_path):
    """Files 0644, folders 0755 (each listed), the zip itself 0644: not the 0600 of a temporary file."""
    import stat

    path = build(tmp_path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    files = [i for i in infos if not i.is_dir()]
    folders = [i for i in infos if i.is_dir()]
    assert files and folders
    assert {stat.S_IMODE(i.external_attr >> 16) for i in files} == {0o644}
    assert all(stat.S_ISREG(i.external_attr >> 16) for i in files)
    assert {stat.S_IMODE(i.external_attr >> 16) for i in folders} == {0o755}
    assert all(stat.S_ISDIR(i.external_attr >> 16) for i in folders)
    listed = {i.filename.rstrip("/") for i in folders}
    for info in files:  # every folder of every file has its own entry
        parent = info.filename.rsplit("/", 1)[0]
        assert parent in listed, info.filename
    # extracted by a tool that applies modes (unzip, file managers), they read as expected
    target = tmp_path / "x"
    with zipfile.ZipFile(path) as zf:
        for info in infos:
            zf.extract(info, target)
            os.chmod(target / info.filename, stat.S_IMODE(info.external_attr >> 16))
    assert stat.S_IMODE((target / "territorial_data" / "plugin.py").stat().st_mode) == 0o644
    assert stat.S_IMODE((target / "territorial_data" / "ui").stat().st_mode) == 0o755
