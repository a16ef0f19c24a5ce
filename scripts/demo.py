#!/usr/bin/python3
"""``make demo``: the main job on the embedded sample territory (Val-d'Oise), offline.

Runs the plugin's algorithms through the Processing registry of a headless QGIS, exactly as the
GUI and ``qgis_process`` do, on the files of ``sample/`` and the seeded cache ``sample/cache/``
(no network is used), and writes into ``demo-output/``:

- ``territoire.gpkg``: every layer, each with its style and provenance metadata;
- ``carte_territoire.pdf``: the printed map (when the map algorithm is available);
- ``summary.md``: what was done, key figures, sources and licences, timings.

The outputs are built in a temporary folder and moved into place at the end: a failed or
interrupted demo leaves the previous outputs untouched.
"""

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "sample"
VAL_DOISE = SAMPLE / "val-doise"
OUTPUT = Path(os.environ.get("DEMO_OUTPUT", ROOT / "demo-output"))


def start_qgis():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("XDG_RUNTIME_DIR", tempfile.mkdtemp(prefix="xdg-"))
    from qgis.core import QgsApplication

    QgsApplication.setPrefixPath("/usr", True)
    app = QgsApplication([], False)
    app.initQgis()
    sys.path.append(os.path.join(QgsApplication.pkgDataPath(), "python", "plugins"))
    from processing.core.Processing import Processing

    Processing.initialize()
    sys.path.insert(0, str(ROOT / "scripts"))  # `python -P` (make demo) leaves the script's folder out
    import plugin_loader

    plugin = plugin_loader.load_plugin().classFactory(None)
    plugin.initProcessing()
    return app, plugin


class Demo:
    def __init__(self, work: Path):
        self.work = work
        self.gpkg = work / "territoire.gpkg"
        self.lines = []
        self.timings = []
        self.sources = {}

    def layer_uri(self, name: str) -> str:
        """A Processing destination that adds a layer to the demo GeoPackage."""
        return f"ogr:dbname='{self.gpkg}' table=\"{name}\" (geom)"

    def gpkg_layer(self, name: str) -> str:
        return f"{self.gpkg}|layername={name}"

    def run(self, title: str, algorithm: str, params: dict):
        from qgis import processing
        from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

        feedback = QgsProcessingFeedback()
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        print(f"- {title} ({algorithm})…", flush=True)
        start = time.perf_counter()
        results = processing.run(algorithm, params, context=context, feedback=feedback)
        elapsed = time.perf_counter() - start
        self.timings.append((title, algorithm, elapsed))
        print(f"  done in {elapsed:.1f} s", flush=True)
        return results

    def layer(self, name: str):
        from qgis.core import QgsVectorLayer

        layer = QgsVectorLayer(self.gpkg_layer(name), name, "ogr")
        if not layer.isValid():
            raise RuntimeError(f"layer {name} missing from {self.gpkg}")
        metadata = layer.metadata()
        for right, licence in zip(metadata.rights() or [""], metadata.licenses() or [""]):
            if right:
                self.sources[right] = licence
        return layer

    def say(self, text: str):
        self.lines.append(text)


