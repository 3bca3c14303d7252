"""Find place names in article text and resolve each to a gazetteer entry, with evidence.

Recognition is one pass of an Aho-Corasick automaton holding every name key of the gazetteer
(``geo.names.normalise`` form), run over a folded copy of the text's capitalised stretches
that keeps every word's offsets, so spans index the text exactly as given (``\r\n`` too).
A match becomes a mention only with evidence that it names a place here: capitalisation, a
cue ("in", "near", "north of", "the village of", "province"), importance, and no sign of a
person ("SDF spokesman Mustafa Bali", "Bali cautioned", "Peres said"), an organisation
("Syrian Democratic Forces", "U.S. Central Command", "Bank of Japan") or an ordinary word
("Gate 10").  Country adjectives ("Syrian forces", "U.S.-backed") resolve to their country
and are flagged; peoples without one country ("Kurdish") and regions the gazetteer lacks
("Middle East") are reported unresolved, as are unknown names after a feature cue ("the
village of X").  Capitalised names after a cue that no key matched get the gazetteer's
spelling-variant lookup ("Baghouz").

Resolution scores every candidate with a named, ordered chain of steps (name match, feature
type, article focus, nearby places, importance); each step's name and reason are kept as the
evidence strings the dashboard shows, and the alternatives keep theirs.
"""

from __future__ import annotations

import gc
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

import ahocorasick
from anyascii import anyascii
from rapidfuzz import fuzz

from geo.articles import Article
from geo.gazetteer import Candidate, Gazetteer, Place, default_gazetteer
from geo.names import ARTICLES, normalise


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

    def to_dict(self) -> dict:
        """The flat JSON shape of ``python -m geo extract`` (place fields null when unresolved)."""
        p = self.place
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "id": p.id if p else None,
            "geonameid": p.geonameid if p else None,
            "name": p.name if p else None,
            "kind": p.kind if p else None,
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "country": p.country if p else None,
            "admin1": p.admin1 if p else None,
            "score": round(self.confidence, 3),
            "adjective": self.adjective,
            "evidence": list(self.evidence),
            "alternatives": [
                {"id": a.place.id, "name": a.place.name, "score": round(a.score, 3),
                 "evidence": list(a.evidence)}
                for a in self.alternatives
            ],
        }


# --- word lists: the cues that make a capitalised word a place, or not ---------------------

def _wordset(words: str) -> frozenset[str]:
    """The set of the space-separated words of ``words`` (keeps long word lists readable)."""
    return frozenset(words.split())


#: Words before a name that say "a location follows".
LOCATIVE_CUES = _wordset(
    "in at near from to into outside around across toward towards inside via through "
    "between within throughout beyond along nearby"
) | _wordset(  # war reporting's verbs of taking and striking places: "forces captured Raqqa"
    "entered captured seized recaptured retook besieged shelled bombed stormed liberated "
    "encircled overran evacuated"
)
#: "the <feature> of X" and "X <feature>": the kind of place meant.
FEATURE_WORDS = {
    "province": "governorate",
    "provinces": "governorate",
    "governorate": "governorate",
    "governorates": "governorate",
    "district": "district",
    "city": "populated place",
    "cities": "populated place",
    "town": "populated place",
    "towns": "populated place",
    "village": "populated place",
    "villages": "populated place",
    "river": "river",
}
#: Capitalised words that may stand before a place name in one proper name ("Northern Syria").
COMPANIONS_BEFORE = _wordset(
    "north south east west northern southern eastern western central upper lower greater "
    "northeast northwest southeast southwest northeastern northwestern southeastern "
    "southwestern old new lake mount"
)
#: Capitalised words that may follow a place name in one proper name ("Raqqa Province").
COMPANIONS_AFTER = _wordset(
    "river province governorate village district region valley lake dam desert mountains "
    "mountain plain plains camp"
)
#: Heads of organisation names built as "<head> of <place>" ("Bank of Japan",
#: "University of Alberta"): the place is part of the name, not a mention.
ORGANISATION_HEADS = _wordset(
    "bank university embassy ministry museum council government parliament college institute "
    "school church court department board bureau commission office academy hospital party "
    "league federation union association society foundation company corporation club"
)
#: Words after a demonym that show a noun or language use, not a place adjective:
#: "the Emirati, whose", "speaks in Spanish after", "many Chinese are".
NOUN_USE_FOLLOWERS = _wordset(
    "are is was were have has had who whose say says said will would to in on at for from "
    "with by of"
)
#: Titles and roles after a place name, which keep it a place ("U.S. President Trump",
#: "Fargo Mayor Dennis Walaker").
TITLES_AFTER_PLACE = _wordset(
    "president prime minister foreign defense defence interior secretary ambassador vice king "
    "queen prince crown sen senator rep gen general envoy deputy chief supreme leader mayor "
    "governor police"
)
#: Words before a capitalised name that say it is a person.
PERSON_CUES = _wordset(
    "mr mrs ms miss dr gen general col colonel cmdr commander lt maj major capt captain sgt "
    "president minister sen senator rep gov governor mayor king queen prince sheikh imam pope "
    "spokesman spokeswoman spokesperson leader chief secretary ambassador envoy judge "
    "officer adm admiral premier emir cleric journalist reporter correspondent brother sister "
    "son daughter wife husband father mother uncle"
)
#: Function words that are capitalised only at the start of a sentence.
FUNCTION_WORDS = _wordset(
    "a an the in on at of for from to by with and or but as if so not no yes it its this that "
    "these those there here he she they we you i his her their our your my when while after "
    "before since until during despite although though because where what who which how why "
    "then now also even still just only more most many much some any all both each every "
    "once over under into onto about across against among around between near outside "
    "inside through throughout toward towards via within without meanwhile however "
    "according unlike like"
)
#: Ordinary English words that are also names of places somewhere.  Such a match needs a
#: locative cue and capitalisation in mid-sentence to count.
COMMON_WORDS = _wordset(
    "be do go up we me he man men van batman side bath reading mobile nice split male sale "
    "bar hope deal orange say sure well mark long grant ash hill field lake bay park green "
    "white black brown young page york union unity liberty independence victory justice "
    "peace security police army state states center centre city town village river mount "
    "port fort university college school church hospital court house home office street "
    "road camp station bridge border front island valley desert gulf sea ocean rock stone "
    "wood forest deir tell bir red blue yellow gold silver gate oil bank salt"
)
#: Capitalised words that are never place names in news: months, days, faiths, armed groups.
CALENDAR_WORDS = _wordset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday"
)
NEVER_PLACES = CALENDAR_WORDS | _wordset(
    "muslim islamic christian jewish "
    "sunni shiite shia alawite druze yazidi turkmen assyrian god allah daesh isis isil "
    "caliphate salafi jihadi quran koran north south east west northern southern eastern "
    "western central hamas hezbollah hizbollah fatah taliban qaeda nusra ypg pkk sdf "
    "peshmerga houthi houthis"
) | {"white house"}  # the U.S. president's, never Casablanca (Dar el Beida)
#: Common Arabic given names, which are also names of villages: a place only after a feature
#: cue ("the village of Hassan"), since news names people far more often.
GIVEN_NAMES = _wordset(
    "mohammed mohamed muhammad mohammad ahmed ahmad ali hassan hasan hussein husain omar umar "
    "abbas abdullah abdallah khaled khalid mahmoud mahmud mustafa mostafa ibrahim ismail "
    "youssef yusuf yousef salah saleh jamal karim hamid hamza osama usama bashar hafez rami "
    "samir walid nasser adnan haidar haider"
)
#: Names of regions the gazetteer has no entry for: reported as unresolved mentions.
REGIONS = ("Middle East", "Levant", "Kurdistan", "Rojava")
#: Continents are not mapped, and some are stray alternate names in the gazetteer
#: (Aleppo is also "Europe" there): never a mention.
CONTINENTS = frozenset(
    {
        "europe", "africa", "asia", "north america", "south america", "central america",
        "latin america", "north american", "south american", "central american",
        "latin american", "southeast asia", "south east asia", "asian", "african",
    }
)
#: Adjectives naming no single country (the gazetteer leaves them out on purpose).
REGIONAL_ADJECTIVES = ("Kurdish", "Arab", "European", "Middle Eastern")
_REGIONAL_ADJECTIVE_KEYS = frozenset(normalise(a) for a in REGIONAL_ADJECTIVES)
#: Verbs of speaking that follow a person's name.
SPEECH_VERBS = _wordset(
    "said says told tweeted added cautioned warned stated explained noted predicted insisted "
    "argued claimed asked wrote replied announced declared urged stressed reiterated vowed "
    "pledged denied accused welcomed condemned"
)
#: Compound adjectives built on a place name: "U.S.-backed", "Britain-based".
COMPOUND_SUFFIXES = _wordset(
    "backed led based born made run controlled held allied funded supported sponsored "
    "trained owned bound"
)

