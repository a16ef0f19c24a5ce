"""Dask client of the routing engine: ``python _dask_client.py`` (started by ``cluster.py``).

QGIS's own Python never imports Dask: the QGIS process starts this script in the interpreter of
``TERRITORIAL_DATA_PYTHON`` (the one of the local worker processes), hands it the routing core and
the tasks, and this client talks to the Dask scheduler. Like ``_worker.py`` it speaks pickled
messages on stdin/stdout and needs no package of the plugin (only ``distributed`` and numpy).

Parent -> client: ``{"scheduler", "connect_timeout", "no_worker_timeout", "folder"}`` first (the
client connects at once, while the parent contracts the core); then ``("load", {"dir", "keys",
"n", "state"})``, ``("run", tasks)`` (any number of times), ``("finish",)`` and ``("cancel",)``.

Client -> parent: ``("connected", info)``, ``("ready", info)``, ``("result", task index, result)``
for every task of a run then ``("done",)``, ``("state", accumulators)``, ``("log", kind, detail)``
and ``("error", kind, detail)`` (then the client exits; the parent words the message).

The tasks go to the workers in batches of consecutive tasks (``_dask_tasks.run_batch``); a batch
lost with its worker is run again by the scheduler (``distributed.scheduler.allowed-failures``),
and the accumulator contributions are added here in task order whatever the order the batches
came back in, so the loads are exactly those of a run in one process.
"""

import hashlib
import importlib
import os
import pickle
import queue
import socket
import sys
import threading
import time
import traceback
import uuid
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
#: files shipped to the workers, as the package ``territorial_routing_<hash>``
SHIPPED = {"_kernel.py": "_kernel.py", "_dask_tasks.py": "tasks.py"}
HEARTBEAT = 0.5  # seconds between two looks at the scheduler's workers
#: engine tasks per Dask task: at most this many, and about this many Dask tasks per worker thread
MAX_PER_BATCH = 16
BATCHES_PER_THREAD = 4
#: times the core may be shipped again in one run after every worker holding it was lost
MAX_SHIPPINGS = 4


class Stop(Exception):
    """An error already reported to the parent: stop quietly."""


def engine_zip(folder):
    """The engine package for the workers, zipped: ``(package name, path of the zip)``."""
    sources = {}
    digest = hashlib.sha256()
    for src, dst in sorted(SHIPPED.items()):
        with open(os.path.join(HERE, src), "rb") as fh:
            data = fh.read()
        sources[dst] = data
        digest.update(dst.encode() + b"\0" + data)
    name = "territorial_routing_" + digest.hexdigest()[:12]
    path = os.path.join(folder, name + ".zip")
    tmp = path + ".part"
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            name + "/__init__.py",
            '"""Routing kernel of the Territorial Data QGIS plugin (shipped to Dask workers)."""\n',
        )
        for dst, data in sources.items():
            zf.writestr(name + "/" + dst, data)
    os.replace(tmp, path)
    return name, path


def split_address(address):
    """``(host, port)`` of a ``tcp://host:port`` or ``host:port`` address, else None (other protocols)."""
    text = address.strip()
    if "://" in text:
        scheme, text = text.split("://", 1)
        if scheme != "tcp":
            return None
    host, _, port = text.rpartition(":")
    host = host.strip("[]")
    if not host or not port.isdigit():
        return None
    return host, int(port)


