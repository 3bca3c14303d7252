"""The one-call facade: article -> places -> figures.

``extract(article)`` uses the bundled gazetteer, loaded lazily on first use so
that ``import geo`` stays fast; a caller or a test can pass another.
"""

from __future__ import annotations

from dataclasses import dataclass

from geo.articles import Article
from geo.figures import Figure, find_figures
from geo.gazetteer import Gazetteer, default_gazetteer
from geo.toponyms import PlaceMention, find_places

EXTRACTOR_VERSION = "2026.12.4.2"
"""The version of what :func:`extract` reads from a text, stored with every article it read.

Bump it whenever the places or figures found in some text change (a rule, a word list, the
gazetteer): ``python -m geo reextract`` then re-reads the articles stored by an older one,
and the dashboard says while any remain.  ``tests/test_reextract.py`` keeps a fingerprint of
the seeds' extraction under this version, so a change of output without a bump fails there.
"""


@dataclass(frozen=True)
class Extraction:
    """Everything the pipeline found in one article."""

    article: Article
    places: tuple[PlaceMention, ...]
    figures: tuple[Figure, ...]
    extractor: str = EXTRACTOR_VERSION


def extract(article: Article, gazetteer: Gazetteer | None = None) -> Extraction:
    """Find the places an article names, then the figures it reports about them."""
    places = find_places(article, gazetteer or default_gazetteer())
    figures = find_figures(article, places)
    return Extraction(article=article, places=tuple(places), figures=tuple(figures))
