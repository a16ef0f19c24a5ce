"""territorial:cycle_coverage — share of the routed flows and flow-km on cycle facilities, and the
busiest stretches without any facility, ranked.

The flows (e.g. non-motorised commuters, or every trip shorter than MAX_TRIP_KM) are routed like
``territorial:assign_flows`` (same network, zone and flow parameters, same mode filter); every
network segment is then matched to the cycle facilities by distance (``engine/coverage.py``).
"""

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeature,
    QgsFeatureRequest,
    QgsField,
    QgsFields,
    QgsGeometry,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterNumber,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant
from shapely.geometry import LineString

from ...providers import bnac
from ..engine import coverage
from ..engine.assign import assign
from ..engine.skim import skim
from . import _network_input as ni
from ._od_input import (
    MODE_FIELD,
    MODES,
    add_mode_filter,
    add_od_parameters,
    code_text_raw,
    layer_records,
    read_od_table,
)
from .assign_flows import classify_pairs, od_pairs, write_unrouted
from .base import PROVENANCE_FIELDS, TerritorialAlgorithm, cancel_check

STYLE = "cycle_coverage.qml"
GAPS_STYLE = "cycle_gaps.qml"


def _provenance_triple(names, attributes):
    """(source, licence, retrieved_at) of a feature whose layer has provenance fields, or None."""
    values = {key: code_text_raw(attributes[i]) for key, i in names.items()}
    triple = tuple(values.get(key, "") for key in PROVENANCE_FIELDS)
    return triple if triple[0] else None


