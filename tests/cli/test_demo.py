"""`make demo` end to end (territorial:territory_diagnostic, offline, on the sample territory) into a
temporary folder."""

import csv
import os
import sqlite3
import subprocess
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MAPS = ("map_flows", "map_road_loads", "map_cycling_potential")


def test_demo_runs_offline_and_writes_its_outputs(tmp_path):
    env = dict(
        os.environ,
        DEMO_OUTPUT=str(tmp_path / "out"),
        QT_QPA_PLATFORM="offscreen",
        LANG="C.UTF-8",
        LC_ALL="C.UTF-8",
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
    gpkg = out / "territory.gpkg"
    with sqlite3.connect(gpkg) as db:
        communes = db.execute("select count(*), sum(population) from communes").fetchone()
        tables = {row[0] for row in db.execute("select table_name from gpkg_contents where data_type = 'features'")}
        styled = {row[0] for row in db.execute("select f_table_name from layer_styles")}
    assert communes[0] == 183 and communes[1] > 1_000_000
    assert tables <= styled, f"layers without a default style: {tables - styled}"
    for name in (
        "flow_lines",
        "commune_indicators",
        "road_loads",
        "cycle_coverage",
        "cycle_gaps",
        "cycling_potential_od",
        "cycling_potential_segments",
        "cycling_potential_gaps",
        "cycling_potential_communes",
    ):
        assert name in tables, name
    for name in MAPS:
        text = subprocess.run(["pdftotext", str(out / f"{name}.pdf"), "-"], capture_output=True, text=True).stdout
        assert "Val-d'Oise" in text and "Licence Ouverte" in text, name
        assert (out / f"{name}.png").stat().st_size > 50_000, name
    flows_map = subprocess.run(["pdftotext", str(out / "map_flows.pdf"), "-"], capture_output=True, text=True).stdout
    assert "the 100 largest" in " ".join(flows_map.split())  # what a flow map keeps is stated
    for name in ("map_road_loads", "map_cycling_potential"):
        text = subprocess.run(["pdftotext", str(out / f"{name}.pdf"), "-"], capture_output=True, text=True).stdout
        assert "OpenStreetMap" in text and "ODbL" in text and "Line width" in text, name
    with sqlite3.connect(gpkg) as db:
        assigned = db.execute("select sum(flow) from road_loads").fetchone()[0]
        moved = db.execute("select count(*) from flows_import_report where code in ('95259', '95282')").fetchone()[0]
        total, covered = db.execute(
            "select sum(flow_km), sum(case when covered then flow_km else 0 end) from cycle_coverage"
        ).fetchone()
        ranks = [row[0] for row in db.execute("select gap_rank from cycling_potential_gaps order by cyclist_km desc")]
        potential = db.execute(
            "select sum(flow), sum(cyclists_scenario), sum(cyclists_ebike) from cycling_potential_od"
        )
        commuters, cyclists, ebike = potential.fetchone()
    assert assigned > 0 and moved == 2
    assert 0 < covered < total and ranks == list(range(1, len(ranks) + 1))
    assert 0.1 * commuters < cyclists < ebike < 0.4 * commuters
    # the project opens every layer from the GeoPackage beside it (relative paths)
    with zipfile.ZipFile(out / "territory.qgz") as archive:
        qgs = next(archive.read(n).decode("utf-8") for n in archive.namelist() if n.endswith(".qgs"))
    assert "./territory.gpkg|layername=cycling_potential_segments" in qgs and str(out) not in qgs
    # the summaries
    with open(out / "summary.csv", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["indicator", "value"]
    values = dict(rows[1:])
    by_mode = sum(float(values[f"commuters_{mode}"]) for mode in ("car", "transit", "non_motorised", "home"))
    assert abs(by_mode - float(values["total_commuters"])) < 1
    assert abs(float(values["total_commuters"]) - 508023.3) < 1
    for key in ("potential_government_target", "potential_go_dutch", "potential_ebike"):
        assert float(values[key]) > 0, key
    assert float(values["potential_government_target"]) < float(values["potential_go_dutch"])
    assert 0 < float(values["share_network_km_along_cycle_facilities"]) < 1
    assert 0 < float(values["share_scenario_cyclist_km_on_facilities"]) < 1
    summary = (out / "summary.md").read_text(encoding="utf-8")
    assert "Val-d'Oise" in summary and "Licence Ouverte" in summary and "ODbL" in summary
    assert "cycling_potential_segments" in summary and "map_cycling_potential.pdf" in summary
    assert not [p for p in out.iterdir() if p.name.startswith(".")]
