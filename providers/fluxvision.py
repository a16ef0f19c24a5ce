"""Orange Flux Vision exports -> OD table.

Layouts told apart by the header (``shared/APIS.md`` §8; Orange publishes no column list, these
are the ones a customer's ETL reads):

- ``presence``: ``Date;ZoneObservation;Provenance;CategorieVisiteur;Volume``, daily presence in a
  zone; the origin is ``Provenance`` (LOCAL, NONLOCAL, ETRANGER), or the French département
  (``NomDepartement``, matched to its INSEE code) or the country (``Pays``; its ``CUMUL`` total row
  is excluded and reported) in the ``_Departement`` / ``_Pays`` variants; ``DureeSejour`` is added
  to the category;
- ``od``: ``Periode;ZoneOrigine;ZoneDestination;CategorieVisiteur;Volume``, flows between zones;
- ``place``: the ``Lieu*`` families, ``CodeInsee{Nuitee|Diurne}{Soir|Veille}`` (the commune where
  the visitors of ``ZoneObservation`` spent the night / the day): ``Veille`` (the day before) is
  read as a flow from that commune to the zone, ``Soir`` (the evening) from the zone to it;
- anything else through a column mapping (origin, destination, volume, and optionally period and
  category).

Zones are matched to a user zone layer (``zones``: code and name pairs) by code, then by name
(case, accents and punctuation ignored); unmatched zones are dropped and reported. Volumes the
producer suppressed for confidentiality (``s``, ``secret``, ``nc``, ``<10``, empty...) stay missing
(NaN), never zero.
"""

import re
from dataclasses import dataclass
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from . import cog, od, textfile
from .errors import DataError
from .i18n import translate

PRESENCE, OD_LAYOUT, PLACE, MAPPED = "presence", "od", "place", "mapped"
TOTAL_LABELS = {"CUMUL", "TOTAL", "ENSEMBLE", "TOUS", "TOUTES"}

DEPARTEMENTS = {
    "01": "Ain",
    "02": "Aisne",
    "03": "Allier",
    "04": "Alpes-de-Haute-Provence",
    "05": "Hautes-Alpes",
    "06": "Alpes-Maritimes",
    "07": "Ardèche",
    "08": "Ardennes",
    "09": "Ariège",
    "10": "Aube",
    "11": "Aude",
    "12": "Aveyron",
    "13": "Bouches-du-Rhône",
    "14": "Calvados",
    "15": "Cantal",
    "16": "Charente",
    "17": "Charente-Maritime",
    "18": "Cher",
    "19": "Corrèze",
    "2A": "Corse-du-Sud",
    "2B": "Haute-Corse",
    "21": "Côte-d'Or",
    "22": "Côtes-d'Armor",
    "23": "Creuse",
    "24": "Dordogne",
    "25": "Doubs",
    "26": "Drôme",
    "27": "Eure",
    "28": "Eure-et-Loir",
    "29": "Finistère",
    "30": "Gard",
    "31": "Haute-Garonne",
    "32": "Gers",
    "33": "Gironde",
    "34": "Hérault",
    "35": "Ille-et-Vilaine",
    "36": "Indre",
    "37": "Indre-et-Loire",
    "38": "Isère",
    "39": "Jura",
    "40": "Landes",
    "41": "Loir-et-Cher",
    "42": "Loire",
    "43": "Haute-Loire",
    "44": "Loire-Atlantique",
    "45": "Loiret",
    "46": "Lot",
    "47": "Lot-et-Garonne",
    "48": "Lozère",
    "49": "Maine-et-Loire",
    "50": "Manche",
    "51": "Marne",
    "52": "Haute-Marne",
    "53": "Mayenne",
    "54": "Meurthe-et-Moselle",
    "55": "Meuse",
    "56": "Morbihan",
    "57": "Moselle",
    "58": "Nièvre",
    "59": "Nord",
    "60": "Oise",
    "61": "Orne",
    "62": "Pas-de-Calais",
    "63": "Puy-de-Dôme",
    "64": "Pyrénées-Atlantiques",
    "65": "Hautes-Pyrénées",
    "66": "Pyrénées-Orientales",
    "67": "Bas-Rhin",
    "68": "Haut-Rhin",
    "69": "Rhône",
    "70": "Haute-Saône",
    "71": "Saône-et-Loire",
    "72": "Sarthe",
    "73": "Savoie",
    "74": "Haute-Savoie",
    "75": "Paris",
    "76": "Seine-Maritime",
    "77": "Seine-et-Marne",
    "78": "Yvelines",
    "79": "Deux-Sèvres",
    "80": "Somme",
    "81": "Tarn",
    "82": "Tarn-et-Garonne",
    "83": "Var",
    "84": "Vaucluse",
    "85": "Vendée",
    "86": "Vienne",
    "87": "Haute-Vienne",
    "88": "Vosges",
    "89": "Yonne",
    "90": "Territoire de Belfort",
    "91": "Essonne",
    "92": "Hauts-de-Seine",
    "93": "Seine-Saint-Denis",
    "94": "Val-de-Marne",
    "95": "Val-d'Oise",
    "971": "Guadeloupe",
    "972": "Martinique",
    "973": "Guyane",
    "974": "La Réunion",
    "976": "Mayotte",
}
DEPARTEMENT_ALIASES = {
    "REUNION": "974",
    "BELFORT": "90",
    "CORSEDUSUD": "2A",
    "HAUTECORSE": "2B",
    "GUYANEFRANCAISE": "973",
    "METROPOLEDELYON": "69",
    "RHONEMETROPOLEDELYON": "69",
}


