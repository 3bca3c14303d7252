"""The ``python -m geo`` command line: one sub-command per question, JSON on stdout.

``ingest`` prints a readable summary instead (``--json`` for the JSON), and a
progress bar on stderr when that is a terminal.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from contextlib import closing, contextmanager
from datetime import date
from pathlib import Path

from geo.articles import Article, make_article


def _iso_date(value: str) -> date:
    """A publication date given on the command line: YYYY-MM-DD, not after tomorrow."""
    from geo.readers import Unreadable, parse_published

    try:
        found = date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None
    try:
        return parse_published(found, date.today())
    except Unreadable as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _lookup(args: argparse.Namespace) -> int:
    from geo.gazetteer import Gazetteer, default_gazetteer

    gazetteer = Gazetteer.load(args.data) if args.data else default_gazetteer()
    candidates = gazetteer.lookup(args.name, limit=args.limit)
    print(json.dumps([c.to_dict() for c in candidates], ensure_ascii=False, indent=2))
    return 0


def _gazetteer_add(args: argparse.Namespace) -> int:
    """Check a GeoNames country dump (and its admin polygons), build the gazetteer and the
    boundaries with it beside the working ones, check what was built, and only then swap the
    folders in: a bad file or a failed build leaves the working ones untouched."""
    import shutil
    import subprocess
    import tempfile

    from geo.boundaries import DATA_DIR as BOUNDARIES_DIR
    from geo.gazetteer import DATA_DIR, Gazetteer
    from geo.geonames_dump import BadDump, read_dump, read_units

    out: Path = args.out or DATA_DIR
    boundaries: Path = args.boundaries or BOUNDARIES_DIR
    polygons = [("--admin1", args.admin1), ("--admin2", args.admin2)]
    try:
        first = read_dump(args.file)[0]
        for _, path in polygons:
            if path is not None:
                read_units(path)
    except (BadDump, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not (out / "places.tsv.gz").exists():
        print(f"error: no gazetteer in {out} to add to", file=sys.stderr)
        return 2
    scripts = Path(__file__).resolve().parent.parent / "scripts"
    staging = Path(tempfile.mkdtemp(prefix=".gazetteer-", dir=out.parent))
    built_g, built_b = staging / "gazetteer", staging / "boundaries"
    try:
        command = [str(scripts / "build_gazetteer.py"), "--base", str(out), "--out", str(built_g)]
        command += ["--add", str(args.file)]
        command += [str(a) for flag, path in polygons if path is not None for a in (flag, path)]
        steps = [command]
        if args.admin1 or args.admin2:
            steps.append(
                [str(scripts / "build_boundaries.py"), "--base", str(boundaries)]
                + ["--gazetteer", str(built_g), "--out", str(built_b)]
            )
        for step in steps:
            built = subprocess.run([sys.executable, *step], capture_output=True, text=True)
            if built.returncode != 0:
                print(
                    f"error: the build failed; gazetteer unchanged\n{built.stderr}", file=sys.stderr
                )
                return 1
            print(built.stdout.strip())
        if Gazetteer.load(built_g).get(first[0] or f"wof:{first[19]}") is None:
            print("error: the rebuilt gazetteer lacks the added places; unchanged", file=sys.stderr)
            return 1
        swaps = [(built_g, out)] + ([(built_b, boundaries)] if built_b.exists() else [])
        _swap_in(swaps, staging)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    if len(swaps) == 2 and boundaries == BOUNDARIES_DIR:
        # the map serves light copies of the shipped boundaries: made again from the new ones
        served = subprocess.run([sys.executable, str(scripts / "build_map_boundaries.py")])
        if served.returncode != 0:
            print("warning: run scripts/build_map_boundaries.py to draw them", file=sys.stderr)
    return 0


def _swap_in(swaps: list[tuple[Path, Path]], staging: Path) -> None:
    """Replace each target folder by its built one with renames (atomic on one file system):
    the old folders are moved into ``staging`` first, and moved back if a later rename fails,
    so a reader sees the old folders or the new ones, never a mix of files."""
    moved: list[tuple[Path, Path]] = []
    try:
        for number, (built, target) in enumerate(swaps):
            old = staging / f"old-{number}"
            target.rename(old)
            moved.append((old, target))
            built.rename(target)
    except OSError:
        for old, target in reversed(moved):
            if target.exists():
                target.rename(staging / f"failed-{target.name}")
            old.rename(target)
        raise


def _read_input(path: str) -> str:
    """The text of FILE (or stdin for ``-``), decoded as UTF-8 with newlines untouched."""
    data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
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


def _open_writable(url: str | None):
    """The store at ``--db`` (else $DATABASE_URL, else the default file); None if unusable."""
    from geo.store import open_store

    store = open_store(url)
    if not store.writable:
        print(f"error: {store.note.split(';')[0]}", file=sys.stderr)
        return None
    return store


def _progress(items, desc: str):
    """A progress bar on a terminal; nothing when the output is a file or a pipe."""
    from tqdm import tqdm

    disable = not sys.stderr.isatty()
    return tqdm(items, desc=desc, unit=" records", file=sys.stderr, disable=disable)


@contextmanager
def _client(args: argparse.Namespace):
    """The Dask client asked for (``--scheduler``, or ``--workers`` > 1), else None (in process).

    Entered before the store is opened: local workers are forked from this process, and a
    forked child must not inherit a database connection.
    """
    from geo.ingest import warm_up
    from geo.parallel import dask_client, default_workers

    workers = args.workers or default_workers()
    if not args.scheduler and workers == 1:
        yield None
        return
    with dask_client(workers, args.scheduler, warm_up=warm_up) as client:
        yield client


def _ingest(args: argparse.Namespace) -> int:
    from geo.ingest import ingest
    from geo.readers import Metadata, read_paths

    missing = [p for p in args.paths if not Path(p).exists()]
    if missing:
        print(f"error: no such file or folder: {', '.join(missing)}", file=sys.stderr)
        return 2
    defaults = Metadata(title=args.title, outlet=args.outlet, published=args.published)
    try:
        with _client(args) as client:
            store = _open_writable(args.db)
            if store is None:
                return 2
            with closing(store):  # a closed SQLite store has no write-ahead log left beside it
                records = _progress(read_paths(args.paths, defaults), "ingest")
                summary = ingest(records, store, client=client)
    except OSError as exc:  # no scheduler at that address, or no port for a local cluster
        print(f"error: no Dask cluster: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps(summary.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(f"{summary.report()}\nstore: {store.description}")
    return 1 if summary.failed else 0


def _reextract(args: argparse.Namespace) -> int:
    from geo.pipeline import EXTRACTOR_VERSION
    from geo.reextract import reextract

    try:
        with _client(args) as client:
            store = _open_writable(args.db)
            if store is None:
                return 2
            with closing(store):
                before = store.outdated(EXTRACTOR_VERSION)
                result = reextract(
                    store, client=client, progress=lambda a: _progress(a, "reextract")
                )
    except OSError as exc:
        print(f"error: no Dask cluster: {exc}", file=sys.stderr)
        return 2
    if args.json:
        print(json.dumps({**result.to_dict(), "outdated_before": before}, indent=2))
    else:
        print(f"{before} articles read by an older extractor than {EXTRACTOR_VERSION}")
        print(f"{result.report()}\nstore: {store.description}")
    return 1 if result.failures else 0


def _stats(args: argparse.Namespace) -> int:
    store = _open_writable(args.db)
    if store is None:
        return 2
    print(json.dumps({**store.stats(), "store": store.description}, indent=2))
    return 0


def _reviews(args: argparse.Namespace) -> int:
    """Export the review history to CSV, import one (per-row errors), or list detached reviews."""
    from geo.review_csv import export_csv, read_csv
    from geo.review_input import default_checkers
    from geo.reviews import detached, history_frame
    from geo.store import open_store

    if args.action != "detached" and not args.file:
        print(f"error: reviews {args.action} needs a FILE.csv", file=sys.stderr)
        return 2
    store = _open_writable(args.db) if args.action == "import" else open_store(args.db)
    if store is None:
        return 2
    if args.action == "export":
        Path(args.file).write_text(export_csv(store.reviews()), encoding="utf-8")
        print(f"{store.review_count()} reviews written to {args.file}")
        return 0
    if args.action == "detached":
        lost = history_frame(detached(store.reviews(), store.figures(), store.mentions()))
        print(json.dumps(lost.to_dict("records"), ensure_ascii=False, indent=2))
        return 0
    try:
        text = Path(args.file).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    stored = {r.id for r in store.reviews()}
    result = read_csv(
        text, has_article=store.has, stored=stored, check=default_checkers(), today=date.today()
    )
    for review in result.reviews:
        store.add_review(review)
    print(result.report())
    return 1 if result.errors else 0


def _workers(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes (1 or more)")
    return int(value)


def _parallel_options(parser: argparse.ArgumentParser) -> None:
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--workers", type=_workers, help="processes to extract on (default: this machine's cores)"
    )
    where.add_argument(
        "--scheduler", metavar="tcp://HOST:PORT", help="extract on this Dask distributed cluster"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m geo", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    lookup = sub.add_parser("lookup", help="ranked gazetteer candidates for a place name")
    lookup.add_argument("name")
    lookup.add_argument("--limit", type=int, default=10)
    lookup.add_argument("--data", type=Path, help="a gazetteer folder (default: the bundled one)")
    lookup.set_defaults(run=_lookup)

    gazetteer = sub.add_parser("gazetteer", help="manage the gazetteer")
    gaz_sub = gazetteer.add_subparsers(dest="action", required=True)
    add = gaz_sub.add_parser(
        "add",
        help="add a GeoNames country dump (XX.zip or XX.txt, 19 columns) and optional admin"
        " polygons (GeoJSON) to the gazetteer and the boundaries; exit 0 done, 1 build failed,"
        " 2 bad file (the gazetteer is then unchanged)",
    )
    add.add_argument("file", type=Path, metavar="FILE")
    add.add_argument("--admin1", type=Path, help="GeoJSON polygons of its first-level units")
    add.add_argument("--admin2", type=Path, help="GeoJSON polygons of its second-level units")
    add.add_argument("--out", type=Path, help="gazetteer folder (default: data/gazetteer)")
    add.add_argument("--boundaries", type=Path, help="boundaries folder (default: data/boundaries)")
    add.set_defaults(run=_gazetteer_add)

    ext = sub.add_parser("extract", help="places and figures of articles, one JSON line each")
    ext.add_argument("files", nargs="+", metavar="FILE", help="text files; - for stdin")
    ext.add_argument("--published", type=_iso_date, help="publication date, YYYY-MM-DD")
    ext.set_defaults(run=_extract)

    db_help = (
        "postgresql://user:password@host/db or a SQLite path"
        " (default: $DATABASE_URL, else var/atlas.sqlite)"
    )
    ing = sub.add_parser(
        "ingest",
        help="read, extract and store articles; exit 0 all stored, 1 some failed, 2 bad arguments",
    )
    ing.add_argument(
        "paths", nargs="+", metavar="PATH", help=".txt .html .csv .jsonl .json files or folders"
    )
    ing.add_argument("--db", help=db_help)
    ing.add_argument("--published", type=_iso_date, help="publication date where a file gives none")
    ing.add_argument("--outlet", default="", help="outlet where a file gives none")
    ing.add_argument("--title", default="", help="title where a file gives none")
    ing.add_argument("--json", action="store_true", help="print the summary as JSON")
    _parallel_options(ing)
    ing.set_defaults(run=_ingest)

    rex = sub.add_parser(
        "reextract",
        help="re-read stored articles read by an older extractor version; exit 1 if some failed",
    )
    rex.add_argument("--db", help=db_help)
    rex.add_argument("--json", action="store_true", help="print the summary as JSON")
    _parallel_options(rex)
    rex.set_defaults(run=_reextract)

    rev = sub.add_parser(
        "reviews",
        help="review history: export FILE.csv, import FILE.csv (exit 1 if some rows were"
        " refused), detached (reviews whose span a re-read lost, as JSON)",
    )
    rev.add_argument("action", choices=["export", "import", "detached"])
    rev.add_argument("file", nargs="?", metavar="FILE.csv")
    rev.add_argument("--db", help=db_help)
    rev.set_defaults(run=_reviews)

    stats = sub.add_parser("stats", help="counts of stored articles, mentions, figures (JSON)")
    stats.add_argument("--db", help=db_help)
    stats.set_defaults(run=_stats)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return args.run(args)
