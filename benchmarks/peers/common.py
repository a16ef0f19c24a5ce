"""Shared helpers for the OD-assignment benchmark harness.

Instance format (one ``instance.npz`` per instance folder, plain numpy arrays,
readable by numpy 1.x and 2.x, no pickle):

  node_x, node_y        float64[N]   node coordinates (projected, metres)
  edge_u, edge_v        int64[E]     end nodes of each line feature (index into nodes)
  edge_len              float64[E]   length in metres (= planar length of the geometry)
  edge_oneway           int8[E]      1: only u->v may be travelled; 0: both directions
  edge_cycle            bool[E]      flag for the "share of flow on a subset of edges" task
  edge_connector        bool[E]      True for zone-centroid connectors
  geom_ptr              int64[E+1]   edge e's vertices are geom_x/y[geom_ptr[e]:geom_ptr[e+1]]
  geom_x, geom_y        float64[V]   (first vertex == node u, last vertex == node v)
  zone_id               int64[Z]     external zone ids
  zone_node             int64[Z]     centroid node of each zone
  od_o, od_d            int64[K]     zone *indices* (0..Z-1) of each non-zero OD pair (unique pairs)
  od_flow               float64[K]

Every tool reads this file, so all tools see exactly the same graph.

Origin: the project's own benchmark harness (``shared/bench/common.py``), copied here so that the
benchmark runs from a fresh clone; only the default folders changed (instances and results now go
to the git-ignored ``benchmarks/results/``).
"""

import json
import os
import platform
import resource
import sys
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_INSTANCES = os.environ.get("BENCH_INSTANCES", os.path.join(HERE, "..", "results", "instances"))
DEFAULT_RESULTS = os.environ.get("BENCH_RESULTS", os.path.join(HERE, "..", "results", "runs"))


def instance_dir(name):
    if os.path.isdir(name):
        return name
    return os.path.join(DEFAULT_INSTANCES, name)


def load_instance(name):
    path = os.path.join(instance_dir(name), "instance.npz")
    with np.load(path, allow_pickle=False) as z:
        inst = {k: z[k] for k in z.files}
    inst["name"] = os.path.basename(os.path.normpath(instance_dir(name)))
    inst["N"] = int(inst["node_x"].shape[0])
    inst["E"] = int(inst["edge_u"].shape[0])
    inst["Z"] = int(inst["zone_node"].shape[0])
    inst["K"] = int(inst["od_o"].shape[0])
    return inst


def save_instance(folder, **arrays):
    os.makedirs(folder, exist_ok=True)
    np.savez(os.path.join(folder, "instance.npz"), **arrays)


def directed_arcs(inst):
    """Directed arcs of the instance: (tail, head, length, edge index, is_forward).

    Forward arc u->v for every edge; backward arc v->u for two-way edges.
    """
    u, v, ln, ow = inst["edge_u"], inst["edge_v"], inst["edge_len"], inst["edge_oneway"]
    eid = np.arange(u.shape[0], dtype=np.int64)
    two = ow == 0
    tail = np.concatenate([u, v[two]])
    head = np.concatenate([v, u[two]])
    length = np.concatenate([ln, ln[two]])
    edge = np.concatenate([eid, eid[two]])
    fwd = np.concatenate([np.ones(u.shape[0], bool), np.zeros(int(two.sum()), bool)])
    return tail, head, length, edge, fwd


def dedup_arcs(tail, head, length, n_nodes):
    """Indices of arcs to keep so that each (tail, head) pair appears once (shortest kept)."""
    key = tail.astype(np.int64) * n_nodes + head
    order = np.lexsort((length, key))
    ks = key[order]
    first = np.ones(ks.shape[0], bool)
    first[1:] = ks[1:] != ks[:-1]
    return order[first]


def reference_vkm(inst):
    """Total OD flow (for sanity) -- vkm itself needs shortest paths."""
    return float(inst["od_flow"].sum())


class Timer:
    def __init__(self):
        self.t = {}

    def __call__(self, key):
        timer = self

        class _C:
            def __enter__(self_inner):
                self_inner.t0 = time.perf_counter()

            def __exit__(self_inner, *a):
                timer.t[key] = timer.t.get(key, 0.0) + time.perf_counter() - self_inner.t0

        return _C()


def peak_rss_mb():
    # ru_maxrss is in KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def current_rss_mb():
    try:
        with open("/proc/self/statm") as f:
            pages = int(f.read().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return float("nan")


def write_result(instance, tool, record, results_dir=None):
    results_dir = results_dir or DEFAULT_RESULTS
    folder = os.path.join(results_dir, instance)
    os.makedirs(folder, exist_ok=True)
    record = dict(record)
    record.setdefault("instance", instance)
    record.setdefault("tool", tool)
    record["python"] = platform.python_version()
    record["peak_rss_mb"] = round(peak_rss_mb(), 1)
    # worker processes (scipy --procs): largest single child, KiB on Linux
    record["peak_rss_children_mb"] = round(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0, 1)
    record["unix_time"] = time.time()
    path = os.path.join(folder, f"{tool}.jsonl")
    with open(path, "a") as f:
        f.write(json.dumps(record) + "\n")
    print(json.dumps(record), flush=True)
    return record


def vkm_from_edge_flows(edge_flow, edge_len):
    return float(np.dot(edge_flow, edge_len))


def parse_common_args(argv=None, extra=None):
    import argparse

    p = argparse.ArgumentParser()
    p.add_argument("instance")
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--tag", default="", help="suffix for the tool name in results")
    p.add_argument("--results", default=None)
    p.add_argument(
        "--time-cap", type=float, default=300.0, help="stop the assignment after this many seconds and extrapolate"
    )
    p.add_argument("--skim", action="store_true", help="also time the zone-to-zone distance matrix")
    if extra:
        extra(p)
    return p.parse_args(argv)


def log(*a):
    print(*a, file=sys.stderr, flush=True)
