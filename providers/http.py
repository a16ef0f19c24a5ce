"""The one HTTP layer of the plugin, on a ``requests`` session.

- connect / read timeouts (settings);
- a per-host throttle, in requests per second, set per service;
- retries with exponential backoff on 429 and 5xx (and dropped connections), honouring
  ``Retry-After`` (seconds or an HTTP date);
- :class:`ServiceError`, a clear message naming the service, the URL without secrets and what to do;
- cancellation: a ``cancel`` callable (Processing's ``feedback.isCanceled``) checked while waiting,
  between retries and between downloaded chunks;
- a ``User-Agent`` naming the plugin and its version;
- inside QGIS, the proxy of the user's QGIS network settings (host, port, credentials,
  exclusion and no-proxy lists); outside QGIS, the usual ``*_proxy`` environment variables;
- inside QGIS, the certificate authorities added to QGIS (Options > Authentication: an
  organisation's root certificate, as behind a proxy that inspects HTTPS) trusted on top of the
  usual ones; an untrusted certificate is a clear error, never retried.
"""

import contextlib
import datetime as dt
import email.utils
import hashlib
import json
import os
import re
import socket
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, List, Optional, Tuple
from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

import requests
from urllib3 import exceptions as urllib3_exceptions

from .errors import Canceled
from .i18n import translate
from .settings import Settings, get_settings, running_qgis

CancelCheck = Optional[Callable[[], bool]]
ProgressCallback = Optional[Callable[[int, Optional[int]], None]]
LogCallback = Optional[Callable[[str], None]]

RETRY_STATUSES = {429, 500, 502, 503, 504}
SECRET_PARAMS = re.compile(r"(key|token|secret|password|passwd|apikey|api_key|auth)", re.I)
#: a path segment that looks like an access key: long, letters and digits mixed, no dot, not plain hex
_KEY_SEGMENT = re.compile(r"^(?=.*\d)(?=.*[g-zG-Z])[A-Za-z0-9_]{20,}$")
_SECRET_SEGMENT = re.compile(r"(?:api[_-]?key|apikey|key|token|secret|auth)", re.I)
#: ``key=value`` / ``key:value`` written in a path segment (matrix parameters, some gateways)
_KEY_IN_SEGMENT = re.compile(r"^(.*?\b(?:api[_-]?key|apikey|key|token|secret|password|passwd|auth)\s*[=:])(.+)$", re.I)


@dataclass(frozen=True)
class Service:
    """A remote service: its name for messages, its base-URL setting and its rate limit."""

    key: str
    name: str
    url_setting: str
    rate: float  # requests per second, per host
    dataset: str  # catalog id of what it serves

    def base_url(self, settings: Optional[Settings] = None) -> str:
        return getattr(settings or get_settings(), self.url_setting)


SERVICES: Dict[str, Service] = {
    s.key: s
    for s in (
        Service("geocoding", "Géoplateforme geocoding (BAN)", "geocoding_url", 40.0, "ban"),
        Service("geo_api", "geo.api.gouv.fr (API Découpage administratif)", "geo_api_url", 20.0, "geo_api"),
        Service("sirene", "Recherche d'entreprises (SIRENE)", "sirene_url", 7.0, "sirene"),
        Service("insee_sirene", "INSEE API Sirene", "insee_sirene_url", 0.5, "sirene"),
        Service("datagouv", "data.gouv.fr", "datagouv_url", 10.0, "datagouv"),
        Service("transport", "transport.data.gouv.fr", "transport_url", 5.0, "transport"),
        Service("wfs", "Géoplateforme WFS (IGN)", "wfs_url", 30.0, "bdtopo"),
    )
}


def get_service(key: str) -> Service:
    return SERVICES[key]


def plugin_version() -> str:
    """The version from metadata.txt (stamped at packaging time)."""
    path = os.path.join(os.path.dirname(os.path.dirname(__file__)), "metadata.txt")
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("version="):
                    return line.split("=", 1)[1].strip()
    except OSError:
        pass
    return "0"


USER_AGENT = f"TerritorialData/{plugin_version()} (QGIS plugin territorial_data)"


class HttpError(Exception):
    """Base of the errors of this layer."""


class ServiceError(HttpError):
    """A service did not give a usable answer. ``str()`` is a complete message for the user."""

    def __init__(
        self,
        service: Service,
        url: str,
        problem: str,
        hint: str,
        status: Optional[int] = None,
        retry_after: Optional[float] = None,
    ):
        self.service = service
        self.url = safe_url(url)
        self.status = status
        self.retry_after = retry_after  # seconds the service asked to wait, when it said so
        self.problem = problem
        self.hint = hint
        message = translate("Http", "{service}: {problem} (URL: {url}). {hint}").format(
            service=service.name, problem=problem, url=self.url, hint=hint
        )
        super().__init__(message)


