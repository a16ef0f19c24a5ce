"""providers.bdtopo against a loopback WFS (tests/support/fake_wfs.py): paging, truncation, errors."""

import json
import time

import pytest
from shapely.geometry import LineString, shape
from shapely.ops import transform

from support.fake_wfs import TO_L93, FakeWfs
from support.replay import fixture_bytes, point_service
from territorial_data.providers import bdtopo
from territorial_data.providers.errors import Canceled, DataError
from territorial_data.providers.http import ServiceError

RENNES = "35238"


def rennes_contour():
    data = json.loads(fixture_bytes("geo_communes_dep35.geojson"))
    return next(shape(f["geometry"]) for f in data["features"] if f["properties"]["code"] == RENNES)


# -- Lambert-93 ------------------------------------------------------------------------------------
def test_lambert93_origin_and_round_trip():
    assert bdtopo.lonlat_to_l93(3.0, 46.5) == pytest.approx((700000.0, 6600000.0), abs=1e-6)
    for lon, lat in [(2.3522, 48.8566), (-4.48, 48.39), (9.45, 42.70), (7.75, 48.58)]:
        x, y = bdtopo.lonlat_to_l93(lon, lat)
        assert bdtopo.l93_to_lonlat(x, y) == pytest.approx((lon, lat), abs=1e-9)


def test_lambert93_matches_proj():
    pyproj = pytest.importorskip("pyproj")
    transformer = pyproj.Transformer.from_crs(4326, 2154, always_xy=True)
    for lon, lat in [(2.3522, 48.8566), (-1.68, 48.11), (9.4, 42.1), (7.75, 48.58), (-4.8, 48.4), (3.0, 50.9)]:
        assert bdtopo.lonlat_to_l93(lon, lat) == pytest.approx(transformer.transform(lon, lat), abs=0.001)


def test_one_way_from_sens_de_circulation():
    assert [bdtopo.one_way(v) for v in ("Double sens", "Sens direct", "Sens inverse", "Sans objet", None)] == [
        0,
        1,
        -1,
        None,
        None,
    ]


# -- paging ----------------------------------------------------------------------------------------
def test_pages_until_number_matched_with_a_server_cap(wfs):
    fake = wfs(FakeWfs(count=1200, max_count=500))
    progress = []
    roads, territory = bdtopo.fetch_roads(extent_l93=fake.box, progress=progress.append)
    assert territory is None
    assert roads.complete and roads.matched == 1200 and roads.received == 1200 and roads.pages == 3
    assert len(roads.rows) == 1200
    cleabs = [row[0] for row in roads.rows]
    assert sorted(cleabs) == sorted(f"TRONROUT{i + 1:016d}" for i in range(1200))
    # the client asked for 5000, the server gave 500 a page: next page starts after what arrived
    assert [r["STARTINDEX"] for r in fake.requests] == ["0", "500", "1000"]
    first = fake.requests[0]
    assert first["COUNT"] == "5000" and first["SORTBY"] == "cleabs" and first["SRSNAME"] == "EPSG:2154"
    assert first["BBOX"].endswith(",EPSG:2154")
    assert "vitesse_moyenne_vl" in first["PROPERTYNAME"].split(",")
    assert progress[-1] == 100.0 and len(progress) == 3
    assert roads.crs == "EPSG:2154" and roads.has_z
    # the record carries the service's state date as vintage and the BD TOPO licence
    assert roads.records[-1]["licence"].startswith("Licence Ouverte")
    assert "2026-09-01" in roads.records[-1]["vintage"]


def test_values_are_typed_and_one_way_derived(wfs):
    fake = wfs(FakeWfs(count=10))
    roads, _ = bdtopo.fetch_roads(extent_l93=fake.box, page_size=4)
    columns = roads.columns
    row = dict(zip(columns, sorted(roads.rows)[3]))
    source = fake.features[3]["properties"]
    assert row["cleabs"] == source["cleabs"] and row["nature"] == source["nature"]
    assert row["vitesse_moyenne_vl"] == source["vitesse_moyenne_vl"]
    assert row["importance"] == "4" and isinstance(row["importance"], str)
    assert row["sens_de_circulation"] == "Sens inverse" and row["one_way"] == -1
    assert row["urbain"] is True and row["largeur_de_chaussee"] == 6.5
    assert row["amenagement_cyclable_droit"] == "Bande cyclable"
    x, y, _z = fake.features[3]["l93"][0]
    assert row["geometry"].coords[0][:2] == pytest.approx((x, y), abs=0.01)
    assert [r["COUNT"] for r in fake.requests] == ["4", "4", "4"]


