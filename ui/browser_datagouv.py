"""Browser: « data.gouv.fr search ». Its context menu (or a double-click) asks for words; the
datasets found are listed as children, their resources below them, and a double-click on a
resource loads it as a layer through ``territorial:load_datagouv_resource`` (in the background,
with the dataset's producer and licence in the layer metadata).

Self-contained (no import of ``ui.browser``) so that ``ui/browser.py`` can import it.
"""

import os
from functools import partial
from typing import Dict, List, Optional

from qgis.core import (
    Qgis,
    QgsApplication,
    QgsDataCollectionItem,
    QgsDataItem,
    QgsErrorItem,
    QgsMessageLog,
    QgsProcessingAlgRunnerTask,
    QgsProcessingContext,
    QgsProcessingFeedback,
    QgsProcessingOutputLayerDefinition,
    QgsProject,
)
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction, QApplication, QInputDialog, QLineEdit

from ..compat import handle_algorithm_results
from ..providers import datagouv
from ..providers.errors import DataError
from ..providers.http import HttpError
from ..providers.i18n import format_size, log_tag, translate

ICONS = os.path.join(os.path.dirname(__file__), "icons")
PATH = "territorial_data:/datagouv"
ALGORITHM = "territorial:load_datagouv_resource"
LOADABLE = {"csv", "geojson", "json", "shp", "zip", "gpkg", "geopackage", "shapefile", ""}
MAX_DATASETS = 50

_RUNNING = set()  # tasks and their contexts must outlive the call that started them


def _size(value) -> str:
    """« 169,8 Mo » in French, « 169.8 MB » in English; '' when unknown."""
    if value is None or value != value:
        return ""
    return format_size(float(value))


def _notify(message: str, level=Qgis.MessageLevel.Info) -> None:
    QgsMessageLog.logMessage(message, log_tag(), level)
    try:
        from qgis.utils import iface
    except ImportError:  # pragma: no cover
        iface = None
    if iface is not None and hasattr(iface, "messageBar"):
        iface.messageBar().pushMessage("data.gouv.fr", message, level, 8)


class DatagouvSearchItem(QgsDataCollectionItem):
    """The search entry: its children are the datasets matching ``query``."""

    def __init__(self, parent=None, query: str = ""):
        super().__init__(parent, translate("DatagouvBrowser", "data.gouv.fr search"), PATH, "territorial_data")
        self.setIcon(QIcon(os.path.join(ICONS, "territorial.svg")))
        self.setToolTip(
            translate(
                "DatagouvBrowser",
                "Right-click > Search… to look for datasets on data.gouv.fr; double-click a resource to load it.",
            )
        )
        self.query = ""
        self.max_datasets = MAX_DATASETS
        self.message = ""
        if query:
            self.set_query(query)

    def set_query(self, query: str) -> None:
        self.query = (query or "").strip()
        self.setName(
            translate("DatagouvBrowser", "data.gouv.fr search: {query}").format(query=self.query)
            if self.query
            else translate("DatagouvBrowser", "data.gouv.fr search")
        )

    def ask_query(self) -> None:
        text, ok = QInputDialog.getText(
            None,
            translate("DatagouvBrowser", "data.gouv.fr search"),
            translate("DatagouvBrowser", "Words to search for (e.g. aménagements cyclables Hérault):"),
            QLineEdit.EchoMode.Normal,
            self.query,
        )
        if ok and text.strip():
            self.set_query(text)
            self.refresh()

    def handleDoubleClick(self):
        self.ask_query()
        return True

    def actions(self, parent):
        action = QAction(translate("DatagouvBrowser", "Search…"), parent)
        action.triggered.connect(self.ask_query)
        return [action]

    def createChildren(self):
        if not self.query:
            return []
        try:
            result = datagouv.DatagouvClient().search(self.query, max_results=self.max_datasets)
        except (DataError, HttpError) as exc:
            self.message = str(exc)
            return [QgsErrorItem(self, str(exc), f"{PATH}/error")]
        self.message = "; ".join(result.warnings)
        rows: Dict[str, List[dict]] = {}
        for row in result.frame.to_dict("records"):
            rows.setdefault(row["dataset_id"], []).append(row)
        # the API's pages can overlap (a dataset updated while paging moves): one item per dataset
        datasets, seen = [], set()
        for dataset in result.datasets:
            key = str(dataset.get("id"))
            if key not in seen:
                seen.add(key)
                datasets.append(dataset)
        return [DatasetItem(self, dataset, rows.get(str(dataset.get("id")), [])) for dataset in datasets]


class DatasetItem(QgsDataCollectionItem):
    """One dataset; its children are its resources (already known: no request)."""

    def __init__(self, parent, dataset: dict, rows: List[dict]):
        first = rows[0] if rows else {}
        name = str(dataset.get("title") or dataset.get("id"))
        super().__init__(parent, name, f"{PATH}/{dataset.get('id')}", "territorial_data")
        self.dataset_id = str(dataset.get("id") or "")
        self.rows = [r for r in rows if r.get("resource_id")]
        self.setToolTip(
            translate("DatagouvBrowser", "{organization} — licence: {licence} — updated {date}").format(
                organization=first.get("organization") or "?",
                licence=first.get("licence") or "?",
                date=first.get("last_update") or "?",
            )
        )
        self.setIcon(QgsApplication.getThemeIcon("/mIconFolder.svg"))

    def createChildren(self):
        return [ResourceItem(self, self.dataset_id, row) for row in self.rows]


