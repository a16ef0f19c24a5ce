"""Cycling potential: the uptake models of the Propensity to Cycle Tool (PCT) and what they need
(route distance, route gradient, trips within a zone), numpy only, no QGIS.

**Uptake.** The 2020 release of the PCT (England and Wales; Lovelace et al. 2017, *Journal of
Transport and Land Use* 10(1), doi:10.5198/jtlu.2016.862; coefficients of the R package ``pct``,
``R/uptake.R``, functions ``uptake_pct_govtarget_2020``, ``uptake_pct_godutch_2020`` and
``uptake_pct_ebike_2020``) gives the probability that a commute is cycled from its route distance
``d`` (km) and its route gradient ``g`` (average gradient in %, centred on 0.78 %)::

    logit(p) = alpha + d1 d + d2 sqrt(d) + d3 d^2 + h1 g' + i1 d g' + i2 sqrt(d) g',   g' = g - 0.78

- government target: alpha -4.018, d1 -0.6369, d2 1.988, d3 0.008775, h1 -0.2555, i1 0.02006,
  i2 -0.1234;
- Go Dutch: alpha + 2.550, d1 - 0.08036 (cycling as common as in the Netherlands, at each distance
  and gradient);
- e-bike: Go Dutch with d1 + 0.05509, d3 - 0.000295, h1 + 0.1812 (electric bicycles flatten the
  effect of distance and hills).

The cyclists of a scenario on an OD pair are ``max(p x flow, cyclists today)``: a scenario never
takes away today's cyclists.

**Route gradient.** The average of the absolute gradient along the route, weighted by distance:
``100 x (sum of |height change| along the route) / route length``, the « hilliness » the PCT uses
(the route's climbs and descents both count). Heights come from a DEM sampled along every network
segment (:func:`segment_height_change`); the routing engine sums the height change of the segments
of each route like it sums their lengths.

**Trips within a zone** (most short commutes stay in their commune) have no network route. Their
distance is the mean distance between two points drawn at random in a disc of the zone's area
(``128 / (45 pi) x r``, about 0.905 r, with ``r = sqrt(area / pi)``), times a detour factor of 1.3
from the straight line to a route (:func:`intrazonal_distance_km`). Pairs between two zones with no
route on the network (an end too far from it, or both ends on the same node) get their straight-line
distance times the same detour factor (:func:`detour_km`).
"""

import math
from dataclasses import dataclass, replace
from typing import Dict, Optional, Tuple

import numpy as np

from ...providers.errors import DataError
from ...providers.i18n import translate
from .arrays import ranges

#: the PCT's gradient centring: the models take g - 0.78 (England's average commute gradient)
GRADIENT_CENTRE = 0.78
#: mean distance between two random points of a disc, as a share of its radius: 128 / (45 pi)
DISC_MEAN_DISTANCE = 128.0 / (45.0 * math.pi)
#: route length over straight-line distance (trips within a zone, pairs routed off the network)
DETOUR = 1.3
#: longest trip of the scenarios by default (km): the PCT leaves longer commutes out
MAX_DISTANCE_KM = 30.0


@dataclass(frozen=True)
class UptakeModel:
    """Coefficients of one PCT uptake model (see the module doc)."""

    alpha: float
    d1: float
    d2: float
    d3: float
    h1: float
    i1: float
    i2: float


GOVERNMENT_TARGET = UptakeModel(alpha=-4.018, d1=-0.6369, d2=1.988, d3=0.008775, h1=-0.2555, i1=0.02006, i2=-0.1234)
GO_DUTCH = replace(GOVERNMENT_TARGET, alpha=-4.018 + 2.550, d1=-0.6369 - 0.08036)
EBIKE = replace(GO_DUTCH, d1=GO_DUTCH.d1 + 0.05509, d3=GO_DUTCH.d3 - 0.000295, h1=GO_DUTCH.h1 + 0.1812)

#: scenario id -> model (ids are stable: command line, field names)
SCENARIOS: Dict[str, UptakeModel] = {"government_target": GOVERNMENT_TARGET, "go_dutch": GO_DUTCH, "ebike": EBIKE}


def model_of(scenario: str) -> UptakeModel:
    try:
        return SCENARIOS[scenario]
    except KeyError:
        raise DataError(
            translate("Potential", "Unknown scenario '{scenario}': use one of {ids}.").format(
                scenario=scenario, ids=", ".join(SCENARIOS)
            )
        ) from None


