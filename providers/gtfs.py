"""GTFS feeds: safe zip reading, a report of what is wrong, service calendar and departures.

Pure Python (pandas, numpy, shapely): the import algorithm and the transit-coverage analysis
share it. Main entry points:

- :func:`load_feed` reads a GTFS zip safely (no extraction, no path traversal, size and
  compression-ratio limits, CSV with or without BOM) into a :class:`Feed`. Problems that make the
  feed unusable raise :class:`GtfsError` (a :class:`DataError`) listing *every* problem found;
  problems on some rows are reported in ``Feed.warnings`` and those rows are set aside.
- :func:`service_tables` gives, for one date and one time window, the ``stops``, ``routes`` and
  ``departures`` tables (see :class:`ServiceTables`), honouring calendar.txt and
  calendar_dates.txt, times past 24:00:00 and trips of the previous service day.
- :func:`route_lines` draws one (multi)line per route from shapes.txt, or, when it is missing or
  broken, from the stop sequence of the most frequent trip pattern of each direction.

Times are seconds after midnight of the service day (GTFS "noon minus 12 h"; daylight-saving days
are not corrected).
"""

import csv
import datetime as dt
import io
import os
import posixpath
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, Iterator, List, Optional, Tuple

import numpy as np
import pandas as pd
from shapely.geometry import LineString, MultiLineString

from .archive import (
    ARCHIVE_ERRORS,
    ArchiveError,
    ZipCheck,
    ZipLimits,
    archive_error,
    check_zip,
    extract_safely,
    open_zip,
    unsafe_member_name,
    verify_member,
)
from .errors import Canceled, DataError
from .i18n import translate
from .textfile import short

MiB = 2**20
DAY = 86400
EXAMPLES = 3  # examples quoted in a warning

CancelCheck = Optional[Callable[[], bool]]
Progress = Optional[Callable[[float], None]]


class GtfsError(DataError):
    """The feed cannot be used; the message lists every problem found."""

    def __init__(self, message: str, problems: List[str]):
        super().__init__(message)
        self.problems = problems


# -- safe zip reading ------------------------------------------------------------------------------


# the zip safety of every reader lives in providers/archive.py (re-exported here for older imports)
__all_archive__ = (ZipLimits, ZipCheck, check_zip, open_zip, extract_safely, unsafe_member_name)
DEFAULT_LIMITS = ZipLimits()


# -- GTFS files and columns -----------------------------------------------------------------------

REQUIRED_FILES = ("stops.txt", "routes.txt", "trips.txt", "stop_times.txt")
CALENDAR_FILES = ("calendar.txt", "calendar_dates.txt")
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

#: file -> (required columns, optional columns read)
COLUMNS: Dict[str, Tuple[Tuple[str, ...], Tuple[str, ...]]] = {
    "agency.txt": ((), ("agency_id", "agency_name", "agency_url", "agency_timezone")),
    "feed_info.txt": ((), ("feed_publisher_name", "feed_start_date", "feed_end_date", "feed_version")),
    "stops.txt": (("stop_id",), ("stop_code", "stop_name", "stop_lat", "stop_lon", "location_type", "parent_station")),
    "routes.txt": (
        ("route_id", "route_type"),
        ("agency_id", "route_short_name", "route_long_name", "route_color", "route_text_color"),
    ),
    "trips.txt": (("route_id", "service_id", "trip_id"), ("direction_id", "shape_id", "trip_headsign")),
    "stop_times.txt": (
        ("trip_id", "stop_id", "stop_sequence", "arrival_time", "departure_time"),
        ("pickup_type",),
    ),
    "calendar.txt": (("service_id",) + WEEKDAYS + ("start_date", "end_date"), ()),
    "calendar_dates.txt": (("service_id", "date", "exception_type"), ()),
    "shapes.txt": (("shape_id", "shape_pt_lat", "shape_pt_lon", "shape_pt_sequence"), ()),
}

ROUTE_MODES = {
    0: "tram",
    1: "metro",
    2: "rail",
    3: "bus",
    4: "ferry",
    5: "cable tram",
    6: "aerial lift",
    7: "funicular",
    11: "trolleybus",
    12: "monorail",
}
#: extended route types (hundreds) -> mode
EXTENDED_MODES = {
    1: "rail",
    2: "coach",
    4: "metro",
    5: "metro",
    6: "metro",
    7: "bus",
    8: "trolleybus",
    9: "tram",
    10: "ferry",
    11: "air",
    12: "ferry",
    13: "aerial lift",
    14: "funicular",
    15: "taxi",
    17: "other",
}


