"""Loopback HTTP replay helpers on top of pytest-httpserver (a real server on 127.0.0.1).

Typical use in a test::

    def test_x(httpserver, monkeypatch):
        point_service(monkeypatch, "geo_api", httpserver)        # base URL -> loopback
        httpserver.expect_request("/geo/communes").respond_with_data(
            fixture_bytes("geo_communes_dep35.geojson"), content_type=JSON)
"""

from pathlib import Path

FIXTURES = Path(__file__).resolve().parent.parent / "data" / "fixtures"
JSON = "application/json; charset=utf-8"

#: service key -> environment variable of its base URL, and the path prefix used on the server
SERVICE_ENV = {
    "geocoding": ("TERRITORIAL_DATA_GEOCODING_URL", "/geocodage"),
    "geo_api": ("TERRITORIAL_DATA_GEO_API_URL", "/geo"),
    "sirene": ("TERRITORIAL_DATA_SIRENE_URL", "/sirene"),
    "insee_sirene": ("TERRITORIAL_DATA_INSEE_SIRENE_URL", "/insee"),
    "datagouv": ("TERRITORIAL_DATA_DATAGOUV_URL", "/datagouv/api/1"),
    "transport": ("TERRITORIAL_DATA_TRANSPORT_URL", "/transport/api"),
    "wfs": ("TERRITORIAL_DATA_WFS_URL", "/wfs/ows"),
}


def point_service(monkeypatch, service: str, httpserver) -> str:
    """Point one service's base URL at the loopback server; returns the path prefix."""
    env, prefix = SERVICE_ENV[service]
    monkeypatch.setenv(env, httpserver.url_for(prefix))
    return prefix


def fixture_path(name: str) -> Path:
    return FIXTURES / name


def fixture_bytes(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()
