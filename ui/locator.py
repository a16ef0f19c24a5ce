"""Locator bar filter: type an address, pick a Base Adresse Nationale answer, the map zooms to it.

The search runs on the Géoplateforme ``/search`` endpoint with autocomplete (through
``ui/geocoder.BanGeocoder``), in the locator's worker thread; the zoom happens in the canvas CRS.
Queries under 3 characters and offline mode send nothing. Prefix: ``ban``.
"""

import json

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsGeocoderContext,
    QgsGeometry,
    QgsLocatorFilter,
    QgsLocatorResult,
    QgsPointXY,
    QgsRectangle,
)

from ..providers.errors import Canceled, DataError
from ..providers.http import HttpError
from ..providers.i18n import translate
from .geocoder import VIEWPORT, BanGeocoder, type_label

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")
MIN_CHARS = 3


def zoom_to(canvas, lon: float, lat: float, kind: str = "housenumber") -> QgsRectangle:
    """Zoom ``canvas`` on a WGS84 point with a window fitting the result type; returns the new extent."""
    half = VIEWPORT.get(kind, 0.004)
    window = QgsRectangle(lon - half, lat - half * 0.7, lon + half, lat + half * 0.7)
    crs = canvas.mapSettings().destinationCrs()
    point = QgsGeometry.fromPointXY(QgsPointXY(lon, lat))
    if crs.isValid() and crs != WGS84:
        transform = QgsCoordinateTransform(WGS84, crs, canvas.mapSettings().transformContext())
        try:
            window = transform.transformBoundingBox(window)
            point.transform(transform)
        except QgsCsException:
            return canvas.extent()
    canvas.setExtent(window)
    canvas.refresh()
    if hasattr(canvas, "flashGeometries"):
        canvas.flashGeometries([point], crs if crs.isValid() else WGS84)
    return canvas.extent()


def geocoder_context(context):
    """A geocoder context whose area of interest is the map view (favours nearby addresses)."""
    if context is None:
        return None
    try:
        extent, crs = context.targetExtent, context.targetExtentCrs
        result = QgsGeocoderContext(context.transformContext)
    except AttributeError:
        return None
    if extent is None or extent.isEmpty() or not crs.isValid():
        return None
    result.setAreaOfInterest(QgsGeometry.fromRect(extent))
    result.setAreaOfInterestCrs(crs)
    return result


class BanLocatorFilter(QgsLocatorFilter):
    """« Addresses (BAN) » in the locator bar."""

    def __init__(self, iface=None, canvas=None):
        super().__init__()
        self.iface = iface
        self._canvas = canvas
        self.geocoder = BanGeocoder(limit=8, autocomplete=True)
        if hasattr(self, "setFetchResultsDelay"):
            self.setFetchResultsDelay(300)

    def clone(self):
        return BanLocatorFilter(self.iface, self._canvas)

    def name(self):
        return "territorial_ban"

    def displayName(self):
        return translate("BanLocatorFilter", "Addresses (Base Adresse Nationale)")

    def description(self):
        return translate("BanLocatorFilter", "French addresses from the Base Adresse Nationale (IGN Géoplateforme)")

    def prefix(self):
        return "ban"

    def priority(self):
        return QgsLocatorFilter.Priority.Medium

    def hasConfigWidget(self):
        return False

    def canvas(self):
        if self._canvas is not None:
            return self._canvas
        return self.iface.mapCanvas() if self.iface is not None else None

    def fetchResults(self, string, context, feedback):
        text = (string or "").strip()
        if len(text) < MIN_CHARS or (feedback is not None and feedback.isCanceled()):
            return
        try:
            places = self.geocoder.places(text, geocoder_context(context), feedback)
        except Canceled:
            return
        except (HttpError, DataError) as exc:
            self.logMessage(str(exc))
            return
        for place in places:
            if feedback is not None and feedback.isCanceled():
                return
            result = QgsLocatorResult()
            result.filter = self
            result.displayString = place.label
            result.description = ", ".join(p for p in (place.context, type_label(place.type)) if p)
            result.group = translate("BanLocatorFilter", "Addresses")
            result.score = place.score
            # JSON text: a Python dict or list in userData crashes PyQGIS 3.22 once the result is copied
            result.userData = json.dumps([place.lon, place.lat, place.type, place.id, place.citycode])
            self.resultFetched.emit(result)

    def triggerResult(self, result):
        canvas = self.canvas()
        try:
            lon, lat, kind = json.loads(result.userData)[:3]
        except (TypeError, ValueError):
            return
        if canvas is None:
            return
        zoom_to(canvas, float(lon), float(lat), str(kind or "housenumber"))


def install_locator(iface, plugin_dir):
    """Register the filter in the locator bar; the returned part removes it."""
    from .gui import Part

    locator_filter = BanLocatorFilter(iface)
    iface.registerLocatorFilter(locator_filter)

    def remove():
        iface.deregisterLocatorFilter(locator_filter)

    return Part("locator", remove)
