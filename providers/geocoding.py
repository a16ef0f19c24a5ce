"""Address geocoding with the Base Adresse Nationale (IGN Géoplateforme ``/geocodage``).

- :func:`read_table`: a delimited text file read by the plugin's one text reader (:mod:`.textfile`:
  UTF-8 with or without BOM, UTF-16, Windows-1252; ``,`` ``;`` tab ``|``; the file's line numbers);
- :func:`geocode`: rows of address parts → one result per row, sent in bulk through
  ``POST /search/csv`` in chunks well under the service's limits (50 MB, 200 000 rows), never one
  request per row; answers go through the cache (a re-run of the same rows is served from it, and
  offline mode works);
- :func:`reverse`: points (lon, lat) → nearest address, in bulk through ``POST /reverse/csv``;
- :func:`search`: one ``GET /search`` (the locator bar and the QGIS geocoder interface).

Every input row gets exactly one result with a status (``ok``, ``low-score``, ``not-found``,
``skipped``, ``error``): nothing is dropped. A chunk the service failed on (after the HTTP layer's
retries) or answered with a malformed body marks its rows ``error`` and the other chunks are kept;
when every chunk failed, the error is raised.
"""

import csv
import io
import json
import math
import os
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from . import textfile
from .cache import Cache, get_cache
from .codes import COMMUNE_RE
from .errors import Canceled, DataError
from .http import CancelCheck, HttpError, client, get_service
from .i18n import translate
from .settings import get_settings

Warn = Optional[Callable[[str], None]]
Progress = Optional[Callable[[float], None]]

#: rows per POST: 10 000 addresses go in two requests, and a chunk stays small enough for the
#: progress bar and cancel to react between chunks (the service accepts up to 200 000 rows)
CHUNK_ROWS = 5000
#: bytes per POST (the service accepts 50 MB)
CHUNK_BYTES = 8 * 2**20

ROW_ID = "td_row"  # the row id column of the uploaded CSV (echoed back by the service)

#: result columns asked from /search/csv, in this order
SEARCH_RESULT_COLUMNS = (
    "longitude",
    "latitude",
    "result_score",
    "result_label",
    "result_type",
    "result_id",
    "result_housenumber",
    "result_street",
    "result_postcode",
    "result_city",
    "result_citycode",
    "result_status",
)

#: statuses of a row in our results
OK, LOW_SCORE, NOT_FOUND, SKIPPED, ERROR = "ok", "low-score", "not-found", "skipped", "error"
STATUSES = (OK, LOW_SCORE, NOT_FOUND, SKIPPED, ERROR)

POSTCODE_RE = re.compile(r"^\d{5}$")
CITYCODE_RE = COMMUNE_RE
QUERY_START_RE = re.compile(r"\w", re.UNICODE)


# -- reading delimited text ------------------------------------------------------------------------


@dataclass
class Table:
    """A delimited text file read as text: every value a string (codes keep their zeros)."""

    header: List[str]
    rows: List[List[str]]
    encoding: str
    delimiter: str
    path: str = ""
    warnings: List[str] = field(default_factory=list)
    lines: List[int] = field(default_factory=list)  # the file line of each row (header = line 1)

    def column(self, name: str) -> int:
        try:
            return self.header.index(name)
        except ValueError:
            raise DataError(
                translate("Geocoding", "The file {path} has no column '{name}' (columns: {columns}).").format(
                    path=os.path.basename(self.path) or "?",
                    name=textfile.short(name),
                    columns=textfile.short(", ".join(textfile.short(c) for c in self.header), 600),
                )
            )


def read_table(path: str, warn: Warn = None, cancel: CancelCheck = None) -> Table:
    """Read a CSV/TXT/TSV file with the plugin's one text reader (:mod:`.textfile`): encoding, separator,
    quotes; every value a string; each row's file line in ``lines``."""
    try:
        source = textfile.open_table(path, require_separator=False)
    except OSError as exc:
        raise DataError(
            translate("Geocoding", "Cannot read the file {path}: {error}").format(path=path, error=exc.strerror or exc)
        )
    records, record_lines = source.read_all(warn, cancel)
    names = source.unique_columns()
    width = len(names)
    rows: List[List[str]] = []
    lines: List[int] = []
    longer: List[int] = []
    for line, row in zip(record_lines, records):
        if len(row) == 1 and not row[0].strip() and width > 1:
            continue  # a line of spaces
        if len(row) < width:
            row = row + [""] * (width - len(row))
        elif len(row) > width:
            if any(v.strip() for v in row[width:]):
                longer.append(line)
            row = row[:width]
        rows.append(row)
        lines.append(line)
    table = Table(names, rows, source.encoding, source.sep, path, list(source.warnings), lines)
    if longer:
        table.warnings.append(
            translate(
                "Geocoding",
                "{count} rows have more values than the header has columns (lines {lines}); the extra values were "
                "ignored.",
            ).format(count=len(longer), lines=", ".join(str(n) for n in longer[:5]) + (" …" if len(longer) > 5 else ""))
        )
    return table


