"""The routing engine on hand-made networks whose loads are known by hand, and on random ones
checked against plain scipy Dijkstra (no QGIS)."""

import numpy as np
import pytest
from scipy.sparse.csgraph import dijkstra

from support.networks import random_network, reference_dist
from territorial_data.processing.engine.assign import assign
from territorial_data.processing.engine.graph import RoutingGraph
from territorial_data.processing.engine.skim import skim
from territorial_data.providers.errors import Canceled, DataError


def graph(edges, n, contract=True, **kw):
    u, v, length, oneway = (np.array(c) for c in zip(*edges))
    return RoutingGraph.from_edges(u, v, length.astype(float), oneway.astype(np.int8), n, contract=contract, **kw)


def test_one_way_streets_loads_by_hand():
    # 0 -(100, both)- 1 -(100, only 1->2)- 2 -(500, both)- 0 ; 3 -(50, only 0->3 given as v->u)- 0
    g = graph([(0, 1, 100, 0), (1, 2, 100, 1), (2, 0, 500, 0), (3, 0, 50, -1)], 4)
    res = assign(g, [0, 2, 1, 0], [2, 0, 0, 3], [10.0, 5.0, 3.0, 2.0], workers=1)
    assert res.flow_ab.tolist() == [10.0, 10.0, 5.0, 0.0]  # 0->1->2 ; 2->0 direct (1->2 is one-way)
    assert res.flow_ba.tolist() == [3.0, 0.0, 0.0, 2.0]  # 1->0 ; 0->3 against the digitising
    assert res.flow_km == pytest.approx((10 * 200 + 5 * 500 + 3 * 100 + 2 * 50) / 1000)
    assert res.flow_assigned == 20.0 and res.unrouted.size == 0


def test_tie_is_all_or_nothing_and_deterministic():
    # two equal routes 0-1-3 and 0-2-3
    edges = [(0, 1, 100, 0), (1, 3, 100, 0), (0, 2, 100, 0), (2, 3, 100, 0)]
    first = assign(graph(edges, 4), [0], [3], [7.0], workers=1)
    loads = first.flow_ab.tolist()
    assert loads in ([7.0, 7.0, 0.0, 0.0], [0.0, 0.0, 7.0, 7.0])
    assert first.flow_km == pytest.approx(1.4)
    for _ in range(3):
        assert assign(graph(edges, 4), [0], [3], [7.0], workers=1).flow_ab.tolist() == loads


def test_island_and_same_node_are_reported_with_their_flow():
    # 0-1-2 connected, 3-4 an island
    g = graph([(0, 1, 10, 0), (1, 2, 10, 0), (3, 4, 10, 0)], 5)
    res = assign(g, [0, 0, 2, 1], [2, 3, 2, 4], [1.0, 4.0, 6.0, 8.0], workers=1)
    assert res.unrouted.tolist() == [1, 3]
    assert res.flow_unrouted == 12.0
    assert res.same_node.tolist() == [2] and res.flow_same_node == 6.0
    assert res.flow_assigned == 1.0
    assert res.flow_ab.tolist() == [1.0, 1.0, 0.0]


def test_degree_two_chain_with_a_terminal_inside_is_expanded():
    # junction 0 -> chain 1..9 -> junction 10, a side road 10-11 and 0-12; terminal 5 in the chain
    edges = [(i, i + 1, 10.0 + i, 0) for i in range(10)] + [(10, 11, 5, 0), (0, 12, 5, 0), (12, 11, 500, 0)]
    g = graph(edges, 13)
    core = g.core([5, 11, 12])
    assert core["n"] < 13  # chain nodes were contracted
    res = assign(g, [12, 5], [11, 12], [2.0, 3.0], workers=1)
    # 12 -> 0 -> ... -> 10 -> 11 (sum 10..19 = 145 + 10) beats 12 -> 11 (500)
    assert res.flow_ab[:10].tolist() == [2.0] * 5 + [2.0] * 5
    assert res.flow_ba[:5].tolist() == [3.0] * 5 and res.flow_ba[5:10].tolist() == [0.0] * 5
    assert res.flow_ab[10] == 2.0 and res.flow_ba[11] == 2.0 and res.flow_ab[11] == 3.0
    plain = assign(graph(edges, 13, contract=False), [12, 5], [11, 12], [2.0, 3.0], workers=1)
    np.testing.assert_array_equal(plain.flow_ab, res.flow_ab)
    np.testing.assert_array_equal(plain.flow_ba, res.flow_ba)


