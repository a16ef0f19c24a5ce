"""The OD table model (providers/od.py): reading text tables, numbers, codes, aggregation, harmonisation."""

import codecs
import zipfile

import numpy as np
import pandas as pd
import pytest

from territorial_data.providers import od
from territorial_data.providers.errors import DataError


def write(path, text, encoding="utf-8", bom=b""):
    path.write_bytes(bom + text.encode(encoding))
    return str(path)


@pytest.mark.parametrize(
    "encoding, bom, expected",
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("cp1252", b"", "cp1252"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16"),
    ],
)
def test_encodings_and_separators(tmp_path, encoding, bom, expected):
    text = "Code origine,Libellé,Flux\r\n95127,Cergy,12\r\n"
    path = write(tmp_path / "t.csv", text, encoding, bom)
    table = od.open_text_table(path)
    assert table.encoding == expected and table.sep == ","
    assert table.columns == ["Code origine", "Libellé", "Flux"]
    assert table.find("code_origine", "x") == 0 and table.find("LIBELLE") == 1
    ((first, chunk),) = list(table.chunks([0, 1, 2]))
    assert first == 2 and chunk.iloc[0].tolist() == ["95127", "Cergy", "12"]


def test_late_windows_1252_byte_restarts_the_read(tmp_path):
    rows = "".join(f"95{i % 1000:03d};95127;1\n" for i in range(80_000))  # > 1 MB of ASCII
    path = tmp_path / "late.csv"
    path.write_bytes(("ORI;DES;FLOW\n" + rows).encode("ascii") + "95018;Sévigné;2\n".encode("cp1252"))
    table = od.open_text_table(str(path))
    assert table.encoding == "utf-8"
    warnings = []

    def read(t):
        return pd.concat([c for _, c in t.chunks([0, 1, 2], chunksize=30_000)])

    frame = od.read_with_encoding_fallback(table, read, warnings.append)
    assert len(frame) == 80_001 and frame["DES"].iloc[-1] == "Sévigné"
    assert table.encoding == "cp1252" and "not UTF-8 after all" in warnings[0]


def test_zip_member_and_bad_files(tmp_path):
    archive = tmp_path / "RP2021_mobpro.zip"
    with zipfile.ZipFile(archive, "w") as handle:
        handle.writestr("varmod_mobpro_2021.csv", "COD_VAR;LIB_VAR\n" + "TRANS;x\n" * 500)
        handle.writestr("FD_MOBPRO_2021.csv", "COMMUNE;DCLT;IPONDI\n95127;95018;1.5\n")
    table = od.open_text_table(str(archive), prefer_member=r"^FD_MOBPRO")
    assert table.member == "FD_MOBPRO_2021.csv" and table.name == "RP2021_mobpro.zip/FD_MOBPRO_2021.csv"
    with pytest.raises(DataError, match="does not exist"):
        od.open_text_table(str(tmp_path / "nothing.csv"))
    with pytest.raises(DataError, match="is empty"):
        od.open_text_table(write(tmp_path / "empty.csv", "\n\n"))
    with pytest.raises(DataError, match="single column"):
        od.open_text_table(write(tmp_path / "one.csv", "code\n95127\n"))
    (tmp_path / "bin.csv").write_bytes(b"PK\x03\x04\x00\x00garbage\x00\x01")
    with pytest.raises(DataError, match="damaged or incomplete zip archive"):
        od.open_text_table(str(tmp_path / "bin.csv"))
    (tmp_path / "bin2.csv").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00garbage\x00\x01")
    with pytest.raises(DataError, match="not a text table"):
        od.open_text_table(str(tmp_path / "bin2.csv"))
    empty_zip = tmp_path / "docs.zip"
    with zipfile.ZipFile(empty_zip, "w") as handle:
        handle.writestr("notice.pdf", b"%PDF")
    with pytest.raises(DataError, match="holds no CSV or TXT table"):
        od.open_text_table(str(empty_zip))


def test_parse_numbers():
    raw = pd.Series(["12", "1 234,5", "3.25", "", "s", "<10", "1\u202f000"])
    values, missing = od.parse_numbers(raw, 2, "Volume", "f.csv", allow_missing=True)
    assert values[[0, 1, 2, 6]].tolist() == [12.0, 1234.5, 3.25, 1000.0]
    assert missing.tolist() == [False, False, False, True, True, True, False]
    with pytest.raises(DataError, match=r"f.csv, line 5: the Volume value is empty"):
        od.parse_numbers(raw, 2, "Volume", "f.csv")
    with pytest.raises(DataError, match=r"f.csv, line 3: the IPONDI value 'douze' is not a number"):
        od.parse_numbers(pd.Series(["1", "douze"]), 2, "IPONDI", "f.csv", allow_missing=True)
    with pytest.raises(DataError, match="line 2: the FLOW value -3.0 is negative"):
        od.parse_numbers(pd.Series(["-3"]), 2, "FLOW", "f.csv")