#: Lower-case words found inside place names ("Gulf of Aden", "Bosnia and Herzegovina").
NAME_CONNECTORS = _wordset("of and on upon de du da la le les del di im am sur bin")
_OF_WORDS = _wordset("of de du da la le les del di bin")  # "Mais al-Jabal", "Bank of Japan"
#: Arabic articles that belong to the name they precede ("al-Hol", "Al-Susah").
ARABIC_ARTICLES = frozenset(ARTICLES - {"the"})
#: Gazetteer kinds and feature codes important enough to count without a locative cue.
_MAJOR_CODES = frozenset({"PCLI", "ADM1", "ADM2", "PPLC", "PPLA", "PPLA2", "STM"})
_NEAR_POINTS = 0.6
_ADMIN_KINDS = frozenset({"governorate", "district", "subdistrict"})
_MIN_SIMILARITY = 75.0
_CLOSE_SIMILARITY = 85.0
_LARGE_POPULATION = 15_000
_CITY_POPULATION = 100_000
_WORLD_POPULATION = 1_000_000
#: The countries the gazetteer covers village by village: the conflict's region.
_HOME_COUNTRIES = frozenset({"SY", "IQ", "TR", "JO", "LB"})

_APOSTROPHES = "'`´ʹʻʼʽʾʿ‘’′"
_DROP_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)
#: A word: letters and digits, with apostrophes inside ("Ma'arat").  Written as runs, not
#: character by character with a look-ahead: it runs over every capitalised stretch.
_WORD = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}][^\W_]+)*")
_POSSESSIVE = re.compile(r"(?<=[^\W\d_])['’]s$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n])[\s\"“”'‘’(\[—–-]*$")
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_CAPITALISED = rf"(?:[A-Z]\.){{2,}}|[{_UPPER}][^\W_]*(?:[{_APOSTROPHES}][^\W_]+)*"
_ARTICLE_PREFIX = rf"(?:(?:{'|'.join(sorted(ARABIC_ARTICLES))})-)"
_INNER_WORDS = "|".join(sorted(NAME_CONNECTORS | ARABIC_ARTICLES))
_LINK = rf"(?:(?:(?<=St|Mt|Ft)\.)?[ -](?:(?:{_INNER_WORDS})[ -])*)"  # "St. Petersburg"
#: The letters a stretch can start with: an article's or a capital.
_STRETCH_FIRST = "".join(sorted({a[0] for a in ARABIC_ARTICLES})) + _UPPER
#: A stretch of capitalised words that may hold names: "Deir el-Zour", "Gulf of Aden", "U.S.".
#: Its first letter is tested before anything else: most positions of a text fail there.
_STRETCH = re.compile(
    rf"(?=[{_STRETCH_FIRST}])(?<![\w{_APOSTROPHES}]){_ARTICLE_PREFIX}?(?:{_CAPITALISED})"
    rf"(?:{_LINK}(?:{_CAPITALISED}))*"
)
_NEXT_WORD = re.compile(r"([ -])(\w+)")


class _LowerCaseWords:
    """The words a text writes in lower case ("can", "time"), as whole words, asked one at a
    time: an article asks about a few dozen, and listing all its words cost more."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._answers: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        answer = self._answers.get(word)
        if answer is None:
            plain = word.isascii() and word.isalpha() and word.islower()  # [a-z]+
            answer = self._answers[word] = plain and self._whole_word(word)
        return answer

    def _whole_word(self, word: str) -> bool:
        """Whether ``word`` stands in the text with no letter, digit, "_" or apostrophe
        either side of it."""
        text, at = self._text, self._text.find(word)
        while at >= 0:
            end = at + len(word)
            if not _joins_word(text[at - 1 : at]) and not _joins_word(text[end : end + 1]):
                return True
            at = text.find(word, at + 1)
        return False


def _joins_word(char: str) -> bool:
    return char.isalnum() or char in ("_", "'", "’")


# --- the folded text ---------------------------------------------------------------------------


class _Word(NamedTuple):
    """A word of the original text and its folded key ('' when it folds to nothing)."""

    start: int
    end: int
    surface: str
    key: str


@lru_cache(maxsize=200_000)
def _fold(word: str) -> str:
    """A word as ``geo.names.normalise`` folds it: ASCII, lower case, no apostrophes or 's."""
    if word.isascii() and word.isalnum():  # most words: nothing to drop or transliterate
        return word.lower()
    word = _POSSESSIVE.sub("", word).translate(_DROP_APOSTROPHES)
    if not word.isascii():
        word = anyascii(word)
    return " ".join(_NON_ALNUM.split(word.lower())).strip()


