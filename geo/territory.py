"""Reported areas drawn to scale: an equal-area footprint of A km² around a place.

"Less than 2 square miles" and "1.6 km²" can only be compared by eye if both
are drawn with their true area.  Degrees are not equal-area, so each footprint
is built in a Lambert azimuthal equal-area projection centred on its own place
(no distortion of area anywhere, little of shape near the centre) and only then
reprojected to EPSG:4326 for display.
"""

from __future__ import annotations

import functools
import math

import geopandas as gpd
import pandas as pd
import shapely
from pyproj import CRS, Transformer
from shapely import Polygon, box
from shapely.affinity import scale
from shapely.geometry import Point

WGS84 = CRS.from_epsg(4326)


def local_equal_area(lat: float, lon: float) -> CRS:
    """The Lambert azimuthal equal-area projection centred on a point (metres)."""
    return CRS.from_proj4(f"+proj=laea +lat_0={lat} +lon_0={lon} +datum=WGS84 +units=m +no_defs")


def _unit_shape(shape: str) -> Polygon:
    if shape == "circle":
        return Point(0, 0).buffer(1.0, quad_segs=32)
    if shape == "square":
        return box(-1.0, -1.0, 1.0, 1.0)
    raise ValueError(f"unknown footprint shape {shape!r}: use 'circle' or 'square'")


def footprint(lat: float, lon: float, area_km2: float, shape: str = "circle") -> Polygon:
    """A circle or square of ``area_km2`` centred on (lat, lon), in EPSG:4326 coordinates.

    The unit shape is scaled so that the *polygon's* area (not the ideal
    circle's) is exactly the one reported.
    """
    if not area_km2 > 0:
        raise ValueError(f"area must be positive, got {area_km2!r} km²")
    unit = _unit_shape(shape)
    factor = math.sqrt(area_km2 * 1e6 / unit.area)
    local = scale(unit, factor, factor, origin=(0, 0))
    to_wgs84 = _to_wgs84(lat, lon)
    return shapely.transform(local, lambda x, y: to_wgs84.transform(x, y), interleaved=False)


@functools.lru_cache(maxsize=256)
def _to_wgs84(lat: float, lon: float) -> Transformer:
    """Building a transformer costs milliseconds; the same places come back on every rerun."""
    return Transformer.from_crs(local_equal_area(lat, lon), WGS84, always_xy=True)


def footprints(figures: pd.DataFrame, shape: str = "circle") -> gpd.GeoDataFrame:
    """One footprint per territory_area figure in km² that has a place; other rows are skipped.

    Keeps every column of ``figures`` so labels and popups can cite the sentence.
    """
    rows = figures[
        (figures["kind"] == "territory_area")
        & (figures["unit"] == "km2")
        & figures["lat"].notna()
        & figures["lon"].notna()
        & (pd.to_numeric(figures["value"], errors="coerce") > 0)
    ]
    geometry = [
        footprint(row.lat, row.lon, float(row.value), shape) for row in rows.itertuples(index=False)
    ]
    return gpd.GeoDataFrame(rows.reset_index(drop=True), geometry=geometry, crs=WGS84)
