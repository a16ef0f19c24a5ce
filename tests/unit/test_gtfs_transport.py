"""providers.transport against a loopback server answering like transport.data.gouv.fr /api/datasets."""

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from support.replay import fixture_bytes, point_service
from territorial_data.providers import transport
from territorial_data.providers.errors import DataError
from territorial_data.providers.http import ServiceError

MONTPELLIER = Path(__file__).resolve().parent.parent / "data" / "gtfs" / "gtfs_tam_montpellier_2025.zip"
TODAY = dt.date(2025, 10, 20)


def catalogue(httpserver):
    """The fixture's two datasets plus a TaM dataset (composed from the STAR one), download URLs on loopback."""
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
    resource["metadata"].update(networks=["TaM"], start_date="2025-10-13", end_date="2025-12-19", has_shapes=False)
    datasets[0]["resources"][0]["url"] = httpserver.url_for("/resources/81234/download")
    return datasets + [tam]


@pytest.fixture
def api(httpserver, monkeypatch):
    prefix = point_service(monkeypatch, "transport", httpserver)
    httpserver.expect_request(f"{prefix}/datasets").respond_with_json(catalogue(httpserver))
    return prefix


def test_find_by_network_name_and_territory(api):
    client = transport.TransportClient()
    found = client.search("tam", today=TODAY)
    assert [c.resource_id for c in found.candidates] == ["81999"]
    tam = found.candidates[0]
    assert tam.networks == "TaM" and tam.licence == "Open Data Commons Open Database License (ODbL)"
    assert (tam.start, tam.end, tam.expired) == ("2025-10-13", "2025-12-19", False)
    by_code = client.search(territory="243500139", today=TODAY).candidates
    assert [c.dataset_title for c in by_code] == ["Réseau urbain STAR"]
    by_name = client.search("", territory="montpellier", today=TODAY).candidates
    assert [c.resource_id for c in by_name] == ["81999"]
    assert client.search("reseau urbain", today=TODAY).candidates[0].resource_id in ("81234", "81999")
    assert found.records[0]["dataset"] == "transport"


def test_bike_data_is_not_a_gtfs(api):
    with pytest.raises(DataError, match="No GTFS feed on transport.data.gouv.fr matches 'amenagements cyclables'"):
        transport.TransportClient().search("amenagements cyclables", today=TODAY)


def test_download_with_publisher_and_licence(httpserver, api):
    httpserver.expect_request("/resources/81999/download").respond_with_data(
        MONTPELLIER.read_bytes(), content_type="application/zip"
    )
    client = transport.TransportClient()
    candidate = client.search("TaM", today=TODAY).candidates[0]
    entry, record = client.download(candidate)
    assert Path(entry.path).read_bytes() == MONTPELLIER.read_bytes()
    assert record["dataset"] == "gtfs" and record["producer"] == "Montpellier Méditerranée Métropole"
    assert record["licence"].endswith("(ODbL)") and record["vintage"] == "2025-10-13 → 2025-12-19"
    on_disk = json.loads(Path(entry.path[:-5] + ".json").read_text(encoding="utf-8"))
    assert on_disk["producer"] == record["producer"]


def test_service_error_and_malformed_catalogue(httpserver, monkeypatch):
    prefix = point_service(monkeypatch, "transport", httpserver)
    httpserver.expect_ordered_request(f"{prefix}/datasets").respond_with_data("boom", status=500)
    httpserver.expect_ordered_request(f"{prefix}/datasets").respond_with_json({"error": "not a list"})
    for _ in range(5):
        httpserver.expect_ordered_request(f"{prefix}/datasets").respond_with_data("down", status=503)
    client = transport.TransportClient()
    with pytest.raises(
        DataError, match="transport.data.gouv.fr sent a malformed answer \\(a list of datasets expected\\)"
    ):
        client.search("tam")  # the 500 was retried, then the body was not a list
    with pytest.raises(ServiceError, match="HTTP 503"):
        client.search("tam")


def test_needs_a_query_or_a_territory(api):
    with pytest.raises(DataError, match="Give a network name"):
        transport.TransportClient().search("", "")
