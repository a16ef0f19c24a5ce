"""territorial:fetch_bdtopo_roads through the Processing registry, against a loopback WFS."""

import json
import sqlite3

import pytest
from qgis.core import QgsApplication, QgsProcessingException, QgsVectorLayer, QgsWkbTypes
from shapely.geometry import LineString, shape

from support.fake_wfs import FakeWfs
from support.feedback import RecordingFeedback
from support.layers import output_layer
from support.replay import fixture_bytes
from territorial_data.compat import WkbType

ALG = "territorial:fetch_bdtopo_roads"
RENNES = "35238"


def extent_of(fake):
    xmin, ymin, xmax, ymax = fake.box
    return f"{xmin},{xmax},{ymin},{ymax} [EPSG:2154]"


def test_commune_to_geopackage_with_style_and_provenance(run_alg, wfs, geo_dep35, tmp_path):
    fake = wfs(FakeWfs(count=300, max_count=25))
    out = tmp_path / "roads.gpkg"
    results, feedback, _ = run_alg(ALG, {"CODE": RENNES, "OUTPUT": str(out)})
    layer = QgsVectorLayer(results["OUTPUT"], "roads")
    assert layer.isValid()
    data = json.loads(fixture_bytes("geo_communes_dep35.geojson"))
    rennes = next(shape(f["geometry"]) for f in data["features"] if f["properties"]["code"] == RENNES)
    expected = {
        f["properties"]["cleabs"]: f for f in fake.features if LineString(fake.lonlat_coords(f)).intersects(rennes)
    }
    features = {f["cleabs"]: f for f in layer.getFeatures()}
    assert set(features) == set(expected) and 0 < len(features) < 300
    assert layer.crs().authid() == "EPSG:2154"
    assert QgsWkbTypes.hasZ(layer.wkbType()) and QgsWkbTypes.flatType(layer.wkbType()) == WkbType.LineString
    some = sorted(features)[0]
    feature, source = features[some], expected[some]["properties"]
    assert feature["nature"] == source["nature"] and feature["vitesse_moyenne_vl"] == source["vitesse_moyenne_vl"]
    assert feature["sens_de_circulation"] == source["sens_de_circulation"]
    assert feature["one_way"] == {"Double sens": 0, "Sens direct": 1, "Sens inverse": -1}.get(
        source["sens_de_circulation"]
    )
    assert feature["acces_vehicule_leger"] == "Libre" and feature["importance"] == source["importance"]
    first_vertex = feature.geometry().vertexAt(0)
    assert (first_vertex.x(), first_vertex.y()) == pytest.approx(expected[some]["l93"][0][:2], abs=0.01)
    assert feature["source"] == "IGN BD TOPO®, Géoplateforme" and feature["licence"].startswith("Licence Ouverte")
    assert feature["retrieved_at"].endswith("Z")
    assert layer.fields().field("vitesse_moyenne_vl").type() in (2, 4)  # Int / LongLong
    assert layer.fields().field("urbain").typeName().lower() in ("boolean", "bool", "integer(boolean)")
    with sqlite3.connect(out) as db:
        styles = db.execute("select count(*) from layer_styles where useAsDefault").fetchone()[0]
        metadata = " ".join(m[0] for m in db.execute("select metadata from gpkg_metadata").fetchall())
    assert styles == 1
    assert "BD TOPO" in metadata and "2026-09-01" in metadata and "geo.api.gouv.fr" in metadata
    assert any("do not touch the territory" in m for m in feedback.infos)
    starts = [int(r["STARTINDEX"]) for r in fake.requests]
    assert len(starts) > 1 and starts == list(range(0, 25 * len(starts), 25))


