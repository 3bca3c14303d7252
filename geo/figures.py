"""Hedged figures about displacement, fighters and territory, with place, period and sentence.

:func:`find_figures` keeps the quantities (:mod:`geo.quantities`) that speak of
the conflict's human or territorial scale, gives each a kind from the words
around it, and attaches the place and period it applies to.

Kinds (README-ready)
--------------------
Decided by the words around the number: a "dead"/"injured" noun first,
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
                     toll rose to N"; "the number of displaced people reached N" takes the
                     kind of its words
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

Dropped: bare numbers with neither a person noun nor a verb and event word
right after them ("Class 4 felony", "16 bed shelter").  Typed other:
percentages of 100 (slogans and totals: "100 percent of the caliphate"), shares
or areas said to be held "once" or "formerly", areas said to be lost,
projections ("aid agencies expect 100,000 to flee", "will", "could"), and
people counted for anything else ("13 million people need aid", "2,000 U.S.
troops", "could hold 5,300 people").

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
from geo.dates import DateMention, find_dates, publication_period
from geo.gazetteer import Place
from geo.quantities import APPROX, NOUN_KINDS, Quantity, find_quantities

if TYPE_CHECKING:
    from geo.toponyms import PlaceMention

KINDS = (
    "displaced", "returned", "fighters", "detained", "killed", "wounded",
    "civilians_remaining", "territory_area", "territory_share", "other",
)  # fmt: skip
UNITS = ("people", "km2", "percent")
#: The word a label puts after the amount when the report's own verb does not read as one.
KIND_WORDS = {
    "displaced": "displaced", "returned": "returned", "fighters": "fighters",
    "detained": "detained", "killed": "killed", "wounded": "wounded",
    "civilians_remaining": "remaining", "territory_area": "held", "territory_share": "held",
}  # fmt: skip
_PARTICIPLE = re.compile(r"[a-z]+ed|left|fled|held|slain")


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
            if self.low == self.value - self.value * APPROX:
                amount = f"≈ {_number(self.value)}"
            else:
                amount = f"{_number(self.low)}–{_number(self.high)}"
        elif self.low is None and self.high is not None:
            amount = f"< {_number(self.high)}"
        elif self.high is None and self.low is not None:
            amount = f"> {_number(self.low)}"
        else:
            amount = _number(self.value)
        return " ".join(part for part in (amount + unit, self._word) if part)

    @property
    def _word(self) -> str:
        """The report's verb where it reads after a number ("> 20,000 evacuated", "≈ 16,000
        left"), else the kind's word ("900 detained", not "900 holding")."""
        if _PARTICIPLE.fullmatch(self.cue) or self.kind not in KIND_WORDS:
            return self.cue
        return KIND_WORDS[self.kind]

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
    next_break = text.find("\n", newline + 1)
    following = text[newline + 1 : next_break if next_break >= 0 else len(text)].strip()
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
        if m[0] != "\n" and _ABBREVIATION_RE.search(text[max(0, m.start() - 12) : m.start() + 1]):
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
                       r"|crossed|shelter(?:s|ed|ing)?|refugees|evacuees"),
    "returned": _cues(r"return(?:ed|ing|s)?|went back|came back|come back|back home"),
}
_REMAINING_CUES = _cues(r"trapped|remain(?:ed|ing|s)?|stranded|besieged|inside|holed up"
                        r"|hostages?|still (?:living )?in|still there|stuck|presence")
_HOLD_RE = _cues(r"held|holding|holds?")
_CIVILIAN_NOUNS = {"civilians", "residents", "people", "hostages", "families", "women", "children"}
_LOST_RE = _cues(r"lost|losing|loses|lose|retaken|retook|retake|recaptured?|liberated?|freed"
                 r"|cleared|regained|wrested|captured from|seized from|taken back")
