"""territorial:cycling_potential and territorial:territory_diagnostic under qgis_process.bin: hand-made
files (GeoJSON, CSV, a GeoTIFF elevation model), outputs to GeoPackages and a folder."""

import csv
import json
import math
import sqlite3

import numpy as np
import pytest

pytestmark = pytest.mark.cli

X0, Y0 = 650000.0, 6860000.0
CRS = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}


def geojson(path, features):
    collection = {
        "type": "FeatureCollection",
        "crs": CRS,
        "features": [{"type": "Feature", "properties": props, "geometry": geometry} for geometry, props in features],
    }
    path.write_text(json.dumps(collection), encoding="utf-8")
    return path


def line(*points):
    return {"type": "LineString", "coordinates": [[X0 + x, Y0 + y] for x, y in points]}


def square(x, y, half):
    ring = [
        (x - half, y - half),
        (x + half, y - half),
        (x + half, y + half),
        (x - half, y + half),
        (x - half, y - half),
    ]
    return {"type": "Polygon", "coordinates": [[[X0 + a, Y0 + b] for a, b in ring]]}


def tilted_dem(path, slope):
    from osgeo import gdal, osr

    cols, rows, size = 1000, 200, 10.0
    left, top = X0 - 1500.0, Y0 + 1000.0
    xs = left + (np.arange(cols) + 0.5) * size
    z = np.repeat((100.0 + slope * (xs - X0))[None, :], rows, axis=0).astype(np.float32)
    dataset = gdal.GetDriverByName("GTiff").Create(str(path), cols, rows, 1, gdal.GDT_Float32)
    dataset.SetGeoTransform((left, size, 0.0, top, 0.0, -size))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(2154)
    dataset.SetProjection(srs.ExportToWkt())
    dataset.GetRasterBand(1).WriteArray(z)
    dataset = None
    return path


def rows_of(db_path, table):
    with sqlite3.connect(db_path) as db:
        cursor = db.execute(f'select * from "{table}"')
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()]


def inv_logit(x):
    return 1.0 / (1.0 + math.exp(-x))


@pytest.fixture
def files(tmp_path):
    network = geojson(
        tmp_path / "network.geojson",
        [
            (line((0, 0), (1000, 0)), {"name": "ab"}),
            (line((1000, 0), (2000, 0)), {"name": "bc"}),
            (line((2000, 0), (4000, 0)), {"name": "ce"}),
            (line((4000, 0), (8000, 0)), {"name": "ef"}),
        ],
    )
    lanes = geojson(
        tmp_path / "lanes.geojson", [(line((1000, 8), (2000, 8)), {"ame_d": "PISTE CYCLABLE", "ame_g": "AUCUN"})]
    )
    zones = geojson(
        tmp_path / "zones.geojson",
        [
            (square(0, 0, 400), {"code": "95127", "nom": "A", "population": 3000}),
            (square(2000, 0, 400), {"code": "95500", "nom": "B", "population": 2000}),
            (square(8000, 0, 400), {"code": "95476", "nom": "C", "population": 1000}),
        ],
    )
    flows = tmp_path / "od.csv"
    flows.write_text(
        "origin,destination,mode,flow\n95127,95500,car,100\n95127,95500,bike,5\n95127,95476,car,50\n"
        "95127,95127,walk,200\n95127,95127,home,30\n",
        encoding="utf-8",
    )
    return {
        "network": network,
        "lanes": lanes,
        "zones": zones,
        "flows": flows,
        "dem": tilted_dem(tmp_path / "dem.tif", 0.03),
    }


