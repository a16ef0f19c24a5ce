"""QGIS GUI parts: Browser entries, locator filter, options page, styles, layouts, help."""
