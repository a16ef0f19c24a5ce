"""IGN BD TOPO® road segments (``troncon_de_route``) from the Géoplateforme WFS, and territories.

The WFS (GeoServer, WFS 2.0.0, ``data.geopf.fr/wfs/ows``) answers ``GetFeature`` in GeoJSON. What
this client does about its traps (shared/APIS.md §6):

- the box goes in Lambert-93 (``BBOX=xmin,ymin,xmax,ymax,EPSG:2154``): no axis-order ambiguity;
  ``SRSNAME=EPSG:2154`` is sent explicitly too, so the coordinates that come back are eastings and
  northings (checked: an answer in degrees is refused). Overseas, where Lambert-93 means nothing,
  the box and the answer use ``urn:ogc:def:crs:OGC:1.3:CRS84`` (longitude, latitude);
- pages of ``COUNT`` features from ``STARTINDEX``, sorted by ``cleabs`` (``SORTBY``) so that pages
  do not overlap; the next page starts after what actually arrived (the server may cap a page
  below ``COUNT``);
- the service truncates silently: the number of features that arrived is compared with
  ``numberMatched`` of the first page, and a shortfall is an error (or, if the caller accepts an
  incomplete answer, a warning saying how many are missing);
- only the attributes the analyses use are asked for (``PROPERTYNAME``), which divides the volume
  by about three.

Territories (a commune, an EPCI or a département) come from :mod:`.geo_api`; their contour is
projected to Lambert-93 here (pure Python: no pyproj in QGIS's Python) and segments that do not
touch it are left out (counted). Segments crossing the border are kept whole (no cut), so that the
network stays connected.
"""

import math
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from shapely.geometry import box as shapely_box
from shapely.geometry import shape

try:  # shapely >= 2.0 (shapely.ops.transform is deprecated from 2.2 on)
    from shapely import transform as _transform_coordinates
except ImportError:  # shapely 1.8
    _transform_coordinates = None
    from shapely.ops import transform as _shapely_ops_transform
from shapely.prepared import prep

from . import geo_api
from .cache import Cache, Entry, get_cache
from .errors import Canceled, DataError
from .geo_api import ARRONDISSEMENTS, COMMUNE_RE, Territory, departement_of, resolve_territory  # noqa: F401 (re-exported)
from .http import CancelCheck, ServiceError, get_service
from .i18n import translate

Warn = Optional[Callable[[str], None]]
Progress = Optional[Callable[[float], None]]

TYPENAME = "BDTOPO_V3:troncon_de_route"
GEOMETRY_NAME = "geometrie"
MAX_PAGE = 5000  # the Géoplateforme caps COUNT at 5000
L93 = "EPSG:2154"
CRS84 = "urn:ogc:def:crs:OGC:1.3:CRS84"

#: (name, type) of the attributes kept, in output order; types: str, int, float, bool
ROAD_FIELDS: Tuple[Tuple[str, type], ...] = (
    ("cleabs", str),
    ("nature", str),
    ("nom_collaboratif_gauche", str),
    ("nom_collaboratif_droite", str),
    ("importance", str),
    ("fictif", bool),
    ("position_par_rapport_au_sol", str),
    ("etat_de_l_objet", str),
    ("nombre_de_voies", int),
    ("largeur_de_chaussee", float),
    ("itineraire_vert", bool),
    ("prive", bool),
    ("sens_de_circulation", str),
    ("reserve_aux_bus", str),
    ("urbain", bool),
    ("vitesse_moyenne_vl", int),
    ("acces_vehicule_leger", str),
    ("acces_pieton", str),
    ("nature_de_la_restriction", str),
    ("insee_commune_gauche", str),
    ("insee_commune_droite", str),
    ("cpx_numero", str),
    ("cpx_classement_administratif", str),
    ("cpx_gestionnaire", str),
    ("cpx_toponyme_route_nommee", str),
    ("cpx_toponyme_itineraire_cyclable", str),
    ("cpx_toponyme_voie_verte", str),
    ("amenagement_cyclable_droit", str),
    ("amenagement_cyclable_gauche", str),
    ("sens_amenagement_cyclable_droit", str),
    ("sens_amenagement_cyclable_gauche", str),
    ("date_modification", str),
)
#: derived: 0 both ways, 1 digitising direction only, -1 against it, None unknown / not applicable
DERIVED_FIELDS: Tuple[Tuple[str, type], ...] = (("one_way", int),)
COLUMNS = [name for name, _ in ROAD_FIELDS + DERIVED_FIELDS] + ["geometry"]

