"""Numbers as printed, read the way a careful reader would: amount, hedge, bounds, unit.

:func:`find_quantities` finds every count of people, area and percentage in a
text: the amount ("8,000", "a thousand", "half a million", "tens of
thousands"), the hedge printed before it ("more than", "nearly", "about")
turned into bounds, and the unit after it (people, km², percent; square miles
converted exactly).  It decides nothing about what a number counts: that is
:mod:`geo.figures`.

Amounts (README-ready)
----------------------
Amounts with no single value get a documented range (low .. high, value = the
best guess; "N" is the unit word):

=====================  ===================  =========
words                  low .. high          value
=====================  ===================  =========
several                3 .. 9               5
dozens                 24 .. 99             36
tens (of)              20 .. 99             30
scores                 40 .. 99             60
hundreds               200 .. 999           300
thousands              2,000 .. 9,999       3,000
tens of thousands      20,000 .. 99,999     30,000
hundreds of thousands  200,000 .. 999,999   300,000
millions               2 .. 9.99 million    3 million
a handful (of)         3 .. 9               5
several N              3N .. 9N             5N
a few N                2N .. 5N             3N
A or B, A to B,        A .. B               midpoint
between A and B
a third, a quarter,    33.3 %, 25 %, 50 %   (exact; "of ..." must follow)
half
=====================  ===================  =========

"a thousand" = 1,000, "half a million" = 500,000, "a quarter of a million" = 250,000, "a
dozen" = "another dozen" = 12, "a single" = 1;
"a"/"an" before a person an event befalls is one ("a man was killed", "a soldier died");
"one" before a singular noun that also serves as a modifier, or one of a nation ("one
Canadian", "one Swede"), counts one person only before a verb or a stop ("One Ukrainian
fighter died", "two Americans, one Canadian and one Swede", never "one fighter jet");
"1.2m people" = 1,200,000 (k, m, bn only before a person noun); "1,500-2,000"
is a range.

Hedges: "more than", "over", "at least", "upwards of", "in excess of", "no fewer
than", "N or more", "N+", "N-plus", "N-odd" -> ``low`` = N, ``high`` open; "nearly",
"almost", "up to", "less than", "fewer than", "under", "as many as", "close to", "no more than"
-> ``high`` = N, ``low`` open; "about", "around", "some", "roughly",
"approximately", "an estimated", "closer to", "N or so" -> N ± 10 %.  A plain N has
``low`` = ``high`` = N.  Hedges do not move the bounds of a vague amount or a
range ("an estimated 500 to 600 fighters" stays 500 .. 600).

Not quantities at all: numbers inside time expressions, years, ages and other
hyphenated compounds ("a 79-member parliament", "22-year-old"; but a unit's strength is a
count of its men: "a 2,000-strong force", "a 25-man unit", "a 1,500-member attacking
force"), numbers with units other than people, km², square miles or percent (money,
"two miles from", "more than two kilometers", shots, cars), sizes ("a population of 20
million", "families of five", "a father of four"), "no one", and digit runs too long for
any count.

Square miles become km² by the exact factor 2.589988110336; ``original`` keeps
the amount as printed.  An area followed by its own conversion in brackets
("less than a single square mile (1.6 square kilometers)") is one figure: the
bounds come from the hedged amount, and the source's km² number is the value
when it lies within them.  Its ``text`` runs from the hedge to the closing
bracket, so it is always exactly what the source prints at ``start:end``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from geo.cues import alternatives, person_nouns
from geo.dates import date_spans

SQUARE_MILE_KM2 = 2.589988110336
APPROX = 0.1
LARGEST = 1e10  # no count of people or km² is larger: a longer digit run is an id or a code


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
    "several": (3, 5, 9),
    "dozens": (24, 36, 99),
    "tens": (20, 30, 99),
    "scores": (40, 60, 99),
    "hundreds": (200, 300, 999),
    "thousands": (2_000, 3_000, 9_999),
    "tens of thousands": (20_000, 30_000, 99_999),
    "hundreds of thousands": (200_000, 300_000, 999_999),
    "millions": (2_000_000, 3_000_000, 9_999_999),
}
_SUFFIXES = {"k": "thousand", "m": "million", "bn": "billion"}  # "1.2m people"
_SOME_OF = {"several": (3, 5, 9), "a few": (2, 3, 5), "a couple of": (2, 2, 2)}
_FRACTIONS = {"third": 100 / 3, "quarter": 25.0, "half": 50.0, "two-thirds": 200 / 3,
              "two thirds": 200 / 3, "three-quarters": 75.0, "three quarters": 75.0}  # fmt: skip

# Thousands set off by commas or by a no-break or thin space ("10 000"), never by a plain
# space ("March 3 100 people"); a run with a leading zero ("000", "05") is no count.
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+|(?!0\d)\d+(?:\.\d+)?"
_WORD = rf"(?:{'|'.join(_TENS)})(?:[- ](?:{'|'.join(list(_ONES)[:9])}))?|" + "|".join(
    sorted(_ONES, key=len, reverse=True)
)
_SCALE = r"(?:hundred|thousand|million|billion)"
_PART = r"(?:a|one)\s+(?:third|quarter|half)|two[- ]thirds|three[- ]quarters"
_A_PERSON = "|".join(person_nouns("a_person")[""])
_AMOUNT = (
    r"(?:(?P<vague>(?:tens|hundreds)\s+of\s+thousands|dozens|scores|hundreds|thousands|millions"
    rf"|tens(?=\s+of\b)|several(?!\s+(?:dozen|{_SCALE})\b))"
    rf"|(?P<some>several|a\s+few|a\s+couple\s+of)\s+(?P<some_scale>dozen|{_SCALE})"
    rf"|half\s+a\s+(?P<half_scale>dozen|{_SCALE})"
    rf"|(?P<part>{_PART})\s+of\s+a\s+(?P<part_scale>million|billion)"  # "a quarter of a million"
    rf"|(?P<fraction>{_PART}|half)(?=\s+of\b)"
    r"|(?P<handful>a\s+handful)(?=\s+of\b)"
    r"|(?P<single>a\s+single)"
    rf"|(?:a|another)\s+(?P<a_scale>dozen|{_SCALE})(?:\s+(?P<a_scale_of>thousand|million))?"
    rf"|(?P<digits>{_DIGITS})(?:\s*[-–]\s*(?P<digits_to>{_DIGITS}))?"
    rf"(?:\s+(?P<digit_scale>{_SCALE})|(?P<suffix>m|bn|k)\b)?"
    rf"|(?P<word>{_WORD})(?:\s+(?P<word_hundred>hundred)(?:\s+and\s+(?P<word_rest>{_WORD}))?)?"
    rf"(?:\s+(?P<word_scale>dozen|{_SCALE}))?"
    # "a man was killed", "an elderly woman died": one person, when an event befalls them
    r"|(?P<article>an?)(?=(?:\s+[\w'’-]+){0,2}?\s+(?:"
    + _A_PERSON
    + r")\s+(?:(?:was|has\s+been|had\s+been)\s+(?:\w+ly\s+)?(?:"
    + alternatives("befell_one")
    + r")|died|perished)\b))"
)
# A unit's strength: "a 2,000-strong force", "forces, some 4,000 strong, moved", and
# "-man"/"-member" before a unit of armed men
# ("a 25-man unit", "a 1,500-member attacking force"); "a 79-member parliament" is no count.
_STRENGTH = (
    r"-strong\b|\s+strong(?=\s*[,;:)—–])|-(?:man|men|member)\b(?=\s+(?:[\w-]+\s+){0,2}?"
    rf"(?:{alternatives('military_units')}|{alternatives('armed_groups')}|{alternatives('strength_of')})\b)"
)
_STRENGTH_RE = re.compile(_STRENGTH, re.I)
_SUFFIX_HEDGE = r"-(?:plus|odd)\b"  # "200-plus", "fifty-odd": more than the amount
_AMOUNT_RE = re.compile(
    rf"(?<![\w.,$£€#/:-]){_AMOUNT}(?!(?!{_STRENGTH}|{_SUFFIX_HEDGE})[\w-]|[.,:]\d)", re.I
)

_HEDGES = {
    "low": ["more than", "over", "at least", "upwards of", "in excess of", "no fewer than",
            "no less than", "not less than", "well over", "just over", "a minimum of"],
    "high": ["nearly", "almost", "up to", "less than", "fewer than", "under", "just under",
             "as many as", "close to", "no more than", "not more than", "at most", "below"],
    "approx": ["about", "around", "some", "roughly", "approximately", "an estimated",
               "estimated", "an approximate", "circa", "closer to"],
}  # fmt: skip
_HEDGE_OF = {h: kind for kind, words in _HEDGES.items() for h in words}
_HEDGE_WORDS = "|".join(sorted(map(re.escape, _HEDGE_OF), key=len, reverse=True))
_HEDGE_RE = re.compile(  # "at least another 26 rebels": the hedge holds over "another"
    rf"\b(?P<hedge>{_HEDGE_WORDS})(?:[^\S\n]+(?:another|a\s+further|an\s+additional))?[^\S\n]+$",
    re.I,
)
_POSTFIX_HEDGE_RE = re.compile(r"\s+or\s+(?P<postfix>more|so)\b", re.I)
_PLUS_RE = re.compile(r"\+(?![\w(])")  # "2,400+ square kilometers": more than 2,400
_SUFFIX_HEDGE_RE = re.compile(_SUFFIX_HEDGE, re.I)
_RANGE_RE = re.compile(rf"\s+(?:or|to)\s+(?={_AMOUNT}\b)", re.I)
_BETWEEN_RE = re.compile(rf"\s+and\s+(?={_AMOUNT}\b)", re.I)


_POSTFIX_HEDGES = {"or more": "low", "or so": "approx", "+": "low", "-plus": "low", "-odd": "low"}
HEDGES = frozenset(_HEDGE_OF) | frozenset(_POSTFIX_HEDGES)
"""Every hedge the reader knows, lower case ("more than", "or so", "+"); "" is no hedge."""


def _hedge_kind(hedge: str) -> str:
    """ "low", "high" or "approx" for a printed hedge, "" for none."""
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
    if g["part"]:
        value = _FRACTIONS[re.sub(r"^(?:a|one)\s+", "", g["part"])] / 100 * _SCALES[g["part_scale"]]
        return value, value, value
    if g["handful"]:
        return _SOME_OF["several"]
    if g["single"] or g["article"]:
        return 1, 1, 1
    if g["a_scale"]:  # "a hundred thousand": 100,000
        return (_SCALES[g["a_scale"]] * _SCALES.get(g["a_scale_of"] or "", 1),) * 3
    if g["digits"]:
        scale = _SCALES.get(g["digit_scale"] or _SUFFIXES.get(g["suffix"] or "", ""), 1)
        low = float(re.sub(r"[^\d.]", "", g["digits"])) * scale
        high = float(re.sub(r"[^\d.]", "", g["digits_to"] or g["digits"])) * scale
        return (low, (low + high) / 2, high) if high > low else (low, low, low)
    words = re.split(r"[- ]", g["word"])
    value = sum(_TENS.get(w, 0) + _ONES.get(w, 0) for w in words)
    value *= 100 if g["word_hundred"] else 1
    value += sum(_TENS.get(w, 0) + _ONES.get(w, 0) for w in re.split(r"[- ]", g["word_rest"] or ""))
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
    r"[\"”’']?\s*\(\s*(?P<amount>" + _DIGITS + r")\+?\s*(?:(?P<mi>square\s+miles?|sq\.?\s*mi\b)"
    r"|(?P<km>square\s+(?:kilometers?|kilometres?)|sq\.?\s*km\b|km2\b|km²))\s*\)",
    re.I,
)
_PERSON_NOUNS = person_nouns("plural")
# Singular nouns that also serve as modifiers ("rebel fighters", "fighter jets"): they count
# one person only after "one" and before a verb or a stop ("One Ukrainian fighter died").
_SINGULAR_NOUNS = person_nouns("singular")
# The nouns that make a number a count of people, and the kind each implies ("" for none).
NOUN_KINDS = {noun: kind for kind, nouns in _PERSON_NOUNS.items() for noun in nouns}
_NOUNS = "|".join(sorted(NOUN_KINDS, key=len, reverse=True))
NOUN_KINDS |= {noun: kind for kind, nouns in _SINGULAR_NOUNS.items() for noun in nouns}
# One of a nation, with its capital ("one Canadian", "one Swede"): a person, as above.
_NATIONAL = "|".join([r"[A-Z][a-z]+(?:ian|an|i|ese)", *person_nouns("nationals")[""]])
_SINGULAR_RE = re.compile(
    r"(?P<mods>(?:\s+[\w'’-]+){0,2}?)\s+(?P<noun>"
    + "|".join(noun for nouns in _SINGULAR_NOUNS.values() for noun in nouns)
    + rf"|(?-i:{_NATIONAL}))"
    + r"(?=\s*(?:[,.;:)—–]|$)|\s+(?:was|is|were|are|had|has|died|who|and|from|of|in|at|on|near)\b)",
    re.I,
)  # fmt: skip
_A_PERSON_RE = re.compile(rf"(?P<mods>(?:\s+[\w'’-]+){{0,2}}?)\s+(?P<noun>{_A_PERSON})\b", re.I)
_NUMBER_WORDS = "|".join([*_ONES, *_TENS, *_SCALES, *_VAGUE, "dozens", "scores"])
_NOUN_RE = re.compile(
    r"[\"”]?(?:\s+of(?:\s+the)?)?\s+[\"“‘]?"  # 'of the "best fighters"', '"over 200" rebels'"
    r"(?P<mods>(?:(?:more|other|foreign|armed|local|young|new|additional|suspected"
    r"|unarmed|innocent|\w+ly|\w+ed|(?-i:[A-Z][\w'’-]*(?:\.[A-Z]\.?)*)|\w+-\w+(?:-\w+)?),?\s+"
    rf"|(?!(?:{alternatives('not_modifiers')}|{_NUMBER_WORDS}|{_NOUNS})\b)(?-i:[a-z]+)\s+){{0,3}})"
    r"(?P<noun>" + _NOUNS
    + r"|(?-i:[A-Z][a-z]+(?:ians|ans|is|ese)))(?![\w-])"
    + rf"(?!\s+(?:{'|'.join(person_nouns('things_after')[''])})\b)",  # "personnel carriers"
    re.I,
)  # fmt: skip


_OTHER_UNIT_RE = re.compile(  # not "three suicide car bombers"
    r"(?:\s+of)?\s+(?:[\w-]+\s+)?(?:miles?|kilometers?|kilometres?|km|meters?|metres?|feet|foot"
    r"|yards?|inches|years?|months?|weeks?|days?|hours?|minutes?|seconds?|shots?|rounds?|times"
    r"|dollars?|euros?|pounds?|tons?|tonnes?|cars?|vehicles?|villages?|towns?|cities|houses?"
    r"|homes?|buildings?|votes?|seats?|countries|nations)\b(?![\s-]+bombers)|\s*[ap]\.?m\b",
    re.I,
)


_NOT_A_COUNT_RE = re.compile(
    r"\b(?:(?:(?:population|capacity|budget|price|aged?|ages|No\.)\s+(?:of\s+)?|number\s+of\s+)"
    r"(?:about\s+|some\s+|around\s+|nearly\s+|over\s+|more\s+than\s+)?|no\s+"
    r"|(?:families|households|(?:grand)?(?:father|mother|parent)s?)\s+of\s+(?:about\s+|around\s+|some\s+)?)$",
    re.I,
)  # "a population of 20 million", "aged 17", "no one", "families of five", "a mother of two"


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


def _bounds(low: float, value: float, high: float, kind: str):
    """(value, low, high) after the hedge: open on one side, ±10 %, or the amount's range."""
    low, value, high = float(low), float(value), float(high)
    if low != high:
        return value, low, high
    if kind == "low":
        return value, value, None
    if kind == "high":
        return value, None, value
    if kind == "approx":
        return value, value - value * APPROX, value + value * APPROX
    return value, value, value


