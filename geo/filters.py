"""The dashboard's filters as one small hashable record, and its URL query-string form.

A copied link must reproduce a view, and a hand-edited or stale link must never
crash the app: :func:`parse_query` keeps every value it understands and reports
each one it drops as a notice the page shows, instead of raising.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

import pandas as pd

PARAMS = ("start", "end", "place", "kind", "outlet", "asof", "reviewed", "review")
"""The query-string names, in the order links are written.  ``review`` (article:start:end)
is no filter: it opens the Figures page's review form on one figure (a map popup's link)."""

_PLACE_ID = re.compile(r"^(?:\d+|wof:\d+|ne:\d+)$")


@dataclass(frozen=True)
class Filters:
    """What the user selected; empty tuples / None mean "no restriction".

    ``places`` are gazetteer ids; a governorate or country id selects every
    place inside its polygon.  ``as_of`` is the day the map is drawn as of
    (:func:`geo.timeline.as_of`); it selects nothing from the store, see
    :meth:`query`.  ``reviewed`` keeps only rows a reviewer confirmed, corrected or
    added (applied with the reviews, after the store's read).  Hashable, so Streamlit's
    caches can key on it.
    """

    start: date | None = None
    end: date | None = None
    places: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    as_of: date | None = None
    reviewed: bool = False

    def query(self) -> Filters:
        """What the store is asked for: the same filters without the day the map shows or the
        "reviewed only" choice, so moving through time or toggling it reuses the frames read."""
        return replace(self, as_of=None, reviewed=False)


def _values(params: Mapping[str, str | Sequence[str]], name: str) -> list[str]:
    """Every value of ``name``: query mappings give a string or a list for repeated keys."""
    value = params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def _parse_date(params: Mapping, name: str, notices: list[str]) -> date | None:
    values = [v for v in _values(params, name) if v.strip()]
    if not values:
        return None
    try:
        return date.fromisoformat(values[-1].strip())
    except ValueError:
        notices.append(f"Ignored {name}={values[-1]!r}: dates are written YYYY-MM-DD.")
        return None


def _parse_many(
    params: Mapping,
    name: str,
    known: Collection[str] | None,
    notices: list[str],
    pattern: re.Pattern | None = None,
) -> tuple[str, ...]:
    """The distinct values of a repeatable parameter that are well formed and known."""
    kept: list[str] = []
    for raw in _values(params, name):
        value = raw.strip()
        if not value or value in kept:
            continue
        if (pattern and not pattern.match(value)) or (known is not None and value not in known):
            notices.append(f"Ignored {name}={value!r}: not a known {name}.")
            continue
        kept.append(value)
    return tuple(kept)


def parse_query(
    params: Mapping[str, str | Sequence[str]],
    *,
    places: Collection[str] | None = None,
    kinds: Collection[str] | None = None,
    outlets: Collection[str] | None = None,
) -> tuple[Filters, tuple[str, ...]]:
    """Read filters from a query-string mapping; return them with a notice per value dropped.

    ``places``/``kinds``/``outlets`` are the values the app knows (None: accept
    any well-formed value).  A start after the end is swapped, with a notice,
    because the user's intent (that range) is clear.
    """
    notices: list[str] = []
    for name in params:
        if name not in PARAMS:
            notices.append(f"Ignored unknown parameter {name!r}.")
    start = _parse_date(params, "start", notices)
    end = _parse_date(params, "end", notices)
    day = _parse_date(params, "asof", notices)
    if start and end and start > end:
        notices.append(f"start {start} was after end {end}: swapped them.")
        start, end = end, start
    filters = Filters(
        start=start,
        end=end,
        places=_parse_many(params, "place", places, notices, _PLACE_ID),
        kinds=_parse_many(params, "kind", kinds, notices),
        outlets=_parse_many(params, "outlet", outlets, notices),
        as_of=day,
        reviewed=_values(params, "reviewed")[-1:] == ["1"],
    )
    return filters, tuple(notices)


def to_query(filters: Filters) -> dict[str, str | list[str]]:
    """The query-string form of ``filters``, omitting what is unrestricted (round-trips)."""
    query: dict[str, str | list[str]] = {}
    if filters.start:
        query["start"] = filters.start.isoformat()
    if filters.end:
        query["end"] = filters.end.isoformat()
    for name, values in (
        ("place", filters.places),
        ("kind", filters.kinds),
        ("outlet", filters.outlets),
    ):
        if values:
            query[name] = list(values)
    if filters.as_of:
        query["asof"] = filters.as_of.isoformat()
    if filters.reviewed:
        query["reviewed"] = "1"
    return query


@dataclass(frozen=True)
class DateControl:
    """What the date widget shows: the selected range inside limits that always hold it.

    A link may carry dates far from the data (``?start=2039-03-10``): the
    widget must still draw (its value inside its limits, start before end), and
    the reader is told, not shown an exception.
    """

    value: tuple[date, date]
    min_value: date
    max_value: date
    notices: tuple[str, ...]


_PICKABLE = timedelta(days=3653)
"""How far beyond the selection and the data the widget lets a reader pick (Streamlit's own
default is ten years either side of its value)."""


def date_control(filters: Filters, span: tuple[date, date]) -> DateControl:
    """The date widget's value and limits for ``filters`` over data dated within ``span``."""
    first, last = span
    end = filters.end or max(last, filters.start or last)
    start = min(filters.start or first, end)
    notices = []
    if filters.start and filters.start > last:
        notices.append(f"start {filters.start} is after the newest article ({last}).")
    if filters.end and filters.end < first:
        notices.append(f"end {filters.end} is before the oldest article ({first}).")
    if notices:
        notices.append("No article falls in the selected dates.")
    if filters.as_of and filters.as_of > last:
        notices.append(f"map as of {filters.as_of} is after the newest article ({last}): "
                       "it shows every claim.")  # fmt: skip
    elif filters.as_of and filters.as_of < first:
        notices.append(f"map as of {filters.as_of} is before the oldest article ({first}): "
                       "no claim had begun.")  # fmt: skip
    lowest, highest = min(first, start), max(last, end)
    return DateControl(
        (start, end),
        lowest - min(_PICKABLE, lowest - date.min),
        highest + min(_PICKABLE, date.max - highest),
        tuple(notices),
    )


LOCATION_COLUMNS = ["id", "label", "level", "country", "governorate_id"]


def _present(value) -> bool:
    return isinstance(value, str) and bool(value)


def _own_name(row) -> str:
    """A governorate's name from a row naming it, else its id (the polygon had no name)."""
    return row.name if row.kind == "governorate" else row.governorate_id


def location_choices(mentions: pd.DataFrame, governorate_names: Mapping[str, str]) -> pd.DataFrame:
    """What the location filter offers, one row per id: level country, governorate or place.

    ``mentions`` need only the place columns (one row per distinct place is
    enough: :func:`geo.aggregates.location_rows` reads just those).

    Governorates come both from mentions of them and from the polygons that hold
    mentioned places (``governorate_id``), named through ``governorate_names``,
    so "Deir ez-Zor" is offered even when only Baghuz is named.
    """
    resolved = mentions[mentions["place_id"].notna()]
    kinds = resolved["kind"]
    countries = resolved[kinds == "country"].drop_duplicates("place_id")
    countries = pd.DataFrame(
        {"id": countries["place_id"], "label": countries["name"], "level": "country",
         "country": countries["country"], "governorate_id": None}
    )  # fmt: skip
    held = resolved[resolved["governorate_id"].notna()]
    # a mention of the governorate itself names it best, whichever row comes first
    named = held.assign(_other=held["kind"] != "governorate")
    held = named.sort_values("_other", kind="stable").drop_duplicates("governorate_id")
    governorates = pd.DataFrame(
        {
            "id": held["governorate_id"],
            "label": [
                governorate_names.get(row.governorate_id, _own_name(row))
                for row in held.itertuples(index=False)
            ],
            "level": "governorate",
            "country": held["country"],
            "governorate_id": held["governorate_id"],
        }
    )
    places = resolved[~kinds.isin(["country", "governorate"])].drop_duplicates("place_id")
    places = pd.DataFrame(
        {
            "id": places["place_id"],
            "label": [_place_label(row) for row in places.itertuples(index=False)],
            "level": "place",
            "country": places["country"],
            "governorate_id": places["governorate_id"],
        }
    )
    frames = [f for f in (countries, governorates, places) if not f.empty]
    if not frames:
        return pd.DataFrame(columns=LOCATION_COLUMNS)
    choices = pd.concat(frames, ignore_index=True).drop_duplicates("id")
    twins = choices.duplicated(["level", "label"], keep=False)
    choices.loc[twins, "label"] = choices.loc[twins, "label"] + " · id " + choices.loc[twins, "id"]
    return choices.sort_values(["level", "label"]).reset_index(drop=True)[LOCATION_COLUMNS]


def _place_label(row) -> str:
    """ "Hajin (populated place, Deir ez-Zor)": the kind and governorate tell namesakes apart."""
    where = ", ".join(p for p in (row.kind, row.admin1) if _present(p))
    return f"{row.name} ({where})" if where else str(row.name)


def chosen_by_level(places: Sequence[str], locations: pd.DataFrame) -> dict[str, list[str]]:
    """What each location widget shows for ``places``: the chosen ids, plus their parents.

    Choosing a governorate keeps its country chosen (and a place its governorate
    and country), so the reader still sees where the selection lies; the
    filter itself is the narrowest level chosen.
    """
    rows = locations[locations["id"].isin(list(places))]
    countries = locations[
        (locations["level"] == "country") & locations["country"].isin(set(rows["country"]))
    ]
    held = set(rows.loc[rows["level"] == "place", "governorate_id"].dropna())
    governorates = locations[(locations["level"] == "governorate") & locations["id"].isin(held)]
    chosen = {level: [p for p in places if p in set(rows.loc[rows["level"] == level, "id"])]
              for level in ("country", "governorate", "place")}  # fmt: skip
    chosen["country"] += [c for c in countries["id"] if c not in chosen["country"]]
    chosen["governorate"] += [g for g in governorates["id"] if g not in chosen["governorate"]]
    return chosen
