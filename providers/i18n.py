"""Translation without a hard QGIS dependency.

Providers and engine modules run in plain Python (unit tests, worker processes). Inside QGIS,
``translate`` goes through Qt's translator, so the French .qm applies; elsewhere it returns the
English source string. Call it with literal strings, ``translate("Context", "Text {x}")``, so that
``pylupdate5`` extracts them, and format after translating.
"""


def translate(context: str, message: str) -> str:
    try:
        from qgis.PyQt.QtCore import QCoreApplication
    except ImportError:
        return message
    if QCoreApplication.instance() is None:
        return message
    return QCoreApplication.translate(context, message)


def ui_language() -> str:
    """Two-letter language of the QGIS interface ('fr', 'en'...), honouring QGIS's own override
    of the system locale; 'en' outside QGIS."""
    try:
        from qgis.core import QgsApplication
    except ImportError:
        return "en"
    try:
        return (QgsApplication.locale() or "en")[:2]
    except Exception:  # very early start-up
        return "en"
