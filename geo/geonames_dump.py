"""Read a GeoNames country dump, line by line, refusing a bad file at the line at fault.

A dump is GeoNames' per-country export (``XX.zip`` holding ``XX.txt``, or ``XX.txt`` itself):
one place a line, 19 tab-separated columns, no header.  The staged Who's On First files
(``wof_places_XX.tsv``, one header row, 31 columns) are a superset and read as well.  Checked
here, before any build starts, so that ``python -m geo gazetteer add`` never builds from a
file it would half-read.  Admin polygons given with a dump (GeoJSON) are checked here too, and
what was added is recorded (``added.toml``) for later rebuilds.
"""

from __future__ import annotations

import gzip
import io
import json
import tomllib
import zipfile
from dataclasses import dataclass
from pathlib import Path

from shapely.geometry import shape

from geo.names import normalise

COLUMNS = (19, 31)
_HEADER = "geonameid\t"


class BadDump(ValueError):
    """A dump that cannot be read; the message names the file and line."""


def read_dump(path: Path) -> list[list[str]]:
    """The rows of a dump (every column kept), after checking each line."""
    raw = _dump_bytes(path)
    rows = []
    for number, line in enumerate(raw.split(b"\n"), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            text = line.decode("utf-8").rstrip("\r")
        except UnicodeDecodeError as exc:
            raise BadDump(f"{where}: not UTF-8 ({exc.reason} at byte {exc.start})") from None
        if number == 1 and text.startswith(_HEADER):
            continue
        rows.append(_checked(text.split("\t"), where))
    if not rows:
        raise BadDump(f"{path}: no places")
    return rows


def _dump_bytes(path: Path) -> bytes:
    """The text of ``XX.txt`` inside a zip (GeoNames puts a readme beside it), of a gzip file
    (as ``gazetteer add`` keeps a dump), else the file."""
    if path.suffix == ".gz":
        return gzip.decompress(path.read_bytes())
    if not zipfile.is_zipfile(path):
        return path.read_bytes()
    with zipfile.ZipFile(path) as archive:
        names = [n for n in archive.namelist() if n.endswith(".txt") and "readme" not in n.lower()]
        if len(names) != 1:
            raise BadDump(f"{path}: expected one country .txt in the zip, found {names}")
        with archive.open(names[0]) as member:
            return io.BufferedReader(member).read()


def _checked(fields: list[str], where: str) -> list[str]:
    """The fields of one line, or BadDump saying what is wrong with it."""
    if len(fields) not in COLUMNS:
        raise BadDump(f"{where}: expected 19 (or 31) tab-separated columns, found {len(fields)}")
    gid, name, lat, lon, code, country, population = (fields[i] for i in (0, 1, 4, 5, 7, 8, 14))
    if (gid or len(fields) == 19) and not gid.isdigit():  # WOF rows may lack one (31 columns)
        raise BadDump(f"{where}: geonameid {gid!r} is not a number")
    if not name.strip():
        raise BadDump(f"{where}: the name column is empty")
    for label, value, limit in (("latitude", lat, 90.0), ("longitude", lon, 180.0)):
        try:
            number = float(value)
        except ValueError:
            raise BadDump(f"{where}: {label} {value!r} is not a number") from None
        if not -limit <= number <= limit:
            raise BadDump(f"{where}: {label} {value} is out of range")
    if not (len(country) == 2 and country.isalpha() and country.isupper()):
        raise BadDump(f"{where}: country code {country!r} is not two capital letters")
    if not code:
        raise BadDump(f"{where}: the feature code column is empty")
    try:
        float(population or 0)
    except ValueError:
        raise BadDump(f"{where}: population {population!r} is not a number") from None
    return fields


#: Properties that name an admin unit in the GeoJSON files users download: geoBoundaries
#: (``shapeName``), GADM (``NAME_1``/``NAME_2``), Who's On First (``wof:name``), plain ``name``.
_NAME_PROPERTIES = ("name", "shapeName", "NAME_1", "NAME_2", "wof:name", "NAME")
_POLYGON_TYPES = ("Polygon", "MultiPolygon")


@dataclass(frozen=True)
class Unit:
    """One admin polygon of a GeoJSON file: its name as the file gives it and its geometry."""

    name: str
    geometry: dict


def read_units(path: Path) -> list[Unit]:
    """The polygons of an admin-unit GeoJSON FeatureCollection, each checked: a named
    Polygon or MultiPolygon that shapely reads as a valid area.  A fault names the feature
    (1-based, in file order) and what is wrong with it."""
    try:
        collection = json.loads(path.read_bytes())
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadDump(f"{path}: not GeoJSON ({exc})") from None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list) or not features:
        raise BadDump(f"{path}: not a GeoJSON FeatureCollection with features")
    units = []
    for number, feature in enumerate(features, start=1):
        where = f"{path}: feature {number}"
        properties = (feature or {}).get("properties") or {}
        name = next((str(properties[p]).strip() for p in _NAME_PROPERTIES if properties.get(p)), "")
        if not name:
            raise BadDump(f"{where}: no name property (one of {', '.join(_NAME_PROPERTIES)})")
        geometry = feature.get("geometry") or {}
        if geometry.get("type") not in _POLYGON_TYPES:
            raise BadDump(f"{where} ({name}): geometry {geometry.get('type')!r} is not a polygon")
        try:
            area = shape(geometry)
        except (ValueError, TypeError, AttributeError, IndexError) as exc:
            raise BadDump(f"{where} ({name}): unreadable coordinates ({exc})") from None
        west, south, east, north = area.bounds if not area.is_empty else (0, 0, 999, 999)
        if area.is_empty or not (-180 <= west <= east <= 180 and -90 <= south <= north <= 90):
            raise BadDump(f"{where} ({name}): coordinates are not longitude/latitude")
        units.append(Unit(name, geometry))
    return units


