"""PostGIS as the shared store (issue 15), against a real PostgreSQL + PostGIS started by the tests:
inputs read from and outputs written to the database, styles in ``layer_styles``, provenance with the
table, the network cache keyed on the table's content, and errors worded for a GIS officer."""

import json
import uuid

import pytest
from qgis.core import (
    Qgis,
    QgsCoordinateReferenceSystem,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorLayer,
    QgsVectorLayerExporter,
)


@pytest.fixture
def database(postgis_server):
    return postgis_server.create_database("t" + uuid.uuid4().hex[:10])


def load_into(server, database, path, table, layer_name=None):
    """A file layer copied into a PostGIS table (what DB Manager's import does; multi-part geometries)."""
    from qgis import processing

    layer = processing.run("native:promotetomulti", {"INPUT": str(path), "OUTPUT": "memory:"})["OUTPUT"]
    assert layer.isValid(), path
    uri = f'{server.uri(database)} table="public"."{table}" (geom)'
    error, message = QgsVectorLayerExporter.exportLayer(
        layer, uri, "postgres", QgsCoordinateReferenceSystem(layer.crs()), False, {"overwrite": True}
    )[:2]
    assert error == Qgis.VectorExportResult.Success, message
    return uri


@pytest.fixture
def sample_tables(postgis_server, database, sample, sample_dir, territorial_provider):
    base = sample_dir / "val-doise"
    return {
        "NETWORK": load_into(postgis_server, database, base / "routes_principales_osm_val_doise_2026.geojson", "roads"),
        "ZONES": load_into(postgis_server, database, sample["zones"], "communes"),
    }


def car_params(sample, tables):
    return {
        "NETWORK": QgsVectorLayer(tables["NETWORK"], "roads", "postgres"),
        "ZONES": QgsVectorLayer(tables["ZONES"], "communes", "postgres"),
        "ZONE_ID_FIELD": "insee_com",
        "TOLERANCE": 2.0,
        "COST": "time",
        "ROAD_TYPE_FIELD": "type",
        "FLOWS": str(sample["modes"]),
        "ORIGIN_FIELD": "ORI",
        "DESTINATION_FIELD": "DES",
        "FLOW_FIELD": "FLOW",
        "MODE_FIELD": "MODE",
        "MODES": "car",
    }


def test_assignment_from_and_to_postgis(run_alg, postgis_server, database, sample, sample_tables):
    server = postgis_server
    # a network table carrying the provenance fields the plugin's own outputs carry
    server.psql(
        database,
        "ALTER TABLE roads ADD COLUMN source text DEFAULT '© les contributeurs OpenStreetMap (ODbL)', "
        "ADD COLUMN licence text DEFAULT 'ODbL 1.0', ADD COLUMN retrieved_at text DEFAULT '2026-05-01T00:00:00Z'",
    )
    params = car_params(sample, sample_tables)
    out = server.destination(database, "charges_vp")
    results, feedback, _ = run_alg("territorial:assign_flows", dict(params, OUTPUT=out))
    assert results["OUTPUT"] == out
    layer = QgsVectorLayer(out[len("postgis:") :], "loads", "postgres")
    assert layer.isValid()
    features = list(layer.getFeatures())
    assert len(features) == int(server.psql(database, "SELECT count(*) FROM charges_vp"))
    assert sum(f["flow"] * f["length_m"] for f in features) / 1000 == pytest.approx(results["FLOW_KM"], rel=1e-9)
    # the style travels with the table, and so does the provenance
    assert server.psql(database, "SELECT count(*) FROM layer_styles WHERE f_table_name = 'charges_vp' AND useasdefault")
    assert "flow" in server.psql(database, "SELECT styleqml FROM layer_styles WHERE f_table_name = 'charges_vp'")
    comment = json.loads(server.psql(database, "SELECT obj_description('public.charges_vp'::regclass, 'pg_class')"))
    records = comment["territorial_data"]["provenance"]["records"]
    assert any("OpenStreetMap" in (r.get("attribution") or "") for r in records)  # the roads: ODbL
    # the flows: a CSV of the sample read as it is, whose producer the plugin cannot know
    flows = next(r for r in records if r["title"].startswith("flux_domicile_travail"))
    assert flows["licence"] == "licence not stated"
    # no partial table is left
    assert server.psql(database, "SELECT count(*) FROM pg_tables WHERE tablename LIKE '%__partial_%'") == "0"
    # a re-run replaces its own table, and reuses the graph of the unchanged network table
    results2, feedback2, _ = run_alg("territorial:assign_flows", dict(params, OUTPUT=out))
    assert "Network graph reused from the cache" in feedback2.text()
    assert results2["FLOW_KM"] == pytest.approx(results["FLOW_KM"])
    # a change in the table is seen: the graph is built again
    server.psql(database, "UPDATE roads SET type = 'residential' WHERE ctid IN (SELECT ctid FROM roads LIMIT 1)")
    _, feedback3, _ = run_alg("territorial:assign_flows", dict(params, OUTPUT=out))
    assert "Network graph reused from the cache" not in feedback3.text()


