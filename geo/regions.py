"""The region packs of ``data/regions.toml``: which countries the gazetteer covers in detail.

The builder reads it to choose the Who's On First countries to build; the resolver reads it
for its regional preference (spelling variants as transliterations, towns that count without
a cue).  Moving the atlas to another war is a line in that file, not a change of code.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

REGIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "regions.toml"


def home_countries(path: Path = REGIONS_FILE) -> tuple[str, ...]:
    """The ISO codes of the countries of every enabled pack, in file order."""
    packs = tomllib.loads(path.read_text(encoding="utf-8"))
    codes = (code for pack in packs.values() if pack.get("enabled") for code in pack["countries"])
    return tuple(dict.fromkeys(codes))


def priors(path: Path = REGIONS_FILE) -> dict[str, float]:
    """Country code -> the ranking prior of its places (powers of ten of population), for
    the countries of every enabled pack that gives one."""
    packs = tomllib.loads(path.read_text(encoding="utf-8"))
    return {
        code: float(prior)
        for pack in packs.values()
        if pack.get("enabled")
        for code, prior in pack.get("prior", {}).items()
    }
