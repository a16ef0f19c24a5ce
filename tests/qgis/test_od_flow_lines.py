"""territorial:od_flow_lines through the Processing registry: the real Val-d'Oise sample and hand cases."""

import csv
import sqlite3
from collections import defaultdict

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDistanceArea,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProject,
    QgsVectorLayer,
)

from support.layers import memory_layer, output_layer
from territorial_data.compat import SymbolLayerProperty

ALG = "territorial:od_flow_lines"


def read_flux(path):
    with open(path, encoding="utf-8") as handle:
        return [
            (r["CODGEO"], r["DCLT"], float(r["NBFLUX_C14_ACTOCC15P"])) for r in csv.DictReader(handle, delimiter=";")
        ]


def zone_geometries(path):
    layer = QgsVectorLayer(str(path), "zones")
    return {f["insee_com"]: QgsGeometry(f.geometry()) for f in layer.getFeatures()}


def test_sample_base_flux_lines(run_alg, sample, tmp_path):
    out = tmp_path / "lines.gpkg"
    missing_out = tmp_path / "missing.gpkg"
    results, feedback, context = run_alg(
        ALG,
        {
            "FLOWS": str(sample["flux"]),  # raw INSEE columns: CODGEO, DCLT, NBFLUX_C14_ACTOCC15P (found by alias)
            "ZONES": str(sample["zones"]),
            "ZONE_ID_FIELD": "insee_com",
            "OUTPUT": str(out),
            "MISSING": str(missing_out),
        },
    )
    rows = read_flux(sample["flux"])
    zones = zone_geometries(sample["zones"])
    layer = QgsVectorLayer(results["OUTPUT"], "lines")
    assert layer.isValid() and layer.crs().authid() == "EPSG:4326"
    features = list(layer.getFeatures())
    # every pair of the file is a line, except those towards a commune absent from the zones
    expected = {(o, d): f for o, d, f in rows if o in zones and d in zones}
    assert {(f["origin"], f["destination"]): f["flow"] for f in features} == expected
    assert len(features) == 826
    # drawn largest last; rank 1 is the largest
    flows = [f["flow"] for f in features]
    assert flows == sorted(flows)
    assert features[-1]["rank"] == 1 and features[-1]["flow"] == max(expected.values())
    # share of the origin total (the whole file row total of the residence commune)
    totals = defaultdict(float)
    for o, _, f in rows:
        totals[o] += f
    line = next(f for f in features if (f["origin"], f["destination"]) == ("95018", "75108"))
    assert line["share"] == pytest.approx(expected[("95018", "75108")] / totals["95018"])
    # ends inside their zones; distance in km measured in a projected CRS, not in degrees
    ellipsoid = QgsDistanceArea()
    ellipsoid.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance().transformContext())
    ellipsoid.setEllipsoid("GRS80")
    for feature in features[::50]:
        start, end = feature.geometry().asPolyline()
        assert zones[feature["origin"]].contains(QgsGeometry.fromPointXY(start))
        assert zones[feature["destination"]].contains(QgsGeometry.fromPointXY(end))
        assert feature["distance_km"] == pytest.approx(ellipsoid.measureLine(start, end) / 1000, rel=3e-3)
        assert feature["distance_km"] > 1
    # a raw INSEE file: its schema tells the producer and the licence (no provenance fields, no file name)
    assert feature["source"] == "INSEE, recensement (MOBPRO)"
    assert feature["licence"] == "Licence Ouverte / Open Licence 2.0"
    # the commune missing from the 2025 zones is reported with its flow
    missing = QgsVectorLayer(results["MISSING"], "missing")
    got = {f["code"]: (f["flow"], f["rows"], f["reason"]) for f in missing.getFeatures()}
    lost = [f for o, d, f in rows if d == "93059"]
    assert got == {"93059": (sum(lost), len(lost), "not_in_zones")}
    assert "93059 (238)" in feedback.text()
    assert "INTRA" not in results  # the base flux file has no intra-commune rows
    # style and metadata stored in the GeoPackage
    with sqlite3.connect(out) as db:
        style = db.execute("select styleQML from layer_styles where useAsDefault").fetchone()[0]
    assert "scale_linear(&quot;flow&quot;" in style and "orderByClause" in style


