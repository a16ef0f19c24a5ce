"""territorial:fetch_establishments through the Processing registry, against loopback company-search servers."""

import sqlite3

import pytest
from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QDate

from support.fake_geocoder import FakeSirene, composed_company
from support.layers import output_layer
from support.replay import point_service

ALG = "territorial:fetch_establishments"


class CancelAfter(QgsProcessingFeedback):
    """Feedback that cancels once progress reaches ``threshold`` (as a user pressing Cancel would)."""

    def __init__(self, threshold):
        super().__init__()
        self.progressChanged.connect(lambda value: self.cancel() if value >= threshold else None)


PT_SIRET = "43524614500021"  # the recorded establishment of P&T TECHNOLOGY AG in Rennes


@pytest.fixture
def fake(httpserver, monkeypatch):
    prefixes = [point_service(monkeypatch, key, httpserver) for key in ("sirene", "geo_api", "insee_sirene")]
    return FakeSirene().install(httpserver, *prefixes)


def searches(fake):
    return [e for e in fake.log if e["path"].endswith("/search") and "args" in e]


def test_commune_to_geopackage(run_alg, fake, tmp_path):
    out = tmp_path / "etab.gpkg"
    results, feedback, _ = run_alg(ALG, {"TERRITORY": "35238", "OUTPUT": str(out)})
    layer = QgsVectorLayer(results["OUTPUT"], "etab")
    assert layer.isValid() and layer.featureCount() == 1
    feature = next(layer.getFeatures())
    assert feature["siret"] == PT_SIRET and feature["nom"] == "P&T TECHNOLOGY AG"
    assert feature["naf"] == "71.12B" and feature["naf_section"] == "M"
    assert feature["adresse"] == "14 RUE DE BERTRAND 35000 RENNES" and feature["code_commune"] == "35238"
    assert feature["date_creation"] == QDate(2001, 4, 17)
    point = feature.geometry().asPoint()
    assert (point.x(), point.y()) == pytest.approx((-1.678026, 48.113652))
    assert feature["source"] == "INSEE Sirene via recherche-entreprises.api.gouv.fr"
    assert feature["licence"].startswith("Licence Ouverte") and feature["retrieved_at"].endswith("Z")
    assert "1 establishments from 1 requests over 1 queries" in feedback.text()
    with sqlite3.connect(out) as db:
        assert db.execute("select count(*) from layer_styles").fetchone()[0] == 1
        metadata = " ".join(m[0] for m in db.execute("select metadata from gpkg_metadata"))
    assert "recherche-entreprises" in metadata and "Licence Ouverte" in metadata


def test_epci_with_activity_over_several_pages(run_alg, fake):
    fake.communes["243500139"] = ["35238", "35047"]
    fake.companies += [
        composed_company(i, "35238" if i % 2 else "35047", "56.10A", "I", establishments=2) for i in range(40)
    ]
    fake.companies.append(composed_company(99, "35238", "47.11F", "G"))
    results, feedback, context = run_alg(
        ALG, {"TERRITORY": "243500139", "ACTIVITY": "56.10A", "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    layer = output_layer(results["OUTPUT"], context)
    features = list(layer.getFeatures())
    assert len(features) == 80 and {f["naf"] for f in features} == {"56.10A"}
    assert {f["effectif"] for f in features} == {"10-19"}
    pages = [(s["args"]["code_commune"], s["args"]["page"]) for s in searches(fake)]
    assert pages == [("35238", "1"), ("35047", "1")]  # 20 companies per commune: one page each
    assert all(s["args"]["activite_principale"] == "56.10A" for s in searches(fake))


def test_paging_429_and_500_are_handled(run_alg, fake):
    fake.companies += [composed_company(i, "35238", "62.01Z", "J") for i in range(30)]
    fake.script += [("429", 1), ("500",)]
    results, _, context = run_alg(ALG, {"TERRITORY": "35238", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert output_layer(results["OUTPUT"], context).featureCount() == 31
    assert [s["args"]["page"] for s in searches(fake)] == ["1", "2"]


def test_malformed_answer_is_a_clear_error(run_alg, fake, tmp_path):
    fake.script += [("malformed",)] * 5  # every try: a cut JSON answer is asked again
    out = tmp_path / "x.gpkg"
    with pytest.raises(QgsProcessingException, match="not valid JSON"):
        run_alg(ALG, {"TERRITORY": "35238", "OUTPUT": str(out)})
    assert not out.exists()


def test_empty_result_and_bad_codes(run_alg, fake):
    with pytest.raises(QgsProcessingException, match="No establishment found in 35238 with activity I"):
        run_alg(ALG, {"TERRITORY": "35238", "ACTIVITY": "I", "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="Cannot tell what territory 'Rennes' is"):
        run_alg(ALG, {"TERRITORY": "Rennes", "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="neither a NAF code"):
        run_alg(ALG, {"TERRITORY": "35238", "ACTIVITY": "commerce", "OUTPUT": "TEMPORARY_OUTPUT"})


def test_cancel_writes_nothing(run_alg, fake, tmp_path):
    fake.communes["243500139"] = ["35238", "35047", "35051", "35024"]
    out = tmp_path / "x.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg(ALG, {"TERRITORY": "243500139", "OUTPUT": str(out)}, feedback=CancelAfter(20))
    assert len(searches(fake)) < 4 and not out.exists()


def store_insee_key(key):
    manager = QgsApplication.authManager()
    if not manager.masterPasswordIsSet():
        assert manager.setMasterPassword("test-master-password", True)
    config = QgsAuthMethodConfig("Basic")
    config.setName("INSEE API Sirene")
    config.setConfig("username", "insee")
    config.setConfig("password", key)
    assert manager.storeAuthenticationConfig(config)
    return config.id()


def test_insee_key_from_the_auth_database(run_alg, fake):
    fake.companies = [c for c in fake.companies if c["siren"] == "435246145"]
    authcfg = store_insee_key("secret-key")
    results, feedback, context = run_alg(ALG, {"TERRITORY": "35238", "AUTH": authcfg, "OUTPUT": "TEMPORARY_OUTPUT"})
    feature = next(output_layer(results["OUTPUT"], context).getFeatures())
    assert feature["siret"] == PT_SIRET
    point = feature.geometry().asPoint()  # from INSEE's Lambert-93 x/y, projected back by QGIS
    assert (point.x(), point.y()) == pytest.approx((-1.678026, 48.113652), abs=1e-6)
    insee = [e for e in fake.log if e["path"].endswith("/siret")]
    assert insee and insee[0]["key"] == "secret-key"
    assert "INSEE API Sirene" in feedback.text()
    assert not searches(fake)  # Recherche d'entreprises was not used


def test_unknown_auth_config_is_a_clear_error(run_alg, fake):
    with pytest.raises(QgsProcessingException, match="Cannot read the authentication configuration 'zzzzzzz'"):
        run_alg(ALG, {"TERRITORY": "35238", "AUTH": "zzzzzzz", "OUTPUT": "TEMPORARY_OUTPUT"})


def test_help(territorial_provider):
    text = QgsApplication.processingRegistry().algorithmById(ALG).shortHelpString()
    assert "10 000" in text and "Licence Ouverte" in text
