"""transport.data.gouv.fr (national access point for transport data): find and download GTFS feeds.

``GET /datasets`` returns one non-paginated array of every dataset with its resources. A feed is
found by words of its network (commercial name, title, publisher, covered area) and/or by a
territory (INSEE code or SIREN of the covered area or of the organising authority, or a name).
The chosen resource is downloaded through the cache with the dataset's publisher and licence in
its provenance record.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

from .cache import Cache, Entry, get_cache
from .datagouv import fetch_json_checked, fold, licence_label
from .errors import DataError
from .http import CancelCheck, get_service
from .i18n import translate

MAX_GTFS = 1024 * 2**20


@dataclass
class GtfsCandidate:
    dataset_id: str
    dataset_title: str
    publisher: str
    licence_id: str
    resource_id: str
    resource_title: str
    url: str
    updated: str
    start: str
    end: str
    networks: str
    area: str
    filesize: Optional[int]
    page: str
    score: float = 0.0
    expired: bool = False

    @property
    def licence(self) -> str:
        return licence_label(self.licence_id)[0]

    def row(self) -> Dict:
        return {
            "dataset_title": self.dataset_title,
            "networks": self.networks,
            "area": self.area,
            "publisher": self.publisher,
            "licence": self.licence,
            "resource_id": self.resource_id,
            "resource_title": self.resource_title,
            "start": self.start,
            "end": self.end,
            "updated": self.updated,
            "filesize": self.filesize,
            "url": self.url,
            "page": self.page,
        }


ROW_COLUMNS = [
    "dataset_title",
    "networks",
    "area",
    "publisher",
    "licence",
    "resource_id",
    "resource_title",
    "start",
    "end",
    "updated",
    "filesize",
    "url",
    "page",
]


@dataclass
class GtfsSearch:
    candidates: List[GtfsCandidate]  # best first
    records: List[dict]
    warnings: List[str] = field(default_factory=list)


def _texts(items, *keys) -> List[str]:
    out = []
    for item in items or []:
        if isinstance(item, dict):
            out += [str(item.get(k) or "") for k in keys if item.get(k)]
        elif isinstance(item, str):
            out.append(item)
    return out


def _candidates(dataset: dict, today: dt.date) -> Tuple[List[GtfsCandidate], int]:
    """The GTFS resources of one dataset; also how many were set aside as unavailable."""
    publisher = dataset.get("publisher") or {}
    owners = _texts(dataset.get("legal_owners"), "name")
    publisher_name = str(publisher.get("name") or "") if isinstance(publisher, dict) else ""
    offers = _texts(dataset.get("offers"), "nom_commercial")
    area = ", ".join(_texts(dataset.get("covered_area"), "nom"))
    out, unavailable = [], 0
    for resource in dataset.get("resources") or []:
        if not isinstance(resource, dict) or str(resource.get("format") or "").strip().upper() != "GTFS":
            continue
        if resource.get("is_available") is False:
            unavailable += 1
            continue
        metadata = resource.get("metadata") if isinstance(resource.get("metadata"), dict) else {}
        networks = _texts(metadata.get("networks")) or offers
        start = str(resource.get("start_calendar_validity") or metadata.get("start_date") or "")[:10]
        end = str(resource.get("end_calendar_validity") or metadata.get("end_date") or "")[:10]
        try:
            expired = bool(end) and dt.date.fromisoformat(end) < today
        except ValueError:
            expired = False
        size = resource.get("filesize")
        out.append(
            GtfsCandidate(
                dataset_id=str(dataset.get("datagouv_id") or dataset.get("id") or ""),
                dataset_title=str(dataset.get("title") or ""),
                publisher=publisher_name or ", ".join(owners),
                licence_id=str(dataset.get("licence") or ""),
                resource_id=str(resource.get("id") or ""),
                resource_title=str(resource.get("title") or ""),
                url=str(resource.get("url") or resource.get("original_url") or ""),
                updated=str(resource.get("updated") or dataset.get("updated") or "")[:10],
                start=start,
                end=end,
                networks=", ".join(networks),
                area=area,
                filesize=int(size) if isinstance(size, (int, float)) else None,
                page=str(dataset.get("page_url") or ""),
                expired=expired,
            )
        )
    return out, unavailable


def _haystack(dataset: dict, candidate: GtfsCandidate) -> str:
    parts = [
        dataset.get("title"),
        dataset.get("slug"),
        candidate.publisher,
        candidate.networks,
        candidate.area,
        candidate.resource_title,
    ]
    parts += _texts(dataset.get("offers"), "nom_commercial", "nom_aom")
    parts += _texts(dataset.get("legal_owners"), "name")
    return fold(" ".join(str(p or "") for p in parts))


def _territory_match(dataset: dict, territory: str) -> bool:
    value = territory.strip()
    codes = {str(a.get("insee") or "").upper() for a in dataset.get("covered_area") or [] if isinstance(a, dict)}
    codes |= {str(o.get("siren") or "") for o in dataset.get("legal_owners") or [] if isinstance(o, dict)}
    aom = dataset.get("aom")
    if isinstance(aom, dict):
        codes |= {str(aom.get("siren") or ""), str(aom.get("insee") or "")}
    if re.match(r"^[0-9AB]{2,9}$", value.upper()):
        return value.upper() in codes
    names = _texts(dataset.get("covered_area"), "nom") + _texts(dataset.get("legal_owners"), "name")
    wanted = fold(value)
    return any(wanted in fold(n) for n in names)


def find_gtfs(
    datasets: List[dict], query: str = "", territory: str = "", today: Optional[dt.date] = None
) -> Tuple[List[GtfsCandidate], List[str]]:
    """GTFS resources matching every word of ``query`` and the ``territory``, best first."""
    today = today or dt.date.today()
    words = [w for w in re.split(r"[^a-z0-9]+", fold(query)) if w]
    found, unavailable = [], 0
    for dataset in datasets:
        if not isinstance(dataset, dict):
            continue
        candidates, missing = _candidates(dataset, today)
        if territory.strip() and not _territory_match(dataset, territory):
            continue
        for candidate in candidates:
            haystack = _haystack(dataset, candidate)
            tokens = set(re.split(r"[^a-z0-9]+", haystack))
            if not all(w in tokens or (len(w) > 3 and w in haystack) for w in words):
                continue
            networks = {fold(n).strip() for n in candidate.networks.split(",") if n.strip()}
            title_tokens = set(re.split(r"[^a-z0-9]+", fold(candidate.dataset_title)))
            candidate.score = (3.0 if " ".join(words) in networks else 0.0) + sum(
                1.0 for w in words if w in title_tokens
            )
            found.append(candidate)
        if candidates or missing:
            unavailable += missing
    found.sort(key=lambda c: (-c.score, c.expired, _negated_date(c.updated)))
    warnings = []
    if unavailable:
        warnings.append(
            translate(
                "Transport", "{count} GTFS resource(s) marked unavailable by transport.data.gouv.fr were set aside"
            ).format(count=unavailable)
        )
    return found, warnings


def _negated_date(text: str) -> int:
    digits = re.sub(r"\D", "", text or "")[:8]
    return -int(digits) if digits else 0


class TransportClient:
    def __init__(
        self, cache: Optional[Cache] = None, cancel: CancelCheck = None, warn: Optional[Callable[[str], None]] = None
    ):
        self.cache = cache or get_cache()
        self.service = get_service("transport")
        self.cancel = cancel
        self.warn = warn
        self.records: List[dict] = []

    def datasets(self) -> List[dict]:
        data, entry, _ = fetch_json_checked(
            self.cache,
            self.service,
            "datasets",
            valid=lambda d: isinstance(d, list),
            what=translate("Transport", "a list of datasets"),
            cancel=self.cancel,
            warn=self.warn,
        )
        self.records.append(entry.provenance)
        return data

    def search(self, query: str = "", territory: str = "", today: Optional[dt.date] = None) -> GtfsSearch:
        if not (query or "").strip() and not (territory or "").strip():
            raise DataError(
                translate(
                    "Transport", "Give a network name (e.g. TaM, STAR) or a territory (INSEE code, SIREN or name)."
                )
            )
        candidates, warnings = find_gtfs(self.datasets(), query or "", territory or "", today)
        if not candidates:
            what = " / ".join(v for v in ((query or "").strip(), (territory or "").strip()) if v)
            raise DataError(
                translate(
                    "Transport",
                    "No GTFS feed on transport.data.gouv.fr matches '{what}': try the network's commercial name "
                    "(e.g. TaM, STAR), "
                    "the name of its organising authority, or the INSEE code / SIREN of the territory it covers.",
                ).format(what=what)
            )
        return GtfsSearch(candidates, self.records, warnings)

    def download(self, candidate: GtfsCandidate, progress=None, max_bytes: int = MAX_GTFS) -> Tuple[Entry, Dict]:
        if not candidate.url:
            raise DataError(
                translate("Transport", "The resource {id} has no download address.").format(id=candidate.resource_id)
            )
        if candidate.filesize and candidate.filesize > max_bytes:
            raise DataError(
                translate(
                    "Transport",
                    "The feed is {size} MB, more than the {limit} MB allowed: download it yourself and import the "
                    "local file.",
                ).format(size=candidate.filesize // 2**20, limit=max_bytes // 2**20)
            )
        vintage = f"{candidate.start} → {candidate.end}" if candidate.start or candidate.end else candidate.updated
        label, url = licence_label(candidate.licence_id)
        publisher = candidate.publisher or translate("Transport", "unknown publisher")
        entry = self.cache.fetch_file(
            self.service,
            candidate.url,
            dataset="gtfs",
            vintage=vintage,
            cancel=self.cancel,
            warn=self.warn,
            progress=progress,
            max_bytes=max_bytes,
            overrides={
                "title": f"{candidate.dataset_title} — {candidate.resource_title}".strip(" —"),
                "producer": publisher,
                "licence": label,
                "licence_url": url,
                "attribution": f"{publisher} — transport.data.gouv.fr",
                "page": candidate.page,
                "transport_resource": candidate.resource_id,
            },
        )
        return entry, entry.provenance
