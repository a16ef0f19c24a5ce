"""Network outputs: the segments of a routed network with their results (loads, coverage...)."""

from qgis.core import QgsCoordinateTransform, QgsFields, QgsGeometry, QgsPointXY

from ...compat import FieldType, WkbType, make_field
from ...providers.i18n import translate
from ..inputs.network import NETWORK


def piece_geometry(model, index: int, back: QgsCoordinateTransform) -> QgsGeometry:
    """The piece as a line in the layer's CRS; a null geometry when every vertex snapped onto one node
    (a line shorter than the tolerance): nothing to draw, and PDF exports choke on such lines."""
    coords = model.net.piece_coords(index)
    if len(coords) < 2 or (coords == coords[0]).all():
        return QgsGeometry()
    geom = QgsGeometry.fromPolylineXY([QgsPointXY(float(px), float(py)) for px, py in coords])
    geom.transform(back)
    return geom


def write_pieces(alg, parameters, name, context, feedback, model, columns, piece_values, empty_values):
    """The network's segments as the output ``name``: the input fields, ``segment``, then ``columns``
    (``(field name, QVariant type)``) filled by ``piece_values(piece)``. An input feature without a
    segment (no line) keeps its row with ``empty_values``. Input fields named like a result are
    replaced (logged); an input ``fid`` is kept as ``source_fid`` (see ``outputs/sinks.py``).
    Returns the destination id."""
    source = alg.parameterAsSource(parameters, NETWORK, context)
    in_fields = source.fields()
    ours = {"segment"} | {column for column, _kind in columns}
    keep = [i for i, f in enumerate(in_fields) if f.name().lower() not in ours]
    dropped = [f.name() for i, f in enumerate(in_fields) if i not in keep]
    if dropped:
        feedback.pushWarning(
            translate("NetworkInput", "Input fields replaced by the results: {fields}.").format(
                fields=", ".join(dropped)
            )
        )
    fields = QgsFields()
    for i in keep:
        fields.append(in_fields[i])
    fields.append(make_field("segment", FieldType.Int))
    for column, kind in columns:
        fields.append(make_field(column, kind))
    writer = alg.create_writer(
        parameters,
        name,
        context,
        fields,
        WkbType.LineString,
        source.sourceCrs(),
        feedback,
        int(model.net.piece_start.shape[0]),
    )
    back = QgsCoordinateTransform(model.crs, source.sourceCrs(), context.transformContext())
    by_fid = model.pieces_by_fid()
    length = model.net.length

    def rows():
        for feature in source.getFeatures():
            attrs = feature.attributes()
            base = [attrs[i] for i in keep]
            pieces = by_fid.get(feature.id(), [])
            if not pieces:
                yield base + [None] + list(empty_values), None
                continue
            if len(pieces) == 1 and length[pieces[0]] > 0:
                # a feature routed as one segment keeps its own line: exact, and no need to rebuild
                # and reproject it (most features of BD TOPO and OpenStreetMap extracts)
                geometry = feature.geometry()
                if geometry.wkbType() == WkbType.LineString:
                    yield base + [int(pieces[0])] + list(piece_values(pieces[0])), geometry
                    continue
            for p in pieces:
                yield base + [int(p)] + list(piece_values(p)), piece_geometry(model, p, back)

    writer.write_all(rows())
    return writer.close()
