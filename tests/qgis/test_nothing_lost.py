"""Nothing lost, nothing silent (issue 11, the Processing side): what a run reports is what its output
holds, to GeoPackage from GeoPackage inputs; a lossy output fails the run; the network's separate
pieces and the zones they strand are reported; skims and assignment agree on why a pair has no
distance; a capped SIRENE answer says so in the layer's metadata."""

import sqlite3

import pytest
from qgis.core import (
    NULL,
    QgsCoordinateTransformContext,
    QgsProcessingContext,
    QgsProcessingException,
    QgsProcessingFeedback,
    QgsVectorFileWriter,
    QgsVectorLayer,
)

from support.fake_geocoder import FakeSirene, composed_company
from support.layers import line, point, write_gpkg
from support.replay import point_service
from territorial_data.compat import FieldType, WkbType


def gpkg_copy(source, target):
    """A GeoPackage copy of a layer file (its features get GeoPackage fids)."""
    layer = QgsVectorLayer(str(source), "in", "ogr")
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName = "GPKG"
    error = QgsVectorFileWriter.writeAsVectorFormatV2(layer, str(target), QgsCoordinateTransformContext(), options)
    assert error[0] == QgsVectorFileWriter.WriterError.NoError, error
    return str(target)


def rows_of(path, table=None):
    layer = QgsVectorLayer(str(path) if table is None else f"{path}|layername={table}", "out", "ogr")
    assert layer.isValid(), path
    return list(layer.getFeatures())


@pytest.fixture
def junctions(tmp_path):
    """A main street split by two side streets at its junctions (one feature, three pieces), in a
    GeoPackage whose features carry a fid: the pieces used to collide on it in a GeoPackage output."""
    network = write_gpkg(
        tmp_path / "network.gpkg",
        WkbType.LineString,
        [("name", FieldType.String), ("ame_d", FieldType.String), ("ame_g", FieldType.String)],
        [
            (line((0, 0), (1000, 0), (2000, 0), (3000, 0)), ["main", "PISTE CYCLABLE", "AUCUN"]),
            (line((1000, 0), (1000, 1000)), ["side 1", "AUCUN", "AUCUN"]),
            (line((2000, 0), (2000, 1000)), ["side 2", "AUCUN", "AUCUN"]),
        ],
    )
    zones = write_gpkg(
        tmp_path / "zones.gpkg",
        WkbType.Point,
        [("insee_com", FieldType.String)],
        [(point(0, -50), ["A"]), (point(3000, -50), ["B"]), (point(1000, 1050), ["C"]), (point(2000, 1050), ["D"])],
    )
    flows = tmp_path / "flows.csv"
    flows.write_text("origin;destination;flow\nA;B;10\nC;D;5\nD;A;7\nB;C;3\n", encoding="utf-8")
    return {"NETWORK": network, "ZONES": zones, "FLOWS": str(flows)}


def test_pieces_of_a_geopackage_feature_are_all_written(run_alg, junctions, tmp_path):
    out = tmp_path / "loads.gpkg"
    results, _, _ = run_alg("territorial:assign_flows", dict(junctions, OUTPUT=str(out)))
    features = rows_of(out)
    assert len(features) == 5  # the main street in three pieces, and both side streets
    assert sorted(f["source_fid"] for f in features) == [1, 1, 1, 2, 3]
    assert "fid" not in [name.lower() for name in QgsVectorLayer(str(out), "o", "ogr").fields().names()[1:]]
    flow_km = sum(f["flow"] * f["length_m"] for f in features) / 1000
    assert flow_km == pytest.approx(results["FLOW_KM"]) and results["FLOW_KM"] == pytest.approx(
        10 * 3 + 5 * 3 + 7 * 3 + 3 * 3
    )


def test_cycle_coverage_file_holds_its_totals(run_alg, junctions, tmp_path):
    out, gaps = tmp_path / "coverage.gpkg", tmp_path / "gaps.gpkg"
    results, _, _ = run_alg(
        "territorial:cycle_coverage",
        dict(junctions, FACILITIES=junctions["NETWORK"], OUTPUT=str(out), GAPS=str(gaps)),
    )
    features = rows_of(out)
    assert len(features) == 5
    assert sum(f["flow_km"] for f in features) == pytest.approx(results["FLOW_KM"])
    assert sum(f["flow_km"] for f in features if f["covered"]) == pytest.approx(results["FLOW_KM_COVERED"])
    # along the main street: A→B 3 km, C→D 1 km, D→A 2 km, B→C 2 km
    assert results["FLOW_KM_COVERED"] == pytest.approx(10 * 3 + 5 * 1 + 7 * 2 + 3 * 2)
    assert sum(f["flow_km"] for f in rows_of(gaps)) == pytest.approx(results["FLOW_KM"] - results["FLOW_KM_COVERED"])


