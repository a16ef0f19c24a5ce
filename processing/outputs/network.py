"""Network outputs: the segments of a routed network with their results (loads, coverage...)."""

import os

import numpy as np
from qgis.core import (
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingFeatureSourceDefinition,
    QgsProviderRegistry,
)

from ...compat import FieldType, WkbType, make_field
from ...providers.i18n import translate
from ..inputs.network import NETWORK
from .gpkg_bulk import RowCopy, SourceTable
from .sinks import safe_fields


def piece_geometry(model, index: int, back: QgsCoordinateTransform) -> QgsGeometry:
    """The piece as a line in the layer's CRS; a null geometry when every vertex snapped onto one node
    (a line shorter than the tolerance): nothing to draw, and PDF exports choke on such lines."""
    coords = model.net.piece_coords(index)
    if len(coords) < 2 or (coords == coords[0]).all():
        return QgsGeometry()
    geom = QgsGeometry.fromPolylineXY([QgsPointXY(float(px), float(py)) for px, py in coords])
    geom.transform(back)
    return geom


def write_gaps(alg, parameters, name, context, feedback, model, gaps, value_names) -> str:
    """Gaps of a cycle network (``engine`` gap objects) as the output ``name``: one multi-line per gap,
    its pieces merged, with ``gap_rank``, ``length_m``, the three ``value_names`` (max, mean, per km)
    and ``segments``. Returns the destination id."""
    source = alg.parameterAsSource(parameters, NETWORK, context)
    fields = QgsFields()
    fields.append(make_field("gap_rank", FieldType.Int))
    for column in ("length_m", *value_names):
        fields.append(make_field(column, FieldType.Double))
    fields.append(make_field("segments", FieldType.Int))
    writer = alg.create_writer(
        parameters, name, context, fields, WkbType.MultiLineString, source.sourceCrs(), feedback, len(gaps)
    )
    back = QgsCoordinateTransform(model.crs, source.sourceCrs(), context.transformContext())
    for gap in gaps:
        parts = [piece_geometry(model, int(i), back) for i in gap.segments]
        geometry = QgsGeometry.collectGeometry([part for part in parts if not part.isNull()])
        merged = geometry.mergeLines()
        if not merged.isNull() and not merged.isEmpty():
            geometry = merged
        geometry.convertToMultiType()
        writer.add_row(
            [gap.rank, gap.length_m, gap.max_flow, gap.mean_flow, gap.flow_km, int(gap.segments.size)], geometry
        )
    return writer.close()


def write_pieces(alg, parameters, name, context, feedback, model, columns, empty_values):
    """The network's segments as the output ``name``: the input fields, ``segment``, then ``columns``
    (``(field name, QVariant type, values)``, ``values`` one per piece: a numpy array, or a list for
    NULLs). An input feature without a segment (no line) keeps its row with ``empty_values``. Input
    fields named like a result are replaced (logged); an input ``fid`` is kept as ``source_fid`` (see
    ``outputs/sinks.py``). Returns the destination id."""
    source = alg.parameterAsSource(parameters, NETWORK, context)
    in_fields = source.fields()
    ours = {"segment"} | {column for column, _kind, _values in columns}
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
    for column, kind, _values in columns:
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
    # Python values per piece (numpy's tolist: plain floats, ints, bools and None)
    arrays = [v if isinstance(v, np.ndarray) else np.asarray(v, dtype=object) for _c, _k, v in columns]
    values = [a.tolist() for a in arrays]
    groups = model.piece_groups()
    length = model.net.length
    empty = [None, *empty_values]

    def rows(features, by_fid, whole=True):
        for feature in features:
            attrs = feature.attributes()
            base = [attrs[i] for i in keep]
            pieces = by_fid.get(feature.id(), ())
            if not pieces:
                yield base + empty, None
                continue
            if whole and len(pieces) == 1 and length[pieces[0]] > 0:
                # a feature routed as one segment keeps its own line: exact, and no need to rebuild
                # and reproject it (most features of BD TOPO and OpenStreetMap extracts)
                geometry = feature.geometry()
                if geometry.wkbType() == WkbType.LineString:
                    yield base + [pieces[0]] + [v[pieces[0]] for v in values], geometry
                    continue
            for p in pieces:
                yield base + [p] + [v[p] for v in values], piece_geometry(model, p, back)

    table = _copyable_source(alg, parameters, context)
    copied = _copied_columns(table, in_fields, keep, fields) if table is not None else None
    if copied is not None:
        # a GeoPackage network: the features routed as one segment are copied row for row inside
        # SQLite (attributes and line as they are), the others go through QGIS
        whole = groups.routed_whole
        piece = groups.first[whole]
        results = zip(groups.fids[whole].tolist(), piece.tolist(), *(a[piece].tolist() for a in arrays))
        skip = groups.fids[~whole].tolist()
        copy = RowCopy(copied[0], ["segment", *(c for c, _k, _v in columns)], results, copied[1], skip, empty)

        def others(refused):
            fids = sorted([*skip, *refused])
            by_fid = groups.pieces_of(fids)
            return rows(
                source.getFeatures(QgsFeatureRequest().setFilterFids(fids)) if fids else (), by_fid, whole=False
            )

        if writer.copy_rows(table, copy, others):
            return writer.close()
    writer.write_all(rows(source.getFeatures(), groups.pieces_of(groups.fids.tolist())))
    return writer.close()


def _copyable_source(alg, parameters, context):
    """The network as a :class:`SourceTable` when every feature of a GeoPackage table is read as it is
    (no selection, limit, filter or subset), else None."""
    value = parameters.get(NETWORK)
    if isinstance(value, QgsProcessingFeatureSourceDefinition) and (
        value.selectedFeaturesOnly
        or getattr(value, "featureLimit", -1) != -1
        or getattr(value, "filterExpression", "")
        or int(getattr(value, "flags", 0) or 0)
    ):
        return None
    layer = alg.parameterAsVectorLayer(parameters, NETWORK, context)
    if layer is None or layer.providerType() != "ogr" or layer.subsetString():
        return None
    parts = QgsProviderRegistry.instance().decodeUri("ogr", layer.source())
    path = parts.get("path") or ""
    if not path.lower().endswith(".gpkg") or not os.path.isfile(path):
        return None
    return SourceTable.open(path, parts.get("layerName") or None)


def _copied_columns(table, in_fields, keep, fields):
    """``({output column: source column}, output column of the source key)`` for the kept input fields,
    or None when one of them is not a plain column of ``table`` or the key is not kept."""
    out_names = [f.name() for f in safe_fields(fields)]
    copied, key_column = {}, None
    for position, index in enumerate(keep):
        name = in_fields[index].name()
        if name not in table.columns or name == table.geometry_column:
            return None
        copied[out_names[position]] = name
        if name == table.pk:
            key_column = out_names[position]
    return (copied, key_column) if key_column is not None else None
