"""Hedged figures about displacement, fighters and territory, with place, period and sentence.

(Skeleton: records only.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from geo.gazetteer import Place


@dataclass(frozen=True)
class Figure:
    """One number a report gives, exactly as hedged.

    ``value`` is the best estimate, ``low``/``high`` the bounds the hedge
    implies (None where open).  ``unit`` is "people", "km2" or "percent";
    areas given in square miles are converted to km2 and ``text`` keeps the
    original words.  ``hedge`` is the hedge phrase as printed ("more than",
    "nearly", "about", "" for none).  Offsets index the article text.
    """

    kind: str
    value: float
    low: float | None
    high: float | None
    unit: str
    hedge: str
    text: str
    start: int
    end: int
    sentence: str
    place: Place | None
    date_start: date | None
    date_end: date | None
    date_basis: str
