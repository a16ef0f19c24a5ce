"""Bad input files: the small ones are committed in ``tests/data/bad/`` (written by :func:`write_small`,
``python tests/support/badfiles.py`` rewrites them), the large ones are made on the fly in a test's
temporary folder (never committed).

Every zip fault is made by editing real archive bytes: a flipped byte in a member's compressed data
(bad CRC), a central directory that lies about a member's size, an archive cut short, a member that
expands 1 000 times (a zip bomb under 100 kB).
"""

import codecs
import io
import struct
import sys
import zipfile
from pathlib import Path

BAD = Path(__file__).resolve().parent.parent / "data" / "bad"

BASE_FLUX_HEADER = "CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C21_ACTOCC15P\n"
DETAIL_HEADER = "COMMUNE;ARM;DCLT;IPONDI;TRANS\n"

#: name -> text of the small delimited files (UTF-8 unless the name says otherwise)
TEXTS = {
    "empty.csv": "",
    "blank_lines.csv": "\n\n\r\n",
    "header_only_base_flux.csv": BASE_FLUX_HEADER,
    "FD_MOBPRO_2021_header_only.csv": DETAIL_HEADER,
    "truncated_row.csv": BASE_FLUX_HEADER + "95127;Cergy;95018;Argenteuil;12\n95127;Cergy;950",
    "mixed_separators.csv": "CODGEO;DCLT;NBFLUX_C21_ACTOCC15P\n95127,95018,12\n95127,95019,3\n95018,95127,4\n",
    "short_row_late.csv": "CODGEO;DCLT;NBFLUX_C21_ACTOCC15P\n95127;95018;12\n95127;95019;3\n95018,95127,4\n",
    "one_column_header.csv": "flux\n95127;95018;12\n95127;95019;3\n",
    "single_column.csv": "code\n95127\n95018\n",
    "quoted_separator.csv": (
        'CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C21_ACTOCC15P\n95127;"Cergy; Préfecture";95018;Argenteuil;12\n'
    ),
    "quoted_newline_then_bad.csv": (
        'CODGEO;LIBGEO;DCLT;L_DCLT;NBFLUX_C21_ACTOCC15P\n\n95127;"Cergy\nPréfecture";95018;Argenteuil;12\n'
        "95127;Cergy;95019;Beauchamp;douze\n"
    ),
    "non_number.csv": BASE_FLUX_HEADER + "95127;Cergy;95018;Argenteuil;12\n95127;Cergy;95019;Beauchamp;douze\n",
    "infinity.csv": BASE_FLUX_HEADER + "95127;Cergy;95018;Argenteuil;12\n95127;Cergy;95019;Beauchamp;inf\n",
    "minus_infinity.csv": BASE_FLUX_HEADER + "95127;Cergy;95018;Argenteuil;-inf\n",
    "nan_literal.csv": BASE_FLUX_HEADER + "95127;Cergy;95018;Argenteuil;nan\n",
    "negative.csv": BASE_FLUX_HEADER + "95127;Cergy;95018;Argenteuil;-3\n",
    "empty_value.csv": BASE_FLUX_HEADER + "95127;Cergy;95018;Argenteuil;\n",
    "unknown_code.csv": BASE_FLUX_HEADER + "95127;Cergy;95018;Argenteuil;12\n95127;Cergy;95999;Nulle part;3\n",
    "bad_code.csv": BASE_FLUX_HEADER + "95127;Cergy;9512X;Argenteuil;12\n",
    "duplicates.csv": BASE_FLUX_HEADER
    + "95127;Cergy;95018;Argenteuil;12\n95127;Cergy;95019;Beauchamp;3\n95127;Cergy;95018;Argenteuil;5\n",
    "od_table_line5.csv": "origine;destination;flux\n95127;95018;1\n95127;95019;2\n95018;95127;3\n95018;95019;douze\n",
    "od_table_duplicates.csv": "origine;destination;flux\n95127;95018;1\n95127;95019;2\n\n95127;95018;3\n",
    "fluxvision_header_only.csv": "Date;ZoneObservation;Provenance;CategorieVisiteur;Volume\n",
    "addresses_single_column.csv": "adresse\n10 rue de Rivoli Paris\n1 place de l'Église Cergy\n",
    "datagouv_blank_and_multiline.csv": 'nom;lon;lat\nA;2.35;48.85\n\n"B\nbis";abc;48.86\nC;2.36;48.87\n',
}

#: name -> (text, encoding, BOM) of the files in other encodings
ENCODED = {
    "utf16le_bom.csv": (BASE_FLUX_HEADER + "95127;Cergy;95018;Argenteuil;12\n", "utf-16-le", codecs.BOM_UTF16_LE),
    "utf16be_bom.csv": (BASE_FLUX_HEADER + "95127;Cergy;95018;Argenteuil;12\n", "utf-16-be", codecs.BOM_UTF16_BE),
    "utf16le_nobom.csv": (BASE_FLUX_HEADER + "95127;Cergy;95018;Argenteuil;12\n", "utf-16-le", b""),
    "utf16be_nobom.csv": (BASE_FLUX_HEADER + "95127;Cergy;95018;Argenteuil;12\n", "utf-16-be", b""),
    "cp1252.csv": (BASE_FLUX_HEADER + "95127;Cergy-Préfecture;95018;Argenteuil;12\n", "cp1252", b""),
    "utf8_bom_crlf.csv": (
        BASE_FLUX_HEADER.replace("\n", "\r\n") + "95127;Cergy;95018;Argenteuil;12\r\n",
        "utf-8",
        codecs.BOM_UTF8,
    ),
}


