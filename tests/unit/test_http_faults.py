"""The HTTP layer and the cache against a fault-injecting loopback server (tests/support/faults.py).

Each test names the fault, checks that the message says what is wrong (slow, silent, unreachable,
cut short...) and what to do, that retries and waits are logged, and that nothing short or broken is
ever cached. Timings are bounds with generous margins (the settings are small), never exact."""

import io
import os
import time
import zipfile
from pathlib import Path

import pytest

from support import badfiles
from support.faults import FaultServer, body, close, json_body, redirect, silent, status, trickle
from territorial_data.providers import http
from territorial_data.providers.cache import Cache
from territorial_data.providers.http import HttpClient, ServiceError, get_service

GEO = get_service("geo_api")


@pytest.fixture
def server(monkeypatch):
    with FaultServer(max_seconds=10) as fault_server:
        monkeypatch.setenv("TERRITORIAL_DATA_GEO_API_URL", fault_server.url("/geo"))
        monkeypatch.setenv("TERRITORIAL_DATA_CONNECT_TIMEOUT", "1")
        monkeypatch.setenv("TERRITORIAL_DATA_READ_TIMEOUT", "1")
        monkeypatch.setenv("TERRITORIAL_DATA_DEADLINE", "3")
        yield fault_server


def client():
    return HttpClient(backoff=0.05)


def cache_files(folder):
    return sorted(p.name for p in folder.rglob("*") if p.is_file())


# -- a service that does not answer, or answers too slowly --------------------------------------------


def test_silent_server_stops_at_the_deadline_and_says_it_was_reached(server):
    server.route("/geo/regions", silent())
    logged = []
    started = time.monotonic()
    with http.log_to(logged.append), pytest.raises(ServiceError) as error:
        client().get_json(GEO, "regions")
    elapsed = time.monotonic() - started
    assert elapsed < 3 + 1.5  # the 3 s deadline, not 5 tries x 1 s + backoff
    message = str(error.value)
    assert "no answer within the time limit" in message and "reached but did not answer" in message
    assert "could not be reached" not in message
    assert "TERRITORIAL_DATA_DEADLINE" in message  # what to change
    assert logged and "try 1 of 5 failed" in logged[0] and "trying again in" in logged[0]


