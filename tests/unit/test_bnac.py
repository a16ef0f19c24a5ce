"""providers.bnac: normalisation, schema validation, streaming reader, national download on loopback."""

import json
import time
from collections import Counter

import pytest
from shapely.geometry import box, shape
from shapely.ops import unary_union
from werkzeug.wrappers import Response

from support.fake_wfs import BNAC_VAL_DOISE, COMMUNES_IDF, datagouv_dataset, geo_api_communes
from support.replay import JSON, fixture_path, point_service
from territorial_data.providers import bnac
from territorial_data.providers.errors import DataError
from territorial_data.providers.http import ServiceError

RAW = json.loads(BNAC_VAL_DOISE.read_text(encoding="utf-8"))["features"]
CERGY_PONTOISE = "249500109"


def col(result, name):
    index = result.columns.index(name)
    return [row[index] for row in result.rows]


def write(tmp_path, features, name="f.geojson", extra=None):
    body = {"type": "FeatureCollection"}
    body.update(extra or {})  # before the features, as GDAL writes "crs"
    body["features"] = features
    path = tmp_path / name
    path.write_text(json.dumps(body), encoding="utf-8")
    return path


def segment(ident, ame_d="PISTE CYCLABLE", ame_g="AUCUN", **props):
    base = {"id_local": ident, "code_com_d": "95127", "code_com_g": "95127", "ame_d": ame_d, "ame_g": ame_g}
    base.update(props)
    return {
        "type": "Feature",
        "properties": base,
        "geometry": {"type": "LineString", "coordinates": [[2.03, 49.03], [2.04, 49.04]]},
    }


# -- normalisation -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "value, expected",
    [
        ("PISTE CYCLABLE", ("track", "ok")),
        ("DOUBLE SENS CYCLABLE PISTE", ("track", "ok")),
        ("BANDE CYCLABLE", ("lane", "ok")),
        ("DOUBLE SENS CYCLABLE BANDE", ("lane", "ok")),
        ("CHAUSSEE A VOIE CENTRALE BANALISEE", ("lane", "ok")),
        ("ACCOTEMENT REVETU HORS CVCB", ("lane", "ok")),
        ("VOIE VERTE", ("greenway", "ok")),
        ("COULOIR BUS+VELO", ("shared_bus_lane", "ok")),
        ("DOUBLE SENS CYCLABLE NON MATERIALISE", ("contraflow", "ok")),
        ("AMENAGEMENT MIXTE PIETON VELO HORS VOIE VERTE", ("mixed", "ok")),
        ("VELO RUE", ("mixed", "ok")),
        ("RAMPE", ("mixed", "ok")),
        ("GOULOTTE", ("mixed", "ok")),
        ("AUTRE", ("mixed", "ok")),
        ("AUCUN", ("none", "ok")),
        (None, ("none", "empty")),
        ("", ("none", "empty")),
        ("  Aménagement   mixte piéton vélo hors voie verte ", ("mixed", "ok")),
        ("Piste cyclable", ("track", "ok")),
        ("DOUBLE SENS CYCLABLE", ("contraflow", "old")),
        ("AMENAGEMENT MIXTES PIETON VELO HORS VOIE VERTE", ("mixed", "old")),
        ("ACCOTEMENT REVENTU HORS CVCB", ("lane", "old")),
        ("TROTTOIR PARTAGE", ("none", "unknown")),
    ],
)
def test_facility_vocabulary(value, expected):
    assert bnac.facility(value) == expected


def test_every_schema_value_has_a_facility():
    assert {bnac.facility(v)[0] for v in bnac.AME_VALUES} == set(bnac.FACILITIES)


@pytest.mark.parametrize(
    "props, expected",
    [
        (
            {
                "ame_d": "BANDE CYCLABLE",
                "ame_g": "BANDE CYCLABLE",
                "sens_d": "UNIDIRECTIONNEL",
                "sens_g": "UNIDIRECTIONNEL",
            },
            0,
        ),
        ({"ame_d": "PISTE CYCLABLE", "ame_g": "AUCUN", "sens_d": "BIDIRECTIONNEL"}, 0),
        ({"ame_d": "PISTE CYCLABLE", "ame_g": "AUCUN", "sens_d": "UNIDIRECTIONNEL"}, 1),
        ({"ame_d": "AUCUN", "ame_g": "DOUBLE SENS CYCLABLE NON MATERIALISE", "sens_g": "UNIDIRECTIONNEL"}, -1),
        ({"ame_d": "VOIE VERTE", "ame_g": "AUCUN"}, 0),
        ({"ame_d": "BANDE CYCLABLE", "ame_g": None}, 1),
        ({"ame_d": "AUCUN", "ame_g": "AUCUN"}, None),
        ({"ame_d": "INCONNU", "ame_g": "AUCUN"}, None),
    ],
)
def test_one_way(props, expected):
    assert bnac.derive(props)["one_way"] == expected


