"""territorial:import_mobpro through the Processing registry, on the real Val-d'Oise files and composed samples."""

import csv
import sqlite3
from collections import defaultdict

import pytest
from qgis.core import QgsProcessingException, QgsVectorLayer

from support.feedback import RecordingFeedback
from support.layers import output_layer

ALG = "territorial:import_mobpro"


def by_mode_rows(path):
    with open(path, encoding="utf-8") as handle:
        return [(r["ORI"], r["DES"], r["MODE"], float(r["FLOW"])) for r in csv.DictReader(handle, delimiter=";")]


def features(layer):
    return [{f.name(): feat[f.name()] for f in layer.fields()} for feat in layer.getFeatures()]


def test_by_mode_file_moved_to_cog_2026(run_alg, sample, tmp_path):
    out = tmp_path / "flows.gpkg"
    report_out = tmp_path / "report.gpkg"
    results, feedback, context = run_alg(
        ALG, {"INPUT": str(sample["modes"]), "OUTPUT": str(out), "REPORT": str(report_out)}
    )
    layer = QgsVectorLayer(results["OUTPUT"], "flows")
    assert layer.isValid()
    names = [f.name() for f in layer.fields()]
    assert names[:9] == [
        "origin",
        "destination",
        "flow",
        "mode",
        "category",
        "period",
        "source",
        "licence",
        "retrieved_at",
    ] or names[1:10] == [
        "origin",
        "destination",
        "flow",
        "mode",
        "category",
        "period",
        "source",
        "licence",
        "retrieved_at",
    ]
    assert layer.fields().field("origin").typeName().lower() in ("string", "text")
    rows = features(layer)
    source = by_mode_rows(sample["modes"])
    # totals per origin are preserved, with the two merged communes moved into their new commune
    moved = {"95259": "95040", "95282": "95169"}
    expected = defaultdict(float)
    for ori, _, _, flow in source:
        expected[moved.get(ori, ori)] += flow
    got = defaultdict(float)
    for row in rows:
        got[row["origin"]] += row["flow"]
    assert "95259" not in got and "95282" not in got
    assert set(got) == set(expected)
    for code, flow in expected.items():
        assert got[code] == pytest.approx(flow, abs=1e-6)
    # per mode totals (README: VP 271 794, TC 180 518, NM 40 807, DOMICILE 14 904)
    per_mode = defaultdict(float)
    for row in rows:
        per_mode[row["mode"]] += row["flow"]
    assert round(per_mode["car"]) == 271794 and round(per_mode["transit"]) == 180518
    assert round(per_mode["non_motorised"]) == 40807 and round(per_mode["home"]) == 14904
    assert {row["period"] for row in rows} == {"RP2014"}
    assert rows[0]["licence"].startswith("Licence Ouverte") and rows[0]["retrieved_at"].endswith("Z")
    # every flow line joins the real communes of 2025 (COG 2026 codes; Paris as arrondissements)
    zones = QgsVectorLayer(str(sample["zones"]), "zones")
    communes = {f["insee_com"] for f in zones.getFeatures()}
    outside_idf = {r["destination"] for r in rows if r["destination"] not in communes}
    assert all(not code.startswith(("75", "77", "78", "91", "92", "93", "94", "95")) for code in outside_idf)
    assert {r["origin"] for r in rows} <= communes
    # the report lists the merged codes with the flow they carried, and nothing is dropped
    report = {(r["code"], r["kind"]): r for r in features(QgsVectorLayer(results["REPORT"], "report"))}
    carried_95259 = sum(f for o, d, _, f in source if "95259" in (o, d))
    assert report[("95259", "merged")]["new_code"] == "95040"
    assert report[("95259", "merged")]["flow"] == pytest.approx(carried_95259, abs=1e-6)
    assert report[("95282", "merged")]["new_code"] == "95169"
    assert all(r["dropped"] == 0 for r in report.values())
    assert "Commune codes moved from COG 2016 to COG 2026." in feedback.text()
    # style and provenance metadata stored in the GeoPackage
    with sqlite3.connect(out) as db:
        assert db.execute("select count(*) from layer_styles where useAsDefault").fetchone()[0] == 1
        metadata = " ".join(m[0] for m in db.execute("select metadata from gpkg_metadata").fetchall())
    assert "INSEE" in metadata and "COGugaison" in metadata


