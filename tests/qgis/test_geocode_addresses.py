"""territorial:geocode_addresses through the Processing registry, against a loopback Géoplateforme geocoder."""

import csv
import sqlite3

import pytest
from qgis.core import (
    QgsApplication,
    QgsFeature,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsProject,
    QgsVectorLayer,
)

from support.fake_geocoder import FakeGeocoder
from support.layers import output_layer
from support.replay import fixture_path, point_service
from territorial_data.compat import FieldType, make_field
from territorial_data.providers import geocoding

ALG = "territorial:geocode_addresses"


class CancelAfter(QgsProcessingFeedback):
    """Feedback that cancels once progress reaches ``threshold`` (as a user pressing Cancel would)."""

    def __init__(self, threshold):
        super().__init__()
        self.progressChanged.connect(lambda value: self.cancel() if value >= threshold else None)


@pytest.fixture
def fake(httpserver, monkeypatch):
    prefix = point_service(monkeypatch, "geocoding", httpserver)
    return FakeGeocoder().install(httpserver, prefix)


def posts(httpserver):
    return [r for r, _ in httpserver.log if r.path.endswith("/search/csv")]


def features_by(layer, field):
    return {f[field]: f for f in layer.getFeatures()}


def recorded_answer():
    with open(fixture_path("ban_search_csv_response.csv"), encoding="utf-8", newline="") as handle:
        return {row["adresse"]: row for row in csv.DictReader(handle)}


def test_windows_1252_semicolon_file_to_geopackage(run_alg, fake, httpserver, tmp_path):
    src = tmp_path / "adresses élus.csv"
    src.write_bytes(
        (
            "numero;voie;code_postal;commentaire\r\n"
            "10;rue de Rivoli;75004;Hôtel de ville à côté\r\n"
            "8;boulevard du Port;95000;Préfecture\r\n"
            ";boulevard du Port;95000;sans numéro\r\n"
            "xxx x;x x xxxx x;;\r\n"
            ";;;ligne vide\r\n"
        ).encode("cp1252")
    )
    out = tmp_path / "geocoded.gpkg"
    results, feedback, _ = run_alg(
        ALG,
        {
            "INPUT": str(src),
            "ADDRESS_FIELD": ["numero", "voie"],
            "POSTCODE_FIELD": "code_postal",
            "MIN_SCORE": 0.5,
            "OUTPUT": str(out),
        },
    )
    layer = QgsVectorLayer(results["OUTPUT"], "geocoded")
    assert layer.isValid() and layer.featureCount() == 5  # nothing dropped
    rows = list(layer.getFeatures())
    assert [f["result_status"] for f in rows] == ["ok", "ok", "low-score", "not-found", "skipped"]
    recorded = recorded_answer()
    for feature, key in ((rows[0], "10 rue de Rivoli"), (rows[1], "8 boulevard du Port")):
        point = feature.geometry().asPoint()
        assert point.x() == pytest.approx(float(recorded[key]["longitude"]))
        assert point.y() == pytest.approx(float(recorded[key]["latitude"]))
        assert feature["result_label"] == recorded[key]["result_label"]
        assert feature["result_id"] == recorded[key]["result_id"]
        assert feature["result_citycode"] == recorded[key]["result_citycode"]
        assert feature["result_score"] == pytest.approx(float(recorded[key]["result_score"]))
    assert rows[0]["commentaire"] == "Hôtel de ville à côté"  # decoded from Windows-1252
    assert rows[0]["code_postal"] == "75004"
    assert rows[2].geometry().isEmpty() and rows[2]["result_score"] == pytest.approx(0.4812)
    assert rows[0]["licence"].startswith("Licence Ouverte") and rows[0]["retrieved_at"].endswith("Z")
    assert rows[0]["source"] == "Base Adresse Nationale, IGN Géoplateforme"
    assert len(posts(httpserver)) == 1
    text = feedback.text()
    assert "encoding cp1252" in text and "separator ';'" in text
    assert "2 addresses found, 1 under the minimum score, 1 not found, 1 skipped, 0 in error (1 requests" in text
    assert "Row 4: not-found — 'xxx x x x xxxx x'" in text
    with sqlite3.connect(out) as db:
        assert db.execute("select count(*) from layer_styles").fetchone()[0] == 1
        metadata = " ".join(m[0] for m in db.execute("select metadata from gpkg_metadata"))
    assert "Base Adresse Nationale" in metadata and "Licence Ouverte" in metadata


