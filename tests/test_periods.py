"""Figure periods in undated, sectioned texts: section dates, running totals, battle periods."""

from datetime import date

import pytest

from geo.articles import make_article
from geo.dates import find_dates
from geo.figures import find_figures
from geo.periods import in_casualty_section, lead_period, section_start, whole_event

# An invented encyclopaedia-style text: a lead dating the battle, then sections.
BATTLE = (
    "Battle of Westbrook\n\n"
    "The battle of Westbrook began on 3 April and ended on 19 April 2031.\n\n"
    "Background\n\n"
    "Westbrook had been quiet since 2029.\n\n"
    "Assault\n\n"
    "On 3 April, raiders crossed the river. On 6 April, 12 soldiers were killed near the mill. "
    "By 9 April, 85 soldiers had been killed since the start of the assault.\n\n"
    "Casualties\n\n"
    "Around 300 fighters were wounded. A further 40 soldiers were killed.\n"
)


def _figure(text: str, words: str, published: date | None = None):
    figures = find_figures(make_article(text, published=published))
    return next(f for f in figures if f.text.startswith(words))


def _period(f) -> tuple[date | None, date | None]:
    return f.date_start, f.date_end


def test_a_figure_of_one_day_keeps_its_day():
    assert _period(_figure(BATTLE, "12")) == (date(2031, 4, 6), date(2031, 4, 6))


def test_a_running_total_runs_from_the_first_date_of_its_section():
    total = _figure(BATTLE, "85")
    assert _period(total) == (date(2031, 4, 3), date(2031, 4, 9))
    assert total.cumulative


def test_an_undated_figure_of_a_casualty_section_takes_the_battle_period_of_the_lead():
    for words in ("Around 300", "40"):
        assert _period(_figure(BATTLE, words)) == (date(2031, 4, 3), date(2031, 4, 19))


def test_a_count_of_events_in_a_casualty_section_sums_the_battle_up():
    assert _figure(BATTLE, "Around 300").cumulative
    assert _figure(BATTLE, "40").cumulative
    text = BATTLE + "Some 900 soldiers took part in the defence.\n"
    assert not _figure(text, "Some 900").cumulative  # a force's strength is a state


def test_a_news_report_keeps_the_publication_day_for_a_total_without_a_start():
    text = "Rescuers said 20 people had been killed during the fighting."
    f = _figure(text, "20", published=date(2031, 5, 2))
    assert _period(f) == (date(2031, 5, 2), date(2031, 5, 2))


def test_sections_start_after_their_heading():
    at = BATTLE.index("Around 300")
    assert BATTLE[section_start(BATTLE, at) :].startswith("Around 300")
    assert in_casualty_section(BATTLE, at)
    assert not in_casualty_section(BATTLE, BATTLE.index("85"))


def test_the_lead_period_ignores_background_years():
    text = "Siege of Harlow\n\nSince 2020 the town was held; the siege ran 5 to 9 May 2024.\n\n"
    period = lead_period(text, find_dates(text, None))
    assert period is not None
    assert (period.start, period.end) == (date(2024, 5, 5), date(2024, 5, 9))


def test_a_month_in_the_lead_is_narrowed_by_the_days_inside_it():
    text = "Raid on Corvel\n\nFought in May 2030, chiefly from 5 to 13 May, with a lull on 10 May."
    period = lead_period(text, find_dates(text, None))
    assert period is not None
    assert (period.start, period.end) == (date(2030, 5, 5), date(2030, 5, 13))


def test_the_lead_period_stops_where_the_lead_tells_what_followed():
    text = (
        "Battle of Orwen\n\nRaiders attacked Orwen on 4 May 2030 and took it by 8 May. "
        "After the battle ended, the mayor was held on 19 May.\n\n"
    )
    period = lead_period(text, find_dates(text, None))
    assert period is not None
    assert (period.start, period.end) == (date(2030, 5, 4), date(2030, 5, 8))


def test_an_updated_count_runs_from_the_first_date_of_its_section():
    text = (
        "Blast at Kelby\n\nEvents\n\nOn 2 July 2030 a depot exploded. "
        "On 3 July, officials said the number of people injured had risen to 40."
    )
    injured = _figure(text, "40")
    assert injured.cumulative
    assert _period(injured) == (date(2030, 7, 2), date(2030, 7, 3))


