"""The bundled gazetteer: the issue's lookups, unknown names, integrity of the data files."""

import gzip
import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from geo.gazetteer import DATA_DIR, Candidate, Gazetteer, Place, default_gazetteer
from geo.names import normalise

KINDS = {
    "country",
    "governorate",
    "district",
    "subdistrict",
    "populated place",
    "neighbourhood",
    "river",
    "region",
    "other",
}
COORDS_SOURCES = {"geonames", "wof", "natural earth", "capital", "towns"}


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return default_gazetteer()


def first_ids(gazetteer, name, n=1):
    return [c.place.id for c in gazetteer.lookup(name)[:n]]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Baghouz", {"171943", "171944"}),
        ("Baghuz", {"171943", "171944"}),
        ("al-Hol", {"173797"}),
        ("Al-Susah", {"172415"}),
        ("Hajin", {"174506"}),
        ("Raqqa", {"172955"}),
        ("Washington", {"4140963"}),
        ("Britain", {"2635167"}),
    ],
)
def test_issue_lookups_rank_first(gazetteer, name, expected):
    assert first_ids(gazetteer, name)[0] in expected


@pytest.mark.parametrize("name", ["Baghouz", "Baghuz", "Bāghūz", "al-Baghuz"])
def test_baghuz_is_never_the_hasakah_village_first(gazetteer, name):
    best = gazetteer.lookup(name)[0].place
    assert best.admin1 == "Deir ez-Zor"
    assert best.country == "SY"


def test_deir_el_zour_offers_city_and_governorate(gazetteer):
    assert set(first_ids(gazetteer, "Deir el-Zour", 2)) == {"170794", "170792"}


def test_euphrates_is_the_river_with_its_turkish_and_arabic_pieces(gazetteer):
    river = gazetteer.lookup("Euphrates")[0].place
    assert river.kind == "river"
    assert river.id.startswith("ne:")
    assert {"Firat", "Al Furat"} <= set(river.names)
    assert gazetteer.lookup("Firat")[0].place == river


def test_al_furat_means_the_river_or_the_deir_ez_zor_governorate(gazetteer):
    ids = [c.place.id for c in gazetteer.lookup("Al Furat")]
    assert gazetteer.lookup("Euphrates")[0].place.id in ids
    assert "170792" in ids


@pytest.mark.parametrize("name", ["Xyzzyqq", "Qwrtplk Vrrn", "", "   ", "---", "12345"])
def test_unknown_names_give_an_empty_list(gazetteer, name):
    assert gazetteer.lookup(name) == []


def test_each_candidate_says_why_it_matched(gazetteer):
    assert gazetteer.lookup("Hajin")[0].reason in {"exact name", "alternate name"}
    assert gazetteer.lookup("al-Hol")[0].reason.startswith("normalised")
    assert "article prefix" in gazetteer.lookup("al-Hol")[0].reason
    assert gazetteer.lookup("Baghouz")[0].reason.startswith("variant")
    assert gazetteer.lookup("Hajinn")[0].reason.startswith(("variant", "fuzzy"))


def test_fuzzy_step_catches_a_typo(gazetteer):
    best = gazetteer.lookup("Manbji")[0]  # letters swapped: no spelling variant explains it
    assert best.place.id == "167357"
    assert best.reason.startswith("fuzzy")
    assert best.score < 0.8


def test_candidates_are_sorted_and_limited(gazetteer):
    found = gazetteer.lookup("Tripoli", limit=3)
    assert len(found) == 3
    assert [c.score for c in found] == sorted((c.score for c in found), reverse=True)


def test_candidate_dict_has_the_cli_fields(gazetteer):
    record = gazetteer.lookup("Hajin")[0].to_dict()
    assert list(record) == [
        "id",
        "geonameid",
        "name",
        "kind",
        "feature_code",
        "country",
        "admin1",
        "lat",
        "lon",
        "population",
        "score",
        "reason",
    ]
    assert record["geonameid"] == 174506
    assert record["admin1"] == "Deir ez-Zor"
    json.dumps(record)


def test_get_returns_the_place_or_none(gazetteer):
    place = gazetteer.get("170792")
    assert isinstance(place, Place)
    assert (place.kind, place.feature_code, place.country) == ("governorate", "ADM1", "SY")
    assert gazetteer.get("no such id") is None


