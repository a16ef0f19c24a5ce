"""Sources, licences and scale helpers for printed maps (pure Python, no QGIS).

A printed map must credit every dataset drawn on it. :func:`collect_credits` reads what each layer
says about itself (a :class:`LayerSources`, filled by the map algorithm from the layer metadata
written by ``TerritorialAlgorithm.finish_output``, or from the ``source``/``licence``/
``retrieved_at`` fields of its first feature), deduplicates it and adds the credits that the data
licences require when a layer says where it comes from (OpenStreetMap and its derivatives:
« © OpenStreetMap contributors », ODbL). Layers that say nothing are listed so that the caller can
warn: nothing is dropped silently.

The scale helpers choose the units and a round segment length for the scale bar, a round map scale
and a metric CRS for the map.
"""

import math
import re
from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Mapping, Sequence, Tuple

from .catalog import DATASETS
from .i18n import translate


@dataclass
class LayerSources:
    """What a layer says about its origin (any field may be empty)."""

    name: str
    rights: Sequence[str] = ()  # QgsLayerMetadata.rights(): attribution lines
    licences: Sequence[str] = ()  # QgsLayerMetadata.licenses()
    abstract: str = ""
    history: Sequence[str] = ()  # QgsLayerMetadata.history(): "<retrieved_at> <url> sha256=..."
    datasets: Sequence[str] = ()  # catalog ids (metadata keywords "territorial_data")
    provenance: Mapping[str, str] = field(default_factory=dict)  # source, licence, retrieved_at


@dataclass
class Credits:
    sources: List[str]
    licences: List[str]
    undocumented: List[str]  # names of the layers that say nothing about their source

    def is_empty(self) -> bool:
        return not self.sources and not self.licences


# -- licences ---------------------------------------------------------------------------------------
_LICENCE_PATTERNS: Tuple[Tuple[str, str], ...] = (
    (r"licence\s+ouverte|open\s+licen[cs]e|etalab", "Licence Ouverte / Open Licence 2.0 (Etalab)"),
    (r"\bodbl\b|open\s+database\s+licen[cs]e", "ODbL 1.0"),
    (r"\bcc[\s-]?by[\s-]?sa\b", "CC BY-SA"),
    (r"\bcc[\s-]?by\b", "CC BY"),
)


def canonical_licence(text: str) -> str:
    """One spelling per licence, so that « Licence Ouverte 2.0 » and « Etalab 2.0 » are one line."""
    text = " ".join(str(text).split())
    lowered = text.lower()
    if re.search(r"\b1\.0\b", lowered) and re.search(r"licence\s+ouverte|open\s+licen[cs]e|etalab", lowered):
        return "Licence Ouverte / Open Licence 1.0 (Etalab)"
    for pattern, name in _LICENCE_PATTERNS:
        if re.search(pattern, lowered):
            return name
    return text


# -- credits required by a source, recognised from what a layer says ------------------------------------
def _osm_credit() -> str:
    return translate("Attribution", "© OpenStreetMap contributors")


#: (tokens any of which names the source, [(credit, word that shows the credit is already there)], licence)
_RULES = (
    (("openstreetmap", "osm"), ((_osm_credit, "openstreetmap"),), "ODbL 1.0"),
    (("bnac", "geovelo"), ((lambda: "BNAC / Geovelo", "geovelo"), (_osm_credit, "openstreetmap")), "ODbL 1.0"),
)


def _tokens(text: str) -> set:
    return set(re.split(r"[^0-9a-zà-ÿ]+", text.lower())) - {""}


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[\s.;,]+$", "", str(text)).split()).casefold()


def dedupe(items: Iterable[str]) -> List[str]:
    """Distinct non-empty items, first spelling kept, and an item contained in another one dropped
    (« OpenStreetMap » goes when « © OpenStreetMap contributors » is there)."""
    kept: List[str] = []
    for item in items:
        text = " ".join(str(item or "").split()).strip(" ;,")
        if not text:
            continue
        norm = _normal(text)
        if any(norm in _normal(k) for k in kept):
            continue
        kept = [k for k in kept if _normal(k) not in norm]
        kept.append(text)
    return kept


