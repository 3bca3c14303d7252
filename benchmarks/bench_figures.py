"""The figure reader's speed, before (the landed code) and after, in one run.

    git worktree add /tmp/base 4223c0a      # the code before issue 10, once
    python benchmarks/bench_figures.py [--base /tmp/base] [--repeats 3]

Each side runs in its own process with its own ``geo`` package (two versions cannot share
one interpreter), on the same texts: the war corpus and the dev corpus of ``../shared`` when
present, else the bundled seeds.  Place mentions are found first, off the clock, by that
side's own geoparser; the clock is CPU time (``time.process_time``) around ``find_figures``
only, best of the repeats.  Prints MB of article text per CPU second for both and the ratio;
issue 10 asks the after side to stay within 20 % of the before side.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
LIMIT = 0.20


def _texts() -> list[str]:
    war = sorted((SHARED / "war-corpus").glob("*/*.txt"))
    dev = SHARED / "dev-corpus" / "geoparsing_dev.jsonl"
    texts = [p.read_text(encoding="utf-8") for p in war]
    if dev.exists():
        with dev.open(encoding="utf-8") as f:
            texts += [json.loads(line)["text"] for line in f]
    if not texts:
        texts = [
            p.read_text(encoding="utf-8")
            for p in sorted((REPO / "data" / "articles").glob("*.txt"))
        ]
    return texts


def worker(tree: Path, repeats: int) -> dict:
    """Time ``find_figures`` of the ``geo`` package in ``tree`` (run in a fresh process)."""
    sys.path.insert(0, str(tree))
    from geo.articles import make_article
    from geo.figures import find_figures
    from geo.toponyms import find_places

    articles = [make_article(t) for t in _texts()]
    places = [find_places(a) for a in articles]
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        figures = sum(len(find_figures(a, p)) for a, p in zip(articles, places, strict=True))
        best = min(best, time.process_time() - start)
    size = sum(len(a.text.encode("utf-8")) for a in articles) / 1e6
    return {"mb": size, "cpu_s": best, "mb_per_cpu_s": size / best, "figures": figures}


def _run(tree: Path, repeats: int) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--worker", str(tree), "--repeats", str(repeats)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, default=Path("/tmp/base"), help="the before tree")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.repeats)))
        return 0
    if not (args.base / "geo" / "figures.py").exists():
        print(f"no before tree at {args.base}: git worktree add {args.base} 4223c0a")
        return 1
    before, after = _run(args.base, args.repeats), _run(REPO, args.repeats)
    for name, r in (("before", before), ("after", after)):
        print(
            f"{name:<7} {r['mb']:.2f} MB  {r['cpu_s']:.2f} CPU s  {r['mb_per_cpu_s']:.2f} MB/CPU s"
            f"  {r['figures']} figures"
        )
    ratio = after["mb_per_cpu_s"] / before["mb_per_cpu_s"]
    print(f"after / before = {ratio:.2f} (issue 10: >= {1 - LIMIT:.2f})")
    return 0 if ratio >= 1 - LIMIT else 1


if __name__ == "__main__":
    raise SystemExit(main())
