"""HTTPS with an organisation's own root certificate (as behind a proxy that inspects HTTPS): the
authorities imported in QGIS are trusted by the plugin's requests; without them, a clear error.

A real TLS server on loopback, with a root certificate and a server certificate made by the
``openssl`` command (``make deps`` installs it; ``ca-certificates``, which ``requests`` needs, brings it
anyway)."""

import json
import ssl
import subprocess

import pytest
from pytest_httpserver import HTTPServer
from qgis.core import QgsApplication, QgsProcessingException
from qgis.PyQt.QtNetwork import QSslCertificate

from support.layers import output_layer
from support.replay import JSON, fixture_bytes, point_service
from territorial_data.providers.http import ServiceError, client, get_service


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    """A root CA and a certificate for 127.0.0.1 signed by it."""
    folder = tmp_path_factory.mktemp("tls")
    openssl(
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "ca.key",
        "-out",
        "ca.pem",
        "-days",
        "2",
        "-subj",
        "/CN=Territorial Data test root CA",
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
        cwd=folder,
    )
    openssl(
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
        "-subj",
        "/CN=127.0.0.1",
        cwd=folder,
    )
    (folder / "ext.cnf").write_text(
        "subjectAltName=IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
    )
    openssl(
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.pem",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-out",
        "server.pem",
        "-days",
        "2",
        "-extfile",
        "ext.cnf",
        cwd=folder,
    )
    return folder


@pytest.fixture
def https_geo(certificates, monkeypatch):
    """geo.api.gouv.fr on a loopback HTTPS server whose certificate only the test root CA vouches for."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(str(certificates / "server.pem"), str(certificates / "server.key"))
    server = HTTPServer(host="127.0.0.1", port=0, ssl_context=context)
    server.start()
    prefix = point_service(monkeypatch, "geo_api", server)
    server.expect_request(f"{prefix}/communes").respond_with_data(
        fixture_bytes("geo_communes_dep35.geojson"), content_type=JSON
    )
    assert server.url_for("/").startswith("https://127.0.0.1:")
    yield server
    server.clear()
    if server.is_running():
        server.stop()


@pytest.fixture
def qgis_authority(certificates, qgis_app):
    """The test root CA imported in QGIS's authentication database, removed afterwards."""
    manager = QgsApplication.authManager()
    certificate = QSslCertificate((certificates / "ca.pem").read_bytes())
    assert not certificate.isNull()
    assert manager.storeCertAuthority(certificate)
    manager.rebuildCaCertsCache()
    manager.rebuildTrustedCaCertsCache()
    yield certificate
    manager.removeCertAuthority(certificate)
    manager.rebuildCaCertsCache()
    manager.rebuildTrustedCaCertsCache()


def test_untrusted_certificate_is_a_clear_error_without_retries(https_geo, qgis_app):
    http = client()
    before = http.request_count
    with pytest.raises(ServiceError) as caught:
        http.get_json(get_service("geo_api"), "communes", params={"codeDepartement": "35"})
    message = str(caught.value)
    assert "certificate is not trusted" in message and "certificate verify failed" in message
    assert "Certificate Manager > Authorities" in message
    assert http.request_count == before + 1  # a certificate does not get better by retrying
    assert len(https_geo.log) == 0  # the handshake failed: nothing was sent


def test_authority_imported_in_qgis_is_trusted(https_geo, qgis_authority):
    communes = client().get_json(get_service("geo_api"), "communes", params={"codeDepartement": "35"})
    assert communes == json.loads(fixture_bytes("geo_communes_dep35.geojson"))
    assert len(https_geo.log) == 1


def test_algorithm_over_https_with_the_organisation_authority(run_alg, https_geo, qgis_authority):
    results, _feedback, context = run_alg(
        "territorial:fetch_admin_boundaries", {"LEVEL": "commune", "CODE": "35", "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    layer = output_layer(results["OUTPUT"], context)
    codes = sorted(f["code"] for f in layer.getFeatures())
    assert codes == sorted(
        f["properties"]["code"] for f in json.loads(fixture_bytes("geo_communes_dep35.geojson"))["features"]
    )


def test_algorithm_error_names_the_certificate_problem(run_alg, https_geo):
    with pytest.raises(QgsProcessingException, match="certificate is not trusted"):
        run_alg("territorial:fetch_admin_boundaries", {"LEVEL": "commune", "CODE": "35", "OUTPUT": "TEMPORARY_OUTPUT"})
