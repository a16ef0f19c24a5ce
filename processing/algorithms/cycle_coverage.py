"""territorial:cycle_coverage — share of the routed flows and flow-km on cycle facilities, and the
busiest stretches without any facility, ranked.

The flows (e.g. non-motorised commuters, or every trip shorter than MAX_TRIP_KM) are routed like
``territorial:assign_flows`` (same network, zone and flow parameters, same mode filter); every
network segment is then matched to the cycle facilities by distance (``engine/coverage.py``).
"""

import numpy as np
from qgis.core import (
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
)
from shapely.geometry import LineString

from ...compat import FieldType, ProcessingSourceType
from ..engine import coverage
from ..engine.assign import assign
from ..engine.pairs import classify_pairs, mark_no_path, mark_too_long, od_pairs, reason_summary
from ..engine.skim import skim
from ..feedback import Steps, cancel_check, fraction_callback
from ..inputs.facilities import add_facility_parameters, read_facilities
from ..inputs.flows import MODE_FIELD, MODES, add_mode_filter, add_od_parameters, read_od_table
from ..inputs.network import add_network_parameters, read_network
from ..inputs.zones import MAX_CONNECTOR_DISTANCE, add_zone_parameters, attach_zones, read_zones
from ..outputs.network import write_gaps, write_pieces
from ..outputs.provenance import merge_records
from ..outputs.tables import log_not_routed, log_routing, write_unrouted
from ..parameters import add_number
from .base import TerritorialAlgorithm

STYLE = "cycle_coverage.qml"
GAPS_STYLE = "cycle_gaps.qml"


