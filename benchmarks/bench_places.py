"""Our geoparser against the off-the-shelf ``geotext``, on the same texts in one run.

Prints articles/s and MB/s of article text for both (loading excluded: the gazetteer, the
matcher and geotext's index are built before the clock starts).  The headline is our first
pass: every name is then seen for the first time (cold lookup caches), as in an ingest of new
articles; the second pass, with warm caches, is printed beside it.  Then recognition and
resolution scores of both on the gold: the seeds, and the dev corpus when
``../shared/dev-corpus/`` is present (Middle East articles and all).

geotext reports names, not spans, and no coordinates: its names are put back on the text at
their first occurrences in order, and resolved as geotext's own data would (the most populous
city of that name in its cities15000 table, or the country), so both tools are scored alike.

    python benchmarks/bench_places.py
    python benchmarks/bench_places.py --baseline /tmp/base --rounds 5

``--baseline`` times only the first pass, in fresh processes, alternately in this tree and in
another checkout (``git worktree add /tmp/base <commit>``), and prints the medians side by
side with the load average: on a shared machine only a comparison made in one run says
whether a change is faster.
"""

from __future__ import annotations

import argparse
import csv
import os
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from pathlib import Path

from geotext import GeoText
from geotext.geotext import get_data_path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "scripts")]

import evaluate  # noqa: E402

from geo.gazetteer import Gazetteer, Place, default_gazetteer  # noqa: E402
from geo.toponyms import PlaceMention, find_places  # noqa: E402

Tool = Callable[[str], list[PlaceMention]]


