"""territorial:assign_flows — all-or-nothing assignment of OD flows on a line network."""

import numpy as np
import pandas as pd
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ...providers.i18n import translate
from ..engine.assign import assign
from ..engine.flowlines import match_codes
from . import _network_input as ni
from ._od_input import MODE_FIELD, MODES, add_mode_filter, add_od_parameters, read_od_table
from .base import TerritorialAlgorithm, cancel_check


def od_pairs(alg, frame, zones, mode_values, feedback):
    """The OD frame aggregated by zone pair, with zone indices (-1 unknown) and the code matching logged."""
    if mode_values:
        if "mode" not in frame.columns:
            raise QgsProcessingException(
                translate(
                    "AssignFlows",
                    "Modes to keep are given but no mode field is chosen: choose the mode field of the flows table.",
                )
            )
        wanted = {m.strip().upper() for m in mode_values.split(",") if m.strip()}
        present = set(frame["mode"].astype(str).str.upper())
        if not wanted & present:
            raise QgsProcessingException(
                translate("AssignFlows", "No flow has the mode {modes}; the modes in the table are: {present}.").format(
                    modes=", ".join(sorted(wanted)), present=", ".join(sorted(present)[:20])
                )
            )
        frame = frame[frame["mode"].astype(str).str.upper().isin(wanted)]
    codes = pd.unique(pd.concat([frame["origin"], frame["destination"]], ignore_index=True).astype(str))
    match = match_codes(codes, zones.codes)
    if match.padded:
        feedback.pushInfo(
            translate(
                "AssignFlows", "{count} flow codes matched a zone once leading zeros were restored or removed."
            ).format(count=len(match.padded))
        )
    if match.arrondissements:
        feedback.pushInfo(
            translate("AssignFlows", "{count} arrondissement codes were joined to their commune.").format(
                count=len(match.arrondissements)
            )
        )
    pairs = pd.DataFrame(
        {
            "origin": frame["origin"].astype(str).map(match.mapping).to_numpy(),
            "destination": frame["destination"].astype(str).map(match.mapping).to_numpy(),
            "flow": frame["flow"].to_numpy(dtype=np.float64),
        }
    )
    pairs = pairs.groupby(["origin", "destination"], sort=True, as_index=False)["flow"].sum()
    position = zones.index()
    pairs["o"] = pairs["origin"].map(position).fillna(-1).astype(np.int64)
    pairs["d"] = pairs["destination"].map(position).fillna(-1).astype(np.int64)
    return pairs


def classify_pairs(alg, pairs, zones, max_distance):
    """Reason why each pair cannot be routed ('' when it can) and a detail text."""
    reason = np.full(len(pairs), "", dtype=object)
    detail = np.full(len(pairs), "", dtype=object)
    o = pairs["o"].to_numpy()
    d = pairs["d"].to_numpy()
    o_node = np.where(o >= 0, zones.node[np.maximum(o, 0)], -1)
    d_node = np.where(d >= 0, zones.node[np.maximum(d, 0)], -1)
    empty = set(zones.empty)
    rules = [
        (
            o < 0,
            "origin_unknown",
            lambda i: translate("AssignFlows", "no zone '{code}'{extra}").format(
                code=pairs["origin"].iat[i],
                extra=translate("AssignFlows", " (zone without geometry)") if pairs["origin"].iat[i] in empty else "",
            ),
        ),
        (
            d < 0,
            "destination_unknown",
            lambda i: translate("AssignFlows", "no zone '{code}'{extra}").format(
                code=pairs["destination"].iat[i],
                extra=translate("AssignFlows", " (zone without geometry)")
                if pairs["destination"].iat[i] in empty
                else "",
            ),
        ),
        (
            (o >= 0) & (o == d),
            "intrazonal",
            lambda i: translate("AssignFlows", "origin and destination are the same zone"),
        ),
        (
            (o >= 0) & (o_node < 0),
            "origin_too_far",
            lambda i: translate("AssignFlows", "zone {km:.1f} km from the network (maximum {max:.1f} km)").format(
                km=zones.distance[o[i]] / 1000, max=max_distance / 1000
            ),
        ),
        (
            (d >= 0) & (d_node < 0),
            "destination_too_far",
            lambda i: translate("AssignFlows", "zone {km:.1f} km from the network (maximum {max:.1f} km)").format(
                km=zones.distance[d[i]] / 1000, max=max_distance / 1000
            ),
        ),
        (
            (o_node >= 0) & (o_node == d_node),
            "same_node",
            lambda i: translate("AssignFlows", "both zones attach to the same network node"),
        ),
    ]
    for mask, code, text in rules:
        for i in np.flatnonzero(mask & (reason == "")):
            reason[i] = code
            detail[i] = text(i)
    return reason, detail, o_node, d_node


