"""processing/engine/flowlines.py: hand-checked small cases and the real Val-d'Oise sample (no QGIS)."""

import csv
import json
import math
from collections import defaultdict

import pandas as pd
import pytest
from shapely.geometry import Point, Polygon, box, shape

from territorial_data.processing.engine import flowlines as fl
from territorial_data.providers.errors import DataError

# Four 1 km squares on a row (projected metres), and a U-shaped zone whose centroid is outside it.
A, B, C, D, U = "01001", "01002", "01003", "01004", "2A004"
U_SHAPE = Polygon(
    [(0, 10000), (3000, 10000), (3000, 13000), (2000, 13000), (2000, 11000), (1000, 11000), (1000, 13000), (0, 13000)]
)
ZONES = {
    A: box(0, 0, 1000, 1000),
    B: box(3000, 0, 4000, 1000),
    C: box(0, 4000, 1000, 5000),
    D: box(10000, 0, 11000, 1000),
    U: U_SHAPE,
}


def points():
    return fl.representative_points(list(ZONES), list(ZONES.values()))


def flows(rows):
    return pd.DataFrame(rows, columns=["origin", "destination", "flow"])


ROWS = [
    (A, B, 100.0),
    (B, A, 40.0),
    (A, C, 30.0),
    (C, A, 30.0),
    (A, A, 50.0),
    (B, D, 10.0),
    (A, "99999", 5.0),  # no such zone
    ("1001", B, 7.0),  # A with its leading zero lost (integer column)
    (U, A, 3.0),
]


def prepared(rows=ROWS):
    return fl.prepare_flows(flows(rows), ZONES)


def test_points_centroid_or_point_on_surface():
    pts = points().frame
    assert (pts.loc[A, "x"], pts.loc[A, "y"], pts.loc[A, "method"]) == (500.0, 500.0, "centroid")
    assert pts.loc[U, "method"] == "point_on_surface"
    assert U_SHAPE.contains(Point(pts.loc[U, "x"], pts.loc[U, "y"]))
    assert not U_SHAPE.contains(U_SHAPE.centroid)


def test_points_of_point_zones_and_duplicates_and_empty():
    zp = fl.representative_points(
        ["a", "b", "b", "c", None], [Point(1, 2), box(0, 0, 1, 1), box(1, 0, 2, 1), Polygon(), Point(5, 5)]
    )
    assert zp.frame.loc["a", "method"] == "point"
    assert (zp.frame.loc["b", "x"], zp.frame.loc["b", "y"]) == (1.0, 0.5)  # union of the two halves
    assert zp.duplicates == ["b"] and zp.empty == ["c"]


def test_codes_matched_padded_and_missing():
    p = prepared()
    assert p.match.padded == {"1001": A}
    assert p.match.missing == ["99999"]
    table = fl.missing_table(p)
    assert table.to_dict("records") == [
        {
            "code": "99999",
            "flow": 5.0,
            "flow_as_origin": 0.0,
            "flow_as_destination": 5.0,
            "rows": 1,
            "reason": "not_in_zones",
        }
    ]


def test_zone_codes_that_lost_their_zeros_and_zones_without_geometry():
    zones = {"1001": box(0, 0, 10, 10), "01002": box(100, 0, 110, 10), "01003": Polygon()}
    zp = fl.representative_points(list(zones), list(zones.values()))
    p = fl.prepare_flows(flows([(A, B, 3.0), (B, "01003", 2.0)]), zp.frame.index)
    assert p.match.padded == {A: "1001"}
    lines, report = fl.flow_lines(p, zp)
    assert lines[["origin", "destination", "flow"]].values.tolist() == [["1001", B, 3.0]]
    table = fl.missing_table(p, zp.empty)
    assert table[["code", "flow", "reason"]].values.tolist() == [["01003", 2.0, "no_geometry"]]


