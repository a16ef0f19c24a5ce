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

import numpy as np
import pandas as pd
from qgis.core import (
    QgsFeatureRequest,
    QgsProcessingException,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsProcessingParameterString,
)

from ...compat import FeatureRequestFlag, ProcessingSourceType
from ...providers import modes
from ...providers.i18n import translate
from ..feedback import CHECK_EVERY, check_canceled
from ..outputs.provenance import layer_records, provenance_indexes, provenance_triple
from .values import code_text, delimited_text_path, is_blank, number, short

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
            FLOWS, translate("OdInput", "Flows (OD table)"), [ProcessingSourceType.Vector]
        )
    )
    labels = {
        ORIGIN_FIELD: translate("OdInput", "Origin code field"),
        DESTINATION_FIELD: translate("OdInput", "Destination code field"),
        FLOW_FIELD: translate("OdInput", "Flow field"),
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
                translate("OdInput", "Mode field (optional)"),
                parentLayerParameterName=FLOWS,
                optional=True,
            )
        )


#: zone code fields looked for when none is chosen


def add_mode_filter(alg):
    """The optional ``MODES`` parameter: the modes to keep (keys of ``providers/modes.py``, the words
    for them, or raw values of the mode field), comma-separated."""
    param = QgsProcessingParameterString(
        MODES,
        translate("OdInput", "Modes to keep (comma-separated, e.g. car or non_motorised; empty: all)"),
        optional=True,
    )
    param.setHelp(
        translate(
            "OdInput",
            "The modes written by the importers: {keys}; the words for them (voiture, vélo, VP, TC, NM...) or "
            "the raw values of the mode field work too. non_motorised also keeps walk and bike.",
        ).format(keys=modes.example())
    )
    alg.addParameter(param)


def _resolve_field(alg, parameters, name, context, names, layer_name, required=True):
    value = alg.parameterAsString(parameters, name, context)
    lower = {n.lower(): n for n in names}
    if value and value in names:
        return value, False
    if value and value.lower() in lower:
        return lower[value.lower()], False
    if value and value != DEFAULTS.get(name):
        raise QgsProcessingException(
            translate(
                "OdInput",
                "The flows table '{layer}' has no field '{field}'. Its fields are: {fields}. Choose the right field.",
            ).format(layer=layer_name, field=short(value), fields=", ".join(short(n) for n in names))
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
        translate(
            "OdInput",
            "The flows table '{layer}' has no field '{field}' and none of the usual names ({aliases}). "
            "Its fields are: {fields}. Set the field parameter to the column that holds it.",
        ).format(
            layer=layer_name,
            field=short(value or DEFAULTS.get(name, "")),
            aliases=", ".join(ALIASES.get(name, ())),
            fields=", ".join(short(n) for n in names),
        )
    )


