"""Flow lines between zones: pure computation (numpy, pandas, shapely; no QGIS).

The steps, each a function the algorithms (and tests) call:

1. :func:`representative_points`: one point per zone, in a projected CRS (metres): the centroid,
   or a point on the surface when the centroid falls outside the polygon (a crescent, a commune
   wrapped around another); a point zone is its own point.
2. :func:`prepare_flows`: the flow codes matched to the zone codes. Exact match first; then a code
   that lost its leading zero (``1001`` for ``01001``, from a spreadsheet or an integer field) and a
   Paris / Lyon / Marseille arrondissement when the zones only have the commune (``75101`` ->
   ``75056``). Every code still unknown is kept and reported (:func:`missing_table`), never dropped
   silently.
3. :func:`flow_lines`: one line per zone pair, by direction: ``gross`` (one line per direction),
   ``net`` (one line from the larger direction, carrying the difference) or ``two_way`` (one line,
   the sum of both directions), with MIN_FLOW and TOP_N, the share of the origin's total and the
   straight-line distance in km, sorted by flow ascending so that the largest lines draw last.
   Intra-zone flows never become lines: :func:`intra_flows` gives them as points.
"""

import math
import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Tuple

import numpy as np
import pandas as pd
from shapely.ops import unary_union

from ...providers.errors import Canceled, DataError
from ...providers.i18n import translate

DIRECTIONS = ("gross", "net", "two_way")
EPS = 1e-9

_PARIS = re.compile(r"^751(0[1-9]|1[0-9]|20)$")
_LYON = re.compile(r"^6938[1-9]$")
_MARSEILLE = re.compile(r"^132(0[1-9]|1[0-6])$")


def municipal_parent(code: str) -> Optional[str]:
    """The commune of a Paris, Lyon or Marseille arrondissement code (``75101`` -> ``75056``)."""
    if _PARIS.match(code):
        return "75056"
    if _LYON.match(code):
        return "69123"
    if _MARSEILLE.match(code):
        return "13055"
    return None


# -- projected CRS -----------------------------------------------------------------------------------
#: (west, south, east, north) in degrees -> projected CRS used to measure distances
FRENCH_CRS = (
    ((-5.5, 41.0, 10.0, 51.6), "EPSG:2154"),  # metropolitan France and Corsica: RGF93 / Lambert-93
    ((-63.3, 14.2, -60.7, 18.2), "EPSG:5490"),  # Guadeloupe, Martinique, Saint-Martin: RGAF09 / UTM 20N
    ((-54.7, 2.0, -51.5, 6.0), "EPSG:2972"),  # Guyane: RGFG95 / UTM 22N
    ((55.1, -21.5, 55.9, -20.8), "EPSG:2975"),  # La Réunion: RGR92 / UTM 40S
    ((44.9, -13.1, 45.4, -12.5), "EPSG:4471"),  # Mayotte: RGM04 / UTM 38S
    ((-56.6, 46.7, -56.0, 47.2), "EPSG:4467"),  # Saint-Pierre-et-Miquelon: RGSPM06 / UTM 21N
)


def projected_crs_for(lon: float, lat: float) -> str:
    """A projected CRS (metres) suited to a territory centred on ``lon, lat`` (degrees)."""
    for (west, south, east, north), crs in FRENCH_CRS:
        if west <= lon <= east and south <= lat <= north:
            return crs
    zone = int(math.floor((lon + 180.0) / 6.0)) % 60 + 1
    return f"EPSG:{32600 + zone if lat >= 0 else 32700 + zone}"


# -- zone points -------------------------------------------------------------------------------------
@dataclass
class ZonePoints:
    """One point per zone code (projected CRS) and what was done to get it."""

    frame: pd.DataFrame  # index code; columns x, y, method ("centroid", "point_on_surface", "point")
    duplicates: List[str] = field(default_factory=list)  # codes carried by several features (merged)
    empty: List[str] = field(default_factory=list)  # codes whose geometry is empty or null

    @property
    def codes(self) -> List[str]:
        return list(self.frame.index) + list(self.empty)


