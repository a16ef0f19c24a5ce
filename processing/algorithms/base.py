"""Base class of every ``territorial:`` algorithm, and the glue they share.

Subclasses set ``ALGORITHM_ID`` (never changes once released), ``GROUP_ID`` and ``DATASETS``
(catalog ids credited in the help), implement ``displayName``, ``initAlgorithm`` and ``process``
(not ``processAlgorithm``), and call :meth:`TerritorialAlgorithm.finish_output` for each layer
they write so that it gets its style and its provenance metadata.

What the base class does for them:
- ``tr`` with the class name as context, ``createInstance``, group names, icon;
- ``shortHelpString`` from ``ui/help/<lang>/<id>.html`` plus the sources and licences of
  ``DATASETS``;
- errors: provider errors (``HttpError``, ``ServiceError``, ``OfflineError``, ``providers.errors.DataError``) and
  cancellation become a :class:`QgsProcessingException` with the provider's clear message, and
  files the run created are removed, so a failed or cancelled run leaves no half-written output;
- outputs: QML style, ``QgsLayerMetadata`` (provenance) saved into a GeoPackage output (default
  style in ``layer_styles``, metadata in the GeoPackage) and applied to the layer loaded in QGIS.
"""

import os
from typing import Any, Dict, Iterable, List, Optional

from qgis.core import (
    QgsDataProvider,
    QgsField,
    QgsFields,
    QgsLayerMetadata,
    QgsProcessingAlgorithm,
    QgsProcessingException,
    QgsProcessingLayerPostProcessorInterface,
    QgsProcessingUtils,
    QgsProviderRegistry,
    QgsVectorLayer,
)
from qgis.PyQt.QtCore import QCoreApplication, QVariant
from qgis.PyQt.QtGui import QIcon

from ...providers.cache import OfflineError  # noqa: F401 (re-exported)
from ...providers.catalog import get_dataset
from ...providers.errors import Canceled, DataError
from ...providers.http import HttpError
from ...providers.i18n import ui_language

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
UI_DIR = os.path.join(PLUGIN_DIR, "ui")
STYLES_DIR = os.path.join(UI_DIR, "styles")
HELP_DIR = os.path.join(UI_DIR, "help")
ICON_PATH = os.path.join(UI_DIR, "icons", "territorial.svg")


def cancel_check(feedback):
    """A callable for the providers' ``cancel`` hook, driven by Processing feedback."""
    if feedback is None:
        return None
    return feedback.isCanceled


PROVENANCE_FIELDS = ("source", "licence", "retrieved_at")


def provenance_fields() -> QgsFields:
    fields = QgsFields()
    for name in PROVENANCE_FIELDS:
        fields.append(QgsField(name, QVariant.String))
    return fields


def provenance_values(record: Dict[str, Any]) -> List[str]:
    return [
        record.get("attribution") or record.get("title", ""),
        record.get("licence", ""),
        record.get("retrieved_at", ""),
    ]


def layer_metadata(title: str, records: Iterable[Dict[str, Any]], abstract: str = "") -> QgsLayerMetadata:
    """Layer metadata carrying the provenance of every record (one per dataset used)."""
    metadata = QgsLayerMetadata()
    metadata.setTitle(title)
    metadata.setIdentifier(title)
    metadata.setLanguage(ui_language())
    records = list(records)
    lines = [abstract] if abstract else []
    rights, licences, history = [], [], []
    for record in records:
        lines.append(
            QCoreApplication.translate(
                "TerritorialAlgorithm", "Source: {title} — {producer}. Vintage: {vintage}. Retrieved: {date}."
            ).format(
                title=record.get("title", ""),
                producer=record.get("producer", ""),
                vintage=record.get("vintage") or "—",
                date=record.get("retrieved_at", ""),
            )
        )
        if record.get("attribution") and record["attribution"] not in rights:
            rights.append(record["attribution"])
        if record.get("licence") and record["licence"] not in licences:
            licences.append(record["licence"])
        history.append(
            f"{record.get('retrieved_at', '')} {record.get('url', '')} sha256={record.get('sha256', '')}".strip()
        )
        if record.get("url"):
            link = QgsLayerMetadata.Link(record.get("title", "source"), "WWW:LINK", record["url"])
            metadata.addLink(link)
    metadata.setAbstract("\n".join(lines))
    metadata.setRights(rights)
    metadata.setLicenses(licences)
    metadata.setHistory(history)
    metadata.setKeywords({"territorial_data": [r.get("dataset", "") for r in records]})
    return metadata


