"""territorial:import_fluxvision through the Processing registry, on the Flux Vision fixtures (composed)."""

import csv

import pytest
from qgis.core import NULL, QgsFeature, QgsProcessingException, QgsProject, QgsVectorLayer

from support.layers import output_layer
from territorial_data.compat import FieldType, make_field

ALG = "territorial:import_fluxvision"


def features(layer):
    return [{f.name(): feat[f.name()] for f in layer.fields()} for feat in layer.getFeatures()]


def volumes(path, encoding="utf-8"):
    with open(path, encoding=encoding) as handle:
        return list(csv.DictReader(handle, delimiter=";"))


@pytest.fixture
def epci_layer():
    """A zone layer of EPCI with their official names (as a user would have from geo.api.gouv.fr)."""
    layer = QgsVectorLayer("None?field=code:string&field=nom:string", "epci", "memory")
    provider = layer.dataProvider()
    for code, name in (
        ("243500139", "Rennes Métropole"),
        ("200070670", "Saint-Malo Agglomération"),
        ("200039022", "Fougères Agglomération"),
    ):
        feature = QgsFeature(layer.fields())
        feature.setAttributes([code, name])
        provider.addFeature(feature)
    QgsProject.instance().addMapLayer(layer)
    yield layer
    QgsProject.instance().removeMapLayer(layer.id())


def test_presence_by_departement(run_alg, data_dir, epci_layer):
    path = data_dir / "fixtures" / "fluxvision_departement_sample.csv"
    results, feedback, context = run_alg(
        ALG, {"INPUT": str(path), "ZONES": epci_layer.id(), "OUTPUT": "TEMPORARY_OUTPUT", "REPORT": "TEMPORARY_OUTPUT"}
    )
    rows = features(output_layer(results["OUTPUT"], context))
    source = volumes(path)
    departements = {"LOIRE-ATLANTIQUE": "44", "PARIS": "75", "MORBIHAN": "56"}
    expected = {(departements[r["NomDepartement"]], "243500139", r["Date"]): float(r["Volume"]) for r in source}
    assert {(r["origin"], r["destination"], r["period"]): r["flow"] for r in rows} == expected
    assert {r["category"] for r in rows} == {"TOURISTE"}
    assert rows[0]["source"].startswith("Orange Flux Vision")


def test_pays_total_row_excluded_and_reported(run_alg, data_dir):
    path = data_dir / "fixtures" / "fluxvision_pays_sample.csv"
    results, _, context = run_alg(ALG, {"INPUT": str(path), "OUTPUT": "TEMPORARY_OUTPUT", "REPORT": "TEMPORARY_OUTPUT"})
    rows = features(output_layer(results["OUTPUT"], context))
    source = volumes(path)
    assert sorted(r["origin"] for r in rows) == sorted(r["Pays"] for r in source if r["Pays"] != "CUMUL")
    assert {r["destination"] for r in rows} == {"RENNES METROPOLE"}  # no zone layer: labels kept
    report = features(output_layer(results["REPORT"], context))
    cumul = next(r for r in report if r["code"] == "CUMUL")
    assert cumul["kind"] == "total row excluded" and cumul["dropped"] == 1
    assert cumul["flow"] == float(next(r["Volume"] for r in source if r["Pays"] == "CUMUL"))


def test_od_with_suppressed_values_and_unmatched_zone(run_alg, data_dir, epci_layer, tmp_path):
    path = data_dir / "flows" / "fluxvision_od_secret_cp1252.csv"
    out = tmp_path / "fv.gpkg"
    results, feedback, context = run_alg(
        ALG,
        {
            "INPUT": str(path),
            "ZONES": epci_layer.id(),
            "ZONE_CODE_FIELD": "code",
            "ZONE_NAME_FIELD": "nom",
            "OUTPUT": str(out),
            "REPORT": "TEMPORARY_OUTPUT",
        },
    )
    layer = QgsVectorLayer(results["OUTPUT"], "fv")
    rows = {(r["origin"], r["destination"], r["period"]): r["flow"] for r in features(layer)}
    # Windows-1252 labels (FOUGÈRES AGGLOMÉRATION) matched by name; suppressed values kept as NULL, not 0
    assert rows[("243500139", "200070670", "2026-07")] == 48200
    assert rows[("200070670", "243500139", "2026-07")] == 21730
    assert rows[("200039022", "243500139", "2026-07")] == 1520
    missing = rows[("243500139", "200070670", "2026-08")]
    assert missing is None or (hasattr(missing, "isNull") and missing.isNull())
    report = features(output_layer(results["REPORT"], context))
    unmatched = {r["code"] for r in report if r["kind"] == "unmatched"}
    assert unmatched == {"VITRE COMMUNAUTE", "VITRÉ COMMUNAUTÉ"}  # Vitré is not in the zone layer
    suppressed = {r["code"]: r["detail"] for r in report if r["kind"] == "suppressed value"}
    assert "SAINT-MALO AGGLOMERATION" in suppressed and "1 values" in suppressed["SAINT-MALO AGGLOMERATION"]
    assert "zones or origins were not matched" in feedback.text()