def test_unknown_number_matched_pages_until_an_empty_page(wfs):
    fake = wfs(FakeWfs(count=25, max_count=10, matched_unknown=True))
    roads, _ = bdtopo.fetch_roads(extent_l93=fake.box, page_size=10)
    assert len(roads.rows) == 25 and roads.matched == 25  # totalFeatures used when numberMatched is "unknown"


def test_silent_truncation_is_detected(wfs, isolated_cache):
    fake = wfs(FakeWfs(count=1200, max_count=500, truncate_at=700))
    with pytest.raises(ServiceError) as error:
        bdtopo.fetch_roads(extent_l93=fake.box)
    message = str(error.value)
    assert "announced 1200 road segments but only 700 arrived over 3 pages" in message
    assert "smaller area" in message
    # the short pages are not cached: « try again later » asks the service again
    assert not list(isolated_cache.rglob("*.json"))
    asked = len(fake.requests)
    with pytest.raises(ServiceError):
        bdtopo.fetch_roads(extent_l93=fake.box)
    assert len(fake.requests) == 2 * asked


def test_complete_fetch_is_cached_once_all_pages_arrived(wfs, isolated_cache):
    fake = wfs(FakeWfs(count=1200, max_count=500))
    roads, _ = bdtopo.fetch_roads(extent_l93=fake.box)
    asked = len(fake.requests)
    assert len(roads.rows) == 1200 and len(list((isolated_cache / "bdtopo").rglob("*.json"))) == asked
    bdtopo.fetch_roads(extent_l93=fake.box)
    assert len(fake.requests) == asked  # served from the cache


def test_truncation_accepted_gives_a_warning(wfs):
    wfs(FakeWfs(count=1200, max_count=500, truncate_at=700))
    warnings = []
    roads, _ = bdtopo.fetch_roads(extent_l93=FakeWfs(count=1).box, allow_incomplete=True, warn=warnings.append)
    assert len(roads.rows) == 700 and not roads.complete
    assert any("500 segments are missing" in w and "nothing was cached" in w for w in warnings)


# -- service failures ------------------------------------------------------------------------------
def test_429_with_retry_after_is_honoured(wfs):
    fake = wfs(FakeWfs(count=30, script=[(429, {"Retry-After": "1"})]))
    started = time.monotonic()
    roads, _ = bdtopo.fetch_roads(extent_l93=fake.box)
    assert time.monotonic() - started >= 0.95
    assert fake.statuses[:2] == [429, 200] and len(roads.rows) == 30