def test_layer_input_in_project_crs_with_lost_leading_zero(run_alg, fake, httpserver):
    layer = QgsVectorLayer("None?field=adresse:string&field=cp:integer&field=result_status:string", "in", "memory")
    provider = layer.dataProvider()
    for values in (["10 rue de Rivoli", 75004, "old"], ["8 boulevard du Port", 95000, None], [None, None, None]):
        feature = QgsFeature(layer.fields())
        feature.setAttributes(values)
        provider.addFeature(feature)
    QgsProject.instance().addMapLayer(layer)
    try:
        results, feedback, context = run_alg(
            ALG,
            {
                "INPUT": layer.id(),
                "ADDRESS_FIELD": ["adresse"],
                "POSTCODE_FIELD": "cp",
                "OUTPUT_CRS": "EPSG:2154",
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    out = output_layer(results["OUTPUT"], context)
    assert out.crs().authid() == "EPSG:2154"
    rows = list(out.getFeatures())
    rivoli = rows[0].geometry().asPoint()
    # the Lambert-93 x/y the service itself reports for this address (ban_search_rivoli.json)
    assert rivoli.x() == pytest.approx(653070.41, abs=2) and rivoli.y() == pytest.approx(6861908.04, abs=2)
    assert rows[0]["result_status"] == "ok" and rows[0]["result_status_input"] == "old"
    assert rows[2]["result_status"] == "skipped" and rows[2]["result_message"] == "empty address"
    assert "kept as 'result_status_input'" in feedback.text()
    assert fake.log[-1]["form"]["postcode"] == ["postcode"]


def test_429_and_500_are_retried(run_alg, fake, httpserver):
    fake.script.extend([("429", 1), ("500",)])
    results, _, context = run_alg(
        ALG,
        {
            "INPUT": str(fixture_path("ban_search_csv_request.csv")),
            "ADDRESS_FIELD": ["adresse"],
            "CITYCODE_FIELD": "code_insee",
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    layer = output_layer(results["OUTPUT"], context)
    assert [f["result_status"] for f in layer.getFeatures()] == ["ok", "ok", "not-found", "skipped"]
    assert len(posts(httpserver)) == 3


def test_malformed_answer_fails_clearly_and_writes_nothing(run_alg, fake, tmp_path):
    fake.script.append(("malformed",))
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException, match="malformed answer"):
        run_alg(
            ALG,
            {
                "INPUT": str(fixture_path("ban_search_csv_request.csv")),
                "ADDRESS_FIELD": ["adresse"],
                "OUTPUT": str(out),
            },
        )
    assert not out.exists()


def test_partial_failure_keeps_the_other_chunks(run_alg, fake, monkeypatch):
    monkeypatch.setattr(geocoding, "CHUNK_ROWS", 2)
    fake.script.append(("html",))
    results, feedback, context = run_alg(
        ALG,
        {
            "INPUT": str(fixture_path("ban_search_csv_request.csv")),
            "ADDRESS_FIELD": ["adresse"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    layer = output_layer(results["OUTPUT"], context)
    statuses = [f["result_status"] for f in layer.getFeatures()]
    assert statuses == ["error", "error", "not-found", "skipped"]
    assert "Rows 1 to 2 could not be geocoded" in feedback.text()


def test_cancel_stops_between_chunks_and_writes_nothing(run_alg, fake, httpserver, monkeypatch, tmp_path):
    monkeypatch.setattr(geocoding, "CHUNK_ROWS", 2)
    feedback = CancelAfter(34)  # cancels once the first chunk is back (geocoding: 33-67 %)
    out = tmp_path / "out.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg(
            ALG,
            {
                "INPUT": str(fixture_path("ban_search_csv_request.csv")),
                "ADDRESS_FIELD": ["adresse"],
                "OUTPUT": str(out),
            },
            feedback=feedback,
        )
    assert len(posts(httpserver)) == 1  # the second chunk was never sent
    assert not out.exists()


def test_empty_input_is_refused(run_alg, fake, tmp_path):
    src = tmp_path / "empty.csv"
    src.write_text("adresse,cp\n", encoding="utf-8")
    with pytest.raises(QgsProcessingException, match="no rows"):
        run_alg(ALG, {"INPUT": str(src), "ADDRESS_FIELD": ["adresse"], "OUTPUT": "TEMPORARY_OUTPUT"})


def test_offline_rerun_uses_the_cache(run_alg, fake, httpserver, monkeypatch):
    params = {
        "INPUT": str(fixture_path("ban_search_csv_request.csv")),
        "ADDRESS_FIELD": ["adresse"],
        "OUTPUT": "TEMPORARY_OUTPUT",
    }
    run_alg(ALG, params)
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    results, _, context = run_alg(ALG, params)
    layer = output_layer(results["OUTPUT"], context)
    assert [f["result_status"] for f in layer.getFeatures()][:2] == ["ok", "ok"]
    assert len(posts(httpserver)) == 1


def test_help_names_source_and_licence(territorial_provider):
    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    text = alg.shortHelpString()
    assert "/search/csv" in text and "Licence Ouverte" in text and "low-score" in text


def test_string_field_types_are_kept(run_alg, fake):
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "pts", "memory")
    layer.dataProvider().addAttributes([make_field("adresse", FieldType.String), make_field("n", FieldType.Double)])
    layer.updateFields()
    feature = QgsFeature(layer.fields())
    feature.setAttributes(["10 rue de Rivoli", 1.5])
    layer.dataProvider().addFeature(feature)
    results, _, context = run_alg(ALG, {"INPUT": layer, "ADDRESS_FIELD": ["adresse"], "OUTPUT": "TEMPORARY_OUTPUT"})
    out = output_layer(results["OUTPUT"], context)
    assert out.fields().field("n").type() == FieldType.Double
    assert next(out.getFeatures())["n"] == 1.5


def test_pipe_separated_windows_1252_txt_as_a_delimited_text_uri(run_alg, fake, tmp_path):
    """OGR opens neither .txt nor | files: a delimitedtext:// URI (without encoding) is read by the plugin."""
    src = tmp_path / "pipe.txt"
    src.write_bytes('adresse|ville\n10 rue de Rivoli|Paris\n"8 boulevard du Port"|Cergy-Préfecture\n'.encode("cp1252"))
    uri = f"delimitedtext://file://{src}?type=csv&delimiter=|&geomType=none"
    results, feedback, context = run_alg(
        ALG, {"INPUT": uri, "ADDRESS_FIELD": ["adresse"], "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    rows = list(output_layer(results["OUTPUT"], context).getFeatures())
    assert [f["result_label"] for f in rows] == ["10 Rue de Rivoli 75004 Paris", "8 Boulevard du Port 95000 Cergy"]
    assert rows[1]["ville"] == "Cergy-Préfecture"
    assert "encoding cp1252, separator '|'" in feedback.text()


def test_csv_layer_loaded_by_ogr_is_read_with_its_real_encoding(run_alg, fake, tmp_path):
    src = tmp_path / "cp1252.csv"
    src.write_bytes("adresse,remarque\n10 rue de Rivoli,près de l'Hôtel de Ville\n".encode("cp1252"))
    layer = QgsVectorLayer(str(src), "cp1252", "ogr")
    assert layer.isValid()
    assert "\ufffd" in next(layer.getFeatures())["remarque"]  # what OGR makes of it
    QgsProject.instance().addMapLayer(layer)
    try:
        results, _, context = run_alg(
            ALG, {"INPUT": layer.id(), "ADDRESS_FIELD": ["adresse"], "OUTPUT": "TEMPORARY_OUTPUT"}
        )
    finally:
        QgsProject.instance().removeMapLayer(layer.id())
    feature = next(output_layer(results["OUTPUT"], context).getFeatures())
    assert feature["remarque"] == "près de l'Hôtel de Ville" and feature["result_status"] == "ok"
