"""The review forms the Figures and Articles pages share: confirm, reject, correct, undo, add.

Streamlit code, so not in ``geo/``: each form draws its widgets, builds the review with
:mod:`geo.review_input` (which checks every value the reviewer typed), and saves it where
the Add page saves (:func:`dashboard.writable_store`).  Whether a session may save at all is
:func:`gate`'s question (:mod:`geo.review_access`).  Reviewer input is shown only in tables,
option lists and escaped HTML, never as Markdown.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

import pandas as pd
import streamlit as st

import dashboard
from geo.escaping import safe
from geo.figures import KINDS, MODALITIES, UNITS
from geo.review_access import REFUSED, passphrase_ok
from geo.review_input import (
    NOTE_LIMIT,
    BadReview,
    added_figure,
    default_checkers,
    find_words,
    note,
    review_of,
    reviewer_name,
)
from geo.reviews import FIELDS, Review, history, history_frame, make_review, undo
from geo.store import StoreUnavailable
from geo.summary import period_text

ACTIONS = {"confirm": "Confirm", "reject": "Reject", "correct": "Correct", "undo": "Undo last"}
FIELD_LABELS = {
    "kind": "kind", "bounds": "bounds (value, low, high)", "hedge": "hedge", "unit": "unit",
    "place": "place", "precision": "precision", "period": "period", "modality": "modality",
}  # fmt: skip


@st.cache_resource(show_spinner="Loading the gazetteer…")
def _checkers(today) -> dict:
    """The value checkers, over the bundled gazetteer (loaded once per app process and day)."""
    return default_checkers(today)


def _check() -> dict:
    return _checkers(pd.Timestamp.now(tz="UTC").date())


def gate() -> bool:
    """Whether this session may save reviews: draws the read-only notice or the passphrase
    form when it may not (yet).  The passphrase is never kept, shown or put in the URL."""
    rule = dashboard.review_access()
    if rule.mode == "open" or st.session_state.get("review_unlocked"):
        return True
    if rule.mode == "closed":
        st.info(rule.reason, icon="🔒")
        return False
    with st.form("review_unlock", clear_on_submit=True):
        given = st.text_input("Reviewer passphrase", type="password")
        if st.form_submit_button("Unlock reviewing"):
            if passphrase_ok(given, dashboard.review_passphrase() or ""):
                st.session_state.review_unlocked = True
                st.rerun()
            dashboard.plain_notice(REFUSED)
    st.caption(rule.reason)
    return False


def linked_target() -> tuple[str, int, int] | None:
    """The figure a link asks to review (``?review=ARTICLE:START:END``, from a map popup),
    read before the sidebar rewrites the query string; None when absent or malformed."""
    if "review" in st.query_params:
        parts = st.query_params.get("review", "").split(":")
        ok = len(parts) == 3 and parts[1].isdigit() and parts[2].isdigit()
        st.session_state.review_target = (parts[0], int(parts[1]), int(parts[2])) if ok else None
    return st.session_state.get("review_target")


def _save(build: Callable[[], Review]) -> None:
    """Check and save a review; say what happened above the form on the next run."""
    try:
        review = build()
        dashboard.writable_store().add_review(review)
    except BadReview as exc:
        dashboard.plain_notice(f"Not saved: {exc}")
        return
    except StoreUnavailable:
        dashboard.outage().failed()
        dashboard.plain_notice("Not saved: the store cannot be reached now; try again later.")
        return
    st.session_state.reviewer = review.reviewer
    st.session_state.review_saved = f"Saved: {review.action} {review.field} by {review.reviewer}."
    st.rerun()


def saved_notice() -> None:
    """The confirmation of the last save (set before the rerun that shows it)."""
    if saved := st.session_state.pop("review_saved", None):
        st.html(f"<p role='status'>✅ {safe(saved)}</p>")


def _label(row: dict, target: str) -> str:
    status = row.get("review_status", "machine-read")
    if target == "mention":
        place = row.get("name") if isinstance(row.get("name"), str) else "not in the gazetteer"
        return f"{row['text']} → {place} [{status}]"
    place = row.get("name") if isinstance(row.get("name"), str) else "no place"
    period = period_text(row.get("date_start"), row.get("date_end"))
    return f"{row['label']} ({row['kind']}) · {place} · {period} [{status}]"


def _distinct(labels: list[str]) -> list[str]:
    """``labels`` with "(1 of 2)", "(2 of 2)" after those written alike (a town named twice
    in one article): the browser picks a selectbox choice by its label, so of two equal
    labels only the last could be chosen, and the review went to the other mention."""
    total = Counter(labels)
    seen: Counter = Counter()
    distinct = []
    for label in labels:
        seen[label] += 1
        distinct.append(
            label if total[label] == 1 else f"{label} ({seen[label]} of {total[label]})"
        )
    return distinct


def _key(row: dict) -> tuple[str, int, int]:
    return (row["article_id"], int(row["start"]), int(row["end"]))


def _text(label: str, value: object, key: str) -> str:
    shown = "" if value is None or (not isinstance(value, str) and pd.isna(value)) else value
    return st.text_input(label, value=str(shown), key=key)


def place_input(key: str, current: object = None) -> str:
    """A gazetteer lookup box: the name typed, then a choice among the ranked candidates."""
    from geo.gazetteer import default_gazetteer

    query = st.text_input("Place: a name to look up, or a gazetteer id", key=f"{key}_place_q",
                          placeholder=str(current or ""))  # fmt: skip
    if not query.strip():
        return ""
    found = default_gazetteer().lookup(query.strip()[:200], limit=8)
    if not found:
        st.caption("No place of that name in the gazetteer.")
        return ""
    labels = {c.place.id: f"{c.place.name} ({c.place.kind}, {c.place.admin1 or '?'}, "
              f"{c.place.country or '?'}) · id {c.place.id}" for c in found}  # fmt: skip
    return st.selectbox("Which place", list(labels), format_func=labels.get, key=f"{key}_place")


def value_input(field: str, row: dict, key: str) -> object:
    """The widget(s) for a new value of ``field``, seeded with what the row says now."""
    key = f"{key}_{field}"
    pick = {"kind": KINDS, "unit": UNITS, "modality": MODALITIES}
    if field in pick:
        options = list(pick[field])
        now = row.get(field)
        return st.selectbox(field.capitalize(), options, key=key,
                            index=options.index(now) if now in options else 0)  # fmt: skip
    if field == "precision":
        options = [None, 1, 2, 3]
        now = row.get("precision")
        index = options.index(int(now)) if now in (1, 2, 3) else 0
        return st.selectbox(
            "Precision (1 town, 2 area, 3 country)", options, index=index, key=key,
            format_func=lambda p: "none" if p is None else str(p),
        )  # fmt: skip
    if field == "bounds":
        left, middle, right = st.columns(3)
        with left:
            value = _text("Value", row.get("value"), f"{key}_value")
        with middle:
            low = _text("Low (empty: open)", row.get("low"), f"{key}_low")
        with right:
            high = _text("High (empty: open)", row.get("high"), f"{key}_high")
        return {"value": value, "low": low, "high": high}
    if field == "period":
        left, right = st.columns(2)
        with left:
            start = _text("From (YYYY-MM-DD)", row.get("date_start"), f"{key}_start")
        with right:
            end = _text("To (YYYY-MM-DD)", row.get("date_end"), f"{key}_end")
        return {"date_start": start, "date_end": end}
    if field == "place":
        return place_input(key, row.get("name"))
    return _text("Hedge as printed (empty: none)", row.get("hedge"), key)


def _who(key: str) -> tuple[str, str]:
    """The reviewer's name (remembered for the session) and an optional note."""
    if f"{key}_name" not in st.session_state:
        st.session_state[f"{key}_name"] = st.session_state.get("reviewer", "")
    name = st.text_input("Reviewer name", key=f"{key}_name", max_chars=80)
    text = st.text_area("Note (optional)", key=f"{key}_note", max_chars=NOTE_LIMIT, height=68)
    return name, text


