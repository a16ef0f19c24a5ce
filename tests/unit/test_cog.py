"""Commune code history (providers/cog.py) on the shipped COG tables."""

import pandas as pd
import pytest

from territorial_data.providers import cog
from territorial_data.providers.errors import DataError


@pytest.fixture(scope="module")
def history():
    return cog.CogHistory()


def test_every_table_runs_forward(history):
    """Each year table agrees with the old code -> COG 2026 table (the 2022 and 2023 ones were stored backwards)."""
    old_to_new = history.current.groupby("code_ancien")["code_actuel"].apply(set).to_dict()
    for (start, end), step in sorted(history.steps.items()):
        if start < 2008:
            continue
        forward = backward = 0
        for code, targets in step.items():
            for new, _, _ in targets:
                if new == code:
                    continue
                forward += new in old_to_new.get(code, ())
                backward += code in old_to_new.get(new, ())
        assert forward >= backward, (start, end, forward, backward)
        if (start, end) in cog.REVERSED_TABLES:
            assert forward > 0 and backward == 0


def test_shares_sum_to_one(history):
    for step in history.steps.values():
        for targets in step.values():
            assert sum(share for _, share, _ in targets) == pytest.approx(1.0, abs=1e-12)


def test_val_doise_merged_communes(history):
    moves = history.moves(["95259", "95282", "95127", "95040"], 2016, 2026)
    assert set(moves) == {"95259", "95282"}
    assert moves["95259"].targets == [("95040", 1.0)] and moves["95259"].kind == "merged"
    assert moves["95259"].years == [2018]
    assert moves["95282"].targets == [("95169", 1.0)] and moves["95282"].years == [2024]
    assert history.moves(["95282"], 2016, 2023) == {}  # Gouzangrez still existed in 2023


def test_split_shares_are_exact(history):
    move = history.moves(["14712"], 2019, 2020)["14712"]
    assert move.kind == "split"
    assert dict(move.targets) == pytest.approx({"14666": 0.354534, "14712": 0.645466})
    assert sum(share for _, share in move.targets) == 1.0


def test_pierrefitte_only_in_the_2026_table(history):
    assert history.moves(["93059"], 2016, 2024) == {}
    assert history.moves(["93059"], 2016, 2026)["93059"].targets == [("93066", 1.0)]


def test_code_older_than_the_file_is_followed(history):
    move = history.moves(["01003"], 2016, 2026)["01003"]
    assert move.targets == [("01165", 1.0)] and "1975" in move.note


def test_round_trip_code_change_is_no_move(history):
    # Les Trois Lacs: 27676 -> 27058 in 2021, back to 27676 in 2023
    assert history.moves(["27676"], 2016, 2026) == {}
    assert history.moves(["27676"], 2016, 2022)["27676"].kind == "renamed"


def test_vintages_and_errors(history):
    vintages = history.vintages()
    assert vintages[-1] == 2026 and 2024 in vintages and 2016 in vintages and 2025 not in vintages
    with pytest.raises(DataError, match="cannot move commune codes to COG 2025"):
        history.check_vintages(2016, 2025)
    with pytest.raises(DataError, match="only be moved forward"):
        history.check_vintages(2023, 2016)
    assert cog.mobpro_cog_vintage(2014) == 2016


@pytest.mark.parametrize(
    "raw, code, fixed",
    [
        ("95127", "95127", False),
        ("1053", "01053", True),
        ("1053.0", "01053", True),
        ("2a004", "2A004", True),
        (" 2B033 ", "2B033", False),
        ("75056", "75056", False),
        ("ABCDE", None, False),
        ("123", None, False),
        ("2C004", None, False),
    ],
)
def test_normalise_code(raw, code, fixed):
    assert cog.normalise_code(raw) == (code, fixed)


def test_territory():
    assert cog.territory_codes("95, 78646;2a 9") == ["95", "78646", "2A", "09"]
    with pytest.raises(DataError, match="'VAL' is neither a département"):
        cog.territory_codes("95, val")
    codes = pd.Series(["75104", "75056", "95127", "78646", "2A004", "69381"])
    assert list(cog.in_territory(codes, ["75056", "2A"])) == [True, True, False, False, True, False]
    assert list(cog.in_territory(codes, ["95", "78646"])) == [False, False, True, True, False, False]


def test_arrondissements():
    mapping = cog.ARRONDISSEMENT_TO_COMMUNE
    assert len(mapping) == 20 + 9 + 16
    assert mapping["75101"] == mapping["75120"] == "75056"
    assert mapping["69381"] == mapping["69389"] == "69123"
    assert mapping["13201"] == mapping["13216"] == "13055"


def test_provenance_records():
    records = cog.provenance_records(2016, 2026)
    assert [r["licence"] for r in records] == ["ODbL 1.0", "Licence Ouverte / Open Licence 2.0"]
    assert "COGugaison" in records[0]["attribution"]
    assert cog.provenance_records(2016, 2024)[0]["vintage"] == "2016-2024"
