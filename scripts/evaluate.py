"""Score the geoparser against hand-made gold: the seeds (always) and the dev corpus (when present).

Recognition is scored on exact character spans (precision, recall, F1). Resolution is scored on
the gold names that were recognised: exact gazetteer id, and "within 161 km" (great-circle
distance between the chosen place and the gold coordinates, the usual 100-mile threshold; the
gold id itself always counts as within, since sources put a country's point in different places).
Nouns and adjectives ("Syrian forces", "U.S.-backed") are counted apart, as the map counts them.

The Ukraine place gold (tests/gold/places_ukraine.json: offsets into ten texts of
``../shared/war-corpus/ukraine``, read from there, never copied) is scored as "war: Ukraine"
beside the seeds and the Levant figures of the dev corpus.

The development corpus is read from ``../shared/dev-corpus/geoparsing_dev.jsonl`` next to the
repository and never copied into it; without it only the seeds are scored. Its articles are
split into Middle East articles and the rest (see :func:`is_middle_east`), and per corpus.
Gold follows the corpus README: GeoWebNews types that are not place names (common nouns,
organisations, demonym nouns, languages) are left out; LGL and TR-News do not mark adjectives,
so a matched name takes the prediction's flag there.  GeoWebNews also marks places inside
organisation names ("Embedded" types: "Syrian" in "Syrian Democratic Forces"), which this
project deliberately does not report; ``--skip-embedded`` leaves those out of the scoring
(neither missed nor false) to show what the rest of the figures owe to that choice.

    python scripts/evaluate.py                    # table
    python scripts/evaluate.py --json             # the same figures as JSON
    python scripts/evaluate.py --skip-embedded    # GeoWebNews Embedded_* names not scored
    python scripts/evaluate.py --dev D --war W    # corpora elsewhere than ../shared
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pyproj import Geod

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo.articles import load_bundled, make_article  # noqa: E402
from geo.gazetteer import Gazetteer, default_gazetteer  # noqa: E402
from geo.toponyms import PlaceMention, find_places  # noqa: E402
from scripts.evaluate_figures import main as evaluate_figures  # noqa: E402

SEEDS_GOLD = REPO / "tests" / "gold" / "places_seeds.json"
UKRAINE_GOLD = REPO / "tests" / "gold" / "places_ukraine.json"
DEV_CORPUS = REPO.parent / "shared" / "dev-corpus" / "geoparsing_dev.jsonl"
WAR_CORPUS = REPO.parent / "shared" / "war-corpus"

# GeoWebNews types that are not place names (README of the dev corpus): common nouns,
# organisation names, demonyms used as nouns ("Mexicans") and languages.
NOT_PLACES = {"Literal_Expression", "Non_Lit_Expression", "Non_Toponym", "Demonym", "Language"}
EMBEDDED = {"Embedded_Literal", "Embedded_Non_Lit"}
# The Middle East box: lon 25-63 E, lat 12-42 N (Egypt and Turkey to Iran, Yemen to the Caucasus).
MIDDLE_EAST_BOX = (25.0, 12.0, 63.0, 42.0)
SYRIA_IRAQ = {"163843", "99237"}
WITHIN_KM = 161.0
GEOD = Geod(ellps="WGS84")


@dataclass(frozen=True)
class GoldName:
    """One hand-annotated place name: span, accepted ids, coordinates, adjectival use."""

    start: int
    end: int
    text: str
    ids: frozenset[str]
    lat: float | None
    lon: float | None
    adjective: bool | None  # None: the corpus does not say (LGL, TR-News)
    optional: bool = False  # neither required nor a false positive (--skip-embedded)


@dataclass(frozen=True)
class GoldArticle:
    text: str
    corpus: str
    names: tuple[GoldName, ...]


@dataclass
class Tally:
    """Counts behind one row of the table."""

    articles: int = 0
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    with_id: int = 0
    exact_id: int = 0
    with_coords: int = 0
    within: int = 0

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float | int | None]:
        p = _ratio(self.matched, self.predicted)
        r = _ratio(self.matched, self.gold)
        f1 = None if p is None or r is None or p + r == 0 else 2 * p * r / (p + r)
        return {
            "articles": self.articles,
            "gold": self.gold,
            "found": self.predicted,
            "precision": p,
            "recall": r,
            "f1": f1,
            "exact_id": _ratio(self.exact_id, self.with_id),
            "within_161km": _ratio(self.within, self.with_coords),
        }


@dataclass
class Scores:
    """Tallies for nouns, adjectives and both together."""

    noun: Tally = field(default_factory=Tally)
    adjective: Tally = field(default_factory=Tally)
    all: Tally = field(default_factory=Tally)

    def add(self, other: Scores) -> None:
        self.noun.add(other.noun)
        self.adjective.add(other.adjective)
        self.all.add(other.all)


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (geodesic, WGS84) distance in kilometres."""
    return GEOD.inv(lon1, lat1, lon2, lat2)[2] / 1000.0


