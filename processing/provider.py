"""The Processing provider ``territorial``."""

import importlib
import inspect
import os
import pkgutil

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from . import algorithms
from .algorithms.base import TerritorialAlgorithm, plugin_version

ICON = os.path.join(os.path.dirname(os.path.dirname(__file__)), "ui", "icons", "territorial.svg")


def algorithm_classes():
    """Every algorithm class, found in the modules of ``processing/algorithms`` (sorted by id).

    Discovery instead of a hand-kept list: adding an algorithm is adding one file, and a test
    checks that the ids found are exactly the documented ones.
    """
    found = {}
    for info in pkgutil.iter_modules(algorithms.__path__):
        if info.name == "base" or info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{algorithms.__name__}.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, TerritorialAlgorithm) and cls.__module__ == module.__name__ and cls.ALGORITHM_ID:
                found[cls.ALGORITHM_ID] = cls
    return [found[key] for key in sorted(found)]


class TerritorialProvider(QgsProcessingProvider):
    def id(self):
        return "territorial"

    def name(self):
        return QCoreApplication.translate("TerritorialProvider", "Territorial data")

    def longName(self):
        return QCoreApplication.translate(
            "TerritorialProvider", "Territorial data (French open data and mobility) {version}"
        ).format(version=plugin_version())

    def versionInfo(self):
        return plugin_version()

    def icon(self):
        return QIcon(ICON)

    def svgIconPath(self):
        return ICON

    def loadAlgorithms(self):
        for cls in algorithm_classes():
            self.addAlgorithm(cls())
