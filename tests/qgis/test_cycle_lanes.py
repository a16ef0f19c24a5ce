"""territorial:fetch_cycle_lanes through the Processing registry: local BNAC files and the national file on loopback."""

import json
import sqlite3
from collections import Counter

import pytest
from qgis.core import (
    QgsApplication,
    QgsCoordinateTransformContext,
    QgsProcessingException,
    QgsVectorFileWriter,
    QgsVectorLayer,
    QgsWkbTypes,
)
from shapely.geometry import box, shape
from shapely.ops import unary_union
from werkzeug.wrappers import Response

from support.fake_wfs import BNAC_VAL_DOISE, COMMUNES_IDF, datagouv_dataset, geo_api_communes
from support.feedback import RecordingFeedback
from support.layers import output_layer
from support.replay import JSON, fixture_path, point_service
from territorial_data.compat import WkbType

ALG = "territorial:fetch_cycle_lanes"
CERGY_PONTOISE = "249500109"
RAW = json.loads(BNAC_VAL_DOISE.read_text(encoding="utf-8"))["features"]
EXTENT = (2.0, 49.0, 2.1, 49.06)
EXTENT_TEXT = "2.0,2.1,49.0,49.06 [EPSG:4326]"
SLUG = "amenagements-cyclables-france-metropolitaine"


def ids_touching(area):
    return sorted(f["properties"]["id_local"] for f in RAW if shape(f["geometry"]).intersects(area))


@pytest.fixture
def geo(httpserver, monkeypatch):
    prefix = point_service(monkeypatch, "geo_api", httpserver)
    httpserver.expect_request(
        f"{prefix}/communes",
        query_string={
            "format": "geojson",
            "geometry": "contour",
            "fields": "nom,code,population,codeEpci,codeDepartement,codeRegion",
            "codeEpci": CERGY_PONTOISE,
        },
    ).respond_with_data(geo_api_communes(lambda p: p["epci_siren"] == CERGY_PONTOISE), content_type=JSON)
    return prefix


@pytest.fixture
def national(httpserver, monkeypatch):
    """data.gouv.fr on loopback: the dataset answer, then the file; returns the scripted statuses."""
    prefix = point_service(monkeypatch, "datagouv", httpserver)
    new_url = httpserver.url_for(f"/static/resources/{SLUG}/20260807-093353/france-20260807.geojson")
    old_url = httpserver.url_for(f"/static/resources/{SLUG}/20260302-000000/france-20260302.geojson")
    script = {"dataset": [], "file": []}

    def dataset(request):
        if script["dataset"]:
            status = script["dataset"].pop(0)
            return Response("{oops" if status == 200 else "error", status=status, content_type="application/json")
        return Response(json.dumps(datagouv_dataset(new_url, old_url)), content_type="application/json")

    def download(request):
        if script["file"]:
            status, headers = script["file"].pop(0)
            return Response("busy", status=status, headers=headers)
        return Response(BNAC_VAL_DOISE.read_bytes(), content_type="application/geo+json")

    httpserver.expect_request(f"{prefix}/datasets/{SLUG}/").respond_with_handler(dataset)
    httpserver.expect_request(f"/static/resources/{SLUG}/20260807-093353/france-20260807.geojson").respond_with_handler(
        download
    )
    return script


