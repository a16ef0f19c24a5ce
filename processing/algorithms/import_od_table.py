"""territorial:import_od_table — any table with origin, destination and flow fields -> OD table."""

from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...compat import FeatureRequestFlag, ProcessingNumberParameterType, ProcessingSourceType
from ...providers import od
from ..feedback import CHECK_EVERY, Steps, cancel_check
from ..inputs.values import code_text, delimited_text_path, text_value
from ..outputs.provenance import layer_records, provenance_indexes, provenance_triple
from ..outputs.tables import log_import, write_od_table, write_report
from ..parameters import KEEP, add_arrondissement_choice, add_choice, add_cog_choice, choice, optional_int
from .base import TerritorialAlgorithm


class ImportOdTable(TerritorialAlgorithm):
    ALGORITHM_ID = "import_od_table"
    GROUP_ID = "flows"
    DATASETS = ("cog",)

    INPUT = "INPUT"
    ORIGIN_FIELD = "ORIGIN_FIELD"
    DESTINATION_FIELD = "DESTINATION_FIELD"
    FLOW_FIELD = "FLOW_FIELD"
    MODE_FIELD = "MODE_FIELD"
    CATEGORY_FIELD = "CATEGORY_FIELD"
    PERIOD_FIELD = "PERIOD_FIELD"
    CODES = "CODES"
    ARRONDISSEMENTS = "ARRONDISSEMENTS"
    SOURCE_COG = "SOURCE_COG"
    TARGET_COG = "TARGET_COG"
    TERRITORY = "TERRITORY"
    INTRA = "INTRA"
    OUTPUT = "OUTPUT"
    REPORT = "REPORT"
    PRODUCER = "PRODUCER"
    LICENCE = "LICENCE"

    def displayName(self):
        return self.tr("Import an OD table")

    def shortDescription(self):
        return self.tr(
            "Any table with origin, destination and flow fields → OD table, with INSEE codes checked, "
            "restored and moved to one COG vintage, and a report of what changed."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Table of flows"), [ProcessingSourceType.Vector])
        )
        for name, label, optional in (
            (self.ORIGIN_FIELD, self.tr("Origin field"), False),
            (self.DESTINATION_FIELD, self.tr("Destination field"), False),
            (self.FLOW_FIELD, self.tr("Flow field"), False),
            (self.MODE_FIELD, self.tr("Mode field (optional)"), True),
            (self.CATEGORY_FIELD, self.tr("Category field (optional)"), True),
            (self.PERIOD_FIELD, self.tr("Period field (optional)"), True),
        ):
            self.addParameter(
                QgsProcessingParameterField(name, label, parentLayerParameterName=self.INPUT, optional=optional)
            )
        add_choice(
            self,
            self.CODES,
            self.tr("The codes are"),
            [
                ("commune", self.tr("INSEE commune codes")),
                ("free", self.tr("free identifiers (kept as they are)")),
            ],
            default="commune",
            help_text=self.tr(
                "commune: INSEE commune codes (checked, leading zeros restored, moved between COG "
                "vintages); free: any identifiers, kept as they are. Command line: CODES=commune or free."
            ),
        )
        add_arrondissement_choice(self, self.ARRONDISSEMENTS)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SOURCE_COG,
                self.tr("COG vintage of the codes (empty: do not move codes)"),
                type=ProcessingNumberParameterType.Integer,
                optional=True,
                minValue=1968,
                maxValue=2100,
            )
        )
        add_cog_choice(self, self.TARGET_COG)
        self.addParameter(
            QgsProcessingParameterString(self.TERRITORY, self.tr("Territory (empty: everything)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterBoolean(self.INTRA, self.tr("Keep flows within a zone"), defaultValue=True)
        )
        for name, label in (
            (self.PRODUCER, self.tr("Producer of the flows (for the sources line of maps)")),
            (self.LICENCE, self.tr("Licence of the flows")),
        ):
            param = QgsProcessingParameterString(name, label, optional=True)
            param.setHelp(self.tr("Empty: « licence not stated » is written in the layer's metadata and on maps."))
            self.addParameter(param)
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("OD table"), ProcessingSourceType.Vector)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.REPORT, self.tr("Import report"), ProcessingSourceType.Vector, optional=True, createByDefault=True
            )
        )

    def process(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        steps = Steps(feedback, 4)
        step = steps.next()
        name = source.sourceName() or self.INPUT
        names = [f.name() for f in source.fields()]
        lower = {n.lower(): n for n in names}
        chosen = {}
        for param in (
            self.ORIGIN_FIELD,
            self.DESTINATION_FIELD,
            self.FLOW_FIELD,
            self.MODE_FIELD,
            self.CATEGORY_FIELD,
            self.PERIOD_FIELD,
        ):
            value = self.parameterAsString(parameters, param, context)
            if value and value.lower() not in lower:
                raise QgsProcessingException(
                    self.tr("The table '{layer}' has no field '{field}'. Its fields are: {fields}.").format(
                        layer=name, field=value, fields=", ".join(names)
                    )
                )
            chosen[param] = lower[value.lower()] if value else None
        producer = (self.parameterAsString(parameters, self.PRODUCER, context) or "").strip()
        licence = (self.parameterAsString(parameters, self.LICENCE, context) or "").strip()
        options = self._options(parameters, context, feedback)
        path = delimited_text_path(self, parameters, self.INPUT, context)
        if path:  # a delimited text file: the one text reader, messages with the file's own lines
            layer = self.parameterAsVectorLayer(parameters, self.INPUT, context)
            step.pushInfo(self.tr("Reading {file}…").format(file=path))
            table = od.import_od_file(
                path,
                chosen[self.ORIGIN_FIELD],
                chosen[self.DESTINATION_FIELD],
                chosen[self.FLOW_FIELD],
                mode=chosen[self.MODE_FIELD] or "",
                category=chosen[self.CATEGORY_FIELD] or "",
                period=chosen[self.PERIOD_FIELD] or "",
                records=layer_records(set(), layer, name, producer=producer, licence=licence),
                warn=feedback.pushWarning,
                cancel=cancel_check(step),
                **options,
            )
            return self._finish(parameters, context, feedback, steps, table, name, None)
        prov_index = provenance_indexes(source.fields())
        indexes = {param: names.index(field) for param, field in chosen.items() if field}
        request = QgsFeatureRequest().setFlags(FeatureRequestFlag.NoGeometry)
        request.setSubsetOfAttributes(list(indexes.values()) + list(prov_index.values()))
        columns = {param: [] for param in indexes}
        triples = set()
        total = max(source.featureCount(), 1)
        for row, feature in enumerate(source.getFeatures(request), start=1):
            if row % CHECK_EVERY == 0:
                self.check_canceled(step)
                step.setProgress(100.0 * row / total)
            attributes = feature.attributes()
            for param, values in columns.items():
                value = attributes[indexes[param]]
                if param == self.FLOW_FIELD:
                    values.append(None if value is None or (hasattr(value, "isNull") and value.isNull()) else value)
                elif param in (self.ORIGIN_FIELD, self.DESTINATION_FIELD):
                    values.append(code_text(value) or "")
                else:
                    values.append(text_value(value))
            triple = provenance_triple(prov_index, attributes)
            if triple:
                triples.add(triple)
        records = layer_records(
            triples,
            self.parameterAsVectorLayer(parameters, self.INPUT, context),
            name,
            producer=producer,
            licence=licence,
        )
        steps.next()
        table = od.from_columns(
            columns[self.ORIGIN_FIELD],
            columns[self.DESTINATION_FIELD],
            columns[self.FLOW_FIELD],
            name,
            records,
            mode=columns.get(self.MODE_FIELD),
            category=columns.get(self.CATEGORY_FIELD),
            period=columns.get(self.PERIOD_FIELD),
            first_line=1,
            warn=feedback.pushWarning,
            **options,
        )
        return self._finish(parameters, context, feedback, steps, table, name, source.featureCount())

    def _options(self, parameters, context, feedback):
        """The code options of the import: kind of codes, arrondissements, COG move, territory."""
        source_cog = optional_int(self, parameters, self.SOURCE_COG, context)
        target = choice(self, parameters, self.TARGET_COG, context)
        codes = choice(self, parameters, self.CODES, context)
        if source_cog is None and target != KEEP and codes == "commune":
            feedback.pushInfo(
                self.tr(
                    "No COG vintage given for the codes: they are not moved (set it to move them to COG {target})."
                ).format(target=target)
            )
        move = source_cog is not None and target != KEEP and codes == "commune"
        return {
            "codes": codes,
            "arrondissements": choice(self, parameters, self.ARRONDISSEMENTS, context),
            "source_cog": source_cog if move else None,
            "target_cog": int(target) if move else None,
            "territory": self.parameterAsString(parameters, self.TERRITORY, context),
            "intra": self.parameterAsBoolean(parameters, self.INTRA, context),
        }

    def _finish(self, parameters, context, feedback, steps, table, name, rows):
        if rows is not None:
            table.messages.append(
                self.tr("{layer}: {rows} rows read, flow {flow:.1f}.").format(layer=name, rows=rows, flow=table.flow_in)
            )
        log_import(feedback, table)
        title = self.tr("OD table {name}").format(name=name)
        results = {self.OUTPUT: write_od_table(self, parameters, self.OUTPUT, context, steps.next(), table, title)}
        steps.next()
        report = write_report(
            self, parameters, self.REPORT, context, table, self.tr("OD import report {name}").format(name=name)
        )
        if report is not None:
            results[self.REPORT] = report
        steps.done()
        return results