def test_name_index_feeds_a_matcher(gazetteer):
    index = dict(gazetteer.names())
    assert "173797" in index["hol"]
    keys = gazetteer.name_keys()
    assert "hol" in keys and "no such name" not in keys and len(keys) == len(index)
    assert all(isinstance(ids, tuple) and ids for ids in list(index.values())[:1000])
    ranked = gazetteer.candidates_for_key("raqqa")
    assert ranked[0].place.id == "172955"
    assert all(isinstance(c, Candidate) for c in ranked)


def test_country_adjectives(gazetteer):
    adjectives = gazetteer.adjectives()
    assert gazetteer.get(adjectives["syrian"]).name == "Syria"
    assert adjectives["british"] == "2635167"
    assert "kurdish" not in adjectives


@pytest.mark.parametrize(
    ("name", "iso"),
    [("U.K.", "GB"), ("UK", "GB"), ("U.S.", "US"), ("the United States", "US"), ("America", "US")],
)
def test_english_country_forms(gazetteer, name, iso):
    best = gazetteer.lookup(name)[0].place
    assert (best.kind, best.country) == ("country", iso)


def test_default_gazetteer_is_loaded_once():
    assert default_gazetteer() is default_gazetteer()


# --- the shipped files -------------------------------------------------------------------


def shipped_rows() -> list[list[str]]:
    with gzip.open(DATA_DIR / "places.tsv.gz", "rt", encoding="utf-8") as f:
        header = f.readline().rstrip("\n").split("\t")
        assert header[:3] == ["id", "geonameid", "name"]
        return [line.rstrip("\n").split("\t") for line in f]


@pytest.fixture(scope="module")
def rows():
    return shipped_rows()


def test_ids_are_unique_and_well_formed(rows):
    ids = [r[0] for r in rows]
    assert len(ids) == len(set(ids))
    for r in rows:
        assert r[0] == r[1] or r[0].startswith(("wof:", "ne:")), r[:3]


def test_every_row_is_complete(rows):
    for r in rows:
        assert len(r) == 14
        assert r[3] in KINDS
        assert r[11] in COORDS_SOURCES
        assert -90 <= float(r[7]) <= 90 and -180 <= float(r[8]) <= 180
        assert r[2] and r[10].split("|")[0]
        assert r[12] == normalise(r[2]) and float(r[13]) > 0  # own key, importance


def test_counts(rows):
    by_kind: dict[str, int] = {}
    by_country: dict[str, int] = {}
    for r in rows:
        by_kind[r[3]] = by_kind.get(r[3], 0) + 1
        by_country[r[5]] = by_country.get(r[5], 0) + 1
    assert by_kind["country"] >= 240
    assert by_kind["river"] >= 20
    assert by_kind["populated place"] > 100_000
    assert by_country["SY"] > 9_000 and by_country["IQ"] > 20_000
    assert len(rows) - by_country["TR"] - by_country["SY"] - by_country["IQ"] > 32_000


def test_every_syria_and_iraq_governorate_is_present(gazetteer):
    governorates = {}
    for pid in gazetteer.ids():
        place = gazetteer.get(pid)
        if place.kind == "governorate" and place.country in {"SY", "IQ"}:
            governorates.setdefault(place.country, set()).add(place.name)
    assert len(governorates["SY"]) == 14
    assert len(governorates["IQ"]) == 19
    assert {"Deir ez-Zor", "Ar-Raqqah", "Al-Hasakah"} <= governorates["SY"]
    assert "Kirkuk" in governorates["IQ"]


def test_no_deprecated_or_not_current_rows(rows):
    source = Path(__file__).resolve().parents[2] / "shared" / "data" / "gazetteer"
    if not source.is_dir():
        pytest.skip("../shared/data is not available")
    dropped, current = set(), set()
    for cc in ("SY", "IQ", "TR", "JO", "LB"):
        with (source / f"wof_places_{cc}.tsv").open(encoding="utf-8") as f:
            next(f)
            for line in f:
                r = line.rstrip("\n").split("\t")
                gone = r[27] == "0" or r[28] or r[29]
                (dropped if gone else current).add(r[0] or f"wof:{r[19]}")
    # a GeoNames id may have a dropped and a current WOF record; only purely dropped ids count
    only_dropped = dropped - current
    assert len(only_dropped) > 1000
    shipped = {r[0] for r in rows}
    assert not only_dropped & shipped - cities15000_ids(source)
    assert "wof:421177699" not in shipped  # Akkar: a deprecated region record in the SY repository
    assert "wof:85672421" not in shipped  # At-Ta'mim: superseded by Kirkuk