def read_od_table(alg, parameters, context, feedback, with_mode=False):
    """The FLOWS table as a DataFrame ``origin, destination, flow[, mode]`` (see the module doc)."""
    source = alg.parameterAsSource(parameters, FLOWS, context)
    if source is None:
        raise QgsProcessingException(alg.invalidSourceError(parameters, FLOWS))
    layer_name = source.sourceName() or FLOWS
    path = delimited_text_path(alg, parameters, FLOWS, context)
    if path:
        return _read_text_file(alg, parameters, context, feedback, with_mode, path, layer_name)
    names = [field.name() for field in source.fields()]
    origin, destination, flow, mode = _chosen_fields(alg, parameters, context, feedback, names, layer_name, with_mode)
    prov_index = provenance_indexes(source.fields())
    wanted = [origin, destination, flow] + ([mode] if mode else [])
    idx = [names.index(n) for n in wanted]
    request = QgsFeatureRequest().setFlags(FeatureRequestFlag.NoGeometry)
    request.setSubsetOfAttributes(idx + list(prov_index.values()))
    origins, destinations, flows, mode_values, triples = [], [], [], [], set()
    skipped = 0
    total = source.featureCount() or 0
    for row, feature in enumerate(source.getFeatures(request), start=1):
        if row % CHECK_EVERY == 0:
            check_canceled(feedback)
            if total > 0:
                feedback.setProgress(min(99.0, 100.0 * row / total))
        attributes = feature.attributes()
        o = code_text(attributes[idx[0]])
        d = code_text(attributes[idx[1]])
        raw = attributes[idx[2]]
        value = number(raw)
        if o is None or d is None:
            raise QgsProcessingException(
                translate(
                    "OdInput",
                    "Flows table '{layer}', row {row} (feature id {fid}): the {which} code is empty. "
                    "Every flow needs an origin and a destination code: fill or remove that row.",
                ).format(
                    layer=layer_name,
                    row=row,
                    fid=feature.id(),
                    which=translate("OdInput", "origin") if o is None else translate("OdInput", "destination"),
                )
            )
        if value is None and is_blank(raw):
            skipped += 1  # a value the producer suppressed (Flux Vision) or left empty: missing, not zero
            continue
        if value is None:
            raise QgsProcessingException(
                translate(
                    "OdInput",
                    "Flows table '{layer}', row {row} (feature id {fid}): the flow '{value}' in field '{field}' is "
                    "not a number. Fix that row, or choose the field that holds the flow counts.",
                ).format(
                    layer=layer_name, row=row, fid=feature.id(), value=short("" if raw is None else raw), field=flow
                )
            )
        if value < 0:
            raise QgsProcessingException(
                translate(
                    "OdInput",
                    "Flows table '{layer}', row {row} (feature id {fid}): the flow {value} is negative. "
                    "Flows are counts of people or trips: fix that row.",
                ).format(layer=layer_name, row=row, fid=feature.id(), value=value)
            )
        origins.append(o)
        destinations.append(d)
        flows.append(value)
        if mode:
            mode_values.append(code_text(attributes[idx[3]]) or "")
        triple = provenance_triple(prov_index, attributes)
        if triple:
            triples.add(triple)
    _warn_blank_flows(feedback, layer_name, skipped)
    frame = pd.DataFrame({"origin": origins, "destination": destinations, "flow": pd.Series(flows, dtype="float64")})
    if mode:
        frame["mode"] = mode_values
    frame.attrs["records"] = layer_records(triples, alg.parameterAsVectorLayer(parameters, FLOWS, context), layer_name)
    feedback.setProgress(100.0)
    frame.attrs["name"] = layer_name
    frame.attrs["fields"] = {"origin": origin, "destination": destination, "flow": flow, "mode": mode}
    return frame


def _chosen_fields(alg, parameters, context, feedback, names, layer_name, with_mode):
    """(origin, destination, flow, mode or None) column names, resolved like the fields of a layer."""
    origin, o_alias = _resolve_field(alg, parameters, ORIGIN_FIELD, context, names, layer_name)
    destination, d_alias = _resolve_field(alg, parameters, DESTINATION_FIELD, context, names, layer_name)
    flow, f_alias = _resolve_field(alg, parameters, FLOW_FIELD, context, names, layer_name)
    mode = None
    wanted_mode = alg.parameterAsString(parameters, MODE_FIELD, context) if with_mode else ""
    if wanted_mode:
        mode = {n.lower(): n for n in names}.get(wanted_mode.lower())
        if mode is None:
            raise QgsProcessingException(
                translate(
                    "OdInput", "The flows table '{layer}' has no field '{field}'. Its fields are: {fields}."
                ).format(layer=layer_name, field=short(wanted_mode), fields=", ".join(short(n) for n in names))
            )
    if o_alias or d_alias or f_alias:
        feedback.pushInfo(
            translate("OdInput", "Flows table '{layer}': origin = {o}, destination = {d}, flow = {f}.").format(
                layer=layer_name, o=origin, d=destination, f=flow
            )
        )
    return origin, destination, flow, mode


def _warn_blank_flows(feedback, layer_name, skipped) -> None:
    if skipped:
        feedback.pushWarning(
            translate(
                "OdInput",
                "Flows table '{layer}': {count} rows have no flow value (empty, or suppressed by the producer for "
                "confidentiality): they are left out, not counted as zero.",
            ).format(layer=layer_name, count=skipped)
        )


_BLANKS = r"[\s\u00a0\u202f']"


