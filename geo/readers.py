"""Read articles from the files people actually have: text, saved web pages, CSV, JSON Lines.

Every record read yields a :class:`Record`: an :class:`~geo.articles.Article`
or the reason it could not be one (file, record number, reason).  A bad record
never stops the good ones beside it, so a batch of thousands of articles is
not lost to one broken line.

Formats (by suffix):

* ``.txt``: one article.  Metadata from an optional front matter block
  (``---`` / ``key: value`` lines / ``---``), a sidecar ``<name>.json`` or
  ``<name>.csv`` beside it, or a folder index (CSV or JSON) with a ``file``
  column (as in ``data/articles/articles.csv``).  A sidecar is recognised by
  its shape: one object of metadata fields and no text, under 64 KB; a file
  of articles beside a ``.txt`` of the same name is read as articles.
* ``.html`` / ``.htm``: one saved page; trafilatura finds the main text,
  title, date and site name, and drops scripts, navigation and styles.
* ``.csv``, ``.jsonl`` / ``.ndjson``, ``.json`` (one object or a list): one
  article per row/line/item, columns mapped case-insensitively (see ``ALIASES``),
  streamed (see ``geo.formats``) in the encoding decided for the file
  (``geo.decoding``); two columns giving one field different values is an error.

Metadata given by the caller (command-line flags, the Add page's fields) fill
in what a record lacks; they never override what a file states.

Limits, and why: a single-article file above ``MAX_FILE_BYTES`` is refused
unread (a saved page with its scripts is a few MB; a long report's text is under
1 MB), and any article text above ``MAX_TEXT_CHARS`` characters is refused (the
pipeline's time grows with length, and such a text is a dump, not a report).
Publication dates: missing is allowed with a warning (figures then have no
period); a date not in one of the documented forms (``DATE_FORMATS``), not a
real calendar date, or after tomorrow is an error for that record.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import asdict, dataclass, fields, replace
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

from geo.articles import Article, make_article
from geo.decoding import Decision, Unreadable, decide, decode, text_stream
from geo.formats import csv_rows, json_rows, jsonl_rows

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

_SURROGATE = re.compile("[\ud800-\udfff]")
"""Half of a UTF-16 pair alone (JSON allows ``"\\ud800"``): no database can store it."""
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
    encoding: str = ""
    """The encoding decided for the file and why (see :class:`geo.decoding.Decision`)."""

    @property
    def where(self) -> str:
        return f"{self.source} record {self.number}"


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

    def open(self) -> io.BufferedIOBase:
        """The bytes as a stream, so that a large batch file is never held whole in memory."""
        return io.BytesIO(self.data) if isinstance(self.data, bytes) else self.data.open("rb")

    @classmethod
    def of_path(cls, path: Path) -> Source:
        return cls(str(path), path.stat().st_size, path)


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


DATE_FORMATS = (
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%B %d %Y",
    "%b %d %Y",
    "%Y/%m/%d",
)
"""Written dates accepted besides ISO 8601 (``2019-01-15``, ``2019-01-15T10:00:00Z``,
``20190115``) and RFC 2822 (``Tue, 15 Jan 2019 10:00:00 +0000``).  Day/month
orders that can be misread (``01/02/2019``) and relative words ("yesterday")
are refused: a publication date is metadata, and a guessed one mis-dates figures."""


def _parse_date_text(text: str) -> date:
    try:
        return datetime.fromisoformat(text).date()
    except ValueError:
        pass
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(text, form).date()
        except ValueError:
            continue
    try:
        return parsedate_to_datetime(text).date()
    except (TypeError, ValueError, IndexError):
        raise Unreadable(f"publication date {text[:40]!r} is not a date") from None


def _key(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", str(name).strip().lower())


_FIELD_OF = {alias: name for name, aliases in ALIASES.items() for alias in aliases}


def map_columns(raw: Mapping) -> dict[str, object]:
    """The record's values under our field names.

    Raises :class:`Unreadable` when two columns give one field different
    values (``text`` and ``body``, say): which is right cannot be told.
    """
    mapped: dict[str, object] = {}
    source: dict[str, str] = {}
    for column, value in raw.items():
        name = _FIELD_OF.get(_key(column)) if column is not None else None
        if not name or value in (None, ""):
            continue
        if name in mapped and mapped[name] != value:
            raise Unreadable(
                f"columns {source[name]!r} and {column!r} both give the {name}, differently"
            )
        mapped.setdefault(name, value)
        source.setdefault(name, column)
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
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
        warnings += ("lone surrogate code points (not characters) replaced with U+FFFD",)
    values = {
        k: _SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in asdict(meta).items()
    }
    return Record(source, number, make_article(text, **values), warnings=warnings)


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
        if not any(_FIELD_OF.get(_key(column)) == "text" for column in row if column):
            columns = ", ".join(map(str, row))
            yield Record(name, number, error=f"no text column (columns: {columns})")
            continue
        try:
            values = map_columns(row)
            meta = _metadata(values, today)
        except Unreadable as exc:
            yield _failing(name, number, exc)
            continue
        yield _record(name, number, values.get("text", ""), meta, defaults)


_ROWS = {".csv": csv_rows, ".jsonl": jsonl_rows, ".ndjson": jsonl_rows, ".json": json_rows}
_NEWLINE = {".csv": "", ".jsonl": "\n", ".ndjson": "\n", ".json": ""}
"""Line ends per format: CSV any (the csv module decides), JSON Lines ``\\n`` only."""
SIDECAR_BYTES = 65_536
"""A sidecar holds one article's metadata: a larger file is read as a file of articles."""


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
    if source.suffix in BATCH_SUFFIXES:
        yield from _read_batch(source, defaults, today)
        return
    data = source.read()
    if not data.strip():
        yield Record(source.name, 1, error="empty file")
        return
    if source.suffix in {".html", ".htm"}:
        yield read_html(data, source.name, defaults.under(sidecar), today=today)
        return
    try:
        decision = decide(io.BytesIO(data))
    except Unreadable as exc:
        yield _failing(source.name, 1, exc)
        return
    text = text_stream(io.BytesIO(data), decision, newline="").read()
    yield _flagged(read_text(text, source.name, defaults, sidecar, today=today), decision)


