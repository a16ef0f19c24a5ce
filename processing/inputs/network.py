"""The NETWORK input: a line layer -> the routing graph, the one way every network algorithm reads it.

:func:`add_network_parameters` / :func:`read_network`: the NETWORK layer and how to read it
(direction field and value mapping, cost, speeds, closed segments, snapping tolerance, splitting at
crossings). Lengths are measured in a projected CRS (the layer's own when it is in metres, else
Lambert-93 / UTM chosen from the extent). The built network is cached (memory and disk, keyed by the
layer's source, its modification time and the build parameters), so a second run, including another
``qgis_process`` run, skips the build. The log says how many separate pieces the network has and
what share of its length the main piece holds (zones attach to the main piece only: see
``inputs/zones.py``). The network's provenance records come from its features' provenance fields or
from its schema (OpenStreetMap, BD TOPO, BNAC).
"""

import hashlib
import json
import math
import os
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsGeometry,
    QgsProcessingException,
    QgsProcessingFeatureSourceDefinition,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
    QgsWkbTypes,
)
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components

from ...compat import DistanceUnit, FeatureRequestFlag, ProcessingFieldParameterDataType, ProcessingSourceType
from ...providers.i18n import translate
from ...providers.settings import cache_dir, get_settings
from ..engine import network as netmod
from ..engine.arrays import load_npz, save_npz
from ..engine.flowlines import projected_crs_for
from ..engine.graph import RoutingGraph
from ..feedback import CHECK_EVERY, check_canceled
from ..outputs.provenance import layer_records, provenance_indexes, provenance_triple
from ..parameters import add_choice, add_number, choice

NETWORK = "NETWORK"
DIRECTION_FIELD = "DIRECTION_FIELD"
DIRECTION_MAPPING = "DIRECTION_MAPPING"
COST = "COST"
SPEED_FIELD = "SPEED_FIELD"
ROAD_TYPE_FIELD = "ROAD_TYPE_FIELD"
DEFAULT_SPEED = "DEFAULT_SPEED"
COST_FIELD = "COST_FIELD"
CLOSED_EXPRESSION = "CLOSED_EXPRESSION"
TOLERANCE = "TOLERANCE"
SPLIT_CROSSINGS = "SPLIT_CROSSINGS"

COST_OPTIONS = ["length", "time", "field"]
SPEED_FIELD_GUESSES = ("vitesse_moyenne_vl", "maxspeed")
ROAD_TYPE_GUESSES = ("highway", "nature", "type")

_MEMORY_CACHE: "OrderedDict[str, NetworkModel]" = OrderedDict()


def add_network_parameters(alg):
    alg.addParameter(
        QgsProcessingParameterFeatureSource(
            NETWORK, translate("NetworkInput", "Network (lines)"), [ProcessingSourceType.VectorLine]
        )
    )
    param = QgsProcessingParameterField(
        DIRECTION_FIELD,
        translate("NetworkInput", "Direction field (empty: every segment both ways)"),
        parentLayerParameterName=NETWORK,
        optional=True,
    )
    param.setHelp(translate("NetworkInput", "BD TOPO sens_de_circulation, OSM oneway, or any field mapped below."))
    alg.addParameter(param)
    alg.addParameter(
        QgsProcessingParameterString(
            DIRECTION_MAPPING,
            translate("NetworkInput", "Direction values (value=both|forward|backward|closed;...)"),
            optional=True,
        )
    )
    add_choice(
        alg,
        COST,
        translate("NetworkInput", "Shortest by"),
        [
            ("length", translate("NetworkInput", "length")),
            ("time", translate("NetworkInput", "travel time")),
            ("field", translate("NetworkInput", "a cost field")),
        ],
        default="length",
        help_text=translate("NetworkInput", "Command line: COST=length, time or field."),
    )
    alg.addParameter(
        QgsProcessingParameterField(
            SPEED_FIELD,
            translate("NetworkInput", "Speed field, km/h (time cost)"),
            parentLayerParameterName=NETWORK,
            optional=True,
        )
    )
    alg.addParameter(
        QgsProcessingParameterField(
            ROAD_TYPE_FIELD,
            translate("NetworkInput", "Road type field for default speeds"),
            parentLayerParameterName=NETWORK,
            optional=True,
        )
    )
    add_number(alg, DEFAULT_SPEED, translate("NetworkInput", "Default speed (km/h)"), 50.0, decimals=0, minimum=0.1)
    alg.addParameter(
        QgsProcessingParameterField(
            COST_FIELD,
            translate("NetworkInput", "Cost field (cost 'field')"),
            parentLayerParameterName=NETWORK,
            type=ProcessingFieldParameterDataType.Numeric,
            optional=True,
        )
    )
    alg.addParameter(
        QgsProcessingParameterExpression(
            CLOSED_EXPRESSION,
            translate("NetworkInput", "Closed segments (expression)"),
            parentLayerParameterName=NETWORK,
            optional=True,
        )
    )
    add_number(alg, TOLERANCE, translate("NetworkInput", "Snapping tolerance (metres)"), 1.0, decimals=1, minimum=0.0)
    alg.addParameter(
        QgsProcessingParameterBoolean(SPLIT_CROSSINGS, translate("NetworkInput", "Split lines where they cross"), False)
    )


