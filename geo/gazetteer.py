"""Place records and the compact gazetteer: a place name -> ranked candidate places.

The bundled gazetteer (data/gazetteer/, built by scripts/build_gazetteer.py) holds every
current place of Syria, Iraq, Turkey, Jordan and Lebanon in Who's On First, the world's
cities15000, all countries, the first-level units of the other countries (kind
``governorate`` too: US states, England, ...) and the region's Natural Earth rivers.

A lookup runs a named, ordered chain of matching steps; each candidate keeps the name of the
step that found it as its ``reason``:

1. ``exact name`` / ``alternate name`` -- the query equals a name (ignoring case);
2. ``normalised`` -- equal after ``geo.names.normalise`` (diacritics, articles, punctuation),
   or ``country adjective`` -- a country's adjective ("Syrian", "British");
3. ``variant``    -- equal ``geo.names.skeleton`` keys (ou/u, q/k, kh/h, ... spellings);
4. ``fuzzy NN``   -- rapidfuzz ratio >= 85 on the normalised keys, tried only when 1-3 find nothing.

A trailing qualifier ("Idlib province", "Raqqa city", "Euphrates river") also looks up the
name without it, keeping only places of the kind the qualifier names.

The score sorts candidates.  Its band is the step: a name match (exact 1.0, normalised 0.99:
news drops and swaps articles freely, so the two differ only by a nudge), variant 0.80-0.85 by
spelling similarity, fuzzy below 0.80.  Within a band the place's *importance* adds up to
0.04: log population, with a floor for admin units, capitals and seats (a governorate counts
like a town of 300,000), plus a regional prior that weighs a Syrian or Iraqi place like one
1,000 times as populous elsewhere (Turkey, Jordan, Lebanon 30 times).  A match on the place's
own name adds 0.0002 over a match on one of its alternate names: a tie-breaker between
equally important places (Baghuz, and the Hasakah villages with "Bāghūz" as an alternate name).

The name index for a text matcher is public: ``Gazetteer.names()`` yields every normalised key
with the ids of the places that carry it (``Gazetteer.name_keys()`` just the keys),
``Gazetteer.candidates_for_key(key)`` ranks them and
``Gazetteer.adjectives()`` maps normalised country adjectives ("syrian") to country ids.
"""

from __future__ import annotations

import gzip
import math
from collections.abc import Iterator, Mapping, Set
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import NamedTuple

from rapidfuzz import fuzz, process

from geo.names import articles_of, normalise, skeleton
from geo.regions import priors

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "gazetteer"

#: Population a place counts as at least, by feature code (admin units have no population
#: of their own in the sources, and a seat of government is better known than its size).
_POPULATION_FLOOR = {
    "PCLI": 1e9,
    "ADM1": 3e5,
    "ADM2": 3e4,
    "ADM3": 3e3,
    "STM": 1e6,
    "PPLC": 1e6,
    "PPLA": 1e5,
    "PPLA2": 3e4,
    "PPLA3": 1e4,
    "PPLA4": 3e3,
    "CONT": 1e9,
    "RGN": 1e8,  # continents and world regions: "Europe" is never a town
}
#: Regional prior, in powers of ten of population: the region packs' countries come first
#: (data/regions.toml), and places of no country (rivers, world regions) with them.
_REGION_PRIOR = {**priors(), "": 3.0}
_MAX_IMPORTANCE = 12.0  # log10 of a country (9) plus the largest prior (3)

_EXACT, _NORMALISED, _VARIANT = 1.0, 0.99, 0.80
_Reason = str | tuple[str, str]
"""A match's reason: its words, or (step, matched key) until the words are needed."""

_OWN_NAME = 0.0002


class _VariantFilter(NamedTuple):
    """The spelling variants a caller keeps: of these countries (None: any), this close."""

    countries: frozenset[str] | None
    similarity: float


_ANY_VARIANT = _VariantFilter(None, 0.0)

