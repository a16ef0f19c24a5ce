"""INSEE home-work flows (MOBPRO) -> OD table.

Three layouts, told apart by their header (``shared/APIS.md`` §7):

- ``detail``: the detail file ``FD_MOBPRO_<year>`` (one row per person, ``COMMUNE``, ``ARM``,
  ``DCLT``, ``TRANS``, ``IPONDI``...). Counts are ``sum(IPONDI)``, never row counts; the residence
  is ``ARM`` (Paris/Lyon/Marseille arrondissement) when it is not ``ZZZZZ``, else ``COMMUNE``;
- ``base_flux``: the aggregated « base flux de mobilité » (``CODGEO``, ``DCLT``,
  ``NBFLUX_C<yy>_ACTOCC15P``);
- ``by_mode``: flows summed by residence, work place, mode and CSP (``ORI``, ``DES``, ``MODE``,
  ``CSP``, ``FLOW``), as in ``sample/val-doise/``.

Every column is read as text, chunk by chunk (see :mod:`.od`), so that the national detail file
(8 million rows, a few GB) is imported in bounded memory.
"""

import os
import re
from typing import Dict, List, Optional, Tuple

import numpy as np
import pandas as pd

from . import cog, od, textfile
from .errors import DataError
from .i18n import translate
from .modes import MODE_WORDS, mode_labels

DETAIL, BASE_FLUX, BY_MODE = "detail", "base_flux", "by_mode"

#: TRANS coding of the detail file: RP2017 and later (bike separate), and RP2016 and before
TRANS_2017 = {
    "1": "home",
    "2": "walk",
    "3": "bike",
    "4": "motorised_two_wheeler",
    "5": "car",
    "6": "transit",
    "Z": "not_applicable",
}
TRANS_2016 = {"1": "home", "2": "walk", "3": "two_wheeler", "4": "car", "5": "transit", "Z": "not_applicable"}
#: MODE coding of the by-mode table
BY_MODE_CODES = {"VP": "car", "TC": "transit", "NM": "non_motorised", "DOMICILE": "home"}


def detect_layout(table: od.TextTable) -> Tuple[str, Dict[str, int]]:
    """The layout of a MOBPRO file from its header, and the index of each column it uses."""
    find = table.find
    if find("COMMUNE") is not None and find("DCLT") is not None and find("IPONDI") is not None:
        columns = {"commune": find("COMMUNE"), "destination": find("DCLT"), "weight": find("IPONDI")}
        for key, name in (("arm", "ARM"), ("trans", "TRANS")):
            if find(name) is not None:
                columns[key] = find(name)
        return DETAIL, columns
    flux = [i for i, c in enumerate(table.columns) if re.match(r"^NBFLUX_C\d{2}_", c.strip().upper())]
    if find("CODGEO") is not None and find("DCLT") is not None and flux:
        if len(flux) > 1:
            preferred = [i for i in flux if "ACTOCC" in table.columns[i].upper()]
            flux = preferred or flux
        return BASE_FLUX, {"origin": find("CODGEO"), "destination": find("DCLT"), "flow": flux[0]}
    if find("ORI") is not None and find("DES") is not None and find("FLOW") is not None:
        columns = {"origin": find("ORI"), "destination": find("DES"), "flow": find("FLOW")}
        for key, name in (("mode", "MODE"), ("category", "CSP")):
            if find(name) is not None:
                columns[key] = find(name)
        return BY_MODE, columns
    raise DataError(
        translate(
            "Mobpro",
            "'{file}' is not a MOBPRO file this tool knows. Its columns are: {columns}. Expected the detail file "
            "(COMMUNE, ARM, DCLT, TRANS, IPONDI...), the base flux (CODGEO, DCLT, NBFLUX_C<yy>_ACTOCC15P) or the "
            "by-mode table (ORI, DES, MODE, CSP, FLOW). For another layout use 'Import an OD table' and choose the "
            "columns.",
        ).format(file=table.name, columns=od.short(", ".join(od.short(c) for c in table.columns[:40]), 600))
    )


def census_year(table: od.TextTable, layout: str) -> Optional[int]:
    """The census (RP) year of the file, from its flow column or its name."""
    if layout == BASE_FLUX:
        for column in table.columns:
            match = re.match(r"^NBFLUX_C(\d{2})_", column.strip().upper())
            if match:
                return 2000 + int(match.group(1))
    names = [os.path.basename(table.path)] + ([os.path.basename(table.member)] if table.member else [])
    for name in names:
        for pattern in (r"FD_MOBPRO_((?:19|20)\d{2})", r"RP_?((?:19|20)\d{2})", r"MOBPRO_?((?:19|20)\d{2})"):
            match = re.search(pattern, name, re.I)
            if match:
                return int(match.group(1))
    return None


def mode_scheme(layout: str, year: Optional[int]) -> Dict[str, str]:
    if layout == BY_MODE:
        return dict(BY_MODE_CODES)
    if layout == DETAIL:
        return dict(TRANS_2016 if year is not None and year <= 2016 else TRANS_2017)
    return {}