def test_sample_outputs_hold_what_the_runs_report(run_alg, sample, sample_dir, tmp_path):
    """The flow and network algorithms on the Val-d'Oise sample, GeoPackage in and out."""
    base = sample_dir / "val-doise"
    zones = gpkg_copy(sample["zones"], tmp_path / "communes.gpkg")
    network = gpkg_copy(base / "routes_principales_osm_val_doise_2026.geojson", tmp_path / "roads.gpkg")
    facilities = gpkg_copy(base / "amenagements_cyclables_bnac_val_doise_2026.geojson", tmp_path / "bnac.gpkg")
    modes = {"FLOWS": str(sample["modes"]), "ORIGIN_FIELD": "ORI", "DESTINATION_FIELD": "DES", "FLOW_FIELD": "FLOW"}
    net = {"NETWORK": network, "ZONES": zones, "ZONE_ID_FIELD": "insee_com", "TOLERANCE": 2.0, **modes}
    total = sum(
        float(line.split(";")[4]) for line in sample["modes"].read_text(encoding="utf-8").splitlines()[1:] if line
    )

    results, feedback, _ = run_alg(
        "territorial:od_flow_lines",
        {
            **modes,
            "ZONES": zones,
            "OUTPUT": str(tmp_path / "lines.gpkg"),
            "INTRA": str(tmp_path / "intra.gpkg"),
            "MISSING": str(tmp_path / "missing.gpkg"),
        },
    )
    lines = rows_of(results["OUTPUT"])
    assert f"{len(lines)} flow lines" in feedback.text()
    intra, missing = rows_of(results["INTRA"]), rows_of(results["MISSING"])
    # every commuter is on a line, in a zone, or reported missing (a row with both codes missing is
    # reported under both)
    placed = sum(f["flow"] for f in lines) + sum(f["flow"] for f in intra)
    unknown = {f["code"] for f in missing}
    rows = [line.split(";") for line in sample["modes"].read_text(encoding="utf-8").splitlines()[1:] if line]
    both = sum(float(r[4]) for r in rows if r[0] in unknown and r[1] in unknown)
    lost = sum(f["flow_as_origin"] + f["flow_as_destination"] for f in missing) - both
    assert placed + lost == pytest.approx(total, rel=1e-9)

    results, _, _ = run_alg(
        "territorial:commune_flow_indicators",
        {**modes, "MODE_FIELD": "MODE", "ZONES": zones, "OUTPUT": str(tmp_path / "indicators.gpkg")},
    )
    assert len(rows_of(results["OUTPUT"])) == QgsVectorLayer(zones, "z", "ogr").featureCount()

    results, _, _ = run_alg(
        "territorial:assign_flows",
        {
            **net,
            "MODE_FIELD": "MODE",
            "MODES": "car",
            "COST": "time",
            "ROAD_TYPE_FIELD": "type",
            "OUTPUT": str(tmp_path / "car.gpkg"),
            "UNROUTED": str(tmp_path / "car_unrouted.gpkg"),
        },
    )
    loads = rows_of(results["OUTPUT"])
    assert sum(f["flow"] * f["length_m"] for f in loads) / 1000 == pytest.approx(results["FLOW_KM"], rel=1e-9)
    unrouted = sum(f["flow"] for f in rows_of(results["UNROUTED"]))
    assert unrouted == pytest.approx(results["FLOW_NOT_ASSIGNED"])
    assert results["FLOW_ASSIGNED"] + unrouted == pytest.approx(271794, abs=1)

    results, _, _ = run_alg(
        "territorial:cycle_coverage",
        {
            **net,
            "MODE_FIELD": "MODE",
            "MODES": "non_motorised",
            "FACILITIES": facilities,
            "OUTPUT": str(tmp_path / "nm.gpkg"),
            "GAPS": str(tmp_path / "nm_gaps.gpkg"),
            "UNROUTED": str(tmp_path / "nm_unrouted.gpkg"),
        },
    )
    segments = rows_of(results["OUTPUT"])
    assert sum(f["flow_km"] for f in segments) == pytest.approx(results["FLOW_KM"], rel=1e-9)
    assert sum(f["flow_km"] for f in segments if f["covered"]) == pytest.approx(results["FLOW_KM_COVERED"], rel=1e-9)
    assert sum(f["flow"] for f in rows_of(results["UNROUTED"])) == pytest.approx(results["FLOW_UNROUTED"])

    results, feedback, _ = run_alg(
        "territorial:od_skim_matrix",
        {**net, "FLOWS": str(tmp_path / "lines.gpkg"), "OUTPUT": str(tmp_path / "skim.gpkg")},
    )
    assert len(rows_of(results["OUTPUT"])) == len({(f["origin"], f["destination"]) for f in lines})