#: Trailing words that say what kind of place a name is: "Idlib province" is the governorate.
_QUALIFIERS = {
    "province": "governorate",
    "governorate": "governorate",
    "muhafazah": "governorate",
    "district": "district",
    "city": "populated place",
    "town": "populated place",
    "village": "populated place",
    "river": "river",
}
_FUZZY_CUTOFF = 85.0
_FUZZY_LENGTHS = (4, 60)  # shorter keys match too much by chance; longer ones are not names


@dataclass(frozen=True)
class Place:
    """One gazetteer entry.

    ``id`` is stable across rebuilds: the GeoNames id as a decimal string where
    the entry has one (``"171943"``), else ``"wof:<wof_id>"`` for Who's On First
    rows without one, ``"ne:<ne_id>"`` for Natural Earth rivers, ``"ne:<name>"`` for regions.
    ``kind`` is one of: country, governorate, district, subdistrict, populated place,
    neighbourhood, river, region (a continent or world region), other.  ``admin1`` is the
    governorate / province / state name ("" for countries and rivers).
    ``coords_source`` says where ``lat``/``lon`` come from: ``geonames`` (the GeoNames point
    of cities15000), ``wof`` (Who's On First's point), ``natural earth`` (a point inside the
    country's largest Natural Earth part, or on a river), ``capital`` (the GeoNames point of
    its capital) or ``towns`` (the median of a unit's cities15000 towns): GeoNames publishes
    no point for countries and first-level units in the data staged offline.
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
    coords_source: str = ""

    @cached_property
    def importance(self) -> float:
        """0..1: how likely a bare mention of this place's name means this place.

        Cached: the resolver weighs candidates by it.  The builder stores it in the place's
        row too, where a lookup reads it without parsing the place."""
        code = "PCLI" if self.kind == "country" else self.feature_code
        floor = _POPULATION_FLOOR.get(code, 0.0)
        # An admin unit's population is the sum of its towns': a bare name in a report more
        # often means the town, so admin units weigh by level alone.
        population = floor if code.startswith("ADM") else max(self.population, floor)
        prior = _REGION_PRIOR.get(self.country, 0.0)
        return (math.log10(1 + population) + prior) / _MAX_IMPORTANCE


class _Facts(NamedTuple):
    """What ranking needs of a place: its own name's normalised key, its importance, and its
    country (a caller may take variants only from some countries)."""

    key: str
    importance: float
    country: str


@dataclass(frozen=True)
class Candidate:
    """A place a name may refer to, with how well and why it matched."""

    place: Place
    score: float
    reason: str

    def to_dict(self) -> dict[str, object]:
        p = self.place
        return {
            "id": p.id,
            "geonameid": p.geonameid,
            "name": p.name,
            "kind": p.kind,
            "feature_code": p.feature_code,
            "country": p.country,
            "admin1": p.admin1,
            "lat": p.lat,
            "lon": p.lon,
            "population": p.population,
            "score": round(self.score, 4),
            "reason": self.reason,
        }


def _parse(row: bytes) -> Place:
    fields = row.decode("utf-8").split("\t")
    (pid, gid, name, kind, code, country, admin1, lat, lon, population, names, source) = fields[:12]
    return Place(
        pid,
        int(gid) if gid else None,
        name,
        kind,
        code,
        country,
        admin1,
        float(lat),
        float(lon),
        int(population),
        tuple(names.split("|")),
        source,
    )


def _read_lines(path: Path) -> list[bytes]:
    return gzip.decompress(path.read_bytes()).split(b"\n")


def _read_pairs(path: Path, shared: Mapping[str, str]) -> dict[str, str]:
    """A two-column TSV as a dict, values replaced by the equal string in ``shared``.

    Most keys name one place and most variant keys stand for one key: sharing those string
    objects instead of holding copies saves a third of the index's memory.  Built with
    C-level calls only (split, zip, map), which keeps loading fast.
    """
    fields = gzip.decompress(path.read_bytes()).decode().replace("\n", "\t").split("\t")
    values = fields[1::2]
    return dict(zip(fields[0:-1:2], map(shared.get, values, values), strict=True))


class Gazetteer:
    """Places by id, an index from normalised name keys to place ids, and variant keys.

    ``variants`` maps a variant key to the comma-separated normalised keys that share it.

    Places are kept as their stored UTF-8 row and parsed on first use, which keeps loading
    fast and memory small (a str holding one Arabic or CJK name takes 2-4 bytes per character;
    UTF-8 bytes do not): a lookup touches only the handful of places its keys point to.
    """

    def __init__(
        self,
        rows: Mapping[str, bytes],
        index: Mapping[str, str],
        variants: Mapping[str, str],
        adjectives: Mapping[str, str],
    ) -> None:
        self._rows = rows
        self._index = index
        self._variants = variants
        self._adjectives = adjectives
        self._places: dict[str, Place] = {}
        self._facts: dict[str, _Facts] = {}
        self._fuzzy_keys: dict[str, list[str]] = {}
        self._country_ids: frozenset[str] | None = None
        self._names_country: dict[str, bool] = {}  # normalised key -> names_country's answer

    @classmethod
    def load(cls, directory: Path = DATA_DIR) -> Gazetteer:
        """Read the files written by scripts/build_gazetteer.py."""
        lines = _read_lines(directory / "places.tsv.gz")[1:]
        rows = {line[: line.find(b"\t")].decode(): line for line in lines if line}
        index = _read_pairs(directory / "index.tsv.gz", {pid: pid for pid in rows})
        variants = _read_pairs(directory / "variants.tsv.gz", {key: key for key in index})
        adjective_lines = (directory / "adjectives.tsv").read_text(encoding="utf-8").splitlines()
        adjectives = dict(line.split("\t")[::3] for line in adjective_lines[1:])
        return cls(rows, index, variants, adjectives)

    def __len__(self) -> int:
        return len(self._rows)

    def get(self, place_id: str) -> Place | None:
        """The place with this id, or None."""
        place = self._places.get(place_id)
        if place is None and place_id in self._rows:
            place = self._places[place_id] = _parse(self._rows[place_id])
        return place

    def _facts_of(self, place_id: str) -> _Facts:
        """A place's own-name key and importance, from the last two fields of its row, where
        the builder stores them: a lookup ranks some 26 places and returns 10, and parsing,
        normalising and weighing every place it ranks was most of its cost."""
        facts = self._facts.get(place_id)
        if facts is None:
            row = self._rows[place_id]
            _, key, importance = row.rsplit(b"\t", 2)
            country = row.split(b"\t", 6)[5].decode()
            facts = self._facts[place_id] = _Facts(key.decode(), float(importance), country)
        return facts

    def ids(self) -> Iterator[str]:
        """Every place id, in file order."""
        return iter(self._rows)

    def names(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """(normalised key, ids of the places with a name of that key), for a text matcher.

        Keys come from ``geo.names.normalise``; search text normalised the same way
        (``geo.names.normalise_with_offsets`` keeps the offsets into the original).
        """
        for key, ids in self._index.items():
            yield key, tuple(ids.split(","))

    def name_keys(self) -> Set[str]:
        """Every normalised name key, as a set-like view of the index (no copy): what a text
        matcher asks whether a run of folded words names a place."""
        return self._index.keys()

    def adjectives(self) -> Mapping[str, str]:
        """Normalised country adjective ("syrian", "british") -> the country's place id."""
        return self._adjectives

    def candidates_for_key(self, key: str, limit: int = 10) -> list[Candidate]:
        """The places indexed under a normalised key, most important first."""
        found = {pid: (_NORMALISED, f"normalised: {key!r}") for pid in self._ids(key)}
        return self._ranked(found, limit)

    def names_country(self, name: str) -> bool:
        """Whether a country has this name, up to normalisation, or it is a country adjective.

        Only then can a country be a lookup's best name match (steps 1-2): a caller asking
        just that is spared the full lookup of the many names that are not countries.
        """
        if self._country_ids is None:  # one assignment: threads sharing it stay safe
            self._country_ids = frozenset(
                pid for pid, row in self._rows.items() if row.split(b"\t", 4)[3] == b"country"
            )
        key = normalise(name)
        # Kept per key: recognition asks about every name of every article, and the ids of a
        # common name ("Ali", hundreds of villages) were split again each time.
        answer = self._names_country.get(key)
        if answer is None:
            answer = key in self._adjectives or not self._country_ids.isdisjoint(self._ids(key))
            self._names_country[key] = answer
        return answer

    def lookup(
        self,
        name: str,
        limit: int = 10,
        *,
        fuzzy: bool = True,
        variant_countries: frozenset[str] | None = None,
        variant_similarity: float = 0.0,
    ) -> list[Candidate]:
        """Ranked candidates for a place name, best first; [] when nothing matches.

        ``fuzzy=False`` stops the chain before its last step: a caller that never
        accepts a fuzzy match (the geoparser) is spared its cost.  A caller that keeps
        spelling variants only of some countries (``variant_countries``) and only as close
        as ``variant_similarity`` (rapidfuzz ratio of the normalised keys, 0-100) says so:
        the variant step then skips the other keys and places, most of its work.  The result
        is the unfiltered one less (some of) those variants, so the caller's own filter
        leaves the same list either way.
        """
        head, _, qualifier = name.strip().rpartition(" ")
        kind = _QUALIFIERS.get(normalise(qualifier))
        # a qualified name's variants carry the qualifier in their reason: none skipped
        only = _VariantFilter(variant_countries, variant_similarity) if not kind else _ANY_VARIANT
        found = self._match(name, fuzzy, only, limit)
        if head and kind:
            for pid, (score, reason) in self._match(head, fuzzy).items():
                if self.get(pid).kind == kind and score > found.get(pid, (0.0, ""))[0]:
                    found[pid] = (score, f"{self._reason(pid, reason)} + {qualifier.lower()!r}")
        return self._ranked(found, limit, only)

    def _match(
        self, name: str, fuzzy: bool = True, only: _VariantFilter = _ANY_VARIANT, limit: int = 0
    ) -> dict[str, tuple[float, _Reason]]:
        """Steps 1-4 of the chain: place id -> (match score, reason), the best step kept.

        Variants ``only`` excludes are left out unless they could rank among the best
        ``limit`` above a kept variant (then a caller filtering the full list would miss
        that variant).
        """
        key = normalise(name)
        if not key:
            return {}
        folded = " ".join(name.split()).casefold()
        found = {pid: self._exact_or_normalised(name, folded, key, pid) for pid in self._ids(key)}
        if key in self._adjectives:  # "Syrian" refers to Syria
            found[self._adjectives[key]] = (_NORMALISED, f"country adjective {name.strip()!r}")
        variant = skeleton(key)
        # a skeleton of one or two letters ("as" for "US") says too little to match on
        keys = self._variants.get(variant, "").split(",") if len(variant) > 2 else []
        ratios = [(k, fuzz.ratio(key, k)) for k in keys if k and k != key]
        # how many places ``only`` skipped under each key (a place may be counted twice)
        counts = [self._add_similar(found, k, ratio, "variant", only) for k, ratio in ratios]
        skipped = sum(counts)
        kept_variant = any(score < _NORMALISED for score, _ in found.values())
        if kept_variant and skipped and len(found) + skipped > limit:
            for (variant_key, ratio), count in zip(ratios, counts, strict=True):
                if count:  # kept places are found again at the same score: no change
                    self._add_similar(found, variant_key, ratio, "variant")
        unmatched = not found and not skipped  # a skipped variant still matched
        if fuzzy and unmatched and _FUZZY_LENGTHS[0] <= len(key) <= _FUZZY_LENGTHS[1]:
            for fuzzy_key, _, _ in self._fuzzy(key):
                self._add_similar(found, fuzzy_key, fuzz.ratio(key, fuzzy_key), "fuzzy")
        return found

    def _ids(self, key: str) -> list[str]:
        ids = self._index.get(key)
        return ids.split(",") if ids else []

    def _exact_or_normalised(
        self, query: str, folded: str, key: str, pid: str
    ) -> tuple[float, str]:
        """Step 1 or 2 for a place found under the query's normalised key (``folded``: the
        query case-folded, its spaces single, for the exact step).

        The place's own-name key comes from its row (``_facts_of``), not normalising its name.
        """
        place = self.get(pid)
        own = _OWN_NAME if self._facts_of(pid).key == key else 0.0  # the name or its ASCII form
        for name in place.names:
            if name.casefold() == folded:
                return _EXACT + own, "exact name" if own else "alternate name"
        matched = next(n for n in place.names if normalise(n) == key)
        articles = sorted({*articles_of(query), *articles_of(matched)})
        detail = f" (article prefix {'/'.join(a + '-' for a in articles)})" if articles else ""
        return _NORMALISED + own, f"normalised: {matched!r}{detail}"

    def _add_similar(
        self,
        found: dict[str, tuple[float, _Reason]],
        other: str,
        ratio: float,
        step: str,
        only: _VariantFilter = _ANY_VARIANT,
    ) -> int:
        """Step 3 or 4: the places under ``other``, a key spelled like the query's with this
        rapidfuzz ratio; returns how many of them ``only`` skipped.

        Variants score 0.80-0.85 and fuzzy matches below 0.80, by spelling similarity.
        """
        if ratio < only.similarity:
            return self._index[other].count(",") + 1
        similarity = ratio / 100
        if step == "variant":
            score, label = _VARIANT + 0.05 * similarity, "variant"
        else:
            score, label = _VARIANT * similarity, f"fuzzy {similarity * 100:.0f}"
        reason, skipped = (label, other), 0
        for pid in self._ids(other):
            facts = self._facts_of(pid)
            if only.countries is not None and facts.country not in only.countries:
                skipped += 1
                continue
            candidate = (score + _OWN_NAME if facts.key == other else score, reason)
            if candidate[0] > found.get(pid, (0.0, ""))[0]:
                found[pid] = candidate
        return skipped

    def _reason(self, pid: str, reason: _Reason) -> str:
        """The words of a match. For steps 3-4 the name that matched is looked up only
        here, for the candidates shown: searching every candidate's names was most of
        the cost of a lookup."""
        if isinstance(reason, str):
            return reason
        label, key = reason
        place = self.get(pid)
        if self._facts_of(pid).key == key:  # its own name: no name need be normalised
            return f"{label}: {place.name!r}"
        matched = next((n for n in place.names if normalise(n) == key), key)
        return f"{label}: {matched!r}"

    def _fuzzy(self, key: str) -> list[tuple[str, float, int]]:
        """Keys within the fuzzy cutoff, searched among keys of the same first letter."""
        if not self._fuzzy_keys:
            buckets: dict[str, list[str]] = {}
            for k in self._index:
                buckets.setdefault(k[0], []).append(k)
            self._fuzzy_keys = buckets  # one assignment: threads sharing the gazetteer stay safe
        keys = self._fuzzy_keys.get(key[0], [])
        return process.extract(key, keys, scorer=fuzz.ratio, score_cutoff=_FUZZY_CUTOFF, limit=10)

    def _ranked(
        self,
        found: Mapping[str, tuple[float, _Reason]],
        limit: int,
        only: _VariantFilter = _ANY_VARIANT,
    ) -> list[Candidate]:
        """The best ``limit`` candidates; only those are parsed and given their reasons.

        Spelling variants of the countries ``only`` leaves out are ranked (they may push
        others past ``limit``) but not made: the caller drops them, and parsing and naming a
        place is most of a candidate's cost."""
        scored = [
            (score + 0.04 * self._facts_of(pid).importance, pid, reason)
            for pid, (score, reason) in found.items()
        ]
        scored.sort(key=lambda c: (-c[0], c[1]))
        best = scored[:limit]
        if only.countries is not None:
            best = [c for c in best if not self._left_out(c[1], c[2], only.countries)]
        return [Candidate(self.get(pid), score, self._reason(pid, r)) for score, pid, r in best]

    def _left_out(self, pid: str, reason: _Reason, countries: frozenset[str]) -> bool:
        """A spelling variant (step 3) of a place outside ``countries``."""
        variant = not isinstance(reason, str) and reason[0] == "variant"
        return variant and self._facts_of(pid).country not in countries


@cache
def default_gazetteer() -> Gazetteer:
    """The bundled gazetteer, loaded on first use and shared afterwards."""
    return Gazetteer.load(DATA_DIR)


__all__ = ["Candidate", "Gazetteer", "Place", "default_gazetteer"]
