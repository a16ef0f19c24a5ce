"""A real Dask cluster on 127.0.0.1 for the tests: one scheduler and worker processes.

The processes run ``python -m dask scheduler|worker`` from the test venv (``make deps`` installs
``distributed`` there), each in its own empty folder and without ``PYTHONPATH``: the engine reaches
the workers only as the client ships it. Workers run without a nanny, so a killed worker stays
dead (the tests restart it with :meth:`DaskCluster.ensure_workers`). Start-up waits are bounded;
:meth:`DaskCluster.stop` kills every process it started, whatever happened.

The test process itself never imports Dask (the engine must not need it in QGIS's Python): the
few questions put to the scheduler go through a short subprocess (:meth:`DaskCluster.ask`).
"""

import importlib.util
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

START_TIMEOUT = 60.0


def dask_python() -> str:
    """The interpreter with ``distributed`` (the test venv's), or a clear failure."""
    if importlib.util.find_spec("distributed") is None:
        raise RuntimeError(f"{sys.executable} has no 'distributed': run `make deps` (it installs dask into .venv)")
    return sys.executable


def _env():
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    env.pop("TERRITORIAL_DATA_DASK_SCHEDULER", None)
    env["DASK_DISTRIBUTED__WORKER__DAEMON"] = "False"
    return env


class DaskCluster:
    def __init__(self, folder: Path, n_workers: int = 2, python: str = None):
        self.folder = Path(folder)
        self.python = python or dask_python()
        self.n_workers = n_workers
        self.scheduler = None
        self.address = None
        self.workers = {}  # name -> Popen
        self.logs = []

    def _spawn(self, name, args):
        log = open(self.folder / f"{name}.log", "ab")  # noqa: SIM115 (closed in stop())
        self.logs.append(log)
        cwd = self.folder / name
        cwd.mkdir(exist_ok=True)
        return subprocess.Popen(
            [self.python, "-m", "dask", *args],
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=cwd,
            env=_env(),
            start_new_session=True,
        )

    def start(self):
        self.folder.mkdir(parents=True, exist_ok=True)
        info = self.folder / "scheduler.json"
        info.unlink(missing_ok=True)
        self.scheduler = self._spawn(
            "scheduler",
            # --idle-timeout: a scheduler orphaned by a killed test run ends by itself
            ["scheduler", "--host", "127.0.0.1", "--port", "0", "--no-dashboard", "--idle-timeout", "300"]
            + ["--scheduler-file", str(info)],
        )
        deadline = time.monotonic() + START_TIMEOUT
        while not info.exists():
            if self.scheduler.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the Dask scheduler did not start:\n" + self.log_text("scheduler"))
            time.sleep(0.1)
        while True:
            try:
                self.address = json.loads(info.read_text())["address"]
                break
            except (ValueError, KeyError):  # being written
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        self.ensure_workers()
        return self

    def start_worker(self, name):
        proc = self._spawn(
            name,
            [
                "worker",
                self.address,
                "--name",
                name,
                "--nthreads",
                "1",
                "--no-nanny",
                "--no-dashboard",
                "--host",
                "127.0.0.1",
                "--memory-limit",
                "0",
                "--death-timeout",  # a worker whose scheduler is gone ends by itself
                "60",
                "--local-directory",
                str(self.folder / name),
            ],
        )
        self.workers[name] = proc

    def ensure_workers(self):
        """Start the workers that are not running and wait until the scheduler has them all."""
        for i in range(self.n_workers):
            name = f"w{i + 1}"
            proc = self.workers.get(name)
            if proc is None or proc.poll() is not None:
                self.start_worker(name)
        names = sorted(self.workers)
        got = self.ask(
            f"c.wait_for_workers({self.n_workers}, timeout={START_TIMEOUT}); "
            "print(sorted(w['name'] for w in c.scheduler_info(n_workers=-1)['workers'].values()))"
        )
        if got.strip() != str(names):
            raise RuntimeError(f"the scheduler has workers {got.strip()}, expected {names}")

    def ask(self, code: str, timeout: float = START_TIMEOUT + 30) -> str:
        """Run ``code`` with ``c``, a Dask client of this cluster, in a short subprocess; its stdout."""
        script = (
            "import sys\nfrom distributed import Client\n"
            f"c = Client({self.address!r}, timeout=30, set_as_default=False)\n{code}\nc.close()\n"
        )
        done = subprocess.run(
            [self.python, "-c", script], capture_output=True, text=True, timeout=timeout, env=_env(), cwd=self.folder
        )
        if done.returncode:
            raise RuntimeError(f"question to the scheduler failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def scheduler_tasks(self) -> int:
        """Number of tasks the scheduler still holds (any client's)."""
        return int(self.ask("print(c.run_on_scheduler(lambda dask_scheduler: len(dask_scheduler.tasks)))"))

    def kill_worker(self, name):
        proc = self.workers[name]
        proc.kill()
        proc.wait(timeout=30)

    def log_text(self, name) -> str:
        path = self.folder / f"{name}.log"
        return path.read_text(errors="replace")[-4000:] if path.exists() else ""

    def stop(self):
        """Ends every process started here (SIGTERM, then SIGKILL after a few seconds)."""
        procs = [p for p in [*self.workers.values(), self.scheduler] if p is not None]
        for proc in procs:
            if proc.poll() is None:
                try:
                    os.killpg(proc.pid, signal.SIGTERM)  # its own session: the process and its children
                except OSError:
                    proc.terminate()
        deadline = time.monotonic() + 5.0
        for proc in procs:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except OSError:
                    proc.kill()
                proc.wait(timeout=15)
        for log in self.logs:
            log.close()


ROOT = Path(__file__).resolve().parents[2]
PEERS = ROOT / "benchmarks" / "peers"


def _peer_module(name):
    """A module of ``benchmarks/peers`` (the benchmarks' instance builders), loaded by path."""
    if str(PEERS) not in sys.path:
        sys.path.insert(0, str(PEERS))  # they import their sibling `common`
    spec = importlib.util.spec_from_file_location(f"_peers_{name}", PEERS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def sample_instance():
    """The Val-d'Oise sample as graph arrays: OSM main roads, communes as zones, INSEE flows."""
    arrays, _ = _peer_module("sample_instance").build()
    return arrays


def synthetic_instance(n_edges, n_zones, n_od, seed=1):
    """A road-like synthetic network with zones and gravity flows (``benchmarks/peers/gen_synthetic.py``)."""
    return _peer_module("gen_synthetic").generate(n_edges, n_zones, n_od, seed=seed)
