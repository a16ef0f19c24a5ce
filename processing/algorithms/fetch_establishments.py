"""territorial:fetch_establishments — SIRENE establishments of a territory, as points."""

from qgis.core import (
    QgsApplication,
    QgsAuthMethodConfig,
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransform,
    QgsCsException,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsProcessingParameterAuthConfig,
    QgsProcessingParameterBoolean,
    QgsProcessingParameterFeatureSink,
    QgsProcessingParameterString,
)
from qgis.PyQt.QtCore import QDate, Qt

from ...compat import FieldType, ProcessingParameterFlag, ProcessingSourceType, WkbType, make_field
from ...providers import sirene
from ..feedback import Steps, cancel_check, progress_callback
from ..outputs.provenance import provenance_fields, provenance_values
from .base import TerritorialAlgorithm

WGS84 = "EPSG:4326"

TEXT_FIELDS = (
    "siret",
    "siren",
    "nom",
    "enseigne",
    "naf",
    "naf_section",
    "naf_entreprise",
    "tranche_effectif",
    "effectif",
    "adresse",
    "code_postal",
    "code_commune",
    "commune",
)


class FetchEstablishments(TerritorialAlgorithm):
    ALGORITHM_ID = "fetch_establishments"
    GROUP_ID = "sources"
    DATASETS = ("sirene",)

    TERRITORY = "TERRITORY"
    ACTIVITY = "ACTIVITY"
    ACTIVE_ONLY = "ACTIVE_ONLY"
    AUTH = "AUTH"
    OUTPUT = "OUTPUT"

    def displayName(self):
        return self.tr("Fetch SIRENE establishments")

    def shortDescription(self):
        return self.tr("Establishments of a commune, EPCI or département, with activity and head-count band (SIRENE).")

    def initAlgorithm(self, config=None):
        territory = QgsProcessingParameterString(
            self.TERRITORY, self.tr("Territory: commune INSEE code, EPCI SIREN or département")
        )
        territory.setHelp(
            self.tr("A commune (35238, 2A004), an EPCI (9-digit SIREN, 243500139) or a département (35, 2A, 974).")
        )
        self.addParameter(territory)
        activity = QgsProcessingParameterString(
            self.ACTIVITY, self.tr("Activity: NAF codes or sections (empty: all)"), optional=True
        )
        activity.setHelp(
            self.tr("NAF codes such as 47.11F, 56.10A, or NAF section letters such as G, I, separated by commas.")
        )
        self.addParameter(activity)
        self.addParameter(
            QgsProcessingParameterBoolean(self.ACTIVE_ONLY, self.tr("Active establishments only"), defaultValue=True)
        )
        auth = QgsProcessingParameterAuthConfig(
            self.AUTH, self.tr("INSEE API Sirene key (optional authentication configuration)"), optional=True
        )
        auth.setFlags(auth.flags() | ProcessingParameterFlag.Advanced)
        auth.setHelp(
            self.tr(
                "A Basic authentication configuration whose password is the INSEE API key: INSEE's API Sirene is "
                "used instead of Recherche d'entreprises."
            )
        )
        self.addParameter(auth)
        self.addParameter(
            QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Establishments"), ProcessingSourceType.VectorPoint)
        )

    def insee_key(self, authcfg: str) -> str:
        """The API key kept as the password of a QGIS authentication configuration."""
        manager = QgsApplication.authManager()
        config = QgsAuthMethodConfig()
        ok = manager.loadAuthenticationConfig(authcfg, config, True) if manager is not None else False
        if not ok or not config.isValid(True):
            raise QgsProcessingException(
                self.tr(
                    "Cannot read the authentication configuration '{id}': check that it exists and that the QGIS "
                    "authentication database is unlocked (master password; without a display, set "
                    "QGIS_AUTH_PASSWORD_FILE)."
                ).format(id=authcfg)
            )
        key = config.config("password", "") or config.config("apikey", "") or config.config("token", "")
        if not key:
            raise QgsProcessingException(
                self.tr(
                    "The authentication configuration '{id}' holds no key: store the INSEE API key as its password."
                ).format(id=authcfg)
            )
        return key

    def process(self, parameters, context, feedback):
        territory = self.parameterAsString(parameters, self.TERRITORY, context).strip()
        activity = self.parameterAsString(parameters, self.ACTIVITY, context) or ""
        active_only = self.parameterAsBool(parameters, self.ACTIVE_ONLY, context)
        authcfg = self.parameterAsString(parameters, self.AUTH, context) or ""
        api_key = self.insee_key(authcfg) if authcfg else ""
        if not territory:
            raise QgsProcessingException(
                self.tr("Give a territory: a commune INSEE code, an EPCI SIREN or a département.")
            )
        source = self.tr("INSEE API Sirene") if api_key else self.tr("Recherche d'entreprises")
        feedback.pushInfo(
            self.tr("Fetching establishments of {territory} from {source}…").format(territory=territory, source=source)
        )
        steps = Steps(feedback, 2)
        step = steps.next()
        result = sirene.fetch_establishments(
            territory,
            activity,
            active_only,
            api_key=api_key,
            cancel=cancel_check(step),
            warn=feedback.pushWarning,
            progress=progress_callback(step),
            info=feedback.pushInfo,
        )

        fields = QgsFields()
        for name in TEXT_FIELDS:
            fields.append(make_field(name, FieldType.String))
        fields.append(make_field("date_creation", FieldType.Date))
        fields.append(make_field("etat_administratif", FieldType.String))
        fields.append(make_field("est_siege", FieldType.Bool))
        for field in provenance_fields():
            fields.append(field)
        wgs84 = QgsCoordinateReferenceSystem(WGS84)
        frame = result.frame
        writer = self.create_writer(
            parameters, self.OUTPUT, context, fields, WkbType.Point, wgs84, steps.next(), len(frame)
        )
        provenance = provenance_values(result.records[-1]) if result.records else ["", "", ""]
        transforms = {}
        for row in frame.itertuples(index=False):
            created = QDate.fromString(row.date_creation or "", Qt.DateFormat.ISODate)
            writer.add_row(
                [getattr(row, name) or "" for name in TEXT_FIELDS]
                + [created if created.isValid() else None, row.etat_administratif, bool(row.est_siege)]
                + provenance,
                self._geometry(row, transforms, wgs84, context),
            )
        dest_id = writer.close()
        self._report(result, feedback)
        title = self.tr("SIRENE establishments: {territory}").format(territory=territory)
        self.finish_output(
            dest_id, "establishments.qml", result.records, title=title, abstract="\n".join(result.limits())
        )
        return {self.OUTPUT: dest_id}

    @staticmethod
    def _geometry(row, transforms, wgs84, context):
        if row.longitude is not None and row.latitude is not None and row.longitude == row.longitude:
            return QgsGeometry.fromPointXY(QgsPointXY(float(row.longitude), float(row.latitude)))
        if row.x is None or row.y is None or row.x != row.x or not row.crs:
            return None
        if row.crs not in transforms:
            transforms[row.crs] = QgsCoordinateTransform(
                QgsCoordinateReferenceSystem(row.crs), wgs84, context.transformContext()
            )
        geometry = QgsGeometry.fromPointXY(QgsPointXY(float(row.x), float(row.y)))
        try:
            geometry.transform(transforms[row.crs])
        except QgsCsException:
            return None
        return geometry

    def _report(self, result, feedback):
        feedback.pushInfo(
            self.tr("{count} establishments from {requests} requests over {pieces} queries.").format(
                count=len(result.frame), requests=result.requests, pieces=result.pieces
            )
        )
        if result.dropped_closed:
            feedback.pushInfo(
                self.tr("{count} closed establishments left out (active establishments only).").format(
                    count=result.dropped_closed
                )
            )
        if result.dropped_activity:
            feedback.pushInfo(
                self.tr("{count} establishments left out: their own activity is not the one asked.").format(
                    count=result.dropped_activity
                )
            )
        if result.without_position:
            feedback.pushWarning(
                self.tr("{count} establishments have no position: they are kept without geometry.").format(
                    count=result.without_position
                )
            )
        for name in result.saturated[:10]:
            feedback.pushWarning(
                self.tr(
                    "{company}: the service lists at most 100 establishments of a company per query; there may be more."
                ).format(company=name)
            )
        if result.capped:
            feedback.pushWarning(
                self.tr(
                    "These queries still hit the service's cap of 10 000 companies, so some establishments are "
                    "missing: {pieces}. Narrow the activity filter."
                ).format(pieces=", ".join(result.capped))
            )
        if result.failed:
            feedback.pushWarning(
                self.tr(
                    "These queries failed and their establishments are missing: {pieces}. Run again later to "
                    "complete them."
                ).format(pieces=", ".join(result.failed))
            )