ONE_WAY = {"double sens": 0, "sens direct": 1, "sens inverse": -1}

# -- Lambert-93 (EPSG:2154: RGF93 / Lambert conformal conic 2SP on GRS80) -------------------------
# RGF93 and WGS84 coincide to the metre (EPSG's transformation between them is the identity).
_A = 6378137.0
_F = 1 / 298.257222101
_E = math.sqrt(2 * _F - _F * _F)
_LON0 = math.radians(3.0)
_X0, _Y0 = 700000.0, 6600000.0


def _m(phi: float) -> float:
    return math.cos(phi) / math.sqrt(1 - (_E * math.sin(phi)) ** 2)


def _t(phi: float) -> float:
    s = _E * math.sin(phi)
    return math.tan(math.pi / 4 - phi / 2) / ((1 - s) / (1 + s)) ** (_E / 2)


_P1, _P2, _P0 = math.radians(44.0), math.radians(49.0), math.radians(46.5)
_N = (math.log(_m(_P1)) - math.log(_m(_P2))) / (math.log(_t(_P1)) - math.log(_t(_P2)))
_AF = _A * _m(_P1) / (_N * _t(_P1) ** _N)
_RHO0 = _AF * _t(_P0) ** _N


def lonlat_to_l93(lon: float, lat: float) -> Tuple[float, float]:
    """WGS84 / RGF93 degrees -> Lambert-93 metres."""
    rho = _AF * _t(math.radians(lat)) ** _N
    theta = _N * (math.radians(lon) - _LON0)
    return _X0 + rho * math.sin(theta), _Y0 + _RHO0 - rho * math.cos(theta)


def l93_to_lonlat(x: float, y: float) -> Tuple[float, float]:
    """Lambert-93 metres -> WGS84 / RGF93 degrees."""
    dx, dy = x - _X0, _RHO0 - (y - _Y0)
    rho = math.copysign(math.hypot(dx, dy), _N)
    t = (rho / _AF) ** (1 / _N)
    theta = math.atan2(dx, dy)
    lon = theta / _N + _LON0
    phi = math.pi / 2 - 2 * math.atan(t)
    for _ in range(15):
        s = _E * math.sin(phi)
        new = math.pi / 2 - 2 * math.atan(t * ((1 - s) / (1 + s)) ** (_E / 2))
        if abs(new - phi) < 1e-12:
            phi = new
            break
        phi = new
    return math.degrees(lon), math.degrees(phi)


def _apply(func):
    """A shapely ``transform`` function from a point function (keeps z)."""

    def inner(xs, ys, zs=None):
        out_x, out_y = [], []
        for x, y in zip(xs, ys):
            a, b = func(x, y)
            out_x.append(a)
            out_y.append(b)
        if zs is None:
            return out_x, out_y
        return out_x, out_y, zs

    return inner


def _transform(func, geom):
    """``geom`` with ``func(x, y) -> (x, y)`` applied to every vertex (z kept), on shapely 1.8 and 2.x."""
    if _transform_coordinates is None:
        return _shapely_ops_transform(_apply(func), geom)

    def coordinates(array):
        out = array.copy()
        for row in out:
            row[0], row[1] = func(row[0], row[1])
        return out

    return _transform_coordinates(geom, coordinates, include_z=bool(geom.has_z))


def geometry_to_l93(geom):
    return _transform(lonlat_to_l93, geom)


def geometry_to_lonlat(geom):
    return _transform(l93_to_lonlat, geom)


def in_metropole(lon: float, lat: float) -> bool:
    """Metropolitan France and Corsica, where Lambert-93 applies (with a margin)."""
    return -6.0 <= lon <= 10.5 and 41.0 <= lat <= 51.6


