"""The frame every page shares: cached data access and the sidebar filters, mirrored in the URL.

Pages call :func:`sidebar` first and then ask for what they show, cached and
keyed by :func:`version` so that an addition to the store is never hidden:
counts and per-place aggregates of the whole selection, counted by the
database (:mod:`geo.aggregates`), and bounded frames of rows (the map's newest
reports, a page of the table or of the articles), never every row of a large
store.

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
from functools import partial
from typing import TYPE_CHECKING, TypeVar
from uuid import uuid4

import altair as alt
import pandas as pd
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from geo import aggregates
from geo.aggregates import NamedPlace, without_kinds
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
from geo.maps import (
    CHART_COLOURS,
    NamedPoint,
    display_boundaries,
    gazetteer_place,
    movement_place_ids,
)
from geo.outage import Outage
from geo.pipeline import EXTRACTOR_VERSION
from geo.regions import first_level_label
from geo.review_access import PASSPHRASE, Access, access, hosted
from geo.reviews import Review, detached, history_frame, merged, shown, unreviewed, within
from geo.store import FRAME_COLUMNS, StoreUnavailable
from geo.summary import PLACE_COLUMNS, Overview, figures_table, needs_main_place

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
    st.session_state.pop(_RUN_VERSION, None)  # a save follows: count again
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
    before it are still served from the cache.  Three indexed counts, read once per run
    (:func:`sidebar` starts each page's run afresh, :func:`writable_store` each save):
    at 100,000 articles the five reads of a run were 50 ms.
    """
    if (counted := st.session_state.get(_RUN_VERSION)) is not None:
        return counted
    older = reviewed = 0
    try:
        count = store().count_articles()
        older = store().outdated(EXTRACTOR_VERSION)
        reviewed = store().review_count()
    except StoreUnavailable:
        outage().failed()
        count = outage().last_count
    else:
        outage().answered(count)
    counted = _url(), st.session_state.get("session_key"), count, older, reviewed
    st.session_state[_RUN_VERSION] = counted
    return counted


_RUN_VERSION = "_version_this_run"


def _during_outage(read: Callable[[], T], empty: T) -> T:
    """``read()``, or ``empty`` when the store cannot be reached (the outage is recorded)."""
    try:
        return read()
    except StoreUnavailable:
        outage().failed()
        return empty


def _empty(what: str) -> pd.DataFrame:
    return pd.DataFrame(columns=FRAME_COLUMNS[what])


MAP_ARTICLES = 150
"""Articles whose places the map draws at most (the newest of the selection)."""
MAP_FIGURES = 150
"""Figures the map draws at most (the newest by period): each carries its sentence, and
the map must stay a page a browser opens at once (1.5 MB), whatever the store holds."""
TABLE_ROWS = 1_000
"""Figures the Figures page lists at most; its downloads hold every one."""
ARTICLES_PER_PAGE = 25


@st.cache_data(show_spinner=False, max_entries=64)
def _articles(
    filters: Filters, data_version: tuple, limit: int | None, offset: int = 0
) -> pd.DataFrame:
    return store().articles(filters, limit=limit, offset=offset)


@st.cache_data(show_spinner=False, max_entries=64)
def _mentions(
    filters: Filters, data_version: tuple, article_ids: tuple[str, ...] | None = None
) -> pd.DataFrame:
    found = store().mentions(filters, article_ids=article_ids)
    return _reviewed(found, "mention", filters, data_version, article_ids)


@st.cache_data(show_spinner=False, max_entries=64)
def _figures(
    filters: Filters,
    data_version: tuple,
    limit: int | None = None,
    article_ids: tuple[str, ...] | None = None,
) -> pd.DataFrame:
    found = store().figures(filters, limit=limit, article_ids=article_ids)
    return _reviewed(found, "figure", filters, data_version, article_ids)


@st.cache_data(show_spinner=False, max_entries=8)
def _reviews(data_version: tuple) -> tuple[Review, ...]:
    return tuple(store().reviews())


def reviews(data_version: tuple) -> tuple[Review, ...]:
    """Every stored review, oldest first (none while the store cannot be reached)."""
    return _during_outage(lambda: _reviews(data_version), ())


def _reviewed_articles(data_version: tuple) -> tuple[str, ...]:
    """The ids of the articles some review is about (sorted: one cache key)."""
    return tuple(sorted({r.article_id for r in _reviews(data_version)}))


def _reviewed(
    found: pd.DataFrame,
    target: str,
    filters: Filters,
    data_version: tuple,
    article_ids: tuple[str, ...] | None,
) -> pd.DataFrame:
    """The review hook: the store's rows with the reviews applied (geo.reviews.merged).

    A reviewed row is judged on its reviewed values, so it comes from the reviewed
    articles' rows with reviews applied (one cached read of those articles only, never
    the whole store), kept where the filters select it.  A read of some articles gets
    only their reviews (a figure added to another article is not theirs).
    """
    every = _reviews(data_version)
    if article_ids is not None:
        wanted = set(article_ids)
        every = tuple(r for r in every if r.article_id in wanted)
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
    read = _figures if target == "figure" else _mentions
    everything = read(Filters(), data_version, article_ids=_reviewed_articles(data_version))
    return merged(found, everything, every, target, lambda f: within(f, filters, target, countries))


