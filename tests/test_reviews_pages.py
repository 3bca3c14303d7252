"""Every review action on the pages under AppTest, hosted mode and its passphrase, hostile notes.

Each test reviews a private copy of ``atlas_data``'s store (seeds + the hostile article),
so the reviews it saves never reach the other page tests.
"""

from __future__ import annotations

import sqlite3

import pytest
from atlas_data import notices, store_url
from atlas_data import run_page as _page
from hostile import PAYLOADS
from streamlit.testing.v1 import AppTest

from geo.review_access import PASSPHRASE, REFUSED
from geo.store import open_store

FORM = "figures_review"


@pytest.fixture
def db(tmp_path, monkeypatch):
    """A copy of the test store, used by the app through DATABASE_URL."""
    path = tmp_path / "atlas.sqlite"
    source = sqlite3.connect(store_url().removeprefix("sqlite:///"))
    with sqlite3.connect(path) as copy:
        source.backup(copy)
    source.close()
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{path}")
    monkeypatch.delenv(PASSPHRASE, raising=False)
    monkeypatch.delenv("ATLAS_READONLY", raising=False)
    return str(path)


def _figures_table(app: AppTest):
    return app.dataframe[0].value


def _choose(app: AppTest, printed: str, form: str = FORM) -> int:
    """Pick the figure whose label starts with the printed words in the review form."""
    box = app.selectbox(key=f"{form}_row")
    index = next(i for i, label in enumerate(box.options) if label.startswith(printed))
    box.select_index(index).run()
    return index


def _save(app: AppTest, form: str = FORM, name: str = "Ana", note: str = "") -> AppTest:
    app.text_input(key=f"{form}_name").input(name)
    app.text_area(key=f"{form}_note").input(note)
    app.button(key=f"{form}_save").click().run()
    assert not app.exception, app.exception
    return app


def _row(app: AppTest, printed: str):
    """The Figures table's row of the figure printed as ``printed`` (its first words)."""
    table = _figures_table(app)
    return table[table["printed"].str.startswith(printed)].iloc[0]


def _status(app: AppTest, printed: str) -> str:
    return _row(app, printed)["review_status"]


def _reviews(db: str):
    return open_store(db).reviews()


def test_confirm_and_reject_on_the_figures_page_show_in_the_table_and_the_map(db):
    app = _page("pages/1_Figures.py")
    assert set(_figures_table(app)["review_status"]) == {"machine-read"}
    figures_before = int({m.label: m.value for m in _page("app.py").metric}["Figures"])
    _choose(app, "nearly 40,000")
    app.radio(key=f"{FORM}_action").set_value("confirm").run()
    _save(app, note=PAYLOADS["html_img"])
    assert _status(app, "nearly 40,000") == "confirmed"
    _choose(app, "More than 5,000")  # the hostile article's figure
    app.radio(key=f"{FORM}_action").set_value("reject").run()
    _save(app, name="Ben")
    assert _status(app, "More than 5,000") == "rejected"  # listed, marked rejected
    row = _row(app, "nearly 40,000")
    assert row["reviewer"] == "Ana" and row["reviewed_at"].startswith("20")
    assert [(r.field, r.new, r.reviewer) for r in _reviews(db)] == [
        ("status", "confirmed", "Ana"), ("status", "rejected", "Ben"),
    ]  # fmt: skip
    home = _page("app.py")
    metrics = {m.label: m.value for m in home.metric}
    assert int(metrics["Figures"]) == figures_before - 1  # the rejected one is not drawn
    assert any("1 reviewed" in c.value for c in home.caption)


def test_correcting_a_place_uses_the_gazetteer_lookup_and_undo_puts_it_back(db):
    app = _page("pages/1_Figures.py")
    _choose(app, "nearly 40,000")
    before = _row(app, "nearly 40,000")["place"]
    app.radio(key=f"{FORM}_action").set_value("correct").run()
    app.selectbox(key=f"{FORM}_field").set_value("place").run()
    app.text_input(key=f"{FORM}_place_place_q").input("Hajin").run()
    choice = app.selectbox(key=f"{FORM}_place_place")
    assert "Hajīn" in choice.options[choice.index]
    _save(app)
    row = _row(app, "nearly 40,000")
    assert (row["place"], row["review_status"]) == ("Hajīn", "corrected")
    _choose(app, "nearly 40,000")
    app.radio(key=f"{FORM}_action").set_value("undo").run()
    _save(app, name="Ben")
    row = _row(app, "nearly 40,000")
    assert (row["place"], row["review_status"]) == (before, "machine-read")
    assert [r.action for r in _reviews(db)] == ["correct", "undo"]


