"""Fixtures shared by the test modules: the storage backends and the served app in a real browser.

Storage tests run against SQLite and, when ``DATABASE_URL_TEST`` names a
PostgreSQL server (``.ci/run`` starts one), against PostgreSQL + PostGIS too.
Browser tests need Debian's Chromium at /usr/bin/chromium.  In CI
(``CI=true``) a missing server or browser fails instead of skipping.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from atlas_data import store_url
from pg_schemas import fresh_schema

PG_URL = os.environ.get("DATABASE_URL_TEST")
REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


def _missing(message: str) -> None:
    """Skip a test whose real dependency is absent, but fail in CI, where it must be there."""
    if os.environ.get("CI") == "true":
        pytest.fail(f"CI=true but {message}")
    pytest.skip(message)


@pytest.fixture
def pg_url():
    """A fresh schema on the test server, so tests never see each other's rows."""
    if not PG_URL:
        _missing("DATABASE_URL_TEST is not set: PostgreSQL tests cannot run")
    with fresh_schema(PG_URL) as url:
        yield url


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def url(request, tmp_path):
    if request.param == "sqlite":
        return str(tmp_path / "atlas.sqlite")
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        _missing(f"{CHROMIUM} is missing (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, timeout: float = 90) -> None:
    """Poll the health endpoint until the server answers (or has died)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"streamlit exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)  # the server is starting: poll again
    raise TimeoutError(f"streamlit did not answer at {url} within {timeout} s")


@pytest.fixture(scope="module")
def app_url(tmp_path_factory):
    """The app served from the repo on a free port, over the temporary test store."""
    with served(store_url(), tmp_path_factory.mktemp("server")) as url:
        yield url


@contextlib.contextmanager
def served(database: str, folder: Path):
    """``streamlit run app.py`` over ``database`` on a free port (its log in ``folder``)."""
    port = _free_port()
    log = (folder / "streamlit.log").open("w")
    server = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true",
         "--server.port", str(port), "--server.address", "127.0.0.1"],
        cwd=REPO, env={**os.environ, "DATABASE_URL": database}, stdout=log, stderr=log,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
        log.close()


@pytest.fixture
def page(chromium, tmp_path):
    context = chromium.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=str(CHROMIUM),
        headless=True,
        args=ARGS,
        viewport={"width": 1400, "height": 1000},
    )
    page = context.new_page()
    page.dialogs = []
    page.on("dialog", lambda dialog: (page.dialogs.append(dialog.message), dialog.dismiss()))
    yield page
    context.close()


@pytest.fixture(scope="session")
def dask_scheduler():
    """The address of a real Dask cluster of two worker processes.

    CI starts one (``.ci/run``: ``dask scheduler`` and two ``dask worker`` processes) and
    names it in ``DASK_SCHEDULER_TEST``; elsewhere the suite starts a local one of its own.
    """
    if address := os.environ.get("DASK_SCHEDULER_TEST"):
        yield address
        return
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
        yield cluster.scheduler_address
