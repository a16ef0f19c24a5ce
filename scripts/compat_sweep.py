#!/usr/bin/python3
"""Rewrite the plugin's code to go through ``compat.py`` (QGIS 3.22 to 4.x, PyQt5 and PyQt6).

    /usr/bin/python3 scripts/compat_sweep.py            rewrite every tracked .py file (but compat.py)
    /usr/bin/python3 scripts/compat_sweep.py --check    change nothing; exit 1 and list what it would change
    /usr/bin/python3 scripts/compat_sweep.py FILE...    only these files

Idempotent: a second run changes nothing. Re-run it after moving or adding code (``make compat-sweep``),
then ``make compat-check``. What it rewrites:

- ``QVariant()`` (a NULL value) -> ``NULL`` from ``qgis.core``.
- ``QVariant.String`` (and every field type) -> ``FieldType.String``; ``QgsField(name, type, ...)`` ->
  ``make_field(name, type, ...)`` (same arguments); ``<field>.type() == 10`` -> ``== FieldType.String``.
- QGIS enums that moved or were renamed -> the compat name: ``QgsProcessing.TypeVectorLine`` ->
  ``ProcessingSourceType.VectorLine``, ``QgsWkbTypes.Point`` -> ``WkbType.Point``,
  ``QgsWkbTypes.PointGeometry`` -> ``GeometryType.Point``, ``QgsProcessingParameterNumber.Double`` ->
  ``ProcessingNumberParameterType.Double``, ``QgsFeatureRequest.NoGeometry`` ->
  ``FeatureRequestFlag.NoGeometry``, ``QgsFeatureSink.FastInsert`` -> ``FeatureSinkFlag.FastInsert``...
  (table ``COMPAT_ENUMS`` below).
- Every other unscoped Qt or QGIS enum read -> its scoped form (``QMessageBox.Yes`` ->
  ``QMessageBox.StandardButton.Yes``, ``Qgis.Critical`` -> ``Qgis.MessageLevel.Critical``), found by
  looking the value up in the running PyQt / QGIS (the scoped form works from QGIS 3.22 / PyQt 5.15 on).
- Deprecated or changed calls -> compat functions: ``x.parameterAsFields(...)`` ->
  ``parameter_as_fields(x, ...)``, ``x.saveStyleToDatabase(...)`` -> ``save_style_to_database(x, ...)``,
  ``x.setMinimal()`` -> ``set_rectangle_null(x)``, ``legend.rstyle(s).font()`` / ``.setFont(f)`` ->
  ``legend_style_font(...)`` / ``set_legend_style_font(..., f)``, and the same for a
  ``QgsLayoutItemLabel`` (``layout_label_font`` / ``set_layout_label_font``), ``handleAlgorithmResults(a, c, f, show,
  p)`` -> ``handle_algorithm_results(a, c, f, p)``.
- Then the import of the compat names it used (relative inside the plugin, ``territorial_data.compat``
  in tests and scripts), and ``ruff`` (from ``.venv``) removes the imports left unused, sorts imports and
  formats the files it changed.
"""

import argparse
import ast
import importlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "territorial_data"
SKIP = {"compat.py", "scripts/compat_sweep.py"}
#: folders that are not part of the installed plugin: they import ``territorial_data.compat``
OUTSIDE_PACKAGE = ("tests/", "scripts/", "benchmarks/")

FIELD_TYPES = {
    "Invalid",
    "Bool",
    "Int",
    "UInt",
    "LongLong",
    "ULongLong",
    "Double",
    "String",
    "StringList",
    "ByteArray",
    "Date",
    "Time",
    "DateTime",
    "List",
    "Map",
}
#: QVariant::Type values, for ``field.type() == 10``
FIELD_TYPE_VALUES = {1: "Bool", 2: "Int", 3: "UInt", 4: "LongLong", 5: "ULongLong", 6: "Double", 10: "String"}


def _prefixed(compat, prefix="", suffix="", renames=None):
    renames = renames or {}

    def rule(attr):
        if attr in renames:
            return compat, renames[attr]
        if attr.startswith(prefix) and attr.endswith(suffix) and len(attr) > len(prefix) + len(suffix):
            return compat, attr[len(prefix) : len(attr) - len(suffix)]
        return None

    return rule


