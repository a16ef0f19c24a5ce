"""territorial:cycle_coverage through the Processing registry: a hand-made network whose flows,
flow-km, coverage and gaps are known by hand, the Val-d'Oise sample, bad inputs, cancel."""

import csv

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from support.layers import memory_layer, output_layer

X0, Y0 = 650000.0, 6860000.0
ALG = "territorial:cycle_coverage"


def lines_layer(uri, rows, name):
    """A memory line layer from (points, [values]) rows, points in metres from (X0, Y0) (Lambert-93),
    written in the layer's CRS."""
    layer = QgsVectorLayer(uri, name, "memory")
    to_layer = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:2154"), layer.crs(), QgsProject.instance())
    features = []
    for points, values in rows:
        feature = QgsFeature(layer.fields())
        geom = QgsGeometry.fromPolylineXY([QgsPointXY(X0 + x, Y0 + y) for x, y in points])
        geom.transform(to_layer)
        feature.setGeometry(geom)
        feature.setAttributes(values)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def points_layer(rows):
    layer = QgsVectorLayer("Point?crs=EPSG:2154&field=code:string", "zones", "memory")
    features = []
    for (x, y), code in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(X0 + x, Y0 + y)))
        feature.setAttributes([code])
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


NETWORK = [  # A(0,0) -e1- B(1000,0) -e2- C(2000,0) -e3- D(3000,0) -e5- F(4000,0);  C -e4- E(2000,1000)
    ([(0, 0), (1000, 0)], ["e1"]),
    ([(1000, 0), (2000, 0)], ["e2"]),
    ([(2000, 0), (3000, 0)], ["e3"]),
    ([(2000, 0), (2000, 1000)], ["e4"]),
    ([(3000, 0), (4000, 0)], ["e5"]),
]
FACILITIES = [
    ([(1000, 10), (2000, 10)], ["PISTE CYCLABLE", "AUCUN"]),  # along e2, 10 m away: e2 covered
    ([(3000, 9), (3500, 9)], ["BANDE CYCLABLE", "AUCUN"]),  # along the first half of e5: share 0.5
    ([(0, 20), (1000, 20)], ["VOIE VERTE", "VOIE VERTE"]),  # 20 m from e1: beyond 15 m
    ([(2500, -5), (3000, -5)], ["AUCUN", "AUCUN"]),  # no facility on either side: left out
]
OD = [
    ("Z1", "Z2", "NM", 10.0),
    ("Z1", "Z3", "NM", 5.0),
    ("Z2", "Z3", "NM", 2.0),
    ("Z1", "Z4", "NM", 1.0),
    ("Z1", "Z2", "VP", 100.0),
    ("Z1", "Z1", "NM", 3.0),
    ("Z1", "Z9", "NM", 4.0),
]


@pytest.fixture
def toy():
    network = lines_layer("LineString?crs=EPSG:2154&field=name:string", NETWORK, "network")
    # the facilities in another CRS than the network: they are reprojected
    facilities = lines_layer("LineString?crs=EPSG:4326&field=ame_d:string&field=ame_g:string", FACILITIES, "lanes")
    zones = points_layer([((0, -50), "Z1"), ((3000, -50), "Z2"), ((2000, 1050), "Z3"), ((4000, -50), "Z4")])
    flows = memory_layer("None?field=ORI:string&field=DES:string&field=MODE:string&field=FLOW:double", OD, "od")
    return {
        "NETWORK": network,
        "ZONES": zones,
        "ZONE_ID_FIELD": "code",
        "FLOWS": flows,
        "ORIGIN_FIELD": "ORI",
        "DESTINATION_FIELD": "DES",
        "FLOW_FIELD": "FLOW",
        "MODE_FIELD": "MODE",
        "MODES": "NM",
        "MAX_CONNECTOR_DISTANCE": 500,
        "FACILITIES": facilities,
        "OUTPUT": "TEMPORARY_OUTPUT",
        "GAPS": "TEMPORARY_OUTPUT",
        "UNROUTED": "TEMPORARY_OUTPUT",
    }


