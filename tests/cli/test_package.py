"""The plugin zip: layout, stamped version, compiled translation; installed into an empty profile,
the provider appears in qgis_process."""

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
