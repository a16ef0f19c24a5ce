"""territorial:import_mobpro — INSEE home-work flows (detail file, base flux, by-mode table) -> OD table."""

from qgis.core import (
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...compat import ProcessingFileParameterBehavior, ProcessingNumberParameterType, ProcessingSourceType
from ...providers import mobpro
from ..feedback import Steps, cancel_check, progress_callback
from ..outputs.tables import log_import, write_od_table, write_report
from ..parameters import KEEP, add_arrondissement_choice, add_cog_choice, choice, optional_int
from .base import TerritorialAlgorithm


class ImportMobpro(TerritorialAlgorithm):
    ALGORITHM_ID = "import_mobpro"
    GROUP_ID = "flows"
    DATASETS = ("mobpro", "cog")

    INPUT = "INPUT"
    MODES = "MODES"
    ARRONDISSEMENTS = "ARRONDISSEMENTS"
    TARGET_COG = "TARGET_COG"
    SOURCE_COG = "SOURCE_COG"
    TERRITORY = "TERRITORY"
    INTRA = "INTRA"
    OUTPUT = "OUTPUT"
    REPORT = "REPORT"

    def displayName(self):
        return self.tr("Import INSEE home-work flows (MOBPRO)")

    def shortDescription(self):
        return self.tr(
            "INSEE MOBPRO detail file, base flux or by-mode table → OD table with codes moved to one COG "
            "vintage, weighted by IPONDI, with a report of every code moved or flow dropped."
        )

    def initAlgorithm(self, config=None):
        source = QgsProcessingParameterFile(
            self.INPUT,
            self.tr("MOBPRO file (CSV, TXT or ZIP)"),
            behavior=ProcessingFileParameterBehavior.File,
            fileFilter=self.tr("MOBPRO files (*.csv *.txt *.zip *.CSV *.TXT *.ZIP);;All files (*.*)"),
        )
        source.setHelp(
            self.tr(
                "FD_MOBPRO_<year> detail file, base flux (NBFLUX_C<yy>_ACTOCC15P) or a by-mode table "
                "(ORI, DES, MODE, FLOW); the layout is read from the header."
            )
        )
        self.addParameter(source)
        modes = QgsProcessingParameterString(self.MODES, self.tr("Modes to keep (empty: all)"), optional=True)
        modes.setHelp(
            self.tr(
                "TRANS codes (1-6), the file's mode codes (VP, TC, NM, DOMICILE) or names (car, transit, "
                "bike, walk...), separated by commas."
            )
        )
        self.addParameter(modes)
        add_arrondissement_choice(self, self.ARRONDISSEMENTS)
        add_cog_choice(self, self.TARGET_COG)
        source_cog = QgsProcessingParameterNumber(
            self.SOURCE_COG,
            self.tr("COG vintage of the file's codes (empty: census year + 2)"),
            type=ProcessingNumberParameterType.Integer,
            optional=True,
            minValue=1968,
            maxValue=2100,
        )
        source_cog.setHelp(
            self.tr(
                "Census RPyyyy files use the COG of yyyy+2 (RP2014: 2016). Needed when neither the "
                "file name nor its columns give the census year."
            )
        )
        self.addParameter(source_cog)
        territory = QgsProcessingParameterString(
            self.TERRITORY, self.tr("Territory (empty: everything)"), optional=True
        )
        territory.setHelp(
            self.tr(
                "Départements and/or communes separated by commas (e.g. 95, 78646): flows with at "
                "least one end in them are kept."
            )
        )
        self.addParameter(territory)
        self.addParameter(
            QgsProcessingParameterBoolean(self.INTRA, self.tr("Keep flows within a commune"), defaultValue=True)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("OD table"), ProcessingSourceType.Vector)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.REPORT, self.tr("Import report"), ProcessingSourceType.Vector, optional=True, createByDefault=True
            )
        )

    def process(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, self.INPUT, context)
        target = choice(self, parameters, self.TARGET_COG, context)
        arrondissements = choice(self, parameters, self.ARRONDISSEMENTS, context)
        steps = Steps(feedback, 3)
        step = steps.next()
        step.pushInfo(self.tr("Reading {file}…").format(file=path))
        table = mobpro.import_mobpro(
            path,
            modes=self.parameterAsString(parameters, self.MODES, context),
            arrondissements=arrondissements,
            target_cog=None if target == KEEP else int(target),
            source_cog=optional_int(self, parameters, self.SOURCE_COG, context),
            territory=self.parameterAsString(parameters, self.TERRITORY, context),
            intra=self.parameterAsBoolean(parameters, self.INTRA, context),
            cancel=cancel_check(step),
            progress=progress_callback(step),
            warn=feedback.pushWarning,
        )
        if table.source_cog and table.target_cog:
            feedback.pushInfo(
                self.tr("Commune codes moved from COG {source} to COG {target}.").format(
                    source=table.source_cog, target=table.target_cog
                )
            )
        log_import(feedback, table)
        title = self.tr("MOBPRO flows {vintage}").format(vintage=table.vintage or table.name)
        results = {self.OUTPUT: write_od_table(self, parameters, self.OUTPUT, context, steps.next(), table, title)}
        steps.next()
        report = write_report(
            self,
            parameters,
            self.REPORT,
            context,
            table,
            self.tr("MOBPRO import report {vintage}").format(vintage=table.vintage or table.name),
        )
        if report is not None:
            results[self.REPORT] = report
        steps.done()
        return results