def _safe_path(path: str) -> str:
    """The path with keys masked: a segment after one named like a secret (``/apikey/XYZ/``), a
    ``key=value`` segment, and segments that look like access keys (``/an7nvfzojv5wa96dsga5nk8w/wfs``)."""
    segments = path.split("/")
    out = []
    after_secret = False
    for segment in segments:
        text = unquote(segment)
        if after_secret and text:
            out.append("***")
            after_secret = False
            continue
        match = _KEY_IN_SEGMENT.match(text)
        if match:
            out.append(quote(match.group(1), safe="=:;") + "***")
        elif _KEY_SEGMENT.match(text):
            out.append("***")
        else:
            out.append(segment)
            after_secret = bool(text) and bool(
                re.fullmatch(r"(?:api[_-]?key|apikey|key|token|secret|auth)", text, re.I)
            )
    return "/".join(out)


def safe_url(url: str) -> str:
    """The URL with credentials, secret-looking query parameters and keys written in the path masked."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    query = [(k, "***" if SECRET_PARAMS.search(k) else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    return urlunsplit((parts.scheme, netloc, _safe_path(parts.path), urlencode(query, quote_via=quote), ""))


def parse_retry_after(value: Optional[str]) -> Optional[float]:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP date)."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - time.time())


def error_detail(response: requests.Response) -> str:
    """A short readable detail from an error body (JSON shapes of the French APIs, or text)."""
    text = ""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, dict):
        parts = []
        for key in ("message", "erreur", "error", "title", "description", "detail"):
            value = body.get(key)
            if isinstance(value, list):
                value = "; ".join(str(v) for v in value)
            if value and str(value) not in parts:
                parts.append(str(value))
        text = " — ".join(parts)
    elif response.headers.get("Content-Type", "").startswith(("text/plain", "text/html")):
        raw = response.text or ""
        if len(raw) < 400 and "<" not in raw:
            text = raw.strip()
    return text[:400]


class Throttle:
    """Minimum interval between two requests to one host, shared by every thread."""

    def __init__(self):
        self._lock = threading.Lock()
        self._next: Dict[str, float] = {}

    def reserve(self, host: str, rate: float) -> float:
        """Book the next slot for ``host``; returns how long to wait before using it."""
        interval = 1.0 / rate if rate > 0 else 0.0
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, 0.0))
            self._next[host] = slot + interval
            return slot - now

    def push_back(self, host: str, delay: float) -> None:
        """After a 429, hold every request to this host for ``delay`` seconds."""
        with self._lock:
            self._next[host] = max(self._next.get(host, 0.0), time.monotonic() + delay)


def sleep_cancellable(seconds: float, cancel: CancelCheck, url: str = "") -> None:
    end = time.monotonic() + seconds
    while True:
        if cancel is not None and cancel():
            raise Canceled(url)
        left = end - time.monotonic()
        if left <= 0:
            return
        time.sleep(min(left, 0.1))


# -- proxies -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ProxyConfig:
    """The proxy QGIS would use: a URL (with credentials) and the URL prefixes that bypass it."""

    url: Optional[str]  # None: no proxy; "" : let requests use the system/env proxies
    excludes: Tuple[str, ...] = ()

    def proxies_for(self, url: str) -> Optional[Dict[str, Optional[str]]]:
        """The ``proxies`` argument of requests for ``url`` (None: environment)."""
        if self.url == "":
            return None
        if self.url is None or any(prefix and url.startswith(prefix) for prefix in self.excludes):
            return {"http": None, "https": None, "no_proxy": "*"}
        return {"http": self.url, "https": self.url}


def _ssl_reason(exc: Exception) -> str:
    """The short reason of an SSL failure (e.g. 'certificate verify failed: self-signed certificate')."""
    text = str(exc)
    for pattern in (r"certificate verify failed[^()\]'\"]*", r"hostname mismatch[^()\]'\"]*", r"\[SSL: ([A-Z_]+)\]"):
        match = re.search(pattern, text)
        if match:
            return (match.group(1) if match.groups() else match.group(0)).strip().rstrip(".,;:")
    return type(exc).__name__


def qgis_proxy_config() -> Optional[ProxyConfig]:
    """The proxy of the running QGIS (None when QGIS is not running)."""
    core = running_qgis()  # plain Python (workers, benchmarks): never load QGIS for this
    if core is None:
        return None
    from qgis.PyQt.QtNetwork import QNetworkProxy

    settings = core.QgsSettings()
    enabled = str(settings.value("proxy/proxyEnabled", False)).lower() in ("true", "1")
    if not enabled:
        return ProxyConfig(None)
    manager = core.QgsNetworkAccessManager.instance()
    proxy = manager.fallbackProxy()
    excludes = tuple(
        str(u).strip() for u in list(manager.excludeList()) + list(manager.noProxyList()) if str(u).strip()
    )
    kind = proxy.type()
    if kind == QNetworkProxy.ProxyType.DefaultProxy or (
        not proxy.hostName() and kind != QNetworkProxy.ProxyType.NoProxy
    ):
        return ProxyConfig("", excludes)  # the system proxy: requests reads the environment
    if kind == QNetworkProxy.ProxyType.NoProxy:
        return ProxyConfig(None)
    scheme = "socks5h" if kind == QNetworkProxy.ProxyType.Socks5Proxy else "http"
    credentials = ""
    if proxy.user():
        credentials = quote(proxy.user(), safe="")
        if proxy.password():
            credentials += ":" + quote(proxy.password(), safe="")
        credentials += "@"
    return ProxyConfig(f"{scheme}://{credentials}{proxy.hostName()}:{proxy.port()}", excludes)


# -- certificate authorities ---------------------------------------------------------------------

_CA_BUNDLE: Dict[str, object] = {"key": None, "path": None}


def qgis_ca_bundle() -> Optional[str]:
    """A CA bundle with the usual authorities plus those added to QGIS, or None (nothing added,
    or QGIS not running).

    QGIS keeps the authorities a user imports (Settings > Options > Authentication > Certificate
    Manager) and the extra CA files it is given; ``requests`` only knows its own bundle. The file
    is written once per set of authorities (atomically, in the temporary folder)."""
    core = running_qgis()
    if core is None:
        return None
    try:
        manager = core.QgsApplication.authManager()
        if manager is None or manager.isDisabled():
            return None
        untrusted = {bytes(c.toPem()) for c in manager.untrustedCaCerts()}
        extra = {bytes(c.toPem()) for c in list(manager.databaseCAs()) + list(manager.extraFileCAs()) if not c.isNull()}
    except Exception:
        return None
    pems = sorted(extra - untrusted)
    if not pems:
        return None
    base = os.environ.get("REQUESTS_CA_BUNDLE") or os.environ.get("CURL_CA_BUNDLE") or requests.certs.where()
    key = (base, tuple(pems))
    path = _CA_BUNDLE["path"]
    if _CA_BUNDLE["key"] == key and path and os.path.exists(str(path)):
        return str(path)
    with open(base, "rb") as handle:
        content = handle.read().rstrip(b"\n") + b"\n" + b"".join(pem.rstrip(b"\n") + b"\n" for pem in pems)
    digest = hashlib.sha256(content).hexdigest()[:16]
    path = os.path.join(tempfile.gettempdir(), f"territorial-data-ca-{digest}.pem")
    if not os.path.exists(path):
        part = f"{path}.{os.getpid()}.part"
        with open(part, "wb") as handle:
            handle.write(content)
        os.replace(part, path)
    _CA_BUNDLE.update(key=key, path=path)
    return path


# -- logging of retries and waits ------------------------------------------------------------------

_LOCAL = threading.local()


@contextlib.contextmanager
def log_to(callback: LogCallback):
    """Route the HTTP layer's messages (each retry, each wait) of this thread to ``callback``, e.g.
    Processing's ``feedback.pushInfo``, for the duration of a ``with`` block."""
    previous = getattr(_LOCAL, "log", None)
    _LOCAL.log = callback
    try:
        yield
    finally:
        _LOCAL.log = previous


