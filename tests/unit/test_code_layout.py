"""The shape of the code (issue: one way to read each input): checked on the source, without QGIS.

- ``providers/`` and ``processing/engine/`` import nothing from ``qgis`` at module level (they run
  in plain Python: tests without QGIS, worker processes, a Dask cluster);
- no algorithm module imports another algorithm module (shared glue lives in
  ``processing/inputs``, ``processing/outputs``, ``processing/parameters.py``,
  ``processing/feedback.py``);
- every input kind is read in one module: zones only through ``processing/inputs/zones.py``.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ALGORITHMS = ROOT / "processing" / "algorithms"


def module_level_imports(path: Path):
    """(module name, level) of the imports at module level (not inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in tree.body:
        nodes = [node]
        if isinstance(node, (ast.If, ast.Try)):  # module-level conditionals count too
            nodes = list(ast.walk(node))
        for item in nodes:
            if isinstance(item, ast.Import):
                found += [(alias.name, 0) for alias in item.names]
            elif isinstance(item, ast.ImportFrom):
                found.append((item.module or "", item.level))
    return found


def test_engine_and_providers_import_no_qgis_at_module_level():
    offenders = []
    for folder in ("providers", "processing/engine"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for name, level in module_level_imports(path):
                if level == 0 and (name == "qgis" or name.startswith("qgis.")):
                    offenders.append(f"{path.relative_to(ROOT)}: import {name}")
    assert not offenders, offenders


def test_no_algorithm_module_imports_another():
    algorithms = {p.stem for p in ALGORITHMS.glob("*.py")} - {"__init__", "base"}
    offenders = []
    for path in sorted(ALGORITHMS.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                names = [node.module] if node.module else [alias.name for alias in node.names]
                for name in names:
                    if name and name.split(".")[0] in algorithms:
                        offenders.append(f"{path.name} imports {name}")
    assert not offenders, offenders


def test_algorithms_read_zones_and_flows_through_the_shared_readers():
    """No algorithm reads ZONES or FLOWS on its own: ``read_zones`` and ``read_od_table`` do."""
    offenders = []
    for path in sorted(ALGORITHMS.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for needle in ("def read_zones", "def read_od_table", "def zone_code_field", "def read_network"):
            if needle in text:
                offenders.append(f"{path.name}: {needle}")
    assert not offenders, offenders


def test_the_guard_sees_a_qgis_import(tmp_path):
    """The first check can fail: a module importing qgis at module level is found."""
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nfrom qgis.core import QgsFeature\n\ndef f():\n    import qgis\n", encoding="utf-8")
    assert module_level_imports(bad) == [("os", 0), ("qgis.core", 0)]