def segments(results, context):
    return {f["name"]: f for f in output_layer(results["OUTPUT"], context).getFeatures()}


def gaps_of(results, context):
    layer = output_layer(results["GAPS"], context)
    return sorted(layer.getFeatures(), key=lambda f: f["gap_rank"])


def test_flows_coverage_and_gaps_known_by_hand(run_alg, toy):
    results, feedback, context = run_alg(ALG, toy)
    segs = segments(results, context)
    # NM only: Z1->Z2 10 (e1 e2 e3), Z1->Z3 5 (e1 e2 e4), Z2->Z3 2 (e3 e4), Z1->Z4 1 (e1 e2 e3 e5)
    assert {name: f["flow"] for name, f in segs.items()} == {"e1": 16.0, "e2": 16.0, "e3": 13.0, "e4": 7.0, "e5": 1.0}
    assert all(f["length_m"] == pytest.approx(1000.0) for f in segs.values())
    assert segs["e3"]["flow_km"] == pytest.approx(13.0)
    assert segs["e2"]["covered_share"] == pytest.approx(1.0, abs=1e-4)
    assert segs["e5"]["covered_share"] == pytest.approx(0.5, abs=1e-4)
    for name in ("e1", "e3", "e4"):  # e1: the greenway is 20 m away; e3, e4 only touch a lane's end
        assert segs[name]["covered_share"] == pytest.approx(0.0, abs=1e-4)
    assert {name for name, f in segs.items() if f["covered"]} == {"e2", "e5"}
    assert results["FLOW_KM"] == pytest.approx(53.0)
    assert results["FLOW_KM_COVERED"] == pytest.approx(17.0)
    assert results["COVERED_SHARE"] == pytest.approx(17.0 / 53.0)
    assert results["FLOW_ASSIGNED"] == pytest.approx(18.0)
    assert results["FLOW_UNROUTED"] == pytest.approx(7.0)
    # gaps: e3 + e4 meet at C (20 flow-km); e1 stands alone (e2, covered, separates it)
    gaps = gaps_of(results, context)
    assert [(g["gap_rank"], g["segments"], g["flow_km"], g["length_m"], g["max_flow"]) for g in gaps] == [
        (1, 2, pytest.approx(20.0), pytest.approx(2000.0), 13.0),
        (2, 1, pytest.approx(16.0), pytest.approx(1000.0), 16.0),
    ]
    assert gaps[0]["mean_flow"] == pytest.approx(10.0)
    assert gaps[0].geometry().length() == pytest.approx(2000.0, rel=1e-6)
    unrouted = output_layer(results["UNROUTED"], context)
    rows = {(f["origin"], f["destination"]): (f["flow"], f["reason"]) for f in unrouted.getFeatures()}
    assert rows == {("Z1", "Z1"): (3.0, "intrazonal"), ("Z1", "Z9"): (4.0, "destination_unknown")}
    text = feedback.text()
    assert "1 lines of the cycle facility layer are not cycle facilities (national schema: ame_d or ame_g)" in text
    assert "Flow-km: 53.0, of which on segments along cycle facilities: 17.0 (32.1 %)" in text
    assert "2 gaps" in text
    # the styles are applied
    layer = output_layer(results["OUTPUT"], context)
    assert layer.renderer().type() == "RuleRenderer"
    assert len(layer.renderer().rootRule().children()) == 4
    gap_layer = output_layer(results["GAPS"], context)
    assert gap_layer.labelsEnabled() and gap_layer.labeling().settings().fieldName == "gap_rank"