def emit(message: str, log: LogCallback = None) -> None:
    """Send ``message`` to ``log``, or to the callback installed by :func:`log_to` in this thread."""
    callback = log or getattr(_LOCAL, "log", None)
    if callback is not None:
        callback(message)


def _seconds(value: float) -> str:
    return f"{value:.0f}" if value >= 10 else f"{value:.1f}".rstrip("0").rstrip(".")


def _size(count: int) -> str:
    if count >= 2**20:
        return f"{count / 2**20:.1f} MB"
    if count >= 1024:
        return f"{count / 1024:.1f} kB"
    return translate("Http", "{count} bytes").format(count=count)


def _clock(delay: float) -> str:
    """The UTC time ``delay`` seconds from now, 'HH:MM UTC' (with the date when not today)."""
    when = dt.datetime.now(dt.timezone.utc) + dt.timedelta(seconds=delay)
    today = dt.datetime.now(dt.timezone.utc).date()
    text = when.strftime("%H:%M UTC")
    return text if when.date() == today else when.strftime("%Y-%m-%d ") + text


# -- reading bodies within a deadline -------------------------------------------------------------


def _socket_of(response: requests.Response):
    """The socket under a streamed response (urllib3 1.x and 2.x), or None."""
    raw = getattr(response, "raw", None)
    for path in (("_connection", "sock"), ("_fp", "fp", "raw", "_sock"), ("connection", "sock")):
        obj = raw
        for name in path:
            obj = getattr(obj, name, None)
            if obj is None:
                break
        if obj is not None and hasattr(obj, "shutdown"):
            return obj
    return None


