"""An article's text as HTML with its place names and figures marked, each linking to the map.

The text is escaped piece by piece (:func:`geo.escaping.safe`), so nothing in an
article is ever rendered as markup; only the marks and links added here are.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

import pandas as pd

from geo.escaping import safe

STYLES = {
    "place": "background:#cfe3f3;border-radius:3px;padding:0 2px;",
    "figure": "background:#fbe3b5;border-radius:3px;padding:0 2px;font-weight:600;",
    "unresolved": "background:#e8e8e8;border-radius:3px;padding:0 2px;",
}


@dataclass(frozen=True)
class Mark:
    """A span of article text to mark, and where it links (None: no link)."""

    start: int
    end: int
    kind: str
    title: str
    href: str | None


def map_link(**params: str | None) -> str:
    """A link to the map (home page) with these filters in its query string."""
    return "/?" + urlencode({k: v for k, v in params.items() if v})


def _located(frame: pd.DataFrame, article_id: str) -> pd.DataFrame:
    """The rows of one article that have a usable span of its text."""
    rows = frame[frame["article_id"] == article_id].dropna(subset=["start", "end"])
    return rows[rows["start"] < rows["end"]]


def marks(article_id: str, mentions: pd.DataFrame, figures: pd.DataFrame) -> list[Mark]:
    """The marks of one article: its figures, resolved places and unresolved place names."""
    found = []
    for f in _located(figures, article_id).itertuples(index=False):
        place = f.place_id if isinstance(f.place_id, str) else None
        title = f"{f.label} ({f.kind.replace('_', ' ')})" + (f" · {f.name}" if place else "")
        href = map_link(place=place, kind=f.kind) if place else None
        found.append(Mark(int(f.start), int(f.end), "figure", title, href))
    for m in _located(mentions, article_id).itertuples(index=False):
        if isinstance(m.place_id, str):
            where = f", {m.admin1}" if isinstance(m.admin1, str) and m.admin1 else ""
            title = f"{m.name} ({m.kind}{where})"
            found.append(Mark(int(m.start), int(m.end), "place", title, map_link(place=m.place_id)))
        else:
            found.append(Mark(int(m.start), int(m.end), "unresolved", "not in the gazetteer", None))
    return found


def highlight(text: str, spans: list[Mark]) -> str:
    """``text`` escaped, each span wrapped in a titled mark (and link).

    Of overlapping spans the earlier (then the longer) one is kept.

    Line breaks become ``<br>`` so the result is one HTML block that no
    Markdown renderer re-reads.
    """
    pieces, at = [], 0
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if span.start < at or span.end > len(text):
            continue
        pieces.append(safe(text[at : span.start]))
        inner = (
            f'<mark style="{STYLES[span.kind]}" title="{safe(span.title)}">'
            f"{safe(text[span.start : span.end])}</mark>"
        )
        if span.href:
            inner = f'<a href="{safe(span.href)}" target="_self">{inner}</a>'
        pieces.append(inner)
        at = span.end
    pieces.append(safe(text[at:]))
    return "".join(pieces).replace("\r\n", "\n").replace("\n", "<br>")