def route_mode(route_type) -> str:
    try:
        value = int(str(route_type).strip())
    except ValueError:
        return ""
    if value in ROUTE_MODES:
        return ROUTE_MODES[value]
    return EXTENDED_MODES.get(value // 100, "")


def _examples(values: Iterable) -> str:
    items = []
    for value in values:
        items.append(str(value))
        if len(items) >= EXAMPLES:
            break
    return ", ".join(items)


@dataclass
class Feed:
    """A GTFS feed read into pandas tables (text columns stay text; ids are strings)."""

    path: str
    agency: pd.DataFrame
    stops: pd.DataFrame  # + lon, lat (float, NaN when missing or bad)
    routes: pd.DataFrame
    trips: pd.DataFrame
    stop_times: pd.DataFrame  # trip_id, stop_id, stop_sequence (int), time (float s), is_first, is_last, pickup_type
    calendar: pd.DataFrame
    calendar_dates: pd.DataFrame
    shapes: Optional[pd.DataFrame]  # shape_id, lon, lat, seq; None when absent or unusable
    feed_info: pd.DataFrame
    warnings: List[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    def agency_names(self) -> List[str]:
        if "agency_name" not in self.agency:
            return []
        return [n for n in self.agency["agency_name"].str.strip().unique().tolist() if n]

    def service_period(self) -> Tuple[Optional[dt.date], Optional[dt.date]]:
        """First and last day with a service, from calendar and calendar_dates."""
        days = []
        if not self.calendar.empty:
            days += [self.calendar["start"].min(), self.calendar["end"].max()]
        if not self.calendar_dates.empty:
            added = self.calendar_dates[self.calendar_dates["exception_type"] == "1"]
            if not added.empty:
                days += [added["day"].min(), added["day"].max()]
        days = [d for d in days if d is not None and not pd.isna(d)]
        if not days:
            return None, None
        return min(days), max(days)


class _Reader:
    """Reads the CSV members of one archive in bounded memory, collecting problems and warnings.

    Every table is read in chunks by pandas' C parser (all its columns, so that a line with too many
    fields is found; only the columns used are kept). A malformed line makes the table be read again
    line by line, the bad lines set aside and reported. Archive errors (bad CRC, a member cut short or
    lying about its size) and a lack of memory are problems naming the archive and the member, never
    tracebacks."""

    CHUNK_ROWS = 200_000

    def __init__(
        self,
        archive: zipfile.ZipFile,
        members: Dict[str, zipfile.ZipInfo],
        cancel: CancelCheck,
        path: str = "",
        chunk_rows: Optional[int] = None,
    ):
        self.archive = archive
        self.members = members
        self.cancel = cancel
        self.path = path or getattr(archive, "filename", "") or ""
        self.chunk_rows = chunk_rows or self.CHUNK_ROWS
        self.problems: List[str] = []
        self.warnings: List[str] = []

    def check_cancel(self):
        if self.cancel is not None and self.cancel():
            raise Canceled()

    def read(self, name: str, chunk_rows: Optional[int] = None, progress: Progress = None) -> Optional[pd.DataFrame]:
        """The table (its known columns, as text), or None (and a problem) when it is absent or unusable."""
        _, optional = COLUMNS[name]

        def build(columns: List[str]):
            return _FrameBuilder(columns, set(COLUMNS[name][0]) | set(optional))

        built = self._run(name, build, chunk_rows, progress)
        if built is None:
            return None
        frame = built.frame()
        for column in optional:
            if column not in frame.columns:
                frame[column] = ""
        return frame

    def read_stop_times(self, progress: Progress = None) -> Optional["_StopTimesBuilder"]:
        """stop_times.txt in compact arrays (ids as integer codes, numbers parsed chunk by chunk)."""
        return self._run("stop_times.txt", _StopTimesBuilder, None, progress)

    # -- the driver ------------------------------------------------------------------------------
    def _run(self, name: str, build: Callable, chunk_rows: Optional[int], progress: Progress):
        info = self.members.get(name)
        if info is None:
            return None
        required, _ = COLUMNS[name]
        rows = chunk_rows or self.chunk_rows
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                header = self._header(info, encoding)
                if header is None:
                    self.problems.append(translate("Gtfs", "{name} is empty (no header line)").format(name=name))
                    return None
                missing = [c for c in required if c not in header]
                if missing:
                    self.problems.append(
                        translate("Gtfs", "{name} lacks the required column(s) {columns}").format(
                            name=name, columns=", ".join(short(c) for c in missing)
                        )
                    )
                    return None
                try:
                    builder = build(header)
                    self._feed(builder, self._fast(info, encoding, rows), info, progress)
                except pd.errors.ParserError:
                    bad: List[int] = []
                    builder = build(header)
                    self._feed(builder, self._tolerant(info, encoding, rows, bad, len(header)), info, progress)
                    self.warnings.append(
                        translate(
                            "Gtfs", "{name}: {count} malformed line(s) (wrong number of fields) skipped{examples}"
                        ).format(
                            name=name,
                            count=len(bad),
                            examples=(" (" + _examples(f"line {n}" for n in bad) + ")") if bad else "",
                        )
                    )
                if encoding != "utf-8-sig":
                    self.warnings.append(
                        translate("Gtfs", "{name} is not UTF-8: read as Windows-1252").format(name=name)
                    )
                return builder
            except UnicodeDecodeError:
                try:  # garbage from a damaged member is damage, not another encoding
                    verify_member(self.path, info.filename, self.archive)
                except ArchiveError as exc:
                    self.problems.append(str(exc).rstrip("."))
                    return None
                continue
            except ARCHIVE_ERRORS as exc:
                self.problems.append(str(archive_error(self.path, info.filename, exc)).rstrip("."))
                return None
            except csv.Error as exc:
                self.problems.append(
                    translate("Gtfs", "{name} cannot be read as CSV ({error})").format(name=name, error=short(exc, 120))
                )
                return None
            except MemoryError:
                self.problems.append(
                    translate(
                        "Gtfs",
                        "{name} ({size} MB uncompressed) does not fit in the memory left: close other programs or "
                        "give a smaller feed (fewer days or routes)",
                    ).format(name=name, size=info.file_size // MiB)
                )
                return None
        self.problems.append(  # pragma: no cover - cp1252 decodes nearly everything
            translate("Gtfs", "{name} has an unknown text encoding: save it as UTF-8").format(name=name)
        )
        return None

    def _feed(self, builder, chunks: Iterator[pd.DataFrame], info, progress: Progress) -> None:
        estimate = max(1, info.file_size // 60)  # about 60 bytes per stop_times row
        done = 0
        for part in chunks:
            self.check_cancel()
            builder.add(part, done)
            done += len(part)
            if progress is not None:
                progress(min(1.0, done / estimate))

    def _open_text(self, info, encoding):
        return io.TextIOWrapper(self.archive.open(info), encoding=encoding, newline="")

    def _header(self, info, encoding) -> Optional[List[str]]:
        with self._open_text(info, encoding) as handle:
            for record in csv.reader(handle, skipinitialspace=True):
                if record:
                    return [_clean_name(c) for c in record]
        return None

    def _fast(self, info, encoding, rows: int) -> Iterator[pd.DataFrame]:
        # every column is parsed (no usecols) so that a line with too many fields is found
        args = {"dtype": str, "keep_default_na": False, "na_filter": False, "skipinitialspace": True}
        args["index_col"] = False  # a comma at the end of every row must not shift the columns
        with self._open_text(info, encoding) as handle:
            for part in pd.read_csv(handle, chunksize=rows, **args):
                part.columns = [_clean_name(c) for c in part.columns]
                yield part

    def _tolerant(self, info, encoding, rows: int, bad: List[int], width: int) -> Iterator[pd.DataFrame]:
        """Slow path for malformed CSV: line by line, lines with too many fields set aside (``bad``)."""
        with self._open_text(info, encoding) as handle:
            reader = csv.reader(handle, skipinitialspace=True)
            header = None
            batch: List[List[str]] = []
            previous = 0
            for record in reader:
                start, previous = previous + 1, reader.line_num
                if not record:
                    continue
                if header is None:
                    header = [_clean_name(c) for c in record]
                    continue
                if len(record) > width and any(v.strip() for v in record[width:]):
                    bad.append(start)
                    continue
                record = record[:width]
                if len(record) < width:
                    record = record + [""] * (width - len(record))
                batch.append(record)
                if len(batch) >= rows:
                    yield pd.DataFrame(batch, columns=header, dtype=object)
                    batch = []
            if header is not None and batch:
                yield pd.DataFrame(batch, columns=header, dtype=object)


def _clean_name(name) -> str:
    """A column name without spaces and byte-order mark (also one read as Windows-1252: 'ï»¿')."""
    text = str(name).strip().lstrip("\ufeff")
    if text.startswith("\u00ef\u00bb\u00bf"):
        text = text[3:]
    return text.strip()


class _FrameBuilder:
    """Keeps the wanted columns of each chunk (small tables)."""

    def __init__(self, columns: List[str], wanted: set):
        self.columns = [c for c in dict.fromkeys(columns) if c in wanted]
        self.parts: List[pd.DataFrame] = []

    def add(self, part: pd.DataFrame, first_row: int) -> None:
        part = part.loc[:, ~part.columns.duplicated()]
        self.parts.append(part[[c for c in self.columns if c in part.columns]])

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in self.columns})
        return pd.concat(self.parts, ignore_index=True)


class _StopTimesBuilder:
    """stop_times.txt in compact arrays: trip and stop ids as int32 codes into dictionaries, the
    sequence and both times as float64, pickup_type as a small code; bad times counted with examples.
    About 40 bytes per row instead of the ~270 of six text columns."""

    def __init__(self, columns: List[str]):
        from .od import Dictionary

        self.trips = Dictionary()
        self.stops = Dictionary()
        self.pickups = Dictionary([""])
        self.parts: Dict[str, List[np.ndarray]] = {k: [] for k in ("trip", "stop", "seq", "time", "pickup")}
        self.rows = 0
        self.bad_times = 0
        self.bad_examples: List[str] = []
        self.has_pickup = "pickup_type" in columns

    def add(self, part: pd.DataFrame, first_row: int) -> None:
        n = len(part)
        if n == 0:
            return
        part = part.loc[:, ~part.columns.duplicated()]
        self.parts["trip"].append(self.trips.ids(_strip_series(part["trip_id"]).to_numpy()).astype(np.int32))
        self.parts["stop"].append(self.stops.ids(_strip_series(part["stop_id"]).to_numpy()).astype(np.int32))
        self.parts["seq"].append(
            pd.to_numeric(_strip_series(part["stop_sequence"]), errors="coerce").to_numpy(dtype="float64")
        )
        if self.has_pickup:
            pickup = self.pickups.ids(_strip_series(part["pickup_type"]).to_numpy()).astype(np.int16)
        else:
            pickup = np.zeros(n, dtype=np.int16)
        self.parts["pickup"].append(pickup)
        departure, bad_dep = parse_gtfs_times(part["departure_time"])
        arrival, bad_arr = parse_gtfs_times(part["arrival_time"])
        bad = bad_dep | bad_arr
        if bad.any():
            self.bad_times += int(bad.sum())
            if len(self.bad_examples) < EXAMPLES:
                values = np.where(bad_dep, part["departure_time"].to_numpy(), part["arrival_time"].to_numpy())
                for position in np.flatnonzero(bad)[: EXAMPLES - len(self.bad_examples)]:
                    self.bad_examples.append(f"'{short(values[position], 30)}' (line {first_row + position + 2})")
        self.parts["time"].append(np.where(np.isnan(departure), arrival, departure))
        self.rows += n

    def column(self, key: str) -> np.ndarray:
        parts = self.parts[key]
        if not parts:
            return np.zeros(0, dtype={"trip": np.int32, "stop": np.int32, "pickup": np.int16}.get(key, "float64"))
        array = np.concatenate(parts) if len(parts) > 1 else parts[0]
        self.parts[key] = [array]
        return array


def _strip(frame: pd.DataFrame, columns: Iterable[str]) -> pd.DataFrame:
    for column in columns:
        if column in frame.columns:
            frame[column] = _strip_series(frame[column])
    return frame


TIME_PATTERN = r"^\s*(\d{1,3}):([0-5]\d):([0-5]\d)\s*$"
WHITESPACE = (32, 9, 13, 10, 0xA0)


def _codes(values: pd.Series) -> Tuple[np.ndarray, np.ndarray]:
    """Unicode code points (rows padded with 0) and lengths of a text column, without a Python loop."""
    text = np.asarray(values.to_numpy(dtype=object), dtype=str)
    width = text.dtype.itemsize // 4
    if width == 0 or len(text) == 0:
        return np.zeros((len(text), 0), dtype=np.uint32), np.zeros(len(text), dtype=int)
    codes = text.view(np.uint32).reshape(len(text), width)
    return codes, (codes != 0).sum(axis=1)


def _strip_series(values: pd.Series) -> pd.Series:
    """``str.strip`` only when some value starts or ends with white space (the slow part is rare)."""
    codes, length = _codes(values)
    if codes.shape[1] == 0:
        return values
    filled = length > 0
    first = codes[:, 0]
    last = codes[np.arange(len(codes)), np.maximum(length - 1, 0)]
    if not (filled & (np.isin(first, WHITESPACE) | np.isin(last, WHITESPACE))).any():
        return values
    return values.str.strip()


def parse_gtfs_times(values: pd.Series) -> Tuple[np.ndarray, np.ndarray]:
    """Seconds (float, NaN when empty or bad) and a mask of the bad non-empty values.

    H:MM:SS, HH:MM:SS and HHH:MM:SS are decoded with numpy on the code points; anything else
    (white space around, odd forms) goes through a regular expression."""
    codes, length = _codes(values)
    seconds = np.full(len(length), np.nan)
    digits = codes.astype(np.int64) - 48
    for size in (8, 7, 9):
        rows = np.flatnonzero(length == size)
        if len(rows) == 0:
            continue
        hour_digits = size - 6
        d, c = digits[rows], codes[rows]
        ok = (c[:, hour_digits] == 58) & (c[:, hour_digits + 3] == 58)
        for k in list(range(hour_digits)) + [hour_digits + 1, hour_digits + 2, hour_digits + 4, hour_digits + 5]:
            ok &= (d[:, k] >= 0) & (d[:, k] <= 9)
        ok &= (d[:, hour_digits + 1] <= 5) & (d[:, hour_digits + 4] <= 5)
        hours = np.zeros(len(rows), dtype=np.int64)
        for k in range(hour_digits):
            hours = hours * 10 + d[:, k]
        value = (
            hours * 3600
            + (d[:, hour_digits + 1] * 10 + d[:, hour_digits + 2]) * 60
            + d[:, hour_digits + 4] * 10
            + d[:, hour_digits + 5]
        )
        seconds[rows] = np.where(ok, value, np.nan)
    rest = np.flatnonzero(np.isnan(seconds) & (length > 0))
    if len(rest):
        parts = values.iloc[rest].astype(str).str.extract(TIME_PATTERN)
        seconds[rest] = (
            parts[0].astype(float).to_numpy() * 3600
            + parts[1].astype(float).to_numpy() * 60
            + parts[2].astype(float).to_numpy()
        )
        blank = values.iloc[rest].astype(str).str.strip().eq("").to_numpy()
        length = length.copy()
        length[rest[blank]] = 0
    bad = np.isnan(seconds) & (length > 0)
    return seconds, bad


def parse_clock(text: str, what: str = "") -> int:
    """A time of day 'HH:MM' or 'HH:MM:SS' (hours up to 47) -> seconds."""
    value = (text or "").strip()
    match = re.match(r"^(\d{1,2})(?:[:hH](\d{2}))?(?::(\d{2}))?$", value)
    if not match or int(match.group(2) or 0) > 59 or int(match.group(3) or 0) > 59 or int(match.group(1)) > 47:
        raise DataError(
            translate(
                "Gtfs",
                "'{value}' is not a time{what}: write it HH:MM, e.g. 07:30 (after midnight of the same service day: "
                "25:30).",
            ).format(value=value, what=f" ({what})" if what else "")
        )
    return int(match.group(1)) * 3600 + int(match.group(2) or 0) * 60 + int(match.group(3) or 0)


def parse_day(text: str) -> dt.date:
    """A date 'YYYY-MM-DD' or 'YYYYMMDD'."""
    value = (text or "").strip()
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    raise DataError(
        translate("Gtfs", "'{value}' is not a date: write it YYYY-MM-DD, e.g. 2025-10-14.").format(value=value)
    )


def _gtfs_days(values: pd.Series) -> pd.Series:
    return pd.to_datetime(values.str.strip(), format="%Y%m%d", errors="coerce").dt.date


def _find_members(
    archive: zipfile.ZipFile, limits: ZipLimits, warnings: List[str], problems: List[str]
) -> Dict[str, zipfile.ZipInfo]:
    known = set(COLUMNS)

    def wanted(name):
        return posixpath.basename(name.replace("\\", "/")).lower() in known

    check = check_zip(archive, limits, wanted)
    warnings.extend(check.warnings)
    problems.extend(check.problems)
    found: Dict[str, zipfile.ZipInfo] = {}
    for info in sorted(check.members, key=lambda i: (i.filename.count("/"), i.filename)):
        base = posixpath.basename(info.filename.replace("\\", "/")).lower()
        if base in found:
            warnings.append(
                translate("Gtfs", "several '{base}' in the archive: '{used}' used, '{other}' ignored").format(
                    base=base, used=found[base].filename, other=info.filename
                )
            )
            continue
        found[base] = info
    nested = sorted({posixpath.dirname(i.filename) for i in found.values()} - {""})
    if nested:
        warnings.append(
            translate("Gtfs", "the GTFS files are inside the folder '{folder}' of the archive").format(folder=nested[0])
        )
    return found


def load_feed(
    path: str, limits: ZipLimits = DEFAULT_LIMITS, cancel: CancelCheck = None, progress: Progress = None
) -> Feed:
    """Read and check a GTFS zip. Raises :class:`GtfsError` listing every problem when unusable."""

    def step(value):
        if progress is not None:
            progress(value)

    name = os.path.basename(path)
    warnings: List[str] = []
    problems: List[str] = []
    with open_zip(path) as archive:
        members = _find_members(archive, limits, warnings, problems)
        reader = _Reader(archive, members, cancel, path)
        for required in REQUIRED_FILES:
            if required not in members:
                problems.append(translate("Gtfs", "{file} is missing").format(file=required))
        if not any(f in members for f in CALENDAR_FILES):
            problems.append(
                translate("Gtfs", "calendar.txt and calendar_dates.txt are both missing: no service day is known")
            )
        if problems:
            raise _fatal(name, problems, warnings)
        tables = {}
        for index, file in enumerate(
            (
                "agency.txt",
                "feed_info.txt",
                "stops.txt",
                "routes.txt",
                "trips.txt",
                "calendar.txt",
                "calendar_dates.txt",
                "shapes.txt",
            )
        ):
            reader.check_cancel()
            tables[file] = reader.read(file)
            step(2.0 * (index + 1))
        tables["stop_times.txt"] = reader.read_stop_times(progress=lambda f: step(16 + 54 * f))
        reader.check_cancel()
    warnings.extend(reader.warnings)
    problems.extend(reader.problems)
    if problems:
        raise _fatal(name, problems, warnings)
    try:
        feed = _build_feed(path, tables, warnings, problems, cancel)
    except MemoryError:
        problems.append(
            translate(
                "Gtfs",
                "the feed does not fit in the memory left once read: close other programs or give a smaller feed "
                "(fewer days or routes)",
            )
        )
        raise _fatal(name, problems, warnings)
    step(95)
    if problems:
        raise _fatal(name, problems, warnings)
    return feed


def _fatal(name: str, problems: List[str], warnings: List[str]) -> GtfsError:
    lines = [translate("Gtfs", "The GTFS feed '{name}' cannot be used:").format(name=name)]
    lines += [f"- {p}" for p in problems]
    if warnings:
        lines.append(translate("Gtfs", "Other remarks:"))
        lines += [f"- {w}" for w in warnings]
    return GtfsError("\n".join(lines), problems)


def _empty(columns) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=str) for c in columns})


