"""National cycle-facility base (BNAC, schema « aménagements cyclables » v0.3.5): read, validate, normalise.

Two inputs, one treatment:

- the national file of data.gouv.fr (dataset ``amenagements-cyclables-france-metropolitaine``,
  ``france-YYYYMMDD.geojson``, ~180 MB, Geovelo extract of OpenStreetMap, ODbL), downloaded
  through the cache (streamed to disk) and read as a stream, keeping only the segments that touch
  the territory;
- a local BNAC file (any ``amenagementcyclable_<collectivite>.geojson`` or an extract).

Every segment is checked against the schema (shared/APIS.md §9): value lists, required fields,
code and date formats, types. Problems are counted per field, value and problem (with example
``id_local``), never dropped silently. A segment without a usable line geometry is left out and
reported by its id; the rest is kept.

The normalisation the analyses use is a pure function, :func:`derive`, reused by the cycle
coverage algorithm:

=============================================  =================
``ame_d`` / ``ame_g`` (schema value)            ``facility_*``
=============================================  =================
PISTE CYCLABLE, DOUBLE SENS CYCLABLE PISTE      track
BANDE CYCLABLE, DOUBLE SENS CYCLABLE BANDE,     lane
CHAUSSEE A VOIE CENTRALE BANALISEE,
ACCOTEMENT REVETU HORS CVCB
VOIE VERTE                                      greenway
COULOIR BUS+VELO                                shared_bus_lane
DOUBLE SENS CYCLABLE NON MATERIALISE            contraflow
AMENAGEMENT MIXTE PIETON VELO HORS VOIE VERTE,  mixed
VELO RUE, RAMPE, GOULOTTE, AUTRE
AUCUN, empty, unknown value                     none
=============================================  =================

``one_way``: 0 when cyclists have a facility both ways (facilities on both sides, or one
``BIDIRECTIONNEL`` side, or a greenway without ``sens``), 1 when only the right side has one (it
runs in the digitising direction), -1 when only the left side has one (against it), NULL when the
segment has no facility at all.
"""

import codecs
import json
import math
import os
import re
import unicodedata
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple

from shapely.geometry import box as shapely_box
from shapely.geometry import shape
from shapely.prepared import prep

from .cache import Cache, Entry, Provenance, get_cache, sha256_file
from .codes import COMMUNE_RE
from .errors import Canceled, DataError
from .http import CancelCheck, get_service
from .i18n import translate

Warn = Optional[Callable[[str], None]]
Progress = Optional[Callable[[float], None]]

DATASET_SLUG = "amenagements-cyclables-france-metropolitaine"
SCHEMA_VERSION = "0.3.5"

