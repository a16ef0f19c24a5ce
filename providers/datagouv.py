"""data.gouv.fr catalogue (udata API v1): dataset search, resource metadata, downloads, readers.

- :meth:`DatagouvClient.search` pages through ``GET /datasets/`` (``next_page`` loop) and gives one
  row per resource with the dataset's title, producer, licence and last update.
- :meth:`DatagouvClient.resolve` finds a resource from its id (API v2 ``/datasets/resources/{id}/``
  when no dataset is given) or its URL, with its dataset; :meth:`DatagouvClient.download` fetches
  the file through the cache and puts the *dataset's* producer and licence into the provenance
  record (the catalogue's own licence is Licence Ouverte, the data's may be ODbL...).
- :func:`prepare_resource` recognises the file (CSV, GeoJSON, GeoPackage, zipped Shapefile...) and
  copies or safely extracts it into a work folder; :func:`read_csv_table` reads a CSV with
  coordinates (lon/lat, Lambert-93 x/y, a combined "lat, lon" column) or INSEE codes, codes kept
  as text, bad rows reported and kept without a position.
"""

import os
import re
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import pandas as pd

from . import textfile
from .archive import ZipLimits, extract_safely
from .cache import Cache, Entry, get_cache
from .codes import COMMUNE_RE
from .errors import DataError
from .http import CancelCheck, get_service
from .i18n import translate

Warn = Optional[Callable[[str], None]]

