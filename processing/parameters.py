"""Parameter helpers shared by the algorithms.

**Choices** (drop-down lists): the dialog shows translated labels (« brut », « net »...), while
the command line and models keep the stable ids (``DIRECTION=gross``) — and the index, as for any
QGIS enum. A static-string enum would show the raw ids in the dialog; an index enum alone would
refuse ``DIRECTION=gross``. So a choice is an index enum with translated options, the algorithm
remembers the ids, :meth:`TerritorialAlgorithm.checkParameterValues` accepts an id (or a label)
where QGIS expects an index, and :func:`choice` reads either.

**Numbers** get the number of decimals they need in the dialog (« 50 », not « 50,000000 »).
"""

from typing import List, Optional, Sequence, Tuple

from qgis.core import QgsProcessingParameterEnum, QgsProcessingParameterNumber

from ..compat import ProcessingNumberParameterType
from ..providers.i18n import translate


def add_choice(
    alg,
    name: str,
    description: str,
    choices: Sequence[Tuple[str, str]],
    default: Optional[str] = None,
    help_text: str = "",
    optional: bool = False,
):
    """Declare a choice: ``choices`` is ``[(id, translated label), ...]``; ``default`` an id."""
    ids = [key for key, _label in choices]
    labels = [label for _key, label in choices]
    index = ids.index(default) if default is not None else None
    param = QgsProcessingParameterEnum(name, description, options=labels, defaultValue=index, optional=optional)
    if help_text:
        param.setHelp(help_text)
    alg.addParameter(param)
    alg.choice_ids[name] = ids
    return param


def choice_index(ids: List[str], labels: List[str], value) -> Optional[int]:
    """The index a value stands for: an index (int or digits), an id or a label (any case); None if none."""
    if value is None:
        return None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 0 <= value < len(ids) else None
    if isinstance(value, float) and value.is_integer():
        return choice_index(ids, labels, int(value))
    text = str(value).strip()
    lower = text.lower()
    for position, (key, label) in enumerate(zip(ids, labels)):
        if lower in (key.lower(), label.lower()):
            return position
    if text.isdigit():  # after the ids: a COG vintage '2026' is an id, not an index
        return choice_index(ids, labels, int(text))
    return None


def choice(alg, parameters, name: str, context) -> Optional[str]:
    """The id chosen for the choice ``name`` (its default when not given; None if optional and empty)."""
    ids = alg.choice_ids[name]
    param = alg.parameterDefinition(name)
    value = parameters.get(name)
    if hasattr(value, "staticValue"):  # a QgsProperty (models)
        value = value.staticValue()
    if value is None or value == "":
        value = param.defaultValue()
    index = choice_index(ids, param.options(), value)
    if index is None:
        index = alg.parameterAsEnum(parameters, name, context)
    return ids[index] if index is not None and 0 <= index < len(ids) else None


def normalized_choices(alg, parameters):
    """``parameters`` with every choice given as an id or a label replaced by its index (for QGIS's
    own checks); anything unknown is left as it is, so QGIS reports it."""
    out = dict(parameters)
    for name, ids in alg.choice_ids.items():
        if name not in out:
            continue
        value = out[name]
        if isinstance(value, str) and value.strip():
            index = choice_index(ids, alg.parameterDefinition(name).options(), value)
            if index is not None:
                out[name] = index
    return out


def add_number(
    alg,
    name: str,
    description: str,
    default=None,
    decimals: int = 0,
    minimum=None,
    maximum=None,
    optional: bool = False,
    integer: bool = False,
    help_text: str = "",
):
    """A number parameter shown with ``decimals`` decimals in the dialog."""
    kwargs = {}
    if minimum is not None:
        kwargs["minValue"] = minimum
    if maximum is not None:
        kwargs["maxValue"] = maximum
    param = QgsProcessingParameterNumber(
        name,
        description,
        ProcessingNumberParameterType.Integer if integer else ProcessingNumberParameterType.Double,
        defaultValue=default,
        optional=optional,
        **kwargs,
    )
    if not integer:
        metadata = param.metadata()
        metadata.setdefault("widget_wrapper", {})["decimals"] = decimals
        param.setMetadata(metadata)
    if help_text:
        param.setHelp(help_text)
    alg.addParameter(param)
    return param


def optional_int(alg, parameters, name, context):
    """An optional integer parameter: None when not given."""
    value = parameters.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    return alg.parameterAsInt(parameters, name, context)


# -- choices shared by the flow importers ----------------------------------------------------------
KEEP = "keep"


def add_arrondissement_choice(alg, name):
    add_choice(
        alg,
        name,
        translate("Parameters", "Paris, Lyon and Marseille arrondissements"),
        [
            (KEEP, translate("Parameters", "keep the arrondissements (75101...)")),
            ("aggregate", translate("Parameters", "aggregate them into their commune (75056, 69123, 13055)")),
        ],
        default=KEEP,
        help_text=translate("Parameters", "Command line: keep or aggregate."),
    )


def cog_options():
    """The COG vintages the plugin knows (newest first), then 'keep'."""
    from ..providers import cog

    return [str(v) for v in sorted(cog.known_vintages(), reverse=True)] + [KEEP]


def add_cog_choice(alg, name):
    options = cog_options()
    add_choice(
        alg,
        name,
        translate("Parameters", "Move commune codes to COG vintage"),
        [
            (value, value if value != KEEP else translate("Parameters", "keep the codes as they are"))
            for value in options
        ],
        default=options[0],
        help_text=translate(
            "Parameters",
            "The commune geography of your boundaries; 'keep' leaves the file's codes unchanged. Command line: a "
            "year ({years}) or keep.",
        ).format(years=", ".join(options[:-1])),
    )
