"""The one vocabulary of transport modes: the keys importers write in the ``mode`` column of an OD
table, the words a user may type for each (English, French, INSEE codes), and the filter the
network algorithms apply with their ``MODES`` parameter.

Keys: ``home``, ``walk``, ``bike``, ``two_wheeler`` (bicycle or motorised, census 2016 and before),
``motorised_two_wheeler``, ``car``, ``transit``, ``non_motorised`` (walking and cycling together,
the INSEE by-mode table), ``not_applicable``. Asking for ``non_motorised`` also keeps ``walk`` and
``bike`` rows; asking for ``two_wheeler`` also keeps ``bike`` and ``motorised_two_wheeler``.
"""

import re
import unicodedata
from typing import Dict, Iterable, List, Optional, Set

from .errors import DataError
from .i18n import translate

HOME, WALK, BIKE, TWO_WHEELER, MOTORISED_TWO_WHEELER = "home", "walk", "bike", "two_wheeler", "motorised_two_wheeler"
CAR, TRANSIT, NON_MOTORISED, NOT_APPLICABLE = "car", "transit", "non_motorised", "not_applicable"

#: canonical mode keys written in the ``mode`` column
MODE_KEYS = [HOME, WALK, BIKE, TWO_WHEELER, MOTORISED_TWO_WHEELER, CAR, TRANSIT, NON_MOTORISED, NOT_APPLICABLE]

#: words a user (or a file) may use for each mode, compared without case, accents or punctuation
MODE_WORDS = {
    HOME: ("home", "works at home", "pas de transport", "travail au domicile", "domicile", "no transport", "none"),
    WALK: ("walk", "walking", "on foot", "marche", "marche a pied", "a pied", "pied"),
    BIKE: ("bike", "bicycle", "cycling", "velo", "bicyclette", "cycle"),
    TWO_WHEELER: ("two wheeler", "two wheelers", "deux roues", "2 roues"),
    MOTORISED_TWO_WHEELER: ("motorised two wheeler", "motorbike", "motorcycle", "deux roues motorise", "2rm", "moto"),
    CAR: ("car", "voiture", "voiture camion fourgonnette", "vp", "automobile"),
    TRANSIT: ("transit", "public transport", "transports en commun", "tc", "transport en commun"),
    NON_MOTORISED: ("non motorised", "non motorized", "non motorise", "nm", "active modes", "modes actifs"),
    NOT_APPLICABLE: ("not applicable", "sans objet", "z"),
}

#: a key asked for keeps the rows of these keys too
GROUPS = {
    NON_MOTORISED: {NON_MOTORISED, WALK, BIKE},
    TWO_WHEELER: {TWO_WHEELER, BIKE, MOTORISED_TWO_WHEELER},
}


def mode_labels() -> Dict[str, str]:
    """Readable names of the mode keys (translated)."""
    return {
        HOME: translate("Modes", "works at home (no transport)"),
        WALK: translate("Modes", "walking"),
        BIKE: translate("Modes", "bicycle"),
        TWO_WHEELER: translate("Modes", "two-wheeler (bicycle or motorised)"),
        MOTORISED_TWO_WHEELER: translate("Modes", "motorised two-wheeler"),
        CAR: translate("Modes", "car, van or truck"),
        TRANSIT: translate("Modes", "public transport"),
        NON_MOTORISED: translate("Modes", "non-motorised (walking, bicycle)"),
        NOT_APPLICABLE: translate("Modes", "not applicable"),
    }


def simplify(text: str) -> str:
    """Upper case, no accents, no spaces or punctuation: ``'Marche à pied'`` -> ``'MARCHEAPIED'``."""
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def _words() -> Dict[str, str]:
    words = {}
    for key, synonyms in MODE_WORDS.items():
        for word in (*synonyms, key, mode_labels()[key]):
            words[simplify(word)] = key
    return words


def mode_key(text) -> Optional[str]:
    """The mode key a value or a word stands for (``'VP'``, ``'voiture'``, ``'car'`` -> ``'car'``), else None."""
    if text is None:
        return None
    return _words().get(simplify(text))


def parse_modes(text: str) -> List[str]:
    """The items of a comma- or semicolon-separated list of modes, stripped."""
    return [item.strip() for item in re.split(r"[,;]+", text or "") if item.strip()]


def filter_frame(frame, text: str, what: str = ""):
    """The rows of an OD frame (column ``mode``) whose mode is one of ``text`` (keys, words or raw
    values, comma-separated); all rows when ``text`` is empty. A clear :class:`DataError` when a mode
    is asked but the frame has none, or when no row has any of the modes asked."""
    items = parse_modes(text)
    if not items:
        return frame
    if "mode" not in frame.columns:
        raise DataError(
            translate(
                "Modes",
                "Modes to keep are given ({modes}) but no mode field is chosen: choose the mode field of the flows "
                "table, or leave the modes empty.",
            ).format(modes=", ".join(items))
        )
    words = _words()
    wanted_keys: Set[str] = set()
    wanted_raw: Set[str] = set()
    for item in items:
        key = words.get(simplify(item))
        if key is not None:
            wanted_keys |= GROUPS.get(key, {key})
        wanted_raw.add(item.upper())
    values = frame["mode"].astype(str)
    uniques = {value: words.get(simplify(value)) for value in values.unique()}
    keep_values = {value for value, key in uniques.items() if key in wanted_keys or value.upper() in wanted_raw}
    if not keep_values:
        raise DataError(
            translate("Modes", "No flow{what} has the mode {modes}; the modes in the table are: {present}.").format(
                what=f" ({what})" if what else "",
                modes=", ".join(items),
                present=describe(sorted(uniques)[:20]),
            )
        )
    return frame[values.isin(keep_values)]


def describe(values: Iterable[str]) -> str:
    """``NM: non-motorised (walking, bicycle); VP: car, van or truck``: values with the mode each stands for."""
    labels = mode_labels()
    out = []
    for value in values:
        key = mode_key(value)
        out.append(f"{value}: {labels[key]}" if key and key != value else (f"{value}" if value else "''"))
    return "; ".join(out)


def example() -> str:
    """The mode keys, for help texts and parameter labels."""
    return ", ".join(MODE_KEYS)
