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


#: the origin of hand-made test geometries, in Lambert-93 (metres)
X0, Y0 = 650000.0, 6860000.0


def line(*points):
    """WKT of a line through points given in metres from (X0, Y0)."""
    return "LINESTRING(" + ", ".join(f"{X0 + x} {Y0 + y}" for x, y in points) + ")"


def point(x, y):
    """WKT of a point given in metres from (X0, Y0)."""
    return f"POINT({X0 + x} {Y0 + y})"


def write_gpkg(path, geometry_type, fields, rows, layer_name="data", crs="EPSG:2154"):
    """A GeoPackage layer from ``(wkt, [values])`` rows; ``fields`` are ``(name, compat.FieldType)``."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransformContext,
        QgsFeature,
        QgsFields,
        QgsGeometry,
        QgsVectorFileWriter,
    )

    from territorial_data.compat import make_field

    qfields = QgsFields()
    for name, kind in fields:
        qfields.append(make_field(name, kind))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    options.layerName = layer_name
    writer = QgsVectorFileWriter.create(
        str(path), qfields, geometry_type, QgsCoordinateReferenceSystem(crs), QgsCoordinateTransformContext(), options
    )
    for wkt, values in rows:
        feature = QgsFeature(qfields)
        if wkt:
            feature.setGeometry(QgsGeometry.fromWkt(wkt))
        feature.setAttributes(values)
        assert writer.addFeature(feature)
    del writer
    return str(path)
