"""In a real browser: correct a figure's place on the Figures page and see its symbol move.

The app is served over a private copy of ``atlas_data``'s store (so the review stays out of
the other browser tests).  Every wait is for a condition, never a sleep.
"""

from __future__ import annotations

import re
import sqlite3

import pytest
from atlas_data import store_url
from conftest import served
from playwright.sync_api import expect

from geo.store import open_store

pytestmark = pytest.mark.browser

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
WHERE = """(printed) => {
    // Every GeoJSON layer folium made; the figure symbol whose tooltip starts with ``printed``.
    for (const name of Object.keys(window)) {
        const group = window[name];
        if (!name.startsWith("geo_json_") || !group || !group.eachLayer) continue;
        let found = null;
        group.eachLayer((layer) => {
            const tip = layer.feature && layer.feature.properties.tooltip;
            if (tip && tip.startsWith(printed) && layer.getLatLng) found = layer.getLatLng();
        });
        if (found) return [found.lat, found.lng];
    }
    return null;
}"""


@pytest.fixture(scope="module")
def review_url(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review-server")
    path = folder / "atlas.sqlite"
    source = sqlite3.connect(store_url().removeprefix("sqlite:///"))
    with sqlite3.connect(path) as copy:
        source.backup(copy)
    source.close()
    with served(f"sqlite:///{path}", folder) as url:
        yield url, str(path)


def _drawn_at(page, url: str, printed: str) -> list[float]:
    """Where the map draws the figure whose label starts with ``printed``."""
    page.goto(url)
    page.frame_locator(MAP_FRAME).locator("path.atlas-figure").first.wait_for(
        state="attached", timeout=60_000
    )
    for frame in [f for f in page.frames if f is not page.main_frame]:
        where = frame.evaluate(WHERE, printed)
        if where:
            return where
    raise AssertionError(f"no symbol for {printed!r} on the map")


def test_correcting_a_place_on_the_figures_page_moves_its_symbol_on_the_map(page, review_url):
    url, path = review_url
    figure = open_store(path).figures().set_index("text").loc["nearly 40,000 residents"]
    before = _drawn_at(page, f"{url}/?kind=displaced", "nearly 40,000")
    target = f"{figure['article_id']}:{int(figure['start'])}:{int(figure['end'])}"
    page.goto(f"{url}/Figures?review={target}")
    page.get_by_text("Correct", exact=True).click()
    field = page.locator('[data-testid="stSelectbox"]', has_text="Field")
    field.click()
    page.get_by_role("option", name="place", exact=True).click()
    lookup = page.get_by_label("Place: a name to look up, or a gazetteer id")
    lookup.fill("Hajin")
    lookup.press("Enter")
    choice = page.get_by_role("combobox", name="Which place")
    expect(choice).to_have_value(re.compile("^Hajīn"), timeout=30_000)
    name = page.get_by_label("Reviewer name")
    name.fill("Ana")
    name.press("Enter")
    page.get_by_role("button", name="Save review").click()
    expect(page.get_by_text("Saved: correct place by Ana.")).to_be_visible(timeout=30_000)
    after = _drawn_at(page, f"{url}/?kind=displaced", "nearly 40,000")
    hajin = open_store(path).figures()  # the machine's rows are untouched: the review applies
    assert before != after and abs(after[0] - 34.69) < 0.05 and abs(after[1] - 40.83) < 0.05
    assert hajin.set_index("text").loc["nearly 40,000 residents", "lat"] == figure["lat"]
