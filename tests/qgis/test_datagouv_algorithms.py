"""territorial:search_datagouv and territorial:load_datagouv_resource through the Processing registry
(loopback udata)."""

import copy
import json
import sqlite3
import zipfile

import pytest
from qgis.core import (
    QgsCoordinateReferenceSystem,
    QgsCoordinateTransformContext,
    QgsFeature,
    QgsFields,
    QgsGeometry,
    QgsPointXY,
    QgsProcessingException,
    QgsVectorFileWriter,
    QgsVectorLayer,
)
from werkzeug.wrappers import Response

from support.datagouv_data import many_datasets
from support.feedback import RecordingFeedback
from support.replay import JSON, fixture_bytes, point_service
from territorial_data.compat import FieldType, SymbolLayerProperty, WkbType, make_field

PUBLIC = "https://www.data.gouv.fr/api/1"
FIXTURE = json.loads(fixture_bytes("datagouv_datasets_search.json"))
DATASET = FIXTURE["data"][0]
BNAC_RID = DATASET["resources"][1]["id"]


def udata_pages(datasets):
    def handler(request):
        page = int(request.args.get("page", 1))
        size = int(request.args.get("page_size", 20))
        more = page * size < len(datasets)
        body = {
            "data": datasets[(page - 1) * size : page * size],
            "page": page,
            "page_size": size,
            "total": len(datasets),
            "next_page": f"{PUBLIC}/datasets/?page={page + 1}&page_size={size}" if more else None,
            "previous_page": None,
        }
        return Response(json.dumps(body), content_type="application/json")

    return handler


@pytest.fixture
def api(httpserver, monkeypatch):
    return point_service(monkeypatch, "datagouv", httpserver)


# -- search -------------------------------------------------------------------------------------------------


def test_search_pages_into_a_table(run_alg, httpserver, api, tmp_path):
    httpserver.expect_request(f"{api}/datasets/").respond_with_handler(udata_pages(many_datasets(45)))
    out = tmp_path / "search.gpkg"
    results, feedback, _ = run_alg(
        "territorial:search_datagouv", {"QUERY": "amenagements cyclables", "TERRITORY": "34", "OUTPUT": str(out)}
    )
    assert len([r for r, _ in httpserver.log]) == 3
    table = QgsVectorLayer(results["OUTPUT"], "search")
    assert table.featureCount() == 90 and table.wkbType() == WkbType.NoGeometry
    first = next(table.getFeatures())
    assert first["dataset_title"] == "Aménagements cyclables 1" and first["organization"] == "Geovelo"
    assert first["dataset_licence"] == "Open Data Commons Open Database License (ODbL)" and first["format"] == "geojson"
    assert first["licence"] == "Licence Ouverte / Open Licence 2.0"  # the catalogue's own (provenance field)
    assert first["filesize"] == 182000000 and first["last_update"] == "2026-08-07"
    assert first["url"].startswith("https://static.data.gouv.fr/")
    assert first["source"] == "data.gouv.fr" and first["licence_id"] == "odc-odbl"
    assert any("45 datasets, 90 resources" in i for i in feedback.infos)
    with sqlite3.connect(out) as db:
        assert "data.gouv.fr" in " ".join(m[0] for m in db.execute("select metadata from gpkg_metadata"))


