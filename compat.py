"""The one place that knows which QGIS and which Qt the plugin runs on (QGIS 3.22 to 4.x, PyQt5 or 6).

The rest of the plugin writes every field type, moved enum and changed call through here, so that it
runs without a deprecation warning on QGIS 3.44 and without change on QGIS 4 (Qt 6, where
``QVariant.String`` and unscoped enums no longer exist), while still running on QGIS 3.22.
``scripts/compat_sweep.py`` rewrites the code to use these names; ``make compat-check`` checks that
nothing is left for the QGIS project's PyQt5 -> PyQt6 migration script to change.

Every choice is made once, at import, by a feature test (what the running QGIS has), never by
parsing a version string.

- :data:`FieldType` — field types: ``QMetaType.Type`` where ``QgsField`` takes it (QGIS >= 3.38,
  and QGIS 4), ``QVariant.Type`` before; :func:`make_field` builds a ``QgsField`` from one.
- Enums that moved to ``Qgis`` (or were renamed): :data:`ProcessingSourceType`, :data:`WkbType`,
  :data:`GeometryType`, :data:`ProcessingNumberParameterType`, :data:`ProcessingFieldParameterDataType`,
  :data:`ProcessingFileParameterBehavior`, :data:`ProcessingParameterFlag`,
  :data:`ProcessingAlgorithmFlag`, :data:`FeatureRequestFlag`, :data:`FeatureSinkFlag`,
  :data:`DistanceUnit`, :data:`LayoutUnit`, :data:`SymbolLayerProperty`,
  :data:`ScaleBarSegmentSizeMode`, :data:`TextRenderFormat`, :data:`LegendComponent`,
  :data:`DataItemProviderCapability`: each is the new ``Qgis`` enum when the running QGIS has it, else
  a namespace of the old values under the new names.
- Calls whose signature changed or that are deprecated: :func:`handle_algorithm_results`,
  :func:`parameter_as_fields`, :func:`save_style_to_database`, :func:`set_rectangle_null`,
  :func:`legend_style_font` / :func:`set_legend_style_font`, :func:`layout_label_font` /
  :func:`set_layout_label_font`.
"""

import builtins
import inspect

