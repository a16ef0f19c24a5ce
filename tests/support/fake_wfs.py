"""A loopback stand-in for the Géoplateforme WFS (GeoServer, WFS 2.0.0) serving BD TOPO road segments.

It answers ``GetFeature`` like the real service does (shared/APIS.md §6, fixture
``wfs_bdtopo_troncon.geojson``): GeoJSON envelope with ``numberMatched`` / ``numberReturned`` /
``totalFeatures`` / ``timeStamp`` / ``crs``, features with ``id``, ``geometry_name`` and ``bbox``,
``COUNT`` capped by the server (``max_count``), ``STARTINDEX`` paging, ``BBOX`` with an explicit CRS
(EPSG:2154 or CRS84) filtering by intersection, ``SRSNAME``, ``PROPERTYNAME`` (an unknown name is an
OWS exception, as in GeoServer) and ``SORTBY``. Without ``SORTBY`` the order changes from one
request to the next, as it may on a real database, so pages overlap.

The features are generated on a grid over a Lambert-93 box, in the fixture's schema (its first
feature's 84 properties as a template, with ``cleabs``, ``nature``, ``importance``,
``sens_de_circulation`` and ``vitesse_moyenne_vl`` varied).

Failure modes: ``script`` (statuses to answer first, in order: 429 with ``Retry-After``, 500, ...),
``truncate_at`` (the service stops delivering after that many features while ``numberMatched``
keeps announcing them all: the silent truncation), ``malformed`` (a body cut in the middle),
``xml_error`` (an OWS ExceptionReport with status 200), ``wrong_crs`` (coordinates in degrees
whatever SRSNAME says).

Use with pytest-httpserver: ``httpserver.expect_request("/wfs/ows").respond_with_handler(fake)``,
or standalone (benchmarks): ``serve(fake)`` runs a werkzeug server in a thread.
"""

import copy
import json
import math
import random
import threading
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from werkzeug.wrappers import Request, Response

FIXTURE = Path(__file__).resolve().parent.parent / "data" / "fixtures" / "wfs_bdtopo_troncon.geojson"
TYPENAME = "BDTOPO_V3:troncon_de_route"
JSON_TYPE = "application/json;charset=UTF-8"  # as GeoServer writes it

NATURES = [
    ("Route à 1 chaussée", 50),
    ("Route à 1 chaussée", 40),
    ("Route à 2 chaussées", 70),
    ("Rond-point", 30),
    ("Bretelle", 60),
    ("Chemin", 0),
    ("Piste cyclable", 0),
    ("Sentier", 0),
    ("Type autoroutier", 120),
]
SENS = ["Double sens", "Sens direct", "Double sens", "Sens inverse", "Sans objet"]


def _transformers():
    """(to_lonlat, to_l93) point functions: pyproj when present, else the plugin's formulas."""
    try:
        from pyproj import Transformer

        inverse = Transformer.from_crs(2154, 4326, always_xy=True).transform
        forward = Transformer.from_crs(4326, 2154, always_xy=True).transform
        return inverse, forward
    except ImportError:  # pragma: no cover - pyproj is not a runtime dependency
        from territorial_data.providers.bdtopo import l93_to_lonlat, lonlat_to_l93

        return l93_to_lonlat, lonlat_to_l93


TO_LONLAT, TO_L93 = _transformers()

#: a box around Rennes (the fixture's place), Lambert-93
RENNES_LONLAT = (-1.80, 48.05, -1.50, 48.20)


def l93_box(lonlat: Sequence[float]) -> Tuple[float, float, float, float]:
    xs, ys = [], []
    for lon in (lonlat[0], lonlat[2]):
        for lat in (lonlat[1], lonlat[3]):
            x, y = TO_L93(lon, lat)
            xs.append(x)
            ys.append(y)
    return min(xs), min(ys), max(xs), max(ys)


