"""What the dashboard shows about a whole selection, counted by the database, not in pandas.

At 100,000 articles a selection holds hundreds of thousands of mentions: the
pages must never pull them into Python to count them.  Each function here is
one SQL query (or two) over a :class:`~geo.store.Store`, selecting rows with
the store's own filter terms (:meth:`~geo.store.Store.where`), and returns
what the pure functions of :mod:`geo.summary` return for the same rows, so a
small store gives the same answer either way (``tests/test_aggregates.py``
holds the two side by side).  The queries are plain SQL that SQLite and
PostgreSQL both run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

import pandas as pd

from geo.filters import Filters
from geo.reviews import REVIEWED
from geo.store import Store
from geo.summary import (
    PLACE_COLUMNS,
    TERRITORY_KINDS,
    Overview,
    order_places,
    order_unresolved,
    period_text,
    review_places,
)
from geo.timeline import as_of


def _mentions(filters: Filters) -> str:
    """The mentions' ``FROM``, joined to their articles only when dates or outlets select
    (a join costs a lookup per mention; a count of places alone reads an index)."""
    if filters.start or filters.end or filters.outlets:
        return "FROM mentions m JOIN articles a ON a.id = m.article_id"
    return "FROM mentions m"


def _figures(filters: Filters) -> str:
    """The figures' ``FROM``, joined to their articles only when outlets select."""
    if filters.outlets:
        return "FROM figures f JOIN articles a ON a.id = f.article_id"
    return "FROM figures f"


_NAMED = "CASE WHEN m.adjective THEN 0 ELSE 1 END"


def _marks(values) -> str:
    return ", ".join("?" for _ in values)


def _and(where: list[str], *more: str) -> str:
    terms = [*where, *more]
    return f"WHERE {' AND '.join(terms)}" if terms else ""


def without_kinds(filters: Filters) -> Filters:
    """The filters that select articles and mentions: the figure kind selects only figures,
    so a kind change reuses what was counted of articles and places."""
    return replace(filters.query(), kinds=())


def location_rows(store: Store) -> pd.DataFrame:
    """One row per resolved place named anywhere in the store, with the columns
    :func:`geo.filters.location_choices` reads: a few thousand rows, whatever the store."""
    columns = ["place_id", "name", "kind", "admin1", "country", "governorate_id"]
    query = (
        "SELECT place_id, MIN(name), MIN(kind), MIN(admin1), MIN(country), governorate_id "
        "FROM mentions WHERE place_id IS NOT NULL GROUP BY place_id, governorate_id"
    )
    return store.read(query, [], columns)


@dataclass(frozen=True)
class NamedPlace:
    """A stored place's id, name and point: what a map needs to draw an arrow to it."""

    id: str
    name: str
    lat: float
    lon: float


def named_places(store: Store, ids: Sequence[str]) -> dict[str, NamedPlace]:
    """The places of ``ids`` that stored mentions name, by id, as the ingest stored them.

    A movement's origin and destination are places its article names, so their
    names and points are in the store: the map reads the few it draws from
    there instead of loading the whole gazetteer (seconds, and 150 MB) for them.
    """
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = (
        "SELECT place_id, MIN(name), MIN(lat), MIN(lon) FROM mentions "
        f"WHERE place_id IN ({_marks(wanted)}) AND lat IS NOT NULL GROUP BY place_id"
    )
    found = store.read(query, wanted, ["id", "name", "lat", "lon"])
    return {
        row.id: NamedPlace(row.id, row.name, float(row.lat), float(row.lon))
        for row in found.itertuples(index=False)
    }


def outlets(store: Store) -> list[str]:
    """Every outlet named by a stored article, sorted (the outlet filter's choices)."""
    frame = store.read("SELECT DISTINCT outlet FROM articles WHERE outlet <> ''", [], ["outlet"])
    return sorted(frame["outlet"])


def date_span(store: Store) -> tuple[date, date] | None:
    """The first and last publication day stored, or None when no article is dated."""
    frame = store.read(
        "SELECT MIN(published) AS published, MAX(published) AS date_end FROM articles",
        [],
        ["published", "date_end"],
    )
    first, last = frame.iloc[0]
    return None if first is None else (first, last)


