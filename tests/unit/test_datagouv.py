"""providers.datagouv against a loopback server answering like the udata API v1/v2, and its readers."""

import copy
import json
import time
import zipfile
from pathlib import Path

import pytest
from werkzeug.wrappers import Response

from support.datagouv_data import many_datasets
from support.replay import JSON, fixture_bytes, point_service
from territorial_data.providers import datagouv
from territorial_data.providers.cache import OfflineError, get_cache
from territorial_data.providers.errors import DataError

PUBLIC = "https://www.data.gouv.fr/api/1"
FIXTURE = json.loads(fixture_bytes("datagouv_datasets_search.json"))
DATASET = FIXTURE["data"][0]


def udata_pages(datasets, calls=None):
    """A handler that pages like udata: page/page_size arguments, next_page on the public host."""

    def handler(request):
        if calls is not None:
            calls.append(dict(request.args))
        page = int(request.args.get("page", 1))
        size = int(request.args.get("page_size", 20))
        chunk = datasets[(page - 1) * size : page * size]
        more = page * size < len(datasets)
        body = {
            "data": chunk,
            "page": page,
            "page_size": size,
            "total": len(datasets),
            "next_page": f"{PUBLIC}/datasets/?q={request.args.get('q', '')}&page={page + 1}&page_size={size}"
            if more
            else None,
            "previous_page": None,
        }
        return Response(json.dumps(body), content_type="application/json")

    return handler


@pytest.fixture
def api(httpserver, monkeypatch):
    return point_service(monkeypatch, "datagouv", httpserver)


def test_territory_codes():
    assert datagouv.territory_zone("34172") == "fr:commune:34172"
    assert datagouv.territory_zone("2a004") == "fr:commune:2A004"
    assert datagouv.territory_zone("243400017") == "fr:epci:243400017"
    assert datagouv.territory_zone("34") == "fr:departement:34"
    assert datagouv.territory_zone("974") == "fr:departement:974"
    assert datagouv.territory_zone("region:76") == "fr:region:76"
    assert datagouv.territory_zone("fr:iris:341720101") == "fr:iris:341720101"
    with pytest.raises(DataError, match="'Hérault' is not a territory code"):
        datagouv.territory_zone("Hérault")


def test_search_pages_through_next_page(httpserver, api):
    calls = []
    httpserver.expect_request(f"{api}/datasets/").respond_with_handler(udata_pages(many_datasets(45), calls))
    progress = []
    result = datagouv.DatagouvClient(progress=progress.append).search("amenagements cyclables", territory="34")
    assert [c["page"] for c in calls] == ["1", "2", "3"]
    assert all(c["geozone"] == "fr:departement:34" and c["q"] == "amenagements cyclables" for c in calls)
    assert len(result.datasets) == 45 and result.total == 45
    assert len(result.frame) == 90  # two resources per dataset
    first = result.frame.iloc[0]
    assert first.dataset_title == "Aménagements cyclables 1"
    assert first.organization == "Geovelo"
    assert first.licence == "Open Data Commons Open Database License (ODbL)" and first.licence_id == "odc-odbl"
    assert first.format == "geojson" and first.filesize == 182000000
    assert first.last_update == "2026-08-07"
    assert first.url.endswith("france-20260807.geojson")
    assert progress[-1] == 100.0
    assert len(result.records) == 3 and result.records[0]["dataset"] == "datagouv"


def test_search_stops_at_the_maximum(httpserver, api):
    calls = []
    httpserver.expect_request(f"{api}/datasets/").respond_with_handler(udata_pages(many_datasets(45), calls))
    result = datagouv.DatagouvClient().search("velo", max_results=25)
    assert len(calls) == 2 and len(result.datasets) == 25
    assert any("25 of the 45 matching datasets" in w for w in result.warnings)