def representative_point(geom) -> Tuple[float, float, str]:
    """``x, y, method`` for one zone geometry (shapely, projected)."""
    kind = geom.geom_type
    if kind == "Point":
        return geom.x, geom.y, "point"
    if kind == "MultiPoint":
        centre = geom.centroid
        return centre.x, centre.y, "centroid"
    if kind in ("Polygon", "MultiPolygon", "GeometryCollection"):
        if not geom.is_valid:
            geom = geom.buffer(0)
        centre = geom.centroid
        if not centre.is_empty and geom.contains(centre):
            return centre.x, centre.y, "centroid"
        inside = geom.representative_point()
        return inside.x, inside.y, "point_on_surface"
    raise DataError(translate("FlowLines", "Zones must be polygons or points; got a {kind}.").format(kind=kind))


def representative_points(codes: Iterable[Optional[str]], geoms: Iterable, cancel=None) -> ZonePoints:
    """Points of zones given as parallel sequences of codes and shapely geometries (projected).

    Several features with the same code are merged (their union) and reported; a null or empty
    geometry is reported and its code has no point (its flows are then reported as missing).
    """
    by_code: Dict[str, list] = {}
    for code, geom in zip(codes, geoms):
        if code is None:
            continue
        by_code.setdefault(code, []).append(geom)
    rows, index, duplicates, empty = [], [], [], []
    for count, (code, parts) in enumerate(by_code.items()):
        if cancel is not None and count % 500 == 0 and cancel():
            raise Canceled()
        parts = [g for g in parts if g is not None and not g.is_empty]
        if len(by_code[code]) > 1:
            duplicates.append(code)
        if not parts:
            empty.append(code)
            continue
        geom = parts[0] if len(parts) == 1 else unary_union([g if g.is_valid else g.buffer(0) for g in parts])
        x, y, method = representative_point(geom)
        rows.append((x, y, method))
        index.append(code)
    frame = pd.DataFrame(rows, columns=["x", "y", "method"], index=pd.Index(index, name="code"))
    return ZonePoints(frame, duplicates, empty)


# -- matching flow codes to zone codes ---------------------------------------------------------------
@dataclass
class CodeMatch:
    mapping: Dict[str, str]  # every flow code -> the zone code it joins (itself when unknown)
    padded: Dict[str, str] = field(default_factory=dict)  # code -> zone code, leading zeros restored/removed
    arrondissements: Dict[str, str] = field(default_factory=dict)  # arrondissement -> commune
    missing: List[str] = field(default_factory=list)  # codes with no zone


def match_codes(codes: Iterable[str], zone_codes: Iterable[str]) -> CodeMatch:
    zones = set(zone_codes)
    result = CodeMatch({})
    for code in sorted(set(codes)):
        if code in zones:
            result.mapping[code] = code
            continue
        target = None
        if code.isdigit():
            if len(code) < 5 and code.zfill(5) in zones:
                target = code.zfill(5)
            elif code.startswith("0") and code.lstrip("0") in zones:
                target = code.lstrip("0")
            if target is not None:
                result.padded[code] = target
        if target is None:
            parent = municipal_parent(code)
            if parent is not None and parent in zones:
                target = parent
                result.arrondissements[code] = parent
        if target is None:
            result.missing.append(code)
            target = code
        result.mapping[code] = target
    return result


@dataclass
class PreparedFlows:
    """Flows with codes moved onto the zones: ``origin, destination, flow[, mode]`` plus the
    booleans ``o_known``/``d_known`` (the code is a zone) and the original codes ``o_code``/``d_code``."""

    frame: pd.DataFrame
    match: CodeMatch

    @property
    def known(self) -> pd.Series:
        return self.frame["o_known"] & self.frame["d_known"]

    def origin_totals(self) -> pd.Series:
        """Total flow leaving each origin (intra-zone and towards unknown zones included)."""
        return self.frame.groupby("origin", sort=False)["flow"].sum()


