"""Cycling potential benchmark: ``territorial:cycling_potential`` on a synthetic instance (medium by
default: ~100 000 segments, 1 000 zones, 200 000 OD pairs), with an elevation model and cycle
facilities, run inside QGIS's Python as the Processing dialog runs it.

    /usr/bin/python3 -P benchmarks/potential.py                     # medium, DEM, 1 run
    /usr/bin/python3 -P benchmarks/potential.py --size small --repeat 3
    /usr/bin/python3 -P benchmarks/potential.py --no-dem            # gradients 0 %

The instance is the assignment benchmark's (``peers/gen_synthetic.py``, seed 1; generated into
``benchmarks/results/instances/<size>/`` when missing). It is written once, beside it, as the files
a user would give (``potential/``): the network with its zone connectors (GeoPackage), the zones as
points at their centroid nodes, the OD table as a CSV with 97 % of each pair's flow by car and 3 %
by bike (400 000 rows), the instance's ``edge_cycle`` edges as BNAC cycle facilities, and a
GeoTIFF elevation model of rolling hills (25 m cells, heights 40-160 m) over the network.

Each run is a fresh process (``common.run_measured``): it starts QGIS, loads the plugin and runs the
algorithm into a GeoPackage (all four outputs). Printed: the algorithm's own time, the process's wall
time (QGIS start included) and its peak memory (worker processes included), and what the run found.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from common import load_average, machine_info, median, run_measured  # noqa: E402

INSTANCES = HERE / "results" / "instances"
SIZES = {
    "small": ["--edges", "10000", "--zones", "200", "--od", "20000"],
    "medium": ["--edges", "100000", "--zones", "1000", "--od", "200000"],
    "large": ["--edges", "500000", "--zones", "1000", "--od", "200000"],
}
BIKE_SHARE = 0.03
DEM_CELL = 25.0


def log(*args, end="\n"):
    print(*args, file=sys.stderr, flush=True, end=end)


# -- the instance as files ---------------------------------------------------------------------------
def ensure_instance(size):
    folder = INSTANCES / size
    if not (folder / "instance.npz").exists():
        log(f"generating the {size} instance (peers/gen_synthetic.py, seed 1)")
        cmd = [sys.executable, str(HERE / "peers" / "gen_synthetic.py"), size, *SIZES[size], "--out", str(folder)]
        subprocess.run(cmd, check=True)
    return folder


def export_files(folder):
    """The instance as a user's files (written once)."""
    out = folder / "potential"
    done = out / "done.json"
    if done.exists():
        return out
    import numpy as np
    from osgeo import gdal, ogr, osr

    out.mkdir(parents=True, exist_ok=True)
    with np.load(folder / "instance.npz", allow_pickle=False) as z:
        inst = {k: z[k] for k in z.files}
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    gpkg = ogr.GetDriverByName("GPKG")

    def lines(path, name, edges, fields, fill):
        if path.exists():
            path.unlink()
        source = gpkg.CreateDataSource(str(path))
        layer = source.CreateLayer(name, srs, ogr.wkbLineString)
        for field, kind in fields:
            layer.CreateField(ogr.FieldDefn(field, kind))
        definition = layer.GetLayerDefn()
        layer.StartTransaction()
        ptr, gx, gy = inst["geom_ptr"], inst["geom_x"], inst["geom_y"]
        for e in edges:
            geometry = ogr.Geometry(ogr.wkbLineString)
            for k in range(ptr[e], ptr[e + 1]):
                geometry.AddPoint_2D(float(gx[k]), float(gy[k]))
            feature = ogr.Feature(definition)
            feature.SetGeometry(geometry)
            fill(feature, e)
            layer.CreateFeature(feature)
        layer.CommitTransaction()
        source = None

    n_edges = inst["edge_u"].shape[0]
    oneway = inst["edge_oneway"]  # 1: only along the line (u -> v)
    lines(
        out / "network.gpkg",
        "network",
        range(n_edges),
        [("oneway", ogr.OFTInteger)],
        lambda feature, e: feature.SetField("oneway", int(oneway[e])),
    )
    cycle = np.flatnonzero(inst["edge_cycle"] & ~inst["edge_connector"])

    def bnac(feature, _e):
        feature.SetField("ame_d", "PISTE CYCLABLE")
        feature.SetField("ame_g", "AUCUN")

    lines(out / "facilities.gpkg", "facilities", cycle, [("ame_d", ogr.OFTString), ("ame_g", ogr.OFTString)], bnac)
    # zones: points at their centroid nodes
    path = out / "zones.gpkg"
    if path.exists():
        path.unlink()
    source = gpkg.CreateDataSource(str(path))
    layer = source.CreateLayer("zones", srs, ogr.wkbPoint)
    layer.CreateField(ogr.FieldDefn("code", ogr.OFTString))
    layer.StartTransaction()
    for zone_id, node in zip(inst["zone_id"], inst["zone_node"]):
        feature = ogr.Feature(layer.GetLayerDefn())
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(float(inst["node_x"][node]), float(inst["node_y"][node]))
        feature.SetGeometry(point)
        feature.SetField("code", f"Z{int(zone_id)}")
        layer.CreateFeature(feature)
    layer.CommitTransaction()
    source = None
    # OD: 97 % car, 3 % bike
    zone = np.array([f"Z{int(z)}" for z in inst["zone_id"]])
    with open(out / "od.csv", "w", encoding="utf-8") as handle:
        handle.write("origin,destination,mode,flow\n")
        for o, d, flow in zip(zone[inst["od_o"]], zone[inst["od_d"]], inst["od_flow"]):
            handle.write(f"{o},{d},car,{flow * (1 - BIKE_SHARE):.6f}\n{o},{d},bike,{flow * BIKE_SHARE:.6f}\n")
    # DEM: rolling hills over the network
    x0, x1 = float(inst["node_x"].min()) - 500, float(inst["node_x"].max()) + 500
    y0, y1 = float(inst["node_y"].min()) - 500, float(inst["node_y"].max()) + 500
    cols, rows = int((x1 - x0) / DEM_CELL) + 1, int((y1 - y0) / DEM_CELL) + 1
    xs = x0 + (np.arange(cols) + 0.5) * DEM_CELL
    ys = y1 - (np.arange(rows) + 0.5) * DEM_CELL
    z = 100 + 40 * np.sin(xs[None, :] / 2300.0) * np.cos(ys[:, None] / 3100.0) + 20 * np.sin(ys[:, None] / 900.0)
    dataset = gdal.GetDriverByName("GTiff").Create(
        str(out / "dem.tif"), cols, rows, 1, gdal.GDT_Float32, options=["COMPRESS=DEFLATE", "TILED=YES"]
    )
    dataset.SetGeoTransform((x0, DEM_CELL, 0.0, y1, 0.0, -DEM_CELL))
    dataset.SetProjection(srs.ExportToWkt())
    dataset.GetRasterBand(1).WriteArray(z.astype(np.float32))
    dataset.GetRasterBand(1).SetNoDataValue(-9999.0)
    dataset = None
    done.write_text(
        json.dumps(
            {
                "edges": int(n_edges),
                "zones": int(zone.shape[0]),
                "pairs": int(inst["od_o"].shape[0]),
                "dem": [cols, rows],
            }
        ),
        encoding="utf-8",
    )
    return out


