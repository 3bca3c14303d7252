"""A real PostgreSQL stopped and started again under the dashboard: a notice, then recovery.

The test runs its own throwaway server (initdb in a temporary folder, a free
port on 127.0.0.1) so it can stop it without disturbing the suite's shared one.
Pages run under Streamlit's AppTest in this process, so they share the app's
caches exactly as the sessions of one served app do.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import _free_port, _missing
from streamlit.testing.v1 import AppTest

from geo.outage import Outage

pytestmark = pytest.mark.postgres

REPO = Path(__file__).resolve().parent.parent
PAGES = ["app.py", "pages/1_Figures.py", "pages/2_Articles.py", "pages/3_Places.py"]
UNREACHABLE = "The shared store is unreachable since"


def _bin(name: str) -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    return found[-1] if found else None


class Server:
    """A PostgreSQL cluster of the test's own, run as the postgres user when we are root."""

    def __init__(self, folder: Path):
        self.data, self.port = folder / "data", _free_port()
        self.pg_ctl = _bin("pg_ctl")
        folder.mkdir(exist_ok=True)
        if os.getuid() == 0:
            shutil.chown(folder, "postgres")
        self._run(_bin("initdb"), "-D", self.data, "-U", "postgres", "-A", "trust")
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *command) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        subprocess.run([*prefix, *map(str, command)], check=True, capture_output=True)

    def start(self) -> None:
        options = f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.data}"
        self._run(self.pg_ctl, "-D", self.data, "-o", options, "-l", self.data / "log", "-w",
                  "start")  # fmt: skip

    def stop(self) -> None:
        self._run(self.pg_ctl, "-D", self.data, "-m", "immediate", "-w", "stop")


@pytest.fixture
def server():
    if _bin("initdb") is None:
        _missing("PostgreSQL server binaries are missing (apt-get install postgresql)")
    folder = Path(tempfile.mkdtemp(prefix="atlas-outage-"))  # pytest's tmp is root-only
    folder.chmod(0o755)  # the postgres user must reach its data folder inside
    server = Server(folder / "pg")
    yield server
    with contextlib.suppress(subprocess.CalledProcessError):  # already stopped by the test
        server.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def app(monkeypatch, server):
    """Run a page against the test server with the app's process-wide caches emptied first."""
    import streamlit as st

    monkeypatch.setenv("DATABASE_URL", server.url)
    st.cache_resource.clear()
    st.cache_data.clear()

    def run(path: str) -> AppTest:
        page = AppTest.from_file(str(REPO / path), default_timeout=180)
        page.run()
        assert not page.exception, page.exception
        return page

    yield run
    st.cache_resource.clear()
    st.cache_data.clear()


def _notices(page: AppTest) -> str:
    return " ".join(w.value for w in page.warning)


def _articles(page: AppTest) -> int:
    return int({m.label: m.value for m in page.metric}["Articles"])


def test_pages_survive_the_store_going_away_and_recover_when_it_returns(server, app):
    server.start()
    assert _articles(app("app.py")) == 3  # seeded on first open
    server.stop()
    for path in PAGES:  # the last data read, and one notice
        page = app(path)
        assert UNREACHABLE in _notices(page) and "showing the last data read" in _notices(page)
    assert _articles(app("app.py")) == 3
    server.start()
    page = app("app.py")
    assert UNREACHABLE not in _notices(page)
    assert _articles(page) == 3


def test_an_app_started_during_an_outage_finds_the_store_once_it_is_back(server, app):
    for path in [*PAGES, "pages/5_Add_articles.py"]:
        page = app(path)
        assert "unreachable" in _notices(page) or "cannot be reached" in _notices(page)
    assert _articles(app("app.py")) == 0  # an empty read-only view, not a seeded stand-in
    server.start()
    page = app("app.py")
    assert UNREACHABLE not in _notices(page)
    assert _articles(page) == 3  # the real store, seeded now that it can be written


def test_outage_notice_says_since_when_and_what_is_shown():
    outage = Outage()
    assert outage.notice() is None
    outage.failed()
    assert "nothing has been read" in outage.notice()
    outage.answered(21)
    assert outage.notice() is None
    outage.failed()
    first = outage.since
    outage.failed()
    assert outage.since == first and "last data read" in outage.notice()
