"""Zones: the one way every algorithm reads its ZONES layer.

:func:`add_zone_parameters` declares ``ZONES`` (polygons or points) and ``ZONE_ID_FIELD``
(optional: found among the usual names ``code``, ``insee_com``, ``codgeo``... in any letter case),
plus, for network algorithms, connector points and the longest connector.

:func:`read_zones` reads them with one contract:

- the code field: the one chosen (any letter case), else a usual name; a clear error when there is
  none, a warning when it holds numbers (leading zeros and 2A/2B cannot be there);
- the CRS is checked (a layer without one stops the run with what to do);
- zones are measured in a projected CRS: the network's when given, else the one that suits the
  median zone (Lambert-93 in metropolitan France); zones outside its area are reported;
- NULL codes, empty geometries, invalid geometries (repaired for their centre) and codes carried by
  several features (merged) are reported in the log, never dropped silently;
- the result carries one representative point per code (centroid, or a point on the surface when
  the centroid falls outside) and the provenance records of the layer.

:func:`attach_zones` then attaches each zone to the nearest node of a network's main connected
piece within the longest connector, and reports zones that a line of another piece passes closer.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional

import numpy as np
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsFeatureRequest,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterNumber,
)
from scipy.spatial import cKDTree
from shapely import wkb

from ...compat import FieldType, ProcessingNumberParameterType, ProcessingSourceType
from ...providers.i18n import translate
from ..engine import flowlines
from ..feedback import CHECK_EVERY, cancel_check, check_canceled
from ..outputs.provenance import layer_records, provenance_indexes, provenance_triple
from .values import code_text, sample_list

ZONES = "ZONES"
ZONE_ID_FIELD = "ZONE_ID_FIELD"
CONNECTORS = "CONNECTORS"
CONNECTOR_ZONE_FIELD = "CONNECTOR_ZONE_FIELD"
MAX_CONNECTOR_DISTANCE = "MAX_CONNECTOR_DISTANCE"

#: zone code fields looked for when none is chosen (any letter case, in this order)
ZONE_ALIASES = (
    "code",
    "insee_com",
    "code_insee",
    "insee",
    "codgeo",
    "com",
    "code_commune",
    "siren",
    "code_epci",
    "id",
)


def add_zone_parameters(alg, connectors: bool = False):
    """Declare ZONES and ZONE_ID_FIELD (and, for network algorithms, the connector parameters)."""
    alg.addParameter(
        QgsProcessingParameterFeatureSource(
            ZONES,
            translate("Zones", "Zones (polygons or points)"),
            [ProcessingSourceType.VectorPolygon, ProcessingSourceType.VectorPoint],
        )
    )
    param = QgsProcessingParameterField(
        ZONE_ID_FIELD, translate("Zones", "Zone code field"), parentLayerParameterName=ZONES, optional=True
    )
    param.setHelp(
        translate("Zones", "Empty: the first of {names} the layer has (any letter case).").format(
            names=", ".join(ZONE_ALIASES)
        )
    )
    alg.addParameter(param)
    if not connectors:
        return
    alg.addParameter(
        QgsProcessingParameterFeatureSource(
            CONNECTORS,
            translate("Zones", "Connector points (optional, e.g. population-weighted)"),
            [ProcessingSourceType.VectorPoint],
            optional=True,
        )
    )
    alg.addParameter(
        QgsProcessingParameterField(
            CONNECTOR_ZONE_FIELD,
            translate("Zones", "Zone code field of the connector points"),
            parentLayerParameterName=CONNECTORS,
            optional=True,
        )
    )
    distance = QgsProcessingParameterNumber(
        MAX_CONNECTOR_DISTANCE,
        translate("Zones", "Longest connector between a zone and the network (metres)"),
        ProcessingNumberParameterType.Double,
        5000.0,
        minValue=0.0,
    )
    distance.setMetadata({"widget_wrapper": {"decimals": 0}})
    alg.addParameter(distance)


def zone_code_field(source, wanted, feedback, zones_param=ZONES):
    """The zones layer's code field: the one chosen (any letter case), else a usual name (code,
    insee_com...); a clear error when there is none, a warning when it holds numbers."""
    name = source.sourceName() or zones_param
    names = [f.name() for f in source.fields()]
    lower = {n.lower(): n for n in names}
    if wanted and wanted.lower() in lower:
        code_field = lower[wanted.lower()]
    elif wanted:
        raise QgsProcessingException(
            translate("Zones", "The zones layer '{layer}' has no field '{field}'. Its fields are: {fields}.").format(
                layer=name, field=wanted, fields=", ".join(names)
            )
        )
    else:
        code_field = next((lower[a] for a in ZONE_ALIASES if a in lower), None)
        if code_field is None:
            raise QgsProcessingException(
                translate(
                    "Zones",
                    "Choose the zone code field: the zones layer '{layer}' has none of the usual names ({aliases}). "
                    "Its fields are: {fields}.",
                ).format(layer=name, aliases=", ".join(ZONE_ALIASES), fields=", ".join(names))
            )
        feedback.pushInfo(translate("Zones", "Zone codes read from the field '{field}'.").format(field=code_field))
    kind = source.fields().field(code_field).type()
    if kind in (FieldType.Int, FieldType.LongLong, FieldType.Double, FieldType.UInt, FieldType.ULongLong):
        feedback.pushWarning(
            translate(
                "Zones",
                "The zone code field '{field}' holds numbers: codes such as 01001 lost their leading zero and "
                "Corsica's 2A/2B codes cannot be there. Codes are matched by restoring the zeros; prefer a text "
                "field.",
            ).format(field=code_field)
        )
    return code_field


@dataclass
class Zones:
    """The zones layer as read: geometries in a projected CRS (metres)."""

    name: str
    field: str
    codes: List[Optional[str]]  # one per feature, in feature order (None: NULL code)
    geometries: list  # one shapely geometry (projected) or None per feature
    crs: QgsCoordinateReferenceSystem  # the layer's CRS
    projected: QgsCoordinateReferenceSystem
    points: flowlines.ZonePoints
    records: List[Dict] = field(default_factory=list)
    null_codes: int = 0
    invalid: List[str] = field(default_factory=list)

    def codes_with_points(self) -> List[str]:
        return list(self.points.frame.index)

    def all_codes(self) -> List[str]:
        return list(dict.fromkeys(code for code in self.codes if code is not None))

    def point_xy(self, code):
        row = self.points.frame.loc[code]
        return float(row["x"]), float(row["y"])


def read_zones(alg, parameters, context, feedback, projected: Optional[QgsCoordinateReferenceSystem] = None) -> Zones:
    """Read the ZONES parameter (see the module doc); ``projected``: the CRS to measure in (a
    network's), else chosen from the zones."""
    source = alg.parameterAsSource(parameters, ZONES, context)
    if source is None:
        raise QgsProcessingException(alg.invalidSourceError(parameters, ZONES))
    name = source.sourceName() or ZONES
    code_field = zone_code_field(source, alg.parameterAsString(parameters, ZONE_ID_FIELD, context), feedback)
    crs = source.sourceCrs()
    if not crs.isValid():
        raise QgsProcessingException(
            translate(
                "Zones",
                "The zones layer '{layer}' has no coordinate reference system: set its CRS (layer properties) "
                "and run again.",
            ).format(layer=name)
        )
    prov_index = provenance_indexes(source.fields())
    code_index = source.fields().lookupField(code_field)
    request = QgsFeatureRequest().setSubsetOfAttributes([code_index, *prov_index.values()])
    codes, geometries, triples, centres, invalid = [], [], set(), [], []
    null_codes, null_ids = 0, []
    total = source.featureCount() or 0
    for count, feature in enumerate(source.getFeatures(request)):
        if count % CHECK_EVERY == 0:
            check_canceled(feedback)
            if total:
                feedback.setProgress(40.0 * count / total)
        attributes = feature.attributes()
        code = code_text(attributes[code_index])
        if code is None:
            null_codes += 1
            null_ids.append(str(feature.id()))
        geometry = feature.geometry()
        if geometry is None or geometry.isNull() or geometry.isEmpty():
            geometry = None
        else:
            geometry = QgsGeometry(geometry)
            if not geometry.isGeosValid():
                invalid.append(code or f"#{feature.id()}")
                repaired = geometry.makeValid()
                if repaired is not None and not repaired.isNull() and not repaired.isEmpty():
                    geometry = repaired
            centres.append(geometry.boundingBox().center())
        codes.append(code)
        geometries.append(geometry)
        triple = provenance_triple(prov_index, attributes)
        if triple:
            triples.add(triple)
    if not codes:
        raise QgsProcessingException(translate("Zones", "The zones layer '{layer}' has no feature.").format(layer=name))
    if not centres:
        raise QgsProcessingException(
            translate("Zones", "The zones layer '{layer}' has no feature with a geometry.").format(layer=name)
        )
    wgs84 = QgsCoordinateReferenceSystem("EPSG:4326")
    to_wgs = QgsCoordinateTransform(crs, wgs84, context.transformContext())
    if projected is None:
        # the projected CRS that suits most zones (the median zone: a layer of France with its overseas
        # départements is measured in Lambert-93, and the zones outside its area are reported)
        xs, ys = sorted(c.x() for c in centres), sorted(c.y() for c in centres)
        median = QgsPointXY(xs[len(xs) // 2], ys[len(ys) // 2])
        try:
            centre = to_wgs.transform(median)
        except Exception as exc:
            raise QgsProcessingException(
                translate("Zones", "Cannot locate the zones layer '{layer}' on the globe: {error}").format(
                    layer=name, error=exc
                )
            )
        projected = QgsCoordinateReferenceSystem(flowlines.projected_crs_for(centre.x(), centre.y()))
    to_projected = QgsCoordinateTransform(crs, projected, context.transformContext())
    area = projected.bounds()  # area of use, in degrees
    outside, shapes = [], []
    for count, (code, geometry) in enumerate(zip(codes, geometries)):
        if count % CHECK_EVERY == 0:
            check_canceled(feedback)
            if total:
                feedback.setProgress(40.0 + 40.0 * count / total)
        if geometry is None:
            shapes.append(None)
            continue
        try:
            if not area.isEmpty() and not area.contains(to_wgs.transform(geometry.boundingBox().center())):
                outside.append(code or "")
            geometry.transform(to_projected)
        except Exception as exc:
            raise QgsProcessingException(
                translate("Zones", "Cannot project zone '{code}' to {crs}: {error}").format(
                    code=code, crs=projected.authid(), error=exc
                )
            )
        shapes.append(wkb.loads(bytes(geometry.asWkb())))
    points = flowlines.representative_points(codes, shapes, cancel=cancel_check(feedback))
    if points.frame.empty:
        raise QgsProcessingException(
            translate("Zones", "The zones layer '{layer}' has no zone with a code in '{field}' and a geometry.").format(
                layer=name, field=code_field
            )
        )
    layer = alg.parameterAsVectorLayer(parameters, ZONES, context)
    zones = Zones(
        name,
        code_field,
        codes,
        shapes,
        crs,
        projected,
        points,
        records=layer_records(triples, layer, name),
        null_codes=null_codes,
        invalid=invalid,
    )
    _report(zones, outside, null_ids, feedback)
    feedback.setProgress(100.0)
    return zones


def _report(zones: Zones, outside, null_ids, feedback) -> None:
    points = zones.points
    if outside:
        feedback.pushWarning(
            translate(
                "Zones",
                "Zones outside the area of {crs}, with approximate distances: {count} ({codes}). "
                "Run overseas territories separately.",
            ).format(count=len(outside), crs=zones.projected.authid(), codes=sample_list(outside))
        )
    if zones.null_codes:
        feedback.pushWarning(
            translate("Zones", "{count} zones have no code in '{field}' (feature ids {ids}) and are left out.").format(
                count=zones.null_codes, field=zones.field, ids=sample_list(null_ids)
            )
        )
    if zones.invalid:
        feedback.pushWarning(
            translate(
                "Zones",
                "{count} zones have an invalid geometry ({codes}): they were repaired to place their centre; fix "
                "the layer (Vector › Geometry Tools › Fix Geometries) to be sure of their shape.",
            ).format(count=len(zones.invalid), codes=sample_list(zones.invalid))
        )
    if points.duplicates:
        feedback.pushWarning(
            translate(
                "Zones", "{count} zone codes are carried by several features, merged into one zone each: {codes}."
            ).format(count=len(points.duplicates), codes=sample_list(points.duplicates))
        )
    if points.empty:
        feedback.pushWarning(
            translate(
                "Zones",
                "{count} zones have no geometry ({codes}): their flows cannot be placed and are reported as missing.",
            ).format(count=len(points.empty), codes=sample_list(points.empty))
        )
    counts = points.frame["method"].value_counts()
    if counts.get("point_on_surface", 0):
        feedback.pushInfo(
            translate(
                "Zones",
                "{count} zones have their centroid outside their shape: a point on the surface is used instead.",
            ).format(count=int(counts["point_on_surface"]))
        )
    feedback.pushInfo(
        translate("Zones", "{count} zones read from '{layer}'; distances measured in {crs}.").format(
            count=len(points.frame), layer=zones.name, crs=zones.projected.authid()
        )
    )


# -- attaching zones to a network ------------------------------------------------------------------
@dataclass
class AttachedZones:
    """Zones attached to a network: one row per zone code with a point."""

    codes: List[str]
    x: np.ndarray
    y: np.ndarray
    node: np.ndarray  # graph node (-1: not attached)
    distance: np.ndarray  # connector length (m)
    empty: List[str]  # codes without geometry
    from_connector: int = 0
    off_main: List[str] = field(default_factory=list)  # zones a line of another piece passes closer

    def index(self) -> Dict[str, int]:
        return {code: i for i, code in enumerate(self.codes)}


def attach_zones(alg, parameters, context, feedback, zones: Zones, model) -> AttachedZones:
    """Attach every zone (its representative point, or its connector point) to the nearest node of
    the network's main connected piece within the longest connector."""
    frame = zones.points.frame
    codes = list(frame.index)
    x = frame["x"].to_numpy(dtype=np.float64).copy()
    y = frame["y"].to_numpy(dtype=np.float64).copy()
    from_connector = _connector_points(alg, parameters, context, feedback, zones, model, codes, x, y)
    max_distance = alg.parameterAsDouble(parameters, MAX_CONNECTOR_DISTANCE, context)
    allowed = model.attach_mask()
    node, distance = attach_points(model.net.node_xy, allowed, x, y, max_distance)
    anywhere, near = attach_points(model.net.node_xy, np.ones_like(allowed), x, y, np.inf)
    off = (anywhere >= 0) & ~allowed[np.maximum(anywhere, 0)] & (distance > near + np.maximum(50.0, 0.5 * near))
    attached = AttachedZones(
        codes, x, y, node, distance, list(zones.points.empty), from_connector, [codes[i] for i in np.flatnonzero(off)]
    )
    if attached.off_main:
        feedback.pushWarning(
            translate(
                "Zones",
                "{count} zones lie next to a line that is not connected to the main network, and attach to the main "
                "network farther away: {codes}. Their flows are routed from there, or not at all beyond the longest "
                "connector; connect the pieces of the network (or check the snapping tolerance).",
            ).format(count=len(attached.off_main), codes=sample_list(attached.off_main))
        )
    return attached


def _connector_points(alg, parameters, context, feedback, zones, model, codes, x, y) -> int:
    connectors = alg.parameterAsSource(parameters, CONNECTORS, context)
    if connectors is None:
        return 0
    wanted = alg.parameterAsString(parameters, CONNECTOR_ZONE_FIELD, context) or zones.field
    index = connectors.fields().lookupField(wanted)
    if index < 0:
        raise QgsProcessingException(
            translate("Zones", "The layer '{layer}' has no field '{field}'. Its fields are: {fields}.").format(
                layer=connectors.sourceName() or CONNECTORS,
                field=wanted,
                fields=", ".join(connectors.fields().names()),
            )
        )
    transform = QgsCoordinateTransform(connectors.sourceCrs(), model.crs, context.transformContext())
    position = {code: i for i, code in enumerate(codes)}
    seen, unused = set(), 0
    for feature in connectors.getFeatures(QgsFeatureRequest().setSubsetOfAttributes([index])):
        code = code_text(feature.attributes()[index])
        geometry = feature.geometry()
        if code not in position or code in seen or geometry is None or geometry.isNull():
            unused += 1
            continue
        point = QgsGeometry(geometry)
        point.transform(transform)
        centre = point.centroid().asPoint()
        x[position[code]], y[position[code]] = centre.x(), centre.y()
        seen.add(code)
    feedback.pushInfo(
        translate("Zones", "{count} zones attach through their connector point, the others by their centre.").format(
            count=len(seen)
        )
    )
    if unused:
        feedback.pushWarning(
            translate(
                "Zones",
                "{count} connector points were not used (unknown zone, no geometry, or a second point for the same "
                "zone).",
            ).format(count=unused)
        )
    return len(seen)


def attach_points(node_xy, allowed, x, y, max_distance):
    """Nearest allowed node of each point within ``max_distance`` (-1 beyond), and the distance."""
    candidates = np.flatnonzero(allowed)
    node = np.full(x.shape[0], -1, dtype=np.int64)
    distance = np.full(x.shape[0], np.inf)
    if candidates.size == 0 or x.size == 0:
        return node, distance
    tree = cKDTree(node_xy[candidates])
    dist, pos = tree.query(np.column_stack([x, y]))
    ok = dist <= max_distance
    node[ok] = candidates[pos[ok]]
    distance[:] = dist
    return node, distance
