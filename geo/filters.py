"""The dashboard's filters as one small hashable record, and its URL query-string form.

(Skeleton: record only.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Filters:
    """What the user selected; empty tuples / None mean "no restriction".

    ``places`` are gazetteer ids; a governorate or country id selects every
    place inside its polygon.  Hashable, so Streamlit's caches can key on it.
    """

    start: date | None = None
    end: date | None = None
    places: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
