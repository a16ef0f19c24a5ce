"""Base class of every ``territorial:`` algorithm.

Subclasses set ``ALGORITHM_ID`` (never changes once released), ``GROUP_ID`` and ``DATASETS``
(catalog ids credited in the help), implement ``displayName``, ``initAlgorithm`` and ``process``
(not ``processAlgorithm``), write their layers through :meth:`TerritorialAlgorithm.create_writer`
and call :meth:`TerritorialAlgorithm.finish_output` for each so that it gets its style and its
provenance metadata. Algorithms import the shared glue (``processing/inputs``,
``processing/outputs``, ``processing/parameters``, ``processing/feedback``), never each other.

What the base class does for them:
- ``tr`` with the class name as context, ``createInstance``, group names, icon;
- ``shortHelpString`` from ``ui/help/<lang>/<id>.html`` plus the sources and licences of
  ``DATASETS``;
- choices: a drop-down shows translated labels, the command line takes the ids (see
  ``processing/parameters.py``);
- errors: provider errors (``HttpError``, ``ServiceError``, ``OfflineError``, ``DataError``) and
  cancellation become a :class:`QgsProcessingException` with the provider's clear message;
- outputs (``processing/outputs/sinks.py``): written to partial files, checked to hold what was
  counted, styled and documented, then renamed over their targets; a failed or cancelled run
  leaves every target as it was.
"""

import gc
import os
from typing import Any, Dict, Iterable, Optional

