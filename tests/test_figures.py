"""Hedged figures: the seed gold, the issue's checks, kinds, places, periods, and properties."""

import json
import math
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.articles import load_bundled, make_article
from geo.figures import KINDS, UNITS, Figure, find_figures, sentence_spans
from geo.gazetteer import default_gazetteer
from geo.pipeline import extract
from geo.quantities import SQUARE_MILE_KM2
from geo.toponyms import PlaceMention

GOLD = json.loads((Path(__file__).parent / "gold" / "figures_seeds.json").read_text("utf-8"))
SEEDS = {a.id: a for a in load_bundled()}

# Surface forms of the places the seeds name, as a reader resolves them (gazetteer ids).
PLACES = {
    "Baghuz": "171944", "Baghouz": "171944", "Deir el-Zour": "170792", "Syria": "163843",
    "Iraq": "99237", "Hajin": "174506", "Raqqa": "172955", "Euphrates River": "ne:62",
    "Washington": "4140963", "BEIRUT": "276781", "U.S.": "6252001",
}  # fmt: skip
ADJECTIVES = {"Syrian": "163843", "Iraqi": "99237"}


def hand_mentions(text: str) -> list[PlaceMention]:
    """Place mentions found by reading (exact names), independent of the geoparser."""
    gazetteer = default_gazetteer()
    mentions = []
    for table, adjective in ((PLACES, False), (ADJECTIVES, True)):
        for name, place_id in table.items():
            for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?!\w)", text):
                place = gazetteer.get(place_id)
                mentions.append(PlaceMention(name, m.start(), m.end(), place, 1.0, adjective, ()))
    return sorted(mentions, key=lambda m: m.start)


def figures_of(article_id: str) -> list[Figure]:
    article = SEEDS[article_id]
    return find_figures(article, hand_mentions(article.text))


def overlapping(figures: list[Figure], start: int, end: int) -> Figure:
    hits = [f for f in figures if f.start < end and start < f.end and f.kind != "other"]
    assert len(hits) == 1, hits
    return hits[0]


GOLD_FIGURES = [(a["id"], g) for a in GOLD["articles"] for g in a["figures"]]


@pytest.mark.parametrize(
    ("article_id", "gold"), GOLD_FIGURES, ids=[g["quote"] for _, g in GOLD_FIGURES]
)
def test_seed_gold_figure(article_id, gold):
    article = SEEDS[article_id]
    assert article.text[gold["start"] : gold["end"]] == gold["quote"]
    f = overlapping(figures_of(article_id), gold["start"], gold["end"])
    assert (f.kind, f.unit) == (gold["kind"], gold["unit"])
    for bound in ("value", "low", "high"):
        expected = gold[bound]
        got = getattr(f, bound)
        assert got is None if expected is None else math.isclose(got, expected), bound
    assert f.place is not None and f.place.id in gold["place_ids"]
    period = (f.date_start.isoformat(), f.date_end.isoformat())
    assert period == (gold["date_start"], gold["date_end"])


@pytest.mark.parametrize("article_id", list(SEEDS))
def test_seed_draws_nothing_but_gold(article_id):
    gold = next(a for a in GOLD["articles"] if a["id"] == article_id)
    drawn = [f for f in figures_of(article_id) if f.kind != "other"]
    assert len(drawn) == len(gold["figures"])
    text = SEEDS[article_id].text
    for span in gold["not_map"]:
        at = text.index(span)
        assert not [f for f in drawn if f.start < at + len(span) and at < f.end], span


def _figure(article_index: int, words: str) -> Figure:
    article = load_bundled()[article_index]
    figures = find_figures(article, hand_mentions(article.text))
    return next(f for f in figures if words in f.text or f.text in words)


def test_checked_by_more_than_20000_evacuated():
    f = _figure(2, "more than 20,000 civilians")
    assert (f.kind, f.low, f.high, f.value) == ("displaced", 20_000, None, 20_000)
    assert f.place.id in {"170792", "171943", "171944"}
    assert (f.date_start, f.date_end) == (date(2019, 2, 9), date(2019, 2, 9))
    assert f.label == "more than 20,000 civilians evacuated"  # the report's words, never "> 20,000"


def test_checked_by_nearly_40000_since_december():
    f = _figure(1, "nearly 40,000")
    assert (f.kind, f.low, f.high) == ("displaced", None, 40_000)
    assert (f.date_start, f.date_basis) == (date(2018, 12, 1), "relative")


