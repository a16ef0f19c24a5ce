"""territorial:assign_flows through the Processing registry: hand-made network with loads known by
hand, the Val-d'Oise sample, select link, graph cache, cancel, bad input."""

import os
import time

import pytest
from qgis.core import (
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)

from support.layers import line, output_layer, point, write_gpkg
from territorial_data.compat import FieldType, WkbType


@pytest.fixture
def toy(tmp_path):
    """One-way street, a long way round, an island, zones near and far, flows with every case."""
    network = write_gpkg(
        tmp_path / "network.gpkg",
        WkbType.LineString,
        [("name", FieldType.String), ("sens_de_circulation", FieldType.String)],
        [
            (line((0, 0), (1000, 0)), ["L1", "Double sens"]),
            (line((1000, 0), (2000, 0)), ["L2", "Sens direct"]),
            (line((2000, 0), (2000, 1000), (0, 1000), (0, 0)), ["L3", "Double sens"]),
            (line((5000, 5000), (6000, 5000)), ["island", "Double sens"]),
        ],
    )
    zones = write_gpkg(
        tmp_path / "zones.gpkg",
        WkbType.Point,
        [("code", FieldType.String)],
        [
            (point(0, -100), ["Z1"]),
            (point(2000, -100), ["Z2"]),
            (point(5000, 5100), ["Z3"]),
            (point(1000, -50), ["Z5"]),
        ],
    )
    csv = tmp_path / "od.csv"
    csv.write_text(
        "ORI;DES;MODE;FLOW\nZ1;Z2;VP;10\nZ2;Z1;VP;4\nZ1;Z3;VP;5\nZ1;Z1;VP;2\nZ9;Z2;VP;3\nZ5;Z2;VP;1\nZ5;Z2;TC;100\n",
        encoding="utf-8",
    )
    flows = str(csv)  # GDAL reads the ";" CSV, every column as text
    return {
        "NETWORK": network,
        "DIRECTION_FIELD": "sens_de_circulation",
        "ZONES": zones,
        "ZONE_ID_FIELD": "code",
        "FLOWS": flows,
        "ORIGIN_FIELD": "ORI",
        "DESTINATION_FIELD": "DES",
        "FLOW_FIELD": "FLOW",
        "MODE_FIELD": "MODE",
        "MODES": "VP",
        "MAX_CONNECTOR_DISTANCE": 1000,
        "TOLERANCE": 0.5,
    }


def by_name(layer):
    out = {}
    for f in layer.getFeatures():
        out.setdefault(f["name"], []).append(f)
    return out


def test_loads_known_by_hand(run_alg, toy, tmp_path):
    params = dict(toy, OUTPUT=str(tmp_path / "out.gpkg"), UNROUTED="TEMPORARY_OUTPUT")
    results, feedback, context = run_alg("territorial:assign_flows", params)
    layer = QgsVectorLayer(results["OUTPUT"], "out")
    segs = by_name(layer)
    assert [(f["flow_ab"], f["flow_ba"], f["flow"]) for f in segs["L1"]] == [(10.0, 0.0, 10.0)]
    assert [(f["flow_ab"], f["flow_ba"]) for f in segs["L2"]] == [(11.0, 0.0)]  # Z1->Z2 and Z5->Z2
    assert [(f["flow_ab"], f["flow_ba"]) for f in segs["L3"]] == [(4.0, 0.0)]  # Z2->Z1 goes round: L2 is one-way
    assert segs["L3"][0]["length_m"] == pytest.approx(4000.0)
    assert segs["island"][0]["flow"] == 0.0
    assert segs["L1"][0]["sens_de_circulation"] == "Double sens"
    assert results["FLOW_ASSIGNED"] == pytest.approx(15.0)
    assert results["FLOW_KM"] == pytest.approx((10 * 2000 + 4 * 4000 + 1 * 1000) / 1000)
    unrouted = output_layer(results["UNROUTED"], context)
    rows = {(f["origin"], f["destination"]): (f["flow"], f["reason"], f["detail"]) for f in unrouted.getFeatures()}
    assert rows[("Z1", "Z3")][:2] == (5.0, "destination_too_far")
    assert "km from the network" in rows[("Z1", "Z3")][2]
    assert rows[("Z1", "Z1")][:2] == (2.0, "intrazonal")
    assert rows[("Z9", "Z2")][:2] == (3.0, "origin_unknown")
    assert len(rows) == 3
    text = feedback.text()
    assert "Flow assigned: 15.0 of 25.0" in text and "flow-km: 37.0" in text
    # the style is stored with the output
    assert layer.renderer() is not None


