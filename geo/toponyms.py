"""Find place names in article text and resolve each to a gazetteer entry, with evidence.

The public face of the place pipeline; the work is done in order by
``geo.folding``      capitalised stretches folded as gazetteer keys are written;
``geo.recognition``  which stretches name a place here (``geo.wordlists`` holds its word
                     lists, ``geo.readings`` the entries a name can credibly mean);
``geo.resolution``   the chosen entry of each name, by a named chain of scoring steps.
"""

from __future__ import annotations

from geo.articles import Article
from geo.gazetteer import Gazetteer, default_gazetteer
from geo.recognition import recognise
from geo.resolution import RESOLUTION_STEPS, Alternative, PlaceMention, resolve

__all__ = ["RESOLUTION_STEPS", "Alternative", "PlaceMention", "find_places"]


def find_places(
    article_or_text: Article | str, gazetteer: Gazetteer | None = None
) -> list[PlaceMention]:
    """Every place an article names, in text order, resolved to gazetteer entries with evidence
    (the bundled gazetteer unless another is given)."""
    text = article_or_text.text if isinstance(article_or_text, Article) else article_or_text
    gazetteer = default_gazetteer() if gazetteer is None else gazetteer
    return resolve(text, recognise(text, gazetteer))