def test_cycling_potential_cli(qgis_process, files, tmp_path):
    out = tmp_path / "potential.gpkg"
    done, js = qgis_process.run(
        "territorial:cycling_potential",
        {
            "NETWORK": files["network"],
            "CYCLE_FACILITIES": files["lanes"],
            "DEM": files["dem"],
            "ZONES": files["zones"],
            "ZONE_ID_FIELD": "code",
            "FLOWS": files["flows"],
            "MODE_FIELD": "mode",
            "SCENARIO": "ebike",
            "MAX_DISTANCE": 5,
            "MAX_CONNECTOR_DISTANCE": 500,
            "OUTPUT_OD": f"ogr:dbname='{out}' table=\"od\" (geom)",
            "OUTPUT_SEGMENTS": f"ogr:dbname='{out}' table=\"segments\" (geom)",
            "OUTPUT_GAPS": f"ogr:dbname='{out}' table=\"gaps\" (geom)",
            "OUTPUT_ZONES": f"ogr:dbname='{out}' table=\"zones\" (geom)",
        },
        env={"TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = js["results"]
    od = {(r["origin"], r["destination"]): r for r in rows_of(out, "od")}
    # 95127 -> 95500: 2 km along a plane climbing 3 m per 100 m: 3 %; e-bike: alpha -1.468,
    # d1 -0.66217, d2 1.988, d3 0.00848, h1 -0.0743, i1 0.02006, i2 -0.1234, g' = 3 - 0.78 = 2.22
    d, g = 2.0, 2.22
    logit = -1.468 - 0.66217 * d + 1.988 * math.sqrt(d) + 0.00848 * d * d - 0.0743 * g + 0.02006 * d * g
    logit += -0.1234 * math.sqrt(d) * g
    pair = od[("95127", "95500")]
    assert pair["distance_km"] == pytest.approx(2.0) and pair["gradient_pct"] == pytest.approx(3.0, abs=1e-6)
    assert pair["p_cycle"] == pytest.approx(inv_logit(logit), rel=1e-6)
    assert pair["cyclists_scenario"] == pytest.approx(105 * inv_logit(logit), rel=1e-6)
    assert od[("95127", "95476")]["reason"] == "too_long" and od[("95127", "95476")]["cyclists_scenario"] == 0
    within = od[("95127", "95127")]
    # no segment has its middle inside 95127: its internal trips get the network's mean gradient, 3 %
    assert within["distance_source"] == "within_zone" and within["flow"] == 200
    assert within["gradient_pct"] == pytest.approx(3.0, abs=1e-6)
    assert results["TOTAL_COMMUTERS"] == 355 and results["CYCLISTS_NOW"] == 5
    assert results["CYCLISTS_SCENARIO"] == pytest.approx(sum(r["cyclists_scenario"] for r in od.values()))
    segments = {r["name"]: r for r in rows_of(out, "segments")}
    assert segments["bc"]["facility"] == 1 and segments["ab"]["facility"] == 0
    assert segments["ab"]["cyclists_ab"] == pytest.approx(pair["cyclists_scenario"])
    gaps = rows_of(out, "gaps")
    assert [g["gap_rank"] for g in gaps] == [1] and gaps[0]["cyclist_km"] == pytest.approx(pair["cyclists_scenario"])
    zones = {r["code"]: r for r in rows_of(out, "zones")}
    assert zones["95127"]["commuters"] == 355 and zones["95500"]["commuters_in"] == 105
    with sqlite3.connect(out) as db:
        assert db.execute("select count(*) from layer_styles").fetchone()[0] == 4
    assert "heights sampled every 10 m" in done.stdout


def test_territory_diagnostic_cli(qgis_process, files, tmp_path):
    out = tmp_path / "diagnostic"
    done, js = qgis_process.run(
        "territorial:territory_diagnostic",
        {
            "ZONES": files["zones"],
            "ZONE_ID_FIELD": "code",
            "TERRITORY_NAME": "Test",
            "FLOWS": files["flows"],
            "NETWORK": files["network"],
            "CYCLE_FACILITIES": files["lanes"],
            "DEM": files["dem"],
            "SCENARIO": "government_target",
            "OUTPUT_FOLDER": out,
        },
        env={"TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "cache"), "TERRITORIAL_DATA_OFFLINE": "1"},
        timeout=900,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = js["results"]
    assert results["TOTAL_COMMUTERS"] == 385
    assert sorted(p.name for p in out.iterdir()) == sorted(
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
    with open(out / "summary.csv", encoding="utf-8") as handle:
        values = dict(list(csv.reader(handle))[1:])
    assert float(values["commuters_car"]) == 150 and float(values["cyclists_now"]) == 5
    assert float(values["potential_government_target"]) < float(values["potential_go_dutch"])
    assert "— Cycling potential (territorial:cycling_potential)" in done.stdout
