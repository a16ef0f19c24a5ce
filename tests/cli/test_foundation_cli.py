"""qgis_process.bin: the provider is listed, help is real, runs write files, errors exit non-zero."""

import sqlite3

from support.replay import JSON, fixture_bytes


def test_list_shows_the_territorial_algorithms(qgis_process):
    done = qgis_process("list")
    assert done.returncode == 0, done.stderr
    assert "territorial:fetch_admin_boundaries" in done.stdout


def test_help_is_real(qgis_process):
    done = qgis_process("help", "territorial:fetch_admin_boundaries")
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert "geo.api.gouv.fr" in text and "Licence Ouverte" in text
    for parameter in ("LEVEL", "CODE", "PARENT_LEVEL", "OUTPUT"):
        assert parameter in text
    assert "dissolving" in text  # the long help text, not just the parameter table


def test_run_writes_a_geopackage(qgis_process, httpserver, tmp_path):
    httpserver.expect_request("/geo/communes").respond_with_data(
        fixture_bytes("geo_communes_dep35.geojson"), content_type=JSON
    )
    out = tmp_path / "communes.gpkg"
    env = {
        "TERRITORIAL_DATA_GEO_API_URL": httpserver.url_for("/geo"),
        "TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "cache"),
    }
    done, result = qgis_process.run(
        "territorial:fetch_admin_boundaries", {"LEVEL": "commune", "CODE": "35", "OUTPUT": out}, env=env
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert result["results"]["OUTPUT"].startswith(str(out))
    with sqlite3.connect(out) as db:
        rows = db.execute("select code, nom, population from communes order by code").fetchall()
    assert ("35238", "Rennes", 230890) in rows and len(rows) == 4
    assert (tmp_path / "cache" / "geo_api").is_dir()


def test_bad_code_exits_non_zero_with_the_message(qgis_process, tmp_path):
    done, _ = qgis_process.run(
        "territorial:fetch_admin_boundaries",
        {"LEVEL": "commune", "CODE": "2435001390", "OUTPUT": tmp_path / "x.gpkg"},
        env={"TERRITORIAL_DATA_GEO_API_URL": "http://127.0.0.1:9", "TERRITORIAL_DATA_CACHE_DIR": str(tmp_path / "c")},
    )
    assert done.returncode != 0
    assert "no commune found for EPCI 2435001390: check the SIREN code (9 digits)" in done.stdout + done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    assert not (tmp_path / "x.gpkg").exists()