def find_quantities(text: str) -> list[Quantity]:
    """Every count of people, area and percentage printed in ``text``, with hedge and bounds."""
    dates = iter(date_spans(text))  # sorted by start; amounts come in text order too
    upcoming, reach = next(dates, None), -1  # reach: furthest end of the dates begun so far
    found: list[Quantity] = []
    for m in _AMOUNT_RE.finditer(text):
        if found and m.start() < found[-1].end:
            continue
        while upcoming is not None and upcoming[0] <= m.start():
            reach = max(reach, upcoming[1])
            upcoming = next(dates, None)
        if m.start() < reach or _is_year(m, text):  # inside a date: "on 5 March 2019"
            continue
        quantity = _quantity(m, text)
        if quantity is not None:
            found.append(quantity)
    return found


_HEDGED_AMOUNT_RE = re.compile(rf"(?:(?P<hedge>{_HEDGE_WORDS})\s+)?{_AMOUNT}", re.I)


def read_amount(printed: str) -> tuple[float, float | None, float | None] | None:
    """(value, low, high) of an amount printed on its own, hedge included ("about 7" ->
    7, 6.3, 7.7; "five"; "5.5"), read by the same rules as a count; None if it is no amount.

    For the sizes other modules read next to a count (:mod:`geo.households`), so that
    "about seven" means the same there as before a noun.
    """
    m = _HEDGED_AMOUNT_RE.fullmatch(printed.strip())
    if m is None:
        return None
    low, value, high = _amount(m)
    return _bounds(low, value, high, _hedge_kind(m["hedge"] or ""))


