"""A loopback stand-in for the Géoplateforme geocoder (``/geocodage``), answering like the real one.

It implements what the plugin uses, after ``livingdata-co/gpf-geocodeur`` (``api/router.js``,
``api/csv/parse.js``, ``batch/stream/results.js``) and the recorded answers in
``tests/data/fixtures/ban_*``:

- ``POST /search/csv`` and ``POST /reverse/csv``: a multipart upload (``data`` file, repeated
  ``columns``, ``postcode``/``citycode`` column names, repeated ``result_columns``, ``lat``/``lon``
  column names); the input's encoding and separator are detected; the answer is UTF-8 CSV with
  the same separator and line break as the input, all input columns first, then the result
  columns, ``x-rows-count`` and ``content-disposition`` headers; rows with an empty or too short
  query are ``skipped``, unknown ones ``not-found``; the real 400 messages for a missing file or
  an unknown column name;
- ``GET /search`` (JSON FeatureCollection, prefix match like autocomplete) with the real 400 body
  for a query under 3 characters.

The answers come from a small gazetteer: the two recorded addresses of the fixtures (Paris, Cergy)
plus whatever a test or the benchmark adds. ``script`` forces the next answers (429 with
``Retry-After``, 500, a malformed body) to exercise the client's error handling.

Use it with pytest-httpserver (``FakeGeocoder().install(httpserver, prefix)``) or standalone with
:func:`serve` (a werkzeug server in a thread, for the benchmark).
"""

import csv
import io
import json
import math
import re
import threading
import time
import unicodedata
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Tuple

from werkzeug.wrappers import Request, Response

SEARCH_RESULT_COLUMNS = [
    "longitude",
    "latitude",
    "result_score",
    "result_score_next",
    "result_label",
    "result_type",
    "result_id",
    "result_banId",
    "result_housenumber",
    "result_name",
    "result_street",
    "result_postcode",
    "result_city",
    "result_context",
    "result_citycode",
    "result_oldcitycode",
    "result_oldcity",
    "result_district",
    "result_status",
]
REVERSE_RESULT_COLUMNS = [
    "result_longitude",
    "result_latitude",
    "result_distance",
    "result_label",
    "result_type",
    "result_id",
    "result_housenumber",
    "result_name",
    "result_street",
    "result_postcode",
    "result_city",
    "result_context",
    "result_citycode",
    "result_oldcitycode",
    "result_oldcity",
    "result_district",
    "result_status",
]
JSON_TYPE = "application/json; charset=utf-8"


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


@dataclass
class Address:
    """One gazetteer entry: what the service knows about an address."""

    key: str  # normalised query that finds it (without postcode/city)
    lon: float
    lat: float
    label: str
    score: float
    type: str = "housenumber"
    id: str = ""
    ban_id: str = ""
    housenumber: str = ""
    name: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    context: str = ""
    citycode: str = ""
    district: str = ""
    score_next: float = 0.0

    def search_values(self) -> Dict[str, str]:
        return {
            "longitude": f"{self.lon}",
            "latitude": f"{self.lat}",
            "result_score": f"{self.score}",
            "result_score_next": f"{self.score_next}" if self.score_next else "",
            "result_label": self.label,
            "result_type": self.type,
            "result_id": self.id,
            "result_banId": self.ban_id,
            "result_housenumber": self.housenumber,
            "result_name": self.name,
            "result_street": self.street,
            "result_postcode": self.postcode,
            "result_city": self.city,
            "result_context": self.context,
            "result_citycode": self.citycode,
            "result_oldcitycode": "",
            "result_oldcity": "",
            "result_district": self.district,
            "result_status": "ok",
        }

    def feature(self, score: Optional[float] = None) -> dict:
        props = {
            "label": self.label,
            "score": self.score if score is None else score,
            "housenumber": self.housenumber or None,
            "id": self.id,
            "banId": self.ban_id or None,
            "name": self.name,
            "postcode": self.postcode,
            "citycode": self.citycode,
            "city": self.city,
            "context": self.context,
            "type": self.type,
            "street": self.street,
            "_type": "address",
        }
        if self.district:
            props["district"] = self.district
        return {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [self.lon, self.lat]},
            "properties": props,
        }


