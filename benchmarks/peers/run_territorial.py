"""Our engine as an assignment peer: RoutingGraph.from_edges + assign, on a benchmark instance.

    python run_territorial.py medium --threads 2 [--batch-size B] [--no-contract]

Runs under any Python that has numpy and scipy: QGIS's own (Debian ``/usr/bin/python3``, scipy
1.10) or the benchmark venv (recent scipy). The plugin folder is loaded as the package
``territorial_data`` without putting the repository root on ``sys.path`` (its ``processing/``
would hide QGIS's). Build = ``RoutingGraph.from_edges`` on every edge of the instance (connectors
included, as plain two-way edges); assign = ``assign(...)`` as the plugin calls it
(``workers=None``: the engine decides whether worker processes pay, up to the machine's cores)
when ``--threads`` is the machine's core count, else ``workers=--threads``; ``--force-workers``
always passes ``workers=--threads``.
Flow-km = sum over edges of (flow_ab + flow_ba) x length, connectors included, as in
``run_aequilibrae.py``.

This file is the project's own (not a copy of ``shared/bench``).
"""

import os
import platform
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)
import common  # noqa: E402


def load_plugin_package():
    """The plugin package, loaded by ``scripts/plugin_loader.py``."""
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import plugin_loader

    return plugin_loader.load_plugin()


def extra(p):
    p.add_argument("--batch-size", type=int, default=None)
    p.add_argument("--no-contract", action="store_true", help="RoutingGraph.from_edges(contract=False)")
    p.add_argument("--force-workers", action="store_true", help="assign(workers=--threads) instead of automatic")


def main():
    a = common.parse_common_args(extra=extra)
    import scipy

    load_plugin_package()
    from territorial_data.processing.engine.assign import assign
    from territorial_data.processing.engine.graph import RoutingGraph

    inst = common.load_instance(a.instance)
    T = common.Timer()
    zone_node = inst["zone_node"]
    o_nodes = zone_node[inst["od_o"]]
    d_nodes = zone_node[inst["od_d"]]
    os.environ.pop("TERRITORIAL_DATA_WORKERS", None)  # it would force the count
    auto = not a.force_workers and a.threads >= (os.cpu_count() or 1)
    workers = None if auto else a.threads
    rss0 = common.current_rss_mb()
    with T("build"):
        g = RoutingGraph.from_edges(
            inst["edge_u"],
            inst["edge_v"],
            inst["edge_len"],
            inst["edge_oneway"].astype(np.int8),
            inst["N"],
            cost=None,
            contract=not a.no_contract,
        )
    with T("assign"):
        res = assign(g, o_nodes, d_nodes, inst["od_flow"], workers=workers, batch_size=a.batch_size)
    flow_ab = np.asarray(res.flow_ab, dtype=float)
    flow_ba = np.asarray(res.flow_ba, dtype=float)
    vkm = common.vkm_from_edge_flows(flow_ab + flow_ba, inst["edge_len"])
    unrouted = getattr(res, "unrouted", None)
    if unrouted is not None and not np.isscalar(unrouted):
        unrouted = int(np.size(unrouted)) if np.ndim(unrouted) else int(unrouted)
    rec = {
        "version": f"territorial_data engine, scipy {scipy.__version__}, numpy {np.__version__}",
        "executable": sys.executable,
        "threads": a.threads,
        "workers_arg": workers,
        "batch_size": a.batch_size,
        "contract": not a.no_contract,
        "build_s": T.t["build"],
        "assign_s": T.t["assign"],
        "vkm": vkm,
        "engine_flow_km": float(res.flow_km) if getattr(res, "flow_km", None) is not None else None,
        "unrouted": unrouted,
        "rss_after_load_mb": round(rss0, 1),
        "machine": platform.machine(),
    }
    stats = getattr(res, "stats", None)
    if isinstance(stats, dict):
        rec["engine_stats"] = {k: (v if isinstance(v, (bool, int, float, str)) else str(v)) for k, v in stats.items()}
    for attr in ("n_nodes", "n_arcs", "n_contracted_nodes", "n_contracted_arcs"):
        if hasattr(g, attr):
            rec["graph_" + attr] = int(getattr(g, attr))
    tool = "territorial" + (f"-{a.tag}" if a.tag else "") + f"-t{a.threads}"
    common.write_result(inst["name"], tool, rec, a.results)


if __name__ == "__main__":
    main()
