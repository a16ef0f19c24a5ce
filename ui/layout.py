"""Print layouts of ``territorial:export_map``: load a template, fill it, export it to one PDF.

A template (``ui/layouts/*.qpt`` or the user's own) is a QGIS print layout saved as a template. Its
items are found by id (and, for the map, legend, scale bar and north arrow, by type when no item
has the id): ``map``, ``legend``, ``scalebar``, ``north_arrow``, and labels whose text uses the
layout variables set here:

- ``@territorial_title``, ``@territorial_subtitle``: the title and subtitle (the atlas page name is
  ``@atlas_pagename``);
- ``@territorial_sources``: the sources and licences of the drawn layers;
- ``@territorial_production``: the production date and the plugin name.

Layers are drawn from a private :class:`QgsProject` (never ``QgsProject.instance()``): layers of the
user's project are cloned (their current style), layers opened from a file are opened again with
their default style (the one a GeoPackage written by our algorithms carries), so the map looks the
same in QGIS and under ``qgis_process``.
"""

import math
import os
from typing import Dict, List, Optional, Sequence, Tuple

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsDistanceArea,
    QgsExpression,
    QgsExpressionContextUtils,
    QgsFeature,
    QgsFeatureRequest,
    QgsLayerMetadata,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsLayoutMeasurement,
    QgsLayoutPoint,
    QgsLayoutSize,
    QgsMapLayer,
    QgsPointXY,
    QgsPrintLayout,
    QgsProcessingException,
    QgsProject,
    QgsReadWriteContext,
    QgsRectangle,
    QgsRenderContext,
    QgsSymbol,
    QgsUnitTypes,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QRectF, QSizeF, Qt
from qgis.PyQt.QtGui import QColor, QFontMetricsF
from qgis.PyQt.QtXml import QDomDocument

from ..compat import (
    DistanceUnit,
    FeatureRequestFlag,
    FieldType,
    GeometryType,
    LayoutUnit,
    LegendComponent,
    ScaleBarSegmentSizeMode,
    SymbolLayerProperty,
    TextRenderFormat,
    layout_label_font,
    legend_style_font,
    make_field,
    set_layout_label_font,
    set_legend_style_font,
    set_rectangle_null,
)
from ..providers.attribution import LayerSources, metric_crs, readable_name, scale_bar
from ..providers.i18n import translate

UI_DIR = os.path.dirname(os.path.abspath(__file__))
LAYOUTS_DIR = os.path.join(UI_DIR, "layouts")
NORTH_ARROW = os.path.join(UI_DIR, "icons", "north_arrow.svg")
DEFAULT_TEMPLATE = os.path.join(LAYOUTS_DIR, "territorial_a4_landscape.qpt")

#: paper -> (shipped template, scale factor from A4)
PAPERS: Dict[str, Tuple[str, float]] = {
    "A4 landscape": ("territorial_a4_landscape.qpt", 1.0),
    "A4 portrait": ("territorial_a4_portrait.qpt", 1.0),
    "A3 landscape": ("territorial_a4_landscape.qpt", math.sqrt(2.0)),
    "A3 portrait": ("territorial_a4_portrait.qpt", math.sqrt(2.0)),
}
PAPER_SIZES_MM = {
    "A4 landscape": (297, 210),
    "A4 portrait": (210, 297),
    "A3 landscape": (420, 297),
    "A3 portrait": (297, 420),
}

PROVENANCE = ("source", "licence", "retrieved_at")
NAME_FIELDS = ("nom", "name", "NOM", "NAME", "libelle", "LIBELLE", "LIBGEO", "nom_commune")
LINE_COLOURS = ("#c0392b", "#2c7fb8", "#31a354", "#756bb1", "#e6550d", "#636363")
FONT_SCALE = 10.0  # QgsLayoutUtils::FONT_WORKAROUND_SCALE


# -- template ---------------------------------------------------------------------------------------------
def template_for(paper: str) -> Tuple[str, float]:
    name, factor = PAPERS[paper]
    return os.path.join(LAYOUTS_DIR, name), factor


def load_layout(project: QgsProject, template_path: str) -> QgsPrintLayout:
    """A print layout made from a .qpt file; a clear QgsProcessingException when it is not one."""
    if not os.path.isfile(template_path):
        raise QgsProcessingException(
            translate(
                "MapLayout",
                "Layout template not found: {path}. Give an existing .qpt file (in a layout: Layout › Save as "
                "Template…) or leave the template empty to use the shipped A4 template.",
            ).format(path=template_path)
        )
    try:
        with open(template_path, encoding="utf-8") as handle:
            content = handle.read()
    except (OSError, UnicodeDecodeError) as exc:
        raise QgsProcessingException(
            translate("MapLayout", "Cannot read the layout template {path}: {error}").format(
                path=template_path, error=exc
            )
        )
    document = QDomDocument()
    parsed = document.setContent(content)
    ok = parsed[0] if isinstance(parsed, tuple) else bool(parsed)
    if not ok or document.documentElement().tagName() != "Layout":
        raise QgsProcessingException(
            translate(
                "MapLayout",
                "{path} is not a QGIS print layout template (.qpt): its root element must be <Layout>. "
                "Save one from a layout with Layout › Save as Template…",
            ).format(path=template_path)
        )
    layout = QgsPrintLayout(project)
    _items, loaded = layout.loadFromTemplate(document, QgsReadWriteContext())
    if not loaded:
        raise QgsProcessingException(
            translate("MapLayout", "QGIS could not load the layout template {path}.").format(path=template_path)
        )
    if layout.pageCollection().pageCount() == 0:
        raise QgsProcessingException(
            translate("MapLayout", "The layout template {path} has no page.").format(path=template_path)
        )
    return layout


