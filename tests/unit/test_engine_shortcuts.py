"""Node contraction with shortcuts (processing/engine/shortcuts.py): a smaller core, the same
distances, and loads that unfold exactly onto the input edges (no QGIS)."""

import numpy as np
import pytest
from scipy.sparse.csgraph import dijkstra

from support.networks import random_network, reference_dist
from territorial_data.processing.engine import _kernel, shortcuts
from territorial_data.processing.engine.assign import assign
from territorial_data.processing.engine.graph import RoutingGraph
from territorial_data.processing.engine.skim import skim


def build(u, v, length, oneway, n, use_shortcuts=True, **kw):
    g = RoutingGraph.from_edges(u, v, length, oneway, n, **kw)
    g.shortcuts = use_shortcuts
    return g


def test_star_centre_is_contracted_and_its_loads_unfold():
    # centre 4 joined to 0..3 (100 m each); a direct road 0-1 of 150 m is shorter than 0-4-1 (200 m)
    u = np.array([0, 1, 2, 3, 0])
    v = np.array([4, 4, 4, 4, 1])
    length = np.array([100.0, 100.0, 100.0, 100.0, 150.0])
    g = build(u, v, length, np.zeros(5, np.int8), 5)
    core = g.core([0, 1, 2, 3])
    assert core["n"] == 4 and 4 not in core["core_nodes"].tolist()
    # shortcuts for the 10 ordered pairs through 4 but 0->1 and 1->0 (the direct road is the witness)
    assert core["shortcuts"] == 10 and core["n_arcs"] == 12
    res = assign(g, [0, 2, 1], [2, 3, 0], [5.0, 7.0, 1.0], workers=1)
    assert res.flow_ab.tolist() == [5.0, 0.0, 7.0, 0.0, 0.0]  # 0->4, 2->4
    assert res.flow_ba.tolist() == [0.0, 0.0, 5.0, 7.0, 1.0]  # 4->2, 4->3, 1->0 direct
    assert res.flow_km == pytest.approx((5 * 200 + 7 * 200 + 1 * 150) / 1000)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_core_keeps_every_distance_between_its_nodes(seed):
    u, v, length, oneway, n = random_network(seed, n_side=20, p_oneway=0.3)
    terminals = np.random.default_rng(seed).choice(n, 30, replace=False)
    core = build(u, v, length, oneway, n).core(terminals)
    chains_only = build(u, v, length, oneway, n, use_shortcuts=False).core(terminals)
    assert core["shortcuts"] > 0
    assert core["n"] < chains_only["n"] / 2  # most junctions are gone
    nodes = core["core_nodes"]
    assert set(terminals.tolist()) <= set(nodes.tolist())
    want = dijkstra(reference_dist(u, v, length, oneway, n), indices=nodes)[:, nodes]
    got = dijkstra(_kernel.csr(core), indices=np.arange(core["n"]))
    assert np.array_equal(np.isinf(got), np.isinf(want))
    np.testing.assert_allclose(got[np.isfinite(want)], want[np.isfinite(want)], rtol=1e-12)
    # the length attribute of every final arc is the length of the input arcs it stands for
    np.testing.assert_allclose(core["attr_length"], core["data"], rtol=1e-12)


@pytest.mark.parametrize("seed", [4, 5])
def test_loads_select_link_and_skims_equal_the_uncontracted_graph(seed):
    u, v, length, oneway, n = random_network(seed, n_side=20, p_oneway=0.25)
    rng = np.random.default_rng(seed)
    zones = rng.choice(n, 50, replace=False)
    o, d = rng.choice(zones, 500), rng.choice(zones, 500)
    flows = rng.uniform(1, 10, 500)
    selected = rng.random(u.shape[0]) < 0.05
    minutes = length / 500.0
    g = build(u, v, length, oneway, n, attrs={"minutes": minutes})
    plain = build(u, v, length, oneway, n, contract=False, attrs={"minutes": minutes})
    res = assign(g, o, d, flows, workers=1, batch_size=8, selected_edges=selected)
    ref = assign(plain, o, d, flows, workers=1, batch_size=8, selected_edges=selected)
    assert g.core(np.unique(np.concatenate([o, d])))["shortcuts"] > 0
    # random lengths, no ties: the same path for every pair, so the same loads edge by edge
    np.testing.assert_allclose(res.flow_ab, ref.flow_ab, atol=1e-9)
    np.testing.assert_allclose(res.flow_ba, ref.flow_ba, atol=1e-9)
    assert res.select_pairs.tolist() == ref.select_pairs.tolist() and res.select_pairs.size > 0
    np.testing.assert_allclose(res.select_ab, ref.select_ab, atol=1e-9)
    np.testing.assert_allclose(res.select_ba, ref.select_ba, atol=1e-9)
    assert res.unrouted.tolist() == ref.unrouted.tolist()
    sk = skim(g, o, d, pairs=True, attrs=("length", "minutes"), workers=1)
    sk_ref = skim(plain, o, d, pairs=True, attrs=("length", "minutes"), workers=1)
    for name in ("length", "minutes"):
        np.testing.assert_allclose(sk.values[name], sk_ref.values[name], rtol=1e-12)


