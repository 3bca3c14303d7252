"""What one request to a hosted page may cost: the article text it extracts.

A hosted app shares a few CPU cores among everyone who has the link, and
extraction costs about a second of CPU per 20,000 characters of dense war
reporting (numbers, places and dates in every sentence; ordinary news is far
cheaper).  So the Add articles page extracts at most
:data:`MAX_REQUEST_CHARS` characters per run and at most
:data:`MAX_REQUEST_ARTICLES` articles; the rest of an upload is listed with the
reason, and ``python -m geo ingest`` (no such limit; 1,000,000 characters per
article, see :mod:`geo.readers`) takes large batches.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

MAX_REQUEST_CHARS = 100_000
MAX_REQUEST_ARTICLES = 50

T = TypeVar("T")


def within_budget(texts: Sequence[tuple[T, int]]) -> tuple[list[T], list[T]]:
    """Split ``(item, characters)`` pairs, in order, into those one request may extract
    and the rest.  An item alone over the budget is never taken: it would blow it."""
    taken: list[T] = []
    left: list[T] = []
    spent = 0
    for item, chars in texts:
        if len(taken) < MAX_REQUEST_ARTICLES and spent + chars <= MAX_REQUEST_CHARS and not left:
            taken.append(item)
            spent += chars
        else:
            left.append(item)
    return taken, left
