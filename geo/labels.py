"""Names to write on the offline map: countries, first-level units and the selection's towns.

Without web tiles the outlines alone do not say where anything is.  A label sits
at a polygon's representative point (always inside it, unlike a centroid of a
crescent-shaped governorate) or at a town; each carries the zoom from which it
shows, so the first view names countries and the main towns, and governorates
and smaller towns appear as the reader zooms in instead of covering each other.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pandas as pd

from geo import boundaries
from geo.summary import LOCAL_KINDS

MAX_TOWNS = 25
"""Towns named at most: the selection's most mentioned, so a large corpus never buries the map."""
MAIN_TOWNS = 8
"""The most mentioned towns are named from the first view on; the others from closer in."""


@dataclass(frozen=True)
class Label:
    """A name written on the map at ``lat``/``lon``, shown from zoom ``min_zoom`` on."""

    name: str
    level: str  # "country", "governorate" or "town": styled apart
    lat: float
    lon: float
    min_zoom: int


MIN_ZOOM = {"country": 0, "governorate": 7, "main town": 6, "town": 9}


def _at_representative_points(shapes, level: str) -> tuple[Label, ...]:
    points = shapes.geometry.representative_point()
    return tuple(
        Label(str(name), level, float(point.y), float(point.x), MIN_ZOOM[level])
        for name, point in zip(shapes["name"], points, strict=True)
        if not point.is_empty
    )


@cache
def area_labels() -> tuple[Label, ...]:
    """Countries and first-level units of the shipped boundaries (computed once)."""
    return _at_representative_points(boundaries.countries(), "country") + (
        _at_representative_points(boundaries.governorates(), "governorate")
    )


def town_labels(places: pd.DataFrame, limit: int = MAX_TOWNS) -> tuple[Label, ...]:
    """The selection's towns, most named first, ``limit`` at most: the local places with a
    point of ``places`` (:func:`geo.summary.place_counts`, already in that order)."""
    towns = places[places["kind"].isin(LOCAL_KINDS) & places["lat"].notna()].head(limit)
    return tuple(
        Label(
            str(town.name),
            "town",
            float(town.lat),
            float(town.lon),
            MIN_ZOOM["main town" if rank < MAIN_TOWNS else "town"],
        )
        for rank, town in enumerate(towns.itertuples(index=False))
    )
