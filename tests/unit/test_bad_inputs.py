"""Bad input files (tests/data/bad/, written by tests/support/badfiles.py; large ones made here) against
every reader: the message says what is wrong (file, line, value) and what to do, nothing is lost
without a word, and the same file reads the same whatever its encoding.

docs/bad-inputs.md lists these cases with their messages in English and French."""

import io
import tracemalloc
import zipfile

import pandas as pd
import pytest

from support import badfiles
from territorial_data.providers import datagouv, fluxvision, geocoding, gtfs, mobpro, od, textfile
from territorial_data.providers.errors import DataError

BAD = badfiles.BAD


def bad(name):
    return str(BAD / name)


# -- MOBPRO / OD files ----------------------------------------------------------------------------------

ERRORS = [
    ("empty.csv", r"'empty.csv' is empty"),
    ("blank_lines.csv", r"'blank_lines.csv' is empty"),
    ("header_only_base_flux.csv", r"holds a header line \(CODGEO, .*\) but no data row: export the table again"),
    ("FD_MOBPRO_2021_header_only.csv", r"holds a header line \(COMMUNE, ARM.*\) but no data row"),
    ("truncated_row.csv", r"truncated_row.csv, line 3: the last line stops after 3 of its 5 values.*cut short"),
    ("mixed_separators.csv", r"mixes separators: its header line is separated by ';'.*rows by ','.*one separator"),
    ("short_row_late.csv", r"short_row_late.csv, line 4: the row has 1 value\(s\) where the header has 3 columns"),
    ("one_column_header.csv", r"header of one column \('flux'\) over rows of 3 columns separated by ';'"),
    ("single_column.csv", r"has a single column"),
    ("quoted_newline_then_bad.csv", r"quoted_newline_then_bad.csv, line 5: .* 'douze' is not a number"),
    ("non_number.csv", r"non_number.csv, line 3: the NBFLUX_C21_ACTOCC15P value 'douze' is not a number. Fix"),
    ("infinity.csv", r"infinity.csv, line 3: .* 'inf' is not a finite number. Write the flow as a number"),
    ("minus_infinity.csv", r"line 2: .* '-inf' is not a finite number"),
    ("nan_literal.csv", r"line 2: .* 'nan' is not a number"),
    ("negative.csv", r"line 2: .* -3.0 is negative.*Fix that row"),
    ("empty_value.csv", r"empty_value.csv, line 2: the NBFLUX_C21_ACTOCC15P value is empty.*fill or remove"),
    ("bad_code.csv", r"line 2: '9512X' in column DCLT is not an INSEE commune code"),
    ("mobpro_bad_crc.zip", r"'mobpro_bad_crc.zip' is damaged: its member 'FD_MOBPRO_2021.csv'.*CRC-32.*Download"),
    ("mobpro_truncated.zip", r"'mobpro_truncated.zip' is a damaged or incomplete zip archive.*download it again"),
]


@pytest.mark.parametrize("name, message", ERRORS, ids=[e[0] for e in ERRORS])
def test_mobpro_bad_file_gives_a_clear_message(name, message):
    with pytest.raises(DataError, match=message):
        mobpro.import_mobpro(bad(name))


def test_flow_of_a_code_no_cog_vintage_knows_is_reported_not_kept_silently():
    warnings = []
    table = mobpro.import_mobpro(bad("unknown_code.csv"), warn=warnings.append)
    assert "95999" not in set(table.frame["destination"])
    report = table.report.frame()
    row = report[report["code"] == "95999"].iloc[0]
    assert row["kind"] == od.UNMATCHED and row["flow"] == 3 and row["dropped"] == 1
    assert "not a commune code in any COG vintage" in row["detail"]
    assert "95999" in warnings[0] and "Check those codes" in warnings[0]
    assert abs(table.balance()) < 1e-9  # flow read = written + reported dropped


def test_duplicate_rows_are_summed_and_reported():
    warnings = []
    table = mobpro.import_mobpro(bad("duplicates.csv"), warn=warnings.append)
    pair = table.frame[(table.frame["origin"] == "95127") & (table.frame["destination"] == "95018")]
    assert pair["flow"].tolist() == [17.0]
    report = table.report.frame()
    row = report[report["kind"] == od.DUPLICATE].iloc[0]
    assert (row["code"], row["new_code"], row["flow"]) == ("95127", "95018", 17.0) and row["dropped"] == 0
    assert "2 rows" in row["detail"]
    assert "appear on several rows" in warnings[0] and "95127 → 95018" in warnings[0]


