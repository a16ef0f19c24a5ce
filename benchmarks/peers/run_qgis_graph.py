"""QGIS's own graph library as an assignment peer: QgsGraphBuilder + QgsGraphAnalyzer.dijkstra per origin.

    /usr/bin/python3 run_qgis_graph.py medium [--threads 1] [--time-cap 300]

Run with the Python that has PyQGIS (Debian: /usr/bin/python3). Build = one QgsGraphBuilder fed
vertex by vertex and arc by arc from the instance (what a plugin using the graph library has to
do; reading a layer through QgsVectorLayerDirector would only be slower), cost = length.
Assign = one ``QgsGraphAnalyzer.dijkstra`` per origin zone, then the origin's demand is pushed
down the returned tree with the same vectorised helper as the other per-origin peers
(``treeflow.subtree_sums``) and added per arc. Flow-km = sum of flow x length over all arcs,
connectors included, as in ``run_aequilibrae.py``.

--threads T runs the origins on T Python threads. It does not help: the SIP binding of QGIS 3.22
keeps the GIL during ``dijkstra`` (measured: medium, 2 threads as slow as 1), and a QgsGraph
cannot be shared with worker processes (each would have to rebuild it), so the peer runs on one
core, as any plugin using the graph library does.
--time-cap S stops after S seconds of assignment and extrapolates the time linearly over the
origins (the record then says ``extrapolated: true`` and its flow-km is partial).

This file is the project's own (not a copy of ``shared/bench``).
"""

import os
import sys
import threading
import time

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common
import treeflow


def main():
    a = common.parse_common_args()
    from qgis.analysis import QgsGraphAnalyzer, QgsGraphBuilder
    from qgis.core import Qgis, QgsApplication, QgsCoordinateReferenceSystem, QgsPointXY

    app = QgsApplication([], False)
    app.initQgis()
    inst = common.load_instance(a.instance)
    tail, head, length, _edge, _fwd = common.directed_arcs(inst)
    n_nodes, n_arcs = inst["N"], tail.shape[0]
    x, y = inst["node_x"], inst["node_y"]
    T = common.Timer()
    with T("build"):
        builder = QgsGraphBuilder(QgsCoordinateReferenceSystem("EPSG:2154"), False, 0.0)
        pts = [QgsPointXY(float(px), float(py)) for px, py in zip(x.tolist(), y.tolist())]
        for i, p in enumerate(pts):
            builder.addVertex(i, p)
        for t_, h_, ln in zip(tail.tolist(), head.tolist(), length.tolist()):
            builder.addEdge(t_, pts[t_], h_, pts[h_], [ln])
        graph = builder.takeGraph()
    assert graph.vertexCount() == n_nodes and graph.edgeCount() == n_arcs

    zone_node = inst["zone_node"]
    order = np.argsort(inst["od_o"], kind="stable")
    od_o, od_d, od_f = inst["od_o"][order], inst["od_d"][order], inst["od_flow"][order]
    origins, starts = np.unique(od_o, return_index=True)
    ends = np.append(starts[1:], od_o.shape[0])
    arc_flow = np.zeros(n_arcs)
    lock = threading.Lock()
    state = {"done": 0, "unrouted": 0, "stop": False}
    t_assign0 = time.perf_counter()

    def one_origin(k):
        if state["stop"]:
            return
        z = int(origins[k])
        src = int(zone_node[z])
        tree, _cost = QgsGraphAnalyzer.dijkstra(graph, src, 0)
        tree = np.asarray(tree, dtype=np.int64)
        sl = slice(starts[k], ends[k])
        dest = zone_node[od_d[sl]]
        reached = tree >= 0
        ok = reached[dest] | (dest == src)
        parent = np.where(reached, tail[np.where(reached, tree, 0)], -1)
        demand = np.bincount(dest[ok], weights=od_f[sl][ok], minlength=n_nodes)
        acc = treeflow.subtree_sums(parent, demand)
        add = np.bincount(tree[reached], weights=acc[reached], minlength=n_arcs)
        with lock:
            arc_flow[:] += add
            state["done"] += 1
            state["unrouted"] += int((~ok).sum())
            if time.perf_counter() - t_assign0 > a.time_cap:
                state["stop"] = True

    with T("assign"):
        if a.threads <= 1:
            for k in range(origins.shape[0]):
                one_origin(k)
                if state["stop"]:
                    break
        else:
            from concurrent.futures import ThreadPoolExecutor

            with ThreadPoolExecutor(a.threads) as pool:
                list(pool.map(one_origin, range(origins.shape[0])))
    done = state["done"]
    extrapolated = done < origins.shape[0]
    assign_s = T.t["assign"] * (origins.shape[0] / max(done, 1) if extrapolated else 1.0)
    vkm = common.vkm_from_edge_flows(arc_flow, length)
    rec = {
        "version": f"QGIS {Qgis.QGIS_VERSION} graph library",
        "threads": a.threads,
        "build_s": T.t["build"],
        "assign_s": assign_s,
        "assign_measured_s": T.t["assign"],
        "origins_done": done,
        "origins": int(origins.shape[0]),
        "extrapolated": extrapolated,
        "vkm": vkm,
        "unrouted": state["unrouted"],
        "graph_nodes": n_nodes,
        "graph_links": n_arcs,
    }
    tool = "qgis-graph" + (f"-{a.tag}" if a.tag else "") + f"-t{a.threads}"
    common.write_result(inst["name"], tool, rec, a.results)
    app.exitQgis()


if __name__ == "__main__":
    main()