# -- normalising filters ---------------------------------------------------------------------------


def _code(value, pattern: re.Pattern) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().upper()
    if text in ("", "NULL", "NONE", "NAN"):
        return ""
    if text.isdigit() and len(text) == 4:
        text = "0" + text  # a code read as a number lost its leading zero (01000 -> 1000)
    return text if pattern.match(text) else "\0" + text  # "\0": invalid, reported


def clean_postcode(value) -> str:
    return _code(value, POSTCODE_RE)


def clean_citycode(value) -> str:
    return _code(value, CITYCODE_RE)


def query_text(parts: Iterable) -> str:
    """The address of one row: its parts joined by a space (NULL and blanks dropped)."""
    out = []
    for part in parts:
        if part is None:
            continue
        text = str(part).strip()
        if text and text.upper() != "NULL":
            out.append(" ".join(text.split()))
    return " ".join(out)


def is_query_usable(text: str) -> bool:
    """What the service accepts: 3 to 200 characters starting with a letter or a digit."""
    return len(text) >= 3 and bool(QUERY_START_RE.match(text[0])) and text[0] != "_"


# -- results ---------------------------------------------------------------------------------------


@dataclass
class RowResult:
    """The answer for one input row."""

    status: str
    lon: Optional[float] = None
    lat: Optional[float] = None
    label: str = ""
    score: Optional[float] = None
    type: str = ""
    id: str = ""
    housenumber: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    citycode: str = ""
    distance: Optional[float] = None  # reverse only, metres
    message: str = ""  # why a row is skipped or in error

    @property
    def has_point(self) -> bool:
        return self.status == OK and self.lon is not None and self.lat is not None


@dataclass
class Geocoded:
    results: List[RowResult]
    records: List[Dict]  # provenance of every answer used
    requests: int = 0  # chunks sent (or served from the cache)
    errors: List[str] = field(default_factory=list)  # one message per failed chunk

    def counts(self) -> Dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        for result in self.results:
            counts[result.status] = counts.get(result.status, 0) + 1
        return counts


def _float(text: str) -> Optional[float]:
    if text is None:
        return None
    text = str(text).strip()
    if not text:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


class MalformedAnswer(DataError):
    """The service answered 200 with something that is not the expected CSV."""


def _malformed(service_name: str, why: str) -> MalformedAnswer:
    return MalformedAnswer(
        translate(
            "Geocoding",
            "{service} sent a malformed answer ({why}). The service may be failing, or the service address in the "
            "plugin options may point elsewhere; try again later.",
        ).format(service=service_name, why=why)
    )


def parse_answer(
    content: bytes, sent_ids: Sequence[int], service_name: str, reverse_mode: bool = False
) -> Dict[int, Dict[str, str]]:
    """The result columns of each row id of an answer of /search/csv or /reverse/csv."""
    if not content or not content.strip():
        raise _malformed(service_name, translate("Geocoding", "empty body"))
    text = content.decode("utf-8-sig", errors="replace")
    head = text.lstrip()[:1]
    if head in ("<", "{", "["):
        raise _malformed(service_name, translate("Geocoding", "HTML or JSON instead of CSV"))
    delimiter = textfile.choose_separator(text[: textfile.SAMPLE_BYTES], require=False)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        raise _malformed(service_name, translate("Geocoding", "no header line"))
    index = {name.strip(): i for i, name in enumerate(header)}
    needed = [ROW_ID] + (["result_label"] if reverse_mode else ["latitude", "longitude", "result_score"])
    missing = [name for name in needed if name not in index]
    if missing:
        raise _malformed(
            service_name, translate("Geocoding", "missing columns {columns}").format(columns=", ".join(missing))
        )
    wanted = [name for name in index if name.startswith("result_") or name in ("latitude", "longitude")]
    id_col = index[ROW_ID]
    answers: Dict[int, Dict[str, str]] = {}
    try:
        for row in reader:
            if not row:
                continue
            if len(row) <= id_col:
                raise _malformed(service_name, translate("Geocoding", "a row has too few columns"))
            try:
                row_id = int(row[id_col])
            except ValueError:
                raise _malformed(service_name, translate("Geocoding", "a row id is not a number"))
            answers[row_id] = {name: (row[index[name]] if index[name] < len(row) else "") for name in wanted}
    except csv.Error as exc:
        raise _malformed(service_name, str(exc))
    if sent_ids and not answers:
        raise _malformed(service_name, translate("Geocoding", "no row in the answer"))
    return answers


