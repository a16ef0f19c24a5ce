"""The Base Adresse Nationale as a QGIS geocoder (``QgsGeocoderInterface``).

``BanGeocoder().geocodeString("10 rue de Rivoli Paris", QgsGeocoderContext(...))`` returns
``QgsGeocoderResult`` points in EPSG:4326 with the BAN attributes (label, score, type, id,
postcode, city, INSEE code, context). The locator filter (``ui/locator.py``) and any code
expecting a QGIS geocoder use it; the HTTP and parsing live in ``providers/geocoding.py``.
"""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFields,
    QgsGeocoderInterface,
    QgsGeocoderResult,
    QgsGeometry,
    QgsPointXY,
    QgsRectangle,
)

from ..compat import FieldType, WkbType, make_field
from ..providers import geocoding
from ..providers.errors import Canceled, DataError
from ..providers.http import HttpError
from ..providers.i18n import translate

WGS84 = QgsCoordinateReferenceSystem("EPSG:4326")

#: half-size in degrees of the viewport shown for each result type
VIEWPORT = {"housenumber": 0.0015, "street": 0.004, "locality": 0.008, "municipality": 0.04}

ATTRIBUTES = ("label", "score", "type", "id", "postcode", "city", "citycode", "context")


def type_label(kind: str) -> str:
    """The BAN result type (``housenumber``, ``street``, ``locality``, ``municipality``) for people,
    in the plugin's language; an unknown type is shown as it comes."""
    labels = {
        "housenumber": translate("BanGeocoder", "address"),
        "street": translate("BanGeocoder", "street"),
        "locality": translate("BanGeocoder", "place"),
        "municipality": translate("BanGeocoder", "municipality"),
    }
    return labels.get(kind or "", kind or "")


class BanGeocoder(QgsGeocoderInterface):
    """Address search on the Géoplateforme ``/search`` endpoint (BAN)."""

    def __init__(self, limit: int = 10, autocomplete: bool = False):
        super().__init__()
        self.limit = limit
        self.autocomplete = autocomplete

    def flags(self):
        return QgsGeocoderInterface.Flag.GeocodesStrings

    def appendedFields(self):
        fields = QgsFields()
        for name in ATTRIBUTES:
            fields.append(make_field(name, FieldType.Double if name == "score" else FieldType.String))
        return fields

    def wkbType(self):
        return WkbType.Point

    @staticmethod
    def _near(context):
        """The centre of the context's area of interest in WGS84 (favours nearby answers), if any."""
        try:
            area = context.areaOfInterest()
        except AttributeError:
            return None
        if area is None or area.isNull() or area.isEmpty():
            return None
        try:
            transform = QgsCoordinateTransform(context.areaOfInterestCrs(), WGS84, context.transformContext())
            centre = area.centroid()
            centre.transform(transform)
            point = centre.asPoint()
        except QgsCsException:
            return None
        if not (-180 <= point.x() <= 180 and -90 <= point.y() <= 90):
            return None
        return point.x(), point.y()

    def places(self, text: str, context=None, feedback=None):
        """The raw BAN places (providers.geocoding.Place) for ``text``."""
        cancel = feedback.isCanceled if feedback is not None else None
        near = self._near(context) if context is not None else None
        return geocoding.search(text, limit=self.limit, autocomplete=self.autocomplete, cancel=cancel, near=near)

    def geocodeString(self, string, context, feedback=None):
        try:
            places = self.places(string, context, feedback)
        except Canceled:
            return []
        except (HttpError, DataError) as exc:
            return [QgsGeocoderResult.errorResult(str(exc))]
        return [to_result(place) for place in places]


def to_result(place) -> QgsGeocoderResult:
    result = QgsGeocoderResult(place.label, QgsGeometry.fromPointXY(QgsPointXY(place.lon, place.lat)), WGS84)
    result.setAdditionalAttributes({name: getattr(place, name) for name in ATTRIBUTES})
    result.setDescription(place.context)
    result.setGroup(place.city or translate("BanGeocoder", "Addresses"))
    half = VIEWPORT.get(place.type, 0.004)
    result.setViewport(QgsRectangle(place.lon - half, place.lat - half * 0.7, place.lon + half, place.lat + half * 0.7))
    return result
