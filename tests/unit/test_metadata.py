"""metadata.txt sanity (what plugins.qgis.org and qgis_process need)."""

import configparser
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def read_metadata():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    return parser["general"]


def test_required_keys():
    meta = read_metadata()
    for key in (
        "name",
        "qgisMinimumVersion",
        "description",
        "about",
        "version",
        "author",
        "email",
        "repository",
        "tracker",
        "homepage",
        "tags",
        "icon",
        "license",
    ):
        assert meta.get(key), key
    for key in ("name[fr]", "description[fr]", "about[fr]", "tags[fr]"):
        assert meta.get(key), key


def test_versions_and_flags():
    meta = read_metadata()
    assert meta["qgisMinimumVersion"] == "3.22"
    assert meta["hasProcessingProvider"] == "yes"  # without it qgis_process skips the plugin
    assert re.fullmatch(r"\d+\.\d+\.\d+([-.]\w+)?", meta["version"])
    assert meta["license"] == "GPL-2.0-or-later"
    assert (ROOT / meta["icon"]).exists()


def test_init_is_thin():
    text = (ROOT / "__init__.py").read_text()
    assert "def classFactory" in text
    assert not re.search(r"^from|^import", text, re.M), "imports must stay inside classFactory"