def _row_result(answer: Dict[str, str], status: str, lon, lat, score, **extra) -> RowResult:
    """The address fields of one answer row (search or reverse)."""
    return RowResult(
        status=status,
        lon=lon,
        lat=lat,
        label=answer.get("result_label", ""),
        score=score,
        type=answer.get("result_type", ""),
        id=answer.get("result_id", ""),
        housenumber=answer.get("result_housenumber", ""),
        street=answer.get("result_street", ""),
        postcode=answer.get("result_postcode", ""),
        city=answer.get("result_city", ""),
        citycode=answer.get("result_citycode", ""),
        **extra,
    )


def _search_result(answer: Dict[str, str], min_score: float) -> RowResult:
    status = (answer.get("result_status") or "").strip().lower()
    lon, lat = _float(answer.get("longitude")), _float(answer.get("latitude"))
    score = _float(answer.get("result_score"))
    if not status:  # historic answers had no status column
        status = OK if lon is not None and lat is not None else NOT_FOUND
    result = _row_result(answer, status, lon, lat, score)
    if status == OK and (lon is None or lat is None):
        result.status = ERROR
        result.message = translate("Geocoding", "the service gave no coordinates")
    elif status == OK and score is not None and score < min_score:
        result.status = LOW_SCORE
        result.message = translate("Geocoding", "score {score:.2f} under the minimum {minimum:.2f}").format(
            score=score, minimum=min_score
        )
    elif status not in (OK, NOT_FOUND, SKIPPED, ERROR):
        result.message = status
        result.status = ERROR
    elif status == SKIPPED:
        result.message = translate("Geocoding", "the service skipped the address (too short or starting with a symbol)")
    elif status == ERROR:
        result.message = translate("Geocoding", "the service could not geocode this row")
    return result


def _reverse_result(answer: Dict[str, str]) -> RowResult:
    status = (answer.get("result_status") or "").strip().lower()
    lon, lat = _float(answer.get("result_longitude")), _float(answer.get("result_latitude"))
    if not status:
        status = OK if answer.get("result_label") else NOT_FOUND
    result = _row_result(
        answer,
        status if status in (OK, NOT_FOUND, SKIPPED, ERROR) else ERROR,
        lon,
        lat,
        _float(answer.get("result_score")),
        distance=_float(answer.get("result_distance")),
    )
    if result.status == ERROR and status not in (ERROR,):
        result.message = status
    return result


# -- bulk requests ---------------------------------------------------------------------------------


@dataclass
class _Chunk:
    ids: List[int]
    payload: bytes


def _chunks(
    header: Sequence[str], rows: Iterable[Tuple[int, Sequence[str]]], max_rows: int, max_bytes: int
) -> List[_Chunk]:
    """CSV payloads (UTF-8, comma, LF) of at most ``max_rows`` rows and about ``max_bytes`` bytes."""
    chunks: List[_Chunk] = []
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    ids: List[int] = []
    for row_id, values in rows:
        writer.writerow([row_id, *values])
        ids.append(row_id)
        if len(ids) >= max_rows or buffer.tell() >= max_bytes:
            chunks.append(_Chunk(ids, buffer.getvalue().encode("utf-8")))
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(header)
            ids = []
    if ids:
        chunks.append(_Chunk(ids, buffer.getvalue().encode("utf-8")))
    return chunks