@pytest.mark.parametrize("seed", [1, 2])
def test_random_network_matches_plain_dijkstra(seed):
    u, v, length, oneway, n = random_network(seed)
    rng = np.random.default_rng(seed + 10)
    zones = rng.choice(n, 40, replace=False)
    o = rng.choice(zones, 300)
    d = rng.choice(zones, 300)
    flows = rng.uniform(1, 10, 300)
    g = RoutingGraph.from_edges(u, v, length, oneway, n)
    res = assign(g, o, d, flows, workers=1, batch_size=4)
    dist = dijkstra(reference_dist(u, v, length, oneway, n), indices=np.unique(o))
    pair_dist = dist[np.searchsorted(np.unique(o), o), d]
    ok = np.isfinite(pair_dist) & (o != d)
    assert set(res.unrouted.tolist()) == set(np.flatnonzero(~np.isfinite(pair_dist)).tolist())
    assert res.flow_km == pytest.approx(float(np.sum(flows[ok] * pair_dist[ok]) / 1000), rel=1e-12)
    # no ties: the loads equal those of the uncontracted graph, edge by edge
    plain = assign(RoutingGraph.from_edges(u, v, length, oneway, n, contract=False), o, d, flows, workers=1)
    np.testing.assert_allclose(res.flow_ab, plain.flow_ab, atol=1e-9)
    np.testing.assert_allclose(res.flow_ba, plain.flow_ba, atol=1e-9)
    assert res.stats["core_nodes"] < n
    # skims: the same distances
    sk = skim(g, o, d, pairs=True, workers=1)
    np.testing.assert_allclose(sk.length[ok], pair_dist[ok], rtol=1e-12)
    assert np.all(np.isinf(sk.length[~np.isfinite(pair_dist)]))


def test_landmark_limits_and_reverse_trees_stay_exact():
    u, v, length, oneway, n = random_network(5, n_side=22, p_oneway=0.3)
    rng = np.random.default_rng(3)
    o = rng.choice(n, 400)  # many roots: landmark limits are used
    d = rng.choice(n, 400)
    flows = rng.uniform(1, 5, 400)
    g = RoutingGraph.from_edges(u, v, length, oneway, n)
    res = assign(g, o, d, flows, workers=1, batch_size=8)
    mat = reference_dist(u, v, length, oneway, n)
    uo = np.unique(o)
    pair_dist = dijkstra(mat, indices=uo)[np.searchsorted(uo, o), d]
    ok = np.isfinite(pair_dist) & (o != d)
    assert res.flow_km == pytest.approx(float(np.sum(flows[ok] * pair_dist[ok]) / 1000), rel=1e-12)
    # few destinations: trees run on the reversed graph
    d2 = rng.choice(n, 3)[rng.integers(0, 3, 400)]
    res2 = assign(g, o, d2, flows, workers=1)
    assert res2.stats["reverse"] is True
    ud = np.unique(d2)
    back = dijkstra(mat.T.tocsr(), indices=ud)[np.searchsorted(ud, d2), o]
    ok2 = np.isfinite(back) & (o != d2)
    assert res2.flow_km == pytest.approx(float(np.sum(flows[ok2] * back[ok2]) / 1000), rel=1e-12)


def test_worker_processes_give_the_same_loads():
    u, v, length, oneway, n = random_network(7, n_side=20)
    rng = np.random.default_rng(1)
    o, d, flows = rng.choice(n, 500), rng.choice(n, 500), rng.uniform(1, 5, 500)
    g = RoutingGraph.from_edges(u, v, length, oneway, n)
    one = assign(g, o, d, flows, workers=1, batch_size=8)
    messages = []
    two = assign(g, o, d, flows, workers=2, batch_size=8, log=messages.append)
    assert two.stats["workers"] == 2, messages
    assert min(two.stats["tasks_by_process"]) > 0  # this process and the worker process both routed
    np.testing.assert_allclose(two.flow_ab, one.flow_ab, rtol=1e-12)
    np.testing.assert_allclose(two.flow_ba, one.flow_ba, rtol=1e-12)
    assert two.unrouted.tolist() == one.unrouted.tolist()


