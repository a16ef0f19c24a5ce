"""Translation and locale-aware formatting without a hard QGIS dependency.

Providers and engine modules run in plain Python (unit tests, worker processes). Inside QGIS,
``translate`` goes through Qt's translator, so the French .qm applies; elsewhere it returns the
English source string. Call it with literal strings, ``translate("Context", "Text {x}")``, so that
the strings are extracted, and format after translating.

The plugin's language (``plugin_language()``) is the language of its interface, of its outputs
(layer names, legends, printed maps, metadata) and of its messages:

1. ``TERRITORIAL_DATA_LANGUAGE`` or the setting ``territorial_data/language`` when set (``fr``,
   ``en``): batch runs on an English system can make French outputs, or the reverse;
2. else the language of the QGIS interface (``qgis_language()``), the profile's override included (« Override system
   locale » in Settings › Options › General), in the desktop and in ``qgis_process``;
3. ``en`` when QGIS has no locale (``C``/``POSIX``: a bare container) or outside QGIS.

``install_translator(folder)`` loads ``territorial_data_<language>.qm`` for that language (the
plugin calls it when it loads and when the setting changes). Numbers and sizes are written with
``format_number`` / ``format_size`` in the plugin's language (« 169,8 Mo », « 50 000 »).
"""

import os
import string
from typing import Optional

#: languages whose outputs the plugin can write (English is the source language)
LANGUAGES = ("en", "fr")
QM_NAME = "territorial_data_{language}.qm"

_STATE = {"translator": None, "language": None, "folder": None}


def translate(context: str, message: str) -> str:
    """The French (or English) of ``message``; its ``.format()`` writes numbers the way the
    language does (« 12 345,6 », « 4,2 % » in French: see :class:`Message`)."""
    try:
        from qgis.PyQt.QtCore import QCoreApplication
    except ImportError:
        return message
    if QCoreApplication.instance() is None:
        return message
    return localized(QCoreApplication.translate(context, message))


def localized(text: str) -> str:
    """``text`` as a :class:`Message` when the plugin speaks French, else as it is."""
    return Message(text) if plugin_language() == "fr" else text


class _NumberFormatter(string.Formatter):
    """Formats like ``str.format``, then writes numbers the French way: a narrow no-break space
    between thousands, a decimal comma, a space before « % »."""

    def format_field(self, value, format_spec):
        text = format(value, format_spec)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return text
        if format_spec.endswith("%"):
            text = text[:-1] + "\u00a0%"
        return text.replace(",", "\u202f").replace(".", ",")


_FORMATTER = _NumberFormatter()


class Message(str):
    """A translated message whose ``format()`` writes numbers in French (see :func:`translate`)."""

    def format(self, *args, **kwargs):
        return _FORMATTER.vformat(self, args, kwargs)


def _two_letters(value) -> str:
    text = str(value or "").strip().lower().replace("-", "_")
    code = text.split("_")[0].split(".")[0]
    return code if len(code) == 2 and code.isalpha() else ""


def qgis_language() -> str:
    """Two-letter language of the QGIS interface ('fr', 'en', 'de'...), honouring QGIS's own
    override of the system locale (``QgsApplication.locale()`` reads it, in the desktop and in
    ``qgis_process``); 'en' outside QGIS or when the locale is ``C``/``POSIX``."""
    try:
        from qgis.core import QgsApplication
    except ImportError:
        return "en"
    try:
        return _two_letters(QgsApplication.locale()) or "en"
    except Exception:  # very early start-up
        return "en"


def forced_language() -> str:
    """The language forced by ``TERRITORIAL_DATA_LANGUAGE`` or the plugin setting, or ''."""
    from .settings import get_settings

    try:
        language = _two_letters(get_settings().language)
    except ValueError:
        return ""
    return language if language in LANGUAGES else ""


def plugin_language() -> str:
    """The language of the plugin's interface, outputs and messages (see the module docstring):
    one of ``LANGUAGES`` (a QGIS in a language the plugin does not speak gets English)."""
    language = forced_language() or qgis_language()
    return language if language in LANGUAGES else "en"


def ui_language() -> str:
    """The language the plugin speaks: ``plugin_language()`` (help files, metadata language)."""
    return plugin_language()


def output_language() -> str:
    """The language outputs are written in: ``plugin_language()`` (its own name so that the call
    sites say what they mean)."""
    return plugin_language()


def install_translator(folder: Optional[str] = None) -> Optional[str]:
    """Install the translator of ``plugin_language()`` from ``folder`` (remembered for later calls),
    replacing the one installed before; returns the language installed, or None (English, or no
    ``.qm`` for that language: the English source strings are used)."""
    from qgis.PyQt.QtCore import QCoreApplication, QTranslator

    folder = folder or _STATE["folder"]
    _STATE["folder"] = folder
    language = plugin_language()
    if _STATE["translator"] is not None and _STATE["language"] == language:
        return language
    remove_translator()
    if folder is None or language == "en":
        return None
    path = os.path.join(folder, QM_NAME.format(language=language))
    translator = QTranslator()
    if not os.path.exists(path) or not translator.load(path):
        return None
    QCoreApplication.installTranslator(translator)
    _STATE.update(translator=translator, language=language)
    return language


def remove_translator() -> None:
    translator = _STATE["translator"]
    if translator is not None:
        try:
            from qgis.PyQt.QtCore import QCoreApplication

            QCoreApplication.removeTranslator(translator)
        except ImportError:  # pragma: no cover
            pass
    _STATE.update(translator=None, language=None)


def installed_language() -> Optional[str]:
    """The language of the translator installed by ``install_translator`` (None: English)."""
    return _STATE["language"]


# -- numbers and sizes -----------------------------------------------------------------------------------

_SEPARATORS = {"fr": ("\u00a0", ","), "en": (",", ".")}
_SIZE_UNITS = {"fr": ("o", "Ko", "Mo", "Go", "To"), "en": ("B", "KB", "MB", "GB", "TB")}


def format_number(value: float, decimals: int = 0, language: Optional[str] = None) -> str:
    """``value`` with the thousands and decimal separators of ``language`` (default: the plugin's):
    « 50 000 », « 169,8 » in French; « 50,000 », « 169.8 » in English."""
    language = language or plugin_language()
    group, point = _SEPARATORS.get(language, _SEPARATORS["en"])
    text = f"{float(value):,.{max(0, int(decimals))}f}"
    return text.replace(",", "\0").replace(".", point).replace("\0", group)


def format_size(size: float, language: Optional[str] = None) -> str:
    """A byte count for people: « 169,8 Mo » in French, « 169.8 MB » in English (1 KB = 1024 B)."""
    language = language or plugin_language()
    units = _SIZE_UNITS.get(language, _SIZE_UNITS["en"])
    value = float(size or 0)
    for index, unit in enumerate(units):
        if value < 1024 or index == len(units) - 1:
            return f"{format_number(value, 0 if index == 0 else 1, language)}\u00a0{unit}"
        value /= 1024
    return ""  # pragma: no cover


def log_tag() -> str:
    """The plugin's tab in QGIS's Log Messages panel, in the plugin's language (« Données
    territoriales »)."""
    return translate("TerritorialProvider", "Territorial data")
