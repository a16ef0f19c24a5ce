"""Benchmark instance from the sample territory (Val-d'Oise): real roads, real communes, real flows.

    python sample_instance.py [--out FOLDER]      (default: <instances>/sample)

Reads ``sample/val-doise/`` (see its SOURCES.md) and writes ``instance.npz`` in the format of
``common.py``, so every peer sees exactly the same graph:

- network: ``routes_principales_osm_val_doise_2026.geojson`` (OSM main roads; every LineString and
  every part of a MultiLineString is one edge between its end vertices, which are merged when they
  fall within 1 m of each other). Lon/lat are projected to Lambert-93 (EPSG:2154, formula below, no
  pyproj needed); length = planar length of the projected line. OSM has no ``oneway`` here, but
  ``motorway`` and ``motorway_link`` are one-way by OSM's implied rule (digitised in the driving
  direction), so they are u->v only. Only the largest strongly connected component is kept.
- zones: the communes of ``communes_idf.geojson`` that appear in the home-work flows; centroid = the
  area centroid of the commune's largest polygon ring, joined to the nearest kept network node by a
  two-way connector edge (``edge_connector``).
- OD: ``flux_domicile_travail_idf_rp2014_mode_csp_residence_95.csv`` summed over MODE and CSP
  (all modes: this is a speed benchmark, not a car model), intra-commune pairs left out (they load
  no network edge). Codes with no commune geometry (communes merged since COG 2016) are reported
  and left out.

This file is the project's own (not a copy of ``shared/bench``).
"""

import argparse
import csv
import json
import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SAMPLE = os.path.join(ROOT, "sample", "val-doise")
sys.path.insert(0, HERE)
import common  # noqa: E402

ONE_WAY_TYPES = {"motorway", "motorway_link"}


def lambert93(lon, lat):
    """EPSG:2154 (RGF93 / Lambert-93) forward projection, conformal conic on GRS80."""
    a, f = 6378137.0, 1.0 / 298.257222101
    e = np.sqrt(2 * f - f * f)
    lon0, lat0, lat1, lat2 = np.radians([3.0, 46.5, 49.0, 44.0])
    x0, y0 = 700000.0, 6600000.0

    def m(phi):
        return np.cos(phi) / np.sqrt(1 - (e * np.sin(phi)) ** 2)

    def t(phi):
        es = e * np.sin(phi)
        return np.tan(np.pi / 4 - phi / 2) / ((1 - es) / (1 + es)) ** (e / 2)

    n = (np.log(m(lat1)) - np.log(m(lat2))) / (np.log(t(lat1)) - np.log(t(lat2)))
    big_f = m(lat1) / (n * t(lat1) ** n)
    rho0 = a * big_f * t(lat0) ** n
    phi = np.radians(np.asarray(lat, float))
    rho = a * big_f * t(phi) ** n
    theta = n * (np.radians(np.asarray(lon, float)) - lon0)
    return x0 + rho * np.sin(theta), y0 + rho0 - rho * np.cos(theta)


def _ring_centroid(ring):
    x, y = ring[:, 0], ring[:, 1]
    cross = x[:-1] * y[1:] - x[1:] * y[:-1]
    area = cross.sum() / 2
    if abs(area) < 1e-9:
        return abs(area), x.mean(), y.mean()
    cx = ((x[:-1] + x[1:]) * cross).sum() / (6 * area)
    cy = ((y[:-1] + y[1:]) * cross).sum() / (6 * area)
    return abs(area), cx, cy


def read_roads(path):
    with open(path, encoding="utf-8") as fh:
        fc = json.load(fh)
    parts, kinds = [], []
    for feat in fc["features"]:
        geom = feat["geometry"]
        if geom is None:
            continue
        lines = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
        for line in lines:
            if len(line) >= 2:
                parts.append(np.asarray(line, float)[:, :2])
                kinds.append(feat["properties"].get("type") or "")
    return parts, kinds


def read_communes(path):
    with open(path, encoding="utf-8") as fh:
        fc = json.load(fh)
    out = {}
    for feat in fc["features"]:
        geom = feat["geometry"]
        polys = [geom["coordinates"]] if geom["type"] == "Polygon" else geom["coordinates"]
        best = None
        for poly in polys:
            ring = np.asarray(poly[0], float)
            x, y = lambert93(ring[:, 0], ring[:, 1])
            c = _ring_centroid(np.column_stack([x, y]))
            if best is None or c[0] > best[0]:
                best = c
        out[feat["properties"]["insee_com"]] = (best[1], best[2])
    return out


def read_flows(path):
    flows = {}
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter=";"):
            key = (row["ORI"], row["DES"])
            flows[key] = flows.get(key, 0.0) + float(row["FLOW"])
    return flows


