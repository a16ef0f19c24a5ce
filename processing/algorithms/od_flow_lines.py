"""territorial:od_flow_lines — OD flows + zones → straight flow lines between zone points.

Also holds the zone reading and reporting shared with ``commune_flow_indicators``.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterEnum,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant
from shapely import wkb

from ...providers.errors import DataError
from ...providers.i18n import translate
from ..engine import flowlines
from . import _od_input
from ._od_input import code_text, code_text_raw, read_od_table, zone_code_field
from .base import TerritorialAlgorithm, cancel_check, enum_value, provenance_fields, provenance_values


@dataclass
class Zones:
    """The zones layer read for flow algorithms (geometries in a projected CRS, metres)."""

    name: str
    field: str
    codes: List[Optional[str]]  # one per feature, in feature order
    feature_ids: List[int]
    crs: QgsCoordinateReferenceSystem
    projected: QgsCoordinateReferenceSystem
    points: flowlines.ZonePoints
    records: List[Dict] = field(default_factory=list)
    null_codes: int = 0

    def codes_with_points(self) -> List[str]:
        return list(self.points.frame.index)

    def all_codes(self) -> List[str]:
        seen, out = set(), []
        for code in self.codes:
            if code is not None and code not in seen:
                seen.add(code)
                out.append(code)
        return out


def add_zone_parameters(alg, zones_param="ZONES", field_param="ZONE_ID_FIELD"):
    alg.addParameter(
        QgsProcessingParameterFeatureSource(
            zones_param,
            translate("FlowZones", "Zones (polygons or points)"),
            [QgsProcessing.TypeVectorPolygon, QgsProcessing.TypeVectorPoint],
        )
    )
    alg.addParameter(
        QgsProcessingParameterField(
            field_param,
            translate("FlowZones", "Zone code field"),
            defaultValue="code",
            parentLayerParameterName=zones_param,
            optional=True,
        )
    )


def read_zones(alg, parameters, context, feedback, zones_param="ZONES", field_param="ZONE_ID_FIELD") -> Zones:
    """Codes and projected representative points of the zones; duplicates, empty geometries and
    NULL codes are reported."""
    source = alg.parameterAsSource(parameters, zones_param, context)
    if source is None:
        raise QgsProcessingException(alg.invalidSourceError(parameters, zones_param))
    name = source.sourceName() or zones_param
    names = [f.name() for f in source.fields()]
    code_field = zone_code_field(source, alg.parameterAsString(parameters, field_param, context), feedback, zones_param)
    crs = source.sourceCrs()
    if not crs.isValid():
        raise QgsProcessingException(
            translate(
                "FlowZones",
                "The zones layer '{layer}' has no coordinate reference system: set its CRS (layer properties) and "
                "run again.",
            ).format(layer=name)
        )
    provenance = [n for n in ("source", "licence", "retrieved_at") if n in names]
    request = QgsFeatureRequest().setSubsetOfAttributes([code_field] + provenance, source.fields())
    code_index = names.index(code_field)
    prov_index = [names.index(n) for n in provenance]
    codes, geometries, fids, triples, centres = [], [], [], set(), []
    null_codes = 0
    total = source.featureCount() or 1
    for count, feature in enumerate(source.getFeatures(request)):
        if count % 500 == 0:
            alg.check_canceled(feedback)
            feedback.setProgress(20 + 10 * count / total)
        code = code_text(feature.attributes()[code_index])
        if code is None:
            null_codes += 1
        geometry = feature.geometry()
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            geometry = None
        else:
            geometry = QgsGeometry(geometry)
            centres.append(geometry.boundingBox().center())
        codes.append(code)
        geometries.append(geometry)
        fids.append(feature.id())
        if prov_index:
            values = [code_text_raw(feature.attributes()[i]) for i in prov_index]
            record = dict(zip(provenance, values))
            if record.get("source"):
                triples.add((record.get("source", ""), record.get("licence", ""), record.get("retrieved_at", "")))
    if not centres:
        raise QgsProcessingException(
            translate("FlowZones", "The zones layer '{layer}' has no feature with a geometry.").format(layer=name)
        )
    # the projected CRS that suits most zones (the median zone: a layer of France with its overseas
    # départements is measured in Lambert-93, and the zones outside its area are reported)
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    to_wgs = QgsCoordinateTransform(crs, wgs84, context.transformContext())
    median = QgsPointXY(
        sorted(c.x() for c in centres)[len(centres) // 2], sorted(c.y() for c in centres)[len(centres) // 2]
    )
    try:
        centre = to_wgs.transform(median)
    except Exception as exc:  # QgsCsException
        raise QgsProcessingException(
            translate("FlowZones", "Cannot locate the zones layer '{layer}' on the globe: {error}").format(
                layer=name, error=exc
            )
        )
    projected = QgsCoordinateReferenceSystem(flowlines.projected_crs_for(centre.x(), centre.y()))
    to_projected = QgsCoordinateTransform(crs, projected, context.transformContext())
    area = projected.bounds()  # area of use, in degrees
    outside = []
    geoms = []
    for count, (code, geometry) in enumerate(zip(codes, geometries)):
        if count % 500 == 0:
            alg.check_canceled(feedback)
            feedback.setProgress(30 + 10 * count / total)
        if geometry is None:
            geoms.append(None)
            continue
        try:
            if not area.isEmpty() and not area.contains(to_wgs.transform(geometry.boundingBox().center())):
                outside.append(code or "")
            geometry.transform(to_projected)
        except Exception as exc:
            raise QgsProcessingException(
                translate("FlowZones", "Cannot project zone '{code}' to {crs}: {error}").format(
                    code=code, crs=projected.authid(), error=exc
                )
            )
        geoms.append(wkb.loads(bytes(geometry.asWkb())))
    if outside:
        feedback.pushWarning(
            translate(
                "FlowZones",
                "Zones outside the area of {crs}, with approximate distances: {count} ({codes}). "
                "Run overseas territories separately.",
            ).format(count=len(outside), crs=projected.authid(), codes=sample_list(outside))
        )
    if not codes:
        raise QgsProcessingException(
            translate("FlowZones", "The zones layer '{layer}' has no feature.").format(layer=name)
        )
    try:
        points = flowlines.representative_points(codes, geoms, cancel=cancel_check(feedback))
    except DataError as exc:
        raise QgsProcessingException(str(exc))
    zones = Zones(name, code_field, codes, fids, crs, projected, points, null_codes=null_codes)
    zones.records = [
        {
            "dataset": "",
            "title": s,
            "producer": s,
            "licence": lic,
            "attribution": s,
            "vintage": "",
            "url": "",
            "retrieved_at": when,
            "sha256": "",
        }
        for s, lic, when in sorted(triples)
    ]
    if null_codes:
        feedback.pushWarning(
            translate("FlowZones", "{count} zones have no code in '{field}' and are left out.").format(
                count=null_codes, field=code_field
            )
        )
    if points.duplicates:
        feedback.pushWarning(
            translate(
                "FlowZones", "{count} zone codes are carried by several features, merged into one zone each: {codes}."
            ).format(count=len(points.duplicates), codes=sample_list(points.duplicates))
        )
    if points.empty:
        feedback.pushWarning(
            translate(
                "FlowZones",
                "{count} zones have no geometry ({codes}): their flows cannot be placed and are reported as missing.",
            ).format(count=len(points.empty), codes=sample_list(points.empty))
        )
    counts = points.frame["method"].value_counts()
    if counts.get("point_on_surface", 0):
        feedback.pushInfo(
            translate(
                "FlowZones",
                "{count} zones have their centroid outside their shape: a point on the surface is used instead.",
            ).format(count=int(counts["point_on_surface"]))
        )
    feedback.pushInfo(
        translate("FlowZones", "{count} zones read from '{layer}'; distances measured in {crs}.").format(
            count=len(points.frame), layer=name, crs=projected.authid()
        )
    )
    return zones


def sample_list(codes, limit=10):
    codes = list(codes)
    text = ", ".join(codes[:limit])
    return text + (" …" if len(codes) > limit else "")


def number(value):
    return f"{value:,.0f}".replace(",", " ") if abs(value) >= 100 else f"{value:.3g}"


def report_matching(prepared, feedback, missing, total_flow):
    """Log how flow codes were joined to zone codes, and every flow left without a zone."""
    match = prepared.match
    if match.padded:
        first = next(iter(match.padded.items()))
        feedback.pushWarning(
            translate(
                "FlowZones",
                "{count} flow codes joined a zone once their leading zeros were restored or removed (e.g. {old} → "
                "{new}).",
            ).format(count=len(match.padded), old=first[0], new=first[1])
        )
    if match.arrondissements:
        first = next(iter(match.arrondissements.items()))
        feedback.pushInfo(
            translate(
                "FlowZones",
                "{count} Paris, Lyon or Marseille arrondissement codes joined their commune (e.g. {old} → {new}).",
            ).format(count=len(match.arrondissements), old=first[0], new=first[1])
        )
    if len(missing):
        lost = float(prepared.frame.loc[~prepared.known, "flow"].sum())
        details = ", ".join(f"{row.code} ({number(row.flow)})" for row in missing.head(10).itertuples())
        feedback.pushWarning(
            translate(
                "FlowZones",
                "{count} codes are not in the zones: {details}{more}. Their {rows} rows, total flow {flow} "
                "({share:.1%} of all flows), are listed in the missing-zones table. Check the zone code field, or move "
                "the flow codes to the zones' COG vintage (territorial:import_mobpro does it).",
            ).format(
                count=len(missing),
                details=details,
                more=" …" if len(missing) > 10 else "",
                rows=int((~prepared.known).sum()),
                flow=number(lost),
                share=lost / total_flow if total_flow else 0.0,
            )
        )


def provenance_for(records):
    """The provenance field values for features made from ``records`` (joined when several)."""
    if not records:
        return ["", "", ""]
    values = [provenance_values(r) for r in records]
    return ["; ".join(dict.fromkeys(v[i] for v in values if v[i])) for i in range(3)]


def write_missing(alg, parameters, name, context, missing, records):
    fields = QgsFields()
    fields.append(QgsField("code", QVariant.String))
    for col in ("flow", "flow_as_origin", "flow_as_destination"):
        fields.append(QgsField(col, QVariant.Double))
    fields.append(QgsField("rows", QVariant.Int))
    fields.append(QgsField("reason", QVariant.String))
    for f in provenance_fields():
        fields.append(f)
    sink, dest_id = alg.create_sink(
        parameters, name, context, fields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem()
    )
    provenance = provenance_for(records)
    for row in missing.itertuples(index=False):
        feature = QgsFeature(fields)
        feature.setAttributes(
            [
                row.code,
                float(row.flow),
                float(row.flow_as_origin),
                float(row.flow_as_destination),
                int(row.rows),
                row.reason,
            ]
            + provenance
        )
        sink.addFeature(feature)
    return dest_id


class OdFlowLines(TerritorialAlgorithm):
    ALGORITHM_ID = "od_flow_lines"
    GROUP_ID = "flows"
    DATASETS = ()

    ZONES = "ZONES"
    ZONE_ID_FIELD = "ZONE_ID_FIELD"
    MIN_FLOW = "MIN_FLOW"
    TOP_N = "TOP_N"
    DIRECTION = "DIRECTION"
    OUTPUT = "OUTPUT"
    INTRA = "INTRA"
    MISSING = "MISSING"

    DIRECTIONS = list(flowlines.DIRECTIONS)

    def displayName(self):
        return self.tr("Flow lines between zones")

    def shortDescription(self):
        return self.tr("OD flows as straight lines between zone centres: thresholds, top N, gross, net or two-way.")

    def initAlgorithm(self, config=None):
        _od_input.add_od_parameters(self)
        add_zone_parameters(self, self.ZONES, self.ZONE_ID_FIELD)
        direction = QgsProcessingParameterEnum(
            self.DIRECTION,
            self.tr("Direction"),
            options=self.DIRECTIONS,
            defaultValue="gross",
        )
        direction.setUsesStaticStrings(True)
        direction.setHelp(
            self.tr(
                "gross: one line per direction; net: one line carrying the difference; "
                "two_way: one line carrying the sum of both directions."
            )
        )
        self.addParameter(direction)
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_FLOW,
                self.tr("Minimum flow of a line"),
                QgsProcessingParameterNumber.Double,
                defaultValue=0.0,
                minValue=0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.TOP_N,
                self.tr("Keep the largest N lines (0: all)"),
                QgsProcessingParameterNumber.Integer,
                defaultValue=0,
                minValue=0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Flow lines"), QgsProcessing.TypeVectorLine)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.INTRA,
                self.tr("Flows within a zone (points)"),
                QgsProcessing.TypeVectorPoint,
                optional=True,
                createByDefault=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.MISSING,
                self.tr("Codes missing from the zones"),
                QgsProcessing.TypeVector,
                optional=True,
                createByDefault=True,
            )
        )

    def process(self, parameters, context, feedback):
        direction = enum_value(self, parameters, self.DIRECTION, context, self.DIRECTIONS)
        min_flow = self.parameterAsDouble(parameters, self.MIN_FLOW, context)
        top_n = self.parameterAsInt(parameters, self.TOP_N, context)
        flows = read_od_table(self, parameters, context, feedback)
        if flows.empty:
            raise QgsProcessingException(
                self.tr("The flows table '{layer}' has no row.").format(layer=flows.attrs.get("name", ""))
            )
        self.check_canceled(feedback)
        zones = read_zones(self, parameters, context, feedback, self.ZONES, self.ZONE_ID_FIELD)
        self.check_canceled(feedback)

        prepared = flowlines.prepare_flows(flows, zones.codes_with_points())
        missing = flowlines.missing_table(prepared, zones.points.empty)
        lines, report = flowlines.flow_lines(prepared, zones.points, direction, min_flow, top_n)
        intra = flowlines.intra_flows(prepared, zones.points)
        feedback.setProgress(50)
        self.check_canceled(feedback)
        report_matching(prepared, feedback, missing, report.total_flow)
        pairs = len(prepared.frame.drop_duplicates(["origin", "destination"]))
        if pairs < len(prepared.frame):
            feedback.pushInfo(
                self.tr(
                    "{rows} rows for {pairs} origin–destination pairs: the rows of a pair (modes, categories, periods) "
                    "are summed."
                ).format(rows=len(prepared.frame), pairs=pairs)
            )
        if report.balanced_pairs:
            feedback.pushInfo(
                self.tr("{count} zone pairs have the same flow both ways: no net line.").format(
                    count=report.balanced_pairs
                )
            )
        if report.below_min:
            feedback.pushInfo(
                self.tr("Lines left out below the minimum flow {minimum}: {count} (total flow {flow}).").format(
                    count=report.below_min, minimum=min_flow, flow=number(report.below_min_flow)
                )
            )
        if report.beyond_top:
            feedback.pushInfo(
                self.tr("Smaller lines left out beyond the largest {top}: {count} (total flow {flow}).").format(
                    count=report.beyond_top, top=top_n, flow=number(report.beyond_top_flow)
                )
            )
        if report.intra_flow:
            feedback.pushInfo(
                self.tr("Flow within zones (no line): {flow} in {count} zones.").format(
                    flow=number(report.intra_flow), count=len(intra)
                )
            )
        if lines.empty:
            feedback.pushWarning(
                self.tr("No flow line: check the thresholds and that flow codes match the zone codes.")
            )

        records = list(flows.attrs.get("records", [])) + zones.records
        provenance = provenance_for(flows.attrs.get("records", []))
        to_output = QgsCoordinateTransform(zones.projected, zones.crs, context.transformContext())

        def out_point(x, y):
            return to_output.transform(QgsPointXY(float(x), float(y)))

        fields = QgsFields()
        fields.append(QgsField("origin", QVariant.String))
        fields.append(QgsField("destination", QVariant.String))
        for name in ("flow", "flow_forward", "flow_backward", "share", "distance_km"):
            fields.append(QgsField(name, QVariant.Double))
        fields.append(QgsField("rank", QVariant.Int))
        fields.append(QgsField("direction", QVariant.String))
        for f in provenance_fields():
            fields.append(f)
        sink, dest_id = self.create_sink(parameters, self.OUTPUT, context, fields, QgsWkbTypes.LineString, zones.crs)
        placed = {
            code: out_point(x, y)
            for code, x, y in zip(zones.points.frame.index, zones.points.frame["x"], zones.points.frame["y"])
        }
        total = max(1, len(lines))
        batch = []
        for i, row in enumerate(lines.itertuples(index=False)):
            feature = QgsFeature(fields)
            feature.setGeometry(QgsGeometry.fromPolylineXY([placed[row.origin], placed[row.destination]]))
            feature.setAttributes(
                [
                    row.origin,
                    row.destination,
                    float(row.flow),
                    float(row.flow_forward),
                    float(row.flow_backward),
                    float(row.share),
                    float(row.distance_km),
                    int(row.rank),
                    direction,
                ]
                + provenance
            )
            batch.append(feature)
            if len(batch) >= 5000:
                sink.addFeatures(batch, QgsFeatureSink.FastInsert)
                batch = []
                self.check_canceled(feedback)
                feedback.setProgress(50 + 40 * i / total)
        sink.addFeatures(batch, QgsFeatureSink.FastInsert)
        results = {self.OUTPUT: dest_id}
        title = self.tr("Flow lines ({direction}): {flows}").format(
            direction=direction, flows=flows.attrs.get("name", "")
        )
        self.finish_output(dest_id, "flow_lines.qml", records, title=title)

        if parameters.get(self.INTRA) is not None and len(intra):
            intra_fields = QgsFields()
            intra_fields.append(QgsField("code", QVariant.String))
            intra_fields.append(QgsField("flow", QVariant.Double))
            intra_fields.append(QgsField("share", QVariant.Double))
            for f in provenance_fields():
                intra_fields.append(f)
            intra_sink, intra_id = self.create_sink(
                parameters, self.INTRA, context, intra_fields, QgsWkbTypes.Point, zones.crs
            )
            if intra_sink is not None:
                for row in intra.iloc[::-1].itertuples(index=False):  # smallest last: small circles stay visible
                    feature = QgsFeature(intra_fields)
                    feature.setGeometry(QgsGeometry.fromPointXY(placed[row.code]))
                    feature.setAttributes([row.code, float(row.flow), float(row.share)] + provenance)
                    intra_sink.addFeature(feature)
                results[self.INTRA] = intra_id
                self.finish_output(
                    intra_id,
                    "intra_flows.qml",
                    records,
                    title=self.tr("Flows within zones: {flows}").format(flows=flows.attrs.get("name", "")),
                )
        elif not len(intra):
            feedback.pushInfo(self.tr("No flow within a zone: no intra-zone points written."))
        if parameters.get(self.MISSING) is not None and len(missing):
            missing_id = write_missing(self, parameters, self.MISSING, context, missing, flows.attrs.get("records", []))
            results[self.MISSING] = missing_id
            self.finish_output(
                missing_id,
                None,
                flows.attrs.get("records", []),
                title=self.tr("Codes missing from the zones (flow lines): {flows}").format(
                    flows=flows.attrs.get("name", "")
                ),
            )
        feedback.setProgress(100)
        kept_share = report.lines_flow / (report.lines_flow + report.below_min_flow + report.beyond_top_flow or 1.0)
        feedback.pushInfo(
            self.tr("{count} flow lines, total flow {flow} ({share:.1%} of the flow between distinct zones).").format(
                count=report.lines, flow=number(report.lines_flow), share=kept_share
            )
        )
        return results