def date_part(text: str) -> str:
    """'2026-08-16' from '2026-08-16T10:00:00Z' (or '' if the text holds no ISO date)."""
    match = re.search(r"\b(\d{4}-\d{2}-\d{2})", str(text or ""))
    return match.group(1) if match else ""


def _source_lines_from_abstract(abstract: str) -> List[str]:
    """'Source: X — Y. Vintage: … Retrieved: …' lines (as written by layer_metadata) -> 'X — Y'."""
    lines = []
    for line in str(abstract or "").splitlines():
        match = re.match(r"\s*sources?\s*:\s*(.+)", line, flags=re.IGNORECASE)
        if match:
            text = re.split(r"\.\s+(?:vintage|millésime|retrieved|récupéré)", match.group(1), flags=re.IGNORECASE)[0]
            lines.append(text.strip().rstrip("."))
    return lines


def layer_credits(layer: LayerSources) -> Tuple[List[str], List[str], str, List[Tuple[str, str]]]:
    """(sources, licences, latest retrieval date, required credits) that one layer gives.

    Required credits are (credit, word) pairs that the licence of a recognised source asks for;
    they are printed unless some source line already contains the word."""
    sources = list(layer.rights)
    licences = list(layer.licences)
    for dataset_id in layer.datasets:
        info = DATASETS.get(dataset_id)
        if info is None:
            continue
        if not layer.rights:
            sources.append(info.attribution)
        if not layer.licences:
            licences.append(info.licence)
    if not sources:
        sources.extend(_source_lines_from_abstract(layer.abstract))
    provenance = dict(layer.provenance or {})
    if not sources and provenance.get("source"):
        sources.append(str(provenance["source"]))
    if not licences and provenance.get("licence"):
        licences.append(str(provenance["licence"]))
    dates = [date_part(provenance.get("retrieved_at", ""))] + [date_part(h) for h in layer.history]
    dates = [d for d in dates if d]
    said = " ".join(
        [
            layer.name,
            layer.abstract,
            *layer.rights,
            *layer.licences,
            *layer.datasets,
            *(str(v) for v in provenance.values()),
        ]
    )
    tokens = _tokens(said)
    required: List[Tuple[str, str]] = []
    for names, credits, licence in _RULES:
        if tokens & set(names):
            required.extend((credit(), word) for credit, word in credits)
            licences.append(licence)
    return sources, licences, max(dates) if dates else "", required


def collect_credits(layers: Iterable[LayerSources], extra: str = "") -> Credits:
    """The deduplicated sources and licences of all layers, plus free text ``extra`` (« ; »-separated)."""
    sources: List[str] = []
    licences: List[str] = []
    required: List[Tuple[str, str]] = []
    undocumented: List[str] = []
    for layer in layers:
        layer_sources, layer_licences, retrieved, layer_required = layer_credits(layer)
        if not layer_sources and not layer_licences and not layer_required:
            undocumented.append(layer.name)
            continue
        for index, source in enumerate(layer_sources):
            if retrieved and index == 0:
                source = translate("Attribution", "{source} (retrieved {date})").format(source=source, date=retrieved)
            sources.append(source)
        licences.extend(layer_licences)
        required.extend(layer_required)
    for part in re.split(r"[;\n]", extra or ""):
        sources.append(part)
    for credit, word in required:
        if not any(word in source.casefold() for source in sources):
            sources.append(credit)
    sources = _merge_dates(dedupe(sources))
    return Credits(
        sources=sources,
        licences=dedupe(canonical_licence(t) for t in licences if str(t).strip()),
        undocumented=undocumented,
    )


def _merge_dates(sources: List[str]) -> List[str]:
    """One line per source when the same source was retrieved on several dates (latest date kept)."""
    pattern = re.compile(r"^(.*) \(([^()]*?)(\d{4}-\d{2}-\d{2})\)$")
    best: Dict[str, Tuple[str, str]] = {}
    order: List[str] = []
    for line in sources:
        match = pattern.match(line)
        key = _normal(match.group(1)) if match else _normal(line)
        date = match.group(3) if match else ""
        if key not in best:
            order.append(key)
            best[key] = (date, line)
        elif date > best[key][0]:
            best[key] = (date, line)
    return [best[key][1] for key in order]


