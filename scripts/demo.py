#!/usr/bin/python3
"""``make demo``: ``territorial:territory_diagnostic`` on the embedded sample territory (Val-d'Oise),
offline.

Runs the algorithm through the Processing registry of a headless QGIS, exactly as the GUI and
``qgis_process`` do, on the files of ``sample/`` and the seeded cache ``sample/cache/`` (no network
is used), and writes into ``demo-output/`` (``DEMO_OUTPUT`` to choose another folder) what the
algorithm writes: one GeoPackage with every layer styled and documented, the printed maps (PDF and
PNG), a QGIS project opening all of it, ``summary.md`` and ``summary.csv``. File and layer names
follow the language of QGIS (``territory.gpkg``; ``territoire.gpkg`` in French).

The algorithm fills the folder atomically: a failed or interrupted demo leaves the previous outputs
untouched.
"""

import gc
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

#: the sample territory: the communes of the Val-d'Oise (boundaries from the seeded cache), the
#: communes of Île-de-France as zones (flows reach Paris), INSEE home-work flows by mode, the OSM main
#: roads and the BNAC cycle facilities of the sample
PARAMETERS = {
    "TERRITORY": "95",
    "TERRITORY_NAME": "Val-d'Oise",
    "ZONES": str(VAL_DOISE / "communes_idf.geojson"),
    "ZONE_ID_FIELD": "insee_com",
    "FLOWS": str(VAL_DOISE / "flux_domicile_travail_idf_rp2014_mode_csp_residence_95.csv"),
    "NETWORK": str(VAL_DOISE / "routes_principales_osm_val_doise_2026.geojson"),
    "CYCLE_FACILITIES": str(VAL_DOISE / "amenagements_cyclables_bnac_val_doise_2026.geojson"),
    "SCENARIO": "go_dutch",
    "TOLERANCE": 10,
}


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


def run_diagnostic():
    """The algorithm's results; its context (and the layers it holds) is gone when this returns."""
    from qgis import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject

    class Feedback(QgsProcessingFeedback):
        def pushInfo(self, info):
            if info.startswith("— "):
                print(f"- {info[2:]}", flush=True)

        def pushWarning(self, warning):
            print(f"  ! {warning}", flush=True)

    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    return processing.run(
        "territorial:territory_diagnostic",
        {**PARAMETERS, "OUTPUT_FOLDER": str(OUTPUT)},
        context=context,
        feedback=Feedback(),
    )


def main():
    os.environ["TERRITORIAL_DATA_OFFLINE"] = "1"
    os.environ["TERRITORIAL_DATA_SEED_DIRS"] = str(SAMPLE / "cache")
    OUTPUT.mkdir(parents=True, exist_ok=True)
    cache = tempfile.mkdtemp(prefix="territorial-demo-cache-")
    os.environ["TERRITORIAL_DATA_CACHE_DIR"] = cache
    app, plugin = start_qgis()
    print(f"Territorial Data demo — sample territory: Val-d'Oise (95), offline; writing {OUTPUT}/", flush=True)
    started = time.perf_counter()
    try:
        summary = Path(run_diagnostic()["SUMMARY"])
    finally:
        shutil.rmtree(cache, ignore_errors=True)
    gc.collect()  # layers of the run released while QGIS still runs
    print(f"\nDone in {time.perf_counter() - started:.1f} s. Outputs in {OUTPUT}/:")
    for item in sorted(OUTPUT.iterdir()):
        if not item.name.startswith("."):
            print(f"  {item.name}  ({item.stat().st_size // 1024} KB)")
    print()
    print(summary.read_text(encoding="utf-8"))
    plugin.unload()
    app.exitQgis()


if __name__ == "__main__":
    main()
