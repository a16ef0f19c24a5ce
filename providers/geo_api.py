"""Administrative boundaries from geo.api.gouv.fr (API Découpage administratif).

The API serves contours for communes and EPCI only (``format=geojson``); départements and
régions are built by dissolving their communes (population summed), and their names come from
``/departements`` and ``/regions``. Codes stay strings (leading zeros, Corsica 2A/2B, DROM 97x).
"""

from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List, Optional, Tuple

import pandas as pd
from shapely.geometry import shape
from shapely.ops import unary_union

from .cache import Cache, get_cache
from .codes import COMMUNE_RE, DEPARTEMENT_RE, EPCI_RE, REGION_RE
from .errors import DataError
from .http import CancelCheck, get_service
from .i18n import translate

LEVELS = ("commune", "epci", "departement", "region")
PARENT_LEVELS = ("departement", "epci", "region")
COLUMNS = ["code", "nom", "code_epci", "code_departement", "code_region", "population", "geometry"]

COMMUNE_FIELDS = "nom,code,population,codeEpci,codeDepartement,codeRegion"
EPCI_FIELDS = "nom,code,population,codesDepartements,codesRegions"


@dataclass
class Boundaries:
    frame: pd.DataFrame  # COLUMNS; geometry = shapely (Multi)Polygon in EPSG:4326
    records: List[Dict]  # provenance of every answer used


def normalise_code(code: str) -> str:
    code = (code or "").strip().upper()
    if code.isdigit() and len(code) == 1:
        code = "0" + code  # département "1" -> "01"
    return code


def infer_parent_level(code: str) -> Optional[str]:
    """9 digits (or a longer run of digits): an EPCI; 2 or 3 characters: a département."""
    if not code:
        return None
    if code.isdigit() and len(code) >= 6:
        return "epci"
    if len(code) in (2, 3):
        return "departement"
    raise DataError(
        translate(
            "GeoApi",
            "Cannot tell what territory the code '{code}' is: give a département (2 or 3 characters, "
            "e.g. 78, 2A, 974), an EPCI SIREN (9 digits, e.g. 200054781) or set the parent level to region.",
        ).format(code=code)
    )


def check_code(parent_level: str, code: str, level: str) -> None:
    pattern, hint = {
        "departement": (DEPARTEMENT_RE, translate("GeoApi", "the département code (01-95, 2A, 2B, 971-976)")),
        "epci": (EPCI_RE, translate("GeoApi", "the SIREN code (9 digits)")),
        "region": (REGION_RE, translate("GeoApi", "the region code (2 digits, e.g. 11, 84)")),
    }[parent_level]
    if not pattern.match(code):
        raise not_found(level, parent_level, code, hint)


def not_found(level: str, parent_level: str, code: str, hint: Optional[str] = None) -> DataError:
    hint = (
        hint
        or {
            "departement": translate("GeoApi", "the département code (01-95, 2A, 2B, 971-976)"),
            "epci": translate("GeoApi", "the SIREN code (9 digits)"),
            "region": translate("GeoApi", "the region code (2 digits, e.g. 11, 84)"),
        }[parent_level]
    )
    return DataError(
        translate("GeoApi", "no {level} found for {parent} {code}: check {hint}").format(
            level=level, parent=parent_level.upper() if parent_level == "epci" else parent_level, code=code, hint=hint
        )
    )


