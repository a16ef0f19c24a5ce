"""Node contraction with shortcuts: a smaller routing core with the same shortest distances.

After the degree-2 chains are merged (``graph.py``), most nodes of a road network still have three
or four neighbours and no zone attached. Removing such a node ``v`` and adding, for every
in-arc ``u -> v`` and out-arc ``v -> w``, a *shortcut* ``u -> w`` of cost ``c(u,v) + c(v,w)`` keeps
every shortest distance between the remaining nodes (the idea behind contraction hierarchies).
A shortcut is skipped when a *witness* shows it is not needed: the arc ``u -> w`` itself or a
two-arc path ``u -> x -> w`` through a node kept in this round, no longer than the shortcut.
Shortcuts that a longer detour beats are dropped at the end (:func:`dominated_free`).

Nodes are removed in rounds, each round an independent set (no two removed nodes adjacent) of the
nodes whose removal adds the fewest arcs, so a round is a few vectorised numpy passes. On the
benchmark's road-like grids this shrinks the core 5 to 8 times, and one shortest-path tree
costs about a third (scipy's Dijkstra time grows with the nodes it settles).

Every shortcut remembers the two arcs it replaces (``children``), round by round: loads on the
final core are pushed down the rounds to the arcs they stand for, exactly
(:func:`push_down`); per-arc quantities are summed up the rounds (:func:`sum_up`).

Terminals (the zones' nodes) are never removed. No QGIS import: the engine runs in worker
processes and benchmarks without QGIS.
"""

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from .arrays import ranges as _ranges

#: contract nodes whose removal adds at most this many arcs (in x out - in - out, before witnesses);
#: medium benchmark (scipy 1.17): 0 -> 3.3 ms per tree, 16 -> 1.7, 60 -> 1.3, 100 -> 1.2, 200 -> 1.16
MAX_SCORE = 100
MAX_ROUNDS = 40
#: stop when a round removes fewer nodes than this share of the core
MIN_ROUND_SHARE = 0.002
#: the final check of dominated shortcuts runs one Dijkstra per node, and each of scipy's
#: Dijkstra sources sets up every node (scipy 1.10: 1.4 s on a 32 000-node core, more than the
#: trees gain); above this many nodes it is skipped
MAX_PRUNE_NODES = 15_000


def _lookup(key, wanted):
    """Position of every ``wanted`` value in the sorted ``key`` and whether it is there."""
    if not key.shape[0]:
        return np.zeros(wanted.shape[0], dtype=np.int64), np.zeros(wanted.shape[0], dtype=bool)
    pos = np.minimum(np.searchsorted(key, wanted), key.shape[0] - 1)
    return pos, key[pos] == wanted


class Hierarchy:
    """Result of :func:`contract`: the final arcs and how their shortcuts unfold.

    ``tail``, ``head``, ``cost``: the final arcs (sorted by tail then head, no parallel arcs);
    ``arc_id``: their ids, below the number of input arcs an input arc, above a shortcut;
    ``children``: the two arc ids of every shortcut (shortcut ``input arcs + i`` is row ``i``);
    ``rptr``: shortcuts of round ``r`` are rows ``rptr[r]:rptr[r + 1]`` (children of a round are
    always older).
    """

    __slots__ = ("tail", "head", "cost", "arc_id", "children", "rptr")

    def __init__(self, tail, head, cost, arc_id, children, rptr):
        self.tail, self.head, self.cost, self.arc_id = tail, head, cost, arc_id
        self.children, self.rptr = children, rptr


