"""Name keys that survive the ways English-language news transliterates Arabic.

Two keys per name, both pure functions of the text:

* ``normalise`` -- the *normalised key*: transliterated to ASCII (anyascii, so
  ``Bāghūz`` -> ``baghuz``), lower case, apostrophes and the possessive ``'s``
  dropped, every other non-alphanumeric run a single space, and the Arabic
  article tokens (al-, el-, ash-, ez-, ...) and English "the" removed wherever
  they stand (``Deir ez-Zor`` -> ``deir zor``); runs of initials are joined
  (``U.S.`` -> ``us``).  Spelling is otherwise kept.
* ``skeleton`` -- the *variant key* of a normalised key: a phonetic-ish
  consonant frame that merges the usual spelling variants (ou/oo/u/o, ee/i,
  ay/ei/e, aw/ow/o, uw/w, iy/y, q/k, kh/h, gh/g, sh/s, th/t, dh/d, doubled letters, a final
  ``h`` after a vowel, spaces) and reduces every vowel run to ``a``.
  ``Baghouz``, ``Bāghūz`` and ``Baghuz`` all give ``bagaz``.

``normalise_with_offsets`` returns, with the normalised text, the offset in
the original text of every character of it, so a matcher can search the
normalised form of a whole article and report spans of the original.
"""

from __future__ import annotations

import re
from functools import lru_cache

from anyascii import anyascii

#: Arabic article forms as newspapers print them (with or without the hyphen),
#: plus English "the".  Dropped as whole tokens when another token remains.
ARTICLES = frozenset(
    {
        "al",
        "el",
        "il",
        "ul",
        "as",
        "ash",
        "ad",
        "adh",
        "ar",
        "az",
        "ez",
        "es",
        "at",
        "ath",
        "an",
        "en",
        "ed",
        "er",
        "et",
        "the",
    }
)

_APOSTROPHES = frozenset("'`´ʹʻʼʽʾʿ‘’′")
_POSSESSIVE = re.compile(r"(?<=[^\W\d_])['’]s\b")
#: The space between two one-letter tokens: initials run together ("u s" -> "us").
_INITIALS = re.compile(r"(?<=\b[a-z0-9]) (?=[a-z0-9]\b)")
#: (pattern, replacement, a letter pair or letter it needs): a pattern is tried only when
#: the key holds what it needs, so most keys skip most of the eighteen substitutions.
_VARIANTS = (
    # a glide written with or without its vowel: Suwayda = Sweida, Diyala = Dyala
    (re.compile(r"uw(?=[aeiouy])"), "w", "uw"),
    (re.compile(r"iy(?=[aeiou])"), "y", "iy"),
    # diphthongs before a consonant or at the end: Hawl = Hol, Dayr = Deir = Der
    (re.compile(r"[ao]w(?![aeiouy])"), "o", "w"),
    (re.compile(r"(?:ay|ai|ei|ey)(?![aeiouy])"), "e", ""),
    # consonant digraphs and letters transliterated two ways
    (re.compile(r"kh"), "h", "kh"),
    (re.compile(r"gh"), "g", "gh"),
    (re.compile(r"[sc]h"), "s", "h"),
    (re.compile(r"th"), "t", "th"),
    (re.compile(r"dh"), "d", "dh"),
    (re.compile(r"zh"), "z", "zh"),
    (re.compile(r"ph"), "f", "ph"),
    (re.compile(r"dj"), "j", "dj"),
    (re.compile(r"ck|q"), "k", ""),
    # a final h after a vowel is not pronounced: Raqqah = Raqqa, Hasakeh = Hasake
    (re.compile(r"(?<=[aeiou])h\b"), "", "h"),
    (re.compile(r"(.)\1+"), r"\1", ""),
    (re.compile(r"y(?![aeiou])"), "i", "y"),
    (re.compile(r"[aeiou]+"), "a", ""),
    (re.compile(r" "), "", " "),
)


@lru_cache(maxsize=4096)
def _fold_char(ch: str) -> str:
    """One character -> lower-case ASCII ('' for apostrophes, ' ' for punctuation)."""
    if ch in _APOSTROPHES:
        return ""
    folded = (ch if ch.isascii() else anyascii(ch)).lower()
    if folded in _APOSTROPHES:
        return ""
    return "".join(c if c.isalnum() else " " for c in folded)