class _LayerFinisher(QgsProcessingLayerPostProcessorInterface):
    """Applies style and metadata to an output layer once QGIS has loaded it."""

    KEEP = set()  # PyQGIS post-processors must be kept alive by Python

    def __init__(self, style_path: Optional[str], metadata: Optional[QgsLayerMetadata]):
        super().__init__()
        self.style_path = style_path
        self.metadata = metadata
        _LayerFinisher.KEEP.add(self)

    def postProcessLayer(self, layer, context, feedback):
        if self.style_path:
            layer.loadNamedStyle(self.style_path)
            layer.triggerRepaint()
        if self.metadata is not None:
            layer.setMetadata(self.metadata)
        _LayerFinisher.KEEP.discard(self)


class TerritorialAlgorithm(QgsProcessingAlgorithm):
    ALGORITHM_ID = ""
    GROUP_ID = ""
    DATASETS: tuple = ()

    def __init__(self):
        super().__init__()
        self._outputs: List[tuple] = []
        self._created: List[str] = []

    # -- identity ---------------------------------------------------------------------------------
    def tr(self, text: str) -> str:
        return QCoreApplication.translate(type(self).__name__, text)

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

    # -- running ----------------------------------------------------------------------------------
    def process(self, parameters, context, feedback) -> Dict[str, Any]:
        raise NotImplementedError

    def processAlgorithm(self, parameters, context, feedback):
        self._outputs = []
        self._created = []
        try:
            return self.process(parameters, context, feedback)
        except QgsProcessingException:
            self._remove_created()
            raise
        except Canceled:
            self._remove_created()
            raise QgsProcessingException(
                QCoreApplication.translate("TerritorialAlgorithm", "Cancelled: nothing was written.")
            )
        except (HttpError, DataError) as exc:
            self._remove_created()
            raise QgsProcessingException(str(exc))
        except BaseException:
            self._remove_created()
            raise

    def check_canceled(self, feedback) -> None:
        """Call between steps: raises so that the run stops and writes nothing."""
        if feedback is not None and feedback.isCanceled():
            raise Canceled()

    def create_sink(self, parameters, name, context, fields, geometry_type, crs):
        """``parameterAsSink`` that remembers new files, removed again if the run fails."""
        destination = self.parameterAsOutputLayer(parameters, name, context)
        path = destination.split("|")[0] if destination else ""
        existed = bool(path) and os.path.exists(path)
        sink, dest_id = self.parameterAsSink(parameters, name, context, fields, geometry_type, crs)
        if sink is None:
            raise QgsProcessingException(self.invalidSinkError(parameters, name))
        if path and not existed and os.path.exists(path):
            self._created.append(path)
        return sink, dest_id

    def write_rows(self, sink, fields, rows, feedback, extra=(), multi: bool = False, progress=(90.0, 100.0)) -> int:
        """Write rows whose last item is a shapely geometry (``extra`` values appended, e.g. the
        provenance), checking cancel and moving the progress bar from ``progress[0]`` to ``[1]``."""
        from qgis.core import QgsFeature

        extra = list(extra)
        total = len(rows) or 1
        start, end = progress
        for index, row in enumerate(rows):
            if index % 1000 == 0:
                self.check_canceled(feedback)
                feedback.setProgress(start + (end - start) * index / total)
            feature = QgsFeature(fields)
            geometry = qgs_geometry(row[-1])
            if multi and not geometry.isNull():
                geometry.convertToMultiType()
            feature.setGeometry(geometry)
            feature.setAttributes(list(row[:-1]) + extra)
            sink.addFeature(feature)
        feedback.setProgress(end)
        return len(rows)

    def _remove_created(self):
        for path in self._created:
            for suffix in ("", "-wal", "-shm", "-journal"):
                try:
                    os.remove(path + suffix)
                except OSError:
                    pass
        self._created = []

    def finish_output(
        self,
        dest_id: str,
        style: Optional[str] = None,
        records: Iterable[Dict[str, Any]] = (),
        title: str = "",
        abstract: str = "",
    ) -> None:
        """Ask for style and metadata on this output once the sinks are closed."""
        self._outputs.append((dest_id, style, list(records), title, abstract))

    def postProcessAlgorithm(self, context, feedback):
        for dest_id, style, records, title, abstract in self._outputs:
            style_path = os.path.join(STYLES_DIR, style) if style else None
            if style_path and not os.path.exists(style_path):
                feedback.reportError(f"missing style {style_path}")
                style_path = None
            metadata = layer_metadata(title or self.displayName(), records, abstract) if records else None
            if ".gpkg" in dest_id.lower():
                self._save_into_gpkg(dest_id, style_path, metadata, feedback)
            else:
                layer = QgsProcessingUtils.mapLayerFromString(dest_id, context)
                if isinstance(layer, QgsVectorLayer) and layer.isValid():
                    if style_path:
                        layer.loadNamedStyle(style_path)
                    if metadata is not None:
                        layer.setMetadata(metadata)
            if context.willLoadLayerOnCompletion(dest_id):
                details = context.layerToLoadOnCompletionDetails(dest_id)
                details.setPostProcessor(_LayerFinisher(style_path, metadata))
        self._outputs = []
        return {}

    def _save_into_gpkg(self, dest_id: str, style_path, metadata, feedback) -> None:
        """A GeoPackage output keeps its style (default in layer_styles) and its metadata, so it
        opens styled and documented anywhere."""
        layer = QgsVectorLayer(dest_id, "", "ogr")
        if not layer.isValid():
            return
        path = layer.source().split("|")[0]
        table = QgsProviderRegistry.instance().decodeUri("ogr", layer.source()).get("layerName")
        if not table:
            sublayers = layer.dataProvider().subLayers()
            table = sublayers[0].split(QgsDataProvider.sublayerSeparator())[1] if sublayers else ""
        if style_path:
            layer.loadNamedStyle(style_path)
            error = layer.saveStyleToDatabase(table or "default", "Territorial Data", True, "")
            if error:
                feedback.pushWarning(
                    QCoreApplication.translate(
                        "TerritorialAlgorithm", "Could not store the style in the GeoPackage: {error}"
                    ).format(error=error)
                )
        del layer  # release the file before the metadata is written through another connection
        if metadata is None or not table:
            return
        metadata = QgsLayerMetadata(metadata)
        metadata.setIdentifier(table)  # gpkg_contents.identifier is unique per GeoPackage
        try:
            ok, error = QgsProviderRegistry.instance().saveLayerMetadata("ogr", f"{path}|layername={table}", metadata)
        except Exception as exc:  # QgsNotSupportedException on odd sources
            ok, error = False, str(exc)
        if not ok:
            feedback.pushWarning(
                QCoreApplication.translate(
                    "TerritorialAlgorithm", "Could not store the metadata in the GeoPackage: {error}"
                ).format(error=error)
            )


def qgs_geometry(geom):
    """A QgsGeometry from a shapely geometry (through WKB; works with shapely 1.8 and 2.x)."""
    from qgis.core import QgsGeometry

    if geom is None or geom.is_empty:
        return QgsGeometry()
    result = QgsGeometry()
    result.fromWkb(geom.wkb)
    return result


def enum_value(alg, parameters, name, context, options):
    """The static string of an enum parameter (``options`` is its list of values)."""
    value = alg.parameterAsEnumString(parameters, name, context)
    if value in options:
        return value
    index = alg.parameterAsEnum(parameters, name, context)
    return options[index]
