"""Side-by-side all-or-nothing assignment benchmark: our engine against AequilibraE and QGIS's graph library.

    /usr/bin/python3 benchmarks/assignment.py --sizes small,medium,large --repeat 3
    /usr/bin/python3 benchmarks/assignment.py --quick          # small instance, one run of each peer

Run it with QGIS's Python (Debian: ``/usr/bin/python3``), from anywhere. On first use it creates
its own venv ``benchmarks/.venv`` (AequilibraE and a recent scipy from PyPI: never dependencies of
the plugin) and generates the instances into ``benchmarks/results/instances/`` (git-ignored).

Instances (the same ``instance.npz`` is read by every peer, see ``peers/common.py``):
  sample  the sample territory: Val-d'Oise OSM main roads, communes as zones, INSEE home-work flows
  small   ~10 000 segments, 200 zones, 20 000 OD pairs        (peers/gen_synthetic.py, seed 1)
  medium  ~100 000 segments, 1 000 zones, 200 000 OD pairs
  large   ~500 000 segments, 1 000 zones, 200 000 OD pairs

Peers, each run in its own subprocess (fresh process: peak memory is its own, worker processes
included), ``--repeat`` times, interleaved, at the same number of cores (``--cores``):
  aequilibrae  AequilibraE all-or-nothing (TrafficAssignment), --cores threads       (bench venv)
  ours-venv    our engine (RoutingGraph.from_edges + assign), workers = --cores      (bench venv, recent scipy)
  ours-qgis    our engine, same call                                                (QGIS's Python, Debian scipy)
  qgis-graph   QgsGraphBuilder + QgsGraphAnalyzer.dijkstra per origin, 1 core (it holds the GIL) (QGIS's Python)
  scipy-plain  (optional) plain scipy Dijkstra per origin, uncontracted, --cores processes     (bench venv)

Times are the peers' own: build = graph construction, assign = all-or-nothing to per-edge flows
(imports and instance loading excluded). Peak memory of the process tree, worker processes
included (``common.run_measured``: private memory of every process plus the largest shared
file-backed part, sampled every 50 ms, or the child's ``ru_maxrss``, the larger). Flow-km = sum
of flow x length over all arcs, connectors included, compared with AequilibraE's.

Targets (ratios of medians at the same number of cores; issue 5):
  T1  recent scipy: our assignment time <= 1.0 x AequilibraE's (medium, large)
  T2  QGIS's Python: our assignment time <= 2.0 x AequilibraE's (medium, large)
  T3  QGIS's Python: >= 10 x faster than QGIS's graph library, build included (medium, large)
  T4  our peak memory < 1 GB on large (both Pythons)
  T5  total flow-km equal to the peers' within 1e-6 relative (every instance)
"""

import argparse
import datetime
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
PEERS_DIR = os.path.join(HERE, "peers")
RESULTS = os.path.join(HERE, "results")
INSTANCES = os.path.join(RESULTS, "instances")
sys.path.insert(0, HERE)
from common import load_average, machine_info, median, run_measured, wait_quiet  # noqa: E402

SIZES = {
    "sample": None,
    "small": ["--edges", "10000", "--zones", "200", "--od", "20000"],
    "medium": ["--edges", "100000", "--zones", "1000", "--od", "200000"],
    "large": ["--edges", "500000", "--zones", "1000", "--od", "200000"],
}
DEFAULT_PEERS = ["aequilibrae", "ours-venv", "ours-qgis", "qgis-graph"]
ALL_PEERS = DEFAULT_PEERS + ["scipy-plain", "scipy-plain-qgis"]
VENV_PACKAGES = ["aequilibrae", "scipy>=1.15", "numpy", "pandas", "py-spy"]
TARGET_SIZES = ("medium", "large")
FLOW_KM_TOLERANCE = 1e-6
MEMORY_LIMIT_MB = 1024.0


def log(*args):
    print(*args, file=sys.stderr, flush=True)


# ----------------------------------------------------------------------------------------- setup
def venv_python(venv):
    return os.path.join(venv, "bin", "python")


