"""Where a figure gets its place: the rule chain, its precision and both ends of a movement.

A careful reader places a number at the event it counts.  :func:`place_figure`
looks, nearest scope first, in the clause (comma to comma), the sentence, and
the sentence before it in the same paragraph, then falls back on the article's
focus place: the place its title names ("Battle of Lyman"), else the place it
names most.  Mentions that name something other than the event never place a
figure:

- the dateline ("BEIRUT — "), where the reporter filed from;
- the speaker or venue of a statement ("the defence ministry in Moscow said",
  "told a news conference in Geneva", "Moscow claimed", a speaker named after its place:
  "the Donetsk Oblast Police Department reported"), the seat of an organisation
  ("the London-based monitor"), a source ("according to Al Jazeera"), and the
  place of a speaker's office ("the
  governor of Luhansk Oblast", "Kharkiv mayor Ihor Terekhov");
- a person's origin ("a soldier from Dayton", "a native of Ohio"), and where
  someone went away or back to or is heading, for a figure that is no movement
  ("fighters retreated across the border into Turkey", "he set off to return to
  Russia", "their advance towards Lyman");
- where someone was taken afterwards ("flown to a hospital in Germany");
- the venue of talks or a deal ("the Astana talks", "an agreement signed in
  Sochi"), which does not count for the focus either;
- a country used as an actor ("U.S. officials", "Ukraine's 79th Brigade"): a
  country places a figure only after a place preposition ("in Syria", "into
  Turkey"), and in the possessive only before its land, people or civil war
  ("Syria's civil war has displaced 12 million", "20% of Ukraine's territory"; never
  "Russia's war", which a country wages);
- in the sentence before, countries (too wide for a local count);
- a name the article calls a river anywhere ("the Donets river"), wherever it is
  named ("the battle at the Donets").

A sentence that says its figure is country-wide ("nationwide", "across the country")
and names no place in the figure's clause is placed at the story's country (precision
3, basis "country-wide"), never at a town of a nearby sentence.

A site the gazetteer lacks ("Antonov Airport", the "Hostomel Airport" it reads as a site
of that name) is the town it is in: the one the text sets it in ("Antonov Airport in
Hostomel"), else the town of its own name the article names.

When the title names a governorate ("Turkish operation in Idlib Governorate"), its bare
name in the text ("strikes in Idlib") is that governorate, not its capital, unless the
text says the city ("Idlib city").

A town naming an operation ("the Kharkiv counteroffensive") gives way to another
place of the same scope; "the city", "the town" with no name after them stand
for the focus place (:func:`anaphors`), and "the camp" for the town where the article
first set a camp ("the camp located in Abagana, an outskirts of Makurdi").

For movements (displaced, returned, refugees) the mentions after "from", "fled",
"out of" are the ``origin``, those after "to", "into", "reached", "hosted in" the
``destination`` (so is a host country before "hosts", "has taken in"); the figure's
``place`` is the origin for people who left (never the
destination: "6,000 fled to Afrin" with no origin named takes the place a wider scope
gives), the destination for returns and hosted refugees.  A refugee count placed at a
capital ("Ankara has taken in ...", "Ankara says it has taken in ...": the host
speaking of itself) speaks for the country: the country it is.  A country people left or
reached needs no preposition ("have fled Ukraine").

Precision (ACLED's ``geo_precision``): 1 the town, village, camp or site
itself; 2 part of or near a place ("outside Raqqa", "northern Syria", "the
Palmyra area", one of a list of towns), a district, governorate or named area;
3 a country or wider region; None unplaced.  A figure placed only by the focus
takes the precision of the title's naming of it ("Dabiq offensive": 2).  People
killed, wounded, captured or fighting in clashes, an ambush or a strike
(``data/words/spread_events.txt``) whose sentence names no place of its own were
hit somewhere around the town the sentence before or the focus names, not in it:
2 ("Russian troops took Dudka. Six soldiers died in the clashes"); civilians are hit
where they live, in the town ("A strike killed eight civilians": 1).
A hamlet of a country the article has nothing else in ("Zeitan" read as a Lebanese
hamlet in a report on Aleppo), or a place of such a country named by another name
than its own ("the Canton" of Kobani read as Guangzhou), counts as such a name; a
hamlet far from every town the article names, with a namesake by one of them, is that
namesake ("the Saky airbase in the town of Novofedorivka"); a place the text sets in
another country than its own ("Miniyeh, North Governorate, Lebanon") is its namesake
there, else such a name.
When the nearest name is one the gazetteer lacks ("eastern Ghouta"), the figure
keeps that name (``place_name``) and takes the nearest enclosing unit the text
supports (a governorate or country named in the sentence, else the governorate
of the focus place, the story's ground, whether or not the article names it, else
the focus place's country,
else the country the article names most: never the attacker's country only
because "Turkish troops" are named often) with that unit's precision, basis
"unresolved": never a borrowed unrelated place.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from geo.cues import alternatives, cue_re
from geo.gazetteer import Place, default_gazetteer
from geo.names import normalise, skeleton
from geo.recognition import SITE_AFTER
from geo.resolution import PlaceMention, distance_km
from geo.wordlists import ordered, table

MOVEMENTS = ("displaced", "returned", "refugees")
_PRECISION = {"governorate": 2, "district": 2, "subdistrict": 2,
              "neighbourhood": 2}  # fmt: skip


@dataclass(frozen=True)
class Placing:
    """Where a figure applies, how precisely, and by which rule.

    ``basis`` is "clause", "sentence", "previous sentence", "focus",
    "unresolved" (the text's name is not in the gazetteer), "country-wide" (the
    sentence says "nationwide", "across the country": the story's country) or ""
    (unplaced).
    """

    place: Place | None
    name: str
    precision: int | None
    basis: str
    origin: Place | None = None
    destination: Place | None = None


UNPLACED = Placing(None, "", None, "")


def _usable(m: PlaceMention) -> bool:
    return m.place is not None and not m.adjective and m.place.kind != "river"


_LOCATIVE_RE = re.compile(
    r"\b(?P<prep>in|at|near|inside|outside|around|across|into|to|of|from|throughout|within)"
    r"\s+(?:(?:the|northern|southern|eastern|western|central|north|south|east|west|\w+ern)\s+)?"
    r"(?:\w+\s+and\s+)?$",
    re.I,
)
_SPEAKER_BEFORE_RE = re.compile(
    rf"\b(?:{alternatives('speaker_before')})(?:\s+[\w'’-]+){{0,2}}\s+(?:in|from|at)\s+(?:the\s+)?$",
    re.I,
)
_SPEECH_AFTER_RE = re.compile(  # "Moscow said", "Kyiv officials said", "the Donetsk Oblast
    # Police Department reported": a place in the speaker's name
    r"(?:[\s,]*(?:(?:officials?|authorities|government|ministry)\s+)?"
    r"|\s+(?:(?-i:[A-Z])[\w'’.-]*\s+){1,3})"
    rf"(?:{alternatives('speech_after')})\b",
    re.I,
)
_OFFICE_BEFORE_RE = re.compile(rf"\b(?:{alternatives('office_of')})\s+of\s+(?:the\s+)?$", re.I)
_OFFICE_AFTER_RE = re.compile(rf"\s+(?-i:[a-z]\w*\s+)?(?:{alternatives('office_of')})\b", re.I)
_WENT_TO_RE = re.compile(
    rf"\b(?:{alternatives('went_to')})\s+(?:[\w'’-]+\s+){{0,5}}?(?:to|into)\s+(?:the\s+)?$", re.I
)
_HEADING_RE = re.compile(  # "towards Lyman", "towards the border of Iraq"
    rf"\b(?:{alternatives('heading_to')})\s+(?:the\s+)?(?:(?:north|south|east|west)\w*\s+)?"
    r"(?:(?:border|borders|outskirts|frontier|edge|coast)\s+(?:of|with)\s+(?:the\s+)?)?$",
    re.I,
)
_ORIGIN_RE = re.compile(  # "a soldier from Dayton", "a volunteer, 23, originally from", "a
    # native of Ohio", "born in Dayton"; never "14 soldiers were killed in Raqqa"
    rf"\b(?:(?:{alternatives('person_origin')})"
    r"(?:,?\s+(?!(?:were|was|are|is|had|have|has|been|being)\b)(?![\w'’-]+ed\b)[\w'’-]+){0,2}?,?"
    rf"\s+from|(?:{alternatives('origin_of')})\s+(?:of|in))\s+$",
    re.I,
)
_TRANSPORT_RE = re.compile(
    rf"\b(?:{alternatives('transport_to')})\s+(?:[\w'’-]+\s+){{0,4}}?(?:to|in|at)\s+(?:the\s+)?$",
    re.I,
)
_NEAR_RE = re.compile(
    r"\b(?:near|outside|around|outskirts\s+of|(?:north|south|east|west)(?:[\w-]*)?\s+of"
    r"|(?:north|south|east|west)ern|central|rural|countryside\s+of|parts?\s+of"
    r"|(?:area|vicinity|region|territory)\s+of|between"
    r"|old\s+city\s+of|(?:suburbs?|neighbou?rhoods?|quarters)\s+of|the\s+(?:\w+\s+)?quarter\s+of)"
    r"\s+(?:the\s+)?$",
    re.I,
)


def _after_re(*lists: str) -> re.Pattern:
    """Any word of the lists right after a name ("Aleppo area", "Aleppo's suburbs", "al-Bab
    and its environs", "al-Shaddadi and the surrounding countryside")."""
    alternation = "|".join(sorted((w for n in lists for w in ordered(n)), key=len, reverse=True))
    around = r"\s+and\s+(?:its|the)(?:\s+(?:surrounding|nearby))?"
    return re.compile(rf"(?:['’]?s?|{around})\s+(?:{alternation})\b", re.I)


_AREA_AFTER_RE = _after_re("area_after_place", "operation_after_place")
_OPERATION_AFTER_RE = _after_re("operation_after_place")
_VENUE_AFTER_RE = _after_re("venue_words")
_VENUE_BEFORE_RE = re.compile(  # "talks in Astana", "a conference was held in Ankara", "Putin
    # met Erdogan in Ankara"
    rf"\b(?:(?:{'|'.join(ordered('venue_words'))})\s+(?:\w+\s+)?(?:(?:was|were|is|are)\s+held\s+)?"
    rf"|(?:{alternatives('meeting')})\s+(?:[\w'’-]+\s+){{0,2}}?)(?:in|at)\s+(?:the\s+)?$",
    re.I,
)
_COUNTRY_WIDE_RE = cue_re("country_wide")
_SOURCE_BEFORE_RE = re.compile(rf"\b(?:{alternatives('source_before')})\s+(?:the\s+)?$", re.I)
_BASED_AFTER_RE = re.compile(r"[\s-]+(?:based|headquartered)\b", re.I)
_LIST_GAP_RE = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|and\s+|or\s+)", re.I)
_FROM_RE = re.compile(rf"\b(?:{alternatives('movement_from')})\s+(?:the\s+)?(?:\w+ern\s+)?$", re.I)
_TO_RE = re.compile(rf"\b(?:{alternatives('movement_to')})\s+(?:the\s+)?(?:\w+ern\s+)?$", re.I)
_HOST_AFTER_RE = re.compile(
    rf"\s+(?:(?:now|currently|already|still|alone)\s+)?(?:{alternatives('host_after')})\b", re.I
)
_LOOKBACK = 60
_JOINED_AFTER_RE = re.compile(r"[–—-](?-i:[A-Z])")  # "Svatove–Kreminna": a line between two
_JOINED_BEFORE_RE = re.compile(r"(?-i:[A-Z])[\w'’]{2,}[–—-]$")  # not "Al-"
_SPREAD_RE = re.compile(rf"\b(?:{'|'.join(ordered('spread_events'))})\b", re.I)
_CIVILIANS_RE = re.compile(rf"\b(?:{'|'.join(ordered('civilian_words'))})\b", re.I)
_ENGAGED = ("killed", "wounded", "detained", "missing", "fighters")  # people a clash hits
_POSSESSIVE = ("'s", "’s")
_COUNTRY_SCOPE_RE = re.compile(rf"['’]s\s+(?:{alternatives('country_scope_after')})\b", re.I)


def _before(text: str, m: PlaceMention) -> str:
    return text[max(0, m.start - _LOOKBACK) : m.start]


@lru_cache(maxsize=4096)
def _names_event(m: PlaceMention, text: str, kind: str) -> bool:
    """Whether a mention can say where a figure applies (see the module docstring).

    Cached: the figures of one text ask it of the same mentions again (a third of the
    calls over the war and dev corpora), and each answer is a dozen pattern searches.
    """
    before = _before(text, m)
    host_seat = kind == "refugees" and m.place is not None and m.place.feature_code == "PPLC"
    if not host_seat and (_SPEAKER_BEFORE_RE.search(before) or _SPEECH_AFTER_RE.match(text, m.end)):
        return False  # but "Ankara says it has taken in 3.6 million refugees": the host speaks
    if _OFFICE_BEFORE_RE.search(before) or _OFFICE_AFTER_RE.match(text, m.end):
        return False  # "the governor of Luhansk Oblast said": the speaker's office
    if _VENUE_AFTER_RE.match(text, m.end) or _VENUE_BEFORE_RE.search(before):  # "Astana talks"
        return False
    if _BASED_AFTER_RE.match(text, m.end):  # "the London-based monitor said": its seat
        return False
    if _SOURCE_BEFORE_RE.search(before):  # "according to Al Jazeera": a source, no place
        return False
    if kind not in MOVEMENTS and (
        _ORIGIN_RE.search(before) or _WENT_TO_RE.search(before) or _HEADING_RE.search(before)
    ):
        return False  # "a soldier from Dayton", "retreated ... into Turkey", "towards Lyman"
    if _TRANSPORT_RE.search(before):
        return False
    if m.place is None or m.place.kind != "country":
        return True
    if text.startswith(_POSSESSIVE, m.end):  # "Ukraine's 79th Brigade": an actor, but
        return bool(_COUNTRY_SCOPE_RE.match(text, m.end))  # "Ukraine's territory"
    if kind in MOVEMENTS and (
        _HOST_AFTER_RE.match(text, m.end) or _FROM_RE.search(before) or _TO_RE.search(before)
    ):
        return True  # "Lebanon hosts 1.5 million refugees": the host; "have fled Ukraine"
    prep = _LOCATIVE_RE.search(text, max(0, m.start - 40), m.start)
    if prep is None:
        return False
    return prep["prep"].lower() != "from" or kind in MOVEMENTS


_DATELINE_RE = re.compile(  # "BEIRUT — ", "KYIV, Ukraine (AP) — ", "MOSCOW (Reuters) - "
    r"[\s.]*(?-i:[A-Z][A-Z .,'/-]{1,40})(?-i:,\s*[A-Z][\w.]+(?:\s[A-Z][\w.]+)?)?"
    r"(?:\s*\([^()\n]{1,40}\))?\s*(?:—|–|--|-|:)\s"
)


def dateline_end(text: str, start: int = 0) -> int:
    """End of a dateline opening the text at ``start`` (after a title the text opens with):
    "BEIRUT — ", "MIEH MIEH/BEIRUT: ", "KYIV, Ukraine (AP) — ", "MOSCOW (Reuters) - "; else 0.

    A dateline says where the reporter filed from, not where things happened, so
    its place lends no figure a place.
    """
    m = _DATELINE_RE.match(text, start)
    return m.end() if m else 0


def _in_title(m: PlaceMention, title: str) -> int:
    """Where the mention's name stands in the title (-1: not there)."""
    found = re.search(rf"(?<!\w){re.escape(m.text)}(?!\w)", title)
    return found.start() if found else -1


def focus_of(places: Sequence[PlaceMention], after: int = 0, title: str = "") -> Placing:
    """The article's focus, the place its title names, else its most-mentioned one, as the
    placing of a figure placed only by it.

    ``title`` is the text's opening title, if any ("Battle of Lyman": the battle's
    place, however often the text names Kyiv).  The title's place is its own
    mention there, else a mention of the text spelling a name of the title (the
    title alone is too short to read a name in); a title naming it as an area
    ("Dabiq offensive", "Battles of the Donetsk suburbs") makes the precision 2.
    A title's name the gazetteer lacks ("Siege of Wadi Deif") is kept (basis
    "unresolved"), in the governorate of the place the text names most (precision 2),
    else in the country the article names most as a noun: never that city itself.
    Countries and rivers never count; mentions before offset ``after`` (the dateline) do
    not count.
    """
    usable = [m for m in places if _usable(m) and m.place.kind != "country"]
    lacking = [m for m in places if m.place is None]
    spelt = [
        (at, m.start, m) for m in usable + lacking if title and (at := _in_title(m, title)) >= 0
    ]
    counted = [m for m in usable if m.start >= after]
    if spelt:
        at, _, m = min(spelt, key=lambda hit: hit[:2])
        if m.place is None:
            named = _most_named(counted)
            if named is not None and (unit := _focus_unit(places, named)) is not None:
                return Placing(unit, m.text, 2, "unresolved")
            nouns = [n for n in places if not n.adjective]
            country = _most_named_country(nouns) or _most_named_country(places)
            precision = None if country is None else precision_of(country, "", None)
            return Placing(country, m.text, precision, "unresolved")
        precision = precision_of(m.place, title, replace(m, start=at, end=at + len(m.text)))
        return Placing(m.place, m.place.name, precision, "focus")
    focus = _most_named(counted)
    if focus is None:
        return UNPLACED
    return Placing(focus, focus.name, precision_of(focus, "", None), "focus")


def _most_named(mentions: Sequence[PlaceMention]) -> Place | None:
    """The place the mentions name most (the first of those named as often)."""
    counts = Counter(m.place.id for m in mentions)
    if not counts:
        return None
    top = max(counts.values())
    return next(m.place for m in mentions if counts[m.place.id] == top)


def _most_named_country(places: Sequence[PlaceMention]) -> Place | None:
    """The country the article names most (adjectives count: "Syrian forces")."""
    countries = [m.place for m in places if m.place is not None and m.place.kind == "country"]
    counts = Counter(p.id for p in countries)
    return next((p for p in countries if counts[p.id] == max(counts.values())), None)


def _main_country(places: Sequence[PlaceMention], focus: Place | None) -> Place | None:
    """The country the story happens in: the focus's, else the one the article names most."""
    countries = [m.place for m in places if m.place is not None and m.place.kind == "country"]
    if focus is not None and (own := _same_country(focus, countries)):
        return own
    return _most_named_country(places)


def _same_country(place: Place, countries: Sequence[Place]) -> Place | None:
    """The country (of those given) that ``place`` lies in."""
    return next((c for c in countries if c.country == place.country), None)


_ANAPHORS = table("place_anaphors")
_ANAPHOR_RE = re.compile(
    rf"\bthe\s+(?P<word>{'|'.join(_ANAPHORS)})\b(?!\s+of\b)(?!\s+(?-i:[A-Z]))",
    re.I,
)


def anaphors(
    text: str,
    mentions: Sequence[PlaceMention],
    focus: Place | None,
    sentences: Sequence[Span] = (),
    after: int = 0,
) -> list[PlaceMention]:
    """Mentions of the place that "the city", "the town" (no name after them) stand for.

    That is the article's focus ("35% of the city" in a report on Palmyra is Palmyra's,
    not the nearer town the sentence names in passing), unless its sentence or the one
    before (``sentences``, in text order) names other places of the kind the word
    names (``data/words/place_anaphors.tsv``) and not the focus: then the last of them
    ("took Tikrit. ... the city's prisons" in a report on Mosul).  ``mentions`` are in
    text order.
    """
    found = []
    for m in _ANAPHOR_RE.finditer(text, after):
        kind = _ANAPHORS[m["word"].lower()]
        at = bisect_right(sentences, m.start(), key=lambda span: span[0]) - 1
        sentence = sentences[at] if at >= 0 else (m.start(), m.end())
        since = (previous_sentence(text, sentences, sentence) or sentence)[0]
        lo = bisect_left(mentions, since, key=lambda n: n.start)
        hi = bisect_left(mentions, m.start(), lo=lo, key=lambda n: n.start)
        named = [n.place for n in mentions[lo:hi] if n.place is not None and n.place.kind == kind]
        place = focus if not named or focus in named else named[-1]
        if place is not None and place.kind == kind:
            found.append(PlaceMention(m[0], m.start(), m.end(), place, 1.0, False, ("anaphor",)))
    return found


_CAMP_SET_RE = re.compile(  # "the camp located in Abagana", "a camp near Makurdi"
    r"\bcamp,?\s+(?:(?:located|situated|set\s+up|based)\s+)?"
    r"(?:in|at|near|outside|on\s+the\s+outskirts\s+of)\s[^.;:!?]{0,60}",
    re.I,
)
_THE_CAMP_RE = re.compile(
    r"\bthe\s+(?:\w+\s+)?camp\b(?!\s+(?:of|in|at|near)\b)(?!\s+(?-i:[A-Z]))", re.I
)


def _camp_anaphors(
    text: str, mentions: Sequence[PlaceMention], after: int = 0
) -> list[PlaceMention]:
    """Mentions of the place that "the camp" (no name after it) stands for: the first town
    named where the article first sets a camp ("the displaced people's camp located in
    Abagana, an outskirts of Makurdi"), so that "the overcrowded camp housing 35,000 people"
    is counted there, not at the state the article names most.  An article that sets no
    camp at a named place gets none."""
    setting = _CAMP_SET_RE.search(text, after)
    if setting is None:
        return []
    camp = next(
        (
            m for m in mentions
            if setting.start() < m.start < setting.end() and m.place is not None
            and m.place.kind not in ("country", "region")
        ),
        None,
    )  # fmt: skip
    if camp is None:
        return []
    return [
        PlaceMention(found[0], found.start(), found.end(), camp.place, 1.0, False, ("camp",))
        for found in _THE_CAMP_RE.finditer(text, camp.end)
    ]


_INSERTION_RE = re.compile(r"\s[—–-]\s.*?(?:\s[—–-]\s|$)|—.*?(?:—|$)|\(.*?\)")

Span = tuple[int, int]
Scope = tuple[Span, list[Span]]


def scopes(text: str, sentence: Span, clause: Span, start: int, previous: Span | None) -> list:
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


def previous_sentence(text: str, sentences: Sequence[Span], sentence: Span) -> Span | None:
    """The sentence before, when it is in the same paragraph (no line break between)."""
    before = bisect_right(sentences, sentence[0], key=lambda span: span[1])  # in text order
    if not before or "\n" in text[sentences[before - 1][1] - 1 : sentence[0]]:
        return None
    return sentences[before - 1]


def _inside(items, scope: Scope):
    """The items (in text order) wholly inside the scope and outside its asides.

    Found by bisection, so placing every figure of a long article stays linear.
    """
    (s, e), asides = scope
    first = bisect_left(items, s, key=lambda item: item.start)
    last = bisect_left(items, e, lo=first, key=lambda item: item.start)
    return [
        item for item in items[first:last]
        if item.end <= e and not any(a <= item.start < b for a, b in asides)
    ]  # fmt: skip


def nearest(items, scope_list: Sequence[Scope], start: int, end: int):
    """The item (place or date mention) nearest [start, end) in the first scope holding any."""
    found = nearest_with_scope(items, scope_list, start, end)
    return found[0] if found else None


def nearest_with_scope(items, scope_list: Sequence[Scope], start: int, end: int):
    """(item, index of its scope) of the item nearest [start, end), or None."""
    for index, scope in enumerate(scope_list):
        if inside := _inside(items, scope):
            return min(inside, key=lambda i: min(abs(i.start - end), abs(start - i.end))), index
    return None


def precision_of(place: Place, text: str, m: PlaceMention | None, listed: bool = False) -> int:
    """1 the site itself, 2 near/part of it or an admin unit, 3 a country (module docstring).

    Part of a country ("in northern Syria") or of a town ("the Old City of Mosul", "the
    suburbs of Kyiv") is 2: a named area within it; so is a
    town named as an area ("the Palmyra area", "the Raqqa campaign",
    ``data/words/area_after_place.txt``), as one of several (``listed``: "the
    fighting at Izium and Sloviansk") or as one end of a line joined to another name by a
    dash ("the Svatove–Kreminna line", "the Aleppo-Latakia highway"): the ground between.
    """
    near = m is not None and bool(
        _NEAR_RE.search(_before(text, m)) or _AREA_AFTER_RE.match(text, m.end)
        or _JOINED_AFTER_RE.match(text, m.end)
        or _JOINED_BEFORE_RE.search(text, max(0, m.start - _LOOKBACK), m.start)
    )  # fmt: skip
    if place.kind in ("country", "region"):  # "Europe", "the Middle East": wider than a country
        return 2 if near and place.kind == "country" else 3
    if place.kind in _PRECISION:
        return _PRECISION[place.kind]
    return 2 if near or listed else 1


def _listed(ctx: Context, m: PlaceMention) -> bool:
    """Whether the mention stands in a list of places of its kind ("Khalsah, Zeitan and Birnah")."""
    at = bisect_left(ctx.starts, m.start)
    neighbours = [(n, m) for n in ctx.mentions[max(0, at - 1) : at]]
    neighbours += [(m, n) for n in ctx.mentions[at + 1 : at + 2]]
    return any(
        a.place is not None and b.place is not None and a.place.kind == b.place.kind
        and a.place.id != b.place.id and _LIST_GAP_RE.fullmatch(ctx.text, a.end, b.start)
        for a, b in neighbours
    )  # fmt: skip


def _ends(text: str, mentions: Sequence[PlaceMention], sentence: Span) -> tuple:
    """(origin, destination) mentions of a movement named in the sentence."""
    inside = [m for m in mentions if sentence[0] <= m.start < sentence[1] and m.place is not None]
    origin = next((m for m in inside if _FROM_RE.search(_before(text, m))), None)
    destination = next(
        (m for m in inside if _TO_RE.search(_before(text, m)) or _HOST_AFTER_RE.match(text, m.end)),
        None,
    )
    return origin, destination


_BASES = ("clause", "sentence", "previous sentence")
_SLOTS = ("other", "displaced", "refugees")  # the kinds whose mentions may differ (_names_event)


@dataclass(frozen=True)
class Context:
    """What one article offers every figure's placing: its mentions, focus and main country."""

    text: str
    mentions: tuple[PlaceMention, ...]  # after the dateline, resolved or not, no adjectives
    focus: Placing  # of a figure placed only by the article's focus
    country: Place | None
    countries: tuple[Place, ...]
    starts: tuple[int, ...] = ()  # of the mentions, for finding a sentence's by bisection
    names_event: tuple[tuple[bool, bool, bool], ...] = ()  # (other kinds, movements, refugees)
    unit: Place | None = None  # the governorate of the focus place (_focus_unit)

    @classmethod
    def of(
        cls,
        text: str,
        places: Sequence[PlaceMention],
        title: str = "",
        sentences: Sequence[Span] = (),
    ) -> Context:
        """The context of an article's text; ``title`` counts when the text opens with it,
        ``sentences`` (spans in text order) say what "the city" may stand for."""
        title = title if title and text.startswith(title) else ""
        body = dateline_end(text, len(title))
        places = _not_rivers(text, places)
        places = _namesakes_near_towns(_in_country_said(text, places))
        places = _strays_unresolved(text, places, body)
        places = _title_unit(text, places, len(title))
        places = _sites_at_towns(text, places)
        mentions = tuple(
            m for m in places
            if m.start >= body and not m.adjective and (m.place is None or m.place.kind != "river")
        )  # fmt: skip
        mentions = tuple(sorted(mentions, key=lambda m: m.start))
        countries = tuple(m.place for m in places if m.place and m.place.kind == "country")
        eventful = [  # not a venue of talks, a speaker's city or where the wounded were flown
            m for m in places
            if (m.place is not None and m.place.kind == "country")
            or _names_event(m, text, "displaced")
        ]  # fmt: skip
        focus = focus_of(eventful, body, title)
        mentions += tuple(anaphors(text, mentions, focus.place, sentences, body))
        mentions += tuple(_camp_anaphors(text, mentions, body))
        mentions = tuple(sorted(mentions, key=lambda m: m.start))
        return cls(
            text, mentions, focus, _main_country(places, focus.place), countries,
            tuple(m.start for m in mentions),
            tuple(_event_slots(m, text) for m in mentions),
            _focus_unit(mentions, focus.place),
        )  # fmt: skip

    def named(self, kind: str, start: int, end: int) -> list[PlaceMention]:
        """Mentions in [start, end) that may name where a figure of ``kind`` happened."""
        slot = _SLOTS.index(kind) if kind in _SLOTS else int(kind in MOVEMENTS)
        lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
        return [m for m, ok in zip(self.mentions[lo:hi], self.names_event[lo:hi], strict=True)
                if ok[slot]]  # fmt: skip


_RIVER_RE = re.compile(r"\s+river\b", re.I)
_RIVER_BEFORE_RE = re.compile(r"\briver\s+$", re.I)


def _not_rivers(text: str, places: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The mentions but those of a name the article calls a river anywhere ("the Donets
    river", "the river Donets"): "the battle at the Donets" is fought on that river, not in
    a hamlet named Donets."""
    rivers = {
        m.text for m in places
        if _RIVER_RE.match(text, m.end)
        or _RIVER_BEFORE_RE.search(text, max(0, m.start - 8), m.start)
    }  # fmt: skip
    return [m for m in places if m.text not in rivers] if rivers else list(places)


_STRAY_POPULATION = 10_000


def _hamlet(place: Place | None) -> bool:
    """A populated place of fewer than ``_STRAY_POPULATION`` people (a town or city is what
    its name means anywhere)."""
    return (
        place is not None and place.kind == "populated place"
        and place.population < _STRAY_POPULATION
    )  # fmt: skip


_COUNTRY_SAID_RE = re.compile(r"[^.;:!?()]{0,60}?(?:,|\bin)\s+$", re.I)


def _in_country_said(text: str, places: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The mentions, with a place the text sets in another country ("a camp in Miniyeh,
    North Governorate, Lebanon", "the district of Sinjar in Iraq's province of Nineveh")
    read as its namesake there, else as a name the gazetteer lacks.

    The place is a hamlet or named by another name than its own (a town is what its name
    means); the country must follow it within the sentence after a comma or "in", with no
    other place between them ("fled Aleppo for Gaziantep, Turkey" sets only Gaziantep);
    every mention of the name is read so.  A hamlet whose name the article reads as a
    town or unit of another country elsewhere is its namesake there too ("the district of
    Sinjar" of Iraq makes "the Sinjar Mountains" Iraq's, not a Syrian hamlet's).
    """
    ordered_places = sorted(places, key=lambda m: m.start)
    said: dict[str, Place | None] = {}
    for m, n in zip(ordered_places, ordered_places[1:], strict=False):
        p, country = m.place, n.place
        if (
            p is None or country is None or country.kind != "country" or n.adjective
            or p.country == country.country or not _odd(m)
            or not _COUNTRY_SAID_RE.fullmatch(text, m.end, n.start)
        ):  # fmt: skip
            continue
        there = [a.place for a in m.alternatives if a.place.country == country.country]
        said[m.text] = there[0] if there else None
    read = {m.text: m.place.country for m in places if m.place is not None and not _odd(m)}
    for m in places:  # "the district of Sinjar" (Iraq's) makes "the Sinjar Mountains" Iraq's
        if m.text not in said and _odd(m) and read.get(m.text, m.place.country) != m.place.country:
            there = [a.place for a in m.alternatives if a.place.country == read[m.text]]
            said[m.text] = there[0] if there else m.place
    return [
        replace(m, place=said[m.text]) if m.text in said and m.place is not None else m
        for m in places
    ]


def _odd(m: PlaceMention) -> bool:
    """A hamlet, or a place named by another name than its own: a doubtful reading."""
    return _hamlet(m.place) or _by_another_name(m)


_NEAR_TOWN_KM = 25.0
_FAR_KM = 50.0


def _namesakes_near_towns(places: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The mentions, with a hamlet read as its namesake that lies by a town the article
    names, when the hamlet chosen lies far from all of them ("the Saky airbase in the
    town of Novofedorivka": the Novofedorivka by Saky, not the one 100 km away).

    A town is a populated place other than a hamlet; the namesakes are the mention's
    alternatives in the same country (a Russian namesake by Moscow never replaces a
    Ukrainian village); every mention of the name takes the same namesake.
    """
    towns = list({
        m.place.id: m.place for m in places
        if m.place is not None and m.place.kind == "populated place" and not _hamlet(m.place)
    }.values())  # fmt: skip
    if not towns:
        return list(places)
    distances: dict[str, float] = {}

    def near(place: Place) -> float:
        if place.id not in distances:
            distances[place.id] = min(distance_km(place, town) for town in towns)
        return distances[place.id]

    chosen: dict[str, Place] = {}
    for m in places:
        if m.text in chosen or not _hamlet(m.place) or near(m.place) <= _FAR_KM:
            continue
        namesakes = [
            a.place for a in m.alternatives
            if a.place.kind == "populated place" and a.place.country == m.place.country
        ]  # fmt: skip
        best = min(namesakes, key=near, default=None)
        if best is not None and near(best) <= _NEAR_TOWN_KM:
            chosen[m.text] = best
    return [
        replace(m, place=chosen[m.text]) if m.text in chosen and _hamlet(m.place) else m
        for m in places
    ]


def _by_another_name(m: PlaceMention) -> bool:
    """A populated place the mention names by another name than its own ("the Canton"
    read as Guangzhou), not another spelling of it ("Raqqa" for "Ar Raqqah")."""
    p = m.place
    return (
        p is not None and p.kind == "populated place"
        and skeleton(normalise(m.text)) != skeleton(normalise(p.name))
    )  # fmt: skip


def _strays_unresolved(
    text: str, places: Sequence[PlaceMention], body: int = 0
) -> list[PlaceMention]:
    """The mentions, with a hamlet of a country the article has nothing else in, or a place
    of such a country named by another name than its own, read as a name the gazetteer
    lacks: "Zeitan" in a report on Aleppo is no Lebanese hamlet of that spelling, nor "the
    Canton" of Kobani Guangzhou, but names the gazetteer does not know, placed in the unit
    the text supports.

    A country has something of the article in it when the article names it or another
    place in it other than a hamlet ("Saida" makes the camp of Mieh Mieh the Lebanese one)
    as where something happens.  An adjective ("Russian forces") or a possessive ("Russia's
    defence ministry") says whose, and a speaker or a venue ("Moscow said") where words were
    spoken: none holds a country, nor does the dateline before ``body``, or every village
    of a report on "Russian shelling" that never writes "Ukraine" would be lost.
    """
    stray = [_odd(m) for m in places]
    if not any(stray):  # nothing to read otherwise: spare every mention _names_event's tests
        return list(places)
    held = {
        m.place.country for m, odd in zip(places, stray, strict=True)
        if m.place is not None and not odd and not m.adjective and m.start >= body
        and not text.startswith(_POSSESSIVE, m.end) and _names_event(m, text, "displaced")
    }  # fmt: skip
    if not held:
        return list(places)
    return [
        replace(m, place=None) if odd and m.place.country not in held else m
        for m, odd in zip(places, stray, strict=True)
    ]


_SITE_AT_RE = re.compile(  # "Antonov Airport in Hostomel", "the Qarzulun base at Aleppo"
    SITE_AFTER.pattern + r",?\s+(?:in|at)\s+(?:the\s+(?:town|city|village)\s+of\s+)?$", re.I
)


def _sites_at_towns(text: str, places: Sequence[PlaceMention]) -> list[PlaceMention]:
    """The mentions, with a site the gazetteer lacks ("Antonov Airport", "the Hostomel
    airfield") read as the town it is in (precision 1, as any event in the town): the one
    the text sets it in ("Antonov Airport in Hostomel"), else the town of its own name the
    article names ("Hostomel").  Every mention of the site's name is read so; a site at no
    known town, or only near one, stays unresolved (its governorate)."""
    ordered_places = sorted(places, key=lambda m: m.start)
    towns = {
        normalise(m.text): m.place for m in ordered_places
        if m.place is not None and m.place.kind == "populated place"
    }  # fmt: skip
    at: dict[str, Place] = {}
    for m, n in zip(ordered_places, ordered_places[1:], strict=False):
        if (
            m.place is None and m.text not in at
            and n.place is not None and n.place.kind == "populated place"
            and _SITE_AT_RE.fullmatch(text, m.end, n.start)
        ):  # fmt: skip
            at[m.text] = n.place
    for m in ordered_places:
        own = towns.get(normalise(m.text))
        if m.place is None and m.text not in at and own and SITE_AFTER.match(text, m.end):
            at[m.text] = own
    if not at:
        return list(places)
    return [replace(m, place=at[m.text]) if m.place is None and m.text in at else m for m in places]


_CITY_AFTER_RE = re.compile(r"\s+city\b", re.I)
_CITY_BEFORE_RE = re.compile(r"\bcity\s+of\s+$", re.I)


def _title_unit(text: str, places: Sequence[PlaceMention], title_end: int) -> list[PlaceMention]:
    """The mentions, with the bare name of a governorate the title names read as that
    governorate, not its capital: in "Turkish operation in Idlib Governorate", "strikes in
    Idlib" hit the province.  "Idlib city" and "the city of Idlib" stay the city."""
    units = [
        m.place for m in places
        if m.end <= title_end and m.place is not None and m.place.kind == "governorate"
    ]  # fmt: skip
    if not units:
        return list(places)

    def unit_of(m: PlaceMention) -> Place | None:
        p = m.place
        if p is None or p.kind != "populated place" or m.start < title_end:
            return None
        if _CITY_AFTER_RE.match(text, m.end) or _CITY_BEFORE_RE.search(_before(text, m)):
            return None
        key = skeleton(normalise(m.text))
        return next(
            (u for u in units if _governorate_of(u, p) and skeleton(normalise(u.name)) == key),
            None,
        )

    return [replace(m, place=unit) if (unit := unit_of(m)) else m for m in places]


def _focus_unit(mentions: Sequence[PlaceMention], focus: Place | None) -> Place | None:
    """The governorate the article's focus place lies in: the one the article names, else
    the gazetteer's (the story happens there even where the text never says "province");
    a governorate is its own."""
    if focus is not None and focus.kind == "governorate":
        return focus
    if focus is None or focus.kind in ("country", "region"):
        return None
    named = next((m.place for m in mentions if _governorate_of(m.place, focus)), None)
    if named is not None or not focus.admin1:
        return named
    found = default_gazetteer().lookup(focus.admin1, fuzzy=False)
    return next((c.place for c in found if _governorate_of(c.place, focus)), None)


def _governorate_of(unit: Place | None, place: Place) -> bool:
    """Whether ``unit`` is the governorate (first-level unit) ``place`` lies in."""
    return unit is not None and (unit.kind, unit.country, unit.admin1) == (
        "governorate", place.country, place.admin1
    )  # fmt: skip


def _event_slots(m: PlaceMention, text: str) -> tuple[bool, bool, bool]:
    """Whether the mention may place a figure of each kind of ``_SLOTS`` (refugees differ
    from other movements only at a capital, the host's seat)."""
    other, movement = _names_event(m, text, "other"), _names_event(m, text, "displaced")
    capital = m.place is not None and m.place.feature_code == "PPLC"
    return other, movement, _names_event(m, text, "refugees") if capital else movement


def _enclosing(ctx: Context, sentence: Span) -> Place | None:
    """The unit a name the gazetteer lacks lies in: a governorate/country of the sentence,
    else the governorate of the story's focus ("Idlib Governorate" in a report on a siege
    near Idlib), else the story's country."""
    units = [
        m.place for m in ctx.mentions
        if m.place is not None and sentence[0] <= m.start < sentence[1]
        and m.place.kind in ("governorate", "country")
    ]  # fmt: skip
    return units[0] if units else ctx.unit or ctx.country


def place_figure(
    ctx: Context, kind: str, start: int, end: int, scope_list: Sequence[Scope], sentence: Span
) -> Placing:
    """Place one figure of ``kind`` at [start, end) by the chain of the module docstring."""
    text = ctx.text
    lowest = min(scope[0][0] for scope in scope_list[:3])
    named = ctx.named(kind, min(lowest, sentence[0]), max(sentence[1], end))
    ends = _ends(text, named, sentence) if kind in MOVEMENTS else (None, None)
    if kind == "displaced" and ends[1] is not None:  # "fled to Afrin": where they went, not from
        named = [m for m in named if m is not ends[1]]
    local = [m for m in named if m.place is None or m.place.kind != "country"]
    candidates = [named, named, local]
    found = None
    for index, scope in enumerate(scope_list[:3]):
        events = [m for m in candidates[index] if not _OPERATION_AFTER_RE.match(text, m.end)]
        if hit := nearest_with_scope(events, [scope], start, end) or nearest_with_scope(
            candidates[index], [scope], start, end
        ):
            found = (hit[0], index)
            break
    origin = destination = None
    if kind in MOVEMENTS:
        o, d = ends
        origin, destination = (o.place if o else None), (d.place if d else None)
        chosen = (d or o) if kind in ("returned", "refugees") else (o or found and found[0])
        if chosen is not None and (found is None or chosen is not found[0]):
            found = (chosen, 1)
    wide = (found is None or found[1] > 0) and _COUNTRY_WIDE_RE.search(text, *sentence)
    if wide and ctx.country is not None:  # "Nationwide, 400 civilians were killed"
        return Placing(ctx.country, ctx.country.name, 3, "country-wide", origin, destination)
    if found is None:
        return replace(
            ctx.focus, origin=origin, destination=destination,
            precision=_borrowed_precision(ctx, kind, sentence, ctx.focus),
        )  # fmt: skip
    m, index = found
    if m.place is None:
        unit = _enclosing(ctx, sentence)
        precision = None if unit is None else precision_of(unit, text, None)
        return Placing(unit, m.text, precision, "unresolved", origin, destination)
    place = m.place
    if kind == "refugees" and place.feature_code == "PPLC":  # "Ankara has taken in": the country
        place = _same_country(place, ctx.countries) or place
    own = place is m.place
    precision = precision_of(place, text, m if own else None, own and _listed(ctx, m))
    placing = Placing(place, m.text, precision, _BASES[index], origin, destination)
    if index == _BASES.index("previous sentence"):
        return replace(placing, precision=_borrowed_precision(ctx, kind, sentence, placing))
    return placing


def _borrowed_precision(ctx: Context, kind: str, sentence: Span, placing: Placing) -> int | None:
    """The precision of a placing the figure's sentence borrows (from the sentence before or
    the focus): 2 for a town where fighters were hit or engaged in an event spread around
    it (module docstring), else the placing's own; a sentence counting civilians keeps the
    town (``data/words/civilian_words.txt``: they are hit where they live)."""
    place = placing.place
    spread = (
        kind in _ENGAGED and placing.precision == 1 and place is not None
        and place.kind == "populated place" and _SPREAD_RE.search(ctx.text, *sentence)
        and not _CIVILIANS_RE.search(ctx.text, *sentence)
    )  # fmt: skip
    return 2 if spread else placing.precision
