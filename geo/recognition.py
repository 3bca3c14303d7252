"""Find the place names of an article's text, before resolution: spans with their evidence.

Recognition looks up the runs of words of the text's folded capitalised stretches
(``geo.folding``) among the gazetteer's name keys, once per stretch and gazetteer.  A
match becomes a name only with evidence that it names a place here: capitalisation, a cue
("in", "near", "north of", "the village of", "province"), importance, and no sign of a
person ("SDF spokesman Mustafa Bali", "Bali cautioned", "Peres said"), an organisation
("Syrian Democratic Forces", "U.S. Central Command", "Bank of Japan") or an ordinary word
("Gate 10").  Country adjectives ("Syrian forces", "U.S.-backed") carry their country;
peoples without one country ("Kurdish") and regions the gazetteer lacks ("Middle East") stay
unresolved, as do unknown names after a feature cue ("the village of X") or before a site
word ("the Wadi Deif military base").  Capitalised names after a cue that no key matched get
the gazetteer's spelling-variant lookup ("Baghouz").  The word lists are data
(``geo.wordlists``); which entries a name can mean is ``geo.readings``.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from geo.folding import (
    ARABIC_ARTICLES,
    POSSESSIVE,
    Folded,
    Word,
    fold_stretch,
    fold_text,
    lower_words,
)
from geo.gazetteer import Candidate, Gazetteer, Place
from geo.names import articles_of, normalise
from geo.readings import CITY_POPULATION, credible_readings, is_famous, is_major, lookup, tier
from geo.regions import home_countries
from geo.wordlists import (
    CALENDAR_WORDS,
    COMMON_WORDS,
    COMPANIONS_AFTER,
    COMPANIONS_BEFORE,
    COMPOUND_SUFFIXES,
    CONTINENTS,
    DIRECTIONS,
    FEATURE_WORDS,
    FORCES_AFTER_PLACE,
    FUNCTION_WORDS,
    GIVEN_NAMES,
    LOCATIVE_CUES,
    NEVER_PLACES,
    NOUN_USE_FOLLOWERS,
    OF_WORDS,
    ORGANISATION_HEADS,
    ORGANISATION_SHORT_NAMES,
    PERSON_CUES,
    PERSON_PREPOSITIONS,
    REGIONAL_ADJECTIVES,
    REGIONS,
    SKIPPABLE,
    SPEECH_VERBS,
    TITLES_AFTER_PLACE,
    words,
)

_REGIONAL_ADJECTIVE_KEYS = frozenset(normalise(a) for a in REGIONAL_ADJECTIVES)
#: The countries of the enabled region packs (data/regions.toml), covered village by village.
HOME_COUNTRIES = frozenset(home_countries())
#: A capitalised word after a name, then a lower-case one: "Algeria External factors".
_RUN_IN_HEADING = re.compile(r" ([A-Z][a-z]+) ([a-z]+)\b")
#: Endings of words that are verbs or adverbs, not first names, at a sentence start.
_WORD_ENDINGS = ("ing", "ed", "ly")
#: What may stand between the end of a sentence and the first word of the next (with spaces).
_OPENERS = "\"“”'‘’([—–-"
_NEXT_WORD = re.compile(r"([ -])(\w+)")
#: A site word after a name, maybe after the kind of force it holds: " military base".
_SITE_FORCES = "|".join(sorted(words("site_forces")))
_SITE_WORDS = "|".join(sorted(words("site_words"), key=len, reverse=True))
SITE_AFTER = re.compile(rf"\s+(?:(?:{_SITE_FORCES})\s+)?(?:{_SITE_WORDS})\b", re.I)
_SITE_WORD = re.compile(rf"{_SITE_FORCES}|{_SITE_WORDS}", re.I)
#: The first words of what SITE_AFTER matches, as written: a cheap test before the pattern.
_SITE_STARTS = tuple(
    form
    for first in {word.split()[0] for word in words("site_forces") | words("site_words")}
    for form in (first, first.title(), first.upper())
)


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


# --- the matcher, built once per gazetteer ---------------------------------------------------


#: A name found in a stretch: its first and last word (indices in the stretch) and its key.
_StretchMatch = tuple[int, int, str]


@dataclass(frozen=True, eq=False)  # hashed by identity: a key of the stretch cache
class _Matcher:
    names: Set[str]  # the gazetteer's name keys (a view of its index, not a copy)
    extra: frozenset[str]  # keys of country adjectives, regions and continents
    longest: int  # the length of the longest key of either
    adjectives: dict[str, str]  # normalised country adjective -> country place id
    regional: frozenset[str]  # keys of REGIONS and REGIONAL_ADJECTIVES
    ordinary: frozenset[str]  # common English words (COMMON_WORDS and jusText's stoplist)

    def is_key(self, key: str) -> bool:
        """Whether a folded name is one recognition knows: a name key of the gazetteer (not
        one letter or a function word), a country adjective, a region or a continent."""
        return key in self.extra or (
            len(key) > 1 and key not in FUNCTION_WORDS and key in self.names
        )


@lru_cache(maxsize=4)
def _matcher(gazetteer: Gazetteer) -> _Matcher:
    """The name keys of the gazetteer and the word lists recognition weighs matches with."""
    adjectives = dict(gazetteer.adjectives())
    regional = frozenset(normalise(n) for n in (*REGIONS, *REGIONAL_ADJECTIVES))
    names, extra = gazetteer.name_keys(), frozenset((*adjectives, *regional, *CONTINENTS))
    longest = max(map(len, (*names, *extra)))
    from justext import get_stoplist  # loaded here, with the gazetteer, not on import

    ordinary = COMMON_WORDS | get_stoplist("English")
    matcher = _Matcher(names, extra, longest, adjectives, regional, ordinary)
    # The gazetteer, the matcher and the modules loaded with them live as long as the
    # process: frozen out of the collector's generations, they are not traversed again by
    # every full collection an article's garbage triggers (CPython's documented gc.freeze).
    # Garbage is collected first, or it would be kept for good.
    gc.collect()
    gc.freeze()
    return matcher


@lru_cache(maxsize=50_000)
def _stretch_matches(matcher: _Matcher, stretch: str) -> tuple[_StretchMatch, ...]:
    """The names of a capitalised stretch that start with a capital: every run of its folded
    keys that is a key recognition knows, as (first word, last word, key).

    Each run is looked up in the gazetteer's index, which a stretch's few keys make cheaper
    than an Aho-Corasick automaton of every key (0.5 s to build and 89 MB to hold); runs
    longer than the longest key are not tried.  Cached: stretches repeat."""
    fold = fold_stretch(stretch)
    text, ends, longest = fold.text, fold.key_ends, matcher.longest
    found = []
    for i, start in enumerate(fold.key_starts):
        first_word = fold.first_words[i]
        if not fold.words[first_word][2][0].isupper():
            continue
        for j in range(i, len(ends)):
            if ends[j] - start >= longest:
                break
            if matcher.is_key(key := text[start : ends[j] + 1]):
                found.append((first_word, fold.last_words[j], key))
    return tuple(found)


# --- recognition -------------------------------------------------------------------------------

_new_tuple = tuple.__new__


class _Span(NamedTuple):
    """A name found in the text: its words, original span and folded key.

    This record and the two below are named tuples, not frozen dataclasses: one is made per
    name and per match, and a frozen dataclass sets each field through a slow
    ``object.__setattr__`` call.  The two made per match are made with ``_new_tuple``, as
    ``geo.folding`` makes its words: a named tuple's own constructor adds a Python frame."""

    first: int  # word indices, inclusive
    last: int
    start: int
    end: int
    key: str