def test_a_heading_that_prints_a_date_dates_its_section():
    text = (
        "Valley war\n\nThe war in the valley began in 2029.\n\n"
        "August 2031 floods offensive\n\nAbout 2,000 people fled the valley."
    )
    assert _period(_figure(text, "About 2,000")) == (date(2031, 8, 1), date(2031, 8, 31))


def test_a_figure_of_the_whole_battle_is_not_always_a_running_total():
    text = (
        "Battle of Orwen\n\nRaiders attacked Orwen on 4 May 2030 and took it by 8 May.\n\n"
        "Battle\n\nDuring the battle, shells hit a clinic, "
        "killing four people. The mayor said 200 civilians were killed during the battle, with "
        "three more killed as they fled."
    )
    clinic, toll, fled = (_figure(text, words) for words in ("four", "200", "three"))
    assert _period(clinic) == (date(2030, 5, 4), date(2030, 5, 8))
    assert not clinic.cumulative
    assert toll.cumulative
    assert not fled.cumulative


def test_whole_event_words():
    assert whole_event("Thirty soldiers died during the siege of the port.")
    assert whole_event("By this point 40 had been captured.")
    assert not whole_event("Thirty soldiers died on the bridge.")


RUNNING = (
    "Siege of Dunmore\n\n"
    "The siege of Dunmore began on 2 June 2033.\n\n"
    "First week\n\n"
    "On 2 June, rebels surrounded the town. "
    "By 8 June, the shelling had left 64 civilians dead. "
    "By 9 June, rebels held 60 percent of the town.\n"
)


def test_a_count_reached_by_a_day_is_a_running_total_from_its_section_start():
    total = _figure(RUNNING, "64")
    assert total.cumulative
    assert _period(total) == (date(2033, 6, 2), date(2033, 6, 8))


def test_a_state_on_a_day_is_not_a_running_total():
    share = _figure(RUNNING, "60")
    assert share.kind == "territory_share"
    assert not share.cumulative
    assert _period(share) == (date(2033, 6, 9), date(2033, 6, 9))


def test_every_member_of_a_list_shares_its_total():
    text = "By then 14 soldiers, 9 rebels and 3 civilians had died since the start of the siege."
    figures = find_figures(make_article(text, published=date(2031, 5, 2)))
    assert [f.cumulative for f in figures] == [True, True, True]
    text = "Then 14 soldiers died on the bridge, and 3 civilians died since the siege began."
    figures = find_figures(make_article(text, published=date(2031, 5, 2)))
    assert [f.cumulative for f in figures] == [False, True]


# A lead that gives only the month; the body gives the days of the attack.
RAID = (
    "Corvel raid\n\n"
    "The Corvel raid was an attack on the Corvel lines in March 2032.\n\n"
    "Attack\n\n"
    "On March 11 and 12, raiders struck the lines. Some 400 fighters took part in the battle.\n\n"
    "Casualties\n\n"
    "About 90 fighters were killed. Six guards were killed on 12 March.\n"
)


def test_a_month_long_lead_is_narrowed_by_the_days_the_body_gives_inside_it():
    period = lead_period(RAID, find_dates(RAID, None))
    assert period is not None
    assert (period.start, period.end) == (date(2032, 3, 11), date(2032, 3, 12))
    assert _period(_figure(RAID, "About 90")) == (date(2032, 3, 11), date(2032, 3, 12))


def test_a_force_in_the_battle_has_the_battles_period_but_is_no_running_total():
    force = _figure(RAID, "Some 400")
    assert (force.kind, force.cumulative) == ("fighters", False)
    assert _period(force) == (date(2032, 3, 11), date(2032, 3, 12))


def test_a_count_dated_to_one_day_in_a_casualty_section_is_that_days():
    guards = _figure(RAID, "Six")
    assert not guards.cumulative
    assert _period(guards) == (date(2032, 3, 12), date(2032, 3, 12))
    assert _figure(RAID, "About 90").cumulative  # undated there: the battle's toll


