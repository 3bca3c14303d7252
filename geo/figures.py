"""Hedged figures about displacement, fighters and territory, with place, period and sentence.

Two steps.  :func:`find_quantities` reads every number in a text the way a
careful reader would: the amount ("8,000", "a thousand", "half a million",
"tens of thousands"), the hedge printed before it ("more than", "nearly",
"about") turned into bounds, and the unit after it (people, km², percent;
square miles converted exactly).  :func:`find_figures` then keeps the
quantities about the conflict's human or territorial scale, gives each a kind
from the words of its clause, and attaches the place and period it applies to.

Vocabulary (README-ready)
-------------------------
Amounts with no single value get a documented range (low .. high, value = the
best guess; "N" is the unit word):

=====================  ===================  =========
words                  low .. high          value
=====================  ===================  =========
dozens                 24 .. 99             36
scores                 40 .. 99             60
hundreds               200 .. 999           300
thousands              2,000 .. 9,999       3,000
tens of thousands      20,000 .. 99,999     30,000
hundreds of thousands  200,000 .. 999,999   300,000
millions               2 .. 9.99 million    3 million
several N              3N .. 9N             5N
a few N                2N .. 5N             3N
A or B, A to B,        A .. B               midpoint
between A and B
a third, a quarter,    33.3 %, 25 %, 50 %   (exact; "of ..." must follow)
half
=====================  ===================  =========

"a thousand" = 1,000, "half a million" = 500,000, "a dozen" = 12, "a single" = 1.

Hedges: "more than", "over", "at least", "upwards of", "in excess of", "no fewer
than", "N or more" -> ``low`` = N, ``high`` open; "nearly", "almost", "up to",
"less than", "fewer than", "under", "as many as", "close to", "no more than"
-> ``high`` = N, ``low`` open; "about", "around", "some", "roughly",
"approximately", "an estimated", "N or so" -> N ± 10 %.  A plain N has
``low`` = ``high`` = N.  Hedges do not move the range of a vague amount.

Kinds, decided by the words around the number: a "dead"/"injured" noun first,
then an event word among its modifiers or nearest to it (after it on ties),
then the person noun, then words saying people are still there:

===================  ==============================================================
kind                 words
===================  ==============================================================
displaced            left, fled, escaped, evacuated, trudged out, exodus, displaced,
                     expelled, uprooted, crossed (into), camp(s) (right beside the
                     number), refugees, evacuees, "internally displaced people"
returned             returned, went/came back, returnees
detained             detained, arrested, captured, held/holding (fighters), surrendered,
                     custody, prisoners, detainees
killed               killed, dead, died, deaths, slain, executed, bodies, "the death
                     toll rose to N"
wounded              wounded, injured, hurt
fighters             fighters, militants, jihadists, gunmen, insurgents, combatants,
                     extremists, rebels, "-strong"  (soldiers/troops of an army: other)
civilians_remaining  trapped, remain(ing), stranded, besieged, inside, hostages,
                     held/holding (civilians)
territory_area       an area (km², square miles) in a sentence about holding ground
territory_share      "N percent of (its) territory / the caliphate / land / area", or
                     "of <Place> / the city / the country" with a word of control
                     (controls, holds, seized; "remains under rebel control"); after
                     "lost", "retaken", "recaptured", "liberated" ... the share still
                     held is 100 - N (bounds flipped)
other                every other count of people, percentage or area
===================  ==============================================================

Not figures at all: numbers inside time expressions, years, ages and other
hyphenated compounds ("79-member", "22-year-old"), numbers with units other
than people, km², square miles or percent (money, "two miles from", "more than
two kilometers", shots, cars), sizes ("a population of 20 million"), and bare
numbers with neither a person noun nor a verb and
event word right after them ("Class 4 felony").  Typed other: percentages of
100 (slogans and totals: "100 percent of the caliphate"), shares or areas said
to be held "once" or "formerly", areas said to be lost, projections ("aid
agencies expect 100,000 to flee", "will", "could"), and people counted for
anything else ("13 million people need aid", "2,000 U.S. troops", "could hold
5,300 people").

Square miles become km² by the exact factor 2.589988110336; ``original`` keeps
the amount as printed.  An area followed by its own conversion in brackets
("less than a single square mile (1.6 square kilometers)") is one figure: the
bounds come from the hedged amount, and the source's km² number is the value
when it lies within them.

Place: the nearest resolved, non-adjective, non-river place named in the same
clause (comma to comma), else in the sentence (a country only after a place
preposition: "in Syria", not "U.S. officials"; "from <country>" only for people
who fled it), else a place other than a country in the sentence before it in the
same paragraph, else the article's focus place (its most-mentioned resolved
place that is not a country or river, first mentioned on ties), else none.  An
aside between dashes or brackets keeps its places and dates to itself, and a
dateline ("BEIRUT — ") lends none.  Period: the nearest time expression in the
clause, the sentence, or the sentence before in the same paragraph
(:mod:`geo.dates`), else the publication date (basis "publication"); with no
publication date and nothing stated, none.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from geo.articles import Article
from geo.dates import DateMention, date_spans, find_dates, publication_period
from geo.gazetteer import Place

if TYPE_CHECKING:
    from geo.toponyms import PlaceMention

SQUARE_MILE_KM2 = 2.589988110336
APPROX = 0.1
LARGEST = 1e10  # no count of people or km² is larger: a longer digit run is an id or a code
KINDS = (
    "displaced", "returned", "fighters", "detained", "killed", "wounded",
    "civilians_remaining", "territory_area", "territory_share", "other",
)  # fmt: skip
UNITS = ("people", "km2", "percent")


@dataclass(frozen=True)
class Figure:
    """One number a report gives, exactly as hedged.

    ``value`` is the best estimate, ``low``/``high`` the bounds the hedge
    implies (None where open).  ``unit`` is "people", "km2" or "percent";
    areas given in square miles are converted to km2 and ``original`` keeps
    the printed amount ("2 square miles").  ``hedge`` is the hedge phrase as
    printed ("more than", "nearly", "about", "" for none).  ``cue`` is the word
    that decided the kind ("evacuated", "fighters", "held").  Offsets index the
    article text: ``text == article.text[start:end]``.
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
    original: str = ""
    cue: str = ""

    @property
    def label(self) -> str:
        """A short reading of the figure: "> 20,000 evacuated", "< 5.2 km² held", "0.5 % held"."""
        unit = {"km2": " km²", "percent": " %"}.get(self.unit, "")
        if self.low is not None and self.high is not None and self.low != self.high:
            if self.hedge_kind == "approx":
                amount = f"≈ {_number(self.value)}"
            else:
                amount = f"{_number(self.low)}–{_number(self.high)}"
        elif self.low is None and self.high is not None:
            amount = f"< {_number(self.high)}"
        elif self.high is None and self.low is not None:
            amount = f"> {_number(self.low)}"
        else:
            amount = _number(self.value)
        return " ".join(part for part in (amount + unit, self.cue) if part)

    @property
    def hedge_kind(self) -> str:
        """"low", "high", "approx" or "" for the printed hedge."""
        return _hedge_kind(self.hedge)

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "hedge": self.hedge,
            "label": self.label,
            "text": self.text,
            "original": self.original,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "place_id": self.place.id if self.place else None,
            "place_geonameid": self.place.geonameid if self.place else None,
            "date_start": self.date_start.isoformat() if self.date_start else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "date_basis": self.date_basis,
        }


