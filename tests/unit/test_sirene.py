"""providers.sirene against loopback servers answering like Recherche d'entreprises, geo.api and INSEE."""

import time

import pytest

from support.fake_geocoder import FakeSirene, composed_company, lambert93
from support.replay import point_service
from territorial_data.providers import sirene
from territorial_data.providers.cache import OfflineError
from territorial_data.providers.errors import DataError
from territorial_data.providers.http import ServiceError

PT_SIRET = "43524614500021"  # the recorded establishment of P&T TECHNOLOGY AG in Rennes


@pytest.fixture
def fake(httpserver, monkeypatch):
    prefixes = [point_service(monkeypatch, key, httpserver) for key in ("sirene", "geo_api", "insee_sirene")]
    return FakeSirene().install(httpserver, *prefixes)


def searches(fake):
    return [entry for entry in fake.log if entry["path"].endswith("/search") and "args" in entry]


# -- parameters ---------------------------------------------------------------------------------------


def test_activity_parsing():
    assert sirene.parse_activity("62.01Z, 4711f").codes == ["62.01Z", "47.11F"]
    assert sirene.parse_activity(" g ; I ").sections == ["G", "I"]
    assert not sirene.parse_activity("")
    with pytest.raises(DataError, match="not both"):
        sirene.parse_activity("G 62.01Z")
    with pytest.raises(DataError, match="'62.0' is neither a NAF code"):
        sirene.parse_activity("62.0")
    with pytest.raises(DataError, match="neither"):
        sirene.parse_activity("V")


def test_territory_kinds():
    assert sirene.territory_kind("35238") == "commune"
    assert sirene.territory_kind("2A004") == "commune"
    assert sirene.territory_kind("243500139") == "epci"
    assert sirene.territory_kind("2B") == "departement"
    assert sirene.territory_kind("974") == "departement"
    with pytest.raises(DataError, match="Cannot tell what territory '3523' is"):
        sirene.territory_kind("3523")


def test_sections_and_headcount():
    assert sirene.section_of("71.12B") == "M"
    assert sirene.section_of("47.11F") == "G"
    assert sirene.section_of("01.11Z") == "A"
    assert sirene.section_of("") == ""
    assert sirene.HEADCOUNT["11"] == "10-19"


# -- Recherche d'entreprises -------------------------------------------------------------------------------


def test_commune_gives_the_recorded_establishment(fake):
    result = sirene.fetch_establishments("35238")
    row = result.frame.set_index("siret").loc[PT_SIRET]
    assert row["nom"] == "P&T TECHNOLOGY AG" and row["siren"] == "435246145"
    assert row["naf"] == "71.12B" and row["naf_section"] == "M" and row["naf_entreprise"] == "71.12B"
    assert row["adresse"] == "14 RUE DE BERTRAND 35000 RENNES" and row["code_commune"] == "35238"
    assert row["latitude"] == pytest.approx(48.113652) and row["longitude"] == pytest.approx(-1.678026)
    assert row["date_creation"] == "2001-04-17" and row["etat_administratif"] == "A" and not row["est_siege"]
    args = searches(fake)[0]["args"]
    assert args["code_commune"] == "35238" and args["per_page"] == "25" and args["etat_administratif"] == "A"
    assert args["limite_matching_etablissements"] == "100"
    assert any(r["dataset"] == "sirene" and r["licence"].startswith("Licence Ouverte") for r in result.records)


def test_paging_over_several_pages_at_the_service_rate(fake):
    fake.companies += [composed_company(i, "35238", "62.01Z", "J") for i in range(60)]
    result = sirene.fetch_establishments("35238")
    pages = searches(fake)
    assert [p["args"]["page"] for p in pages] == ["1", "2", "3"]
    assert len(result.frame) == 61 and result.frame["siret"].is_unique
    gaps = [b["at"] - a["at"] for a, b in zip(pages, pages[1:])]
    assert min(gaps) >= 1 / 7 - 0.02  # throttled to 7 requests/s


