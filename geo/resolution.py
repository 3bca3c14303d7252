"""Resolve recognised place names to gazetteer entries, with evidence.

Every candidate is scored by a named, ordered chain of steps (name match, feature type,
article focus, nearby places, importance); each step's name and reason are kept as the
evidence strings the dashboard shows, and the alternatives keep theirs.  The article's focus
(its main country, its surely-placed names) comes from a first pass of the same chain.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from geo.gazetteer import Candidate, Place
from geo.readings import tier
from geo.recognition import Found
from geo.wordlists import SPEECH_VERBS


@dataclass(frozen=True)
class Alternative:
    """A candidate that was considered for a mention, and the evidence for/against it."""

    place: Place
    score: float
    evidence: tuple[str, ...]


@dataclass(frozen=True)
class PlaceMention:
    """A span of article text that names a place.

    ``place`` is None for a place-like name the gazetteer does not know
    ("the village of X"): such mentions are reported, never dropped.
    ``adjective`` is True for demonyms and adjectival uses ("Syrian forces",
    "Kurdish-led"), resolved to their country but counted apart from nouns.
    ``alternatives`` are the other candidates, best first.
    """

    text: str
    start: int
    end: int
    place: Place | None
    confidence: float
    adjective: bool
    evidence: tuple[str, ...]
    alternatives: tuple[Alternative, ...] = ()

    def to_dict(self) -> dict:
        """The flat JSON shape of ``python -m geo extract`` (place fields null when unresolved)."""
        p = self.place
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "id": p.id if p else None,
            "geonameid": p.geonameid if p else None,
            "name": p.name if p else None,
            "kind": p.kind if p else None,
            "lat": p.lat if p else None,
            "lon": p.lon if p else None,
            "country": p.country if p else None,
            "admin1": p.admin1 if p else None,
            "score": round(self.confidence, 3),
            "adjective": self.adjective,
            "evidence": list(self.evidence),
            "alternatives": [
                {
                    "id": a.place.id,
                    "name": a.place.name,
                    "score": round(a.score, 3),
                    "evidence": list(a.evidence),
                }
                for a in self.alternatives
            ],
        }


_NEAR_POINTS = 0.6
_ADMIN_KINDS = frozenset({"governorate", "district", "subdistrict"})


@dataclass(frozen=True)
class _Focus:
    """What the article as a whole says: its main country, the other countries it names, and
    its surely-placed places."""

    country: str
    anchors: tuple[tuple[str, Place], ...]  # (name key, place) of the surely-placed names, once
    # country code -> the name keys it is named by (its names and adjectives)
    named: Mapping[str, frozenset[str]] = field(default_factory=dict)


def _name_step(candidate: Candidate, found: Found, focus: _Focus) -> tuple[float, str]:
    return candidate.score, candidate.reason


def _feature_step(candidate: Candidate, found: Found, focus: _Focus) -> tuple[float, str]:
    """A cue asks for a kind ("province of" -> governorate); a bare name means the town
    rather than the governorate or district named after it ("Homs", "Qamishli")."""
    kind, place = found.context.kind, candidate.place
    if kind:
        if place.kind == kind:
            return 1.0, f"{found.context.cue!r} asks for a {kind}"
        return -1.0, ""
    if place.kind in _ADMIN_KINDS and any(
        c.place.kind == "populated place" for c in found.candidates
    ):
        return -0.3, ""
    return 0.0, ""


def _focus_step(candidate: Candidate, found: Found, focus: _Focus) -> tuple[float, str]:
    """The article's main country, and less so another country it names: "Sinjar" in a
    Syria story that names Iraq is the Iraqi town, not a Syrian hamlet of the same name."""
    place = candidate.place
    if place.kind != "country" and place.country == focus.country:
        return 0.3, f"in {focus.country}, the country the article names most"
    # named by another name than this one: "Georgia" alone does not name the country Georgia
    keys = focus.named.get(place.country, ())
    if keys and place.country != focus.country and (len(keys) > 1 or found.span.key not in keys):
        return 0.1, f"in {place.country}, a country the article names"  # the country too
    return 0.0, ""


def _distance_step(candidate: Candidate, found: Found, focus: _Focus) -> tuple[float, str]:
    """Close to the article's surely-placed names: the Baghuz of Deir ez-Zor, not the one
    of Al-Hasakah, next to Hajin.  A country is as close as can be to the places in it."""
    place = candidate.place
    others = [a for key, a in focus.anchors if key != found.span.key and a.id != place.id]
    if place.kind == "river" or not others:
        return 0.0, ""
    if place.kind == "country":
        inside = next((a.name for a in others if a.country == place.country), "")
        return (_NEAR_POINTS, f"contains {inside}") if inside else (0.0, "")
    km, nearest = min((distance_km(place, a), a.name) for a in others)
    points = _NEAR_POINTS * math.exp(-km / 150.0)
    return points, (f"{km:.0f} km from {nearest}" if points >= 0.05 else "")


def _importance_step(candidate: Candidate, found: Found, focus: _Focus) -> tuple[float, str]:
    """Size and rank: a country or a capital is what a bare name usually means ("Lebanon",
    "Riyadh"), even in an article whose other places lie elsewhere; a GeoNames entry is
    preferred to a Who's On First duplicate of it."""
    place = candidate.place
    points = 0.8 * place.importance + (0.1 if place.geonameid else 0.0)
    if place.kind == "country":
        return points + 0.5, "a country"
    if place.feature_code == "PPLC":
        return points + 0.5, "a capital city"
    if place.population:
        return points, f"population {place.population:,}"
    return points, ""


_Step = Callable[[Candidate, Found, _Focus], tuple[float, str]]

