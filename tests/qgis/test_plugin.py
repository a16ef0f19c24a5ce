"""The plugin loads and unloads cleanly, twice in one QGIS session, and registers what it should."""

import os

from qgis.core import QgsApplication
from qgis.PyQt.QtCore import QCoreApplication

import territorial_data

# Loading, unloading and reloading the plugin with the real iface (menu, Browser root, locator filter,
# options page, provider, modules) is checked in the real QGIS desktop: tests/desktop.


def test_init_processing_alone_is_headless(without_provider):
    """qgis_process calls classFactory(None) then only initProcessing()."""
    plugin = territorial_data.classFactory(None)
    plugin.initProcessing()
    provider = QgsApplication.processingRegistry().providerById("territorial")
    assert provider is not None and provider.algorithms()
    plugin.unload()
    assert QgsApplication.processingRegistry().providerById("territorial") is None


def test_algorithm_ids_are_stable_snake_case(territorial_provider):
    ids = [alg.id() for alg in territorial_provider.algorithms()]
    assert "territorial:fetch_admin_boundaries" in ids
    for alg in territorial_provider.algorithms():
        assert alg.name().replace("_", "").isalnum() and alg.name().islower()
        assert alg.groupId() in ("sources", "flows", "networks", "maps")
        assert alg.displayName() and alg.shortHelpString(), alg.id()


def test_algorithm_module_list_matches_the_files():
    from territorial_data.processing import provider

    folder = os.path.join(os.path.dirname(provider.__file__), "algorithms")
    files = sorted(name[:-3] for name in os.listdir(folder) if name.endswith(".py") and not name.startswith("_"))
    assert sorted(provider.ALGORITHM_MODULES) == [name for name in files if name != "base"]
    classes, failures = provider.load_algorithm_modules()
    assert not failures
    assert len(classes) == len(provider.ALGORITHM_MODULES)


def test_a_module_that_fails_to_import_costs_only_its_algorithm(tmp_path):
    """One broken import (e.g. a library a QGIS build ships broken) is logged; the others load."""
    from territorial_data.processing import provider

    broken = os.path.join(os.path.dirname(provider.__file__), "algorithms", "zz_broken_for_test.py")
    with open(broken, "w", encoding="utf-8") as handle:
        handle.write("raise RuntimeError('library broken in this QGIS')\n")
    try:
        classes, failures = provider.load_algorithm_modules(("zz_broken_for_test", *provider.ALGORITHM_MODULES))
    finally:
        os.remove(broken)
    assert [name for name, _ in failures] == ["zz_broken_for_test"]
    assert "library broken in this QGIS" in failures[0][1]
    assert len(classes) == len(provider.ALGORITHM_MODULES)


def test_browser_root_and_entries(territorial_provider):
    from territorial_data.ui.browser import RootItem

    root = RootItem()
    children = root.createChildren()
    names = [child.name() for child in children]
    assert "Administrative boundaries" in names
    admin = children[names.index("Administrative boundaries")]
    levels = admin.createChildren()
    assert [item.parameters["LEVEL"] for item in levels] == ["commune", "epci", "departement", "region"]
    assert all(item.algorithm_id == "territorial:fetch_admin_boundaries" for item in levels)
    assert levels[0].actions(None)


def test_options_page_saves_settings(qgis_app, monkeypatch, tmp_path):
    from qgis.core import QgsSettings

    from territorial_data.providers.settings import get_settings
    from territorial_data.ui.options import TerritorialOptionsFactory

    monkeypatch.delenv("TERRITORIAL_DATA_GEO_API_URL", raising=False)
    monkeypatch.delenv("TERRITORIAL_DATA_CACHE_DIR", raising=False)
    for name in ("TERRITORIAL_DATA_DEADLINE", "TERRITORIAL_DATA_MAX_RETRIES", "TERRITORIAL_DATA_DASK_SCHEDULER"):
        monkeypatch.delenv(name, raising=False)
    page = TerritorialOptionsFactory().createWidget(None)
    page.url_edits["geo_api_url"].setText("http://127.0.0.1:1234/geo/")
    page.cache_widget.setFilePath(str(tmp_path / "mycache"))
    assert not page.offline_box.isEnabled()  # TERRITORIAL_DATA_OFFLINE is set by the test harness
    page.number_boxes["deadline"].setValue(300)
    page.number_boxes["max_retries"].setValue(2)
    page.dask_edit.setText("tcp://cluster.example:8786")
    page.apply()
    try:
        got = get_settings()
        assert got.geo_api_url == "http://127.0.0.1:1234/geo"
        assert got.cache_dir == str(tmp_path / "mycache")
        assert (got.deadline, got.max_retries, got.dask_scheduler) == (300.0, 2, "tcp://cluster.example:8786")
        monkeypatch.setenv("TERRITORIAL_DATA_GEO_API_URL", "http://env.example")
        assert get_settings().geo_api_url == "http://env.example"  # the environment wins
    finally:
        QgsSettings().remove("territorial_data")