# -- one run, in a fresh process ---------------------------------------------------------------------
def child(files, dem, scenario):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["TERRITORIAL_DATA_CACHE_DIR"] = tempfile.mkdtemp(prefix="bench-cache-")
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
    from processing.core.Processing import Processing

    Processing.initialize()
    sys.path.insert(0, str(ROOT / "scripts"))
    import plugin_loader

    plugin = plugin_loader.load_plugin().classFactory(None)
    plugin.initProcessing()
    from qgis import processing
    from qgis.core import QgsProcessingFeedback

    class Feedback(QgsProcessingFeedback):
        lines = []

        def pushInfo(self, info):
            self.lines.append(info)

        def pushWarning(self, warning):
            self.lines.append("warning: " + warning)

    out = Path(tempfile.mkdtemp(prefix="bench-potential-")) / "potential.gpkg"
    files = Path(files)
    params = {
        "NETWORK": str(files / "network.gpkg"),
        "DIRECTION_FIELD": "oneway",
        "DIRECTION_MAPPING": "0=both;1=forward",
        "CYCLE_FACILITIES": str(files / "facilities.gpkg"),
        "ZONES": str(files / "zones.gpkg"),
        "ZONE_ID_FIELD": "code",
        "FLOWS": str(files / "od.csv"),
        "MODE_FIELD": "mode",
        "SCENARIO": scenario,
        "MAX_CONNECTOR_DISTANCE": 1000,
    }
    if dem:
        params["DEM"] = str(files / "dem.tif")
    for name, table in (("OUTPUT_OD", "od"), ("OUTPUT_SEGMENTS", "segments"), ("OUTPUT_GAPS", "gaps")):
        params[name] = f"ogr:dbname='{out}' table=\"{table}\" (geom)"
    params["OUTPUT_ZONES"] = f"ogr:dbname='{out}' table=\"zones\" (geom)"
    feedback = Feedback()
    started = time.perf_counter()
    results = processing.run("territorial:cycling_potential", params, feedback=feedback)
    seconds = time.perf_counter() - started
    numbers = {k: v for k, v in results.items() if isinstance(v, (int, float))}
    print(json.dumps({"seconds": seconds, "results": numbers, "log": feedback.lines}))
    plugin.unload()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", default="medium", choices=sorted(SIZES))
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-dem", action="store_true")
    parser.add_argument("--scenario", default="go_dutch")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child, not args.no_dem, args.scenario)
        return
    folder = ensure_instance(args.size)
    started = time.perf_counter()
    files = export_files(folder)
    info = json.loads((files / "done.json").read_text(encoding="utf-8"))
    log(f"files of the {args.size} instance in {files} ({time.perf_counter() - started:.1f} s)")
    runs = []
    for index in range(args.repeat):
        cmd = [sys.executable, "-P", __file__, "--child", str(files), "--scenario", args.scenario]
        cmd += ["--no-dem"] if args.no_dem else []
        measured = run_measured(cmd, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
        if measured.returncode != 0:
            sys.exit(f"run {index + 1} failed:\n{measured.stdout[-2000:]}\n{measured.stderr[-3000:]}")
        line = next(text for text in reversed(measured.stdout.splitlines()) if text.startswith("{"))
        report = json.loads(line)
        runs.append((report, measured))
        log(f"run {index + 1}: algorithm {report['seconds']:.1f} s, process {measured.wall_s:.1f} s, ", end="")
        log(f"{measured.peak_mb:.0f} MB")
    report, _measured = runs[-1]
    algorithm = median([r["seconds"] for r, _ in runs])
    wall = median([m.wall_s for _, m in runs])
    peak = max(m.peak_mb for _, m in runs)
    other = max(m.other_cores for _, m in runs)
    results = report["results"]
    print(f"Cycling potential benchmark — {machine_info()}; load average {load_average()[0]:.2f}")
    print(
        f"instance {args.size}: {info['edges']} segments, {info['zones']} zones, {info['pairs']} OD pairs "
        f"({2 * info['pairs']} rows car + bike), DEM {info['dem'][0]} x {info['dem'][1]} cells"
        + (" (not used)" if args.no_dem else "")
    )
    print(
        f"territorial:cycling_potential, scenario {args.scenario}, {len(runs)} run(s), medians: algorithm "
        f"{algorithm:.1f} s; process {wall:.1f} s (QGIS start included); peak memory {peak:.0f} MB "
        f"(workers included); the rest of the machine used {other:.2f} cores"
    )
    print(
        "found: {commuters:,.0f} commuters, {now:,.0f} cycling today; government target {gt:,.0f}, Go Dutch "
        "{gd:,.0f}, e-bike {eb:,.0f}; {km:,.0f} scenario cyclist-km, {share:.1%} along facilities".format(
            commuters=results["TOTAL_COMMUTERS"],
            now=results["CYCLISTS_NOW"],
            gt=results["CYCLISTS_GOVERNMENT_TARGET"],
            gd=results["CYCLISTS_GO_DUTCH"],
            eb=results["CYCLISTS_EBIKE"],
            km=results["CYCLIST_KM"],
            share=results["FACILITY_SHARE"],
        )
    )
    for text in report["log"]:
        if any(word in text for word in ("Network:", "Elevation", "Routing core", "routed on the network", "gaps")):
            print("  log:", text)


if __name__ == "__main__":
    main()
