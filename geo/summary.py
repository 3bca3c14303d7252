"""What a filtered selection says: per-place counts, overview, conflicting claims, the
tables and claim ranges the pages draw, and where the map draws each figure.

Pure functions of the store's DataFrames (columns from ``geo.tables``), so the
pages only draw what these return and the logic is tested without Streamlit.
"""

from __future__ import annotations

import json
import math
from bisect import bisect_left
from dataclasses import dataclass
from datetime import date

import pandas as pd

from geo.escaping import spreadsheet_safe
from geo.reviews import REVIEWED, unreviewed

PLACE_COLUMNS = [
    "place_id", "name", "kind", "admin1", "country", "governorate_id", "lat", "lon",
    "mentions", "adjectives", "articles",
]  # fmt: skip


def place_counts(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per resolved place: how often it is named, and in how many articles.

    Adjectival uses ("Syrian forces") are counted apart from names, because they
    say little about where something happened; ``mentions`` counts names only.
    """
    resolved = mentions[mentions["place_id"].notna()]
    if resolved.empty:
        return pd.DataFrame(columns=PLACE_COLUMNS)
    adjective = resolved["adjective"].fillna(False).astype(bool)
    grouped = resolved.assign(mentions=~adjective, adjectives=adjective).groupby(
        "place_id", sort=False
    )
    # three grouped passes over several columns each, not one per column (the map's every run)
    described = grouped[["name", "kind", "admin1", "country", "governorate_id", "lat", "lon"]]
    counts = (
        described.first()
        .join(grouped[["mentions", "adjectives"]].sum())
        .assign(articles=grouped["article_id"].nunique())
    )
    return order_places(counts.reset_index())


def order_places(counts: pd.DataFrame) -> pd.DataFrame:
    """Place counts most named first; ties by name, then id, so any backend lists them alike."""
    ordered = counts.sort_values(
        ["mentions", "articles", "name", "place_id"], ascending=[False, False, True, True]
    )
    return ordered[PLACE_COLUMNS].reset_index(drop=True)


def bounds(row, open_side: float | None = None) -> tuple[float, float]:
    """The range a figure claims.  A side the hedge leaves open ("more than 20,000")
    is ``open_side`` (±infinity for logic), or by default the stated value, which
    is what a chart or a summary can show.
    """
    value = float(row["value"])
    low, high = row["low"], row["high"]
    low = (value if open_side is None else -open_side) if _missing(low) else float(low)
    high = (value if open_side is None else open_side) if _missing(high) else float(high)
    return low, high


def _missing(value) -> bool:
    return value is None or pd.isna(value)


def _day(value, default: date | None) -> date | None:
    """A date from whatever the store gave (date, ISO string, Timestamp); ``default`` if none."""
    return default if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _period(row) -> tuple[date, date]:
    return _day(row["date_start"], date.min), _day(row["date_end"], date.max)


CONFLICT_COLUMNS = [
    "kind", "place_id", "name", "first", "first_outlet", "first_period", "first_sentence",
    "second", "second_outlet", "second_period", "second_sentence",
]  # fmt: skip


MAX_CONFLICTS = 500
"""Pairs listed at most: beyond this a reader needs a narrower filter, not a longer table."""
MAX_COMPARISONS = 200_000
"""Pairs examined at most per call, so no selection (one article can print thousands of figures
of one kind at one place) makes the page quadratic."""


def conflicting_claims(figures: pd.DataFrame) -> pd.DataFrame:
    """Pairs of figures of the same kind and place, for overlapping periods, whose ranges disagree.

    Two claims disagree when they cannot both be true: "2,000 to 9,999" and
    "more than 20,000" do, "more than 8,000" and "about 16,000" do not.  A
    missing date is read as open (the claim may cover any time); figures
    without a place are not compared (nothing says they are about one thing).

    Indexed, not all pairs: within a group the claims are sorted by their
    upper bound, so for each claim only those wholly below its lower bound
    (found by bisection) are examined.  At most :data:`MAX_CONFLICTS` pairs are
    listed and :data:`MAX_COMPARISONS` examined; ``attrs["truncated"]`` says
    when either limit cut the list short.
    """
    rows: list[dict] = []
    examined = 0
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in figures[figures["place_id"].notna()].to_dict("records"):  # a frame per group: slow
        groups.setdefault((r["kind"], r["place_id"]), []).append(r)
    for kind, place_id in sorted(groups):
        claims = [(bounds(r, math.inf), _period(r), r) for r in groups[kind, place_id]]
        claims.sort(key=lambda claim: claim[0][1])
        highs = [high for (_, high), _, _ in claims]
        for (b_low, _), (b_start, b_end), b in claims:
            for (_, _), (a_start, a_end), a in claims[: bisect_left(highs, b_low)]:
                examined += 1
                if examined > MAX_COMPARISONS or len(rows) >= MAX_CONFLICTS:
                    return _conflict_frame(rows, truncated=True)
                if a_start <= b_end and b_start <= a_end:
                    rows.append(_conflict_row(kind, place_id, a, b))
    return _conflict_frame(rows, truncated=False)


def _conflict_row(kind: str, place_id: str, a: dict, b: dict) -> dict:
    return {
        "kind": kind, "place_id": place_id, "name": a["name"],
        "first": a["label"], "first_outlet": a.get("outlet", ""),
        "first_period": _period_text(a), "first_sentence": a["sentence"],
        "second": b["label"], "second_outlet": b.get("outlet", ""),
        "second_period": _period_text(b), "second_sentence": b["sentence"],
    }  # fmt: skip


def _conflict_frame(rows: list[dict], truncated: bool) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=CONFLICT_COLUMNS)
    frame.attrs["truncated"] = truncated
    return frame


def period_text(start: object, end: object) -> str:
    """A figure's period as pages and popups print it: "2019-03-07", "2018-12-01 – 2019-02-17",
    "… – 2019-02-17" (start unknown), or "undated"."""
    start, end = _day(start, None), _day(end, None)
    if start is None and end is None:
        return "undated"
    if start == end or end is None:
        return str(start)
    return f"{start or '…'} – {end}"


def _period_text(row) -> str:
    return period_text(row["date_start"], row["date_end"])


@dataclass(frozen=True)
class Overview:
    """The numbers shown above the map for the current selection."""

    articles: int
    places: int
    figures: int
    displaced_smallest: str | None
    displaced_largest: str | None
    latest_territory: str | None
    latest_territory_where: str | None
    reviewed: int = 0
    """Figures a reviewer confirmed, corrected or added; the rest are machine-read."""
    machine_read: int = 0

    @property
    def displaced_range(self) -> str:
        """The smallest and largest displacement claims as printed ("Hundreds more men – nearly
        40,000 residents").

        Only words some report printed: a bound the hedge implies ("about 97,000" is
        at most 106,700) is never shown as if a report had said it.
        """
        if self.displaced_smallest is None:
            return "none reported"
        if self.displaced_smallest == self.displaced_largest:
            return self.displaced_smallest
        return f"{self.displaced_smallest} – {self.displaced_largest}"


def overview(articles: pd.DataFrame, mentions: pd.DataFrame, figures: pd.DataFrame) -> Overview:
    """Counts of what the filters select, the displacement range claimed, the latest territory."""
    displaced = figures[figures["kind"] == "displaced"].sort_values("value", kind="stable")
    printed = list(displaced["text"])
    territory = figures[figures["kind"].isin(["territory_area", "territory_share"])]
    latest = where = None
    if not territory.empty:
        row = territory.sort_values("date_end", na_position="first", kind="stable").iloc[-1]
        latest = row["label"]
        where = ", ".join(str(p) for p in (row["name"], _period_text(row)) if pd.notna(p))
    return Overview(
        articles=len(articles),
        places=int(mentions["place_id"].nunique()),
        figures=len(figures),
        displaced_smallest=printed[0] if printed else None,
        displaced_largest=printed[-1] if printed else None,
        latest_territory=latest,
        latest_territory_where=where,
        reviewed=int(unreviewed(figures)["review_status"].isin(REVIEWED).sum()),
        machine_read=int((unreviewed(figures)["review_status"] == "machine-read").sum()),
    )


TABLE_COLUMNS = [
    "kind", "label", "printed", "hedge", "low", "high", "value", "unit", "people_value",
    "people_low", "people_high", "people_basis", "modality", "cumulative",
    "place", "place_name", "precision", "placed_at", "place_id", "governorate", "governorate_id",
    "country", "origin_id", "destination_id", "period", "date_start",
    "date_end", "outlet", "published", "title", "url", "sentence", "review_status", "reviewer",
    "reviewed_at", "lat", "lon", "article_id", "start", "end",
]  # fmt: skip


def figures_table(figures: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """The figures as the Figures page shows (and downloads) them, newest period first,
    each with its review status, reviewer and review time (UTC, ISO 8601).

    Each figure's point is the one the map draws it at (:func:`locate`), so a
    table, a CSV and a GeoJSON never place a claim where the map does not.
    Bounds are rounded to 0.01: square miles converted to km² print as 5.18, not 5.179976.
    """
    if figures.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    return located_table(locate(unreviewed(figures), mentions))


def located_table(located: pd.DataFrame) -> pd.DataFrame:
    """:func:`figures_table` of figures already :func:`locate`-d (with their review columns):
    the map page locates its figures once for the map and the panel beside it."""
    if located.empty:
        return pd.DataFrame(columns=TABLE_COLUMNS)
    figures = located.rename(columns={"text": "printed"})
    table = figures.assign(
        place=figures["name"],
        governorate=figures["admin1"],
        period=[
            period_text(start, end)
            for start, end in zip(figures["date_start"], figures["date_end"], strict=True)
        ],
        reviewed_at=[t.isoformat() if pd.notna(t) else "" for t in figures["reviewed_at"]],
    )
    table = table.sort_values(["date_end", "kind"], ascending=[False, True], na_position="last")
    table[["low", "high", "value"]] = table[["low", "high", "value"]].astype(float).round(2)
    return table[TABLE_COLUMNS].reset_index(drop=True)


def claim_ranges(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per dated figure with the range it claims, for a chart of claims over time."""
    rows = [
        {
            "date": _day(row["date_end"], None) or _day(row["date_start"], None),
            "low": low,
            "high": high,
            "value": float(row["value"]),
            "kind": row["kind"],
            "unit": row["unit"],
            "label": row["label"],
            "place": row["name"],
            "outlet": row.get("outlet", ""),
        }
        for row in figures.to_dict("records")
        for low, high in [bounds(row)]
    ]
    frame = pd.DataFrame(
        rows, columns=["date", "low", "high", "value", "kind", "unit", "label", "place", "outlet"]
    )
    return frame[frame["date"].notna()].reset_index(drop=True)


def share_claims(figures: pd.DataFrame) -> pd.DataFrame:
    """The share-of-territory-held figures, each as the range it claims, for the map's chart.

    A side the hedge leaves open reaches 0 ("less than 1 %" held is 0 to 1) or
    the stated value, so claims show as ranges side by side, not stacked bars.
    ``claim`` names each one by its date and label.
    """
    shares = figures[figures["kind"] == "territory_share"]
    return shares.assign(
        claim=shares["date_end"].astype(str) + " · " + shares["label"],
        low=shares["low"].fillna(0),
        high=shares["high"].fillna(shares["value"]),
    )


def place_review(mentions: pd.DataFrame) -> pd.DataFrame:
    """Every resolved place with its counts and the candidates it beat, for checking by eye."""
    return review_places(place_counts(mentions), mentions[["place_id", "alternatives"]])


def review_places(counts: pd.DataFrame, alternatives: pd.DataFrame) -> pd.DataFrame:
    """Place counts (:func:`place_counts`) with ``beat``: the other candidates named in
    ``alternatives`` (rows of place id and the JSON list of a mention), in name order."""
    beaten: dict[str, set[str]] = {}
    for place_id, listed in alternatives.dropna().drop_duplicates().itertuples(index=False):
        names = beaten.setdefault(place_id, set())
        for alt in json.loads(listed or "[]"):
            where = alt.get("admin1") or alt.get("country") or "?"
            if alt.get("id") != place_id:
                names.add(f"{alt['name']} ({alt.get('kind') or '?'}, {where})")
    beat = [", ".join(sorted(beaten.get(place_id, ()))) for place_id in counts["place_id"]]
    return counts.drop(columns=["governorate_id", "lat", "lon"]).assign(beat=beat)


UNRESOLVED_COLUMNS = ["name", "times", "articles"]


def unresolved(mentions: pd.DataFrame) -> pd.DataFrame:
    """Place-like names the gazetteer could not place, how often and in how many articles."""
    missing = mentions[mentions["place_id"].isna()]
    if missing.empty:
        return pd.DataFrame(columns=UNRESOLVED_COLUMNS)
    grouped = missing.groupby("text").agg(
        times=("text", "size"), articles=("article_id", "nunique")
    )
    return order_unresolved(grouped.reset_index().rename(columns={"text": "name"}))


def order_unresolved(grouped: pd.DataFrame) -> pd.DataFrame:
    """Unresolved names most frequent first, then by name (in Python's order, on any backend)."""
    ordered = grouped.sort_values(["times", "name"], ascending=[False, True])
    return ordered[UNRESOLVED_COLUMNS].reset_index(drop=True)


def figures_geojson(table: pd.DataFrame) -> str:
    """A figures table as GeoJSON points (null geometry where unplaced), dates as ISO text.

    Always valid JSON (RFC 8259 has no NaN): a figure without coordinates gets
    ``"geometry": null``, as RFC 7946 allows for unlocated features.
    """
    import geopandas as gpd

    properties = table.drop(columns=["lat", "lon"]).astype(object)
    properties = properties.map(lambda v: v.isoformat() if isinstance(v, date) else v)
    located = table["lat"].notna() & table["lon"].notna()
    points = gpd.points_from_xy(table["lon"].where(located, 0), table["lat"].where(located, 0))
    geometry = gpd.GeoSeries(points, index=table.index, crs=4326).where(located, None)
    collection = gpd.GeoDataFrame(properties, geometry=geometry, crs=4326)
    return collection.to_json(na="null", drop_id=True, allow_nan=False)


def figures_csv(table: pd.DataFrame) -> str:
    """A figures table as CSV whose text cells a spreadsheet shows as text, never as formulas."""
    return spreadsheet_safe(table).to_csv(index=False)


LOCAL_KINDS = ("populated place", "neighbourhood", "subdistrict", "district", "other")
"""Place kinds small enough to stand for where a reported event happened."""


DATELINE_REACH = 60
"""A wire dateline ("BEIRUT —", "MIEH MIEH/BEIRUT:") ends within this many characters."""


def _in_dateline(mentions: pd.DataFrame) -> pd.Series:
    """Mentions printed in capitals at the very start of the text: the dateline, where the
    report was filed, which never stands for where its events happened."""
    upper = [t.isupper() and len(t) > 2 for t in mentions["text"].astype(str)]
    early = pd.to_numeric(mentions["start"]) < DATELINE_REACH
    return pd.Series(upper, index=mentions.index, dtype=bool) & early


def main_places(mentions: pd.DataFrame) -> pd.DataFrame:
    """Per article, the local place it names most (ties: first named), with its coordinates.

    The dateline does not count: a report filed in Beirut about Baghuz is about Baghuz.
    """
    local = mentions[
        mentions["kind"].isin(LOCAL_KINDS)
        & ~mentions["adjective"].fillna(False).astype(bool)
        & ~_in_dateline(mentions)
    ]
    local = local.dropna(subset=["lat", "lon"])
    if local.empty:
        return pd.DataFrame(columns=["article_id", "place_id", "name", "lat", "lon"])
    counted = local.groupby(["article_id", "place_id"], sort=False).agg(
        name=("name", "first"), lat=("lat", "first"), lon=("lon", "first"),
        times=("place_id", "size"), first=("start", "min"),
    )  # fmt: skip
    counted = counted.reset_index().sort_values(
        ["article_id", "times", "first"], ascending=[True, False, True]
    )
    best = counted.drop_duplicates("article_id")
    return best[["article_id", "place_id", "name", "lat", "lon"]].reset_index(drop=True)


BROAD_KINDS = ("country", "region", "river")
"""Places too wide to stand for where a counted event happened."""
TERRITORY_KINDS = ("territory_area", "territory_share")


def _broad(figures: pd.DataFrame) -> pd.Series:
    return figures["place_kind"].isin(BROAD_KINDS) | (figures["precision"] == 3)


def needs_main_place(figures: pd.DataFrame) -> pd.Series:
    """The figures :func:`locate` draws around their article's main place (a territory claim
    about a whole country): the only ones whose point needs their article's mentions."""
    return _broad(figures) & figures["kind"].isin(TERRITORY_KINDS)


def locate(figures: pd.DataFrame, mentions: pd.DataFrame) -> pd.DataFrame:
    """Figures with the point the map, the tables and the downloads all use, and ``placed_at``.

    A figure about a town, camp or district is drawn there.  A country-wide
    claim (its place a country or region, precision 3) is drawn on that
    country, styled as such (``broad`` is True), never at a town.  A territory
    figure tied to a whole country is the exception: its footprint is drawn
    around the local place its article names most ("less than 2 square miles"
    in the middle of the desert would say nothing), and ``placed_at`` says so.
    Figures with no place keep no point.
    """
    broad = _broad(figures)
    footprint = needs_main_place(figures)
    basis = pd.Series(
        [
            "the country or region as a whole (a country-wide claim)" if wide
            else "no place (the article names none for it)" if pd.isna(lat)
            else "place named with the figure"
            for wide, lat in zip(broad, figures["lat"], strict=True)
        ],
        index=figures.index, dtype=object,
    )  # fmt: skip
    own = figures[~footprint].assign(placed_at=basis[~footprint], broad=broad[~footprint])
    needed = mentions[mentions["article_id"].isin(figures.loc[footprint, "article_id"])]
    main = main_places(needed).rename(
        columns={"place_id": "main_id", "name": "main_name", "lat": "main_lat", "lon": "main_lon"}
    )
    moved = figures[footprint].merge(main, on="article_id", how="left")
    local = moved["main_id"].notna()
    moved = moved.assign(
        placed_at=[
            f"{name}, the place its article names most (the figure names {where})"
            if isinstance(name, str) else "the country or region as a whole (a country-wide claim)"
            for name, where in zip(
                moved["main_name"], moved["name"].fillna("no place"), strict=True
            )
        ],
        place_id=moved["main_id"].where(local, moved["place_id"]),
        name=moved["main_name"].where(local, moved["name"]),
        lat=moved["main_lat"].where(local, moved["lat"]),
        lon=moved["main_lon"].where(local, moved["lon"]),
        broad=~local,
    ).drop(columns=["main_id", "main_name", "main_lat", "main_lon"])  # fmt: skip
    return pd.concat([own, moved], ignore_index=True)


PANEL_COLUMNS = ["period", "label", "kind", "modality", "outlet", "sentence", "url"]


def place_claims(table: pd.DataFrame, place_id: str) -> pd.DataFrame:
    """The claims a figures table draws at one place, oldest period first, for the map's panel."""
    here = table[table["place_id"] == place_id]
    first = pd.to_datetime(here["date_start"].fillna(here["date_end"]), errors="coerce")
    ordered = here.assign(_first=first).sort_values(["_first", "kind"], kind="stable")
    return ordered[PANEL_COLUMNS].reset_index(drop=True)


def place_articles(mentions: pd.DataFrame, place_id: str) -> pd.DataFrame:
    """The articles naming one place, newest first, with how often each names it."""
    named = mentions[mentions["place_id"] == place_id]
    if named.empty:
        return pd.DataFrame(columns=["title", "outlet", "published", "times", "url"])
    grouped = named.groupby("article_id", sort=False).agg(
        title=("title", "first"), outlet=("outlet", "first"), published=("published", "first"),
        times=("place_id", "size"), url=("url", "first"),
    )  # fmt: skip
    return grouped.sort_values("published", ascending=False).reset_index(drop=True)


def country_wide(table: pd.DataFrame) -> pd.DataFrame:
    """Claims about a whole country (precision 3), listed beside the map, oldest first.

    ``placed_at`` says where each is drawn: on its country, or, for a territory
    claim, around the place its article is about.
    """
    wide = table[table["precision"] == 3]
    return wide.sort_values(["date_start", "kind"], kind="stable")[
        ["place_name", "placed_at", *PANEL_COLUMNS]
    ].reset_index(drop=True)
