"""Build the compact gazetteer in data/gazetteer/ from the staged open data in ../shared/data.

    python scripts/build_gazetteer.py [--source ../shared/data] [--out data/gazetteer]
                                      [--add XX.zip ...]   # GeoNames country dumps to add
    python scripts/build_gazetteer.py --base data/gazetteer --out DIR --add XX.zip
                                      [--admin1 XX_adm1.geojson] [--admin2 XX_adm2.geojson]

The second form (``python -m geo gazetteer add``) needs no staged sources: it reads an existing
compact gazetteer back and adds the dump to it.  Either form keeps what was added before: the
dumps and polygons recorded in the gazetteer folder's added.toml (with the files in added/) are
built in again, so a rebuild from the sources does not lose them.

Inputs (documented in ../shared/data/SOURCES.md): Who's On First places of the countries of the
enabled region packs of data/regions.toml (with GeoNames ids; SY IQ TR JO LB and UA), renamed
and given the other spellings of each pack's name table (data/words/names_*.tsv), GeoNames
cities15000 (world), admin1CodesASCII, countryInfo, the Natural Earth 50m country polygons
(for country positions and English name forms) and the Natural Earth 10m rivers of the
region; the first-level units of other countries come from admin1CodesASCII.  One hand-typed
table, scripts/english_country_forms.tsv, adds the English country forms and adjectives news
reports use.

Outputs, read by geo/gazetteer.py:
  places.tsv.gz      one row per place: id, geonameid, name, kind, feature_code, country,
                     admin1, lat, lon, population, names ("|"-separated, the name first)
  index.tsv.gz       normalised key, comma-separated place ids (keys of the Latin-script names)
  variants.tsv.gz    variant key, comma-separated normalised keys that share it
  adjectives.tsv     normalised adjective, adjective, country code, country place id
Keys are computed here with geo.names so that loading the gazetteer needs no text processing.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import statistics
import sys
import unicodedata
import zipfile
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from shapely import STRtree
from shapely.geometry import Point, shape
from shapely.ops import unary_union

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo.gazetteer import Gazetteer, Place  # noqa: E402
from geo.geonames_dump import (  # noqa: E402
    Addition,
    read_additions,
    read_dump,
    read_units,
    unit_rows,
    write_additions,
)
from geo.names import normalise, skeleton  # noqa: E402
from geo.regions import Pack, home_countries, name_table, packs  # noqa: E402

#: The countries of the enabled region packs of data/regions.toml: built from Who's On First.
WOF_COUNTRIES = home_countries()
#: WOF id -> the GeoNames id its record should carry (the packs' ``geonameid_fixes``).
GEONAMEID_FIXES = {wof: gid for pack in packs() for wof, gid in pack.geonameid_fixes.items()}
FORMS_TABLE = Path(__file__).with_name("english_country_forms.tsv")

#: Rivers that Natural Earth cuts into pieces named in the language of each country they cross.
#: The English piece gives the entry its id and name; the others become alternate names.
RIVER_PIECES = {"Euphrates": ("Firat", "Al Furat"), "Tigris": ("Dicle",)}

#: WOF region records that are not administrative units (SOURCES.md): kept, as zones.
NOT_ADMIN_UNITS = frozenset({"85681385"})  # United Nations Disengagement Observer Force zone

#: GeoNames codes of places that no longer exist: abandoned, historical, destroyed-then-removed.
DROPPED_CODES = frozenset({"PPLQ", "PPLH", "ADM1H", "ADM2H", "ADM3H", "ADMDH", "PCLH"})


def with_names(place: Place, names: Iterable[str]) -> Place:
    """``place`` with ``names`` appended to its names: whitespace collapsed, duplicates skipped."""
    merged = dict.fromkeys(place.names)
    for raw in names:
        if name := " ".join(raw.replace("|", " ").split()):
            merged.setdefault(name)
    return replace(place, names=tuple(merged))


def kind_of(feature_code: str) -> str:
    """The gazetteer kind of a GeoNames feature code."""
    if feature_code.startswith("PCL") or feature_code == "TERR":
        return "country"
    if feature_code == "PPLX":
        return "neighbourhood"
    if feature_code.startswith("PPL"):
        return "populated place"
    return {"ADM1": "governorate", "ADM2": "district", "ADM3": "subdistrict", "STM": "river"}.get(
        feature_code, "other"
    )


def read_tsv(path: Path | io.TextIOBase, header: bool) -> Iterator[list[str]]:
    handle = path.open(encoding="utf-8", newline="") if isinstance(path, Path) else path
    with handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        if header:
            next(reader)
        yield from reader


def read_admin1(path: Path) -> dict[str, tuple[str, int]]:
    """``"SY.07"`` -> (governorate name, GeoNames id)."""
    return {code: (name, int(gid)) for code, name, _ascii, gid in read_tsv(path, header=False)}


def read_cities(path: Path) -> dict[int, list[str]]:
    """GeoNames cities15000 rows (19 columns) by GeoNames id."""
    with zipfile.ZipFile(path) as archive, archive.open("cities15000.txt") as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline="")
        return {int(r[0]): r for r in read_tsv(text, header=False)}


def geonames_row(r: list[str], admin1: dict[str, tuple[str, int]]) -> Place:
    """A place from the first 19 (GeoNames) columns of a WOF or cities15000 row."""
    gid = int(r[0]) if r[0] else None
    code, country = r[7], r[8]
    place = Place(
        id=str(gid) if gid else "",
        geonameid=gid,
        name=r[1],
        kind=kind_of(code),
        feature_code=code,
        country=country,
        admin1=admin1.get(f"{country}.{r[10]}", ("", 0))[0],
        lat=round(float(r[4]), 5),
        lon=round(float(r[5]), 5),
        population=int(float(r[14] or 0)),
        names=(),
        coords_source="geonames",
    )
    return with_names(place, [r[1], r[2], *(n for n in r[3].split(",") if not is_code(n))])


def is_code(name: str) -> bool:
    """Airport and other codes GeoNames lists as alternate names ("HEL", "DEZ"): not names."""
    return name.isascii() and name.isalpha() and name.isupper() and len(name) <= 4


def is_current(r: list[str]) -> bool:
    """WOF rows to keep (SOURCES.md): not deprecated, not superseded, not marked not-current."""
    return r[27] != "0" and not r[28] and not r[29] and r[7] not in DROPPED_CODES


def wof_rows(
    source: Path, admin1: dict[str, tuple[str, int]], cities: dict[int, list[str]]
) -> Iterator[Place]:
    """Current WOF places of the five countries; cities15000 values win for shared GeoNames ids.

    cities15000 is the 2025 GeoNames export, newer than the 2018 GeoNames values in WOF, so its
    name, position, population and feature code are used and both name lists are merged.
    """
    admin1_by_id = {gid: name for name, gid in admin1.values()}
    for cc in WOF_COUNTRIES:
        for r in read_tsv(source / "gazetteer" / f"wof_places_{cc}.tsv", header=True):
            if not is_current(r):
                continue
            if r[19] in GEONAMEID_FIXES:
                r[0] = str(GEONAMEID_FIXES[r[19]])
            place = geonames_row(r, admin1)
            wof = replace(
                place,
                id=place.id or f"wof:{r[19]}",
                admin1=place.admin1 or r[23],
                coords_source="wof",
            )
            if place.geonameid in cities:
                fresh = geonames_row(cities[place.geonameid], admin1)
                place = with_names(replace(fresh, admin1=fresh.admin1 or wof.admin1), wof.names)
            else:
                place = wof
            if r[19] in NOT_ADMIN_UNITS:
                place = replace(place, kind="other", feature_code="ZN")
            elif place.kind == "country":
                place = replace(place, admin1="")
            elif place.kind == "governorate":
                # GeoNames admin1 names ("Deir ez-Zor") read better than WOF's ("Dayr az Zawr").
                name = admin1_by_id.get(place.geonameid, place.name)
                place = with_names(replace(place, name=name, admin1=name), [name])
            yield place


TOWN_KINDS = frozenset({"populated place", "neighbourhood"})


def drop_borrowed_names(places: Iterable[Place], cities: dict[int, list[str]]) -> list[Place]:
    """Places of the WOF countries without the alternate names that belong to another place.

    WOF merges names from many sources, and some are another town's: its Afrin rows carry
    "Kobanî", the Kurdish name of Kobani (GeoNames' ‘Ayn al ‘Arab), so a bare "Kobani" had two
    equal readings.  A name that GeoNames lists for a town is that town's own; another town
    of the same country keeps it only as its main name or if GeoNames lists it there too.
    Districts and governorates keep the names of the towns they are named after.
    """
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    for gid, r in cities.items():
        if r[8] in WOF_COUNTRIES:
            for name in filter(None, (r[1], r[2], *r[3].split(","))):
                owners[(r[8], normalise(name))].add(str(gid))
    kept = []
    for place in places:
        if place.country in WOF_COUNTRIES and place.kind in TOWN_KINDS:
            own = normalise(place.name)
            names = [
                n
                for n in place.names
                if (key := normalise(n)) == own
                or place.id in owners.get((place.country, key), {place.id})
            ]
            place = replace(place, names=tuple(names))
        kept.append(place)
    return kept


def current_names(places: list[Place], pack: Pack) -> list[Place]:
    """Places of a pack under the names its name table and ``display_drop`` give.

    The table's name replaces the source's ("Artemivs'k" -> "Bakhmut") and its spellings are
    added; a renamed first-level unit is renamed in every place's ``admin1`` as well.  The
    ``display_drop`` characters then leave the shown names (the source's names stay listed).
    A table id the gazetteer lacks is an error: the table would silently stop applying.
    """
    table = name_table(pack)
    missing = sorted(set(table) - {p.id for p in places})
    if missing:
        raise SystemExit(f"{pack.names}: ids not in the gazetteer: {', '.join(missing)}")
    drop = str.maketrans("", "", pack.display_drop)
    renamed_admin1 = {
        (p.country, p.admin1): table[p.id][0]
        for p in places
        if p.id in table and p.kind == "governorate"
    }
    out = []
    for place in places:
        if place.country in pack.countries:
            name, others = table.get(place.id, (place.name, ()))
            admin1 = renamed_admin1.get((place.country, place.admin1), place.admin1)
            shown = name.translate(drop)
            renamed = replace(place, name=shown, admin1=admin1.translate(drop), names=(shown,))
            place = with_names(renamed, [*place.names, *others])
        out.append(place)
    return out


def admin1_from_polygons(places: list[Place], source: Path) -> list[Place]:
    """Places whose ``admin1`` names no first-level unit of their country, given the unit
    whose polygon (the region packs' ``adm1`` files) contains their point.

    The sources give some places a unit that is not one: WOF rows of Kyiv Oblast carry
    GeoNames' "Kyiv City" (SOURCES.md), others WOF's spelling of the unit or nothing.  The
    polygon is what geo.boundaries groups them by, so the shown name agrees with the map.
    """
    units = {p.id: p for p in places if p.kind == "governorate"}
    known = {(p.country, p.admin1) for p in units.values()}
    polygons, owners = [], []
    for pack in packs():
        for name in pack.adm1:
            with (source / "boundaries" / name).open(encoding="utf-8") as f:
                features = json.load(f)["features"]
            for feature in features:
                props = feature["properties"]
                gid = pack.geonameid_fixes.get(str(props["wof_id"]), props["geonameid"])
                unit = units.get(str(int(gid)) if gid else f"wof:{props['wof_id']}")
                if unit is not None:
                    polygons.append(shape(feature["geometry"]))
                    owners.append(unit)
    tree = STRtree(polygons)
    out = []
    for place in places:
        if place.kind in TOWN_KINDS | {"district", "subdistrict", "other"} and (
            (place.country, place.admin1) not in known
        ):
            inside = [owners[i] for i in tree.query(Point(place.lon, place.lat), "within")]
            unit = next((u for u in inside if u.country == place.country), None)
            if unit is not None:
                place = replace(place, admin1=unit.admin1)
        out.append(place)
    return out


def ne_countries(source: Path) -> dict[str, dict]:
    """Natural Earth 50m features by ISO alpha-3 code."""
    with (source / "boundaries" / "ne_50m_admin_0_countries.geojson").open(encoding="utf-8") as f:
        features = json.load(f)["features"]
    out = {}
    for feature in features:
        props = feature["properties"]
        for code in (props["ADM0_A3"], props["ISO_A3"]):
            out.setdefault(code, feature)
    return out


def country_rows(
    source: Path, cities: dict[int, list[str]], wof_names: dict[int, tuple[str, ...]]
) -> Iterator[Place]:
    """Every country of countryInfo.txt, placed at a point inside its largest Natural Earth part.

    Countries missing from Natural Earth 50m are placed at their capital (cities15000 PPLC);
    those with neither are skipped and counted in the build summary.
    """
    ne = ne_countries(source)
    capitals = {r[8]: r for r in cities.values() if r[7] == "PPLC"}
    for r in read_tsv(source / "gazetteer" / "countryInfo.txt", header=False):
        if not r or r[0].startswith("#"):
            continue
        iso2, iso3, name, population, gid = r[0], r[1], r[4], int(r[7] or 0), int(r[16])
        feature = ne.get(iso3)
        if feature is not None:
            point = largest_part(shape(feature["geometry"])).representative_point()
            lat, lon, source = point.y, point.x, "natural earth"
        elif iso2 in capitals:
            lat, lon = float(capitals[iso2][4]), float(capitals[iso2][5])
            source = "capital"
        else:
            continue
        names = [name]
        if feature is not None:
            props = feature["properties"]
            fields = ("NAME", "NAME_LONG", "ADMIN", "BRK_NAME", "FORMAL_EN", "ABBREV", "NAME_ALT")
            names += [props[k] for k in fields if props.get(k)]
        place = Place(
            str(gid),
            gid,
            name,
            "country",
            "PCLI",
            iso2,
            "",
            round(lat, 5),
            round(lon, 5),
            population,
            (),
            source,
        )
        yield with_names(place, [*names, *wof_names.get(gid, ())])


#: Natural Earth's geography attributes whose values news names as regions, and the GeoNames
#: feature code given to each ("Europe": CONT, continent; "Northern Africa": RGN, region).
REGION_ATTRIBUTES = {"CONTINENT": "CONT", "SUBREGION": "RGN"}
#: Values that are not regions a report names.
NOT_REGIONS = frozenset({"Seven seas (open ocean)"})
#: How news shortens Natural Earth's subregion names: "Northern Africa" -> "North Africa".
NEWS_FORMS = (
    ("Northern ", "North "),
    ("Southern ", "South "),
    ("Eastern ", "East "),
    ("Western ", "West "),
    ("South-Eastern ", "Southeast "),
)


def region_rows(source: Path, country_names: set[str]) -> Iterator[Place]:
    """Continents and world regions as unions of their Natural Earth countries.

    Each entry stands at the median latitude and longitude of its countries' points (each a
    point inside the country's largest part, as for the country entries): a point inside the
    union would put Europe in Siberia.  It carries the news form of its name ("North Africa")
    unless that form names a country ("South Africa") or another region ("North America");
    a subregion named like its continent ("South America") is the continent.  Population:
    the sum of the countries' ``POP_EST``.
    """
    unique = {id(f): f for f in ne_countries(source).values()}.values()  # keyed twice
    groups: dict[str, tuple[str, list[dict]]] = {}
    for attribute, code in REGION_ATTRIBUTES.items():
        for feature in unique:
            value = feature["properties"][attribute]
            if value not in NOT_REGIONS:
                groups.setdefault(value, (code, []))[1].append(feature)
    taken = country_names | set(groups)
    for name, (code, members) in sorted(groups.items()):
        points = [largest_part(shape(f["geometry"])).representative_point() for f in members]
        lat = statistics.median(p.y for p in points)
        lon = statistics.median(p.x for p in points)
        population = sum(int(float(f["properties"]["POP_EST"] or 0)) for f in members)
        place = Place(
            f"ne:{name.lower().replace(' ', '-')}",
            None,
            name,
            "region",
            code,
            "",
            "",
            round(lat, 5),
            round(lon, 5),
            population,
            (),
            "natural earth",
        )
        forms = [name.replace(long, short) for long, short in NEWS_FORMS if long in name]
        yield with_names(place, [name, *(f for f in forms if f not in taken)])


def largest_part(geometry):
    """The largest polygon of a (multi)polygon: where a country's point is put."""
    return max(getattr(geometry, "geoms", [geometry]), key=lambda g: g.area)


def world_admin1(source: Path, cities: dict[int, list[str]]) -> Iterator[Place]:
    """First-level units of the countries outside WOF (US states, England, ...): admin1Codes.

    GeoNames gives no position for them here, so each is placed at the median latitude and
    longitude of its cities15000 towns (an approximation, good to a few tens of kilometres for
    most units); units without such a town are left out.
    """
    towns: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for r in cities.values():
        towns[f"{r[8]}.{r[10]}"].append((float(r[4]), float(r[5])))
    for code, name, ascii_name, gid in read_tsv(
        source / "gazetteer" / "admin1CodesASCII.txt", header=False
    ):
        if code in towns and code[:2] not in WOF_COUNTRIES:
            lat, lon = (statistics.median(axis) for axis in zip(*towns[code], strict=True))
            name = name or ascii_name  # "MC.00" has only its ASCII name
            place = Place(
                gid,
                int(gid),
                name,
                "governorate",
                "ADM1",
                code.split(".")[0],
                name,
                round(lat, 5),
                round(lon, 5),
                0,
                (),
                "towns",
            )
            yield with_names(place, [name, ascii_name])


def read_forms() -> list[tuple[str, str, str]]:
    """(country code, name | adjective, form) rows of the hand-typed table."""
    lines = FORMS_TABLE.read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t")) for line in lines if line and not line.startswith("#")]


def river_rows(source: Path) -> Iterator[Place]:
    """One entry per Natural Earth river (pieces of the Euphrates and Tigris merged)."""
    path = source / "boundaries" / "ne_10m_rivers_lake_centerlines_mideast.geojson"
    with path.open(encoding="utf-8") as f:
        features = [ft for ft in json.load(f)["features"] if ft["properties"]["name"]]
    piece_of = {piece: whole for whole, pieces in RIVER_PIECES.items() for piece in pieces}
    groups: dict[str, list[dict]] = defaultdict(list)
    for feature in features:
        name = feature["properties"]["name"]
        groups[piece_of.get(name, name)].append(feature)
    for name, group in groups.items():
        own = [f for f in group if f["properties"]["name"] == name] or group
        point = unary_union([shape(f["geometry"]) for f in group]).representative_point()
        place = Place(
            f"ne:{own[0]['properties']['rivernum']}",
            None,
            name,
            "river",
            "STM",
            "",
            "",
            round(point.y, 5),
            round(point.x, 5),
            0,
            (),
            "natural earth",
        )
        names = [name, *RIVER_PIECES.get(name, ())]
        names += [f["properties"]["name_alt"] for f in group if f["properties"]["name_alt"]]
        yield with_names(place, (n for b in names for n in (b, f"{b} River", f"River {b}")))


def is_latin(name: str, script: str = "LATIN") -> bool:
    """True when every letter of ``name`` is Latin script (the names English news prints),
    or of ``script`` when given ("CYRILLIC")."""
    return all(not c.isalpha() or script in unicodedata.name(c, "") for c in name)


#: Country -> the scripts besides Latin whose names are indexed (the packs' ``scripts``).
INDEXED_SCRIPTS = {code: pack.scripts for pack in packs() for code in pack.countries}


def indexed(name: str, country: str) -> bool:
    """Whether a name of a place of ``country`` is a key of the index: Latin names, and names
    in the scripts its region pack lists."""
    return any(is_latin(name, s) for s in ("LATIN", *INDEXED_SCRIPTS.get(country, ())))


def dump_rows(path: Path, admin1: dict[str, tuple[str, int]]) -> Iterator[Place]:
    """The current places of a GeoNames country dump (19 columns) or staged WOF file (31).

    A dump's own ADM1 rows name the first-level units of codes ``admin1`` lacks: a user's
    dump builds without the staged admin1CodesASCII."""
    rows = [
        r for r in read_dump(path) if r[7] not in DROPPED_CODES and (len(r) == 19 or is_current(r))
    ]
    own = {f"{r[8]}.{r[10]}": (r[1], int(r[0])) for r in rows if r[7] == "ADM1" and r[0]}
    codes = {**own, **admin1}
    for r in rows:
        place = geonames_row(r, codes)
        yield replace(place, id=place.id or f"wof:{r[19]}")


def admin1_from_added_polygons(places: list[Place], polygons: Path, dump: Path) -> list[Place]:
    """The places of a dump's country given the first-level unit whose polygon (a GeoJSON
    file added with the dump) contains their point; each polygon is the unit of the dump's
    ADM1 row with its name (``geo.geonames_dump.unit_rows``)."""
    rows = read_dump(dump)
    units = read_units(polygons)
    by_id = {p.id: p for p in places}
    owners = [by_id[r[0] or f"wof:{r[19]}"] for r in unit_rows(units, rows, "ADM1", polygons)]
    tree = STRtree([shape(u.geometry) for u in units])
    country = rows[0][8]
    out = []
    for place in places:
        if place.country == country and place.kind != "governorate":
            inside = [owners[i] for i in tree.query(Point(place.lon, place.lat), "within")]
            if inside:
                place = replace(place, admin1=inside[0].name)
        out.append(place)
    return out


def base_rows(directory: Path) -> tuple[list[Place], list[tuple[str, str, str, str]]]:
    """The places and adjectives of a built compact gazetteer, as ``build`` returns them:
    written again unchanged they give the same files."""
    gazetteer = Gazetteer.load(directory)
    lines = (directory / "adjectives.tsv").read_text(encoding="utf-8").splitlines()[1:]
    adjectives = [tuple(line.split("\t")) for line in lines]
    return [gazetteer.get(pid) for pid in gazetteer.ids()], adjectives  # type: ignore[misc]


def with_dumps(rows: list[Place], additions: list[Addition], directory: Path) -> list[Place]:
    """``rows`` with the places of the added dumps (files relative to ``directory``): a
    place already known keeps its entry and gains the dump's names."""
    by_id = {p.id: p for p in rows}
    for addition in additions:
        added = list(dump_rows(directory / addition.dump, {}))
        for place in added:
            known = by_id.get(place.id)
            by_id[place.id] = with_names(known, place.names) if known else place
    places = list(by_id.values())
    for addition in additions:
        if addition.admin1:
            dump = directory / addition.dump
            places = admin1_from_added_polygons(places, directory / addition.admin1, dump)
    return places


def record_additions(
    previous: Path, out: Path, dumps: list[Path], admin1: Path | None, admin2: Path | None
) -> list[Addition]:
    """Copy the additions recorded in ``previous`` into ``out`` and add ``dumps`` (stored
    gzipped as added/<name>.txt.gz) with the polygons given for one; returns the record."""
    import shutil

    additions = read_additions(previous)
    if not additions and not dumps:
        return []
    (out / "added").mkdir(parents=True, exist_ok=True)
    if previous.resolve() != out.resolve():
        for a in additions:
            for name in filter(None, (a.dump, a.admin1, a.admin2)):
                shutil.copyfile(previous / name, out / name)
    for dump in dumps:
        stem = dump.name.split(".")[0]
        rows = read_dump(dump)
        entry = Addition(f"added/{stem}.txt.gz", dump.name, len(rows))
        with gzip_text(out / entry.dump) as f:
            f.writelines("\t".join(r) + "\n" for r in rows)
        for level, polygons in (("admin1", admin1), ("admin2", admin2)):
            if polygons is not None:
                read_units(polygons)  # checked before it is kept
                name = f"added/{stem}_{level}.geojson"
                shutil.copyfile(polygons, out / name)
                entry = replace(entry, **{level: name})
        additions = [a for a in additions if a.dump != entry.dump] + [entry]
    write_additions(out, additions)
    return additions


def build(
    source: Path, dumps: Iterable[Path] = ()
) -> tuple[list[Place], list[tuple[str, str, str, str]]]:
    """All places, and the adjective table, merged and de-duplicated by id; ``dumps`` are
    GeoNames country dumps added to the staged sources (``python -m geo gazetteer add``)."""
    admin1 = read_admin1(source / "gazetteer" / "admin1CodesASCII.txt")
    cities = read_cities(source / "gazetteer" / "cities15000.zip")
    by_id: dict[str, Place] = {}
    wof_country_names: dict[int, tuple[str, ...]] = {}
    for place in wof_rows(source, admin1, cities):
        if place.kind == "country":
            wof_country_names[place.geonameid] = place.names
        elif place.id in by_id:
            by_id[place.id] = with_names(by_id[place.id], place.names)
        else:
            by_id[place.id] = place
    for place in (p for path in dumps for p in dump_rows(path, admin1)):
        known = by_id.get(place.id)
        by_id[place.id] = with_names(known, place.names) if known else place
    for gid, r in cities.items():
        if str(gid) not in by_id and r[7] not in DROPPED_CODES:
            by_id[str(gid)] = geonames_row(r, admin1)
    for place in world_admin1(source, cities):
        by_id.setdefault(place.id, place)
    countries = {p.country: p for p in country_rows(source, cities, wof_country_names)}
    adjectives = []
    for cc, kind, form in read_forms():
        if kind == "name":
            countries[cc] = with_names(countries[cc], [form])
        else:
            adjectives.append((normalise(form), form, cc, countries[cc].id))
    places = drop_borrowed_names(by_id.values(), cities)
    for pack in packs():
        places = current_names(places, pack)
    places = admin1_from_polygons(places, source)
    country_names = {name for country in countries.values() for name in country.names}
    regions = region_rows(source, country_names)
    return [*countries.values(), *regions, *river_rows(source), *places], adjectives


def gzip_text(path: Path) -> io.TextIOWrapper:
    """A UTF-8 text writer into a gzip file with no timestamp, so rebuilds are byte-identical."""
    raw = gzip.GzipFile(path, mode="wb", compresslevel=9, mtime=0)
    return io.TextIOWrapper(raw, encoding="utf-8", newline="\n")


def write(rows: list[Place], adjectives: list[tuple[str, str, str, str]], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    # key and importance: the own name's normalised key and Place.importance, which a lookup
    # ranks every candidate by; stored so that it need not normalise and weigh each one.
    columns = [
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
        "names",
        "coords_source",
        "key",
        "importance",
    ]
    index: dict[str, set[str]] = defaultdict(set)
    with gzip_text(out / "places.tsv.gz") as f:
        f.write("\t".join(columns) + "\n")
        for r in rows:
            values = [
                r.id,
                r.geonameid or "",
                r.name,
                r.kind,
                r.feature_code,
                r.country,
                r.admin1,
                f"{r.lat:.5f}",
                f"{r.lon:.5f}",
                r.population,
                "|".join(r.names),
                r.coords_source,
                normalise(r.name),
                repr(r.importance),
            ]
            f.write("\t".join(str(v).replace("\t", " ") for v in values) + "\n")
            for name in r.names:
                if indexed(name, r.country) and (key := normalise(name)):
                    index[key].add(r.id)
    variants: dict[str, list[str]] = defaultdict(list)
    with gzip_text(out / "index.tsv.gz") as f:
        for key in sorted(index):
            f.write(f"{key}\t{','.join(sorted(index[key]))}\n")
            variants[skeleton(key)].append(key)
    with gzip_text(out / "variants.tsv.gz") as f:
        f.writelines(f"{v}\t{','.join(keys)}\n" for v, keys in sorted(variants.items()))
    with (out / "adjectives.tsv").open("w", encoding="utf-8") as f:
        f.write("key\tadjective\tcountry\tplace_id\n")
        f.writelines("\t".join(a) + "\n" for a in adjectives)


def source_and_out(doc: str, name: str) -> tuple[Path, Path, list[Path]] | None:
    """--source, --out and the --add dumps of a data/<name> builder; None (after saying so)
    without the sources.

    The sources are outside the repository: on a machine without them a build is a no-op.
    """
    args = arguments(doc, name)
    if not (args.source / name).is_dir():
        print(f"source data not found in {args.source}; nothing built", file=sys.stderr)
        return None
    return args.source, args.out, args.add


def arguments(doc: str, name: str) -> argparse.Namespace:
    """The command line of a data/<name> builder."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--source", type=Path, default=REPO.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=REPO / "data" / name)
    parser.add_argument("--base", type=Path, help=f"a built data/{name} folder to add to")
    parser.add_argument(
        "--add", type=Path, action="append", default=[], help="a GeoNames country dump to add"
    )
    parser.add_argument("--admin1", type=Path, help="GeoJSON polygons of the dump's ADM1 units")
    parser.add_argument("--admin2", type=Path, help="GeoJSON polygons of its ADM2 units")
    parser.add_argument("--gazetteer", type=Path, help="the gazetteer folder ids come from")
    return parser.parse_args()


def main() -> int:
    args = arguments(__doc__, "gazetteer")
    if (args.admin1 or args.admin2) and len(args.add) != 1:
        print("error: --admin1/--admin2 go with exactly one --add dump", file=sys.stderr)
        return 2
    if args.base is None and not (args.source / "gazetteer").is_dir():
        print(f"source data not found in {args.source}; nothing built", file=sys.stderr)
        return 0
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    additions = record_additions(args.base or out, out, args.add, args.admin1, args.admin2)
    if args.base is not None:  # the dumps added before are in the base already
        rows, adjectives = base_rows(args.base)
        rows = with_dumps(rows, additions[len(additions) - len(args.add) :], out)
    else:
        rows, adjectives = build(args.source, [out / a.dump for a in additions])
        for a in additions:
            if a.admin1:
                rows = admin1_from_added_polygons(rows, out / a.admin1, out / a.dump)
    write(rows, adjectives, out)
    counts: dict[str, int] = defaultdict(int)
    for r in rows:
        counts[r.kind] += 1
    print(f"{len(rows)} places", dict(sorted(counts.items())), f"{len(adjectives)} adjectives")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
