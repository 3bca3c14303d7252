"""Hostile input through every entry point reaches every view as text: never run, never a crash.

Entry points: the ingest CLI (txt + sidecar, html, csv, jsonl, json) on SQLite
and PostgreSQL, the Add page (paste and upload), and query strings.  Views:
the map's HTML (popups, tooltips, labels, legend), the pages under AppTest
(tables, expanders, the Articles highlighter, notices), and the CSV and
GeoJSON downloads.  The browser half (scripts never run, no outside request)
is in tests/test_browser_security.py.  Payloads: tests/hostile.py.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from atlas_data import notices
from hostile import EVALUATED, PAYLOADS, URLS, hostile_text, marked, write_files
from hostile import hostile_store as build_hostile_store
from streamlit.testing.v1 import AppTest
from test_ingest import geo_cli

from geo.articles import make_article
from geo.escaping import safe_label
from geo.filters import Filters
from geo.highlight import highlight, marks
from geo.maps import build_map, display_boundaries
from geo.pipeline import extract
from geo.store import open_store
from geo.summary import (
    MAX_CONFLICTS,
    conflicting_claims,
    figures_csv,
    figures_geojson,
    figures_table,
)

REPO = Path(__file__).resolve().parent.parent
PAGES = ["app.py", "pages/1_Figures.py", "pages/2_Articles.py", "pages/3_Places.py"]
UNESCAPED = ("<img src=x", "<script>window", "${window", "javascript:window", "data:text/html")
"""Raw forms that must never reach a page's HTML (only their escaped forms may)."""


def map_html(store) -> str:
    everything = Filters()
    atlas = build_map(
        store.mentions(everything), store.figures(everything), display_boundaries("governorates")
    )
    return atlas.get_root().render()


def assert_inert(html: str) -> None:
    """Nothing evaluated, no raw markup or script URL from an article."""
    for evaluated in EVALUATED.values():
        assert evaluated not in html
    assert str(REPO) not in html and os.getcwd() not in html  # the os payload's output
    for raw in UNESCAPED:
        assert raw not in html


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory) -> str:
    """A SQLite store holding the seeds and every hostile article (built in process)."""
    return build_hostile_store(tmp_path_factory.mktemp("hostile"))


# --- the template hole (issue probes) ------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["jinja_expression", "jinja_os", "jinja_statement", "jinja_comment", "format_string"]
)
def test_template_code_in_an_article_is_shown_literally_on_the_map(name):
    store = open_store(":memory:")
    article = make_article(
        hostile_text([name]), title=f"Probe {marked(name)}", outlet="O", published=date(2019, 3, 5)
    )
    store.add(extract(article))
    html = map_html(store)  # a stray "{#" raised TemplateSyntaxError here
    assert_inert(html)
    assert marked(name).replace("{", "").replace("}", "") not in html  # braces kept, not eaten
    assert "QQ{{ 7*7 }}QQ" in html or name != "jinja_expression"
    assert "QQ{# never closedQQ" in html or name != "jinja_comment"


def test_rendered_output_is_never_compiled_again():
    """The fix is in the layer: any folium element's output stays data, ours or folium's."""
    import folium

    atlas = folium.Map()
    folium.Marker([36.0, 40.0], popup=folium.Popup("{{ 7*7 }} {# x", parse_html=True)).add_to(atlas)
    folium.Marker([36.0, 40.0], tooltip="{% if true %}T{% endif %}").add_to(atlas)
    html = atlas.get_root().render()
    assert "{{ 7*7 }}" in html and "{% if true %}T{% endif %}" in html


# --- the CLI into every view, on both backends --------------------------------------------