# -- zip faults ------------------------------------------------------------------------------------------


def zip_bytes(members, compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


def _local_data_offset(data: bytes, info: zipfile.ZipInfo) -> int:
    name_length, extra_length = struct.unpack("<HH", data[info.header_offset + 26 : info.header_offset + 30])
    return info.header_offset + 30 + name_length + extra_length


def flip_member_byte(data: bytes, member: str, where: float = 0.5) -> bytes:
    """The archive with one byte of ``member``'s stored data flipped (its CRC no longer matches)."""
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo(member)
    start = _local_data_offset(data, info)
    out = bytearray(data)
    out[start + int(info.compress_size * where)] ^= 0x55
    return bytes(out)


def lie_about_size(data: bytes, member: str, factor: float = 0.5) -> bytes:
    """The archive whose central directory declares ``member`` smaller than it is (its reader stops
    early: the content is cut and its CRC fails)."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    info = archive.getinfo(member)
    out = bytearray(data)
    # central directory entry: find it by its offset field
    central = struct.unpack("<I", data[-6:-2])[0]
    position = central
    while position < len(data) - 22:
        if data[position : position + 4] != b"PK\x01\x02":
            break
        name_length, extra_length, comment_length = struct.unpack("<HHH", data[position + 28 : position + 34])
        name = data[position + 46 : position + 46 + name_length].decode("utf-8")
        if name == member:
            struct.pack_into("<I", out, position + 24, int(info.file_size * factor))
            break
        position += 46 + name_length + extra_length + comment_length
    return bytes(out)


def cut(data: bytes, fraction: float = 0.5) -> bytes:
    return data[: int(len(data) * fraction)]


def gtfs_members(extra_trips: int = 0):
    """A small valid GTFS feed (3 stops, 1 route, 2 trips) as (name, text) pairs."""
    stop_times = ["trip_id,arrival_time,departure_time,stop_id,stop_sequence"]
    for trip in range(2 + extra_trips):
        for seq, stop in enumerate(("A", "B", "C"), start=1):
            minute = 10 * trip + 5 * seq
            stop_times.append(f"T{trip},08:{minute:02d}:00,08:{minute:02d}:00,{stop},{seq}")
    return [
        ("agency.txt", "agency_id,agency_name,agency_url,agency_timezone\nA,Agence,https://example.org,Europe/Paris\n"),
        (
            "stops.txt",
            "stop_id,stop_name,stop_lat,stop_lon\nA,Gare,43.60,3.88\nB,Comédie,43.61,3.88\nC,Corum,43.62,3.88\n",
        ),
        ("routes.txt", "route_id,route_type,route_short_name\nR1,3,1\n"),
        ("trips.txt", "route_id,service_id,trip_id\n" + "".join(f"R1,WK,T{t}\n" for t in range(2 + extra_trips))),
        (
            "calendar.txt",
            "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\n"
            "WK,1,1,1,1,1,0,0,20250101,20251231\n",
        ),
        ("stop_times.txt", "\n".join(stop_times) + "\n"),
    ]


def gtfs_zip(extra_trips: int = 200, stored: bool = False) -> bytes:
    return zip_bytes(gtfs_members(extra_trips), zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)


def zip_bomb(megabytes: int = 40) -> bytes:
    """A GTFS-looking archive whose stop_times.txt expands ``megabytes`` MB from a few kB (ratio ~1000)."""
    members = [m for m in gtfs_members() if m[0] != "stop_times.txt"]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members:
            archive.writestr(name, text)
        with archive.open("stop_times.txt", "w", force_zip64=True) as handle:
            handle.write(b"trip_id,arrival_time,departure_time,stop_id,stop_sequence\n")
            block = b"\0" * 2**20
            for _ in range(megabytes):
                handle.write(block)
    return buffer.getvalue()


ZIPS = {
    "gtfs_bad_crc.zip": lambda: flip_member_byte(gtfs_zip(), "stop_times.txt"),
    "gtfs_bad_crc_stored.zip": lambda: flip_member_byte(gtfs_zip(stored=True), "stop_times.txt", 0.9),
    "gtfs_lying_size.zip": lambda: lie_about_size(gtfs_zip(stored=True), "stop_times.txt"),
    "gtfs_truncated.zip": lambda: cut(gtfs_zip(), 0.6),
    "mobpro_bad_crc.zip": lambda: flip_member_byte(
        zip_bytes(
            [
                (
                    "FD_MOBPRO_2021.csv",
                    DETAIL_HEADER + "".join(f"95127;ZZZZZ;95018;1.5;{1 + i % 5}\n" for i in range(3000)),
                )
            ]
        ),
        "FD_MOBPRO_2021.csv",
    ),
    "mobpro_truncated.zip": lambda: cut(
        zip_bytes([("FD_MOBPRO_2021.csv", DETAIL_HEADER + "95127;ZZZZZ;95018;1.5;1\n" * 200)]), 0.7
    ),
}


def write_small(folder: Path = BAD) -> None:
    """(Re)write the committed bad files."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in TEXTS.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    for name, (text, encoding, bom) in ENCODED.items():
        (folder / name).write_bytes(bom + text.encode(encoding))
    for name, make in ZIPS.items():
        (folder / name).write_bytes(make())


if __name__ == "__main__":
    write_small(Path(sys.argv[1]) if len(sys.argv) > 1 else BAD)
