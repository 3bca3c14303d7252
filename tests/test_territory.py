"""Footprints keep the reported area once reprojected: checked in an independent projection."""

import geopandas as gpd
import pandas as pd
import pytest

from geo.territory import footprint, footprints, local_equal_area

BAGHUZ = (34.4497, 40.9386)


def _area_km2(geometry, crs):
    series = gpd.GeoSeries([geometry], crs=4326)
    return float(series.to_crs(crs).area.iloc[0]) / 1e6


@pytest.mark.parametrize("area", [0.5, 1.6, 2 * 2.589988, 40.0, 3000.0])
@pytest.mark.parametrize("shape", ["circle", "square"])
def test_reprojected_footprint_has_the_reported_area(area, shape):
    lat, lon = BAGHUZ
    polygon = footprint(lat, lon, area, shape)
    # EPSG:6933 (global equal-area cylindrical) is a different projection from the one used
    # to build the footprint, so this does not just undo the construction.
    for crs in ("EPSG:6933", local_equal_area(lat, lon)):
        assert _area_km2(polygon, crs) == pytest.approx(area, rel=0.005)


def test_footprint_is_centred_on_its_place():
    polygon = footprint(*BAGHUZ, 1.6)
    assert polygon.centroid.y == pytest.approx(BAGHUZ[0], abs=1e-4)
    assert polygon.centroid.x == pytest.approx(BAGHUZ[1], abs=1e-4)
    assert polygon.contains(polygon.centroid)


@pytest.mark.parametrize("area", [0, -1, float("nan")])
def test_non_positive_area_is_refused(area):
    with pytest.raises(ValueError, match="area must be positive"):
        footprint(*BAGHUZ, area)


def test_footprints_keep_only_placed_territory_areas():
    figures = pd.DataFrame(
        [
            {"kind": "territory_area", "unit": "km2", "value": 1.6, "lat": 34.45, "lon": 40.94,
             "label": "1.6 km²"},
            {"kind": "territory_area", "unit": "km2", "value": 5.18, "lat": None, "lon": None,
             "label": "< 5.2 km²"},
            {"kind": "displaced", "unit": "people", "value": 20000, "lat": 34.45, "lon": 40.94,
             "label": "> 20,000 evacuated"},
        ]
    )  # fmt: skip
    result = footprints(figures)
    assert list(result["label"]) == ["1.6 km²"]
    assert result.crs.to_epsg() == 4326
    assert _area_km2(result.geometry.iloc[0], "EPSG:6933") == pytest.approx(1.6, rel=0.005)
