"""INSEE commune codes: format, Paris/Lyon/Marseille arrondissements, and the commune history.

Flows come in the commune geography (COG) of their release year (MOBPRO RP2014 uses COG 2016),
boundaries in a newer one. :class:`CogHistory` moves codes from one COG vintage to another with
the commune movement tables shipped in ``providers/data/cog/`` (see its ``SOURCES.md``):

- ``cog_tables_passage_1968_2023_cogugaison.csv`` (COGugaison, ODbL): one table per pair of
  consecutive vintages, 1968 → … → 2024, with the split ratios;
- ``communes_codes_anciens_vers_actuels_cog2026.csv`` (@etalab/decoupage-administratif 6.0.0,
  Licence Ouverte): every known old code → the commune in force in COG 2026.

A code merged into another is moved to it; a split commune's flow is divided by the table's
ratios (normalised so that they sum to exactly 1 per code); a code moved several times follows the
whole chain. The tables of 2022 → 2023 and 2023 → 2024 are stored backwards in the source
(``code_depart`` holds the new code): they are read the right way round here, and
``tests/unit/test_cog.py`` checks every table against the COG 2026 table.
"""

import os
import re
import threading
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import pandas as pd

from .codes import COG_DEPARTEMENT_RE, COMMUNE_RE
from .errors import DataError
from .i18n import translate

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data", "cog")
PASSAGE_FILE = os.path.join(DATA_DIR, "cog_tables_passage_1968_2023_cogugaison.csv")
CURRENT_FILE = os.path.join(DATA_DIR, "communes_codes_anciens_vers_actuels_cog2026.csv")
#: every commune, arrondissement, delegated and associated commune code of COG 2026
COMMUNES_FILE = os.path.join(DATA_DIR, "communes_cog2026.csv")

#: the vintage of the old code -> current commune table
CURRENT_VINTAGE = 2026
#: passage tables stored with their two code columns swapped in the COGugaison export
REVERSED_TABLES = {(2022, 2023), (2023, 2024)}

#: a commune (or arrondissement) code: 5 digits, or Corsica 2A/2B + 3 digits
DEPARTEMENT_RE = COG_DEPARTEMENT_RE
#: placeholders meaning "no code" in INSEE files (ARM of a commune without arrondissements...)
PLACEHOLDERS = {"ZZZZZ", "ZZZZ", "ZZZ", "XXXXX", "99999", "00000", "NA", "N/A", "NAN", "NULL", "NONE", "-", ""}

#: arrondissement code -> code of its commune (Paris 75101-75120, Lyon 69381-69389, Marseille 13201-13216)
ARRONDISSEMENT_TO_COMMUNE: Dict[str, str] = {}
ARRONDISSEMENT_TO_COMMUNE.update({f"751{n:02d}": "75056" for n in range(1, 21)})
ARRONDISSEMENT_TO_COMMUNE.update({f"6938{n}": "69123" for n in range(1, 10)})
ARRONDISSEMENT_TO_COMMUNE.update({f"132{n:02d}": "13055" for n in range(1, 17)})
PLM_COMMUNES = {"75056": "Paris", "69123": "Lyon", "13055": "Marseille"}


_KNOWN: Optional[frozenset] = None


def known_codes() -> frozenset:
    """Every commune code the shipped tables know: the communes, arrondissements, delegated and
    associated communes of COG 2026, and every code of the history tables (communes gone since 1968)."""
    global _KNOWN
    with _LOCK:
        if _KNOWN is None:
            codes = set()
            for path, columns in (
                (COMMUNES_FILE, ["code"]),
                (CURRENT_FILE, ["code_ancien", "code_actuel"]),
                (PASSAGE_FILE, ["code_depart", "code_arrivee"]),
            ):
                table = pd.read_csv(path, sep=";", dtype=str, keep_default_na=False, usecols=columns, encoding="utf-8")
                for column in columns:
                    codes.update(table[column])
            _KNOWN = frozenset(codes)
        return _KNOWN


def is_known_code(code: str) -> bool:
    """True for a commune code that exists or existed (see :func:`known_codes`), or a foreign country (99xxx)."""
    return code in known_codes() or is_foreign(code)


