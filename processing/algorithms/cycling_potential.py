"""territorial:cycling_potential — how many commuters could cycle (the uptake models of the
Propensity to Cycle Tool, ``engine/potential.py``), on which segments, and where the busiest ones
lack a cycle facility.

Each OD pair gets a route distance (the network's shortest path, connectors included; a model for
trips within a zone; the straight line times a detour factor for pairs the network cannot route)
and a route gradient (from a DEM sampled along the network, else 0 %), then the share of its
commuters who cycle in the scenario. The scenario's cyclists of the routed pairs are assigned to the
network (like ``territorial:assign_flows``); segments are matched to the cycle facilities (like
``territorial:cycle_coverage``) and the uncovered stretches are ranked by scenario cyclist-km.
"""

import struct

import numpy as np
import pandas as pd
from qgis.core import (
    QgsCoordinateTransform,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsRectangle,
)

from ...compat import FieldType, ProcessingParameterFlag, ProcessingSourceType, WkbType, make_field
from ...providers import modes
from ..engine import coverage, potential
from ..engine.assign import assign
from ..engine.graph import RoutingGraph
from ..engine.pairs import classify_pairs, mark_no_path, mark_too_long, od_pairs, reason_summary
from ..engine.skim import skim
from ..feedback import Steps, cancel_check, check_canceled, fraction_callback
from ..inputs.facilities import add_facility_parameters, read_facilities
from ..inputs.flows import MODE_FIELD, add_od_parameters, read_od_table
from ..inputs.network import add_network_parameters, read_network
from ..inputs.values import code_text, sample_list
from ..inputs.zones import MAX_CONNECTOR_DISTANCE, ZONES, add_zone_parameters, attach_zones, read_zones
from ..outputs.network import write_gaps, write_pieces
from ..outputs.provenance import PROVENANCE_FIELDS, file_record, merge_records
from ..outputs.tables import fields_beside, log_not_routed, number_text
from ..parameters import add_choice, add_number, choice
from .base import TerritorialAlgorithm

OD_STYLE = "potential_od.qml"
SEGMENTS_STYLE = "potential_segments.qml"
GAPS_STYLE = "potential_gaps.qml"
ZONES_STYLE = "potential_zones.qml"

#: DEM cells read at most (a larger DEM is read at a coarser resolution)
MAX_DEM_CELLS = 40_000_000
#: shortest step between two heights sampled along a segment (metres)
MIN_DEM_STEP = 10.0
#: where a distance comes from (``distance_source``)
NETWORK_ROUTE, WITHIN_ZONE, STRAIGHT_LINE, NO_DISTANCE = "network", "within_zone", "straight_line", "none"
#: reasons whose pairs get a straight-line distance (both zones are known and distinct)
OFF_NETWORK = ("origin_too_far", "destination_too_far", "same_node", "no_path")


