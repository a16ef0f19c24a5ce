"""Writing the layers an algorithm outputs: nothing lost, nothing half-written.

- **Atomic files.** An output to a file (``out.gpkg``, ``out.shp``, ``ogr:dbname='x.gpkg'
  table="t"``) is written under the same name in a hidden folder beside the target
  (``.out.gpkg.part-<id>/out.gpkg``; for a table added to an existing GeoPackage, a copy of it),
  checked, given its style and metadata, and only then renamed over the target. A run that fails, is
  cancelled or is killed leaves the target as it was (a killed run leaves only the hidden partial
  folder, named as such).
- **Checked writes.** :class:`Writer` writes in batches (``FastInsert``), checks for cancellation
  and moves the progress bar, checks what every ``addFeatures`` returns and the sink's
  ``lastError()``, and counts. When the run ends, the layer written is opened again and must hold
  exactly the features counted, else the run fails: a run never reports more than its output holds.
- **No input ``fid``.** A field named ``fid`` (any case) is written as ``source_fid``: GeoPackage
  takes a ``fid`` field as its feature id, and pieces of one input feature would collide on it
  (``UNIQUE constraint failed``) and be dropped.
- **No stray layer.** The destination is read from the parameter without
  ``parameterAsOutputLayer()``, which would register an extra ``memory:`` layer that the dialog then
  reports as « not generated correctly ».
"""

import json
import os
import re
import shutil
import uuid
from typing import Any, Dict, List, Optional

from qgis.core import (
    QgsDataProvider,
    QgsFeature,
    QgsField,
    QgsFields,
    QgsLayerMetadata,
    QgsProcessingException,
    QgsProcessingOutputLayerDefinition,
    QgsProcessingUtils,
    QgsProperty,
    QgsProviderRegistry,
    QgsVectorLayer,
)

from ...compat import FeatureSinkFlag, save_style_to_database
from ...providers.i18n import translate
from ..feedback import CHECK_EVERY, check_canceled
from . import postgis
from .gpkg_bulk import GpkgTable, RowCopy, SourceTable
from .provenance import layer_metadata

PLUGIN_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
STYLES_DIR = os.path.join(PLUGIN_DIR, "ui", "styles")

_OGR_URI = re.compile(r"""^ogr:dbname='(?P<path>[^']+)'(?P<rest>\s+table=.*)$""", re.S)
_SPECIAL = ("TEMPORARY_OUTPUT", "memory:")


def safe_fields(fields: QgsFields) -> QgsFields:
    """A copy of ``fields`` where a field named ``fid`` (any case) is called ``source_fid``."""
    out = QgsFields()
    names = {fields.at(i).name().lower() for i in range(fields.count())}
    for i in range(fields.count()):
        field = QgsField(fields.at(i))
        if field.name().lower() == "fid":
            new = "source_fid"
            while new in names:
                new = "_" + new
            field.setName(new)
        out.append(field)
    return out


def destination_text(value, context) -> str:
    """The destination a sink parameter's value names (a path, a URI, TEMPORARY_OUTPUT...)."""
    if isinstance(value, QgsProcessingOutputLayerDefinition):
        result = value.sink.valueAsString(context.expressionContext())
        return result[0] if isinstance(result, tuple) else str(result)
    if isinstance(value, QgsProperty):
        result = value.valueAsString(context.expressionContext())
        return result[0] if isinstance(result, tuple) else str(result)
    return "" if value is None else str(value)


def _partial_name(path: str) -> str:
    """The same file name in a hidden folder beside the target: QGIS names the layer (and the
    GeoPackage table) after the file, so the partial file must have the target's very name."""
    folder, name = os.path.split(os.path.abspath(path))
    partial_folder = os.path.join(folder, f".{name}.part-{uuid.uuid4().hex[:10]}")
    os.makedirs(partial_folder)
    return os.path.join(partial_folder, name)