def test_detail_file_rows_are_people_not_duplicates(data_dir):
    table = mobpro.import_mobpro(str(data_dir / "flows" / "FD_MOBPRO_2021_sample.csv"))
    assert table.report.count(od.DUPLICATE) == 0 and not table.warnings


@pytest.mark.parametrize(
    "name", ["utf16le_bom.csv", "utf16be_bom.csv", "utf16le_nobom.csv", "utf16be_nobom.csv", "utf8_bom_crlf.csv"]
)
def test_encodings_read_the_same(name):
    table = mobpro.import_mobpro(bad(name))
    assert table.frame[["origin", "destination", "flow"]].values.tolist() == [["95127", "95018", 12.0]]


def test_windows_1252_and_quoted_separator():
    assert textfile.open_table(bad("cp1252.csv")).encoding == "cp1252"
    assert mobpro.import_mobpro(bad("cp1252.csv")).flow_out() == 12
    table = textfile.open_table(bad("quoted_separator.csv"))
    assert table.sep == ";" and len(table.columns) == 5
    rows, lines = table.read_all()
    assert rows == [["95127", "Cergy; Préfecture", "95018", "Argenteuil", "12"]] and lines == [2]


def test_a_huge_header_name_is_quoted_once_and_cut(tmp_path):
    path = tmp_path / "huge_header.csv"
    path.write_text("CODGEO;DCLT;" + "X" * 2**20 + "\n95127;95018;1\n", encoding="utf-8")
    with pytest.raises(DataError) as error:
        mobpro.import_mobpro(str(path))
    message = str(error.value)
    assert len(message) < 1500 and message.count("X" * 50) == 1 and "1048576 characters" in message


