"""Score geo.figures against figure gold written by reading the texts.

    python scripts/evaluate_figures.py                # seeds, dev corpus, war dev (tuning sets)
    python scripts/evaluate_figures.py --held-out     # ... and the war held_out split (report only)
    python scripts/evaluate_figures.py --no-places    # figures only, without the geoparser
    python scripts/evaluate_figures.py --misses       # list every miss

Gold: tests/gold/figures_seeds.json (the bundled seeds), tests/gold/dev_figures.json (Middle
East articles of ../shared/dev-corpus) and tests/gold/war_figures_*.json (texts of
../shared/war-corpus, split "dev" / "held_out"; conventions in tests/gold/WAR_GOLD.md).  Texts
of ../shared are read from there, and their sets are skipped with a message when it is absent.
Tune on seeds, dev corpus and war dev only; held_out is run only to report.

A predicted figure matches a gold figure when their spans overlap.  Per split:
- recall: gold figures found at all (any kind), and found with value/low/high/unit exact;
- kind / place / period right, and all three right, of the matched figures.  Place right: the
  gold's ids (seeds, dev) or, for the war gold, within 25 km for precision 1, 100 km for
  precision 2, the same country for precision 3 (gold figures without a place are not scored);
- drawn precision: of the figures the map draws (kind not "other", modality "reported", placed),
  the share that overlap a gold figure of a map-able kind;
- hedge as printed: matched figures whose hedge words are the gold's (case aside);
- geo precision (of figures placed right), modality and cumulative flag right, where the gold
  gives them (reported, no target);
- forbidden: drawn figures over a span the gold says must never be drawn.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.articles import Article, load_bundled, make_article  # noqa: E402
from geo.figures import Figure, find_figures  # noqa: E402

GOLD = ROOT / "tests" / "gold"
SHARED = ROOT.parent / "shared"
DEV_CORPUS = SHARED / "dev-corpus" / "geoparsing_dev.jsonl"
WAR_CORPUS = SHARED / "war-corpus"
RADIUS_KM = {1: 25.0, 2: 100.0}
TARGETS = {"kind": 0.90, "place": 0.90, "period": 0.85, "all": 0.80, "drawn": 0.90,
           "hedge": 1.0}  # fmt: skip


@dataclass
class Tally:
    """Counts of one split; shares are read off with :meth:`share`."""

    gold: int = 0
    found: int = 0
    exact: int = 0
    kind: list[bool] = field(default_factory=list)
    place: list[bool] = field(default_factory=list)
    period: list[bool] = field(default_factory=list)
    all: list[bool] = field(default_factory=list)
    hedge: list[bool] = field(default_factory=list)
    precision: list[bool] = field(default_factory=list)
    modality: list[bool] = field(default_factory=list)
    cumulative: list[bool] = field(default_factory=list)
    drawn: int = 0
    drawn_right: int = 0
    forbidden: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def share(self, name: str) -> float | None:
        """The share of one measure (None when nothing was scored)."""
        if name == "recall":
            return self.found / self.gold if self.gold else None
        if name == "drawn":
            return self.drawn_right / self.drawn if self.drawn else None
        scored = getattr(self, name)
        return sum(scored) / len(scored) if scored else None


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-6, abs_tol=1e-6)


def bounds_right(f: Figure, g: dict) -> bool:
    return all(_close(getattr(f, k), g[k]) for k in ("value", "low", "high")) and (
        f.unit == g["unit"]
    )


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2, dl = math.radians(lat1), math.radians(lat2), math.radians(lon2 - lon1)
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0 * math.acos(max(-1.0, min(1.0, c)))


def place_right(f: Figure, g: dict) -> bool | None:
    """Whether the figure's place is the gold's (None: the gold gives no place to score)."""
    if g.get("place_ids"):
        return f.place is not None and f.place.id in g["place_ids"]
    want = g.get("place")
    if not isinstance(want, dict):
        return None
    if f.place is None:
        return False
    precision = want.get("precision") or 1
    if precision >= 3:
        return f.place.country == want.get("country")
    return _km(f.place.lat, f.place.lon, want["lat"], want["lon"]) <= RADIUS_KM[precision]


def period_right(f: Figure, g: dict) -> bool | None:
    if "date_start" not in g or ("place_ids" in g and not g["date_start"]):
        return None  # the seed and dev gold leave undated figures unscored
    got = (f.date_start and f.date_start.isoformat(), f.date_end and f.date_end.isoformat())
    return got == (g["date_start"], g.get("date_end"))


def _overlaps(f: Figure, start: int, end: int) -> bool:
    return f.start < end and start < f.end


def draws(f: Figure) -> bool:
    """Whether the map draws the figure by default: a reported, placed figure of a map-able kind."""
    return f.kind != "other" and f.modality == "reported" and f.place is not None


def _span(text: str, span: str | list[int]) -> tuple[int, int]:
    """A never-draw span: [start, end] or the quoted words (seed gold)."""
    if isinstance(span, str):
        at = text.index(span)
        return at, at + len(span)
    return span[0], span[1]


def _score_gold(name: str, g: dict, figures: list[Figure], tally: Tally) -> None:
    tally.gold += 1
    hits = [f for f in figures if _overlaps(f, g["start"], g["end"])]
    if not hits:
        tally.misses.append(f"{name} {g['start']}-{g['end']} {g['kind']} not found")
        return
    tally.found += 1
    best = max(hits, key=lambda f: (f.kind == g["kind"], bounds_right(f, g)))
    tally.exact += bounds_right(best, g)
    kind = best.kind == g["kind"]
    tally.kind.append(kind)
    place = place_right(best, g)
    period = period_right(best, g)
    if place is not None:
        tally.place.append(place)
    if period is not None:
        tally.period.append(period)
    tally.all.append(kind and place is not False and period is not False)
    if "hedge" in g:
        tally.hedge.append(best.hedge.lower() == (g["hedge"] or "").lower())
    want = g.get("place") if isinstance(g.get("place"), dict) else g
    if place and want.get("precision"):
        tally.precision.append(best.precision == want["precision"])
    if "modality" in g:
        tally.modality.append(best.modality == g["modality"])
    if "cumulative" in g:
        tally.cumulative.append(best.cumulative == bool(g["cumulative"]))
    if not (kind and place is not False and period is not False):
        where = g.get("place") or {}
        got = f"{best.place.name}/{best.precision}" if best.place else None
        tally.misses.append(
            f"{name} {best.text!r}: kind {best.kind} (gold {g['kind']}) place {got} "
            f"(gold {where.get('name') if isinstance(where, dict) else g.get('place_ids')}) "
            f"period {best.date_start}..{best.date_end} (gold {g.get('date_start')}.."
            f"{g.get('date_end')})"
        )


def score_article(name: str, text: str, gold: dict, figures: list[Figure], tally: Tally) -> None:
    for g in gold["figures"]:
        _score_gold(name, g, figures, tally)
    mapable = [g for g in gold["figures"] if g["kind"] != "other"]
    never = [_span(text, span) for span in gold.get("not_map", [])]
    for f in filter(draws, figures):
        tally.drawn += 1
        right = any(_overlaps(f, g["start"], g["end"]) for g in mapable)
        tally.drawn_right += right
        if not right:
            tally.misses.append(f"{name} drawn, not a gold figure: {f.kind} {f.text!r}")
        if any(_overlaps(f, start, end) for start, end in never):
            tally.forbidden.append(f"{name} {f.kind} {f.text!r}")


def _share(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f}"


MEASURES = ("recall", "kind", "place", "period", "all", "drawn", "hedge")


def report(name: str, tally: Tally, misses: bool) -> None:
    print(f"\n{name}: {tally.gold} gold figures")
    exact = f"{tally.exact / tally.found:.2f}" if tally.found else "n/a"
    print(f"  recall (found)          {_share(tally.share('recall'))}  bounds exact {exact}")
    for measure, label in (("kind", "kind right"), ("place", "place right"),
                           ("period", "period right"), ("all", "all three right"),
                           ("drawn", "drawn precision"), ("hedge", "hedge as printed"),
                           ("precision", "geo precision right"), ("modality", "modality right"),
                           ("cumulative", "cumulative right")):  # fmt: skip
        scored = len(getattr(tally, measure)) if measure != "drawn" else tally.drawn
        print(f"  {label:<23} {_share(tally.share(measure))}  (n={scored})")
    print(f"  drawn over forbidden spans {len(tally.forbidden)}")
    for line in tally.forbidden + (tally.misses if misses else []):
        print(f"    {line}")


def _places(article: Article, use_places: bool):
    if not use_places:
        return []
    from geo.toponyms import find_places

    return find_places(article)


def evaluate_seeds(use_places: bool = True) -> Tally:
    gold = json.loads((GOLD / "figures_seeds.json").read_text(encoding="utf-8"))
    articles = {a.id: a for a in load_bundled()}
    tally = Tally()
    for g in gold["articles"]:
        article = articles[g["id"]]
        figures = find_figures(article, _places(article, use_places))
        score_article(g["id"], article.text, g, figures, tally)
    return tally


def evaluate_dev(use_places: bool) -> dict[str, Tally] | None:
    """The dev-corpus articles used while developing, and those it held out."""
    if not DEV_CORPUS.exists():
        print(f"\n(dev corpus not found at {DEV_CORPUS}: skipped)")
        return None
    gold = json.loads((GOLD / "dev_figures.json").read_text(encoding="utf-8"))
    wanted = {g["id"]: g for g in gold["articles"]}
    tallies = {"development": Tally(), "held out": Tally()}
    with DEV_CORPUS.open(encoding="utf-8") as f:
        for line in f:
            row = json.loads(line)
            if row["id"] not in wanted:
                continue
            g = wanted[row["id"]]
            published = date.fromisoformat(g["published"]) if g.get("published") else None
            article = make_article(row["text"], title=row["title"], published=published)
            figures = find_figures(article, _places(article, use_places))
            tally = tallies["held out" if g.get("held_out") else "development"]
            score_article(g["id"], article.text, g, figures, tally)
    return tallies


def evaluate_war(splits: tuple[str, ...], use_places: bool) -> dict[str, Tally] | None:
    """The war-corpus gold of the given splits (texts read from ../shared/war-corpus)."""
    if not WAR_CORPUS.exists():
        print(f"\n(war corpus not found at {WAR_CORPUS}: skipped)")
        return None
    tallies = {split: Tally() for split in splits}
    for path in sorted(GOLD.glob("war_figures_*.json")):
        for g in json.loads(path.read_text(encoding="utf-8"))["articles"]:
            if g["split"] not in tallies:
                continue
            raw = (WAR_CORPUS / g["file"]).read_bytes()
            if g.get("sha256") and hashlib.sha256(raw).hexdigest() != g["sha256"]:
                print(f"  (skipped {g['file']}: text differs from the gold's sha256)")
                continue
            text = raw.decode("utf-8")
            article = make_article(text, title=text.split("\n", 1)[0])
            figures = find_figures(article, _places(article, use_places))
            score_article(g["file"], article.text, g, figures, tallies[g["split"]])
    return tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-places", action="store_true", help="do not run the geoparser")
    parser.add_argument("--held-out", action="store_true", help="also score war held_out")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--only", choices=("seeds", "dev", "war"), help="one gold set only")
    args = parser.parse_args(argv)
    places = not args.no_places
    if args.only in (None, "seeds"):
        report("Seeds (tests/gold/figures_seeds.json)", evaluate_seeds(places), args.misses)
    if args.only in (None, "dev"):
        for name, tally in (evaluate_dev(places) or {}).items():
            report(f"Dev corpus, {name} (tests/gold/dev_figures.json)", tally, args.misses)
    if args.only in (None, "war"):
        splits = ("dev", "held_out") if args.held_out else ("dev",)
        for name, tally in (evaluate_war(splits, places) or {}).items():
            report(f"War corpus, {name} (tests/gold/war_figures_*.json)", tally, args.misses)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