class _Target:
    """One file an output goes to: the partial file written, and the target it replaces."""

    def __init__(self, final: str, partial: str):
        self.final = final
        self.partial = partial
        self.actual = partial  # the file QGIS really wrote (it may add an extension)

    def _bases(self):
        final_actual = self.final + self.actual[len(self.partial) :]
        return os.path.splitext(self.actual)[0], os.path.splitext(final_actual)[0], final_actual

    def siblings(self) -> List[str]:
        """The partial file and its sidecars (shapefile .dbf, .shx, .prj...)."""
        base_partial = self._bases()[0]
        folder = os.path.dirname(self.actual)
        found = [self.actual] if os.path.exists(self.actual) else []
        if os.path.isdir(folder):
            for name in os.listdir(folder):
                path = os.path.join(folder, name)
                if path != self.actual and path.startswith(base_partial + "."):
                    found.append(path)
        return found

    def final_of(self, path: str) -> str:
        """The final name of the partial file or of one of its sidecars."""
        base_partial, base_final, final_actual = self._bases()
        if path != self.actual and path.startswith(base_partial + "."):
            return base_final + path[len(base_partial) :]
        return final_actual

    def commit(self) -> None:
        checkpoint(self.actual)
        for path in sorted(self.siblings(), key=lambda p: p == self.actual):  # the main file last
            os.replace(path, self.final_of(path))
        shutil.rmtree(os.path.dirname(self.partial), ignore_errors=True)

    def discard(self) -> None:
        shutil.rmtree(os.path.dirname(self.partial), ignore_errors=True)


def checkpoint(path: str) -> None:
    """Fold a GeoPackage's write-ahead log into the file, so that the file alone holds the data."""
    if not path.lower().endswith(".gpkg") or not os.path.exists(path + "-wal"):
        return
    import sqlite3

    try:
        connection = sqlite3.connect(path, timeout=10)
        try:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            connection.close()
    except sqlite3.Error:
        pass  # the -wal file is renamed with the GeoPackage: nothing is lost either way


