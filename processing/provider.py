"""The Processing provider ``territorial``."""

import os
import traceback

from qgis.core import Qgis, QgsMessageLog, QgsProcessingProvider
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ..providers.http import plugin_version
from ..providers.i18n import log_tag
from .algorithms.base import TerritorialAlgorithm

ICON = os.path.join(os.path.dirname(os.path.dirname(__file__)), "ui", "icons", "territorial.svg")

#: one module per algorithm, in ``processing/algorithms`` (``tests/qgis/test_plugin.py`` checks that
#: this list and the files agree)
ALGORITHM_MODULES = (
    "assign_flows",
    "commune_flow_indicators",
    "cycle_coverage",
    "cycling_potential",
    "export_map",
    "fetch_admin_boundaries",
    "fetch_bdtopo_roads",
    "fetch_cycle_lanes",
    "fetch_establishments",
    "fetch_gtfs",
    "geocode_addresses",
    "import_fluxvision",
    "import_gtfs",
    "import_mobpro",
    "import_od_table",
    "load_datagouv_resource",
    "od_flow_lines",
    "od_skim_matrix",
    "reverse_geocode",
    "search_datagouv",
    "territory_diagnostic",
    "transit_coverage",
)


def load_algorithm_modules(names=ALGORITHM_MODULES):
    """``(classes, failures)``: the algorithm classes of the modules that import, sorted by id, and
    ``(module, error text)`` for those that do not.

    Each module is imported on its own, so that one failing import (a library missing or broken in
    the user's QGIS) costs that algorithm only, never QGIS itself. The import goes through
    ``__import__`` (not ``importlib``): QGIS records the modules a plugin imports that way and
    removes them when the plugin is unloaded, so that a reload gets fresh modules and every
    algorithm comes back.
    """
    package = __name__.rsplit(".", 1)[0] + ".algorithms"
    found, failures = {}, []
    for name in names:
        try:
            module = __import__(f"{package}.{name}", fromlist=["__name__"])
        except Exception:
            failures.append((name, traceback.format_exc(limit=4)))
            continue
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, TerritorialAlgorithm)
                and value.__module__ == module.__name__
                and value.ALGORITHM_ID
            ):
                found[value.ALGORITHM_ID] = value
    return [found[key] for key in sorted(found)], failures


def algorithm_classes():
    """Every algorithm class that loads, sorted by id."""
    return load_algorithm_modules()[0]


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
        classes, failures = load_algorithm_modules()
        for name, error in failures:
            QgsMessageLog.logMessage(
                QCoreApplication.translate(
                    "TerritorialProvider",
                    "The algorithm module '{name}' could not be loaded; the others are available.\n{error}",
                ).format(name=name, error=error),
                log_tag(),
                Qgis.MessageLevel.Critical,
            )
        for cls in classes:
            try:
                self.addAlgorithm(cls())
            except Exception:
                QgsMessageLog.logMessage(
                    QCoreApplication.translate(
                        "TerritorialProvider", "The algorithm '{name}' could not be created.\n{error}"
                    ).format(name=cls.ALGORITHM_ID, error=traceback.format_exc(limit=4)),
                    log_tag(),
                    Qgis.MessageLevel.Critical,
                )
