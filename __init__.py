"""Territorial Data: QGIS plugin entry point (QGIS calls classFactory)."""


def classFactory(iface):
    from .plugin import TerritorialDataPlugin

    return TerritorialDataPlugin(iface)