def test_arrondissements_join_the_commune():
    zones = {"75056": box(0, 0, 10, 10), A: box(100, 0, 110, 10)}
    p = fl.prepare_flows(flows([("75101", "75102", 20.0), (A, "75108", 9.0), ("75101", "75101", 4.0)]), zones)
    assert p.match.arrondissements == {"75101": "75056", "75102": "75056", "75108": "75056"}
    zp = fl.representative_points(list(zones), list(zones.values()))
    lines, report = fl.flow_lines(p, zp, "gross")
    assert lines[["origin", "destination", "flow"]].values.tolist() == [[A, "75056", 9.0]]
    assert report.intra_flow == 24.0  # Paris to Paris
    intra = fl.intra_flows(p, zp)
    assert intra[["code", "flow", "share"]].values.tolist() == [["75056", 24.0, 1.0]]


def test_gross_lines():
    lines, report = fl.flow_lines(prepared(), points(), "gross")
    by_pair = {(r.origin, r.destination): r for r in lines.itertuples()}
    total_a = 100 + 30 + 50 + 5 + 7  # everything leaving A, intra-zone and unknown zone included
    ab = by_pair[(A, B)]
    assert (ab.flow, ab.flow_forward, ab.flow_backward) == (107.0, 107.0, 40.0)
    assert ab.share == pytest.approx(107 / total_a)
    assert ab.distance_km == pytest.approx(3.0)
    ba = by_pair[(B, A)]
    assert (ba.flow, ba.flow_backward) == (40.0, 107.0)
    assert ba.share == pytest.approx(40 / 50)
    assert by_pair[(B, D)].distance_km == pytest.approx(7.0)
    assert set(by_pair) == {(A, B), (B, A), (A, C), (C, A), (B, D), (U, A)}
    assert (A, A) not in by_pair  # never a zero-length line
    assert report.intra_flow == 50.0 and report.missing_flow == 5.0 and report.missing_rows == 1
    assert report.total_flow == sum(r[2] for r in ROWS)
    # largest last (drawn on top), rank 1 = largest
    assert list(lines["flow"]) == sorted(lines["flow"])
    assert lines.iloc[-1]["rank"] == 1 and lines.iloc[-1]["origin"] == A


def test_net_lines():
    lines, report = fl.flow_lines(prepared(), points(), "net")
    got = {(r.origin, r.destination): (r.flow, r.flow_forward, r.flow_backward) for r in lines.itertuples()}
    assert got == {(A, B): (67.0, 107.0, 40.0), (B, D): (10.0, 10.0, 0.0), (U, A): (3.0, 3.0, 0.0)}
    assert report.balanced_pairs == 1  # A <-> C: 30 each way, no net line
    share = lines.set_index(["origin", "destination"])["share"]
    assert share[(A, B)] == pytest.approx(67 / 192)


def test_two_way_lines():
    lines, _ = fl.flow_lines(prepared(), points(), "two_way")
    got = {(r.origin, r.destination): (r.flow, r.flow_forward, r.flow_backward) for r in lines.itertuples()}
    assert got[(A, B)] == (147.0, 107.0, 40.0)
    assert got[(A, C)] == (60.0, 30.0, 30.0)  # a tie: the lower code is the origin
    assert len(got) == 4
    share = lines.set_index(["origin", "destination"])["share"]
    assert share[(A, B)] == pytest.approx(147 / (192 + 50))


def test_min_flow_and_top_n():
    lines, report = fl.flow_lines(prepared(), points(), "gross", min_flow=10, top_n=2)
    assert lines[["origin", "destination", "flow", "rank"]].values.tolist() == [[B, A, 40.0, 2], [A, B, 107.0, 1]]
    assert report.pairs == 6
    assert (report.below_min, report.below_min_flow) == (1, 3.0)
    assert (report.beyond_top, report.beyond_top_flow) == (3, 70.0)
    assert report.lines_flow == 147.0


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"direction": "both"}, "Unknown direction"),
        ({"min_flow": -1}, "minimum flow"),
        ({"top_n": -2}, "lines to keep"),
    ],
)
def test_bad_parameters(kwargs, message):
    with pytest.raises(DataError, match=message):
        fl.flow_lines(prepared(), points(), **kwargs)