def recorded_addresses() -> List[Address]:
    """The two real addresses of the recorded fixtures, and a street-level match (low score)."""
    return [
        Address(
            "10 rue de rivoli",
            2.36041,
            48.8555,
            "10 Rue de Rivoli 75004 Paris",
            0.9701581818181818,
            "housenumber",
            "75104_8249_00010",
            "10ee511a-2616-4186-948f-ab4ae0dffab4",
            "10",
            "10 Rue de Rivoli",
            "Rue de Rivoli",
            "75004",
            "Paris",
            "75, Paris, Île-de-France",
            "75104",
            "Paris 4e Arrondissement",
            0.7523145454545454,
        ),
        Address(
            "8 boulevard du port",
            2.062821,
            49.031624,
            "8 Boulevard du Port 95000 Cergy",
            0.9708954545454545,
            "housenumber",
            "95127_1448_00008",
            "8e6b04d7-f6fd-48a1-80be-4ec984a286e8",
            "8",
            "8 Boulevard du Port",
            "Boulevard du Port",
            "95000",
            "Cergy",
            "95, Val-d'Oise, Île-de-France",
            "95127",
            "",
            0.6862709090909091,
        ),
        # composed: a street-level answer with a middling score, to exercise MIN_SCORE
        Address(
            "boulevard du port",
            2.0641,
            49.0322,
            "Boulevard du Port 95000 Cergy",
            0.4812,
            "street",
            "95127_1448",
            "",
            "",
            "Boulevard du Port",
            "Boulevard du Port",
            "95000",
            "Cergy",
            "95, Val-d'Oise, Île-de-France",
            "95127",
        ),
    ]


def distance_m(lon1, lat1, lon2, lat2) -> float:
    r = 6371008.8
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(a))