#: The resolution chain, in order; each step's name and evidence are shown to users.
RESOLUTION_STEPS: tuple[tuple[str, _Step], ...] = (
    ("name", _name_step),
    ("feature type", _feature_step),
    ("article focus", _focus_step),
    ("nearby places", _distance_step),
    ("importance", _importance_step),
)


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance (haversine, mean Earth radius)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def _ranked(found: Found, focus: _Focus) -> list[tuple[float, Candidate, tuple[str, ...]]]:
    """Candidates scored by the chain, best first, with the evidence of each."""
    ranked = []
    for candidate in _best_tier(found, focus):
        total, evidence = 0.0, []
        for name, step in RESOLUTION_STEPS:
            points, why = step(candidate, found, focus)
            total += points
            if why:
                evidence.append(f"{name}: {why}")
        ranked.append((total, candidate, tuple(evidence)))
    ranked.sort(key=lambda r: (-r[0], r[1].place.id))
    return ranked


def _best_tier(found: Found, focus: _Focus) -> list[Candidate]:
    """The candidates of the closest spelling tier, plus those of a looser tier that are of
    the kind a feature cue asks for when the closest tier has none, or that lie in the
    article's main country when the closest tier has only little-known places elsewhere
    ("Hamadiyah" in a Syria story: a Syrian Hamidiyah, not the Iraqi hamlet spelled so)."""
    tiers = [tier(c) for c in found.candidates]
    best = min(tiers, default=0)
    chosen = [c for c, t in zip(found.candidates, tiers, strict=True) if t == best]
    looser = [c for c, t in zip(found.candidates, tiers, strict=True) if t != best]
    kind = found.context.kind
    if kind and not any(c.place.kind == kind for c in chosen):
        chosen += [c for c in looser if c.place.kind == kind]
    elif focus.country and not any(
        c.place.country == focus.country or _well_known(c.place) for c in chosen
    ):
        chosen += [c for c in looser if c.place.country == focus.country]
    return chosen


def _well_known(place: Place) -> bool:
    """A country, a capital or a city of 100,000: what its name means anywhere."""
    return place.kind == "country" or place.feature_code == "PPLC" or place.population >= 100_000


def _focus(found: Sequence[Found]) -> _Focus:
    """The article's main country and its places resolved without doubt, from a first pass."""
    blank = _Focus("", ())
    countries: Counter[str] = Counter()
    named: dict[str, set[str]] = {}
    # (name key, place id) -> place, each surely-placed name once however often it is named:
    # every candidate of every name is measured against each of them
    anchors: dict[tuple[str, str], Place] = {}
    first_pass: dict[str, tuple[Place, bool]] = {}  # name key -> (top place, clear)
    for f in found:
        if f.fixed is not None:
            countries[f.fixed.country] += 1
            named.setdefault(f.fixed.country, set()).add(f.span.key)
            continue
        if f.span.key not in first_pass:
            ranked = _ranked(f, blank)
            if not ranked:
                continue
            clear = len(ranked) == 1 or ranked[0][0] - ranked[1][0] >= 0.3
            first_pass[f.span.key] = (ranked[0][1].place, clear)
        top, clear = first_pass[f.span.key]
        countries[top.country] += 1
        if top.kind == "country":
            named.setdefault(top.country, set()).add(f.span.key)
        elif clear and top.kind != "river" and f.context.next_word not in SPEECH_VERBS:
            anchors.setdefault((f.span.key, top.id), top)  # not "Kyiv said": a government
    country = countries.most_common(1)[0][0] if countries else ""
    pairs = tuple((key, place) for (key, _), place in anchors.items())
    return _Focus(country, pairs, {c: frozenset(k) for c, k in named.items()})


#: A ranked name: its chosen place, that place's share of the weight, the evidence for it and
#: the next four candidates as alternatives.
_Reading = tuple[Place, float, tuple[str, ...], tuple[Alternative, ...]]


def _reading(ranked: list[tuple[float, Candidate, tuple[str, ...]]]) -> _Reading:
    """The shares of a ranking's candidates: a softmax of their scores (temperature 0.25)."""
    weights = [math.exp((r[0] - ranked[0][0]) / 0.25) for r in ranked]
    total = sum(weights)
    share = [w / total for w in weights]
    alternatives = tuple(
        Alternative(candidate.place, round(p, 3), evidence)
        for p, (_, candidate, evidence) in zip(share[1:5], ranked[1:5], strict=False)
    )
    return ranked[0][1].place, share[0], ranked[0][2], alternatives


def resolve(text: str, found: Sequence[Found]) -> list[PlaceMention]:
    """Resolve every recognised name with the chain, given the article's focus; a name read
    the same way twice (same key, same cue kind) is ranked and weighed once."""
    focus = _focus(found)
    readings: dict[tuple[str, str], _Reading] = {}
    mentions = []
    for f in found:
        recognition = (f.evidence,) if f.evidence else ()
        surface = text[f.span.start : f.span.end]
        if not f.candidates:
            confidence = 0.95 if f.fixed is not None else 0.5
            mentions.append(
                PlaceMention(
                    surface, f.span.start, f.span.end, f.fixed, confidence, f.adjective, recognition
                )
            )
            continue
        key = (f.span.key, f.context.kind)
        reading = readings.get(key)
        if reading is None:
            reading = readings[key] = _reading(_ranked(f, focus))
        place, share, evidence, alternatives = reading
        strength = 0.8 if f.weak or not f.evidence else 0.95
        mentions.append(
            PlaceMention(
                surface,
                f.span.start,
                f.span.end,
                place,
                round(share * strength, 3),
                f.adjective,
                recognition + evidence,
                alternatives,
            )
        )
    return mentions
