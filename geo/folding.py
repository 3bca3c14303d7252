"""The capitalised stretches of a text folded the way gazetteer name keys are written.

Recognition runs one automaton over this folded copy rather than over the text: keys are
ASCII, lower case, without apostrophes, articles or possessive 's (``geo.names.normalise``),
and every folded word keeps its offsets, so a match maps back to the text exactly as given
(``\r\n`` too).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
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
POSSESSIVE = re.compile(r"(?<=[^\W\d_])['’]s$")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ" + "А-ЯЁЄІЇҐЎ"
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
class Folded:
    """The text as the gazetteer's name keys are written, with a way back to the words.

    ``text`` joins the kept words' keys with single spaces (Arabic articles and "the" left
    out, initials such as U.S. run together), as ``geo.names.normalise`` does for names.
    Stretch i is folded as ``stretches[i]``, starts at ``offsets[i]`` of ``text``, and its
    first word is ``words[bases[i]]``.  A match is mapped back through its stretch, found by
    bisection, rather than through a table of every key of the text, built per article:
    a text has thousands of keys and a few hundred matches.
    """

    words: tuple[Word, ...]
    text: str
    stretches: tuple[_FoldedStretch, ...]
    offsets: tuple[int, ...]
    bases: tuple[int, ...]

    def word_range(self, start: int, end: int) -> tuple[int, int] | None:
        """The first and last word of the keys at ``start``..``end`` (inclusive) of ``text``,
        or None when that is not whole keys of one stretch."""
        i = bisect_right(self.offsets, start) - 1
        stretch, offset = self.stretches[i], self.offsets[i]
        # the positions of start and end among the stretch's key starts and ends, if there
        starts, ends = stretch.key_starts, stretch.key_ends
        first = bisect_left(starts, start - offset)
        if first == len(starts) or starts[first] != start - offset:
            return None
        last = bisect_left(ends, end - offset)
        if last == len(ends) or ends[last] != end - offset:
            return None
        base = self.bases[i]
        return stretch.first_words[first] + base, stretch.last_words[last] + base


def fold_text(text: str) -> Folded:
    """Fold the words of the capitalised stretches of ``text``; a "_" key, which no name
    contains, opens every stretch so that no match runs across two of them."""
    stretches = [(m.start(), _fold_stretch(m.group())) for m in _STRETCH.finditer(text)]
    # tuple.__new__ makes the same Word without the Python frame of a named tuple's
    # constructor: a text has a hundred thousand words per megabyte.
    words = [
        _new_tuple(Word, (start + offset, end + offset, surface, key))
        for offset, fold in stretches
        for start, end, surface, key in fold.words
    ]
    folds = tuple(fold for _, fold in stretches)
    texts = [fold.text for fold in folds]
    # Summed with C-level calls, no Python loop over keys: the folded text opens with a
    # space and puts one between stretches.
    offsets = accumulate(map((1).__add__, map(len, texts)), initial=1)
    bases = accumulate([len(fold.words) for fold in folds], initial=0)
    return Folded(tuple(words), f" {' '.join(texts)} ", folds, tuple(offsets), tuple(bases))


@lru_cache(maxsize=50_000)
def _fold_stretch(stretch: str) -> _FoldedStretch:
    """The words of a stretch and the keys the automaton sees, with the words each covers:
    articles left out, initials run together ("U.S." -> "us").
    Cached: stretches repeat ("The", "U.S.", "Syria")."""
    words = [(m.start(), m.end(), m.group(), _fold(m.group())) for m in WORD.finditer(stretch)]
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