def resize_paper(layout: QgsPrintLayout, width_mm: float, height_mm: float, factor: float) -> None:
    """A3 from an A4 template: page resized, every item moved and resized by ``factor``."""
    if abs(factor - 1.0) < 1e-9:
        return
    page = layout.pageCollection().page(0)
    page.setPageSize(QgsLayoutSize(width_mm, height_mm, LayoutUnit.Millimeters))
    for item in layout_items(layout):
        position = item.positionWithUnits()
        size = item.sizeWithUnits()
        item.attemptResize(QgsLayoutSize(size.width() * factor, size.height() * factor, size.units()))
        item.attemptMove(QgsLayoutPoint(position.x() * factor, position.y() * factor, position.units()))


def layout_items(layout: QgsPrintLayout) -> List:
    from qgis.core import QgsLayoutItem, QgsLayoutItemPage

    return [
        item for item in layout.items() if isinstance(item, QgsLayoutItem) and not isinstance(item, QgsLayoutItemPage)
    ]


def find_item(layout: QgsPrintLayout, item_id: str, cls=None):
    """The item with this id, else (when ``cls`` is given) the first item of that type."""
    item = layout.itemById(item_id)
    if item is not None and (cls is None or isinstance(item, cls)):
        return item
    if cls is None:
        return None
    candidates = [i for i in layout_items(layout) if isinstance(i, cls)]
    if cls is QgsLayoutItemPicture:  # any picture is not a north arrow
        candidates = [i for i in candidates if i.linkedMap() is not None]
    return candidates[0] if candidates else None


# -- layers -----------------------------------------------------------------------------------------------
def drawable_layer(layer: QgsMapLayer, in_user_project: bool) -> Tuple[QgsMapLayer, bool]:
    """A copy of ``layer`` for the private project, and whether it has a style of its own.

    A layer of the user's project is cloned with its current style. A layer Processing opened from
    a file (no style: Processing does not load default styles) is opened again with its default style
    (GeoPackage ``layer_styles``, or a .qml next to the file); memory layers are cloned.
    """
    if in_user_project or not isinstance(layer, QgsVectorLayer) or layer.providerType() == "memory":
        copy = layer.clone()
        if isinstance(copy, QgsVectorLayer):
            copy.updateExtents()  # a clone may carry a stale extent (e.g. after a subset string was set)
        return copy, True
    options = QgsVectorLayer.LayerOptions()
    options.loadDefaultStyle = False
    fresh = QgsVectorLayer(layer.source(), layer.name(), layer.providerType(), options)
    if not fresh.isValid():
        return layer.clone(), False
    _message, styled = fresh.loadDefaultStyle()
    if not (fresh.metadata().rights() or fresh.metadata().licenses()):
        fresh.loadDefaultMetadata()  # a .qmd file beside the layer's file (GeoPackages keep theirs inside)
    return fresh, bool(styled)


def apply_plain_style(layer: QgsVectorLayer, index: int) -> None:
    """A sober style for a layer without one (instead of QGIS's random colour)."""
    geometry = layer.geometryType()
    colour = QColor(LINE_COLOURS[index % len(LINE_COLOURS)])
    symbol = QgsSymbol.defaultSymbol(geometry)
    if symbol is None:
        return
    if geometry == GeometryType.Polygon:
        symbol.setColor(QColor(236, 232, 220, 150))
        layer_symbol = symbol.symbolLayer(0)
        if hasattr(layer_symbol, "setStrokeColor"):
            layer_symbol.setStrokeColor(QColor("#6e6e6e"))
            layer_symbol.setStrokeWidth(0.25)
    elif geometry == GeometryType.Line:
        symbol.setColor(QColor("#7f7f7f") if index else colour)  # unstyled lines under others: a grey background
        symbol.setWidth(0.35)
    else:
        symbol.setColor(colour)
        symbol.setSize(2.0)
    from qgis.core import QgsSingleSymbolRenderer

    layer.setRenderer(QgsSingleSymbolRenderer(symbol))


def atlas_highlight(layer: QgsVectorLayer) -> QgsVectorLayer:
    """A copy of the atlas layer drawing only the outline of the current page's feature."""
    from qgis.core import QgsFillSymbol, QgsRuleBasedRenderer

    highlight = layer.clone()
    highlight.setName(layer.name())
    symbol = QgsFillSymbol.createSimple(
        {"style": "no", "outline_color": "30,30,30,255", "outline_width": "0.7", "outline_width_unit": "MM"}
    )
    root = QgsRuleBasedRenderer.Rule(None)
    root.appendChild(QgsRuleBasedRenderer.Rule(symbol, 0, 0, "$id = @atlas_featureid"))
    highlight.setRenderer(QgsRuleBasedRenderer(root))
    highlight.setLabelsEnabled(False)
    return highlight


def legend_label(layer: QgsMapLayer, in_user_project: bool) -> str:
    """The user's layer name; for a file, the title its metadata gives (else its name)."""
    if in_user_project:
        return layer.name()
    return layer.metadata().title() or readable_name(layer.name())


