"""Vectorised flow accumulation down one shortest-path tree, for the per-origin peers.

The peers that run one Dijkstra per origin (QGIS's graph library, plain scipy) get a shortest-path
tree as a parent array. The load on the tree arc into node ``n`` is the demand of every node in
``n``'s subtree. ``subtree_sums`` computes it without a Python loop per node, by pointer doubling:
after step k every node holds the demand of its descendants less than 2**k levels below it, so
ceil(log2(depth)) numpy passes suffice. Same code for every peer, so the comparison is about the
shortest-path search and not about the bookkeeping.

This file is the project's own (not a copy of ``shared/bench``).
"""

import numpy as np


def subtree_sums(parent, demand):
    """Sum of ``demand`` over each node's subtree.

    parent: int array[N], the tree parent of each node, -1 for the root and unreached nodes.
    demand: float array[N], demand ending at each node (0 where none).
    """
    n = parent.shape[0]
    anc = np.empty(n + 1, np.int64)  # node n is a sentinel above every root
    anc[:n] = np.where(parent >= 0, parent, n)
    anc[n] = n
    acc = np.zeros(n + 1)
    acc[:n] = demand
    live = anc[:n] != n
    while live.any():
        acc += np.bincount(anc, weights=acc, minlength=n + 1)
        acc[n] = 0.0
        anc = anc[anc]
        live = anc[:n] != n
    return acc[:n]