def test_the_parts_of_a_figure_share_its_kind_and_period():
    text = (
        "Siege of Harlow\n\nThe siege ran 5 to 9 May 2024.\n\nFighting\n\n"
        "On 6 May, 45 fighters were killed in the fighting over the previous two days, "
        "30 rebels and 15 soldiers. "
        "On 8 May, five volunteers—three medics and two drivers—were killed on the road."
    )
    for words in ("30", "15"):
        part = _figure(text, words)
        assert (part.kind, _period(part)) == ("killed", (date(2024, 5, 5), date(2024, 5, 6)))
    medics = _figure(text, "three")
    assert (medics.kind, _period(medics)) == ("killed", (date(2024, 5, 8), date(2024, 5, 8)))
    assert not medics.cumulative


def test_counts_that_do_not_add_up_to_the_figure_before_are_not_its_parts():
    text = "On 6 May 2024, 45 people were killed in the town, while 30 rebels and 5 men fought."
    assert [f.kind for f in find_figures(make_article(text))] == ["killed", "fighters", "fighters"]


def test_a_date_in_a_contrasting_clause_belongs_to_its_own_count():
    text = (
        "Battle of Orwen\n\nRaiders attacked Orwen on 4 May 2030 and took it by 8 May.\n\n"
        "Losses\n\nOne paper said 300 soldiers were killed during the battle, whereas officials "
        "cited up to 500 soldiers killed on 6 May."
    )
    assert _period(_figure(text, "300")) == (date(2030, 5, 4), date(2030, 5, 8))
    assert _period(_figure(text, "up to 500")) == (date(2030, 5, 6), date(2030, 5, 6))


def test_a_paragraph_opening_with_the_fightings_toll_tallies_the_episode_just_told():
    text = (
        "Siege of Orwen\n\nThe siege lasted from 2029 to 2031.\n\nSiege\n\nOn 3 April 2031, "
        "raiders mined the road. On 14 June, they stormed the fort. Early the next morning, "
        "the gate fell.\n\nThe fighting left over 90 guards dead. Another 40 were captured.\n"
    )
    for words in ("over 90", "40"):
        f = _figure(text, words)
        assert (_period(f), f.cumulative) == ((date(2031, 6, 14), date(2031, 6, 15)), True)


def test_a_summing_up_word_opening_a_sentence_makes_all_its_figures_totals():
    text = (
        "Battle of Orwen\n\nRaiders attacked Orwen on 4 May 2030 and took it by 8 May.\n\n"
        "Battle\n\nOn 5 May, the mill burned. Overall, 50 fighters were killed over the "
        "previous three days, 30 raiders and 20 guards."
    )
    assert all(_figure(text, words).cumulative for words in ("50", "30", "20"))
    text = text.replace("over the previous three days, 30 raiders and 20 guards", "in the "
                        "fighting for the mill")  # fmt: skip
    overall = _figure(text, "50")  # a total, but of the day's fighting, not of the whole battle
    assert (_period(overall), overall.cumulative) == ((date(2030, 5, 5), date(2030, 5, 5)), True)


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("A dam burst on 1 March. So far this year, 12,000 people have been displaced.",
         date(2031, 1, 1)),
        ("On 28 February, the dam burst. Since then, 2,000 people have fled.", date(2031, 2, 28)),
        ("The dam burst on 2 March. To date, 2,000 people have fled.", date(2031, 3, 2)),
        ("The dam burst on 2 March. 2,000 people have fled so far.", date(2031, 3, 2)),
    ],
)  # fmt: skip
def test_a_news_total_so_far_runs_from_the_storys_date_to_publication(text, start):
    f = _figure(text, next(w for w in ("12,000", "2,000") if w in text), date(2031, 3, 7))
    assert (f.date_start, f.date_end, f.cumulative) == (start, date(2031, 3, 7), True)


def test_a_headline_figure_takes_the_day_the_next_sentence_tells():
    text = (
        "Feud leaves three dead in hill town . KELBY: Rival clans fought in the market on Monday."
    )
    assert _period(_figure(text, "three", date(2031, 3, 7))) == (date(2031, 3, 3), date(2031, 3, 3))
    background = "Clashes leave 40 dead . The feud that began in 2029 flared again."
    assert _period(_figure(background, "40", date(2031, 3, 7))) == (
        date(2031, 3, 7),
        date(2031, 3, 7),
    )
    later = "Aid arrives in Kelby. Some 300 families fled the hills. On Monday, roads reopened."
    f = _figure(later, "Some 300", date(2031, 3, 7))  # not a first sentence: publication
    assert _period(f) == (date(2031, 3, 7), date(2031, 3, 7))


