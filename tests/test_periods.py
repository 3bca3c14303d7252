"""Figure periods in undated, sectioned texts: section dates, running totals, battle periods."""

from datetime import date

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


# The lead dates only the end of the battle; its account begins in a later section.
TOLL = (
    "Battle of Marrow\n\n"
    "Raiders took the village of Marrow on 20 June 2031.\n\n"
    "Background\n\n"
    "Marrow had been shelled since April 2031.\n\n"
    "Battle\n\n"
    "On 2 June, raiders reached the orchards. On 9 June, 15 defenders were killed.\n\n"
    "Aftermath\n\n"
    "On 25 June, the mayor said that 310 defenders had been killed during the battle of Marrow. "
    "On 27 June, an officer said 12 soldiers had been killed during the search operation.\n"
)


def test_a_toll_of_the_texts_battle_runs_from_where_its_account_begins():
    toll = _figure(TOLL, "310")
    assert toll.cumulative
    assert _period(toll) == (date(2031, 6, 2), date(2031, 6, 25))


def test_a_toll_of_another_event_keeps_the_start_of_its_section():
    clean_up = _figure(TOLL, "12")
    assert _period(clean_up) == (date(2031, 6, 25), date(2031, 6, 27))


def test_a_total_by_the_end_of_the_offensive_runs_from_its_start():
    text = (
        "Orwen offensive\n\nThe offensive ran from 3 to 11 May 2030.\n\n"
        "The offensive\n\nOn 3 May, the militia advanced. On 11 May, the offensive ended. "
        "By the end of the offensive, the militia had taken 900 square kilometres of land.\n"
    )
    area = _figure(text, "900")
    assert _period(area) == (date(2030, 5, 3), date(2030, 5, 11))


def test_a_section_dated_apart_from_the_lead_is_its_own_event():
    text = (
        "Orwen campaign\n\nThe Orwen campaign started on 2 April 2031.\n\n"
        "First push\n\nOn 2 April, raiders shelled the ridge.\n\n"
        "Second push (June 2031)\n\nOn 4 June, raiders crossed the river. On 5 June they "
        "took the mill. Then they pushed on to the bridge. During the clashes, a drone hit a "
        "convoy, killing 14 fighters.\n\n"
        "Casualties\n\nDuring the clashes, 40 soldiers were wounded.\n"
    )
    assert _period(_figure(text, "14")) == (date(2031, 6, 4), date(2031, 6, 5))
    assert _period(_figure(text, "40")) == (date(2031, 4, 2), date(2031, 4, 2))  # the lead's


def test_a_date_opening_the_next_clause_does_not_govern_the_figure_before_it():
    text = (
        "Truce of Orwen\n\nThe truce broke down on 17 May 2030, when a drone strike killed "
        "22 soldiers, and was on 19 May declared over. By 20 May, raiders held half of Kelby; "
        "by 24 May, they had taken Marrow.\n"
    )
    assert _period(_figure(text, "22")) == (date(2030, 5, 17), date(2030, 5, 17))
    assert _period(_figure(text, "half")) == (date(2030, 5, 20), date(2030, 5, 20))
    text = "Battle of Orwen\n\nRaiders attacked on 4 May 2030. The fighting killed 9 men on 6 May."
    assert _period(_figure(text, "9")) == (date(2030, 5, 6), date(2030, 5, 6))


def test_a_running_total_in_a_casualty_section_runs_from_the_start_of_the_battle():
    text = (
        "Battle of Kelby\n\nThe battle of Kelby was fought from 2 to 30 June 2031.\n\n"
        "Battle\n\nOn 2 June, raiders crossed the river. On 12 June, the mill fell.\n\n"
        "Casualties\n\nBy 20 June, shelling had killed 75 civilians in Kelby. "
        "A strike on 25 June killed 9 civilians.\n"
    )
    assert _period(_figure(text, "75")) == (date(2031, 6, 2), date(2031, 6, 20))
    assert _period(_figure(text, "9")) == (date(2031, 6, 25), date(2031, 6, 25))