def layer_sources(layer: QgsMapLayer, label: str) -> LayerSources:
    """What the layer's metadata and the provenance fields of its first feature say."""
    metadata: QgsLayerMetadata = layer.metadata()
    keywords = metadata.keywords() or {}
    provenance: Dict[str, str] = {}
    if isinstance(layer, QgsVectorLayer):
        names = list(PROVENANCE)
        # all three fields, as our algorithms write them: a lone "source" column (BNAC schema) is data
        if all(layer.fields().indexOf(n) >= 0 for n in names):
            request = QgsFeatureRequest().setLimit(1).setFlags(FeatureRequestFlag.NoGeometry)
            request.setSubsetOfAttributes(names, layer.fields())
            for feature in layer.getFeatures(request):
                provenance = {
                    n: str(feature[n]) for n in names if feature[n] not in (None, "") and str(feature[n]) != "NULL"
                }
    return LayerSources(
        name=label,
        rights=list(metadata.rights()),
        licences=list(metadata.licenses()),
        abstract=metadata.abstract() or "",
        history=list(metadata.history()),
        datasets=[d for d in keywords.get("territorial_data", []) if d],
        provenance=provenance,
    )


def guess_name_field(layer: QgsVectorLayer) -> str:
    fields = layer.fields()
    for name in NAME_FIELDS:
        if fields.indexOf(name) >= 0:
            return name
    for field in fields:
        if field.type() == FieldType.String and field.name() not in PROVENANCE:  # QVariant.String
            return field.name()
    return ""


# -- extent and CRS ---------------------------------------------------------------------------------------
def layers_extent(
    layers: Sequence[QgsMapLayer], crs: QgsCoordinateReferenceSystem, project: QgsProject
) -> QgsRectangle:
    extent = QgsRectangle()
    set_rectangle_null(extent)
    for layer in layers:
        if isinstance(layer, QgsVectorLayer) and layer.featureCount() == 0:
            continue
        layer_extent = layer.extent()
        if layer_extent.isNull():
            continue
        transform = QgsCoordinateTransform(layer.crs(), crs, project.transformContext())
        try:
            extent.combineExtentWith(transform.transformBoundingBox(layer_extent))
        except Exception:  # QgsCsException: outside the CRS area
            continue
    return extent


def choose_crs(layers: Sequence[QgsMapLayer], project: QgsProject) -> QgsCoordinateReferenceSystem:
    """The first projected CRS of the layers, else a metric CRS for their WGS84 extent."""
    for layer in layers:
        if layer.crs().isValid() and not layer.crs().isGeographic():
            return layer.crs()
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    extent = layers_extent(layers, wgs84, project)
    if extent.isNull() or extent.width() < 0:
        return QgsCoordinateReferenceSystem("EPSG:2154")
    return QgsCoordinateReferenceSystem(
        metric_crs(extent.xMinimum(), extent.yMinimum(), extent.xMaximum(), extent.yMaximum())
    )


