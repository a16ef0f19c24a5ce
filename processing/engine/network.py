"""From line geometries to graph edges: noding, snapping, directions, speeds (numpy/scipy, no QGIS).

:func:`build_line_network` takes the lines of a layer as vertex arrays in a projected CRS (metres)
and returns *pieces* (the graph edges) between *nodes*:

- lines are cut at interior vertices shared with another line (OSM ways meet at shared nodes);
- endpoints closer than the tolerance to a vertex of another line are snapped to one node;
- optionally, lines are also cut where they cross without a shared vertex (unnoded layers; note
  that this also connects bridges to the roads under them);
- every piece keeps the index of its input line, its vertices and its length in metres.

:func:`direction_codes` maps a direction field (BD TOPO, OSM, BNAC or a user mapping) to 0 / 1 /
-1; :func:`speeds_kmh` resolves speeds from a speed field, then defaults by road type, then a
default speed.
"""

import math
import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, Optional, Sequence, Tuple

import numpy as np
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

from ...providers.errors import Canceled, DataError
from ...providers.i18n import translate
from .graph import _ranges, _unique_ints

EXACT = 0.01  # metres: vertices closer than this are the same point
BUILDER_VERSION = 2


@dataclass
class LineNetwork:
    xy: np.ndarray  # vertices (V x 2), lines one after the other (crossing points inserted)
    piece_start: np.ndarray  # first vertex of each piece (index into xy)
    piece_end: np.ndarray  # last vertex of each piece (inclusive)
    piece_line: np.ndarray  # input line of each piece
    node_u: np.ndarray
    node_v: np.ndarray
    node_xy: np.ndarray  # N x 2
    length: np.ndarray  # metres, per piece
    stats: Dict[str, int] = field(default_factory=dict)

    @property
    def n_nodes(self) -> int:
        return int(self.node_xy.shape[0])

    def piece_coords(self, index: int) -> np.ndarray:
        return self.xy[self.piece_start[index] : self.piece_end[index] + 1]

    def arrays(self) -> Dict[str, np.ndarray]:
        return {
            k: getattr(self, k)
            for k in ("xy", "piece_start", "piece_end", "piece_line", "node_u", "node_v", "node_xy", "length")
        }


def _flatten(lines: Sequence[np.ndarray]):
    counts = np.array([line.shape[0] for line in lines], dtype=np.int64)
    xy = (
        np.concatenate([np.asarray(line, dtype=np.float64).reshape(-1, 2) for line in lines])
        if lines
        else np.zeros((0, 2))
    )
    ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return xy, ptr


def _group_pairs(cell, item):
    """All pairs of items sharing a cell (unique, i < j)."""
    order = np.lexsort((item, cell))
    cell, item = cell[order], item[order]
    starts = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]])
    sizes = np.diff(np.r_[starts, cell.shape[0]])
    pos = np.arange(cell.shape[0])
    group_end = np.repeat(starts + sizes, sizes)
    partners = group_end - pos - 1
    a_pos = np.repeat(pos, partners)
    b_pos = _ranges(pos + 1, partners)
    a, b = item[a_pos], item[b_pos]
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    keep = lo != hi
    key = _unique_ints(lo[keep] * (int(item.max()) + 1) + hi[keep])
    return key // (int(item.max()) + 1), key % (int(item.max()) + 1)


