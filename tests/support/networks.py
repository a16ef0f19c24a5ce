"""Random road-like networks for the routing engine's tests, and their plain reference graph."""

import numpy as np
from scipy.sparse import coo_matrix


def random_network(seed, n_side=18, p_oneway=0.2):
    rng = np.random.default_rng(seed)
    idx = np.arange(n_side * n_side).reshape(n_side, n_side)
    u = np.concatenate([idx[:, :-1].ravel(), idx[:-1, :].ravel()])
    v = np.concatenate([idx[:, 1:].ravel(), idx[1:, :].ravel()])
    keep = rng.random(u.shape[0]) > 0.15
    u, v = u[keep], v[keep]
    # split a third of the edges (degree-2 nodes), random real lengths (no ties)
    n = n_side * n_side
    split = rng.random(u.shape[0]) < 0.35
    mid = np.arange(n, n + int(split.sum()))
    u2 = np.concatenate([u[~split], u[split], mid])
    v2 = np.concatenate([v[~split], mid, v[split]])
    n += mid.shape[0]
    length = rng.uniform(50, 150, u2.shape[0])
    oneway = np.where(rng.random(u2.shape[0]) < p_oneway, rng.choice([-1, 1], u2.shape[0]), 0).astype(np.int8)
    # a few parallel edges and a self-loop
    u2 = np.concatenate([u2, u2[:5], [3]])
    v2 = np.concatenate([v2, v2[:5], [3]])
    length = np.concatenate([length, length[:5] + 1.0, [10.0]])
    oneway = np.concatenate([oneway, np.zeros(6, np.int8)])
    return u2, v2, length, oneway, n


def reference_dist(u, v, length, oneway, n):
    fwd, bwd = oneway >= 0, oneway <= 0
    tail = np.concatenate([u[fwd], v[bwd]])
    head = np.concatenate([v[fwd], u[bwd]])
    w = np.concatenate([length[fwd], length[bwd]])
    order = np.lexsort((w, tail * n + head))
    key = (tail * n + head)[order]
    first = np.r_[True, key[1:] != key[:-1]]
    sel = order[first]
    mat = coo_matrix((w[sel], (tail[sel], head[sel])), shape=(n, n)).tocsr()
    return mat
