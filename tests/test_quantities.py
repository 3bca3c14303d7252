"""The number and hedge parser: amounts, hedges, bounds, units, conversions (and its properties)."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.quantities import SQUARE_MILE_KM2, find_quantities, read_amount


@pytest.mark.parametrize(
    ("words", "value", "low", "high"),
    [
        ("two people", 2, 2, 2),
        ("a thousand fighters", 1_000, 1_000, 1_000),
        ("half a million refugees", 500_000, 500_000, 500_000),
        ("twenty-five civilians", 25, 25, 25),
        ("1.5 million people", 1_500_000, 1_500_000, 1_500_000),
        ("dozens of people", 36, 24, 99),
        ("scores of fighters", 60, 40, 99),
        ("hundreds of families", 300, 200, 999),
        ("thousands of civilians", 3_000, 2_000, 9_999),
        ("tens of thousands of people", 30_000, 20_000, 99_999),
        ("hundreds of thousands of people", 300_000, 200_000, 999_999),
        ("several million refugees", 5_000_000, 3_000_000, 9_000_000),
        ("several wounded", 5, 3, 9),
        ("tens of militiamen", 30, 20, 99),
        ("another dozen", 12, 12, 12),
        ("half a dozen journalists", 6, 6, 6),
        ("one hundred and twenty civilians", 120, 120, 120),
        ("two hundred and fifty thousand refugees", 250_000, 250_000, 250_000),
        ("one thousand fighters", 1_000, 1_000, 1_000),
        ("a few hundred residents", 300, 200, 500),
        ("five or six gunmen", 5.5, 5, 6),
        ("15-20 civilians", 17.5, 15, 20),
        ("at least 1,500–2,000 people", 1_750, 1_500, 2_000),
        ("1.2m people", 1_200_000, 1_200_000, 1_200_000),
        ("30k refugees", 30_000, 30_000, 30_000),
        ("more than 8,000 people", 8_000, 8_000, None),
        ("over 300 people", 300, 300, None),
        ("at least 4 people", 4, 4, None),
        ("8,000 people or more", 8_000, 8_000, None),
        ("1,200+ fighters", 1_200, 1_200, None),
        ("3,100+ square kilometers (1,197+ square miles)", 3_100, 3_100, None),
        ("nearly 40,000 residents", 40_000, None, 40_000),
        ("almost 900 people", 900, None, 900),
        ("up to 50 people", 50, None, 50),
        ("fewer than 10 people", 10, None, 10),
        ("about 16,000 others", 16_000, 14_400, 17_600),
        ("some 700,000 Palestinians", 700_000, 630_000, 770_000),
        ("roughly 1,000 people", 1_000, 900, 1_100),
        ("closer to 500 soldiers", 500, 450, 550),
        ("about a third of its territory", 100 / 3, 30, 110 / 3),
        ("less than 2 square miles", 2 * SQUARE_MILE_KM2, None, 2 * SQUARE_MILE_KM2),
        ("4.5 square kilometers", 4.5, 4.5, 4.5),
        ("99.5 percent", 99.5, 99.5, 99.5),
    ],
)
def test_amounts_and_hedges(words, value, low, high):
    [q] = find_quantities(words)
    assert math.isclose(q.value, value)
    assert q.low is None if low is None else math.isclose(q.low, low)
    assert q.high is None if high is None else math.isclose(q.high, high)


@pytest.mark.parametrize(
    "words",
    ["the 79-member coalition", "about two miles from", "more than two kilometers", "$1.31 billion",
     "a 22-year-old", "around 5 p.m.", "at 6:50", "in 2011", "a population of 20 million",
     "500m from the front", "the 2011-2012 war", "AK-47", "3-4 km", "a father of four"],
)  # fmt: skip
def test_not_counts_of_people_areas_or_shares(words):
    assert find_quantities(words) == []


def test_units_and_original_text():
    [area] = find_quantities("less than 2 square miles")
    assert (area.unit, area.original, area.hedge) == ("km2", "2 square miles", "less than")
    [share] = find_quantities("99.5 per cent")
    assert share.unit == "percent"
    [people] = find_quantities("900 foreign fighters")
    assert (people.unit, people.noun, people.modifiers) == ("people", "fighters", "foreign")
    [bare] = find_quantities("all five were killed")
    assert (bare.unit, bare.text) == ("", "five")


def test_an_area_and_its_bracketed_conversion_are_one_quantity():
    text = 'encompassing "less than a single square mile" (1.6 square kilometers) of land'
    [q] = find_quantities(text)
    assert q.text == 'less than a single square mile" (1.6 square kilometers)'
    assert (q.value, q.low, q.high) == (1.6, None, SQUARE_MILE_KM2)
    assert q.original == "a single square mile"


def test_digit_runs_too_long_for_a_count_are_not_figures():
    assert find_quantities("about " + "9" * 400 + " people") == []


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_parser_never_raises_on_arbitrary_text(text):
    for q in find_quantities(text):
        assert text[q.start : q.end] == q.text
        assert q.low is None or q.low <= q.value
        assert q.high is None or q.value <= q.high


@given(
    st.integers(min_value=1, max_value=10**6),
    st.sampled_from(["", "more than ", "less than ", "about "]),
)
def test_square_miles_convert_exactly(miles, hedge):
    [q] = find_quantities(f"{hedge}{miles:,} square miles")
    assert q.unit == "km2"
    assert q.original == f"{miles:,} square miles"
    bound = q.low if hedge == "more than " else q.high
    if hedge == "about ":
        assert q.low == (miles - miles * 0.1) * SQUARE_MILE_KM2
    else:
        assert bound == miles * SQUARE_MILE_KM2
    assert q.value == miles * SQUARE_MILE_KM2


@pytest.mark.parametrize(
    ("words", "noun", "modifiers"),
    [
        ("18 regular soldiers", "soldiers", "regular"),
        ("forty Syrian government soldiers", "soldiers", "Syrian government"),
        ("hundreds of rebel fighters", "fighters", "rebel"),
        ("seven of the marines", "marines", ""),
        ("three suicide car bombers", "suicide car bombers", ""),
        ("12 combat fatalities", "fatalities", "combat"),
    ],
)
def test_any_lower_case_word_may_modify_a_person_noun(words, noun, modifiers):
    [q] = find_quantities(words)
    assert (q.text, q.unit, q.noun, q.modifiers) == (words, "people", noun, modifiers)


@pytest.mark.parametrize(
    ("text", "counts"),
    [
        ("two tanks and soldiers", ["two"]),
        ("nine soldiers, four civilians", ["nine soldiers", "four civilians"]),
        ("thousands of people, including children", ["thousands of people"]),
        ("two MiG jet fighters", ["two"]),
    ],
)
def test_a_modifier_never_runs_over_a_list_a_number_or_an_aircraft(text, counts):
    assert [q.text for q in find_quantities(text)] == counts


def test_a_family_size_is_no_count():
    assert [q.text for q in find_quantities("200 families of five and 40 households of six")] == [
        "200 families", "40 households",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("printed", "read"),
    [
        ("five", (5, 5, 5)),
        ("about 7", (7, 6.3, 7.7)),
        ("more than six", (6, 6, None)),
        ("5.5", (5.5, 5.5, 5.5)),
        ("fled", None),
        ("7 people", None),
    ],
)
def test_an_amount_printed_alone_is_read_by_the_count_rules(printed, read):
    assert read_amount(printed) == (None if read is None else pytest.approx(read))


@pytest.mark.parametrize(
    ("words", "value", "text"),
    [
        ("a 25-man unit of volunteers", 25, "25-man"),
        ("a 1,500-member attacking force", 1_500, "1,500-member"),
        ("a three-man patrol", 3, "three-man"),
        ("a 2,000-strong force", 2_000, "2,000-strong"),
    ],
)
def test_a_units_strength_counts_its_men(words, value, text):
    [q] = find_quantities(words)
    assert (q.value, q.text, q.unit) == (value, text, "people")


@pytest.mark.parametrize(
    "words", ["a 79-member parliament", "the 12-member family", "a 5-man show"]
)
def test_a_size_that_is_no_armed_unit_is_no_count(words):
    assert find_quantities(words) == []


@pytest.mark.parametrize(
    ("words", "text"),
    [
        ("A man was killed when a shell hit the market.", "A man"),
        ("An elderly woman died in the fire.", "An elderly woman"),
        ("A Ukrainian soldier was reportedly captured.", "A Ukrainian soldier"),
        ("a local fighter was wounded", "a local fighter"),
    ],
)
def test_a_person_an_event_befalls_is_one(words, text):
    [q] = find_quantities(words)
    assert (q.value, q.low, q.high, q.text, q.unit) == (1, 1, 1, text, "people")


@pytest.mark.parametrize(
    "words", ["A soldier said the town was quiet.", "a man was seen near the gate", "a rebel base"]
)
def test_a_person_nothing_befalls_is_no_count(words):
    assert find_quantities(words) == []


@pytest.mark.parametrize(
    ("words", "count"),
    [
        ("two Americans, one Canadian, and one Swede", 3),
        ("one Iraqi was killed", 1),
        ("on one Sunday, the market was shelled", 0),
        ("one pole, two wires", 0),
    ],
)
def test_one_of_a_nation_is_a_person(words, count):
    assert len([q for q in find_quantities(words) if q.unit == "people"]) == count


def test_a_force_some_n_strong_counts_its_men_but_strong_winds_do_not():
    [q] = find_quantities("Government forces, some 4,000 strong, moved on the city.")
    assert (q.text, q.unit) == ("some 4,000 strong", "people")
    assert [q.unit for q in find_quantities("two strong winds")] == [""]  # a bare number


@pytest.mark.parametrize(
    ("words", "value", "low", "high", "hedge"),
    [
        ("a quarter of a million people", 250_000, 250_000, 250_000, ""),
        ("three quarters of a million refugees", 750_000, 750_000, 750_000, ""),
        ("a handful of fighters", 5, 3, 9, ""),
        ("200-plus soldiers", 200, 200, None, "-plus"),
        ("two hundred-plus soldiers", 200, 200, None, "-plus"),
        ("fifty-odd soldiers", 50, 50, None, "-odd"),
    ],
)
def test_parts_of_a_million_a_handful_and_plus_or_odd_after_the_amount(
    words, value, low, high, hedge
):
    [q] = find_quantities(words)
    assert (q.value, q.low, q.high, q.hedge, q.text) == (value, low, high, hedge, words)


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("over a hundred thousand people", 100_000),
        ("as many as 10\u00a0000 people", 10_000),
        ("some 25\u202f000 refugees", 25_000),
    ],
)
def test_a_hundred_thousand_and_thousands_set_off_by_a_no_break_space(words, value):
    [q] = find_quantities(words)
    assert (q.value, q.text, q.unit) == (value, words, "people")


def test_a_digit_run_with_a_leading_zero_is_no_count():
    assert [q.text for q in find_quantities("more than 10 000 people")] == ["more than 10"]


@pytest.mark.parametrize(
    ("words", "texts"),
    [
        ("By 2016 refugees had returned.", []),
        ("In late 2015 rebels took the city.", []),
        ("The attack caused 2000 casualties.", ["2000 casualties"]),
        ("Some 2000 people fled.", ["Some 2000 people"]),
    ],
)
def test_a_year_after_a_word_of_time_is_no_count_even_before_a_noun(words, texts):
    assert [q.text for q in find_quantities(words)] == texts


def test_a_hedge_holds_over_another():
    [q] = find_quantities("repulsed with at least another 26 rebels killed")
    assert (q.text, q.hedge, q.low, q.high) == ("at least another 26 rebels", "at least", 26, None)