def _number(x: float) -> str:
    if abs(x) >= 10 or x == int(x):
        return f"{x:,.0f}"
    return f"{x:.2g}"


@dataclass(frozen=True)
class Quantity:
    """A number as printed, with its hedge, bounds and unit, before any kind is decided.

    ``unit`` is "people" (a person noun follows), "km2", "percent" or "" (a
    bare number).  ``noun`` is the person noun, lower-cased ("fighters");
    ``modifiers`` the words between amount and noun ("internally displaced").
    """

    text: str
    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    unit: str
    hedge: str
    noun: str = ""
    original: str = ""
    modifiers: str = ""


# --- amounts -----------------------------------------------------------------------------

_ONES = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
           "billion": 1_000_000_000}  # fmt: skip
_VAGUE = {  # words: (low, value, high)
    "dozens": (24, 36, 99),
    "scores": (40, 60, 99),
    "hundreds": (200, 300, 999),
    "thousands": (2_000, 3_000, 9_999),
    "tens of thousands": (20_000, 30_000, 99_999),
    "hundreds of thousands": (200_000, 300_000, 999_999),
    "millions": (2_000_000, 3_000_000, 9_999_999),
}
_SOME_OF = {"several": (3, 5, 9), "a few": (2, 3, 5), "a couple of": (2, 2, 2)}
_FRACTIONS = {"third": 100 / 3, "quarter": 25.0, "half": 50.0, "two-thirds": 200 / 3,
              "two thirds": 200 / 3, "three-quarters": 75.0, "three quarters": 75.0}  # fmt: skip

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = (
    rf"(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(list(_ONES)[:9])}))?|"
    + "|".join(sorted(_ONES, key=len, reverse=True))
)
_SCALE = r"(?:hundred|thousand|million|billion)"
_AMOUNT = (
    r"(?:(?P<vague>(?:tens|hundreds)\s+of\s+thousands|dozens|scores|hundreds|thousands|millions)"
    rf"|(?P<some>several|a\s+few|a\s+couple\s+of)\s+(?P<some_scale>dozen|{_SCALE})"
    rf"|half\s+a\s+(?P<half_scale>{_SCALE})"
    r"|(?P<fraction>(?:a|one)\s+(?:third|quarter|half)|two[- ]thirds|three[- ]quarters|half)"
    r"(?=\s+of\b)"
    r"|(?P<single>a\s+single)"
    rf"|(?:a|one)\s+(?P<a_scale>dozen|{_SCALE})"
    rf"|(?P<digits>{_DIGITS})(?:\s+(?P<digit_scale>{_SCALE}))?"
    rf"|(?P<word>{_WORD})(?:\s+(?P<word_hundred>hundred))?(?:\s+(?P<word_scale>dozen|{_SCALE}))?)"
)
_AMOUNT_RE = re.compile(
    rf"(?<![\w.,$£€#/:-]){_AMOUNT}(?!(?!-strong\b)[\w-]|[.,:]\d)", re.I
)  # "79-member" is not a count, "a 2,000-strong force" is

