"""territorial:transit_coverage through qgis_process.bin: the hand-made feed, outputs to GeoPackages."""

import importlib.util
import json
import sqlite3
from pathlib import Path

import pytest

pytestmark = pytest.mark.cli

UNIT = Path(__file__).resolve().parent.parent / "unit" / "test_transit_engine.py"


def hand_module():
    spec = importlib.util.spec_from_file_location("transit_hand_feed_cli", UNIT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_transit_coverage_run(qgis_process, tmp_path):
    hand = hand_module()
    feed = hand.write_feed(tmp_path / "hand.zip")
    zones = tmp_path / "zones.geojson"
    zones.write_text(
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"code": code},
                        "geometry": {"type": "Point", "coordinates": [lon, lat]},
                    }
                    for code, (_, _, lon, lat) in hand.ZONES.items()
                ],
            }
        ),
        encoding="utf-8",
    )
    flows = tmp_path / "flows.csv"
    flows.write_text("origin,destination,flow\nZA,ZB,100\nZB,ZE,8\nZA,ZG,4\nZA,ZA,50\n", encoding="utf-8")
    out, zones_out = tmp_path / "lines.gpkg", tmp_path / "zones_out.gpkg"
    done, result = qgis_process.run(
        "territorial:transit_coverage",
        {
            "GTFS": feed,
            "START_TIME": "07:00",
            "END_TIME": "09:00",
            "ZONES": zones,
            "ZONE_ID_FIELD": "code",
            "FLOWS": flows,
            "OUTPUT": out,
            "ZONES_OUTPUT": zones_out,
        },
        env={"TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "cache")},
    )
    assert done.returncode == 0, done.stdout + done.stderr
    results = result["results"]
    assert (results["FLOW_TOTAL"], results["FLOW_DIRECT"], results["FLOW_TRANSFER"], results["FLOW_NONE"]) == (
        112,
        100,
        8,
        4,
    )
    assert results["SHARE_SERVED"] == pytest.approx(108 / 112)
    infos = " ".join(result["log"]["info"]) if isinstance(result["log"]["info"], list) else result["log"]["info"]
    assert "No date given: 2025-01-01 (Wednesday)" in infos  # the busiest weekday: every weekday runs the same trips
    assert "Flows within a zone are left out: 50 in 1 zones" in infos
    with sqlite3.connect(out) as db:
        rows = {
            (o, d): (s, n, t, r)
            for o, d, s, n, t, r in db.execute(
                "select origin, destination, served, direct_departures, transfer_departures, reason from lines"
            )
        }
        assert db.execute("select count(*) from layer_styles where useAsDefault").fetchone()[0] == 1
    assert rows == {
        ("ZA", "ZB"): ("direct", 2, 0, None),
        ("ZB", "ZE"): ("transfer", 0, 1, None),
        ("ZA", "ZG"): ("none", 0, 0, "no stop near the destination"),
    }
    with sqlite3.connect(zones_out) as db:
        stops = dict(db.execute("select code, stops from zones_out"))
    assert stops == {"ZA": 2, "ZB": 1, "ZD": 1, "ZE": 1, "ZF": 1, "ZG": 0}
