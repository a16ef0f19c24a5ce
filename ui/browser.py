"""Browser panel: the root « Territorial data / Données territoriales » and its entries.

Each entry opens the Processing dialog of its algorithm (the user picks a territory, the layer is
added to the project with its style and provenance), or is a richer item of its own (a factory).
Add a source by adding one line to ``ENTRIES``.
"""

import os
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Tuple

from qgis.core import (
    QgsApplication,
    QgsDataCollectionItem,
    QgsDataItem,
    QgsDataItemProvider,
    QgsSettings,
)
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QInputDialog, QLineEdit, QMessageBox

from ..compat import DataItemProviderCapability
from ..providers.i18n import translate
from .browser_datagouv import DatagouvSearchItem

ICONS = os.path.join(os.path.dirname(__file__), "icons")
ROOT_PATH = "territorial_data:"
ASK_TERRITORY = "_ask_territory"  # a preset key, not a parameter: ask for the territory code first
LAST_CODE_KEY = "territorial_data/browser/last_territory_code"


@dataclass
class Entry:
    label: Callable[[], str]  # translated at display time
    algorithm: Optional[str] = None  # opens this algorithm's dialog
    factory: Optional[Callable[[QgsDataItem], QgsDataItem]] = None  # or builds its own item
    icon: str = "territorial.svg"
    presets: Optional[Callable[[], List[Tuple[str, Dict]]]] = None  # children: (label, preset parameters)


def admin_levels():
    return [
        # the communes of the whole country are a national download: the territory is asked first
        (translate("TerritorialBrowser", "Communes"), {"LEVEL": "commune", ASK_TERRITORY: True}),
        (translate("TerritorialBrowser", "EPCI (intercommunalities)"), {"LEVEL": "epci"}),
        (translate("TerritorialBrowser", "Départements"), {"LEVEL": "departement"}),
        (translate("TerritorialBrowser", "Regions"), {"LEVEL": "region", "PARENT_LEVEL": "region"}),
    ]


ENTRIES: List[Entry] = [
    Entry(
        lambda: translate("TerritorialBrowser", "Administrative boundaries"),
        "territorial:fetch_admin_boundaries",
        presets=admin_levels,
    ),
    Entry(lambda: translate("TerritorialBrowser", "BD TOPO roads (IGN)"), "territorial:fetch_bdtopo_roads"),
    Entry(lambda: translate("TerritorialBrowser", "Cycle facilities (BNAC)"), "territorial:fetch_cycle_lanes"),
    Entry(lambda: translate("TerritorialBrowser", "data.gouv.fr search"), factory=DatagouvSearchItem),
    Entry(lambda: translate("TerritorialBrowser", "GTFS public transport"), "territorial:fetch_gtfs"),
    Entry(lambda: translate("TerritorialBrowser", "Geocode addresses"), "territorial:geocode_addresses"),
    Entry(lambda: translate("TerritorialBrowser", "Home-work flows (INSEE MOBPRO)"), "territorial:import_mobpro"),
    Entry(lambda: translate("TerritorialBrowser", "Orange Flux Vision exports"), "territorial:import_fluxvision"),
    Entry(lambda: translate("TerritorialBrowser", "SIRENE establishments"), "territorial:fetch_establishments"),
]


def open_algorithm_dialog(algorithm_id: str, parameters: Optional[Dict] = None) -> None:
    """The algorithm's Processing dialog (the user completes the parameters; the output layer is
    added to the project with its style and provenance)."""
    from qgis import processing

    processing.execAlgorithmDialog(algorithm_id, dict(parameters or {}))


