"""Article records and the bundled corpus.

An :class:`Article` is the unit everything else works on: its ``text`` is kept
exactly as read (offsets of places and figures index it), and its ``id`` is a
hash of the *normalised* text so the same report saved twice (different line
endings, trailing spaces, Unicode composition) is recognised as one article.
"""

from __future__ import annotations

import csv
import hashlib
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ARTICLES_DIR = Path(__file__).resolve().parent.parent / "data" / "articles"


@dataclass(frozen=True)
class Article:
    """One news report: text as published plus the metadata needed to cite it."""

    id: str
    text: str
    title: str = ""
    outlet: str = ""
    published: date | None = None
    url: str = ""
    dateline: str = ""


def normalise_text(text: str) -> str:
    """The form of ``text`` that identity is computed on: NFC, whitespace collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def article_id(text: str) -> str:
    """A stable id for ``text``: the first 16 hex digits of SHA-256 of its normalised form."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]


def make_article(
    text: str,
    *,
    title: str = "",
    outlet: str = "",
    published: date | None = None,
    url: str = "",
    dateline: str = "",
) -> Article:
    """Build an :class:`Article`, deriving its id from the text."""
    return Article(
        id=article_id(text),
        text=text,
        title=title,
        outlet=outlet,
        published=published,
        url=url,
        dateline=dateline,
    )


def load_bundled(directory: Path = ARTICLES_DIR) -> list[Article]:
    """The articles shipped in ``data/articles/``, in the order of ``articles.csv``.

    Text files are read as bytes and decoded as UTF-8 without newline
    translation, so character offsets match ``python -m geo extract FILE``.
    """
    articles = []
    with (directory / "articles.csv").open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            text = (directory / row["file"]).read_bytes().decode("utf-8")
            articles.append(
                make_article(
                    text,
                    title=row["title"],
                    outlet=row["outlet"],
                    published=date.fromisoformat(row["published"]) if row["published"] else None,
                    url=row["url"],
                    dateline=row["dateline"],
                )
            )
    return articles
