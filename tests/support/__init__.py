"""Helpers shared by the test suites (loopback servers, QGIS runners)."""