def ask_territory(parent=None) -> Optional[str]:
    """Ask which territory's communes to fetch; None when the person cancels.

    The last code used is proposed. An empty code means all of France (about 35,000 communes, a
    national download): it is confirmed by a second question whose default answer is No."""
    settings = QgsSettings()
    code, ok = QInputDialog.getText(
        parent,
        translate("TerritorialBrowser", "Communes"),
        translate(
            "TerritorialBrowser",
            "Communes of which territory? A département (95, 2A), an EPCI SIREN (200054781) or a région "
            "code.\nLeave empty for all of France (about 35,000 communes, a large national download).",
        ),
        QLineEdit.EchoMode.Normal,
        str(settings.value(LAST_CODE_KEY, "95") or ""),
    )
    if not ok:
        return None
    code = code.strip()
    if not code:
        answer = QMessageBox.question(
            parent,
            translate("TerritorialBrowser", "All the communes of France?"),
            translate(
                "TerritorialBrowser",
                "No territory code was given: this downloads the communes of all of France (about 35,000 "
                "communes). Continue?",
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
    settings.setValue(LAST_CODE_KEY, code)
    return code


def open_preset(algorithm_id: str, parameters: Optional[Dict] = None) -> bool:
    """Open the algorithm's dialog with a preset; a preset that asks for the territory asks first.
    False when the person cancelled."""
    parameters = dict(parameters or {})
    if parameters.pop(ASK_TERRITORY, False):
        code = ask_territory()
        if code is None:
            return False
        parameters["CODE"] = code
    open_algorithm_dialog(algorithm_id, parameters)
    return True


class AlgorithmItem(QgsDataItem):
    """A leaf that opens an algorithm's dialog on double-click or from its context menu."""

    def __init__(self, parent, name, path, algorithm_id, icon, parameters=None):
        super().__init__(QgsDataItem.Type.Custom, parent, name, path, "territorial_data")
        self.algorithm_id = algorithm_id
        self.parameters = dict(parameters or {})
        self.setIcon(QIcon(os.path.join(ICONS, icon)))
        self.setState(QgsDataItem.State.Populated)
        alg = QgsApplication.processingRegistry().algorithmById(algorithm_id)
        if alg is not None:
            self.setToolTip(alg.shortDescription() or alg.displayName())

    def handleDoubleClick(self):
        open_preset(self.algorithm_id, self.parameters)
        return True

    def actions(self, parent):
        action = QAction(translate("TerritorialBrowser", "Open…"), parent)
        action.triggered.connect(lambda: open_preset(self.algorithm_id, self.parameters))
        return [action]


class PresetGroupItem(QgsDataCollectionItem):
    """An entry whose children open the same algorithm with different preset parameters."""

    def __init__(self, parent, name, path, entry):
        super().__init__(parent, name, path, "territorial_data")
        self.entry = entry
        self.setIcon(QIcon(os.path.join(ICONS, entry.icon)))

    def createChildren(self):
        return [
            AlgorithmItem(self, label, f"{self.path()}/{index}", self.entry.algorithm, self.entry.icon, parameters)
            for index, (label, parameters) in enumerate(self.entry.presets())
        ]


class RootItem(QgsDataCollectionItem):
    def __init__(self):
        super().__init__(None, translate("TerritorialBrowser", "Territorial data"), ROOT_PATH, "territorial_data")
        self.setIcon(QIcon(os.path.join(ICONS, "territorial.svg")))

    def createChildren(self):
        children = []
        for index, entry in enumerate(ENTRIES):
            if entry.factory is not None:
                item = entry.factory(self)
            elif entry.presets is not None:
                item = PresetGroupItem(self, entry.label(), f"{ROOT_PATH}/{index}", entry)
            else:
                item = AlgorithmItem(self, entry.label(), f"{ROOT_PATH}/{index}", entry.algorithm, entry.icon)
            children.append(item)
        return children


class TerritorialDataItemProvider(QgsDataItemProvider):
    def name(self):
        return "territorial_data"

    def dataProviderKey(self):
        return "territorial_data"

    def capabilities(self):
        return DataItemProviderCapability.NetworkSources

    def createDataItem(self, path, parentItem):
        if not path:
            return RootItem()
        return None