class Writer:
    """Writes the features of one output: batches with ``FastInsert``, a cancel check and progress
    every batch, every write checked, features counted (see the module doc)."""

    def __init__(self, run: "OutputRun", sink, dest_id: str, fields: QgsFields, name: str, feedback, total=None):
        self.run = run
        self.sink = sink
        self.dest_id = dest_id
        self.fields = fields
        self.name = name
        self.feedback = feedback
        self.total = total
        self.count = 0
        self._batch: List[QgsFeature] = []
        self._batch_size = min(CHECK_EVERY, 5000)

    def feature(self, attributes, geometry=None) -> QgsFeature:
        out = QgsFeature(self.fields)
        if geometry is not None:
            out.setGeometry(geometry)
        out.setAttributes(list(attributes))
        return out

    def add_row(self, attributes, geometry=None) -> None:
        self.add(self.feature(attributes, geometry))

    def add(self, feature: QgsFeature) -> None:
        if len(feature.attributes()) != self.fields.count():  # a field name given twice is dropped by QgsFields
            raise QgsProcessingException(
                translate(
                    "Outputs",
                    "The output '{name}' has {fields} fields but a feature has {values} values: please report this.",
                ).format(name=self.name, fields=self.fields.count(), values=len(feature.attributes()))
            )
        self._batch.append(feature)
        if len(self._batch) >= self._batch_size:
            self._flush()

    def add_all(self, features) -> None:
        for feature in features:
            self.add(feature)

    def _flush(self) -> None:
        if not self._batch:
            return
        batch, self._batch = self._batch, []
        ok = self.sink.addFeatures(batch, FeatureSinkFlag.FastInsert)
        if isinstance(ok, tuple):
            ok = ok[0]
        if not ok or self._error():
            self._fail()
        self.count += len(batch)
        if self.feedback is not None:
            check_canceled(self.feedback)
            if self.total:
                self.feedback.setProgress(min(100.0, 100.0 * self.count / self.total))

    def _error(self) -> str:
        return self.sink.lastError() if hasattr(self.sink, "lastError") else ""

    def _fail(self):
        raise QgsProcessingException(
            translate("Outputs", "Writing the output '{name}' failed after {count} features: {error}").format(
                name=self.name,
                count=self.count,
                error=self._error() or translate("Outputs", "the data provider refused the features"),
            )
        )

    def write_all(self, rows) -> None:
        """Every feature at once: ``rows`` yields ``(attributes, QgsGeometry or None)``. Into a GeoPackage
        the run owns, the rows go straight into the table (``outputs/gpkg_bulk.py``); anywhere else
        (memory layers, PostGIS, other formats) through the sink as usual."""
        target = self.run.bulk_target(self.dest_id)
        if target is None or (self.sink is not None and (self._batch or self.count)):
            for attributes, geometry in rows:
                self.add_row(attributes, geometry)
            return
        check_canceled(self.feedback)
        path, table = target
        self.sink = None  # GDAL closes the file: the empty table exists, with its fields and index
        expected = self.fields.count()
        values, geometries = [], []
        for attributes, geometry in rows:
            if len(attributes) != expected:
                self.add(self.feature(attributes))  # raises the clear error
            values.append(attributes)
            if geometry is None or geometry.isNull() or geometry.isEmpty():
                geometries.append(None)
            else:
                box = geometry.boundingBox()
                geometries.append(
                    (bytes(geometry.asWkb()), (box.xMinimum(), box.xMaximum(), box.yMinimum(), box.yMaximum()))
                )
        check_canceled(self.feedback)
        writer = GpkgTable(path, table)
        try:
            self.count += writer.write(values, geometries)
        finally:
            writer.close()
        if self.feedback is not None:
            self.feedback.setProgress(100.0)

    def copy_rows(self, source: SourceTable, copy: RowCopy, rows_for) -> bool:
        """Rows copied from a GeoPackage table as they are (``GpkgTable.copy_from``), then
        ``rows_for(refused)`` (``(attributes, QgsGeometry or None)`` as :meth:`write_all`, for the rows
        of ``copy.skip`` and the source fids the copy refused); False, with nothing written, when this
        output is not a GeoPackage the run owns or does not share the source's spatial reference system:
        write everything with :meth:`write_all` then."""
        target = self.run.bulk_target(self.dest_id)
        if target is None or self._batch or self.count:
            return False
        check_canceled(self.feedback)
        self.sink = None  # GDAL closes the file: the empty table exists, with its fields and index
        table = GpkgTable(*target)
        try:
            if table.srs_id != source.srs_id or not table.geometry_column:
                return False
            count, refused = table.copy_from(source, copy, refresh=False)  # write_all refreshes
            self.count += count
        finally:
            table.close()
        check_canceled(self.feedback)
        self.write_all(rows_for(refused))
        return True

    def close(self) -> str:
        """Flush what is left and release the sink; returns the destination id."""
        self._flush()
        if self.sink is not None and hasattr(self.sink, "flushBuffer") and not self.sink.flushBuffer():
            self._fail()
        self.sink = None
        self.run.expect(self.dest_id, self.count, self.name)
        if self.feedback is not None:
            self.feedback.setProgress(100.0)
        return self.dest_id


