"""Which lines of a layer are cycle facilities: the national schema (BNAC ``ame_d``/``ame_g``) or
OpenStreetMap tags (``highway=cycleway``, ``cycleway*=lane|track``, ``bicycle=designated`` paths;
bus lanes shared with cycles only when asked). Pure Python: the glue reads the attributes.
"""

import re
from typing import Dict, Iterable, Optional

from . import bnac

BNAC, OSM = "bnac", "osm"

#: OpenStreetMap keys that tell a cycle facility (fields of an export, or keys of ``other_tags``)
OSM_SIDE_KEYS = ("cycleway", "cycleway:both", "cycleway:left", "cycleway:right")
OSM_FACILITY_VALUES = {"lane", "track", "opposite_lane", "opposite_track"}
OSM_BUS_VALUES = {"share_busway", "opposite_share_busway"}
OSM_KEYS = {"highway", "other_tags", *OSM_SIDE_KEYS}

_TAG = re.compile(r'"((?:[^"\\]|\\.)*)"=>"((?:[^"\\]|\\.)*)"')


def schema(field_names: Iterable[str]) -> Optional[str]:
    """``'bnac'``, ``'osm'`` or None from a layer's field names (any letter case)."""
    lower = {name.lower() for name in field_names}
    if {"ame_d", "ame_g"} <= lower:
        return BNAC
    if "highway" in lower or ("other_tags" in lower and lower & set(OSM_SIDE_KEYS)) or lower & set(OSM_SIDE_KEYS):
        return OSM
    if "other_tags" in lower:
        return OSM
    return None


def parse_other_tags(text) -> Dict[str, str]:
    """The tags of GDAL's OSM ``other_tags`` field (``"cycleway"=>"lane","bicycle"=>"yes"``)."""
    if not text:
        return {}
    return {key.replace('\\"', '"'): value.replace('\\"', '"') for key, value in _TAG.findall(str(text))}


def osm_is_facility(tags: Dict[str, str], bus_lanes: bool = False) -> bool:
    """Whether OpenStreetMap tags describe a cycle facility."""
    tags = {str(k).lower(): str(v).strip().lower() for k, v in tags.items() if v not in (None, "")}
    highway = tags.get("highway", "")
    if highway == "cycleway":
        return True
    if highway in ("path", "footway", "pedestrian", "track", "service") and tags.get("bicycle") == "designated":
        return True
    for key in OSM_SIDE_KEYS:
        value = tags.get(key, "")
        if value in OSM_FACILITY_VALUES or (bus_lanes and value in OSM_BUS_VALUES):
            return True
    return bool(bus_lanes and tags.get("busway") in ("lane", "opposite_lane") and tags.get("bicycle") != "no")


def bnac_is_facility(right, left) -> bool:
    """Whether BNAC ``ame_d``/``ame_g`` values hold a facility on either side."""
    return bnac.facility(right)[0] != "none" or bnac.facility(left)[0] != "none"
