"""territorial:fetch_admin_boundaries — communes, EPCI, départements or régions with population."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFields,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
)

from ...compat import FieldType, ProcessingSourceType, WkbType, make_field
from ...providers import geo_api
from ..feedback import Steps, cancel_check, progress_callback
from ..outputs.geometry import qgs_geometry
from ..outputs.provenance import provenance_fields, provenance_values
from ..parameters import add_choice, choice
from .base import TerritorialAlgorithm


class FetchAdminBoundaries(TerritorialAlgorithm):
    ALGORITHM_ID = "fetch_admin_boundaries"
    GROUP_ID = "sources"
    DATASETS = ("geo_api",)

    LEVEL = "LEVEL"
    CODE = "CODE"
    PARENT_LEVEL = "PARENT_LEVEL"
    OUTPUT = "OUTPUT"

    def level_labels(self):
        return {
            "commune": self.tr("communes"),
            "epci": self.tr("EPCI (intercommunalities)"),
            "departement": self.tr("départements"),
            "region": self.tr("régions"),
        }

    def displayName(self):
        return self.tr("Fetch administrative boundaries")

    def shortDescription(self):
        return self.tr("Communes, EPCI, départements or régions of a territory, with population (geo.api.gouv.fr).")

    def initAlgorithm(self, config=None):
        labels = self.level_labels()
        add_choice(
            self,
            self.LEVEL,
            self.tr("Level"),
            [(key, labels[key]) for key in geo_api.LEVELS],
            default="commune",
            help_text=self.tr("What to fetch. Command line: LEVEL=commune, epci, departement or region."),
        )
        code = QgsProcessingParameterString(
            self.CODE, self.tr("Code of the territory (empty: whole country)"), optional=True
        )
        code.setHelp(
            self.tr(
                "A département (78, 2A, 974), an EPCI SIREN (200054781) or a region (with the parent level set to "
                "region)."
            )
        )
        self.addParameter(code)
        add_choice(
            self,
            self.PARENT_LEVEL,
            self.tr("The code is a (empty: guess from the code)"),
            [
                ("departement", self.tr("département")),
                ("epci", self.tr("EPCI")),
                ("region", self.tr("région")),
            ],
            optional=True,
            help_text=self.tr(
                "9 digits are read as an EPCI and 2 or 3 characters as a département; a region must be named. "
                "Command line: PARENT_LEVEL=departement, epci or region."
            ),
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Administrative boundaries"), ProcessingSourceType.VectorPolygon
            )
        )

    def process(self, parameters, context, feedback):
        level = choice(self, parameters, self.LEVEL, context)
        code = self.parameterAsString(parameters, self.CODE, context)
        parent = choice(self, parameters, self.PARENT_LEVEL, context) if parameters.get(self.PARENT_LEVEL) else None
        label = self.level_labels()[level]
        steps = Steps(feedback, 2)
        step = steps.next()
        feedback.pushInfo(
            self.tr("Fetching {level} boundaries for '{code}'…").format(level=label, code=code or "France")
        )
        result = geo_api.fetch_boundaries(
            level,
            code,
            parent,
            cancel=cancel_check(step),
            warn=feedback.pushWarning,
            progress=progress_callback(step),
        )
        frame, records = result.frame, result.records
        fields = QgsFields()
        for name in ("code", "nom", "code_epci", "code_departement", "code_region"):
            fields.append(make_field(name, FieldType.String))
        fields.append(make_field("population", FieldType.LongLong))
        for field in provenance_fields():
            fields.append(field)
        writer = self.create_writer(
            parameters,
            self.OUTPUT,
            context,
            fields,
            WkbType.MultiPolygon,
            QgsCoordinateReferenceSystem("EPSG:4326"),
            steps.next(),
            len(frame),
        )
        provenance = provenance_values(records[-1]) if records else ["", "", ""]
        for row in frame.itertuples(index=False):
            geometry = qgs_geometry(row.geometry)
            if not geometry.isNull():
                geometry.convertToMultiType()
            writer.add_row(
                [row.code, row.nom, row.code_epci, row.code_departement, row.code_region, int(row.population)]
                + provenance,
                geometry,
            )
        dest_id = writer.close()
        total_population = int(frame["population"].sum())
        feedback.pushInfo(
            self.tr("{count} {level} boundaries, population {population}.").format(
                count=len(frame), level=label, population=total_population
            )
        )
        title = self.tr("Administrative boundaries: {level} {code}").format(level=label, code=code or "France")
        self.finish_output(dest_id, "admin_boundaries.qml", records, title=title)
        return {self.OUTPUT: dest_id}
