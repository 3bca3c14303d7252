"""Score geo.figures against figure gold written by reading the articles.

    python scripts/evaluate_figures.py            # seeds + dev corpus (if ../shared is there)
    python scripts/evaluate_figures.py --no-places  # figures only, without the geoparser

Gold: tests/gold/figures_seeds.json (the bundled seeds) and tests/gold/dev_figures.json
(Middle East articles of ../shared/dev-corpus/geoparsing_dev.jsonl; offsets and numbers only,
the texts are read from the corpus and the set is skipped when it is missing).  Dev articles
marked held_out were annotated before the extractor ever ran on them and are scored apart.

A predicted figure matches a gold figure when their spans overlap.  Reported:
- recall: gold figures found with kind and value/low/high exactly right (and found at all);
- salient recall: the same for displacement, fighter, detention, remaining-civilian and
  territory figures (the ones the map draws as the conflict's scale);
- bounds right: of the salient gold figures found, the share with value/low/high exact;
- precision: predicted figures of any kind but "other" that match a gold figure with kind and
  bounds right; "real claims": those that overlap any gold figure at all;
- place / period accuracy on matched figures whose gold gives them;
- forbidden: predictions drawn (kind != other) over a span listed as never to be drawn.
"""

from __future__ import annotations

import argparse
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
DEV_CORPUS = ROOT.parent / "shared" / "dev-corpus" / "geoparsing_dev.jsonl"
SALIENT = {"displaced", "returned", "fighters", "detained", "civilians_remaining",
           "territory_area", "territory_share"}  # fmt: skip


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    right: int = 0
    salient: int = 0
    salient_found: int = 0
    salient_right: int = 0
    drawn: int = 0
    drawn_right: int = 0
    drawn_real: int = 0
    places: list[bool] = field(default_factory=list)
    periods: list[bool] = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is b
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9)


def bounds_right(f: Figure, g: dict) -> bool:
    same = all(_close(getattr(f, k), g[k]) for k in ("value", "low", "high"))
    return same and f.unit == g["unit"]


def _overlaps(f: Figure, start: int, end: int) -> bool:
    return f.start < end and start < f.end


def _span(text: str, span: str | list[int]) -> tuple[int, int]:
    """A never-draw span: [start, end] (dev gold) or the quoted words (seed gold)."""
    if isinstance(span, str):
        at = text.index(span)
        return at, at + len(span)
    return span[0], span[1]


def _score_gold(name: str, g: dict, drawn: list[Figure], tally: Tally) -> Figure | None:
    """Tally one gold figure; the prediction that gets it right, if any."""
    tally.gold += 1
    salient = g["kind"] in SALIENT
    tally.salient += salient
    hits = [f for f in drawn if _overlaps(f, g["start"], g["end"])]
    if not hits:
        tally.misses.append(f"{name} {g['start']}-{g['end']} {g['kind']} not found")
        return None
    tally.found += 1
    tally.salient_found += salient
    best = next((f for f in hits if f.kind == g["kind"] and bounds_right(f, g)), hits[0])
    if best.kind != g["kind"] or not bounds_right(best, g):
        tally.misses.append(
            f"{name} {g['start']}-{g['end']} gold {g['kind']} {g['value']}"
            f" [{g['low']}, {g['high']}] got {best.kind} {best.value} [{best.low}, {best.high}]"
        )
        return None
    tally.right += 1
    tally.salient_right += salient
    if g.get("place_ids"):
        placed = best.place is not None and best.place.id in g["place_ids"]
        tally.places.append(placed)
        if not placed:
            got = f"{best.place.id} {best.place.name}" if best.place else None
            tally.misses.append(f"{name} {best.text!r} place {got}, gold {g['place_ids']}")
    if g.get("date_start"):
        period = (str(best.date_start), str(best.date_end))
        tally.periods.append(period == (g["date_start"], g["date_end"]))
    return best


def score_article(article: Article, gold: dict, figures: list[Figure], tally: Tally) -> None:
    name = gold["id"]
    drawn = [f for f in figures if f.kind != "other"]
    tally.drawn += len(drawn)
    right = [_score_gold(name, g, drawn, tally) for g in gold["figures"]]
    never = [_span(article.text, span) for span in gold.get("not_map", [])]
    for f in drawn:
        tally.drawn_right += f in right
        real = any(_overlaps(f, g["start"], g["end"]) for g in gold["figures"])
        tally.drawn_real += real
        if not real:
            tally.misses.append(f"{name} drawn, not in gold: {f.kind} {f.text!r}")
        if any(_overlaps(f, start, end) for start, end in never):
            tally.forbidden.append(f"{name} {f.kind} {f.text!r}")


def _share(part: int, whole: int) -> str:
    return f"{part / whole:.2f} ({part}/{whole})" if whole else "n/a"


def report(name: str, tally: Tally) -> None:
    print(f"\n{name}")
    print(f"  recall, kind + bounds right      {_share(tally.right, tally.gold)}")
    print(f"  recall, found at all             {_share(tally.found, tally.gold)}")
    print(f"  salient recall, found            {_share(tally.salient_found, tally.salient)}")
    print(f"  salient found with bounds right  {_share(tally.salient_right, tally.salient_found)}")
    print(f"  precision (kind != other)        {_share(tally.drawn_right, tally.drawn)}")
    print(f"  drawn figures that are real      {_share(tally.drawn_real, tally.drawn)}")
    print(f"  place accuracy                   {_share(sum(tally.places), len(tally.places))}")
    print(f"  period accuracy                  {_share(sum(tally.periods), len(tally.periods))}")
    print(f"  drawn over forbidden spans       {len(tally.forbidden)}")
    for line in tally.forbidden + tally.misses:
        print(f"    {line}")


def _places(article: Article, use_places: bool):
    if not use_places:
        return []
    from geo.toponyms import find_places

    return find_places(article)


def evaluate_seeds(use_places: bool) -> Tally:
    gold = json.loads((GOLD / "figures_seeds.json").read_text(encoding="utf-8"))
    articles = {a.id: a for a in load_bundled()}
    tally = Tally()
    for g in gold["articles"]:
        article = articles[g["id"]]
        score_article(article, g, find_figures(article, _places(article, use_places)), tally)
    return tally


def evaluate_dev(use_places: bool) -> dict[str, Tally] | None:
    """Tallies for the dev articles used while developing, and for those held out."""
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
            score_article(article, g, figures, tally)
    return tallies


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-places", action="store_true", help="do not run the geoparser")
    args = parser.parse_args(argv)
    report("Seeds (tests/gold/figures_seeds.json)", evaluate_seeds(not args.no_places))
    for name, tally in (evaluate_dev(not args.no_places) or {}).items():
        report(f"Dev corpus, {name} (tests/gold/dev_figures.json)", tally)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