def _read_batch(source: Source, defaults: Metadata, today: date) -> Iterator[Record]:
    """The records of a CSV, JSON Lines or JSON file, streamed in the encoding decided for it."""
    with source.open() as stream:
        if not stream.read(4096).strip():
            yield Record(source.name, 1, error="empty file")
            return
        stream.seek(0)
        try:
            decision = decide(stream)
        except Unreadable as exc:
            yield _failing(source.name, 1, exc)
            return
        text = text_stream(stream, decision, newline=_NEWLINE[source.suffix])
        rows = _ROWS[source.suffix](text)
        for record in read_table_rows(rows, source.name, defaults, today=today):
            yield _flagged(record, decision)


def _flagged(record: Record, decision: Decision) -> Record:
    """``record`` with the file's encoding decision, warned if its text holds replaced bytes."""
    warnings = record.warnings
    if decision.replaced and record.article and "\ufffd" in record.article.text:
        warnings += (f"undecodable bytes in {decision.encoding} replaced with U+FFFD",)
    return replace(record, warnings=warnings, encoding=str(decision))


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
        beside = source.stem in texts and source.size <= SIDECAR_BYTES
        try:
            rows = _metadata_rows(source)
        except (Unreadable, OSError) as exc:
            if beside:
                used.add(source.name)
                found[texts[source.stem]] = f"metadata in {source.name}: {exc}"
            continue  # else read, and reported, as a file of articles
        if beside and _is_sidecar(rows):
            pairs = [(texts[source.stem], rows[0])]
        elif _is_index(rows):
            folder = Path(source.name).parent
            pairs = [(str(folder / str(row["file"])), row) for row in rows if row.get("file")]
        else:
            continue  # a file of articles, whatever its name
        used.add(source.name)
        for txt, row in pairs:
            try:
                found[txt] = _metadata(map_columns(row), today)
            except Unreadable as exc:
                found[txt] = f"metadata in {source.name}: {exc}"
    return found, used


def _metadata_rows(source: Source) -> list:
    """The values of a small JSON or CSV file; raises :class:`Unreadable` for a malformed one."""
    text = io.StringIO(decode(source.read()), newline="")
    rows = [row for _, row in _ROWS[source.suffix](text)]
    for row in rows:
        if isinstance(row, Exception):
            raise row
    return rows


def _is_sidecar(rows: list) -> bool:
    """One object of metadata fields and no text: the shape of a sidecar, never of articles."""
    if len(rows) != 1 or not isinstance(rows[0], Mapping):
        return False
    fields_given = {_FIELD_OF.get(_key(column)) for column in rows[0] if column is not None}
    return "text" not in fields_given and bool(fields_given - {None})


def _is_index(rows: list[Mapping]) -> bool:
    """An index names files and gives no text (like ``data/articles/articles.csv``)."""
    return (
        bool(rows)
        and all(isinstance(row, Mapping) for row in rows)
        and "file" in rows[0]
        and "text" not in map_columns(rows[0])
    )


def sources_of(paths: Iterable[str | Path]) -> Iterator[Source | Record]:
    """Sources for files and, recursively, folders (sorted; hidden and unknown files skipped).

    A path that does not exist, a folder that cannot be listed and an entry
    that cannot be opened (a broken link, no permission) yield an error record.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _folder(path)
        elif path.is_file():
            yield Source.of_path(path)
        else:
            yield Record(str(path), 1, error="no such file or folder")


def _folder(root: Path) -> Iterator[Source | Record]:
    failures: list[OSError] = []
    for folder, subfolders, files in os.walk(root, onerror=failures.append):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in sorted(files):
            child = Path(folder) / name
            if name.startswith(".") or child.suffix.lower() not in SUFFIXES:
                continue
            try:
                yield Source.of_path(child)
            except OSError as exc:
                yield Record(str(child), 1, error=f"cannot be read: {exc.strerror or exc}")
        while failures:
            exc = failures.pop()
            yield Record(str(exc.filename), 1, error=f"folder cannot be read: {exc.strerror}")


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