def _dedupe(frame: pd.DataFrame, key: str, file: str, warnings: List[str]) -> pd.DataFrame:
    duplicated = frame[key].duplicated()
    if duplicated.any():
        warnings.append(
            translate("Gtfs", "{file}: {count} duplicate {key}(s) ({examples}); the first row of each kept").format(
                file=file, count=int(duplicated.sum()), key=key, examples=_examples(frame.loc[duplicated, key].unique())
            )
        )
        frame = frame[~duplicated]
    return frame


def _build_feed(path, tables, warnings: List[str], problems: List[str], cancel: CancelCheck) -> Feed:
    def check_cancel():
        if cancel is not None and cancel():
            raise Canceled()

    agency = tables["agency.txt"] if tables["agency.txt"] is not None else _empty(COLUMNS["agency.txt"][1])
    feed_info = tables["feed_info.txt"] if tables["feed_info.txt"] is not None else _empty(COLUMNS["feed_info.txt"][1])

    # stops: coordinates checked, bad ones kept as NaN and reported
    stops = _strip(tables["stops.txt"], ("stop_id", "location_type", "parent_station"))
    stops = _dedupe(stops, "stop_id", "stops.txt", warnings).reset_index(drop=True)
    stops["location_type"] = stops["location_type"].replace("", "0")
    lat = pd.to_numeric(stops["stop_lat"].str.strip(), errors="coerce")
    lon = pd.to_numeric(stops["stop_lon"].str.strip(), errors="coerce")
    bad = lat.isna() | lon.isna() | (lat.abs() > 90) | (lon.abs() > 180) | ((lat == 0) & (lon == 0))
    needs_position = stops["location_type"].isin(["0", "1", "2"])
    reported = bad & needs_position
    if reported.any():
        warnings.append(
            translate(
                "Gtfs", "stops.txt: {count} stop(s) without valid coordinates ({examples}): kept without a position"
            ).format(count=int(reported.sum()), examples=_examples(stops.loc[reported, "stop_id"]))
        )
    stops["lat"] = lat.where(~bad)
    stops["lon"] = lon.where(~bad)
    stop_ids = set(stops["stop_id"])

    routes = _strip(tables["routes.txt"], ("route_id", "route_type", "agency_id", "route_color", "route_text_color"))
    routes = _dedupe(routes, "route_id", "routes.txt", warnings).reset_index(drop=True)
    route_ids = set(routes["route_id"])

    trips = _strip(tables["trips.txt"], ("route_id", "service_id", "trip_id", "direction_id", "shape_id"))
    trips = _dedupe(trips, "trip_id", "trips.txt", warnings)
    orphan = ~trips["route_id"].isin(route_ids)
    if orphan.any():
        warnings.append(
            translate(
                "Gtfs", "trips.txt: {count} trip(s) refer to a route missing from routes.txt ({examples}): set aside"
            ).format(count=int(orphan.sum()), examples=_examples(trips.loc[orphan, "route_id"].unique()))
        )
        trips = trips[~orphan]
    trips = trips.reset_index(drop=True)
    check_cancel()

    calendar = tables["calendar.txt"]
    if calendar is None:
        calendar = _empty(COLUMNS["calendar.txt"][0])
    calendar = _strip(calendar, COLUMNS["calendar.txt"][0])
    calendar["start"] = _gtfs_days(calendar["start_date"])
    calendar["end"] = _gtfs_days(calendar["end_date"])
    bad = calendar["start"].isna() | calendar["end"].isna()
    if bad.any():
        warnings.append(
            translate(
                "Gtfs", "calendar.txt: {count} service(s) with a date that is not YYYYMMDD ({examples}): set aside"
            ).format(count=int(bad.sum()), examples=_examples(calendar.loc[bad, "service_id"]))
        )
        calendar = calendar[~bad]
    calendar_dates = tables["calendar_dates.txt"]
    if calendar_dates is None:
        calendar_dates = _empty(COLUMNS["calendar_dates.txt"][0])
    calendar_dates = _strip(calendar_dates, COLUMNS["calendar_dates.txt"][0])
    calendar_dates["day"] = _gtfs_days(calendar_dates["date"])
    bad = calendar_dates["day"].isna() | ~calendar_dates["exception_type"].isin(["1", "2"])
    if bad.any():
        warnings.append(
            translate(
                "Gtfs", "calendar_dates.txt: {count} row(s) with a bad date or exception_type ({examples}): set aside"
            ).format(
                count=int(bad.sum()),
                examples=_examples(calendar_dates.loc[bad, "date"] + "/" + calendar_dates.loc[bad, "exception_type"]),
            )
        )
        calendar_dates = calendar_dates[~bad]
    if calendar.empty and calendar_dates.empty:
        problems.append(translate("Gtfs", "no usable service day in calendar.txt or calendar_dates.txt"))

    stop_times = _stop_times(tables["stop_times.txt"], set(trips["trip_id"]), stop_ids, warnings, check_cancel)
    if stop_times.empty:
        problems.append(translate("Gtfs", "stop_times.txt has no usable row"))
    shapes = _shapes(tables["shapes.txt"], trips, warnings)
    return Feed(
        path,
        agency,
        stops,
        routes,
        trips,
        stop_times,
        calendar.reset_index(drop=True),
        calendar_dates.reset_index(drop=True),
        shapes,
        feed_info,
        warnings,
    )


