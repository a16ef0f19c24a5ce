"""A run killed while it writes (SIGKILL, SIGTERM: a closed laptop, a batch job stopped) leaves
nothing that looks like an output: the target is written under its own name in a hidden partial
folder and only renamed over the target once complete and checked."""

import hashlib
import shutil
import signal
import subprocess
import time

import pytest

pytestmark = pytest.mark.cli


def big_od_table(path, rows=300_000):
    with open(path, "w", encoding="utf-8") as handle:
        handle.write("ori;des;flow\n")
        for i in range(rows):
            handle.write(f"Z{i % 997:04d};Z{i // 997:04d};{1 + i % 7}\n")
    return path


def run_until_writing(qgis_process, params, sig):
    """Start the run, wait until its partial output holds data, then send ``sig``."""
    args = ["run", "territorial:import_od_table", "--"] + [f"{k}={v}" for k, v in params.items()]
    exe = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"
    proc = subprocess.Popen([exe, *args], env=qgis_process.env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    target = params["OUTPUT"]
    deadline = time.monotonic() + 300
    partial = []
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            partial = list(target.parent.glob(f".{target.name}.part-*/{target.name}"))
            if partial and partial[0].stat().st_size > 200_000:
                break
            time.sleep(0.02)
        assert proc.poll() is None and partial, "the run ended before it could be interrupted"
        proc.send_signal(sig)
        proc.wait(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return partial[0]


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_run_leaves_no_output_and_the_old_one_intact(qgis_process, tmp_path, sig):
    flows = big_od_table(tmp_path / "od.csv")
    target = tmp_path / "od.gpkg"
    params = {
        "INPUT": str(flows),
        "ORIGIN_FIELD": "ori",
        "DESTINATION_FIELD": "des",
        "FLOW_FIELD": "flow",
        "CODES": "free",
        "OUTPUT": target,
    }
    partial = run_until_writing(qgis_process, params, sig)
    assert not target.exists(), "a killed run left a file that looks like an output"
    assert partial.parent.name.startswith(f".{target.name}.part-")  # what is left says what it is
    # an output from an earlier run stays as it was
    small = tmp_path / "small.csv"
    small.write_text("ori;des;flow\nA;B;1\n", encoding="utf-8")
    done, _ = qgis_process.run("territorial:import_od_table", dict(params, INPUT=str(small)))
    assert done.returncode == 0, done.stderr
    before = hashlib.sha256(target.read_bytes()).hexdigest()
    run_until_writing(qgis_process, params, sig)
    assert hashlib.sha256(target.read_bytes()).hexdigest() == before
