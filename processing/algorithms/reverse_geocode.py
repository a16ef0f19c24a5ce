"""territorial:reverse_geocode — points → nearest address (BAN), in bulk through ``/reverse/csv``."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsField,
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
)

from ...compat import FieldType, ProcessingSourceType, WkbType, make_field
from ...providers import geocoding
from ..feedback import CHECK_EVERY, Steps, cancel_check, progress_callback
from ..outputs.provenance import provenance_fields, provenance_values
from .base import TerritorialAlgorithm

RESULT_FIELDS = (
    ("result_label", FieldType.String),
    ("result_distance", FieldType.Double),
    ("result_type", FieldType.String),
    ("result_id", FieldType.String),
    ("result_housenumber", FieldType.String),
    ("result_street", FieldType.String),
    ("result_postcode", FieldType.String),
    ("result_city", FieldType.String),
    ("result_citycode", FieldType.String),
    ("result_longitude", FieldType.Double),
    ("result_latitude", FieldType.Double),
    ("result_status", FieldType.String),
    ("result_message", FieldType.String),
)


class ReverseGeocode(TerritorialAlgorithm):
    ALGORITHM_ID = "reverse_geocode"
    GROUP_ID = "sources"
    DATASETS = ("ban",)

    INPUT = "INPUT"
    OUTPUT = "OUTPUT"

    def displayName(self):
        return self.tr("Reverse geocode points")

    def shortDescription(self):
        return self.tr("The nearest address of each point, from the Base Adresse Nationale (IGN Géoplateforme).")

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Points"), [ProcessingSourceType.VectorPoint])
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Points with their nearest address"), ProcessingSourceType.VectorPoint
            )
        )

    def process(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        to_wgs84 = QgsCoordinateTransform(
            source.sourceCrs(), QgsCoordinateReferenceSystem("EPSG:4326"), context.transformContext()
        )
        steps = Steps(feedback, 3)
        step = steps.next()
        features, points = [], []
        total = source.featureCount() or 1
        for index, feature in enumerate(source.getFeatures()):
            if index % CHECK_EVERY == 0:
                self.check_canceled(step)
                step.setProgress(100.0 * index / total)
            features.append(feature)
            geometry = feature.geometry()
            point = None
            if geometry is not None and not geometry.isEmpty():
                try:
                    centre = geometry.centroid() if geometry.isMultipart() else geometry
                    xy = to_wgs84.transform(centre.asPoint())
                    point = (xy.x(), xy.y())
                except QgsCsException:
                    point = None
            points.append(point)
        if not features:
            raise QgsProcessingException(self.tr("The input has no points: there is nothing to reverse geocode."))
        feedback.pushInfo(self.tr("Looking up the nearest address of {count} points…").format(count=len(features)))
        step = steps.next()
        result = geocoding.reverse(
            points,
            cancel=cancel_check(step),
            warn=feedback.pushWarning,
            progress=progress_callback(step),
        )

        fields = QgsFields()
        taken = {name for name, _ in RESULT_FIELDS} | set(provenance_fields().names())
        for field in source.fields():
            field = QgsField(field)
            if field.name() in taken:
                old = field.name()
                field.setName(old + "_input")
                feedback.pushWarning(
                    self.tr("The input field '{old}' is kept as '{new}': its name is taken by a result field.").format(
                        old=old, new=field.name()
                    )
                )
            fields.append(field)
        for name, kind in RESULT_FIELDS:
            fields.append(make_field(name, kind))
        for field in provenance_fields():
            fields.append(field)
        wkb = WkbType.Point if source.wkbType() in (WkbType.Point, WkbType.NoGeometry) else source.wkbType()
        writer = self.create_writer(
            parameters, self.OUTPUT, context, fields, wkb, source.sourceCrs(), steps.next(), len(features)
        )
        provenance = provenance_values(result.records[-1]) if result.records else ["", "", ""]
        for feature, res in zip(features, result.results):
            writer.add_row(
                list(feature.attributes())
                + [
                    res.label,
                    res.distance,
                    res.type,
                    res.id,
                    res.housenumber,
                    res.street,
                    res.postcode,
                    res.city,
                    res.citycode,
                    res.lon,
                    res.lat,
                    res.status,
                    res.message,
                ]
                + provenance,
                feature.geometry(),
            )
        dest_id = writer.close()
        counts = result.counts()
        feedback.pushInfo(
            self.tr(
                "{ok} points with an address, {missing} without an address nearby, {skipped} skipped, {error} in "
                "error ({requests} requests to the service)."
            ).format(
                ok=counts["ok"],
                missing=counts["not-found"],
                skipped=counts["skipped"],
                error=counts["error"],
                requests=result.requests,
            )
        )
        self.finish_output(dest_id, "geocoded_addresses.qml", result.records, title=self.tr("Nearest addresses"))
        return {self.OUTPUT: dest_id}