# -- the schema ------------------------------------------------------------------------------------
AME_VALUES = (
    "PISTE CYCLABLE",
    "BANDE CYCLABLE",
    "DOUBLE SENS CYCLABLE PISTE",
    "DOUBLE SENS CYCLABLE BANDE",
    "DOUBLE SENS CYCLABLE NON MATERIALISE",
    "VOIE VERTE",
    "VELO RUE",
    "COULOIR BUS+VELO",
    "RAMPE",
    "GOULOTTE",
    "AMENAGEMENT MIXTE PIETON VELO HORS VOIE VERTE",
    "CHAUSSEE A VOIE CENTRALE BANALISEE",
    "ACCOTEMENT REVETU HORS CVCB",
    "AUCUN",
    "AUTRE",
)
#: values of older schema versions, tolerated (and reported as such)
AME_ALIASES = {
    "DOUBLE SENS CYCLABLE": "DOUBLE SENS CYCLABLE NON MATERIALISE",  # before 0.3.1
    "AMENAGEMENT MIXTES PIETON VELO HORS VOIE VERTE": "AMENAGEMENT MIXTE PIETON VELO HORS VOIE VERTE",  # 0.3.0 typo
    "ACCOTEMENT REVENTU HORS CVCB": "ACCOTEMENT REVETU HORS CVCB",  # 0.3.0 typo
}
FACILITIES = ("track", "lane", "greenway", "shared_bus_lane", "contraflow", "mixed", "none")
FACILITY_OF = {
    "PISTE CYCLABLE": "track",
    "DOUBLE SENS CYCLABLE PISTE": "track",
    "BANDE CYCLABLE": "lane",
    "DOUBLE SENS CYCLABLE BANDE": "lane",
    "CHAUSSEE A VOIE CENTRALE BANALISEE": "lane",
    "ACCOTEMENT REVETU HORS CVCB": "lane",
    "VOIE VERTE": "greenway",
    "COULOIR BUS+VELO": "shared_bus_lane",
    "DOUBLE SENS CYCLABLE NON MATERIALISE": "contraflow",
    "AMENAGEMENT MIXTE PIETON VELO HORS VOIE VERTE": "mixed",
    "VELO RUE": "mixed",
    "RAMPE": "mixed",
    "GOULOTTE": "mixed",
    "AUTRE": "mixed",
    "AUCUN": "none",
}
ENUMS: Dict[str, Tuple[str, ...]] = {
    "reseau_loc": ("REV", "STRUCTURANT", "AUTRE"),
    "ame_d": AME_VALUES,
    "ame_g": AME_VALUES,
    "regime_d": ("ZONE 30", "AIRE PIETONNE", "ZONE DE RENCONTRE", "EN AGGLOMERATION", "HORS AGGLOMERATION", "AUTRE"),
    "sens_d": ("UNIDIRECTIONNEL", "BIDIRECTIONNEL"),
    "local_d": ("TROTTOIR", "INTERMEDIAIRE", "CHAUSSEE"),
    "statut_d": ("EN TRAVAUX", "EN SERVICE", "PROVISOIRE"),
    "revet_d": ("LISSE", "RUGUEUX", "MEUBLE"),
    "access_ame": ("ROLLER", "VELO DE ROUTE", "VTC", "VTT"),
}
for _name in ("regime", "sens", "local", "statut", "revet"):
    ENUMS[f"{_name}_g"] = ENUMS[f"{_name}_d"]
REQUIRED = ("id_local", "code_com_d", "code_com_g", "ame_d", "ame_g")
CODE_RE = COMMUNE_RE
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: schema fields in output order: (property, output field name, type)
SCHEMA_FIELDS: Tuple[Tuple[str, str, type], ...] = (
    ("id_local", "id_local", str),
    ("reseau_loc", "reseau_loc", str),
    ("nom_loc", "nom_loc", str),
    ("id_osm", "id_osm", str),
    ("num_iti", "num_iti", str),
    ("code_com_d", "code_com_d", str),
    ("code_com_g", "code_com_g", str),
    ("ame_d", "ame_d", str),
    ("ame_g", "ame_g", str),
    ("regime_d", "regime_d", str),
    ("regime_g", "regime_g", str),
    ("sens_d", "sens_d", str),
    ("sens_g", "sens_g", str),
    ("largeur_d", "largeur_d", float),
    ("largeur_g", "largeur_g", float),
    ("local_d", "local_d", str),
    ("local_g", "local_g", str),
    ("statut_d", "statut_d", str),
    ("statut_g", "statut_g", str),
    ("revet_d", "revet_d", str),
    ("revet_g", "revet_g", str),
    ("access_ame", "access_ame", str),
    ("date_maj", "date_maj", str),
    ("trafic_vit", "trafic_vit", int),
    ("lumiere", "lumiere", bool),
    ("d_service", "d_service", int),
    ("comm", "comm", str),
    ("source", "source_bnac", str),  # "source" is the provenance field of every output layer
    ("project_c", "project_c", str),
    ("ref_geo", "ref_geo", str),
)
SCHEMA_NAMES = {prop for prop, _, _ in SCHEMA_FIELDS}
DERIVED_FIELDS: Tuple[Tuple[str, type], ...] = (("facility_right", str), ("facility_left", str), ("one_way", int))
COLUMNS = [out for _, out, _ in SCHEMA_FIELDS] + [name for name, _ in DERIVED_FIELDS] + ["geometry"]