@dataclass
class PieceGroups:
    """The pieces (segments) of each input feature that has any: ``fids`` sorted; per feature its
    ``start`` and ``count`` in ``order`` (the pieces sorted by feature, in their own order within one),
    its ``first`` piece, and whether it was ``routed_whole`` (one piece, of non-zero length)."""

    fids: np.ndarray
    start: np.ndarray
    count: np.ndarray
    order: np.ndarray
    first: np.ndarray
    routed_whole: np.ndarray

    def pieces_of(self, fids) -> Dict[int, List[int]]:
        """{fid: [piece, ...]} for those of ``fids`` that have pieces."""
        wanted = np.asarray(fids, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.fids, wanted), max(len(self.fids) - 1, 0))
        found = self.fids[at] == wanted if len(self.fids) else np.zeros(len(wanted), dtype=bool)
        at = at[found]
        one = self.count[at] == 1
        out = {fid: [piece] for fid, piece in zip(wanted[found][one].tolist(), self.first[at[one]].tolist())}
        for fid, begin, count in zip(wanted[found][~one].tolist(), self.start[at[~one]], self.count[at[~one]]):
            out[fid] = self.order[begin : begin + count].tolist()
        return out


@dataclass
class NetworkModel:
    net: netmod.LineNetwork
    graph: RoutingGraph
    line_fid: np.ndarray  # feature id of each input line (part)
    crs: QgsCoordinateReferenceSystem  # projected CRS of the graph
    source_crs: QgsCoordinateReferenceSystem
    piece_speed: np.ndarray
    piece_closed: np.ndarray
    cost_kind: str
    from_cache: bool = False
    build_seconds: float = 0.0
    messages: List[str] = field(default_factory=list)
    allowed: Optional[np.ndarray] = None
    records: List[Dict] = field(default_factory=list)  # provenance of the network layer

    def piece_groups(self) -> "PieceGroups":
        fids = self.line_fid[self.net.piece_line]
        order = np.argsort(fids, kind="stable")  # pieces of one feature stay in their order
        unique, start, count = np.unique(fids[order], return_index=True, return_counts=True)
        first = order[start]
        return PieceGroups(unique, start, count, order, first, (count == 1) & (self.net.length[first] > 0))

    def attach_mask(self) -> np.ndarray:
        if self.allowed is None:
            self.allowed = self.graph.largest_component_nodes()
        return self.allowed

    def pieces(self):
        """(number of separate pieces, share of the network's length in the largest one)."""
        net = self.net
        if net.n_nodes == 0 or net.node_u.size == 0:
            return 0, 0.0
        graph = coo_matrix(
            (np.ones(net.node_u.size), (net.node_u, net.node_v)), shape=(net.n_nodes, net.n_nodes)
        ).tocsr()
        count, labels = connected_components(graph, directed=False)
        used = np.zeros(net.n_nodes, dtype=bool)
        used[net.node_u] = True
        used[net.node_v] = True
        lengths = np.bincount(labels[net.node_u], weights=net.length, minlength=count)
        pieces = int(np.unique(labels[used]).size)
        total = float(lengths.sum())
        return pieces, float(lengths.max()) / total if total > 0 else 0.0


