"""Cycle facilities: which lines of a layer are cycle facilities, in the network's CRS.

A facility layer is read by its schema, and nothing else is taken for a facility:

- the national schema (BNAC, ``ame_d``/``ame_g``): lines with a facility on either side;
- OpenStreetMap tags (fields such as ``highway``, ``cycleway``, ``cycleway:right``, or GDAL's
  ``other_tags``): ``highway=cycleway``, ``cycleway*=lane|track``, paths with
  ``bicycle=designated``; lanes shared with buses only when asked;
- any layer, with an expression that is true on its facilities (``FACILITY_EXPRESSION``).

A layer of another schema without an expression stops the run, and so does the network layer
itself given as facilities without an expression: either would report « 100 % covered ».
"""

from qgis.core import (
    QgsCoordinateTransform,
    QgsExpression,
    QgsExpressionContext,
    QgsExpressionContextUtils,
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterExpression,
    QgsProcessingParameterFeatureSource,
    QgsWkbTypes,
)
from shapely import wkb

from ...compat import GeometryType, ProcessingSourceType
from ...providers import cycle_facilities as cf
from ...providers.i18n import translate
from ..feedback import CHECK_EVERY, check_canceled
from ..outputs.provenance import layer_records, provenance_indexes, provenance_triple
from .network import projected_lines
from .values import text_value

FACILITY_EXPRESSION = "FACILITY_EXPRESSION"
BUS_LANES = "BUS_LANES"


def add_facility_parameters(alg, name: str, optional: bool = False):
    """Declare the facility layer ``name``, FACILITY_EXPRESSION and BUS_LANES."""
    alg.addParameter(
        QgsProcessingParameterFeatureSource(
            name,
            translate("Facilities", "Cycle facilities (lines: BNAC, OpenStreetMap, or any layer with an expression)"),
            [ProcessingSourceType.VectorLine],
            optional=optional,
        )
    )
    expression = QgsProcessingParameterExpression(
        FACILITY_EXPRESSION,
        translate("Facilities", "Expression true on the cycle facilities (empty: read from the layer's schema)"),
        parentLayerParameterName=name,
        optional=True,
    )
    expression.setHelp(
        translate(
            "Facilities",
            "Needed for a layer that is neither the national schema (ame_d, ame_g) nor an OpenStreetMap export, "
            "e.g. \"type\" IN ('piste', 'bande').",
        )
    )
    alg.addParameter(expression)
    alg.addParameter(
        QgsProcessingParameterBoolean(
            BUS_LANES, translate("Facilities", "Count bus lanes open to cycles as facilities (OpenStreetMap)"), False
        )
    )


class Facilities:
    """Facility lines (shapely, in the network's CRS) and their provenance records."""

    def __init__(self, geometries, records, schema):
        self.geometries = geometries
        self.records = records
        self.schema = schema


