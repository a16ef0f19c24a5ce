"""The OD table: the one model every flow importer produces and every flow algorithm reads.

An OD table is a :class:`pandas.DataFrame` with the columns ``origin``, ``destination`` (text:
INSEE codes keep their leading zeros and Corsica's 2A/2B), ``flow`` (float; ``NaN`` = a value the
producer suppressed or left empty, never silently zero), ``mode``, ``category``, ``period`` (text,
``""`` when absent), plus the provenance records of the file it came from. In QGIS it is a table
layer (GeoPackage table or CSV, no geometry) with those fields and ``source``, ``licence``,
``retrieved_at``.

Importers build it in three steps, all here so that every importer behaves the same:

1. :class:`TextTable` opens a CSV/TXT (or the table inside a ZIP), guesses its encoding (UTF-8
   with or without BOM, UTF-16, Windows-1252) and separator, and yields chunks read as text;
2. :class:`Aggregator` sums each chunk by (origin, destination, mode, category, period) on integer
   ids, so that a file of several GB is read in bounded memory;
3. :func:`harmonise` moves the codes to one COG vintage (``providers.cog``), aggregates or keeps
   the Paris/Lyon/Marseille arrondissements, filters a territory and intra-commune flows, and
   writes everything it changed or dropped in the :class:`Report` (so that
   ``flow read = flow written + flow dropped``).
"""

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from . import cog, textfile
from .errors import DataError
from .i18n import translate

COLUMNS = ["origin", "destination", "flow", "mode", "category", "period"]
KEYS = ["origin", "destination", "mode", "category", "period"]
PROVENANCE_COLUMNS = ["source", "licence", "retrieved_at"]
REPORT_COLUMNS = ["code", "new_code", "kind", "flow", "dropped", "detail"]

# report kinds (stable English keys: a user filters on them; the detail column is translated)
MERGED = "merged"
SPLIT = "split"
RENAMED = "renamed"
ARRONDISSEMENT = "arrondissement aggregated"
LEADING_ZERO = "leading zero restored"
UNMATCHED = "unmatched"
MODE_FILTERED = "filtered out (mode)"
OUTSIDE = "filtered out (territory)"
INTRA = "intra-commune dropped"
SUPPRESSED = "suppressed value"
TOTAL_ROW = "total row excluded"
ZONE_MATCHED = "zone matched"
WITH_SUPPRESSED = "summed with a suppressed value"
DUPLICATE = "duplicate rows summed"
DROPPING = {UNMATCHED, MODE_FILTERED, OUTSIDE, INTRA, TOTAL_ROW, WITH_SUPPRESSED}

Cancel = Optional[Callable[[], bool]]
Progress = Optional[Callable[[float], None]]
Warn = Optional[Callable[[str], None]]


# -- the model -----------------------------------------------------------------------------------


class Report:
    """What an import changed or dropped, one row per code (or mode, zone...) and kind."""

    def __init__(self):
        self._rows: Dict[Tuple[str, str, str], Dict] = {}

    def add(self, code: str, kind: str, flow: float = 0.0, new_code: str = "", detail: str = "") -> None:
        key = (code, kind, new_code)
        row = self._rows.get(key)
        flow = 0.0 if flow is None or (isinstance(flow, float) and np.isnan(flow)) else float(flow)
        if row is None:
            self._rows[key] = {
                "code": code,
                "new_code": new_code,
                "kind": kind,
                "flow": flow,
                "dropped": int(kind in DROPPING),
                "detail": detail,
            }
        else:
            row["flow"] += flow
            if detail and not row["detail"]:
                row["detail"] = detail

    def add_many(self, flows: pd.Series, kind: str, new_code: str = "", detail: str = "") -> None:
        """One row per index value of ``flows`` (code -> flow)."""
        for code, value in flows.items():
            self.add(str(code), kind, value, new_code, detail)

    def frame(self) -> pd.DataFrame:
        frame = pd.DataFrame(list(self._rows.values()), columns=REPORT_COLUMNS)
        if frame.empty:
            return frame
        return frame.sort_values(
            ["dropped", "kind", "code", "new_code"], ascending=[False, True, True, True], kind="stable"
        ).reset_index(drop=True)

    def dropped_flow(self) -> float:
        return float(sum(r["flow"] for r in self._rows.values() if r["dropped"]))

    def count(self, kind: Optional[str] = None) -> int:
        return sum(1 for r in self._rows.values() if kind is None or r["kind"] == kind)

    def __len__(self):
        return len(self._rows)


@dataclass
class ODTable:
    frame: pd.DataFrame  # COLUMNS
    records: List[Dict] = field(default_factory=list)  # provenance: the file first, then the tables used
    report: Report = field(default_factory=Report)
    name: str = ""
    flow_in: float = 0.0  # total flow read from the file (suppressed values excluded)
    layout: str = ""
    vintage: str = ""  # e.g. "RP2014"
    source_cog: Optional[int] = None
    target_cog: Optional[int] = None
    messages: List[str] = field(default_factory=list)  # what was read (info)
    warnings: List[str] = field(default_factory=list)  # what the user must know (codes left out, rows summed...)

    def add_warning(self, message: str, warn: Warn = None) -> None:
        """Keep ``message`` in :attr:`warnings` and pass it to ``warn`` (Processing feedback) when given."""
        self.warnings.append(message)
        if warn is not None:
            warn(message)

    def flow_out(self) -> float:
        return float(np.nansum(self.frame["flow"].to_numpy(dtype="float64")))

    def balance(self) -> float:
        """Flow read minus flow written minus flow reported as dropped (0 up to rounding)."""
        return self.flow_in - self.flow_out() - self.report.dropped_flow()

    def provenance(self) -> List[str]:
        record = self.records[0] if self.records else {}
        return [
            record.get("attribution") or record.get("title", ""),
            record.get("licence", ""),
            record.get("retrieved_at", ""),
        ]


