"""SIRENE establishments of a territory, from the API Recherche d'entreprises (no key) or, with a key,
from INSEE's API Sirene 3.11.

Recherche d'entreprises answers companies (unités légales), 25 per page, at most 10 000 per query
(``page × per_page ≤ 10 000``), each with the establishments matching the territorial filter
(``matching_etablissements``, at most 100). To be complete on a large territory the query is split:
one query per commune (an EPCI or a département is expanded into its communes with geo.api.gouv.fr;
Paris, Lyon and Marseille into their arrondissements, the codes the service uses), and a commune
still at the cap is split by activity section (or by the NAF codes asked). A piece that still hits
the cap, and a company whose 100 listed establishments may not be all, are reported.

The activity filter of Recherche d'entreprises applies to the company's main activity (the
service's own rule); each establishment keeps its own NAF code in the output. The HTTP layer
throttles the service to its 7 requests/s and honours ``Retry-After`` on 429.

With an INSEE key (``X-INSEE-Api-Key-Integration``), ``/siret`` is queried instead (Lucene-like
``q``, cursor paging of 1 000): the establishment's own activity and state are filtered, and its
Lambert coordinates are given with their CRS (the algorithm projects them).
"""

import math
import re
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Sequence, Tuple

import pandas as pd

from .cache import Cache, get_cache
from .codes import COMMUNE_RE, DEPARTEMENT_RE, EPCI_RE
from .errors import Canceled, DataError
from .http import CancelCheck, HttpError, ServiceError, get_service
from .i18n import translate

Warn = Optional[Callable[[str], None]]
Progress = Optional[Callable[[float], None]]

PER_PAGE = 25  # the service's maximum
CAP = 10000  # page × per_page ≤ 10 000
MATCHING_LIMIT = 100  # establishments listed per company (service maximum)
INSEE_PAGE = 1000
INSEE_COMMUNES_PER_QUERY = 20

NAF_RE = re.compile(r"^(\d{2})\.?(\d{2})([A-Z])$")
SECTIONS = tuple("ABCDEFGHIJKLMNOPQRSTU")

#: Paris, Lyon, Marseille: the commune code → the arrondissement codes establishments carry
PLM = {
    "75056": [f"751{n:02d}" for n in range(1, 21)],
    "69123": [f"6938{n}" for n in range(1, 10)],
    "13055": [f"132{n:02d}" for n in range(1, 17)],
}
ARRONDISSEMENTS = {code for codes in PLM.values() for code in codes}

#: NAF rev. 2 divisions (2 digits) of each section
SECTION_DIVISIONS = {
    "A": (1, 3),
    "B": (5, 9),
    "C": (10, 33),
    "D": (35, 35),
    "E": (36, 39),
    "F": (41, 43),
    "G": (45, 47),
    "H": (49, 53),
    "I": (55, 56),
    "J": (58, 63),
    "K": (64, 66),
    "L": (68, 68),
    "M": (69, 75),
    "N": (77, 82),
    "O": (84, 84),
    "P": (85, 85),
    "Q": (86, 88),
    "R": (90, 93),
    "S": (94, 96),
    "T": (97, 98),
    "U": (99, 99),
}

#: head-count bands (tranche d'effectif salarié) → number of employees
HEADCOUNT = {
    "NN": "",
    "00": "0",
    "01": "1-2",
    "02": "3-5",
    "03": "6-9",
    "11": "10-19",
    "12": "20-49",
    "21": "50-99",
    "22": "100-199",
    "31": "200-249",
    "32": "250-499",
    "41": "500-999",
    "42": "1000-1999",
    "51": "2000-4999",
    "52": "5000-9999",
    "53": "10000+",
}

#: CRS of INSEE's Lambert coordinates by département prefix (else Lambert-93)
INSEE_CRS = {
    "971": "EPSG:5490",
    "972": "EPSG:5490",
    "977": "EPSG:5490",
    "978": "EPSG:5490",
    "973": "EPSG:2972",
    "974": "EPSG:2975",
    "975": "EPSG:4467",
    "976": "EPSG:4471",
}