def read_facilities(alg, parameters, name, context, feedback, model, network_param="NETWORK") -> Facilities:
    """Read the facility layer ``name`` (see the module doc); lines projected to ``model.crs``."""
    source = alg.parameterAsSource(parameters, name, context)
    if source is None:
        raise QgsProcessingException(
            translate(
                "Facilities",
                "No cycle facility layer: choose a line layer of cycle facilities, e.g. the output of 'Fetch cycle "
                "facilities (BNAC)' or a BNAC file.",
            )
        )
    layer_name = source.sourceName() or name
    if QgsWkbTypes.geometryType(source.wkbType()) != GeometryType.Line:
        raise QgsProcessingException(
            translate(
                "Facilities",
                "The cycle facility layer '{layer}' holds {kind} geometries, not lines: choose a line layer of cycle "
                "facilities, e.g. the output of 'Fetch cycle facilities (BNAC)' or a BNAC file.",
            ).format(
                layer=layer_name,
                kind=QgsWkbTypes.displayString(source.wkbType()) or translate("Facilities", "no"),
            )
        )
    fields = source.fields()
    lower = {f.name().lower(): i for i, f in enumerate(fields)}
    expression_text = alg.parameterAsExpression(parameters, FACILITY_EXPRESSION, context)
    bus_lanes = alg.parameterAsBool(parameters, BUS_LANES, context)
    schema = None if expression_text else cf.schema(fields.names())
    same = _same_layer(alg, parameters, name, network_param, context)
    if expression_text is None or not expression_text.strip():
        expression_text = ""
    if not expression_text and schema is None:
        raise QgsProcessingException(
            translate(
                "Facilities",
                "The layer '{layer}' is not a cycle facility layer this tool can read: it has neither the national "
                "schema (fields ame_d and ame_g) nor OpenStreetMap tags (highway, cycleway...). Its fields are: "
                "{fields}. Give an expression that is true on its cycle facilities.",
            ).format(layer=layer_name, fields=", ".join(fields.names()[:30]))
        )
    if same:
        feedback.pushWarning(
            translate(
                "Facilities",
                "The network layer is also the cycle facility layer: only its lines that {rule} count as facilities.",
            ).format(
                rule=translate("Facilities", "match the expression")
                if expression_text
                else translate("Facilities", "the {schema} schema marks as cycle facilities").format(schema=schema)
            )
        )
    expression = context_ = None
    if expression_text:
        expression = QgsExpression(expression_text)
        if expression.hasParserError():
            raise QgsProcessingException(
                translate("Facilities", "The facility expression is not valid: {error}").format(
                    error=expression.parserErrorString()
                )
            )
        layer = alg.parameterAsVectorLayer(parameters, name, context)
        context_ = (
            QgsExpressionContext(QgsExpressionContextUtils.globalProjectLayerScopes(layer))
            if layer
            else (QgsExpressionContext())
        )
        expression.prepare(context_)
    prov_index = provenance_indexes(fields)
    transform = QgsCoordinateTransform(source.sourceCrs(), model.crs, context.transformContext())
    geometries, triples = [], set()
    empty = without = 0
    total = source.featureCount() or 0
    osm_fields = {key: lower[key] for key in cf.OSM_KEYS | {"bicycle", "busway"} if key in lower}
    for count, feature in enumerate(source.getFeatures(QgsFeatureRequest())):
        if count % CHECK_EVERY == 0:
            check_canceled(feedback)
            if total:
                feedback.setProgress(90.0 * count / total)
        attributes = feature.attributes()
        if not _is_facility(feature, attributes, expression, context_, schema, lower, osm_fields, bus_lanes):
            without += 1
            continue
        try:
            geom = projected_lines(feature.geometry(), transform)
            shape = wkb.loads(bytes(geom.asWkb())) if geom is not None else None
        except Exception:  # a geometry that cannot be transformed or read: reported below
            shape = None
        if shape is None or shape.is_empty or shape.geom_type not in ("LineString", "MultiLineString"):
            empty += 1
            continue
        geometries.append(shape)
        triple = provenance_triple(prov_index, attributes)
        if triple:
            triples.add(triple)
    if without:
        feedback.pushInfo(
            translate(
                "Facilities",
                "{count} lines of the cycle facility layer are not cycle facilities ({rule}): left out.",
            ).format(count=without, rule=_rule_text(expression_text, schema))
        )
    if empty:
        feedback.pushWarning(
            translate(
                "Facilities", "{count} features of the cycle facility layer have no usable line geometry: left out."
            ).format(count=empty)
        )
    if not geometries:
        raise QgsProcessingException(
            translate(
                "Facilities",
                "The cycle facility layer '{layer}' has no usable facility line ({count} features): choose a layer "
                "holding the cycle facilities of the network's area.",
            ).format(layer=layer_name, count=total)
        )
    feedback.pushInfo(
        translate("Facilities", "Cycle facilities: {count} lines from '{layer}' ({rule}).").format(
            count=len(geometries), layer=layer_name, rule=_rule_text(expression_text, schema)
        )
    )
    layer = alg.parameterAsVectorLayer(parameters, name, context)
    feedback.setProgress(100.0)
    return Facilities(geometries, layer_records(triples, layer, layer_name, most=20), schema or "expression")


def _rule_text(expression_text, schema) -> str:
    if expression_text:
        return translate("Facilities", "expression {expression}").format(expression=expression_text)
    if schema == cf.BNAC:
        return translate("Facilities", "national schema: ame_d or ame_g")
    return translate("Facilities", "OpenStreetMap tags")


def _is_facility(feature, attributes, expression, context_, schema, lower, osm_fields, bus_lanes) -> bool:
    if expression is not None:
        context_.setFeature(feature)
        value = expression.evaluate(context_)
        return bool(value) and not (hasattr(value, "isNull") and value.isNull())
    if schema == cf.BNAC:
        return cf.bnac_is_facility(attributes[lower["ame_d"]], attributes[lower["ame_g"]])
    tags = {}
    for key, index in osm_fields.items():
        if key == "other_tags":
            tags.update(cf.parse_other_tags(text_value(attributes[index])))
        else:
            tags[key] = text_value(attributes[index])
    return cf.osm_is_facility(tags, bus_lanes)


def _same_layer(alg, parameters, name, network_param, context) -> bool:
    if network_param not in parameters:
        return False
    a = alg.parameterAsVectorLayer(parameters, name, context)
    b = alg.parameterAsVectorLayer(parameters, network_param, context)
    if a is None or b is None:
        return False
    return a.id() == b.id() or (a.source() == b.source() and a.subsetString() == b.subsetString())
