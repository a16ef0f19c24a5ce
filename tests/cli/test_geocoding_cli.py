"""The geocoding and SIRENE algorithms through ``qgis_process.bin run``, against loopback servers."""

import json

import pytest
from qgis.core import QgsVectorLayer

from support.fake_geocoder import FakeGeocoder, FakeSirene
from support.replay import SERVICE_ENV

pytestmark = pytest.mark.cli


def service_env(httpserver, tmp_path, *services):
    env = {"TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "cache"), "TERRITORIAL_DATA_OFFLINE": "0"}
    for service in services:
        variable, prefix = SERVICE_ENV[service]
        env[variable] = httpserver.url_for(prefix)
    return env


def check_run(done, js):
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    assert js is not None and "OUTPUT" in js["results"], done.stdout[-2000:]
    return js


def test_geocode_addresses_cli(qgis_process, httpserver, tmp_path):
    fake = FakeGeocoder().install(httpserver, SERVICE_ENV["geocoding"][1])
    src = tmp_path / "adresses.csv"
    src.write_bytes(
        "numero;voie;code_postal\r\n10;rue de Rivoli;75004\r\n8;boulevard du Port;95000\r\n;;\r\n".encode("cp1252")
    )
    out = tmp_path / "geocoded.gpkg"
    done, js = qgis_process.run(
        "territorial:geocode_addresses",
        {"INPUT": str(src), "ADDRESS_FIELD": ["numero", "voie"], "POSTCODE_FIELD": "code_postal", "OUTPUT": str(out)},
        env=service_env(httpserver, tmp_path, "geocoding"),
    )
    check_run(done, js)
    layer = QgsVectorLayer(str(out), "out")
    rows = list(layer.getFeatures())
    assert [f["result_status"] for f in rows] == ["ok", "ok", "skipped"]
    point = rows[0].geometry().asPoint()
    assert (point.x(), point.y()) == pytest.approx((2.36041, 48.8555))
    assert rows[1]["result_label"] == "8 Boulevard du Port 95000 Cergy"
    assert len([e for e in fake.log if e["path"].endswith("/search/csv")]) == 1
    assert "2 addresses found" in json.dumps(js.get("log", {}))


def test_reverse_geocode_cli(qgis_process, httpserver, tmp_path):
    FakeGeocoder().install(httpserver, SERVICE_ENV["geocoding"][1])
    src = tmp_path / "points.geojson"
    src.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"name": "a"},
                        "geometry": {"type": "Point", "coordinates": [2.0629, 49.0316]},
                    },
                ],
            }
        ),
        encoding="utf-8",
    )
    out = tmp_path / "reverse.gpkg"
    done, js = qgis_process.run(
        "territorial:reverse_geocode",
        {"INPUT": str(src), "OUTPUT": str(out)},
        env=service_env(httpserver, tmp_path, "geocoding"),
    )
    check_run(done, js)
    feature = next(QgsVectorLayer(str(out), "out").getFeatures())
    assert feature["result_label"] == "8 Boulevard du Port 95000 Cergy" and feature["result_citycode"] == "95127"


def test_fetch_establishments_cli(qgis_process, httpserver, tmp_path):
    fake = FakeSirene().install(
        httpserver, SERVICE_ENV["sirene"][1], SERVICE_ENV["geo_api"][1], SERVICE_ENV["insee_sirene"][1]
    )
    out = tmp_path / "etab.gpkg"
    done, js = qgis_process.run(
        "territorial:fetch_establishments",
        {"TERRITORY": "35238", "OUTPUT": str(out)},
        env=service_env(httpserver, tmp_path, "sirene", "geo_api"),
    )
    check_run(done, js)
    feature = next(QgsVectorLayer(str(out), "out").getFeatures())
    assert feature["siret"] == "43524614500021" and feature["naf"] == "71.12B"
    assert [e["args"]["code_commune"] for e in fake.log if "args" in e] == ["35238"]


def test_bad_territory_fails_with_the_message(qgis_process, httpserver, tmp_path):
    done, _ = qgis_process.run(
        "territorial:fetch_establishments",
        {"TERRITORY": "Rennes", "OUTPUT": str(tmp_path / "x.gpkg")},
        env=service_env(httpserver, tmp_path, "sirene", "geo_api"),
    )
    assert done.returncode == 1
    assert "Cannot tell what territory 'Rennes' is" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
