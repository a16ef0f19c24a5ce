"""Cycling potential engine (PCT 2020 uptake models, gradients, trips within a zone): values worked
out by hand in the comments."""

import math

import numpy as np
import pytest

from territorial_data.processing.engine import potential
from territorial_data.providers.errors import DataError


def inv_logit(x):
    return 1.0 / (1.0 + math.exp(-x))


# d = 1 km and g = 0.78 % (g - 0.78 = 0): logit = alpha + d1 + d2 + d3
#   government target: -4.018 - 0.6369 + 1.988 + 0.008775            = -2.658125
#   Go Dutch:          -2.658125 + 2.550 - 0.08036                    = -0.188485
#   e-bike:            -0.188485 + 0.05509 - 0.000295                 = -0.133690
ONE_KM_FLAT = {"government_target": -2.658125, "go_dutch": -0.188485, "ebike": -0.13369}


@pytest.mark.parametrize("scenario, logit", sorted(ONE_KM_FLAT.items()))
def test_uptake_at_one_km_on_the_centre_gradient(scenario, logit):
    p = potential.uptake([1.0], [0.78], scenario)
    assert p[0] == pytest.approx(inv_logit(logit), rel=1e-12)


def test_uptake_values_by_hand():
    # government target at d = 4 km, g = 0.78: -4.018 - 0.6369*4 + 1.988*2 + 0.008775*16
    #   = -4.018 - 2.5476 + 3.976 + 0.1404 = -2.4492 -> p = 1 / (1 + e^2.4492) = 0.079493...
    assert potential.uptake(4.0, 0.78, "government_target") == pytest.approx(1 / (1 + math.exp(2.4492)), rel=1e-12)
    # one gradient point more at 1 km (g' = 1): + h1 + i1*1*1 + i2*1*1 = -0.2555 + 0.02006 - 0.1234
    #   government target: -2.658125 - 0.35884 = -3.016965
    assert potential.uptake(1.0, 1.78, "government_target") == pytest.approx(inv_logit(-3.016965), rel=1e-12)
    #   e-bike: h1 is -0.2555 + 0.1812 = -0.0743: -0.13369 - 0.0743 + 0.02006 - 0.1234 = -0.31133
    assert potential.uptake(1.0, 1.78, "ebike") == pytest.approx(inv_logit(-0.31133), rel=1e-12)
    # the flat ground of the Netherlands (g = 0): g' = -0.78 at 4 km, Go Dutch
    #   -4.018 + 2.55 + (-0.71726)*4 + 1.988*2 + 0.008775*16 + (-0.2555)(-0.78) + 0.02006*4*(-0.78)
    #   + (-0.1234)*2*(-0.78) = -1.468 - 2.86904 + 3.976 + 0.1404 + 0.19929 - 0.0625872 + 0.192504
    logit = -1.468 - 2.86904 + 3.976 + 0.1404 + 0.19929 - 0.0625872 + 0.192504
    assert potential.uptake(4.0, 0.0, "go_dutch") == pytest.approx(inv_logit(logit), rel=1e-12)


def test_models_carry_the_documented_offsets():
    base, dutch, ebike = potential.GOVERNMENT_TARGET, potential.GO_DUTCH, potential.EBIKE
    assert (base.alpha, base.d1, base.d2, base.d3) == (-4.018, -0.6369, 1.988, 0.008775)
    assert (base.h1, base.i1, base.i2) == (-0.2555, 0.02006, -0.1234)
    assert dutch.alpha == pytest.approx(-1.468) and dutch.d1 == pytest.approx(-0.71726)
    assert (dutch.d2, dutch.d3, dutch.h1, dutch.i1, dutch.i2) == (base.d2, base.d3, base.h1, base.i1, base.i2)
    assert ebike.alpha == dutch.alpha and ebike.d1 == pytest.approx(-0.66217)
    assert ebike.d3 == pytest.approx(0.00848) and ebike.h1 == pytest.approx(-0.0743)


def test_uptake_shapes_hills_distance_and_unknowns():
    d = np.array([1.0, 2.4, 5.0, 10.0, 20.0, 30.0, 31.0, np.nan])
    for scenario in potential.SCENARIOS:
        p = potential.uptake(d, 0.0, scenario)
        assert np.all((p[:6] > 0) & (p[:6] < 1))
        assert p[6] == 0.0  # longer than the longest trip: nobody cycles it in the scenario
        assert math.isnan(p[7])
        assert p[1] > p[0] and p[2] > p[3] > p[4]  # the PCT curve peaks near 2.4 km, then falls
        assert potential.uptake(5.0, 4.0, scenario) < potential.uptake(5.0, 1.0, scenario)  # hills cost
    # ordering of the scenarios on a long hilly trip: e-bike > Go Dutch > government target
    hilly = [potential.uptake(10.0, 4.0, s) for s in ("government_target", "go_dutch", "ebike")]
    assert hilly[0] < hilly[1] < hilly[2]
    assert potential.uptake(40.0, 0.0, "go_dutch", max_distance_km=50.0) > 0
    with pytest.raises(DataError):
        potential.uptake(1.0, 0.0, "amsterdam")
    with pytest.raises(DataError):
        potential.uptake(-1.0, 0.0, "go_dutch")


