"""Registry of the datasets the plugin reads: title, producer, licence, vintage, attribution.

Every provenance record (cache entry, output layer, printed map) refers to a dataset id of this
registry. Keep the entries short and factual; the sources are in ``shared/APIS.md`` of the
project and in each data README.
"""

from dataclasses import dataclass
from typing import Dict, Optional

DAY = 24 * 3600


@dataclass(frozen=True)
class Dataset:
    id: str
    title: str
    producer: str
    licence: str
    licence_url: str
    attribution: str
    vintage: str = ""  # millésime: the dataset's own date or release, when it has one
    max_age: Optional[int] = 30 * DAY  # seconds a cached answer stays fresh; None = forever
    homepage: str = ""


LO2 = ("Licence Ouverte / Open Licence 2.0", "https://www.etalab.gouv.fr/licence-ouverte-open-licence/")
ODBL = ("ODbL 1.0", "https://opendatacommons.org/licenses/odbl/1-0/")

DATASETS: Dict[str, Dataset] = {
    d.id: d
    for d in (
        Dataset(
            "geo_api",
            "Découpage administratif (API Géo)",
            "INSEE (COG), IGN (ADMIN EXPRESS), DINUM",
            *LO2,
            attribution="INSEE COG, IGN ADMIN EXPRESS via geo.api.gouv.fr",
            max_age=90 * DAY,
            homepage="https://geo.api.gouv.fr",
        ),
        Dataset(
            "ban",
            "Base Adresse Nationale (géocodage)",
            "IGN Géoplateforme, Base Adresse Nationale",
            *LO2,
            attribution="Base Adresse Nationale, IGN Géoplateforme",
            max_age=90 * DAY,
            homepage="https://data.geopf.fr/geocodage",
        ),
        Dataset(
            "sirene",
            "Établissements SIRENE (API Recherche d'entreprises)",
            "INSEE (Sirene), INPI (RNE), DINUM",
            *LO2,
            attribution="INSEE Sirene via recherche-entreprises.api.gouv.fr",
            max_age=7 * DAY,
            homepage="https://recherche-entreprises.api.gouv.fr",
        ),
        Dataset(
            "datagouv",
            "Catalogue data.gouv.fr",
            "data.gouv.fr (DINUM)",
            *LO2,
            attribution="data.gouv.fr",
            max_age=1 * DAY,
            homepage="https://www.data.gouv.fr",
        ),
        Dataset(
            "transport",
            "Point d'accès national transport.data.gouv.fr",
            "transport.data.gouv.fr (DINUM)",
            *LO2,
            attribution="transport.data.gouv.fr",
            max_age=1 * DAY,
            homepage="https://transport.data.gouv.fr",
        ),
        Dataset(
            "gtfs",
            "Horaires de transport public (GTFS)",
            "Autorité organisatrice de la mobilité (voir le jeu de données)",
            *ODBL,
            attribution="GTFS via transport.data.gouv.fr",
            max_age=7 * DAY,
        ),
        Dataset(
            "bdtopo",
            "BD TOPO® — tronçons de route",
            "IGN",
            *LO2,
            attribution="IGN BD TOPO®, Géoplateforme",
            max_age=90 * DAY,
            homepage="https://data.geopf.fr/wfs/ows",
        ),
        Dataset(
            "bnac",
            "Base nationale des aménagements cyclables",
            "Geovelo, contributeurs OpenStreetMap",
            *ODBL,
            attribution="BNAC / Geovelo, © les contributeurs OpenStreetMap (ODbL)",
            max_age=30 * DAY,
        ),
        Dataset(
            "mobpro",
            "Mobilités professionnelles (MOBPRO)",
            "INSEE, recensement de la population",
            *LO2,
            attribution="INSEE, recensement (MOBPRO)",
            max_age=None,
        ),
        Dataset(
            "fluxvision",
            "Orange Flux Vision",
            "Orange Business",
            "Licence d'utilisation acquise par la collectivité",
            "",
            attribution="Orange Flux Vision",
            max_age=None,
        ),
        Dataset(
            "cog",
            "Code officiel géographique — historique des communes",
            "INSEE (COG), package R COGugaison, @etalab/decoupage-administratif",
            *ODBL,
            attribution="© Code Officiel Géographique (Insee) et package R COGugaison",
            max_age=None,
        ),
        Dataset(
            "osm",
            "OpenStreetMap",
            "Contributeurs OpenStreetMap",
            *ODBL,
            attribution="© les contributeurs OpenStreetMap (ODbL)",
            max_age=None,
        ),
    )
}


def get_dataset(dataset_id: str) -> Dataset:
    try:
        return DATASETS[dataset_id]
    except KeyError:
        raise KeyError(f"unknown dataset id '{dataset_id}' (known: {', '.join(sorted(DATASETS))})")
