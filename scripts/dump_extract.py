"""Write ``extract`` output (places and figures) of the seeds, dev and war corpora as JSON lines.

For checking that a refactor changes nothing: run it in two trees (``git worktree add``) and
compare the files byte for byte.

    PYTHONPATH=. python scripts/dump_extract.py OUT.jsonl
    (cd /tmp/base && python scripts/dump_extract.py /tmp/base.jsonl); cmp /tmp/base.jsonl OUT.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo.articles import load_bundled, make_article  # noqa: E402
from geo.pipeline import extract  # noqa: E402

DEV_CORPUS = REPO.parent / "shared" / "dev-corpus" / "geoparsing_dev.jsonl"
WAR_CORPUS = REPO.parent / "shared" / "war-corpus"


def main(out: Path) -> int:
    articles = list(load_bundled())
    if DEV_CORPUS.exists():  # JSON lines: split on "\n" only (texts hold U+2028)
        lines = DEV_CORPUS.read_text(encoding="utf-8").split("\n")
        articles += [make_article(json.loads(line)["text"]) for line in lines if line.strip()]
    war = sorted(WAR_CORPUS.glob("*/*.txt"))  # undated texts: their years come from the text
    articles += [make_article(path.read_text(encoding="utf-8")) for path in war]
    with out.open("w", encoding="utf-8") as f:
        for article in articles:
            result = extract(article)
            record = {
                "id": article.id,
                "places": [m.to_dict() for m in result.places],
                "figures": [x.to_dict() for x in result.figures],
            }
            f.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(articles)} articles -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1])))