def test_every_payload_through_every_format_reaches_every_view_as_text(url, tmp_path):
    counts = write_files(tmp_path / "in")
    result = geo_cli("ingest", str(tmp_path / "in"), "--db", url, "--json")
    summary = json.loads(result.stdout)
    assert summary["failed"] == 0, summary["failures"]
    assert result.returncode == 0
    # batch.csv, batch.json and batch.jsonl hold the same articles: stored once
    assert summary["added"] == counts["batch.jsonl"] + 2
    store = open_store(url)
    articles = store.articles()
    stored = set(articles["outlet"])
    assert set(PAYLOADS.values()) <= stored  # kept exactly as written
    html = map_html(store)
    assert_inert(html)
    # each payload's figure is drawn with its sentence in the popup (and its tooltip)
    assert html.count("observer said QQ") >= len(PAYLOADS)
    table = figures_table(store.figures(), store.mentions())
    rows = list(csv.reader(io.StringIO(figures_csv(table))))
    header = rows[0]
    for row in rows[1:]:
        for column, cell in zip(header, row, strict=True):
            if column not in ("low", "high", "value", "lat", "lon"):
                assert not cell.startswith(("=", "+", "-", "@")), (column, cell)
    assert any(cell.startswith("'=HYPERLINK") for row in rows for cell in row)
    collection = json.loads(figures_geojson(table), parse_constant=_no_nan)
    assert len(collection["features"]) == len(table)
    mentions, figures = store.mentions(), store.figures()
    for article in articles.itertuples(index=False):
        marked_html = highlight(article.text, marks(article.id, mentions, figures))
        assert_inert(marked_html)


def _no_nan(constant: str):
    raise AssertionError(f"{constant} is not JSON")


def test_geojson_download_is_valid_json_when_a_figure_has_no_place():
    store = open_store(":memory:")
    unplaced = make_article(
        "About 300 people fled on Monday, the agency said.",  # no place anywhere
        title="Unplaced",
        outlet="O",
        published=date(2019, 3, 5),
    )
    store.add(extract(unplaced))
    table = figures_table(store.figures(), store.mentions())
    assert len(table) == 1 and pd.isna(table.loc[0, "lat"])
    collection = json.loads(figures_geojson(table), parse_constant=_no_nan)
    assert collection["features"][0]["geometry"] is None


# --- the pages (AppTest) ---------------------------------------------------------------------


def _page(path: str, database: str, **query) -> AppTest:
    app = AppTest.from_file(str(REPO / path), default_timeout=180)
    for name, value in query.items():
        app.query_params[name] = value
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", database)
        app.run()
    assert not app.exception, app.exception
    return app


def _markdown_bodies(app: AppTest) -> list[str]:
    """Every Markdown body the page sent: notices, captions, labels."""
    bodies = [w.value for w in app.warning] + [c.value for c in app.caption]
    return bodies + [e.label for e in app.expander]


def _plain_markdown(body: str) -> bool:
    """No unescaped Markdown that could link, load an image, or render maths or HTML."""
    return not re.search(r"(?<!\\)[\[\]<>$`!]", body)


@pytest.mark.parametrize("path", PAGES)
def test_every_page_shows_the_hostile_store_without_running_any_of_it(path, hostile_store):
    app = _page(path, hostile_store)
    assert all(_plain_markdown(b) for b in _markdown_bodies(app) if "QQ" in b)
    html = "".join(element.proto.body for element in app.get("html"))
    assert_inert(html)


HOSTILE_QUERIES = [
    {"outlet": "[Verify your account](https://evil.example/login)"},
    {"outlet": "![x](https://evil.example/pixel.png)"},
    {"kind": "<img src=x onerror=alert(1)>"},
    {"place": "{{ 7*7 }}"},
    {"start": "$\\frac{1}{2}$"},
    {"end": "2019-03-31'; DROP TABLE articles; --"},
    {"start": "1998-12-31"},
    {"end": "1998-12-31"},
    {"start": "2039-03-10"},
    {"start": "2039-03-10", "end": "2040-01-01"},
    {"start": "9999-12-31"},
    {"start": "0001-01-01", "end": "0001-01-02"},
    {"start": "2019-03-07", "end": "2019-02-01"},
    {"evil": "=cmd|' /C calc'!A0"},
    {"kind": ["displaced", "{% raw %}"]},
]