def test_a_failed_run_leaves_the_table_as_it_was(run_alg, postgis_server, database, sample, sample_tables):
    server = postgis_server
    params = car_params(sample, sample_tables)
    out = server.destination(database, "loads")
    run_alg("territorial:assign_flows", dict(params, OUTPUT=out))
    before = server.psql(database, "SELECT count(*), sum(flow) FROM loads")

    class CancelWhileWriting(QgsProcessingFeedback):
        def __init__(self):
            super().__init__()
            self.progressChanged.connect(lambda value: self.cancel() if value > 70 else None)

    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run_alg("territorial:assign_flows", dict(params, OUTPUT=out), feedback=CancelWhileWriting())
    assert server.psql(database, "SELECT count(*), sum(flow) FROM loads") == before
    assert server.psql(database, "SELECT count(*) FROM pg_tables WHERE tablename LIKE '%__partial_%'") == "0"


def test_errors_are_worded_for_a_gis_officer(run_alg, postgis_server, database, sample, tmp_path):
    server = postgis_server
    flows = {
        "FLOWS": str(sample["flux"]),
        "ZONES": str(sample["zones"]),
        "ZONE_ID_FIELD": "insee_com",
    }
    plain = server.create_database("plain" + uuid.uuid4().hex[:6], postgis=False)
    with pytest.raises(QgsProcessingException, match=f"The database '{plain}' has no PostGIS extension: ask its"):
        run_alg("territorial:od_flow_lines", dict(flows, OUTPUT=server.destination(plain, "lines")))
    # a table somebody else made is never replaced
    server.psql(database, "CREATE TABLE lines (id int); INSERT INTO lines VALUES (1)")
    with pytest.raises(QgsProcessingException, match="already exists .* and was not written by Territorial Data"):
        run_alg("territorial:od_flow_lines", dict(flows, OUTPUT=server.destination(database, "lines")))
    assert server.psql(database, "SELECT count(*) FROM lines") == "1"
    # a user without the right to create tables
    server.psql(database, "CREATE ROLE reader LOGIN; GRANT CONNECT ON DATABASE " + database + " TO reader")
    server.psql(database, "REVOKE CREATE ON SCHEMA public FROM PUBLIC")
    with pytest.raises(QgsProcessingException, match="The user 'reader' may not create tables in the schema 'public'"):
        run_alg("territorial:od_flow_lines", dict(flows, OUTPUT=server.destination(database, "l2", user="reader")))
    # no schema
    with pytest.raises(QgsProcessingException, match="has no schema 'etudes'"):
        run_alg("territorial:od_flow_lines", dict(flows, OUTPUT=server.destination(database, "l3", schema="etudes")))