def logit_uptake(distance_km, gradient_pct, model: UptakeModel) -> np.ndarray:
    """logit(p) of the model for route distances (km) and route gradients (%)."""
    d = np.asarray(distance_km, dtype=np.float64)
    g = np.asarray(gradient_pct, dtype=np.float64) - GRADIENT_CENTRE
    root = np.sqrt(np.maximum(d, 0.0))
    return (
        model.alpha
        + model.d1 * d
        + model.d2 * root
        + model.d3 * d * d
        + model.h1 * g
        + model.i1 * d * g
        + model.i2 * root * g
    )


def uptake(distance_km, gradient_pct, scenario: str, max_distance_km: float = MAX_DISTANCE_KM) -> np.ndarray:
    """Share of the commuters who cycle in ``scenario`` (0..1) on routes of ``distance_km`` and
    ``gradient_pct``; 0 beyond ``max_distance_km``; NaN where the distance is unknown (NaN)."""
    model = model_of(scenario)
    d = np.asarray(distance_km, dtype=np.float64)
    g = np.broadcast_to(np.asarray(gradient_pct, dtype=np.float64), d.shape)
    if np.any(d[np.isfinite(d)] < 0):
        raise DataError(translate("Potential", "Route distances must be zero or more kilometres."))
    logit = logit_uptake(d, g, model)
    with np.errstate(over="ignore"):
        p = 1.0 / (1.0 + np.exp(-logit))
    p = np.where(np.isfinite(d), p, np.nan)
    return np.where(np.isfinite(d) & (d > max_distance_km), 0.0, p)


def scenario_cyclists(p, flow, now) -> np.ndarray:
    """Cyclists of a scenario: ``max(p x flow, cyclists today)``; today's where ``p`` is unknown."""
    p = np.asarray(p, dtype=np.float64)
    flow = np.asarray(flow, dtype=np.float64)
    now = np.asarray(now, dtype=np.float64)
    modelled = np.where(np.isfinite(p), p * flow, 0.0)
    return np.maximum(modelled, now)


def intrazonal_distance_km(area_m2, detour: float = DETOUR) -> np.ndarray:
    """Route distance of a trip within a zone of ``area_m2`` (see the module doc); NaN for a zone
    without area (a point)."""
    area = np.asarray(area_m2, dtype=np.float64)
    radius = np.sqrt(np.maximum(area, 0.0) / math.pi)
    km = detour * DISC_MEAN_DISTANCE * radius / 1000.0
    return np.where(area > 0, km, np.nan)


def detour_km(straight_m, detour: float = DETOUR) -> np.ndarray:
    """Route distance estimated from a straight-line distance in metres."""
    return detour * np.asarray(straight_m, dtype=np.float64) / 1000.0


def route_gradient_pct(height_change_m, length_m) -> np.ndarray:
    """Average absolute gradient (%) of routes of ``length_m`` climbing and descending
    ``height_change_m`` in all; 0 for a route of no length; NaN where either is unknown."""
    rise = np.asarray(height_change_m, dtype=np.float64)
    length = np.asarray(length_m, dtype=np.float64)
    out = np.divide(100.0 * rise, length, out=np.zeros(np.broadcast(rise, length).shape), where=length > 0)
    return np.where(np.isfinite(rise) & np.isfinite(length), out, np.nan)


# -- heights from a DEM ------------------------------------------------------------------------------
@dataclass
class Grid:
    """A DEM block: ``values[row, col]`` (NaN: no data), the map position of the top-left corner of
    the top-left cell, and the cell size (``dy`` > 0, rows go south)."""

    values: np.ndarray
    x0: float
    y0: float
    dx: float
    dy: float


