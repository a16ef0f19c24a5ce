"""The plugin in the real QGIS desktop, in French, on a virtual screen (see conftest.py).

Each test starts QGIS on a fresh profile with the plugin installed from its zip, runs one scenario
of ``td_desktop_scenarios.py`` inside it and judges what the scenario saw. Screenshots are kept in
the test's folder; ``TD_SCREENSHOTS_DIR=docs/screenshots`` (``make screenshots``) copies them there.
"""

import os
import re
import shutil
from pathlib import Path

from conftest import ROOT, build_zip

ALGORITHM_COUNT = len(
    re.findall(r'^    "\w+",$', (ROOT / "processing" / "provider.py").read_text(encoding="utf-8"), re.MULTILINE)
)
FRENCH_GROUPS = ["Cartes", "Flux de mobilité", "Réseaux", "Sources de données"]


def test_algorithm_count_is_read_from_the_provider():
    assert ALGORITHM_COUNT >= 20


def test_untick_then_tick_keeps_every_algorithm(desktop):
    found = desktop().run("reload_plugin")["findings"]
    start, *rounds = found["steps"]
    assert start["active"]
    assert start["locator"] and start["options_page"], start
    assert len(start["algorithms"]) == ALGORITHM_COUNT
    assert start["groups"] == FRENCH_GROUPS
    assert all(start["browser"].values()), start["browser"]
    for step in rounds:
        if step["step"].startswith("unticked"):
            assert step["returned"] is True
            assert not step["provider"] and not step["browser_root"] and not step["menu"], step
            assert not step["locator"] and not step["options_page"], step
            assert step["modules_left"] == [], "modules QGIS did not unload: " + ", ".join(step["modules_left"])
        else:
            assert step["returned"] is True, step
            assert step["algorithms"] == start["algorithms"], step["step"]
            assert step["groups"] == FRENCH_GROUPS
            assert all(step["browser"].values()), step["browser"]
            assert step["menu"] and step["locator"] and step["options_page"], step
            assert step["n_modules"] == start["n_modules"]


def test_install_from_zip_over_the_installed_copy_keeps_every_algorithm(desktop, tmp_path):
    upgrade = build_zip(tmp_path / "upgrade", version="9.9.9")
    result = desktop().run("install_from_zip", env={"TD_DESKTOP_ZIP": str(upgrade)})
    found = result["findings"]
    assert found["installed_version"] == "9.9.9"  # the files were replaced
    assert found["active"]
    assert len(found["before"]["algorithms"]) == ALGORITHM_COUNT
    assert found["after"]["algorithms"] == found["before"]["algorithms"]
    assert found["after"]["groups"] == FRENCH_GROUPS
    assert all(found["after"]["browser"].values())
    errors = [m for m in result["log"] if m["level"] == 2]  # Critical (3 is Success: « installée avec succès »)
    assert not errors, errors


def test_menu_opens_the_processing_toolbox(desktop):
    found = desktop().run("menu_opens_toolbox")["findings"]
    assert found["menu_title"] == "&Données territoriales"
    assert found["action_text"] == "Algorithmes de traitement…"
    assert found["visible_before"] is False
    assert found["visible_after"] is True
    assert found["visible_after_second"] is True
    assert "Données territoriales" in found["expanded"]
    assert set(FRENCH_GROUPS) <= set(found["expanded"])  # the provider's branch is expanded


def test_a_dialog_run_shows_no_false_error(desktop):
    result = desktop().run("dialog_run")
    found = result["findings"]
    assert found["run_buttons"], "no « Exécuter » button in the dialog"
    log = found["dialog_log"]
    assert log and "Résultats :" in log, log  # the run finished (QGIS prints « Execution completed » untranslated)
    assert "générées correctement" not in log and "not correctly generated" not in log, log
    assert not [m for m in found["dialog_messages"] if m["level"] >= 1], found["dialog_messages"]
    assert not [m for m in found["log_during_run"] if m["level"] == 2], found["log_during_run"]  # Critical
    assert not [m for m in result["message_bar"] if m["level"] >= 1], result["message_bar"]
    assert any(name.startswith("Lignes de flux") for name in found["layers"]), found["layers"]


