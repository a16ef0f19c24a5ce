"""The one reader of delimited text files (CSV, TXT, TSV, or such a table inside a ZIP).

Every importer (MOBPRO, Flux Vision, OD tables), the geocoder and the data.gouv.fr loader open their
text files here, so that one file is read the same way everywhere:

- **encoding**: a byte-order mark first (UTF-8, UTF-16 LE/BE); UTF-16 without a mark (told by its
  zero bytes); then UTF-8; a file that is not UTF-8 is Windows-1252 (Latin-1 for the five bytes
  Windows-1252 leaves undefined). A file that looks UTF-8 in its first megabyte and turns out not to
  be later is read again as Windows-1252 (:func:`with_encoding_fallback`);
- **separator**: ``;``, ``,``, tab or ``|``, chosen by consistency over the first thousands of
  records (quotes respected: a ``,`` inside ``"..."`` does not count), not from the header alone.
  A header written with one separator and rows with another is an error that says so;
- **line numbers** are the file's own: the header is line 1 (or the line it is on after blank
  lines), blank lines and values spread over several lines by quotes are counted, so a message
  « line 5 » sends the user to line 5 of the file in any text editor;
- **quoted fields** (``"a;b"``, ``""`` for a quote) as in RFC 4180;
- **archives**: the main table of a ZIP is read in place; a damaged member gives a message naming
  the archive and the member (see :mod:`.archive`).

Big tables are read in chunks by pandas' C parser (:meth:`TextFile.chunks`); small ones record by
record with their line numbers (:meth:`TextFile.read_all`). Long header names and values are cut in
messages (:func:`short`).
"""

import codecs
import csv
import io
import os
import re
import zipfile
from array import array
from dataclasses import dataclass, field
from typing import Callable, Iterator, List, Optional, Sequence, Tuple

import pandas as pd

from .archive import ARCHIVE_ERRORS, ZipLimits, archive_error, check_zip, looks_like_zip, verify_member
from .errors import DataError
from .i18n import translate

SEPARATORS = (";", ",", "\t", "|")
TEXT_EXTENSIONS = (".csv", ".txt", ".tsv")
SAMPLE_BYTES = 1 << 20  # read to guess the encoding and the separator
SAMPLE_RECORDS = 5000  # records compared to choose the separator
MAX_HEADER_BYTES = 64 * 2**20  # a header line longer than this is not a table
NAME_LIMIT = 60  # characters of a name or value quoted in a message

#: the table of a ZIP is streamed, never extracted: only its declared size and ratio are bounded
TABLE_ZIP_LIMITS = ZipLimits(max_member_bytes=64 * 1024 * 2**20, max_total_bytes=64 * 1024 * 2**20)

Warn = Optional[Callable[[str], None]]

csv.field_size_limit(max(csv.field_size_limit(), 1 << 30))  # a huge field is data to report, not a crash


def short(text, limit: int = NAME_LIMIT) -> str:
    """``text`` cut to ``limit`` characters for a message (a 1 MB header name is quoted once, briefly)."""
    text = str(text)
    if len(text) <= limit:
        return text
    return text[: limit - 1] + "…" + translate("TextFile", " ({count} characters)").format(count=len(text))


def separator_name(sep: str) -> str:
    return {"\t": "TAB"}.get(sep, sep)


# -- encoding ---------------------------------------------------------------------------------------


