"""Every shipped style speaks the plugin's language once ``localize_layer`` ran on its layer."""

import ast
import importlib.util
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from qgis.core import QgsFields, QgsRuleBasedRenderer, QgsVectorLayer
from qgis.PyQt.QtCore import QCoreApplication, QTranslator

from territorial_data.compat import FieldType, make_field
from territorial_data.ui import style_i18n

ROOT = Path(__file__).resolve().parents[2]
STYLES = sorted((ROOT / "ui" / "styles").glob("*.qml"))
LETTER = re.compile(r"[^\W\d_]")


def i18n_script():
    spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def french():
    """{(context, English): French}: the .ts and the pending files of branches not yet merged."""
    i18n = i18n_script()
    found = {key: text for key, (text, kind) in i18n.read_ts().items() if kind is None and text}
    found.update(i18n.read_pending()[0])
    return found


@pytest.fixture
def french_translator(tmp_path, qgis_app):
    i18n = i18n_script()
    path = tmp_path / "fr.qm"
    path.write_bytes(i18n.qm_bytes(french()))
    translator = QTranslator()
    assert translator.load(str(path))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


def style_texts(path):
    """Labels, rule descriptions and aliases written in a .qml that hold a letter."""
    root = ET.parse(path).getroot()
    texts = []
    for node in root.iter():
        if node.tag in ("category", "range", "rule"):
            texts += [node.get("label"), node.get("description")]
        elif node.tag == "alias":
            texts.append(node.get("name"))
    return [t for t in texts if t and LETTER.search(t)]


def layer_for(path):
    """A memory layer of the style's geometry with the fields its aliases name."""
    root = ET.parse(path).getroot()
    kinds = [s.get("type") for s in root.iter("symbol")]
    geometry = {"line": "LineString", "fill": "Polygon", "marker": "Point"}.get(kinds[0] if kinds else "", "None")
    fields = QgsFields()
    for alias in root.iter("alias"):
        fields.append(make_field(alias.get("field"), FieldType.String))
    layer = QgsVectorLayer(f"{geometry}?crs=EPSG:4326", path.stem, "memory")
    layer.dataProvider().addAttributes(fields.toList())
    layer.updateFields()
    message, ok = layer.loadNamedStyle(str(path))
    assert ok, message
    return layer


def layer_texts(layer):
    texts = []
    renderer = layer.renderer()
    if hasattr(renderer, "categories"):
        texts += [c.label() for c in renderer.categories()]
    if hasattr(renderer, "ranges"):
        texts += [r.label() for r in renderer.ranges()]
    if isinstance(renderer, QgsRuleBasedRenderer):
        for rule in renderer.rootRule().descendants():
            texts += [rule.label(), rule.description()]
    texts += [layer.attributeAlias(i) for i in range(layer.fields().count())]
    return [t for t in texts if t and LETTER.search(t)]


def test_every_label_of_every_style_is_in_the_catalogue(qgis_app):
    catalogue = set(style_i18n.catalogue())  # no translator installed: the English sources
    missing = {path.name: [t for t in style_texts(path) if t not in catalogue] for path in STYLES}
    assert not {name: texts for name, texts in missing.items() if texts}
    assert len(STYLES) >= 20


def test_every_catalogue_string_has_french():
    translations = french()
    lacking = [text for text in style_i18n.catalogue() if ("Styles", text) not in translations]
    assert not lacking, lacking


@pytest.mark.parametrize("path", STYLES, ids=[p.stem for p in STYLES])
def test_every_style_reads_french_after_localize_layer(path, french_translator):
    translations = french()
    layer = layer_for(path)
    english = layer_texts(layer)
    assert sorted(english) == sorted(style_texts(path))  # what QGIS loaded is what the file says
    style_i18n.localize_layer(layer)
    expected = sorted(translations[("Styles", text)] for text in english)
    assert sorted(layer_texts(layer)) == expected


def test_english_qgis_keeps_the_english_labels(qgis_app):
    layer = layer_for(ROOT / "ui" / "styles" / "cycle_coverage.qml")
    before = layer_texts(layer)
    assert style_i18n.localize_layer(layer) == 0
    assert layer_texts(layer) == before
    assert "Loaded, along a cycle facility" in before


def test_french_legend_of_cycle_coverage(french_translator):
    layer = layer_for(ROOT / "ui" / "styles" / "cycle_coverage.qml")
    assert style_i18n.localize_layer(layer) > 0
    assert "Chargé, le long d'un aménagement cyclable" in layer_texts(layer)
    layer = layer_for(ROOT / "ui" / "styles" / "assigned_flows.qml")
    style_i18n.localize_layer(layer)
    assert {"Flux", "Sans flux"} <= set(layer_texts(layer))


def test_the_module_needs_only_qgis_core():
    """Importable under qgis_process: no qgis.gui, no iface."""
    tree = ast.parse((ROOT / "ui" / "style_i18n.py").read_text(encoding="utf-8"))
    modules = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module]
    modules += [a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names]
    assert not [m for m in modules if m.startswith("qgis.gui") or m == "qgis.utils"], modules