def test_max_trip_length_threshold_and_gap_flow(run_alg, toy):
    params = dict(toy, MAX_TRIP_KM=3.5, MIN_COVERED_SHARE=0.6, MIN_GAP_FLOW=5)
    results, feedback, context = run_alg(ALG, params)
    # Z1->Z4 (4 km) is too long; e5 (now unloaded) is no longer covered at 0.6, nor is it a gap (no flow)
    segs = segments(results, context)
    assert {name: f["flow"] for name, f in segs.items()} == {"e1": 15.0, "e2": 15.0, "e3": 12.0, "e4": 7.0, "e5": 0.0}
    assert not segs["e5"]["covered"] and segs["e2"]["covered"]
    assert results["FLOW_ASSIGNED"] == pytest.approx(17.0)
    assert results["FLOW_UNROUTED"] == pytest.approx(8.0)
    unrouted = {(f["origin"], f["destination"]): f for f in output_layer(results["UNROUTED"], context).getFeatures()}
    assert unrouted[("Z1", "Z4")]["reason"] == "too_long"
    assert "4.0 km on the network" in unrouted[("Z1", "Z4")]["detail"]
    assert "1 OD pairs (1.0 trips) are longer than 3.5 km" in feedback.text()
    # segments above 5: e1 (15), e3 (12), e4 (7) -> e3 + e4 (19 flow-km) then e1 (15)
    gaps = gaps_of(results, context)
    assert [(g["segments"], round(g["flow_km"], 6)) for g in gaps] == [(2, 19.0), (1, 15.0)]
    params["MIN_GAP_FLOW"] = 10  # e4 (7) drops out: e3 alone (12) after e1 (15)
    results, _, context = run_alg(ALG, params)
    assert [(g["segments"], round(g["flow_km"], 6)) for g in gaps_of(results, context)] == [(1, 15.0), (1, 12.0)]
    # every trip longer than the limit: nothing assigned, everything reported, no gap
    results, feedback, context = run_alg(ALG, dict(params, MAX_TRIP_KM=0.5))
    assert results["FLOW_ASSIGNED"] == 0.0 and results["FLOW_UNROUTED"] == pytest.approx(25.0)
    assert results["FLOW_KM"] == 0.0 and results["COVERED_SHARE"] == 0.0
    assert output_layer(results["GAPS"], context).featureCount() == 0
    assert "No flow could be assigned" in feedback.text()


