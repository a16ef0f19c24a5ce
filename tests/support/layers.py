"""Helpers for QGIS tests (import only where QGIS is loaded)."""


def output_layer(value, context):
    """The layer of an output value (a file path, a layer id in the context, or a layer)."""
    from qgis.core import QgsMapLayer, QgsProcessingUtils

    if isinstance(value, QgsMapLayer):
        return value
    layer = QgsProcessingUtils.mapLayerFromString(value, context)
    assert layer is not None and layer.isValid(), f"cannot open output {value}"
    return layer


def memory_layer(uri, rows, name="layer"):
    """A memory layer from a provider URI (``None?field=a:string&...``) and attribute rows."""
    from qgis.core import QgsFeature, QgsVectorLayer

    layer = QgsVectorLayer(uri, name, "memory")
    features = []
    for row in rows:
        feature = QgsFeature(layer.fields())
        feature.setAttributes(list(row))
        features.append(feature)
    layer.dataProvider().addFeatures(features)
    return layer