# problems, as reported (translated when shown)
UNKNOWN_VALUE = "unknown value"
OLD_VALUE = "value of an older schema version"
MISSING = "required field missing"
BAD_CODE = "not an INSEE commune code"
BAD_DATE = "not a YYYY-MM-DD date"
NOT_NUMBER = "not a number"
NOT_INTEGER = "not an integer"
NOT_BOOLEAN = "not a boolean"
NOT_IN_SCHEMA = "field not in the schema"
BAD_GEOMETRY = "missing or invalid line geometry"


def problem_text(problem: str) -> str:
    """The translated wording of a problem (literal strings, for the translation tools)."""
    return {
        UNKNOWN_VALUE: translate("Bnac", "unknown value"),
        OLD_VALUE: translate("Bnac", "value of an older schema version"),
        MISSING: translate("Bnac", "required field missing"),
        BAD_CODE: translate("Bnac", "not an INSEE commune code"),
        BAD_DATE: translate("Bnac", "not a YYYY-MM-DD date"),
        NOT_NUMBER: translate("Bnac", "not a number"),
        NOT_INTEGER: translate("Bnac", "not an integer"),
        NOT_BOOLEAN: translate("Bnac", "not a boolean"),
        NOT_IN_SCHEMA: translate("Bnac", "field not in the schema"),
        BAD_GEOMETRY: translate("Bnac", "missing or invalid line geometry"),
    }.get(problem, problem)


def canonical(value: Any) -> str:
    """Upper case, no accents, single spaces: 'Aménagement  mixte…' -> 'AMENAGEMENT MIXTE…'."""
    text = unicodedata.normalize("NFKD", str(value))
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.upper().split())


def _blank(value: Any) -> bool:
    return (
        value is None
        or (isinstance(value, str) and value.strip() in ("", "null"))
        or (isinstance(value, float) and math.isnan(value))
    )


def facility(ame: Any) -> Tuple[str, str]:
    """(normalised facility, status) of an ``ame_d``/``ame_g`` value.

    status: ``ok`` (a schema value), ``old`` (a value of an older schema version), ``unknown``
    (not in the list: the facility is then ``none``), ``empty``.
    """
    if _blank(ame):
        return "none", "empty"
    key = canonical(ame)
    if key in FACILITY_OF:
        return FACILITY_OF[key], "ok"
    if key in AME_ALIASES:
        return FACILITY_OF[AME_ALIASES[key]], "old"
    return "none", "unknown"


def one_way(right: str, left: str, sens_d: Any = None, sens_g: Any = None) -> Optional[int]:
    """0 both ways, 1 digitising direction only, -1 against it, None without any facility."""
    has_right, has_left = right != "none", left != "none"
    if not (has_right or has_left):
        return None

    def both_ways(fac: str, sens: Any) -> bool:
        if _blank(sens):
            return fac == "greenway"
        return canonical(sens) == "BIDIRECTIONNEL"

    if (has_right and both_ways(right, sens_d)) or (has_left and both_ways(left, sens_g)):
        return 0
    if has_right and has_left:
        return 0
    return 1 if has_right else -1


def derive(props: Dict[str, Any]) -> Dict[str, Any]:
    """The derived fields of one segment: ``facility_right``, ``facility_left``, ``one_way``."""
    right, _ = facility(props.get("ame_d"))
    left, _ = facility(props.get("ame_g"))
    return {
        "facility_right": right,
        "facility_left": left,
        "one_way": one_way(right, left, props.get("sens_d"), props.get("sens_g")),
    }


# -- validation ------------------------------------------------------------------------------------
@dataclass
class Issue:
    count: int = 0
    examples: List[str] = field(default_factory=list)