def test_val_doise_sample_non_motorised_flows(run_alg, sample, sample_dir, tmp_path):
    base = sample_dir / "val-doise"
    params = {
        "NETWORK": str(base / "routes_principales_osm_val_doise_2026.geojson"),
        "TOLERANCE": 2.0,
        "ZONES": str(sample["zones"]),
        "ZONE_ID_FIELD": "insee_com",
        "MAX_CONNECTOR_DISTANCE": 5000,
        "FLOWS": str(sample["modes"]),
        "ORIGIN_FIELD": "ORI",
        "DESTINATION_FIELD": "DES",
        "FLOW_FIELD": "FLOW",
        "MODE_FIELD": "MODE",
        "MODES": "NM",
        "MAX_TRIP_KM": 10,
        "FACILITIES": str(base / "amenagements_cyclables_bnac_val_doise_2026.geojson"),
        "OUTPUT": str(tmp_path / "coverage.gpkg"),
        "GAPS": str(tmp_path / "gaps.gpkg"),
        "UNROUTED": str(tmp_path / "unrouted.gpkg"),
    }
    results, feedback, context = run_alg(ALG, params)
    with open(sample["modes"], encoding="utf-8") as handle:
        nm_total = sum(float(r["FLOW"]) for r in csv.DictReader(handle, delimiter=";") if r["MODE"] == "NM")
    assert nm_total == pytest.approx(40807, abs=1)
    assert results["FLOW_ASSIGNED"] + results["FLOW_UNROUTED"] == pytest.approx(nm_total, abs=1e-6)
    unrouted = QgsVectorLayer(results["UNROUTED"], "unrouted")
    reported = sum(f["flow"] for f in unrouted.getFeatures())
    assert reported == pytest.approx(results["FLOW_UNROUTED"])
    reasons = {f["reason"] for f in unrouted.getFeatures()}
    assert "too_long" in reasons and "intrazonal" in reasons
    assert all(float(f["detail"].split(" km")[0]) >= 10.0 for f in unrouted.getFeatures() if f["reason"] == "too_long")
    assert 0 < results["COVERED_SHARE"] < 1
    assert results["FLOW_ASSIGNED"] > 0
    layer = QgsVectorLayer(results["OUTPUT"], "coverage")
    assert layer.featureCount() >= 4928
    fkm = covered_fkm = 0.0
    uncovered = {}
    for f in layer.getFeatures():
        if f["segment"] is None:
            continue
        fkm += f["flow_km"]
        assert 0.0 <= f["covered_share"] <= 1.0
        assert bool(f["covered"]) == (f["covered_share"] >= 0.5 and f["covered_share"] > 0)
        if f["covered"]:
            covered_fkm += f["flow_km"]
        else:
            uncovered[f["segment"]] = f
    assert fkm == pytest.approx(results["FLOW_KM"], rel=1e-9)
    assert covered_fkm == pytest.approx(results["FLOW_KM_COVERED"], rel=1e-9)
    assert results["COVERED_SHARE"] == pytest.approx(covered_fkm / fkm)
    # gaps: ranked by decreasing flow-km; every gap is uncovered loaded segments; gap flow-km adds up
    gap_layer = QgsVectorLayer(results["GAPS"], "gaps")
    gaps = sorted(gap_layer.getFeatures(), key=lambda f: f["gap_rank"])
    assert [g["gap_rank"] for g in gaps] == list(range(1, len(gaps) + 1))
    assert all(a["flow_km"] >= b["flow_km"] for a, b in zip(gaps, gaps[1:]))
    loaded_uncovered = [f for f in uncovered.values() if f["flow"] > 0]
    assert sum(g["flow_km"] for g in gaps) == pytest.approx(sum(f["flow_km"] for f in loaded_uncovered), rel=1e-9)
    assert sum(g["segments"] for g in gaps) == len(loaded_uncovered)
    top = gaps[0]
    around = top.geometry().buffer(1e-6, 2)  # the gap itself (degrees: about 0.1 m)
    inside = [f for f in loaded_uncovered if around.contains(f.geometry())]
    assert len(inside) == top["segments"] and max(f["flow"] for f in inside) == pytest.approx(top["max_flow"])
    # styles stored with the GeoPackage outputs
    assert layer.renderer().type() == "RuleRenderer"
    assert gap_layer.labelsEnabled()


@pytest.mark.parametrize(
    "change,message",
    [
        ({"MATCH_DISTANCE": 0}, "The match distance must be more than 0 metres (it is 0.0)"),
        ({"MIN_COVERED_SHARE": 1.5}, "The minimum covered share must be between 0 and 1 (it is 1.5)"),
        (
            {"MODES": "VELO"},
            "No flow has the mode VELO; the modes in the table are: NM: non-motorised (walking, bicycle); "
            "VP: car, van or truck.",
        ),
        ({"MAX_TRIP_KM": -2}, "The longest trip must be 0 (no limit) or more kilometres (it is -2.0)."),
    ],
)
def test_bad_parameters_say_what_to_fix(run_alg, toy, change, message):
    with pytest.raises(QgsProcessingException) as caught:
        run_alg(ALG, dict(toy, **change))
    assert message in str(caught.value)


