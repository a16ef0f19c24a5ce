"""Large outputs written straight into the GeoPackage (``outputs/gpkg_bulk.py``) read back in QGIS
exactly like those written feature by feature: same fields, values, NULLs, geometries, spatial index,
extent and feature count."""

import sqlite3

import pytest
from qgis.core import QgsFeatureRequest, QgsRectangle, QgsVectorLayer

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
    written = QgsVectorLayer(results["OUTPUT"], "bulk", "ogr")
    memory = output_layer(in_memory["OUTPUT"], context)
    assert written.isValid() and written.featureCount() == memory.featureCount() > 0
    assert written.fields().names()[1:] == memory.fields().names()  # the GeoPackage adds its fid first
    got, want = features_by_key(written, key), features_by_key(memory, key)
    assert got.keys() == want.keys()
    for k, feature in list(want.items())[::97]:
        mine = got[k]
        for name in memory.fields().names():
            a, b = mine[name], feature[name]
            if isinstance(b, float):
                assert a == pytest.approx(b), (k, name)
            else:
                assert a == b, (k, name)
        if feature.hasGeometry():
            assert mine.geometry().equals(feature.geometry()), k
    with sqlite3.connect(bulk) as db:
        table = db.execute("SELECT table_name FROM gpkg_contents").fetchone()[0]
        count = db.execute("SELECT feature_count FROM gpkg_ogr_contents WHERE table_name = ?", (table,)).fetchone()[0]
        assert count == written.featureCount()
    if written.isSpatial():
        # the spatial index answers: a box around one segment finds it
        one = next(written.getFeatures())
        box = QgsRectangle(one.geometry().boundingBox())
        box.grow(1e-9)
        found = [f.id() for f in written.getFeatures(QgsFeatureRequest().setFilterRect(box))]
        assert one.id() in found
        extent = written.extent()
        assert not extent.isEmpty() and extent.contains(one.geometry().boundingBox())
