"""territorial:fetch_gtfs and territorial:import_gtfs through the Processing registry (loopback server,
real Montpellier feed)."""

import copy
import csv
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from support.feedback import RecordingFeedback
from support.replay import fixture_bytes, point_service
from territorial_data.providers import gtfs

MONTPELLIER = Path(__file__).resolve().parent.parent / "data" / "gtfs" / "gtfs_tam_montpellier_2025.zip"


def layer(path, name):
    result = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    assert result.isValid(), path
    return result


def stops_txt():
    with zipfile.ZipFile(MONTPELLIER) as archive:
        return {
            r["stop_id"]: r for r in csv.DictReader(io.TextIOWrapper(archive.open("stops.txt"), encoding="utf-8-sig"))
        }


@pytest.fixture(scope="module")
def reference():
    """What the provider computes for 2025-10-14 07:00-09:00 (the algorithm must write exactly this)."""
    feed = gtfs.load_feed(str(MONTPELLIER))
    return gtfs.service_tables(feed, gtfs.parse_day("2025-10-14"), 7 * 3600, 9 * 3600)


def run_import(run_alg, tmp_path, **extra):
    params = {
        "INPUT": str(MONTPELLIER),
        "DATE": "2025-10-14",
        "START_TIME": "07:00",
        "END_TIME": "09:00",
        "STOPS": str(tmp_path / "stops.gpkg"),
        "ROUTES": str(tmp_path / "routes.gpkg"),
    }
    params.update(extra)
    return run_alg("territorial:import_gtfs", params)


def test_import_montpellier(run_alg, tmp_path, reference):
    results, feedback, _ = run_import(run_alg, tmp_path)
    stops = QgsVectorLayer(results["STOPS"], "stops")
    routes = QgsVectorLayer(results["ROUTES"], "routes")
    assert stops.isValid() and routes.isValid()
    assert stops.featureCount() == 2083 and routes.featureCount() == 45
    by_route = {f["route_id"]: f for f in routes.getFeatures()}
    expected = reference.routes.set_index("route_id")
    for route_id in ("1", "2", "15", "A"):
        assert by_route[route_id]["departures"] == expected.loc[route_id, "departures"]
    tram = by_route["1"]
    assert tram["mode"] == "tram" and tram["color"] == "#005CA9" and tram["geometry_source"] == "stop sequence"
    assert tram["date"] == "2025-10-14" and tram["time_window"] == "07:00-09:00"
    assert tram.geometry().constGet().numGeometries() == 2  # one line per direction
    assert tram["departures_per_hour"] == pytest.approx(tram["departures"] / 2)
    raw = stops_txt()
    by_stop = {f["stop_id"]: f for f in stops.getFeatures()}
    busiest = reference.departures.stop_id.value_counts().index[0]
    point = by_stop[busiest].geometry().asPoint()
    assert (point.x(), point.y()) == pytest.approx((float(raw[busiest]["stop_lon"]), float(raw[busiest]["stop_lat"])))
    assert by_stop[busiest]["departures"] == reference.departures.stop_id.value_counts().iloc[0]
    assert sum(f["departures"] for f in stops.getFeatures() if f["location_type"] == 0) == len(reference.departures)
    assert tram["source"] == "TAM (GTFS)" and tram["licence"].startswith("not stated")
    with sqlite3.connect(tmp_path / "routes.gpkg") as db:
        assert db.execute("select count(*) from layer_styles where useAsDefault").fetchone()[0] == 1
        metadata = " ".join(m[0] for m in db.execute("select metadata from gpkg_metadata"))
    assert "TAM" in metadata and "2025-10-13" in metadata
    assert any("busiest stop" in info for info in feedback.infos)


def test_import_default_date_is_the_busiest_weekday(run_alg, tmp_path):
    results, feedback, context = run_alg(
        "territorial:import_gtfs",
        {
            "INPUT": str(MONTPELLIER),
            "START_TIME": "17:00",
            "END_TIME": "18:30",
            "STOPS": "TEMPORARY_OUTPUT",
            "ROUTES": "TEMPORARY_OUTPUT",
        },
    )
    chosen = [i for i in feedback.infos if "No date given" in i]
    assert chosen and "2025-10-17" in chosen[0]
    routes = context.getMapLayer(results["ROUTES"])
    assert {f["date"] for f in routes.getFeatures()} == {"2025-10-17"}
    assert {f["time_window"] for f in routes.getFeatures()} == {"17:00-18:30"}


