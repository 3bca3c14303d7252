"""The frame every page shares: cached data access and the sidebar filters, mirrored in the URL.

Pages call :func:`sidebar` first and then ask :func:`selection` for the filtered
frames (or one of :func:`articles`, :func:`mentions`, :func:`figures`, keyed by
:func:`version` so that an addition to the store is never hidden by the cache).

The filters live in session state as one :class:`~geo.filters.Filters` record;
widgets are seeded from it, write it back on change, and every run writes it to
``st.query_params`` so a copied link (and switching pages, which clears the
query string) keeps the view.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING, TypeVar
from uuid import uuid4

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo.escaping import safe, safe_label
from geo.figures import KINDS
from geo.filters import (
    Filters,
    chosen_by_level,
    date_control,
    location_choices,
    parse_query,
    to_query,
)
from geo.maps import CHART_COLOURS, display_boundaries
from geo.outage import Outage
from geo.pipeline import EXTRACTOR_VERSION
from geo.regions import first_level_label
from geo.review_access import PASSPHRASE, Access, access, hosted
from geo.reviews import Review, detached, history_frame, merged, shown, unreviewed, within
from geo.store import FRAME_COLUMNS, StoreUnavailable

T = TypeVar("T")

if TYPE_CHECKING:  # the pipeline is imported when an article is first extracted
    from geo.articles import Article
    from geo.pipeline import Extraction


def _secret(name: str) -> str | None:
    """A Streamlit secret, or None when the app has no secrets file."""
    try:
        return st.secrets.get(name)
    except FileNotFoundError:
        return None


def _url() -> str | None:
    """Where the store is: $DATABASE_URL, else the DATABASE_URL secret, else the default file."""
    return os.environ.get("DATABASE_URL") or _secret("DATABASE_URL")


@st.cache_resource(show_spinner="Opening the store…")
def _open(url: str | None):
    """One store per location; an empty one (even the in-memory fallback) gets the seeds.

    An unreachable server raises :class:`~geo.store.StoreUnavailable`, which
    Streamlit does not cache: the next run tries again, so an app started
    during an outage finds the real store once it is back.
    """
    from geo.store import open_store

    opened = open_store(url, fallback=False)
    opened.seed_if_empty()
    return opened


@st.cache_resource
def outage() -> Outage:
    """The store's outage state, shared by every session of this app process."""
    return Outage()


def store():
    """This session's own copy when the shared store cannot be written and the Add page made
    one (additions stay in the session), else the shared store."""
    return st.session_state.get("session_store") or _open(_url())


def writable_store():
    """Where the Add page saves: the shared store, or when that cannot be written this
    session's own copy, made on first use (every page then reads it, see :func:`store`)."""
    shared = _open(_url())
    if shared.writable:
        return shared
    if "session_store" not in st.session_state:
        st.session_state.session_store = shared.session_copy()
        st.session_state.session_key = uuid4().hex  # a new cache key: version()
    return st.session_state.session_store


@st.cache_data(show_spinner="Finding places and figures…", max_entries=256)
def extraction(article: Article) -> Extraction:
    """An article's places and figures, so that the Add page's preview and save extract once."""
    from geo.pipeline import extract

    return extract(article)


def version() -> tuple[str | None, str | None, int | None, int, int]:
    """Which store, how many articles, how many of them an older extractor read, and how
    many reviews.

    Cached frames are keyed by it, so none is stale: an ingest changes the
    count, a ``reextract`` the number of articles left to re-read, a saved review the
    number of reviews.  During an outage it is the last count read, so the frames read
    before it are still served from the cache.
    """
    older = reviewed = 0
    try:
        count = int(store().stats()["articles"])
        older = store().outdated(EXTRACTOR_VERSION)
        reviewed = store().review_count()
    except StoreUnavailable:
        outage().failed()
        count = outage().last_count
    else:
        outage().answered(count)
    return _url(), st.session_state.get("session_key"), count, older, reviewed


def _during_outage(read: Callable[[], T], empty: T) -> T:
    """``read()``, or ``empty`` when the store cannot be reached (the outage is recorded)."""
    try:
        return read()
    except StoreUnavailable:
        outage().failed()
        return empty


