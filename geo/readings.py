"""Which gazetteer entries a name can credibly mean: the candidates recognition keeps.

A name's candidates are the gazetteer's exact and spelling-variant matches, narrowed to the
readings a news reader would accept here: variants only where they are transliterations
(places of the conflict region), towns abroad by their own names, short forms as written.
Fuzzy matches never count: a name the gazetteer does not know is reported unresolved.
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz import fuzz

from geo.gazetteer import Candidate, Gazetteer, Place
from geo.names import normalise
from geo.regions import home_countries

#: Gazetteer kinds and feature codes important enough to count without a locative cue.
_MAJOR_CODES = frozenset({"PCLI", "ADM1", "ADM2", "PPLC", "PPLA", "PPLA2", "STM"})
_MIN_SIMILARITY = 75.0
_CLOSE_SIMILARITY = 85.0
_LARGE_POPULATION = 15_000
CITY_POPULATION = 100_000
_WORLD_POPULATION = 1_000_000
#: Candidates kept per name: a country covered village by village has twenty villages called
#: "Pisky"; the right one is found by the places around it, so none may be cut off.
_CANDIDATES = 30
#: The countries the gazetteer covers village by village (the enabled region packs).
_HOME_COUNTRIES = frozenset(home_countries())


@lru_cache(maxsize=50_000)
def lookup(gazetteer: Gazetteer, surface: str) -> tuple[Candidate, ...]:
    """Gazetteer candidates for a surface form.  Spelling variants count only for places of
    the conflict region, where they are transliterations ("Baghouz"); elsewhere they
    mostly pair unrelated names ("Ohio", Wuhu).  Fuzzy matches never count: a name the
    gazetteer does not know is reported unresolved, not guessed."""
    key = normalise(surface)
    return tuple(
        c
        for c in gazetteer.lookup(
            surface,
            limit=_CANDIDATES,
            fuzzy=False,
            variant_countries=_HOME_COUNTRIES,
            variant_similarity=_MIN_SIMILARITY,
        )
        if tier(c) == 0
        or (
            tier(c) == 1
            and c.place.country in _HOME_COUNTRIES
            and _similarity(key, c) >= _MIN_SIMILARITY
        )
    )


@lru_cache(maxsize=50_000)
def credible_readings(
    gazetteer: Gazetteer, surface: str, key: str, countries: frozenset[str], kind: str
) -> tuple[Candidate, ...]:
    """The credible gazetteer readings of a name written ``surface`` in an article naming
    ``countries``, after a feature cue asking for ``kind`` ('' for none).

    Short forms count only as the gazetteer writes them ("US", "UK"; not "Can", "IoT").
    Cached: an article names a place again and again, and the candidates of a name are
    weighed the same way each time.
    """
    found = lookup(gazetteer, surface)
    if len(surface.replace(".", "")) <= 3:
        found = tuple(c for c in found if surface in c.place.names)
    return tuple(c for c in found if _credible(c, key, countries, kind))


def _credible(candidate: Candidate, key: str, countries: frozenset[str], kind: str) -> bool:
    """Whether a candidate is a plausible reading of the name here.

    A spelling variant must be close, closer still without a feature cue ("in Peres" is
    not "Peruş").  A town abroad, in a country the article does not name, counts by its own
    name only, or after a feature cue: "Abbas" is not Fort Abbas, Pakistan.
    """
    place = candidate.place
    strong = bool(kind)
    if tier(candidate) == 1:
        return strong or _similarity(key, candidate) >= _CLOSE_SIMILARITY
    if place.country in countries or place.country in _HOME_COUNTRIES or strong:
        return True
    if place.kind == "country" or place.population >= CITY_POPULATION:
        return True  # cities are known abroad by their English names ("Geneva", "Cologne")
    return candidate.reason.startswith("exact name")


def _similarity(key: str, candidate: Candidate) -> float:
    """How close a normalised name is to the gazetteer name a variant match went through
    ("baghouz" / "Bāghūz": 92; "sudanese" / "Şad‘ān al ‘Āsī": 36)."""
    matched = candidate.reason.partition(": ")[2].strip("'\"")
    return fuzz.ratio(key, normalise(matched))


def tier(candidate: Candidate) -> int:
    """0 for a name the gazetteer lists (exactly or up to case, accents and articles),
    1 for a spelling variant, 2 for a fuzzy match."""
    reason = candidate.reason
    return 2 if reason.startswith("fuzzy") else 1 if reason.startswith("variant") else 0


def is_famous(place: Place) -> bool:
    """A country, a capital or a city of a million: "London" is not the word "london"."""
    return (
        place.kind == "country"
        or place.feature_code == "PPLC"
        or place.population >= _WORLD_POPULATION
    )


def is_major(place: Place, countries: frozenset[str]) -> bool:
    """Known well enough to be meant without a cue: a famous place, a governorate or a river,
    or a town of the region or of a country the article names ("Time", Norway, in a Syria
    story needs "in" before it)."""
    if is_famous(place) or place.kind in ("governorate", "river"):
        return True
    large = place.population >= _LARGE_POPULATION or place.feature_code in _MAJOR_CODES
    return large and (place.country in countries or place.country in _HOME_COUNTRIES)