class Report:
    """Problems counted per (field, value, problem), with up to 3 example ``id_local``."""

    def __init__(self):
        self.issues: Dict[Tuple[str, str, str], Issue] = OrderedDict()
        self.segments = 0

    def add(self, name: str, value: Any, problem: str, ident: str) -> None:
        text = "" if value is None else str(value)[:100]
        if problem in (BAD_DATE, BAD_CODE):
            text = re.sub(r"[0-9]", "9", text)  # group by shape: '2025-09-08T00:00:00' -> '9999-99-99T99:99:99'
        key = (name, text, problem)
        issue = self.issues.get(key)
        if issue is None:
            issue = self.issues[key] = Issue()
        issue.count += 1
        if ident and len(issue.examples) < 3:
            issue.examples.append(ident)

    def rows(self) -> List[Tuple[str, str, str, int, str]]:
        """(field, value, problem, count, examples), by field then decreasing count."""
        items = sorted(self.issues.items(), key=lambda kv: (kv[0][0], -kv[1].count, kv[0][1], kv[0][2]))
        return [(k[0], k[1], k[2], v.count, ", ".join(v.examples)) for k, v in items]

    def count(self, problem: Optional[str] = None) -> int:
        return sum(v.count for k, v in self.issues.items() if problem is None or k[2] == problem)

    def unknown_values(self) -> Dict[Tuple[str, str], int]:
        return {(k[0], k[1]): v.count for k, v in self.issues.items() if k[2] == UNKNOWN_VALUE}

    def lines(self, limit: int = 15) -> List[str]:
        out = []
        rows = sorted(self.rows(), key=lambda r: -r[3])
        for name, value, problem, count, examples in rows[:limit]:
            out.append(
                translate("Bnac", "{field} = '{value}': {problem}, {count} segments (e.g. {examples})").format(
                    field=name, value=value, problem=problem_text(problem), count=count, examples=examples or "—"
                )
            )
        if len(rows) > limit:
            out.append(
                translate("Bnac", "… and {count} more kinds of problem (see the report table).").format(
                    count=len(rows) - limit
                )
            )
        return out


def _convert(value: Any, kind: type) -> Tuple[Any, Optional[str]]:
    """(value for the output, problem or None)."""
    if _blank(value):
        return None, None
    if kind is str:
        if isinstance(value, (list, tuple)):
            return "; ".join(str(v) for v in value), None
        return str(value), None
    if kind is float:
        if isinstance(value, bool):
            return None, NOT_NUMBER
        try:
            number = float(value)
        except (TypeError, ValueError):
            return None, NOT_NUMBER
        if math.isnan(number):
            return None, NOT_NUMBER
        return number, NOT_NUMBER if isinstance(value, str) else None
    if kind is int:
        if isinstance(value, bool):
            return None, NOT_INTEGER
        if isinstance(value, int):
            return value, None
        try:
            number = float(value)
        except (TypeError, ValueError):
            return None, NOT_NUMBER
        if math.isnan(number) or number != int(number):
            return None, NOT_INTEGER
        return int(number), None if isinstance(value, float) else NOT_NUMBER
    if kind is bool:
        if isinstance(value, bool):
            return value, None
        text = str(value).strip().lower()
        if text in ("1", "1.0", "true", "oui", "vrai"):
            return True, NOT_BOOLEAN
        if text in ("0", "0.0", "false", "non", "faux"):
            return False, NOT_BOOLEAN
        return None, NOT_BOOLEAN
    return value, None


def normalise_properties(props: Dict[str, Any], report: Report) -> List[Any]:
    """Output values (SCHEMA_FIELDS then DERIVED_FIELDS order) of one segment, problems into ``report``."""
    ident = "" if _blank(props.get("id_local")) else str(props.get("id_local"))
    values = []
    for prop, _out, kind in SCHEMA_FIELDS:
        raw = props.get(prop)
        value, problem = _convert(raw, kind)
        if prop in ENUMS and value is not None:
            key = canonical(value)
            if key not in ENUMS[prop]:
                if prop in ("ame_d", "ame_g") and key in AME_ALIASES:
                    problem = OLD_VALUE
                else:
                    problem = UNKNOWN_VALUE
        elif prop in ("code_com_d", "code_com_g") and value is not None and not CODE_RE.match(value):
            problem = BAD_CODE
        elif prop == "date_maj" and value is not None and not DATE_RE.match(value):
            problem = BAD_DATE
            if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", value):
                value = value[:10]  # '2025-09-08T00:00:00' -> '2025-09-08'
        elif prop == "d_service" and problem is not None:
            match = re.match(r"^\s*(\d{4})\b", str(raw))
            value = int(match.group(1)) if match else None  # '2024-05' -> 2024 (reported)
        if value is None and prop in REQUIRED:
            problem = MISSING
        if problem is not None:
            report.add(prop, raw, problem, ident)
        values.append(value)
    for name in props:
        if name not in SCHEMA_NAMES:
            report.add(name, "", NOT_IN_SCHEMA, ident)
    derived = derive(props)
    values += [derived["facility_right"], derived["facility_left"], derived["one_way"]]
    return values


