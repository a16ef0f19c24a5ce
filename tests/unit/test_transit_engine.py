"""processing/engine/transit.py: a hand-made feed whose answers are known by hand, and random
networks checked against a brute-force enumeration of the definitions."""

import datetime as dt
import itertools
import zipfile

import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, Polygon

from territorial_data.processing.engine import transit
from territorial_data.providers import gtfs
from territorial_data.providers.errors import Canceled, DataError

# -- the hand-made feed ------------------------------------------------------------------------------
# Stops on a north-south line 1 km apart (x, y in metres for the engine tests; lon/lat for the
# QGIS tests: 0.009° of latitude ≈ 1 km, 0.00124° of longitude ≈ 100 m at 43.6° N).
STOPS = {  # stop_id: (x, y, lon, lat)
    "A": (0.0, 0.0, 3.88, 43.600),
    "A2": (300.0, 0.0, 3.88372, 43.600),  # 300 m east of A: walk 300 × 1.3 / 1.25 = 312 s
    "B": (0.0, 1000.0, 3.88, 43.609),
    "C1": (0.0, 2000.0, 3.88, 43.618),
    "C2": (100.0, 2000.0, 3.88124, 43.618),  # 100 m from C1: a change by foot
    "D": (0.0, 3000.0, 3.88, 43.627),
    "E": (0.0, 4000.0, 3.88, 43.636),
    "F": (0.0, 5000.0, 3.88, 43.645),  # served after the window only
}
TRIPS = {  # trip_id: (route, service, [(stop, HH:MM), ...])
    "T1": ("R1", "WK", [("A", "07:10"), ("B", "07:20"), ("C1", "07:30"), ("D", "07:40")]),
    "T2": ("R1", "WK", [("A", "07:40"), ("B", "07:50"), ("C1", "08:00"), ("D", "08:10")]),
    "T3": ("R1", "WK", [("A", "09:10"), ("B", "09:20"), ("C1", "09:30"), ("D", "09:40")]),  # after the window
    "T4": ("R1", "WK", [("D", "07:00"), ("C1", "07:10"), ("B", "07:20"), ("A", "07:30")]),  # B before A
    "T5": ("R2", "WK", [("C2", "07:35"), ("E", "07:50")]),  # T1 -> T5: 5 min change, 100 m walk
    "T6": ("R2", "WK", [("C1", "08:01"), ("E", "08:15")]),  # T2 -> T6: 1 min change, too short
    "T7": ("R2", "WK", [("C2", "08:45"), ("E", "09:00")]),  # T2 -> T7: 45 min change, too long a wait
    "T8": ("R3", "WK", [("C1", "07:40"), ("E", "08:05")]),  # T1 -> T8: a second way for the same first leg
    "T9": ("R4", "WK", [("A2", "07:05"), ("D", "07:45")]),  # from the stop 300 m away
    "T10": ("R3", "WK", [("A", "08:20"), ("E", "08:40")]),  # A -> E directly too
    "T11": ("R1", "SUN", [("A", "07:15"), ("B", "07:25")]),  # does not run on a Tuesday
    "T12": ("R2", "WK", [("F", "10:00"), ("E", "10:10")]),  # after the window
}
DAY = "2025-10-14"  # a Tuesday
ZONES = {  # code: (x, y, lon, lat) of a point zone
    "ZA": (0.0, 0.0, 3.88, 43.600),
    "ZB": (0.0, 1000.0, 3.88, 43.609),
    "ZD": (0.0, 3000.0, 3.88, 43.627),
    "ZE": (0.0, 4000.0, 3.88, 43.636),
    "ZF": (0.0, 5000.0, 3.88, 43.645),
    "ZG": (10000.0, 10000.0, 3.99, 43.700),  # no stop near it
}
#: pair -> (direct departures, best direct min, transfer departures, best transfer min, served)
EXPECTED = {
    ("ZA", "ZB"): (2, 10.0, 0, None, "direct"),  # T1, T2; not T3 (after 09:00), T4 (B before A), T11 (Sunday)
    ("ZB", "ZA"): (1, 10.0, 0, None, "direct"),  # T4
    ("ZA", "ZD"): (3, 30.0, 0, None, "direct"),  # T1, T2, T9 (45.2 min with the walk)
    ("ZD", "ZA"): (1, 30.0, 0, None, "direct"),  # T4 leaves D at 07:00, in the window
    ("ZA", "ZE"): (1, 20.0, 1, 40.0, "direct"),  # T10 direct; T1 -> T5 (or T8) with a change; T2 cannot change
    ("ZB", "ZE"): (0, None, 1, 30.0, "transfer"),  # T1 from B at 07:20 -> T5 at 07:35 -> E 07:50
    ("ZA", "ZF"): (0, None, 0, None, "none"),
    ("ZA", "ZG"): (0, None, 0, None, "none"),
}


