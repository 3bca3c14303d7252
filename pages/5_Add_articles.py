"""Add articles: upload files or paste a text, check the places and figures found, then save.

Article text, titles and file names are user input: they are shown only in
tables and plain-text elements, never as HTML or Markdown.
"""

from datetime import date

import pandas as pd
import streamlit as st

import dashboard
from geo.ingest import ingest, preview
from geo.limits import MAX_REQUEST_ARTICLES, MAX_REQUEST_CHARS, within_budget
from geo.readers import SUFFIXES, Metadata, Source, read_sources, read_text
from geo.store import StoreUnavailable

st.set_page_config(page_title="Add articles · Conflict News Atlas", page_icon="➕", layout="wide")
st.title("Add articles")

try:
    target = dashboard.writable_store()
except StoreUnavailable:
    dashboard.outage().failed()
    target = None
    st.warning(
        "The shared store cannot be reached right now, so nothing can be saved; you can still "
        "check what the reader finds. Saving works again by itself when the store is back.",
        icon="🔌",
    )
else:
    if target.writable:
        st.caption("Articles are saved to the shared store: everyone using this app will see them.")
    else:
        st.warning(
            "This app cannot save articles for everyone: what you add here stays in this browser "
            "session only (other users will not see it, and it is gone when you close the tab).",
            icon="⚠️",
        )
        st.text(target.note)

files = st.file_uploader(
    "Files: .txt (with an optional <name>.json / .csv sidecar), .html, .csv, .jsonl, .json",
    type=sorted(s.lstrip(".") for s in SUFFIXES),
    accept_multiple_files=True,
)
pasted = st.text_area("…or paste the text of an article", height=150)
left, middle, right = st.columns(3)
published = left.date_input(
    "Publication date, where the file gives none", value=None, max_value=date.today()
)
outlet = middle.text_input("Outlet, where the file gives none")
title = right.text_input("Title of the pasted text")


def _count(number: int, word: str) -> str:
    """ "1 article", "2 articles": the page counts what it found in words a reader expects."""
    return f"{number} {word}{'' if number == 1 else 's'}"


defaults = Metadata(outlet=outlet.strip(), published=published)
sources = [Source(f.name, f.size, f.getvalue()) for f in files or []]
records = list(read_sources(sources, defaults))
if pasted.strip():
    pasted_defaults = Metadata(title=title.strip()).under(defaults)
    records.append(read_text(pasted, "pasted text", pasted_defaults, today=date.today()))

failed = [r for r in records if r.article is None]
good, over = within_budget([(r, len(r.article.text)) for r in records if r.article is not None])
if failed:
    st.subheader(f"Not readable ({len(failed)})")
    rows = [(r.source, r.number, r.error) for r in failed]
    st.dataframe(pd.DataFrame(rows, columns=["file", "record", "reason"]), hide_index=True)

if over:
    st.subheader(f"Not read here ({len(over)})")
    st.caption(
        f"This page reads at most {MAX_REQUEST_CHARS:,} characters and {MAX_REQUEST_ARTICLES} "
        "articles at a time (the app's processors are shared by everyone using it). Add these "
        "in a later batch, or with `python -m geo ingest` on your own machine."
    )
    rows = [(r.source, r.number, f"{len(r.article.text):,} characters") for r in over]
    st.dataframe(pd.DataFrame(rows, columns=["file", "record", "size"]), hide_index=True)

if good:
    st.subheader(f"Found ({_count(len(good), 'article')}): check before saving")
for number, record in enumerate(good, start=1):
    article = record.article
    places, figures = preview(dashboard.extraction(article))
    found = f"{_count(len(places), 'place')}, {_count(len(figures), 'figure')}"
    with st.expander(f"Article {number}: {found}"):
        st.text(
            f"{record.where}\n{article.title or '(no title)'}\n{article.outlet or '(no outlet)'}"
            f" · {article.published or 'no publication date'}"
        )
        for warning in record.warnings:
            st.text(f"Note: {warning}")
        st.dataframe(places, hide_index=True)
        st.dataframe(figures, hide_index=True)
        st.text(article.text[:2000] + ("…" if len(article.text) > 2000 else ""))

if (
    good
    and target is not None
    and st.button(f"Save {_count(len(good), 'article')}", type="primary")
):
    summary = ingest(good, target, extract=dashboard.extraction)
    st.success(
        f"Added {summary.added}, already stored {summary.unchanged}, failed {summary.failed}."
        + ("" if target.writable else " Kept in this session only.")
    )
    if summary.failures:
        st.dataframe(pd.DataFrame([vars(f) for f in summary.failures]), hide_index=True)