def cities15000_ids(source: Path) -> set[str]:
    """GeoNames ids of cities15000, which are current whatever an old WOF record says."""
    with zipfile.ZipFile(source / "cities15000.zip") as archive:
        text = archive.read("cities15000.txt").decode("utf-8")
    return {line.split("\t", 1)[0] for line in text.splitlines() if line}


def test_no_abandoned_places(rows):
    assert not [r for r in rows if r[4] in {"PPLQ", "PPLH"}]


def test_import_geo_does_not_import_streamlit_or_load_data():
    code = (
        "import sys, geo, geo.gazetteer, geo.names; "
        "assert 'streamlit' not in sys.modules; "
        "assert geo.gazetteer.default_gazetteer.cache_info().currsize == 0"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


@pytest.mark.parametrize(
    ("name", "expected_id", "kind"),
    [
        ("Idleb province", "169387", "governorate"),
        ("Raqqa province", "172957", "governorate"),
        ("Raqqa city", "172955", "populated place"),
        ("Euphrates River", None, "river"),
    ],
)
def test_a_trailing_qualifier_picks_the_kind(gazetteer, name, expected_id, kind):
    best = gazetteer.lookup(name)[0]
    assert best.place.kind == kind
    assert expected_id in {None, best.place.id}


def test_article_only_difference_does_not_lose_to_a_small_exact_namesake(gazetteer):
    # "Hasakah" is an exact alternate name of an Iraqi hamlet, but news means the Syrian city.
    best = gazetteer.lookup("Hasakah")[0].place
    assert (best.country, best.admin1) == ("SY", "Al-Hasakah")


@pytest.mark.parametrize("name", ["a" * 5000, "Deir " * 1000, "\x00\x01", "🙂", "\u202e"])
def test_odd_input_gives_an_empty_list(gazetteer, name):
    assert gazetteer.lookup(name) == []


def test_shipped_files_are_what_the_build_script_makes(tmp_path):
    source = Path(__file__).resolve().parents[2] / "shared" / "data"
    if not (source / "gazetteer").is_dir():
        pytest.skip("../shared/data is not available")
    script = Path(__file__).resolve().parents[1] / "scripts" / "build_gazetteer.py"
    subprocess.run(
        [sys.executable, str(script), "--source", str(source), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in ("places.tsv.gz", "index.tsv.gz", "variants.tsv.gz", "adjectives.tsv"):
        assert (tmp_path / name).read_bytes() == (DATA_DIR / name).read_bytes(), name


def test_a_country_adjective_looks_up_its_country(gazetteer):
    best = gazetteer.lookup("Israeli")[0]
    assert (best.place.kind, best.place.country) == ("country", "IL")
    assert best.reason == "country adjective 'Israeli'"


@pytest.mark.parametrize("name", ["Abu Kamal", "Manbij", "Afrin", "Mosul", "Sinjar"])
def test_a_town_comes_before_the_district_named_after_it(gazetteer, name):
    kinds = [c.place.kind for c in gazetteer.lookup(name, limit=2)]
    assert kinds == ["populated place", "district"]


def test_every_entry_says_where_its_coordinates_come_from(gazetteer):
    sources = {gazetteer.get(pid).coords_source for pid in gazetteer.ids()}
    assert sources == COORDS_SOURCES


def test_a_cities15000_town_has_the_geonames_point():
    """Raqqa, row 163915 of cities15000: its GeoNames latitude and longitude, to 5 places."""
    source = Path(__file__).resolve().parents[2] / "shared" / "data" / "gazetteer"
    path = source / "geonames_cities15000_SY_IQ_TR_JO_LB.txt"
    if not path.exists():
        pytest.skip("staged GeoNames data not present")
    row = next(
        r.split("\t")
        for r in path.read_text(encoding="utf-8").splitlines()
        if r.startswith("163915\t")
    )
    raqqa = default_gazetteer().get("163915")
    assert raqqa.coords_source == "geonames"
    assert (raqqa.lat, raqqa.lon) == (round(float(row[4]), 5), round(float(row[5]), 5))


def test_countries_without_a_geonames_point_offline_say_so(gazetteer):
    assert gazetteer.get("6252001").coords_source == "natural earth"  # United States
    assert gazetteer.get("2017370").coords_source == "natural earth"  # Russia


@pytest.mark.parametrize(
    ("name", "region_id"),
    [
        ("Europe", "ne:europe"),
        ("North Africa", "ne:northern-africa"),
        ("Northern Africa", "ne:northern-africa"),
        ("Western Asia", "ne:western-asia"),
        ("Eastern Europe", "ne:eastern-europe"),
    ],
)
def test_regions_are_natural_earth_unions_not_towns(gazetteer, name, region_id):
    top = gazetteer.lookup(name)[0].place
    assert (top.id, top.kind, top.coords_source) == (region_id, "region", "natural earth")


def test_a_regions_news_form_never_takes_a_countrys_name(gazetteer):
    assert "South Africa" not in gazetteer.get("ne:southern-africa").names
    assert gazetteer.lookup("South Africa")[0].place.kind == "country"


def test_region_packs_are_configuration(tmp_path):
    from geo.regions import REGIONS_FILE, home_countries, priors

    assert home_countries() == ("SY", "IQ", "TR", "JO", "LB", "UA")
    assert priors()["SY"] == 3.0 and priors()["UA"] == 3.0
    packs = tmp_path / "regions.toml"
    text = REGIONS_FILE.read_text(encoding="utf-8")
    ukraine = text.index("[ukraine]")
    packs.write_text(
        text[:ukraine] + text[ukraine:].replace("enabled = true", "enabled = false", 1),
        encoding="utf-8",
    )
    assert home_countries(packs) == ("SY", "IQ", "TR", "JO", "LB")
    assert "UA" not in priors(packs)


def _dump_line(gid: str, name: str, lat: str = "47.1", country: str = "MD") -> str:
    """One invented place in the 19 columns of a GeoNames country dump."""
    fields = [gid, name, name, f"{name}a", lat, "28.5", "P", "PPL", country, "", "57"]
    return "\t".join([*fields, "", "", "", "1200", "", "80", "Europe/Chisinau", "2026-01-01"])


def test_a_malformed_dump_is_refused_with_its_line_and_nothing_is_built(tmp_path, capsys):
    from geo.cli import main

    dump = tmp_path / "MD.txt"
    good = _dump_line("99000001", "Zorvatica")
    dump.write_text(f"{good}\n{good}\n{_dump_line('99000002', 'Valea', lat='147.2')}\n")
    out = tmp_path / "gazetteer"
    assert main(["gazetteer", "add", str(dump), "--out", str(out)]) == 2
    assert f"{dump}:3: latitude 147.2 is out of range" in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("line", "fault"),
    [
        ("99000001\tZorvatica\tZorvatica", "expected 19 (or 31) tab-separated columns, found 3"),
        (_dump_line("x1", "Zorvatica"), "geonameid 'x1' is not a number"),
        (_dump_line("99000001", "Zorvatica", country="md"), "country code 'md'"),
    ],
)
def test_read_dump_names_the_fault(tmp_path, line, fault):
    from geo.geonames_dump import BadDump, read_dump

    dump = tmp_path / "MD.txt"
    dump.write_text(_dump_line("99000003", "Ostrova") + "\n" + line + "\n")
    with pytest.raises(BadDump, match=re.escape(f"{dump}:2: {fault}")):
        read_dump(dump)


def test_a_dump_in_a_zip_reads_like_the_text(tmp_path):
    from geo.geonames_dump import read_dump

    text = tmp_path / "MD.txt"
    text.write_text(_dump_line("99000001", "Zorvatica") + "\n")
    archive = tmp_path / "MD.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(text, "MD.txt")
        z.writestr("readme.txt", "about the dump")
    assert read_dump(archive) == read_dump(text)


ADDED = Path(__file__).parent / "fixtures" / "gazetteer_add"


@pytest.fixture(scope="module")
def working_copy(tmp_path_factory):
    """A copy of the shipped gazetteer and boundaries, with the Moldovan fixture dump
    (MD.txt: two raions and three villages, written by hand in GeoNames' 19 columns; Orhei
    with the GeoNames id of the shipped first-level unit, the rest invented) and its
    raion polygons (MD_adm1.geojson, geoBoundaries' properties) added by the command line."""
    import shutil

    from geo.boundaries import DATA_DIR as BOUNDARIES_DIR
    from geo.cli import main

    root = tmp_path_factory.mktemp("working")
    shutil.copytree(DATA_DIR, root / "gazetteer")
    shutil.copytree(BOUNDARIES_DIR, root / "boundaries")
    arguments = ["--out", str(root / "gazetteer"), "--boundaries", str(root / "boundaries")]
    added = ["gazetteer", "add", str(ADDED / "MD.txt"), "--admin1", str(ADDED / "MD_adm1.geojson")]
    assert main([*added, *arguments]) == 0
    return root


def _lookup(capsys, name: str, data: Path) -> list[dict]:
    from geo.cli import main

    capsys.readouterr()
    assert main(["lookup", name, "--data", str(data), "--limit", "1"]) == 0
    return json.loads(capsys.readouterr().out)


def test_an_added_dump_becomes_searchable(working_copy, capsys):
    found = _lookup(capsys, "Peresecina", working_copy / "gazetteer")
    assert (found[0]["id"], found[0]["country"], found[0]["reason"]) == (
        "99100004",
        "MD",
        "exact name",
    )
    assert _lookup(capsys, "Ivanča", working_copy / "gazetteer")[0]["id"] == "99100003"
    assert sorted(p.name for p in working_copy.iterdir()) == [
        "boundaries",
        "gazetteer",
    ]  # no staging


def test_added_polygons_give_first_level_units_and_are_drawn(working_copy, capsys):
    import geopandas as gpd

    # Mîndrești's row has no admin1 code: its raion comes from the polygon around it
    assert (
        _lookup(capsys, "Mindresti", working_copy / "gazetteer")[0]["admin1"] == "Raionul Telenești"
    )
    units = gpd.read_file(working_copy / "boundaries" / "governorates.geojson")
    added = units[units["country"] == "MD"].sort_values("id")
    # Orhei's row carries the GeoNames id of the shipped first-level unit: one entry, merged
    assert list(zip(added["id"], added["name"], strict=True)) == [
        ("617639", "Orhei"),
        ("99100002", "Raionul Telenești"),
    ]
    assert (
        len(units)
        == len(gpd.read_file(Path(DATA_DIR).parent / "boundaries" / "governorates.geojson")) + 2
    )


def test_what_was_added_is_remembered_for_rebuilds(working_copy):
    from geo.geonames_dump import read_additions, read_dump

    gazetteer_dir = working_copy / "gazetteer"
    (addition,) = read_additions(gazetteer_dir)
    assert (addition.given_as, addition.places) == ("MD.txt", 5)
    assert read_dump(gazetteer_dir / addition.dump) == read_dump(ADDED / "MD.txt")
    assert (gazetteer_dir / addition.admin1).read_bytes() == (
        ADDED / "MD_adm1.geojson"
    ).read_bytes()


@pytest.mark.parametrize(
    ("polygon", "fault"),
    [
        ({"properties": {"shapeISO": "MD-OR"}}, "feature 2: no name property"),
        (
            {
                "properties": {"name": "Orhei"},
                "geometry": {"type": "Point", "coordinates": [28, 47]},
            },
            "feature 2 (Orhei): geometry 'Point' is not a polygon",
        ),
        (
            {
                "properties": {"name": "Orhei"},
                "geometry": {
                    "type": "Polygon",
                    "coordinates": [[[280, 47], [281, 47], [281, 48], [280, 47]]],
                },
            },
            "feature 2 (Orhei): coordinates are not longitude/latitude",
        ),
    ],
)
def test_bad_polygons_are_refused_by_feature_and_change_nothing(tmp_path, capsys, polygon, fault):
    from geo.cli import main

    good = json.loads((ADDED / "MD_adm1.geojson").read_text(encoding="utf-8"))["features"][0]
    polygons = tmp_path / "bad.geojson"
    feature = {"type": "Feature", "geometry": good["geometry"], **polygon}
    polygons.write_text(json.dumps({"type": "FeatureCollection", "features": [good, feature]}))
    out = tmp_path / "gazetteer"
    command = [
        "gazetteer",
        "add",
        str(ADDED / "MD.txt"),
        "--admin1",
        str(polygons),
        "--out",
        str(out),
    ]
    assert main(command) == 2
    assert f"{polygons}: {fault}" in capsys.readouterr().err
    assert not out.exists()


def test_a_malformed_dump_leaves_the_working_gazetteer_as_it_was(working_copy, tmp_path, capsys):
    from geo.cli import main

    gazetteer_dir = working_copy / "gazetteer"
    before = {p.name: p.read_bytes() for p in gazetteer_dir.iterdir() if p.is_file()}
    dump = tmp_path / "MD2.txt"
    good = _dump_line("99000001", "Zorvatica")
    dump.write_text(f"{good}\n{good[: good.index(chr(9) + 'P' + chr(9))]}\n")
    assert main(["gazetteer", "add", str(dump), "--out", str(gazetteer_dir)]) == 2
    assert (
        f"{dump}:2: expected 19 (or 31) tab-separated columns, found 6" in capsys.readouterr().err
    )
    assert {p.name: p.read_bytes() for p in gazetteer_dir.iterdir() if p.is_file()} == before
    assert _lookup(capsys, "Peresecina", gazetteer_dir)[0]["id"] == "99100004"
