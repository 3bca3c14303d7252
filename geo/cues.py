"""The cue-word lists of the figure reader, read once from ``data/vocabulary/figure_cues.json``.

Word lists are data, not code: a newcomer adds "abducted" to the list, not to a
regular expression in :mod:`geo.figures`.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "vocabulary" / "figure_cues.json"


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
