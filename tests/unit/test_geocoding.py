"""providers.geocoding against a loopback server answering like the Géoplateforme CSV endpoints."""

import codecs
import csv
import time

import pytest

from support.fake_geocoder import Address, FakeGeocoder
from support.replay import fixture_path, point_service
from territorial_data.providers import geocoding
from territorial_data.providers.cache import OfflineError
from territorial_data.providers.errors import DataError
from territorial_data.providers.http import ServiceError


@pytest.fixture
def fake(httpserver, monkeypatch):
    prefix = point_service(monkeypatch, "geocoding", httpserver)
    return FakeGeocoder().install(httpserver, prefix)


def fixture_rows():
    """The recorded request of the fixtures: (address, postcode, citycode) per row."""
    with open(fixture_path("ban_search_csv_request.csv"), encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    return rows[1:]


def expected_answers():
    with open(fixture_path("ban_search_csv_response.csv"), encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def csv_posts(httpserver):
    return [req for req, _ in httpserver.log if req.path.endswith("/search/csv")]


# -- reading files ------------------------------------------------------------------------------------


def test_reads_windows_1252_semicolon_crlf(tmp_path):
    path = tmp_path / "cp1252.csv"
    path.write_bytes(
        "adresse;code_postal;commune\r\n1 place de l'Église;95000;Cergy\r\n10 rue de Rivoli;75004;Paris\r\n".encode(
            "cp1252"
        )
    )
    table = geocoding.read_table(str(path))
    assert table.encoding == "cp1252" and table.delimiter == ";"
    assert table.header == ["adresse", "code_postal", "commune"]
    assert table.rows[0] == ["1 place de l'Église", "95000", "Cergy"]
    assert len(table.rows) == 2


def test_reads_utf8_bom_pipe_with_quotes(tmp_path):
    path = tmp_path / "bom.csv"
    text = 'adresse|cp|note\n"1 rue des Écoles, bât A"|95000|"two\nlines"\n10 rue de Rivoli|75004|\n'
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))
    table = geocoding.read_table(str(path))
    assert table.encoding == "utf-8-sig" and table.delimiter == "|"
    assert table.header[0] == "adresse"  # no BOM glued to the first name
    assert table.rows[0] == ["1 rue des Écoles, bât A", "95000", "two\nlines"]
    assert table.rows[1] == ["10 rue de Rivoli", "75004", ""]


def test_reads_tab_and_utf16(tmp_path):
    path = tmp_path / "tab.txt"
    path.write_bytes("num\tvoie\tcp\n10\true de Rivoli\t75004\n".encode("utf-16"))
    table = geocoding.read_table(str(path))
    assert table.encoding == "utf-16" and table.delimiter == "\t"
    assert table.rows == [["10", "rue de Rivoli", "75004"]]