def test_input_field_named_like_a_result_is_replaced_and_logged(run_alg, toy, tmp_path):
    network = write_gpkg(
        tmp_path / "flowed.gpkg",
        WkbType.LineString,
        [("name", FieldType.String), ("FLOW", FieldType.Double)],
        [(line((0, 0), (1000, 0)), ["L1", 99.0]), (line((1000, 0), (2000, 0)), ["L2", 99.0])],
    )
    params = dict(toy, NETWORK=network, DIRECTION_FIELD="", OUTPUT="TEMPORARY_OUTPUT", UNROUTED="TEMPORARY_OUTPUT")
    results, feedback, context = run_alg("territorial:assign_flows", params)
    assert "Input fields replaced by the results: FLOW." in feedback.text()
    layer = output_layer(results["OUTPUT"], context)
    assert [f.name() for f in layer.fields()].count("flow") == 1
    # two-way line: L1 carries Z1->Z2 (10) and Z2->Z1 (4); L2 also Z5->Z2 (1) — not the input 99
    assert sorted(f["flow"] for f in layer.getFeatures()) == [14.0, 15.0]


def test_select_link_lists_the_pairs_using_a_segment(run_alg, toy, tmp_path):
    selection = f"{toy['NETWORK']}|layername=data|subset=\"name\" = 'L2'"
    params = dict(
        toy,
        SELECT_SEGMENTS=selection,
        OUTPUT="TEMPORARY_OUTPUT",
        UNROUTED="TEMPORARY_OUTPUT",
        SELECTED_PAIRS="TEMPORARY_OUTPUT",
    )
    results, feedback, context = run_alg("territorial:assign_flows", params)
    pairs = output_layer(results["SELECTED_PAIRS"], context)
    assert sorted((f["origin"], f["destination"], f["flow"]) for f in pairs.getFeatures()) == [
        ("Z1", "Z2", 10.0),
        ("Z5", "Z2", 1.0),
    ]
    segs = by_name(output_layer(results["OUTPUT"], context))
    assert segs["L1"][0]["flow_select"] == 10.0 and segs["L3"][0]["flow_select"] == 0.0


def test_time_cost_and_graph_cache(run_alg, toy, tmp_path):
    # by time, the long way round on a fast road beats nothing (L2 stays one-way); the second run reuses the graph
    params = dict(toy, COST="time", DEFAULT_SPEED=30, OUTPUT="TEMPORARY_OUTPUT", UNROUTED="TEMPORARY_OUTPUT")
    first, feedback1, _ = run_alg("territorial:assign_flows", params)
    assert "reused from the cache" not in feedback1.text()
    assert "Network: 4 lines -> 4 segments" in feedback1.text()
    second, feedback2, _ = run_alg("territorial:assign_flows", params)
    assert "reused from the cache" in feedback2.text()
    assert second["FLOW_KM"] == pytest.approx(first["FLOW_KM"])
    # a changed file is read again
    time.sleep(0.01)
    os.utime(toy["NETWORK"], None)
    _, feedback3, _ = run_alg("territorial:assign_flows", params)
    assert "reused from the cache" not in feedback3.text()


class CancelAt(QgsProcessingFeedback):
    def __init__(self, at):
        super().__init__()
        self.at = at
        self.progressChanged.connect(lambda value: self.cancel() if value >= self.at else None)


def test_cancel_writes_nothing(run_alg, toy, tmp_path):
    out = tmp_path / "cancelled.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg(
            "territorial:assign_flows", dict(toy, OUTPUT=str(out), UNROUTED="TEMPORARY_OUTPUT"), feedback=CancelAt(15)
        )
    assert not out.exists()


def test_val_doise_sample_car_flows(run_alg, sample_dir, tmp_path):
    base = sample_dir / "val-doise"
    params = {
        "NETWORK": str(base / "routes_principales_osm_val_doise_2026.geojson"),
        "COST": "time",
        "ROAD_TYPE_FIELD": "type",
        "TOLERANCE": 2.0,
        "SPLIT_CROSSINGS": False,
        "ZONES": str(base / "communes_idf.geojson"),
        "ZONE_ID_FIELD": "insee_com",
        "MAX_CONNECTOR_DISTANCE": 5000,
        "FLOWS": str(base / "flux_domicile_travail_idf_rp2014_mode_csp_residence_95.csv"),
        "ORIGIN_FIELD": "ORI",
        "DESTINATION_FIELD": "DES",
        "FLOW_FIELD": "FLOW",
        "MODE_FIELD": "MODE",
        "MODES": "VP",
        "OUTPUT": str(tmp_path / "vp.gpkg"),
        "UNROUTED": str(tmp_path / "unrouted.gpkg"),
    }
    results, feedback, context = run_alg("territorial:assign_flows", params)
    layer = QgsVectorLayer(results["OUTPUT"], "vp")
    unrouted = QgsVectorLayer(results["UNROUTED"], "unrouted")
    # every VP trip is either assigned or reported (271 794 in the sample README)
    reported = sum(f["flow"] for f in unrouted.getFeatures())
    assert results["FLOW_ASSIGNED"] + reported == pytest.approx(271794, abs=1)
    assert results["FLOW_NOT_ASSIGNED"] == pytest.approx(reported)
    # the merged communes missing from the polygons are reported with their flow
    import csv

    with open(base / "flux_domicile_travail_idf_rp2014_mode_csp_residence_95.csv", encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(handle, delimiter=";") if r["MODE"] == "VP"]
    for code in ("95259", "95282"):
        expected = sum(float(r["FLOW"]) for r in rows if r["ORI"] == code)
        got = sum(f["flow"] for f in unrouted.getFeatures() if f["origin"] == code)
        assert expected > 0 and got == pytest.approx(expected)
        assert {f["reason"] for f in unrouted.getFeatures() if f["origin"] == code} == {"origin_unknown"}
    # loads: conservation at the assignment level (flow-km = sum of flow x length)
    total_fkm = sum(f["flow"] * f["length_m"] for f in layer.getFeatures()) / 1000
    assert total_fkm == pytest.approx(results["FLOW_KM"], rel=1e-9)
    assert results["FLOW_ASSIGNED"] > 0.5 * 271794
    assert layer.featureCount() >= 4928
    busiest = max(layer.getFeatures(), key=lambda f: f["flow"])
    assert busiest["type"] in ("motorway", "trunk", "primary", "motorway_link", "trunk_link")


