"""territorial:cycling_potential through the Processing registry: a hand-made network, zones, flows
and DEM whose distances, gradients and uptakes are worked out by hand; the Val-d'Oise sample; bad
inputs."""

import math

import numpy as np
import pytest
from qgis.core import (
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsRasterLayer,
    QgsVectorLayer,
)

from support.layers import memory_layer, output_layer

X0, Y0 = 650000.0, 6860000.0
ALG = "territorial:cycling_potential"


def inv_logit(x):
    return 1.0 / (1.0 + math.exp(-x))


def null(value):
    return value is None or (hasattr(value, "isNull") and value.isNull())


def lines(rows, uri="LineString?crs=EPSG:2154&field=name:string"):
    layer = QgsVectorLayer(uri, "network", "memory")
    features = []
    for points, values in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(X0 + x, Y0 + y) for x, y in points]))
        feature.setAttributes(values)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def squares(rows, half=400.0):
    layer = QgsVectorLayer("Polygon?crs=EPSG:2154&field=code:string&field=nom:string", "zones", "memory")
    features = []
    for (x, y), code in rows:
        feature = QgsFeature(layer.fields())
        ring = [(x - half, y - half), (x + half, y - half), (x + half, y + half), (x - half, y + half)]
        feature.setGeometry(QgsGeometry.fromPolygonXY([[QgsPointXY(X0 + a, Y0 + b) for a, b in ring]]))
        feature.setAttributes([code, f"Commune {code}"])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def ascii_grid(path, left, bottom, size, z, crs="EPSG:2154"):
    """An ESRI ASCII grid with its .prj (written without GDAL's Python bindings: importing them in
    the QGIS process makes it crash at exit)."""
    from qgis.core import QgsCoordinateReferenceSystem

    rows, cols = z.shape
    header = f"ncols {cols}\nnrows {rows}\nxllcorner {left!r}\nyllcorner {bottom!r}\ncellsize {size!r}\n"
    body = "\n".join(" ".join(f"{v:.4f}" for v in row) for row in z)
    path.write_text(header + "NODATA_value -9999\n" + body + "\n", encoding="ascii")
    wkt = QgsCoordinateReferenceSystem(crs).toWkt(QgsCoordinateReferenceSystem.WktVariant.WKT1_ESRI)
    path.with_suffix(".prj").write_text(wkt, encoding="ascii")
    layer = QgsRasterLayer(str(path), path.stem)
    assert layer.isValid() and layer.crs().authid() in (crs, "OGC:CRS84")
    return str(path)


def tilted_dem(path, slope=0.02):
    """The plane z = 100 + slope * (x - X0) in Lambert-93, 10 m cells."""
    cols, rows, size = 700, 200, 10.0
    left, top = X0 - 1500.0, Y0 + 1000.0
    xs = left + (np.arange(cols) + 0.5) * size
    z = np.repeat((100.0 + slope * (xs - X0))[None, :], rows, axis=0)
    return ascii_grid(path.with_suffix(".asc"), left, top - rows * size, size, z)


# A(0,0) -ab- B(1000,0) -bc- C(2000,0) -cd- D(3000,0) -de- E(4000,0), and a spur A -> (0,300) in Z1
NETWORK = [
    ([(0, 0), (1000, 0)], ["ab"]),
    ([(1000, 0), (2000, 0)], ["bc"]),
    ([(2000, 0), (3000, 0)], ["cd"]),
    ([(3000, 0), (4000, 0)], ["de"]),
    ([(0, 0), (0, 300)], ["spur"]),
]
# squares of 800 m centred on A, C and E: no segment's middle in Z2 or Z3, the spur's in Z1
ZONES = [((0, 0), "Z1"), ((2000, 0), "Z2"), ((4000, 0), "Z3")]
OD = [
    ("Z1", "Z2", "VOITURE", 100.0),
    ("Z1", "Z2", "VELO", 5.0),
    ("Z1", "Z3", "VOITURE", 50.0),
    ("Z1", "Z1", "MARCHE", 200.0),
    ("Z1", "Z1", "VELO", 10.0),
    ("Z1", "Z1", "DOMICILE", 30.0),
    ("Z3", "Z2", "VOITURE", 40.0),
    ("Z2", "Z9", "VOITURE", 7.0),
]


