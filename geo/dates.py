"""Dates in articles: explicit and relative expressions -> a Period, against the publication date.

(Skeleton: records only.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Period:
    """The days a statement applies to, and how they were found.

    ``basis`` is "stated" (an explicit date in the text), "relative" (an
    expression such as "on Thursday" or "over the past four days" resolved
    against the publication date) or "publication" (nothing in the text; the
    publication date is used).
    """

    start: date
    end: date
    basis: str
