"""End to end in a real headless browser: `streamlit run app.py`, Leaflet drawing, popups, links.

Needs Debian's Chromium at /usr/bin/chromium (``.ci/run`` installs it): skipped
without it, except in CI (``CI=true``) where a missing browser fails.  The app
runs on the temporary store of ``atlas_data`` (bundled articles plus a hostile
one, whose scripts must never run).  Every wait is for a condition, never a sleep.
Set ``UPDATE_SCREENSHOT=1`` to refresh docs/screenshot.png (the README shows it).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from atlas_data import store_url
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
SYMBOLS = "path.atlas-place, path.atlas-figure, path.atlas-territory"
PWNED = "window.top.__atlasPwned"
@pytest.fixture(scope="module")
def chromium():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
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
    folder = tmp_path_factory.mktemp("server")
    database = store_url()
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


def _open_map(page, url: str):
    """Load a view and wait until Leaflet has drawn the place symbols; return the map frame."""
    page.goto(url)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.atlas-place").first.wait_for(state="attached", timeout=60_000)
    return frame


def _symbols(frame) -> int:
    return frame.locator(SYMBOLS).count()


def _pwned(page) -> object:
    return page.evaluate(PWNED)


def test_map_draws_places_figures_and_a_territory_footprint(page, app_url):
    frame = _open_map(page, app_url)
    assert frame.locator("path.atlas-place").count() >= 3
    assert frame.locator("path.atlas-figure").count() >= 1
    assert frame.locator("path.atlas-territory").count() >= 1
    assert frame.locator(".leaflet-control-scale").count() == 1
    assert frame.locator(".leaflet-control-layers").count() == 1
    shot = REPO / "docs" / "screenshot.png"
    if os.environ.get("UPDATE_SCREENSHOT") == "1":
        shot.parent.mkdir(exist_ok=True)
        page.screenshot(path=shot, full_page=True)


def _click_edge(symbol) -> None:
    """Click a figure symbol near its left edge: the place symbol drawn over its centre."""
    box = symbol.bounding_box()
    symbol.click(position={"x": 2, "y": box["height"] / 2}, force=True)


def test_a_figure_popup_opens_on_click_and_cites_its_sentence(page, app_url):
    frame = _open_map(page, app_url)
    _click_edge(frame.locator("path.atlas-figure").first)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert "“" in popup.inner_text() and "published" in popup.inner_text()
    assert "place=" not in page.url  # only place symbols filter


def test_clicking_a_place_filters_every_page_to_it(page, app_url):
    frame = _open_map(page, app_url)
    before = _symbols(frame)
    frame.locator("path.atlas-place").first.click(force=True)
    page.wait_for_url("**/?place=*", timeout=20_000)
    expect(frame.locator(SYMBOLS)).not_to_have_count(before, timeout=30_000)  # old map gone
    frame.locator("path.atlas-place").first.wait_for(state="attached", timeout=30_000)
    assert 0 < _symbols(frame) < before
    page.locator('[data-testid="stSidebarNav"] a', has_text="Figures").click()
    page.wait_for_url("**/Figures?place=*", timeout=20_000)


def test_a_date_range_draws_fewer_symbols(page, app_url):
    everything = _symbols(_open_map(page, app_url))
    march = _symbols(_open_map(page, f"{app_url}/?start=2019-03-01&end=2019-03-31"))
    assert 0 < march < everything


def test_a_malformed_date_shows_a_notice_and_the_unfiltered_map(page, app_url):
    everything = _symbols(_open_map(page, app_url))
    frame = _open_map(page, f"{app_url}/?start=garbage")
    page.get_by_text("Ignored start='garbage'").wait_for(timeout=20_000)
    assert _symbols(frame) == everything


def test_a_hostile_article_never_runs_its_scripts(page, app_url):
    frame = _open_map(page, f"{app_url}/?start=2019-03-04&end=2019-03-04")
    _click_edge(frame.locator("path.atlas-figure").first)
    frame.locator(".leaflet-popup-content").wait_for(timeout=10_000)
    page.goto(f"{app_url}/Articles?start=2019-03-04&end=2019-03-04")
    page.locator("summary").first.click()
    body = page.locator('[data-testid="stHtml"]').get_by_text("${window.top.__atlasPwned = 2}")
    body.wait_for(timeout=30_000)
    assert _pwned(page) is None
    assert page.dialogs == []