def projected_crs(source, context) -> QgsCoordinateReferenceSystem:
    crs = source.sourceCrs()
    if crs.isValid() and not crs.isGeographic() and crs.mapUnits() == DistanceUnit.Meters:
        return crs
    extent = source.sourceExtent()
    if crs.isValid() and not extent.isEmpty():
        wgs = QgsCoordinateReferenceSystem("EPSG:4326")
        centre = QgsCoordinateTransform(crs, wgs, context.transformContext()).transform(extent.center())
        return QgsCoordinateReferenceSystem(projected_crs_for(centre.x(), centre.y()))
    if not crs.isValid():
        raise QgsProcessingException(
            translate(
                "NetworkInput",
                "The network layer has no coordinate reference system: set one, so that lengths can be measured in "
                "metres.",
            )
        )
    return QgsCoordinateReferenceSystem("EPSG:2154")


def _field_index(source, name, label):
    if not name:
        return -1
    index = source.fields().lookupField(name)
    if index < 0:
        raise QgsProcessingException(
            translate(
                "NetworkInput", "The network layer has no field '{field}' ({label}). Its fields are: {fields}."
            ).format(field=name, label=label, fields=", ".join(source.fields().names()))
        )
    return index


def _source_signature(alg, parameters, context):
    """What identifies the network's content: (path, mtime, size) of a file, the rows' versions of a
    PostgreSQL table; None otherwise (then nothing is cached)."""
    layer = alg.parameterAsVectorLayer(parameters, NETWORK, context)
    if layer is None:
        return None
    value = parameters.get(NETWORK)
    if isinstance(value, QgsProcessingFeatureSourceDefinition) and value.selectedFeaturesOnly:
        return None  # a selection: not what the file holds
    if layer.isEditable() and layer.isModified():
        return None  # unsaved edits
    if layer.providerType() == "postgres":
        from ..outputs.postgis import table_signature

        return table_signature(layer)
    source = layer.source()
    path = source.split("|")[0]
    if layer.providerType() == "delimitedtext" and path.startswith("file://"):
        path = path[7:].split("?")[0]
    if not os.path.isfile(path):
        return None
    stat = os.stat(path)
    return {
        "source": source,
        "subset": layer.subsetString(),
        "mtime": stat.st_mtime,
        "size": stat.st_size,
        "features": layer.featureCount(),
    }


def projected_lines(geometry, transform: QgsCoordinateTransform) -> Optional[QgsGeometry]:
    """A copy of a line geometry in the target CRS, curves made straight segments; None when empty."""
    if geometry is None or geometry.isNull() or geometry.isEmpty():
        return None
    geom = QgsGeometry(geometry)
    if QgsWkbTypes.isCurvedType(geom.wkbType()):
        geom = QgsGeometry(geom.constGet().segmentize())
    geom.transform(transform)
    return geom


def read_network(alg, parameters, context, feedback) -> NetworkModel:
    """Build (or fetch from the cache) the routing graph of the NETWORK parameter, and say how many
    separate pieces it has."""
    model = _read_network(alg, parameters, context, feedback)
    pieces, share = model.pieces()
    if pieces > 1:
        message = translate(
            "NetworkInput",
            "The network has {pieces} separate pieces; the main one holds {share:.1%} of its length. Zones attach to "
            "the main piece only: flows between zones near the other pieces are routed from farther away or not at "
            "all.",
        ).format(pieces=pieces, share=share)
        (feedback.pushWarning if share < 0.9 else feedback.pushInfo)(message)
    feedback.setProgress(100.0)
    return model