COLUMNS = [
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
    "date_creation",
    "etat_administratif",
    "est_siege",
    "longitude",
    "latitude",
    "x",
    "y",
    "crs",
]


def section_of(naf: str) -> str:
    """The NAF section letter of a code such as 62.01Z (empty if unknown)."""
    digits = (naf or "")[:2]
    if not digits.isdigit():
        return ""
    division = int(digits)
    for section, (low, high) in SECTION_DIVISIONS.items():
        if low <= division <= high:
            return section
    return ""


@dataclass
class Activity:
    codes: List[str] = field(default_factory=list)  # NAF codes, "62.01Z"
    sections: List[str] = field(default_factory=list)  # section letters

    def __bool__(self):
        return bool(self.codes or self.sections)

    def matches(self, naf: str) -> bool:
        if self.codes:
            return naf in self.codes
        if self.sections:
            return section_of(naf) in self.sections
        return True


def parse_activity(text: str) -> Activity:
    """NAF codes (62.01Z or 6201Z) or sections (G), separated by commas, spaces or semicolons."""
    activity = Activity()
    for item in re.split(r"[\s,;]+", (text or "").strip().upper()):
        if not item:
            continue
        match = NAF_RE.match(item)
        if match:
            code = f"{match.group(1)}.{match.group(2)}{match.group(3)}"
            if section_of(code) and code not in activity.codes:
                activity.codes.append(code)
                continue
        elif item in SECTIONS:
            if item not in activity.sections:
                activity.sections.append(item)
            continue
        raise DataError(
            translate(
                "Sirene", "'{item}' is neither a NAF code (such as 62.01Z or 4711F) nor a NAF section letter (A to U)."
            ).format(item=item)
        )
    if activity.codes and activity.sections:
        raise DataError(
            translate("Sirene", "Give NAF codes or NAF sections, not both: the service combines them with AND.")
        )
    return activity


def territory_kind(code: str) -> str:
    """``commune``, ``epci`` or ``departement`` from the shape of the code."""
    given = (code or "").strip()
    code = given.upper()
    if COMMUNE_RE.match(code):
        return "commune"
    if EPCI_RE.match(code):
        return "epci"
    if DEPARTEMENT_RE.match(code.zfill(2) if code.isdigit() and len(code) == 1 else code):
        return "departement"
    raise DataError(
        translate(
            "Sirene",
            "Cannot tell what territory '{code}' is: give a commune INSEE code (5 characters, e.g. 35238, 2A004), an "
            "EPCI SIREN (9 digits, e.g. 243500139) or a département (e.g. 35, 2A, 974).",
        ).format(code=given)
    )


