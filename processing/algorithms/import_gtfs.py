"""territorial:import_gtfs — a GTFS zip → stops (points) and routes (lines) with departures in a time window."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFile,
    QgsProcessingParameterString,
)

from ...compat import FieldType, ProcessingSourceType, WkbType, make_field
from ...providers import gtfs
from ..feedback import Steps, cancel_check, progress_callback
from ..inputs.gtfs import feed_record, open_feed
from ..outputs.geometry import qgs_geometry
from ..outputs.provenance import provenance_fields, provenance_values
from .base import TerritorialAlgorithm

STOP_TEXT = ["stop_id", "stop_code", "stop_name"]
ROUTE_TEXT = ["route_id", "agency_id", "route_short_name", "route_long_name"]


def _int(value):
    try:
        return int(str(value).strip())
    except ValueError:
        return None


class ImportGtfs(TerritorialAlgorithm):
    ALGORITHM_ID = "import_gtfs"
    GROUP_ID = "sources"
    DATASETS = ("gtfs",)

    INPUT = "INPUT"
    DATE = "DATE"
    START_TIME = "START_TIME"
    END_TIME = "END_TIME"
    STOPS = "STOPS"
    ROUTES = "ROUTES"

    def displayName(self):
        return self.tr("Import a GTFS feed")

    def shortDescription(self):
        return self.tr(
            "Stops and route lines of a GTFS zip, with the number of departures per stop and per route in a time "
            "window of a date."
        )

    def initAlgorithm(self, config=None):
        # a file filter, not an extension: a feed in the cache is a '.data' file
        self.addParameter(
            QgsProcessingParameterFile(
                self.INPUT, self.tr("GTFS feed (zip)"), fileFilter=self.tr("GTFS zip (*.zip);;All files (*.*)")
            )
        )
        date = QgsProcessingParameterString(
            self.DATE, self.tr("Date (YYYY-MM-DD; empty: the busiest weekday of the feed)"), optional=True
        )
        date.setHelp(self.tr("The service day: calendar.txt and calendar_dates.txt decide which trips run."))
        self.addParameter(date)
        start = QgsProcessingParameterString(
            self.START_TIME, self.tr("Start of the time window (HH:MM)"), defaultValue="07:00"
        )
        start.setHelp(self.tr("Departures at or after this time are counted."))
        self.addParameter(start)
        end = QgsProcessingParameterString(
            self.END_TIME, self.tr("End of the time window (HH:MM, may exceed 24:00)"), defaultValue="09:00"
        )
        end.setHelp(self.tr("Departures before this time are counted; 25:30 is 1:30 the next morning."))
        self.addParameter(end)
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.STOPS, self.tr("GTFS stops"), ProcessingSourceType.VectorPoint)
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.ROUTES,
                self.tr("GTFS routes"),
                ProcessingSourceType.VectorLine,
                optional=True,
                createByDefault=True,
            )
        )

    def process(self, parameters, context, feedback):
        path = self.parameterAsFile(parameters, self.INPUT, context)
        date_text = self.parameterAsString(parameters, self.DATE, context).strip()
        start = gtfs.parse_clock(self.parameterAsString(parameters, self.START_TIME, context), self.tr("start"))
        end = gtfs.parse_clock(self.parameterAsString(parameters, self.END_TIME, context), self.tr("end"))
        gtfs.check_window(start, end)
        day = gtfs.parse_day(date_text) if date_text else None
        steps = Steps(feedback, 4)
        step = steps.next()
        feed, day = open_feed(path, day, step, cancel_check(step), progress_callback(step))
        step = steps.next()
        tables = gtfs.service_tables(feed, day, start, end, cancel_check(step))
        for warning in tables.warnings:
            feedback.pushWarning(warning)
        record = feed_record(path, feed)
        window = f"{gtfs.format_clock(start)}-{gtfs.format_clock(end)}"
        stops_layer, stop_features = self._stop_features(tables, record, day, window)
        routes_layer, route_features = self._route_features(tables, record, day, window)
        crs = QgsCoordinateReferenceSystem("EPSG:4326")
        writer = self.create_writer(
            parameters, self.STOPS, context, stops_layer, WkbType.Point, crs, steps.next(), len(stop_features)
        )
        writer.add_all(stop_features)
        stops_id = writer.close()
        routes_id = None
        step = steps.next()
        if parameters.get(self.ROUTES) is not None:
            writer = self.create_writer(
                parameters,
                self.ROUTES,
                context,
                routes_layer,
                WkbType.MultiLineString,
                crs,
                step,
                len(route_features),
            )
            writer.add_all(route_features)
            routes_id = writer.close()
        steps.done()
        busiest = tables.stops[tables.stops.location_type != "1"].sort_values("departures", ascending=False).head(1)
        feedback.pushInfo(
            self.tr(
                "{stops} stops, {routes} routes; {departures} departures between {start} and {end} on {day}; busiest "
                "stop: {stop} ({count})."
            ).format(
                stops=len(tables.stops),
                routes=len(tables.routes),
                departures=len(tables.departures),
                start=gtfs.format_clock(start),
                end=gtfs.format_clock(end),
                day=day.isoformat(),
                stop=busiest.stop_name.iloc[0] if len(busiest) else "-",
                count=int(busiest.departures.iloc[0]) if len(busiest) else 0,
            )
        )
        label = f"{record.get('producer', '')} {day.isoformat()} {window}".strip()
        self.finish_output(
            stops_id, "gtfs_stops.qml", [record], title=self.tr("GTFS stops — {label}").format(label=label)
        )
        results = {self.STOPS: stops_id}
        if routes_id is not None:
            self.finish_output(
                routes_id, "gtfs_routes.qml", [record], title=self.tr("GTFS routes — {label}").format(label=label)
            )
            results[self.ROUTES] = routes_id
        return results

    @staticmethod
    def _common_fields(fields):
        fields.append(make_field("departures", FieldType.Int))
        fields.append(make_field("departures_per_hour", FieldType.Double))
        fields.append(make_field("date", FieldType.String))
        fields.append(make_field("time_window", FieldType.String))
        for field in provenance_fields():
            fields.append(field)

    def _stop_features(self, tables, record, day, window):
        fields = QgsFields()
        for name in STOP_TEXT:
            fields.append(make_field(name, FieldType.String))
        fields.append(make_field("location_type", FieldType.Int))
        fields.append(make_field("parent_station", FieldType.String))
        fields.append(make_field("routes", FieldType.String))
        self._common_fields(fields)
        provenance = provenance_values(record)
        features = []
        for row in tables.stops.itertuples(index=False):
            feature = QgsFeature(fields)
            if row.lon == row.lon and row.lat == row.lat:  # not NaN
                feature.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(float(row.lon), float(row.lat))))
            feature.setAttributes(
                [
                    row.stop_id,
                    row.stop_code,
                    row.stop_name,
                    _int(row.location_type),
                    row.parent_station,
                    row.routes,
                    int(row.departures),
                    float(row.departures_per_hour),
                    day.isoformat(),
                    window,
                ]
                + provenance
            )
            features.append(feature)
        return fields, features

    def _route_features(self, tables, record, day, window):
        fields = QgsFields()
        for name in ROUTE_TEXT:
            fields.append(make_field(name, FieldType.String))
        fields.append(make_field("route_type", FieldType.Int))
        for name in ("mode", "color", "text_color"):
            fields.append(make_field(name, FieldType.String))
        fields.append(make_field("stops_count", FieldType.Int))
        fields.append(make_field("geometry_source", FieldType.String))
        self._common_fields(fields)
        provenance = provenance_values(record)
        features = []
        for row in tables.routes.itertuples(index=False):
            feature = QgsFeature(fields)
            geometry = qgs_geometry(row.geometry)
            if not geometry.isNull():
                geometry.convertToMultiType()
                feature.setGeometry(geometry)
            feature.setAttributes(
                [
                    row.route_id,
                    row.agency_id,
                    row.route_short_name,
                    row.route_long_name,
                    _int(row.route_type),
                    row.mode,
                    row.color,
                    row.text_color,
                    int(row.stops_count),
                    row.geometry_source,
                    int(row.departures),
                    float(row.departures_per_hour),
                    day.isoformat(),
                    window,
                ]
                + provenance
            )
            features.append(feature)
        return fields, features