def test_a_total_since_a_day_runs_to_the_day_it_had_reached():
    text = (
        "Siege of Kelby\n\nThe siege of Kelby lasted from 2 March to 9 August 2031.\n\n"
        "Aftermath\n\nBy 20 August 2031, some 3,000 soldiers had been killed since 2 March. "
        "On 25 August, medics said 140 people had died since the siege began on 2 March.\n"
    )
    assert _period(_figure(text, "some 3,000")) == (date(2031, 3, 2), date(2031, 8, 20))
    assert _period(_figure(text, "140")) == (date(2031, 3, 2), date(2031, 8, 25))


def test_a_total_since_the_start_runs_to_where_the_story_stands_and_a_state_is_that_days():
    text = (
        "Siege of Kelby\n\nThe siege of Kelby lasted from 2 March to 9 August 2031.\n\n"
        "Advance\n\nOn 2 March, raiders crossed the river. On 9 March, they took the mill. "
        "The raiders then dug in along the ridge. "
        "Since the start of the offensive, 34 civilians had been killed. "
        "The defenders kept to the old town. By this point, raiders held 60 percent of the town.\n"
    )
    assert _period(_figure(text, "34")) == (date(2031, 3, 2), date(2031, 3, 9))
    held = _figure(text, "60")
    assert (held.kind, _period(held)) == ("territory_share", (date(2031, 3, 9), date(2031, 3, 9)))
    assert not held.cumulative


def test_a_toll_of_the_texts_battle_in_a_text_without_sections():
    text = (
        "Battle of Marrow\n\nRaiders took Marrow on 20 June 2031. On 25 June, the mayor said "
        "that 310 defenders had been killed during the battle of Marrow."
    )
    assert _period(_figure(text, "310")) == (date(2031, 6, 20), date(2031, 6, 25))


def test_an_undated_figure_under_a_year_heading_takes_the_whole_year():
    text = (
        "Raids on Kelby\n\nThe raids on Kelby began in 2029.\n\n"
        "2031\n\nA drone strike killed 12 soldiers near the depot. On 4 May, 3 guards were killed."
        "\n\nLater raids\n\nAnother strike killed 5 soldiers.\n"
    )
    assert _period(_figure(text, "12")) == (date(2031, 1, 1), date(2031, 12, 31))
    assert _period(_figure(text, "3")) == (date(2031, 5, 4), date(2031, 5, 4))
    assert _period(_figure(text, "5")) == (None, None)  # nothing dates it


def test_the_battle_of_a_section_headed_for_it_is_that_sections():
    text = (
        "Battles of Kelby\n\nTwo battles were fought for Kelby in early May 2031.\n\n"
        "First battle\n\nOn 2 May, raiders entered the town. Fighting went on in the streets. "
        "Some 14 civilians were killed during the battle. On 4 May, the raiders withdrew.\n\n"
        "Second battle\n\nOn 9 May, the raiders returned.\n"
    )
    assert _period(_figure(text, "Some 14")) == (date(2031, 5, 2), date(2031, 5, 4))


def test_a_year_recalled_in_passing_does_not_date_the_figures_after_it():
    text = (
        "Kelby offensive\n\nThe offensive began on 20 November 2031.\n\n"
        "Capture of the mill\n\nOn 26 November, troops took the mill district, which the "
        "rebels had seized in 2027. Troops also pushed south. "
        "After the capture, 400 civilians left the district.\n"
    )
    assert _period(_figure(text, "400")) == (date(2031, 11, 26), date(2031, 11, 26))


def test_a_toll_of_another_event_than_the_titles_is_its_sections_not_the_leads():
    text = (
        "Kelby offensive\n\nThe Kelby offensive ran from 1 May to 30 August 2031.\n\n"
        "Raid on the dam\n\nOn 21 July, the largest air raid in 2031 hit the dam. "
        "Troops then repelled a push on the village. "
        "Medics said 20 soldiers had been killed in the assault.\n\n"
        "Losses\n\nSome 900 soldiers were killed during the offensive.\n"
    )
    assert _period(_figure(text, "20")) == (date(2031, 7, 21), date(2031, 7, 21))
    assert _period(_figure(text, "Some 900")) == (date(2031, 5, 1), date(2031, 8, 30))


