"""The cue-word lists of the figure reader, read once from ``data/vocabulary/figure_cues.json``,
and the person nouns that make a number a count of people (``person_nouns.json``).

Word lists are data, not code: a newcomer adds "abducted" to the list, not to a
regular expression in :mod:`geo.figures`.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

VOCABULARY = Path(__file__).resolve().parent.parent / "data" / "vocabulary"
CUES_FILE = VOCABULARY / "figure_cues.json"
NOUNS_FILE = VOCABULARY / "person_nouns.json"


@cache
def _lists() -> dict[str, list[str]]:
    data = json.loads(CUES_FILE.read_text(encoding="utf-8"))
    return {name: words for name, words in data.items() if isinstance(words, list)}


def alternatives(name: str) -> str:
    """The list ``name`` as one regular-expression alternation, longest first."""
    return "|".join(sorted(_lists()[name], key=len, reverse=True))


def cue_re(name: str) -> re.Pattern:
    """Whole-word, case-insensitive pattern for the list ``name``."""
    return re.compile(rf"(?<![\w-])(?:{alternatives(name)})(?![\w-])", re.I)


@cache
def _nouns() -> dict:
    return json.loads(NOUNS_FILE.read_text(encoding="utf-8"))


def person_nouns(number: str) -> dict[str, tuple[str, ...]]:
    """The "plural" or "singular" person nouns, by the figure kind each implies ("" for none)."""
    return {kind: tuple(nouns) for kind, nouns in _nouns()[number].items()}
