"""`make demo` end to end (offline, on the sample territory) into a temporary folder."""

import os
import sqlite3
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_demo_runs_offline_and_writes_its_outputs(tmp_path):
    env = dict(
        os.environ,
        DEMO_OUTPUT=str(tmp_path / "out"),
        QT_QPA_PLATFORM="offscreen",
        TERRITORIAL_DATA_GEO_API_URL="",
        http_proxy="http://127.0.0.1:9",
        https_proxy="http://127.0.0.1:9",
    )
    # with -P, as make demo runs it
    done = subprocess.run(
        ["/usr/bin/python3", "-P", str(ROOT / "scripts" / "demo.py")],
        capture_output=True,
        text=True,
        env=env,
        timeout=1200,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    out = tmp_path / "out"
    gpkg = out / "territoire.gpkg"
    with sqlite3.connect(gpkg) as db:
        communes = db.execute("select count(*), sum(population) from communes").fetchone()
        tables = {row[0] for row in db.execute("select table_name from gpkg_contents where data_type = 'features'")}
        styled = {row[0] for row in db.execute("select f_table_name from layer_styles")}
    assert communes[0] == 183 and communes[1] > 1_000_000
    assert tables <= styled, f"layers without a default style: {tables - styled}"
    for pdf in ("carte_territoire.pdf", "carte_charges_routieres.pdf", "carte_discontinuites_cyclables.pdf"):
        text = subprocess.run(["pdftotext", str(out / pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert "Val-d'Oise" in text and "Licence Ouverte" in text and "OpenStreetMap" in text, pdf
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "183 communes" in summary and "Licence Ouverte" in summary
    assert "road_loads" in summary and "flow_lines" in summary and "commune_indicators" in summary
    with sqlite3.connect(gpkg) as db:
        assigned = db.execute("select sum(flow) from road_loads").fetchone()[0]
        moved = db.execute("select count(*) from flows_report where code in ('95259', '95282')").fetchone()[0]
    assert assigned > 0 and moved == 2
    with sqlite3.connect(gpkg) as db:  # cycling: flow-km along facilities and the ranked gaps
        total, covered = db.execute(
            "select sum(flow_km), sum(case when covered then flow_km else 0 end) from cycle_coverage"
        ).fetchone()
        ranks = [row[0] for row in db.execute("select gap_rank from cycle_gaps order by flow_km desc")]
    assert 0 < covered < total and ranks == list(range(1, len(ranks) + 1))
    with sqlite3.connect(gpkg) as db:  # pieces whose vertices all snapped onto one node keep their row, not a line
        for table in ("road_loads", "cycle_coverage"):
            collapsed, drawn = db.execute(f"select count(*), count(geom) from {table} where length_m = 0").fetchone()
            assert collapsed > 0 and drawn == 0, table
    assert "cycle_gaps" in summary and "% of their" in summary
    assert not [p for p in out.iterdir() if p.name.startswith(".partial-")]
