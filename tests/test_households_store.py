"""Migration 6: the people estimate of families and households is stored, shown and exported.

Runs on SQLite and, when ``DATABASE_URL_TEST`` names a server, on PostgreSQL (the ``url``
fixture); the upgrade of a store written before migration 6 is checked on a SQLite file.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date

from geo.articles import make_article
from geo.figures import find_figures
from geo.pipeline import Extraction
from geo.store import MIGRATIONS, SCHEMA_VERSION, open_store
from geo.summary import figures_csv, figures_geojson, figures_table

TEXT = (
    "Families of five are the rule in the valley. About 200 families fled on Monday, "
    "and some 40 households, about 300 people, returned."
)


def _extraction() -> Extraction:
    article = make_article(TEXT, published=date(2021, 6, 10), outlet="Test Wire")
    return Extraction(article, (), tuple(find_figures(article)))


def _store(url):
    store = open_store(url, governorate_of=lambda place: None, country_of=lambda place_id: None)
    assert store.writable, store.note
    return store


def test_the_people_estimate_round_trips_and_reaches_table_csv_and_geojson(url):
    store = _store(url)
    assert store.add(_extraction()) == "added"
    frame = store.figures()
    by_text = frame.set_index("text")
    families = by_text.loc["About 200 families"]
    assert (families["people_value"], families["people_low"], families["people_high"]) == (
        1000, 900, 1100,
    )  # fmt: skip
    assert families["people_basis"] == "factor: Families of five"
    households = by_text.loc["some 40 households"]
    assert households["people_basis"] == "restated: about 300 people"
    people = by_text.loc["about 300 people"]
    assert people["people_basis"] == "" and people["people_value"] != people["people_value"]

    table = figures_table(frame, store.mentions())
    assert "About 200 families fled (≈ 1,000 people, by the article's “Families of five”)" in set(
        table["label"]
    )
    csv = figures_csv(table)
    assert "people_basis" in csv.splitlines()[0] and "restated: about 300 people" in csv
    features = json.loads(figures_geojson(table))["features"]
    estimates = {f["properties"]["printed"]: f["properties"]["people_value"] for f in features}
    assert estimates == {
        "About 200 families": 1000,
        "some 40 households": 300,
        "about 300 people": None,
    }
    store.close()


def test_a_store_written_before_migration_6_is_upgraded_with_empty_estimates(tmp_path):
    path = tmp_path / "atlas.sqlite"
    with sqlite3.connect(path) as conn:  # the schema as version 4 left it, with one figure
        conn.execute(
            "CREATE TABLE schema_version "
            "(version INTEGER PRIMARY KEY, summary TEXT NOT NULL, applied TEXT NOT NULL)"
        )
        for migration in (m for m in MIGRATIONS if m.version <= 4):
            for step in migration.sql:
                conn.execute(step)
            conn.execute("INSERT INTO schema_version VALUES (?, ?, ?)", (migration.version, "", ""))
        conn.execute(
            "INSERT INTO articles (id, title, outlet, url, published, dateline, text, added)"
            " VALUES ('a1', '', 'Old Wire', '', '2019-03-01', '', 'Some 200 families fled.', "
            "'2019-03-01T00:00:00+00:00')"
        )
        conn.execute(
            'INSERT INTO figures (article_id, kind, value, unit, hedge, label, text, "start", '
            "\"end\", sentence) VALUES ('a1', 'displaced', 200, 'families', 'Some', "
            "'Some 200 families fled', 'Some 200 families', 0, 17, 'Some 200 families fled.')"
        )
    store = _store(str(path))
    assert store.schema_version() == SCHEMA_VERSION >= 6
    [row] = store.figures().to_dict("records")
    assert (row["unit"], row["people_basis"]) == ("families", "")
    assert row["people_value"] is None or row["people_value"] != row["people_value"]  # NULL
    store.close()