class ErrorRecordingFeedback(QgsProcessingFeedback):
    """Keeps the errors the algorithm reports, so that a failure can say what failed (a background
    task returns no results, only ``successful=False``)."""

    def __init__(self):
        super().__init__()
        self.errors: List[str] = []

    def reportError(self, error, fatalError=False):
        self.errors.append(str(error))
        super().reportError(error, fatalError)


class ResourceItem(QgsDataItem):
    """One resource: double-click loads it as a layer."""

    def __init__(self, parent, dataset_id: str, row: dict):
        label = row.get("resource_title") or row.get("resource_id")
        details = ", ".join(v for v in (row.get("format") or "", _size(row.get("filesize"))) if v)
        name = f"{label} ({details})" if details else label
        super().__init__(
            QgsDataItem.Type.Custom, parent, name, f"{PATH}/{dataset_id}/{row.get('resource_id')}", "territorial_data"
        )
        self.dataset_id = dataset_id
        self.row = row
        self.setState(QgsDataItem.State.Populated)
        self.setToolTip(row.get("url") or "")
        loadable = (row.get("format") or "").lower() in LOADABLE
        self.setIcon(QgsApplication.getThemeIcon("/mIconVector.svg" if loadable else "/mIconFile.svg"))

    def parameters(self) -> Dict:
        return {"RESOURCE": self.row.get("resource_id"), "DATASET": self.dataset_id}

    def handleDoubleClick(self):
        self.load()
        return True

    def actions(self, parent):
        load = QAction(translate("DatagouvBrowser", "Load as a layer"), parent)
        load.triggered.connect(lambda: self.load())
        dialog = QAction(translate("DatagouvBrowser", "Open the loading dialog…"), parent)
        dialog.triggered.connect(self.open_dialog)
        copy = QAction(translate("DatagouvBrowser", "Copy the file address"), parent)
        copy.triggered.connect(lambda: QApplication.clipboard().setText(self.row.get("url") or ""))
        return [load, dialog, copy]

    def open_dialog(self) -> None:
        from qgis import processing

        processing.execAlgorithmDialog(ALGORITHM, self.parameters())

    def load(self, background: bool = True) -> Optional[QgsProcessingAlgRunnerTask]:
        """Run the load algorithm (a task in the background, or here) and add its layer to the project."""
        alg = QgsApplication.processingRegistry().createAlgorithmById(ALGORITHM)
        if alg is None:
            _notify(
                translate("DatagouvBrowser", "The Territorial data processing provider is not loaded."),
                Qgis.MessageLevel.Critical,
            )
            return None
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        feedback = ErrorRecordingFeedback()
        output = QgsProcessingOutputLayerDefinition("TEMPORARY_OUTPUT", QgsProject.instance())
        output.destinationName = self.row.get("resource_title") or self.row.get("resource_id")
        parameters = dict(self.parameters(), OUTPUT=output)
        if not background:
            try:
                results, ok = alg.run(parameters, context, feedback)
            except Exception as exc:  # the algorithm's QgsProcessingException
                results, ok = {"error": str(exc)}, False
            loaded(alg, context, feedback, parameters, ok, results)
            return None
        task = QgsProcessingAlgRunnerTask(alg, parameters, context, feedback)
        keep = (task, alg, context, feedback)
        _RUNNING.add(keep)
        task.executed.connect(partial(_finished, keep, parameters))
        QgsApplication.taskManager().addTask(task)
        return task


def _finished(keep, parameters, successful, results):
    _RUNNING.discard(keep)
    _, alg, context, feedback = keep
    loaded(alg, context, feedback, parameters, successful, results)


def failure_message(title: str, results, feedback) -> str:
    """What failed and what to do, for the message bar."""
    errors = [e.strip() for e in getattr(feedback, "errors", []) if e and e.strip()]
    error = (results or {}).get("error") or (errors[-1] if errors else "")
    if not error:
        error = translate("DatagouvBrowser", "no reason was given (see the « {tab} » tab of the log panel)").format(
            tab=log_tag()
        )
    return translate(
        "DatagouvBrowser",
        "Could not load « {title} »: {error} Open its loading dialog (right-click › Open the loading dialog…) to "
        "pick the layer or the format, or copy the file address to check it in a browser.",
    ).format(title=title, error=error.rstrip(".") + ".")


def loaded(alg, context, feedback, parameters, successful, results) -> bool:
    """Add the output layer to the project (with its style and metadata), or say what went wrong."""
    if not successful:
        output = parameters.get("OUTPUT")
        title = getattr(output, "destinationName", "") or parameters.get("RESOURCE") or ""
        _notify(failure_message(title, results, feedback), Qgis.MessageLevel.Warning)
        return False
    try:
        handle_algorithm_results(alg, context, feedback, parameters)  # its signature changed in QGIS 3.40
    except ImportError:  # Processing plugin not loaded: add the layers ourselves
        for layer_id in list(context.layersToLoadOnCompletion()):
            layer = context.takeResultLayer(layer_id)
            if layer is not None:
                QgsProject.instance().addMapLayer(layer)
    return True
