"""The only module that talks to a database: SQLite by default, PostgreSQL + PostGIS if configured.

One :class:`Store` serves both backends because the rows are the same
(``geo.tables``) and so are the queries: the dashboard's filters become SQL
``WHERE`` clauses on plain columns, so a filter means the same thing on a
laptop's SQLite file and on a team's shared PostGIS database.  PostGIS adds a
``geography(Point, 4326)`` column to mentions and figures for spatial work.

Where the store lives: ``open_store(url)``, else ``$DATABASE_URL``, else the
SQLite file ``var/atlas.sqlite`` beside the code.  When that place cannot be
written (a read-only disk, a hosted deploy without a database, an unreachable
server) the store is an in-memory copy with ``writable=False`` and a ``note``
saying why, so the app still works and additions stay in the user's session.

Each article is written together with its mentions and figures, all or nothing
(its own transaction, or its own savepoint in a batch's, see :meth:`Store.add_all`):
an ingest killed midway leaves whole articles or nothing.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal, TypeVar
from urllib.parse import urlsplit, urlunsplit

import pandas as pd

from geo.articles import Article
from geo.filters import Filters
from geo.pipeline import Extraction
from geo.reviews import ROW_COLUMNS as REVIEW_ROW
from geo.reviews import Review
from geo.tables import (
    ARTICLE_COLUMNS,
    FIGURE_COLUMNS,
    MENTION_COLUMNS,
    GovernorateOf,
    Rows,
    rows_of,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PATH = REPO_ROOT / "var" / "atlas.sqlite"
READONLY_ENV = "ATLAS_READONLY"
"""Set to 1/true to open a SQLite store as a read-only, in-memory copy."""
HOSTED_ROOT = Path("/mount/src")
"""Where Streamlit Community Cloud checks out apps."""

Status = Literal["added", "unchanged"]
CountryOf = Callable[[str], "str | None"]
"""Gives the country value of a gazetteer id when that id is a country, else None."""

EVERYTHING = Filters()
"""No restriction: every stored row."""
_ARTICLE_INFO = ["outlet", "published", "title", "url"]
FRAME_COLUMNS = {
    "articles": [*ARTICLE_COLUMNS, "added"],
    "mentions": [*MENTION_COLUMNS, *_ARTICLE_INFO],
    "figures": [*FIGURE_COLUMNS, *_ARTICLE_INFO],
}
"""The columns of what :meth:`Store.articles`, :meth:`~Store.mentions` and
:meth:`~Store.figures` return (an empty frame with them stands in during an outage)."""
_DATE_COLUMNS = ("published", "date_start", "date_end")
ARTICLE_ORDER = "a.published DESC NULLS LAST, a.id"
"""Newest first, undated last: how articles are listed and paged (written so that both
databases read it off the ``published`` index: ``published IS NULL, …`` sorts every row)."""
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 6.4)
"""Seconds slept between attempts of a write that met a busy database (~13 s in all)."""
T = TypeVar("T")


def retrying(action: Callable[[], T], retryable: Callable[[Exception], bool]) -> T:
    """``action()``, run again after a growing pause while it fails with a retryable error.

    Another process may hold the database for a moment (an ingest starting on
    the same new SQLite file, a PostgreSQL transaction that conflicts with
    ours): waiting and trying again succeeds where failing would lose a record.
    """
    for delay in RETRY_DELAYS:
        try:
            return action()
        except Exception as exc:
            if not retryable(exc):
                raise
        time.sleep(delay)
    return action()


@dataclass(frozen=True)
class Migration:
    """One schema version: SQL run on both backends, then PostGIS-only SQL."""

    version: int
    summary: str
    sql: tuple[str, ...]
    postgis: tuple[str, ...] = ()


_PLACE_DDL = """
    place_id TEXT, geonameid BIGINT, name TEXT, lat DOUBLE PRECISION, lon DOUBLE PRECISION,
    country TEXT, admin1 TEXT, governorate_id TEXT"""
_POINT = (
    "geography(Point, 4326) GENERATED ALWAYS AS (CASE WHEN lon IS NOT NULL AND lat IS NOT NULL"
    " THEN ST_SetSRID(ST_MakePoint(lon, lat), 4326)::geography END) STORED"
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "articles, mentions and figures",
        (
            """CREATE TABLE articles (
                id TEXT PRIMARY KEY, title TEXT NOT NULL, outlet TEXT NOT NULL,
                url TEXT NOT NULL, published DATE, dateline TEXT NOT NULL, text TEXT NOT NULL,
                added TIMESTAMP WITH TIME ZONE NOT NULL)""",
            "CREATE INDEX articles_published ON articles (published)",
            "CREATE INDEX articles_outlet ON articles (outlet)",
            f"""CREATE TABLE mentions (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                "start" INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL,
                adjective BOOLEAN NOT NULL, confidence DOUBLE PRECISION,
                evidence TEXT NOT NULL, alternatives TEXT NOT NULL, kind TEXT, {_PLACE_DDL})""",
            "CREATE INDEX mentions_article ON mentions (article_id)",
            "CREATE INDEX mentions_place ON mentions (place_id)",
            "CREATE INDEX mentions_governorate ON mentions (governorate_id)",
            "CREATE INDEX mentions_country ON mentions (country)",
            f"""CREATE TABLE figures (
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                kind TEXT NOT NULL, value DOUBLE PRECISION NOT NULL, low DOUBLE PRECISION,
                high DOUBLE PRECISION, unit TEXT NOT NULL, hedge TEXT NOT NULL, label TEXT NOT NULL,
                text TEXT NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL,
                sentence TEXT NOT NULL, date_start DATE, date_end DATE, date_basis TEXT,
                place_kind TEXT, {_PLACE_DDL})""",
            "CREATE INDEX figures_article ON figures (article_id)",
            "CREATE INDEX figures_kind ON figures (kind)",
            "CREATE INDEX figures_dates ON figures (date_start, date_end)",
            "CREATE INDEX figures_place ON figures (place_id)",
            "CREATE INDEX figures_governorate ON figures (governorate_id)",
            "CREATE INDEX figures_country ON figures (country)",
        ),
        (
            "CREATE EXTENSION IF NOT EXISTS postgis",
            f"ALTER TABLE mentions ADD COLUMN geom {_POINT}",
            f"ALTER TABLE figures ADD COLUMN geom {_POINT}",
            "CREATE INDEX mentions_geom ON mentions USING GIST (geom)",
            "CREATE INDEX figures_geom ON figures USING GIST (geom)",
        ),
    ),
    Migration(
        2,
        "figures: precision, place basis and name, origin, destination, modality, cumulative",
        (
            'ALTER TABLE figures ADD COLUMN "precision" INTEGER',
            "ALTER TABLE figures ADD COLUMN place_basis TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE figures ADD COLUMN place_name TEXT NOT NULL DEFAULT ''",
            "ALTER TABLE figures ADD COLUMN origin_id TEXT",
            "ALTER TABLE figures ADD COLUMN destination_id TEXT",
            "ALTER TABLE figures ADD COLUMN modality TEXT NOT NULL DEFAULT 'reported'",
            "ALTER TABLE figures ADD COLUMN cumulative BOOLEAN NOT NULL DEFAULT FALSE",
            "CREATE INDEX figures_modality ON figures (modality)",
        ),
    ),
    Migration(
        3,
        "articles: the extractor version that read them ('' for those stored before versions)",
        (
            "ALTER TABLE articles ADD COLUMN extractor TEXT NOT NULL DEFAULT ''",
            "CREATE INDEX articles_extractor ON articles (extractor)",
        ),
    ),
    Migration(
        4,
        "reviews: people's confirmations, rejections, corrections and additions (geo.reviews)",
        (
            # No foreign key to the rows reviewed: a re-read replaces them, and a review
            # must outlive that (geo.reviews.detached lists the ones left without a row).
            """CREATE TABLE reviews (
                id TEXT PRIMARY KEY,
                article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
                target TEXT NOT NULL, "start" INTEGER NOT NULL, "end" INTEGER NOT NULL,
                field TEXT NOT NULL, action TEXT NOT NULL, old_value TEXT NOT NULL,
                new_value TEXT NOT NULL, reviewer TEXT NOT NULL,
                created TIMESTAMP WITH TIME ZONE NOT NULL, note TEXT NOT NULL)""",
            "CREATE INDEX reviews_article ON reviews (article_id)",
        ),
    ),
    Migration(
        5,
        "indexes for the dashboard's aggregates: location choices, extremes, latest claims",
        (
            # one row per place is read off this index alone, not off every mention
            "CREATE INDEX mentions_place_columns ON mentions "
            "(place_id, governorate_id, name, kind, admin1, country)",
            "CREATE INDEX figures_kind_value ON figures (kind, value)",
            "CREATE INDEX figures_kind_end ON figures (kind, date_end)",
        ),
        (  # PostgreSQL reads "newest first, undated last" off an index only if it says so
            "CREATE INDEX articles_newest ON articles (published DESC NULLS LAST, id)",
            "CREATE INDEX figures_newest ON figures "
            '(date_start DESC NULLS LAST, article_id DESC, "start" DESC)',
        ),
    ),
    Migration(
        6,
        "figures: the people estimate the article gives for families and households",
        (
            "ALTER TABLE figures ADD COLUMN people_value DOUBLE PRECISION",
            "ALTER TABLE figures ADD COLUMN people_low DOUBLE PRECISION",
            "ALTER TABLE figures ADD COLUMN people_high DOUBLE PRECISION",
            "ALTER TABLE figures ADD COLUMN people_basis TEXT NOT NULL DEFAULT ''",
        ),
    ),
    Migration(
        7,
        "indexes for a filter change at scale: the newest figures of a kind, an outlet's articles"
        " and their places read off an index alone",
        (
            "CREATE INDEX figures_kind_newest ON figures "
            '(kind, date_start, article_id, "start", "end")',
            "CREATE INDEX articles_outlet_newest ON articles (outlet, published, id)",
            "CREATE INDEX mentions_article_place ON mentions (article_id, place_id)",
        ),
    ),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def _quote(column: str) -> str:
    return f'"{column}"'


def _columns(prefix: str, columns: Sequence[str]) -> str:
    return ", ".join(f"{prefix}.{_quote(c)}" for c in columns)


class _SQLite:
    """A SQLite database file (or ``:memory:``), one connection shared under a lock."""

    name = "sqlite"

    def __init__(self, path: str | Path):
        self.path = str(path)
        uri = self.path.startswith("file:")  # e.g. file:atlas.sqlite?mode=ro
        on_disk = self.path != ":memory:" and not uri
        if on_disk:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(
            self.path, timeout=30, isolation_level=None, check_same_thread=False, uri=uri
        )
        self.conn.execute("PRAGMA foreign_keys = ON")
        if on_disk:
            # WAL: readers keep reading while an ingest writes.  synchronous=NORMAL: a
            # commit survives the process being killed; only a power cut can lose the
            # last commits (never half of one).  It makes one-article transactions ~4x faster.
            # Switching a new file to WAL fails at once (no busy wait) while another
            # process does the same, hence the retries.
            retrying(lambda: self.conn.execute("PRAGMA journal_mode = WAL"), self.retryable)
            self.conn.execute("PRAGMA synchronous = NORMAL")
        self.lock = threading.RLock()

    @property
    def description(self) -> str:
        return f"SQLite {self.path}"

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[sqlite3.Cursor]:
        """A transaction; ``write`` takes the write lock at once so writers queue, not fail."""
        with self.lock:
            cur = self.conn.cursor()
            cur.execute("BEGIN IMMEDIATE" if write else "BEGIN")
            try:
                yield cur
            except BaseException:
                self.conn.rollback()
                raise
            self.conn.commit()

    def lock_schema(self, cur: sqlite3.Cursor) -> None:
        """Nothing to do: a write transaction already excludes other writers."""

    @staticmethod
    def retryable(exc: Exception) -> bool:
        """A lock held by another connection, which the busy timeout did not outwait."""
        text = str(exc).lower()
        return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)

    @staticmethod
    def sql(query: str) -> str:
        return query

    @staticmethod
    def param(value: Any) -> Any:
        """Dates as ISO text (sorts and compares correctly), booleans as 0/1."""
        if isinstance(value, date | datetime):
            return value.isoformat()
        if isinstance(value, bool):
            return int(value)
        return value

    def close(self) -> None:
        self.conn.close()


class StoreUnavailable(ConnectionError):
    """The configured database cannot be reached now (server down, network gone).

    Raised instead of the driver's error so that callers can tell an outage,
    which ends by itself, from a bug; the message never holds the password.
    """


class _Postgres:
    """A PostgreSQL server with PostGIS, reached through psycopg 3; reconnects when dropped.

    Connection failures surface as :class:`StoreUnavailable`, and the next
    transaction tries a new connection, so a reader recovers when the server returns.
    """

    name = "postgresql"
    check_after_idle = 5.0
    """Seconds without a query after which the connection is tested before use."""

    def __init__(self, url: str):
        self.url = url
        self.lock = threading.RLock()
        self.conn = self._connect()
        self.last_used = time.monotonic()

    def _connect(self):
        import psycopg

        try:
            return psycopg.connect(self.url, autocommit=True, connect_timeout=5)
        except psycopg.OperationalError as exc:
            raise self._unavailable(exc) from exc

    def _unavailable(self, exc: Exception) -> StoreUnavailable:
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return StoreUnavailable(f"{self.description} cannot be reached: {reason}")

    @property
    def description(self) -> str:
        return f"PostgreSQL {redact(self.url)}"

    @contextmanager
    def transaction(self, write: bool = False) -> Iterator[Any]:
        import psycopg

        with self.lock:
            self._reconnect_if_dropped()
            try:
                with self.conn.transaction(), self.conn.cursor() as cur:
                    yield cur
            except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
                if self.conn.closed or self.conn.broken:  # the server went away mid-query
                    raise self._unavailable(exc) from exc
                raise

    def _reconnect_if_dropped(self) -> None:
        """Hosted servers close idle connections: after a pause, test ours; replace it if gone."""
        import psycopg

        idle = time.monotonic() - self.last_used
        self.last_used = time.monotonic()
        if not (self.conn.closed or self.conn.broken):
            if idle < self.check_after_idle:
                return
            try:
                self.conn.execute("SELECT 1")
                return
            except psycopg.OperationalError:
                self.conn.close()
        self.conn = self._connect()

    def lock_schema(self, cur) -> None:
        """Two app processes starting together must not both run a migration."""
        cur.execute("SELECT pg_advisory_xact_lock(hashtext('conflict-news-atlas schema'))")

    @staticmethod
    def retryable(exc: Exception) -> bool:
        """A transaction the server rolled back because a concurrent one conflicted with it."""
        from psycopg import errors

        return isinstance(exc, errors.SerializationFailure | errors.DeadlockDetected)

    @staticmethod
    def sql(query: str) -> str:
        return query.replace("?", "%s")

    @staticmethod
    def param(value: Any) -> Any:
        return value

    def close(self) -> None:
        self.conn.close()


def redact(url: str) -> str:
    """``url`` without its password, for messages and the page footer."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def _default_governorate_of() -> GovernorateOf:
    from geo.boundaries import governorate_id_of

    return governorate_id_of


