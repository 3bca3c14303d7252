"""``python -m geo ingest`` / ``stats`` end to end, as a user runs them, on SQLite and PostgreSQL.

The real pipeline extracts every article; the store is a real database (a
SQLite file in tmp_path, or a fresh schema on the ``DATABASE_URL_TEST`` server).
"""

from __future__ import annotations

import dataclasses
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from geo.articles import make_article
from geo.ingest import Summary, ingest, preview
from geo.pipeline import extract
from geo.readers import Record, read_paths
from geo.store import SCHEMA_VERSION, open_store

ROOT = Path(__file__).resolve().parent.parent
BAD_INPUTS = ROOT / "tests" / "fixtures" / "bad_inputs"

GOOD = {
    "arabic_windows1256.txt": [1], "batch.csv": [2, 7, 8], "batch.jsonl": [1, 6],
    "french_latin1.txt": [1], "good_front_matter.txt": [1], "good_sidecar.txt": [1],
    "malformed.html": [1], "no_date.txt": [1], "page.html": [1], "script.txt": [1],
}  # fmt: skip
N_REPEATED = 1  # batch.csv record 10 has the same text as its record 2: stored once
BAD = {
    ("batch.csv", 3): "malformed CSV: 6 fields for 5 columns",
    ("batch.csv", 4): "publication date '31/31/2019' is not a date",
    ("batch.csv", 5): "publication date 2999-05-01 is in the future",
    ("batch.csv", 6): "no article text (empty)",
    ("batch.jsonl", 2): "malformed JSON line",
    ("batch.jsonl", 3): "expected an object, found list",
    ("batch.jsonl", 4): "no text column (columns: title, published)",
    ("batch.jsonl", 7): "publication date 2999-01-01 is in the future",
    ("binary.txt", 1): "binary file (it contains NUL bytes), not text",
    ("blank.txt", 1): "empty file",
    ("empty.txt", 1): "empty file",
    ("future_date.txt", 1): "publication date 2999-01-01 is in the future",
    ("invalid_date.txt", 1): "publication date 'next Thursday-ish' is not a date",
    ("no_text.html", 1): "no article text found in the HTML page",
}
N_GOOD = sum(map(len, GOOD.values()))