@pytest.mark.parametrize("query", HOSTILE_QUERIES, ids=lambda q: json.dumps(q)[:40])
@pytest.mark.parametrize("path", PAGES)
def test_a_hostile_link_gives_plain_notices_never_an_exception(path, query, hostile_store):
    app = _page(path, hostile_store, **query)
    bodies = [e.proto.body for e in app.get("html") if "atlas-notice" in e.proto.body]
    assert all("<a" not in b and "<img" not in b and "<script" not in b for b in bodies)
    assert all(_plain_markdown(w.value) for w in app.warning)
    if "outlet" in query:  # an unknown outlet is quoted exactly as the link wrote it
        assert query["outlet"] in " ".join(notices(app))


def test_dates_far_from_the_data_say_so_and_select_nothing(hostile_store):
    app = _page("app.py", hostile_store, start="2039-03-10")
    assert "after the newest article" in " ".join(notices(app))
    assert {m.label: m.value for m in app.metric}["Articles"] == "0"
    before = _page("app.py", hostile_store, end="1998-12-31")
    assert "before the oldest article" in " ".join(notices(before))


def test_notices_quote_a_link_as_text():
    label = safe_label("Ignored outlet='[x](https://evil.example)': not a known outlet.")
    assert _plain_markdown(label)


@pytest.mark.parametrize(
    "bare", ['=HYPERLINK("https://evil.example","open")', "see www.evil.example", "x@evil.example"]
)
def test_a_bare_url_in_a_label_is_no_link(bare):
    """GitHub-flavoured Markdown links bare URLs and addresses even with every mark escaped:
    what the renderer sees (escapes removed) holds no "://", "www." or "@" followed by text."""
    seen = safe_label(bare).replace("\\", "")
    assert not re.search(r"://|www\.|@\w", seen)
    assert seen.replace("\u2060", "") == bare  # it still reads as written


def test_add_page_shows_a_hostile_paste_and_upload_as_text(tmp_path):
    database = f"sqlite:///{tmp_path / 'add.sqlite'}"
    app = AppTest.from_file(str(REPO / "pages" / "5_Add_articles.py"), default_timeout=180)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DATABASE_URL", database)
        app.run()
        app.text_area[0].set_value(hostile_text()).run()
        app.text_input[0].set_value(PAYLOADS["markdown_link"])  # outlet
        app.text_input[1].set_value(PAYLOADS["jinja_os"]).run()  # title
    assert not app.exception, app.exception
    shown = "\n".join(t.value for t in app.text)
    assert PAYLOADS["jinja_os"] in shown and str(REPO) not in shown
    assert all(_plain_markdown(label) for label in (e.label for e in app.expander))


# --- bounded work ----------------------------------------------------------------------------


def test_conflicting_claims_are_capped_for_thousands_of_figures_at_one_place():
    n = 3000
    figures = pd.DataFrame(
        {
            "kind": "displaced",
            "place_id": "171944",
            "name": "Bāghūz",
            "low": [float(10 * i) for i in range(n)],
            "high": [float(10 * i + 5) for i in range(n)],
            "value": [float(10 * i) for i in range(n)],
            "label": "x",
            "sentence": "s",
            "outlet": "o",
            "date_start": date(2019, 3, 1),
            "date_end": date(2019, 3, 5),
        }  # fmt: skip
    )
    conflicts = conflicting_claims(figures)  # 4.5 million disagreeing pairs
    assert len(conflicts) == MAX_CONFLICTS and conflicts.attrs["truncated"]
    few = conflicting_claims(figures.head(10))
    assert len(few) == 45 and not few.attrs["truncated"]


def test_hostile_urls_never_become_links(hostile_store):
    store = open_store(hostile_store)
    html = map_html(store)
    for url in URLS.values():
        assert url not in html
    app = _page("pages/2_Articles.py", hostile_store, start="2019-03-03", end="2019-03-03")
    body = "".join(element.proto.body for element in app.get("html"))
    assert "javascript:" not in body and "data:text" not in body