def sample_grid(grid: Grid, x, y) -> np.ndarray:
    """Heights at the points (x, y) by bilinear interpolation between cell centres (nearest cell
    along the border); NaN outside the grid or next to a cell without data."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    values = np.asarray(grid.values, dtype=np.float64)
    rows, cols = values.shape
    out = np.full(x.shape, np.nan)
    if rows == 0 or cols == 0:
        return out
    fc = (x - grid.x0) / grid.dx - 0.5  # column position between cell centres
    fr = (grid.y0 - y) / grid.dy - 0.5
    inside = (fc >= -0.5) & (fc <= cols - 0.5) & (fr >= -0.5) & (fr <= rows - 0.5) & np.isfinite(fc) & np.isfinite(fr)
    fc = np.clip(fc[inside], 0.0, cols - 1.0)
    fr = np.clip(fr[inside], 0.0, rows - 1.0)
    c0 = np.minimum(np.floor(fc).astype(np.int64), max(cols - 2, 0))
    r0 = np.minimum(np.floor(fr).astype(np.int64), max(rows - 2, 0))
    c1 = np.minimum(c0 + 1, cols - 1)
    r1 = np.minimum(r0 + 1, rows - 1)
    tc = fc - c0
    tr = fr - r0
    top = values[r0, c0] * (1 - tc) + values[r0, c1] * tc
    bottom = values[r1, c0] * (1 - tc) + values[r1, c1] * tc
    out[inside] = top * (1 - tr) + bottom * tr
    return out


def densified_points(xy, piece_start, piece_end, step_m: float) -> Tuple[np.ndarray, np.ndarray]:
    """Points along every piece (its vertices, plus points every ``step_m`` at most between them),
    in order: ``(points N x 2, piece of each point)``."""
    xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
    start = np.asarray(piece_start, dtype=np.int64)
    end = np.asarray(piece_end, dtype=np.int64)
    if start.size == 0:
        return np.zeros((0, 2)), np.zeros(0, dtype=np.int64)
    if not (step_m > 0):
        raise DataError(translate("Potential", "The sampling step along the network must be more than 0 m."))
    counts = end - start  # sub-segments per piece
    seg_piece = np.repeat(np.arange(start.size), counts)
    seg_first = ranges(start, counts)  # first vertex of every sub-segment
    a = xy[seg_first]
    b = xy[seg_first + 1]
    seg_len = np.hypot(b[:, 0] - a[:, 0], b[:, 1] - a[:, 1])
    parts = np.maximum(1, np.ceil(seg_len / step_m).astype(np.int64))
    owner_seg = np.repeat(np.arange(seg_piece.size), parts)
    k = np.arange(owner_seg.size) - np.repeat(np.cumsum(parts) - parts, parts)
    t = (k / parts[owner_seg])[:, None]
    inner = a[owner_seg] + (b[owner_seg] - a[owner_seg]) * t
    # each piece: its sub-segment starts, then its last vertex
    pts = np.concatenate([inner, xy[end]])
    piece_of = np.concatenate([seg_piece[owner_seg], np.arange(start.size)])
    rank = np.concatenate([owner_seg.astype(np.float64), np.full(start.size, np.inf)])
    order = np.lexsort((rank, piece_of))
    return pts[order], piece_of[order]


def segment_height_change(z, piece_of, n_pieces: int) -> Tuple[np.ndarray, np.ndarray]:
    """Sum of ``|height change|`` between consecutive points of each piece, and whether each piece
    had a height at every point. Points without a height (NaN: a hole in the DEM, the edge of its
    extent) are skipped: the change is measured between the points on either side."""
    z = np.asarray(z, dtype=np.float64)
    piece_of = np.asarray(piece_of, dtype=np.int64)
    rise = np.zeros(n_pieces)
    complete = np.ones(n_pieces, dtype=bool)
    known = np.isfinite(z)
    if not known.all():
        complete[np.unique(piece_of[~known])] = False
    z, piece_of = z[known], piece_of[known]
    if z.size < 2:
        return rise, complete
    same = piece_of[1:] == piece_of[:-1]
    step = np.abs(np.diff(z))
    rise += np.bincount(piece_of[1:][same], weights=step[same], minlength=n_pieces)
    return rise, complete


def mean_gradient_pct(height_change_m, length_m, mask: Optional[np.ndarray] = None) -> float:
    """Length-weighted average gradient (%) of some segments (all when ``mask`` is None); 0 when they
    have no length."""
    rise = np.asarray(height_change_m, dtype=np.float64)
    length = np.asarray(length_m, dtype=np.float64)
    if mask is not None:
        rise, length = rise[mask], length[mask]
    total = float(length.sum())
    return 100.0 * float(rise.sum()) / total if total > 0 else 0.0


def within_zone_gradients(zone_shapes, mid_x, mid_y, height_change_m, length_m) -> np.ndarray:
    """Average gradient (%) of the network segments whose middle lies in each zone (shapely polygons,
    same CRS as the points), weighted by length: the gradient given to the trips within a zone; NaN
    for a zone without a segment (or without area)."""
    mid_x = np.asarray(mid_x, dtype=np.float64)
    mid_y = np.asarray(mid_y, dtype=np.float64)
    rise = np.asarray(height_change_m, dtype=np.float64)
    length = np.asarray(length_m, dtype=np.float64)
    out = np.full(len(zone_shapes), np.nan)
    try:
        from shapely import contains_xy  # shapely 2
    except ImportError:  # shapely 1.8
        contains_xy = None
    from shapely.geometry import Point
    from shapely.prepared import prep

    for i, shape in enumerate(zone_shapes):
        if shape is None or shape.is_empty or shape.area <= 0:
            continue
        x0, y0, x1, y1 = shape.bounds
        cand = np.flatnonzero((mid_x >= x0) & (mid_x <= x1) & (mid_y >= y0) & (mid_y <= y1))
        if cand.size == 0:
            continue
        if contains_xy is not None:
            inside = cand[contains_xy(shape, mid_x[cand], mid_y[cand])]
        else:
            prepared = prep(shape)
            inside = cand[[prepared.contains(Point(mid_x[j], mid_y[j])) for j in cand]]
        total = float(length[inside].sum())
        if total > 0:
            out[i] = 100.0 * float(rise[inside].sum()) / total
    return out


def zone_table(origin, destination, flow, now, scenario, distance_km=None):
    """Per zone (pandas DataFrame indexed by code): commuters living there (``commuters``, as origin),
    today's and the scenario's cyclists among them and their shares, the extra cyclists, the trips
    within the zone, the commuters working there (``commuters_in``, as destination) and the scenario
    cyclists among them, and the flow-weighted mean route distance of the residents' trips (km)."""
    import pandas as pd

    frame = pd.DataFrame(
        {
            "origin": np.asarray(origin, dtype=object),
            "destination": np.asarray(destination, dtype=object),
            "flow": np.asarray(flow, dtype=np.float64),
            "now": np.asarray(now, dtype=np.float64),
            "scenario": np.asarray(scenario, dtype=np.float64),
        }
    )
    dist = np.asarray(distance_km, dtype=np.float64) if distance_km is not None else np.full(len(frame), np.nan)
    known = np.isfinite(dist)
    frame["flow_d"] = np.where(known, frame["flow"].to_numpy(), 0.0)
    frame["flow_km"] = np.where(known, frame["flow"].to_numpy() * np.where(known, dist, 0.0), 0.0)
    within = frame["origin"].to_numpy() == frame["destination"].to_numpy()
    frame["within"] = np.where(within, frame["flow"].to_numpy(), 0.0)
    frame["within_scenario"] = np.where(within, frame["scenario"].to_numpy(), 0.0)
    out = frame.groupby("origin", sort=True)[
        ["flow", "now", "scenario", "within", "within_scenario", "flow_d", "flow_km"]
    ].sum()
    inflow = frame.groupby("destination", sort=True)[["flow", "scenario"]].sum()
    table = pd.DataFrame(index=sorted(set(out.index) | set(inflow.index)))
    table["commuters"] = out["flow"]
    table["cyclists_now"] = out["now"]
    table["cyclists_scenario"] = out["scenario"]
    table["extra_cyclists"] = out["scenario"] - out["now"]
    table["commuters_within"] = out["within"]
    table["cyclists_within_scenario"] = out["within_scenario"]
    table["commuters_in"] = inflow["flow"]
    table["cyclists_scenario_in"] = inflow["scenario"]
    for column in table.columns:
        table[column] = table[column].fillna(0.0)
    commuters = table["commuters"].to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        table["share_now"] = np.where(commuters > 0, table["cyclists_now"].to_numpy() / commuters, np.nan)
        table["share_scenario"] = np.where(commuters > 0, table["cyclists_scenario"].to_numpy() / commuters, np.nan)
        flow_d = out["flow_d"].reindex(table.index).fillna(0.0).to_numpy()
        flow_km = out["flow_km"].reindex(table.index).fillna(0.0).to_numpy()
        table["mean_distance_km"] = np.where(flow_d > 0, flow_km / np.where(flow_d > 0, flow_d, 1.0), np.nan)
    return table