def test_sample_by_mode_intra_points(run_alg, sample):
    results, feedback, context = run_alg(
        ALG,
        {
            "FLOWS": str(sample["modes"]),
            "ZONES": str(sample["zones"]),
            "ZONE_ID_FIELD": "insee_com",
            "DIRECTION": "two_way",
            "TOP_N": 50,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "INTRA": "TEMPORARY_OUTPUT",
            "MISSING": "TEMPORARY_OUTPUT",
        },
    )
    with open(sample["modes"], encoding="utf-8") as handle:
        rows = [(r["ORI"], r["DES"], float(r["FLOW"])) for r in csv.DictReader(handle, delimiter=";")]
    intra = defaultdict(float)
    for o, d, f in rows:
        if o == d:
            intra[o] += f
    points = output_layer(results["INTRA"], context)
    zones = zone_geometries(sample["zones"])
    got = {f["code"]: f["flow"] for f in points.getFeatures()}
    expected = {c: pytest.approx(v) for c, v in intra.items() if c in zones}
    assert got == expected
    cergy = next(f for f in points.getFeatures() if f["code"] == "95127")
    assert zones["95127"].contains(cergy.geometry())
    lines = output_layer(results["OUTPUT"], context)
    assert lines.featureCount() == 50
    assert all(f["origin"] != f["destination"] for f in lines.getFeatures())
    missing = {f["code"] for f in output_layer(results["MISSING"], context).getFeatures()}
    assert {"95259", "95282"} <= missing
    assert "beyond the largest 50" in feedback.text()
    assert f"{len(rows)} rows for " in feedback.text()  # modes and CSP of a pair summed


def memory_flows(rows, flow_type="double", code_type="string"):
    return memory_layer(
        f"None?field=origin:{code_type}&field=destination:{code_type}&field=flow:{flow_type}", rows, "flows"
    )


def memory_zones(code_type="string"):
    """Four 1 km squares in Lambert-93 around Cergy: A, B (3 km east of A), C (4 km north of A), D."""
    layer = QgsVectorLayer(f"Polygon?crs=EPSG:2154&field=code:{code_type}", "zones", "memory")
    x0, y0 = 630000, 6880000
    boxes = {"01001": (0, 0), "01002": (3000, 0), "01003": (0, 4000), "01004": (10000, 0)}
    features = []
    for code, (dx, dy) in boxes.items():
        feature = QgsFeature(layer.fields())
        feature.setAttributes([code if code_type == "string" else int(code)])
        x, y = x0 + dx, y0 + dy
        feature.setGeometry(
            QgsGeometry.fromPolygonXY(
                [[QgsPointXY(x, y), QgsPointXY(x + 1000, y), QgsPointXY(x + 1000, y + 1000), QgsPointXY(x, y + 1000)]]
            )
        )
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


A, B, C, D = "01001", "01002", "01003", "01004"
HAND = [(A, B, 100.0), (B, A, 40.0), (A, C, 30.0), (C, A, 30.0), (A, A, 50.0), (B, D, 10.0), (A, "99999", 5.0)]


def lines_of(results, context):
    layer = output_layer(results["OUTPUT"], context)
    return {(f["origin"], f["destination"]): f for f in layer.getFeatures()}