# -- the real Val-d'Oise file --------------------------------------------------------------------------
def test_val_doise_file_is_read_validated_and_normalised():
    result = bnac.read_file(str(BNAC_VAL_DOISE))
    assert result.read == len(RAW) == 4840 and len(result.rows) == 4840 and not result.rejected
    raw_d = Counter(f["properties"]["ame_d"] for f in RAW)
    assert col(result, "facility_right").count("track") == raw_d["PISTE CYCLABLE"] + raw_d["DOUBLE SENS CYCLABLE PISTE"]
    assert col(result, "facility_right").count("shared_bus_lane") == raw_d["COULOIR BUS+VELO"]
    raw_g = Counter(f["properties"]["ame_g"] for f in RAW)
    assert col(result, "facility_left").count("contraflow") == raw_g["DOUBLE SENS CYCLABLE NON MATERIALISE"]
    assert col(result, "facility_left").count("none") == raw_g["AUCUN"]
    # one_way: facility on the right only (unidirectional) -> 1, on the left only -> -1
    expected = Counter()
    for f in RAW:
        p = f["properties"]
        right, left = p["ame_d"] != "AUCUN", p["ame_g"] != "AUCUN"
        bi = (right and p["sens_d"] == "BIDIRECTIONNEL") or (left and p["sens_g"] == "BIDIRECTIONNEL")
        expected[0 if (bi or (right and left)) else (1 if right else -1)] += 1
    assert Counter(col(result, "one_way")) == expected
    # schema problems of this real export, counted from the raw file
    rows = {(r[0], r[1], r[2]): r[3] for r in result.report.rows()}
    assert rows[("code_com_d", "", bnac.MISSING)] == 4840
    assert rows[("date_maj", "9999-99-99T99:99:99", bnac.BAD_DATE)] == 4840
    assert rows[("lumiere", "1.0", bnac.NOT_BOOLEAN)] == sum(1 for f in RAW if f["properties"]["lumiere"] == 1.0)
    assert rows[("d_service", "2024-05", bnac.NOT_NUMBER)] == 1
    assert not result.report.unknown_values()
    # values are typed and dates normalised to the schema's format
    first = dict(zip(result.columns, result.rows[0]))
    assert first["id_local"] == RAW[0]["properties"]["id_local"]
    assert first["date_maj"] == RAW[0]["properties"]["date_maj"][:10]
    assert first["trafic_vit"] == 5 and isinstance(first["trafic_vit"], int)
    assert result.latest_update == max(f["properties"]["date_maj"][:10] for f in RAW)


def test_composed_sample_is_clean():
    result = bnac.read_file(str(fixture_path("bnac_sample.geojson")))
    assert len(result.rows) == 3 and result.report.count() == 0
    assert col(result, "facility_right") == ["lane", "track", "contraflow"]
    assert col(result, "facility_left") == ["lane", "none", "none"]
    assert col(result, "one_way") == [0, 0, 1]
    assert col(result, "source_bnac") == ["OpenStreetMap"] * 3


