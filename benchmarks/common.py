"""Small timing and memory helpers shared by the project's benchmarks (standard library only).

    import sys, os; sys.path.insert(0, os.path.dirname(__file__)); from common import timer, peak_rss_mb

- ``timer()``: ``with timer() as t: ...`` then ``t.seconds``.
- ``peak_rss_mb()``: peak resident memory of this process (``getrusage``), in MiB.
- ``children_peak_rss_mb()``: largest peak of the waited-for child processes, in MiB.
- ``run_measured(cmd)``: runs a command in a subprocess and measures its wall time and its peak
  memory, the whole process tree included (worker processes too): the sum of the tree's PSS sampled
  from ``/proc`` every 50 ms, and the child's own ``ru_maxrss`` from ``wait4``; ``peak_mb`` is the
  larger of the two (PSS counts pages shared between forked workers once, so the sum is fair).
- ``median``, ``load_average``, ``machine_info``.

Linux only (``/proc``, ``wait4``), like the benchmark machines.
"""

import os
import platform
import resource
import statistics
import subprocess
import threading
import time


class _Timer:
    def __init__(self):
        self.seconds = float("nan")
        self._t0 = None

    def __enter__(self):
        self._t0 = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self._t0
        return False


def timer():
    """Context manager measuring wall-clock seconds: ``with timer() as t: ...; t.seconds``."""
    return _Timer()


def peak_rss_mb():
    """Peak resident set size of this process in MiB (``ru_maxrss`` is KiB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def children_peak_rss_mb():
    """Largest peak RSS among the waited-for children of this process, in MiB."""
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0


def median(values):
    values = [v for v in values if v is not None and v == v]
    return statistics.median(values) if values else float("nan")


def load_average():
    try:
        return os.getloadavg()
    except OSError:
        return (float("nan"),) * 3


def machine_info():
    cpu = platform.processor() or ""
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as fh:
            mem_mb = int(fh.readline().split()[1]) / 1024.0
    except (OSError, ValueError, IndexError):
        mem_mb = float("nan")
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_mb": round(mem_mb), "kernel": platform.release()}


def _descendants(pid):
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for t in tasks:
            try:
                with open(f"/proc/{p}/task/{t}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
            except OSError:
                pass
    return out


def _pss_kb(pid):
    try:
        with open(f"/proc/{pid}/smaps_rollup") as fh:
            for line in fh:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


class Measured:
    def __init__(self, returncode, stdout, stderr, wall_s, tree_pss_peak_mb, maxrss_mb):
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.wall_s = wall_s
        self.tree_pss_peak_mb = tree_pss_peak_mb
        self.maxrss_mb = maxrss_mb
        self.peak_mb = max(tree_pss_peak_mb, maxrss_mb)


def run_measured(cmd, env=None, cwd=None, timeout=None, interval=0.05, stderr_path=None):
    """Run ``cmd`` (list) and return a ``Measured`` (stdout text, wall time, peak memory of its tree)."""
    err = open(stderr_path, "w") if stderr_path else subprocess.PIPE  # noqa: SIM115
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=env, cwd=cwd, text=True)
    peak_kb = [0]
    done = threading.Event()

    def sample():
        while not done.is_set():
            total = sum(_pss_kb(p) for p in _descendants(proc.pid))
            peak_kb[0] = max(peak_kb[0], total)
            done.wait(interval)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out_chunks, err_chunks = [], []
    readers = [threading.Thread(target=lambda: out_chunks.append(proc.stdout.read()), daemon=True)]
    if not stderr_path:
        readers.append(threading.Thread(target=lambda: err_chunks.append(proc.stderr.read()), daemon=True))
    for r in readers:
        r.start()
    deadline = None if timeout is None else t0 + timeout
    while True:
        pid, status, ru = os.wait4(proc.pid, os.WNOHANG)
        if pid == proc.pid:
            break
        if deadline is not None and time.perf_counter() > deadline:
            proc.kill()
            pid, status, ru = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    wall = time.perf_counter() - t0
    done.set()
    sampler.join()
    for r in readers:
        r.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if stderr_path:
        err.close()
    return Measured(
        proc.returncode, "".join(out_chunks), "".join(err_chunks), wall, peak_kb[0] / 1024.0, ru.ru_maxrss / 1024.0
    )
