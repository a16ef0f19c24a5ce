"""The French translation is complete, compiles, and every algorithm has help in both languages."""

import importlib.util
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("i18n_script", ROOT / "scripts" / "i18n.py")
i18n = importlib.util.module_from_spec(spec)
spec.loader.exec_module(i18n)


def test_every_string_has_a_french_translation():
    missing = i18n.check(quiet=True)
    assert not missing, "untranslated or unextractable strings (run scripts/i18n.py check): " + repr(missing[:20])


def test_no_pending_translation_files():
    assert not list((ROOT / "i18n").glob("pending_*.tsv")), "run scripts/i18n.py update to merge them"


def test_qm_file_translates_every_message(tmp_path):
    """The .qm written in plain Python is read by Qt's own QTranslator, for every message."""
    import xml.etree.ElementTree as ET

    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    qm = i18n.release(tmp_path / "fr.qm")
    app = QCoreApplication.instance() or QCoreApplication([])
    translator = QTranslator()
    assert translator.load(str(qm))
    app.installTranslator(translator)
    try:
        wrong = []
        for context, message in i18n.messages(ET.parse(i18n.TS)):
            source, french = message.findtext("source"), message.findtext("translation")
            if QCoreApplication.translate(context, source) != french:
                wrong.append((context, source))
        assert not wrong, wrong[:5]
        assert QCoreApplication.translate("NoSuchContext", "Flows") == "Flows"
    finally:
        app.removeTranslator(translator)


def test_source_strings_are_english():
    """English source strings: no French-only words in translatable literals."""
    french_markers = (" le ", " la ", " les ", " des ", " une ", "Récupér", "Télécharg", " vérifiez")
    offenders = [(c, s, w) for c, s, w in i18n.code_strings() if any(m in f" {s} " for m in french_markers)]
    assert not offenders, offenders[:5]


def algorithm_ids():
    ids = []
    for path in sorted((ROOT / "processing" / "algorithms").glob("*.py")):
        text = path.read_text(encoding="utf-8")
        for line in text.splitlines():
            if line.strip().startswith("ALGORITHM_ID = ") and '""' not in line:
                ids.append(line.split("=", 1)[1].strip().strip("\"'"))
    return ids


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_algorithm_has_help(lang):
    ids = algorithm_ids()
    assert "fetch_admin_boundaries" in ids
    missing = [i for i in ids if not (ROOT / "ui" / "help" / lang / f"{i}.html").exists()]
    assert not missing, f"help/{lang} missing for {missing}"


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))


def test_translations_keep_the_placeholders():
    """A French string that drops or renames a {placeholder} would raise KeyError at run time."""
    import re
    import xml.etree.ElementTree as ET

    broken = []
    for context, message in i18n.messages(ET.parse(i18n.TS)):
        source, french = message.findtext("source") or "", message.findtext("translation") or ""
        if french and set(re.findall(r"\{\w*\}", source)) != set(re.findall(r"\{\w*\}", french)):
            broken.append((context, source))
    assert not broken, broken[:5]