def count_articles(store: Store, filters: Filters) -> int:
    """How many articles the filters select."""
    where, params = store.where(filters, "articles")
    frame = store.read(f"SELECT COUNT(*) FROM articles a {_and(where)}", params, ["n"])
    return int(frame["n"].iloc[0])


def count_figures(store: Store, filters: Filters) -> int:
    """How many figures the filters select."""
    where, params = store.where(filters, "figures")
    frame = store.read(f"SELECT COUNT(*) {_figures(filters)} {_and(where)}", params, ["n"])
    return int(frame["n"].iloc[0])


def place_counts(store: Store, filters: Filters) -> pd.DataFrame:
    """:func:`geo.summary.place_counts` of the selected mentions, grouped by the database."""
    where, params = store.where(filters, "mentions")
    query = (
        "SELECT m.place_id, MIN(m.name), MIN(m.kind), MIN(m.admin1), MIN(m.country), "
        "MIN(m.governorate_id), MIN(m.lat), MIN(m.lon), "
        f"SUM({_NAMED}), SUM(1 - {_NAMED}), COUNT(DISTINCT m.article_id) "
        f"{_mentions(filters)} {_and(where, 'm.place_id IS NOT NULL')} GROUP BY m.place_id"
    )
    counts = store.read(query, params, PLACE_COLUMNS)
    return order_places(counts.astype({"mentions": int, "adjectives": int, "articles": int}))


def count_places(store: Store, filters: Filters) -> int:
    """How many distinct resolved places the selected mentions name."""
    where, params = store.where(filters, "mentions")
    # a count of a DISTINCT subquery: PostgreSQL hashes it, where COUNT(DISTINCT …) sorts
    query = (
        f"SELECT COUNT(*) FROM (SELECT DISTINCT m.place_id {_mentions(filters)} "
        f"{_and(where, 'm.place_id IS NOT NULL')}) p"
    )
    return int(store.read(query, params, ["n"])["n"].iloc[0])


def place_review(store: Store, filters: Filters) -> pd.DataFrame:
    """:func:`geo.summary.place_review` of the selected mentions: the counts grouped by the
    database, and each distinct list of alternatives read once."""
    where, params = store.where(filters, "mentions")
    query = (
        f"SELECT DISTINCT m.place_id, m.alternatives {_mentions(filters)} "
        f"{_and(where, 'm.place_id IS NOT NULL', 'm.alternatives IS NOT NULL')}"
    )
    alternatives = store.read(query, params, ["place_id", "alternatives"])
    return review_places(place_counts(store, filters), alternatives)


def unresolved(store: Store, filters: Filters) -> pd.DataFrame:
    """:func:`geo.summary.unresolved` of the selected mentions, grouped by the database."""
    where, params = store.where(filters, "mentions")
    query = (
        f"SELECT m.text, COUNT(*), COUNT(DISTINCT m.article_id) {_mentions(filters)} "
        f"{_and(where, 'm.place_id IS NULL')} GROUP BY m.text"
    )
    grouped = store.read(query, params, ["name", "times", "articles"])
    return order_unresolved(grouped.astype({"times": int, "articles": int}))


_EXTREME_COLUMNS = ["text", "label", "name", "value", "date_start", "date_end"]


def _first(
    store: Store, source: str, where: list[str], params: list, order: str
) -> pd.Series | None:
    """The first figure of ``source`` (a ``FROM``) in ``order`` (the columns an overview
    quotes), or None."""
    columns = ", ".join(f"f.{c}" for c in _EXTREME_COLUMNS)
    query = f"SELECT {columns} {source} {_and(where)} ORDER BY {order} LIMIT 1"
    frame = store.read(query, params, _EXTREME_COLUMNS)
    return None if frame.empty else frame.iloc[0]


_FRAME_ORDER = 'f.date_start IS NULL {0}, f.date_start {0}, f.article_id {0}, f."start" {0}'
"""The order :meth:`Store.figures` lists figures in (``{0}``: ASC, or DESC for the reverse),
which decides between claims of the same value or day."""