@st.cache_data(show_spinner=False, max_entries=8)
def _detached(data_version: tuple) -> pd.DataFrame:
    every = _reviews(data_version)
    ids = _reviewed_articles(data_version)
    figures = _figures(Filters(), data_version, article_ids=ids)
    lost = detached(every, figures, _mentions(Filters(), data_version, article_ids=ids))
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


@st.cache_data(show_spinner=False, max_entries=64)
def _aggregate(name: str, filters: Filters, data_version: tuple):
    """One :mod:`geo.aggregates` function of the selection (small results: counts, one row
    per place), cached by the filters it depends on."""
    return getattr(aggregates, name)(store(), filters)


def count(what: str, filters: Filters, data_version: tuple) -> int:
    """How many articles, figures or places the filters select (0 during an outage)."""
    selects = filters.query() if what == "figures" else without_kinds(filters)
    return _during_outage(lambda: _aggregate(f"count_{what}", selects, data_version), 0)


def aggregate(name: str, filters: Filters, data_version: tuple) -> pd.DataFrame:
    """``geo.aggregates.<name>`` of the mentions the filters select (place counts, the
    place review, unresolved names), empty during an outage."""
    empty = pd.DataFrame(columns=PLACE_COLUMNS)
    return _during_outage(lambda: _aggregate(name, without_kinds(filters), data_version), empty)


@st.cache_data(show_spinner=False, max_entries=64)
def _overview(filters: Filters, data_version: tuple, articles: int, places: int) -> Overview:
    reviewed = _reviewed_articles(data_version)  # their figures are counted as reviewed
    rows = figures(filters, data_version, article_ids=reviewed) if reviewed else None
    return aggregates.overview(store(), filters, articles, places, reviewed, rows)


def overview(filters: Filters) -> Overview:
    """The numbers above the map, for the whole selection (figures as of the map's day)."""
    data_version = version()
    articles = count("articles", filters, data_version)
    places = count("places", filters, data_version)
    nothing = Overview(articles, places, 0, None, None, None, None)
    return _during_outage(lambda: _overview(filters, data_version, articles, places), nothing)


def articles(filters: Filters, data_version: tuple, limit: int | None = None, offset: int = 0):
    """The selected articles, newest first (``limit`` of them from ``offset``)."""
    return _during_outage(
        lambda: _articles(without_kinds(filters), data_version, limit, offset), _empty("articles")
    )


def mentions(
    filters: Filters, data_version: tuple, article_ids=None, *, rejected: bool = False
) -> pd.DataFrame:
    """The selected mentions (of ``article_ids`` only, when given) with their reviews;
    ``rejected`` keeps those a reviewer said are no place (the review forms list them;
    maps and counts do not).  "Reviewed only" is about figures: the places stay, so the
    map still shows where things are."""
    ids = None if article_ids is None else tuple(article_ids)
    frame = _during_outage(
        lambda: _mentions(without_kinds(filters), data_version, ids), _empty("mentions")
    )
    return shown(frame, rejected=rejected)


def figures(
    filters: Filters, data_version: tuple, limit=None, article_ids=None, *, rejected: bool = False
) -> pd.DataFrame:
    """The selected figures, oldest period first (the newest ``limit``; of ``article_ids``),
    with their reviews; ``rejected`` keeps those a reviewer rejected (the Figures table and
    its downloads list them; the map does not draw them)."""
    ids = None if article_ids is None else tuple(article_ids)
    frame = _during_outage(
        lambda: _figures(filters.query(), data_version, limit, ids), _empty("figures")
    )
    return shown(frame, reviewed_only=filters.reviewed, rejected=rejected)


def _mentions_of(filters: Filters, data_version: tuple, *ids: pd.Series) -> pd.DataFrame:
    """The selected mentions of the articles with these ids (sorted: one cache key)."""
    articles = pd.concat([pd.Series([], dtype=object), *ids]).drop_duplicates().sort_values()
    return mentions(filters, data_version, article_ids=articles)


def map_view(filters: Filters) -> tuple[pd.DataFrame, pd.DataFrame, bool]:
    """The mentions and figures the map draws, and whether the selection held more.

    The newest :data:`MAP_ARTICLES` articles and :data:`MAP_FIGURES` figures of
    the selection, with the mentions of those articles and of the figures'
    (which place a country-wide territory claim): a small selection is drawn
    whole, exactly as before; a large one by its newest reports.
    """
    data_version = version()
    newest = articles(filters, data_version, limit=MAP_ARTICLES)
    drawn = figures(filters, data_version, limit=MAP_FIGURES)
    capped = len(newest) == MAP_ARTICLES or len(drawn) == MAP_FIGURES
    if len(newest) < MAP_ARTICLES:  # every selected article: every selected mention
        return mentions(filters, data_version), drawn, capped
    return _mentions_of(filters, data_version, newest["id"], drawn["article_id"]), drawn, capped