_YEAR_BEFORE_RE = re.compile(  # "by 2016 refugees had returned", "in late 2015 rebels took ..."
    r"\b(?:by|since|until|till|throughout|during|before|after|early|late|mid"
    r"|spring|summer|autumn|fall|winter)[\s-]+$",
    re.I,
)


def _is_year(m: re.Match, text: str) -> bool:
    """A year: four digits from 1800 to 2099 with no person noun after them, or after a word
    of time even with one ("since 2015 civilians have fled")."""
    if not re.fullmatch(r"(?:1[89]|20)\d\d", m["digits"] or ""):
        return False
    return not _person_noun(text, m.end()) or bool(
        _YEAR_BEFORE_RE.search(text, max(0, m.start() - 12), m.start())
    )


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
    if strength := _STRENGTH_RE.match(text, end):  # the men of a unit: counted as "-strong"
        return _Unit(strength.end(), "people", "-strong")
    if (
        _OTHER_UNIT_RE.match(text, end)
        or _is_age(text, m)
        or _NOT_A_COUNT_RE.search(text, max(0, m.start() - 30), m.start())
    ):
        return None
    if noun := _person_noun(text, end):
        return _Unit(noun.end(), "people", noun["noun"].lower(), noun["mods"].strip())
    if m["article"] and (noun := _A_PERSON_RE.match(text, end)):  # "a man was killed"
        return _Unit(noun.end(), "people", noun["noun"].lower(), noun["mods"].strip())
    if m[0].lower() in ("one", "1") and (noun := _SINGULAR_RE.match(text, end)):
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
    if not hedge and m["digits"] and (plus := _PLUS_RE.match(text, end)):
        hedge, end = "+", plus.end()
    if not hedge and (suffix := _SUFFIX_HEDGE_RE.match(text, end)):  # "fifty-odd soldiers"
        hedge, end = suffix[0].lower(), suffix.end()
    if not hedge and (postfix := _POSTFIX_HEDGE_RE.match(text, end)):  # "8,000 or more people"
        hedge, end = postfix[0].strip(), postfix.end()
    unit = _unit(m, text, end)
    if unit is None or (m["suffix"] and unit.unit != "people"):  # "500m from": metres
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
    if (
        stated is not None
        and (low_b is None or low_b <= stated)
        and (high_b is None or stated <= high_b)
    ):
        value = stated
    return Quantity(
        text[start:end],
        start,
        end,
        value,
        low_b,
        high_b,
        unit.unit,
        hedge,
        unit.noun,
        original,
        unit.modifiers,
    )
