"""territorial:geocode_addresses — a table of addresses → points, in bulk through the BAN CSV endpoint."""

import os

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingParameterCrs,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)
from qgis.PyQt.QtCore import QUrl, QUrlQuery, QVariant

from ...compat import (
    FieldType,
    ProcessingNumberParameterType,
    ProcessingSourceType,
    WkbType,
    make_field,
    parameter_as_fields,
)
from ...providers import geocoding
from ..feedback import CHECK_EVERY, Steps, cancel_check, progress_callback
from ..outputs.provenance import provenance_fields, provenance_values
from .base import TerritorialAlgorithm

WGS84 = "EPSG:4326"
TEXT_EXTENSIONS = (".csv", ".txt", ".tsv", ".tab")

#: (name, type) of the result fields added to every input row
RESULT_FIELDS = (
    ("result_label", FieldType.String),
    ("result_score", FieldType.Double),
    ("result_type", FieldType.String),
    ("result_id", FieldType.String),
    ("result_citycode", FieldType.String),
    ("result_postcode", FieldType.String),
    ("result_city", FieldType.String),
    ("result_status", FieldType.String),
    ("result_message", FieldType.String),
)


def as_text(value) -> str:
    """An attribute as the text sent to the service (NULL empty, 10.0 -> "10")."""
    if value is None or (isinstance(value, QVariant) and value.isNull()):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value)
    return "" if text == "NULL" else text


def text_file_of(alg, parameters, name, context):
    """(path, layer) when the input is a delimited text file read through OGR, else (None, layer).

    OGR reads CSV as UTF-8 only and knows fewer separators: such files are read by the plugin,
    which detects the encoding (UTF-8 with or without BOM, Windows-1252) and the separator.
    """
    value = parameters.get(name)
    selected = False
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        selected = value.selectedFeaturesOnly
        value = value.source.staticValue() if hasattr(value.source, "staticValue") else value.source
    if (
        isinstance(value, str)
        and os.path.isfile(value.split("|")[0])
        and value.split("|")[0].lower().endswith(TEXT_EXTENSIONS)
    ):
        layer = None
        try:
            layer = alg.parameterAsVectorLayer(parameters, name, context)
        except QgsProcessingException:
            layer = None
        return value.split("|")[0], layer if layer is not None and layer.isValid() else None
    layer = alg.parameterAsVectorLayer(parameters, name, context)
    if layer is None or selected or layer.subsetString():
        return None, layer
    if layer.providerType() == "ogr":
        path = layer.source().split("|")[0]
        if path.lower().endswith(TEXT_EXTENSIONS) and os.path.isfile(path):
            return path, layer
    elif layer.providerType() == "delimitedtext":
        # a delimited text URI without an explicit encoding (e.g. typed on the command line):
        # the encoding is detected; with one (set in the QGIS dialog), QGIS's reading is kept
        url = QUrl(layer.source())
        path = url.toLocalFile()
        if not QUrlQuery(url).hasQueryItem("encoding") and os.path.isfile(path):
            return path, layer
    return None, layer


