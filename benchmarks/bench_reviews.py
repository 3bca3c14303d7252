"""What applying reviews on read costs: geo.reviews.apply and merged over many rows and reviews.

The seeds' figures are repeated (each copy under its own article id) to ``--rows`` rows;
``--reviews`` reviews are spread over them (a third confirmations, a third rejections, a
third corrections of kind, bounds or period).  Prints the median time of ``apply`` over the
whole frame (what the dashboard does once per store version) and of ``merged`` for a
filtered read of a tenth of the rows (what a filter change does), beside the time of the
unreviewed path.  The dashboard reads every matching row into pandas anyway (README, Known
limits); this measures what reviews add to it.

    python benchmarks/bench_reviews.py [--rows 100000] [--reviews 1000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import pandas as pd

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo.articles import load_bundled  # noqa: E402
from geo.filters import Filters  # noqa: E402
from geo.pipeline import extract  # noqa: E402
from geo.reviews import apply, make_review, merged, unreviewed, within  # noqa: E402
from geo.store import open_store  # noqa: E402


def _frame(rows: int) -> pd.DataFrame:
    store = open_store(":memory:")
    for article in load_bundled():
        store.add(extract(article))
    seeds = store.figures()
    copies = [
        seeds.assign(article_id=seeds["article_id"] + f"-{i}")
        for i in range(rows // len(seeds) + 1)
    ]
    return pd.concat(copies, ignore_index=True).head(rows)


def _reviews(frame: pd.DataFrame, count: int) -> list:
    rng = random.Random(7)
    picked = frame.sample(n=count, random_state=7).to_dict("records")
    found = []
    for i, row in enumerate(picked):
        span = (int(row["start"]), int(row["end"]))
        kind = i % 3
        if kind < 2:
            status = ("confirmed", "rejected")[kind]
            found.append(make_review(row["article_id"], "figure", span, "status", "confirm",
                                     "machine-read", status, "bench"))  # fmt: skip
        else:
            field, new = rng.choice([
                ("kind", "refugees"),
                ("bounds", {"value": 10.0, "low": 5.0, "high": 20.0}),
                ("period", {"date_start": "2019-02-01", "date_end": "2019-02-02"}),
            ])  # fmt: skip
            found.append(make_review(row["article_id"], "figure", span, field, "correct",
                                     None, new, "bench"))  # fmt: skip
    return found


def _median(action, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        action()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--reviews", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    frame = _frame(args.rows)
    reviews = _reviews(frame, args.reviews)
    found = frame.iloc[: len(frame) // 10]
    everything = apply(frame, reviews, "figure")
    keep = Filters(kinds=("displaced", "refugees"))
    timings = {
        "no review (unreviewed)": _median(lambda: unreviewed(frame), args.repeat),
        f"apply, {len(frame):,} rows": _median(
            lambda: apply(frame, reviews, "figure"), args.repeat
        ),
        f"merged, {len(found):,} filtered rows": _median(
            lambda: merged(
                found, everything, reviews, "figure", lambda f: within(f, keep, "figure")
            ),
            args.repeat,
        ),  # fmt: skip
    }
    print(f"{args.reviews:,} reviews over {len(frame):,} figure rows (median of {args.repeat})")
    for what, seconds in timings.items():
        print(f"  {what:<34} {seconds * 1000:8.1f} ms")


if __name__ == "__main__":
    main()