def test_checked_by_8000_left_baghuz_over_four_days():
    f = _figure(0, "more than 8,000")
    assert (f.kind, f.low, f.high, f.place.id) == ("displaced", 8_000, None, "171944")
    assert (f.date_start, f.date_end) == (date(2019, 3, 3), date(2019, 3, 7))


def test_checked_by_about_16000_over_week_and_a_half():
    f = _figure(0, "about 16,000")
    assert (f.kind, f.value, f.low, f.high) == ("displaced", 16_000, 14_400, 17_600)
    assert f.date_start == date(2019, 2, 24)
    assert f.label == "about 16,000 others left"


def test_checked_by_900_foreign_fighters_held():
    f = _figure(1, "900 foreign fighters")
    assert (f.kind, f.value, f.place.id) == ("detained", 900, "163843")
    assert f.label == "900 foreign fighters detained"  # the kind's word, not "holding"


def test_checked_by_territory_held():
    share = _figure(2, "99.5 percent")
    assert (share.kind, share.value, share.label) == ("territory_share", 0.5, "99.5 percent lost")
    below = _figure(2, "less than one percent")
    assert (below.kind, below.low, below.high, below.label) == (
        "territory_share", None, 1, "less than one percent held")  # fmt: skip


def test_checked_by_areas():
    two = _figure(2, "less than 2 square miles")
    assert (two.kind, two.unit, two.low) == ("territory_area", "km2", None)
    assert two.high == 2 * SQUARE_MILE_KM2
    assert two.original == "2 square miles"
    assert two.label == "less than 2 square miles held"
    one = _figure(0, "less than a single square mile")
    assert one.text == 'less than a single square mile" (1.6 square kilometers)'
    assert (one.kind, one.value, one.high) == ("territory_area", 1.6, SQUARE_MILE_KM2)
    assert one.original == "a single square mile"


@pytest.mark.parametrize(
    "sentence",
    [
        "Trump told representatives of the 79-member, U.S.-led coalition fighting IS.",
        "a base near the front line in the village of Baghouz, about two miles from the militants.",
        "tunnels extending possibly for more than two kilometers, and rigged with explosives.",
        "It should be announced next week that we will have 100 percent of the caliphate.",
        "We are pulling back after 100% Caliphate victory!",
        "The U.S. will sell Saudi Arabia 180 artillery systems for $1.31 billion.",
        "Munir Abdulkader, 22, from the suburb, was sentenced to 20 years in prison.",
        "The 22-year-old gunman fired at least eight shots in a 15-minute shootout.",
        "The Pentagon has about 2,000 U.S. troops in Syria.",
        "Once in control of about a third of Syria and Iraq, they now hold a tiny village.",
        "Valls said authorities were monitoring around 15,000 people in France.",
        "Nearly 70 percent of Palestinian young adults believe violence is not helpful.",
        "The war started in 2011 and the attack came at 10:30 on Dec. 10.",
        "He was killed around 5 p.m. and the assailants fled at 6:50 a.m.",
        "Charged with a Class 1 felony of leaving the scene; police arrested him at 341 CR.",
        "Hundreds of diplomats are being expelled; each country expelled 23 of the other's envoys.",
        "Two siblings, Mimidoo, 11 and her brother, Aondona, 7, who were displaced, were ill.",
        "The organization built a 16 bed emergency shelter.",
        "No one was inside the suite when crews arrived; one remaining seat is open.",
        "An estimated 21 per cent of area residents are aware of the scheme.",
    ],
)
def test_not_displacement_or_territory(sentence):
    article = make_article(sentence, published=date(2019, 2, 9))
    assert [f.label for f in find_figures(article) if f.kind != "other"] == []


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("More than 8,000 people have left Baghuz.", "displaced"),
        ("Hundreds more men, women and children trudged out of the village.", "displaced"),
        ("Some 3,000 refugees have returned to their homes in Hajin.", "returned"),
        ("The SDF captured 200 militants.", "detained"),
        ("About 150 fighters surrendered on Tuesday.", "detained"),
        ("A car bomb killed 13 soldiers aboard a bus and wounded 56 more.", "killed"),
        ("Two Palestinians were killed and three were wounded.", "killed"),
        ("A series of attacks left 130 people dead in Paris.", "killed"),
        ("Scores of IS fighters are now besieged in two villages.", "fighters"),
        ("Thousands of civilians remain trapped inside the town.", "civilians_remaining"),
        ("IS is holding hundreds of civilians as hostages.", "civilians_remaining"),
        ("The group has lost 95 percent of its territory.", "territory_share"),
        ("Two people were killed and at least nine injured in the attack.", "killed"),
        ("One officer was killed and at least nine injured in the attack.", "killed"),
        ("The stadium could hold 5,300 people.", "other"),
        ("Nearly nine out of 10 Indians held a favourable opinion of him.", "other"),
        ("There are 6.1 million internally displaced people in Syria.", "displaced"),
        ("Some 2,000 trapped civilians were evacuated overnight.", "displaced"),
        ("The 2,000 residents who remain have little food.", "civilians_remaining"),
        ("Over 1,000 people crossed into Turkey on Friday.", "displaced"),
        ("A 2,000-strong force of Shiite militias joined the assault.", "fighters"),
        ("The death toll rose to 54, including 12 children.", "killed"),
        (
            "The Observatory said 17 civilians, including five children, were among the dead.",
            "killed",
        ),
        ("The UN says 13 million people need humanitarian aid inside Syria.", "other"),
        ("The U.S. has about 2,000 troops in Syria.", "other"),
        ("Aid agencies expect 100,000 people to flee in coming weeks.", "displaced"),
        ("The number of displaced people reached 400,000 in March.", "displaced"),
        ("The UNHCR said 5.6 million Syrians are registered as refugees.", "refugees"),
        ("IS fighters held 40 hostages in the school.", "civilians_remaining"),
        (
            "The U.N. estimates that 8,000 civilians are still in the Old City.",
            "civilians_remaining",
        ),
    ],
)
def test_kind_from_the_clause(sentence, kind):
    article = make_article(sentence, published=date(2019, 2, 9))
    assert find_figures(article)[0].kind == kind