class _FoldedStretch(NamedTuple):
    """One capitalised stretch folded: its words as (start, end, surface, key) relative to
    the stretch, and its keys as the automaton sees them ("_ deir zour"), with where each
    key starts and ends in that string and the first and last word it covers."""

    words: tuple[tuple[int, int, str, str], ...]
    text: str
    key_starts: tuple[int, ...]
    key_ends: tuple[int, ...]  # inclusive
    first_words: tuple[int, ...]
    last_words: tuple[int, ...]


@dataclass(frozen=True)
class _Folded:
    """The text as the gazetteer's name keys are written, with a way back to the words.

    ``text`` joins the kept words' keys with single spaces (Arabic articles and "the" left
    out, initials such as U.S. run together), as ``geo.names.normalise`` does for names.
    Stretch i is folded as ``stretches[i]``, starts at ``offsets[i]`` of ``text``, and its
    first word is ``words[bases[i]]``.  A match is mapped back through its stretch, found by
    bisection, rather than through a table of every key of the text, built per article:
    a text has thousands of keys and a few hundred matches.
    """

    words: tuple[_Word, ...]
    text: str
    stretches: tuple[_FoldedStretch, ...]
    offsets: tuple[int, ...]
    bases: tuple[int, ...]

    def word_range(self, start: int, end: int) -> tuple[int, int] | None:
        """The first and last word of the keys at ``start``..``end`` (inclusive) of ``text``,
        or None when that is not whole keys of one stretch."""
        i = bisect_right(self.offsets, start) - 1
        stretch, offset = self.stretches[i], self.offsets[i]
        first = _position(stretch.key_starts, start - offset)
        last = _position(stretch.key_ends, end - offset)
        if first is None or last is None:
            return None
        base = self.bases[i]
        return stretch.first_words[first] + base, stretch.last_words[last] + base


def _position(values: tuple[int, ...], value: int) -> int | None:
    """The index of ``value`` in the sorted ``values``, or None."""
    i = bisect_left(values, value)
    return i if i < len(values) and values[i] == value else None


def _fold_text(text: str) -> _Folded:
    """Fold the words of the capitalised stretches of ``text``; a "_" key, which no name
    contains, opens every stretch so that no match runs across two of them."""
    stretches = [(m.start(), _fold_stretch(m.group())) for m in _STRETCH.finditer(text)]
    words = [
        _Word(start + offset, end + offset, surface, key)
        for offset, fold in stretches
        for start, end, surface, key in fold.words
    ]
    folds = tuple(fold for _, fold in stretches)
    texts = [fold.text for fold in folds]
    # Summed with C-level calls, no Python loop over keys: the folded text opens with a
    # space and puts one between stretches.
    offsets = accumulate(map((1).__add__, map(len, texts)), initial=1)
    bases = accumulate([len(fold.words) for fold in folds], initial=0)
    return _Folded(tuple(words), f" {' '.join(texts)} ", folds, tuple(offsets), tuple(bases))


@lru_cache(maxsize=50_000)
def _fold_stretch(stretch: str) -> _FoldedStretch:
    """The words of a stretch and the keys the automaton sees, with the words each covers:
    articles left out, initials run together ("U.S." -> "us").
    Cached: stretches repeat ("The", "U.S.", "Syria")."""
    words = [(m.start(), m.end(), m.group(), _fold(m.group())) for m in _WORD.finditer(stretch)]
    keys: list[str] = []
    firsts: list[int] = []  # the first and last word of each key
    lasts: list[int] = []
    for index, (start, _, surface, key) in enumerate(words):
        if not key or key in ARTICLES:
            continue
        if keys and len(surface) == 1:
            previous = words[lasts[-1]]
            if len(previous[2]) == 1 and stretch[previous[1] : start] == ".":
                keys[-1] += key
                lasts[-1] = index
                continue
        keys.append(key)
        firsts.append(index)
        lasts.append(index)
    # Key i starts at starts[i], after "_ ", and ends two characters before key i + 1.
    starts = tuple(accumulate(map((1).__add__, map(len, keys)), initial=2))
    return _FoldedStretch(
        tuple(words),
        " ".join(["_", *keys]),
        starts[:-1],
        tuple(map((-2).__add__, starts[1:])),
        tuple(firsts),
        tuple(lasts),
    )


# --- the matcher, built once per gazetteer ---------------------------------------------------


@dataclass(frozen=True)
class _Matcher:
    automaton: ahocorasick.Automaton
    adjectives: dict[str, str]  # normalised country adjective -> country place id
    regional: frozenset[str]  # keys of REGIONS and REGIONAL_ADJECTIVES
    ordinary: frozenset[str]  # common English words (COMMON_WORDS and jusText's stoplist)


@lru_cache(maxsize=4)
def _matcher(gazetteer: Gazetteer) -> _Matcher:
    """An automaton over every name key of the gazetteer (one-word function words left out)."""
    automaton = ahocorasick.Automaton()
    for key, _ in gazetteer.names():
        if len(key) > 1 and key not in FUNCTION_WORDS:
            automaton.add_word(f" {key} ", key)
    adjectives = dict(gazetteer.adjectives())
    regional = frozenset(normalise(n) for n in (*REGIONS, *REGIONAL_ADJECTIVES))
    for key in (*adjectives, *regional, *CONTINENTS):
        automaton.add_word(f" {key} ", key)
    automaton.make_automaton()
    from justext import get_stoplist  # loaded here, with the gazetteer, not on import

    matcher = _Matcher(automaton, adjectives, regional, COMMON_WORDS | get_stoplist("English"))
    # The gazetteer, the matcher and the modules loaded with them live as long as the
    # process: frozen out of the collector's generations, they are not traversed again by
    # every full collection an article's garbage triggers (CPython's documented gc.freeze).
    # Garbage is collected first, or it would be kept for good.
    gc.collect()
    gc.freeze()
    return matcher


