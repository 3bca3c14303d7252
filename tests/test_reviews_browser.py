"""In a real browser: correct a figure's place on the Figures or the Articles page and see
its symbol move on the map.

Each test serves the app over its own copy of ``atlas_data``'s store (so a review stays out
of the other browser tests, and each test starts from the machine's reading).  Every wait
is for a condition, never a sleep.
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


@pytest.fixture
def review_url(tmp_path):
    folder = tmp_path / "review-server"
    folder.mkdir()
    path = folder / "atlas.sqlite"
    source = sqlite3.connect(store_url().removeprefix("sqlite:///"))
    with sqlite3.connect(path) as copy:
        source.backup(copy)
    source.close()
    with served(f"sqlite:///{path}", folder) as url:
        yield url, str(path)


def _drawn_at(page, url: str, printed: str) -> list[float]:
    """``_drawn`` on a fresh load of ``url`` (a new session of the app)."""
    page.goto(url)
    return _drawn(page, printed)


def _drawn(page, printed: str) -> list[float]:
    """Where the map on ``page`` draws the figure whose label starts with ``printed``."""
    page.frame_locator(MAP_FRAME).locator("path.atlas-figure").first.wait_for(
        state="attached", timeout=60_000
    )
    for frame in [f for f in page.frames if f is not page.main_frame]:
        where = frame.evaluate(WHERE, printed)
        if where:
            return where
    raise AssertionError(f"no symbol for {printed!r} on the map")


def _near_hajin(where: list[float]) -> bool:
    return abs(where[0] - 34.69) < 0.05 and abs(where[1] - 40.83) < 0.05


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
    assert before != after and _near_hajin(after)
    assert hajin.set_index("text").loc["nearly 40,000 residents", "lat"] == figure["lat"]


def test_correcting_a_place_on_the_articles_page_moves_its_symbol_on_the_map(page, review_url):
    url, path = review_url
    figure = open_store(path).figures().set_index("text").loc["nearly 40,000 residents"]
    before = _drawn_at(page, f"{url}/?kind=displaced", "nearly 40,000")
    page.goto(f"{url}/Articles")
    article = page.locator('[data-testid="stExpander"]', has_text=figure["title"]).first
    article.locator("summary").first.click()
    # The figure form comes first in the article's review column, then the place-name form.
    article.locator('[data-testid="stSelectbox"]', has_text="Figure to review").click()
    page.get_by_role("option", name=re.compile("^nearly 40,000 residents")).click()
    article.get_by_text("Correct", exact=True).first.click()
    article.locator('[data-testid="stSelectbox"]', has_text="Field").first.click()
    page.get_by_role("option", name="place", exact=True).click()
    lookup = article.get_by_label("Place: a name to look up, or a gazetteer id").first
    lookup.fill("Hajin")
    lookup.press("Enter")
    choice = article.get_by_role("combobox", name="Which place")
    expect(choice).to_have_value(re.compile("^Hajīn"), timeout=30_000)
    name = article.get_by_label("Reviewer name").first
    name.fill("Ana")
    name.press("Enter")
    article.get_by_role("button", name="Save review").first.click()
    expect(page.get_by_text("Saved: correct place by Ana.")).to_be_visible(timeout=30_000)
    page.locator('[data-testid="stSidebarNav"] a', has_text="Map").click()  # the same session
    after = _drawn(page, "nearly 40,000")
    fresh = _drawn_at(page.context.new_page(), f"{url}/?kind=displaced", "nearly 40,000")
    assert before != after and _near_hajin(after) and _near_hajin(fresh)
    machine = open_store(path).figures().set_index("text")  # untouched: the review applies
    assert machine.loc["nearly 40,000 residents", "lat"] == figure["lat"]