def _stop_times(built: "_StopTimesBuilder", trip_ids, stop_ids, warnings: List[str], check_cancel) -> pd.DataFrame:
    """The checked, sorted stop times from the compact arrays of :class:`_StopTimesBuilder`.

    Rows with a sequence that is not a number, of a trip missing from trips.txt or at a stop missing
    from stops.txt are set aside and reported; times are interpolated; the ids become object columns
    that share one string per distinct id (8 bytes a row)."""
    trip = built.column("trip")
    stop = built.column("stop")
    seq = built.column("seq")
    time_ = built.column("time")
    pickup = built.column("pickup")
    if built.bad_times:
        warnings.append(
            translate(
                "Gtfs", "stop_times.txt: {count} time(s) not in H:MM:SS form ({examples}): those stops get no time"
            ).format(count=built.bad_times, examples=", ".join(built.bad_examples))
        )
    trip_names = np.asarray(built.trips.values, dtype=object)
    stop_names = np.asarray(built.stops.values, dtype=object)
    known_trip = pd.Index(trip_names).isin(list(trip_ids)) if len(trip_names) else np.zeros(0, dtype=bool)
    known_stop = pd.Index(stop_names).isin(list(stop_ids)) if len(stop_names) else np.zeros(0, dtype=bool)
    bad_seq = np.isnan(seq)
    unknown_trip = ~known_trip[trip] if len(trip) else np.zeros(0, dtype=bool)
    unknown_stop = ~known_stop[stop] if len(stop) else np.zeros(0, dtype=bool)
    for mask, message in (
        (
            bad_seq,
            translate(
                "Gtfs",
                "stop_times.txt: {count} row(s) with a stop_sequence that is not a number ({examples}): set aside",
            ),
        ),
        (
            unknown_trip & ~bad_seq,
            translate(
                "Gtfs", "stop_times.txt: {count} row(s) of a trip missing from trips.txt ({examples}): set aside"
            ),
        ),
        (
            unknown_stop & ~bad_seq & ~unknown_trip,
            translate(
                "Gtfs", "stop_times.txt: {count} row(s) at a stop missing from stops.txt ({examples}): set aside"
            ),
        ),
    ):
        if mask.any():
            rows = np.flatnonzero(mask)[:EXAMPLES] + 2  # line in the file (header = 1)
            warnings.append(message.format(count=int(mask.sum()), examples=_examples(f"line {r}" for r in rows)))
    keep = np.flatnonzero(~(bad_seq | unknown_trip | unknown_stop))
    check_cancel()
    # sort by trip id (as text) then stop_sequence, stable: the order of the file for ties
    rank = np.empty(len(trip_names), dtype=np.int64)
    rank[np.argsort(trip_names.astype(str), kind="stable")] = np.arange(len(trip_names))
    order = keep[np.lexsort((seq[keep], rank[trip[keep]]))]
    del keep
    trip_sorted = trip[order]
    sequence = seq[order]
    if len(sequence) and np.all(sequence == np.floor(sequence)) and np.abs(sequence).max() < 2**53:
        sequence = sequence.astype(np.int64)
    is_first = np.ones(len(order), dtype=bool)
    is_last = np.ones(len(order), dtype=bool)
    if len(order):
        is_first[1:] = trip_sorted[1:] != trip_sorted[:-1]
        is_last[:-1] = trip_sorted[:-1] != trip_sorted[1:]
    times = _interpolate_times(time_[order], trip_sorted, warnings, trip_names)
    del time_
    # one column at a time, each source freed at once: no consolidated copy of the whole table
    frame = pd.DataFrame(index=pd.RangeIndex(len(order)))
    frame["trip_id"] = trip_names[trip_sorted] if len(trip_names) else np.zeros(0, dtype=object)
    frame["stop_id"] = stop_names[stop[order]] if len(stop_names) else np.zeros(0, dtype=object)
    del stop
    frame["stop_sequence"] = sequence
    del sequence, seq
    frame["pickup_type"] = np.asarray(built.pickups.values, dtype=object)[pickup[order]]
    del pickup
    built.parts = {}
    frame["time"] = times
    frame["is_first"] = is_first
    frame["is_last"] = is_last
    # times going backwards inside a trip
    if len(frame) > 1:
        backwards = np.zeros(len(frame), dtype=bool)
        backwards[1:] = (~is_first[1:]) & (times[1:] < times[:-1])
        if backwards.any():
            trips_back = pd.unique(trip_names[trip_sorted[backwards]])
            warnings.append(
                translate("Gtfs", "stop_times.txt: {count} trip(s) with times going backwards ({examples})").format(
                    count=len(trips_back), examples=_examples(trips_back)
                )
            )
    return frame