def atlas_page_width_m(layer: QgsVectorLayer, map_item: QgsLayoutItemMap, project: QgsProject, margin: float) -> float:
    """Median ground width of the atlas pages (feature widths plus margins, in metres)."""
    transform = QgsCoordinateTransform(layer.crs(), map_item.crs(), project.transformContext())
    size = map_item.sizeWithUnits()
    ratio = size.width() / size.height() if size.height() > 0 else 1.0
    widths = []
    request = QgsFeatureRequest().setNoAttributes()
    for feature in layer.getFeatures(request):
        if not feature.hasGeometry():
            continue
        try:
            box = transform.transformBoundingBox(feature.geometry().boundingBox())
        except Exception:  # QgsCsException
            continue
        width = max(box.width(), box.height() * ratio) * (1 + 2 * margin)
        if width > 0:
            widths.append(
                map_width_m(
                    map_item, QgsRectangle(box.xMinimum(), box.yMinimum(), box.xMinimum() + width, box.yMaximum())
                )
            )
    if not widths:
        return map_width_m(map_item)
    widths.sort()
    return widths[len(widths) // 2]


def fit_extent(map_item: QgsLayoutItemMap, extent: QgsRectangle) -> None:
    """Show ``extent`` whole in the map item, widened to the item's shape (the item keeps its size)."""
    size = map_item.sizeWithUnits()
    ratio = size.width() / size.height() if size.height() > 0 else 1.0
    width, height = extent.width(), extent.height()
    if width / height < ratio:
        width = height * ratio
    else:
        height = width / ratio
    centre = extent.center()
    map_item.setExtent(
        QgsRectangle(centre.x() - width / 2, centre.y() - height / 2, centre.x() + width / 2, centre.y() + height / 2)
    )


def map_width_m(map_item: QgsLayoutItemMap, extent: Optional[QgsRectangle] = None) -> float:
    """Ground width of the map in metres (measured across its middle)."""
    extent = extent or map_item.extent()
    crs = map_item.crs()
    if not crs.isGeographic() and crs.mapUnits() != DistanceUnit.Unknown:
        return extent.width() * QgsUnitTypes.fromUnitToUnitFactor(crs.mapUnits(), DistanceUnit.Meters)
    distance = QgsDistanceArea()
    distance.setSourceCrs(crs, QgsProject.instance().transformContext())
    distance.setEllipsoid(crs.ellipsoidAcronym() or "EPSG:7019")
    middle = extent.center().y()
    return distance.measureLine(QgsPointXY(extent.xMinimum(), middle), QgsPointXY(extent.xMaximum(), middle))


# -- items ------------------------------------------------------------------------------------------------
def set_variables(layout: QgsPrintLayout, **values: str) -> None:
    for name, value in values.items():
        QgsExpressionContextUtils.setLayoutVariable(layout, f"territorial_{name}", value or "")


def text_width_mm(text: str, font) -> float:
    from qgis.core import QgsLayoutUtils

    metrics = QFontMetricsF(QgsLayoutUtils.scaledFontPixelSize(font))
    return max((metrics.horizontalAdvance(line) for line in text.split("\n")), default=0.0) / FONT_SCALE


def wrap_text(text: str, font, width_mm: float) -> str:
    """Line breaks between words so that no line is wider than ``width_mm`` (a long word stays whole)."""
    lines: List[str] = []
    for paragraph in str(text).split("\n"):
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and text_width_mm(candidate, font) > width_mm:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return "\n".join(lines)


def legend_size(legend: QgsLayoutItemLegend) -> QSizeF:
    """Size (mm) the legend needs, computed as QgsLayoutItemLegend.adjustBoxSize does (which does
    nothing before the item was painted once)."""
    from qgis.core import QgsLayoutUtils, QgsLegendRenderer

    context = QgsLayoutUtils.createRenderContextForLayout(legend.layout(), None)
    return QgsLegendRenderer(legend.model(), legend.legendSettings()).minimumSize(context)


def configure_legend(
    legend: QgsLayoutItemLegend,
    layers: Sequence[QgsMapLayer],
    labels: Sequence[str],
    title: str,
    map_item: QgsLayoutItemMap,
) -> bool:
    """Only the drawn layers, top first; long labels wrapped, then columns and smaller print until the
    legend fits the template's box. Returns False when even the smallest legend overflows it."""
    from qgis.core import QgsMapLayerLegendUtils

    box = legend.sizeWithUnits()
    max_w, max_h = box.width(), box.height()
    legend.setTitle(title)
    legend.setLinkedMap(map_item)
    legend.setAutoUpdateModel(False)
    model = legend.model()
    root = model.rootGroup()
    root.removeAllChildren()
    titles, entries = [], []
    for layer, label in zip(layers, labels):
        layer.setName(label)  # our own copy: the legend of a single-symbol layer prints the layer name
        node = root.addLayer(layer)
        node.setCustomProperty("legend/title-label", label)
        titles.append((node, layer, label))
    legend.updateLegend()
    for node, _layer, _label in titles:
        for index, legend_node in enumerate(model.layerOriginalLegendNodes(node)):
            if not legend_node.isEmbeddedInParent():
                entries.append((node, index, str(legend_node.data(Qt.ItemDataRole.DisplayRole) or "")))
    styles = (LegendComponent.Title, LegendComponent.Group, LegendComponent.Subgroup, LegendComponent.SymbolLabel)
    fonts = {style: legend_style_font(legend.rstyle(style)) for style in styles}
    symbol_w, symbol_h = legend.symbolWidth(), legend.symbolHeight()
    base_columns = max(1, legend.columnCount())
    legend.setSplitLayer(True)  # a layer with many classes may spread over several columns
    legend.setResizeToContents(True)

    def apply(shrink: float, columns: int) -> QSizeF:
        for style, font in fonts.items():
            smaller = type(font)(font)
            smaller.setPointSizeF(max(4.0, font.pointSizeF() * shrink))
            set_legend_style_font(legend.rstyle(style), smaller)
        legend.setSymbolWidth(symbol_w * shrink)
        legend.setSymbolHeight(symbol_h * shrink)
        label_font = legend_style_font(legend.rstyle(LegendComponent.SymbolLabel))
        title_font = legend_style_font(legend.rstyle(LegendComponent.Subgroup))
        legend.setColumnCount(columns)
        column_w = (max_w - 2 * legend.boxSpace() - (columns - 1) * legend.columnSpace()) / columns
        text_w = column_w - symbol_w * shrink - 3.0
        for node, layer, label in titles:
            classes = len(model.layerOriginalLegendNodes(node)) > 1
            wrapped = wrap_text(label, title_font if classes else label_font, column_w if classes else text_w)
            layer.setName(wrapped)
            node.setCustomProperty("legend/title-label", wrapped)
        for node, index, text in entries:
            QgsMapLayerLegendUtils.setLegendNodeUserLabel(node, index, wrap_text(text, label_font, text_w))
        for node, _layer, _label in titles:
            model.refreshLayerLegend(node)
        return legend_size(legend)

    for shrink in (1.0, 0.85, 0.7, 0.6):
        for columns in range(base_columns, base_columns + 3):
            size = apply(shrink, columns)
            if size.width() <= max_w + 0.01 and size.height() <= max_h + 0.01:
                legend.attemptResize(QgsLayoutSize(size.width(), size.height(), box.units()))
                return True
    apply(0.6, base_columns)  # cut at the bottom only, with the columns the template asks for
    legend.setResizeToContents(False)
    legend.attemptResize(QgsLayoutSize(max_w, max_h, box.units()))
    return False


def configure_scalebar(bar: QgsLayoutItemScaleBar, map_item: QgsLayoutItemMap, width_m: float, atlas: bool) -> str:
    """Metric units chosen for the map width; fixed round segments (fit to width for an atlas).
    Returns the unit label ('m' or 'km')."""
    # a scale bar item shrinks to its content: the room it has is up to the page's right margin
    page_w = bar.layout().pageCollection().page(0).pageSize().width()
    box_w = max(bar.sizeWithUnits().width(), page_w - bar.positionWithUnits().x() - 10.0)
    map_w = map_item.sizeWithUnits().width()
    fraction = max(0.05, min(0.3, (box_w - 8.0) / map_w if map_w > 0 else 0.3))
    choice = scale_bar(width_m, max_bar_fraction=fraction, segments=4)
    bar.setLinkedMap(map_item)
    if choice.units == "km":
        bar.setUnits(DistanceUnit.Kilometers)
        bar.setMapUnitsPerScaleBarUnit(1.0)
    else:
        bar.setUnits(DistanceUnit.Meters)
        bar.setMapUnitsPerScaleBarUnit(1.0)
    bar.setUnitLabel(choice.units)
    bar.setNumberOfSegmentsLeft(0)
    if atlas:
        bar.setSegmentSizeMode(ScaleBarSegmentSizeMode.FitWidth)
        bar.setMinimumBarWidth(max(10.0, (box_w - 8.0) * 0.4))
        bar.setMaximumBarWidth(max(12.0, box_w - 8.0))
        bar.setNumberOfSegments(choice.segments)
        bar.setUnitsPerSegment(choice.units_per_segment)
    else:
        bar.setSegmentSizeMode(ScaleBarSegmentSizeMode.Fixed)
        bar.setNumberOfSegments(choice.segments)
        bar.setUnitsPerSegment(choice.units_per_segment)
    bar.update()
    return choice.units


def configure_north_arrow(picture: QgsLayoutItemPicture, map_item: QgsLayoutItemMap) -> None:
    path = picture.picturePath()
    if not path or not os.path.exists(path):
        picture.setPicturePath(NORTH_ARROW)
    if picture.linkedMap() is None:
        picture.setLinkedMap(map_item)


def text_height_mm(text: str, font, width_mm: float) -> float:
    from qgis.core import QgsLayoutUtils

    metrics = QFontMetricsF(QgsLayoutUtils.scaledFontPixelSize(font))
    rect = metrics.boundingRect(QRectF(0, 0, width_mm * FONT_SCALE, 1e7), int(Qt.TextFlag.TextWordWrap), text)
    return rect.height() / FONT_SCALE


def fit_label(label: QgsLayoutItemLabel, minimum_pt: float = 5.0) -> bool:
    """Shrink the font of a label until its (evaluated) text fits its box. False if it never does."""
    text = label.currentText()
    if not text:
        return True
    size = label.sizeWithUnits()
    width = size.width() - 2 * label.marginX()
    height = size.height() - 2 * label.marginY()
    font = type(layout_label_font(label))(layout_label_font(label))
    while True:
        if text_height_mm(text, font, width) <= height:
            set_layout_label_font(label, font)
            return True
        if font.pointSizeF() - 0.5 < minimum_pt:
            set_layout_label_font(label, font)
            return False
        font.setPointSizeF(font.pointSizeF() - 0.5)


# -- export -----------------------------------------------------------------------------------------------
def pdf_settings(dpi: int) -> QgsLayoutExporter.PdfExportSettings:
    settings = QgsLayoutExporter.PdfExportSettings()
    settings.dpi = dpi
    settings.rasterizeWholeImage = False
    settings.forceVectorOutput = False
    settings.exportMetadata = True
    settings.appendGeoreference = True
    settings.textRenderFormat = TextRenderFormat.AlwaysText
    return settings


def export_error(result, path: str, detail: str = "") -> QgsProcessingException:
    """A clear message for a failed QgsLayoutExporter result."""
    if result == QgsLayoutExporter.ExportResult.FileError:
        message = translate(
            "MapLayout",
            "Cannot write the PDF file {path}: check that the folder exists and is writable, and that "
            "the file is not open in another program.",
        ).format(path=path)
    elif result == QgsLayoutExporter.ExportResult.MemoryError:
        message = translate("MapLayout", "Not enough memory to render the layout: lower the DPI.")
    elif result == QgsLayoutExporter.ExportResult.IteratorError:
        message = translate("MapLayout", "The atlas could not be prepared: check the atlas layer and its name field.")
    else:
        message = translate(
            "MapLayout", "The layout could not be rendered into {path} (QGIS export result {code})."
        ).format(path=path, code=int(result))
    if detail:
        message += f" {detail}"
    return QgsProcessingException(message)


def quoted_field(name: str) -> str:
    return QgsExpression.quotedColumnRef(name)


# -- flow maps: what to draw, width classes, names, inset (choices in ui/cartography.py) ----------------
#: numeric fields read as the value of proportional lines, in this order
VALUE_FIELDS = ("cyclists_scenario", "cyclists", "flow", "flux", "volume")
#: fields read as a place's weight when choosing the places to name
WEIGHT_FIELDS = ("population", "population_municipale", "pmun", "pop", "p_pop", "ptot")
#: fields holding a zone code (atlas pages matched to the ends of flow lines)
CODE_FIELDS = ("code", "insee_com", "code_insee", "insee", "codgeo", "com", "code_commune")
MIN_WIDTH = 0.3
LEGEND_GREY = "#8c8c8c"


def _field(layer: QgsVectorLayer, names: Sequence[str], numeric: bool = False) -> str:
    lower = {f.name().lower(): f for f in layer.fields()}
    for name in names:
        field = lower.get(name.lower())
        if field is not None and (not numeric or field.isNumeric()):
            return field.name()
    return ""


def value_field(layer: QgsMapLayer) -> str:
    """The value of a line layer drawn with proportional widths (flow, cyclists...), else ''."""
    if not isinstance(layer, QgsVectorLayer) or layer.geometryType() != GeometryType.Line:
        return ""
    return _field(layer, VALUE_FIELDS, numeric=True)


def is_od_layer(layer: QgsMapLayer) -> bool:
    """Straight flow lines between zones (origin and destination fields), not network segments."""
    return bool(value_field(layer)) and bool(_field(layer, ("origin",))) and bool(_field(layer, ("destination",)))


def filtered_copy(layer: QgsVectorLayer, fids: Sequence[int], name: str) -> QgsVectorLayer:
    """A memory copy of the features ``fids`` (in this order: the first drawn first), with the
    layer's style, labels and metadata."""
    from qgis.core import QgsFeatureRequest as Request
    from qgis.core import QgsMemoryProviderUtils

    copy = QgsMemoryProviderUtils.createMemoryLayer(name, layer.fields(), layer.wkbType(), layer.crs())
    wanted = list(fids)
    features = {f.id(): f for f in layer.getFeatures(Request().setFilterFids(wanted))}
    copy.dataProvider().addFeatures([features[fid] for fid in reversed(wanted) if fid in features])
    copy.updateExtents()
    copy.setRenderer(layer.renderer().clone())
    if layer.labeling() is not None:
        copy.setLabeling(layer.labeling().clone())
        copy.setLabelsEnabled(layer.labelsEnabled())
    copy.setMetadata(layer.metadata())
    copy.setOpacity(layer.opacity())
    return copy


def flow_rows(layer: QgsVectorLayer, field: str):
    """``(feature id, origin, destination, value)`` of every feature of a flow-line layer."""
    origin, destination = _field(layer, ("origin",)), _field(layer, ("destination",))
    request = QgsFeatureRequest().setFlags(FeatureRequestFlag.NoGeometry)
    request.setSubsetOfAttributes([origin, destination, field], layer.fields())
    rows = []
    for feature in layer.getFeatures(request):
        value = feature[field]
        rows.append(
            (
                feature.id(),
                _text(feature[origin]),
                _text(feature[destination]),
                float(value) if isinstance(value, (int, float)) else None,
            )
        )
    return rows


def _text(value) -> Optional[str]:
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return str(value)


def number_text(value: float) -> str:
    """A class bound in the user's language (« 1 000 » in French, « 1,000 » in English)."""
    from qgis.PyQt.QtCore import QLocale

    from ..providers.i18n import ui_language

    locale = QLocale(ui_language())
    locale.setNumberOptions(QLocale.NumberOption.DefaultNumberOptions)
    if float(value).is_integer():
        return locale.toString(int(value))
    return locale.toString(float(value), "f", 1)


def _plain_symbol(symbol, width: float, direction_field: bool, flat: bool):
    """A copy of a line symbol at a fixed ``width`` (its data-defined width removed; a data-defined
    offset of one-way flow lines kept to half the width); ``flat``: flat line ends (round ends of
    wide flow lines pile up into blots at the zones)."""
    from qgis.core import QgsProperty

    copy = symbol.clone()
    for index in range(copy.symbolLayerCount()):
        layer = copy.symbolLayer(index)
        if flat and hasattr(layer, "setPenCapStyle"):
            layer.setPenCapStyle(Qt.PenCapStyle.FlatCap)
        layer.setDataDefinedProperty(SymbolLayerProperty.StrokeWidth, QgsProperty())
        offset = layer.dataDefinedProperties().property(SymbolLayerProperty.Offset)
        if offset.isActive():
            expression = f"if(\"direction\" = 'gross', {width / 2 + 0.15:.3f}, 0)" if direction_field else "0"
            layer.setDataDefinedProperty(SymbolLayerProperty.Offset, QgsProperty.fromExpression(expression))
    copy.setWidth(width)
    return copy


def apply_width_classes(layer: QgsVectorLayer, field: str, count: int, max_width: float, title: str):
    """Proportional lines in width classes (``ui/cartography.py``), capped at ``max_width`` mm:
    a single-colour layer gets a graduated renderer (its legend shows the classes); a layer coloured
    by rules (facility or not, loaded or not) keeps its colours with the widths of the classes, and
    the classes go into a legend-only layer, returned (None otherwise)."""
    from qgis.core import (
        QgsGraduatedSymbolRenderer,
        QgsLineSymbol,
        QgsMemoryProviderUtils,
        QgsProperty,
        QgsRendererRange,
        QgsRuleBasedRenderer,
    )

    from . import cartography

    values = [f[field] for f in layer.getFeatures(QgsFeatureRequest().setFlags(FeatureRequestFlag.NoGeometry))]
    values = [float(v) for v in values if isinstance(v, (int, float))]
    classes = cartography.width_classes(values, count, MIN_WIDTH, max_width)
    if not classes:
        return None
    labels = cartography.class_labels(
        classes,
        number_text,
        translate("MapLayout", "{low} to {high}"),
        translate("MapLayout", "{low} or more"),
        translate("MapLayout", "under {high}"),
    )
    renderer = layer.renderer()
    has_direction = layer.fields().indexOf("direction") >= 0
    context = QgsRenderContext()
    if isinstance(renderer, QgsRuleBasedRenderer) and len(renderer.rootRule().children()) > 1:
        expression = cartography.width_expression(field, classes, MIN_WIDTH)
        for symbol in renderer.symbols(context):
            for index in range(symbol.symbolLayerCount()):
                symbol_layer = symbol.symbolLayer(index)
                width = symbol_layer.dataDefinedProperties().property(SymbolLayerProperty.StrokeWidth)
                if width.isActive():
                    symbol_layer.setDataDefinedProperty(
                        SymbolLayerProperty.StrokeWidth, QgsProperty.fromExpression(expression)
                    )
        layer.triggerRepaint()
        legend_layer = QgsMemoryProviderUtils.createMemoryLayer(title, layer.fields(), layer.wkbType(), layer.crs())
        base = QgsLineSymbol.createSimple({"line_color": LEGEND_GREY, "capstyle": "round"})
        ranges = [
            QgsRendererRange(
                item.low, item.high if item.high is not None else 1e300, base_width(base, item.width), label
            )
            for item, label in zip(classes, labels)
        ]
        legend_layer.setRenderer(QgsGraduatedSymbolRenderer(field, ranges))
        return legend_layer
    symbols = renderer.symbols(context)
    if not symbols:
        return None
    base = symbols[0]
    ranges = [
        QgsRendererRange(
            item.low,
            item.high if item.high is not None else 1e300,
            _plain_symbol(base, item.width, has_direction, is_od_layer(layer)),
            label,
        )
        for item, label in zip(classes, labels)
    ]
    graduated = QgsGraduatedSymbolRenderer(field, ranges)
    graduated.setOrderByEnabled(True)
    from qgis.core import QgsFeatureRequest as Request

    graduated.setOrderBy(Request.OrderBy([Request.OrderByClause(QgsExpression.quotedColumnRef(field), True)]))
    layer.setRenderer(graduated)
    return None


def base_width(symbol, width: float):
    copy = symbol.clone()
    copy.setWidth(width)
    return copy


def place_weights(layer: QgsVectorLayer):
    """``(feature id, weight)``: population when the layer has it, else area."""
    weight = _field(layer, WEIGHT_FIELDS, numeric=True)
    rows = []
    request = QgsFeatureRequest()
    if weight:
        request.setFlags(FeatureRequestFlag.NoGeometry).setSubsetOfAttributes([weight], layer.fields())
    for feature in layer.getFeatures(request):
        if weight:
            value = feature[weight]
            rows.append((feature.id(), float(value) if isinstance(value, (int, float)) else None))
        else:
            rows.append((feature.id(), feature.geometry().area() if feature.hasGeometry() else None))
    return rows


def label_main_places(layer: QgsVectorLayer, count: int) -> int:
    """Name the ``count`` main places of a polygon layer (by population, else area); returns how many."""
    from qgis.core import (
        QgsPalLayerSettings,
        QgsRuleBasedLabeling,
        QgsTextBufferSettings,
        QgsTextFormat,
    )

    from . import cartography

    name = guess_name_field(layer)
    if count <= 0 or not name or layer.geometryType() != GeometryType.Polygon:
        return 0
    ids = cartography.main_places(place_weights(layer), count)
    if not ids:
        return 0
    settings = QgsPalLayerSettings()
    settings.fieldName = name
    settings.placement = QgsPalLayerSettings.Placement.OverPoint
    settings.priority = 10
    settings.obstacle = False
    text = QgsTextFormat()
    font = text.font()
    font.setBold(True)
    text.setFont(font)
    text.setSize(7.0)
    text.setColor(QColor("#303030"))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor(255, 255, 255, 230))
    text.setBuffer(buffer)
    settings.setFormat(text)
    root = QgsRuleBasedLabeling.Rule(None)
    rule = QgsRuleBasedLabeling.Rule(settings)
    rule.setFilterExpression(f"$id IN ({', '.join(str(i) for i in ids)})")
    root.appendChild(rule)
    layer.setLabeling(QgsRuleBasedLabeling(root))
    layer.setLabelsEnabled(True)
    return len(ids)