def test_import_broken_feed_reports_every_problem(run_alg, tmp_path):
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(MONTPELLIER) as source, zipfile.ZipFile(broken, "w") as out:
        for name in ("agency.txt", "stops.txt", "routes.txt", "trips.txt"):
            out.writestr(name, source.read(name))
        out.writestr("../x", b"evil")
    with pytest.raises(QgsProcessingException) as error:
        run_import(run_alg, tmp_path, INPUT=str(broken))
    message = str(error.value)
    assert "broken.zip' cannot be used" in message and "stop_times.txt is missing" in message
    assert "calendar.txt and calendar_dates.txt are both missing" in message and "entry '../x' ignored" in message
    assert not (tmp_path / "stops.gpkg").exists()


def test_import_bad_window(run_alg, tmp_path):
    with pytest.raises(QgsProcessingException, match="'7h75' is not a time \\(start\\)"):
        run_import(run_alg, tmp_path, START_TIME="7h75")
    with pytest.raises(QgsProcessingException, match="must be after its start"):
        run_import(run_alg, tmp_path, START_TIME="09:00", END_TIME="08:00")


def test_import_cancel_writes_nothing(run_alg, tmp_path):
    feedback = RecordingFeedback(cancel_after_progress=20)  # while stop_times.txt is read
    with pytest.raises(QgsProcessingException, match="Cancelled: nothing was written"):
        run_alg(
            "territorial:import_gtfs",
            {
                "INPUT": str(MONTPELLIER),
                "DATE": "2025-10-14",
                "STOPS": str(tmp_path / "stops.gpkg"),
                "ROUTES": str(tmp_path / "routes.gpkg"),
            },
            feedback=feedback,
        )
    assert not (tmp_path / "stops.gpkg").exists() and not (tmp_path / "routes.gpkg").exists()
    assert max(feedback.progress_values) < 60


# -- fetch_gtfs against a loopback transport.data.gouv.fr ------------------------------------------------


def catalogue(httpserver):
    """The fixture's datasets plus a TaM dataset composed from the STAR one; downloads on loopback."""
    datasets = json.loads(fixture_bytes("transport_datasets.json"))
    tam = copy.deepcopy(datasets[0])
    tam.update(
        id="5f0f11c0a9a4f8a6d2a1c0aa",
        datagouv_id="5f0f11c0a9a4f8a6d2a1c0aa",
        title="Réseau urbain TaM",
        slug="reseau-tam",
        covered_area=[{"type": "epci", "insee": "243400017", "nom": "Montpellier Méditerranée Métropole"}],
        legal_owners=[{"name": "Montpellier Méditerranée Métropole", "siren": "243400017", "type": "aom"}],
        publisher={"name": "Montpellier Méditerranée Métropole", "id": "x", "type": "organization"},
        offers=[
            {
                "nom_commercial": "TaM",
                "identifiant_offre": 7,
                "type_transport": "Transport urbain",
                "nom_aom": "Montpellier Méditerranée Métropole",
            }
        ],
    )
    resource = tam["resources"][0]
    resource.update(
        id=81999,
        title="GTFS TaM",
        url=httpserver.url_for("/resources/81999/download"),
        start_calendar_validity="2025-10-13",
        end_calendar_validity="2025-12-19",
        filesize=MONTPELLIER.stat().st_size,
    )
    resource["metadata"].update(networks=["TaM"], start_date="2025-10-13", end_date="2025-12-19")
    datasets[0]["resources"][0]["url"] = httpserver.url_for("/resources/81234/download")
    return datasets + [tam]


@pytest.fixture
def transport_api(httpserver, monkeypatch):
    return point_service(monkeypatch, "transport", httpserver)


def serve_zip(httpserver):
    httpserver.expect_request("/resources/81999/download").respond_with_data(
        MONTPELLIER.read_bytes(), content_type="application/zip"
    )


