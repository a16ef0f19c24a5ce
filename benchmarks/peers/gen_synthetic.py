# ruff: noqa: C408  (copied harness script, kept as in shared/bench)
"""Generate a synthetic, road-like planar network + zones + gravity OD matrix.

    python gen_synthetic.py small  --edges 10000  --zones 200  --od 20000
    python gen_synthetic.py medium --edges 100000 --zones 1000 --od 200000
    python gen_synthetic.py large  --edges 500000 --zones 1000 --od 200000

Writes instances/<name>/instance.npz (see common.py for the format).
Deterministic for a given --seed.

Origin: the project's own benchmark harness (``shared/bench/gen_synthetic.py``), copied into
``benchmarks/peers/`` (code unchanged) so that ``benchmarks/assignment.py`` runs from a fresh clone.

Network model: jittered square grid (spacing ~150 m, Lambert-93-like
coordinates around Paris), 12 % of the grid edges removed, 20 % of the remaining
edges split in two at a displaced mid-point (degree-2 nodes, as where road
attributes change), 15 % of edges one-way (random direction); only the largest
strongly connected component is kept. Zones: random centroids, each joined to its
nearest network node by a two-way connector edge. OD: gravity model
P_i * P_j * exp(-d_ij / L) with log-normal zone masses; K distinct pairs sampled
proportionally to the gravity weight, flow = weight scaled so that the total is
500 trips per zone.
"""

import argparse
import os
import sys
import time

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import common

X0, Y0 = 640000.0, 6850000.0  # Lambert-93, Paris region