def _utf16_without_bom(sample: bytes) -> Optional[str]:
    """'utf-16-le' / 'utf-16-be' when the sample looks like UTF-16 text without a byte-order mark."""
    head = sample[:4096]
    head = head[: len(head) // 2 * 2]
    if len(head) < 4:
        return None
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    pairs = len(head) // 2
    if odd > 0.4 * pairs and even < 0.05 * pairs:
        return "utf-16-le"
    if even > 0.4 * pairs and odd < 0.05 * pairs:
        return "utf-16-be"
    return None


def detect_encoding(sample: bytes) -> str:
    """The Python codec of a file from its first bytes (see the module doc)."""
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    guess = _utf16_without_bom(sample)
    if guess:
        return guess
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if exc.start >= len(sample) - 3 and exc.reason.startswith("unexpected end"):
            return "utf-8"  # a character cut by the end of the sample
    try:
        sample.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:  # the 5 bytes cp1252 leaves undefined: Latin-1 maps every byte
        return "latin-1"


def fallback_encoding(encoding: str) -> Optional[str]:
    """The encoding to try when ``encoding`` fails half-way (None: nothing left to try)."""
    if encoding in ("utf-8", "utf-8-sig"):
        return "cp1252"
    if encoding == "cp1252":
        return "latin-1"
    return None


def decode_bytes(raw: bytes) -> Tuple[str, str]:
    """The text of in-memory bytes and the encoding found (same rules as files; no fallback needed)."""
    encoding = detect_encoding(raw[:SAMPLE_BYTES])
    while True:
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            following = fallback_encoding(encoding)
            if following is None:
                text = raw.decode(encoding, errors="replace")
                break
            encoding = following
    return text.lstrip("\ufeff"), encoding


def encoding_label(encoding: str) -> str:
    """How an encoding is named to a user."""
    return {
        "utf-8": "UTF-8",
        "utf-8-sig": "UTF-8 (BOM)",
        "utf-16": "UTF-16 (BOM)",
        "utf-16-le": "UTF-16 LE",
        "utf-16-be": "UTF-16 BE",
        "cp1252": "Windows-1252",
        "latin-1": "Latin-1",
    }.get(encoding, encoding)


# -- separator ---------------------------------------------------------------------------------------


def _records(text: str, sep: str, limit: int) -> List[List[str]]:
    out: List[List[str]] = []
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=sep):
            if record:
                out.append(record)
                if len(out) >= limit:
                    break
    except csv.Error:
        pass
    return out


@dataclass
class SeparatorStats:
    sep: str
    header: int  # fields of the header record
    same: float  # share of the other records with as many fields as the header
    row_width: int  # the commonest width of the other records
    row_share: float  # share of the other records with that width
    rows: int


def separator_stats(text: str, cut: bool, limit: int = SAMPLE_RECORDS) -> List[SeparatorStats]:
    """For each candidate separator, how the sample's records split (``cut``: the last line may be partial)."""
    stats = []
    for sep in SEPARATORS:
        records = _records(text, sep, limit + 1)
        if cut and len(records) > 1:
            records = records[:-1]
        if not records:
            continue
        widths = [len(r) for r in records]
        header, rows = widths[0], widths[1:]
        if rows:
            counts = {}
            for width in rows:
                counts[width] = counts.get(width, 0) + 1
            row_width = max(counts, key=lambda w: (counts[w], w))
            row_share = counts[row_width] / len(rows)
            same = counts.get(header, 0) / len(rows)
        else:
            row_width, row_share, same = header, 1.0, 1.0
        stats.append(SeparatorStats(sep, header, same, row_width, row_share, len(rows)))
    return stats


def choose_separator(text: str, cut: bool = False, name: str = "", require: bool = True) -> str:
    """The separator of a table from a sample of its text (see the module doc).

    ``require``: a single-column table is an error (importers); otherwise ``,`` is returned for it
    (a list of addresses may have one column)."""
    stats = separator_stats(text, cut)
    usable = [s for s in stats if s.header >= 2 or (s.rows and s.row_width >= 2 and s.row_share >= 0.9)]
    first_line = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    header_based = [s for s in usable if s.header >= 2]
    if header_based:
        best = max(header_based, key=lambda s: (s.same, s.header))
        if best.rows and best.same < 0.5:
            # the header splits with one separator, the rows with another
            rows_based = [s for s in usable if s.sep != best.sep and s.row_width >= 2 and s.row_share >= 0.9]
            if rows_based:
                other = max(rows_based, key=lambda s: (s.row_share, s.row_width))
                if other.header < 2 or other.same < 0.5:
                    lines = text.lstrip("\ufeff").splitlines()
                    raise DataError(
                        translate(
                            "TextFile",
                            "'{file}' mixes separators: its header line is separated by '{header_sep}' ({columns} "
                            "columns) but its rows by '{row_sep}' (line 2: '{line}'). Save the file again with one "
                            "separator throughout, e.g. ';'.",
                        ).format(
                            file=name,
                            header_sep=separator_name(best.sep),
                            columns=best.header,
                            row_sep=separator_name(other.sep),
                            line=short(lines[1] if len(lines) > 1 else "", 80),
                        )
                    )
        return best.sep
    rows_based = [s for s in usable if s.row_width >= 2]
    if rows_based:  # a header of one name over rows with several columns
        other = max(rows_based, key=lambda s: (s.row_share, s.row_width))
        if require:
            raise DataError(
                translate(
                    "TextFile",
                    "'{file}' has a header of one column ('{line}') over rows of {count} columns separated by "
                    "'{sep}': give the header a name for each column, separated by '{sep}'.",
                ).format(file=name, line=short(first_line, 80), count=other.row_width, sep=separator_name(other.sep))
            )
        return other.sep
    if require:
        raise DataError(
            translate(
                "OdTable",
                "'{file}' has a single column (first line: '{line}'): it is not a delimited table with ';', ',' or tab "
                "separators.",
            ).format(file=name, line=short(first_line, 120))
        )
    return ","


