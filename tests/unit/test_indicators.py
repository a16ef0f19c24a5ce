"""processing/engine/indicators.py: hand-checked cases and the real Val-d'Oise flows by mode (no QGIS)."""

import csv
import json
import math
from collections import defaultdict

import pandas as pd
import pytest
from shapely.geometry import Polygon, box, shape

from territorial_data.processing.engine import flowlines as fl
from territorial_data.processing.engine import indicators as ind
from territorial_data.providers.errors import DataError

# Four 1 km squares on a row (projected metres), and a U-shaped zone whose centroid is outside it.
A, B, C, D, U = "01001", "01002", "01003", "01004", "2A004"
ZONES = {
    A: box(0, 0, 1000, 1000),
    B: box(3000, 0, 4000, 1000),
    C: box(0, 4000, 1000, 5000),
    D: box(10000, 0, 11000, 1000),
    U: Polygon(
        [
            (0, 10000),
            (3000, 10000),
            (3000, 13000),
            (2000, 13000),
            (2000, 11000),
            (1000, 11000),
            (1000, 13000),
            (0, 13000),
        ]
    ),
}

ROWS = [
    (A, B, 100.0, "VP"),
    ("1001", B, 7.0, "TC"),  # A with its leading zero lost
    (B, A, 40.0, "TC"),
    (A, C, 30.0, "NM"),
    (C, A, 30.0, "VP"),
    (A, A, 50.0, "NM"),
    (B, D, 10.0, ""),  # no mode
    (A, "99999", 5.0, "VP"),  # no such zone: still an outflow of A, with no distance
    (U, A, 3.0, "VP"),
]


def compute(skim=None, with_modes=True, rows=ROWS):
    frame = pd.DataFrame(rows, columns=["origin", "destination", "flow", "mode"])
    prepared = fl.prepare_flows(frame, ZONES)
    points = fl.representative_points(list(ZONES), list(ZONES.values()))
    table, report = ind.zone_indicators(prepared, list(ZONES), points, skim, with_modes=with_modes)
    return table, report, points


def test_counts_and_ratios():
    table, report, _ = compute()
    a = table.loc[A]
    assert (a.outflow, a.inflow, a.internal, a.residents, a.jobs) == (142.0, 73.0, 50.0, 192.0, 123.0)
    assert a.self_containment == pytest.approx(50 / 192)
    assert a.job_ratio == pytest.approx(123 / 192)
    d = table.loc[D]
    assert (d.residents, d.jobs) == (0.0, 10.0)
    assert math.isnan(d.self_containment) and math.isnan(d.job_ratio)  # no residents: no ratio
    assert list(table.index) == list(ZONES)
    assert report.total_flow == sum(r[2] for r in ROWS)


def test_mean_distances():
    table, report, points = compute()
    assert table.loc[A, "mean_km"] == pytest.approx((107 * 3 + 30 * 4) / 137)  # 99999 has no distance
    xy = points.frame
    ua = math.hypot(xy.loc[U, "x"] - 500, xy.loc[U, "y"] - 500) / 1000
    assert table.loc[A, "mean_km_in"] == pytest.approx((40 * 3 + 30 * 4 + 3 * ua) / 73)
    assert math.isnan(table.loc[D, "mean_km"]) and table.loc[D, "mean_km_in"] == pytest.approx(7.0)
    assert report.between_flow == 225.0 and report.distance_flow == 220.0


def test_network_distances_from_a_skim():
    skim = ind.read_skim(
        pd.DataFrame({"origin": [A, C, B], "destination": [B, A, D], "distance_km": [4.5, 6.0, "n/a"]})
    )
    table, report, _ = compute(skim)
    assert table.loc[A, "mean_network_km"] == pytest.approx((107 * 4.5 + 30 * 6.0) / 137)  # A->C from C->A
    assert table.loc[B, "mean_network_km"] == pytest.approx(4.5)  # B->A from A->B, B->D not a number
    assert report.network_reversed_pairs == 2  # A->C and B->A
    assert report.network_missing_pairs == 2  # B->D and U->A
    assert "mean_network_km_in" in table.columns