def test_extent_pages_and_progress(run_alg, wfs):
    fake = wfs(FakeWfs(count=230, max_count=40))
    results, feedback, context = run_alg(
        ALG, {"EXTENT": extent_of(fake), "PAGE_SIZE": 50, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    layer = output_layer(results["OUTPUT"], context)
    assert layer.featureCount() == 230
    assert sorted(f["cleabs"] for f in layer.getFeatures()) == sorted(f["properties"]["cleabs"] for f in fake.features)
    assert [r["COUNT"] for r in fake.requests] == ["50"] * 6
    assert [int(r["STARTINDEX"]) for r in fake.requests] == [0, 40, 80, 120, 160, 200]
    # the bar only moves forward, and ends full
    assert feedback.progress_values == sorted(feedback.progress_values) and feedback.progress_values[-1] == 100
    assert any("230 road segments kept; 230 received over 6 pages (numberMatched: 230)" in m for m in feedback.infos)


def test_429_then_500_then_success(run_alg, wfs):
    fake = wfs(FakeWfs(count=20, script=[(429, {"Retry-After": "1"}), 500]))
    results, _, context = run_alg(ALG, {"EXTENT": extent_of(fake), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert output_layer(results["OUTPUT"], context).featureCount() == 20
    assert fake.statuses == [429, 500, 200]


def test_malformed_answer(run_alg, wfs, tmp_path):
    fake = wfs(FakeWfs(count=20, malformed=True))
    out = tmp_path / "x.gpkg"
    with pytest.raises(QgsProcessingException) as error:
        run_alg(ALG, {"EXTENT": extent_of(fake), "OUTPUT": str(out)})
    assert "Géoplateforme WFS (IGN): the answer is not valid JSON" in str(error.value)
    assert not out.exists()


def test_empty_result(run_alg, wfs):
    wfs(FakeWfs(count=20))
    with pytest.raises(QgsProcessingException, match="The WFS returned no road segment for this extent"):
        run_alg(ALG, {"EXTENT": "100000,101000,6200000,6201000 [EPSG:2154]", "OUTPUT": "TEMPORARY_OUTPUT"})


def test_truncation_fails_or_warns(run_alg, wfs, tmp_path):
    fake = wfs(FakeWfs(count=100, max_count=30, truncate_at=60))
    out = tmp_path / "t.gpkg"
    with pytest.raises(QgsProcessingException, match="announced 100 road segments but only 60 arrived"):
        run_alg(ALG, {"EXTENT": extent_of(fake), "OUTPUT": str(out)})
    assert not out.exists()
    results, feedback, context = run_alg(
        ALG, {"EXTENT": extent_of(fake), "ALLOW_INCOMPLETE": True, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert output_layer(results["OUTPUT"], context).featureCount() == 60
    assert any("40 segments are missing" in w for w in feedback.warnings)


def test_cancel_between_pages_writes_nothing(run_alg, wfs, tmp_path):
    fake = wfs(FakeWfs(count=200, max_count=40))
    out = tmp_path / "c.gpkg"
    feedback = RecordingFeedback(cancel_after_progress=20)  # after the second page of five (fetching: 0-50 %)
    with pytest.raises(QgsProcessingException, match="Cancelled: nothing was written"):
        run_alg(ALG, {"EXTENT": extent_of(fake), "OUTPUT": str(out)}, feedback=feedback)
    assert len(fake.requests) == 2 and not out.exists()


def test_bad_parameters(run_alg):
    with pytest.raises(QgsProcessingException, match="territory code .* or an extent"):
        run_alg(ALG, {"OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="not both"):
        run_alg(ALG, {"CODE": RENNES, "EXTENT": "0,1,0,1 [EPSG:2154]", "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="Cannot tell what territory '1234' is"):
        run_alg(ALG, {"CODE": "1234", "OUTPUT": "TEMPORARY_OUTPUT"})


def test_unknown_commune(run_alg, geo_dep35):
    with pytest.raises(QgsProcessingException, match="No commune has the INSEE code 35999"):
        run_alg(ALG, {"CODE": "35999", "OUTPUT": "TEMPORARY_OUTPUT"})


def test_offline_without_cache(run_alg, wfs, monkeypatch):
    fake = wfs(FakeWfs(count=5))
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    with pytest.raises(QgsProcessingException, match="Offline mode is on"):
        run_alg(ALG, {"EXTENT": extent_of(fake), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert not fake.requests


def test_help_and_style(territorial_provider):
    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    text = alg.shortHelpString()
    assert "numberMatched" in text and "Licence Ouverte" in text and "BD TOPO" in text
    assert "troncon_de_route" in alg.help_html("fr") and "Interrogation du service" in alg.help_html("fr")
    from territorial_data.processing.outputs.sinks import STYLES_DIR

    layer = QgsVectorLayer("LineString?crs=EPSG:2154&field=importance:string", "t", "memory")
    message, ok = layer.loadNamedStyle(f"{STYLES_DIR}/bdtopo_roads.qml")
    assert ok, message
    renderer = layer.renderer()
    assert renderer.type() == "categorizedSymbol" and renderer.classAttribute() == "importance"
    assert [c.value() for c in renderer.categories()] == ["1", "2", "3", "4", "5", "6", ""]