_HEDGES = {
    "low": ["more than", "over", "at least", "upwards of", "in excess of", "no fewer than",
            "no less than", "not less than", "well over", "just over", "a minimum of"],
    "high": ["nearly", "almost", "up to", "less than", "fewer than", "under", "just under",
             "as many as", "close to", "no more than", "not more than", "at most", "below"],
    "approx": ["about", "around", "some", "roughly", "approximately", "an estimated",
               "estimated", "an approximate", "circa"],
}  # fmt: skip
_HEDGE_OF = {h: kind for kind, words in _HEDGES.items() for h in words}
_HEDGE_RE = re.compile(
    r"\b(?P<hedge>" + "|".join(sorted(map(re.escape, _HEDGE_OF), key=len, reverse=True))
    + r")[^\S\n]+$", re.I,
)  # fmt: skip
_POSTFIX_HEDGE_RE = re.compile(r"\s+or\s+(?P<postfix>more|so)\b", re.I)
_RANGE_RE = re.compile(rf"\s+(?:or|to)\s+(?={_AMOUNT}\b)", re.I)
_BETWEEN_RE = re.compile(rf"\s+and\s+(?={_AMOUNT}\b)", re.I)


_POSTFIX_HEDGES = {"or more": "low", "or so": "approx"}


def _hedge_kind(hedge: str) -> str:
    """"low", "high" or "approx" for a printed hedge, "" for none."""
    key = re.sub(r"\s+", " ", hedge.lower())
    return _HEDGE_OF.get(key) or _POSTFIX_HEDGES.get(key, "")


def _amount(m: re.Match) -> tuple[float, float, float]:
    """(low, value, high) of one amount match."""
    g = {k: (v.lower() if v else v) for k, v in m.groupdict().items()}
    if g["vague"]:
        return _VAGUE[re.sub(r"\s+", " ", g["vague"])]
    if g["some"]:
        scale = _SCALES[g["some_scale"]]
        low, value, high = _SOME_OF[re.sub(r"\s+", " ", g["some"])]
        return low * scale, value * scale, high * scale
    if g["half_scale"]:
        return (_SCALES[g["half_scale"]] / 2,) * 3
    if g["fraction"]:
        value = _FRACTIONS[re.sub(r"^(?:a|one)\s+", "", g["fraction"])]
        return value, value, value
    if g["single"]:
        return 1, 1, 1
    if g["a_scale"]:
        return (_SCALES[g["a_scale"]],) * 3
    if g["digits"]:
        value = float(g["digits"].replace(",", "")) * _SCALES.get(g["digit_scale"] or "", 1)
        return value, value, value
    words = re.split(r"[- ]", g["word"])
    value = sum(_TENS.get(w, 0) + _ONES.get(w, 0) for w in words)
    value *= 100 if g["word_hundred"] else 1
    value *= _SCALES.get(g["word_scale"] or "", 1)
    return value, value, value


# --- units --------------------------------------------------------------------------------

_PERCENT_RE = re.compile(r"\s*(?:%|\s(?:percent|per\s+cent|pct)\b)", re.I)
_AREA_RE = re.compile(
    r"\s+(?:(?P<mi>square\s+miles?|sq\.?\s*mi(?:les?)?\b\.?)"
    r"|(?P<km>square\s+(?:kilometers?|kilometres?)|sq\.?\s*km\b|km2\b|km²))",
    re.I,
)
_CONVERSION_RE = re.compile(
    r"[\"”’']?\s*\(\s*(?P<amount>" + _DIGITS + r")\s*(?:(?P<mi>square\s+miles?|sq\.?\s*mi\b)"
    r"|(?P<km>square\s+(?:kilometers?|kilometres?)|sq\.?\s*km\b|km2\b|km²))\s*\)",
    re.I,
)
_PERSON_NOUNS = {
    "fighters": ("fighters", "militants", "jihadists", "gunmen", "insurgents", "combatants",
                 "extremists", "rebels", "terrorists", "operatives", "recruits", "-strong"),
    "displaced": ("refugees", "evacuees", "displaced", "idps", "asylum seekers"),
    "returned": ("returnees",),
    "detained": ("prisoners", "detainees", "captives", "inmates"),
    "civilians_remaining": ("hostages",),
    "killed": ("dead", "bodies"),
    "wounded": ("wounded", "injured"),
    "": ("people", "persons", "person", "civilians", "residents", "others", "men", "women",
         "children", "families", "soldiers", "troops", "servicemen", "policemen", "police",
         "officers", "members", "migrants", "followers", "survivors", "victims", "casualties",
         "individuals", "inhabitants", "villagers", "households", "youths", "students",
         "workers", "foreigners", "nationals", "citizens", "minors", "babies", "infants",
         "adults", "wives", "widows", "orphans", "kurds", "arabs", "yazidis", "christians",
         "man", "woman", "child", "boy", "girl", "civilian", "resident", "soldier", "officer",
         "policeman", "member"),
}  # fmt: skip
_NOUN_KIND = {noun: kind for kind, nouns in _PERSON_NOUNS.items() for noun in nouns}
_NOUN_RE = re.compile(
    r"(?:\s+of)?\s+(?P<mods>(?:(?:more|other|foreign|armed|local|young|new|additional|suspected"
    r"|unarmed|innocent|\w+ly|\w+ed|(?-i:[A-Z][\w'’-]*(?:\.[A-Z]\.?)*)|\w+-\w+(?:-\w+)?),?\s+){0,3})"
    r"(?P<noun>" + "|".join(sorted(_NOUN_KIND, key=len, reverse=True))
    + r"|(?-i:[A-Z][a-z]+(?:ians|ans|is|ese)))(?![\w-])",
    re.I,
)  # fmt: skip