def test_unknown_values_and_bad_rows_are_reported_and_the_rest_kept(tmp_path):
    features = [
        segment("a", ame_d="PISTE CYCLABLE UNIDIRECTIONNELLE", regime_d="ZONE 20"),
        segment("b", ame_d="PISTE CYCLABLE UNIDIRECTIONNELLE", couleur="vert"),
        segment("c", ame_d="DOUBLE SENS CYCLABLE", code_com_d="9512", date_maj="2026-13"),
        dict(segment("d"), geometry=None),
        dict(segment("e"), geometry={"type": "Point", "coordinates": [2.0, 49.0]}),
        segment("f", trafic_vit=30.5, largeur_d="2,5", lumiere="peut-être"),
    ]
    result = bnac.read_file(str(write(tmp_path, features)))
    assert col(result, "id_local") == ["a", "b", "c", "f"]
    assert result.rejected == ["d", "e"]
    assert result.report.unknown_values() == {
        ("ame_d", "PISTE CYCLABLE UNIDIRECTIONNELLE"): 2,
        ("regime_d", "ZONE 20"): 1,
    }
    rows = {(r[0], r[1], r[2]): (r[3], r[4]) for r in result.report.rows()}
    assert rows[("ame_d", "PISTE CYCLABLE UNIDIRECTIONNELLE", bnac.UNKNOWN_VALUE)] == (2, "a, b")
    assert rows[("couleur", "", bnac.NOT_IN_SCHEMA)] == (1, "b")
    assert rows[("ame_d", "DOUBLE SENS CYCLABLE", bnac.OLD_VALUE)] == (1, "c")
    assert rows[("code_com_d", "9999", bnac.BAD_CODE)] == (1, "c")
    assert rows[("date_maj", "9999-99", bnac.BAD_DATE)] == (1, "c")
    assert rows[("geometry", "Point", bnac.BAD_GEOMETRY)] == (1, "e")
    assert rows[("trafic_vit", "30.5", bnac.NOT_INTEGER)] == (1, "f")
    assert rows[("largeur_d", "2,5", bnac.NOT_NUMBER)] == (1, "f")
    assert rows[("lumiere", "peut-être", bnac.NOT_BOOLEAN)] == (1, "f")
    # unknown facility -> none; old value -> its current meaning
    assert col(result, "facility_right") == ["none", "none", "contraflow", "track"]
    lines = result.report.lines(limit=3)
    assert "ame_d = 'PISTE CYCLABLE UNIDIRECTIONNELLE': unknown value, 2 segments (e.g. a, b)" in lines[0]
    assert "more kinds of problem" in lines[-1]


# -- streaming reader ----------------------------------------------------------------------------------
def test_stream_with_tiny_chunks_equals_json_load(tmp_path):
    path = fixture_path("bnac_sample.geojson")
    streamed = list(bnac.GeoJsonStream(str(path), chunk_size=7))
    assert streamed == json.loads(path.read_text(encoding="utf-8"))["features"]
    # a BOM, members after the features, numbers cut by chunk edges
    body = (
        '\ufeff{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"n": 123456789}, '
        '"geometry": null}], "bbox": [1.5, 2.5]}'
    )
    bom = tmp_path / "bom.geojson"
    bom.write_bytes(body.encode("utf-8"))
    for size in (1, 3, 5, 64):
        assert list(bnac.GeoJsonStream(str(bom), chunk_size=size))[0]["properties"]["n"] == 123456789


def test_stream_progress_and_crs(tmp_path):
    progress = []
    stream = bnac.GeoJsonStream(str(BNAC_VAL_DOISE), chunk_size=1 << 18, progress=progress.append)
    assert sum(1 for _ in stream) == 4840
    assert stream.crs == "urn:ogc:def:crs:OGC:1.3:CRS84" and progress[-1] == 100.0 and len(progress) > 5


def test_malformed_and_wrong_files(tmp_path):
    cut = tmp_path / "cut.geojson"
    cut.write_bytes(BNAC_VAL_DOISE.read_bytes()[:200000])
    with pytest.raises(DataError, match="cut.geojson is not a valid GeoJSON FeatureCollection"):
        bnac.read_file(str(cut))
    single = tmp_path / "feature.geojson"
    single.write_text(json.dumps(segment("x")), encoding="utf-8")
    with pytest.raises(DataError, match="not FeatureCollection"):
        bnac.read_file(str(single))
    with pytest.raises(DataError, match="does not exist"):
        bnac.read_file(str(tmp_path / "missing.geojson"))
    other = write(
        tmp_path,
        [segment("x")],
        "other.geojson",
        {"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}},
    )
    with pytest.raises(DataError, match="reproject it first"):
        bnac.read_file(str(other))
    metres = write(
        tmp_path,
        [dict(segment("x"), geometry={"type": "LineString", "coordinates": [[650000, 6860000], [650100, 6860100]]})],
        "m.geojson",
    )
    with pytest.raises(DataError, match="not longitudes/latitudes"):
        bnac.read_file(str(metres))


def test_lambert93_geojson_is_converted(tmp_path):
    from territorial_data.providers.bdtopo import lonlat_to_l93

    a, b = lonlat_to_l93(2.03, 49.03), lonlat_to_l93(2.04, 49.04)
    feature = dict(segment("x"), geometry={"type": "LineString", "coordinates": [list(a), list(b)]})
    path = write(
        tmp_path,
        [feature],
        "l93.geojson",
        {"crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::2154"}}},
    )
    result = bnac.read_file(str(path))
    assert result.rows[0][-1].coords[0] == pytest.approx((2.03, 49.03), abs=1e-9)