def piece_boxes(xy, piece_start, piece_end) -> np.ndarray:
    """Bounding box ``(xmin, ymin, xmax, ymax)`` of every piece (vertices ``start..end`` inclusive)."""
    xy = np.asarray(xy, dtype=np.float64).reshape(-1, 2)
    start = np.asarray(piece_start, dtype=np.int64)
    end = np.asarray(piece_end, dtype=np.int64)
    counts = end - start + 1
    owner = np.repeat(np.arange(start.size), counts)
    index = ranges(start, counts)
    out = np.empty((start.size, 4))
    for column, (axis, reduce) in enumerate(((0, np.minimum), (1, np.minimum), (0, np.maximum), (1, np.maximum))):
        values = np.full(start.size, np.inf if reduce is np.minimum else -np.inf)
        reduce.at(values, owner, xy[index, axis])
        out[:, column] = values
    return out


def near_boxes(boxes, others, distance: float, cell: Optional[float] = None) -> np.ndarray:
    """Which ``boxes`` (N x 4) come within ``distance`` of at least one of ``others`` (M x 4): a
    quick filter on a grid (exact on the grid cells, so it may keep a few boxes that are not near,
    never drop one that is)."""
    boxes = np.asarray(boxes, dtype=np.float64).reshape(-1, 4)
    others = np.asarray(others, dtype=np.float64).reshape(-1, 4)
    if boxes.shape[0] == 0 or others.shape[0] == 0:
        return np.zeros(boxes.shape[0], dtype=bool)
    grown = others + np.array([-distance, -distance, distance, distance])
    x0, y0 = min(boxes[:, 0].min(), grown[:, 0].min()), min(boxes[:, 1].min(), grown[:, 1].min())
    x1, y1 = max(boxes[:, 2].max(), grown[:, 2].max()), max(boxes[:, 3].max(), grown[:, 3].max())
    if cell is None:
        cell = max(4.0 * distance, 50.0, max(x1 - x0, y1 - y0) / 2000.0)
    cols, rows = int((x1 - x0) // cell) + 1, int((y1 - y0) // cell) + 1
    marked = np.zeros((rows + 1, cols + 1), dtype=np.int64)  # difference array of the marked rectangles
    c0 = ((grown[:, 0] - x0) // cell).astype(np.int64)
    r0 = ((grown[:, 1] - y0) // cell).astype(np.int64)
    c1 = ((grown[:, 2] - x0) // cell).astype(np.int64)
    r1 = ((grown[:, 3] - y0) // cell).astype(np.int64)
    np.add.at(marked, (r0, c0), 1)
    np.add.at(marked, (r0, c1 + 1), -1)
    np.add.at(marked, (r1 + 1, c0), -1)
    np.add.at(marked, (r1 + 1, c1 + 1), 1)
    occupied = (marked.cumsum(axis=0).cumsum(axis=1)[:rows, :cols] > 0).astype(np.int64)
    table = np.zeros((rows + 1, cols + 1), dtype=np.int64)  # summed-area table of the occupied cells
    table[1:, 1:] = occupied.cumsum(axis=0).cumsum(axis=1)
    bc0 = ((boxes[:, 0] - x0) // cell).astype(np.int64)
    br0 = ((boxes[:, 1] - y0) // cell).astype(np.int64)
    bc1 = ((boxes[:, 2] - x0) // cell).astype(np.int64) + 1
    br1 = ((boxes[:, 3] - y0) // cell).astype(np.int64) + 1
    hits = table[br1, bc1] - table[br0, bc1] - table[br1, bc0] + table[br0, bc0]
    return hits > 0


__all__ = [
    "DETOUR",
    "DISC_MEAN_DISTANCE",
    "EBIKE",
    "GOVERNMENT_TARGET",
    "GO_DUTCH",
    "GRADIENT_CENTRE",
    "Grid",
    "MAX_DISTANCE_KM",
    "SCENARIOS",
    "UptakeModel",
    "densified_points",
    "detour_km",
    "intrazonal_distance_km",
    "logit_uptake",
    "mean_gradient_pct",
    "near_boxes",
    "piece_boxes",
    "model_of",
    "route_gradient_pct",
    "sample_grid",
    "scenario_cyclists",
    "segment_height_change",
    "uptake",
    "within_zone_gradients",
    "zone_table",
]
