"""territorial:territory_diagnostic — the whole chain for one territory in one step, as child
algorithms: boundaries, import of the flows, flow lines, indicators per commune, car assignment,
cycle facility coverage, cycling potential, public transport coverage (with a GTFS feed), printed
maps; one GeoPackage, the maps (PDF and PNG), a QGIS project and a summary.

Every layer goes into one GeoPackage under a name in the user's language (``lignes_de_flux`` under
a French QGIS), with its style and provenance (the child algorithms write them). The folder is
filled atomically: everything is written into a hidden folder first and moved in place at the end.
"""

import csv
import datetime as dt
import os
import re
import shutil
import sqlite3
import tempfile
import time
import unicodedata

from qgis import processing
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingOutputFolder,
    QgsProcessingOutputNumber,
    QgsProcessingOutputString,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterFolderDestination,
    QgsProcessingParameterRasterLayer,
    QgsProcessingParameterString,
    QgsProject,
    QgsVectorLayer,
)

from ...compat import (
    ProcessingAlgorithmFlag,
    ProcessingFileParameterBehavior,
    ProcessingParameterFlag,
    ProcessingSourceType,
)
from ...providers import geo_api, mobpro, modes, od
from ...providers.errors import DataError
from ...providers.http import plugin_version
from ...providers.i18n import translate
from ..engine import potential
from ..feedback import Steps
from ..inputs.flows import ALIASES, DEFAULTS, DESTINATION_FIELD, FLOW_FIELD, ORIGIN_FIELD
from ..inputs.zones import ZONE_ALIASES
from ..outputs.provenance import layer_metadata, layer_records
from ..outputs.sinks import STYLES_DIR, save_into_gpkg
from ..parameters import add_choice, add_number, choice
from .base import TerritorialAlgorithm

#: flows of these modes are today's cycling in the cycle coverage step, in this order of preference
ACTIVE_MODES = (modes.BIKE, modes.NON_MOTORISED, modes.TWO_WHEELER)
#: longest trip of the cycle coverage step (km on the network)
COVERAGE_MAX_KM = 10.0
#: gaps drawn on the cycling map
MAP_GAPS = 20
#: motorways closed to cyclists, by network schema (field, values)
MOTORWAYS = (("highway", ("motorway", "motorway_link")), ("type", ("motorway", "motorway_link")))
BDTOPO_MOTORWAY = ("nature", ("Type autoroutier",))
DIRECTION_FIELDS = ("sens_de_circulation", "oneway")


def table_name(text: str, fallback: str) -> str:
    """A GeoPackage table or file name from a (translated) name: ASCII, lower case, words joined by
    '_' (« lignes de flux » -> ``lignes_de_flux``); ``fallback`` when nothing is left."""
    ascii_text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode("ascii")
    name = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    return name or fallback