_OTHER_UNIT_RE = re.compile(
    r"(?:\s+of)?\s+(?:[\w-]+\s+)?(?:miles?|kilometers?|kilometres?|km|meters?|metres?|feet|foot"
    r"|yards?|inches|years?|months?|weeks?|days?|hours?|minutes?|seconds?|shots?|rounds?|times"
    r"|dollars?|euros?|pounds?|tons?|tonnes?|cars?|vehicles?|villages?|towns?|cities|houses?"
    r"|homes?|buildings?|votes?|seats?|countries|nations)\b|\s*[ap]\.?m\b",
    re.I,
)


_NOT_A_COUNT_RE = re.compile(
    r"\b(?:population|capacity|budget|cost|price|aged?|ages|number|No\.)\s+(?:of\s+)?"
    r"(?:about\s+|some\s+|around\s+|nearly\s+|over\s+|more\s+than\s+)?$",
    re.I,
)  # "a population of 20 million", "aged 17": sizes and ages, not people counted


def _is_age(text: str, m: re.Match) -> bool:
    """'Aondona, 7, who ...': a small number set off by commas after a name is an age."""
    return bool(
        m["digits"]
        and re.search(r"(?-i:[A-Z])[\w'’-]+,\s*$", text[max(0, m.start() - 40) : m.start()])
        and re.match(r"\s*(?:[,;)—–]|\s-\s|$)", text[m.end() :])
    )


def _person_noun(text: str, end: int) -> re.Match | None:
    """The person noun a number counts ("900 foreign fighters", "thousands of civilians")."""
    return _NOUN_RE.match(text, end)


def _bounds(low: float, value: float, high: float, hedge_kind: str):
    """(value, low, high) after the hedge: open on one side, ±10 %, or the amount's range."""
    low, value, high = float(low), float(value), float(high)
    if low != high:
        return value, low, high
    if hedge_kind == "low":
        return value, value, None
    if hedge_kind == "high":
        return value, None, value
    if hedge_kind == "approx":
        return value, value - value * APPROX, value + value * APPROX
    return value, value, value


def find_quantities(text: str) -> list[Quantity]:
    """Every count of people, area and percentage printed in ``text``, with hedge and bounds."""
    in_dates = date_spans(text)
    found: list[Quantity] = []
    for m in _AMOUNT_RE.finditer(text):
        if found and m.start() < found[-1].end:
            continue
        if any(s <= m.start() < e for s, e in in_dates) or _is_year(m, text):
            continue
        quantity = _quantity(m, text)
        if quantity is not None:
            found.append(quantity)
    return found


def _is_year(m: re.Match, text: str) -> bool:
    digits = m["digits"] or ""
    return bool(re.fullmatch(r"(?:1[89]|20)\d\d", digits)) and not _person_noun(text, m.end())


@dataclass(frozen=True)
class _Unit:
    end: int
    unit: str  # "people", "km2", "percent" or "" (bare)
    noun: str = ""
    modifiers: str = ""
    miles_end: int = 0  # end of "2 square miles" when the area was given in square miles
    stated_km2: float | None = None  # "(1.6 square kilometers)" after square miles


def _unit(m: re.Match, text: str, end: int) -> _Unit | None:
    """What the amount counts, read from the words after it; None for other units and ages."""
    if m["fraction"]:
        return _Unit(end, "percent")
    if percent := _PERCENT_RE.match(text, end):
        return _Unit(percent.end(), "percent")
    if area := _AREA_RE.match(text, end):
        miles_end = area.end() if area["mi"] else 0
        conversion = _CONVERSION_RE.match(text, area.end())
        if conversion is None:
            return _Unit(area.end(), "km2", miles_end=miles_end)
        stated = float(conversion["amount"].replace(",", "")) if conversion["km"] else None
        return _Unit(conversion.end(), "km2", miles_end=miles_end, stated_km2=stated)
    if text.startswith("-strong", end):
        return _Unit(end + len("-strong"), "people", "-strong")
    if _OTHER_UNIT_RE.match(text, end) or _is_age(text, m) or _NOT_A_COUNT_RE.search(
        text, max(0, m.start() - 30), m.start()
    ):
        return None
    if noun := _person_noun(text, end):
        return _Unit(noun.end(), "people", noun["noun"].lower(), noun["mods"].strip())
    return _Unit(end, "")


