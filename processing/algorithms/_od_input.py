"""Reading an OD table layer (the OD table contract) into a pandas DataFrame.

Algorithms that read flows declare ``FLOWS``, ``ORIGIN_FIELD``, ``DESTINATION_FIELD``,
``FLOW_FIELD`` (and ``MODE_FIELD`` where relevant) with :func:`add_od_parameters`, then call
:func:`read_od_table`. Codes come back as strings (an integer field gives ``"95018"``, never
``"95018.0"``); a text flow field holding numbers is accepted (``"4,697"`` too), and a value that is
not a number stops the run with the row and the value named; a NULL or empty flow (a value the
producer suppressed, e.g. Flux Vision) is left out with a warning, never counted as zero. A raw INSEE
file loaded as it is works:
when a field keeps its default name and the layer has no such field, a known alias (``CODGEO``,
``DCLT``, ``NBFLUX_*``, ``ORI``, ``DES``, ``FLOW``, ``IPONDI``...) is used and the log says so.

The frame has the columns ``origin``, ``destination``, ``flow`` (float) and ``mode`` when asked,
and ``frame.attrs``: ``records`` (provenance dicts for layer metadata: from the table's ``source``,
``licence``, ``retrieved_at`` fields when it has them, else the file itself) and ``name``.
"""

import datetime as dt
import math
import os
import re

import pandas as pd
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QCoreApplication, QVariant

from ...providers.errors import Canceled
from ...providers.i18n import translate

FLOWS = "FLOWS"
ORIGIN_FIELD = "ORIGIN_FIELD"
DESTINATION_FIELD = "DESTINATION_FIELD"
FLOW_FIELD = "FLOW_FIELD"
MODE_FIELD = "MODE_FIELD"
MODES = "MODES"

DEFAULTS = {ORIGIN_FIELD: "origin", DESTINATION_FIELD: "destination", FLOW_FIELD: "flow"}
#: field names tried (case-insensitive, in order) when the default name is not in the layer
ALIASES = {
    ORIGIN_FIELD: ("codgeo", "ori", "commune", "zoneorigine", "code_origine", "o"),
    DESTINATION_FIELD: ("dclt", "des", "zonedestination", "code_destination", "d"),
    FLOW_FIELD: ("nbflux_*", "flow", "flux", "ipondi", "volume"),
}


def add_od_parameters(alg, with_mode=False):
    """Declare FLOWS and its field parameters on ``alg`` (call from ``initAlgorithm``)."""
    alg.addParameter(
        QgsProcessingParameterFeatureSource(
            FLOWS, QCoreApplication.translate("OdInput", "Flows (OD table)"), [QgsProcessing.TypeVector]
        )
    )
    labels = {
        ORIGIN_FIELD: QCoreApplication.translate("OdInput", "Origin code field"),
        DESTINATION_FIELD: QCoreApplication.translate("OdInput", "Destination code field"),
        FLOW_FIELD: QCoreApplication.translate("OdInput", "Flow field"),
    }
    for name in (ORIGIN_FIELD, DESTINATION_FIELD, FLOW_FIELD):
        alg.addParameter(
            QgsProcessingParameterField(
                name, labels[name], defaultValue=DEFAULTS[name], parentLayerParameterName=FLOWS, optional=True
            )
        )
    if with_mode:
        alg.addParameter(
            QgsProcessingParameterField(
                MODE_FIELD,
                QCoreApplication.translate("OdInput", "Mode field (optional)"),
                parentLayerParameterName=FLOWS,
                optional=True,
            )
        )


#: zone code fields looked for when none is chosen
ZONE_ALIASES = ("code", "insee_com", "code_insee", "insee", "codgeo", "com", "code_commune", "id")


def zone_code_field(source, wanted, feedback, zones_param="ZONES"):
    """The zones layer's code field: the one chosen (any letter case), else a usual name (code,
    insee_com...); a clear error when there is none, a warning when it holds numbers."""
    name = source.sourceName() or zones_param
    names = [f.name() for f in source.fields()]
    lower = {n.lower(): n for n in names}
    if wanted and wanted.lower() in lower:
        code_field = lower[wanted.lower()]
    elif wanted and wanted != "code":
        raise QgsProcessingException(
            translate(
                "FlowZones", "The zones layer '{layer}' has no field '{field}'. Its fields are: {fields}."
            ).format(layer=name, field=wanted, fields=", ".join(names))
        )
    else:
        code_field = next((lower[a] for a in ZONE_ALIASES if a in lower), None)
        if code_field is None:
            raise QgsProcessingException(
                translate(
                    "FlowZones",
                    "Choose the zone code field: the zones layer '{layer}' has no field named code or insee_com. "
                    "Its fields are: {fields}.",
                ).format(layer=name, fields=", ".join(names))
            )
        feedback.pushInfo(translate("FlowZones", "Zone codes read from the field '{field}'.").format(field=code_field))
    kind = source.fields().field(code_field).type()
    if kind in (QVariant.Int, QVariant.LongLong, QVariant.Double, QVariant.UInt, QVariant.ULongLong):
        feedback.pushWarning(
            translate(
                "FlowZones",
                "The zone code field '{field}' holds numbers: codes such as 01001 lost their leading zero and "
                "Corsica's 2A/2B codes cannot be there. Codes are matched by restoring the zeros; prefer a text field.",
            ).format(field=code_field)
        )
    return code_field