def test_equal_lengths_many_ties_keep_the_distances():
    # a regular grid, every block 100 m: shortest paths tie everywhere
    u, v, _length, _oneway, n = random_network(6, n_side=16, p_oneway=0.0)
    length = np.full(u.shape[0], 100.0)
    oneway = np.zeros(u.shape[0], np.int8)
    rng = np.random.default_rng(1)
    o, d = rng.choice(n, 400), rng.choice(n, 400)
    flows = rng.uniform(1, 3, 400)
    res = assign(build(u, v, length, oneway, n), o, d, flows, workers=1)
    ref = assign(build(u, v, length, oneway, n, contract=False), o, d, flows, workers=1)
    assert res.flow_km == pytest.approx(ref.flow_km, rel=1e-12)
    assert res.unrouted.tolist() == ref.unrouted.tolist()
    assert res.flow_assigned == pytest.approx(ref.flow_assigned)


def test_push_down_and_sum_up_follow_the_rounds():
    # base arcs 0..3; round 0: shortcut 4 = 0 + 1, 5 = 2 + 3; round 1: shortcut 6 = 4 + 5
    children = np.array([[0, 1], [2, 3], [4, 5]])
    rptr = np.array([0, 2, 3])
    totals = shortcuts.sum_up(np.array([1.0, 2.0, 3.0, 4.0]), children, rptr)
    assert totals.tolist() == [1.0, 2.0, 3.0, 4.0, 3.0, 7.0, 10.0]
    marks = shortcuts.any_up(np.array([False, False, True, False]), children, rptr)
    assert marks.tolist() == [False, False, True, False, False, True, True]
    # final arcs: base arc 1 (load 2) and shortcut 6 (load 5)
    loads = shortcuts.push_down(np.array([2.0, 5.0]), np.array([1, 6]), children, rptr, 4)
    assert loads.tolist() == [5.0, 7.0, 5.0, 5.0]


def test_core_cached_on_disk_is_reused_by_a_new_graph(tmp_path):
    u, v, length, oneway, n = random_network(7, n_side=16, p_oneway=0.2)
    rng = np.random.default_rng(7)
    o, d, flows = rng.choice(n, 300), rng.choice(n, 300), rng.uniform(1, 4, 300)
    first = build(u, v, length, oneway, n)
    first.core_store = str(tmp_path / "net")
    built = assign(first, o, d, flows, workers=1)
    assert built.stats["core_source"] == "built" and len(list(tmp_path.glob("net-core-*.npz"))) == 1
    again = build(u, v, length, oneway, n)  # as in a new process (batch runs with qgis_process)
    again.core_store = str(tmp_path / "net")
    reused = assign(again, o, d, flows, workers=1)
    assert reused.stats["core_source"] == "disk"
    np.testing.assert_array_equal(reused.flow_ab, built.flow_ab)
    np.testing.assert_array_equal(reused.flow_ba, built.flow_ba)
    assert assign(again, o, d, flows, workers=1).stats["core_source"] == "memory"
    # other zones: another core; a damaged file: built again
    assert assign(again, o[:100], d[:100], flows[:100], workers=1).stats["core_source"] == "built"
    for path in tmp_path.glob("net-core-*.npz"):
        path.write_bytes(b"not a core")
    damaged = build(u, v, length, oneway, n)
    damaged.core_store = str(tmp_path / "net")
    result = assign(damaged, o, d, flows, workers=1)
    assert result.stats["core_source"] == "built"
    np.testing.assert_array_equal(result.flow_ab, built.flow_ab)
