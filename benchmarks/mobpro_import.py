"""MOBPRO detail-file import benchmark: a generated FD_MOBPRO file of 8 million rows (the national size).

    /usr/bin/python3 -P benchmarks/mobpro_import.py                    # 8 000 000 rows, provider only
    /usr/bin/python3 -P benchmarks/mobpro_import.py --rows 1000000 --qgis   # + the algorithm via qgis_process.bin
    /usr/bin/python3 -P benchmarks/mobpro_import.py --keep /tmp/fd      # keep the generated file there

Generates (into a temporary folder, once per size; ``--keep`` reuses it) a detail file with the 33
columns of ``FD_MOBPRO_2021`` in INSEE's order, ``;``-separated, one row per person: residences
drawn over ~35 000 commune codes (the real merged and split codes of the COG tables among them, so
that the code moves run on real history, plus Paris/Lyon/Marseille with their ``ARM``
arrondissements), work places mostly in the same commune or département, ``TRANS`` 1-6 and
``IPONDI`` weights with 15 decimals. The file weighs about 1.3 GB.

Then runs ``providers.mobpro.import_mobpro`` (census 2021 = COG 2023 → COG 2026, all modes,
arrondissements kept) in a fresh subprocess and prints its wall time and peak memory (the whole
process, Python and imports included), against the targets: under 60 s and under 2 GB on the
2-core machine. ``--qgis`` also times ``territorial:import_mobpro`` through ``qgis_process.bin``,
writing the OD table to a GeoPackage.
"""

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import load_average, load_plugin, machine_info, run_measured  # noqa: E402

TARGET_SECONDS = 60.0
TARGET_MB = 2048.0
COLUMNS = (
    "COMMUNE;ARM;DCFLT;DCLT;AGEREVQ;CS1;DEROU;DIPL;EMPL;ILT;ILTUU;IMMI;INATC;INEEM;INPOM;INPSM;IPONDI;LPRM;"
    "METRODOM;MOCO;NA17;NA5;NPERR;REGION;REGLT;SEXE;STAT;STOCD;TP;TRANS;TYPL;TYPMR;VOIT"
)


def commune_pool(rng):
    """~35 000 commune codes by département: real codes of the COG tables first, then made-up ones."""
    import numpy as np
    import pandas as pd

    data = ROOT / "providers" / "data" / "cog"
    current = pd.read_csv(data / "communes_codes_anciens_vers_actuels_cog2026.csv", sep=";", dtype=str)
    passage = pd.read_csv(data / "cog_tables_passage_1968_2023_cogugaison.csv", sep=";", dtype=str)
    recent = passage[passage["cog_depart"].astype(int) >= 2023]
    real = set(current["code_actuel"]) | set(recent["code_depart"]) | set(recent["code_arrivee"])
    real |= set(current.loc[current["origine"] == "anciensCodes", "code_ancien"].head(300))  # codes to move
    deps = [f"{d:02d}" for d in range(1, 96) if d != 20] + ["2A", "2B"]
    pool = {d: sorted(c for c in real if c.startswith(d)) for d in deps}
    for dep in deps:
        taken = set(pool[dep])
        numbers = rng.permutation(np.arange(1, 999))
        for n in numbers:
            if len(pool[dep]) >= 360:
                break
            code = f"{dep}{n:03d}"
            if code not in taken and code not in ("75056", "69123", "13055"):
                pool[dep].append(code)
                taken.add(code)
    return pool


def generate(path: Path, rows: int, seed: int = 2021, chunk: int = 500_000) -> None:
    import numpy as np

    rng = np.random.default_rng(seed)
    pool = commune_pool(rng)
    deps = sorted(pool)
    codes = np.array([c for d in deps for c in pool[d]], dtype=object)
    dep_of = np.array([deps.index(c[:2]) for c in codes])
    starts = np.searchsorted(dep_of, np.arange(len(deps)))
    sizes = np.bincount(dep_of, minlength=len(deps))
    weights = rng.pareto(1.2, len(codes)) + 0.05  # a few big communes, many small ones
    weights /= weights.sum()
    paris = [f"751{n:02d}" for n in range(1, 21)]
    lyon = [f"6938{n}" for n in range(1, 10)]
    marseille = [f"132{n:02d}" for n in range(1, 17)]
    # the other columns (AGEREVQ..INPSM before IPONDI, LPRM..TP between IPONDI and TRANS, then TYPL..VOIT)
    before = ["040;3;1;5;16;2;1;1;1;1;1;2", "030;5;0;3;16;1;1;1;1;1;1;3", "050;6;0;2;21;3;2;2;1;1;2;1"]
    between = ["1;1;11;S;CD;1;11;11;11;2;1;10", "2;1;21;G;DE;2;11;11;11;1;2;20", "1;1;12;C;BE;3;11;11;11;2;1;10"]
    tail = ["1;1;1", "2;3;1", "1;2;2"]
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(COLUMNS + "\n")
        done = 0
        while done < rows:
            n = min(chunk, rows - done)
            home = rng.choice(len(codes), n, p=weights)
            kind = rng.random(n)
            same_dep = starts[dep_of[home]] + (rng.random(n) * sizes[dep_of[home]]).astype(int)
            anywhere = rng.choice(len(codes), n, p=weights)
            work = np.where(kind < 0.35, home, np.where(kind < 0.85, same_dep, anywhere))
            commune = codes[home]
            dclt = codes[work]
            arm = np.full(n, "ZZZZZ", dtype=object)
            big = rng.random(n)
            for share, city, arrondissements in (
                (0.03, "75056", paris),
                (0.008, "69123", lyon),
                (0.013, "13055", marseille),
            ):
                pick = (big < share) & (arm == "ZZZZZ")
                commune[pick] = city
                arm[pick] = rng.choice(arrondissements, pick.sum())
                big = np.where(pick, 1.0, big - share)
                towards = rng.random(n) < share * 3
                dclt[towards] = rng.choice(arrondissements, towards.sum())
            trans = rng.choice(np.array(list("123456")), n, p=[0.05, 0.07, 0.03, 0.02, 0.70, 0.13])
            ipondi = rng.uniform(0.9, 9.5, n)
            other = rng.integers(0, 3, n)
            lines = [
                f"{c};{a};99999;{d};{before[o]};{w:.15f};{between[o]};{t};{tail[o]}\n"
                for c, a, d, o, w, t in zip(commune, arm, dclt, other, ipondi, trans)
            ]
            out.write("".join(lines))
            done += n
    return None