@lru_cache(maxsize=50_000)
def _lookup(gazetteer: Gazetteer, surface: str) -> tuple[Candidate, ...]:
    """Gazetteer candidates for a surface form.  Spelling variants count only for places of
    the conflict region, where they are transliterations ("Baghouz"); elsewhere they
    mostly pair unrelated names ("Ohio", Wuhu).  Fuzzy matches never count: a name the
    gazetteer does not know is reported unresolved, not guessed."""
    key = normalise(surface)
    return tuple(
        c
        for c in gazetteer.lookup(
            surface,
            limit=10,
            fuzzy=False,
            variant_countries=_HOME_COUNTRIES,
            variant_similarity=_MIN_SIMILARITY,
        )
        if _tier(c) == 0
        or (
            _tier(c) == 1
            and c.place.country in _HOME_COUNTRIES
            and _similarity(key, c) >= _MIN_SIMILARITY
        )
    )


# --- recognition -------------------------------------------------------------------------------


class _Span(NamedTuple):
    """A name found in the text: its words, original span and folded key.

    This record and the two below are named tuples, not frozen dataclasses: one is made per
    name and per match, and a frozen dataclass sets each field through a slow
    ``object.__setattr__`` call."""

    first: int  # word indices, inclusive
    last: int
    start: int
    end: int
    key: str


def _matches(folded: _Folded, matcher: _Matcher, text: str) -> list[_Span]:
    """Longest non-overlapping gazetteer names on word boundaries, starting capitalised."""
    found = []
    for end, key in matcher.automaton.iter(folded.text):  # keys are padded with spaces
        word_range = folded.word_range(end - len(key), end - 1)
        if word_range is None:
            continue
        first_word, last_word = word_range
        if not folded.words[first_word].surface[0].isupper():
            continue
        found.append((first_word, last_word, key))
    found.sort(key=lambda m: (m[0] - m[1], m[0]))
    taken: set[int] = set()
    spans = []
    for first_word, last_word, key in found:
        if taken.intersection(range(first_word, last_word + 1)):
            continue
        taken.update(range(first_word, last_word + 1))
        spans.append(_span(folded.words, text, first_word, last_word, key))
    return sorted(spans, key=lambda s: s.start)


def _span(words: Sequence[_Word], text: str, first: int, last: int, key: str) -> _Span:
    """The original span of words first..last, with an attached Arabic article ("al-Hol")
    and the full stop of an initialism ("U.S.")."""
    if first > 0:
        before = words[first - 1]
        gap = text[before.end : words[first].start]
        attached = gap == "-" or (gap == " " and before.surface[0].isupper())
        if before.key in ARABIC_ARTICLES and attached:
            first -= 1
    end = words[last].end
    if _POSSESSIVE.search(words[last].surface):
        end -= 2
    elif len(words[last].surface) == 1 and text[end : end + 1] == ".":
        end += 1
    return _Span(first, last, words[first].start, end, key)


class _Context(NamedTuple):
    """What the words around a span say about it."""

    cue: str  # the locative or feature cue before or after the span ("" if none)
    kind: str  # the kind of place a feature cue asks for ("" if none)
    compound: bool  # "U.S.-backed", "Britain-based"
    name_before: str  # a capitalised word that makes the span part of a longer name
    name_after: str
    person_cue: str  # "Gen.", "spokesman" right before
    sentence_initial: bool
    next_word: str = ""  # the word right after, lower-cased ("said", "province")


def _context(
    text: str,
    words: Sequence[_Word],
    span: _Span,
    countries: set[int],
    matched: set[int],
    lowercase: _LowerCaseWords,
) -> _Context:
    """What the words around a span say.  ``countries``: indices of words naming a country
    or a people ("Russia-Turkey ties", "Iraqi Kurdistan"), ``matched``: of words in any
    gazetteer match; neither makes a neighbour part of a longer, non-place name."""
    keys_before = _keys_before(text, span.start)
    cue, kind = _cue_before(keys_before)
    following = _NEXT_WORD.match(text, span.end)
    next_key = following.group(2).lower() if following else ""
    if not kind and following and following.group(1) == " " and next_key in FEATURE_WORDS:
        cue, kind = next_key, FEATURE_WORDS[next_key]
    compound = bool(following) and following.group(1) == "-" and next_key in COMPOUND_SUFFIXES
    sentence_initial = _sentence_initial(text, span.start)
    name_before = ""
    before = words[span.first - 1] if span.first > 0 else None
    hyphenated_place = bool(before) and span.first - 1 in matched and text[before.end] == "-"
    if (
        before is not None
        and span.first - 1 not in countries
        and not hyphenated_place
        and _joined(text, before.end, span.start)
    ):
        key = before.key  # three lookups, not a union of two word sets built per call
        ordinary = key in FUNCTION_WORDS or key in COMMON_WORDS or key in lowercase
        if _is_name_word(before, COMPANIONS_BEFORE) and not (
            _sentence_initial(text, before.start) and ordinary
        ):
            name_before = before.surface
    if before is not None and before.key == "of" and span.first >= 2:
        head = words[span.first - 2]
        if head.key in ORGANISATION_HEADS and head.surface[0].isupper():
            name_before = f"{head.surface} of"  # "Bank of Japan", "University of Alberta"
    return _Context(
        cue,
        kind,
        compound,
        name_before,
        _name_after(text, words, span, countries, matched),
        keys_before[-1] if keys_before and keys_before[-1] in PERSON_CUES else "",
        sentence_initial,
        next_key if following and following.group(1) == " " else "",
    )


def _name_after(
    text: str, words: Sequence[_Word], span: _Span, countries: set[int], matched: set[int]
) -> str:
    """A capitalised word after the span, maybe past "of" or "al-", that makes it part of a
    longer name ("Syrian Democratic Forces", "Oil and Gas Masterclass", "Mais al-Jabal")."""
    k, end, article = span.last + 1, span.end, False
    while k < len(words) and _joined(text, end, words[k].start):
        word = words[k]
        if word.key in _OF_WORDS or word.key in ARABIC_ARTICLES:
            article = word.key in ARABIC_ARTICLES
            k, end = k + 1, word.end
            continue
        hyphenated = text[end : word.start] == "-"
        if k in countries and not article and k + 1 < len(words):
            following = words[k + 1]
            if (
                _joined(text, word.end, following.start)
                and k + 1 not in countries
                and _is_name_word(following, COMPANIONS_AFTER)
                and not following.surface.isupper()
            ):
                return following.surface  # "Syrian Arab Army"
        if not article and (k in countries or ((k > span.last + 1 or hyphenated) and k in matched)):
            return ""  # "Syria and Iraq", "Fargo-Moorhead", "Iraqi Kurdistan"
        if _is_name_word(word, COMPANIONS_AFTER) and not word.surface.isupper():
            return word.surface
        return ""
    return ""


