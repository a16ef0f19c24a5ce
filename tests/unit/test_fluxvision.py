"""Flux Vision importer (providers/fluxvision.py) on the composed fixtures."""

import csv

import numpy as np
import pytest

from territorial_data.providers import fluxvision
from territorial_data.providers.errors import DataError

EPCI = [
    ("243500139", "Rennes Métropole"),
    ("200070670", "Saint-Malo Agglomération"),
    ("200039022", "Fougères Agglomération"),
]


def rows(path):
    with open(path, encoding="utf-8") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_every_departement_name_maps_back_to_its_code():
    for code, name in fluxvision.DEPARTEMENTS.items():
        assert fluxvision.departement_code(name.upper()) == code
        assert fluxvision.departement_code(name) == code
    assert len(fluxvision.DEPARTEMENTS) == 101
    assert fluxvision.departement_code("COTE D'OR") == "21"
    assert fluxvision.departement_code("44 - Loire-Atlantique") == "44"
    assert fluxvision.departement_code("2a") == "2A"
    assert fluxvision.departement_code("REUNION") == "974"
    assert fluxvision.departement_code("BRETAGNE") is None


def test_presence_by_provenance(data_dir):
    path = data_dir / "fixtures" / "fluxvision_sample.csv"
    table = fluxvision.import_fluxvision(str(path), zones=EPCI, zones_name="epci")
    assert table.layout == "presence"
    expected = {(r["Provenance"], r["CategorieVisiteur"], r["Date"]): float(r["Volume"]) for r in rows(path)}
    got = {(r.origin, r.category, r.period): r.flow for r in table.frame.itertuples()}
    assert got == expected
    assert set(table.frame["destination"]) == {"243500139"}
    assert table.balance() == 0.0
    assert table.records[0]["dataset"] == "fluxvision" and table.records[0]["sha256"]


def test_departement_and_pays_variants(data_dir):
    deps = fluxvision.import_fluxvision(str(data_dir / "fixtures" / "fluxvision_departement_sample.csv"))
    assert sorted(deps.frame["origin"]) == ["44", "56", "75"]
    pays = fluxvision.import_fluxvision(str(data_dir / "fixtures" / "fluxvision_pays_sample.csv"))
    assert "CUMUL" not in set(pays.frame["origin"])
    total = pays.report.frame().set_index("code").loc["CUMUL"]
    assert total["kind"] == "total row excluded" and total["flow"] == 6890
    assert pays.balance() == 0.0


def test_suppressed_values_stay_missing(data_dir):
    path = data_dir / "flows" / "fluxvision_od_secret_cp1252.csv"
    table = fluxvision.import_fluxvision(str(path), zones=EPCI, zones_name="epci")
    frame = table.frame.set_index(["origin", "destination", "period"])["flow"]
    assert frame[("243500139", "200070670", "2026-07")] == 48200
    assert np.isnan(frame[("243500139", "200070670", "2026-08")])  # empty volume: missing, not zero
    assert frame[("200039022", "243500139", "2026-07")] == 1520  # FOUGÈRES AGGLOMÉRATION, Windows-1252
    report = table.report.frame()
    unmatched = report[report["kind"] == "unmatched"]
    assert set(unmatched["code"]) == {"VITRE COMMUNAUTE", "VITRÉ COMMUNAUTÉ"}
    assert unmatched["flow"].sum() == 0.0  # their volumes were suppressed ("s", "<10")
    assert table.flow_in == 48200 + 21730 + 1520
    assert table.balance() == 0.0


def test_mapping_for_unknown_layouts(data_dir):
    path = str(data_dir / "flows" / "fluxvision_custom_layout.csv")
    with pytest.raises(DataError, match="choose the columns for origin, destination, volume"):
        fluxvision.import_fluxvision(path, mapping=fluxvision.Mapping(period="mois"))
    with pytest.raises(DataError, match=r"not a Flux Vision export this tool knows \(its columns are: mois"):
        fluxvision.import_fluxvision(path)
    mapping = fluxvision.Mapping("zone_depart", "zone_arrivee", "nb_personnes", "mois", "segment")
    table = fluxvision.import_fluxvision(path, mapping=mapping)
    assert table.layout == "mapped"
    got = {(r.origin, r.destination): r.flow for r in table.frame.itertuples()}
    assert got[("35238", "35051")] == 1500 and np.isnan(got[("35051", "35238")])


def test_place_layout(tmp_path):
    path = tmp_path / "lieu_nuitee_veille.csv"
    path.write_text(
        "Date;ZoneObservation;Provenance;CategorieVisiteur;CodeInseeNuiteeVeille;Volume\n"
        "2026-07-14;RENNES METROPOLE;NONLOCAL;TOURISTE;35288;410\n"
        "2026-07-14;RENNES METROPOLE;NONLOCAL;TOURISTE;2A004;35\n"
        "2026-07-14;RENNES METROPOLE;NONLOCAL;TOURISTE;INCONNU;12\n",
        encoding="utf-8",
    )
    table = fluxvision.import_fluxvision(str(path), zones=EPCI)
    got = {(r.origin, r.destination): r.flow for r in table.frame.itertuples()}
    assert got == {("35288", "243500139"): 410, ("2A004", "243500139"): 35}
    unmatched = table.report.frame().set_index("code").loc["INCONNU"]
    assert unmatched["kind"] == "unmatched" and unmatched["flow"] == 12
    assert table.balance() == 0.0


def test_zone_matcher():
    matcher = fluxvision.ZoneMatcher(EPCI + [("35238", "Rennes"), ("35238b", "Rennes")])
    assert matcher.match("RENNES METROPOLE") == "243500139"
    assert matcher.match("saint malo agglomeration") == "200070670"
    assert matcher.match("243500139") == "243500139"
    assert matcher.match("Rennes") is None and "RENNES" in matcher.ambiguous