def test_custom_layout_needs_a_mapping(run_alg, data_dir):
    path = data_dir / "flows" / "fluxvision_custom_layout.csv"
    with pytest.raises(QgsProcessingException) as error:
        run_alg(ALG, {"INPUT": str(path), "OUTPUT": "TEMPORARY_OUTPUT"})
    assert "fluxvision_custom_layout.csv" in str(error.value) and "zone_depart" in str(error.value)
    results, _, context = run_alg(
        ALG,
        {
            "INPUT": str(path),
            "ORIGIN_COLUMN": "zone_depart",
            "DESTINATION_COLUMN": "zone_arrivee",
            "FLOW_COLUMN": "nb_personnes",
            "PERIOD_COLUMN": "mois",
            "CATEGORY_COLUMN": "segment",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    rows = {
        (r["origin"], r["destination"]): (r["flow"], r["category"])
        for r in features(output_layer(results["OUTPUT"], context))
    }
    assert rows[("35238", "35051")] == (1500, "RESIDENT")
    assert rows[("35238", "35278")] == (820, "TOURISTE")
    assert rows[("35051", "35238")][0] in (None,) or rows[("35051", "35238")][0].isNull()


def test_suppressed_flows_are_left_out_by_flow_algorithms(run_alg, data_dir, tmp_path):
    """The flows algorithms' reader leaves NULL flows out with a warning: not zero, not an error."""
    from qgis.core import QgsApplication, QgsProcessingContext

    from support.feedback import RecordingFeedback
    from territorial_data.processing.inputs import flows as _od_input

    path = data_dir / "flows" / "fluxvision_od_secret_cp1252.csv"
    table = tmp_path / "od.gpkg"
    results, _, _ = run_alg(ALG, {"INPUT": str(path), "OUTPUT": str(table)})
    reader = QgsApplication.processingRegistry().createAlgorithmById("territorial:od_flow_lines")
    feedback = RecordingFeedback()
    frame = _od_input.read_od_table(reader, {"FLOWS": results["OUTPUT"]}, QgsProcessingContext(), feedback)
    layer = QgsVectorLayer(results["OUTPUT"], "od")
    nulls = sum(1 for f in layer.getFeatures() if f["flow"] is None or f["flow"] == NULL)
    assert nulls == 3 and len(frame) == layer.featureCount() - nulls  # "s", "<10" and an empty volume
    assert frame["flow"].sum() == 48200 + 21730 + 1520
    assert "3 rows have no flow value" in feedback.text()


def test_unmapped_column_is_named(run_alg, data_dir):
    with pytest.raises(QgsProcessingException, match="has no column 'volumes_total'"):
        run_alg(
            ALG,
            {
                "INPUT": str(data_dir / "fixtures" / "fluxvision_od_sample.csv"),
                "FLOW_COLUMN": "volumes_total",
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )


def test_zone_layer_without_code_field(run_alg, data_dir):
    layer = QgsVectorLayer("None?field=libelle:string&field=valeur:integer", "zones", "memory")
    layer.dataProvider().addAttributes([make_field("autre", FieldType.String)])
    QgsProject.instance().addMapLayer(layer)
    try:
        with pytest.raises(QgsProcessingException, match="Choose the zone code field"):
            run_alg(
                ALG,
                {
                    "INPUT": str(data_dir / "fixtures" / "fluxvision_od_sample.csv"),
                    "ZONES": layer.id(),
                    "OUTPUT": "TEMPORARY_OUTPUT",
                },
            )
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
