"""The capitalised stretches of a text folded the way gazetteer name keys are written.

Recognition looks up runs of a stretch's folded keys, not the words as written: keys are
ASCII, lower case, without apostrophes, articles or possessive 's
(``geo.names.normalise``), and every folded word keeps its offsets, so a match maps back to
the text exactly as given (``\r\n`` too).  A stretch is folded once per process and its
matches are found once per gazetteer: stretches repeat ("The", "U.S.", "Syria").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import NamedTuple

from anyascii import anyascii

from geo.names import ARTICLES
from geo.wordlists import NAME_CONNECTORS

#: Arabic articles that belong to the name they precede ("al-Hol", "Al-Susah").
ARABIC_ARTICLES = frozenset(ARTICLES - {"the"})

_APOSTROPHES = "'`´ʹʻʼʽʾʿ‘’′"
_DROP_APOSTROPHES = str.maketrans("", "", _APOSTROPHES)
#: A word: letters and digits, with apostrophes inside ("Ma'arat").  Written as runs, not
#: character by character with a look-ahead: it runs over every capitalised stretch.
WORD = re.compile(rf"[^\W_]+(?:[{_APOSTROPHES}][^\W_]+)*")
#: ASCII bytes to what ``words_of`` keeps of them: letters and digits, and a space for
#: everything else.
_ASCII_WORD_BYTES = bytes(c if chr(c).isascii() and chr(c).isalnum() else 0x20 for c in range(256))
POSSESSIVE = re.compile(r"(?<=[^\W\d_])['’]s$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ" + "А-ЯЁЄІЇҐЎ"
_CAPITALISED = rf"(?:[A-Z]\.){{2,}}|[{_UPPER}][^\W_]*(?:[{_APOSTROPHES}][^\W_]+)*"
_INNER_WORDS = "|".join(sorted(NAME_CONNECTORS | ARABIC_ARTICLES))
_LINK = rf"(?:(?:(?<=St|Mt|Ft)\.)?[ -](?:(?:{_INNER_WORDS})[ -])*)"  # "St. Petersburg"
#: A stretch of capitalised words that may hold names: "Deir el-Zour", "Gulf of Aden", "U.S.".
#: Its first word is ``_CAPITALISED`` with the capital taken first, then the test that no
#: letter stands before it: opening on a character set lets the search skip the positions
#: that cannot start a stretch in C, most of a text.  An Arabic article written before it
#: ("al-Hol") is taken by ``_stretches``, cheaper than opening on every "a", "e", "i", "u".
_STRETCH = re.compile(
    rf"[{_UPPER}](?<![\w{_APOSTROPHES}].)"
    rf"(?:(?<=[A-Z])\.(?:[A-Z]\.)+|[^\W_]*(?:[{_APOSTROPHES}][^\W_]+)*)"
    rf"(?:{_LINK}(?:{_CAPITALISED}))*"
)
#: A character that joins the one after it into a word: no stretch starts after it.
_JOINING = re.compile(rf"[\w{_APOSTROPHES}]")
_ARTICLE_LENGTHS = sorted({len(a) for a in ARABIC_ARTICLES})


def words_of(text: str) -> list[str]:
    """The words of ``text`` as ``WORD`` finds them.

    Most stretches of news are ASCII without apostrophes: their words are then the runs of
    letters and digits, split off by one byte translation, five times cheaper than the
    regular expression, which folding runs over every new stretch and recognition before
    every name it weighs."""
    if _plain(text):
        return text.encode().translate(_ASCII_WORD_BYTES).decode().split()
    return WORD.findall(text)


def lower_words(text: str) -> list[str]:
    """The words of ``text`` as ``WORD`` finds them, lower-cased."""
    if _plain(text):  # lower-casing ASCII changes no word boundary
        return words_of(text.lower())
    return [word.lower() for word in WORD.findall(text)]


def _plain(text: str) -> bool:
    return text.isascii() and "'" not in text and "`" not in text


_new_tuple = tuple.__new__


class Word(NamedTuple):
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
    word = POSSESSIVE.sub("", word).translate(_DROP_APOSTROPHES)
    if not word.isascii():
        word = anyascii(word)
    return " ".join(_NON_ALNUM.split(word.lower())).strip()


class FoldedStretch(NamedTuple):
    """One capitalised stretch folded: its words as (start, end, surface, key) relative to
    the stretch, and its keys joined by spaces ("deir zour"), with where each key starts
    and ends (inclusive) in that string and the first and last word it covers: a run of
    keys i..j is ``text[key_starts[i] : key_ends[j] + 1]``."""

    words: tuple[tuple[int, int, str, str], ...]
    text: str
    key_starts: tuple[int, ...]
    key_ends: tuple[int, ...]
    first_words: tuple[int, ...]
    last_words: tuple[int, ...]


@dataclass(frozen=True)
class Folded:
    """The words of a text's capitalised stretches, with their folded keys.

    Stretch i is the text's ``stretches[i]`` (folded by ``fold_stretch``); its first word is
    ``words[bases[i]]``.
    """

    words: tuple[Word, ...]
    stretches: tuple[str, ...]
    bases: tuple[int, ...]


def fold_text(text: str) -> Folded:
    """Fold the words of the capitalised stretches of ``text``."""
    stretches = _stretches(text)
    folds = [fold_stretch(stretch) for _, stretch in stretches]
    # tuple.__new__ makes the same Word without the Python frame of a named tuple's
    # constructor: a text has a hundred thousand words per megabyte.
    words = [
        _new_tuple(Word, (start + offset, end + offset, surface, key))
        for (offset, _), fold in zip(stretches, folds, strict=True)
        for start, end, surface, key in fold.words
    ]
    bases = tuple(accumulate([len(fold.words) for fold in folds], initial=0))
    return Folded(tuple(words), tuple(stretch for _, stretch in stretches), bases[:-1])


def _stretches(text: str) -> list[tuple[int, str]]:
    """(start, stretch) of every capitalised stretch of ``text``, in text order, each with the
    Arabic article hyphenated before it ("al-Hol") unless that article ends a longer word."""
    found = []
    for match in _STRETCH.finditer(text):
        start = match.start()
        if text[start - 1 : start] == "-":
            start = _article_start(text, start)
        found.append((start, text[start : match.end()]))
    return found


def _article_start(text: str, start: int) -> int:
    """Where the article of "al-Hol" starts, given where "Hol" does (``start`` if none)."""
    for length in _ARTICLE_LENGTHS:
        at = start - 1 - length
        if (
            at >= 0
            and text[at : start - 1] in ARABIC_ARTICLES
            and not (at and _JOINING.match(text, at - 1))
        ):
            return at
    return start


@lru_cache(maxsize=50_000)
def fold_stretch(stretch: str) -> FoldedStretch:
    """The words of a stretch and its keys, with the words each covers:
    articles left out, initials run together ("U.S." -> "us").
    Cached: stretches repeat ("The", "U.S.", "Syria")."""
    if stretch.isascii() and stretch.isalnum():  # one plain word: a third of all stretches
        key = stretch.lower()
        word = ((0, len(stretch), stretch, key),)
        if key in ARTICLES:
            return FoldedStretch(word, "", (), (), (), ())
        return FoldedStretch(word, key, (0,), (len(key) - 1,), (0,), (0,))
    words = []
    keys: list[str] = []
    firsts: list[int] = []  # the first and last word of each key
    lasts: list[int] = []
    end = 0
    for index, surface in enumerate(words_of(stretch)):
        # found from the end of the last word: only non-word characters lie between them
        start = stretch.find(surface, end)
        end = start + len(surface)
        key = _fold(surface)
        words.append((start, end, surface, key))
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
    # Key i starts at starts[i] and ends two characters before key i + 1.
    starts = tuple(accumulate(map((1).__add__, map(len, keys)), initial=0))
    return FoldedStretch(
        tuple(words),
        " ".join(keys),
        starts[:-1],
        tuple(map((-2).__add__, starts[1:])),
        tuple(firsts),
        tuple(lasts),
    )
