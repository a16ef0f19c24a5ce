"""territorial:transit_coverage through the Processing registry: the hand-made feed of the engine
tests with point zones, then the real TaM Montpellier feed with the Hérault communes."""

import csv
import importlib.util
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from qgis.core import NULL, QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException, QgsVectorLayer
from shapely.geometry import Point, shape

from support.feedback import RecordingFeedback
from support.layers import memory_layer, output_layer
from territorial_data.providers import gtfs

ALG = "territorial:transit_coverage"
DATA = Path(__file__).resolve().parent.parent / "data"
MONTPELLIER = DATA / "gtfs" / "gtfs_tam_montpellier_2025.zip"
COMMUNES = DATA / "zones" / "communes_herault.geojson"
OD = DATA / "flows" / "od_montpellier_communes.csv"


def _hand_module():
    """The hand-made feed and its expected answers, shared with tests/unit/test_transit_engine.py."""
    spec = importlib.util.spec_from_file_location("transit_hand_feed", DATA.parent / "unit" / "test_transit_engine.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


HAND = _hand_module()
FLOWS = {
    ("ZA", "ZB"): 100.0,
    ("ZB", "ZA"): 40.0,
    ("ZA", "ZD"): 30.0,
    ("ZD", "ZA"): 20.0,
    ("ZA", "ZE"): 10.0,
    ("ZB", "ZE"): 8.0,
    ("ZA", "ZF"): 5.0,
    ("ZA", "ZG"): 4.0,
    ("ZX", "ZA"): 3.0,
    ("ZA", "ZA"): 50.0,
}


def point_zones(codes=None):
    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=code:string", "zones", "memory")
    features = []
    for code, (_, _, lon, lat) in HAND.ZONES.items():
        if codes is not None and code not in codes:
            continue
        feature = QgsFeature(layer.fields())
        feature.setAttributes([code])
        feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer


def flows_layer(flows=FLOWS):
    return memory_layer(
        "None?field=origin:string&field=destination:string&field=flow:double",
        [(o, d, f) for (o, d), f in flows.items()],
        "hand flows",
    )


@pytest.fixture
def hand_feed(tmp_path):
    return HAND.write_feed(tmp_path / "hand.zip")


def run_hand(run_alg, feed, feedback=None, **extra):
    params = {
        "GTFS": feed,
        "DATE": HAND.DAY,
        "START_TIME": "07:00",
        "END_TIME": "09:00",
        "ZONES": point_zones(),
        "ZONE_ID_FIELD": "code",
        "FLOWS": flows_layer(),
        "OUTPUT": "TEMPORARY_OUTPUT",
        "ZONES_OUTPUT": "TEMPORARY_OUTPUT",
    }
    params.update(extra)
    return run_alg(ALG, params, feedback=feedback)


def test_hand_feed_with_point_zones(run_alg, hand_feed):
    results, feedback, context = run_hand(run_alg, hand_feed)
    lines = {(f["origin"], f["destination"]): f for f in output_layer(results["OUTPUT"], context).getFeatures()}
    assert set(lines) == set(FLOWS) - {("ZA", "ZA")}  # the intrazonal flow is left out...
    assert any("Flows within a zone are left out: 50 in 1 zones" in i for i in feedback.infos)  # ...and said
    for pair, (direct, best_direct, change, best_change, served) in HAND.EXPECTED.items():
        line = lines[pair]
        assert (line["served"], line["direct_departures"], line["transfer_departures"]) == (served, direct, change), (
            pair
        )
        for value, expected in ((line["best_direct_min"], best_direct), (line["best_transfer_min"], best_change)):
            assert is_null(value) if expected is None else value == pytest.approx(expected, abs=0.01), pair
        used = direct or change
        assert line["headway_min"] == pytest.approx(120.0 / used) if used else is_null(line["headway_min"]), pair
        assert line["flow"] == FLOWS[pair] and line["date"] == HAND.DAY and line["time_window"] == "07:00-09:00"
    assert is_null(lines[("ZA", "ZB")]["reason"]) and lines[("ZA", "ZB")].geometry().length() > 0
    assert (lines[("ZA", "ZD")]["origin_stops"], lines[("ZA", "ZD")]["destination_stops"]) == (2, 1)  # A and A2, D
    assert lines[("ZA", "ZF")]["reason"] == "no trip in the window, direct or with one change"
    assert (
        lines[("ZA", "ZG")]["reason"] == "no stop near the destination"
        and lines[("ZA", "ZG")]["destination_stops"] == 0
    )
    unknown = lines[("ZX", "ZA")]
    assert (
        unknown["served"] == "none"
        and unknown["reason"] == "no zone 'ZX' in the zones layer"
        and unknown.geometry().isNull()
    )
    assert any("1 flow codes have no zone with a geometry (ZX)" in w for w in feedback.warnings)
    assert any("1 zones have no stop within 500 m; 1 of them carry flows (ZG)" in w for w in feedback.warnings)

    total = sum(f for (o, d), f in FLOWS.items() if o != d)
    assert results["FLOW_TOTAL"] == pytest.approx(total) == 220
    assert results["FLOW_DIRECT"] == pytest.approx(100 + 40 + 30 + 20 + 10)
    assert results["FLOW_TRANSFER"] == pytest.approx(8)
    assert results["FLOW_NONE"] == pytest.approx(5 + 4 + 3)
    assert results["FLOW_DIRECT"] + results["FLOW_TRANSFER"] + results["FLOW_NONE"] == pytest.approx(
        results["FLOW_TOTAL"]
    )
    assert results["SHARE_SERVED"] == pytest.approx(208 / 220)
    assert any("of a flow of 220 between distinct zones (9 pairs)" in i and "94.5% served" in i for i in feedback.infos)

    zones = {f["code"]: f for f in output_layer(results["ZONES_OUTPUT"], context).getFeatures()}
    assert set(zones) == set(HAND.ZONES)
    za = zones["ZA"]
    assert (za["stops"], za["departures"]) == (2, 4)  # T1, T2, T10 at A; T9 at A2
    assert za["flow_out"] == pytest.approx(100 + 30 + 10 + 5 + 4) and za["flow_out_served"] == pytest.approx(140)
    assert za["flow_out_direct"] == pytest.approx(140) and za["share_served"] == pytest.approx(140 / 149)
    assert zones["ZB"]["flow_out_served"] == pytest.approx(48) and zones["ZB"]["flow_out_direct"] == pytest.approx(40)
    assert (
        zones["ZG"]["stops"] == 0
        and zones["ZG"]["reason"] == "no stop within 500 m"
        and is_null(zones["ZG"]["share_served"])
    )
    assert is_null(zones["ZE"]["share_served"]) and zones["ZE"]["departures"] == 0  # E is a terminus, no flow leaves ZE
    assert za["source"].startswith("Hand Transit (GTFS)")


def is_null(value):
    return value is None or value == NULL


def test_fetched_feed_keeps_its_provenance(run_alg, hand_feed, tmp_path):
    copy = tmp_path / "fetched.zip"
    record = {
        "dataset": "gtfs",
        "title": "Hand network",
        "producer": "Hand Transit Authority",
        "licence": "ODbL",
        "licence_url": "",
        "attribution": "Hand Transit Authority (GTFS)",
        "vintage": "2025",
        "url": "http://example.invalid/hand.zip",
        "params": [],
        "retrieved_at": "2025-10-20T08:00:00Z",
        "sha256": "",
    }
    gtfs.copy_with_sidecar(hand_feed, str(copy), record)
    out = tmp_path / "lines.gpkg"
    results, _, _ = run_hand(run_alg, str(copy), OUTPUT=str(out), ZONES_OUTPUT=str(tmp_path / "zones.gpkg"))
    layer = QgsVectorLayer(results["OUTPUT"], "lines")
    feature = next(layer.getFeatures())
    assert feature["source"].startswith("Hand Transit Authority (GTFS)") and feature["licence"].startswith("ODbL")
    with sqlite3.connect(out) as db:
        assert db.execute("select count(*) from layer_styles where useAsDefault").fetchone()[0] == 1
        metadata = " ".join(m[0] for m in db.execute("select metadata from gpkg_metadata"))
    assert "Hand Transit Authority" in metadata
    with sqlite3.connect(tmp_path / "zones.gpkg") as db:  # point zones: the point variant of the style
        style = db.execute("select styleQML from layer_styles where useAsDefault").fetchone()[0]
    assert 'attr="share_served"' in style and 'type="marker"' in style


@pytest.mark.parametrize(
    "extra, message",
    [
        ({"DATE": "2025-13-45"}, "'2025-13-45' is not a date: write it YYYY-MM-DD, e.g. 2025-10-14."),
        ({"START_TIME": "7h75"}, "'7h75' is not a time (start): write it HH:MM"),
        (
            {"START_TIME": "09:00", "END_TIME": "08:00"},
            "The end of the time window (08:00) must be after its start (09:00)",
        ),
        (
            {"DATE": "2024-06-04"},
            "No trip of 'hand.zip' runs on 2024-06-04 (Tuesday); its service period is 2025-01-01 to 2025-12-31. "
            "Choose a date in that period: 2025-01-01 (Wednesday) is the weekday with the most trips.",
        ),
        (
            {"WALK_DISTANCE": 0},
            "Check the settings: the walking distance must be more than 0 m (got 0.0): 500 m is a usual value.",
        ),
        (
            {"MAX_WAIT_MIN": 1},
            "the maximum wait (1.0 min) is shorter than the minimum change time (2.0 min): no change could count",
        ),
        (
            {"ZONES": "far"},
            "No stop of the feed lies within 500 m of any zone: the zones and the GTFS feed do not cover the same "
            "territory",
        ),
        ({"FLOWS": "intra"}, "No flow between two different zones: there is nothing to serve."),
        (
            {"FLOWS": "modes", "MODE_FIELD": "mode", "MODES": "VP"},
            "No flow has the mode VP; the modes in the table are: TC: public transport.",
        ),
    ],
)
def test_bad_inputs_are_explained(run_alg, hand_feed, tmp_path, extra, message):
    extra = dict(extra)
    if extra.get("ZONES") == "far":
        extra["ZONES"] = point_zones({"ZG"})
        extra["FLOWS"] = flows_layer({("ZG", "ZA"): 1.0})
    if extra.get("FLOWS") == "intra":
        extra["FLOWS"] = flows_layer({("ZA", "ZA"): 1.0})
    if extra.get("FLOWS") == "modes":
        extra["FLOWS"] = memory_layer(
            "None?field=origin:string&field=destination:string&field=flow:double&field=mode:string",
            [("ZA", "ZB", 1.0, "TC")],
            "flows",
        )
    out = tmp_path / "lines.gpkg"
    with pytest.raises(QgsProcessingException) as error:
        run_hand(run_alg, hand_feed, OUTPUT=str(out), **extra)
    assert message in str(error.value)
    assert "Traceback" not in str(error.value) and not out.exists()


def test_cancel_writes_nothing(run_alg, hand_feed, tmp_path):
    feedback = RecordingFeedback(cancel_after_progress=50)  # while the pairs are computed
    with pytest.raises(QgsProcessingException, match="Cancelled: nothing was written"):
        run_hand(
            run_alg,
            hand_feed,
            OUTPUT=str(tmp_path / "lines.gpkg"),
            ZONES_OUTPUT=str(tmp_path / "zones.gpkg"),
            feedback=feedback,
        )
    assert not (tmp_path / "lines.gpkg").exists() and not (tmp_path / "zones.gpkg").exists()
    assert max(feedback.progress_values) < 90


# -- the real TaM feed and the communes of the Hérault ----------------------------------------------------


def tram_trips_between(origin_code, destination_code, start, end):
    """An independent lower bound: tram trips of the feed (stop_times read with csv) leaving a stop
    strictly inside the origin commune in [start, end) and calling later at a stop strictly inside the
    destination commune, on 2025-10-14."""
    with open(COMMUNES, encoding="utf-8") as handle:
        polygons = {f["properties"]["insee_com"]: shape(f["geometry"]) for f in json.load(handle)["features"]}

    def rows(archive, name):
        return list(csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8-sig")))

    with zipfile.ZipFile(MONTPELLIER) as archive:
        stops = {
            r["stop_id"]: Point(float(r["stop_lon"]), float(r["stop_lat"]))
            for r in rows(archive, "stops.txt")
            if r["stop_lat"]
        }
        trams = {r["route_id"] for r in rows(archive, "routes.txt") if r["route_type"] == "0"}
        feed = gtfs.load_feed(str(MONTPELLIER))
        running = gtfs.active_services(feed, gtfs.parse_day("2025-10-14"))
        trips = {
            r["trip_id"] for r in rows(archive, "trips.txt") if r["route_id"] in trams and r["service_id"] in running
        }
        calls = {}
        for r in rows(archive, "stop_times.txt"):
            if r["trip_id"] in trips:
                h, m, s = (int(v) for v in r["departure_time"].split(":"))
                calls.setdefault(r["trip_id"], []).append(
                    (int(r["stop_sequence"]), r["stop_id"], h * 3600 + m * 60 + s)
                )
    inside_o = {s for s, p in stops.items() if polygons[origin_code].contains(p)}
    inside_d = {s for s, p in stops.items() if polygons[destination_code].contains(p)}
    count = 0
    for seq in calls.values():
        seq.sort()
        boards = [i for i, (_, s, t) in enumerate(seq[:-1]) if s in inside_o and start <= t < end]
        if boards and any(s in inside_d for _, s, _ in seq[boards[0] + 1 :]):
            count += 1
    return count


def test_montpellier_communes_served_by_the_tram(run_alg, tmp_path):
    out, zones_out = tmp_path / "transit.gpkg", tmp_path / "transit_zones.gpkg"
    results, feedback, context = run_alg(
        ALG,
        {
            "GTFS": str(MONTPELLIER),
            "DATE": "2025-10-14",
            "START_TIME": "07:00",
            "END_TIME": "09:00",
            "ZONES": str(COMMUNES),
            "ZONE_ID_FIELD": "insee_com",
            "FLOWS": str(OD),
            "MODE_FIELD": "mode",
            "MODES": "TC",
            "OUTPUT": str(out),
            "ZONES_OUTPUT": str(zones_out),
        },
    )
    lines = {(f["origin"], f["destination"]): f for f in QgsVectorLayer(results["OUTPUT"], "lines").getFeatures()}
    assert len(lines) == 14  # 16 rows: the VP row filtered out, the intrazonal row left out
    assert any("Flows within a zone are left out: 50 000 in 1 zones" in i for i in feedback.infos)
    trams = tram_trips_between("34172", "34057", 7 * 3600, 9 * 3600)
    assert trams >= 15  # tram 2 to Notre-Dame de Sablassou / Jacou runs every few minutes
    for pair in (("34172", "34057"), ("34057", "34172")):
        line = lines[pair]
        assert line["served"] == "direct" and line["direct_departures"] >= trams, pair
        assert 5 < line["best_direct_min"] < 30 and line["headway_min"] <= 120 / trams
        assert line["origin_stops"] > 500 if pair[0] == "34172" else line["origin_stops"] > 50
    assert lines[("34057", "34172")]["flow"] == 2100  # the 5 000 VP commuters are not counted
    for pair in (("34172", "34032"), ("34032", "34172")):  # Béziers, 60 km away
        assert (
            lines[pair]["served"] == "none"
            and lines[pair]["direct_departures"] == 0 == lines[pair]["transfer_departures"]
        )
    assert lines[("34172", "34032")]["reason"] == "no stop near the destination"
    assert lines[("34032", "34172")]["reason"] == "no stop near the origin"
    assert results["FLOW_DIRECT"] + results["FLOW_TRANSFER"] + results["FLOW_NONE"] == pytest.approx(
        results["FLOW_TOTAL"]
    )
    served = {k: sum(f["flow"] for f in lines.values() if f["served"] == k) for k in ("direct", "transfer", "none")}
    assert (results["FLOW_DIRECT"], results["FLOW_TRANSFER"], results["FLOW_NONE"]) == pytest.approx(
        (served["direct"], served["transfer"], served["none"])
    )
    with open(OD, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert results["FLOW_TOTAL"] == pytest.approx(
        sum(float(r["flow"]) for r in rows if r["mode"] == "TC" and r["origin"] != r["destination"])
    )
    assert results["FLOW_NONE"] >= 470  # at least the two Béziers pairs
    zones = {f["code"]: f for f in QgsVectorLayer(results["ZONES_OUTPUT"], "zones").getFeatures()}
    assert len(zones) == 341
    assert (
        zones["34172"]["departures"] > 5000
        and zones["34032"]["stops"] == 0
        and zones["34032"]["reason"] == "no stop within 500 m"
    )
    montpellier_out = sum(f["flow"] for (o, _), f in lines.items() if o == "34172")
    assert zones["34172"]["flow_out"] == pytest.approx(montpellier_out)
    with sqlite3.connect(out) as db:
        assert db.execute("select count(*) from layer_styles where useAsDefault").fetchone()[0] == 1
        metadata = " ".join(m[0] for m in db.execute("select metadata from gpkg_metadata"))
    assert "TAM" in metadata
    with sqlite3.connect(zones_out) as db:
        assert "share_served" in db.execute("select styleQML from layer_styles").fetchone()[0]