def box_l93_from_lonlat(bounds: Sequence[float], margin: float = 50.0) -> Tuple[float, float, float, float]:
    """A Lambert-93 box holding the lon/lat box ``bounds`` (its edges curve once projected)."""
    xmin, ymin, xmax, ymax = bounds
    xs, ys = [], []
    steps = 8
    for i in range(steps + 1):
        for lon, lat in (
            (xmin + (xmax - xmin) * i / steps, ymin),
            (xmin + (xmax - xmin) * i / steps, ymax),
            (xmin, ymin + (ymax - ymin) * i / steps),
            (xmax, ymin + (ymax - ymin) * i / steps),
        ):
            x, y = lonlat_to_l93(lon, lat)
            xs.append(x)
            ys.append(y)
    return min(xs) - margin, min(ys) - margin, max(xs) + margin, max(ys) + margin


# -- the WFS client ----------------------------------------------------------------------------------
@dataclass
class Roads:
    rows: List[tuple]  # values in COLUMNS order (geometry last: shapely, in ``crs``)
    crs: str  # EPSG:2154, or EPSG:4326 overseas
    records: List[Dict]
    matched: int  # numberMatched announced by the service (-1: unknown)
    received: int  # features that arrived
    pages: int
    outside: int = 0  # in the box but not touching the territory (left out on purpose)
    rejected: List[str] = field(default_factory=list)  # rows dropped, one message each
    bad_values: Dict[str, int] = field(default_factory=dict)  # field -> values set to NULL
    duplicates: int = 0
    complete: bool = True
    has_z: bool = False

    @property
    def columns(self) -> List[str]:
        return COLUMNS


def _convert(value, kind: type):
    """(converted value, ok). None stays None; a bad value gives (None, False)."""
    if value is None or value == "":
        return None, True
    try:
        if kind is str:
            if isinstance(value, (list, tuple)):
                return "; ".join(str(v) for v in value), True
            return str(value), True
        if kind is bool:
            if isinstance(value, bool):
                return value, True
            text = str(value).strip().lower()
            if text in ("true", "1", "oui", "vrai", "t"):
                return True, True
            if text in ("false", "0", "non", "faux", "f"):
                return False, True
            return None, False
        if kind is int:
            number = float(value)
            if number != int(number):
                return None, False
            return int(number), True
        if kind is float:
            number = float(value)
            if math.isnan(number):
                return None, False
            return number, True
    except (TypeError, ValueError):
        return None, False
    return value, True


def one_way(sens: Optional[str]) -> Optional[int]:
    """``sens_de_circulation`` -> 0 (both ways), 1 (digitising direction), -1 (against), None."""
    if not sens:
        return None
    return ONE_WAY.get(str(sens).strip().lower())


def _looks_projected(geom) -> bool:
    minx, miny, maxx, maxy = geom.bounds
    return -500000 <= minx <= 1500000 and 5500000 <= miny <= 7500000