def _quantity(m: re.Match, text: str) -> Quantity | None:
    low, value, high = _amount(m)
    if high > LARGEST:
        return None
    hedge_m = _HEDGE_RE.search(text, max(0, m.start() - 25), m.start())
    hedge = hedge_m["hedge"] if hedge_m else ""
    start, end = (hedge_m.start() if hedge_m else m.start()), m.end()
    between = re.search(r"\bbetween\s+$", text[max(0, m.start() - 9) : m.start()], re.I)
    range_m = (_BETWEEN_RE if between else _RANGE_RE).match(text, end)
    if range_m and low == high and not m["fraction"]:
        second = _AMOUNT_RE.match(text, range_m.end())
        other = _amount(second) if second else None
        if other and other[0] == other[2] and other[0] > value:
            low, high, value, end = value, other[0], (value + other[0]) / 2, second.end()
    if not hedge and (postfix := _POSTFIX_HEDGE_RE.match(text, end)):  # "8,000 or more people"
        hedge, end = postfix[0].strip(), postfix.end()
    unit = _unit(m, text, end)
    if unit is None:
        return None
    end = unit.end
    if not hedge and (postfix := _POSTFIX_HEDGE_RE.match(text, end)):  # "8,000 people or more"
        hedge, end = postfix[0].strip(), postfix.end()
    value, low_b, high_b = _bounds(low, value, high, _hedge_kind(hedge))
    original = ""
    if unit.miles_end:
        original = text[m.start() : unit.miles_end]
        value, low_b, high_b = (
            None if x is None else x * SQUARE_MILE_KM2 for x in (value, low_b, high_b)
        )
    stated = unit.stated_km2
    if stated is not None and (low_b is None or low_b <= stated) and (
        high_b is None or stated <= high_b
    ):
        value = stated
    return Quantity(text[start:end], start, end, value, low_b, high_b, unit.unit, hedge,
                    unit.noun, original, unit.modifiers)


# --- sentences and clauses ----------------------------------------------------------------

_ABBREVIATION_RE = re.compile(
    r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Gen|Cmdr|Col|Lt|Sgt|Capt|Maj|Gov|Sen|Rep|Prof|St|Jr|Sr"
    r"|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|vs|etc|Inc|Co)\.)$"
)
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])|\n")
_WRAPPED_LINE = 60


def _wrapped(text: str, newline: int) -> bool:
    """A line break inside a hard-wrapped sentence: a long line with no closing punctuation."""
    line = text[text.rfind("\n", 0, newline) + 1 : newline].strip()
    following = text[newline + 1 : text.find("\n", newline + 1) % (len(text) + 1)].strip()
    return len(line) >= _WRAPPED_LINE and bool(following) and line[-1] not in ".!?\"”'’:)"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at . ! ? before a capital, and at line breaks.

    A full stop after a known abbreviation ("U.S.", "Gen.", "Dec.") does not end
    a sentence, nor does the line break of a hard-wrapped paragraph.
    """
    spans, start = [], 0
    for m in _SENTENCE_END_RE.finditer(text):
        if m[0] == "\n" and _wrapped(text, m.start()):
            continue
        if m[0] != "\n" and _ABBREVIATION_RE.search(text, 0, m.start() + 1):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans
            if text[s:e].strip()]


_CLAUSE_BREAK_RE = re.compile(r"[,;:()\"“”]|\s[—–-]\s|—|–")


def _clause(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The comma-to-comma stretch of the sentence holding [start, end)."""
    s, e = sentence
    before = [m.end() for m in _CLAUSE_BREAK_RE.finditer(text, s, start)]
    after = _CLAUSE_BREAK_RE.search(text, end, e)
    return (before[-1] if before else s), (after.start() if after else e)


# --- kinds --------------------------------------------------------------------------------

def _cues(words: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.I)


_EVENT_CUES = {
    "killed": _cues(r"kill(?:ed|ing|s)?|dead|died|die|deaths?|death toll|slain|executed"
                    r"|massacred|perished|lives"),
    "wounded": _cues(r"wounded|wounding|injured|injuring|injuries|hurt"),
    "detained": _cues(r"detain(?:ed|ing|s)?|arrest(?:ed|ing|s)?|captured?|capturing|held|holding"
                      r"|holds?|surrender(?:ed|ing|s)?|custody|imprisoned|jailed|lockups?"
                      r"|taken prisoner|releas(?:e|ed|ing)"),
    "displaced": _cues(r"left|leave|leaving|fled|flee(?:ing|s)?|escaped?|escaping|evacuated"
                       r"|evacuation|trudged|streamed|poured|exodus|displaced|displacement"
                       r"|uprooted|expelled|forced (?:out|from)|came out|come out|sending|camps?"
                       r"|crossed|shelter(?:s|ed|ing)?"),
    "returned": _cues(r"return(?:ed|ing|s)?|went back|came back|come back|back home"),
}
_REMAINING_CUES = _cues(r"trapped|remain(?:ed|ing|s)?|stranded|besieged|inside|holed up"
                        r"|hostages?|still in|stuck|presence")
