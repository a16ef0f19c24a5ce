"""All-or-nothing assignment of OD flows on a :class:`RoutingGraph` (numpy + scipy, no QGIS).

One shortest-path tree per root (origin, or destination when there are fewer distinct
destinations: the trees then run on the reversed graph), computed by scipy's Dijkstra in batches
of roots; every pair's flow is carried down its tree with vectorised numpy (node through-flows
summed with ``np.bincount``, then put on the tree arcs). Each tree stops at a distance limit
estimated from a few *landmark* trees (the triangle inequality through the landmark); a root
whose targets are not all reached within its limit is run again without limit, so the result is
exact. Large problems run across worker processes (``parallel.py``).
"""

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Dict, Optional

import numpy as np

from ...providers.errors import Canceled, DataError
from ...providers.i18n import translate
from . import parallel
from .graph import _ranges, _unique_ints

#: memory for one batch of trees, bytes per process: 12 bytes per (root, node), distances and
#: predecessors while scipy runs, then predecessors and node through-flows
BATCH_MEMORY = 100 * 2**20
MAX_BATCH = 64
#: roots per task when no batch size is requested: smaller tasks keep the arrays of a batch
#: in cache and balance the workers (medium benchmark, 2 workers: 16 roots per task 9 % faster
#: than 63)
TASK_BATCH = 16
LIMIT_MARGIN = 1.05
#: estimate each tree's distance limit from a few landmark trees first
LANDMARKS = True


@dataclass
class AssignmentResult:
    """Loads per input edge and what could not be assigned."""

    flow_ab: np.ndarray  # per input edge, travelling u -> v
    flow_ba: np.ndarray  # per input edge, travelling v -> u
    unrouted: np.ndarray  # indices of the OD pairs with no path
    same_node: np.ndarray  # indices of the OD pairs whose origin and destination are the same node
    flow_assigned: float
    flow_unrouted: float
    flow_same_node: float
    flow_km: float  # sum over edges of (flow_ab + flow_ba) x length / 1000
    select_pairs: Optional[np.ndarray] = None  # pairs whose path uses a selected edge
    select_ab: Optional[np.ndarray] = None  # loads of those pairs only
    select_ba: Optional[np.ndarray] = None
    stats: Dict[str, float] = field(default_factory=dict)

    @property
    def flow(self) -> np.ndarray:
        return self.flow_ab + self.flow_ba


def _check_pairs(graph, origin_nodes, destination_nodes, flows=None):
    o = np.asarray(origin_nodes)
    d = np.asarray(destination_nodes)
    if o.shape != d.shape or o.ndim != 1:
        raise DataError(translate("Assignment", "Origins and destinations must be two lists of the same length."))
    if o.size and (not np.issubdtype(o.dtype, np.integer) or not np.issubdtype(d.dtype, np.integer)):
        raise DataError(translate("Assignment", "Origins and destinations must be node indices (integers)."))
    o = o.astype(np.int64)
    d = d.astype(np.int64)
    if o.size and (min(o.min(), d.min()) < 0 or max(o.max(), d.max()) >= graph.n_nodes):
        raise DataError(
            translate("Assignment", "An origin or destination is not a node of the graph (0..{last}).").format(
                last=graph.n_nodes - 1
            )
        )
    if flows is None:
        return o, d, None
    f = np.asarray(flows, dtype=np.float64)
    if f.shape != o.shape:
        raise DataError(translate("Assignment", "There must be one flow per OD pair."))
    if f.size and (not np.all(np.isfinite(f)) or f.min() < 0):
        raise DataError(translate("Assignment", "Flows must be finite numbers, zero or more."))
    return o, d, f