def is_foreign(code: str) -> bool:
    """INSEE codes of foreign countries (99xxx), used as work places of cross-border workers."""
    return code.startswith("99") and code != "99999"


def normalise_code(raw) -> Tuple[Optional[str], bool]:
    """``(code, fixed)``: a commune code as INSEE writes it, or ``None`` when it is not one.

    ``fixed`` is True when a leading zero lost by a spreadsheet was restored ("1053" -> "01053",
    "1053.0" -> "01053") or the case changed ("2a004" -> "2A004").
    """
    text = "" if raw is None else str(raw).strip()
    original = text
    if text.endswith(".0") and text[:-2].isdigit():
        text = text[:-2]
    text = text.upper()
    if text.isdigit() and len(text) == 4:
        text = "0" + text
    if COMMUNE_RE.match(text):
        return text, text != original
    return None, False


def territory_codes(text: str) -> List[str]:
    """A territory given as départements and/or communes, separated by commas, spaces or ';'."""
    items = [item.strip().upper() for item in re.split(r"[,;\s]+", text or "") if item.strip()]
    out = []
    for item in items:
        if item.isdigit() and len(item) == 1:
            item = "0" + item
        if item.isdigit() and len(item) == 4:
            item = "0" + item
        if DEPARTEMENT_RE.match(item) or COMMUNE_RE.match(item):
            out.append(item)
            continue
        raise DataError(
            translate(
                "Cog",
                "The territory '{item}' is neither a département code (01-95, 2A, 2B, 971-976) nor a commune code "
                "(5 characters, e.g. 95127): give départements and communes separated by commas, e.g. '95, 78646'.",
            ).format(item=item)
        )
    return out


def in_territory(codes: pd.Series, territory: Sequence[str]) -> pd.Series:
    """True for codes inside the territory (départements by prefix, communes exactly)."""
    codes = codes.astype(str)
    mask = pd.Series(False, index=codes.index)
    communes = [t for t in territory if len(t) == 5]
    if communes:
        parents = {ARRONDISSEMENT_TO_COMMUNE.get(c, c) for c in communes}
        mask |= codes.isin(communes) | codes.map(ARRONDISSEMENT_TO_COMMUNE).isin(parents)
    for dep in (t for t in territory if len(t) < 5):
        mask |= codes.str.startswith(dep)
    return mask


# -- history -------------------------------------------------------------------------------------


@dataclass
class Move:
    """Where one code goes between two vintages."""

    targets: List[Tuple[str, float]]  # (new code, share of its flow); shares sum to 1
    kind: str  # "merged", "split", "renamed" (unchanged codes have no Move)
    years: List[int] = field(default_factory=list)  # COG vintages of the changes
    note: str = ""

    def describe(self) -> str:
        if len(self.targets) == 1:
            return self.targets[0][0]
        return ",".join(f"{code}:{share:.6g}" for code, share in self.targets)