def test_trickling_server_is_cut_at_the_deadline_and_called_slow(server, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_READ_TIMEOUT", "3")  # each byte comes well within the read timeout
    server.route("/geo/regions", trickle(interval=0.2))
    started = time.monotonic()
    with pytest.raises(ServiceError) as error:
        client().get_json(GEO, "regions")
    assert time.monotonic() - started < 3 + 1.5
    message = str(error.value)
    assert "answered too slowly" in message and "reachable but slow" in message
    assert "could not be reached" not in message


def test_refused_connection_is_unreachable(monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_GEO_API_URL", "http://127.0.0.1:9/geo")  # discard port: refused
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "1")
    with pytest.raises(ServiceError, match="could not be reached.*connection refused.*offline mode"):
        client().get_json(GEO, "regions")


def test_connection_closed_without_answer_is_not_called_unreachable(server, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "1")
    server.route("/geo/regions", close())
    with pytest.raises(ServiceError) as error:
        client().get_json(GEO, "regions")
    assert "closed the connection without answering" in str(error.value)
    assert server.hits("/geo/regions") == 2


# -- answers cut short ------------------------------------------------------------------------------------


def test_body_shorter_than_its_content_length_is_asked_again(server):
    data = b'{"regions": [' + b'"x", ' * 2000 + b'"y"]}'
    server.route(
        "/geo/regions",
        body(data, content_type="application/json", content_length=len(data) * 2, cut_at=len(data)),
        body(data, content_type="application/json"),
    )
    logged = []
    with http.log_to(logged.append):
        answer = client().get_json(GEO, "regions")
    assert answer["regions"][-1] == "y" and server.hits("/geo/regions") == 2
    assert "announced arrived" in logged[0]


def test_body_always_cut_short_fails_saying_so(server, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "2")
    data = b"[" + b"1," * 5000 + b"1]"
    server.route("/geo/regions", body(data, content_type="application/json", content_length=len(data) * 2))
    with pytest.raises(ServiceError) as error:
        client().get_json(GEO, "regions")
    message = str(error.value)
    assert "incomplete every time" in message and "of the 19.5 kB announced arrived" in message
    assert "3 tries" in message and server.hits("/geo/regions") == 3


def test_truncated_json_with_a_matching_length_is_asked_again(server):
    server.route("/geo/regions", json_body({"a": list(range(100))}, cut_at=50), json_body({"a": [1]}))
    assert client().get_json(GEO, "regions") == {"a": [1]}
    assert server.hits("/geo/regions") == 2


def test_chunked_answer_cut_before_its_end_is_asked_again(server):
    data = b"[" + b"2," * 20000 + b"2]"
    server.route(
        "/geo/regions",
        body(data, content_type="application/json", chunked=True, cut_at=len(data) // 2),
        body(data, content_type="application/json", chunked=True),
    )
    assert len(client().get_json(GEO, "regions")) == 20001
    assert server.hits("/geo/regions") == 2


# -- statuses and waits -----------------------------------------------------------------------------------


def test_5xx_then_ok_is_retried_and_logged(server):
    server.route("/geo/regions", status(502), status(503), json_body([{"code": "11"}]))
    logged = []
    with http.log_to(logged.append):
        assert client().get_json(GEO, "regions") == [{"code": "11"}]
    assert len(logged) == 2 and "HTTP 502" in logged[0] and "HTTP 503" in logged[1]


def test_short_retry_after_is_honoured_and_logged(server):
    server.route("/geo/regions", status(429, retry_after="1"), json_body([]))
    logged = []
    started = time.monotonic()
    with http.log_to(logged.append):
        assert client().get_json(GEO, "regions") == []
    assert time.monotonic() - started >= 0.95
    assert "HTTP 429" in logged[0] and "trying again in 1 s" in logged[0]


def test_long_retry_after_fails_at_once_saying_when_to_run_again(server):
    server.route("/geo/regions", status(503, retry_after="3600"))
    started = time.monotonic()
    with pytest.raises(ServiceError) as error:
        client().get_json(GEO, "regions")
    assert time.monotonic() - started < 1.5
    message = str(error.value)
    assert "asks to wait 3600 s" in message and "Run again after" in message and "UTC" in message
    assert error.value.retry_after == 3600 and error.value.status == 503
    assert server.hits("/geo/regions") == 1


def test_retry_after_longer_than_the_deadline_fails_at_once(server):
    server.route("/geo/regions", status(429, retry_after="60"))  # under MAX_WAIT (120) but over the 3 s deadline
    started = time.monotonic()
    with pytest.raises(ServiceError, match="longer than the time left.*Run again after"):
        client().get_json(GEO, "regions")
    assert time.monotonic() - started < 1.5


def test_redirect_loop_is_a_clear_error(server):
    server.route("/geo/regions", redirect("/geo/regions"))
    with pytest.raises(ServiceError, match="redirects in a loop.*Check the service address"):
        client().get_json(GEO, "regions")


def test_key_in_the_base_url_path_is_masked(monkeypatch, server):
    key = "an7nvfzojv5wa96dsga5nk8w"
    monkeypatch.setenv("TERRITORIAL_DATA_GEO_API_URL", server.url(f"/{key}/geo"))
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "0")
    server.route(f"/{key}/geo/regions", status(500, text=b"boom"))
    with pytest.raises(ServiceError) as error:
        client().get_json(GEO, "regions", params={"apikey": "s3cret"})
    assert key not in str(error.value) and "s3cret" not in str(error.value)
    assert "/***/geo/regions" in str(error.value)
    assert http.safe_url("https://h/apikey/XYZ123/wfs?x=1") == "https://h/apikey/***/wfs?x=1"
    assert http.safe_url("https://h/api;key=abc/wfs") == "https://h/api;key=***/wfs"
    ids = "https://www.data.gouv.fr/api/1/datasets/5d5b1b6b8b4c410cc1b7cfd1/r/142fecf6-4873-4dac-9876-2019d925eaf8"
    assert http.safe_url(ids) == ids  # identifiers (hex, UUID) stay readable


# -- downloads and the cache ------------------------------------------------------------------------------


def gtfs_bytes():
    return badfiles.gtfs_zip(extra_trips=3000)


def test_download_announcing_more_than_it_sends_fails_and_caches_nothing(server, isolated_cache, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "1")
    data = gtfs_bytes()
    server.route("/geo/feed.zip", body(data, "application/zip", content_length=len(data) * 2, cut_at=len(data)))
    cache = Cache(http=client())
    logged = []
    with http.log_to(logged.append), pytest.raises(ServiceError) as error:
        cache.fetch_file(GEO, "feed.zip", dataset="gtfs")
    message = str(error.value)
    assert "download was cut short" in message and "announced arrived" in message and "Nothing was kept" in message
    assert cache_files(isolated_cache) == []
    assert "cut short" in logged[0]
    server.route("/geo/feed.zip", body(data, "application/zip"))
    entry = cache.fetch_file(GEO, "feed.zip", dataset="gtfs")  # asked again: nothing stale to serve
    assert not entry.from_cache and os.path.getsize(entry.path) == len(data)


def test_download_cut_with_a_matching_length_is_caught_by_the_archive_check(server, isolated_cache):
    data = badfiles.cut(gtfs_bytes(), 0.5)  # the server itself serves half a zip, Content-Length true
    server.route("/geo/feed.zip", body(data, "application/zip"))
    with pytest.raises(ServiceError, match="unusable.*not a readable zip archive.*Nothing was kept"):
        Cache(http=client()).fetch_file(GEO, "feed.zip", dataset="gtfs")
    assert cache_files(isolated_cache) == []


def test_zip_with_a_bad_crc_member_is_never_cached(server, isolated_cache):
    data = badfiles.flip_member_byte(badfiles.gtfs_zip(extra_trips=3000, stored=True), "stop_times.txt", 0.9)
    server.route("/geo/feed.zip", body(data, "application/zip"))
    with pytest.raises(ServiceError) as error:
        Cache(http=client()).fetch_file(GEO, "feed.zip", dataset="gtfs")
    assert "stop_times.txt" in str(error.value) and "CRC-32" in str(error.value)
    assert cache_files(isolated_cache) == []


def test_zip_bomb_download_is_refused_before_reading_and_not_cached(server, isolated_cache):
    server.route("/geo/bomb.zip", body(badfiles.zip_bomb(40), "application/zip"))
    with pytest.raises(ServiceError, match="zip bomb"):
        Cache(http=client()).fetch_file(GEO, "bomb.zip", dataset="gtfs")
    assert cache_files(isolated_cache) == []


def test_a_broken_cached_zip_is_dropped_and_fetched_again(server, isolated_cache):
    data = gtfs_bytes()
    server.route("/geo/feed.zip", body(data, "application/zip"))
    cache = Cache(http=client())
    entry = cache.fetch_file(GEO, "feed.zip", dataset="gtfs")
    with open(entry.path, "r+b") as handle:  # a copy cached before archives were checked, cut on disk
        handle.truncate(len(data) // 2)
    record = entry.path[: -len(".data")] + ".json"
    path = Path(record)
    path.write_text(
        path.read_text(encoding="utf-8").replace(f'"size": {len(data)}', f'"size": {len(data) // 2}'), encoding="utf-8"
    )
    again = cache.fetch_file(GEO, "feed.zip", dataset="gtfs")
    assert not again.from_cache and zipfile.ZipFile(again.path).testzip() is None
    assert server.hits("/geo/feed.zip") == 2


def test_slow_download_is_stopped_by_the_minimum_speed(server, monkeypatch, isolated_cache, tmp_path):
    monkeypatch.setenv("TERRITORIAL_DATA_DEADLINE", "1")
    monkeypatch.setenv("TERRITORIAL_DATA_READ_TIMEOUT", "3")
    server.route("/geo/slow.zip", trickle(b"x" * 400, interval=0.1, content_type="application/zip"))
    started = time.monotonic()
    with pytest.raises(ServiceError, match="download is too slow.*TERRITORIAL_DATA_MIN_SPEED"):
        client().download(GEO, "slow.zip", str(tmp_path / "slow.zip"))
    assert time.monotonic() - started < 3
    assert not list(tmp_path.iterdir())


def test_cut_json_answer_is_not_cached(server, isolated_cache, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "0")
    server.route("/geo/regions", json_body({"a": list(range(100))}, cut_at=40))
    cache = Cache(http=client())
    with pytest.raises(ServiceError, match="not valid JSON"):
        cache.fetch_json(GEO, "regions")
    assert cache_files(isolated_cache) == []


def test_paged_fetch_stores_nothing_until_committed(server, isolated_cache):
    server.route("/geo/page", json_body({"n": 1}))
    cache = Cache(http=client())
    pending = []
    entry = cache.fetch(GEO, "page", params={"p": 1}, defer=pending)
    assert entry.json() == {"n": 1} and cache_files(isolated_cache) == [] and len(pending) == 1
    cache.commit(pending)
    assert len(cache_files(isolated_cache)) == 2  # data and provenance record
    assert cache.fetch(GEO, "page", params={"p": 1}).from_cache


def test_fault_server_is_loopback_only_and_bounded():
    with FaultServer(max_seconds=0.5) as fault_server:
        assert fault_server.url().startswith("http://127.0.0.1:")
        fault_server.route("/x", silent())
        started = time.monotonic()
        import socket

        sock = socket.create_connection(("127.0.0.1", fault_server.port))
        sock.sendall(b"GET /x HTTP/1.1\r\nHost: x\r\n\r\n")
        sock.settimeout(5)
        assert sock.recv(10) == b""  # the silent fault ends by itself
        assert time.monotonic() - started < 3
        sock.close()


def test_gtfs_zip_helper_makes_a_valid_feed():
    archive = zipfile.ZipFile(io.BytesIO(gtfs_bytes()))
    assert archive.testzip() is None and "stop_times.txt" in archive.namelist()
