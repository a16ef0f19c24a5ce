"""Table outputs shared by several algorithms: OD tables and import reports (the importers), codes
missing from the zones (flow algorithms), OD pairs not routed (network algorithms)."""

import math

import numpy as np
from qgis.core import QgsCoordinateReferenceSystem, QgsFields, QgsProcessingUtils

from ...compat import FieldType, WkbType, make_field
from ...providers.i18n import translate
from .provenance import provenance_fields, provenance_for

OD_STYLE = "od_table.qml"
REPORT_STYLE = "od_report.qml"
NO_CRS = QgsCoordinateReferenceSystem()

#: QGIS field types of the Python types providers declare for their columns
FIELD_TYPES = {str: FieldType.String, int: FieldType.Int, float: FieldType.Double, bool: FieldType.Bool}


def fields_of(*columns) -> QgsFields:
    """QgsFields from ``(name, QVariant type)`` pairs."""
    fields = QgsFields()
    for name, kind in columns:
        fields.append(make_field(name, kind))
    return fields


def fields_beside(zone_fields: QgsFields, new_fields: QgsFields, feedback, warning: str) -> QgsFields:
    """``zone_fields`` then ``new_fields`` (QGIS suffixes a name already taken); ``warning`` (a
    translated text with ``{names}``) names the suffixed fields."""
    fields = QgsProcessingUtils.combineFields(zone_fields, new_fields)
    renamed = [
        new_fields.at(i).name()
        for i in range(new_fields.count())
        if fields.at(zone_fields.count() + i).name() != new_fields.at(i).name()
    ]
    if renamed:
        feedback.pushWarning(warning.format(names=", ".join(renamed)))
    return fields


def od_fields() -> QgsFields:
    """Fields of an OD table layer (the OD table contract)."""
    text, number = FieldType.String, FieldType.Double
    return fields_of(
        ("origin", text),
        ("destination", text),
        ("flow", number),
        ("mode", text),
        ("category", text),
        ("period", text),
        ("source", text),
        ("licence", text),
        ("retrieved_at", text),
    )


def report_fields() -> QgsFields:
    return fields_of(
        ("code", FieldType.String),
        ("new_code", FieldType.String),
        ("kind", FieldType.String),
        ("flow", FieldType.Double),
        ("dropped", FieldType.Int),
        ("detail", FieldType.String),
    )


def write_shapely_rows(writer, rows, extra=(), multi: bool = False) -> str:
    """Write rows whose last item is a shapely geometry (``extra`` values appended, e.g. the
    provenance); returns the destination id."""
    from .geometry import qgs_geometry

    extra = list(extra)
    for row in rows:
        geometry = qgs_geometry(row[-1])
        if multi and not geometry.isNull():
            geometry.convertToMultiType()
        writer.add_row(list(row[:-1]) + extra, geometry)
    return writer.close()


def _text(value):
    return value if isinstance(value, str) and value != "" else None


def _number(value):
    value = float(value)
    return None if math.isnan(value) else value


def write_od_table(alg, parameters, name, context, feedback, table, title):
    """Write ``table`` (a ``providers.od.ODTable``) to the output ``name``; returns its destination id."""
    frame = table.frame
    writer = alg.create_writer(parameters, name, context, od_fields(), WkbType.NoGeometry, NO_CRS, feedback, len(frame))
    provenance = table.provenance()
    columns = [frame[c].to_numpy() for c in ("origin", "destination", "flow", "mode", "category", "period")]
    for origin, destination, flow, mode, category, period in zip(*columns):
        writer.add_row([origin, destination, _number(flow), _text(mode), _text(category), _text(period)] + provenance)
    dest_id = writer.close()
    alg.finish_output(dest_id, OD_STYLE, table.records, title=title)
    return dest_id


def write_report(alg, parameters, name, context, table, title):
    """Write the import report of ``table`` to the optional output ``name`` (None when not asked)."""
    if parameters.get(name) is None:
        return None
    writer = alg.create_writer(parameters, name, context, report_fields(), WkbType.NoGeometry, NO_CRS)
    for row in table.report.frame().itertuples(index=False):
        writer.add_row([row.code, _text(row.new_code), row.kind, float(row.flow), int(row.dropped), _text(row.detail)])
    dest_id = writer.close()
    alg.finish_output(dest_id, REPORT_STYLE, table.records, title=title)
    return dest_id