def _sentence_initial(text: str, start: int) -> bool:
    return bool(_SENTENCE_START.search(text[max(0, start - 12) : start]))


def _keys_before(text: str, start: int) -> list[str]:
    """The last few words before ``start``, lower-cased, nearest last."""
    return [w.lower() for w in _WORD.findall(text, max(0, start - 40), start)[-4:]]


def _joined(text: str, end: int, start: int) -> bool:
    """Two words written as parts of one name: spaces (no line break) or a hyphen between."""
    gap = text[end:start]
    return gap == "-" or (bool(gap) and not gap.strip(" \t\u00a0"))


def _is_name_word(word: _Word, companions: frozenset[str]) -> bool:
    """A capitalised word that is not a compass point, a feature word or a day or month
    ("Northern", "River", "Saturday")."""
    key = word.key
    return word.surface[0].isupper() and key not in companions and key not in CALENDAR_WORDS


def _cue_before(keys: Sequence[str]) -> tuple[str, str]:
    """("village of", "populated place") or ("in", "") or ("", "") from the words before:
    "the village of X", "villages such as X", "in (the northern) X", "north of X", and the
    second of two names after one cue ("in Oakport and Moorhead")."""
    if len(keys) >= 2 and keys[-1] == "of" and keys[-2] in FEATURE_WORDS:
        return f"{keys[-2]} of", FEATURE_WORDS[keys[-2]]
    if len(keys) >= 2 and keys[-1] == "of" and keys[-2] in _DIRECTIONS:
        return f"{keys[-2]} of", ""
    if len(keys) >= 3 and keys[-1] in ("and", "or") and keys[-3] in LOCATIVE_CUES:
        return keys[-3], ""
    if len(keys) >= 3 and tuple(keys[-2:]) == ("such", "as") and keys[-3] in FEATURE_WORDS:
        return f"{keys[-3]} such as", FEATURE_WORDS[keys[-3]]
    k = len(keys) - 1
    while k >= 0 and len(keys) - 1 - k < 2 and keys[k] in _SKIPPABLE:
        k -= 1
    if k >= 0 and keys[k] in LOCATIVE_CUES:
        return keys[k], ""
    return "", ""


#: Words that may stand between a locative cue and the name ("in the northern Syria").
_SKIPPABLE = _wordset(
    "the northern southern eastern western central northeastern northwestern southeastern "
    "southwestern rural neighbouring neighboring nearby besieged"
)
#: "north of X", "on the outskirts of X": a place follows.
_DIRECTIONS = _wordset(
    "north south east west northeast northwest southeast southwest outskirts edge outside "
    "centre center heart"
)
#: Every word a cue can end with: a quick first test before reading the words before a name.
_CUE_ENDINGS = LOCATIVE_CUES | _SKIPPABLE | {"of", "as", "and", "or"}


class _Found(NamedTuple):
    """A recognised name, before resolution."""

    span: _Span
    context: _Context
    adjective: bool
    candidates: tuple[Candidate, ...]  # empty: unresolved, or a fixed adjective
    fixed: Place | None = None  # the country of a country adjective
    evidence: str = ""
    weak: bool = False  # a minor place without a cue: kept only if named with a cue elsewhere


@dataclass(frozen=True)
class _Article:
    """What recognition knows about the whole article when it judges one name."""

    text: str
    gazetteer: Gazetteer
    matcher: _Matcher
    countries: frozenset[str]  # codes of the countries it names
    people: frozenset[str]  # keys of names it uses for people ("bali" after "Mustafa Bali")
    lowercase: _LowerCaseWords  # words it writes in lower case ("can", "time")


def find_places(
    article_or_text: Article | str, gazetteer: Gazetteer | None = None
) -> list[PlaceMention]:
    """Every place an article names, in text order, resolved to gazetteer entries with evidence.

    1. the automaton finds every gazetteer name in the capitalised stretches;
    2. each match is judged in its context, knowing the article's countries and the people
       it names; a minor place with no cue stays only if named with a cue elsewhere;
    3. capitalised names right after a cue that no key matched get a variant lookup;
    4. every name is resolved by the chain, given the article's focus.
    """
    text = article_or_text.text if isinstance(article_or_text, Article) else article_or_text
    gazetteer = default_gazetteer() if gazetteer is None else gazetteer
    matcher = _matcher(gazetteer)
    folded = _fold_text(text)
    spans = _matches(folded, matcher, text)
    matched = {w for s in spans for w in range(s.first, s.last + 1)}
    country_spans = _country_spans(gazetteer, matcher, text, spans)
    country_words = {w for s in country_spans for w in (s.first, s.last)}
    lowercase = _LowerCaseWords(text)
    contexts = [
        _context(text, folded.words, s, country_words, matched, lowercase) for s in spans
    ]
    article = _Article(
        text,
        gazetteer,
        matcher,
        frozenset(code for code in country_spans.values() if code),
        frozenset(
            s.key
            for s, c in zip(spans, contexts, strict=True)
            if s not in country_spans and _names_a_person(gazetteer, text, s, c)
        ),
        lowercase,
    )
    found = [
        f
        for s, c in zip(spans, contexts, strict=True)
        if (f := _recognise(article, s, c)) is not None
    ]
    cued = {f.span.key for f in found if not f.weak}
    found = [f for f in found if not f.weak or f.span.key in cued]
    covered = {w for f in found for w in range(f.span.first, f.span.last + 1)}
    cued_names = _cued_names(article, folded, covered) + _datelines(article, folded, covered)
    found += cued_names + _repeats(article, folded, cued_names, covered)
    found.sort(key=lambda f: f.span.start)
    return _resolve(text, found)


def _country_spans(
    gazetteer: Gazetteer, matcher: _Matcher, text: str, spans: Sequence[_Span]
) -> dict[_Span, str]:
    """The spans that name a country or a people, with the country code ('' for "Kurdish")."""
    codes = {}
    for span in spans:
        if span.key in matcher.adjectives:
            codes[span] = gazetteer.get(matcher.adjectives[span.key]).country
        elif span.key in matcher.regional:
            codes[span] = ""
        elif gazetteer.names_country(surface := text[span.start : span.end]):
            top = _lookup(gazetteer, surface)[:1]
            if top and top[0].place.kind == "country" and _tier(top[0]) == 0:
                codes[span] = top[0].place.country
    return codes