def thousands(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f")


# -- the steps: each adds layers to the GeoPackage and lines to the summary --------------------------


def step_boundaries(demo: Demo):
    demo.run(
        "Communes of the Val-d'Oise (geo.api.gouv.fr, from the seeded cache)",
        "territorial:fetch_admin_boundaries",
        {"LEVEL": "commune", "CODE": "95", "OUTPUT": demo.layer_uri("communes")},
    )
    layer = demo.layer("communes")
    population = sum(f["population"] for f in layer.getFeatures())
    demo.say(f"- **communes**: {layer.featureCount()} communes of the Val-d'Oise, population {thousands(population)}")


def step_flows(demo: Demo):
    flows_file = VAL_DOISE / "flux_domicile_travail_idf_rp2014_mode_csp_residence_95.csv"
    demo.run(
        "Home-work flows (INSEE MOBPRO RP2014, by mode), codes moved to the newest COG",
        "territorial:import_mobpro",
        {"INPUT": str(flows_file), "OUTPUT": demo.layer_uri("flows"), "REPORT": demo.layer_uri("flows_report")},
    )
    flows = demo.layer("flows")
    total = sum(f["flow"] for f in flows.getFeatures())
    report = list(demo.layer("flows_report").getFeatures())
    moved = ", ".join(f"{f['code']}→{f['new_code']}" for f in report if f["kind"] == "merged")
    dropped = sum(f["flow"] for f in report if f["dropped"])
    demo.say(
        f"- **flows**: {flows.featureCount()} origin-destination rows, "
        f"{thousands(total)} commuters living in the Val-d'Oise, "
        f"commune codes of RP2014 moved to COG 2026; **flows_report**: {len(report)} codes reported (merged: {moved}; "
        f"flow dropped: {thousands(dropped)})"
    )
    zones = str(VAL_DOISE / "communes_idf.geojson")
    demo.run(
        "Flow lines",
        "territorial:od_flow_lines",
        {
            "FLOWS": demo.gpkg_layer("flows"),
            "ZONES": zones,
            "ZONE_ID_FIELD": "insee_com",
            "DIRECTION": "two_way",
            "MIN_FLOW": 200,
            "OUTPUT": demo.layer_uri("flow_lines"),
            "INTRA": demo.layer_uri("intra_flows"),
            "MISSING": demo.layer_uri("flows_missing_zones"),
        },
    )
    lines = demo.layer("flow_lines")
    demo.say(
        f"- **flow_lines**: {lines.featureCount()} flow lines of 200 commuters or more (both directions merged); "
        f"**intra_flows**: {demo.layer('intra_flows').featureCount()} communes' internal flows as points"
    )
    demo.run(
        "Indicators per commune",
        "territorial:commune_flow_indicators",
        {
            "FLOWS": demo.gpkg_layer("flows"),
            "MODE_FIELD": "mode",
            "ZONES": zones,
            "ZONE_ID_FIELD": "insee_com",
            "OUTPUT": demo.layer_uri("commune_indicators"),
            "MISSING": demo.layer_uri("indicators_missing_zones"),
        },
    )
    indicators = demo.layer("commune_indicators")
    demo.say(
        f"- **commune_indicators**: {indicators.featureCount()} communes and arrondissements with outflow, inflow, "
        "self-containment, job ratio, mean distance and mode shares"
    )


def step_assignment(demo: Demo):
    results = demo.run(
        "Car commuters assigned onto the main roads (shortest time)",
        "territorial:assign_flows",
        {
            "NETWORK": str(VAL_DOISE / "routes_principales_osm_val_doise_2026.geojson"),
            "COST": "time",
            "ROAD_TYPE_FIELD": "type",
            "TOLERANCE": 10,
            "MAX_CONNECTOR_DISTANCE": 5000,
            "ZONES": str(VAL_DOISE / "communes_idf.geojson"),
            "ZONE_ID_FIELD": "insee_com",
            "FLOWS": demo.gpkg_layer("flows"),
            "MODE_FIELD": "mode",
            "MODES": "car",
            "OUTPUT": demo.layer_uri("road_loads"),
            "UNROUTED": demo.layer_uri("unrouted_flows"),
        },
    )
    loads = demo.layer("road_loads")
    demo.sources["© les contributeurs OpenStreetMap (ODbL), réseau routier principal 2026"] = "ODbL 1.0"
    reasons = {}
    for feature in demo.layer("unrouted_flows").getFeatures():
        reasons[feature["reason"]] = reasons.get(feature["reason"], 0.0) + feature["flow"]
    detail = ", ".join(f"{reason} {thousands(flow)}" for reason, flow in sorted(reasons.items(), key=lambda r: -r[1]))
    demo.say(
        f"- **road_loads**: {loads.featureCount()} road segments with the car commuters on them per direction "
        f"({thousands(results['FLOW_ASSIGNED'])} car commuters assigned, {thousands(results['FLOW_KM'])} vehicle-km); "
        f"**unrouted_flows**: {thousands(sum(reasons.values()))} car commuters not assigned, with the reason "
        f"({detail}; the sample's road layer covers the Val-d'Oise only, "
        "so trips to Paris and beyond have no network end)"
    )


def step_cycling(demo: Demo):
    results = demo.run(
        "Walking and cycling commuters on the main roads: share along cycle facilities, gaps",
        "territorial:cycle_coverage",
        {
            "NETWORK": str(VAL_DOISE / "routes_principales_osm_val_doise_2026.geojson"),
            "TOLERANCE": 10,
            "CLOSED_EXPRESSION": "\"type\" IN ('motorway', 'motorway_link')",
            "MAX_CONNECTOR_DISTANCE": 5000,
            "ZONES": str(VAL_DOISE / "communes_idf.geojson"),
            "ZONE_ID_FIELD": "insee_com",
            "FLOWS": demo.gpkg_layer("flows"),
            "MODE_FIELD": "mode",
            "MODES": "non_motorised",
            "MAX_TRIP_KM": 10,
            "FACILITIES": str(VAL_DOISE / "amenagements_cyclables_bnac_val_doise_2026.geojson"),
            "OUTPUT": demo.layer_uri("cycle_coverage"),
            "GAPS": demo.layer_uri("cycle_gaps"),
            "UNROUTED": demo.layer_uri("cycle_unrouted"),
        },
    )
    gaps = sorted(demo.layer("cycle_gaps").getFeatures(), key=lambda f: f["gap_rank"])
    demo.layer("cycle_coverage")
    demo.sources["BNAC / Geovelo, © les contributeurs OpenStreetMap (ODbL), aménagements cyclables 2026"] = "ODbL 1.0"
    top = ", ".join(
        f"#{g['gap_rank']} {g['length_m'] / 1000:.1f} km, {thousands(g['flow_km'])} flow-km" for g in gaps[:3]
    )
    demo.say(
        f"- **cycle_coverage**: the main roads with the walking and cycling commuters of trips up to 10 km "
        f"({thousands(results['FLOW_ASSIGNED'])} assigned, motorways closed): "
        f"{100 * results['COVERED_SHARE']:.1f} % of their {thousands(results['FLOW_KM'])} km travelled run along a "
        f"cycle facility; **cycle_gaps**: {len(gaps)} uncovered stretches ranked by flow-km (first: {top}); "
        f"**cycle_unrouted**: {thousands(results['FLOW_UNROUTED'])} not assigned, with the reason (mostly trips "
        f"within a commune)"
    )


def step_map(demo: Demo):
    demo.run(
        "Printed map",
        "territorial:export_map",
        {
            "LAYERS": [
                demo.gpkg_layer("flow_lines"),
                str(VAL_DOISE / "routes_principales_osm_val_doise_2026.geojson"),
                demo.gpkg_layer("communes"),
            ],
            "TITLE": "Val-d'Oise : déplacements domicile-travail",
            "SUBTITLE": "Flux de 200 actifs ou plus (recensement 2014), réseau routier principal",
            "EXTRA_SOURCES": "INSEE, recensement 2014 (MOBPRO)",
            "OUTPUT": str(demo.work / "carte_territoire.pdf"),
        },
    )
    demo.run(
        "Printed map of the road loads",
        "territorial:export_map",
        {
            "LAYERS": [demo.gpkg_layer("road_loads"), demo.gpkg_layer("communes")],
            "TITLE": "Val-d'Oise : actifs se rendant au travail en voiture, par tronçon",
            "SUBTITLE": "Affectation au plus court chemin (temps) sur le réseau routier principal, recensement 2014",
            "EXTRA_SOURCES": "INSEE, recensement 2014 (MOBPRO) ; réseau : © les contributeurs OpenStreetMap (ODbL)",
            "OUTPUT": str(demo.work / "carte_charges_routieres.pdf"),
        },
    )
    demo.run(
        "Printed map of the cycle facility gaps",
        "territorial:export_map",
        {
            "LAYERS": [demo.gpkg_layer("cycle_gaps"), demo.gpkg_layer("cycle_coverage"), demo.gpkg_layer("communes")],
            "TITLE": "Val-d'Oise : actifs à pied ou à vélo le long des aménagements cyclables",
            "SUBTITLE": "Trajets domicile-travail de 10 km au plus (recensement 2014) sur le réseau routier "
            "principal ; "
            "discontinuités classées par flux-km",
            "EXTRA_SOURCES": "INSEE, recensement 2014 (MOBPRO) ; BNAC / Geovelo et © les contributeurs OpenStreetMap "
            "(ODbL)",
            "OUTPUT": str(demo.work / "carte_discontinuites_cyclables.pdf"),
        },
    )
    demo.say(
        "- **carte_territoire.pdf**, **carte_charges_routieres.pdf**, **carte_discontinuites_cyclables.pdf**: the "
        "printed maps (flow lines over the main roads; car commuters per road segment; walking and cycling "
        "commuters along cycle facilities and the ranked gaps), each with legend, scale bar, north arrow, sources "
        "and licences"
    )


STEPS = [step_boundaries, step_flows, step_assignment, step_cycling, step_map]


def write_summary(demo: Demo, total: float):
    text = ["# Territorial Data — demo on the Val-d'Oise sample territory", ""]
    text.append(f"Produced {time.strftime('%Y-%m-%d %H:%M')} offline from `sample/` in {total:.1f} s.")
    text += ["", "## Layers in `territoire.gpkg`", ""] + demo.lines
    text += ["", "## Steps", "", "| step | algorithm | seconds |", "| --- | --- | ---: |"]
    text += [f"| {title} | `{alg}` | {sec:.1f} |" for title, alg, sec in demo.timings]
    text += ["", "## Sources and licences", ""]
    text += [f"- {source} — {licence}" for source, licence in sorted(demo.sources.items())]
    attribution = (VAL_DOISE / "SOURCES.md").read_text(encoding="utf-8")
    marker = "Attribution to print on any map or output made from these files:"
    if marker in attribution:
        line = attribution.split(marker, 1)[1].strip().split("\n\n")[0].replace("\n", " ")
        text += ["", f"Attribution: {line}"]
    (demo.work / "summary.md").write_text("\n".join(text) + "\n", encoding="utf-8")


def main():
    os.environ["TERRITORIAL_DATA_OFFLINE"] = "1"
    os.environ["TERRITORIAL_DATA_SEED_DIRS"] = str(SAMPLE / "cache")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".partial-", dir=OUTPUT))
    os.environ["TERRITORIAL_DATA_CACHE_DIR"] = str(work / "cache")
    app, plugin = start_qgis()
    print(f"Territorial Data demo — sample territory: Val-d'Oise (95), offline; writing {OUTPUT}/", flush=True)
    start = time.perf_counter()
    try:
        demo = Demo(work)
        for step in STEPS:
            step(demo)
        write_summary(demo, time.perf_counter() - start)
        shutil.rmtree(work / "cache", ignore_errors=True)
        for item in work.iterdir():
            os.replace(item, OUTPUT / item.name)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    plugin.unload()
    print(f"\nOutputs in {OUTPUT}/:")
    for item in sorted(OUTPUT.iterdir()):
        if not item.name.startswith("."):
            print(f"  {item.name}  ({item.stat().st_size // 1024} KB)")
    print((OUTPUT / "summary.md").read_text(encoding="utf-8"))
    app.exitQgis()


if __name__ == "__main__":
    main()