def check_flows(frame: pd.DataFrame) -> None:
    """The OD frame contract: columns present, numbers in ``flow``, no negative flow."""
    missing = [c for c in ("origin", "destination", "flow") if c not in frame.columns]
    if missing:
        raise DataError(
            translate(
                "FlowLines", "The flows table has no column {columns}: it needs origin, destination and flow."
            ).format(columns=", ".join(missing))
        )
    flows = pd.to_numeric(frame["flow"], errors="coerce")
    bad = flows.isna() | (flows < 0)
    if bad.any():
        row = int(np.flatnonzero(bad.to_numpy())[0])
        raise DataError(
            translate(
                "FlowLines", "Flows table, row {row}: the flow '{value}' is not a number of zero or more. Fix that row."
            ).format(row=row + 1, value=frame["flow"].iloc[row])
        )


def prepare_flows(frame: pd.DataFrame, zone_codes: Iterable[str]) -> PreparedFlows:
    check_flows(frame)
    zone_codes = list(zone_codes)
    codes = pd.unique(pd.concat([frame["origin"], frame["destination"]], ignore_index=True).astype(str))
    match = match_codes(codes, zone_codes)
    zones = set(zone_codes)
    out = pd.DataFrame(
        {
            "o_code": frame["origin"].astype(str).to_numpy(),
            "d_code": frame["destination"].astype(str).to_numpy(),
            "flow": pd.to_numeric(frame["flow"]).astype("float64").to_numpy(),
        }
    )
    out["origin"] = out["o_code"].map(match.mapping)
    out["destination"] = out["d_code"].map(match.mapping)
    out["o_known"] = out["origin"].isin(zones)
    out["d_known"] = out["destination"].isin(zones)
    if "mode" in frame.columns:
        out["mode"] = frame["mode"].fillna("").astype(str).to_numpy()
    return PreparedFlows(out, match)


MISSING_COLUMNS = ["code", "flow", "flow_as_origin", "flow_as_destination", "rows", "reason"]


def missing_table(prepared: PreparedFlows, no_geometry: Iterable[str] = ()) -> pd.DataFrame:
    """One row per code with no zone: ``code, flow, flow_as_origin, flow_as_destination, rows, reason``,
    largest first. ``flow`` is the total of the input rows that involve the code; ``reason`` is
    ``no_geometry`` for the codes in ``no_geometry`` (a zone exists but has no geometry), else
    ``not_in_zones``."""
    frame = prepared.frame
    columns = MISSING_COLUMNS
    if not prepared.match.missing:
        return pd.DataFrame(columns=columns)
    o_miss = frame[~frame["o_known"]]
    d_miss = frame[~frame["d_known"]]
    as_origin = o_miss.groupby("origin")["flow"].agg(["sum", "size"])
    as_dest = d_miss.groupby("destination")["flow"].agg(["sum", "size"])
    same = frame[~frame["o_known"] & (frame["origin"] == frame["destination"])]
    both = same.groupby("origin")["flow"].agg(["sum", "size"])
    table = pd.DataFrame(index=pd.Index(sorted(set(as_origin.index) | set(as_dest.index)), name="code"))
    table["flow_as_origin"] = as_origin["sum"].reindex(table.index).fillna(0.0)
    table["flow_as_destination"] = as_dest["sum"].reindex(table.index).fillna(0.0)
    twice_flow = both["sum"].reindex(table.index).fillna(0.0)
    twice_rows = both["size"].reindex(table.index).fillna(0)
    table["flow"] = table["flow_as_origin"] + table["flow_as_destination"] - twice_flow
    table["rows"] = (
        as_origin["size"].reindex(table.index).fillna(0) + as_dest["size"].reindex(table.index).fillna(0) - twice_rows
    ).astype(int)
    no_geometry = set(no_geometry)
    table["reason"] = ["no_geometry" if code in no_geometry else "not_in_zones" for code in table.index]
    table = table.reset_index()[columns]
    return table.sort_values(["flow", "code"], ascending=[False, True], kind="mergesort").reset_index(drop=True)


