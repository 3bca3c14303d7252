"""Hostile review input is refused or made safe; the CSV round trip and the CLI, per-row errors.

Places are checked against the bundled gazetteer (the lookup ``python -m geo lookup`` runs);
the store is a real SQLite file holding ``test_store``'s hand-built report.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import replace
from datetime import date, timedelta

import pytest
from hostile import PAYLOADS
from test_store import BAGHUZ_REPORT, governorate_of

from geo.cli import main
from geo.review_csv import export_csv, read_csv
from geo.review_input import (
    NAME_LIMIT,
    NOTE_LIMIT,
    BadReview,
    clean,
    default_checkers,
    find_words,
    note,
    review_of,
    reviewer_name,
)
from geo.reviews import ROW_COLUMNS, make_review
from geo.store import open_store

TODAY = date.today()
ARTICLE = BAGHUZ_REPORT.article.id
FIRST = BAGHUZ_REPORT.figures[0]


@pytest.fixture(scope="module")
def check():
    return default_checkers(TODAY)


def test_names_and_notes_lose_control_characters_and_are_length_limited():
    assert reviewer_name(" Ana\x00\x1b[31m \u202eevil\n") == "Ana[31m evil"
    assert note("line one\nline\ttwo\x07") == "line one\nline\ttwo"
    with pytest.raises(BadReview, match="at most 80"):
        reviewer_name("x" * (NAME_LIMIT + 1))
    with pytest.raises(BadReview, match="at most 1,000"):
        note("x" * (NOTE_LIMIT + 1))
    with pytest.raises(BadReview, match="name"):
        reviewer_name(" \x01 ")
    assert clean(PAYLOADS["html_img"], 200, "x") == PAYLOADS["html_img"]  # kept, escaped on show


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("kind", "massacre", "not a figure kind"),
        ("unit", "goats", "not a unit"),
        ("modality", "rumoured", "not a modality"),
        ("hedge", "a zillion", "not a hedge"),
        ("bounds", {"value": "many"}, "not a number"),
        ("bounds", {"value": 10, "low": 20}, "out of order"),
        ("bounds", {"value": float("nan")}, "finite"),
        ("bounds", {"value": 5, "high": "1e999"}, "finite"),
        ("bounds", "12", "value, low and high"),
        ("period", {"date_start": "2019-02-30"}, "not a date"),
        ("period", {"date_end": (TODAY + timedelta(days=1)).isoformat()}, "in the future"),
        ("period", {"date_start": "2019-03-02", "date_end": "2019-03-01"}, "after it ends"),
        ("precision", 7, "not 1"),
        ("precision", 1.5, "not 1"),
        ("place", "Zzqxv Nowherebad", "not in the gazetteer"),
        ("place", "", "a place is needed"),
        ("status", "approved", "not a status"),
    ],
)
def test_bad_values_are_refused_with_a_reason(check, field, value, message):
    with pytest.raises(BadReview, match=message):
        check[field](value)


def test_good_values_are_normalised(check):
    assert check["bounds"]({"value": "20,000", "low": 20000}) == {
        "value": 20000.0, "low": 20000.0, "high": None,
    }  # fmt: skip
    assert check["hedge"]("More than") == "More than" and check["hedge"]("") == ""
    assert check["period"]({"date_start": "2019-02-01", "date_end": ""}) == {
        "date_start": "2019-02-01", "date_end": None,
    }  # fmt: skip
    hajin = check["place"]("Hajin")
    assert hajin["name"] == "Hajīn" and hajin["country"] == "SY" and hajin["governorate_id"]
    assert check["place"](hajin["place_id"]) == hajin  # by id too


def test_a_review_of_a_row_keeps_what_it_showed_as_the_old_value(check):
    row = {"article_id": ARTICLE, "start": FIRST.start, "end": FIRST.end, "kind": "displaced",
           "review_status": "machine-read"}  # fmt: skip
    review = review_of(row, "figure", "correct", "kind", "refugees", "Ana", "", check)
    assert (review.old, review.new, review.field) == ("displaced", "refugees", "kind")
    confirm = review_of(row, "figure", "confirm", "", None, "Ana", "ok", check)
    assert (confirm.field, confirm.old, confirm.new) == ("status", "machine-read", "confirmed")
    with pytest.raises(BadReview, match="no field"):
        review_of(row, "mention", "correct", "kind", "killed", "Ana", "", check)


def test_added_figure_words_must_be_in_the_article():
    text = BAGHUZ_REPORT.article.text
    assert find_words(text, "Fighters held") == (text.index("Fighters"), text.index(" Hajin"))
    with pytest.raises(BadReview, match="not in the article"):
        find_words(text, "ten thousand goats")


@pytest.fixture
def db(tmp_path):
    url = str(tmp_path / "atlas.sqlite")
    store = open_store(url, governorate_of=governorate_of)
    store.add(BAGHUZ_REPORT)
    store.close()
    return url


def _review(note_text="", reviewer="Ana", **kw):
    return make_review(ARTICLE, "figure", (FIRST.start, FIRST.end), "kind", "correct",
                       "displaced", "refugees", reviewer, note_text, **kw)  # fmt: skip


def test_export_neutralises_formulas_and_import_round_trips(check):
    reviews = [_review(PAYLOADS["formula_equals"], reviewer="@SUM(1,2)")]
    text = export_csv(reviews)
    row = next(csv.DictReader(io.StringIO(text)))
    assert row["note"].startswith("'=HYPERLINK") and row["reviewer"] == "'@SUM(1,2)"
    back = read_csv(text, has_article={ARTICLE}.__contains__, stored=(), check=check, today=TODAY)
    assert back.errors == () and back.reviews == tuple(reviews)  # same id, time and values
    again = read_csv(text, has_article={ARTICLE}.__contains__, stored={reviews[0].id},
                     check=check, today=TODAY)  # fmt: skip
    assert (again.reviews, again.already) == ((), 1)


def _csv(rows: list[dict]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, ROW_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def test_the_cli_imports_good_rows_reports_bad_ones_by_line_and_exports(db, tmp_path, capsys):
    good = {"article_id": ARTICLE, "target": "figure", "start": FIRST.start, "end": FIRST.end,
            "field": "place", "action": "correct", "new_value": "Hajin", "reviewer": "Ana",
            "note": PAYLOADS["script_close"]}  # fmt: skip
    future = (date.today() + timedelta(days=3)).isoformat()
    rows = [
        good,
        {**good, "field": "kind", "new_value": "massacre"},
        {**good, "new_value": "Zzqxv Nowherebad"},
        {**good, "field": "period", "new_value": json.dumps({"date_start": future})},
        {**good, "article_id": "nosucharticle"},
        {**good, "start": "x"},
        {**good, "field": "kind", "new_value": "killed", "reviewer": "Ben"},
    ]
    source = tmp_path / "in.csv"
    source.write_text(_csv(rows), encoding="utf-8")
    assert main(["reviews", "import", str(source), "--db", db]) == 1
    out = capsys.readouterr().out
    assert "imported 2, already stored 0, refused 5" in out
    for line, reason in [(3, "figure kind"), (4, "gazetteer"), (5, "future"), (6, "article"),
                         (7, "whole numbers")]:  # fmt: skip
        assert f"line {line}: " in out and reason in out.split(f"line {line}: ")[1].split("\n")[0]
    stored = open_store(db).reviews()
    assert [(r.field, r.reviewer) for r in stored] == [("place", "Ana"), ("kind", "Ben")]
    assert stored[0].new["name"] == "Hajīn" and stored[0].note == PAYLOADS["script_close"]
    exported = tmp_path / "out.csv"
    assert main(["reviews", "export", str(exported), "--db", db]) == 0
    assert main(["reviews", "import", str(exported), "--db", db]) == 0
    assert "imported 0, already stored 2" in capsys.readouterr().out


def test_the_cli_lists_reviews_a_re_read_detached(db, capsys):
    store = open_store(db, governorate_of=governorate_of)
    second = BAGHUZ_REPORT.figures[1]
    lost = make_review(ARTICLE, "figure", (second.start, second.end), "status", "confirm",
                       "machine-read", "confirmed", "Ana")  # fmt: skip
    store.add_review(lost)
    store.add_review(_review())
    assert main(["reviews", "detached", "--db", db]) == 0
    assert json.loads(capsys.readouterr().out) == []
    store.replace(replace(BAGHUZ_REPORT, figures=BAGHUZ_REPORT.figures[:1], extractor="next"))
    assert main(["reviews", "detached", "--db", db]) == 0
    assert [r["id"] for r in json.loads(capsys.readouterr().out)] == [lost.id]