def test_bad_layers_say_what_to_fix(run_alg, toy):
    points = QgsVectorLayer("Point?crs=EPSG:2154", "stops", "memory")
    with pytest.raises(
        QgsProcessingException, match="The cycle facility layer 'stops' holds Point geometries, not lines"
    ):
        run_alg(ALG, dict(toy, FACILITIES=points))
    empty = QgsVectorLayer("LineString?crs=EPSG:2154&field=ame_d:string&field=ame_g:string", "nothing", "memory")
    with pytest.raises(
        QgsProcessingException, match=r"The cycle facility layer 'nothing' has no usable facility line \(0 features\)"
    ):
        run_alg(ALG, dict(toy, FACILITIES=empty))
    no_lines = QgsVectorLayer("LineString?crs=EPSG:2154&field=name:string", "empty network", "memory")
    with pytest.raises(QgsProcessingException, match="The network layer has no line to route on"):
        run_alg(ALG, dict(toy, NETWORK=no_lines))
    zero = memory_layer(
        "None?field=ORI:string&field=DES:string&field=MODE:string&field=FLOW:double",
        [("Z1", "Z2", "NM", 0.0), ("Z1", "Z2", "VP", 5.0)],
        "od",
    )
    with pytest.raises(QgsProcessingException, match="No flow left after keeping the modes NM: their flows sum to 0"):
        run_alg(ALG, dict(toy, FLOWS=zero))


def test_far_facilities_are_reported(run_alg, toy):
    far = lines_layer("LineString?crs=EPSG:2154", [([(0, 5000), (1000, 5000)], [])], "far")
    results, feedback, _ = run_alg(ALG, dict(toy, FACILITIES=far, FACILITY_EXPRESSION="true"))
    assert results["COVERED_SHARE"] == 0.0 and results["FLOW_KM"] == pytest.approx(53.0)
    assert "No network segment lies within 15 m of a cycle facility" in feedback.text()


class CancelAt(QgsProcessingFeedback):
    def __init__(self, at):
        super().__init__()
        self.at = at
        self.progressChanged.connect(lambda value: self.cancel() if value >= self.at else None)


@pytest.mark.parametrize("at", [30, 76])  # while routing, while matching the facilities
def test_cancel_writes_nothing(run_alg, toy, tmp_path, at):
    paths = {key: tmp_path / f"{key.lower()}.gpkg" for key in ("OUTPUT", "GAPS", "UNROUTED")}
    params = dict(toy, MAX_TRIP_KM=50, **{key: str(path) for key, path in paths.items()})
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg(ALG, params, feedback=CancelAt(at))
    assert not any(path.exists() for path in paths.values())


def test_a_layer_of_unknown_schema_or_the_network_itself_is_not_taken_for_facilities(run_alg, toy):
    """Any line layer used to give a confident « 100 % covered »: the schema is now checked."""
    plain = lines_layer("LineString?crs=EPSG:2154&field=name:string", [([(0, -5), (1000, -5)], ["rue"])], "plain")
    with pytest.raises(QgsProcessingException, match="The layer 'plain' is not a cycle facility layer"):
        run_alg(ALG, dict(toy, FACILITIES=plain))
    with pytest.raises(QgsProcessingException, match="is not a cycle facility layer this tool can read"):
        run_alg(ALG, dict(toy, FACILITIES=toy["NETWORK"]))


def test_openstreetmap_tags_tell_the_facilities(run_alg, toy):
    """An OpenStreetMap export: cycleways and cycle lanes count, a bus lane only when asked."""
    osm = lines_layer(
        "LineString?crs=EPSG:2154&field=highway:string&field=cycleway:string&field=other_tags:string",
        [
            ([(0, 5), (1000, 5)], ["cycleway", None, None]),
            ([(1000, 5), (2000, 5)], ["secondary", None, '"cycleway:right"=>"share_busway"']),
            ([(2000, 5), (3000, 5)], ["residential", "lane", None]),
        ],
        "osm",
    )
    _, feedback, _ = run_alg(ALG, dict(toy, FACILITIES=osm))
    assert "Cycle facilities: 2 lines from 'osm' (OpenStreetMap tags)" in feedback.text()
    assert "1 lines of the cycle facility layer are not cycle facilities (OpenStreetMap tags)" in feedback.text()
    _, feedback, _ = run_alg(ALG, dict(toy, FACILITIES=osm, BUS_LANES=True))
    assert "Cycle facilities: 3 lines from 'osm' (OpenStreetMap tags)" in feedback.text()
