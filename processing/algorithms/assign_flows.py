"""territorial:assign_flows — all-or-nothing assignment of OD flows on a line network."""

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
)

from ...compat import FeatureRequestFlag, FieldType, ProcessingSourceType
from ..engine.assign import assign
from ..engine.pairs import classify_pairs, mark_no_path, od_pairs, reason_summary
from ..feedback import Steps, cancel_check, fraction_callback
from ..inputs.flows import MODE_FIELD, MODES, add_mode_filter, add_od_parameters, read_od_table
from ..inputs.network import NETWORK, add_network_parameters, read_network
from ..inputs.zones import MAX_CONNECTOR_DISTANCE, add_zone_parameters, attach_zones, read_zones
from ..outputs.network import write_pieces
from ..outputs.provenance import merge_records
from ..outputs.tables import log_not_routed, log_routing, write_pairs, write_unrouted
from .base import TerritorialAlgorithm


class AssignFlows(TerritorialAlgorithm):
    ALGORITHM_ID = "assign_flows"
    GROUP_ID = "networks"
    DATASETS = ()

    SELECT_SEGMENTS = "SELECT_SEGMENTS"
    OUTPUT = "OUTPUT"
    UNROUTED = "UNROUTED"
    SELECTED_PAIRS = "SELECTED_PAIRS"

    def displayName(self):
        return self.tr("Assign flows to a network")

    def shortDescription(self):
        return self.tr(
            "Puts every OD flow on its shortest path through a line network and sums the flows per segment "
            "(all-or-nothing)."
        )

    def initAlgorithm(self, config=None):
        add_network_parameters(self)
        add_zone_parameters(self, connectors=True)
        add_od_parameters(self, with_mode=True)
        add_mode_filter(self)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.SELECT_SEGMENTS,
                self.tr("Selected segments for a select-link analysis"),
                [ProcessingSourceType.VectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Assigned flows"), ProcessingSourceType.VectorLine)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.UNROUTED,
                self.tr("Flows not assigned"),
                ProcessingSourceType.Vector,
                optional=True,
                createByDefault=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SELECTED_PAIRS,
                self.tr("OD pairs using the selected segments"),
                ProcessingSourceType.Vector,
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputNumber("FLOW_ASSIGNED", self.tr("Flow assigned")))
        self.addOutput(QgsProcessingOutputNumber("FLOW_KM", self.tr("Flow-km assigned")))
        self.addOutput(QgsProcessingOutputNumber("FLOW_NOT_ASSIGNED", self.tr("Flow not assigned")))

    def process(self, parameters, context, feedback):
        steps = Steps(feedback, 6)
        model = read_network(self, parameters, context, steps.next())
        zones = attach_zones(
            self, parameters, context, feedback, read_zones(self, parameters, context, steps.next(), model.crs), model
        )
        with_mode = bool(self.parameterAsString(parameters, MODE_FIELD, context))
        frame = read_od_table(self, parameters, context, steps.next(), with_mode=with_mode)
        pairs, _match = od_pairs(
            frame, zones.codes, self.parameterAsString(parameters, MODES, context), feedback.pushInfo
        )
        max_distance = self.parameterAsDouble(parameters, MAX_CONNECTOR_DISTANCE, context)
        reason, detail, o_node, d_node = classify_pairs(pairs, zones.node, zones.distance, zones.empty, max_distance)
        routable = np.flatnonzero(reason == "")
        flows = pairs["flow"].to_numpy(dtype=np.float64)
        selected = self._selected_pieces(parameters, context, model, feedback)
        feedback.pushInfo(
            self.tr("{pairs} OD pairs ({flow:.0f} trips) between {zones} zones; routing {routable} pairs.").format(
                pairs=len(pairs), flow=flows.sum(), zones=len(zones.codes), routable=routable.size
            )
        )
        step = steps.next()
        result = assign(
            model.graph,
            o_node[routable],
            d_node[routable],
            flows[routable],
            cancel=cancel_check(step),
            progress=fraction_callback(step),
            selected_edges=selected,
            log=feedback.pushInfo,
        )
        self.check_canceled(feedback)
        mark_no_path(reason, detail, routable[result.unrouted])
        log_routing(feedback, result.stats)
        total = float(flows.sum())
        feedback.pushInfo(
            self.tr("Flow assigned: {assigned:.1f} of {total:.1f} ({share:.1f} %); flow-km: {fkm:.1f}.").format(
                assigned=result.flow_assigned,
                total=total,
                share=100.0 * result.flow_assigned / total if total else 0.0,
                fkm=result.flow_km,
            )
        )
        log_not_routed(feedback, reason_summary(reason, flows))
        self._report_off_main(zones, pairs, reason, flows, feedback)
        records = merge_records(frame.attrs.get("records", []), model.records)
        dest_out = self._write_network(parameters, context, steps.next(), model, result, selected is not None)
        self.finish_output(dest_out, "assigned_flows.qml", records, title=self.tr("Assigned flows"))
        outputs = {
            self.OUTPUT: dest_out,
            "FLOW_ASSIGNED": result.flow_assigned,
            "FLOW_KM": result.flow_km,
            "FLOW_NOT_ASSIGNED": float(flows[reason != ""].sum()),
        }
        steps.next()
        dest_un = write_unrouted(
            self, parameters, self.UNROUTED, context, pairs, reason, detail, records, self.tr("Flows not assigned")
        )
        if dest_un is not None:
            outputs[self.UNROUTED] = dest_un
        if selected is not None:
            hit = routable[result.select_pairs]
            feedback.pushInfo(
                self.tr("Select link: {count} OD pairs ({flow:.1f} trips) use the selected segments.").format(
                    count=hit.size, flow=float(flows[hit].sum())
                )
            )
            dest_sel = write_pairs(
                self,
                parameters,
                self.SELECTED_PAIRS,
                context,
                pairs,
                hit,
                records,
                self.tr("OD pairs using the selected segments"),
            )
            if dest_sel is not None:
                outputs[self.SELECTED_PAIRS] = dest_sel
        steps.done()
        return outputs

    def _report_off_main(self, zones, pairs, reason, flows, feedback):
        """The flow of the pairs with an end in a zone lying off the main piece of the network."""
        if not zones.off_main:
            return
        off = set(zones.off_main)
        mask = pairs["origin"].isin(off).to_numpy() | pairs["destination"].isin(off).to_numpy()
        feedback.pushWarning(
            self.tr(
                "Flows with an end in those zones: {pairs} pairs, flow {flow:.1f} ({lost:.1f} of it not assigned)."
            ).format(
                pairs=int(mask.sum()), flow=float(flows[mask].sum()), lost=float(flows[mask & (reason != "")].sum())
            )
        )

    # -- select link ------------------------------------------------------------------------------
    def _selected_pieces(self, parameters, context, model, feedback):
        source = self.parameterAsSource(parameters, self.SELECT_SEGMENTS, context)
        if source is None:
            return None
        net_layer = self.parameterAsVectorLayer(parameters, NETWORK, context)
        sel_layer = self.parameterAsVectorLayer(parameters, self.SELECT_SEGMENTS, context)
        piece_fid = model.line_fid[model.net.piece_line]
        same = (
            net_layer is not None
            and sel_layer is not None
            and net_layer.source().split("|")[0] == sel_layer.source().split("|")[0]
        )
        if same:
            fids = np.array(
                [
                    f.id()
                    for f in source.getFeatures(
                        QgsFeatureRequest().setNoAttributes().setFlags(FeatureRequestFlag.NoGeometry)
                    )
                ],
                dtype=np.int64,
            )
            selected = np.isin(piece_fid, fids)
        else:
            transform = QgsCoordinateTransform(source.sourceCrs(), model.crs, context.transformContext())
            xy = model.net.xy
            start = model.net.piece_start
            mid = (xy[start] + xy[start + 1]) / 2.0
            selected = np.zeros(start.shape[0], dtype=bool)
            for feature in source.getFeatures(QgsFeatureRequest().setNoAttributes()):
                geom = QgsGeometry(feature.geometry())
                if geom.isNull():
                    continue
                geom.transform(transform)
                box = geom.boundingBox()
                cand = np.flatnonzero(
                    (mid[:, 0] >= box.xMinimum() - 1)
                    & (mid[:, 0] <= box.xMaximum() + 1)
                    & (mid[:, 1] >= box.yMinimum() - 1)
                    & (mid[:, 1] <= box.yMaximum() + 1)
                )
                for i in cand:
                    if geom.distance(QgsGeometry.fromPointXY(QgsPointXY(*mid[i]))) <= 0.5:
                        selected[i] = True
        if not selected.any():
            raise QgsProcessingException(
                self.tr(
                    "None of the selected segments is a segment of the network: select segments of the network layer "
                    "(or give a layer with the same lines)."
                )
            )
        feedback.pushInfo(self.tr("Select link on {count} network segments.").format(count=int(selected.sum())))
        return selected

    # -- outputs ----------------------------------------------------------------------------------
    def _write_network(self, parameters, context, feedback, model, result, with_select):
        flow_ab, flow_ba = result.flow_ab, result.flow_ba
        values = [model.net.length, flow_ab, flow_ba, flow_ab + flow_ba]
        names = ["length_m", "flow_ab", "flow_ba", "flow"]
        if with_select:
            values.append(result.select_ab + result.select_ba)
            names.append("flow_select")
        return write_pieces(
            self,
            parameters,
            self.OUTPUT,
            context,
            feedback,
            model,
            [(name, FieldType.Double, np.asarray(v, dtype=np.float64)) for name, v in zip(names, values)],
            [0.0] * len(names),
        )