class TerritoryDiagnostic(TerritorialAlgorithm):
    ALGORITHM_ID = "territory_diagnostic"
    GROUP_ID = "maps"
    DATASETS = ("geo_api", "mobpro", "bdtopo", "bnac", "cog")

    TERRITORY = "TERRITORY"
    TERRITORY_NAME = "TERRITORY_NAME"
    ZONES = "ZONES"
    ZONE_ID_FIELD = "ZONE_ID_FIELD"
    FLOWS = "FLOWS"
    FLOWS_PRODUCER = "FLOWS_PRODUCER"
    FLOWS_LICENCE = "FLOWS_LICENCE"
    NETWORK = "NETWORK"
    CYCLE_FACILITIES = "CYCLE_FACILITIES"
    GTFS = "GTFS"
    DEM = "DEM"
    SCENARIO = "SCENARIO"
    TOLERANCE = "TOLERANCE"
    OUTPUT_FOLDER = "OUTPUT_FOLDER"

    def flags(self):
        # the maps are laid out and rendered by export_map, which needs the main thread
        return super().flags() | ProcessingAlgorithmFlag.NoThreading

    def displayName(self):
        return self.tr("Territory diagnostic (the whole chain)")

    def shortDescription(self):
        return self.tr(
            "Boundaries, home-work flows, flow lines, indicators, car loads, cycle facility coverage, cycling "
            "potential and public transport coverage of a territory in one step: one GeoPackage, printed maps, a "
            "QGIS project and a summary."
        )

    # -- names in the user's language -------------------------------------------------------------
    def layer_names(self):
        """Table names of the GeoPackage (and layer names of the project), in the user's language."""
        names = {
            "communes": self.tr("communes"),
            "zones": self.tr("zones"),
            "flows": self.tr("flows"),
            "flows_report": self.tr("flows_import_report"),
            "flow_lines": self.tr("flow_lines"),
            "intra_flows": self.tr("flows_within_communes"),
            "flows_missing_zones": self.tr("flows_missing_zones"),
            "commune_indicators": self.tr("commune_indicators"),
            "indicators_missing_zones": self.tr("indicators_missing_zones"),
            "roads": self.tr("roads"),
            "cycle_facilities": self.tr("cycle_facilities"),
            "road_loads": self.tr("road_loads"),
            "unrouted_flows": self.tr("car_flows_not_assigned"),
            "cycle_coverage": self.tr("cycle_coverage"),
            "cycle_gaps": self.tr("cycle_gaps"),
            "cycle_unrouted": self.tr("cycling_flows_not_assigned"),
            "potential_od": self.tr("cycling_potential_od"),
            "potential_segments": self.tr("cycling_potential_segments"),
            "potential_gaps": self.tr("cycling_potential_gaps"),
            "potential_zones": self.tr("cycling_potential_communes"),
            "transit_coverage": self.tr("transit_coverage"),
            "transit_zones": self.tr("transit_coverage_communes"),
        }
        return {key: table_name(value, key) for key, value in names.items()}

    def file_names(self):
        names = {
            "territory": self.tr("territory"),
            "map_flows": self.tr("map_flows"),
            "map_road_loads": self.tr("map_road_loads"),
            "map_cycling": self.tr("map_cycling_potential"),
            "map_transit": self.tr("map_transit"),
            "summary": "summary",
        }
        return {key: table_name(value, key) for key, value in names.items()}

    # -- parameters -------------------------------------------------------------------------------
    def initAlgorithm(self, config=None):
        territory = QgsProcessingParameterString(
            self.TERRITORY,
            self.tr("Territory: a commune, EPCI or département code (boundaries fetched)"),
            optional=True,
        )
        territory.setHelp(
            self.tr(
                "A commune (INSEE code, e.g. 95127), an EPCI (SIREN, e.g. 249500109) or a département (e.g. 95). "
                "Empty: the zones layer is the territory."
            )
        )
        self.addParameter(territory)
        self.addParameter(
            QgsProcessingParameterString(
                self.TERRITORY_NAME, self.tr("Name of the territory (maps and summary)"), optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.ZONES,
                self.tr("Zones (commune polygons; empty: the communes fetched for the territory)"),
                [ProcessingSourceType.VectorPolygon],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ZONE_ID_FIELD, self.tr("Zone code field"), parentLayerParameterName=self.ZONES, optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.FLOWS,
                self.tr("Flows: a MOBPRO file or an OD table (CSV, GeoPackage...)"),
                behavior=ProcessingFileParameterBehavior.File,
                fileFilter=self.tr(
                    "Flow files (*.csv *.txt *.zip *.gpkg *.xlsx *.ods *.CSV *.TXT *.ZIP);;All files (*.*)"
                ),
            )
        )
        for name, label in (
            (self.FLOWS_PRODUCER, self.tr("Producer of an OD table (for the maps' sources)")),
            (self.FLOWS_LICENCE, self.tr("Licence of an OD table")),
        ):
            param = QgsProcessingParameterString(name, label, optional=True)
            param.setFlags(param.flags() | ProcessingParameterFlag.Advanced)
            self.addParameter(param)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.NETWORK,
                self.tr("Road network (empty: BD TOPO fetched online)"),
                [ProcessingSourceType.VectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.CYCLE_FACILITIES,
                self.tr("Cycle facilities (empty: the national base BNAC fetched online)"),
                [ProcessingSourceType.VectorLine],
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFile(
                self.GTFS,
                self.tr("GTFS feed (zip, optional: public transport coverage)"),
                behavior=ProcessingFileParameterBehavior.File,
                fileFilter=self.tr("GTFS zip (*.zip);;All files (*.*)"),
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterRasterLayer(
                self.DEM, self.tr("Elevation model (DEM, optional: route gradients)"), optional=True
            )
        )
        labels = {
            "government_target": self.tr("government target (PCT 2020)"),
            "go_dutch": self.tr("Go Dutch (PCT 2020)"),
            "ebike": self.tr("e-bike (PCT 2020)"),
        }
        add_choice(
            self,
            self.SCENARIO,
            self.tr("Cycling scenario of the maps"),
            [(key, labels[key]) for key in potential.SCENARIOS],
            default="go_dutch",
            help_text=self.tr("Command line: SCENARIO=government_target, go_dutch or ebike."),
        )
        tolerance = add_number(
            self, self.TOLERANCE, self.tr("Snapping tolerance of the networks (metres)"), 1.0, decimals=1, minimum=0.0
        )
        tolerance.setFlags(tolerance.flags() | ProcessingParameterFlag.Advanced)
        self.addParameter(QgsProcessingParameterFolderDestination(self.OUTPUT_FOLDER, self.tr("Output folder")))
        self.addOutput(QgsProcessingOutputFile("GEOPACKAGE", self.tr("GeoPackage")))
        self.addOutput(QgsProcessingOutputFile("PROJECT", self.tr("QGIS project")))
        self.addOutput(QgsProcessingOutputFile("SUMMARY", self.tr("Summary (Markdown)")))
        self.addOutput(QgsProcessingOutputFile("SUMMARY_CSV", self.tr("Summary (CSV)")))
        self.addOutput(QgsProcessingOutputString("MAPS", self.tr("Maps (« ; » between files)")))
        self.addOutput(QgsProcessingOutputNumber("TOTAL_COMMUTERS", self.tr("Commuters")))
        self.addOutput(QgsProcessingOutputFolder("FOLDER", self.tr("Output folder")))

    # -- run --------------------------------------------------------------------------------------
    def process(self, parameters, context, feedback):
        folder = self.parameterAsString(parameters, self.OUTPUT_FOLDER, context)
        if not folder:
            raise QgsProcessingException(self.tr("Choose the output folder."))
        folder = os.path.abspath(folder)
        if "'" in folder:
            raise QgsProcessingException(
                self.tr("The output folder's path holds a quote ('): choose a folder without one.").format()
            )
        os.makedirs(folder, exist_ok=True)
        work = tempfile.mkdtemp(prefix=".territory_diagnostic.part-", dir=folder)
        try:
            results = self._run_chain(parameters, context, feedback, work)
            moved = {}
            for name in sorted(os.listdir(work)):
                if name.startswith("."):
                    continue
                target = os.path.join(folder, name)
                if os.path.isdir(target) and not os.path.islink(target):
                    shutil.rmtree(target)
                os.replace(os.path.join(work, name), target)
                moved[os.path.join(work, name)] = target
        finally:
            shutil.rmtree(work, ignore_errors=True)
        for key in ("GEOPACKAGE", "PROJECT", "SUMMARY", "SUMMARY_CSV"):
            results[key] = moved.get(results[key], results[key])
        results["MAPS"] = ";".join(moved.get(path, path) for path in results["MAPS"])
        results["FOLDER"] = folder
        feedback.pushInfo(self.tr("Everything is in {folder}.").format(folder=folder))
        return results

    def _run_chain(self, parameters, context, feedback, work):
        started = time.perf_counter()
        self.timings = []
        names, files = self.layer_names(), self.file_names()
        gpkg = os.path.join(work, files["territory"] + ".gpkg")
        run = _Chain(self, gpkg, names, context)
        steps = Steps(feedback, 12)
        territory = self._territory(parameters, context)
        scenario = choice(self, parameters, self.SCENARIO, context)
        tolerance = self.parameterAsDouble(parameters, self.TOLERANCE, context)

        # 1. boundaries; the zones
        step = steps.next()
        zones_param = parameters.get(self.ZONES) if self.parameterAsSource(parameters, self.ZONES, context) else None
        zone_field = self.parameterAsString(parameters, self.ZONE_ID_FIELD, context)
        if territory["code"]:
            run.child(
                self.tr("Communes of the territory"),
                "territorial:fetch_admin_boundaries",
                {"LEVEL": "commune", "CODE": territory["fetch"], "OUTPUT": run.dest("communes")},
                step,
            )
            communes = run.layer("communes")
            codes = self._codes(communes, "code")
            territory["codes"] = [territory["code"]] if territory["kind"] == "commune" else codes
            if territory["kind"] == "commune" and territory["code"] not in codes:
                raise QgsProcessingException(
                    self.tr("No commune has the code {code}: check the territory code.").format(code=territory["code"])
                )
            if zones_param is None:
                zones_param, zone_field = run.ref("communes"), "code"
        else:
            if zones_param is None:
                raise QgsProcessingException(
                    self.tr("Give a territory code, or a zones layer (the communes of the territory), or both.")
                )
            name, names, records = self._zones_source(parameters, context)
            run.child(
                self.tr("Zones copied into the GeoPackage"),
                "native:reprojectlayer",
                {
                    "INPUT": zones_param,
                    "TARGET_CRS": QgsCoordinateReferenceSystem("EPSG:4326"),
                    "OUTPUT": run.dest("communes"),
                },
                step,
                style="admin_boundaries.qml",
                metadata=layer_metadata(self.tr("Zones: {name}").format(name=name), records),
            )
            lower = {n.lower(): n for n in names}
            zone_field = zone_field or next((lower[a] for a in ZONE_ALIASES if a in lower), "")
            if not zone_field:
                raise QgsProcessingException(
                    self.tr("Choose the zone code field of the zones layer (none of {names} is there).").format(
                        names=", ".join(ZONE_ALIASES)
                    )
                )
            territory["codes"] = self._codes(run.layer("communes"), zone_field)
        territory["communes_ref"] = run.ref("communes")
        territory["communes_field"] = "code" if territory["code"] else zone_field
        zones = {"ZONES": zones_param, "ZONE_ID_FIELD": zone_field}

        # 2. flows
        step = steps.next()
        flows_file = self.parameterAsFile(parameters, self.FLOWS, context)
        self._import_flows(parameters, context, run, step, flows_file, territory)
        flows = run.named("flows")
        by_mode = self._flows_by_mode(run)
        flow_params = {
            "FLOWS": flows,
            "ORIGIN_FIELD": "origin",
            "DESTINATION_FIELD": "destination",
            "FLOW_FIELD": "flow",
        }

        # 3. flow lines, 4. indicators
        run.child(
            self.tr("Flow lines"),
            "territorial:od_flow_lines",
            {
                **flow_params,
                **zones,
                "DIRECTION": "two_way",
                "OUTPUT": run.dest("flow_lines"),
                "INTRA": run.dest("intra_flows"),
                "MISSING": run.dest("flows_missing_zones"),
            },
            steps.next(),
        )
        run.child(
            self.tr("Indicators per commune"),
            "territorial:commune_flow_indicators",
            {
                **flow_params,
                "MODE_FIELD": "mode",
                **zones,
                "OUTPUT": run.dest("commune_indicators"),
                "MISSING": run.dest("indicators_missing_zones"),
            },
            steps.next(),
        )

        # 5. road network, 6. cycle facilities
        step = steps.next()
        network = self._input_or_fetch(
            parameters, context, run, step, self.NETWORK, "roads", "territorial:fetch_bdtopo_roads", territory
        )
        step = steps.next()
        facilities = self._input_or_fetch(
            parameters,
            context,
            run,
            step,
            self.CYCLE_FACILITIES,
            "cycle_facilities",
            "territorial:fetch_cycle_lanes",
            territory,
        )
        network_options = self._network_options(network, context, tolerance)

        # 7. car commuters on the roads
        numbers = {}
        car = modes.CAR in by_mode
        results = run.child(
            self.tr("Car commuters assigned onto the roads"),
            "territorial:assign_flows",
            {
                "NETWORK": network,
                **network_options["car"],
                **zones,
                **flow_params,
                "MODE_FIELD": "mode" if car else "",
                "MODES": modes.CAR if car else "",
                "OUTPUT": run.dest("road_loads"),
                "UNROUTED": run.dest("unrouted_flows"),
            },
            steps.next(),
        )
        if not car:
            feedback.pushWarning(
                self.tr("The flows have no car mode: every commuter is assigned onto the roads (road_loads).")
            )
        numbers["car_commuters_assigned"] = results["FLOW_ASSIGNED"]
        numbers["car_vehicle_km"] = results["FLOW_KM"]

        # 8. today's cycling along the facilities
        step = steps.next()
        active = next((key for key in ACTIVE_MODES if key in by_mode), None)
        if active is not None:
            results = run.child(
                self.tr("Cycling commuters along the cycle facilities"),
                "territorial:cycle_coverage",
                {
                    "NETWORK": network,
                    **network_options["bike"],
                    **zones,
                    **flow_params,
                    "MODE_FIELD": "mode",
                    "MODES": active,
                    "MAX_TRIP_KM": COVERAGE_MAX_KM,
                    "FACILITIES": facilities,
                    "OUTPUT": run.dest("cycle_coverage"),
                    "GAPS": run.dest("cycle_gaps"),
                    "UNROUTED": run.dest("cycle_unrouted"),
                },
                step,
            )
            numbers["active_mode_of_coverage"] = active
            numbers["share_current_cycling_km_on_facilities"] = results["COVERED_SHARE"]
        else:
            feedback.pushWarning(
                self.tr("The flows have no cycling or non-motorised mode: no coverage of today's cycling.")
            )

        # 9. cycling potential
        dem = self.parameterAsRasterLayer(parameters, self.DEM, context)
        results = run.child(
            self.tr("Cycling potential"),
            "territorial:cycling_potential",
            {
                "NETWORK": network,
                **network_options["bike"],
                "CYCLE_FACILITIES": facilities,
                **({"DEM": parameters[self.DEM]} if dem is not None else {}),
                **zones,
                **flow_params,
                "MODE_FIELD": "mode",
                "CYCLE_MODE": modes.BIKE,
                "SCENARIO": scenario,
                "OUTPUT_OD": run.dest("potential_od"),
                "OUTPUT_SEGMENTS": run.dest("potential_segments"),
                "OUTPUT_GAPS": run.dest("potential_gaps"),
                "OUTPUT_ZONES": run.dest("potential_zones"),
            },
            steps.next(),
        )
        potential_results = results
        for key in ("CYCLISTS_NOW", "CYCLISTS_GOVERNMENT_TARGET", "CYCLISTS_GO_DUTCH", "CYCLISTS_EBIKE"):
            numbers[key.lower()] = results[key]
        numbers["share_scenario_cyclist_km_on_facilities"] = results["FACILITY_SHARE"]

        # 10. public transport
        step = steps.next()
        gtfs = self.parameterAsFile(parameters, self.GTFS, context)
        if gtfs:
            results = run.child(
                self.tr("Commuters served by public transport"),
                "territorial:transit_coverage",
                {
                    "GTFS": gtfs,
                    **zones,
                    **flow_params,
                    "OUTPUT": run.dest("transit_coverage"),
                    "ZONES_OUTPUT": run.dest("transit_zones"),
                },
                step,
            )
            for key in ("FLOW_TOTAL", "FLOW_DIRECT", "FLOW_TRANSFER", "SHARE_SERVED"):
                numbers[f"transit_{key.lower()}"] = results[key]

        # 11. maps
        maps = self._maps(run, work, files, territory, scenario, zones, bool(gtfs), steps.next())

        # 12. project and summary
        step = steps.next()
        project = self._project(work, files, run, territory)
        indicators = self._indicators(run, territory, by_mode, numbers, potential_results)
        summary_csv = os.path.join(work, files["summary"] + ".csv")
        self._write_csv(summary_csv, indicators)
        summary_md = os.path.join(work, files["summary"] + ".md")
        self._write_markdown(
            summary_md, run, territory, indicators, maps, project, scenario, time.perf_counter() - started
        )
        steps.done()
        step.pushInfo(self.tr("Summary: {path}").format(path=summary_md))
        return {
            "GEOPACKAGE": gpkg,
            "PROJECT": project,
            "SUMMARY": summary_md,
            "SUMMARY_CSV": summary_csv,
            "MAPS": maps,
            "TOTAL_COMMUTERS": indicators["total_commuters"],
        }

    # -- steps ------------------------------------------------------------------------------------
    def _territory(self, parameters, context):
        code = geo_api.normalise_code(self.parameterAsString(parameters, self.TERRITORY, context))
        name = self.parameterAsString(parameters, self.TERRITORY_NAME, context).strip()
        info = {"code": code, "name": name, "kind": "", "fetch": code, "codes": []}
        if not code:
            info["label"] = name or self.tr("the territory")
            return info
        if len(code) == 5:
            info.update(kind="commune", fetch=geo_api.departement_of(code))
            label = self.tr("commune {code}")
        elif code.isdigit() and len(code) == 9:
            info["kind"] = "epci"
            label = self.tr("EPCI {code}")
        elif len(code) in (2, 3):
            info["kind"] = "departement"
            label = self.tr("département {code}")
        else:
            raise QgsProcessingException(
                self.tr(
                    "Cannot tell what territory '{code}' is: give a commune INSEE code (5 characters, e.g. 95127), an "
                    "EPCI SIREN (9 digits) or a département (2 or 3 characters, e.g. 95, 2A, 974)."
                ).format(code=code)
            )
        info["label"] = name or label.format(code=code)
        return info

    def _zones_source(self, parameters, context):
        """Name, field names and provenance records of the ZONES layer, as plain values: a feature
        source kept in a local would outlive its layer in the traceback of a failed step."""
        source = self.parameterAsSource(parameters, self.ZONES, context)
        name, names = source.sourceName(), source.fields().names()
        del source
        return name, names, layer_records(set(), self.parameterAsVectorLayer(parameters, self.ZONES, context), name)

    def _codes(self, layer, field):
        index = layer.fields().lookupField(field)
        if index < 0:
            return []
        return sorted({str(f.attributes()[index]) for f in layer.getFeatures() if f.attributes()[index] is not None})

    def _import_flows(self, parameters, context, run, step, path, territory):
        if territory["kind"] == "epci":
            scope = ",".join(territory["codes"])
        else:
            scope = territory["code"]
        layout = None
        if os.path.splitext(path)[1].lower() in (".csv", ".txt", ".zip"):
            try:
                layout = mobpro.detect_layout(od.open_text_table(path))[0]
            except (DataError, OSError, ValueError):
                layout = None
        if layout is not None:
            run.child(
                self.tr("Home-work flows (INSEE MOBPRO), codes moved to the newest COG"),
                "territorial:import_mobpro",
                {"INPUT": path, "TERRITORY": scope, "OUTPUT": run.dest("flows"), "REPORT": run.dest("flows_report")},
                step,
            )
            return
        names = _field_names(path)
        if names is None:
            raise QgsProcessingException(
                self.tr("The flows file {path} is neither a MOBPRO file nor a table QGIS can open.").format(path=path)
            )
        fields = {}
        for key in (ORIGIN_FIELD, DESTINATION_FIELD, FLOW_FIELD):
            fields[key] = _guess_field(names, [DEFAULTS[key], *ALIASES[key]])
            if not fields[key]:
                raise QgsProcessingException(
                    self.tr(
                        "The OD table {path} has no {what} column among the usual names ({names}). Its columns are: "
                        "{columns}. Import it with 'Import an OD table' and give its result, or rename the column."
                    ).format(
                        path=path,
                        what=DEFAULTS[key],
                        names=", ".join([DEFAULTS[key], *ALIASES[key]]),
                        columns=", ".join(names),
                    )
                )
        mode = _guess_field(names, ["mode", "modtrans", "trans"])
        run.child(
            self.tr("OD table imported"),
            "territorial:import_od_table",
            {
                "INPUT": path,
                **fields,
                **({"MODE_FIELD": mode} if mode else {}),
                "TERRITORY": scope,
                "PRODUCER": self.parameterAsString(parameters, self.FLOWS_PRODUCER, context),
                "LICENCE": self.parameterAsString(parameters, self.FLOWS_LICENCE, context),
                "OUTPUT": run.dest("flows"),
                "REPORT": run.dest("flows_report"),
            },
            step,
        )

    def _flows_by_mode(self, run):
        """Commuters by mode key ('' for none) in the imported flows."""
        out = {}
        with run.database() as db:
            for mode, flow in db.execute(f'SELECT mode, SUM(flow) FROM "{run.names["flows"]}" GROUP BY mode'):
                key = modes.mode_key(mode) or (mode or "")
                out[key] = out.get(key, 0.0) + float(flow or 0.0)
        return out

    def _input_or_fetch(self, parameters, context, run, step, name, table, alg_id, territory):
        if self.parameterAsSource(parameters, name, context) is not None:
            return parameters[name]
        if not territory["code"]:
            raise QgsProcessingException(
                self.tr("Give the layer '{what}', or a territory code to fetch it online.").format(
                    what=self.parameterDefinition(name).description()
                )
            )
        run.child(
            self.parameterDefinition(name).description(),
            alg_id,
            {"CODE": territory["code"], "OUTPUT": run.dest(table)},
            step,
        )
        return run.ref(table)

    def _network_options(self, network, context, tolerance):
        """Cost, road types and the motorways closed to cyclists, from the network's schema."""
        layer = _vector_layer(network, context)
        fields = {f.name().lower(): f.name() for f in layer.fields()} if layer is not None else {}
        car = {"COST": "time", "TOLERANCE": tolerance}
        bike = {"TOLERANCE": tolerance}
        direction = next((fields[f] for f in DIRECTION_FIELDS if f in fields), "")
        if direction:
            car["DIRECTION_FIELD"] = direction
        closed = []
        for field, values in (*MOTORWAYS, BDTOPO_MOTORWAY):
            if field in fields:
                quoted = ", ".join("'" + v.replace("'", "''") + "'" for v in values)
                closed.append(f'"{fields[field]}" IN ({quoted})')
        if closed:
            bike["CLOSED_EXPRESSION"] = " OR ".join(closed)
        return {"car": car, "bike": bike}

    # -- maps -------------------------------------------------------------------------------------
    def _maps(self, run, work, files, territory, scenario, zones, with_gtfs, feedback):
        communes = territory["communes_ref"]
        extent = communes
        if territory["kind"] == "commune":
            extent = f"{communes}|subset=\"code\" = '{territory['code']}'"
        label = territory["label"]
        inset = zones["ZONES"] if zones["ZONES"] != communes else None
        common = {"EXTENT_LAYER": extent, **({"INSET_LAYER": inset} if inset else {})}
        scenario_label = {
            "government_target": self.tr("government target"),
            "go_dutch": self.tr("Go Dutch"),
            "ebike": self.tr("e-bike"),
        }[scenario]
        specs = [
            (
                "map_flows",
                [run.ref("flow_lines"), communes],
                self.tr("{territory}: home-work flows").format(territory=label),
                self.tr("Commuters between communes, both directions together"),
            ),
            (
                "map_road_loads",
                [run.ref("road_loads"), communes],
                self.tr("{territory}: car commuters on the roads").format(territory=label),
                self.tr("Shortest-time assignment of the car commuters, per road segment"),
            ),
            (
                "map_cycling",
                [
                    run.ref("potential_gaps") + f'|subset="gap_rank" <= {MAP_GAPS}',
                    run.ref("potential_segments"),
                    communes,
                ],
                self.tr("{territory}: cycling potential and gaps in the cycle network").format(territory=label),
                self.tr(
                    "Commuters who could cycle ({scenario} scenario of the Propensity to Cycle Tool) on the network; "
                    "the {count} busiest stretches without a cycle facility, ranked"
                ).format(scenario=scenario_label, count=MAP_GAPS),
            ),
        ]
        if with_gtfs:
            specs.append(
                (
                    "map_transit",
                    [run.ref("transit_coverage"), communes],
                    self.tr("{territory}: commuters served by public transport").format(territory=label),
                    self.tr("Flows served directly or with one change in the morning peak"),
                )
            )
        written = []
        pages = Steps(feedback, len(specs))  # one share of the step per map: the bar only moves forward
        for key, layers, title, subtitle in specs:
            pdf = os.path.join(work, files[key] + ".pdf")
            results = run.child(
                self.tr("Map: {title}").format(title=title),
                "territorial:export_map",
                {"LAYERS": layers, "TITLE": title, "SUBTITLE": subtitle, **common, "OUTPUT": pdf},
                pages.next(),
            )
            written.append(pdf)
            written += [p for p in results.get("PNG_FILES", "").split(";") if p]
        return written

    # -- project and summary ----------------------------------------------------------------------
    def _project(self, work, files, run, territory):
        """A QGIS project opening every layer of the GeoPackage with its style, paths relative."""
        project = QgsProject()
        project.setTitle(self.tr("Territory diagnostic: {territory}").format(territory=territory["label"]))
        project.setCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
        project.writeEntryBool("Paths", "/Absolute", False)
        root = project.layerTreeRoot()
        groups = [
            (self.tr("Cycling"), ("potential_gaps", "potential_segments", "potential_zones", "potential_od")),
            (self.tr("Cycle facilities today"), ("cycle_gaps", "cycle_coverage", "cycle_facilities")),
            (self.tr("Public transport"), ("transit_coverage", "transit_zones")),
            (self.tr("Roads"), ("road_loads", "roads")),
            (self.tr("Flows"), ("flow_lines", "intra_flows", "commune_indicators")),
            (self.tr("Territory"), ("communes",)),
        ]
        present = run.tables()
        for title, keys in groups:
            keys = [k for k in keys if run.names[k] in present]
            if not keys:
                continue
            group = root.addGroup(title)
            for key in keys:
                layer = QgsVectorLayer(run.ref(key), run.names[key], "ogr")
                if not layer.isValid():
                    continue
                layer.loadDefaultStyle()
                project.addMapLayer(layer, False)
                node = group.addLayer(layer)
                if key in ("potential_od", "roads", "cycle_facilities", "potential_zones", "commune_indicators"):
                    node.setItemVisibilityChecked(False)
        path = os.path.join(work, files["territory"] + ".qgz")
        if not project.write(path):
            raise QgsProcessingException(
                self.tr("Could not write the QGIS project {path}: {error}").format(path=path, error=project.error())
            )
        project.removeAllMapLayers()
        return path

    def _indicators(self, run, territory, by_mode, numbers, potential_results):
        names = run.names
        out = {"territory": territory["code"] or territory["label"], "communes": len(territory["codes"])}
        with run.database() as db:
            flows = f'"{names["flows"]}"'
            out["total_commuters"] = float(db.execute(f"SELECT COALESCE(SUM(flow), 0) FROM {flows}").fetchone()[0])
            for key in sorted(by_mode, key=lambda k: -by_mode[k]):
                out[f"commuters_{key or 'unknown_mode'}"] = by_mode[key]
            out["commuters_within_their_commune"] = float(
                db.execute(f"SELECT COALESCE(SUM(flow), 0) FROM {flows} WHERE origin = destination").fetchone()[0]
            )
            codes = set(territory["codes"])
            living = working = 0.0
            for origin, destination, flow in db.execute(f"SELECT origin, destination, flow FROM {flows}"):
                living += float(flow or 0.0) if origin in codes else 0.0
                working += float(flow or 0.0) if destination in codes else 0.0
            out["commuters_living_in_the_territory"] = living
            out["commuters_working_in_the_territory"] = working
            if names["cycle_coverage"] in run.tables():
                table = names["cycle_coverage"]
                total, covered = db.execute(
                    f'SELECT SUM(length_m), SUM(CASE WHEN covered THEN length_m ELSE 0 END) FROM "{table}"'
                ).fetchone()
                out["network_km"] = float(total or 0.0) / 1000.0
                out["network_km_along_cycle_facilities"] = float(covered or 0.0) / 1000.0
                out["share_network_km_along_cycle_facilities"] = float(covered or 0.0) / float(total) if total else 0.0
            first = db.execute(
                f'SELECT length_m, cyclist_km FROM "{names["potential_gaps"]}" ORDER BY gap_rank LIMIT 1'
            ).fetchone()
        out.update(numbers)
        commuters = float(potential_results["TOTAL_COMMUTERS"] or 0.0)
        out["commuters_with_a_trip"] = commuters
        out["share_cycling_now"] = numbers.get("cyclists_now", 0.0) / commuters if commuters else 0.0
        for scenario in potential.SCENARIOS:
            cyclists = out.pop(f"cyclists_{scenario}", 0.0)
            out[f"potential_{scenario}"] = cyclists
            out[f"share_potential_{scenario}"] = cyclists / commuters if commuters else 0.0
        if first is not None:
            out["largest_gap_km"] = float(first[0]) / 1000.0
            out["largest_gap_scenario_cyclist_km"] = float(first[1])
        return out

    def _write_csv(self, path, indicators):
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["indicator", "value"])
            for key, value in indicators.items():
                writer.writerow([key, _value(value)])

    def _write_markdown(self, path, run, territory, indicators, maps, project, scenario, seconds):
        lines = [f"# {self.tr('Territory diagnostic: {territory}').format(territory=territory['label'])}", ""]
        lines.append(
            self.tr("Produced on {date} with Territorial Data {version} in {seconds:.0f} s.").format(
                date=dt.date.today().isoformat(), version=plugin_version(), seconds=seconds
            )
        )
        lines += ["", f"## {self.tr('Key figures')}", "", f"| {self.tr('indicator')} | {self.tr('value')} |"]
        lines.append("| --- | ---: |")
        for key, value in indicators.items():
            lines.append(f"| `{key}` | {_readable(value)} |")
        lines += ["", f"## {self.tr('Layers of {file}').format(file=os.path.basename(run.gpkg))}", ""]
        for table in sorted(run.tables() & set(run.names.values())):
            layer = QgsVectorLayer(f"{run.gpkg}|layername={table}", table, "ogr")
            title = layer.metadata().title() if layer.isValid() else ""
            count = layer.featureCount() if layer.isValid() else 0
            lines.append(f"- **{table}** ({count}): {title}")
        lines += ["", f"## {self.tr('Maps')}", ""]
        lines += [f"- `{os.path.basename(p)}`" for p in maps if p.endswith(".pdf")]
        lines.append(
            self.tr("- `{project}`: the QGIS project opening all the layers, styled.").format(
                project=os.path.basename(project)
            )
        )
        lines += [
            "",
            f"## {self.tr('Steps')}",
            "",
            f"| {self.tr('step')} | {self.tr('algorithm')} | s |",
            "| --- | --- | ---: |",
        ]
        lines += [f"| {title} | `{alg}` | {sec:.1f} |" for title, alg, sec in self.timings]
        lines += ["", f"## {self.tr('Sources and licences')}", ""]
        lines += [f"- {source} — {licence}" for source, licence in run.sources()]
        lines += ["", f"## {self.tr('Read with care')}", ""]
        lines += [
            "- "
            + self.tr(
                "The census (MOBPRO) counts workers by their usual place of work and the main mode they declare, "
                "not trips; the 2014 census and earlier have no bicycle mode (NM mixes walking and cycling)."
            ),
            "- "
            + self.tr(
                "The cycling potential applies the uptake curves of the Propensity to Cycle Tool, fitted in England "
                "and Wales: an order of magnitude, not a forecast. Scenario of the maps: {scenario}."
            ).format(scenario=scenario),
            "- " + self.tr("Routes are shortest paths, all or nothing; trips within a commune are not on the network."),
        ]
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")


