"""Browser panel: the root « Territorial data / Données territoriales » and its entries.

Each entry opens the Processing dialog of its algorithm (the user picks a territory, the layer is
added to the project with its style and provenance), or is a richer item of its own (a factory).
Add a source by adding one line to ``ENTRIES``.
"""

import os
from dataclasses import dataclass
from typing import Callable, List, Optional

from qgis.core import QgsApplication, QgsDataCollectionItem, QgsDataItem, QgsDataItemProvider, QgsDataProvider
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from ..providers.i18n import translate

ICONS = os.path.join(os.path.dirname(__file__), "icons")
ROOT_PATH = "territorial_data:"




@dataclass
class Entry:
    label: Callable[[], str]  # translated at display time
    algorithm: Optional[str] = None  # opens this algorithm's dialog
    factory: Optional[Callable[[QgsDataItem], QgsDataItem]] = None  # or builds its own item
    icon: str = "territorial.svg"


ENTRIES: List[Entry] = [
    Entry(lambda: translate("TerritorialBrowser", "Administrative boundaries"), "territorial:fetch_admin_boundaries"),
]


def open_algorithm_dialog(algorithm_id: str) -> None:
    from qgis import processing

    processing.execAlgorithmDialog(algorithm_id, {})


class AlgorithmItem(QgsDataItem):
    """A leaf that opens an algorithm's dialog on double-click or from its context menu."""

    def __init__(self, parent, name, path, algorithm_id, icon):
        super().__init__(QgsDataItem.Custom, parent, name, path, "territorial_data")
        self.algorithm_id = algorithm_id
        self.setIcon(QIcon(os.path.join(ICONS, icon)))
        self.setState(QgsDataItem.Populated)
        alg = QgsApplication.processingRegistry().algorithmById(algorithm_id)
        if alg is not None:
            self.setToolTip(alg.shortDescription() or alg.displayName())

    def handleDoubleClick(self):  # noqa: N802 (QGIS API)
        open_algorithm_dialog(self.algorithm_id)
        return True

    def actions(self, parent):
        action = QAction(translate("TerritorialBrowser", "Open…"), parent)
        action.triggered.connect(lambda: open_algorithm_dialog(self.algorithm_id))
        return [action]


class RootItem(QgsDataCollectionItem):
    def __init__(self):
        super().__init__(None, translate("TerritorialBrowser", "Territorial data"), ROOT_PATH, "territorial_data")
        self.setIcon(QIcon(os.path.join(ICONS, "territorial.svg")))

    def createChildren(self):  # noqa: N802 (QGIS API)
        children = []
        for index, entry in enumerate(ENTRIES):
            if entry.factory is not None:
                item = entry.factory(self)
            else:
                item = AlgorithmItem(self, entry.label(), f"{ROOT_PATH}/{index}", entry.algorithm, entry.icon)
            children.append(item)
        return children


class TerritorialDataItemProvider(QgsDataItemProvider):
    def name(self):
        return "territorial_data"

    def dataProviderKey(self):  # noqa: N802
        return "territorial_data"

    def capabilities(self):
        return QgsDataProvider.Net

    def createDataItem(self, path, parentItem):  # noqa: N802, N803
        if not path:
            return RootItem()
        return None
