"""Routing on a Dask cluster, seen from the QGIS process (no Dask here, no QGIS).

When the setting ``dask_scheduler`` (``TERRITORIAL_DATA_DASK_SCHEDULER``) names a scheduler and
the caller leaves the number of workers to the engine (``workers=None``), the tasks of an
assignment, a skim or any run built on ``assign.run_planned`` go to that cluster instead of local
worker processes. Who talks to whom::

    QGIS process (this module)  --pickled pipe-->  client process (_dask_client.py)
        |  core as .npy files in a temporary folder      |  distributed.Client (TCP)
        |                                                 v
        '-- results, summed loads  <--------------  Dask scheduler  <-->  Dask workers
                                                    (engine shipped by the client as a zip)

QGIS's Python never imports Dask: the client runs in the interpreter of ``TERRITORIAL_DATA_PYTHON``
(found as for the local worker processes, ``parallel.python_executable``), which needs
``distributed`` and numpy. The workers need Python with numpy and scipy and the same
``distributed`` version; the client uploads the engine's kernel to them on every run.

Failures are never partial and never silent: no interpreter, no Dask in it, no scheduler, no
worker, workers dying, a batch failing or the scheduler going away each raise a ``DataError``
that names the scheduler and what to do, and the run returns nothing. A worker lost mid-run is
not a failure as long as others remain: the scheduler runs its batches again and the log says so.
Cancellation from the caller cancels the batches on the cluster.
"""

import os
import pickle
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from typing import Callable, List, Optional

import numpy as np

from ...providers.errors import Canceled, DataError
from ...providers.i18n import translate

CLIENT_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_dask_client.py")
SCHEDULER_ENV = "TERRITORIAL_DATA_DASK_SCHEDULER"
#: seconds to reach the scheduler (a refused port fails at once)
CONNECT_TIMEOUT = 20.0
#: seconds the run waits while the scheduler has no worker at all (at the start or after losing them)
NO_WORKER_TIMEOUT = 60.0
#: seconds to wait for a cancelled client to cancel its batches and leave
CLOSE_GRACE = 10.0
#: core keys sent to the client (as for the local worker processes)
CORE_KEYS = ("indptr", "indices", "data", "in_ptr", "in_tail", "in_arc", "rev_indptr", "rev_indices", "rev_data")


def scheduler_address() -> str:
    """The configured scheduler address, or "" (route on this computer)."""
    from ...providers.settings import get_settings

    try:
        return (get_settings().dask_scheduler or "").strip()
    except ValueError:  # another setting is malformed: its own reader says so; this one still counts
        return os.environ.get(SCHEDULER_ENV, "").strip()


def _valid_address(address: str) -> bool:
    text = address.split("://", 1)[1] if "://" in address else address
    host, _, port = text.rpartition(":")
    return bool(host) and port.isdigit() and " " not in text


def _what_to_do():
    return translate(
        "DaskRouting", "Clear the setting {env} (or its environment variable) to route on this computer."
    ).format(env=SCHEDULER_ENV)