def generate(n_edges, n_zones, n_od, seed=1, spacing=150.0, p_remove=0.12, p_split=0.20, p_oneway=0.15, p_cycle=0.10):
    rng = np.random.default_rng(seed)
    # edges ~= 2 n^2 (1 - p_remove) (1 + p_split)
    n = int(round(np.sqrt(n_edges / (2 * (1 - p_remove) * (1 + p_split)))))
    ii, jj = np.meshgrid(np.arange(n), np.arange(n), indexing="ij")
    x = X0 + jj.ravel() * spacing + rng.uniform(-0.3, 0.3, n * n) * spacing
    y = Y0 + ii.ravel() * spacing + rng.uniform(-0.3, 0.3, n * n) * spacing
    idx = np.arange(n * n).reshape(n, n)
    u = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
    v = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
    keep = rng.random(u.shape[0]) >= p_remove
    u, v = u[keep], v[keep]

    # split some edges at a displaced mid-point (adds degree-2 nodes, bends)
    split = rng.random(u.shape[0]) < p_split
    su, sv = u[split], v[split]
    mx = (x[su] + x[sv]) / 2 + rng.normal(0, 0.12 * spacing, su.shape[0])
    my = (y[su] + y[sv]) / 2 + rng.normal(0, 0.12 * spacing, su.shape[0])
    mid = np.arange(n * n, n * n + su.shape[0])
    x = np.concatenate([x, mx])
    y = np.concatenate([y, my])
    u = np.concatenate([u[~split], su, mid])
    v = np.concatenate([v[~split], mid, sv])
    # both halves of a split edge share the one-way status (consistent road)
    ow_base = rng.random(u.shape[0]) < p_oneway
    n_plain = int((~split).sum())
    ow_base[n_plain + su.shape[0] :] = ow_base[n_plain : n_plain + su.shape[0]]
    flip = rng.random(u.shape[0]) < 0.5
    flip[n_plain + su.shape[0] :] = flip[n_plain : n_plain + su.shape[0]]
    # a flipped one-way pair must stay a consistent path: flipping both halves reverses the road
    ow = ow_base.astype(np.int8)
    fu = np.where(ow_base & flip, v, u)
    fv = np.where(ow_base & flip, u, v)
    u, v = fu, fv

    # keep the largest strongly connected component
    nn = x.shape[0]
    two = ow == 0
    tail = np.concatenate([u, v[two]])
    head = np.concatenate([v, u[two]])
    g = coo_matrix((np.ones(tail.shape[0]), (tail, head)), shape=(nn, nn)).tocsr()
    _, lab = connected_components(g, directed=True, connection="strong")
    big = np.bincount(lab).argmax()
    node_keep = lab == big
    ekeep = node_keep[u] & node_keep[v]
    new_id = np.full(nn, -1, np.int64)
    new_id[node_keep] = np.arange(int(node_keep.sum()))
    x, y = x[node_keep], y[node_keep]
    u, v, ow = new_id[u[ekeep]], new_id[v[ekeep]], ow[ekeep]
    n_net = x.shape[0]

    # zones: random centroids inside the network's bounding box, connector to nearest node
    xmin, xmax, ymin, ymax = x.min(), x.max(), y.min(), y.max()
    zx = rng.uniform(xmin + spacing, xmax - spacing, n_zones)
    zy = rng.uniform(ymin + spacing, ymax - spacing, n_zones)
    tree = cKDTree(np.column_stack([x, y]))
    _, near = tree.query(np.column_stack([zx, zy]))
    zone_node = np.arange(n_net, n_net + n_zones)
    x = np.concatenate([x, zx])
    y = np.concatenate([y, zy])
    u = np.concatenate([u, zone_node])
    v = np.concatenate([v, near])
    ow = np.concatenate([ow, np.zeros(n_zones, np.int8)])
    connector = np.zeros(u.shape[0], bool)
    connector[-n_zones:] = True

    length = np.hypot(x[u] - x[v], y[u] - y[v])
    length = np.maximum(length, 0.01)  # no zero-length arcs (scipy csgraph drops explicit zeros)
    cycle = (rng.random(u.shape[0]) < p_cycle) & ~connector

    # geometry: straight 2-vertex lines u -> v
    E = u.shape[0]
    geom_ptr = np.arange(0, 2 * E + 1, 2, dtype=np.int64)
    geom_x = np.column_stack([x[u], x[v]]).ravel()
    geom_y = np.column_stack([y[u], y[v]]).ravel()

    # gravity OD
    mass = rng.lognormal(0.0, 1.0, n_zones)
    L = max(xmax - xmin, ymax - ymin) / 5.0
    d = np.hypot(zx[:, None] - zx[None, :], zy[:, None] - zy[None, :])
    w = mass[:, None] * mass[None, :] * np.exp(-d / L)
    np.fill_diagonal(w, 0.0)
    wf = w.ravel()
    n_od = min(n_od, int((wf > 0).sum()))
    pick = rng.choice(wf.shape[0], size=n_od, replace=False, p=wf / wf.sum())
    pick.sort()
    od_o, od_d = np.divmod(pick, n_zones)
    flow = wf[pick] * rng.uniform(0.8, 1.2, n_od)
    flow *= 500.0 * n_zones / flow.sum()

    return dict(
        node_x=x,
        node_y=y,
        edge_u=u.astype(np.int64),
        edge_v=v.astype(np.int64),
        edge_len=length,
        edge_oneway=ow.astype(np.int8),
        edge_cycle=cycle,
        edge_connector=connector,
        geom_ptr=geom_ptr,
        geom_x=geom_x,
        geom_y=geom_y,
        zone_id=np.arange(1, n_zones + 1, dtype=np.int64),
        zone_node=zone_node.astype(np.int64),
        od_o=od_o.astype(np.int64),
        od_d=od_d.astype(np.int64),
        od_flow=flow,
    )


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("name")
    p.add_argument("--edges", type=int, required=True)
    p.add_argument("--zones", type=int, required=True)
    p.add_argument("--od", type=int, required=True)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", default=None, help="instance folder (default instances/<name>)")
    a = p.parse_args()
    t0 = time.perf_counter()
    arrays = generate(a.edges, a.zones, a.od, seed=a.seed)
    out = a.out or os.path.join(common.DEFAULT_INSTANCES, a.name)
    common.save_instance(out, **arrays)
    E = arrays["edge_u"].shape[0]
    print(
        f"{a.name}: nodes={arrays['node_x'].shape[0]} edges={E} "
        f"(one-way {int(arrays['edge_oneway'].sum())}) zones={arrays['zone_node'].shape[0]} "
        f"od_pairs={arrays['od_o'].shape[0]} total_flow={arrays['od_flow'].sum():.0f} "
        f"in {time.perf_counter() - t0:.1f}s -> {out}"
    )


if __name__ == "__main__":
    main()
