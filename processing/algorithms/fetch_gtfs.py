"""territorial:fetch_gtfs — find a GTFS feed on transport.data.gouv.fr and download it to the cache."""

from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsFields,
    QgsProcessingException,
    QgsProcessingOutputFile,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterFileDestination,
    QgsProcessingParameterString,
    QgsProcessingUtils,
)

from ...compat import FieldType, ProcessingSourceType, WkbType, make_field
from ...providers import gtfs, transport
from ..feedback import Steps, cancel_check
from ..outputs.provenance import provenance_fields, provenance_values
from .base import TerritorialAlgorithm


class FetchGtfs(TerritorialAlgorithm):
    ALGORITHM_ID = "fetch_gtfs"
    GROUP_ID = "sources"
    DATASETS = ("transport", "gtfs")

    QUERY = "QUERY"
    TERRITORY = "TERRITORY"
    RESOURCE_ID = "RESOURCE_ID"
    OUTPUT = "OUTPUT"
    CANDIDATES = "CANDIDATES"
    GTFS = "GTFS"

    def displayName(self):
        return self.tr("Fetch a GTFS feed (transport.data.gouv.fr)")

    def shortDescription(self):
        return self.tr(
            "Finds the GTFS timetable of a network by name or territory on transport.data.gouv.fr and downloads it "
            "to the cache."
        )

    def initAlgorithm(self, config=None):
        query = QgsProcessingParameterString(self.QUERY, self.tr("Network name"), optional=True)
        query.setHelp(self.tr("Words of the network or dataset name, e.g. TaM, STAR, Montpellier."))
        self.addParameter(query)
        territory = QgsProcessingParameterString(
            self.TERRITORY, self.tr("Territory (INSEE code, SIREN or name)"), optional=True
        )
        territory.setHelp(
            self.tr(
                "A code of the area the feed covers (EPCI SIREN 243400017, commune 34172, département 34) or a name."
            )
        )
        self.addParameter(territory)
        resource = QgsProcessingParameterString(
            self.RESOURCE_ID, self.tr("Resource id (to pick one of several feeds)"), optional=True
        )
        resource.setHelp(self.tr("The resource_id column of the candidates table; empty: the best match."))
        self.addParameter(resource)
        self.addParameter(
            QgsProcessingParameterFileDestination(
                self.OUTPUT,
                self.tr("Copy of the feed (optional)"),
                self.tr("GTFS zip (*.zip)"),
                optional=True,
                createByDefault=False,
            )
        )
        self.addParameter(
            QgsProcessingParameterFeatureSink(
                self.CANDIDATES,
                self.tr("Matching GTFS feeds"),
                ProcessingSourceType.Vector,
                optional=True,
                createByDefault=False,
            )
        )
        self.addOutput(QgsProcessingOutputFile(self.GTFS, self.tr("GTFS feed (zip)")))

    def process(self, parameters, context, feedback):
        query = self.parameterAsString(parameters, self.QUERY, context)
        territory = self.parameterAsString(parameters, self.TERRITORY, context)
        wanted = self.parameterAsString(parameters, self.RESOURCE_ID, context).strip()
        destination = (
            self.parameterAsFileOutput(parameters, self.OUTPUT, context) if parameters.get(self.OUTPUT) else ""
        )
        steps = Steps(feedback, 3)
        step = steps.next()
        client = transport.TransportClient(cancel=cancel_check(step), warn=feedback.pushWarning)
        feedback.pushInfo(
            self.tr("Searching transport.data.gouv.fr for GTFS feeds ({what})…").format(
                what=" / ".join(v for v in (query, territory) if v)
            )
        )
        found = client.search(query, territory)
        for warning in found.warnings:
            feedback.pushWarning(warning)
        candidates = found.candidates
        chosen = candidates[0]
        if wanted:
            match = [c for c in candidates if c.resource_id == wanted]
            if not match:
                raise QgsProcessingException(
                    self.tr("No matching GTFS resource has the id {id}: choose one of {ids}.").format(
                        id=wanted, ids=", ".join(c.resource_id for c in candidates[:20])
                    )
                )
            chosen = match[0]
        feedback.pushInfo(
            self.tr(
                "{count} GTFS feed(s) found; chosen: « {title} » ({networks}), resource {id}, service {start} to {end}."
            ).format(
                count=len(candidates),
                title=chosen.dataset_title,
                networks=chosen.networks or "-",
                id=chosen.resource_id,
                start=chosen.start or "?",
                end=chosen.end or "?",
            )
        )
        for other in [c for c in candidates if c is not chosen][:10]:
            feedback.pushInfo(
                self.tr("  also: « {title} » ({networks}), resource {id}").format(
                    title=other.dataset_title, networks=other.networks or "-", id=other.resource_id
                )
            )
        if chosen.expired:
            feedback.pushWarning(
                self.tr("This feed's timetable ended on {end}: check whether a newer feed exists.").format(
                    end=chosen.end
                )
            )
        step = steps.next()

        def progress(done, total):
            if total:
                step.setProgress(100.0 * done / total)

        entry, record = client.download(chosen, progress=progress)
        self.check_canceled(feedback)
        if not destination:  # a '.zip' beside its provenance, for the next algorithm of a model
            destination = QgsProcessingUtils.generateTempFilename("gtfs.zip")
        gtfs.copy_with_sidecar(entry.path, destination, record)
        path = destination
        feedback.pushInfo(
            self.tr("Feed: {path} ({size} MB). Producer: {producer}. Licence: {licence}.").format(
                path=path,
                size=round(record.get("size", 0) / 2**20, 1),
                producer=record.get("producer"),
                licence=record.get("licence"),
            )
        )
        results = {self.GTFS: path}
        if parameters.get(self.CANDIDATES):
            results[self.CANDIDATES] = self._candidates_table(
                parameters, context, steps.next(), candidates, found.records
            )
        if parameters.get(self.OUTPUT):
            results[self.OUTPUT] = destination
        steps.done()
        return results

    def _candidates_table(self, parameters, context, feedback, candidates, records):
        fields = QgsFields()
        for name in transport.ROW_COLUMNS:
            # the feed's own licence; "licence" is the provenance field (transport.data.gouv.fr's)
            label = "feed_licence" if name == "licence" else name
            fields.append(make_field(label, FieldType.LongLong if name == "filesize" else FieldType.String))
        for field in provenance_fields():
            fields.append(field)
        writer = self.create_writer(
            parameters,
            self.CANDIDATES,
            context,
            fields,
            WkbType.NoGeometry,
            QgsCoordinateReferenceSystem(),
            feedback,
            len(candidates),
        )
        provenance = provenance_values(records[-1])
        for candidate in candidates:
            row = candidate.row()
            writer.add_row([row[name] for name in transport.ROW_COLUMNS] + provenance)
        dest_id = writer.close()
        self.finish_output(
            dest_id, "datagouv_table.qml", records, title=self.tr("GTFS feeds on transport.data.gouv.fr")
        )
        return dest_id