def unit_rows(units: list[Unit], rows: list[list[str]], feature_code: str, where: Path) -> list:
    """The dump row of each polygon: the row of ``feature_code`` ("ADM1") one of whose
    names (name, ASCII name, alternate names) is the polygon's, up to normalisation; a
    polygon no row names is a fault, named by its feature number."""
    by_name = {}
    for r in rows:
        if r[7] == feature_code:
            for name in (r[1], r[2], *r[3].split(",")):
                by_name.setdefault(normalise(name), r)
    found = []
    for number, unit in enumerate(units, start=1):
        row = by_name.get(normalise(unit.name))
        if row is None:
            raise BadDump(
                f"{where}: feature {number} ({unit.name}): no {feature_code} row of that name"
            )
        found.append(row)
    return found


#: The record of what ``gazetteer add`` added, kept in the gazetteer folder with the added
#: files themselves (``added/``), so that a full rebuild from the sources keeps them.
ADDED_FILE = "added.toml"


@dataclass(frozen=True)
class Addition:
    """A country dump added to the gazetteer, and the admin polygons given with it, as
    paths relative to the gazetteer folder."""

    dump: str
    given_as: str
    places: int
    admin1: str = ""
    admin2: str = ""


def read_additions(directory: Path) -> list[Addition]:
    """The additions recorded in ``directory`` (none when it has no record)."""
    path = directory / ADDED_FILE
    if not path.exists():
        return []
    return [Addition(**entry) for entry in tomllib.loads(path.read_text("utf-8"))["added"]]


def write_additions(directory: Path, additions: list[Addition]) -> None:
    """Write the record of ``additions`` (TOML, one ``[[added]]`` table each)."""
    lines = [
        "# Written by `python -m geo gazetteer add`; read by scripts/build_gazetteer.py and",
        "# scripts/build_boundaries.py, which rebuild with these files too.",
        "",
    ]
    for a in additions:
        lines.append("[[added]]")
        lines += [f"{k} = {json.dumps(v)}" for k, v in vars(a).items() if v != ""]
        lines.append("")
    (directory / ADDED_FILE).write_text("\n".join(lines), encoding="utf-8")