# -- streaming GeoJSON -----------------------------------------------------------------------------
_WS = re.compile(r"[ \t\n\r]*")


class GeoJsonStream:
    """Features of a GeoJSON FeatureCollection, one at a time, without loading the file.

    ``crs`` holds the legacy ``crs`` member when it comes before ``features`` (as GDAL writes it).
    """

    def __init__(self, path: str, chunk_size: int = 1 << 20, cancel: CancelCheck = None, progress: Progress = None):
        self.path = path
        self.chunk_size = chunk_size
        self.cancel = cancel
        self.progress = progress
        self.size = os.path.getsize(path)
        self.crs: Optional[str] = None
        self.read_bytes = 0
        self._decoder = json.JSONDecoder()

    def _error(self, what: str) -> DataError:
        return DataError(
            translate(
                "Bnac",
                "{path} is not a valid GeoJSON FeatureCollection ({what}, near byte {offset}): check the file or "
                "download it again.",
            ).format(path=os.path.basename(self.path), what=what, offset=self.read_bytes)
        )

    def __iter__(self) -> Iterator[dict]:
        with open(self.path, "rb") as handle:
            text = codecs.getincrementaldecoder("utf-8-sig")(errors="replace")
            state = {"buf": "", "pos": 0, "eof": False}

            def fill() -> None:
                if self.cancel is not None and self.cancel():
                    raise Canceled()
                data = handle.read(self.chunk_size)
                self.read_bytes += len(data)
                if self.progress and self.size:
                    self.progress(100.0 * self.read_bytes / self.size)
                state["buf"] = state["buf"][state["pos"] :] + text.decode(data, final=not data)
                state["pos"] = 0
                if not data:
                    state["eof"] = True

            def peek() -> str:
                while True:
                    state["pos"] = _WS.match(state["buf"], state["pos"]).end()
                    if state["pos"] < len(state["buf"]):
                        return state["buf"][state["pos"]]
                    if state["eof"]:
                        return ""
                    fill()

            def expect(char: str) -> None:
                if peek() != char:
                    raise self._error(translate("Bnac", "'{char}' expected").format(char=char))
                state["pos"] += 1

            def value():
                peek()
                while True:
                    try:
                        obj, end = self._decoder.raw_decode(state["buf"], state["pos"])
                    except ValueError:
                        if state["eof"]:
                            raise self._error(translate("Bnac", "malformed or cut-short JSON"))
                        fill()
                        continue
                    if end >= len(state["buf"]) and not state["eof"]:
                        fill()  # a number may go on in the next chunk
                        continue
                    state["pos"] = end
                    return obj

            expect("{")
            found = False
            while peek() != "}":
                key = value()
                expect(":")
                if key == "features":
                    found = True
                    expect("[")
                    if peek() == "]":
                        state["pos"] += 1
                    else:
                        while True:
                            yield value()
                            char = peek()
                            state["pos"] += 1
                            if char == "]":
                                break
                            if char != ",":
                                raise self._error(translate("Bnac", "',' or ']' expected between features"))
                else:
                    member = value()
                    if key == "crs" and isinstance(member, dict):
                        self.crs = str((member.get("properties") or {}).get("name") or "")
                    elif key == "type" and member != "FeatureCollection":
                        raise self._error(
                            translate("Bnac", "the type is '{type}', not FeatureCollection").format(type=member)
                        )
                char = peek()
                if char == ",":
                    state["pos"] += 1
                elif char != "}":
                    raise self._error(translate("Bnac", "',' or '}' expected"))
            if not found:
                raise self._error(translate("Bnac", "no 'features' member"))


