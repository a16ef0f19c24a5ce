"""territorial:od_skim_matrix — network distance and time between zones."""

import numpy as np
import pandas as pd
from qgis.core import (
    QgsFeature,
    QgsField,
    QgsFields,
    QgsProcessing,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
    QgsProcessingParameterField,
    QgsWkbTypes,
)
from qgis.PyQt.QtCore import QVariant

from ..engine.flowlines import match_codes
from ..engine.skim import skim
from . import _network_input as ni
from ._od_input import code_text
from .base import TerritorialAlgorithm, cancel_check

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
        ni.add_network_parameters(self)
        ni.add_zone_parameters(self)
        self.addParameter(
            QgsProcessingParameterFeatureSource(
                self.FLOWS, self.tr("OD table (optional: else all pairs)"), [QgsProcessing.TypeVector], optional=True
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
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Skim matrix"), QgsProcessing.TypeVector)
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
        for feature in source.getFeatures():
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
        model = ni.read_network(self, parameters, context, feedback)
        zones = ni.read_zones(self, parameters, context, feedback, model)
        pairs = self._pairs(parameters, context, zones, feedback)
        position = zones.index()
        o = pairs["origin"].map(position).fillna(-1).astype(np.int64).to_numpy()
        d = pairs["destination"].map(position).fillna(-1).astype(np.int64).to_numpy()
        o_node = np.where(o >= 0, zones.node[np.maximum(o, 0)], -1)
        d_node = np.where(d >= 0, zones.node[np.maximum(d, 0)], -1)
        status = np.full(len(pairs), "ok", dtype=object)
        status[(o >= 0) & (o_node < 0)] = "origin_too_far"
        status[(d >= 0) & (d_node < 0) & (status == "ok")] = "destination_too_far"
        status[(o < 0)] = "origin_unknown"
        status[(d < 0) & (status == "ok")] = "destination_unknown"
        ok = np.flatnonzero(status == "ok")
        feedback.pushInfo(
            self.tr("{pairs} zone pairs, {ok} between zones attached to the network.").format(
                pairs=len(pairs), ok=ok.size
            )
        )
        self.check_canceled(feedback)
        attrs = ["length", "time"]
        result = skim(
            model.graph,
            o_node[ok],
            d_node[ok],
            pairs=True,
            attrs=attrs,
            cancel=cancel_check(feedback),
            progress=lambda p: feedback.setProgress(10.0 + 80.0 * p),
            log=feedback.pushInfo,
        )
        self.check_canceled(feedback)
        length = np.full(len(pairs), np.nan)
        time_s = np.full(len(pairs), np.nan)
        cost = np.full(len(pairs), np.nan)
        length[ok] = result.values["length"]
        time_s[ok] = result.values["time"]
        cost[ok] = result.cost
        no_path = ok[~np.isfinite(result.cost)]
        status[no_path] = "no_path"
        connector = np.full(len(pairs), np.nan)
        both = (o >= 0) & (d >= 0)
        connector[both] = (zones.distance[o[both]] + zones.distance[d[both]]) / 1000.0
        fields = QgsFields()
        for name in ("origin", "destination"):
            fields.append(QgsField(name, QVariant.String))
        for name in ("distance_km", "time_min") + (("cost",) if model.cost_kind == "field" else ()) + ("connector_km",):
            fields.append(QgsField(name, QVariant.Double))
        fields.append(QgsField("status", QVariant.String))
        sink, dest = self.create_sink(
            parameters, self.OUTPUT, context, fields, QgsWkbTypes.NoGeometry, model.source_crs
        )
        origins, destinations = pairs["origin"].tolist(), pairs["destination"].tolist()
        km, minutes, costs, conn = (
            (length / 1000.0).tolist(),
            (time_s / 60.0).tolist(),
            cost.tolist(),
            connector.tolist(),
        )
        with_cost = model.cost_kind == "field"
        for i in range(len(pairs)):
            if i % 20000 == 0:
                self.check_canceled(feedback)
                feedback.setProgress(90.0 + 10.0 * i / max(1, len(pairs)))
            good = status[i] == "ok"
            values = [origins[i], destinations[i], km[i] if good else None, minutes[i] if good else None]
            if with_cost:
                values.append(costs[i] if good else None)
            values += [conn[i] if conn[i] == conn[i] else None, status[i]]
            out = QgsFeature(fields)
            out.setAttributes(values)
            sink.addFeature(out)
        for code in sorted(set(status) - {"ok"}):
            feedback.pushInfo(
                self.tr("Pairs without a network distance ({status}): {count}.").format(
                    status=code, count=int((status == code).sum())
                )
            )
        self.finish_output(dest, None, [], title=self.tr("Skim matrix"))
        return {self.OUTPUT: dest}
