"""providers/gtfs.py on the real Montpellier feed and on small composed (and broken) feeds."""

import csv
import datetime as dt
import io
import struct
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from territorial_data.providers import gtfs
from territorial_data.providers.errors import Canceled, DataError

MONTPELLIER = Path(__file__).resolve().parent.parent / "data" / "gtfs" / "gtfs_tam_montpellier_2025.zip"

MINI = {
    "agency.txt": "agency_id,agency_name,agency_url,agency_timezone\nA,Mini Transit,http://example.invalid,Europe/Paris\n",
    "stops.txt": (
        "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station\n"
        "S1,Centre,43.60,3.88,1,\n"
        "P1,Centre quai 1,43.6001,3.8801,0,S1\n"
        "P2,Gare,43.61,3.89,0,\n"
        "P3,Lycée,43.62,3.90,0,\n"
    ),
    "routes.txt": (
        "route_id,agency_id,route_short_name,route_long_name,route_type,route_color\n"
        "R1,A,1,Centre - Lycée,3,FF0000\n"
        "R2,A,T,Tram,0,\n"
    ),
    "trips.txt": (
        "route_id,service_id,trip_id,direction_id\nR1,WK,T1,0\nR1,WK,T2,0\nR1,WK,T3,1\nR2,SUN,T4,0\nR1,WK,T5,0\n"
    ),
    "stop_times.txt": (
        "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
        "T1,07:00:00,07:00:00,P1,1\nT1,,,P2,2\nT1,07:20:00,07:20:00,P3,3\n"
        "T2,08:30:00,08:30:00,P1,1\nT2,08:50:00,08:50:00,P2,2\nT2,09:10:00,09:10:00,P3,3\n"
        "T3,07:30:00,07:30:00,P3,1\nT3,07:45:00,07:45:00,P1,2\n"
        "T4,08:00:00,08:00:00,P1,1\nT4,08:05:00,08:05:00,P2,2\n"
        "T5,24:20:00,24:20:00,P1,1\nT5,24:40:00,24:40:00,P3,2\n"
    ),
    "calendar.txt": (
        "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
        "WK,1,1,1,1,1,0,0,20250101,20251231\n"
        "SUN,0,0,0,0,0,0,1,20250101,20251231\n"
    ),
    "calendar_dates.txt": "service_id,date,exception_type\nWK,20250714,2\nSUN,20250714,1\n",
}


def write_zip(path, files, extra=()):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(name, text.encode("utf-8") if isinstance(text, str) else text)
        for name, data in extra:
            archive.writestr(name, data)
    return str(path)


@pytest.fixture
def mini(tmp_path):
    return gtfs.load_feed(write_zip(tmp_path / "mini.zip", MINI))


def tables_for(feed, day, start, end):
    return gtfs.service_tables(feed, gtfs.parse_day(day), gtfs.parse_clock(start), gtfs.parse_clock(end))


def by_id(frame, key):
    return frame.set_index(key)


# -- composed feed: calendar, window, interpolation, lines ---------------------------------------------


def test_departures_on_a_weekday_window(mini):
    tables = tables_for(mini, "2025-07-15", "07:00", "09:00")  # a Tuesday
    stops = by_id(tables.stops, "stop_id")
    # T1 leaves P1 07:00 and P2 at the interpolated 07:10; T2 leaves P1 08:30 and P2 08:50; T3 leaves P3 07:30.
    assert stops.loc["P1", "departures"] == 2
    assert stops.loc["P2", "departures"] == 2
    assert stops.loc["P3", "departures"] == 1
    assert stops.loc["S1", "departures"] == 2  # the station sums its platform
    assert stops.loc["P1", "departures_per_hour"] == 1.0
    routes = by_id(tables.routes, "route_id")
    assert routes.loc["R1", "departures"] == 3 and routes.loc["R2", "departures"] == 0
    p2 = tables.departures[(tables.departures.trip_id == "T1") & (tables.departures.stop_id == "P2")]
    assert p2["time"].tolist() == [7 * 3600 + 600]
    assert tables.services == ["WK"]
    assert stops.loc["P3", "routes"] == "1" and stops.loc["S1", "routes"] == "1, T"


def test_calendar_dates_replace_the_weekday_service(mini):
    tables = tables_for(mini, "2025-07-14", "07:00", "09:00")  # Monday: WK removed, SUN added
    routes = by_id(tables.routes, "route_id")
    assert routes.loc["R1", "departures"] == 0 and routes.loc["R2", "departures"] == 1
    assert tables.services == ["SUN"]


