"""The network algorithms under qgis_process.bin: the sample's car flows on the sample's roads
(twice: the second run reuses the cached graph and routing core), and a skim matrix."""

import sqlite3

import pytest

from support.qgis_process import ROOT

SAMPLE = ROOT / "sample" / "val-doise"

pytestmark = pytest.mark.cli


def test_assign_flows_sample_and_graph_cache(qgis_process, tmp_path):
    env = {"TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "cache")}
    params = {
        "NETWORK": SAMPLE / "routes_principales_osm_val_doise_2026.geojson",
        "COST": "time",
        "ROAD_TYPE_FIELD": "type",
        "TOLERANCE": 2,
        "ZONES": SAMPLE / "communes_idf.geojson",
        "ZONE_ID_FIELD": "insee_com",
        "FLOWS": SAMPLE / "flux_domicile_travail_idf_rp2014_mode_csp_residence_95.csv",
        "ORIGIN_FIELD": "ORI",
        "DESTINATION_FIELD": "DES",
        "FLOW_FIELD": "FLOW",
        "MODE_FIELD": "MODE",
        "MODES": "VP",
        "OUTPUT": tmp_path / "vp.gpkg",
        "UNROUTED": tmp_path / "unrouted.gpkg",
    }
    done, js = qgis_process.run("territorial:assign_flows", params, env=env)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    results = js["results"]
    log = "\n".join(js["log"]["info"]) if isinstance(js["log"].get("info"), list) else str(js["log"])
    assert "Flow assigned" in done.stdout + log
    assert "reused from the cache" not in done.stdout
    with sqlite3.connect(tmp_path / "vp.gpkg") as db:
        table = db.execute("select table_name from gpkg_contents where table_name != 'layer_styles'").fetchone()[0]
        count, fkm = db.execute(f'select count(*), sum(flow * length_m) / 1000 from "{table}"').fetchone()
        styled = db.execute("select count(*) from layer_styles").fetchone()[0]
    assert count >= 4928 and styled == 1
    assert fkm == pytest.approx(results["FLOW_KM"], rel=1e-9)
    with sqlite3.connect(tmp_path / "unrouted.gpkg") as db:
        table = db.execute("select table_name from gpkg_contents where table_name != 'layer_styles'").fetchone()[0]
        reported = db.execute(f'select sum(flow) from "{table}"').fetchone()[0]
        merged = db.execute(f"select count(*) from \"{table}\" where origin in ('95259', '95282')").fetchone()[0]
    assert results["FLOW_ASSIGNED"] + reported == pytest.approx(271794, abs=1)
    assert merged > 0
    # a second batch run skips the graph build
    params["OUTPUT"] = tmp_path / "vp2.gpkg"
    params["UNROUTED"] = tmp_path / "unrouted2.gpkg"
    # ... and routes in 2 worker processes although sys.executable is qgis_process.bin, not Python
    again, js2 = qgis_process.run("territorial:assign_flows", params, env=dict(env, TERRITORIAL_DATA_WORKERS="2"))
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    assert "Network graph reused from the cache" in again.stdout
    assert "Routing core for these zones reused from the cache" in again.stdout  # no contraction either
    assert "2 process(es)" in again.stdout, again.stdout[-3000:]
    assert js2["results"]["FLOW_KM"] == pytest.approx(results["FLOW_KM"], rel=1e-12)


def test_od_skim_matrix_cli(qgis_process, tmp_path):
    import csv

    zones = tmp_path / "od.csv"
    zones.write_text("origin;destination\n95127;95018\n95018;95127\n95500;95585\n", encoding="utf-8")
    done, js = qgis_process.run(
        "territorial:od_skim_matrix",
        {
            "NETWORK": SAMPLE / "routes_principales_osm_val_doise_2026.geojson",
            "COST": "time",
            "TOLERANCE": 2,
            "ZONES": SAMPLE / "communes_idf.geojson",
            "ZONE_ID_FIELD": "insee_com",
            "FLOWS": zones,
            "OUTPUT": tmp_path / "skim.csv",
        },
        env={"TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    with open(tmp_path / "skim.csv", encoding="utf-8") as handle:
        rows = {(r["origin"], r["destination"]): r for r in csv.DictReader(handle)}
    assert set(rows) == {("95127", "95018"), ("95018", "95127"), ("95500", "95585")}
    ok = [r for r in rows.values() if r["status"] == "ok"]
    assert ok and all(float(r["distance_km"]) > 0 and float(r["time_min"]) > 0 for r in ok)
    # 50-130 km/h on main roads: time and distance agree
    for r in ok:
        speed = float(r["distance_km"]) / (float(r["time_min"]) / 60)
        assert 30 < speed < 115


def test_bad_field_exits_non_zero_with_a_message(qgis_process, tmp_path):
    done, _ = qgis_process.run(
        "territorial:od_skim_matrix",
        {
            "NETWORK": SAMPLE / "routes_principales_osm_val_doise_2026.geojson",
            "COST": "field",
            "ZONES": SAMPLE / "communes_idf.geojson",
            "ZONE_ID_FIELD": "insee_com",
            "OUTPUT": tmp_path / "x.csv",
        },
        env={"TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode != 0
    assert "no cost field" in done.stdout + done.stderr
