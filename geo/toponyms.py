"""Find place names in article text and resolve each to a gazetteer entry, with evidence.

(Skeleton: records only. The owner of this module fills in recognition and resolution.)
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.gazetteer import Place


@dataclass(frozen=True)
class Alternative:
    """A candidate that was considered for a mention, and the evidence for/against it."""

    place: Place
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class PlaceMention:
    """A span of article text that names a place.

    ``place`` is None for a place-like name the gazetteer does not know
    ("the village of X"): such mentions are reported, never dropped.
    ``adjective`` is True for demonyms and adjectival uses ("Syrian forces",
    "Kurdish-led"), resolved to their country but counted apart from nouns.
    ``alternatives`` are the other candidates, best first.
    """

    text: str
    start: int
    end: int
    place: Place | None
    confidence: float
    adjective: bool
    evidence: tuple[str, ...]
    alternatives: tuple[Alternative, ...] = ()