def looks_like_a_picture(shot, min_width=200, min_height=150):
    assert shot["width"] >= min_width and shot["height"] >= min_height, shot
    assert shot["variance"] > 200, f"{shot['path']} looks blank (grey variance {shot['variance']})"
    assert shot["colours"] > 30, f"{shot['path']} has {shot['colours']} colours"


def test_screenshots_in_french(desktop):
    result = desktop().run("screenshots")
    found = result["findings"]
    for name in ("toolbox", "browser", "main_window", "dialog", "options"):
        looks_like_a_picture(found[name])

    # a shipped style localized by ui.style_i18n.localize_layer in the real desktop
    assert found["localized_labels"] >= 6
    assert {"Piste cyclable", "Voie verte", "Bande cyclable"} <= set(found["cycle_legend"]), found["cycle_legend"]

    toolbox = found["toolbox"]["texts"]
    assert "Données territoriales" in toolbox
    assert set(FRENCH_GROUPS) <= set(toolbox)
    assert "Lignes de flux origine-destination" in toolbox or any("flux" in t.lower() for t in toolbox)

    browser = found["browser"]["texts"]
    assert "Données territoriales" in browser
    for label in ("Limites administratives", "Communes", "Recherche data.gouv.fr"):
        assert label in browser, (label, browser)

    dialog = " | ".join(found["dialog"]["texts"])
    for label in ("Paramètres", "Journal", "Exécuter", "Zones"):
        assert label in dialog, label
    help_html = found["dialog_help_html"]
    assert "Représente des flux origine" in help_html
    # a help sentence is never cut by a paragraph break (issue 13 item 4): the first paragraph of the
    # help file is one block of the help panel
    blocks = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", block)) for block in help_html.split("</p>")]
    assert any("Représente des flux" in b and "écrits sous forme de points." in b for b in blocks), blocks

    assert found["options_page_found"]
    options = " | ".join(found["options"]["texts"])
    for label in ("Adresses des services", "Dossier du cache", "Vider le cache", "Mode hors ligne", "Langue"):
        assert label in options, (label, options)
    for english in ("Service addresses", "Clear the cache", "Territorial data", "MB", "KB"):
        assert english not in options, english
    # the size of the seeded cache (one entry), in French: « 116,6 Ko en 1 entrée »
    assert re.search(r"\d+,\d\u00a0Ko en 1 entrée\b", options), options

    wanted = os.environ.get("TD_SCREENSHOTS_DIR")
    if wanted:
        target = ROOT / wanted if not os.path.isabs(wanted) else Path(wanted)
        target.mkdir(parents=True, exist_ok=True)
        for name in ("main_window", "algorithm_dialog", "options"):
            shutil.copyfile(Path(result["out"]) / f"{name}.png", target / f"{name}.png")


def test_communes_of_the_browser_ask_for_the_territory_first(desktop):
    """Issue 13 item 7: one click must not start the download of all the communes of France."""
    found = desktop().run("communes_ask_first")["findings"]
    assert found["communes_item"]
    question = " | ".join(found["asked_1"]["texts"])
    assert "Communes de quel territoire" in question, question
    assert "toute la France" in question
    assert found["asked_1"]["type"] == "QInputDialog"
    confirmation = " | ".join(found["confirmation"]["texts"])
    assert "35 000 communes" in confirmation and "Continuer" in confirmation, confirmation
    assert found["confirmation_default_is_no"]
    assert found["left_1"] == 0 and not found["modal_after_refusal"]  # « Non »: no dialog opened
    assert found["left_2"] == 0
    algorithm = found["algorithm_dialog"]["texts"]
    assert "Récupérer les limites administratives" in " | ".join(algorithm)
    assert "95" in algorithm  # the code typed is in the algorithm's CODE field
    looks_like_a_picture(found["question_shot"], min_width=150, min_height=80)