def _matches(folded: Folded, matcher: _Matcher, text: str) -> list[_Span]:
    """Longest non-overlapping gazetteer names on word boundaries, starting capitalised."""
    found = [
        (first + base, last + base, key)
        for stretch, base in zip(folded.stretches, folded.bases, strict=True)
        for first, last, key in _stretch_matches(matcher, stretch)
    ]
    found.sort(key=lambda m: (m[0] - m[1], m[0]))
    taken: set[int] = set()
    spans = []
    for first_word, last_word, key in found:
        if taken.intersection(range(first_word, last_word + 1)):
            continue
        taken.update(range(first_word, last_word + 1))
        spans.append(_span(folded.words, text, first_word, last_word, key))
    return sorted(spans, key=lambda s: s.start)


def _span(words: Sequence[Word], text: str, first: int, last: int, key: str) -> _Span:
    """The original span of words first..last, with an attached Arabic article ("al-Hol")
    and the full stop of an initialism ("U.S.")."""
    if first > 0:
        before = words[first - 1]
        gap = text[before.end : words[first].start]
        attached = gap == "-" or (gap == " " and before.surface[0].isupper())
        if before.key in ARABIC_ARTICLES and attached:
            first -= 1
    end = words[last].end
    if POSSESSIVE.search(words[last].surface):
        end -= 2
    elif len(words[last].surface) == 1 and text[end : end + 1] == ".":
        end += 1
    return _new_tuple(_Span, (first, last, words[first].start, end, key))


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
    after_the: bool = False  # "the" right before ("the Alliance")