class OutputRun:
    """The outputs of one run of an algorithm: their partial files, the counts they must hold, their
    style and metadata, then commit (check, finish, rename) or rollback."""

    def __init__(self, context):
        self.context = context
        self.targets: Dict[str, _Target] = {}  # final path -> target
        self.dest_targets: Dict[str, _Target] = {}  # sink destination id -> target
        self.tables: Dict[str, postgis.PostgisTarget] = {}  # sink destination id -> PostGIS table
        self.expected: Dict[str, tuple] = {}  # destination id -> (count, name)
        self.finishing: List[tuple] = []  # (dest_id, style, records, title, abstract)

    # -- opening ----------------------------------------------------------------------------------
    def open_sink(self, alg, parameters, name, fields, wkb_type, crs):
        """``parameterAsSink`` on a partial file beside the target (see the module doc)."""
        value = parameters.get(name)
        text = destination_text(value, self.context)
        params, target, table = dict(parameters), None, None
        if postgis.is_postgis(text):
            table = postgis.PostgisTarget(text)
            table.check()
            self._redirect(params, name, value, table.partial_destination())
        elif text and not text.startswith(_SPECIAL) and "|" not in text and "://" not in text[:16]:
            match = _OGR_URI.match(text)
            if match:
                final = match.group("path")
                target = self._target(final, copy=os.path.exists(final))
                new_text = f"ogr:dbname='{target.partial}'{match.group('rest')}"
            elif ":" not in text[:8] or os.path.isabs(text) or re.match(r"^[A-Za-z]:[\\/]", text):
                final = os.path.abspath(text)
                target = self._target(final, copy=False)
                new_text = target.partial
            else:
                new_text = None  # another provider (postgis:, spatialite:...): written as it is
            if new_text is not None:
                self._redirect(params, name, value, new_text)
        sink, dest_id = alg.parameterAsSink(params, name, self.context, safe_fields(fields), wkb_type, crs)
        if sink is None:
            raise QgsProcessingException(alg.invalidSinkError(parameters, name))
        if table is not None:
            self.tables[dest_id] = table
        if target is not None:
            actual = dest_id.split("|")[0]
            if actual.startswith(target.partial):
                target.actual = actual
            self.dest_targets[dest_id] = target
        return sink, dest_id

    @staticmethod
    def _redirect(params, name, value, new_text) -> None:
        if isinstance(value, QgsProcessingOutputLayerDefinition):
            definition = QgsProcessingOutputLayerDefinition(value)
            definition.sink = QgsProperty.fromValue(new_text)
            params[name] = definition
        else:
            params[name] = new_text

    def _target(self, final: str, copy: bool) -> _Target:
        if final in self.targets:
            return self.targets[final]
        target = _Target(final, _partial_name(final))
        if copy:
            shutil.copy2(final, target.partial)
        self.targets[final] = target
        return target

    def bulk_target(self, dest_id: str):
        """``(path, table)`` of a GeoPackage output written to a partial file of this run, else None."""
        target = self.dest_targets.get(dest_id)
        if target is None or not target.actual.lower().endswith(".gpkg") or not os.path.exists(target.actual):
            return None
        table = QgsProviderRegistry.instance().decodeUri("ogr", dest_id).get("layerName") or None
        return target.actual, table

    def expect(self, dest_id: str, count: int, name: str) -> None:
        self.expected[dest_id] = (count, name)

    def finish(self, dest_id, style, records, title, abstract) -> None:
        self.finishing.append((dest_id, style, list(records or ()), title, abstract))

    # -- the end of a run -------------------------------------------------------------------------
    def final_id(self, dest_id: str) -> str:
        if dest_id in self.tables:
            return self.tables[dest_id].final_destination()
        target = self.dest_targets.get(dest_id)
        if target is None:
            return dest_id
        actual = dest_id.split("|")[0]
        return target.final_of(actual) + dest_id[len(actual) :]

    def commit(self, results: Dict[str, Any], feedback) -> Dict[str, Any]:
        """Check every output holds what was counted, store style and metadata into GeoPackages,
        rename partial files over their targets; returns the results with the final ids."""
        for dest_id, (count, name) in self.expected.items():
            held = self._feature_count(dest_id)
            if held is not None and held != count:
                raise QgsProcessingException(
                    translate(
                        "Outputs",
                        "The output '{name}' holds {held} features but {count} were written: the data provider lost "
                        "some (see the log above). Nothing was kept; choose another format or file and run again.",
                    ).format(name=name, held=held, count=count)
                )
        finished = []
        for dest_id, style, records, title, abstract in self.finishing:
            style_path = os.path.join(STYLES_DIR, style) if style else None
            if style_path and not os.path.exists(style_path):
                feedback.reportError(f"missing style {style_path}")
                style_path = None
            metadata = layer_metadata(title, records, abstract) if records or title else None
            if dest_id in self.tables:
                table = self.tables[dest_id]
                table.commit(title, json.dumps({"abstract": abstract, "records": list(records)}, default=str))
                if style_path:
                    table.save_style(style_path, localize, feedback)
            elif ".gpkg" in dest_id.lower():
                save_into_gpkg(dest_id, style_path, metadata, feedback)
            finished.append((dest_id, style_path, metadata))
        for dest_id, table in self.tables.items():
            if dest_id not in {item[0] for item in self.finishing}:
                table.commit("", "{}")
        for target in self.targets.values():
            target.commit()
        mapping = {dest_id: self.final_id(dest_id) for dest_id in [*self.dest_targets, *self.tables]}
        self._rekey_layers_to_load(mapping)
        self.finished = [(mapping.get(d, d), s, m) for d, s, m in finished]
        self.targets, self.dest_targets, self.tables = {}, {}, {}
        return {key: mapping.get(value, value) if isinstance(value, str) else value for key, value in results.items()}

    def rollback(self) -> None:
        for target in self.targets.values():
            target.discard()
        for table in self.tables.values():
            table.discard()
        self.targets, self.dest_targets, self.tables = {}, {}, {}

    def _feature_count(self, dest_id: str) -> Optional[int]:
        if dest_id in self.tables:
            return self.tables[dest_id].feature_count(partial=True)
        layer = QgsProcessingUtils.mapLayerFromString(dest_id, self.context, False)
        if layer is None and os.path.exists(dest_id.split("|")[0]):
            layer = QgsVectorLayer(dest_id, "check", "ogr")
        if not isinstance(layer, QgsVectorLayer) or not layer.isValid():
            return None
        count = layer.featureCount()
        return None if count < 0 else int(count)

    def _rekey_layers_to_load(self, mapping: Dict[str, str]) -> None:
        if not mapping:
            return
        layers = self.context.layersToLoadOnCompletion()
        changed = False
        for old, new in mapping.items():
            if old in layers and old != new:
                layers[new] = layers.pop(old)
                changed = True
        if changed:
            self.context.setLayersToLoadOnCompletion(layers)


