"""territorial:commune_flow_indicators through the Processing registry: the real sample and hand cases."""

import csv
import math
import sqlite3
from collections import defaultdict

import pytest
from qgis.core import (
    QgsExpressionContextUtils,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsRenderContext,
    QgsVectorLayer,
)

from support.layers import memory_layer, output_layer

ALG = "territorial:commune_flow_indicators"
A, B, C, D = "01001", "01002", "01003", "01004"


def is_null(value):
    return (
        value is None
        or (hasattr(value, "isNull") and value.isNull())
        or (isinstance(value, float) and math.isnan(value))
    )


def test_sample_by_mode(run_alg, sample, tmp_path):
    out = tmp_path / "indicators.gpkg"
    results, feedback, context = run_alg(
        ALG,
        {
            "FLOWS": str(sample["modes"]),
            "ORIGIN_FIELD": "ORI",
            "DESTINATION_FIELD": "DES",
            "FLOW_FIELD": "FLOW",
            "MODE_FIELD": "MODE",
            "ZONES": str(sample["zones"]),
            "ZONE_ID_FIELD": "insee_com",
            "OUTPUT": str(out),
            "MISSING": str(tmp_path / "missing.gpkg"),
        },
    )
    with open(sample["modes"], encoding="utf-8") as handle:
        rows = [(r["ORI"], r["DES"], r["MODE"], float(r["FLOW"])) for r in csv.DictReader(handle, delimiter=";")]
    residents, internal, inflow, by_mode = (
        defaultdict(float),
        defaultdict(float),
        defaultdict(float),
        defaultdict(float),
    )
    for o, d, mode, flow in rows:
        residents[o] += flow
        by_mode[(o, mode)] += flow
        if o == d:
            internal[o] += flow
        else:
            inflow[d] += flow
    layer = QgsVectorLayer(results["OUTPUT"], "indicators")
    assert layer.isValid() and layer.featureCount() == 1285  # every zone, with its own fields kept
    by_code = {f["insee_com"]: f for f in layer.getFeatures()}
    for code in ("95127", "95018", "95680"):  # Cergy, Argenteuil, Villiers-le-Bel
        f = by_code[code]
        assert f["residents"] == pytest.approx(residents[code])
        assert f["internal"] == pytest.approx(internal[code])
        assert f["outflow"] == pytest.approx(residents[code] - internal[code])
        assert f["self_containment"] == pytest.approx(internal[code] / residents[code])
        assert f["jobs"] == pytest.approx(inflow[code] + internal[code])
        assert f["job_ratio"] == pytest.approx((inflow[code] + internal[code]) / residents[code])
        for mode in ("VP", "TC", "NM", "DOMICILE"):
            assert f[f"share_{mode.lower()}"] == pytest.approx(by_mode[(code, mode)] / residents[code])
        assert 2 < f["mean_km"] < 40
    assert by_code["95127"]["nom"] == "Cergy" and by_code["95127"]["population_municipale"] > 60000
    # Paris 1er: jobs only (the file holds Val-d'Oise residents); a commune of the 77 with no flow: NULL ratios
    assert by_code["75101"]["residents"] == 0 and by_code["75101"]["jobs"] == pytest.approx(inflow["75101"])
    assert is_null(by_code["75101"]["self_containment"]) and is_null(by_code["75101"]["mean_km"])
    assert by_code["75101"]["mean_km_in"] > 10
    missing = {f["code"]: f["flow_as_origin"] for f in QgsVectorLayer(results["MISSING"], "m").getFeatures()}
    assert missing["95259"] == pytest.approx(residents["95259"]) and missing["95282"] == pytest.approx(
        residents["95282"]
    )
    assert (
        "95259" in feedback.text() and "Mode shares: share_domicile, share_nm, share_tc, share_vp." in feedback.text()
    )
    with sqlite3.connect(out) as db:
        style = db.execute("select styleQML from layer_styles where useAsDefault").fetchone()[0]
    assert "self_containment" in style
    rules = layer.renderer().rootRule().children()
    assert layer.renderer().type() == "RuleRenderer" and len(rules) == 6
    context = QgsRenderContext()
    context.expressionContext().appendScopes(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
    layer.renderer().startRender(context, layer.fields())
    assert layer.renderer().willRenderFeature(by_code["95127"], context)  # every commune gets a class
    assert layer.renderer().willRenderFeature(by_code["75101"], context)  # NULL ratio: its own grey class
    layer.renderer().stopRender(context)

    # mean straight-line distance = flow-weighted mean of the od_flow_lines distances of the same flows
    lines, _, lines_context = run_alg(
        "territorial:od_flow_lines",
        {
            "FLOWS": str(sample["modes"]),
            "ZONES": str(sample["zones"]),
            "ZONE_ID_FIELD": "insee_com",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    weighted, total = 0.0, 0.0
    for f in output_layer(lines["OUTPUT"], lines_context).getFeatures():
        if f["origin"] == "95127":
            weighted += f["flow"] * f["distance_km"]
            total += f["flow"]
    assert by_code["95127"]["mean_km"] == pytest.approx(weighted / total)


def memory_table(fields, rows, name="flows"):
    return memory_layer("None?" + "&".join(f"field={n}:{t}" for n, t in fields), rows, name)


def memory_zones(with_source=False):
    fields = "field=code:string&field=nom:string" + (
        "&field=source:string&field=licence:string&field=retrieved_at:string" if with_source else ""
    )
    layer = QgsVectorLayer(f"Polygon?crs=EPSG:2154&{fields}", "zones", "memory")
    x0, y0 = 630000, 6880000
    features = []
    for code, (dx, dy) in {A: (0, 0), B: (3000, 0), C: (0, 4000), D: (10000, 0)}.items():
        feature = QgsFeature(layer.fields())
        values = [code, f"Zone {code}"]
        if with_source:
            values += ["INSEE COG, IGN ADMIN EXPRESS via geo.api.gouv.fr", "Licence Ouverte", "2026-01-01T00:00:00Z"]
        feature.setAttributes(values)
        x, y = x0 + dx, y0 + dy
        feature.setGeometry(
            QgsGeometry.fromPolygonXY(
                [[QgsPointXY(x, y), QgsPointXY(x + 1000, y), QgsPointXY(x + 1000, y + 1000), QgsPointXY(x, y + 1000)]]
            )
        )
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


HAND = [
    (A, B, 100.0, "VP"),
    (B, A, 40.0, "TC"),
    (A, C, 30.0, "NM"),
    (C, A, 30.0, "VP"),
    (A, A, 50.0, "NM"),
    (B, D, 10.0, "VP"),
    (A, "99999", 5.0, "VP"),
]
FLOW_FIELDS = [
    ("origin", "string"),
    ("destination", "string"),
    ("flow", "double"),
    ("mode", "string"),
    ("source", "string"),
    ("licence", "string"),
    ("retrieved_at", "string"),
]
PROV = ("INSEE, recensement (MOBPRO)", "Licence Ouverte / Open Licence 2.0", "2025-06-01T00:00:00Z")


def hand_flows(rows=HAND):
    return memory_table(FLOW_FIELDS, [row + PROV for row in rows])


def test_hand_case_with_skim(run_alg):
    skim = memory_table(
        [("origin", "string"), ("destination", "string"), ("distance_km", "double")],
        [(A, B, 4.5), (C, A, 6.0), (B, D, 9.0)],
        name="skim",
    )
    results, feedback, context = run_alg(
        ALG,
        {
            "FLOWS": hand_flows(),
            "MODE_FIELD": "mode",
            "ZONES": memory_zones(with_source=True),
            "SKIM": skim,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    layer = output_layer(results["OUTPUT"], context)
    got = {f["code"]: f for f in layer.getFeatures()}
    a = got[A]
    assert (a["outflow"], a["inflow"], a["internal"], a["residents"], a["jobs"]) == (135, 70, 50, 185, 120)
    assert a["self_containment"] == pytest.approx(50 / 185)
    assert a["job_ratio"] == pytest.approx(120 / 185)
    assert a["mean_km"] == pytest.approx((100 * 3 + 30 * 4) / 130)  # 99999 has no place: no distance
    assert a["mean_km_in"] == pytest.approx((40 * 3 + 30 * 4) / 70)
    assert a["mean_network_km"] == pytest.approx((100 * 4.5 + 30 * 6.0) / 130)  # A->C from C->A
    assert a["share_vp"] == pytest.approx(105 / 185) and a["share_nm"] == pytest.approx(80 / 185)
    assert a["share_tc"] == 0
    assert got[D]["residents"] == 0 and is_null(got[D]["self_containment"]) and is_null(got[D]["job_ratio"])
    assert got[B]["mean_network_km"] == pytest.approx((40 * 4.5 + 10 * 9.0) / 50)
    assert a["nom"] == "Zone 01001"
    assert a["source"] == "INSEE, recensement (MOBPRO); INSEE COG, IGN ADMIN EXPRESS via geo.api.gouv.fr"
    assert layer.fields().indexOf("source_2") == -1  # the zones' own provenance fields are replaced
    assert "99999 (5)" in feedback.text()
    assert "took the skim distance of the opposite direction" in feedback.text()


def test_without_mode_field_no_share(run_alg):
    results, _, context = run_alg(ALG, {"FLOWS": hand_flows(), "ZONES": memory_zones(), "OUTPUT": "TEMPORARY_OUTPUT"})
    names = output_layer(results["OUTPUT"], context).fields().names()
    assert "self_containment" in names and not any(n.startswith("share_") for n in names)
    assert "mean_network_km" not in names


def test_skim_without_distance_field(run_alg):
    skim = memory_table([("origin", "string"), ("destination", "string"), ("km", "double")], [(A, B, 4.5)], name="skim")
    with pytest.raises(QgsProcessingException, match="skim table 'skim' has no field distance_km"):
        run_alg(ALG, {"FLOWS": hand_flows(), "ZONES": memory_zones(), "SKIM": skim, "OUTPUT": "TEMPORARY_OUTPUT"})


def test_wrong_mode_field(run_alg):
    rows = [(A, B, 1.0, f"{i:05d}") for i in range(35)]
    with pytest.raises(QgsProcessingException, match="mode field has 35 different values"):
        run_alg(
            ALG,
            {"FLOWS": hand_flows(rows), "MODE_FIELD": "mode", "ZONES": memory_zones(), "OUTPUT": "TEMPORARY_OUTPUT"},
        )


def test_cancel_writes_nothing(run_alg, tmp_path):
    from qgis.core import QgsProcessingFeedback

    feedback = QgsProcessingFeedback()
    feedback.cancel()
    out = tmp_path / "cancelled.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg(ALG, {"FLOWS": hand_flows(), "ZONES": memory_zones(), "OUTPUT": str(out)}, feedback=feedback)
    assert not out.exists()


def test_help_in_both_languages(territorial_provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    assert "self-containment" in alg.help_html("en") and "autocontention" in alg.help_html("fr").lower()
