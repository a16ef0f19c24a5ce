"""Flow indicators per zone: pure computation (numpy, pandas; no QGIS).

For every zone, from home-work style flows (origin = where people live, destination = where they
go):

- ``outflow``: leaving for another zone; ``inflow``: coming from another zone; ``internal``: both
  ends in the zone;
- ``residents`` = outflow + internal (e.g. employed residents), ``jobs`` = inflow + internal;
- ``self_containment`` = internal / residents (share of residents who stay);
- ``job_ratio`` = jobs / residents (above 1: the zone draws more than it sends);
- ``mean_km`` / ``mean_km_in``: flow-weighted mean straight-line distance between zone points of
  the flows leaving / entering the zone (internal flows have no measurable distance and are left
  out of both means);
- ``mean_network_km`` / ``mean_network_km_in``: the same with the network distance of a skim table
  (``origin, destination, distance_km``, as written by ``territorial:od_skim_matrix``);
- ``share_<mode>``: share of the residents' flow by mode, when the flows have a mode.

Flows towards a code that is not one of the zones still count for the zone at the other end (a
resident of zone A working in an unmapped commune is an outflow of A); they have no distance and
the report says how much flow the means cover.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np
import pandas as pd

from ...providers.errors import DataError
from ...providers.i18n import translate
from .flowlines import PreparedFlows, ZonePoints

MAX_MODES = 30

BASE_COLUMNS = [
    "residents",
    "jobs",
    "outflow",
    "inflow",
    "internal",
    "self_containment",
    "job_ratio",
    "mean_km",
    "mean_km_in",
]
NETWORK_COLUMNS = ["mean_network_km", "mean_network_km_in"]


@dataclass
class IndicatorsReport:
    total_flow: float = 0.0
    between_flow: float = 0.0  # flow between two distinct zones (codes)
    distance_flow: float = 0.0  # of which with a straight-line distance (both ends have a point)
    network_flow: float = 0.0  # of which with a network distance in the skim
    network_reversed_pairs: int = 0  # pairs whose distance came from the skim's reverse direction
    network_missing_pairs: int = 0  # pairs between two zones with a point but absent from the skim
    modes: Dict[str, str] = field(default_factory=dict)  # mode value -> field name
    unknown_mode_flow: float = 0.0  # flow whose mode is empty (counted as mode "unknown")
    zones_without_flow: int = 0


def mode_field_name(mode: str, taken: Optional[set] = None) -> str:
    """``share_<mode>`` as a field name: ASCII, lower case, ``_`` for the rest (``VP`` -> ``share_vp``,
    ``Deux-roues motorisé`` -> ``share_deux_roues_motorise``)."""
    text = unicodedata.normalize("NFKD", mode or "unknown").encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_") or "mode"
    name = f"share_{slug}"[:60]
    if taken is not None:
        base, suffix = name, 2
        while name in taken:
            name = f"{base}_{suffix}"
            suffix += 1
        taken.add(name)
    return name


def read_skim(frame: pd.DataFrame) -> pd.Series:
    """A skim table as a Series ``distance_km`` indexed by ``(origin, destination)`` (strings)."""
    needed = ["origin", "destination", "distance_km"]
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise DataError(
            translate(
                "FlowIndicators",
                "The skim table has no column {columns}: it needs origin, destination and distance_km, "
                "as written by territorial:od_skim_matrix.",
            ).format(columns=", ".join(missing))
        )
    distance = pd.to_numeric(frame["distance_km"], errors="coerce")
    skim = pd.DataFrame(
        {"origin": frame["origin"].astype(str), "destination": frame["destination"].astype(str), "d": distance}
    )
    skim = skim[skim["d"].notna() & np.isfinite(skim["d"])]
    return skim.groupby(["origin", "destination"], sort=False)["d"].min()


def _weighted_mean(values: pd.Series, weights: pd.Series, keys: pd.Series) -> pd.Series:
    ok = values.notna().to_numpy()
    frame = pd.DataFrame(
        {"k": keys.to_numpy()[ok], "wv": (values * weights).to_numpy()[ok], "w": weights.to_numpy()[ok]}
    )
    sums = frame.groupby("k", sort=False)[["wv", "w"]].sum()
    sums = sums[sums["w"] > 0]
    return sums["wv"] / sums["w"]


def zone_indicators(
    prepared: PreparedFlows,
    zone_codes: List[str],
    points: Optional[ZonePoints] = None,
    skim: Optional[pd.Series] = None,
    with_modes: bool = False,
):
    """Indicators for ``zone_codes`` (index, in that order) and an :class:`IndicatorsReport`.

    ``prepared`` comes from :func:`flowlines.prepare_flows` (codes already moved onto the zones);
    ``points`` (projected, metres) gives the straight-line distances; ``skim`` (from
    :func:`read_skim`) the network distances; ``with_modes`` needs a ``mode`` column.
    """
    frame = prepared.frame
    report = IndicatorsReport()
    report.total_flow = float(frame["flow"].sum())
    index = pd.Index(zone_codes, name="code")
    inside = frame["origin"] == frame["destination"]
    between = frame[~inside]
    internal = frame[inside].groupby("origin", sort=False)["flow"].sum()
    outflow = between.groupby("origin", sort=False)["flow"].sum()
    inflow = between.groupby("destination", sort=False)["flow"].sum()
    table = pd.DataFrame(index=index)
    table["outflow"] = outflow.reindex(index).fillna(0.0)
    table["inflow"] = inflow.reindex(index).fillna(0.0)
    table["internal"] = internal.reindex(index).fillna(0.0)
    table["residents"] = table["outflow"] + table["internal"]
    table["jobs"] = table["inflow"] + table["internal"]
    residents = table["residents"].where(table["residents"] > 0)
    table["self_containment"] = table["internal"] / residents
    table["job_ratio"] = table["jobs"] / residents
    report.zones_without_flow = int(((table["residents"] == 0) & (table["jobs"] == 0)).sum())
    report.between_flow = float(between["flow"].sum())

    if points is not None and len(between):
        xy = points.frame
        dx = xy["x"].reindex(between["destination"]).to_numpy() - xy["x"].reindex(between["origin"]).to_numpy()
        dy = xy["y"].reindex(between["destination"]).to_numpy() - xy["y"].reindex(between["origin"]).to_numpy()
        km = pd.Series(np.hypot(dx, dy) / 1000.0, index=between.index)
        report.distance_flow = float(between.loc[km.notna(), "flow"].sum())
        table["mean_km"] = _weighted_mean(km, between["flow"], between["origin"]).reindex(index)
        table["mean_km_in"] = _weighted_mean(km, between["flow"], between["destination"]).reindex(index)
    else:
        table["mean_km"] = np.nan
        table["mean_km_in"] = np.nan

    columns = list(BASE_COLUMNS)
    if skim is not None:
        pairs = pd.MultiIndex.from_arrays([between["origin"], between["destination"]])
        direct = skim.reindex(pairs).to_numpy()
        reverse = skim.reindex(pd.MultiIndex.from_arrays([between["destination"], between["origin"]])).to_numpy()
        used_reverse = np.isnan(direct) & ~np.isnan(reverse)
        network = pd.Series(np.where(np.isnan(direct), reverse, direct), index=between.index)
        report.network_flow = float(between.loc[network.notna(), "flow"].sum())
        distinct = between.assign(rev=used_reverse, net=network.to_numpy())
        unique_pairs = distinct.drop_duplicates(["origin", "destination"])
        report.network_reversed_pairs = int(unique_pairs["rev"].sum())
        if points is not None:
            with_points = unique_pairs["origin"].isin(points.frame.index) & unique_pairs["destination"].isin(
                points.frame.index
            )
            report.network_missing_pairs = int((unique_pairs["net"].isna() & with_points).sum())
        table["mean_network_km"] = _weighted_mean(network, between["flow"], between["origin"]).reindex(index)
        table["mean_network_km_in"] = _weighted_mean(network, between["flow"], between["destination"]).reindex(index)
        columns += NETWORK_COLUMNS

    if with_modes:
        if "mode" not in frame.columns:
            raise DataError(translate("FlowIndicators", "Mode shares need a mode column in the flows."))
        modes = frame["mode"].fillna("").astype(str).str.strip()
        values = sorted(set(modes))
        if len(values) > MAX_MODES:
            raise DataError(
                translate(
                    "FlowIndicators",
                    "The mode field has {count} different values (at most {limit} are expected, e.g. VP, TC, NM): "
                    "is it the right field? Examples: {examples}.",
                ).format(count=len(values), limit=MAX_MODES, examples=", ".join(values[:5]))
            )
        report.unknown_mode_flow = float(frame.loc[modes == "", "flow"].sum())
        modes = modes.replace("", "unknown")
        by_mode = frame.assign(mode=modes).groupby(["origin", "mode"], sort=False)["flow"].sum().unstack(fill_value=0.0)
        taken = set(table.columns) | set(columns)
        for value in sorted(by_mode.columns):
            name = mode_field_name(value, taken)
            report.modes[value] = name
            table[name] = by_mode[value].reindex(index).fillna(0.0) / residents
            columns.append(name)
    return table[columns], report