def figures_page(
    filters: Filters, *, rejected: bool = False, every: bool = False
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The newest :data:`TABLE_ROWS` selected figures (all of them when ``every``; with the
    rejected ones when ``rejected``) and the mentions that place them."""
    data_version = version()
    limit = None if every else TABLE_ROWS
    listed = figures(filters, data_version, limit=limit, rejected=rejected)
    placing = listed.loc[needs_main_place(listed), "article_id"]
    return listed, _mentions_of(filters, data_version, placing)


def article_page(filters: Filters, page: int) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Page ``page`` (from 0) of the selected articles, with their mentions and figures."""
    data_version = version()
    shown = articles(filters, data_version, ARTICLES_PER_PAGE, page * ARTICLES_PER_PAGE)
    ids = tuple(shown["id"])
    return (
        shown,
        mentions(filters, data_version, article_ids=ids),
        figures(filters, data_version, article_ids=ids),
    )


def download(
    write: Callable[[pd.DataFrame], str], filters: Filters, shown: pd.DataFrame, total: int
) -> Callable[[], str]:
    """What a download button calls on a click: ``write`` of the table shown when it holds
    all ``total`` selected figures, else of every one, read from the store then."""
    if len(shown) == total:
        return partial(write, shown)

    def every() -> str:
        empty = figures_table(_empty("figures"), _empty("mentions"))
        listed = _during_outage(
            lambda: figures_table(*figures_page(filters, rejected=True, every=True)), empty
        )
        return write(listed)

    return every


@st.cache_data(show_spinner=False, max_entries=64)
def _named_places(ids: tuple[str, ...], data_version: tuple) -> dict[str, NamedPlace]:
    return aggregates.named_places(store(), ids)


def place_finder(
    figures: pd.DataFrame, mentions: pd.DataFrame
) -> Callable[[str], NamedPoint | None]:
    """How the map finds the ends of the movements among ``figures``: among the ``mentions``
    it draws (their articles name them), else in the store (one small query), else in the
    bundled gazetteer, loaded only then."""
    ids = movement_place_ids(figures)
    named = mentions[mentions["place_id"].isin(ids) & mentions["lat"].notna()]
    drawn = {
        m.place_id: NamedPlace(m.place_id, m.name, float(m.lat), float(m.lon))
        for m in named.drop_duplicates("place_id").itertuples(index=False)
    }
    missing = tuple(i for i in ids if i not in drawn)
    stored = _during_outage(lambda: _named_places(missing, version()), {}) if missing else {}
    return lambda place_id: drawn.get(place_id) or stored.get(place_id) or gazetteer_place(place_id)


@st.cache_resource(show_spinner=False)
def governorate_shapes() -> dict:
    """The display outlines of governorates, for the provinces articles name."""
    return display_boundaries("governorates")


@st.cache_data(show_spinner=False)
def _choices(data_version: tuple) -> tuple[pd.DataFrame, list[str], tuple[date, date]]:
    """Locations, outlets and the date span on offer: from the whole store, not the selection,
    each read by one small query (one row per place, per outlet; the first and last day)."""
    from geo.boundaries import governorates

    shapes = governorates()
    names = dict(zip(shapes["id"], shapes["name"], strict=True))
    locations = location_choices(aggregates.location_rows(store()), names)
    span = aggregates.date_span(store()) or (date.today(), date.today())
    return locations, aggregates.outlets(store()), span


def _no_choices() -> tuple[pd.DataFrame, list[str], tuple[date, date]]:
    """What :func:`_choices` offers while the store cannot be reached: nothing but today.
    Made only then (an empty location frame costs 4 ms, every run had it made)."""
    return location_choices(_empty("mentions"), {}), [], (date.today(),) * 2


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
    st.session_state.pop(_RUN_VERSION, None)  # a new run: the store may have changed
    choices = _during_outage(lambda: _choices(version()), None)
    locations, outlets, span = choices or _no_choices()
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


def kind_scale(kinds: pd.Series) -> dict[str, list[str]]:
    """The charts' colour scale for figure ``kinds`` (Vega-Lite's): the map's colours, so a
    kind looks alike."""
    domain = sorted(kinds.unique())
    return {"domain": domain, "range": [CHART_COLOURS.get(k, "#999999") for k in domain]}


def kind_colour(kinds: pd.Series) -> alt.Color:
    """The charts' colour channel for figure kinds (:func:`kind_scale`)."""
    return alt.Color("kind:N", scale=alt.Scale(**kind_scale(kinds)))


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
