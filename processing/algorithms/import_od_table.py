"""territorial:import_od_table — any table with origin, destination and flow fields -> OD table."""

from qgis.core import (
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...providers import od
from ._od_input import code_text, code_text_raw, layer_records, log_import, write_od_table, write_report
from .base import TerritorialAlgorithm, enum_value
from .import_mobpro import KEEP, cog_options, optional_int


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

    CODE_OPTIONS = ["commune", "free"]
    ARRONDISSEMENT_OPTIONS = ["keep", "aggregate"]

    def displayName(self):
        return self.tr("Import an OD table")

    def shortDescription(self):
        return self.tr(
            "Any table with origin, destination and flow fields → OD table, with INSEE codes checked, "
            "restored and moved to one COG vintage, and a report of what changed."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFeatureSource(self.INPUT, self.tr("Table of flows"), [QgsProcessing.TypeVector])
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
        codes = QgsProcessingParameterEnum(
            self.CODES, self.tr("The codes are"), options=self.CODE_OPTIONS, defaultValue="commune"
        )
        codes.setUsesStaticStrings(True)
        codes.setHelp(
            self.tr(
                "commune: INSEE commune codes (checked, leading zeros restored, moved between COG "
                "vintages); free: any identifiers, kept as they are."
            )
        )
        self.addParameter(codes)
        arrondissements = QgsProcessingParameterEnum(
            self.ARRONDISSEMENTS,
            self.tr("Paris, Lyon and Marseille arrondissements"),
            options=self.ARRONDISSEMENT_OPTIONS,
            defaultValue="keep",
        )
        arrondissements.setUsesStaticStrings(True)
        self.addParameter(arrondissements)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.SOURCE_COG,
                self.tr("COG vintage of the codes (empty: do not move codes)"),
                type=QgsProcessingParameterNumber.Integer,
                optional=True,
                minValue=1968,
                maxValue=2100,
            )
        )
        options = cog_options()
        target = QgsProcessingParameterEnum(
            self.TARGET_COG, self.tr("Move commune codes to COG vintage"), options=options, defaultValue=options[0]
        )
        target.setUsesStaticStrings(True)
        self.addParameter(target)
        self.addParameter(
            QgsProcessingParameterString(self.TERRITORY, self.tr("Territory (empty: everything)"), optional=True)
        )
        self.addParameter(
            QgsProcessingParameterBoolean(self.INTRA, self.tr("Keep flows within a zone"), defaultValue=True)
        )
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("OD table"), QgsProcessing.TypeVector))
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.REPORT, self.tr("Import report"), QgsProcessing.TypeVector, optional=True, createByDefault=True
            )
        )

    def process(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, self.INPUT, context)
        if source is None:
            raise QgsProcessingException(self.invalidSourceError(parameters, self.INPUT))
        name = source.sourceName() or self.INPUT
        names = [f.name() for f in source.fields()]
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
            if value and value not in names:
                raise QgsProcessingException(
                    self.tr("The table '{layer}' has no field '{field}'. Its fields are: {fields}.").format(
                        layer=name, field=value, fields=", ".join(names)
                    )
                )
            chosen[param] = value or None
        wanted = [v for v in chosen.values() if v]
        provenance = [n for n in ("source", "licence", "retrieved_at") if n in names]
        request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
        request.setSubsetOfAttributes(wanted + provenance, source.fields())
        columns = {param: [] for param, value in chosen.items() if value}
        triples = set()
        total = max(source.featureCount(), 1)
        for row, feature in enumerate(source.getFeatures(request), start=1):
            if row % 20000 == 0:
                self.check_canceled(feedback)
                feedback.setProgress(40.0 * row / total)
            for param, values in columns.items():
                value = feature[chosen[param]]
                if param == self.FLOW_FIELD:
                    values.append(None if value is None or (hasattr(value, "isNull") and value.isNull()) else value)
                elif param in (self.ORIGIN_FIELD, self.DESTINATION_FIELD):
                    values.append(code_text(value) or "")
                else:
                    values.append(code_text_raw(value))
            if provenance:
                triple = tuple(code_text_raw(feature[n]) if n in provenance else "" for n in PROVENANCE)
                if triple[0]:
                    triples.add(triple)
        records = layer_records(triples, self.parameterAsVectorLayer(parameters, self.INPUT, context), name)
        source_cog = optional_int(self, parameters, self.SOURCE_COG, context)
        target = enum_value(self, parameters, self.TARGET_COG, context, cog_options())
        codes = enum_value(self, parameters, self.CODES, context, self.CODE_OPTIONS)
        if source_cog is None and target != KEEP and codes == "commune":
            feedback.pushInfo(
                self.tr(
                    "No COG vintage given for the codes: they are not moved (set it to move them to COG {target})."
                ).format(target=target)
            )
        move = source_cog is not None and target != KEEP and codes == "commune"
        table = od.from_columns(
            columns[self.ORIGIN_FIELD],
            columns[self.DESTINATION_FIELD],
            columns[self.FLOW_FIELD],
            name,
            records,
            mode=columns.get(self.MODE_FIELD),
            category=columns.get(self.CATEGORY_FIELD),
            period=columns.get(self.PERIOD_FIELD),
            codes=codes,
            arrondissements=enum_value(self, parameters, self.ARRONDISSEMENTS, context, self.ARRONDISSEMENT_OPTIONS),
            source_cog=source_cog if move else None,
            target_cog=int(target) if move else None,
            territory=self.parameterAsString(parameters, self.TERRITORY, context),
            intra=self.parameterAsBoolean(parameters, self.INTRA, context),
        )
        self.check_canceled(feedback)
        table.messages.append(
            self.tr("{layer}: {rows} rows read, flow {flow:.1f}.").format(
                layer=name, rows=source.featureCount(), flow=table.flow_in
            )
        )
        log_import(self, feedback, table)
        title = self.tr("OD table {name}").format(name=name)
        results = {
            self.OUTPUT: write_od_table(
                self, parameters, self.OUTPUT, context, feedback, table, title, progress_from=60.0
            )
        }
        report = write_report(
            self, parameters, self.REPORT, context, table, self.tr("OD import report {name}").format(name=name)
        )
        if report is not None:
            results[self.REPORT] = report
        return results


PROVENANCE = ("source", "licence", "retrieved_at")
