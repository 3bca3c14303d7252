"""Place records and the compact gazetteer: name -> ranked candidates.

(Skeleton: records only. The owner of this module fills in loading and lookup.)
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Place:
    """One gazetteer entry.

    ``id`` is stable across rebuilds: the GeoNames id as a decimal string where
    the entry has one (``"171943"``), else ``"wof:<wof_id>"`` for Who's On First
    rows without one, ``"ne:<ne_id>"`` for Natural Earth rivers.
    ``kind`` is one of: country, governorate, district, subdistrict,
    populated place, neighbourhood, river, other.  ``admin1`` is the
    governorate / province / state name ("" for countries and rivers).
    """

    id: str
    geonameid: int | None
    name: str
    kind: str
    feature_code: str
    country: str
    admin1: str
    lat: float
    lon: float
    population: int
    names: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to, with how well and why it matched."""

    place: Place
    score: float
    reason: str