# -- lines -------------------------------------------------------------------------------------------
@dataclass
class LinesReport:
    total_flow: float = 0.0  # every input row
    intra_flow: float = 0.0  # origin = destination (after code matching), both known
    missing_flow: float = 0.0  # rows with an end that is not a zone
    missing_rows: int = 0
    pairs: int = 0  # candidate lines after direction handling
    balanced_pairs: int = 0  # net: pairs whose two directions cancel out (no line)
    below_min: int = 0
    below_min_flow: float = 0.0
    beyond_top: int = 0
    beyond_top_flow: float = 0.0
    lines: int = 0
    lines_flow: float = 0.0
    no_point: List[str] = field(default_factory=list)  # zone codes with no point (empty geometry)


LINE_COLUMNS = [
    "origin",
    "destination",
    "flow",
    "flow_forward",
    "flow_backward",
    "share",
    "distance_km",
    "rank",
    "x0",
    "y0",
    "x1",
    "y1",
]


def pair_flows(prepared: PreparedFlows) -> pd.DataFrame:
    """Flows between two distinct known zones, summed per ordered pair (``origin, destination, flow``)."""
    frame = prepared.frame
    between = frame[prepared.known & (frame["origin"] != frame["destination"])]
    pairs = between.groupby(["origin", "destination"], sort=True)["flow"].sum().reset_index()
    return pairs[pairs["flow"] > 0].reset_index(drop=True)


def flow_lines(
    prepared: PreparedFlows, points: ZonePoints, direction: str = "gross", min_flow: float = 0.0, top_n: int = 0
) -> Tuple[pd.DataFrame, LinesReport]:
    """Lines (columns :data:`LINE_COLUMNS`, coordinates in the points' CRS) and what was left out.

    ``share`` is the line's flow over the total leaving its origin (``two_way``: leaving either end);
    ``rank`` is 1 for the largest line; rows come sorted by flow ascending (largest last).
    """
    if direction not in DIRECTIONS:
        raise DataError(
            translate("FlowLines", "Unknown direction '{direction}': use one of {choices}.").format(
                direction=direction, choices=", ".join(DIRECTIONS)
            )
        )
    if min_flow is None or min_flow < 0 or (isinstance(min_flow, float) and math.isnan(min_flow)):
        raise DataError(translate("FlowLines", "The minimum flow must be zero or a positive number."))
    if top_n is None or top_n < 0:
        raise DataError(translate("FlowLines", "The number of lines to keep must be zero (all) or positive."))
    frame = prepared.frame
    known = prepared.known
    report = LinesReport()
    report.total_flow = float(frame["flow"].sum())
    report.intra_flow = float(frame.loc[known & (frame["origin"] == frame["destination"]), "flow"].sum())
    report.missing_flow = float(frame.loc[~known, "flow"].sum())
    report.missing_rows = int((~known).sum())
    totals = prepared.origin_totals()

    pairs = pair_flows(prepared)
    no_point = sorted(set(pairs["origin"]).union(pairs["destination"]).difference(points.frame.index))
    if no_point:
        # zones without geometry: reported by the caller through points.empty; their lines cannot be drawn
        report.no_point = no_point
        lost = pairs["origin"].isin(no_point) | pairs["destination"].isin(no_point)
        report.missing_flow += float(pairs.loc[lost, "flow"].sum())
        pairs = pairs[~lost].reset_index(drop=True)
    lines = _directed(pairs, direction, totals, report)
    report.pairs = len(lines)

    keep = lines["flow"] >= min_flow
    report.below_min = int((~keep).sum())
    report.below_min_flow = float(lines.loc[~keep, "flow"].sum())
    lines = lines[keep]
    lines = lines.sort_values(["flow", "origin", "destination"], ascending=[False, True, True], kind="mergesort")
    if top_n and len(lines) > top_n:
        report.beyond_top = len(lines) - top_n
        report.beyond_top_flow = float(lines["flow"].iloc[top_n:].sum())
        lines = lines.iloc[:top_n]
    lines = lines.reset_index(drop=True)
    lines["rank"] = np.arange(1, len(lines) + 1, dtype=np.int64)

    xy = points.frame
    lines["x0"] = xy["x"].reindex(lines["origin"]).to_numpy()
    lines["y0"] = xy["y"].reindex(lines["origin"]).to_numpy()
    lines["x1"] = xy["x"].reindex(lines["destination"]).to_numpy()
    lines["y1"] = xy["y"].reindex(lines["destination"]).to_numpy()
    lines["distance_km"] = np.hypot(lines["x1"] - lines["x0"], lines["y1"] - lines["y0"]) / 1000.0
    report.lines = len(lines)
    report.lines_flow = float(lines["flow"].sum())
    lines = lines.iloc[::-1].reset_index(drop=True)  # flow ascending: the largest draw last
    return lines[LINE_COLUMNS], report


