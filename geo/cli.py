"""The ``python -m geo`` command line: one sub-command per question, JSON on stdout."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date

from geo.articles import Article, make_article


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _lookup(args: argparse.Namespace) -> int:
    from geo.gazetteer import default_gazetteer

    candidates = default_gazetteer().lookup(args.name, limit=args.limit)
    print(json.dumps([c.to_dict() for c in candidates], ensure_ascii=False, indent=2))
    return 0


def _read_input(path: str) -> str:
    """The text of FILE (or stdin for ``-``), decoded as UTF-8 with newlines untouched."""
    data = sys.stdin.buffer.read() if path == "-" else open(path, "rb").read()  # noqa: SIM115
    return data.decode("utf-8")


def _extract(args: argparse.Namespace) -> int:
    from geo.pipeline import extract

    status = 0
    for path in args.files:
        try:
            article: Article = make_article(_read_input(path), published=args.published)
        except (OSError, UnicodeDecodeError) as exc:
            print(json.dumps({"file": path, "error": str(exc)}), flush=True)
            status = 1
            continue
        result = extract(article)
        record = {
            "file": path,
            "id": article.id,
            "published": args.published.isoformat() if args.published else None,
            "places": [m.to_dict() for m in result.places],
            "figures": [f.to_dict() for f in result.figures],
        }
        print(json.dumps(record, ensure_ascii=False), flush=True)
    return status


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    lookup = sub.add_parser("lookup", help="ranked gazetteer candidates for a place name")
    lookup.add_argument("name")
    lookup.add_argument("--limit", type=int, default=10)
    lookup.set_defaults(run=_lookup)

    ext = sub.add_parser("extract", help="places and figures of articles, one JSON line each")
    ext.add_argument("files", nargs="+", metavar="FILE", help="text files; - for stdin")
    ext.add_argument("--published", type=_iso_date, help="publication date, YYYY-MM-DD")
    ext.set_defaults(run=_extract)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
