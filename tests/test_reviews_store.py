"""Reviews on both backends: saved as history, applied on read, undone, concurrent, re-read.

The rows are the hand-built records of ``test_store`` (real gazetteer ids and
coordinates), stored through the real Store on SQLite and, when
``DATABASE_URL_TEST`` is set, PostgreSQL.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from test_store import BAGHUZ_REPORT, COUNTRY, HAJIN, RAQQA_REPORT, governorate_of

from geo.reviews import apply, detached, field_value, history, make_review, shown, undo
from geo.store import open_store

ARTICLE = BAGHUZ_REPORT.article.id
FIRST = BAGHUZ_REPORT.figures[0]  # "20,000" displaced, at Baghuz
SPAN = (FIRST.start, FIRST.end)
HAJIN_COLUMNS = {
    "place_id": HAJIN.id, "geonameid": HAJIN.geonameid, "name": HAJIN.name, "kind": HAJIN.kind,
    "lat": HAJIN.lat, "lon": HAJIN.lon, "country": HAJIN.country, "admin1": HAJIN.admin1,
    "governorate_id": governorate_of(HAJIN),
}  # fmt: skip


def _open(url):
    return open_store(url, governorate_of=governorate_of, country_of=COUNTRY.get)


@pytest.fixture
def store(url):
    s = _open(url)
    s.add(BAGHUZ_REPORT)
    s.add(RAQQA_REPORT)
    yield s
    s.close()


def _row(frame, span=SPAN):
    at = (frame["article_id"] == ARTICLE) & (frame["start"] == span[0]) & (frame["end"] == span[1])
    rows = frame[at]
    assert len(rows) == 1, rows
    return rows.iloc[0]


def _review(field, old, new, action="correct", who="ana", target="figure", span=SPAN, **kw):
    return make_review(ARTICLE, target, span, field, action, old, new, who, **kw)


def test_a_fresh_store_has_no_review_and_every_row_is_machine_read(store):
    assert store.reviews() == [] and store.review_count() == 0
    figures = apply(store.figures(), store.reviews(), "figure")
    assert set(figures["review_status"]) == {"machine-read"}


def test_confirm_reject_and_correct_are_stored_and_applied(store):
    machine = _row(store.figures()).to_dict()
    second = BAGHUZ_REPORT.figures[1]
    raqqa = RAQQA_REPORT.figures[0]
    old_place = field_value(machine, "figure", "place")
    store.add_review(_review("place", old_place, HAJIN_COLUMNS, note="<b>n</b>"))
    store.add_review(
        _review("status", "machine-read", "rejected", "reject", span=(second.start, second.end))
    )
    confirm = make_review(RAQQA_REPORT.article.id, "figure", (raqqa.start, raqqa.end), "status",
                          "confirm", "machine-read", "confirmed", "ben")  # fmt: skip
    store.add_review(confirm)
    reviews = store.reviews()
    assert [r.id for r in reviews] == [r.id for r in sorted(reviews, key=lambda r: r.created)]
    assert reviews[0].note == "<b>n</b>" and reviews[0].created.tzinfo is not None
    figures = apply(store.figures(), reviews, "figure")
    corrected = _row(figures)
    assert corrected["review_status"] == "corrected" and corrected["reviewer"] == "ana"
    assert (corrected["place_id"], corrected["lat"]) == (HAJIN.id, HAJIN.lat)
    assert corrected["place_kind"] == HAJIN.kind and corrected["place_basis"] == "review"
    assert _row(figures, (second.start, second.end))["review_status"] == "rejected"
    raqqa_row = figures[figures["article_id"] == RAQQA_REPORT.article.id].iloc[0]
    assert raqqa_row["review_status"] == "confirmed" and raqqa_row["reviewer"] == "ben"
    assert len(shown(figures)) == len(figures) - 1  # the rejected one is not drawn
    assert set(shown(figures, reviewed_only=True)["review_status"]) == {"corrected", "confirmed"}


def test_undo_restores_the_old_value_and_both_stay_in_the_history(store):
    machine = _row(store.figures()).to_dict()
    bounds = {"value": 25000, "low": 25000, "high": None}
    change = _review("bounds", field_value(machine, "figure", "bounds"), bounds)
    store.add_review(change)
    assert _row(apply(store.figures(), store.reviews(), "figure"))["value"] == 25000
    store.add_review(undo(change, "ben", note="misread"))
    figures = apply(store.figures(), store.reviews(), "figure")
    row = _row(figures)
    assert row["value"] == machine["value"] and row["review_status"] == "machine-read"
    past = history(store.reviews(), "figure", (ARTICLE, *SPAN))
    assert [(r.action, r.reviewer) for r in past] == [("correct", "ana"), ("undo", "ben")]
    assert past[1].new == past[0].old


def test_a_period_and_kind_correction_and_an_added_figure(store):
    text = BAGHUZ_REPORT.article.text
    start = text.index("Fighters held")
    added = {"kind": "fighters", "value": 1, "low": 1, "high": 1, "unit": "people", "hedge": "",
             "text": "Fighters", "label": "Fighters", "sentence": "Fighters held Hajin.",
             "date_start": "2019-02-01", "date_end": "2019-02-03", "modality": "reported",
             **{k: v for k, v in HAJIN_COLUMNS.items() if k != "kind"}, "place_kind": HAJIN.kind,
             "outlet": "AP", "published": "2019-02-20", "title": "t", "url": ""}  # fmt: skip
    store.add_review(_review("figure", None, added, "add", span=(start, start + 13)))
    store.add_review(_review("period", None, {"date_start": "2019-02-10", "date_end": None}))
    store.add_review(_review("kind", "displaced", "refugees"))
    figures = apply(store.figures(), store.reviews(), "figure")
    new = _row(figures, (start, start + 13))
    assert new["review_status"] == "added" and new["date_start"] == date(2019, 2, 1)
    corrected = _row(figures)
    assert corrected["kind"] == "refugees" and corrected["date_start"] == date(2019, 2, 10)
    assert corrected["review_status"] == "corrected"


def test_mentions_are_rejected_or_given_another_place(store):
    baghuz, syria, _ = BAGHUZ_REPORT.places
    store.add_review(_review("status", "machine-read", "rejected", "reject", target="mention",
                             span=(syria.start, syria.end)))  # fmt: skip
    store.add_review(_review("place", None, HAJIN_COLUMNS, target="mention",
                             span=(baghuz.start, baghuz.end)))  # fmt: skip
    mentions = apply(store.mentions(), store.reviews(), "mention")
    moved = _row(mentions, (baghuz.start, baghuz.end))
    assert (moved["place_id"], moved["kind"], moved["review_status"]) == (
        HAJIN.id,
        HAJIN.kind,
        "corrected",
    )
    assert _row(mentions, (syria.start, syria.end))["review_status"] == "rejected"
    assert "Syria" not in set(shown(mentions)["text"])


def test_two_reviewers_saving_at_once_both_succeed_and_the_later_wins(url, store):
    others = [_open(url) for _ in range(2)]
    now = datetime.now(UTC)
    reviews = [
        _review("kind", "displaced", kind, who=who, created=now + timedelta(milliseconds=i))
        for i, (who, kind) in enumerate([("ana", "refugees"), ("ben", "returned")])
    ]
    barrier = threading.Barrier(2)
    errors = []

    def save(s, review):
        barrier.wait()
        try:
            s.add_review(review)
        except Exception as exc:  # reported below: the test must see it, not the thread
            errors.append(exc)

    threads = [
        threading.Thread(target=save, args=pair) for pair in zip(others, reviews, strict=True)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    stored = store.reviews()
    assert [r.reviewer for r in stored] == ["ana", "ben"]
    row = _row(apply(store.figures(), stored, "figure"))
    assert (row["kind"], row["reviewer"]) == ("returned", "ben")
    for s in others:
        s.close()


def test_reviews_survive_a_re_read_and_a_lost_span_is_listed_detached(store):
    second = BAGHUZ_REPORT.figures[1]
    store.add_review(_review("status", "machine-read", "confirmed", "confirm"))
    lost = _review("kind", "fighters", "detained", span=(second.start, second.end))
    store.add_review(lost)
    # the new reading no longer finds the second figure ("Fighters"): it is swapped out
    reread = replace(BAGHUZ_REPORT, figures=BAGHUZ_REPORT.figures[:1], extractor="next")
    assert store.replace(reread)
    reviews = store.reviews()
    assert len(reviews) == 2  # nothing dropped
    figures = apply(store.figures(), reviews, "figure")
    assert _row(figures)["review_status"] == "confirmed"
    assert [r.id for r in detached(reviews, store.figures(), store.mentions())] == [lost.id]
    assert store.reviews([RAQQA_REPORT.article.id]) == [] and store.reviews([]) == []


def test_a_real_re_read_keeps_reviews_on_their_spans_and_lists_the_lost_one(url):
    """An older reading stored with one figure's span off by a word; ``reextract`` (the real
    pipeline) reads the article again: that figure's review is detached, the other kept."""
    from geo.articles import load_bundled
    from geo.pipeline import extract
    from geo.reextract import reextract

    store = open_store(url)
    reading = extract(load_bundled()[0])
    kept, shifted = reading.figures[0], reading.figures[1]
    moved = replace(shifted, start=shifted.start + 1, text=shifted.text[1:])
    store.add(replace(reading, figures=(kept, moved, *reading.figures[2:]), extractor="old"))
    article = reading.article.id
    on_kept = make_review(article, "figure", (kept.start, kept.end), "kind", "correct",
                          kept.kind, "refugees", "Ana")  # fmt: skip
    on_moved = make_review(article, "figure", (moved.start, moved.end), "status", "confirm",
                           "machine-read", "confirmed", "Ben")  # fmt: skip
    store.add_review(on_kept)
    store.add_review(on_moved)
    assert detached(store.reviews(), store.figures(), store.mentions()) == []
    assert reextract(store).reread == 1
    reviews = store.reviews()
    assert {r.id for r in reviews} == {on_kept.id, on_moved.id}  # nothing dropped
    assert [r.id for r in detached(reviews, store.figures(), store.mentions())] == [on_moved.id]
    figures = apply(store.figures(), reviews, "figure")
    row = figures[(figures["start"] == kept.start) & (figures["end"] == kept.end)].iloc[0]
    assert (row["kind"], row["review_status"]) == ("refugees", "corrected")
    store.close()