def save_into_gpkg(dest_id: str, style_path, metadata, feedback) -> None:
    """A GeoPackage output keeps its style (default in layer_styles) and its metadata, so it opens
    styled and documented anywhere."""
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
        localize(layer)
        _drop_style(path, table or "default")
        error = save_style_to_database(layer, table or "default", "Territorial Data", True, "")
        if error:
            feedback.pushWarning(
                translate("Outputs", "Could not store the style in the GeoPackage: {error}").format(error=error)
            )
    del layer  # release the file before the metadata is written through another connection
    if metadata is None or not table:
        return
    metadata = QgsLayerMetadata(metadata)
    metadata.setIdentifier(table)  # gpkg_contents.identifier is unique per GeoPackage
    try:
        ok, error = QgsProviderRegistry.instance().saveLayerMetadata("ogr", f"{path}|layername={table}", metadata)
    except Exception as exc:
        ok, error = False, str(exc)
    if not ok:
        feedback.pushWarning(
            translate("Outputs", "Could not store the metadata in the GeoPackage: {error}").format(error=error)
        )


def _drop_style(path: str, name: str) -> None:
    """Remove a style of that name before saving ours: QGIS asks « overwrite? » in a modal dialog when
    one exists (a table written again into the same GeoPackage), and hangs when nobody can answer."""
    import sqlite3

    try:
        connection = sqlite3.connect(path, timeout=10)
        try:
            with connection:
                connection.execute("DELETE FROM layer_styles WHERE f_table_name = ? AND styleName = ?", (name, name))
        finally:
            connection.close()
    except sqlite3.Error:
        pass  # no layer_styles table yet


def localize(layer) -> None:
    """Legend labels and field aliases of a styled layer in the user's language."""
    try:
        from ...ui.style_i18n import localize_layer
    except ImportError:  # the style translation module is not there yet
        return
    localize_layer(layer)
