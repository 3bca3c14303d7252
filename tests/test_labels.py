"""Names on the offline map: where they sit, from which zoom, and which towns are named."""

from __future__ import annotations

import pandas as pd
from atlas_data import store_url
from shapely.geometry import Point

from geo import boundaries
from geo.labels import MAIN_TOWNS, MIN_ZOOM, area_labels, town_labels
from geo.store import open_store
from geo.summary import place_counts


def test_every_country_and_governorate_is_named_inside_its_own_outline():
    labels = area_labels()
    shapes = pd.concat([boundaries.countries(), boundaries.governorates()], ignore_index=True)
    assert len(labels) == len(shapes)
    for label, shape in zip(labels, shapes.geometry, strict=True):
        assert shape.contains(Point(label.lon, label.lat)), label.name
    by_name = {label.name: label for label in labels}
    assert by_name["Syria"].level == "country" and by_name["Syria"].min_zoom == 0
    assert by_name["Deir ez-Zor"].min_zoom == MIN_ZOOM["governorate"] > 0
    assert area_labels() is labels  # computed once


def test_towns_are_the_most_mentioned_local_places_capped():
    mentions = open_store(store_url()).mentions()
    ranked = place_counts(mentions)
    towns = town_labels(ranked)
    local = ranked[~ranked["kind"].isin(["country", "governorate", "river", "region"])]
    assert [t.name for t in towns] == list(local["name"].head(len(towns)))
    assert towns[0].name == "Bāghūz" and towns[0].min_zoom == MIN_ZOOM["main town"]
    assert {t.level for t in towns} == {"town"}
    assert "Syria" not in {t.name for t in towns}
    assert len(town_labels(ranked, limit=2)) == 2
    later = towns[MAIN_TOWNS:]
    assert all(t.min_zoom == MIN_ZOOM["town"] for t in later)