@pytest.mark.parametrize(
    "direction, expected",
    [
        ("gross", {(A, B): 100, (B, A): 40, (A, C): 30, (C, A): 30, (B, D): 10}),
        ("net", {(A, B): 60, (B, D): 10}),
        ("two_way", {(A, B): 140, (A, C): 60, (B, D): 10}),
    ],
)
def test_directions_by_hand(run_alg, direction, expected):
    results, feedback, context = run_alg(
        ALG,
        {
            "FLOWS": memory_flows(HAND),
            "ZONES": memory_zones(),
            "DIRECTION": direction,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    got = lines_of(results, context)
    assert {k: f["flow"] for k, f in got.items()} == expected
    assert got[(A, B)]["distance_km"] == pytest.approx(3.0)
    assert got[(A, B)]["direction"] == direction
    if direction == "gross":
        assert got[(A, B)]["share"] == pytest.approx(100 / 185)
        assert (got[(B, A)]["flow_forward"], got[(B, A)]["flow_backward"]) == (40, 100)
    if direction == "net":
        assert "same flow both ways" in feedback.text()
    assert "99999 (5)" in feedback.text()


def test_top_n_and_min_flow(run_alg):
    results, feedback, context = run_alg(
        ALG,
        {
            "FLOWS": memory_flows(HAND),
            "ZONES": memory_zones(),
            "MIN_FLOW": 20,
            "TOP_N": 3,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "INTRA": "TEMPORARY_OUTPUT",
        },
    )
    layer = output_layer(results["OUTPUT"], context)
    assert [(f["origin"], f["destination"], f["flow"], f["rank"]) for f in layer.getFeatures()] == [
        (A, C, 30, 3),
        (B, A, 40, 2),
        (A, B, 100, 1),  # A->C and C->A tie: the lower origin code wins
    ]
    assert "Lines left out below the minimum flow 20.0: 1 (total flow 10)" in feedback.text()
    assert "Smaller lines left out beyond the largest 3: 1 (total flow 30)" in feedback.text()
    intra = output_layer(results["INTRA"], context)
    assert [(f["code"], f["flow"], round(f["share"], 4)) for f in intra.getFeatures()] == [(A, 50, round(50 / 185, 4))]
    assert intra.crs().authid() == "EPSG:2154"


def test_integer_codes_lose_zeros_and_still_join(run_alg):
    flows = memory_flows([(int(o), int(d), f) for o, d, f in HAND if d != "99999"], code_type="integer")
    results, feedback, context = run_alg(ALG, {"FLOWS": flows, "ZONES": memory_zones(), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert set(lines_of(results, context)) == {(A, B), (B, A), (A, C), (C, A), (B, D)}
    assert "leading zeros were restored" in feedback.text()


def test_text_flows_are_read_and_bad_ones_named(run_alg):
    flows = memory_flows([(A, B, "1 234,5"), (B, A, "12")], flow_type="string")
    results, _, context = run_alg(ALG, {"FLOWS": flows, "ZONES": memory_zones(), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert lines_of(results, context)[(A, B)]["flow"] == 1234.5
    flows = memory_flows([(A, B, "12"), (B, A, "douze")], flow_type="string")
    with pytest.raises(QgsProcessingException, match=r"row 2 .*the flow 'douze' in field 'flow' is not a number"):
        run_alg(ALG, {"FLOWS": flows, "ZONES": memory_zones(), "OUTPUT": "TEMPORARY_OUTPUT"})


def test_missing_fields_are_named(run_alg):
    with pytest.raises(QgsProcessingException, match="has no field 'trips'.*origin, destination, flow"):
        run_alg(
            ALG,
            {"FLOWS": memory_flows(HAND), "FLOW_FIELD": "trips", "ZONES": memory_zones(), "OUTPUT": "TEMPORARY_OUTPUT"},
        )
    with pytest.raises(QgsProcessingException, match="zones layer 'zones' has no field 'insee'"):
        run_alg(
            ALG,
            {
                "FLOWS": memory_flows(HAND),
                "ZONES": memory_zones(),
                "ZONE_ID_FIELD": "insee",
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )


def test_no_code_matches(run_alg):
    flows = memory_flows([("75056", "69123", 10.0)])
    results, feedback, context = run_alg(
        ALG, {"FLOWS": flows, "ZONES": memory_zones(), "OUTPUT": "TEMPORARY_OUTPUT", "MISSING": "TEMPORARY_OUTPUT"}
    )
    assert output_layer(results["OUTPUT"], context).featureCount() == 0
    assert "No flow line" in feedback.text()
    assert {f["code"] for f in output_layer(results["MISSING"], context).getFeatures()} == {"75056", "69123"}


def test_cancel_writes_nothing(run_alg, sample, tmp_path):
    from qgis.core import QgsProcessingFeedback

    feedback = QgsProcessingFeedback()
    feedback.cancel()
    out = tmp_path / "cancelled.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg(
            ALG,
            {
                "FLOWS": str(sample["flux"]),
                "ZONES": str(sample["zones"]),
                "ZONE_ID_FIELD": "insee_com",
                "OUTPUT": str(out),
            },
            feedback=feedback,
        )
    assert not out.exists()


def test_help_in_both_languages(territorial_provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    assert "two_way" in alg.help_html("en") and "Keep the largest N lines" in alg.help_html("en")
    assert "Garder les N plus grosses lignes" in alg.help_html("fr")


def test_style_widths_and_drawing_order(run_alg, sample, tmp_path):
    from qgis.core import (
        QgsExpressionContext,
        QgsExpressionContextUtils,
        QgsMapRendererSequentialJob,
        QgsMapSettings,
    )
    from qgis.PyQt.QtCore import QSize
    from qgis.PyQt.QtGui import QColor

    out = tmp_path / "styled.gpkg"
    results, _, _ = run_alg(
        ALG,
        {"FLOWS": str(sample["flux"]), "ZONES": str(sample["zones"]), "ZONE_ID_FIELD": "insee_com", "OUTPUT": str(out)},
    )
    layer = QgsVectorLayer(results["OUTPUT"], "lines")  # the default style comes from the GeoPackage
    renderer = layer.renderer()
    assert renderer.orderByEnabled()
    clause = renderer.orderBy().list()[0]
    assert clause.expression().expression() == '"flow"' and clause.ascending()
    width = renderer.symbol().symbolLayer(0).dataDefinedProperties().property(SymbolLayerProperty.StrokeWidth)
    assert width.isActive()
    context = QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    features = sorted(layer.getFeatures(), key=lambda f: f["flow"])
    widths = []
    for feature in (features[0], features[len(features) // 2], features[-1]):
        context.setFeature(feature)
        value, ok = width.valueAsDouble(context, 0)
        assert ok
        widths.append(value)
    assert widths[0] < widths[1] < widths[2] == pytest.approx(8.0)
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setExtent(layer.extent())
    settings.setOutputSize(QSize(300, 300))
    settings.setBackgroundColor(QColor(255, 255, 255))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    painted = sum(
        1 for x in range(0, 300, 5) for y in range(0, 300, 5) if image.pixelColor(x, y) != QColor(255, 255, 255)
    )
    assert painted > 50


def test_point_zones_in_degrees_with_an_overseas_one(run_alg):
    zones = QgsVectorLayer("Point?crs=EPSG:4326&field=code:string", "towns", "memory")
    towns = {
        "75056": (2.3488, 48.8534),
        "69123": (4.8357, 45.7640),
        "13055": (5.3698, 43.2965),
        "97411": (55.4504, -20.8823),
    }
    features = []
    for code, (lon, lat) in towns.items():
        feature = QgsFeature(zones.fields())
        feature.setAttributes([code])
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
        features.append(feature)
    zones.dataProvider().addFeatures(features)
    flows = memory_flows([("75056", "69123", 1000.0), ("13055", "75056", 300.0), ("97411", "75056", 20.0)])
    results, feedback, context = run_alg(ALG, {"FLOWS": flows, "ZONES": zones, "OUTPUT": "TEMPORARY_OUTPUT"})
    lines = lines_of(results, context)
    ellipsoid = QgsDistanceArea()
    ellipsoid.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance().transformContext())
    ellipsoid.setEllipsoid("GRS80")
    paris_lyon = ellipsoid.measureLine(QgsPointXY(*towns["75056"]), QgsPointXY(*towns["69123"])) / 1000
    assert lines[("75056", "69123")]["distance_km"] == pytest.approx(paris_lyon, rel=2e-3)
    assert 385 < paris_lyon < 400
    start, end = lines[("75056", "69123")].geometry().asPolyline()
    assert (round(start.x(), 6), round(start.y(), 6)) == towns["75056"]  # a point zone is its own point
    assert "Zones outside the area of EPSG:2154, with approximate distances: 1 (97411)" in feedback.text()
    assert "distances measured in EPSG:2154" in feedback.text()


CONTRACT = [
    ("origin", "string"),
    ("destination", "string"),
    ("flow", "double"),
    ("mode", "string"),
    ("category", "string"),
    ("period", "string"),
    ("source", "string"),
    ("licence", "string"),
    ("retrieved_at", "string"),
]


def test_od_table_contract_provenance(run_alg):
    """An OD table with every field of the contract: its provenance reaches the lines."""
    layer = QgsVectorLayer("None?" + "&".join(f"field={n}:{t}" for n, t in CONTRACT), "od", "memory")
    prov = ["INSEE, recensement (MOBPRO)", "Licence Ouverte / Open Licence 2.0", "2025-06-01T00:00:00Z"]
    features = []
    for o, d, f in HAND:
        feature = QgsFeature(layer.fields())
        feature.setAttributes([o, d, f, "VP", "3", "2021"] + prov)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    results, _, context = run_alg(ALG, {"FLOWS": layer, "ZONES": memory_zones(), "OUTPUT": "TEMPORARY_OUTPUT"})
    line = lines_of(results, context)[(A, B)]
    assert [line["source"], line["licence"], line["retrieved_at"]] == prov


def test_chained_after_import_mobpro(run_alg, sample, tmp_path):
    from qgis.core import QgsApplication

    if QgsApplication.processingRegistry().algorithmById("territorial:import_mobpro") is None:
        pytest.skip("territorial:import_mobpro is not available")
    od = tmp_path / "od.gpkg"
    run_alg("territorial:import_mobpro", {"INPUT": str(sample["flux"]), "OUTPUT": str(od)})
    results, feedback, context = run_alg(
        ALG,
        {"FLOWS": str(od), "ZONES": str(sample["zones"]), "ZONE_ID_FIELD": "insee_com", "OUTPUT": "TEMPORARY_OUTPUT"},
    )
    layer = output_layer(results["OUTPUT"], context)
    total = sum(f for _, _, f in read_flux(sample["flux"]))
    assert sum(f["flow"] for f in layer.getFeatures()) == pytest.approx(total)  # codes moved to the zones' COG
    line = next(layer.getFeatures())
    assert "INSEE" in line["source"] and line["licence"].startswith("Licence Ouverte")