def departement_code(value: str) -> Optional[str]:
    """INSEE code of a French département given by name ('LOIRE-ATLANTIQUE'), code ('44') or both."""
    text = str(value).strip()
    match = re.match(r"^(\d{2,3}|2[ABab])\s*(?:[-–:]\s*.*)?$", text)
    if match:
        code = match.group(1).upper()
        if cog.DEPARTEMENT_RE.match(code):
            return code
    key = od.simplify(text)
    for code, name in DEPARTEMENTS.items():
        if od.simplify(name) == key:
            return code
    return DEPARTEMENT_ALIASES.get(key)


@dataclass
class Mapping:
    """Column names chosen by the user for a layout the importer does not know (or to override)."""

    origin: str = ""
    destination: str = ""
    flow: str = ""
    period: str = ""
    category: str = ""

    def given(self) -> bool:
        return any((self.origin, self.destination, self.flow, self.period, self.category))


@dataclass
class Layout:
    name: str
    origin: int
    destination: int
    flow: int
    period: Optional[int] = None
    category: List[int] = None
    origin_kind: str = "zone"  # zone, provenance, departement, country, commune
    destination_kind: str = "zone"


def detect_layout(table: od.TextTable, mapping: Optional[Mapping] = None) -> Layout:
    find = table.find
    layout = None
    volume = find("Volume", "Volumes", "Nombre", "Effectif", "Valeur")
    category = [i for i in (find("CategorieVisiteur"), find("DureeSejour")) if i is not None]
    if find("ZoneOrigine") is not None and find("ZoneDestination") is not None and volume is not None:
        layout = Layout(
            OD_LAYOUT,
            find("ZoneOrigine"),
            find("ZoneDestination"),
            volume,
            find("Periode", "Date", "Mois", "Semaine"),
            category,
        )
    elif find("ZoneObservation") is not None and volume is not None:
        zone = find("ZoneObservation")
        period = find("Date", "Periode", "Jour")
        place = [i for i, c in enumerate(table.columns) if od.simplify(c).startswith("CODEINSEE")]
        if place:
            column = od.simplify(table.columns[place[0]])
            if column.endswith("VEILLE"):
                layout = Layout(PLACE, place[0], zone, volume, period, category, "commune", "zone")
            else:
                layout = Layout(PLACE, zone, place[0], volume, period, category, "zone", "commune")
        elif find("NomDepartement", "Departement") is not None:
            layout = Layout(
                PRESENCE, find("NomDepartement", "Departement"), zone, volume, period, category, "departement"
            )
        elif find("Pays") is not None:
            layout = Layout(PRESENCE, find("Pays"), zone, volume, period, category, "country")
        elif find("Provenance") is not None:
            layout = Layout(PRESENCE, find("Provenance"), zone, volume, period, category, "provenance")
    mapping = mapping or Mapping()
    if mapping.given():

        def column(name, role):
            index = table.find(name)
            if index is None:
                raise DataError(
                    translate(
                        "FluxVision",
                        "'{file}' has no column '{name}' (chosen as the {role}). Its columns are: {columns}.",
                    ).format(file=table.name, name=od.short(name), role=role, columns=_columns_text(table))
                )
            return index

        if layout is None:
            missing = [
                role
                for role, value in (
                    (translate("FluxVision", "origin"), mapping.origin),
                    (translate("FluxVision", "destination"), mapping.destination),
                    (translate("FluxVision", "volume"), mapping.flow),
                )
                if not value
            ]
            if missing:
                raise DataError(
                    translate(
                        "FluxVision",
                        "'{file}' is not a Flux Vision layout this tool knows: choose the columns for {missing} "
                        "(its columns are: {columns}).",
                    ).format(file=table.name, missing=", ".join(missing), columns=_columns_text(table))
                )
            layout = Layout(MAPPED, 0, 0, 0, None, [])
        if mapping.origin:
            layout.origin, layout.origin_kind = column(mapping.origin, translate("FluxVision", "origin")), "zone"
        if mapping.destination:
            layout.destination, layout.destination_kind = (
                column(mapping.destination, translate("FluxVision", "destination")),
                "zone",
            )
        if mapping.flow:
            layout.flow = column(mapping.flow, translate("FluxVision", "volume"))
        if mapping.period:
            layout.period = column(mapping.period, translate("FluxVision", "period"))
        if mapping.category:
            layout.category = [column(mapping.category, translate("FluxVision", "category"))]
    if layout is None:
        raise DataError(
            translate(
                "FluxVision",
                "'{file}' is not a Flux Vision export this tool knows (its columns are: {columns}). Known layouts: "
                "presence (Date, ZoneObservation, Provenance, CategorieVisiteur, Volume, with NomDepartement or Pays), "
                "OD (Periode, ZoneOrigine, ZoneDestination, Volume). Choose the origin, destination and volume "
                "columns in the column mapping.",
            ).format(file=table.name, columns=_columns_text(table))
        )
    return layout