class BdTopoClient:
    def __init__(
        self, cache: Optional[Cache] = None, cancel: CancelCheck = None, warn: Warn = None, progress: Progress = None
    ):
        self.cache = cache or get_cache()
        self.service = get_service("wfs")
        self.cancel = cancel
        self.warn = warn
        self.progress = progress
        self.records: List[Dict] = []
        self.requests = 0

    def _warn(self, text: str) -> None:
        if self.warn:
            self.warn(text)

    def _bad_answer(self, entry: Entry, url: str, problem: str) -> ServiceError:
        self.cache.discard(entry)
        return ServiceError(
            self.service,
            url,
            problem,
            translate(
                "BdTopo",
                "The service may be failing or the address may point elsewhere: try again later, or check the WFS "
                "address in the plugin options.",
            ),
        )

    def page(self, params: List[Tuple[str, str]], defer: Optional[List] = None) -> Tuple[dict, Entry]:
        """One GetFeature page, checked: a GeoJSON FeatureCollection, else a clear error.

        ``defer``: the page is not stored but kept there, to be stored with the others once the whole
        answer arrived (a short or failed paged fetch leaves nothing in the cache)."""
        entry = self.cache.fetch(
            self.service,
            "",
            params=params,
            cancel=self.cancel,
            warn=self.warn,
            vintage="BD TOPO V3",
            expect_json=True,
            defer=defer,
        )
        self.requests += 0 if entry.from_cache else 1
        url = entry.provenance.get("url") or self.cache.http.url(self.service)
        content = entry.content()
        head = content[:2000].lstrip()
        if head.startswith(b"<"):
            text = content[:4000].decode("utf-8", "replace")
            match = re.search(r"<(?:ows:)?ExceptionText>(.*?)</(?:ows:)?ExceptionText>", text, re.S)
            detail = match.group(1).strip() if match else translate("BdTopo", "an XML or HTML page instead of GeoJSON")
            raise self._bad_answer(
                entry, url, translate("BdTopo", "the service refused the request: {detail}").format(detail=detail[:300])
            )
        try:
            data = entry.json()
        except ValueError:
            raise self._bad_answer(
                entry, url, translate("BdTopo", "the answer is not valid JSON (cut short or malformed)")
            )
        if not isinstance(data, dict) or not isinstance(data.get("features"), list):
            raise self._bad_answer(
                entry, url, translate("BdTopo", "the answer is JSON but not a GeoJSON FeatureCollection")
            )
        return data, entry

    def fetch(
        self,
        box: Tuple[float, float, float, float],
        box_crs: str = L93,
        page_size: int = MAX_PAGE,
        keep: Optional[Callable[[Any], bool]] = None,
        allow_incomplete: bool = False,
    ) -> Roads:
        """Every road segment in ``box`` (in ``box_crs``: EPSG:2154 or CRS84), page after page.

        ``keep``: a predicate on the shapely geometry (territory filter); others are counted in
        ``outside``. A shortfall against ``numberMatched`` raises :class:`ServiceError`, unless
        ``allow_incomplete`` (then a warning). The pages are cached only when every one arrived and
        the count matches: a failed or short fetch caches nothing, so that running again asks again.
        """
        page_size = max(1, min(int(page_size), MAX_PAGE))
        xmin, ymin, xmax, ymax = box
        if not (xmin < xmax and ymin < ymax):
            raise DataError(
                translate("BdTopo", "The area is empty (its width or height is zero): draw or give a real extent.")
            )
        srs = L93 if box_crs == L93 else CRS84
        base = [
            ("SERVICE", "WFS"),
            ("VERSION", "2.0.0"),
            ("REQUEST", "GetFeature"),
            ("TYPENAMES", TYPENAME),
            ("OUTPUTFORMAT", "application/json"),
            ("SRSNAME", srs),
            (
                "BBOX",
                f"{xmin:.2f},{ymin:.2f},{xmax:.2f},{ymax:.2f},{srs}"
                if srs == L93
                else f"{xmin:.7f},{ymin:.7f},{xmax:.7f},{ymax:.7f},{srs}",
            ),
            ("PROPERTYNAME", ",".join([GEOMETRY_NAME] + [name for name, _ in ROAD_FIELDS])),
            ("SORTBY", "cleabs"),
            ("COUNT", str(page_size)),
        ]
        rows: List[tuple] = []
        seen = set()
        result = Roads(rows, "EPSG:2154" if srs == L93 else "EPSG:4326", self.records, -1, 0, 0)
        start = 0
        matched: Optional[int] = None
        timestamp = ""
        pending: List = []
        while True:
            if self.cancel is not None and self.cancel():
                raise Canceled()
            data, entry = self.page(base + [("STARTINDEX", str(start))], defer=pending)
            result.pages += 1
            if result.pages == 1:
                matched = _as_int(data.get("numberMatched"))
                if matched is None:
                    matched = _as_int(data.get("totalFeatures"))
                timestamp = str(data.get("timeStamp") or "")
                record = dict(entry.provenance)
                if timestamp:
                    record["vintage"] = translate("BdTopo", "BD TOPO V3, service state of {date}").format(
                        date=timestamp[:10]
                    )
                self.records.append(record)
            features = data["features"]
            if features and result.pages == 1:
                self._check_crs(data, features, srs, entry)
            new = 0
            for feature in features:
                new += self._add(feature, result, seen, keep)
            if features and not new and result.pages > 1:
                raise self._bad_answer(
                    entry,
                    entry.provenance.get("url", ""),
                    translate(
                        "BdTopo",
                        "page {page} repeats features already received: the service does not honour STARTINDEX",
                    ).format(page=result.pages),
                )
            result.received += len(features)
            if self.progress and matched:
                self.progress(min(100.0, 100.0 * result.received / matched))
            start += len(features)
            if not features:
                break
            if matched is not None and start >= matched:
                break
        result.matched = matched if matched is not None else -1
        if matched is not None and result.received < matched:
            result.complete = False
            message = translate(
                "BdTopo",
                "the service announced {matched} road segments but only {received} arrived over {pages} pages: "
                "the answer is truncated",
            ).format(matched=matched, received=result.received, pages=result.pages)
            if not allow_incomplete:
                raise ServiceError(
                    self.service,
                    self.cache.http.url(self.service),
                    message,
                    translate(
                        "BdTopo",
                        "Ask for a smaller area (a commune or a smaller extent), try again later, or accept an "
                        "incomplete layer (option 'Keep an incomplete answer').",
                    ),
                )
            self._warn(
                translate(
                    "BdTopo",
                    "Incomplete: {message}; {missing} segments are missing from the layer (nothing was cached: "
                    "running again asks the service again).",
                ).format(message=message, missing=matched - result.received)
            )
            return result
        self.cache.commit(pending)
        return result

    def _check_crs(self, data: dict, features: list, srs: str, entry: Entry) -> None:
        crs_name = str(((data.get("crs") or {}).get("properties") or {}).get("name") or "")
        sample = None
        for feature in features[:20]:
            try:
                sample = shape(feature["geometry"])
                break
            except Exception:
                continue
        if sample is None:
            return
        projected = _looks_projected(sample)
        if (srs == L93) != projected or (crs_name and srs == L93 and "2154" not in crs_name):
            raise self._bad_answer(
                entry,
                entry.provenance.get("url", ""),
                translate(
                    "BdTopo",
                    "the coordinates are not in the coordinate system asked for ({srs}; the answer says '{crs}')",
                ).format(srs=srs, crs=crs_name or "?"),
            )

    def _add(self, feature, result: Roads, seen: set, keep) -> bool:
        """Add one feature; returns False when it had been received already."""
        props = feature.get("properties") if isinstance(feature, dict) else None
        if not isinstance(props, dict):
            ident = feature.get("id", "?") if isinstance(feature, dict) else "?"
            result.rejected.append(translate("BdTopo", "feature {id}: no attributes").format(id=ident))
            return True
        ident = str(props.get("cleabs") or feature.get("id") or "")
        if ident:
            if ident in seen:
                result.duplicates += 1
                return False
            seen.add(ident)
        try:
            geom = shape(feature.get("geometry"))
        except Exception:
            geom = None
        if geom is None or geom.is_empty or geom.geom_type not in ("LineString", "MultiLineString"):
            result.rejected.append(
                translate("BdTopo", "segment {id}: missing or invalid line geometry").format(id=ident or "?")
            )
            return True
        if keep is not None and not keep(geom):
            result.outside += 1
            return True
        values = []
        for name, kind in ROAD_FIELDS:
            value, ok = _convert(props.get(name), kind)
            if not ok:
                result.bad_values[name] = result.bad_values.get(name, 0) + 1
            values.append(value)
        values.append(one_way(props.get("sens_de_circulation")))
        values.append(geom)
        if geom.has_z:
            result.has_z = True
        result.rows.append(tuple(values))
        return True