def test_a_noun_phrase_stops_at_the_sentence_end():
    text = "Stampede Kills 4 At Discotheque. Four people died, and 2,000 U.S. troops stayed."
    assert [f.text for f in find_figures(make_article(text))] == [
        "Four people", "2,000 U.S. troops"]  # fmt: skip


def test_injured_after_killed_is_wounded():
    article = make_article("Two people were killed and at least nine injured in the attack.")
    assert [(f.kind, f.low, f.high) for f in find_figures(article)] == [
        ("killed", 2, 2), ("wounded", 9, None)]  # fmt: skip


@pytest.mark.parametrize(
    ("sentence", "label"),
    [
        ("Iraqi forces have retaken more than half of western Mosul.", "more than half retaken"),
        ("IS still controls about 40 percent of Raqqa.", "about 40 percent held"),
        ("Iraqi troops recaptured 70 percent of the city.", "70 percent recaptured"),
        ("Only about 5 percent of Idlib remains under rebel control.", "about 5 percent held"),
        ("Nearly 70 percent of Palestinian young adults oppose violence.", "Nearly 70 percent"),
        (
            "Nearly half of the population of 20 million has been displaced.",
            "Nearly half displaced",
        ),
    ],
)
def test_share_of_a_place_needs_a_word_of_control(sentence, label):
    assert [f.label for f in find_figures(make_article(sentence))] == [label]


def test_a_hedged_range_reads_as_a_range():
    [f] = find_figures(make_article("An estimated 500 to 600 fighters remain in the enclave."))
    assert (f.low, f.value, f.high, f.label) == (500, 550, 600, "An estimated 500 to 600 fighters")


def test_between_a_and_b_is_a_range():
    text = "The group is thought to have between 20,000 and 31,500 fighters."
    [f] = find_figures(make_article(text))
    assert (f.kind, f.low, f.value, f.high) == ("fighters", 20_000, 25_750, 31_500)


def test_lost_share_becomes_the_share_held_with_flipped_bounds():
    article = make_article("IS has lost more than 90 percent of its territory.")
    [f] = find_figures(article)
    assert (f.kind, f.value, f.low, f.high, f.label) == (
        "territory_share", 10, None, 10, "more than 90 percent lost")  # fmt: skip


def test_no_places_and_no_date_give_none_never_a_guess():
    [f] = find_figures(make_article("Nearly 40,000 residents have managed to escape."))
    assert f.place is None
    assert (f.date_start, f.date_end, f.date_basis) == (None, None, "")


def test_focus_place_when_the_sentence_names_none():
    article = SEEDS["17504079f5ecf47b"]
    f = overlapping(figures_of(article.id), *_span(article.text, "nearly 40,000"))
    assert f.place.id == "171944"  # Baghouz: the article's most-mentioned place


def _span(text: str, words: str) -> tuple[int, int]:
    at = text.index(words)
    return at, at + len(words)


