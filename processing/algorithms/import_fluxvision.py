"""territorial:import_fluxvision — Orange Flux Vision exports (presence, OD by period) -> OD table."""

from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ...compat import FeatureRequestFlag, ProcessingFileParameterBehavior, ProcessingSourceType
from ...providers import fluxvision
from ..feedback import CHECK_EVERY, Steps, cancel_check, progress_callback
from ..inputs.values import code_text
from ..inputs.values import text_value as code_text_raw
from ..inputs.zones import zone_code_field
from ..outputs.tables import log_import, write_od_table, write_report
from .base import TerritorialAlgorithm

NAME_ALIASES = ("nom", "name", "libelle", "lib", "nom_zone", "zone", "label")


class ImportFluxVision(TerritorialAlgorithm):
    ALGORITHM_ID = "import_fluxvision"
    GROUP_ID = "flows"
    DATASETS = ("fluxvision",)

    INPUT = "INPUT"
    ZONES = "ZONES"
    ZONE_CODE_FIELD = "ZONE_CODE_FIELD"
    ZONE_NAME_FIELD = "ZONE_NAME_FIELD"
    ORIGIN_COLUMN = "ORIGIN_COLUMN"
    DESTINATION_COLUMN = "DESTINATION_COLUMN"
    FLOW_COLUMN = "FLOW_COLUMN"
    PERIOD_COLUMN = "PERIOD_COLUMN"
    CATEGORY_COLUMN = "CATEGORY_COLUMN"
    OUTPUT = "OUTPUT"
    REPORT = "REPORT"

    def displayName(self):
        return self.tr("Import Orange Flux Vision export")

    def shortDescription(self):
        return self.tr(
            "Flux Vision presence or OD exports → OD table, zones matched to codes, suppressed values kept as missing."
        )

    def initAlgorithm(self, config=None):
        source = QgsProcessingParameterFile(
            self.INPUT,
            self.tr("Flux Vision export (CSV, TXT or ZIP)"),
            behavior=ProcessingFileParameterBehavior.File,
            fileFilter=self.tr("Flux Vision exports (*.csv *.txt *.zip *.CSV *.TXT *.ZIP);;All files (*.*)"),
        )
        self.addParameter(source)
        zones = QgsProcessingParameterFeatureSource(
            self.ZONES, self.tr("Zones to match (optional)"), [ProcessingSourceType.Vector], optional=True
        )
        zones.setHelp(
            self.tr(
                "A layer of the zones named in the export (communes, EPCI...): zone labels are matched "
                "to its codes, by code then by name."
            )
        )
        self.addParameter(zones)
        self.addParameter(
            QgsProcessingParameterField(
                self.ZONE_CODE_FIELD, self.tr("Zone code field"), parentLayerParameterName=self.ZONES, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ZONE_NAME_FIELD, self.tr("Zone name field"), parentLayerParameterName=self.ZONES, optional=True
            )
        )
        for name, label in (
            (self.ORIGIN_COLUMN, self.tr("Origin column (for other layouts)")),
            (self.DESTINATION_COLUMN, self.tr("Destination column (for other layouts)")),
            (self.FLOW_COLUMN, self.tr("Volume column (for other layouts)")),
            (self.PERIOD_COLUMN, self.tr("Period column (optional)")),
            (self.CATEGORY_COLUMN, self.tr("Category column (optional)")),
        ):
            self.addParameter(QgsProcessingParameterString(name, label, optional=True))
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("OD table"), ProcessingSourceType.Vector)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.REPORT, self.tr("Import report"), ProcessingSourceType.Vector, optional=True, createByDefault=True
            )
        )

    def _zones(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, self.ZONES, context)
        if source is None:
            return None, ""
        names = [f.name() for f in source.fields()]
        lower = {n.lower(): n for n in names}
        layer_name = source.sourceName() or self.ZONES

        def pick(param, aliases, required):
            value = self.parameterAsString(parameters, param, context)
            if value:
                return value
            for alias in aliases:
                if alias in lower:
                    return lower[alias]
            if required:
                raise QgsProcessingException(
                    self.tr("Choose the zone code field of '{layer}' (its fields are: {fields}).").format(
                        layer=layer_name, fields=", ".join(names)
                    )
                )
            return None

        code_field = zone_code_field(
            source, self.parameterAsString(parameters, self.ZONE_CODE_FIELD, context), feedback, self.ZONES
        )
        name_field = pick(self.ZONE_NAME_FIELD, NAME_ALIASES, False)
        feedback.pushInfo(
            self.tr("Zones of '{layer}': code {code}, name {name}.").format(
                layer=layer_name, code=code_field, name=name_field or "—"
            )
        )
        wanted = [code_field] + ([name_field] if name_field else [])
        request = QgsFeatureRequest().setFlags(FeatureRequestFlag.NoGeometry)
        request.setSubsetOfAttributes(wanted, source.fields())
        zones = []
        for count, feature in enumerate(source.getFeatures(request)):
            if count % CHECK_EVERY == 0:
                self.check_canceled(feedback)
            code = code_text(feature[code_field])
            if code:
                zones.append((code, code_text_raw(feature[name_field]) if name_field else ""))
        return zones, layer_name

    def process(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, self.INPUT, context)
        steps = Steps(feedback, 4)
        zones, layer_name = self._zones(parameters, context, steps.next())
        mapping = fluxvision.Mapping(
            origin=self.parameterAsString(parameters, self.ORIGIN_COLUMN, context),
            destination=self.parameterAsString(parameters, self.DESTINATION_COLUMN, context),
            flow=self.parameterAsString(parameters, self.FLOW_COLUMN, context),
            period=self.parameterAsString(parameters, self.PERIOD_COLUMN, context),
            category=self.parameterAsString(parameters, self.CATEGORY_COLUMN, context),
        )
        step = steps.next()
        step.pushInfo(self.tr("Reading {file}…").format(file=path))
        table = fluxvision.import_fluxvision(
            path,
            zones=zones,
            zones_name=layer_name,
            mapping=mapping,
            cancel=cancel_check(step),
            progress=progress_callback(step),
            warn=feedback.pushWarning,
        )
        unmatched = table.report.count("unmatched")
        if unmatched:
            feedback.pushWarning(
                self.tr(
                    "{count} zones or origins were not matched: their flows are left out and listed in the report."
                ).format(count=unmatched)
            )
        log_import(feedback, table)
        title = self.tr("Flux Vision flows {file}").format(file=table.name)
        results = {self.OUTPUT: write_od_table(self, parameters, self.OUTPUT, context, steps.next(), table, title)}
        steps.next()
        report = write_report(
            self,
            parameters,
            self.REPORT,
            context,
            table,
            self.tr("Flux Vision import report {file}").format(file=table.name),
        )
        if report is not None:
            results[self.REPORT] = report
        steps.done()
        return results
