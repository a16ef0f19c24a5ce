"""territorial:commune_flow_indicators — outflow, inflow, self-containment, job ratio, distances and
mode shares per zone, joined to the zone polygons."""

import math

import pandas as pd
from qgis.core import (
    QgsFeatureRequest,
    QgsFields,
    QgsProcessingException,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFeatureSource,
)

from ...compat import FeatureRequestFlag, FieldType, ProcessingSourceType, make_field
from ..engine import flowlines, indicators
from ..feedback import CHECK_EVERY, Steps
from ..inputs.flows import add_od_parameters, read_od_table
from ..inputs.values import code_text, number
from ..inputs.zones import ZONES, add_zone_parameters, read_zones
from ..outputs.provenance import PROVENANCE_FIELDS, merge_records, provenance_fields, provenance_for
from ..outputs.tables import fields_beside, number_text, report_matching, write_missing
from .base import TerritorialAlgorithm


class CommuneFlowIndicators(TerritorialAlgorithm):
    ALGORITHM_ID = "commune_flow_indicators"
    GROUP_ID = "flows"
    DATASETS = ()

    SKIM = "SKIM"
    OUTPUT = "OUTPUT"
    MISSING = "MISSING"

    def displayName(self):
        return self.tr("Flow indicators per commune")

    def shortDescription(self):
        return self.tr(
            "Outflow, inflow, internal flow, self-containment, job ratio, mean distance and mode shares "
            "per zone, on the zone polygons."
        )

    def initAlgorithm(self, config=None):
        add_od_parameters(self, with_mode=True)
        add_zone_parameters(self)
        skim = QgsProcessingParameterFeatureSource(
            self.SKIM,
            self.tr("Network distances (skim table from od_skim_matrix, optional)"),
            [ProcessingSourceType.Vector],
            optional=True,
        )
        skim.setHelp(
            self.tr("A table with origin, destination and distance_km, e.g. the output of territorial:od_skim_matrix.")
        )
        self.addParameter(skim)
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.OUTPUT, self.tr("Flow indicators"), ProcessingSourceType.VectorAnyGeometry
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.MISSING,
                self.tr("Codes missing from the zones"),
                ProcessingSourceType.Vector,
                optional=True,
                createByDefault=True,
            )
        )

    def read_skim(self, parameters, context, feedback):
        source = self.parameterAsSource(parameters, self.SKIM, context)
        if source is None:
            return None
        names = [f.name() for f in source.fields()]
        needed = ["origin", "destination", "distance_km"]
        absent = [n for n in needed if n not in names]
        if absent:
            raise QgsProcessingException(
                self.tr(
                    "The skim table '{layer}' has no field {fields}: it needs origin, destination and distance_km, "
                    "as written by territorial:od_skim_matrix. Its fields are: {names}."
                ).format(layer=source.sourceName(), fields=", ".join(absent), names=", ".join(names))
            )
        request = QgsFeatureRequest().setFlags(FeatureRequestFlag.NoGeometry)
        request.setSubsetOfAttributes(needed, source.fields())
        idx = [names.index(n) for n in needed]
        rows = []
        for count, feature in enumerate(source.getFeatures(request)):
            if count % CHECK_EVERY == 0:
                self.check_canceled(feedback)
            values = feature.attributes()
            distance = number(values[idx[2]])
            rows.append(
                (code_text(values[idx[0]]), code_text(values[idx[1]]), math.nan if distance is None else distance)
            )
        frame = pd.DataFrame(rows, columns=needed)
        return frame.dropna(subset=["origin", "destination"])

    def process(self, parameters, context, feedback):
        steps = Steps(feedback, 5)
        flows = read_od_table(self, parameters, context, steps.next(), with_mode=True)
        if flows.empty:
            raise QgsProcessingException(
                self.tr("The flows table '{layer}' has no row.").format(layer=flows.attrs.get("name", ""))
            )
        with_modes = "mode" in flows.columns
        zones = read_zones(self, parameters, context, steps.next())
        skim_frame = self.read_skim(parameters, context, steps.next())

        zone_codes = zones.all_codes()
        prepared = flowlines.prepare_flows(flows, zone_codes)
        missing = flowlines.missing_table(prepared)
        skim = None
        if skim_frame is not None:
            match = flowlines.match_codes(
                pd.unique(pd.concat([skim_frame["origin"], skim_frame["destination"]])), zone_codes
            )
            skim_frame = skim_frame.assign(
                origin=skim_frame["origin"].map(match.mapping), destination=skim_frame["destination"].map(match.mapping)
            )
            skim = indicators.read_skim(skim_frame)
        table, report = indicators.zone_indicators(prepared, zone_codes, zones.points, skim, with_modes=with_modes)
        report_matching(prepared, feedback, missing, report.total_flow)
        self._report(report, skim is not None, feedback)

        source = self.parameterAsSource(parameters, ZONES, context)
        zone_fields = QgsFields()
        keep = []
        for i, f in enumerate(source.fields()):
            if f.name().lower() not in PROVENANCE_FIELDS:
                zone_fields.append(f)
                keep.append(i)
        new_fields = QgsFields()
        for name in table.columns:
            new_fields.append(make_field(name, FieldType.Double))
        for f in provenance_fields():
            new_fields.append(f)
        fields = fields_beside(
            zone_fields,
            new_fields,
            feedback,
            self.tr("The zones layer already has fields named {names}: the indicators are written with a suffix."),
        )
        writer = self.create_writer(
            parameters,
            self.OUTPUT,
            context,
            fields,
            source.wkbType(),
            source.sourceCrs(),
            steps.next(),
            source.featureCount(),
        )
        flow_records = flows.attrs.get("records", [])
        records = merge_records(flow_records, zones.records)
        provenance = provenance_for(records)
        values = {
            code: [None if pd.isna(v) else float(v) for v in row]
            for code, row in zip(table.index, table.itertuples(index=False, name=None))
        }
        empty = [None] * len(table.columns)
        code_index = source.fields().indexOf(zones.field)
        for feature in source.getFeatures():
            attributes = feature.attributes()
            code = code_text(attributes[code_index])
            writer.add_row([attributes[k] for k in keep] + values.get(code, empty) + provenance, feature.geometry())
        dest_id = writer.close()
        results = {self.OUTPUT: dest_id}
        name = flows.attrs.get("name", "")
        self.finish_output(
            dest_id, "commune_indicators.qml", records, title=self.tr("Flow indicators: {flows}").format(flows=name)
        )
        steps.next()
        if parameters.get(self.MISSING) is not None and len(missing):
            results[self.MISSING] = write_missing(
                self,
                parameters,
                self.MISSING,
                context,
                missing,
                flow_records,
                self.tr("Codes missing from the zones (indicators): {flows}").format(flows=name),
            )
        steps.done()
        return results

    def _report(self, report, with_skim, feedback):
        if report.between_flow:
            feedback.pushInfo(
                self.tr(
                    "Straight-line distances cover {share:.1%} of the flow between distinct zones "
                    "(the rest involves codes missing from the zones)."
                ).format(share=report.distance_flow / report.between_flow)
            )
        if with_skim:
            feedback.pushInfo(
                self.tr("Network distances cover {share:.1%} of the flow between distinct zones.").format(
                    share=report.network_flow / report.between_flow if report.between_flow else 0.0
                )
            )
            if report.network_missing_pairs:
                feedback.pushWarning(
                    self.tr(
                        "{count} zone pairs with flows are not in the skim table: no network distance for them."
                    ).format(count=report.network_missing_pairs)
                )
            if report.network_reversed_pairs:
                feedback.pushInfo(
                    self.tr("{count} zone pairs took the skim distance of the opposite direction.").format(
                        count=report.network_reversed_pairs
                    )
                )
        if report.modes:
            feedback.pushInfo(self.tr("Mode shares: {fields}.").format(fields=", ".join(report.modes.values())))
        if report.unknown_mode_flow:
            feedback.pushWarning(
                self.tr("A flow of {flow} has no mode: counted in share_unknown.").format(
                    flow=number_text(report.unknown_mode_flow)
                )
            )
        if report.zones_without_flow:
            feedback.pushInfo(
                self.tr("{count} zones have no flow at all: their ratios are empty (NULL).").format(
                    count=report.zones_without_flow
                )
            )