def test_detail_zip_with_modes_territory_and_arrondissements(run_alg, data_dir, tmp_path):
    path = data_dir / "flows" / "RP2021_mobpro_sample.zip"
    results, feedback, context = run_alg(
        ALG,
        {
            "INPUT": str(path),
            "MODES": "bike, 6",
            "ARRONDISSEMENTS": "aggregate",
            "TERRITORY": "75",
            "INTRA": False,
            "OUTPUT": "TEMPORARY_OUTPUT",
            "REPORT": "TEMPORARY_OUTPUT",
        },
    )
    rows = features(output_layer(results["OUTPUT"], context))
    got = {(r["origin"], r["destination"], r["mode"]): r["flow"] for r in rows}
    # IPONDI sums, not row counts: Paris 15e -> Boulogne by transit; Pierrefitte (93059 -> 93066) -> Paris 18e
    assert got == {
        ("75056", "92012", "transit"): pytest.approx(4.002114785541230),
        ("93066", "75056", "transit"): pytest.approx(5.204785412369870),
        ("95127", "75056", "transit"): pytest.approx(2.101010101010101),
    }
    report = features(output_layer(results["REPORT"], context))
    kinds = {(r["code"], r["kind"]) for r in report}
    assert ("75104", "arrondissement aggregated") in kinds and ("69381", "arrondissement aggregated") in kinds
    assert ("car", "filtered out (mode)") in kinds and ("walk", "filtered out (mode)") in kinds
    assert ("75056", "intra-commune dropped") in kinds  # Paris 4e -> 8e by bike became intra-commune
    assert ("69123", "filtered out (territory)") in kinds
    total_in = 62.17408689088007  # sum of IPONDI of the 15 rows of the sample
    dropped = sum(r["flow"] for r in report if r["dropped"])
    assert sum(r["flow"] for r in rows) + dropped == pytest.approx(total_in, abs=1e-9)


def test_unknown_layout_names_the_file_and_columns(run_alg, data_dir):
    with pytest.raises(QgsProcessingException) as error:
        run_alg(ALG, {"INPUT": str(data_dir / "flows" / "fluxvision_custom_layout.csv"), "OUTPUT": "TEMPORARY_OUTPUT"})
    message = str(error.value)
    assert "fluxvision_custom_layout.csv" in message and "zone_depart" in message
    assert "Import an OD table" in message


def test_bad_weight_names_the_line(run_alg, data_dir, tmp_path):
    out = tmp_path / "flows.gpkg"
    with pytest.raises(
        QgsProcessingException, match=r"FD_MOBPRO_2021_bad_weight.csv, line 12: the IPONDI value '7,0x'"
    ):
        run_alg(ALG, {"INPUT": str(data_dir / "flows" / "FD_MOBPRO_2021_bad_weight.csv"), "OUTPUT": str(out)})
    assert not out.exists()


def test_cancel_writes_nothing(run_alg, sample, tmp_path):
    out = tmp_path / "flows.gpkg"
    feedback = RecordingFeedback(cancel_after_progress=1)  # cancels once the first chunk is read
    with pytest.raises(QgsProcessingException, match="Cancelled: nothing was written"):
        run_alg(ALG, {"INPUT": str(sample["modes"]), "OUTPUT": str(out)}, feedback=feedback)
    assert not out.exists()


def test_help_and_parameters(territorial_provider):
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    assert alg.group() and alg.groupId() == "flows"
    help_text = alg.shortHelpString()
    assert "IPONDI" in help_text and "Licence Ouverte" in help_text and "ODbL" in help_text
    target = alg.parameterDefinition("TARGET_COG")
    ids = alg.choice_ids["TARGET_COG"]
    assert ids[0] == "2026" and target.options()[0] == "2026" and target.defaultValue() == 0 and "keep" in ids