def test_times_after_midnight_belong_to_the_previous_service_day(mini):
    wednesday = tables_for(mini, "2025-07-16", "00:00", "01:00")
    assert by_id(wednesday.stops, "stop_id").loc["P1", "departures"] == 1  # Tuesday's T5 at 24:20
    assert wednesday.departures["time"].tolist() == [20 * 60]
    tuesday = tables_for(mini, "2025-07-15", "00:00", "01:00")  # Monday's WK was cancelled
    assert by_id(tuesday.stops, "stop_id").loc["P1", "departures"] == 0
    late = tables_for(mini, "2025-07-15", "23:00", "25:00")
    assert by_id(late.routes, "route_id").loc["R1", "departures"] == 1


def test_no_service_on_the_day_is_reported(mini):
    tables = tables_for(mini, "2026-03-03", "07:00", "09:00")
    assert tables.departures.empty
    assert any("no service runs on 2026-03-03" in w and "2025-01-01" in w for w in tables.warnings)


def test_route_lines_from_most_frequent_stop_pattern(mini):
    lines, warnings = gtfs.route_lines(mini)
    geometry, source, count = lines["R1"]
    assert source == "stop sequence" and count == 3 and warnings == []
    parts = [list(part.coords) for part in geometry.geoms]
    assert parts[0] == [(3.8801, 43.6001), (3.89, 43.61), (3.90, 43.62)]  # direction 0: P1 P2 P3 (T1, T2)
    assert parts[1] == [(3.90, 43.62), (3.8801, 43.6001)]  # direction 1: P3 P1 (T3)


def test_route_lines_from_shapes_with_fallback_for_a_broken_shape(tmp_path):
    files = dict(MINI)
    files["trips.txt"] = (
        "route_id,service_id,trip_id,direction_id,shape_id\nR1,WK,T1,0,SH1\nR1,WK,T2,0,SH1\nR1,WK,T3,1,SH2\nR2,SUN,T4,0,\nR1,WK,T5,0,SH1\n"
    )
    files["shapes.txt"] = (
        "shape_id,shape_pt_lat,shape_pt_lon,shape_pt_sequence\n"
        "SH1,43.6001,3.8801,1\nSH1,43.605,3.885,2\nSH1,43.62,3.90,3\nSH2,43.62,3.90,1\nSH2,abc,3.9,2\n"
    )
    feed = gtfs.load_feed(write_zip(tmp_path / "shapes.zip", files))
    lines, warnings = gtfs.route_lines(feed)
    geometry, source, _ = lines["R1"]
    assert source == "shapes+stop sequence"
    assert list(geometry.geoms[0].coords)[1] == (3.885, 43.605)  # the shape's own vertex
    assert list(geometry.geoms[1].coords) == [(3.90, 43.62), (3.8801, 43.6001)]  # SH2 broken: stops
    assert any("R1 (SH2)" in w for w in warnings)
    assert any("shapes.txt: 1 point(s)" in w for w in feed.warnings)


def test_busiest_weekday_and_period(mini):
    assert mini.service_period() == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert gtfs.busiest_weekday(mini) == dt.date(2025, 1, 1)


def test_bad_window_and_parameters():
    assert gtfs.parse_clock("7") == 7 * 3600
    assert gtfs.parse_clock("25:30") == 25 * 3600 + 1800
    assert gtfs.parse_clock("07h15") == 7 * 3600 + 900
    with pytest.raises(DataError, match="is not a time"):
        gtfs.parse_clock("7:75")
    with pytest.raises(DataError, match="YYYY-MM-DD"):
        gtfs.parse_day("14 octobre")
    assert gtfs.parse_day("20251014") == dt.date(2025, 10, 14)


def test_time_parsing_fast_path_and_odd_forms():
    values = [
        "07:00:00",
        "7:05:00",
        "123:00:01",
        " 08:00:00 ",
        "",
        "  ",
        "8h60",
        "25:61:00",
        "24:00:00",
        "ab:cd:ef",
        "07:00",
    ]
    seconds, bad = gtfs.parse_gtfs_times(pd.Series(values))
    expected = [25200, 25500, 442801, 28800, None, None, None, None, 86400, None, None]
    assert [None if s != s else int(s) for s in seconds] == expected
    assert bad.tolist() == [False, False, False, False, False, False, True, True, False, True, True]


def test_window_end_before_start(mini):
    with pytest.raises(DataError, match="must be after its start"):
        tables_for(mini, "2025-07-15", "09:00", "07:00")


# -- broken feeds: every problem reported, usable rows kept ---------------------------------------------