def test_closed_establishments_are_dropped_and_counted(fake):
    fake.companies = [composed_company(1, "35238", "47.11F", "G", establishments=3)]
    result = sirene.fetch_establishments("35238", active_only=True)
    assert list(result.frame["siret"]) == ["90000000100001", "90000000100002"] and result.dropped_closed == 1
    every = sirene.fetch_establishments("35238", active_only=False)
    assert len(every.frame) == 3 and "etat_administratif" not in searches(fake)[-1]["args"]


def test_epci_is_split_by_commune(fake):
    fake.communes["243500139"] = ["35238", "35047"]
    fake.companies += [composed_company(1, "35047", "56.10A", "I"), composed_company(2, "35238", "56.10A", "I")]
    progress, infos = [], []
    result = sirene.fetch_establishments("243500139", activity="I", progress=progress.append, info=infos.append)
    assert infos == [
        "2 communes (or arrondissements) to query one by one: at least 2 requests, about 1 s at the service's 7 "
        "requests per second."
    ]
    assert sorted(result.frame["code_commune"]) == ["35047", "35238"]
    assert [s["args"]["code_commune"] for s in searches(fake)] == ["35238", "35047"]
    assert all(s["args"]["section_activite_principale"] == "I" for s in searches(fake))
    assert progress[-1] == pytest.approx(100.0)


def test_paris_is_split_into_arrondissements(fake):
    fake.companies = [c for c in fake.companies if c["siren"] == "130025265"]  # the DINUM, 75107
    result = sirene.fetch_establishments("75056")
    assert list(result.frame["siret"]) == ["13002526500013"]
    assert [s["args"]["code_commune"] for s in searches(fake)] == [f"751{n:02d}" for n in range(1, 21)]


def test_capped_piece_is_split_by_section_and_reported(fake):
    fake.companies += [composed_company(1, "35238", "47.11F", "G"), composed_company(2, "35238", "47.11F", "G")]
    fake.capped[("35238", "")] = True
    fake.capped[("35238", "G")] = True
    warnings = []
    result = sirene.fetch_establishments("35238", warn=warnings.append)
    sections = [s["args"].get("section_activite_principale") for s in searches(fake)]
    assert sections[0] is None and sections[1:] == list("ABCDEFGHIJKLMNOPQRSTU")
    assert result.capped == ["Rennes (35238) [G]"] and "cannot be split further" in warnings[0]
    assert set(result.frame["naf_section"]) == {"G", "M"}
    # what the glue puts in the layer's metadata: the result says it is incomplete, and why
    assert not result.complete
    (note,) = result.limits()
    assert note.startswith("Incomplete:") and "10000 companies" in note and "Rennes (35238) [G]" in note


def test_company_with_100_listed_establishments_is_reported(fake):
    fake.companies.append(composed_company(7, "35238", "53.10Z", "H", establishments=120))
    result = sirene.fetch_establishments("35238", active_only=False)
    assert result.saturated == ["SOCIETE TEST 7 (900000007) — Rennes (35238)"]
    assert (result.frame["siren"] == "900000007").sum() == 100
    assert not result.complete and "Possibly incomplete" in result.limits()[0]


def test_429_then_500_then_success(fake):
    fake.script += [("429", 1), ("500",)]
    start = time.monotonic()
    result = sirene.fetch_establishments("35238")
    assert time.monotonic() - start >= 0.9
    assert PT_SIRET in set(result.frame["siret"])


def test_malformed_body_is_a_clear_error_and_is_not_cached(fake):
    fake.script += [("malformed",)] * 5  # every try of the first page (1 + 4 retries) is cut short
    with pytest.raises(ServiceError, match="not valid JSON"):
        sirene.fetch_establishments("35238")
    assert PT_SIRET in set(sirene.fetch_establishments("35238").frame["siret"])


def test_a_cut_json_answer_is_asked_again(fake):
    fake.script.append(("malformed",))
    assert PT_SIRET in set(sirene.fetch_establishments("35238").frame["siret"])


