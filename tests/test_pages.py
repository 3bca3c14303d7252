"""Every page under Streamlit's AppTest: runs clean, filters change counts, the URL round-trips.

AppTest runs the real page scripts (widgets, caches, the store, the map
component's Python side) without a browser; the map itself is checked in
tests/test_browser.py.  The store is ``atlas_data``'s: seeds plus a hostile article.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from atlas_data import notices, store_url
from atlas_data import run_page as _page
from streamlit.testing.v1 import AppTest

from geo.figures import KINDS
from geo.store import open_store
from geo.summary import place_counts

REPO = Path(__file__).resolve().parent.parent
TITLES = {
    "app.py": "Conflict News Atlas", "pages/1_Figures.py": "Figures",
    "pages/2_Articles.py": "Articles", "pages/3_Places.py": "Places",
}  # fmt: skip
PAGES = list(TITLES)


@pytest.fixture(scope="module", autouse=True)
def database():
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", store_url())
        yield store_url()


def _query(app: AppTest) -> dict[str, list[str]]:
    """The page's query string, every value as a list (repeatable names)."""
    return {k: v if isinstance(v, list) else [v] for k, v in app.query_params.items()}


def _metrics(app: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in app.metric}


def _baghuz(database) -> str:
    places = place_counts(open_store(database).mentions())
    return places.loc[places["kind"] == "populated place", "place_id"].iloc[0]


@pytest.mark.parametrize("path", PAGES)
def test_every_page_runs_without_an_exception(path):
    app = _page(path)
    assert [title.value for title in app.title] == [TITLES[path]]
    kinds = app.sidebar.multiselect(key="w_kind").options  # the shared sidebar, as labelled
    assert kinds == [kind.replace("_", " ") for kind in KINDS]


def test_home_page_summarises_the_selection():
    metrics = _metrics(_page("app.py"))
    assert int(metrics["Articles"]) == 4  # three seeds + the hostile article
    assert int(metrics["Figures"]) > 0 and int(metrics["Places"]) > 0
    assert metrics["Displacement claimed"].endswith("nearly 40,000 residents")
    assert "square mile" in metrics["Latest territory claim"]


def test_changing_a_filter_changes_the_counts():
    app = _page("app.py")
    before = _metrics(app)
    app.multiselect(key="w_kind").set_value(["displaced"]).run()
    assert not app.exception
    assert int(_metrics(app)["Figures"]) < int(before["Figures"])
    assert _query(app)["kind"] == ["displaced"]
    app.date_input(key="w_dates").set_value((date(2019, 3, 1), date(2019, 3, 31))).run()
    assert int(_metrics(app)["Articles"]) < int(before["Articles"])
    assert _query(app)["start"] == ["2019-03-01"]


def test_a_half_picked_date_range_is_open_ended():
    app = _page("app.py")
    app.date_input(key="w_dates").set_value((date(2019, 3, 1),)).run()
    assert not app.exception
    assert _query(app) == {"start": ["2019-03-01"]}


def test_query_string_becomes_filters_and_is_written_back(database):
    place = _baghuz(database)
    app = _page("app.py", start="2019-02-01", end="2019-02-28", kind="displaced", place=place)
    assert app.date_input(key="w_dates").value == (date(2019, 2, 1), date(2019, 2, 28))
    assert app.multiselect(key="w_kind").value == ["displaced"]
    assert app.multiselect(key="w_place").value == [place]
    assert not app.warning and not notices(app)
    assert _query(app) == {
        "start": ["2019-02-01"], "end": ["2019-02-28"], "kind": ["displaced"], "place": [place],
    }  # fmt: skip
    metrics = _metrics(app)
    assert int(metrics["Articles"]) < 4


def test_a_governorate_in_the_link_selects_the_places_inside_it(database):
    mentions = open_store(database).mentions()
    governorate = mentions.loc[mentions["name"].isin(["Bāghūz"]), "governorate_id"].iloc[0]
    app = _page("app.py", place=governorate)
    assert app.multiselect(key="w_governorate").value == [governorate]
    assert app.multiselect(key="w_country").value == ["163843"]  # Syria, kept beside it
    assert int(_metrics(app)["Places"]) > 0
    assert _query(app) == {"place": [governorate]}  # the narrowest level is the filter


@pytest.mark.parametrize("path", PAGES)
def test_a_malformed_link_shows_a_notice_and_the_unfiltered_view(path):
    app = _page(path, start="garbage", kind=["displaced", "aliens"])
    shown = notices(app)
    assert any("start='garbage'" in n for n in shown)
    assert any("kind='aliens'" in n for n in shown)
    assert app.multiselect(key="w_kind").value == ["displaced"]
    assert _query(app) == {"kind": ["displaced"]}


def test_filters_survive_a_change_of_page():
    app = _page("app.py", kind="displaced")
    app.switch_page("pages/1_Figures.py").run()
    assert not app.exception
    assert app.multiselect(key="w_kind").value == ["displaced"]
    assert _query(app) == {"kind": ["displaced"]}


