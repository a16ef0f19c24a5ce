"""Legend labels and field aliases of the shipped styles, in the plugin's language.

The styles in ``ui/styles/*.qml`` are written in English. After a style is loaded on a layer,
``localize_layer(layer)`` translates, through ``translate("Styles", <English>)`` (the plugin's
translator, so the language of ``providers.i18n.plugin_language()``, in the desktop and in
``qgis_process``):

- the labels of the categories (categorized renderer), ranges (graduated) and rules (rule-based:
  label and description), also inside a renderer wrapped by a cluster or displacement renderer;
- the field aliases.

A label that is not in ``CATALOGUE`` (numbers such as « 0 – 25 % », a label set by a user) is left
as it is. ``tests/qgis/test_style_i18n.py`` checks that every label with a letter in every shipped
style is in the catalogue, so a new style cannot ship English into a French QGIS.

QGIS core only (no ``qgis.gui``): importable under ``qgis_process``.
"""

from qgis.core import (
    QgsCategorizedSymbolRenderer,
    QgsGraduatedSymbolRenderer,
    QgsRuleBasedRenderer,
)

from ..providers.i18n import translate


def catalogue():
    """Every English label, rule description and alias of the shipped styles, written literally so
    that the translation tools extract them (context ``Styles``)."""
    return (
        # assigned_flows, cycle_coverage
        translate("Styles", "Flow"),
        translate("Styles", "No flow"),
        translate("Styles", "Width proportional to the flow"),
        translate("Styles", "Loaded, along a cycle facility"),
        translate("Styles", "Loaded, no cycle facility"),
        translate("Styles", "No flow, along a cycle facility"),
        translate("Styles", "No flow, no cycle facility"),
        translate("Styles", "Segments carrying flow, covered by a facility (width by flow)"),
        translate("Styles", "Segments carrying flow without a facility (width by flow)"),
        # bdtopo_roads
        translate("Styles", "1 — national links"),
        translate("Styles", "2 — regional links"),
        translate("Styles", "3 — département links"),
        translate("Styles", "4 — local links"),
        translate("Styles", "5 — local roads"),
        translate("Styles", "6 — paths and tracks"),
        translate("Styles", "Other"),
        # cycle_lanes
        translate("Styles", "Cycle track"),
        translate("Styles", "Greenway"),
        translate("Styles", "Cycle lane"),
        translate("Styles", "Contraflow cycling"),
        translate("Styles", "Shared bus lane"),
        translate("Styles", "Shared with traffic"),
        translate("Styles", "No cycle facility"),
        # establishments (NAF sections)
        translate("Styles", "Commerce (G)"),
        translate("Styles", "Accommodation and food (I)"),
        translate("Styles", "Manufacturing (C)"),
        translate("Styles", "Construction (F)"),
        translate("Styles", "Health and social work (Q)"),
        translate("Styles", "Education (P)"),
        translate("Styles", "Business services (M, N)"),
        translate("Styles", "Public administration (O)"),
        translate("Styles", "Other activities"),
        # geocoded_addresses
        translate("Styles", "Found"),
        translate("Styles", "Low score"),
        translate("Styles", "Not found"),
        translate("Styles", "Skipped"),
        translate("Styles", "Error"),
        # gtfs_stops
        translate("Styles", "Stops"),
        translate("Styles", "Stations"),
        # transit_coverage
        translate("Styles", "Direct"),
        translate("Styles", "One change"),
        translate("Styles", "Not served"),
        # potential_segments (cycling potential)
        translate("Styles", "Scenario cyclists, along a cycle facility"),
        translate("Styles", "Segments with scenario cyclists, along a cycle facility (width by cyclists)"),
        translate("Styles", "Scenario cyclists, no cycle facility"),
        translate("Styles", "Segments with scenario cyclists and no cycle facility (width by cyclists)"),
        translate("Styles", "No cyclist, along a cycle facility"),
        translate("Styles", "No cyclist, no cycle facility"),
        # potential_zones (share of commuters who would cycle)
        translate("Styles", "under 5 %"),
        translate("Styles", "5 to 10 %"),
        translate("Styles", "10 to 15 %"),
        translate("Styles", "15 to 25 %"),
        translate("Styles", "25 % or more"),
        translate("Styles", "no commuter"),
        # field aliases
        translate("Styles", "Category"),
        translate("Styles", "Code"),
        translate("Styles", "Destination"),
        translate("Styles", "Detail"),
        translate("Styles", "Dropped"),
        translate("Styles", "Flow carried"),
        translate("Styles", "Kind"),
        translate("Styles", "Licence"),
        translate("Styles", "Mode"),
        translate("Styles", "New code(s)"),
        translate("Styles", "Origin"),
        translate("Styles", "Period"),
        translate("Styles", "Retrieved at"),
        translate("Styles", "Source"),
    )


def localized(text: str) -> str:
    """``text`` in the plugin's language when it is a label of the shipped styles, else unchanged."""
    if not text:
        return text
    return translate("Styles", text)


def _localize_renderer(renderer) -> int:
    changed = 0
    if renderer is None:
        return 0
    if isinstance(renderer, QgsCategorizedSymbolRenderer):
        for index, category in enumerate(renderer.categories()):
            label = localized(category.label())
            if label != category.label():
                renderer.updateCategoryLabel(index, label)
                changed += 1
    elif isinstance(renderer, QgsGraduatedSymbolRenderer):
        for index, class_range in enumerate(renderer.ranges()):
            label = localized(class_range.label())
            if label != class_range.label():
                renderer.updateRangeLabel(index, label)
                changed += 1
    elif isinstance(renderer, QgsRuleBasedRenderer):
        for rule in renderer.rootRule().descendants():
            label, description = localized(rule.label()), localized(rule.description())
            if label != rule.label():
                rule.setLabel(label)
                changed += 1
            if description != rule.description():
                rule.setDescription(description)
                changed += 1
    embedded = getattr(renderer, "embeddedRenderer", None)  # point cluster / displacement renderers
    if callable(embedded):
        changed += _localize_renderer(embedded())
    return changed


def localize_layer(layer) -> int:
    """Translate the legend labels and field aliases of ``layer`` (a ``QgsVectorLayer`` whose
    shipped style was just loaded) into the plugin's language; returns how many texts changed.
    Harmless on any layer: texts that are not labels of the shipped styles stay as they are."""
    changed = 0
    renderer = layer.renderer() if hasattr(layer, "renderer") else None
    changed += _localize_renderer(renderer)
    if hasattr(layer, "attributeAlias"):
        for index in range(layer.fields().count()):
            alias = layer.attributeAlias(index)
            translated = localized(alias)
            if translated != alias:
                layer.setFieldAlias(index, translated)
                changed += 1
    if changed and hasattr(layer, "triggerRepaint"):
        layer.triggerRepaint()
    return changed
