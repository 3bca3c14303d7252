"""The Figures downloads hold what a report needs about every claim (issue 11)."""

from __future__ import annotations

import csv
import io
import json

from atlas_data import store_url

from geo.store import open_store
from geo.summary import figures_csv, figures_geojson, figures_table

REPORT_NEEDS = {
    "title", "url", "outlet", "published", "printed", "label", "hedge", "low", "high", "unit",
    "kind", "modality", "precision", "place_id", "place", "governorate", "country",
    "origin_id", "destination_id", "date_start", "date_end",
}  # fmt: skip


def test_csv_and_geojson_carry_every_field_a_report_needs():
    store = open_store(store_url())
    table = figures_table(store.figures(), store.mentions())
    rows = list(csv.DictReader(io.StringIO(figures_csv(table))))
    features = json.loads(figures_geojson(table))["features"]
    assert set(rows[0]) >= REPORT_NEEDS and set(features[0]["properties"]) >= REPORT_NEEDS
    baghuz = next(row for row in rows if row["place"] == "Bāghūz")
    assert baghuz["governorate"] == "Deir ez-Zor" and baghuz["country"] == "SY"
    assert any(row["origin_id"] for row in rows)  # "more than 8,000 people left" Baghuz
    urls = {a.id: a.url or "" for a in store.articles().itertuples(index=False)}
    assert all(row["printed"] and row["title"] for row in rows)
    assert all(
        row["url"] in (urls[row["article_id"]], "'" + urls[row["article_id"]]) for row in rows
    )