@pytest.fixture
def toy(tmp_path):
    facilities = lines(
        [([(1000, 8), (2000, 8)], ["PISTE CYCLABLE", "AUCUN"])],
        "LineString?crs=EPSG:2154&field=ame_d:string&field=ame_g:string",
    )
    return {
        "NETWORK": lines(NETWORK),
        "CYCLE_FACILITIES": facilities,
        "DEM": tilted_dem(tmp_path / "dem.tif"),
        "ZONES": squares(ZONES),
        "ZONE_ID_FIELD": "code",
        "FLOWS": memory_layer("None?field=o:string&field=d:string&field=m:string&field=n:double", OD, "od"),
        "ORIGIN_FIELD": "o",
        "DESTINATION_FIELD": "d",
        "FLOW_FIELD": "n",
        "MODE_FIELD": "m",
        "CYCLE_MODE": "vélo",
        "SCENARIO": "go_dutch",
        "MAX_DISTANCE": 3.0,
        "MAX_CONNECTOR_DISTANCE": 500,
        "OUTPUT_OD": "TEMPORARY_OUTPUT",
        "OUTPUT_SEGMENTS": "TEMPORARY_OUTPUT",
        "OUTPUT_GAPS": "TEMPORARY_OUTPUT",
        "OUTPUT_ZONES": "TEMPORARY_OUTPUT",
    }


def od_rows(results, context):
    return {(f["origin"], f["destination"]): f for f in output_layer(results["OUTPUT_OD"], context).getFeatures()}


# Go Dutch: alpha -1.468, d1 -0.71726, d2 1.988, d3 0.008775, h1 -0.2555, i1 0.02006, i2 -0.1234
def go_dutch(d, g):
    g = g - 0.78
    return inv_logit(
        -1.468
        - 0.71726 * d
        + 1.988 * math.sqrt(d)
        + 0.008775 * d * d
        - 0.2555 * g
        + 0.02006 * d * g
        - 0.1234 * math.sqrt(d) * g
    )


