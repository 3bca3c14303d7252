"""Ingest rate on one process against N worker processes, side by side in one run.

    python benchmarks/bench_ingest_parallel.py [N_ARTICLES] [--workers 2] [--db-url URL]

Builds N distinct articles with ``scripts/make_scale_corpus.py`` (default 3,000), then
ingests them with ``python -m geo ingest --workers 1`` and ``--workers W`` into fresh stores
(SQLite files, or fresh PostgreSQL schemas with ``--db-url``), alternating the two twice, and
prints each run's wall time and articles per second, the ratio of the medians, and the time
100,000 articles would take at the faster rate.  Whole-process figures: the times include
starting Python, loading the gazetteer and, for W > 1, starting the local Dask cluster.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _store(tmp: Path, url: str | None) -> str:
    """A new, empty store: a SQLite file, or a fresh schema on the PostgreSQL server."""
    if not url:
        return str(tmp / f"{uuid.uuid4().hex}.sqlite")
    import psycopg

    schema = f"bench_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public")
        conn.execute(f"CREATE SCHEMA {schema}")
    separator = "&" if "?" in url else "?"
    return f"{url}{separator}options=-csearch_path%3D{schema},public"


def _ingest(corpus: Path, db: str, workers: int) -> float:
    began = time.perf_counter()
    command = [sys.executable, "-m", "geo", "ingest", str(corpus), "--db", db, "--workers",
               str(workers)]  # fmt: skip
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, nargs="?", default=3000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--db-url", help="a PostgreSQL server to write to (default: SQLite)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        corpus = tmp / "corpus.jsonl"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "make_scale_corpus.py"),
                        str(args.n), str(corpus)], check=True)  # fmt: skip
        times: dict[int, list[float]] = {1: [], args.workers: []}
        for _ in range(2):
            for workers in times:
                times[workers].append(_ingest(corpus, _store(tmp, args.db_url), workers))
    backend = "PostgreSQL" if args.db_url else "SQLite"
    print(f"{args.n} articles, {backend}, whole-process wall time of `python -m geo ingest`")
    for workers, runs in times.items():
        rates = ", ".join(f"{t:.1f} s ({args.n / t:.0f}/s)" for t in runs)
        print(f"  --workers {workers}: {rates}")
    one, many = (statistics.median(times[w]) for w in times)
    print(f"  speed-up of --workers {args.workers}: {one / many:.2f}x (median of each)")
    print(f"  100,000 articles at that rate: {100_000 * many / args.n / 60:.1f} min")


if __name__ == "__main__":
    main()