class GeoApiClient:
    def __init__(
        self,
        cache: Optional[Cache] = None,
        cancel: CancelCheck = None,
        warn: Optional[Callable[[str], None]] = None,
        progress: Optional[Callable[[float], None]] = None,
    ):
        self.cache = cache or get_cache()
        self.service = get_service("geo_api")
        self.cancel = cancel
        self.warn = warn
        self.progress = progress
        self.records: List[Dict] = []

    def _get(self, path: str, params=None, ok_statuses=()):
        data, entry = self.cache.fetch_json(
            self.service, path, params=params, cancel=self.cancel, warn=self.warn, ok_statuses=ok_statuses
        )
        if entry.provenance.get("status", 200) < 400:
            self.records.append(entry.provenance)
        return data, entry.provenance.get("status", 200)

    # -- raw lists ----------------------------------------------------------------------------------
    def communes(self, parent_level: Optional[str], code: str) -> List[dict]:
        params = {"format": "geojson", "geometry": "contour", "fields": COMMUNE_FIELDS}
        if parent_level is None:
            features = []
            departements = self.departements()
            for index, dep in enumerate(departements):
                features += self.communes("departement", dep["code"])
                if self.progress:
                    self.progress(100.0 * (index + 1) / len(departements))
            return features
        key = {"departement": "codeDepartement", "epci": "codeEpci", "region": "codeRegion"}[parent_level]
        params[key] = code
        data, _ = self._get("communes", params)
        return self._features(data)

    def epcis(self, parent_level: Optional[str], code: str) -> List[dict]:
        params = {"format": "geojson", "geometry": "contour", "fields": EPCI_FIELDS}
        if parent_level == "epci":
            data, status = self._get(f"epcis/{code}", params, ok_statuses=(404,))
            if status == 404:
                return []
            return self._features(data)
        if parent_level is not None:
            params["codeDepartement" if parent_level == "departement" else "codeRegion"] = code
        data, _ = self._get("epcis", params)
        return self._features(data)

    def departements(self, region: Optional[str] = None) -> List[dict]:
        data, _ = self._get("departements", {"codeRegion": region} if region else None)
        return self._list(data)

    def regions(self) -> List[dict]:
        data, _ = self._get("regions")
        return self._list(data)

    def _features(self, data) -> List[dict]:
        if isinstance(data, dict) and data.get("type") == "Feature":
            return [data]
        if isinstance(data, dict) and isinstance(data.get("features"), list):
            return data["features"]
        raise DataError(
            translate(
                "GeoApi",
                "{service} sent an answer that is not GeoJSON: check the service address in the plugin options.",
            ).format(service=self.service.name)
        )

    def _list(self, data) -> List[dict]:
        if isinstance(data, dict):
            return [data]
        if isinstance(data, list):
            return data
        raise DataError(
            translate(
                "GeoApi",
                "{service} sent an answer that is not a list: check the service address in the plugin options.",
            ).format(service=self.service.name)
        )


def _geometry(feature: dict):
    geometry = feature.get("geometry")
    if not geometry:
        return None
    geom = shape(geometry)
    if not geom.is_valid:
        geom = geom.buffer(0)
    return geom