def test_bad_bounds_are_refused_and_nothing_is_saved(db):
    app = _page("pages/1_Figures.py")
    _choose(app, "nearly 40,000")
    app.radio(key=f"{FORM}_action").set_value("correct").run()
    app.selectbox(key=f"{FORM}_field").set_value("bounds").run()
    app.text_input(key=f"{FORM}_bounds_value").input("=1+1")
    _save(app)
    assert any("Not saved" in n and "not a number" in n for n in notices(app))
    app.text_input(key=f"{FORM}_bounds_value").input("50")
    app.text_input(key=f"{FORM}_bounds_low").input("60")
    _save(app)
    assert any("out of order" in n for n in notices(app))
    assert _reviews(db) == []


def test_a_map_popup_link_opens_the_form_on_its_figure_and_reviewed_only_filters(db):
    store = open_store(db)
    figure = store.figures().iloc[3]
    link = f"{figure['article_id']}:{int(figure['start'])}:{int(figure['end'])}"
    app = _page("pages/1_Figures.py", review=link)
    box = app.selectbox(key=f"{FORM}_row")
    assert box.options[box.index].startswith(figure["label"])
    assert not notices(app)  # "review" is a known parameter
    app.radio(key=f"{FORM}_action").set_value("confirm").run()
    _save(app)
    app.sidebar.checkbox(key="w_reviewed").check().run()
    assert list(_figures_table(app)["review_status"]) == ["confirmed"]
    assert app.query_params["reviewed"] == ["1"] or app.query_params["reviewed"] == "1"


def test_the_articles_page_rejects_a_mention_and_adds_a_missed_figure(db):
    app = _page("pages/2_Articles.py")
    article = open_store(db).articles().iloc[0]
    form = f"m_{article['id']}"
    _choose(app, "Syria", form)
    app.radio(key=f"{form}_action").set_value("reject").run()
    _save(app, form=form)
    assert _reviews(db)[-1].target == "mention" and _reviews(db)[-1].new == "rejected"
    add = f"a_{article['id']}"
    words = article["text"][article["text"].index("Syria") : article["text"].index("Syria") + 5]
    app.text_input(key=f"{add}_words").input("no such words in it")
    _save(app, form=add)
    assert any("not in the article" in n for n in notices(app))
    app.text_input(key=f"{add}_words").input(words)
    app.selectbox(key=f"{add}_kind").set_value("other")
    app.text_input(key=f"{add}_bounds_value").input("1")
    _save(app, form=add)
    added = _reviews(db)[-1]
    assert (added.action, added.field, added.new["text"], added.new["kind"]) == (
        "add", "figure", "Syria", "other",
    )  # fmt: skip
    figures = _page("pages/1_Figures.py")
    assert "added" in set(_figures_table(figures)["review_status"])


def test_hosted_without_a_passphrase_offers_no_review_action(db, monkeypatch):
    monkeypatch.setenv("ATLAS_READONLY", "1")
    app = _page("pages/1_Figures.py")
    assert not [b for b in app.button if b.key == f"{FORM}_save"]
    assert any("read-only" in i.value for i in app.info)
    assert not app.get("radio")


def test_a_passphrase_is_asked_for_and_a_wrong_one_saves_nothing(db, monkeypatch):
    monkeypatch.setenv(PASSPHRASE, "correct horse battery")
    app = _page("pages/1_Figures.py")
    assert not [b for b in app.button if b.key == f"{FORM}_save"]
    app.text_input[0].input("Ana's guess")  # the passphrase field (type password)
    app.button[0].click().run()
    assert any(REFUSED in n for n in notices(app)) and not app.get("radio")
    assert "correct horse battery" not in str(app.query_params)
    app.text_input[0].input("correct horse battery")
    app.button[0].click().run()
    _choose(app, "nearly 40,000")
    app.radio(key=f"{FORM}_action").set_value("confirm").run()
    _save(app)
    assert [r.new for r in _reviews(db)] == ["confirmed"]
    html = "".join(e.proto.body for e in app.get("html"))
    assert "correct horse battery" not in html


def test_hostile_notes_and_names_are_never_rendered_as_markup(db):
    app = _page("pages/1_Figures.py")
    _choose(app, "nearly 40,000")
    app.radio(key=f"{FORM}_action").set_value("confirm").run()
    name = PAYLOADS["script_close"][:80]
    _save(app, name=name, note=" ".join(PAYLOADS.values())[:1000])
    html = "".join(e.proto.body for e in app.get("html"))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;/script&gt;" in html  # the confirmation names the reviewer, escaped
    markdown = " ".join(e.value for e in (*app.markdown, *app.caption))
    assert "<script>" not in markdown and "49" not in markdown
    history = app.dataframe[-1].value  # the figure's history: a table, shown as plain text
    assert history["note"].iloc[-1].startswith(PAYLOADS["jinja_expression"])
    assert history["reviewer"].iloc[-1] == _reviews(db)[0].reviewer == name.strip()