def _members(compat, names):
    return lambda attr: (compat, attr) if attr in names else None


_GEOMETRY = {"PointGeometry", "LineGeometry", "PolygonGeometry", "UnknownGeometry", "NullGeometry"}
_WKB_NOT_MEMBERS = {"Type", "GeometryType"}


def _wkb(attr):
    if attr in _GEOMETRY:
        return "GeometryType", attr[: -len("Geometry")]
    if attr[:1].isupper() and attr not in _WKB_NOT_MEMBERS:
        return "WkbType", attr
    return None


_PARAMETER_FLAG = _prefixed("ProcessingParameterFlag", prefix="Flag")

#: owner class -> rule(attribute) -> (compat name, member) or None. Enums that moved to ``Qgis`` or whose
#: members were renamed: the scoped old form does not exist on new QGIS (or is deprecated there).
COMPAT_ENUMS = {
    "QgsProcessing": _prefixed("ProcessingSourceType", prefix="Type"),
    "QgsWkbTypes": _wkb,
    "QgsProcessingParameterNumber": lambda a: (
        ("ProcessingNumberParameterType", a) if a in {"Integer", "Double"} else _PARAMETER_FLAG(a)
    ),
    "QgsProcessingParameterField": lambda a: (
        ("ProcessingFieldParameterDataType", a)
        if a in {"Any", "Numeric", "String", "DateTime", "Binary", "Boolean"}
        else _PARAMETER_FLAG(a)
    ),
    "QgsProcessingParameterFile": lambda a: (
        ("ProcessingFileParameterBehavior", a) if a in {"File", "Folder"} else _PARAMETER_FLAG(a)
    ),
    "QgsProcessingAlgorithm": _prefixed("ProcessingAlgorithmFlag", prefix="Flag"),
    "QgsFeatureRequest": _members(
        "FeatureRequestFlag",
        {
            "NoFlags",
            "NoGeometry",
            "SubsetOfAttributes",
            "ExactIntersect",
            "IgnoreStaticNodesDuringExpressionCompilation",
        },
    ),
    "QgsFeatureSink": _members("FeatureSinkFlag", {"FastInsert", "RegeneratePrimaryKey"}),
    "QgsUnitTypes": lambda a: (
        ("DistanceUnit", "Unknown")
        if a == "DistanceUnknownUnit"
        else _prefixed("DistanceUnit", prefix="Distance")(a) or _prefixed("LayoutUnit", prefix="Layout")(a)
    ),
    "QgsSymbolLayer": _prefixed("SymbolLayerProperty", prefix="Property"),
    "QgsScaleBarSettings": _prefixed("ScaleBarSegmentSizeMode", prefix="SegmentSize"),
    "QgsRenderContext": _prefixed("TextRenderFormat", prefix="TextFormat"),
    "QgsLegendStyle": _members(
        "LegendComponent", {"Undefined", "Hidden", "Title", "Group", "Subgroup", "Symbol", "SymbolLabel"}
    ),
    "QgsDataProvider": lambda a: {
        "NoDataCapabilities": ("DataItemProviderCapability", "NoCapabilities"),
        "File": ("DataItemProviderCapability", "Files"),
        "Dir": ("DataItemProviderCapability", "Directories"),
        "Database": ("DataItemProviderCapability", "Databases"),
        "Net": ("DataItemProviderCapability", "NetworkSources"),
    }.get(a),
}
# every other QgsProcessingParameter* class: its Flag* members
_PARAMETER_CLASS = re.compile(r"^QgsProcessingParameter\w*$")

#: method -> compat function taking the receiver first
METHOD_TO_FUNCTION = {
    "parameterAsFields": "parameter_as_fields",
    "saveStyleToDatabase": "save_style_to_database",
    "setMinimal": "set_rectangle_null",
}


class Edit:
    __slots__ = ("end", "start", "text")

    def __init__(self, start, end, text):
        self.start, self.end, self.text = start, end, text