class BulkGeocoder:
    """Sends chunks to /search/csv or /reverse/csv through the cache and gathers the answers."""

    def __init__(
        self,
        cache: Optional[Cache] = None,
        cancel: CancelCheck = None,
        warn: Warn = None,
        progress: Progress = None,
        chunk_rows: Optional[int] = None,
        chunk_bytes: Optional[int] = None,
    ):
        self.cache = cache or get_cache()
        self.service = get_service("geocoding")
        self.cancel = cancel
        self.warn = warn
        self.progress = progress
        self.chunk_rows = max(1, int(chunk_rows or CHUNK_ROWS))
        self.chunk_bytes = max(1024, int(chunk_bytes or CHUNK_BYTES))

    def _send(self, path: str, chunk: _Chunk, form: List[Tuple[str, str]], reverse_mode: bool):
        body_key = chunk.payload + b"\0" + json.dumps(form).encode("utf-8")
        files = {"data": ("addresses.csv", chunk.payload, "text/csv; charset=utf-8")}
        entry = self.cache.fetch(
            self.service,
            path,
            method="POST",
            data=form,
            files=files,
            body_key=body_key,
            dataset="ban",
            cancel=self.cancel,
            warn=self.warn,
        )
        try:
            answers = parse_answer(entry.content(), chunk.ids, self.service.name, reverse_mode)
        except MalformedAnswer:
            self.cache.discard(entry)
            raise
        return answers, entry.provenance

    def run(
        self,
        path: str,
        chunks: List[_Chunk],
        form: List[Tuple[str, str]],
        reverse_mode: bool,
        results: List[Optional[RowResult]],
        convert: Callable[[Dict[str, str]], RowResult],
    ) -> Geocoded:
        records: List[Dict] = []
        errors: List[str] = []
        first_error: Optional[BaseException] = None
        total = sum(len(c.ids) for c in chunks)
        done = 0
        for chunk in chunks:
            if self.cancel is not None and self.cancel():
                raise Canceled()
            try:
                answers, record = self._send(path, chunk, form, reverse_mode)
            except Canceled:
                raise
            except (HttpError, DataError) as exc:
                first_error = first_error or exc
                message = str(exc)
                errors.append(message)
                if self.warn:
                    self.warn(
                        translate("Geocoding", "Rows {first} to {last} could not be geocoded: {error}").format(
                            first=chunk.ids[0] + 1, last=chunk.ids[-1] + 1, error=message
                        )
                    )
                for row_id in chunk.ids:
                    results[row_id] = RowResult(ERROR, message=message)
            else:
                records.append(record)
                for row_id in chunk.ids:
                    answer = answers.get(row_id)
                    if answer is None:
                        results[row_id] = RowResult(
                            ERROR, message=translate("Geocoding", "the row is missing from the service's answer")
                        )
                    else:
                        results[row_id] = convert(answer)
            done += len(chunk.ids)
            if self.progress and total:
                self.progress(100.0 * done / total)
        if chunks and len(errors) == len(chunks) and first_error is not None:
            raise first_error
        final = [r if r is not None else RowResult(ERROR, message="?") for r in results]
        return Geocoded(final, records, len(chunks), errors)


def geocode(
    queries: Sequence[Sequence],
    postcodes: Optional[Sequence] = None,
    citycodes: Optional[Sequence] = None,
    min_score: float = 0.0,
    cache: Optional[Cache] = None,
    cancel: CancelCheck = None,
    warn: Warn = None,
    progress: Progress = None,
    chunk_rows: Optional[int] = None,
    chunk_bytes: Optional[int] = None,
) -> Geocoded:
    """Geocode rows: ``queries[i]`` holds the address parts of row i (joined by a space).

    ``postcodes`` / ``citycodes`` (optional, one per row) restrict each row's search. Results come
    back in the input order, one per row, with a status.
    """
    count = len(queries)
    if postcodes is not None and len(postcodes) != count or citycodes is not None and len(citycodes) != count:
        raise DataError("postcodes and citycodes must have one value per row")
    if not 0.0 <= float(min_score) <= 1.0:
        raise DataError(
            translate("Geocoding", "The minimum score must be between 0 and 1 (got {value}).").format(value=min_score)
        )
    results: List[Optional[RowResult]] = [None] * count
    header = (
        [ROW_ID, "q"]
        + (["postcode"] if postcodes is not None else [])
        + (["citycode"] if citycodes is not None else [])
    )
    bad_codes = 0
    rows: List[Tuple[int, List[str]]] = []
    for i in range(count):
        text = query_text(queries[i])[:200]
        if not text:
            results[i] = RowResult(SKIPPED, message=translate("Geocoding", "empty address"))
            continue
        if not is_query_usable(text):
            results[i] = RowResult(
                SKIPPED,
                message=translate(
                    "Geocoding", "the address must have at least 3 characters and start with a letter or a digit"
                ),
            )
            continue
        values = [text]
        for codes, clean in ((postcodes, clean_postcode), (citycodes, clean_citycode)):
            if codes is None:
                continue
            code = clean(codes[i])
            if code.startswith("\0"):
                bad_codes += 1
                code = ""
            values.append(code)
        rows.append((i, values))
    if bad_codes and warn:
        warn(
            translate(
                "Geocoding",
                "{count} rows have an invalid postcode or INSEE code (5 characters expected): they were searched "
                "without it.",
            ).format(count=bad_codes)
        )
    form: List[Tuple[str, str]] = [("columns", "q")]
    if postcodes is not None:
        form.append(("postcode", "postcode"))
    if citycodes is not None:
        form.append(("citycode", "citycode"))
    form += [("result_columns", name) for name in SEARCH_RESULT_COLUMNS]
    bulk = BulkGeocoder(cache, cancel, warn, progress, chunk_rows, chunk_bytes)
    chunks = _chunks(header, rows, bulk.chunk_rows, bulk.chunk_bytes)
    if not chunks:
        if progress:
            progress(100.0)
        return Geocoded([r for r in results if r is not None], [], 0, [])
    return bulk.run("search/csv", chunks, form, False, results, lambda answer: _search_result(answer, float(min_score)))