# -- the table ---------------------------------------------------------------------------------------


class NumericColumnError(Exception):
    """A column read as numbers holds something else: read it again as text to say where."""


class Lines(int):
    """The file line of the first row of a chunk (an ``int``), which also maps any row of the chunk to
    its exact line: :meth:`at` counts blank lines and values spread over several lines."""

    def __new__(cls, table: "TextFile", start: int):
        value = super().__new__(cls, start + table.header_line + 1)
        value.table = table
        value.start = start
        return value

    def at(self, position: int) -> int:
        return self.table.line_of(self.start + int(position))

    def fields(self, position: int) -> int:
        return self.table.fields_of(self.start + int(position))


def line_at(first_line, position: int) -> int:
    """The file line of row ``position`` of a chunk starting at ``first_line`` (an int or :class:`Lines`)."""
    if isinstance(first_line, Lines):
        return first_line.at(position)
    if callable(first_line):
        return int(first_line(position))
    return int(first_line) + int(position)


@dataclass
class TextFile:
    """A delimited text table (possibly inside a ZIP): its encoding, separator and header."""

    path: str
    member: Optional[str]
    encoding: str
    sep: str
    columns: List[str]
    name: str  # for messages: file name (and ZIP member)
    header_line: int = 1
    has_rows: bool = True  # False: the file holds its header line and nothing else
    position: int = 0  # bytes read so far by :meth:`chunks`
    warnings: List[str] = field(default_factory=list)
    _starts: Optional[array] = None
    _widths: Optional[array] = None
    _scan: Optional[Iterator] = None
    _scan_encoding: str = ""

    # -- raw access -------------------------------------------------------------------------------
    def open_binary(self):
        if self.member is None:
            return open(self.path, "rb")
        try:
            archive = zipfile.ZipFile(self.path)
            handle = archive.open(self.member)
        except ARCHIVE_ERRORS as exc:
            raise archive_error(self.path, self.member, exc)
        handle._territorial_archive = archive  # keep the archive alive with its member
        return handle

    def open_text(self, encoding: Optional[str] = None, errors: str = "strict"):
        return io.TextIOWrapper(self.open_binary(), encoding=encoding or self.encoding, errors=errors, newline="")

    def size(self) -> int:
        if self.member is None:
            return os.path.getsize(self.path)
        with zipfile.ZipFile(self.path) as archive:
            return archive.getinfo(self.member).file_size

    @property
    def encoding_label(self) -> str:
        return encoding_label(self.encoding)

    @property
    def separator_label(self) -> str:
        return separator_name(self.sep)

    def find(self, *names: str) -> Optional[int]:
        """Index of the first column whose name matches one of ``names`` (case and accents ignored)."""
        wanted = [simplify(n) for n in names]
        for name in wanted:
            for index, column in enumerate(self.columns):
                if simplify(column) == name:
                    return index
        return None

    def unique_columns(self) -> List[str]:
        """The header with empty names as ``field_<n>`` and repeated names made unique (``name_2``)."""
        names: List[str] = []
        for index, name in enumerate(self.columns):
            name = name or f"field_{index + 1}"
            base, suffix = name, 2
            while name in names:
                name = f"{base}_{suffix}"
                suffix += 1
            names.append(name)
        return names

    # -- records with their line numbers ----------------------------------------------------------
    def _numbered(self, encoding: Optional[str] = None) -> Iterator[Tuple[int, List[str]]]:
        """Every non-blank record with the line it starts on, header included (csv module)."""
        with self.open_text(encoding) as handle:
            reader = csv.reader(handle, delimiter=self.sep)
            previous = 0
            while True:
                try:
                    record = next(reader)
                except StopIteration:
                    return
                except ARCHIVE_ERRORS as exc:
                    raise archive_error(self.path, self.member or "", exc)
                except csv.Error as exc:
                    raise DataError(
                        translate(
                            "TextFile", "{file}, line {line}: the line cannot be read as delimited text ({error})."
                        ).format(file=self.name, line=previous + 1, error=exc)
                    )
                start = previous + 1
                previous = reader.line_num
                if record and not (len(record) == 1 and not record[0].strip()):  # pandas skips blank lines too
                    yield start, record

    def records(self) -> Iterator[Tuple[int, List[str]]]:
        """``(line, values)`` of every data record (header and blank lines skipped), in the current encoding."""
        first = True
        for line, record in self._numbered():
            if first:
                first = False
                continue
            yield line, record

    def read_all(self, warn: Warn = None, cancel=None) -> Tuple[List[List[str]], List[int]]:
        """Every data record and its line, with the Windows-1252 fallback (small and medium tables)."""

        def read(table: "TextFile"):
            rows: List[List[str]] = []
            lines: List[int] = []
            for count, (line, record) in enumerate(table.records()):
                if cancel is not None and count % 50000 == 0 and cancel():
                    from .errors import Canceled

                    raise Canceled()
                rows.append(record)
                lines.append(line)
            return rows, lines

        return with_encoding_fallback(self, read, warn)

    def _scan_to(self, index: int) -> None:
        """Fill the line (and width) of data records up to ``index`` (0-based), scanning once."""
        if self._starts is None or self._scan_encoding != self.encoding:
            self._starts, self._widths = array("q"), array("l")
            self._scan = self.records()
            self._scan_encoding = self.encoding
        while len(self._starts) <= index:
            try:
                line, record = next(self._scan)
            except StopIteration:
                return
            except UnicodeDecodeError:
                self._scan = iter(())
                return
            self._starts.append(line)
            self._widths.append(len(record))

    def line_of(self, index: int) -> int:
        """The file line of data record ``index`` (0 = the first row under the header)."""
        self._scan_to(index)
        if index < len(self._starts):
            return int(self._starts[index])
        return index + self.header_line + 1  # past the end (should not happen): the naive count

    def fields_of(self, index: int) -> int:
        """How many fields data record ``index`` has (-1 when unknown)."""
        self._scan_to(index)
        return int(self._widths[index]) if index < len(self._widths) else -1

    def is_last_record(self, index: int) -> bool:
        """True when data record ``index`` is the last one of the file."""
        self._scan_to(index + 1)
        return len(self._starts) == index + 1

    def ends_with_newline(self) -> bool:
        """True when the file's last byte is a line break (or it cannot be told, inside a ZIP)."""
        if self.member is not None:
            return True
        with open(self.path, "rb") as handle:
            handle.seek(0, os.SEEK_END)
            size = handle.tell()
            handle.seek(max(0, size - 2))
            tail = handle.read()
        return tail.endswith((b"\n", b"\r", b"\n\x00", b"\r\x00", b"\x00\n"))

    def first_wide_record(self) -> Optional[Tuple[int, int]]:
        """(line, fields) of the first data record with more (non-empty) fields than the header, if any."""
        width = len(self.columns)
        for line, record in self.records():
            if len(record) > width and any(v.strip() for v in record[width:]):
                return line, len(record)
        return None

    # -- chunks (pandas, C parser) -----------------------------------------------------------------
    def chunks(
        self, usecols: Sequence[int], chunksize: int = 500_000, numeric: Sequence[int] = ()
    ) -> Iterator[Tuple[Lines, pd.DataFrame]]:
        """``(line of the first row, chunk)`` with the columns ``usecols`` (indices) as text.

        The line is a :class:`Lines`: ``line_at(first, position)`` gives the exact file line of any
        row. ``numeric`` columns are parsed as floats by the C parser (faster, and no Python string per
        value); a value it cannot parse raises :class:`NumericColumnError`, and the caller reads the
        file again as text to name the line (:func:`providers.od.parse_numbers`). A decoding error
        half-way raises :class:`UnicodeDecodeError`: :func:`with_encoding_fallback` restarts the read.
        """
        usecols = sorted(set(usecols))
        names = [self.columns[i] for i in usecols]
        dtype = {i: ("float64" if i in numeric else str) for i in usecols}
        done = 0
        if not self.has_rows:
            return
        with self.open_binary() as handle:
            try:
                reader = pd.read_csv(
                    handle,
                    sep=self.sep,
                    header=0,
                    index_col=False,  # a separator at the end of every row must not shift the columns
                    usecols=usecols,
                    dtype=dtype,
                    encoding=self.encoding,
                    chunksize=chunksize,
                    na_filter=False,
                    keep_default_na=False,
                    engine="c",
                    skip_blank_lines=True,
                    quotechar='"',
                )
                for chunk in reader:
                    chunk.columns = names
                    try:
                        self.position = handle.tell()
                    except (OSError, ValueError):
                        self.position = 0
                    first = Lines(self, done)
                    done += len(chunk)
                    yield first, chunk.reset_index(drop=True)
            except ARCHIVE_ERRORS as exc:
                raise archive_error(self.path, self.member or "", exc)
            except pd.errors.EmptyDataError:
                return
            except ValueError as exc:
                if isinstance(exc, (DataError, UnicodeDecodeError)):
                    raise
                if numeric and not isinstance(exc, pd.errors.ParserError):
                    raise NumericColumnError(str(exc))
                raise self._parser_error(exc)

    def wide_row_error(self, line: int, count: int) -> DataError:
        return DataError(
            translate(
                "TextFile",
                "{file}, line {line}: {count} values where the header has {columns} columns (separator '{sep}'). "
                "Check the separator and the quotes of that line, or remove it.",
            ).format(file=self.name, line=line, count=count, columns=len(self.columns), sep=self.separator_label)
        )

    def _parser_error(self, exc: Exception) -> DataError:
        wide = None
        try:
            wide = self.first_wide_record()
        except (DataError, UnicodeDecodeError):
            pass
        if wide is not None:
            return self.wide_row_error(*wide)
        return DataError(
            translate(
                "OdTable",
                "'{file}' could not be read as a table: {error}. Check that it is a delimited text file "
                "with one header line (separator '{sep}').",
            ).format(file=self.name, error=short(exc, 200), sep=self.separator_label)
        )


