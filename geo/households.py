"""How many people a count of families or households stands for, only as the article says it.

A report that counts families ("some 200 families fled") counts families: the
figure stays 200 families.  A people estimate is added only when the article
itself gives the number, never from a default factor no report printed:

* **restated**: the same sentence gives the people count right beside it ("some
  200 families, about 1,000 people, fled"; "200 families (1,000 individuals)"):
  the estimate is that printed count, bounds as hedged;
* **factor**: the article gives a family size anywhere in its text ("families
  of five", "an average of six people per household", "each family has about
  seven members"): the estimate is the count times the size, bounds times
  bounds (an open bound stays open).  The count's own size ("200 families of
  five") wins, else the one given nearest before the count, else the first one
  after it; a size of families never scales households, nor the other way round.

"Five families" is a count, not a size, and "families of 10 soldiers" is no
size either.  The words are data: ``data/vocabulary/households.json``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from geo.quantities import HEDGES, NOUN_KINDS, Quantity, read_amount

WORDS_FILE = Path(__file__).resolve().parent.parent / "data" / "vocabulary" / "households.json"


@dataclass(frozen=True)
class PeopleEstimate:
    """The people a count of families or households stands for, and the words that say so.

    ``value`` is the best estimate, ``low``/``high`` its bounds (None where
    open).  ``source`` is "restated" (the article printed the people count) or
    "factor" (the count times the family size the article printed); ``words``
    are those printed words ("about 1,000 people", "families of five").
    """

    value: float
    low: float | None
    high: float | None
    source: str
    words: str

    @property
    def basis(self) -> str:
        """One line for a table cell: 'factor: families of five', 'restated: about 1,000 people'."""
        return f"{self.source}: {self.words}"


@dataclass(frozen=True)
class Factor:
    """A family size an article prints: "families of five" (value 5) at [start, end)."""

    unit: str
    value: float
    low: float | None
    high: float | None
    start: int
    end: int
    words: str


@cache
def _vocabulary() -> dict:
    return json.loads(WORDS_FILE.read_text(encoding="utf-8"))


def _words(name: str) -> str:
    return "|".join(sorted(map(re.escape, _vocabulary()[name]), key=len, reverse=True))


_HEDGE = "|".join(sorted(map(re.escape, HEDGES), key=len, reverse=True))
_AMOUNT = rf"(?P<amount>(?:(?:{_HEDGE})\s+)?(?:\d+(?:\.\d+)?(?![\w,]|\.\d)|[a-z]+(?:-[a-z]+)?\b))"
# A person noun right after a size makes it a count of them: "families of 10 soldiers" are
# the soldiers' families, no family size.
_PERSON_NEXT = re.compile(
    r"\s+(?:[\w'’-]+\s+)?(?:"
    + "|".join(sorted(map(re.escape, NOUN_KINDS), key=len, reverse=True))
    + r")(?![\w-])",
    re.I,
)


@cache
def _forms() -> tuple[tuple[str, re.Pattern], ...]:
    """(unit, pattern) for every form of a family size in the vocabulary."""
    members = rf"(?:{_words('members')})"
    return tuple(
        (
            unit,
            re.compile(
                r"(?<![\w-])"
                + form.format(
                    plural=re.escape(plural),
                    singular=re.escape(singular),
                    amount=_AMOUNT,
                    members=members,
                )
                + r"(?![\w-])",
                re.I,
            ),
        )
        for unit, (plural, singular) in _vocabulary()["units"].items()
        for form in _vocabulary()["forms"]
    )


REACH = 100
"""Characters around a unit noun that a family size may take ("an average of six people per
family" is 35): the forms are matched only there, not over the whole text."""


@cache
def _unit_nouns() -> re.Pattern:
    nouns = [noun for pair in _vocabulary()["units"].values() for noun in pair]
    return re.compile("|".join(sorted(map(re.escape, nouns), key=len, reverse=True)), re.I)


def _windows(text: str) -> list[tuple[int, int]]:
    """The stretches within ``REACH`` of a unit noun, merged, widened to whole words.

    A form that begins with any number ("six people per family") would otherwise be
    tried at every word of every article: this keeps the reader's speed.
    """
    windows: list[tuple[int, int]] = []
    for m in _unit_nouns().finditer(text):
        lo, hi = max(0, m.start() - REACH), min(len(text), m.end() + REACH)
        while lo > 0 and not text[lo - 1].isspace():
            lo -= 1
        while hi < len(text) and not text[hi].isspace():
            hi += 1
        if windows and lo <= windows[-1][1]:
            lo = windows.pop()[0]
        windows.append((lo, hi))
    return windows


def find_factors(text: str) -> list[Factor]:
    """Every family or household size the text prints, in text order."""
    largest = _vocabulary()["largest"]
    found = []
    for lo, hi in _windows(text):
        window = text[lo:hi]
        for unit, pattern in _forms():
            for m in pattern.finditer(window):
                amount = read_amount(m["amount"])
                if (
                    amount is None
                    or not 1 <= amount[0] <= largest
                    or _PERSON_NEXT.match(text, lo + m.end())
                ):
                    continue
                found.append(Factor(unit, *amount, lo + m.start(), lo + m.end(), m[0]))
    return sorted(found, key=lambda f: f.start)


def factor_for(factors: Sequence[Factor], unit: str, start: int, end: int) -> Factor | None:
    """The size of ``unit`` that applies to a count at [start, end): its own ("200 families
    of five"), else the nearest before it, else the first after it."""
    own = [f for f in factors if f.unit == unit]
    overlapping = [f for f in own if f.start < end and start < f.end]
    before = [f for f in own if f.start < start]
    return next(iter(overlapping or before[::-1] or own), None)


def is_size(factors: Sequence[Factor], q: Quantity) -> bool:
    """Whether ``q`` is the number of a family size ("six people" in "an average of six
    people per family"): a size, not a count of anyone."""
    return any(f.start <= q.start and q.end <= f.end for f in factors)


_RESTATED_OPEN = re.compile(
    r"\s*(?:,\s*(?:or\s+|that\s+is,?\s+|i\.e\.,?\s+)?|\(\s*(?:or\s+)?|\s[—–-]\s*|[—–]\s*)", re.I
)
_RESTATED_CLOSE = re.compile(r"\s*(?:\)|,(?!\s*(?:and|or)\b)|[—–]|\s-\s|[.;:]|$)", re.I)


def restates(text: str, count: Quantity, people: Quantity) -> bool:
    """Whether ``people`` restates ``count`` of families or households in people, right after
    it and set off like an aside ("200 families, about 1,000 people, fled"; "200 families
    (1,000 individuals)"), at one to ``largest`` people each.

    A list goes on with "and" ("200 families, 1,000 people and 30 soldiers"): no restatement.
    """
    nouns = _vocabulary()["restated_nouns"]
    return (
        count.noun in _vocabulary()["units"]
        and people.unit == "people"
        and people.noun in nouns
        and bool(_RESTATED_OPEN.fullmatch(text, count.end, people.start))
        and bool(_RESTATED_CLOSE.match(text, people.end))
        and count.value <= people.value <= count.value * _vocabulary()["largest"]
    )


def people_estimate(
    text: str, count: Quantity, following: Quantity | None, factors: Sequence[Factor]
) -> PeopleEstimate | None:
    """The people ``count`` (of families or households) stands for, from the article's own
    words: a restatement right after it (``following``) first, else a family size it prints."""
    if count.noun not in _vocabulary()["units"]:
        return None
    if following is not None and restates(text, count, following):
        return PeopleEstimate(
            following.value, following.low, following.high, "restated", following.text
        )
    factor = factor_for(factors, count.noun, count.start, count.end)
    if factor is None:
        return None
    value, low, high = (
        None if a is None or b is None else round(a * b, 2)  # 36 * 6.3 is 226.8, not 226.79999
        for a, b in (
            (count.value, factor.value),
            (count.low, factor.low),
            (count.high, factor.high),
        )
    )
    return PeopleEstimate(value, low, high, "factor", factor.words)
