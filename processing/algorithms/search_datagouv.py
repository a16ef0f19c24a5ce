"""territorial:search_datagouv — datasets and resources of the data.gouv.fr catalogue, as a table."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFields,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
)

from ...compat import FieldType, ProcessingNumberParameterType, ProcessingSourceType, WkbType, make_field
from ...providers import datagouv
from ..feedback import Steps, cancel_check, progress_callback
from ..outputs.provenance import provenance_fields, provenance_values
from .base import TerritorialAlgorithm

TEXT_COLUMNS = [
    "dataset_id",
    "dataset_title",
    "organization",
    "licence",
    "licence_id",
    "last_update",
    "resource_id",
    "resource_title",
    "format",
]
TAIL_COLUMNS = ["resource_type", "url", "resource_last_modified", "page"]


class SearchDatagouv(TerritorialAlgorithm):
    ALGORITHM_ID = "search_datagouv"
    GROUP_ID = "sources"
    DATASETS = ("datagouv",)

    QUERY = "QUERY"
    ORGANIZATION = "ORGANIZATION"
    TERRITORY = "TERRITORY"
    FORMAT = "FORMAT"
    MAX_RESULTS = "MAX_RESULTS"
    OUTPUT = "OUTPUT"

    def displayName(self):
        return self.tr("Search the data.gouv.fr catalogue")

    def shortDescription(self):
        return self.tr(
            "Datasets and resources of data.gouv.fr matching words, an organisation or a territory, with format, "
            "size, URL, licence and last update."
        )

    def initAlgorithm(self, config=None):
        query = QgsProcessingParameterString(self.QUERY, self.tr("Words to search for"), optional=True)
        query.setHelp(self.tr("Every word must match (title, description, tags), e.g. aménagements cyclables."))
        self.addParameter(query)
        organization = QgsProcessingParameterString(
            self.ORGANIZATION, self.tr("Organisation (identifier, slug or name)"), optional=True
        )
        organization.setHelp(self.tr("Only the datasets of this producer, e.g. montpellier-mediterranee-metropole."))
        self.addParameter(organization)
        territory = QgsProcessingParameterString(self.TERRITORY, self.tr("Territory code"), optional=True)
        territory.setHelp(self.tr("Commune (34172), département (34), EPCI SIREN (243400017) or region:76."))
        self.addParameter(territory)
        file_format = QgsProcessingParameterString(
            self.FORMAT, self.tr("Only datasets with a resource in this format"), optional=True
        )
        file_format.setHelp(self.tr("For example csv, geojson, shp, gpkg."))
        self.addParameter(file_format)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_RESULTS,
                self.tr("Maximum number of datasets"),
                ProcessingNumberParameterType.Integer,
                defaultValue=100,
                minValue=1,
                maxValue=1000,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("data.gouv.fr resources"), ProcessingSourceType.Vector
            )
        )

    def process(self, parameters, context, feedback):
        query = self.parameterAsString(parameters, self.QUERY, context)
        organization = self.parameterAsString(parameters, self.ORGANIZATION, context)
        territory = self.parameterAsString(parameters, self.TERRITORY, context)
        file_format = self.parameterAsString(parameters, self.FORMAT, context)
        max_results = self.parameterAsInt(parameters, self.MAX_RESULTS, context)
        feedback.pushInfo(self.tr("Searching data.gouv.fr for '{query}'…").format(query=query))
        steps = Steps(feedback, 2)
        step = steps.next()
        client = datagouv.DatagouvClient(
            cancel=cancel_check(step), warn=feedback.pushWarning, progress=progress_callback(step)
        )
        result = client.search(query, organization, territory, file_format, max_results)
        for warning in result.warnings:
            feedback.pushWarning(warning)

        fields = QgsFields()
        for name in TEXT_COLUMNS:
            # the dataset's own licence; "licence" is the provenance field (the catalogue's licence)
            fields.append(make_field("dataset_licence" if name == "licence" else name, FieldType.String))
        fields.append(make_field("filesize", FieldType.LongLong))
        for name in TAIL_COLUMNS:
            fields.append(make_field(name, FieldType.String))
        for field in provenance_fields():
            fields.append(field)
        writer = self.create_writer(
            parameters,
            self.OUTPUT,
            context,
            fields,
            WkbType.NoGeometry,
            QgsCoordinateReferenceSystem(),
            steps.next(),
            len(result.frame),
        )
        provenance = provenance_values(result.records[-1])
        for row in result.frame.itertuples(index=False):
            size = row.filesize if row.filesize == row.filesize and row.filesize is not None else None  # NaN -> NULL
            writer.add_row(
                [getattr(row, name) for name in TEXT_COLUMNS]
                + [int(size) if size is not None else None]
                + [getattr(row, name) for name in TAIL_COLUMNS]
                + provenance
            )
        dest_id = writer.close()
        feedback.pushInfo(
            self.tr("{datasets} datasets, {resources} resources (of {total} matching datasets).").format(
                datasets=len(result.datasets), resources=int((result.frame.resource_id != "").sum()), total=result.total
            )
        )
        title = self.tr("data.gouv.fr search: {query}").format(query=query or organization or territory)
        self.finish_output(dest_id, "datagouv_table.qml", result.records, title=title)
        return {self.OUTPUT: dest_id}
