"""territorial:transit_coverage — which OD flows a GTFS network serves in a time window, directly or
with one change, how often and how fast (the computation is in ``processing/engine/transit.py``)."""

import numpy as np
import pandas as pd
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingOutputNumber,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from shapely import wkb
from shapely.ops import unary_union

from ...compat import FieldType, GeometryType, ProcessingSourceType, WkbType, make_field
from ...providers import gtfs
from ..engine import transit
from ..engine.pairs import od_pairs
from ..feedback import CHECK_EVERY, Steps, cancel_check, fraction_callback, progress_callback
from ..inputs.flows import MODE_FIELD, MODES, add_mode_filter, add_od_parameters, read_od_table
from ..inputs.gtfs import feed_record, open_feed
from ..inputs.values import code_text, sample_list
from ..inputs.zones import ZONES, add_zone_parameters, read_zones
from ..outputs.provenance import merge_records, provenance_fields, provenance_for
from ..outputs.tables import number_text as number
from ..parameters import add_number
from .base import TerritorialAlgorithm


def _value(x):
    """A float for an attribute, None for NaN."""
    x = float(x)
    return None if np.isnan(x) else x


class TransitCoverage(TerritorialAlgorithm):
    ALGORITHM_ID = "transit_coverage"
    GROUP_ID = "networks"
    DATASETS = ("gtfs",)

    GTFS = "GTFS"
    DATE = "DATE"
    START_TIME = "START_TIME"
    END_TIME = "END_TIME"
    WALK_DISTANCE = "WALK_DISTANCE"
    WALK_SPEED_KMH = "WALK_SPEED_KMH"
    TRANSFER_DISTANCE = "TRANSFER_DISTANCE"
    MIN_TRANSFER_MIN = "MIN_TRANSFER_MIN"
    MAX_WAIT_MIN = "MAX_WAIT_MIN"
    OUTPUT = "OUTPUT"
    ZONES_OUTPUT = "ZONES_OUTPUT"

    def displayName(self):
        return self.tr("Public transport coverage of flows")

    def shortDescription(self):
        return self.tr(
            "Which OD flows a GTFS network serves in a time window, directly or with one change, how often "
            "and how fast, and the share of the flows served."
        )

    def initAlgorithm(self, config=None):
        self.addParameter(
            QgsProcessingParameterFile(
                self.GTFS, self.tr("GTFS feed (zip)"), fileFilter=self.tr("GTFS zip (*.zip);;All files (*.*)")
            )
        )
        date = QgsProcessingParameterString(
            self.DATE, self.tr("Date (YYYY-MM-DD; empty: the busiest weekday of the feed)"), optional=True
        )
        date.setHelp(self.tr("The service day: calendar.txt and calendar_dates.txt decide which trips run."))
        self.addParameter(date)
        self.addParameter(
            QgsProcessingParameterString(
                self.START_TIME, self.tr("Start of the time window (HH:MM)"), defaultValue="07:00"
            )
        )
        self.addParameter(
            QgsProcessingParameterString(
                self.END_TIME, self.tr("End of the time window (HH:MM, may exceed 24:00)"), defaultValue="09:00"
            )
        )
        add_zone_parameters(self)
        add_od_parameters(self, with_mode=True)
        add_mode_filter(self)
        numbers = (
            (self.WALK_DISTANCE, self.tr("Walking distance to a stop (m)"), 500.0),
            (self.WALK_SPEED_KMH, self.tr("Walking speed (km/h)"), 4.5),
            (self.TRANSFER_DISTANCE, self.tr("Walking distance of a change between two stops (m)"), 200.0),
            (self.MIN_TRANSFER_MIN, self.tr("Minimum change time (min)"), 2.0),
            (self.MAX_WAIT_MIN, self.tr("Maximum wait at a change (min)"), 30.0),
        )
        for name, label, default in numbers:
            add_number(self, name, label, default, decimals=1)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Flows served by public transport"), ProcessingSourceType.VectorLine
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.ZONES_OUTPUT,
                self.tr("Public transport coverage per zone"),
                ProcessingSourceType.VectorAnyGeometry,
                optional=True,
                createByDefault=True,
            )
        )
        for name, label in (
            ("FLOW_TOTAL", self.tr("Flow between distinct zones")),
            ("FLOW_DIRECT", self.tr("Flow served directly")),
            ("FLOW_TRANSFER", self.tr("Flow served with one change")),
            ("FLOW_NONE", self.tr("Flow not served")),
            ("SHARE_SERVED", self.tr("Share of the flow served (0-1)")),
        ):
            self.addOutput(QgsProcessingOutputNumber(name, label))

    # -- reading -------------------------------------------------------------------------------------
    def _settings(self, parameters, context):
        settings = transit.Settings(
            walk_distance=self.parameterAsDouble(parameters, self.WALK_DISTANCE, context),
            walk_speed_kmh=self.parameterAsDouble(parameters, self.WALK_SPEED_KMH, context),
            transfer_distance=self.parameterAsDouble(parameters, self.TRANSFER_DISTANCE, context),
            min_transfer_min=self.parameterAsDouble(parameters, self.MIN_TRANSFER_MIN, context),
            max_wait_min=self.parameterAsDouble(parameters, self.MAX_WAIT_MIN, context),
        )
        settings.check()
        return settings

    def _zone_shapes(self, parameters, context, zones, feedback):
        """Per zone code: the geometry in the layer's CRS (for the output) and in the projected CRS
        (shapely, to find the stops); features sharing a code are merged."""
        source = self.parameterAsSource(parameters, ZONES, context)
        request = QgsFeatureRequest().setSubsetOfAttributes([zones.field], source.fields())
        index = source.fields().lookupField(zones.field)
        to_projected = QgsCoordinateTransform(zones.crs, zones.projected, context.transformContext())
        originals, projected = {}, {}
        for count, feature in enumerate(source.getFeatures(request)):
            if count % CHECK_EVERY == 0:
                self.check_canceled(feedback)
            code = code_text(feature.attributes()[index])
            geometry = feature.geometry()
            if code is None or geometry is None or geometry.isNull() or geometry.isEmpty():
                continue
            originals.setdefault(code, []).append(QgsGeometry(geometry))
            moved = QgsGeometry(geometry)
            moved.transform(to_projected)
            projected.setdefault(code, []).append(wkb.loads(bytes(moved.asWkb())))
        shapes = {}
        for code, parts in projected.items():
            shape = parts[0] if len(parts) == 1 else unary_union([p if p.is_valid else p.buffer(0) for p in parts])
            original = originals[code][0] if len(parts) == 1 else QgsGeometry.unaryUnion(originals[code])
            shapes[code] = (original, shape)
        return shapes, source.wkbType()

    def _stop_positions(self, feed, zones, context):
        """Projected x, y of every stop of stops.txt (NaN without a position or never in stop_times)."""
        stops = feed.stops
        used = stops["stop_id"].isin(pd.unique(feed.stop_times["stop_id"])).to_numpy()
        lon = stops["lon"].to_numpy(dtype=np.float64)
        lat = stops["lat"].to_numpy(dtype=np.float64)
        x = np.full(len(stops), np.nan)
        y = np.full(len(stops), np.nan)
        transform = QgsCoordinateTransform(
            QgsCoordinateReferenceSystem("EPSG:4326"), zones.projected, context.transformContext()
        )
        for i in np.flatnonzero(used & np.isfinite(lon) & np.isfinite(lat)):
            try:
                point = transform.transform(QgsPointXY(float(lon[i]), float(lat[i])))
            except Exception:  # QgsCsException: a stop far outside the CRS area stays unplaced
                continue
            x[i], y[i] = point.x(), point.y()
        return pd.Index(stops["stop_id"]), x, y

    # -- running -------------------------------------------------------------------------------------
    def process(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, self.GTFS, context)
        date_text = self.parameterAsString(parameters, self.DATE, context).strip()
        start = gtfs.parse_clock(self.parameterAsString(parameters, self.START_TIME, context), self.tr("start"))
        end = gtfs.parse_clock(self.parameterAsString(parameters, self.END_TIME, context), self.tr("end"))
        gtfs.check_window(start, end)
        day = gtfs.parse_day(date_text) if date_text else None
        settings = self._settings(parameters, context)
        cancel = cancel_check(feedback)
        steps = Steps(feedback, 7)

        # flows and zones
        frame = read_od_table(
            self,
            parameters,
            context,
            steps.next(),
            with_mode=bool(self.parameterAsString(parameters, MODE_FIELD, context)),
        )
        if frame.empty:
            raise QgsProcessingException(
                self.tr("The flows table '{layer}' has no row.").format(layer=frame.attrs.get("name", ""))
            )
        zones = read_zones(self, parameters, context, steps.next())
        zone_codes = list(zones.points.frame.index)
        placed = len(zone_codes)
        mode_values = self.parameterAsString(parameters, MODES, context)
        pairs, _match = od_pairs(frame, zone_codes + list(zones.points.empty), mode_values, feedback.pushInfo)
        intra = pairs["origin"].to_numpy() == pairs["destination"].to_numpy()
        if intra.any():
            feedback.pushInfo(
                self.tr("Flows within a zone are left out: {flow} in {count} zones.").format(
                    flow=number(float(pairs.loc[intra, "flow"].sum())), count=int(intra.sum())
                )
            )
        pairs = pairs[~intra].reset_index(drop=True)
        if pairs.empty:
            raise QgsProcessingException(
                self.tr(
                    "No flow between two different zones{modes}: there is nothing to serve. Check the mode "
                    "filter and the origin and destination fields."
                ).format(modes=self.tr(" with the modes {modes}").format(modes=mode_values) if mode_values else "")
            )
        o_pos = pairs["o"].to_numpy()
        d_pos = pairs["d"].to_numpy()
        o_known = (o_pos >= 0) & (o_pos < placed)
        d_known = (d_pos >= 0) & (d_pos < placed)
        unknown = sorted(set(pairs.loc[~o_known, "origin"]) | set(pairs.loc[~d_known, "destination"]))
        if unknown:
            flow = float(pairs.loc[~(o_known & d_known), "flow"].sum())
            feedback.pushWarning(
                self.tr(
                    "{count} flow codes have no zone with a geometry ({codes}): their {pairs} pairs, flow {flow}, are "
                    "written as not served with the reason."
                ).format(
                    count=len(unknown),
                    codes=sample_list(unknown),
                    pairs=int((~(o_known & d_known)).sum()),
                    flow=number(flow),
                )
            )
        # the feed
        step = steps.next()
        feed, day = open_feed(path, day, step, cancel_check(step), progress_callback(step))
        runs = transit.build_runs(feed, day, start, end, settings, cancel=cancel)
        departures, _ = gtfs.departures_in_window(feed, day, start, end)
        window = f"{gtfs.format_clock(start)}-{gtfs.format_clock(end)}"
        if departures.empty:
            feedback.pushWarning(
                self.tr(
                    "No trip leaves a stop between {start} and {end} on {day}: no flow can be served. Check the time "
                    "window."
                ).format(start=gtfs.format_clock(start), end=gtfs.format_clock(end), day=day.isoformat())
            )
        # stops near the zones
        step = steps.next()
        stop_ids, sx, sy = self._stop_positions(feed, zones, context)
        shapes, zone_type = self._zone_shapes(parameters, context, zones, step)
        geoms = [shapes[c][1] if c in shapes else None for c in zone_codes]
        rep_x = zones.points.frame["x"].to_numpy()
        rep_y = zones.points.frame["y"].to_numpy()
        access = transit.zone_access(geoms, rep_x, rep_y, sx, sy, settings, cancel)
        if access.empty:
            raise QgsProcessingException(
                self.tr(
                    "No stop of the feed lies within {distance} m of any zone: the zones and the GTFS feed do not "
                    "cover the same "
                    "territory (check the zones layer and its CRS), or raise the walking distance."
                ).format(distance=number(settings.walk_distance))
            )
        stop_count = np.bincount(access["zone"].to_numpy(), minlength=placed)
        zone_departures = transit.zone_departures(departures, access, stop_ids, placed)
        links = transit.transfer_links(sx, sy, settings)
        feedback.pushInfo(
            self.tr(
                "{stops} stops of the feed lie within {distance} m of {zones} zones (of {total}); {links} changes by "
                "foot "
                "between stops within {transfer} m."
            ).format(
                stops=int(access["stop"].nunique()),
                distance=number(settings.walk_distance),
                zones=int((stop_count > 0).sum()),
                total=placed,
                links=int((links["stop"] != links["stop2"]).sum()) // 2,
                transfer=number(settings.transfer_distance),
            )
        )
        # the service of every pair
        step = steps.next()
        o_stops = np.where(o_known, stop_count[np.clip(o_pos, 0, placed - 1)], 0)
        d_stops = np.where(d_known, stop_count[np.clip(d_pos, 0, placed - 1)], 0)
        computed = o_known & d_known & (o_stops > 0) & (d_stops > 0)
        service = pd.DataFrame(
            {
                "direct_departures": np.zeros(len(pairs), dtype=np.int64),
                "best_direct_min": np.nan,
                "transfer_departures": np.zeros(len(pairs), dtype=np.int64),
                "best_transfer_min": np.nan,
                "served": "none",
                "headway_min": np.nan,
            }
        )
        if computed.any():
            chosen = pairs.loc[computed, ["o", "d"]].reset_index(drop=True)
            result = transit.coverage(
                runs,
                access,
                links,
                chosen,
                settings,
                cancel=cancel_check(step),
                progress=fraction_callback(step),
            )
            for column in service.columns:
                values = service[column].to_numpy().copy()
                values[computed] = result[column].to_numpy()
                service[column] = values
        self.check_canceled(feedback)
        served = service["served"].to_numpy()
        reason = transit.reasons(
            o_known, d_known, o_stops, d_stops, served, pairs["origin"], pairs["destination"], zones.points.empty
        )

        # totals
        flow = pairs["flow"].to_numpy(dtype=np.float64)
        totals = {kind: float(flow[served == kind].sum()) for kind in transit.SERVED}
        total = float(flow.sum())
        share = (totals["direct"] + totals["transfer"]) / total if total > 0 else 0.0
        feedback.pushInfo(
            self.tr(
                "{date}, {window}: of a flow of {total} between distinct zones ({pairs} pairs), {direct} "
                "({direct_share:.1%}) "
                "is served directly, {transfer} ({transfer_share:.1%}) with one change and {none} ({none_share:.1%}) "
                "is not "
                "served: {share:.1%} served."
            ).format(
                date=day.isoformat(),
                window=window,
                total=number(total),
                pairs=len(pairs),
                direct=number(totals["direct"]),
                transfer=number(totals["transfer"]),
                none=number(totals["none"]),
                share=share,
                direct_share=totals["direct"] / total if total else 0.0,
                transfer_share=totals["transfer"] / total if total else 0.0,
                none_share=totals["none"] / total if total else 0.0,
            )
        )
        without = [c for c, n in zip(zone_codes, stop_count) if n == 0]
        if without:
            involved = sorted(
                set(pairs.loc[o_known & (o_stops == 0), "origin"])
                | set(pairs.loc[d_known & (d_stops == 0), "destination"])
            )
            feedback.pushWarning(
                self.tr(
                    "{count} zones have no stop within {distance} m; {involved} of them carry flows ({codes}): those "
                    "flows are not served (reason given per line and per zone)."
                ).format(
                    count=len(without),
                    distance=number(settings.walk_distance),
                    involved=len(involved),
                    codes=sample_list(involved),
                )
            )
        # writing
        record = feed_record(path, feed)
        records = merge_records([record], frame.attrs.get("records", []), zones.records)
        provenance = provenance_for([record] + list(frame.attrs.get("records", [])))
        label = f"{record.get('producer', '')} {day.isoformat()} {window}".strip()
        lines_id = self._write_lines(
            parameters,
            context,
            steps.next(),
            pairs,
            service,
            reason,
            o_known,
            d_known,
            o_stops,
            d_stops,
            zones,
            day,
            window,
            provenance,
        )
        self.finish_output(
            lines_id,
            "transit_coverage.qml",
            records,
            title=self.tr("Flows served by public transport — {label}").format(label=label),
        )
        results = {
            self.OUTPUT: lines_id,
            "FLOW_TOTAL": total,
            "FLOW_DIRECT": totals["direct"],
            "FLOW_TRANSFER": totals["transfer"],
            "FLOW_NONE": totals["none"],
            "SHARE_SERVED": share,
        }
        step = steps.next()
        if parameters.get(self.ZONES_OUTPUT) is None:
            steps.done()
            return results
        zones_id, polygons = self._write_zones(
            parameters,
            context,
            step,
            pairs,
            served,
            zone_codes,
            zones,
            shapes,
            zone_type,
            stop_count,
            zone_departures,
            settings,
            provenance,
        )
        self.finish_output(
            zones_id,
            "transit_zones.qml" if polygons else "transit_zones_points.qml",
            records,
            title=self.tr("Public transport coverage per zone — {label}").format(label=label),
        )
        results[self.ZONES_OUTPUT] = zones_id
        steps.done()
        return results

    # -- writing -------------------------------------------------------------------------------------
    def _write_lines(
        self,
        parameters,
        context,
        feedback,
        pairs,
        service,
        reason,
        o_known,
        d_known,
        o_stops,
        d_stops,
        zones,
        day,
        window,
        provenance,
    ):
        fields = QgsFields()
        for name, kind in (
            ("origin", FieldType.String),
            ("destination", FieldType.String),
            ("flow", FieldType.Double),
            ("served", FieldType.String),
            ("direct_departures", FieldType.Int),
            ("transfer_departures", FieldType.Int),
            ("headway_min", FieldType.Double),
            ("best_direct_min", FieldType.Double),
            ("best_transfer_min", FieldType.Double),
            ("origin_stops", FieldType.Int),
            ("destination_stops", FieldType.Int),
            ("reason", FieldType.String),
            ("date", FieldType.String),
            ("time_window", FieldType.String),
        ):
            fields.append(make_field(name, kind))
        for field in provenance_fields():
            fields.append(field)
        to_output = QgsCoordinateTransform(zones.projected, zones.crs, context.transformContext())
        points = zones.points.frame
        place = {
            code: to_output.transform(QgsPointXY(float(x), float(y)))
            for code, x, y in zip(points.index, points["x"], points["y"])
        }
        writer = self.create_writer(
            parameters, self.OUTPUT, context, fields, WkbType.LineString, zones.crs, feedback, len(pairs)
        )
        order = np.argsort(pairs["flow"].to_numpy(), kind="mergesort")  # the largest flows draw last
        columns = [
            pairs["origin"].tolist(),
            pairs["destination"].tolist(),
            pairs["flow"].astype(float).tolist(),
            service["served"].tolist(),
            service["direct_departures"].astype(int).tolist(),
            service["transfer_departures"].astype(int).tolist(),
        ]
        numbers = [
            [_value(v) for v in service[c].to_numpy(dtype=np.float64)]
            for c in ("headway_min", "best_direct_min", "best_transfer_min")
        ]
        o_count, d_count = [int(v) for v in o_stops], [int(v) for v in d_stops]
        for i in order:
            origin, destination = columns[0][i], columns[1][i]
            geometry = None
            if o_known[i] and d_known[i]:
                geometry = QgsGeometry.fromPolylineXY([place[origin], place[destination]])
            writer.add_row(
                [
                    origin,
                    destination,
                    columns[2][i],
                    columns[3][i],
                    columns[4][i],
                    columns[5][i],
                    numbers[0][i],
                    numbers[1][i],
                    numbers[2][i],
                    o_count[i],
                    d_count[i],
                    reason[i] or None,
                    day.isoformat(),
                    window,
                ]
                + provenance,
                geometry,
            )
        return writer.close()

    def _write_zones(
        self,
        parameters,
        context,
        feedback,
        pairs,
        served,
        zone_codes,
        zones,
        shapes,
        zone_type,
        stop_count,
        zone_departures,
        settings,
        provenance,
    ):
        fields = QgsFields()
        fields.append(make_field("code", FieldType.String))
        for name in ("stops", "departures"):
            fields.append(make_field(name, FieldType.Int))
        for name in ("flow_out", "flow_out_direct", "flow_out_served", "share_served"):
            fields.append(make_field(name, FieldType.Double))
        fields.append(make_field("reason", FieldType.String))
        for field in provenance_fields():
            fields.append(field)
        flow = pairs["flow"].to_numpy(dtype=np.float64)
        origin = pairs["origin"].to_numpy()
        out = pd.Series(flow).groupby(origin).sum()
        direct = pd.Series(np.where(served == "direct", flow, 0.0)).groupby(origin).sum()
        reached = pd.Series(np.where(served != "none", flow, 0.0)).groupby(origin).sum()
        polygons = QgsWkbTypes.geometryType(zone_type) == GeometryType.Polygon
        geometry_type = QgsWkbTypes.multiType(QgsWkbTypes.flatType(zone_type))
        writer = self.create_writer(
            parameters, self.ZONES_OUTPUT, context, fields, geometry_type, zones.crs, feedback, len(zone_codes)
        )
        no_stop = self.tr("no stop within {distance} m").format(distance=number(settings.walk_distance))
        for i, code in enumerate(zone_codes + list(zones.points.empty)):
            geometry = None
            if code in shapes:
                geometry = QgsGeometry(shapes[code][0])
                geometry.convertToMultiType()
            stops = int(stop_count[i]) if i < len(zone_codes) else 0
            flow_out = float(out.get(code, 0.0))
            flow_served = float(reached.get(code, 0.0))
            reason = None
            if i >= len(zone_codes):
                reason = self.tr("no geometry")
            elif stops == 0:
                reason = no_stop
            writer.add_row(
                [
                    code,
                    stops,
                    int(zone_departures[i]) if i < len(zone_codes) else 0,
                    flow_out,
                    float(direct.get(code, 0.0)),
                    flow_served,
                    flow_served / flow_out if flow_out > 0 else None,
                    reason,
                ]
                + provenance,
                geometry,
            )
        return writer.close(), polygons
