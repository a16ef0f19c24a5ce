"""qgis_process.bin runs of territorial:fetch_bdtopo_roads and territorial:fetch_cycle_lanes (loopback services)."""

import csv
import json
import sqlite3

from support.fake_wfs import BNAC_VAL_DOISE, FakeWfs


def test_bdtopo_roads_pages_into_a_geopackage(qgis_process, httpserver, tmp_path):
    fake = FakeWfs(count=90, max_count=40)
    httpserver.expect_request("/wfs/ows").respond_with_handler(fake)
    xmin, ymin, xmax, ymax = fake.box
    out = tmp_path / "roads.gpkg"
    env = {
        "TERRITORIAL_DATA_WFS_URL": httpserver.url_for("/wfs/ows"),
        "TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "cache"),
    }
    done, result = qgis_process.run(
        "territorial:fetch_bdtopo_roads", {"EXTENT": f"{xmin},{xmax},{ymin},{ymax} [EPSG:2154]", "OUTPUT": out}, env=env
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert result["results"]["OUTPUT"].startswith(str(out))
    with sqlite3.connect(out) as db:
        table = db.execute("select table_name from gpkg_contents where data_type = 'features'").fetchone()[0]
        rows = db.execute(
            f'select cleabs, nature, vitesse_moyenne_vl, one_way, licence from "{table}" order by cleabs'
        ).fetchall()
        srs = db.execute("select srs_id from gpkg_geometry_columns").fetchone()[0]
    assert len(rows) == 90 and srs == 2154
    source = {f["properties"]["cleabs"]: f["properties"] for f in fake.features}
    one_way = {"Double sens": 0, "Sens direct": 1, "Sens inverse": -1}
    for cleabs, nature, speed, direction, licence in rows:
        assert (nature, speed) == (source[cleabs]["nature"], source[cleabs]["vitesse_moyenne_vl"])
        assert direction == one_way.get(source[cleabs]["sens_de_circulation"])
        assert licence.startswith("Licence Ouverte")
    assert [r["STARTINDEX"] for r in fake.requests] == ["0", "40", "80"]
    log = " ".join(result["log"]["info"]) if isinstance(result.get("log"), dict) else json.dumps(result)
    assert "90 road segments kept" in log


def test_bdtopo_truncation_exits_non_zero(qgis_process, httpserver, tmp_path):
    fake = FakeWfs(count=90, max_count=40, truncate_at=40)
    httpserver.expect_request("/wfs/ows").respond_with_handler(fake)
    xmin, ymin, xmax, ymax = fake.box
    out = tmp_path / "t.gpkg"
    env = {
        "TERRITORIAL_DATA_WFS_URL": httpserver.url_for("/wfs/ows"),
        "TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "cache"),
    }
    done, _ = qgis_process.run(
        "territorial:fetch_bdtopo_roads", {"EXTENT": f"{xmin},{xmax},{ymin},{ymax} [EPSG:2154]", "OUTPUT": out}, env=env
    )
    text = done.stdout + done.stderr
    assert done.returncode != 0 and "announced 90 road segments but only 40 arrived" in text
    assert "Traceback" not in text and not out.exists()


def test_cycle_lanes_from_the_val_doise_file(qgis_process, tmp_path):
    out, report = tmp_path / "cycle.gpkg", tmp_path / "report.csv"
    done, result = qgis_process.run(
        "territorial:fetch_cycle_lanes",
        {"INPUT": BNAC_VAL_DOISE, "EXTENT": "2.0,2.1,49.0,49.06 [EPSG:4326]", "OUTPUT": out, "REPORT": report},
        env={"TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "cache"), "TERRITORIAL_DATA_OFFLINE": "1"},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    from shapely.geometry import box, shape

    raw = json.loads(BNAC_VAL_DOISE.read_text(encoding="utf-8"))["features"]
    expected = sorted(
        f["properties"]["id_local"] for f in raw if shape(f["geometry"]).intersects(box(2.0, 49.0, 2.1, 49.06))
    )
    with sqlite3.connect(out) as db:
        table = db.execute("select table_name from gpkg_contents where data_type = 'features'").fetchone()[0]
        ids = [r[0] for r in db.execute(f'select id_local from "{table}" order by id_local')]
        facilities = dict(
            db.execute(f'select facility_right, count(*) from "{table}" group by facility_right').fetchall()
        )
    assert ids == expected
    assert sum(facilities.values()) == len(expected) and set(facilities) <= {
        "track",
        "lane",
        "greenway",
        "shared_bus_lane",
        "contraflow",
        "mixed",
        "none",
    }
    with open(report, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0])[:4] == ["field", "value", "problem", "count"]
    missing = next(
        r for r in rows if (r["field"], r["value"], r["problem"]) == ("code_com_d", "", "required field missing")
    )
    assert int(missing["count"]) == len(expected)
    assert result["results"]["REPORT"] == str(report)