def review_panel(
    rows: pd.DataFrame,
    target: str,
    key: str,
    allowed: bool,
    chosen: tuple[str, int, int] | None = None,
) -> None:
    """Pick one figure / mention of ``rows`` (reviews applied), see its history, review it.

    The choices are in an order no review changes (publication, article, offset): the
    browser keeps a selectbox's choice by position, and a corrected row moves in ``rows``,
    so after a save the form showed, and a second save reviewed, another figure.
    """
    if rows.empty:
        return
    steady = rows.sort_values(["published", "article_id", "start"], na_position="last")
    records = steady.to_dict("records")
    keys = [_key(r) for r in records]
    index = keys.index(chosen) if chosen in keys else 0
    labels = _distinct([_label(r, target) for r in records])
    i = st.selectbox(
        f"{target.capitalize()} to review", range(len(records)), index=index, key=f"{key}_row",
        format_func=labels.__getitem__,
    )  # fmt: skip
    row = records[i]
    past = history(dashboard.reviews(dashboard.version()), target, keys[i])
    if row.get("reviewer"):
        st.caption(f"{row['review_status']} · {len(past)} review(s), last by the name below")
        st.text(f"{row['reviewer']} · {row['reviewed_at']}")
    with st.expander(f"History ({len(past)})"):
        st.dataframe(history_frame(past).drop(columns=["id", "article_id", "target"]),
                     hide_index=True)  # fmt: skip
    if not allowed:
        return
    action = st.radio("Action", list(ACTIONS), format_func=ACTIONS.get, horizontal=True,
                      key=f"{key}_action")  # fmt: skip
    field, value = "", None
    if action == "correct":
        fields = [f for f in FIELDS[target] if f in FIELD_LABELS]
        field = st.selectbox("Field", fields, format_func=FIELD_LABELS.get, key=f"{key}_field")
        value = value_input(field, row, key)
    name, text = _who(key)
    if st.button("Save review", key=f"{key}_save", type="primary"):
        _save(lambda: _built(row, target, action, field, value, name, text, past))


def _built(row, target, action, field, value, name, text, past) -> Review:
    if action != "undo":
        return review_of(row, target, action, field, value, name, text, _check())
    if not past:
        raise BadReview("there is nothing to undo: no review of this one yet")
    return undo(past[-1], reviewer_name(name), note(text))


def add_figure_panel(article, key: str) -> None:
    """Add a figure the reader missed: the exact words pasted from the text, and its values."""
    words = st.text_input("The figure's exact words, pasted from the text", key=f"{key}_words")
    row: dict = {"kind": "displaced", "unit": "people", "modality": "reported"}
    values = {f: value_input(f, row, key) for f in ("kind", "bounds", "unit", "hedge")}
    values["place"] = place_input(key)
    values["period"] = value_input("period", {"date_start": article.published}, key)
    values["modality"] = value_input("modality", row, key)
    values["precision"] = value_input("precision", {}, key)
    name, text = _who(key)
    if st.button("Add this figure", key=f"{key}_save", type="primary"):
        info = {"outlet": article.outlet, "published": article.published, "title": article.title,
                "url": article.url}  # fmt: skip

        def build() -> Review:
            span = find_words(article.text, words)
            figure = added_figure(article.text, span, values, info, _check())
            return make_review(article.id, "figure", span, "figure", "add", None, figure,
                               reviewer_name(name), note(text))  # fmt: skip

        _save(build)