class Session:
    def __init__(self, send, inbox, stopped, setup):
        self.send = send
        self.inbox = inbox
        self.stopped = stopped
        self.address = setup["scheduler"]
        self.connect_timeout = float(setup.get("connect_timeout", 20.0))
        self.no_worker_timeout = float(setup.get("no_worker_timeout", 60.0))
        self.folder = setup["folder"]
        self.client = None
        self.shared = None
        self.payload = None
        self.tasks_mod = None
        self.accumulators = {}
        self.n_arcs = 0
        self.seq_done = 0  # tasks of earlier runs (the order of the accumulation)
        self.pending = {}  # contributions that came back before an earlier task's
        self.next_seq = 0
        self.workers = set()
        self.no_worker_since = None
        self.lost = []
        self.tasks_by_worker = {}
        self.token = uuid.uuid4().hex[:8]
        self.result_bytes = 0  # accumulator contributions received (the traffic that grows with the core)
        self.runs = 0

    # -- connection ----------------------------------------------------------------------------
    def connect(self):
        try:
            import distributed
            import numpy  # noqa: F401
        except ImportError as exc:
            self.fail("missing", {"module": exc.name or str(exc), "python": sys.executable})
        self.distributed = distributed
        hostport = split_address(self.address)
        if hostport is not None:  # a refused or silent port fails here, in seconds, not after Dask's retries
            try:
                socket.create_connection(hostport, timeout=min(5.0, self.connect_timeout)).close()
            except OSError as exc:
                self.fail("unreachable", {"error": str(exc) or type(exc).__name__})
        try:
            self.client = distributed.Client(
                self.address, timeout=self.connect_timeout, set_as_default=False, name="territorial-data"
            )
        except Exception as exc:
            self.fail("unreachable", {"error": str(exc) or type(exc).__name__})
        self.wait_for_workers()
        name, path = engine_zip(self.folder)
        try:
            self.client.upload_file(path)
        except Exception as exc:
            self.fail("workers_broken", {"error": _last_line(exc)})
        sys.path.insert(0, path)
        self.tasks_mod = importlib.import_module(name + ".tasks")
        try:
            infos = self.client.run(self.tasks_mod.probe)
        except Exception as exc:
            self.fail("workers_broken", {"error": _last_line(exc)})
        here = self.tasks_mod.probe()
        self.workers = set(self.client.nthreads())
        self.send(
            (
                "connected",
                {
                    "workers": len(infos),
                    "threads": sum(self.client.nthreads().values()),
                    "infos": infos,
                    "client": here,
                    "package": name,
                    "distributed": distributed.__version__,
                },
            )
        )

    def wait_for_workers(self):
        deadline = time.monotonic() + self.no_worker_timeout
        while True:
            self.check_cancel()
            try:
                if self.client.nthreads():
                    return
            except Exception as exc:
                self.fail("scheduler_lost", {"error": _last_line(exc)})
            if time.monotonic() > deadline:
                self.fail("no_workers", {"seconds": self.no_worker_timeout})
            time.sleep(0.2)

    # -- messages ------------------------------------------------------------------------------
    def fail(self, kind, detail):
        self.send(("error", kind, detail))
        raise Stop()

    def check_cancel(self):
        """Stops when the parent cancelled (or went away); its other messages wait in the inbox."""
        if self.stopped.is_set():
            raise Stop()

    def heartbeat(self):
        """Workers gone since the last look are reported; none for too long ends the run."""
        try:
            now = set(self.client.nthreads())
        except Exception as exc:
            self.fail("scheduler_lost", {"error": _last_line(exc)})
        gone = sorted(self.workers - now)
        if gone:
            self.lost.extend(gone)
            self.send(("log", "lost", {"workers": gone, "left": len(now)}))
        self.workers = now
        if now:
            self.no_worker_since = None
        elif self.no_worker_since is None:
            self.no_worker_since = time.monotonic()
        elif time.monotonic() - self.no_worker_since > self.no_worker_timeout:
            self.fail("no_workers", {"seconds": self.no_worker_timeout})

    # -- work ----------------------------------------------------------------------------------
    def load(self, setup):
        import numpy as np

        core = {"n": setup["n"]}
        for key in setup["keys"]:
            core[key] = np.load(os.path.join(setup["dir"], key + ".npy"))
        state = dict(setup.get("state") or {})
        self.n_arcs = int(state.get("n_arcs", 0))
        self.payload = {"core": core, "state": state}  # kept: shipped again if every copy is lost
        self.ship()
        self.send(("ready", {"bytes": int(sum(getattr(v, "nbytes", 0) for v in core.values()))}))

    def ship(self):
        """The core on every worker: sent once to the cluster, then copied worker to worker in a tree
        (``replicate``), not N times from the scheduler; sent again when no copy is left."""
        lost = self.shared is None or self.shared.status != "finished"  # "cancelled": its holders died
        if not lost:
            try:
                lost = not self.client.who_has([self.shared]).get(self.shared.key)
            except Exception:
                lost = True
        if lost:
            if self.shared is not None:
                try:
                    self.shared.release()
                except Exception:
                    pass
            try:
                [self.shared] = self.client.scatter([self.payload], hash=False)
            except Exception as exc:
                self.fail("scheduler_lost", {"error": _last_line(exc)})
        try:
            self.client.replicate([self.shared])
        except Exception:
            pass  # best effort: a worker without a copy fetches it from a peer when a batch needs it

    def accept(self, seq, contributions):
        import numpy as np

        self.pending[seq] = contributions
        while self.next_seq in self.pending:
            for key, (index, values) in self.pending.pop(self.next_seq).items():
                total = self.accumulators.get(key)
                if total is None:
                    total = self.accumulators[key] = np.zeros(self.n_arcs)
                total[index] += values  # indices are distinct: the same additions as in one process
            self.next_seq += 1

    def run(self, tasks):
        self.runs += 1
        threads = max(1, sum(self.client.nthreads().values()))
        per = max(1, min(MAX_PER_BATCH, -(-len(tasks) // (BATCHES_PER_THREAD * threads))))
        starts = list(range(0, len(tasks), per))
        # the workers need neither the pair indices nor anything the parent keeps for itself
        slim = [{k: v for k, v in task.items() if k != "pair_index"} for task in tasks]
        batches = [slim[s : s + per] for s in starts]
        accepted = [False] * len(batches)
        for attempt in range(MAX_SHIPPINGS):
            # batches whose core vanished with the workers that held it are sent again, with the core
            self.ship()
            if self.submit_and_collect(batches, starts, accepted, attempt):
                break
            self.send(("log", "reshipped", {"batches": accepted.count(False)}))
        else:
            self.fail("scheduler_lost", {"error": f"routing core lost {MAX_SHIPPINGS} times"})
        self.seq_done += len(tasks)
        self.send(
            (
                "done",
                {
                    "batches": len(batches),
                    "per_batch": per,
                    "tasks_by_worker": dict(self.tasks_by_worker),
                    "result_bytes": self.result_bytes,
                },
            )
        )

    def submit_and_collect(self, batches, starts, accepted, attempt):
        """Runs the batches not yet accepted; False when the core was lost (every worker holding it
        died) and they must be sent again. Each batch is accepted once, whatever happens."""
        from distributed import KilledWorker

        todo = [b for b in range(len(batches)) if not accepted[b]]
        keys = {f"territorial-routing-{self.token}-{self.runs}-{attempt}-{b}": b for b in todo}
        done = queue.Queue()  # a fresh queue: futures of an earlier attempt are ignored
        futures = self.client.map(
            self.tasks_mod.run_batch, [batches[b] for b in todo], shared=self.shared, key=list(keys), pure=False
        )
        for future in futures:
            future.add_done_callback(done.put)
        self.futures = futures
        remaining = len(futures)
        last_beat = 0.0
        try:
            while remaining:
                self.check_cancel()
                if time.monotonic() - last_beat > HEARTBEAT:
                    self.heartbeat()
                    last_beat = time.monotonic()
                try:
                    future = done.get(timeout=0.1)
                except queue.Empty:
                    continue
                b = keys[future.key]
                if future.status == "finished":
                    try:
                        results = future.result()
                    except Exception:  # lost between its end and our fetch
                        results = None
                    if results is not None:
                        who = self.where(future)
                        for i, result in enumerate(results):
                            task_id = starts[b] + i
                            contributions = result.pop(self.tasks_mod.ACCUMULATORS)
                            self.result_bytes += sum(ix.nbytes + vs.nbytes for ix, vs in contributions.values())
                            self.accept(self.seq_done + task_id, contributions)
                            self.send(("result", task_id, result))
                            if who:
                                self.tasks_by_worker[who] = self.tasks_by_worker.get(who, 0) + 1
                        accepted[b] = True
                elif future.status == "error":
                    exc = future.exception()
                    if isinstance(exc, KilledWorker):
                        self.fail("killed", {"error": _last_line(exc), "lost": self.lost})
                    tb = "".join(traceback.format_exception(type(exc), exc, future.traceback()))
                    self.fail("task_failed", {"error": _last_line(exc), "traceback": tb[-4000:]})
                future.release()
                remaining -= 1
                if not accepted[b]:  # cancelled (its core is gone) or lost on its way back
                    self.heartbeat()  # names the workers that went away
                    self.client.cancel([f for f in futures if not f.done()], force=True)
                    self.wait_for_workers()  # a bounded wait: none back in time is a clear failure
                    return False
        finally:
            self.futures = []
        return True

    def where(self, future):
        try:
            return self.client.who_has(future).get(future.key, [""])[0]
        except Exception:
            return ""

    def finish(self):
        self.send(("state", dict(self.accumulators)))

    def close(self):
        client = self.client
        if client is None:
            return
        try:
            futures = list(getattr(self, "futures", []) or [])
            if futures:
                client.cancel(futures, force=True)
            if self.shared is not None:
                self.shared.release()
        except Exception:
            pass
        try:
            client.close(timeout=5)
        except Exception:
            pass


def _last_line(exc):
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text.splitlines()[-1]}" if text else type(exc).__name__


def main():
    # the protocol owns the real stdout; anything printed by a library goes to stderr
    out = os.fdopen(os.dup(sys.stdout.fileno()), "wb")
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    inp = sys.stdin.buffer
    lock = threading.Lock()

    def send(message):
        with lock:
            pickle.dump(message, out, protocol=pickle.HIGHEST_PROTOCOL)
            out.flush()

    try:
        setup = pickle.load(inp)
    except Exception:
        return 1
    inbox = queue.Queue()
    stopped = threading.Event()  # cancel, or the parent closed the pipe: seen even in the middle of a run

    def read():
        try:
            while True:
                message = pickle.load(inp)
                if message[0] == "cancel":
                    break
                inbox.put(message)
        except Exception:
            pass  # the parent is gone or closed the pipe
        stopped.set()
        inbox.put(None)

    threading.Thread(target=read, daemon=True).start()
    session = Session(send, inbox, stopped, setup)
    try:
        session.connect()
        while True:
            message = inbox.get()
            if message is None:
                return 0
            if message[0] == "load":
                session.load(message[1])
            elif message[0] == "run":
                session.run(message[1])
            elif message[0] == "finish":
                session.finish()
                return 0
    except Stop:
        return 0
    except BaseException:
        try:
            send(("error", "internal", {"error": traceback.format_exc()[-4000:]}))
        except Exception:
            pass
        return 1
    finally:
        session.close()


if __name__ == "__main__":
    sys.exit(main())
