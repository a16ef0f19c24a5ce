"""territorial:fetch_cycle_lanes — cycle facilities (national BNAC base, schema « aménagements cyclables»)."""

import os

from qgis.core import (
    NULL,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsRectangle,
    QgsVectorLayer,
    QgsWkbTypes,
)
from shapely import wkb

from ...compat import FieldType, ProcessingFileParameterBehavior, ProcessingSourceType, WkbType, make_field
from ...providers import bnac
from ..feedback import CHECK_EVERY, Steps, cancel_check, check_canceled, progress_callback
from ..inputs.extent import extent_from_parameters
from ..outputs.provenance import provenance_fields, provenance_values
from ..outputs.tables import FIELD_TYPES, write_shapely_rows
from .base import TerritorialAlgorithm

GEOJSON_EXTENSIONS = (".geojson", ".json")


def _python(value):
    """A plain Python value from a QGIS attribute (NULL -> None, QDate/QDateTime -> ISO text)."""
    if value is None or value == NULL:
        return None
    if hasattr(value, "toString") and hasattr(value, "isValid"):
        return value.toString("yyyy-MM-dd") if value.isValid() else None
    return value


def qgis_items(layer: QgsVectorLayer, context, feedback):
    """(properties, shapely geometry in EPSG:4326) of every feature of a layer QGIS can read."""
    transform = QgsCoordinateTransform(
        layer.crs(), QgsCoordinateReferenceSystem("EPSG:4326"), context.transformContext()
    )
    names = layer.fields().names()
    total = layer.featureCount() or 1
    for index, feature in enumerate(layer.getFeatures()):
        if index % CHECK_EVERY == 0 and feedback is not None:
            check_canceled(feedback)
            feedback.setProgress(80.0 * index / total)
        props = {name: _python(value) for name, value in zip(names, feature.attributes())}
        geometry = feature.geometry()
        geom = None
        if geometry is not None and not geometry.isNull() and not geometry.isEmpty():
            try:
                geometry.transform(transform)
                geom = wkb.loads(bytes(geometry.asWkb()))
            except (QgsCsException, Exception):
                geom = None
        yield props, geom