def contract(tail, head, cost, n, terminal, max_score=MAX_SCORE, max_rounds=MAX_ROUNDS):
    """Contract non-terminal nodes of the arcs ``tail -> head`` (unique pairs, no loops) into shortcuts."""
    tail = np.asarray(tail, dtype=np.int64)
    head = np.asarray(head, dtype=np.int64)
    n_base = int(tail.shape[0])
    key = tail * n + head
    order = np.argsort(key, kind="stable")
    key, cost, ident = key[order], np.asarray(cost, dtype=np.float64)[order], order.astype(np.int64)
    used = np.zeros(n, dtype=bool)
    used[tail] = True
    used[head] = True
    contractible = used & ~np.asarray(terminal, dtype=bool)
    # a fixed pseudo-random tie-break: the same graph always contracts the same way
    jitter = ((np.arange(n, dtype=np.uint64) * np.uint64(2654435761)) % np.uint64(2**32)).astype(np.float64) / 2**32
    children, rptr = [], [0]
    next_id = n_base
    removed = np.zeros(n, dtype=bool)
    alive_count = int(used.sum())
    for _ in range(max_rounds):
        if not key.shape[0]:
            break
        t, h = key // n, key % n
        indeg = np.bincount(h, minlength=n)
        outdeg = np.bincount(t, minlength=n)
        score = indeg * outdeg - indeg - outdeg
        cand = contractible & ~removed & (score <= max_score)
        if not cand.any():
            break
        rank = score + jitter
        both = cand[t] & cand[h]
        loser = np.where(rank[t[both]] > rank[h[both]], t[both], h[both])
        cand[loser] = False  # of two adjacent candidates, the one with the higher rank waits
        sel = cand
        n_sel = int(sel.sum())
        if n_sel < max(1, MIN_ROUND_SHARE * alive_count):
            break
        optr = np.concatenate([[0], np.cumsum(outdeg)])  # arcs are sorted by tail
        # every in-arc u -> v of a removed node v, paired with every out-arc v -> w
        in_arcs = np.flatnonzero(sel[h])
        mid = h[in_arcs]
        fan = outdeg[mid]
        first = np.repeat(in_arcs, fan)
        second = _ranges(optr[mid], fan)
        s_tail, s_head = t[first], h[second]
        s_cost = cost[first] + cost[second]
        ok = s_tail != s_head
        first, second, s_tail, s_head, s_cost = first[ok], second[ok], s_tail[ok], s_head[ok], s_cost[ok]
        # several removed nodes may join the same u and w: the cheapest shortcut stays
        s_key = s_tail * n + s_head
        so = np.lexsort((s_cost, s_key))
        s_key, s_cost, first, second = s_key[so], s_cost[so], first[so], second[so]
        single = np.ones(s_key.shape[0], dtype=bool)
        single[1:] = s_key[1:] != s_key[:-1]
        s_key, s_cost, first, second = s_key[single], s_cost[single], first[single], second[single]
        # witnesses: the arc u -> w itself, or u -> x -> w through a node x kept in this round
        if s_key.shape[0]:
            pos, hit = _lookup(key, s_key)
            need = ~hit | (cost[np.where(hit, pos, 0)] > s_cost)
            s_key, s_cost, first, second = s_key[need], s_cost[need], first[need], second[need]
        if s_key.shape[0]:
            s_tail, s_head = s_key // n, s_key % n
            fan2 = outdeg[s_tail]
            step = _ranges(optr[s_tail], fan2)
            owner = np.repeat(np.arange(s_key.shape[0]), fan2)
            x = h[step]
            # x must stay, and a first arc as dear as the shortcut cannot start a witness
            usable = ~sel[x] & (cost[step] < s_cost[owner])
            step, owner, x = step[usable], owner[usable], x[usable]
            pos2, hit2 = _lookup(key, x * n + s_head[owner])
            owner = owner[hit2]
            wit = np.full(s_key.shape[0], np.inf)
            if owner.shape[0]:
                via = cost[step[hit2]] + cost[pos2[hit2]]
                starts = np.flatnonzero(np.r_[True, owner[1:] != owner[:-1]])
                wit[owner[starts]] = np.minimum.reduceat(via, starts)
            need = s_cost < wit
            s_key, s_cost, first, second = s_key[need], s_cost[need], first[need], second[need]
        s_ids = next_id + np.arange(s_key.shape[0], dtype=np.int64)
        children.append(np.stack([ident[first], ident[second]], axis=1))
        next_id += s_key.shape[0]
        rptr.append(next_id - n_base)
        # drop the arcs of the removed nodes, then merge the shortcuts in (key order kept)
        keep = ~(sel[t] | sel[h])
        key, cost, ident = key[keep], cost[keep], ident[keep]
        pos = np.searchsorted(key, s_key)
        exists = np.zeros(s_key.shape[0], dtype=bool)
        inside = pos < key.shape[0]
        exists[inside] = key[pos[inside]] == s_key[inside]
        # an existing arc u -> w is dearer than its shortcut (else it was a witness): replaced
        cost[pos[exists]] = s_cost[exists]
        ident[pos[exists]] = s_ids[exists]
        add = ~exists
        key = np.insert(key, pos[add], s_key[add])
        cost = np.insert(cost, pos[add], s_cost[add])
        ident = np.insert(ident, pos[add], s_ids[add])
        removed |= sel
        alive_count -= n_sel
    children = np.concatenate(children) if children else np.zeros((0, 2), dtype=np.int64)
    if rptr[-1] > 0 and alive_count <= MAX_PRUNE_NODES:
        keep = dominated_free(key, cost, n)
        key, cost, ident = key[keep], cost[keep], ident[keep]
    return Hierarchy(key // n, key % n, cost, ident, children, np.asarray(rptr, dtype=np.int64))


def dominated_free(key, cost, n, memory=4_000_000):
    """Mask of the arcs (``key = tail * n + head``, sorted) that are a shortest path between their ends.

    The 2-arc witnesses of :func:`contract` leave shortcuts that a longer detour beats: each
    node's out-arcs are checked against a Dijkstra from the node stopped at its dearest out-arc
    (nodes in batches of about ``memory`` distances). An arc strictly longer than the distance
    between its ends is never on a shortest path: dropping all of them keeps every distance."""
    tail, head = key // n, key % n
    nodes, local = np.unique(np.concatenate([tail, head]), return_inverse=True)
    k = int(nodes.shape[0])
    lt, lh = local[: tail.shape[0]], local[tail.shape[0] :]
    outdeg = np.bincount(lt, minlength=k)
    indptr = np.concatenate([[0], np.cumsum(outdeg)])
    graph = csr_matrix((cost, lh, indptr), shape=(k, k))
    dearest = np.zeros(k)
    has = outdeg > 0
    dearest[has] = np.maximum.reduceat(cost, indptr[:-1][has])
    order = np.argsort(dearest, kind="stable")
    order = order[has[order]]
    keep = np.ones(key.shape[0], dtype=bool)
    step = max(1, memory // max(1, k))
    for start in range(0, order.shape[0], step):
        batch = order[start : start + step]
        dist = dijkstra(graph, directed=True, indices=batch, limit=float(dearest[batch].max()))
        counts = outdeg[batch]
        arcs = _ranges(indptr[batch], counts)
        rows = np.repeat(np.arange(batch.shape[0]), counts)
        keep[arcs] = dist[rows, lh[arcs]] >= cost[arcs] * (1 - 1e-12)
    return keep


def sum_up(base_values, children, rptr):
    """Per-arc quantity for every id (input arcs then shortcuts): a shortcut sums its two children."""
    n_base = base_values.shape[0]
    out = np.empty(n_base + children.shape[0], dtype=np.float64)
    out[:n_base] = base_values
    for r in range(rptr.shape[0] - 1):
        rows = slice(int(rptr[r]), int(rptr[r + 1]))
        out[n_base + rows.start : n_base + rows.stop] = out[children[rows, 0]] + out[children[rows, 1]]
    return out


def any_up(base_mask, children, rptr):
    """Boolean per id: a shortcut is marked when one of its children is."""
    n_base = base_mask.shape[0]
    out = np.empty(n_base + children.shape[0], dtype=bool)
    out[:n_base] = base_mask
    for r in range(rptr.shape[0] - 1):
        rows = slice(int(rptr[r]), int(rptr[r + 1]))
        out[n_base + rows.start : n_base + rows.stop] = out[children[rows, 0]] | out[children[rows, 1]]
    return out


def push_down(values, arc_id, children, rptr, n_base):
    """Loads of the final arcs (``values``, one per ``arc_id``) carried down to the input arcs (``n_base``)."""
    total = n_base + children.shape[0]
    out = np.zeros(total, dtype=np.float64)
    out[arc_id] = values  # one final arc per id
    for r in range(rptr.shape[0] - 2, -1, -1):
        lo, hi = int(rptr[r]), int(rptr[r + 1])
        if hi == lo:
            continue
        load = out[n_base + lo : n_base + hi]
        limit = n_base + lo  # children are older than the round
        out[:limit] += np.bincount(children[lo:hi, 0], weights=load, minlength=limit)[:limit]
        out[:limit] += np.bincount(children[lo:hi, 1], weights=load, minlength=limit)[:limit]
    return out[:n_base]