def overview(
    store: Store,
    filters: Filters,
    articles: int,
    places: int,
    reviewed: Sequence[str] = (),
    rows: pd.DataFrame | None = None,
) -> Overview:
    """:func:`geo.summary.overview` of the selection (figures as of ``filters.as_of``), from
    ``articles`` and ``places`` counted by :func:`count_articles` and :func:`count_places`.

    As of a day only the claims begun by then count, and of territory only those
    no newer claim replaces (:func:`geo.timeline.as_of`): those few rows are read.
    The figures of the ``reviewed`` articles are not counted in SQL: ``rows`` holds
    their figures as reviewed (the selected ones, rejected ones left out), counted
    instead, so a rejected figure is never the largest claim and a correction counts.
    """
    where, params = store.where(filters, "figures")
    if reviewed:
        where = [*where, f"f.article_id NOT IN ({_marks(reviewed)})"]
        params = [*params, *reviewed]
    if filters.reviewed:  # "reviewed only": no machine-read row counts
        where = [*where, "1 = 0"]
    counted = [*where]
    kept = 0
    if filters.as_of is not None:
        where = [*where, "COALESCE(f.date_start, f.date_end) <= ?"]
        params = [*params, filters.as_of]
        counted = [*where, f"f.kind NOT IN ({_marks(TERRITORY_KINDS)})"]
        if (kinds := _territory_kinds(filters)) and not filters.reviewed:
            territory = store.figures(replace(filters.query(), kinds=kinds))
            kept = len(as_of(territory[~territory["article_id"].isin(reviewed)], filters.as_of))
    count_params = [*params, *TERRITORY_KINDS] if filters.as_of is not None else params
    source = _figures(filters)
    figures = store.read(f"SELECT COUNT(*) {source} {_and(counted)}", count_params, ["n"])
    displaced = [*where, "f.kind = ?"]
    smallest = _first(store, source, displaced, [*params, "displaced"],
                      f"f.value ASC, {_FRAME_ORDER.format('ASC')}")  # fmt: skip
    largest = _first(store, source, displaced, [*params, "displaced"],
                     f"f.value DESC, {_FRAME_ORDER.format('DESC')}")  # fmt: skip
    latest = _first(
        store,
        source,
        [*where, f"f.kind IN ({_marks(TERRITORY_KINDS)})"],
        [*params, *TERRITORY_KINDS],
        f"f.date_end DESC NULLS LAST, {_FRAME_ORDER.format('DESC')}",
    )
    extra = as_of(rows, filters.as_of) if rows is not None else None
    if extra is not None and not extra.empty:
        moved = extra[extra["kind"] == "displaced"].sort_values("value", kind="stable")
        if not moved.empty:
            smallest = min([moved.iloc[0], *_present(smallest)], key=lambda r: r["value"])
            largest = max([*_present(largest), moved.iloc[-1]], key=lambda r: r["value"])
        held = extra[extra["kind"].isin(TERRITORY_KINDS)]
        if not held.empty:
            newest = held.sort_values("date_end", na_position="first", kind="stable").iloc[-1]
            latest = max([*_present(latest), newest], key=_day_ended)
    where_said = None
    if latest is not None:
        said = (latest["name"], period_text(latest["date_start"], latest["date_end"]))
        where_said = ", ".join(str(p) for p in said if pd.notna(p))
    total = int(figures["n"].iloc[0]) + kept + (0 if extra is None else len(extra))
    stood_by = 0 if extra is None else int(extra["review_status"].isin(REVIEWED).sum())
    return Overview(
        articles=articles,
        places=places,
        figures=total,
        displaced_smallest=None if smallest is None else smallest["text"],
        displaced_largest=None if largest is None else largest["text"],
        latest_territory=None if latest is None else latest["label"],
        latest_territory_where=where_said,
        reviewed=stood_by,
        machine_read=total - stood_by,
    )


def _present(row: pd.Series | None) -> list[pd.Series]:
    return [] if row is None else [row]


def _day_ended(row: pd.Series) -> pd.Timestamp:
    """A claim's last day for "the latest claim" (undated claims are the oldest)."""
    day = row["date_end"]
    return pd.Timestamp.min if pd.isna(day) else pd.Timestamp(day)


def _territory_kinds(filters: Filters) -> tuple[str, ...]:
    """The territory kinds the filters leave selected."""
    return tuple(k for k in TERRITORY_KINDS if not filters.kinds or k in filters.kinds)
