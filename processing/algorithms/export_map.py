"""territorial:export_map — a printed map (or an atlas, one page per feature) as one PDF, with legend,
scale bar, north arrow and the sources and licences of the drawn layers."""

import datetime as dt
import os
import shutil
import tempfile

from qgis.core import (
    QgsFeedback,
    QgsLayoutExporter,
    QgsLayoutItemLabel,
    QgsLayoutItemLegend,
    QgsLayoutItemMap,
    QgsLayoutItemPicture,
    QgsLayoutItemScaleBar,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterCrs,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterMultipleLayers,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsProcessingParameterVectorLayer,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QSize

from ...compat import (
    GeometryType,
    ProcessingAlgorithmFlag,
    ProcessingFileParameterBehavior,
    ProcessingNumberParameterType,
    ProcessingParameterFlag,
    ProcessingSourceType,
)
from ...providers.attribution import collect_credits, nice_scale, production_text, sources_text
from ...providers.errors import Canceled
from ...providers.http import plugin_version
from ...ui import cartography
from ...ui import layout as maps
from ..parameters import add_choice, add_number, choice
from .base import TerritorialAlgorithm


def _file_mode(path: str) -> int:
    """The mode of the file being replaced, else what the umask gives a new file."""
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


ATLAS_MARGIN = 0.08  # around each atlas feature, as a share of its size
DEFAULT_TOP_N = 100  # flow lines drawn by default: no map is a blob
PNG_DPI = 150


class ExportMap(TerritorialAlgorithm):
    ALGORITHM_ID = "export_map"
    GROUP_ID = "maps"
    DATASETS = ()

    LAYERS = "LAYERS"
    TITLE = "TITLE"
    SUBTITLE = "SUBTITLE"
    EXTENT_LAYER = "EXTENT_LAYER"
    ATLAS_LAYER = "ATLAS_LAYER"
    ATLAS_NAME_FIELD = "ATLAS_NAME_FIELD"
    TEMPLATE = "TEMPLATE"
    PAPER = "PAPER"
    CRS = "CRS"
    DPI = "DPI"
    EXTRA_SOURCES = "EXTRA_SOURCES"
    TOP_N = "TOP_N"
    MIN_VALUE = "MIN_VALUE"
    OURSINS = "OURSINS"
    WIDTH_CLASSES = "WIDTH_CLASSES"
    MAX_WIDTH = "MAX_WIDTH"
    LABELS = "LABELS"
    INSET_LAYER = "INSET_LAYER"
    PNG = "PNG"
    OUTPUT = "OUTPUT"
    PAGES = "PAGES"
    PNG_FILES = "PNG_FILES"

    PAPER_OPTIONS = list(maps.PAPERS)

    def displayName(self):
        return self.tr("Export a printed map (PDF)")

    def shortDescription(self):
        return self.tr(
            "A PDF map, or an atlas with one page per feature, with legend, scale bar, north arrow "
            "and the sources and licences of the layers."
        )

    def flags(self):
        # Layouts, their project and the PDF painter live in one thread: run in the main thread, as
        # QGIS's own layout export algorithms do (cancel is still honoured between atlas pages).
        return super().flags() | ProcessingAlgorithmFlag.NoThreading

    def initAlgorithm(self, config=None):
        layers = QgsProcessingParameterMultipleLayers(
            self.LAYERS, self.tr("Layers to draw (first = on top)"), ProcessingSourceType.VectorAnyGeometry
        )
        layers.setHelp(
            self.tr("Vector layers drawn with their styles, in the order of the Layers panel: the first one on top.")
        )
        self.addParameter(layers)
        self.addParameter(QgsProcessingParameterString(self.TITLE, self.tr("Title")))
        self.addParameter(QgsProcessingParameterString(self.SUBTITLE, self.tr("Subtitle"), optional=True))
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.EXTENT_LAYER,
                self.tr("Zoom to this layer (empty: all drawn layers)"),
                [ProcessingSourceType.VectorAnyGeometry],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.ATLAS_LAYER,
                self.tr("Atlas: one page per feature of this polygon layer (optional)"),
                [ProcessingSourceType.VectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ATLAS_NAME_FIELD,
                self.tr("Atlas page name field"),
                parentLayerParameterName=self.ATLAS_LAYER,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.TEMPLATE,
                self.tr("Layout template (.qpt; empty: the shipped template)"),
                behavior=ProcessingFileParameterBehavior.File,
                optional=True,
                fileFilter=self.tr("QGIS layout templates (*.qpt)"),
            )
        )
        labels = {
            "A4 landscape": self.tr("A4 landscape"),
            "A4 portrait": self.tr("A4 portrait"),
            "A3 landscape": self.tr("A3 landscape"),
            "A3 portrait": self.tr("A3 portrait"),
        }
        add_choice(
            self,
            self.PAPER,
            self.tr("Paper (shipped template)"),
            [(key, labels.get(key, key)) for key in self.PAPER_OPTIONS],
            default="A4 landscape",
            help_text=self.tr('Command line: PAPER="A4 landscape", "A4 portrait", "A3 landscape" or "A3 portrait".'),
        )
        crs = QgsProcessingParameterCrs(
            self.CRS, self.tr("Map CRS (empty: Lambert-93 in metropolitan France, else UTM)"), optional=True
        )
        crs.setFlags(crs.flags() | ProcessingParameterFlag.Advanced)
        self.addParameter(crs)
        dpi = QgsProcessingParameterNumber(
            self.DPI,
            self.tr("Resolution (DPI)"),
            ProcessingNumberParameterType.Integer,
            defaultValue=300,
            minValue=72,
            maxValue=1200,
        )
        dpi.setFlags(dpi.flags() | ProcessingParameterFlag.Advanced)
        self.addParameter(dpi)
        extra = QgsProcessingParameterString(
            self.EXTRA_SOURCES, self.tr("Additional sources (« ; » between sources)"), optional=True
        )
        extra.setFlags(extra.flags() | ProcessingParameterFlag.Advanced)
        self.addParameter(extra)
        add_number(
            self,
            self.TOP_N,
            self.tr("Flow lines: draw the largest N (0: all)"),
            DEFAULT_TOP_N,
            integer=True,
            minimum=0,
            help_text=self.tr(
                "Applies to straight flow lines between zones (layers with origin and destination fields): "
                "thousands of lines make a blob. The legend states what is drawn."
            ),
        )
        threshold = add_number(
            self, self.MIN_VALUE, self.tr("Flow lines: only from this value up (0: no threshold)"), 0.0, minimum=0.0
        )
        self.addParameter(
            QgsProcessingParameterBoolean(
                self.OURSINS, self.tr("Flow lines: only the main flow of each commune (« oursins »)"), False
            )
        )
        widths = add_number(
            self,
            self.WIDTH_CLASSES,
            self.tr("Proportional lines: number of width classes (0: the layers' own styles)"),
            4,
            integer=True,
            minimum=0,
            maximum=7,
        )
        max_width = add_number(
            self, self.MAX_WIDTH, self.tr("Proportional lines: widest line (mm)"), 3.0, decimals=1, minimum=0.5
        )
        names = add_number(
            self,
            self.LABELS,
            self.tr("Name the N main communes (by population, else area; 0: none)"),
            10,
            integer=True,
            minimum=0,
        )
        for param in (threshold, widths, max_width, names):
            param.setFlags(param.flags() | ProcessingParameterFlag.Advanced)
        self.addParameter(
            QgsProcessingParameterVectorLayer(
                self.INSET_LAYER,
                self.tr("Inset locating the map: a layer of the surroundings (optional)"),
                [ProcessingSourceType.VectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterBoolean(self.PNG, self.tr("Also write a PNG image beside the PDF"), True)
        )
        self.addParameter(
            QgsProcessingParameterFileDestination(self.OUTPUT, self.tr("PDF file"), self.tr("PDF files (*.pdf)"))
        )
        self.addOutput(QgsProcessingOutputNumber(self.PAGES, self.tr("Number of pages")))
        self.addOutput(QgsProcessingOutputString(self.PNG_FILES, self.tr("PNG images written (« ; » between files)")))

    # -- run ----------------------------------------------------------------------------------------------
    def process(self, parameters, context, feedback):
        inputs = self.parameterAsLayerList(parameters, self.LAYERS, context)
        inputs = [layer for layer in inputs if isinstance(layer, QgsVectorLayer)]
        if not inputs:
            raise QgsProcessingException(self.tr("No layer to draw: choose at least one vector layer in LAYERS."))
        for layer in inputs:
            if not layer.isValid():
                raise QgsProcessingException(
                    self.tr("Layer '{name}' is not valid: check its file.").format(name=layer.name())
                )
            if layer.geometryType() in (GeometryType.Null, GeometryType.Unknown):
                raise QgsProcessingException(
                    self.tr("Layer '{name}' has no geometry: a table cannot be drawn on a map.").format(
                        name=layer.name()
                    )
                )
        title = self.parameterAsString(parameters, self.TITLE, context).strip()
        if not title:
            raise QgsProcessingException(self.tr("The map needs a title (TITLE)."))
        subtitle = self.parameterAsString(parameters, self.SUBTITLE, context).strip()
        extent_layer = self.parameterAsVectorLayer(parameters, self.EXTENT_LAYER, context)
        atlas_input = self.parameterAsVectorLayer(parameters, self.ATLAS_LAYER, context)
        name_field = self.parameterAsString(parameters, self.ATLAS_NAME_FIELD, context)
        template = self.parameterAsFile(parameters, self.TEMPLATE, context)
        paper = choice(self, parameters, self.PAPER, context)
        dpi = self.parameterAsInt(parameters, self.DPI, context)
        extra = self.parameterAsString(parameters, self.EXTRA_SOURCES, context)
        output = self.parameterAsFileOutput(parameters, self.OUTPUT, context)
        if not output:
            raise QgsProcessingException(self.tr("Choose the PDF file to write (OUTPUT)."))
        if not output.lower().endswith(".pdf"):
            output += ".pdf"
        output = os.path.abspath(output)
        if name_field and atlas_input is None:
            feedback.pushWarning(self.tr("ATLAS_NAME_FIELD is ignored: no atlas layer was given."))

        project = QgsProject()
        layout = None
        try:
            project.setTransformContext(context.transformContext())
            user_project = context.project()
            options = self._map_options(parameters, context)
            drawn, labels, copies, own, legend_only = [], [], {}, [], {}
            for index, layer in enumerate(inputs):
                in_project = user_project is not None and user_project.mapLayer(layer.id()) is not None
                copy, styled = maps.drawable_layer(layer, in_project)
                if not styled:
                    maps.apply_plain_style(copy, index)
                    feedback.pushInfo(
                        self.tr("Layer '{name}' has no saved style: drawn with a plain style.").format(
                            name=layer.name()
                        )
                    )
                project.addMapLayer(copy, False)
                label = maps.legend_label(copy, in_project)
                copy, label, widths = self._flow_styling(copy, label, in_project and styled, options, project, feedback)
                if widths is not None:
                    project.addMapLayer(widths, False)
                    legend_only[copy.id()] = widths
                copies[layer.id()] = copy
                drawn.append(copy)
                labels.append(label)
                own.append(not in_project)
            self._name_places(drawn, own, options["labels"], feedback)
            self.check_canceled(feedback)

            atlas_layer, atlas_label = None, ""
            if atlas_input is not None:
                if atlas_input.featureCount() == 0:
                    raise QgsProcessingException(
                        self.tr("The atlas layer '{name}' has no feature: there would be no page.").format(
                            name=atlas_input.name()
                        )
                    )
                atlas_layer = copies.get(atlas_input.id())
                if atlas_layer is None:
                    in_project = user_project is not None and user_project.mapLayer(atlas_input.id()) is not None
                    atlas_layer, _styled = maps.drawable_layer(atlas_input, in_project)
                    project.addMapLayer(atlas_layer, False)
                atlas_label = maps.legend_label(atlas_layer, False)
                if name_field and atlas_layer.fields().indexOf(name_field) < 0:
                    raise QgsProcessingException(
                        self.tr("The atlas layer has no field '{field}'. Its fields: {fields}.").format(
                            field=name_field, fields=", ".join(atlas_layer.fields().names())
                        )
                    )
                name_field = name_field or maps.guess_name_field(atlas_layer)

            crs = self.parameterAsCrs(parameters, self.CRS, context)
            if not crs.isValid():
                crs = maps.choose_crs(drawn + ([atlas_layer] if atlas_layer is not None else []), project)
            project.setCrs(crs)
            project.setEllipsoid(crs.ellipsoidAcronym() or "EPSG:7019")

            if extent_layer is not None:
                measured = copies.get(extent_layer.id())
                if measured is None:  # a fresh copy: the extent of a project layer can be stale
                    measured, _styled = maps.drawable_layer(extent_layer, True)
                    project.addMapLayer(measured, False)  # owned by the private project, like the others
                extent = maps.layers_extent([measured], crs, project)
                if extent.isNull():
                    raise QgsProcessingException(
                        self.tr("The extent layer '{name}' is empty: choose a layer with features, or none.").format(
                            name=extent_layer.name()
                        )
                    )
            else:
                extent = maps.layers_extent(drawn, crs, project)
                if extent.isNull() and atlas_layer is not None:
                    extent = maps.layers_extent([atlas_layer], crs, project)
                if extent.isNull():
                    raise QgsProcessingException(self.tr("Nothing to draw: every layer is empty."))
            if extent.width() == 0 or extent.height() == 0:
                extent.grow(500.0 if not crs.isGeographic() else 0.005)
            extent.scale(1.03)
            feedback.setProgress(5)

            if template:
                template_path, factor = template, 1.0
                if paper != "A4 landscape":
                    feedback.pushInfo(self.tr("PAPER is ignored: the template sets the page size."))
            else:
                template_path, factor = maps.template_for(paper)
            layout = maps.load_layout(project, template_path)
            layout.setName(title)
            if not template:
                maps.resize_paper(layout, *maps.PAPER_SIZES_MM[paper], factor)

            map_item = maps.find_item(layout, "map", QgsLayoutItemMap)
            if map_item is None:
                raise QgsProcessingException(
                    self.tr("The layout template {path} has no map item: add a map to it (id 'map').").format(
                        path=template_path
                    )
                )
            map_item.setCrs(crs)
            page_extents = {}
            if atlas_layer is not None:
                flow_layers = [layer for layer in drawn if maps.is_od_layer(layer)]
                page_extents = maps.atlas_flow_extents(atlas_layer, flow_layers, map_item, project, ATLAS_MARGIN)
                if page_extents:
                    atlas_layer = maps.with_page_extents(atlas_layer, page_extents)
                    project.addMapLayer(atlas_layer, False)
                    feedback.pushInfo(self.tr("Atlas pages reach as far as the flow lines of each page's feature."))
            highlight = []
            if atlas_layer is not None:
                highlight = [maps.atlas_highlight(atlas_layer)]
                project.addMapLayer(highlight[0], False)
            map_item.setLayers(highlight + drawn)
            map_item.setKeepLayerSet(True)
            maps.fit_extent(map_item, extent)
            map_item.setScale(nice_scale(map_item.scale()))
            feedback.pushInfo(
                self.tr("Map CRS {crs}, scale 1:{scale:,.0f}.").format(crs=crs.authid(), scale=map_item.scale())
            )

            pages_per_sheet = layout.pageCollection().pageCount()
            atlas = None
            if atlas_layer is not None:
                atlas = layout.atlas()
                atlas.setCoverageLayer(atlas_layer)
                atlas.setHideCoverage(False)
                atlas.setEnabled(True)
                if name_field:
                    atlas.setPageNameExpression(maps.quoted_field(name_field))
                    atlas.setSortFeatures(True)
                    atlas.setSortAscending(True)
                    atlas.setSortExpression(maps.quoted_field(name_field))
                map_item.setAtlasDriven(True)
                map_item.setAtlasScalingMode(QgsLayoutItemMap.AtlasScalingMode.Auto)
                map_item.setAtlasMargin(ATLAS_MARGIN)
                if page_extents:
                    maps.drive_by_page_extents(map_item)
                sheets = atlas.updateFeatures()
                if sheets <= 0:
                    raise QgsProcessingException(self.tr("The atlas layer gives no page."))
                feedback.pushInfo(
                    self.tr("Atlas: {count} pages, one per feature of '{name}'.").format(count=sheets, name=atlas_label)
                )
            else:
                sheets = 1

            # sources and licences
            described = [maps.layer_sources(layer, label) for layer, label in zip(drawn, labels)]
            if atlas_layer is not None and atlas_input.id() not in copies:
                described.append(maps.layer_sources(atlas_layer, atlas_label))
            credits = collect_credits(described, extra)
            for name in dict.fromkeys(credits.undocumented):
                feedback.pushWarning(
                    self.tr(
                        "Layer '{name}' says nothing about its source (no layer metadata, no source/licence fields): "
                        "the map credits nothing for it. Fill its metadata (Layer Properties › Metadata) or give "
                        "its source in EXTRA_SOURCES."
                    ).format(name=name)
                )
            sources = sources_text(credits)
            today = dt.date.today().isoformat()
            production = production_text(today, self.tr("Territorial Data"), plugin_version())
            maps.set_variables(layout, title=title, subtitle=subtitle, sources=sources, production=production)
            metadata = project.metadata()
            metadata.setTitle(title)
            metadata.setAbstract(sources)
            metadata.setAuthor(self.tr("Territorial Data"))
            project.setMetadata(metadata)
            if sources:
                feedback.pushInfo(sources)

            if page_extents:
                widths = sorted(box[2] - box[0] for box in page_extents.values())
                page_width = maps.map_width_m(map_item, QgsRectangle(0, 0, widths[len(widths) // 2], 1))
            else:
                page_width = maps.atlas_page_width_m(atlas_layer, map_item, project, ATLAS_MARGIN) if atlas else None
            legend_layers, legend_labels = [], []
            for layer, label in zip(drawn, labels):
                legend_layers.append(layer)
                legend_labels.append(label)
                if layer.id() in legend_only:
                    legend_layers.append(legend_only[layer.id()])
                    legend_labels.append(self.tr("Line width: {layer}").format(layer=label.split(" — ")[0]))
            self._configure_items(layout, map_item, legend_layers, legend_labels, page_width, bool(sources), feedback)
            inset_input = self.parameterAsVectorLayer(parameters, self.INSET_LAYER, context)
            if inset_input is not None:
                inset_layer, _styled = maps.drawable_layer(inset_input, False)
                if maps.add_inset(layout, map_item, inset_layer, project) is None:
                    feedback.pushWarning(
                        self.tr("The inset layer is empty or hardly reaches beyond the map: no inset.")
                    )
            self.check_canceled(feedback)
            feedback.setProgress(10)

            pages = self._export(layout, atlas, output, dpi, feedback) * pages_per_sheet
            if atlas is None:
                pages = pages_per_sheet
            images = []
            if self.parameterAsBool(parameters, self.PNG, context):
                images = self._export_png(layout, atlas, output, feedback)
            feedback.setProgress(100)
            feedback.pushInfo(self.tr("{pages} page(s) written to {path}.").format(pages=pages, path=output))
            if images:
                feedback.pushInfo(
                    self.tr("{count} PNG image(s) beside it: {files}.").format(
                        count=len(images), files=", ".join(os.path.basename(p) for p in images[:5])
                    )
                )
            return {self.OUTPUT: output, self.PAGES: pages, self.PNG_FILES: ";".join(images)}
        finally:
            if layout is not None:
                layout.atlas().setEnabled(False)
                layout.atlas().setCoverageLayer(None)
            layout = None
            project.removeAllMapLayers()
            del project

    # -- flow maps ----------------------------------------------------------------------------------------
    def _map_options(self, parameters, context):
        return {
            "top_n": self.parameterAsInt(parameters, self.TOP_N, context),
            "min_value": self.parameterAsDouble(parameters, self.MIN_VALUE, context),
            "oursins": self.parameterAsBool(parameters, self.OURSINS, context),
            "classes": self.parameterAsInt(parameters, self.WIDTH_CLASSES, context),
            "max_width": self.parameterAsDouble(parameters, self.MAX_WIDTH, context),
            "labels": self.parameterAsInt(parameters, self.LABELS, context),
        }

    def _flow_styling(self, copy, label, user_styled, options, project, feedback):
        """Flow lines kept to what the options say (stated in the legend), then proportional widths in
        classes; returns ``(layer, legend label, legend-only layer of the width classes or None)``."""
        field = maps.value_field(copy)
        if not field:
            return copy, label, None
        if maps.is_od_layer(copy):
            selection = cartography.select_flows(
                maps.flow_rows(copy, field), options["top_n"], options["min_value"], options["oursins"]
            )
            if len(selection.kept) < selection.total:
                statement = self._selection_statement(selection, options)
                filtered = maps.filtered_copy(copy, selection.kept, copy.name())
                project.addMapLayer(filtered, False)
                copy = filtered
                label = f"{label} — {statement}"
                feedback.pushInfo(self.tr("Layer '{name}': {statement}.").format(name=label, statement=statement))
        widths = None
        if options["classes"] > 0 and not user_styled:
            widths = maps.apply_width_classes(copy, field, options["classes"], options["max_width"], label)
        return copy, label, widths

    def _selection_statement(self, selection, options):
        """What a flow map keeps, for its legend: « the 150 largest of 4 667 lines (62 % of the flow) »."""
        share = f"{100 * selection.share:.0f} %"
        kept, total = len(selection.kept), selection.total
        parts = []
        if options["oursins"]:
            parts.append(self.tr("main flow of each commune"))
        if options["min_value"] > 0:
            parts.append(self.tr("{value} or more").format(value=maps.number_text(options["min_value"])))
        if options["top_n"] and kept == options["top_n"]:
            parts.append(self.tr("the {count} largest").format(count=kept))
        return self.tr("{what}: {kept} of {total} lines ({share} of the flow)").format(
            what=", ".join(parts), kept=maps.number_text(kept), total=maps.number_text(total), share=share
        )

    def _name_places(self, drawn, own, count, feedback):
        """Name the main communes on the first polygon layer (of ours) with a name field."""
        if count <= 0:
            return
        for layer, ours in zip(drawn, own):
            if ours and layer.geometryType() == GeometryType.Polygon and maps.guess_name_field(layer):
                named = maps.label_main_places(layer, count)
                if named:
                    feedback.pushInfo(
                        self.tr("The {count} main communes of '{name}' are named.").format(
                            count=named, name=layer.name()
                        )
                    )
                return

    def _export_png(self, layout, atlas, output, feedback):
        """PNG images beside the PDF (``map.png``; an atlas: ``map_001.png``...), rendered page by page
        into a hidden folder and moved in place once all are written."""
        folder = os.path.dirname(output) or "."
        base = os.path.splitext(os.path.basename(output))[0]
        work = tempfile.mkdtemp(prefix=f".{base}.png-", dir=folder)
        exporter = QgsLayoutExporter(layout)
        try:
            names = []
            if atlas is not None:
                atlas.beginRender()
                try:
                    for index in range(atlas.count()):
                        self.check_canceled(feedback)
                        atlas.seekTo(index)
                        names.append((f"{base}_{index + 1:03d}.png", self._render_png(exporter, work, index, base)))
                finally:
                    atlas.endRender()
            else:
                names.append((f"{base}.png", self._render_png(exporter, work, 0, base)))
            written = []
            for name, path in names:
                target = os.path.join(folder, name)
                os.replace(path, target)
                written.append(target)
            return written
        finally:
            shutil.rmtree(work, ignore_errors=True)

    def _render_png(self, exporter, work, index, base):
        image = exporter.renderPageToImage(0, QSize(), PNG_DPI)
        path = os.path.join(work, f"{index:04d}.png")
        if image.isNull() or not image.save(path, "PNG"):
            raise maps.export_error(
                QgsLayoutExporter.ExportResult.FileError, os.path.join(os.path.dirname(work), base + ".png")
            )
        return path

    def _configure_items(self, layout, map_item, drawn, labels, atlas_page_width, has_sources, feedback):
        legend = maps.find_item(layout, "legend", QgsLayoutItemLegend)
        if legend is not None:
            if not maps.configure_legend(legend, drawn, labels, self.tr("Legend"), map_item):
                feedback.pushWarning(
                    self.tr(
                        "The legend is larger than its frame even in small print: it is cut. "
                        "Draw fewer layers or classes, or use a larger paper."
                    )
                )
        else:
            feedback.pushWarning(self.tr("The layout template has no legend."))
        bar = maps.find_item(layout, "scalebar", QgsLayoutItemScaleBar)
        if bar is not None:
            width = atlas_page_width or maps.map_width_m(map_item)  # atlas: the units of a typical page
            units = maps.configure_scalebar(bar, map_item, width, atlas_page_width is not None)
            feedback.pushInfo(self.tr("Scale bar in {units}.").format(units=units))
        else:
            feedback.pushWarning(self.tr("The layout template has no scale bar."))
        arrow = maps.find_item(layout, "north_arrow", QgsLayoutItemPicture)
        if arrow is not None:
            maps.configure_north_arrow(arrow, map_item)
        else:
            feedback.pushWarning(self.tr("The layout template has no north arrow."))
        prints_sources = False
        for item in maps.layout_items(layout):
            if isinstance(item, QgsLayoutItemLabel):
                text = item.text()
                if "@territorial_sources" in text:
                    prints_sources = True
                if "@territorial_" in text and not maps.fit_label(item):
                    feedback.pushWarning(
                        self.tr("The text of '{item}' does not fit its frame even in small print: it is cut.").format(
                            item=item.id() or item.displayName()
                        )
                    )
        if has_sources and not prints_sources:
            feedback.pushWarning(
                self.tr(
                    "The layout template prints no sources: add a label with the text "
                    "[% @territorial_sources %]. The sources are in the PDF metadata."
                )
            )

    def _export(self, layout, atlas, output, dpi, feedback) -> int:
        """Render to a temporary file next to ``output`` and rename it: a failure or a cancel writes nothing."""
        folder = os.path.dirname(output) or "."
        try:
            os.makedirs(folder, exist_ok=True)
        except OSError as exc:
            raise QgsProcessingException(
                self.tr("Cannot create the folder {folder}: {error}").format(folder=folder, error=exc)
            )
        handle, temporary = tempfile.mkstemp(prefix="." + os.path.basename(output) + ".", suffix=".part", dir=folder)
        os.close(handle)
        settings = maps.pdf_settings(dpi)
        try:
            if atlas is not None:
                pages_feedback = QgsFeedback()
                pages_feedback.progressChanged.connect(lambda value: feedback.setProgress(10 + 0.9 * value))
                feedback.canceled.connect(pages_feedback.cancel)
                if feedback.isCanceled():
                    raise Canceled()
                result, error = QgsLayoutExporter.exportToPdf(atlas, temporary, settings, pages_feedback)
                count = atlas.count()
            else:
                result = QgsLayoutExporter(layout).exportToPdf(temporary, settings)
                error, count = "", 1
            if result == QgsLayoutExporter.ExportResult.Canceled or feedback.isCanceled():
                raise Canceled()
            if result != QgsLayoutExporter.ExportResult.Success:
                raise maps.export_error(result, output, error)
            if not os.path.exists(temporary) or os.path.getsize(temporary) == 0:
                raise maps.export_error(QgsLayoutExporter.ExportResult.FileError, output)
            os.chmod(temporary, _file_mode(output))  # mkstemp made it private (0600)
            os.replace(temporary, output)
            return count
        finally:
            if os.path.exists(temporary):
                os.remove(temporary)
