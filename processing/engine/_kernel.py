"""Shortest-path trees and flow accumulation on a contracted routing core (numpy + scipy only).

This module is self-contained on purpose (no import of the rest of the plugin): the worker
processes load it by file path, whatever the name the plugin package has in the parent process.

A *core* is a dict of arrays describing the contracted directed graph:

- ``n``: number of core nodes; ``indptr``, ``indices``, ``data``: CSR by tail (cost as weight);
- ``in_ptr``, ``in_tail``, ``in_arc``: the same arcs grouped by head (to find the arc p -> v);
- ``rev_indptr``, ``rev_indices``, ``rev_data``: CSR of the reversed graph (trees towards a root);
- optional per-arc attributes ``attr_<name>`` (summed along paths by :func:`path_sums`).

A *task* routes the pairs of a few roots: ``roots`` (core nodes), ``tptr`` (CSR pointer over the
roots), ``targets`` (core nodes) and ``values`` (flows) per pair. In forward mode the roots are
the origins; in reverse mode (``reverse=True``) the roots are the destinations and the trees run
on the reversed graph, which is cheaper when there are fewer distinct destinations.
"""

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

#: roots per scipy Dijkstra call: one tree's arrays stay in cache (medium benchmark, scipy 1.17:
#: 3.6 ms per tree at 1 root per call, 4.1 at 8, 4.3 at 64)
ROOTS_PER_CALL = 1


def csr(core, reverse=False):
    """The scipy CSR matrix of the core (cached in the dict)."""
    key = "_csr_rev" if reverse else "_csr"
    matrix = core.get(key)
    if matrix is None:
        n = int(core["n"])
        if reverse:
            matrix = csr_matrix((core["rev_data"], core["rev_indices"], core["rev_indptr"]), shape=(n, n))
        else:
            matrix = csr_matrix((core["data"], core["indices"], core["indptr"]), shape=(n, n))
        core[key] = matrix
    return matrix


def _in_keys(core):
    """Sorted keys ``head * n + tail`` of the arcs grouped by head (cached in the dict)."""
    keys = core.get("_in_key")
    if keys is None:
        n = int(core["n"])
        in_ptr = np.asarray(core["in_ptr"], dtype=np.int64)
        heads = np.repeat(np.arange(n, dtype=np.int64), np.diff(in_ptr))
        keys = heads * n + np.asarray(core["in_tail"], dtype=np.int64)
        core["_in_key"] = keys
    return keys


def lookup_arcs(core, tails, heads):
    """Core arc id of each arc ``tails[i] -> heads[i]`` (-1 where there is none; the first of parallel arcs)."""
    heads = np.asarray(heads, dtype=np.int64)
    tails = np.asarray(tails, dtype=np.int64)
    if heads.shape[0] == 0:
        return np.full(0, -1, dtype=np.int64)
    keys = _in_keys(core)
    if keys.shape[0] == 0:
        return np.full(heads.shape[0], -1, dtype=np.int64)
    wanted = heads * int(core["n"]) + tails
    pos = np.searchsorted(keys, wanted)
    np.minimum(pos, keys.shape[0] - 1, out=pos)
    found = keys[pos] == wanted
    result = np.asarray(core["in_arc"], dtype=np.int64)[pos]
    result[~found] = -1
    return result


def _unique_inverse(keys):
    """``np.unique(keys, return_inverse=True)`` by sort + diff (np.unique is slow on numpy >= 2.3)."""
    order = np.argsort(keys, kind="stable")
    ordered = keys[order]
    first = np.empty(ordered.shape[0], dtype=bool)
    first[:1] = True
    np.not_equal(ordered[1:], ordered[:-1], out=first[1:])
    inverse = np.empty(keys.shape[0], dtype=np.intp)
    inverse[order] = np.cumsum(first) - 1
    return ordered[first], inverse


def shortest_trees(core, roots, limit=np.inf, reverse=False):
    """``dist, pred`` (roots x n) from scipy's Dijkstra, stopped at ``limit`` (``ROOTS_PER_CALL`` roots per call)."""
    roots = np.asarray(roots, dtype=np.int64)
    matrix = csr(core, reverse)
    step = ROOTS_PER_CALL
    if roots.shape[0] <= step:
        return dijkstra(matrix, directed=True, indices=roots, return_predecessors=True, limit=limit)
    dist = pred = None
    for start in range(0, roots.shape[0], step):
        part_dist, part_pred = dijkstra(
            matrix, directed=True, indices=roots[start : start + step], return_predecessors=True, limit=limit
        )
        if dist is None:
            dist = np.empty((roots.shape[0], part_dist.shape[1]), dtype=part_dist.dtype)
            pred = np.empty((roots.shape[0], part_pred.shape[1]), dtype=part_pred.dtype)
        dist[start : start + step] = part_dist
        pred[start : start + step] = part_pred
    return dist, pred