def _records(triples, layer, name):
    return layer_records(triples, layer, name, most=20)


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
        ni.add_network_parameters(self)
        ni.add_zone_parameters(self)
        add_od_parameters(self, with_mode=True)
        add_mode_filter(self, "NM")
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MAX_TRIP_KM,
                self.tr("Longest trip kept, km on the network (0: no limit)"),
                QgsProcessingParameterNumber.Double,
                0.0,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.FACILITIES, self.tr("Cycle facilities (lines)"), [QgsProcessing.TypeVectorLine]
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MATCH_DISTANCE,
                self.tr("Match distance between a segment and a facility (metres)"),
                QgsProcessingParameterNumber.Double,
                15.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_COVERED_SHARE,
                self.tr("Share of a segment's length along a facility for it to count as covered (0..1)"),
                QgsProcessingParameterNumber.Double,
                0.5,
            )
        )
        self.addParameter(
            QgsProcessingParameterNumber(
                self.MIN_GAP_FLOW,
                self.tr("Gaps: only segments carrying more than this flow"),
                QgsProcessingParameterNumber.Double,
                0.0,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Segments with flow and coverage"), QgsProcessing.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.GAPS, self.tr("Gaps in the cycle network (ranked)"), QgsProcessing.TypeVectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.UNROUTED, self.tr("Flows not assigned"), QgsProcessing.TypeVector)
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
        facility_source = self._facility_source(parameters, context)

        model = ni.read_network(self, parameters, context, feedback)
        self.check_canceled(feedback)
        facilities, facility_records = self._read_facilities(parameters, context, feedback, facility_source, model)
        self.check_canceled(feedback)
        zones = ni.read_zones(self, parameters, context, feedback, model)
        frame = read_od_table(
            self, parameters, context, feedback, with_mode=bool(self.parameterAsString(parameters, MODE_FIELD, context))
        )
        mode_values = self.parameterAsString(parameters, MODES, context)
        pairs = od_pairs(self, frame, zones, mode_values, feedback)
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
        max_distance = self.parameterAsDouble(parameters, ni.MAX_CONNECTOR_DISTANCE, context)
        reason, detail, o_node, d_node = classify_pairs(self, pairs, zones, max_distance)
        routable = np.flatnonzero(reason == "")
        feedback.pushInfo(
            self.tr(
                "{pairs} OD pairs ({flow:.0f} trips) between {zones} zones; {routable} pairs can be routed."
            ).format(pairs=len(pairs), flow=total, zones=len(zones.codes), routable=routable.size)
        )
        self.check_canceled(feedback)
        feedback.setProgress(20.0)

        if max_trip_km > 0 and routable.size:
            routable = self._drop_long_trips(
                model, routable, o_node, d_node, flows, reason, detail, max_trip_km, feedback
            )
        self.check_canceled(feedback)
        result = assign(
            model.graph,
            o_node[routable],
            d_node[routable],
            flows[routable],
            cancel=cancel_check(feedback),
            progress=lambda p: feedback.setProgress(35.0 + 40.0 * p),
            log=feedback.pushInfo,
        )
        self.check_canceled(feedback)
        no_path = routable[result.unrouted]
        reason[no_path] = "no_path"
        for i in no_path:
            detail[i] = self.tr("no path on the network from the origin's node to the destination's node")

        segments = [
            LineString(model.net.piece_coords(p)) if model.net.piece_end[p] > model.net.piece_start[p] else None
            for p in range(model.net.piece_start.shape[0])
        ]
        shares = coverage.covered_shares(
            segments,
            facilities,
            match_distance,
            cancel=feedback.isCanceled,
            progress=lambda p: feedback.setProgress(75.0 + 13.0 * p),
        )
        self.check_canceled(feedback)
        length = model.net.length
        flow = result.flow_ab + result.flow_ba
        covered = coverage.is_covered(shares, min_share)
        totals = coverage.coverage_totals(flow, length, covered)
        gaps = coverage.rank_gaps(model.net.node_u, model.net.node_v, length, flow, ~covered & (flow > min_gap_flow))
        self.check_canceled(feedback)

        flow_unrouted = float(flows[reason != ""].sum())
        self._log(
            feedback, result, totals, total, flow_unrouted, reason, flows, shares, covered, length, gaps, match_distance
        )
        records = list(frame.attrs.get("records", []))
        dest_out, network_records = self._write_segments(parameters, context, feedback, model, flow, shares, covered)
        dest_gaps = self._write_gaps(parameters, context, feedback, model, gaps)
        dest_un = write_unrouted(self, parameters, self.UNROUTED, context, pairs, reason, detail)
        records = self._merge_records(records, network_records, facility_records)
        self.finish_output(dest_out, STYLE, records, title=self.tr("Cycle facility coverage"))
        self.finish_output(dest_gaps, GAPS_STYLE, records, title=self.tr("Gaps in the cycle network"))
        self.finish_output(dest_un, None, records, title=self.tr("Flows not assigned"))
        feedback.setProgress(100.0)
        return {
            self.OUTPUT: dest_out,
            self.GAPS: dest_gaps,
            self.UNROUTED: dest_un,
            "FLOW_KM": totals.flow_km,
            "FLOW_KM_COVERED": totals.flow_km_covered,
            "COVERED_SHARE": totals.covered_share,
            "FLOW_ASSIGNED": result.flow_assigned,
            "FLOW_UNROUTED": flow_unrouted,
        }

    # -- steps ------------------------------------------------------------------------------------
    def _facility_source(self, parameters, context):
        source = self.parameterAsSource(parameters, self.FACILITIES, context)
        if source is None:
            raise QgsProcessingException(
                self.tr(
                    "No cycle facility layer: choose a line layer of cycle facilities, e.g. the output of 'Fetch "
                    "cycle facilities (BNAC)' or a BNAC file."
                )
            )
        if QgsWkbTypes.geometryType(source.wkbType()) != QgsWkbTypes.LineGeometry:
            raise QgsProcessingException(
                self.tr(
                    "The cycle facility layer '{layer}' holds {kind} geometries, not lines: choose a line layer of "
                    "cycle facilities, e.g. the output of 'Fetch cycle facilities (BNAC)' or a BNAC file."
                ).format(layer=source.sourceName(), kind=QgsWkbTypes.displayString(source.wkbType()) or self.tr("no"))
            )
        return source

    def _read_facilities(self, parameters, context, feedback, source, model):
        """Facility lines in the network's projected CRS (shapely), and their provenance records."""
        import shapely.wkb

        name = source.sourceName() or self.FACILITIES
        fields = source.fields()
        lower = {f.name().lower(): i for i, f in enumerate(fields)}
        provenance = {key: lower[key] for key in PROVENANCE_FIELDS if key in lower}
        sides = (lower.get("ame_d"), lower.get("ame_g"))
        bnac_sides = None not in sides
        transform = QgsCoordinateTransform(source.sourceCrs(), model.crs, context.transformContext())
        geoms, triples = [], set()
        empty = without = 0
        total = source.featureCount() or 0
        for count, feature in enumerate(source.getFeatures(QgsFeatureRequest())):
            if count % 1000 == 0:
                self.check_canceled(feedback)
            attributes = feature.attributes()
            if bnac_sides and all(bnac.facility(attributes[i])[0] == "none" for i in sides):
                without += 1
                continue
            try:
                geom = ni.projected_lines(feature.geometry(), transform)
                if geom is None:
                    empty += 1
                    continue
                shp = shapely.wkb.loads(bytes(geom.asWkb()))
            except Exception:
                empty += 1
                continue
            if shp.is_empty or shp.geom_type not in ("LineString", "MultiLineString"):
                empty += 1
                continue
            geoms.append(shp)
            if provenance:
                triple = _provenance_triple(provenance, attributes)
                if triple:
                    triples.add(triple)
        if without:
            feedback.pushWarning(
                self.tr(
                    "{count} lines of the cycle facility layer have no facility on either side ('ame_d' and 'ame_g' "
                    "AUCUN, empty or unknown): left out."
                ).format(count=without)
            )
        if empty:
            feedback.pushWarning(
                self.tr("{count} features of the cycle facility layer have no usable line geometry: left out.").format(
                    count=empty
                )
            )
        if not geoms:
            raise QgsProcessingException(
                self.tr(
                    "The cycle facility layer '{layer}' has no usable facility line ({count} features): choose a "
                    "layer holding the cycle facilities of the network's area."
                ).format(layer=name, count=total)
            )
        feedback.pushInfo(
            self.tr("Cycle facilities: {count} lines from '{layer}'.").format(count=len(geoms), layer=name)
        )
        layer = self.parameterAsVectorLayer(parameters, self.FACILITIES, context)
        return geoms, _records(triples, layer, name)

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
            progress=lambda p: feedback.setProgress(20.0 + 15.0 * p),
            log=feedback.pushInfo,
        )
        self.check_canceled(feedback)
        km = np.asarray(result.length, dtype=np.float64) / 1000.0
        no_path = ~np.isfinite(km)
        too_long = np.isfinite(km) & (km > max_trip_km)
        for i, value in zip(routable[too_long], km[too_long]):
            reason[i] = "too_long"
            detail[i] = self.tr("{km:.1f} km on the network, more than the longest trip kept ({max:.1f} km)").format(
                km=value, max=max_trip_km
            )
        for i in routable[no_path]:
            reason[i] = "no_path"
            detail[i] = self.tr("no path on the network from the origin's node to the destination's node")
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
        stats = result.stats
        feedback.pushInfo(
            self.tr("Routing core: {nodes} nodes, {arcs} arcs; {workers} process(es), {seconds:.2f} s.").format(
                nodes=stats.get("core_nodes", 0),
                arcs=stats.get("core_arcs", 0),
                workers=stats.get("workers", 1),
                seconds=stats.get("seconds", 0.0),
            )
        )
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
        for code in sorted(set(reason) - {""}):
            mask = reason == code
            feedback.pushInfo(
                self.tr("Not assigned ({reason}): {count} pairs, flow {flow:.1f}.").format(
                    reason=code, count=int(mask.sum()), flow=float(flows[mask].sum())
                )
            )
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

    @staticmethod
    def _merge_records(*groups):
        out, seen = [], set()
        for group in groups:
            for record in group:
                key = (record.get("title"), record.get("url"), record.get("licence"), record.get("retrieved_at"))
                if key not in seen:
                    seen.add(key)
                    out.append(record)
        return out

    # -- outputs ----------------------------------------------------------------------------------
    def _write_segments(self, parameters, context, feedback, model, flow, shares, covered):
        source = self.parameterAsSource(parameters, ni.NETWORK, context)
        lower = {f.name().lower(): i for i, f in enumerate(source.fields())}
        provenance = {key: lower[key] for key in PROVENANCE_FIELDS if key in lower}
        triples = set()

        def visit(attrs):
            triple = _provenance_triple(provenance, attrs) if provenance else None
            if triple:
                triples.add(triple)

        length = model.net.length
        columns = [(name, QVariant.Double) for name in ("length_m", "flow", "flow_km", "covered_share")]
        columns.append(("covered", QVariant.Bool))
        dest = ni.write_pieces(
            self,
            parameters,
            self.OUTPUT,
            context,
            feedback,
            model,
            columns,
            lambda p: [
                float(length[p]),
                float(flow[p]),
                float(flow[p] * length[p] / 1000.0),
                float(shares[p]),
                bool(covered[p]),
            ],
            [0.0, 0.0, 0.0, 0.0, False],
            progress=(88.0, 96.0),
            visit=visit,
        )
        layer = self.parameterAsVectorLayer(parameters, ni.NETWORK, context)
        return dest, _records(triples, layer, source.sourceName() or ni.NETWORK)

    def _write_gaps(self, parameters, context, feedback, model, gaps):
        source = self.parameterAsSource(parameters, ni.NETWORK, context)
        fields = QgsFields()
        fields.append(QgsField("gap_rank", QVariant.Int))
        for name in ("length_m", "max_flow", "mean_flow", "flow_km"):
            fields.append(QgsField(name, QVariant.Double))
        fields.append(QgsField("segments", QVariant.Int))
        sink, dest = self.create_sink(
            parameters, self.GAPS, context, fields, QgsWkbTypes.MultiLineString, source.sourceCrs()
        )
        back = QgsCoordinateTransform(model.crs, source.sourceCrs(), context.transformContext())
        total = len(gaps) or 1
        for count, gap in enumerate(gaps):
            if count % 500 == 0:
                self.check_canceled(feedback)
                feedback.setProgress(96.0 + 3.0 * count / total)
            parts = [ni.piece_geometry(model, int(p), back) for p in gap.segments]
            geom = QgsGeometry.collectGeometry(parts)
            merged = geom.mergeLines()
            if not merged.isNull() and not merged.isEmpty():
                geom = merged
            geom.convertToMultiType()
            out = QgsFeature(fields)
            out.setGeometry(geom)
            out.setAttributes(
                [gap.rank, gap.length_m, gap.max_flow, gap.mean_flow, gap.flow_km, int(gap.segments.size)]
            )
            sink.addFeature(out)
        return dest
