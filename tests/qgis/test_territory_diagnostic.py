"""territorial:territory_diagnostic through the Processing registry, offline, on a small hand-made
territory: every output of the folder, names in the user's language, a failed run that leaves the
folder as it was. The sample territory end to end is `make demo` (tests/cli/test_demo.py)."""

import csv
import sqlite3
import zipfile

import pytest
from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsProcessingException, QgsVectorLayer

X0, Y0 = 650000.0, 6860000.0
ALG = "territorial:territory_diagnostic"
# three communes (real INSEE codes, squares of 2 km) along a road; a cycle track along the middle
CODES = {"95127": (0, 0), "95500": (4000, 0), "95476": (8000, 0)}
OD = [
    ("95127", "95500", "car", 300),
    ("95127", "95500", "bike", 20),
    ("95127", "95476", "car", 150),
    ("95476", "95500", "transit", 80),
    ("95127", "95127", "walk", 120),
    ("95127", "95127", "home", 40),
    ("95500", "95127", "car", 90),
]


def geojson_lines(path, rows, fields):
    layer = QgsVectorLayer(f"LineString?crs=EPSG:2154&{'&'.join(f'field={f}:string' for f in fields)}", "l", "memory")
    features = []
    for points, values in rows:
        feature = QgsFeature(layer.fields())
        feature.setGeometry(QgsGeometry.fromPolylineXY([QgsPointXY(X0 + x, Y0 + y) for x, y in points]))
        feature.setAttributes(values)
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return write(layer, path)