def simplify(text: str) -> str:
    """Upper case, no accents, no spaces or punctuation: 'Catégorie visiteur' -> 'CATEGORIEVISITEUR'."""
    import unicodedata

    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def pick_member(path: str, prefer: Optional[str]) -> str:
    """The main table of a ZIP: the largest CSV/TXT (``prefer``: a name pattern to favour)."""
    try:
        with zipfile.ZipFile(path) as archive:
            infos = [i for i in archive.infolist() if not i.is_dir() and i.filename.lower().endswith(TEXT_EXTENSIONS)]
    except ARCHIVE_ERRORS + (OSError,) as exc:
        raise archive_error(path, "", exc)
    if not infos:
        raise DataError(
            translate(
                "OdTable",
                "The ZIP file '{file}' holds no CSV or TXT table: give the ZIP downloaded from the producer, or the "
                "table extracted from it.",
            ).format(file=os.path.basename(path))
        )
    if prefer:
        preferred = [i for i in infos if re.search(prefer, os.path.basename(i.filename), re.I)]
        if preferred:
            infos = preferred
    infos = [i for i in infos if not re.match(r"(varmod|meta|doc|lisez)", os.path.basename(i.filename), re.I)] or infos
    return max(infos, key=lambda i: i.file_size).filename


def open_table(
    path: str,
    prefer_member: Optional[str] = None,
    require_separator: bool = True,
    sep: Optional[str] = None,
    limits: ZipLimits = TABLE_ZIP_LIMITS,
) -> TextFile:
    """Open a CSV/TXT file or the main table of a ZIP: encoding, separator and header found.

    Raises :class:`DataError` for a missing, empty, binary, header-only-and-single-column or
    mixed-separator file, and for a damaged archive."""
    if not path or not os.path.exists(path):
        raise DataError(translate("OdTable", "The file '{file}' does not exist: check the path.").format(file=path))
    if os.path.isdir(path):
        raise DataError(
            translate("TextFile", "'{file}' is a folder, not a file: give the table file itself.").format(file=path)
        )
    member = None
    name = os.path.basename(path)
    if zipfile.is_zipfile(path):
        member = pick_member(path, prefer_member)
        name = f"{name}/{member}"
        with zipfile.ZipFile(path) as archive:
            check = check_zip(archive, limits, lambda n: n == member)
        if check.problems:
            raise DataError(
                translate("Gtfs", "The archive '{name}' cannot be used: {problems}.").format(
                    name=os.path.basename(path), problems="; ".join(check.problems)
                )
            )
    elif looks_like_zip(path):
        raise DataError(
            translate(
                "TextFile",
                "'{file}' is a damaged or incomplete zip archive (its table of contents is missing): download it "
                "again completely.",
            ).format(file=name)
        )
    table = TextFile(path, member, "utf-8", ";", [], name)
    try:
        with table.open_binary() as handle:
            sample = handle.read(SAMPLE_BYTES)
            more = handle.read(SAMPLE_BYTES)
            while more and sample.lstrip(b"\r\n\x00").count(b"\n") < 2 and len(sample) < MAX_HEADER_BYTES:
                sample += more  # a header (or first row) longer than the sample: read on to its end
                more = handle.read(SAMPLE_BYTES)
            cut = bool(more)
    except ARCHIVE_ERRORS as exc:
        raise archive_error(path, member or "", exc)
    if not sample.strip() or not sample.strip(b"\r\n\t \xef\xbb\xbf\xff\xfe\x00"):
        raise DataError(translate("OdTable", "'{file}' is empty.").format(file=name))
    encoding = detect_encoding(sample)
    if b"\0" in sample[:4096] and not encoding.startswith("utf-16"):
        raise DataError(
            translate(
                "OdTable",
                "'{file}' is not a text table (it holds binary data). Export it as CSV (UTF-8, ';' separator) "
                "and try again.",
            ).format(file=name)
        )
    table.encoding = encoding
    if encoding.startswith("utf-16") and len(sample) % 2:
        sample = sample[:-1]
    text = sample.decode(encoding, errors="replace").lstrip("\ufeff")
    if not text.strip():
        raise DataError(translate("OdTable", "'{file}' is empty.").format(file=name))
    table.sep = sep or choose_separator(text, cut, name, require_separator)
    leading = len(text) - len(text.lstrip("\r\n"))
    table.header_line = 1 + text[:leading].count("\n") if leading else 1
    head = _records(text, table.sep, 2)
    header = head[0] if head else []
    table.columns = [c.strip().strip('"').strip("\ufeff").strip() for c in header]
    table.has_rows = len(head) > 1 or cut
    if require_separator and table.has_rows:
        # pandas reads only the columns used and would drop extra values of a row without a word: the
        # sample's rows with more values than the header stop the import here, naming the line
        sample = _records(text, table.sep, SAMPLE_RECORDS)
        if cut and len(sample) > 1:
            sample = sample[:-1]
        if any(len(record) > len(header) and any(v.strip() for v in record[len(header) :]) for record in sample[1:]):
            wide = table.first_wide_record()
            if wide is not None:
                raise table.wide_row_error(*wide)
    return table


def no_rows_error(table: TextFile) -> DataError:
    """The message for a file that holds its header line and no data row."""
    return DataError(
        translate(
            "TextFile",
            "'{file}' holds a header line ({columns}) but no data row: export the table again with its rows.",
        ).format(file=table.name, columns=short(", ".join(table.columns), 120))
    )


def with_encoding_fallback(table: TextFile, read: Callable[[TextFile], object], warn: Warn = None):
    """Run ``read(table)``; if the file turns out not to be UTF-8 half-way, restart in Windows-1252."""
    while True:
        try:
            return read(table)
        except UnicodeDecodeError:
            if table.member:  # garbage from a damaged zip member is damage, not another encoding
                verify_member(table.path, table.member)
            following = fallback_encoding(table.encoding)
            if following is None:
                raise DataError(
                    translate(
                        "TextFile",
                        "'{file}' cannot be decoded as {encoding}: save it again as UTF-8 and try again.",
                    ).format(file=table.name, encoding=table.encoding_label)
                )
            if following == "cp1252":
                message = translate(
                    "OdTable", "'{file}' is not UTF-8 after all: reading it again as Windows-1252."
                ).format(file=table.name)
                table.warnings.append(message)
                if warn:
                    warn(message)
            table.encoding = following
