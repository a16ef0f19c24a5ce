"""The locator filter and the QgsGeocoderInterface implementation, headless, against a loopback geocoder."""

import json
import time

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeedback,
    QgsGeocoderContext,
    QgsLocator,
    QgsLocatorContext,
    QgsLocatorResult,
    QgsRectangle,
)
from qgis.PyQt.QtCore import QCoreApplication

from support.fake_geocoder import FakeGeocoder
from support.replay import point_service
from territorial_data.ui.geocoder import BanGeocoder
from territorial_data.ui.locator import BanLocatorFilter


@pytest.fixture
def fake(httpserver, monkeypatch):
    prefix = point_service(monkeypatch, "geocoding", httpserver)
    return FakeGeocoder().install(httpserver, prefix)


def fetch(locator_filter, text):
    results = []
    # keep copies: the object given to the slot does not outlive the signal
    locator_filter.resultFetched.connect(lambda result: results.append(QgsLocatorResult(result)))
    locator_filter.fetchResults(text, QgsLocatorContext(), QgsFeedback())
    return results


def test_fetch_results_autocomplete(fake, httpserver):
    results = fetch(BanLocatorFilter(), "10 rue de riv")
    assert [r.displayString for r in results] == ["10 Rue de Rivoli 75004 Paris"]
    lon, lat, kind, ban_id, citycode = json.loads(results[0].userData)
    assert lon == pytest.approx(2.36041) and lat == pytest.approx(48.8555)
    assert kind == "housenumber" and citycode == "75104" and ban_id == "75104_8249_00010"
    # the BAN type is shown in words, not as its id (issue 13)
    assert results[0].description.endswith(", address") and "housenumber" not in results[0].description
    request = httpserver.log[-1][0]
    assert request.args["autocomplete"] == "1" and request.args["q"] == "10 rue de riv"


def test_the_map_view_favours_nearby_addresses(fake, httpserver):
    context = QgsLocatorContext()
    context.targetExtent = QgsRectangle(652070.41, 6860908.04, 654070.41, 6862908.04)  # around Rivoli, Lambert-93
    context.targetExtentCrs = QgsCoordinateReferenceSystem("EPSG:2154")
    BanLocatorFilter().fetchResults("10 rue de rivoli", context, QgsFeedback())
    args = httpserver.log[-1][0].args
    assert float(args["lon"]) == pytest.approx(2.36041, abs=2e-5) and float(args["lat"]) == pytest.approx(
        48.8555, abs=2e-5
    )


def test_short_query_sends_nothing(fake, httpserver):
    assert fetch(BanLocatorFilter(), "10") == []
    assert len(httpserver.log) == 0


def test_service_failure_gives_no_result_and_no_crash(httpserver, monkeypatch):
    prefix = point_service(monkeypatch, "geocoding", httpserver)
    httpserver.expect_request(f"{prefix}/search").respond_with_data("down", status=503)
    assert fetch(BanLocatorFilter(), "10 rue de rivoli") == []


def test_trigger_zooms_in_the_canvas_crs(fake, qgis_canvas):
    qgis_canvas.setDestinationCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
    qgis_canvas.setExtent(QgsRectangle(100000, 6000000, 1200000, 7100000))
    locator_filter = BanLocatorFilter(canvas=qgis_canvas)
    result = fetch(locator_filter, "10 rue de rivoli")[0]
    locator_filter.triggerResult(result)
    centre = qgis_canvas.extent().center()
    # the Lambert-93 x/y the service itself reports for 10 rue de Rivoli (ban_search_rivoli.json)
    assert centre.x() == pytest.approx(653070.41, abs=3) and centre.y() == pytest.approx(6861908.04, abs=3)
    assert qgis_canvas.extent().width() < 1000  # street level, not the whole country


def test_through_a_real_locator_in_its_worker_thread(fake):
    locator = QgsLocator()
    locator.registerFilter(BanLocatorFilter())
    found = []  # copy inside the slot: the result object does not outlive the signal
    locator.foundResult.connect(lambda result: found.append((result.displayString, json.loads(result.userData))))
    locator.fetchResults("10 rue de rivoli", QgsLocatorContext())
    deadline = time.monotonic() + 10
    while locator.isRunning() and time.monotonic() < deadline:
        QCoreApplication.processEvents()
        time.sleep(0.02)
    QCoreApplication.processEvents()
    assert [name for name, _ in found] == ["10 Rue de Rivoli 75004 Paris"]
    assert found[0][1][:2] == pytest.approx([2.36041, 48.8555])


def test_geocoder_interface(fake, httpserver):
    geocoder = BanGeocoder()
    context = QgsGeocoderContext(QgsCoordinateTransformContext())
    results = geocoder.geocodeString("8 boulevard du Port", context)
    assert results and all(r.isValid() for r in results)
    best = results[0]
    assert best.identifier() == "8 Boulevard du Port 95000 Cergy"
    assert best.crs().authid() == "EPSG:4326"
    point = best.geometry().asPoint()
    assert (point.x(), point.y()) == pytest.approx((2.062821, 49.031624))
    assert best.additionalAttributes()["citycode"] == "95127"
    assert best.additionalAttributes()["postcode"] == "95000"
    assert [f.name() for f in geocoder.appendedFields()][:3] == ["label", "score", "type"]
    assert httpserver.log[-1][0].args["autocomplete"] == "0"


def test_geocoder_interface_uses_the_area_of_interest(fake, httpserver):
    context = QgsGeocoderContext(QgsCoordinateTransformContext())
    from qgis.core import QgsGeometry, QgsPointXY

    context.setAreaOfInterest(QgsGeometry.fromPointXY(QgsPointXY(653070.41, 6861908.04)))  # Rivoli, Lambert-93
    context.setAreaOfInterestCrs(QgsCoordinateReferenceSystem("EPSG:2154"))
    BanGeocoder().geocodeString("10 rue de Rivoli", context)
    args = httpserver.log[-1][0].args
    assert float(args["lon"]) == pytest.approx(2.36041, abs=2e-5) and float(args["lat"]) == pytest.approx(
        48.8555, abs=2e-5
    )


def test_geocoder_interface_reports_service_errors(httpserver, monkeypatch):
    prefix = point_service(monkeypatch, "geocoding", httpserver)
    httpserver.expect_request(f"{prefix}/search").respond_with_data("<html>", status=200, content_type="text/html")
    results = BanGeocoder().geocodeString("10 rue de Rivoli", QgsGeocoderContext(QgsCoordinateTransformContext()))
    assert len(results) == 1 and not results[0].isValid() and "not valid JSON" in results[0].error()


def test_type_labels_are_words():
    from territorial_data.ui.geocoder import type_label

    assert [type_label(k) for k in ("housenumber", "street", "locality", "municipality")] == [
        "address",
        "street",
        "place",
        "municipality",
    ]
    assert type_label("") == "" and type_label("poi") == "poi"


# The registration of the filter in the locator bar and its removal are checked in the real desktop
# (tests/desktop: the plugin ticked and unticked through QGIS's plugin machinery), not on a fake iface.