def test_answer_without_results_is_a_clear_error(fake):
    fake.script.append(("noresults",))
    with pytest.raises(DataError, match="answer without results"):
        sirene.fetch_establishments("35238")


def test_refused_request_stops_at_once(fake):
    fake.communes["243500139"] = ["35238", "35047", "35051"]
    fake.script.append(("400",))
    with pytest.raises(ServiceError, match="Veuillez indiquer au moins un paramètre de recherche"):
        sirene.fetch_establishments("243500139")
    assert len([e for e in fake.log if e["path"].endswith("/search")]) == 1


def test_partial_failure_keeps_the_other_communes(fake):
    fake.communes["243500139"] = ["35047", "35238"]
    fake.script += [("500",)] * 5  # the first commune fails after every retry
    warnings = []
    result = sirene.fetch_establishments("243500139", warn=warnings.append)
    assert result.failed == ["Commune 35047 (35047)"] and "skipped after an error" in warnings[0]
    assert PT_SIRET in set(result.frame["siret"])


def test_empty_result_and_unknown_codes(fake):
    with pytest.raises(DataError, match="No establishment found in 35238 with activity 01.11Z"):
        sirene.fetch_establishments("35238", activity="01.11Z")
    with pytest.raises(DataError, match="Unknown commune code 35999"):
        sirene.fetch_establishments("35999")
    with pytest.raises(DataError, match="No commune found for the EPCI 200000000"):
        sirene.fetch_establishments("200000000")


def test_offline_serves_the_cache(fake, httpserver, monkeypatch):
    sirene.fetch_establishments("35238")
    count = len(httpserver.log)
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    assert PT_SIRET in set(sirene.fetch_establishments("35238").frame["siret"])
    assert len(httpserver.log) == count
    with pytest.raises(OfflineError):
        sirene.fetch_establishments("35047")


# -- INSEE API Sirene -------------------------------------------------------------------------------------------


def test_insee_with_key_cursor_paging_and_lambert_coordinates(fake, httpserver, monkeypatch):
    monkeypatch.setattr(sirene, "INSEE_PAGE", 1)
    fake.companies = [c for c in fake.companies if c["siren"] == "435246145"]
    fake.companies.append(composed_company(3, "35238", "62.01Z", "J"))
    result = sirene.fetch_establishments("35238", api_key="secret-key")
    frame = result.frame.set_index("siret")
    assert list(frame.index) == [PT_SIRET, "90000000300001"]
    row = frame.loc[PT_SIRET]
    x, y = lambert93(-1.678026, 48.113652)
    assert row["x"] == pytest.approx(x, abs=0.01) and row["y"] == pytest.approx(y, abs=0.01)
    assert row["crs"] == "EPSG:2154" and row["naf"] == "71.12B" and row["nom"] == "P&T TECHNOLOGY AG"
    insee = [e for e in fake.log if e["path"].endswith("/siret")]
    assert len(insee) == 2 and insee[1]["args"]["curseur"] == "c-1"
    assert all(e["key"] == "secret-key" for e in insee)
    assert "codeCommuneEtablissement:35238" in insee[0]["args"]["q"]
    assert "periode(etatAdministratifEtablissement:A)" in insee[0]["args"]["q"]
    geo = [r for r, _ in httpserver.log if r.path.startswith("/geo")]
    assert geo and all(r.headers.get("X-INSEE-Api-Key-Integration") is None for r in geo)  # the key stays with INSEE


def test_insee_wrong_key_is_refused_clearly(fake):
    with pytest.raises(ServiceError, match="Access was refused"):
        sirene.fetch_establishments("35238", api_key="wrong")


def test_insee_filters_sections_on_the_establishment(fake):
    fake.companies.append(composed_company(4, "35238", "47.11F", "G"))
    result = sirene.fetch_establishments("35238", activity="G", api_key="secret-key")
    assert list(result.frame["naf_section"]) == ["G"] and result.dropped_activity == 1
