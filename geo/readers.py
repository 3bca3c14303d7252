"""Read articles from the files people actually have: text, saved web pages, CSV, JSON Lines.

Every record read yields a :class:`Record`: an :class:`~geo.articles.Article`
or the reason it could not be one (file, record number, reason).  A bad record
never stops the good ones beside it, so a batch of thousands of articles is
not lost to one broken line.

Formats (by suffix):

* ``.txt``: one article.  Metadata from an optional front matter block
  (``---`` / ``key: value`` lines / ``---``), a sidecar ``<name>.json`` or
  ``<name>.csv`` beside it, or a folder index CSV with a ``file`` column
  (as in ``data/articles/articles.csv``).
* ``.html`` / ``.htm``: one saved page; trafilatura finds the main text,
  title, date and site name, and drops scripts, navigation and styles.
* ``.csv``, ``.jsonl`` / ``.ndjson``, ``.json`` (one object or a list): one
  article per row/line/item, columns mapped case-insensitively (see ``ALIASES``).

Metadata given by the caller (command-line flags, the Add page's fields) fill
in what a record lacks; they never override what a file states.

Limits, and why: a single-article file above ``MAX_FILE_BYTES`` is refused
unread (a saved page with its scripts is a few MB; a long report's text is under
1 MB), and any article text above ``MAX_TEXT_CHARS`` characters is refused (the
pipeline's time grows with length, and such a text is a dump, not a report).
Publication dates: missing is allowed with a warning (figures then have no
period); unreadable or in the future is an error for that record.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime, timedelta
from pathlib import Path

from geo.articles import Article, make_article

MAX_FILE_BYTES = 20_000_000
MAX_TEXT_CHARS = 1_000_000
MIN_HTML_WORDS = 20
"""Fewer main-text words than this in a page is navigation or a stub, not an article."""
ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}
BATCH_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".json"}
SUFFIXES = ARTICLE_SUFFIXES | BATCH_SUFFIXES

ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text", "fulltext", "maintext", "story"),
    "title": ("title", "headline", "heading"),
    "published": (
        "published", "date", "published_at", "publish_date", "publication_date", "pubdate",
        "datetime", "timestamp", "seendate", "date_publish",
    ),
    "url": ("url", "link", "source_url", "href", "permalink"),
    "outlet": ("outlet", "source", "publisher", "sitename", "site", "site_name", "domain", "media"),
    "dateline": ("dateline",),
}  # fmt: skip
"""Accepted column names (compared lower-cased, spaces and dashes as underscores)."""

# The region's legacy encodings, tried before an open-ended guess: left to choose
# freely, charset-normalizer reads short Latin-1 French as Central European cp1250.
_LEGACY_ENCODINGS = ["cp1252", "latin_1", "cp1256", "iso8859_6", "cp1254", "iso8859_9"]
_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]  # fmt: skip
_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass(frozen=True)
class Metadata:
    """What is known about an article besides its text; empty means unknown."""

    title: str = ""
    outlet: str = ""
    published: date | None = None
    url: str = ""
    dateline: str = ""

    def under(self, base: Metadata) -> Metadata:
        """These values, with the gaps filled from ``base``."""
        names = [f.name for f in fields(self)]
        return Metadata(**{name: getattr(self, name) or getattr(base, name) for name in names})


NO_METADATA = Metadata()


@dataclass(frozen=True)
class Record:
    """One article read from ``source``, or why record ``number`` could not be read.

    ``number`` is the line a CSV or JSON Lines record starts on, the position
    of an item in a JSON list, and 1 for a file holding a single article.
    """

    source: str
    number: int
    article: Article | None = None
    error: str = ""
    warnings: tuple[str, ...] = ()

    @property
    def where(self) -> str:
        return f"{self.source} record {self.number}"


class Unreadable(ValueError):
    """A file or record that cannot give an article; the message is shown to the user."""


@dataclass(frozen=True)
class Source:
    """A file to read: a name to report, its size, and its bytes on demand (read lazily)."""

    name: str
    size: int
    data: bytes | Path

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    @property
    def stem(self) -> str:
        return str(Path(self.name).with_suffix(""))

    def read(self) -> bytes:
        return self.data if isinstance(self.data, bytes) else self.data.read_bytes()

    @classmethod
    def of_path(cls, path: Path) -> Source:
        return cls(str(path), path.stat().st_size, path)


# --- decoding --------------------------------------------------------------------------


def decode(data: bytes) -> str:
    """Text of ``data``: UTF-8 first, else a BOM's encoding, else the best-fitting encoding.

    Raises :class:`Unreadable` for binary data (NUL bytes, or no encoding fits).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding)
    if b"\x00" in data:
        raise Unreadable("binary file (it contains NUL bytes), not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=_LEGACY_ENCODINGS).best() or from_bytes(data).best()
    if best is None:
        raise Unreadable("not text: no character encoding fits its bytes")
    return str(best)


# --- metadata values ---------------------------------------------------------------------


def parse_published(value: object, today: date) -> date | None:
    """A publication date from ISO text, a timestamp or a written date; None when empty.

    Raises :class:`Unreadable` for text that is not a date, and for dates
    after ``today`` (one day of slack for time zones).
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        found = value.date()
    elif isinstance(value, date):
        found = value
    else:
        found = _parse_date_text(str(value).strip())
    if found > today + timedelta(days=1):
        raise Unreadable(f"publication date {found.isoformat()} is in the future")
    return found


def _parse_date_text(text: str) -> date:
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(
        text, settings={"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"]}
    )
    if parsed is None:
        raise Unreadable(f"publication date {text[:40]!r} is not a date")
    return parsed.date()


def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


_FIELD_OF = {alias: name for name, aliases in ALIASES.items() for alias in aliases}


def map_columns(raw: Mapping) -> dict[str, object]:
    """The record's values under our field names; the first matching column wins."""
    mapped: dict[str, object] = {}
    for column, value in raw.items():
        name = _FIELD_OF.get(_key(column)) if column is not None else None
        if name and name not in mapped and value not in (None, ""):
            mapped[name] = value
    return mapped


def _metadata(values: Mapping, today: date) -> Metadata:
    return Metadata(
        title=_text(values.get("title")),
        outlet=_text(values.get("outlet")),
        published=parse_published(values.get("published"), today),
        url=_text(values.get("url")),
        dateline=_text(values.get("dateline")),
    )


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """``key: value`` pairs of a leading ``---`` block, and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    pairs = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if sep and key.strip():
            pairs[key.strip()] = value.strip().strip("\"'")
    return pairs, text[match.end() :]


# --- building records ----------------------------------------------------------------------


def _record(source: str, number: int, text: object, meta: Metadata, defaults: Metadata) -> Record:
    """A record for one article text, checked, with the caller's defaults filling gaps."""
    if not isinstance(text, str):
        return Record(source, number, error="the text is not a string")
    if not text.strip():
        return Record(source, number, error="no article text (empty)")
    if len(text) > MAX_TEXT_CHARS:
        return Record(
            source,
            number,
            error=f"text is {len(text):,} characters, above the limit of {MAX_TEXT_CHARS:,}",
        )
    meta = meta.under(defaults)
    warnings = () if meta.published else ("no publication date: its figures get no period",)
    article = make_article(text, **asdict(meta))
    return Record(source, number, article, warnings=warnings)


def _failing(source: str, number: int, exc: Exception) -> Record:
    return Record(source, number, error=str(exc))


def read_text(
    text: str, name: str, defaults: Metadata = NO_METADATA, sidecar: Metadata = NO_METADATA, *,
    today: date,
) -> Record:  # fmt: skip
    """One plain-text article, with its front matter (if any) taken off the text."""
    try:
        pairs, body = front_matter(text)
        meta = _metadata(map_columns(pairs), today).under(sidecar)
    except Unreadable as exc:
        return _failing(name, 1, exc)
    return _record(name, 1, body, meta, defaults)


def read_html(data: bytes, name: str, defaults: Metadata, *, today: date) -> Record:
    """One saved web page: its main text and metadata, as trafilatura finds them."""
    import trafilatura

    try:
        page = trafilatura.bare_extraction(
            decode(data), with_metadata=True, include_comments=False, include_tables=False
        )
    except Unreadable as exc:
        return _failing(name, 1, exc)
    if page is None or len((page.text or "").split()) < MIN_HTML_WORDS:
        return Record(name, 1, error="no article text found in the HTML page")
    try:
        meta = Metadata(
            title=page.title or "",
            outlet=page.sitename or page.hostname or "",
            published=parse_published(page.date, today),
            url=page.url or "",
        )
    except Unreadable as exc:
        return _failing(name, 1, exc)
    return _record(name, 1, page.text, meta, defaults)


def read_table_rows(
    rows: Iterable[tuple[int, Mapping | object]], name: str, defaults: Metadata, *, today: date
) -> Iterator[Record]:
    """Records from ``(number, row)`` pairs of a CSV, JSON Lines or JSON file."""
    for number, row in rows:
        if isinstance(row, Exception):
            yield _failing(name, number, row)
            continue
        if not isinstance(row, Mapping):
            yield Record(name, number, error=f"expected an object, found {type(row).__name__}")
            continue
        values = map_columns(row)
        if not any(_FIELD_OF.get(_key(column)) == "text" for column in row if column):
            columns = ", ".join(map(str, row))
            yield Record(name, number, error=f"no text column (columns: {columns})")
            continue
        try:
            meta = _metadata(values, today)
        except Unreadable as exc:
            yield _failing(name, number, exc)
            continue
        yield _record(name, number, values.get("text", ""), meta, defaults)


def csv_rows(text: str) -> Iterator[tuple[int, dict | Exception]]:
    """``(line, row)`` pairs; a row with more fields than the header is an error, not a shift."""
    # The csv module's field limit (128 KiB) is process-wide and below a long article;
    # fields beyond ours are still refused, by the csv module, as a malformed row.
    csv.field_size_limit(max(csv.field_size_limit(), 10 * MAX_TEXT_CHARS))
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        return
    number = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield number, Unreadable(f"malformed CSV: {exc}")
            number = reader.line_num + 1
            continue
        if cells and any(f.strip() for f in cells):
            if len(cells) > len(header):
                yield number, Unreadable(
                    f"malformed CSV: {len(cells)} fields for {len(header)} columns"
                )
            else:
                yield number, dict(zip(header, cells, strict=False))
        number = reader.line_num + 1


def jsonl_rows(text: str) -> Iterator[tuple[int, object]]:
    """``(line, value)`` pairs; an invalid line yields the error and the next line is read."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except ValueError as exc:
            yield number, Unreadable(f"malformed JSON line: {exc}")


def json_rows(text: str) -> Iterator[tuple[int, object]]:
    """Items of a JSON list (numbered from 1), or the single object of a JSON file."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        yield 1, Unreadable(f"malformed JSON: {exc}")
        return
    yield from enumerate(value, start=1) if isinstance(value, list) else [(1, value)]


_ROWS = {".csv": csv_rows, ".jsonl": jsonl_rows, ".ndjson": jsonl_rows, ".json": json_rows}


# --- sources: files, folders, uploads --------------------------------------------------------


def read_sources(
    sources: Iterable[Source], defaults: Metadata = NO_METADATA, *, today: date | None = None
) -> Iterator[Record]:
    """Records of every source; sidecars and index CSVs lend metadata to the ``.txt`` beside them.

    Sources with a suffix we do not read yield an error record.
    """
    today = today or date.today()
    sources = list(sources)
    sidecars, skipped = _sidecars(sources, today)
    for source in sources:
        if source.name in skipped:
            continue
        if source.suffix not in SUFFIXES:
            kind = source.suffix or "no suffix"
            yield Record(source.name, 1, error=f"not a file type read here ({kind})")
            continue
        sidecar = sidecars.get(source.name, NO_METADATA)
        if isinstance(sidecar, str):
            yield Record(source.name, 1, error=sidecar)
            continue
        try:
            yield from _read_source(source, defaults, sidecar, today)
        except OSError as exc:
            yield Record(source.name, 1, error=f"cannot be read: {exc.strerror or exc}")
        except Exception as exc:  # a reader bug must not stop the files after this one
            yield Record(source.name, 1, error=f"reading failed: {exc!r}")


def _read_source(source: Source, defaults: Metadata, sidecar: Metadata, today: date):
    if source.suffix in ARTICLE_SUFFIXES and source.size > MAX_FILE_BYTES:
        yield Record(
            source.name,
            1,
            error=f"file is {source.size / 1e6:.1f} MB, above the limit of "
            f"{MAX_FILE_BYTES / 1e6:.0f} MB for one article",
        )
        return
    data = source.read()
    if not data.strip():
        yield Record(source.name, 1, error="empty file")
        return
    if source.suffix in {".html", ".htm"}:
        yield read_html(data, source.name, defaults.under(sidecar), today=today)
        return
    try:
        text = decode(data)
    except Unreadable as exc:
        yield _failing(source.name, 1, exc)
        return
    if source.suffix == ".txt":
        yield read_text(text, source.name, defaults, sidecar, today=today)
    else:
        rows = _ROWS[source.suffix](text)
        yield from read_table_rows(rows, source.name, defaults, today=today)


def _sidecars(sources: list[Source], today: date) -> tuple[dict[str, Metadata | str], set[str]]:
    """Metadata for ``.txt`` sources from ``<name>.json``/``<name>.csv`` and folder index CSVs.

    Returns, by ``.txt`` name, its metadata or why its metadata could not be
    read (that ``.txt`` then fails with the reason rather than losing its
    date silently), and the names of the files used up as metadata.
    """
    texts = {s.stem: s.name for s in sources if s.suffix == ".txt"}
    found: dict[str, Metadata | str] = {}
    used: set[str] = set()
    for source in sources:
        if source.suffix not in {".json", ".csv"} or source.size > MAX_FILE_BYTES:
            continue
        try:
            rows = _metadata_rows(source)
        except (Unreadable, OSError) as exc:
            if source.stem in texts:
                used.add(source.name)
                found[texts[source.stem]] = f"metadata in {source.name}: {exc}"
            continue  # else read, and reported, as a file of articles
        if source.stem in texts:
            pairs = [(texts[source.stem], rows[0] if rows else {})]
        elif _is_index(rows):
            folder = Path(source.name).parent
            pairs = [(str(folder / row["file"]), row) for row in rows if row.get("file")]
        else:
            continue
        used.add(source.name)
        for txt, row in pairs:
            try:
                found[txt] = _metadata(map_columns(row), today)
            except Unreadable as exc:
                found[txt] = f"metadata in {source.name}: {exc}"
    return found, used


def _metadata_rows(source: Source) -> list[Mapping]:
    """The objects of a small JSON or CSV file; raises :class:`Unreadable` for a malformed one."""
    rows = [row for _, row in _ROWS[source.suffix](decode(source.read()))]
    for row in rows:
        if isinstance(row, Exception):
            raise row
    return [row for row in rows if isinstance(row, Mapping)]


def _is_index(rows: list[Mapping]) -> bool:
    """An index names files and gives no text (like ``data/articles/articles.csv``)."""
    return bool(rows) and "file" in rows[0] and "text" not in map_columns(rows[0])


def sources_of(paths: Iterable[str | Path]) -> Iterator[Source | Record]:
    """Sources for files and, recursively, folders (sorted; hidden and unknown files skipped).

    A path that does not exist yields an error record instead.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in SUFFIXES:
                    yield Source.of_path(child)
        elif path.is_file():
            yield Source.of_path(path)
        else:
            yield Record(str(path), 1, error="no such file or folder")


def read_paths(
    paths: Iterable[str | Path], defaults: Metadata = NO_METADATA, *, today: date | None = None
) -> Iterator[Record]:
    """Every record of the files and folders at ``paths``."""
    sources = []
    for item in sources_of(paths):
        if isinstance(item, Record):
            yield item
        else:
            sources.append(item)
    yield from read_sources(sources, defaults, today=today)
