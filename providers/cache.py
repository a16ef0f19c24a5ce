"""On-disk cache of service answers and downloaded files, each with its provenance record.

Layout: ``<root>/<dataset>/<key[:2]>/<key>.data`` (the bytes) and ``<key>.json`` (provenance:
URL, parameters, producer, licence, vintage, retrieval time, SHA-256, size). The key is the
SHA-256 of the method, URL, sorted parameters and body.

Writes are atomic: the data goes to a temporary file in the same folder, is flushed and renamed,
then the provenance record is written the same way. The record is the commit mark: an entry
without it, or whose data does not match its size and checksum, does not exist. A crash or a
cancel leaves at worst a ``*.part-*`` file, which readers ignore and :meth:`Cache.clean` removes.

Offline mode (setting ``offline`` / ``TERRITORIAL_DATA_OFFLINE=1``) serves entries whatever
their age and raises :class:`OfflineError` when one is missing. Online, a fresh entry is served,
a stale one is refetched, and when refetching fails the stale entry is served with a warning.
A cache folder can be carried offline: copy it and point ``TERRITORIAL_DATA_CACHE_DIR`` at it,
or list it in ``TERRITORIAL_DATA_SEED_DIRS`` (read-only folders searched after the cache).
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import tempfile
import threading
import time
import zipfile
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Iterable, List, Optional, Tuple
from urllib.parse import urlsplit

from .archive import looks_like_zip, verify_zip
from .catalog import get_dataset
from .errors import DataError
from .http import CancelCheck, HttpClient, HttpError, Service, ServiceError, client, safe_url
from .i18n import translate
from .settings import Settings, cache_dir, get_settings

Warn = Optional[Callable[[str], None]]

SEED_ENV = "TERRITORIAL_DATA_SEED_DIRS"


class OfflineError(HttpError):
    """Offline mode is on and the cache has no copy of what was asked."""


def utc_now() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def parse_time(text: str) -> float:
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def normalise_params(params) -> List[Tuple[str, str]]:
    if not params:
        return []
    items = params.items() if isinstance(params, dict) else params
    out = []
    for key, value in items:
        if isinstance(value, (list, tuple)):
            out.extend((str(key), str(v)) for v in value)
        elif value is not None:
            out.append((str(key), str(value)))
    return sorted(out)


def cache_key(method: str, url: str, params=None, body: Optional[bytes] = None) -> str:
    digest = hashlib.sha256()
    digest.update(method.upper().encode())
    digest.update(b"\0" + url.encode())
    for key, value in normalise_params(params):
        digest.update(b"\0" + key.encode() + b"=" + value.encode())
    if body:
        digest.update(b"\0body\0" + hashlib.sha256(body).digest())
    return digest.hexdigest()


def sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def atomic_write(path: str, payload: bytes) -> None:
    """Write ``payload`` to ``path`` through a temporary file and a rename."""
    folder = os.path.dirname(path)
    os.makedirs(folder, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=os.path.basename(path) + ".part-", dir=folder)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(payload)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)


@dataclass
class Entry:
    """A cached answer: its file and its provenance."""

    path: str
    provenance: Dict[str, Any]
    from_cache: bool = True
    stale: bool = False
    payload: Optional[bytes] = None  # set for answers that are not stored (error statuses)

    def content(self) -> bytes:
        if self.payload is not None:
            return self.payload
        with open(self.path, "rb") as handle:
            return handle.read()

    def text(self, encoding: str = "utf-8") -> str:
        return self.content().decode(encoding)

    def json(self):
        return json.loads(self.content())


@dataclass
class Pending:
    """An answer fetched but not stored yet (see ``Cache.fetch(defer=...)``)."""

    dataset: str
    key: str
    payload: bytes
    record: Dict[str, Any]


def _opens(path: str) -> bool:
    """False for a file that starts like a zip archive but does not open as one (cut short)."""
    if not path or not looks_like_zip(path):
        return True
    try:
        with zipfile.ZipFile(path):
            return True
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        return False


def check_download(service: Service, path: str, url: str, validate=None, cancel: CancelCheck = None) -> None:
    """Raise :class:`ServiceError` when a downloaded file is unusable: a zip that does not open or whose
    members fail their CRC, or what ``validate(path)`` refuses. The file is then never cached."""
    name = os.path.basename(urlsplit(url).path) or os.path.basename(path)
    try:
        if looks_like_zip(path):
            verify_zip(path, cancel=cancel, name=name)
        if validate is not None:
            validate(path)
    except DataError as exc:
        raise ServiceError(
            service,
            url,
            translate("Cache", "the file received is unusable: {error}").format(error=str(exc).rstrip(".")),
            translate(
                "Cache",
                "Nothing was kept in the cache. Try again later; if it keeps failing, the file on the server is "
                "damaged: tell its producer.",
            ),
        )


def _is_json(content: bytes) -> bool:
    try:
        json.loads(content)
    except ValueError:
        return False
    return True


@dataclass
class Provenance:
    """What a layer or map says about where its data comes from."""

    dataset: str
    url: str = ""
    params: List[Tuple[str, str]] = field(default_factory=list)
    retrieved_at: str = ""
    vintage: str = ""
    sha256: str = ""

    def record(self) -> Dict[str, Any]:
        info = get_dataset(self.dataset)
        return {
            "dataset": self.dataset,
            "title": info.title,
            "producer": info.producer,
            "licence": info.licence,
            "licence_url": info.licence_url,
            "attribution": info.attribution,
            "vintage": self.vintage or info.vintage,
            "url": safe_url(self.url) if self.url else "",
            "params": [list(p) for p in self.params],
            "retrieved_at": self.retrieved_at or utc_now(),
            "sha256": self.sha256,
        }


class Cache:
    def __init__(
        self,
        root: Optional[str] = None,
        settings: Optional[Settings] = None,
        seeds: Optional[Iterable[str]] = None,
        http: Optional[HttpClient] = None,
    ):
        self.settings = settings or get_settings()
        self.root = root or cache_dir(self.settings)
        if seeds is None:
            seeds = [s for s in os.environ.get(SEED_ENV, "").split(os.pathsep) if s]
        self.seeds = [s for s in seeds if os.path.abspath(s) != os.path.abspath(self.root)]
        self.http = http or client()
        self._lock = threading.Lock()

    # -- paths and records ------------------------------------------------------------------------
    def _paths(self, root: str, dataset: str, key: str) -> Tuple[str, str]:
        folder = os.path.join(root, dataset, key[:2])
        return os.path.join(folder, key + ".data"), os.path.join(folder, key + ".json")

    def lookup(self, dataset: str, key: str, verify: bool = True) -> Optional[Entry]:
        """The committed entry for ``key`` in the cache or a seed folder, if any."""
        for root in [self.root] + self.seeds:
            data_path, record_path = self._paths(root, dataset, key)
            if not (os.path.exists(record_path) and os.path.exists(data_path)):
                continue
            try:
                with open(record_path, encoding="utf-8") as handle:
                    record = json.load(handle)
            except (OSError, ValueError):
                continue
            if os.path.getsize(data_path) != record.get("size"):
                continue
            if verify and record.get("size", 0) < 64 * 2**20 and sha256_file(data_path) != record.get("sha256"):
                continue
            return Entry(data_path, record)
        return None

    def is_fresh(self, entry: Entry, max_age: Optional[float]) -> bool:
        if max_age is None:
            return True
        try:
            return time.time() - parse_time(entry.provenance["retrieved_at"]) <= max_age
        except (KeyError, ValueError):
            return False

    def store(
        self,
        dataset: str,
        key: str,
        payload: Optional[bytes],
        record: Dict[str, Any],
        source_file: Optional[str] = None,
    ) -> Entry:
        """Commit an entry: data (bytes or an already complete file moved in), then its record."""
        data_path, record_path = self._paths(self.root, dataset, key)
        if source_file is not None:
            os.makedirs(os.path.dirname(data_path), exist_ok=True)
            os.replace(source_file, data_path)
        else:
            atomic_write(data_path, payload or b"")
            record = dict(record, sha256=hashlib.sha256(payload or b"").hexdigest(), size=len(payload or b""))
        atomic_write(record_path, json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))
        return Entry(data_path, record, from_cache=False)

    def _record(
        self, service: Service, method: str, url: str, params, dataset: str, vintage: str, content_type: str
    ) -> Dict[str, Any]:
        record = Provenance(dataset, url, normalise_params(params), utc_now(), vintage).record()
        record.update(method=method.upper(), service=service.key, content_type=content_type)
        return record

    # -- fetching ---------------------------------------------------------------------------------
    def _resolve(self, dataset: Optional[str], service: Service, max_age) -> Tuple[str, Optional[float]]:
        dataset = dataset or service.dataset
        if max_age == "default":
            max_age = get_dataset(dataset).max_age
        return dataset, max_age

    def _offline_or_fresh(self, dataset, key, url, max_age, warn: Warn) -> Optional[Entry]:
        entry = self.lookup(dataset, key)
        if self.settings.offline:
            if entry is None:
                raise OfflineError(
                    translate(
                        "Cache",
                        "Offline mode is on and the cache has no copy of {url}. Turn offline mode off "
                        "(plugin options, or TERRITORIAL_DATA_OFFLINE=0) to download it, or use a cache "
                        "folder that holds it.",
                    ).format(url=safe_url(url))
                )
            if not self.is_fresh(entry, max_age) and warn:
                warn(
                    translate(
                        "Cache",
                        "Offline: using a cached copy retrieved on {date}, older than the dataset's usual refresh.",
                    ).format(date=entry.provenance.get("retrieved_at"))
                )
            return entry
        if entry is not None and self.is_fresh(entry, max_age):
            return entry
        return None

    def fetch(
        self,
        service: Service,
        path: str = "",
        params=None,
        method: str = "GET",
        data=None,
        files=None,
        body_key: Optional[bytes] = None,
        dataset: Optional[str] = None,
        vintage: str = "",
        max_age="default",
        cancel: CancelCheck = None,
        warn: Warn = None,
        ok_statuses: Iterable[int] = (),
        headers: Optional[Dict[str, str]] = None,
        expect_json: bool = False,
        defer: Optional[List["Pending"]] = None,
        log: Warn = None,
    ) -> Entry:
        """A service answer through the cache. ``body_key``: bytes identifying a POST body;
        ``headers`` (e.g. an API key) are sent but are not part of the key, nor recorded.

        Only a complete answer is stored: the HTTP layer checks its length (and, with
        ``expect_json``, that JSON is whole: a body that is not JSON is given back without being
        stored). ``defer``: a list that receives the new entry instead of the cache, for a paged
        fetch that stores its pages only once all of them arrived (:meth:`commit`)."""
        dataset, max_age = self._resolve(dataset, service, max_age)
        url = self.http.url(service, path)
        if body_key is None and isinstance(data, (bytes, str)):
            body_key = data.encode() if isinstance(data, str) else data
        key = cache_key(method, url, params, body_key)
        entry = self._offline_or_fresh(dataset, key, url, max_age, warn)
        if entry is not None:
            return entry
        stale = self.lookup(dataset, key)
        try:
            response = self.http.request(
                service,
                path,
                params=params,
                method=method,
                data=data,
                files=files,
                cancel=cancel,
                ok_statuses=ok_statuses,
                headers=headers,
                expect_json=expect_json,
                log=log,
            )
        except HttpError as exc:
            if stale is not None and not isinstance(exc, OfflineError):
                if warn:
                    warn(
                        translate("Cache", "{error} Using the cached copy retrieved on {date}.").format(
                            error=exc, date=stale.provenance.get("retrieved_at")
                        )
                    )
                stale.stale = True
                return stale
            raise
        record = self._record(
            service, method, response.url, params, dataset, vintage, response.headers.get("Content-Type", "")
        )
        record["status"] = response.status_code
        content = response.content
        if response.status_code >= 400 or (expect_json and not _is_json(content)):
            # an accepted error status, or a body that is not the JSON asked for: give it back, never cache it
            record.update(sha256=hashlib.sha256(content).hexdigest(), size=len(content))
            return Entry("", record, from_cache=False, payload=content)
        if defer is not None:
            record.update(sha256=hashlib.sha256(content).hexdigest(), size=len(content))
            defer.append(Pending(dataset, key, content, record))
            return Entry("", record, from_cache=False, payload=content)
        return self.store(dataset, key, content, record)

    def commit(self, pending: Iterable["Pending"]) -> int:
        """Store deferred answers (a paged fetch that turned out complete); returns how many."""
        count = 0
        for item in pending:
            self.store(item.dataset, item.key, item.payload, item.record)
            count += 1
        return count

    def fetch_json(self, service: Service, path: str = "", params=None, **kwargs) -> Tuple[Any, Entry]:
        """A JSON answer through the cache; a body that is not JSON is forgotten (so that a re-run
        asks again) and reported as a :class:`ServiceError`."""
        kwargs.setdefault("expect_json", True)
        entry = self.fetch(service, path, params=params, **kwargs)
        try:
            return entry.json(), entry
        except ValueError:
            self.discard(entry)
            raise ServiceError(
                service,
                entry.provenance.get("url", ""),
                translate("Http", "the answer is not valid JSON"),
                translate(
                    "Http",
                    "The service may be failing or the address may point elsewhere: check the service address in the "
                    "plugin options.",
                ),
                entry.provenance.get("status"),
            )

    def fetch_file(
        self,
        service: Service,
        path: str,
        params=None,
        dataset: Optional[str] = None,
        vintage: str = "",
        max_age="default",
        cancel: CancelCheck = None,
        warn: Warn = None,
        progress=None,
        max_bytes: Optional[int] = None,
        overrides: Optional[Dict[str, Any]] = None,
        validate: Optional[Callable[[str], None]] = None,
        log: Warn = None,
    ) -> Entry:
        """A downloaded file through the cache (streamed to disk, never held in memory).

        Nothing short or broken is stored: the HTTP layer compares the bytes with ``Content-Length``
        (a cut download is tried again, then fails); a zip archive must open and every member's CRC
        must match (:func:`providers.archive.verify_zip`); ``validate(path)`` may check more (raise
        :class:`DataError`). A cached zip that no longer opens is dropped and fetched again.
        ``overrides`` replace fields of the provenance record (a dataset's own title, producer,
        licence, found in a catalogue) in the record stored and in an entry served from the cache."""
        dataset, max_age = self._resolve(dataset, service, max_age)
        url = self.http.url(service, path)
        key = cache_key("GET", url, params)
        entry = self._offline_or_fresh(dataset, key, url, max_age, warn)
        if entry is not None and not _opens(entry.path):
            self.discard(entry)  # stored before archives were checked, or damaged on disk since
            if self.settings.offline:
                raise OfflineError(
                    translate(
                        "Cache",
                        "Offline mode is on and the cached copy of {url} is a damaged archive. Turn offline mode off "
                        "to download it again.",
                    ).format(url=safe_url(url))
                )
            entry = None
        if entry is not None:
            return self.annotate(entry, overrides)
        data_path, _ = self._paths(self.root, dataset, key)
        tmp = f"{data_path}.part-dl-{os.getpid()}-{threading.get_ident()}"
        try:
            try:
                sha, size, ctype = self.http.download(
                    service, path, tmp, params=params, cancel=cancel, progress=progress, max_bytes=max_bytes, log=log
                )
                check_download(service, tmp, url, validate, cancel)
            except HttpError as exc:
                stale = self.lookup(dataset, key)
                if stale is not None and _opens(stale.path):
                    if warn:
                        warn(
                            translate("Cache", "{error} Using the cached copy retrieved on {date}.").format(
                                error=exc, date=stale.provenance.get("retrieved_at")
                            )
                        )
                    stale.stale = True
                    return self.annotate(stale, overrides)
                raise
            record = self._record(service, "GET", url, params, dataset, vintage, ctype)
            record.update(sha256=sha, size=size)
            record.update({k: v for k, v in (overrides or {}).items() if v is not None})
            return self.store(dataset, key, None, record, source_file=tmp)
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)

    # -- maintenance ------------------------------------------------------------------------------
    def entries(self) -> List[Entry]:
        out = []
        if not os.path.isdir(self.root):
            return out
        for folder, _, names in os.walk(self.root):
            for name in names:
                if name.endswith(".json"):
                    key = name[:-5]
                    dataset = os.path.relpath(folder, self.root).split(os.sep)[0]
                    entry = self.lookup(dataset, key, verify=False)
                    if entry is not None:
                        out.append(entry)
        return out

    def size(self) -> int:
        total = 0
        for folder, _, names in os.walk(self.root):
            for name in names:
                try:
                    total += os.path.getsize(os.path.join(folder, name))
                except OSError:
                    pass
        return total

    def annotate(self, entry: Entry, overrides: Optional[Dict[str, Any]]) -> Entry:
        """Apply provenance ``overrides`` to an entry, and to its record when it lives in this cache."""
        record = dict(entry.provenance)
        record.update({k: v for k, v in (overrides or {}).items() if v is not None})
        if record != entry.provenance:
            entry.provenance = record
            root = os.path.abspath(self.root) + os.sep
            if entry.path.endswith(".data") and os.path.abspath(entry.path).startswith(root):
                atomic_write(
                    entry.path[: -len(".data")] + ".json",
                    json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"),
                )
        return entry

    def discard(self, entry: Entry) -> None:
        """Forget an entry that turned out unusable (a 200 answer with a broken body), so that
        the next fetch asks the service again. Seed folders are read-only and left alone."""
        if not entry.path or not os.path.abspath(entry.path).startswith(os.path.abspath(self.root) + os.sep):
            return
        for path in (entry.path[: -len(".data")] + ".json", entry.path):  # the record first: it commits
            try:
                os.remove(path)
            except OSError:
                pass

    def clean(self) -> int:
        """Remove leftovers of interrupted writes; returns how many files went."""
        removed = 0
        for folder, _, names in os.walk(self.root):
            for name in names:
                if ".part-" in name:
                    os.remove(os.path.join(folder, name))
                    removed += 1
        return removed

    def clear(self) -> None:
        if os.path.isdir(self.root):
            shutil.rmtree(self.root)


_CACHE: Optional[Cache] = None


def get_cache() -> Cache:
    """A cache on the current settings (re-read each call: the options page may change them)."""
    settings = get_settings()
    global _CACHE
    if _CACHE is None or _CACHE.root != cache_dir(settings) or _CACHE.settings != settings:
        _CACHE = Cache(settings=settings)
    return _CACHE
