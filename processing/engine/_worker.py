"""Worker process of the routing engine: ``python _worker.py`` (started by ``parallel.py``).

Speaks pickled messages on stdin/stdout. First message: ``{"dir": <folder of .npy arrays>,
"keys": [...], "state": {...}}``; answers ``("ready", info)``. Then ``("task", id, task)`` ->
``("result", id, result)``; ``("finish",)`` -> ``("state", accumulators)`` and exit. Any error is
sent back as ``("error", traceback text)``. Loads ``_kernel.py`` by path: it needs no package.
"""

import importlib.util
import os
import pickle
import sys
import traceback


def _load_kernel():
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_kernel.py")
    spec = importlib.util.spec_from_file_location("_territorial_routing_kernel", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main():
    # the protocol owns the real stdout; anything printed by a library goes to stderr
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    inp = sys.stdin.buffer

    def send(message):
        pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()

    try:
        import numpy as np
        import scipy

        kernel = _load_kernel()
        setup = pickle.load(inp)
        core = {"n": setup["n"]}
        for key in setup["keys"]:
            core[key] = np.load(os.path.join(setup["dir"], key + ".npy"), mmap_mode="c")
        state = dict(setup.get("state") or {})
        send(
            (
                "ready",
                {
                    "pid": os.getpid(),
                    "python": "{}.{}".format(*sys.version_info[:2]),
                    "numpy": np.__version__,
                    "scipy": scipy.__version__,
                },
            )
        )
    except BaseException:
        send(("error", traceback.format_exc()))
        return 1
    while True:
        try:
            message = pickle.load(inp)
        except EOFError:
            return 0
        try:
            if message[0] == "task":
                send(("result", message[1], kernel.run_task(core, message[2], state)))
            elif message[0] == "finish":
                send(("state", {k: v for k, v in state.items() if k in ("arc_flow", "sel_flow")}))
                return 0
        except BaseException:
            send(("error", traceback.format_exc()))
            return 1


if __name__ == "__main__":
    sys.exit(main())