def geo_cli(*args, env=None, check=None):
    """Run ``python -m geo ARGS`` as a user would (no terminal: no progress bar)."""
    result = subprocess.run(
        [sys.executable, "-m", "geo", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=600,
    )
    if check is not None:
        assert result.returncode == check, result.stderr
    return result


def stats(db: str) -> dict:
    return json.loads(geo_cli("stats", "--db", db, check=0).stdout)


def test_mixed_folder_stores_every_good_article_and_names_every_bad_one(url):
    first = geo_cli("ingest", str(BAD_INPUTS), "--db", url, "--json", check=1)
    summary = json.loads(first.stdout)
    counted = (summary["added"], summary["unchanged"], summary["failed"])
    assert counted == (N_GOOD, N_REPEATED, len(BAD))
    reasons = {(Path(f["source"]).name, f["record"]): f["reason"] for f in summary["failures"]}
    assert reasons.keys() == BAD.keys()
    for key, reason in BAD.items():
        assert reasons[key].startswith(reason), key
    warned = {(Path(w["source"]).name, w["record"]) for w in summary["warnings"]}
    assert warned == {("no_date.txt", 1), ("batch.csv", 7), ("malformed.html", 1)}
    assert "\r" not in first.stderr and "ingest:" not in first.stderr  # no bar off a terminal

    counts = stats(url)
    assert counts["articles"] == N_GOOD
    assert counts["mentions"] > N_GOOD and counts["figures"] > 0

    second = json.loads(geo_cli("ingest", str(BAD_INPUTS), "--db", url, "--json", check=1).stdout)
    recounted = (second["added"], second["unchanged"], second["failed"])
    assert recounted == (0, N_GOOD + N_REPEATED, len(BAD))
    assert stats(url) == counts


def test_stored_rows_match_a_fresh_extraction_and_keep_hostile_text_as_text(url):
    geo_cli("ingest", str(BAD_INPUTS), "--db", url, check=1)
    store = open_store(url)
    articles = store.articles()
    mentions = Counter(store.mentions()["article_id"])
    figures = Counter(store.figures()["article_id"])
    for record in read_paths([BAD_INPUTS]):
        if record.article is None:
            continue
        found = extract(record.article)
        assert mentions[record.article.id] == len(found.places), record.where
        assert figures[record.article.id] == len(found.figures), record.where
    script = articles[articles["outlet"] == "<img src=x onerror=alert(1)>"].iloc[0]
    assert script["title"] == '<script>alert("title")</script>'
    assert "${alert(3)}" in script["text"]


def test_human_summary_lists_each_failure_with_file_record_and_reason(tmp_path):
    result = geo_cli("ingest", str(BAD_INPUTS), "--db", str(tmp_path / "a.sqlite"), check=1)
    lines = result.stdout.splitlines()
    assert lines[0] == f"added {N_GOOD}, unchanged {N_REPEATED}, failed {len(BAD)}"
    assert f"  {BAD_INPUTS / 'batch.csv'} record 4: {BAD[('batch.csv', 4)]}" in lines
    assert lines[-1] == f"store: SQLite {tmp_path / 'a.sqlite'}"


def test_exit_0_when_nothing_fails_and_flags_fill_missing_metadata(tmp_path):
    db = str(tmp_path / "a.sqlite")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Shelling hit Hajin on Monday, residents said.")
    geo_cli(
        "ingest", str(folder), "--db", db, "--published", "2019-02-04", "--outlet", "Wire",
        "--title", "Hajin shelled", check=0,
    )  # fmt: skip
    (article,) = open_store(db).articles().itertuples()
    assert (article.outlet, article.title, str(article.published)) == (
        "Wire",
        "Hajin shelled",
        "2019-02-04",
    )


def test_exit_2_for_bad_arguments(tmp_path):
    db = str(tmp_path / "a.sqlite")
    assert geo_cli("ingest", str(tmp_path / "missing"), "--db", db).returncode == 2
    assert geo_cli("ingest", str(BAD_INPUTS), "--published", "yesterday").returncode == 2
    assert geo_cli("ingest").returncode == 2
    unreachable = geo_cli("ingest", str(BAD_INPUTS), "--db", "postgresql://u:pw@127.0.0.1:1/x")
    assert unreachable.returncode == 2 and "pw" not in unreachable.stderr
    assert not Path(db).exists()


N_KILL = 3000


def test_killed_ingest_leaves_whole_articles_and_a_rerun_completes(tmp_path):
    lines = [
        json.dumps(
            {
                "text": f"Report {i}: about {100 + i} families fled Hajin toward Baghuz in Syria "
                f"on Monday, and {i + 3} fighters were detained near Deir ez-Zor.",
                "published": "2019-02-10",
                "outlet": "Kill test",
            }
        )
        for i in range(N_KILL)
    ]
    (tmp_path / "many.jsonl").write_text("\n".join(lines))
    db = tmp_path / "a.sqlite"
    command = [sys.executable, "-m", "geo", "ingest", str(tmp_path / "many.jsonl"), "--db", str(db)]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    stored_before_kill = 0
    deadline = time.monotonic() + 300
    while stored_before_kill < 20 and time.monotonic() < deadline:
        time.sleep(0.05)
        assert process.poll() is None, "the ingest finished before it could be killed"
        try:
            with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as conn:
                stored_before_kill = conn.execute("SELECT count(*) FROM articles").fetchone()[0]
        except sqlite3.OperationalError:
            continue  # not created or not migrated yet
    process.send_signal(signal.SIGKILL)
    process.wait()

    store = open_store(str(db))
    kept = store.articles()
    assert 20 <= len(kept) < N_KILL
    mentions = Counter(store.mentions()["article_id"])
    figures = Counter(store.figures()["article_id"])
    for text, article_id in zip(kept["text"], kept["id"], strict=True):
        found = extract(make_article(text))
        stored = (mentions[article_id], figures[article_id])
        assert stored == (len(found.places), len(found.figures))
    assert set(mentions) <= set(kept["id"]) and set(figures) <= set(kept["id"])
    store.close()

    rerun = json.loads(geo_cli("ingest", str(tmp_path / "many.jsonl"), "--db", str(db), "--json",
                               check=0).stdout)  # fmt: skip
    assert rerun["unchanged"] == len(kept) and rerun["added"] == N_KILL - len(kept)
    assert stats(str(db))["articles"] == N_KILL


def test_ingest_counts_and_per_record_failures_in_process(tmp_path):
    store = open_store(str(tmp_path / "a.sqlite"))
    article = make_article("Shelling hit Hajin on Monday.")
    records = [
        Record("a.txt", 1, article),
        Record("b.txt", 1, article),  # a duplicate within the run
        Record("c.csv", 4, error="no article text (empty)"),
        Record("d.txt", 1, make_article("Crashes the extractor.")),
    ]

    def extract_or_fail(a):
        if a.text.startswith("Crashes"):
            raise ValueError("boom")
        return extract(a)

    summary = ingest(records, store, extract=extract_or_fail)
    assert isinstance(summary, Summary)
    assert (summary.added, summary.unchanged, summary.failed) == (1, 1, 2)
    assert [str(f) for f in summary.failures] == [
        "c.csv record 4: no article text (empty)",
        "d.txt record 1: extraction failed: ValueError('boom')",
    ]


def test_an_article_the_database_refuses_is_rolled_back_alone_in_its_batch(url):
    store = open_store(url)
    texts = ["Shelling hit Hajin on Monday.", "300 people fled Raqqa on Monday.",
             "About 500 families fled Baghuz on Friday."]  # fmt: skip
    records = [Record(f"{n}.txt", 1, make_article(text)) for n, text in enumerate(texts)]

    def extract_badly(article):
        """Gives the Raqqa report a figure of no kind: the figures table refuses it (NOT NULL)."""
        found = extract(article)
        if "Raqqa" not in article.text:
            return found
        (figure,) = found.figures
        return dataclasses.replace(found, figures=(dataclasses.replace(figure, kind=None),))

    summary = ingest(records, store, extract=extract_badly)
    assert (summary.added, summary.unchanged, summary.failed) == (2, 0, 1)
    (failure,) = summary.failures
    assert failure.source == "1.txt" and "could not be stored" in failure.reason
    assert sorted(store.articles()["text"]) == sorted([texts[0], texts[2]])  # not half of Raqqa
    assert set(store.figures()["article_id"]) == {records[2].article.id}
    assert store.stored([r.article.id for r in records]) == {records[0].article.id,
                                                             records[2].article.id}  # fmt: skip
    again = ingest(records, store)
    assert (again.added, again.unchanged, again.failed) == (1, 2, 0)
    store.close()


def test_preview_tables_show_places_and_figures():
    text = "More than 2,000 people left the village of Baghuz in Syria on Friday, the SDF said."
    found = extract(make_article(text, published=date(2019, 3, 1)))
    places, figures = preview(found)
    assert list(places.columns) == ["text", "place", "kind", "governorate", "country", "confidence"]
    assert list(places["text"]) == [m.text for m in found.places]
    assert "Syria" in set(places["place"])
    assert list(figures.columns) == ["figure", "place", "from", "to", "sentence"]
    assert len(figures) == 1 and "2,000" in figures["figure"][0]


PASTED = (
    "BAGHUZ, Syria - More than 2,000 people left the village of Baghuz in Syria on Friday, "
    "the SDF said. <script>alert('pasted')</script>"
)


@pytest.fixture
def add_page(monkeypatch):
    """The Add articles page in AppTest, with the process-wide store cache emptied."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    def run(database_url: str, **env):
        monkeypatch.setenv("DATABASE_URL", database_url)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        st.cache_resource.clear()
        st.cache_data.clear()
        page = AppTest.from_file(str(ROOT / "pages" / "5_Add_articles.py"), default_timeout=120)
        return page.run()

    yield run
    st.cache_resource.clear()


def test_add_page_previews_pasted_text_then_saves_it(add_page, tmp_path):
    db = tmp_path / "atlas.sqlite"
    page = add_page(str(db))
    assert not page.exception and not page.warning
    page.text_area[0].input(PASTED)
    page.date_input[0].set_value(date(2019, 3, 1))
    page.text_input[0].input("Pasted Wire").run()
    assert not page.exception
    found = extract(make_article(PASTED, published=date(2019, 3, 1)))
    places, figures = len(found.places), len(found.figures)
    expected = f"Article 1: {places} places, {figures} figure{'s' * (figures != 1)}"
    assert page.expander[0].label == expected and found.figures
    assert page.subheader[0].value == "Found (1 article): check before saving"
    assert page.button[0].label == "Save 1 article"
    texts = [t.value for t in page.text]
    assert any("pasted text record 1" in t and "Pasted Wire" in t for t in texts)
    assert any("<script>alert('pasted')</script>" in t for t in texts)  # shown as plain text
    seeds = open_store(str(db)).stats()["articles"]
    page.button[0].click().run()
    assert page.success[0].value == "Added 1, already stored 0, failed 0."
    saved = open_store(str(db)).articles()
    assert len(saved) == seeds + 1
    assert "Pasted Wire" in set(saved["outlet"])


def test_add_page_keeps_additions_in_the_session_when_the_store_is_read_only(add_page, tmp_path):
    db = tmp_path / "atlas.sqlite"
    open_store(str(db)).close()
    page = add_page(str(db), ATLAS_READONLY="1")
    assert "stays in this browser session only" in page.warning[0].value
    page.text_area[0].input(PASTED).run()
    page.button[0].click().run()
    assert page.success[0].value.endswith("Kept in this session only.")
    session = page.session_state.session_store
    assert session.stats()["articles"] == 4  # 3 seeds + 1
    assert open_store(str(db)).stats()["articles"] == 0  # the shared file is untouched

    from streamlit.testing.v1 import AppTest

    articles = AppTest.from_file(str(ROOT / "pages" / "2_Articles.py"), default_timeout=120)
    articles.session_state["session_store"] = session  # the same browser session
    articles.session_state["session_key"] = page.session_state.session_key
    shown = articles.run().expander  # articles, and the review forms' history expanders
    labels = [e.label for e in shown if not e.label.startswith("History (")]
    assert len(labels) == 4 and any(make_article(PASTED).id in label for label in labels)


def test_add_page_lists_unreadable_input_with_its_reason(add_page, tmp_path):
    page = add_page(str(tmp_path / "atlas.sqlite"))
    page.text_area[0].input("---\npublished: 2999-01-01\n---\nShelling hit Hajin.").run()
    (table,) = page.dataframe
    assert list(table.value["reason"]) == ["publication date 2999-01-01 is in the future"]
    assert not page.button


def test_progress_bar_is_drawn_on_a_terminal(tmp_path):
    import fcntl
    import pty
    import struct
    import termios

    primary, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 100, 0, 0))  # 100 columns
    db = str(tmp_path / "a.sqlite")
    process = subprocess.Popen(
        [sys.executable, "-m", "geo", "ingest", str(BAD_INPUTS / "batch.jsonl"), "--db", db],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=terminal,
    )  # fmt: skip
    process.communicate(timeout=300)
    os.close(terminal)
    drawn = b""
    while chunk := _read_available(primary):
        drawn += chunk
    os.close(primary)
    assert b"ingest: " in drawn and b"6 records" in drawn  # 7 lines, one blank


def _read_available(fd: int) -> bytes:
    import select

    if not select.select([fd], [], [], 0.5)[0]:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:  # the terminal side is closed and drained
        return b""


@pytest.mark.browser
def test_add_page_shows_a_hostile_paste_as_text_and_runs_none_of_it(page, app_url):
    """In Chromium: paste the hostile article, open its preview; nothing it carries runs."""
    from atlas_data import HOSTILE

    page.goto(f"{app_url}/Add_articles")
    box = page.get_by_label("…or paste the text of an article")
    box.fill(HOSTILE.text)
    box.press("Control+Enter")
    page.get_by_text("Article 1:").click(timeout=60_000)
    shown = page.locator('[data-testid="stText"]').filter(
        has_text="<script>window.top.__atlasPwned = 1</script>"
    )
    shown.first.wait_for(timeout=30_000)
    assert page.evaluate("window.top.__atlasPwned") is None
    assert page.dialogs == []


OPEN_TOGETHER = """
import sys, time
from geo.store import SCHEMA_VERSION, open_store
folder, start, rounds = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
for round_ in range(rounds):
    while time.time() < start + 0.4 * round_:
        pass  # busy-wait: both processes leave the line within microseconds
    try:
        store = open_store(f"{folder}/new{round_}.sqlite", governorate_of=lambda *_: None)
        print("ok" if store.writable else store.note, flush=True)
    except Exception as exc:  # the failure is the result under test
        print(repr(exc), flush=True)
"""


def test_two_processes_creating_a_new_sqlite_store_together_both_succeed(tmp_path):
    """Before retries, 9 of 30 openers failed with 'database is locked' (switching to WAL)."""
    rounds, start = 15, time.time() + 5
    args = [sys.executable, "-c", OPEN_TOGETHER, str(tmp_path), str(start), str(rounds)]
    workers = [subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, text=True) for _ in "ab"]
    outcomes = [line for worker in workers for line in worker.communicate(timeout=300)[0].split()]
    assert outcomes == ["ok"] * (2 * rounds)
    for round_ in range(rounds):
        with sqlite3.connect(tmp_path / f"new{round_}.sqlite") as conn:
            assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone() == (
                SCHEMA_VERSION,
            )


def _corpus():
    """The bad-input corpus module (scripts/ is not a package: loaded by path)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "make_bad_inputs", ROOT / "scripts" / "make_bad_inputs.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_bad_input_corpus_stores_every_good_record_once_and_names_every_bad_one(url, tmp_path):
    corpus = _corpus()
    folder = tmp_path / "wild"
    corpus.write_corpus(folder)
    first = geo_cli("ingest", str(folder), "--db", url, "--json", check=1)
    summary = json.loads(first.stdout)
    failed = {
        (str(Path(f["source"]).relative_to(folder)), f["record"]): f["reason"]
        for f in summary["failures"]
    }
    expected_bad = {
        (n, r): why for n, case in corpus.EXPECTED.items() for r, why in case["bad"].items()
    }
    assert set(failed) == set(expected_bad)
    for where, fragment in expected_bad.items():
        assert fragment in failed[where], where
    assert (summary["added"], summary["unchanged"]) == (corpus.good_count(), 0)
    assert len(summary["encodings"]) >= len(corpus.EXPECTED) - 1  # all but the broken link
    flagged = {(Path(w["source"]).name, w["reason"]) for w in summary["warnings"]}
    assert ("stray_byte.txt", "undecodable bytes in utf-8 replaced with U+FFFD") in flagged
    stray = next(v for k, v in summary["encodings"].items() if k.endswith("stray_byte.txt"))
    assert stray.startswith("utf-8") and "1 undecodable bytes replaced" in stray

    store = open_store(url)
    texts = store.articles()["text"].tolist()
    assert any(
        "Bāghūz" in t and "stray" in t for t in texts
    )  # UTF-8 kept, not re-read as a code page
    assert any("utf32 Bāghūz" in t for t in texts) and any("utf16 Hajin" in t for t in texts)
    assert any("Line\u2028separator" in t for t in texts) and any(
        "Next\u0085line" in t for t in texts
    )
    assert sum("quote" in t for t in texts) == 3  # the unbalanced row merged nothing
    assert len(texts) == len(set(texts)) == corpus.good_count()
    titles = store.articles().set_index("title")
    assert str(titles.loc["From the sidecar", "published"]) == "2019-03-12"
    store.close()

    again = json.loads(geo_cli("ingest", str(folder), "--db", url, "--json", check=1).stdout)
    assert (again["added"], again["unchanged"]) == (0, corpus.good_count())
    assert stats(url)["articles"] == corpus.good_count()


def test_two_ingests_started_together_on_a_new_sqlite_file_both_succeed(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for n in range(6):
        (folder / f"a{n}.txt").write_text(f"Report {n}: 300 people fled Raqqa on Monday.")
    db = str(tmp_path / "new.sqlite")
    command = [sys.executable, "-m", "geo", "ingest", str(folder), "--db", db, "--json"]
    runs = [subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) for _ in "ab"]
    summaries = [json.loads(run.communicate(timeout=300)[0]) for run in runs]
    assert [run.returncode for run in runs] == [0, 0]
    assert sum(s["added"] for s in summaries) == 6
    assert all(s["added"] + s["unchanged"] == 6 and not s["failed"] for s in summaries)
    assert stats(db)["articles"] == 6


def test_output_piped_to_a_reader_that_stops_early_gives_no_traceback(tmp_path):
    """``python -m geo lookup X | head -1``: the reader closes the pipe before we write."""
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the command prints anything
    result = subprocess.run(
        [sys.executable, "-m", "geo", "lookup", "Raqqa"],
        cwd=ROOT,
        stdout=write,
        stderr=subprocess.PIPE,
        text=True,
        timeout=120,
    )
    os.close(write)
    assert "Traceback" not in result.stderr
    assert result.returncode == 1


def test_an_ingest_leaves_a_whole_sqlite_file_that_can_be_copied_alone(tmp_path):
    """The store is closed at the end: no write-ahead log holding the last batches beside it."""
    db = tmp_path / "atlas.sqlite"
    geo_cli("ingest", str(ROOT / "data" / "articles"), "--db", str(db), "--workers", "1", check=0)
    assert not Path(f"{db}-wal").exists()
    copy = tmp_path / "copy.sqlite"
    copy.write_bytes(db.read_bytes())
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 3
