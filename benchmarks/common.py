"""Small timing and memory helpers shared by the project's benchmarks (standard library only).

    import sys, os; sys.path.insert(0, os.path.dirname(__file__)); from common import timer, peak_rss_mb

- ``timer()``: ``with timer() as t: ...`` then ``t.seconds``.
- ``peak_rss_mb()``: peak resident memory of this process (``getrusage``), in MiB.
- ``children_peak_rss_mb()``: largest peak of the waited-for child processes, in MiB.
- ``run_measured(cmd)``: runs a command in a subprocess and measures its wall time and its peak
  memory, the whole process tree included (worker processes too): sampled every 50 ms from
  ``/proc/<pid>/status`` as the sum of every process's private resident memory (RssAnon +
  RssShmem) plus the largest file-backed part (RssFile: libraries and mapped files, shared between
  the processes, counted once), and the child's own ``ru_maxrss`` from ``wait4``; ``peak_mb`` is
  the larger of the two.
  It also gives ``other_cores``: the CPU the *rest of the machine* used during the run, in cores
  (busy time from ``/proc/stat`` minus the child tree's own CPU time, over the wall time), so that
  every figure says how quiet the machine was.
- ``cpu_busy(seconds)``: share of the machine's CPU busy over a short window; ``wait_quiet`` waits
  for a quiet window.
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


def _cpu_jiffies():
    """(busy, total) jiffies of the whole machine from /proc/stat."""
    try:
        with open("/proc/stat") as fh:
            fields = [int(x) for x in fh.readline().split()[1:]]
    except (OSError, ValueError):
        return 0, 0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    total = sum(fields[:8])
    return total - idle, total


def cpu_busy(seconds=2.0):
    """Share (0..1) of the machine's CPU time that was busy during the next ``seconds``."""
    b0, t0 = _cpu_jiffies()
    time.sleep(seconds)
    b1, t1 = _cpu_jiffies()
    return (b1 - b0) / (t1 - t0) if t1 > t0 else float("nan")


def wait_quiet(max_busy=0.15, max_wait=0.0, window=2.0):
    """Wait (at most ``max_wait`` s) for a window where the machine is at most ``max_busy`` busy.

    Returns the busy share of the last window."""
    deadline = time.perf_counter() + max_wait
    busy = cpu_busy(window)
    while busy > max_busy and time.perf_counter() < deadline:
        busy = cpu_busy(window)
    return busy


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


def _rss_split_kb(pid):
    """(anonymous + shmem, file-backed) resident KiB of a process, from /proc/<pid>/status."""
    anon = files = 0
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith(("RssAnon:", "RssShmem:")):
                    anon += int(line.split()[1])
                elif line.startswith("RssFile:"):
                    files = int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return anon, files


class Measured:
    def __init__(self, returncode, stdout, stderr, wall_s, tree_peak_mb, maxrss_mb, cpu_s=0.0, other_cores=0.0):
        self.cpu_s = cpu_s
        self.other_cores = other_cores
        self.returncode = returncode
        self.stdout = stdout
        self.stderr = stderr
        self.wall_s = wall_s
        self.tree_peak_mb = tree_peak_mb
        self.maxrss_mb = maxrss_mb
        self.peak_mb = max(tree_peak_mb, maxrss_mb)


def run_measured(cmd, env=None, cwd=None, timeout=None, interval=0.05, stderr_path=None):
    """Run ``cmd`` (list) and return a ``Measured`` (stdout text, wall time, peak memory of its tree)."""
    err = open(stderr_path, "w") if stderr_path else subprocess.PIPE  # noqa: SIM115
    busy0, _ = _cpu_jiffies()
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=err, env=env, cwd=cwd, text=True)
    peak_kb = [0]
    done = threading.Event()

    def sample():
        # /proc/<pid>/status counters are cheap (smaps_rollup's PSS walks the page tables and
        # slows the measured processes down): private memory of every process plus the largest
        # file-backed share (libraries and mapped arrays are shared between the processes)
        while not done.is_set():
            anon, files = 0, 0
            for p in _descendants(proc.pid):
                a, f = _rss_split_kb(p)
                anon += a
                files = max(files, f)
            peak_kb[0] = max(peak_kb[0], anon + files)
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
    busy1, _ = _cpu_jiffies()
    cpu_s = ru.ru_utime + ru.ru_stime
    machine_s = (busy1 - busy0) / os.sysconf("SC_CLK_TCK")
    other_cores = max(0.0, machine_s - cpu_s) / wall if wall > 0 else 0.0
    done.set()
    sampler.join()
    for r in readers:
        r.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if stderr_path:
        err.close()
    return Measured(
        proc.returncode,
        "".join(out_chunks),
        "".join(err_chunks),
        wall,
        peak_kb[0] / 1024.0,
        ru.ru_maxrss / 1024.0,
        cpu_s,
        other_cores,
    )


def load_plugin():
    """The repository loaded as the package ``territorial_data`` (scripts/plugin_loader.py)."""
    import sys
    from pathlib import Path

    scripts = str(Path(__file__).resolve().parent.parent / "scripts")
    if scripts not in sys.path:
        sys.path.insert(0, scripts)
    import plugin_loader

    return plugin_loader.load_plugin()
