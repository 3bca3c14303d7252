"""The store the dashboard tests read: the bundled articles plus one hostile article, built once.

The hostile article carries every trick a news text could use against the
pages (tags, ``onerror``, ``${...}`` for folium's template literals, backticks,
backslashes, a ``javascript:`` URL); each trick sets ``window.top.__atlasPwned``
so a browser test can tell if any of it ran.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from datetime import date
from pathlib import Path

from geo.articles import make_article
from geo.pipeline import extract
from geo.store import open_store

HOSTILE = make_article(
    "BAGHOUZ, Syria — <script>window.top.__atlasPwned = 1</script> More than 5,000 people "
    "were evacuated from Baghuz on Monday ${window.top.__atlasPwned = 2}, the SDF said. "
    '`onerror=` <img src=x onerror="window.top.__atlasPwned = 3"> \\` ${1+1} "</div>',
    title="<img src=x onerror=window.top.__atlasPwned=4> Baghuz ${1+1}",
    outlet="<script>window.top.__atlasPwned = 5</script>",
    published=date(2019, 3, 4),
    url="javascript:window.top.__atlasPwned = 6",
)
HOSTILE_BITS = ("<script>", "<img src=x", "${window", "${1+1}", "`onerror", "javascript:")
"""Substrings of the hostile article that must never reach a page's HTML unescaped."""


def _temporary_store() -> str:
    """The URL of an empty SQLite store in a temporary folder removed at exit."""
    folder = Path(tempfile.mkdtemp(prefix="atlas-test-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return f"sqlite:///{folder / 'atlas.sqlite'}"


@functools.cache
def store_url() -> str:
    """A SQLite store (seeds + hostile article) in a temporary folder removed at exit."""
    url = _temporary_store()
    store = open_store(url)
    store.seed_if_empty()
    store.add(extract(HOSTILE))
    store.close()
    return url


DONBAS = make_article(
    "KRAMATORSK, Ukraine — More than 3,000 people were evacuated from Bakhmut on Tuesday, "
    "officials said. In all, 1,200 civilians fled the village of Yakovlivka the same day. "
    "In Kramatorsk, 2,000 people were displaced.",
    title="Evacuations in the east (an invented report)",
    outlet="Invented Wire",
    published=date(2023, 1, 10),
    url="https://example.org/donbas",
)
"""An invented report from Donetsk Oblast: claims in two raions and a city council."""


@functools.cache
def donbas_url() -> str:
    """A SQLite store holding :data:`DONBAS` only, in a temporary folder removed at exit."""
    url = _temporary_store()
    store = open_store(url)
    store.add(extract(DONBAS))
    store.close()
    return url


@functools.cache
def donbas_rows():
    """The mentions and figures of :data:`DONBAS`, read back from its store as pages read."""
    store = open_store(donbas_url())
    rows = store.mentions(), store.figures()
    store.close()
    return rows


REPO = Path(__file__).resolve().parent.parent


def run_page(path: str, **query: str | list[str]):
    """Run a page script (``path`` from the repository root) under AppTest with ``query`` in
    its URL; the run must raise nothing."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(REPO / path), default_timeout=120)
    for name, value in query.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, app.exception
    return app


def notices(app) -> list[str]:
    """The text of the plain notices an AppTest page showed (dashboard.plain_notice)."""
    import html
    import re

    bodies = [e.proto.body for e in app.get("html") if "atlas-notice" in e.proto.body]
    return [html.unescape(re.sub(r"<[^>]+>", "", body)).strip() for body in bodies]