class CyclingPotential(TerritorialAlgorithm):
    ALGORITHM_ID = "cycling_potential"
    GROUP_ID = "networks"
    DATASETS = ()

    CYCLE_FACILITIES = "CYCLE_FACILITIES"
    DEM = "DEM"
    CYCLE_MODE = "CYCLE_MODE"
    SCENARIO = "SCENARIO"
    MAX_DISTANCE = "MAX_DISTANCE"
    MATCH_DISTANCE = "MATCH_DISTANCE"
    MIN_COVERED_SHARE = "MIN_COVERED_SHARE"
    OUTPUT_OD = "OUTPUT_OD"
    OUTPUT_SEGMENTS = "OUTPUT_SEGMENTS"
    OUTPUT_GAPS = "OUTPUT_GAPS"
    OUTPUT_ZONES = "OUTPUT_ZONES"

    def scenario_labels(self):
        return {
            "government_target": self.tr("government target (PCT 2020)"),
            "go_dutch": self.tr("Go Dutch (PCT 2020)"),
            "ebike": self.tr("e-bike (PCT 2020)"),
        }

    def displayName(self):
        return self.tr("Cycling potential of commutes")

    def shortDescription(self):
        return self.tr(
            "How many commuters could cycle (Propensity to Cycle Tool uptake models, by route distance and "
            "gradient), the scenario's cyclists on each segment, and the busiest stretches without a cycle facility."
        )

    def initAlgorithm(self, config=None):
        add_network_parameters(self)
        add_facility_parameters(self, self.CYCLE_FACILITIES, optional=True)
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.DEM, self.tr("Elevation model (DEM, metres; empty: every gradient 0 %)"), optional=True
            )
        )
        add_zone_parameters(self, connectors=True)
        add_od_parameters(self, with_mode=True)
        mode = QgsProcessingParameterString(
            self.CYCLE_MODE, self.tr("Value of the bicycle mode in the mode field"), defaultValue=modes.BIKE
        )
        mode.setHelp(
            self.tr(
                "The flows of this mode are today's cyclists: a mode key (bike), a word for it (vélo, bicycle) or a "
                "raw value of the mode field. Flows of the mode 'works at home' are left out."
            )
        )
        self.addParameter(mode)
        labels = self.scenario_labels()
        add_choice(
            self,
            self.SCENARIO,
            self.tr("Scenario"),
            [(key, labels[key]) for key in potential.SCENARIOS],
            default="go_dutch",
            help_text=self.tr("Command line: SCENARIO=government_target, go_dutch or ebike."),
        )
        add_number(
            self,
            self.MAX_DISTANCE,
            self.tr("Longest trip that may be cycled (km)"),
            potential.MAX_DISTANCE_KM,
            decimals=1,
            minimum=0.1,
        )
        for param in (
            add_number(
                self,
                self.MATCH_DISTANCE,
                self.tr("Match distance between a segment and a facility (metres)"),
                15.0,
                minimum=0.0,
            ),
            add_number(
                self,
                self.MIN_COVERED_SHARE,
                self.tr("Share of a segment's length along a facility for it to count as covered (0..1)"),
                0.5,
                decimals=2,
                minimum=0.0,
                maximum=1.0,
            ),
        ):
            param.setFlags(param.flags() | ProcessingParameterFlag.Advanced)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT_OD, self.tr("Cycling potential per OD pair"), ProcessingSourceType.VectorLine
            )
        )
        for name, label, kind in (
            (self.OUTPUT_SEGMENTS, self.tr("Scenario cyclists per segment"), ProcessingSourceType.VectorLine),
            (self.OUTPUT_GAPS, self.tr("Gaps ranked by scenario cyclist-km"), ProcessingSourceType.VectorLine),
            (self.OUTPUT_ZONES, self.tr("Cycling potential per zone"), ProcessingSourceType.VectorAnyGeometry),
        ):
            self.addParameter(QgsProcessingParameterFeatureSink(name, label, kind, optional=True, createByDefault=True))
        for name, label in (
            ("TOTAL_COMMUTERS", self.tr("Commuters")),
            ("CYCLISTS_NOW", self.tr("Cyclists today")),
            ("CYCLISTS_SCENARIO", self.tr("Cyclists in the scenario")),
            ("SHARE_NOW", self.tr("Share of cyclists today")),
            ("SHARE_SCENARIO", self.tr("Share of cyclists in the scenario")),
            ("CYCLISTS_GOVERNMENT_TARGET", self.tr("Cyclists, government target")),
            ("CYCLISTS_GO_DUTCH", self.tr("Cyclists, Go Dutch")),
            ("CYCLISTS_EBIKE", self.tr("Cyclists, e-bike")),
            ("CYCLIST_KM", self.tr("Scenario cyclist-km on the network")),
            ("FACILITY_SHARE", self.tr("Share of the scenario cyclist-km along cycle facilities")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    # -- run --------------------------------------------------------------------------------------
    def process(self, parameters, context, feedback):
        scenario = choice(self, parameters, self.SCENARIO, context)
        max_km = self.parameterAsDouble(parameters, self.MAX_DISTANCE, context)
        match_distance = self.parameterAsDouble(parameters, self.MATCH_DISTANCE, context)
        min_share = self.parameterAsDouble(parameters, self.MIN_COVERED_SHARE, context)
        coverage.check_parameters(match_distance, min_share)
        if not np.isfinite(max_km) or max_km <= 0:
            raise QgsProcessingException(
                self.tr("The longest trip must be more than 0 km (it is {value}).").format(value=max_km)
            )
        on_network = parameters.get(self.OUTPUT_SEGMENTS) is not None or parameters.get(self.OUTPUT_GAPS) is not None
        steps = Steps(feedback, 10)
        model = read_network(self, parameters, context, steps.next())
        heights = self._heights(parameters, context, steps.next(), model)
        facilities = None
        step = steps.next()
        if self.parameterAsSource(parameters, self.CYCLE_FACILITIES, context) is not None:
            facilities = read_facilities(self, parameters, self.CYCLE_FACILITIES, context, step, model)
        zones = read_zones(self, parameters, context, steps.next(), model.crs)
        attached = attach_zones(self, parameters, context, feedback, zones, model)
        frame = read_od_table(
            self,
            parameters,
            context,
            steps.next(),
            with_mode=bool(self.parameterAsString(parameters, MODE_FIELD, context)),
        )
        pairs = self._pairs(frame, attached.codes, parameters, context, feedback)
        flows = pairs["flow"].to_numpy(dtype=np.float64)
        now = pairs["now"].to_numpy(dtype=np.float64)

        # route distances and gradients
        max_connector = self.parameterAsDouble(parameters, MAX_CONNECTOR_DISTANCE, context)
        reason, detail, o_node, d_node = classify_pairs(
            pairs, attached.node, attached.distance, attached.empty, max_connector
        )
        graph = model.graph if heights is None else self._graph_with_heights(model, heights.rise)
        routable = np.flatnonzero(reason == "")
        feedback.pushInfo(
            self.tr(
                "{pairs} OD pairs ({flow:.0f} commuters) between {zones} zones; {routable} pairs routed on the network."
            ).format(pairs=len(pairs), flow=float(flows.sum()), zones=len(attached.codes), routable=routable.size)
        )
        step = steps.next()
        distance = np.full(len(pairs), np.nan)
        gradient = np.full(len(pairs), np.nan)
        source = np.full(len(pairs), NO_DISTANCE, dtype=object)
        core_stats = {}
        if routable.size:
            result = skim(
                graph,
                o_node[routable],
                d_node[routable],
                pairs=True,
                attrs=("length", "rise") if heights is not None else ("length",),
                cancel=cancel_check(step),
                progress=fraction_callback(step),
                log=feedback.pushInfo,
            )
            check_canceled(feedback)
            core_stats = result.stats
            length = np.asarray(result.length, dtype=np.float64)
            found = np.isfinite(length)
            mark_no_path(reason, detail, routable[~found])
            ok = routable[found]
            o, d = pairs["o"].to_numpy(), pairs["d"].to_numpy()
            connectors = attached.distance[o[ok]] + attached.distance[d[ok]]
            distance[ok] = (length[found] + connectors) / 1000.0
            rise = np.asarray(result.values["rise"], dtype=np.float64)[found] if heights is not None else 0.0
            gradient[ok] = potential.route_gradient_pct(rise, length[found]) if heights is not None else 0.0
            source[ok] = NETWORK_ROUTE
        self._distances_off_network(pairs, reason, attached, zones, heights, distance, gradient, source, feedback)
        self._mark_too_long(reason, detail, distance, source, max_km)

        # the scenarios
        p_all = {key: potential.uptake(distance, gradient, key, max_km) for key in potential.SCENARIOS}
        cyclists_all = {key: potential.scenario_cyclists(p, flows, now) for key, p in p_all.items()}
        p = p_all[scenario]
        cyclists = cyclists_all[scenario]
        totals = self._log_totals(feedback, scenario, flows, now, cyclists_all, source, reason)

        # on the network
        outputs = {}
        step = steps.next()
        routed = np.flatnonzero((source == NETWORK_ROUTE) & (reason == ""))
        seg = None
        if on_network:
            seg = self._assign(
                model,
                graph,
                o_node,
                d_node,
                routed,
                cyclists,
                now,
                facilities,
                match_distance,
                min_share,
                step,
                feedback,
            )
            log_not_routed(feedback, reason_summary(reason, flows))
        records = merge_records(
            frame.attrs.get("records", []),
            zones.records,
            model.records,
            facilities.records if facilities is not None else [],
            heights.records if heights is not None else [],
        )
        label = self.scenario_labels()[scenario]
        step = steps.next()
        outputs[self.OUTPUT_OD] = self._write_od(
            parameters,
            context,
            step,
            pairs,
            attached,
            zones,
            distance,
            gradient,
            source,
            p,
            flows,
            now,
            cyclists,
            cyclists_all,
            reason,
            detail,
        )
        self.finish_output(
            outputs[self.OUTPUT_OD],
            OD_STYLE,
            records,
            title=self.tr("Cycling potential per OD pair: {scenario}").format(scenario=label),
        )
        step = steps.next()
        if seg is not None and parameters.get(self.OUTPUT_SEGMENTS) is not None:
            outputs[self.OUTPUT_SEGMENTS] = self._write_segments(parameters, context, step, model, heights, seg)
            self.finish_output(
                outputs[self.OUTPUT_SEGMENTS],
                SEGMENTS_STYLE,
                records,
                title=self.tr("Scenario cyclists per segment: {scenario}").format(scenario=label),
            )
        if seg is not None and parameters.get(self.OUTPUT_GAPS) is not None:
            outputs[self.OUTPUT_GAPS] = write_gaps(
                self,
                parameters,
                self.OUTPUT_GAPS,
                context,
                step,
                model,
                seg["gaps"],
                ("max_cyclists", "mean_cyclists", "cyclist_km"),
            )
            self.finish_output(
                outputs[self.OUTPUT_GAPS],
                GAPS_STYLE,
                records,
                title=self.tr("Gaps ranked by scenario cyclist-km: {scenario}").format(scenario=label),
            )
        step = steps.next()
        if parameters.get(self.OUTPUT_ZONES) is not None:
            table = potential.zone_table(pairs["origin"], pairs["destination"], flows, now, cyclists, distance)
            outputs[self.OUTPUT_ZONES] = self._write_zones(parameters, context, step, zones, table)
            self.finish_output(
                outputs[self.OUTPUT_ZONES],
                ZONES_STYLE,
                records,
                title=self.tr("Cycling potential per zone: {scenario}").format(scenario=label),
            )
        steps.done()
        if core_stats:
            feedback.pushInfo(
                self.tr("Routing core: {nodes} nodes, {arcs} arcs; {workers} process(es).").format(
                    nodes=core_stats.get("core_nodes", 0),
                    arcs=core_stats.get("core_arcs", 0),
                    workers=core_stats.get("workers", 1),
                )
            )
        cyclist_km = seg["cyclist_km"] if seg is not None else float("nan")
        outputs.update(totals)
        outputs["CYCLIST_KM"] = cyclist_km
        outputs["FACILITY_SHARE"] = seg["facility_share"] if seg is not None else float("nan")
        return outputs

    # -- flows ------------------------------------------------------------------------------------
    def _pairs(self, frame, zone_codes, parameters, context, feedback) -> pd.DataFrame:
        """OD pairs ``origin, destination, flow, now, o, d``: every commuter, and today's cyclists."""
        cycle_value = (self.parameterAsString(parameters, self.CYCLE_MODE, context) or "").strip()
        if "mode" not in frame.columns:
            feedback.pushInfo(
                self.tr(
                    "No mode field: every flow counts as commuters and nobody cycles today (cyclists_now = 0). Choose "
                    "the mode field to start from today's cyclists."
                )
            )
            cycling = np.zeros(len(frame), dtype=bool)
            commute = np.ones(len(frame), dtype=bool)
        else:
            raw = frame["mode"].astype(str)
            keys = raw.map({value: modes.mode_key(value) or "" for value in raw.unique()})
            commute = ~keys.isin([modes.HOME, modes.NOT_APPLICABLE]).to_numpy()
            if not commute.all():
                feedback.pushInfo(
                    self.tr(
                        "{count} flow rows ({flow} commuters) are of the modes 'works at home' or 'not applicable': "
                        "left out (no trip)."
                    ).format(count=int((~commute).sum()), flow=number_text(float(frame["flow"][~commute].sum())))
                )
            cycle_key = modes.mode_key(cycle_value)
            cycling = (raw.str.upper() == cycle_value.upper()).to_numpy()
            if cycle_key:
                cycling |= (keys == cycle_key).to_numpy()
            cycling &= commute
            present = modes.describe(sorted(raw[commute].unique())[:20])
            if not cycling.any():
                feedback.pushWarning(
                    self.tr(
                        "No flow has the bicycle mode '{value}': nobody cycles today (cyclists_now = 0). The modes in "
                        "the table are: {present}."
                    ).format(value=cycle_value, present=present)
                )
            elif cycle_key == modes.NON_MOTORISED:
                feedback.pushWarning(
                    self.tr(
                        "The bicycle mode '{value}' is non-motorised: walkers count as today's cyclists, so today's "
                        "cyclists and every scenario are overestimated on short trips."
                    ).format(value=cycle_value)
                )
            elif cycle_key == modes.TWO_WHEELER:
                feedback.pushWarning(
                    self.tr(
                        "The bicycle mode '{value}' also holds motorised two-wheelers (census 2016 and before): "
                        "today's cyclists are overestimated."
                    ).format(value=cycle_value)
                )
            else:
                feedback.pushInfo(
                    self.tr("Today's cyclists: the flows of the mode '{value}' ({flow} commuters).").format(
                        value=cycle_value, flow=number_text(float(frame["flow"][cycling].sum()))
                    )
                )
        base = frame.loc[commute, ["origin", "destination", "flow"]]
        pairs, _match = od_pairs(base, zone_codes, "", feedback.pushInfo)
        if pairs.empty:
            raise QgsProcessingException(
                self.tr("The flows table holds no commute: every row is of a mode without trip, or the table is empty.")
            )
        cyc = frame.loc[cycling, ["origin", "destination", "flow"]]
        if len(cyc):
            cyc_pairs, _ = od_pairs(cyc, zone_codes)
            cyc_pairs = cyc_pairs.rename(columns={"flow": "now"})[["origin", "destination", "now"]]
            pairs = pairs.merge(cyc_pairs, on=["origin", "destination"], how="left")
        else:
            pairs["now"] = 0.0
        pairs["now"] = pairs["now"].fillna(0.0)
        if float(pairs["flow"].sum()) <= 0:
            raise QgsProcessingException(
                self.tr(
                    "The flows table holds no flow (every flow is 0 or empty): choose the field that holds the flow "
                    "counts."
                )
            )
        return pairs.reset_index(drop=True)

    def _distances_off_network(self, pairs, reason, attached, zones, heights, distance, gradient, source, feedback):
        """Trips within a zone (the model of ``engine/potential.py``) and pairs the network cannot route
        (straight line x detour)."""
        o, d = pairs["o"].to_numpy(), pairs["d"].to_numpy()
        mean_gradient = heights.mean_gradient if heights is not None else 0.0
        # within a zone
        intra = np.flatnonzero(reason == "intrazonal")
        if intra.size:
            area = zones_area(zones, attached.codes)
            km = potential.intrazonal_distance_km(area[o[intra]])
            distance[intra] = km
            known = np.isfinite(km)
            source[intra[known]] = WITHIN_ZONE
            if heights is not None:
                within = heights.zone_gradient(zones, attached.codes)[o[intra]]
                gradient[intra] = np.where(np.isfinite(within), within, mean_gradient)
            else:
                gradient[intra] = 0.0
            gradient[intra[~known]] = np.nan
            flow = pairs["flow"].to_numpy()
            feedback.pushInfo(
                self.tr(
                    "Trips within a zone: {count} zones, {flow} commuters, route distance from the zone's area "
                    "(mean {km:.2f} km, weighted by flow)."
                ).format(
                    count=int(known.sum()),
                    flow=number_text(float(flow[intra[known]].sum())),
                    km=float(np.average(km[known], weights=flow[intra[known]]))
                    if known.any() and flow[intra[known]].sum() > 0
                    else 0.0,
                )
            )
            if (~known).any():
                feedback.pushWarning(
                    self.tr(
                        "{count} zones with trips within them have no area (points): those trips get no distance "
                        "and keep today's cyclists ({codes})."
                    ).format(count=int((~known).sum()), codes=sample_list(pairs["origin"].to_numpy()[intra[~known]]))
                )
        # off the network: straight line x detour
        off = np.flatnonzero(np.isin(reason, OFF_NETWORK) & (o >= 0) & (d >= 0) & (o != d))
        if off.size:
            straight = np.hypot(attached.x[o[off]] - attached.x[d[off]], attached.y[o[off]] - attached.y[d[off]])
            distance[off] = potential.detour_km(straight)
            gradient[off] = mean_gradient
            source[off] = STRAIGHT_LINE
            flow = pairs["flow"].to_numpy()
            feedback.pushInfo(
                self.tr(
                    "{count} OD pairs ({flow} commuters) have no route on the network (an end too far from it, both "
                    "ends on one node, or no path): their distance is the straight line times {detour}."
                ).format(count=off.size, flow=number_text(float(flow[off].sum())), detour=potential.DETOUR)
            )

    def _mark_too_long(self, reason, detail, distance, source, max_km):
        """Pairs longer than the longest trip that may be cycled: reason ``too_long``."""
        longer = np.isfinite(distance) & (distance > max_km)
        routed = np.flatnonzero(longer & (source == NETWORK_ROUTE))
        mark_too_long(reason, detail, routed, distance[routed], max_km)
        for i in np.flatnonzero(longer & (source != NETWORK_ROUTE)):
            reason[i] = "too_long"
            detail[i] = self.tr(
                "{km:.1f} km estimated, more than the longest trip that may be cycled ({max:.1f} km)"
            ).format(km=distance[i], max=max_km)

    def _log_totals(self, feedback, scenario, flows, now, cyclists_all, source, reason):
        total = float(flows.sum())
        today = float(now.sum())
        labels = self.scenario_labels()
        for key, cyclists in cyclists_all.items():
            feedback.pushInfo(
                self.tr("{scenario}: {cyclists} cyclists of {total} commuters ({share:.1%}; today {now}).").format(
                    scenario=labels[key],
                    cyclists=number_text(float(cyclists.sum())),
                    total=number_text(total),
                    share=float(cyclists.sum()) / total if total else 0.0,
                    now=number_text(today),
                )
            )
        unknown = source == NO_DISTANCE
        if unknown.any():
            feedback.pushWarning(
                self.tr(
                    "{count} OD pairs ({flow} commuters) have no distance (a zone unknown or without geometry): they "
                    "keep today's cyclists."
                ).format(count=int(unknown.sum()), flow=number_text(float(flows[unknown].sum())))
            )
        chosen = cyclists_all[scenario]
        return {
            "TOTAL_COMMUTERS": total,
            "CYCLISTS_NOW": today,
            "CYCLISTS_SCENARIO": float(chosen.sum()),
            "SHARE_NOW": today / total if total else 0.0,
            "SHARE_SCENARIO": float(chosen.sum()) / total if total else 0.0,
            "CYCLISTS_GOVERNMENT_TARGET": float(cyclists_all["government_target"].sum()),
            "CYCLISTS_GO_DUTCH": float(cyclists_all["go_dutch"].sum()),
            "CYCLISTS_EBIKE": float(cyclists_all["ebike"].sum()),
        }

    # -- the DEM ----------------------------------------------------------------------------------
    def _heights(self, parameters, context, feedback, model):
        layer = self.parameterAsRasterLayer(parameters, self.DEM, context)
        if layer is None:
            feedback.pushInfo(
                self.tr(
                    "No elevation model (DEM): every route gradient is 0 %. The models then read every route as flat "
                    "(flatter than their reference of 0.78 %), which raises the potential of hilly territories: give a "
                    "DEM (e.g. IGN RGE ALTI or BD ALTI) for route gradients."
                )
            )
            return None
        heights = read_heights(layer, model, context, feedback)
        feedback.pushInfo(
            self.tr(
                "Elevation model '{layer}': heights sampled every {step:.0f} m along {segments} segments; mean "
                "gradient of the network {gradient:.2f} %."
            ).format(layer=layer.name(), step=heights.step, segments=heights.rise.size, gradient=heights.mean_gradient)
        )
        if heights.incomplete:
            feedback.pushWarning(
                self.tr(
                    "{count} segments ({share:.1%} of the network's length) lie partly outside the elevation model or "
                    "over cells without data: their gradient counts only where heights exist."
                ).format(count=heights.incomplete, share=heights.incomplete_share)
            )
        return heights

    def _graph_with_heights(self, model, rise):
        """The network's routing graph with each segment's height change, summed along routes by skims."""
        net, graph = model.net, model.graph
        return RoutingGraph.from_edges(
            net.node_u,
            net.node_v,
            net.length,
            graph.oneway,
            net.n_nodes,
            cost=graph.cost_ab,
            cost_ba=graph.cost_ba,
            attrs={"rise": rise},
        )

    # -- on the network ---------------------------------------------------------------------------
    def _assign(
        self, model, graph, o_node, d_node, routed, cyclists, now, facilities, match_distance, min_share, feedback, log
    ):
        """Scenario and today's cyclists on each segment, facility shares, gaps."""
        result = assign(
            graph,
            o_node[routed],
            d_node[routed],
            cyclists[routed],
            cancel=cancel_check(feedback),
            progress=lambda value: feedback.setProgress(70.0 * value),
            log=log.pushInfo,
        )
        check_canceled(feedback)
        today = np.zeros(model.net.length.shape[0])
        if float(now[routed].sum()) > 0:
            today_result = assign(
                graph, o_node[routed], d_node[routed], now[routed], cancel=cancel_check(feedback), log=log.pushInfo
            )
            today = today_result.flow_ab + today_result.flow_ba
        check_canceled(feedback)
        length = model.net.length
        total = result.flow_ab + result.flow_ba
        if facilities is not None:
            from shapely.geometry import LineString

            net = model.net
            # only the segments whose box comes near a facility's box are matched line by line
            near = potential.near_boxes(
                potential.piece_boxes(net.xy, net.piece_start, net.piece_end),
                np.array([g.bounds for g in facilities.geometries], dtype=np.float64).reshape(-1, 4),
                match_distance,
            )
            near &= net.piece_end > net.piece_start
            segments = [LineString(net.piece_coords(i)) if near[i] else None for i in range(length.shape[0])]
            shares = coverage.covered_shares(
                segments,
                facilities.geometries,
                match_distance,
                cancel=cancel_check(feedback),
                progress=lambda value: feedback.setProgress(70.0 + 25.0 * value),
            )
            covered = coverage.is_covered(shares, min_share)
        else:
            shares = np.full(length.shape[0], np.nan)
            covered = np.zeros(length.shape[0], dtype=bool)
            log.pushWarning(
                self.tr(
                    "No cycle facility layer: the facility flag is empty and the gaps rank every loaded stretch of the "
                    "network."
                )
            )
        gaps = coverage.rank_gaps(model.net.node_u, model.net.node_v, length, total, ~covered & (total > 0))
        gap_rank = np.zeros(length.shape[0], dtype=np.int64)
        for gap in gaps:
            gap_rank[gap.segments] = gap.rank
        totals = coverage.coverage_totals(total, length, covered)
        log.pushInfo(
            self.tr(
                "Scenario cyclists on the network: {cyclists} assigned, {km} cyclist-km, of which {share:.1%} along "
                "cycle facilities; {gaps} gaps."
            ).format(
                cyclists=number_text(result.flow_assigned),
                km=number_text(totals.flow_km),
                share=totals.covered_share,
                gaps=len(gaps),
            )
        )
        if gaps:
            first = gaps[0]
            log.pushInfo(
                self.tr(
                    "The largest gap: {km:.2f} km carrying {ckm} scenario cyclist-km (up to {max} cyclists)."
                ).format(km=first.length_m / 1000.0, ckm=number_text(first.flow_km), max=number_text(first.max_flow))
            )
        feedback.setProgress(100.0)
        return {
            "ab": result.flow_ab,
            "ba": result.flow_ba,
            "total": total,
            "today": today,
            "shares": shares,
            "covered": covered,
            "with_facilities": facilities is not None,
            "gaps": gaps,
            "gap_rank": gap_rank,
            "cyclist_km": totals.flow_km,
            "facility_share": totals.covered_share if facilities is not None else float("nan"),
        }

    # -- outputs ----------------------------------------------------------------------------------
    def _write_od(
        self,
        parameters,
        context,
        feedback,
        pairs,
        attached,
        zones,
        distance,
        gradient,
        source,
        p,
        flows,
        now,
        cyclists,
        cyclists_all,
        reason,
        detail,
    ):
        fields = QgsFields()
        for name in ("origin", "destination"):
            fields.append(make_field(name, FieldType.String))
        for name in ("flow", "cyclists_now", "distance_km"):
            fields.append(make_field(name, FieldType.Double))
        fields.append(make_field("distance_source", FieldType.String))
        for name in ("gradient_pct", "p_cycle", "cyclists_scenario", "extra_cyclists"):
            fields.append(make_field(name, FieldType.Double))
        for key in potential.SCENARIOS:
            fields.append(make_field(f"cyclists_{key}", FieldType.Double))
        fields.append(make_field("reason", FieldType.String))
        fields.append(make_field("detail", FieldType.String))
        writer = self.create_writer(
            parameters, self.OUTPUT_OD, context, fields, WkbType.LineString, zones.crs, feedback, len(pairs)
        )
        to_output = QgsCoordinateTransform(zones.projected, zones.crs, context.transformContext())
        placed = [to_output.transform(QgsPointXY(float(x), float(y))) for x, y in zip(attached.x, attached.y)]
        o, d = pairs["o"].to_numpy(), pairs["d"].to_numpy()
        origins, destinations = pairs["origin"].tolist(), pairs["destination"].tolist()

        def number(value):
            return float(value) if np.isfinite(value) else None

        order = np.argsort(-cyclists, kind="stable")  # largest first
        for i in order:
            geometry = None
            if o[i] >= 0 and d[i] >= 0 and o[i] != d[i]:
                geometry = QgsGeometry.fromPolylineXY([placed[o[i]], placed[d[i]]])
            writer.add_row(
                [
                    origins[i],
                    destinations[i],
                    float(flows[i]),
                    float(now[i]),
                    number(distance[i]),
                    source[i],
                    number(gradient[i]),
                    number(p[i]),
                    float(cyclists[i]),
                    float(cyclists[i] - now[i]),
                ]
                + [float(cyclists_all[key][i]) for key in potential.SCENARIOS]
                + [reason[i] or None, detail[i] or None],
                geometry,
            )
        return writer.close()

    def _write_segments(self, parameters, context, feedback, model, heights, seg):
        length = model.net.length
        grade = potential.route_gradient_pct(heights.rise, length) if heights is not None else np.zeros(length.shape[0])
        with_facilities = seg["with_facilities"]
        total = np.asarray(seg["total"], dtype=np.float64)
        length = np.asarray(length, dtype=np.float64)
        columns = [
            ("length_m", FieldType.Double, length),
            ("gradient_pct", FieldType.Double, np.asarray(grade, dtype=np.float64)),
            ("cyclists_now", FieldType.Double, np.asarray(seg["today"], dtype=np.float64)),
            ("cyclists_ab", FieldType.Double, np.asarray(seg["ab"], dtype=np.float64)),
            ("cyclists_ba", FieldType.Double, np.asarray(seg["ba"], dtype=np.float64)),
            ("cyclists", FieldType.Double, total),
            ("cyclist_km", FieldType.Double, total * length / 1000.0),
        ]
        nothing = [None] * length.shape[0]
        rank = np.asarray(seg["gap_rank"], dtype=np.int64)
        columns += [
            ("facility", FieldType.Bool, np.asarray(seg["covered"], dtype=bool) if with_facilities else nothing),
            (
                "facility_share",
                FieldType.Double,
                np.asarray(seg["shares"], dtype=np.float64) if with_facilities else nothing,
            ),
            ("gap_rank", FieldType.Int, np.where(rank > 0, rank, None)),
        ]
        return write_pieces(
            self,
            parameters,
            self.OUTPUT_SEGMENTS,
            context,
            feedback,
            model,
            columns,
            [0.0] * 7 + [None, None, None],
        )

    def _write_zones(self, parameters, context, feedback, zones, table):
        source = self.parameterAsSource(parameters, ZONES, context)
        zone_fields, keep = QgsFields(), []
        for i, f in enumerate(source.fields()):
            if f.name().lower() not in PROVENANCE_FIELDS:
                zone_fields.append(f)
                keep.append(i)
        new_fields = QgsFields()
        for name in table.columns:
            new_fields.append(make_field(name, FieldType.Double))
        fields = fields_beside(
            zone_fields,
            new_fields,
            feedback,
            self.tr("The zones layer already has fields named {names}: the results are written with a suffix."),
        )
        writer = self.create_writer(
            parameters,
            self.OUTPUT_ZONES,
            context,
            fields,
            source.wkbType(),
            source.sourceCrs(),
            feedback,
            source.featureCount(),
        )
        values = {
            code: [None if pd.isna(v) else float(v) for v in row]
            for code, row in zip(table.index, table.itertuples(index=False, name=None))
        }
        empty = [
            0.0 if name not in ("share_now", "share_scenario", "mean_distance_km") else None for name in table.columns
        ]
        index = source.fields().indexOf(zones.field)
        for feature in source.getFeatures():
            attributes = feature.attributes()
            writer.add_row(
                [attributes[k] for k in keep] + values.get(code_text(attributes[index]), empty), feature.geometry()
            )
        return writer.close()


# -- heights (glue: the DEM through QGIS, the arithmetic in engine/potential.py) -------------------
class Heights:
    """Height change of every network segment from a DEM, and what goes with it."""

    def __init__(self, rise, complete, length, step, records, midpoints):
        self.rise = rise
        self.complete = complete
        self.step = step
        self.records = records
        self.mean_gradient = potential.mean_gradient_pct(rise, length)
        self.incomplete = int((~complete).sum())
        total = float(length.sum())
        self.incomplete_share = float(length[~complete].sum()) / total if total > 0 else 0.0
        self._length = length
        self._mid = midpoints
        self._zone_gradient = None

    def zone_gradient(self, zones, codes):
        """Gradient of the segments within each zone (in the order of ``codes``)."""
        if self._zone_gradient is None:
            shapes = zone_shapes(zones, codes)
            self._zone_gradient = potential.within_zone_gradients(
                shapes, self._mid[:, 0], self._mid[:, 1], self.rise, self._length
            )
        return self._zone_gradient


def zone_shapes(zones, codes):
    """One projected shapely geometry per code (the union of the features carrying it)."""
    from shapely.ops import unary_union

    by_code = {}
    for code, shape in zip(zones.codes, zones.geometries):
        if code is not None and shape is not None:
            by_code.setdefault(code, []).append(shape)
    return [
        unary_union(by_code[c]) if len(by_code.get(c, [])) > 1 else (by_code[c][0] if c in by_code else None)
        for c in codes
    ]


def zones_area(zones, codes) -> np.ndarray:
    """Area (m²) of each zone code, 0 for points."""
    return np.array([shape.area if shape is not None else 0.0 for shape in zone_shapes(zones, codes)], dtype=np.float64)


def transform_xy(x, y, transform):
    """Points transformed in one call (a multipoint geometry through WKB), not one Python call each."""
    x = np.asarray(x, dtype=np.float64)
    y = np.asarray(y, dtype=np.float64)
    if not transform.isValid() or transform.sourceCrs() == transform.destinationCrs() or x.size == 0:
        return x, y
    layout = np.dtype([("order", "u1"), ("kind", "<u4"), ("x", "<f8"), ("y", "<f8")])
    points = np.zeros(x.size, dtype=layout)
    points["order"], points["kind"], points["x"], points["y"] = 1, 1, x, y
    geometry = QgsGeometry()
    geometry.fromWkb(struct.pack("<BII", 1, 4, x.size) + points.tobytes())
    geometry.transform(transform)
    out = np.frombuffer(bytes(geometry.asWkb())[9:], dtype=layout)
    return out["x"].copy(), out["y"].copy()


_RASTER_TYPES = {1: "u1", 2: "<u2", 3: "<i2", 4: "<u4", 5: "<i4", 6: "<f4", 7: "<f8"}  # Qgis.DataType


def read_heights(layer, model, context, feedback) -> Heights:
    """Heights of the DEM ``layer`` (band 1, metres) along every segment of the network ``model``."""
    from ...providers.i18n import translate

    provider = layer.dataProvider()
    if not layer.isValid() or provider is None or layer.bandCount() < 1:
        raise QgsProcessingException(
            translate("Potential", "The elevation model '{layer}' cannot be read: check the file.").format(
                layer=layer.name()
            )
        )
    net = model.net
    xy = net.xy
    to_raster = QgsCoordinateTransform(model.crs, layer.crs(), context.transformContext())
    box = QgsRectangle(
        float(xy[:, 0].min()) - 200,
        float(xy[:, 1].min()) - 200,
        float(xy[:, 0].max()) + 200,
        float(xy[:, 1].max()) + 200,
    )
    try:
        wanted = to_raster.transformBoundingBox(box)
    except Exception as exc:  # QgsCsException
        raise QgsProcessingException(
            translate("Potential", "The network cannot be placed on the elevation model's CRS ({crs}): {error}").format(
                crs=layer.crs().authid(), error=exc
            )
        )
    extent = layer.extent()
    area = wanted.intersect(extent)
    if area.isEmpty():
        raise QgsProcessingException(
            translate(
                "Potential",
                "The elevation model '{layer}' does not cover the network: choose a DEM of the network's area (or "
                "none).",
            ).format(layer=layer.name())
        )
    px, py = layer.rasterUnitsPerPixelX(), layer.rasterUnitsPerPixelY()
    # the block on the raster's own grid
    x0 = extent.xMinimum() + np.floor((area.xMinimum() - extent.xMinimum()) / px) * px
    x1 = extent.xMinimum() + np.ceil((area.xMaximum() - extent.xMinimum()) / px) * px
    y1 = extent.yMaximum() - np.floor((extent.yMaximum() - area.yMaximum()) / py) * py
    y0 = extent.yMaximum() - np.ceil((extent.yMaximum() - area.yMinimum()) / py) * py
    cols, rows = max(1, int(round((x1 - x0) / px))), max(1, int(round((y1 - y0) / py)))
    factor = max(1.0, float(np.sqrt(cols * rows / MAX_DEM_CELLS)))
    if factor > 1.0:
        cols, rows = max(1, int(cols / factor)), max(1, int(rows / factor))
        feedback.pushInfo(
            translate(
                "Potential", "The elevation model is read {factor:.1f} times coarser than its cells (a large area)."
            ).format(factor=factor)
        )
    block = provider.block(1, QgsRectangle(x0, y0, x1, y1), cols, rows)
    kind = _RASTER_TYPES.get(int(block.dataType()))
    if block is None or not block.isValid() or kind is None:
        raise QgsProcessingException(
            translate("Potential", "The elevation model '{layer}' could not be read (band 1, type {kind}).").format(
                layer=layer.name(), kind=int(block.dataType()) if block is not None else "?"
            )
        )
    values = np.frombuffer(bytes(block.data()), dtype=kind).reshape(rows, cols).astype(np.float64)
    if block.hasNoDataValue():
        values[values == block.noDataValue()] = np.nan
    if provider.sourceHasNoDataValue(1):
        values[values == provider.sourceNoDataValue(1)] = np.nan
    scale, offset = provider.bandScale(1), provider.bandOffset(1)
    if scale not in (0.0, 1.0) or offset:
        values = values * (scale or 1.0) + offset
    grid = potential.Grid(values, x0, y1, (x1 - x0) / cols, (y1 - y0) / rows)
    check_canceled(feedback)
    # cell size in metres (the network's CRS), the step between two heights along a segment
    cell = QgsRectangle(x0, y1 - grid.dy, x0 + grid.dx, y1)
    try:
        cell_m = (
            QgsCoordinateTransform(layer.crs(), model.crs, context.transformContext())
            .transformBoundingBox(cell)
            .width()
        )
    except Exception:  # QgsCsException
        cell_m = MIN_DEM_STEP
    step = max(MIN_DEM_STEP, float(cell_m))
    points, owner = potential.densified_points(xy, net.piece_start, net.piece_end, step)
    feedback.setProgress(50.0)
    rx, ry = transform_xy(points[:, 0], points[:, 1], to_raster)
    z = potential.sample_grid(grid, rx, ry)
    rise, complete = potential.segment_height_change(z, owner, net.length.shape[0])
    mid = (xy[net.piece_start] + xy[net.piece_end]) / 2.0
    records = [file_record(layer.source(), layer.name())]
    feedback.setProgress(100.0)
    return Heights(rise, complete, net.length, step, records, mid)