def ensure_venv(venv, base_python):
    py = venv_python(venv)
    probe = (
        "import aequilibrae, scipy, numpy, pandas; "
        "v = tuple(int(x) for x in scipy.__version__.split('.')[:2]); assert v >= (1, 15)"
    )
    if os.path.exists(py) and subprocess.run([py, "-c", probe], capture_output=True).returncode == 0:
        return py
    if not os.path.exists(py):
        log(f"creating the benchmark venv {venv} (AequilibraE + recent scipy; never a plugin dependency)")
        subprocess.run([base_python, "-m", "venv", venv], check=True)
        subprocess.run([py, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
    log("installing " + " ".join(VENV_PACKAGES) + " into the benchmark venv")
    subprocess.run([py, "-m", "pip", "install", "-q", *VENV_PACKAGES], check=True)
    subprocess.run([py, "-c", probe], check=True)
    return py


def versions(py, qgis=False):
    code = (
        "import json, sys, numpy, scipy\n"
        "d = {'python': sys.version.split()[0], 'numpy': numpy.__version__, 'scipy': scipy.__version__}\n"
        "try:\n"
        "    import importlib.metadata as md; d['aequilibrae'] = md.version('aequilibrae')\n"
        "except Exception:\n"
        "    pass\n"
    )
    if qgis:
        code += "from qgis.core import Qgis; d['qgis'] = Qgis.QGIS_VERSION\n"
    code += "print(json.dumps(d))"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([py, "-c", code], capture_output=True, text=True, env=env)
    return json.loads(out.stdout) if out.returncode == 0 else {"error": out.stderr.strip()[-300:]}


def ensure_instance(name, py):
    folder = os.path.join(INSTANCES, name)
    if not os.path.exists(os.path.join(folder, "instance.npz")):
        if SIZES[name] is None:
            cmd = [py, os.path.join(PEERS_DIR, "sample_instance.py"), "--out", folder]
        else:
            cmd = [py, os.path.join(PEERS_DIR, "gen_synthetic.py"), name, *SIZES[name], "--out", folder]
        log("generating instance:", " ".join(cmd[1:]))
        subprocess.run(cmd, check=True)
    import numpy as np

    with np.load(os.path.join(folder, "instance.npz"), allow_pickle=False) as z:
        ow = z["edge_oneway"]
        return {
            "nodes": int(z["node_x"].shape[0]),
            "edges": int(ow.shape[0]),
            "arcs": int(ow.shape[0] + (ow == 0).sum()),
            "connectors": int(z["edge_connector"].sum()),
            "zones": int(z["zone_node"].shape[0]),
            "od_pairs": int(z["od_o"].shape[0]),
            "total_flow": float(z["od_flow"].sum()),
        }


# ----------------------------------------------------------------------------------------- peers
def peer_commands(peer, instance, cores, venv_py, qgis_py, cap):
    """(label, threads, command) of one peer run."""
    scripts = {
        "aequilibrae": (venv_py, "run_aequilibrae.py", cores),
        "ours-venv": (venv_py, "run_territorial.py", cores),
        "ours-qgis": (qgis_py, "run_territorial.py", cores),
        "qgis-graph": (qgis_py, "run_qgis_graph.py", 1),
        "scipy-plain": (venv_py, "run_scipy_plain.py", cores),
        "scipy-plain-qgis": (qgis_py, "run_scipy_plain.py", cores),
    }
    py, script, threads = scripts[peer]
    # a folder path, never a bare name: the peers would take the repository's own sample/ for "sample"
    cmd = [py, os.path.join(PEERS_DIR, script), os.path.join(INSTANCES, instance), "--threads", str(threads)]
    cmd += ["--results", os.path.join(RESULTS, "runs")]
    if peer == "qgis-graph":
        cmd += ["--time-cap", str(cap)]
    return threads, cmd


def run_peer(peer, instance, threads, cmd, timeout, log_dir, quiet_wait=0.0, quiet_below=0.15):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", BENCH_INSTANCES=INSTANCES)
    env.pop("PYTHONPATH", None)
    os.makedirs(log_dir, exist_ok=True)
    stamp = datetime.datetime.now().strftime("%H%M%S%f")
    err_path = os.path.join(log_dir, f"{instance}-{peer}-t{threads}-{stamp}.stderr")
    busy_before = wait_quiet(quiet_below, quiet_wait) if quiet_wait > 0 else None
    m = run_measured(cmd, env=env, cwd=ROOT, timeout=timeout, stderr_path=err_path)
    rec = None
    for line in reversed(m.stdout.strip().splitlines()):
        if line.startswith("{"):
            try:
                rec = json.loads(line)
                break
            except ValueError:
                pass
    result = {
        "peer": peer,
        "instance": instance,
        "threads": threads,
        "wall_s": m.wall_s,
        "peak_mb": m.peak_mb,
        "tree_peak_mb": m.tree_peak_mb,
        "maxrss_mb": m.maxrss_mb,
        "cpu_s": m.cpu_s,
        "other_cores": m.other_cores,
        "busy_before": busy_before,
        "returncode": m.returncode,
        "stderr_log": os.path.relpath(err_path, ROOT),
    }
    if m.returncode != 0 or rec is None:
        with open(err_path, errors="replace") as fh:
            tail = fh.read()[-1500:]
        result["error"] = tail.strip().splitlines()[-1] if tail.strip() else f"exit code {m.returncode}"
        result["error_tail"] = tail
        return result
    result.update(
        build_s=rec["build_s"],
        assign_s=rec["assign_s"],
        total_s=rec["build_s"] + rec["assign_s"],
        vkm=rec["vkm"],
        extrapolated=bool(rec.get("extrapolated", False)),
        unrouted=rec.get("unrouted"),
        version=rec.get("version", ""),
        record=rec,
    )
    return result


# ----------------------------------------------------------------------------------------- report
def aggregate(runs):
    """Medians per (instance, peer, threads)."""
    groups = {}
    for r in runs:
        groups.setdefault((r["instance"], r["peer"], r["threads"]), []).append(r)
    agg = {}
    for key, rs in groups.items():
        ok = [r for r in rs if "error" not in r]
        a = {"runs": len(rs), "ok": len(ok), "errors": sorted({r["error"] for r in rs if "error" in r})}
        if ok:
            a.update(
                build_s=median([r["build_s"] for r in ok]),
                assign_s=median([r["assign_s"] for r in ok]),
                total_s=median([r["total_s"] for r in ok]),
                peak_mb=median([r["peak_mb"] for r in ok]),
                peak_max_mb=max(r["peak_mb"] for r in ok),
                other_cores=median([r["other_cores"] for r in ok]),
                other_cores_max=max(r["other_cores"] for r in ok),
                vkm=median([r["vkm"] for r in ok]),
                vkm_all=[r["vkm"] for r in ok],
                extrapolated=any(r["extrapolated"] for r in ok),
                unrouted=ok[0].get("unrouted"),
                workers_used=sorted({(r["record"].get("engine_stats") or {}).get("workers") for r in ok} - {None}),
                version=ok[0].get("version", ""),
            )
        agg[key] = a
    return agg


def engine_revision():
    """Last commit touching processing/engine, and whether the working tree differs from it."""
    try:
        rev = subprocess.run(
            ["git", "log", "-1", "--format=%h %cd", "--date=format:%Y-%m-%d %H:%M", "--", "processing/engine"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--", "processing/engine"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        return rev + (" + uncommitted changes" if dirty else "")
    except OSError:
        return "unknown"


def peer_label(peer, versions_venv, versions_qgis):
    return {
        "aequilibrae": f"AequilibraE {versions_venv.get('aequilibrae', '?')}",
        "ours-venv": f"ours, scipy {versions_venv.get('scipy', '?')} (bench venv)",
        "ours-qgis": f"ours, scipy {versions_qgis.get('scipy', '?')} (QGIS Python)",
        "qgis-graph": f"QGIS {versions_qgis.get('qgis', '?').split('-')[0]} graph library",
        "scipy-plain": f"plain scipy {versions_venv.get('scipy', '?')} per origin",
        "scipy-plain-qgis": f"plain scipy {versions_qgis.get('scipy', '?')} per origin",
    }[peer]


def fmt(x, digits=2):
    if x is None or x != x:
        return "-"
    return f"{x:.{digits}f}"


def size_table(name, info, agg, peers, cores_list, labels, loads):
    lines = [
        f"== {name}: {info['nodes']:,} nodes, {info['edges']:,} edges ({info['arcs']:,} arcs, "
        f"{info['connectors']:,} connectors), {info['zones']:,} zones, {info['od_pairs']:,} OD pairs; "
        f"load average {loads[0]:.2f} before, {loads[1]:.2f} after",
        f"{'peer':<38} {'cores':>5} {'runs':>4} {'build s':>8} {'assign s':>9} {'total s':>8} "
        f"{'peak MB':>8} {'flow-km':>16} {'vs AequilibraE':>15} {'others':>7}",
    ]
    ref = reference_vkm(name, agg, cores_list)
    for peer in peers:
        for c in cores_list if peer != "qgis-graph" else [1]:
            a = agg.get((name, peer, 1 if peer == "qgis-graph" else c))
            if a is None:
                continue
            if not a["ok"]:
                lines.append(f"{labels[peer]:<38} {c:>5} {a['runs']:>4}  FAILED: {'; '.join(a['errors'])[:150]}")
                continue
            if a["extrapolated"]:
                diff = "partial run"
            elif ref:
                diff = f"{abs(a['vkm'] - ref) / ref:.1e}"
            else:
                diff = "-"
            star = "*" if a["extrapolated"] else ""
            used = a.get("workers_used") or []
            cores = str(1 if peer == "qgis-graph" else c)
            if used and used != [c]:
                cores = f"{c}/{','.join(str(w) for w in used)}"
            lines.append(
                f"{labels[peer]:<38} {cores:>5} {a['ok']:>4} {fmt(a['build_s']):>8} "
                f"{fmt(a['assign_s']) + star:>9} {fmt(a['total_s']) + star:>8} {fmt(a['peak_mb'], 0):>8} "
                f"{a['vkm'] / 1000.0:>16,.1f} {diff:>15} {a['other_cores']:>7.2f}"
            )
    if any(a.get("extrapolated") for (n, _, _), a in agg.items() if n == name):
        lines.append("  * stopped at the time cap and extrapolated linearly over the origins (flow-km partial)")
    lines.append("  others = cores used by the rest of the machine during the runs (median): 0 on a quiet machine")
    if any(a.get("workers_used") not in (None, [], [c]) for (n, _, c), a in agg.items() if n == name):
        lines.append("  cores a/b: allowed a, our engine chose b worker processes (too little work to pay for more)")
    return lines


def reference_vkm(name, agg, cores_list):
    for c in cores_list:
        a = agg.get((name, "aequilibrae", c))
        if a and a.get("ok"):
            return a["vkm"]
    for (n, _, _), a in agg.items():
        if n == name and a.get("ok") and not a.get("extrapolated"):
            return a["vkm"]
    return None


def targets(agg, sizes, cores_list, peers):
    """Rows (id, description, instance, measured, limit, verdict)."""
    rows = []

    def get(name, peer, c):
        a = agg.get((name, peer, c))
        return a if a and a.get("ok") else None

    for c in cores_list:
        # assign = the peers' own split (ours contracts the core for the run's zones inside assign,
        # AequilibraE prepares its graph for the centroids in build); total = build + assign
        for tid, peer, limit in (("T1", "ours-venv", 1.0), ("T2", "ours-qgis", 2.0)):
            for metric, label in (("assign_s", "assign"), ("total_s", "total")):
                for name in TARGET_SIZES:
                    if name not in sizes or peer not in peers or "aequilibrae" not in peers:
                        continue
                    what = f"{peer} {label} / AequilibraE {label}, {c} cores"
                    ours, aeq = get(name, peer, c), get(name, "aequilibrae", c)
                    if not ours or not aeq:
                        rows.append((tid, what, name, "not run", f"<= {limit}x", "MISS"))
                        continue
                    ratio = ours[metric] / aeq[metric]
                    rows.append(
                        (
                            tid,
                            what,
                            name,
                            f"{ratio:.2f}x ({ours[metric]:.2f} / {aeq[metric]:.2f} s)",
                            f"<= {limit:.1f}x",
                            "PASS" if ratio <= limit else f"MISS: {ratio / limit:.2f}x the limit",
                        )
                    )
        for name in TARGET_SIZES:
            if name not in sizes or "ours-qgis" not in peers or "qgis-graph" not in peers:
                continue
            ours, qg = get(name, "ours-qgis", c), get(name, "qgis-graph", 1)
            if not ours or not qg:
                rows.append(
                    (
                        "T3",
                        f"QGIS graph (1 core) / ours-qgis ({c} cores), build incl.",
                        name,
                        "not run",
                        ">= 10x",
                        "MISS",
                    )
                )
                continue
            speed = qg["total_s"] / ours["total_s"]
            star = ", QGIS extrapolated" if qg["extrapolated"] else ""
            rows.append(
                (
                    "T3",
                    f"QGIS graph (1 core) / ours-qgis ({c} cores), build incl.",
                    name,
                    f"{speed:.1f}x ({qg['total_s']:.1f} / {ours['total_s']:.2f} s{star})",
                    ">= 10x",
                    "PASS" if speed >= 10 else f"MISS: ours needs {10 / speed:.2f}x less time",
                )
            )
        if "large" in sizes:
            for peer in ("ours-venv", "ours-qgis"):
                a = get("large", peer, c)
                if peer not in peers:
                    continue
                if not a:
                    rows.append(("T4", f"{peer} peak memory, {c} cores", "large", "not run", "< 1024 MB", "MISS"))
                    continue
                rows.append(
                    (
                        "T4",
                        f"{peer} peak memory (max of runs), {c} cores",
                        "large",
                        f"{a['peak_max_mb']:.0f} MB",
                        "< 1024 MB",
                        "PASS"
                        if a["peak_max_mb"] < MEMORY_LIMIT_MB
                        else f"MISS by {a['peak_max_mb'] - MEMORY_LIMIT_MB:.0f} MB",
                    )
                )
    for name in sizes:
        ref = reference_vkm(name, agg, cores_list)
        worst, who = 0.0, []
        for (n, peer, _c), a in agg.items():
            if n != name or not a.get("ok") or a.get("extrapolated") or not ref:
                continue
            for v in a["vkm_all"]:
                d = abs(v - ref) / ref
                if d > worst:
                    worst = d
            who.append(peer)
        if not who:
            continue
        rows.append(
            (
                "T5",
                f"flow-km vs AequilibraE, worst of {len(set(who))} peers (every run)",
                name,
                f"{worst:.1e}",
                f"<= {FLOW_KM_TOLERANCE:.0e}",
                "PASS" if worst <= FLOW_KM_TOLERANCE else "MISS",
            )
        )
    return rows


def target_table(rows):
    lines = [f"{'':<3} {'target':<58} {'instance':<8} {'measured':<40} {'limit':<10} result"]
    for tid, desc, name, measured, limit, verdict in rows:
        lines.append(f"{tid:<3} {desc:<58} {name:<8} {measured:<40} {limit:<10} {verdict}")
    return lines


def render(ctx):
    """The printed report (text), the medians and the target rows, from a run's record."""
    runs, sizes = ctx["runs"], ctx["sizes"]
    peers = ctx.get("peers") or list(dict.fromkeys(r["peer"] for r in runs))
    cores_list = ctx.get("cores") or sorted({r["threads"] for r in runs if r["peer"] != "qgis-graph"})
    v_venv, v_qgis = ctx["versions"]["venv"], ctx["versions"]["qgis"]
    labels = {q: peer_label(q, v_venv, v_qgis) for q in ALL_PEERS}
    agg = aggregate(runs)
    mi, ls, le = ctx["machine"], ctx["load_average_start"], ctx["load_average_end"]
    out = [
        f"Assignment benchmark, {ctx['started'].replace('T', ' ')[:16]}; {mi['cpu']}, {mi['cores']} cores, "
        f"{mi['memory_mb']} MB; repeat {ctx['repeat']}, cores {','.join(str(c) for c in cores_list)}; "
        f"load average (1/5/15 min) at start {ls[0]:.2f}/{ls[1]:.2f}/{ls[2]:.2f}, "
        f"at end {le[0]:.2f}/{le[1]:.2f}/{le[2]:.2f}",
        f"bench venv: Python {v_venv.get('python')}, scipy {v_venv.get('scipy')}, numpy {v_venv.get('numpy')}, "
        f"AequilibraE {v_venv.get('aequilibrae')}; "
        f"QGIS Python: Python {v_qgis.get('python')}, QGIS {v_qgis.get('qgis')}, "
        f"scipy {v_qgis.get('scipy')}, numpy {v_qgis.get('numpy')}",
    ]
    rev = ctx.get("engine_revision") or {}
    if rev.get("start") == rev.get("end"):
        out.append(f"our engine: processing/engine at {rev.get('start')}")
    else:
        out.append(f"our engine CHANGED DURING THE RUN: {rev.get('start')} at start, {rev.get('end')} at end (rerun)")
    out.append("medians of the runs; QGIS's graph library runs on 1 core (its dijkstra holds the GIL)")
    nan = float("nan")
    for name in sizes:
        out.append("")
        loads = (ctx.get("loads") or {}).get(name) or (nan, nan)
        out.extend(size_table(name, ctx["instances"][name], agg, peers, cores_list, labels, loads))
    rows = targets(agg, sizes, cores_list, peers)
    out.append("")
    out.append("Targets")
    out.extend(target_table(rows))
    return "\n".join(out), agg, rows


# ----------------------------------------------------------------------------------------- main
def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--sizes", default="sample,small,medium,large", help="comma-separated: " + ",".join(SIZES))
    p.add_argument("--repeat", type=int, default=3, help="runs of each peer per instance (medians reported)")
    p.add_argument("--quick", action="store_true", help="small instance only, one run of each peer")
    p.add_argument("--cores", default=str(os.cpu_count() or 1), help="comma-separated core counts, e.g. 1,2")
    p.add_argument("--peers", default=",".join(DEFAULT_PEERS), help="comma-separated: " + ",".join(ALL_PEERS))
    p.add_argument(
        "--qgis-graph-cap",
        type=float,
        default=120.0,
        help="seconds of QGIS graph-library assignment before extrapolating",
    )
    p.add_argument("--timeout", type=float, default=3600.0, help="seconds before a peer run is killed")
    p.add_argument(
        "--quiet-wait",
        type=float,
        default=0.0,
        help="before each run, wait up to this many seconds for the machine to be quiet",
    )
    p.add_argument("--quiet-below", type=float, default=0.15, help="'quiet': at most this share of the CPU busy")
    p.add_argument("--venv", default=os.path.join(HERE, ".venv"))
    p.add_argument(
        "--qgis-python", default="/usr/bin/python3" if os.path.exists("/usr/bin/python3") else sys.executable
    )
    p.add_argument("--out", default=None, help="JSON file for every run and the summary (default benchmarks/results/)")
    p.add_argument(
        "--report",
        default=None,
        metavar="JSON",
        help="print the report of a saved run (benchmarks/results/assignment-*.json) again, run nothing",
    )
    a = p.parse_args(argv)
    if a.report:
        with open(a.report) as fh:
            ctx = json.load(fh)
        ctx.setdefault("sizes", list(ctx["instances"]))
        ctx.setdefault("repeat", max(r.get("repeat", 0) for r in ctx["runs"]) + 1)
        if isinstance(ctx.get("engine_revision"), str):
            ctx["engine_revision"] = {"start": ctx["engine_revision"], "end": ctx["engine_revision"]}
        for r in ctx["runs"]:
            r.setdefault("other_cores", float("nan"))
        print(render(ctx)[0])
        return 0
    if a.quick:
        a.sizes, a.repeat = "small", 1
    sizes = [s.strip() for s in a.sizes.split(",") if s.strip()]
    peers = [s.strip() for s in a.peers.split(",") if s.strip()]
    cores_list = [int(c) for c in a.cores.split(",")]
    bad = [s for s in sizes if s not in SIZES] + [q for q in peers if q not in ALL_PEERS]
    if bad:
        p.error(f"unknown size or peer: {', '.join(bad)}")

    os.makedirs(INSTANCES, exist_ok=True)
    venv_py = ensure_venv(a.venv, a.qgis_python)
    v_venv, v_qgis = versions(venv_py), versions(a.qgis_python, qgis=True)
    engine_ready = all(os.path.exists(os.path.join(ROOT, "processing", "engine", f)) for f in ("graph.py", "assign.py"))
    if not engine_ready:
        log("our engine (processing/engine/graph.py + assign.py) is not there yet: ours-* peers will fail")
    infos = {s: ensure_instance(s, venv_py) for s in sizes}

    started = datetime.datetime.now()
    load_start = load_average()
    revision_start = engine_revision()
    runs, loads = [], {}
    log_dir = os.path.join(RESULTS, "logs", started.strftime("%Y%m%d-%H%M%S"))
    for name in sizes:
        before = load_average()[0]
        for rep in range(a.repeat):
            for peer in peers:
                for c in cores_list:
                    if peer == "qgis-graph" and c != cores_list[0]:
                        continue
                    threads, cmd = peer_commands(peer, name, c, venv_py, a.qgis_python, a.qgis_graph_cap)
                    r = run_peer(peer, name, threads, cmd, a.timeout, log_dir, a.quiet_wait, a.quiet_below)
                    r["repeat"] = rep
                    runs.append(r)
                    if "error" in r:
                        log(f"{name} #{rep + 1} {peer} t{threads}: FAILED {r['error']} (log {r['stderr_log']})")
                    else:
                        log(
                            f"{name} #{rep + 1} {peer} t{threads}: "
                            f"build {r['build_s']:.2f} s, assign {r['assign_s']:.2f} s"
                            f"{' (extrapolated)' if r['extrapolated'] else ''}, peak {r['peak_mb']:.0f} MB, "
                            f"flow-km {r['vkm'] / 1000:,.1f}, other load {r['other_cores']:.2f} cores"
                        )
        loads[name] = (before, load_average()[0])

    revision_end = engine_revision()
    ctx = {
        "started": started.isoformat(timespec="seconds"),
        "argv": sys.argv,
        "machine": machine_info(),
        "repeat": a.repeat,
        "sizes": sizes,
        "peers": peers,
        "cores": cores_list,
        "load_average_start": load_start,
        "load_average_end": load_average(),
        "loads": loads,
        "versions": {"venv": v_venv, "qgis": v_qgis},
        "engine_revision": {"start": revision_start, "end": revision_end},
        "instances": infos,
        "runs": runs,
    }
    text, agg, rows = render(ctx)
    print(text, flush=True)
    path = a.out or os.path.join(RESULTS, f"assignment-{started:%Y%m%d-%H%M%S}.json")
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    summary = dict(ctx)
    summary.update(
        medians=[{"instance": k[0], "peer": k[1], "threads": k[2], **v} for k, v in agg.items()],
        targets=[dict(zip(("id", "target", "instance", "measured", "limit", "result"), r)) for r in rows],
        report=text,
    )
    with open(path, "w") as fh:
        json.dump(summary, fh, indent=1, default=str)
    with open(os.path.splitext(path)[0] + ".txt", "w") as fh:
        fh.write(text + "\n")
    log(f"written {path} and {os.path.splitext(path)[0]}.txt")
    failed = [r for r in runs if "error" in r]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