def feed_files():
    stops = "stop_id,stop_name,stop_lat,stop_lon,location_type\n" + "".join(
        f"{s},Stop {s},{lat},{lon},0\n" for s, (_, _, lon, lat) in STOPS.items()
    )
    routes = "route_id,agency_id,route_short_name,route_type\n" + "".join(
        f"{r},AG,{r},3\n" for r in ("R1", "R2", "R3", "R4")
    )
    trips = "route_id,service_id,trip_id\n" + "".join(f"{r},{s},{t}\n" for t, (r, s, _) in TRIPS.items())
    times = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" + "".join(
        f"{t},{hm}:00,{hm}:00,{stop},{i + 1}\n"
        for t, (_, _, calls) in TRIPS.items()
        for i, (stop, hm) in enumerate(calls)
    )
    return {
        "agency.txt": "agency_id,agency_name,agency_url,agency_timezone\nAG,Hand Transit,http://example.invalid,Europe/Paris\n",
        "stops.txt": stops,
        "routes.txt": routes,
        "trips.txt": trips,
        "stop_times.txt": times,
        "calendar.txt": (
            "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
            "WK,1,1,1,1,1,0,0,20250101,20251231\nSUN,0,0,0,0,0,0,1,20250101,20251231\n"
        ),
    }


def write_feed(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in feed_files().items():
            archive.writestr(name, text)
    return str(path)


@pytest.fixture
def hand(tmp_path):
    feed = gtfs.load_feed(write_feed(tmp_path / "hand.zip"))
    assert not feed.warnings
    stop_ids = pd.Index(feed.stops["stop_id"])
    xy = np.array([STOPS[s][:2] for s in stop_ids])
    codes = list(ZONES)
    geoms = [Point(ZONES[c][0], ZONES[c][1]) for c in codes]
    return feed, stop_ids, xy, codes, geoms


def run_hand(hand, settings=None, start="07:00", end="09:00", pairs=EXPECTED):
    feed, stop_ids, xy, codes, geoms = hand
    settings = settings or transit.Settings()
    access = transit.zone_access(geoms, [g.x for g in geoms], [g.y for g in geoms], xy[:, 0], xy[:, 1], settings)
    links = transit.transfer_links(xy[:, 0], xy[:, 1], settings)
    runs = transit.build_runs(
        feed, gtfs.parse_day(DAY), gtfs.parse_clock(start), gtfs.parse_clock(end), settings, stop_ids
    )
    frame = pd.DataFrame({"o": [codes.index(o) for o, _ in pairs], "d": [codes.index(d) for _, d in pairs]})
    out = transit.coverage(runs, access, links, frame, settings)
    out.index = pd.MultiIndex.from_tuples(list(pairs))
    return out, access, runs


def test_hand_feed_every_pair(hand):
    out, access, _ = run_hand(hand)
    for pair, (direct, best_direct, change, best_change, served) in EXPECTED.items():
        row = out.loc[pair]
        assert (row.direct_departures, row.transfer_departures, row.served) == (direct, change, served), pair
        for value, expected in ((row.best_direct_min, best_direct), (row.best_transfer_min, best_change)):
            assert np.isnan(value) if expected is None else value == pytest.approx(expected), pair
        used = direct or change
        assert np.isnan(row.headway_min) if not used else row.headway_min == pytest.approx(120.0 / used), pair


def test_hand_feed_access_rule(hand):
    _, access, _ = run_hand(hand)
    feed, stop_ids, *_ = hand
    by_zone = {z: dict(zip(stop_ids[g["stop"]], g["walk"])) for z, g in access.groupby("zone")}
    assert by_zone[0] == pytest.approx({"A": 0.0, "A2": 300 * 1.3 / 1.25})
    assert set(by_zone[2]) == {"D"} and 5 not in by_zone  # ZG has no stop
    # the walk from A2 counts: T9 alone is 312 s + 40 min
    out, _, _ = run_hand(hand, pairs={("ZA", "ZD"): None})
    assert out.iloc[0].best_direct_min == pytest.approx(30.0)


def test_walk_time_rule_for_polygons():
    square = Polygon([(0, 0), (4000, 0), (4000, 4000), (0, 4000)])  # representative point (2000, 2000)
    stops_x = [2000, 2300, 100, 4300, 4600, np.nan]
    stops_y = [2000, 2000, 100, 2000, 2000, 2000]
    settings = transit.Settings(walk_distance=500, walk_speed_kmh=3.6)  # 1 m/s
    access = transit.zone_access([square, None], [2000, 0], [2000, 0], stops_x, stops_y, settings)
    got = dict(zip(access["stop"], access["walk"]))
    # inside near the point: its distance; inside far from it, or outside within 500 m: 500 m
    assert got == pytest.approx({0: 0.0, 1: 300 * 1.3, 2: 500 * 1.3, 3: 500 * 1.3})
    assert access["distance"].tolist() == pytest.approx([0, 300, np.hypot(1900, 1900), 2300])


def test_a_change_shorter_than_the_minimum_or_a_wait_beyond_the_maximum_does_not_count(hand):
    # T2 reaches C1 at 08:00: T6 leaves C1 at 08:01 (1 min), T7 leaves C2 at 08:45 (45 min)
    pairs = {("ZA", "ZE"): None, ("ZB", "ZE"): None}
    out, _, _ = run_hand(hand, transit.Settings(min_transfer_min=1), pairs=pairs)
    assert out.loc[("ZB", "ZE")].transfer_departures == 2  # now T2 -> T6 counts
    assert out.loc[("ZB", "ZE")].best_transfer_min == pytest.approx(25.0)  # 07:50 -> 08:15
    out, _, _ = run_hand(hand, transit.Settings(max_wait_min=45), pairs=pairs)
    assert out.loc[("ZB", "ZE")].transfer_departures == 2  # T2 -> T7 (45 min minus the 104 s walk)
    # T1 -> T5: 5 min between the trips, of which 104 s of walk: 196 s of wait; T1 -> T8: 10 min of wait
    out, _, _ = run_hand(hand, transit.Settings(max_wait_min=3), pairs=pairs)
    assert out.loc[("ZB", "ZE")].transfer_departures == 0 and out.loc[("ZB", "ZE")].served == "none"
    out, _, _ = run_hand(hand, transit.Settings(max_wait_min=3.3), pairs=pairs)
    assert out.loc[("ZB", "ZE")].transfer_departures == 1


def test_changes_by_foot_need_the_transfer_distance(hand):
    pairs = {("ZB", "ZE"): None}
    out, _, _ = run_hand(hand, transit.Settings(transfer_distance=50), pairs=pairs)
    # C2 is 100 m away: only T8 (same stop C1, 07:40) is left for T1
    assert out.iloc[0].transfer_departures == 1 and out.iloc[0].best_transfer_min == pytest.approx(45.0)
    out, _, _ = run_hand(hand, transit.Settings(transfer_distance=0), pairs=pairs)
    assert out.iloc[0].transfer_departures == 1


def test_window_limits(hand):
    out, _, _ = run_hand(hand, start="07:30", end="08:00", pairs={("ZA", "ZB"): None, ("ZD", "ZA"): None})
    assert out.loc[("ZA", "ZB")].direct_departures == 1  # T2 at 07:40 only
    assert out.loc[("ZA", "ZB")].headway_min == pytest.approx(30.0)
    assert out.loc[("ZD", "ZA")].served == "none"  # T4 left D at 07:00
    out, _, _ = run_hand(hand, start="07:00", end="07:40", pairs={("ZA", "ZB"): None})
    assert out.iloc[0].direct_departures == 1  # the end is excluded: T2 at 07:40 is out


def test_zone_departures_match_the_gtfs_provider(hand):
    feed, stop_ids, *_ = hand
    _, access, runs = run_hand(hand)
    departures, _ = gtfs.departures_in_window(feed, gtfs.parse_day(DAY), 7 * 3600, 9 * 3600)
    counts = transit.zone_departures(departures, access, stop_ids, len(ZONES))
    # ZA: T1 07:10, T2 07:40, T10 08:20 at A and T9 07:05 at A2; ZB: T1, T2, T4; ZD: T4 at 07:00; E is a terminus
    assert counts.tolist() == [4, 3, 1, 0, 0, 0]
    assert len(runs.boardings_in_window()) == len(departures)


def test_no_service_on_the_day_names_the_busiest_weekday(hand):
    feed = hand[0]
    with pytest.raises(
        DataError,
        match=r"No trip of 'hand.zip' runs on 2024-06-04 \(Tuesday\); its service period is 2025-01-01 to "
        r"2025-12-31\. Choose a date in that period: 2025-01-01 \(Wednesday\)",
    ):
        transit.build_runs(feed, dt.date(2024, 6, 4), 7 * 3600, 9 * 3600, transit.Settings())
    with pytest.raises(DataError, match="must be after its start"):
        transit.build_runs(feed, dt.date(2025, 10, 14), 9 * 3600, 8 * 3600, transit.Settings())


def test_bad_settings_are_listed():
    with pytest.raises(DataError) as error:
        transit.Settings(
            walk_distance=0, walk_speed_kmh=-1, transfer_distance=-5, max_wait_min=1, min_transfer_min=2
        ).check()
    message = str(error.value)
    assert "the walking distance must be more than 0 m (got 0)" in message
    assert "the walking speed must be more than 0 km/h (got -1)" in message
    assert "the transfer distance cannot be negative (got -5)" in message
    assert "the maximum wait (1 min) is shorter than the minimum change time (2 min)" in message


def test_cancel_between_blocks(hand):
    feed, stop_ids, xy, codes, geoms = hand
    settings = transit.Settings()
    access = transit.zone_access(geoms, [g.x for g in geoms], [g.y for g in geoms], xy[:, 0], xy[:, 1], settings)
    runs = transit.build_runs(feed, gtfs.parse_day(DAY), 7 * 3600, 9 * 3600, settings, stop_ids)
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(Canceled):
        transit.coverage(
            runs,
            access,
            transit.transfer_links(xy[:, 0], xy[:, 1], settings),
            pd.DataFrame({"o": [0], "d": [3]}),
            settings,
            cancel=cancel,
            block_runs=1,
        )


def test_reasons():
    got = transit.reasons(
        [True, False, True, True, True, True, False],
        [True, True, False, True, True, True, False],
        [1, 1, 1, 0, 2, 3, 0],
        [1, 1, 1, 2, 0, 3, 0],
        ["direct"] + ["none"] * 6,
        list("abcdefg"),
        list("uvwxyzq"),
        no_geometry=["q"],
    )
    assert got == [
        "",
        "no zone 'b' in the zones layer",
        "no zone 'w' in the zones layer",
        "no stop near the origin",
        "no stop near the destination",
        "no trip in the window, direct or with one change",
        "no zone 'g' in the zones layer; zone 'q' has no geometry",
    ]


# -- random networks against a brute force --------------------------------------------------------------


def brute_force(runs, access, links, pairs, settings):
    """The definitions of the module docstring, enumerated."""
    f = runs.frame
    calls = {r: g.to_dict("records") for r, g in f.groupby("run")}
    walks = {}
    for row in access.itertuples():
        walks.setdefault(row.zone, {})[row.stop] = row.walk
    near = {}
    for row in links.itertuples():
        near.setdefault(row.stop, []).append((row.stop2, row.walk))
    out = []
    for o, d in zip(pairs["o"], pairs["d"]):
        wo, wd = walks.get(o, {}), walks.get(d, {})
        direct, change = {}, {}
        for run, cs in calls.items():
            for i, b in enumerate(cs):
                if not (b["board"] and runs.start <= b["time"] < runs.end and b["stop"] in wo):
                    continue
                for j in range(i + 1, len(cs)):
                    a = cs[j]
                    if a["stop"] in wd:
                        total = wo[b["stop"]] + a["time"] - b["time"] + wd[a["stop"]]
                        direct[run] = min(direct.get(run, np.inf), total)
                    for s2, walk in near.get(a["stop"], []):
                        for run2, cs2 in calls.items():
                            if run2 == run:
                                continue
                            for k, b2 in enumerate(cs2):
                                wait = b2["time"] - a["time"]
                                if not (
                                    b2["board"]
                                    and b2["stop"] == s2
                                    and max(settings.min_transfer_min * 60, walk)
                                    <= wait
                                    <= walk + settings.max_wait_min * 60
                                ):
                                    continue
                                for a2 in cs2[k + 1 :]:
                                    if a2["stop"] in wd:
                                        total = wo[b["stop"]] + a2["time"] - b["time"] + wd[a2["stop"]]
                                        change[run] = min(change.get(run, np.inf), total)
        change = {r: t for r, t in change.items() if r not in direct}
        out.append(
            (
                len(direct),
                min(direct.values()) / 60 if direct else np.nan,
                len(change),
                min(change.values()) / 60 if change else np.nan,
            )
        )
    return out


@pytest.mark.parametrize("seed", range(6))
def test_random_networks_match_a_brute_force(seed):
    rng = np.random.default_rng(seed)
    n_stops, n_zones = 9, 4
    rows = []
    for run in range(25):
        length = int(rng.integers(2, 7))
        stops = rng.choice(n_stops, size=length, replace=bool(rng.random() < 0.3))  # some trips loop back
        time = float(rng.integers(6 * 3600, 9 * 3600))
        for seq, stop in enumerate(stops):
            rows.append((run, int(stop), seq, time, seq < length - 1 and rng.random() > 0.1))
            time += float(rng.integers(60, 600))
    frame = pd.DataFrame(rows, columns=["run", "stop", "seq", "time", "board"])
    runs = transit.Runs(
        dt.date(2025, 1, 1), 7 * 3600, 8 * 3600, 12 * 3600.0, frame, pd.Index([str(i) for i in range(n_stops)]), {}
    )
    access = pd.DataFrame(
        [(z, s, float(rng.integers(0, 600))) for z in range(n_zones) for s in range(n_stops) if rng.random() < 0.35],
        columns=["zone", "stop", "walk"],
    )
    links = [(s, s, 0.0) for s in range(n_stops)]
    for s, t in itertools.combinations(range(n_stops), 2):
        if rng.random() < 0.2:
            walk = float(rng.integers(30, 300))
            links += [(s, t, walk), (t, s, walk)]
    links = pd.DataFrame(links, columns=["stop", "stop2", "walk"])
    pairs = pd.DataFrame([(o, d) for o in range(n_zones) for d in range(n_zones) if o != d], columns=["o", "d"])
    settings = transit.Settings(min_transfer_min=2, max_wait_min=20)
    got = transit.coverage(runs, access, links, pairs, settings, block_runs=4, block_pairs=5)
    expected = brute_force(runs, access, links, pairs, settings)
    assert sum(e[0] for e in expected) > 0 and sum(e[2] for e in expected) > 0  # the draw exercises both
    for i, (direct, best_direct, change, best_change) in enumerate(expected):
        row = got.iloc[i]
        assert (row.direct_departures, row.transfer_departures) == (direct, change), (seed, i)
        np.testing.assert_allclose(
            [row.best_direct_min, row.best_transfer_min], [best_direct, best_change], err_msg=str((seed, i))
        )