def trees_for_task(core, roots, tptr, targets, limit, reverse):
    """Trees of the roots, rerun without limit for the roots whose targets were not all reached.

    The limit is an estimate; a target beyond it is found by the rerun, so the answer is exact.
    Returns ``dist, pred, reran`` (number of roots rerun).
    """
    dist, pred = shortest_trees(core, roots, limit, reverse)
    reran = 0
    if np.isfinite(limit) and targets.shape[0]:
        rows = np.repeat(np.arange(roots.shape[0]), np.diff(tptr))
        missing = ~np.isfinite(dist[rows, targets])
        if missing.any():
            again = np.unique(rows[missing])
            dist2, pred2 = shortest_trees(core, roots[again], np.inf, reverse)
            dist[again] = dist2
            pred[again] = pred2
            reran = int(again.shape[0])
    return dist, pred, reran


def _step_arcs(core, cur, nxt, reverse):
    """Arc used between ``cur`` and its tree predecessor ``nxt``."""
    if reverse:  # tree towards the root: the path goes cur -> nxt
        return lookup_arcs(core, cur, nxt)
    return lookup_arcs(core, nxt, cur)  # tree from the root: the path goes nxt -> cur


def assign_task(core, task, n_arcs, arc_flow, sel_flow=None, selected=None):
    """All-or-nothing loads of one task added to ``arc_flow`` (core arcs).

    Returns a dict: ``unrouted`` (pair indices of the task with no path), ``reran`` and, when
    ``selected`` (bool per core arc) is given, ``hits`` (pair indices whose path uses a selected
    arc); ``sel_flow`` then receives the loads of those pairs only.
    """
    roots, tptr, targets, values = task["roots"], task["tptr"], task["targets"], task["values"]
    reverse = bool(task.get("reverse", False))
    dist, pred, reran = trees_for_task(core, roots, tptr, targets, task.get("limit", np.inf), reverse)
    n = int(core["n"])
    rows = np.repeat(np.arange(roots.shape[0], dtype=np.int64), np.diff(tptr))
    reached = np.isfinite(dist[rows, targets])
    unrouted = np.flatnonzero(~reached)
    pair_ids = np.flatnonzero(reached)
    rows, cur, flow = rows[reached], targets[reached].astype(np.int64), values[reached]
    pred_flat = pred.reshape(-1)
    out = {"unrouted": unrouted, "reran": reran}
    if task.get("columns") is not None:
        out["columns_dist"] = dist[:, task["columns"]]
    del dist  # only the predecessors are needed from here: keeps the batch memory at 12 bytes per node
    if selected is None:
        # node through-flows: every path adds its flow to each node it passes (but the root);
        # the predecessors become flat pointers into the batch so that a step is one gather
        size = roots.shape[0] * n
        if size < 2**31 - 1 and pred.dtype == np.int32:
            offsets = (np.arange(roots.shape[0], dtype=np.int32) * np.int32(n))[:, None]
            np.add(pred, offsets, out=pred, where=pred >= 0)
            pointer = pred.reshape(-1)
            cur = (rows * n + cur).astype(np.int32)
        else:
            pointer = (pred.astype(np.int64) + np.arange(roots.shape[0], dtype=np.int64)[:, None] * n).reshape(-1)
            pointer[pred.reshape(-1) < 0] = -1
            cur = rows * n + cur
        keys, flows = [], []
        while cur.shape[0]:
            nxt = pointer[cur]
            keep = nxt >= 0
            if not keep.all():
                cur, flow, nxt = cur[keep], flow[keep], nxt[keep]
            keys.append(cur)
            flows.append(flow)
            cur = nxt
        if keys:
            keys = np.concatenate(keys).astype(np.int64)
            flows = np.concatenate(flows)
            if roots.shape[0] * n <= 4 * keys.shape[0] + 1_000_000:
                node_flow = np.bincount(keys, weights=flows, minlength=roots.shape[0] * n)
                touched = np.flatnonzero(node_flow)
                through = node_flow[touched]
            else:
                touched, inverse = _unique_inverse(keys)
                through = np.bincount(inverse, weights=flows)
            nodes = touched % n
            nxt = pointer[touched].astype(np.int64) % n
            arcs = _step_arcs(core, nodes, nxt, reverse)
            arc_flow += np.bincount(arcs, weights=through, minlength=n_arcs)
        return out
    # select link: follow every path arc by arc
    arc_steps, pair_steps = [], []
    pair = np.arange(cur.shape[0])
    hit = np.zeros(cur.shape[0], dtype=bool)
    while cur.shape[0]:
        nxt = pred_flat[rows * n + cur].astype(np.int64)
        keep = nxt >= 0
        if not keep.all():
            rows, cur, nxt, pair = rows[keep], cur[keep], nxt[keep], pair[keep]
        arcs = _step_arcs(core, cur, nxt, reverse)
        hit[pair[selected[arcs]]] = True
        arc_steps.append(arcs)
        pair_steps.append(pair)
        cur = nxt
    if arc_steps:
        arcs = np.concatenate(arc_steps)
        pairs = np.concatenate(pair_steps)
        arc_flow += np.bincount(arcs, weights=flow[pairs], minlength=n_arcs)
        mask = hit[pairs]
        sel_flow += np.bincount(arcs[mask], weights=flow[pairs[mask]], minlength=n_arcs)
    out["hits"] = pair_ids[hit]
    return out