def test_the_fighting_of_a_paragraph_under_way_is_that_days_not_the_battles():
    text = (
        "Siege of Kelby\n\nThe siege of Kelby lasted from 2 March to 9 August 2031.\n\n"
        "Siege\n\nOn 2 March, raiders cut the road. On 26 April, shells hit a depot, killing "
        "9 soldiers. Medics also said 4 rebels were killed at the gate during the fighting. "
        "On 28 April, 6 soldiers were killed during the fighting near the mill.\n"
    )
    assert _period(_figure(text, "4")) == (date(2031, 4, 26), date(2031, 4, 26))
    assert _period(_figure(text, "6")) == (date(2031, 4, 28), date(2031, 4, 28))


def test_a_lead_printing_a_range_of_days_or_months_dates_the_event_and_years_do_not():
    for span, start, end in (
        ("from 1 May to 30 August 2031", date(2031, 5, 1), date(2031, 8, 30)),
        ("in November–December 2031", date(2031, 11, 1), date(2031, 12, 31)),
    ):
        text = f"Kelby offensive\n\nThe offensive was fought {span}.\n\nBattle\n\nOn 3 June, x."
        period = lead_period(text, find_dates(text, None))
        assert period is not None
        assert (period.start, period.end) == (start, end)
    text = "Kelby raid\n\nKelby was held from 2024 to 2031. The raid came on 3 May 2031.\n\n"
    period = lead_period(text, find_dates(text, None))
    assert period is not None
    assert (period.start, period.end) == (date(2031, 5, 3), date(2031, 5, 3))


def test_a_count_reached_by_the_morning_of_a_day_is_a_running_total():
    text = (
        "Kelby evacuation\n\nThe evacuation of Kelby ran from 15 to 22 December 2031.\n\n"
        "Evacuation\n\nOn 15 December, the first buses left. "
        "Over 34,000 people were evacuated by the morning of 22 December.\n"
    )
    evacuated = _figure(text, "Over 34,000")
    assert evacuated.cumulative
    assert _period(evacuated) == (date(2031, 12, 15), date(2031, 12, 22))


def test_a_month_recalled_in_the_sentence_before_does_not_date_the_figure():
    text = (
        "Kelby offensive\n\nThe offensive began on 16 February 2032.\n\n"
        "Offensive\n\nOn 23 February, raiders freed hostages taken in a raid in February 2031. "
        "It was also reported that half of Kelby had been captured.\n"
    )
    assert _period(_figure(text, "half")) == (date(2032, 2, 23), date(2032, 2, 23))


def test_a_total_with_its_day_printed_after_it_is_that_days():
    text = (
        "Battle of Kelby\n\nThe battle of Kelby lasted from 2 to 9 May 2031.\n\n"
        "Battle\n\nOn 2 May, raiders crossed the river. On 5 May, they took the mill. "
        "No toll was given during the battle, but reporters saw 18 bodies on the streets "
        "on 9 May. Medics said 40 civilians had been killed during the battle by 9 May.\n"
    )
    assert _period(_figure(text, "18")) == (date(2031, 5, 9), date(2031, 5, 9))
    assert _period(_figure(text, "40")) == (date(2031, 5, 2), date(2031, 5, 9))


def test_a_toll_claimed_days_after_a_one_off_event_is_the_events():
    text = (
        "2031 Kelby depot explosions\n\nExplosions hit the Kelby depot on 9 May 2031.\n\n"
        "Events\n\nOn 10 May, officials said the number of people injured had risen to 13. "
        "On 12 May, an adviser claimed that 60 soldiers had been killed in the explosions.\n"
    )
    assert _period(_figure(text, "13")) == (date(2031, 5, 9), date(2031, 5, 10))
    assert _period(_figure(text, "60")) == (date(2031, 5, 9), date(2031, 5, 9))
