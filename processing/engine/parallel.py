"""Running routing tasks in-process or across worker processes (no QGIS).

scipy's Dijkstra holds the GIL, so threads do not help: large problems run in worker
processes, each a plain Python interpreter running ``_worker.py``. Inside QGIS ``sys.executable``
is QGIS itself (``qgis.exe``, ``qgis_process.bin``...), never a Python interpreter, so the
interpreter is found explicitly (:func:`python_executable`, or ``TERRITORIAL_DATA_PYTHON``);
when no worker can start, the work runs in one process and the log says why.
"""

import os
import pickle
import queue
import shutil
import subprocess
import sys
import tempfile
import threading
from typing import Callable, List, Optional

import numpy as np

from ...providers.errors import Canceled
from ...providers.i18n import translate
from . import _kernel

WORKER_SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_worker.py")
PYTHON_ENV = "TERRITORIAL_DATA_PYTHON"
WORKERS_ENV = "TERRITORIAL_DATA_WORKERS"
#: core keys sent to the workers
#: roots x core arcs above which worker processes pay for their start (~0.1-0.3 s)
MIN_POOL_WORK = 2.0e7
CORE_KEYS = ("indptr", "indices", "data", "in_ptr", "in_tail", "in_arc", "rev_indptr", "rev_indices", "rev_data")


def _is_python(path: str) -> bool:
    name = os.path.basename(path or "").lower()
    return bool(path) and os.path.isfile(path) and name.startswith("python") and "config" not in name


def python_executable() -> Optional[str]:
    """A Python interpreter of the running version, or None.

    ``sys.executable`` when it is one; else the interpreter next to the standard library
    (Linux/macOS ``<prefix>/bin/python3.X``, Windows/OSGeo4W ``<prefix>/python.exe``,
    ``<root>/apps/Python3X/python.exe``, macOS QGIS.app ``Contents/MacOS/bin/python3``).
    """
    override = os.environ.get(PYTHON_ENV)
    if override:
        return override if os.path.isfile(override) else None
    exe = sys.executable or ""
    major, minor = sys.version_info[:2]
    candidates = [exe, getattr(sys, "_base_executable", "")]
    roots = [sys.exec_prefix, sys.prefix, getattr(sys, "base_exec_prefix", ""), os.path.dirname(exe)]
    if os.name == "nt":
        for root in roots:
            candidates += [os.path.join(root, "python.exe"), os.path.join(root, "python3.exe")]
        top = os.path.dirname(os.path.dirname(exe)) if exe else ""
        candidates.append(os.path.join(top, "apps", f"Python{major}{minor}", "python.exe"))
    else:
        for root in roots:
            candidates += [
                os.path.join(root, "bin", f"python{major}.{minor}"),
                os.path.join(root, "bin", "python3"),
                os.path.join(root, f"python{major}.{minor}"),
                os.path.join(root, "python3"),
            ]
        candidates.append(shutil.which(f"python{major}.{minor}") or "")
    for candidate in candidates:
        if _is_python(candidate):
            return candidate
    return None


def default_workers() -> int:
    value = os.environ.get(WORKERS_ENV)
    if value:
        try:
            return max(1, int(value))
        except ValueError:
            pass
    return max(1, min(os.cpu_count() or 1, 8))


class SerialExecutor:
    """Runs the tasks one after the other in this process."""

    workers = 1

    def __init__(self, core, state):
        self.core = core
        self.state = dict(state)

    def run(self, tasks, on_result: Callable, cancel=None):
        for index, task in enumerate(tasks):
            if cancel is not None and cancel():
                raise Canceled()
            on_result(index, _kernel.run_task(self.core, task, self.state))

    def finish(self) -> List[dict]:
        return [self.state]

    def close(self):
        pass


class WorkerError(RuntimeError):
    pass