def select_modes(text: str, scheme: Dict[str, str], file: str) -> Optional[set]:
    """The raw mode codes of ``scheme`` chosen by ``text`` (codes, keys or labels); None = all."""
    items = [i.strip() for i in re.split(r"[,;]+", text or "") if i.strip()]
    if not items:
        return None
    if not scheme:
        raise DataError(
            translate(
                "Mobpro",
                "'{file}' has no transport mode (the base flux counts every mode together): leave the modes empty, "
                "or import the detail file.",
            ).format(file=file)
        )
    words = {}
    for key, synonyms in MODE_WORDS.items():
        for word in synonyms + (key, mode_labels()[key]):
            words[od.simplify(word)] = key
    chosen = set()
    for item in items:
        raw = item.upper()
        if raw in scheme:
            chosen.add(raw)
            continue
        key = words.get(od.simplify(item))
        codes = [code for code, value in scheme.items() if value == key]
        if not codes:
            available = ", ".join(f"{code} ({mode_labels()[value]})" for code, value in scheme.items())
            if key is not None:
                raise DataError(
                    translate("Mobpro", "The mode '{item}' is not in '{file}', whose modes are: {available}.").format(
                        item=item, file=file, available=available
                    )
                )
            raise DataError(
                translate(
                    "Mobpro",
                    "Unknown mode '{item}'. The modes of '{file}' are: {available} (give codes or names, separated "
                    "by commas).",
                ).format(item=item, file=file, available=available)
            )
        chosen.update(codes)
    return chosen


def import_mobpro(
    path: str,
    modes: str = "",
    arrondissements: str = "keep",
    target_cog: Optional[int] = None,
    source_cog: Optional[int] = None,
    territory: str = "",
    intra: bool = True,
    chunksize: int = 500_000,
    cancel: od.Cancel = None,
    progress: od.Progress = None,
    warn: od.Warn = None,
    checksum: bool = True,
) -> od.ODTable:
    """Read a MOBPRO file into an OD table with codes of COG ``target_cog`` (None: keep the file's).

    ``modes``: TRANS codes, mode keys or names separated by commas (empty: all); ``arrondissements``:
    ``keep`` or ``aggregate`` (75056/69123/13055); ``territory``: départements and communes, flows with
    one end in it are kept; ``intra``: keep flows within a commune.
    """
    table = od.open_text_table(path, prefer_member=r"^FD_MOBPRO|flux|mobpro")
    layout, columns = detect_layout(table)
    if not table.has_rows:
        raise textfile.no_rows_error(table)
    year = census_year(table, layout)
    if source_cog is None and year is not None:
        source_cog = cog.mobpro_cog_vintage(year)
    if year is None and source_cog is not None:
        year = int(source_cog) - 2
    if target_cog is not None and source_cog is None:
        raise DataError(
            translate(
                "Mobpro",
                "Cannot tell the census year of '{file}' (neither its name nor its columns say it): set the COG "
                "vintage "
                "of its codes (census RPyyyy uses COG yyyy+2, e.g. 2016 for RP2014), or keep the file's codes.",
            ).format(file=table.name)
        )
    if target_cog is not None:
        cog.history().check_vintages(int(source_cog), int(target_cog))
    scheme = mode_scheme(layout, year)
    if layout == DETAIL and "trans" not in columns:
        scheme = {}
    selected = select_modes(modes, scheme, table.name)
    territory_list = cog.territory_codes(territory)

    def read(table: od.TextTable):
        try:  # weights parsed by the C parser: fast, no Python string per value
            return _read(table, layout, columns, scheme, selected, chunksize, cancel, progress, fast=True)
        except od.NumericColumnError:  # something else than a number somewhere: read as text to say where
            return _read(table, layout, columns, scheme, selected, chunksize, cancel, progress, fast=False)

    aggregator, checker, flow_in, filtered = od.read_with_encoding_fallback(table, read, warn)
    if aggregator.rows == 0:
        raise textfile.no_rows_error(table)
    record = od.file_record(path, "mobpro", vintage=f"RP{year}" if year else "", checksum=checksum)
    result = od.ODTable(
        aggregator.frame(),
        [record],
        name=table.name,
        flow_in=flow_in,
        layout=layout,
        vintage=f"RP{year}" if year else "",
    )
    rows = aggregator.rows
    if layout != DETAIL:  # one row per pair and mode is expected: a key on several rows is worth a word
        od.report_duplicates(result, aggregator.duplicates(), warn)
    del aggregator  # its id arrays are as big as the frame
    if scheme:
        result.frame["mode"] = result.frame["mode"].map(lambda code: scheme.get(code, code))
    if year:
        result.frame["period"] = f"RP{year}"
    labels = mode_labels()
    for code, flow in sorted(filtered.items()):
        key = scheme.get(code, code)
        result.report.add(
            key,
            od.MODE_FILTERED,
            flow,
            detail=translate("Mobpro", "mode {code} ({label}) not selected").format(
                code=code, label=labels.get(key, key)
            ),
        )
    od.report_fixed_codes(result.report, checker)
    od.harmonise(
        result,
        arrondissements,
        source_cog if target_cog is not None else None,
        target_cog,
        territory_list,
        intra,
        warn=warn,
    )
    result.messages.append(
        translate("Mobpro", "{file}: {layout} layout, census {year}, {rows} rows read, flow {flow:.1f}.").format(
            file=table.name, layout=layout, year=year or "?", rows=rows, flow=flow_in
        )
    )
    return result