def _as_int(value) -> Optional[int]:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None  # "unknown" (WFS 2.0 allows it) or missing


def fetch_roads(
    code: str = "",
    extent_l93: Optional[Sequence[float]] = None,
    extent_lonlat: Optional[Sequence[float]] = None,
    page_size: int = MAX_PAGE,
    allow_incomplete: bool = False,
    cache: Optional[Cache] = None,
    cancel: CancelCheck = None,
    warn: Warn = None,
    progress: Progress = None,
    geo_client: Optional[geo_api.GeoApiClient] = None,
) -> Tuple[Roads, Optional[Territory]]:
    """Road segments of a territory (``code``) or of an extent (Lambert-93 or lon/lat box).

    Returns the roads and the territory (None for an extent). Raises :class:`DataError` when the
    area holds no road segment.
    """
    given = [bool(code and code.strip()), extent_l93 is not None, extent_lonlat is not None]
    if sum(given) != 1:
        raise DataError(translate("BdTopo", "Give either a territory code or an extent (exactly one of them)."))
    territory = None
    keep = None
    client = BdTopoClient(cache=cache, cancel=cancel, warn=warn, progress=progress)
    if code and code.strip():
        territory = resolve_territory(code, client=geo_client, cache=cache, cancel=cancel, warn=warn)
        lon, lat = territory.geometry.representative_point().coords[0]
        if in_metropole(lon, lat):
            shape_l93 = geometry_to_l93(territory.geometry)
            prepared = prep(shape_l93)
            minx, miny, maxx, maxy = shape_l93.bounds
            box, box_crs = (minx - 10, miny - 10, maxx + 10, maxy + 10), L93
        else:
            prepared = prep(territory.geometry)
            box, box_crs = territory.geometry.bounds, CRS84
        keep = prepared.intersects
    elif extent_l93 is not None:
        box, box_crs = tuple(float(v) for v in extent_l93), L93
        lon, lat = l93_to_lonlat((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        if not in_metropole(lon, lat):
            raise DataError(
                translate(
                    "BdTopo",
                    "This extent is not in metropolitan France: give it in longitude/latitude (EPSG:4326) for an "
                    "overseas territory.",
                )
            )
    else:
        lonlat = tuple(float(v) for v in extent_lonlat)
        lon, lat = (lonlat[0] + lonlat[2]) / 2, (lonlat[1] + lonlat[3]) / 2
        if in_metropole(lon, lat):
            box, box_crs = box_l93_from_lonlat(lonlat, margin=0.0), L93
            frame = shapely_box(*lonlat)
            keep = prep(geometry_to_l93(frame)).intersects
        else:
            box, box_crs = lonlat, CRS84
    roads = client.fetch(box, box_crs, page_size=page_size, keep=keep, allow_incomplete=allow_incomplete)
    if territory is not None:
        roads.records = territory.records + roads.records
    if not roads.rows:
        where = territory.label if territory else translate("BdTopo", "this extent")
        if roads.received:
            raise DataError(
                translate(
                    "BdTopo", "No road segment of BD TOPO touches {where} ({count} in its bounding box, none inside)."
                ).format(where=where, count=roads.received)
            )
        raise DataError(
            translate(
                "BdTopo",
                "The WFS returned no road segment for {where}: check that the area is in France and not too small, "
                "or the layer name in the service.",
            ).format(where=where)
        )
    return roads, territory


def summary_lines(roads: Roads, limit: int = 10) -> Iterable[Tuple[str, str]]:
    """(level, message) pairs for the log: 'info' or 'warning'."""
    yield (
        "info",
        translate(
            "BdTopo", "{count} road segments kept; {received} received over {pages} pages (numberMatched: {matched})."
        ).format(
            count=len(roads.rows),
            received=roads.received,
            pages=roads.pages,
            matched=roads.matched if roads.matched >= 0 else "?",
        ),
    )
    if roads.outside:
        yield (
            "info",
            translate(
                "BdTopo", "{count} segments of the bounding box do not touch the territory and were left out."
            ).format(count=roads.outside),
        )
    if roads.duplicates:
        yield (
            "warning",
            translate(
                "BdTopo", "{count} segments came twice (pages shifted while the data changed); kept once."
            ).format(count=roads.duplicates),
        )
    if roads.rejected:
        yield (
            "warning",
            translate("BdTopo", "{count} segments could not be read and were left out:").format(
                count=len(roads.rejected)
            ),
        )
        for message in roads.rejected[:limit]:
            yield "warning", "  " + message
        if len(roads.rejected) > limit:
            yield "warning", "  " + translate("BdTopo", "… and {count} more.").format(count=len(roads.rejected) - limit)
    for name, count in sorted(roads.bad_values.items()):
        yield (
            "warning",
            translate(
                "BdTopo", "{count} values of '{field}' were not of the expected type and were set to NULL."
            ).format(count=count, field=name),
        )
