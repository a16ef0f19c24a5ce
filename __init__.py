"""Territorial Data: QGIS plugin entry point (QGIS calls classFactory)."""


def classFactory(iface):  # noqa: N802 (QGIS name)
    from .plugin import TerritorialDataPlugin

    return TerritorialDataPlugin(iface)