class _Watchdog:
    """Cuts a streamed answer off (socket shutdown) when ``expired()`` turns true or the user cancels:
    a body that trickles in never outlives its deadline, whatever the socket timeouts."""

    def __init__(self, response: requests.Response, expired: Callable[[], Optional[str]], cancel: CancelCheck):
        self.response = response
        self.expired = expired
        self.cancel = cancel
        self.reason: Optional[str] = None  # "slow" or "cancel" once fired
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._run, name="territorial-http-watchdog", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._done.wait(0.1):
            reason = None
            if self.cancel is not None:
                try:
                    if self.cancel():
                        reason = "cancel"
                except Exception:  # a feedback object gone: stop watching for cancel
                    self.cancel = None
            if reason is None:
                reason = self.expired()
            if reason:
                self.reason = reason
                sock = _socket_of(self.response)
                try:
                    if sock is not None:
                        sock.shutdown(socket.SHUT_RDWR)
                    else:
                        self.response.close()
                except OSError:
                    pass
                return

    def stop(self) -> None:
        self._done.set()
        self._thread.join(1.0)


class _Cut(Exception):
    """The answer stopped before its end (connection dropped, fewer bytes than announced)."""

    def __init__(self, received: int, announced: Optional[int], detail: str = "", stalled: float = 0.0):
        super().__init__(detail)
        self.received = received
        self.announced = announced
        self.detail = detail
        self.stalled = stalled  # > 0: nothing more came for this many seconds (read timeout)


class _Slow(Exception):
    """The answer was coming, but too slowly for the deadline."""

    def __init__(self, received: int, seconds: float):
        super().__init__("slow")
        self.received = received
        self.seconds = seconds


def announced_length(response: requests.Response) -> Optional[int]:
    value = response.headers.get("Content-Length", "").strip()
    return int(value) if value.isdigit() else None


def _wire_bytes(response: requests.Response, fallback: int) -> int:
    """Bytes read from the connection (compressed size when the body is encoded)."""
    try:
        told = response.raw.tell()
        return int(told) if told is not None else fallback
    except (AttributeError, ValueError, TypeError):
        return fallback


def read_body(
    response: requests.Response,
    write: Callable[[bytes], None],
    expired: Callable[[int, float], bool],
    cancel: CancelCheck = None,
    chunk_size: int = 1 << 16,
    on_chunk: Optional[Callable[[int], None]] = None,
    stall_seconds: float = 0.0,
) -> int:
    """Stream the body of ``response`` into ``write``; returns the bytes received.

    ``expired(received, seconds)`` is asked while the body comes (also while a read blocks): when it
    is true the connection is cut and :class:`_Slow` raised. A body shorter than its
    ``Content-Length``, or a connection dropped half-way, raises :class:`_Cut`."""
    started = time.monotonic()
    state = {"received": 0}
    announced = announced_length(response)

    def check() -> Optional[str]:
        return "slow" if expired(state["received"], time.monotonic() - started) else None

    watchdog = _Watchdog(response, check, cancel)
    try:
        try:
            for chunk in response.iter_content(chunk_size):
                if cancel is not None and cancel():
                    raise Canceled(response.url)
                state["received"] += len(chunk)
                if watchdog.reason:
                    break
                write(chunk)
                if on_chunk is not None:
                    on_chunk(state["received"])
        except (requests.exceptions.RequestException, urllib3_exceptions.HTTPError, OSError, ValueError) as exc:
            if not watchdog.reason:
                stalled = 0.0
                if "timed out" in str(exc).lower() or isinstance(
                    exc, (socket.timeout, urllib3_exceptions.TimeoutError)
                ):
                    stalled = stall_seconds or -1.0
                raise _Cut(_wire_bytes(response, state["received"]), announced, type(exc).__name__, stalled)
    finally:
        watchdog.stop()
    if watchdog.reason == "cancel":
        raise Canceled(response.url)
    if watchdog.reason == "slow":
        raise _Slow(max(state["received"], _wire_bytes(response, 0)), time.monotonic() - started)
    wire = _wire_bytes(response, state["received"])
    if announced is not None and wire < announced:
        raise _Cut(wire, announced)
    return state["received"]


# -- the client ----------------------------------------------------------------------------------


class _Failure(Exception):
    """One try that failed in a way worth another try (kept to word the final error)."""

    def __init__(self, kind: str, problem: str, status: Optional[int] = None):
        super().__init__(problem)
        self.kind = kind  # unreachable, silent, cut, not_json, status
        self.problem = problem
        self.status = status


