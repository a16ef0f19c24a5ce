"""Data-source clients: pure Python over the one HTTP session and the cache (no QGIS needed)."""