def reverse(
    points: Sequence[Optional[Tuple[float, float]]],
    cache: Optional[Cache] = None,
    cancel: CancelCheck = None,
    warn: Warn = None,
    progress: Progress = None,
    chunk_rows: Optional[int] = None,
    chunk_bytes: Optional[int] = None,
) -> Geocoded:
    """The nearest address of each point (lon, lat in WGS84; None: no geometry, skipped)."""
    results: List[Optional[RowResult]] = [None] * len(points)
    rows: List[Tuple[int, List[str]]] = []
    for i, point in enumerate(points):
        if point is None:
            results[i] = RowResult(SKIPPED, message=translate("Geocoding", "no geometry"))
            continue
        lon, lat = point
        if not (math.isfinite(lon) and math.isfinite(lat) and -180 <= lon <= 180 and -90 <= lat <= 90):
            results[i] = RowResult(SKIPPED, message=translate("Geocoding", "coordinates outside WGS84 bounds"))
            continue
        rows.append((i, [f"{lat:.7f}", f"{lon:.7f}"]))
    form = [("lat", "lat"), ("lon", "lon")]
    bulk = BulkGeocoder(cache, cancel, warn, progress, chunk_rows, chunk_bytes)
    chunks = _chunks([ROW_ID, "lat", "lon"], rows, bulk.chunk_rows, bulk.chunk_bytes)
    if not chunks:
        if progress:
            progress(100.0)
        return Geocoded([r for r in results if r is not None], [], 0, [])
    return bulk.run("reverse/csv", chunks, form, True, results, _reverse_result)


# -- single search (locator, QgsGeocoderInterface) ---------------------------------------------------


@dataclass
class Place:
    label: str
    lon: float
    lat: float
    score: float
    type: str
    id: str
    postcode: str
    city: str
    citycode: str
    context: str


class _PropText:
    """props[key] as text (lists joined, None empty)."""

    def __init__(self, props: dict):
        self.props = props

    def __call__(self, key: str) -> str:
        value = self.props.get(key)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        return "" if value is None else str(value)


def parse_features(data) -> List[Place]:
    """Places of a /search answer (Géoplateforme or legacy API Adresse envelope)."""
    if not isinstance(data, dict) or not isinstance(data.get("features"), list):
        raise DataError(
            translate(
                "Geocoding",
                "{service} sent an answer that is not GeoJSON: check the service address in the plugin options.",
            ).format(service=get_service("geocoding").name)
        )
    places = []
    for feature in data["features"]:
        try:
            lon, lat = feature["geometry"]["coordinates"][:2]
            props = feature.get("properties") or {}
        except (KeyError, TypeError, ValueError):
            continue
        text = _PropText(props)
        places.append(
            Place(
                text("label") or text("name"),
                float(lon),
                float(lat),
                float(props.get("score") or 0.0),
                text("type"),
                text("id"),
                text("postcode"),
                text("city"),
                text("citycode"),
                text("context"),
            )
        )
    return places


def search(
    query: str,
    limit: int = 10,
    autocomplete: bool = True,
    cancel: CancelCheck = None,
    near: Optional[Tuple[float, float]] = None,
) -> List[Place]:
    """One ``GET /search`` (not cached: interactive use). Offline mode or a too short query: no result."""
    query = " ".join((query or "").split())[:200]
    if not is_query_usable(query) or get_settings().offline:
        return []
    params = {
        "q": query,
        "limit": max(1, min(int(limit), 50)),
        "autocomplete": 1 if autocomplete else 0,
        "index": "address",
    }
    if near is not None:
        params["lon"], params["lat"] = f"{near[0]:.6f}", f"{near[1]:.6f}"
    data = client().get_json(get_service("geocoding"), "search", params=params, cancel=cancel)
    return parse_features(data)
