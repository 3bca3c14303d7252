"""The region packs of ``data/regions.toml``: which countries the gazetteer covers in detail.

The builders read it to choose the Who's On First countries, the polygons and the name tables
to build; the resolver reads it for its regional preference (spelling variants as
transliterations, towns that count without a cue).  Moving the atlas to another war is a
section in that file and a name table in data/words/, not a change of code.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the gazetteer imports this module: pandas is not loaded for it
    import pandas as pd

REGIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "regions.toml"
WORDS_DIR = REGIONS_FILE.parent / "words"


@dataclass(frozen=True)
class Pack:
    """One enabled region pack.

    ``names`` is the pack's name table in data/words/ ("" for none): current English names
    and the other spellings of its places.  ``scripts`` are the Unicode scripts besides Latin
    whose names of its places are indexed ("CYRILLIC": "Бахмут").  ``display_drop`` are
    characters left out of the names shown (the soft-sign apostrophe of older
    transliterations: "Mar'inka").
    ``geonameid_fixes`` maps a Who's On First id to the GeoNames id its record should carry,
    where the source has another place's.  ``adm1`` / ``adm2`` are the staged polygon files
    of its first- and second-level units, ``simplify_m`` the tolerance in metres their
    outlines are simplified with, ``district_edges_m`` (0 for none) the tolerance of the
    shared edges its districts are simplified by instead (scripts/build_boundaries.py),
    ``box`` the lon/lat box its map outlines cover.
    """

    name: str
    countries: tuple[str, ...]
    prior: dict[str, float]
    names: str
    scripts: tuple[str, ...]
    display_drop: str
    geonameid_fixes: dict[str, int]
    adm1: tuple[str, ...]
    adm2: tuple[str, ...]
    simplify_m: float
    box: tuple[float, float, float, float]
    district_edges_m: float = 0.0


def packs(path: Path = REGIONS_FILE) -> tuple[Pack, ...]:
    """The enabled packs, in file order."""
    raw = tomllib.loads(path.read_text(encoding="utf-8"))
    return tuple(
        Pack(
            name=name,
            countries=tuple(pack["countries"]),
            prior={code: float(p) for code, p in pack.get("prior", {}).items()},
            names=pack.get("names", ""),
            scripts=tuple(pack.get("scripts", ())),
            display_drop=pack.get("display_drop", ""),
            geonameid_fixes={k: int(v) for k, v in pack.get("geonameid_fixes", {}).items()},
            adm1=tuple(pack.get("adm1", ())),
            adm2=tuple(pack.get("adm2", ())),
            simplify_m=float(pack.get("simplify_m", 60.0)),
            district_edges_m=float(pack.get("district_edges_m", 0.0)),
            box=tuple(float(v) for v in pack["box"]),
        )
        for name, pack in raw.items()
        if name != _UNIT_NAMES and pack.get("enabled")
    )


_UNIT_NAMES = "first_level_units"


@cache
def unit_names(path: Path = REGIONS_FILE) -> dict[str, str]:
    """Country code -> what it calls its first-level units ("oblast"), with a ``default``."""
    return dict(tomllib.loads(path.read_text(encoding="utf-8"))[_UNIT_NAMES])


def first_level_label(locations: pd.DataFrame, chosen: Sequence[str]) -> str:
    """The label of the first-level filter: the unit name of the chosen countries (ids of
    ``locations``, the sidebar's choices), else of the countries the offered first-level units
    lie in, most units first ("Governorate", "Oblast", "Governorate / oblast")."""
    rows = locations[locations["id"].isin(chosen)] if len(chosen) else locations
    if not len(chosen):
        rows = rows[rows["level"] == "governorate"]
    names = unit_names()
    counts = Counter(names.get(code, names["default"]) for code in rows["country"].dropna())
    ordered = [name for name, _ in counts.most_common()] or [names["default"]]
    return " / ".join(ordered[:3]).capitalize()


def home_countries(path: Path = REGIONS_FILE) -> tuple[str, ...]:
    """The ISO codes of the countries of every enabled pack, in file order."""
    return tuple(dict.fromkeys(code for pack in packs(path) for code in pack.countries))


def priors(path: Path = REGIONS_FILE) -> dict[str, float]:
    """Country code -> the ranking prior of its places (powers of ten of population), for
    the countries of every enabled pack that gives one."""
    return {code: prior for pack in packs(path) for code, prior in pack.prior.items()}


def name_table(pack: Pack) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Place id -> (current English name, other spellings) from the pack's name table."""
    if not pack.names:
        return {}
    table = {}
    lines = (WORDS_DIR / pack.names).read_text(encoding="utf-8").splitlines()
    for line in lines:
        if line and not line.startswith("#"):
            pid, name, others = line.split("\t")
            table[pid] = (name, tuple(filter(None, others.split("|"))))
    return table
