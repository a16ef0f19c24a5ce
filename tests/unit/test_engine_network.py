"""Line layers to graph edges: noding at shared vertices and crossings, snapping, directions, speeds."""

import math

import numpy as np
import pytest

from territorial_data.processing.engine.network import (
    build_line_network,
    direction_codes,
    parse_direction_mapping,
    parse_speed,
    speeds_kmh,
)
from territorial_data.providers.errors import DataError


def test_unnoded_crossing_is_split_only_when_asked():
    horizontal = np.array([[0.0, 0.0], [100.0, 0.0]])
    vertical = np.array([[50.0, -50.0], [50.0, 50.0]])
    plain = build_line_network([horizontal, vertical])
    assert plain.stats["pieces"] == 2 and plain.n_nodes == 4
    noded = build_line_network([horizontal, vertical], split_crossings=True)
    assert noded.stats["pieces"] == 4 and noded.n_nodes == 5 and noded.stats["crossings"] == 1
    assert sorted(noded.length.tolist()) == [50.0, 50.0, 50.0, 50.0]
    assert noded.piece_line.tolist().count(0) == 2
    centre = np.flatnonzero(np.all(np.isclose(noded.node_xy, [50.0, 0.0]), axis=1))
    assert centre.size == 1
    assert np.sum((noded.node_u == centre[0]) | (noded.node_v == centre[0])) == 4


def test_t_junction_on_a_segment_interior_is_noded_with_crossings():
    main = np.array([[0.0, 0.0], [100.0, 0.0]])
    side = np.array([[30.0, 0.0], [30.0, 40.0]])
    net = build_line_network([main, side], split_crossings=True)
    assert net.stats["pieces"] == 3 and net.n_nodes == 4
    assert sorted(net.length.tolist()) == [30.0, 40.0, 70.0]


def test_shared_interior_vertex_is_a_junction_without_crossing_split():
    # OSM style: two ways share a vertex in the middle of both
    a = np.array([[0.0, 0.0], [50.0, 0.0], [100.0, 0.0]])
    b = np.array([[50.0, -50.0], [50.0, 0.0], [50.0, 50.0]])
    net = build_line_network([a, b])
    assert net.stats["pieces"] == 4 and net.n_nodes == 5


def test_endpoints_snap_within_tolerance_only():
    a = np.array([[0.0, 0.0], [100.0, 0.0]])
    b = np.array([[100.8, 0.3], [200.0, 0.0]])
    c = np.array([[205.0, 0.0], [300.0, 0.0]])
    net = build_line_network([a, b, c], tolerance=1.0)
    assert net.n_nodes == 5  # a-b snapped, b-c (5 m apart) not
    assert net.stats["snapped_nodes"] == 1
    assert net.node_v[0] == net.node_u[1]
    assert net.node_v[1] != net.node_u[2]
    with pytest.raises(DataError):
        build_line_network([a], tolerance=-1)


def test_lengths_follow_the_geometry_and_degenerate_lines_are_counted():
    bent = np.array([[0.0, 0.0], [30.0, 40.0], [60.0, 0.0]])
    dot = np.array([[5.0, 5.0]])
    net = build_line_network([bent, dot])
    assert net.length.tolist() == [100.0]
    assert net.stats["degenerate_lines"] == 1


def test_direction_values_bdtopo_osm_and_mapping():
    codes, unknown = direction_codes(
        ["Double sens", "Sens direct", "Sens inverse", "Sans objet", None, "yes", "-1", "no", "weird"]
    )
    assert codes.tolist() == [0, 1, -1, 0, 0, 1, -1, 0, 0]
    assert unknown == {"weird": 1}
    mapping = parse_direction_mapping("A=forward; B=backward;C=closed")
    codes, unknown = direction_codes(["A", "b", "C"], mapping)
    assert codes.tolist() == [1, -1, 2] and not unknown
    with pytest.raises(DataError, match="both, forward"):
        parse_direction_mapping("A=sideways")


def test_speeds_from_field_then_road_type_then_default():
    assert parse_speed("50") == 50 and parse_speed("30 mph") == pytest.approx(48.28032)
    assert parse_speed("FR:urban") == 50 and math.isnan(parse_speed("")) and math.isnan(parse_speed(0))
    speeds, counts = speeds_kmh(["90", None, "", None], ["primary", "motorway", "Route à 1 chaussée", "zzz"], 40.0, 4)
    assert speeds.tolist() == [90.0, 110.0, 50.0, 40.0]
    assert counts == {"field": 1, "road_type": 2, "default": 1}
    with pytest.raises(DataError, match="default speed"):
        speeds_kmh(None, None, 0, 1)


def test_end_stopping_short_of_a_road_is_joined_within_tolerance():
    main = np.array([[0.0, 0.0], [100.0, 0.0]])
    side = np.array([[40.0, 0.8], [40.0, 50.0]])  # stops 0.8 m before the main road, far from its vertices
    loose = build_line_network([main, side], tolerance=0.5)
    assert loose.stats["t_junctions"] == 0 and loose.n_nodes == 4
    joined = build_line_network([main, side], tolerance=1.0)
    assert joined.stats["t_junctions"] == 1
    assert joined.stats["pieces"] == 3 and joined.n_nodes == 4
    assert sorted(np.round(joined.length, 6).tolist()) == [40.0, 49.2, 60.0]
