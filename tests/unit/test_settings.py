import pytest

from territorial_data.providers import settings as s


def test_defaults(monkeypatch):
    for name in s.ENV_NAMES.values():
        monkeypatch.delenv(name, raising=False)
    got = s.get_settings()
    assert got.geocoding_url == "https://data.geopf.fr/geocodage"
    assert got.geo_api_url == "https://geo.api.gouv.fr"
    assert got.wfs_url == "https://data.geopf.fr/wfs/ows"
    assert got.offline is False and got.cache_dir == ""


def test_design_md_variable_names():
    names = set(s.ENV_NAMES.values())
    for name in (
        "TERRITORIAL_DATA_GEOCODING_URL",
        "TERRITORIAL_DATA_GEO_API_URL",
        "TERRITORIAL_DATA_SIRENE_URL",
        "TERRITORIAL_DATA_DATAGOUV_URL",
        "TERRITORIAL_DATA_TRANSPORT_URL",
        "TERRITORIAL_DATA_WFS_URL",
        "TERRITORIAL_DATA_CACHE_DIR",
        "TERRITORIAL_DATA_OFFLINE",
    ):
        assert name in names


def test_environment_overrides_and_types(monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_WFS_URL", "http://127.0.0.1:8080/wfs/")
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "yes")
    monkeypatch.setenv("TERRITORIAL_DATA_READ_TIMEOUT", "2.5")
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "7")
    got = s.get_settings()
    assert got.wfs_url == "http://127.0.0.1:8080/wfs"  # trailing slash dropped
    assert got.offline is True and got.read_timeout == 2.5 and got.max_retries == 7


def test_blank_environment_value_means_default(monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_GEO_API_URL", "  ")
    assert s.get_settings().geo_api_url == "https://geo.api.gouv.fr"


def test_bad_boolean_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "perhaps")
    with pytest.raises(ValueError, match="TERRITORIAL_DATA_OFFLINE.*use 1 or 0"):
        s.get_settings()


def test_cache_dir_override(monkeypatch, tmp_path):
    monkeypatch.setenv("TERRITORIAL_DATA_CACHE_DIR", str(tmp_path))
    assert s.cache_dir() == str(tmp_path)
    monkeypatch.delenv("TERRITORIAL_DATA_CACHE_DIR")
    assert s.cache_dir().endswith("territorial_data")
