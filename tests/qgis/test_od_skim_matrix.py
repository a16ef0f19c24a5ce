"""territorial:od_skim_matrix: hand-made distances and times, and a cross-check of the network
distances against QGIS's own native:shortestpathpointtopoint on the real Val-d'Oise roads."""

import pytest
from qgis import processing
from qgis.core import NULL, QgsProcessingException, QgsVectorLayer
from test_assign_flows import toy  # noqa: F401 (fixture)

from support.layers import output_layer, write_gpkg
from territorial_data.compat import FieldType, WkbType


def rows(layer):
    return {(f["origin"], f["destination"]): f for f in layer.getFeatures()}


def test_all_pairs_distance_time_and_status(run_alg, toy):  # noqa: F811
    params = {k: v for k, v in toy.items() if k != "FLOWS"}
    results, feedback, context = run_alg(
        "territorial:od_skim_matrix", dict(params, COST="length", DEFAULT_SPEED=36, OUTPUT="TEMPORARY_OUTPUT")
    )
    table = rows(output_layer(results["OUTPUT"], context))
    assert len(table) == 16  # 4 zones x 4
    assert table[("Z1", "Z2")]["distance_km"] == pytest.approx(2.0)
    assert table[("Z2", "Z1")]["distance_km"] == pytest.approx(4.0)  # one-way: the long way round
    assert table[("Z2", "Z1")]["time_min"] == pytest.approx(4000 / 10 / 60)  # 36 km/h = 10 m/s
    assert table[("Z1", "Z2")]["connector_km"] == pytest.approx(0.2)
    # a zone to itself: not measured on the network, the same status as assign_flows gives it
    assert table[("Z1", "Z1")]["distance_km"] in (None, NULL) and table[("Z1", "Z1")]["status"] == "intrazonal"
    assert table[("Z1", "Z3")]["status"] == "destination_too_far"
    assert table[("Z1", "Z3")]["distance_km"] in (None, NULL)


def test_pairs_of_an_od_table_by_time(run_alg, toy):  # noqa: F811
    results, _, context = run_alg(
        "territorial:od_skim_matrix",
        dict(toy, COST="time", OUTPUT="TEMPORARY_OUTPUT", ORIGIN_FIELD="ORI", DESTINATION_FIELD="DES"),
    )
    table = rows(output_layer(results["OUTPUT"], context))
    assert set(table) == {("Z1", "Z2"), ("Z2", "Z1"), ("Z1", "Z3"), ("Z1", "Z1"), ("Z9", "Z2"), ("Z5", "Z2")}
    assert table[("Z9", "Z2")]["status"] == "origin_unknown"
    assert table[("Z5", "Z2")]["distance_km"] == pytest.approx(1.0)
    assert table[("Z5", "Z2")]["time_min"] == pytest.approx(1000 / (50 / 3.6) / 60)


def test_too_many_pairs_is_refused_with_advice(run_alg, sample_dir, monkeypatch):
    from territorial_data.processing.algorithms import od_skim_matrix

    monkeypatch.setattr(od_skim_matrix, "MAX_ALL_PAIRS", 100)
    base = sample_dir / "val-doise"
    with pytest.raises(QgsProcessingException, match="Give an OD table"):
        run_alg(
            "territorial:od_skim_matrix",
            {
                "NETWORK": str(base / "routes_principales_osm_val_doise_2026.geojson"),
                "ZONES": str(base / "communes_idf.geojson"),
                "ZONE_ID_FIELD": "insee_com",
                "OUTPUT": "TEMPORARY_OUTPUT",
            },
        )


def test_distances_match_qgis_shortest_path_on_real_roads(run_alg, sample_dir, tmp_path):
    roads = sample_dir / "val-doise" / "routes_principales_osm_val_doise_2026.geojson"
    projected = processing.run(
        "native:reprojectlayer",
        {"INPUT": str(roads), "TARGET_CRS": "EPSG:2154", "OUTPUT": str(tmp_path / "roads_l93.gpkg")},
    )["OUTPUT"]
    layer = QgsVectorLayer(projected, "roads")
    features = sorted(layer.getFeatures(), key=lambda f: f.id())
    ends = []
    for index in (40, 700, 1500, 2600, 3900):
        geom = features[index].geometry()
        parts = geom.asMultiPolyline() if geom.isMultipart() else [geom.asPolyline()]
        ends.append(parts[0][0])
    zones = write_gpkg(
        tmp_path / "points.gpkg",
        WkbType.Point,
        [("code", FieldType.String)],
        [(f"POINT({p.x()} {p.y()})", [f"P{i}"]) for i, p in enumerate(ends)],
    )
    results, _, context = run_alg(
        "territorial:od_skim_matrix",
        {
            "NETWORK": projected,
            "TOLERANCE": 0.0,
            "ZONES": zones,
            "ZONE_ID_FIELD": "code",
            "MAX_CONNECTOR_DISTANCE": 0.001,
            "OUTPUT": "TEMPORARY_OUTPUT",
        },
    )
    table = rows(output_layer(results["OUTPUT"], context))
    checked = 0
    for (a, b), feature in table.items():
        if a == b or feature["status"] != "ok":
            continue
        pa, pb = ends[int(a[1:])], ends[int(b[1:])]
        native = processing.run(
            "native:shortestpathpointtopoint",
            {
                "INPUT": projected,
                "STRATEGY": 0,
                "TOLERANCE": 0,
                "START_POINT": f"{pa.x()},{pa.y()} [EPSG:2154]",
                "END_POINT": f"{pb.x()},{pb.y()} [EPSG:2154]",
                "OUTPUT": "memory:",
            },
        )["OUTPUT"]
        route = next(native.getFeatures())
        # the same route: our distance is the planar length of QGIS's path (its "cost" field differs
        # from that length by ~1e-5, QGIS's own distance measure)
        assert feature["distance_km"] * 1000 == pytest.approx(route.geometry().length(), rel=1e-9), (a, b)
        assert feature["distance_km"] * 1000 == pytest.approx(route["cost"], rel=1e-4), (a, b)
        checked += 1
    assert checked >= 6