def test_ragged_rows_are_padded_and_reported(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("a,b,c\n1,2\n1,2,3,4\n\n5,6,7\n", encoding="utf-8")
    table = geocoding.read_table(str(path))
    assert table.rows == [["1", "2", ""], ["1", "2", "3"], ["5", "6", "7"]]
    assert "1 rows have more values" in table.warnings[0]


def test_empty_file_is_a_clear_error(tmp_path):
    path = tmp_path / "empty.csv"
    path.write_bytes(b"")
    with pytest.raises(DataError, match="is empty"):
        geocoding.read_table(str(path))


def test_codes_lose_no_zero():
    assert geocoding.clean_postcode(1000) == "01000"
    assert geocoding.clean_postcode(" 75004 ") == "75004"
    assert geocoding.clean_citycode("2a004") == "2A004"
    assert geocoding.clean_citycode(95127.0) == "95127"
    assert geocoding.clean_postcode("750") == "\x00750"  # invalid: reported, not sent
    assert geocoding.clean_postcode(None) == ""


# -- bulk geocoding -------------------------------------------------------------------------------------


def test_fixture_rows_geocode_like_the_recorded_answer(fake, httpserver):
    rows = fixture_rows()
    result = geocoding.geocode([[r[0]] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
    expected = expected_answers()
    assert [r.status for r in result.results] == ["ok", "ok", "not-found", "skipped"]
    for got, want in zip(result.results[:2], expected[:2]):
        assert got.lon == pytest.approx(float(want["longitude"]))
        assert got.lat == pytest.approx(float(want["latitude"]))
        assert got.label == want["result_label"]
        assert got.score == pytest.approx(float(want["result_score"]))
        assert got.citycode == want["result_citycode"] and got.id == want["result_id"]
    # one request for the whole table, the empty row not even sent, filters named by column
    posts = csv_posts(httpserver)
    assert len(posts) == 1 and result.requests == 1
    assert fake.log[-1]["rows"] == 3
    form = fake.log[-1]["form"]
    assert form["columns"] == ["q"] and form["postcode"] == ["postcode"] and form["citycode"] == ["citycode"]
    assert "result_status" in form["result_columns"]
    assert result.records[0]["licence"].startswith("Licence Ouverte")
    assert result.records[0]["method"] == "POST"
    assert result.counts() == {"ok": 2, "low-score": 0, "not-found": 1, "skipped": 1, "error": 0}


def test_chunks_keep_the_input_order(fake, httpserver):
    for n in range(1, 13):
        fake.add(
            Address(
                f"{n} rue de la gare",
                2.0 + n / 1000,
                49.0,
                f"{n} Rue de la Gare 95000 Cergy",
                0.95,
                id=f"95127_0001_{n:05d}",
                citycode="95127",
                postcode="95000",
                city="Cergy",
            )
        )
    queries = [[str(n), "rue de la Gare"] for n in range(12, 0, -1)]
    progress = []
    result = geocoding.geocode(queries, chunk_rows=5, progress=progress.append)
    assert len(csv_posts(httpserver)) == 3 and result.requests == 3
    assert [r.id for r in result.results] == [f"95127_0001_{n:05d}" for n in range(12, 0, -1)]
    assert [r.lon for r in result.results] == pytest.approx([2.0 + n / 1000 for n in range(12, 0, -1)])
    assert progress == pytest.approx([100 * 5 / 12, 100 * 10 / 12, 100.0])


def test_min_score_keeps_the_row_with_a_status(fake):
    result = geocoding.geocode([["boulevard du Port"], ["8 boulevard du Port"]], ["95000", "95000"], min_score=0.6)
    low, good = result.results
    assert low.status == "low-score" and low.score == pytest.approx(0.4812) and "0.48" in low.message
    assert low.label == "Boulevard du Port 95000 Cergy" and not low.has_point
    assert good.status == "ok" and good.has_point


def test_postcode_filter_is_sent_per_row(fake):
    result = geocoding.geocode([["10 rue de Rivoli"], ["10 rue de Rivoli"]], postcodes=["75004", "13001"])
    assert [r.status for r in result.results] == ["ok", "not-found"]


def test_invalid_codes_are_reported_and_dropped(fake):
    warnings = []
    result = geocoding.geocode([["10 rue de Rivoli"]], postcodes=["7504"[:3]], warn=warnings.append)
    assert result.results[0].status == "ok"
    assert "invalid postcode" in warnings[0]


def test_429_with_retry_after_then_success(fake, httpserver):
    fake.script.append(("429", 1))
    start = time.monotonic()
    result = geocoding.geocode([["10 rue de Rivoli"]])
    assert time.monotonic() - start >= 0.9  # waited for Retry-After
    assert result.results[0].status == "ok"
    assert len(csv_posts(httpserver)) == 2


def test_500_then_success(fake, httpserver):
    fake.script.append(("500",))
    result = geocoding.geocode([["8 boulevard du Port"]])
    assert result.results[0].label == "8 Boulevard du Port 95000 Cergy"
    assert len(csv_posts(httpserver)) == 2


def test_persistent_500_raises_a_clear_error(fake):
    fake.script.extend([("500",)] * 10)
    with pytest.raises(ServiceError) as error:
        geocoding.geocode([["10 rue de Rivoli"]])
    assert "HTTP 500" in str(error.value) and "Géoplateforme geocoding" in str(error.value)


def test_malformed_body_is_an_error_and_is_not_cached(fake, httpserver):
    fake.script.append(("malformed",))
    with pytest.raises(DataError, match="malformed answer"):
        geocoding.geocode([["10 rue de Rivoli"]])
    result = geocoding.geocode([["10 rue de Rivoli"]])  # asks again: the bad answer was not kept
    assert result.results[0].status == "ok"
    assert len(csv_posts(httpserver)) == 2


def test_html_body_is_malformed(fake):
    fake.script.append(("html",))
    with pytest.raises(DataError, match="HTML or JSON instead of CSV"):
        geocoding.geocode([["10 rue de Rivoli"]])


def test_partial_failure_is_reported_per_row_and_the_rest_kept(fake):
    warnings = []
    fake.script.append(("malformed",))
    queries = [["10 rue de Rivoli"], ["8 boulevard du Port"], ["10 rue de Rivoli"], ["8 boulevard du Port"]]
    result = geocoding.geocode(queries, chunk_rows=2, warn=warnings.append)
    assert [r.status for r in result.results] == ["error", "error", "ok", "ok"]
    assert "malformed" in result.results[0].message
    assert len(result.errors) == 1 and "Rows 1 to 2" in warnings[0]


def test_rerun_is_served_from_the_cache_and_offline_works(fake, httpserver, monkeypatch):
    queries = [["10 rue de Rivoli"], ["8 boulevard du Port"]]
    first = geocoding.geocode(queries)
    second = geocoding.geocode(queries)
    assert len(csv_posts(httpserver)) == 1
    assert [r.label for r in second.results] == [r.label for r in first.results]
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    third = geocoding.geocode(queries)
    assert third.results[1].label == "8 Boulevard du Port 95000 Cergy"
    with pytest.raises(OfflineError, match="Offline mode is on"):
        geocoding.geocode([["1 rue inconnue"]])
    assert len(csv_posts(httpserver)) == 1


def test_bad_request_from_the_service_is_raised(httpserver, monkeypatch):
    prefix = point_service(monkeypatch, "geocoding", httpserver)
    httpserver.expect_request(f"{prefix}/search/csv", method="POST").respond_with_json(
        {"code": 400, "message": "At least one given column name is unknown"}, status=400
    )
    with pytest.raises(ServiceError, match="At least one given column name is unknown"):
        geocoding.geocode([["10 rue de Rivoli"]])


def test_nothing_to_send_makes_no_request(fake, httpserver):
    result = geocoding.geocode([[""], ["  "], ["-- ?"], [None]])
    assert [r.status for r in result.results] == ["skipped"] * 4
    assert len(httpserver.log) == 0


def test_min_score_out_of_range():
    with pytest.raises(DataError, match="between 0 and 1"):
        geocoding.geocode([["x"]], min_score=2)


# -- reverse ----------------------------------------------------------------------------------------------


def test_reverse_finds_the_nearest_address(fake, httpserver):
    points = [(2.3605, 48.8556), None, (5.0, 45.0), (2.0629, 49.0316)]
    result = geocoding.reverse(points)
    near_rivoli, missing, far, near_cergy = result.results
    assert near_rivoli.status == "ok" and near_rivoli.label == "10 Rue de Rivoli 75004 Paris"
    assert near_rivoli.distance == pytest.approx(12, abs=3)
    assert near_rivoli.lon == pytest.approx(2.36041) and near_rivoli.citycode == "75104"
    assert missing.status == "skipped" and far.status == "not-found"
    assert near_cergy.postcode == "95000"
    assert fake.log[-1]["form"]["lat"] == ["lat"] and fake.log[-1]["rows"] == 3


# -- single search -------------------------------------------------------------------------------------------


def test_search_parses_both_envelopes(fake):
    places = geocoding.search("10 rue de rivoli", limit=5)
    assert places[0].label == "10 Rue de Rivoli 75004 Paris" and places[0].citycode == "75104"
    assert (places[0].lon, places[0].lat) == (2.36041, 48.8555)
    import json

    legacy = json.loads(fixture_path("ban_search_legacy_api_adresse.json").read_text(encoding="utf-8"))
    assert geocoding.parse_features(legacy)[0].label == "10 Rue de Rivoli 75004 Paris"
    with pytest.raises(DataError, match="not GeoJSON"):
        geocoding.parse_features({"oops": 1})


def test_search_too_short_or_offline_sends_nothing(fake, httpserver, monkeypatch):
    assert geocoding.search("ab") == []
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    assert geocoding.search("10 rue de rivoli") == []
    assert len(httpserver.log) == 0