def test_scenario_cyclists_never_below_today():
    p = np.array([0.1, 0.1, np.nan, 0.0])
    flow = np.array([100.0, 100.0, 50.0, 20.0])
    now = np.array([3.0, 15.0, 4.0, 2.0])
    assert potential.scenario_cyclists(p, flow, now).tolist() == [10.0, 15.0, 4.0, 2.0]


def test_intrazonal_distance_model():
    # a disc of radius 1 km (area pi km2): 128/(45 pi) * 1 km * 1.3 = 1.17704 km
    assert abs(potential.DISC_MEAN_DISTANCE - 0.9054147873672268) < 1e-15
    km = potential.intrazonal_distance_km([math.pi * 1e6, 4 * math.pi * 1e6, 0.0])
    assert km[0] == pytest.approx(1.3 * 0.9054147873672268)
    assert km[1] == pytest.approx(2 * km[0])  # twice the radius, twice the distance
    assert math.isnan(km[2])  # a point zone has no area
    assert potential.detour_km(2000.0) == pytest.approx(2.6)


def test_mean_distance_in_a_disc_by_simulation():
    # the constant is the mean distance between two uniform points of the unit disc
    rng = np.random.default_rng(3)
    r = np.sqrt(rng.random((2, 200_000)))
    a = rng.random((2, 200_000)) * 2 * np.pi
    x, y = r * np.cos(a), r * np.sin(a)
    assert np.hypot(x[0] - x[1], y[0] - y[1]).mean() == pytest.approx(potential.DISC_MEAN_DISTANCE, rel=0.01)


def test_route_gradient():
    g = potential.route_gradient_pct([30.0, 0.0, 5.0, np.nan], [1000.0, 500.0, 0.0, 100.0])
    assert g[:3].tolist() == [3.0, 0.0, 0.0] and math.isnan(g[3])
    assert potential.mean_gradient_pct([10.0, 30.0], [1000.0, 1000.0]) == pytest.approx(2.0)
    assert potential.mean_gradient_pct([10.0, 30.0], [1000.0, 1000.0], np.array([False, True])) == pytest.approx(3.0)
    assert potential.mean_gradient_pct([], []) == 0.0


def test_sample_grid_bilinear_on_a_tilted_plane():
    # z = 100 + 0.02 x - 0.01 y over cells of 25 m; the top-left corner at (1000, 2000)
    rows, cols, size = 8, 10, 25.0
    cx = 1000 + (np.arange(cols) + 0.5) * size
    cy = 2000 - (np.arange(rows) + 0.5) * size
    values = 100 + 0.02 * cx[None, :] - 0.01 * cy[:, None]
    grid = potential.Grid(values, 1000.0, 2000.0, size, size)
    x = np.array([1012.5, 1100.0, 1201.0, 1240.0, 999.0, 1100.0])
    y = np.array([1987.5, 1900.0, 1855.0, 1805.0, 1900.0, 1700.0])
    z = potential.sample_grid(grid, x, y)
    expected = 100 + 0.02 * x - 0.01 * y
    assert np.allclose(z[:3], expected[:3])
    # within the outer half cell: the border cell's value (flat beyond the last centre)
    assert z[3] == pytest.approx(100 + 0.02 * 1237.5 - 0.01 * 1812.5)
    assert math.isnan(z[4]) and math.isnan(z[5])  # outside the grid
    holed = values.copy()
    holed[3, 3] = np.nan
    near = potential.sample_grid(potential.Grid(holed, 1000.0, 2000.0, size, size), [1100.0], [1900.0])
    assert math.isnan(near[0])  # next to a cell without data