def test_figures_page_shows_the_table_conflicts_and_downloads():
    app = _page("pages/1_Figures.py")
    table = app.dataframe[0].value
    assert {"kind", "hedge", "low", "high", "unit", "place", "period", "outlet", "sentence"} <= set(
        table.columns
    )
    assert len(app.get("download_button")) == 2
    conflicts = app.dataframe[1].value
    assert len(conflicts) > 0  # 40,000 and 20,000 people leaving Baghuz, in overlapping periods
    narrowed = _page("pages/1_Figures.py", kind="territory_area")
    assert len(narrowed.dataframe[0].value) < len(table)


def test_articles_page_escapes_article_text_and_links_marks_to_the_map():
    app = _page("pages/2_Articles.py", start="2019-03-04", end="2019-03-04")
    html = "".join(element.proto.body for element in app.get("html"))
    assert "&lt;script&gt;" in html and "<script>" not in html
    assert "&#36;{window" in html and "${window" not in html
    assert 'href="/?place=' in html
    assert "javascript:" not in html
    labels = [expander.label for expander in app.expander]  # Markdown: escaped, not HTML
    assert any(label.startswith("\\<img src\\=x onerror\\=") for label in labels)
    assert not any(re.search(r"(?<!\\)[<>$`\[]", label) for label in labels)


def test_places_page_lists_resolved_and_unresolved_names():
    app = _page("pages/3_Places.py")
    resolved, unresolved = (frame.value for frame in app.dataframe[:2])
    assert {"place_id", "name", "kind", "admin1", "mentions", "beat"} <= set(resolved.columns)
    assert "Bāghūz" in set(resolved["name"])
    assert len(unresolved) > 0


def test_the_time_control_draws_the_map_as_of_a_day_and_is_in_the_link():
    everything = _page("app.py")
    app = _page("app.py", asof="2019-02-09")
    assert app.select_slider(key="w_asof").value == date(2019, 2, 9)
    assert int(_metrics(app)["Figures"]) < int(_metrics(everything)["Figures"])
    assert _query(app) == {"asof": ["2019-02-09"]}
    app.select_slider(key="w_asof").set_value(date(2019, 3, 7)).run()
    assert not app.exception
    assert _query(app) == {"asof": ["2019-03-07"]}
    assert "single square mile" in _metrics(app)["Latest territory claim"]
    app.select_slider(key="w_asof").set_value("every claim").run()
    assert _query(app) == {}


def test_the_sidebar_says_when_an_older_reader_read_stored_articles(tmp_path, monkeypatch):
    import sqlite3

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    store = open_store(url)
    store.seed_if_empty()
    store.close()
    app = _page("pages/1_Figures.py")  # the module's store: read by this version, no word of it
    assert not [c for c in app.sidebar.caption if "older version" in c.value]
    with sqlite3.connect(tmp_path / "old.sqlite") as conn:
        conn.execute("UPDATE articles SET extractor = '0' WHERE title LIKE 'Decisive%'")
    monkeypatch.setenv("DATABASE_URL", url)
    app = _page("pages/1_Figures.py")
    said = [c.value for c in app.sidebar.caption if "older version" in c.value]
    assert said and said[0].startswith("1 stored article was read") and "reextract" in said[0]


def test_a_large_selection_is_drawn_by_its_newest_reports_and_counted_whole(monkeypatch):
    import dashboard

    app = _page("app.py")
    whole = _metrics(app)
    assert not [c.value for c in app.caption if "newest" in c.value]  # drawn whole
    monkeypatch.setattr(dashboard, "MAP_ARTICLES", 2)
    monkeypatch.setattr(dashboard, "MAP_FIGURES", 3)
    app = _page("app.py")
    assert _metrics(app) == whole  # the counts are of every selected row
    said = [c.value for c in app.caption if "newest 2 articles and 3 figures" in c.value]
    assert said, [c.value for c in app.caption]


def test_the_figures_table_is_capped_and_says_so(monkeypatch):
    import dashboard

    every = _page("pages/1_Figures.py").dataframe[0].value
    monkeypatch.setattr(dashboard, "TABLE_ROWS", 3)
    app = _page("pages/1_Figures.py")
    assert len(app.dataframe[0].value) == 3
    assert any(f"The newest 3 of {len(every)} figures" in c.value for c in app.caption)
    assert len(app.get("download_button")) == 2


def test_the_articles_page_is_paged(monkeypatch):
    import dashboard

    monkeypatch.setattr(dashboard, "ARTICLES_PER_PAGE", 3)
    app = _page("pages/2_Articles.py")

    def articles_shown() -> list[str]:  # the review forms' history expanders are not articles
        return [e.label for e in app.expander if not e.label.startswith("History (")]

    first = articles_shown()
    assert len(first) == 3 and app.number_input[0].max == 2  # four articles: two pages
    app.number_input[0].set_value(2).run()
    assert not app.exception
    second = articles_shown()
    assert len(second) == 1 and second[0] not in first
