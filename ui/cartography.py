"""Cartographic choices for printed flow maps, in plain Python (no QGIS): which flow lines to draw,
their width classes, which communes to label, how far an atlas page reaches.

French practice for flow maps (INSEE, Géoclip, the « oursins » of commuting atlases):

- a flow map states what it keeps: the largest N flows, or those above a threshold, or the main
  flow of each commune (« oursins »), never thousands of overlapping lines;
- line widths are proportional to the flow, capped, and read from a legend of width classes with
  round bounds (« 500 à 1 000 »);
- the main places are named; an inset locates the territory.
"""

import math
from dataclasses import dataclass
from typing import Callable, Dict, List, Optional, Sequence, Tuple

#: round numbers for class bounds: 1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5 x 10^n
_NICE = (1.0, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 7.5)


def nice_floor(value: float) -> float:
    """The largest round number (:data:`_NICE` x 10^n) at or below ``value`` (> 0)."""
    if value <= 0 or not math.isfinite(value):
        return 0.0
    exponent = math.floor(math.log10(value))
    base = 10.0**exponent
    best = base
    for step in _NICE:
        if step * base <= value * (1 + 1e-9):
            best = float(f"{step * base:.12g}")
    return best


def class_breaks(values: Sequence[float], count: int = 4) -> List[float]:
    """Lower bounds of at most ``count`` width classes over the positive ``values``: round numbers at
    the smallest value and at quantiles that close in on the top (the median, then 75 %, 87.5 %...):
    flows and loads have long tails, and the classes must tell the big ones apart. The first bound is
    at or below the smallest value, so that every value falls in a class."""
    positive = sorted(v for v in values if v is not None and math.isfinite(v) and v > 0)
    if not positive or count < 1:
        return []
    high = positive[-1]
    bounds = [nice_floor(positive[0])]
    for k in range(1, count):
        quantile = 1.0 - 0.5**k
        candidate = nice_floor(positive[min(len(positive) - 1, int(quantile * len(positive)))])
        if candidate > bounds[-1] and candidate < high:
            bounds.append(candidate)
    return bounds


@dataclass
class WidthClass:
    low: float  # lower bound (included)
    high: Optional[float]  # upper bound (excluded); None for the last class
    width: float  # line width, mm
    count: int  # features in the class


def width_classes(
    values: Sequence[float], count: int = 4, min_width: float = 0.3, max_width: float = 4.0
) -> List[WidthClass]:
    """Width classes for proportional lines: widths grow evenly from ``min_width`` (the first class)
    to ``max_width`` (the last), so that the cap holds and every class reads apart on paper."""
    bounds = class_breaks(values, count)
    if not bounds:
        return []
    positive = [v for v in values if v is not None and math.isfinite(v) and v > 0]
    classes = []
    steps = max(1, len(bounds) - 1)
    for index, low in enumerate(bounds):
        high = bounds[index + 1] if index + 1 < len(bounds) else None
        inside = sum(1 for v in positive if v >= low and (high is None or v < high))
        width = (min_width + max_width) / 2 if len(bounds) == 1 else min_width + (max_width - min_width) * index / steps
        classes.append(WidthClass(low, high, round(width, 2), inside))
    return classes


def class_labels(
    classes: Sequence[WidthClass], number: Callable[[float], str], between: str, above: str, below: str = ""
) -> List[str]:
    """Legend labels: ``below`` (« under {high} ») for the first class when given, ``between`` (« {low}
    to {high} ») for the next ones, ``above`` (« {low} or more ») for the last; ``number`` formats a
    bound in the user's language."""
    labels = []
    for index, item in enumerate(classes):
        if item.high is None:
            labels.append(above.format(low=number(item.low)))
        elif index == 0 and below:
            labels.append(below.format(high=number(item.high)))
        else:
            labels.append(between.format(low=number(item.low), high=number(item.high)))
    return labels


