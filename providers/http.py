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

import email.utils
import hashlib
import os
import re
import tempfile
import threading
import time
from dataclasses import dataclass
from typing import Callable, Dict, Iterable, Optional, Tuple
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

import requests

from .errors import Canceled
from .i18n import translate
from .settings import Settings, get_settings, running_qgis

CancelCheck = Optional[Callable[[], bool]]
ProgressCallback = Optional[Callable[[int, Optional[int]], None]]

RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_RETRY_AFTER = 120.0  # never wait longer than this on one Retry-After
SECRET_PARAMS = re.compile(r"(key|token|secret|password|passwd|apikey|api_key|auth)", re.I)


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

    def __init__(self, service: Service, url: str, problem: str, hint: str, status: Optional[int] = None):
        self.service = service
        self.url = safe_url(url)
        self.status = status
        self.problem = problem
        self.hint = hint
        message = translate("Http", "{service}: {problem} (URL: {url}). {hint}").format(
            service=service.name, problem=problem, url=self.url, hint=hint
        )
        super().__init__(message)


def safe_url(url: str) -> str:
    """The URL with credentials and secret-looking query parameters masked."""
    parts = urlsplit(url)
    netloc = parts.hostname or ""
    if parts.port:
        netloc += f":{parts.port}"
    query = [(k, "***" if SECRET_PARAMS.search(k) else v) for k, v in parse_qsl(parts.query, keep_blank_values=True)]
    return urlunsplit((parts.scheme, netloc, parts.path, urlencode(query, quote_via=quote), ""))


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
    if kind == QNetworkProxy.DefaultProxy or (not proxy.hostName() and kind != QNetworkProxy.NoProxy):
        return ProxyConfig("", excludes)  # the system proxy: requests reads the environment
    if kind == QNetworkProxy.NoProxy:
        return ProxyConfig(None)
    scheme = "socks5h" if kind == QNetworkProxy.Socks5Proxy else "http"
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


# -- the client ----------------------------------------------------------------------------------


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
    ) -> requests.Response:
        """Send one request with throttle, timeouts and retries; raise :class:`ServiceError`.

        ``ok_statuses`` lists non-2xx statuses the caller handles itself (e.g. 404 = not found).
        """
        settings = self._settings()
        url = self.url(service, path)
        full_url = requests.Request(method, url, params=params).prepare().url or url
        host = urlsplit(url).netloc
        proxy = qgis_proxy_config()
        proxies = proxy.proxies_for(url) if proxy else None
        verify = qgis_ca_bundle() or True
        attempt = 0
        while True:
            if cancel is not None and cancel():
                raise Canceled(full_url)
            sleep_cancellable(self.throttle.reserve(host, service.rate), cancel, full_url)
            self.request_count += 1
            try:
                response = self.session.request(
                    method,
                    url,
                    params=params,
                    data=data,
                    files=files,
                    headers=headers,
                    timeout=(settings.connect_timeout, settings.read_timeout),
                    stream=stream,
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
            except (requests.exceptions.ConnectionError, requests.exceptions.Timeout) as exc:
                if attempt < settings.max_retries:
                    attempt += 1
                    sleep_cancellable(self.backoff * 2 ** (attempt - 1), cancel, full_url)
                    continue
                timed_out = isinstance(exc, requests.exceptions.Timeout)
                problem = (
                    translate("Http", "no answer within the time limit")
                    if timed_out
                    else translate("Http", "the service could not be reached")
                )
                raise ServiceError(
                    service,
                    full_url,
                    problem,
                    translate(
                        "Http",
                        "Check the network connection and the service address in the plugin options, "
                        "or turn on offline mode to use the cache.",
                    ),
                )
            status = response.status_code
            if status < 400 or status in ok_statuses:
                return response
            if status in RETRY_STATUSES and attempt < settings.max_retries:
                attempt += 1
                wait = parse_retry_after(response.headers.get("Retry-After"))
                if wait is None:
                    wait = self.backoff * 2 ** (attempt - 1)
                wait = min(wait, MAX_RETRY_AFTER)
                if status == 429:
                    self.throttle.push_back(host, wait)
                response.close()
                sleep_cancellable(wait, cancel, full_url)
                continue
            detail = error_detail(response)
            response.close()
            raise self._status_error(service, full_url, status, detail)

    @staticmethod
    def _status_error(service: Service, url: str, status: int, detail: str) -> ServiceError:
        problem = translate("Http", "HTTP {status}").format(status=status)
        if detail:
            problem += f" — {detail}"
        if status == 429:
            hint = translate("Http", "The service limits the request rate: wait a minute and run again.")
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
        return ServiceError(service, url, problem, hint, status)

    def get_json(self, service: Service, path: str = "", params=None, cancel: CancelCheck = None, **kwargs):
        response = self.request(service, path, params=params, cancel=cancel, **kwargs)
        return parse_json(service, response)

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
    ) -> Tuple[str, int, str]:
        """Stream a download to ``dest`` atomically; returns (sha256, size, content type)."""
        response = self.request(service, path, params=params, cancel=cancel, stream=True)
        total = response.headers.get("Content-Length")
        total_size = int(total) if total and total.isdigit() else None
        folder = os.path.dirname(os.path.abspath(dest))
        os.makedirs(folder, exist_ok=True)
        tmp = f"{dest}.part-{os.getpid()}-{threading.get_ident()}"
        digest = hashlib.sha256()
        size = 0
        try:
            with response, open(tmp, "wb") as handle:
                for chunk in response.iter_content(chunk_size):
                    if cancel is not None and cancel():
                        raise Canceled(response.url)
                    handle.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise ServiceError(
                            service,
                            response.url,
                            translate("Http", "the file is larger than the {limit} MB allowed").format(
                                limit=max_bytes // 2**20
                            ),
                            translate("Http", "Download it yourself and give the local file instead."),
                        )
                    if progress is not None:
                        progress(size, total_size)
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, dest)
        except requests.exceptions.RequestException:
            raise ServiceError(
                service,
                response.url,
                translate("Http", "the download was interrupted"),
                translate("Http", "Try again; if it keeps failing, the service may be overloaded."),
            )
        finally:
            if os.path.exists(tmp):
                os.remove(tmp)
        return digest.hexdigest(), size, response.headers.get("Content-Type", "")


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
