"""compat.py on the running QGIS (3.22 in `make test`, 3.44 / 3.40 in `make test-qgis-lts`): every name
resolves, fields get the right type without a deprecation warning, and the changed calls work."""

import warnings

import pytest
from qgis.core import (
    QgsFeatureRequest,
    QgsFields,
    QgsLayoutItemLabel,
    QgsLegendStyle,
    QgsPrintLayout,
    QgsProject,
    QgsRectangle,
    QgsVectorLayer,
)
from qgis.PyQt.QtGui import QFont

from territorial_data import compat
from territorial_data.compat import GeometryType, ProcessingSourceType, WkbType

#: every member the plugin reads (through scripts/compat_sweep.py), and their neighbours
USED = {
    "ProcessingSourceType": ["Vector", "VectorAnyGeometry", "VectorPoint", "VectorLine", "VectorPolygon", "MapLayer"],
    "WkbType": ["NoGeometry", "Point", "LineString", "Polygon", "MultiLineString", "MultiPolygon", "Unknown"],
    "GeometryType": ["Point", "Line", "Polygon", "Unknown", "Null"],
    "ProcessingNumberParameterType": ["Integer", "Double"],
    "ProcessingFieldParameterDataType": ["Any", "Numeric", "String"],
    "ProcessingFileParameterBehavior": ["File", "Folder"],
    "ProcessingParameterFlag": ["Advanced", "Optional", "Hidden"],
    "ProcessingAlgorithmFlag": ["NoThreading", "CanCancel", "SupportsBatch"],
    "FeatureRequestFlag": ["NoGeometry", "SubsetOfAttributes", "ExactIntersect"],
    "FeatureSinkFlag": ["FastInsert"],
    "DistanceUnit": ["Meters", "Kilometers", "Unknown"],
    "LayoutUnit": ["Millimeters", "Points"],
    "SymbolLayerProperty": ["StrokeWidth", "StrokeColor", "FillColor"],
    "ScaleBarSegmentSizeMode": ["Fixed", "FitWidth"],
    "TextRenderFormat": ["AlwaysText", "AlwaysOutlines"],
    "LegendComponent": ["Title", "Group", "Subgroup", "SymbolLabel"],
    "DataItemProviderCapability": ["NetworkSources"],
    "FieldType": ["String", "Int", "LongLong", "Double", "Bool", "Date", "DateTime", "UInt", "ULongLong"],
}


@pytest.mark.parametrize("name", sorted(USED))
def test_every_name_the_plugin_uses_resolves(name):
    holder = getattr(compat, name)
    for member in USED[name]:
        assert getattr(holder, member) is not None, f"{name}.{member}"


def test_old_and_new_values_agree():
    # the values are those QGIS itself uses, whichever enum they come from

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert int(compat.ProcessingSourceType.VectorLine) == int(ProcessingSourceType.VectorLine)
        assert int(compat.WkbType.MultiPolygon) == int(WkbType.MultiPolygon)
        assert int(compat.GeometryType.Line) == int(GeometryType.Line)


def test_fields_have_their_type_and_no_deprecation_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)
        fields = QgsFields()
        for name in ("String", "Int", "LongLong", "Double", "Bool", "Date"):
            fields.append(compat.make_field(name.lower(), getattr(compat.FieldType, name)))
        fields.append(compat.make_field("from_python", float))
        fields.append(compat.make_field("sized", compat.FieldType.String, "", 80))
    assert [compat.field_type_name(f.type()) for f in fields] == [
        "String",
        "Int",
        "LongLong",
        "Double",
        "Bool",
        "Date",
        "Double",
        "String",
    ]
    assert fields.field("sized").length() == 80
    layer = QgsVectorLayer("Point?crs=EPSG:4326", "t", "memory")
    assert layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    assert layer.fields().field("int").type() == compat.FieldType.Int
    assert layer.fields().field("string").type() == compat.FieldType.String


def test_rectangle_made_null_takes_the_extent_of_what_it_is_combined_with():
    rect = compat.set_rectangle_null(QgsRectangle(0, 0, 1, 1))
    assert rect.isNull() or rect.isEmpty()
    rect.combineExtentWith(QgsRectangle(10, 20, 30, 40))
    assert rect.toString(0) == QgsRectangle(10, 20, 30, 40).toString(0)


def test_legend_and_label_fonts_round_trip():
    font = QFont("DejaVu Sans")
    font.setPointSizeF(7.5)
    style = QgsLegendStyle()
    compat.set_legend_style_font(style, font)
    assert compat.legend_style_font(style).pointSizeF() == 7.5
    assert compat.legend_style_font(style).family() == "DejaVu Sans"
    layout = QgsPrintLayout(QgsProject.instance())
    label = QgsLayoutItemLabel(layout)
    font.setPointSizeF(11)
    compat.set_layout_label_font(label, font)
    assert compat.layout_label_font(label).pointSizeF() == 11


def test_feature_request_flag_is_accepted():
    request = QgsFeatureRequest().setFlags(compat.FeatureRequestFlag.NoGeometry)
    assert request.flags() & compat.FeatureRequestFlag.NoGeometry


def test_save_style_to_database_reports_success_and_failure(tmp_path):
    from qgis.core import QgsVectorFileWriter

    layer = QgsVectorLayer("Point?crs=EPSG:4326&field=name:string", "points", "memory")
    path = str(tmp_path / "points.gpkg")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    result = QgsVectorFileWriter.writeAsVectorFormatV3(layer, path, QgsProject.instance().transformContext(), options)
    assert result[0] == QgsVectorFileWriter.WriterError.NoError
    saved = QgsVectorLayer(path, "points", "ogr")
    assert compat.save_style_to_database(saved, "points", "test", True, "") == ""
    import sqlite3

    db = sqlite3.connect(path)
    try:
        assert db.execute("select count(*) from layer_styles").fetchone()[0] == 1
    finally:
        db.close()
    memory = QgsVectorLayer("Point?crs=EPSG:4326", "m", "memory")  # a memory layer stores no style
    assert compat.save_style_to_database(memory, "m", "test", True, "") != ""


def test_handle_algorithm_results_matches_this_qgis(qgis_processing):
    import inspect

    from processing.gui.Postprocessing import handleAlgorithmResults

    names = list(inspect.signature(handleAlgorithmResults).parameters)
    # the call compat makes is the one this QGIS takes
    assert names[:3] == ["alg", "context", "feedback"]
    assert ("showResults" in names) == (names.index("parameters") == 4)