from qgis.core import (
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingUtils,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication
from qgis.PyQt.QtGui import QIcon

from ...providers import http
from ...providers.catalog import get_dataset
from ...providers.errors import Canceled, DataError
from ...providers.http import HttpError
from ...providers.i18n import localized, ui_language
from ..feedback import check_canceled
from ..outputs.sinks import OutputRun, Writer, localize, safe_fields
from ..parameters import normalized_choices

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UI_DIR = os.path.join(PLUGIN_DIR, "ui")
HELP_DIR = os.path.join(UI_DIR, "help")
ICON_PATH = os.path.join(UI_DIR, "icons", "territorial.svg")


class _LayerFinisher(QgsProcessingLayerPostProcessorInterface):
    """Applies style and metadata to an output layer once QGIS has loaded it."""

    KEEP = set()  # PyQGIS post-processors must be kept alive by Python

    def __init__(self, style_path, metadata):
        super().__init__()
        self.style_path = style_path
        self.metadata = metadata
        _LayerFinisher.KEEP.add(self)

    def postProcessLayer(self, layer, context, feedback):
        apply_style(layer, self.style_path, self.metadata)
        _LayerFinisher.KEEP.discard(self)


def apply_style(layer, style_path, metadata) -> None:
    if style_path:
        layer.loadNamedStyle(style_path)
        localize(layer)
        layer.triggerRepaint()
    if metadata is not None:
        layer.setMetadata(metadata)


class TerritorialAlgorithm(QgsProcessingAlgorithm):
    ALGORITHM_ID = ""
    GROUP_ID = ""
    DATASETS: tuple = ()

    def __init__(self):
        super().__init__()
        self.choice_ids: Dict[str, list] = {}
        self._run: Optional[OutputRun] = None
        self._finished = []

    # -- identity ---------------------------------------------------------------------------------
    def tr(self, text: str) -> str:
        return localized(QCoreApplication.translate(type(self).__name__, text))

    def name(self):
        return self.ALGORITHM_ID

    def groupId(self):
        return self.GROUP_ID

    def group(self):
        labels = {
            "sources": QCoreApplication.translate("TerritorialAlgorithm", "Data sources"),
            "flows": QCoreApplication.translate("TerritorialAlgorithm", "Mobility flows"),
            "networks": QCoreApplication.translate("TerritorialAlgorithm", "Networks"),
            "maps": QCoreApplication.translate("TerritorialAlgorithm", "Maps"),
        }
        return labels.get(self.GROUP_ID, self.GROUP_ID)

    def createInstance(self):
        return type(self)()

    def icon(self):
        return QIcon(ICON_PATH)

    def helpUrl(self):
        return ""

    def shortHelpString(self):
        return self.help_html()

    def help_html(self, lang: Optional[str] = None) -> str:
        lang = lang or ui_language()
        text = ""
        for candidate in (lang, "en"):
            path = os.path.join(HELP_DIR, candidate, f"{self.ALGORITHM_ID}.html")
            if os.path.exists(path):
                with open(path, encoding="utf-8") as handle:
                    text = handle.read().strip()
                break
        if self.DATASETS:
            items = []
            for dataset_id in self.DATASETS:
                info = get_dataset(dataset_id)
                items.append(
                    f"<li>{info.title} — {info.producer}. "
                    + QCoreApplication.translate("TerritorialAlgorithm", "Licence: {licence}.").format(
                        licence=info.licence
                    )
                    + "</li>"
                )
            heading = QCoreApplication.translate("TerritorialAlgorithm", "Sources and licences")
            text += f"<h3>{heading}</h3><ul>{''.join(items)}</ul>"
        return text

    # -- parameters -------------------------------------------------------------------------------
    def checkParameterValues(self, parameters, context):
        """QGIS's checks, with choices given by id (``DIRECTION=gross``) read as their index."""
        return super().checkParameterValues(normalized_choices(self, parameters), context)

    # -- running ----------------------------------------------------------------------------------
    def process(self, parameters, context, feedback) -> Dict[str, Any]:
        raise NotImplementedError

    def processAlgorithm(self, parameters, context, feedback):
        self._run = OutputRun(context)
        self._finished = []
        try:
            with http.log_to(feedback.pushInfo):  # every retry and wait of the HTTP layer in the log
                results = self.process(parameters, context, feedback)
            gc.collect()  # the sinks the run opened are closed (their last references were in process())
            results = self._run.commit(results, feedback)
            self._finished = self._run.finished
            return results
        except QgsProcessingException:
            self._rollback()
            raise
        except Canceled:
            self._rollback()
            raise QgsProcessingException(
                QCoreApplication.translate("TerritorialAlgorithm", "Cancelled: nothing was written.")
            )
        except (HttpError, DataError) as exc:
            self._rollback()
            raise QgsProcessingException(str(exc))
        except BaseException:
            self._rollback()
            raise

    def _rollback(self):
        gc.collect()
        if self._run is not None:
            self._run.rollback()

    def check_canceled(self, feedback) -> None:
        """Call between steps: raises so that the run stops and writes nothing."""
        check_canceled(feedback)

    def create_writer(self, parameters, name, context, fields, geometry_type, crs, feedback=None, total=None) -> Writer:
        """A :class:`Writer` on the output ``name`` (see ``processing/outputs/sinks.py``)."""
        sink, dest_id = self._run.open_sink(self, parameters, name, fields, geometry_type, crs)
        definition = self.parameterDefinition(name)
        label = definition.description() if definition is not None else name
        return Writer(self._run, sink, dest_id, safe_fields(fields), label, feedback, total)

    def finish_output(
        self,
        dest_id: str,
        style: Optional[str] = None,
        records: Iterable[Dict[str, Any]] = (),
        title: str = "",
        abstract: str = "",
    ) -> None:
        """Ask for style and metadata on this output once its writer is closed."""
        self._run.finish(dest_id, style, records, title or self.displayName(), abstract)

    def postProcessAlgorithm(self, context, feedback):
        for dest_id, style_path, metadata in self._finished:
            if ".gpkg" not in dest_id.lower():
                layer = QgsProcessingUtils.mapLayerFromString(dest_id, context, False)
                if isinstance(layer, QgsVectorLayer) and layer.isValid():
                    apply_style(layer, style_path, metadata)
            if context.willLoadLayerOnCompletion(dest_id):
                details = context.layerToLoadOnCompletionDetails(dest_id)
                details.setPostProcessor(_LayerFinisher(style_path, metadata))
        self._finished = []
        return {}