@dataclass
class Establishments:
    frame: pd.DataFrame  # COLUMNS
    records: List[Dict]  # provenance of the answers used
    requests: int = 0
    pieces: int = 0
    capped: List[str] = field(default_factory=list)  # pieces that still hit the 10 000 cap
    saturated: List[str] = field(default_factory=list)  # companies with 100 listed establishments in a piece
    dropped_closed: int = 0
    dropped_activity: int = 0
    without_position: int = 0
    failed: List[str] = field(default_factory=list)  # pieces the service failed on

    @property
    def complete(self) -> bool:
        """False when establishments may be missing: a piece still at the service's 10 000 cap, a company
        whose 100 listed establishments may not be all, or a piece the service failed on."""
        return not (self.capped or self.saturated or self.failed)

    def limits(self) -> List[str]:
        """One sentence per reason the layer may be incomplete (empty when complete), for the log and for
        the layer's metadata (its abstract, or a « limits » note): the same words in both."""
        notes = []
        if self.capped:
            notes.append(
                translate(
                    "Sirene",
                    "Incomplete: the service answers at most {cap} companies per query, and {count} piece(s) of "
                    "the territory still reached that cap after splitting by activity ({pieces}); establishments "
                    "of those pieces are missing.",
                ).format(
                    cap=CAP,
                    count=len(self.capped),
                    pieces=", ".join(self.capped[:10]) + (" …" if len(self.capped) > 10 else ""),
                )
            )
        if self.saturated:
            notes.append(
                translate(
                    "Sirene",
                    "Possibly incomplete: {count} company(ies) list {limit} establishments in a piece, the most the "
                    "service gives; some of their establishments may be missing (e.g. {examples}).",
                ).format(count=len(self.saturated), limit=MATCHING_LIMIT, examples="; ".join(self.saturated[:3]))
            )
        if self.failed:
            notes.append(
                translate(
                    "Sirene",
                    "Incomplete: the service failed on {count} piece(s) ({pieces}); their establishments are "
                    "missing. Run again later to complete the layer.",
                ).format(
                    count=len(self.failed), pieces=", ".join(self.failed[:10]) + (" …" if len(self.failed) > 10 else "")
                )
            )
        return notes


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v)
    return str(value)


def _coordinate(value) -> Optional[float]:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


class _Piece:
    def __init__(self, commune: str, label: str, sections: Sequence[str] = (), codes: Sequence[str] = ()):
        self.commune = commune
        self.label = label
        self.sections = list(sections)
        self.codes = list(codes)

    def describe(self) -> str:
        extra = self.codes or self.sections
        return f"{self.label} ({self.commune})" + (f" [{','.join(extra)}]" if extra else "")