def add_inset(layout: QgsPrintLayout, map_item: QgsLayoutItemMap, layer: QgsVectorLayer, project: QgsProject):
    """A small map in the bottom-left corner of the map locating it (the main map's extent, atlas
    pages too, drawn in red on ``layer``); None when ``layer`` is empty or hardly reaches beyond the
    map."""
    from qgis.core import QgsFillSymbol, QgsLayoutItemMapOverview, QgsSingleSymbolRenderer

    inset_layer = layer.clone()
    inset_layer.setRenderer(
        QgsSingleSymbolRenderer(
            QgsFillSymbol.createSimple(
                {"color": "225,225,225,255", "outline_color": "255,255,255,255", "outline_width": "0.1"}
            )
        )
    )
    inset_layer.setLabelsEnabled(False)
    project.addMapLayer(inset_layer, False)
    position, size = map_item.positionWithUnits(), map_item.sizeWithUnits()
    extent = layers_extent([inset_layer], map_item.crs(), project)
    if extent.isNull() or extent.width() <= 0 or extent.height() <= 0:
        return None
    shown = map_item.extent()
    if extent.width() < 1.5 * shown.width() and extent.height() < 1.5 * shown.height():
        return None  # the surroundings hardly reach beyond the map: an inset would locate nothing
    width = size.width() * 0.24
    height = min(size.height() * 0.4, width * extent.height() / extent.width())
    inset = QgsLayoutItemMap(layout)
    inset.setId("inset")
    layout.addLayoutItem(inset)
    inset.attemptMove(QgsLayoutPoint(position.x() + 1.5, position.y() + size.height() - height - 1.5, position.units()))
    inset.attemptResize(QgsLayoutSize(width, height, size.units()))
    inset.setCrs(map_item.crs())
    inset.setLayers([inset_layer])
    inset.setKeepLayerSet(True)
    fit_extent(inset, extent)
    inset.setFrameEnabled(True)
    inset.setFrameStrokeWidth(QgsLayoutMeasurement(0.3, LayoutUnit.Millimeters))
    inset.setBackgroundEnabled(True)
    overview = QgsLayoutItemMapOverview(translate("MapLayout", "Map extent"), inset)
    overview.setLinkedMap(map_item)
    overview.setFrameSymbol(
        QgsFillSymbol.createSimple({"color": "200,16,24,60", "outline_color": "200,16,24,255", "outline_width": "0.4"})
    )
    inset.overviews().addOverview(overview)
    return inset