def _read_network(alg, parameters, context, feedback) -> NetworkModel:
    source = alg.parameterAsSource(parameters, NETWORK, context)
    if source is None:
        raise QgsProcessingException(alg.invalidSourceError(parameters, NETWORK))
    fields = source.fields()
    names_lower = {n.lower(): n for n in fields.names()}
    direction_field = alg.parameterAsString(parameters, DIRECTION_FIELD, context)
    mapping_text = alg.parameterAsString(parameters, DIRECTION_MAPPING, context)
    cost_kind = choice(alg, parameters, COST, context) or "length"
    speed_field = alg.parameterAsString(parameters, SPEED_FIELD, context)
    type_field = alg.parameterAsString(parameters, ROAD_TYPE_FIELD, context)
    if not speed_field:
        speed_field = next((names_lower[g] for g in SPEED_FIELD_GUESSES if g in names_lower), "")
    if not type_field:
        type_field = next((names_lower[g] for g in ROAD_TYPE_GUESSES if g in names_lower), "")
    default_speed = alg.parameterAsDouble(parameters, DEFAULT_SPEED, context)
    cost_field = alg.parameterAsString(parameters, COST_FIELD, context)
    closed_expression = alg.parameterAsExpression(parameters, CLOSED_EXPRESSION, context)
    tolerance = alg.parameterAsDouble(parameters, TOLERANCE, context)
    split = alg.parameterAsBool(parameters, SPLIT_CROSSINGS, context)
    if cost_kind == "field" and not cost_field:
        raise QgsProcessingException(
            translate(
                "NetworkInput",
                "The cost is 'field' but no cost field is chosen: choose the numeric field holding each segment's "
                "cost.",
            )
        )
    mapping = netmod.parse_direction_mapping(mapping_text)
    dir_index = _field_index(source, direction_field, translate("NetworkInput", "direction"))
    speed_index = _field_index(source, speed_field, translate("NetworkInput", "speed"))
    type_index = _field_index(source, type_field, translate("NetworkInput", "road type"))
    cost_index = _field_index(source, cost_field, translate("NetworkInput", "cost")) if cost_kind == "field" else -1
    crs = projected_crs(source, context)
    messages = []
    signature = _source_signature(alg, parameters, context)
    key = None
    if signature is not None:
        params = {
            "direction": direction_field,
            "mapping": mapping_text,
            "cost": cost_kind,
            "speed": speed_field,
            "type": type_field,
            "default_speed": default_speed,
            "cost_field": cost_field,
            "closed": closed_expression,
            "tolerance": tolerance,
            "split": split,
            "crs": crs.authid() or crs.toWkt(),
            "version": netmod.BUILDER_VERSION,
        }
        key = hashlib.sha256(json.dumps([signature, params], sort_keys=True, default=str).encode()).hexdigest()[:32]
        model = _MEMORY_CACHE.get(key)
        if model is None:
            model = _load_cached(key, crs, source.sourceCrs(), cost_kind)
            if model is not None and not model.records:
                model.records = _network_records(alg, parameters, context, source, feedback)
        if model is not None:
            _MEMORY_CACHE[key] = model
            _MEMORY_CACHE.move_to_end(key)
            model.from_cache = True
            model.graph.core_store = os.path.join(cache_dir(get_settings()), "graphs", key)
            feedback.pushInfo(
                translate(
                    "NetworkInput", "Network graph reused from the cache ({pieces} segments, {nodes} nodes)."
                ).format(pieces=model.net.stats.get("pieces", 0), nodes=model.net.n_nodes)
            )
            return model
    started = time.perf_counter()
    transform = QgsCoordinateTransform(source.sourceCrs(), crs, context.transformContext())
    expression = None
    expr_context = None
    if closed_expression:
        expression = QgsExpression(closed_expression)
        if expression.hasParserError():
            raise QgsProcessingException(
                translate("NetworkInput", "The closed-segments expression is not valid: {error}").format(
                    error=expression.parserErrorString()
                )
            )
        expr_context = (
            QgsExpressionContext(
                QgsExpressionContextUtils.globalProjectLayerScopes(
                    alg.parameterAsVectorLayer(parameters, NETWORK, context)
                )
            )
            if alg.parameterAsVectorLayer(parameters, NETWORK, context) is not None
            else QgsExpressionContext()
        )
        expression.prepare(expr_context)
    lines, line_feature = [], []
    fids, dir_values, speed_values, type_values, cost_values, closed = [], [], [], [], [], []
    total = source.featureCount() or 0
    request = QgsFeatureRequest()
    prov_index = provenance_indexes(source.fields())
    if expression is None:
        wanted = [i for i in (dir_index, speed_index, type_index, cost_index) if i >= 0]
        request.setSubsetOfAttributes(wanted + list(prov_index.values()))
    empty = 0
    triples = set()
    for count, feature in enumerate(source.getFeatures(request)):
        if count % CHECK_EVERY == 0:
            check_canceled(feedback)
            if total:
                feedback.setProgress(60.0 * count / total)
        geom = feature.geometry()
        feature_index = len(fids)
        fids.append(feature.id())
        attrs = feature.attributes()
        triple = provenance_triple(prov_index, attrs)
        if triple:
            triples.add(triple)
        dir_values.append(attrs[dir_index] if dir_index >= 0 else None)
        speed_values.append(attrs[speed_index] if speed_index >= 0 else None)
        type_values.append(attrs[type_index] if type_index >= 0 else None)
        cost_values.append(attrs[cost_index] if cost_index >= 0 else None)
        if expression is not None:
            expr_context.setFeature(feature)
            value = expression.evaluate(expr_context)
            closed.append(bool(value) and not (hasattr(value, "isNull") and value.isNull()))
        else:
            closed.append(False)
        geom = projected_lines(geom, transform)
        if geom is None:
            empty += 1
            continue
        parts = geom.asMultiPolyline() if geom.isMultipart() else [geom.asPolyline()]
        for part in parts:
            if len(part) >= 1:
                lines.append(np.array([(p.x(), p.y()) for p in part], dtype=np.float64))
                line_feature.append(feature_index)
    if empty:
        messages.append(
            translate("NetworkInput", "{count} network features have no geometry: they carry no flow.").format(
                count=empty
            )
        )
    if not lines:
        raise QgsProcessingException(
            translate(
                "NetworkInput",
                "The network layer has no line to route on ({count} features, none with a line geometry).",
            ).format(count=len(fids))
        )
    net = netmod.build_line_network(lines, tolerance, split, cancel=feedback.isCanceled)
    feedback.setProgress(90.0)
    line_feature = np.array(line_feature, dtype=np.int64)
    piece_feature = line_feature[net.piece_line] if net.piece_line.size else np.zeros(0, dtype=np.int64)
    codes, unknown = (
        netmod.direction_codes(dir_values, mapping) if dir_index >= 0 else (np.zeros(len(fids), dtype=np.int8), {})
    )
    if unknown:
        listed = ", ".join(f"'{k}' ({v})" for k, v in sorted(unknown.items(), key=lambda kv: -kv[1])[:8])
        messages.append(
            translate(
                "NetworkInput",
                "Direction values not recognised, travelled both ways: {values}. Map them with the direction values "
                "parameter.",
            ).format(values=listed)
        )
    speeds, speed_counts = netmod.speeds_kmh(
        speed_values if speed_index >= 0 else None, type_values if type_index >= 0 else None, default_speed, len(fids)
    )
    if cost_kind == "field":
        bad = [fid for fid, value in zip(fids, cost_values) if not _is_cost(value)]
        if bad:
            raise QgsProcessingException(
                translate(
                    "NetworkInput",
                    "{count} segments have no valid cost in '{field}' (empty, negative or not a number), e.g. "
                    "feature ids {ids}. Fill them or close them with the closed-segments expression.",
                ).format(count=len(bad), field=cost_field, ids=", ".join(str(b) for b in bad[:5]))
            )
        feature_cost = np.array([float(v) for v in cost_values], dtype=np.float64)
    else:
        feature_cost = None
    arrays = net.arrays()
    feature_length = np.bincount(piece_feature, weights=net.length, minlength=len(fids))
    piece_speed = speeds[piece_feature]
    piece_code = codes[piece_feature]
    piece_closed = np.array(closed, dtype=bool)[piece_feature] | (piece_code == 2)
    arrays.update(
        line_fid=np.array(fids, dtype=np.int64)[line_feature] if len(line_feature) else np.zeros(0, np.int64),
        piece_speed=piece_speed,
        piece_closed=piece_closed,
        piece_oneway=np.where(piece_code == 2, 0, piece_code).astype(np.int8),
    )
    if feature_cost is not None:
        share = np.divide(
            net.length,
            feature_length[piece_feature],
            out=np.ones_like(net.length),
            where=feature_length[piece_feature] > 0,
        )
        arrays["piece_cost"] = feature_cost[piece_feature] * share
    model = _model_from_arrays(arrays, net.stats, crs, source.sourceCrs(), cost_kind)
    model.build_seconds = time.perf_counter() - started
    stats = net.stats
    messages.insert(
        0,
        translate(
            "NetworkInput",
            "Network: {lines} lines -> {pieces} segments, {nodes} nodes ({snapped} snapped, {tees} ends joined to a "
            "line, {crossings} crossings split), lengths in {crs}; built in {seconds:.1f} s.",
        ).format(
            lines=stats["lines"],
            pieces=stats["pieces"],
            nodes=stats["nodes"],
            snapped=stats["snapped_nodes"],
            crossings=stats["crossings"],
            tees=stats.get("t_junctions", 0),
            crs=crs.authid(),
            seconds=model.build_seconds,
        ),
    )
    if cost_kind != "length" or speed_index >= 0 or type_index >= 0:
        messages.append(
            translate(
                "NetworkInput",
                "Speeds: {field} segments from '{speed}', {road} from road type '{type}', {default} at {value} km/h.",
            ).format(
                field=speed_counts["field"],
                speed=speed_field or "-",
                road=speed_counts["road_type"],
                type=type_field or "-",
                default=speed_counts["default"],
                value=default_speed,
            )
        )
    if int(piece_closed.sum()):
        messages.append(translate("NetworkInput", "{count} segments are closed.").format(count=int(piece_closed.sum())))
    model.messages = messages
    model.records = layer_records(
        triples, alg.parameterAsVectorLayer(parameters, NETWORK, context), source.sourceName() or NETWORK, most=20
    )
    for message in messages:
        feedback.pushInfo(message)
    if key is not None:
        meta = {
            "stats": stats,
            "crs": crs.toWkt(),
            "cost": cost_kind,
            "built": time.time(),
            "records": model.records,
        }
        folder = os.path.join(cache_dir(get_settings()), "graphs")
        try:
            save_npz(os.path.join(folder, key + ".npz"), arrays, meta)
            netmod.prune_cache(folder)
        except OSError as exc:
            feedback.pushWarning(
                translate("NetworkInput", "Could not cache the network graph: {error}").format(error=exc)
            )
        model.graph.core_store = os.path.join(folder, key)  # routing cores for given zones, next to the graph
        _MEMORY_CACHE[key] = model
        while len(_MEMORY_CACHE) > 3:
            _MEMORY_CACHE.popitem(last=False)
    return model


