"""The LTR suite's switch (TERRITORIAL_DATA_DEPRECATIONS=error, tests/conftest.py): a DeprecationWarning
raised from plugin code fails the test; one from elsewhere does not."""

import os
import warnings

import pytest

SWITCH = os.environ.get("TERRITORIAL_DATA_DEPRECATIONS", "") == "error"


def warn_from(module):
    warnings.warn_explicit("old call", DeprecationWarning, "x.py", 1, module=module)


@pytest.mark.skipif(not SWITCH, reason="only with TERRITORIAL_DATA_DEPRECATIONS=error (the LTR suite)")
def test_a_deprecation_from_plugin_code_fails_and_only_from_it():
    with pytest.raises(DeprecationWarning):
        warn_from("territorial_data.processing.algorithms.example")
    with pytest.raises(DeprecationWarning):
        warn_from("territorial_data")
    warn_from("territorial_database")  # another package: not ours
    warn_from("processing.core.Processing")  # QGIS's own code: not the plugin's to fix


def test_without_the_switch_deprecations_are_ignored():
    if SWITCH:
        pytest.skip("the switch is on")
    warn_from("territorial_data.processing.algorithms.example")