def test_an_output_that_lost_features_fails_the_run(qgis_app, tmp_path):
    """The check behind every run: an output holding fewer features than were written is an error."""
    from territorial_data.processing.outputs.sinks import OutputRun

    path = write_gpkg(
        tmp_path / "three.gpkg", WkbType.Point, [("n", FieldType.Int)], [(point(i, 0), [i]) for i in range(3)]
    )
    run = OutputRun(QgsProcessingContext())
    run.expect(path, 4, "Flow lines")
    with pytest.raises(QgsProcessingException, match="'Flow lines' holds 3 features but 4 were written"):
        run.commit({}, QgsProcessingFeedback())
    run = OutputRun(QgsProcessingContext())
    run.expect(path, 3, "Flow lines")
    assert run.commit({"OUTPUT": path}, QgsProcessingFeedback()) == {"OUTPUT": path}


def test_separate_pieces_and_the_zones_they_strand_are_reported(run_alg, tmp_path):
    """A zone crossed by a lane that is not connected to the main network: said, with its flow."""
    network = write_gpkg(
        tmp_path / "lanes.gpkg",
        WkbType.LineString,
        [("name", FieldType.String)],
        [
            (line((0, 0), (5000, 0)), ["main"]),
            (line((5000, 0), (5000, 5000)), ["main 2"]),
            (line((0, 3000), (1000, 3000)), ["separate lane"]),
        ],
    )
    zones = write_gpkg(
        tmp_path / "zones.gpkg",
        WkbType.Point,
        [("code", FieldType.String)],
        [(point(0, -20), ["A"]), (point(5000, 4980), ["B"]), (point(500, 3010), ["C"])],
    )
    flows = tmp_path / "flows.csv"
    flows.write_text("origin;destination;flow\nA;B;10\nC;B;4\n", encoding="utf-8")
    results, feedback, _ = run_alg(
        "territorial:assign_flows",
        {
            "NETWORK": network,
            "ZONES": zones,
            "FLOWS": str(flows),
            "MAX_CONNECTOR_DISTANCE": 2500,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    text = feedback.text()
    assert "The network has 2 separate pieces; the main one holds 90.9% of its length" in text
    assert "1 zones lie next to a line that is not connected to the main network" in text and ": C." in text
    assert "Flows with an end in those zones: 1 pairs, flow 4.0 (4.0 of it not assigned)" in text
    assert results["FLOW_NOT_ASSIGNED"] == pytest.approx(4.0)


def test_skim_and_assignment_give_the_same_status(run_alg, tmp_path):
    """Two zones on the same network node: « same_node » in both, never « ok » with 0 km."""
    network = write_gpkg(
        tmp_path / "n.gpkg", WkbType.LineString, [("name", FieldType.String)], [(line((0, 0), (1000, 0)), ["a"])]
    )
    zones = write_gpkg(
        tmp_path / "z.gpkg",
        WkbType.Point,
        [("code", FieldType.String)],
        [(point(0, -10), ["A"]), (point(5, 10), ["B"]), (point(1000, 10), ["C"])],
    )
    flows = tmp_path / "f.csv"
    flows.write_text("origin;destination;flow\nA;B;3\nA;C;2\n", encoding="utf-8")
    params = {"NETWORK": network, "ZONES": zones, "FLOWS": str(flows)}
    results, _, context = run_alg("territorial:od_skim_matrix", dict(params, OUTPUT="TEMPORARY_OUTPUT"))
    skim = {(f["origin"], f["destination"]): f for f in context.getMapLayer(results["OUTPUT"]).getFeatures()}
    assert skim[("A", "B")]["status"] == "same_node" and skim[("A", "B")]["distance_km"] in (None, NULL)
    assert skim[("A", "C")]["status"] == "ok" and skim[("A", "C")]["distance_km"] == pytest.approx(1.0)
    results, _, context = run_alg(
        "territorial:assign_flows", dict(params, OUTPUT="TEMPORARY_OUTPUT", UNROUTED="TEMPORARY_OUTPUT")
    )
    unrouted = {
        (f["origin"], f["destination"]): f["reason"] for f in context.getMapLayer(results["UNROUTED"]).getFeatures()
    }
    assert unrouted == {("A", "B"): "same_node"}


def test_capped_establishments_say_so_in_the_layer_metadata(run_alg, httpserver, monkeypatch, tmp_path):
    prefixes = [point_service(monkeypatch, key, httpserver) for key in ("sirene", "geo_api", "insee_sirene")]
    fake = FakeSirene().install(httpserver, *prefixes)
    fake.companies += [composed_company(1, "35238", "47.11F", "G")]
    fake.capped[("35238", "")] = True
    fake.capped[("35238", "G")] = True
    out = tmp_path / "establishments.gpkg"
    run_alg("territorial:fetch_establishments", {"TERRITORY": "35238", "OUTPUT": str(out)})
    with sqlite3.connect(out) as db:
        metadata = " ".join(m[0] for m in db.execute("select metadata from gpkg_metadata"))
    assert "Incomplete: the service answers at most" in metadata
    assert "Rennes (35238) [G]" in metadata