class CogHistory:
    """The commune movement tables, loaded once."""

    def __init__(self, passage_file: str = PASSAGE_FILE, current_file: str = CURRENT_FILE):
        table = pd.read_csv(passage_file, sep=";", dtype=str, keep_default_na=False, encoding="utf-8")
        table["cog_depart"] = table["cog_depart"].astype(int)
        table["cog_arrivee"] = table["cog_arrivee"].astype(int)
        table["ratio"] = table["ratio"].astype(float)
        reversed_rows = [(a, b) in REVERSED_TABLES for a, b in zip(table["cog_depart"], table["cog_arrivee"])]
        reversed_rows = pd.Series(reversed_rows, index=table.index)
        depart = table["code_depart"].where(~reversed_rows, table["code_arrivee"])
        arrivee = table["code_arrivee"].where(~reversed_rows, table["code_depart"])
        table["code_depart"], table["code_arrivee"] = depart, arrivee
        self.passage = table
        #: (from vintage, to vintage) -> {old code: [(new code, share, typemodif)]}
        self.steps: Dict[Tuple[int, int], Dict[str, List[Tuple[str, float, str]]]] = {}
        for (start, end), group in table.groupby(["cog_depart", "cog_arrivee"], sort=True):
            step: Dict[str, List[Tuple[str, float, str]]] = {}
            for row in group.itertuples(index=False):
                step.setdefault(row.code_depart, []).append((row.code_arrivee, row.ratio, row.typemodif))
            for code, targets in step.items():
                step[code] = _normalised(targets)
            self.steps[(int(start), int(end))] = step
        current = pd.read_csv(current_file, sep=";", dtype=str, keep_default_na=False, encoding="utf-8")
        self.current = current
        self._code_events: Optional[Dict[str, List[Tuple[int, bool]]]] = None
        self.to_current: Dict[str, List[Tuple[str, float, str]]] = {}
        for old, group in current.groupby("code_ancien", sort=True):
            targets = sorted(set(group["code_actuel"]))
            share = 1.0 / len(targets)
            self.to_current[old] = _normalised([(t, share, "f" if len(targets) == 1 else "d") for t in targets])

    # -- vintages ---------------------------------------------------------------------------------
    def vintages(self) -> List[int]:
        """Every COG vintage codes can be moved to (the oldest first)."""
        ends = {end for _, end in self.steps}
        yearly = set(range(min(start for start, end in self.steps if end == start + 1), max(ends) + 1))
        return sorted(ends | yearly | {CURRENT_VINTAGE})

    def newest(self) -> int:
        return CURRENT_VINTAGE

    def oldest(self) -> int:
        return min(start for start, _ in self.steps)

    def check_vintages(self, source: int, target: int) -> None:
        if target not in self.vintages():
            raise DataError(
                translate(
                    "Cog",
                    "The plugin cannot move commune codes to COG {target}: it knows the vintages {known}. "
                    "Choose one of them (the newest, {newest}, also suits boundaries of COG 2025 unless a commune "
                    "changed in 2025).",
                ).format(target=target, known=", ".join(str(v) for v in self.vintages()), newest=self.newest())
            )
        if not self.oldest() <= source <= self.newest():
            raise DataError(
                translate(
                    "Cog",
                    "The COG vintage of the file, {source}, is outside the history the plugin knows ({first}-{last}).",
                ).format(source=source, first=self.oldest(), last=self.newest())
            )
        if source > target:
            raise DataError(
                translate(
                    "Cog",
                    "The file's codes are of COG {source}, newer than the target COG {target}: codes can only be moved "
                    "forward in time. Choose a target vintage of {source} or later.",
                ).format(source=source, target=target)
            )

    # -- moves ------------------------------------------------------------------------------------
    def moves(self, codes: Iterable[str], source: int, target: int) -> Dict[str, Move]:
        """Where each code of COG ``source`` goes in COG ``target`` (only codes that change)."""
        self.check_vintages(source, target)
        chain = [(key, step) for key, step in sorted(self.steps.items()) if source < key[1] <= target]
        use_current = target == CURRENT_VINTAGE and source < CURRENT_VINTAGE
        out: Dict[str, Move] = {}
        for code in codes:
            current: Dict[str, float] = {code: 1.0}
            kinds, years = set(), []
            note = ""
            steps = chain
            gone = self.retired(code, source)
            if gone is not None:  # a code already out of force in the file's vintage: follow it from then
                steps = [(key, step) for key, step in sorted(self.steps.items()) if gone <= key[1] <= target]
                note = translate(
                    "Cog", "code of a commune that no longer existed in COG {source} (changed in COG {year})"
                ).format(source=source, year=gone)
            for (_, end), step in steps:
                if not any(c in step for c in current):
                    continue
                current, changed = _apply(current, step, kinds)
                if changed:
                    years.append(end)
            if use_current and any(c in self.to_current for c in current):
                current, changed = _apply(current, self.to_current, kinds)
                if changed:
                    years.append(CURRENT_VINTAGE)
            if current == {code: 1.0}:
                continue
            targets = sorted(current.items())
            targets = _fix_sum(targets)
            if "d" in kinds or len(targets) > 1:
                kind = "split"
            elif "f" in kinds:
                kind = "merged"
            else:
                kind = "renamed"
            out[code] = Move(targets, kind, years, note)
        return out

    def _events(self) -> Dict[str, List[Tuple[int, bool]]]:
        """code -> [(vintage, in force after it)] for every change touching the code."""
        if self._code_events is None:
            events: Dict[str, List[Tuple[int, bool]]] = {}
            for (_, end), step in sorted(self.steps.items()):
                arrivals = {new for targets in step.values() for new, _, _ in targets}
                for code in step:
                    if code not in arrivals:
                        events.setdefault(code, []).append((end, False))
                for code in arrivals:
                    events.setdefault(code, []).append((end, True))
            self._code_events = events
        return self._code_events

    def retired(self, code: str, vintage: int) -> Optional[int]:
        """The vintage in which ``code`` disappeared, if it was no longer in force in ``vintage``."""
        state = None
        for end, alive in self._events().get(code, ()):
            if end > vintage:
                break
            state = None if alive else end
        return state