def crs_kind(name: Optional[str]) -> str:
    """'lonlat', 'l93' or 'other' from a legacy GeoJSON ``crs`` name (None/empty: lonlat)."""
    if not name:
        return "lonlat"
    text = name.upper()
    if text.endswith(("CRS84", "EPSG::4326", "EPSG:4326")):
        return "lonlat"
    if text.endswith(("EPSG::2154", "EPSG:2154")):
        return "l93"
    return "other"


# -- reading ---------------------------------------------------------------------------------------
@dataclass
class CycleLanes:
    rows: List[tuple]  # COLUMNS order, geometry last (shapely, EPSG:4326)
    records: List[Dict]
    report: Report
    read: int = 0
    outside: int = 0
    rejected: List[str] = field(default_factory=list)
    has_multi: bool = False
    latest_update: str = ""
    territory: Any = None

    @property
    def columns(self) -> List[str]:
        return COLUMNS

    def facility_counts(self) -> Dict[str, int]:
        right, left = COLUMNS.index("facility_right"), COLUMNS.index("facility_left")
        counts = dict.fromkeys(FACILITIES, 0)
        for row in self.rows:
            counts[row[right]] += 1
            counts[row[left]] += 1
        return counts


def normalise_features(
    items: Iterable[Tuple[Dict[str, Any], Any]],
    keep: Optional[Callable[[Any], bool]] = None,
    cancel: CancelCheck = None,
) -> CycleLanes:
    """Validate and normalise (properties, shapely geometry or GeoJSON dict) pairs, in EPSG:4326.

    ``keep`` filters on the geometry (territory); segments it refuses are counted in ``outside``.
    """
    report = Report()
    result = CycleLanes([], [], report)
    date_index = COLUMNS.index("date_maj")
    for index, (props, geometry) in enumerate(items):
        if cancel is not None and index % 2000 == 0 and cancel():
            raise Canceled()
        result.read += 1
        props = props if isinstance(props, dict) else {}
        geom = geometry
        if isinstance(geometry, dict):
            try:
                geom = shape(geometry)
            except Exception:
                geom = None
        if geom is None or geom.is_empty or geom.geom_type not in ("LineString", "MultiLineString"):
            ident = props.get("id_local") or f"#{index + 1}"
            result.rejected.append(str(ident))
            report.add("geometry", geom.geom_type if geom is not None else "", BAD_GEOMETRY, str(ident))
            continue
        if keep is not None and not keep(geom):
            result.outside += 1
            continue
        report.segments += 1
        values = normalise_properties(props, report)
        if geom.geom_type == "MultiLineString":
            result.has_multi = True
        values.append(geom)
        if values[date_index] and values[date_index] > result.latest_update:
            result.latest_update = values[date_index]
        result.rows.append(tuple(values))
    return result


def geojson_items(stream: GeoJsonStream) -> Iterator[Tuple[Dict[str, Any], Any]]:
    """(properties, geometry) pairs of a stream, geometries in EPSG:4326."""
    from .bdtopo import geometry_to_lonlat

    checked = False
    for feature in stream:
        if not isinstance(feature, dict):
            yield {}, None
            continue
        geometry = feature.get("geometry")
        kind = crs_kind(stream.crs)
        if kind == "other":
            raise DataError(
                translate(
                    "Bnac",
                    "The file is in the coordinate system '{crs}': a BNAC file is GeoJSON in longitude/latitude "
                    "(EPSG:4326); reproject it first.",
                ).format(crs=stream.crs)
            )
        geom = None
        if isinstance(geometry, dict):
            try:
                geom = shape(geometry)
            except Exception:
                geom = None
        if geom is not None and not geom.is_empty:
            if kind == "l93":
                geom = geometry_to_lonlat(geom)
            elif not checked:
                minx, miny, maxx, maxy = geom.bounds
                if not (-180 <= minx <= 180 and -90 <= miny <= 90 and -180 <= maxx <= 180 and -90 <= maxy <= 90):
                    raise DataError(
                        translate(
                            "Bnac",
                            "The coordinates of the file are not longitudes/latitudes (e.g. {x:.0f}, {y:.0f}): a "
                            "BNAC file is GeoJSON in EPSG:4326; reproject it first.",
                        ).format(x=minx, y=miny)
                    )
                checked = True
        yield feature.get("properties"), geom