def test_a_huge_value_is_cut_in_the_message(tmp_path):
    path = tmp_path / "huge_value.csv"
    path.write_text(badfiles.BASE_FLUX_HEADER + "95127;C;95018;A;" + "9" * 2**20 + "x\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"line 2: .* value '9999.*… \(1048577 characters\)' is not a number"):
        mobpro.import_mobpro(str(path))


def test_separator_chosen_over_many_lines_not_the_header_alone(tmp_path):
    path = tmp_path / "commas_in_names.csv"  # the header has more ',' than ';', every row agrees on ';'
    rows = "".join(f"9512{i % 10};950{i % 90 + 10:02d};{i}\n" for i in range(300))
    path.write_text("origine, code;destination, code;flux, personnes\n" + rows, encoding="utf-8")
    assert textfile.open_table(str(path)).sep == ";"


def test_late_windows_1252_byte_in_a_big_file(tmp_path):
    path = tmp_path / "late.csv"
    rows = "".join(f"95127;Cergy;95018;Argenteuil;{i % 7}\n" for i in range(40_000))
    path.write_bytes((badfiles.BASE_FLUX_HEADER + rows).encode("ascii") + "95127;Cergy;95018;Évry;1\n".encode("cp1252"))
    warnings = []
    table = mobpro.import_mobpro(str(path), warn=warnings.append)
    assert table.flow_in == sum(i % 7 for i in range(40_000)) + 1
    assert "not UTF-8 after all" in warnings[0]


# -- import_od_table on a file --------------------------------------------------------------------------


def test_od_file_names_the_files_own_line():
    with pytest.raises(DataError, match=r"od_table_line5.csv, line 5: the flow value 'douze' is not a number"):
        od.import_od_file(bad("od_table_line5.csv"), "origine", "destination", "flux")


def test_od_file_duplicates_name_their_lines():
    warnings = []
    table = od.import_od_file(bad("od_table_duplicates.csv"), "origine", "destination", "flux", warn=warnings.append)
    assert table.frame["flow"].sum() == 6
    assert "lines 2, 5" in warnings[0]  # a blank line 4 between them
    assert table.report.count(od.DUPLICATE) == 1


def test_od_from_a_layer_counts_rows_from_the_given_first_line():
    with pytest.raises(DataError, match="layer, line 5:"):
        od.from_columns(["95127"] * 4, ["95018"] * 4, ["1", "2", "3", "douze"], "layer", [], first_line=2)
    with pytest.raises(DataError, match="holds no row"):
        od.from_columns([], [], [], "layer", [])


def test_od_file_unknown_column_lists_the_columns():
    with pytest.raises(DataError, match=r"has no column 'volume' .* Its columns are: origine, destination, flux"):
        od.import_od_file(bad("od_table_line5.csv"), "origine", "destination", "volume")


# -- Flux Vision, geocoder, data.gouv.fr -----------------------------------------------------------------


def test_fluxvision_header_only():
    with pytest.raises(DataError, match="holds a header line .* but no data row"):
        fluxvision.import_fluxvision(bad("fluxvision_header_only.csv"))


def test_geocoder_reads_a_single_column_and_keeps_line_numbers():
    table = geocoding.read_table(bad("addresses_single_column.csv"))
    assert table.header == ["adresse"] and len(table.rows) == 2 and table.lines == [2, 3]
    with pytest.raises(DataError, match="is empty"):
        geocoding.read_table(bad("empty.csv"))
    with pytest.raises(DataError, match="mixes separators"):
        geocoding.read_table(bad("mixed_separators.csv"))


def test_datagouv_csv_bad_rows_are_the_files_own_lines():
    table = datagouv.read_csv_table(bad("datagouv_blank_and_multiline.csv"))
    assert table.lines == [2, 4, 6] and table.bad_rows == [4]  # blank line 3, "B\nbis" on lines 4-5
    assert "lines 4" in " ".join(table.warnings)


def test_datagouv_utf16_csv(tmp_path):
    path = tmp_path / "utf16.csv"
    path.write_bytes("nom\tlon\tlat\nA\t2.35\t48.85\n".encode("utf-16"))
    table = datagouv.read_csv_table(str(path))
    assert table.delimiter == "\t" and table.lon.tolist() == [2.35]


# -- GTFS archives ----------------------------------------------------------------------------------------

GTFS_ERRORS = [
    ("gtfs_bad_crc.zip", r"'gtfs_bad_crc.zip' is damaged: its member 'stop_times.txt'.*Download the archive again"),
    ("gtfs_bad_crc_stored.zip", r"member 'stop_times.txt' cannot be used, its content does not match its checksum"),
    ("gtfs_lying_size.zip", r"member 'stop_times.txt' cannot be used"),
    ("gtfs_truncated.zip", r"'gtfs_truncated.zip' is not a readable zip archive.*downloaded completely"),
]


@pytest.mark.parametrize("name, message", GTFS_ERRORS, ids=[e[0] for e in GTFS_ERRORS])
def test_damaged_gtfs_archive_names_the_file_and_member(name, message):
    with pytest.raises(DataError, match=message):
        gtfs.load_feed(bad(name))


def test_gtfs_zip_bomb_is_refused_before_reading(tmp_path):
    path = tmp_path / "bomb.zip"
    path.write_bytes(badfiles.zip_bomb(40))
    with pytest.raises(gtfs.GtfsError, match=r"'stop_times.txt' expands \d+ times .* zip bomb"):
        gtfs.load_feed(str(path))


def test_gtfs_out_of_memory_is_a_clear_problem(tmp_path, monkeypatch):
    path = tmp_path / "feed.zip"
    path.write_bytes(badfiles.gtfs_zip(extra_trips=10))

    def no_memory(self, part, first_row):
        raise MemoryError()

    monkeypatch.setattr(gtfs._StopTimesBuilder, "add", no_memory)
    with pytest.raises(gtfs.GtfsError, match=r"stop_times.txt \(0 MB uncompressed\) does not fit in the memory left"):
        gtfs.load_feed(str(path))


def big_stop_times(rows: int) -> bytes:
    trips = rows // 30
    lines = ["trip_id,arrival_time,departure_time,stop_id,stop_sequence,pickup_type,shape_dist_traveled"]
    for trip in range(trips):
        base = 5 * 3600 + (trip % 600) * 60
        for seq in range(30):
            t = base + seq * 90
            clock = f"{t // 3600:02d}:{t % 3600 // 60:02d}:{t % 60:02d}"
            lines.append(f"T{trip:07d},{clock},{clock},{'ABC'[seq % 3]},{seq + 1},0,{seq * 350.5}")
    members = [m for m in badfiles.gtfs_members() if m[0] not in ("trips.txt", "stop_times.txt")]
    members.append(("trips.txt", "route_id,service_id,trip_id\n" + "".join(f"R1,WK,T{t:07d}\n" for t in range(trips))))
    members.append(("stop_times.txt", "\n".join(lines) + "\n"))
    return badfiles.zip_bytes(members)


def test_gtfs_stop_times_are_read_in_bounded_memory(tmp_path):
    """A 30 MB stop_times.txt: the reading peaks under 4 times its size (the text columns of the old
    reader took 8 times); the table keeps every row."""
    path = tmp_path / "big.zip"
    path.write_bytes(big_stop_times(720_000))
    size = zipfile.ZipFile(path).getinfo("stop_times.txt").file_size
    tracemalloc.start()
    try:
        feed = gtfs.load_feed(str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert len(feed.stop_times) == 720_000
    assert peak < 4 * size, f"peak {peak / 2**20:.0f} MB for {size / 2**20:.0f} MB of stop_times"
    assert feed.stop_times["trip_id"].iloc[0] == "T0000000" and feed.stop_times["stop_sequence"].iloc[29] == 30


def test_gtfs_tables_keep_their_order_and_values(tmp_path):
    path = tmp_path / "small.zip"
    path.write_bytes(badfiles.gtfs_zip(extra_trips=3))
    feed = gtfs.load_feed(str(path))
    frame = feed.stop_times
    assert list(frame.columns) == [
        "trip_id",
        "stop_id",
        "stop_sequence",
        "pickup_type",
        "time",
        "is_first",
        "is_last",
    ]
    assert frame["trip_id"].tolist()[:3] == ["T0", "T0", "T0"] and frame["is_first"].sum() == 5
    assert pd.api.types.is_integer_dtype(frame["stop_sequence"]) and frame["time"].iloc[0] == 8 * 3600 + 5 * 60


def test_damaged_member_of_an_od_zip_in_the_middle_of_reading(tmp_path):
    data = badfiles.zip_bytes(
        [
            (
                "FD_MOBPRO_2021.csv",
                badfiles.DETAIL_HEADER + "".join(f"95127;ZZZZZ;95018;1.5;{1 + i % 5}\n" for i in range(50_000)),
            )
        ],
        zipfile.ZIP_STORED,
    )
    path = tmp_path / "RP2021.zip"
    path.write_bytes(badfiles.flip_member_byte(data, "FD_MOBPRO_2021.csv", 0.7))
    with pytest.raises(DataError, match=r"member 'FD_MOBPRO_2021.csv' cannot be used.*CRC-32"):
        mobpro.import_mobpro(str(path))
    assert zipfile.ZipFile(io.BytesIO(data)).testzip() is None  # the undamaged archive is fine


def test_lines_of_spaces_count_as_lines(tmp_path):
    path = tmp_path / "spaces.csv"
    path.write_text("CODGEO;DCLT;NBFLUX_C21_ACTOCC15P\n95127;95018;1\n   \n\t\n95127;95019;2\n95018;95127;abc\n")
    with pytest.raises(DataError, match=r"spaces.csv, line 6: .* 'abc' is not a number"):
        mobpro.import_mobpro(str(path))


def test_a_row_with_more_values_than_the_header_is_not_cut_silently(tmp_path):
    path = tmp_path / "wide.csv"
    path.write_text(badfiles.BASE_FLUX_HEADER + "95127;Cergy;95018;Argenteuil;12\n\n95127;Cergy;Préfecture;95019;B;3\n")
    with pytest.raises(DataError, match=r"wide.csv, line 4: 6 values where the header has 5 columns \(separator ';'\)"):
        mobpro.import_mobpro(str(path))
    trailing = tmp_path / "trailing.csv"  # an empty value after a trailing separator is no data
    trailing.write_text(badfiles.BASE_FLUX_HEADER + "95127;Cergy;95018;Argenteuil;12;\n")
    assert mobpro.import_mobpro(str(trailing)).flow_out() == 12


def test_gtfs_rows_ending_with_a_comma_keep_their_columns(tmp_path):
    members = [
        (n, t.replace("\n", ",\n").replace(",\n", "\n", 1)) if n == "stops.txt" else (n, t)
        for n, t in badfiles.gtfs_members()
    ]
    path = tmp_path / "trailing.zip"
    path.write_bytes(badfiles.zip_bytes(members))
    feed = gtfs.load_feed(str(path))
    assert feed.stops["stop_id"].tolist() == ["A", "B", "C"] and feed.stops["stop_name"].iloc[1] == "Comédie"