#: data.gouv.fr licence ids -> (label, URL)
LICENCES: Dict[str, Tuple[str, str]] = {
    "lov2": ("Licence Ouverte / Open Licence version 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
    "fr-lo": (
        "Licence Ouverte / Open Licence",
        "https://www.etalab.gouv.fr/wp-content/uploads/2014/05/Licence_Ouverte.pdf",
    ),
    "odc-odbl": ("Open Data Commons Open Database License (ODbL)", "https://opendatacommons.org/licenses/odbl/1-0/"),
    "odc-by": ("Open Data Commons Attribution License", "https://opendatacommons.org/licenses/by/1-0/"),
    "odc-pddl": (
        "Open Data Commons Public Domain Dedication and Licence (PDDL)",
        "https://opendatacommons.org/licenses/pddl/1-0/",
    ),
    "cc-by": ("Creative Commons Attribution", "https://creativecommons.org/licenses/by/4.0/"),
    "cc-by-sa": ("Creative Commons Attribution Share-Alike", "https://creativecommons.org/licenses/by-sa/4.0/"),
    "cc-zero": ("Creative Commons CCZero", "https://creativecommons.org/publicdomain/zero/1.0/"),
    "mobility-licence": ("Licence Mobilités", "https://wiki.lafabriquedesmobilites.fr/wiki/Licence_Mobilit%C3%A9s"),
    "notspecified": ("License Not Specified", ""),
    "other-at": ("Other (Attribution)", ""),
    "other-open": ("Other (Open)", ""),
    "other-pd": ("Other (Public Domain)", ""),
}

UUID_RE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", re.I)
OBJECT_ID_RE = re.compile(r"^[0-9a-f]{24}$", re.I)
LATEST_RE = re.compile(r"/datasets/r/([0-9a-f-]{36})/?$", re.I)

PAGE_SIZE = 20  # the API's default; very large pages are refused by the service
MAX_DOWNLOAD = 1024 * 2**20

COLUMNS = [
    "dataset_id",
    "dataset_title",
    "organization",
    "licence",
    "licence_id",
    "last_update",
    "resource_id",
    "resource_title",
    "format",
    "filesize",
    "resource_type",
    "url",
    "resource_last_modified",
    "page",
]


def licence_label(licence_id: str) -> Tuple[str, str]:
    """(label, URL) of a data.gouv.fr / transport.data.gouv.fr licence id (unknown ids as they are)."""
    licence_id = (licence_id or "").strip()
    if not licence_id:
        return translate("Datagouv", "licence not stated: check the dataset page"), ""
    return LICENCES.get(licence_id.lower(), (licence_id, ""))


def slugify(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def fold(text: str) -> str:
    """Lower case without accents, for matching words."""
    return unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode().lower()


def territory_zone(text: str) -> str:
    """A data.gouv.fr spatial zone id from a territory code.

    5 characters: a commune (34172, 2A004); 9 digits: an EPCI SIREN; 2 or 3 characters: a
    département (34, 2A, 974); ``region:76``: a region; ``fr:...`` / ``country:...``: as is.
    """
    value = (text or "").strip()
    if not value:
        return ""
    lower = value.lower()
    if lower.startswith(("fr:", "country:", "country-group:", "country-subset:")):
        return lower
    match = re.match(r"^(?:region|r[ée]gion|reg)\s*[: ]\s*(\d{2})$", lower)
    if match:
        return f"fr:region:{match.group(1)}"
    upper = value.upper()
    if re.match(r"^\d{9}$", upper):
        return f"fr:epci:{upper}"
    if re.match(r"^(\d{5}|2[AB]\d{3})$", upper):
        return f"fr:commune:{upper}"
    if re.match(r"^(0[1-9]|[1-8]\d|9[0-5]|2[AB]|97[1-6])$", upper):
        return f"fr:departement:{upper}"
    raise DataError(
        translate(
            "Datagouv",
            "'{code}' is not a territory code: give a commune (5 characters, e.g. 34172), a département (34, 2A, 974), "
            "an EPCI SIREN (9 digits) or a region as region:76.",
        ).format(code=value)
    )


def fetch_json_checked(
    cache: Cache,
    service,
    path: str,
    params=None,
    valid: Callable = lambda data: True,
    what: str = "",
    ok_statuses=(),
    **kwargs,
):
    """JSON through the cache; a body that is not JSON or fails ``valid`` raises a clear
    :class:`DataError` and is removed from the cache (so that the next run asks again)."""
    kwargs.setdefault("expect_json", True)
    entry = cache.fetch(service, path, params=params, ok_statuses=ok_statuses, **kwargs)
    status = entry.provenance.get("status", 200)
    try:
        data = entry.json()
    except ValueError:
        data = None
        ok = False
    else:
        ok = status >= 400 or valid(data)
    if not ok:
        cache.discard(entry)
        raise DataError(
            translate(
                "Datagouv",
                "{service} sent a malformed answer ({what} expected) for {url}: the service may be failing; try "
                "again later "
                "or check the service address in the plugin options.",
            ).format(service=service.name, what=what or "JSON", url=entry.provenance.get("url", path))
        )
    return data, entry, status


# -- search -------------------------------------------------------------------------------------------


@dataclass
class SearchResult:
    frame: pd.DataFrame  # COLUMNS: one row per resource (a dataset without resource: one row)
    datasets: List[dict]  # the dataset objects, in the service's order
    total: int  # matches announced by the service
    records: List[dict]  # provenance of the answers
    warnings: List[str] = field(default_factory=list)


def _organization_name(dataset: dict) -> str:
    org = dataset.get("organization") or {}
    owner = dataset.get("owner") or {}
    if isinstance(org, dict) and org.get("name"):
        return str(org["name"])
    if isinstance(owner, dict):
        name = " ".join(str(owner.get(k) or "") for k in ("first_name", "last_name")).strip()
        return name
    return ""


def _day(text) -> str:
    return str(text or "")[:10]


def dataset_rows(dataset: dict) -> List[dict]:
    licence_id = str(dataset.get("license") or "")
    common = {
        "dataset_id": str(dataset.get("id") or ""),
        "dataset_title": str(dataset.get("title") or ""),
        "organization": _organization_name(dataset),
        "licence": licence_label(licence_id)[0],
        "licence_id": licence_id,
        "last_update": _day(dataset.get("last_update") or dataset.get("last_modified")),
        "page": str(dataset.get("page") or ""),
    }
    rows = []
    resources = dataset.get("resources") or []
    for resource in resources if isinstance(resources, list) else []:
        if not isinstance(resource, dict):
            continue
        size = resource.get("filesize")
        rows.append(
            dict(
                common,
                resource_id=str(resource.get("id") or ""),
                resource_title=str(resource.get("title") or ""),
                format=str(resource.get("format") or "").lower(),
                filesize=int(size) if isinstance(size, (int, float)) and size >= 0 else None,
                resource_type=str(resource.get("type") or ""),
                url=str(resource.get("url") or resource.get("latest") or ""),
                resource_last_modified=_day(resource.get("last_modified")),
            )
        )
    if not rows:
        rows.append(
            dict(
                common,
                resource_id="",
                resource_title="",
                format="",
                filesize=None,
                resource_type="",
                url="",
                resource_last_modified="",
            )
        )
    return rows


# -- resources ----------------------------------------------------------------------------------------


@dataclass
class ResourceInfo:
    url: str
    resource: dict
    dataset: Optional[dict]  # None when only a URL is known

    @property
    def title(self) -> str:
        return str(self.resource.get("title") or os.path.basename(urlsplit(self.url).path) or self.url)

    @property
    def format(self) -> str:
        return str(self.resource.get("format") or "").lower()


class DatagouvClient:
    def __init__(
        self,
        cache: Optional[Cache] = None,
        cancel: CancelCheck = None,
        warn: Warn = None,
        progress: Optional[Callable[[float], None]] = None,
    ):
        self.cache = cache or get_cache()
        self.service = get_service("datagouv")
        self.cancel = cancel
        self.warn = warn
        self.progress = progress
        self.records: List[dict] = []

    def _get(
        self, path: str, params=None, what: str = "", valid=lambda d: isinstance(d, dict), ok_statuses=(), defer=None
    ):
        data, entry, status = fetch_json_checked(
            self.cache,
            self.service,
            path,
            params,
            valid=valid,
            what=what,
            ok_statuses=ok_statuses,
            cancel=self.cancel,
            warn=self.warn,
            defer=defer,
        )
        if status < 400:
            self.records.append(entry.provenance)
        return data, status

    # -- search ---------------------------------------------------------------------------------------
    def organization_id(self, text: str) -> str:
        """An organisation id from its id, slug or name."""
        value = (text or "").strip()
        if not value or OBJECT_ID_RE.match(value):
            return value
        slug = slugify(value)
        data, status = self._get(
            f"organizations/{slug}/", what=translate("Datagouv", "an organisation"), ok_statuses=(404,)
        )
        if status == 404 or not data.get("id"):
            raise DataError(
                translate(
                    "Datagouv",
                    "No organisation '{name}' on data.gouv.fr: give its identifier or the last part of its page "
                    "address "
                    "(e.g. montpellier-mediterranee-metropole for "
                    "https://www.data.gouv.fr/organizations/montpellier-mediterranee-metropole/).",
                ).format(name=value)
            )
        return str(data["id"])

    def search(
        self,
        query: str,
        organization: str = "",
        territory: str = "",
        file_format: str = "",
        max_results: int = 100,
        page_size: int = PAGE_SIZE,
    ) -> SearchResult:
        query = (query or "").strip()
        if not query and not organization and not territory:
            raise DataError(translate("Datagouv", "Give words to search for, an organisation or a territory."))
        if max_results < 1:
            raise DataError(translate("Datagouv", "The maximum number of datasets must be at least 1."))
        params = {"q": query or None, "page_size": min(page_size, max_results), "page": 1}
        zone = territory_zone(territory)
        if zone:
            params["geozone"] = zone
        if organization:
            params["organization"] = self.organization_id(organization)
        if file_format.strip():
            params["format"] = file_format.strip().lower()
        datasets: List[dict] = []
        seen: set = set()
        total, skipped, pages, repeated = 0, 0, 0, 0
        warnings: List[str] = []
        max_pages = max_results // params["page_size"] + 2
        pending: List = []  # the pages are cached once the search went through
        while True:
            data, _ = self._get(
                "datasets/",
                dict(params),
                what=translate("Datagouv", "a page of datasets"),
                valid=lambda d: isinstance(d, dict) and isinstance(d.get("data"), list),
                defer=pending,
            )
            pages += 1
            total = int(data.get("total") or 0) if str(data.get("total") or "0").isdigit() else 0
            for item in data["data"]:
                if isinstance(item, dict) and item.get("id"):
                    if str(item["id"]) in seen:
                        repeated += 1  # the index moved between two pages: the dataset came again
                        continue
                    seen.add(str(item["id"]))
                    datasets.append(item)
                else:
                    skipped += 1
            if self.progress and total:
                self.progress(min(100.0, 100.0 * len(datasets) / min(total, max_results)))
            next_page = data.get("next_page")
            if len(datasets) >= max_results or not next_page or not data["data"] or pages >= max_pages:
                break
            following = dict(parse_qsl(urlsplit(str(next_page)).query)).get("page", "")
            if not following.isdigit() or int(following) <= params["page"]:
                warnings.append(
                    translate(
                        "Datagouv", "the service gave an unusable next page address; the search stopped at page {page}"
                    ).format(page=params["page"])
                )
                break
            params["page"] = int(following)
        if skipped:
            warnings.append(
                translate("Datagouv", "{count} item(s) of the answer were not datasets and were left out").format(
                    count=skipped
                )
            )
        if repeated:
            warnings.append(
                translate(
                    "Datagouv",
                    "{count} dataset(s) came again on a later page (the catalogue changed while it was read): each "
                    "is listed once",
                ).format(count=repeated)
            )
        datasets = datasets[:max_results]
        self.cache.commit(pending)
        if not datasets:
            raise DataError(
                translate(
                    "Datagouv",
                    "No dataset on data.gouv.fr matches '{query}'{filters}: try other or fewer words, or remove a "
                    "filter.",
                ).format(query=query, filters=self._filters_text(organization, territory, file_format))
            )
        if total > len(datasets):
            warnings.append(
                translate(
                    "Datagouv",
                    "{shown} of the {total} matching datasets are listed: refine the search or raise the maximum.",
                ).format(shown=len(datasets), total=total)
            )
        rows = [row for dataset in datasets for row in dataset_rows(dataset)]
        frame = pd.DataFrame(rows, columns=COLUMNS)
        return SearchResult(frame, datasets, max(total, len(datasets)), self.records, warnings)

    @staticmethod
    def _filters_text(organization, territory, file_format) -> str:
        parts = []
        if organization:
            parts.append(translate("Datagouv", "organisation {name}").format(name=organization))
        if territory:
            parts.append(translate("Datagouv", "territory {code}").format(code=territory))
        if file_format:
            parts.append(translate("Datagouv", "format {format}").format(format=file_format))
        return f" ({', '.join(parts)})" if parts else ""

    # -- one resource ---------------------------------------------------------------------------------
    def dataset(self, id_or_slug: str) -> dict:
        value = id_or_slug.strip().strip("/")
        data, status = self._get(f"datasets/{value}/", what=translate("Datagouv", "a dataset"), ok_statuses=(404, 410))
        if status in (404, 410) or not data.get("id"):
            raise DataError(
                translate(
                    "Datagouv",
                    "No dataset '{dataset}' on data.gouv.fr: check its identifier or the last part of its page "
                    "address.",
                ).format(dataset=value)
            )
        return data

    def _v2_url(self, path: str) -> str:
        base = self.service.base_url(self.cache.settings)
        if not re.search(r"/1/?$", base):
            raise DataError(
                translate(
                    "Datagouv",
                    "Give the dataset of this resource too: the data.gouv.fr address in the options does not end "
                    "with /api/1.",
                )
            )
        return re.sub(r"/1/?$", "/2", base) + "/" + path

    def resolve(self, resource: str, dataset: str = "") -> ResourceInfo:
        """The resource (and its dataset) from a resource id or URL, and optionally its dataset."""
        value = (resource or "").strip()
        if not value:
            raise DataError(translate("Datagouv", "Give a resource identifier or the address of a file."))
        rid = ""
        if UUID_RE.match(value):
            rid = value.lower()
        elif value.startswith(("http://", "https://")):
            match = LATEST_RE.search(urlsplit(value).path)
            if match:
                rid = match.group(1).lower()
        else:
            raise DataError(
                translate(
                    "Datagouv",
                    "'{value}' is neither a data.gouv.fr resource identifier (like "
                    "142fecf6-4873-4dac-9876-2019d925eaf8) nor a web address.",
                ).format(value=value)
            )
        data = self.dataset(dataset) if dataset.strip() else None
        if rid and data is None:
            answer, status = self._get(
                self._v2_url(f"datasets/resources/{rid}/"),
                what=translate("Datagouv", "a resource"),
                valid=lambda d: isinstance(d, dict) and isinstance(d.get("resource"), dict),
                ok_statuses=(404,),
            )
            if status == 404:
                raise DataError(
                    translate("Datagouv", "No resource {rid} on data.gouv.fr: check the identifier.").format(rid=rid)
                )
            if answer.get("dataset_id"):
                data = self.dataset(str(answer["dataset_id"]))
            else:
                return ResourceInfo(str(answer["resource"].get("url") or ""), answer["resource"], None)
        if data is not None:
            for item in data.get("resources") or []:
                if not isinstance(item, dict):
                    continue
                if (rid and str(item.get("id", "")).lower() == rid) or (
                    not rid and value in (item.get("url"), item.get("latest"))
                ):
                    url = str(item.get("url") or item.get("latest") or "")
                    if not url:
                        break
                    return ResourceInfo(url, item, data)
            if rid or dataset.strip():
                raise DataError(
                    translate(
                        "Datagouv", "The dataset '{dataset}' has no resource {resource}: check both identifiers."
                    ).format(dataset=data.get("title") or dataset, resource=rid or value)
                )
        return ResourceInfo(value, {"url": value}, None)

    def download(
        self,
        info: ResourceInfo,
        max_bytes: int = MAX_DOWNLOAD,
        progress: Optional[Callable[[int, Optional[int]], None]] = None,
    ) -> Tuple[Entry, Dict]:
        """The resource file through the cache, with the dataset's provenance in its record."""
        size = info.resource.get("filesize")
        if isinstance(size, (int, float)) and size > max_bytes:
            raise DataError(
                translate(
                    "Datagouv",
                    "'{title}' is {size} MB, more than the {limit} MB this tool downloads: download it yourself and "
                    "open it in QGIS.",
                ).format(title=info.title, size=int(size) // 2**20, limit=max_bytes // 2**20)
            )
        vintage = _day(info.resource.get("last_modified") or (info.dataset or {}).get("last_update"))
        entry = self.cache.fetch_file(
            self.service,
            info.url,
            dataset="datagouv",
            vintage=vintage,
            cancel=self.cancel,
            warn=self.warn,
            progress=progress,
            max_bytes=max_bytes,
            overrides=self.provenance_overrides(info),
        )
        record = entry.provenance
        if info.dataset is None and self.warn:
            self.warn(
                translate(
                    "Datagouv",
                    "The producer and licence of {url} are unknown (no dataset given): check them before reusing the "
                    "data.",
                ).format(url=info.url)
            )
        return entry, record

    @staticmethod
    def provenance_overrides(info: ResourceInfo) -> Dict:
        if info.dataset is None:
            label, url = translate("Datagouv", "unknown: check the source"), ""
            return {
                "title": info.title,
                "producer": translate("Datagouv", "unknown"),
                "licence": label,
                "licence_url": url,
                "attribution": info.url,
            }
        dataset = info.dataset
        producer = _organization_name(dataset) or translate("Datagouv", "unknown producer")
        label, url = licence_label(str(dataset.get("license") or ""))
        return {
            "title": f"{dataset.get('title', '')} — {info.title}",
            "producer": producer,
            "licence": label,
            "licence_url": url,
            "attribution": f"{producer} — data.gouv.fr",
            "datagouv_dataset": str(dataset.get("id") or ""),
            "datagouv_resource": str(info.resource.get("id") or ""),
            "page": str(dataset.get("page") or ""),
        }


# -- reading a downloaded resource ------------------------------------------------------------------


SPATIAL_SUFFIXES = (".shp", ".gpkg", ".geojson", ".json", ".csv")
SIDE_SUFFIXES = (".shx", ".dbf", ".prj", ".cpg", ".qpj", ".sbn", ".sbx", ".qix")


@dataclass
class PreparedResource:
    kind: str  # "ogr" (open with GDAL/OGR) or "csv" (read_csv_table)
    files: List[str]  # candidate files (several in a zip); the first is the default
    format: str  # what was recognised: csv, geojson, gpkg, shp
    warnings: List[str] = field(default_factory=list)


def _kind_of(path: str) -> Tuple[str, str]:
    suffix = os.path.splitext(path)[1].lower()
    return {
        ".shp": ("ogr", "shp"),
        ".gpkg": ("ogr", "gpkg"),
        ".geojson": ("ogr", "geojson"),
        ".json": ("ogr", "geojson"),
        ".csv": ("csv", "csv"),
    }[suffix]


def sniff_format(path: str, declared: str = "", url: str = "") -> str:
    """'zip', 'gpkg', 'geojson', 'csv', 'html' or another word (unsupported), from the bytes first."""
    with open(path, "rb") as handle:
        head = handle.read(65536)
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        return "zip"
    if head.startswith(b"SQLite format 3\x00"):
        return "gpkg"
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    lower = text[:512].lower()
    if lower.startswith((b"<!doctype html", b"<html")) or b"<html" in lower[:200]:
        return "html"
    if lower.startswith(b"<"):
        return "xml"
    if text.startswith((b"{", b"[")):
        if re.search(rb'"type"\s*:\s*"(FeatureCollection|Feature)"', head):
            return "geojson"
        return "json"
    if b"\x00" in head:
        return declared or "binary"
    return "csv"


def prepare_resource(
    path: str,
    workdir: str,
    declared: str = "",
    url: str = "",
    cancel: CancelCheck = None,
    limits: Optional[ZipLimits] = None,
) -> PreparedResource:
    """Recognise the downloaded file and put a readable copy (right extension) in ``workdir``."""
    limits = limits or ZipLimits()
    os.makedirs(workdir, exist_ok=True)
    kind = sniff_format(path, declared, url)
    if kind in ("gpkg", "geojson", "csv"):
        target = os.path.join(workdir, "resource." + kind)
        shutil.copyfile(path, target)  # never let GDAL open (and touch) the cached file itself
        return PreparedResource("ogr" if kind != "csv" else "csv", [target], kind)
    if kind == "zip":

        def wanted(name):
            return name.lower().endswith(SPATIAL_SUFFIXES + SIDE_SUFFIXES)

        files, warnings = extract_safely(path, os.path.join(workdir, "extract"), limits, wanted, cancel)
        candidates = sorted(
            (f for f in files if f.lower().endswith(SPATIAL_SUFFIXES)),
            key=lambda f: (SPATIAL_SUFFIXES.index(os.path.splitext(f)[1].lower()), f),
        )
        if not candidates:
            with zipfile.ZipFile(path) as archive:
                names = archive.namelist()
            if any(n.lower().endswith((".xlsx", ".xml")) for n in names) and "[Content_Types].xml" in names:
                raise DataError(
                    translate(
                        "Datagouv",
                        "This resource is a spreadsheet (xlsx): open it in a spreadsheet and save it as CSV first.",
                    )
                )
            raise DataError(
                translate(
                    "Datagouv", "The zip archive holds no Shapefile, GeoPackage, GeoJSON or CSV (it holds: {names})."
                ).format(names=", ".join(names[:10]) or "-")
            )
        kind, fmt = _kind_of(candidates[0])
        return PreparedResource(kind, candidates, fmt, warnings)
    if kind == "html":
        raise DataError(
            translate(
                "Datagouv",
                "The address gives a web page, not a data file: choose a resource that is a file (CSV, GeoJSON, "
                "Shapefile in a zip, GeoPackage).",
            )
        )
    raise DataError(
        translate(
            "Datagouv",
            "Resources in the format '{format}' cannot be loaded: choose a CSV, GeoJSON, zipped Shapefile or "
            "GeoPackage resource.",
        ).format(format=declared or kind)
    )


# -- CSV --------------------------------------------------------------------------------------------------

LON_NAMES = {
    "lon",
    "long",
    "lng",
    "longitude",
    "lon_wgs84",
    "long_wgs84",
    "longitude_wgs84",
    "x_wgs84",
    "x_long",
    "wgs84_lon",
}
LAT_NAMES = {"lat", "latitude", "lat_wgs84", "latitude_wgs84", "y_wgs84", "y_lat", "wgs84_lat"}
X_NAMES = {"x", "coord_x", "coordx", "x_l93", "xl93", "x_lambert93", "lambert_x", "x_2154"}
Y_NAMES = {"y", "coord_y", "coordy", "y_l93", "yl93", "y_lambert93", "lambert_y", "y_2154"}
POINT_NAMES = {
    "geo_point_2d",
    "geo_point",
    "geopoint",
    "coordonnees",
    "coordonnees_gps",
    "coordinates",
    "geolocalisation",
    "geoloc",
    "point_geo",
    "lat_lon",
    "latlon",
    "position",
}
CODE_NAMES = {
    "code_insee",
    "insee",
    "codeinsee",
    "code_commune_insee",
    "code_commune",
    "codecommune",
    "codgeo",
    "depcom",
    "insee_com",
    "com",
    "code_com",
    "citycode",
    "cog",
    "code_insee_commune",
    "codeinsee_commune",
    "inseecom",
}
TEXT_HINTS = re.compile(
    r"(code|insee|siren|siret|postal|^cp$|_cp$|^id|_id$|^id_|tel|phone|iris|naf|ape|cog|depcom|codgeo)"
)


def normalise_name(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", fold(name)).strip("_")


@dataclass
class CsvTable:
    frame: pd.DataFrame  # typed columns (text, Int64, float); geometry from lon/lat columns
    lon: Optional[np.ndarray]  # x per row (NaN when missing), None when no coordinates
    lat: Optional[np.ndarray]
    crs: str  # "EPSG:4326" or "EPSG:2154"
    coordinates: str  # description: which columns hold the position
    code_column: Optional[str]  # INSEE commune code column, kept as text
    bad_rows: List[int]  # line numbers (header = 1) without a usable position
    warnings: List[str]
    encoding: str
    delimiter: str
    lines: List[int] = field(default_factory=list)  # the file line of each row (header = line 1)


def _numbers(series: pd.Series) -> pd.Series:
    text = series.astype(str).str.strip().str.replace(",", ".", regex=False).str.replace(" ", "", regex=False)
    return pd.to_numeric(text, errors="coerce")


INT_RE = r"^-?(0|[1-9]\d{0,14})$"
FLOAT_RE = r"^-?\d+([.,]\d+)?([eE][-+]?\d+)?$"


def _typed(frame: pd.DataFrame, text_columns: set) -> pd.DataFrame:
    out = {}
    for column in frame.columns:
        values = frame[column]
        filled = values[values.str.strip() != ""]
        if column in text_columns or TEXT_HINTS.search(normalise_name(column)) or filled.empty:
            out[column] = values
        elif filled.str.strip().str.match(INT_RE).all():
            out[column] = pd.to_numeric(values.str.strip().mask(values.str.strip() == ""), errors="coerce").astype(
                "Int64"
            )
        elif filled.str.strip().str.match(FLOAT_RE).all():
            out[column] = _numbers(values)
        else:
            out[column] = values
    return pd.DataFrame(out, index=frame.index)


def read_csv_table(path: str, cancel: CancelCheck = None) -> CsvTable:
    """A CSV with coordinates or INSEE codes, read by the plugin's one text reader (:mod:`.textfile`):
    every column read as text first, then typed; row lines are the file's own (header = line 1)."""
    try:
        source = textfile.open_table(path, require_separator=False)
    except DataError as exc:
        if "is empty" in str(exc):
            raise DataError(translate("Datagouv", "The CSV file is empty."))
        raise
    records, record_lines = source.read_all(None, cancel)
    warnings: List[str] = list(source.warnings)
    encoding = source.encoding
    if encoding not in ("utf-8", "utf-8-sig"):
        warnings.append(
            translate("Datagouv", "the file is not UTF-8: read as {encoding}").format(
                encoding=textfile.encoding_label(encoding)
            )
        )
    delimiter = source.sep
    columns = source.unique_columns()
    width = len(columns)
    kept: List[List[str]] = []
    lines: List[int] = []
    bad: List[int] = []
    for line, record in zip(record_lines, records):
        if len(record) > width and any(v.strip() for v in record[width:]):
            bad.append(line)
            continue
        if len(record) < width:
            record = record + [""] * (width - len(record))
        kept.append(record[:width])
        lines.append(line)
    if bad:
        warnings.append(
            translate(
                "Datagouv",
                "{count} malformed line(s) (more values than the header has columns) skipped: lines {examples}",
            ).format(count=len(bad), examples=", ".join(str(n) for n in bad[:5]) + (" …" if len(bad) > 5 else ""))
        )
    if cancel is not None and cancel():
        from .errors import Canceled

        raise Canceled()
    frame = pd.DataFrame(kept, columns=columns, dtype=object) if kept else pd.DataFrame(columns=columns, dtype=object)
    frame = frame.astype(str) if len(frame) else frame
    line_numbers = np.asarray(lines, dtype=np.int64)
    frame.columns = [str(c).strip() for c in frame.columns]
    names = {normalise_name(c): c for c in frame.columns}
    lon = lat = None
    crs, described = "EPSG:4326", ""
    lon_col = next((names[n] for n in names if n in LON_NAMES), None)
    lat_col = next((names[n] for n in names if n in LAT_NAMES), None)
    x_col = next((names[n] for n in names if n in X_NAMES), None)
    y_col = next((names[n] for n in names if n in Y_NAMES), None)
    point_col = next((names[n] for n in names if n in POINT_NAMES), None)
    present = None
    if lon_col and lat_col:
        lon, lat = _numbers(frame[lon_col]).to_numpy(), _numbers(frame[lat_col]).to_numpy()
        described = f"{lon_col}/{lat_col}"
        present = (frame[lon_col].str.strip() != "") | (frame[lat_col].str.strip() != "")
    elif x_col and y_col:
        lon, lat = _numbers(frame[x_col]).to_numpy(), _numbers(frame[y_col]).to_numpy()
        described = f"{x_col}/{y_col}"
        present = (frame[x_col].str.strip() != "") | (frame[y_col].str.strip() != "")
    elif point_col:
        parts = (
            frame[point_col]
            .str.replace(r"[\[\]()]", "", regex=True)
            .str.split(r"\s*,\s*|\s+", n=1, expand=True, regex=True)
        )
        if parts.shape[1] == 2:
            first, second = _numbers(parts[0].fillna("")).to_numpy(), _numbers(parts[1].fillna("")).to_numpy()
            swapped = np.nanmedian(np.abs(first)) > 90 if np.isfinite(first).any() else False
            lat, lon = (second, first) if swapped else (first, second)
            described = translate("Datagouv", "{column} (latitude, longitude)").format(column=point_col)
            present = frame[point_col].str.strip() != ""
    bad_rows: List[int] = []
    if lon is not None:
        finite = np.isfinite(lon) & np.isfinite(lat) & ~((lon == 0) & (lat == 0))  # 0,0: a placeholder
        wgs = finite & (np.abs(lon) <= 180) & (np.abs(lat) <= 90)
        l93 = finite & (lon >= 0) & (lon <= 1.3e6) & (lat >= 6.0e6) & (lat <= 7.2e6)
        if finite.sum() == 0:
            raise DataError(
                translate("Datagouv", "The coordinate columns {columns} hold no number: check the file.").format(
                    columns=described
                )
            )
        if wgs.sum() >= 0.9 * finite.sum():
            valid = wgs
        elif l93.sum() >= 0.9 * finite.sum():
            valid, crs = l93, "EPSG:2154"
            warnings.append(
                translate("Datagouv", "the coordinates {columns} are read as Lambert-93 (EPSG:2154)").format(
                    columns=described
                )
            )
        else:
            raise DataError(
                translate(
                    "Datagouv",
                    "The coordinates {columns} are neither longitude/latitude in degrees nor Lambert-93 metres: "
                    "check the columns or convert the file.",
                ).format(columns=described)
            )
        lon = np.where(valid, lon, np.nan)
        lat = np.where(valid, lat, np.nan)
        bad = ~valid
        bad_rows = [int(line_numbers[i]) for i in np.flatnonzero(bad)]
        if bad_rows:
            empty = int((bad & ~present.to_numpy()).sum()) if present is not None else 0
            warnings.append(
                translate(
                    "Datagouv",
                    "{count} row(s) without a usable position ({empty} empty), kept without geometry: lines {examples}",
                ).format(
                    count=len(bad_rows),
                    empty=empty,
                    examples=", ".join(str(r) for r in bad_rows[:5]) + (" …" if len(bad_rows) > 5 else ""),
                )
            )
    code_col = next((names[n] for n in names if n in CODE_NAMES), None)
    if code_col is not None:
        values = frame[code_col].str.strip().str.upper()
        filled = values[values != ""]
        padded = values.where(~values.str.match(r"^\d{4}$"), "0" + values)
        if not filled.empty and padded[values != ""].str.match(COMMUNE_RE.pattern).mean() >= 0.9:
            fixed = int((padded != values).sum())
            if fixed:
                warnings.append(
                    translate(
                        "Datagouv",
                        "{count} code(s) in {column} had 4 digits: a leading zero was added (e.g. 1053 -> 01053)",
                    ).format(count=fixed, column=code_col)
                )
            frame[code_col] = padded
            wrong = values[(values != "") & ~padded.str.match(COMMUNE_RE.pattern)]
            if len(wrong):
                warnings.append(
                    translate(
                        "Datagouv",
                        "{count} value(s) of {column} are not commune codes (e.g. {examples}): kept as they are",
                    ).format(count=len(wrong), column=code_col, examples=", ".join(wrong.unique()[:3]))
                )
        else:
            code_col = None
    typed = _typed(frame, {code_col} if code_col else set())
    return CsvTable(
        typed,
        lon,
        lat,
        crs,
        described,
        code_col,
        bad_rows,
        warnings,
        encoding.replace("-sig", ""),
        delimiter,
        [int(n) for n in line_numbers],
    )
