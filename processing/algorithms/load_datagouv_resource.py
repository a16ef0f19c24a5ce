"""territorial:load_datagouv_resource — one data.gouv.fr resource (CSV, GeoJSON, Shapefile, GeoPackage) as a layer."""

import os
import tempfile
from collections import Counter

import numpy as np
import pandas as pd
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsDataProvider,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
    QgsProcessingUtils,
    QgsVectorLayer,
    QgsWkbTypes,
)

from ...compat import FieldType, GeometryType, ProcessingSourceType, WkbType, make_field
from ...providers import datagouv
from ..feedback import CHECK_EVERY, Steps, cancel_check
from ..outputs.provenance import PROVENANCE_FIELDS, provenance_fields, provenance_values
from .base import TerritorialAlgorithm

STYLES = {
    GeometryType.Point: "datagouv_points.qml",
    GeometryType.Line: "datagouv_lines.qml",
    GeometryType.Polygon: "datagouv_polygons.qml",
}
TABLE_STYLE = "datagouv_table.qml"


def _value(value):
    """A pandas / numpy value as a QGIS attribute (missing -> NULL)."""
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and np.isnan(value):
        return None
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


class LoadDatagouvResource(TerritorialAlgorithm):
    ALGORITHM_ID = "load_datagouv_resource"
    GROUP_ID = "sources"
    DATASETS = ("datagouv",)

    RESOURCE = "RESOURCE"
    DATASET = "DATASET"
    LAYER = "LAYER"
    OUTPUT = "OUTPUT"

    def displayName(self):
        return self.tr("Load a data.gouv.fr resource")

    def shortDescription(self):
        return self.tr(
            "A data.gouv.fr resource (CSV with coordinates or INSEE codes, GeoJSON, zipped Shapefile, GeoPackage) as "
            "a layer, with the dataset's producer and licence."
        )

    def initAlgorithm(self, config=None):
        resource = QgsProcessingParameterString(self.RESOURCE, self.tr("Resource identifier or file address"))
        resource.setHelp(
            self.tr(
                "The resource id shown by « Search the data.gouv.fr catalogue » (e.g. "
                "142fecf6-4873-4dac-9876-2019d925eaf8) or the address of the file."
            )
        )
        self.addParameter(resource)
        dataset = QgsProcessingParameterString(self.DATASET, self.tr("Dataset identifier or slug"), optional=True)
        dataset.setHelp(
            self.tr("Optional; needed to know the producer and licence when the resource is given by an address.")
        )
        self.addParameter(dataset)
        layer = QgsProcessingParameterString(self.LAYER, self.tr("Layer or file inside the resource"), optional=True)
        layer.setHelp(
            self.tr(
                "For a GeoPackage with several layers or a zip with several files: the name to load (default: the "
                "first)."
            )
        )
        self.addParameter(layer)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Resource layer"), ProcessingSourceType.VectorAnyGeometry
            )
        )

    # -- run ----------------------------------------------------------------------------------------------
    def process(self, parameters, context, feedback):
        resource = self.parameterAsString(parameters, self.RESOURCE, context)
        dataset = self.parameterAsString(parameters, self.DATASET, context)
        wanted_layer = self.parameterAsString(parameters, self.LAYER, context).strip()
        steps = Steps(feedback, 3)
        step = steps.next()
        cancel = cancel_check(feedback)
        client = datagouv.DatagouvClient(cancel=cancel, warn=feedback.pushWarning)
        info = client.resolve(resource, dataset)
        size = info.resource.get("filesize")
        feedback.pushInfo(
            self.tr("Downloading « {title} » ({format}, {size}) from {url}…").format(
                title=info.title,
                format=info.format or "?",
                size=f"{int(size) / 2**20:.1f} MB" if isinstance(size, (int, float)) else "?",
                url=info.url,
            )
        )

        def progress(done, total):
            if total:
                step.setProgress(100.0 * done / total)

        entry, record = client.download(info, progress=progress)
        self.steps = steps
        step = steps.next()
        feedback.pushInfo(
            self.tr("Producer: {producer}. Licence: {licence}.").format(
                producer=record.get("producer"), licence=record.get("licence")
            )
        )
        workdir = tempfile.mkdtemp(prefix="datagouv_", dir=QgsProcessingUtils.tempFolder())
        prepared = datagouv.prepare_resource(entry.path, workdir, info.format, info.url, cancel)
        for warning in prepared.warnings:
            feedback.pushWarning(warning)
        title = record.get("title") or info.title
        if prepared.kind == "csv":
            path = self._choose_file(prepared.files, wanted_layer, feedback)
            return self._load_csv(path, parameters, context, step, record, title)
        return self._load_ogr(prepared.files, wanted_layer, parameters, context, step, record, title)

    def _choose_file(self, files, wanted, feedback):
        names = [os.path.splitext(os.path.basename(f))[0] for f in files]
        if wanted:
            for path, name in zip(files, names):
                if wanted in (name, os.path.basename(path)):
                    return path
            raise QgsProcessingException(
                self.tr("No file '{name}' in the resource: choose one of {names}.").format(
                    name=wanted, names=", ".join(names)
                )
            )
        if len(files) > 1:
            feedback.pushInfo(
                self.tr(
                    "The resource holds several files; '{first}' is loaded (others: {others}). Use the layer "
                    "parameter to choose."
                ).format(first=names[0], others=", ".join(names[1:]))
            )
        return files[0]

    # -- CSV -----------------------------------------------------------------------------------------------
    def _load_csv(self, path, parameters, context, feedback, record, title):
        table = datagouv.read_csv_table(path, cancel_check(feedback))
        self.check_canceled(feedback)
        for warning in table.warnings:
            feedback.pushWarning(warning)
        frame = table.frame
        fields = QgsFields()
        names = []
        for column in frame.columns:
            dtype = str(frame[column].dtype)
            kind = (
                FieldType.LongLong
                if dtype == "Int64"
                else FieldType.Double
                if dtype.startswith("float")
                else FieldType.String
            )
            name = self._field_name(column, feedback)
            fields.append(make_field(name, kind))
            names.append(name)
        for field in provenance_fields():
            fields.append(field)
        provenance = provenance_values(record)
        has_points = table.lon is not None
        features = []
        columns = [frame[c].tolist() for c in frame.columns]
        for index in range(len(frame)):
            if index % CHECK_EVERY == 0:
                self.check_canceled(feedback)
                feedback.setProgress(100.0 * index / max(1, len(frame)))
            feature = QgsFeature(fields)
            if has_points and np.isfinite(table.lon[index]):
                feature.setGeometry(
                    QgsGeometry.fromPointXY(QgsPointXY(float(table.lon[index]), float(table.lat[index])))
                )
            feature.setAttributes([_value(col[index]) for col in columns] + provenance)
            features.append(feature)
        if has_points:
            feedback.pushInfo(
                self.tr("CSV: {rows} rows, positions from {columns} ({crs}).").format(
                    rows=len(frame), columns=table.coordinates, crs=table.crs
                )
            )
            geometry_type, crs, style = (
                WkbType.Point,
                QgsCoordinateReferenceSystem(table.crs),
                STYLES[GeometryType.Point],
            )
        else:
            geometry_type, crs, style = WkbType.NoGeometry, QgsCoordinateReferenceSystem(), TABLE_STYLE
            if table.code_column:
                feedback.pushInfo(
                    self.tr(
                        "CSV: {rows} rows without coordinates, written as a table. The INSEE code column '{column}' "
                        "is kept as text: "
                        "join it to the 'code' field of « Fetch administrative boundaries » to map it."
                    ).format(rows=len(frame), column=table.code_column)
                )
            else:
                feedback.pushWarning(
                    self.tr(
                        "CSV: {rows} rows with neither coordinates (lon/lat, x/y) nor INSEE codes: written as a "
                        "table without geometry."
                    ).format(rows=len(frame))
                )
        return self._write(features, fields, geometry_type, crs, parameters, context, feedback, record, title, style)

    # -- GDAL/OGR formats ----------------------------------------------------------------------------------
    def _sublayers(self, path):
        layer = QgsVectorLayer(path, "probe", "ogr")
        names = []
        if layer.isValid():
            for item in layer.dataProvider().subLayers():
                parts = item.split(QgsDataProvider.sublayerSeparator())
                if len(parts) > 1 and parts[1] not in names:
                    names.append(parts[1])
        return names

    def _load_ogr(self, files, wanted, parameters, context, feedback, record, title):
        choices = []  # (label, uri)
        for path in files:
            base = os.path.splitext(os.path.basename(path))[0]
            if path.lower().endswith(".gpkg"):
                layers = self._sublayers(path)
                choices += [(name, f"{path}|layername={name}") for name in layers] or [(base, path)]
            elif path.lower().endswith(".csv"):
                continue
            else:
                choices.append((base, path))
        if not choices:
            raise QgsProcessingException(self.tr("The resource holds no layer that can be read."))
        label, uri = choices[0]
        if wanted:
            match = [c for c in choices if wanted in (c[0], os.path.basename(c[1].split("|")[0]))]
            if not match:
                raise QgsProcessingException(
                    self.tr("No layer '{name}' in the resource: choose one of {names}.").format(
                        name=wanted, names=", ".join(c[0] for c in choices)
                    )
                )
            label, uri = match[0]
        elif len(choices) > 1:
            feedback.pushInfo(
                self.tr(
                    "The resource holds several layers; '{first}' is loaded (others: {others}). Use the layer "
                    "parameter to choose."
                ).format(first=label, others=", ".join(c[0] for c in choices[1:]))
            )
        source = QgsVectorLayer(uri, label, "ogr")
        if not source.isValid():
            raise QgsProcessingException(
                self.tr(
                    "GDAL could not read '{name}': the file may be damaged or in a variant it does not know."
                ).format(name=label)
            )
        crs = source.crs()
        if not crs.isValid():
            feedback.pushWarning(
                self.tr("'{name}' declares no coordinate reference system: set it in the layer properties.").format(
                    name=label
                )
            )
        keep = [
            i
            for i in range(source.fields().count())
            if i not in source.dataProvider().pkAttributeIndexes() and source.fields().at(i).name().lower() != "fid"
        ]
        fields = QgsFields()
        for index in keep:
            field = QgsField(source.fields().at(index))
            field.setName(self._field_name(field.name(), feedback))
            fields.append(field)
        for field in provenance_fields():
            fields.append(field)
        target = self._target_type(source, feedback)
        provenance = provenance_values(record)
        total = max(1, source.featureCount())
        features, other_type = [], Counter()
        for number, src in enumerate(source.getFeatures(QgsFeatureRequest())):
            if number % CHECK_EVERY == 0:
                self.check_canceled(feedback)
                feedback.setProgress(100.0 * number / total)
            feature = QgsFeature(fields)
            geometry = src.geometry()
            if target != WkbType.NoGeometry and geometry is not None and not geometry.isNull():
                if geometry.type() == QgsWkbTypes.geometryType(target):
                    geometry = QgsGeometry(geometry)
                    if QgsWkbTypes.isMultiType(target):
                        geometry.convertToMultiType()
                    feature.setGeometry(geometry)
                else:
                    other_type[QgsWkbTypes.displayString(geometry.wkbType())] += 1
            attributes = src.attributes()
            feature.setAttributes([attributes[i] for i in keep] + provenance)
            features.append(feature)
        if other_type:
            feedback.pushWarning(
                self.tr("{count} feature(s) of another geometry type ({types}) are kept without geometry.").format(
                    count=sum(other_type.values()), types=", ".join(f"{k}: {v}" for k, v in other_type.items())
                )
            )
        feedback.pushInfo(self.tr("{count} features read from '{name}'.").format(count=len(features), name=label))
        style = STYLES.get(QgsWkbTypes.geometryType(target), TABLE_STYLE)
        return self._write(features, fields, target, crs, parameters, context, feedback, record, title, style)

    def _target_type(self, source, feedback):
        """The output geometry type: the layer's (multi for lines and polygons), or the most common
        family when the layer mixes types (GeoJSON)."""
        declared = source.wkbType()
        if declared == WkbType.NoGeometry:
            return WkbType.NoGeometry
        if QgsWkbTypes.flatType(declared) not in (WkbType.Unknown, WkbType.GeometryCollection):
            family = QgsWkbTypes.geometryType(declared)
            base = declared
        else:
            counts = Counter()
            request = QgsFeatureRequest().setNoAttributes()
            for feature in source.getFeatures(request):
                geometry = feature.geometry()
                if geometry is not None and not geometry.isNull():
                    counts[
                        (geometry.type(), QgsWkbTypes.isMultiType(geometry.wkbType()), geometry.constGet().is3D())
                    ] += 1
            if not counts:
                return WkbType.NoGeometry
            family = Counter()
            for (kind, _, _), number in counts.items():
                family[kind] += number
            family = family.most_common(1)[0][0]
            base = {
                GeometryType.Point: WkbType.Point,
                GeometryType.Line: WkbType.LineString,
                GeometryType.Polygon: WkbType.Polygon,
            }.get(family, WkbType.Unknown)
            if any(k[0] == family and k[1] for k in counts):
                base = QgsWkbTypes.multiType(base)
            if any(k[0] == family and k[2] for k in counts):
                base = QgsWkbTypes.addZ(base)
        if family in (GeometryType.Line, GeometryType.Polygon):
            base = QgsWkbTypes.multiType(base)
        return base

    # -- common --------------------------------------------------------------------------------------------
    def _field_name(self, name, feedback):
        if name.lower() in PROVENANCE_FIELDS:
            renamed = f"{name}_src"
            feedback.pushInfo(
                self.tr("The column '{name}' is renamed '{renamed}' (the provenance fields use its name).").format(
                    name=name, renamed=renamed
                )
            )
            return renamed
        return name

    def _write(self, features, fields, geometry_type, crs, parameters, context, feedback, record, title, style):
        writer = self.create_writer(
            parameters, self.OUTPUT, context, fields, geometry_type, crs, self.steps.next(), len(features)
        )
        writer.add_all(features)
        dest_id = writer.close()
        self.finish_output(dest_id, style, [record], title=title)
        self.steps.done()
        return {self.OUTPUT: dest_id}