def _interpolate_times(times: np.ndarray, trips: np.ndarray, warnings: List[str], names: np.ndarray) -> np.ndarray:
    """Fill the times of untimed intermediate stops linearly between the timed ones of the trip
    (``times`` and ``trips``, the trip codes, sorted by trip then sequence)."""
    times = times.copy()
    missing = np.isnan(times)
    if not missing.any():
        return times
    position = pd.Series(np.arange(len(times), dtype=float))
    known_pos = position.where(~missing)
    known_time = pd.Series(times)
    groups = pd.Series(trips)
    prev_pos = known_pos.groupby(groups).ffill().to_numpy()
    next_pos = known_pos.groupby(groups).bfill().to_numpy()
    prev_time = known_time.groupby(groups).ffill().to_numpy()
    next_time = known_time.groupby(groups).bfill().to_numpy()
    pos = position.to_numpy()
    with np.errstate(invalid="ignore", divide="ignore"):
        filled = prev_time + (next_time - prev_time) * (pos - prev_pos) / (next_pos - prev_pos)
    times[missing] = filled[missing]
    still = np.isnan(times)
    if still.any():
        trip_list = pd.unique(names[trips[still]])
        warnings.append(
            translate(
                "Gtfs",
                "stop_times.txt: {count} trip(s) without a time at their first or last stop ({examples}): those "
                "stops are not counted",
            ).format(count=len(trip_list), examples=_examples(trip_list))
        )
    return times