def test_local_file_for_an_epci_with_report(run_alg, geo, tmp_path):
    out, report = tmp_path / "cycle.gpkg", tmp_path / "report.gpkg"
    results, feedback, _ = run_alg(
        ALG, {"INPUT": str(BNAC_VAL_DOISE), "CODE": CERGY_PONTOISE, "OUTPUT": str(out), "REPORT": str(report)}
    )
    layer = QgsVectorLayer(results["OUTPUT"], "cycle")
    data = json.loads(COMMUNES_IDF.read_text(encoding="utf-8"))
    area = unary_union(
        [shape(f["geometry"]) for f in data["features"] if f["properties"]["epci_siren"] == CERGY_PONTOISE]
    )
    expected = ids_touching(area)
    features = list(layer.getFeatures())
    assert sorted(f["id_local"] for f in features) == expected and 100 < len(expected) < 4840
    assert layer.crs().authid() == "EPSG:4326" and QgsWkbTypes.flatType(layer.wkbType()) == WkbType.LineString
    raw = {f["properties"]["id_local"]: f["properties"] for f in RAW}
    facility = {
        "PISTE CYCLABLE": "track",
        "BANDE CYCLABLE": "lane",
        "VOIE VERTE": "greenway",
        "AUCUN": "none",
        "COULOIR BUS+VELO": "shared_bus_lane",
        "DOUBLE SENS CYCLABLE NON MATERIALISE": "contraflow",
    }
    checked = 0
    for feature in features:
        source = raw[feature["id_local"]]
        assert feature["ame_d"] == source["ame_d"] and feature["ame_g"] == source["ame_g"]
        if source["ame_d"] in facility and source["ame_g"] in facility:
            assert (feature["facility_right"], feature["facility_left"]) == (
                facility[source["ame_d"]],
                facility[source["ame_g"]],
            )
            checked += 1
        assert feature["date_maj"] == source["date_maj"][:10]
        assert feature["source_bnac"] == "Les contributeurs OpenStreetmap"
    assert checked > len(features) // 2
    first = features[0]
    assert (
        first["source"].startswith("BNAC / Geovelo")
        and first["licence"] == "ODbL 1.0"
        and first["retrieved_at"].endswith("Z")
    )
    # the validation report, as a table
    table = QgsVectorLayer(results["REPORT"], "report")
    rows = {(f["field"], f["value"], f["problem"]): f["count"] for f in table.getFeatures()}
    assert rows[("code_com_d", "", "required field missing")] == len(expected)
    assert rows[("date_maj", "9999-99-99T99:99:99", "not a YYYY-MM-DD date")] == len(expected)
    assert any("code_com_d = '': required field missing" in w for w in feedback.warnings)
    assert any(f"{len(expected)} segments kept out of 4840 read" in m for m in feedback.infos)
    with sqlite3.connect(out) as db:
        styles = db.execute("select count(*) from layer_styles where useAsDefault").fetchone()[0]
        metadata = " ".join(m[0] for m in db.execute("select metadata from gpkg_metadata").fetchall())
    assert styles == 1 and "Geovelo" in metadata and "ODbL" in metadata


def test_whole_local_file_and_one_way(run_alg):
    results, _, context = run_alg(ALG, {"INPUT": str(BNAC_VAL_DOISE), "OUTPUT": "TEMPORARY_OUTPUT"})
    layer = output_layer(results["OUTPUT"], context)
    assert layer.featureCount() == 4840
    got = Counter(f["one_way"] for f in layer.getFeatures())
    expected = Counter()
    for f in RAW:
        p = f["properties"]
        right, left = p["ame_d"] != "AUCUN", p["ame_g"] != "AUCUN"
        both = (
            (right and p["sens_d"] == "BIDIRECTIONNEL")
            or (left and p["sens_g"] == "BIDIRECTIONNEL")
            or (right and left)
        )
        expected[0 if both else (1 if right else -1)] += 1
    assert got == expected


