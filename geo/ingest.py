"""Batch ingest: records read from files -> extraction -> the store, one article at a time.

Each article is extracted and stored on its own (one transaction each, see
``geo.store``), and every problem is kept as a :class:`Failure` naming the
file, the record and the reason, so a run over a messy folder stores all that
can be stored and says exactly what could not.  Rerunning is safe: an article
already stored (same normalised text) is counted as unchanged and not
extracted again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Literal

import pandas as pd

from geo.articles import Article
from geo.parallel import Failed, ordered_map
from geo.pipeline import Extraction, extract
from geo.readers import Record
from geo.store import Store

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


class _ExtractRecord:
    """``extract(record.article)``, as a picklable callable for Dask workers."""

    def __init__(self, extract: Extract):
        self.extract = extract

    def __call__(self, record: Record) -> Extraction:
        return self.extract(record.article)


def _to_extract(store: Store) -> Callable[[Record], bool]:
    """Whether a record needs extracting: it was read, and its text is not stored yet."""

    def wanted(record: Record) -> bool:
        if record.article is None:
            return False
        try:
            return not store.has(record.article.id)
        except Exception:  # the store is failing: extract anyway, and let add() report it
            return True

    return wanted


def _outcome(record: Record, result: Extraction | Failed | None, store: Store) -> Outcome | Failure:
    """Store one record's extraction; any problem becomes a :class:`Failure` naming the record."""
    if record.article is None:
        return Failure(record.source, record.number, record.error)
    if result is None:
        return "unchanged"
    if isinstance(result, Failed):  # one article's bug must not stop the batch; it is reported
        return Failure(record.source, record.number, f"extraction failed: {result}")
    try:
        return store.add(result)
    except Exception as exc:  # a database error is reported with the record it hit
        return Failure(record.source, record.number, f"could not be stored: {exc!r}")


def ingest(
    records: Iterable[Record], store: Store, extract: Extract = extract, client=None
) -> Summary:
    """Store every good record; count the rest as failures with their reasons.

    With a Dask ``client`` (see :mod:`geo.parallel`) the extraction runs on its workers and
    the records are stored here, in the order they were read, one transaction each: the
    store ends as a sequential run leaves it, and a killed run resumes where it stopped
    (stored texts are skipped).
    """
    counts = {"added": 0, "unchanged": 0}
    failures: list[Failure] = []
    warnings: list[Failure] = []
    encodings: dict[str, str] = {}
    results = ordered_map(_ExtractRecord(extract), records, client, wanted=_to_extract(store))
    for record, result in results:
        if record.encoding:
            encodings.setdefault(record.source, record.encoding)
        outcome = _outcome(record, result, store)
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