@pytest.mark.parametrize(
    ("field", "inputs", "column", "expected"),
    [
        ("kind", {"select": "refugees"}, "kind", "refugees"),
        ("unit", {"select": "families"}, "unit", "families"),
        ("modality", {"select": "expected"}, "modality", "expected"),
        ("precision", {"select": 2}, "precision", 2),
        ("hedge", {"text": "almost"}, "hedge", "almost"),
        ("bounds", {"value": "41000", "low": "", "high": "41000"}, "value", 41000),
        ("period", {"start": "2019-02-01", "end": "2019-02-10"}, "period",
         "2019-02-01 – 2019-02-10"),
    ],
)  # fmt: skip
def test_each_field_of_a_figure_can_be_corrected_on_the_figures_page(
    db, field, inputs, column, expected
):
    app = _page("pages/1_Figures.py")
    _choose(app, "nearly 40,000")
    app.radio(key=f"{FORM}_action").set_value("correct").run()
    app.selectbox(key=f"{FORM}_field").set_value(field).run()
    widget = f"{FORM}_{field}"
    for part, value in inputs.items():
        if part == "select":
            app.selectbox(key=widget).set_value(value)
        else:
            app.text_input(key=widget if part == "text" else f"{widget}_{part}").input(value)
    _save(app)
    assert not notices(app), notices(app)
    row = _row(app, "nearly 40,000")
    assert (row[column], row["review_status"]) == (expected, "corrected")
    assert [r.field for r in _reviews(db)] == [field]


def test_a_place_name_gets_another_place_on_the_articles_page(db):
    app = _page("pages/2_Articles.py")
    article = open_store(db).articles().iloc[0]
    form = f"m_{article['id']}"
    _choose(app, "Syria", form)
    app.radio(key=f"{form}_action").set_value("correct").run()
    app.selectbox(key=f"{form}_field").set_value("place").run()
    app.text_input(key=f"{form}_place_place_q").input("Iraq").run()
    _save(app, form=form)
    review = _reviews(db)[-1]
    assert (review.target, review.field, review.new["kind"], review.old["name"]) == (
        "mention", "place", "country", "Syria",
    )  # fmt: skip
    box = app.selectbox(key=f"{form}_row")
    assert box.options[box.index].endswith("[corrected]")


def test_a_detached_review_is_listed_on_the_figures_page(db):
    from geo.reviews import make_review

    store = open_store(db)
    article = store.articles().iloc[0]["id"]
    lost = make_review(article, "figure", (0, 3), "status", "confirm", "machine-read",
                       "confirmed", "Ana", PAYLOADS["markdown_link"])  # fmt: skip
    store.add_review(lost)  # as if a re-read had moved the figure it confirmed
    app = _page("pages/1_Figures.py")
    listed = [e for e in app.expander if e.label.startswith("Detached reviews (1)")]
    assert listed
    table = app.dataframe[-1].value
    assert list(table["id"]) == [lost.id] and table["note"].iloc[0] == PAYLOADS["markdown_link"]


def test_after_a_save_the_form_stays_on_the_place_name_just_reviewed(db):
    """Under a place filter a corrected mention moved to the end of its article's list, and
    the browser keeps a selectbox's choice by position: the form then showed another name
    (AppTest follows the label, so the test checks the position), and a second save
    reviewed that one."""
    app = _page("pages/2_Articles.py", place="163843")  # Syria
    article = open_store(db).articles().iloc[0]
    form = f"m_{article['id']}"
    labels = app.selectbox(key=f"{form}_row").options  # AppTest picks by label: a unique one
    place = labels.index("Syrian → Syria [machine-read]")
    assert labels.count(labels[place]) == 1 and place < len(labels) - 1  # not the last
    app.selectbox(key=f"{form}_row").select_index(place).run()
    app.radio(key=f"{form}_action").set_value("correct").run()
    app.selectbox(key=f"{form}_field").set_value("place").run()
    app.text_input(key=f"{form}_place_place_q").input("Raqqa").run()
    _save(app, form=form)
    box = app.selectbox(key=f"{form}_row")
    assert box.index == place and box.options[place].endswith("[corrected]")  # where it was


def test_a_name_printed_twice_in_an_article_can_be_reviewed_at_either_place(db):
    """Equal labels ("U.S. → United States" four times) let only the last be chosen."""
    app = _page("pages/2_Articles.py")
    article = open_store(db).articles().iloc[0]
    form = f"m_{article['id']}"
    labels = app.selectbox(key=f"{form}_row").options
    first = labels.index("U.S. → United States [machine-read] (1 of 4)")
    assert "U.S. → United States [machine-read] (4 of 4)" in labels
    app.selectbox(key=f"{form}_row").select_index(first).run()
    _save(app, form=form)  # confirm
    mentions = open_store(db).mentions()
    named = mentions[(mentions["article_id"] == article["id"]) & (mentions["text"] == "U.S.")]
    assert _reviews(db)[-1].start == named["start"].min()