def territory_filter(geometry) -> Callable[[Any], bool]:
    """A fast 'touches the area' predicate (bounds first, then a prepared geometry)."""
    prepared = prep(geometry)
    minx, miny, maxx, maxy = geometry.bounds

    def keep(geom) -> bool:
        gx0, gy0, gx1, gy1 = geom.bounds
        if gx1 < minx or gx0 > maxx or gy1 < miny or gy0 > maxy:
            return False
        return prepared.intersects(geom)

    return keep


def read_file(
    path: str, keep: Optional[Callable[[Any], bool]] = None, cancel: CancelCheck = None, progress: Progress = None
) -> CycleLanes:
    """A BNAC GeoJSON file, streamed, validated and normalised (``keep``: territory filter)."""
    if not os.path.isfile(path):
        raise DataError(translate("Bnac", "The file {path} does not exist: check the path.").format(path=path))
    stream = GeoJsonStream(path, cancel=cancel, progress=progress)
    return normalise_features(geojson_items(stream), keep=keep, cancel=cancel)


def local_record(path: str, latest_update: str = "") -> Dict[str, Any]:
    """Provenance of a local BNAC file (its checksum; vintage: the latest ``date_maj`` in it)."""
    record = Provenance("bnac", url=os.path.abspath(path), sha256=sha256_file(path), vintage=latest_update).record()
    record["url"] = "file://" + os.path.abspath(path)
    return record


# -- the national file -----------------------------------------------------------------------------
def latest_resource(dataset: Dict[str, Any]) -> Tuple[str, str, Dict[str, Any]]:
    """(url, vintage YYYY-MM-DD, resource) of the newest GeoJSON main resource of the dataset."""
    candidates = []
    for resource in dataset.get("resources") or []:
        if not isinstance(resource, dict) or not resource.get("url"):
            continue
        fmt = str(resource.get("format") or "").lower()
        url = str(resource["url"])
        if resource.get("type", "main") != "main":
            continue
        if fmt not in ("geojson", "json") and not url.lower().endswith(".geojson"):
            continue
        candidates.append(resource)
    if not candidates:
        raise DataError(
            translate(
                "Bnac", "The data.gouv.fr dataset {slug} has no GeoJSON file: give a local BNAC file instead."
            ).format(slug=DATASET_SLUG)
        )
    resource = max(candidates, key=lambda r: str(r.get("last_modified") or r.get("created_at") or ""))
    match = re.search(r"(20\d{2})(\d{2})(\d{2})", str(resource.get("title") or "") + " " + str(resource["url"]))
    if match:
        vintage = "-".join(match.groups())
    else:
        vintage = str(resource.get("last_modified") or "")[:10]
    return str(resource["url"]), vintage, resource


def download_national(
    cache: Optional[Cache] = None,
    cancel: CancelCheck = None,
    warn: Warn = None,
    progress: Optional[Callable[[int, Optional[int]], None]] = None,
) -> Tuple[str, List[Dict]]:
    """The national file through the cache: (local path, provenance records)."""
    cache = cache or get_cache()
    service = get_service("datagouv")
    dataset, entry = cache.fetch_json(service, f"datasets/{DATASET_SLUG}/", cancel=cancel, warn=warn)
    if not isinstance(dataset, dict):
        raise DataError(
            translate(
                "Bnac",
                "data.gouv.fr sent an unexpected answer for the dataset {slug}: check the data.gouv.fr address in "
                "the plugin options.",
            ).format(slug=DATASET_SLUG)
        )
    url, vintage, _ = latest_resource(dataset)
    file_entry = cache.fetch_file(
        service,
        url,
        dataset="bnac",
        vintage=vintage,
        cancel=cancel,
        warn=warn,
        progress=progress,
        validate=check_geojson_end,
    )
    return file_entry.path, [entry.provenance, file_entry.provenance]


