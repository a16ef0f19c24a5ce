#!/usr/bin/python3
"""End-to-end speed through ``qgis_process`` (issue 15): what a GIS officer waits for, files in and
files out, side by side with AequilibraE on the same instance.

    /usr/bin/python3 benchmarks/end_to_end.py --instance medium            # skim + warm assignment
    /usr/bin/python3 benchmarks/end_to_end.py --instance large --tasks assign

Tasks:

- ``skim``: ``territorial:od_skim_matrix`` between every pair of the instance's zones (medium: 1 000
  zones, 1 000 000 rows) from ``network.gpkg`` + ``zones.gpkg`` to ``skim.gpkg``, cold (graph built)
  and warm (graph from the cache), against AequilibraE's skim of the same instance
  (``peers/run_aequilibrae.py --skim``: graph preparation + skim, in the bench venv). Target: ours end
  to end no slower than AequilibraE's skim.
- ``assign``: ``territorial:assign_flows`` of the instance's OD pairs, warm (network graph and routing
  core from the cache), with the run's own routing time read from its log. Target: the whole warm
  run within 2x its routing time.

The instance is exported once by QGIS itself (``benchmarks/results/instances/<name>/files/``): the
network lines (connectors dropped) with ``sens_de_circulation``, the zones as points at their
centroid nodes, the OD pairs as a CSV. Each command runs in its own process, ``--repeat`` times;
medians are printed with the load average.
"""

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import assignment  # noqa: E402  (the instances and the bench venv)
import common as bench  # noqa: E402


