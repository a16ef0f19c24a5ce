"""qgis_process.bin runs of od_flow_lines and commune_flow_indicators on the real Val-d'Oise sample."""

import csv
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parent.parent.parent / "sample" / "val-doise"
FLUX = SAMPLE / "flux_domicile_travail_idf_rp2014_residence_95.csv"
MODES = SAMPLE / "flux_domicile_travail_idf_rp2014_mode_csp_residence_95.csv"
ZONES = SAMPLE / "communes_idf.geojson"


def test_net_flow_lines(qgis_process, tmp_path):
    out = tmp_path / "flows.gpkg"
    missing = tmp_path / "missing.gpkg"
    done, result = qgis_process.run(
        "territorial:od_flow_lines",
        {
            "FLOWS": FLUX,
            "ZONES": ZONES,
            "ZONE_ID_FIELD": "insee_com",
            "DIRECTION": "net",
            "TOP_N": 100,
            "OUTPUT": out,
            "MISSING": missing,
        },
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert result["results"]["OUTPUT"].startswith(str(out))
    with open(FLUX, encoding="utf-8") as handle:
        gross = {
            (r["CODGEO"], r["DCLT"]): float(r["NBFLUX_C14_ACTOCC15P"]) for r in csv.DictReader(handle, delimiter=";")
        }
    net = {}
    for (o, d), flow in gross.items():
        if "93059" in (o, d):
            continue
        value = flow - gross.get((d, o), 0.0)
        if value > 0:
            net[(o, d)] = value
    expected = sorted(net.values(), reverse=True)[:100]
    with sqlite3.connect(out) as db:
        rows = db.execute("select origin, destination, flow, rank, distance_km from flows order by fid").fetchall()
        styles = db.execute("select count(*) from layer_styles where f_table_name = 'flows'").fetchone()[0]
    assert sorted((r[2] for r in rows), reverse=True) == expected
    assert [r[2] for r in rows] == sorted(r[2] for r in rows)  # largest written last
    for origin, destination, flow, _, km in rows[-20:]:
        assert net[(origin, destination)] == flow and km > 0
    assert rows[-1][3] == 1 and styles == 1
    with sqlite3.connect(missing) as db:
        assert db.execute("select code, flow from missing").fetchall() == [
            ("93059", sum(f for (o, d), f in gross.items() if d == "93059"))
        ]
    assert (
        any("93059" in line for line in result["log"]["info"] + result["log"].get("warning", []))
        or "93059" in done.stdout
    )


def test_commune_indicators(qgis_process, tmp_path):
    out = tmp_path / "indicators.gpkg"
    done, result = qgis_process.run(
        "territorial:commune_flow_indicators",
        {
            "FLOWS": MODES,
            "ORIGIN_FIELD": "ORI",
            "DESTINATION_FIELD": "DES",
            "FLOW_FIELD": "FLOW",
            "MODE_FIELD": "MODE",
            "ZONES": ZONES,
            "ZONE_ID_FIELD": "insee_com",
            "OUTPUT": out,
        },
    )
    assert done.returncode == 0, done.stdout + done.stderr
    residents, internal, tc = defaultdict(float), defaultdict(float), defaultdict(float)
    with open(MODES, encoding="utf-8") as handle:
        for r in csv.DictReader(handle, delimiter=";"):
            flow = float(r["FLOW"])
            residents[r["ORI"]] += flow
            internal[r["ORI"]] += flow if r["ORI"] == r["DES"] else 0.0
            tc[r["ORI"]] += flow if r["MODE"] == "TC" else 0.0
    with sqlite3.connect(out) as db:
        count = db.execute("select count(*) from indicators").fetchone()[0]
        cergy = db.execute(
            "select nom, residents, self_containment, share_tc from indicators where insee_com = '95127'"
        ).fetchone()
    assert count == 1285
    assert cergy[0] == "Cergy"
    assert cergy[1] == pytest.approx(residents["95127"])
    assert cergy[2] == pytest.approx(internal["95127"] / residents["95127"])
    assert cergy[3] == pytest.approx(tc["95127"] / residents["95127"])


def test_non_numeric_flow_is_named(qgis_process, tmp_path):
    out = tmp_path / "bad.gpkg"
    done, _ = qgis_process.run(
        "territorial:od_flow_lines",
        {
            "FLOWS": FLUX,
            "FLOW_FIELD": "L_DCLT",
            "ZONES": ZONES,
            "ZONE_ID_FIELD": "insee_com",
            "OUTPUT": out,
        },
    )
    text = done.stdout + done.stderr
    assert done.returncode != 0
    # a text file is read as such: the message names the file's own line (the header is line 1)
    assert "line 2: the flow 'Paris 1er Arrondissement' in column 'L_DCLT' is not a number" in text
    assert "Traceback" not in text
    assert not out.exists()
