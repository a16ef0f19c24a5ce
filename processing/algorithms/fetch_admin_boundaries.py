"""territorial:fetch_admin_boundaries — communes, EPCI, départements or régions with population."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ...providers import geo_api
from .base import (
    TerritorialAlgorithm,
    cancel_check,
    enum_value,
    provenance_fields,
    provenance_values,
    qgs_geometry,
)


class FetchAdminBoundaries(TerritorialAlgorithm):
    ALGORITHM_ID = "fetch_admin_boundaries"
    GROUP_ID = "sources"
    DATASETS = ("geo_api",)

    LEVEL = "LEVEL"
    CODE = "CODE"
    PARENT_LEVEL = "PARENT_LEVEL"
    OUTPUT = "OUTPUT"

    PARENT_OPTIONS = ["", "departement", "epci", "region"]

    def displayName(self):
        return self.tr("Fetch administrative boundaries")

    def shortDescription(self):
        return self.tr("Communes, EPCI, départements or régions of a territory, with population (geo.api.gouv.fr).")

    def initAlgorithm(self, config=None):
        level = QgsProcessingParameterEnum(
            self.LEVEL,
            self.tr("Level"),
            options=list(geo_api.LEVELS),
            defaultValue="commune",
        )
        level.setUsesStaticStrings(True)
        level.setHelp(self.tr("What to fetch: commune, epci, departement or region."))
        self.addParameter(level)
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
        parent = QgsProcessingParameterEnum(
            self.PARENT_LEVEL,
            self.tr("The code is a (empty: guess from the code)"),
            options=self.PARENT_OPTIONS,
            optional=True,
            defaultValue="",
        )
        parent.setUsesStaticStrings(True)
        parent.setHelp(
            self.tr("9 digits are read as an EPCI and 2 or 3 characters as a département; a region must be named.")
        )
        self.addParameter(parent)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Administrative boundaries"), QgsProcessing.TypeVectorPolygon
            )
        )

    def process(self, parameters, context, feedback):
        level = enum_value(self, parameters, self.LEVEL, context, list(geo_api.LEVELS))
        code = self.parameterAsString(parameters, self.CODE, context)
        parent = self.parameterAsEnumString(parameters, self.PARENT_LEVEL, context) or None
        feedback.pushInfo(
            self.tr("Fetching {level} boundaries for '{code}'…").format(level=level, code=code or "France")
        )
        result = geo_api.fetch_boundaries(
            level,
            code,
            parent,
            cancel=cancel_check(feedback),
            warn=feedback.pushWarning,
            progress=feedback.setProgress,
        )
        self.check_canceled(feedback)
        frame, records = result.frame, result.records
        fields = QgsFields()
        for name in ("code", "nom", "code_epci", "code_departement", "code_region"):
            fields.append(QgsField(name, QVariant.String))
        fields.append(QgsField("population", QVariant.LongLong))
        for field in provenance_fields():
            fields.append(field)
        sink, dest_id = self.create_sink(
            parameters,
            self.OUTPUT,
            context,
            fields,
            QgsWkbTypes.MultiPolygon,
            QgsCoordinateReferenceSystem("EPSG:4326"),
        )
        provenance = provenance_values(records[-1]) if records else ["", "", ""]
        for row in frame.itertuples(index=False):
            feature = QgsFeature(fields)
            geometry = qgs_geometry(row.geometry)
            if not geometry.isNull():
                geometry.convertToMultiType()
            feature.setGeometry(geometry)
            feature.setAttributes(
                [row.code, row.nom, row.code_epci, row.code_departement, row.code_region, int(row.population)]
                + provenance
            )
            sink.addFeature(feature)
        total_population = int(frame["population"].sum())
        feedback.pushInfo(
            self.tr("{count} {level} boundaries, population {population}.").format(
                count=len(frame), level=level, population=total_population
            )
        )
        title = self.tr("Administrative boundaries: {level} {code}").format(level=level, code=code or "France")
        self.finish_output(dest_id, "admin_boundaries.qml", records, title=title)
        return {self.OUTPUT: dest_id}