class _Offsets:
    """ast (line, UTF-8 byte column) -> index in the text."""

    def __init__(self, text):
        self.lines = text.splitlines(keepends=True)
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line))

    def __call__(self, lineno, col):
        line = self.lines[lineno - 1] if lineno - 1 < len(self.lines) else ""
        return self.starts[lineno - 1] + len(line.encode("utf-8")[:col].decode("utf-8", "replace"))


def _imported_names(tree):
    """``name -> module`` for the ``from X import name`` statements of a file (any level)."""
    names = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                names[alias.asname or alias.name] = node.module
    return names


_CLASS_CACHE = {}


def _runtime_class(module, name):
    key = (module, name)
    if key not in _CLASS_CACHE:
        cls = None
        if module.startswith(("qgis.", "PyQt5.", "PyQt6.")):
            try:
                cls = getattr(importlib.import_module(module), name, None)
            except Exception:  # a module this QGIS does not have
                cls = None
        _CLASS_CACHE[key] = cls if isinstance(cls, type) else None
    return _CLASS_CACHE[key]


def _is_enum_value(value):
    kind = type(value)
    meta = type(kind).__name__
    return meta in ("enumtype", "EnumType", "EnumMeta") and kind.__name__ not in ("int", "bool")


def scoped_enum(cls, owner, attr):
    """``EnumName`` when ``owner.attr`` is an unscoped enum member of ``cls`` whose scoped form
    ``owner.EnumName.attr`` exists; else None."""
    try:
        value = getattr(cls, attr)
    except AttributeError:
        return None
    if isinstance(value, type) or not _is_enum_value(value):
        return None
    kind = type(value)
    candidates = [kind.__name__] + sorted(k for k, v in vars(cls).items() if v is kind and k != kind.__name__)
    for base in cls.__mro__:
        candidates += sorted(k for k, v in vars(base).items() if v is kind and k not in candidates)
    for name in candidates:
        scope = getattr(cls, name, None)
        if scope is kind and name != attr:
            try:
                if getattr(scope, attr) == value:
                    return name
            except AttributeError:
                continue
    return None


