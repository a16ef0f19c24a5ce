"""providers.attribution: sources and licences printed on maps, scale bar and CRS choices (no QGIS)."""

import pytest

from territorial_data.providers.attribution import (
    LayerSources,
    canonical_licence,
    collect_credits,
    date_part,
    dedupe,
    metric_crs,
    nice_number,
    nice_scale,
    production_text,
    readable_name,
    scale_bar,
    sources_text,
)
from territorial_data.providers.catalog import get_dataset

GEO_API = get_dataset("geo_api")


def boundaries_layer(**extra):
    """What layer_metadata() writes for a fetch_admin_boundaries output."""
    values = {
        "name": "Administrative boundaries: commune 95",
        "rights": [GEO_API.attribution],
        "licences": [GEO_API.licence],
        "abstract": f"Source: {GEO_API.title} — {GEO_API.producer}. Vintage: —. Retrieved: 2026-08-16T09:12:00Z.",
        "history": ["2026-08-16T09:12:00Z https://geo.api.gouv.fr/communes sha256=ab12"],
        "datasets": ["geo_api"],
    }
    values.update(extra)
    return LayerSources(**values)


def test_metadata_gives_source_licence_and_retrieval_date():
    credits = collect_credits([boundaries_layer()])
    assert credits.sources == ["INSEE COG, IGN ADMIN EXPRESS via geo.api.gouv.fr (retrieved 2026-08-16)"]
    assert credits.licences == ["Licence Ouverte / Open Licence 2.0 (Etalab)"]
    assert credits.undocumented == []


def test_provenance_fields_are_used_when_metadata_is_absent():
    layer = LayerSources(
        "communes",
        provenance={
            "source": "INSEE COG, IGN ADMIN EXPRESS via geo.api.gouv.fr",
            "licence": "Licence Ouverte 2.0",
            "retrieved_at": "2026-07-01T10:00:00Z",
        },
    )
    credits = collect_credits([layer])
    assert credits.sources == ["INSEE COG, IGN ADMIN EXPRESS via geo.api.gouv.fr (retrieved 2026-07-01)"]
    assert credits.licences == ["Licence Ouverte / Open Licence 2.0 (Etalab)"]


def test_abstract_source_lines_are_used_when_there_are_no_rights():
    layer = LayerSources(
        "x",
        abstract="Flows of 2014.\nSource: Mobilités professionnelles (MOBPRO) — INSEE. Vintage: 2014. Retrieved: "
        "2026-01-02.",
    )
    credits = collect_credits([layer])
    assert credits.sources == ["Mobilités professionnelles (MOBPRO) — INSEE"]


def test_catalog_dataset_ids_fill_missing_rights_and_licences():
    credits = collect_credits([LayerSources("flows", datasets=["mobpro"])])
    assert credits.sources == ["INSEE, recensement (MOBPRO)"]
    assert credits.licences == ["Licence Ouverte / Open Licence 2.0 (Etalab)"]


def test_openstreetmap_named_by_a_layer_adds_the_required_credit_and_odbl():
    credits = collect_credits([LayerSources("routes_principales_osm_val_doise_2026")])
    assert credits.sources == ["© OpenStreetMap contributors"]
    assert credits.licences == ["ODbL 1.0"]
    assert credits.undocumented == []


def test_osm_credit_not_repeated_when_a_source_already_names_openstreetmap():
    bnac = get_dataset("bnac")
    layers = [
        LayerSources("cycle lanes", rights=[bnac.attribution], licences=[bnac.licence], datasets=["bnac"]),
        LayerSources("roads_osm"),
    ]
    credits = collect_credits(layers)
    assert credits.sources == ["BNAC / Geovelo, © les contributeurs OpenStreetMap (ODbL)"]
    assert credits.licences == ["ODbL 1.0"]


def test_bnac_file_gets_geovelo_and_osm_credits():
    credits = collect_credits([LayerSources("amenagements_cyclables_bnac_val_doise_2026")])
    assert credits.sources == ["BNAC / Geovelo", "© OpenStreetMap contributors"]


def test_same_source_from_two_layers_is_printed_once_with_latest_date():
    older = boundaries_layer(history=["2026-03-01T00:00:00Z https://geo.api.gouv.fr/communes sha256=1"])
    newer = boundaries_layer(name="EPCI", history=["2026-08-20T00:00:00Z https://geo.api.gouv.fr/epcis sha256=2"])
    credits = collect_credits([older, newer])
    assert credits.sources == ["INSEE COG, IGN ADMIN EXPRESS via geo.api.gouv.fr (retrieved 2026-08-20)"]
    assert len(credits.licences) == 1


