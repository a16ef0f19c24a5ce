"""territorial:fetch_bdtopo_roads — IGN BD TOPO® road segments of a territory or an extent (Géoplateforme WFS)."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterExtent,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterNumber,
    QgsProcessingParameterString,
    QgsWkbTypes,
)

from ...compat import ProcessingNumberParameterType, ProcessingParameterFlag, ProcessingSourceType, WkbType, make_field
from ...providers import bdtopo
from ..feedback import Steps, cancel_check, progress_callback
from ..inputs.extent import extent_from_parameters
from ..outputs.provenance import provenance_fields, provenance_values
from ..outputs.tables import FIELD_TYPES, write_shapely_rows
from .base import TerritorialAlgorithm


class FetchBdtopoRoads(TerritorialAlgorithm):
    ALGORITHM_ID = "fetch_bdtopo_roads"
    GROUP_ID = "sources"
    DATASETS = ("bdtopo", "geo_api")

    CODE = "CODE"
    EXTENT = "EXTENT"
    PAGE_SIZE = "PAGE_SIZE"
    ALLOW_INCOMPLETE = "ALLOW_INCOMPLETE"
    OUTPUT = "OUTPUT"

    def displayName(self):
        return self.tr("Fetch BD TOPO roads (IGN)")

    def shortDescription(self):
        return self.tr(
            "Road segments of IGN BD TOPO for a commune, an EPCI, a département or an extent (Géoplateforme WFS)."
        )

    def initAlgorithm(self, config=None):
        code = QgsProcessingParameterString(
            self.CODE, self.tr("Territory code (commune, EPCI or département)"), optional=True
        )
        code.setHelp(
            self.tr(
                "An INSEE commune code (95127), an EPCI SIREN (249500109) or a département (95). Leave empty to use "
                "the extent."
            )
        )
        self.addParameter(code)
        extent = QgsProcessingParameterExtent(self.EXTENT, self.tr("Or an extent"), optional=True)
        extent.setHelp(self.tr("Used when no territory code is given."))
        self.addParameter(extent)
        page = QgsProcessingParameterNumber(
            self.PAGE_SIZE,
            self.tr("Features per request"),
            ProcessingNumberParameterType.Integer,
            defaultValue=bdtopo.MAX_PAGE,
            minValue=1,
            maxValue=bdtopo.MAX_PAGE,
        )
        page.setFlags(page.flags() | ProcessingParameterFlag.Advanced)
        page.setHelp(
            self.tr("The service gives at most 5000 features per request; smaller pages make more, shorter requests.")
        )
        self.addParameter(page)
        incomplete = QgsProcessingParameterBoolean(
            self.ALLOW_INCOMPLETE, self.tr("Keep an incomplete answer"), defaultValue=False
        )
        incomplete.setFlags(incomplete.flags() | ProcessingParameterFlag.Advanced)
        incomplete.setHelp(
            self.tr(
                "When the service sends fewer segments than it announced, write them anyway (with a warning) instead "
                "of failing."
            )
        )
        self.addParameter(incomplete)
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("BD TOPO roads"), ProcessingSourceType.VectorLine)
        )

    def process(self, parameters, context, feedback):
        code = (self.parameterAsString(parameters, self.CODE, context) or "").strip()
        extent_l93, extent_lonlat = extent_from_parameters(self, parameters, self.EXTENT, context, feedback)
        if code and (extent_l93 or extent_lonlat):
            raise QgsProcessingException(self.tr("Give either a territory code or an extent, not both."))
        if not code and not (extent_l93 or extent_lonlat):
            raise QgsProcessingException(self.tr("Give a territory code (commune, EPCI or département) or an extent."))
        page_size = self.parameterAsInt(parameters, self.PAGE_SIZE, context)
        allow_incomplete = self.parameterAsBool(parameters, self.ALLOW_INCOMPLETE, context)
        steps = Steps(feedback, 2)
        step = steps.next()
        feedback.pushInfo(
            self.tr("Fetching BD TOPO road segments for {where}…").format(where=code or self.tr("the extent"))
        )
        roads, territory = bdtopo.fetch_roads(
            code=code,
            extent_l93=extent_l93,
            extent_lonlat=extent_lonlat,
            page_size=page_size,
            allow_incomplete=allow_incomplete,
            cancel=cancel_check(step),
            warn=feedback.pushWarning,
            progress=progress_callback(step),
        )
        for level, message in bdtopo.summary_lines(roads):
            (feedback.pushWarning if level == "warning" else feedback.pushInfo)(message)

        fields = QgsFields()
        for name, kind in bdtopo.ROAD_FIELDS + bdtopo.DERIVED_FIELDS:
            fields.append(make_field(name, FIELD_TYPES[kind]))
        for field in provenance_fields():
            fields.append(field)
        multi = any(row[-1].geom_type == "MultiLineString" for row in roads.rows)
        wkb_type = WkbType.MultiLineString if multi else WkbType.LineString
        if roads.has_z:
            wkb_type = QgsWkbTypes.addZ(wkb_type)
        writer = self.create_writer(
            parameters,
            self.OUTPUT,
            context,
            fields,
            wkb_type,
            QgsCoordinateReferenceSystem(roads.crs),
            steps.next(),
            len(roads.rows),
        )
        bdtopo_records = [r for r in roads.records if r.get("dataset") == "bdtopo"]
        provenance = provenance_values(bdtopo_records[-1]) if bdtopo_records else ["", "", ""]
        dest_id = write_shapely_rows(writer, roads.rows, provenance, multi)
        total = writer.count
        where = territory.label if territory else self.tr("extent")
        title = self.tr("BD TOPO roads: {where}").format(where=where)
        abstract = self.tr(
            "{count} road segments of BD TOPO (IGN), troncon_de_route, from the Géoplateforme WFS."
        ).format(count=total)
        if not roads.complete:
            abstract += " " + self.tr("Incomplete: the service announced {matched} segments.").format(
                matched=roads.matched
            )
        self.finish_output(dest_id, "bdtopo_roads.qml", roads.records, title=title, abstract=abstract)
        return {self.OUTPUT: dest_id}
