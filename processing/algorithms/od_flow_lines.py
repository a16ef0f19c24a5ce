"""territorial:od_flow_lines — OD flows + zones → straight flow lines between zone points."""

from qgis.core import (
    QgsCoordinateTransform,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
)

from ...compat import FieldType, ProcessingSourceType, WkbType, make_field
from ..engine import flowlines
from ..feedback import Steps
from ..inputs.flows import add_od_parameters, read_od_table
from ..inputs.zones import add_zone_parameters, read_zones
from ..outputs.provenance import merge_records, provenance_fields, provenance_for
from ..outputs.tables import number_text, report_matching, write_missing
from ..parameters import add_choice, add_number, choice
from .base import TerritorialAlgorithm


class OdFlowLines(TerritorialAlgorithm):
    ALGORITHM_ID = "od_flow_lines"
    GROUP_ID = "flows"
    DATASETS = ()

    MIN_FLOW = "MIN_FLOW"
    TOP_N = "TOP_N"
    DIRECTION = "DIRECTION"
    OUTPUT = "OUTPUT"
    INTRA = "INTRA"
    MISSING = "MISSING"

    def direction_labels(self):
        return {
            "gross": self.tr("gross (one line per direction)"),
            "net": self.tr("net (the difference of both directions)"),
            "two_way": self.tr("two-way (the sum of both directions)"),
        }

    def displayName(self):
        return self.tr("Flow lines between zones")

    def shortDescription(self):
        return self.tr("OD flows as straight lines between zone centres: thresholds, top N, gross, net or two-way.")

    def initAlgorithm(self, config=None):
        add_od_parameters(self)
        add_zone_parameters(self)
        labels = self.direction_labels()
        add_choice(
            self,
            self.DIRECTION,
            self.tr("Direction"),
            [(key, labels[key]) for key in flowlines.DIRECTIONS],
            default="gross",
            help_text=self.tr(
                "gross: one line per direction; net: one line carrying the difference; two_way: one line carrying "
                "the sum of both directions. Command line: DIRECTION=gross, net or two_way."
            ),
        )
        add_number(self, self.MIN_FLOW, self.tr("Minimum flow of a line"), 0.0, decimals=0, minimum=0.0)
        add_number(self, self.TOP_N, self.tr("Keep the largest N lines (0: all)"), 0, integer=True, minimum=0)
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Flow lines"), ProcessingSourceType.VectorLine)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.INTRA,
                self.tr("Flows within a zone (points)"),
                ProcessingSourceType.VectorPoint,
                optional=True,
                createByDefault=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.MISSING,
                self.tr("Codes missing from the zones"),
                ProcessingSourceType.Vector,
                optional=True,
                createByDefault=True,
            )
        )

    def process(self, parameters, context, feedback):
        direction = choice(self, parameters, self.DIRECTION, context)
        min_flow = self.parameterAsDouble(parameters, self.MIN_FLOW, context)
        top_n = self.parameterAsInt(parameters, self.TOP_N, context)
        steps = Steps(feedback, 5)
        flows = read_od_table(self, parameters, context, steps.next())
        if flows.empty:
            raise QgsProcessingException(
                self.tr("The flows table '{layer}' has no row.").format(layer=flows.attrs.get("name", ""))
            )
        zones = read_zones(self, parameters, context, steps.next())
        steps.next()
        prepared = flowlines.prepare_flows(flows, zones.codes_with_points())
        missing = flowlines.missing_table(prepared, zones.points.empty)
        lines, report = flowlines.flow_lines(prepared, zones.points, direction, min_flow, top_n)
        intra = flowlines.intra_flows(prepared, zones.points)
        self._report(feedback, prepared, missing, report, intra, min_flow, top_n, lines)

        flow_records = flows.attrs.get("records", [])
        records = merge_records(flow_records, zones.records)
        provenance = provenance_for(flow_records)
        to_output = QgsCoordinateTransform(zones.projected, zones.crs, context.transformContext())
        frame = zones.points.frame
        placed = {
            code: to_output.transform(QgsPointXY(float(x), float(y)))
            for code, x, y in zip(frame.index, frame["x"], frame["y"])
        }
        fields = QgsFields()
        fields.append(make_field("origin", FieldType.String))
        fields.append(make_field("destination", FieldType.String))
        for name in ("flow", "flow_forward", "flow_backward", "share", "distance_km"):
            fields.append(make_field(name, FieldType.Double))
        fields.append(make_field("rank", FieldType.Int))
        fields.append(make_field("direction", FieldType.String))
        for f in provenance_fields():
            fields.append(f)
        writer = self.create_writer(
            parameters, self.OUTPUT, context, fields, WkbType.LineString, zones.crs, steps.next(), len(lines)
        )
        for row in lines.itertuples(index=False):
            writer.add_row(
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
                + provenance,
                QgsGeometry.fromPolylineXY([placed[row.origin], placed[row.destination]]),
            )
        dest_id = writer.close()
        results = {self.OUTPUT: dest_id}
        name = flows.attrs.get("name", "")
        title = self.tr("Flow lines ({direction}): {flows}").format(
            direction=self.direction_labels()[direction].split(" (")[0], flows=name
        )
        self.finish_output(dest_id, "flow_lines.qml", records, title=title)

        step = steps.next()
        if parameters.get(self.INTRA) is not None and len(intra):
            intra_fields = QgsFields()
            intra_fields.append(make_field("code", FieldType.String))
            intra_fields.append(make_field("flow", FieldType.Double))
            intra_fields.append(make_field("share", FieldType.Double))
            for f in provenance_fields():
                intra_fields.append(f)
            writer = self.create_writer(
                parameters, self.INTRA, context, intra_fields, WkbType.Point, zones.crs, step, len(intra)
            )
            for row in intra.iloc[::-1].itertuples(index=False):  # smallest last: small circles stay visible
                writer.add_row(
                    [row.code, float(row.flow), float(row.share)] + provenance,
                    QgsGeometry.fromPointXY(placed[row.code]),
                )
            results[self.INTRA] = writer.close()
            self.finish_output(
                results[self.INTRA],
                "intra_flows.qml",
                records,
                title=self.tr("Flows within zones: {flows}").format(flows=name),
            )
        elif not len(intra):
            feedback.pushInfo(self.tr("No flow within a zone: no intra-zone points written."))
        if parameters.get(self.MISSING) is not None and len(missing):
            results[self.MISSING] = write_missing(
                self,
                parameters,
                self.MISSING,
                context,
                missing,
                flow_records,
                self.tr("Codes missing from the zones (flow lines): {flows}").format(flows=name),
            )
        steps.done()
        kept_share = report.lines_flow / (report.lines_flow + report.below_min_flow + report.beyond_top_flow or 1.0)
        feedback.pushInfo(
            self.tr("{count} flow lines, total flow {flow} ({share:.1%} of the flow between distinct zones).").format(
                count=report.lines, flow=number_text(report.lines_flow), share=kept_share
            )
        )
        return results

    def _report(self, feedback, prepared, missing, report, intra, min_flow, top_n, lines):
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
                    count=report.below_min, minimum=min_flow, flow=number_text(report.below_min_flow)
                )
            )
        if report.beyond_top:
            feedback.pushInfo(
                self.tr("Smaller lines left out beyond the largest {top}: {count} (total flow {flow}).").format(
                    count=report.beyond_top, top=top_n, flow=number_text(report.beyond_top_flow)
                )
            )
        if report.intra_flow:
            feedback.pushInfo(
                self.tr("Flow within zones (no line): {flow} in {count} zones.").format(
                    flow=number_text(report.intra_flow), count=len(intra)
                )
            )
        if lines.empty:
            feedback.pushWarning(
                self.tr("No flow line: check the thresholds and that flow codes match the zone codes.")
            )
