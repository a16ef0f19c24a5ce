"""Processing provider ``territorial`` (glue) and the QGIS-free computation engine (engine/)."""
