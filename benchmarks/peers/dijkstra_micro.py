"""Diagnostic: where our engine's assignment time goes, measured on the engine's own contracted core.

    python dijkstra_micro.py benchmarks/results/instances/medium [--roots 100]

Run it with both Pythons (bench venv, QGIS's) to compare scipy versions. Prints, for a sample of
the origin roots, the time of one scipy Dijkstra tree on the contracted core (with and without
predecessors, 1, 8 and 64 roots per call), the share of the core a tree settles when it
stops at the farthest destination of its root (what a distance limit or an early exit can save at
best), and the engine's full assignment with its stats, 1 worker. Not part of the benchmark table.

This file is the project's own (not a copy of ``shared/bench``).
"""

import argparse
import json
import os
import sys
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common
import run_territorial


def main():
    p = argparse.ArgumentParser()
    p.add_argument("instance")
    p.add_argument("--roots", type=int, default=100)
    a = p.parse_args()
    import scipy
    from scipy.sparse.csgraph import dijkstra

    run_territorial.load_plugin_package()
    from territorial_data.processing.engine import _kernel
    from territorial_data.processing.engine import assign as assign_mod
    from territorial_data.processing.engine.graph import RoutingGraph

    inst = common.load_instance(a.instance)
    zn = inst["zone_node"]
    o, d = zn[inst["od_o"]], zn[inst["od_d"]]
    g = RoutingGraph.from_edges(inst["edge_u"], inst["edge_v"], inst["edge_len"], inst["edge_oneway"], inst["N"])
    t0 = time.perf_counter()
    core = g.core(np.unique(np.concatenate([o, d])))
    contract_s = time.perf_counter() - t0
    _order, roots, tptr, targets = assign_mod.group_pairs(core, o, d, False)
    m = _kernel.csr(core)
    sel = np.linspace(0, roots.shape[0] - 1, min(a.roots, roots.shape[0])).round().astype(np.int64)
    out = {
        "scipy": scipy.__version__,
        "numpy": np.__version__,
        "instance": inst["name"],
        "input_nodes": inst["N"],
        "core_nodes": int(core["n"]),
        "core_arcs": int(core["n_arcs"]),
        "contract_s": contract_s,
        "roots_sampled": int(sel.shape[0]),
    }

    def per_tree(batch, preds):
        t = time.perf_counter()
        for s in range(0, sel.shape[0], batch):
            dijkstra(m, indices=roots[sel[s : s + batch]], return_predecessors=preds)
        return (time.perf_counter() - t) / sel.shape[0] * 1000.0

    for batch in (1, 8, 64):
        out[f"ms_per_tree_{batch}_roots_per_call"] = per_tree(batch, True)
    out["ms_per_tree_64_no_predecessors"] = per_tree(64, False)
    dist = dijkstra(m, indices=roots[sel])
    far = np.array([dist[i, targets[tptr[r] : tptr[r + 1]]].max() for i, r in enumerate(sel)])
    out["settled_share_at_farthest_target"] = float(np.mean([(dist[i] <= far[i]).mean() for i in range(sel.shape[0])]))
    t = time.perf_counter()
    for i, r in enumerate(sel):
        dijkstra(m, indices=roots[r : r + 1], limit=far[i] * (1 + 1e-9), return_predecessors=True)
    out["ms_per_tree_exact_limit"] = (time.perf_counter() - t) / sel.shape[0] * 1000.0
    t = time.perf_counter()
    res = assign_mod.assign(g, o, d, inst["od_flow"], workers=1)
    out["assign_1_worker_s"] = time.perf_counter() - t
    out["assign_stats"] = {k: v for k, v in res.stats.items() if isinstance(v, (int, float, bool))}
    out["trees_estimate_s"] = out["ms_per_tree_64_roots_per_call"] * roots.shape[0] / 1000.0
    print(json.dumps(out))


if __name__ == "__main__":
    main()
