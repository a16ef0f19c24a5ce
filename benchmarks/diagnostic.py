"""Territory diagnostic benchmark: ``make demo`` (``territorial:territory_diagnostic`` on the sample
territory, offline) in a fresh process, its wall time and peak memory, and the time of each step.

    /usr/bin/python3 -P benchmarks/diagnostic.py                 # 1 run
    /usr/bin/python3 -P benchmarks/diagnostic.py --repeat 3

Each run writes into a temporary folder (the demo's ``DEMO_OUTPUT``). Printed: the medians of the
runs' wall times (QGIS start included) and the largest peak memory of the process tree (worker
processes included, ``common.run_measured``), then the steps of the last run as the summary gives
them.
"""

import argparse
import os
import re
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from common import load_average, machine_info, median, run_measured  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    walls, peaks, others, steps = [], [], [], []
    for index in range(args.repeat):
        out = Path(tempfile.mkdtemp(prefix="bench-diagnostic-"))
        try:
            env = dict(os.environ, DEMO_OUTPUT=str(out), QT_QPA_PLATFORM="offscreen")
            measured = run_measured([sys.executable, "-P", str(ROOT / "scripts" / "demo.py")], env=env)
            if measured.returncode != 0:
                sys.exit(f"run {index + 1} failed:\n{measured.stdout[-2000:]}\n{measured.stderr[-3000:]}")
            summary = next(out.glob("*.md")).read_text(encoding="utf-8")
            steps = re.findall(r"^\| (.+?) \| `(territorial:\w+|native:\w+)` \| ([\d.]+) \|$", summary, re.M)
            files = sorted(p.name for p in out.iterdir())
        finally:
            shutil.rmtree(out, ignore_errors=True)
        walls.append(measured.wall_s)
        peaks.append(measured.peak_mb)
        others.append(measured.other_cores)
        print(f"run {index + 1}: {measured.wall_s:.1f} s, {measured.peak_mb:.0f} MB", file=sys.stderr, flush=True)
    print(f"Territory diagnostic benchmark — {machine_info()}; load average {load_average()[0]:.2f}")
    print(
        f"make demo (territorial:territory_diagnostic on the Val-d'Oise sample, offline), {len(walls)} run(s): "
        f"median {median(walls):.1f} s (QGIS start included), peak memory {max(peaks):.0f} MB (workers "
        f"included); the rest of the machine used {max(others):.2f} cores"
    )
    print(f"outputs: {', '.join(files)}")
    for title, algorithm, seconds in steps:
        print(f"  {float(seconds):5.1f} s  {algorithm}  {title}")
    print(f"  {sum(float(s) for *_x, s in steps):5.1f} s  in the child algorithms")


if __name__ == "__main__":
    main()