def test_skim_needs_its_columns():
    with pytest.raises(DataError, match="no column distance_km"):
        ind.read_skim(pd.DataFrame({"origin": [A], "destination": [B], "km": [1.0]}))


def test_mode_shares():
    table, report, _ = compute()
    assert report.modes == {"NM": "share_nm", "TC": "share_tc", "VP": "share_vp", "unknown": "share_unknown"}
    assert table.loc[A, "share_vp"] == pytest.approx(105 / 192)
    assert table.loc[A, "share_tc"] == pytest.approx(7 / 192)
    assert table.loc[A, "share_nm"] == pytest.approx(80 / 192)
    assert table.loc[B, "share_unknown"] == pytest.approx(10 / 50)
    assert report.unknown_mode_flow == 10.0
    shares = table[[c for c in table.columns if c.startswith("share_")]]
    assert shares.loc[A].sum() == pytest.approx(1.0)


def test_mode_field_names():
    taken = set()
    assert ind.mode_field_name("Deux-roues motorisé", taken) == "share_deux_roues_motorise"
    assert ind.mode_field_name("deux roues motorisé", taken) == "share_deux_roues_motorise_2"
    assert ind.mode_field_name("", taken) == "share_unknown"


def test_too_many_modes_is_refused():
    rows = [(A, B, 1.0, f"csp{i}") for i in range(40)]
    with pytest.raises(DataError, match="40 different values"):
        compute(rows=rows)


# -- the real sample: flows by mode and CSP, Val-d'Oise residents (intra-commune rows included) ---
def test_real_sample_by_mode(sample_dir):
    folder = sample_dir / "val-doise"
    with open(folder / "flux_domicile_travail_idf_rp2014_mode_csp_residence_95.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter=";"))
    with open(folder / "communes_idf.geojson", encoding="utf-8") as handle:
        features = json.load(handle)["features"]
    codes = [f["properties"]["insee_com"] for f in features]
    frame = pd.DataFrame(
        {
            "origin": [r["ORI"] for r in rows],
            "destination": [r["DES"] for r in rows],
            "flow": [r["FLOW"] for r in rows],
            "mode": [r["MODE"] for r in rows],
        }
    )
    prepared = fl.prepare_flows(frame, codes)
    points = fl.representative_points(codes, [shape(f["geometry"]) for f in features])
    table, report = ind.zone_indicators(prepared, codes, points, with_modes=True)

    internal, residents, by_mode = defaultdict(float), defaultdict(float), defaultdict(float)
    for r in rows:
        flow = float(r["FLOW"])
        residents[r["ORI"]] += flow
        by_mode[(r["ORI"], r["MODE"])] += flow
        if r["ORI"] == r["DES"]:
            internal[r["ORI"]] += flow
    for code in ("95127", "95018", "95585"):  # Cergy, Argenteuil, Sarcelles
        assert table.loc[code, "residents"] == pytest.approx(residents[code])
        assert table.loc[code, "self_containment"] == pytest.approx(internal[code] / residents[code])
        assert table.loc[code, "share_vp"] == pytest.approx(by_mode[(code, "VP")] / residents[code])
        assert table.loc[code, "share_domicile"] == pytest.approx(by_mode[(code, "DOMICILE")] / residents[code])
    assert table["residents"].sum() + fl.missing_table(prepared).query("flow_as_origin > 0")[
        "flow_as_origin"
    ].sum() == pytest.approx(sum(residents.values()))
    missing = fl.missing_table(prepared).set_index("code")
    assert {"95259", "95282"} <= set(missing.index)
    assert missing.loc["95259", "flow_as_origin"] == pytest.approx(residents["95259"])
    # Paris 8e draws from the whole Val-d'Oise: inflow only, no residents in this file
    assert table.loc["75108", "residents"] == 0.0 and table.loc["75108", "jobs"] > 0
    assert report.modes == {"DOMICILE": "share_domicile", "NM": "share_nm", "TC": "share_tc", "VP": "share_vp"}
