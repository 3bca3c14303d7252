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
    from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df

    from geo.maps import CHART_COLOURS

    chart = next(c for c in app.get("vega_lite_chart") if json.loads(c.proto.spec) == timeline)
    claims = convert_arrow_bytes_to_pandas_df(chart.proto.datasets[0].data.data)
    kinds = sorted(claims["kind"].unique())
    scale = timeline["encoding"]["color"]["scale"]  # the kinds drawn, in the map's colours
    assert scale == {"domain": kinds, "range": [CHART_COLOURS.get(k, "#999999") for k in kinds]}
    share = next(s for s in specs if "layer" in s)
    share_x, share_y = (share["layer"][0]["encoding"][axis] for axis in "xy")
    assert share_x["title"] == "% still held"  # in full: the labels leave the plot room
    assert share_y["axis"]["labelLimit"] <= 140
    wide = next(t for t in app.dataframe if "placed_at" in t.value.columns)
    columns = json.loads(wide.proto.columns)
    assert columns["place_name"]["label"] == "as printed"
    assert columns["placed_at"]["label"] == "drawn at"


def test_arrows_find_their_ends_in_the_drawn_mentions_or_the_store_not_the_gazetteer(
    monkeypatch,
):
    """The gazetteer (seconds, 150 MB) is loaded for an arrow only when the store does not
    name its end; the ends found are the gazetteer's places all the same."""
    import dashboard
    from geo.gazetteer import default_gazetteer
    from geo.store import open_store

    store = open_store(store_url())
    mentions, figures = store.mentions(), store.figures()
    named = list(mentions["place_id"].dropna().unique()[:2])
    moving = figures.iloc[:2].assign(origin_id=named, destination_id=[named[1], "173797"])
    looked_up = []
    monkeypatch.setattr(dashboard, "gazetteer_place", lambda i: looked_up.append(i))
    for drawn in (mentions, mentions.iloc[0:0]):  # in the map's mentions, else in the store
        find = dashboard.place_finder(moving, drawn)
        for place_id in named:
            known = default_gazetteer().get(place_id)
            assert (find(place_id).name, find(place_id).lat, find(place_id).lon) == (
                known.name, pytest.approx(known.lat), pytest.approx(known.lon),
            )  # fmt: skip
    assert not looked_up
    assert "173797" not in set(mentions["place_id"])  # Al Hawl camp: the test store never names it
    find("173797")
    assert looked_up == ["173797"]
