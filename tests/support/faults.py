"""A fault-injecting HTTP server on loopback, for the HTTP layer, the cache and every downloader.

It listens on 127.0.0.1 only (port chosen by the system), answers with raw bytes written on the
socket (so that it can lie about ``Content-Length``, stop half-way, trickle or stay silent), and is
bounded: every fault ends by itself after ``max_seconds`` (default 30 s) and ``max_bytes`` (default
64 MB), and :meth:`FaultServer.stop` closes every connection at once. Use it as a context manager::

    with FaultServer() as server:
        server.route("/geo/regions", silent())                   # connected, never answers
        server.route("/f.zip", body(data, content_length=2 * len(data)))  # announces more than it sends
        url = server.url("/geo")

A route holds a list of faults served in turn; the last one repeats. ``server.hits(path)`` counts
the requests that reached a path.

Faults: :func:`silent`, :func:`trickle`, :func:`body` (true or false ``Content-Length``, cut after
``cut_at`` bytes, chunked), :func:`json_body`, :func:`status` (with ``Retry-After``),
:func:`redirect` (to itself: a loop), :func:`close` (closes at once, no answer).
"""

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Tuple

MAX_SECONDS = 30.0
MAX_BYTES = 64 * 2**20


@dataclass
class Request:
    method: str
    path: str
    query: str
    headers: Dict[str, str]


Fault = Callable[["_Connection", Request], None]