def test_a_news_total_since_the_weekend_runs_to_publication():
    f = _figure("Some 3,000 people have fled since the weekend.", "Some 3,000", date(2031, 3, 7))
    assert (f.date_start, f.date_end, f.cumulative) == (date(2031, 3, 1), date(2031, 3, 7), True)


def test_a_news_total_so_far_dated_in_its_own_sentence_is_that_days_count():
    text = "On Monday, officials said 2,000 people had fled so far."
    f = _figure(text, "2,000", date(2031, 3, 7))
    assert (f.date_start, f.date_end, f.cumulative) == (date(2031, 3, 3), date(2031, 3, 3), True)


def test_an_undated_figure_of_a_paragraph_summing_its_section_up_spans_the_section():
    text = (
        "Battles of Orwen\n\nRaiders fought for Orwen twice in May 2030.\n\n"
        "First battle\n\nOn 4 May, raiders crossed the ford. On 5 May, they withdrew.\n\n"
        "In total, 12 trucks were abandoned. Officials said about 40 raiders were killed and "
        "6 were captured. On 6 May, 3 guards died of their wounds.\n\n"
        "Second battle\n\nOn 20 May, raiders returned.\n"
    )
    for words in ("about 40", "6"):
        f = _figure(text, words)
        assert (_period(f), f.cumulative) == ((date(2030, 5, 4), date(2030, 5, 5)), True)
    dated = _figure(text, "3")
    assert (_period(dated), dated.cumulative) == ((date(2030, 5, 6), date(2030, 5, 6)), False)


def test_a_force_dated_to_a_day_is_that_days_though_called_a_total():
    text = (
        "Orwen offensive\n\nBattle\n\nOn 15 April 2031, raiders reached the suburbs. On 17 "
        "April, 200 militiamen joined them, bringing the force to a total of 350 fighters.\n"
    )
    for words in ("200", "350"):
        assert _period(_figure(text, words)) == (date(2031, 4, 17), date(2031, 4, 17))


def test_a_count_of_one_day_is_never_a_running_total():
    text = (
        "Orwen offensive\n\nBattle\n\nOn 25 June 2031, raiders crossed the river. By 1 July, "
        "they held the mine. They claimed heavy losses, including over 120 guards killed in one "
        "village within a day.\n"
    )
    f = _figure(text, "over 120")
    assert (_period(f), f.cumulative) == ((date(2031, 7, 1), date(2031, 7, 1)), False)


def test_a_later_date_after_the_figure_tells_the_next_event():
    text = (
        "Kelby front\n\nRaids\n\nIn February 2031, a drone killed the commander along with 5 "
        "guards, his deputy met the same fate a month later.\n"
    )
    assert _period(_figure(text, "5")) == (date(2031, 2, 1), date(2031, 2, 28))


def test_a_day_recalled_inside_the_sentence_before_does_not_date_the_figure():
    text = (
        "Kelby front\n\nFighting\n\nOn 25 March 2031, rebels shelled the post, blockaded "
        "since 9 January. One soldier was killed.\n\nOn 30 March, it was reported that "
        "strikes on 28 March killed 40 raiders.\n"
    )
    assert _period(_figure(text, "One")) == (date(2031, 3, 25), date(2031, 3, 25))
    assert _period(_figure(text, "40")) == (date(2031, 3, 28), date(2031, 3, 28))  # its own


@pytest.mark.parametrize(
    ("text", "words", "day"),
    [
        ("A car bomb hit a bus. It comes a week after 44 people were killed in the capital.",
         "44", date(2031, 3, 10)),
        ("Kelby\n\nOn 11 June 2031, gunmen seized the post. The raid came a day after 28 "
         "drivers were abducted.", "28", date(2031, 6, 10)),
        ("Kelby\n\nOn 11 June 2031, gunmen seized the post. The raid came two days before "
         "300 people fled.", "300", date(2031, 6, 13)),
    ],
)  # fmt: skip
def test_what_a_story_came_a_week_after_happened_a_week_before_it(text, words, day):
    published = date(2031, 3, 17) if "Kelby" not in text else None
    assert _period(_figure(text, words, published)) == (day, day)