def _directed(pairs: pd.DataFrame, direction: str, totals: pd.Series, report: LinesReport) -> pd.DataFrame:
    forward = pairs.set_index(["origin", "destination"])["flow"]
    if direction == "gross":
        reverse_index = pd.MultiIndex.from_arrays([pairs["destination"], pairs["origin"]])
        backward = forward.reindex(reverse_index).fillna(0.0).to_numpy()
        out = pd.DataFrame(
            {
                "origin": pairs["origin"],
                "destination": pairs["destination"],
                "flow": pairs["flow"].to_numpy(),
                "flow_forward": pairs["flow"].to_numpy(),
                "flow_backward": backward,
            }
        )
        out["share"] = out["flow"].to_numpy() / totals.reindex(out["origin"]).to_numpy()
        return out
    # one row per unordered pair {a, b} with a < b
    a = np.where(pairs["origin"] < pairs["destination"], pairs["origin"], pairs["destination"])
    b = np.where(pairs["origin"] < pairs["destination"], pairs["destination"], pairs["origin"])
    ab = np.where(pairs["origin"] < pairs["destination"], pairs["flow"], 0.0)
    ba = np.where(pairs["origin"] < pairs["destination"], 0.0, pairs["flow"])
    merged = pd.DataFrame({"a": a, "b": b, "ab": ab, "ba": ba}).groupby(["a", "b"], sort=True).sum().reset_index()
    a_first = merged["ab"] >= merged["ba"]
    out = pd.DataFrame(
        {
            "origin": np.where(a_first, merged["a"], merged["b"]),
            "destination": np.where(a_first, merged["b"], merged["a"]),
            "flow_forward": np.where(a_first, merged["ab"], merged["ba"]),
            "flow_backward": np.where(a_first, merged["ba"], merged["ab"]),
        }
    )
    if direction == "net":
        out["flow"] = out["flow_forward"] - out["flow_backward"]
        balanced = out["flow"] <= EPS * np.maximum(1.0, out["flow_forward"])
        report.balanced_pairs = int(balanced.sum())
        out = out[~balanced].reset_index(drop=True)
        out["share"] = out["flow"].to_numpy() / totals.reindex(out["origin"]).to_numpy()
    else:
        out["flow"] = out["flow_forward"] + out["flow_backward"]
        both = (
            totals.reindex(out["origin"]).fillna(0.0).to_numpy()
            + totals.reindex(out["destination"]).fillna(0.0).to_numpy()
        )
        out["share"] = out["flow"].to_numpy() / both
    return out[["origin", "destination", "flow", "flow_forward", "flow_backward", "share"]]


def intra_flows(prepared: PreparedFlows, points: ZonePoints) -> pd.DataFrame:
    """Flows within one zone: ``code, flow, share`` (of the zone's total leaving flow), ``x, y``;
    largest first. Zones without a point are left out (see :attr:`ZonePoints.empty`)."""
    frame = prepared.frame
    inside = frame[prepared.known & (frame["origin"] == frame["destination"])]
    flows = inside.groupby("origin", sort=True)["flow"].sum()
    flows = flows[flows > 0]
    totals = prepared.origin_totals()
    table = pd.DataFrame({"code": flows.index.astype(str), "flow": flows.to_numpy()})
    table["share"] = table["flow"].to_numpy() / totals.reindex(table["code"]).to_numpy()
    table = table[table["code"].isin(points.frame.index)].reset_index(drop=True)
    table["x"] = points.frame["x"].reindex(table["code"]).to_numpy()
    table["y"] = points.frame["y"].reindex(table["code"]).to_numpy()
    return table.sort_values(["flow", "code"], ascending=[False, True], kind="mergesort").reset_index(drop=True)