def test_search_rate_limited_then_served(httpserver, api):
    httpserver.expect_ordered_request(f"{api}/datasets/").respond_with_data(
        "", status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_ordered_request(f"{api}/datasets/").respond_with_data(
        fixture_bytes("datagouv_datasets_search.json"), content_type=JSON
    )
    start = time.monotonic()
    result = datagouv.DatagouvClient().search("amenagements cyclables", max_results=1)
    assert time.monotonic() - start >= 0.9
    assert result.frame.resource_id.tolist() == [
        "6a0c3f4e-1b2d-4c5e-8f90-a1b2c3d4e5f6",
        "142fecf6-4873-4dac-9876-2019d925eaf8",
    ]


def test_search_malformed_answer_is_reported_and_not_cached(httpserver, api):
    httpserver.expect_ordered_request(f"{api}/datasets/").respond_with_data(
        "<html>maintenance</html>", content_type="text/html"
    )
    httpserver.expect_ordered_request(f"{api}/datasets/").respond_with_json({"message": "no data key"})
    httpserver.expect_ordered_request(f"{api}/datasets/").respond_with_data(
        fixture_bytes("datagouv_datasets_search.json"), content_type=JSON
    )
    client = datagouv.DatagouvClient()
    with pytest.raises(DataError, match="data.gouv.fr sent a malformed answer \\(a page of datasets expected\\)"):
        client.search("velo", max_results=1)
    with pytest.raises(DataError, match="malformed answer"):
        client.search("velo", max_results=1)
    assert len(client.search("velo", max_results=1).datasets) == 1  # the bad answers were not kept


def test_search_empty_result(httpserver, api):
    httpserver.expect_request(f"{api}/datasets/").respond_with_json(
        {"data": [], "page": 1, "page_size": 20, "total": 0, "next_page": None, "previous_page": None}
    )
    with pytest.raises(DataError, match="No dataset on data.gouv.fr matches 'zzzz' \\(territory 34\\)"):
        datagouv.DatagouvClient().search("zzzz", territory="34")


def test_organisation_by_slug_and_unknown(httpserver, api):
    httpserver.expect_request(f"{api}/organizations/geovelo/").respond_with_json(
        {"id": "5f0f11c0a9a4f8a6d2a1b001", "name": "Geovelo"}
    )
    httpserver.expect_request(f"{api}/organizations/nobody/").respond_with_json({"message": "Not found"}, status=404)
    httpserver.expect_request(
        f"{api}/datasets/",
        query_string={"q": "velo", "page_size": "20", "page": "1", "organization": "5f0f11c0a9a4f8a6d2a1b001"},
    ).respond_with_json(dict(FIXTURE, next_page=None, total=1))
    client = datagouv.DatagouvClient()
    assert len(client.search("velo", organization="Geovelo", max_results=20).datasets) == 1
    with pytest.raises(DataError, match="No organisation 'Nobody' on data.gouv.fr"):
        client.search("velo", organization="Nobody")


def serve_resource(httpserver, api, body=b'{"type":"FeatureCollection","features":[]}'):
    dataset = copy.deepcopy(DATASET)
    dataset["resources"][1]["url"] = httpserver.url_for("/static/france-20260302.geojson")
    rid = dataset["resources"][1]["id"]
    v2 = api.replace("/api/1", "/api/2")
    httpserver.expect_request(f"{v2}/datasets/resources/{rid}/").respond_with_json(
        {"resource": dataset["resources"][1], "dataset_id": dataset["id"]}
    )
    httpserver.expect_request(f"{api}/datasets/{dataset['id']}/").respond_with_json(dataset)
    httpserver.expect_request("/static/france-20260302.geojson").respond_with_data(
        body, content_type="application/geo+json"
    )
    return dataset, rid


def test_resolve_by_id_and_download_with_the_dataset_licence(httpserver, api, isolated_cache):
    dataset, rid = serve_resource(httpserver, api)
    client = datagouv.DatagouvClient()
    info = client.resolve(rid)
    assert info.dataset["id"] == dataset["id"] and info.title == "france-20260302.geojson"
    entry, record = client.download(info)
    assert record["licence"] == "Open Data Commons Open Database License (ODbL)"
    assert record["producer"] == "Geovelo" and record["attribution"] == "Geovelo — data.gouv.fr"
    assert record["vintage"] == "2026-03-02" and record["retrieved_at"].endswith("Z")
    on_disk = json.loads(Path(entry.path[:-5] + ".json").read_text(encoding="utf-8"))
    assert on_disk["licence"] == record["licence"] and on_disk["sha256"] == record["sha256"]
    again, _ = client.download(info)  # the annotated cache entry is still valid
    assert again.from_cache


def test_resolve_errors(httpserver, api):
    v2 = api.replace("/api/1", "/api/2")
    rid = "11111111-2222-4333-8444-555555555555"
    httpserver.expect_request(f"{v2}/datasets/resources/{rid}/").respond_with_json(
        {"message": "Resource does not exist"}, status=404
    )
    client = datagouv.DatagouvClient()
    with pytest.raises(DataError, match=f"No resource {rid} on data.gouv.fr"):
        client.resolve(rid)
    with pytest.raises(DataError, match="neither a data.gouv.fr resource identifier"):
        client.resolve("france.geojson")


def test_url_without_dataset_warns_about_licence(httpserver, api):
    httpserver.expect_request("/files/points.csv").respond_with_data("lon,lat\n3.87,43.61\n", content_type="text/csv")
    warnings = []
    client = datagouv.DatagouvClient(warn=warnings.append)
    info = client.resolve(httpserver.url_for("/files/points.csv"))
    assert info.dataset is None
    _, record = client.download(info)
    assert record["licence"].startswith("unknown") and any("licence of" in w for w in warnings)


def test_offline_without_cache(httpserver, api, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    with pytest.raises(OfflineError, match="Offline mode is on"):
        datagouv.DatagouvClient(cache=get_cache()).search("velo")
    assert len(httpserver.log) == 0


# -- readers ---------------------------------------------------------------------------------------------


def test_csv_with_lon_lat_decimal_comma_cp1252(tmp_path):
    path = tmp_path / "arrets.csv"
    text = (
        "nom;code_insee;longitude;latitude;places;note\r\nGare Saint-Roch;34172;3,8801;43,6046;12;1,5\r\n"
        "École;1053;4,95;46,2;;2\r\nSans position;34172;;;3;\r\nMer;34172;0;0;1;\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    table = datagouv.read_csv_table(str(path))
    assert table.delimiter == ";" and table.encoding == "cp1252"
    assert table.crs == "EPSG:4326" and table.coordinates == "longitude/latitude"
    assert table.lon[0] == pytest.approx(3.8801) and table.lat[0] == pytest.approx(43.6046)
    assert table.bad_rows == [4, 5]
    assert table.frame["nom"].tolist()[1] == "École"
    assert table.frame["code_insee"].tolist() == ["34172", "01053", "34172", "34172"]  # text, zero restored
    assert str(table.frame["places"].dtype) == "Int64" and table.frame["note"].tolist()[0] == 1.5
    text = "\n".join(table.warnings)
    assert "2 row(s) without a usable position (1 empty)" in text and "lines 4, 5" in text
    assert "a leading zero was added" in text


def test_csv_lambert93_and_combined_point(tmp_path):
    l93 = tmp_path / "l93.csv"
    l93.write_text("id,x,y\nA,770000,6279000\nB,771000.5,6280000\n", encoding="utf-8")
    table = datagouv.read_csv_table(str(l93))
    assert table.crs == "EPSG:2154" and table.lon.tolist() == [770000, 771000.5]
    assert table.frame["id"].tolist() == ["A", "B"]
    ods = tmp_path / "ods.csv"
    ods.write_text('nom;geo_point_2d\nComédie;"43.6085, 3.8799"\nAntigone;43.6081,3.8879\n', encoding="utf-8")
    table = datagouv.read_csv_table(str(ods))
    assert table.lat.tolist() == [43.6085, 43.6081] and table.lon.tolist() == [3.8799, 3.8879]


def test_csv_with_only_insee_codes(tmp_path):
    path = tmp_path / "pop.csv"
    path.write_text("CODGEO,LIBGEO,P21_POP\n34172,Montpellier,302454\n2A004,Ajaccio,73476\n", encoding="utf-8")
    table = datagouv.read_csv_table(str(path))
    assert table.lon is None and table.code_column == "CODGEO"
    assert table.frame["CODGEO"].tolist() == ["34172", "2A004"]
    assert table.frame["P21_POP"].tolist() == [302454, 73476]


def test_csv_coordinates_that_are_not_coordinates(tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("lon,lat\n12345678,99999999\n", encoding="utf-8")
    with pytest.raises(DataError, match="neither longitude/latitude in degrees nor Lambert-93"):
        datagouv.read_csv_table(str(path))


def test_prepare_zip_html_and_spreadsheet(tmp_path):
    archive = tmp_path / "shp.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for name in (
            "pistes/pistes.shp",
            "pistes/pistes.shx",
            "pistes/pistes.dbf",
            "pistes/pistes.prj",
            "LISEZMOI.pdf",
        ):
            out.writestr(name, b"x")
        out.writestr("../evil.shp", b"x")
    prepared = datagouv.prepare_resource(str(archive), str(tmp_path / "work"))
    assert prepared.kind == "ogr" and prepared.format == "shp"
    assert prepared.files[0].endswith("pistes/pistes.shp")
    assert any("../evil.shp" in w for w in prepared.warnings)
    assert not (tmp_path / "work" / "evil.shp").exists() and not (tmp_path / "evil.shp").exists()
    html = tmp_path / "page.data"
    html.write_text("<!DOCTYPE html><html><body>Page</body></html>")
    with pytest.raises(DataError, match="gives a web page, not a data file"):
        datagouv.prepare_resource(str(html), str(tmp_path / "work2"))
    xlsx = tmp_path / "sheet.data"
    with zipfile.ZipFile(xlsx, "w") as out:
        out.writestr("[Content_Types].xml", "<Types/>")
        out.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(DataError, match="spreadsheet"):
        datagouv.prepare_resource(str(xlsx), str(tmp_path / "work3"))
    gpkg = tmp_path / "gpkg.data"
    gpkg.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    prepared = datagouv.prepare_resource(str(gpkg), str(tmp_path / "work4"))
    assert prepared.files[0].endswith("resource.gpkg") and prepared.kind == "ogr"


def test_search_lists_a_dataset_repeated_across_pages_once(httpserver, api, isolated_cache):
    datasets = many_datasets(45)
    shifted = datasets[:20] + datasets[15:40]  # the index moved: page 2 starts with 5 datasets of page 1
    calls = []
    httpserver.expect_request(f"{api}/datasets/").respond_with_handler(udata_pages(shifted, calls))
    result = datagouv.DatagouvClient().search("velo", max_results=100)
    ids = [d["id"] for d in result.datasets]
    assert len(ids) == len(set(ids)) == 40
    assert result.frame["dataset_id"].nunique() == 40
    assert any("5 dataset(s) came again on a later page" in w for w in result.warnings)


def test_search_failing_half_way_caches_no_page(httpserver, api, isolated_cache, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "0")
    calls = []
    pages = udata_pages(many_datasets(45), calls)

    def handler(request):
        if request.args.get("page") == "2":
            return Response("down", status=503)
        return pages(request)

    httpserver.expect_request(f"{api}/datasets/").respond_with_handler(handler)
    with pytest.raises(Exception, match="HTTP 503"):
        datagouv.DatagouvClient().search("velo")
    assert not list(isolated_cache.rglob("*.json"))