class Sweep(ast.NodeVisitor):
    def __init__(self, text, tree):
        self.text = text
        self.offset = _Offsets(text)
        self.edits = []
        self.needs = set()
        self.qgis_core = set()  # names to import from qgis.core
        self.imports = _imported_names(tree)
        self.parents = {}
        for parent in ast.walk(tree):
            for child in ast.iter_child_nodes(parent):
                self.parents[child] = parent
        self.label_names = set()
        for node in ast.walk(tree):  # names typed or made as QgsLayoutItemLabel
            if isinstance(node, ast.arg) and _annotation_is(node.annotation, "QgsLayoutItemLabel"):
                self.label_names.add(node.arg)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                if _annotation_is(node.annotation, "QgsLayoutItemLabel"):
                    self.label_names.add(node.target.id)
            elif isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
                func = node.value.func
                if isinstance(func, ast.Name) and func.id == "QgsLayoutItemLabel":
                    self.label_names.update(t.id for t in node.targets if isinstance(t, ast.Name))

    # -- helpers --
    def span(self, node):
        return self.offset(node.lineno, node.col_offset), self.offset(node.end_lineno, node.end_col_offset)

    def replace(self, node, text):
        start, end = self.span(node)
        self.edits.append(Edit(start, end, text))

    def method_to_function(self, call, function, keep_args=True):
        """``recv.meth(args)`` -> ``function(recv, args)`` (two edits, so that edits inside recv and args stay)."""
        recv = call.func.value
        rstart, rend = self.span(recv)
        paren = self.text.index("(", rend)
        self.edits.append(Edit(rstart, rstart, f"{function}("))
        has_args = bool(call.args or call.keywords)
        self.edits.append(Edit(rend, paren + 1, ", " if has_args and keep_args else ""))
        self.needs.add(function)

    # -- visitors --
    def visit_Attribute(self, node):
        if isinstance(node.value, ast.Name):
            self.attribute(node)
        self.generic_visit(node)

    def attribute(self, node):
        owner, attr = node.value.id, node.attr
        parent = self.parents.get(node)
        # already scoped (Owner.Enum.Member), or a call of a static method
        if isinstance(parent, ast.Attribute) and parent.value is node and parent.attr[:1].isupper():
            return
        if isinstance(parent, ast.Call) and parent.func is node:
            return
        if owner == "QVariant":
            if attr in FIELD_TYPES:
                self.replace(node, f"FieldType.{attr}")
                self.needs.add("FieldType")
            return
        rule = COMPAT_ENUMS.get(owner)
        if rule is None and _PARAMETER_CLASS.match(owner):
            rule = _PARAMETER_FLAG
        found = rule(attr) if rule else None
        if found:
            compat, member = found
            self.replace(node, f"{compat}.{member}")
            self.needs.add(compat)
            return
        module = self.imports.get(owner)
        if module is None or not attr[:1].isupper():
            return
        cls = _runtime_class(module, owner)
        if cls is None:
            return
        scope = scoped_enum(cls, owner, attr)
        if scope:
            self.replace(node, f"{owner}.{scope}.{attr}")

    def visit_Call(self, node):
        func = node.func
        if isinstance(func, ast.Name) and func.id == "QVariant" and not node.keywords:
            # QVariant() and QVariant(QVariant.Type): a NULL value, which is qgis.core.NULL on every version
            arg = node.args[0] if len(node.args) == 1 else None
            if not node.args or (
                isinstance(arg, ast.Attribute) and isinstance(arg.value, ast.Name) and arg.value.id == "QVariant"
            ):
                self.replace(node, "NULL")
                self.qgis_core.add("NULL")
                return
        if isinstance(func, ast.Name) and func.id == "QgsField" and len(node.args) + len(node.keywords) >= 2:
            self.replace(func, "make_field")
            self.needs.add("make_field")
        elif isinstance(func, ast.Name) and func.id == "handleAlgorithmResults" and len(node.args) == 5:
            args = [ast.get_source_segment(self.text, a) for a in node.args]
            self.replace(node, f"handle_algorithm_results({args[0]}, {args[1]}, {args[2]}, {args[4]})")
            self.needs.add("handle_algorithm_results")
            return  # the arguments are copied as they are
        elif isinstance(func, ast.Attribute):
            recv = func.value
            if func.attr in METHOD_TO_FUNCTION:
                self.method_to_function(node, METHOD_TO_FUNCTION[func.attr])
            elif func.attr in ("font", "setFont") and len(node.args) == (func.attr == "setFont"):
                legend = (
                    isinstance(recv, ast.Call) and isinstance(recv.func, ast.Attribute) and recv.func.attr == "rstyle"
                )
                label = isinstance(recv, ast.Name) and recv.id in self.label_names
                if legend or label:
                    base = "legend_style_font" if legend else "layout_label_font"
                    self.method_to_function(node, base if func.attr == "font" else f"set_{base}")
        self.generic_visit(node)

    def visit_Compare(self, node):
        # field.type() == 10  (a QVariant::Type number)
        left = node.left
        if (
            isinstance(left, ast.Call)
            and isinstance(left.func, ast.Attribute)
            and left.func.attr == "type"
            and not left.args
            and len(node.comparators) == 1
            and isinstance(node.ops[0], (ast.Eq, ast.NotEq))
        ):
            right = node.comparators[0]
            if isinstance(right, ast.Constant) and type(right.value) is int and right.value in FIELD_TYPE_VALUES:
                self.replace(right, f"FieldType.{FIELD_TYPE_VALUES[right.value]}")
                self.needs.add("FieldType")
        self.generic_visit(node)


def _annotation_is(annotation, name):
    if annotation is None:
        return False
    if isinstance(annotation, ast.Name):
        return annotation.id == name
    if isinstance(annotation, ast.Constant) and isinstance(annotation.value, str):
        return annotation.value == name
    if isinstance(annotation, ast.Attribute):
        return annotation.attr == name
    return False


def apply_edits(text, edits):
    # from the end, so that earlier offsets stay valid; insertions at one point keep their order
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    return text


def compat_module(relpath):
    """How ``relpath`` imports compat: ``("..", None)`` relative inside the plugin, or the absolute name."""
    if relpath.startswith(OUTSIDE_PACKAGE):
        return f"{PACKAGE}.compat"
    depth = relpath.count("/")
    return "." * (depth + 1) + "compat"


