"""Extraction on several processes or on a Dask cluster, results back in input order.

Extraction is the slow part of an ingest (4-5 ms of CPU an article, nearly all of it the
geoparser), and each article is independent, so it spreads over processes.  We use
``dask.distributed`` for this instead of a process pool of our own: the same code then runs
on this machine's cores (a :class:`~distributed.LocalCluster`) and on a cluster a team already
runs (``--scheduler tcp://HOST:PORT``), with Dask's worker restarts, memory limits and
diagnostics.

On this machine the workers are forked from the calling process after it has loaded what
the extractor loads lazily (``warm_up``): each worker starts with the gazetteer, the name
matcher and the date parser's tables in memory, shared copy-on-write, instead of spending
about 2 s of CPU building its own.  What was loaded is frozen out of the garbage collector
first (``gc.freeze``): otherwise each worker's full collections walk it and copy the pages
they touch (measured, 1,000 articles on 2 workers: 3.7 -> 3.35 ms of worker CPU an article,
138 -> 113 MiB private memory a worker).  Dask's statistical profiler, which samples each
worker's stack every 10 ms for a dashboard this local cluster does not have, is off (about
0.1 ms an article less in each worker's event loop).

Writing stays in the calling process (SQLite has one writer; PostgreSQL gets batches), so
results come back **in the order the records were read**: the first copy of a text still
wins, and the store after a parallel run equals the store after a sequential one.  A
bounded window of tasks is in flight at a time, so a 100,000-article file is streamed, not
held in memory.
"""

from __future__ import annotations

import gc
import itertools
import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

CHUNK = 128
"""Items sent to a worker in one task.  Dask's cost is mostly per task: measured with a
trivial task on 6,000 scale-corpus records and 2 workers, the CPU it costs an article (this
process's client and local scheduler, plus the workers) is 0.22 ms at 64 to a task and 0.13 ms
at 128; an extraction is 3-4 ms.  A task of 128 is about 0.4 s of work,
short enough to keep the workers evenly busy to the end."""
WINDOW_PER_WORKER = 4
"""Tasks in flight per worker: enough to keep it busy, few enough to stream the input."""


def default_workers() -> int:
    """The processes to extract on when none is asked for: the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


class Failed(str):
    """What a task raised, as text: one article's bug is reported, never raised through Dask."""


def attempt(function: Callable[[T], R], item: T) -> R | Failed:
    """``function(item)``, or the repr of what it raised."""
    try:
        return function(item)
    except Exception as exc:  # reported with the record it hit by the caller
        return Failed(repr(exc))


LOCAL_WORKER_CONFIG = {
    "distributed.worker.multiprocessing-method": "fork",
    "distributed.worker.profile.enabled": False,
    # Timers of the scheduler, nannies and workers, which wake them whatever the work: the
    # event-loop health tick (20 ms), the memory check behind the memory limit (100 ms) and
    # the system metrics for the dashboard (500 ms).  Measured on an idle local cluster of
    # 2 workers: 42 -> 12 ms of CPU a second (workers and this process), i.e. ~0.15 ms an
    # article at 200 articles a second; a worker over its memory limit is still stopped,
    # within a second.
    "distributed.admin.tick.interval": "1s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
}
"""Dask settings for the local cluster (see the module docstring)."""


@contextmanager
def dask_client(
    workers: int, scheduler: str | None = None, warm_up: Callable[[], object] = lambda: None
):
    """A Dask client: on ``scheduler`` if given, else on a local cluster of ``workers`` processes.

    A local cluster is closed with the block; a remote one is only disconnected from.  The
    local workers are forked after ``warm_up()`` ran here, so they inherit what it loaded;
    enter this block before opening a database connection, which a forked child must not
    hold (SQLite and libpq connections are not safe across ``fork``).
    """
    import dask
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    warm_up()
    gc.freeze()  # what was loaded stays out of the workers' collections, and their pages shared
    try:
        with (
            dask.config.set(LOCAL_WORKER_CONFIG),
            LocalCluster(
                n_workers=workers,
                threads_per_worker=1,  # the extractor is pure Python: threads would share one GIL
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            ) as cluster,
            Client(cluster) as client,
        ):
            yield client
    finally:
        gc.unfreeze()


def attempt_all(function: Callable[[T], R], items: list[T]) -> list[R | Failed]:
    """:func:`attempt` on each item: one Dask task for a chunk of items."""
    return [attempt(function, item) for item in items]


def everything(items: list) -> list[bool]:
    """Every item is wanted."""
    return [True] * len(items)


def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    client=None,
    wanted: Callable[[list[T]], list[bool]] = everything,
    chunk: int = CHUNK,
) -> Iterator[tuple[T, R | Failed | None]]:
    """``(item, attempt(function, item))`` for each item, in order; on the Dask ``client`` if any.

    Items are read ``chunk`` at a time; ``wanted`` tells for a whole chunk which items need
    the work (one query of the store for a chunk of an ingest), and those it says no to come
    back with None and cost no work: a rerun over a stored corpus sends nothing to the
    cluster.  On a cluster a few chunks per worker are unfinished at a time.
    """
    chunks = _chunks(items, chunk, wanted)
    if client is None:
        for group, flags in chunks:
            yield from _paired(group, flags, attempt_all(function, _chosen(group, flags)))
        return
    workers = len(client.scheduler_info().get("workers", {})) or 1
    window = WINDOW_PER_WORKER * workers
    pending: deque = deque()
    for group, flags in chunks:
        todo = _chosen(group, flags)
        future = client.submit(attempt_all, function, todo, pure=False) if todo else None
        pending.append((group, flags, future))
        if len(pending) >= window:
            yield from _finished(*pending.popleft())
    for job in pending:
        yield from _finished(*job)


def _chunks(
    items: Iterable[T], size: int, wanted: Callable[[list[T]], list[bool]]
) -> Iterator[tuple[list[T], list[bool]]]:
    source = iter(items)
    while group := list(itertools.islice(source, size)):
        yield group, wanted(group)


def _chosen(group: list[T], flags: list[bool]) -> list[T]:
    return [item for item, flag in zip(group, flags, strict=True) if flag]


def _finished(group: list, flags: list[bool], future) -> Iterator[tuple]:
    """The items of one chunk with their results, in order (None for those not wanted)."""
    return _paired(group, flags, future.result() if future is not None else [])


def _paired(group: list, flags: list[bool], results: list) -> Iterator[tuple]:
    done = iter(results)
    for item, flag in zip(group, flags, strict=True):
        yield item, next(done) if flag else None
