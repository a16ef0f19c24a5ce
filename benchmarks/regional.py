"""Région-scale assignment, end to end, on this computer and on a local Dask cluster (issue 15).

    /usr/bin/python3 benchmarks/regional.py                        # 3 M segments, 5 000 zones, 1 M OD pairs
    /usr/bin/python3 benchmarks/regional.py --segments 300000 --zones 1000 --pairs 100000   # a quick look

Run it with QGIS's Python (Debian: ``/usr/bin/python3``), after ``make deps`` (the Dask client,
scheduler and workers run in ``.venv/bin/python``, which has ``distributed``).

1. Instance: ``benchmarks/peers/gen_synthetic.py`` (road-like jittered grid, one-way streets,
   degree-2 nodes, zones joined by connectors, gravity OD), cached in
   ``benchmarks/results/instances/regional-<segments>-<zones>-<pairs>/``.
2. Each backend runs the same child process (``--child``): load the instance, ``RoutingGraph.from_edges``
   (build), ``assign(...)`` as the plugin calls it (``workers=None``), loads saved to a file.
   ``local``: the engine's own choice on this machine (worker processes up to the cores).
   ``dask``: ``TERRITORIAL_DATA_DASK_SCHEDULER`` set to a scheduler and two one-thread workers
   started here on 127.0.0.1 (``tests/support/dask_cluster.py``), the client in ``.venv/bin/python``.
   Wall time and peak memory of the child's process tree (``common.run_measured``: the QGIS-side
   process, its local worker processes or its Dask client) and, for Dask, the peak of each
   scheduler and worker process (sampled from ``/proc`` during the run), with the load average
   and the CPU the rest of the machine used.
3. The loads of the two runs are compared (bit for bit, and the largest difference).
4. National case, **extrapolated** from the per-origin cost measured on the Dask workers: see
   :func:`extrapolate` for every assumption; printed by number of workers.

The full record goes to ``benchmarks/results/regional-<date>.json`` and the report to ``.txt``.
"""

import argparse
import json
import math
import os
import sys
import threading
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)
import common  # noqa: E402

RESULTS = os.path.join(HERE, "results")
VENV_PYTHON = os.path.join(ROOT, ".venv", "bin", "python")
#: the national case of issue 15
NATIONAL = {"segments": 20_000_000, "zones": 35_000, "pairs": 1_000_000}


def _by_path(name, path):
    import importlib.util

    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def instance_path(a):
    return os.path.join(RESULTS, "instances", f"regional-{a.segments}-{a.zones}-{a.pairs}", "instance.npz")


def make_instance(a):
    path = instance_path(a)
    if os.path.exists(path):
        return path, None
    sys.path.insert(0, os.path.join(HERE, "peers"))
    gen = _by_path("gen_synthetic", os.path.join(HERE, "peers", "gen_synthetic.py"))
    with common.timer() as t:
        arrays = gen.generate(a.segments, a.zones, a.pairs, seed=a.seed)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    np.savez(path[: -len(".npz")] + ".part.npz", **arrays)
    os.replace(path[: -len(".npz")] + ".part.npz", path)
    return path, t.seconds