def run_import(path: str) -> None:
    """Subprocess: import the file with the provider and print JSON figures."""
    load_plugin()
    from territorial_data.providers import mobpro

    started = time.perf_counter()
    table = mobpro.import_mobpro(path, target_cog=2026, checksum=True)
    seconds = time.perf_counter() - started
    report = table.report.frame()
    print(
        json.dumps(
            {
                "seconds": seconds,
                "od_rows": len(table.frame),
                "flow_in": table.flow_in,
                "flow_out": table.flow_out(),
                "balance": table.balance(),
                "moved_codes": int((report["kind"].isin(["merged", "split", "renamed"])).sum()),
                "report_rows": len(report),
            }
        )
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=8_000_000)
    parser.add_argument("--keep", help="folder to keep (and reuse) the generated file in")
    parser.add_argument("--qgis", action="store_true", help="also run territorial:import_mobpro via qgis_process.bin")
    parser.add_argument("--import-only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.import_only:
        run_import(args.import_only)
        return
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="mobpro-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"FD_MOBPRO_2021_{args.rows}.csv"
    try:
        if not path.exists():
            started = time.perf_counter()
            generate(path, args.rows)
            print(
                f"generated {path} ({path.stat().st_size / 2**20:.0f} MiB, {args.rows} rows) "
                f"in {time.perf_counter() - started:.0f} s"
            )
        info = machine_info()
        print(
            f"machine: {info['cpu']}, {info['cores']} cores, {info['memory_mb']} MiB; "
            f"load average {load_average()[0]:.2f}"
        )
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        measured = run_measured([sys.executable, "-P", __file__, "--import-only", str(path)])
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if measured.returncode != 0:
            print(measured.stderr)
            raise SystemExit("the import failed")
        figures = json.loads(measured.stdout.strip().splitlines()[-1])
        verdict = "OK" if measured.wall_s < TARGET_SECONDS and measured.peak_mb < TARGET_MB else "OVER TARGET"
        print(
            f"provider import_mobpro: {args.rows} rows -> {figures['od_rows']} OD rows "
            f"({figures['moved_codes']} codes moved), flow {figures['flow_in']:.1f} "
            f"(balance {figures['balance']:.2e})"
        )
        print(
            f"  import {figures['seconds']:.1f} s; process wall {measured.wall_s:.1f} s (interpreter and imports "
            f"included); CPU time {cpu:.1f} s (single-threaded: the wall time on an idle core); "
            f"peak memory {measured.peak_mb:.0f} MiB "
            f"[targets < {TARGET_SECONDS:.0f} s, < {TARGET_MB:.0f} MiB: {verdict}]"
        )
        if args.qgis:
            sys.path.insert(0, str(ROOT / "tests"))
            from support.qgis_process import QgisProcess

            work = Path(tempfile.mkdtemp(prefix="mobpro-qgis-"))
            try:
                runner = QgisProcess(work)
                exe = shutil.which("qgis_process.bin") or "/usr/bin/qgis_process.bin"
                out = work / "flows.gpkg"
                cmd = [exe, "--json", "run", "territorial:import_mobpro", "--", f"INPUT={path}", f"OUTPUT={out}"]
                measured = run_measured(cmd, env=runner.env, cwd=str(work))
                ok = measured.returncode == 0
                print(
                    f"qgis_process.bin territorial:import_mobpro -> GeoPackage: {'ok' if ok else 'FAILED'}, "
                    f"wall {measured.wall_s:.1f} s, peak memory {measured.peak_mb:.0f} MiB"
                )
                if not ok:
                    print(measured.stdout[-2000:], measured.stderr[-2000:])
            finally:
                shutil.rmtree(work, ignore_errors=True)
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    if "--import-only" not in sys.argv:
        os.environ.setdefault("PYTHONDONTWRITEBYTECODE", "1")
    main()