# -- helpers ---------------------------------------------------------------------------------------
class _Chain:
    """The child algorithms of one diagnostic and the GeoPackage they fill."""

    def __init__(self, alg, gpkg, names, context):
        self.alg = alg
        self.gpkg = gpkg
        self.names = names
        self.context = context
        self.inputs = []  # layers given to the child algorithms, kept alive

    def dest(self, key):
        return f"ogr:dbname='{self.gpkg}' table=\"{self.names[key]}\" (geom)"

    def ref(self, key):
        return f"{self.gpkg}|layername={self.names[key]}"

    def named(self, key):
        """The layer ``key`` named by its metadata title (« MOBPRO flows RP2014 »), as the child
        algorithms' input: their outputs' titles name it."""
        layer = self.layer(key)
        layer.setName(layer.metadata().title() or self.names[key])
        self.inputs.append(layer)
        return layer

    def layer(self, key):
        layer = QgsVectorLayer(self.ref(key), self.names[key], "ogr")
        if not layer.isValid():
            raise QgsProcessingException(
                translate("TerritoryDiagnostic", "The layer {name} is missing from {path}.").format(
                    name=self.names[key], path=self.gpkg
                )
            )
        return layer

    def child(self, title, alg_id, params, feedback, style=None, metadata=None):
        feedback.pushInfo(translate("TerritoryDiagnostic", "— {title} ({alg})").format(title=title, alg=alg_id))
        started = time.perf_counter()
        results = processing.run(alg_id, params, context=self.context, feedback=feedback, is_child_algorithm=True)
        self.alg.timings.append((title, alg_id, time.perf_counter() - started))
        if style:  # a QGIS algorithm: its output gets our style and metadata
            dest = str(results.get("OUTPUT") or "")
            if ".gpkg" in dest.lower():
                save_into_gpkg(dest, os.path.join(STYLES_DIR, style), metadata, feedback)
        return results

    def database(self):
        return _Database(self.gpkg)

    def tables(self):
        with self.database() as db:
            return {row[0] for row in db.execute("SELECT table_name FROM gpkg_contents")}

    def sources(self):
        """``(source, licence)`` of every layer of the GeoPackage, from its metadata."""
        found = {}
        for table in sorted(self.tables()):
            layer = QgsVectorLayer(f"{self.gpkg}|layername={table}", table, "ogr")
            if not layer.isValid():
                continue
            metadata = layer.metadata()
            rights, licences = metadata.rights(), metadata.licenses()
            for index, right in enumerate(rights):
                # one licence per right when the metadata pairs them, else all of the layer's
                licence = licences[index] if len(licences) == len(rights) else "; ".join(licences)
                if right:
                    found.setdefault(right, licence)
        return sorted(found.items())