def export_files(name):
    """network.gpkg, zones.gpkg, od.csv of an instance, written once by QGIS."""
    folder = os.path.join(assignment.INSTANCES, name, "files")
    if os.path.exists(os.path.join(folder, "od.csv")):
        return folder
    os.makedirs(folder, exist_ok=True)
    code = f"""
import numpy as np
from qgis.core import *
from qgis.PyQt.QtCore import QVariant
app = QgsApplication([], False); app.initQgis()
z = np.load({os.path.join(assignment.INSTANCES, name, "instance.npz")!r})
crs = QgsCoordinateReferenceSystem("EPSG:2154")
def writer(path, kind, fields):
    options = QgsVectorFileWriter.SaveVectorOptions(); options.driverName = "GPKG"
    return QgsVectorFileWriter.create(path, fields, kind, crs, QgsCoordinateTransformContext(), options)
fields = QgsFields(); fields.append(QgsField("sens_de_circulation", QVariant.String))
w = writer({os.path.join(folder, "network.gpkg")!r}, QgsWkbTypes.LineString, fields)
gp, gx, gy = z["geom_ptr"], z["geom_x"], z["geom_y"]
batch = []
for e in np.flatnonzero(~z["edge_connector"]):
    f = QgsFeature(fields)
    f.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(x, y) for x, y in zip(gx[gp[e]:gp[e+1]], gy[gp[e]:gp[e+1]])]))
    f.setAttributes(["Sens direct" if z["edge_oneway"][e] == 1 else "Double sens"])
    batch.append(f)
w.addFeatures(batch); del w
fields = QgsFields(); fields.append(QgsField("code", QVariant.String))
w = writer({os.path.join(folder, "zones.gpkg")!r}, QgsWkbTypes.Point, fields)
batch = []
for zid, node in zip(z["zone_id"], z["zone_node"]):
    f = QgsFeature(fields)
    f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(z["node_x"][node], z["node_y"][node])))
    f.setAttributes([f"Z{{zid}}"])
    batch.append(f)
w.addFeatures(batch); del w
ids = z["zone_id"]
with open({os.path.join(folder, "od.csv")!r}, "w") as out:
    out.write("origin;destination;flow\\n")
    for o, d, v in zip(z["od_o"], z["od_d"], z["od_flow"]):
        out.write(f"Z{{ids[o]}};Z{{ids[d]}};{{v!r}}\\n")
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    subprocess.run(["/usr/bin/python3", "-c", code], check=True, env=env)
    return folder


def qgis_process_env(workdir):
    sys.path.insert(0, os.path.join(ROOT, "tests"))
    from support.qgis_process import QgisProcess

    return QgisProcess(workdir).env


def timed(cmd, env=None, cwd=None):
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"failed: {' '.join(cmd)}\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return seconds, done.stdout


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--instance", default="medium")
    parser.add_argument("--tasks", default="skim,assign")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    assignment.ensure_instance(args.instance, "/usr/bin/python3")
    files = export_files(args.instance)
    tasks = args.tasks.split(",")
    work = tempfile.mkdtemp(prefix="e2e-", dir=os.path.join(HERE, "results"))
    env = qgis_process_env(work)
    env["TERRITORIAL_DATA_CACHE_DIR"] = os.path.join(work, "cache")
    env["TERRITORIAL_DATA_WORKERS"] = str(args.threads)
    qp = ["qgis_process.bin", "run"]
    network = ["NETWORK=" + os.path.join(files, "network.gpkg"), "DIRECTION_FIELD=sens_de_circulation"]
    zones = ["ZONES=" + os.path.join(files, "zones.gpkg"), "ZONE_ID_FIELD=code"]
    report = {"instance": args.instance, "load_start": bench.load_average()}
    print(f"end-to-end, instance {args.instance}, {args.threads} threads, load {os.getloadavg()}", flush=True)
    if "skim" in tasks:
        venv = assignment.ensure_venv(os.path.join(HERE, ".venv"), "/usr/bin/python3")
        aeq, ours_cold, ours_warm = [], [], []
        for rep in range(args.repeat):
            seconds, out = timed(
                [
                    venv,
                    os.path.join(HERE, "peers", "run_aequilibrae.py"),
                    args.instance,
                    "--threads",
                    str(args.threads),
                    "--skim",
                ]
            )
            record = json.loads(out.strip().splitlines()[-1]) if out.strip().startswith("{") or "{" in out else {}
            aeq.append((seconds, record.get("build_s"), record.get("skim_s")))
            target = os.path.join(work, f"skim{rep}.gpkg")
            cache = os.path.join(work, f"cache-skim{rep}")
            cold, _ = timed(
                [*qp, "territorial:od_skim_matrix", "--", *network, *zones, "OUTPUT=" + target],
                env=dict(env, TERRITORIAL_DATA_CACHE_DIR=cache),
            )
            warm, _ = timed(
                [*qp, "territorial:od_skim_matrix", "--", *network, *zones, "OUTPUT=" + target],
                env=dict(env, TERRITORIAL_DATA_CACHE_DIR=cache),
            )
            ours_cold.append(cold)
            ours_warm.append(warm)
            print(
                f"  run {rep + 1}: AequilibraE process {seconds:.2f} s (build {aeq[-1][1]}, skim {aeq[-1][2]}); "
                f"ours cold {cold:.2f} s, warm {warm:.2f} s",
                flush=True,
            )
        med = bench.median
        a_skim = med([a[2] for a in aeq if a[2] is not None] or [float("nan")])
        a_total = med([(a[1] or 0) + (a[2] or 0) for a in aeq])
        print(
            f"skim: AequilibraE build+skim {a_total:.2f} s (skim alone {a_skim:.2f} s, whole process "
            f"{med([a[0] for a in aeq]):.2f} s); ours through qgis_process, files in and out: cold "
            f"{med(ours_cold):.2f} s, warm {med(ours_warm):.2f} s; target (ours <= AequilibraE's skim): "
            f"warm/AequilibraE build+skim = {med(ours_warm) / a_total:.2f}x"
        )
        report["skim"] = {"aequilibrae": aeq, "ours_cold": ours_cold, "ours_warm": ours_warm}
    if "assign" in tasks:
        flows = ["FLOWS=" + os.path.join(files, "od.csv")]
        target = os.path.join(work, "loads.gpkg")
        cache = os.path.join(work, "cache-assign")
        timed(
            [*qp, "territorial:assign_flows", "--", *network, *zones, *flows, "OUTPUT=" + target],
            env=dict(env, TERRITORIAL_DATA_CACHE_DIR=cache),
        )  # builds the graph and the core
        runs = []
        for _rep in range(args.repeat):
            seconds, out = timed(
                [*qp, "territorial:assign_flows", "--", *network, *zones, *flows, "OUTPUT=" + target],
                env=dict(env, TERRITORIAL_DATA_CACHE_DIR=cache),
            )
            match = re.search(r"(?:process\(es\) on this computer|workers\)), ([0-9.]+) s", out)
            routing = float(match.group(1)) if match else float("nan")
            runs.append((seconds, routing))
            print(f"  warm assign_flows: {seconds:.2f} s, of which routing {routing:.2f} s", flush=True)
        med = bench.median
        whole, routing = med([r[0] for r in runs]), med([r[1] for r in runs])
        print(f"assign (warm): whole run {whole:.2f} s, routing {routing:.2f} s: {whole / routing:.2f}x (target <= 2x)")
        report["assign"] = runs
    report["load_end"] = os.getloadavg()
    with open(os.path.join(work, "report.json"), "w") as handle:
        json.dump(report, handle, indent=1, default=str)


if __name__ == "__main__":
    main()
