"""Shipped boundaries: valid, EPSG:4326, joined to the gazetteer; point-in-polygon lookups."""

import subprocess
import sys

import pytest
from shapely.geometry import Point

from geo import boundaries
from geo.gazetteer import default_gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


@pytest.mark.parametrize("layer", ["governorates", "districts", "countries", "rivers"])
def test_layers_are_valid_wgs84_with_gazetteer_ids(layer, gazetteer):
    frame = getattr(boundaries, layer)()
    assert frame.crs.to_epsg() == 4326
    assert frame.geometry.is_valid.all()
    assert not frame.geometry.is_empty.any()
    assert {"id", "geonameid", "name", "country", "level", "iso_3166_2"} <= set(frame.columns)
    assert str(frame["geonameid"].dtype) == "Int64"
    known = frame["id"].dropna()
    assert known.is_unique
    assert all(gazetteer.get(i) is not None for i in known)


def test_every_syria_iraq_and_ukraine_first_level_unit_has_a_polygon(gazetteer):
    frame = boundaries.governorates()
    assert frame["country"].value_counts().to_dict() == {"UA": 25, "IQ": 19, "SY": 14}
    assert boundaries.polygon_countries() == {"SY", "IQ", "UA"}
    assert boundaries.named_countries() == {"TR", "JO", "LB"}
    for pid in frame["id"]:
        assert gazetteer.get(pid).kind == "governorate"


def test_districts_name_their_governorate():
    frame = boundaries.districts()
    assert frame["country"].value_counts().to_dict() == {"UA": 628, "IQ": 109, "SY": 62}
    assert frame["governorate_id"].isin(set(boundaries.governorates()["id"])).all()


def test_districts_are_grouped_by_region_and_found_by_the_view():
    groups = boundaries.district_groups()
    assert list(groups) == ["levant", "ukraine"]
    assert set(groups["levant"]["country"]) == {"SY", "IQ"}
    assert set(groups["ukraine"]["country"]) == {"UA"}
    assert boundaries.district_groups_in([[33.5, 39.5], [36.5, 41.5]]) == ("levant",)
    assert boundaries.district_groups_in([[47.9, 36.8], [49.2, 38.6]]) == ("ukraine",)
    assert boundaries.district_groups_in([[51.3, -0.5], [51.7, 0.3]]) == ()  # London


@pytest.mark.parametrize(
    ("place_id", "district"),
    [
        ("713174", "Bakhmut Municipality"),  # Bakhmut: its city council (WOF: Artemivska)
        ("688556", "Bakhmut Raion"),  # Yakovlivka, a village of the raion around it
        ("704508", "Kramatorska"),  # Kramatorsk
        ("706448", "Khersonska"),  # Kherson
    ],
)
def test_ukrainian_places_lie_in_their_raion_or_city_council(gazetteer, place_id, district):
    place = gazetteer.get(place_id)
    frame = boundaries.districts()
    (inside,) = frame.sindex.query(Point(place.lon, place.lat), predicate="within")
    found = frame.iloc[inside]
    assert (found["name"], found["country"]) == (district, "UA")
    assert found["governorate_id"] == boundaries.governorate_id_of(place)


@pytest.mark.parametrize(
    ("place_id", "governorate_id"),
    [
        ("171944", "170792"),  # Baghuz -> Deir ez-Zor
        ("171943", "170792"),  # Baghuz Fawqani -> Deir ez-Zor
        ("172955", "172957"),  # Raqqa -> Ar-Raqqah
        ("173797", "173813"),  # Al Hawl -> Al-Hasakah
        ("99072", "92877"),  # Mosul -> Nineveh
        ("94787", "wof:1108804831"),  # Kirkuk city -> Kirkuk (a governorate without GeoNames id)
        ("170792", "170792"),  # a governorate is its own
    ],
)
def test_governorate_id_of_syrian_and_iraqi_places(gazetteer, place_id, governorate_id):
    assert boundaries.governorate_id_of(gazetteer.get(place_id)) == governorate_id