class DaskExecutor:
    """Executor (same interface as ``parallel.ProcessExecutor``) whose tasks run on a Dask cluster.

    Started early (its client connects while the caller contracts the core), then ``load`` hands
    the core over; ``run`` may be called several times, ``finish`` returns the summed accumulators.
    """

    backend = "dask"

    def __init__(self, address: str, python: Optional[str], log: Optional[Callable] = None):
        self.address = address
        self.python = python
        self.log = log
        self.workers = 0
        self.threads = 0
        self.tasks_done: List[int] = []
        self.info = {}
        self.proc = None
        self.lost: List[str] = []
        self.result_bytes = 0
        self.messages: queue.Queue = queue.Queue()
        self.folder = tempfile.mkdtemp(prefix="territorial-dask-")
        self.errfile = None
        if not _valid_address(address):
            raise DataError(
                translate(
                    "DaskRouting", "'{address}' is not a Dask scheduler address ({env}): write it as tcp://host:8786."
                ).format(address=address, env=SCHEDULER_ENV)
            )
        if python is None:
            raise DataError(
                translate(
                    "DaskRouting",
                    "Routing on the Dask cluster at {address} needs a Python interpreter with the package "
                    "'distributed': set TERRITORIAL_DATA_PYTHON to it. {todo}",
                ).format(address=address, todo=_what_to_do())
            )
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)  # the client needs nothing of QGIS's path, only its own site-packages
        env.pop("PYTHONSTARTUP", None)
        env.pop("PYTHONHOME", None)
        self.errfile = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        try:
            self.proc = subprocess.Popen(
                [python, CLIENT_SCRIPT],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self.errfile,
                env=env,
                creationflags=0x08000000 if os.name == "nt" else 0,  # CREATE_NO_WINDOW
                cwd=self.folder,
            )
        except OSError as exc:
            self.close()
            raise DataError(
                translate("DaskRouting", "The Dask client could not start with {python}: {error}").format(
                    python=python, error=exc
                )
            ) from exc
        threading.Thread(target=self._reader, daemon=True).start()
        self._send(
            {
                "scheduler": address,
                "connect_timeout": CONNECT_TIMEOUT,
                "no_worker_timeout": NO_WORKER_TIMEOUT,
                "folder": self.folder,
            }
        )

    # -- pipe ----------------------------------------------------------------------------------
    def _reader(self):
        try:
            while True:
                self.messages.put(pickle.load(self.proc.stdout))
        except Exception as exc:
            self.messages.put(("eof", repr(exc)))

    def _send(self, message):
        try:
            pickle.dump(message, self.proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
            self.proc.stdin.flush()
        except (OSError, ValueError):
            pass  # the client is gone: its last words (or its end) are in the messages

    def _get(self, cancel=None, timeout=None):
        """The next message that is not a log line; errors become ``DataError``."""
        waited = 0.0
        while True:
            if cancel is not None and cancel():  # checked between any two messages, not only when idle
                self._send(("cancel",))
                raise Canceled()
            try:
                message = self.messages.get(timeout=0.1)
            except queue.Empty:
                waited += 0.1
                if timeout is not None and waited > timeout:
                    raise DataError(
                        translate(
                            "DaskRouting",
                            "The Dask client did not answer within {seconds:.0f} s (scheduler {address}).",
                        ).format(seconds=timeout, address=self.address)
                    ) from None
                continue
            if message[0] == "log":
                self._log(message[1], message[2])
                continue
            if message[0] in ("error", "eof"):
                raise self._error(message)
            return message

    def _log(self, kind, detail):
        if kind == "reshipped" and self.log:
            self.log(
                translate(
                    "DaskRouting",
                    "Every Dask worker holding the routing core was lost: the core and {batches} batch(es) were "
                    "sent again.",
                ).format(batches=detail["batches"])
            )
        if kind == "lost":
            self.lost.extend(detail["workers"])
            if self.log:
                self.log(
                    translate(
                        "DaskRouting",
                        "Dask worker(s) lost during the run: {workers}; the scheduler runs their batches again on "
                        "the {left} other worker(s).",
                    ).format(workers=", ".join(detail["workers"]), left=detail["left"])
                )

    def _stderr(self):
        try:
            self.errfile.seek(0)
            return self.errfile.read().decode("utf-8", "replace").strip()[-2000:]
        except Exception:
            return ""

    def _error(self, message) -> DataError:
        address, todo = self.address, _what_to_do()
        if message[0] == "eof":
            return DataError(
                translate("DaskRouting", "The Dask client stopped unexpectedly (scheduler {address}): {error}").format(
                    address=address, error=self._stderr() or message[1]
                )
            )
        kind, detail = message[1], message[2]
        error = detail.get("error", "")
        if kind == "missing":
            return DataError(
                translate(
                    "DaskRouting",
                    "Routing on the Dask cluster at {address} needs the Python packages 'distributed' and numpy in "
                    "{python} (it lacks '{module}'). Install them there with: {python} -m pip install "
                    '"distributed==<the version of your scheduler>" numpy (this also installs dask), or set '
                    "TERRITORIAL_DATA_PYTHON to a Python that has them. {todo}",
                ).format(address=address, module=detail.get("module"), python=detail.get("python"), todo=todo)
            )
        if kind == "unreachable":
            return DataError(
                translate(
                    "DaskRouting",
                    "No Dask scheduler answers at {address} ({error}). Start one (dask scheduler), check the "
                    "address and the firewall, or: {todo}",
                ).format(address=address, error=error, todo=todo)
            )
        if kind == "no_workers":
            return DataError(
                translate(
                    "DaskRouting",
                    "The Dask scheduler at {address} has had no worker for {seconds:.0f} s: start workers "
                    "(dask worker {address}) and run again. Nothing was written. {todo}",
                ).format(address=address, seconds=detail.get("seconds", 0), todo=todo)
            )
        if kind == "workers_broken":
            return DataError(
                translate(
                    "DaskRouting",
                    "The Dask workers of {address} cannot run the routing engine ({error}). Each worker needs "
                    "Python 3.9 or later with numpy, scipy and the scheduler's version of 'distributed'.",
                ).format(address=address, error=error)
            )
        if kind == "killed":
            return DataError(
                translate(
                    "DaskRouting",
                    "Dask workers of {address} kept dying while routing ({error}); the scheduler gave up. They "
                    "may lack memory: give each worker more (dask worker --memory-limit) or fewer threads. "
                    "Nothing was written.",
                ).format(address=address, error=error)
            )
        if kind == "task_failed":
            return DataError(
                translate(
                    "DaskRouting", "A routing batch failed on the Dask cluster at {address}: {error}\n{traceback}"
                ).format(address=address, error=error, traceback=detail.get("traceback", ""))
            )
        if kind == "scheduler_lost":
            return DataError(
                translate(
                    "DaskRouting",
                    "The run on the Dask cluster at {address} was interrupted ({error}): the scheduler or all "
                    "its workers went away. Nothing was written; run again once they are back. {todo}",
                ).format(address=address, error=error, todo=todo)
            )
        return DataError(
            translate("DaskRouting", "The Dask client failed (scheduler {address}): {error}").format(
                address=address, error=error or self._stderr()
            )
        )

    # -- executor interface --------------------------------------------------------------------
    def load(self, core, state, cancel=None):
        """Wait for the connection, then hand the core and the accumulators' setup over."""
        try:
            keys = [k for k in CORE_KEYS if k in core] + [k for k in core if k.startswith("attr_")]
            for key in keys:
                np.save(os.path.join(self.folder, key + ".npy"), np.ascontiguousarray(core[key]))
            self._send(("load", {"dir": self.folder, "keys": keys, "n": int(core["n"]), "state": dict(state)}))
            wait = CONNECT_TIMEOUT + NO_WORKER_TIMEOUT + 60.0
            message = self._get(cancel, timeout=wait)
            if message[0] != "connected":
                raise self._error(("error", "internal", {"error": f"unexpected {message[0]!r}"}))
            self.info = message[1]
            self.workers = int(self.info["workers"])
            self.threads = int(self.info["threads"])
            if self.log:
                self.log(
                    translate(
                        "DaskRouting",
                        "Routing on the Dask cluster at {address}: {workers} worker(s), {threads} thread(s).",
                    ).format(address=self.address, workers=self.workers, threads=self.threads)
                )
                mine = self.info.get("client", {}).get("python")
                others = sorted({i.get("python") for i in self.info.get("infos", {}).values()} - {mine})
                if others:
                    self.log(
                        translate(
                            "DaskRouting", "The Dask workers run Python {theirs}, the client Python {mine}."
                        ).format(theirs=", ".join(str(o) for o in others), mine=mine)
                    )
            message = self._get(cancel, timeout=wait)
            if message[0] != "ready":
                raise self._error(("error", "internal", {"error": f"unexpected {message[0]!r}"}))
        except BaseException:
            self.close()
            raise
        return self

    def run(self, tasks, on_result: Callable, cancel=None):
        tasks = list(tasks)
        if not tasks:
            return
        self._send(("run", tasks))
        got = 0
        while True:
            message = self._get(cancel)
            if message[0] == "result":
                on_result(message[1], message[2])
                got += 1
            elif message[0] == "done":
                self.tasks_done = list(message[1].get("tasks_by_worker", {}).values())
                self.result_bytes = int(message[1].get("result_bytes", 0))  # loads received so far (benchmarks)
                break
        if got != len(tasks):  # never a partial answer
            raise self._error(("error", "internal", {"error": f"{got} results for {len(tasks)} tasks"}))

    def finish(self) -> List[dict]:
        self._send(("finish",))
        message = self._get()
        if message[0] != "state":
            raise self._error(("error", "internal", {"error": f"unexpected {message[0]!r}"}))
        return [message[1]]

    def close(self):
        proc = self.proc
        if proc is not None:
            try:
                if proc.poll() is None:
                    self._send(("cancel",))
                    proc.stdin.close()
                    deadline = time.monotonic() + CLOSE_GRACE
                    while proc.poll() is None and time.monotonic() < deadline:
                        time.sleep(0.05)
                if proc.poll() is None:
                    proc.kill()
                proc.wait(timeout=10)
            except Exception:
                pass
            try:
                proc.stdout.close()
            except Exception:
                pass
            self.proc = None
        if self.errfile is not None:
            try:
                self.errfile.close()
            except Exception:
                pass
            self.errfile = None
        shutil.rmtree(self.folder, ignore_errors=True)


def start(log=None) -> Optional[DaskExecutor]:
    """A Dask executor connecting to the configured scheduler, or None when none is configured.

    Raises ``DataError`` when the configuration cannot work (bad address, no interpreter)."""
    address = scheduler_address()
    if not address:
        return None
    from .parallel import python_executable

    return DaskExecutor(address, python_executable(), log)


def make_executor(core, state, log=None, pool=None, cancel=None) -> DaskExecutor:
    """The loaded Dask executor (``pool`` when started early); never falls back to this computer:
    a run meant for a cluster that silently ran here could take days."""
    executor = pool if isinstance(pool, DaskExecutor) else start(log)
    executor.log = log
    return executor.load(core, state, cancel)


__all__ = ["DaskExecutor", "SCHEDULER_ENV", "make_executor", "scheduler_address", "start"]