def _empty(what: str) -> pd.DataFrame:
    return pd.DataFrame(columns=FRAME_COLUMNS[what])


@st.cache_data(show_spinner=False, max_entries=64)
def _articles(filters: Filters, data_version: tuple) -> pd.DataFrame:
    return store().articles(filters)


@st.cache_data(show_spinner=False, max_entries=64)
def _mentions(filters: Filters, data_version: tuple) -> pd.DataFrame:
    return _reviewed(store().mentions(filters), "mention", filters, data_version)


@st.cache_data(show_spinner=False, max_entries=64)
def _figures(filters: Filters, data_version: tuple) -> pd.DataFrame:
    return _reviewed(store().figures(filters), "figure", filters, data_version)


@st.cache_data(show_spinner=False, max_entries=8)
def _reviews(data_version: tuple) -> tuple[Review, ...]:
    return tuple(store().reviews())


def reviews(data_version: tuple) -> tuple[Review, ...]:
    """Every stored review, oldest first (none while the store cannot be reached)."""
    return _during_outage(lambda: _reviews(data_version), ())


def _reviewed(found: pd.DataFrame, target: str, filters: Filters, data_version: tuple):
    """The review hook: the store's rows with the reviews applied (geo.reviews.merged).

    A reviewed row is judged on its reviewed values, so it comes from the whole store
    with reviews applied (the cached unfiltered frame), kept where the filters select it.
    """
    every = _reviews(data_version)
    if not every:
        return unreviewed(found)
    if filters == Filters():
        from geo.reviews import apply

        return apply(found, every, target)
    locations = _choices(data_version)[0] if filters.places else None
    countries = (
        set(locations.loc[(locations["level"] == "country")
                          & locations["id"].isin(filters.places), "country"])
        if locations is not None else set()
    )  # fmt: skip
    everything = (_figures if target == "figure" else _mentions)(Filters(), data_version)
    return merged(found, everything, every, target, lambda f: within(f, filters, target, countries))


def articles(filters: Filters, data_version: tuple) -> pd.DataFrame:
    return _during_outage(lambda: _articles(filters.query(), data_version), _empty("articles"))


def mentions(filters: Filters, data_version: tuple, *, rejected: bool = False) -> pd.DataFrame:
    """The selected mentions with their reviews; ``rejected`` keeps those a reviewer
    said are no place (the review forms list them; maps and counts do not).  "Reviewed
    only" is about figures: the places stay, so the map still shows where things are."""
    frame = _during_outage(lambda: _mentions(filters.query(), data_version), _empty("mentions"))
    return shown(frame, rejected=rejected)


def figures(filters: Filters, data_version: tuple, *, rejected: bool = False) -> pd.DataFrame:
    """The selected figures with their reviews; ``rejected`` keeps those a reviewer
    rejected (the Figures table and its downloads list them; the map does not draw them)."""
    frame = _during_outage(lambda: _figures(filters.query(), data_version), _empty("figures"))
    return shown(frame, reviewed_only=filters.reviewed, rejected=rejected)


@st.cache_data(show_spinner=False, max_entries=8)
def _detached(data_version: tuple) -> pd.DataFrame:
    every = _reviews(data_version)
    lost = detached(every, _figures(Filters(), data_version), _mentions(Filters(), data_version))
    return history_frame(lost)


def detached_reviews(data_version: tuple) -> pd.DataFrame:
    """Reviews whose figure or mention a re-read no longer finds (geo.reviews.detached)."""
    return _during_outage(lambda: _detached(data_version), history_frame(()))


def review_passphrase() -> str | None:
    """The reviewer passphrase: $REVIEW_PASSPHRASE, else the secret of that name."""
    return os.environ.get(PASSPHRASE) or _secret(PASSPHRASE)


def review_access() -> Access:
    """Who may save reviews in this app (geo.review_access)."""
    shared = _during_outage(lambda: _open(_url()).writable, False)
    return access(hosted(shared), review_passphrase())