def _default_country_of(place_id: str) -> str | None:
    from geo.gazetteer import default_gazetteer

    place = default_gazetteer().get(place_id)
    return place.country if place is not None and place.kind == "country" else None


class Store:
    """Articles with their place mentions and figures, queried through :class:`Filters`.

    ``writable`` is False for the in-memory fallback: additions then last as
    long as this object, and ``note`` says why the configured store was not used.
    """

    def __init__(
        self,
        backend: _SQLite | _Postgres,
        *,
        writable: bool = True,
        note: str = "",
        governorate_of: GovernorateOf | None = None,
        country_of: CountryOf | None = None,
    ):
        self._db = backend
        self.writable = writable
        self.note = note
        self._governorate_of = governorate_of
        self._country_of = country_of or _default_country_of
        self.migrate()

    @property
    def backend(self) -> str:
        return self._db.name

    @property
    def description(self) -> str:
        return self._db.description

    def _write(self, body: Callable[[Any], T]) -> T:
        """``body(cursor)`` in one write transaction, retried whole when the database is busy."""

        def attempt() -> T:
            with self._db.transaction(write=True) as cur:
                return body(cur)

        return retrying(attempt, self._db.retryable)

    def migrate(self) -> None:
        """Apply, in order and in one transaction, the migrations this database lacks.

        Serialised: two processes opening a new store together both succeed, one
        creating the schema and the other finding it (SQLite's write lock, a
        PostgreSQL advisory lock).  Raises when the database cannot be written,
        which :func:`open_store` turns into the in-memory fallback.
        """
        self._write(self._migrate)

    def _migrate(self, cur) -> None:
        """The migration steps, inside the write transaction ``cur`` belongs to."""
        self._db.lock_schema(cur)
        cur.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER PRIMARY KEY, summary TEXT NOT NULL, applied TEXT NOT NULL)"
        )
        cur.execute("SELECT MAX(version) FROM schema_version")
        current = cur.fetchone()[0] or 0
        for migration in MIGRATIONS:
            if migration.version <= current:
                continue
            steps = migration.sql + (migration.postgis if self.backend == "postgresql" else ())
            for step in steps:
                cur.execute(step)
            cur.execute(
                self._db.sql("INSERT INTO schema_version VALUES (?, ?, ?)"),
                (migration.version, migration.summary, datetime.now(UTC).isoformat()),
            )
        # A write that changes nothing: fails here, not at the first add, when the
        # database is read-only (a read-only file, replica or role).
        cur.execute("DELETE FROM schema_version WHERE version < 0")

    def schema_version(self) -> int:
        with self._db.transaction() as cur:
            cur.execute("SELECT MAX(version) FROM schema_version")
            return cur.fetchone()[0]

    # --- writing -------------------------------------------------------------------------

    def add(self, extraction: Extraction) -> Status:
        """Store an article with its mentions and figures, all or nothing.

        An article already stored (same id, i.e. same normalised text) is left
        as it is: the first metadata seen wins, and nothing is duplicated.
        """
        (outcome,) = self.add_all([rows_of(extraction, self.governorate_of())])
        if isinstance(outcome, Exception):
            raise outcome
        return outcome

    def add_all(self, readings: Sequence[Rows]) -> list[Status | Exception]:
        """Store several articles' rows (``geo.tables.rows_of``), in order, in one transaction.

        Each article is written under a savepoint, so one the database refuses is rolled
        back alone and its error is returned in its place while the others are stored;
        each article stays all or nothing.  One commit for a batch instead of one per
        article is most of what an ingest's writer saves.  An article already stored is
        left as it is and comes back ``"unchanged"``, as with :meth:`add`.
        """
        added = self._db.param(datetime.now(UTC))
        return self._write(lambda cur: [self._add_one(cur, rows, added) for rows in readings])

    def _add_one(self, cur, rows: Rows, added: Any) -> Status | Exception:
        cur.execute("SAVEPOINT article")
        try:
            self._insert(cur, "articles", FRAME_COLUMNS["articles"], [(*rows.article, added)],
                         conflict="ON CONFLICT (id) DO NOTHING")  # fmt: skip
            outcome: Status | Exception = "unchanged"
            if cur.rowcount == 1:
                self._insert(cur, "mentions", MENTION_COLUMNS, rows.mentions)
                self._insert(cur, "figures", FIGURE_COLUMNS, rows.figures)
                outcome = "added"
        except Exception as exc:  # this article's values were refused: it alone is rolled back
            if self._db.retryable(exc):
                raise  # the database is busy: the whole batch is tried again
            cur.execute("ROLLBACK TO SAVEPOINT article")
            outcome = exc
        cur.execute("RELEASE SAVEPOINT article")
        return outcome

    def replace(self, extraction: Extraction) -> bool:
        """Swap a stored article's mentions and figures for a new reading, all or nothing.

        The article's own fields stay as first stored; only its extractor version changes.
        Returns False when the article is no longer stored.
        """
        return self.replace_rows(rows_of(extraction, self.governorate_of()))

    def replace_rows(self, rows: Rows) -> bool:
        """:meth:`replace` with the new reading's rows (``geo.tables.rows_of``), as a
        re-read on Dask workers sends them back."""
        article_id = rows.article_id

        def write(cur) -> bool:
            sql = self._db.sql
            cur.execute(sql("UPDATE articles SET extractor = ? WHERE id = ?"),
                        (rows.extractor, article_id))  # fmt: skip
            if cur.rowcount != 1:
                return False
            cur.execute(sql("DELETE FROM mentions WHERE article_id = ?"), (article_id,))
            cur.execute(sql("DELETE FROM figures WHERE article_id = ?"), (article_id,))
            self._insert(cur, "mentions", MENTION_COLUMNS, rows.mentions)
            self._insert(cur, "figures", FIGURE_COLUMNS, rows.figures)
            return True

        return self._write(write)

    def governorate_of(self) -> GovernorateOf:
        """How this store finds a place's governorate (what :func:`~geo.tables.rows_of` needs)."""
        return self._governorate_of or _default_governorate_of()

    def _insert(
        self, cur, table: str, columns: Sequence[str], rows: Sequence[tuple], conflict: str = ""
    ) -> None:
        if not rows:
            return
        query = (
            f"INSERT INTO {table} ({', '.join(map(_quote, columns))}) "
            f"VALUES ({', '.join('?' for _ in columns)}) {conflict}"
        )
        values = [[self._db.param(value) for value in row] for row in rows]
        if len(values) == 1:  # rowcount after executemany differs between drivers
            cur.execute(self._db.sql(query), values[0])
        else:
            cur.executemany(self._db.sql(query), values)

    def seed_if_empty(self) -> None:
        """Extract and store the bundled seed articles when the store holds no article."""
        if self.stats()["articles"]:
            return
        from geo.articles import load_bundled
        from geo.pipeline import extract

        for article in load_bundled():
            self.add(extract(article))

    def session_copy(self) -> Store:
        """A private in-memory copy, for a user whose additions cannot be saved.

        Only needed for the in-memory fallback, which is always SQLite.
        """
        if not isinstance(self._db, _SQLite):
            raise TypeError("session copies are made of SQLite stores only")
        memory = _SQLite(":memory:")
        with self._db.lock:
            self._db.conn.backup(memory.conn)
        return Store(
            memory,
            writable=False,
            note=self.note,
            governorate_of=self._governorate_of,
            country_of=self._country_of,
        )

    # --- reading -------------------------------------------------------------------------

    def has(self, article_id: str) -> bool:
        """Whether an article with this id is stored (lets an ingest skip known texts)."""
        with self._db.transaction() as cur:
            cur.execute(self._db.sql("SELECT 1 FROM articles WHERE id = ?"), (article_id,))
            return cur.fetchone() is not None

    def stored(self, article_ids: Sequence[str]) -> set[str]:
        """Which of these article ids are stored: one query for a batch of an ingest."""
        if not article_ids:
            return set()
        query = f"SELECT id FROM articles WHERE id IN ({_marks(article_ids)})"
        with self._db.transaction() as cur:
            cur.execute(self._db.sql(query), list(article_ids))
            return {row[0] for row in cur.fetchall()}

    def outdated(self, version: str) -> int:
        """How many stored articles were read by another extractor version than ``version``."""
        with self._db.transaction() as cur:
            cur.execute(self._db.sql("SELECT COUNT(*) FROM articles WHERE extractor <> ?"),
                        (version,))  # fmt: skip
            return cur.fetchone()[0]

    def outdated_articles(self, version: str, page: int = 200) -> Iterator[Article]:
        """Every stored article read by another version, in id order, fetched ``page`` at a time.

        Each page is a fresh query after the last id seen, so no read stays open while the
        caller writes (SQLite has one writer) and memory holds one page, whatever the store.
        """
        columns = ["id", "text", "title", "outlet", "published", "url", "dateline"]
        last = ""
        while True:
            query = (
                f"SELECT {', '.join(map(_quote, columns))} FROM articles "
                "WHERE extractor <> ? AND id > ? ORDER BY id LIMIT ?"
            )
            with self._db.transaction() as cur:
                cur.execute(self._db.sql(query), (version, last, page))
                rows = cur.fetchall()
            for row in rows:
                fields = dict(zip(columns, row, strict=True))
                yield Article(**{**fields, "published": _as_date(fields["published"])})
            if len(rows) < page:
                return
            last = rows[-1][0]

    def stats(self) -> dict[str, int]:
        """How many articles, mentions, figures and distinct resolved places are stored.

        One statement, so one round trip to a remote server: every page run asks
        (the dashboard keys its caches by the article count).
        """
        with self._db.transaction() as cur:
            cur.execute(
                "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM mentions), "
                "(SELECT COUNT(*) FROM figures), (SELECT COUNT(DISTINCT place_id) FROM mentions)"
            )
            counts = cur.fetchone()
        return dict(zip(["articles", "mentions", "figures", "places"], counts, strict=True))

    def count_articles(self) -> int:
        """How many articles are stored: one indexed count, cheap enough for every page run."""
        with self._db.transaction() as cur:
            cur.execute("SELECT COUNT(*) FROM articles")
            return cur.fetchone()[0]

    def articles(
        self, filters: Filters = EVERYTHING, limit: int | None = None, offset: int = 0
    ) -> pd.DataFrame:
        """Articles published in the date range, from the outlets, mentioning the places,
        newest first; ``limit``/``offset`` take one page of them."""
        where, params = self.where(filters, "articles")
        columns = FRAME_COLUMNS["articles"]
        query = (
            f"SELECT {_columns('a', columns)} FROM articles a {_where(where)} "
            f"ORDER BY {ARTICLE_ORDER}{_page(limit, offset)}"
        )
        return self.read(query, params, columns)

    def mentions(
        self, filters: Filters = EVERYTHING, article_ids: Sequence[str] | None = None
    ) -> pd.DataFrame:
        """Place mentions of the articles selected by dates and outlets, at the places
        (only those of ``article_ids`` when given)."""
        where, params = self.where(filters, "mentions")
        if article_ids is not None:
            where.append(f"m.article_id IN ({_marks(article_ids) or 'NULL'})")
            params += list(article_ids)
        columns = FRAME_COLUMNS["mentions"]
        query = (
            f"SELECT {_columns('m', MENTION_COLUMNS)}, {_columns('a', _ARTICLE_INFO)} "
            f"FROM mentions m JOIN articles a ON a.id = m.article_id {_where(where)} "
            'ORDER BY a.published IS NULL, a.published, m.article_id, m."start"'
        )
        return self.read(query, params, columns)

    def figures(
        self,
        filters: Filters = EVERYTHING,
        limit: int | None = None,
        article_ids: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """Figures whose period overlaps the date range, of the kinds, places and outlets
        (only those of ``article_ids`` when given), oldest period first.

        A figure with only one end of its period known is taken to be that day.
        ``limit`` keeps the newest (by period; undated last), still returned oldest first.
        """
        where, params = self.where(filters, "figures")
        if article_ids is not None:
            where.append(f"f.article_id IN ({_marks(article_ids) or 'NULL'})")
            params += list(article_ids)
        columns = FRAME_COLUMNS["figures"]
        tables = "figures f JOIN articles a ON a.id = f.article_id"
        joined = f"{tables} {_where(where)}"
        if limit is not None:
            # The newest are chosen on their keys alone (off migration 7's index), then joined
            # back: sorting whole rows of a common kind (27,000 'killed' of 100,000) took
            # 180 ms, its keys 3 ms.
            newest = 'f.date_start DESC NULLS LAST, f.article_id DESC, f."start" DESC'
            keys = (
                f'SELECT f.article_id, f."start", f."end", f.kind FROM {joined} ORDER BY {newest}'
            )
            joined = (
                f'{tables} WHERE (f.article_id, f."start", f."end", f.kind) '
                f"IN ({keys}{_page(limit, 0)})"
            )
        chosen = (
            f"SELECT {_columns('f', FIGURE_COLUMNS)}, {_columns('a', _ARTICLE_INFO)} FROM {joined}"
        )
        query = f'{chosen} ORDER BY f.date_start IS NULL, f.date_start, f.article_id, f."start"'
        return self.read(query, params, columns)

    def where(self, filters: Filters, rows: Literal["articles", "mentions", "figures"]):
        """The ``WHERE`` terms and parameters that select ``rows`` for ``filters``.

        The query names articles ``a`` (joined to ``m`` mentions or ``f`` figures).
        Articles and mentions are selected by publication date, figures by the
        period they are about; only figures have a kind; an article is at a
        place when one of its mentions is.
        """
        if rows == "figures":
            return self._conditions(
                filters,
                "COALESCE(f.date_start, f.date_end)",
                "COALESCE(f.date_end, f.date_start)",
                places="f",
                kinds="f.kind",
            )
        if rows == "mentions":
            return self._conditions(filters, "a.published", "a.published", places="m")
        where, params = self._conditions(filters, "a.published", "a.published")
        if filters.places:
            place_sql, place_params = self._place_condition("m", filters.places)
            where.append(
                f"EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = a.id AND {place_sql})"
            )
            params += place_params
        return where, params

    def _conditions(
        self, filters: Filters, first: str, last: str, places: str = "", kinds: str = ""
    ) -> tuple[list[str], list]:
        """``WHERE`` terms and their parameters; ``first``/``last`` are the SQL of a row's days.

        A row overlaps [start, end] when its last day is not before ``start``
        and its first day not after ``end``; NULL days never match a range.
        """
        terms: list[tuple[str, Sequence]] = []
        if filters.start is not None:
            terms.append((f"{last} >= ?", [filters.start]))
        if filters.end is not None:
            terms.append((f"{first} <= ?", [filters.end]))
        if filters.outlets:
            terms.append((f"a.outlet IN ({_marks(filters.outlets)})", filters.outlets))
        if kinds and filters.kinds:
            terms.append((f"{kinds} IN ({_marks(filters.kinds)})", filters.kinds))
        if places and filters.places:
            terms.append(self._place_condition(places, filters.places))
        return [sql for sql, _ in terms], [p for _, values in terms for p in values]

    def _place_condition(self, alias: str, ids: Sequence[str]) -> tuple[str, list]:
        """Rows at one of the places, inside one of the governorates, or in one of the countries."""
        countries = sorted({c for c in map(self._country_of, ids) if c})
        terms = [
            f"{alias}.place_id IN ({_marks(ids)})",
            f"{alias}.governorate_id IN ({_marks(ids)})",
        ]
        params = [*ids, *ids]
        if countries:
            terms.append(f"{alias}.country IN ({_marks(countries)})")
            params += countries
        return f"({' OR '.join(terms)})", params

    def read(self, query: str, params: Sequence, columns: list[str]) -> pd.DataFrame:
        """Run a read query (``?`` marks); dates come back as ``datetime.date`` and flags as
        bool on both backends."""
        with self._db.transaction() as cur:
            cur.execute(self._db.sql(query), [self._db.param(p) for p in params])
            rows = cur.fetchall()
        frame = pd.DataFrame(rows, columns=columns)
        for column in _DATE_COLUMNS:
            if column in frame:
                frame[column] = frame[column].map(_as_date).astype(object)
        if "adjective" in frame:
            frame["adjective"] = frame["adjective"].astype(bool)
        if "added" in frame:
            frame["added"] = pd.to_datetime(frame["added"], utc=True, format="ISO8601")
        return frame

    # --- reviews (geo.reviews) ----------------------------------------------------------

    def add_review(self, review: Review) -> None:
        """Save one review.  Reviews are only ever added (undo is a review too), so two
        reviewers saving at once both succeed and both stay in the history."""
        query = (
            f"INSERT INTO reviews ({', '.join(map(_quote, REVIEW_ROW))}) "
            f"VALUES ({_marks(REVIEW_ROW)})"
        )
        values = [self._db.param(value) for value in review.row().values()]
        self._write(lambda cur: cur.execute(self._db.sql(query), values))

    def reviews(self, article_ids: Sequence[str] | None = None) -> list[Review]:
        """Every review (of these articles), oldest first."""
        where, params = "", list(article_ids or ())
        if article_ids is not None:
            where = f"WHERE article_id IN ({_marks(params)})" if params else "WHERE 1 = 0"
        query = (
            f"SELECT {', '.join(map(_quote, REVIEW_ROW))} FROM reviews {where} ORDER BY created, id"
        )
        with self._db.transaction() as cur:
            cur.execute(self._db.sql(query), params)
            rows = cur.fetchall()
        return [_review(dict(zip(REVIEW_ROW, row, strict=True))) for row in rows]

    def review_count(self) -> int:
        """How many reviews are stored: the dashboard's caches key on it (reviews only grow)."""
        with self._db.transaction() as cur:
            cur.execute("SELECT COUNT(*) FROM reviews")
            return cur.fetchone()[0]

    def close(self) -> None:
        self._db.close()


def _marks(values: Sequence) -> str:
    return ", ".join("?" for _ in values)


def _where(conditions: list[str]) -> str:
    return f"WHERE {' AND '.join(conditions)}" if conditions else ""


def _page(limit: int | None, offset: int) -> str:
    """A ``LIMIT``/``OFFSET`` clause (numbers checked, so never text in the SQL)."""
    if limit is None:
        return ""
    return f" LIMIT {int(limit)} OFFSET {int(offset)}"


def _as_date(value: Any) -> date | None:
    """SQLite gives ISO text (or NaN once pandas has typed the column), PostgreSQL a date."""
    if isinstance(value, date):
        return value
    return date.fromisoformat(value) if isinstance(value, str) else None


def _review(row: dict) -> Review:
    """A review as read back: SQLite gives the time as ISO text, PostgreSQL as a datetime."""
    created = row["created"]
    if isinstance(created, str):
        created = datetime.fromisoformat(created)
    return Review(**{**row, "created": created.astimezone(UTC)})


def _readonly_reason() -> str:
    """Why a SQLite store must not be written here, or "" when it may.

    Streamlit Community Cloud runs apps from /mount/src: a file written there
    is shared by every visitor and lost at the next reboot, so without a
    database each user's additions stay in their own session instead.
    """
    if os.environ.get(READONLY_ENV, "").strip().lower() in {"1", "true", "yes"}:
        return f"{READONLY_ENV} is set"
    if REPO_ROOT.is_relative_to(HOSTED_ROOT):
        return "a hosted deploy with no DATABASE_URL configured"
    return ""


def open_store(
    url: str | None = None,
    *,
    governorate_of: GovernorateOf | None = None,
    country_of: CountryOf | None = None,
    fallback: bool = True,
) -> Store:
    """The configured store: ``url``, else ``$DATABASE_URL``, else ``var/atlas.sqlite``.

    ``url`` is ``postgresql://user:password@host:port/dbname`` (PostGIS), a
    SQLite path, ``sqlite:///path`` or ``:memory:``.  Never raises for an
    unusable location: the result is then an in-memory copy (of the SQLite
    file when it can still be read) with ``writable=False`` and a ``note``.
    With ``fallback=False`` an unreachable server raises
    :class:`StoreUnavailable` instead: a long-running app must not keep an
    in-memory stand-in for a database that is only down for a while.
    """
    url = url or os.environ.get("DATABASE_URL") or str(DEFAULT_PATH)
    options = {"governorate_of": governorate_of, "country_of": country_of}
    try:
        if url.startswith(("postgresql://", "postgres://")):
            return Store(_Postgres(url), **options)
        path = url.removeprefix("sqlite:///") if url.startswith("sqlite:///") else url
        if reason := _readonly_reason():
            return _fallback(path, reason, options)
        return Store(_SQLite(path), **options)
    except StoreUnavailable:
        if not fallback:
            raise
        reason = f"{redact(url)} cannot be reached"
        return _fallback(None, reason, options)
    except Exception as exc:  # any driver or OS error: report it, keep the app usable
        reason = f"{type(exc).__name__}: {exc}".replace(url, redact(url))
        return _fallback(None if url.startswith("postgres") else url, reason, options)


def _fallback(path: str | None, reason: str, options: dict) -> Store:
    """An in-memory store, copied from the SQLite file at ``path`` when it can be read."""
    note = f"The store cannot be written ({reason}); additions last for this session only."
    memory = _SQLite(":memory:")
    file = Path(path.removeprefix("file:").split("?")[0]) if path else None
    if file is not None and file.is_file():
        try:
            source = sqlite3.connect(f"file:{file.resolve()}?mode=ro", uri=True)
            source.backup(memory.conn)
            source.close()
        except sqlite3.Error as exc:
            note += f" Its content could not be read either ({exc})."
    return Store(memory, writable=False, note=note, **options)