def width_expression(field: str, classes: Sequence[WidthClass], min_width: float) -> str:
    """A QGIS expression giving each feature the width of its class (``min_width`` below the first)."""
    quoted = '"' + field.replace('"', '""') + '"'
    parts = [f"WHEN {quoted} >= {_number(item.low)} THEN {_number(item.width)}" for item in reversed(classes)]
    return f"CASE {' '.join(parts)} ELSE {_number(min_width)} END"


def _number(value: float) -> str:
    value = float(value)
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


# -- which flow lines to draw ------------------------------------------------------------------------
@dataclass
class Selection:
    kept: List[int]  # feature ids, largest first
    total: int  # features with a value
    kept_value: float
    total_value: float

    @property
    def share(self) -> float:
        return self.kept_value / self.total_value if self.total_value > 0 else 0.0


def select_flows(
    rows: Sequence[Tuple[int, Optional[str], Optional[str], float]],
    top_n: int = 0,
    min_value: float = 0.0,
    main_only: bool = False,
) -> Selection:
    """The flow lines to draw among ``(feature id, origin, destination, value)`` rows: above
    ``min_value``, the main one of each origin when ``main_only`` (« oursins »), then the largest
    ``top_n`` (0: all). Ties are broken by feature id, so that a map is drawn the same every time."""
    valued = [(fid, o, d, float(v)) for fid, o, d, v in rows if v is not None and math.isfinite(float(v)) and v > 0]
    total_value = sum(v for *_rest, v in valued)
    kept = [r for r in valued if r[3] >= min_value]
    if main_only:
        best: Dict[object, Tuple[int, object, object, float]] = {}
        for row in kept:
            key = row[1] if row[1] is not None else ("fid", row[0])
            current = best.get(key)
            if current is None or (row[3], -row[0]) > (current[3], -current[0]):
                best[key] = row
        kept = list(best.values())
    kept.sort(key=lambda r: (-r[3], r[0]))
    if top_n and top_n > 0:
        kept = kept[:top_n]
    return Selection([r[0] for r in kept], len(valued), sum(r[3] for r in kept), total_value)


def main_places(rows: Sequence[Tuple[int, float]], count: int) -> List[int]:
    """The ids of the ``count`` largest places by weight (population, else area), ties by id."""
    if count <= 0:
        return []
    ordered = sorted((r for r in rows if r[1] is not None and math.isfinite(r[1])), key=lambda r: (-r[1], r[0]))
    return [fid for fid, _weight in ordered[:count]]


# -- atlas pages ---------------------------------------------------------------------------------------
Box = Tuple[float, float, float, float]  # xmin, ymin, xmax, ymax


def union(boxes: Sequence[Box]) -> Optional[Box]:
    boxes = [b for b in boxes if b is not None]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def page_extent(box: Box, ratio: float, margin: float = 0.08, minimum: float = 500.0) -> Box:
    """``box`` grown by ``margin`` of its size on each side (at least ``minimum`` map units wide),
    then widened to the map item's width / height ``ratio``, around the same centre."""
    xmin, ymin, xmax, ymax = box
    width = max(xmax - xmin, minimum)
    height = max(ymax - ymin, minimum)
    width *= 1 + 2 * margin
    height *= 1 + 2 * margin
    if ratio > 0:
        if width / height < ratio:
            width = height * ratio
        else:
            height = width / ratio
    cx, cy = (xmin + xmax) / 2.0, (ymin + ymax) / 2.0
    return (cx - width / 2.0, cy - height / 2.0, cx + width / 2.0, cy + height / 2.0)


def atlas_extents(
    pages: Dict[object, Box], flows: Sequence[Tuple[object, object, Box]], ratio: float, margin: float = 0.08
) -> Dict[object, Box]:
    """For every page (its code and the box of its feature), the extent holding the feature and
    every flow line with an end in it (``(origin, destination, box)``), at the map's ratio."""
    touching: Dict[object, List[Box]] = {}
    for origin, destination, box in flows:
        for code in {origin, destination}:
            if code in pages:
                touching.setdefault(code, []).append(box)
    return {code: page_extent(union([box] + touching.get(code, [])), ratio, margin) for code, box in pages.items()}