def add_mode_filter(alg, example):
    """The optional ``MODES`` parameter: values of the mode field to keep, comma-separated."""
    alg.addParameter(
        QgsProcessingParameterString(
            MODES,
            translate("OdInput", "Modes to keep (comma-separated values of the mode field, e.g. {example})").format(
                example=example
            ),
            optional=True,
        )
    )


def code_text(value):
    """A code as a string: NULL -> None, 95018 / 95018.0 -> '95018', ' 2a004 ' -> '2A004'."""
    if value is None:
        return None
    if hasattr(value, "isNull") and value.isNull():
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip().upper()
    return text or None


def code_text_raw(value):
    """A text attribute as it is ('' for NULL)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return ""
    return str(value)


_SPACES = re.compile(r"[\s\u00a0\u202f']")


def flow_number(value):
    """A flow as a float, from a number or a text ('1 234,5' and '1234.5' both work); None if not."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = _SPACES.sub("", str(value))
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _is_blank(value):
    """NULL or an empty text (a missing value, as opposed to a text that is not a number)."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return True
    return isinstance(value, str) and not value.strip()


def _resolve_field(alg, parameters, name, context, names, layer_name, required=True):
    value = alg.parameterAsString(parameters, name, context)
    lower = {n.lower(): n for n in names}
    if value and value in names:
        return value, False
    if value and value.lower() in lower:
        return lower[value.lower()], False
    if value and value != DEFAULTS.get(name):
        raise QgsProcessingException(
            QCoreApplication.translate(
                "OdInput",
                "The flows table '{layer}' has no field '{field}'. Its fields are: {fields}. Choose the right field.",
            ).format(layer=layer_name, field=value, fields=", ".join(names))
        )
    if name in ALIASES:
        for alias in ALIASES[name]:
            if alias.endswith("*"):
                found = [n for n in names if n.lower().startswith(alias[:-1])]
                if len(found) == 1:
                    return found[0], True
            elif alias in lower:
                return lower[alias], True
    if not required:
        return None, False
    raise QgsProcessingException(
        QCoreApplication.translate(
            "OdInput",
            "The flows table '{layer}' has no field '{field}' and none of the usual names ({aliases}). "
            "Its fields are: {fields}. Set the field parameter to the column that holds it.",
        ).format(
            layer=layer_name,
            field=value or DEFAULTS.get(name, ""),
            aliases=", ".join(ALIASES.get(name, ())),
            fields=", ".join(names),
        )
    )


def layer_records(triples, layer, layer_name, most=None):
    """Provenance records of an input layer: one per (source, licence, retrieved_at) triple its
    features carry (outputs of the plugin do), else a record of the layer's file."""
    if not triples:
        return [file_record(layer.source() if layer is not None else "", layer_name)]
    return [
        {
            "dataset": "",
            "title": src,
            "producer": src,
            "licence": licence,
            "attribution": src,
            "vintage": "",
            "url": "",
            "retrieved_at": retrieved,
            "sha256": "",
        }
        for src, licence, retrieved in sorted(triples)[:most]
    ]


def file_record(source, layer_name):
    path = source.split("|")[0] if source else ""
    retrieved = ""
    if path and os.path.exists(path):
        stamp = dt.datetime.fromtimestamp(os.path.getmtime(path), dt.timezone.utc).replace(microsecond=0)
        retrieved = stamp.isoformat().replace("+00:00", "Z")
    return {
        "dataset": "",
        "title": layer_name,
        "producer": "",
        "licence": "",
        "attribution": layer_name,
        "vintage": "",
        "url": path,
        "retrieved_at": retrieved,
        "sha256": "",
    }


