"""Errors meant for the user, shared by providers, the engine and the glue (no QGIS needed)."""

from .i18n import translate


class DataError(ValueError):
    """Bad input data (a file, a code, a field, an answer): the message says what is wrong and
    what to do. Algorithms turn it into a QgsProcessingException with the same message."""


class Canceled(Exception):
    """The user cancelled (Processing feedback, a dialog): raised wherever work stops, caught once
    by the algorithm base class, which writes nothing and says so."""

    def __init__(self, url: str = ""):
        super().__init__(translate("Http", "Cancelled by the user."))
        self.url = url
