"""territorial:export_map under qgis_process.bin (no GUI, no project): styles, sources, pages, errors."""

import os
import re
import subprocess
import time

from support.qgis_process import ROOT

SAMPLE = ROOT / "sample" / "val-doise"
ROADS = SAMPLE / "routes_principales_osm_val_doise_2026.geojson"
COMMUNES = SAMPLE / "communes_idf.geojson"


def styled_communes(path):
    """A GeoPackage of the 95 communes with a default style in layer_styles, made with ogr2ogr + sqlite."""
    import sqlite3

    subprocess.run(
        ["ogr2ogr", "-f", "GPKG", str(path), str(COMMUNES), "-nln", "communes", "-where", "dep = '95'"],
        check=True,
        capture_output=True,
    )
    qml = (ROOT / "ui" / "styles" / "admin_boundaries.qml").read_text(encoding="utf-8")
    qml = qml.replace('value="236,240,230,110"', 'value="20,60,220,255"')  # a fill easy to find in the PDF
    with sqlite3.connect(path) as db:
        db.execute("""create table layer_styles (id integer primary key autoincrement, f_table_catalog text,
                      f_table_schema text, f_table_name text, f_geometry_column text, styleName text, styleQML text,
                      styleSLD text, useAsDefault boolean, description text, owner text, ui text,
                      update_time datetime)""")
        db.execute(
            "insert into layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName, "
            "styleQML, styleSLD, useAsDefault, description, owner) values ('', '', 'communes', 'geom', 'communes', ?, "
            "'', 1, '', '')",
            (qml,),
        )
    return path


def blue_pixels(pdf):
    data = subprocess.run(["pdftoppm", "-r", "20", str(pdf)], capture_output=True, check=True).stdout
    match = re.match(rb"P6\s+(\d+)\s+(\d+)\s+(\d+)\s", data)
    pixels = data[match.end() :]
    return sum(1 for i in range(0, len(pixels), 3) if pixels[i + 2] > 170 and pixels[i] < 90 and pixels[i + 1] < 120)


def test_map_under_qgis_process(qgis_process, tmp_path):
    communes = styled_communes(tmp_path / "communes.gpkg")
    out = tmp_path / "carte.pdf"
    start = time.monotonic()
    done, result = qgis_process.run(
        "territorial:export_map",
        {
            "LAYERS": [ROADS, f"{communes}|layername=communes"],
            "TITLE": "Val-d'Oise",
            "SUBTITLE": "Routes principales",
            "EXTRA_SOURCES": "IGN ADMIN EXPRESS-COG; INSEE COG 2025",
            "PAPER": "A4 portrait",
            "OUTPUT": out,
        },
    )
    elapsed = time.monotonic() - start
    assert done.returncode == 0, done.stdout + done.stderr
    assert result["results"]["OUTPUT"] == str(out) and result["results"]["PAGES"] == 1
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Pages:\s+1\b", info) and "595 x 842 pts (A4)" in info
    text = " ".join(
        subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout.split()
    )
    assert "Val-d'Oise" in text and "Routes principales" in text and "Legend" in text
    # the OSM file states its source in a .qmd file beside it; then EXTRA_SOURCES
    assert "Sources: © OpenStreetMap contributors; IGN ADMIN EXPRESS-COG; INSEE COG 2025." in text
    assert "Licences: ODbL 1.0." in text
    assert re.search(r"\b\d+ \d+ \d+ \d+ km\b", text)
    assert blue_pixels(out) > 2000  # the GeoPackage's own style is used without the GUI
    assert elapsed < 60
    umask = os.umask(0)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # not the 0600 of the temporary file


def test_bad_template_exits_non_zero(qgis_process, tmp_path):
    out = tmp_path / "x.pdf"
    done, _ = qgis_process.run(
        "territorial:export_map",
        {
            "LAYERS": ROADS,
            "TITLE": "x",
            "TEMPLATE": tmp_path / "missing.qpt",
            "OUTPUT": out,
        },
    )
    assert done.returncode != 0
    assert "Layout template not found" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not out.exists()
