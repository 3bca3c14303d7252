"""Batch ingest: records read from files -> extraction -> the store, a batch at a time.

Each article is extracted and stored all or nothing (a batch of articles to a
transaction, each under its own savepoint, see ``geo.store``), and every problem
is kept as a :class:`Failure` naming the file, the record and the reason, so a
run over a messy folder stores all that can be stored and says exactly what
could not.  Rerunning is safe: an article already stored (same normalised text)
is counted as unchanged and not extracted again.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from geo.articles import Article, load_bundled
from geo.parallel import Failed, ordered_map
from geo.pipeline import Extraction, extract
from geo.readers import Record
from geo.store import Store
from geo.tables import GovernorateOf, Rows, rows_of

Extract = Callable[[Article], Extraction]


@dataclass(frozen=True)
class Failure:
    """A record that was not stored (or stored with a caveat), and why."""

    source: str
    record: int
    reason: str

    def __str__(self) -> str:
        return f"{self.source} record {self.record}: {self.reason}"


@dataclass(frozen=True)
class Summary:
    """What an ingest did: counts, and every failure and warning with its place."""

    added: int = 0
    unchanged: int = 0
    failures: tuple[Failure, ...] = ()
    warnings: tuple[Failure, ...] = field(default=())
    encodings: tuple[tuple[str, str], ...] = ()
    """``(file, decision)`` for every file read: the encoding chosen and the evidence for it."""

    @property
    def failed(self) -> int:
        return len(self.failures)

    def to_dict(self) -> dict:
        return {
            "added": self.added,
            "unchanged": self.unchanged,
            "failed": self.failed,
            "failures": [vars(f) for f in self.failures],
            "warnings": [vars(w) for w in self.warnings],
            "encodings": dict(self.encodings),
        }

    def report(self) -> str:
        """The summary people read at the end of a run."""
        lines = [f"added {self.added}, unchanged {self.unchanged}, failed {self.failed}"]
        for title, items in [("failed:", self.failures), ("warnings:", self.warnings)]:
            if items:
                lines += [title, *(f"  {item}" for item in items)]
        return "\n".join(lines)


Outcome = Literal["added", "unchanged"]


WRITE_BATCH = 64
"""Articles written in one transaction (each under its own savepoint).  One transaction an
article cost the writer 0.39 ms of CPU and 1.0 ms of wall time an article, 64 to a transaction
0.19 and 0.42 ms (1,000 articles, SQLite); a killed run loses at most one batch, read again
when it is resumed."""


class ReadRows:
    """The rows of ``extract(article)``: a picklable callable, run on Dask workers.

    The rows are built where the article is read, so the writing process only writes, and
    a few kilobytes of tuples come back instead of the extraction's objects.
    """

    def __init__(self, extract: Extract, governorate_of: GovernorateOf):
        self.extract = extract
        self.governorate_of = governorate_of

    def __call__(self, article: Article) -> Rows:
        return rows_of(self.extract(article), self.governorate_of)


class _ReadRecord:
    """:class:`ReadRows` of a record's article: records travel, so each result keeps its place."""

    def __init__(self, read: ReadRows):
        self.read = read

    def __call__(self, record: Record) -> Rows:
        return self.read(record.article)


def warm_up() -> None:
    """Build now what reading an article builds on first use (about 2 s of CPU): the
    gazetteer, the name matcher, the date parser's tables, compiled patterns, the boundaries.

    A local parallel ingest runs it before forking its workers (``geo.parallel.dask_client``),
    which then share all this copy-on-write instead of each building its own.  The bundled
    seed articles are the input: they exercise every part of the extractor.
    """
    from geo.boundaries import governorate_id_of

    for article in load_bundled():
        ReadRows(extract, governorate_id_of)(article)


def _not_stored(store: Store) -> Callable[[list[Record]], list[bool]]:
    """Which records of a chunk need extracting: read, and their text not stored yet."""

    def wanted(records: list[Record]) -> list[bool]:
        ids = [record.article.id for record in records if record.article is not None]
        try:
            stored = store.stored(ids)
        except Exception:  # the store is failing: extract anyway, and let the write report it
            stored = set()
        return [r.article is not None and r.article.id not in stored for r in records]

    return wanted


Result = Rows | Failed | None


def _store_batch(batch: list[tuple[Record, Result]], store: Store) -> list[Outcome | Failure]:
    """Write a batch's rows in one transaction; each record's outcome or failure, in order."""
    ready = [result for _, result in batch if isinstance(result, Rows)]
    try:
        written = iter(store.add_all(ready) if ready else [])
    except Exception as exc:  # the whole batch was refused: each of its records says why
        written = itertools.repeat(exc)
    return [_outcome(record, result, written) for record, result in batch]


def _outcome(record: Record, result: Result, written: Iterator) -> Outcome | Failure:
    """What became of one record; the next of ``written`` is its write's outcome, if written."""
    if record.article is None:
        return Failure(record.source, record.number, record.error)
    if result is None:
        return "unchanged"
    if isinstance(result, Failed):  # one article's bug must not stop the batch; it is reported
        return Failure(record.source, record.number, f"extraction failed: {result}")
    stored = next(written)
    if isinstance(stored, Exception):  # a database error is reported with the record it hit
        return Failure(record.source, record.number, f"could not be stored: {stored!r}")
    return stored


def ingest(
    records: Iterable[Record], store: Store, extract: Extract = extract, client=None
) -> Summary:
    """Store every good record; count the rest as failures with their reasons.

    With a Dask ``client`` (see :mod:`geo.parallel`) the extraction runs on its workers and
    the records are stored here, in the order they were read, :data:`WRITE_BATCH` to a
    transaction and each article all or nothing: the store ends as a sequential run leaves
    it, and a killed run resumes where it stopped (stored texts are skipped).
    """
    counts = {"added": 0, "unchanged": 0}
    failures: list[Failure] = []
    warnings: list[Failure] = []
    encodings: dict[str, str] = {}
    reading = _ReadRecord(ReadRows(extract, store.governorate_of()))
    results = ordered_map(reading, records, client, wanted=_not_stored(store))
    while batch := list(itertools.islice(results, WRITE_BATCH)):
        for (record, _), outcome in zip(batch, _store_batch(batch, store), strict=True):
            if record.encoding:
                encodings.setdefault(record.source, record.encoding)
            if isinstance(outcome, Failure):
                failures.append(outcome)
                continue
            counts[outcome] += 1
            warnings += [Failure(record.source, record.number, w) for w in record.warnings]
    return Summary(
        counts["added"],
        counts["unchanged"],
        tuple(failures),
        tuple(warnings),
        tuple(encodings.items()),
    )


def preview(extraction: Extraction) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The places and figures an extraction found, as small tables to check before saving."""
    places = pd.DataFrame(
        [
            {
                "text": m.text,
                "place": m.place.name if m.place else "(not in the gazetteer)",
                "kind": m.place.kind if m.place else "",
                "governorate": m.place.admin1 if m.place else "",
                "country": m.place.country if m.place else "",
                "confidence": round(m.confidence, 2),
            }
            for m in extraction.places
        ],
        columns=["text", "place", "kind", "governorate", "country", "confidence"],
    )
    figures = pd.DataFrame(
        [
            {
                "figure": f.label,
                "place": f.place.name if f.place else "",
                "from": f.date_start,
                "to": f.date_end,
                "sentence": f.sentence,
            }
            for f in extraction.figures
        ],
        columns=["figure", "place", "from", "to", "sentence"],
    )
    return places, figures
