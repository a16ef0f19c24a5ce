"""Routing graph: input edges -> directed arcs -> contracted core (numpy + scipy, no QGIS).

:meth:`RoutingGraph.from_edges` takes one row per input edge (a network segment between two
nodes) with its length, its one-way status and an optional cost. Each edge gives a forward arc
``u -> v`` (id ``2 e``) and a backward arc ``v -> u`` (id ``2 e + 1``) where travel is allowed.

For routing, the graph is *contracted* for a given set of terminal nodes (the zones'
attachment nodes): parallel arcs keep the cheapest, nodes that no shortest path between
terminals can use are removed (dead ends, pure sources and sinks), and chains of degree-2 nodes
become single arcs that remember the input arcs they stand for. Loads computed on the core are
expanded back exactly onto the input edges.
"""

import hashlib
from collections import OrderedDict
from typing import Dict, Optional

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from ...providers.errors import DataError
from ...providers.i18n import translate
from . import shortcuts
from .arrays import load_npz, save_npz
from .arrays import ranges as _ranges
from .arrays import unique_ints as _unique_ints

#: changes when the arrays of a core change meaning (cached cores of another format are not read)
CORE_FORMAT = 2


def _dedup(tail, head, cost, first_member, n):
    """Indices of the arcs to keep: one per (tail, head), the cheapest (then lowest member id)."""
    key = tail.astype(np.int64) * n + head
    order = np.argsort(key, kind="stable")
    ks = key[order]
    dup = ks[1:] == ks[:-1]
    if not dup.any():
        return np.arange(key.shape[0])
    in_group = np.zeros(ks.shape[0], dtype=bool)
    in_group[1:] |= dup
    in_group[:-1] |= dup
    single = order[~in_group]
    grouped = order[in_group]
    sub = np.lexsort((first_member[grouped], cost[grouped], key[grouped]))
    gs = key[grouped][sub]
    first = np.ones(gs.shape[0], dtype=bool)
    first[1:] = gs[1:] != gs[:-1]
    return np.sort(np.concatenate([single, grouped[sub][first]]))


class _Arcs:
    """A set of directed arcs, each standing for a list of input arcs (``mptr``/``marcs``)."""

    __slots__ = ("tail", "head", "cost", "attrs", "mptr", "marcs")

    def __init__(self, tail, head, cost, attrs, mptr, marcs):
        self.tail, self.head, self.cost, self.attrs = tail, head, cost, attrs
        self.mptr, self.marcs = mptr, marcs

    def __len__(self):
        return int(self.tail.shape[0])

    def take(self, index):
        counts = self.mptr[index + 1] - self.mptr[index]
        marcs = self.marcs[_ranges(self.mptr[index], counts)]
        mptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        return _Arcs(
            self.tail[index],
            self.head[index],
            self.cost[index],
            {k: v[index] for k, v in self.attrs.items()},
            mptr,
            marcs,
        )

    def first_member(self):
        return self.marcs[self.mptr[:-1]]


