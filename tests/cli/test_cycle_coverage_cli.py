"""territorial:cycle_coverage under qgis_process.bin: the hand-made network of
tests/qgis/test_cycle_coverage.py written as GeoJSON and CSV files, outputs to GeoPackages."""

import json
import sqlite3

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


def point(x, y):
    return {"type": "Point", "coordinates": [X0 + x, Y0 + y]}


def table(db_path):
    with sqlite3.connect(db_path) as db:
        name = db.execute("select table_name from gpkg_contents").fetchone()[0]
        styles = (
            db.execute("select count(*) from layer_styles").fetchone()[0]
            if db.execute("select count(*) from sqlite_master where name = 'layer_styles'").fetchone()[0]
            else 0
        )
        cursor = db.execute(f'select * from "{name}"')
        columns = [c[0] for c in cursor.description]
        return [dict(zip(columns, row)) for row in cursor.fetchall()], styles


def test_cycle_coverage_cli(qgis_process, tmp_path):
    network = geojson(
        tmp_path / "network.geojson",
        [
            (line((0, 0), (1000, 0)), {"name": "e1"}),
            (line((1000, 0), (2000, 0)), {"name": "e2"}),
            (line((2000, 0), (3000, 0)), {"name": "e3"}),
            (line((2000, 0), (2000, 1000)), {"name": "e4"}),
            (line((3000, 0), (4000, 0)), {"name": "e5"}),
        ],
    )
    lanes = geojson(
        tmp_path / "lanes.geojson",
        [
            (line((1000, 10), (2000, 10)), {"ame_d": "PISTE CYCLABLE", "ame_g": "AUCUN"}),
            (line((3000, 9), (3500, 9)), {"ame_d": "BANDE CYCLABLE", "ame_g": "AUCUN"}),
            (line((0, 20), (1000, 20)), {"ame_d": "VOIE VERTE", "ame_g": "VOIE VERTE"}),
        ],
    )
    zones = geojson(
        tmp_path / "zones.geojson",
        [
            (point(0, -50), {"code": "Z1"}),
            (point(3000, -50), {"code": "Z2"}),
            (point(2000, 1050), {"code": "Z3"}),
            (point(4000, -50), {"code": "Z4"}),
        ],
    )
    flows = tmp_path / "od.csv"
    flows.write_text(
        "ORI,DES,MODE,FLOW\nZ1,Z2,NM,10\nZ1,Z3,NM,5\nZ2,Z3,NM,2\nZ1,Z4,NM,1\nZ1,Z2,VP,100\nZ1,Z1,NM,3\nZ1,Z9,NM,4\n",
        encoding="utf-8",
    )
    done, js = qgis_process.run(
        "territorial:cycle_coverage",
        {
            "NETWORK": network,
            "ZONES": zones,
            "ZONE_ID_FIELD": "code",
            "MAX_CONNECTOR_DISTANCE": 500,
            "FLOWS": flows,
            "ORIGIN_FIELD": "ORI",
            "DESTINATION_FIELD": "DES",
            "FLOW_FIELD": "FLOW",
            "MODE_FIELD": "MODE",
            "MODES": "NM",
            "MAX_TRIP_KM": 3.5,
            "FACILITIES": lanes,
            "MATCH_DISTANCE": 15,
            "MIN_COVERED_SHARE": 0.5,
            "OUTPUT": tmp_path / "coverage.gpkg",
            "GAPS": tmp_path / "gaps.gpkg",
            "UNROUTED": tmp_path / "unrouted.gpkg",
        },
        env={"TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = js["results"]
    # Z1->Z4 (4 km) is longer than 3.5 km: e1 15, e2 15 (covered), e3 12, e4 7, e5 0
    assert results["FLOW_KM"] == pytest.approx(49.0)
    assert results["FLOW_KM_COVERED"] == pytest.approx(15.0)
    assert results["COVERED_SHARE"] == pytest.approx(15.0 / 49.0)
    assert results["FLOW_ASSIGNED"] == pytest.approx(17.0)
    assert results["FLOW_UNROUTED"] == pytest.approx(8.0)
    assert "Flow-km: 49.0, of which on segments along cycle facilities: 15.0 (30.6 %)" in done.stdout
    rows, styles = table(tmp_path / "coverage.gpkg")
    assert styles == 1
    by_name = {r["name"]: r for r in rows}
    assert {n: r["flow"] for n, r in by_name.items()} == {"e1": 15.0, "e2": 15.0, "e3": 12.0, "e4": 7.0, "e5": 0.0}
    assert {n for n, r in by_name.items() if r["covered"]} == {"e2", "e5"}
    assert by_name["e5"]["covered_share"] == pytest.approx(0.5, abs=1e-6)
    gaps, styles = table(tmp_path / "gaps.gpkg")
    assert styles == 1
    assert sorted((g["gap_rank"], g["segments"], round(g["flow_km"], 6), g["max_flow"]) for g in gaps) == [
        (1, 2, 19.0, 12.0),
        (2, 1, 15.0, 15.0),
    ]
    unrouted, _ = table(tmp_path / "unrouted.gpkg")
    assert sorted((r["origin"], r["destination"], r["flow"], r["reason"]) for r in unrouted) == [
        ("Z1", "Z1", 3.0, "intrazonal"),
        ("Z1", "Z4", 1.0, "too_long"),
        ("Z1", "Z9", 4.0, "destination_unknown"),
    ]
