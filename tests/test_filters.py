"""Query string <-> Filters: what links carry; a bad link gives a notice, never a crash."""

from datetime import date

import pandas as pd
import pytest
from atlas_data import store_url

from geo.filters import (
    Filters,
    chosen_by_level,
    date_control,
    location_choices,
    parse_query,
    to_query,
)
from geo.store import open_store


def test_full_query_round_trips():
    params = {
        "start": "2019-02-01",
        "end": "2019-03-31",
        "place": ["170794", "wof:85632573"],
        "kind": ["displaced", "territory_area"],
        "outlet": "VOA News",
    }
    filters, notices = parse_query(params)
    assert notices == ()
    assert filters == Filters(
        start=date(2019, 2, 1),
        end=date(2019, 3, 31),
        places=("170794", "wof:85632573"),
        kinds=("displaced", "territory_area"),
        outlets=("VOA News",),
    )
    assert parse_query(to_query(filters)) == (filters, ())


def test_empty_query_means_no_restriction():
    assert parse_query({}) == (Filters(), ())
    assert to_query(Filters()) == {}


@pytest.mark.parametrize("bad", ["garbage", "2019-13-01", "01/03/2019", "2019-02-30"])
def test_malformed_date_is_dropped_with_a_notice(bad):
    filters, notices = parse_query({"start": bad, "end": "2019-03-31"})
    assert filters == Filters(end=date(2019, 3, 31))
    assert len(notices) == 1 and repr(bad) in notices[0]


def test_reversed_range_is_swapped_with_a_notice():
    filters, notices = parse_query({"start": "2019-03-31", "end": "2019-03-01"})
    assert (filters.start, filters.end) == (date(2019, 3, 1), date(2019, 3, 31))
    assert "swapped" in notices[0]


def test_unknown_values_are_dropped_and_good_ones_beside_them_kept():
    filters, notices = parse_query(
        {
            "place": ["170794", "<script>", "999"],
            "kind": ["displaced", "aliens"],
            "outlet": ["VOA News", "Nobody"],
            "zoom": "7",
        },
        places={"170794", "163843"},
        kinds={"displaced", "killed"},
        outlets={"VOA News"},
    )
    assert filters == Filters(places=("170794",), kinds=("displaced",), outlets=("VOA News",))
    assert len(notices) == 5
    assert any("'zoom'" in n for n in notices)


def test_repeated_values_are_kept_once():
    filters, _ = parse_query({"kind": ["killed", "killed", " "]})
    assert filters.kinds == ("killed",)


def test_filters_are_hashable_for_streamlit_caches():
    assert len({Filters(kinds=("killed",)), Filters(kinds=("killed",))}) == 1


def test_location_choices_offer_governorates_holding_named_places():
    choices = location_choices(open_store(store_url()).mentions(), {"170792": "Deir ez-Zor"})
    levels = choices.groupby("level")["id"].apply(set)
    assert "163843" in levels["country"]  # Syria
    assert "170792" in levels["governorate"]
    assert choices["id"].is_unique


SPAN = (date(2019, 2, 9), date(2019, 3, 7))


@pytest.mark.parametrize(
    ("filters", "value", "notice"),
    [
        (Filters(), SPAN, ""),
        (Filters(start=date(2039, 3, 10)), (date(2039, 3, 10),) * 2, "after the newest"),
        (Filters(end=date(1998, 12, 31)), (date(1998, 12, 31),) * 2, "before the oldest"),
        (Filters(start=date(2019, 3, 1)), (date(2019, 3, 1), SPAN[1]), ""),
        (Filters(start=date(1, 1, 1), end=date(1, 1, 2)), (date(1, 1, 1), date(1, 1, 2)), "before"),
        (Filters(start=date(9999, 12, 31)), (date(9999, 12, 31),) * 2, "after the newest"),
        (Filters(as_of=date(2030, 1, 1)), SPAN, "map as of 2030-01-01 is after the newest"),
        (Filters(as_of=date(2001, 1, 1)), SPAN, "no claim had begun"),
        (Filters(as_of=date(2019, 3, 1)), SPAN, ""),
    ],
)
def test_date_control_holds_any_range_inside_its_limits(filters, value, notice):
    control = date_control(filters, SPAN)
    assert control.value == value
    assert control.min_value <= control.value[0] <= control.value[1] <= control.max_value
    assert control.min_value <= SPAN[0] and SPAN[1] <= control.max_value
    assert (notice in " ".join(control.notices)) if notice else control.notices == ()


def _mention(place_id, name, kind, admin1, governorate_id, country="SY") -> dict:
    return {
        "place_id": place_id, "name": name, "kind": kind, "admin1": admin1,
        "governorate_id": governorate_id, "country": country,
    }  # fmt: skip


NAMESAKES = pd.DataFrame(
    [
        _mention("9", "Syria", "country", None, None),
        _mention("1", "Tell Abyad", "populated place", "Raqqa", "70"),
        _mention("2", "Tell Abyad", "populated place", "Raqqa", "70"),
        _mention("3", "Tell Abyad", "district", "Raqqa", "70"),
    ]
)


def test_place_choices_give_kind_and_governorate_and_tell_namesakes_apart():
    choices = location_choices(NAMESAKES, {"70": "Raqqa"})
    labels = list(choices.loc[choices["level"] == "place", "label"])
    assert "Tell Abyad (district, Raqqa)" in labels
    twins = [label for label in labels if label.startswith("Tell Abyad (populated place, Raqqa)")]
    assert len(twins) == 2 and len(set(twins)) == 2


def test_choosing_a_governorate_keeps_its_country_and_a_place_its_governorate():
    choices = location_choices(NAMESAKES, {"70": "Raqqa"})
    assert chosen_by_level(("70",), choices) == {
        "country": ["9"], "governorate": ["70"], "place": [],
    }  # fmt: skip
    assert chosen_by_level(("3",), choices) == {
        "country": ["9"], "governorate": ["70"], "place": ["3"],
    }  # fmt: skip
    assert chosen_by_level((), choices) == {"country": [], "governorate": [], "place": []}


def test_the_day_the_map_is_drawn_as_of_round_trips_and_is_not_asked_of_the_store():
    filters, notices = parse_query({"asof": "2019-03-07", "kind": "displaced"})
    assert filters.as_of == date(2019, 3, 7) and notices == ()
    assert to_query(filters) == {"kind": ["displaced"], "asof": "2019-03-07"}
    assert filters.query() == Filters(kinds=("displaced",))
    _, notices = parse_query({"asof": "someday"})
    assert any("asof='someday'" in n for n in notices)