# -- the measured process ------------------------------------------------------------------------
def child(a):
    """One end-to-end run as the plugin does it; prints a JSON record."""
    common.load_plugin()
    from territorial_data.processing.engine import cluster
    from territorial_data.processing.engine.assign import assign
    from territorial_data.processing.engine.graph import RoutingGraph

    phases = {}
    if cluster.scheduler_address():  # time the cluster's own steps (connection + core shipped, runs)
        load, run = cluster.DaskExecutor.load, cluster.DaskExecutor.run

        def timed_load(self, *args, **kwargs):
            t0 = time.perf_counter()
            try:
                return load(self, *args, **kwargs)
            finally:
                phases["dask_load_s"] = time.perf_counter() - t0

        def timed_run(self, *args, **kwargs):
            t0 = time.perf_counter()
            try:
                return run(self, *args, **kwargs)
            finally:
                phases["dask_run_s"] = phases.get("dask_run_s", 0.0) + time.perf_counter() - t0
                phases["dask_result_bytes"] = self.result_bytes

        cluster.DaskExecutor.load, cluster.DaskExecutor.run = timed_load, timed_run
    t0 = time.perf_counter()
    with np.load(a.instance) as z:
        inst = {k: z[k] for k in z.files}
    phases["read_s"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    g = RoutingGraph.from_edges(
        inst["edge_u"], inst["edge_v"], inst["edge_len"], inst["edge_oneway"], inst["node_x"].shape[0]
    )
    phases["build_s"] = time.perf_counter() - t0
    zone_node = inst["zone_node"]
    log = []
    t0 = time.perf_counter()
    res = assign(g, zone_node[inst["od_o"]], zone_node[inst["od_d"]], inst["od_flow"], log=log.append)
    phases["assign_s"] = time.perf_counter() - t0
    np.save(a.out, np.concatenate([res.flow_ab, res.flow_ba]))
    stats = {k: (v if isinstance(v, (int, float, str, bool, list)) else str(v)) for k, v in res.stats.items()}
    print(
        json.dumps(
            {
                "phases": phases,
                "stats": stats,
                "flow_km": res.flow_km,
                "flow_assigned": res.flow_assigned,
                "unrouted": int(res.unrouted.size),
                "log": log,
                "edges": int(g.n_edges),
                "nodes": int(g.n_nodes),
            }
        )
    )


# -- the driver ----------------------------------------------------------------------------------
def cpu_seconds(pid):
    """User + system CPU seconds of a running process (``/proc/<pid>/stat``)."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return float("nan")


class PeakSampler:
    """Peak resident memory (private + largest file-backed share) and CPU seconds of given processes."""

    def __init__(self, pids):
        self.pids = dict(pids)
        self.peak_kb = dict.fromkeys(self.pids, 0)
        self.cpu0 = {name: cpu_seconds(pid) for name, pid in self.pids.items()}
        self.cpu_s = {}
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self.done.is_set():
            for name, pid in self.pids.items():
                anon, files = common._rss_split_kb(pid)
                self.peak_kb[name] = max(self.peak_kb[name], anon + files)
            self.done.wait(0.05)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()
        self.cpu_s = {name: cpu_seconds(pid) - self.cpu0[name] for name, pid in self.pids.items()}
        return False


def run_backend(a, path, backend, folder):
    out = os.path.join(folder, f"loads-{backend}.npy")
    env = dict(os.environ)
    env.pop("TERRITORIAL_DATA_WORKERS", None)
    env["TERRITORIAL_DATA_PYTHON"] = a.dask_python
    env.pop("TERRITORIAL_DATA_DASK_SCHEDULER", None)
    cmd = [sys.executable, "-P", os.path.abspath(__file__), "--child", "--instance", path, "--out", out]
    record = {"backend": backend, "load_before": common.load_average()}
    dask = None
    try:
        if backend == "dask":
            sys.path.insert(0, os.path.join(ROOT, "tests"))
            support = _by_path("dask_cluster", os.path.join(ROOT, "tests", "support", "dask_cluster.py"))
            dask = support.DaskCluster(os.path.join(folder, "dask"), n_workers=a.dask_workers, python=a.dask_python)
            dask.start()
            env["TERRITORIAL_DATA_DASK_SCHEDULER"] = dask.address
            pids = {"scheduler": dask.scheduler.pid, **{n: p.pid for n, p in dask.workers.items()}}
            with PeakSampler(pids) as sampler:
                m = common.run_measured(cmd, env=env, timeout=a.timeout)
            record["cluster_peak_mb"] = {k: round(v / 1024.0) for k, v in sampler.peak_kb.items()}
            record["cluster_cpu_s"] = {k: round(v, 1) for k, v in sampler.cpu_s.items()}
        else:
            m = common.run_measured(cmd, env=env, timeout=a.timeout)
    finally:
        if dask is not None:
            dask.stop()
    record.update(
        returncode=m.returncode,
        wall_s=m.wall_s,
        peak_mb=round(m.peak_mb),
        cpu_s=m.cpu_s,
        other_cores=m.other_cores,
        load_after=common.load_average(),
    )
    if m.returncode != 0:
        record["stderr"] = m.stderr[-4000:]
        return record, None
    record.update(json.loads(m.stdout.strip().splitlines()[-1]))
    return record, out


def extrapolate(measured, instance):
    """National time by number of Dask workers, from the per-origin cost measured here.

    Assumptions (stated in the report):
    - the national network (20 M segments, 35 000 communes) has the région instance's density of
      zones per segment (5 000 / 3 M vs 35 000 / 20 M: the same within 5 %), so its routing core is
      the région's scaled by s = 20 M / segments (nodes and arcs);
    - a tree costs in proportion to core arcs x log(core nodes) (Dijkstra), and every commune is a
      root (35 000 trees: an upper bound, the engine roots at the side with fewer distinct zones),
      without the savings of the distance limits (commuting stays regional: the limits save more
      nationally than on the synthetic région, so this is an upper bound too);
    - the part that stays on the desktop (reading, graph build, contraction, loads pushed back onto
      the segments, the client adding the loads up: the CPU seconds of the QGIS-side process tree)
      grows linearly with the segments (s);
    - a tree costs what it cost the Dask workers here in CPU seconds (their CPU time / trees: the
      machine is shared, so their wall time also holds other people's work; the wall figure is
      printed beside it), each worker has a core of its own, and more workers share the trees
      evenly (no gain past 35 000 / 16 tasks);
    - the loads travel to the client as measured here per tree (sparse contributions of each task),
      grown with the core (s), at 1 Gb/s, while the workers route.
    """
    st = measured["stats"]
    ph = measured["phases"]
    s = NATIONAL["segments"] / instance["segments"]
    roots = st["roots"]
    workers = max(1, st["workers"])
    routing_s = ph.get("dask_run_s", st["seconds"] - st.get("contract_s", 0.0))
    wall_per_tree_s = routing_s * workers / roots  # one worker's wall seconds per tree, overheads and the load in
    worker_cpu = [v for k, v in measured.get("cluster_cpu_s", {}).items() if k != "scheduler"]
    # a worker's CPU seconds per tree: what a tree costs on a core of its own, whatever else ran here
    per_tree_s = sum(worker_cpu) / roots if worker_cpu else wall_per_tree_s
    nodes, arcs = st["core_nodes"], st["core_arcs"]
    nat_nodes, nat_arcs = nodes * s, arcs * s
    nat_per_tree = per_tree_s * s * math.log(nat_nodes) / math.log(nodes)
    nat_roots = NATIONAL["zones"]
    # CPU seconds of the QGIS-side process tree (reading, build, contraction, expansion, and the
    # Dask client adding the loads up): what it takes on a desktop core of its own
    desktop_s = measured.get("cpu_s", ph["read_s"] + ph["build_s"] + (ph["assign_s"] - routing_s)) * s
    tasks = nat_roots / 16
    if ph.get("dask_result_bytes"):  # measured: contributions per tree, grown with the core
        traffic_gb = ph["dask_result_bytes"] / roots * nat_roots * s / 1e9
    else:  # upper bound: every core arc in every task
        traffic_gb = tasks * nat_arcs * 12 / 1e9
    rows = []
    for n in (2, 8, 16, 32, 64, 128, 256):
        routing = nat_roots * nat_per_tree / min(n, tasks)
        transfer = traffic_gb * 8  # seconds at 1 Gb/s, in parallel with the routing
        rows.append({"workers": n, "routing_s": routing, "total_s": desktop_s + max(routing, transfer)})
    return {
        "scale": s,
        "per_tree_s_measured": per_tree_s,
        "wall_per_tree_s_measured": wall_per_tree_s,
        "per_tree_s_national": nat_per_tree,
        "core_nodes_national": nat_nodes,
        "core_arcs_national": nat_arcs,
        "desktop_s_national": desktop_s,
        "traffic_gb": traffic_gb,
        "core_mb_per_worker_national": nat_arcs * (3 * 8 + 3 * 8) / 1e6 + nat_nodes * 3 * 8 / 1e6,
        "rows": rows,
    }


def fmt_s(seconds):
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 120:
        return f"{seconds / 60:.1f} min"
    return f"{seconds:.1f} s"


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--segments", type=int, default=3_000_000)
    p.add_argument("--zones", type=int, default=5000)
    p.add_argument("--pairs", type=int, default=1_000_000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--backends", default="local,dask")
    p.add_argument("--dask-workers", type=int, default=2)
    p.add_argument("--dask-python", default=VENV_PYTHON, help="Python with distributed (client and cluster)")
    p.add_argument("--timeout", type=float, default=3600)
    p.add_argument("--wait-quiet", type=float, default=0.0, help="wait up to this many seconds for a quiet machine")
    p.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    p.add_argument("--instance", help=argparse.SUPPRESS)
    p.add_argument("--out", help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.child:
        return child(a)
    os.makedirs(RESULTS, exist_ok=True)
    stamp = time.strftime("%Y-%m-%d-%H%M")
    folder = os.path.join(RESULTS, f"regional-{stamp}")
    os.makedirs(folder, exist_ok=True)
    lines = []

    def say(text=""):
        print(text, flush=True)
        lines.append(text)

    path, gen_s = make_instance(a)
    instance = {"segments": a.segments, "zones": a.zones, "pairs": a.pairs}
    say(f"Région-scale assignment, {stamp}; {common.machine_info()}")
    say(
        f"instance {path}: {a.segments} segments asked, {a.zones} zones, {a.pairs} OD pairs"
        + (f" (generated in {gen_s:.0f} s)" if gen_s else " (cached)")
    )
    records = {}
    loads = {}
    for backend in a.backends.split(","):
        if a.wait_quiet:
            common.wait_quiet(max_busy=0.25, max_wait=a.wait_quiet)
        rec, out = run_backend(a, path, backend, folder)
        records[backend] = rec
        if out is None:
            say(f"{backend}: FAILED (exit {rec['returncode']})\n{rec.get('stderr', '')}")
            continue
        loads[backend] = np.load(out)
        ph, st = rec["phases"], rec["stats"]
        say(
            f"\n{backend}: wall {rec['wall_s']:.1f} s end to end, peak {rec['peak_mb']} MB (this process tree)"
            + (f", cluster peaks {rec['cluster_peak_mb']} MB" if "cluster_peak_mb" in rec else "")
        )
        say(
            f"  CPU {rec['cpu_s']:.0f} s in this process tree"
            + (f", cluster CPU seconds {rec['cluster_cpu_s']}" if "cluster_cpu_s" in rec else "")
        )
        say(
            f"  read {ph['read_s']:.1f} s, build {ph['build_s']:.1f} s, assign {ph['assign_s']:.1f} s "
            f"(contraction {st.get('contract_s', 0):.1f} s"
            + (f", Dask connection + core {ph['dask_load_s']:.1f} s" if "dask_load_s" in ph else "")
            + (f", Dask routing {ph['dask_run_s']:.1f} s" if "dask_run_s" in ph else "")
            + ")"
        )
        say(
            f"  graph {rec['edges']} edges / {rec['nodes']} nodes; "
            f"core {st['core_nodes']} nodes, {st['core_arcs']} arcs; "
            f"{st['roots']} trees ({'reverse' if st.get('reverse') else 'forward'}), backend {st['backend']}, "
            f"{st['workers']} worker(s); flow-km {rec['flow_km']:.6e}"
        )
        say(
            f"  load average {rec['load_before'][0]:.2f} before, {rec['load_after'][0]:.2f} after; the rest of "
            f"the machine used {rec['other_cores']:.2f} cores during the run"
        )
    if len(loads) == 2:
        x, y = loads.values()
        diff = np.abs(x - y)
        rel = float((diff / np.maximum(np.abs(y), 1e-300)).max()) if diff.any() else 0.0
        say(
            f"\nloads local vs dask: {'identical bit for bit' if np.array_equal(x, y) else 'not bit for bit'}; "
            f"largest difference {diff.max():.3g} (relative {rel:.3g}) over {x.shape[0]} directed edges"
        )
    if "dask" in records and "stats" in records["dask"]:
        ext = extrapolate(records["dask"], instance)
        records["extrapolation"] = ext
        say(
            "\nNational case (35 000 communes, ~1 M OD pairs, ~20 M segments): an EXTRAPOLATION, not a measure "
            f"(assumptions in regional.py extrapolate()). Scale x{ext['scale']:.2f}; per tree "
            f"{ext['per_tree_s_measured'] * 1000:.0f} ms of a worker's CPU measured (wall "
            f"{ext['wall_per_tree_s_measured'] * 1000:.0f} ms x 2 workers / tree) -> "
            f"{ext['per_tree_s_national'] * 1000:.0f} ms; "
            f"core ~{ext['core_nodes_national'] / 1e6:.2f} M nodes / {ext['core_arcs_national'] / 1e6:.2f} M arcs "
            f"(~{ext['core_mb_per_worker_national']:.0f} MB per worker); desktop part "
            f"~{fmt_s(ext['desktop_s_national'])}; results to the client ~{ext['traffic_gb']:.0f} GB"
        )
        say("| Dask workers (1 core each) | routing | end to end |")
        say("|---|---|---|")
        for row in ext["rows"]:
            say(f"| {row['workers']} | {fmt_s(row['routing_s'])} | {fmt_s(row['total_s'])} |")
    with open(os.path.join(RESULTS, f"regional-{stamp}.json"), "w") as fh:
        json.dump({"instance": instance, "records": records}, fh, indent=1, default=str)
    with open(os.path.join(RESULTS, f"regional-{stamp}.txt"), "w") as fh:
        fh.write("\n".join(lines) + "\n")
    for backend in loads:
        os.remove(os.path.join(folder, f"loads-{backend}.npy"))


if __name__ == "__main__":
    sys.exit(main())
