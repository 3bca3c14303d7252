"""Peak memory of ingesting one large JSON Lines or JSON file: it must not grow with the file.

Writes a batch file of about ``MB`` megabytes (default 300) into a temporary
folder, ingests it into a new SQLite store with a cheap extractor (no places,
no figures: the real pipeline would take hours on 300 MB, and what is measured
here is the readers and the store, not extraction), and prints the peak
resident memory of the process (whole-process figures: interpreter and
libraries included) before and after.

    python benchmarks/bench_ingest_memory.py [MB] [jsonl|json]
"""

from __future__ import annotations

import json
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.articles import Article  # noqa: E402
from geo.ingest import ingest  # noqa: E402
from geo.pipeline import Extraction  # noqa: E402
from geo.readers import read_paths  # noqa: E402
from geo.store import open_store  # noqa: E402

RECORD_CHARS = 50_000
"""A long report: fewer, larger records keep the run short (one transaction per article)."""


def _peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _write_batch(path: Path, megabytes: int, form: str) -> int:
    paragraph = "Shelling hit Aleppo on Tuesday and 1,200 people fled towards Idlib. "
    body = paragraph * (RECORD_CHARS // len(paragraph))
    count = megabytes * 1_000_000 // len(body)
    with path.open("w", encoding="utf-8") as out:
        out.write("[" if form == "json" else "")
        for n in range(count):
            record = json.dumps({"text": f"Report {n}. {body}", "published": "2019-03-10"})
            separator = (", " if n else "") if form == "json" else ""
            out.write(separator + record + ("" if form == "json" else "\n"))
        out.write("]" if form == "json" else "")
    return count


def _no_extraction(article: Article) -> Extraction:
    return Extraction(article=article, places=(), figures=())


def main(megabytes: int = 300, form: str = "jsonl") -> None:
    with tempfile.TemporaryDirectory() as folder:
        batch = Path(folder) / f"batch.{form}"
        count = _write_batch(batch, megabytes, form)
        store = open_store(str(Path(folder) / "atlas.sqlite"), governorate_of=lambda *_: None)
        before = _peak_mib()
        started = time.perf_counter()
        summary = ingest(read_paths([batch]), store, extract=_no_extraction)
        seconds = time.perf_counter() - started
        size = batch.stat().st_size / 1e6
        print(
            f"{form}: {size:.0f} MB, {count} records: added {summary.added}, failed "
            f"{summary.failed}, {seconds:.0f} s; peak RSS {before:.0f} MiB before the ingest, "
            f"{_peak_mib():.0f} MiB after"
        )
        store.close()


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 300,
        sys.argv[2] if len(sys.argv) > 2 else "jsonl",
    )