def empty_frame() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in COLUMNS})
    frame["flow"] = frame["flow"].astype("float64")
    return frame


def file_record(path: str, dataset: str, vintage: str = "", title: str = "", checksum: bool = True) -> Dict:
    """Provenance of a local file: dataset of the catalog, file URL, modification time, SHA-256."""
    from .cache import Provenance

    stamp = dt.datetime.fromtimestamp(os.path.getmtime(path), dt.timezone.utc).replace(microsecond=0)
    sha = ""
    if checksum:
        digest = hashlib.sha256()
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 22), b""):
                digest.update(block)
        sha = digest.hexdigest()
    record = Provenance(
        dataset,
        url="file://" + os.path.abspath(path),
        retrieved_at=stamp.isoformat().replace("+00:00", "Z"),
        vintage=vintage,
        sha256=sha,
    ).record()
    if title:
        record["title"] = title
    record["file"] = os.path.basename(path)
    return record


# -- reading text tables (one reader for every importer: providers/textfile.py) -------------------

TextTable = textfile.TextFile
NumericColumnError = textfile.NumericColumnError
TEXT_EXTENSIONS = textfile.TEXT_EXTENSIONS
simplify = textfile.simplify
detect_encoding = textfile.detect_encoding
line_at = textfile.line_at
short = textfile.short


def open_text_table(path: str, prefer_member: Optional[str] = None) -> TextTable:
    """Open a CSV/TXT file or the main table of a ZIP (:func:`providers.textfile.open_table`)."""
    return textfile.open_table(path, prefer_member=prefer_member)


def read_with_encoding_fallback(table: TextTable, read: Callable[[TextTable], object], warn: Warn = None):
    """Run ``read(table)``; if the file turns out not to be UTF-8 half-way, restart in Windows-1252."""
    return textfile.with_encoding_fallback(table, read, warn)


# -- numbers and codes ---------------------------------------------------------------------------

_NUMBER_CLEAN = re.compile(r"[\s\u00a0\u202f']")
#: values a producer writes instead of a number it does not publish (statistical confidentiality)
SUPPRESSION_MARKERS = {
    "S",
    "SECRET",
    "C",
    "NC",
    "ND",
    "NS",
    "ND.",
    "N.D.",
    "N.C.",
    "*",
    "**",
    "***",
    "X",
    "-",
    "--",
    "…",
    "...",
    "CONFIDENTIEL",
    "SECRET STAT",
    "NA",
    "N/A",
}
_BELOW = re.compile(r"^[<≤]\s*\d+([.,]\d+)?$")


def parse_numbers(
    raw: pd.Series, first_line, column: str, file: str, allow_missing: bool = False
) -> Tuple[np.ndarray, np.ndarray]:
    """``(values, missing)``: the column as floats; ``missing`` marks empty or suppressed values.

    ``1234.5``, ``1234,5`` and ``1 234,5`` are numbers. Without ``allow_missing`` an empty or
    non-numeric value raises :class:`DataError` naming the file, the line and the value; with it,
    empty values and confidentiality markers (``s``, ``secret``, ``nc``, ``<10``, ``*``...) are
    missing (NaN) and anything else still raises. Infinite values (``inf``) and negative ones always
    raise. ``first_line``: the file line of the first value (an int, or the :class:`textfile.Lines`
    of a chunk, which gives exact lines).
    """
    values = pd.to_numeric(raw, errors="coerce").to_numpy(dtype="float64")
    bad = np.isnan(values)
    if bad.any():
        positions = np.flatnonzero(bad)
        fixed = raw.iloc[positions].map(_clean_number)
        values[positions] = pd.to_numeric(fixed, errors="coerce").to_numpy(dtype="float64")
        bad = np.isnan(values)
    missing = np.zeros(len(values), dtype=bool)
    if bad.any():
        for position in np.flatnonzero(bad):
            text = str(raw.iloc[position]).strip()
            if allow_missing and (not text or text.upper() in SUPPRESSION_MARKERS or _BELOW.match(text)):
                missing[position] = True
                continue
            line = line_at(first_line, position)
            if not text:
                short_row = _short_row(first_line, position)
                if short_row is not None:
                    raise short_row.format(file=file, line=line)
                raise DataError(
                    translate(
                        "OdTable",
                        "{file}, line {line}: the {column} value is empty. Every row needs a number there: fill or "
                        "remove that row.",
                    ).format(file=file, line=line, column=short(column))
                )
            raise DataError(
                translate(
                    "OdTable",
                    "{file}, line {line}: the {column} value '{value}' is not a number. Fix that row, or choose the "
                    "column that holds the flows.",
                ).format(file=file, line=line, column=short(column), value=short(text))
            )
    infinite = np.isinf(values)
    if infinite.any():
        position = int(np.flatnonzero(infinite)[0])
        raise DataError(
            translate(
                "OdTable",
                "{file}, line {line}: the {column} value '{value}' is not a finite number. Write the flow as a number "
                "(or leave it empty if it is unknown) and run again.",
            ).format(
                file=file,
                line=line_at(first_line, position),
                column=short(column),
                value=short(str(raw.iloc[position]).strip()),
            )
        )
    if (values[~missing] < 0).any():
        position = int(np.flatnonzero((values < 0) & ~missing)[0])
        raise DataError(
            translate(
                "OdTable",
                "{file}, line {line}: the {column} value {value} is negative; flows are counts of people or trips. "
                "Fix that row.",
            ).format(file=file, line=line_at(first_line, position), column=short(column), value=values[position])
        )
    return values, missing


