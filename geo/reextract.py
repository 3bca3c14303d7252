"""Re-reading stored articles when the extractor improves.

Rows keep what the code that stored them found.  When :data:`geo.pipeline.EXTRACTOR_VERSION`
changes, ``python -m geo reextract`` reads every article stored by another version again
and swaps its mentions and figures for the new ones, one article per transaction: a killed
run leaves each article wholly old or wholly new, and the next run goes on with the rest.
The articles' own fields (title, outlet, date, when it was added) are never touched.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from geo.articles import Article
from geo.ingest import Extract, ReadRows
from geo.parallel import Failed, ordered_map
from geo.pipeline import EXTRACTOR_VERSION, extract
from geo.store import Store


@dataclass(frozen=True)
class Reread:
    """What a re-read did: articles re-read, gone meanwhile, and each failure with its reason."""

    reread: int = 0
    vanished: int = 0
    failures: tuple[tuple[str, str], ...] = ()
    """``(article id, reason)``; such an article keeps its old rows and is tried again next run."""

    def to_dict(self) -> dict:
        return {
            "reread": self.reread,
            "vanished": self.vanished,
            "failed": len(self.failures),
            "failures": [{"article": a, "reason": r} for a, r in self.failures],
        }

    def report(self) -> str:
        lines = [f"re-read {self.reread}, gone {self.vanished}, failed {len(self.failures)}"]
        lines += [f"  article {a}: {r}" for a, r in self.failures]
        return "\n".join(lines)


def reextract(
    store: Store,
    extract: Extract = extract,
    client=None,
    progress: Callable[[Iterable[Article]], Iterable[Article]] = lambda articles: articles,
) -> Reread:
    """Re-read every article stored by another extractor version than this code's.

    With a Dask ``client`` the reading runs on its workers, as for an ingest (they send the
    rows back, :class:`geo.ingest.ReadRows`);
    ``progress`` wraps the articles read (a progress bar).
    """
    todo = progress(store.outdated_articles(EXTRACTOR_VERSION))
    counts = {"reread": 0, "vanished": 0}
    failures: list[tuple[str, str]] = []
    for article, result in ordered_map(ReadRows(extract, store.governorate_of()), todo, client):
        if isinstance(result, Failed):
            failures.append((article.id, f"extraction failed: {result}"))
            continue
        try:
            counts["reread" if store.replace_rows(result) else "vanished"] += 1
        except Exception as exc:  # a database error is reported with its article
            failures.append((article.id, f"could not be stored: {exc!r}"))
    return Reread(counts["reread"], counts["vanished"], tuple(failures))
