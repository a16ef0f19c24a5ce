"""MOBPRO importer (providers/mobpro.py) on the real Val-d'Oise files and composed detail samples."""

import csv
from collections import defaultdict

import pytest

from territorial_data.providers import mobpro
from territorial_data.providers.errors import DataError


@pytest.fixture
def val_doise(sample_dir):
    folder = sample_dir / "val-doise"
    return {
        "flux": str(folder / "flux_domicile_travail_idf_rp2014_residence_95.csv"),
        "modes": str(folder / "flux_domicile_travail_idf_rp2014_mode_csp_residence_95.csv"),
    }


@pytest.fixture
def flows(data_dir):
    return data_dir / "flows"


def read_rows(path, encoding="utf-8-sig"):
    with open(path, encoding=encoding, newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def pairs(table):
    out = defaultdict(float)
    for row in table.frame.itertuples():
        out[(row.origin, row.destination)] += row.flow
    return out


def test_base_flux_and_by_mode_agree_per_pair(val_doise):
    """README: summed over mode and CSP, the by-mode table equals the base flux for every pair in both (±0.5)."""
    base = pairs(mobpro.import_mobpro(val_doise["flux"], target_cog=None))  # the files' own codes (COG 2016)
    detail = pairs(mobpro.import_mobpro(val_doise["modes"], target_cog=None))
    common = set(base) & set(detail)
    assert len(common) >= 800  # 828 base-flux pairs, nearly all present in the by-mode table
    for pair in common:
        assert detail[pair] == pytest.approx(base[pair], abs=0.5), pair
    assert sum(base.values()) == pytest.approx(181445)


def test_totals_per_origin_preserved_across_moves(val_doise):
    table = mobpro.import_mobpro(val_doise["modes"], target_cog=2026)
    source = read_rows(val_doise["modes"])
    expected = defaultdict(float)
    for row in source:
        expected[{"95259": "95040", "95282": "95169"}.get(row["ORI"], row["ORI"])] += float(row["FLOW"])
    got = table.frame.groupby("origin")["flow"].sum().to_dict()
    assert got == pytest.approx(dict(expected), abs=1e-6)
    assert table.flow_in == pytest.approx(508023.3, abs=0.05)
    assert table.balance() == pytest.approx(0.0, abs=1e-6)
    report = table.report.frame().set_index("code")
    assert report.loc["95259", "new_code"] == "95040" and report.loc["95282", "new_code"] == "95169"
    assert table.layout == "by_mode" and table.vintage == "RP2014" and table.source_cog == 2016


def test_keep_file_codes(val_doise):
    table = mobpro.import_mobpro(val_doise["modes"], target_cog=None)
    assert {"95259", "95282"} <= set(table.frame["origin"])
    assert len(table.report) == 0


def expected_detail(path, arrondissements="keep"):
    """Sum of IPONDI per (residence, work place, TRANS) computed straight from the file."""
    out = defaultdict(float)
    for row in read_rows(path):
        origin = row["ARM"] if row["ARM"] != "ZZZZZ" else row["COMMUNE"]
        out[(origin, row["DCLT"], row["TRANS"])] += float(row["IPONDI"])
    return out


def test_detail_file_weighted_by_ipondi(flows):
    path = flows / "FD_MOBPRO_2021_sample.csv"
    table = mobpro.import_mobpro(str(path), target_cog=None)
    trans = {v: k for k, v in mobpro.TRANS_2017.items()}
    got = {(r.origin, r.destination, trans[r.mode]): r.flow for r in table.frame.itertuples()}
    assert got == pytest.approx(dict(expected_detail(path)))
    assert ("2B033", "2A004", "5") in got and ("01053", "01053", "5") in got  # Corsica, leading zeros
    assert ("75104", "75108", "3") in got  # residence = ARM arrondissement
    assert ("74010", "99140", "5") in got  # cross-border worker, foreign work place kept
    assert set(table.frame["period"]) == {"RP2021"}


@pytest.mark.parametrize("name", ["FD_MOBPRO_2021_bom_crlf.csv", "RP2021_mobpro_sample.zip"])
def test_bom_crlf_and_zip_read_the_same(flows, name):
    plain = mobpro.import_mobpro(str(flows / "FD_MOBPRO_2021_sample.csv"), target_cog=2026)
    other = mobpro.import_mobpro(str(flows / name), target_cog=2026)
    assert other.frame.equals(plain.frame)


def test_detail_moved_split_and_arrondissements(flows):
    table = mobpro.import_mobpro(str(flows / "FD_MOBPRO_2021_sample.csv"), target_cog=2026, arrondissements="aggregate")
    got = pairs(table)
    # Essarts-en-Bocage (85084) was split in 2024: its flow is divided in three
    for code in ("85084", "85165", "85212"):
        assert got[(code, "85191")] == pytest.approx(3.0)
    assert got[("93066", "75056")] == pytest.approx(5.204785412369870)  # Pierrefitte merged into Saint-Denis
    assert got[("93066", "93066")] == pytest.approx(3.300014785236987)
    assert got[("69123", "69123")] == pytest.approx(5.512874411235871 + 1.25)
    assert got[("13055", "13055")] == pytest.approx(6.250447789652210)
    assert table.balance() == pytest.approx(0.0, abs=1e-12)


def test_cp1252_base_flux(flows):
    table = mobpro.import_mobpro(str(flows / "base_flux_2019_cp1252.csv"), target_cog=None)
    assert table.vintage == "RP2019"
    assert pairs(table)[("2A004", "2B033")] == 112.5


def test_modes_by_code_and_name(flows, val_doise):
    path = str(flows / "FD_MOBPRO_2021_sample.csv")
    by_code = mobpro.import_mobpro(path, modes="3,6", target_cog=None)
    by_name = mobpro.import_mobpro(path, modes="vélo, Transports en commun", target_cog=None)
    assert set(by_code.frame["mode"]) == {"bike", "transit"}
    assert by_code.frame.equals(by_name.frame)
    filtered = by_code.report.frame().set_index("code")
    assert filtered.loc["car", "kind"] == "filtered out (mode)"
    assert by_code.balance() == pytest.approx(0.0, abs=1e-12)
    car = mobpro.import_mobpro(val_doise["modes"], modes="VP", target_cog=None)
    assert round(car.flow_out()) == 271794
    with pytest.raises(DataError, match="Unknown mode 'plane'"):
        mobpro.import_mobpro(path, modes="plane")
    with pytest.raises(DataError, match="has no transport mode"):
        mobpro.import_mobpro(val_doise["flux"], modes="car")


def test_old_census_has_no_separate_bike(tmp_path):
    path = tmp_path / "FD_MOBPRO_2014.csv"
    path.write_text("COMMUNE;ARM;DCLT;IPONDI;TRANS\n95127;ZZZZZ;95018;2.5;3\n95127;ZZZZZ;95018;1.5;5\n")
    table = mobpro.import_mobpro(str(path), target_cog=None)
    assert set(table.frame["mode"]) == {"two_wheeler", "transit"}
    with pytest.raises(DataError, match=r"The mode 'bike' is not in .*3 \(two-wheeler"):
        mobpro.import_mobpro(str(path), modes="bike")


def test_errors_name_file_line_and_value(flows, tmp_path):
    with pytest.raises(DataError, match=r"FD_MOBPRO_2021_bad_code.csv, line 12: 'CERGY' in column DCLT"):
        mobpro.import_mobpro(str(flows / "FD_MOBPRO_2021_bad_code.csv"))
    with pytest.raises(DataError, match=r"'fluxvision_custom_layout.csv' is not a MOBPRO file"):
        mobpro.import_mobpro(str(flows / "fluxvision_custom_layout.csv"))
    unknown = tmp_path / "flows.csv"
    unknown.write_text("COMMUNE;ARM;DCLT;IPONDI;TRANS\n95127;ZZZZZ;95018;2.5;9\n")
    with pytest.raises(DataError, match="Cannot tell the census year"):
        mobpro.import_mobpro(str(unknown), target_cog=2026)
    with pytest.raises(DataError, match=r"line 2: the mode '9' in column TRANS"):
        mobpro.import_mobpro(str(unknown), source_cog=2023, target_cog=2026)


def test_placeholder_codes_are_reported_not_lost(tmp_path):
    path = tmp_path / "FD_MOBPRO_2020.csv"
    path.write_text("COMMUNE;ARM;DCLT;IPONDI;TRANS\n95127;ZZZZZ;ZZZZZ;2.5;5\n95127;ZZZZZ;95018;1.5;5\n")
    table = mobpro.import_mobpro(str(path))
    assert table.flow_out() == 1.5
    row = table.report.frame().iloc[0]
    assert (row["code"], row["kind"], row["flow"], row["dropped"]) == ("95127", "unmatched", 2.5, 1)


def test_territory_filter(val_doise):
    table = mobpro.import_mobpro(val_doise["flux"], territory="95018")
    assert set(table.frame["origin"]) == {"95018"} or "95018" in set(table.frame["destination"])
    assert all("95018" in (r.origin, r.destination) for r in table.frame.itertuples())
    assert table.balance() == pytest.approx(0.0, abs=1e-6)