def selection(filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The articles, mentions and figures the filters select (cached)."""
    data_version = version()
    return (
        articles(filters, data_version),
        mentions(filters, data_version),
        figures(filters, data_version),
    )


@st.cache_resource(show_spinner=False)
def governorate_shapes() -> dict:
    """The display outlines of governorates, for the provinces articles name."""
    return display_boundaries("governorates")


@st.cache_data(show_spinner=False)
def _choices(data_version: tuple) -> tuple[pd.DataFrame, list[str], tuple[date, date]]:
    """Locations, outlets and the date span on offer: from the whole store, not the selection."""
    from geo.boundaries import governorates

    shapes = governorates()
    names = dict(zip(shapes["id"], shapes["name"], strict=True))
    locations = location_choices(_mentions(Filters(), data_version), names)
    everything = _articles(Filters(), data_version)
    outlets = sorted(o for o in everything["outlet"].dropna().unique() if o)
    published = pd.to_datetime(everything["published"], errors="coerce").dropna()
    span = (
        (published.min().date(), published.max().date())
        if not published.empty
        else (date.today(), date.today())
    )
    return locations, outlets, span


def _seed_widgets(filters: Filters, locations: pd.DataFrame, dates: tuple[date, date]) -> None:
    """Set every widget from the record (before the widgets are drawn in this run)."""
    st.session_state.w_dates = dates
    for level, chosen in chosen_by_level(filters.places, locations).items():
        st.session_state[f"w_{level}"] = chosen
    st.session_state.w_kind = list(filters.kinds)
    st.session_state.w_outlet = list(filters.outlets)
    st.session_state.w_reviewed = filters.reviewed


def _from_widgets(span: tuple[date, date]) -> Filters:
    """The record the widgets describe; the narrowest location level chosen wins."""
    dates = tuple(st.session_state.w_dates or ())  # one date while a range is half picked
    start = dates[0] if dates else None
    end = dates[1] if len(dates) > 1 else None
    places = (
        st.session_state.w_place or st.session_state.w_governorate or st.session_state.w_country
    )
    return Filters(
        start=None if start == span[0] else start,
        end=None if end == span[1] else end,
        places=tuple(places),
        kinds=tuple(st.session_state.w_kind),
        outlets=tuple(st.session_state.w_outlet),
        as_of=st.session_state.filters.as_of,  # set by the map's time control, not the sidebar
        reviewed=st.session_state.w_reviewed,
    )


def show_as_of(day: date | None) -> None:
    """Draw the map as of ``day`` (None: every claim); the URL follows on this run."""
    st.session_state.filters = replace(st.session_state.filters, as_of=day)


def pick_place(place_id: str) -> None:
    """Filter every page to one place (a button callback); the widgets follow the record."""
    st.session_state.filters = replace(st.session_state.filters, places=(place_id,))


def sidebar() -> Filters:
    """Draw the shared filters and return the current selection.

    On a session's first run, and when the browser's Back or Forward button
    brought an earlier address back, the query string is parsed (bad values
    become notices shown above the page); otherwise the record in session state
    rules: widgets are set from it, their callbacks update it, and the query
    string is written from it.
    """
    nothing = (location_choices(_empty("mentions"), {}), [], (date.today(),) * 2)
    locations, outlets, span = _during_outage(lambda: _choices(version()), nothing)
    if "filters" not in st.session_state or _through_history():
        filters, notices = parse_query(
            _query_string(), places=set(locations["id"]), kinds=KINDS, outlets=outlets
        )
        st.session_state.filters, st.session_state.notices = filters, notices
    dates = date_control(st.session_state.filters, span)
    # Every run, because Streamlit resets widgets when the page changes, even with the same keys.
    _seed_widgets(st.session_state.filters, locations, dates.value)

    def changed() -> None:
        st.session_state.filters = _from_widgets(span)
        st.session_state.notices = ()

    label = dict(zip(locations["id"], locations["label"], strict=True))
    countries = locations[locations["level"] == "country"]
    with st.sidebar:
        st.header("Filters")
        st.date_input(
            "Dates", key="w_dates", on_change=changed, format="YYYY-MM-DD",
            min_value=dates.min_value, max_value=dates.max_value,
        )  # fmt: skip
        st.multiselect(
            "Country", list(countries["id"]), key="w_country",
            format_func=label.get, on_change=changed,
        )  # fmt: skip
        st.multiselect(
            first_level_label(locations, st.session_state.w_country),
            _within(locations, "governorate", st.session_state.w_governorate,
                    st.session_state.w_country),
            key="w_governorate", format_func=label.get, on_change=changed,
        )  # fmt: skip
        st.multiselect(
            "Place",
            _within(locations, "place", st.session_state.w_place, st.session_state.w_country,
                    st.session_state.w_governorate),
            key="w_place", format_func=label.get, on_change=changed,
        )  # fmt: skip
        st.multiselect(
            "Figure kind", list(KINDS), key="w_kind", on_change=changed,
            format_func=lambda k: k.replace("_", " "),
        )  # fmt: skip
        st.multiselect("Outlet", outlets, key="w_outlet", on_change=changed)
        st.checkbox(
            "Reviewed only", key="w_reviewed", on_change=changed,
            help="Only the figures a reviewer confirmed, corrected or added.",
        )  # fmt: skip
        note = _during_outage(lambda: store().note, "")
        if note:
            st.caption(safe_label(note))
        if older := version()[3]:
            st.caption(
                f"{older:,} stored {'article was' if older == 1 else 'articles were'} read by an "
                "older version of the reader: their "
                "places and figures may differ from what it finds now. `python -m geo reextract` "
                "re-reads them."
            )
    if unreachable := outage().notice():
        st.warning(unreachable, icon="🔌")
    for notice in (*st.session_state.notices, *dates.notices):
        plain_notice(notice)
    query = to_query(st.session_state.filters)
    if _query_string() != {k: v if isinstance(v, list) else [v] for k, v in query.items()}:
        st.query_params.from_dict(query)
    return st.session_state.filters


NOTICE_STYLE = (
    "background:rgba(255,189,69,0.2);color:rgb(146,108,5);border-radius:0.5rem;"
    "padding:0.75rem 1rem;margin:0 0 0.5rem 0;"
)


def kind_colour(kinds: pd.Series) -> alt.Color:
    """The charts' colour channel for figure kinds: the map's colours, so a kind looks alike."""
    domain = sorted(kinds.unique())
    return alt.Color(
        "kind:N",
        scale=alt.Scale(domain=domain, range=[CHART_COLOURS.get(k, "#999999") for k in domain]),
    )


def plain_notice(text: str) -> None:
    """A warning that quotes what a link or a user typed: escaped HTML, never Markdown.

    Streamlit's warnings are Markdown, and even with every punctuation mark
    escaped its renderer turns a bare ``https://…`` into a clickable link: a
    crafted shared link could show every visitor a phishing link.
    """
    st.html(f'<div class="atlas-notice" role="alert" style="{NOTICE_STYLE}">⚠️ {safe(text)}</div>')


def _through_history() -> bool:
    """Whether this run is the browser's Back or Forward button.

    Streamlit 1.67 pushes a history entry each time ``st.query_params`` changes
    the address, and on ``popstate`` reruns the page with the entry's query
    string, flagged as a history navigation: the filters are then read from that
    address, or the record would write the newer filters straight back over it.
    """
    context = get_script_run_ctx()
    return bool(context and context.is_history_navigation)


def _query_string() -> dict[str, list[str]]:
    """The page's query string, every value as a list (names are repeatable)."""
    return {name: st.query_params.get_all(name) for name in st.query_params}


def _within(
    locations: pd.DataFrame,
    level: str,
    selected: list[str],
    countries: list[str],
    governorates: list[str] = (),
) -> list[str]:
    """Ids of ``level`` inside the chosen countries / governorates (all when none chosen).

    What is already selected stays on offer, so narrowing a parent never
    invalidates a widget's value.
    """
    rows = locations[locations["level"] == level]
    if countries:
        codes = set(locations.loc[locations["id"].isin(countries), "country"])
        rows = rows[rows["country"].isin(codes)]
    if governorates:
        rows = rows[rows["governorate_id"].isin(governorates)]
    ids = list(rows["id"])
    return ids + [s for s in selected if s not in ids]