def write_unrouted(alg, parameters, name, context, pairs, reason, detail):
    """The table of the OD pairs not assigned (``reason`` not empty), with their flow and why."""
    fields = QgsFields()
    for field in ("origin", "destination"):
        fields.append(QgsField(field, QVariant.String))
    fields.append(QgsField("flow", QVariant.Double))
    fields.append(QgsField("reason", QVariant.String))
    fields.append(QgsField("detail", QVariant.String))
    sink, dest = alg.create_sink(
        parameters,
        name,
        context,
        fields,
        QgsWkbTypes.NoGeometry,
        alg.parameterAsSource(parameters, ni.NETWORK, context).sourceCrs(),
    )
    origins, destinations, flows = pairs["origin"].tolist(), pairs["destination"].tolist(), pairs["flow"].tolist()
    for i in np.flatnonzero(reason != ""):
        out = QgsFeature(fields)
        out.setAttributes([origins[i], destinations[i], float(flows[i]), reason[i], detail[i]])
        sink.addFeature(out)
    return dest


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
        ni.add_network_parameters(self)
        ni.add_zone_parameters(self)
        add_od_parameters(self, with_mode=True)
        add_mode_filter(self, "VP")
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.SELECT_SEGMENTS,
                self.tr("Selected segments for a select-link analysis"),
                [QgsProcessing.TypeVectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Assigned flows"), QgsProcessing.TypeVectorLine)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.UNROUTED, self.tr("Flows not assigned"), QgsProcessing.TypeVector)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.SELECTED_PAIRS,
                self.tr("OD pairs using the selected segments"),
                QgsProcessing.TypeVector,
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputNumber("FLOW_ASSIGNED", self.tr("Flow assigned")))
        self.addOutput(QgsProcessingOutputNumber("FLOW_KM", self.tr("Flow-km assigned")))
        self.addOutput(QgsProcessingOutputNumber("FLOW_NOT_ASSIGNED", self.tr("Flow not assigned")))

    def process(self, parameters, context, feedback):
        model = ni.read_network(self, parameters, context, feedback)
        self.check_canceled(feedback)
        zones = ni.read_zones(self, parameters, context, feedback, model)
        frame = read_od_table(
            self, parameters, context, feedback, with_mode=bool(self.parameterAsString(parameters, MODE_FIELD, context))
        )
        mode_values = self.parameterAsString(parameters, MODES, context)
        pairs = od_pairs(self, frame, zones, mode_values, feedback)
        max_distance = self.parameterAsDouble(parameters, ni.MAX_CONNECTOR_DISTANCE, context)
        reason, detail, o_node, d_node = classify_pairs(self, pairs, zones, max_distance)
        routable = np.flatnonzero(reason == "")
        flows = pairs["flow"].to_numpy(dtype=np.float64)
        selected = self._selected_pieces(parameters, context, model, feedback)
        feedback.pushInfo(
            self.tr("{pairs} OD pairs ({flow:.0f} trips) between {zones} zones; routing {routable} pairs.").format(
                pairs=len(pairs), flow=flows.sum(), zones=len(zones.codes), routable=routable.size
            )
        )
        self.check_canceled(feedback)
        result = assign(
            model.graph,
            o_node[routable],
            d_node[routable],
            flows[routable],
            cancel=cancel_check(feedback),
            progress=lambda p: feedback.setProgress(15.0 + 75.0 * p),
            selected_edges=selected,
            log=feedback.pushInfo,
        )
        self.check_canceled(feedback)
        no_path = routable[result.unrouted]
        reason[no_path] = "no_path"
        for i in no_path:
            detail[i] = self.tr("no path on the network from the origin's node to the destination's node")
        stats = result.stats
        if stats.get("core_source") == "disk":
            feedback.pushInfo(self.tr("Routing core for these zones reused from the cache (no contraction)."))
        feedback.pushInfo(
            self.tr("Routing core: {nodes} nodes, {arcs} arcs; {workers} process(es), {seconds:.2f} s.").format(
                nodes=stats.get("core_nodes", 0),
                arcs=stats.get("core_arcs", 0),
                workers=stats.get("workers", 1),
                seconds=stats.get("seconds", 0.0),
            )
        )
        total = float(flows.sum())
        feedback.pushInfo(
            self.tr("Flow assigned: {assigned:.1f} of {total:.1f} ({share:.1f} %); flow-km: {fkm:.1f}.").format(
                assigned=result.flow_assigned,
                total=total,
                share=100.0 * result.flow_assigned / total if total else 0.0,
                fkm=result.flow_km,
            )
        )
        for code in sorted(set(reason) - {""}):
            mask = reason == code
            feedback.pushInfo(
                self.tr("Not assigned ({reason}): {count} pairs, flow {flow:.1f}.").format(
                    reason=code, count=int(mask.sum()), flow=float(flows[mask].sum())
                )
            )
        records = frame.attrs.get("records", [])
        dest_out = self._write_network(parameters, context, feedback, model, result, selected is not None)
        dest_un = write_unrouted(self, parameters, self.UNROUTED, context, pairs, reason, detail)
        outputs = {
            self.OUTPUT: dest_out,
            self.UNROUTED: dest_un,
            "FLOW_ASSIGNED": result.flow_assigned,
            "FLOW_KM": result.flow_km,
            "FLOW_NOT_ASSIGNED": float(flows[reason != ""].sum()),
        }
        self.finish_output(dest_out, "assigned_flows.qml", records, title=self.tr("Assigned flows"))
        self.finish_output(dest_un, None, records, title=self.tr("Flows not assigned"))
        if selected is not None:
            hit = routable[result.select_pairs]
            feedback.pushInfo(
                self.tr("Select link: {count} OD pairs ({flow:.1f} trips) use the selected segments.").format(
                    count=hit.size, flow=float(flows[hit].sum())
                )
            )
            if parameters.get(self.SELECTED_PAIRS) is not None:
                dest_sel = self._write_pairs(parameters, context, pairs, hit)
                if dest_sel:
                    outputs[self.SELECTED_PAIRS] = dest_sel
                    self.finish_output(dest_sel, None, records, title=self.tr("OD pairs using the selected segments"))
        return outputs

    # -- select link ------------------------------------------------------------------------------
    def _selected_pieces(self, parameters, context, model, feedback):
        source = self.parameterAsSource(parameters, self.SELECT_SEGMENTS, context)
        if source is None:
            return None
        net_layer = self.parameterAsVectorLayer(parameters, ni.NETWORK, context)
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
                        QgsFeatureRequest().setNoAttributes().setFlags(QgsFeatureRequest.NoGeometry)
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
        length, flow_ab, flow_ba = model.net.length, result.flow_ab, result.flow_ba
        sel = (result.select_ab + result.select_ba) if with_select else None
        names = ("length_m", "flow_ab", "flow_ba", "flow") + (("flow_select",) if with_select else ())

        def values(p):
            row = [float(length[p]), float(flow_ab[p]), float(flow_ba[p]), float(flow_ab[p] + flow_ba[p])]
            return row + [float(sel[p])] if with_select else row

        return ni.write_pieces(
            self,
            parameters,
            self.OUTPUT,
            context,
            feedback,
            model,
            [(name, QVariant.Double) for name in names],
            values,
            [0.0] * len(names),
        )

    def _write_pairs(self, parameters, context, pairs, index):
        fields = QgsFields()
        for name in ("origin", "destination"):
            fields.append(QgsField(name, QVariant.String))
        fields.append(QgsField("flow", QVariant.Double))
        sink, dest = self.create_sink(
            parameters,
            self.SELECTED_PAIRS,
            context,
            fields,
            QgsWkbTypes.NoGeometry,
            self.parameterAsSource(parameters, ni.NETWORK, context).sourceCrs(),
        )
        for i in index:
            out = QgsFeature(fields)
            out.setAttributes([pairs["origin"].iat[i], pairs["destination"].iat[i], float(pairs["flow"].iat[i])])
            sink.addFeature(out)
        return dest