def test_missing_files_are_all_listed(tmp_path):
    files = {k: v for k, v in MINI.items() if k not in ("stop_times.txt", "calendar.txt", "calendar_dates.txt")}
    with pytest.raises(gtfs.GtfsError) as error:
        gtfs.load_feed(write_zip(tmp_path / "broken.zip", files))
    message = str(error.value)
    assert "broken.zip' cannot be used" in message
    assert "stop_times.txt is missing" in message
    assert "calendar.txt and calendar_dates.txt are both missing" in message
    assert len(error.value.problems) == 2


def test_missing_required_column(tmp_path):
    files = dict(MINI, **{"trips.txt": "route_id,trip_id\nR1,T1\n"})
    with pytest.raises(gtfs.GtfsError, match="trips.txt lacks the required column\\(s\\) service_id"):
        gtfs.load_feed(write_zip(tmp_path / "cols.zip", files))


def test_bad_times_and_rows_are_reported_and_the_rest_kept(tmp_path):
    files = dict(MINI)
    files["stop_times.txt"] = (
        MINI["stop_times.txt"] + "T2,8h60,8h60,P3,4\nT9,07:00:00,07:00:00,P1,1\nT1,07:30:00,07:30:00,PX,4\n"
    )
    files["stops.txt"] = MINI["stops.txt"] + "P4,Nowhere,,,0,\n"
    feed = gtfs.load_feed(write_zip(tmp_path / "rows.zip", files))
    text = "\n".join(feed.warnings)
    assert "1 time(s) not in H:MM:SS form ('8h60' (line 14))" in text
    assert "1 row(s) of a trip missing from trips.txt (line 15)" in text
    assert "1 row(s) at a stop missing from stops.txt (line 16)" in text
    assert "1 stop(s) without valid coordinates (P4)" in text
    assert len(feed.stop_times) == 13  # 12 good rows + the untimed T2 row kept
    tables = tables_for(feed, "2025-07-15", "07:00", "09:00")
    assert by_id(tables.routes, "route_id").loc["R1", "departures"] == 3


def test_malformed_csv_line_is_skipped_and_reported(tmp_path):
    files = dict(MINI, **{"routes.txt": MINI["routes.txt"] + "R3,A,3,Extra,3,00FF00,oops,more\n"})
    feed = gtfs.load_feed(write_zip(tmp_path / "csv.zip", files))
    assert any("routes.txt: 1 malformed line(s)" in w for w in feed.warnings)
    assert sorted(feed.routes.route_id) == ["R1", "R2"]


def test_windows_1252_feed_is_read(tmp_path):
    files = dict(MINI)
    files["stops.txt"] = MINI["stops.txt"].encode("cp1252")
    feed = gtfs.load_feed(write_zip(tmp_path / "latin.zip", files))
    assert "Lycée" in feed.stops.stop_name.tolist()
    assert any("not UTF-8" in w for w in feed.warnings)


def test_files_in_a_subfolder_and_path_traversal_entry(tmp_path):
    files = {f"gtfs/{k}": v for k, v in MINI.items()}
    path = write_zip(tmp_path / "nested.zip", files, extra=[("../x", b"evil"), ("/etc/passwd", b"root")])
    feed = gtfs.load_feed(path)
    text = "\n".join(feed.warnings)
    assert "entry '../x' ignored" in text and "entry '/etc/passwd' ignored" in text
    assert "inside the folder 'gtfs'" in text
    assert len(feed.trips) == 5
    out = tmp_path / "out"
    written, warnings = gtfs.extract_safely(path, str(out))
    assert len(written) == len(MINI) and all(Path(p).resolve().is_relative_to(out.resolve()) for p in written)
    assert not (tmp_path / "x").exists()
    assert any("../x" in w for w in warnings)


def test_zip_bomb_ratio_is_refused(tmp_path):
    files = dict(MINI)
    files["stop_times.txt"] = (
        MINI["stop_times.txt"] + "T1,07:20:00,07:20:00,P3,3\n" * 200_000
    )  # ~5 MB, compresses ~1000x
    path = write_zip(tmp_path / "bomb.zip", files)
    limits = gtfs.ZipLimits(ratio_min_bytes=1 << 20, max_ratio=100)
    with pytest.raises(gtfs.GtfsError, match="stop_times.txt' expands [0-9]+ times .* looks like a zip bomb"):
        gtfs.load_feed(path, limits=limits)


