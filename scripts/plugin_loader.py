"""Load the repository as the package ``territorial_data`` (its install name).

The repository root is not put on ``sys.path``: its ``processing/`` folder would hide QGIS's own
``processing`` plugin. Used by the scripts, the benchmarks and the tests (one copy of this code):
``sys.path.insert(0, "<repo>/scripts"); import plugin_loader; plugin_loader.load_plugin()``.
"""

import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NAME = "territorial_data"


def load_plugin(root: Path = ROOT, name: str = NAME):
    """The plugin package (loaded once per process)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(
        name, Path(root) / "__init__.py", submodule_search_locations=[str(root)]
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