def png_settings(dpi: int) -> QgsLayoutExporter.ImageExportSettings:
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = dpi
    settings.exportMetadata = False  # GDAL cannot update a PNG in place (« ERROR 6 »); the PDF has them
    return settings


#: fields of the atlas layer copy holding each page's extent (map CRS)
PAGE_FIELDS = ("_page_xmin", "_page_ymin", "_page_xmax", "_page_ymax")


def atlas_flow_extents(
    atlas_layer: QgsVectorLayer, flow_layers: Sequence[QgsVectorLayer], map_item: QgsLayoutItemMap, project, margin
) -> Dict[int, Tuple[float, float, float, float]]:
    """Extent of each atlas page (by feature id, map CRS) holding its feature and every drawn flow
    line with an end in it; empty when the atlas layer has no zone code or no flow line is drawn."""
    from . import cartography

    code_field = _field(atlas_layer, CODE_FIELDS)
    if not code_field or not flow_layers:
        return {}
    crs = map_item.crs()
    context = project.transformContext()
    to_map = QgsCoordinateTransform(atlas_layer.crs(), crs, context)
    pages, codes = {}, {}
    for feature in atlas_layer.getFeatures():
        code = _text(feature[code_field])
        if code is None or not feature.hasGeometry():
            continue
        try:
            box = to_map.transformBoundingBox(feature.geometry().boundingBox())
        except Exception:  # QgsCsException
            continue
        pages[code] = (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum())
        codes[feature.id()] = code
    flows = []
    for layer in flow_layers:
        origin, destination = _field(layer, ("origin",)), _field(layer, ("destination",))
        transform = QgsCoordinateTransform(layer.crs(), crs, context)
        for feature in layer.getFeatures():
            if not feature.hasGeometry():
                continue
            try:
                box = transform.transformBoundingBox(feature.geometry().boundingBox())
            except Exception:  # QgsCsException
                continue
            flows.append(
                (
                    _text(feature[origin]),
                    _text(feature[destination]),
                    (box.xMinimum(), box.yMinimum(), box.xMaximum(), box.yMaximum()),
                )
            )
    size = map_item.sizeWithUnits()
    ratio = size.width() / size.height() if size.height() > 0 else 1.0
    extents = cartography.atlas_extents(pages, flows, ratio, margin)
    return {fid: extents[code] for fid, code in codes.items() if code in extents}


