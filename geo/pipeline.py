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


@dataclass(frozen=True)
class Extraction:
    """Everything the pipeline found in one article."""

    article: Article
    places: tuple[PlaceMention, ...]
    figures: tuple[Figure, ...]


def extract(article: Article, gazetteer: Gazetteer | None = None) -> Extraction:
    """Find the places an article names, then the figures it reports about them."""
    places = find_places(article, gazetteer or default_gazetteer())
    figures = find_figures(article, places)
    return Extraction(article=article, places=tuple(places), figures=tuple(figures))