@pytest.mark.parametrize(
    ("place_id", "oblast"),
    [
        ("713174", "Donetsk Oblast"),  # Bakhmut
        ("706757", "Donetsk Oblast"),  # Soledar
        ("713122", "Donetsk Oblast"),  # Avdiivka
        ("701822", "Donetsk Oblast"),  # Mariupol
        ("691999", "Luhansk Oblast"),  # Sievierodonetsk
        ("702972", "Luhansk Oblast"),  # Lysychansk
        ("706448", "Kherson Oblast"),  # Kherson
        ("706483", "Kharkiv Oblast"),  # Kharkiv
        ("703448", "Kyiv Oblast"),  # Kyiv: the city lies inside the oblast polygon (no city unit)
    ],
)
def test_ukrainian_places_lie_in_their_oblast(gazetteer, place_id, oblast):
    found = gazetteer.get(boundaries.governorate_id_of(gazetteer.get(place_id)))
    assert (found.name, found.kind, found.country) == (oblast, "governorate", "UA")


def test_neighbouring_countries_match_the_governorate_by_name(gazetteer):
    ankara_city = gazetteer.lookup("Ankara")[0].place
    governorate = gazetteer.get(boundaries.governorate_id_of(ankara_city))
    assert (governorate.kind, governorate.country) == ("governorate", "TR")
    assert governorate.name == "Ankara"


@pytest.mark.parametrize("name", ["Syria", "Euphrates", "London"])
def test_countries_rivers_and_far_places_have_no_governorate(gazetteer, name):
    assert boundaries.governorate_id_of(gazetteer.lookup(name)[0].place) is None


def test_governorate_at(gazetteer):
    assert boundaries.governorate_at(34.43221, 40.99226).id == "170792"
    assert boundaries.governorate_at(51.5, -0.12) is None


def _staged(name: str, crs: str):
    """A staged source polygon file in ``crs``; the test is skipped without ../shared/data."""
    source = boundaries.DATA_DIR.parents[2] / "shared" / "data" / "boundaries"
    if not source.is_dir():
        pytest.skip("../shared/data is not available")
    import geopandas as gpd

    return gpd.read_file(source / name).to_crs(crs)


def test_simplification_keeps_outlines_close_to_the_source():
    local = "+proj=laea +lat_0=34 +lon_0=42 +datum=WGS84 +units=m"  # metres, true near the region
    original = _staged("wof_adm1_SY_IQ.geojson", local)
    shipped = boundaries.governorates().to_crs(local)
    shipped = shipped[shipped["country"].isin({"SY", "IQ"})]
    assert list(shipped["iso_3166_2"]) == list(original["iso_3166_2"])
    # areas within 0.5 % and every outline within one zoom-10 pixel (about 125 m) of the source
    ratio = shipped.area.sum() / original.area.sum()
    assert abs(ratio - 1) < 0.005
    assert shipped.geometry.hausdorff_distance(original.geometry, align=False).max() < 125


def test_ukraine_oblasts_keep_their_area():
    local = "+proj=laea +lat_0=48.5 +lon_0=31.5 +datum=WGS84 +units=m"  # true near Ukraine
    original = _staged("wof_adm1_UA.geojson", local)
    shipped = boundaries.governorates().to_crs(local)
    shipped = shipped[shipped["country"] == "UA"]
    assert list(shipped["iso_3166_2"]) == list(original["iso_3166_2"])
    ratios = shipped.area.to_numpy() / original.area.to_numpy()
    assert abs(ratios - 1).max() < 0.005


def test_ukraine_raions_stay_within_their_tolerance_and_tile_without_overlaps():
    """Simplified by their shared edges (scripts/build_boundaries.py, simplify_edges): no line
    moves more than the pack's 400 m (plus the 1 m grid) and neighbours never overlap."""
    import shapely

    local = "+proj=laea +lat_0=48.25 +lon_0=31 +datum=WGS84 +units=m"  # true near Ukraine
    original = _staged("wof_adm2_UA.geojson", local)
    shipped = boundaries.districts().to_crs(local)
    shipped = shipped[shipped["country"] == "UA"]
    assert list(shipped["id"]) == [f"wof:{w}" for w in original["wof_id"]]
    shift = shipped.geometry.hausdorff_distance(original.geometry, align=False)
    assert shift.max() < 402
    assert abs(shipped.area.sum() / original.area.sum() - 1) < 0.005
    union = shapely.union_all(shipped.geometry.values).area
    assert shipped.area.sum() - union < 1e-6 * union


def test_shipped_files_are_what_the_build_script_makes(tmp_path):
    source = boundaries.DATA_DIR.parents[2] / "shared" / "data"
    if not (source / "boundaries").is_dir():
        pytest.skip("../shared/data is not available")
    script = boundaries.DATA_DIR.parents[1] / "scripts" / "build_boundaries.py"
    subprocess.run(
        [sys.executable, str(script), "--source", str(source), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for path in sorted(boundaries.DATA_DIR.glob("*.geojson")):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name
