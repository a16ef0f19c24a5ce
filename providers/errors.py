"""Errors meant for the user, shared by providers and the engine (no QGIS needed)."""


class DataError(ValueError):
    """Bad input data (a file, a code, a field, an answer): the message says what is wrong and
    what to do. Algorithms turn it into a QgsProcessingException with the same message."""