def normalise_with_offsets(text: str) -> tuple[str, tuple[int, ...]]:
    """The normalised key of ``text`` and, per character of it, its offset in ``text``.

    Article tokens are removed only when another token remains, so a name that
    is just "As" or "The" keeps its key.
    """
    skip = {i for m in _POSSESSIVE.finditer(text) for i in range(m.start(), m.end())}
    chars: list[str] = []
    offsets: list[int] = []
    for i, ch in enumerate(text):
        for c in " " if i in skip else _fold_char(ch):
            chars.append(c)
            offsets.append(i)
    tokens = _tokens(chars)
    keep = [t for t in tokens if "".join(chars[t[0] : t[1]]) not in ARTICLES] or tokens
    out_chars: list[str] = []
    out_offsets: list[int] = []
    previous_len = 0
    for start, end in keep:
        # initials run together: "U.S." and "US" both give "us"
        if out_chars and not (previous_len == 1 and end - start == 1):
            out_chars.append(" ")
            out_offsets.append(offsets[start - 1])
        previous_len = end - start
        out_chars.extend(chars[start:end])
        out_offsets.extend(offsets[start:end])
    return "".join(out_chars), tuple(out_offsets)


def _tokens(chars: list[str]) -> list[tuple[int, int]]:
    """(start, end) index pairs of the space-separated runs of ``chars``."""
    spans: list[tuple[int, int]] = []
    start = None
    for i, c in enumerate(chars):
        if c == " ":
            if start is not None:
                spans.append((start, i))
                start = None
        elif start is None:
            start = i
    if start is not None:
        spans.append((start, len(chars)))
    return spans


class _FoldTable(dict):
    """A ``str.translate`` table that folds every code point as ``_fold_char`` does, filled
    on first sight of each character: translating in C is what makes ``normalise`` cheap."""

    def __missing__(self, codepoint: int) -> str:
        folded = self[codepoint] = _fold_char(chr(codepoint))
        return folded


_FOLD = _FoldTable()
#: ASCII bytes folded as ``_fold_char`` folds them: letters lower-cased, digits kept, every
#: other byte a space; the ASCII apostrophes are dropped.
_ASCII_FOLD = bytes(
    (c | 0x20 if chr(c).isalpha() else c) if chr(c).isascii() and chr(c).isalnum() else 0x20
    for c in range(256)
)
_ASCII_APOSTROPHES = "".join(a for a in _APOSTROPHES if a.isascii()).encode()


def _folded(text: str) -> str:
    """``text`` translated by ``_FOLD``; an ASCII text (most names) by a byte table, ten
    times cheaper than a look-up of the dict table per character."""
    if text.isascii():
        return text.encode().translate(_ASCII_FOLD, _ASCII_APOSTROPHES).decode()
    return text.translate(_FOLD)


@lru_cache(maxsize=200_000)
def normalise(text: str) -> str:
    """The normalised key of a name: ``"Deir el-Zour"`` -> ``"deir zour"``.

    The key of ``normalise_with_offsets`` without the offsets, built with C-level string
    calls: the geoparser and the gazetteer normalise tens of thousands of names per
    megabyte of news on first sight, and the per-character loop was most of that cost.
    """
    if "'" in text or "’" in text:
        text = _POSSESSIVE.sub(" ", text)
    tokens = _folded(text).split()
    key = " ".join([t for t in tokens if t not in ARTICLES] or tokens)
    return _INITIALS.sub("", key) if " " in key else key


def skeleton(key: str) -> str:
    """The variant key of a *normalised* key: ``"deir zour"`` -> ``"darzar"``."""
    for pattern, replacement, needs in _VARIANTS:
        if needs in key:
            key = pattern.sub(replacement, key)
    return key


def articles_of(text: str) -> tuple[str, ...]:
    """The article tokens a name carries (``"al-Hol"`` -> ``("al",)``), for match reasons."""
    folded = _folded(text).split()  # as _fold_char per character, in C
    if len(folded) < 2:
        return ()
    return tuple(token for token in folded if token in ARTICLES)


__all__ = ["ARTICLES", "articles_of", "normalise", "normalise_with_offsets", "skeleton"]