def write(layer, path):
    from qgis.core import QgsCoordinateTransformContext, QgsVectorFileWriter

    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GeoJSON"
    error = QgsVectorFileWriter.writeAsVectorFormatV2(layer, str(path), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error
    return str(path)


@pytest.fixture
def territory(tmp_path):
    zones = QgsVectorLayer(
        "Polygon?crs=EPSG:2154&field=code:string&field=nom:string&field=population:integer", "zones", "memory"
    )
    features = []
    for index, (code, (x, y)) in enumerate(CODES.items()):
        feature = QgsFeature(zones.fields())
        ring = [(x - 1000, y - 1000), (x + 1000, y - 1000), (x + 1000, y + 1000), (x - 1000, y + 1000)]
        feature.setGeometry(QgsGeometry.fromPolygonXY([[QgsPointXY(X0 + a, Y0 + b) for a, b in ring]]))
        feature.setAttributes([code, f"Commune {code}", 1000 * (3 - index)])
        features.append(feature)
    zones.dataProvider().addFeatures(features)
    flows = tmp_path / "od.csv"
    flows.write_text(
        "origin,destination,mode,flow\n" + "".join(f"{o},{d},{m},{f}\n" for o, d, m, f in OD), encoding="utf-8"
    )
    road = [([(0, 0), (2000, 0)], ["a"]), ([(2000, 0), (4000, 0)], ["b"]), ([(4000, 0), (8000, 0)], ["c"])]
    return {
        "ZONES": write(zones, tmp_path / "communes.geojson"),
        "ZONE_ID_FIELD": "code",
        "TERRITORY_NAME": "Trois communes",
        "FLOWS": str(flows),
        "FLOWS_PRODUCER": "Enquête test",
        "FLOWS_LICENCE": "Licence Ouverte 2.0",
        "NETWORK": geojson_lines(tmp_path / "roads.geojson", road, ["name"]),
        "CYCLE_FACILITIES": geojson_lines(
            tmp_path / "lanes.geojson", [([(2000, 8), (4000, 8)], ["PISTE CYCLABLE", "AUCUN"])], ["ame_d", "ame_g"]
        ),
        "SCENARIO": "go_dutch",
        "OUTPUT_FOLDER": str(tmp_path / "out"),
    }


def tables(gpkg):
    with sqlite3.connect(gpkg) as db:
        names = {r[0] for r in db.execute("select table_name from gpkg_contents where data_type = 'features'")}
        styled = {r[0] for r in db.execute("select f_table_name from layer_styles")}
    return names, styled


def test_every_output_of_the_folder(run_alg, territory, tmp_path):
    results, feedback, _context = run_alg(ALG, territory)
    out = tmp_path / "out"
    assert results["GEOPACKAGE"] == str(out / "territory.gpkg") and results["PROJECT"] == str(out / "territory.qgz")
    names, styled = tables(out / "territory.gpkg")
    for name in (
        "communes",
        "flow_lines",
        "commune_indicators",
        "road_loads",
        "cycle_coverage",
        "cycling_potential_od",
        "cycling_potential_segments",
        "cycling_potential_gaps",
        "cycling_potential_communes",
    ):
        assert name in names, name
    assert names <= styled, names - styled
    files = sorted(p.name for p in out.iterdir())
    assert files == sorted(
        [
            "map_cycling_potential.pdf",
            "map_cycling_potential.png",
            "map_flows.pdf",
            "map_flows.png",
            "map_road_loads.pdf",
            "map_road_loads.png",
            "summary.csv",
            "summary.md",
            "territory.gpkg",
            "territory.qgz",
        ]
    )
    assert results["MAPS"].split(";")[0] == str(out / "map_flows.pdf")
    with open(out / "summary.csv", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    values = dict(rows[1:])
    assert rows[0] == ["indicator", "value"]
    # 800 commuters in all; by mode: car 540, transit 80, bike 20, walk 120, home 40
    assert float(values["total_commuters"]) == 800 and results["TOTAL_COMMUTERS"] == 800
    assert [float(values[f"commuters_{m}"]) for m in ("car", "transit", "bike", "walk", "home")] == [
        540,
        80,
        20,
        120,
        40,
    ]
    assert float(values["commuters_within_their_commune"]) == 160
    assert float(values["cyclists_now"]) == 20 and float(values["commuters_with_a_trip"]) == 760
    gt, gd, eb = (float(values[f"potential_{s}"]) for s in ("government_target", "go_dutch", "ebike"))
    assert 20 < gt < gd < eb < 760
    assert float(values["share_potential_go_dutch"]) == pytest.approx(gd / 760, rel=1e-4)
    assert float(values["car_commuters_assigned"]) == 540
    assert values["active_mode_of_coverage"] == "bike"
    # 2 of the 8 km of road run along the track
    assert float(values["share_network_km_along_cycle_facilities"]) == pytest.approx(0.25, rel=1e-6)
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert summary.startswith("# Territory diagnostic: Trois communes")
    assert "Enquête test — Licence Ouverte 2.0" in summary and "cycling_potential_segments" in summary
    with zipfile.ZipFile(out / "territory.qgz") as archive:
        qgs = next(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".qgs"))
    assert "./territory.gpkg|layername=flow_lines" in qgs and str(out) not in qgs
    flows_map = [m for m in feedback.infos if m.startswith("— Map")]
    assert len(flows_map) == 3
    # the zones reach no farther than the territory: no inset to locate it
    assert any("hardly reaches beyond the map: no inset" in w for w in feedback.warnings)


def test_names_follow_the_language_of_qgis(run_alg, territory, tmp_path):
    """Under a French QGIS the tables, files and project layers have French names without accents."""
    from qgis.core import QgsProject
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    import i18n as tool

    translations = {key: text for key, (text, kind) in tool.read_ts().items() if kind is None and text}
    translations.update(tool.read_pending()[0])
    qm = tmp_path / "fr.qm"
    qm.write_bytes(tool.qm_bytes(translations))
    translator = QTranslator()
    assert translator.load(str(qm))
    QCoreApplication.installTranslator(translator)
    try:
        run_alg(ALG, territory)
    finally:
        QCoreApplication.removeTranslator(translator)
    out = tmp_path / "out"
    names, _styled = tables(out / "territoire.gpkg")
    assert {"lignes_de_flux", "potentiel_cyclable_troncons", "charges_routieres", "indicateurs_communes"} <= names
    assert (out / "carte_flux.pdf").exists() and (out / "carte_potentiel_cyclable.png").exists()
    project = QgsProject()
    assert project.read(str(out / "territoire.qgz"))
    layers = {layer.name() for layer in project.mapLayers().values()}
    assert "lignes_de_flux" in layers and all(layer.isValid() for layer in project.mapLayers().values())
    project.removeAllMapLayers()
    assert (out / "summary.md").read_text(encoding="utf-8").startswith("# Diagnostic territorial : Trois communes")


def test_a_failed_run_leaves_the_folder_as_it_was(run_alg, territory, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "summary.md").write_text("last year", encoding="utf-8")
    territory["FLOWS"] = str(tmp_path / "nothing.csv")
    (tmp_path / "nothing.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="no origin column"):
        run_alg(ALG, territory)
    assert [p.name for p in out.iterdir()] == ["summary.md"]
    assert (out / "summary.md").read_text(encoding="utf-8") == "last year"


def test_a_territory_or_zones_is_needed(run_alg, territory):
    del territory["ZONES"]
    with pytest.raises(QgsProcessingException, match="Give a territory code, or a zones layer"):
        run_alg(ALG, territory)


def test_with_a_gtfs_feed_the_transit_step_and_its_map(run_alg, territory, tmp_path):
    """A bus from 95127 to 95500 at 7:10 and 7:40: the commuters between them are served directly."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsProject

    to_wgs = QgsCoordinateTransform(
        QgsCoordinateReferenceSystem("EPSG:2154"), QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance()
    )
    stops = "stop_id,stop_name,stop_lat,stop_lon,location_type\n"
    for code, (x, y) in CODES.items():
        point = to_wgs.transform(QgsPointXY(X0 + x, Y0 + y))
        stops += f"S{code},Arrêt {code},{point.y():.7f},{point.x():.7f},0\n"
    feed = {
        "agency.txt": "agency_id,agency_name,agency_url,agency_timezone\nAG,Bus test,http://example.invalid,Europe/Paris\n",
        "stops.txt": stops,
        "routes.txt": "route_id,agency_id,route_short_name,route_type\nL1,AG,1,3\n",
        "trips.txt": "route_id,service_id,trip_id\nL1,WK,T1\nL1,WK,T2\n",
        "stop_times.txt": "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
        "T1,07:10:00,07:10:00,S95127,1\nT1,07:25:00,07:25:00,S95500,2\n"
        "T2,07:40:00,07:40:00,S95127,1\nT2,07:55:00,07:55:00,S95500,2\n",
        "calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,"
        "end_date\nWK,1,1,1,1,1,0,0,20250101,20251231\n",
    }
    with zipfile.ZipFile(tmp_path / "bus.zip", "w") as archive:
        for name, text in feed.items():
            archive.writestr(name, text)
    territory["GTFS"] = str(tmp_path / "bus.zip")
    results, _feedback, _context = run_alg(ALG, territory)
    out = tmp_path / "out"
    names, styled = tables(out / "territory.gpkg")
    assert {"transit_coverage", "transit_coverage_communes"} <= names and names <= styled
    assert (out / "map_transit.pdf").exists() and str(out / "map_transit.png") in results["MAPS"]
    with open(out / "summary.csv", encoding="utf-8") as handle:
        values = dict(list(csv.reader(handle))[1:])
    # between distinct communes: 300 + 20 + 150 + 80 + 90 = 640; served directly: 95127 -> 95500, 320
    assert float(values["transit_flow_total"]) == 640 and float(values["transit_flow_direct"]) == 320
    assert float(values["transit_share_served"]) == pytest.approx(0.5)