def test_options_page_cache_size_and_clear(qgis_app, monkeypatch, tmp_path):
    from territorial_data.ui.options import TerritorialOptionsPage

    monkeypatch.delenv("TERRITORIAL_DATA_CACHE_DIR", raising=False)
    folder = tmp_path / "c" / "geo_api" / "ab"
    folder.mkdir(parents=True)
    (folder / "ab.data").write_bytes(b"x" * 2048)
    page = TerritorialOptionsPage()
    page.cache_widget.setFilePath(str(tmp_path / "c"))
    page.refresh_size()
    assert "2.0\u00a0KB" in page.size_label.text()  # « 2,0 Ko » in French (tests/desktop)
    page.clear_cache(confirm=False)
    assert not (tmp_path / "c").exists()
    assert page.size_label.text().startswith("0\u00a0B")


def test_french_translation_is_installed_for_a_french_qgis(qgis_app, monkeypatch, tmp_path):
    import importlib.util

    from territorial_data import plugin as plugin_module

    spec = importlib.util.spec_from_file_location("i18n_script", plugin_module.PLUGIN_DIR + "/scripts/i18n.py")
    i18n = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(i18n)
    (tmp_path / "i18n").mkdir()
    i18n.release(tmp_path / "i18n" / "territorial_data_fr.qm")
    monkeypatch.setattr(plugin_module, "PLUGIN_DIR", str(tmp_path))
    name_en, name_fr = "Fetch administrative boundaries", "Récupérer les limites administratives"

    monkeypatch.setenv("TERRITORIAL_DATA_LANGUAGE", "fr")  # what a French QGIS locale gives, forced here
    plugin = plugin_module.TerritorialDataPlugin(None)
    try:
        assert plugin.language == "fr"
        assert QCoreApplication.translate("FetchAdminBoundaries", name_en) == name_fr
    finally:
        plugin.unload()
    assert QCoreApplication.translate("FetchAdminBoundaries", name_en) == name_en

    monkeypatch.setenv("TERRITORIAL_DATA_LANGUAGE", "en")
    plugin = plugin_module.TerritorialDataPlugin(None)
    try:
        assert plugin.language is None  # English: the source strings, no translator
        assert QCoreApplication.translate("FetchAdminBoundaries", name_en) == name_en
    finally:
        plugin.unload()


def test_plugin_language_rules(qgis_app, monkeypatch):
    from territorial_data.providers import i18n

    monkeypatch.setattr(i18n, "qgis_language", lambda: "de")  # a QGIS in a language the plugin lacks
    monkeypatch.delenv("TERRITORIAL_DATA_LANGUAGE", raising=False)
    assert i18n.plugin_language() == "en"
    monkeypatch.setenv("TERRITORIAL_DATA_LANGUAGE", "fr_FR")
    assert i18n.plugin_language() == "fr" and i18n.ui_language() == "fr" and i18n.output_language() == "fr"
    monkeypatch.setenv("TERRITORIAL_DATA_LANGUAGE", "xx")  # unknown: ignored
    assert i18n.plugin_language() == "en"
    assert i18n.format_size(178_000_000, "fr") == "169,8\u00a0Mo"
    assert i18n.format_size(178_000_000, "en") == "169.8\u00a0MB"
    assert i18n.format_number(50000, 0, "fr") == "50\u00a0000" and i18n.format_number(50000.5, 1, "en") == "50,000.5"
    assert i18n.format_size(512, "fr") == "512\u00a0o"


BLOCK = r"(?:p|ul|ol|li|h[1-6]|table|thead|tbody|tr|td|th|pre|dl|dt|dd|div|hr|br)"


def test_help_files_break_lines_only_between_blocks():
    """QGIS turns every line break of a help text into a paragraph break: a line of a help file is
    one whole block (a paragraph, an item, a heading), never part of a sentence (issue 13, item 4)."""
    import re

    from territorial_data.plugin import PLUGIN_DIR

    starts = re.compile(r"^</?" + BLOCK + r"\b")
    ends = re.compile(r"(?:</" + BLOCK + r">|<(?:ul|ol|table|thead|tbody|tr|dl|hr|br)\b[^>]*/?>)$")
    folder = os.path.join(PLUGIN_DIR, "ui", "help")
    checked = 0
    for lang in ("en", "fr"):
        for name in sorted(os.listdir(os.path.join(folder, lang))):
            with open(os.path.join(folder, lang, name), encoding="utf-8") as handle:
                for number, line in enumerate(handle.read().splitlines(), 1):
                    assert starts.match(line) and ends.search(line), f"{lang}/{name}:{number} cuts a block: {line[:80]}"
            checked += 1
    from territorial_data.processing.provider import ALGORITHM_MODULES

    assert checked == 2 * len(ALGORITHM_MODULES)