def batch_size(n_core_nodes: int, n_roots: int, requested: Optional[int] = None) -> int:
    if requested:
        return max(1, int(requested))
    by_memory = max(1, BATCH_MEMORY // max(1, 12 * n_core_nodes))
    return int(max(1, min(MAX_BATCH, by_memory, max(4, -(-n_roots // 16)))))


def group_pairs(core, o, d, reverse):
    """Pairs sorted by root: ``order`` (pair indices), ``roots`` (core nodes), ``tptr``, ``targets``."""
    node_map = core["node_map"]
    root = node_map[d] if reverse else node_map[o]
    target = node_map[o] if reverse else node_map[d]
    order = np.lexsort((target, root))
    root_sorted = root[order]
    starts = (
        np.flatnonzero(np.r_[True, root_sorted[1:] != root_sorted[:-1]])
        if root_sorted.size
        else np.zeros(0, dtype=np.int64)
    )
    roots = root_sorted[starts]
    tptr = np.concatenate([starts, [order.shape[0]]]).astype(np.int64)
    return order, roots.astype(np.int64), tptr, target[order].astype(np.int64)


@contextmanager
def early_workers(graph, o, d, workers, batch):
    """Worker processes started before the core is contracted (their start overlaps it), or None;
    closed on the way out whatever happens."""
    n_roots = min(_unique_ints(o).shape[0], _unique_ints(d).shape[0])
    n_tasks = -(-n_roots // (batch or TASK_BATCH))
    pool = parallel.prestart(workers, float(n_roots) * 2 * graph.n_edges, n_tasks)
    try:
        yield pool
    finally:
        if pool is not None:
            pool.close()


def run_planned(
    core,
    state,
    kind,
    roots,
    tptr,
    targets,
    values,
    reverse,
    workers,
    batch,
    cancel,
    progress,
    on_result,
    log,
    extra=None,
    pool=None,
):
    """Landmark trees first, limits estimated from them, then every other root; returns the executor
    states (per-process accumulators) and stats."""
    n_roots = roots.shape[0]
    plan = batch_size(core["n"], n_roots, batch)  # landmark choice and count, as before
    size = plan if batch else min(plan, TASK_BATCH)
    stats = {"batch_size": size, "roots": n_roots, "core_nodes": core["n"], "core_arcs": core["n_arcs"], "reran": 0}
    n_tasks = -(-n_roots // size) if n_roots else 0
    executor = parallel.make_executor(core, state, workers, float(n_roots) * core["n_arcs"], n_tasks, log, pool, cancel)
    stats["workers"] = executor.workers
    stats["backend"] = getattr(executor, "backend", "local")  # "dask" on a cluster (cluster.py)
    done_roots = [0]

    def handle(task, result):
        stats["reran"] += result.get("reran", 0)
        on_result(task, result)
        done_roots[0] += task["roots"].shape[0]
        if progress is not None and n_roots:
            progress(done_roots[0] / n_roots)

    try:
        use_landmarks = LANDMARKS and n_roots >= 4 * plan and n_roots >= 24
        if use_landmarks:
            n_land = min(plan, max(8, n_roots // 32))
            land = np.unique(np.linspace(0, n_roots - 1, n_land).round().astype(np.int64))
            rest = np.setdiff1d(np.arange(n_roots), land)
            columns = _unique_ints(np.concatenate([roots, targets]))
            col_of = {"roots": np.searchsorted(columns, roots), "targets": np.searchsorted(columns, targets)}
            land_tasks, land_sets = [], []
            # tasks of `size` roots whatever the executor: the roots routed together, hence the
            # loads to the last bit, never depend on where the tasks run (local, processes, Dask)
            per = size
            for start in range(0, land.shape[0], per):
                sel = land[start : start + per]
                land_tasks.append(_subset_task(kind, roots, tptr, targets, values, reverse, sel, extra, columns))
                land_sets.append(sel)
            dists = [None] * len(land_tasks)

            def on_land(i, result):
                dists[i] = result.pop("columns_dist")
                handle(land_tasks[i], result)

            executor.run(land_tasks, on_land, cancel)
            land_dist = np.vstack(dists)  # landmarks x columns
            limits = estimate_limits(land_dist, col_of["roots"][rest], tptr, col_of["targets"], rest)
            order = np.argsort(limits, kind="stable")
            rest = rest[order]
            limits = limits[order]
            tasks = []
            for start in range(0, rest.shape[0], size):
                sel = rest[start : start + size]
                task = _subset_task(kind, roots, tptr, targets, values, reverse, sel, extra, None)
                task["limit"] = float(limits[start : start + size].max())
                tasks.append(task)
        else:
            tasks = [
                _subset_task(
                    kind, roots, tptr, targets, values, reverse, np.arange(s, min(s + size, n_roots)), extra, None
                )
                for s in range(0, n_roots, size)
            ]
        executor.run(tasks, lambda i, result: handle(tasks[i], result), cancel)
        states = executor.finish()
        stats["tasks_by_process"] = list(getattr(executor, "tasks_done", [n_tasks]))
    finally:
        executor.close()
    return states, stats


def _subset_task(kind, roots, tptr, targets, values, reverse, sel, extra, columns):
    counts = tptr[sel + 1] - tptr[sel]
    pair_index = _ranges(tptr[sel], counts)
    task = {
        "kind": kind,
        "roots": roots[sel],
        "tptr": np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
        "targets": targets[pair_index],
        "reverse": reverse,
        "limit": np.inf,
        "pair_index": pair_index,
    }
    if values is not None:
        task["values"] = values[pair_index]
    if columns is not None:
        task["columns"] = columns
    if extra:
        task.update(extra)
    return task


def estimate_limits(land_dist, root_cols, tptr, target_cols, rest):
    """Upper estimate of each root's farthest target: min over landmarks L of d(L, root) + d(L, target).

    Exact upper bound on two-way networks (d(root, L) = d(L, root)); on one-way networks an
    estimate, with a margin: a root whose targets are not all reached is run again anyway."""
    limits = np.empty(rest.shape[0])
    chunk = max(1, 2_000_000 // max(1, land_dist.shape[0]))
    counts = tptr[rest + 1] - tptr[rest]
    pair_index = _ranges(tptr[rest], counts)
    owner = np.repeat(np.arange(rest.shape[0]), counts)
    est = np.empty(pair_index.shape[0])
    for start in range(0, pair_index.shape[0], chunk):
        sl = slice(start, start + chunk)
        rc = root_cols[owner[sl]]
        tc = target_cols[pair_index[sl]]
        est[sl] = (land_dist[:, rc] + land_dist[:, tc]).min(axis=0)
    has = counts > 0
    limits[:] = 0.0
    if has.any():
        starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
        limits[has] = np.maximum.reduceat(est, starts[has])
    limits = limits * LIMIT_MARGIN
    limits[~np.isfinite(limits)] = np.inf
    return limits


def assign(
    graph,
    origin_nodes,
    destination_nodes,
    flows,
    workers=None,
    batch_size=None,
    cancel=None,
    progress=None,
    selected_edges=None,
    log=None,
) -> AssignmentResult:
    """OD pairs given as node indices of the input graph; returns per INPUT edge flow_ab (u->v) and flow_ba (v->u),
    plus .unrouted (indices of pairs with no path), .flow_assigned, .flow_km.

    ``workers``: processes (None: automatic; 1: this process); ``batch_size``: roots per batch
    (None: from the memory budget); ``cancel``: callable, True stops (raises ``Canceled``) between
    batches; ``progress``: callable receiving 0..1; ``selected_edges``: bool per input edge (or edge
    indices) for a select-link analysis; ``log``: callable receiving messages."""
    started = time.perf_counter()
    o, d, f = _check_pairs(graph, origin_nodes, destination_nodes, flows)
    same = np.flatnonzero((o == d) & (f > 0))
    active = np.flatnonzero((o != d) & (f > 0))
    m = graph.n_edges
    if selected_edges is not None:
        sel = np.asarray(selected_edges)
        if sel.dtype != bool:
            mask = np.zeros(m, dtype=bool)
            mask[sel.astype(np.int64)] = True
            sel = mask
        if sel.shape[0] != m:
            raise DataError(translate("Assignment", "The selection must have one value per edge."))
    unrouted = []
    hits = []
    result_flow = np.zeros(2 * m)
    sel_flow = np.zeros(2 * m) if selected_edges is not None else None
    stats = {}
    if active.size:
        with early_workers(graph, o[active], d[active], workers, batch_size) as pool:
            terminals = _unique_ints(np.concatenate([o[active], d[active]]))
            t0 = time.perf_counter()
            core = graph.core(terminals)
            stats["contract_s"] = time.perf_counter() - t0
            stats["core_source"] = graph.core_source
            reverse = _unique_ints(d[active]).shape[0] < _unique_ints(o[active]).shape[0]
            order, roots, tptr, targets = group_pairs(core, o[active], d[active], reverse)
            values = f[active][order]
            state = {"n_arcs": core["n_arcs"]}
            if selected_edges is not None:
                state["selected"] = graph.core_arc_mask(core, sel)

            def on_result(task, result):
                pidx = task["pair_index"]
                if result["unrouted"].size:
                    unrouted.append(active[order[pidx[result["unrouted"]]]])
                if "hits" in result and result["hits"].size:
                    hits.append(active[order[pidx[result["hits"]]]])

            states, run_stats = run_planned(
                core,
                state,
                "assign",
                roots,
                tptr,
                targets,
                values,
                reverse,
                workers,
                batch_size,
                cancel,
                progress,
                on_result,
                log,
                pool=pool,
            )
            stats.update(run_stats)
            stats["reverse"] = bool(reverse)
            arc_flow = np.zeros(core["n_arcs"])
            sel_arc = np.zeros(core["n_arcs"]) if sel_flow is not None else None
            for st in states:
                if st.get("arc_flow") is not None:
                    arc_flow += st["arc_flow"]
                if sel_arc is not None and st.get("sel_flow") is not None:
                    sel_arc += st["sel_flow"]
            result_flow = graph.expand(core, arc_flow)
            if sel_arc is not None:
                sel_flow = graph.expand(core, sel_arc)
    elif progress is not None:
        progress(1.0)
    unrouted = np.sort(np.concatenate(unrouted)) if unrouted else np.zeros(0, dtype=np.int64)
    flow_ab, flow_ba = result_flow[0::2].copy(), result_flow[1::2].copy()
    flow_km = float(np.dot(flow_ab + flow_ba, graph.length_m) / 1000.0)
    flow_unrouted = float(f[unrouted].sum()) if unrouted.size else 0.0
    flow_same = float(f[same].sum()) if same.size else 0.0
    flow_assigned = float(f[active].sum()) - flow_unrouted
    stats["seconds"] = time.perf_counter() - started
    result = AssignmentResult(
        flow_ab, flow_ba, unrouted, same, flow_assigned, flow_unrouted, flow_same, flow_km, stats=stats
    )
    if sel_flow is not None:
        result.select_pairs = np.sort(np.concatenate(hits)) if hits else np.zeros(0, dtype=np.int64)
        result.select_ab = sel_flow[0::2].copy()
        result.select_ba = sel_flow[1::2].copy()
    return result


__all__ = ["AssignmentResult", "assign", "Canceled"]