def _shapes(raw: Optional[pd.DataFrame], trips: pd.DataFrame, warnings: List[str]) -> Optional[pd.DataFrame]:
    if raw is None:
        return None
    frame = pd.DataFrame(
        {
            "shape_id": raw["shape_id"].str.strip(),
            "lat": pd.to_numeric(raw["shape_pt_lat"].str.strip(), errors="coerce"),
            "lon": pd.to_numeric(raw["shape_pt_lon"].str.strip(), errors="coerce"),
            "seq": pd.to_numeric(raw["shape_pt_sequence"].str.strip(), errors="coerce"),
        }
    )
    bad = (
        frame["lat"].isna()
        | frame["lon"].isna()
        | frame["seq"].isna()
        | (frame["lat"].abs() > 90)
        | (frame["lon"].abs() > 180)
    )
    if bad.any():
        warnings.append(
            translate(
                "Gtfs", "shapes.txt: {count} point(s) with bad coordinates or sequence ({examples}): set aside"
            ).format(count=int(bad.sum()), examples=_examples(frame.loc[bad, "shape_id"].unique()))
        )
        frame = frame[~bad]
    return frame.sort_values(["shape_id", "seq"], kind="mergesort").reset_index(drop=True)


# -- service calendar -------------------------------------------------------------------------------


def active_services(feed: Feed, day: dt.date) -> set:
    """Service ids running on ``day`` (calendar.txt, then calendar_dates.txt exceptions)."""
    cal = feed.calendar
    running = set()
    if not cal.empty:
        weekday = WEEKDAYS[day.weekday()]
        mask = (cal["start"] <= day) & (cal["end"] >= day) & (cal[weekday] == "1")
        running = set(cal.loc[mask, "service_id"])
    dates = feed.calendar_dates
    if not dates.empty:
        today = dates[dates["day"] == day]
        running |= set(today.loc[today["exception_type"] == "1", "service_id"])
        running -= set(today.loc[today["exception_type"] == "2", "service_id"])
    return running


def busiest_weekday(feed: Feed, max_days: int = 400) -> Optional[dt.date]:
    """The weekday (Monday-Friday) of the service period with the most trips (earliest on ties)."""
    first, last = feed.service_period()
    if first is None:
        return None
    trips_per_service = feed.trips["service_id"].value_counts()
    best, best_count = None, -1
    day = first
    for _ in range(max_days):
        if day > last:
            break
        if day.weekday() < 5:
            count = int(trips_per_service.reindex(list(active_services(feed, day))).fillna(0).sum())
            if count > best_count:
                best, best_count = day, count
        day += dt.timedelta(days=1)
    return best