def _columns_text(table: od.TextTable) -> str:
    """The header for a message: every name cut short, the list too."""
    return od.short(", ".join(od.short(c) for c in table.columns), 600)


class ZoneMatcher:
    """Zone labels -> codes of the user's zone layer (by code, then by name)."""

    def __init__(self, zones: Optional[Sequence[Tuple[str, str]]] = None, layer_name: str = ""):
        self.layer_name = layer_name
        self.by_code: Dict[str, str] = {}
        self.by_name: Dict[str, str] = {}
        self.ambiguous: Dict[str, List[str]] = {}
        for code, name in zones or ():
            code = "" if code is None else str(code).strip()
            if not code:
                continue
            self.by_code[code.upper()] = code
            normalised, _ = cog.normalise_code(code)
            if normalised:
                self.by_code[normalised] = code
            key = od.simplify(name or "")
            if key:
                if key in self.by_name and self.by_name[key] != code:
                    self.ambiguous.setdefault(key, [self.by_name[key]]).append(code)
                self.by_name[key] = code
        self.active = bool(self.by_code)
        self.cache: Dict[str, Optional[str]] = {}

    def match(self, value: str) -> Optional[str]:
        if value in self.cache:
            return self.cache[value]
        text = str(value).strip()
        found = self.by_code.get(text.upper())
        if found is None:
            normalised, _ = cog.normalise_code(text)
            found = self.by_code.get(normalised) if normalised else None
        if found is None:
            key = od.simplify(text)
            if key not in self.ambiguous:
                found = self.by_name.get(key)
        self.cache[value] = found
        return found