def load_seeds(path: Path, gazetteer: Gazetteer) -> list[GoldArticle]:
    """The seed gold, joined to the bundled articles by article id; coordinates from the ids."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    texts = {a.id: a.text for a in load_bundled()}
    return [
        GoldArticle(texts[entry["article_id"]], "seeds", _gold_names(entry, gazetteer))
        for entry in gold["articles"]
    ]


def load_war(path: Path, corpus: Path, gazetteer: Gazetteer) -> list[GoldArticle]:
    """War-corpus place gold (same shape as the seeds'), texts read from ``corpus``."""
    gold = json.loads(path.read_text(encoding="utf-8"))
    return [
        GoldArticle(
            (corpus / entry["file"]).read_bytes().decode("utf-8"),
            "war: Ukraine",
            _gold_names(entry, gazetteer),
        )
        for entry in gold["articles"]
    ]


def _gold_names(entry: dict, gazetteer: Gazetteer) -> tuple[GoldName, ...]:
    """One gold article's names; coordinates from the first accepted id."""
    names = []
    for m in entry["mentions"]:
        place = gazetteer.get(m["ids"][0]) if m["ids"] else None
        names.append(
            GoldName(
                start=m["start"],
                end=m["end"],
                text=m["text"],
                ids=frozenset(m["ids"] or ()),
                lat=place.lat if place else None,
                lon=place.lon if place else None,
                adjective=m["adjective"],
            )
        )
    return tuple(names)


def load_dev(path: Path, skip_embedded: bool = False) -> list[GoldArticle]:
    """The dev corpus, keeping only the gold entries that are place names."""
    articles = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            names = tuple(
                GoldName(
                    start=t["start"],
                    end=t["end"],
                    text=t["name"],
                    ids=frozenset({str(t["geonameid"])}) if t["geonameid"] else frozenset(),
                    lat=t["lat"],
                    lon=t["lon"],
                    adjective=t["adjective"],
                    optional=skip_embedded and t["type"] in EMBEDDED,
                )
                for t in row["toponyms"]
                if t["type"] not in NOT_PLACES
            )
            articles.append(GoldArticle(row["text"], row["corpus"], names))
    return articles


def is_middle_east(article: GoldArticle) -> bool:
    """An article about the Middle East: half or more of its located gold names fall in the
    Middle East box, or one of them is Syria or Iraq."""
    located = [n for n in article.names if n.lat is not None and n.lon is not None]
    if not located:
        return False
    west, south, east, north = MIDDLE_EAST_BOX
    inside = sum(west <= n.lon <= east and south <= n.lat <= north for n in located)
    return 2 * inside >= len(located) or any(n.ids & SYRIA_IRAQ for n in located)


def score_article(article: GoldArticle, found: Sequence[PlaceMention]) -> Scores:
    """Compare one article's predictions with its gold, exact spans only.

    A pair is a noun or an adjective by the gold flag, or by the prediction's flag where the
    corpus does not say (LGL, TR-News); an unmatched prediction by its own flag.
    """
    scores = Scores()
    gold_by_span = {(g.start, g.end): g for g in article.names}
    found_by_span = {(m.start, m.end): m for m in found}
    for span, gold in gold_by_span.items():
        mention = found_by_span.get(span)
        if gold.optional:
            continue
        adjective = gold.adjective
        if adjective is None:
            adjective = bool(mention and mention.adjective)
        for tally in (scores.adjective if adjective else scores.noun, scores.all):
            tally.gold += 1
            if mention is not None:
                tally.matched += 1
                _score_resolution(tally, gold, mention)
    for span, mention in found_by_span.items():
        gold = gold_by_span.get(span)
        if gold is not None and gold.optional:
            continue
        adjective = mention.adjective if gold is None or gold.adjective is None else gold.adjective
        (scores.adjective if adjective else scores.noun).predicted += 1
        scores.all.predicted += 1
    for tally in (scores.noun, scores.adjective, scores.all):
        tally.articles = 1
    return scores


def _score_resolution(tally: Tally, gold: GoldName, mention: PlaceMention) -> None:
    place = mention.place
    if gold.ids:
        tally.with_id += 1
        tally.exact_id += bool(place and place.id in gold.ids)
    if gold.lat is not None and gold.lon is not None:
        tally.with_coords += 1
        tally.within += bool(place) and (
            place.id in gold.ids
            or distance_km(gold.lat, gold.lon, place.lat, place.lon) <= WITHIN_KM
        )


def evaluate(articles: Iterable[GoldArticle], gazetteer: Gazetteer) -> list[Scores]:
    """Run the geoparser on every article; one :class:`Scores` per article, in order."""
    return [score_article(a, find_places(make_article(a.text), gazetteer)) for a in articles]


def group_rows(articles: Sequence[GoldArticle], scores: Sequence[Scores]) -> dict[str, Scores]:
    """Totals per reporting group: the seeds, the war-corpus gold, the dev corpus (Middle East /
    rest / per corpus)."""
    groups: dict[str, Scores] = {}

    def add(name: str, s: Scores) -> None:
        groups.setdefault(name, Scores()).add(s)

    for article, s in zip(articles, scores, strict=True):
        if article.corpus == "seeds" or article.corpus.startswith("war"):
            add(article.corpus, s)
            continue
        add("dev: all", s)
        add("dev: Middle East" if is_middle_east(article) else "dev: rest", s)
        add(f"dev: {article.corpus}", s)
    return groups


def format_table(groups: dict[str, Scores]) -> str:
    """A fixed-width table: one line per group and kind (nouns, adjectives, all)."""
    head = ("group", "kind", "art", "gold", "found", "P", "R", "F1", "id", "161km")
    lines = ["{:<18} {:<5} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6}".format(*head)]
    for name, s in groups.items():
        for kind in ("noun", "adjective", "all"):
            f = getattr(s, kind).figures()
            cells = [
                "-" if f[k] is None else f"{f[k]:.3f}"
                for k in ("precision", "recall", "f1", "exact_id", "within_161km")
            ]
            lines.append(
                f"{name:<18} {kind[:5]:<5} {f['articles']:>5} {f['gold']:>6} {f['found']:>6} "
                + " ".join(f"{c:>6}" for c in cells)
            )
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--dev", type=Path, default=DEV_CORPUS, help="dev corpus JSON Lines")
    parser.add_argument("--war", type=Path, default=WAR_CORPUS, help="war corpus folder")
    parser.add_argument(
        "--skip-embedded",
        action="store_true",
        help="leave GeoWebNews places inside organisation names out of the scoring",
    )
    args = parser.parse_args(argv)

    gazetteer = default_gazetteer()
    articles = load_seeds(SEEDS_GOLD, gazetteer)
    if args.war.exists():
        articles += load_war(UKRAINE_GOLD, args.war, gazetteer)
    else:
        print(f"war corpus not found at {args.war}: Ukraine place gold skipped", file=sys.stderr)
    if args.dev.exists():
        articles += load_dev(args.dev, args.skip_embedded)
    else:
        print(f"dev corpus not found at {args.dev}: scoring the seeds only", file=sys.stderr)
    groups = group_rows(articles, evaluate(articles, gazetteer))
    if args.json:
        out = {
            name: {k: getattr(s, k).figures() for k in ("noun", "adjective", "all")}
            for name, s in groups.items()
        }
        print(json.dumps(out, indent=2))
    else:
        print(format_table(groups))
        evaluate_figures([])  # then the figure gold: scripts/evaluate_figures.py
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