class SireneClient:
    """Recherche d'entreprises, with territory expansion and query splitting."""

    def __init__(
        self,
        cache: Optional[Cache] = None,
        cancel: CancelCheck = None,
        warn: Warn = None,
        progress: Progress = None,
        info: Warn = None,
    ):
        self.info = info
        self.cache = cache or get_cache()
        self.headers: Dict[str, str] = {}  # extra headers for this source's own requests (INSEE key)
        self.service = get_service("sirene")
        self.geo = get_service("geo_api")
        self.cancel = cancel
        self.warn = warn
        self.progress = progress
        self.records: List[Dict] = []
        self.requests = 0

    # -- territory --------------------------------------------------------------------------------
    def communes(self, code: str, kind: str) -> List[Tuple[str, str]]:
        """(INSEE code, name) of the communes of the territory, arrondissements for PLM."""
        if kind == "commune":
            if code in ARRONDISSEMENTS:
                return [(code, code)]
            data, entry = self.cache.fetch_json(
                self.geo,
                f"communes/{code}",
                {"fields": "code,nom"},
                cancel=self.cancel,
                warn=self.warn,
                ok_statuses=(404,),
            )
            if entry.provenance.get("status", 200) == 404 or not isinstance(data, dict) or not data.get("code"):
                raise DataError(
                    translate(
                        "Sirene", "Unknown commune code {code}: check the INSEE code (not the postcode) of the commune."
                    ).format(code=code)
                )
            self.records.append(entry.provenance)
            items = [(str(data["code"]), str(data.get("nom", "")))]
        else:
            key = "codeEpci" if kind == "epci" else "codeDepartement"
            data, entry = self.cache.fetch_json(
                self.geo, "communes", {key: code, "fields": "code,nom"}, cancel=self.cancel, warn=self.warn
            )
            if not isinstance(data, list):
                raise DataError(
                    translate(
                        "Sirene",
                        "{service} sent an answer that is not a list: check the service address in the plugin options.",
                    ).format(service=self.geo.name)
                )
            self.records.append(entry.provenance)
            items = [(str(c.get("code", "")), str(c.get("nom", ""))) for c in data if c.get("code")]
            if not items:
                what = translate("Sirene", "EPCI") if kind == "epci" else translate("Sirene", "département")
                raise DataError(
                    translate("Sirene", "No commune found for the {what} {code}: check the code.").format(
                        what=what, code=code
                    )
                )
        expanded = []
        for commune, name in items:
            if commune in PLM:
                expanded += [(arr, f"{name} {arr}") for arr in PLM[commune]]
            else:
                expanded.append((commune, name))
        return expanded

    # -- queries ----------------------------------------------------------------------------------
    def _params(self, piece: _Piece, page: int, active_only: bool) -> Dict[str, str]:
        params = {
            "code_commune": piece.commune,
            "per_page": str(PER_PAGE),
            "page": str(page),
            "limite_matching_etablissements": str(MATCHING_LIMIT),
            "minimal": "true",
            "include": "matching_etablissements",
        }
        if piece.codes:
            params["activite_principale"] = ",".join(piece.codes)
        if piece.sections:
            params["section_activite_principale"] = ",".join(piece.sections)
        if active_only:
            params["etat_administratif"] = "A"
        return params

    def page(self, piece: _Piece, page: int, active_only: bool, defer: Optional[List] = None) -> dict:
        if self.cancel is not None and self.cancel():
            raise Canceled()
        data, entry = self.cache.fetch_json(
            self.service,
            "search",
            self._params(piece, page, active_only),
            cancel=self.cancel,
            warn=self.warn,
            headers=self.headers,
            defer=defer,
        )
        self.requests += 1
        if not isinstance(data, dict) or not isinstance(data.get("results"), list):
            self.cache.discard(entry)
            raise DataError(
                translate(
                    "Sirene",
                    "{service} sent an answer without results: the service may be failing, or its address in the "
                    "plugin options may be wrong.",
                ).format(service=self.service.name)
            )
        if page == 1:
            self.records.append(entry.provenance)
        return data

    def split(self, piece: _Piece) -> List[_Piece]:
        """Smaller pieces covering ``piece`` (by section, then by NAF code); [] when it cannot be split."""
        if len(piece.codes) > 1:
            return [_Piece(piece.commune, piece.label, codes=[code]) for code in piece.codes]
        if piece.codes:
            return []
        if not piece.sections:
            return [_Piece(piece.commune, piece.label, sections=[s]) for s in SECTIONS]
        if len(piece.sections) > 1:
            return [_Piece(piece.commune, piece.label, sections=[s]) for s in piece.sections]
        return []

    def fetch(self, territory: str, activity: Activity, active_only: bool = True) -> Establishments:
        kind = territory_kind(territory)
        code = (territory or "").strip().upper()
        if code.isdigit() and len(code) == 1:
            code = "0" + code
        communes = self.communes(code, kind)
        if self.info and len(communes) > 1:
            self.info(
                translate(
                    "Sirene",
                    "{count} communes (or arrondissements) to query one by one: at least {count} requests, about "
                    "{seconds} s at the service's 7 requests per second.",
                ).format(count=len(communes), seconds=int(len(communes) / self.service.rate) + 1)
            )
        queue = [_Piece(c, name, sections=activity.sections, codes=activity.codes) for c, name in communes]
        result = Establishments(pd.DataFrame(columns=COLUMNS), self.records)
        rows: Dict[str, dict] = {}
        first_error: Optional[BaseException] = None
        done_weight, index = 0.0, 0
        weights = {id(p): 1.0 / len(queue) for p in queue}
        while index < len(queue):
            piece = queue[index]
            index += 1
            weight = weights.get(id(piece), 0.0)
            pending: List = []  # the piece's pages are cached only once they all arrived
            try:
                first = self.page(piece, 1, active_only, pending)
                total = int(first.get("total_results") or 0)
                if total >= CAP:
                    smaller = self.split(piece)
                    if smaller:
                        for part in smaller:
                            weights[id(part)] = weight / len(smaller)
                        queue[index:index] = smaller
                        continue
                    result.capped.append(piece.describe())
                    if self.warn:
                        self.warn(
                            translate(
                                "Sirene",
                                "{piece}: the service caps a query at 10 000 companies and this piece cannot be "
                                "split further; some establishments are missing.",
                            ).format(piece=piece.describe())
                        )
                pages = max(1, min(int(first.get("total_pages") or math.ceil(total / PER_PAGE) or 1), CAP // PER_PAGE))
                answers = [first]
                for number in range(2, pages + 1):
                    if len(answers[-1]["results"]) < PER_PAGE:
                        break
                    answers.append(self.page(piece, number, active_only, pending))
                    if self.progress:
                        self.progress(100.0 * (done_weight + weight * number / pages))
                for answer in answers:
                    self._collect(answer["results"], piece, rows, result, activity, active_only)
                self.cache.commit(pending)
            except Canceled:
                raise
            except (HttpError, DataError) as exc:
                if (
                    isinstance(exc, ServiceError)
                    and exc.status is not None
                    and 400 <= exc.status < 500
                    and exc.status != 429
                ):
                    raise  # a refused request: the same for every piece
                first_error = first_error or exc
                result.failed.append(piece.describe())
                if self.warn:
                    self.warn(
                        translate("Sirene", "{piece}: skipped after an error: {error}").format(
                            piece=piece.describe(), error=exc
                        )
                    )
            done_weight += weight
            if self.progress:
                self.progress(min(100.0, 100.0 * done_weight))
        if result.failed and len(result.failed) == len(queue) and first_error is not None:
            raise first_error
        result.frame = pd.DataFrame(list(rows.values()), columns=COLUMNS)
        result.requests = self.requests
        result.pieces = len(queue)
        result.records = self.records
        return result

    def _collect(
        self,
        companies: List[dict],
        piece: _Piece,
        rows: Dict[str, dict],
        result: Establishments,
        activity: Activity,
        active_only: bool,
    ) -> None:
        for company in companies:
            if not isinstance(company, dict):
                continue
            matching = company.get("matching_etablissements") or []
            if len(matching) >= MATCHING_LIMIT:
                name = f"{company.get('nom_complet', '')} ({company.get('siren', '')}) — {piece.describe()}"
                if name not in result.saturated:
                    result.saturated.append(name)
            for etab in matching:
                siret = _text(etab.get("siret"))
                if not siret or siret in rows:
                    continue
                if active_only and etab.get("etat_administratif") not in (None, "A"):
                    result.dropped_closed += 1
                    continue
                rows[siret] = establishment_row(company, etab)
                if rows[siret]["longitude"] is None:
                    result.without_position += 1


def establishment_row(company: dict, etab: dict) -> dict:
    """One output row from a company and one of its establishments (Recherche d'entreprises)."""
    naf = _text(etab.get("activite_principale"))
    band = _text(etab.get("tranche_effectif_salarie"))
    lat, lon = _coordinate(etab.get("latitude")), _coordinate(etab.get("longitude"))
    if (lat is None or lon is None) and etab.get("coordonnees"):
        parts = str(etab["coordonnees"]).split(",")
        if len(parts) == 2:
            lat, lon = _coordinate(parts[0]), _coordinate(parts[1])
    if lat is None or lon is None:
        lat = lon = None
    enseigne = _text(etab.get("liste_enseignes")) or _text(etab.get("nom_commercial"))
    return {
        "siret": _text(etab.get("siret")),
        "siren": _text(company.get("siren")) or _text(etab.get("siret"))[:9],
        "nom": _text(company.get("nom_complet") or company.get("nom_raison_sociale")),
        "enseigne": enseigne,
        "naf": naf,
        "naf_section": section_of(naf),
        "naf_entreprise": _text(company.get("activite_principale")),
        "tranche_effectif": band,
        "effectif": HEADCOUNT.get(band, ""),
        "adresse": _text(etab.get("adresse") or etab.get("geo_adresse")),
        "code_postal": _text(etab.get("code_postal")),
        "code_commune": _text(etab.get("commune")),
        "commune": _text(etab.get("libelle_commune")),
        "date_creation": _text(etab.get("date_creation")),
        "etat_administratif": _text(etab.get("etat_administratif")),
        "est_siege": bool(etab.get("est_siege")),
        "longitude": lon,
        "latitude": lat,
        "x": None,
        "y": None,
        "crs": "EPSG:4326" if lon is not None else "",
    }


# -- INSEE API Sirene (key) ---------------------------------------------------------------------------


class InseeSireneClient(SireneClient):
    """INSEE's API Sirene 3.11 ``/siret`` (the key in ``X-INSEE-Api-Key-Integration``)."""

    def __init__(self, api_key: str, cache: Optional[Cache] = None, **kwargs):
        super().__init__(cache=cache, **kwargs)
        if not api_key:
            raise DataError(translate("Sirene", "The INSEE API key is empty: check the authentication configuration."))
        self.headers = {"X-INSEE-Api-Key-Integration": api_key, "Accept": "application/json"}
        self.service = get_service("insee_sirene")

    @staticmethod
    def query(communes: Sequence[str], activity: Activity, active_only: bool) -> str:
        parts = ["(" + " OR ".join(f"codeCommuneEtablissement:{c}" for c in communes) + ")"]
        periode = []
        if active_only:
            periode.append("etatAdministratifEtablissement:A")
        if activity.codes:
            periode.append("(" + " OR ".join(f"activitePrincipaleEtablissement:{c}" for c in activity.codes) + ")")
        if periode:
            parts.append("periode(" + " AND ".join(periode) + ")")
        return " AND ".join(parts)

    def fetch(self, territory: str, activity: Activity, active_only: bool = True) -> Establishments:
        kind = territory_kind(territory)
        code = (territory or "").strip().upper()
        if code.isdigit() and len(code) == 1:
            code = "0" + code
        communes = [c for c, _ in self.communes(code, kind)]
        groups = [communes[i : i + INSEE_COMMUNES_PER_QUERY] for i in range(0, len(communes), INSEE_COMMUNES_PER_QUERY)]
        result = Establishments(pd.DataFrame(columns=COLUMNS), self.records)
        rows: Dict[str, dict] = {}
        for number, group in enumerate(groups):
            cursor = "*"
            pending: List = []  # the group's pages are cached only once they all arrived
            while True:
                if self.cancel is not None and self.cancel():
                    raise Canceled()
                params = {"q": self.query(group, activity, active_only), "nombre": str(INSEE_PAGE), "curseur": cursor}
                data, entry = self.cache.fetch_json(
                    self.service,
                    "siret",
                    params,
                    cancel=self.cancel,
                    warn=self.warn,
                    ok_statuses=(404,),
                    headers=self.headers,
                    defer=pending,
                )
                self.requests += 1
                if entry.provenance.get("status", 200) == 404:
                    break  # INSEE answers 404 for zero match
                if not isinstance(data, dict) or not isinstance(data.get("etablissements"), list):
                    self.cache.discard(entry)
                    raise DataError(
                        translate(
                            "Sirene",
                            "{service} sent an answer without establishments: the service may be failing, or its "
                            "address in the plugin options may be wrong.",
                        ).format(service=self.service.name)
                    )
                self.records.append(entry.provenance)
                for etab in data["etablissements"]:
                    row = insee_row(etab)
                    if not row["siret"] or row["siret"] in rows:
                        continue
                    if active_only and row["etat_administratif"] not in ("A", ""):
                        result.dropped_closed += 1
                        continue
                    if activity and not activity.matches(row["naf"]):
                        result.dropped_activity += 1
                        continue
                    rows[row["siret"]] = row
                    if row["x"] is None:
                        result.without_position += 1
                header = data.get("header") or {}
                following = header.get("curseurSuivant")
                if not following or following == header.get("curseur", cursor) or not data["etablissements"]:
                    break
                cursor = following
            self.cache.commit(pending)
            if self.progress:
                self.progress(100.0 * (number + 1) / len(groups))
        result.frame = pd.DataFrame(list(rows.values()), columns=COLUMNS)
        result.requests = self.requests
        result.pieces = len(groups)
        result.records = self.records
        return result


def insee_row(etab: dict) -> dict:
    """One output row from an establishment of INSEE's ``/siret`` answer."""
    unit = etab.get("uniteLegale") or {}
    address = etab.get("adresseEtablissement") or {}
    periods = etab.get("periodesEtablissement") or [{}]
    current = next((p for p in periods if not p.get("dateFin")), periods[0])
    name = _text(unit.get("denominationUniteLegale"))
    if not name:
        name = " ".join(p for p in (_text(unit.get("prenom1UniteLegale")), _text(unit.get("nomUniteLegale"))) if p)
    street = " ".join(
        _text(address.get(key))
        for key in (
            "numeroVoieEtablissement",
            "indiceRepetitionEtablissement",
            "typeVoieEtablissement",
            "libelleVoieEtablissement",
        )
        if address.get(key)
    )
    commune = _text(address.get("codeCommuneEtablissement"))
    postcode = _text(address.get("codePostalEtablissement"))
    city = _text(address.get("libelleCommuneEtablissement"))
    x = _coordinate(address.get("coordonneeLambertAbscisseEtablissement"))
    y = _coordinate(address.get("coordonneeLambertOrdonneeEtablissement"))
    if x is None or y is None:
        x = y = None
    naf = _text(current.get("activitePrincipaleEtablissement"))
    band = _text(etab.get("trancheEffectifsEtablissement"))
    return {
        "siret": _text(etab.get("siret")),
        "siren": _text(etab.get("siren")),
        "nom": name,
        "enseigne": _text(current.get("enseigne1Etablissement") or current.get("denominationUsuelleEtablissement")),
        "naf": naf,
        "naf_section": section_of(naf),
        "naf_entreprise": _text(unit.get("activitePrincipaleUniteLegale")),
        "tranche_effectif": band,
        "effectif": HEADCOUNT.get(band, ""),
        "adresse": " ".join(p for p in (street, postcode, city) if p),
        "code_postal": postcode,
        "code_commune": commune,
        "commune": city,
        "date_creation": _text(etab.get("dateCreationEtablissement")),
        "etat_administratif": _text(current.get("etatAdministratifEtablissement")),
        "est_siege": bool(etab.get("etablissementSiege")),
        "longitude": None,
        "latitude": None,
        "x": x,
        "y": y,
        "crs": (INSEE_CRS.get(commune[:3], "EPSG:2154") if x is not None else ""),
    }


def fetch_establishments(
    territory: str,
    activity: str = "",
    active_only: bool = True,
    api_key: str = "",
    cache: Optional[Cache] = None,
    cancel: CancelCheck = None,
    warn: Warn = None,
    progress: Progress = None,
    info: Warn = None,
) -> Establishments:
    """Establishments of a commune, an EPCI or a département (see the module docstring)."""
    wanted = parse_activity(activity)
    if api_key:
        client = InseeSireneClient(api_key, cache=cache, cancel=cancel, warn=warn, progress=progress, info=info)
    else:
        client = SireneClient(cache=cache, cancel=cancel, warn=warn, progress=progress, info=info)
    result = client.fetch(territory, wanted, active_only)
    if result.frame.empty:
        what = translate("Sirene", " with activity {activity}").format(activity=activity.strip()) if wanted else ""
        raise DataError(
            translate(
                "Sirene",
                "No establishment found in {territory}{what}: check the territory code and the activity filter.",
            ).format(territory=territory.strip(), what=what)
        )
    result.frame = result.frame.sort_values(["code_commune", "siret"], kind="stable").reset_index(drop=True)
    return result