_PAST_RE = _cues(r"once|formerly|at its (?:height|peak)")
_MODAL_RE = _cues(r"will|would|could|might|may|should")
_TERRITORY_OF_RE = re.compile(  # the noun ends its phrase: not "21 per cent of area residents"
    r"\s+of\s+(?:[\w'’-]+\s+){0,3}?(?:territory|territories|caliphate|land|lands|ground"
    r"|enclave|area|areas)\b(?=\s*(?:[,.;:)\"”]|$)|\s+(?:in|of|that|which|it|they|and|held"
    r"|controlled|under|is|was|has|had|once|near|along|around|on)\b)",
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
_TOTAL_RE = re.compile(  # "the death toll rose to 54", "the number of displaced people reached"
    r"\b(?:(?P<toll>death toll\s+)|number\s+of\s+(?:[\w-]+\s+){1,3}?)(?:[\w-]+\s+){0,3}?"
    r"(?:to|at|of|is|was|reached|hit|topped|passed|exceeded)\s+$",
    re.I,
)
_PROJECTION_RE = _cues(r"expects?|expected|forecasts?|projected|predicts?|predicted|could|would"
                       r"|will")  # "aid agencies expect up to 100,000 more to flee": not yet


@dataclass(frozen=True)
class _Context:
    """The words around a quantity that decide its kind."""

    before: str  # the clause before the number, at most a few words
    after: str  # the rest of the sentence after the number, up to the next number
    sentence: str


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


def _total_kind(total: re.Match) -> tuple[str, str]:
    """The kind of a running total: 'death toll' -> killed, 'number of displaced people' ..."""
    if total["toll"]:
        return "killed", "dead"
    for kind, pattern in _EVENT_CUES.items():
        if cue := pattern.search(total[0]):
            return kind, cue[0]
    nouns = [w for w in total[0].lower().split() if NOUN_KINDS.get(w)]
    return (NOUN_KINDS[nouns[0]], nouns[0]) if nouns else ("other", "")


def _people_kind(q: Quantity, ctx: _Context) -> tuple[str, str] | None:
    """Kind and cue of a count of people; None for a bare number nothing speaks for.

    A bare number (no person noun) needs a verb or "more"/"others" right after
    it ("three were wounded", "56 more", "thousands inside") and an event word
    within a few words; "Class 4 felony", "16 bed shelter" are not counts.
    """
    if total := _TOTAL_RE.search(ctx.before):
        return _total_kind(total)
    if _PROJECTION_RE.search(ctx.before):
        return ("other", "") if q.unit == "people" else None
    if not q.unit and q.value < 2:  # "one remaining appointment", "a single shot"
        return None
    if not q.unit and not _BARE_NEXT_RE.match(ctx.after) and not any(
        p.match(ctx.after.lstrip()) for p in (*_EVENT_CUES.values(), _REMAINING_CUES)
    ):
        return None
    if NOUN_KINDS.get(q.noun) in ("killed", "wounded"):  # "two dead and at least nine injured"
        return NOUN_KINDS[q.noun], q.noun
    for kind, pattern in _EVENT_CUES.items():
        if cue := pattern.search(q.modifiers):  # "6.1 million internally displaced people"
            return kind, cue[0]
    limit = _FORWARD_WORDS if q.unit == "people" else _BARE_CUE_WORDS
    kind, cue = _nearest_event(ctx, limit)
    if kind == "detained" and _HOLD_RE.fullmatch(cue) and q.noun in _CIVILIAN_NOUNS:
        return "civilians_remaining", cue
    if kind:
        return kind, cue
    if noun_kind := NOUN_KINDS.get(q.noun, ""):
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

def _context(text: str, quantities: Sequence[Quantity], i: int, sentence: tuple[int, int],
             clause: tuple[int, int]) -> _Context:
    q = quantities[i]
    previous_end = quantities[i - 1].end if i else sentence[0]
    return _Context(
        before=text[max(clause[0], previous_end, sentence[0]) : q.start],
        after=text[q.end : _next_start(text, quantities, i, sentence[1])],
        sentence=text[sentence[0] : sentence[1]],
    )


def _kind(q: Quantity, ctx: _Context, text: str) -> tuple[Quantity, str, str] | None:
    """(quantity, kind, cue); the quantity changes only for a share lost -> held."""
    if q.unit in ("percent", "km2"):
        return _territory_kind(q, ctx, text)
    people = _people_kind(q, ctx)
    return None if people is None else (q, *people)


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
        ctx = _context(text, quantities, i, sentence, clause)
        decided = _kind(q, ctx, text)
        if decided is None:
            continue
        q, kind, cue = decided
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
