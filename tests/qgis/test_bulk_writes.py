"""Large outputs written straight into the GeoPackage (``outputs/gpkg_bulk.py``) read back in QGIS
exactly like those written feature by feature: same fields, values, NULLs, geometries, spatial index,
extent and feature count."""

import sqlite3

import pytest
from qgis.core import NULL, QgsFeatureRequest, QgsRectangle, QgsVectorLayer

from support.layers import output_layer


def features_by_key(layer, key):
    return {tuple(f[k] for k in key): f for f in layer.getFeatures()}


@pytest.mark.parametrize(
    "alg,key", [("territorial:assign_flows", ("segment",)), ("territorial:od_skim_matrix", ("origin", "destination"))]
)
def test_bulk_geopackage_equals_the_feature_by_feature_output(run_alg, sample_dir, sample, tmp_path, alg, key):
    base = sample_dir / "val-doise"
    params = {
        "NETWORK": str(base / "routes_principales_osm_val_doise_2026.geojson"),
        "ZONES": str(sample["zones"]),
        "ZONE_ID_FIELD": "insee_com",
        "TOLERANCE": 2.0,
        "FLOWS": str(sample["flux"]),
    }
    bulk = tmp_path / "bulk.gpkg"
    results, _, _ = run_alg(alg, dict(params, OUTPUT=str(bulk)))
    in_memory, _, context = run_alg(alg, dict(params, OUTPUT="TEMPORARY_OUTPUT"))  # feature by feature
    assert_same_layers(
        QgsVectorLayer(results["OUTPUT"], "bulk", "ogr"), output_layer(in_memory["OUTPUT"], context), key, bulk
    )


@pytest.mark.parametrize("multi,index_copied", [(60, True), (1500, False)])
def test_a_geopackage_network_is_copied_row_for_row(
    run_alg, sample_dir, sample, tmp_path, monkeypatch, multi, index_copied
):
    """A GeoPackage network into a GeoPackage output: the features routed as one segment are copied
    inside SQLite (``GpkgTable.copy_from``), the others written through QGIS; a feature without a line
    keeps its row. The result equals the feature-by-feature output. The spatial index is copied from the
    source's when few entries must go (``multi`` single-part multi-lines, refused by the copy), else
    built; SQLite's own check passes either way."""
    from osgeo import gdal, ogr

    from territorial_data.processing.outputs import gpkg_bulk

    network = tmp_path / "réseau 50% (copie)" / "network.gpkg"  # a name SQLite would read as URI escapes
    network.parent.mkdir()
    gdal.VectorTranslate(
        str(network),
        str(sample_dir / "val-doise" / "routes_principales_osm_val_doise_2026.geojson"),
        format="GPKG",
        layerName="routes",
        dstSRS="EPSG:2154",
        geometryType="LINESTRING",
    )
    dataset = ogr.Open(str(network), 1)
    layer = dataset.GetLayer(0)
    for feature in list(layer)[:multi]:  # multi-part lines of one part, in the LINESTRING table
        geometry = feature.GetGeometryRef()
        if geometry.GetGeometryType() == ogr.wkbLineString:
            feature.SetGeometry(ogr.ForceToMultiLineString(geometry.Clone()))
            layer.SetFeature(feature)
    lost = ogr.Feature(layer.GetLayerDefn())
    lost.SetField("name", "sans géométrie")
    layer.CreateFeature(lost)
    dataset = layer = None
    calls, copied_index = [], []
    original, original_index = gpkg_bulk.GpkgTable.copy_from, gpkg_bulk.GpkgTable._copy_index

    def counted(self, source, copy, **options):
        count, refused = original(self, source, copy, **options)
        calls.append((count, len(refused)))
        return count, refused

    def index(self, source):
        copied_index.append(original_index(self, source))
        return copied_index[-1]

    monkeypatch.setattr(gpkg_bulk.GpkgTable, "copy_from", counted)
    monkeypatch.setattr(gpkg_bulk.GpkgTable, "_copy_index", index)
    params = {
        "NETWORK": str(network),
        "ZONES": str(sample["zones"]),
        "ZONE_ID_FIELD": "insee_com",
        "TOLERANCE": 2.0,
        "FLOWS": str(sample["flux"]),
    }
    bulk = tmp_path / "bulk.gpkg"
    results, _, _ = run_alg("territorial:assign_flows", dict(params, OUTPUT=str(bulk)))
    assert len(calls) == 1 and calls[0][0] > 1000  # most features were copied
    assert copied_index == [index_copied]
    assert calls[0][1] > 0  # GDAL let multi-part lines into the LINESTRING table: written through QGIS
    in_memory, _, context = run_alg("territorial:assign_flows", dict(params, OUTPUT="TEMPORARY_OUTPUT"))
    assert len(calls) == 1
    written = QgsVectorLayer(results["OUTPUT"], "bulk", "ogr")
    assert_same_layers(
        written, output_layer(in_memory["OUTPUT"], context), ("id", "segment"), bulk, stride=1
    )  # id: the key
    assert written.featureCount() > calls[0][0]  # split features went through QGIS
    nameless = [f for f in written.getFeatures() if f["name"] == "sans géométrie"]
    assert len(nameless) == 1 and not nameless[0].hasGeometry()
    assert nameless[0]["segment"] is None or nameless[0]["segment"] == NULL


def assert_same_layers(written, memory, key, path, stride=97):
    assert written.isValid() and written.featureCount() == memory.featureCount() > 0
    assert written.fields().names()[1:] == memory.fields().names()  # the GeoPackage adds its fid first
    got, want = features_by_key(written, key), features_by_key(memory, key)
    assert got.keys() == want.keys()
    for k, feature in list(want.items())[::stride]:
        mine = got[k]
        for name in memory.fields().names():
            a, b = mine[name], feature[name]
            if isinstance(b, float):
                assert a == pytest.approx(b), (k, name)
            else:
                assert a == b, (k, name)
        if feature.hasGeometry():
            assert mine.geometry().equals(feature.geometry()), k
    with sqlite3.connect(path) as db:
        table = db.execute("SELECT table_name FROM gpkg_contents").fetchone()[0]
        count = db.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = ?", (table,)).fetchone()[0]
        assert count == written.featureCount()
    if written.isSpatial():
        # the spatial index answers: a box around one segment finds it
        one = next(f for f in written.getFeatures() if f.hasGeometry())
        box = QgsRectangle(one.geometry().boundingBox())
        box.grow(1e-9)
        found = [f.id() for f in written.getFeatures(QgsFeatureRequest().setFilterRect(box))]
        assert one.id() in found
        extent = written.extent()
        assert not extent.isEmpty() and extent.contains(one.geometry().boundingBox())
        assert extent.toString(3) == memory.extent().toString(3)
        with sqlite3.connect(path) as db:
            index = db.execute(
                "SELECT 'rtree_' || table_name || '_' || column_name FROM gpkg_geometry_columns"
            ).fetchone()[0]
            indexed = db.execute(f'SELECT count(*) FROM "{index}"').fetchone()[0]
            assert db.execute("SELECT rtreecheck(?)", (index,)).fetchone()[0] == "ok"
        assert indexed == sum(1 for f in written.getFeatures() if f.hasGeometry())
