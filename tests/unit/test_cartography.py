"""Cartographic choices of the printed flow maps (ui/cartography.py), no QGIS."""

import pytest

from territorial_data.ui import cartography as carto


def test_nice_floor_and_breaks():
    assert [carto.nice_floor(v) for v in (0.7, 1, 1.9, 2.4, 3, 7, 123, 260, 999, 9000)] == [
        0.6,
        1,
        1.5,
        2,
        3,
        6,
        100,
        250,
        750,
        7500,
    ]
    # 16 values: the smallest, the median (9th), 75 % (13th), 87.5 % (15th)
    values = [120, 130, 140, 150, 160, 170, 180, 190, 300, 320, 340, 360, 800, 900, 1500, 4000]
    assert carto.class_breaks(values, 4) == [100, 300, 750, 1500]
    assert carto.class_breaks([5.0], 4) == [5.0]
    assert carto.class_breaks([], 4) == [] and carto.class_breaks([0, -3], 3) == []
    assert carto.class_breaks([10, 10, 10, 10], 4) == [10]  # nothing to tell apart


def test_width_classes_grow_evenly_up_to_the_cap():
    values = [120, 130, 140, 150, 160, 170, 180, 190, 300, 320, 340, 360, 800, 900, 1500, 4000]
    classes = carto.width_classes(values, 4, min_width=0.3, max_width=3.0)
    assert [c.low for c in classes] == [100, 300, 750, 1500]
    assert [c.high for c in classes] == [300, 750, 1500, None]
    assert [c.count for c in classes] == [8, 4, 2, 2]
    assert [c.width for c in classes] == [0.3, 1.2, 2.1, 3.0]
    labels = carto.class_labels(classes, lambda v: f"{v:,.0f}", "{low} to {high}", "{low} or more")
    assert labels == ["100 to 300", "300 to 750", "750 to 1,500", "1,500 or more"]
    labels = carto.class_labels(classes, lambda v: f"{v:,.0f}", "{low} to {high}", "{low} or more", "under {high}")
    assert labels[0] == "under 300" and labels[1] == "300 to 750"
    expression = carto.width_expression("flow", classes, 0.3)
    assert expression.startswith('CASE WHEN "flow" >= 1500 THEN 3 WHEN "flow" >= 750 THEN 2.1')
    assert expression.endswith("ELSE 0.3 END")
    assert carto.width_classes([7.0], 4, 0.3, 3.0)[0].width == 1.65  # one class: a middle width


def test_select_flows_top_threshold_and_oursins():
    rows = [(1, "A", "B", 10.0), (2, "A", "C", 30.0), (3, "B", "A", 5.0), (4, "C", "A", 30.0), (5, "D", "A", 0.0)]
    every = carto.select_flows(rows)
    assert every.kept == [2, 4, 1, 3] and every.total == 4 and every.total_value == 75.0
    top = carto.select_flows(rows, top_n=2)
    assert top.kept == [2, 4] and top.share == pytest.approx(60 / 75)
    assert carto.select_flows(rows, min_value=10).kept == [2, 4, 1]
    oursins = carto.select_flows(rows, main_only=True)
    assert oursins.kept == [2, 4, 3]  # the main flow of A, of C and of B


def test_main_places():
    assert carto.main_places([(1, 500.0), (2, 9000.0), (3, None), (4, 9000.0)], 2) == [2, 4]
    assert carto.main_places([(1, 5.0)], 0) == []


def test_atlas_extents_hold_each_communes_flows():
    pages = {"A": (0.0, 0.0, 1000.0, 1000.0), "B": (5000.0, 0.0, 6000.0, 1000.0)}
    flows = [("A", "Z", (500.0, 500.0, 20500.0, 3000.0)), ("B", "A", (500.0, 500.0, 5500.0, 500.0))]
    extents = carto.atlas_extents(pages, flows, ratio=2.0, margin=0.0)
    xmin, ymin, xmax, ymax = extents["A"]
    assert xmin <= 0 and xmax >= 20500 and ymin <= 0 and ymax >= 3000  # A's flows reach x = 20 500
    assert (xmax - xmin) / (ymax - ymin) == pytest.approx(2.0)
    xmin, ymin, xmax, ymax = extents["B"]
    assert xmin <= 500 and xmax >= 6000 and xmax < 20000  # B's only flow goes to A
    assert carto.page_extent((0, 0, 10, 10), 1.0, 0.0, minimum=500.0) == (-245.0, -245.0, 255.0, 255.0)
