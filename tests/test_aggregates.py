"""The database's aggregates equal the pure pandas functions on the same rows.

The store holds the bundled seeds and 300 articles of ``scripts/make_scale_corpus.py``
cut from them (only the repo's own texts: the shared corpora are left out), so
places, outlets, dates, kinds and namesakes vary.  Every aggregate the pages
show is compared with what the row-by-row code (:mod:`geo.summary`,
:func:`geo.filters.location_choices`) makes of every selected row, for several
filters, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import importlib.util
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from geo import aggregates, summary
from geo.articles import load_bundled, make_article
from geo.boundaries import governorates
from geo.filters import Filters, location_choices
from geo.pipeline import extract
from geo.store import open_store
from geo.timeline import as_of

REPO = Path(__file__).resolve().parent.parent
SCALE_ARTICLES = 300


def _scale_corpus(n: int) -> list[dict]:
    """``n`` records of the scale corpus script, cut from the bundled articles only."""
    spec = importlib.util.spec_from_file_location("scale", REPO / "scripts/make_scale_corpus.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    script.SHARED = REPO / "no-shared-corpora"  # the repo's own texts, wherever it runs
    return list(script.articles(n, seed=7))


@pytest.fixture(scope="module")
def extractions():
    records = _scale_corpus(SCALE_ARTICLES)
    articles = [
        *load_bundled(),
        *(
            make_article(
                r["text"], title=r["title"], outlet=r["outlet"],
                published=date.fromisoformat(r["published"]), url=r["url"],
            )
            for r in records
        ),
    ]  # fmt: skip
    return [extract(article) for article in articles]


@pytest.fixture
def store(url, extractions):
    """The seeds and the scale articles, on each backend (``url``: tests/conftest.py)."""
    opened = open_store(url)
    for extraction in extractions:
        opened.add(extraction)
    yield opened
    opened.close()


def _places(store, kind: str) -> list[str]:
    counts = summary.place_counts(store.mentions())
    return list(counts.loc[counts["kind"] == kind, "place_id"].head(2))


def _selections(store) -> list[Filters]:
    """Filters that select differently: by kind, outlet, dates, place, governorate, country."""
    outlets = aggregates.outlets(store)
    town, governorate, country = (
        _places(store, k) for k in ("populated place", "governorate", "country")
    )
    return [
        Filters(),
        Filters(kinds=("displaced", "territory_area", "territory_share")),
        Filters(kinds=("killed",), outlets=tuple(outlets[:2])),
        Filters(start=date(2016, 1, 1), end=date(2019, 12, 31)),
        Filters(places=tuple(town)),
        Filters(places=tuple(governorate[:1]), start=date(2015, 6, 1)),
        Filters(places=tuple(country[:1]), kinds=("fighters", "territory_share")),
        Filters(as_of=date(2019, 2, 20)),
        Filters(kinds=("territory_area", "territory_share"), as_of=date(2019, 3, 1)),
    ]


def test_the_store_holds_a_varied_selection(store):
    assert store.count_articles() == 3 + SCALE_ARTICLES
    figures = store.figures()
    assert figures["kind"].nunique() >= 6 and len(aggregates.outlets(store)) >= 10
    assert summary.needs_main_place(figures).any()  # footprints placed by their article
    assert store.mentions()["place_id"].isna().any()  # and unresolved names


def test_location_outlet_and_date_choices_equal_the_row_by_row_ones(store):
    shapes = governorates()
    names = dict(zip(shapes["id"], shapes["name"], strict=True))
    everything = store.articles()
    expected = location_choices(store.mentions(), names)
    assert len(aggregates.location_rows(store)) < len(store.mentions()) / 3
    pd.testing.assert_frame_equal(
        location_choices(aggregates.location_rows(store), names), expected
    )
    assert aggregates.outlets(store) == sorted(o for o in everything["outlet"].unique() if o)
    published = everything["published"].dropna()
    assert aggregates.date_span(store) == (published.min(), published.max())


def test_counts_and_per_place_aggregates_equal_the_pandas_functions(store):
    for filters in _selections(store):
        mentions = store.mentions(filters)
        assert aggregates.count_articles(store, filters) == len(store.articles(filters))
        assert aggregates.count_figures(store, filters) == len(store.figures(filters))
        assert aggregates.count_places(store, filters) == mentions["place_id"].nunique()
        for name in ("place_counts", "place_review", "unresolved"):
            pd.testing.assert_frame_equal(
                getattr(aggregates, name)(store, filters),
                getattr(summary, name)(mentions),
                check_dtype=False,
                obj=f"{name} for {filters}",
            )


def test_the_overview_equals_the_pandas_one(store):
    seen_territory = False
    for filters in _selections(store):
        figures = as_of(store.figures(filters), filters.as_of)
        expected = summary.overview(store.articles(filters), store.mentions(filters), figures)
        counted = aggregates.overview(
            store, filters, expected.articles, aggregates.count_places(store, filters)
        )
        assert counted == expected, filters
        seen_territory |= expected.latest_territory is not None
    assert seen_territory


def test_as_of_a_day_replaced_territory_claims_are_not_counted(store):
    filters = Filters(kinds=("territory_area", "territory_share"), as_of=date(2019, 3, 10))
    begun = store.figures(filters.query())
    begun = begun[pd.to_datetime(begun["date_start"].fillna(begun["date_end"])) <= "2019-03-10"]
    kept = as_of(store.figures(filters.query()), filters.as_of)
    assert len(kept) < len(begun)  # the case the count must get right
    assert aggregates.overview(store, filters, 0, 0).figures == len(kept)


def test_a_limit_keeps_the_newest_figures_in_the_usual_order(store):
    every = store.figures()
    assert store.figures(limit=len(every) + 10).equals(every)
    newest = store.figures(limit=25)
    dated = every[every["date_start"].notna()].sort_values(
        ["date_start", "article_id", "start"], ascending=False
    )
    assert set(zip(newest["article_id"], newest["start"], strict=True)) == set(
        zip(dated["article_id"].head(25), dated["start"].head(25), strict=True)
    )
    assert list(newest["date_start"]) == sorted(newest["date_start"])


def test_pages_of_articles_and_mentions_of_some_articles(store):
    every = store.articles()
    pages = [store.articles(limit=50, offset=i) for i in range(0, len(every), 50)]
    assert list(pd.concat(pages)["id"]) == list(every["id"])
    ids = list(every["id"].iloc[[0, 5, 9]])
    mentions = store.mentions()
    expected = mentions[mentions["article_id"].isin(ids)].reset_index(drop=True)
    pd.testing.assert_frame_equal(store.mentions(article_ids=ids), expected)
    assert store.mentions(article_ids=[]).empty and store.figures(article_ids=[]).empty


def test_the_overview_counts_figures_as_reviewed(store):
    """A rejected figure is never the largest claim, nor counted; a confirmed one counts as
    reviewed: the SQL overview with the reviewed articles' rows equals the pandas one."""
    from geo.reviews import apply, make_review, shown

    every = store.figures()
    moved = every[every["kind"] == "displaced"].sort_values("value", kind="stable")
    largest, smallest = moved.iloc[-1], moved.iloc[0]
    for row, new, action in ((largest, "rejected", "reject"), (smallest, "confirmed", "confirm")):
        store.add_review(make_review(row["article_id"], "figure", (row["start"], row["end"]),
                                     "status", action, "machine-read", new, "ana"))  # fmt: skip
    reviews = store.reviews()
    ids = sorted({r.article_id for r in reviews})
    for filters in _selections(store):
        effective = shown(apply(store.figures(filters), reviews, "figure"))
        expected = summary.overview(
            store.articles(filters), store.mentions(filters), as_of(effective, filters.as_of)
        )
        rows = shown(apply(store.figures(filters, article_ids=ids), reviews, "figure"))
        counted = aggregates.overview(
            store, filters, expected.articles, aggregates.count_places(store, filters), ids, rows
        )
        assert counted == expected, filters
    assert expected.reviewed <= 1 and counted.displaced_largest != largest["text"]


def test_the_places_a_map_draws_arrows_to_are_read_as_the_gazetteer_has_them(store):
    """The map finds movements' ends in the store, not the gazetteer: same names, same points."""
    from geo.gazetteer import default_gazetteer

    mentions = store.mentions()
    ids = [*mentions["place_id"].dropna().unique()[:40], "no-such-place"]
    found = aggregates.named_places(store, ids)
    assert "no-such-place" not in found and len(found) == len(ids) - 1
    for place_id, place in found.items():
        known = default_gazetteer().get(place_id)
        assert (place.id, place.name, place.lat, place.lon) == (
            known.id, known.name, pytest.approx(known.lat), pytest.approx(known.lon),
        )  # fmt: skip
    assert aggregates.named_places(store, []) == {}
