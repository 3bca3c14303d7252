"""The hostile store in a real browser: every popup and tooltip opened, no script runs, no
request leaves the machine, every page draws.

The served app reads a store holding the seeds and one article per payload of
tests/hostile.py (in text, title and outlet) plus ``javascript:`` and ``data:``
URLs.  Every wait is for a condition, never a sleep.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from conftest import served
from hostile import hostile_store

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
PWNED = "window.top.__atlasPwned"


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile-server")
    with served(hostile_store(folder), folder) as url:
        yield url


@pytest.fixture
def watched(page):
    """The page, recording every request that is not to this machine."""
    page.outside = []

    def record(request):
        host = urlsplit(request.url).hostname or ""
        if request.url.startswith(("http", "ws")) and host not in {"127.0.0.1", "localhost"}:
            page.outside.append(request.url)

    page.on("request", record)
    return page


def _clean(page) -> None:
    assert page.evaluate(PWNED) is None
    assert page.dialogs == []
    evil = [url for url in page.outside if "evil.example" in url]
    assert evil == [], evil


def test_every_popup_and_tooltip_of_the_hostile_map_is_inert(watched, hostile_url):
    page = watched
    page.goto(f"{hostile_url}/?start=2019-03-03&end=2019-03-04")
    frame = page.frame_locator(MAP_FRAME)
    figures = frame.locator("path.atlas-figure")
    figures.first.wait_for(state="attached", timeout=60_000)
    opened = 0
    for i in range(figures.count()):
        figures.nth(i).dispatch_event("click")  # each one, even under another symbol
        popup = frame.locator(".leaflet-popup-content")
        popup.wait_for(timeout=10_000)
        opened += "QQ" in popup.inner_text()
    assert opened >= 10
    text = frame.locator(".leaflet-popup-content").inner_text()
    assert "QQ" in text  # the payload shown as written
    places = frame.locator("path.atlas-place")
    for i in range(places.count()):  # an event, not a pointer: some lie outside the view
        places.nth(i).dispatch_event("mouseover")
    _clean(page)


@pytest.mark.parametrize("path", ["Figures", "Articles", "Places", "Add_articles"])
def test_every_page_of_the_hostile_store_draws_and_runs_nothing(watched, hostile_url, path):
    page = watched
    page.goto(f"{hostile_url}/{path}")
    page.locator("h1").first.wait_for(timeout=60_000)
    if path == "Articles":
        summaries = page.locator("summary")
        summaries.first.wait_for(timeout=30_000)
        for i in range(summaries.count()):
            summaries.nth(i).click()
        page.get_by_text("{{ 7*7 }}", exact=False).first.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0
    _clean(page)


def test_a_phishing_link_in_the_query_string_is_shown_as_text(watched, hostile_url):
    page = watched
    page.goto(f"{hostile_url}/?outlet=[Verify](https://evil.example/login)&start=2039-03-10")
    page.get_by_text("[Verify](https://evil.example/login)", exact=False).wait_for(timeout=60_000)
    page.get_by_text("after the newest article", exact=False).wait_for(timeout=30_000)
    links = page.locator('a[href*="evil.example"]')
    assert links.count() == 0, links.first.evaluate("a => a.parentElement.outerHTML")
    assert page.locator('[data-testid="stException"]').count() == 0
    _clean(page)
