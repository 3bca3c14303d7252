"""The worst article we could construct: dense numbers, places and dates, up to 1 MB.

Every sentence holds a hedged figure, a place and a date expression (the
costliest things for the reader), so this is far slower per character than
news.  For each size it prints the CPU seconds of the extraction and of the
Figures page's work on the stored result (table, conflicting claims, map
HTML), and the growth factor against the size before: about 2 when a step is
linear in the size, 4 when it is quadratic.

    python benchmarks/bench_worst_case.py [--sizes 62500 125000 250000 500000 1000000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

SENTENCES = [
    "More than {n:,} people fled Baghuz on Tuesday.",
    "About {n:,} fighters remain in Hajin since March.",
    "Nearly {n} square miles were held near Raqqa over the past {d} days.",
    "On {d} March, {n:,} were killed in Deir ez-Zor.",
    "Some {n:,} families returned to Mosul last week.",
    "{n:,} civilians were trapped in Aleppo on 12 May 2018.",
]


def worst_text(chars: int, seed: int = 1) -> str:
    """``chars`` characters of figure-dense reporting (the same for the same seed)."""
    rng = random.Random(seed)
    parts, size = [], 0
    while size < chars:
        sentence = rng.choice(SENTENCES).format(n=rng.randint(2, 90_000), d=rng.randint(1, 28))
        parts.append(sentence)
        size += len(sentence) + 1
    return " ".join(parts)[:chars]


def _cpu(step) -> tuple[float, object]:
    start = time.process_time()
    result = step()
    return time.process_time() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[62_500, 125_000, 250_000])
    args = parser.parse_args(argv)

    from geo.articles import make_article
    from geo.filters import Filters
    from geo.maps import build_map, display_boundaries
    from geo.pipeline import extract
    from geo.store import open_store
    from geo.summary import conflicting_claims, figures_table

    extract(make_article("Warm-up in Syria.", published=date(2019, 3, 7)))  # loads the gazetteer
    governorates = display_boundaries("governorates")
    print(f"{'chars':>9} {'figures':>8} {'extract':>9} {'x':>5} {'page':>8} {'x':>5}")
    before = None
    for size in args.sizes:
        article = make_article(worst_text(size), published=date(2019, 3, 7))
        extract_s, extraction = _cpu(lambda article=article: extract(article))
        store = open_store(":memory:")
        store.add(extraction)
        mentions, figures = store.mentions(Filters()), store.figures(Filters())

        def page(mentions=mentions, figures=figures):
            figures_table(figures)
            conflicting_claims(figures)
            return build_map(mentions, figures, governorates).get_root().render()

        page_s, _ = _cpu(page)
        growth = (
            (f"{extract_s / before[0]:5.1f}", f"{page_s / before[1]:5.1f}") if before else ("", "")
        )
        print(
            f"{size:>9,} {len(extraction.figures):>8,} {extract_s:>8.1f}s {growth[0]:>5} "
            f"{page_s:>7.1f}s {growth[1]:>5}",
            flush=True,
        )
        before = (extract_s, page_s)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