def split_at_crossings(xy, ptr, cancel=None):
    """Insert a vertex wherever two segments cross (or a segment end lies on another segment)."""
    seg_line, seg_a = _segments(ptr)
    if seg_a.shape[0] < 2:
        return xy, ptr, 0
    p, q = xy[seg_a], xy[seg_a + 1]
    lo, hi = np.minimum(p, q), np.maximum(p, q)
    seg_len = np.hypot(*(q - p).T)
    extent = float(max(np.ptp(xy[:, 0]), np.ptp(xy[:, 1]), 1.0))
    cell = max(float(np.median(seg_len)) * 2.0, extent / 4000.0, 1.0)
    cx0, cy0 = np.floor(lo[:, 0] / cell).astype(np.int64), np.floor(lo[:, 1] / cell).astype(np.int64)
    cx1, cy1 = np.floor(hi[:, 0] / cell).astype(np.int64), np.floor(hi[:, 1] / cell).astype(np.int64)
    nx, ny = cx1 - cx0 + 1, cy1 - cy0 + 1
    counts = nx * ny
    seg = np.repeat(np.arange(seg_a.shape[0]), counts)
    k = _ranges(np.zeros(seg_a.shape[0], dtype=np.int64), counts)
    gx = cx0[seg] + k % nx[seg]
    gy = cy0[seg] + k // nx[seg]
    gx -= gx.min()
    gy -= gy.min()
    cells = gx * (int(gy.max()) + 1) + gy
    if cancel is not None and cancel():
        raise Canceled()
    i, j = _group_pairs(cells, seg)
    # adjacent segments of one line share a vertex: not a crossing
    same = (seg_line[i] == seg_line[j]) & (np.abs(i - j) <= 1)
    i, j = i[~same], j[~same]
    # bounding boxes overlap
    ov = (lo[i, 0] <= hi[j, 0]) & (lo[j, 0] <= hi[i, 0]) & (lo[i, 1] <= hi[j, 1]) & (lo[j, 1] <= hi[i, 1])
    i, j = i[ov], j[ov]
    r = q[i] - p[i]
    s = q[j] - p[j]
    qp = p[j] - p[i]
    denom = r[:, 0] * s[:, 1] - r[:, 1] * s[:, 0]
    ok = np.abs(denom) > 1e-12 * np.maximum(seg_len[i] * seg_len[j], 1e-12)
    with np.errstate(divide="ignore", invalid="ignore"):
        t = (qp[:, 0] * s[:, 1] - qp[:, 1] * s[:, 0]) / denom
        u = (qp[:, 0] * r[:, 1] - qp[:, 1] * r[:, 0]) / denom
    eps = 1e-9
    hit = ok & (t >= -eps) & (t <= 1 + eps) & (u >= -eps) & (u <= 1 + eps)
    i, j, t, u = i[hit], j[hit], np.clip(t[hit], 0, 1), np.clip(u[hit], 0, 1)
    point = p[i] + t[:, None] * (q[i] - p[i])
    # a vertex is inserted on each segment whose interior holds the point
    tol_i = EXACT / np.maximum(seg_len[i], 1e-12)
    tol_j = EXACT / np.maximum(seg_len[j], 1e-12)
    in_i = (t > tol_i) & (t < 1 - tol_i)
    in_j = (u > tol_j) & (u < 1 - tol_j)
    ins_seg = np.concatenate([i[in_i], j[in_j]])
    ins_t = np.concatenate([t[in_i], u[in_j]])
    ins_xy = np.concatenate([point[in_i], point[in_j]])
    if ins_seg.shape[0] == 0:
        return xy, ptr, 0
    new_xy, new_ptr = _insert_points(xy, ptr, seg_a, seg_line, ins_seg, ins_t, ins_xy)
    return new_xy, new_ptr, int(np.unique(np.round(ins_xy / EXACT).astype(np.int64), axis=0).shape[0])


def _segments(ptr):
    n_lines = ptr.shape[0] - 1
    per_line = np.maximum(np.diff(ptr) - 1, 0)
    return np.repeat(np.arange(n_lines), per_line), _ranges(ptr[:-1], per_line)


def _insert_points(xy, ptr, seg_a, seg_line, ins_seg, ins_t, ins_xy):
    """Vertices ``ins_xy`` inserted at parameter ``ins_t`` of segments ``ins_seg``, in line order."""
    n_lines = ptr.shape[0] - 1
    v_line = np.repeat(np.arange(n_lines), np.diff(ptr))
    v_pos = (np.arange(xy.shape[0]) - ptr[v_line]).astype(np.float64)
    ins_line = seg_line[ins_seg]
    ins_pos = (seg_a[ins_seg] - ptr[ins_line]) + ins_t
    all_line = np.concatenate([v_line, ins_line])
    all_pos = np.concatenate([v_pos, ins_pos])
    all_xy = np.concatenate([xy, ins_xy])
    order = np.lexsort((all_pos, all_line))
    new_counts = np.bincount(all_line, minlength=n_lines)
    return all_xy[order], np.concatenate([[0], np.cumsum(new_counts)]).astype(np.int64)


