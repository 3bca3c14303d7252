"""Extraction on several processes or on a Dask cluster, results back in input order.

Extraction is the slow part of an ingest (about 10 ms of CPU an article, nearly all of it
the geoparser), and each article is independent, so it spreads over processes.  We use
``dask.distributed`` for this instead of a process pool of our own: the same code then runs
on this machine's cores (a :class:`~distributed.LocalCluster`) and on a cluster a team already
runs (``--scheduler tcp://HOST:PORT``), with Dask's worker restarts, memory limits and
diagnostics.

Writing stays in the calling process (SQLite has one writer; PostgreSQL gets batches), so
results come back **in the order the records were read**: the first copy of a text still
wins, and the store after a parallel run equals the store after a sequential one.  A
bounded window of tasks is in flight at a time, so a 100,000-article file is streamed, not
held in memory.
"""

from __future__ import annotations

import logging
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

WINDOW_PER_WORKER = 64
"""Tasks in flight per worker: enough to hide Dask's round trips, few enough to stream."""


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


@contextmanager
def dask_client(workers: int, scheduler: str | None = None):
    """A Dask client: on ``scheduler`` if given, else on a local cluster of ``workers`` processes.

    A local cluster is closed with the block; a remote one is only disconnected from.
    """
    from distributed import Client, LocalCluster

    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    with (
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


def ordered_map(
    function: Callable[[T], R],
    items: Iterable[T],
    client=None,
    wanted: Callable[[T], bool] = lambda item: True,
    window: int | None = None,
) -> Iterator[tuple[T, R | Failed | None]]:
    """``(item, attempt(function, item))`` for each item, in order; on the Dask ``client`` if any.

    Items ``wanted`` says no to come back with None and cost no task (a rerun over a
    stored corpus sends nothing to the cluster).  Items are submitted as they are read,
    with at most ``window`` unfinished.
    """
    if client is None:
        for item in items:
            yield item, attempt(function, item) if wanted(item) else None
        return
    if window is None:
        workers = len(client.scheduler_info().get("workers", {})) or 1
        window = WINDOW_PER_WORKER * workers
    pending: deque = deque()
    in_flight = 0
    for item in items:
        future = client.submit(attempt, function, item, pure=False) if wanted(item) else None
        pending.append((item, future))
        in_flight += future is not None
        while in_flight >= window or len(pending) > 4 * window:
            done, future = pending.popleft()
            in_flight -= future is not None
            yield done, future.result() if future is not None else None
    for item, future in pending:
        yield item, future.result() if future is not None else None