def test_place_and_date_of_the_sentence_before_in_the_same_paragraph():
    text = ("A gunman opened fire in Hajin on Thursday night. The attack left one officer dead.\n"
            "Elsewhere, two people were wounded.")  # fmt: skip
    article = make_article(text, published=date(2019, 3, 8))
    dead, wounded = find_figures(article, hand_mentions(text))
    assert (dead.kind, dead.place.id, dead.date_start) == ("killed", "174506", date(2019, 3, 7))
    assert (wounded.kind, wounded.date_basis) == ("wounded", "publication")
    assert wounded.place.id == "174506"  # the focus place: the paragraph before lends nothing


def test_dateline_lends_no_place():
    text = "BEIRUT — More than 500 people fled on Friday."
    article = make_article(text, published=date(2019, 2, 9))
    [f] = find_figures(article, hand_mentions(article.text))
    assert f.place is None


def test_to_dict_is_the_cli_shape():
    f = _figure(2, "more than 20,000 civilians")
    d = f.to_dict()
    assert {
        "kind",
        "value",
        "low",
        "high",
        "unit",
        "hedge",
        "text",
        "start",
        "end",
        "sentence",
        "place_id",
        "place_geonameid",
        "date_start",
        "date_end",
        "date_basis",
    } <= set(d)
    assert (d["date_start"], d["hedge"]) == ("2019-02-09", "more than")
    assert d["place_geonameid"] == 170792
    assert json.loads(json.dumps(d)) == d


def test_sentences_skip_abbreviations_and_join_wrapped_lines():
    text = ("U.S. Central Command's Gen. Joseph Votel spoke. Dec. 10 was a Saturday.\n"
            "Four members of the Jordanian security forces and a woman visiting from\n"
            "    Canada were killed.\nHeading\nNext line.")  # fmt: skip
    sentences = [text[s:e].strip() for s, e in sentence_spans(text)]
    assert sentences[0] == "U.S. Central Command's Gen. Joseph Votel spoke."
    assert sentences[1] == "Dec. 10 was a Saturday."
    assert sentences[2].endswith("Canada were killed.")
    assert sentences[3:] == ["Heading", "Next line."]


# --- properties ---------------------------------------------------------------------------

WORDS = [
    "more than", "nearly", "about", "some", "less than", "at least", "up to", "over", "under",
    "two", "a thousand", "half a million", "a third of", "dozens of", "hundreds", "thousands of",
    "tens of thousands of", "scores of", "8,000", "1.6", "99.5", "2", "people", "civilians",
    "fighters", "square miles", "square kilometers", "(1.6 square kilometers)", "percent", "%",
    "of its territory", "lost", "left", "fled", "killed", "held", "Baghuz", ",", ".", "—", "\n",
    "on Thursday", "since December", "79-member", "$", "or", "to", "-", "Syria", "in",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    for f in find_figures(make_article(text, published=date(2019, 3, 7))):
        assert text[f.start : f.end] == f.text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=25), st.sampled_from([None, date(2019, 3, 7)]))
def test_figures_keep_exact_spans_and_ordered_bounds(words, published):
    text = " ".join(words)
    article = make_article(text, published=published)
    for f in find_figures(article, hand_mentions(text)):
        assert text[f.start : f.end] == f.text
        assert f.text in f.sentence
        assert f.kind in KINDS
        assert f.unit in UNITS
        if f.low is not None:
            assert f.low <= f.value
        if f.high is not None:
            assert f.value <= f.high
        assert (f.date_start is None) == (f.date_end is None)
        assert f.date_start is None or f.date_start <= f.date_end


def test_with_the_real_geoparser_the_checked_places_hold():
    by_text = {f.text: f for a in load_bundled() for f in extract(a).figures}
    assert by_text["more than 20,000 civilians"].place.id in {"170792", "171943", "171944"}
    assert by_text["more than 8,000 people"].place.id in {"171943", "171944"}
    assert by_text["900 foreign fighters"].place.id == "163843"


def test_a_count_right_after_a_day_first_date_is_a_count_not_a_year():
    """'On 25 July 20 gunmen': the date is 25 July; 'July 20' is a reading nobody takes."""
    text = "Fighting in Raqqa. On 12 March 30 gunmen stormed a checkpoint in Raqqa in 2016."
    figures = find_figures(make_article(text, published=date(2016, 12, 31)))
    f = next(f for f in figures if f.text.startswith("30"))
    assert (f.kind, f.value, f.date_start) == ("fighters", 30, date(2016, 3, 12))
