"""The Map page in a real browser: Back and Forward through filter states, the static PNG,
names and arrows on the map.  Same set-up as tests/test_browser.py (Chromium, the test store)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from atlas_data import donbas_url
from conftest import served
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
PNG = b"\x89PNG\r\n\x1a\n"


def _figures(page):
    """The "Figures" metric of the Map page."""
    return page.locator('[data-testid="stMetric"]', has_text="Figures").locator(
        '[data-testid="stMetricValue"]'
    )


def test_back_and_forward_move_through_filter_states(page, app_url):
    page.goto(f"{app_url}/?kind=displaced")
    chips = page.locator('[data-testid="stSidebar"] [data-tag]:visible')
    expect(chips).to_have_text(["displaced"], timeout=60_000)
    displaced = _figures(page).inner_text()
    page.get_by_role("button", name="Remove displaced").last.click()
    page.wait_for_url(re.compile(r"/$"), timeout=30_000)
    expect(chips).to_have_count(0)
    expect(_figures(page)).not_to_have_text(displaced, timeout=30_000)
    everything = _figures(page).inner_text()
    page.go_back()
    page.wait_for_url(re.compile(r"\?kind=displaced$"), timeout=30_000)
    expect(chips).to_have_text(["displaced"], timeout=30_000)
    expect(_figures(page)).to_have_text(displaced, timeout=30_000)
    page.go_forward()
    page.wait_for_url(re.compile(r"/$"), timeout=30_000)
    expect(chips).to_have_count(0, timeout=30_000)
    expect(_figures(page)).to_have_text(everything, timeout=30_000)


def test_the_static_map_downloads_as_a_png(page, app_url):
    page.goto(f"{app_url}/?kind=displaced")
    button = page.get_by_role("button", name="Download static map (PNG)")
    with page.expect_download(timeout=90_000) as download:  # made on click: a loaded machine
        button.click()
    assert download.value.suggested_filename == "conflict-news-atlas-map.png"
    png = Path(download.value.path()).read_bytes()
    assert png.startswith(PNG) and len(png) > 50_000


def test_the_offline_layer_names_countries_governorates_and_towns(page, app_url):
    page.goto(app_url)
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.atlas-place").first.wait_for(state="attached", timeout=60_000)
    names = frame.locator(".atlas-label")
    expect(names.filter(has_text="Syria")).to_have_count(1)
    expect(frame.locator(".atlas-label-town", has_text="Bāghūz")).to_have_count(1)
    assert frame.locator(".atlas-label-governorate").count() >= 3
    # labels never take a click meant for a symbol under them
    assert names.first.evaluate("e => getComputedStyle(e).pointerEvents") == "none"


@pytest.fixture(scope="module")
def donbas_app(tmp_path_factory):
    """The app over the invented Donetsk Oblast report alone."""
    folder = tmp_path_factory.mktemp("donbas-server")
    with served(donbas_url(), folder) as url:
        yield url


def test_a_ukraine_view_draws_its_raions_and_shades_those_with_claims(page, donbas_app):
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(donbas_app)  # no kind chosen: the shaded areas, like the district lines, are off
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.atlas-place").first.wait_for(state="attached", timeout=60_000)
    assert not any("/districts-" in url for url in fetched)  # off at first: not fetched
    page.goto(f"{donbas_app}/?kind=displaced")
    frame = page.frame_locator(MAP_FRAME)
    frame.locator("path.atlas-place").first.wait_for(state="attached", timeout=60_000)
    # the oblast and the two raions and the city council its claims are in, drawn from the
    # served files: the raions' is fetched for them
    expect(frame.locator("path.atlas-area")).to_have_count(4, timeout=30_000)
    assert not any("/districts-levant" in url for url in fetched)
    frame.locator(".leaflet-control-layers").hover()
    districts = frame.locator(".leaflet-control-layers-overlays label", has_text="Districts")
    districts.locator("input").check()
    expect(frame.locator("path[stroke-dasharray='2 3']")).to_have_count(628, timeout=30_000)
    assert any(url.endswith("/districts-ukraine.geojson") for url in fetched)
    assert not any("/districts-levant" in url for url in fetched)


def test_areas_drawn_from_the_served_outlines_are_shaded_and_open_their_reports(page, app_url):
    """The shaded areas and the outlined provinces arrive as styles and texts only; the
    browser takes their outlines from the served boundary files and draws them behind the
    symbols, each with its own popup."""
    page.goto(f"{app_url}/?kind=displaced")
    frame = page.frame_locator(MAP_FRAME)
    shaded = frame.locator("path.atlas-area")
    shaded.first.wait_for(state="attached", timeout=60_000)
    assert shaded.count() >= 2  # a governorate and a district at least
    shaded.first.dispatch_event("click")
    popup = frame.locator(".leaflet-popup-content")
    expect(popup).to_contain_text("not a total", timeout=10_000)
    expect(popup).to_contain_text(re.compile(r"\(governorate|district\)"))
    svg = frame.locator("svg.leaflet-zoom-animated").first
    drawn = svg.evaluate("s => [...s.querySelectorAll('path')].map(p => p.className.baseVal)")
    areas = [i for i, c in enumerate(drawn) if "atlas-area" in c.split()]
    symbols = [i for i, c in enumerate(drawn) if {"atlas-place", "atlas-figure"} & {*c.split()}]
    assert areas and symbols and max(areas) < min(symbols)  # behind every symbol