class _Connection:
    """One accepted connection: send helpers that stop when the server stops or the budget is spent."""

    def __init__(self, server: "FaultServer", sock: socket.socket):
        self.server = server
        self.sock = sock
        self.sent = 0

    def alive(self) -> bool:
        return not self.server.stopping.is_set()

    def send(self, data: bytes) -> bool:
        if not self.alive() or self.sent + len(data) > self.server.max_bytes:
            return False
        try:
            self.sock.sendall(data)
        except OSError:
            return False
        self.sent += len(data)
        return True

    def head(self, status: int, headers: List[Tuple[str, str]], reason: str = "") -> bool:
        lines = [f"HTTP/1.1 {status} {reason or REASONS.get(status, 'Status')}"]
        lines += [f"{k}: {v}" for k, v in headers]
        lines.append("Connection: close")
        return self.send(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1"))

    def wait(self, seconds: float) -> bool:
        """Sleep ``seconds`` unless the server stops; False when it stopped."""
        return not self.server.stopping.wait(max(0.0, seconds))


REASONS = {200: "OK", 301: "Moved Permanently", 302: "Found", 404: "Not Found", 429: "Too Many Requests"}
REASONS.update({500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable"})


def silent(seconds: Optional[float] = None) -> Fault:
    """Accept the connection, read the request, never answer (until ``seconds`` or the server stops)."""

    def fault(conn: _Connection, request: Request) -> None:
        conn.wait(min(seconds if seconds is not None else MAX_SECONDS, conn.server.max_seconds))

    return fault


def close() -> Fault:
    """Close the connection without a byte of answer."""

    def fault(conn: _Connection, request: Request) -> None:
        return None

    return fault


def trickle(
    data: bytes = b'{"ok": true, "padding": "' + b"x" * 200 + b'"}',
    interval: float = 2.0,
    content_type: str = "application/json",
    step: int = 1,
) -> Fault:
    """Headers at once (with a true Content-Length), then ``step`` byte(s) every ``interval`` seconds."""

    def fault(conn: _Connection, request: Request) -> None:
        if not conn.head(200, [("Content-Type", content_type), ("Content-Length", str(len(data)))]):
            return
        started = time.monotonic()
        for start in range(0, len(data), step):
            if time.monotonic() - started > conn.server.max_seconds or not conn.send(data[start : start + step]):
                return
            if not conn.wait(interval):
                return

    return fault


def body(
    data: bytes,
    content_type: str = "application/octet-stream",
    status: int = 200,
    content_length: Optional[int] = -1,
    cut_at: Optional[int] = None,
    headers: Optional[List[Tuple[str, str]]] = None,
    chunked: bool = False,
) -> Fault:
    """An answer; ``content_length``: -1 the true length, None no header (end = close), or a lie;
    ``cut_at``: close after that many body bytes; ``chunked``: transfer-encoding chunked (cut_at then
    stops without the final empty chunk)."""

    def fault(conn: _Connection, request: Request) -> None:
        head = [("Content-Type", content_type)] + list(headers or [])
        if chunked:
            head.append(("Transfer-Encoding", "chunked"))
        elif content_length is not None:
            head.append(("Content-Length", str(len(data) if content_length == -1 else content_length)))
        if not conn.head(status, head):
            return
        payload = data if cut_at is None else data[:cut_at]
        if chunked:
            for start in range(0, len(payload), 8192):
                part = payload[start : start + 8192]
                if not conn.send(f"{len(part):x}\r\n".encode() + part + b"\r\n"):
                    return
            if cut_at is None:
                conn.send(b"0\r\n\r\n")
            return
        conn.send(payload)

    return fault


def json_body(value, status: int = 200, cut_at: Optional[int] = None, true_length: bool = False) -> Fault:
    """A JSON answer; ``cut_at``: the body stops there (with a Content-Length that matches what is sent,
    unless ``true_length``: then the header announces the whole body)."""
    data = json.dumps(value).encode("utf-8")
    length = -1 if cut_at is None or true_length else cut_at
    return body(data, "application/json", status, content_length=length, cut_at=cut_at)


def status(code: int, retry_after: Optional[str] = None, text: bytes = b"", content_type: str = "text/plain") -> Fault:
    """An error status, optionally with ``Retry-After`` (seconds or an HTTP date)."""
    headers = [("Retry-After", retry_after)] if retry_after is not None else []
    return body(text, content_type, code, headers=headers)


def redirect(location: str, code: int = 302) -> Fault:
    """A redirection to ``location`` (a path of this server: to itself, a loop)."""

    def fault(conn: _Connection, request: Request) -> None:
        target = location if location.startswith("http") else conn.server.url(location)
        conn.head(code, [("Location", target), ("Content-Length", "0")])

    return fault


@dataclass
class _Route:
    faults: List[Fault]
    hits: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def next(self) -> Fault:
        with self.lock:
            self.hits += 1
            return self.faults.pop(0) if len(self.faults) > 1 else self.faults[0]


class FaultServer:
    """See the module doc. ``max_seconds`` / ``max_bytes`` bound every fault."""

    def __init__(self, max_seconds: float = MAX_SECONDS, max_bytes: int = MAX_BYTES):
        self.max_seconds = max_seconds
        self.max_bytes = max_bytes
        self.routes: Dict[str, _Route] = {}
        self.log: List[Request] = []
        self.stopping = threading.Event()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))  # loopback only
        self._sock.listen(32)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._threads: List[threading.Thread] = []
        self._connections: List[socket.socket] = []
        self._accept = threading.Thread(target=self._serve, name="fault-server", daemon=True)

    # -- set-up --------------------------------------------------------------------------------------
    def route(self, path: str, *faults: Fault) -> "FaultServer":
        self.routes[path] = _Route(list(faults))
        return self

    def url(self, path: str = "") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def hits(self, path: str) -> int:
        route = self.routes.get(path)
        return route.hits if route else 0

    def start(self) -> "FaultServer":
        self._accept.start()
        return self

    def stop(self) -> None:
        self.stopping.set()
        for conn in list(self._connections):
            try:
                conn.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            conn.close()
        self._accept.join(2.0)
        for thread in self._threads:
            thread.join(2.0)
        self._sock.close()

    def __enter__(self) -> "FaultServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- serving -------------------------------------------------------------------------------------
    def _serve(self) -> None:
        while not self.stopping.is_set():
            try:
                sock, _ = self._sock.accept()
            except (socket.timeout, OSError):
                continue
            self._connections.append(sock)
            thread = threading.Thread(target=self._handle, args=(sock,), daemon=True)
            self._threads.append(thread)
            thread.start()

    def _handle(self, sock: socket.socket) -> None:
        sock.settimeout(5.0)
        try:
            request = self._read_request(sock)
            if request is None:
                return
            self.log.append(request)
            route = self.routes.get(request.path)
            fault = route.next() if route else body(b"no route", "text/plain", 404)
            fault(_Connection(self, sock), request)
        except OSError:
            pass
        finally:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    @staticmethod
    def _read_request(sock: socket.socket) -> Optional[Request]:
        data = b""
        while b"\r\n\r\n" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                return None
            data += chunk
            if len(data) > 1 << 20:
                return None
        head, rest = data.split(b"\r\n\r\n", 1)
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = (lines[0].split(" ") + ["", ""])[:3]
        headers = {}
        for line in lines[1:]:
            if ":" in line:
                key, value = line.split(":", 1)
                headers[key.strip().lower()] = value.strip()
        length = int(headers.get("content-length", "0") or 0)
        while len(rest) < length:  # the body of a POST: read and dropped
            chunk = sock.recv(65536)
            if not chunk:
                break
            rest += chunk
        path, _, query = target.partition("?")
        return Request(method, path, query, headers)