def snap_ends_to_segments(xy, ptr, tolerance):
    """Line ends that stop short of (or overshoot onto) another line within ``tolerance`` get a
    vertex inserted at the nearest point of that line, so that snapping joins them."""
    seg_line, seg_a = _segments(ptr)
    sizes = np.diff(ptr)
    valid = np.flatnonzero(sizes >= 2)
    if seg_a.shape[0] == 0 or valid.shape[0] == 0 or tolerance <= EXACT:
        return xy, ptr, 0
    ends = np.concatenate([ptr[:-1][valid], ptr[1:][valid] - 1])
    end_line = np.concatenate([valid, valid])
    p, q = xy[seg_a], xy[seg_a + 1]
    lo, hi = np.minimum(p, q) - tolerance, np.maximum(p, q) + tolerance
    seg_len = np.hypot(*(q - p).T)
    cell = max(float(np.median(seg_len)) * 2.0, tolerance * 2.0, 1.0)
    cx0, cy0 = np.floor(lo[:, 0] / cell).astype(np.int64), np.floor(lo[:, 1] / cell).astype(np.int64)
    nx = np.floor(hi[:, 0] / cell).astype(np.int64) - cx0 + 1
    ny = np.floor(hi[:, 1] / cell).astype(np.int64) - cy0 + 1
    counts = nx * ny
    seg = np.repeat(np.arange(seg_a.shape[0]), counts)
    k = _ranges(np.zeros(seg_a.shape[0], dtype=np.int64), counts)
    gx = cx0[seg] + k % nx[seg]
    gy = cy0[seg] + k // nx[seg]
    ex = np.floor(xy[ends, 0] / cell).astype(np.int64)
    ey = np.floor(xy[ends, 1] / cell).astype(np.int64)
    big = np.int64(1) << 31
    seg_key = gx * big + gy
    end_key = ex * big + ey
    order = np.argsort(seg_key, kind="stable")
    sk = seg_key[order]
    start = np.searchsorted(sk, end_key, side="left")
    stop = np.searchsorted(sk, end_key, side="right")
    cand_end = np.repeat(np.arange(ends.shape[0]), stop - start)
    cand_seg = seg[order[_ranges(start, stop - start)]]
    other = seg_line[cand_seg] != end_line[cand_end]
    cand_end, cand_seg = cand_end[other], cand_seg[other]
    if cand_end.shape[0] == 0:
        return xy, ptr, 0
    r = q[cand_seg] - p[cand_seg]
    e = xy[ends[cand_end]]
    denom = np.maximum((r * r).sum(axis=1), 1e-24)
    t = np.clip(((e - p[cand_seg]) * r).sum(axis=1) / denom, 0.0, 1.0)
    foot = p[cand_seg] + t[:, None] * r
    dist = np.hypot(*(foot - e).T)
    near = dist <= tolerance
    cand_end, cand_seg, t, foot, dist = cand_end[near], cand_seg[near], t[near], foot[near], dist[near]
    if cand_end.shape[0] == 0:
        return xy, ptr, 0
    # nearest segment per end
    best = np.lexsort((cand_seg, dist, cand_end))
    first = np.r_[True, cand_end[best][1:] != cand_end[best][:-1]]
    pick = best[first]
    tol_t = EXACT / np.maximum(seg_len[cand_seg[pick]], 1e-12)
    inner = (t[pick] > tol_t) & (t[pick] < 1 - tol_t) & (dist[pick] > EXACT)
    pick = pick[inner]
    if pick.shape[0] == 0:
        return xy, ptr, 0
    new_xy, new_ptr = _insert_points(xy, ptr, seg_a, seg_line, cand_seg[pick], t[pick], foot[pick])
    return new_xy, new_ptr, int(pick.shape[0])