def _normalised(targets: List[Tuple[str, float, str]]) -> List[Tuple[str, float, str]]:
    """Merge duplicate targets and scale the shares to sum to 1 (the tables round to 6 decimals)."""
    merged: Dict[str, List] = {}
    for code, share, kind in targets:
        if code in merged:
            merged[code][0] += share
        else:
            merged[code] = [share, kind]
    total = sum(share for share, _ in merged.values())
    if total <= 0:
        total = float(len(merged))
        merged = {code: [1.0, kind] for code, (_, kind) in merged.items()}
    return [(code, share / total, kind) for code, (share, kind) in sorted(merged.items())]


def _apply(current: Dict[str, float], step, kinds: set) -> Tuple[Dict[str, float], bool]:
    out: Dict[str, float] = {}
    changed = False
    for code, share in current.items():
        targets = step.get(code)
        if not targets:
            out[code] = out.get(code, 0.0) + share
            continue
        for new, ratio, kind in targets:
            out[new] = out.get(new, 0.0) + share * ratio
            if new != code or len(targets) > 1:
                changed = True
                kinds.add(kind)
    return out, changed


def _fix_sum(targets: List[Tuple[str, float]]) -> List[Tuple[str, float]]:
    """Shares that add up to exactly 1.0 in floating point (the largest absorbs the rounding)."""
    if len(targets) == 1:
        return [(targets[0][0], 1.0)]
    total = sum(share for _, share in targets)
    targets = [(code, share / total) for code, share in targets]
    biggest = max(range(len(targets)), key=lambda i: targets[i][1])
    rest = sum(share for i, (_, share) in enumerate(targets) if i != biggest)
    targets[biggest] = (targets[biggest][0], 1.0 - rest)
    return targets


_HISTORY: Optional[CogHistory] = None
_LOCK = threading.Lock()


def history() -> CogHistory:
    """The shared :class:`CogHistory` (the tables are read on first use)."""
    global _HISTORY
    with _LOCK:
        if _HISTORY is None:
            _HISTORY = CogHistory()
        return _HISTORY


def known_vintages() -> List[int]:
    return history().vintages()


def mobpro_cog_vintage(census_year: int) -> int:
    """The COG of a MOBPRO release: census RPyyyy is published in the geography of 1 January yyyy+2."""
    return int(census_year) + 2


def provenance_records(source: int, target: int) -> List[dict]:
    """Provenance of the tables used to move codes from ``source`` to ``target``."""
    from .cache import Provenance, utc_now

    records = []
    if source < min(target, 2024):
        record = Provenance(
            "cog",
            url="https://github.com/antuki/COGugaison",
            retrieved_at="2024-07-01T00:00:00Z",
            vintage=f"{source}-{min(target, 2024)}",
        ).record()
        record["title"] = translate("Cog", "COG passage tables (COGugaison)")
        records.append(record)
    if target == CURRENT_VINTAGE and source < CURRENT_VINTAGE:
        record = Provenance(
            "cog",
            url="https://www.npmjs.com/package/@etalab/decoupage-administratif",
            retrieved_at=utc_now(),
            vintage="2026",
        ).record()
        record.update(
            title=translate("Cog", "Old commune codes to COG 2026 (@etalab/decoupage-administratif 6.0.0)"),
            producer="INSEE (COG), Etalab",
            licence="Licence Ouverte / Open Licence 2.0",
            licence_url="https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
            attribution="INSEE COG via @etalab/decoupage-administratif",
            retrieved_at="2026-01-01T00:00:00Z",
        )
        records.append(record)
    return records
