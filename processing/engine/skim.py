"""Network skims: cost, distance and other sums along the shortest paths between nodes (no QGIS).

Same machinery as the assignment (contracted core, one tree per root, landmark limits, worker
processes on large problems). The routed cost is what the graph was built with; the other
quantities (``length`` always, plus the graph's ``attrs`` such as ``time``) are summed along the
chosen paths.
"""

from dataclasses import dataclass, field
from typing import Dict, Optional, Sequence

import numpy as np

from ...providers.errors import DataError
from ...providers.i18n import translate
from .assign import _check_pairs, early_workers, group_pairs, run_planned
from .graph import _unique_ints


@dataclass
class SkimResult:
    """Per pair (``pairs=True``) or per origin x destination (matrix) values; inf: no path."""

    cost: np.ndarray
    values: Dict[str, np.ndarray] = field(default_factory=dict)
    stats: Dict[str, float] = field(default_factory=dict)

    @property
    def length(self) -> np.ndarray:
        return self.values["length"]

    # a skim reads like the distances it holds
    def __array__(self, dtype=None):
        return np.asarray(self.length, dtype=dtype)


def skim(
    graph,
    origin_nodes,
    destination_nodes=None,
    pairs=False,
    attrs: Optional[Sequence[str]] = ("length",),
    workers=None,
    batch_size=None,
    cancel=None,
    progress=None,
    log=None,
) -> SkimResult:
    """Network distances (and costs) between nodes.

    - ``destination_nodes=None``: all pairs among ``origin_nodes`` (matrix O x O);
    - ``pairs=True``: ``origin_nodes[i] -> destination_nodes[i]`` (vectors);
    - otherwise the matrix origins x destinations.

    Returns :class:`SkimResult` with ``cost`` (the routed cost) and ``values[name]`` for every
    name in ``attrs`` (``length`` in metres, or any attribute given to ``from_edges``) summed
    along the routed path; ``inf`` where there is no path, 0 from a node to itself.
    """
    origin_nodes = np.asarray(origin_nodes)
    if destination_nodes is None:
        destination_nodes = origin_nodes
        pairs = False
    destination_nodes = np.asarray(destination_nodes)
    attrs = list(attrs or ())
    for name in attrs:
        if name not in graph.attrs:
            raise DataError(
                translate("Skim", "The graph has no attribute '{name}' to sum (it has: {names}).").format(
                    name=name, names=", ".join(sorted(graph.attrs))
                )
            )
    if pairs:
        o, d, _ = _check_pairs(graph, origin_nodes, destination_nodes)
        shape = o.shape
    else:
        oo, dd, _ = _check_pairs(graph, origin_nodes.reshape(-1), origin_nodes.reshape(-1))
        do, _, _ = _check_pairs(graph, destination_nodes.reshape(-1), destination_nodes.reshape(-1))
        shape = (oo.shape[0], do.shape[0])
        o = np.repeat(oo, do.shape[0])
        d = np.tile(do, oo.shape[0])
    n_pairs = o.shape[0]
    cost = np.full(n_pairs, np.inf)
    values = {name: np.full(n_pairs, np.inf) for name in attrs}
    same = o == d
    cost[same] = 0.0
    for name in attrs:
        values[name][same] = 0.0
    active = np.flatnonzero(~same)
    stats = {}
    if active.size:
        # unique pairs only (a matrix or a pair list may repeat them)
        key = o[active] * graph.n_nodes + d[active]
        ukey, inverse = _unique_ints(key, return_inverse=True)
        uo, ud = ukey // graph.n_nodes, ukey % graph.n_nodes
        with early_workers(graph, uo, ud, workers, batch_size) as pool:
            core = graph.core(_unique_ints(np.concatenate([uo, ud])))
            direct = [name for name in attrs if _same_as_cost(graph, name)]
            traced = [name for name in attrs if name not in direct]
            reverse = _unique_ints(ud).shape[0] < _unique_ints(uo).shape[0]
            order, roots, tptr, targets = group_pairs(core, uo, ud, reverse)
            ucost = np.full(ukey.shape[0], np.inf)
            uvals = {name: np.full(ukey.shape[0], np.inf) for name in traced}

            def on_result(task, result):
                idx = order[task["pair_index"]]
                ucost[idx] = result["cost"]
                for name in traced:
                    uvals[name][idx] = result[name]

            _, run_stats = run_planned(
                core,
                {"n_arcs": core["n_arcs"]},
                "skim",
                roots,
                tptr,
                targets,
                None,
                reverse,
                workers,
                batch_size,
                cancel,
                progress,
                on_result,
                log,
                extra={"attrs": traced},
                pool=pool,
            )
        stats.update(run_stats)
        cost[active] = ucost[inverse]
        for name in traced:
            values[name][active] = uvals[name][inverse]
        for name in direct:
            values[name][active] = ucost[inverse]
    elif progress is not None:
        progress(1.0)
    if not pairs:
        cost = cost.reshape(shape)
        values = {k: v.reshape(shape) for k, v in values.items()}
    return SkimResult(cost, values, stats)


def _same_as_cost(graph, name) -> bool:
    arr = graph.attrs[name]
    return np.array_equal(arr, graph.cost_ab) and np.array_equal(arr, graph.cost_ba)
