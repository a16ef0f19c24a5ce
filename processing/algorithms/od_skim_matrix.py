"""territorial:od_skim_matrix — network distance and time between zones.

Pairs that cannot be measured get the same status as in ``territorial:assign_flows`` (see
``processing/engine/pairs.py``): ``intrazonal``, ``same_node``, ``origin_too_far``... and ``ok``
for the others.
"""

import numpy as np
import pandas as pd
from qgis.core import (
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
)

from ...compat import FieldType, ProcessingSourceType, WkbType, make_field
from ..engine.flowlines import match_codes
from ..engine.pairs import classify_pairs, mark_no_path
from ..engine.skim import skim
from ..feedback import CHECK_EVERY, Steps, cancel_check, check_canceled, fraction_callback
from ..inputs.network import add_network_parameters, read_network
from ..inputs.values import code_text
from ..inputs.zones import MAX_CONNECTOR_DISTANCE, add_zone_parameters, attach_zones, read_zones
from .base import TerritorialAlgorithm

MAX_ALL_PAIRS = 4_000_000


class OdSkimMatrix(TerritorialAlgorithm):
    ALGORITHM_ID = "od_skim_matrix"
    GROUP_ID = "networks"
    DATASETS = ()

    FLOWS = "FLOWS"
    ORIGIN_FIELD = "ORIGIN_FIELD"
    DESTINATION_FIELD = "DESTINATION_FIELD"
    OUTPUT = "OUTPUT"

    def displayName(self):
        return self.tr("OD skim matrix (network distance and time)")

    def shortDescription(self):
        return self.tr(
            "Shortest-path distance and time on a line network between zones: all pairs, or the pairs of an OD table."
        )

    def initAlgorithm(self, config=None):
        add_network_parameters(self)
        add_zone_parameters(self, connectors=True)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.FLOWS, self.tr("OD table (optional: else all pairs)"), [ProcessingSourceType.Vector], optional=True
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.ORIGIN_FIELD,
                self.tr("Origin code field"),
                defaultValue="origin",
                parentLayerParameterName=self.FLOWS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterField(
                self.DESTINATION_FIELD,
                self.tr("Destination code field"),
                defaultValue="destination",
                parentLayerParameterName=self.FLOWS,
                optional=True,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Skim matrix"), ProcessingSourceType.Vector)
        )

    def _pairs(self, parameters, context, zones, feedback):
        source = self.parameterAsSource(parameters, self.FLOWS, context)
        if source is None:
            n = len(zones.codes)
            if n * n > MAX_ALL_PAIRS:
                raise QgsProcessingException(
                    self.tr(
                        "{n} zones make {pairs} pairs: too many for one table. Give an OD table with the pairs you "
                        "need."
                    ).format(n=n, pairs=n * n)
                )
            codes = np.array(zones.codes, dtype=object)
            return pd.DataFrame({"origin": np.repeat(codes, n), "destination": np.tile(codes, n)})
        names = source.fields().names()
        lower = {x.lower(): x for x in names}
        wanted = []
        for param, aliases in (
            (self.ORIGIN_FIELD, ("origin", "ori", "codgeo")),
            (self.DESTINATION_FIELD, ("destination", "des", "dclt")),
        ):
            value = self.parameterAsString(parameters, param, context)
            if value and value in names:
                wanted.append(value)
                continue
            found = next((lower[a] for a in ((value.lower(),) if value else ()) + aliases if a in lower), None)
            if found is None:
                raise QgsProcessingException(
                    self.tr("The OD table has no field '{field}'. Its fields are: {fields}.").format(
                        field=value, fields=", ".join(names)
                    )
                )
            wanted.append(found)
        o_idx, d_idx = names.index(wanted[0]), names.index(wanted[1])
        rows = set()
        for count, feature in enumerate(source.getFeatures()):
            if count % CHECK_EVERY == 0:
                check_canceled(feedback)
            attrs = feature.attributes()
            o, d = code_text(attrs[o_idx]), code_text(attrs[d_idx])
            if o is not None and d is not None:
                rows.add((o, d))
        frame = pd.DataFrame(sorted(rows), columns=["origin", "destination"])
        codes = pd.unique(pd.concat([frame["origin"], frame["destination"]], ignore_index=True))
        match = match_codes(codes, zones.codes)
        frame["origin"] = frame["origin"].map(match.mapping)
        frame["destination"] = frame["destination"].map(match.mapping)
        return frame.drop_duplicates().reset_index(drop=True)

    def process(self, parameters, context, feedback):
        steps = Steps(feedback, 5)
        model = read_network(self, parameters, context, steps.next())
        zones = attach_zones(
            self, parameters, context, feedback, read_zones(self, parameters, context, steps.next(), model.crs), model
        )
        pairs = self._pairs(parameters, context, zones, steps.next())
        position = zones.index()
        pairs["o"] = pairs["origin"].map(position).fillna(-1).astype(np.int64)
        pairs["d"] = pairs["destination"].map(position).fillna(-1).astype(np.int64)
        max_distance = self.parameterAsDouble(parameters, MAX_CONNECTOR_DISTANCE, context)
        reason, detail, o_node, d_node = classify_pairs(pairs, zones.node, zones.distance, zones.empty, max_distance)
        ok = np.flatnonzero(reason == "")
        feedback.pushInfo(
            self.tr("{pairs} zone pairs, {ok} between zones attached to the network.").format(
                pairs=len(pairs), ok=ok.size
            )
        )
        step = steps.next()
        result = skim(
            model.graph,
            o_node[ok],
            d_node[ok],
            pairs=True,
            attrs=["length", "time"],
            cancel=cancel_check(step),
            progress=fraction_callback(step),
            log=feedback.pushInfo,
        )
        self.check_canceled(feedback)
        length = np.full(len(pairs), np.nan)
        time_s = np.full(len(pairs), np.nan)
        cost = np.full(len(pairs), np.nan)
        length[ok] = result.values["length"]
        time_s[ok] = result.values["time"]
        cost[ok] = result.cost
        mark_no_path(reason, detail, ok[~np.isfinite(result.cost)])
        status = np.where(reason == "", "ok", reason)
        o, d = pairs["o"].to_numpy(), pairs["d"].to_numpy()
        connector = np.full(len(pairs), np.nan)
        both = (o >= 0) & (d >= 0)
        connector[both] = (zones.distance[o[both]] + zones.distance[d[both]]) / 1000.0
        with_cost = model.cost_kind == "field"
        fields = QgsFields()
        for name in ("origin", "destination"):
            fields.append(make_field(name, FieldType.String))
        for name in ("distance_km", "time_min") + (("cost",) if with_cost else ()) + ("connector_km",):
            fields.append(make_field(name, FieldType.Double))
        fields.append(make_field("status", FieldType.String))
        writer = self.create_writer(
            parameters,
            self.OUTPUT,
            context,
            fields,
            WkbType.NoGeometry,
            model.source_crs,
            steps.next(),
            len(pairs),
        )
        good = status == "ok"
        km = np.where(good, length / 1000.0, np.nan)
        minutes = np.where(good, time_s / 60.0, np.nan)
        costs = np.where(good, cost, np.nan)
        columns = [pairs["origin"].tolist(), pairs["destination"].tolist(), _values(km), _values(minutes)]
        if with_cost:
            columns.append(_values(costs))
        columns += [_values(connector), status.tolist()]
        writer.write_all((row, None) for row in zip(*columns))
        dest = writer.close()
        for code in sorted(set(status.tolist()) - {"ok"}):
            feedback.pushInfo(
                self.tr("Pairs without a network distance ({status}): {count}.").format(
                    status=code, count=int((status == code).sum())
                )
            )
        self.finish_output(dest, None, model.records, title=self.tr("Skim matrix"))
        steps.done()
        return {self.OUTPUT: dest}


def _values(array):
    """A list of floats with None for NaN (NULL in the output)."""
    return [None if value != value else value for value in array.tolist()]