def _degrees(arcs: _Arcs, n: int):
    """Distinct undirected neighbours, in-degree and out-degree of every node."""
    a = np.minimum(arcs.tail, arcs.head).astype(np.int64)
    b = np.maximum(arcs.tail, arcs.head).astype(np.int64)
    pairs = _unique_ints(a * n + b)
    nbr = np.bincount(pairs // n, minlength=n) + np.bincount(pairs % n, minlength=n)
    indeg = np.bincount(arcs.head, minlength=n)
    outdeg = np.bincount(arcs.tail, minlength=n)
    return nbr, indeg, outdeg


def _peel(arcs: _Arcs, n: int, terminal: np.ndarray, max_rounds: int = 50) -> _Arcs:
    """Remove non-terminal nodes that no path between other nodes can go through."""
    for _ in range(max_rounds):
        if not len(arcs):
            break
        nbr, indeg, outdeg = _degrees(arcs, n)
        used = (indeg + outdeg) > 0
        useless = used & ~terminal & ((nbr <= 1) | (indeg == 0) | (outdeg == 0))
        if not useless.any():
            break
        keep = ~(useless[arcs.tail] | useless[arcs.head])
        arcs = arcs.take(np.flatnonzero(keep))
    return arcs


def _contract_chains(arcs: _Arcs, n: int, terminal: np.ndarray) -> _Arcs:
    """Merge chains of degree-2 non-terminal nodes into single arcs (exact sums of members)."""
    m = len(arcs)
    if m == 0:
        return arcs
    nbr, _, _ = _degrees(arcs, n)
    through = ~terminal & (nbr == 2)
    tail, head = arcs.tail.astype(np.int64), arcs.head.astype(np.int64)
    if not through.any():
        return arcs
    # successor of arc x->v through a degree-2 node v: the arc v->y with y != x
    order = np.argsort(tail * n + head, kind="stable")
    otail = tail[order]
    start = np.searchsorted(otail, np.arange(n), side="left")
    stop = np.searchsorted(otail, np.arange(n), side="right")
    succ = np.full(m, -1, dtype=np.int64)
    cand_arcs = np.flatnonzero(through[head])
    for k in range(2):  # a degree-2 node has at most 2 out-arcs
        pos = start[head[cand_arcs]] + k
        ok = pos < stop[head[cand_arcs]]
        arc_ok, pos_ok = cand_arcs[ok], pos[ok]
        nxt = order[pos_ok]
        good = head[nxt] != tail[arc_ok]
        succ[arc_ok[good]] = nxt[good]
    pred = np.full(m, -1, dtype=np.int64)
    has = succ >= 0
    pred[succ[has]] = np.flatnonzero(has)
    # root (chain start) of every arc by pointer doubling over pred
    jump = np.where(pred >= 0, pred, np.arange(m))
    for _ in range(int(np.ceil(np.log2(m + 1))) + 1):
        nj = jump[jump]
        if np.array_equal(nj, jump):
            break
        jump = nj
    in_cycle = pred[jump] >= 0  # no start reached: a ring of degree-2 nodes
    bad_start = through[tail[jump]]  # starts inside a chain: only a U-turn leads there
    ends = np.flatnonzero((succ < 0) & ~in_cycle)
    end_of = np.full(m, -1, dtype=np.int64)
    end_of[jump[ends]] = ends
    bad_end = np.zeros(m, dtype=bool)
    bad_end[jump[ends]] = through[head[ends]]  # ends inside a chain: a dead end
    valid_root = (~in_cycle) & (~bad_start[np.arange(m)])
    keep_arc = valid_root & ~bad_end[jump]
    keep_arc &= ~in_cycle
    roots = np.flatnonzero(keep_arc & (jump == np.arange(m)))
    members_of = np.flatnonzero(keep_arc)
    # group member arcs by root, in path order is not needed: loads are sums
    grp = np.argsort(jump[members_of], kind="stable")
    members_sorted = members_of[grp]
    root_of_member = jump[members_sorted]
    root_index = np.full(m, -1, dtype=np.int64)
    root_index[roots] = np.arange(roots.shape[0])
    gid = root_index[root_of_member]
    new_tail = tail[roots]
    new_head = head[end_of[roots]]
    new_cost = np.bincount(gid, weights=arcs.cost[members_sorted], minlength=roots.shape[0])
    new_attrs = {
        k: np.bincount(gid, weights=v[members_sorted], minlength=roots.shape[0]) for k, v in arcs.attrs.items()
    }
    counts_arc = arcs.mptr[members_sorted + 1] - arcs.mptr[members_sorted]
    marcs = arcs.marcs[_ranges(arcs.mptr[members_sorted], counts_arc)]
    counts_root = np.bincount(gid, weights=counts_arc, minlength=roots.shape[0]).astype(np.int64)
    mptr = np.concatenate([[0], np.cumsum(counts_root)]).astype(np.int64)
    new = _Arcs(new_tail, new_head, new_cost, new_attrs, mptr, marcs)
    loops = new_tail == new_head
    if loops.any():
        new = new.take(np.flatnonzero(~loops))
    keep = _dedup(new.tail, new.head, new.cost, new.first_member(), n)
    if keep.shape[0] != len(new):
        new = new.take(keep)
    return new


class RoutingGraph:
    """A directed routing graph built from input edges, contracted on demand for given terminals."""

    def __init__(self):
        self.n_nodes = 0
        self.n_edges = 0
        self.edge_u = self.edge_v = None
        self.length_m = None
        self.oneway = None
        self.attrs: Dict[str, np.ndarray] = {}
        self.contract = True
        self.shortcuts = True  # node contraction with shortcuts after the chains (shortcuts.py)
        #: file prefix of a disk cache of cores (set by the caller that caches the graph itself):
        #: a batch run on the same network and zones skips the contraction
        self.core_store: Optional[str] = None
        self.core_source = ""  # where the last core came from: memory, disk or built
        self._arcs: Optional[_Arcs] = None
        self._cores: OrderedDict[bytes, dict] = OrderedDict()
        self._components = None

    # -- building ---------------------------------------------------------------------------------
    @classmethod
    def from_edges(
        cls, edge_u, edge_v, length_m, oneway, n_nodes, cost=None, contract=True, attrs=None, cost_ba=None
    ) -> "RoutingGraph":
        """edge_u/edge_v int arrays (node index per input edge), length_m float array (metres),
        oneway int8 array (0 both ways, 1 only u->v, -1 only v->u), cost float array (defaults to
        length; ``cost_ba`` for the v->u direction when it differs). ``attrs``: other per-edge
        quantities (e.g. ``{"time": seconds}``) that skims can sum along the routed paths.
        Edges with an infinite cost are closed."""
        g = cls()
        edge_u = np.asarray(edge_u, dtype=np.int64)
        edge_v = np.asarray(edge_v, dtype=np.int64)
        length_m = np.asarray(length_m, dtype=np.float64)
        oneway = np.asarray(oneway, dtype=np.int8)
        n_nodes = int(n_nodes)
        m = edge_u.shape[0]
        for name, arr in (("edge_v", edge_v), ("length_m", length_m), ("oneway", oneway)):
            if arr.shape[0] != m:
                raise DataError(
                    translate("RoutingGraph", "Graph edges: '{name}' has {count} values for {edges} edges.").format(
                        name=name, count=arr.shape[0], edges=m
                    )
                )
        if m and (edge_u.min() < 0 or edge_v.min() < 0 or max(edge_u.max(), edge_v.max()) >= n_nodes):
            raise DataError(
                translate("RoutingGraph", "Graph edges refer to nodes outside 0..{last}.").format(last=n_nodes - 1)
            )
        if m and (not np.all(np.isfinite(length_m)) or length_m.min() < 0):
            raise DataError(
                translate("RoutingGraph", "Graph edges: every length must be a finite number of metres, zero or more.")
            )
        if m and not np.all(np.isin(oneway, (-1, 0, 1))):
            raise DataError(
                translate(
                    "RoutingGraph", "Graph edges: one-way values must be 0 (both ways), 1 (u to v) or -1 (v to u)."
                )
            )
        cost_ab = length_m.copy() if cost is None else np.asarray(cost, dtype=np.float64)
        cost_back = cost_ab if cost_ba is None else np.asarray(cost_ba, dtype=np.float64)
        for arr in (cost_ab, cost_back):
            if arr.shape[0] != m:
                raise DataError(translate("RoutingGraph", "Graph edges: the cost array does not match the edges."))
            if m and (np.isnan(arr).any() or arr.min() < 0):
                raise DataError(
                    translate(
                        "RoutingGraph", "Graph edges: costs must be numbers, zero or more (infinite closes an edge)."
                    )
                )
        g.n_nodes, g.n_edges = n_nodes, m
        g.edge_u, g.edge_v, g.length_m, g.oneway = edge_u, edge_v, length_m, oneway
        g.cost_ab, g.cost_ba = cost_ab, cost_back
        g.attrs = {"length": length_m}
        for name, arr in (attrs or {}).items():
            arr = np.asarray(arr, dtype=np.float64)
            if arr.shape[0] != m:
                raise DataError(
                    translate("RoutingGraph", "Graph edges: attribute '{name}' does not match the edges.").format(
                        name=name
                    )
                )
            g.attrs[name] = arr
        g.contract = bool(contract)
        g._base_arcs()  # the directed arcs belong to the graph: built once, whatever the zones of a run
        return g

    def _base_arcs(self) -> _Arcs:
        """Directed arcs (ids 2e / 2e+1), self-loops and closed arcs dropped, parallels deduplicated."""
        if self._arcs is not None:
            return self._arcs
        m = self.n_edges
        eid = np.arange(m, dtype=np.int64)
        fwd = (self.oneway >= 0) & np.isfinite(self.cost_ab)
        bwd = (self.oneway <= 0) & np.isfinite(self.cost_ba)
        tail = np.concatenate([self.edge_u[fwd], self.edge_v[bwd]])
        head = np.concatenate([self.edge_v[fwd], self.edge_u[bwd]])
        ids = np.concatenate([2 * eid[fwd], 2 * eid[bwd] + 1])
        cost = np.concatenate([self.cost_ab[fwd], self.cost_ba[bwd]])
        attrs = {k: np.concatenate([v[fwd], v[bwd]]) for k, v in self.attrs.items()}
        keep = tail != head
        # scipy's sparse graphs may drop explicit zeros: give zero costs a tiny positive value
        positive = cost[keep & (cost > 0)]
        floor = max(float(np.median(positive)) * 1e-9 if positive.size else 1e-9, 1e-12)
        cost = np.maximum(cost, floor)
        idx = np.flatnonzero(keep)
        order = np.argsort(ids[idx], kind="stable")
        idx = idx[order]
        arcs = _Arcs(
            tail[idx],
            head[idx],
            cost[idx],
            {k: v[idx] for k, v in attrs.items()},
            np.arange(idx.shape[0] + 1, dtype=np.int64),
            ids[idx],
        )
        keep = _dedup(arcs.tail, arcs.head, arcs.cost, arcs.marcs, self.n_nodes)
        if keep.shape[0] != len(arcs):
            arcs = arcs.take(keep)
        self._arcs = arcs
        return arcs

    # -- components -------------------------------------------------------------------------------
    def components(self):
        """Strongly connected component label of every node (cached)."""
        if self._components is None:
            arcs = self._base_arcs()
            n = self.n_nodes
            mat = coo_matrix((np.ones(len(arcs)), (arcs.tail, arcs.head)), shape=(n, n)).tocsr()
            _, labels = connected_components(mat, directed=True, connection="strong")
            self._components = labels
        return self._components

    def largest_component_nodes(self) -> np.ndarray:
        """Boolean mask of the nodes of the largest strongly connected component (with arcs)."""
        labels = self.components()
        arcs = self._base_arcs()
        used = np.zeros(self.n_nodes, dtype=bool)
        used[arcs.tail] = True
        used[arcs.head] = True
        if not used.any():
            return used
        counts = np.bincount(labels[used], minlength=int(labels.max()) + 1)
        return (labels == int(np.argmax(counts))) & used

    # -- core -------------------------------------------------------------------------------------
    def core(self, terminals) -> dict:
        """The contracted core for these terminal nodes (kept in a small cache)."""
        terminals = _unique_ints(np.asarray(terminals, dtype=np.int64))
        key = terminals.tobytes()
        if key in self._cores:
            self._cores.move_to_end(key)
            self.core_source = "memory"
            return self._cores[key]
        path = self._core_path(terminals)
        core = self._load_core(path) if path else None
        if core is not None:
            self.core_source = "disk"
            self._remember(key, core)
            return core
        n = self.n_nodes
        is_terminal = np.zeros(n, dtype=bool)
        is_terminal[terminals] = True
        arcs = self._base_arcs()
        if self.contract:
            for attempt in range(5):
                arcs = _contract_chains(arcs, n, is_terminal)
                before = len(arcs)
                arcs = _peel(arcs, n, is_terminal)
                if len(arcs) == before:
                    break  # nothing peeled: the chains are already merged
                if attempt == 4:
                    arcs = _contract_chains(arcs, n, is_terminal)
        hierarchy = None
        if self.contract and self.shortcuts and len(arcs):
            hierarchy = shortcuts.contract(arcs.tail, arcs.head, arcs.cost, n, is_terminal)
        core = self._make_core(arcs, is_terminal, hierarchy)
        self.core_source = "built"
        self._remember(key, core)
        if path:
            try:
                save_npz(
                    path,
                    {k: v for k, v in core.items() if isinstance(v, np.ndarray) and not k.startswith("_")},
                    {k: v for k, v in core.items() if isinstance(v, int)},
                )
            except OSError:
                pass  # a cache that cannot be written only costs time
        return core

    def _remember(self, key, core):
        self._cores[key] = core
        while len(self._cores) > 4:
            self._cores.popitem(last=False)

    def _core_path(self, terminals) -> Optional[str]:
        if not self.core_store:
            return None
        flags = f"{CORE_FORMAT}:{int(self.contract)}:{int(self.shortcuts)}:{shortcuts.MAX_SCORE}:{shortcuts.MAX_ROUNDS}"
        digest = hashlib.sha256(flags.encode() + terminals.tobytes()).hexdigest()[:24]
        return f"{self.core_store}-core-{digest}.npz"

    @staticmethod
    def _load_core(path) -> Optional[dict]:
        loaded = load_npz(path)
        if loaded is None:
            return None
        arrays, meta = loaded
        core = dict(arrays)
        core.update({k: int(v) for k, v in meta.items()})
        if not {"n", "n_arcs", "n_base", "indptr", "arc_id", "children", "rptr", "node_map"} <= set(core):
            return None
        return core

    def _make_core(self, arcs: _Arcs, is_terminal, hierarchy=None) -> dict:
        """CSR arrays of the final arcs; ``arc_id``/``children``/``rptr`` tell how shortcuts unfold
        into ``arcs`` (the base arcs, each standing for input arcs through ``mptr``/``marcs``)."""
        n = self.n_nodes
        if hierarchy is None:
            order = np.argsort(arcs.tail.astype(np.int64) * n + arcs.head, kind="stable")
            tail, head, cost = arcs.tail[order], arcs.head[order], arcs.cost[order]
            arc_id = order.astype(np.int64)
            children, rptr = np.zeros((0, 2), dtype=np.int64), np.zeros(1, dtype=np.int64)
            attrs = {name: values[order] for name, values in arcs.attrs.items()}
        else:
            tail, head, cost, arc_id = hierarchy.tail, hierarchy.head, hierarchy.cost, hierarchy.arc_id
            children, rptr = hierarchy.children, hierarchy.rptr
            attrs = {name: shortcuts.sum_up(values, children, rptr)[arc_id] for name, values in arcs.attrs.items()}
        used = is_terminal.copy()
        used[tail] = True
        used[head] = True
        core_nodes = np.flatnonzero(used)
        node_map = np.full(n, -1, dtype=np.int64)
        node_map[core_nodes] = np.arange(core_nodes.shape[0])
        nc = int(core_nodes.shape[0])
        tail = node_map[tail]  # the mapping keeps the order: arcs stay sorted by (tail, head)
        head = node_map[head]
        index_dtype = np.int32
        indptr = np.concatenate([[0], np.cumsum(np.bincount(tail, minlength=nc))]).astype(index_dtype)
        in_order = np.argsort(head * nc + tail, kind="stable")
        in_ptr = np.concatenate([[0], np.cumsum(np.bincount(head, minlength=nc))]).astype(np.int64)
        core = {
            "n": nc,
            "n_arcs": int(tail.shape[0]),
            "indptr": indptr,
            "indices": head.astype(index_dtype),
            "data": cost.astype(np.float64),
            "in_ptr": in_ptr,
            "in_tail": tail[in_order].astype(np.int64),
            "in_arc": in_order.astype(np.int64),
            "rev_indptr": in_ptr.astype(index_dtype),
            "rev_indices": tail[in_order].astype(index_dtype),
            "rev_data": cost[in_order].astype(np.float64),
            "mptr": arcs.mptr,
            "marcs": arcs.marcs,
            "n_base": len(arcs),
            "arc_id": arc_id,
            "children": children,
            "rptr": rptr,
            "shortcuts": int(children.shape[0]),
            "node_map": node_map,
            "core_nodes": core_nodes,
        }
        for name, values in attrs.items():
            core["attr_" + name] = values.astype(np.float64)
        return core

    def _base_values(self, core: dict, core_values: np.ndarray) -> np.ndarray:
        """Per base arc values from per final arc values (shortcuts unfolded)."""
        return shortcuts.push_down(
            np.asarray(core_values, dtype=np.float64), core["arc_id"], core["children"], core["rptr"], core["n_base"]
        )

    def expand(self, core: dict, core_values: np.ndarray) -> np.ndarray:
        """Per input arc (2 E values: ab at 2e, ba at 2e+1) from per core arc values."""
        counts = np.diff(core["mptr"])
        base = self._base_values(core, core_values)
        return np.bincount(core["marcs"], weights=np.repeat(base, counts), minlength=2 * self.n_edges)

    def core_arc_mask(self, core: dict, edge_mask: np.ndarray) -> np.ndarray:
        """Per core arc: does it stand for at least one input arc of a marked edge (bool per input edge)?"""
        counts = np.diff(core["mptr"])
        member_of = np.repeat(np.arange(core["n_base"]), counts)
        base = (
            np.bincount(
                member_of, weights=np.asarray(edge_mask, dtype=np.float64)[core["marcs"] // 2], minlength=core["n_base"]
            )
            > 0
        )
        return shortcuts.any_up(base, core["children"], core["rptr"])[core["arc_id"]]
