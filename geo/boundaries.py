"""The shipped boundaries (data/boundaries/, EPSG:4326) and the governorate a place lies in.

Files are built by scripts/build_boundaries.py; each feature's ``id`` is the id of its
gazetteer entry, so a polygon, a place and a stored row can be joined on it.  GeoDataFrames
load on first use and are shared afterwards (callers must not modify them).
"""

from __future__ import annotations

from functools import cache, lru_cache
from pathlib import Path

import geopandas as gpd
from shapely.geometry import Point

from geo.gazetteer import Place, default_gazetteer

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "boundaries"

#: Countries whose governorates (ADM1) and districts (ADM2) are shipped as polygons.
POLYGON_COUNTRIES = frozenset({"SY", "IQ"})
#: Neighbours whose governorates are gazetteer entries without polygons: matched by name.
NAMED_COUNTRIES = frozenset({"TR", "JO", "LB"})


@cache
def _read(name: str) -> gpd.GeoDataFrame:
    frame = gpd.read_file(DATA_DIR / f"{name}.geojson", engine="pyogrio")
    frame["geonameid"] = frame["geonameid"].astype("Int64")  # GeoJSON nulls read as NaN
    return frame


def governorates() -> gpd.GeoDataFrame:
    """Syria and Iraq governorates (ADM1): id, geonameid, name, country, level, iso_3166_2."""
    return _read("governorates")


def districts() -> gpd.GeoDataFrame:
    """Syria and Iraq districts (ADM2), with the ``governorate_id`` of the ADM1 they are in."""
    return _read("districts")


def countries() -> gpd.GeoDataFrame:
    """Country outlines (Natural Earth 50m) clipped to the Middle East."""
    return _read("countries")


def rivers() -> gpd.GeoDataFrame:
    """The region's rivers (Natural Earth 10m), one feature per gazetteer river."""
    return _read("rivers")


def governorate_at(lat: float, lon: float) -> Place | None:
    """The gazetteer entry of the Syrian or Iraqi governorate containing the point, or None."""
    frame = governorates()
    point = Point(lon, lat)
    for i in frame.sindex.query(point, predicate="intersects"):
        return default_gazetteer().get(frame["id"].iat[i])
    return None


@lru_cache(maxsize=65536)
def governorate_id_of(place: Place) -> str | None:
    """The gazetteer id of the governorate a place belongs to, for grouping and filters.

    A governorate is its own; countries and rivers have none.  In Syria and Iraq it is the
    polygon containing the point; elsewhere in the region (and for a Syrian or Iraqi point
    that falls just outside the simplified polygons) the governorate named by ``admin1``.
    """
    if place.kind == "governorate":
        return place.id
    if place.kind in {"country", "river"}:
        return None
    if place.country in POLYGON_COUNTRIES:
        found = governorate_at(place.lat, place.lon)
        if found is not None:
            return found.id
    if place.country in POLYGON_COUNTRIES | NAMED_COUNTRIES and place.admin1:
        return _governorate_named(place.admin1, place.country)
    return None


def _governorate_named(name: str, country: str) -> str | None:
    for candidate in default_gazetteer().lookup(name, limit=50):
        if candidate.place.kind == "governorate" and candidate.place.country == country:
            return candidate.place.id
    return None


__all__ = [
    "countries",
    "districts",
    "governorate_at",
    "governorate_id_of",
    "governorates",
    "rivers",
]
