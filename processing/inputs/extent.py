"""Extent input: an extent parameter as Lambert-93 or longitude/latitude bounds."""

from qgis.core import QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsCsException, QgsProcessingException

from ...providers.i18n import translate


def extent_from_parameters(alg, parameters, name, context, feedback):
    """(extent in EPSG:2154 or None, extent in EPSG:4326 or None) from an extent parameter.

    An extent given without a CRS (command line) is read as longitude/latitude when its values
    fit, else as Lambert-93; the log says which.
    """
    if not parameters.get(name):
        return None, None
    rect = alg.parameterAsExtent(parameters, name, context)
    if rect is None or rect.isNull() or rect.isEmpty():
        raise QgsProcessingException(
            translate(
                "TerritorialExtent", "The extent is empty: draw an extent or give xmin,xmax,ymin,ymax [EPSG:xxxx]."
            )
        )
    crs = alg.parameterAsExtentCrs(parameters, name, context)
    if not crs.isValid():
        degrees = all(-180 <= v <= 180 for v in (rect.xMinimum(), rect.xMaximum())) and all(
            -90 <= v <= 90 for v in (rect.yMinimum(), rect.yMaximum())
        )
        crs = QgsCoordinateReferenceSystem("EPSG:4326" if degrees else "EPSG:2154")
        feedback.pushInfo(
            translate("TerritorialExtent", "The extent has no coordinate system: read as {crs}.").format(
                crs=crs.authid()
            )
        )
    box = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
    if crs.authid() == "EPSG:2154":
        return box, None
    try:
        transform = QgsCoordinateTransform(crs, QgsCoordinateReferenceSystem("EPSG:4326"), context.transformContext())
        wgs84 = transform.transformBoundingBox(rect)
    except QgsCsException:
        raise QgsProcessingException(
            translate(
                "TerritorialExtent",
                "The extent cannot be converted to longitude/latitude: check its coordinate system.",
            )
        )
    return None, (wgs84.xMinimum(), wgs84.yMinimum(), wgs84.xMaximum(), wgs84.yMaximum())