# -- territories and the national file ----------------------------------------------------------------
@pytest.fixture
def geo(httpserver, monkeypatch):
    prefix = point_service(monkeypatch, "geo_api", httpserver)
    httpserver.expect_request(
        f"{prefix}/communes",
        query_string={
            "format": "geojson",
            "geometry": "contour",
            "fields": "nom,code,population,codeEpci,codeDepartement,codeRegion",
            "codeEpci": CERGY_PONTOISE,
        },
    ).respond_with_data(geo_api_communes(lambda p: p["epci_siren"] == CERGY_PONTOISE), content_type=JSON)
    return prefix


def cergy_pontoise():
    data = json.loads(COMMUNES_IDF.read_text(encoding="utf-8"))
    return unary_union(
        [shape(f["geometry"]) for f in data["features"] if f["properties"]["epci_siren"] == CERGY_PONTOISE]
    )


def expected_ids(area):
    return sorted(f["properties"]["id_local"] for f in RAW if shape(f["geometry"]).intersects(area))


def test_local_file_filtered_to_an_epci(geo):
    result = bnac.fetch_cycle_lanes(code=CERGY_PONTOISE, path=str(BNAC_VAL_DOISE))
    ids = sorted(col(result, "id_local"))
    assert ids == expected_ids(cergy_pontoise()) and 100 < len(ids) < 4840
    assert result.outside == 4840 - len(ids)
    communes = json.loads(geo_api_communes(lambda p: p["epci_siren"] == CERGY_PONTOISE))["features"]
    assert result.territory.kind == "epci" and result.territory.communes == sorted(
        f["properties"]["code"] for f in communes
    )
    datasets = [r["dataset"] for r in result.records]
    assert datasets == ["geo_api", "bnac"]
    local = result.records[-1]
    assert (
        local["url"].startswith("file://")
        and local["licence"] == "ODbL 1.0"
        and local["vintage"] == result.latest_update
    )


def test_extent_filter(tmp_path):
    extent = (2.0, 49.0, 2.1, 49.06)
    result = bnac.fetch_cycle_lanes(extent_lonlat=extent, path=str(BNAC_VAL_DOISE))
    assert sorted(col(result, "id_local")) == expected_ids(box(*extent))
    with pytest.raises(DataError, match="No cycle facility of the file touches this extent"):
        bnac.fetch_cycle_lanes(extent_lonlat=(5.0, 45.0, 5.1, 45.1), path=str(BNAC_VAL_DOISE))
    with pytest.raises(DataError, match="not both"):
        bnac.fetch_cycle_lanes(code="95", extent_lonlat=extent)
    with pytest.raises(DataError, match="300 000 segments"):
        bnac.fetch_cycle_lanes()


@pytest.fixture
def national(httpserver, monkeypatch):
    prefix = point_service(monkeypatch, "datagouv", httpserver)
    new_url = httpserver.url_for(
        "/static/resources/amenagements-cyclables-france-metropolitaine/20260807-093353/france-20260807.geojson"
    )
    old_url = httpserver.url_for(
        "/static/resources/amenagements-cyclables-france-metropolitaine/20260302-000000/france-20260302.geojson"
    )
    return prefix, new_url, old_url


def serve_national(httpserver, prefix, new_url, old_url, file_responses=None):
    httpserver.expect_request(f"{prefix}/datasets/{bnac.DATASET_SLUG}/").respond_with_json(
        datagouv_dataset(new_url, old_url)
    )
    path = new_url.split(str(httpserver.port), 1)[1]
    scripted = list(file_responses or [])

    def handler(request):
        if scripted:
            status, headers = scripted.pop(0)
            return Response("busy", status=status, headers=headers)
        return Response(BNAC_VAL_DOISE.read_bytes(), content_type="application/geo+json")

    httpserver.expect_request(path).respond_with_handler(handler)


