"""People estimates for families and households, only from the article's own words (issue 10
item 3; invented sentences)."""

from datetime import date

import pytest

from geo.articles import make_article
from geo.figures import find_figures
from geo.households import find_factors

DAY = date(2021, 6, 10)


def families(text: str):
    """The figures of ``text`` counted in families or households."""
    return [
        f
        for f in find_figures(make_article(text, published=DAY))
        if f.unit in ("families", "households")
    ]


@pytest.mark.parametrize(
    ("text", "unit", "size", "words"),
    [
        ("They came as families of five.", "families", 5, "families of five"),
        ("households of six people", "households", 6, "households of six people"),
        (
            "There is an average of six people per family here.",
            "families",
            6,
            "an average of six people per family",
        ),
        ("7 persons per household", "households", 7, "7 persons per household"),
        ("Each family has about 7 members.", "families", 7, "Each family has about 7 members"),
        ("Average household size is 5.5.", "households", 5.5, "Average household size is 5.5"),
        (
            "Households averaging six members live in tents.",
            "households",
            6,
            "Households averaging six members",
        ),
    ],
)  # fmt: skip
def test_each_form_of_a_family_size_is_read(text, unit, size, words):
    [factor] = find_factors(text)
    assert (factor.unit, factor.value, factor.words) == (unit, size, words)
    assert text[factor.start : factor.end] == words


@pytest.mark.parametrize(
    "text",
    [
        "Five families fled the shelling.",  # a count, not a size
        "The families of 10 soldiers were evacuated.",  # the soldiers' families
        "Each truck was carrying four fighters.",  # a size of another noun
        "Tents of five people lined the road.",
        "The families of the dead gathered.",
        "Families of 300 were counted in the camp.",  # larger than any family
    ],
)
def test_no_family_size_where_none_is_printed(text):
    assert find_factors(text) == []


def test_the_counts_own_size_gives_the_estimate():
    [f] = families("About 200 families of five fled the village.")
    assert (f.value, f.low, f.high, f.unit) == (200, 180, 220, "families")
    assert (f.people.value, f.people.low, f.people.high) == (1000, 900, 1100)
    assert (f.people.source, f.people.basis) == ("factor", "factor: families of five")
    assert (
        f.label == "About 200 families fled (≈ 1,000 people, by the article's “families of five”)"
    )


def test_a_size_anywhere_in_the_article_applies_nearest_before_first():
    text = (
        "Families of seven are common in the valley. Later, each family has about 6 members.\n"
        "Some 40 families fled the shelling on Monday."
    )
    [f] = families(text)
    assert f.people.words == "each family has about 6 members"
    assert (f.people.value, f.people.low, f.people.high) == pytest.approx((240, 194.4, 290.4))


def test_a_size_given_after_the_count_applies_when_none_comes_before():
    [f] = families("About 300 households fled. Households average six members there.")
    assert f.people.value == 1800


def test_an_open_bound_stays_open():
    [f] = families("More than 200 families of five fled the town.")
    assert (f.people.value, f.people.low, f.people.high) == (1000, 1000, None)


def test_a_size_of_families_never_scales_households():
    [f] = families("Families of five live here. Some 40 households fled on Monday.")
    assert f.people is None


def test_no_size_no_estimate():
    [f] = families("Some 200 families fled the village overnight.")
    assert f.people is None
    assert f.label == "Some 200 families fled"
    assert f.to_dict()["people_value"] is None and f.to_dict()["people_basis"] == ""


@pytest.mark.parametrize(
    ("text", "people"),
    [
        ("Some 200 families, about 1,000 people, fled the village.", "about 1,000 people"),
        ("Some 200 families (1,000 individuals) fled the village.", "1,000 individuals"),
        ("200 families, or 1,000 people, fled the village.", "1,000 people"),
    ],
)
def test_a_restated_people_count_is_the_estimate(text, people):
    [f] = families(text)
    assert (f.kind, f.unit, f.people.source, f.people.words) == (
        "displaced", "families", "restated", people,
    )  # fmt: skip
    assert f.people.value == 1000
    assert f.label.endswith(f"fled (restated as “{people}”)")


@pytest.mark.parametrize(
    "text",
    [
        "200 families, 1,000 people and 30 soldiers were killed.",  # a list
        "Some 200 families, 30 people, fled the village.",  # fewer people than families
        "Some 200 families, about 1,000 fighters, fled the village.",  # another noun
    ],
)
def test_no_restatement_in_a_list_or_for_other_people(text):
    [f] = families(text)
    assert f.people is None


def test_the_number_of_a_size_is_no_figure():
    found = find_figures(
        make_article("About 300 households with an average of six members fled.", published=DAY)
    )
    assert [(f.text, f.kind) for f in found] == [("About 300 households", "displaced")]
    assert found[0].to_dict()["people_value"] == 1800