def import_fluxvision(
    path: str,
    zones: Optional[Sequence[Tuple[str, str]]] = None,
    zones_name: str = "",
    mapping: Optional[Mapping] = None,
    chunksize: int = 200_000,
    cancel: od.Cancel = None,
    progress: od.Progress = None,
    warn: od.Warn = None,
) -> od.ODTable:
    """Read a Flux Vision export into an OD table (see the module doc)."""
    table = od.open_text_table(path)
    layout = detect_layout(table, mapping)
    if not table.has_rows:
        raise textfile.no_rows_error(table)
    matcher = ZoneMatcher(zones, zones_name)
    columns = [layout.origin, layout.destination, layout.flow] + ([layout.period] if layout.period is not None else [])
    columns += list(layout.category or [])

    def read(table: od.TextTable):
        return _read(table, layout, columns, chunksize, cancel, progress)

    frame, flow_in, suppressed = od.read_with_encoding_fallback(table, read, warn)
    if frame.empty:
        raise textfile.no_rows_error(table)
    record = od.file_record(path, "fluxvision", title="Orange Flux Vision — " + table.name)
    result = od.ODTable(od.empty_frame(), [record], name=table.name, flow_in=flow_in, layout=layout.name)
    report = result.report
    frame = _origins(frame, layout, report, table.name)
    frame = _zones(frame, layout, matcher, report)
    if suppressed:
        for zone, count in sorted(suppressed.items()):
            report.add(
                zone,
                od.SUPPRESSED,
                0.0,
                detail=translate(
                    "FluxVision", "{count} values suppressed by the producer (kept as missing, not zero)"
                ).format(count=count),
            )
    frame = od.drop_unmatched(frame, report)
    labels = frame.index.to_numpy()
    od.report_duplicates(result, od.find_duplicates(frame, lambda p: table.line_of(int(labels[p]))), warn)
    result.frame = od.sort(od.group(frame, report))
    if matcher.ambiguous and warn:
        warn(
            translate(
                "FluxVision", "Zone names shared by several zones of the layer, not used for matching: {names}."
            ).format(names=", ".join(sorted(matcher.ambiguous)))
        )
    result.messages.append(
        translate(
            "FluxVision", "{file}: {layout} layout, {rows} rows, volume {flow:.0f}, {missing} suppressed values."
        ).format(file=table.name, layout=layout.name, rows=len(frame), flow=flow_in, missing=sum(suppressed.values()))
    )
    return result


def _read(table: od.TextTable, layout: Layout, columns: List[int], chunksize: int, cancel, progress):
    frames = []
    flow_in = 0.0
    suppressed: Dict[str, int] = {}
    size = max(table.size(), 1)
    name = table.columns
    for first, chunk in table.chunks(columns, chunksize):
        if cancel is not None and cancel():
            from .errors import Canceled

            raise Canceled()
        values, missing = od.parse_numbers(
            chunk[name[layout.flow]], first, name[layout.flow], table.name, allow_missing=True
        )
        flow_in += float(np.nansum(values))
        part = pd.DataFrame(
            {
                "origin": chunk[name[layout.origin]].str.strip().to_numpy(),
                "destination": chunk[name[layout.destination]].str.strip().to_numpy(),
                "flow": values,
                "mode": "",
                "category": _category(chunk, layout, name),
                "period": chunk[name[layout.period]].str.strip().to_numpy() if layout.period is not None else "",
            }
        )
        if missing.any():
            for zone, count in part.loc[missing, "destination"].value_counts().items():
                suppressed[zone] = suppressed.get(zone, 0) + int(count)
        frames.append(part)
        if progress is not None:
            progress(min(90.0, 90.0 * table.position / size))
    frame = pd.concat(frames, ignore_index=True) if frames else od.empty_frame()
    return frame[od.COLUMNS], flow_in, suppressed