def test_national_file_downloaded_once_and_filtered(httpserver, geo, national):
    prefix, new_url, old_url = national
    serve_national(httpserver, prefix, new_url, old_url)
    first = bnac.fetch_cycle_lanes(code=CERGY_PONTOISE)
    assert sorted(col(first, "id_local")) == expected_ids(cergy_pontoise())
    file_record = first.records[-1]
    assert file_record["vintage"] == "2026-08-07" and file_record["dataset"] == "bnac"
    assert file_record["url"].endswith("france-20260807.geojson") and file_record["licence"] == "ODbL 1.0"
    downloads = [e for e in httpserver.log if e[0].path.endswith(".geojson")]
    assert len(downloads) == 1
    second = bnac.fetch_cycle_lanes(code=CERGY_PONTOISE)
    assert len(second.rows) == len(first.rows)
    assert len([e for e in httpserver.log if e[0].path.endswith(".geojson")]) == 1  # served by the cache


def test_national_file_429_then_success(httpserver, geo, national):
    prefix, new_url, old_url = national
    serve_national(httpserver, prefix, new_url, old_url, [(429, {"Retry-After": "1"})])
    started = time.monotonic()
    result = bnac.fetch_cycle_lanes(code=CERGY_PONTOISE)
    assert time.monotonic() - started >= 0.95 and result.rows
    statuses = [e[1].status_code for e in httpserver.log if e[0].path.endswith(".geojson")]
    assert statuses == [429, 200]


def test_national_dataset_500_then_success(httpserver, national):
    prefix, new_url, old_url = national
    httpserver.expect_ordered_request(f"{prefix}/datasets/{bnac.DATASET_SLUG}/").respond_with_data("oops", status=500)
    serve_national(httpserver, prefix, new_url, old_url)
    result = bnac.fetch_cycle_lanes(extent_lonlat=(2.0, 49.0, 2.1, 49.06))
    assert result.rows and [e[1].status_code for e in httpserver.log][:2] == [500, 200]


def test_national_dataset_malformed(httpserver, national):
    prefix, _, _ = national
    httpserver.expect_request(f"{prefix}/datasets/{bnac.DATASET_SLUG}/").respond_with_data(
        "{not json", content_type="application/json"
    )
    with pytest.raises(ServiceError, match="not valid JSON"):
        bnac.fetch_cycle_lanes(extent_lonlat=(2.0, 49.0, 2.1, 49.06))


def test_national_offline_without_cache(httpserver, national, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    with pytest.raises(Exception, match="Offline mode is on"):
        bnac.fetch_cycle_lanes(extent_lonlat=(2.0, 49.0, 2.1, 49.06))
    assert not httpserver.log


def test_dataset_without_geojson(httpserver, national):
    prefix, new_url, old_url = national
    dataset = datagouv_dataset(new_url, old_url)
    for resource in dataset["resources"]:
        resource["format"], resource["url"] = "zip", resource["url"].replace(".geojson", ".zip")
    httpserver.expect_request(f"{prefix}/datasets/{bnac.DATASET_SLUG}/").respond_with_json(dataset)
    with pytest.raises(DataError, match="has no GeoJSON file"):
        bnac.fetch_cycle_lanes(extent_lonlat=(2.0, 49.0, 2.1, 49.06))


def test_latest_resource_picks_the_newest():
    dataset = datagouv_dataset("http://x/a/france-20260807.geojson", "http://x/b/france-20260302.geojson")
    dataset["resources"].reverse()
    url, vintage, _ = bnac.latest_resource(dataset)
    assert url.endswith("france-20260807.geojson") and vintage == "2026-08-07"


def test_national_file_cut_short_without_a_length_is_never_cached(httpserver, national, isolated_cache, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "0")
    prefix, new_url, old_url = national
    httpserver.expect_request(f"{prefix}/datasets/{bnac.DATASET_SLUG}/").respond_with_json(
        datagouv_dataset(new_url, old_url)
    )
    path = new_url.split(str(httpserver.port), 1)[1]
    data = BNAC_VAL_DOISE.read_bytes()

    def cut_stream(request):  # no Content-Length: the end of the stream is the only end there is
        return Response(iter([data[: len(data) // 2]]), content_type="application/geo+json")

    httpserver.expect_request(path).respond_with_handler(cut_stream)
    with pytest.raises(ServiceError, match="GeoJSON file ends in the middle of its data.*Nothing was kept"):
        bnac.fetch_cycle_lanes(extent_lonlat=(2.0, 49.0, 2.1, 49.06))
    assert not list(isolated_cache.glob("bnac/**/*.json"))  # the dataset answer is cached, the file is not