def log_import(feedback, table):
    """Log what an import read, wrote and dropped, and check that no flow went missing."""
    for message in table.messages:
        feedback.pushInfo(message)
    report = table.report
    feedback.pushInfo(
        translate(
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
            translate(
                "OdInput",
                "Flow read {read:.3f} differs from flow written plus dropped by {gap:.3f}: please report this.",
            ).format(read=table.flow_in, gap=gap)
        )


def number_text(value) -> str:
    """A flow for a message: '12 345' from 100 up, '3.5' below."""
    return f"{value:,.0f}".replace(",", " ") if abs(value) >= 100 else f"{value:.3g}"


def report_matching(prepared, feedback, missing, total_flow):
    """Log how flow codes were joined to zone codes, and every flow left without a zone."""
    match = prepared.match
    if match.padded:
        first = next(iter(match.padded.items()))
        feedback.pushWarning(
            translate(
                "FlowZones",
                "{count} flow codes joined a zone once their leading zeros were restored or removed (e.g. {old} → "
                "{new}).",
            ).format(count=len(match.padded), old=first[0], new=first[1])
        )
    if match.arrondissements:
        first = next(iter(match.arrondissements.items()))
        feedback.pushInfo(
            translate(
                "FlowZones",
                "{count} Paris, Lyon or Marseille arrondissement codes joined their commune (e.g. {old} → {new}).",
            ).format(count=len(match.arrondissements), old=first[0], new=first[1])
        )
    if len(missing):
        lost = float(prepared.frame.loc[~prepared.known, "flow"].sum())
        details = ", ".join(f"{row.code} ({number_text(row.flow)})" for row in missing.head(10).itertuples())
        feedback.pushWarning(
            translate(
                "FlowZones",
                "{count} codes are not in the zones: {details}{more}. Their {rows} rows, total flow {flow} "
                "({share:.1%} of all flows), are listed in the missing-zones table. Check the zone code field, or "
                "move the flow codes to the zones' COG vintage (territorial:import_mobpro does it).",
            ).format(
                count=len(missing),
                details=details,
                more=" …" if len(missing) > 10 else "",
                rows=int((~prepared.known).sum()),
                flow=number_text(lost),
                share=lost / total_flow if total_flow else 0.0,
            )
        )


def write_missing(alg, parameters, name, context, missing, records, title):
    """The codes of the flows that are not in the zones, with their flow (optional output)."""
    fields = fields_of(
        ("code", FieldType.String),
        ("flow", FieldType.Double),
        ("flow_as_origin", FieldType.Double),
        ("flow_as_destination", FieldType.Double),
        ("rows", FieldType.Int),
        ("reason", FieldType.String),
    )
    for field in provenance_fields():
        fields.append(field)
    writer = alg.create_writer(parameters, name, context, fields, WkbType.NoGeometry, NO_CRS)
    provenance = provenance_for(records)
    for row in missing.itertuples(index=False):
        writer.add_row(
            [
                row.code,
                float(row.flow),
                float(row.flow_as_origin),
                float(row.flow_as_destination),
                int(row.rows),
                row.reason,
            ]
            + provenance
        )
    dest_id = writer.close()
    alg.finish_output(dest_id, None, records, title=title)
    return dest_id


def write_unrouted(alg, parameters, name, context, pairs, reason, detail, records, title, crs=NO_CRS):
    """The OD pairs not routed (``reason`` not empty), with their flow and why (optional output;
    None when not asked)."""
    if parameters.get(name) is None:
        return None
    fields = fields_of(
        ("origin", FieldType.String),
        ("destination", FieldType.String),
        ("flow", FieldType.Double),
        ("reason", FieldType.String),
        ("detail", FieldType.String),
    )
    writer = alg.create_writer(parameters, name, context, fields, WkbType.NoGeometry, crs)
    origins, destinations, flows = pairs["origin"].tolist(), pairs["destination"].tolist(), pairs["flow"].tolist()
    for i in np.flatnonzero(reason != ""):
        writer.add_row([origins[i], destinations[i], float(flows[i]), reason[i], detail[i]])
    dest_id = writer.close()
    alg.finish_output(dest_id, None, records, title=title)
    return dest_id


def write_pairs(alg, parameters, name, context, pairs, index, records, title):
    """Some OD pairs (positions ``index``) with their flow (optional output; None when not asked)."""
    if parameters.get(name) is None:
        return None
    fields = fields_of(("origin", FieldType.String), ("destination", FieldType.String), ("flow", FieldType.Double))
    writer = alg.create_writer(parameters, name, context, fields, WkbType.NoGeometry, NO_CRS)
    for i in index:
        writer.add_row([pairs["origin"].iat[i], pairs["destination"].iat[i], float(pairs["flow"].iat[i])])
    dest_id = writer.close()
    alg.finish_output(dest_id, None, records, title=title)
    return dest_id


def log_not_routed(feedback, summary) -> None:
    """One line per reason a pair was not routed (see ``engine/pairs.py``)."""
    for code, count, flow in summary:
        feedback.pushInfo(
            translate("Pairs", "Not assigned ({reason}): {count} pairs, flow {flow:.1f}.").format(
                reason=code, count=count, flow=flow
            )
        )


def log_routing(feedback, stats) -> None:
    """Where and how the routing ran: the core's size, the cache, this computer or the Dask cluster."""
    if stats.get("core_source") == "disk":
        feedback.pushInfo(translate("Pairs", "Routing core for these zones reused from the cache (no contraction)."))
    values = {
        "nodes": stats.get("core_nodes", 0),
        "arcs": stats.get("core_arcs", 0),
        "workers": stats.get("workers", 1),
        "seconds": stats.get("seconds", 0.0),
    }
    if stats.get("backend") == "dask":
        feedback.pushInfo(
            translate(
                "Pairs",
                "Routing core: {nodes} nodes, {arcs} arcs; on the Dask cluster ({workers} workers), {seconds:.2f} s.",
            ).format(**values)
        )
    else:
        feedback.pushInfo(
            translate(
                "Pairs",
                "Routing core: {nodes} nodes, {arcs} arcs; {workers} process(es) on this computer, {seconds:.2f} s.",
            ).format(**values)
        )
