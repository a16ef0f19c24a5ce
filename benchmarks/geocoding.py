"""Geocoding benchmark: 10 000 addresses against a loopback server answering like ``POST /search/csv``.

    .venv/bin/python -P benchmarks/geocoding.py                  # 10 000 addresses
    .venv/bin/python -P benchmarks/geocoding.py --rows 50000 --repeat 3
    .venv/bin/python -P benchmarks/geocoding.py --no-qgis       # provider only, without the QGIS algorithm

Run it with the test venv's Python (werkzeug for the loopback server, and QGIS's Python packages for
the algorithm run). The server (``tests/support/fake_geocoder.py``: multipart upload, encoding and
separator detection, CSV answer with the result columns, ``not-found``/``skipped`` rows) runs in its
own process so that its CPU stays out of the client's figures; it reports how many requests it got
and its own handler time, subtracted from the wall time to give the client-side time.

The input is a Windows-1252, ``;``-separated file (accents, CRLF), as a commune would export it:
95 % known addresses, 3 % unknown ones, 2 % empty rows.

Prints, cold cache then warm cache: HTTP requests (targets: ≤ 2 for 10 000 addresses, 0 warm),
rows per status, wall time, server time, client time (target < 2 s) and the peak memory of the
client; then the same through the Processing algorithm ``territorial:geocode_addresses`` writing a
GeoPackage.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))

from common import load_average, load_plugin, peak_rss_mb, timer  # noqa: E402

STREETS = [
    "rue de la Gare",
    "avenue Jean Jaurès",
    "boulevard du Port",
    "place de l'Église",
    "rue Victor Hugo",
    "chemin des Écoliers",
    "allée des Tilleuls",
    "rue du Général de Gaulle",
    "impasse des Prés",
    "quai de l'Oise",
]
CITIES = [
    ("95000", "95127", "Cergy"),
    ("95300", "95500", "Pontoise"),
    ("95800", "95127", "Cergy"),
    ("95650", "95074", "Boissy-l'Aillerie"),
    ("95490", "95637", "Vauréal"),
]


def address(n: int):
    """Row n of the synthetic table: (number, street, postcode, citycode, city, kind)."""
    street = STREETS[n % len(STREETS)]
    postcode, citycode, city = CITIES[(n // len(STREETS)) % len(CITIES)]
    number = str(1 + n // (len(STREETS) * len(CITIES)))
    kind = "empty" if n % 50 == 49 else "unknown" if n % 33 == 32 else "known"
    if kind == "unknown":
        street = f"rue Imaginaire {n}"
    return number, street, postcode, citycode, city, kind


def gazetteer(rows: int):
    from support.fake_geocoder import Address, FakeGeocoder, normalise

    fake = FakeGeocoder(addresses=[])
    for n in range(rows):
        number, street, postcode, citycode, city, kind = address(n)
        if kind != "known":
            continue
        lon = 2.0 + (n % 997) * 1e-4
        lat = 49.0 + (n // 997) * 1e-4
        fake.add(
            Address(
                normalise(f"{number} {street}"),
                lon,
                lat,
                f"{number} {street.title()} {postcode} {city}",
                0.9 + (n % 10) / 100,
                "housenumber",
                f"{citycode}_{n % 9000:04d}_{int(number):05d}",
                "",
                number,
                f"{number} {street}",
                street,
                postcode,
                city,
                "95, Val-d'Oise, Île-de-France",
                citycode,
            )
        )
    return fake


def serve(rows: int, port_file: str) -> None:
    """Server process: the fake geocoder plus /stats (requests and handler seconds)."""
    import logging

    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    fake = gazetteer(rows)
    app = fake.wsgi("/geocodage")

    def dispatch(environ, start_response):
        if environ.get("PATH_INFO") == "/stats":
            body = json.dumps({"requests": len(fake.log), "server_seconds": fake.server_seconds}).encode()
            start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
            return [body]
        return app(environ, start_response)

    server = make_server("127.0.0.1", 0, dispatch, threaded=True)
    Path(port_file).write_text(str(server.server_port))
    server.serve_forever()


def stats(base: str) -> dict:
    with urllib.request.urlopen(base + "/stats") as answer:
        return json.loads(answer.read())


def write_input(path: Path, rows: int) -> None:
    lines = ["numero;voie;code_postal;commune"]
    for n in range(rows):
        number, street, postcode, _, city, kind = address(n)
        lines.append(";;;" if kind == "empty" else f"{number};{street};{postcode};{city}")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def run_provider(path: Path, base: str, label: str) -> dict:
    from territorial_data.providers import geocoding, http

    http._CLIENT = None
    before = stats(base)
    with timer() as t:
        table = geocoding.read_table(str(path))
        queries = [[row[0], row[1]] for row in table.rows]
        result = geocoding.geocode(queries, [row[2] for row in table.rows], min_score=0.5)
    after = stats(base)
    server = after["server_seconds"] - before["server_seconds"]
    return {
        "run": label,
        "rows": len(result.results),
        "requests": after["requests"] - before["requests"],
        "counts": result.counts(),
        "wall_s": t.seconds,
        "server_s": server,
        "client_s": t.seconds - server,
        "peak_rss_mb": peak_rss_mb(),
    }


_KEEP = []


def run_algorithm(path: Path, base: str, out: Path, label: str) -> dict:
    from qgis.core import QgsApplication, QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

    from territorial_data.processing.provider import TerritorialProvider
    from territorial_data.providers import http

    registry = QgsApplication.processingRegistry()
    if registry.providerById("territorial") is None:
        _KEEP.append(TerritorialProvider())  # the registry does not keep the Python object alive
        registry.addProvider(_KEEP[-1])
    http._CLIENT = None
    alg = registry.createAlgorithmById("territorial:geocode_addresses")
    before = stats(base)
    with timer() as t:
        results, ok = alg.run(
            {
                "INPUT": str(path),
                "ADDRESS_FIELD": ["numero", "voie"],
                "POSTCODE_FIELD": "code_postal",
                "OUTPUT": str(out),
            },
            QgsProcessingContext(),
            QgsProcessingFeedback(),
            catchExceptions=False,
        )
    after = stats(base)
    server = after["server_seconds"] - before["server_seconds"]
    count = QgsVectorLayer(str(out), "out").featureCount()
    return {
        "run": label,
        "rows": count,
        "requests": after["requests"] - before["requests"],
        "wall_s": t.seconds,
        "server_s": server,
        "client_s": t.seconds - server,
        "peak_rss_mb": peak_rss_mb(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--no-qgis", action="store_true", help="provider only")
    parser.add_argument("--serve", metavar="PORT_FILE", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(args.rows, args.serve)
        return

    work = Path(tempfile.mkdtemp(prefix="bench-geocoding-"))
    port_file = work / "port"
    server = subprocess.Popen([sys.executable, "-P", __file__, "--rows", str(args.rows), "--serve", str(port_file)])
    try:
        deadline = time.monotonic() + 60
        while not port_file.exists() or not port_file.read_text():
            if time.monotonic() > deadline or server.poll() is not None:
                sys.exit("the loopback server did not start")
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port_file.read_text()}"
        os.environ["TERRITORIAL_DATA_GEOCODING_URL"] = base + "/geocodage"
        os.environ["TERRITORIAL_DATA_OFFLINE"] = "0"
        for proxy in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
            os.environ.pop(proxy, None)
        os.environ["NO_PROXY"] = "127.0.0.1"
        load_plugin()
        src = work / "adresses.csv"
        write_input(src, args.rows)
        reports = []
        for repeat in range(args.repeat):
            os.environ["TERRITORIAL_DATA_CACHE_DIR"] = str(work / f"cache-provider-{repeat}")
            reports.append(run_provider(src, base, "provider, cold cache"))
            reports.append(run_provider(src, base, "provider, warm cache"))
        if not args.no_qgis:
            try:
                from qgis.core import QgsApplication
            except ImportError:
                print("QGIS is not importable: algorithm runs skipped (use the test venv or /usr/bin/python3)")
            else:
                os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
                app = QgsApplication([], False)
                app.initQgis()
                for repeat in range(args.repeat):
                    os.environ["TERRITORIAL_DATA_CACHE_DIR"] = str(work / f"cache-alg-{repeat}")
                    reports.append(
                        run_algorithm(
                            src, base, work / f"out-{repeat}-cold.gpkg", "algorithm to GeoPackage, cold cache"
                        )
                    )
                    reports.append(
                        run_algorithm(
                            src, base, work / f"out-{repeat}-warm.gpkg", "algorithm to GeoPackage, warm cache"
                        )
                    )
    finally:
        server.terminate()
        server.wait(10)

    print(
        f"Geocoding {args.rows} addresses (Windows-1252, ';', CRLF) against a loopback /search/csv; "
        f"load {load_average()}"
    )
    print(f"{'run':40} {'rows':>6} {'requests':>8} {'wall s':>7} {'server s':>8} {'client s':>8} {'peak MB':>8}")
    for r in reports:
        print(
            f"{r['run']:40} {r['rows']:>6} {r['requests']:>8} {r['wall_s']:>7.2f} {r['server_s']:>8.2f} "
            f"{r['client_s']:>8.2f} {r['peak_rss_mb']:>8.0f}"
        )
    cold = [r for r in reports if r["run"] == "provider, cold cache"]
    if cold:
        print("statuses (provider, cold):", cold[0]["counts"])
        target_requests = max(1, -(-args.rows // 5000))
        worst_requests = max(r["requests"] for r in cold)
        worst_client = max(r["client_s"] for r in cold)
        print(
            f"requests: {worst_requests} (target ≤ {2 if args.rows <= 10000 else target_requests}) "
            f"{'PASS' if worst_requests <= max(2, target_requests) else 'MISS'}; "
            f"client time: {worst_client:.2f} s (target < 2 s for 10 000) "
            f"{'PASS' if worst_client < 2 * args.rows / 10000 else 'MISS'}"
        )


if __name__ == "__main__":
    main()