class GeocodeAddresses(TerritorialAlgorithm):
    ALGORITHM_ID = "geocode_addresses"
    GROUP_ID = "sources"
    DATASETS = ("ban",)

    INPUT = "INPUT"
    ADDRESS_FIELD = "ADDRESS_FIELD"
    POSTCODE_FIELD = "POSTCODE_FIELD"
    CITYCODE_FIELD = "CITYCODE_FIELD"
    MIN_SCORE = "MIN_SCORE"
    OUTPUT_CRS = "OUTPUT_CRS"
    OUTPUT = "OUTPUT"

    def displayName(self):
        return self.tr("Geocode addresses")

    def shortDescription(self):
        return self.tr(
            "A table of addresses to points, in bulk through the Base Adresse Nationale (IGN Géoplateforme)."
        )

    def initAlgorithm(self, config=None):
        source = QgsProcessingParameterFeatureSource(
            self.INPUT, self.tr("Table or layer of addresses"), [ProcessingSourceType.Vector]
        )
        source.setHelp(
            self.tr("Any table or layer; a CSV file may be in UTF-8 or Windows-1252, with any usual separator.")
        )
        self.addParameter(source)
        address = QgsProcessingParameterField(
            self.ADDRESS_FIELD,
            self.tr("Address field(s), joined in this order"),
            parentLayerParameterName=self.INPUT,
            allowMultiple=True,
        )
        address.setHelp(
            self.tr("One field with the full address, or several (number, street, city) joined by a space.")
        )
        self.addParameter(address)
        self.addParameter(
            QgsProcessingParameterField(
                self.POSTCODE_FIELD,
                self.tr("Postcode field (restricts each search)"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.CITYCODE_FIELD,
                self.tr("INSEE commune code field (restricts each search)"),
                parentLayerParameterName=self.INPUT,
                optional=True,
            )
        )
        score = QgsProcessingParameterNumber(
            self.MIN_SCORE,
            self.tr("Minimum score (0 to 1)"),
            ProcessingNumberParameterType.Double,
            defaultValue=0.5,
            minValue=0.0,
            maxValue=1.0,
        )
        score.setHelp(self.tr("Results under this score are kept without a point, with the status low-score."))
        self.addParameter(score)
        self.addParameter(
            QgsProcessingParameterCrs(self.OUTPUT_CRS, self.tr("CRS of the points"), defaultValue=WGS84, optional=True)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Geocoded addresses"), ProcessingSourceType.VectorPoint
            )
        )

    # -- input ------------------------------------------------------------------------------------
    def _read_input(self, parameters, context, feedback):
        """(field names and types, rows of values, a resolver name -> column index)."""
        path, layer = text_file_of(self, parameters, self.INPUT, context)
        if path:
            table = geocoding.read_table(path)
            feedback.pushInfo(
                self.tr("Read {rows} rows from {file} (encoding {encoding}, separator '{sep}').").format(
                    rows=len(table.rows),
                    file=os.path.basename(path),
                    encoding=table.encoding,
                    sep="TAB" if table.delimiter == "\t" else table.delimiter,
                )
            )
            for message in table.warnings:
                feedback.pushWarning(message)
            fields = QgsFields()
            for name in table.header:
                fields.append(make_field(name, FieldType.String))
            layer_names = [f.name() for f in layer.fields()] if layer is not None else []

            def resolve(name):
                if name in table.header:
                    return table.header.index(name)
                if name in layer_names and len(layer_names) == len(table.header):
                    return layer_names.index(name)  # OGR misread a non-UTF-8 column name
                raise QgsProcessingException(
                    self.tr("The file has no column '{name}'. Its columns are: {columns}.").format(
                        name=name, columns=", ".join(table.header)
                    )
                )

            return fields, table.rows, resolve
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        fields = source.fields()
        total = source.featureCount() or 1
        rows = []
        for index, feature in enumerate(source.getFeatures()):
            if index % CHECK_EVERY == 0:
                self.check_canceled(feedback)
                feedback.setProgress(100.0 * index / total)
            rows.append(feature.attributes())

        def resolve_field(name):
            index = fields.lookupField(name)
            if index < 0:
                raise QgsProcessingException(self.tr("The input has no field '{name}'.").format(name=name))
            return index

        return fields, rows, resolve_field

    # -- run --------------------------------------------------------------------------------------
    def process(self, parameters, context, feedback):
        address_fields = parameter_as_fields(self, parameters, self.ADDRESS_FIELD, context)
        if not address_fields:
            raise QgsProcessingException(self.tr("Choose at least one address field."))
        postcode_field = (parameter_as_fields(self, parameters, self.POSTCODE_FIELD, context) or [None])[0]
        citycode_field = (parameter_as_fields(self, parameters, self.CITYCODE_FIELD, context) or [None])[0]
        min_score = self.parameterAsDouble(parameters, self.MIN_SCORE, context)
        crs = self.parameterAsCrs(parameters, self.OUTPUT_CRS, context)
        if not crs.isValid():
            crs = QgsCoordinateReferenceSystem(WGS84)

        steps = Steps(feedback, 3)
        in_fields, rows, resolve = self._read_input(parameters, context, steps.next())
        if not rows:
            raise QgsProcessingException(self.tr("The input has no rows: there is nothing to geocode."))
        address_idx = [resolve(name) for name in address_fields]
        queries = [[as_text(row[i]) for i in address_idx] for row in rows]
        postcodes = [as_text(row[resolve(postcode_field)]) for row in rows] if postcode_field else None
        citycodes = [as_text(row[resolve(citycode_field)]) for row in rows] if citycode_field else None
        feedback.pushInfo(self.tr("Geocoding {rows} addresses…").format(rows=len(rows)))
        step = steps.next()
        result = geocoding.geocode(
            queries,
            postcodes,
            citycodes,
            min_score=min_score,
            cancel=cancel_check(step),
            warn=feedback.pushWarning,
            progress=progress_callback(step),
        )

        out_fields, renamed = self._output_fields(in_fields)
        for old, new in renamed:
            feedback.pushWarning(
                self.tr("The input field '{old}' is kept as '{new}': its name is taken by a result field.").format(
                    old=old, new=new
                )
            )
        writer = self.create_writer(
            parameters, self.OUTPUT, context, out_fields, WkbType.Point, crs, steps.next(), len(rows)
        )
        transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem(WGS84), crs, context.transformContext())
        provenance = provenance_values(result.records[-1]) if result.records else ["", "", ""]
        for row, res in zip(rows, result.results):
            geometry = None
            if res.has_point:
                geometry = QgsGeometry.fromPointXY(QgsPointXY(res.lon, res.lat))
                if crs.authid() != WGS84:
                    geometry.transform(transform)
            writer.add_row(
                list(row)
                + [
                    res.label,
                    res.score,
                    res.type,
                    res.id,
                    res.citycode,
                    res.postcode,
                    res.city,
                    res.status,
                    res.message,
                ]
                + provenance,
                geometry,
            )
        dest_id = writer.close()
        self._report(result, queries, feedback)
        title = self.tr("Geocoded addresses")
        self.finish_output(dest_id, "geocoded_addresses.qml", result.records, title=title)
        return {self.OUTPUT: dest_id}

    @staticmethod
    def _output_fields(in_fields):
        taken = {name for name, _ in RESULT_FIELDS} | set(provenance_fields().names())
        out = QgsFields()
        renamed = []
        names = {f.name() for f in in_fields}
        for field in in_fields:
            field = QgsField(field)
            if field.name() in taken:
                new = field.name() + "_input"
                while new in names or new in taken:
                    new += "_"
                renamed.append((field.name(), new))
                field.setName(new)
            out.append(field)
        for name, kind in RESULT_FIELDS:
            out.append(make_field(name, kind))
        for field in provenance_fields():
            out.append(field)
        return out, renamed

    def _report(self, result, queries, feedback):
        counts = result.counts()
        feedback.pushInfo(
            self.tr(
                "{ok} addresses found, {low} under the minimum score, {missing} not found, {skipped} skipped, "
                "{error} in error ({requests} requests to the service)."
            ).format(
                ok=counts["ok"],
                low=counts["low-score"],
                missing=counts["not-found"],
                skipped=counts["skipped"],
                error=counts["error"],
                requests=result.requests,
            )
        )
        problems = [(i, r) for i, r in enumerate(result.results) if r.status != geocoding.OK]
        for index, res in problems[:20]:
            feedback.pushWarning(
                self.tr("Row {row}: {status} — '{address}' {why}")
                .format(
                    row=index + 1,
                    status=res.status,
                    address=" ".join(q for q in queries[index] if q),
                    why=f"({res.message})" if res.message else "",
                )
                .strip()
            )
        if len(problems) > 20:
            feedback.pushWarning(
                self.tr(
                    "… and {count} more rows without a point: see the result_status and result_message fields."
                ).format(count=len(problems) - 20)
            )