def test_uptake_distances_and_gradients_known_by_hand(run_alg, toy):
    results, feedback, context = run_alg(ALG, toy)
    rows = od_rows(results, context)
    # Z1 -> Z2: 2 km on the network (connectors 0: the squares' centres are nodes); the plane climbs
    # 2 m every 100 m along x: 40 m over 2 km, 2 %; 105 commuters, 5 cycling today
    z12 = rows[("Z1", "Z2")]
    assert z12["distance_source"] == "network" and null(z12["reason"])
    assert z12["distance_km"] == pytest.approx(2.0) and z12["gradient_pct"] == pytest.approx(2.0, abs=1e-6)
    p = go_dutch(2.0, 2.0)  # logit = -1.468 - 1.43452 + 2.811454 + 0.0351 - 0.31171 + 0.0489464 - 0.212900
    assert z12["p_cycle"] == pytest.approx(p, rel=1e-6)
    assert (z12["flow"], z12["cyclists_now"]) == (105.0, 5.0)
    assert z12["cyclists_scenario"] == pytest.approx(max(p * 105.0, 5.0), rel=1e-6)
    # Z3 -> Z2 goes down the slope: the absolute gradient is the same 2 %
    assert rows[("Z3", "Z2")]["gradient_pct"] == pytest.approx(2.0, abs=1e-6)
    assert rows[("Z3", "Z2")]["p_cycle"] == pytest.approx(go_dutch(2.0, 2.0), rel=1e-6)
    # within Z1 (800 m square, 640 000 m2): 1.3 * 128/(45 pi) * sqrt(640000/pi) m = 0.531250 km; the gradient
    # of the network inside Z1 (the spur, along y: flat) 0 %; home workers left out: 210 commuters, 10 cycling
    z11 = rows[("Z1", "Z1")]
    intra_km = 1.3 * 128 / (45 * math.pi) * math.sqrt(640000 / math.pi) / 1000
    assert z11["distance_source"] == "within_zone" and z11["distance_km"] == pytest.approx(intra_km, rel=1e-9)
    assert z11["gradient_pct"] == pytest.approx(0.0, abs=1e-9)
    assert (z11["flow"], z11["cyclists_now"]) == (210.0, 10.0)
    assert z11["cyclists_scenario"] == pytest.approx(go_dutch(intra_km, 0.0) * 210.0, rel=1e-6)
    assert z11.geometry().isNull()
    # Z1 -> Z3: 4 km, longer than the 3 km kept: p = 0, today's cyclists (none)
    z13 = rows[("Z1", "Z3")]
    assert (z13["reason"], z13["p_cycle"], z13["cyclists_scenario"]) == ("too_long", 0.0, 0.0)
    # Z2 -> Z9: no zone Z9: no distance, nothing modelled
    z29 = rows[("Z2", "Z9")]
    assert z29["distance_source"] == "none" and null(z29["distance_km"]) and null(z29["p_cycle"])
    assert z29["reason"] == "destination_unknown" and z29["cyclists_scenario"] == 0.0
    # the three scenarios are there; government target < Go Dutch < e-bike on the 2 km pair
    assert z12["cyclists_government_target"] < z12["cyclists_go_dutch"] < z12["cyclists_ebike"]
    assert z12["cyclists_go_dutch"] == z12["cyclists_scenario"]
    total = sum(f["cyclists_scenario"] for f in rows.values())
    assert results["CYCLISTS_SCENARIO"] == pytest.approx(total)
    assert results["TOTAL_COMMUTERS"] == pytest.approx(105 + 50 + 210 + 40 + 7)
    assert results["CYCLISTS_NOW"] == pytest.approx(15.0)
    text = feedback.text()
    assert "heights sampled" in text and "Today's cyclists" in text


def test_segments_gaps_and_zones_known_by_hand(run_alg, toy):
    results, feedback, context = run_alg(ALG, toy)
    rows = od_rows(results, context)
    c12 = rows[("Z1", "Z2")]["cyclists_scenario"]
    c32 = rows[("Z3", "Z2")]["cyclists_scenario"]
    segs = {f["name"]: f for f in output_layer(results["OUTPUT_SEGMENTS"], context).getFeatures()}
    # Z1 -> Z2 rides ab and bc forward; Z3 -> Z2 rides de and cd backward; Z1 -> Z3 is too long: not assigned
    assert segs["ab"]["cyclists_ab"] == pytest.approx(c12) and segs["ab"]["cyclists_ba"] == 0
    assert segs["cd"]["cyclists_ba"] == pytest.approx(c32) and segs["de"]["cyclists"] == pytest.approx(c32)
    assert segs["spur"]["cyclists"] == 0
    assert segs["ab"]["cyclists_now"] == pytest.approx(5.0)  # today's cyclists of Z1 -> Z2
    assert segs["ab"]["gradient_pct"] == pytest.approx(2.0, abs=1e-6) and segs["spur"]["gradient_pct"] == 0
    assert segs["ab"]["cyclist_km"] == pytest.approx(c12)  # 1 km
    assert [segs[n]["facility"] for n in ("ab", "bc", "cd", "de", "spur")] == [False, True, False, False, False]
    # gaps: ab alone (bc is covered); cd and de meet at D, where only they meet: one 2 km stretch
    gaps = sorted(output_layer(results["OUTPUT_GAPS"], context).getFeatures(), key=lambda f: f["gap_rank"])
    by_km = sorted([(1.0 * c12, 1), (2.0 * c32, 2)], reverse=True)
    assert [round(g["cyclist_km"], 6) for g in gaps] == [round(km, 6) for km, _n in by_km]
    assert [g["segments"] for g in gaps] == [n for _km, n in by_km]
    assert segs["ab"]["gap_rank"] == (1 if c12 > 2 * c32 else 2) and null(segs["bc"]["gap_rank"])
    assert results["FACILITY_SHARE"] == pytest.approx(c12 / (2 * c12 + 2 * c32))
    zones = {f["code"]: f for f in output_layer(results["OUTPUT_ZONES"], context).getFeatures()}
    z1 = zones["Z1"]
    assert z1["nom"] == "Commune Z1" and z1["commuters"] == pytest.approx(365.0)
    assert z1["cyclists_now"] == pytest.approx(15.0) and z1["commuters_within"] == pytest.approx(210.0)
    expected = c12 + rows[("Z1", "Z1")]["cyclists_scenario"]
    assert z1["cyclists_scenario"] == pytest.approx(expected) and z1["share_scenario"] == pytest.approx(expected / 365)
    assert zones["Z2"]["commuters_in"] == pytest.approx(145.0) and zones["Z2"]["commuters"] == pytest.approx(7.0)