def _names_a_person(gazetteer: Gazetteer, text: str, span: _Span, context: _Context) -> bool:
    """A name used for a person: after a title ("Gen. Votel"), after a capitalised word that
    reads as a first name ("Mustafa Bali"; not "CBC Toronto", "Prate's Paris office" or
    "Government of Alberta"), before a verb of speaking unless a large place ("Peres said",
    not "Damascus said"), or before "administration" ("the Clinton administration")."""
    if context.person_cue or context.next_word == "administration":
        return True
    first_name = context.name_before
    if first_name and not context.name_after and first_name.isalpha() and first_name.istitle():
        return True
    if context.next_word in SPEECH_VERBS:
        top = _lookup(gazetteer, text[span.start : span.end])[:1]
        place = top[0].place if top else None
        return not (place and (_is_famous(place) or place.population >= _CITY_POPULATION))
    return False


def _recognise(article: _Article, span: _Span, context: _Context) -> _Found | None:
    """Keep a gazetteer match only with evidence that it names a place here."""
    gazetteer, matcher = article.gazetteer, article.matcher
    surface = article.text[span.start : span.end]
    key = span.key
    if key in NEVER_PLACES or key in CONTINENTS or context.person_cue or context.name_before:
        return None
    if key in GIVEN_NAMES and not context.kind:
        return None
    if key in article.people and not context.cue:
        return None  # "Bali cautioned" after "Mustafa Bali"; "troops entered Afrin" is a place
    if (
        context.name_after
        and not context.compound
        and context.name_after.lower() not in TITLES_AFTER_PLACE
    ):
        return None
    letters = surface.replace(".", "")
    acronym = len(letters) > 1 and letters.isupper() and not _dateline(article.text, span)
    if acronym and not any(c.place.kind == "country" for c in _lookup(gazetteer, surface)[:1]):
        return None  # acronyms (SDF, ISIS, AFP) are not places, short country forms (US, UK) are
    if key in matcher.adjectives and _noun_use(article.text, span):
        return None  # "the Emirati, whose", "speaks in Spanish": a people or a language
    if key in matcher.adjectives:
        country = gazetteer.get(matcher.adjectives[key])
        return _Found(span, context, True, (), country, f"country adjective {surface!r}")
    if key in matcher.regional:
        adjective = key in _REGIONAL_ADJECTIVE_KEYS
        return _Found(span, context, adjective, (), None, "region with no gazetteer entry")
    word = surface.lower() if surface.istitle() else ""  # "U.S." and "US" are not "us"
    needs_cue = context.sentence_initial or not context.cue
    if needs_cue and word in article.lowercase:
        return None  # "Can you": a word the article writes in lower case needs a cue
    candidates = _candidates(article, surface, key, context)
    if not candidates:
        return None
    famous = any(
        _is_famous(c.place) and (c.place.kind == "country" or c.reason.startswith("exact name"))
        for c in candidates
    )
    if needs_cue and word in matcher.ordinary and not famous:
        return None  # "Gate 10", "the Red River": ordinary words need a cue, unless famous
    major = any(_is_major(c.place, article.countries) and _tier(c) == 0 for c in candidates)
    evidence = f"after {context.cue!r}" if context.cue else ("well-known place" if major else "")
    weak = not (major or context.cue)
    return _Found(span, context, context.compound, candidates, evidence=evidence, weak=weak)


def _similarity(key: str, candidate: Candidate) -> float:
    """How close a normalised name is to the gazetteer name a variant match went through
    ("baghouz" / "Bāghūz": 92; "sudanese" / "Şad‘ān al ‘Āsī": 36)."""
    matched = candidate.reason.partition(": ")[2].strip("'\"")
    return fuzz.ratio(key, normalise(matched))


def _tier(candidate: Candidate) -> int:
    """0 for a name the gazetteer lists (exactly or up to case, accents and articles),
    1 for a spelling variant, 2 for a fuzzy match."""
    reason = candidate.reason
    return 2 if reason.startswith("fuzzy") else 1 if reason.startswith("variant") else 0


def _noun_use(text: str, span: _Span) -> bool:
    """A demonym used as a noun or a language name: no noun follows it."""
    following = _NEXT_WORD.match(text, span.end)
    if following is None or following.group(1) == "-":
        return following is None
    return following.group(2).lower() in NOUN_USE_FOLLOWERS


def _is_famous(place: Place) -> bool:
    """A country, a capital or a city of a million: "London" is not the word "london"."""
    return (
        place.kind == "country"
        or place.feature_code == "PPLC"
        or place.population >= _WORLD_POPULATION
    )


def _is_major(
    place: Place, countries: frozenset[str], threshold: int = _LARGE_POPULATION
) -> bool:
    """Known well enough to be meant without a cue: a famous place, a governorate or a river,
    or a town of the region or of a country the article names ("Time", Norway, in a Syria
    story needs "in" before it)."""
    if _is_famous(place) or place.kind in ("governorate", "river"):
        return True
    large = place.population >= threshold or (
        threshold == _LARGE_POPULATION and place.feature_code in _MAJOR_CODES
    )
    return large and (place.country in countries or place.country in _HOME_COUNTRIES)


def _dateline(text: str, span: _Span) -> bool:
    """An upper-case place name before a dash, colon, comma or bracket: "BEIRUT —",
    "BEIRUT:", "BEIRUT (AP)"."""
    return span.end - span.start >= 4 and text[span.end : span.end + 3].lstrip()[:1] in "—–-,:("


def _cued_names(article: _Article, folded: _Folded, covered: set[int]) -> list[_Found]:
    """Capitalised names right after "the village of" / "in" that no exact name matched.

    The gazetteer's variant matching gets a say ("Deir el-Zour"); after a feature cue a name
    it does not know is still reported, unresolved.
    """
    text, words = article.text, folded.words
    found = []
    for first, word in enumerate(words):
        if first in covered or not _starts_name(word):
            continue
        # the quick test of the word before first: it rules out most words
        if _previous_word(text, word.start) not in _CUE_ENDINGS:
            continue
        if _inside_name(text, words, first):
            continue
        cue, kind = _cue_before(_keys_before(text, word.start))
        if not cue:
            continue
        last = _name_end(text, words, first, covered)
        key = normalise(text[word.start : words[last].end])
        span = _span(words, text, first, last, key)
        following = _NEXT_WORD.match(text, span.end)
        speaks = bool(following) and following.group(2).lower() in SPEECH_VERBS
        surface = text[span.start : span.end]
        word = surface.lower() if surface.istitle() else ""
        ordinary = word in article.matcher.ordinary or word in article.lowercase
        unwanted = key in NEVER_PLACES or key in CONTINENTS or key in article.people
        unwanted = unwanted or (key in GIVEN_NAMES and not kind)
        if unwanted or speaks or (ordinary and not kind):
            continue
        if key in article.matcher.adjectives:
            continue  # judged already, as an adjective ("in Turkish" is a language)
        if not kind and _unlikely_name(article.matcher, key, words[first : last + 1]):
            continue
        context = _Context(cue, kind, False, "", "", "", False)
        candidates = _candidates(article, surface, key, context)
        if candidates:
            found.append(_Found(span, context, False, candidates, evidence=f"after {cue!r}"))
        elif kind and not cue.startswith("such"):
            evidence = f"after {cue!r}; not in the gazetteer"
            found.append(_Found(span, context, False, (), None, evidence))
        else:
            continue
        covered.update(range(first, last + 1))
    return found


