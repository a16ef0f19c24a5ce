# ruff: noqa: C408, I001  (copied harness script, kept as in shared/bench)
"""AequilibraE all-or-nothing on a Graph built from a network DataFrame (no project).

    python run_aequilibrae.py small --threads 2 [--skim] [--direct]

--direct : call paths.allOrNothing directly instead of TrafficAssignment(algorithm="all-or-nothing")
--no-compress : prepare_graph(remove_dead_ends=False) (graph contraction still applies)

Origin: the project's own benchmark harness (``shared/bench/run_aequilibrae.py``), copied into
``benchmarks/peers/`` (code unchanged) so that ``benchmarks/assignment.py`` runs from a fresh clone.
"""

import os
import sys
import warnings

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common


def extra(p):
    p.add_argument("--direct", action="store_true")
    p.add_argument("--keep-dead-ends", action="store_true")


def main():
    a = common.parse_common_args(extra=extra)
    import pandas as pd
    import importlib.metadata as md
    from aequilibrae.paths import Graph, TrafficAssignment, TrafficClass
    from aequilibrae.matrix import AequilibraeMatrix

    warnings.filterwarnings("ignore")
    inst = common.load_instance(a.instance)
    T = common.Timer()
    rss0 = common.current_rss_mb()
    Z = inst["Z"]
    with T("build"):
        # network: one row per line feature; direction 1 = a->b only, 0 = both ways
        net = pd.DataFrame(
            {
                "link_id": np.arange(1, inst["E"] + 1, dtype=np.int64),
                "a_node": inst["edge_u"] + 1,
                "b_node": inst["edge_v"] + 1,
                "direction": np.where(inst["edge_oneway"] == 1, 1, 0).astype(np.int8),
                "distance": inst["edge_len"],
                "capacity": np.full(inst["E"], 1e9),
            }
        )
        centroids = (inst["zone_node"] + 1).astype(np.int64)
        g = Graph()
        g.network = net
        g.mode = "c"
        g.prepare_graph(centroids, remove_dead_ends=not a.keep_dead_ends)
        g.set_graph("distance")
        g.set_skimming([])
        g.set_blocked_centroid_flows(True)
        # dense zone x zone demand matrix
        mat = AequilibraeMatrix()
        mat.create_empty(zones=Z, matrix_names=["flow"], memory_only=True)
        mat.index[:] = centroids
        dense = np.zeros((Z, Z))
        dense[inst["od_o"], inst["od_d"]] = inst["od_flow"]
        mat.matrices[:, :, 0] = dense
        mat.computational_view(["flow"])
    with T("assign"):
        if a.direct:
            from aequilibrae.paths import allOrNothing
            from aequilibrae.paths.results import AssignmentResults

            res = AssignmentResults()
            res.set_cores(a.threads)  # must precede prepare() (set_cores after prepare fails in 1.7.2)
            res.prepare(g, mat)
            aon = allOrNothing("c", mat, g, res)
            aon.execute()
            res.total_flows()
            link_loads = res.get_load_results()
        else:
            tc = TrafficClass("c", g, mat)
            ta = TrafficAssignment()
            ta.set_classes([tc])
            ta.set_vdf("BPR")
            ta.set_vdf_parameters({"alpha": 0.0, "beta": 4.0})
            ta.set_capacity_field("capacity")
            ta.set_time_field("distance")
            ta.set_algorithm("all-or-nothing")
            ta.set_cores(a.threads)
            ta.max_iter = 1
            ta.execute(log_specification=False)
            link_loads = tc.results.get_load_results()
    # map link loads (by link_id, ab/ba) back to edges
    ll = link_loads
    if "link_id" in ll.columns:
        ll = ll.set_index("link_id")
    cols = [c for c in ll.columns if c.endswith("_tot")]
    flow_col = cols[0] if cols else None
    edge_flow = np.zeros(inst["E"])
    ids = ll.index.values.astype(np.int64) - 1
    edge_flow[ids] = np.nan_to_num(ll[flow_col].values)
    vkm = common.vkm_from_edge_flows(edge_flow, inst["edge_len"])
    rec = dict(
        version=f"aequilibrae {md.version('aequilibrae')}",
        threads=a.threads,
        build_s=T.t["build"],
        assign_s=T.t["assign"],
        vkm=vkm,
        graph_links=int(g.num_links),
        graph_nodes=int(g.num_nodes),
        compact_links=int(g.compact_num_links),
        compact_nodes=int(g.compact_num_nodes),
        api="allOrNothing" if a.direct else "TrafficAssignment",
        dead_ends_removed=not a.keep_dead_ends,
        rss_after_load_mb=round(rss0, 1),
    )
    if a.skim:
        from aequilibrae.paths import NetworkSkimming

        with T("skim"):
            g2 = Graph()
            g2.network = net
            g2.mode = "c"
            g2.prepare_graph(centroids, remove_dead_ends=not a.keep_dead_ends)
            g2.set_graph("distance")
            g2.set_skimming(["distance"])
            g2.set_blocked_centroid_flows(True)
            sk = NetworkSkimming(g2)
            sk.set_cores(a.threads)
            sk.execute()
            m = (
                sk.results.skims.matrix_view[:, :, 0]
                if sk.results.skims.matrix_view.ndim == 3
                else sk.results.skims.matrix_view
            )
        rec["skim_s"] = T.t["skim"]
        rec["vkm_skim"] = float(np.dot(inst["od_flow"], m[inst["od_o"], inst["od_d"]]))
    tool = "aequilibrae" + ("-direct" if a.direct else "") + (f"-{a.tag}" if a.tag else "") + f"-t{a.threads}"
    common.write_result(inst["name"], tool, rec, a.results)


if __name__ == "__main__":
    main()
