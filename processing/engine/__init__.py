"""Computation engine: numpy / scipy / shapely / pandas only, never qgis."""
