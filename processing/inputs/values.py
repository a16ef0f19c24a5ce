"""Attribute values as the algorithms need them: codes as strings, flows as finite numbers."""

import math
import re


def is_null(value) -> bool:
    """None or a QGIS NULL."""
    return value is None or (hasattr(value, "isNull") and value.isNull())


def code_text(value):
    """A code as a string: NULL -> None, 95018 / 95018.0 -> '95018', ' 2a004 ' -> '2A004'."""
    if is_null(value):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        return str(int(value)) if value.is_integer() else repr(value)
    text = str(value).strip().upper()
    return text or None


def text_value(value) -> str:
    """A text attribute as it is ('' for NULL)."""
    if is_null(value):
        return ""
    return str(value)


_SPACES = re.compile(r"[\s\u00a0\u202f']")


def number(value):
    """A finite float from a number or a text ('1 234,5' and '1234.5' both work); None if not
    (NULL, empty, not a number, infinite or NaN)."""
    if is_null(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = float(value)
        return value if math.isfinite(value) else None
    text = _SPACES.sub("", str(value))
    if not text:
        return None
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        result = float(text)
    except ValueError:
        return None
    return result if math.isfinite(result) else None


def is_blank(value) -> bool:
    """NULL or an empty text (a missing value, as opposed to a text that is not a number)."""
    if is_null(value):
        return True
    return isinstance(value, str) and not value.strip()


def sample_list(codes, limit: int = 10) -> str:
    """The first ``limit`` codes, comma-separated, with « … » when there are more."""
    codes = list(codes)
    text = ", ".join(str(code) for code in codes[:limit])
    return text + (" …" if len(codes) > limit else "")


def short(text, limit: int = 60) -> str:
    """A name or value cut to ``limit`` characters for a message (a 1 MB header must not fill the log)."""
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


TEXT_EXTENSIONS = (".csv", ".txt", ".tsv", ".tab")


def delimited_text_path(alg, parameters, name, context) -> str:
    """The path of a delimited text file given as the layer parameter ``name``, taken as it is (no
    selection, no filter), else '': such files are read with the one text reader
    (``providers/textfile.py``: encoding, separator, the file's own line numbers), much faster than
    feature by feature."""
    import os

    from qgis.core import QgsProcessingFeatureSourceDefinition

    value = parameters.get(name)
    if isinstance(value, QgsProcessingFeatureSourceDefinition) and value.selectedFeaturesOnly:
        return ""
    layer = alg.parameterAsVectorLayer(parameters, name, context)
    if layer is None or layer.subsetString():
        return ""
    path = layer.source().split("|")[0]
    if layer.providerType() == "delimitedtext" and path.startswith("file://"):
        path = path[7:].split("?")[0]
    if layer.providerType() not in ("ogr", "delimitedtext") or not os.path.isfile(path):
        return ""
    return path if path.lower().endswith(TEXT_EXTENSIONS) else ""