def test_code_checker():
    checker = od.CodeChecker("f.csv")
    column = checker.column(pd.Series(["1053", "95127", "ZZZZZ", "2a004", "95127"]), 2, "CODGEO")
    assert column.tolist() == ["01053", "95127", "", "2A004", "95127"]
    assert checker.fixed == {"1053": "01053", "2a004": "2A004"}
    with pytest.raises(DataError, match=r"f.csv, line 3: 'TOTAL' in column CODGEO is not an INSEE commune code"):
        checker.column(pd.Series(["95127", "TOTAL"]), 2, "CODGEO")
    free = od.CodeChecker("f.csv", "free")
    assert free.column(pd.Series([" Z1", "TOTAL"]), 2, "o").tolist() == ["Z1", "TOTAL"]


def test_aggregator_matches_pandas_over_chunks():
    rng = np.random.default_rng(4)
    n = 60_000
    codes = np.array([f"{c:05d}" for c in rng.integers(1000, 1200, 300)], dtype=object)
    frame = pd.DataFrame(
        {
            "origin": rng.choice(codes, n),
            "destination": rng.choice(codes, n),
            "mode": rng.choice(np.array(["1", "3", "5", "6"], dtype=object), n),
            "flow": rng.random(n) * 5,
        }
    )
    aggregator = od.Aggregator()
    aggregator.MERGE_EVERY = 20_000  # force intermediate merges
    for start in range(0, n, 7_000):
        part = frame.iloc[start : start + 7_000]
        aggregator.add(
            part["origin"].to_numpy(),
            part["destination"].to_numpy(),
            part["flow"].to_numpy(),
            mode=part["mode"].to_numpy(),
        )
    got = aggregator.frame().set_index(["origin", "destination", "mode"])["flow"].sort_index()
    expected = frame.groupby(["origin", "destination", "mode"])["flow"].sum().sort_index()
    assert aggregator.rows == n
    assert got.index.equals(expected.index)
    np.testing.assert_allclose(got.to_numpy(), expected.to_numpy(), rtol=1e-12)


def test_missing_values_propagate_and_are_accounted():
    aggregator = od.Aggregator()
    aggregator.add(
        np.array(["A", "A", "B"], dtype=object), np.array(["B", "B", "A"], dtype=object), np.array([1.0, np.nan, 2.0])
    )
    frame = aggregator.frame().set_index(["origin", "destination"])["flow"]
    assert np.isnan(frame[("A", "B")]) and frame[("B", "A")] == 2.0
    report = od.Report()
    frame = pd.DataFrame(
        {
            "origin": ["A", "A"],
            "destination": ["B", "B"],
            "flow": [4.0, np.nan],
            "mode": "",
            "category": "",
            "period": "",
        }
    )
    grouped = od.group(frame, report)
    assert len(grouped) == 1 and np.isnan(grouped["flow"][0])
    assert report.dropped_flow() == 4.0 and report.frame()["kind"].tolist() == [od.WITH_SUPPRESSED]


def test_harmonise_accounts_for_every_flow():
    frame = pd.DataFrame(
        {
            "origin": ["95259", "95127", "75104", "", "95127", "14712"],
            "destination": ["95127", "95127", "95127", "95127", "", "95127"],
            "flow": [10.0, 5.0, 2.0, 1.0, 0.5, 7.0],
            "mode": "",
            "category": "",
            "period": "",
        }
    )
    table = od.ODTable(frame, [], flow_in=float(frame["flow"].sum()))
    od.harmonise(table, "aggregate", 2016, 2026, territory=["95"], intra=False)
    out = table.frame.set_index("origin")["flow"].to_dict()
    assert out == pytest.approx({"95040": 10.0, "75056": 2.0, "14666": 7 * 0.354534, "14712": 7 * 0.645466})
    kinds = {(r.code, r.kind) for r in table.report.frame().itertuples()}
    assert {
        ("95259", "merged"),
        ("75104", "arrondissement aggregated"),
        ("14712", "split"),
        ("95127", "intra-commune dropped"),
        ("95127", "unmatched"),
    } <= kinds
    assert table.balance() == pytest.approx(0.0, abs=1e-12)
    assert table.report.dropped_flow() == pytest.approx(5.0 + 1.0 + 0.5)


def test_csv_round_trip_keeps_codes(tmp_path):
    frame = pd.DataFrame(
        {
            "origin": ["01053", "2A004"],
            "destination": ["75056", "2B033"],
            "flow": [1.5, np.nan],
            "mode": ["car", ""],
            "category": "",
            "period": "RP2021",
        }
    )
    table = od.ODTable(frame, [{"attribution": "INSEE", "licence": "LO", "retrieved_at": "2026-01-01T00:00:00Z"}])
    path = tmp_path / "od.csv"
    od.write_csv(table, str(path))
    assert (tmp_path / "od.csvt").read_text().startswith('"String","String","Real"')
    back = od.read_csv(str(path))
    assert back.frame["origin"].tolist() == ["01053", "2A004"]
    assert back.frame["flow"].iloc[0] == 1.5 and np.isnan(back.frame["flow"].iloc[1])
    assert back.records[0]["licence"] == "LO"


def test_simplify():
    assert od.simplify("Catégorie visiteur") == "CATEGORIEVISITEUR"
    assert od.simplify("VITRÉ COMMUNAUTÉ") == od.simplify("Vitré-Communauté")