def test_workers_fall_back_to_one_process_when_python_is_missing(monkeypatch, tmp_path):
    monkeypatch.setenv("TERRITORIAL_DATA_PYTHON", str(tmp_path / "no-python-here"))
    u, v, length, oneway, n = random_network(3)
    g = RoutingGraph.from_edges(u, v, length, oneway, n)
    messages = []
    res = assign(g, np.arange(30), np.arange(30)[::-1], np.ones(30), workers=2, batch_size=4, log=messages.append)
    assert res.stats["workers"] == 1
    assert any("one process" in m for m in messages)
    assert res.flow_assigned + res.flow_unrouted + res.flow_same_node == 30.0


@pytest.mark.parametrize("stop", ["cancel", "contraction error"])
def test_workers_started_before_the_contraction_are_closed_when_the_run_stops(monkeypatch, stop):
    from territorial_data.processing.engine import parallel

    started = []
    original = parallel.ProcessExecutor.__init__

    def spy(self, *args, **kwargs):
        original(self, *args, **kwargs)
        started.append(list(self.procs))

    monkeypatch.setattr(parallel.ProcessExecutor, "__init__", spy)
    u, v, length, oneway, n = random_network(8, n_side=20)
    g = RoutingGraph.from_edges(u, v, length, oneway, n)
    rng = np.random.default_rng(4)
    o, d = rng.choice(n, 300), rng.choice(n, 300)
    if stop == "cancel":
        with pytest.raises(Canceled):
            assign(g, o, d, np.ones(300), workers=2, batch_size=4, cancel=lambda: True)
    else:

        def broken(terminals):
            raise RuntimeError("contraction failed")

        monkeypatch.setattr(g, "core", broken)
        with pytest.raises(RuntimeError):
            assign(g, o, d, np.ones(300), workers=2, batch_size=4)
    assert len(started) == 1 and len(started[0]) == 1  # started before the core existed (this process is the other)
    assert all(proc.poll() is not None for proc in started[0])  # and none left running


def test_cancel_between_batches_and_progress():
    u, v, length, oneway, n = random_network(4)
    g = RoutingGraph.from_edges(u, v, length, oneway, n)
    seen = []
    with pytest.raises(Canceled):
        assign(
            g,
            np.arange(60),
            np.arange(60)[::-1],
            np.ones(60),
            workers=1,
            batch_size=4,
            progress=seen.append,
            cancel=lambda: len(seen) >= 2,
        )
    assert 0 < seen[-1] < 1
    done = []
    assign(g, np.arange(60), np.arange(60)[::-1], np.ones(60), workers=1, batch_size=4, progress=done.append)
    assert done[-1] == pytest.approx(1.0) and done == sorted(done)


def test_select_link_finds_the_pairs_using_a_segment():
    # a line 0-1-2-3 plus a bypass 0-4-3 (longer)
    edges = [(0, 1, 10, 0), (1, 2, 10, 0), (2, 3, 10, 0), (0, 4, 40, 0), (4, 3, 40, 0), (1, 5, 10, 0)]
    g = graph(edges, 6)
    o, d, f = [0, 3, 5, 0], [3, 0, 0, 4], [1.0, 2.0, 4.0, 8.0]
    res = assign(g, o, d, f, workers=1, selected_edges=[1])  # the segment 1-2
    assert res.select_pairs.tolist() == [0, 1]
    assert res.select_ab.tolist() == [1.0, 1.0, 1.0, 0.0, 0.0, 0.0]
    assert res.select_ba.tolist() == [2.0, 2.0, 2.0, 0.0, 0.0, 0.0]
    assert res.flow_ab[3] == 8.0 and res.flow_ba[5] == 4.0


def test_bad_input_is_a_data_error():
    g = graph([(0, 1, 10, 0)], 2)
    with pytest.raises(DataError, match="zero or more"):
        assign(g, [0], [1], [-1.0])
    with pytest.raises(DataError, match="not a node"):
        assign(g, [0], [7], [1.0])
    with pytest.raises(DataError, match="one-way"):
        RoutingGraph.from_edges([0], [1], [1.0], [2], 2)
    with pytest.raises(DataError, match="length"):
        RoutingGraph.from_edges([0], [1], [np.nan], [0], 2)


