"""Cycle coverage engine (no QGIS): covered shares on hand-made geometries, the STRtree helper, gap
grouping and ranking on a hand-made node graph."""

import numpy as np
import pytest
from shapely.geometry import LineString, MultiLineString, Point

from territorial_data.processing.engine import coverage
from territorial_data.providers.errors import Canceled, DataError

ROAD = LineString([(0, 0), (200, 0)])


def share(segment, facilities, distance=15.0):
    return float(coverage.covered_shares([segment], facilities, distance)[0])


def test_half_along_a_facility_is_half_covered():
    # a lane 9 m beside the first half of the road: the road is within 15 m of it up to x = 112,
    # but it runs alongside the road for 100 m only
    assert share(ROAD, [LineString([(0, 9), (100, 9)])]) == pytest.approx(0.5, abs=1e-9)
    # the same lane drawn on the road's own line
    assert share(ROAD, [LineString([(100, 0), (0, 0)])]) == pytest.approx(0.5, abs=1e-9)


def test_facility_beyond_the_match_distance_covers_nothing():
    assert share(ROAD, [LineString([(0, 20), (200, 20)])]) == 0.0
    assert share(ROAD, [LineString([(0, 20), (200, 20)])], distance=25) == pytest.approx(1.0)


def test_parallel_facility_within_the_match_distance_covers_everything():
    assert share(ROAD, [LineString([(0, 10), (200, 10)])]) == pytest.approx(1.0)
    # on both sides, in two pieces that overlap and overshoot the road: still 1, never more
    pieces = [LineString([(-50, 10), (120, 10)]), LineString([(80, -10), (260, -10)])]
    assert share(ROAD, pieces) == pytest.approx(1.0)


def test_pieces_along_a_bent_road_add_up_without_double_counting():
    road = LineString([(0, 0), (100, 0), (100, 100)])  # 200 m with a right angle
    lanes = [
        LineString([(0, 5), (60, 5)]),
        LineString([(40, -5), (80, -5)]),  # 0..80 in two overlapping lanes
        MultiLineString([[(105, 50), (105, 100)]]),
    ]  # 150..200 on the second leg
    assert share(road, lanes) == pytest.approx((80 + 50) / 200, abs=1e-9)


def test_a_crossing_lane_covers_almost_nothing():
    # a lane crossing the road at right angles is within 15 m of 30 m of the road but runs along none of it
    assert share(ROAD, [LineString([(100, -300), (100, 300)])]) == pytest.approx(0.0, abs=1e-9)
    # at 45 degrees, the length of its shadow on the road: 2 x 15 m from the crossing point
    diagonal = share(ROAD, [LineString([(0, -100), (200, 100)])])
    assert diagonal == pytest.approx(2 * 15 / 200, rel=1e-3)


def test_several_segments_empty_geometries_and_progress():
    segments = [ROAD, None, LineString([(0, 500), (100, 500)]), LineString([(0, 0), (0, 0)])]
    lanes = [LineString([(0, 9), (100, 9)]), None, LineString([(0, 502), (100, 502)])]
    seen = []
    shares = coverage.covered_shares(segments, lanes, 15.0, progress=seen.append)
    assert shares.tolist() == pytest.approx([0.5, 0.0, 1.0, 1.0])  # a zero-length segment next to a lane is covered
    assert seen[0] == 0.0 and seen[-1] == 1.0


def test_cancel_stops_the_matching():
    with pytest.raises(Canceled):
        coverage.covered_shares([ROAD] * 10, [ROAD], 15.0, cancel=lambda: True)


@pytest.mark.parametrize(
    "distance,min_share,gap_flow,text",
    [
        (0.0, 0.5, 0.0, "match distance must be more than 0"),
        (-5.0, 0.5, 0.0, "match distance must be more than 0"),
        (15.0, 1.5, 0.0, "minimum covered share must be between 0 and 1"),
        (15.0, -0.1, 0.0, "minimum covered share must be between 0 and 1"),
        (15.0, 0.5, -1.0, "minimum gap flow must be 0 or more"),
    ],
)
def test_bad_parameters(distance, min_share, gap_flow, text):
    with pytest.raises(DataError, match=text):
        coverage.check_parameters(distance, min_share, gap_flow)


def test_is_covered_threshold():
    shares = np.array([0.0, 0.2, 0.5, 0.49999, 1.0])
    assert coverage.is_covered(shares, 0.5).tolist() == [False, False, True, False, True]
    assert coverage.is_covered(shares, 0.0).tolist() == [False, True, True, True, True]