def _read(
    table: od.TextTable,
    layout: str,
    columns: Dict[str, int],
    scheme: Dict[str, str],
    selected: Optional[set],
    chunksize: int,
    cancel,
    progress,
    fast: bool = True,
):
    aggregator = od.Aggregator()
    checker = od.CodeChecker(table.name, "commune")
    filtered: Dict[str, float] = {}
    flow_in = 0.0
    size = max(table.size(), 1)
    names = {index: table.columns[index] for index in columns.values()}
    mode_column = {DETAIL: "trans", BY_MODE: "mode"}.get(layout)
    weight_column = columns["weight"] if layout == DETAIL else columns["flow"]
    numeric = [weight_column] if fast else []
    for first, chunk in table.chunks(list(columns.values()), chunksize, numeric=numeric):
        if cancel is not None and cancel():
            from .errors import Canceled

            raise Canceled()
        col = {key: chunk[names[index]] for key, index in columns.items()}
        raw_weight = col["weight"] if layout == DETAIL else col["flow"]
        if fast:
            weight = raw_weight.to_numpy(dtype="float64")
            if not np.isfinite(weight).all() or (weight < 0).any():
                # empty, nan, inf or negative: read the file again as text, so that the message quotes the value
                raise od.NumericColumnError(names[weight_column])
        else:
            weight, _ = od.parse_numbers(raw_weight, first, names[weight_column], table.name)
        if layout == DETAIL:
            origin = col["commune"]
            if "arm" in col:
                arm = col["arm"]
                has_arm = ~arm.isin(cog.PLACEHOLDERS)
                if has_arm.any():
                    uniques = pd.unique(arm[has_arm].to_numpy())
                    if any(u.strip().upper() in cog.PLACEHOLDERS for u in uniques):  # ' zzzzz' and the like
                        has_arm &= ~arm.str.strip().str.upper().isin(cog.PLACEHOLDERS)
                    origin = arm.where(has_arm, origin)
            origin_name = names[columns["commune"]]
        else:
            origin = col["origin"]
            origin_name = names[columns["origin"]]
        flow_in += float(weight.sum())
        destination = col["destination"]
        normalise = (
            checker.normaliser(origin, first, origin_name),
            checker.normaliser(destination, first, names[columns["destination"]]),
        )
        mode = None
        category = col["category"].str.strip() if "category" in col else None
        if mode_column and mode_column in col:
            mode = col[mode_column]
            if not set(pd.unique(mode.to_numpy())) <= set(scheme):
                mode = mode.str.strip().str.upper()
            unknown = set(mode.unique()) - set(scheme)
            if unknown:
                value = sorted(unknown)[0]
                line = od.line_at(first, int(np.flatnonzero(mode.to_numpy() == value)[0]))
                raise DataError(
                    translate(
                        "Mobpro",
                        "{file}, line {line}: the mode '{value}' in column {column} is not one of {codes}. Check "
                        "that the "
                        "file is a MOBPRO file of the census year it claims.",
                    ).format(
                        file=table.name,
                        line=line,
                        value=od.short(value),
                        column=od.short(names[columns[mode_column]]),
                        codes=", ".join(scheme),
                    )
                )
            if selected is not None:
                keep = mode.isin(selected).to_numpy()
                if not keep.all():
                    dropped = mode[~keep]
                    for code, flow in zip(*_sum_by(dropped.to_numpy(), weight[~keep])):
                        filtered[code] = filtered.get(code, 0.0) + flow
                    origin, destination, mode = origin[keep], destination[keep], mode[keep]
                    category = category[keep] if category is not None else None
                    weight = weight[keep]
            mode = mode.to_numpy()
        aggregator.add(
            origin.to_numpy(),
            destination.to_numpy(),
            weight,
            mode=mode,
            category=category.to_numpy() if category is not None else None,
            normalise=normalise,
        )
        if progress is not None:
            progress(min(95.0, 95.0 * table.position / size))
    return aggregator, checker, flow_in, filtered


def _sum_by(keys: np.ndarray, weights: np.ndarray) -> Tuple[List[str], List[float]]:
    unique, inverse = np.unique(keys.astype(str), return_inverse=True)
    return list(unique), list(np.bincount(inverse, weights=weights))
