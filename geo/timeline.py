"""The map as of a chosen day, and the claims as bars over their periods.

A reader scrubbing through time wants to see what had been claimed by a day:
every count whose period had begun, and of territory only the newest claim
for each area, so a shrinking pocket is drawn footprint by footprint instead
of every footprint at once.  Pure functions of the store's figure rows.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from geo.summary import BROAD_KINDS, TERRITORY_KINDS

TIMELINE_COLUMNS = [
    "claim", "start", "end", "label", "kind", "modality", "place", "outlet", "sentence",
]  # fmt: skip


def _days(frame: pd.DataFrame, column: str, fallback: str) -> pd.Series:
    """A date column as Timestamps, the other end of the period where it is missing."""
    return pd.to_datetime(frame[column].fillna(frame[fallback]), errors="coerce")


def claim_days(figures: pd.DataFrame) -> list[date]:
    """The days on which some claim's period begins or ends: the stops of the time control."""
    days = pd.concat(
        [_days(figures, "date_start", "date_end"), _days(figures, "date_end", "date_start")]
    )
    return sorted({d.date() for d in days.dropna()})


def _scope(row) -> tuple[str, str]:
    """What a territory claim is about: its country, its governorate or its place.

    A newer claim anywhere inside that scope replaces it ("less than 2 square
    miles" held in Syria, then "less than a single square mile" at Baghuz).
    """
    if row.place_kind in BROAD_KINDS or row.precision == 3:
        return "country", str(row.country)
    if row.place_kind == "governorate":
        return "governorate", str(row.governorate_id)
    return "place", str(row.place_id)


def _inside(row, scope: tuple[str, str]) -> bool:
    level, key = scope
    column = {"country": "country", "governorate": "governorate_id", "place": "place_id"}[level]
    return str(getattr(row, column)) == key


def as_of(figures: pd.DataFrame, day: date | None) -> pd.DataFrame:
    """The figures the map shows on ``day`` (None: every figure, as the filters select them).

    Kept: each claim whose period has begun by ``day``; of the territory claims,
    only those no newer claim of the same kind (begun by ``day``) replaces.
    """
    if day is None or figures.empty:
        return figures
    begun = figures[_days(figures, "date_start", "date_end").dt.date <= day]
    territory = begun[begun["kind"].isin(TERRITORY_KINDS)]
    ends = _days(territory, "date_end", "date_start")
    replaced = set()
    for older in territory.itertuples():
        scope = _scope(older)
        for newer in territory.itertuples():
            newer_end, older_end = ends[newer.Index], ends[older.Index]
            if newer.kind == older.kind and newer_end > older_end and _inside(newer, scope):
                replaced.add(older.Index)
                break
    return begun.drop(index=list(replaced))


def timeline(figures: pd.DataFrame) -> pd.DataFrame:
    """One row per dated claim with the first and last day of its period, for a bar chart.

    A claim about one day is a bar of one day (its end is the day after its
    start), so it shows as a bar, never a dot.
    """
    start = _days(figures, "date_start", "date_end")
    end = _days(figures, "date_end", "date_start") + pd.Timedelta(days=1)
    frame = pd.DataFrame(
        {
            "start": start, "end": end, "label": figures["label"], "kind": figures["kind"],
            "modality": figures["modality"].fillna("reported"), "place": figures["name"],
            "outlet": figures["outlet"], "sentence": figures["sentence"],
        },
        columns=TIMELINE_COLUMNS,
    )  # fmt: skip
    frame = frame[frame["start"].notna()].sort_values(["start", "end"]).reset_index(drop=True)
    # one row each, even when two reports print the same words
    frame["claim"] = [f"{i + 1}. {label}" for i, label in enumerate(frame["label"])]
    return frame
