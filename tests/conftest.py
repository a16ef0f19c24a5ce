"""Test set-up shared by every suite.

- The repository root is loaded as the package ``territorial_data`` (its install name), without
  putting the root on sys.path (see DESIGN.md): ``import territorial_data`` works everywhere.
- Every test gets its own cache folder and online mode, and no proxy from the environment.
- ``TERRITORIAL_DATA_DEPRECATIONS=error`` (set by the LTR suite, ``make test-qgis-lts``): a
  ``DeprecationWarning`` raised from plugin code fails the test (``pytest.ini`` ignores them otherwise).
"""

import os
import sys
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "territorial_data"
DATA = ROOT / "tests" / "data"
SAMPLE = ROOT / "sample"


#: warnings filter module regex: the plugin package and its modules, whatever the test suite
PLUGIN_MODULES = rf"{PACKAGE}(\..*)?$"
DEPRECATIONS_FAIL = os.environ.get("TERRITORIAL_DATA_DEPRECATIONS", "") == "error"
if DEPRECATIONS_FAIL:  # from the start: the plugin is loaded below, before any test
    warnings.filterwarnings("error", category=DeprecationWarning, module=PLUGIN_MODULES)


def pytest_configure(config):
    if DEPRECATIONS_FAIL:  # after pytest.ini's "ignore::DeprecationWarning", so it wins
        config.addinivalue_line("filterwarnings", f"error::DeprecationWarning:{PLUGIN_MODULES}")


sys.path.insert(0, str(ROOT / "scripts"))
import plugin_loader  # noqa: E402

plugin_loader.load_plugin(ROOT, PACKAGE)
sys.path.insert(0, str(ROOT / "tests"))  # for `import support`

for _name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
    os.environ.pop(_name, None)
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path, monkeypatch):
    """A fresh cache folder per test, online, fast retries; yields the cache folder."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("TERRITORIAL_DATA_CACHE_DIR", str(cache))
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "0")
    monkeypatch.delenv("TERRITORIAL_DATA_SEED_DIRS", raising=False)
    from territorial_data.providers import http

    http._CLIENT = http.HttpClient(backoff=0.01)
    yield cache
    http._CLIENT = None


@pytest.fixture
def data_dir():
    return DATA


@pytest.fixture
def sample_dir():
    return SAMPLE


@pytest.fixture
def sample(sample_dir):
    """The Val-d'Oise sample files: base flux, flows by mode, zones."""
    folder = sample_dir / "val-doise"
    return {
        "flux": folder / "flux_domicile_travail_idf_rp2014_residence_95.csv",
        "modes": folder / "flux_domicile_travail_idf_rp2014_mode_csp_residence_95.csv",
        "zones": folder / "communes_idf.geojson",
    }


@pytest.fixture
def geo_dep35(httpserver, monkeypatch):
    """geo.api.gouv.fr on loopback, answering /communes with the communes of the 35 fixture."""
    from support.replay import JSON, fixture_bytes, point_service

    prefix = point_service(monkeypatch, "geo_api", httpserver)
    httpserver.expect_request(f"{prefix}/communes").respond_with_data(
        fixture_bytes("geo_communes_dep35.geojson"), content_type=JSON
    )
    return prefix


@pytest.fixture
def wfs(httpserver, monkeypatch):
    """The Géoplateforme WFS on loopback: ``wfs(FakeWfs(...))`` installs a fake server handler."""
    from support.replay import point_service

    prefix = point_service(monkeypatch, "wfs", httpserver)

    def install(fake):
        httpserver.expect_request(prefix).respond_with_handler(fake)
        return fake

    return install


@pytest.fixture(scope="session")
def postgis_server():
    """A PostgreSQL + PostGIS server on 127.0.0.1, for the whole session (stopped at the end)."""
    from support.postgis import PostgisServer, available

    if not available():
        pytest.fail("PostgreSQL and PostGIS are not installed: run make deps")
    server = PostgisServer().start()
    yield server
    server.stop()