# -- route lines -------------------------------------------------------------------------------------


def _patterns(feed: Feed) -> pd.DataFrame:
    """Per trip: route, direction, shape and the tuple of its stops."""
    stops_by_trip = feed.stop_times.groupby("trip_id", sort=False)["stop_id"].agg(tuple)
    trips = feed.trips[["trip_id", "route_id", "direction_id", "shape_id"]].copy()
    trips["pattern"] = trips["trip_id"].map(stops_by_trip)
    return trips[trips["pattern"].notna()]


def route_lines(
    feed: Feed, cancel: CancelCheck = None
) -> Tuple[Dict[str, Tuple[Optional[MultiLineString], str, int]], List[str]]:
    """route_id -> (geometry, source 'shapes' | 'stop sequence' | '', stop count); plus warnings.

    For each route and direction the most frequent shape (shapes.txt) or stop pattern is drawn;
    a route whose shape is missing or broken falls back to its stop sequence.
    """
    warnings: List[str] = []
    patterns = _patterns(feed)
    positions = feed.stops.set_index("stop_id")[["lon", "lat"]]
    shape_lines: Dict[str, LineString] = {}
    if feed.shapes is not None and not feed.shapes.empty:
        for shape_id, group in feed.shapes.groupby("shape_id", sort=False):
            if len(group) >= 2:
                shape_lines[shape_id] = LineString(list(zip(group["lon"], group["lat"])))
    result: Dict[str, Tuple[Optional[MultiLineString], str, int]] = {}
    fallback_routes = []
    for route_id, trips in patterns.groupby("route_id", sort=False):
        if cancel is not None and cancel():
            raise Canceled()
        parts, sources, stop_count = [], set(), 0
        for _, direction in trips.groupby("direction_id", sort=True):
            pattern = direction["pattern"].value_counts().index[0]
            stop_count = max(stop_count, len(pattern))
            shape_ids = direction["shape_id"][direction["shape_id"] != ""]
            line = None
            if not shape_ids.empty:
                shape_id = shape_ids.value_counts().index[0]
                line = shape_lines.get(shape_id)
                if line is None:
                    fallback_routes.append(f"{route_id} ({shape_id})")
            if line is not None:
                sources.add("shapes")
            else:
                coords = positions.reindex(list(pattern)).dropna()
                points = [tuple(p) for p in coords.to_numpy()]
                points = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
                if len(points) >= 2:
                    line = LineString(points)
                    sources.add("stop sequence")
            if line is not None:
                parts.append(line)
        geometry = MultiLineString(parts) if parts else None
        source = (
            "shapes"
            if sources == {"shapes"}
            else ("stop sequence" if sources == {"stop sequence"} else "+".join(sorted(sources)))
        )
        result[route_id] = (geometry, source, stop_count)
        if geometry is None:
            warnings.append(
                translate("Gtfs", "route {route}: fewer than two stops with a position, no line drawn").format(
                    route=route_id
                )
            )
    if fallback_routes:
        warnings.append(
            translate(
                "Gtfs",
                "{count} route(s) refer to a shape missing or broken in shapes.txt ({examples}): drawn from their "
                "stop sequence",
            ).format(count=len(fallback_routes), examples=_examples(fallback_routes))
        )
    return result, warnings


# -- departures in a time window ---------------------------------------------------------------------


@dataclass
class ServiceTables:
    """Stops, routes and departures of a feed for one date and time window [start, end).

    - ``departures``: one row per departure of a trip from a stop in the window: ``trip_id``,
      ``route_id``, ``direction_id``, ``service_id``, ``stop_id``, ``stop_sequence``, ``time``
      (seconds after midnight of ``date``; may exceed 86 400), ``is_first`` (the trip's first stop).
      The last stop of a trip (arrival only) and stops with ``pickup_type`` 1 are not departures.
    - ``stops``: every stop of stops.txt with ``departures``, ``departures_per_hour`` and
      ``routes`` (short names of the routes serving it, whole feed); a station (location_type 1)
      sums the departures of its platforms.
    - ``routes``: every route with ``departures`` (trips leaving their first stop in the window),
      ``departures_per_hour``, ``mode``, ``color`` ('#RRGGBB'), ``stops_count``,
      ``geometry_source`` and ``geometry`` (shapely MultiLineString, EPSG:4326, or None).
    """

    date: dt.date
    start: int
    end: int
    stops: pd.DataFrame
    routes: pd.DataFrame
    departures: pd.DataFrame
    services: List[str]
    warnings: List[str]

    @property
    def hours(self) -> float:
        return (self.end - self.start) / 3600.0


def departures_in_window(feed: Feed, day: dt.date, start: int, end: int) -> Tuple[pd.DataFrame, List[str]]:
    """Departure events of ``day`` in [start, end), including trips of the day before (and after)
    whose GTFS times past 24:00 fall in the window."""
    trips = feed.trips[["trip_id", "route_id", "direction_id", "service_id"]]
    stop_times = feed.stop_times
    departing = ~stop_times["is_last"].to_numpy() & (stop_times["pickup_type"].to_numpy() != "1")
    departing &= ~np.isnan(stop_times["time"].to_numpy())
    events = stop_times[departing]
    frames, services = [], set()
    for offset in (-1, 0, 1):
        lo, hi = start - offset * DAY, end - offset * DAY
        if hi <= 0:
            continue
        running = active_services(feed, day + dt.timedelta(days=offset))
        if offset == 0:
            services = running
        if not running:
            continue
        times = events["time"].to_numpy()
        in_window = events[(times >= lo) & (times < hi)]
        if in_window.empty:
            continue
        chosen = trips[trips["service_id"].isin(running)]
        part = in_window.merge(chosen, on="trip_id", how="inner")
        part["time"] = part["time"] + offset * DAY
        frames.append(part)
    columns = ["trip_id", "route_id", "direction_id", "service_id", "stop_id", "stop_sequence", "time", "is_first"]
    if frames:
        departures = pd.concat(frames, ignore_index=True)[columns]
    else:
        departures = pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    return departures.sort_values(["time", "trip_id"], kind="mergesort").reset_index(drop=True), sorted(services)


def _natural_key(text: str):
    return [(0, int(p), "") if p.isdigit() else (1, 0, p.lower()) for p in re.split(r"(\d+)", text) if p]