def _category(chunk, layout: Layout, name) -> np.ndarray:
    if not layout.category:
        return np.full(len(chunk), "", dtype=object)
    parts = [chunk[name[i]].str.strip() for i in layout.category]
    out = parts[0]
    for part in parts[1:]:
        out = out.where(part == "", out + " / " + part)
    return out.to_numpy()


def _origins(frame: pd.DataFrame, layout: Layout, report: od.Report, file: str) -> pd.DataFrame:
    """Total rows out; départements to their codes; country names in upper case."""
    if layout.origin_kind in ("country", "departement", "provenance"):
        total = frame["origin"].str.upper().isin(TOTAL_LABELS)
        if total.any():
            for label, flow in frame[total].groupby("origin")["flow"].sum().items():
                report.add(
                    label,
                    od.TOTAL_ROW,
                    flow,
                    detail=translate(
                        "FluxVision", "total of the other rows, excluded so that nothing is counted twice"
                    ),
                )
            frame = frame[~total]
    if layout.origin_kind == "departement":
        names = pd.unique(frame["origin"])
        codes = {n: departement_code(n) for n in names}
        unknown = [n for n, c in codes.items() if c is None]
        for label in unknown:
            flow = frame.loc[frame["origin"] == label, "flow"].sum()
            report.add(
                label, od.UNMATCHED, flow, detail=translate("FluxVision", "not a French département name or code")
            )
        frame = frame[~frame["origin"].isin(unknown)].copy()
        for label, code in sorted(codes.items()):
            if code and code != label:
                report.add(label, od.ZONE_MATCHED, 0.0, code, translate("FluxVision", "département"))
        frame["origin"] = frame["origin"].map(codes)
    elif layout.origin_kind == "country":
        frame = frame.copy()
        frame["origin"] = frame["origin"].str.upper()
    return frame


def _zones(frame: pd.DataFrame, layout: Layout, matcher: ZoneMatcher, report: od.Report) -> pd.DataFrame:
    """Zone columns to codes: through the user's zone layer, or INSEE codes normalised."""
    frame = frame.copy()
    for column, kind in (("origin", layout.origin_kind), ("destination", layout.destination_kind)):
        if kind not in ("zone", "commune"):
            continue
        values = pd.unique(frame[column])
        mapping = {}
        for value in values:
            if kind == "commune":
                code, _ = cog.normalise_code(value)
            elif matcher.active:
                code = matcher.match(value)
            else:
                normalised, _ = cog.normalise_code(value)
                code = normalised or value
            mapping[value] = code
        unknown = [v for v, c in mapping.items() if c is None]
        never = set()
        if kind == "commune":  # well-formed codes that no COG vintage knows (e.g. 95999)
            never = {v for v, c in mapping.items() if c is not None and not cog.is_known_code(c)}
            for value in never:
                mapping[value] = None
            unknown += sorted(never, key=str)
        for value in unknown:
            flow = frame.loc[frame[column] == value, "flow"].sum()
            side = translate("FluxVision", "origin") if column == "origin" else translate("FluxVision", "destination")
            if value in never:
                detail = translate(
                    "FluxVision", "not a commune code in any COG vintage from 1968 to 2026 ({column})"
                ).format(column=side)
            elif kind == "commune":
                detail = translate("FluxVision", "not an INSEE commune code ({column})").format(column=side)
            else:
                detail = translate(
                    "FluxVision", "zone not found by code or name in the zone layer {layer} ({column})"
                ).format(layer=matcher.layer_name, column=side)
            report.add(value, od.UNMATCHED, flow, detail=detail)
        if unknown:
            frame = frame[~frame[column].isin(unknown)]
        for value, code in sorted(mapping.items(), key=lambda item: str(item[0])):
            if code is not None and code != value and matcher.active:
                report.add(
                    value,
                    od.ZONE_MATCHED,
                    0.0,
                    code,
                    translate("FluxVision", "zone matched in {layer}").format(layer=matcher.layer_name),
                )
        frame[column] = frame[column].map(mapping)
    return frame