def with_page_extents(layer: QgsVectorLayer, extents: Dict[int, Tuple[float, float, float, float]]) -> QgsVectorLayer:
    """A memory copy of the atlas layer with each page's extent in :data:`PAGE_FIELDS`."""
    from qgis.core import QgsFields, QgsMemoryProviderUtils

    fields = QgsFields(layer.fields())
    for name in PAGE_FIELDS:
        fields.append(make_field(name, FieldType.Double))
    copy = QgsMemoryProviderUtils.createMemoryLayer(layer.name(), fields, layer.wkbType(), layer.crs())
    features = []
    for feature in layer.getFeatures():
        box = extents.get(feature.id())
        out = QgsFeature(fields)
        out.setGeometry(feature.geometry())
        out.setAttributes(list(feature.attributes()) + (list(box) if box else [None] * 4))
        features.append(out)
    copy.dataProvider().addFeatures(features)
    copy.updateExtents()
    copy.setRenderer(layer.renderer().clone())
    copy.setMetadata(layer.metadata())
    return copy


def drive_by_page_extents(map_item: QgsLayoutItemMap) -> None:
    """The map follows :data:`PAGE_FIELDS` of the atlas feature (instead of the feature's own box)."""
    from qgis.core import QgsLayoutObject, QgsProperty

    map_item.setAtlasDriven(False)
    for key, name in zip(
        (
            QgsLayoutObject.DataDefinedProperty.MapXMin,
            QgsLayoutObject.DataDefinedProperty.MapYMin,
            QgsLayoutObject.DataDefinedProperty.MapXMax,
            QgsLayoutObject.DataDefinedProperty.MapYMax,
        ),
        PAGE_FIELDS,
    ):
        map_item.dataDefinedProperties().setProperty(
            key, QgsProperty.fromExpression(f"attribute(@atlas_feature, '{name}')")
        )
