"""territorial:reverse_geocode through the Processing registry, against a loopback Géoplateforme geocoder."""

import pytest
from qgis.core import QgsApplication, QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException, QgsVectorLayer

from support.fake_geocoder import FakeGeocoder
from support.layers import output_layer
from support.replay import point_service
from territorial_data.providers import geocoding

ALG = "territorial:reverse_geocode"


@pytest.fixture
def fake(httpserver, monkeypatch):
    prefix = point_service(monkeypatch, "geocoding", httpserver)
    return FakeGeocoder().install(httpserver, prefix)


def lambert93_points(points):
    """A point layer in EPSG:2154 (Lambert-93), with a name field."""
    layer = QgsVectorLayer("Point?crs=EPSG:2154&field=name:string", "pts", "memory")
    for name, xy in points:
        feature = QgsFeature(layer.fields())
        feature.setAttributes([name])
        if xy is not None:
            feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(*xy)))
        layer.dataProvider().addFeature(feature)
    return layer


def test_nearest_address_of_lambert93_points(run_alg, fake, httpserver):
    # 653080, 6861915: about 12 m from 10 rue de Rivoli, whose Lambert-93 x/y the service reports
    layer = lambert93_points([("hôtel", (653080.0, 6861915.0)), ("nowhere", (900000.0, 6300000.0)), ("empty", None)])
    results, feedback, context = run_alg(ALG, {"INPUT": layer, "OUTPUT": "TEMPORARY_OUTPUT"})
    out = output_layer(results["OUTPUT"], context)
    assert out.crs().authid() == "EPSG:2154"
    rows = {f["name"]: f for f in out.getFeatures()}
    assert len(rows) == 3
    hotel = rows["hôtel"]
    assert hotel["result_status"] == "ok" and hotel["result_label"] == "10 Rue de Rivoli 75004 Paris"
    assert hotel["result_citycode"] == "75104" and hotel["result_postcode"] == "75004"
    assert 8 <= hotel["result_distance"] <= 16
    assert hotel["result_longitude"] == pytest.approx(2.36041)
    assert hotel.geometry().asPoint().x() == pytest.approx(653080.0)  # the input point is kept
    assert rows["nowhere"]["result_status"] == "not-found"
    assert rows["empty"]["result_status"] == "skipped"
    assert hotel["licence"].startswith("Licence Ouverte")
    sent = fake.log[-1]
    assert sent["path"].endswith("/reverse/csv") and sent["rows"] == 2
    assert "1 points with an address, 1 without an address nearby, 1 skipped, 0 in error (1 requests" in feedback.text()


def test_429_then_500_then_success_over_several_chunks(run_alg, fake, httpserver, monkeypatch):
    monkeypatch.setattr(geocoding, "CHUNK_ROWS", 1)
    fake.script += [("429", 1), ("500",)]
    layer = lambert93_points([("a", (653080.0, 6861915.0)), ("b", (653060.0, 6861900.0))])
    results, _, context = run_alg(ALG, {"INPUT": layer, "OUTPUT": "TEMPORARY_OUTPUT"})
    rows = list(output_layer(results["OUTPUT"], context).getFeatures())
    assert [f["result_status"] for f in rows] == ["ok", "ok"]
    assert len([r for r, _ in httpserver.log if r.path.endswith("/reverse/csv")]) == 4  # 2 chunks + 2 retries


def test_malformed_answer_is_a_clear_error(run_alg, fake):
    fake.script.append(("malformed",))
    layer = lambert93_points([("a", (653080.0, 6861915.0))])
    with pytest.raises(QgsProcessingException, match="malformed answer"):
        run_alg(ALG, {"INPUT": layer, "OUTPUT": "TEMPORARY_OUTPUT"})


def test_empty_layer_is_refused(run_alg, fake, httpserver):
    with pytest.raises(QgsProcessingException, match="no points"):
        run_alg(ALG, {"INPUT": lambert93_points([]), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert len(httpserver.log) == 0


def test_help(territorial_provider):
    text = QgsApplication.processingRegistry().algorithmById(ALG).shortHelpString()
    assert "/reverse/csv" in text and "Licence Ouverte" in text