def geotext_places(gazetteer: Gazetteer) -> Tool:
    """geotext as a tool with our output shape: spans recovered, names resolved by its data."""
    cities: dict[str, tuple[int, Place]] = {}
    with open(get_data_path("cities15000.txt"), encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            population = int(row[14] or 0)
            key = row[1].lower()
            if key not in cities or cities[key][0] < population:
                place = Place(
                    row[0],
                    int(row[0]),
                    row[1],
                    "populated place",
                    row[7],
                    row[8],
                    "",
                    float(row[4]),
                    float(row[5]),
                    population,
                    (),
                )
                cities[key] = (population, place)
    countries: dict[str, Place] = {}
    with open(get_data_path("countryInfo.txt"), encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) > 16 and not row[0].startswith(("#", "\ufeff#")):
                place = gazetteer.get(row[16])
                if place is not None:
                    countries[row[4].lower()] = place

    def run(text: str) -> list[PlaceMention]:
        found = GeoText(text)
        mentions = []
        for names, table in ((found.countries, countries), (found.cities, None)):
            counts: dict[str, int] = defaultdict(int)
            for name in names:
                counts[name] += 1
            for name, count in counts.items():
                place = table.get(name.lower()) if table is not None else None
                if table is None and name.lower() in cities:
                    place = cities[name.lower()][1]
                for start in _occurrences(text, name)[:count]:
                    mentions.append(
                        PlaceMention(name, start, start + len(name), place, 1.0, False, ())
                    )
        return sorted(mentions, key=lambda m: m.start)

    return run


def _occurrences(text: str, name: str) -> list[int]:
    """Starts of ``name`` in ``text`` as a whole word."""
    starts, at = [], text.find(name)
    while at >= 0:
        end = at + len(name)
        if (at == 0 or not text[at - 1].isalnum()) and not text[end : end + 1].isalnum():
            starts.append(at)
        at = text.find(name, at + 1)
    return starts


def timed(tool: Tool, texts: Sequence[str]) -> tuple[float, list[list[PlaceMention]]]:
    """CPU seconds of this process (a per-core figure, steady on a busy machine) and results."""
    start = time.process_time()
    results = [tool(text) for text in texts]
    return time.process_time() - start, results


#: The first pass over the seeds and dev corpus, as a program either tree can run: MB/s printed.
FIRST_PASS = """
import sys, time
sys.path[:0] = [".", "scripts"]
import evaluate
from geo.gazetteer import default_gazetteer
from geo.toponyms import find_places
gazetteer = default_gazetteer()
articles = evaluate.load_seeds(evaluate.SEEDS_GOLD, gazetteer)
articles += evaluate.load_dev(evaluate.DEV_CORPUS)
texts = [a.text for a in articles]
find_places("warm-up: builds the matcher (loading, not timed) in Syria", gazetteer)
start = time.process_time()
for text in texts:
    find_places(text, gazetteer)
print(sum(len(t.encode()) for t in texts) / 1e6 / (time.process_time() - start))
"""


def first_pass(tree: Path) -> float:
    """MB/s of the first pass in a fresh process of ``tree``."""
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONHASHSEED": "0"}
    run = subprocess.run(
        [sys.executable, "-c", FIRST_PASS],
        cwd=tree,
        env=env,
        text=True,
        capture_output=True,
        check=True,
    )
    return float(run.stdout.split()[-1])


def compare(baseline: Path, rounds: int) -> int:
    """Print the first-pass medians of this tree and ``baseline``, measured alternately."""
    rates: dict[str, list[float]] = {"this tree": [], str(baseline): []}
    loads = []
    for _ in range(rounds):
        for name, tree in (("this tree", REPO), (str(baseline), baseline)):
            rates[name].append(first_pass(tree))
            loads.append(os.getloadavg()[0])
    print(
        f"first pass, MB/s per CPU second, {rounds} fresh processes each, alternated;"
        f" load average {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} CPUs"
    )
    for name, values in rates.items():
        print(
            f"  {name:<24} median {statistics.median(values):.2f}"
            f"  (runs: {' '.join(f'{v:.2f}' for v in values)})"
        )
    ratio = statistics.median(rates["this tree"]) / statistics.median(rates[str(baseline)])
    print(f"  this tree / baseline: {ratio:.2f}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--baseline", type=Path, help="another checkout to compare the first pass with"
    )
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    if args.baseline is not None:
        return compare(args.baseline, args.rounds)
    gazetteer = default_gazetteer()
    articles = evaluate.load_seeds(evaluate.SEEDS_GOLD, gazetteer)
    if evaluate.DEV_CORPUS.exists():
        articles += evaluate.load_dev(evaluate.DEV_CORPUS)
    else:
        print(f"dev corpus not found at {evaluate.DEV_CORPUS}: seeds only", file=sys.stderr)
    texts = [a.text for a in articles]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6

    ours: Tool = lambda text: find_places(text, gazetteer)  # noqa: E731
    # Both indexes are loaded before our warm-up, which builds the matcher and then freezes
    # what the process holds out of the garbage collector's way; geotext is timed first. So
    # neither tool's time includes collecting the other's index or caches.
    tools = {"geotext": geotext_places(gazetteer), "ours": ours}
    ours("warm-up: builds the matcher (loading, not timed) in Syria")

    print(
        f"{len(texts)} articles, {megabytes:.2f} MB of text, one process;"
        f" load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
    )
    print("rates per CPU second (process time), so per core")
    print(f"{'tool':<22} {'articles/s':>11} {'MB/s':>7} {'ms/article':>11}")
    results, rates = {}, {}
    for name, tool in tools.items():
        passes = [timed(tool, texts) for _ in range(2 if name == "ours" else 1)]
        rates[name] = [megabytes / seconds for seconds, _ in passes]
        for number, (seconds, _) in enumerate(passes):
            label = name if len(passes) == 1 else f"{name} ({('first', 'second')[number]} pass)"
            print(
                f"{label:<22} {len(texts) / seconds:>11.0f} {megabytes / seconds:>7.2f} "
                f"{1000 * seconds / len(texts):>11.2f}"
            )
        results[name] = passes[-1][1]
    first, second = rates["ours"]
    print(
        f"headline: ours {first:.2f} MB/s per core on first sight of the names (target 2.00);"
        f" {second:.2f} with warm caches ({first / second:.2f} of it);"
        f" geotext {rates['geotext'][0] / first:.1f} times faster"
    )

    print()
    print(f"{'tool':<8} {'gold':<18} {'P':>6} {'R':>6} {'F1':>6} {'id':>6} {'161km':>6}")
    for name, found in results.items():
        scores = [evaluate.score_article(a, f) for a, f in zip(articles, found, strict=True)]
        for group, total in evaluate.group_rows(articles, scores).items():
            if group not in ("seeds", "dev: Middle East", "dev: all"):
                continue
            f = total.all.figures()
            cells = " ".join(
                "     -" if f[k] is None else f"{f[k]:>6.3f}"
                for k in ("precision", "recall", "f1", "exact_id", "within_161km")
            )
            print(f"{name:<8} {group:<18} {cells}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
