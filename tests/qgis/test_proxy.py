"""Inside QGIS, the HTTP layer goes through the proxy of the user's QGIS network settings."""

import pytest
from qgis.core import QgsNetworkAccessManager, QgsSettings

from support.proxy import LoopbackProxy
from territorial_data.providers.http import HttpClient, ServiceError, get_service

GEO = get_service("geo_api")


@pytest.fixture
def qgis_proxy(qgis_app):
    settings = QgsSettings()

    def configure(enabled, port=0, user="", password="", excluded=()):
        settings.setValue("proxy/proxyEnabled", enabled)
        settings.setValue("proxy/proxyType", "HttpProxy")
        settings.setValue("proxy/proxyHost", "127.0.0.1")
        settings.setValue("proxy/proxyPort", str(port))
        settings.setValue("proxy/proxyUser", user)
        settings.setValue("proxy/proxyPassword", password)
        settings.setValue("proxy/proxyExcludedUrls", "|".join(excluded))
        QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()

    yield configure
    configure(False)
    settings.remove("proxy")
    QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()


@pytest.fixture
def target(httpserver, monkeypatch):
    url = httpserver.url_for("/geo").replace("127.0.0.1", "localhost")
    monkeypatch.setenv("TERRITORIAL_DATA_GEO_API_URL", url)
    httpserver.expect_request("/geo/regions").respond_with_json([{"code": "53"}])
    return url


def test_requests_go_through_the_qgis_proxy_with_credentials(qgis_proxy, target, httpserver):
    with LoopbackProxy(user="agent", password="s3cr:et") as proxy:
        qgis_proxy(True, proxy.port, "agent", "s3cr:et")
        data = HttpClient(backoff=0.01).get_json(GEO, "regions")
    assert data == [{"code": "53"}]
    assert proxy.relayed == [target + "/regions"]
    assert not proxy.refused


def test_wrong_credentials_are_refused_by_the_proxy(qgis_proxy, target, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "0")
    with LoopbackProxy(user="agent", password="right") as proxy:
        qgis_proxy(True, proxy.port, "agent", "wrong")
        with pytest.raises(ServiceError, match="HTTP 407.*proxy user and password"):
            HttpClient(backoff=0.01).get_json(GEO, "regions")
    assert proxy.refused and not proxy.relayed


def test_excluded_urls_bypass_the_proxy(qgis_proxy, target, httpserver):
    with LoopbackProxy() as proxy:
        qgis_proxy(True, proxy.port, excluded=[target])
        assert HttpClient(backoff=0.01).get_json(GEO, "regions") == [{"code": "53"}]
    assert proxy.relayed == []
    assert len(httpserver.log) == 1


def test_disabled_proxy_is_not_used(qgis_proxy, target, httpserver):
    with LoopbackProxy() as proxy:
        qgis_proxy(False, proxy.port)
        HttpClient(backoff=0.01).get_json(GEO, "regions")
    assert proxy.relayed == [] and len(httpserver.log) == 1
