"""Write N distinct, realistic articles as JSON Lines, for scale benchmarks, without network.

    python scripts/make_scale_corpus.py 100000 /tmp/scale.jsonl [--seed 1]

Each article is a run of consecutive paragraphs (or sentences, for one-paragraph texts) of
a real text: the bundled seed articles, and, when they are beside the repo, the war corpus
(``../shared/war-corpus``) and the development corpus (``../shared/dev-corpus``).  Such
texts are read here for benchmarks only and never written into the repo.  The article is
given an outlet of a fixed list and a publication date spread over 2014-2024, and opens
with the outlet's dateline, as wire copy republished by several outlets does, so every
article is a text of its own (the store keys articles by their normalised text).  The same
seed gives the same file.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geo.articles import article_id, load_bundled  # noqa: E402

SHARED = ROOT.parent / "shared"
OUTLETS = (
    "Levant Wire", "Euphrates Monitor", "Gulf Desk", "Crossing Point", "The Frontline Daily",
    "Northern Dispatch", "Relief Bulletin", "Border Report", "Capital Courier",
    "Evening Ledger", "Black Sea Review", "Steppe Observer", "River Post", "Morning Herald",
    "Eastern Front Notes", "Field Report", "World Briefing", "Regional Times",
)  # fmt: skip
FIRST_DAY, DAYS = date(2014, 1, 1), (date(2024, 12, 31) - date(2014, 1, 1)).days
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")


def source_texts() -> list[tuple[str, str]]:
    """``(title, text)`` of every text there is to draw from."""
    texts = [(a.title, a.text) for a in load_bundled()]
    for path in sorted((SHARED / "war-corpus").glob("*/*.txt")):
        texts.append((path.stem.replace("_", " "), path.read_text(encoding="utf-8")))
    dev = SHARED / "dev-corpus" / "geoparsing_dev.jsonl"
    if dev.exists():
        with dev.open(encoding="utf-8") as lines:
            texts += [(r["title"] or "", r["text"]) for r in map(json.loads, lines) if r["text"]]
    return texts


def pieces(text: str) -> list[str]:
    """Paragraphs, or sentences when the text is one paragraph."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    return paragraphs if len(paragraphs) >= 3 else SENTENCE_END.split(" ".join(paragraphs))


def articles(n: int, seed: int) -> Iterator[dict]:
    """``n`` records with distinct texts."""
    rng = random.Random(seed)
    sources = [(title, pieces(text)) for title, text in source_texts()]
    seen: set[str] = set()
    while len(seen) < n:
        title, parts = rng.choice(sources)
        length = rng.randint(min(3, len(parts)), min(12, len(parts)))
        start = rng.randrange(len(parts) - length + 1)
        outlet = rng.choice(OUTLETS)
        published = FIRST_DAY + timedelta(days=rng.randrange(DAYS + 1))
        text = f"({outlet}) — " + "\n\n".join(parts[start : start + length])
        key = article_id(text)
        if key in seen:
            continue
        seen.add(key)
        yield {
            "title": f"{title} ({start + 1}-{start + length})",
            "outlet": outlet,
            "published": published.isoformat(),
            "url": f"https://example.org/{key}",
            "text": text,
        }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="articles to write")
    parser.add_argument("out", type=Path, help="the JSON Lines file to write")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with args.out.open("w", encoding="utf-8") as out:
        for record in articles(args.n, args.seed):
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
