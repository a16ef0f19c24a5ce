"""Baseline peer: a plain scipy Dijkstra per origin on the uncontracted graph.

    python run_scipy_plain.py medium [--threads P]

What the engine would be with no contraction, no batching and no early stop: one
``scipy.sparse.csgraph.dijkstra(indices=origin, return_predecessors=True)`` per origin zone on the
full directed graph (parallel arcs merged, shortest kept), then the origin's demand pushed down the
tree with ``treeflow.subtree_sums``. ``--threads P`` > 1 splits the origins over P forked worker
processes (scipy's Dijkstra holds the GIL, so threads would not help). Flow-km = sum of flow x
length over all arcs, connectors included, as in ``run_aequilibrae.py``.

This file is the project's own (not a copy of ``shared/bench``).
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common
import treeflow

_STATE = {}


def _chunk(ks):
    from scipy.sparse.csgraph import dijkstra

    s = _STATE
    n = s["n"]
    arc_flow = np.zeros(s["keys"].shape[0])
    unrouted = 0
    for k in ks:
        src = int(s["zone_node"][s["origins"][k]])
        sl = slice(s["starts"][k], s["ends"][k])
        _, pred = dijkstra(s["csr"], indices=src, return_predecessors=True)
        pred = pred.astype(np.int64)
        reached = pred >= 0
        dest = s["zone_node"][s["od_d"][sl]]
        ok = reached[dest] | (dest == src)
        unrouted += int((~ok).sum())
        parent = np.where(reached, pred, -1)
        demand = np.bincount(dest[ok], weights=s["od_f"][sl][ok], minlength=n)
        acc = treeflow.subtree_sums(parent, demand)
        nodes = np.flatnonzero(reached)
        arc = np.searchsorted(s["keys"], pred[nodes] * n + nodes)
        arc_flow += np.bincount(arc, weights=acc[nodes], minlength=arc_flow.shape[0])
    return arc_flow, unrouted


def main():
    a = common.parse_common_args()
    import scipy
    from scipy.sparse import csr_matrix

    inst = common.load_instance(a.instance)
    T = common.Timer()
    n = inst["N"]
    with T("build"):
        tail, head, length, _edge, _fwd = common.directed_arcs(inst)
        keep = common.dedup_arcs(tail, head, length, n)  # sorted by (tail, head)
        t, h, ln = tail[keep], head[keep], length[keep]
        indptr = np.zeros(n + 1, np.int64)
        np.cumsum(np.bincount(t, minlength=n), out=indptr[1:])
        csr = csr_matrix((ln, h.astype(np.int32), indptr), shape=(n, n))
        keys = t * n + h
    order = np.argsort(inst["od_o"], kind="stable")
    od_o = inst["od_o"][order]
    origins, starts = np.unique(od_o, return_index=True)
    _STATE.update(
        n=n,
        csr=csr,
        keys=keys,
        zone_node=inst["zone_node"],
        origins=origins,
        starts=starts,
        ends=np.append(starts[1:], od_o.shape[0]),
        od_d=inst["od_d"][order],
        od_f=inst["od_flow"][order],
    )
    with T("assign"):
        ks = np.arange(origins.shape[0])
        if a.threads <= 1:
            arc_flow, unrouted = _chunk(ks)
        else:
            import multiprocessing as mp

            with mp.get_context("fork").Pool(a.threads) as pool:
                parts = pool.map(_chunk, np.array_split(ks, 4 * a.threads))
            arc_flow = sum(p[0] for p in parts)
            unrouted = sum(p[1] for p in parts)
    rec = {
        "version": f"scipy {scipy.__version__} dijkstra per origin",
        "threads": a.threads,
        "build_s": T.t["build"],
        "assign_s": T.t["assign"],
        "vkm": common.vkm_from_edge_flows(arc_flow, ln),
        "unrouted": unrouted,
        "graph_nodes": n,
        "graph_links": int(keys.shape[0]),
        "executable": sys.executable,
    }
    tool = "scipy-plain" + (f"-{a.tag}" if a.tag else "") + f"-t{a.threads}"
    common.write_result(inst["name"], tool, rec, a.results)


if __name__ == "__main__":
    main()