class _ShortRow:
    """An empty value that is empty because its row has fewer fields than the header."""

    def __init__(self, fields: int, columns: int, sep: str, cut: bool = False):
        self.fields, self.columns, self.sep, self.cut = fields, columns, sep, cut

    def format(self, file: str, line: int) -> DataError:
        if self.cut:
            return DataError(
                translate(
                    "OdTable",
                    "{file}, line {line}: the last line stops after {fields} of its {columns} values and the file "
                    "does not end with a line break: the file seems cut short. Copy or download it again.",
                ).format(file=file, line=line, fields=self.fields, columns=self.columns)
            )
        return DataError(
            translate(
                "OdTable",
                "{file}, line {line}: the row has {fields} value(s) where the header has {columns} columns separated "
                "by '{sep}'. Check that every row uses the same separator as the header (and that quotes are "
                "closed), then run again.",
            ).format(file=file, line=line, fields=self.fields, columns=self.columns, sep=self.sep)
        )


def _short_row(first_line, position: int) -> Optional[_ShortRow]:
    if not isinstance(first_line, textfile.Lines):
        return None
    table = first_line.table
    fields = first_line.fields(position)
    if 0 < fields < len(table.columns):
        index = first_line.start + int(position)
        cut = table.is_last_record(index) and not table.ends_with_newline()
        return _ShortRow(fields, len(table.columns), table.separator_label, cut)
    return None


def _clean_number(text) -> str:
    text = _NUMBER_CLEAN.sub("", str(text))
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    return text


class CodeChecker:
    """Normalises the codes of a file with a cache: each distinct raw value is checked once.

    ``kind='commune'``: INSEE commune codes (4-digit codes regain their leading zero, ``2a`` becomes
    ``2A``, placeholders such as ``ZZZZZ`` are unmatched, anything else stops the import);
    ``kind='free'``: any non-empty identifier, kept as it is (trimmed).
    """

    def __init__(self, file: str, kind: str = "commune"):
        self.file = file
        self.kind = kind
        self.cache: Dict[str, str] = {}
        self.fixed: Dict[str, str] = {}  # raw -> normalised code, when they differ

    def normaliser(self, raw: pd.Series, first_line: int, column: str) -> Callable[[np.ndarray], np.ndarray]:
        """A function mapping the distinct raw values of ``raw`` to codes (for :meth:`Dictionary.ids`)."""

        def normalise(uniques: np.ndarray) -> np.ndarray:
            for value in uniques:
                if value not in self.cache:
                    self.cache[value] = self._check(value, raw, first_line, column)
            return np.array([self.cache[u] for u in uniques], dtype=object)

        return normalise

    def column(self, raw: pd.Series, first_line: int, column: str) -> pd.Series:
        """The column with normalised codes ("" = no code: unmatched)."""
        uniques = pd.unique(raw.to_numpy())
        new = [u for u in uniques if u not in self.cache]
        for value in new:
            self.cache[value] = self._check(value, raw, first_line, column)
        if any(self.cache[u] != u for u in uniques):
            return raw.map(self.cache)
        return raw

    def _check(self, value: str, raw: pd.Series, first_line: int, column: str) -> str:
        text = str(value).strip()
        if self.kind != "commune":
            if text != value:
                self.fixed[value] = text
            return text
        if text.upper() in cog.PLACEHOLDERS:
            return ""
        code, fixed = cog.normalise_code(text)
        if code is None:
            position = int(np.flatnonzero(raw.to_numpy() == value)[0])
            raise DataError(
                translate(
                    "OdTable",
                    "{file}, line {line}: '{value}' in column {column} is not an INSEE commune code (5 characters: "
                    "digits, or 2A/2B followed by 3 digits, e.g. 95127, 2A004). Fix or remove that row; if the table "
                    "holds other zones than communes, choose free identifiers instead of commune codes.",
                ).format(
                    file=self.file, line=line_at(first_line, position), value=short(text, 40), column=short(column)
                )
            )
        if code != value:
            self.fixed[value] = code
        return code


# -- aggregation in bounded memory --------------------------------------------------------------


class Dictionary:
    """Strings <-> dense integer ids, grown chunk by chunk."""

    def __init__(self, initial: Sequence[str] = ()):
        self.values: List[str] = list(initial)
        self.index = pd.Index(self.values, dtype=object)

    def ids(self, values, normalise: Optional[Callable[[np.ndarray], np.ndarray]] = None) -> np.ndarray:
        """Ids of ``values`` (one hashing pass); ``normalise`` maps the distinct values first."""
        positions, uniques = pd.factorize(np.asarray(values, dtype=object))
        uniques = np.asarray(uniques, dtype=object)
        if normalise is not None:
            uniques = normalise(uniques)
        found = self.index.get_indexer(uniques)
        if (found < 0).any():
            self.values.extend(pd.unique(uniques[found < 0]))
            self.index = pd.Index(self.values, dtype=object)
            found = self.index.get_indexer(uniques)
        return found.astype(np.int64)[positions]

    def decode(self, ids: np.ndarray) -> np.ndarray:
        return np.asarray(self.values, dtype=object)[ids] if len(ids) else np.array([], dtype=object)

    def __len__(self):
        return len(self.values)