def _previous_word(text: str, start: int) -> str:
    """The word right before ``start``, lower-cased, punctuation stripped (a quick test)."""
    before = text[max(0, start - 24) : start].rsplit(None, 1)  # the last word, split off
    return before[-1].strip(".,;:\"'“”‘’()").lower() if before else ""


def _unlikely_name(matcher: _Matcher, key: str, words: Sequence[_Word]) -> bool:
    """A name no gazetteer key holds, made with ordinary English words ("Press Street",
    "Final Four", "Culinary Institute"): not worth a spelling-variant search."""
    if matcher.automaton.exists(f" {key} "):
        return False
    return any(w.key in matcher.ordinary or w.key in ORGANISATION_HEADS for w in words)


def _inside_name(text: str, words: Sequence[_Word], index: int) -> bool:
    """The word continues a capitalised name ("Bali" in "Mustafa Bali"), "In" aside."""
    previous = words[index - 1] if index > 0 else None
    joined = previous is not None and _joined(text, previous.end, words[index].start)
    return joined and previous.key not in FUNCTION_WORDS


def _name_end(text: str, words: Sequence[_Word], first: int, covered: set[int]) -> int:
    """The last word of the name starting at ``first``: up to four capitalised words or
    Arabic articles ("Mais al-Jabal")."""
    last = first
    while (
        last + 1 < len(words)
        and last - first < 3
        and _joined(text, words[last].end, words[last + 1].start)
        and (_starts_name(words[last + 1]) or words[last + 1].key in ARABIC_ARTICLES)
        and last + 1 not in covered
    ):
        last += 1
    return last - 1 if words[last].key in ARABIC_ARTICLES else last


def _candidates(
    article: _Article, surface: str, key: str, context: _Context
) -> tuple[Candidate, ...]:
    """The credible gazetteer readings of a name written ``surface`` in this article.

    Short forms count only as the gazetteer writes them ("US", "UK"; not "Can", "IoT").
    """
    found = _lookup(article.gazetteer, surface)
    if len(surface.replace(".", "")) <= 3:
        found = tuple(c for c in found if surface in c.place.names)
    return tuple(c for c in found if _credible(c, key, article.countries, context))


def _credible(candidate: Candidate, key: str, countries: frozenset[str], context: _Context) -> bool:
    """Whether a candidate is a plausible reading of the name here.

    A spelling variant must be close, closer still without a feature cue ("in Peres" is
    not "Peruş").  A town abroad, in a country the article does not name, counts by its own
    name only, or after a feature cue: "Abbas" is not Fort Abbas, Pakistan.
    """
    place = candidate.place
    strong = bool(context.kind)
    if _tier(candidate) == 1:
        return strong or _similarity(key, candidate) >= _CLOSE_SIMILARITY
    if place.country in countries or place.country in _HOME_COUNTRIES or strong:
        return True
    if place.kind == "country" or place.population >= _CITY_POPULATION:
        return True  # cities are known abroad by their English names ("Geneva", "Cologne")
    return candidate.reason.startswith("exact name")


def _datelines(article: _Article, folded: _Folded, covered: set[int]) -> list[_Found]:
    """An upper-case name opening a line before a comma, colon, dash or "(AP)" that no key
    matched ("BAGHOUZ, Syria (AP) —"): a dateline, so a town, looked up with variants."""
    text, words = article.text, folded.words
    found = []
    for first, word in enumerate(words):
        if first in covered or not word.surface.isupper():
            continue  # the cheap tests first: this runs over every capitalised word
        if text[text.rfind("\n", 0, word.start) + 1 : word.start].strip():
            continue  # not at the start of a line
        last = first
        while last + 1 < len(words) and words[last + 1].surface.isupper() and _joined(
            text, words[last].end, words[last + 1].start
        ):
            last += 1
        span = _span(words, text, first, last, normalise(text[word.start : words[last].end]))
        if len(text[span.start : span.end]) < 4 or not _dateline(text, span):
            continue
        context = _Context("dateline", "populated place", False, "", "", "", True)
        candidates = _candidates(article, text[span.start : span.end], span.key, context)
        if candidates:
            found.append(_Found(span, context, False, candidates, evidence="a dateline"))
            covered.update(range(first, last + 1))
    return found


def _repeats(
    article: _Article, folded: _Folded, named: Sequence[_Found], covered: set[int]
) -> list[_Found]:
    """Later bare uses of a name first found after a cue ("the village of Baghouz" ...
    "the edge of Baghouz"), as long as nothing marks them as part of a longer name."""
    text, lowercase = article.text, article.lowercase
    first_word = {w.start: i for i, w in enumerate(folded.words)}
    found = []
    for surface in {text[f.span.start : f.span.end] for f in named if f.candidates}:
        original = next(f for f in named if text[f.span.start : f.span.end] == surface)
        # any case, so that a dateline's "BAGHOUZ" finds "Baghouz"; capitalised uses only
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text, re.IGNORECASE):
            first = first_word.get(m.start())
            if first is None or first in covered or not m.group()[0].isupper():
                continue
            last = first
            while last + 1 < len(folded.words) and folded.words[last + 1].end <= m.end():
                last += 1
            span = _Span(first, last, m.start(), m.end(), original.span.key)
            context = _context(text, folded.words, span, set(), set(), lowercase)
            if context.name_before or context.name_after or context.person_cue:
                continue
            covered.update(range(first, last + 1))
            evidence = f"as elsewhere in the article ({original.evidence})"
            candidates = original.candidates
            found.append(_Found(span, context, context.compound, candidates, None, evidence))
    return found


def _starts_name(word: _Word) -> bool:
    surface = word.surface
    return surface[0].isupper() and not surface.isupper() and word.key not in FUNCTION_WORDS


# --- resolution: a named, ordered chain of scoring steps -------------------------------------


@dataclass(frozen=True)
class _Focus:
    """What the article as a whole says: its main country and its surely-placed places."""

    country: str
    anchors: tuple[tuple[str, Place], ...]  # (name key, place) of the surely-placed names