def add_import(text, module, names):
    """Add ``from <module> import names`` (merged with an existing import of that module)."""
    tree = ast.parse(text)
    level = len(module) - len(module.lstrip("."))
    bare = module.lstrip(".")
    for node in tree.body:
        if isinstance(node, ast.ImportFrom) and node.module == bare and node.level == level:
            have = {a.name for a in node.names}
            missing = sorted(set(names) - have)
            if not missing:
                return text
            offsets = _Offsets(text)
            start = offsets(node.lineno, node.col_offset)
            end = offsets(node.end_lineno, node.end_col_offset)
            merged = sorted(have | set(names), key=str.lower)
            return text[:start] + f"from {module} import {', '.join(merged)}" + text[end:]
    line = f"from {module} import {', '.join(sorted(names, key=str.lower))}\n"
    last = None
    for node in tree.body:
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            last = node
        elif last is not None:
            break
    if last is None:  # after the docstring, or first
        first = tree.body[0] if tree.body else None
        if (
            first is not None
            and isinstance(first, ast.Expr)
            and isinstance(first.value, ast.Constant)
            and isinstance(first.value.value, str)
        ):
            offsets = _Offsets(text)
            pos = offsets(first.end_lineno, first.end_col_offset)
            return text[:pos] + "\n\n" + line.rstrip("\n") + text[pos:]
        return line + text
    offsets = _Offsets(text)
    pos = offsets(last.end_lineno, last.end_col_offset)
    return text[:pos] + "\n" + line.rstrip("\n") + text[pos:]


def sweep_text(text, relpath):
    """The swept text of one file (unchanged when there is nothing to do)."""
    tree = ast.parse(text)
    sweep = Sweep(text, tree)
    sweep.visit(tree)
    if not sweep.edits:
        return text
    new = apply_edits(text, sweep.edits)
    if sweep.needs:
        new = add_import(new, compat_module(relpath), sweep.needs)
    if sweep.qgis_core:
        new = add_import(new, "qgis.core", sweep.qgis_core)
    ast.parse(new)  # never write a file that does not parse
    return new


def tracked_python_files(root):
    try:
        out = subprocess.run(
            ["git", "ls-files", "-z", "--", "*.py"], cwd=root, capture_output=True, check=True
        ).stdout.decode()
        files = [f for f in out.split("\0") if f]
    except (OSError, subprocess.CalledProcessError):
        files = [
            str(p.relative_to(root))
            for p in Path(root).rglob("*.py")
            if ".venv" not in p.parts and ".git" not in p.parts
        ]
    return sorted(f for f in files if f not in SKIP and (Path(root) / f).is_file())


def ruff(root, files):
    exe = Path(root) / ".venv" / "bin" / "ruff"
    exe = str(exe) if exe.exists() else shutil.which("ruff")
    if not exe:
        print("ruff not found (make deps installs it): imports left unused are not removed", file=sys.stderr)
        return
    paths = [str(Path(root) / f) for f in files]
    subprocess.run([exe, "check", "--fix", "--quiet", "--select", "F401,I001", *paths], cwd=root, check=False)
    subprocess.run([exe, "format", "--quiet", *paths], cwd=root, check=False)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", help="files relative to the repository (default: every tracked .py)")
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if a file would change")
    parser.add_argument("--root", default=str(ROOT))
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    files = [str(Path(f).resolve().relative_to(root)) if os.path.isabs(f) else f for f in args.files]
    files = [f for f in files if f not in SKIP] or tracked_python_files(root)
    changed = []
    for relpath in files:
        path = root / relpath
        text = path.read_text(encoding="utf-8")
        new = sweep_text(text, relpath)
        if new != text:
            changed.append(relpath)
            if not args.check:
                path.write_text(new, encoding="utf-8")
    if args.check:
        for relpath in changed:
            print(f"would change: {relpath}")
        if changed:
            print(f"{len(changed)} file(s) still to go through compat: run {Path(__file__).name}", file=sys.stderr)
        return 1 if changed else 0
    if changed:
        ruff(root, changed)
    for relpath in changed:
        print(f"changed: {relpath}")
    print(f"{len(changed)} file(s) changed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
