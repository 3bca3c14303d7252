"""Read a GeoNames country dump, line by line, refusing a bad file at the line at fault.

A dump is GeoNames' per-country export (``XX.zip`` holding ``XX.txt``, or ``XX.txt`` itself):
one place a line, 19 tab-separated columns, no header.  The staged Who's On First files
(``wof_places_XX.tsv``, one header row, 31 columns) are a superset and read as well.  Checked
here, before any build starts, so that ``python -m geo gazetteer add`` never builds from a
file it would half-read.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

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
    """The text of ``XX.txt`` inside a zip (GeoNames puts a readme beside it), else the file."""
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