_HOLD_RE = _cues(r"held|holding|holds?")
_CIVILIAN_NOUNS = {"civilians", "residents", "people", "hostages", "families", "women", "children"}
_LOST_RE = _cues(r"lost|losing|loses|lose|retaken|retook|retake|recaptured?|liberated?|freed"
                 r"|cleared|regained|wrested|captured from|seized from"
                 r"|taken back|seized from")
_PAST_RE = _cues(r"once|formerly|at its (?:height|peak)")
_MODAL_RE = _cues(r"will|would|could|might|may|should")
_TERRITORY_OF_RE = re.compile(
    r"\s+of\s+(?:[\w'’-]+\s+){0,3}?(?:territory|territories|caliphate|land|lands|ground"
    r"|enclave|area|areas)\b",
    re.I,
)
_PLACE_OF_RE = re.compile(
    r"\s+of\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+|central\s+|old\s+)?"
    r"(?:(?-i:[A-Z])[\w'’-]+|city|town|country|village|province|governorate|district|region"
    r"|neighbou?rhoods?)\b",
    re.I,
)
_CONTROL_RE = _cues(r"control(?:s|led|ling)?|holds?|holding|held|seized|seizes?|captured?"
                    r"|took|taken|overran|occup(?:y|ies|ied)")
_UNDER_CONTROL_RE = re.compile(
    r"\b(?:under\s+(?:[\w-]+\s+){0,2}control|in\s+(?:[\w-]+\s+){0,2}hands|(?:held|controlled)\s+by)\b",
    re.I,
)
_HOLDING_GROUND_RE = _cues(r"held|holding|holds?|control(?:s|led|ling)?|territory|pocket|enclave"
                           r"|caliphate|encompass(?:es|ed|ing)?|besieged|patch|sliver")
_BARE_CUE_WORDS = 4
_REMAINING_WORDS = 3
_FORWARD_WORDS = 15
_BACKWARD_WORDS = 6


@dataclass(frozen=True)
class _Context:
    """The words around a quantity that decide its kind."""

    before: str  # the clause before the number, at most a few words
    after: str  # the rest of the sentence after the number, up to the next number
    sentence: str


_NOT_BACKWARD = {"left", "leave", "leaving"}  # "left 130 people dead": the dead decide
_NEAR_ONLY = re.compile(r"camps?|shelter\w*", re.I)  # "a camp housing 35,000", "35,000 in camps"
_NEAR_WORDS = 2
_CAPACITY_RE = re.compile(r"\b(?:can|could|would|will|to)\s+$", re.I)
_PASSIVE_RE = re.compile(r"\b(?:were|are|is|was|being|been|be)\s+$", re.I)
_BARE_NEXT_RE = re.compile(
    r"\s+(?:were|was|are|is|have|has|had|who|remain\w*|more|others|still|inside"
    r"|of\s+(?:them|those|whom))\b",
    re.I,
)


_DEATH_TOLL_RE = re.compile(r"\bdeath toll\s+(?:\w+\s+){0,3}(?:to|at|of|is|was)\s+$", re.I)
_PROJECTION_RE = _cues(r"expects?|expected|forecasts?|projected|predicts?|predicted|could|would"
                       r"|will")  # "aid agencies expect up to 100,000 more to flee": not yet


def _cue_counts(m: re.Match, distance: int, forward: bool, ctx: _Context) -> bool:
    """Whether an event word at ``distance`` words from the number speaks for it.

    A capitalised word inside the sentence is part of a name ("Internally
    Displaced Peoples' camp"); "camp"/"shelter" count only right beside the
    number; "left" before a number is "left 130 people dead"; and "held" after
    a number must be passive ("900 were held"), not "10 Indians held an opinion";
    "could hold 5,300 people" is a capacity.
    """
    word = m[0]
    if word[0].isupper() or (_NEAR_ONLY.fullmatch(word) and distance > _NEAR_WORDS):
        return False
    if forward:
        return not _HOLD_RE.fullmatch(word) or bool(_PASSIVE_RE.search(ctx.after[: m.start()]))
    if _HOLD_RE.fullmatch(word) and _CAPACITY_RE.search(ctx.before[: m.start()]):
        return False
    return word.lower() not in _NOT_BACKWARD and distance <= _BACKWARD_WORDS


def _nearest_event(ctx: _Context, limit: int) -> tuple[str, str]:
    """(kind, cue word) of the event word nearest the number, within ``limit`` words.

    Words after the number win ties.
    """
    found = []
    for kind, pattern in _EVENT_CUES.items():
        for m in pattern.finditer(ctx.before):
            distance = len(ctx.before[m.end() :].split())
            if distance <= limit and _cue_counts(m, distance, False, ctx):
                found.append((distance, 1, kind, m[0]))
        for m in pattern.finditer(ctx.after):
            distance = len(ctx.after[: m.start()].split())
            if distance <= limit and _cue_counts(m, distance, True, ctx):
                found.append((distance, 0, kind, m[0]))
    return min(found)[2:] if found else ("", "")