class FetchCycleLanes(TerritorialAlgorithm):
    ALGORITHM_ID = "fetch_cycle_lanes"
    GROUP_ID = "sources"
    DATASETS = ("bnac", "geo_api")

    INPUT = "INPUT"
    CODE = "CODE"
    EXTENT = "EXTENT"
    OUTPUT = "OUTPUT"
    REPORT = "REPORT"

    def displayName(self):
        return self.tr("Fetch cycle facilities (BNAC)")

    def shortDescription(self):
        return self.tr(
            "Cycle facilities of a territory from the national base (schema « aménagements cyclables ») or a local "
            "BNAC file, "
            "checked against the schema, with normalised facility types per side and one-way."
        )

    def initAlgorithm(self, config=None):
        source = QgsProcessingParameterFile(
            self.INPUT,
            self.tr("Local BNAC file (empty: download the national base)"),
            behavior=ProcessingFileParameterBehavior.File,
            optional=True,
            fileFilter=self.tr("BNAC files (*.geojson *.json *.gpkg *.shp);;All files (*.*)"),
        )
        source.setHelp(
            self.tr("A file following the schema « aménagements cyclables » (GeoJSON, or any format QGIS reads).")
        )
        self.addParameter(source)
        code = QgsProcessingParameterString(
            self.CODE, self.tr("Territory code (commune, EPCI or département)"), optional=True
        )
        code.setHelp(self.tr("An INSEE commune code (95127), an EPCI SIREN (249500109) or a département (95)."))
        self.addParameter(code)
        self.addParameter(QgsProcessingParameterExtent(self.EXTENT, self.tr("Or an extent"), optional=True))
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Cycle facilities"), ProcessingSourceType.VectorLine)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.REPORT,
                self.tr("Validation report"),
                ProcessingSourceType.Vector,
                optional=True,
                createByDefault=False,
            )
        )

    def process(self, parameters, context, feedback):
        path = (self.parameterAsFile(parameters, self.INPUT, context) or "").strip()
        code = (self.parameterAsString(parameters, self.CODE, context) or "").strip()
        extent_l93, extent_lonlat = extent_from_parameters(self, parameters, self.EXTENT, context, feedback)
        if extent_l93 is not None:
            transform = QgsCoordinateTransform(
                QgsCoordinateReferenceSystem("EPSG:2154"),
                QgsCoordinateReferenceSystem("EPSG:4326"),
                context.transformContext(),
            )
            rect = transform.transformBoundingBox(QgsRectangle(*extent_l93))
            extent_lonlat = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
        if code and extent_lonlat is not None:
            raise QgsProcessingException(self.tr("Give either a territory code or an extent, not both."))
        steps = Steps(feedback, 3)
        step = steps.next()
        items = None
        if path:
            if not os.path.isfile(path):
                raise QgsProcessingException(
                    self.tr("The file {path} does not exist: check the path.").format(path=path)
                )
            if not path.lower().endswith(GEOJSON_EXTENSIONS):
                layer = QgsVectorLayer(path, "bnac", "ogr")
                if not layer.isValid():
                    raise QgsProcessingException(
                        self.tr(
                            "QGIS cannot read {path} as a vector layer: give a GeoJSON, GeoPackage or shapefile."
                        ).format(path=path)
                    )
                items = qgis_items(layer, context, step)
            feedback.pushInfo(self.tr("Reading {file}…").format(file=os.path.basename(path)))
        else:
            feedback.pushInfo(
                self.tr("Downloading the national base of cycle facilities (data.gouv.fr, through the cache)…")
            )
        result = bnac.fetch_cycle_lanes(
            code=code,
            extent_lonlat=extent_lonlat,
            path=path or None,
            items=items,
            cancel=cancel_check(step),
            warn=feedback.pushWarning,
            progress=progress_callback(step),
        )
        self._log(result, feedback)

        fields = QgsFields()
        for _prop, name, kind in bnac.SCHEMA_FIELDS:
            fields.append(make_field(name, FIELD_TYPES[kind]))
        for name, kind in bnac.DERIVED_FIELDS:
            fields.append(make_field(name, FIELD_TYPES[kind]))
        for field in provenance_fields():
            fields.append(field)
        wkb_type = WkbType.MultiLineString if result.has_multi else WkbType.LineString
        if any(row[-1].has_z for row in result.rows):
            wkb_type = QgsWkbTypes.addZ(wkb_type)
        writer = self.create_writer(
            parameters,
            self.OUTPUT,
            context,
            fields,
            wkb_type,
            QgsCoordinateReferenceSystem("EPSG:4326"),
            steps.next(),
            len(result.rows),
        )
        bnac_records = [r for r in result.records if r.get("dataset") == "bnac"]
        provenance = provenance_values(bnac_records[-1]) if bnac_records else ["", "", ""]
        dest_id = write_shapely_rows(writer, result.rows, provenance, result.has_multi)
        total = writer.count
        outputs = {self.OUTPUT: dest_id}
        where = (
            result.territory.label
            if result.territory
            else (self.tr("extent") if extent_lonlat is not None else os.path.basename(path or "France"))
        )
        title = self.tr("Cycle facilities: {where}").format(where=where)
        abstract = self.tr(
            "{count} segments of the national cycle-facility base (schema « aménagements cyclables » {version}); "
            "{problems} schema problems found (see the validation report)."
        ).format(count=total, version=bnac.SCHEMA_VERSION, problems=result.report.count())
        self.finish_output(dest_id, "cycle_lanes.qml", result.records, title=title, abstract=abstract)
        step = steps.next()
        if parameters.get(self.REPORT):
            outputs[self.REPORT] = self._write_report(parameters, context, step, result)
        steps.done()
        return outputs

    def _log(self, result, feedback):
        feedback.pushInfo(
            self.tr("{kept} segments kept out of {read} read; {outside} outside the territory or extent.").format(
                kept=len(result.rows), read=result.read, outside=result.outside
            )
        )
        counts = result.facility_counts()
        feedback.pushInfo(
            self.tr("Facilities (right and left sides): {counts}.").format(
                counts=", ".join(f"{name} {counts[name]}" for name in bnac.FACILITIES)
            )
        )
        if result.rejected:
            shown = ", ".join(result.rejected[:10]) + ("…" if len(result.rejected) > 10 else "")
            feedback.pushWarning(
                self.tr("{count} segments without a usable line geometry were left out: {ids}").format(
                    count=len(result.rejected), ids=shown
                )
            )
        unknown = result.report.unknown_values()
        if unknown:
            feedback.pushWarning(
                self.tr(
                    "{count} values are not in the schema's lists; unknown facility types are counted as 'none'."
                ).format(count=sum(unknown.values()))
            )
        if result.report.issues:
            feedback.pushWarning(
                self.tr("Schema check: {count} problems in {kinds} kinds.").format(
                    count=result.report.count(), kinds=len(result.report.issues)
                )
            )
            for line in result.report.lines():
                feedback.pushWarning("  " + line)
        else:
            feedback.pushInfo(self.tr("Schema check: no problem found."))

    def _write_report(self, parameters, context, feedback, result):
        fields = QgsFields()
        fields.append(make_field("field", FieldType.String))
        fields.append(make_field("value", FieldType.String))
        fields.append(make_field("problem", FieldType.String))
        fields.append(make_field("count", FieldType.Int))
        fields.append(make_field("examples", FieldType.String))
        writer = self.create_writer(
            parameters, self.REPORT, context, fields, WkbType.NoGeometry, QgsCoordinateReferenceSystem(), feedback
        )
        for name, value, problem, count, examples in result.report.rows():
            writer.add_row([name, value, bnac.problem_text(problem), count, examples])
        dest_id = writer.close()
        self.finish_output(dest_id, None, result.records, title=self.tr("Validation report of the cycle facilities"))
        return dest_id