def path_sums(core, pred, rows, targets, reverse, attrs):
    """Sum of each arc attribute in ``attrs`` along the tree path of every (row, target)."""
    n = int(core["n"])
    sums = {name: np.zeros(targets.shape[0]) for name in attrs}
    pair = np.arange(targets.shape[0])
    cur = targets.astype(np.int64)
    rows = rows.astype(np.int64)
    pred_flat = pred.reshape(-1)
    while cur.shape[0]:
        nxt = pred_flat[rows * n + cur].astype(np.int64)
        keep = nxt >= 0
        if not keep.all():
            rows, cur, nxt, pair = rows[keep], cur[keep], nxt[keep], pair[keep]
        if not cur.shape[0]:
            break
        arcs = _step_arcs(core, cur, nxt, reverse)
        for name in attrs:
            sums[name] += np.bincount(pair, weights=core["attr_" + name][arcs], minlength=targets.shape[0])
        cur = nxt
    return sums


def skim_task(core, task):
    """Cost (and attribute sums) of every pair of a task; inf where there is no path."""
    roots, tptr, targets = task["roots"], task["tptr"], task["targets"]
    reverse = bool(task.get("reverse", False))
    dist, pred, reran = trees_for_task(core, roots, tptr, targets, task.get("limit", np.inf), reverse)
    rows = np.repeat(np.arange(roots.shape[0], dtype=np.int64), np.diff(tptr))
    cost = dist[rows, targets]
    out = {"cost": cost, "reran": reran}
    if task.get("columns") is not None:
        out["columns_dist"] = dist[:, task["columns"]]
    attrs = list(task.get("attrs") or ())
    if attrs:
        ok = np.isfinite(cost)
        sums = path_sums(core, pred, rows[ok], targets[ok], reverse, attrs)
        for name in attrs:
            values = np.full(cost.shape[0], np.inf)
            values[ok] = sums[name]
            out[name] = values
    return out


def landmark_task(core, task):
    """Distances from each root to the nodes ``columns`` (used to estimate Dijkstra limits)."""
    dist, _ = shortest_trees(core, task["roots"], np.inf, bool(task.get("reverse", False)))
    return {"dist": dist[:, task["columns"]]}


def run_task(core, task, state):
    """Run one task; ``state`` holds the per-process accumulators (arc flows)."""
    kind = task["kind"]
    if kind == "assign":
        if "arc_flow" not in state:
            state["arc_flow"] = np.zeros(state["n_arcs"])
            state["sel_flow"] = np.zeros(state["n_arcs"]) if state.get("selected") is not None else None
        return assign_task(core, task, state["n_arcs"], state["arc_flow"], state.get("sel_flow"), state.get("selected"))
    if kind == "skim":
        return skim_task(core, task)
    if kind == "landmark":
        return landmark_task(core, task)
    raise ValueError(f"unknown task kind {kind}")