def read_od_table(alg, parameters, context, feedback, with_mode=False):
    """The FLOWS table as a DataFrame ``origin, destination, flow[, mode]`` (see the module doc)."""
    source = alg.parameterAsSource(parameters, FLOWS, context)
    if source is None:
        raise QgsProcessingException(alg.invalidSourceError(parameters, FLOWS))
    layer_name = source.sourceName() or FLOWS
    names = [field.name() for field in source.fields()]
    origin, o_alias = _resolve_field(alg, parameters, ORIGIN_FIELD, context, names, layer_name)
    destination, d_alias = _resolve_field(alg, parameters, DESTINATION_FIELD, context, names, layer_name)
    flow, f_alias = _resolve_field(alg, parameters, FLOW_FIELD, context, names, layer_name)
    mode = None
    if with_mode:
        mode = alg.parameterAsString(parameters, MODE_FIELD, context) or None
        if mode and mode not in names:
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "OdInput", "The flows table '{layer}' has no field '{field}'. Its fields are: {fields}."
                ).format(layer=layer_name, field=mode, fields=", ".join(names))
            )
    if o_alias or d_alias or f_alias:
        feedback.pushInfo(
            QCoreApplication.translate(
                "OdInput", "Flows table '{layer}': origin = {o}, destination = {d}, flow = {f}."
            ).format(layer=layer_name, o=origin, d=destination, f=flow)
        )
    provenance = [n for n in ("source", "licence", "retrieved_at") if n in names]
    wanted = [origin, destination, flow] + ([mode] if mode else []) + provenance
    request = QgsFeatureRequest().setFlags(QgsFeatureRequest.NoGeometry)
    request.setSubsetOfAttributes(wanted, source.fields())
    idx = [names.index(n) for n in wanted]
    origins, destinations, flows, modes, triples = [], [], [], [], set()
    skipped = 0
    total = source.featureCount() or 0
    for row, feature in enumerate(source.getFeatures(request), start=1):
        if row % 20000 == 0:
            if feedback.isCanceled():
                raise Canceled()
            if total > 0:
                feedback.setProgress(min(99.0, 20.0 * row / total))
        attributes = feature.attributes()
        o = code_text(attributes[idx[0]])
        d = code_text(attributes[idx[1]])
        raw = attributes[idx[2]]
        value = flow_number(raw)
        if o is None or d is None:
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "OdInput",
                    "Flows table '{layer}', row {row} (feature id {fid}): the {which} code is empty. "
                    "Every flow needs an origin and a destination code: fill or remove that row.",
                ).format(
                    layer=layer_name,
                    row=row,
                    fid=feature.id(),
                    which=QCoreApplication.translate("OdInput", "origin")
                    if o is None
                    else QCoreApplication.translate("OdInput", "destination"),
                )
            )
        if value is None and _is_blank(raw):
            skipped += 1  # a value the producer suppressed (Flux Vision) or left empty: missing, not zero
            continue
        if value is None:
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "OdInput",
                    "Flows table '{layer}', row {row} (feature id {fid}): the flow '{value}' in field '{field}' is "
                    "not a number. Fix that row, or choose the field that holds the flow counts.",
                ).format(layer=layer_name, row=row, fid=feature.id(), value="" if raw is None else str(raw), field=flow)
            )
        if value < 0:
            raise QgsProcessingException(
                QCoreApplication.translate(
                    "OdInput",
                    "Flows table '{layer}', row {row} (feature id {fid}): the flow {value} is negative. "
                    "Flows are counts of people or trips: fix that row.",
                ).format(layer=layer_name, row=row, fid=feature.id(), value=value)
            )
        origins.append(o)
        destinations.append(d)
        flows.append(value)
        if mode:
            modes.append(code_text(attributes[idx[3]]) or "")
        if provenance:
            start = 4 if mode else 3  # positions in ``idx``: feature.attributes() keeps every field
            values = {key: attributes[i] for key, i in zip(provenance, idx[start:])}
            triple = tuple(code_text_raw(values.get(key)) for key in ("source", "licence", "retrieved_at"))
            if triple[0]:
                triples.add(triple)
    if skipped:
        feedback.pushWarning(
            QCoreApplication.translate(
                "OdInput",
                "Flows table '{layer}': {count} rows have no flow value (empty, or suppressed by the producer for "
                "confidentiality): they are left out, not counted as zero.",
            ).format(layer=layer_name, count=skipped)
        )
    frame = pd.DataFrame({"origin": origins, "destination": destinations, "flow": pd.Series(flows, dtype="float64")})
    if mode:
        frame["mode"] = modes
    frame.attrs["records"] = layer_records(triples, alg.parameterAsVectorLayer(parameters, FLOWS, context), layer_name)
    frame.attrs["name"] = layer_name
    frame.attrs["fields"] = {"origin": origin, "destination": destination, "flow": flow, "mode": mode}
    return frame