def test_without_dem_every_gradient_is_zero_and_said(run_alg, toy):
    del toy["DEM"]
    toy["SCENARIO"] = "government_target"
    results, feedback, context = run_alg(ALG, toy)
    rows = od_rows(results, context)
    assert rows[("Z1", "Z2")]["gradient_pct"] == 0.0
    # government target at 2 km, g - 0.78 = -0.78
    g = -0.78
    logit = (
        -4.018
        - 0.6369 * 2
        + 1.988 * math.sqrt(2)
        + 0.008775 * 4
        - 0.2555 * g
        + 0.02006 * 2 * g
        - 0.1234 * math.sqrt(2) * g
    )
    assert rows[("Z1", "Z2")]["p_cycle"] == pytest.approx(inv_logit(logit), rel=1e-6)
    assert "every route gradient is 0 %" in feedback.text()


def test_without_mode_field_nobody_cycles_today(run_alg, toy):
    toy["MODE_FIELD"] = ""
    for name in ("OUTPUT_SEGMENTS", "OUTPUT_GAPS", "OUTPUT_ZONES"):
        toy.pop(name)
    results, feedback, context = run_alg(ALG, toy)
    assert results["CYCLISTS_NOW"] == 0
    assert results["TOTAL_COMMUTERS"] == pytest.approx(sum(row[3] for row in OD))  # home workers kept: no mode
    assert "nobody cycles today" in feedback.text()
    assert "OUTPUT_SEGMENTS" not in results and math.isnan(results["CYCLIST_KM"])


def test_a_mode_nobody_uses_is_a_warning(run_alg, toy):
    toy["CYCLE_MODE"] = "bike"
    toy["FLOWS"] = memory_layer(
        "None?field=o:string&field=d:string&field=m:string&field=n:double",
        [("Z1", "Z2", "VP", 10.0), ("Z1", "Z2", "NM", 3.0)],
        "od",
    )
    results, feedback, _context = run_alg(ALG, toy)
    assert results["CYCLISTS_NOW"] == 0
    assert any("No flow has the bicycle mode 'bike'" in w and "NM" in w for w in feedback.warnings)
    toy["CYCLE_MODE"] = "NM"
    results, feedback, _context = run_alg(ALG, toy)
    assert results["CYCLISTS_NOW"] == 3.0
    assert any("walkers count as today's cyclists" in w for w in feedback.warnings)


