"""The cache: provenance records, atomic writes, max age, offline mode, seeds."""

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from werkzeug.wrappers import Response

from territorial_data.providers.cache import Cache, OfflineError, cache_key
from territorial_data.providers.http import HttpClient, ServiceError, get_service

GEO = get_service("geo_api")
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def geo(httpserver, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_GEO_API_URL", httpserver.url_for("/geo"))
    return httpserver


def new_cache(tmp_path, **kwargs):
    return Cache(root=str(tmp_path / "c"), http=HttpClient(backoff=0.01), **kwargs)


def test_entry_with_provenance_and_second_hit(geo, tmp_path):
    geo.expect_request("/geo/communes").respond_with_json([{"code": "35238"}])
    cache = new_cache(tmp_path)
    data, entry = cache.fetch_json(GEO, "communes", params={"codeDepartement": "35"})
    assert data == [{"code": "35238"}] and not entry.from_cache
    record = entry.provenance
    assert record["url"].endswith("/geo/communes?codeDepartement=35")
    assert record["params"] == [["codeDepartement", "35"]]
    assert record["producer"].startswith("INSEE") and record["licence"].startswith("Licence Ouverte")
    assert record["retrieved_at"].endswith("Z") and len(record["sha256"]) == 64 and record["size"] > 0
    assert "vintage" in record
    data2, entry2 = cache.fetch_json(GEO, "communes", params={"codeDepartement": "35"})
    assert data2 == data and entry2.from_cache
    assert len(geo.log) == 1
    # the record sits beside the data as JSON
    assert json.loads(Path(entry2.path).with_suffix(".json").read_text())["sha256"] == record["sha256"]


def test_key_depends_on_params_and_body():
    assert cache_key("GET", "u", {"a": "1"}) != cache_key("GET", "u", {"a": "2"})
    assert cache_key("GET", "u", {"a": "1", "b": "2"}) == cache_key("GET", "u", [("b", "2"), ("a", "1")])
    assert cache_key("POST", "u", None, b"x") != cache_key("POST", "u", None, b"y")


def test_failed_write_leaves_no_entry(geo, tmp_path, monkeypatch):
    geo.expect_request("/geo/regions").respond_with_json([1, 2, 3])
    cache = new_cache(tmp_path)
    real_replace = os.replace

    def crash(src, dst):
        if dst.endswith(".json"):
            raise OSError("disk full")
        return real_replace(src, dst)

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        cache.fetch_json(GEO, "regions")
    monkeypatch.setattr(os, "replace", real_replace)
    assert cache.entries() == []  # data without its record is not an entry
    assert not list(Path(cache.root).rglob("*.part-*"))


def test_corrupted_data_is_not_served(geo, tmp_path):
    geo.expect_request("/geo/regions").respond_with_json([1, 2, 3])
    cache = new_cache(tmp_path)
    _, entry = cache.fetch_json(GEO, "regions")
    Path(entry.path).write_bytes(b"[9, 9, 9]")  # same size, other bytes
    data, again = cache.fetch_json(GEO, "regions")
    assert data == [1, 2, 3] and not again.from_cache
    assert len(geo.log) == 2


def test_killed_download_leaves_nothing_half_written(geo, tmp_path):
    """A real process killed in the middle of a download: no entry, only a .part file to clean."""

    def slow(request):
        def body():
            for _ in range(200):
                yield b"z" * 4096
                time.sleep(0.05)

        return Response(body(), content_type="application/zip")

    geo.expect_request("/geo/big.zip").respond_with_handler(slow)
    root = tmp_path / "c"
    script = textwrap.dedent(
        f"""
        import sys
        sys.path.insert(0, {str(ROOT / "scripts")!r})
        import plugin_loader; plugin_loader.load_plugin()
        from territorial_data.providers.cache import Cache
        from territorial_data.providers.http import get_service
        print("start", flush=True)
        Cache(root={str(root)!r}).fetch_file(get_service("geo_api"), "big.zip", dataset="gtfs")
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, env=dict(os.environ))
    assert proc.stdout.readline().strip() == b"start"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and not list(root.rglob("*.part*")):
        time.sleep(0.05)
    time.sleep(0.3)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    cache = Cache(root=str(root))
    assert cache.entries() == []
    assert list(root.rglob("*.part*")), "the interrupted download should have left only a .part file"
    assert cache.clean() >= 1
    assert not list(root.rglob("*.part*"))


def test_fetch_file_records_checksum(geo, tmp_path):
    geo.expect_request("/geo/feed.zip").respond_with_data(b"PK" + b"0" * 1000, content_type="application/zip")
    cache = new_cache(tmp_path)
    entry = cache.fetch_file(GEO, "feed.zip", dataset="gtfs", vintage="2025-10")
    assert entry.provenance["size"] == 1002 and entry.provenance["vintage"] == "2025-10"
    assert entry.provenance["licence"].startswith("ODbL")
    assert cache.fetch_file(GEO, "feed.zip", dataset="gtfs").from_cache
    assert len(geo.log) == 1


def test_max_age_refetches(geo, tmp_path):
    geo.expect_request("/geo/regions").respond_with_json([1])
    cache = new_cache(tmp_path)
    cache.fetch_json(GEO, "regions", max_age=0.2)
    time.sleep(0.3)
    _, entry = cache.fetch_json(GEO, "regions", max_age=0.2)
    assert not entry.from_cache and len(geo.log) == 2


def test_stale_entry_served_when_the_service_fails(geo, tmp_path, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "0")
    geo.expect_ordered_request("/geo/regions").respond_with_json([1])
    geo.expect_ordered_request("/geo/regions").respond_with_data("", status=503)
    cache = new_cache(tmp_path)
    cache.fetch_json(GEO, "regions", max_age=0.1)
    time.sleep(0.2)
    warnings = []
    data, entry = cache.fetch_json(GEO, "regions", max_age=0.1, warn=warnings.append)
    assert data == [1] and entry.stale
    assert "HTTP 503" in warnings[0] and "cached copy" in warnings[0]


def test_service_error_without_stale_copy_raises(geo, tmp_path, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "0")
    geo.expect_request("/geo/regions").respond_with_data("", status=503)
    with pytest.raises(ServiceError):
        new_cache(tmp_path).fetch_json(GEO, "regions")


def test_offline_serves_old_entries_without_network(geo, tmp_path, monkeypatch):
    geo.expect_request("/geo/regions").respond_with_json([1])
    new_cache(tmp_path).fetch_json(GEO, "regions", max_age=0.01)
    time.sleep(0.05)
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    warnings = []
    data, entry = new_cache(tmp_path).fetch_json(GEO, "regions", max_age=0.01, warn=warnings.append)
    assert data == [1] and entry.from_cache and warnings
    assert len(geo.log) == 1


def test_offline_missing_entry_says_what_to_do(geo, tmp_path, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    with pytest.raises(OfflineError) as error:
        new_cache(tmp_path).fetch_json(GEO, "regions")
    assert "Offline mode is on" in str(error.value) and "TERRITORIAL_DATA_OFFLINE=0" in str(error.value)
    assert len(geo.log) == 0


def test_seed_folder_is_read_only_and_served(geo, tmp_path, monkeypatch):
    geo.expect_request("/geo/regions").respond_with_json([7])
    seed = Cache(root=str(tmp_path / "seed"), http=HttpClient(backoff=0.01))
    seed.fetch_json(GEO, "regions")
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    monkeypatch.setenv("TERRITORIAL_DATA_SEED_DIRS", str(tmp_path / "seed"))
    cache = Cache(root=str(tmp_path / "user"))
    data, _ = cache.fetch_json(GEO, "regions")
    assert data == [7]
    assert not (tmp_path / "user").exists()


def test_size_entries_clear(geo, tmp_path):
    geo.expect_request("/geo/regions").respond_with_json([1, 2])
    cache = new_cache(tmp_path)
    cache.fetch_json(GEO, "regions")
    assert cache.size() > 0 and len(cache.entries()) == 1
    cache.clear()
    assert cache.size() == 0 and cache.entries() == []


def test_discard_forgets_an_unusable_entry(geo, tmp_path):
    geo.expect_request("/geo/regions").respond_with_json({"broken": True})
    cache = new_cache(tmp_path)
    _, entry = cache.fetch_json(GEO, "regions")
    cache.discard(entry)
    assert cache.entries() == []
    _, again = cache.fetch_json(GEO, "regions")
    assert not again.from_cache and len(geo.log) == 2


def test_plain_python_never_loads_qgis():
    import subprocess
    import sys

    code = (
        f"import sys; sys.path.insert(0, {str(ROOT / 'scripts')!r}); "
        "import plugin_loader; plugin_loader.load_plugin(); "
        "from territorial_data.providers import http, settings, cache; settings.get_settings(); "
        "http.qgis_proxy_config(); "
        "cache.Cache(root='/tmp/x-unused'); print('qgis' in ' '.join(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.stdout.strip() == "False", done.stderr


def test_fetch_file_overrides_the_provenance_with_the_dataset_licence(geo, tmp_path):
    geo.expect_request("/geo/res.geojson").respond_with_data(b'{"type":"FeatureCollection","features":[]}')
    cache = new_cache(tmp_path)
    overrides = {"licence": "ODbL 1.0", "producer": "Geovelo", "title": None}
    entry = cache.fetch_file(GEO, "res.geojson", dataset="datagouv", overrides=overrides)
    assert entry.provenance["licence"] == "ODbL 1.0" and entry.provenance["producer"] == "Geovelo"
    assert entry.provenance["title"] == "Catalogue data.gouv.fr"  # None leaves the field alone
    again = cache.fetch_file(GEO, "res.geojson", dataset="datagouv")
    assert again.from_cache and again.provenance["licence"] == "ODbL 1.0"
