"""One reader per input kind, shared by every algorithm (QGIS glue; the logic is in ``providers/``
and ``processing/engine/``):

- ``values``: attribute values -> codes, numbers (NULL, 95018.0, '1 234,5'...);
- ``zones``: the ZONES layer -> codes, representative points, projected geometries, and their
  attachment to a network (``attach_zones``);
- ``flows``: the FLOWS OD table -> a DataFrame ``origin, destination, flow[, mode]``, the MODES
  filter;
- ``network``: the NETWORK line layer -> the routing graph (cached);
- ``facilities``: the CYCLE_FACILITIES (or FACILITIES) layer -> facility lines;
- ``gtfs``: a GTFS zip -> the feed, its service day and its provenance;
- ``extent``: an extent parameter -> Lambert-93 or longitude/latitude bounds.
"""
