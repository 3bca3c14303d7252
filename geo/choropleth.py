"""Claims per area: how many reports give a figure of one kind about each governorate or
district, and the range they print, for the map's "totals by area" layer.

Reports overlap (three outlets retell one evacuation, a later figure is cumulative), so a
sum of their figures is no total of anything.  What an area honestly carries is the number
of reports and the span from the lowest to the highest figure printed, each end said as the
hedge leaves it ("over 20,000" where a report said "more than 20,000").  Pure functions of
the located figure rows (:func:`geo.summary.locate`) and the shipped boundaries.
"""

from __future__ import annotations

import math

import geopandas as gpd
import pandas as pd

from geo.summary import bounds

COUNT_UNITS = ("people", "families", "households")
"""Units of the figures that count someone (never km² or percent)."""
REPORTED = ("reported",)
"""Modalities of what a report says happened, not what it expects or fears."""
AREA_COLUMNS = ["id", "name", "level", "reports", "summary", "labels", "geometry"]
CLAIM_COLUMNS = [
    "value", "low", "high", "unit", "label", "date_end", "place_id", "governorate_id",
    "lat", "lon", "precision",
]  # fmt: skip
"""What the aggregation reads of a figure row (the rest is not copied)."""


def area_kind(chosen: tuple[str, ...], figures: pd.DataFrame) -> str | None:
    """The one kind of claim the layer counts: the kind chosen in the filters when exactly
    one is, else the counting kind with the most reported claims in ``figures`` (located).

    Displaced people and people killed are never pooled in one area's count.
    """
    if len(chosen) == 1:
        return chosen[0]
    claims = _claims(figures)
    if claims.empty:
        return None
    counts = claims["kind"].value_counts()
    return str(sorted(counts.index, key=lambda kind: (-counts[kind], kind))[0])


def _claims(figures: pd.DataFrame) -> pd.DataFrame:
    """Reported counting claims tied to a place smaller than a country."""
    wide = figures["broad"].fillna(True).astype(bool)
    return figures[
        figures["unit"].isin(COUNT_UNITS) & ~wide
        & figures["modality"].fillna("reported").isin(REPORTED)
    ]  # fmt: skip


def _end(value: float, open_end: bool, word: str) -> str:
    return f"{word} {value:,.0f}" if open_end else f"{value:,.0f}"


def _range(rows: list[dict]) -> str:
    """Lowest lower to highest upper bound of claims of one unit ("5,000 – over 20,000")."""
    ranges = [(bounds(row), i) for i, row in enumerate(rows)]
    (low, _), low_at = min(ranges, key=lambda r: r[0][0])
    (_, high), high_at = max(ranges, key=lambda r: r[0][1])
    low_open, high_open = _missing(rows[low_at]["low"]), _missing(rows[high_at]["high"])
    first, last = _end(low, low_open, "under"), _end(high, high_open, "over")
    if low_at == high_at and low_open != high_open:  # one claim, open on one side
        return first if low_open else last
    return first if first == last else f"{first} – {last}"


def _summary(rows: list[dict]) -> str:
    by_unit: dict[str, list[dict]] = {}
    for row in rows:
        by_unit.setdefault(row["unit"], []).append(row)
    parts = [f"{_range(by_unit[unit])} {unit}" for unit in sorted(by_unit)]
    return f"{len(rows)} report{'s' if len(rows) != 1 else ''}: {'; '.join(parts)}"


def claim_range(claims: pd.DataFrame) -> str:
    """The count and, per unit, lowest to highest: "3 reports: 5,000 – over 20,000 people".

    An end is the lowest lower bound and the highest upper bound printed; a side a
    hedge leaves open ("less than", "more than") is said so, never closed by guess.
    """
    return _summary(claims.to_dict("records"))


def _summaries(records: list[dict], keys: list[object]) -> dict[str, dict]:
    """Per key (area id): the number of claims, their range and their printed labels.

    Plain Python over the records: an area holds a handful of claims, where
    pandas' per-group overhead would cost more than the work.
    """
    groups: dict[str, list[dict]] = {}
    for area, row in zip(keys, records, strict=True):
        if not _missing(area):
            groups.setdefault(str(area), []).append(row)
    return {
        area: {
            "reports": len(here),
            "summary": _summary(here),
            "labels": tuple(row["label"] for row in sorted(here, key=_date_end)),
        }
        for area, here in sorted(groups.items())
    }


def _missing(value: object) -> bool:
    return value is None or pd.isna(value)


def _date_end(row: dict) -> tuple[bool, str]:
    """Sort key: by the end of the period, undated last."""
    return _missing(row["date_end"]), "" if _missing(row["date_end"]) else str(row["date_end"])


def _district_of(claims: pd.DataFrame, districts: gpd.GeoDataFrame) -> pd.Series:
    """The district each claim is about: its own place when that is a district, else the
    district polygon its point falls in (claims about a whole governorate have none)."""
    own = claims["place_id"].where(claims["place_id"].isin(set(districts["id"])))
    points = claims[own.isna() & claims["lat"].notna() & (claims["precision"] == 1)]
    shapes = gpd.points_from_xy(points["lon"].astype(float), points["lat"].astype(float))
    # the shared frame's spatial index, built once (a column selection would rebuild it)
    found, inside = districts.sindex.query(shapes, predicate="within")
    first = pd.Series(districts["id"].to_numpy()[inside], index=points.index[found])
    return own.fillna(first[~first.index.duplicated()].reindex(own.index))


def area_claims(
    figures: pd.DataFrame,
    kind: str,
    governorates: gpd.GeoDataFrame,
    districts: gpd.GeoDataFrame,
) -> gpd.GeoDataFrame:
    """Per governorate and per district with claims of ``kind``: reports, range, labels.

    ``figures`` are located ones (:func:`geo.summary.locate`); a claim counts
    for the governorate it lies in (``governorate_id``) and, when it is about a
    district or a point inside one, for that district too.  Country-wide,
    expected and possible claims are left out.  Areas without claims are absent.
    """
    claims = _claims(figures)
    claims = claims.loc[claims["kind"] == kind, CLAIM_COLUMNS]
    records = claims.to_dict("records")
    levels = [
        ("governorate", governorates, list(claims["governorate_id"])),
        ("district", districts, list(_district_of(claims, districts))),
    ]
    rows = []
    for level, shapes, keys in levels:
        counted = _summaries(records, keys)
        for area_id, name, shape in zip(shapes["id"], shapes["name"], shapes.geometry, strict=True):
            if area_id in counted:
                rows.append({"id": area_id, "name": name, "level": level, **counted[area_id],
                             "geometry": shape})  # fmt: skip
    return gpd.GeoDataFrame(
        pd.DataFrame(rows, columns=AREA_COLUMNS), geometry="geometry", crs=governorates.crs
    )


def shade(reports: int, most: int) -> float:
    """Fill opacity from the number of reports (0.12 to 0.45, on a square-root scale)."""
    return 0.12 + 0.33 * math.sqrt(reports / max(most, 1))