def sources_text(credits: Credits) -> str:
    """The block printed on the map: one « Sources: » line and one « Licences: » line."""
    lines = []
    if credits.sources:
        lines.append(translate("Attribution", "Sources: {sources}.").format(sources="; ".join(credits.sources)))
    if credits.licences:
        lines.append(translate("Attribution", "Licences: {licences}.").format(licences="; ".join(credits.licences)))
    return "\n".join(lines)


def production_text(date: str, plugin: str, version: str = "") -> str:
    """« Map produced on <date> with <plugin> <version> (QGIS). »"""
    name = f"{plugin} {version}".strip()
    return translate("Attribution", "Map produced on {date} with {plugin} (QGIS).").format(date=date, plugin=name)


def readable_name(name: str) -> str:
    """A file name as a legend label: 'routes_principales_2026' -> 'Routes principales 2026'."""
    text = " ".join(re.sub(r"[_]+", " ", str(name or "")).split())
    return text[:1].upper() + text[1:]


# -- scale bar, scale and CRS ---------------------------------------------------------------------------
def nice_number(value: float) -> float:
    """The largest 1, 2 or 5 × 10^n that is <= value (value > 0)."""
    if not value or value <= 0 or not math.isfinite(value):
        raise ValueError(f"nice_number needs a positive number, not {value!r}")
    exponent = math.floor(math.log10(value))
    base = 10**exponent
    for step in (5, 2, 1):
        if step * base <= value * (1 + 1e-9):
            return float(step * base)
    return float(base)


@dataclass(frozen=True)
class ScaleBar:
    units: str  # "m" or "km"
    units_per_segment: float
    segments: int


def scale_bar(map_width_m: float, max_bar_fraction: float = 0.3, segments: int = 4) -> ScaleBar:
    """Metric scale bar for a map showing ``map_width_m`` metres across: at most
    ``max_bar_fraction`` of the map width, round segments, kilometres from 2 km up."""
    if not map_width_m or map_width_m <= 0 or not math.isfinite(map_width_m):
        raise ValueError(f"the map width must be a positive number of metres, not {map_width_m!r}")
    segment_m = nice_number(map_width_m * max_bar_fraction / segments)
    total_m = segment_m * segments
    if total_m >= 2000:
        return ScaleBar("km", segment_m / 1000.0, segments)
    return ScaleBar("m", segment_m, segments)


def nice_scale(scale: float) -> float:
    """Round a map scale denominator up to 1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 × 10^n (1:23 456 -> 1:25 000)."""
    if not scale or scale <= 0 or not math.isfinite(scale):
        raise ValueError(f"the scale must be a positive number, not {scale!r}")
    exponent = math.floor(math.log10(scale))
    base = 10**exponent
    for step in (1, 1.25, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 10):
        if step * base >= scale * (1 - 1e-9):
            return float(step * base)
    return float(10 * base)


#: Area of use of RGF93 / Lambert-93 (EPSG:2154): metropolitan France and Corsica.
LAMBERT93_AREA = (-9.86, 41.15, 10.38, 51.56)


def metric_crs(lon_min: float, lat_min: float, lon_max: float, lat_max: float) -> str:
    """A metric CRS for a map of this WGS84 extent: Lambert-93 in metropolitan France, else UTM."""
    west, south, east, north = LAMBERT93_AREA
    if lon_min >= west and lat_min >= south and lon_max <= east and lat_max <= north:
        return "EPSG:2154"
    lon = (lon_min + lon_max) / 2.0
    lat = (lat_min + lat_max) / 2.0
    zone = int(math.floor((lon + 180.0) / 6.0)) % 60 + 1
    return f"EPSG:{32600 + zone if lat >= 0 else 32700 + zone}"
