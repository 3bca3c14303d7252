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
from geo.regions import home_countries, packs

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "boundaries"


@cache
def _read(name: str) -> gpd.GeoDataFrame:
    frame = gpd.read_file(DATA_DIR / f"{name}.geojson", engine="pyogrio")
    frame["geonameid"] = frame["geonameid"].astype("Int64")  # GeoJSON nulls read as NaN
    return frame


@cache
def polygon_countries() -> frozenset[str]:
    """Countries whose first-level units are shipped as polygons (the packs' ``adm1`` files)."""
    return frozenset(governorates()["country"])


@cache
def named_countries() -> frozenset[str]:
    """Countries of the region packs whose first-level units are gazetteer entries without
    polygons: matched by name."""
    return frozenset(home_countries()) - polygon_countries()


def governorates() -> gpd.GeoDataFrame:
    """The region packs' first-level units (ADM1: Syrian and Iraqi governorates, Ukrainian
    oblasts): id, geonameid, name, country, level, iso_3166_2."""
    return _read("governorates")


def districts() -> gpd.GeoDataFrame:
    """The region packs' districts (ADM2: Syrian and Iraqi districts, Ukrainian raions and
    cities of oblast significance), with the ``governorate_id`` of the ADM1 they are in."""
    return _read("districts")


@cache
def district_groups() -> dict[str, gpd.GeoDataFrame]:
    """The districts by region pack (a country of no pack, added with ``gazetteer add``, is
    a group of its own, named by its lower-case code), in file order.

    Each group is served as a file of its own: Syria's and Iraq's districts and Ukraine's
    raions together would pass the served file's budget, and a map of one war needs the
    other's districts no more than it fetches them.
    """
    frame = districts()
    pack_of = {code: pack.name for pack in packs() for code in pack.countries}
    group = frame["country"].map(lambda code: pack_of.get(code, str(code).lower()))
    return {name: frame[group == name] for name in dict.fromkeys(group)}


def district_groups_in(view: list[list[float]]) -> tuple[str, ...]:
    """The district groups with an outline in ``view`` ([[south, west], [north, east]], as
    the map is fitted to): those the map draws."""
    (south, west), (north, east) = view
    return tuple(
        name
        for name, (w, s, e, n) in _group_bounds().items()
        if w <= east and e >= west and s <= north and n >= south
    )


@cache
def _group_bounds() -> dict[str, tuple[float, float, float, float]]:
    return {name: tuple(frame.total_bounds) for name, frame in district_groups().items()}


def countries() -> gpd.GeoDataFrame:
    """Country outlines (Natural Earth 50m) clipped to the region packs' boxes."""
    return _read("countries")


def rivers() -> gpd.GeoDataFrame:
    """The region's rivers (Natural Earth 10m), one feature per gazetteer river."""
    return _read("rivers")


def governorate_at(lat: float, lon: float) -> Place | None:
    """The gazetteer entry of the first-level unit with a polygon containing the point, or None."""
    frame = governorates()
    point = Point(lon, lat)
    for i in frame.sindex.query(point, predicate="intersects"):
        return default_gazetteer().get(frame["id"].iat[i])
    return None


@lru_cache(maxsize=65536)
def governorate_id_of(place: Place) -> str | None:
    """The gazetteer id of the governorate a place belongs to, for grouping and filters.

    A governorate is its own; countries and rivers have none.  In a country with polygons it
    is the polygon containing the point; elsewhere in the region (and for a point that falls
    just outside the simplified polygons) the governorate named by ``admin1``.
    """
    if place.kind == "governorate":
        return place.id
    if place.kind in {"country", "river"}:
        return None
    if place.country in polygon_countries():
        found = governorate_at(place.lat, place.lon)
        if found is not None:
            return found.id
    if place.country in polygon_countries() | named_countries() and place.admin1:
        return _governorate_named(place.admin1, place.country)
    return None


def _governorate_named(name: str, country: str) -> str | None:
    for candidate in default_gazetteer().lookup(name, limit=50):
        if candidate.place.kind == "governorate" and candidate.place.country == country:
            return candidate.place.id
    return None


__all__ = [
    "countries",
    "district_groups",
    "district_groups_in",
    "districts",
    "governorate_at",
    "governorate_id_of",
    "governorates",
    "named_countries",
    "polygon_countries",
    "rivers",
]