def build_line_network(
    lines: Sequence[np.ndarray], tolerance: float = 0.0, split_crossings: bool = False, cancel=None
) -> LineNetwork:
    """Pieces and nodes of a set of lines (vertex arrays in metres; a line per part of a feature)."""
    if tolerance is None or not math.isfinite(tolerance) or tolerance < 0:
        raise DataError(translate("LineNetwork", "The snapping tolerance must be a distance in metres, zero or more."))
    lines = [np.asarray(line, dtype=np.float64).reshape(-1, 2) for line in lines]
    xy, ptr = _flatten(lines)
    if xy.shape[0] and not np.all(np.isfinite(xy)):
        raise DataError(translate("LineNetwork", "The network has vertices with invalid coordinates."))
    crossings = 0
    if split_crossings:
        xy, ptr, crossings = split_at_crossings(xy, ptr, cancel)
    xy, ptr, t_junctions = snap_ends_to_segments(xy, ptr, tolerance)
    if cancel is not None and cancel():
        raise Canceled()
    n_lines = ptr.shape[0] - 1
    v_line = np.repeat(np.arange(n_lines), np.diff(ptr))
    is_end = np.zeros(xy.shape[0], dtype=bool)
    sizes = np.diff(ptr)
    valid = sizes >= 2
    is_end[ptr[:-1][valid]] = True
    is_end[ptr[1:][valid] - 1] = True
    nv = xy.shape[0]
    tree = cKDTree(xy) if nv else None
    pa, pb = [], []
    if nv:
        exact = tree.query_pairs(EXACT, output_type="ndarray")
        if exact.shape[0]:
            pa.append(exact[:, 0])
            pb.append(exact[:, 1])
        if tolerance > EXACT:
            ends = np.flatnonzero(is_end)
            sdm = cKDTree(xy[ends]).sparse_distance_matrix(tree, tolerance, output_type="ndarray")
            a = ends[sdm["i"]]
            b = sdm["j"]
            other = v_line[a] != v_line[b]
            pa.append(a[other])
            pb.append(b[other])
    a = np.concatenate(pa) if pa else np.zeros(0, dtype=np.int64)
    b = np.concatenate(pb) if pb else np.zeros(0, dtype=np.int64)
    mat = coo_matrix((np.ones(a.shape[0]), (a, b)), shape=(nv, nv))
    _, label = connected_components(mat, directed=False)
    # a vertex is a node if it ends a line or if its cluster holds several lines
    pairs = _unique_ints(label.astype(np.int64) * max(n_lines, 1) + v_line)
    lines_per_label = np.bincount(pairs // max(n_lines, 1), minlength=int(label.max()) + 1 if nv else 0)
    is_node = is_end | (lines_per_label[label] >= 2)
    is_node &= valid[v_line]
    node_idx = np.flatnonzero(is_node)
    # pieces: between consecutive node vertices of the same line
    same_line = v_line[node_idx[1:]] == v_line[node_idx[:-1]]
    piece_start = node_idx[:-1][same_line]
    piece_end = node_idx[1:][same_line]
    piece_line = v_line[piece_start]
    labels_used, node_of_label = _unique_ints(label[node_idx], return_inverse=True)
    node_of_vertex = np.full(nv, -1, dtype=np.int64)
    node_of_vertex[node_idx] = node_of_label
    n_nodes = labels_used.shape[0]
    cnt = np.bincount(node_of_label, minlength=n_nodes).astype(np.float64)
    node_xy = np.column_stack(
        [
            np.bincount(node_of_label, weights=xy[node_idx, 0], minlength=n_nodes) / np.maximum(cnt, 1),
            np.bincount(node_of_label, weights=xy[node_idx, 1], minlength=n_nodes) / np.maximum(cnt, 1),
        ]
    )
    seg_len = np.hypot(*np.diff(xy, axis=0).T) if nv > 1 else np.zeros(0)
    cum = np.concatenate([[0.0], np.cumsum(seg_len)])
    length = cum[piece_end] - cum[piece_start]
    # snapped: endpoint clusters whose vertices were not at one point
    spread = 0
    if node_idx.shape[0]:
        dx = np.abs(xy[node_idx] - node_xy[node_of_label]).max(axis=1)
        spread = int(np.unique(node_of_label[dx > EXACT]).shape[0])
    stats = {
        "lines": int(n_lines),
        "pieces": int(piece_start.shape[0]),
        "nodes": int(n_nodes),
        "crossings": crossings,
        "t_junctions": t_junctions,
        "snapped_nodes": spread,
        "degenerate_lines": int((~valid).sum()),
    }
    return LineNetwork(
        xy,
        piece_start,
        piece_end,
        piece_line,
        node_of_vertex[piece_start],
        node_of_vertex[piece_end],
        node_xy,
        length,
        stats,
    )


# -- directions -------------------------------------------------------------------------------------
DIRECTION_WORDS = {
    # BD TOPO « sens_de_circulation »
    "double sens": 0,
    "sens direct": 1,
    "sens inverse": -1,
    "sans objet": 0,
    # OSM « oneway »
    "yes": 1,
    "true": 1,
    "1": 1,
    "-1": -1,
    "reverse": -1,
    "no": 0,
    "false": 0,
    "0": 0,
    "reversible": 0,
    "alternating": 0,
    # BNAC « sens_d » / generic
    "unidirectionnel": 1,
    "bidirectionnel": 0,
    "both": 0,
    "forward": 1,
    "backward": -1,
    "ft": 1,
    "tf": -1,
    "b": 0,
    "": 0,
}
MAPPING_WORDS = {"both": 0, "0": 0, "forward": 1, "1": 1, "backward": -1, "-1": -1, "closed": 2}


def parse_direction_mapping(text: str) -> Dict[str, int]:
    """``"Double sens=both;Sens direct=forward;X=backward;Y=closed"`` -> {value: code}."""
    mapping = {}
    for item in re.split(r"[;\n]", text or ""):
        if not item.strip():
            continue
        if "=" not in item:
            raise DataError(
                translate(
                    "LineNetwork",
                    "Direction mapping '{item}': write value=both, value=forward, value=backward or value=closed, "
                    "separated by ';'.",
                ).format(item=item.strip())
            )
        value, code = item.rsplit("=", 1)
        code = code.strip().lower()
        if code not in MAPPING_WORDS:
            raise DataError(
                translate(
                    "LineNetwork", "Direction mapping '{item}': '{code}' is not one of both, forward, backward, closed."
                ).format(item=item.strip(), code=code)
            )
        mapping[value.strip().lower()] = MAPPING_WORDS[code]
    return mapping


def direction_codes(values: Iterable, mapping: Optional[Dict[str, int]] = None) -> Tuple[np.ndarray, Dict[str, int]]:
    """0 both ways, 1 along the digitising, -1 against it, 2 closed; and the unknown values with
    their counts (travelled both ways). NULL is both ways."""
    table = dict(DIRECTION_WORDS)
    if mapping:
        table.update(mapping)
    out = []
    unknown: Dict[str, int] = {}
    for value in values:
        text = "" if value is None else str(value).strip().lower()
        if text in table:
            out.append(table[text])
        else:
            try:
                number = float(text)
            except ValueError:
                number = None
            if number is not None and number in (0.0, 1.0, -1.0):
                out.append(int(number))
            else:
                unknown[str(value)] = unknown.get(str(value), 0) + 1
                out.append(0)
    return np.array(out, dtype=np.int8), unknown


# -- speeds -----------------------------------------------------------------------------------------
#: average speeds (km/h) by road type: OSM ``highway`` values and BD TOPO ``nature`` values
DEFAULT_SPEEDS = {
    "motorway": 110,
    "motorway_link": 60,
    "trunk": 90,
    "trunk_link": 50,
    "primary": 65,
    "primary_link": 40,
    "secondary": 55,
    "secondary_link": 35,
    "tertiary": 45,
    "tertiary_link": 30,
    "unclassified": 35,
    "residential": 30,
    "living_street": 15,
    "service": 20,
    "road": 40,
    "track": 15,
    "busway": 30,
    "cycleway": 16,
    "path": 10,
    "footway": 5,
    "pedestrian": 5,
    "steps": 3,
    "type autoroutier": 110,
    "route à 2 chaussées": 80,
    "route à 1 chaussée": 50,
    "route empierrée": 20,
    "bretelle": 50,
    "rond-point": 30,
    "chemin": 15,
    "sentier": 5,
    "piste cyclable": 16,
    "escalier": 3,
    "bac ou liaison maritime": 15,
    "bac auto": 15,
    "bac piéton": 5,
}
_SPEED_TEXT = {
    "fr:urban": 50,
    "fr:rural": 80,
    "fr:motorway": 130,
    "fr:zone30": 30,
    "fr:walk": 6,
    "walk": 6,
    "none": 130,
    "signals": 50,
}
_NUMBER = re.compile(r"^\s*([0-9]+(?:[.,][0-9]+)?)\s*(km/h|kmh|kph|mph)?\s*$")


def parse_speed(value) -> float:
    """km/h from a number or an OSM-style text ('50', '30 mph', 'FR:urban'); nan when unusable."""
    if value is None:
        return math.nan
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        number = float(value)
        return number if math.isfinite(number) and number > 0 else math.nan
    text = str(value).strip().lower()
    if not text:
        return math.nan
    if text in _SPEED_TEXT:
        return float(_SPEED_TEXT[text])
    text = text.split(";")[0]
    match = _NUMBER.match(text)
    if not match:
        return math.nan
    number = float(match.group(1).replace(",", "."))
    if match.group(2) == "mph":
        number *= 1.609344
    return number if number > 0 else math.nan


def speeds_kmh(
    speed_values: Optional[Sequence], type_values: Optional[Sequence], default_speed: float, count: int
) -> Tuple[np.ndarray, Dict[str, int]]:
    """Speed of each segment: its speed value, else the default of its road type, else
    ``default_speed``; with how many segments got each (``field``, ``road_type``, ``default``)."""
    if not default_speed or default_speed <= 0 or not math.isfinite(default_speed):
        raise DataError(translate("LineNetwork", "The default speed must be a positive number of km/h."))
    out = np.full(count, math.nan)
    origin = np.zeros(count, dtype=np.int8)
    if speed_values is not None:
        out[:] = [parse_speed(v) for v in speed_values]
        origin[np.isfinite(out)] = 1
    if type_values is not None:
        missing = np.flatnonzero(~np.isfinite(out))
        types = list(type_values)
        for i in missing:
            value = types[i]
            speed = DEFAULT_SPEEDS.get("" if value is None else str(value).strip().lower())
            if speed is not None:
                out[i] = speed
                origin[i] = 2
    out[~np.isfinite(out)] = default_speed
    counts = {
        "field": int((origin == 1).sum()),
        "road_type": int((origin == 2).sum()),
        "default": int((origin == 0).sum()),
    }
    return out, counts


# -- graph cache on disk ----------------------------------------------------------------------------
def prune_cache(folder: str, keep: int = 24) -> None:
    import os

    try:
        files = [os.path.join(folder, f) for f in os.listdir(folder) if f.endswith(".npz") and not f.startswith(".")]
    except OSError:
        return
    files.sort(key=lambda f: os.path.getmtime(f), reverse=True)
    for old in files[keep:]:
        try:
            os.remove(old)
        except OSError:
            pass


__all__ = [
    "LineNetwork",
    "build_line_network",
    "direction_codes",
    "parse_direction_mapping",
    "speeds_kmh",
    "parse_speed",
    "DEFAULT_SPEEDS",
]