def test_search_rate_limited_then_answered(run_alg, httpserver, api):
    httpserver.expect_ordered_request(f"{api}/datasets/").respond_with_data(
        "", status=429, headers={"Retry-After": "1"}
    )
    httpserver.expect_ordered_request(f"{api}/datasets/").respond_with_json(dict(FIXTURE, next_page=None, total=1))
    results, _, context = run_alg("territorial:search_datagouv", {"QUERY": "velo", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert context.getMapLayer(results["OUTPUT"]).featureCount() == 2


def test_search_server_error_then_answered(run_alg, httpserver, api):
    httpserver.expect_ordered_request(f"{api}/datasets/").respond_with_data("oops", status=500)
    httpserver.expect_ordered_request(f"{api}/datasets/").respond_with_json(dict(FIXTURE, next_page=None, total=1))
    results, _, context = run_alg("territorial:search_datagouv", {"QUERY": "velo", "OUTPUT": "TEMPORARY_OUTPUT"})
    assert context.getMapLayer(results["OUTPUT"]).featureCount() == 2


def test_search_malformed_and_empty(run_alg, httpserver, api, tmp_path):
    for _ in range(5):  # a cut JSON answer is asked again: cut every time
        httpserver.expect_ordered_request(f"{api}/datasets/").respond_with_data('{"data": "oops"', content_type=JSON)
    httpserver.expect_ordered_request(f"{api}/datasets/").respond_with_json({"data": "oops"})  # JSON, wrong shape
    httpserver.expect_ordered_request(f"{api}/datasets/").respond_with_json(
        {"data": [], "page": 1, "page_size": 20, "total": 0, "next_page": None, "previous_page": None}
    )
    out = tmp_path / "x.gpkg"
    with pytest.raises(QgsProcessingException, match="not valid JSON"):
        run_alg("territorial:search_datagouv", {"QUERY": "velo", "OUTPUT": str(out)})
    with pytest.raises(QgsProcessingException, match="malformed answer"):
        run_alg("territorial:search_datagouv", {"QUERY": "velo", "OUTPUT": str(out)})
    with pytest.raises(QgsProcessingException, match="No dataset on data.gouv.fr matches 'velo'"):
        run_alg("territorial:search_datagouv", {"QUERY": "velo", "OUTPUT": str(out)})
    assert not out.exists()


def test_search_offline_without_cache(run_alg, httpserver, api, monkeypatch):
    monkeypatch.setenv("TERRITORIAL_DATA_OFFLINE", "1")
    with pytest.raises(QgsProcessingException, match="Offline mode is on"):
        run_alg("territorial:search_datagouv", {"QUERY": "velo", "OUTPUT": "TEMPORARY_OUTPUT"})


# -- load -----------------------------------------------------------------------------------------------------


def serve_dataset(
    httpserver, api, body, name, content_type="application/octet-stream", fmt="geojson", license="odc-odbl"
):
    """The BNAC dataset of the fixture whose second resource is ``body`` served on loopback."""
    dataset = copy.deepcopy(DATASET)
    dataset["license"] = license
    resource = dataset["resources"][1]
    resource.update(url=httpserver.url_for(f"/static/{name}"), title=name, format=fmt, filesize=len(body))
    httpserver.expect_request(f"{api}/datasets/{dataset['id']}/").respond_with_json(dataset)
    v2 = api.replace("/api/1", "/api/2")
    httpserver.expect_request(f"{v2}/datasets/resources/{BNAC_RID}/").respond_with_json(
        {"resource": resource, "dataset_id": dataset["id"]}
    )
    httpserver.expect_request(f"/static/{name}").respond_with_data(body, content_type=content_type)
    return dataset


def test_load_geojson_resource_with_dataset_licence(run_alg, httpserver, api, tmp_path):
    serve_dataset(httpserver, api, fixture_bytes("bnac_sample.geojson"), "bnac.geojson", "application/geo+json")
    out = tmp_path / "bnac.gpkg"
    results, feedback, _ = run_alg("territorial:load_datagouv_resource", {"RESOURCE": BNAC_RID, "OUTPUT": str(out)})
    layer = QgsVectorLayer(results["OUTPUT"], "bnac")
    source = json.loads(fixture_bytes("bnac_sample.geojson"))
    assert layer.featureCount() == len(source["features"]) == 3
    assert layer.wkbType() == WkbType.MultiLineString
    feature = next(layer.getFeatures())
    assert feature["licence"] == "Open Data Commons Open Database License (ODbL)"
    assert feature["source"] == "Geovelo — data.gouv.fr"
    assert feature["ame_d"] == source["features"][0]["properties"]["ame_d"]
    assert any("Producer: Geovelo. Licence: Open Data Commons" in i for i in feedback.infos)
    with sqlite3.connect(out) as db:
        metadata = " ".join(m[0] for m in db.execute("select metadata from gpkg_metadata"))
        assert db.execute("select count(*) from layer_styles").fetchone()[0] == 1
    assert "Geovelo" in metadata and "ODbL" in metadata and "Aménagements cyclables France Métropolitaine" in metadata


def test_load_csv_with_coordinates_reports_bad_rows(run_alg, httpserver, api):
    body = (
        "nom;code_insee;lon;lat;velos\nComédie;34172;3,8799;43,6085;12\nGare;34172;;;8\n"
        "Antigone;34172;3,8879;43,6081;20\n"
    )
    dataset = serve_dataset(httpserver, api, body.encode("cp1252"), "stations.csv", "text/csv", "csv", "lov2")
    results, feedback, context = run_alg(
        "territorial:load_datagouv_resource",
        {
            "RESOURCE": httpserver.url_for("/static/stations.csv"),
            "DATASET": dataset["id"],
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    layer = context.getMapLayer(results["OUTPUT"])
    features = {f["nom"]: f for f in layer.getFeatures()}
    assert layer.wkbType() == WkbType.Point and len(features) == 3
    point = features["Comédie"].geometry().asPoint()
    assert (point.x(), point.y()) == pytest.approx((3.8799, 43.6085))
    assert features["Gare"].geometry().isNull() and features["Gare"]["velos"] == 8
    assert layer.fields().field("code_insee").type() == FieldType.String
    assert features["Antigone"]["licence"] == "Licence Ouverte / Open Licence version 2.0"
    assert any("1 row(s) without a usable position" in w and "lines 3" in w for w in feedback.warnings)


def test_load_csv_with_insee_codes_only(run_alg, httpserver, api):
    serve_dataset(
        httpserver,
        api,
        b"codgeo;libgeo;pop\n01053;Bourg-en-Bresse;41365\n34172;Montpellier;302454\n",
        "pop.csv",
        "text/csv",
        "csv",
    )
    results, feedback, context = run_alg(
        "territorial:load_datagouv_resource", {"RESOURCE": BNAC_RID, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    layer = context.getMapLayer(results["OUTPUT"])
    assert layer.wkbType() == WkbType.NoGeometry
    assert [f["codgeo"] for f in layer.getFeatures()] == ["01053", "34172"]
    assert [f["pop"] for f in layer.getFeatures()] == [41365, 302454]
    assert any("INSEE code column 'codgeo' is kept as text" in i for i in feedback.infos)


def polygon_layer(path, driver, layer_name=None, append=False):
    fields = QgsFields()
    fields.append(make_field("nom", FieldType.String))
    fields.append(make_field("source", FieldType.String))
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = driver
    if layer_name:
        options.layerName = layer_name
    if append:
        options.actionOnExistingFile = QgsVectorFileWriter.ActionOnExistingFile.CreateOrOverwriteLayer
    writer = QgsVectorFileWriter.create(
        str(path),
        fields,
        WkbType.Polygon,
        QgsCoordinateReferenceSystem("EPSG:2154"),
        QgsCoordinateTransformContext(),
        options,
    )
    for index, name in enumerate(("Zone A", "Zone B")):
        feature = QgsFeature(fields)
        x = 770000 + index * 1000
        feature.setGeometry(
            QgsGeometry.fromPolygonXY(
                [
                    [
                        QgsPointXY(x, 6279000),
                        QgsPointXY(x + 500, 6279000),
                        QgsPointXY(x + 500, 6279500),
                        QgsPointXY(x, 6279000),
                    ]
                ]
            )
        )
        feature.setAttributes([name, "cadastre"])
        writer.addFeature(feature)
    del writer


def test_load_zipped_shapefile(run_alg, httpserver, api, tmp_path):
    polygon_layer(tmp_path / "zones.shp", "ESRI Shapefile")
    archive = tmp_path / "zones.zip"
    with zipfile.ZipFile(archive, "w") as out:
        for suffix in ("shp", "shx", "dbf", "prj"):
            out.write(tmp_path / f"zones.{suffix}", f"zones/zones.{suffix}")
    serve_dataset(httpserver, api, archive.read_bytes(), "zones.zip", "application/zip", "shp")
    results, feedback, context = run_alg(
        "territorial:load_datagouv_resource", {"RESOURCE": BNAC_RID, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    layer = context.getMapLayer(results["OUTPUT"])
    assert layer.wkbType() == WkbType.MultiPolygon and layer.crs().authid() == "EPSG:2154"
    assert sorted(f["nom"] for f in layer.getFeatures()) == ["Zone A", "Zone B"]
    assert {f["source_src"] for f in layer.getFeatures()} == {"cadastre"}  # renamed: 'source' is a provenance field
    assert {f["source"] for f in layer.getFeatures()} == {"Geovelo — data.gouv.fr"}


def test_load_geopackage_layer_by_name(run_alg, httpserver, api, tmp_path):
    gpkg = tmp_path / "two.gpkg"
    polygon_layer(gpkg, "GPKG", "first")
    polygon_layer(gpkg, "GPKG", "second", append=True)
    serve_dataset(httpserver, api, gpkg.read_bytes(), "two.gpkg", "application/geopackage+sqlite3", "gpkg")
    results, feedback, context = run_alg(
        "territorial:load_datagouv_resource", {"RESOURCE": BNAC_RID, "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert any("'first' is loaded (others: second)" in i for i in feedback.infos)
    results, _, context = run_alg(
        "territorial:load_datagouv_resource", {"RESOURCE": BNAC_RID, "LAYER": "second", "OUTPUT": "TEMPORARY_OUTPUT"}
    )
    assert context.getMapLayer(results["OUTPUT"]).featureCount() == 2
    with pytest.raises(QgsProcessingException, match="No layer 'third' in the resource: choose one of first, second"):
        run_alg(
            "territorial:load_datagouv_resource", {"RESOURCE": BNAC_RID, "LAYER": "third", "OUTPUT": "TEMPORARY_OUTPUT"}
        )


def test_load_web_page_and_unknown_resource(run_alg, httpserver, api):
    serve_dataset(
        httpserver,
        api,
        "<!DOCTYPE html><html><body>Téléchargement</body></html>".encode(),
        "page.html",
        "text/html",
        "html",
    )
    with pytest.raises(QgsProcessingException, match="gives a web page, not a data file"):
        run_alg("territorial:load_datagouv_resource", {"RESOURCE": BNAC_RID, "OUTPUT": "TEMPORARY_OUTPUT"})
    with pytest.raises(QgsProcessingException, match="neither a data.gouv.fr resource identifier"):
        run_alg("territorial:load_datagouv_resource", {"RESOURCE": "bnac", "OUTPUT": "TEMPORARY_OUTPUT"})


def test_load_cancel_writes_nothing(run_alg, httpserver, api, tmp_path):
    serve_dataset(httpserver, api, fixture_bytes("bnac_sample.geojson"), "bnac.geojson", "application/geo+json")
    feedback = RecordingFeedback()
    feedback.cancel()
    out = tmp_path / "x.gpkg"
    with pytest.raises(QgsProcessingException, match="Cancelled: nothing was written"):
        run_alg("territorial:load_datagouv_resource", {"RESOURCE": BNAC_RID, "OUTPUT": str(out)}, feedback=feedback)
    assert not out.exists()


@pytest.mark.parametrize(
    "style, uri",
    [
        ("datagouv_points.qml", "Point?crs=EPSG:4326"),
        ("datagouv_lines.qml", "MultiLineString?crs=EPSG:4326"),
        ("datagouv_polygons.qml", "MultiPolygon?crs=EPSG:4326"),
        ("datagouv_table.qml", "None?field=dataset_title:string&field=url:string"),
        (
            "gtfs_stops.qml",
            "Point?crs=EPSG:4326&field=stop_name:string&field=location_type:integer&field=departures_per_hour:double",
        ),
        (
            "gtfs_routes.qml",
            "MultiLineString?crs=EPSG:4326&field=route_short_name:string&field=color:string&field=departures_per_hour:double",
        ),
    ],
)
def test_styles_load_in_qgis(qgis_app, style, uri):
    from territorial_data.processing.outputs.sinks import STYLES_DIR

    layer = QgsVectorLayer(uri, "styled", "memory")
    message, ok = layer.loadNamedStyle(f"{STYLES_DIR}/{style}")
    assert ok, message
    if style == "gtfs_routes.qml":  # each route drawn in its own colour, wider when more frequent
        properties = layer.renderer().symbol().symbolLayer(0).dataDefinedProperties()
        assert '"color"' in properties.property(SymbolLayerProperty.StrokeColor).expressionString()
        assert '"departures_per_hour"' in properties.property(SymbolLayerProperty.StrokeWidth).expressionString()
