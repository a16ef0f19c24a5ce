"""The plugin's language in qgis_process.bin: the profile's locale override, a bare « C » locale, and
TERRITORIAL_DATA_LANGUAGE forcing the language of outputs and messages for batch runs (issue 13)."""

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from support.qgis_process import QgisProcess

FRENCH_PROFILE = "[locale]\noverrideFlag=true\nuserLocale=fr\n"
NAME_FR = "Récupérer les limites administratives"
NAME_EN = "Fetch administrative boundaries"


ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def plugin_zip(tmp_path_factory):
    """The zip a user installs: it holds the compiled French translation (the repository may not)."""
    out = tmp_path_factory.mktemp("dist")
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "package.py"), "--out", str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return Path(done.stdout.strip())


def installed(workdir, plugin_zip, extra_ini=""):
    runner = QgisProcess(workdir, extra_ini=extra_ini, link=False)
    plugins = runner.config / "profiles" / "default" / "python" / "plugins"
    plugins.mkdir(parents=True)
    with zipfile.ZipFile(plugin_zip) as zf:
        zf.extractall(plugins)
    runner.env.pop("QGIS_PLUGINPATH", None)
    return runner


@pytest.fixture
def sample_cache(tmp_path, sample_dir):
    cache = tmp_path / "cache"
    shutil.copytree(sample_dir / "cache", cache)
    return cache


def run_communes_95(runner, tmp_path, cache, env=None):
    """fetch_admin_boundaries for the 95 from the seeded cache (offline); returns (done, layer metadata)."""
    from qgis.core import QgsVectorLayer

    out = tmp_path / f"communes-{len(list(tmp_path.iterdir()))}.gpkg"
    environment = {"TERRITORIAL_DATA_CACHE_DIR": str(cache), "TERRITORIAL_DATA_OFFLINE": "1", **(env or {})}
    done, result = runner.run(
        "territorial:fetch_admin_boundaries", {"LEVEL": "commune", "CODE": "95", "OUTPUT": out}, env=environment
    )
    assert done.returncode == 0, done.stdout + done.stderr
    layer = QgsVectorLayer(str(out), "communes")
    assert layer.isValid() and layer.featureCount() > 100
    return done, layer.metadata()


def test_a_french_profile_gets_french_help_messages_and_metadata(tmp_path, plugin_zip, sample_cache, qgis_app):
    runner = installed(tmp_path / "fr", plugin_zip, FRENCH_PROFILE)
    help_text = runner("help", "territorial:fetch_admin_boundaries").stdout
    assert NAME_FR in help_text and "Sources et licences" in help_text
    done, metadata = run_communes_95(runner, tmp_path, sample_cache)
    assert metadata.language() == "fr"


def test_a_c_locale_speaks_english_not_c(tmp_path, plugin_zip, sample_cache, qgis_app):
    """No override and LANG=C: the metadata language was « C »."""
    runner = installed(tmp_path / "c", plugin_zip)
    runner.env.update(LANG="C.UTF-8", LC_ALL="C.UTF-8")
    assert NAME_EN in runner("help", "territorial:fetch_admin_boundaries").stdout
    _, metadata = run_communes_95(runner, tmp_path, sample_cache)
    assert metadata.language() == "en"


def test_the_environment_variable_forces_french_on_an_english_profile(tmp_path, plugin_zip, sample_cache, qgis_app):
    runner = installed(tmp_path / "force-fr", plugin_zip)
    env = {"TERRITORIAL_DATA_LANGUAGE": "fr"}
    help_text = runner("help", "territorial:fetch_admin_boundaries", env=env).stdout
    assert NAME_FR in help_text and "Télécharge les limites administratives" in help_text
    _, metadata = run_communes_95(runner, tmp_path, sample_cache, env=env)
    assert metadata.language() == "fr"


def test_the_environment_variable_forces_english_on_a_french_profile(tmp_path, plugin_zip, sample_cache, qgis_app):
    runner = installed(tmp_path / "force-en", plugin_zip, FRENCH_PROFILE)
    env = {"TERRITORIAL_DATA_LANGUAGE": "en"}
    help_text = runner("help", "territorial:fetch_admin_boundaries", env=env).stdout
    assert NAME_EN in help_text and NAME_FR not in help_text
    _, metadata = run_communes_95(runner, tmp_path, sample_cache, env=env)
    assert metadata.language() == "en"


def test_the_profile_setting_forces_the_language(tmp_path, plugin_zip, qgis_app):
    """The options page's setting (territorial_data/language) works in qgis_process as well."""
    runner = installed(tmp_path / "setting", plugin_zip, "[territorial_data]\nlanguage=fr\n")
    assert NAME_FR in runner("help", "territorial:fetch_admin_boundaries").stdout