def test_local_geopackage_read_through_qgis(run_alg, tmp_path):
    sample = QgsVectorLayer(str(fixture_path("bnac_sample.geojson")), "sample")
    gpkg = tmp_path / "bnac.gpkg"
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV2(sample, str(gpkg), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.WriterError.NoError
    results, feedback, context = run_alg(ALG, {"INPUT": str(gpkg), "OUTPUT": "TEMPORARY_OUTPUT"})
    layer = output_layer(results["OUTPUT"], context)
    rows = sorted((f["id_local"], f["facility_right"], f["facility_left"], f["one_way"]) for f in layer.getFeatures())
    assert rows == [
        ("35238_AC_000101", "lane", "lane", 0),
        ("35238_AC_000102", "track", "none", 0),
        ("35238_AC_000103", "contraflow", "none", 1),
    ]
    # the GeoPackage adds its own 'fid' column: reported, not dropped silently
    assert any("fid" in w and "field not in the schema" in w for w in feedback.warnings)


def test_national_file_through_the_cache_with_429(run_alg, national, httpserver):
    national["file"] = [(429, {"Retry-After": "1"})]
    results, feedback, context = run_alg(ALG, {"EXTENT": EXTENT_TEXT, "OUTPUT": "TEMPORARY_OUTPUT"})
    layer = output_layer(results["OUTPUT"], context)
    assert sorted(f["id_local"] for f in layer.getFeatures()) == ids_touching(box(*EXTENT))
    downloads = [e[1].status_code for e in httpserver.log if e[0].path.endswith(".geojson")]
    assert downloads == [429, 200]
    metadata = layer.metadata()
    assert "2026-08-07" in metadata.abstract() and "ODbL 1.0" in metadata.licenses()
    # second run: no download
    run_alg(ALG, {"EXTENT": EXTENT_TEXT, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert len([e for e in httpserver.log if e[0].path.endswith(".geojson")]) == 2


def test_national_dataset_500_then_success(run_alg, national, httpserver):
    national["dataset"] = [500]
    results, _, context = run_alg(ALG, {"EXTENT": EXTENT_TEXT, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert output_layer(results["OUTPUT"], context).featureCount() == len(ids_touching(box(*EXTENT)))
    assert [e[1].status_code for e in httpserver.log if "datasets" in e[0].path] == [500, 200]


def test_national_dataset_malformed(run_alg, national, tmp_path):
    national["dataset"] = [200] * 5  # a 200 with a broken JSON body, every try (a cut JSON answer is asked again)
    out = tmp_path / "x.gpkg"
    with pytest.raises(QgsProcessingException, match="data.gouv.fr: the answer is not valid JSON"):
        run_alg(ALG, {"EXTENT": EXTENT_TEXT, "OUTPUT": str(out)})
    assert not out.exists()


def test_empty_result_and_bad_input(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException, match="No cycle facility of the file touches this extent"):
        run_alg(
            ALG, {"INPUT": str(BNAC_VAL_DOISE), "EXTENT": "5.0,5.1,45.0,45.1 [EPSG:4326]", "OUTPUT": "TEMPORARY_OUTPUT"}
        )
    with pytest.raises(QgsProcessingException, match="300 000 segments"):
        run_alg(ALG, {"OUTPUT": "TEMPORARY_OUTPUT"})
    broken = tmp_path / "broken.geojson"
    broken.write_bytes(BNAC_VAL_DOISE.read_bytes()[:100000])
    with pytest.raises(QgsProcessingException, match="broken.geojson is not a valid GeoJSON FeatureCollection"):
        run_alg(ALG, {"INPUT": str(broken), "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="not both"):
        run_alg(ALG, {"INPUT": str(BNAC_VAL_DOISE), "CODE": "95", "EXTENT": EXTENT_TEXT, "OUTPUT": "TEMPORARY_OUTPUT"})


def test_cancel_while_reading_writes_nothing(run_alg, tmp_path):
    out = tmp_path / "c.gpkg"
    feedback = RecordingFeedback(cancel_after_progress=20)
    with pytest.raises(QgsProcessingException, match="Cancelled: nothing was written"):
        run_alg(ALG, {"INPUT": str(BNAC_VAL_DOISE), "OUTPUT": str(out)}, feedback=feedback)
    assert not out.exists() and max(feedback.progress_values) < 90


def test_offline_without_cache(run_alg, national, httpserver, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    with pytest.raises(QgsProcessingException, match="Offline mode is on"):
        run_alg(ALG, {"EXTENT": EXTENT_TEXT, "OUTPUT": "TEMPORARY_OUTPUT"})
    assert not httpserver.log


def test_help_and_style(territorial_provider):
    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    text = alg.shortHelpString()
    assert "shared_bus_lane" in text and "COULOIR BUS+VELO" in text and "ODbL" in text
    assert "Champs dérivés" in alg.help_html("fr")
    from territorial_data.processing.outputs.sinks import STYLES_DIR

    layer = QgsVectorLayer(
        "LineString?crs=EPSG:4326&field=facility_right:string&field=facility_left:string", "t", "memory"
    )
    message, ok = layer.loadNamedStyle(f"{STYLES_DIR}/cycle_lanes.qml")
    assert ok, message
    renderer = layer.renderer()
    assert renderer.type() == "categorizedSymbol"
    assert [c.value() for c in renderer.categories()] == [
        "track",
        "greenway",
        "lane",
        "contraflow",
        "shared_bus_lane",
        "mixed",
        "none",
    ]
