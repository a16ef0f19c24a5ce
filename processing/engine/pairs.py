"""OD pairs between zones, and why a pair cannot be routed: the same rules for every network
algorithm (assignment, skims, cycle coverage, cycling potential, public transport).

Reasons (stable codes written in the ``reason`` / ``status`` fields; the ``detail`` text is
translated):

- ``origin_unknown``, ``destination_unknown``: no zone with that code (or a zone without geometry);
- ``intrazonal``: origin and destination are the same zone;
- ``origin_too_far``, ``destination_too_far``: the zone is farther from the network than the
  longest connector;
- ``same_node``: both zones attach to the same network node (no distance on the network);
- ``no_path``: no path on the network between their nodes (one-way streets, closed segments);
- ``too_long``: longer on the network than the longest trip kept.
"""

from typing import Callable, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from ...providers import modes
from ...providers.i18n import translate
from .flowlines import CodeMatch, match_codes

ROUTABLE = ""
REASONS = (
    "origin_unknown",
    "destination_unknown",
    "intrazonal",
    "origin_too_far",
    "destination_too_far",
    "same_node",
    "no_path",
    "too_long",
)


def od_pairs(
    frame: pd.DataFrame, zone_codes: Sequence[str], modes_text: str = "", log: Optional[Callable] = None
) -> Tuple[pd.DataFrame, CodeMatch]:
    """The OD frame (``origin, destination, flow[, mode]``) kept to the modes asked, with its codes
    joined to the zone codes and summed by zone pair: ``origin, destination, flow, o, d`` (``o``, ``d``:
    positions in ``zone_codes``, -1 when unknown). Raises DataError when a mode is asked that no flow has."""
    frame = modes.filter_frame(frame, modes_text)
    codes = pd.unique(pd.concat([frame["origin"], frame["destination"]], ignore_index=True).astype(str))
    match = match_codes(codes, zone_codes)
    if log is not None and match.padded:
        log(
            translate("Pairs", "{count} flow codes matched a zone once leading zeros were restored or removed.").format(
                count=len(match.padded)
            )
        )
    if log is not None and match.arrondissements:
        log(
            translate("Pairs", "{count} arrondissement codes were joined to their commune.").format(
                count=len(match.arrondissements)
            )
        )
    pairs = pd.DataFrame(
        {
            "origin": frame["origin"].astype(str).map(match.mapping).to_numpy(),
            "destination": frame["destination"].astype(str).map(match.mapping).to_numpy(),
            "flow": frame["flow"].to_numpy(dtype=np.float64),
        }
    )
    pairs = pairs.groupby(["origin", "destination"], sort=True, as_index=False)["flow"].sum()
    position = {code: i for i, code in enumerate(zone_codes)}
    pairs["o"] = pairs["origin"].map(position).fillna(-1).astype(np.int64)
    pairs["d"] = pairs["destination"].map(position).fillna(-1).astype(np.int64)
    return pairs, match


def classify_pairs(pairs: pd.DataFrame, zone_node, zone_distance, empty, max_distance: float):
    """``(reason, detail, o_node, d_node)``: why each pair cannot be routed (``''`` when it can), a
    detail text, and the network node of each end (-1: none)."""
    reason = np.full(len(pairs), ROUTABLE, dtype=object)
    detail = np.full(len(pairs), "", dtype=object)
    o = pairs["o"].to_numpy()
    d = pairs["d"].to_numpy()
    o_node = np.where(o >= 0, zone_node[np.maximum(o, 0)], -1) if len(zone_node) else np.full(len(o), -1)
    d_node = np.where(d >= 0, zone_node[np.maximum(d, 0)], -1) if len(zone_node) else np.full(len(d), -1)
    empty = set(empty)
    origins, destinations = pairs["origin"].to_numpy(), pairs["destination"].to_numpy()

    def unknown(code):
        extra = translate("Pairs", " (zone without geometry)") if code in empty else ""
        return translate("Pairs", "no zone '{code}'{extra}").format(code=code, extra=extra)

    def too_far(km):
        return translate("Pairs", "zone {km:.1f} km from the network (maximum {max:.1f} km)").format(
            km=km, max=max_distance / 1000
        )

    rules = [
        (o < 0, "origin_unknown", lambda i: unknown(origins[i])),
        (d < 0, "destination_unknown", lambda i: unknown(destinations[i])),
        ((o >= 0) & (o == d), "intrazonal", lambda i: translate("Pairs", "origin and destination are the same zone")),
        ((o >= 0) & (o_node < 0), "origin_too_far", lambda i: too_far(zone_distance[o[i]] / 1000)),
        ((d >= 0) & (d_node < 0), "destination_too_far", lambda i: too_far(zone_distance[d[i]] / 1000)),
        (
            (o_node >= 0) & (o_node == d_node),
            "same_node",
            lambda i: translate("Pairs", "both zones attach to the same network node"),
        ),
    ]
    for mask, code, text in rules:
        for i in np.flatnonzero(mask & (reason == ROUTABLE)):
            reason[i] = code
            detail[i] = text(i)
    return reason, detail, o_node, d_node


def mark_no_path(reason, detail, index) -> None:
    """Pairs (positions ``index``) the router found no path for."""
    text = translate("Pairs", "no path on the network from the origin's node to the destination's node")
    for i in index:
        reason[i] = "no_path"
        detail[i] = text


def mark_too_long(reason, detail, index, km, max_km: float) -> None:
    """Pairs (positions ``index``) whose network distance ``km`` exceeds ``max_km``."""
    for i, value in zip(index, km):
        reason[i] = "too_long"
        detail[i] = translate(
            "Pairs", "{km:.1f} km on the network, more than the longest trip kept ({max:.1f} km)"
        ).format(km=value, max=max_km)


def reason_summary(reason, flows) -> list:
    """``[(reason, pairs, flow)]`` of the pairs not routed, in the order of ``REASONS``."""
    out = []
    for code in REASONS:
        mask = reason == code
        if mask.any():
            out.append((code, int(mask.sum()), float(flows[mask].sum())))
    return out