def _texts() -> dict[str, tuple[str, list[tuple[str, date | None, date | None]]]]:
    """One invented text per rule a careful reader applies: (text, [(figure, start, end)])."""
    d = date
    toll = (
        "Battle of Marrow\n\nRaiders took the village of Marrow on 20 June 2031.\n\n"
        "Background\n\nMarrow had been shelled since April 2031.\n\n"
        "Battle\n\nOn 2 June, raiders reached the orchards. On 9 June, 15 defenders were killed."
        "\n\nAftermath\n\nOn 25 June, the mayor said that 310 defenders had been killed during "
        "the battle of Marrow. On 27 June, an officer said 12 soldiers had been killed during the "
        "search operation.\n"
    )
    siege = "Siege of Kelby\n\nThe siege of Kelby lasted from 2 March to 9 August 2031.\n\n"
    return {
        "a toll of the text's battle runs from where its account begins, another's from its "
        "section's start": (toll, [("310", d(2031, 6, 2), d(2031, 6, 25)),
                                   ("12", d(2031, 6, 25), d(2031, 6, 27))]),
        "the same without sections": (
            "Battle of Marrow\n\nRaiders took Marrow on 20 June 2031. On 25 June, the mayor said "
            "that 310 defenders had been killed during the battle of Marrow.",
            [("310", d(2031, 6, 20), d(2031, 6, 25))]),
        "a total by the end of the offensive runs from its start": (
            "Orwen offensive\n\nThe offensive ran from 3 to 11 May 2030.\n\nThe offensive\n\n"
            "On 3 May, the militia advanced. On 11 May, the offensive ended. By the end of the "
            "offensive, the militia had taken 900 square kilometres of land.\n",
            [("900", d(2030, 5, 3), d(2030, 5, 11))]),
        "a section dated apart from the lead is its own event": (
            "Orwen campaign\n\nThe Orwen campaign started on 2 April 2031.\n\n"
            "First push\n\nOn 2 April, raiders shelled the ridge.\n\n"
            "Second push (June 2031)\n\nOn 4 June, raiders crossed the river. On 5 June they "
            "took the mill. Then they pushed on to the bridge. During the clashes, a drone hit a "
            "convoy, killing 14 fighters.\n\nCasualties\n\nDuring the clashes, 40 soldiers "
            "were wounded.\n",
            [("14", d(2031, 6, 4), d(2031, 6, 5)), ("40", d(2031, 4, 2), d(2031, 4, 2))]),
        "a date opening the next clause does not govern the figure before it": (
            "Truce of Orwen\n\nThe truce broke down on 17 May 2030, when a drone strike killed "
            "22 soldiers, and was on 19 May declared over. By 20 May, raiders held half of "
            "Kelby; by 24 May, they had taken Marrow. The fighting killed 9 men on 26 May.",
            [("22", d(2030, 5, 17), d(2030, 5, 17)), ("half", d(2030, 5, 20), d(2030, 5, 20)),
             ("9", d(2030, 5, 26), d(2030, 5, 26))]),
        "a running total in a casualty section runs from the start of the battle": (
            "Battle of Kelby\n\nThe battle of Kelby was fought from 2 to 30 June 2031.\n\n"
            "Battle\n\nOn 2 June, raiders crossed the river. On 12 June, the mill fell.\n\n"
            "Casualties\n\nBy 20 June, shelling had killed 75 civilians in Kelby. "
            "A strike on 25 June killed 9 civilians.\n",
            [("75", d(2031, 6, 2), d(2031, 6, 20)), ("9", d(2031, 6, 25), d(2031, 6, 25))]),
        "a total since a day runs to the day it had reached": (
            siege + "Aftermath\n\nBy 20 August 2031, some 3,000 soldiers had been killed since "
            "2 March. On 25 August, medics said 140 people had died since the siege began on "
            "2 March.\n",
            [("some 3,000", d(2031, 3, 2), d(2031, 8, 20)),
             ("140", d(2031, 3, 2), d(2031, 8, 25))]),
        "a total since the start runs to where the story stands, a state is that day's": (
            siege + "Advance\n\nOn 2 March, raiders crossed the river. On 9 March, they took "
            "the mill. The raiders then dug in along the ridge. Since the start of the "
            "offensive, 34 civilians had been killed. The defenders kept to the old town. By "
            "this point, raiders held 60 percent of the town.\n",
            [("34", d(2031, 3, 2), d(2031, 3, 9)), ("60", d(2031, 3, 9), d(2031, 3, 9))]),
        "an undated figure under a year heading takes the whole year": (
            "Raids on Kelby\n\nThe raids on Kelby began in 2029.\n\n2031\n\nA drone strike "
            "killed 12 soldiers near the depot. On 4 May, 3 guards were killed.\n\n"
            "Later raids\n\nAnother strike killed 5 soldiers.\n",
            [("12", d(2031, 1, 1), d(2031, 12, 31)), ("3", d(2031, 5, 4), d(2031, 5, 4)),
             ("5", None, None)]),
        "the battle of a section headed for it is that section's": (
            "Battles of Kelby\n\nTwo battles were fought for Kelby in early May 2031.\n\n"
            "First battle\n\nOn 2 May, raiders entered the town. Fighting went on in the "
            "streets. Some 14 civilians were killed during the battle. On 4 May, the raiders "
            "withdrew.\n\nSecond battle\n\nOn 9 May, the raiders returned.\n",
            [("Some 14", d(2031, 5, 2), d(2031, 5, 4))]),
        "a year recalled in passing does not date the figures after it": (
            "Kelby offensive\n\nThe offensive began on 20 November 2031.\n\nCapture of the "
            "mill\n\nOn 26 November, troops took the mill district, which the rebels had seized "
            "in 2027. Troops also pushed south. After the capture, 400 civilians left the "
            "district.\n",
            [("400", d(2031, 11, 26), d(2031, 11, 26))]),
        "a month recalled in the sentence before does not date the figure": (
            "Kelby offensive\n\nThe offensive began on 16 February 2032.\n\nOffensive\n\nOn "
            "23 February, raiders freed hostages taken in a raid in February 2031. It was also "
            "reported that half of Kelby had been captured.\n",
            [("half", d(2032, 2, 23), d(2032, 2, 23))]),
        "a toll of another event than the title's is its section's, not the lead's": (
            "Kelby offensive\n\nThe Kelby offensive ran from 1 May to 30 August 2031.\n\n"
            "Raid on the dam\n\nOn 21 July, the largest air raid in 2031 hit the dam. Troops "
            "then repelled a push on the village. Medics said 20 soldiers had been killed in the "
            "assault.\n\nLosses\n\nSome 900 soldiers were killed during the offensive.\n",
            [("20", d(2031, 7, 21), d(2031, 7, 21)),
             ("Some 900", d(2031, 5, 1), d(2031, 8, 30))]),
        "the fighting of a paragraph under way is that day's, not the battle's": (
            siege + "Siege\n\nOn 2 March, raiders cut the road. On 26 April, shells hit a depot, "
            "killing 9 soldiers. Medics also said 4 rebels were killed at the gate during the "
            "fighting. On 28 April, 6 soldiers were killed during the fighting near the mill.\n",
            [("4", d(2031, 4, 26), d(2031, 4, 26)), ("6", d(2031, 4, 28), d(2031, 4, 28))]),
        "a total with its day printed after it is that day's": (
            "Battle of Kelby\n\nThe battle of Kelby lasted from 2 to 9 May 2031.\n\nBattle\n\n"
            "On 2 May, raiders crossed the river. On 5 May, they took the mill. No toll was given "
            "during the battle, but reporters saw 18 bodies on the streets on 9 May. Medics said "
            "40 civilians had been killed during the battle by 9 May.\n",
            [("18", d(2031, 5, 9), d(2031, 5, 9)), ("40", d(2031, 5, 2), d(2031, 5, 9))]),
        "a toll claimed days after a one-off event is the event's": (
            "2031 Kelby depot explosions\n\nExplosions hit the Kelby depot on 9 May 2031.\n\n"
            "Events\n\nOn 10 May, officials said the number of people injured had risen to 13. "
            "On 12 May, an adviser claimed that 60 soldiers had been killed in the explosions.\n",
            [("13", d(2031, 5, 9), d(2031, 5, 10)), ("60", d(2031, 5, 9), d(2031, 5, 9))]),
        "a count reached by the morning of a day is a running total": (
            "Kelby evacuation\n\nThe evacuation of Kelby ran from 15 to 22 December 2031.\n\n"
            "Evacuation\n\nOn 15 December, the first buses left. Over 34,000 people were "
            "evacuated by the morning of 22 December.\n",
            [("Over 34,000", d(2031, 12, 15), d(2031, 12, 22))]),
        "a count told after a running total so far is one too": (
            "Kelby offensive\n\nThe offensive began on 16 May 2031.\n\nThe offensive\n\nOn 16 "
            "May, raiders crossed the river. On 18 May, they took the mill. By this time, they had "
            "taken 48 villages since the start of the offensive. At least 49 militants were "
            "killed. 30 farmers died in air raids. Meanwhile, the roads were closed. 600 "
            "civilians fled to the hills.\n",
            [("At least 49", d(2031, 5, 16), d(2031, 5, 18)),
             ("30", d(2031, 5, 16), d(2031, 5, 18)),
             ("600", d(2031, 5, 18), d(2031, 5, 18))]),
        "the dead found after the fighting died over it up to that day": (
            "Battle of Kelby\n\nThe battle of Kelby lasted from 2 March to 10 May 2031.\n\n"
            "Aftermath\n\nOn 20 May 2031, mass graves with 300 bodies were found in the woods. "
            "On 22 May, a shell killed 4 soldiers.\n",
            [("300", d(2031, 3, 2), d(2031, 5, 20)), ("4", d(2031, 5, 22), d(2031, 5, 22))]),
        "people killed by occupiers died over the occupation": (
            "Occupation of Kelby\n\nRaiders held Kelby from 1 to 26 March 2031.\n\n"
            "Aftermath\n\nThe mayor said that at least 50 civilians had been killed by the "
            "occupiers.\n",
            [("at least 50", d(2031, 3, 1), d(2031, 3, 26))]),
    }  # fmt: skip


