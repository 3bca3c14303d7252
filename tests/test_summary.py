"""What the pages compute from the store's rows: overview, conflicts, tables, reviews, marks."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd
import pytest
from atlas_data import HOSTILE, store_url

from geo.highlight import highlight, marks
from geo.store import open_store
from geo.summary import (
    claim_ranges,
    conflicting_claims,
    country_wide,
    figures_geojson,
    figures_table,
    overview,
    period_text,
    place_articles,
    place_claims,
    place_review,
    share_claims,
    unresolved,
)


@pytest.fixture(scope="module")
def store():
    return open_store(store_url())


def _claim(label, value, low, high, start, end, place="171944", kind="displaced"):
    return {
        "kind": kind, "place_id": place, "name": "Bāghūz", "label": label, "value": value,
        "low": low, "high": high, "date_start": start, "date_end": end, "outlet": "X",
        "sentence": f"{label}.",
    }  # fmt: skip


def test_claims_that_cannot_both_be_true_are_paired():
    figures = pd.DataFrame(
        [
            _claim("> 20,000 evacuated", 20000, 20000, None, date(2019, 2, 9), date(2019, 2, 9)),
            _claim("< 40,000 escape", 40000, None, 40000, date(2018, 12, 1), date(2019, 2, 17)),
            _claim("≈ 21,000 left", 21000, 19000, 23000, date(2019, 2, 1), date(2019, 2, 10)),
            _claim("2,000–9,999 left", 3000, 2000, 9999, date(2019, 1, 19), date(2019, 2, 9)),
            # same numbers, but another period, another place or another kind: no conflict
            _claim("5,000 left", 5000, 5000, 5000, date(2019, 3, 1), date(2019, 3, 7)),
            _claim("40,000 left", 40000, None, None, date(2019, 2, 9), date(2019, 2, 9), "1"),
            _claim("20,000 killed", 20000, None, None, None, None, kind="killed"),
        ]
    )
    conflicts = conflicting_claims(figures)
    pairs = {frozenset([row.first, row.second]) for row in conflicts.itertuples()}
    assert pairs == {
        frozenset(["2,000–9,999 left", "> 20,000 evacuated"]),
        frozenset(["2,000–9,999 left", "≈ 21,000 left"]),
    }


def test_the_seeds_disagree_about_how_many_left(store):
    conflicts = conflicting_claims(store.figures())
    assert "displaced" in set(conflicts["kind"])


def test_overview_counts_the_selection_and_names_the_latest_territory(store):
    summary = overview(store.articles(), store.mentions(), store.figures())
    assert summary.articles == 4
    assert summary.displaced_largest == "nearly 40,000 residents"  # as printed, hedge and all
    assert summary.displaced_range == "Hundreds more men – nearly 40,000 residents"
    assert summary.latest_territory == "less than a single square mile held"
    assert summary.latest_territory_where.endswith("2019-03-07")
    empty = overview(
        *(frame.iloc[0:0] for frame in (store.articles(), store.mentions(), store.figures()))
    )
    assert (empty.figures, empty.displaced_range, empty.latest_territory) == (
        0,
        "none reported",
        None,
    )


def test_claim_ranges_keep_dated_figures_with_open_sides_at_the_stated_value():
    day = date(2019, 2, 9)
    figures = pd.DataFrame(
        [
            _claim("> 20,000 evacuated", 20000, 20000, None, None, day),
            _claim("about 300 left", 300, 270, 330, day, day),
            _claim("5,000 left", 5000, 5000, 5000, None, None),
        ]
    ).assign(unit="people")
    ranges = claim_ranges(figures)
    assert list(ranges["label"]) == ["> 20,000 evacuated", "about 300 left"]
    assert list(ranges["date"]) == [day, day]
    assert list(zip(ranges["low"], ranges["high"], strict=True)) == [(20000, 20000), (270, 330)]


def test_share_claims_are_ranges_whose_open_side_reaches_zero(store):
    shares = share_claims(store.figures()).set_index("label")
    held = "less than one percent held"
    assert list(shares.loc[held, ["low", "high", "value"]]) == [0.0, 1.0, 1.0]
    assert list(shares.loc["99.5 percent lost", ["low", "high", "value"]]) == [0.5, 0.5, 0.5]
    assert shares.loc[held, "claim"] == f"2019-02-09 · {held}"
    assert set(share_claims(store.figures())["kind"]) == {"territory_share"}


def test_downloads_hold_exactly_the_table(store):
    table = figures_table(store.figures(), store.mentions())
    collection = json.loads(figures_geojson(table))
    assert len(collection["features"]) == len(table)
    first = collection["features"][0]
    assert set(first["properties"]) == set(table.columns) - {"lat", "lon"}
    placed = table.dropna(subset=["lat"]).iloc[0]
    feature = next(f for f in collection["features"] if f["geometry"])
    assert feature["geometry"]["coordinates"] == [placed["lon"], placed["lat"]]


def test_place_review_shows_what_each_place_beat_and_what_stayed_unplaced(store):
    mentions = store.mentions()
    review = place_review(mentions)
    assert review["place_id"].is_unique
    assert review["beat"].str.len().gt(0).any()
    names = unresolved(mentions)
    assert len(names) > 0 and names["times"].ge(1).all()


def test_highlighted_article_marks_places_and_figures_and_escapes_the_rest(store):
    mentions, figures = store.mentions(), store.figures()
    html = highlight(HOSTILE.text, marks(HOSTILE.id, mentions, figures))
    assert '<a href="/?place=' in html and "<mark" in html
    assert "&lt;script&gt;" in html and "<script" not in html and "<img" not in html
    assert "${" not in html and "`" not in html
    assert "&#36;{1+1}" in html


def test_period_text_reads_the_same_on_every_page_and_popup():
    day, later = date(2019, 3, 7), date(2019, 3, 3)
    assert period_text(day, day) == "2019-03-07"
    assert period_text(later, day) == "2019-03-03 – 2019-03-07"
    assert period_text("2019-03-03", pd.Timestamp("2019-03-07")) == "2019-03-03 – 2019-03-07"
    assert period_text(None, day) == "… – 2019-03-07"
    assert period_text(later, None) == "2019-03-03"
    assert period_text(None, float("nan")) == "undated"


def test_the_map_panel_lists_a_places_claims_by_date_and_the_articles_naming_it(store):
    mentions = store.mentions()
    table = figures_table(store.figures(), mentions)
    baghuz = table.loc[table["place"] == "Bāghūz", "place_id"].iloc[0]
    claims = place_claims(table, baghuz)
    assert len(claims) == (table["place_id"] == baghuz).sum() > 3
    assert {"label", "kind", "modality", "period", "outlet", "sentence", "url"} <= set(claims)
    starts = [period[:10] for period in claims["period"]]  # "2019-02-24 – 2019-03-07"
    assert starts == sorted(starts)  # oldest first (the table itself is newest first)
    named = place_articles(mentions, baghuz)
    assert len(named) == mentions.loc[mentions["place_id"] == baghuz, "article_id"].nunique()
    assert named["times"].min() >= 1 and named["title"].notna().all()
    wide = country_wide(table)
    assert len(wide) == (table["precision"] == 3).sum() > 0


def test_a_territory_claim_about_a_country_is_drawn_at_the_story_never_at_the_dateline(tmp_path):
    """The 9 February seed: filed in BEIRUT, about Baghuz; 'less than 2 square miles' in Syria."""
    from geo.summary import locate

    store = open_store(str(tmp_path / "a.sqlite"))
    store.seed_if_empty()
    figures = locate(store.figures(), store.mentions())
    store.close()
    pocket = figures[figures["label"] == "less than 2 square miles held"].iloc[0]
    assert pocket["name"] == "Bāghūz" and "Beirut" not in pocket["placed_at"]
    assert not (figures["name"] == "Beirut").any()