def _people_kind(q: Quantity, ctx: _Context) -> tuple[str, str] | None:
    """Kind and cue of a count of people; None for a bare number nothing speaks for.

    A bare number (no person noun) needs a verb or "more"/"others" right after
    it ("three were wounded", "56 more", "thousands inside") and an event word
    within a few words; "Class 4 felony", "16 bed shelter" are not counts.
    """
    if _DEATH_TOLL_RE.search(ctx.before):
        return "killed", "dead"
    if _PROJECTION_RE.search(ctx.before):
        return ("other", "") if q.unit == "people" else None
    if not q.unit and not _BARE_NEXT_RE.match(ctx.after) and not any(
        p.match(ctx.after.lstrip()) for p in (*_EVENT_CUES.values(), _REMAINING_CUES)
    ):
        return None
    if _NOUN_KIND.get(q.noun) in ("killed", "wounded"):  # "two dead and at least nine injured"
        return _NOUN_KIND[q.noun], q.noun
    for kind, pattern in _EVENT_CUES.items():
        if cue := pattern.search(q.modifiers):  # "6.1 million internally displaced people"
            return kind, cue[0]
    limit = _FORWARD_WORDS if q.unit == "people" else _BARE_CUE_WORDS
    kind, cue = _nearest_event(ctx, limit)
    if kind == "detained" and _HOLD_RE.fullmatch(cue) and q.noun in _CIVILIAN_NOUNS:
        return "civilians_remaining", cue
    if kind:
        return kind, cue
    if noun_kind := _NOUN_KIND.get(q.noun, ""):
        return noun_kind, q.noun.lstrip("-")
    near = " ".join([q.modifiers, *ctx.after.split()[:_REMAINING_WORDS]])
    if remaining := _REMAINING_CUES.search(near):  # "2,000 trapped civilians", "thousands inside"
        return "civilians_remaining", remaining[0]
    return ("other", "") if q.unit == "people" else None


def _territory_kind(q: Quantity, ctx: _Context, text: str) -> tuple[Quantity, str, str]:
    """Territory share/area, with a share said to be lost turned into the share still held."""
    if _PAST_RE.search(ctx.before) or _MODAL_RE.search(ctx.before):
        return q, "other", ""
    if q.unit == "percent":
        lost = _LOST_RE.search(ctx.before)
        held = _CONTROL_RE.search(ctx.before) or _UNDER_CONTROL_RE.search(ctx.after)
        of_place = _PLACE_OF_RE.match(text, q.end) and (lost or held)
        if q.value == 100 or not (_TERRITORY_OF_RE.match(text, q.end) or of_place):
            return q, "other", ""
        return (_held_share(q) if lost else q), "territory_share", "held"
    if _LOST_RE.search(ctx.before) or not _HOLDING_GROUND_RE.search(ctx.sentence):
        return q, "other", ""
    return q, "territory_area", "held"


def _held_share(q: Quantity) -> Quantity:
    """'lost more than 90 percent' -> held less than 10 percent."""
    low, high = (None if x is None else 100 - x for x in (q.high, q.low))
    return replace(q, value=100 - q.value, low=low, high=high)


# --- place and period ---------------------------------------------------------------------

def _usable(m: PlaceMention) -> bool:
    return m.place is not None and not m.adjective and m.place.kind != "river"


_LOCATIVE_RE = re.compile(
    r"\b(?P<prep>in|at|near|inside|outside|around|across|into|to|of|from|throughout|within)"
    r"\s+(?:(?:the|northern|southern|eastern|western|central|north|south|east|west|\w+ern)\s+)?"
    r"(?:\w+\s+and\s+)?$",
    re.I,
)


def _locates(m: PlaceMention, text: str, kind: str) -> bool:
    """Whether a mention can say where a figure applies.

    A country counts only as the object of a place preposition ("in northern
    Syria", "into Turkey"): as a subject or modifier ("U.S. officials said") it
    names an actor, and "from <country>" after a person ("a woman visiting from
    Canada") names where someone comes from, except for people who fled it.
    """
    if m.place is None or m.place.kind != "country":
        return True
    prep = _LOCATIVE_RE.search(text, max(0, m.start - 40), m.start)
    if prep is None:
        return False
    return prep["prep"].lower() != "from" or kind in ("displaced", "returned")


_DATELINE_RE = re.compile(r"\s*(?-i:[A-Z][A-Z .,'/-]{1,40})\s*(?:—|–|--|:)\s")


def dateline_end(text: str) -> int:
    """End of a dateline opening the text ("BEIRUT — ", "MIEH MIEH/BEIRUT: "), else 0.

    A dateline says where the reporter filed from, not where things happened, so
    its place lends no figure a place.
    """
    m = _DATELINE_RE.match(text)
    return m.end() if m else 0


def focus_place(places: Sequence[PlaceMention], after: int = 0) -> Place | None:
    """The article's most-mentioned resolved place other than a country or river (first on ties).

    Mentions before offset ``after`` (the dateline) do not count.
    """
    counted = [m for m in places if _usable(m) and m.place.kind != "country" and m.start >= after]
    counts = Counter(m.place.id for m in counted)
    if not counts:
        return None
    top = max(counts.values())
    return next(m.place for m in counted if counts[m.place.id] == top)


