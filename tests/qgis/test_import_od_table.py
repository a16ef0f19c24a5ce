"""territorial:import_od_table through the Processing registry: a spreadsheet-like CSV and a real INSEE table."""

import csv
from collections import defaultdict

import pytest
from qgis.core import QgsFeature, QgsProcessingException, QgsProject, QgsVectorLayer

from support.layers import output_layer

ALG = "territorial:import_od_table"


def features(layer):
    return [{f.name(): feat[f.name()] for f in layer.fields()} for feat in layer.getFeatures()]


def test_spreadsheet_codes_restored_and_moved(run_alg, data_dir):
    path = data_dir / "flows" / "od_spreadsheet.csv"
    results, feedback, context = run_alg(
        ALG,
        {
            "INPUT": str(path),
            "ORIGIN_FIELD": "Origine",
            "DESTINATION_FIELD": "Destination",
            "FLOW_FIELD": "Déplacements",
            "MODE_FIELD": "Mode",
            "SOURCE_COG": 2016,
            "TARGET_COG": "2026",
            "ARRONDISSEMENTS": "aggregate",
            "OUTPUT": "TEMPORARY_OUTPUT",
            "REPORT": "TEMPORARY_OUTPUT",
        },
    )
    rows = {
        (r["origin"], r["destination"], r["mode"]): r["flow"]
        for r in features(output_layer(results["OUTPUT"], context))
    }
    assert rows == {
        ("01053", "01053", "VP"): 120.5,  # "1053" lost its leading zero in a spreadsheet; "120,5" decimal comma
        ("01053", "69123", "TC"): 35.0,
        ("2A004", "2B033", "VP"): 12.0,
        ("95040", "95127", "VP"): 8.25,  # 95259 merged into 95040 in 2018
        ("69123", "69123", "TC"): 40.0,  # Lyon 1er -> 3e, arrondissements aggregated
    }
    report = {(r["code"], r["kind"]): r for r in features(output_layer(results["REPORT"], context))}
    assert report[("1053", "leading zero restored")]["new_code"] == "01053"
    assert report[("95259", "merged")]["flow"] == 8.25
    assert report[("69381", "arrondissement aggregated")]["new_code"] == "69123"


def test_real_base_flux_as_a_table(run_alg, sample_dir, tmp_path):
    """The INSEE base flux loaded as a plain table gives the same OD table as import_mobpro."""
    path = sample_dir / "val-doise" / "flux_domicile_travail_idf_rp2014_residence_95.csv"
    results, _, context = run_alg(
        ALG,
        {
            "INPUT": str(path),
            "ORIGIN_FIELD": "CODGEO",
            "DESTINATION_FIELD": "DCLT",
            "FLOW_FIELD": "NBFLUX_C14_ACTOCC15P",
            "SOURCE_COG": 2016,
            "TERRITORY": "95018",
            "INTRA": False,
            "OUTPUT": str(tmp_path / "od.gpkg"),
            "REPORT": str(tmp_path / "report.gpkg"),
        },
    )
    rows = features(QgsVectorLayer(results["OUTPUT"], "od"))
    with open(path, encoding="utf-8") as handle:
        source = list(csv.DictReader(handle, delimiter=";"))
    expected = defaultdict(float)
    for r in source:
        if "95018" in (r["CODGEO"], r["DCLT"]):
            expected[(r["CODGEO"], r["DCLT"].replace("93059", "93066"))] += float(r["NBFLUX_C14_ACTOCC15P"])
    assert {(r["origin"], r["destination"]): r["flow"] for r in rows} == pytest.approx(dict(expected))
    report = features(QgsVectorLayer(results["REPORT"], "report"))
    outside = sum(r["flow"] for r in report if r["kind"] == "filtered out (territory)")
    assert outside + sum(expected.values()) == pytest.approx(sum(float(r["NBFLUX_C14_ACTOCC15P"]) for r in source))


def test_text_flow_that_is_not_a_number(run_alg, tmp_path):
    layer = QgsVectorLayer("None?field=o:string&field=d:string&field=n:string", "od", "memory")
    for values in (["95127", "95018", "12"], ["95127", "75056", "douze"]):
        feature = QgsFeature(layer.fields())
        feature.setAttributes(values)
        layer.dataProvider().addFeature(feature)
    QgsProject.instance().addMapLayer(layer)
    try:
        with pytest.raises(QgsProcessingException, match=r"line 2: the flow value 'douze' is not a number"):
            run_alg(
                ALG,
                {
                    "INPUT": layer.id(),
                    "ORIGIN_FIELD": "o",
                    "DESTINATION_FIELD": "d",
                    "FLOW_FIELD": "n",
                    "OUTPUT": "TEMPORARY_OUTPUT",
                },
            )
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_bad_code_and_free_identifiers(run_alg):
    layer = QgsVectorLayer("None?field=o:string&field=d:string&field=n:double", "zones_od", "memory")
    for values in (["Z1", "Z2", 10.0], ["Z2", "Z1", 5.5], ["Z1", "Z1", 2.0]):
        feature = QgsFeature(layer.fields())
        feature.setAttributes(values)
        layer.dataProvider().addFeature(feature)
    QgsProject.instance().addMapLayer(layer)
    try:
        params = {
            "INPUT": layer.id(),
            "ORIGIN_FIELD": "o",
            "DESTINATION_FIELD": "d",
            "FLOW_FIELD": "n",
            "OUTPUT": "TEMPORARY_OUTPUT",
        }
        with pytest.raises(QgsProcessingException, match=r"line 1: 'Z1' in column origin is not an INSEE commune code"):
            run_alg(ALG, params)
        results, _, context = run_alg(ALG, dict(params, CODES="free", INTRA=False))
        rows = {(r["origin"], r["destination"]): r["flow"] for r in features(output_layer(results["OUTPUT"], context))}
        assert rows == {("Z1", "Z2"): 10.0, ("Z2", "Z1"): 5.5}
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
