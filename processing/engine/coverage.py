"""Cycle-facility coverage of a routed network, and its ranked gaps (numpy, scipy, shapely; no QGIS).

- :class:`GeometryIndex`: an STRtree whose queries return *indices*, with shapely 1.8 (where
  ``STRtree.query`` returns geometries) and 2.x (where it returns indices) alike.
- :func:`covered_shares`: per network segment, the share of its length that runs alongside a cycle
  facility. The parts of the facilities lying within the match distance of the segment are
  projected onto it; the share is the length of the union of those projections over the segment's
  length. A facility running along the road covers the length it runs; a facility that only
  crosses the road projects onto (almost) a point and covers (almost) nothing; a facility farther
  than the match distance covers nothing. Segments and facilities must be in the same projected CRS
  (metres).
- :func:`rank_gaps`: uncovered loaded segments joined into stretches from junction to junction
  over the network model's node indices, ranked by flow-km.
- :func:`coverage_totals`: flow-km on all segments and on covered ones.
"""

from dataclasses import dataclass
from typing import Callable, List, Optional, Sequence

import numpy as np
import shapely
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from shapely.geometry import Point, box

from ...providers.errors import Canceled, DataError
from ...providers.i18n import translate

#: shapely 2.x, by a feature test: Debian's shapely reports ``__version__ == "0+unknown"``, so its version
#: string cannot be parsed (``get_coordinates`` is new in 2.0)
SHAPELY_2 = hasattr(shapely, "get_coordinates")
#: segments between two cancel / progress checks
CHECK_EVERY = 200


def check_parameters(match_distance: float, min_covered_share: float, min_gap_flow: float = 0.0) -> None:
    """Raise :class:`DataError` with what to fix when a coverage parameter is out of range."""
    if not np.isfinite(match_distance) or match_distance <= 0:
        raise DataError(
            translate(
                "Coverage",
                "The match distance must be more than 0 metres (it is {value}): set how far from a network segment a "
                "cycle facility may lie, e.g. 15 m.",
            ).format(value=match_distance)
        )
    if not np.isfinite(min_covered_share) or min_covered_share < 0 or min_covered_share > 1:
        raise DataError(
            translate(
                "Coverage",
                "The minimum covered share must be between 0 and 1 (it is {value}): e.g. 0.5 counts a segment as "
                "covered when half of its length runs along a facility.",
            ).format(value=min_covered_share)
        )
    if not np.isfinite(min_gap_flow) or min_gap_flow < 0:
        raise DataError(
            translate("Coverage", "The minimum gap flow must be 0 or more (it is {value}).").format(value=min_gap_flow)
        )


class GeometryIndex:
    """STRtree over a list of geometries; :meth:`query` gives the indices of the geometries whose
    envelope meets the envelope of the query geometry (sorted), whatever the shapely version."""

    def __init__(self, geometries: Sequence):
        import warnings

        from shapely.strtree import STRtree

        self.geometries = list(geometries)
        kept = [g is not None and not g.is_empty for g in self.geometries]
        self._positions = np.flatnonzero(np.array(kept, dtype=bool)) if self.geometries else np.zeros(0, np.int64)
        stored = [self.geometries[i] for i in self._positions]
        self._stored = stored
        self._by_id = {id(g): i for i, g in enumerate(stored)}
        self._tree = None
        if stored:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # shapely 1.8 warns that STRtree changes in 2.0
                self._tree = STRtree(stored)

    def __len__(self):
        return len(self.geometries)

    def query(self, geometry) -> np.ndarray:
        if self._tree is None or geometry is None or geometry.is_empty:
            return np.zeros(0, dtype=np.int64)
        hits = self._tree.query(geometry)
        hits = list(hits) if not isinstance(hits, np.ndarray) else hits
        if len(hits) == 0:
            return np.zeros(0, dtype=np.int64)
        first = hits[0]
        if isinstance(first, (int, np.integer)):  # shapely 2.x: indices into the stored list
            local = np.asarray(hits, dtype=np.int64)
        else:  # shapely 1.x: the stored geometry objects themselves
            local = np.array([self._by_id[id(g)] for g in hits], dtype=np.int64)
        return np.sort(self._positions[local])