def _name_step(candidate: Candidate, found: _Found, focus: _Focus) -> tuple[float, str]:
    return candidate.score, candidate.reason


def _feature_step(candidate: Candidate, found: _Found, focus: _Focus) -> tuple[float, str]:
    """A cue asks for a kind ("province of" -> governorate); a bare name means the town
    rather than the governorate or district named after it ("Homs", "Qamishli")."""
    kind, place = found.context.kind, candidate.place
    if kind:
        if place.kind == kind:
            return 1.0, f"{found.context.cue!r} asks for a {kind}"
        return -1.0, ""
    if place.kind in _ADMIN_KINDS and any(
        c.place.kind == "populated place" for c in found.candidates
    ):
        return -0.3, ""
    return 0.0, ""


def _focus_step(candidate: Candidate, found: _Found, focus: _Focus) -> tuple[float, str]:
    place = candidate.place
    if focus.country and place.kind != "country" and place.country == focus.country:
        return 0.3, f"in {focus.country}, the country the article names most"
    return 0.0, ""


def _distance_step(candidate: Candidate, found: _Found, focus: _Focus) -> tuple[float, str]:
    """Close to the article's surely-placed names: the Baghuz of Deir ez-Zor, not the one
    of Al-Hasakah, next to Hajin.  A country is as close as can be to the places in it."""
    place = candidate.place
    others = [a for key, a in focus.anchors if key != found.span.key and a.id != place.id]
    if place.kind == "river" or not others:
        return 0.0, ""
    if place.kind == "country":
        inside = next((a.name for a in others if a.country == place.country), "")
        return (_NEAR_POINTS, f"contains {inside}") if inside else (0.0, "")
    km, nearest = min((_distance_km(place, a), a.name) for a in others)
    points = _NEAR_POINTS * math.exp(-km / 150.0)
    return points, (f"{km:.0f} km from {nearest}" if points >= 0.05 else "")


def _importance_step(candidate: Candidate, found: _Found, focus: _Focus) -> tuple[float, str]:
    """Size and rank: a country or a capital is what a bare name usually means ("Lebanon",
    "Riyadh"), even in an article whose other places lie elsewhere; a GeoNames entry is
    preferred to a Who's On First duplicate of it."""
    place = candidate.place
    points = 0.8 * place.importance + (0.1 if place.geonameid else 0.0)
    if place.kind == "country":
        return points + 0.5, "a country"
    if place.feature_code == "PPLC":
        return points + 0.5, "a capital city"
    if place.population:
        return points, f"population {place.population:,}"
    return points, ""


_Step = Callable[[Candidate, _Found, _Focus], tuple[float, str]]

#: The resolution chain, in order; each step's name and evidence are shown to users.
RESOLUTION_STEPS: tuple[tuple[str, _Step], ...] = (
    ("name", _name_step),
    ("feature type", _feature_step),
    ("article focus", _focus_step),
    ("nearby places", _distance_step),
    ("importance", _importance_step),
)


def _distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _ranked(found: _Found, focus: _Focus) -> list[tuple[float, Candidate, tuple[str, ...]]]:
    """Candidates scored by the chain, best first, with the evidence of each."""
    ranked = []
    for candidate in _best_tier(found):
        total, evidence = 0.0, []
        for name, step in RESOLUTION_STEPS:
            points, why = step(candidate, found, focus)
            total += points
            if why:
                evidence.append(f"{name}: {why}")
        ranked.append((total, candidate, tuple(evidence)))
    ranked.sort(key=lambda r: (-r[0], r[1].place.id))
    return ranked


def _best_tier(found: _Found) -> list[Candidate]:
    """The candidates of the closest spelling tier, plus those of a looser tier that are of
    the kind a feature cue asks for when the closest tier has none."""
    best = min((_tier(c) for c in found.candidates), default=0)
    chosen = [c for c in found.candidates if _tier(c) == best]
    kind = found.context.kind
    if kind and not any(c.place.kind == kind for c in chosen):
        chosen += [c for c in found.candidates if _tier(c) != best and c.place.kind == kind]
    return chosen


def _focus(found: Sequence[_Found]) -> _Focus:
    """The article's main country and its places resolved without doubt, from a first pass."""
    blank = _Focus("", ())
    countries: Counter[str] = Counter()
    anchors = []
    first_pass: dict[str, tuple[Place, bool]] = {}  # name key -> (top place, clear)
    for f in found:
        if f.fixed is not None:
            countries[f.fixed.country] += 1
            continue
        if f.span.key not in first_pass:
            ranked = _ranked(f, blank)
            if not ranked:
                continue
            clear = len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= 0.3
            first_pass[f.span.key] = (ranked[0][1].place, clear)
        top, clear = first_pass[f.span.key]
        countries[top.country] += 1
        if clear and top.kind not in ("country", "river"):
            anchors.append((f.span.key, top))
    country = countries.most_common(1)[0][0] if countries else ""
    return _Focus(country, tuple(anchors))


def _resolve(text: str, found: Sequence[_Found]) -> list[PlaceMention]:
    """Resolve every recognised name with the chain, given the article's focus; a name read
    the same way twice (same key, same cue kind) is ranked once."""
    focus = _focus(found)
    rankings: dict[tuple[str, str], list[tuple[float, Candidate, tuple[str, ...]]]] = {}
    mentions = []
    for f in found:
        recognition = (f.evidence,) if f.evidence else ()
        surface = text[f.span.start : f.span.end]
        if not f.candidates:
            confidence = 0.95 if f.fixed is not None else 0.5
            mentions.append(
                PlaceMention(
                    surface, f.span.start, f.span.end, f.fixed, confidence, f.adjective, recognition
                )
            )
            continue
        reading = (f.span.key, f.context.kind)
        if reading not in rankings:
            rankings[reading] = _ranked(f, focus)
        ranked = rankings[reading]
        weights = [math.exp((r[0] - ranked[0][0]) / 0.25) for r in ranked]
        share = [w / sum(weights) for w in weights]
        strength = 0.8 if f.weak or not f.evidence else 0.95
        alternatives = tuple(
            Alternative(candidate.place, round(p, 3), evidence)
            for p, (_, candidate, evidence) in zip(share[1:5], ranked[1:5], strict=False)
        )
        mentions.append(
            PlaceMention(
                surface,
                f.span.start,
                f.span.end,
                ranked[0][1].place,
                round(share[0] * strength, 3),
                f.adjective,
                recognition + ranked[0][2],
                alternatives,
            )
        )
    return mentions
