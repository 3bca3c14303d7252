"""The map as of a day and the bars of the claims timeline, on invented claims and the seeds."""

from __future__ import annotations

from datetime import date

import pandas as pd
from atlas_data import store_url

from geo.store import open_store
from geo.timeline import as_of, claim_days, timeline


def _claim(label, kind, start, end, place_id="7", place_kind="populated place", **more) -> dict:
    row = {
        "label": label, "kind": kind, "date_start": start, "date_end": end,
        "place_id": place_id, "place_kind": place_kind, "precision": 1, "country": "XX",
        "governorate_id": "70", "name": "Alpha", "modality": "reported", "outlet": "Gazette",
        "sentence": f"{label}.",
    }  # fmt: skip
    return row | more


POCKET = pd.DataFrame(
    [
        _claim("about 40 km2 held", "territory_area", date(2022, 1, 3), date(2022, 1, 3),
               place_id="1", place_kind="country", precision=3),
        _claim("under 10 km2 held", "territory_area", date(2022, 1, 20), date(2022, 1, 20)),
        _claim("5 km2 held elsewhere", "territory_area", date(2022, 1, 25), date(2022, 1, 25),
               place_id="8", country="YY", governorate_id="90"),
        _claim("2,000 fled", "displaced", date(2022, 1, 1), date(2022, 1, 10)),
        _claim("500 fled", "displaced", date(2022, 1, 22), date(2022, 1, 22)),
    ]
)  # fmt: skip


def test_the_map_as_of_a_day_keeps_begun_claims_and_the_newest_territory_per_area():
    assert list(as_of(POCKET, None)["label"]) == list(POCKET["label"])
    early = as_of(POCKET, date(2022, 1, 5))
    assert list(early["label"]) == ["about 40 km2 held", "2,000 fled"]
    later = as_of(POCKET, date(2022, 1, 26))
    assert "about 40 km2 held" not in set(later["label"])  # replaced by a claim inside it
    assert {"under 10 km2 held", "5 km2 held elsewhere", "2,000 fled", "500 fled"} == set(
        later["label"]
    )  # another country's footprint replaces nothing here


def test_the_seeds_footprints_follow_each_other_through_time():
    figures = open_store(store_url()).figures()
    areas = figures[figures["kind"] == "territory_area"]
    assert len(areas) >= 2
    shown = [
        set(as_of(figures, day).query("kind == 'territory_area'")["label"])
        for day in (date(2019, 2, 9), date(2019, 3, 7))
    ]
    assert shown[0] and shown[1] and not shown[0] & shown[1]
    assert {date(2019, 2, 9), date(2019, 3, 7)} <= set(claim_days(figures))


def test_timeline_draws_every_claim_as_a_bar_over_its_period():
    bars = timeline(POCKET)
    assert len(bars) == len(POCKET)
    assert (bars["end"] > bars["start"]).all()  # a one-day claim is a one-day bar
    fled = bars[bars["label"] == "2,000 fled"].iloc[0]
    assert (fled["start"], fled["end"]) == (pd.Timestamp(2022, 1, 1), pd.Timestamp(2022, 1, 11))
    assert list(bars["start"]) == sorted(bars["start"])
    twice = timeline(pd.concat([POCKET, POCKET.iloc[[3]]], ignore_index=True))
    assert twice["claim"].is_unique  # the same words printed twice are two bars
