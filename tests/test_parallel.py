"""Parallel ingest and re-reading on a real Dask cluster, against the sequential results.

The cluster is real (a scheduler and two worker processes, see ``conftest.dask_scheduler``),
the store a real SQLite file, the extractor the real one.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
from pathlib import Path

import pandas as pd
import pytest
from distributed import Client
from test_ingest import BAD_INPUTS, geo_cli

from geo.articles import load_bundled
from geo.gazetteer import default_gazetteer
from geo.ingest import ingest, warm_up
from geo.parallel import Failed, dask_client, ordered_map
from geo.pipeline import EXTRACTOR_VERSION, Extraction, extract
from geo.readers import read_paths
from geo.reextract import reextract
from geo.store import open_store

ROOT = Path(__file__).resolve().parent.parent
FINGERPRINT = ROOT / "tests" / "fixtures" / "extractor_fingerprint.json"
INPUTS = [str(BAD_INPUTS), str(ROOT / "data" / "articles")]


def contents(db: str) -> dict[str, pd.DataFrame]:
    """Every stored row but the time it was added, in a fixed order."""
    store = open_store(db)
    try:
        frames = {
            "articles": store.articles().drop(columns="added").sort_values("id"),
            "mentions": store.mentions().sort_values(["article_id", "start", "end"]),
            "figures": store.figures().sort_values(["article_id", "start", "end", "kind"]),
        }
    finally:
        store.close()
    return {name: frame.reset_index(drop=True) for name, frame in frames.items()}


def assert_same_store(a: str, b: str) -> None:
    for name, frame in contents(a).items():
        pd.testing.assert_frame_equal(frame, contents(b)[name], obj=name)


def test_ordered_map_keeps_order_reports_errors_and_skips_unwanted(dask_scheduler):
    def invert(x: int) -> float:
        return 1 / x

    asked: list[list[int]] = []

    def not_sevens(chunk: list[int]) -> list[bool]:
        asked.append(chunk)
        return [x % 7 != 0 for x in chunk]

    with Client(dask_scheduler) as client:
        got = list(ordered_map(invert, range(-50, 50), client, wanted=not_sevens, chunk=3))
    assert [item for item, _ in got] == list(range(-50, 50))
    assert asked == [list(range(n, min(n + 3, 50))) for n in range(-50, 50, 3)]  # once a chunk
    for item, result in got:
        if item % 7 == 0:
            assert result is None  # not wanted: no task was sent
        else:
            assert result == pytest.approx(1 / item)
    assert not any(isinstance(r, Failed) for _, r in got)
    in_process = list(ordered_map(invert, range(-50, 50), wanted=not_sevens, chunk=3))
    assert in_process == got
    with Client(dask_scheduler) as client:
        (_, failed), = ordered_map(invert, [0], client)  # fmt: skip
    assert isinstance(failed, Failed) and "ZeroDivisionError" in failed


def test_ingest_on_a_dask_cluster_stores_what_a_sequential_ingest_stores(tmp_path, dask_scheduler):
    sequential, parallel = str(tmp_path / "one.sqlite"), str(tmp_path / "many.sqlite")
    one = json.loads(geo_cli("ingest", *INPUTS, "--db", sequential, "--workers", "1", "--json",
                             check=1).stdout)  # fmt: skip
    many = json.loads(geo_cli("ingest", *INPUTS, "--db", parallel, "--scheduler", dask_scheduler,
                              "--json", check=1).stdout)  # fmt: skip
    assert many == one and one["added"] == 16 and one["failed"] == 14
    assert_same_store(sequential, parallel)
    again = json.loads(geo_cli("ingest", *INPUTS, "--db", parallel, "--scheduler", dask_scheduler,
                               "--json", check=1).stdout)  # fmt: skip
    assert (again["added"], again["unchanged"]) == (0, 17)


def test_ingest_with_local_worker_processes(tmp_path):
    db = str(tmp_path / "a.sqlite")
    result = geo_cli("ingest", str(ROOT / "data" / "articles"), "--db", db, "--workers", "2")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("added 3, unchanged 0, failed 0")


def _built_here() -> tuple[int, int]:
    """How many default gazetteers and name matchers this process has built."""
    from geo.recognition import _matcher

    return default_gazetteer.cache_info().currsize, _matcher.cache_info().currsize


def test_local_workers_start_with_what_the_warm_up_built():
    with dask_client(2, warm_up=warm_up) as client:
        built = client.run(_built_here)  # before any task: only forking can have put it there
    assert list(built.values()) == [(1, 1), (1, 1)]


def test_bad_parallel_options_are_refused_clearly(tmp_path):
    db = str(tmp_path / "a.sqlite")
    for bad in (["--workers", "0"], ["--workers", "two"], ["--workers", "2", "--scheduler", "x"]):
        result = geo_cli("ingest", str(BAD_INPUTS), "--db", db, *bad)
        assert result.returncode == 2 and "Traceback" not in result.stderr
    nobody = geo_cli("ingest", str(BAD_INPUTS), "--db", db, "--scheduler", "tcp://127.0.0.1:1")
    assert nobody.returncode == 2 and "no Dask cluster" in nobody.stderr
    assert "Traceback" not in nobody.stderr


def _old_reader(article) -> Extraction:
    """An 'older extractor': it found no places and no figures, and says it is version 0."""
    return Extraction(article=article, places=(), figures=(), extractor="0")


def test_reextract_rereads_older_rows_and_then_equals_a_fresh_ingest(tmp_path, dask_scheduler):
    fresh, old = str(tmp_path / "fresh.sqlite"), str(tmp_path / "old.sqlite")
    store = open_store(fresh)
    ingest(read_paths(INPUTS), store)
    store.close()
    store = open_store(old)
    ingest(read_paths(INPUTS), store, extract=_old_reader)
    assert store.outdated(EXTRACTOR_VERSION) == 16 and store.stats()["figures"] == 0
    half = reextract(store, progress=lambda articles: itertools.islice(articles, 5))
    assert (half.reread, store.outdated(EXTRACTOR_VERSION)) == (5, 11)  # an interrupted run
    store.close()

    result = json.loads(geo_cli("reextract", "--db", old, "--scheduler", dask_scheduler, "--json",
                                check=0).stdout)  # fmt: skip
    assert (result["reread"], result["failed"], result["outdated_before"]) == (11, 0, 11)
    assert_same_store(fresh, old)
    again = json.loads(geo_cli("reextract", "--db", old, "--json", check=0).stdout)
    assert again["reread"] == 0


def test_reextract_keeps_an_article_whose_reading_fails(tmp_path):
    db = str(tmp_path / "a.sqlite")
    store = open_store(db)
    ingest(read_paths([str(ROOT / "data" / "articles")]), store, extract=_old_reader)

    def broken(article):
        raise RuntimeError("reader bug")

    result = reextract(store, extract=broken)
    assert result.reread == 0 and len(result.failures) == 3
    assert "reader bug" in result.failures[0][1]
    assert store.outdated(EXTRACTOR_VERSION) == 3 and store.stats()["articles"] == 3
    store.close()


def test_an_old_store_gains_the_extractor_column_and_counts_as_outdated(tmp_path):
    db = str(tmp_path / "a.sqlite")
    store = open_store(db)
    ingest(read_paths([str(ROOT / "data" / "articles")]), store)
    store.close()
    with sqlite3.connect(db) as conn:  # as a store written before versions were recorded
        conn.execute("UPDATE articles SET extractor = ''")
    store = open_store(db)
    assert store.outdated(EXTRACTOR_VERSION) == 3
    assert reextract(store).reread == 3 and store.outdated(EXTRACTOR_VERSION) == 0
    store.close()


def seeds_fingerprint() -> str:
    """A hash of everything the extractor finds in the bundled seed articles."""
    found = [
        {
            "places": [m.to_dict() for m in extraction.places],
            "figures": [f.to_dict() for f in extraction.figures],
        }
        for extraction in map(extract, load_bundled())
    ]
    return hashlib.sha256(json.dumps(found, sort_keys=True, default=str).encode()).hexdigest()


def test_a_change_of_what_the_extractor_finds_comes_with_a_new_version():
    recorded = json.loads(FINGERPRINT.read_text())
    assert (seeds_fingerprint(), EXTRACTOR_VERSION) == (recorded["sha256"], recorded["version"]), (
        "the extraction of the seeds changed: bump geo.pipeline.EXTRACTOR_VERSION so that "
        "stores re-read their articles, then record the new fingerprint with "
        "PYTHONPATH=.:tests python -c 'from test_parallel import record; record()'"
    )


def record() -> None:
    """Write the seeds' fingerprint under the current EXTRACTOR_VERSION, once it was bumped."""
    recorded = json.loads(FINGERPRINT.read_text())
    fingerprint = seeds_fingerprint()
    if fingerprint != recorded["sha256"] and recorded["version"] == EXTRACTOR_VERSION:
        raise SystemExit("the extraction changed: bump geo.pipeline.EXTRACTOR_VERSION first")
    FINGERPRINT.write_text(
        json.dumps({"version": EXTRACTOR_VERSION, "sha256": seeds_fingerprint()}, indent=2) + "\n"
    )