def test_huge_declared_size_is_refused_before_reading(tmp_path):
    path = Path(write_zip(tmp_path / "huge.zip", MINI))
    data = bytearray(path.read_bytes())
    central = data.find(b"PK\x01\x02")
    while central >= 0:  # declare 3.9 GB for stops.txt in the central directory
        name_length = struct.unpack_from("<H", data, central + 28)[0]
        if data[central + 46 : central + 46 + name_length] == b"stops.txt":
            struct.pack_into("<I", data, central + 24, 0xF0000000)
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))
    with pytest.raises(gtfs.GtfsError) as error:
        gtfs.load_feed(str(path))
    assert "'stops.txt' declares 3840 MB uncompressed, more than the 2048 MB allowed" in str(error.value)
    with pytest.raises(DataError, match="cannot be used"):
        gtfs.extract_safely(str(path), str(tmp_path / "out"))


def test_not_a_zip(tmp_path):
    path = tmp_path / "feed.zip"
    path.write_text("<html>Not found</html>")
    with pytest.raises(DataError, match="is not a readable zip archive"):
        gtfs.load_feed(str(path))
    with pytest.raises(DataError, match="does not exist"):
        gtfs.load_feed(str(tmp_path / "nothing.zip"))


def test_cancel_stops_reading(tmp_path):
    with pytest.raises(Canceled):
        gtfs.load_feed(str(MONTPELLIER), cancel=lambda: True)


# -- the real Montpellier feed -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def montpellier():
    progress = []
    feed = gtfs.load_feed(str(MONTPELLIER), progress=progress.append)
    assert progress and progress == sorted(progress)
    return feed


def independent_counts(day, start, end, route_id, stop_id):
    """Departures recomputed with the csv module only: trips of route_id leaving their first stop
    in [start, end) and departures from stop_id (not the last stop of the trip)."""

    def rows(archive, name):
        return list(csv.DictReader(io.TextIOWrapper(archive.open(name), encoding="utf-8-sig")))

    with zipfile.ZipFile(MONTPELLIER) as archive:
        key = day.strftime("%Y%m%d")
        weekday = day.strftime("%A").lower()
        services = {
            r["service_id"]
            for r in rows(archive, "calendar.txt")
            if r["start_date"] <= key <= r["end_date"] and r[weekday] == "1"
        }
        for r in rows(archive, "calendar_dates.txt"):
            if r["date"] == key:
                (services.add if r["exception_type"] == "1" else services.discard)(r["service_id"])
        trips = {r["trip_id"]: r["route_id"] for r in rows(archive, "trips.txt") if r["service_id"] in services}
        by_trip = {}
        for r in rows(archive, "stop_times.txt"):
            if r["trip_id"] in trips:
                by_trip.setdefault(r["trip_id"], []).append(r)

    def seconds(text):
        h, m, s = text.split(":")
        return int(h) * 3600 + int(m) * 60 + int(s)

    route_count = stop_count = 0
    for trip_id, stop_rows in by_trip.items():
        stop_rows.sort(key=lambda r: int(r["stop_sequence"]))
        if trips[trip_id] == route_id and start <= seconds(stop_rows[0]["departure_time"]) < end:
            route_count += 1
        for r in stop_rows[:-1]:
            if r["stop_id"] == stop_id and start <= seconds(r["departure_time"]) < end:
                stop_count += 1
    return route_count, stop_count


def test_montpellier_feed_reads_completely(montpellier):
    assert montpellier.warnings == []
    assert (len(montpellier.stops), len(montpellier.routes), len(montpellier.trips), len(montpellier.stop_times)) == (
        2083,
        45,
        17284,
        349512,
    )
    assert montpellier.shapes is None
    assert montpellier.agency_names() == ["TAM"]
    assert montpellier.service_period() == (dt.date(2025, 10, 13), dt.date(2025, 12, 19))


def test_montpellier_departures_match_an_independent_count(montpellier):
    day = dt.date(2025, 10, 14)
    tables = gtfs.service_tables(montpellier, day, 7 * 3600, 9 * 3600)
    platform = tables.departures.stop_id.value_counts().index[0]  # the busiest platform
    route_count, stop_count = independent_counts(day, 7 * 3600, 9 * 3600, "1", platform)
    routes = by_id(tables.routes, "route_id")
    stops = by_id(tables.stops, "stop_id")
    assert routes.loc["1", "departures"] == route_count > 40
    assert stops.loc[platform, "departures"] == stop_count > 20
    assert routes.loc["1", "mode"] == "tram" and routes.loc["1", "color"] == "#005CA9"
    assert set(tables.routes.geometry_source) == {"stop sequence"}
    assert tables.routes.geometry.notna().all()
    stations = tables.stops[tables.stops.location_type == "1"]
    platforms = tables.stops[tables.stops.parent_station != ""]
    assert stations.departures.sum() == platforms.departures.sum() == len(tables.departures)
    line = routes.loc["1", "geometry"]
    assert 0.15 < line.geoms[0].length < 0.4  # tram line 1, about 15-20 km across Montpellier, in degrees
