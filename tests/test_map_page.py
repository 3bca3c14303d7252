"""The Map page under AppTest: the static map button and an inverted date range.

The layers themselves are checked in tests/test_maps.py, the browser side in
tests/test_browser_map.py."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from atlas_data import notices, store_url
from streamlit.testing.v1 import AppTest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", autouse=True)
def database():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", store_url())
        yield store_url()


def _map(**query: str) -> AppTest:
    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=120)
    for name, value in query.items():
        app.query_params[name] = value
    app.run()
    assert not app.exception, app.exception
    return app


def test_the_map_offers_its_static_png():
    buttons = _map().get("download_button")
    assert [b.proto.label for b in buttons] == ["Download static map (PNG)"]


def test_an_inverted_date_range_is_swapped_with_a_notice():
    app = _map(start="2019-03-07", end="2019-02-09")
    assert any("swapped" in notice for notice in notices(app))
    assert app.date_input(key="w_dates").value == (date(2019, 2, 9), date(2019, 3, 7))
    assert dict(app.query_params) == {"start": "2019-02-09", "end": "2019-03-07"}


def test_the_timeline_dates_carry_their_year_and_the_side_tables_read_as_words():
    """A selection may span years: "Feb 19 … May 14" alone hides which; and the country-wide
    table's columns are named for a reader, not by their data names."""
    app = _map()
    assert not any("span years" in m.value for m in app.markdown)  # a comment, not page text
    specs = [json.loads(chart.proto.spec) for chart in app.get("vega_lite_chart")]
    timeline = next(s for s in specs if s.get("mark", {}).get("type") == "bar")
    assert timeline["encoding"]["x"]["axis"]["format"] == "%-d %b %Y"
    share = next(s for s in specs if "layer" in s)
    share_x, share_y = (share["layer"][0]["encoding"][axis] for axis in "xy")
    assert share_x["title"] == "% still held"  # in full: the labels leave the plot room
    assert share_y["axis"]["labelLimit"] <= 140
    wide = next(t for t in app.dataframe if "placed_at" in t.value.columns)
    columns = json.loads(wide.proto.columns)
    assert columns["place_name"]["label"] == "as printed"
    assert columns["placed_at"]["label"] == "drawn at"
