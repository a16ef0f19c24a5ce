"""qgis_process.bin runs of the flow importers: import_mobpro, import_fluxvision, import_od_table."""

import csv
import sqlite3

import pytest
from osgeo import ogr


@pytest.fixture
def by_mode(sample_dir):
    return sample_dir / "val-doise" / "flux_domicile_travail_idf_rp2014_mode_csp_residence_95.csv"


def test_import_mobpro_into_a_shared_geopackage(qgis_process, by_mode, tmp_path):
    """The demo's call: OD table and report as two tables of one GeoPackage that already holds a layer."""
    gpkg = tmp_path / "territoire.gpkg"
    communes = ogr.GetDriverByName("GPKG").CreateDataSource(str(gpkg))  # a layer already there must survive
    layer = communes.CreateLayer("communes", geom_type=ogr.wkbNone)
    layer.CreateField(ogr.FieldDefn("insee_com", ogr.OFTString))
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("insee_com", "95040")
    layer.CreateFeature(feature)
    communes = layer = feature = None
    done, result = qgis_process.run(
        "territorial:import_mobpro",
        {
            "INPUT": by_mode,
            "TARGET_COG": "2026",
            "OUTPUT": f"ogr:dbname='{gpkg}' table=\"flows\" (geom)",
            "REPORT": f"ogr:dbname='{gpkg}' table=\"flows_report\" (geom)",
        },
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "flows" in result["results"]["OUTPUT"] and "flows_report" in result["results"]["REPORT"]
    with open(by_mode, encoding="utf-8") as handle:
        source = list(csv.DictReader(handle, delimiter=";"))
    with sqlite3.connect(gpkg) as db:
        assert db.execute("select insee_com from communes").fetchall() == [("95040",)]
        total, rows = db.execute("select sum(flow), count(*) from flows").fetchone()
        origins = {r[0] for r in db.execute("select distinct origin from flows")}
        merged = dict(db.execute("select code, new_code from flows_report where kind = 'merged'").fetchall())
        modes = dict(db.execute("select mode, sum(flow) from flows group by mode").fetchall())
        typeof = db.execute("select typeof(origin), typeof(flow) from flows limit 1").fetchone()
    assert total == pytest.approx(sum(float(r["FLOW"]) for r in source), abs=1e-6)
    assert rows < len(source)  # merged communes summed into their new commune
    assert "95259" not in origins and "95282" not in origins and {"95040", "95169"} <= origins
    assert merged["95259"] == "95040" and merged["95282"] == "95169"
    assert round(modes["car"]) == 271794 and round(modes["home"]) == 14904
    assert typeof == ("text", "real")
    assert "Commune codes moved from COG 2016 to COG 2026." in done.stdout


def test_import_fluxvision_to_csv_with_a_zone_table(qgis_process, data_dir, tmp_path):
    zones = tmp_path / "epci.csv"
    zones.write_text(
        "siren,nom\n243500139,Rennes Métropole\n200070670,Saint-Malo Agglomération\n200039022,Fougères Agglomération\n",
        encoding="utf-8",
    )
    out = tmp_path / "fluxvision.csv"
    done, result = qgis_process.run(
        "territorial:import_fluxvision",
        {
            "INPUT": data_dir / "flows" / "fluxvision_od_secret_cp1252.csv",
            "ZONES": zones,
            "ZONE_CODE_FIELD": "siren",
            "ZONE_NAME_FIELD": "nom",
            "OUTPUT": out,
            "REPORT": tmp_path / "report.csv",
        },
    )
    assert done.returncode == 0, done.stdout + done.stderr
    with open(out, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    got = {(r["origin"], r["destination"], r["period"]): r["flow"] for r in rows}
    assert float(got[("243500139", "200070670", "2026-07")]) == 48200
    assert float(got[("200039022", "243500139", "2026-07")]) == 1520
    assert got[("243500139", "200070670", "2026-08")] == ""  # suppressed: empty (NULL), not 0
    with open(tmp_path / "report.csv", encoding="utf-8") as handle:
        report = list(csv.DictReader(handle))
    assert {r["code"] for r in report if r["kind"] == "unmatched"} == {"VITRE COMMUNAUTE", "VITRÉ COMMUNAUTÉ"}
    assert "were not matched" in done.stdout + done.stderr


def test_import_od_table_from_a_spreadsheet_csv(qgis_process, data_dir, tmp_path):
    out = tmp_path / "od.gpkg"
    done, _ = qgis_process.run(
        "territorial:import_od_table",
        {
            "INPUT": data_dir / "flows" / "od_spreadsheet.csv",
            "ORIGIN_FIELD": "Origine",
            "DESTINATION_FIELD": "Destination",
            "FLOW_FIELD": "Déplacements",
            "MODE_FIELD": "Mode",
            "SOURCE_COG": 2016,
            "OUTPUT": out,
        },
    )
    assert done.returncode == 0, done.stdout + done.stderr
    with sqlite3.connect(out) as db:
        rows = {(o, d): f for o, d, f in db.execute("select origin, destination, flow from od")}
    assert rows[("01053", "01053")] == 120.5 and rows[("95040", "95127")] == 8.25
    assert rows[("69381", "69383")] == 40


def test_bad_file_exits_non_zero_and_writes_nothing(qgis_process, data_dir, tmp_path):
    out = tmp_path / "flows.gpkg"
    done, _ = qgis_process.run(
        "territorial:import_mobpro",
        {
            "INPUT": data_dir / "flows" / "FD_MOBPRO_2021_bad_code.csv",
            "OUTPUT": out,
        },
    )
    text = done.stdout + done.stderr
    assert done.returncode != 0
    assert "FD_MOBPRO_2021_bad_code.csv, line 12: 'CERGY' in column DCLT is not an INSEE commune code" in text
    assert "Traceback" not in text
    assert not out.exists()