def service_tables(
    feed: Feed,
    day: dt.date,
    start: int,
    end: int,
    cancel: CancelCheck = None,
    lines: Optional[Tuple[dict, List[str]]] = None,
) -> ServiceTables:
    """Stops, routes (with lines) and departures for ``day`` between ``start`` and ``end`` seconds."""
    check_window(start, end)
    warnings: List[str] = []
    departures, services = departures_in_window(feed, day, start, end)
    if cancel is not None and cancel():
        raise Canceled()
    first, last = feed.service_period()
    if not services:
        warnings.append(
            translate(
                "Gtfs", "no service runs on {day} in this feed (service period {first} to {last}): every count is 0"
            ).format(
                day=day.isoformat(), first=first.isoformat() if first else "?", last=last.isoformat() if last else "?"
            )
        )
    hours = (end - start) / 3600.0

    # stops
    stops = feed.stops.copy()
    counts = departures.groupby("stop_id").size()
    stops["departures"] = stops["stop_id"].map(counts).fillna(0).astype(int)
    routes = feed.routes.copy()
    routes["label"] = np.where(
        routes["route_short_name"].str.strip() != "", routes["route_short_name"].str.strip(), routes["route_id"]
    )
    served = (
        feed.stop_times[["trip_id", "stop_id"]]
        .drop_duplicates()
        .merge(feed.trips[["trip_id", "route_id"]], on="trip_id")
    )
    served = served[["stop_id", "route_id"]].drop_duplicates().merge(routes[["route_id", "label"]], on="route_id")
    station_of = stops.set_index("stop_id")["parent_station"]
    served["station"] = served["stop_id"].map(station_of).fillna("")
    labels_by_stop = served.groupby("stop_id")["label"].agg(lambda s: ", ".join(sorted(set(s), key=_natural_key)))
    stations = served[served["station"] != ""]
    labels_by_station = stations.groupby("station")["label"].agg(lambda s: ", ".join(sorted(set(s), key=_natural_key)))
    stops["routes"] = stops["stop_id"].map(labels_by_stop).fillna("")
    is_station = stops["location_type"] == "1"
    station_counts = stops[stops["parent_station"] != ""].groupby("parent_station")["departures"].sum()
    stops.loc[is_station, "departures"] = stops.loc[is_station, "stop_id"].map(station_counts).fillna(0).astype(int)
    stops.loc[is_station, "routes"] = stops.loc[is_station, "stop_id"].map(labels_by_station).fillna("")
    stops["departures_per_hour"] = (stops["departures"] / hours).round(2)
    stop_columns = [
        "stop_id",
        "stop_code",
        "stop_name",
        "location_type",
        "parent_station",
        "lon",
        "lat",
        "departures",
        "departures_per_hour",
        "routes",
    ]
    stops = stops[stop_columns].reset_index(drop=True)

    # routes
    if cancel is not None and cancel():
        raise Canceled()
    starts = departures[departures["is_first"].astype(bool)].groupby("route_id").size()
    routes["departures"] = routes["route_id"].map(starts).fillna(0).astype(int)
    routes["departures_per_hour"] = (routes["departures"] / hours).round(2)
    routes["mode"] = routes["route_type"].map(route_mode)
    routes["color"] = routes["route_color"].map(_color)
    routes["text_color"] = routes["route_text_color"].map(lambda c: _color(c, "#000000"))
    geometry, line_warnings = lines if lines is not None else route_lines(feed, cancel)
    warnings += line_warnings
    routes["geometry"] = routes["route_id"].map(lambda r: geometry.get(r, (None, "", 0))[0])
    routes["geometry_source"] = routes["route_id"].map(lambda r: geometry.get(r, (None, "", 0))[1])
    routes["stops_count"] = routes["route_id"].map(lambda r: geometry.get(r, (None, "", 0))[2]).astype(int)
    unused = ~routes["route_id"].isin(geometry)
    if unused.any():
        warnings.append(
            translate("Gtfs", "{count} route(s) have no trip with stop times ({examples}): kept without a line").format(
                count=int(unused.sum()), examples=_examples(routes.loc[unused, "route_id"])
            )
        )
    route_columns = [
        "route_id",
        "agency_id",
        "route_short_name",
        "route_long_name",
        "route_type",
        "mode",
        "color",
        "text_color",
        "departures",
        "departures_per_hour",
        "stops_count",
        "geometry_source",
        "geometry",
    ]
    routes = routes[route_columns].reset_index(drop=True)
    return ServiceTables(day, start, end, stops, routes, departures, services, warnings)


def check_window(start: int, end: int) -> None:
    if end <= start:
        raise DataError(
            translate(
                "Gtfs",
                "The end of the time window ({end}) must be after its start ({start}); for a window past midnight "
                "write e.g. 22:00 to 26:00.",
            ).format(start=format_clock(start), end=format_clock(end))
        )


def _color(value, default: str = "#666666") -> str:
    text = str(value or "").strip().lstrip("#")
    if re.match(r"^[0-9A-Fa-f]{6}$", text):
        return "#" + text.upper()
    return default


def format_clock(seconds: int) -> str:
    seconds = int(seconds)
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


# -- provenance sidecars -------------------------------------------------------------------------------


def sidecar_path(path: str) -> str:
    """Where the provenance record of a GTFS zip is kept: ``<key>.json`` beside a cache entry
    ``<key>.data``, or ``<file>.provenance.json`` beside a copied file."""
    if path.endswith(".data"):
        return path[: -len(".data")] + ".json"
    return path + ".provenance.json"


def copy_with_sidecar(source: str, dest: str, record: dict) -> None:
    """Copy a fetched feed to ``dest`` and write its provenance next to it."""
    import json

    folder = os.path.dirname(os.path.abspath(dest))
    os.makedirs(folder, exist_ok=True)
    tmp = f"{dest}.part-{os.getpid()}"
    side = sidecar_path(dest)
    side_tmp = f"{side}.part-{os.getpid()}"
    try:
        try:
            os.link(source, tmp)  # no copy when the cache is on the same file system (never written in place)
        except OSError:
            shutil.copyfile(source, tmp)
        with open(side_tmp, "w", encoding="utf-8") as handle:
            json.dump(record, handle, ensure_ascii=False, indent=1)
        os.replace(tmp, dest)  # the feed, then its provenance: both complete or absent
        os.replace(side_tmp, side)
    finally:
        for leftover in (tmp, side_tmp):
            if os.path.exists(leftover):
                os.remove(leftover)


def read_sidecar(path: str) -> Optional[dict]:
    import json

    candidate = sidecar_path(path)
    if not os.path.exists(candidate):
        return None
    try:
        with open(candidate, encoding="utf-8") as handle:
            record = json.load(handle)
    except (OSError, ValueError):
        return None
    return record if isinstance(record, dict) else None