class FakeWfs:
    def __init__(
        self,
        count: int = 120,
        box_l93: Optional[Sequence[float]] = None,
        max_count: int = 5000,
        truncate_at: Optional[int] = None,
        script: Sequence = (),
        malformed: bool = False,
        xml_error: bool = False,
        wrong_crs: bool = False,
        matched_unknown: bool = False,
        seed: int = 7,
    ):
        self.count = count
        self.box = tuple(box_l93) if box_l93 else l93_box(RENNES_LONLAT)
        self.max_count = max_count
        self.truncate_at = truncate_at
        self.script = list(script)  # (status, headers) answered before anything else, in order
        self.malformed = malformed
        self.xml_error = xml_error
        self.wrong_crs = wrong_crs
        self.matched_unknown = matched_unknown
        self.seed = seed
        self.requests: List[Dict[str, str]] = []
        self.statuses: List[int] = []
        self.server_time = 0.0
        self._lock = threading.Lock()
        template = json.loads(FIXTURE.read_text(encoding="utf-8"))["features"][0]
        self.template = template
        self.features = [self._make(i) for i in range(count)]

    # -- data -------------------------------------------------------------------------------------
    def _make(self, i: int) -> dict:
        xmin, ymin, xmax, ymax = self.box
        cols = max(1, int(math.ceil(math.sqrt(self.count * (xmax - xmin) / max(ymax - ymin, 1.0)))))
        rows = max(1, int(math.ceil(self.count / cols)))
        step_x, step_y = (xmax - xmin) / cols, (ymax - ymin) / rows
        col, row = i % cols, i // cols
        x0 = xmin + (col + 0.2) * step_x
        y0 = ymin + (row + 0.5) * step_y
        length = 0.6 * step_x
        coords = [
            (x0, y0, 30.0 + i % 17),
            (x0 + length / 2, y0 + step_y * 0.1, 30.5 + i % 17),
            (x0 + length, y0, 31.0 + i % 17),
        ]
        props = copy.deepcopy(self.template["properties"])
        nature, speed = NATURES[i % len(NATURES)]
        props.update(
            cleabs=f"TRONROUT{i + 1:016d}",
            nature=nature,
            importance=str(1 + i % 6),
            sens_de_circulation=SENS[i % len(SENS)],
            vitesse_moyenne_vl=speed,
            nom_collaboratif_gauche=f"Rue {i + 1}",
            nom_collaboratif_droite=f"Rue {i + 1}",
        )
        return {"n": i, "l93": coords, "properties": props}

    def lonlat_coords(self, feature: dict) -> List[Tuple[float, float, float]]:
        if "ll" not in feature:
            feature["ll"] = [(*TO_LONLAT(x, y), z) for x, y, z in feature["l93"]]
        return feature["ll"]

    def selected(self, bbox: Tuple[float, float, float, float], crs: str) -> List[dict]:
        xmin, ymin, xmax, ymax = bbox
        out = []
        for feature in self.features:
            coords = feature["l93"] if crs == "l93" else self.lonlat_coords(feature)
            fx = [c[0] for c in coords]
            fy = [c[1] for c in coords]
            if max(fx) >= xmin and min(fx) <= xmax and max(fy) >= ymin and min(fy) <= ymax:
                out.append(feature)
        return out

    # -- HTTP -------------------------------------------------------------------------------------
    def __call__(self, request: Request) -> Response:
        started = time.perf_counter()
        try:
            response = self.answer(request)
        finally:
            self.server_time += time.perf_counter() - started
        self.statuses.append(response.status_code)
        return response

    @staticmethod
    def exception(code: str, text: str, status: int = 400) -> Response:
        body = (
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1" version="2.0.0">'
            f'<ows:Exception exceptionCode="{code}"><ows:ExceptionText>{text}</ows:ExceptionText></ows:Exception>'
            "</ows:ExceptionReport>"
        )
        return Response(body, status=status, content_type="application/xml")

    def answer(self, request: Request) -> Response:
        args = {k.upper(): v for k, v in request.args.items()}
        with self._lock:
            self.requests.append(args)
            scripted = self.script.pop(0) if self.script else None
        if scripted is not None:
            status, headers = scripted if isinstance(scripted, tuple) else (scripted, {})
            return Response(
                "<html><body>Too many requests</body></html>" if status == 429 else "Internal error",
                status=status,
                headers=headers,
                content_type="text/html",
            )
        if self.xml_error:
            return self.exception(
                "NoApplicableCode", "java.lang.RuntimeException: Failed to get a connection from the pool", 200
            )
        if args.get("SERVICE", "").upper() != "WFS" or args.get("REQUEST") != "GetFeature":
            return self.exception("OperationNotSupported", "Only GetFeature is served here")
        if args.get("VERSION") != "2.0.0":
            return self.exception("InvalidParameterValue", "VERSION must be 2.0.0")
        if args.get("TYPENAMES") != TYPENAME:
            return self.exception("InvalidParameterValue", f"Feature type {args.get('TYPENAMES')} unknown")
        srs = args.get("SRSNAME", "")
        out_crs = {
            "EPSG:2154": "l93",
            "urn:ogc:def:crs:EPSG::2154": "l93",
            "EPSG:4326": "ll",
            "urn:ogc:def:crs:OGC:1.3:CRS84": "ll",
        }.get(srs)
        if out_crs is None:
            return self.exception("InvalidParameterValue", f"SRSNAME '{srs}' missing or not supported here")
        parts = args.get("BBOX", "").split(",")
        if len(parts) != 5:
            return self.exception(
                "InvalidParameterValue", "BBOX must be xmin,ymin,xmax,ymax,CRS (the CRS is mandatory here)"
            )
        try:
            bbox = tuple(float(v) for v in parts[:4])
        except ValueError:
            return self.exception("InvalidParameterValue", "BBOX values must be numbers")
        box_crs = {"EPSG:2154": "l93", "urn:ogc:def:crs:OGC:1.3:CRS84": "ll"}.get(parts[4])
        if box_crs is None:
            return self.exception("InvalidParameterValue", f"BBOX CRS {parts[4]} not supported here")
        names = [n for n in args.get("PROPERTYNAME", "").split(",") if n]
        known = set(self.template["properties"]) | {"geometrie"}
        unknown = [n for n in names if n not in known]
        if unknown:
            return self.exception(
                "InvalidParameterValue", f"Illegal property name: {unknown[0]} for feature type {TYPENAME}"
            )
        try:
            count = int(args.get("COUNT", self.max_count))
            start = int(args.get("STARTINDEX", 0))
        except ValueError:
            return self.exception("InvalidParameterValue", "COUNT and STARTINDEX must be integers")
        count = min(count, self.max_count)
        matched = self.selected(bbox, box_crs)
        if not args.get("SORTBY"):
            random.Random(self.seed + start).shuffle(matched)  # no stable order without SORTBY
        available = len(matched) if self.truncate_at is None else min(len(matched), self.truncate_at)
        page = matched[start : min(start + count, available)] if start < available else []
        features = [self._feature(f, out_crs, names) for f in page]
        coords = [c for f in features for c in f["geometry"]["coordinates"]]
        body = {
            "type": "FeatureCollection",
            "features": features,
            "totalFeatures": len(matched),
            "numberMatched": "unknown" if self.matched_unknown else len(matched),
            "numberReturned": len(features),
            "timeStamp": "2026-09-01T08:15:02.417Z",
            "crs": {
                "type": "name",
                "properties": {
                    "name": "urn:ogc:def:crs:EPSG::2154" if out_crs == "l93" else "urn:ogc:def:crs:EPSG::4326"
                },
            },
        }
        if coords:
            body["bbox"] = [
                min(c[0] for c in coords),
                min(c[1] for c in coords),
                max(c[0] for c in coords),
                max(c[1] for c in coords),
            ]
        text = json.dumps(body, ensure_ascii=False)
        if self.malformed:
            text = text[: len(text) // 2]
        return Response(text, status=200, content_type=JSON_TYPE)

    def _feature(self, feature: dict, out_crs: str, names: List[str]) -> dict:
        crs = "ll" if self.wrong_crs else out_crs
        coords = feature["l93"] if crs == "l93" else self.lonlat_coords(feature)
        coords = [[round(c[0], 2 if crs == "l93" else 7), round(c[1], 2 if crs == "l93" else 7), c[2]] for c in coords]
        props = feature["properties"]
        if names:
            props = {k: v for k, v in props.items() if k in names}
        return {
            "type": "Feature",
            "id": f"troncon_de_route.{4000000 + feature['n']}",
            "geometry": {"type": "LineString", "coordinates": coords},
            "geometry_name": "geometrie",
            "properties": props,
            "bbox": [
                min(c[0] for c in coords),
                min(c[1] for c in coords),
                max(c[0] for c in coords),
                max(c[1] for c in coords),
            ],
        }


def serve(handler, host: str = "127.0.0.1", port: int = 0):
    """Run ``handler`` (a Request -> Response callable) in a werkzeug server thread.

    Returns (base URL, stop function).
    """
    from werkzeug.serving import make_server

    app = Request.application(handler)
    server = make_server(host, port, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return f"http://{host}:{server.server_port}", server.shutdown


# -- the other loopback answers these sources need -------------------------------------------------
SAMPLE = Path(__file__).resolve().parent.parent.parent / "sample" / "val-doise"
BNAC_VAL_DOISE = SAMPLE / "amenagements_cyclables_bnac_val_doise_2026.geojson"
COMMUNES_IDF = SAMPLE / "communes_idf.geojson"


def geo_api_communes(predicate) -> bytes:
    """A geo.api.gouv.fr ``/communes?format=geojson&geometry=contour`` answer made from the real
    Île-de-France communes of the sample (properties renamed to the API's), for ``predicate(props)``."""
    data = json.loads(COMMUNES_IDF.read_text(encoding="utf-8"))
    features = []
    for feature in data["features"]:
        props = feature["properties"]
        if not predicate(props):
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "nom": props["nom"],
                    "code": props["insee_com"],
                    "population": props["population_municipale"],
                    "codeEpci": props["epci_siren"],
                    "codeDepartement": props["dep"],
                    "codeRegion": "11",
                },
                "geometry": feature["geometry"],
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}).encode("utf-8")


def datagouv_dataset(new_url: str, old_url: str) -> dict:
    """``GET /api/1/datasets/amenagements-cyclables-france-metropolitaine/``: the dataset of the
    fixture ``datagouv_datasets_search.json`` with its two resources pointing at loopback URLs."""
    search = json.loads((FIXTURE.parent / "datagouv_datasets_search.json").read_text(encoding="utf-8"))
    dataset = copy.deepcopy(search["data"][0])
    dataset["resources"][0]["url"] = new_url
    dataset["resources"][1]["url"] = old_url
    return dataset