def _read_text_file(alg, parameters, context, feedback, with_mode, path, layer_name):
    """``read_od_table`` for a delimited text file, column by column (same rules as for a layer's
    features, with the file's own line numbers in the messages)."""
    from ...providers import textfile

    table = textfile.open_table(path)
    for warning in table.warnings:
        feedback.pushWarning(warning)
    names = list(table.columns)
    origin, destination, flow, mode = _chosen_fields(alg, parameters, context, feedback, names, layer_name, with_mode)
    wanted = [origin, destination, flow] + ([mode] if mode else [])
    provenance = [n for n in names if n.lower() in ("source", "licence", "retrieved_at")]
    indexes = [names.index(n) for n in wanted + provenance]
    parts, firsts, size = [], [], max(1, table.size())
    for first, chunk in table.chunks(indexes):
        check_canceled(feedback)
        feedback.setProgress(min(99.0, 100.0 * table.position / size))
        parts.append(chunk)
        firsts.append((first, len(chunk)))  # not in chunk.attrs: pandas deep-copies attrs on concat
    if not parts:
        frame = pd.DataFrame({"origin": [], "destination": [], "flow": pd.Series([], dtype="float64")})
        frame.attrs.update(records=_file_records(alg, parameters, context, set(), layer_name), name=layer_name)
        return frame
    data = pd.concat(parts, ignore_index=True)
    lines = _LineNumbers(firsts)
    codes = {}
    for role, column in (("origin", origin), ("destination", destination)):
        values = data[column].astype(str).str.strip().str.upper()
        empty = values == ""
        if empty.any():
            row = int(empty.to_numpy().argmax())
            raise QgsProcessingException(
                translate(
                    "OdInput",
                    "'{file}', line {line}: the {which} code is empty. Every flow needs an origin and a destination "
                    "code: fill or remove that line.",
                ).format(
                    file=layer_name,
                    line=lines[row],
                    which=translate("OdInput", "origin") if role == "origin" else translate("OdInput", "destination"),
                )
            )
        codes[role] = values
    raw = data[flow].astype(str)
    cleaned = raw.str.replace(_BLANKS, "", regex=True)
    comma = cleaned.str.contains(",", regex=False) & ~cleaned.str.contains(".", regex=False)
    cleaned = cleaned.where(~comma, cleaned.str.replace(",", ".", regex=False))
    blank = cleaned == ""
    values = pd.to_numeric(cleaned.where(~blank, "0"), errors="coerce").to_numpy(dtype="float64")
    bad = ~blank.to_numpy() & ~np.isfinite(values)
    if bad.any():
        row = int(bad.argmax())
        raise QgsProcessingException(
            translate(
                "OdInput",
                "'{file}', line {line}: the flow '{value}' in column '{field}' is not a number. Fix that line, or "
                "choose the column that holds the flow counts.",
            ).format(file=layer_name, line=lines[row], value=short(raw.iat[row]), field=short(flow))
        )
    negative = ~blank.to_numpy() & (values < 0)
    if negative.any():
        row = int(negative.argmax())
        raise QgsProcessingException(
            translate(
                "OdInput",
                "'{file}', line {line}: the flow {value} is negative. Flows are counts of people or trips: fix that "
                "line.",
            ).format(file=layer_name, line=lines[row], value=values[row])
        )
    keep = ~blank.to_numpy()
    skipped = int(blank.sum())
    _warn_blank_flows(feedback, layer_name, skipped)
    frame = pd.DataFrame(
        {
            "origin": codes["origin"].to_numpy()[keep],
            "destination": codes["destination"].to_numpy()[keep],
            "flow": values[keep],
        }
    )
    if mode:
        frame["mode"] = data[mode].astype(str).str.strip().str.upper().to_numpy()[keep]
    triples = set()
    if provenance:
        by_name = {n.lower(): data[n].astype(str) for n in provenance}
        empty = pd.Series([""] * len(data))
        keys = [by_name.get(k, empty) for k in ("source", "licence", "retrieved_at")]
        for triple in set(zip(*(k.tolist() for k in keys))):
            if triple[0]:
                triples.add(triple)
    frame.attrs["records"] = _file_records(alg, parameters, context, triples, layer_name)
    frame.attrs["name"] = layer_name
    frame.attrs["fields"] = {"origin": origin, "destination": destination, "flow": flow, "mode": mode}
    feedback.setProgress(100.0)
    return frame


class _LineNumbers:
    """The file's own line number of a row of the chunks (found when a message needs it)."""

    def __init__(self, firsts):
        self.firsts = firsts  # (first line of a chunk, its rows)

    def __getitem__(self, row: int) -> int:
        from ...providers.textfile import line_at

        for first, rows in self.firsts:
            if row < rows:
                return line_at(first, row)
            row -= rows
        raise IndexError(row)


def _file_records(alg, parameters, context, triples, layer_name):
    return layer_records(triples, alg.parameterAsVectorLayer(parameters, FLOWS, context), layer_name)