def _line_parts(geometry):
    """The LineStrings of an intersection result (points and empties left out)."""
    if geometry is None or geometry.is_empty:
        return []
    kind = geometry.geom_type
    if kind == "LineString":
        return [geometry]
    if kind in ("MultiLineString", "GeometryCollection"):
        parts = []
        for part in geometry.geoms:
            parts.extend(_line_parts(part))
        return parts
    return []


def _union_length(intervals: List[tuple]) -> float:
    if not intervals:
        return 0.0
    intervals.sort()
    total = 0.0
    start, end = intervals[0]
    for a, b in intervals[1:]:
        if a > end:
            total += end - start
            start, end = a, b
        elif b > end:
            end = b
    return total + (end - start)


def segment_share(segment, facilities: Sequence, candidates: Sequence[int], match_distance: float) -> float:
    """Share (0..1) of ``segment`` alongside the ``candidates`` among ``facilities`` (see the module doc)."""
    if segment is None or segment.is_empty:
        return 0.0
    length = segment.length
    zone = segment.buffer(match_distance)
    intervals = []
    for j in candidates:
        facility = facilities[j]
        if facility is None or facility.is_empty or not facility.intersects(zone):
            continue
        parts = _line_parts(facility.intersection(zone))
        if length <= 0 and parts:
            return 1.0  # a zero-length segment next to a facility
        for part in parts:
            positions = [segment.project(Point(xy)) for xy in part.coords]
            intervals.append((min(positions), max(positions)))
    if length <= 0:
        return 0.0
    return float(min(1.0, _union_length(intervals) / length))


def covered_shares(
    segments: Sequence,
    facilities: Sequence,
    match_distance: float,
    cancel: Optional[Callable[[], bool]] = None,
    progress: Optional[Callable[[float], None]] = None,
) -> np.ndarray:
    """Per segment (shapely lines, metres), the share of its length alongside a facility (shapely
    lines in the same CRS) within ``match_distance``. ``cancel``: callable, True raises
    :class:`Canceled`; ``progress``: callable receiving 0..1."""
    check_parameters(match_distance, 0.0)
    index = GeometryIndex(facilities)
    shares = np.zeros(len(segments), dtype=np.float64)
    total = max(1, len(segments))
    for i, segment in enumerate(segments):
        if i % CHECK_EVERY == 0:
            if cancel is not None and cancel():
                raise Canceled()
            if progress is not None:
                progress(i / total)
        if segment is None or segment.is_empty:
            continue
        minx, miny, maxx, maxy = segment.bounds
        candidates = index.query(
            box(minx - match_distance, miny - match_distance, maxx + match_distance, maxy + match_distance)
        )
        if candidates.size:
            shares[i] = segment_share(segment, index.geometries, candidates, match_distance)
    if progress is not None:
        progress(1.0)
    return shares


def is_covered(shares: np.ndarray, min_covered_share: float) -> np.ndarray:
    """A segment is covered when some of it runs along a facility and at least ``min_covered_share``
    of it does (0: any length along a facility)."""
    shares = np.asarray(shares, dtype=np.float64)
    return (shares > 0) & (shares >= min_covered_share - 1e-12)


@dataclass
class CoverageTotals:
    flow_km: float
    flow_km_covered: float

    @property
    def covered_share(self) -> float:
        return self.flow_km_covered / self.flow_km if self.flow_km > 0 else 0.0


def coverage_totals(flow: np.ndarray, length_m: np.ndarray, covered: np.ndarray) -> CoverageTotals:
    flow_km = np.asarray(flow, dtype=np.float64) * np.asarray(length_m, dtype=np.float64) / 1000.0
    covered = np.asarray(covered, dtype=bool)
    return CoverageTotals(float(flow_km.sum()), float(flow_km[covered].sum()))