class _Database:
    def __init__(self, path):
        self.path = path

    def __enter__(self):
        self.connection = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True)
        return self.connection

    def __exit__(self, *exc):
        self.connection.close()
        return False


def _vector_layer(value, context):
    """The vector layer a parameter value stands for (a layer, an id or a source string)."""
    from qgis.core import QgsProcessingFeatureSourceDefinition, QgsProcessingUtils

    if isinstance(value, QgsVectorLayer):
        return value
    if isinstance(value, QgsProcessingFeatureSourceDefinition):
        value = value.source.staticValue()
    layer = QgsProcessingUtils.mapLayerFromString(str(value), context)
    return layer if isinstance(layer, QgsVectorLayer) else None


def _field_names(path):
    """The field names of the table in ``path``, None when QGIS cannot open it (the layer is gone
    when this returns: a layer kept in the traceback of an error would outlive QGIS)."""
    layer = QgsVectorLayer(path, "flows", "ogr")
    return layer.fields().names() if layer.isValid() else None


def _guess_field(names, candidates):
    lower = {n.lower(): n for n in names}
    for candidate in candidates:
        candidate = candidate.lower()
        if candidate.endswith("*"):
            found = [n for n in names if n.lower().startswith(candidate[:-1])]
            if len(found) == 1:
                return found[0]
        elif candidate in lower:
            return lower[candidate]
    return ""


def _value(value):
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1 else f"{value:.2f}".rstrip("0").rstrip(".")
    return value


def _readable(value):
    if isinstance(value, float):
        if abs(value) < 1:
            return f"{value:.3f}"
        if abs(value) < 100:
            return f"{value:.1f}"
        return f"{value:,.0f}".replace(",", "\u202f")
    return str(value)
