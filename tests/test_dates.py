"""Time expressions resolved against the publication date (the issue's examples and a few more)."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.dates import Period, date_spans, find_dates, publication_period, resolve

THU = date(2019, 3, 7)  # VOA, published Thursday 2019-03-07
SAT = date(2019, 2, 9)  # AP, published Saturday 2019-02-09
SUN = date(2019, 2, 17)  # ITV/AP, published Sunday 2019-02-17


@pytest.mark.parametrize(
    ("expression", "published", "start", "end", "basis"),
    [
        ("on Thursday", THU, date(2019, 3, 7), date(2019, 3, 7), "relative"),
        ("said early Thursday", THU, date(2019, 3, 7), date(2019, 3, 7), "relative"),
        ("Saturday", SAT, date(2019, 2, 9), date(2019, 2, 9), "relative"),
        ("Wednesday", SAT, date(2019, 2, 6), date(2019, 2, 6), "relative"),
        ("last Thursday", THU, date(2019, 2, 28), date(2019, 2, 28), "relative"),
        ("between Friday and Sunday", THU, date(2019, 3, 1), date(2019, 3, 3), "relative"),
        ("from Monday to Thursday", THU, date(2019, 3, 4), date(2019, 3, 7), "relative"),
        ("over the past fortnight", THU, date(2019, 2, 21), date(2019, 3, 7), "relative"),
        ("Over the past four days", THU, date(2019, 3, 3), date(2019, 3, 7), "relative"),
        ("over the previous week and a half", THU, date(2019, 2, 24), date(2019, 3, 7), "relative"),
        ("since December", SUN, date(2018, 12, 1), date(2019, 2, 17), "relative"),
        ("In recent weeks", SAT, date(2019, 1, 19), date(2019, 2, 9), "relative"),
        ("last month", THU, date(2019, 2, 1), date(2019, 2, 28), "relative"),
        ("last week", THU, date(2019, 2, 25), date(2019, 3, 3), "relative"),
        ("earlier this month", THU, date(2019, 3, 1), date(2019, 3, 7), "relative"),
        ("yesterday", THU, date(2019, 3, 6), date(2019, 3, 6), "relative"),
        ("four days ago", THU, date(2019, 3, 3), date(2019, 3, 3), "relative"),
        ("in the summer of 2017", SUN, date(2017, 6, 1), date(2017, 8, 31), "stated"),
        ("since 2016", SUN, date(2016, 1, 1), date(2019, 2, 17), "stated"),
        ("May 21, 2015", date(2016, 11, 23), date(2015, 5, 21), date(2015, 5, 21), "stated"),
        ("in November 2015", SUN, date(2015, 11, 1), date(2015, 11, 30), "stated"),
        ("Dec. 10 bombings", date(2016, 12, 19), date(2016, 12, 10), date(2016, 12, 10),
         "relative"),
        ("pleaded guilty on March 24", date(2016, 11, 23), date(2016, 3, 24), date(2016, 3, 24),
         "relative"),
        ("in 2016", SUN, date(2016, 1, 1), date(2016, 12, 31), "stated"),
        ("in the past 24 hours", THU, date(2019, 3, 6), date(2019, 3, 7), "relative"),
        ("over the weekend", THU, date(2019, 3, 2), date(2019, 3, 3), "relative"),
        ("this weekend", SUN, date(2019, 2, 16), date(2019, 2, 17), "relative"),
        ("last night", THU, date(2019, 3, 6), date(2019, 3, 6), "relative"),
        ("overnight", THU, date(2019, 3, 7), date(2019, 3, 7), "relative"),
    ],
)  # fmt: skip
def test_resolves_news_idioms(expression, published, start, end, basis):
    assert resolve(expression, published) == Period(start, end, basis)


def test_yearless_month_is_the_latest_one_not_after_publication():
    assert resolve("in May", THU) == Period(date(2018, 5, 1), date(2018, 5, 31), "relative")


@pytest.mark.parametrize(
    "expression",
    ["by next week", "next month", "February 30", "IS fighters may be lurking", "no date here"],
)
def test_future_impossible_and_non_dates_give_no_period(expression):
    assert resolve(expression, THU) is None


def test_a_period_running_past_publication_ends_on_it():
    assert resolve("in March", THU) == Period(date(2019, 3, 1), THU, "relative")
    assert resolve("in 2019", THU) == Period(date(2019, 1, 1), THU, "stated")


def test_future_stated_date_gives_no_period():
    assert resolve("in December 2020", THU) is None


@pytest.mark.parametrize("expression", ["on Thursday", "since December", "last month", "today"])
def test_relative_expressions_need_a_publication_date(expression):
    assert resolve(expression, None) is None


def test_stated_dates_resolve_without_publication_date():
    assert resolve("in the summer of 2017", None) == Period(
        date(2017, 6, 1), date(2017, 8, 31), "stated"
    )
    assert resolve("May 21, 2015", None) == Period(date(2015, 5, 21), date(2015, 5, 21), "stated")


def test_publication_period():
    assert publication_period(THU) == Period(THU, THU, "publication")
    assert publication_period(None) is None


def test_mentions_carry_exact_offsets_and_do_not_overlap():
    text = "Over the past four days, more than 8,000 people left; on Thursday and since December."
    mentions = find_dates(text, THU)
    assert [m.text for m in mentions] == ["Over the past four days", "Thursday", "since December"]
    for m in mentions:
        assert text[m.start : m.end] == m.text
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))


def test_date_spans_include_unresolvable_expressions():
    text = "The bombings of Dec. 10 and the meeting next week."
    spans = [text[s:e] for s, e in date_spans(text)]
    assert "Dec. 10" in spans
    assert "next week" in spans


DATE_WORDS = [
    "on", "Thursday", "last", "since", "December", "May", "21,", "2015", "in", "the", "summer",
    "of", "2017", "over", "past", "four", "days", "week", "and", "a", "half", "recent", "weeks",
    "month", "next", "yesterday", "February", "30", "Dec.", "10", "weekend", "ago", "2030",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(DATE_WORDS), max_size=12), st.sampled_from([None, THU, SAT]))
def test_periods_are_ordered_and_never_after_publication(words, published):
    text = " ".join(words)
    for m in find_dates(text, published):
        assert text[m.start : m.end] == m.text
        assert m.period.start <= m.period.end
        assert published is None or m.period.end <= published
        assert m.period.basis in ("stated", "relative") + (
            ("text year",) if published is None else ()
        )


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text):
    find_dates(text, THU)
    date_spans(text)


def test_implausible_span_is_ignored_not_fatal():
    """'over the past 5000 years' once raised OverflowError and refused the whole article."""
    assert find_dates("Over the past 5000 years the valley was farmed.", date(2020, 1, 1)) == []
    assert find_dates("over the past 99999999 days", date(2020, 1, 1)) == []


def test_since_the_start_of_the_month_runs_to_publication():
    assert resolve("since the start of the month", THU) == Period(
        THU.replace(day=1), THU, "relative"
    )


def test_undated_text_takes_its_own_year():
    """No publication date: 'On 5 March' after 'In March 2022' is 2022-03-05, never a guess."""
    text = "In March 2022 the siege began. On 5 March the town fell."
    mentions = find_dates(text, None)
    assert mentions[-1].text == "On 5 March" or mentions[-1].text.endswith("5 March")
    assert mentions[-1].period == Period(date(2022, 3, 5), date(2022, 3, 5), "text year")
    assert find_dates("On 5 March the town fell.", None) == []


def test_day_ranges():
    assert resolve("between 2 and 5 March", THU) == Period(
        date(2019, 3, 2), date(2019, 3, 5), "relative"
    )
    text = "The battle of 2016 went on. From 11 to 13 October the town was shelled."
    assert find_dates(text, None)[-1].period == Period(
        date(2016, 10, 11), date(2016, 10, 13), "text year"
    )


def test_past_span_is_anchored_to_the_sentences_own_date():
    text = "On 3 March, 500 people fled over the past 24 hours."
    [_day, span] = find_dates(text, THU)
    assert span.period == Period(date(2019, 3, 2), date(2019, 3, 3), "relative")
    assert resolve("over the past 24 hours", THU) == Period(date(2019, 3, 6), THU, "relative")


def test_the_next_day_follows_the_date_before_it():
    text = "The assault began on 14 May 2016. The next day the town fell."
    assert find_dates(text, None)[-1].period == Period(
        date(2016, 5, 15), date(2016, 5, 15), "relative"
    )


def test_a_heading_year_dates_its_section():
    """A heading naming a year is nearer than a month dated in the section before it."""
    text = "2040\n\nPosts opened in October 2040.\n\n2041\n\nOn 6 February a post was hit."
    assert find_dates(text, None)[-1].period == Period(
        date(2041, 2, 6), date(2041, 2, 6), "text year"
    )


def test_a_range_spanning_years_puts_the_date_inside_it():
    text = "Advances (27 September 2040–25 January 2041)\n\nOn 2 November the line moved."
    assert find_dates(text, None)[-1].period.start == date(2040, 11, 2)


def test_a_narrative_moves_into_the_next_year():
    text = "In November 2040 the front held. In January a new assault began."
    [_november, january] = find_dates(text, None)
    assert (january.period.start, january.period.end) == (date(2041, 1, 1), date(2041, 1, 31))
    text = "On 5 March 2040 rebels attacked. On 15 October they took the base."
    assert find_dates(text, None)[-1].period.start == date(2040, 10, 15)


def test_month_first_and_cross_month_day_ranges():
    assert resolve("on March 1 and 2", THU) == Period(
        date(2019, 3, 1), date(2019, 3, 2), "relative"
    )
    assert resolve("May 5–9, 2016", THU) == Period(date(2016, 5, 5), date(2016, 5, 9), "stated")
    assert resolve("between 26 February and 4 March", THU) == Period(
        date(2019, 2, 26), date(2019, 3, 4), "relative"
    )
    assert resolve("from 28 December to 3 January 2016", None) == Period(
        date(2015, 12, 28), date(2016, 1, 3), "stated"
    )
    text = "In June 2041 the siege tightened. On June 16 and 17 the walls were shelled."
    assert find_dates(text, None)[-1].period == Period(
        date(2041, 6, 16), date(2041, 6, 17), "text year"
    )


def test_a_month_recalled_inside_a_sentence_does_not_set_the_year():
    text = (
        "On 3 April 2041 the offensive began. Prisoners taken in an earlier raid in March 2040 "
        "were freed. On 9 April the town fell."
    )
    assert find_dates(text, None)[-1].period.start == date(2041, 4, 9)
    text = "On 3 April 2041 the offensive began. In March 2040, a raid failed. On 9 April it fell."
    assert find_dates(text, None)[-1].period.start == date(2040, 4, 9)


def test_early_mid_and_late_month_are_thirds_of_it():
    assert resolve("in early June 2016", None) == Period(
        date(2016, 6, 1), date(2016, 6, 10), "stated"
    )
    assert resolve("mid-May 2016", THU) == Period(date(2016, 5, 10), date(2016, 5, 20), "stated")
    assert resolve("late February 2016", None) == Period(
        date(2016, 2, 20), date(2016, 2, 29), "stated"
    )
    assert resolve("by late February", THU) == Period(
        date(2019, 2, 20), date(2019, 2, 28), "relative"
    )


@pytest.mark.parametrize(
    ("words", "start", "end"),
    [
        ("in early 2031", date(2031, 1, 1), date(2031, 4, 30)),
        ("mid-2031", date(2031, 5, 1), date(2031, 8, 31)),
        ("by late 2031", date(2031, 9, 1), date(2031, 12, 31)),
    ],
)
def test_early_mid_and_late_year_are_thirds_of_it(words, start, end):
    assert resolve(f"The dam held until {words}.", None) == Period(start, end, "stated")


@pytest.mark.parametrize(
    ("words", "start", "end"),
    [
        ("the first week of June 2031", date(2031, 6, 1), date(2031, 6, 7)),
        ("the last week of June 2031", date(2031, 6, 24), date(2031, 6, 30)),
        ("the second half of June 2031", date(2031, 6, 16), date(2031, 6, 30)),
        ("the last days of June 2031", date(2031, 6, 20), date(2031, 6, 30)),
        ("the first days of June 2031", date(2031, 6, 1), date(2031, 6, 10)),
    ],
)
def test_parts_of_a_month_a_phrase_names(words, start, end):
    assert resolve(f"The dam held during {words}.", None) == Period(start, end, "stated")


@pytest.mark.parametrize(
    ("text", "published", "start", "end"),
    [
        # whole days ending on the printed day (from publication, see the table above: +1 day)
        ("On 6 March, the dead from the previous two days of fighting were buried.", THU,
         date(2019, 3, 5), date(2019, 3, 6)),
        # from a printed span, its first day is the last of the days counted back
        ("During the night of 20 and 21 May 2031, 70 died over the previous three days.", None,
         date(2031, 5, 18), date(2031, 5, 21)),
    ],
)  # fmt: skip
def test_past_days_from_a_printed_day_are_whole_days_ending_on_it(text, published, start, end):
    assert find_dates(text, published)[-1].period == Period(start, end, "relative")


def test_the_end_of_a_year_or_month_is_its_last_day():
    assert resolve("By the end of 2016", None) == Period(
        date(2016, 12, 31), date(2016, 12, 31), "stated"
    )
    assert resolve("at the end of February 2016", THU) == Period(
        date(2016, 2, 29), date(2016, 2, 29), "stated"
    )
    text = "In May 2041 the siege began. By the end of June, the town was held."
    assert find_dates(text, None)[-1].period == Period(
        date(2041, 6, 30), date(2041, 6, 30), "text year"
    )


def test_overnight_is_the_night_after_the_sentences_day():
    text = "In May 2041 the siege began. On 26 May, fighting went on overnight."
    assert find_dates(text, None)[-1].period == Period(
        date(2041, 5, 26), date(2041, 5, 27), "relative"
    )
    assert resolve("Fighting went on overnight.", THU) == Period(THU, THU, "relative")
    text = "In May 2041 the siege began. Overnight between 11 and 12 May, jets struck."
    assert find_dates(text, None)[-1].period == Period(
        date(2041, 5, 11), date(2041, 5, 12), "text year"
    )


def test_after_days_of_fighting_runs_on_from_the_date_before_it():
    text = "Raiders reached Orwen on 4 June 2031. After six days of combat, the town fell."
    [_, after] = find_dates(text, None)
    assert after.text == "After six days of combat"
    assert (after.period.start, after.period.end) == (date(2031, 6, 4), date(2031, 6, 10))


def test_after_days_of_fighting_is_background_to_a_date_of_its_own_sentence():
    text = "The town fell on 10 June 2031 after four days of clashes."
    assert [d.text for d in find_dates(text, None)] == ["10 June 2031"]


def test_days_later_earlier_and_the_next_days_count_from_the_date_before_them():
    text = (
        "On 8 March 2031, rebels attacked. Two days later, the town fell. "
        "Over the next three days, people fled. A week earlier, the roads had closed."
    )
    periods = [(d.text, d.period.start, d.period.end) for d in find_dates(text, None)]
    assert periods[1:] == [
        ("Two days later", date(2031, 3, 10), date(2031, 3, 10)),
        ("Over the next three days", date(2031, 3, 11), date(2031, 3, 13)),  # after the 10th
        ("A week earlier", date(2031, 3, 3), date(2031, 3, 3)),
    ]


def test_the_next_morning_is_the_next_day_and_a_day_done_by_does_not_move_the_story():
    text = (
        "On 8 March 2031, rebels stormed the depot. Early the next morning, the gate fell. "
        "Later that day, the guards left."
    )
    assert [d.period.start for d in find_dates(text, None)][1:] == [
        date(2031, 3, 9),
        date(2031, 3, 9),
    ]
    text = (
        "On 8 March 2031, rebels took two farms, which were lost by the following morning. "
        "The same day, the depot was shelled."
    )
    assert [d.period.start for d in find_dates(text, None)][1:] == [
        date(2031, 3, 9),
        date(2031, 3, 8),  # the story stays on the 8th
    ]


def test_the_day_before_and_the_following_week_count_from_the_date_before_them():
    text = (
        "On 9 March 2031, the town fell; the day before, it was shelled. "
        "The following week, it was calm."
    )
    periods = [(d.text, d.period.start, d.period.end) for d in find_dates(text, None)]
    assert periods[1:] == [
        ("the day before", date(2031, 3, 8), date(2031, 3, 8)),
        ("The following week", date(2031, 3, 10), date(2031, 3, 16)),
    ]


@pytest.mark.parametrize(
    ("rest", "start", "end"),
    [
        ("throughout the rest of March", date(2031, 3, 24), date(2031, 3, 31)),
        ("for the rest of the month", date(2031, 3, 24), date(2031, 3, 31)),
        ("for the rest of the week", date(2031, 3, 24), date(2031, 3, 30)),
        ("for the rest of the year", date(2031, 3, 24), date(2031, 12, 31)),
        ("during the rest of April", date(2031, 4, 1), date(2031, 4, 30)),
    ],
)
def test_the_rest_of_a_month_runs_from_the_date_before_it_to_its_end(rest, start, end):
    text = f"On 24 March 2031, the militia took the ridge. Skirmishes went on {rest}."
    assert find_dates(text, None)[-1].period == Period(start, end, "relative")


def test_since_then_runs_from_the_date_before_it_to_publication_and_needs_it():
    text = "On 28 December, the dam burst. Since then, the valley has emptied."
    assert find_dates(text, date(2031, 3, 7))[-1].period == Period(
        date(2030, 12, 28), date(2031, 3, 7), "relative"
    )
    undated = "On 28 December 2030, the dam burst. Since then, the valley has emptied."
    assert [d.text for d in find_dates(undated, None)] == ["28 December 2030"]


def test_the_next_day_follows_the_story_not_a_date_recalled_in_passing():
    text = (
        "On 8 October 2031, rebels stormed Orwen, which they had held on 10 June and lost in "
        "August. By the next day, they held the square."
    )
    assert find_dates(text, None)[-1].period == Period(
        date(2031, 10, 9), date(2031, 10, 9), "relative"
    )
    text = (
        "On 22 February 2031, a truce was announced. On 19 February, guns shelled the ridge. "
        "Over the previous two days, 40 people had fled."
    )
    assert find_dates(text, None)[-1].period == Period(
        date(2031, 2, 18), date(2031, 2, 19), "relative"
    )  # a date opening its sentence moves the story, back as well
    text = (
        "On 13 April 2031, raiders came, though their assault had been planned for April 2031. "
        "The same day, the dam fell."
    )
    assert find_dates(text, None)[-1].period.start == date(2031, 4, 13)  # not 30 April


@pytest.mark.parametrize(
    ("words", "start", "end"),
    [
        ("That month", date(2031, 5, 1), date(2031, 5, 31)),
        ("Later that month", date(2031, 5, 15), date(2031, 5, 31)),
        ("Earlier that year", date(2031, 1, 1), date(2031, 5, 13)),
        ("In the same week", date(2031, 5, 12), date(2031, 5, 18)),
        ("By the end of the month", date(2031, 5, 31), date(2031, 5, 31)),
        ("The following month", date(2031, 6, 1), date(2031, 6, 30)),
        ("The previous year", date(2030, 1, 1), date(2030, 12, 31)),
        ("The previous week", date(2031, 5, 7), date(2031, 5, 13)),
        ("Six months later", date(2031, 11, 1), date(2031, 11, 30)),
        ("A year earlier", date(2030, 1, 1), date(2030, 12, 31)),
        ("Two hours later", date(2031, 5, 14), date(2031, 5, 14)),
        ("In the following days", date(2031, 5, 15), date(2031, 5, 21)),
    ],
)
def test_that_month_and_months_years_hours_later_count_from_the_story_date(words, start, end):
    text = f"On 14 May 2031, the bridge fell. {words}, the valley emptied."
    assert find_dates(text, None)[-1].period == Period(start, end, "relative")


def test_a_glimpse_a_year_ahead_does_not_move_the_story():
    text = "On 14 May 2031, the bridge fell; a year later, it was rebuilt. The next day, x."
    assert find_dates(text, None)[-1].period.start == date(2031, 5, 15)


def test_the_start_a_total_counts_from_does_not_date_the_story():
    text = (
        "By 3 May 2041, 900 raiders had been killed since 12 October 2040. "
        "On 4 May, the last post fell."
    )
    assert find_dates(text, None)[-1].period == Period(
        date(2041, 5, 4), date(2041, 5, 4), "text year"
    )


def test_the_same_day_and_a_day_of_the_month_follow_the_date_before_them():
    text = (
        "On 24 May 2031, rebels attacked the base. The next day, car bombs went off. "
        "Later that day, the gate fell. The following day, the hill was taken; "
        "two rebels had died at the gate on the 25th. An attack on the 3rd Brigade failed."
    )
    periods = [(d.text, d.period.start) for d in find_dates(text, None)]
    assert periods[1:] == [
        ("The next day", date(2031, 5, 25)),
        ("that day", date(2031, 5, 25)),
        ("The following day", date(2031, 5, 26)),
        ("on the 25th", date(2031, 5, 25)),
    ]


def test_a_yearless_date_in_the_months_the_title_names_takes_the_titles_year():
    text = (
        "Kelby offensive (May 2031)\n\nThe offensive began on 12 May 2031.\n\n"
        "Aftermath\n\nThe town was retaken on 27 March 2032.\n\n"
        "Executions\n\nDuring the offensive, raiders shot 20 men on 14 May. "
        "On 2 April, a memorial opened."
    )
    periods = [d.period.start for d in find_dates(text, None)]
    assert periods[-2:] == [date(2031, 5, 14), date(2032, 4, 2)]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("The siege lasted from 20 November 2022 to 15 February 2023.",
         date(2022, 11, 20), date(2023, 2, 15)),
        ("From April 2023 to June 2024 the town was quiet.", date(2023, 4, 1), date(2024, 6, 30)),
        ("The siege (27 September 2031–25 January 2032) ended.",
         date(2031, 9, 27), date(2032, 1, 25)),
        ("On 10 November 2022, raiders came. Between December and February, 40 died.",
         date(2022, 12, 1), date(2023, 2, 28)),
        ("In March and April 2031, the roads were mined.", date(2031, 3, 1), date(2031, 4, 30)),
        ("On 3 November 2031, raiders came. In December and January, 40 died.",
         date(2031, 12, 1), date(2032, 1, 31)),
    ],
)  # fmt: skip
def test_ranges_whose_ends_print_their_own_months_or_years(text, start, end):
    assert find_dates(text, None)[-1].period.start == start
    assert find_dates(text, None)[-1].period.end == end
    listed = find_dates("Shelling on 28 February and 6 March 2031 killed 9.", None)
    assert [d.period.start for d in listed] == [date(2031, 2, 28), date(2031, 3, 6)]


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("From 2034 through 2036, 5,000 children died.", date(2034, 1, 1), date(2036, 12, 31)),
        ("Between 2031 and 2033, 900 died.", date(2031, 1, 1), date(2033, 12, 31)),
        ("In 2034–36 the town was held.", date(2034, 1, 1), date(2036, 12, 31)),
        ("In 2035, 300 civilians were killed.", date(2035, 1, 1), date(2035, 12, 31)),
    ],
)
def test_years_and_ranges_of_years(text, start, end):
    assert find_dates(text, None)[0].period == Period(start, end, "stated")
    assert find_dates("Some 1,500–2,000 fighters and 2000 to 2500 men.", None) == []


def test_two_months_apart_joined_by_and_stay_two_dates():
    text = "Raiders attacked in March and May 2031."
    assert [d.text for d in find_dates(text, None)] == ["in March", "May 2031"]


def test_the_14th_of_june_is_that_day():
    text = "On 3 June 2031, the dam held. Also on the 14th of June, the bridge fell."
    assert find_dates(text, None)[-1].period == Period(
        date(2031, 6, 14), date(2031, 6, 14), "text year"
    )
    assert resolve("on the 1st of May 2030", None) == Period(
        date(2030, 5, 1), date(2030, 5, 1), "stated"
    )


def test_an_abbreviated_month_alone_is_a_name():
    text = "On 23 October 2031, strikes on Mar Shamsheh and Jan Kalay killed 20; on Dec. 2, 9 died."
    periods = [(d.text, d.period.start) for d in find_dates(text, None)]
    assert periods == [("23 October 2031", date(2031, 10, 23)), ("on Dec. 2", date(2031, 12, 2))]


def test_skipping_rules_whose_words_a_text_lacks_finds_every_match():
    """geo.dates._matches skips a rule when the text holds none of its words (_NEEDED)."""
    from geo.dates import _NEEDED, RULES, _matches

    text = (
        "Over the  past\\nfour days, two days later, the day\\nbefore, last weekend, on Monday, "
        "three weeks ago, the following week, overnight, yesterday, since the start of the "
        "month, in the summer of 2031, by the end of 2031, in recent days, after six days of "
        "fighting, over the next three days, this week, since December 2030."
    )
    every = sorted(
        (m.span(), rank) for rank, (_n, p, _r) in enumerate(RULES) for m in p.finditer(text)
    )
    assert sorted((m.span(), rank) for m, rank, _r in _matches(text)) == every
    assert set(_NEEDED) <= {name for name, _p, _r in RULES}
