"""The HTTP layer against a real loopback server: retries, Retry-After, throttle, timeouts, cancel."""

import threading
import time

import pytest
from werkzeug.wrappers import Response

from territorial_data.providers import http
from territorial_data.providers.errors import Canceled
from territorial_data.providers.http import HttpClient, ServiceError, get_service

GEO = get_service("geo_api")


@pytest.fixture
def geo_url(httpserver, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_GEO_API_URL", httpserver.url_for("/geo"))
    return "/geo"


def fast_client(**kwargs):
    return HttpClient(backoff=0.01, **kwargs)


def test_user_agent_names_plugin_and_version(httpserver, geo_url):
    httpserver.expect_request("/geo/regions").respond_with_json([])
    fast_client().get_json(GEO, "regions")
    agent = httpserver.log[0][0].headers["User-Agent"]
    assert agent.startswith("TerritorialData/") and "territorial_data" in agent
    assert http.plugin_version() in agent


def test_retries_a_503_then_succeeds(httpserver, geo_url):
    httpserver.expect_ordered_request("/geo/regions").respond_with_data("down", status=503)
    httpserver.expect_ordered_request("/geo/regions").respond_with_json([{"code": "11"}])
    client = fast_client()
    assert client.get_json(GEO, "regions") == [{"code": "11"}]
    assert len(httpserver.log) == 2


def test_429_honours_retry_after_seconds(httpserver, geo_url):
    httpserver.expect_ordered_request("/geo/regions").respond_with_data("", status=429, headers={"Retry-After": "1"})
    httpserver.expect_ordered_request("/geo/regions").respond_with_json([])
    start = time.monotonic()
    fast_client().get_json(GEO, "regions")
    assert time.monotonic() - start >= 0.95  # waited what the server asked, not the 0.01 s backoff


def test_backoff_doubles_without_retry_after(httpserver, geo_url, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "3")
    for _ in range(3):
        httpserver.expect_ordered_request("/geo/regions").respond_with_data("", status=502)
    httpserver.expect_ordered_request("/geo/regions").respond_with_json([])
    client = HttpClient(backoff=0.1)
    start = time.monotonic()
    client.get_json(GEO, "regions")
    assert time.monotonic() - start >= 0.1 + 0.2 + 0.4 - 0.05


def test_retry_after_http_date():
    future = time.time() + 30
    from email.utils import formatdate

    assert 28 <= http.parse_retry_after(formatdate(future, usegmt=True)) <= 31
    assert http.parse_retry_after("7") == 7
    assert http.parse_retry_after("soon") is None
    assert http.parse_retry_after(None) is None


def test_gives_up_with_a_clear_message_without_secrets(httpserver, geo_url, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "1")
    httpserver.expect_request("/geo/regions").respond_with_json(
        {"code": 500, "message": "An unexpected error has occurred"}, status=500
    )
    with pytest.raises(ServiceError) as error:
        fast_client().get_json(GEO, "regions", params={"apikey": "s3cret", "q": "x"})
    message = str(error.value)
    assert "geo.api.gouv.fr" in message
    assert "HTTP 500" in message and "An unexpected error has occurred" in message
    assert "s3cret" not in message and "apikey=%2A%2A%2A" in message
    assert "try again later" in message
    assert error.value.status == 500
    assert len(httpserver.log) == 2


def test_400_is_not_retried_and_shows_the_service_detail(httpserver, geo_url):
    httpserver.expect_request("/geo/communes").respond_with_data(
        '{"code":400,"message":"Failed parsing query","detail":["q: must contain between 3 and 200 chars"]}',
        status=400,
        content_type="application/json",
    )
    with pytest.raises(ServiceError, match="Failed parsing query.*q: must contain") as error:
        fast_client().get_json(GEO, "communes")
    assert "check the parameters" in str(error.value)
    assert len(httpserver.log) == 1


def test_plain_text_error_body(httpserver, geo_url):
    text = "This endpoint does not support an unfiltered API call with a geojson format output or a field with contour"
    httpserver.expect_request("/geo/communes").respond_with_data(
        text, status=400, content_type="text/html; charset=utf-8"
    )
    with pytest.raises(ServiceError, match="unfiltered API call"):
        fast_client().get_json(GEO, "communes")


def test_malformed_json_body(httpserver, geo_url):
    httpserver.expect_request("/geo/regions").respond_with_data("<html>proxy page</html>", content_type="text/html")
    with pytest.raises(ServiceError, match="not valid JSON"):
        fast_client().get_json(GEO, "regions")


def test_throttle_spaces_requests_per_host(httpserver, geo_url):
    httpserver.expect_request("/geo/regions").respond_with_json([])
    slow = http.Service("slow", "slow service", "geo_api_url", 10.0, "geo_api")
    client = fast_client()
    start = time.monotonic()
    for _ in range(6):
        client.get_json(slow, "regions")
    assert time.monotonic() - start >= 0.5 - 0.02  # 6 requests at 10/s: 5 intervals


def test_throttle_is_shared_between_threads(httpserver, geo_url):
    httpserver.expect_request("/geo/regions").respond_with_json([])
    slow = http.Service("slow", "slow service", "geo_api_url", 20.0, "geo_api")
    client = fast_client()
    start = time.monotonic()
    threads = [threading.Thread(target=client.get_json, args=(slow, "regions")) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert time.monotonic() - start >= 7 / 20 - 0.02


def test_read_timeout(httpserver, geo_url, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_READ_TIMEOUT", "0.3")
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "0")

    def slow(request):
        time.sleep(1.0)
        return Response("[]", content_type="application/json")

    httpserver.expect_request("/geo/regions").respond_with_handler(slow)
    start = time.monotonic()
    with pytest.raises(ServiceError, match="no answer within the time limit"):
        fast_client().get_json(GEO, "regions")
    assert time.monotonic() - start < 0.9


def test_unreachable_service(monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_GEO_API_URL", "http://127.0.0.1:9")  # discard port: refused
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "1")
    with pytest.raises(ServiceError, match="could not be reached.*offline mode"):
        fast_client().get_json(GEO, "regions")


def test_cancel_interrupts_a_retry_wait(httpserver, geo_url):
    httpserver.expect_request("/geo/regions").respond_with_data("", status=429, headers={"Retry-After": "30"})
    started = time.monotonic()
    with pytest.raises(Canceled):
        fast_client().get_json(GEO, "regions", cancel=lambda: time.monotonic() - started > 0.3)
    assert time.monotonic() - started < 2


def test_cancel_before_sending(httpserver, geo_url):
    with pytest.raises(Canceled):
        fast_client().get_json(GEO, "regions", cancel=lambda: True)
    assert len(httpserver.log) == 0


def test_download_streams_atomically_and_cancels(httpserver, geo_url, tmp_path):
    def stream(request):
        def body():
            for _ in range(50):
                yield b"x" * 1024
                time.sleep(0.02)

        return Response(body(), content_type="application/zip")

    httpserver.expect_request("/geo/file.zip").respond_with_handler(stream)
    dest = tmp_path / "file.zip"
    sha, size, _ = fast_client().download(GEO, "file.zip", str(dest), chunk_size=1024)
    assert size == 50 * 1024 and dest.stat().st_size == size and len(sha) == 64

    dest2 = tmp_path / "cancelled.zip"
    seen = []
    with pytest.raises(Canceled):
        fast_client().download(
            GEO,
            "file.zip",
            str(dest2),
            chunk_size=1024,
            progress=lambda done, total: seen.append(done),
            cancel=lambda: len(seen) >= 5,
        )
    assert not dest2.exists()
    assert not list(tmp_path.glob("*.part*"))


def test_download_size_limit(httpserver, geo_url, tmp_path):
    httpserver.expect_request("/geo/big.zip").respond_with_data(b"y" * 5000)
    with pytest.raises(ServiceError, match="larger than"):
        fast_client().download(GEO, "big.zip", str(tmp_path / "big.zip"), max_bytes=1000, chunk_size=512)
    assert not list(tmp_path.iterdir())


def test_safe_url_masks_credentials_and_secrets():
    url = http.safe_url("https://user:pw@example.org:8443/x?token=abc&q=rue&api_key=zz")
    assert "pw" not in url and "abc" not in url and "zz" not in url
    assert url.startswith("https://example.org:8443/x?") and "q=rue" in url


def test_proxy_config_routing():
    config = http.ProxyConfig("http://u:p@127.0.0.1:3128", ("http://127.0.0.1:5000",))
    assert config.proxies_for("https://geo.api.gouv.fr/x") == {
        "http": "http://u:p@127.0.0.1:3128",
        "https": "http://u:p@127.0.0.1:3128",
    }
    assert config.proxies_for("http://127.0.0.1:5000/geo")["http"] is None
    assert http.ProxyConfig("").proxies_for("https://x") is None
    assert http.qgis_proxy_config() is None  # no QGIS application in unit tests