class CycleCoverage(TerritorialAlgorithm):
    ALGORITHM_ID = "cycle_coverage"
    GROUP_ID = "networks"
    DATASETS = ()

    MAX_TRIP_KM = "MAX_TRIP_KM"
    FACILITIES = "FACILITIES"
    MATCH_DISTANCE = "MATCH_DISTANCE"
    MIN_COVERED_SHARE = "MIN_COVERED_SHARE"
    MIN_GAP_FLOW = "MIN_GAP_FLOW"
    OUTPUT = "OUTPUT"
    GAPS = "GAPS"
    UNROUTED = "UNROUTED"

    def displayName(self):
        return self.tr("Cycle facility coverage of flows")

    def shortDescription(self):
        return self.tr(
            "Routes OD flows on a network, measures the share of their flow-km on segments along cycle facilities, "
            "and ranks the busiest stretches without any facility."
        )

    def initAlgorithm(self, config=None):
        add_network_parameters(self)
        add_zone_parameters(self, connectors=True)
        add_od_parameters(self, with_mode=True)
        add_mode_filter(self)
        add_number(
            self,
            self.MAX_TRIP_KM,
            self.tr("Longest trip kept, km on the network (0: no limit)"),
            0.0,
            decimals=1,
            optional=True,
        )
        add_facility_parameters(self, self.FACILITIES)
        add_number(self, self.MATCH_DISTANCE, self.tr("Match distance between a segment and a facility (metres)"), 15.0)
        add_number(
            self,
            self.MIN_COVERED_SHARE,
            self.tr("Share of a segment's length along a facility for it to count as covered (0..1)"),
            0.5,
            decimals=2,
        )
        add_number(self, self.MIN_GAP_FLOW, self.tr("Gaps: only segments carrying more than this flow"), 0.0)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Segments with flow and coverage"), ProcessingSourceType.VectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.GAPS,
                self.tr("Gaps in the cycle network (ranked)"),
                ProcessingSourceType.VectorLine,
                optional=True,
                createByDefault=True,
            )
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
        self.addOutput(QgsProcessingOutputNumber("FLOW_KM", self.tr("Flow-km assigned")))
        self.addOutput(QgsProcessingOutputNumber("FLOW_KM_COVERED", self.tr("Flow-km on covered segments")))
        self.addOutput(QgsProcessingOutputNumber("COVERED_SHARE", self.tr("Share of the flow-km on covered segments")))
        self.addOutput(QgsProcessingOutputNumber("FLOW_ASSIGNED", self.tr("Flow assigned")))
        self.addOutput(QgsProcessingOutputNumber("FLOW_UNROUTED", self.tr("Flow not assigned")))

    # -- run --------------------------------------------------------------------------------------
    def process(self, parameters, context, feedback):
        match_distance = self.parameterAsDouble(parameters, self.MATCH_DISTANCE, context)
        min_share = self.parameterAsDouble(parameters, self.MIN_COVERED_SHARE, context)
        min_gap_flow = self.parameterAsDouble(parameters, self.MIN_GAP_FLOW, context)
        max_trip_km = (
            self.parameterAsDouble(parameters, self.MAX_TRIP_KM, context)
            if parameters.get(self.MAX_TRIP_KM) is not None
            else 0.0
        )
        coverage.check_parameters(match_distance, min_share, min_gap_flow)
        if not np.isfinite(max_trip_km) or max_trip_km < 0:
            raise QgsProcessingException(
                self.tr("The longest trip must be 0 (no limit) or more kilometres (it is {value}).").format(
                    value=max_trip_km
                )
            )
        steps = Steps(feedback, 9)
        model = read_network(self, parameters, context, steps.next())
        facilities = read_facilities(self, parameters, self.FACILITIES, context, steps.next(), model)
        zones = attach_zones(
            self, parameters, context, feedback, read_zones(self, parameters, context, steps.next(), model.crs), model
        )
        frame = read_od_table(
            self,
            parameters,
            context,
            steps.next(),
            with_mode=bool(self.parameterAsString(parameters, MODE_FIELD, context)),
        )
        mode_values = self.parameterAsString(parameters, MODES, context)
        pairs, _match = od_pairs(frame, zones.codes, mode_values, feedback.pushInfo)
        flows = pairs["flow"].to_numpy(dtype=np.float64)
        total = float(flows.sum())
        if total <= 0:
            if mode_values:
                raise QgsProcessingException(
                    self.tr(
                        "No flow left after keeping the modes {modes}: their flows sum to 0. Choose other modes or "
                        "the field that holds the flow counts."
                    ).format(modes=mode_values)
                )
            raise QgsProcessingException(
                self.tr(
                    "The flows table holds no flow (every flow is 0 or empty): choose the field that holds the flow "
                    "counts."
                )
            )
        max_distance = self.parameterAsDouble(parameters, MAX_CONNECTOR_DISTANCE, context)
        reason, detail, o_node, d_node = classify_pairs(pairs, zones.node, zones.distance, zones.empty, max_distance)
        routable = np.flatnonzero(reason == "")
        feedback.pushInfo(
            self.tr(
                "{pairs} OD pairs ({flow:.0f} trips) between {zones} zones; {routable} pairs can be routed."
            ).format(pairs=len(pairs), flow=total, zones=len(zones.codes), routable=routable.size)
        )
        step = steps.next()
        if max_trip_km > 0 and routable.size:
            routable = self._drop_long_trips(model, routable, o_node, d_node, flows, reason, detail, max_trip_km, step)
        step = steps.next()
        result = assign(
            model.graph,
            o_node[routable],
            d_node[routable],
            flows[routable],
            cancel=cancel_check(step),
            progress=fraction_callback(step),
            log=feedback.pushInfo,
        )
        self.check_canceled(feedback)
        mark_no_path(reason, detail, routable[result.unrouted])

        step = steps.next()
        segments = [
            LineString(model.net.piece_coords(p)) if model.net.piece_end[p] > model.net.piece_start[p] else None
            for p in range(model.net.piece_start.shape[0])
        ]
        shares = coverage.covered_shares(
            segments, facilities.geometries, match_distance, cancel=cancel_check(step), progress=fraction_callback(step)
        )
        self.check_canceled(feedback)
        length = model.net.length
        flow = result.flow_ab + result.flow_ba
        covered = coverage.is_covered(shares, min_share)
        totals = coverage.coverage_totals(flow, length, covered)
        gaps = coverage.rank_gaps(model.net.node_u, model.net.node_v, length, flow, ~covered & (flow > min_gap_flow))

        flow_unrouted = float(flows[reason != ""].sum())
        self._log(
            feedback, result, totals, total, flow_unrouted, reason, flows, shares, covered, length, gaps, match_distance
        )
        records = merge_records(frame.attrs.get("records", []), model.records, facilities.records)
        dest_out = self._write_segments(parameters, context, steps.next(), model, flow, shares, covered)
        self.finish_output(dest_out, STYLE, records, title=self.tr("Cycle facility coverage"))
        outputs = {
            self.OUTPUT: dest_out,
            "FLOW_KM": totals.flow_km,
            "FLOW_KM_COVERED": totals.flow_km_covered,
            "COVERED_SHARE": totals.covered_share,
            "FLOW_ASSIGNED": result.flow_assigned,
            "FLOW_UNROUTED": flow_unrouted,
        }
        step = steps.next()
        if parameters.get(self.GAPS) is not None:
            outputs[self.GAPS] = write_gaps(
                self, parameters, self.GAPS, context, step, model, gaps, ("max_flow", "mean_flow", "flow_km")
            )
            self.finish_output(outputs[self.GAPS], GAPS_STYLE, records, title=self.tr("Gaps in the cycle network"))
        dest_un = write_unrouted(
            self, parameters, self.UNROUTED, context, pairs, reason, detail, records, self.tr("Flows not assigned")
        )
        if dest_un is not None:
            outputs[self.UNROUTED] = dest_un
        steps.done()
        return outputs

    # -- steps ------------------------------------------------------------------------------------
    def _drop_long_trips(self, model, routable, o_node, d_node, flows, reason, detail, max_trip_km, feedback):
        """Pairs whose routed network distance exceeds ``max_trip_km``: reason ``too_long`` (and no
        path: ``no_path``); returns the pairs left to route."""
        result = skim(
            model.graph,
            o_node[routable],
            d_node[routable],
            pairs=True,
            attrs=("length",),
            cancel=cancel_check(feedback),
            progress=fraction_callback(feedback),
            log=feedback.pushInfo,
        )
        self.check_canceled(feedback)
        km = np.asarray(result.length, dtype=np.float64) / 1000.0
        no_path = ~np.isfinite(km)
        too_long = np.isfinite(km) & (km > max_trip_km)
        mark_too_long(reason, detail, routable[too_long], km[too_long], max_trip_km)
        mark_no_path(reason, detail, routable[no_path])
        dropped = routable[too_long]
        feedback.pushInfo(
            self.tr(
                "{count} OD pairs ({flow:.1f} trips) are longer than {max:.1f} km on the network: left out (too_long)."
            ).format(count=dropped.size, flow=float(flows[dropped].sum()), max=max_trip_km)
        )
        return routable[~(too_long | no_path)]

    def _log(
        self,
        feedback,
        result,
        totals,
        total,
        flow_unrouted,
        reason,
        flows,
        shares,
        covered,
        length,
        gaps,
        match_distance,
    ):
        log_routing(feedback, result.stats)
        feedback.pushInfo(
            self.tr(
                "Flow assigned: {assigned:.1f} of {total:.1f} ({share:.1f} %); not assigned: {unrouted:.1f}."
            ).format(
                assigned=result.flow_assigned,
                total=total,
                share=100.0 * result.flow_assigned / total if total else 0.0,
                unrouted=flow_unrouted,
            )
        )
        log_not_routed(feedback, reason_summary(reason, flows))
        if result.flow_assigned <= 0:
            feedback.pushWarning(
                self.tr("No flow could be assigned: the table of flows not assigned gives the reason of every pair.")
            )
        feedback.pushInfo(
            self.tr(
                "Flow-km: {fkm:.1f}, of which on segments along cycle facilities: {covered:.1f} ({share:.1f} %)."
            ).format(fkm=totals.flow_km, covered=totals.flow_km_covered, share=100.0 * totals.covered_share)
        )
        feedback.pushInfo(
            self.tr("Network: {covered} of {segments} segments covered ({km_cov:.1f} of {km:.1f} km).").format(
                covered=int(covered.sum()),
                segments=covered.shape[0],
                km_cov=float(length[covered].sum()) / 1000.0,
                km=float(length.sum()) / 1000.0,
            )
        )
        if not np.any(shares > 0):
            feedback.pushWarning(
                self.tr(
                    "No network segment lies within {distance:.0f} m of a cycle facility: check that the facilities "
                    "cover the network's area, or raise the match distance."
                ).format(distance=match_distance)
            )
        if gaps:
            first = gaps[0]
            feedback.pushInfo(
                self.tr(
                    "{count} gaps (loaded stretches without a facility); the largest carries {fkm:.1f} flow-km over "
                    "{km:.2f} km (up to {flow:.1f} trips)."
                ).format(count=len(gaps), fkm=first.flow_km, km=first.length_m / 1000.0, flow=first.max_flow)
            )
        else:
            feedback.pushInfo(self.tr("No gap: every loaded segment is along a cycle facility."))

    # -- outputs ----------------------------------------------------------------------------------
    def _write_segments(self, parameters, context, feedback, model, flow, shares, covered):
        length = np.asarray(model.net.length, dtype=np.float64)
        flow = np.asarray(flow, dtype=np.float64)
        columns = [
            ("length_m", FieldType.Double, length),
            ("flow", FieldType.Double, flow),
            ("flow_km", FieldType.Double, flow * length / 1000.0),
            ("covered_share", FieldType.Double, np.asarray(shares, dtype=np.float64)),
            ("covered", FieldType.Bool, np.asarray(covered, dtype=bool)),
        ]
        return write_pieces(
            self, parameters, self.OUTPUT, context, feedback, model, columns, [0.0, 0.0, 0.0, 0.0, False]
        )