TEXTS = _texts()


@pytest.mark.parametrize(("text", "expected"), TEXTS.values(), ids=TEXTS.keys())
def test_the_period_a_careful_reader_gives(text, expected):
    got = [(words, *_period(_figure(text, words))) for words, _start, _end in expected]
    assert got == expected


def test_totals_and_states_of_these_rules_are_flagged_as_such():
    toll = TEXTS["a toll of the text's battle runs from where its account begins, another's from "
                 "its section's start"][0]  # fmt: skip
    assert _figure(toll, "310").cumulative
    held = _figure(TEXTS["a total since the start runs to where the story stands, a state is "
                         "that day's"][0], "60")  # fmt: skip
    assert (held.kind, held.cumulative) == ("territory_share", False)
    evacuated = TEXTS["a count reached by the morning of a day is a running total"][0]
    assert _figure(evacuated, "Over 34,000").cumulative
    so_far_told = TEXTS["a count told after a running total so far is one too"][0]
    assert _figure(so_far_told, "At least 49").cumulative
    assert _figure(so_far_told, "30").cumulative
    assert not _figure(so_far_told, "600").cumulative
    graves = TEXTS["the dead found after the fighting died over it up to that day"][0]
    assert _figure(graves, "300").cumulative  # its period runs up to the day they were found


def test_a_lead_printing_a_range_of_days_or_months_dates_the_event_and_years_do_not():
    for span, start, end in (
        ("from 1 May to 30 August 2031", date(2031, 5, 1), date(2031, 8, 30)),
        ("in November–December 2031", date(2031, 11, 1), date(2031, 12, 31)),
        ("from 21 April 2029 to 9 September 2031", date(2029, 4, 21), date(2031, 9, 9)),
        ("on 3 May 2031, though Kelby was held from 2024 to 2031", date(2031, 5, 3),
         date(2031, 5, 3)),
    ):  # fmt: skip
        text = f"Kelby offensive\n\nThe offensive was fought {span}.\n\nBattle\n\nOn 3 June, x."
        period = lead_period(text, find_dates(text, None))
        assert period is not None
        assert (period.start, period.end) == (start, end)