from qgis.core import (
    Qgis,
    QgsDataProvider,
    QgsFeatureRequest,
    QgsFeatureSink,
    QgsField,
    QgsLegendStyle,
    QgsProcessing,
    QgsProcessingAlgorithm,
    QgsProcessingParameterDefinition,
    QgsProcessingParameterField,
    QgsProcessingParameterFile,
    QgsProcessingParameterNumber,
    QgsRectangle,
    QgsRenderContext,
    QgsScaleBarSettings,
    QgsSymbolLayer,
    QgsUnitTypes,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QT_VERSION_STR, QMetaType, QVariant

#: Qt 6 (QGIS 4) rather than Qt 5
QT6 = int(QT_VERSION_STR.split(".")[0]) >= 6


class _Namespace:
    """Old enum values under the new names (``Namespace.Member``), for QGIS versions without the new enum."""

    def __init__(self, name, values):
        self.__name__ = name
        for key, value in values.items():
            setattr(self, key, value)

    def __repr__(self):
        return f"<compat {self.__name__}>"


def _new_or_old(new_name, owner, names, prefix="", suffix="", renames=None):
    """``Qgis.<new_name>`` when the running QGIS has it; else the values ``owner.<prefix><name><suffix>``
    (or ``owner.<renames[name]>``) under their new ``name``: the members this plugin uses, and those
    next to them."""
    new = getattr(Qgis, new_name, None)
    if new is not None:
        return new
    renames = renames or {}
    values = {}
    for name in names:
        old = renames.get(name, f"{prefix}{name}{suffix}")
        if hasattr(owner, old):
            values[name] = getattr(owner, old)
    return _Namespace(new_name, values)


# -- field types ---------------------------------------------------------------------------------------

_FIELD_TYPES = {
    # QVariant name: QMetaType name
    "Invalid": "UnknownType",
    "Bool": "Bool",
    "Int": "Int",
    "UInt": "UInt",
    "LongLong": "LongLong",
    "ULongLong": "ULongLong",
    "Double": "Double",
    "String": "QString",
    "StringList": "QStringList",
    "ByteArray": "QByteArray",
    "Date": "QDate",
    "Time": "QTime",
    "DateTime": "QDateTime",
    "List": "QVariantList",
    "Map": "QVariantMap",
}


def _field_takes_qmetatype():
    try:
        QgsField("probe", QMetaType.Type.QString)
    except TypeError:
        return False
    return True


#: ``QgsField`` takes ``QMetaType.Type`` (QGIS >= 3.38); its ``QVariant.Type`` constructor is deprecated there
FIELD_TAKES_QMETATYPE = _field_takes_qmetatype()

#: field types under their ``QVariant`` names: ``FieldType.String``, ``FieldType.Int``,
#: ``FieldType.Double``... (``QMetaType.Type`` values on QGIS >= 3.38, ``QVariant.Type`` before). A field's
#: ``type()`` compares equal to the matching one on every version.
FieldType = _Namespace(
    "FieldType",
    {
        name: (getattr(QMetaType.Type, meta) if FIELD_TAKES_QMETATYPE else getattr(QVariant, name))
        for name, meta in _FIELD_TYPES.items()
    },
)

_PYTHON_TYPES = {str: "String", int: "Int", float: "Double", bool: "Bool"}


def make_field(name, type, typeName="", len=0, prec=0, comment="", subType=None):
    """A ``QgsField``, with ``QgsField``'s arguments: ``type`` (and ``subType``) are :data:`FieldType` values
    (or ``str``, ``int``, ``float``, ``bool``)."""
    kind = type
    if isinstance(kind, builtins.type):
        kind = getattr(FieldType, _PYTHON_TYPES[kind])
    if subType is None:
        return QgsField(name, kind, typeName, len, prec, comment)
    return QgsField(name, kind, typeName, len, prec, comment, subType)


def field_type_name(kind) -> str:
    """The :data:`FieldType` name (``"String"``, ``"Int"``...) of a field's ``type()``, ``""`` if unknown."""
    for name in _FIELD_TYPES:
        if getattr(FieldType, name) == kind:
            return name
    return ""


# -- enums that moved to Qgis --------------------------------------------------------------------------

ProcessingSourceType = _new_or_old(
    "ProcessingSourceType",
    QgsProcessing,
    [
        "MapLayer",
        "VectorAnyGeometry",
        "VectorPoint",
        "VectorLine",
        "VectorPolygon",
        "Raster",
        "File",
        "Vector",
        "Mesh",
        "Plugin",
        "PointCloud",
        "Annotation",
        "VectorTile",
    ],
    prefix="Type",
)

#: ``Qgis.WkbType`` (``QgsWkbTypes.Type`` before 3.30: same member names)
WkbType = getattr(Qgis, "WkbType", None) or QgsWkbTypes.Type

GeometryType = _new_or_old(
    "GeometryType", QgsWkbTypes, ["Point", "Line", "Polygon", "Unknown", "Null"], suffix="Geometry"
)

ProcessingNumberParameterType = _new_or_old(
    "ProcessingNumberParameterType", QgsProcessingParameterNumber, ["Integer", "Double"]
)

ProcessingFieldParameterDataType = _new_or_old(
    "ProcessingFieldParameterDataType",
    QgsProcessingParameterField,
    ["Any", "Numeric", "String", "DateTime", "Binary", "Boolean"],
)

ProcessingFileParameterBehavior = _new_or_old(
    "ProcessingFileParameterBehavior", QgsProcessingParameterFile, ["File", "Folder"]
)

ProcessingParameterFlag = _new_or_old(
    "ProcessingParameterFlag",
    QgsProcessingParameterDefinition,
    ["Advanced", "Hidden", "Optional", "IsModelOutput"],
    prefix="Flag",
)

ProcessingAlgorithmFlag = _new_or_old(
    "ProcessingAlgorithmFlag",
    QgsProcessingAlgorithm,
    [
        "HideFromToolbox",
        "HideFromModeler",
        "SupportsBatch",
        "CanCancel",
        "RequiresMatchingCrs",
        "NoThreading",
        "DisplayNameIsLiteral",
        "SupportsInPlaceEdits",
        "KnownIssues",
        "CustomException",
        "PruneModelBranchesBasedOnAlgorithmResults",
        "SkipGenericModelLogging",
        "NotAvailableInStandaloneTool",
        "RequiresProject",
        "Deprecated",
    ],
    prefix="Flag",
)

FeatureRequestFlag = _new_or_old(
    "FeatureRequestFlag",
    QgsFeatureRequest,
    ["NoFlags", "NoGeometry", "SubsetOfAttributes", "ExactIntersect", "IgnoreStaticNodesDuringExpressionCompilation"],
)

#: ``QgsFeatureSink.Flag`` (``FastInsert``, ``RegeneratePrimaryKey``): where it lives on every version
FeatureSinkFlag = getattr(Qgis, "FeatureSinkFlag", None) or QgsFeatureSink.Flag

DistanceUnit = _new_or_old(
    "DistanceUnit",
    QgsUnitTypes,
    [
        "Meters",
        "Kilometers",
        "Feet",
        "NauticalMiles",
        "Yards",
        "Miles",
        "Degrees",
        "Centimeters",
        "Millimeters",
        "Unknown",
    ],
    prefix="Distance",
    renames={"Unknown": "DistanceUnknownUnit"},
)

LayoutUnit = _new_or_old(
    "LayoutUnit",
    QgsUnitTypes,
    ["Millimeters", "Centimeters", "Meters", "Inches", "Feet", "Points", "Picas", "Pixels"],
    prefix="Layout",
)

SymbolLayerProperty = getattr(QgsSymbolLayer, "Property", None)
if SymbolLayerProperty is None or not hasattr(SymbolLayerProperty, "StrokeWidth"):
    SymbolLayerProperty = _new_or_old(
        "SymbolLayerProperty",
        QgsSymbolLayer,
        [
            "Size",
            "Angle",
            "Name",
            "FillColor",
            "StrokeColor",
            "StrokeWidth",
            "StrokeStyle",
            "Width",
            "Height",
            "Offset",
        ],
        prefix="Property",
    )

ScaleBarSegmentSizeMode = _new_or_old(
    "ScaleBarSegmentSizeMode", QgsScaleBarSettings, ["Fixed", "FitWidth"], prefix="SegmentSize"
)

TextRenderFormat = _new_or_old(
    "TextRenderFormat",
    QgsRenderContext,
    ["AlwaysOutlines", "AlwaysText", "PreferText"],
    prefix="TextFormat",
)

LegendComponent = _new_or_old(
    "LegendComponent",
    QgsLegendStyle,
    ["Undefined", "Hidden", "Title", "Group", "Subgroup", "Symbol", "SymbolLabel"],
)

DataItemProviderCapability = _new_or_old(
    "DataItemProviderCapability",
    QgsDataProvider,
    ["NoCapabilities", "Files", "Directories", "Databases", "NetworkSources"],
    renames={
        "NoCapabilities": "NoDataCapabilities",
        "Files": "File",
        "Directories": "Dir",
        "Databases": "Database",
        "NetworkSources": "Net",
    },
)


# -- calls that changed --------------------------------------------------------------------------------


def handle_algorithm_results(alg, context, feedback, parameters):
    """Processing's ``handleAlgorithmResults``: the layers an algorithm made go into the project.

    ``(alg, context, feedback, parameters)`` from QGIS 3.40 on; ``(alg, context, feedback, showResults,
    parameters)`` before. Raises ``ImportError`` when the Processing plugin is not loaded."""
    from processing.gui.Postprocessing import handleAlgorithmResults

    names = list(inspect.signature(handleAlgorithmResults).parameters)
    if "showResults" in names:
        return handleAlgorithmResults(alg, context, feedback, False, parameters)
    return handleAlgorithmResults(alg, context, feedback, parameters)


def parameter_as_fields(alg, parameters, name, context):
    """The field names of a field parameter (``parameterAsStrings`` where it exists: QGIS >= 3.40)."""
    if hasattr(alg, "parameterAsStrings"):
        return alg.parameterAsStrings(parameters, name, context)
    return alg.parameterAsFields(parameters, name, context)


def save_style_to_database(layer, name, description, use_as_default, ui_file_content=""):
    """Store the layer's current style in its data source (``layer_styles``); the error text, ``""`` when
    it worked (``saveStyleToDatabaseV2`` from QGIS 3.40 on, ``saveStyleToDatabase`` before)."""
    if hasattr(layer, "saveStyleToDatabaseV2"):
        result = layer.saveStyleToDatabaseV2(name, description, use_as_default, ui_file_content)
        # (Qgis.VectorLayerSaveStyleResult flags, error message)
        if isinstance(result, tuple):
            flags, error = result
            success = getattr(getattr(Qgis, "VectorLayerSaveStyleResult", None), "Success", None)
            if error or (success is not None and not (flags & success)):
                return error or "could not save the style"
            return ""
        return ""
    return layer.saveStyleToDatabase(name, description, use_as_default, ui_file_content) or ""


def set_rectangle_null(rect: QgsRectangle) -> QgsRectangle:
    """Make a rectangle null (empty, ready to ``combineExtentWith``): ``setNull`` from QGIS 3.34 on,
    ``setMinimal`` before. Returns the rectangle."""
    if hasattr(rect, "setNull"):
        rect.setNull()
    else:
        rect.setMinimal()
    return rect


def _text_format_font(text_format):
    """The font of a ``QgsTextFormat`` with its size in points (as the deprecated ``font()`` calls gave)."""
    font = text_format.font()
    points = getattr(getattr(Qgis, "RenderUnit", QgsUnitTypes), "Points", None)
    if points is None:
        points = QgsUnitTypes.RenderPoints
    if text_format.sizeUnit() == points and text_format.size() > 0:
        font.setPointSizeF(text_format.size())
    return font


def _set_text_format_font(text_format, font):
    text_format.setFont(font)
    if font.pointSizeF() > 0:
        text_format.setSize(font.pointSizeF())
        points = getattr(getattr(Qgis, "RenderUnit", None), "Points", None)
        text_format.setSizeUnit(points if points is not None else QgsUnitTypes.RenderPoints)
    return text_format


def legend_style_font(style):
    """The font of a legend style (``QgsLegendStyle``), size in points."""
    if hasattr(style, "textFormat"):
        return _text_format_font(style.textFormat())
    return style.font()


def set_legend_style_font(style, font):
    """Set the font (and size, in points) of a legend style."""
    if hasattr(style, "setTextFormat"):
        style.setTextFormat(_set_text_format_font(style.textFormat(), font))
    else:
        style.setFont(font)


def layout_label_font(label):
    """The font of a layout label (``QgsLayoutItemLabel``), size in points."""
    if hasattr(label, "textFormat"):
        return _text_format_font(label.textFormat())
    return label.font()


def set_layout_label_font(label, font):
    """Set the font (and size, in points) of a layout label."""
    if hasattr(label, "setTextFormat"):
        label.setTextFormat(_set_text_format_font(label.textFormat(), font))
    else:
        label.setFont(font)