def build(sample=SAMPLE):
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components
    from scipy.spatial import cKDTree

    parts, kinds = read_roads(os.path.join(sample, "routes_principales_osm_val_doise_2026.geojson"))
    proj = []
    for p in parts:
        x, y = lambert93(p[:, 0], p[:, 1])
        proj.append(np.column_stack([x, y]))
    ends = np.array([[q[0, 0], q[0, 1], q[-1, 0], q[-1, 1]] for q in proj])
    pts = np.concatenate([ends[:, :2], ends[:, 2:]])
    # merge end vertices closer than 1 m (union of pairs, smallest index as representative)
    tree = cKDTree(pts)
    pairs = tree.query_pairs(1.0, output_type="ndarray")
    m = pts.shape[0]
    g = coo_matrix((np.ones(pairs.shape[0]), (pairs[:, 0], pairs[:, 1])), shape=(m, m))
    _, lab = connected_components(g, directed=False)
    uniq, node_of_pt = np.unique(lab, return_inverse=True)
    node_xy = np.zeros((uniq.shape[0], 2))
    np.add.at(node_xy, node_of_pt, pts)
    node_xy /= np.bincount(node_of_pt)[:, None]
    n_parts = len(proj)
    u, v = node_of_pt[:n_parts], node_of_pt[n_parts:]
    length = np.array([np.hypot(*np.diff(q, axis=0).T).sum() for q in proj])
    oneway = np.array([k in ONE_WAY_TYPES for k in kinds], np.int8)
    loops = u == v
    # largest strongly connected component
    n = node_xy.shape[0]
    two = oneway == 0
    tail = np.concatenate([u, v[two]])
    head = np.concatenate([v, u[two]])
    gg = coo_matrix((np.ones(tail.shape[0]), (tail, head)), shape=(n, n)).tocsr()
    _, scc = connected_components(gg, directed=True, connection="strong")
    node_keep = scc == np.bincount(scc).argmax()
    ekeep = node_keep[u] & node_keep[v] & ~loops
    new_id = np.full(n, -1, np.int64)
    new_id[node_keep] = np.arange(int(node_keep.sum()))
    net_xy = node_xy[node_keep]
    eu, ev = new_id[u[ekeep]], new_id[v[ekeep]]
    elen, eow = np.maximum(length[ekeep], 0.01), oneway[ekeep]
    egeom = [proj[i] for i in np.flatnonzero(ekeep)]
    report = {
        "road_parts": n_parts,
        "nodes_before_scc": n,
        "nodes": int(net_xy.shape[0]),
        "edges_dropped_outside_largest_scc_or_loops": int((~ekeep).sum()),
    }

    # zones and OD
    flows = read_flows(os.path.join(sample, "flux_domicile_travail_idf_rp2014_mode_csp_residence_95.csv"))
    communes = read_communes(os.path.join(sample, "communes_idf.geojson"))
    codes = sorted({c for od in flows for c in od})
    missing = [c for c in codes if c not in communes]
    zcodes = [c for c in codes if c in communes]
    zindex = {c: i for i, c in enumerate(zcodes)}
    od = [
        (zindex[o], zindex[d], f)
        for (o, d), f in sorted(flows.items())
        if o in zindex and d in zindex and o != d and f > 0
    ]
    report.update(
        zones=len(zcodes),
        codes_without_geometry=missing,
        flow_without_geometry=round(sum(f for (o, d), f in flows.items() if o in missing or d in missing), 3),
        intra_commune_flow_left_out=round(sum(f for (o, d), f in flows.items() if o == d), 3),
    )
    zxy = np.array([communes[c] for c in zcodes])
    _, near = cKDTree(net_xy).query(zxy)
    n_net = net_xy.shape[0]
    zone_node = np.arange(n_net, n_net + len(zcodes))
    node_x = np.concatenate([net_xy[:, 0], zxy[:, 0]])
    node_y = np.concatenate([net_xy[:, 1], zxy[:, 1]])
    clen = np.maximum(np.hypot(zxy[:, 0] - net_xy[near, 0], zxy[:, 1] - net_xy[near, 1]), 0.01)
    edge_u = np.concatenate([eu, zone_node]).astype(np.int64)
    edge_v = np.concatenate([ev, near]).astype(np.int64)
    n_e = edge_u.shape[0]
    connector = np.zeros(n_e, bool)
    connector[eu.shape[0] :] = True
    geoms = egeom + [np.array([[zx, zy], [net_xy[k, 0], net_xy[k, 1]]]) for (zx, zy), k in zip(zxy, near)]
    geom_ptr = np.zeros(n_e + 1, np.int64)
    np.cumsum([q.shape[0] for q in geoms], out=geom_ptr[1:])
    allg = np.concatenate(geoms)
    arrays = {
        "node_x": node_x,
        "node_y": node_y,
        "edge_u": edge_u,
        "edge_v": edge_v,
        "edge_len": np.concatenate([elen, clen]),
        "edge_oneway": np.concatenate([eow, np.zeros(len(zcodes), np.int8)]),
        "edge_cycle": np.zeros(n_e, bool),
        "edge_connector": connector,
        "geom_ptr": geom_ptr,
        "geom_x": allg[:, 0].copy(),
        "geom_y": allg[:, 1].copy(),
        "zone_id": np.array([int(c.replace("A", "0").replace("B", "1")) for c in zcodes], np.int64),
        "zone_node": zone_node.astype(np.int64),
        "od_o": np.array([o for o, _, _ in od], np.int64),
        "od_d": np.array([d for _, d, _ in od], np.int64),
        "od_flow": np.array([f for _, _, f in od], float),
    }
    return arrays, report


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", default=os.path.join(common.DEFAULT_INSTANCES, "sample"))
    a = p.parse_args()
    arrays, report = build()
    common.save_instance(a.out, **arrays)
    report.update(
        edges=int(arrays["edge_u"].shape[0]),
        one_way=int(arrays["edge_oneway"].sum()),
        od_pairs=int(arrays["od_o"].shape[0]),
        total_flow=round(float(arrays["od_flow"].sum()), 3),
    )
    print(json.dumps(report), "->", a.out)


if __name__ == "__main__":
    main()
