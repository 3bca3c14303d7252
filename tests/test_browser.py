"""End to end in a real headless browser: `streamlit run app.py`, Leaflet drawing, popups, links.

Needs Debian's Chromium at /usr/bin/chromium (``.ci/run`` installs it): skipped
without it, except in CI (``CI=true``) where a missing browser fails.  The app
runs on the temporary store of ``atlas_data`` (bundled articles plus a hostile
one, whose scripts must never run).  Every wait is for a condition, never a sleep.
Each run refreshes docs/screenshot.png, the screenshot the README shows.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from atlas_data import HOSTILE, store_url
from playwright.sync_api import expect

from geo.store import open_store
from geo.summary import figures_table

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parent.parent

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
SYMBOLS = "path.atlas-place, path.atlas-figure, path.atlas-territory"
PWNED = "window.top.__atlasPwned"
CLICKABLE = "path.atlas-place, path.atlas-figure"


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
    page.screenshot(path=REPO / "docs" / "screenshot.png", full_page=True)  # the README's


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


def test_clicking_a_place_lists_its_claims_keeps_its_popup_and_can_filter_to_it(page, app_url):
    frame = _open_map(page, app_url)
    before = _symbols(frame)
    frame.locator("path.atlas-place").first.click(force=True)
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    expect(popup).to_contain_text(re.compile(r"\d+ claims? here, by date"), timeout=10_000)
    button = page.get_by_role("button", name="Show only this place on every page")
    button.wait_for(timeout=30_000)  # the panel beside the map lists the place's claims
    assert frame.locator(".leaflet-popup-content").count() == 1  # still open after the rerun
    assert "place=" not in page.url
    button.click()
    page.wait_for_url("**/?place=*", timeout=20_000)
    frame = _open_map(page, page.url)  # the link now selects the place
    assert 0 < _symbols(frame) < before
    page.locator('[data-testid="stSidebarNav"] a', has_text="Figures").click()
    page.wait_for_url("**/Figures?place=*", timeout=20_000)


def test_the_time_control_moves_the_footprints_and_is_in_the_link(page, app_url):
    frame = _open_map(page, f"{app_url}/?asof=2019-02-09")
    early = frame.locator("path.atlas-territory")
    early.first.wait_for(state="attached", timeout=30_000)
    feb = frame.locator(".leaflet-tooltip").all_inner_texts()
    frame = _open_map(page, f"{app_url}/?asof=2019-03-07")
    frame.locator("path.atlas-territory").first.wait_for(state="attached", timeout=30_000)
    march = frame.locator(".leaflet-tooltip").all_inner_texts()
    assert any("2 square miles" in t for t in feb) and not any("single square" in t for t in feb)
    assert any("single square mile" in t for t in march)
    assert not any("2 square miles" in t for t in march)
    assert "asof=2019-03-07" in page.url


def test_every_figure_on_the_map_can_be_opened(page, app_url):
    """Each located figure of the Figures table is listed in a popup a click reaches."""
    store = open_store(store_url())
    table = figures_table(store.figures(), store.mentions())
    located = set(table.loc[table["lon"] > 36, "label"])  # in the opening view (eastern Syria)
    listed: set[str] = set()
    symbols = _open_map(page, app_url).locator(CLICKABLE).count()
    for i in range(symbols):  # a fresh view each time: a tall popup pans the map
        if located <= listed:
            break
        frame = _open_map(page, app_url)
        symbol = frame.locator(CLICKABLE).nth(i)
        if symbol.bounding_box()["width"] < 3:  # outside the opening view: reached by panning
            continue
        symbol.click(force=True)
        content = frame.locator(".leaflet-popup-content")
        content.wait_for(timeout=10_000)
        listed.update(content.locator("ol.atlas-claims li > b").all_inner_texts())
    assert len(located) > 10 and located <= listed, located - listed


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
    label = page.locator("summary", has_text="Baghuz")  # its title, shown as written
    expect(label).to_contain_text(HOSTILE.title, timeout=30_000)
    page.locator("summary").first.click()
    body = page.locator('[data-testid="stHtml"]').get_by_text("${window.top.__atlasPwned = 2}")
    body.wait_for(timeout=30_000)
    assert _pwned(page) is None
    assert page.dialogs == []


def test_figures_downloads_hold_the_filtered_table(page, app_url):
    """The files are made when a button is clicked (deferred), from the table shown."""
    page.goto(f"{app_url}/Figures?kind=displaced")
    downloads = {}
    for name in ("CSV", "GeoJSON"):
        button = page.get_by_role("button", name=f"Download {name}")
        with page.expect_download(timeout=90_000) as download:  # a loaded CI machine
            button.click()
        downloads[name] = Path(download.value.path()).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(downloads["CSV"])))
    features = json.loads(downloads["GeoJSON"])["features"]
    assert len(rows) == len(features) > 0
    assert (
        {row["kind"] for row in rows}
        == {f["properties"]["kind"] for f in features}
        == {"displaced"}
    )
