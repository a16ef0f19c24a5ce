"""What the Dask workers run for the routing engine (numpy + scipy only, no Dask, no QGIS).

The client (``_dask_client.py``) ships this file and ``_kernel.py`` to the workers as one zipped
package ``territorial_routing_<hash>`` (``Client.upload_file``), so the workers need nothing of the
plugin on their path; the hash of the two files names the package, so two versions of the plugin
never mix on one cluster. Inside the plugin the same file imports the plugin's own ``_kernel.py``.

A *batch* is a list of consecutive engine tasks (``_kernel.run_task``). Each task runs with fresh
accumulators and its contribution to them is returned, sparse, beside the task's own result: the
client adds the contributions in task order, which is exactly what a run in one process does, so
the loads of a distributed run are the same numbers, bit for bit, wherever and however often a
batch ran.
"""

import os
import platform
import sys

import numpy as np

from . import _kernel

#: key of the accumulator contributions in a task's result
ACCUMULATORS = "_accumulators"


def run_batch(tasks, shared):
    """Run engine tasks on the shared core; returns one result per task.

    ``shared``: ``{"core": core arrays, "state": accumulator setup}`` (scattered once to every
    worker). A state entry that a task creates as an array (``arc_flow``, ``sel_flow``...) is an
    accumulator: its non-zero entries are returned as ``(indices, values)``.
    """
    core, base = shared["core"], shared["state"]
    results = []
    for task in tasks:
        state = dict(base)
        result = _kernel.run_task(core, task, state)
        contributions = {}
        for key, value in state.items():
            if key in base or not isinstance(value, np.ndarray):
                continue
            index = np.flatnonzero(value)
            contributions[key] = (index.astype(np.int32 if value.shape[0] < 2**31 else np.int64), value[index])
        result[ACCUMULATORS] = contributions
        results.append(result)
    return results


def probe():
    """What a worker runs: the client checks that it can route (numpy and scipy importable)."""
    import scipy

    return {
        "python": "{}.{}".format(*sys.version_info[:2]),
        "numpy": np.__version__,
        "scipy": scipy.__version__,
        "host": platform.node(),
        "pid": os.getpid(),
    }