class ProcessExecutor:
    """Runs the tasks in this process and in ``workers - 1`` worker processes (dynamic scheduling).

    This process routes too, between handing tasks out and collecting results (it would
    otherwise wait idle): on a 2-core machine one worker process is started, and its start does
    not compete with this process's contraction of the core. Each worker keeps ``IN_FLIGHT``
    tasks queued so that it never waits while this process computes.
    """

    IN_FLIGHT = 3

    def __init__(self, workers: int, python: str):
        """Start the worker processes; they import numpy and scipy while the caller prepares the core."""
        self.workers = workers
        self.python = python
        self.core = self.state = None
        self.tasks_done = [0] * workers  # index 0: this process
        self.folder = tempfile.mkdtemp(prefix="territorial-routing-")
        self.procs, self.threads, self.errfiles, self.outboxes = [], [], [], []
        self.messages: queue.Queue = queue.Queue()
        env = dict(os.environ)
        paths = [p for p in sys.path if p and os.path.isdir(p)]
        env["PYTHONPATH"] = os.pathsep.join(paths)
        env.pop("PYTHONSTARTUP", None)
        flags = 0x08000000 if os.name == "nt" else 0  # CREATE_NO_WINDOW
        try:
            for index in range(workers - 1):
                errfile = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
                proc = subprocess.Popen(
                    [python, "-s", WORKER_SCRIPT],
                    stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE,
                    stderr=errfile,
                    env=env,
                    creationflags=flags,
                    cwd=self.folder,
                )
                self.procs.append(proc)
                self.errfiles.append(errfile)
                outbox: queue.Queue = queue.Queue()
                self.outboxes.append(outbox)
                for target, args in ((self._reader, (index, proc)), (self._writer, (index, proc, outbox))):
                    thread = threading.Thread(target=target, args=args, daemon=True)
                    thread.start()
                    self.threads.append(thread)
        except BaseException:
            self.close()
            raise

    def load(self, core, state):
        """Hand the core (``.npy`` files, memory-mapped by the workers) and the accumulators' setup over."""
        try:
            keys = [k for k in CORE_KEYS if k in core] + [k for k in core if k.startswith("attr_")]
            for key in keys:
                np.save(os.path.join(self.folder, key + ".npy"), np.ascontiguousarray(core[key]))
            setup = {"dir": self.folder, "keys": keys, "n": int(core["n"]), "state": state}
            for index in range(len(self.procs)):
                self._send(index, setup)
            for _ in range(len(self.procs)):
                index, message = self._get(timeout=120)
                if message[0] != "ready":
                    raise WorkerError(self._describe(index, message))
                info = message[1]
                wanted = "{}.{}".format(*sys.version_info[:2])
                if info.get("python") != wanted:
                    raise WorkerError(f"worker Python {info.get('python')} differs from {wanted}")
        except BaseException:
            self.close()
            raise
        self.core, self.state = core, dict(state)
        return self

    def _reader(self, index, proc):
        try:
            while True:
                self.messages.put((index, pickle.load(proc.stdout)))
        except Exception as exc:
            self.messages.put((index, ("eof", repr(exc))))

    def _describe(self, index, message):
        if message[0] == "error":
            return message[1]
        try:
            self.errfiles[index].seek(0)
            err = self.errfiles[index].read().decode("utf-8", "replace").strip()
        except Exception:
            err = ""
        detail = " ".join(str(m) for m in message[1:])
        return f"worker {index} stopped ({message[0]} {detail}): {err[-2000:]}"

    def _get(self, timeout=None, cancel=None):
        waited = 0.0
        while True:
            try:
                return self.messages.get(timeout=0.2)
            except queue.Empty:
                waited += 0.2
                if cancel is not None and cancel():
                    raise Canceled()
                if timeout is not None and waited >= timeout:
                    raise WorkerError("no answer from the routing workers")

    def _writer(self, index, proc, outbox):
        """Writes the messages for one worker: a task larger than the pipe's buffer would otherwise
        block this process until the worker has finished its current task."""
        try:
            while True:
                message = outbox.get()
                if message is None:
                    return
                pickle.dump(message, proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                proc.stdin.flush()
        except Exception as exc:
            self.messages.put((index, ("eof", repr(exc))))

    def _send(self, index, message):
        self.outboxes[index].put(message)

    def run(self, tasks, on_result: Callable, cancel=None):
        tasks = list(tasks)
        todo = list(range(len(tasks)))[::-1]
        done = 0

        def give(index):
            if todo:
                self._send(index, ("task", todo[-1], tasks[todo.pop()]))

        def take(index, message):
            if message[0] != "result":
                raise WorkerError(self._describe(index, message))
            give(index)
            self.tasks_done[index + 1] += 1
            on_result(message[1], message[2])

        first = min(self.IN_FLIGHT, max(1, len(tasks) // self.workers))  # a fair share of a short list
        for index in range(len(self.procs)):
            for _ in range(first):
                give(index)
        while done < len(tasks):
            if cancel is not None and cancel():
                raise Canceled()
            while done < len(tasks):  # whatever the workers sent meanwhile
                try:
                    index, message = self.messages.get_nowait()
                except queue.Empty:
                    break
                take(index, message)
                done += 1
            if todo:  # then one task here
                task_id = todo.pop()
                on_result(task_id, _kernel.run_task(self.core, tasks[task_id], self.state))
                self.tasks_done[0] += 1
                done += 1
            elif done < len(tasks):
                take(*self._get(cancel=cancel))
                done += 1

    def finish(self) -> List[dict]:
        states = [self.state]
        for index in range(len(self.procs)):
            self._send(index, ("finish",))
        got = set()
        while len(got) < len(self.procs):
            index, message = self._get(timeout=600)
            if index in got:
                continue  # the end of a worker that already answered
            if message[0] != "state":
                raise WorkerError(self._describe(index, message))
            got.add(index)
            states.append(message[1])
        return states

    def close(self):
        for outbox in self.outboxes:
            outbox.put(None)
        for proc in self.procs:
            try:
                if proc.poll() is None:
                    proc.kill()
                proc.wait(timeout=10)
            except Exception:
                pass
            for stream in (proc.stdin, proc.stdout):
                try:
                    stream.close()
                except Exception:
                    pass
        for errfile in self.errfiles:
            try:
                errfile.close()
            except Exception:
                pass
        self.procs = []
        shutil.rmtree(self.folder, ignore_errors=True)


def _choose(workers: Optional[int], work_estimate: float, n_tasks: int) -> int:
    if workers is None:
        forced = os.environ.get(WORKERS_ENV)
        workers = default_workers() if (forced or work_estimate >= MIN_POOL_WORK) else 1
    return max(1, min(int(workers), max(1, n_tasks)))


def prestart(workers: Optional[int], work_estimate: float, n_tasks: int) -> Optional[ProcessExecutor]:
    """Worker processes started early (their imports overlap the core's contraction), or None.

    ``work_estimate`` is an upper bound (the contraction only shrinks the work); never raises:
    :func:`make_executor` tries again, and logs, when the pool is missing."""
    if workers is None:  # hook: a configured Dask scheduler takes the run (cluster.py)
        from . import cluster

        try:
            dask = cluster.start()
        except Exception:
            dask = None  # make_executor raises the clear error
        if dask is not None or cluster.scheduler_address():
            return dask
    count = _choose(workers, work_estimate, n_tasks)
    python = python_executable()
    if count <= 1 or python is None:
        return None
    try:
        return ProcessExecutor(count, python)
    except Exception:
        return None


def make_executor(
    core, state, workers: Optional[int], work_estimate: float, n_tasks: int, log=None, pool=None, cancel=None
):
    """A process pool when it pays (``workers`` > 1 and enough work), else in-process; the Dask
    cluster when a scheduler is configured and ``workers`` is None (``cluster.py``: it never falls
    back to this computer, its failures raise ``DataError``; ``cancel`` stops its connection wait).

    ``workers=None`` chooses: ``TERRITORIAL_DATA_WORKERS`` when set, else the machine's cores
    when the estimated work (roots x core arcs) is large. ``pool``: processes from
    :func:`prestart`, used when they are enough (else closed). A pool that cannot start falls
    back to one process with a log line.
    """
    if workers is None:  # hook: the Dask cluster when one is configured
        from . import cluster

        if cluster.scheduler_address():
            return cluster.make_executor(core, state, log, pool, cancel)
    workers = _choose(workers, work_estimate, n_tasks)
    if pool is not None and (workers <= 1 or pool.workers != workers):
        pool.close()
        pool = None
    if workers <= 1:
        return SerialExecutor(core, state)
    python = python_executable()
    if python is None:
        if log:
            log(
                translate(
                    "RoutingWorkers",
                    "No Python interpreter found for worker processes (set {env}); routing in one process.",
                ).format(env=PYTHON_ENV)
            )
        return SerialExecutor(core, state)
    try:
        return (pool or ProcessExecutor(workers, python)).load(core, state)
    except Canceled:
        raise
    except Exception as exc:
        if log:
            log(
                translate(
                    "RoutingWorkers", "Worker processes could not start ({error}); routing in one process."
                ).format(error=str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__)
            )
        return SerialExecutor(core, state)
