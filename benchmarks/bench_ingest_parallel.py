"""Ingest rate on one process against W worker processes, with the CPU each side spends.

    python benchmarks/bench_ingest_parallel.py [N_ARTICLES] [--workers 2] [--pairs 2] [--db-url URL]

Builds N distinct articles with ``scripts/make_scale_corpus.py`` (default 3,000), then runs
``python -m geo ingest --workers 1`` (the sequential path: no Dask) and ``--workers W`` into
fresh stores (SQLite files, or fresh PostgreSQL schemas with ``--db-url``), alternating the
two ``--pairs`` times so that a change of the shared machine's load hits both alike.

For each run it prints the wall time, the rate, and the CPU per article of the ingest's own
process (reading, the stored check, writing, the Dask client and the local scheduler) and
of its worker processes (the CPU of the children it reaped).  Wall times on a shared machine
move with the other users' load; CPU seconds move much less, so it also prints the speed-up
the CPU figures allow on this machine's cores: the time per article cannot be below
``max(main, workers / W, (main + workers) / cores)``.  Start-up (Python, the gazetteer, the
cluster) is measured by a one-article ingest of each kind and taken off for the steady rate.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from pg_schemas import fresh_schema  # noqa: E402

INGEST = (
    "import sys, time\n"
    "from geo.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print('main-cpu', time.process_time())\n"
    "sys.exit(code)"
)
"""``python -m geo ingest`` that reports the CPU of its own process at the end."""


@dataclass(frozen=True)
class Run:
    """One ingest: wall seconds, and CPU seconds of its process and of its worker processes."""

    wall: float
    main: float
    workers: float


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _ingest(corpus: Path, db: str, workers: int) -> Run:
    command = [sys.executable, "-c", INGEST, "ingest", str(corpus), "--db", db,
               "--workers", str(workers)]  # fmt: skip
    cpu, began = _children_cpu(), time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    wall, tree = time.perf_counter() - began, _children_cpu() - cpu
    main = float(done.stdout.split("main-cpu")[-1])
    return Run(wall, main, tree - main)


def _corpus(n: int, path: Path) -> Path:
    script = ROOT / "scripts" / "make_scale_corpus.py"
    subprocess.run([sys.executable, str(script), str(n), str(path)], check=True)
    return path


def _median(runs: list[Run], field: str) -> float:
    return statistics.median(getattr(run, field) for run in runs)


FIELDS = ("main", "workers")


def _steady_cpu(runs: list[Run], start_up: Run, n: int, field: str) -> float:
    """CPU seconds per article of ``field`` beyond what a one-article run spends."""
    return (_median(runs, field) - getattr(start_up, field)) / (n - 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pairs", type=int, default=2, help="alternated runs of each kind")
    parser.add_argument("--db-url", help="a PostgreSQL server to write to (default: SQLite)")
    args = parser.parse_args()
    kinds = (1, args.workers)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as folder, ExitStack() as schemas:
        tmp = Path(folder)

        def store() -> str:
            if args.db_url:
                return schemas.enter_context(fresh_schema(args.db_url, prefix="bench"))
            return str(tempfile.mkstemp(suffix=".sqlite", dir=tmp)[1])

        corpus = _corpus(args.n, tmp / "corpus.jsonl")
        one = tmp / "one.jsonl"
        one.write_text(corpus.open().readline())
        start_up = {w: _ingest(one, store(), w) for w in kinds}
        runs: dict[int, list[Run]] = {w: [] for w in kinds}
        for _ in range(args.pairs):
            for workers in kinds:
                runs[workers].append(_ingest(corpus, store(), workers))
    _report(args, runs, start_up, load_before)


def _report(args, runs: dict[int, list[Run]], start_up: dict[int, Run], load_before) -> None:
    n, many = args.n, args.workers
    cores = len(os.sched_getaffinity(0))
    backend = "PostgreSQL" if args.db_url else "SQLite"
    print(f"{n} articles, {backend}, `python -m geo ingest`, {cores} cores, load average "
          f"{load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after")  # fmt: skip
    for workers, kind_runs in runs.items():
        print(f"  --workers {workers} (start-up {start_up[workers].wall:.1f} s):")
        for run in kind_runs:
            main_ms, worker_ms = 1000 * run.main / n, 1000 * run.workers / n
            print(f"    {run.wall:6.1f} s  {n / run.wall:4.0f}/s   CPU per article: main "
                  f"{main_ms:.2f} ms, workers {worker_ms:.2f} ms")  # fmt: skip
    walls = {w: _median(r, "wall") for w, r in runs.items()}
    steady = {w: (n - 1) / (walls[w] - start_up[w].wall) for w in runs}
    print(f"  speed-up of --workers {many}, medians: whole process {walls[1] / walls[many]:.2f}x,"
          f" start-up taken off {steady[many] / steady[1]:.2f}x")  # fmt: skip
    main_cpu, worker_cpu = (_steady_cpu(runs[many], start_up[many], n, f) for f in FIELDS)
    sequential = sum(_steady_cpu(runs[1], start_up[1], n, f) for f in FIELDS)
    floor = max(main_cpu, worker_cpu / many, (main_cpu + worker_cpu) / cores)
    print(
        f"  CPU bound on {cores} cores, start-up taken off: {sequential * 1000:.2f} ms an "
        f"article in one process, at least {floor * 1000:.2f} ms with {many} workers "
        f"(main {main_cpu * 1000:.2f}, workers {worker_cpu * 1000:.2f}): {sequential / floor:.2f}x"
    )
    print(
        f"  100,000 articles at the steady --workers {many} rate: "
        f"{100_000 / steady[many] / 60:.1f} min (plus {start_up[many].wall:.0f} s start-up)"
    )


if __name__ == "__main__":
    main()