def sniff(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max([",", ";", "\t", "|"], key=first.count)


def decode(raw: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def error_400(message: str) -> Response:
    return Response(json.dumps({"code": 400, "message": message}), status=400, content_type=JSON_TYPE)


@dataclass
class FakeGeocoder:
    addresses: List[Address] = field(default_factory=recorded_addresses)
    #: forced next answers, consumed one per request: ("429", seconds) | ("500",) | ("malformed",) | ("html",)
    script: List[Tuple] = field(default_factory=list)
    log: List[Dict] = field(default_factory=list)  # one entry per request: path, rows, form
    server_seconds: float = 0.0  # time spent answering (the benchmark subtracts it)

    def __post_init__(self):
        self._lock = threading.Lock()
        self.index: Dict[str, List[Address]] = {}
        for address in self.addresses:
            self.index.setdefault(address.key, []).append(address)

    def add(self, address: Address) -> None:
        self.addresses.append(address)
        self.index.setdefault(address.key, []).append(address)

    # -- matching --------------------------------------------------------------------------------
    def match(self, query: str, postcode: str = "", citycode: str = "") -> Optional[Address]:
        words = normalise(query)
        candidates = list(self.index.get(words, []))
        if not candidates and len(self.addresses) <= 500:
            tokens = words.split()
            for address in self.addresses:  # "10 rue de Rivoli Paris" finds "10 rue de rivoli"
                key = address.key.split()
                if key == tokens[: len(key)] and (len(tokens) == len(key) or normalise(address.city) in words):
                    candidates.append(address)
        if postcode:
            candidates = [a for a in candidates if a.postcode == postcode]
        if citycode:
            candidates = [a for a in candidates if a.citycode == citycode]
        return max(candidates, key=lambda a: a.score) if candidates else None

    def nearest(self, lon: float, lat: float, radius: float = 500.0) -> Tuple[Optional[Address], float]:
        best, best_d = None, radius
        for address in self.addresses:
            if address.type != "housenumber":
                continue
            d = distance_m(lon, lat, address.lon, address.lat)
            if d <= best_d:
                best, best_d = address, d
        return best, best_d

    # -- scripted failures -----------------------------------------------------------------------
    def _scripted(self) -> Optional[Response]:
        with self._lock:
            if not self.script:
                return None
            step = self.script.pop(0)
        kind = step[0]
        if kind == "429":
            return Response(
                "<html><body>Too Many Requests</body></html>",
                status=429,
                content_type="text/html",
                headers={"Retry-After": str(step[1] if len(step) > 1 else 1)},
            )
        if kind == "500":
            return Response(
                json.dumps({"code": 500, "message": "An unexpected error has occurred"}),
                status=500,
                content_type=JSON_TYPE,
            )
        if kind == "html":
            return Response("<html><body>Maintenance</body></html>", status=200, content_type="text/html")
        if kind == "malformed":
            return Response("this is not,the answer\n\x00\x01", status=200, content_type="text/csv")
        raise ValueError(f"unknown scripted step {step}")

    # -- handlers --------------------------------------------------------------------------------
    def _timed(self, handler, request: Request) -> Response:
        start = time.perf_counter()
        try:
            scripted = self._scripted()
            if scripted is not None:
                self.log.append({"path": request.path, "scripted": scripted.status_code})
                return scripted
            return handler(request)
        finally:
            self.server_seconds += time.perf_counter() - start

    def search_csv(self, request: Request) -> Response:
        return self._timed(self._search_csv, request)

    def reverse_csv(self, request: Request) -> Response:
        return self._timed(self._reverse_csv, request)

    def search(self, request: Request) -> Response:
        return self._timed(self._search, request)

    def _read_upload(self, request: Request):
        upload = request.files.get("data")
        if upload is None:
            return None, error_400("A CSV file must be provided in data field")
        text = decode(upload.read())
        delimiter = sniff(text)
        crlf = "\r\n" in text.split("\n", 1)[0] + "\n"
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
        if not rows:
            return None, error_400("A CSV file must be provided in data field")
        header = rows[0]
        return (header, rows[1:], delimiter, "\r\n" if crlf else "\n", upload.filename or "data.csv"), None

    def _answer(self, header, rows, delimiter, newline, filename, result_columns) -> Response:
        out = io.StringIO()
        writer = csv.writer(out, delimiter=delimiter, lineterminator=newline)
        writer.writerow(list(header) + result_columns)
        for values, result in rows:
            writer.writerow(list(values) + [result.get(c, "") for c in result_columns])
        name = filename.rsplit(".", 1)[0]
        return Response(
            out.getvalue().encode("utf-8"),
            status=200,
            content_type="text/csv",
            headers={
                "x-rows-count": str(len(rows)),
                "content-disposition": f'attachment; filename="{name}-geocoded.csv"',
            },
        )

    def _search_csv(self, request: Request) -> Response:
        upload, error = self._read_upload(request)
        if error is not None:
            return error
        header, rows, delimiter, newline, filename = upload
        columns = request.form.getlist("columns") or list(header)
        if any(c not in header for c in columns):
            return error_400("At least one given column name is unknown")
        filters = {}
        for name in ("postcode", "citycode"):
            column = request.form.get(name)
            if column:
                if column not in header:
                    return error_400(f"Unknown column name for {name}")
                filters[name] = header.index(column)
        result_columns = request.form.getlist("result_columns") or SEARCH_RESULT_COLUMNS
        unknown = [c for c in result_columns if c not in SEARCH_RESULT_COLUMNS]
        if unknown:
            return error_400(f"Unknown result column: {unknown[0]}")
        positions = [header.index(c) for c in columns]
        answered = []
        for row in rows:
            row = row + [""] * (len(header) - len(row))
            query = " ".join(row[p].strip() for p in positions if row[p].strip())
            if len(query) < 3 or not query[0].isalnum():
                result = {"result_status": "skipped"}
            else:
                found = self.match(
                    query,
                    row[filters["postcode"]].strip() if "postcode" in filters else "",
                    row[filters["citycode"]].strip() if "citycode" in filters else "",
                )
                result = found.search_values() if found else {"result_status": "not-found"}
            answered.append((row, result))
        self.log.append({"path": request.path, "rows": len(rows), "form": request.form.to_dict(flat=False)})
        return self._answer(header, answered, delimiter, newline, filename, result_columns)

    def _reverse_csv(self, request: Request) -> Response:
        upload, error = self._read_upload(request)
        if error is not None:
            return error
        header, rows, delimiter, newline, filename = upload
        lat_col = request.form.get("lat") or next((c for c in header if c in ("latitude", "lat")), None)
        lon_col = request.form.get("lon") or next((c for c in header if c in ("longitude", "lon", "lng", "long")), None)
        if lat_col not in header or lon_col not in header:
            return error_400("At least one given column name is unknown")
        lat_i, lon_i = header.index(lat_col), header.index(lon_col)
        answered = []
        for row in rows:
            try:
                lat, lon = float(row[lat_i]), float(row[lon_i])
            except (ValueError, IndexError):
                answered.append((row, {"result_status": "skipped"}))
                continue
            found, dist = self.nearest(lon, lat)
            if found is None:
                answered.append((row, {"result_status": "not-found"}))
                continue
            values = found.search_values()
            result = {k: v for k, v in values.items() if k in REVERSE_RESULT_COLUMNS}
            result.update(
                result_longitude=values["longitude"],
                result_latitude=values["latitude"],
                result_distance=str(int(round(dist))),
            )
            answered.append((row, result))
        self.log.append({"path": request.path, "rows": len(rows), "form": request.form.to_dict(flat=False)})
        return self._answer(header, answered, delimiter, newline, filename, REVERSE_RESULT_COLUMNS)

    def _search(self, request: Request) -> Response:
        q = request.args.get("q", "")
        if len(q.strip()) < 3 or not q.strip()[0].isalnum():
            body = {
                "code": 400,
                "message": "Failed parsing query",
                "detail": ["q: must contain between 3 and 200 chars and start with a number or a letter"],
            }
            return Response(json.dumps(body), status=400, content_type=JSON_TYPE)
        limit = int(request.args.get("limit", 10))
        words = normalise(q)
        autocomplete = request.args.get("autocomplete", "1") in ("1", "true", "yes")
        found = []
        for address in self.addresses:
            label = normalise(address.label)
            if label.startswith(words) or (
                autocomplete
                and all(w in label.split() or any(t.startswith(w) for t in label.split()) for w in words.split())
            ):
                ratio = min(1.0, len(words) / max(len(label), 1))
                found.append((address, round(0.5 + 0.5 * ratio, 4)))
        found.sort(key=lambda item: -item[1])
        body = {"type": "FeatureCollection", "features": [a.feature(score) for a, score in found[:limit]], "query": q}
        self.log.append({"path": request.path, "q": q})
        return Response(json.dumps(body, ensure_ascii=False), status=200, content_type=JSON_TYPE)

    # -- wiring ----------------------------------------------------------------------------------
    def install(self, httpserver, prefix: str = "/geocodage") -> "FakeGeocoder":
        """Answer on a pytest-httpserver server below ``prefix``."""
        httpserver.expect_request(f"{prefix}/search/csv", method="POST").respond_with_handler(self.search_csv)
        httpserver.expect_request(f"{prefix}/reverse/csv", method="POST").respond_with_handler(self.reverse_csv)
        httpserver.expect_request(f"{prefix}/search", method="GET").respond_with_handler(self.search)
        return self

    def wsgi(self, prefix: str = "/geocodage"):
        routes = {
            f"{prefix}/search/csv": self.search_csv,
            f"{prefix}/reverse/csv": self.reverse_csv,
            f"{prefix}/search": self.search,
        }

        @Request.application
        def app(request: Request):
            handler = routes.get(request.path.rstrip("/"))
            if handler is None:
                return Response("not found", status=404)
            return handler(request)

        return app


def serve(fake: FakeGeocoder, prefix: str = "/geocodage"):
    """Start a threaded werkzeug server on 127.0.0.1; returns (base URL, server). Call server.shutdown()."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, fake.wsgi(prefix), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://127.0.0.1:{server.server_port}{prefix}", server


# -- company search (SIRENE) -------------------------------------------------------------------------
#
# The same idea for the two company services of this area: Recherche d'entreprises (``/search``,
# after ``annuaire-entreprises-data-gouv-fr/search-api``: filters, paging, the 10 000 cap, the
# matching establishments of each company, ``{"erreur": …}`` 400 bodies) and INSEE's API Sirene
# (``/siret`` with a Lucene-like ``q``, cursor paging, the key header, 404 for zero match).


def recorded_companies() -> List[dict]:
    """The two companies of the recorded fixtures, with their establishments."""
    from .replay import FIXTURES

    companies = []
    for name in ("recherche_entreprises_near_point.json", "recherche_entreprises_search.json"):
        data = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
        for company in data["results"]:
            company = json.loads(json.dumps(company))
            siege = company.get("siege") or {}
            etabs = company.get("matching_etablissements") or []
            if siege.get("siret") and siege.get("commune") and not any(e["siret"] == siege["siret"] for e in etabs):
                etabs.append(
                    {
                        k: siege.get(k)
                        for k in (
                            "activite_principale",
                            "adresse",
                            "code_postal",
                            "commune",
                            "date_creation",
                            "epci",
                            "est_siege",
                            "etat_administratif",
                            "latitude",
                            "longitude",
                            "libelle_commune",
                            "region",
                            "siret",
                            "tranche_effectif_salarie",
                            "liste_enseignes",
                            "nom_commercial",
                        )
                    }
                )
            company["_etablissements"] = etabs
            companies.append(company)
    return companies


def composed_company(
    index: int,
    commune: str,
    naf: str,
    section: str,
    state: str = "A",
    establishments: int = 1,
    lat: float = 48.11,
    lon: float = -1.68,
    epci: str = "243500139",
) -> dict:
    """A company shaped like a recorded one, with invented values (deterministic from ``index``)."""
    siren = f"9{index:08d}"
    etabs = []
    for n in range(establishments):
        etabs.append(
            {
                "activite_principale": naf,
                "adresse": f"{n + 1} RUE DES TESTS {commune}",
                "code_postal": "35000",
                "commune": commune,
                "date_creation": f"20{index % 20:02d}-01-{n % 28 + 1:02d}",
                "epci": epci,
                "est_siege": n == 0,
                "etat_administratif": state if n == 0 else ("F" if n % 3 == 2 else "A"),
                "geo_id": None,
                "latitude": f"{lat + index * 1e-4:.6f}",
                "longitude": f"{lon + n * 1e-4:.6f}",
                "libelle_commune": "RENNES",
                "liste_enseignes": None,
                "nom_commercial": None,
                "region": "53",
                "siret": f"{siren}{n + 1:05d}",
                "tranche_effectif_salarie": "11",
            }
        )
    return {
        "siren": siren,
        "nom_complet": f"SOCIETE TEST {index}",
        "nom_raison_sociale": f"SOCIETE TEST {index}",
        "activite_principale": naf,
        "section_activite_principale": section,
        "etat_administratif": state,
        "nombre_etablissements": establishments,
        "nombre_etablissements_ouverts": establishments,
        "tranche_effectif_salarie": "11",
        "_etablissements": etabs,
    }


@dataclass
class FakeSirene:
    companies: List[dict] = field(default_factory=recorded_companies)
    communes: Dict[str, List[str]] = field(default_factory=dict)  # territory (epci or dep) -> commune codes (geo.api)
    capped: Dict[Tuple, bool] = field(default_factory=dict)  # (commune, section or "") -> report 10 000 total
    script: List[Tuple] = field(default_factory=list)
    log: List[Dict] = field(default_factory=list)
    insee_key: str = "secret-key"

    def __post_init__(self):
        self._lock = threading.Lock()

    # -- recherche-entreprises ---------------------------------------------------------------------------
    def search(self, request: Request) -> Response:
        scripted = self._scripted()
        if scripted is not None:
            self.log.append({"path": request.path, "scripted": scripted.status_code})
            return scripted
        args = request.args
        self.log.append({"path": request.path, "args": args.to_dict(), "at": time.monotonic()})

        def error(message):
            return Response(json.dumps({"erreur": message}), status=400, content_type="application/json")

        per_page, page = int(args.get("per_page", 10)), int(args.get("page", 1))
        if not 1 <= per_page <= 25:
            return error("Veuillez indiquer un paramètre `per_page` entre `1` et `25`, par défaut `10`.")
        if page * per_page > 10000:
            return error("Le nombre total de résultats est restreint à 10 000.")
        communes = [c for c in args.get("code_commune", "").split(",") if c]
        for commune in communes:
            if not re.match(r"^([013-9]\d|2[AB1-9])\d{3}$", commune):
                return error("Au moins une valeur du paramètre commune est non valide.")
        if not (communes or args.get("q") or args.get("epci") or args.get("departement")):
            return error("Veuillez indiquer au moins un paramètre de recherche.")
        codes = [c for c in args.get("activite_principale", "").split(",") if c]
        sections = [s for s in args.get("section_activite_principale", "").split(",") if s]
        state = args.get("etat_administratif")
        limit = int(args.get("limite_matching_etablissements", 10))
        found = []
        for company in self.companies:
            if codes and company.get("activite_principale") not in codes:
                continue
            if sections and company.get("section_activite_principale") not in sections:
                continue
            if state and company.get("etat_administratif") != state:
                continue
            etabs = [e for e in company["_etablissements"] if not communes or e.get("commune") in communes]
            if not etabs:
                continue
            etabs.sort(key=lambda e: e.get("etat_administratif") or "")  # A before F, like the service
            result = {k: v for k, v in company.items() if not k.startswith("_") and k != "siege"}
            result["matching_etablissements"] = etabs[:limit]
            found.append(result)
        found.sort(key=lambda c: -(c.get("nombre_etablissements_ouverts") or 0))
        total = len(found)
        key = (communes[0] if communes else "", sections[0] if len(sections) == 1 else "")
        if self.capped.get(key) and not codes:
            total = 10000
        start = (page - 1) * per_page
        body = {
            "results": found[start : start + per_page],
            "total_results": total,
            "page": page,
            "per_page": per_page,
            "total_pages": math.ceil(total / per_page) if total else 0,
        }
        return Response(json.dumps(body, ensure_ascii=False), status=200, content_type="application/json")

    # -- geo.api.gouv.fr, the part the SIRENE client uses -------------------------------------------------
    def geo_communes(self, request: Request) -> Response:
        territory = request.args.get("codeEpci") or request.args.get("codeDepartement") or ""
        items = [{"code": c, "nom": f"Commune {c}"} for c in self.communes.get(territory, [])]
        return Response(json.dumps(items), status=200, content_type=JSON_TYPE)

    def geo_commune(self, request: Request) -> Response:
        code = request.path.rstrip("/").rsplit("/", 1)[-1]
        known = {e.get("commune") for c in self.companies for e in c["_etablissements"]}
        known |= {c for codes in self.communes.values() for c in codes} | {"75056", "35238"}
        if code not in known:
            return Response(
                json.dumps({"code": 404, "message": "Commune non trouvée"}), status=404, content_type=JSON_TYPE
            )
        return Response(
            json.dumps({"code": code, "nom": "Rennes" if code == "35238" else f"Commune {code}"}),
            status=200,
            content_type=JSON_TYPE,
        )

    # -- INSEE API Sirene ------------------------------------------------------------------------------
    def insee_siret(self, request: Request) -> Response:
        scripted = self._scripted()
        if scripted is not None:
            return scripted
        self.log.append(
            {
                "path": request.path,
                "args": request.args.to_dict(),
                "key": request.headers.get("X-INSEE-Api-Key-Integration"),
            }
        )
        if request.headers.get("X-INSEE-Api-Key-Integration") != self.insee_key:
            return Response(
                json.dumps({"fault": {"code": 900901, "message": "Invalid Credentials"}}),
                status=401,
                content_type="application/json",
            )
        q = request.args.get("q", "")
        communes = re.findall(r"codeCommuneEtablissement:(\w+)", q)
        codes = re.findall(r"activitePrincipaleEtablissement:([\w.]+)", q)
        active = "etatAdministratifEtablissement:A" in q
        matches = []
        for company in self.companies:
            for etab in company["_etablissements"]:
                if etab.get("commune") not in communes:
                    continue
                if codes and etab.get("activite_principale") not in codes:
                    continue
                if active and etab.get("etat_administratif") != "A":
                    continue
                matches.append(self._insee_etab(company, etab))
        if not matches:
            return Response(
                json.dumps({"header": {"statut": 404, "message": "Aucun élément trouvé pour q=" + q}}),
                status=404,
                content_type="application/json",
            )
        size = int(request.args.get("nombre", 20))
        cursor = request.args.get("curseur", "*")
        start = 0 if cursor == "*" else int(cursor.split("-")[1])
        page = matches[start : start + size]
        following = f"c-{start + size}" if start + size < len(matches) else cursor
        header = {
            "statut": 200,
            "message": "OK",
            "total": len(matches),
            "debut": start,
            "nombre": len(page),
            "curseur": cursor,
            "curseurSuivant": following,
        }
        return Response(
            json.dumps({"header": header, "etablissements": page}, ensure_ascii=False),
            status=200,
            content_type="application/json",
        )

    @staticmethod
    def _insee_etab(company: dict, etab: dict) -> dict:
        """The INSEE shape of an establishment; Lambert-93 x/y computed from its WGS84 position."""
        lon, lat = float(etab["longitude"]), float(etab["latitude"])
        x, y = lambert93(lon, lat)
        words = (etab.get("adresse") or "").split()
        return {
            "siren": company["siren"],
            "nic": etab["siret"][9:],
            "siret": etab["siret"],
            "dateCreationEtablissement": etab.get("date_creation"),
            "trancheEffectifsEtablissement": etab.get("tranche_effectif_salarie"),
            "etablissementSiege": bool(etab.get("est_siege")),
            "uniteLegale": {
                "denominationUniteLegale": company.get("nom_raison_sociale"),
                "activitePrincipaleUniteLegale": company.get("activite_principale"),
            },
            "adresseEtablissement": {
                "numeroVoieEtablissement": words[0] if words and words[0].isdigit() else None,
                "typeVoieEtablissement": "RUE",
                "libelleVoieEtablissement": " ".join(words[2:-2]) or None,
                "codePostalEtablissement": etab.get("code_postal"),
                "libelleCommuneEtablissement": etab.get("libelle_commune"),
                "codeCommuneEtablissement": etab.get("commune"),
                "coordonneeLambertAbscisseEtablissement": f"{x:.2f}",
                "coordonneeLambertOrdonneeEtablissement": f"{y:.2f}",
            },
            "periodesEtablissement": [
                {
                    "dateFin": None,
                    "etatAdministratifEtablissement": etab.get("etat_administratif"),
                    "activitePrincipaleEtablissement": etab.get("activite_principale"),
                    "enseigne1Etablissement": None,
                    "denominationUsuelleEtablissement": None,
                }
            ],
        }

    def _scripted(self) -> Optional[Response]:
        with self._lock:
            if not self.script:
                return None
            step = self.script.pop(0)
        if step[0] == "429":
            return Response("", status=429, headers={"Retry-After": str(step[1] if len(step) > 1 else 1)})
        if step[0] == "500":
            return Response(
                json.dumps({"erreur": "Une erreur inattendue s'est produite. Veuillez réessayer plus tard."}),
                status=500,
                content_type="application/json",
            )
        if step[0] == "malformed":
            return Response('{"results": [{"siren": "1"', status=200, content_type="application/json")
        if step[0] == "400":
            from .replay import fixture_bytes

            return Response(
                fixture_bytes("recherche_entreprises_error_400.json"), status=400, content_type="application/json"
            )
        if step[0] == "noresults":
            return Response(json.dumps({"message": "ok"}), status=200, content_type="application/json")
        raise ValueError(step)

    def install(self, httpserver, sirene_prefix="/sirene", geo_prefix="/geo", insee_prefix="/insee") -> "FakeSirene":
        httpserver.expect_request(f"{sirene_prefix}/search").respond_with_handler(self.search)
        httpserver.expect_request(f"{geo_prefix}/communes").respond_with_handler(self.geo_communes)
        httpserver.expect_request(re.compile(f"^{geo_prefix}/communes/[0-9AB]+$")).respond_with_handler(
            self.geo_commune
        )
        httpserver.expect_request(f"{insee_prefix}/siret").respond_with_handler(self.insee_siret)
        return self


def lambert93(lon: float, lat: float) -> Tuple[float, float]:
    """WGS84 → Lambert-93 (EPSG:2154), IGN's closed formulas (GRS80 taken as WGS84, as RGF93 does)."""
    e = 0.0818191910428158  # first eccentricity of GRS80
    n, c, xs, ys = 0.7256077650532670, 11754255.426096, 700000.0, 12655612.049876
    lon0 = math.radians(3.0)
    phi = math.radians(lat)
    latiso = math.log(math.tan(math.pi / 4 + phi / 2) * ((1 - e * math.sin(phi)) / (1 + e * math.sin(phi))) ** (e / 2))
    r = c * math.exp(-n * latiso)
    gamma = n * (math.radians(lon) - lon0)
    return xs + r * math.sin(gamma), ys - r * math.cos(gamma)