def test_fetch_then_import_keeps_the_publisher_licence(run_alg, httpserver, transport_api, tmp_path):
    httpserver.expect_ordered_request(f"{transport_api}/datasets").respond_with_data(
        "", status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_ordered_request(f"{transport_api}/datasets").respond_with_json(catalogue(httpserver))
    serve_zip(httpserver)
    copy_path = tmp_path / "tam.zip"
    results, feedback, context = run_alg(
        "territorial:fetch_gtfs", {"QUERY": "TaM", "OUTPUT": str(copy_path), "CANDIDATES": "TEMPORARY_OUTPUT"}
    )
    assert results["GTFS"] == str(copy_path) and copy_path.read_bytes() == MONTPELLIER.read_bytes()
    sidecar = json.loads((tmp_path / "tam.zip.provenance.json").read_text(encoding="utf-8"))
    assert sidecar["producer"] == "Montpellier Méditerranée Métropole" and sidecar["licence"].endswith("(ODbL)")
    candidates = context.getMapLayer(results["CANDIDATES"])
    assert [f["resource_id"] for f in candidates.getFeatures()] == ["81999"]
    assert any("chosen: « Réseau urbain TaM » (TaM), resource 81999" in i for i in feedback.infos)
    imported, _, context = run_alg(
        "territorial:import_gtfs",
        {"INPUT": results["GTFS"], "DATE": "2025-10-14", "STOPS": "TEMPORARY_OUTPUT", "ROUTES": "TEMPORARY_OUTPUT"},
    )
    route = next(context.getMapLayer(imported["ROUTES"]).getFeatures())
    assert route["source"] == "Montpellier Méditerranée Métropole — transport.data.gouv.fr"
    assert route["licence"] == "Open Data Commons Open Database License (ODbL)"


def test_fetch_into_the_cache_by_territory_after_a_500(run_alg, httpserver, transport_api, isolated_cache):
    httpserver.expect_ordered_request(f"{transport_api}/datasets").respond_with_data("oops", status=500)
    httpserver.expect_ordered_request(f"{transport_api}/datasets").respond_with_json(catalogue(httpserver))
    serve_zip(httpserver)
    results, _, _ = run_alg("territorial:fetch_gtfs", {"TERRITORY": "243400017"})
    path = results["GTFS"]
    assert path.endswith(".zip") and Path(path).read_bytes() == MONTPELLIER.read_bytes()
    record = gtfs.read_sidecar(path)
    assert record["dataset"] == "gtfs" and record["vintage"] == "2025-10-13 → 2025-12-19"
    cached = [p for p in isolated_cache.rglob("*.data") if p.read_bytes()[:2] == b"PK"]
    assert len(cached) == 1 and gtfs.read_sidecar(str(cached[0]))["producer"] == "Montpellier Méditerranée Métropole"
    imported, _, context = run_alg(
        "territorial:import_gtfs",
        {  # the cache entry itself is accepted too
            "INPUT": str(cached[0]),
            "DATE": "2025-10-14",
            "STOPS": "TEMPORARY_OUTPUT",
            "ROUTES": "TEMPORARY_OUTPUT",
        },
    )
    assert next(context.getMapLayer(imported["STOPS"]).getFeatures())["licence"].endswith("(ODbL)")


def test_fetch_unknown_network_and_malformed_catalogue(run_alg, httpserver, transport_api):
    httpserver.expect_ordered_request(f"{transport_api}/datasets").respond_with_json(catalogue(httpserver))
    httpserver.expect_ordered_request(f"{transport_api}/datasets").respond_with_data(
        "<html>busy</html>", content_type="text/html"
    )
    with pytest.raises(QgsProcessingException, match="No GTFS feed on transport.data.gouv.fr matches 'Tisséo'"):
        run_alg("territorial:fetch_gtfs", {"QUERY": "Tisséo"})
    httpserver.clear_log()
    from territorial_data.providers.cache import get_cache

    get_cache().clear()
    with pytest.raises(QgsProcessingException, match="malformed answer"):
        run_alg("territorial:fetch_gtfs", {"QUERY": "TaM"})
    with pytest.raises(QgsProcessingException, match="No matching GTFS resource has the id 1"):
        httpserver.expect_request(f"{transport_api}/datasets").respond_with_json(catalogue(httpserver))
        run_alg("territorial:fetch_gtfs", {"QUERY": "TaM", "RESOURCE_ID": "1"})


def test_fetch_offline(run_alg, httpserver, transport_api, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    with pytest.raises(QgsProcessingException, match="Offline mode is on"):
        run_alg("territorial:fetch_gtfs", {"QUERY": "TaM"})
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "0")
    httpserver.expect_request(f"{transport_api}/datasets").respond_with_json(catalogue(httpserver))
    serve_zip(httpserver)
    first, _, _ = run_alg("territorial:fetch_gtfs", {"QUERY": "TaM"})
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    httpserver.clear()
    again, _, _ = run_alg("territorial:fetch_gtfs", {"QUERY": "TaM"})
    assert Path(again["GTFS"]).read_bytes() == Path(first["GTFS"]).read_bytes() == MONTPELLIER.read_bytes()
    assert len(httpserver.log) == 0
