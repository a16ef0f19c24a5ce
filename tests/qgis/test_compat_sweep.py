"""scripts/compat_sweep.py: what it rewrites, that a second run changes nothing, and that the repository
has been swept (re-run ``make compat-sweep`` after moving code when this fails)."""

import ast
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import compat_sweep  # noqa: E402

SOURCE = textwrap.dedent(
    '''
    """An algorithm."""

    from qgis.core import (
        Qgis,
        QgsFeatureRequest,
        QgsFeatureSink,
        QgsField,
        QgsLayoutItemLabel,
        QgsProcessing,
        QgsProcessingParameterDefinition,
        QgsProcessingParameterNumber,
        QgsRectangle,
        QgsWkbTypes,
    )
    from qgis.PyQt.QtCore import QVariant, Qt
    from qgis.PyQt.QtWidgets import QMessageBox

    from ..base import TerritorialAlgorithm

    TYPES = {str: QVariant.String, float: QVariant.Double}


    class Alg(TerritorialAlgorithm):
        def initAlgorithm(self, config=None):
            self.addParameter(Source("INPUT", "Input", [QgsProcessing.TypeVectorLine]))
            number = Number("N", "n", QgsProcessingParameterNumber.Double)
            number.setFlags(number.flags() | QgsProcessingParameterDefinition.FlagAdvanced)

        def processAlgorithm(self, parameters, context, feedback):
            fields = [QgsField("name", QVariant.String), QgsField("n", TYPES[float], "", 10, 2)]
            names = self.parameterAsFields(parameters, "FIELDS", context)
            request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
            sink.addFeatures(features, QgsFeatureSink.FastInsert)
            if layer.geometryType() == QgsWkbTypes.PolygonGeometry or kind == QgsWkbTypes.MultiPolygon:
                pass
            if field.type() == 10 or value == QVariant():
                pass
            extent = QgsRectangle()
            extent.setMinimal()
            error = layer.saveStyleToDatabase("t", "d", True, "")
            font = legend.rstyle(style).font()
            legend.rstyle(style).setFont(font)
            log("x", Qgis.Critical)
            if QMessageBox.question(None, "t", "q") == QMessageBox.Yes:
                return Qt.ISODate


    def fit(label: QgsLayoutItemLabel):
        label.setFont(label.font())
    '''
)


def test_the_sweep_rewrites_through_compat_and_scopes_enums():
    out = compat_sweep.sweep_text(SOURCE, "processing/algorithms/example.py")
    ast.parse(out)
    for expected in (
        "from ...compat import FeatureRequestFlag, ",
        "TYPES = {str: FieldType.String, float: FieldType.Double}",
        "[ProcessingSourceType.VectorLine]",
        "ProcessingNumberParameterType.Double",
        "number.flags() | ProcessingParameterFlag.Advanced",
        'make_field("name", FieldType.String), make_field("n", TYPES[float], "", 10, 2)',
        'parameter_as_fields(self, parameters, "FIELDS", context)',
        "setFlags(FeatureRequestFlag.NoGeometry)",
        "FeatureSinkFlag.FastInsert",
        "== GeometryType.Polygon or kind == WkbType.MultiPolygon",
        "field.type() == FieldType.String or value == NULL",
        "set_rectangle_null(extent)",
        'save_style_to_database(layer, "t", "d", True, "")',
        "font = legend_style_font(legend.rstyle(style))",
        "set_legend_style_font(legend.rstyle(style), font)",
        "Qgis.MessageLevel.Critical",
        "QMessageBox.StandardButton.Yes",
        "Qt.DateFormat.ISODate",
        "set_layout_label_font(label, layout_label_font(label))",
    ):
        assert expected in out, f"{expected!r} not in:\n{out}"
    assert "QVariant." not in out and "QgsField(" not in out
    assert "NULL" in out.split("from ...compat")[0]  # imported from qgis.core


def test_the_sweep_is_idempotent():
    once = compat_sweep.sweep_text(SOURCE, "ui/example.py")
    assert "from ..compat import" in once
    assert compat_sweep.sweep_text(once, "ui/example.py") == once


def test_tests_and_scripts_import_compat_by_its_package_name():
    out = compat_sweep.sweep_text("from qgis.PyQt.QtCore import QVariant\nX = QVariant.Int\n", "tests/qgis/x.py")
    assert "from territorial_data.compat import FieldType" in out


def test_the_repository_has_been_swept():
    assert compat_sweep.main(["--check"]) == 0, "run `make compat-sweep` (scripts/compat_sweep.py)"


def test_every_compat_member_the_code_uses_exists_on_this_qgis():
    """``<Enum>.<Member>`` resolves on the running QGIS for every enum the plugin imports from ``compat``:
    a namespace built from old names holds only the members listed for it (``Offset`` was missing once,
    and the map export failed on QGIS 3.22 only)."""
    import inspect

    import territorial_data.compat as compat

    used = set()
    for path in ROOT.rglob("*.py"):
        where = path.relative_to(ROOT)
        if where.parts[0] in {"tests", "scripts"} or any(part.startswith(".") for part in where.parts):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        enums = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[-1] == "compat"
            for alias in node.names
            if not inspect.isfunction(getattr(compat, alias.name, None)) and alias.name[:1].isupper()
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in enums:
                used.add((node.value.id, node.attr, str(where)))
    missing = sorted(
        f"{where}: {name}.{attr}" for name, attr, where in used if not hasattr(getattr(compat, name), attr)
    )
    assert len(used) > 50
    assert not missing, missing