def test_bad_flows():
    with pytest.raises(DataError, match="row 2: the flow 'abc' is not a number of zero or more"):
        fl.prepare_flows(pd.DataFrame({"origin": [A, B], "destination": [B, A], "flow": [1, "abc"]}), ZONES)
    with pytest.raises(DataError, match="no column destination"):
        fl.prepare_flows(pd.DataFrame({"origin": [A], "flow": [1]}), ZONES)


def test_line_zone_is_refused():
    from shapely.geometry import LineString

    with pytest.raises(DataError, match="polygons or points"):
        fl.representative_points(["x"], [LineString([(0, 0), (1, 1)])])


def test_projected_crs():
    assert fl.projected_crs_for(2.3, 48.9) == "EPSG:2154"
    assert fl.projected_crs_for(9.0, 42.1) == "EPSG:2154"  # Corsica
    assert fl.projected_crs_for(55.5, -21.1) == "EPSG:2975"  # La Réunion
    assert fl.projected_crs_for(-61.0, 14.6) == "EPSG:5490"  # Martinique
    assert fl.projected_crs_for(-52.3, 4.9) == "EPSG:2972"  # Guyane
    assert fl.projected_crs_for(45.1, -12.8) == "EPSG:4471"  # Mayotte
    assert fl.projected_crs_for(13.4, 52.5) == "EPSG:32633"  # elsewhere: UTM


# -- the real sample: INSEE base flux RP2014 (residence in Val-d'Oise) and the IDF communes --------
def read_sample(sample_dir):
    path = sample_dir / "val-doise" / "flux_domicile_travail_idf_rp2014_residence_95.csv"
    with open(path, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    frame = pd.DataFrame(
        {
            "origin": [r["CODGEO"] for r in rows],
            "destination": [r["DCLT"] for r in rows],
            "flow": [float(r["NBFLUX_C14_ACTOCC15P"]) for r in rows],
        }
    )
    with open(sample_dir / "val-doise" / "communes_idf.geojson", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    return rows, frame, features


def test_real_sample_missing_codes_and_totals(sample_dir):
    rows, frame, features = read_sample(sample_dir)
    codes = [f["properties"]["insee_com"] for f in features]
    zp = fl.representative_points(codes, [shape(f["geometry"]) for f in features])
    p = fl.prepare_flows(frame, codes)
    expected_missing = defaultdict(float)
    zone_set = set(codes)
    for r in rows:
        for code in (r["CODGEO"], r["DCLT"]):
            if code not in zone_set:
                expected_missing[code] += float(r["NBFLUX_C14_ACTOCC15P"])
    table = fl.missing_table(p)
    assert dict(zip(table["code"], table["flow"])) == dict(expected_missing)
    assert list(table["code"]) == ["93059"]  # Pierrefitte-sur-Seine, merged into Saint-Denis 93066 in 2025
    lines, report = fl.flow_lines(p, zp, "gross")
    assert len(lines) == len(rows) - table["rows"].sum()
    assert report.lines_flow + report.missing_flow == pytest.approx(sum(float(r["NBFLUX_C14_ACTOCC15P"]) for r in rows))
    assert report.intra_flow == 0.0  # the base flux file has no intra-commune rows
    # share of the origin total: Argenteuil -> Paris 8e
    argenteuil = sum(float(r["NBFLUX_C14_ACTOCC15P"]) for r in rows if r["CODGEO"] == "95018")
    to_8e = next(float(r["NBFLUX_C14_ACTOCC15P"]) for r in rows if (r["CODGEO"], r["DCLT"]) == ("95018", "75108"))
    line = lines[(lines["origin"] == "95018") & (lines["destination"] == "75108")].iloc[0]
    assert line["share"] == pytest.approx(to_8e / argenteuil)
    assert not math.isnan(line["x0"])