def test_geometry_index_returns_indices():
    geoms = [Point(0, 0), None, LineString([(10, 10), (20, 20)]), Point(100, 100), Point(0, 0).buffer(1)]
    index = coverage.GeometryIndex(geoms)
    assert len(index) == 5
    assert index.query(Point(0, 0).buffer(2)).tolist() == [0, 4]
    assert index.query(LineString([(15, 0), (15, 30)])).tolist() == [2]
    assert index.query(Point(500, 500)).tolist() == []
    assert coverage.GeometryIndex([]).query(Point(0, 0)).tolist() == []
    # equal geometries stay distinct entries
    twins = coverage.GeometryIndex([Point(1, 1), Point(1, 1)])
    assert twins.query(Point(1, 1).buffer(0.5)).tolist() == [0, 1]


def test_gaps_grouped_over_nodes_and_ranked_by_flow_km():
    # nodes:  0 -s0- 1 -s1- 2 -s2- 3 -s3- 4      and 2 -s4- 5 ;  6 -s5- 7 apart
    node_u = np.array([0, 1, 2, 3, 2, 6])
    node_v = np.array([1, 2, 3, 4, 5, 7])
    length = np.array([1000.0, 1000.0, 500.0, 2000.0, 1000.0, 3000.0])
    flow = np.array([10.0, 20.0, 12.0, 2.0, 7.0, 4.0])
    covered = np.array([False, True, False, False, False, False])
    gaps = coverage.rank_gaps(node_u, node_v, length, flow, ~covered & (flow > 0))
    # s1 is covered: s0 stands alone; s2, s3, s4 touch at nodes 2 and 3; s5 is apart
    assert [g.segments.tolist() for g in gaps] == [[2, 3, 4], [5], [0]]
    assert [g.rank for g in gaps] == [1, 2, 3]
    first = gaps[0]
    assert first.flow_km == pytest.approx(6 + 4 + 7)
    assert first.length_m == pytest.approx(3500.0)
    assert first.max_flow == 12.0
    assert first.mean_flow == pytest.approx(17 / 3.5)
    assert gaps[1].flow_km == pytest.approx(12.0) and gaps[2].flow_km == pytest.approx(10.0)
    # a minimum flow splits the stretch: s3 (2) is left out, s2 and s4 still meet at node 2
    gaps = coverage.rank_gaps(node_u, node_v, length, flow, ~covered & (flow > 5))
    assert [g.segments.tolist() for g in gaps] == [[2, 4], [0]]
    assert coverage.rank_gaps(node_u, node_v, length, flow, np.zeros(6, dtype=bool)) == []
    with pytest.raises(DataError, match="one value per segment"):
        coverage.rank_gaps(node_u, node_v, length[:3], flow, covered)


def test_gaps_run_from_junction_to_junction():
    # a star: s0, s1, s2 meet at node 0 (a junction of three gap segments): three stretches;
    # s2 goes on through node 3 (two gap segments meet) into s3: one stretch s2 + s3
    node_u = np.array([0, 0, 0, 3])
    node_v = np.array([1, 2, 3, 4])
    length = np.full(4, 1000.0)
    flow = np.array([5.0, 6.0, 7.0, 7.0])
    gaps = coverage.rank_gaps(node_u, node_v, length, flow, np.ones(4, dtype=bool))
    assert [g.segments.tolist() for g in gaps] == [[2, 3], [1], [0]]
    assert [g.flow_km for g in gaps] == pytest.approx([14.0, 6.0, 5.0])
    # a segment closing on itself (a roundabout drawn as one line) is one stretch
    loop = coverage.rank_gaps(np.array([8]), np.array([8]), np.array([300.0]), np.array([2.0]), np.array([True]))
    assert [g.segments.tolist() for g in loop] == [[0]]


def test_gap_ties_break_by_maximum_flow_then_first_segment():
    node_u = np.array([0, 2, 4])
    node_v = np.array([1, 3, 5])
    length = np.array([1000.0, 2000.0, 1000.0])
    flow = np.array([4.0, 2.0, 4.0])
    gaps = coverage.rank_gaps(node_u, node_v, length, flow, np.ones(3, dtype=bool))
    assert [g.segments.tolist() for g in gaps] == [[0], [2], [1]]


def test_totals():
    totals = coverage.coverage_totals(
        np.array([10.0, 5.0, 0.0]), np.array([1000.0, 2000.0, 500.0]), np.array([True, False, True])
    )
    assert totals.flow_km == pytest.approx(20.0)
    assert totals.flow_km_covered == pytest.approx(10.0)
    assert totals.covered_share == pytest.approx(0.5)
    assert coverage.coverage_totals(np.zeros(2), np.ones(2), np.ones(2, dtype=bool)).covered_share == 0.0