def test_densified_points_and_height_change():
    # piece 0: (0,0) -> (100,0) -> (100,30); piece 1: (0,0) -> (0,10)
    xy = np.array([[0, 0], [100, 0], [100, 30], [0, 0], [0, 10]], dtype=float)
    pts, owner = potential.densified_points(xy, [0, 3], [2, 4], step_m=25.0)
    assert owner.tolist() == [0] * 7 + [1] * 2
    assert pts[:7].tolist() == [[0, 0], [25, 0], [50, 0], [75, 0], [100, 0], [100, 15], [100, 30]]
    assert pts[7:].tolist() == [[0, 0], [0, 10]]
    # a valley: z = |x - 50| / 10 along the first leg, then +3 m up the second leg
    z = np.array([5.0, 2.5, 0.0, 2.5, 5.0, 6.5, 8.0, 0.0, 1.0])
    rise, complete = potential.segment_height_change(z, owner, 2)
    assert rise.tolist() == [13.0, 1.0] and complete.all()  # 5 down + 5 up + 3 up: both count
    z[1] = np.nan
    rise, complete = potential.segment_height_change(z, owner, 2)
    assert rise.tolist() == [13.0, 1.0] and complete.tolist() == [False, True]  # measured 5 -> 0
    with pytest.raises(DataError):
        potential.densified_points(xy, [0], [2], 0.0)


def test_within_zone_gradients():
    from shapely.geometry import Polygon

    square = Polygon([(0, 0), (100, 0), (100, 100), (0, 100)])
    far = Polygon([(1000, 1000), (1100, 1000), (1100, 1100)])
    # segments: two inside the square (2 % over 100 m, 4 % over 300 m), one outside
    g = potential.within_zone_gradients(
        [square, far, None], [10.0, 50.0, 500.0], [10.0, 50.0, 500.0], [2.0, 12.0, 50.0], [100.0, 300.0, 100.0]
    )
    assert g[0] == pytest.approx(100 * 14 / 400) and math.isnan(g[1]) and math.isnan(g[2])


def test_zone_table():
    table = potential.zone_table(
        ["A", "A", "A", "B"],
        ["A", "B", "C", "A"],
        [100.0, 50.0, 10.0, 40.0],
        [5.0, 2.0, 0.0, 1.0],
        [30.0, 10.0, 0.0, 8.0],
        [1.5, 4.0, np.nan, 4.0],
    )
    a, b, c = table.loc["A"], table.loc["B"], table.loc["C"]
    assert (a["commuters"], a["cyclists_now"], a["cyclists_scenario"], a["extra_cyclists"]) == (160, 7, 40, 33)
    assert (a["commuters_within"], a["cyclists_within_scenario"]) == (100, 30)
    assert (a["commuters_in"], a["cyclists_scenario_in"]) == (140, 38)
    assert a["share_scenario"] == pytest.approx(40 / 160) and a["share_now"] == pytest.approx(7 / 160)
    assert a["mean_distance_km"] == pytest.approx((100 * 1.5 + 50 * 4.0) / 150)  # C has no distance
    assert b["commuters"] == 40 and b["commuters_in"] == 50
    assert c["commuters"] == 0 and c["commuters_in"] == 10 and math.isnan(c["share_scenario"])


def test_piece_boxes_and_the_near_filter():
    xy = np.array([[0, 0], [100, 0], [100, 30], [500, 500], [520, 480]], dtype=float)
    boxes = potential.piece_boxes(xy, [0, 3], [2, 4])
    assert boxes.tolist() == [[0, 0, 100, 30], [500, 480, 520, 500]]
    facilities = np.array([[90.0, 40.0, 300.0, 60.0]])  # 10 m above the first piece's box
    assert potential.near_boxes(boxes, facilities, 15.0, cell=5.0).tolist() == [True, False]
    assert potential.near_boxes(boxes, facilities, 5.0, cell=5.0).tolist() == [False, False]
    # never drops a box that is near: random boxes against an exact test
    rng = np.random.default_rng(4)
    segs = np.sort(rng.uniform(0, 10000, (2000, 2, 2)), axis=1).transpose(0, 2, 1).reshape(-1, 4)[:, [0, 2, 1, 3]]
    facs = np.sort(rng.uniform(0, 10000, (50, 2, 2)), axis=1).transpose(0, 2, 1).reshape(-1, 4)[:, [0, 2, 1, 3]]
    segs[:, 2:] = segs[:, :2] + rng.uniform(0, 200, (2000, 2))
    facs[:, 2:] = facs[:, :2] + rng.uniform(0, 300, (50, 2))
    d = 15.0
    exact = (
        (segs[:, None, 0] <= facs[None, :, 2] + d)
        & (segs[:, None, 2] >= facs[None, :, 0] - d)
        & (segs[:, None, 1] <= facs[None, :, 3] + d)
        & (segs[:, None, 3] >= facs[None, :, 1] - d)
    ).any(axis=1)
    kept = potential.near_boxes(segs, facs, d)
    assert not (exact & ~kept).any() and kept.sum() < 2 * max(1, exact.sum()) + 50
    assert potential.near_boxes(segs, np.zeros((0, 4)), d).sum() == 0