def check_geojson_end(path: str) -> None:
    """Raise :class:`DataError` when a downloaded GeoJSON does not end like one (cut short without a
    ``Content-Length`` to tell): such a file is never cached."""
    size = os.path.getsize(path)
    with open(path, "rb") as handle:
        handle.seek(max(0, size - 256))
        tail = handle.read().rstrip(b" \t\r\n\x00")
    if not tail.endswith(b"}"):
        raise DataError(
            translate("Bnac", "the GeoJSON file ends in the middle of its data ({size} bytes): it is cut short").format(
                size=size
            )
        )


def fetch_cycle_lanes(
    code: str = "",
    extent_lonlat: Optional[Sequence[float]] = None,
    path: Optional[str] = None,
    cache: Optional[Cache] = None,
    cancel: CancelCheck = None,
    warn: Warn = None,
    progress: Progress = None,
    geo_client=None,
    items: Optional[Iterable[Tuple[Dict[str, Any], Any]]] = None,
) -> CycleLanes:
    """Cycle facilities of a territory (``code``) or an extent (lon/lat box), from a local BNAC
    GeoJSON file (``path``), from (properties, geometry) pairs already read from ``path`` by
    another reader (``items``, e.g. QGIS for a GeoPackage), or from the national file of
    data.gouv.fr (neither)."""
    from .geo_api import resolve_territory

    code = (code or "").strip()
    if code and extent_lonlat is not None:
        raise DataError(translate("Bnac", "Give either a territory code or an extent, not both."))
    if not path and items is None and not code and extent_lonlat is None:
        raise DataError(
            translate(
                "Bnac",
                "The national base holds about 300 000 segments: give a territory code or an extent, or a local BNAC "
                "file.",
            )
        )
    keep = None
    territory = None
    records: List[Dict] = []
    if code:
        territory = resolve_territory(code, client=geo_client, cache=cache, cancel=cancel, warn=warn)
        keep = territory_filter(territory.geometry)
        records += territory.records
    elif extent_lonlat is not None:
        xmin, ymin, xmax, ymax = (float(v) for v in extent_lonlat)
        if not (xmin < xmax and ymin < ymax):
            raise DataError(
                translate("Bnac", "The extent is empty (its width or height is zero): draw or give a real extent.")
            )
        keep = territory_filter(shapely_box(xmin, ymin, xmax, ymax))

    def step(low: float, high: float) -> Progress:
        if progress is None:
            return None
        return lambda value: progress(low + (high - low) * value / 100.0)

    if items is not None:
        result = normalise_features(items, keep=keep, cancel=cancel)
        result.records = records + [local_record(path, result.latest_update)] if path else records
    elif path:
        result = read_file(path, keep=keep, cancel=cancel, progress=step(0, 100))
        result.records = records + [local_record(path, result.latest_update)]
    else:
        download_progress = step(0, 50)

        def on_bytes(done: int, total: Optional[int]) -> None:
            if download_progress and total:
                download_progress(100.0 * done / total)

        national, national_records = download_national(cache, cancel=cancel, warn=warn, progress=on_bytes)
        try:
            result = read_file(national, keep=keep, cancel=cancel, progress=step(50, 100))
        except DataError as exc:
            (cache or get_cache()).discard(Entry(national, {}))  # never serve a broken copy again
            raise DataError(
                translate(
                    "Bnac",
                    "{error} The copy was removed from the cache: run again to download the national file again.",
                ).format(error=str(exc).rstrip())
            )
        result.records = records + national_records
    result.territory = territory
    if not result.rows:
        where = territory.label if territory else translate("Bnac", "this extent")
        if result.read:
            raise DataError(
                translate(
                    "Bnac",
                    "No cycle facility of the file touches {where} ({count} segments read): check the territory or "
                    "the file.",
                ).format(
                    where=where if (territory or extent_lonlat is not None) else os.path.basename(path or ""),
                    count=result.read,
                )
            )
        raise DataError(translate("Bnac", "The file holds no cycle facility segment: check the file."))
    return result