def _commune_rows(features: List[dict]) -> pd.DataFrame:
    rows = []
    for feature in features:
        props = feature.get("properties") or {}
        rows.append(
            {
                "code": str(props.get("code", "")),
                "nom": str(props.get("nom", "")),
                "code_epci": str(props.get("codeEpci") or ""),
                "code_departement": str(props.get("codeDepartement") or ""),
                "code_region": str(props.get("codeRegion") or ""),
                "population": int(props.get("population") or 0),
                "geometry": _geometry(feature),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def _epci_rows(features: List[dict]) -> pd.DataFrame:
    rows = []
    for feature in features:
        props = feature.get("properties") or {}
        rows.append(
            {
                "code": str(props.get("code", "")),
                "nom": str(props.get("nom", "")),
                "code_epci": str(props.get("code", "")),
                "code_departement": ",".join(props.get("codesDepartements") or []),
                "code_region": ",".join(props.get("codesRegions") or []),
                "population": int(props.get("population") or props.get("populationMunicipale") or 0),
                "geometry": _geometry(feature),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def _dissolve(communes: pd.DataFrame, by: str, names: Dict[str, dict]) -> pd.DataFrame:
    rows = []
    for code, group in communes.groupby(by, sort=True):
        geoms = [g for g in group["geometry"] if g is not None]
        info = names.get(code, {})
        rows.append(
            {
                "code": code,
                "nom": str(info.get("nom", "")),
                "code_epci": "",
                "code_departement": code
                if by == "code_departement"
                else ",".join(sorted(set(group["code_departement"]))),
                "code_region": str(info.get("codeRegion", code if by == "code_region" else "")),
                "population": int(group["population"].sum()),
                "geometry": unary_union(geoms) if geoms else None,
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def fetch_boundaries(
    level: str, code: str = "", parent_level: Optional[str] = None, client: Optional[GeoApiClient] = None, **client_args
) -> Boundaries:
    """Boundaries of ``level`` inside the territory ``code`` of ``parent_level`` (inferred if None)."""
    if level not in LEVELS:
        raise DataError(
            translate("GeoApi", "Unknown level '{level}': use one of {levels}.").format(
                level=level, levels=", ".join(LEVELS)
            )
        )
    code = normalise_code(code)
    if parent_level in ("", None):
        parent_level = infer_parent_level(code)
    elif parent_level not in PARENT_LEVELS:
        raise DataError(
            translate("GeoApi", "Unknown parent level '{parent}': use one of {levels}.").format(
                parent=parent_level, levels=", ".join(PARENT_LEVELS)
            )
        )
    if parent_level and not code:
        raise DataError(
            translate("GeoApi", "Give the code of the {parent}, or no parent level for the whole country.").format(
                parent=parent_level
            )
        )
    if parent_level:
        check_code(parent_level, code, level)
    client = client or GeoApiClient(**client_args)

    if level == "commune":
        frame = _commune_rows(client.communes(parent_level, code))
    elif level == "epci":
        frame = _epci_rows(client.epcis(parent_level, code))
    else:
        if parent_level == "epci":
            raise DataError(
                translate(
                    "GeoApi", "An EPCI does not contain {level}s: choose a département or region as the parent."
                ).format(level=level)
            )
        if level == "region" and parent_level == "departement":
            raise DataError(
                translate(
                    "GeoApi",
                    "A département does not contain regions: choose the region itself as the parent (parent level: "
                    "region).",
                )
            )
        communes = _commune_rows(client.communes(parent_level, code))
        if level == "departement":
            region = code if parent_level == "region" else None
            names = {d["code"]: d for d in client.departements(region)}
            frame = _dissolve(communes, "code_departement", names)
        else:
            names = {r["code"]: r for r in client.regions()}
            frame = _dissolve(communes, "code_region", names)
    if frame.empty:
        if parent_level:
            raise not_found(level, parent_level, code)
        raise DataError(translate("GeoApi", "The service returned no {level}.").format(level=level))
    frame = frame.sort_values("code", kind="stable").reset_index(drop=True)
    return Boundaries(frame, client.records)


def describe(level: str, code: str, parent_level: Optional[str]) -> Tuple[str, str]:
    """A layer title and a short description of what was asked."""
    if not code:
        return f"{level} — France", level
    return f"{level} — {parent_level or infer_parent_level(normalise_code(code))} {normalise_code(code)}", level


# -- territories -----------------------------------------------------------------------------------
ARRONDISSEMENTS = {"75": "75056", "69": "69123", "13": "13055"}  # Paris, Lyon, Marseille


@dataclass
class Territory:
    """A commune, an EPCI or a département: contour (EPSG:4326), commune codes, provenance."""

    code: str
    kind: str  # commune | epci | departement
    name: str
    geometry: Any  # shapely (Multi)Polygon, lon/lat
    communes: List[str]
    records: List[Dict] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.name} ({self.code})" if self.name else self.code


def departement_of(commune: str) -> str:
    return commune[:3] if commune.startswith("97") else commune[:2]


def resolve_territory(code: str, client: Optional["GeoApiClient"] = None, **client_args) -> Territory:
    """The territory of an INSEE commune code (5 characters), an EPCI SIREN (9 digits) or a
    département code (2-3 characters), with its contour from geo.api.gouv.fr."""
    code = normalise_code(code)
    if not code:
        raise DataError(
            translate(
                "Territory",
                "Give a territory code: a commune (INSEE code, e.g. 95127), an EPCI (SIREN, e.g. 200054781) or a "
                "département (e.g. 95).",
            )
        )
    client = client or GeoApiClient(**client_args)
    if COMMUNE_RE.match(code) or (code.startswith("97") and len(code) == 5 and code.isdigit()):
        dep = departement_of(code)
        frame = fetch_boundaries("commune", dep, "departement", client=client).frame
        rows = frame[frame["code"] == code]
        if rows.empty:
            hint = ""
            if code[:2] in ARRONDISSEMENTS and code != ARRONDISSEMENTS[code[:2]] and code[2] in "123":
                hint = " " + translate(
                    "Territory", "For a Paris, Lyon or Marseille arrondissement, give the commune code {code}."
                ).format(code=ARRONDISSEMENTS[code[:2]])
            raise DataError(
                translate(
                    "Territory",
                    "No commune has the INSEE code {code} in département {dep}: check the code (5 characters, e.g. "
                    "95127 or 2A004).",
                ).format(code=code, dep=dep)
                + hint
            )
        row = rows.iloc[0]
        return Territory(code, "commune", row["nom"], row["geometry"], [code], list(client.records))
    if code.isdigit() and len(code) == 9:
        frame = fetch_boundaries("commune", code, "epci", client=client).frame
        kind = "epci"
        name = ""
    elif len(code) in (2, 3):
        frame = fetch_boundaries("commune", code, "departement", client=client).frame
        kind = "departement"
        name = ""
    else:
        raise DataError(
            translate(
                "Territory",
                "Cannot tell what territory '{code}' is: give a commune INSEE code (5 characters, e.g. 95127), "
                "an EPCI SIREN (9 digits, e.g. 200054781) or a département (2 or 3 characters, e.g. 95, 2A, 974).",
            ).format(code=code)
        )
    geoms = [g for g in frame["geometry"] if g is not None]
    if not geoms:
        raise DataError(translate("Territory", "geo.api.gouv.fr gave no contour for {code}.").format(code=code))
    return Territory(code, kind, name, unary_union(geoms), sorted(frame["code"]), list(client.records))