# -- writing OD tables and import reports (the importers' outputs) -----------------------------------

OD_STYLE = "od_table.qml"
REPORT_STYLE = "od_report.qml"


def od_fields():
    """Fields of an OD table layer (the OD table contract)."""
    from qgis.core import QgsField, QgsFields
    from qgis.PyQt.QtCore import QVariant

    fields = QgsFields()
    for name in ("origin", "destination"):
        fields.append(QgsField(name, QVariant.String))
    fields.append(QgsField("flow", QVariant.Double))
    for name in ("mode", "category", "period", "source", "licence", "retrieved_at"):
        fields.append(QgsField(name, QVariant.String))
    return fields


def report_fields():
    from qgis.core import QgsField, QgsFields
    from qgis.PyQt.QtCore import QVariant

    fields = QgsFields()
    for name in ("code", "new_code", "kind"):
        fields.append(QgsField(name, QVariant.String))
    fields.append(QgsField("flow", QVariant.Double))
    fields.append(QgsField("dropped", QVariant.Int))
    fields.append(QgsField("detail", QVariant.String))
    return fields


def _text(value):
    return value if isinstance(value, str) and value != "" else None


def _number(value):
    value = float(value)
    return None if math.isnan(value) else value


def write_od_table(alg, parameters, name, context, feedback, table, title, progress_from=95.0):
    """Write ``table`` (a providers.od.ODTable) to the sink ``name``; returns its destination id."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink, QgsWkbTypes

    fields = od_fields()
    sink, dest_id = alg.create_sink(
        parameters, name, context, fields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem()
    )
    provenance = table.provenance()
    frame = table.frame
    total = max(len(frame), 1)
    batch = []
    columns = [frame[c].to_numpy() for c in ("origin", "destination", "flow", "mode", "category", "period")]
    for row, values in enumerate(zip(*columns), start=1):
        feature = QgsFeature(fields)
        origin, destination, flow, mode, category, period = values
        feature.setAttributes(
            [origin, destination, _number(flow), _text(mode), _text(category), _text(period)] + provenance
        )
        batch.append(feature)
        if len(batch) >= 20000:
            sink.addFeatures(batch, QgsFeatureSink.FastInsert)
            batch = []
            if feedback.isCanceled():
                raise Canceled()
            feedback.setProgress(progress_from + (100.0 - progress_from) * row / total)
    if batch:
        sink.addFeatures(batch, QgsFeatureSink.FastInsert)
    del sink
    alg.finish_output(dest_id, OD_STYLE, table.records, title=title)
    return dest_id


def write_report(alg, parameters, name, context, table, title):
    """Write the import report of ``table`` to the optional sink ``name`` (None when not asked)."""
    from qgis.core import QgsCoordinateReferenceSystem, QgsFeature, QgsFeatureSink, QgsWkbTypes

    if parameters.get(name) is None:
        return None
    fields = report_fields()
    sink, dest_id = alg.create_sink(
        parameters, name, context, fields, QgsWkbTypes.NoGeometry, QgsCoordinateReferenceSystem()
    )
    features = []
    for row in table.report.frame().itertuples(index=False):
        feature = QgsFeature(fields)
        feature.setAttributes(
            [row.code, _text(row.new_code), row.kind, float(row.flow), int(row.dropped), _text(row.detail)]
        )
        features.append(feature)
    sink.addFeatures(features, QgsFeatureSink.FastInsert)
    del sink
    alg.finish_output(dest_id, REPORT_STYLE, table.records, title=title)
    return dest_id


def log_import(alg, feedback, table):
    """Log what an import read, wrote and dropped, and check that no flow went missing."""
    for message in table.messages:
        feedback.pushInfo(message)
    report = table.report
    feedback.pushInfo(
        QCoreApplication.translate(
            "OdInput",
            "{rows} OD lines written, flow {out:.1f}; {moved} codes moved or merged; "
            "flow dropped {dropped:.1f} (see the report).",
        ).format(
            rows=len(table.frame),
            out=table.flow_out(),
            dropped=report.dropped_flow(),
            moved=sum(report.count(k) for k in ("merged", "split", "renamed", "arrondissement aggregated")),
        )
    )
    gap = table.balance()
    if abs(gap) > 1e-6 * max(1.0, abs(table.flow_in)):
        feedback.reportError(
            QCoreApplication.translate(
                "OdInput",
                "Flow read {read:.3f} differs from flow written plus dropped by {gap:.3f}: please report this.",
            ).format(read=table.flow_in, gap=gap)
        )