def test_skim_matrix_with_time_attribute():
    # 0-1 fast motorway (1000 m, 36 s) vs 0-2-1 slow street (600 m, 120 s)
    g = graph([(0, 1, 1000, 0), (0, 2, 300, 0), (2, 1, 300, 0)], 3)
    by_length = skim(g, [0, 1, 2], attrs=("length",), workers=1)
    assert by_length.length[0, 1] == 600.0 and by_length.length[1, 1] == 0.0
    time_s = np.array([36.0, 60.0, 60.0])
    gt = RoutingGraph.from_edges(
        [0, 0, 2], [1, 2, 1], [1000.0, 300.0, 300.0], [0, 0, 0], 3, cost=time_s, attrs={"time": time_s}
    )
    fast = skim(gt, [0], [1, 2], attrs=("length", "time"), workers=1)
    assert fast.cost[0].tolist() == [36.0, 60.0]
    assert fast.values["length"][0].tolist() == [1000.0, 300.0]
    assert fast.values["time"][0].tolist() == [36.0, 60.0]


def test_workers_start_where_sys_executable_is_not_python(monkeypatch):
    # inside QGIS sys.executable is qgis / qgis_process.bin: the interpreter is found next to the stdlib
    import sys

    from territorial_data.processing.engine import parallel

    monkeypatch.delenv("TERRITORIAL_DATA_PYTHON", raising=False)
    monkeypatch.setattr(sys, "executable", "/usr/bin/qgis_process.bin")
    monkeypatch.setattr(sys, "_base_executable", "/usr/bin/qgis_process.bin", raising=False)
    python = parallel.python_executable()
    assert python and "python" in python.rsplit("/", 1)[-1]
    u, v, length, oneway, n = random_network(9)
    g = RoutingGraph.from_edges(u, v, length, oneway, n)
    rng = np.random.default_rng(2)
    o, d, flows = rng.choice(n, 200), rng.choice(n, 200), rng.uniform(1, 5, 200)
    monkeypatch.setenv("TERRITORIAL_DATA_WORKERS", "2")
    res = assign(g, o, d, flows, batch_size=8)  # workers from the environment
    assert res.stats["workers"] == 2
    ref = assign(g, o, d, flows, workers=1, batch_size=8)
    assert res.flow_km == pytest.approx(ref.flow_km, rel=1e-12)


def test_kernel_arc_lookup_unique_and_chunked_trees():
    from territorial_data.processing.engine import _kernel
    from territorial_data.processing.engine.graph import _unique_ints

    rng = np.random.default_rng(7)
    keys = rng.integers(-50, 50, 1000)
    for got, want in zip(_unique_ints(keys, return_inverse=True), np.unique(keys, return_inverse=True)):
        assert np.array_equal(got, want)
    got, want = _kernel._unique_inverse(keys), np.unique(keys, return_inverse=True)
    assert np.array_equal(got[0], want[0]) and np.array_equal(got[1], want[1])
    assert _unique_ints(np.zeros(0, dtype=np.int64)).shape == (0,)
    # a core with parallel arcs: the lookup gives the first arc of each (tail, head), -1 for none
    n = 30
    edges = [
        (int(a), int(b), float(c), 0)
        for a, b, c in zip(rng.integers(0, n, 120), rng.integers(0, n, 120), rng.uniform(1, 9, 120))
        if a != b
    ]
    g = graph(edges, n, contract=False)
    core = g.core(np.arange(n))
    tail = np.repeat(np.arange(core["n"]), np.diff(core["indptr"]))
    head = np.asarray(core["indices"], dtype=np.int64)
    first = {}
    for t, h, arc in zip(core["in_tail"], np.repeat(np.arange(core["n"]), np.diff(core["in_ptr"])), core["in_arc"]):
        first.setdefault((int(t), int(h)), int(arc))
    qt, qh = rng.integers(0, core["n"], 500), rng.integers(0, core["n"], 500)
    want = [first.get((int(t), int(h)), -1) for t, h in zip(qt, qh)]
    assert _kernel.lookup_arcs(core, qt, qh).tolist() == want
    assert (tail[_kernel.lookup_arcs(core, tail, head)] == tail).all()
    assert _kernel.lookup_arcs(core, [], []).shape == (0,)
    # trees computed one root per scipy call equal one call for all roots
    roots = np.arange(core["n"])
    dist, pred = _kernel.shortest_trees(core, roots)
    ref = dijkstra(_kernel.csr(core), directed=True, indices=roots, return_predecessors=True)
    assert np.array_equal(dist, ref[0]) and np.array_equal(pred, ref[1])
