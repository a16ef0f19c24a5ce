"""territorial:fetch_admin_boundaries through the Processing registry, against a loopback server."""

import sqlite3

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from support.layers import output_layer
from support.replay import JSON, fixture_bytes, point_service

COMMUNES_DEP35 = {
    "codeDepartement": "35",
    "format": "geojson",
    "geometry": "contour",
    "fields": "nom,code,population,codeEpci,codeDepartement,codeRegion",
}


@pytest.fixture
def geo(httpserver, monkeypatch):
    prefix = point_service(monkeypatch, "geo_api", httpserver)
    return prefix


def serve_dep35(httpserver, prefix):
    httpserver.expect_request(f"{prefix}/communes", query_string=COMMUNES_DEP35).respond_with_data(
        fixture_bytes("geo_communes_dep35.geojson"), content_type=JSON
    )


def test_communes_of_a_departement(run_alg, httpserver, geo, tmp_path):
    serve_dep35(httpserver, geo)
    out = tmp_path / "communes.gpkg"
    results, feedback, _ = run_alg(
        "territorial:fetch_admin_boundaries", {"LEVEL": "commune", "CODE": "35", "OUTPUT": str(out)}
    )
    layer = QgsVectorLayer(results["OUTPUT"], "communes")
    assert layer.isValid()
    assert layer.featureCount() == 4
    rennes = next(f for f in layer.getFeatures() if f["code"] == "35238")
    assert rennes["nom"] == "Rennes"
    assert rennes["population"] == 230890
    assert rennes["code_epci"] == "243500139"
    assert rennes["code_departement"] == "35"
    assert rennes["licence"].startswith("Licence Ouverte")
    assert rennes["retrieved_at"].endswith("Z")
    assert layer.fields().field("code").typeName().lower() in ("string", "text")
    # provenance and style are stored in the GeoPackage
    with sqlite3.connect(out) as db:
        styles = db.execute("select count(*) from layer_styles where useAsDefault").fetchone()[0]
        metadata = db.execute("select metadata from gpkg_metadata").fetchall()
    assert styles == 1
    assert any("geo.api.gouv.fr" in m[0] or "INSEE" in m[0] for m in metadata)


def test_departement_dissolved_from_communes(run_alg, httpserver, geo):
    serve_dep35(httpserver, geo)
    httpserver.expect_request(f"{geo}/departements").respond_with_data(
        fixture_bytes("geo_departements_reg53.json"), content_type=JSON
    )
    results, _, context = run_alg(
        "territorial:fetch_admin_boundaries",
        {"LEVEL": "departement", "CODE": "35", "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    layer = output_layer(results["OUTPUT"], context)
    features = list(layer.getFeatures())
    assert [f["code"] for f in features] == ["35"]
    assert features[0]["nom"] == "Ille-et-Vilaine"
    assert features[0]["code_region"] == "53"


def test_unknown_epci_says_what_to_check(run_alg, httpserver, geo):
    with pytest.raises(QgsProcessingException) as error:
        run_alg(
            "territorial:fetch_admin_boundaries",
            {"LEVEL": "commune", "CODE": "2435001390", "OUTPUT": "TEMPORARY_OUTPUT"},
        )
    assert "no commune found for EPCI 2435001390: check the SIREN code (9 digits)" in str(error.value)


def test_empty_answer_for_valid_code(run_alg, httpserver, geo):
    httpserver.expect_request(f"{geo}/communes").respond_with_json({"type": "FeatureCollection", "features": []})
    with pytest.raises(QgsProcessingException, match="no commune found for EPCI 200054781"):
        run_alg(
            "territorial:fetch_admin_boundaries",
            {"LEVEL": "commune", "CODE": "200054781", "OUTPUT": "TEMPORARY_OUTPUT"},
        )


def test_service_down_gives_the_http_layer_message(run_alg, httpserver, geo, tmp_path):
    httpserver.expect_request(f"{geo}/communes").respond_with_data("oops", status=503)
    out = tmp_path / "x.gpkg"
    with pytest.raises(QgsProcessingException) as error:
        run_alg("territorial:fetch_admin_boundaries", {"LEVEL": "commune", "CODE": "35", "OUTPUT": str(out)})
    message = str(error.value)
    assert "geo.api.gouv.fr" in message and "HTTP 503" in message and "try again later" in message
    assert not out.exists()


def test_offline_without_cache_says_so(run_alg, httpserver, geo, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    with pytest.raises(QgsProcessingException, match="Offline mode is on"):
        run_alg("territorial:fetch_admin_boundaries", {"LEVEL": "commune", "CODE": "35", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert len(httpserver.log) == 0


def test_offline_serves_the_cache(run_alg, httpserver, geo, monkeypatch):
    serve_dep35(httpserver, geo)
    run_alg("territorial:fetch_admin_boundaries", {"LEVEL": "commune", "CODE": "35", "OUTPUT": "TEMPORARY_OUTPUT"})
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    httpserver.clear()
    results, _, _ = run_alg(
        "territorial:fetch_admin_boundaries", {"LEVEL": "commune", "CODE": "35", "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert results["OUTPUT"]
    assert len(httpserver.log) == 0


def test_help_names_source_and_licence(territorial_provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById("territorial:fetch_admin_boundaries")
    text = alg.shortHelpString()
    assert "geo.api.gouv.fr" in text and "Licence Ouverte" in text and "PARENT" not in text