def test_rate_limit_that_does_not_end_says_so(wfs, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_MAX_RETRIES", "1")
    fake = wfs(FakeWfs(count=5, script=[(429, {"Retry-After": "0"}), (429, {"Retry-After": "0"})]))
    with pytest.raises(ServiceError) as error:
        bdtopo.fetch_roads(extent_l93=fake.box)
    message = str(error.value)
    assert "Géoplateforme WFS (IGN): HTTP 429" in message and "limits the request rate" in message
    assert fake.statuses == [429, 429]


def test_500_then_success(wfs):
    fake = wfs(FakeWfs(count=30, max_count=10, script=[500]))
    roads, _ = bdtopo.fetch_roads(extent_l93=fake.box)
    assert fake.statuses == [500, 200, 200, 200] and len(roads.rows) == 30


def test_malformed_body_is_a_clear_error_and_not_cached(wfs, httpserver):
    fake = wfs(FakeWfs(count=30, malformed=True))
    with pytest.raises(ServiceError, match="not valid JSON"):
        bdtopo.fetch_roads(extent_l93=fake.box)
    fake.malformed = False
    assert len(fake.requests) == 5  # a cut JSON answer is asked again: 1 try + 4 retries (the default)
    roads, _ = bdtopo.fetch_roads(extent_l93=fake.box)  # asked again, not served from the cache
    assert len(roads.rows) == 30 and len(fake.requests) == 6


def test_ows_exception_with_status_200(wfs):
    fake = wfs(FakeWfs(count=3, xml_error=True))
    with pytest.raises(ServiceError, match="Failed to get a connection from the pool"):
        bdtopo.fetch_roads(extent_l93=fake.box)


def test_answer_in_degrees_when_lambert93_was_asked_is_refused(wfs):
    fake = wfs(FakeWfs(count=3, wrong_crs=True))
    with pytest.raises(ServiceError, match="not in the coordinate system asked for"):
        bdtopo.fetch_roads(extent_l93=fake.box)


def test_empty_result(wfs):
    wfs(FakeWfs(count=5))
    with pytest.raises(DataError, match="returned no road segment"):
        bdtopo.fetch_roads(extent_l93=(100000, 6200000, 101000, 6201000))


def test_cache_serves_a_second_run_and_offline(wfs, monkeypatch):
    fake = wfs(FakeWfs(count=40, max_count=15))
    first, _ = bdtopo.fetch_roads(extent_l93=fake.box)
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    second, _ = bdtopo.fetch_roads(extent_l93=fake.box)
    assert len(fake.requests) == 3
    assert [r[0] for r in first.rows] == [r[0] for r in second.rows]


def test_offline_without_cache(wfs, monkeypatch):
    fake = wfs(FakeWfs(count=4))
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    with pytest.raises(Exception, match="Offline mode is on"):
        bdtopo.fetch_roads(extent_l93=fake.box)
    assert not fake.requests


def test_cancel_between_pages(wfs):
    fake = wfs(FakeWfs(count=50, max_count=10))
    calls = []

    def cancel():
        calls.append(1)
        return len(fake.requests) >= 2

    with pytest.raises(Canceled):
        bdtopo.fetch_roads(extent_l93=fake.box, cancel=cancel)
    assert len(fake.requests) == 2


# -- territories -----------------------------------------------------------------------------------
def test_commune_territory_filters_to_its_contour(wfs, geo_dep35):
    fake = wfs(FakeWfs(count=400, max_count=150))
    roads, territory = bdtopo.fetch_roads(code=RENNES)
    assert territory.kind == "commune" and territory.name == "Rennes" and territory.communes == [RENNES]
    contour = rennes_contour()
    expected = {
        f["properties"]["cleabs"] for f in fake.features if LineString(fake.lonlat_coords(f)).intersects(contour)
    }
    got = {row[0] for row in roads.rows}
    assert got == expected and 0 < len(got) < roads.received
    assert roads.outside == roads.received - len(got)
    # the box asked for is the contour's, in Lambert-93
    xmin, ymin, xmax, ymax = (float(v) for v in fake.requests[0]["BBOX"].split(",")[:4])
    cxmin, cymin, cxmax, cymax = transform(lambda x, y: TO_L93(x, y), contour).bounds
    assert xmin <= cxmin and xmax >= cxmax and ymin <= cymin and ymax >= cymax
    assert xmax - xmin < (cxmax - cxmin) + 50 and ymax - ymin < (cymax - cymin) + 50
    datasets = [r["dataset"] for r in roads.records]
    assert datasets == ["geo_api", "bdtopo"]


def test_epci_territory_is_the_union_of_its_communes(wfs, geo_dep35):
    fake = wfs(FakeWfs(count=300))
    roads, territory = bdtopo.fetch_roads(code="243500139")
    assert territory.kind == "epci" and territory.communes == ["35051", "35055", "35238", "35278"]
    assert len(roads.rows) > 0 and roads.outside >= 0
    assert len(fake.requests) == 1


def test_unknown_commune_code(geo_dep35):
    with pytest.raises(DataError, match="No commune has the INSEE code 35999 in département 35"):
        bdtopo.resolve_territory("35999")


def test_paris_arrondissement_hint(httpserver, monkeypatch):
    prefix = point_service(monkeypatch, "geo_api", httpserver)
    httpserver.expect_request(f"{prefix}/communes").respond_with_json(
        {
            "type": "FeatureCollection",
            "features": [
                {
                    "type": "Feature",
                    "properties": {"code": "75056", "nom": "Paris"},
                    "geometry": {
                        "type": "Polygon",
                        "coordinates": [[[2.2, 48.8], [2.4, 48.8], [2.4, 48.9], [2.2, 48.8]]],
                    },
                }
            ],
        }
    )
    with pytest.raises(DataError, match="give the commune code 75056"):
        bdtopo.resolve_territory("75104")


def test_bad_codes_and_arguments():
    with pytest.raises(DataError, match="Cannot tell what territory"):
        bdtopo.resolve_territory("1234")
    with pytest.raises(DataError, match="exactly one"):
        bdtopo.fetch_roads(code="35238", extent_l93=(0, 0, 1, 1))
    with pytest.raises(DataError, match="exactly one"):
        bdtopo.fetch_roads()
    with pytest.raises(DataError, match="not in metropolitan France"):
        bdtopo.fetch_roads(extent_l93=(-5000000, 0, -4999000, 1000))


def test_lonlat_extent_is_sent_in_lambert93_and_filtered(wfs):
    fake = wfs(FakeWfs(count=200))
    extent = (-1.70, 48.10, -1.65, 48.13)
    roads, _ = bdtopo.fetch_roads(extent_lonlat=extent)
    assert fake.requests[0]["BBOX"].endswith("EPSG:2154")
    from shapely.geometry import box

    frame = box(*extent)
    expected = {f["properties"]["cleabs"] for f in fake.features if LineString(fake.lonlat_coords(f)).intersects(frame)}
    assert {row[0] for row in roads.rows} == expected and expected
