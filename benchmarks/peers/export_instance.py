"""Export an instance as real-looking input files (lines GPKG, zone polygons GPKG, OD CSV).

Used to test load_real.py round-trip (same total vehicle-km after reloading) and to feed
the files to other tools by hand (e.g. the QGIS GUI or qgis_process).

    python export_instance.py small OUT_FOLDER

Origin: the project's own benchmark harness (``shared/bench/export_instance.py``), copied into
``benchmarks/peers/`` (code unchanged) so that ``benchmarks/assignment.py`` runs from a fresh clone.
"""

import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common


def main():
    import geopandas as gpd
    import pandas as pd
    import shapely

    name, out = sys.argv[1], sys.argv[2]
    inst = common.load_instance(name)
    os.makedirs(out, exist_ok=True)
    net = ~inst["edge_connector"]
    gp = inst["geom_ptr"]
    xy = np.column_stack([inst["geom_x"], inst["geom_y"]])
    idx = np.repeat(np.arange(inst["E"]), np.diff(gp))
    geoms = shapely.linestrings(xy, indices=idx)
    sens = np.where(inst["edge_oneway"] == 1, "Sens direct", "Double sens")
    lines = gpd.GeoDataFrame(
        {"sens_de_circulation": sens[net], "cyclable": np.where(inst["edge_cycle"][net], "piste", None)},
        geometry=geoms[net],
        crs="EPSG:2154",
    )
    lines.to_file(os.path.join(out, "network.gpkg"), layer="troncon", driver="GPKG")
    zn = inst["zone_node"]
    pts = shapely.points(inst["node_x"][zn], inst["node_y"][zn])
    zones = gpd.GeoDataFrame(
        {"zone": inst["zone_id"]}, geometry=shapely.buffer(pts, 40.0, quad_segs=16), crs="EPSG:2154"
    )
    zones.to_file(os.path.join(out, "zones.gpkg"), layer="zones", driver="GPKG")
    pd.DataFrame(
        {"origin": inst["zone_id"][inst["od_o"]], "destination": inst["zone_id"][inst["od_d"]], "flow": inst["od_flow"]}
    ).to_csv(os.path.join(out, "od.csv"), index=False)
    print("written", out)


if __name__ == "__main__":
    main()