def test_layers_that_say_nothing_are_reported_not_dropped():
    credits = collect_credits([LayerSources("communes_idf"), boundaries_layer()])
    assert credits.undocumented == ["communes_idf"]
    assert len(credits.sources) == 1


def test_extra_sources_are_split_and_deduplicated():
    credits = collect_credits(
        [LayerSources("roads_osm")],
        extra="INSEE, recensement 2014 (MOBPRO) ; IGN ADMIN EXPRESS;© OpenStreetMap contributors",
    )
    assert credits.sources == ["INSEE, recensement 2014 (MOBPRO)", "IGN ADMIN EXPRESS", "© OpenStreetMap contributors"]


def test_sources_text_has_one_line_for_sources_and_one_for_licences():
    text = sources_text(collect_credits([boundaries_layer(), LayerSources("roads_osm")]))
    lines = text.split("\n")
    assert lines[0] == (
        "Sources: INSEE COG, IGN ADMIN EXPRESS via geo.api.gouv.fr (retrieved 2026-08-16); "
        "© OpenStreetMap contributors."
    )
    assert lines[1] == "Licences: Licence Ouverte / Open Licence 2.0 (Etalab); ODbL 1.0."
    assert sources_text(collect_credits([LayerSources("nothing")])) == ""


def test_production_text():
    assert production_text("2026-09-01", "Territorial Data", "0.1.0") == (
        "Map produced on 2026-09-01 with Territorial Data 0.1.0 (QGIS)."
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Licence Ouverte / Open Licence 2.0", "Licence Ouverte / Open Licence 2.0 (Etalab)"),
        ("licence ouverte v2.0 (Etalab)", "Licence Ouverte / Open Licence 2.0 (Etalab)"),
        ("Licence Ouverte 1.0", "Licence Ouverte / Open Licence 1.0 (Etalab)"),
        ("ODbL", "ODbL 1.0"),
        ("Open Database License (ODbL)", "ODbL 1.0"),
        ("CC-BY-SA 4.0", "CC BY-SA"),
        ("Licence d'utilisation acquise par la collectivité", "Licence d'utilisation acquise par la collectivité"),
    ],
)
def test_canonical_licence(text, expected):
    assert canonical_licence(text) == expected


def test_dedupe_keeps_the_longer_of_contained_items():
    assert dedupe(["OpenStreetMap", "IGN", "© OpenStreetMap contributors", "ign.", "", "  "]) == [
        "IGN",
        "© OpenStreetMap contributors",
    ]


def test_date_part_and_readable_name():
    assert date_part("2026-08-16T09:12:00Z https://x sha256=1") == "2026-08-16"
    assert date_part("no date") == ""
    assert readable_name("routes_principales_osm_val_doise_2026") == "Routes principales osm val doise 2026"


@pytest.mark.parametrize("value, expected", [(7.3, 5.0), (1.0, 1.0), (0.034, 0.02), (1999.0, 1000.0), (2000.0, 2000.0)])
def test_nice_number(value, expected):
    assert nice_number(value) == pytest.approx(expected)


def test_scale_bar_units_follow_the_map_width():
    # Val-d'Oise on A4 (84 km across, bar at most a quarter of the map): 4 segments of 5 km
    bar = scale_bar(84000, 0.25)
    assert (bar.units, bar.units_per_segment, bar.segments) == ("km", 5.0, 4)
    # one commune (5 km across): metres
    bar = scale_bar(5200, 0.25)
    assert (bar.units, bar.units_per_segment, bar.segments) == ("m", 200.0, 4)
    # whole France
    assert scale_bar(1_000_000, 0.3).units_per_segment == 50.0
    with pytest.raises(ValueError):
        scale_bar(0)


@pytest.mark.parametrize(
    "scale, expected",
    [(358747.6, 400000), (23456, 25000), (100000, 100000), (1234, 1250), (8100, 10000), (56700, 60000)],
)
def test_nice_scale(scale, expected):
    assert nice_scale(scale) == expected


def test_metric_crs():
    assert metric_crs(1.68, 48.92, 2.57, 49.21) == "EPSG:2154"  # Val-d'Oise
    assert metric_crs(8.5, 41.3, 9.6, 43.1) == "EPSG:2154"  # Corsica
    assert metric_crs(55.2, -21.4, 55.9, -20.8) == "EPSG:32740"  # La Réunion
    assert metric_crs(-61.9, 15.8, -61.0, 16.6) == "EPSG:32620"  # Guadeloupe