def test_bad_parameters_say_what_to_fix(run_alg, toy):
    with pytest.raises(QgsProcessingException, match="no cost field"):
        run_alg(
            "territorial:assign_flows", dict(toy, COST="field", OUTPUT="TEMPORARY_OUTPUT", UNROUTED="TEMPORARY_OUTPUT")
        )
    with pytest.raises(QgsProcessingException, match="No flow has the mode"):
        run_alg(
            "territorial:assign_flows", dict(toy, MODES="XX", OUTPUT="TEMPORARY_OUTPUT", UNROUTED="TEMPORARY_OUTPUT")
        )
    with pytest.raises(QgsProcessingException, match="Direction mapping"):
        run_alg(
            "territorial:assign_flows",
            dict(toy, DIRECTION_MAPPING="Double sens", OUTPUT="TEMPORARY_OUTPUT", UNROUTED="TEMPORARY_OUTPUT"),
        )
    # the zones' code field is resolved as for flow lines: any letter case, a clear error when missing
    with pytest.raises(
        QgsProcessingException, match=r"zones layer 'zones' has no field 'insee'\. Its fields are: fid, code"
    ):
        run_alg(
            "territorial:assign_flows",
            dict(toy, ZONE_ID_FIELD="insee", OUTPUT="TEMPORARY_OUTPUT", UNROUTED="TEMPORARY_OUTPUT"),
        )
    results, _, _ = run_alg(
        "territorial:assign_flows",
        dict(toy, ZONE_ID_FIELD="CODE", OUTPUT="TEMPORARY_OUTPUT", UNROUTED="TEMPORARY_OUTPUT"),
    )
    assert results["FLOW_ASSIGNED"] == pytest.approx(15.0)


def test_unnoded_crossing_connects_only_when_split(run_alg, tmp_path):
    # two roads crossing without a shared vertex (a layer that is not noded)
    network = write_gpkg(
        tmp_path / "x.gpkg",
        WkbType.LineString,
        [("name", FieldType.String)],
        [(line((0, 0), (2000, 0)), ["east-west"]), (line((1000, -1000), (1000, 1000)), ["south-north"])],
    )
    zones = write_gpkg(
        tmp_path / "z.gpkg",
        WkbType.Point,
        [("code", FieldType.String)],
        [(point(0, 0), ["W"]), (point(1000, 1000), ["N"])],
    )
    csv = tmp_path / "od.csv"
    csv.write_text("origin,destination,flow\nW,N,6\n", encoding="utf-8")
    params = {
        "NETWORK": network,
        "ZONES": zones,
        "ZONE_ID_FIELD": "code",
        "FLOWS": str(csv),
        "MAX_CONNECTOR_DISTANCE": 10,
        "OUTPUT": "TEMPORARY_OUTPUT",
        "UNROUTED": "TEMPORARY_OUTPUT",
    }
    results, _, context = run_alg("territorial:assign_flows", params)
    assert results["FLOW_ASSIGNED"] == 0.0  # N is on the other (unconnected) road: too far from the largest part
    reasons = {f["reason"] for f in output_layer(results["UNROUTED"], context).getFeatures()}
    assert reasons == {"destination_too_far"}
    results, _, context = run_alg("territorial:assign_flows", dict(params, SPLIT_CROSSINGS=True))
    assert results["FLOW_ASSIGNED"] == 6.0 and results["FLOW_KM"] == pytest.approx(6 * 2.0)
    pieces = list(output_layer(results["OUTPUT"], context).getFeatures())
    assert len(pieces) == 4 and all(f["length_m"] == pytest.approx(1000.0) for f in pieces)
    loads = sorted((f["name"], f["flow_ab"], f["flow_ba"]) for f in pieces)
    assert loads == [
        ("east-west", 0.0, 0.0),
        ("east-west", 6.0, 0.0),
        ("south-north", 0.0, 0.0),
        ("south-north", 6.0, 0.0),
    ]