@dataclass
class Gap:
    rank: int  # 1 = largest flow-km
    segments: np.ndarray  # segment indices, ascending
    length_m: float
    max_flow: float
    mean_flow: float  # length-weighted: flow-km / km
    flow_km: float


def rank_gaps(
    node_u: np.ndarray, node_v: np.ndarray, length_m: np.ndarray, flow: np.ndarray, gap_mask: np.ndarray
) -> List[Gap]:
    """Stretches of the segments in ``gap_mask``, ranked by flow-km (then by maximum flow, then by
    first segment).

    A stretch runs from junction to junction of the gap segments: two gap segments are joined at a
    node where exactly two of them meet, and cut where three or more meet (or one ends). Joining
    every touching gap segment would merge a whole uncovered network into one "gap" (the sample's
    main roads: one stretch of 136 km), useless for choosing where to build next."""
    node_u = np.asarray(node_u, dtype=np.int64)
    node_v = np.asarray(node_v, dtype=np.int64)
    length_m = np.asarray(length_m, dtype=np.float64)
    flow = np.asarray(flow, dtype=np.float64)
    gap_mask = np.asarray(gap_mask, dtype=bool)
    sizes = {node_v.shape[0], length_m.shape[0], flow.shape[0], gap_mask.shape[0]}
    if sizes != {node_u.shape[0]}:
        raise DataError(
            translate("Coverage", "Gap ranking: node, length, flow and gap arrays must have one value per segment.")
        )
    seg = np.flatnonzero(gap_mask)
    if seg.size == 0:
        return []
    # segment ends at every node; a node met by exactly two ends joins their two segments
    ends = np.concatenate([node_u[seg], node_v[seg]])
    owner = np.concatenate([np.arange(seg.size), np.arange(seg.size)])
    order = np.argsort(ends, kind="stable")
    ends, owner = ends[order], owner[order]
    starts = np.flatnonzero(np.r_[True, ends[1:] != ends[:-1]])
    counts = np.diff(np.r_[starts, ends.shape[0]])
    pair = starts[counts == 2]
    links = coo_matrix((np.ones(pair.size), (owner[pair], owner[pair + 1])), shape=(seg.size, seg.size)).tocsr()
    _, labels = connected_components(links, directed=False)
    groups, group_of = np.unique(labels, return_inverse=True)
    n = groups.shape[0]
    fkm = flow[seg] * length_m[seg] / 1000.0
    g_len = np.bincount(group_of, weights=length_m[seg], minlength=n)
    g_fkm = np.bincount(group_of, weights=fkm, minlength=n)
    g_count = np.bincount(group_of, minlength=n)
    g_max = np.full(n, -np.inf)
    np.maximum.at(g_max, group_of, flow[seg])
    g_first = np.full(n, np.iinfo(np.int64).max)
    np.minimum.at(g_first, group_of, seg)
    g_sum = np.bincount(group_of, weights=flow[seg], minlength=n)
    order = np.lexsort((g_first, -g_max, -g_fkm))
    members = np.argsort(group_of, kind="stable")
    starts = np.concatenate([[0], np.cumsum(g_count)[:-1]])
    gaps = []
    for rank, g in enumerate(order, start=1):
        segs = np.sort(seg[members[starts[g] : starts[g] + g_count[g]]])
        mean = g_fkm[g] * 1000.0 / g_len[g] if g_len[g] > 0 else g_sum[g] / g_count[g]
        gaps.append(Gap(rank, segs, float(g_len[g]), float(g_max[g]), float(mean), float(g_fkm[g])))
    return gaps


__all__ = [
    "GeometryIndex",
    "covered_shares",
    "segment_share",
    "is_covered",
    "coverage_totals",
    "CoverageTotals",
    "rank_gaps",
    "Gap",
    "check_parameters",
    "SHAPELY_2",
]