class Aggregator:
    """Sums flows by (origin, destination, mode, category, period), chunk by chunk, on integer ids.

    Missing values (NaN) propagate: a group with a suppressed member is missing, not a partial sum.
    """

    MERGE_EVERY = 2_500_000  # rows kept before the pending chunks are merged

    def __init__(self):
        self.codes = Dictionary()  # origins and destinations share one dictionary
        self.extras = [Dictionary([""]), Dictionary([""]), Dictionary([""])]  # mode, category, period
        self.parts: List[Tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (ids as (n, 5) int64, sums, rows)
        self.rows = 0
        self.pending = 0

    def add(
        self,
        origin,
        destination,
        flow: np.ndarray,
        mode=None,
        category=None,
        period=None,
        normalise: Tuple = (None, None),
    ) -> None:
        """Add a chunk; ``normalise``: functions applied to the distinct origins / destinations
        (:meth:`CodeChecker.normaliser`)."""
        n = len(flow)
        if n == 0:
            return
        ids = np.zeros((n, 5), dtype=np.int64)
        ids[:, 0] = self.codes.ids(origin, normalise[0])
        ids[:, 1] = self.codes.ids(destination, normalise[1])
        for position, (values, dictionary) in enumerate(zip((mode, category, period), self.extras), start=2):
            if values is not None:  # None: "" (id 0 of every extra dictionary)
                ids[:, position] = dictionary.ids(values)
        part = self._reduce(ids, np.asarray(flow, dtype="float64"), np.ones(n, dtype=np.int64))
        self.parts.append(part)
        self.rows += n
        self.pending += len(part[1])
        if self.pending > self.MERGE_EVERY and len(self.parts) > 1:
            self._merge()

    def _reduce(self, ids: np.ndarray, flow: np.ndarray, rows: np.ndarray) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        sizes = [max(len(self.codes), 1)] * 2 + [max(len(d), 1) for d in self.extras]
        if np.prod([float(s) for s in sizes]) < 2.0**62:
            key = np.zeros(len(ids), dtype=np.int64)
            for column, size in enumerate(sizes):
                key = key * size + ids[:, column]
            unique, inverse = np.unique(key, return_inverse=True)
            sums = np.bincount(inverse, weights=flow, minlength=len(unique))
            counts = np.bincount(inverse, weights=rows, minlength=len(unique)).astype(np.int64)
            first = np.zeros(len(unique), dtype=np.int64)
            first[inverse[::-1]] = np.arange(len(inverse))[::-1]
            return ids[first], sums, counts
        frame = pd.DataFrame(ids, columns=list("odmcp"))
        frame["flow"] = flow
        frame["rows"] = rows
        grouped = frame.groupby(list("odmcp"), sort=False).agg(flow=("flow", "sum"), rows=("rows", "sum"))
        grouped = grouped.reset_index()
        return (
            grouped[list("odmcp")].to_numpy(dtype=np.int64),
            grouped["flow"].to_numpy(dtype="float64"),
            grouped["rows"].to_numpy(dtype=np.int64),
        )

    def _merge(self) -> None:
        ids = np.concatenate([p[0] for p in self.parts])
        flow = np.concatenate([p[1] for p in self.parts])
        rows = np.concatenate([p[2] for p in self.parts])
        self.parts = [self._reduce(ids, flow, rows)]
        self.pending = len(self.parts[0][1])

    def _decode(self, ids: np.ndarray, sums: np.ndarray) -> pd.DataFrame:
        frame = pd.DataFrame(
            {
                "origin": self.codes.decode(ids[:, 0]),
                "destination": self.codes.decode(ids[:, 1]),
                "flow": sums,
                "mode": self.extras[0].decode(ids[:, 2]),
                "category": self.extras[1].decode(ids[:, 3]),
                "period": self.extras[2].decode(ids[:, 4]),
            }
        )
        return frame[COLUMNS]

    def frame(self) -> pd.DataFrame:
        if not self.parts:
            return empty_frame()
        if len(self.parts) > 1:
            self._merge()
        ids, sums, _ = self.parts[0]
        return self._decode(ids, sums)

    def duplicates(self) -> pd.DataFrame:
        """The keys read on more than one row: COLUMNS plus ``rows`` (how many rows were summed)."""
        if not self.parts:
            return empty_frame().assign(rows=pd.Series(dtype="int64"))
        if len(self.parts) > 1:
            self._merge()
        ids, sums, counts = self.parts[0]
        several = counts > 1
        frame = self._decode(ids[several], sums[several])
        frame["rows"] = counts[several]
        return frame


def _key_codes(frame: pd.DataFrame, sort: bool = False) -> List[np.ndarray]:
    """Integer codes of the key columns (``pd.factorize``), in KEYS order."""
    return [pd.factorize(frame[column].to_numpy(), sort=sort)[0].astype(np.int64) for column in KEYS]


def _combined(codes: List[np.ndarray]) -> Optional[np.ndarray]:
    sizes = [int(c.max()) + 1 if len(c) else 1 for c in codes]
    if np.prod([float(s) for s in sizes]) >= 2.0**62:
        return None
    key = np.zeros(len(codes[0]), dtype=np.int64)
    for column, size in zip(codes, sizes):
        key = key * size + column
    return key


def group(frame: pd.DataFrame, report: Optional[Report] = None) -> pd.DataFrame:
    """Sum the flows of identical keys (a key with a missing member stays missing).

    The known part of a sum made missing that way is reported (``report``) so that no flow is lost
    from the accounts."""
    if frame.empty:
        return frame.reset_index(drop=True)
    key = _combined(_key_codes(frame))
    if key is None:  # pragma: no cover - more distinct keys than an int64 can number
        key = frame.groupby(KEYS, sort=False, dropna=False).ngroup().to_numpy()
    unique, first, inverse = np.unique(key, return_index=True, return_inverse=True)
    if len(unique) == len(frame):
        return frame.reset_index(drop=True)
    flow = frame["flow"].to_numpy(dtype="float64")
    missing = np.isnan(flow)
    sums = np.bincount(inverse, weights=np.where(missing, 0.0, flow), minlength=len(unique))
    out = frame.iloc[first].reset_index(drop=True)
    if missing.any():
        any_missing = np.bincount(inverse, weights=missing, minlength=len(unique)) > 0
        if report is not None:
            for position in np.flatnonzero(any_missing & (sums > 0)):
                row = out.iloc[position]
                report.add(
                    row["destination"],
                    WITH_SUPPRESSED,
                    sums[position],
                    row["origin"],
                    translate("OdTable", "known values summed with a suppressed one: the total is missing"),
                )
        sums[any_missing] = np.nan
    out["flow"] = sums
    return out[COLUMNS]


def find_duplicates(frame: pd.DataFrame, first_line=1) -> pd.DataFrame:
    """The keys of ``frame`` (one row per input row) found on several rows: COLUMNS (flow summed),
    ``rows`` and ``lines`` (the first file lines of each, as text)."""
    if frame.empty:
        return empty_frame().assign(rows=pd.Series(dtype="int64"), lines=pd.Series(dtype=object))
    key = _combined(_key_codes(frame))
    if key is None:  # pragma: no cover - more distinct keys than an int64 can number
        key = frame.groupby(KEYS, sort=False, dropna=False).ngroup().to_numpy()
    unique, first, inverse, counts = np.unique(key, return_index=True, return_inverse=True, return_counts=True)
    several = np.flatnonzero(counts > 1)
    if not len(several):
        return empty_frame().assign(rows=pd.Series(dtype="int64"), lines=pd.Series(dtype=object))
    flow = frame["flow"].to_numpy(dtype="float64")
    sums = np.bincount(inverse, weights=np.nan_to_num(flow), minlength=len(unique))
    out = frame.iloc[first[several]].reset_index(drop=True)[COLUMNS].copy()
    out["flow"] = sums[several]
    out["rows"] = counts[several]
    wanted = {int(k): [] for k in several[:20]}
    for position in np.flatnonzero(np.isin(inverse, several[:20])):
        lines = wanted[int(inverse[position])]
        if len(lines) < 3:
            lines.append(str(line_at(first_line, int(position))))
    out["lines"] = [", ".join(wanted.get(int(k), [])) for k in several]
    return out


MAX_DUPLICATES_REPORTED = 1000


def report_duplicates(table: "ODTable", duplicates: pd.DataFrame, warn: Warn = None) -> None:
    """Put the keys read on several rows (and summed) in the report, and warn once about them."""
    if duplicates is None or duplicates.empty:
        return
    shown = duplicates.head(MAX_DUPLICATES_REPORTED)
    for row in shown.itertuples(index=False):
        lines = getattr(row, "lines", "")
        detail = translate(
            "OdTable",
            "{rows} rows with the same origin, destination, mode, category and period: their flows were summed",
        ).format(rows=int(row.rows))
        if lines:
            detail += translate("OdTable", " (lines {lines})").format(lines=lines)
        table.report.add(row.origin, DUPLICATE, row.flow, row.destination, detail)
    if len(duplicates) > len(shown):
        rest = duplicates.iloc[len(shown) :]
        table.report.add(
            "…",
            DUPLICATE,
            float(np.nansum(rest["flow"].to_numpy(dtype="float64"))),
            detail=translate("OdTable", "{count} more keys read on several rows, summed").format(count=len(rest)),
        )
    example = duplicates.iloc[0]
    where = ""
    if "lines" in duplicates and example["lines"]:
        where = translate("OdTable", ", lines {lines}").format(lines=example["lines"])
    table.add_warning(
        translate(
            "OdTable",
            "{keys} OD key(s) appear on several rows ({rows} rows in all; e.g. {origin} → {destination} on {count} "
            "rows{where}): their flows were summed, and the report lists them as '{kind}'. If the file should hold "
            "one row per pair, check it for repeated rows.",
        ).format(
            keys=len(duplicates),
            rows=int(duplicates["rows"].sum()),
            origin=short(example["origin"], 20),
            destination=short(example["destination"], 20),
            count=int(example["rows"]),
            where=where,
            kind=DUPLICATE,
        ),
        warn,
    )


def sort(frame: pd.DataFrame) -> pd.DataFrame:
    """The table sorted by its keys (origin, destination, mode, category, period)."""
    if frame.empty:
        return frame.reset_index(drop=True)
    codes = _key_codes(frame, sort=True)
    order = np.lexsort(codes[::-1])
    return frame.iloc[order].reset_index(drop=True)


# -- harmonisation -------------------------------------------------------------------------------


def _carried(frame: pd.DataFrame, codes: Iterable[str]) -> pd.Series:
    """Flow carried by each code (lines touching it, each line counted once)."""
    codes = list(codes)
    if not codes or frame.empty:
        return pd.Series(dtype="float64")
    at_origin = frame[frame["origin"].isin(codes)].groupby("origin")["flow"].sum()
    dest = frame[frame["destination"].isin(codes) & (frame["destination"] != frame["origin"])]
    at_destination = dest.groupby("destination")["flow"].sum()
    return at_origin.add(at_destination, fill_value=0.0).reindex(codes, fill_value=0.0)


def drop_unmatched(frame: pd.DataFrame, report: Report) -> pd.DataFrame:
    """Lines with no code at one end (empty, or a placeholder such as ZZZZZ) are dropped and reported,
    under the code of their other end."""
    no_origin = frame["origin"] == ""
    no_destination = frame["destination"] == ""
    if not (no_origin | no_destination).any():
        return frame
    cases = (
        (
            no_origin & ~no_destination,
            "destination",
            translate("OdTable", "no origin code (empty or a placeholder such as ZZZZZ)"),
        ),
        (
            no_destination & ~no_origin,
            "origin",
            translate("OdTable", "no destination code (empty or a placeholder such as ZZZZZ)"),
        ),
    )
    for mask, column, detail in cases:
        if mask.any():
            report.add_many(frame[mask].groupby(column)["flow"].sum(), UNMATCHED, detail=detail)
    both = no_origin & no_destination
    if both.any():
        report.add(
            "",
            UNMATCHED,
            frame.loc[both, "flow"].sum(),
            detail=translate("OdTable", "no origin and no destination code"),
        )
    return frame[~(no_origin | no_destination)]


def drop_unknown_codes(
    frame: pd.DataFrame, report: Report, note: Optional[Callable[[str], None]] = None
) -> pd.DataFrame:
    """Lines touching a well-formed commune code that no COG vintage knows (e.g. 95999) are dropped and
    reported, with the flow they carried, instead of being kept as a commune that does not exist."""
    if frame.empty:
        return frame
    codes = pd.unique(np.concatenate([frame["origin"].to_numpy(), frame["destination"].to_numpy()]))
    unknown = sorted(str(c) for c in codes if c and not cog.is_known_code(str(c)))
    if not unknown:
        return frame
    carried = _carried(frame, unknown)
    for code in unknown:
        report.add(
            code,
            UNMATCHED,
            carried.get(code, 0.0),
            detail=translate(
                "OdTable",
                "not a commune code in any COG vintage from 1968 to 2026 (a typing error?): its flows are not kept",
            ),
        )
    touched = frame["origin"].isin(unknown) | frame["destination"].isin(unknown)
    if note is not None:
        note(
            translate(
                "OdTable",
                "{count} code(s) that are not commune codes in any COG vintage ({examples}): {rows} flow line(s) "
                "carrying {flow:.1f} were left out and listed in the report as unmatched. Check those codes in the "
                "file.",
            ).format(
                count=len(unknown),
                examples=", ".join(unknown[:5]) + (" …" if len(unknown) > 5 else ""),
                rows=int(touched.sum()),
                flow=float(np.nansum(frame.loc[touched, "flow"].to_numpy(dtype="float64"))),
            )
        )
    return frame[~touched]


def aggregate_arrondissements(frame: pd.DataFrame, report: Report) -> pd.DataFrame:
    """Paris, Lyon and Marseille arrondissements -> 75056, 69123, 13055."""
    mapping = cog.ARRONDISSEMENT_TO_COMMUNE
    codes = set(frame["origin"]).union(frame["destination"]).intersection(mapping)
    if not codes:
        return frame
    carried = _carried(frame, sorted(codes))
    for code in sorted(codes):
        report.add(
            code,
            ARRONDISSEMENT,
            carried[code],
            mapping[code],
            translate("OdTable", "arrondissement of {city} counted in the commune").format(
                city=cog.PLM_COMMUNES[mapping[code]]
            ),
        )
    frame = frame.copy()
    for column in ("origin", "destination"):
        moving = frame[column].isin(codes)
        frame.loc[moving, column] = frame.loc[moving, column].map(mapping)
    return group_touching(frame, set(cog.PLM_COMMUNES))


def move_codes(
    frame: pd.DataFrame, report: Report, source: int, target: int, history: Optional["cog.CogHistory"] = None
) -> pd.DataFrame:
    """Codes of COG ``source`` -> COG ``target``: merges move, splits divide by ratio."""
    history = history or cog.history()
    history.check_vintages(source, target)
    if source == target or frame.empty:
        return frame
    codes = pd.unique(np.concatenate([frame["origin"].to_numpy(), frame["destination"].to_numpy()]))
    codes = [c for c in codes if c and not cog.is_foreign(c)]
    moves = history.moves(codes, source, target)
    if not moves:
        return frame
    carried = _carried(frame, sorted(moves))
    for code, move in sorted(moves.items()):
        if move.kind == "split":
            detail = translate(
                "OdTable", "split in COG {years}: flow divided by the population shares {shares}"
            ).format(years=", ".join(str(y) for y in move.years), shares=move.describe())
        elif move.kind == "merged":
            detail = translate("OdTable", "merged into {code} in COG {years}").format(
                code=move.targets[0][0], years=", ".join(str(y) for y in move.years)
            )
        else:
            detail = translate("OdTable", "code changed to {code} in COG {years}").format(
                code=move.targets[0][0], years=", ".join(str(y) for y in move.years)
            )
        if move.note:
            detail += "; " + move.note
        new_code = move.targets[0][0] if len(move.targets) == 1 else ",".join(c for c, _ in move.targets)
        report.add(code, move.kind, carried.get(code, 0.0), new_code, detail)
    table = pd.DataFrame(
        [(code, new, share) for code, move in moves.items() for new, share in move.targets],
        columns=["_code", "_new", "_share"],
    )
    # only the lines touching a moved code or a code they move to can change or merge: work on those
    touched = set(moves) | set(table["_new"])
    affected = frame["origin"].isin(touched).to_numpy() | frame["destination"].isin(touched).to_numpy()
    part = frame[affected]
    for column in ("origin", "destination"):
        moving = part[column].isin(moves.keys())
        if not moving.any():
            continue
        go = part[moving].merge(table, left_on=column, right_on="_code", how="inner")
        go[column] = go["_new"]
        go["flow"] = go["flow"] * go["_share"]
        part = pd.concat([part[~moving], go[COLUMNS]], ignore_index=True)
    return pd.concat([frame[~affected], group(part)], ignore_index=True)


def group_touching(frame: pd.DataFrame, codes: set, report: Optional[Report] = None) -> pd.DataFrame:
    """:func:`group` restricted to the lines touching ``codes``: after codes are moved to ``codes``,
    only those lines can share a key, so the rest of a big table is left alone."""
    touched = frame["origin"].isin(codes) | frame["destination"].isin(codes)
    if not touched.any():
        return frame
    return pd.concat([frame[~touched], group(frame[touched], report)], ignore_index=True)


def filter_territory(
    frame: pd.DataFrame, report: Report, territory: Sequence[str], exact: bool = False
) -> pd.DataFrame:
    """Keep the lines with at least one end in the territory; the others are reported by origin.

    Commune codes: a département keeps its communes, a commune its arrondissements; ``exact``: codes
    (free identifiers) must be equal."""
    if not territory or frame.empty:
        return frame
    if exact:
        inside = frame["origin"].isin(territory) | frame["destination"].isin(territory)
    else:
        inside = cog.in_territory(frame["origin"], territory) | cog.in_territory(frame["destination"], territory)
    if inside.all():
        return frame
    out = frame[~inside]
    report.add_many(
        out.groupby("origin")["flow"].sum(),
        OUTSIDE,
        detail=translate("OdTable", "no end of these flows is in the territory {territory}").format(
            territory=", ".join(territory)
        ),
    )
    return frame[inside]


def drop_intra(frame: pd.DataFrame, report: Report) -> pd.DataFrame:
    same = frame["origin"] == frame["destination"]
    if not same.any():
        return frame
    report.add_many(
        frame[same].groupby("origin")["flow"].sum(),
        INTRA,
        detail=translate("OdTable", "flow within the commune (origin = destination), not kept"),
    )
    return frame[~same]


def harmonise(
    table: ODTable,
    arrondissements: str = "keep",
    source_cog: Optional[int] = None,
    target_cog: Optional[int] = None,
    territory: Sequence[str] = (),
    intra: bool = True,
    codes: str = "commune",
    warn: Warn = None,
) -> ODTable:
    """Unknown codes, arrondissements, COG moves, territory and intra-commune filters, in that order (see
    module doc). What the user must know goes to ``table.warnings`` and to ``warn``."""
    frame, table.frame = table.frame, None  # one reference only, so that each step can free the previous frame
    frame = drop_unmatched(frame, table.report)
    if codes == "commune":
        frame = drop_unknown_codes(frame, table.report, lambda message: table.add_warning(message, warn))
        if arrondissements == "aggregate":
            frame = aggregate_arrondissements(frame, table.report)
        elif arrondissements != "keep":
            raise DataError(
                translate("OdTable", "Unknown arrondissement option '{value}': use keep or aggregate.").format(
                    value=arrondissements
                )
            )
        if source_cog is not None and target_cog is not None:
            frame = move_codes(frame, table.report, int(source_cog), int(target_cog))
            table.records.extend(cog.provenance_records(int(source_cog), int(target_cog)))
            table.source_cog, table.target_cog = int(source_cog), int(target_cog)
    frame = filter_territory(frame, table.report, territory, exact=codes != "commune")
    if not intra:
        frame = drop_intra(frame, table.report)
    table.frame = sort(frame)[COLUMNS]
    return table


def report_fixed_codes(report: Report, checker: CodeChecker) -> None:
    for raw, code in sorted(checker.fixed.items()):
        if code and raw.strip() != code:
            report.add(
                str(raw),
                LEADING_ZERO,
                0.0,
                code,
                translate("OdTable", "code written without its leading zero or in lower case: read as {code}").format(
                    code=code
                ),
            )


def from_columns(
    origin: Sequence,
    destination: Sequence,
    flow: Sequence,
    name: str,
    records: List[Dict],
    mode: Optional[Sequence] = None,
    category: Optional[Sequence] = None,
    period: Optional[Sequence] = None,
    codes: str = "commune",
    arrondissements: str = "keep",
    source_cog: Optional[int] = None,
    target_cog: Optional[int] = None,
    territory: str = "",
    intra: bool = True,
    first_line=1,
    warn: Warn = None,
) -> ODTable:
    """An OD table from columns of any table (``import_od_table``): codes checked, flows parsed
    (missing values stay missing), identical keys summed (and reported), then :func:`harmonise`.

    ``first_line``: how the user numbers the first row in messages: 1 for the first feature of a layer,
    2 for a delimited text file read by QGIS (its header is line 1), or the exact :class:`textfile.Lines`
    that :func:`import_od_file` passes. ``warn`` receives what the user must know (also kept in
    ``warnings`` of the result)."""
    if len(flow) == 0:
        raise DataError(
            translate("OdTable", "'{file}' holds no row: there is no flow to import.").format(file=short(name))
        )

    def text(values):
        return pd.Series(["" if v is None else str(v).strip() for v in values], dtype=object)

    raw_flow = pd.Series(["" if v is None else v for v in flow], dtype=object)
    values, missing = parse_numbers(raw_flow, first_line, translate("OdTable", "flow"), name, allow_missing=True)
    checker = CodeChecker(name, "commune" if codes == "commune" else "free")
    origins = checker.column(text(origin), first_line, translate("OdTable", "origin"))
    destinations = checker.column(text(destination), first_line, translate("OdTable", "destination"))
    frame = pd.DataFrame(
        {
            "origin": origins.to_numpy(),
            "destination": destinations.to_numpy(),
            "flow": values,
            "mode": text(mode).to_numpy() if mode is not None else "",
            "category": text(category).to_numpy() if category is not None else "",
            "period": text(period).to_numpy() if period is not None else "",
        }
    )[COLUMNS]
    table = ODTable(empty_frame(), list(records), name=name, flow_in=float(np.nansum(values)), layout="table")
    if missing.any():
        for code, count in frame.loc[missing, "origin"].value_counts().items():
            table.report.add(
                code,
                SUPPRESSED,
                0.0,
                detail=translate("OdTable", "{count} flows with no value (kept as missing, not zero)").format(
                    count=count
                ),
            )
    report_duplicates(table, find_duplicates(frame, first_line), warn)
    table.frame = group(frame, table.report)
    report_fixed_codes(table.report, checker)
    territory_list = (
        cog.territory_codes(territory)
        if codes == "commune"
        else [t.strip() for t in re.split(r"[,;]+", territory or "") if t.strip()]
    )
    return harmonise(table, arrondissements, source_cog, target_cog, territory_list, intra, codes, warn=warn)


def import_od_file(
    path: str,
    origin: str,
    destination: str,
    flow: str,
    mode: str = "",
    category: str = "",
    period: str = "",
    records: Optional[List[Dict]] = None,
    warn: Warn = None,
    cancel: Cancel = None,
    **options,
) -> ODTable:
    """An OD table from a delimited text file (``import_od_table`` on a CSV/TXT): the one text reader
    (encoding, separator, quotes) and messages naming the file's own lines. ``origin``... are column
    names (case and accents ignored when no column has the exact name); ``options`` go to
    :func:`from_columns` (codes, arrondissements, source_cog, target_cog, territory, intra)."""
    table = textfile.open_table(path)
    if not table.has_rows:
        raise textfile.no_rows_error(table)
    chosen = {}
    for role, column in (
        ("origin", origin),
        ("destination", destination),
        ("flow", flow),
        ("mode", mode),
        ("category", category),
        ("period", period),
    ):
        if not column:
            continue
        index = table.columns.index(column) if column in table.columns else table.find(column)
        if index is None:
            raise DataError(
                translate(
                    "OdTable", "'{file}' has no column '{name}' (chosen as the {role}). Its columns are: {columns}."
                ).format(
                    file=table.name,
                    name=short(column),
                    role=role,
                    columns=short(", ".join(short(c) for c in table.columns), 600),
                )
            )
        chosen[role] = index

    def read(table: textfile.TextFile):
        parts = {role: [] for role in chosen}
        for _, chunk in table.chunks(list(chosen.values())):
            if cancel is not None and cancel():
                from .errors import Canceled

                raise Canceled()
            for role, index in chosen.items():
                parts[role].append(chunk[table.columns[index]])
        return {
            role: (pd.concat(values, ignore_index=True) if values else pd.Series(dtype=object))
            for role, values in parts.items()
        }

    columns = read_with_encoding_fallback(table, read, warn)
    if records is None:
        stamp = dt.datetime.fromtimestamp(os.path.getmtime(path), dt.timezone.utc).replace(microsecond=0)
        records = [
            {
                "dataset": "",
                "title": os.path.basename(path),
                "producer": "",
                "licence": "",
                "attribution": os.path.basename(path),
                "vintage": "",
                "url": "file://" + os.path.abspath(path),
                "retrieved_at": stamp.isoformat().replace("+00:00", "Z"),
                "sha256": "",
                "file": os.path.basename(path),
            }
        ]
    return from_columns(
        columns["origin"].tolist(),
        columns["destination"].tolist(),
        columns["flow"].tolist(),
        table.name,
        records,
        mode=columns["mode"].tolist() if "mode" in columns else None,
        category=columns["category"].tolist() if "category" in columns else None,
        period=columns["period"].tolist() if "period" in columns else None,
        first_line=textfile.Lines(table, 0),
        warn=warn,
        **options,
    )


# -- writing and reading OD tables as CSV --------------------------------------------------------


def write_csv(table: ODTable, path: str) -> None:
    """An OD table as CSV (UTF-8, ';') with a .csvt so that QGIS reads codes as text."""
    frame = table.frame.copy()
    source, licence, retrieved = table.provenance()
    frame["source"], frame["licence"], frame["retrieved_at"] = source, licence, retrieved
    frame.to_csv(path, sep=";", index=False, encoding="utf-8", float_format="%.10g")
    with open(os.path.splitext(path)[0] + ".csvt", "w", encoding="utf-8") as handle:
        handle.write(",".join('"String"' if c != "flow" else '"Real"' for c in list(frame.columns)) + "\n")


def read_csv(path: str) -> ODTable:
    """An OD table written by :func:`write_csv` (or any CSV with origin, destination, flow columns)."""
    table = open_text_table(path)
    missing = [c for c in ("origin", "destination", "flow") if table.find(c) is None]
    if missing:
        raise DataError(
            translate("OdTable", "'{file}' is not an OD table: it lacks the columns {columns}.").format(
                file=table.name, columns=", ".join(missing)
            )
        )
    frames = []
    for first, chunk in table.chunks(range(len(table.columns))):
        chunk.columns = [c.lower() for c in chunk.columns]
        values, _ = parse_numbers(chunk["flow"], first, "flow", table.name, allow_missing=True)
        chunk["flow"] = values
        for column in COLUMNS:
            if column not in chunk:
                chunk[column] = ""
        frames.append(chunk)
    frame = pd.concat(frames, ignore_index=True) if frames else empty_frame()
    records = []
    if "source" in frame and len(frame):
        first_row = frame.iloc[0]
        records.append(
            {
                "dataset": "",
                "title": first_row["source"],
                "attribution": first_row["source"],
                "licence": first_row.get("licence", ""),
                "retrieved_at": first_row.get("retrieved_at", ""),
            }
        )
    return ODTable(frame[COLUMNS], records, name=os.path.basename(path), flow_in=float(np.nansum(frame["flow"])))