class HttpClient:
    """The shared session. Use :func:`client` to get the process-wide instance."""

    def __init__(self, settings: Optional[Settings] = None, backoff: float = 1.0):
        self.settings = settings
        self.backoff = backoff  # first retry delay in seconds (doubles each time)
        self.session = requests.Session()
        self.session.headers["User-Agent"] = USER_AGENT
        self.throttle = Throttle()
        self.request_count = 0

    def _settings(self) -> Settings:
        return self.settings or get_settings()

    def url(self, service: Service, path: str = "") -> str:
        base = service.base_url(self._settings())
        if not path:
            return base
        if path.startswith(("http://", "https://")):
            return path
        return base + "/" + path.lstrip("/")

    # -- one request, its retries and its deadline ----------------------------------------------
    def request(
        self,
        service: Service,
        path: str = "",
        params: Optional[Iterable] = None,
        method: str = "GET",
        data=None,
        files=None,
        headers: Optional[Dict[str, str]] = None,
        cancel: CancelCheck = None,
        stream: bool = False,
        ok_statuses: Iterable[int] = (),
        expect_json: bool = False,
        log: LogCallback = None,
    ) -> requests.Response:
        """Send one request with throttle, timeouts, retries and an overall deadline; raise :class:`ServiceError`.

        Unless ``stream``, the body is read here, within the deadline, and checked against its
        ``Content-Length``: a body cut short is asked again. ``expect_json``: a body that starts like
        JSON but does not parse (cut short) is asked again too. ``ok_statuses`` lists non-2xx statuses
        the caller handles itself (e.g. 404 = not found). Each retry and each wait is logged through
        ``log`` (or :func:`log_to`).
        """
        settings = self._settings()
        url = self.url(service, path)
        full_url = requests.Request(method, url, params=params).prepare().url or url
        host = urlsplit(url).netloc
        proxy = qgis_proxy_config()
        proxies = proxy.proxies_for(url) if proxy else None
        verify = qgis_ca_bundle() or True
        ok_statuses = set(ok_statuses)
        tries = settings.max_retries + 1
        started = time.monotonic()
        deadline = started + max(settings.deadline, 0.1)
        attempt = 0  # tries made
        failures: List[_Failure] = []
        while True:
            if cancel is not None and cancel():
                raise Canceled(full_url)
            sleep_cancellable(self.throttle.reserve(host, service.rate), cancel, full_url)
            left = deadline - time.monotonic()
            if left <= 0:
                raise self._gave_up(service, full_url, failures, attempt, time.monotonic() - started, settings)
            attempt += 1
            self.request_count += 1
            failure: Optional[_Failure] = None
            retry_after: Optional[float] = None
            try:
                response = self.session.request(
                    method,
                    url,
                    params=params,
                    data=data,
                    files=files,
                    headers=headers,
                    timeout=(min(settings.connect_timeout, left), min(settings.read_timeout, left)),
                    stream=True,
                    proxies=proxies,
                    verify=verify,
                )
            except requests.exceptions.SSLError as exc:
                raise ServiceError(
                    service,
                    full_url,
                    translate("Http", "its certificate is not trusted ({error})").format(error=_ssl_reason(exc)),
                    translate(
                        "Http",
                        "If your organisation inspects HTTPS traffic, import its root certificate in QGIS "
                        "(Settings > Options > Authentication > Certificate Manager > Authorities) and try again.",
                    ),
                )
            except requests.exceptions.ProxyError as exc:
                raise ServiceError(
                    service,
                    full_url,
                    translate("Http", "the proxy refused or failed the connection ({error})").format(
                        error=type(exc).__name__
                    ),
                    translate("Http", "Check the proxy in QGIS Settings > Options > Network."),
                )
            except requests.exceptions.TooManyRedirects:
                raise ServiceError(
                    service,
                    full_url,
                    translate("Http", "the address redirects in a loop (more than {count} redirections)").format(
                        count=self.session.max_redirects
                    ),
                    translate(
                        "Http", "Check the service address in the plugin options; the service may be misconfigured."
                    ),
                )
            except (
                requests.exceptions.InvalidURL,
                requests.exceptions.MissingSchema,
                requests.exceptions.InvalidSchema,
            ):
                raise ServiceError(
                    service,
                    full_url,
                    translate("Http", "the address is not a valid web address"),
                    translate("Http", "Check the service address in the plugin options (it must start with https://)."),
                )
            except requests.exceptions.ConnectTimeout:
                failure = _Failure(
                    "unreachable",
                    translate("Http", "no connection within {seconds} s").format(
                        seconds=_seconds(min(settings.connect_timeout, left))
                    ),
                )
            except requests.exceptions.ReadTimeout:
                failure = _Failure(
                    "silent",
                    translate("Http", "connected, but no answer within {seconds} s").format(
                        seconds=_seconds(min(settings.read_timeout, left))
                    ),
                )
            except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
                reason = _connection_reason(exc)
                if reason in ("remote end closed connection without response", "connection reset by peer"):
                    failure = _Failure(
                        "dropped",
                        translate("Http", "the connection was closed before any answer ({error})").format(error=reason),
                    )
                else:
                    failure = _Failure(
                        "unreachable", translate("Http", "connection failed ({error})").format(error=reason)
                    )
            except requests.exceptions.RequestException as exc:
                failure = _Failure(
                    "dropped", translate("Http", "the request failed ({error})").format(error=type(exc).__name__)
                )
            else:
                status = response.status_code
                if status < 400 or status in ok_statuses:
                    if stream:
                        return response
                    try:
                        self._read_all(response, deadline, cancel)
                    except _Slow as slow:
                        raise self._slow_error(service, full_url, slow, time.monotonic() - started, settings)
                    except _Cut as cut:
                        failure = _Failure("silent" if cut.stalled else "cut", _cut_text(cut))
                    else:
                        if expect_json and status < 400 and _cut_json(response.content):
                            failure = _Failure(
                                "not_json", translate("Http", "the answer is not valid JSON: cut short or malformed")
                            )
                        else:
                            return response
                elif status in RETRY_STATUSES:
                    retry_after = parse_retry_after(response.headers.get("Retry-After"))
                    failure = _Failure("status", _status_text(status, ""), status)
                    detail = error_detail_safe(response, deadline)
                    response.close()
                    if retry_after is not None and retry_after > settings.max_wait:
                        raise self._wait_error(service, full_url, status, retry_after, detail, settings.max_wait)
                    if attempt >= tries:
                        raise self._status_error(service, full_url, status, detail, attempt, retry_after)
                else:
                    detail = error_detail_safe(response, deadline)
                    response.close()
                    raise self._status_error(service, full_url, status, detail, attempt)
            failures.append(failure)
            if attempt >= tries:
                raise self._gave_up(service, full_url, failures, attempt, time.monotonic() - started, settings)
            wait = retry_after if retry_after is not None else self.backoff * 2 ** (attempt - 1)
            left = deadline - time.monotonic()
            if wait >= left:
                if retry_after is not None:
                    raise self._wait_error(service, full_url, failure.status, retry_after, "", left, deadline=True)
                raise self._gave_up(service, full_url, failures, attempt, time.monotonic() - started, settings)
            if failure.status == 429:
                self.throttle.push_back(host, wait)
            emit(
                translate(
                    "Http", "{service}: try {attempt} of {tries} failed ({problem}); trying again in {wait} s."
                ).format(
                    service=service.name,
                    attempt=attempt,
                    tries=tries,
                    problem=failure.problem,
                    wait=_seconds(wait),
                ),
                log,
            )
            sleep_cancellable(wait, cancel, full_url)

    def _read_all(self, response: requests.Response, deadline: float, cancel: CancelCheck) -> None:
        """Read a whole (non-streamed) body within the deadline; set it as the response's content."""
        parts: List[bytes] = []
        try:
            read_body(response, parts.append, lambda received, seconds: time.monotonic() > deadline, cancel)
        finally:
            response.close()
        response._content = b"".join(parts)
        response._content_consumed = True

    # -- errors --------------------------------------------------------------------------------
    def _gave_up(
        self, service: Service, url: str, failures: List["_Failure"], tries: int, elapsed: float, settings: Settings
    ) -> ServiceError:
        kinds = {f.kind for f in failures}
        last = failures[-1] if failures else None
        if last is not None and last.kind == "status":
            return self._status_error(service, url, last.status or 0, "", tries)
        if kinds == {"unreachable"}:
            problem = translate("Http", "the service could not be reached ({problem}; {tries} tries in {seconds} s)")
            hint = translate(
                "Http",
                "Check the network connection and the service address in the plugin options, "
                "or turn on offline mode to use the cache.",
            )
        elif "silent" in kinds and not kinds & {"cut", "not_json"}:
            problem = translate(
                "Http",
                "no answer within the time limit: the service was reached but did not answer ({problem}; {tries} "
                "tries in {seconds} s)",
            )
            hint = translate(
                "Http",
                "The service is reachable but not answering: try again later. The limits are the settings "
                "TERRITORIAL_DATA_READ_TIMEOUT and TERRITORIAL_DATA_DEADLINE.",
            )
        elif kinds <= {"dropped", "unreachable"}:
            problem = translate(
                "Http", "the service closed the connection without answering ({problem}; {tries} tries in {seconds} s)"
            )
            hint = translate(
                "Http",
                "The service was reached but is failing: try again later, or turn on offline mode to use the cache.",
            )
        elif kinds == {"not_json"}:
            problem = translate(
                "Http",
                "the answer is not valid JSON (cut short or malformed) every time ({tries} tries in {seconds} s)",
            )
            hint = translate(
                "Http",
                "Try again later; if it keeps happening, the service or a proxy on the way cuts its answers.",
            )
        elif kinds & {"cut", "not_json"}:
            problem = translate(
                "Http", "the answer was incomplete every time ({problem}; {tries} tries in {seconds} s)"
            )
            hint = translate(
                "Http",
                "Try again later; if it keeps happening, the service or a proxy on the way cuts its answers.",
            )
        else:
            problem = translate("Http", "no complete answer ({problem}; {tries} tries in {seconds} s)")
            hint = translate("Http", "Try again later, or turn on offline mode to use the cache.")
        text = problem.format(problem=last.problem if last else "?", tries=tries, seconds=_seconds(elapsed))
        if elapsed >= settings.deadline - 0.5:
            text += translate("Http", "; the {deadline} s allowed for one request ran out").format(
                deadline=_seconds(settings.deadline)
            )
        return ServiceError(service, url, text, hint)

    @staticmethod
    def _slow_error(service: Service, url: str, slow: "_Slow", elapsed: float, settings: Settings) -> ServiceError:
        return ServiceError(
            service,
            url,
            translate(
                "Http",
                "the service answered too slowly: {size} received in {seconds} s, and the {deadline} s allowed for "
                "one request ran out",
            ).format(size=_size(slow.received), seconds=_seconds(elapsed), deadline=_seconds(settings.deadline)),
            translate(
                "Http",
                "The service is reachable but slow: try again later, or raise the limit (setting "
                "TERRITORIAL_DATA_DEADLINE, in seconds).",
            ),
        )

    @staticmethod
    def _wait_error(
        service: Service,
        url: str,
        status: Optional[int],
        wait: float,
        detail: str,
        limit: float,
        deadline: bool = False,
    ) -> ServiceError:
        problem = translate("Http", "HTTP {status}: the service asks to wait {seconds} s before asking again").format(
            status=status, seconds=_seconds(wait)
        )
        if detail:
            problem += f" — {detail}"
        if deadline:
            reason = translate("Http", "longer than the time left for this request ({limit} s)")
        else:
            reason = translate("Http", "longer than the plugin waits ({limit} s, setting TERRITORIAL_DATA_MAX_WAIT)")
        problem += " (" + reason.format(limit=_seconds(limit)) + ")"
        hint = translate("Http", "Run again after {time}.").format(time=_clock(wait))
        return ServiceError(service, url, problem, hint, status, retry_after=wait)

    @staticmethod
    def _status_error(
        service: Service, url: str, status: int, detail: str, tries: int = 1, retry_after: Optional[float] = None
    ) -> ServiceError:
        problem = _status_text(status, detail)
        if tries > 1:
            problem += translate("Http", " ({tries} tries)").format(tries=tries)
        if status == 429:
            hint = translate("Http", "The service limits the request rate: wait a minute and run again.")
            if retry_after:
                hint = translate("Http", "The service limits the request rate: run again after {time}.").format(
                    time=_clock(retry_after)
                )
        elif status >= 500:
            hint = translate(
                "Http", "The service is failing or down: try again later, or use offline mode with the cache."
            )
        elif status == 407:
            hint = translate(
                "Http",
                "The proxy asks for credentials: check the proxy user and password in QGIS Settings > Options > "
                "Network.",
            )
        elif status in (401, 403):
            hint = translate(
                "Http", "Access was refused: check the credentials (authentication configuration) for this service."
            )
        elif status == 404:
            hint = translate("Http", "Nothing exists at this address: check the code or identifier you asked for.")
        else:
            hint = translate("Http", "The request was refused: check the parameters you gave.")
        return ServiceError(service, url, problem, hint, status, retry_after=retry_after)

    def get_json(self, service: Service, path: str = "", params=None, cancel: CancelCheck = None, **kwargs):
        response = self.request(service, path, params=params, cancel=cancel, expect_json=True, **kwargs)
        return parse_json(service, response)

    # -- downloads -----------------------------------------------------------------------------
    def download(
        self,
        service: Service,
        path: str,
        dest: str,
        params=None,
        cancel: CancelCheck = None,
        progress: ProgressCallback = None,
        max_bytes: Optional[int] = None,
        chunk_size: int = 1 << 16,
        log: LogCallback = None,
    ) -> Tuple[str, int, str]:
        """Stream a download to ``dest`` atomically; returns (sha256, size, content type).

        The bytes received are compared with ``Content-Length``: a download cut short is tried again
        (from the start, up to the retry setting) and never left at ``dest``. Reaching the answer
        follows the request deadline; the body then must keep an average of at least
        ``TERRITORIAL_DATA_MIN_SPEED`` kB/s once the deadline has passed (a large file on a slow line
        goes on; a trickle stops)."""
        settings = self._settings()
        os.makedirs(os.path.dirname(os.path.abspath(dest)), exist_ok=True)
        tries = settings.max_retries + 1
        attempt = 0
        while True:
            attempt += 1
            response = self.request(service, path, params=params, cancel=cancel, stream=True, log=log)
            try:
                return self._download_once(service, response, dest, settings, cancel, progress, max_bytes, chunk_size)
            except _Slow as slow:
                raise ServiceError(
                    service,
                    response.url,
                    translate(
                        "Http",
                        "the download is too slow: {size} in {seconds} s, under the {speed} kB/s required once "
                        "the {deadline} s of the request deadline have passed",
                    ).format(
                        size=_size(slow.received),
                        seconds=_seconds(slow.seconds),
                        speed=_seconds(settings.min_speed),
                        deadline=_seconds(settings.deadline),
                    ),
                    translate(
                        "Http",
                        "The service is reachable but slow: try again later, or lower TERRITORIAL_DATA_MIN_SPEED "
                        "(kB/s).",
                    ),
                )
            except _Cut as cut:
                problem = _cut_text(cut)
                if attempt >= tries:
                    raise ServiceError(
                        service,
                        response.url,
                        translate("Http", "the download was cut short: {problem} ({tries} tries)").format(
                            problem=problem, tries=attempt
                        ),
                        translate(
                            "Http",
                            "Nothing was kept. Try again later; if it keeps failing, the service or a proxy on the "
                            "way cuts large files.",
                        ),
                    )
                wait = self.backoff * 2 ** (attempt - 1)
                emit(
                    translate(
                        "Http",
                        "{service}: download {attempt} of {tries} cut short ({problem}); trying again in {wait} s.",
                    ).format(service=service.name, attempt=attempt, tries=tries, problem=problem, wait=_seconds(wait)),
                    log,
                )
                sleep_cancellable(wait, cancel, response.url)

    def _download_once(
        self,
        service: Service,
        response: requests.Response,
        dest: str,
        settings: Settings,
        cancel: CancelCheck,
        progress: ProgressCallback,
        max_bytes: Optional[int],
        chunk_size: int,
    ) -> Tuple[str, int, str]:
        total_size = announced_length(response)
        if max_bytes is not None and total_size is not None and total_size > max_bytes:
            response.close()
            raise self._too_large(service, response.url, max_bytes)
        tmp = f"{dest}.part-{os.getpid()}-{threading.get_ident()}"
        digest = hashlib.sha256()
        min_rate = max(settings.min_speed, 0.0) * 1024

        def expired(received: int, seconds: float) -> bool:
            return seconds > settings.deadline and received < min_rate * seconds

        try:
            with open(tmp, "wb") as handle:

                def write(chunk: bytes) -> None:
                    handle.write(chunk)
                    digest.update(chunk)
                    if max_bytes is not None and handle.tell() > max_bytes:
                        raise self._too_large(service, response.url, max_bytes)

                def on_chunk(done: int) -> None:
                    if progress is not None:
                        progress(done, total_size)

                size = read_body(response, write, expired, cancel, chunk_size, on_chunk)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, dest)
            return digest.hexdigest(), size, response.headers.get("Content-Type", "")
        finally:
            response.close()
            if os.path.exists(tmp):
                os.remove(tmp)

    @staticmethod
    def _too_large(service: Service, url: str, max_bytes: int) -> ServiceError:
        return ServiceError(
            service,
            url,
            translate("Http", "the file is larger than the {limit} MB allowed").format(limit=max_bytes // 2**20),
            translate("Http", "Download it yourself and give the local file instead."),
        )


def _status_text(status: int, detail: str) -> str:
    problem = translate("Http", "HTTP {status}").format(status=status)
    if detail:
        problem += f" — {detail}"
    return problem


def _cut_text(cut: "_Cut") -> str:
    if cut.stalled:
        return translate("Http", "the answer stopped coming after {received}").format(received=_size(cut.received))
    if cut.announced is not None:
        return translate("Http", "{received} of the {announced} announced arrived").format(
            received=_size(cut.received), announced=_size(cut.announced)
        )
    return translate("Http", "the connection closed after {received}").format(received=_size(cut.received))


def _connection_reason(exc: Exception) -> str:
    text = str(exc)
    for pattern in (
        r"Connection refused",
        r"Name or service not known",
        r"Temporary failure in name resolution",
        r"No route to host",
        r"Network is unreachable",
        r"Connection reset by peer",
        r"Remote end closed connection without response",
    ):
        if re.search(pattern, text, re.I):
            return pattern.lower()
    return type(exc).__name__


def _cut_json(content: bytes) -> bool:
    """True for a body that starts like JSON but does not parse (cut short): worth asking again."""
    head = content[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    if not head.startswith((b"{", b"[")):
        return False
    try:
        json.loads(content)
    except ValueError:
        return True
    return False


def error_detail_safe(response: requests.Response, deadline: float) -> str:
    """:func:`error_detail` of an error answer, its body read within the deadline (64 kB at most)."""
    parts: List[bytes] = []
    size = {"n": 0}

    def write(chunk: bytes) -> None:
        if size["n"] < 65536:
            parts.append(chunk)
        size["n"] += len(chunk)

    try:
        read_body(response, write, lambda received, seconds: time.monotonic() > deadline or received > 1 << 20)
    except (_Cut, _Slow, Canceled):
        pass
    response._content = b"".join(parts)
    response._content_consumed = True
    return error_detail(response)


def parse_json(service: Service, response: requests.Response):
    try:
        return response.json()
    except ValueError:
        raise ServiceError(
            service,
            response.url,
            translate("Http", "the answer is not valid JSON"),
            translate(
                "Http",
                "The service may be failing or the address may point elsewhere: check the service address in the "
                "plugin options.",
            ),
            response.status_code,
        )


_CLIENT: Optional[HttpClient] = None
_CLIENT_LOCK = threading.Lock()


def client() -> HttpClient:
    """The process-wide client (one session, one throttle for every source)."""
    global _CLIENT
    with _CLIENT_LOCK:
        if _CLIENT is None:
            _CLIENT = HttpClient()
        return _CLIENT
