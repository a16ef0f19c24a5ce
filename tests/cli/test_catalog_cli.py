"""qgis_process.bin runs of the catalogue and GTFS algorithms, against a loopback server."""

import copy
import json
import sqlite3
import zipfile
from pathlib import Path

from support.replay import fixture_bytes

MONTPELLIER = Path(__file__).resolve().parent.parent / "data" / "gtfs" / "gtfs_tam_montpellier_2025.zip"
FIXTURE = json.loads(fixture_bytes("datagouv_datasets_search.json"))


def env_for(httpserver, tmp_path, **services):
    env = {"TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "cache"), "TERRITORIAL_DATA_OFFLINE": "0"}
    for variable, prefix in services.items():
        env[f"TERRITORIAL_DATA_{variable.upper()}_URL"] = httpserver.url_for(prefix)
    return env


def test_search_datagouv_over_two_pages(qgis_process, httpserver, tmp_path):
    first = copy.deepcopy(FIXTURE)
    first["next_page"] = "https://www.data.gouv.fr/api/1/datasets/?q=velo&page=2&page_size=1"
    first["total"] = 2
    second = copy.deepcopy(FIXTURE)
    second.update(page=2, next_page=None, total=2)
    second["data"][0].update(id="5f0f11c0a9a4f8a6d2a1b099", title="Stationnements vélos")
    httpserver.expect_request(
        "/dg/api/1/datasets/", query_string={"q": "velo", "page_size": "20", "page": "1"}
    ).respond_with_json(first)
    httpserver.expect_request(
        "/dg/api/1/datasets/", query_string={"q": "velo", "page_size": "20", "page": "2"}
    ).respond_with_json(second)
    out = tmp_path / "search.gpkg"
    done, result = qgis_process.run(
        "territorial:search_datagouv",
        {"QUERY": "velo", "OUTPUT": out},
        env=env_for(httpserver, tmp_path, datagouv="/dg/api/1"),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    with sqlite3.connect(out) as db:
        rows = db.execute("select dataset_title, resource_id, dataset_licence from search order by fid").fetchall()
    assert [r[0] for r in rows] == ["Aménagements cyclables France Métropolitaine"] * 2 + ["Stationnements vélos"] * 2
    assert rows[0][2] == "Open Data Commons Open Database License (ODbL)"


def test_load_datagouv_resource(qgis_process, httpserver, tmp_path):
    dataset = copy.deepcopy(FIXTURE["data"][0])
    resource = dataset["resources"][1]
    resource["url"] = httpserver.url_for("/static/bnac.geojson")
    httpserver.expect_request(f"/dg/api/2/datasets/resources/{resource['id']}/").respond_with_json(
        {"resource": resource, "dataset_id": dataset["id"]}
    )
    httpserver.expect_request(f"/dg/api/1/datasets/{dataset['id']}/").respond_with_json(dataset)
    httpserver.expect_request("/static/bnac.geojson").respond_with_data(
        fixture_bytes("bnac_sample.geojson"), content_type="application/geo+json"
    )
    out = tmp_path / "bnac.gpkg"
    done, _ = qgis_process.run(
        "territorial:load_datagouv_resource",
        {"RESOURCE": resource["id"], "OUTPUT": out},
        env=env_for(httpserver, tmp_path, datagouv="/dg/api/1"),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    with sqlite3.connect(out) as db:
        rows = db.execute("select source, licence from bnac").fetchall()
        metadata = " ".join(m[0] for m in db.execute("select metadata from gpkg_metadata"))
    assert rows == [("Geovelo — data.gouv.fr", "Open Data Commons Open Database License (ODbL)")] * 3
    assert "Geovelo" in metadata


def test_fetch_gtfs_copy(qgis_process, httpserver, tmp_path):
    datasets = json.loads(fixture_bytes("transport_datasets.json"))
    datasets[0]["resources"][0]["url"] = httpserver.url_for("/resources/81234/download")
    httpserver.expect_request("/tr/api/datasets").respond_with_json(datasets)
    httpserver.expect_request("/resources/81234/download").respond_with_data(
        MONTPELLIER.read_bytes(), content_type="application/zip"
    )
    out = tmp_path / "star.zip"
    done, result = qgis_process.run(
        "territorial:fetch_gtfs",
        {"QUERY": "STAR", "OUTPUT": out},
        env=env_for(httpserver, tmp_path, transport="/tr/api"),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert result["results"]["GTFS"] == str(out) and out.read_bytes() == MONTPELLIER.read_bytes()
    record = json.loads((tmp_path / "star.zip.provenance.json").read_text(encoding="utf-8"))
    assert record["producer"] == "Rennes Métropole" and record["vintage"] == "2026-08-18 → 2026-12-19"


def test_import_gtfs_and_a_broken_feed(qgis_process, tmp_path):
    stops, routes = tmp_path / "stops.gpkg", tmp_path / "routes.gpkg"
    done, _ = qgis_process.run(
        "territorial:import_gtfs",
        {
            "INPUT": MONTPELLIER,
            "DATE": "2025-10-14",
            "START_TIME": "07:00",
            "END_TIME": "09:00",
            "STOPS": stops,
            "ROUTES": routes,
        },
        env={"TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    with sqlite3.connect(stops) as db:
        assert db.execute("select count(*) from stops").fetchone()[0] == 2083
        busiest = db.execute(
            "select stop_name, departures from stops where location_type = 1 order by departures desc limit 1"
        ).fetchone()
    with sqlite3.connect(routes) as db:
        tram = db.execute("select mode, departures, geometry_source from routes where route_id = '1'").fetchone()
    assert busiest[1] > 100 and tram[0] == "tram" and tram[1] > 40 and tram[2] == "stop sequence"

    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(broken, "w") as out:
        out.writestr("stops.txt", "stop_id,stop_name\nA,Nowhere\n")
    done, _ = qgis_process.run(
        "territorial:import_gtfs",
        {"INPUT": broken, "STOPS": tmp_path / "s.gpkg", "ROUTES": tmp_path / "r.gpkg"},
        env={"TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "cache")},
    )
    text = done.stdout + done.stderr
    assert done.returncode != 0 and "Traceback" not in text
    assert (
        "broken.zip' cannot be used" in text and "routes.txt is missing" in text and "stop_times.txt is missing" in text
    )
    assert not (tmp_path / "s.gpkg").exists()