_INSERTION_RE = re.compile(r"\s[—–-]\s.*?(?:\s[—–-]\s|$)|—.*?(?:—|$)|\(.*?\)")


def _scopes(text: str, sentence: tuple[int, int], clause: tuple[int, int], start: int,
            previous: tuple[int, int] | None):
    """Where to look for a figure's place and period, nearest scope first.

    The clause, the sentence, then the sentence before it in the same paragraph
    ("A gunman opened fire in Paris on Thursday. The attack left one officer
    dead"); but an aside set off by dashes or brackets ("— described by Votel
    as encompassing ... —") and the rest of its sentence do not lend each other
    their places and dates.
    """
    s, e = sentence
    asides = [(s + m.start(), s + m.end()) for m in _INSERTION_RE.finditer(text[s:e])]
    inside = next(((a, b) for a, b in asides if a <= start < b), None)
    if inside:
        return [(clause, []), (inside, [])]
    return [(clause, []), (sentence, asides)] + ([(previous, [])] if previous else [])


def _previous_sentence(text: str, sentences, sentence: tuple[int, int]) -> tuple[int, int] | None:
    """The sentence before, when it is in the same paragraph (no line break between)."""
    earlier = [(s, e) for s, e in sentences if e <= sentence[0]]
    if not earlier or "\n" in text[earlier[-1][1] - 1 : sentence[0]]:
        return None
    return earlier[-1]


def _nearest(items, scopes, start: int, end: int):
    """The item nearest [start, end) in the first scope that holds any (outside its asides)."""
    for (s, e), asides in scopes:
        inside = [
            item for item in items
            if s <= item.start and item.end <= e
            and not any(a <= item.start < b for a, b in asides)
        ]  # fmt: skip
        if inside:
            return min(inside, key=lambda i: min(abs(i.start - end), abs(start - i.end)))
    return None


_INCLUDING_RE = re.compile(r"[,(]?\s*(?:including|among them|of them|of whom)\s*$", re.I)


def _next_start(text: str, quantities: Sequence[Quantity], i: int, sentence_end: int) -> int:
    """Where the words that may speak for quantity ``i`` stop: at the next figure.

    A figure inside the first ("17 civilians, including five children, were
    among the dead") does not stop them.
    """
    for q in quantities[i + 1 :]:
        if not _INCLUDING_RE.search(text, quantities[i].end, q.start):
            return min(q.start, sentence_end)
    return sentence_end


def _sentence_of(sentences, start: int, end: int, length: int) -> tuple[int, int]:
    """The sentence(s) holding [start, end): a span broken by a line end takes both lines."""
    covering = [(s, e) for s, e in sentences if s < end and start < e]
    if not covering:
        return 0, length
    return covering[0][0], covering[-1][1]


# --- figures ------------------------------------------------------------------------------

def find_figures(article: Article, places: Sequence[PlaceMention] = ()) -> list[Figure]:
    """The hedged figures an article reports, each with kind, place, period and sentence.

    ``places`` are the article's place mentions (``geo.toponyms.find_places``);
    only their offsets, ``place`` and ``adjective`` are used, and an empty list
    gives figures with no place beyond none.
    """
    text = article.text
    quantities = find_quantities(text)
    sentences = sentence_spans(text)
    dates = find_dates(text, article.published)
    body = dateline_end(text)
    usable = [m for m in places if _usable(m) and m.start >= body]
    focus = focus_place(places, body)
    fallback = publication_period(article.published)
    figures = []
    for i, q in enumerate(quantities):
        sentence = _sentence_of(sentences, q.start, q.end, len(text))
        clause = _clause(text, sentence, q.start, q.end)
        next_start = _next_start(text, quantities, i, sentence[1])
        previous_end = quantities[i - 1].end if i else sentence[0]
        ctx = _Context(
            before=text[max(clause[0], previous_end, sentence[0]) : q.start],
            after=text[q.end : min(next_start, sentence[1])],
            sentence=text[sentence[0] : sentence[1]],
        )
        if q.unit in ("percent", "km2"):
            q, kind, cue = _territory_kind(q, ctx, text)
        else:
            people = _people_kind(q, ctx)
            if people is None:
                continue
            kind, cue = people
        previous = _previous_sentence(text, sentences, sentence)
        scopes = _scopes(text, sentence, clause, q.start, previous)
        located = [m for m in usable if _locates(m, text, kind)]
        local = [m for m in located if m.place.kind != "country"]
        mention = _nearest(located, scopes[:2], q.start, q.end) or _nearest(
            local, scopes[2:], q.start, q.end
        )
        dated: DateMention | None = _nearest(dates, scopes, q.start, q.end)
        period = dated.period if dated else fallback
        figures.append(
            Figure(
                kind=kind,
                value=q.value,
                low=q.low,
                high=q.high,
                unit=q.unit or "people",
                hedge=q.hedge,
                text=q.text,
                start=q.start,
                end=q.end,
                sentence=ctx.sentence.strip(),
                place=mention.place if mention else focus,
                date_start=period.start if period else None,
                date_end=period.end if period else None,
                date_basis=period.basis if period else "",
                original=q.original,
                cue=cue,
            )
        )
    return figures