def _is_cost(value) -> bool:
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return False
    try:
        number = float(value)
    except (TypeError, ValueError):
        return False
    return math.isfinite(number) and number >= 0


def _model_from_arrays(arrays, stats, crs, source_crs, cost_kind) -> NetworkModel:
    net = netmod.LineNetwork(
        *(arrays[k] for k in ("xy", "piece_start", "piece_end", "piece_line", "node_u", "node_v", "node_xy", "length")),
        stats=dict(stats),
    )
    length = net.length
    time_s = length / (arrays["piece_speed"] / 3.6)
    if cost_kind == "time":
        cost = time_s.copy()
    elif cost_kind == "field":
        cost = arrays["piece_cost"].astype(np.float64).copy()
    else:
        cost = length.copy()
    cost[arrays["piece_closed"]] = np.inf
    graph = RoutingGraph.from_edges(
        net.node_u, net.node_v, length, arrays["piece_oneway"], net.n_nodes, cost=cost, attrs={"time": time_s}
    )
    return NetworkModel(
        net, graph, arrays["line_fid"], crs, source_crs, arrays["piece_speed"], arrays["piece_closed"], cost_kind
    )


def _load_cached(key, crs, source_crs, cost_kind) -> Optional[NetworkModel]:
    loaded = load_npz(os.path.join(cache_dir(get_settings()), "graphs", key + ".npz"))
    if loaded is None:
        return None
    arrays, meta = loaded
    model = _model_from_arrays(arrays, meta.get("stats", {}), crs, source_crs, cost_kind)
    model.records = list(meta.get("records") or [])
    return model


def _network_records(alg, parameters, context, source, feedback):
    """Provenance records of the network layer, read from its features' provenance fields."""
    prov_index = provenance_indexes(source.fields())
    triples = set()
    if prov_index:
        request = QgsFeatureRequest().setFlags(FeatureRequestFlag.NoGeometry)
        request.setSubsetOfAttributes(list(prov_index.values()))
        for count, feature in enumerate(source.getFeatures(request)):
            if count % CHECK_EVERY == 0:
                check_canceled(feedback)
            triple = provenance_triple(prov_index, feature.attributes())
            if triple:
                triples.add(triple)
    layer = alg.parameterAsVectorLayer(parameters, NETWORK, context)
    return layer_records(triples, layer, source.sourceName() or NETWORK, most=20)