def _context(
    text: str,
    words: Sequence[Word],
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
    own_last = words[span.last].key if span.last > span.first else ""
    if not kind and own_last in FEATURE_WORDS:  # the name says what it is: "Kharkiv Oblast"
        cue, kind = own_last, FEATURE_WORDS[own_last]
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
        ordinary = ordinary or key.endswith(_WORD_ENDINGS)  # "Considering Tunisia's interest"
        if _is_name_word(before, COMPANIONS_BEFORE) and not (
            _sentence_initial(text, before.start) and ordinary
        ):
            name_before = before.surface
    if before is not None and before.key == "of" and span.first >= 2:
        head = words[span.first - 2]
        if head.key in ORGANISATION_HEADS and head.surface[0].isupper():
            name_before = f"{head.surface} of"  # "Bank of Japan", "University of Alberta"
    fields = (
        cue,
        kind,
        compound,
        name_before,
        _name_after(text, words, span, countries, matched),
        keys_before[-1] if keys_before and keys_before[-1] in PERSON_CUES else "",
        sentence_initial,
        next_key if following and following.group(1) == " " else "",
        keys_before[-1:] == ["the"],
    )
    return _new_tuple(_Context, fields)


def _name_after(
    text: str, words: Sequence[Word], span: _Span, countries: set[int], matched: set[int]
) -> str:
    """A capitalised word after the span, maybe past "of" or "al-", that makes it part of a
    longer name ("Syrian Democratic Forces", "Oil and Gas Masterclass", "Mais al-Jabal")."""
    k, end, article = span.last + 1, span.end, False
    while k < len(words) and _joined(text, end, words[k].start):
        word = words[k]
        if word.key in OF_WORDS or word.key in ARABIC_ARTICLES:
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
    """Whether only spaces, quotes, brackets and dashes stand between ``start`` and the end of
    a sentence, a line break or a point 12 characters back (stripped off with C-level calls:
    a regular expression searching for that tail tried every one of the 12 positions)."""
    window = rest = text[max(0, start - 12) : start]
    while len(stripped := rest.rstrip().rstrip(_OPENERS)) < len(rest):
        rest = stripped
    return not rest or rest[-1] in ".!?:;" or "\n" in window[len(rest) :]


def _keys_before(text: str, start: int) -> list[str]:
    """The last few words before ``start``, lower-cased, nearest last."""
    return lower_words(text[max(0, start - 40) : start])[-4:]


def _joined(text: str, end: int, start: int) -> bool:
    """Two words written as parts of one name: spaces (no line break) or a hyphen between."""
    gap = text[end:start]
    return gap == "-" or (bool(gap) and not gap.strip(" \t\u00a0"))


def _is_name_word(word: Word, companions: frozenset[str]) -> bool:
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
    if len(keys) >= 2 and keys[-1] == "of" and keys[-2] in DIRECTIONS:
        return f"{keys[-2]} of", ""
    if len(keys) >= 3 and keys[-1] in ("and", "or") and keys[-3] in LOCATIVE_CUES:
        return keys[-3], ""
    if len(keys) >= 3 and tuple(keys[-2:]) == ("such", "as") and keys[-3] in FEATURE_WORDS:
        return f"{keys[-3]} such as", FEATURE_WORDS[keys[-3]]
    k = len(keys) - 1
    while k >= 0 and len(keys) - 1 - k < 2 and keys[k] in SKIPPABLE:
        k -= 1
    if k >= 0 and keys[k] in LOCATIVE_CUES:
        return keys[k], ""
    return "", ""


_CUE_ENDINGS = LOCATIVE_CUES | SKIPPABLE | {"of", "as", "and", "or"}


class Found(NamedTuple):
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

    def readings(self, surface: str, key: str, kind: str) -> tuple[Candidate, ...]:
        """The credible gazetteer readings of a name written ``surface`` here.

        A name written with an Arabic article ("al-Dab'an") is an Arabic name: a place
        abroad that has it only as a name without the article (Durban's "Daban") is not it.
        """
        found = credible_readings(self.gazetteer, surface, key, self.countries, kind)
        article, hyphen, _ = surface.partition("-")
        if hyphen and article.lower() in ARABIC_ARTICLES:
            found = tuple(c for c in found if not self._abroad_without_article(c, key))
        return found

    def _abroad_without_article(self, candidate: Candidate, key: str) -> bool:
        place = candidate.place
        if place.country in self.countries or place.country in HOME_COUNTRIES:
            return False
        return not any(normalise(n) == key and articles_of(n) for n in place.names)


def recognise(text: str, gazetteer: Gazetteer) -> list[Found]:
    """Every place name of a text, in text order, with its candidates and evidence.

    1. every gazetteer name in the capitalised stretches is found;
    2. each match is judged in its context, knowing the article's countries and the people
       it names; a minor place with no cue stays only if named with a cue elsewhere;
    3. capitalised names right after a cue that no key matched get a variant lookup.
    """
    matcher = _matcher(gazetteer)
    folded = fold_text(text)
    spans = _matches(folded, matcher, text)
    matched = {w for s in spans for w in range(s.first, s.last + 1)}
    country_spans = _country_spans(gazetteer, matcher, text, spans)
    country_words = {w for s in country_spans for w in (s.first, s.last)}
    lowercase = _LowerCaseWords(text)
    contexts = [_context(text, folded.words, s, country_words, matched, lowercase) for s in spans]
    article = _Article(
        text,
        gazetteer,
        matcher,
        frozenset(code for code in country_spans.values() if code),
        _people(gazetteer, text, spans, contexts, country_spans),
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
    cued_names += _sited_names(article, folded, covered)
    found += cued_names + _repeats(article, folded, cued_names, covered)
    found.sort(key=lambda f: f.span.start)
    return found


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
            top = lookup(gazetteer, surface)[:1]
            if top and top[0].place.kind == "country" and tier(top[0]) == 0:
                codes[span] = top[0].place.country
    return codes


def _people(
    gazetteer: Gazetteer,
    text: str,
    spans: Sequence[_Span],
    contexts: Sequence[_Context],
    countries: Mapping[_Span, str],
) -> frozenset[str]:
    """The keys of the names the article uses for people ("Bali" after "Mustafa Bali"), but
    those it also calls a town, village or province ("the town of Dabiq"): a capitalised
    word before such a name elsewhere ("the Battle of Marj Dabiq") is part of a longer
    place name, not a first name."""
    pairs = list(zip(spans, contexts, strict=True))
    placed = {s.key for s, c in pairs if c.kind}
    return frozenset(
        s.key
        for s, c in pairs
        if s not in countries and s.key not in placed and _names_a_person(gazetteer, text, s, c)
    )


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
        top = lookup(gazetteer, text[span.start : span.end])[:1]
        place = top[0].place if top else None
        return not (place and (is_famous(place) or place.population >= CITY_POPULATION))
    return False


def _recognise(article: _Article, span: _Span, context: _Context) -> Found | None:
    """Keep a gazetteer match only with evidence that it names a place here."""
    gazetteer, matcher = article.gazetteer, article.matcher
    surface = article.text[span.start : span.end]
    key = span.key
    if key in NEVER_PLACES or key in CONTINENTS or context.person_cue or context.name_before:
        return None
    if key in GIVEN_NAMES and not context.kind:
        return None
    if key in article.people and (not context.cue or context.cue in PERSON_PREPOSITIONS):
        return None  # "Bali cautioned", "loyal to Assad"; "troops entered Afrin" is a place
    if key in ORGANISATION_SHORT_NAMES and context.after_the:
        return None  # "the Alliance" (NATO), "the Coalition"
    if context.name_after and not context.compound and not _owns_name_after(article, span, context):
        return None
    letters = surface.replace(".", "")
    acronym = len(letters) > 1 and letters.isupper() and not _dateline(article.text, span)
    if acronym and not any(c.place.kind == "country" for c in lookup(gazetteer, surface)[:1]):
        return None  # acronyms (SDF, ISIS, AFP) are not places, short country forms (US, UK) are
    if key in matcher.adjectives and _noun_use(article.text, span):
        return None  # "the Emirati, whose", "speaks in Spanish": a people or a language
    if key in matcher.adjectives:
        country = gazetteer.get(matcher.adjectives[key])
        return Found(span, context, True, (), country, f"country adjective {surface!r}")
    if key in matcher.regional:
        adjective = key in _REGIONAL_ADJECTIVE_KEYS
        return Found(span, context, adjective, (), None, "region with no gazetteer entry")
    word = surface.lower() if surface.istitle() else ""  # "U.S." and "US" are not "us"
    needs_cue = context.sentence_initial or not context.cue
    if needs_cue and word in article.lowercase:
        return None  # "Can you": a word the article writes in lower case needs a cue
    candidates = article.readings(surface, key, context.kind)
    if not candidates:
        return None
    famous = any(
        is_famous(c.place) and (c.place.kind == "country" or c.reason.startswith("exact name"))
        for c in candidates
    )
    if needs_cue and word in matcher.ordinary and not famous:
        return None  # "Gate 10", "the Red River": ordinary words need a cue, unless famous
    major = any(is_major(c.place, article.countries) and tier(c) == 0 for c in candidates)
    evidence = f"after {context.cue!r}" if context.cue else ("well-known place" if major else "")
    weak = not (major or context.cue)
    return Found(span, context, context.compound, candidates, evidence=evidence, weak=weak)


def _owns_name_after(article: _Article, span: _Span, context: _Context) -> bool:
    """Whether the capitalised word after a place name leaves it a place: a title ("U.S.
    President"), a force the place owns ("Texas Army National Guard"; an adjective's
    "Syrian Arab Army" is a name), or a run-in heading after a country ("Cooperation with
    Algeria External factors": a capitalised word, then a lower-case one)."""
    after = context.name_after.lower()
    if after in TITLES_AFTER_PLACE:
        return True
    if after in FORCES_AFTER_PLACE:
        return span.key not in article.matcher.adjectives
    heading = _RUN_IN_HEADING.match(article.text, span.end)
    if heading is None or heading.group(1) != context.name_after:
        return False
    if heading.group(2) in FUNCTION_WORDS or heading.group(2) in SPEECH_VERBS:
        return False  # "Syria Relief said": an organisation
    top = lookup(article.gazetteer, article.text[span.start : span.end])[:1]
    return bool(top) and top[0].place.kind == "country" and tier(top[0]) == 0


def _noun_use(text: str, span: _Span) -> bool:
    """A demonym used as a noun or a language name: no noun follows it."""
    following = _NEXT_WORD.match(text, span.end)
    if following is None or following.group(1) == "-":
        return following is None
    return following.group(2).lower() in NOUN_USE_FOLLOWERS


def _dateline(text: str, span: _Span) -> bool:
    """An upper-case place name before a dash, colon, comma or bracket: "BEIRUT —",
    "BEIRUT:", "BEIRUT (AP)"."""
    return span.end - span.start >= 4 and text[span.end : span.end + 3].lstrip()[:1] in "—–-,:("


def _cued_names(article: _Article, folded: Folded, covered: set[int]) -> list[Found]:
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
        keys_before = _keys_before(text, word.start)
        cue, kind = _cue_before(keys_before)
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
        unwanted = unwanted or (key in ORGANISATION_SHORT_NAMES and keys_before[-1] == "the")
        if unwanted or speaks or (ordinary and not kind):
            continue
        if key in article.matcher.adjectives:
            continue  # judged already, as an adjective ("in Turkish" is a language)
        if not kind and _unlikely_name(article.matcher, key, words[first : last + 1]):
            continue
        context = _Context(cue, kind, False, "", "", "", False)
        candidates = article.readings(surface, key, context.kind)
        if candidates:
            found.append(Found(span, context, False, candidates, evidence=f"after {cue!r}"))
        elif kind and not cue.startswith("such"):
            evidence = f"after {cue!r}; not in the gazetteer"
            found.append(Found(span, context, False, (), None, evidence))
        else:
            continue
        covered.update(range(first, last + 1))
    return found


def _sited_names(article: _Article, folded: Folded, covered: set[int]) -> list[Found]:
    """Capitalised names no key matched right before a site word ("the Wadi Deif military
    base", "Zilikan base", ``data/words/site_words.txt``): a base, camp or checkpoint the
    gazetteer lacks, reported unresolved so that a figure there is not placed at another
    town.  The name is up to four words, none a site word itself ("Hamadiyah Base");
    ordinary words, people, organisations and never-places are no such names.  A gazetteer
    name the first pass left as part of a longer name ("Hostomel Airport", "Antonov
    Airport") is such a site too: the site is not the town, though placing reads it as the
    town it is at (``geo.placing``)."""
    text, words = article.text, folded.words
    match, starts = SITE_AFTER.match, text.startswith
    lasts = [  # a site word follows ("Wadi Deif military base")
        i for i, w in enumerate(words) if starts(_SITE_STARTS, w.end + 1) and match(text, w.end)
    ]
    if not lasts:
        return []
    sites = {words[i].end for i in lasts}
    firsts = sorted({first for i in lasts for first in range(max(0, i - 3), i + 1)})
    found = []
    for first in firsts:  # the words up to four before a site word: a name may start there
        word = words[first]
        if first in covered or not _starts_name(word) or _inside_name(text, words, first):
            continue
        last = _name_end(text, words, first, covered)
        end = next((k for k in range(first, last + 1) if words[k].end in sites), None)
        if end is None or any(_SITE_WORD.fullmatch(w.surface) for w in words[first : end + 1]):
            continue  # "Military base", "Hamadiyah Base": no name before the site word
        run = words[first : end + 1]
        key = normalise(text[word.start : words[end].end])
        surface = text[word.start : words[end].end]
        ordinary = any(w.key in article.matcher.ordinary or w.key in article.lowercase for w in run)
        unwanted = key in NEVER_PLACES or key in article.people or key in ORGANISATION_SHORT_NAMES
        if ordinary or unwanted:
            continue
        span = _span(words, text, first, end, key)
        context = _Context("site", "", False, "", "", "", False)
        evidence = f"before a site word ({surface!r}): a site the gazetteer lacks"
        found.append(Found(span, context, False, (), None, evidence))
        covered.update(range(first, end + 1))
    return found


def _previous_word(text: str, start: int) -> str:
    """The word right before ``start``, lower-cased, punctuation stripped (a quick test)."""
    before = text[max(0, start - 24) : start].rsplit(None, 1)  # the last word, split off
    return before[-1].strip(".,;:\"'“”‘’()").lower() if before else ""


def _unlikely_name(matcher: _Matcher, key: str, words: Sequence[Word]) -> bool:
    """A name no gazetteer key holds, made with ordinary English words ("Press Street",
    "Final Four", "Culinary Institute"): not worth a spelling-variant search."""
    if matcher.is_key(key):
        return False
    return any(w.key in matcher.ordinary or w.key in ORGANISATION_HEADS for w in words)


def _inside_name(text: str, words: Sequence[Word], index: int) -> bool:
    """The word continues a capitalised name ("Bali" in "Mustafa Bali"), "In" aside."""
    previous = words[index - 1] if index > 0 else None
    joined = previous is not None and _joined(text, previous.end, words[index].start)
    return joined and previous.key not in FUNCTION_WORDS


def _name_end(text: str, words: Sequence[Word], first: int, covered: set[int]) -> int:
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


def _datelines(article: _Article, folded: Folded, covered: set[int]) -> list[Found]:
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
        while (
            last + 1 < len(words)
            and words[last + 1].surface.isupper()
            and _joined(text, words[last].end, words[last + 1].start)
        ):
            last += 1
        span = _span(words, text, first, last, normalise(text[word.start : words[last].end]))
        if len(text[span.start : span.end]) < 4 or not _dateline(text, span):
            continue
        context = _Context("dateline", "populated place", False, "", "", "", True)
        candidates = article.readings(text[span.start : span.end], span.key, context.kind)
        if candidates:
            found.append(Found(span, context, False, candidates, evidence="a dateline"))
            covered.update(range(first, last + 1))
    return found


def _repeats(
    article: _Article, folded: Folded, named: Sequence[Found], covered: set[int]
) -> list[Found]:
    """Later bare uses of a name first found after a cue ("the village of Baghouz" ...
    "the edge of Baghouz"), as long as nothing marks them as part of a longer name."""
    text, lowercase = article.text, article.lowercase
    first_word = {w.start: i for i, w in enumerate(folded.words)}
    found = []
    # longest first, so that "Al-Shaddadi" is taken before the "Shaddadi" inside it (a set's
    # order changed with the hash seed, and so did the mentions)
    surfaces = {text[f.span.start : f.span.end]: f.span.start for f in named if f.candidates}
    for surface in sorted(surfaces, key=lambda s: (-len(s), surfaces[s])):
        original = next(f for f in named if text[f.span.start : f.span.end] == surface)
        # any case, so that a dateline's "BAGHOUZ" finds "Baghouz"; capitalised uses only
        for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text, re.IGNORECASE):
            first = first_word.get(m.start())
            if first is None or not m.group()[0].isupper():
                continue
            last = first
            while last + 1 < len(folded.words) and folded.words[last + 1].end <= m.end():
                last += 1
            if covered.intersection(range(first, last + 1)):
                continue
            span = _Span(first, last, m.start(), m.end(), original.span.key)
            context = _context(text, folded.words, span, set(), set(), lowercase)
            if context.name_before or context.name_after or context.person_cue:
                continue
            covered.update(range(first, last + 1))
            evidence = f"as elsewhere in the article ({original.evidence})"
            candidates = original.candidates
            found.append(Found(span, context, context.compound, candidates, None, evidence))
    return found


def _starts_name(word: Word) -> bool:
    surface = word.surface
    return surface[0].isupper() and not surface.isupper() and word.key not in FUNCTION_WORDS