def test_a_dem_elsewhere_is_refused(run_alg, toy, tmp_path):
    toy["DEM"] = ascii_grid(tmp_path / "far.asc", 100000.0, 5990000.0, 10.0, np.zeros((10, 10)))
    with pytest.raises(QgsProcessingException, match="does not cover the network"):
        run_alg(ALG, toy)


def test_dem_in_another_crs(run_alg, toy, tmp_path):
    """The same plane on a WGS84 grid: gradients within a few per cent of 2 %."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    to_l93 = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:4326"), QgsCoordinateReferenceSystem("EPSG:2154"), QgsProject.instance()
    )
    corner = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:2154"), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()
    ).transform(QgsPointXY(X0 - 1500.0, Y0 - 1000.0))
    size, cols, rows = 0.0001, 900, 220
    z = np.empty((rows, cols))
    for r in range(rows):
        lat = corner.y() + (rows - r - 0.5) * size
        for c in range(cols):
            x = to_l93.transform(QgsPointXY(corner.x() + (c + 0.5) * size, lat)).x()
            z[r, c] = 100.0 + 0.02 * (x - X0)
    toy["DEM"] = ascii_grid(tmp_path / "dem4326.asc", corner.x(), corner.y(), size, z, crs="EPSG:4326")
    results, _feedback, context = run_alg(ALG, toy)
    rows_ = od_rows(results, context)
    assert rows_[("Z1", "Z2")]["gradient_pct"] == pytest.approx(2.0, rel=0.05)


def test_sample_territory(run_alg, sample_dir):
    folder = sample_dir / "val-doise"
    results, feedback, context = run_alg(
        ALG,
        {
            "NETWORK": str(folder / "routes_principales_osm_val_doise_2026.geojson"),
            "TOLERANCE": 10,
            "CLOSED_EXPRESSION": "\"type\" IN ('motorway', 'motorway_link')",
            "CYCLE_FACILITIES": str(folder / "amenagements_cyclables_bnac_val_doise_2026.geojson"),
            "ZONES": str(folder / "communes_idf.geojson"),
            "ZONE_ID_FIELD": "insee_com",
            "FLOWS": str(folder / "flux_domicile_travail_idf_rp2014_mode_csp_residence_95.csv"),
            "ORIGIN_FIELD": "ORI",
            "DESTINATION_FIELD": "DES",
            "FLOW_FIELD": "FLOW",
            "MODE_FIELD": "MODE",
            "SCENARIO": "go_dutch",
            "OUTPUT_OD": "TEMPORARY_OUTPUT",
            "OUTPUT_SEGMENTS": "TEMPORARY_OUTPUT",
            "OUTPUT_GAPS": "TEMPORARY_OUTPUT",
            "OUTPUT_ZONES": "TEMPORARY_OUTPUT",
        },
    )
    # the by-mode table: 508 023 commuters, 14 904 working at home (no trip)
    assert results["TOTAL_COMMUTERS"] == pytest.approx(508023.3 - 14904, abs=2)
    assert results["CYCLISTS_NOW"] == 0  # RP2014 has no bicycle mode
    assert 0 < results["CYCLISTS_GOVERNMENT_TARGET"] < results["CYCLISTS_GO_DUTCH"] < results["CYCLISTS_EBIKE"]
    assert 0.05 < results["SHARE_SCENARIO"] < 0.5
    od = output_layer(results["OUTPUT_OD"], context)
    sources = {}
    for feature in od.getFeatures():
        sources[feature["distance_source"]] = sources.get(feature["distance_source"], 0.0) + feature["flow"]
    assert set(sources) <= {"network", "within_zone", "straight_line", "none"}
    assert sources["network"] > 0 and sources["within_zone"] > 0
    gaps = list(output_layer(results["OUTPUT_GAPS"], context).getFeatures())
    assert gaps and sorted(g["gap_rank"] for g in gaps) == list(range(1, len(gaps) + 1))
    assert 0 < results["FACILITY_SHARE"] < 1
    assert "every route gradient is 0 %" in feedback.text()
