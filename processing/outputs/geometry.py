"""Geometries between shapely (providers, engine) and QGIS (outputs)."""

from qgis.core import QgsGeometry


def qgs_geometry(geom) -> QgsGeometry:
    """A QgsGeometry from a shapely geometry (through WKB; works with shapely 1.8 and 2.x)."""
    if geom is None or geom.is_empty:
        return QgsGeometry()
    result = QgsGeometry()
    result.fromWkb(geom.wkb)
    return result
