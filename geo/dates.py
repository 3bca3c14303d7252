"""Dates in articles: explicit and relative expressions -> a Period, against the publication date.

News reports date their claims with words that only make sense next to the day
the report appeared ("on Thursday", "over the past four days", "since
December").  :func:`find_dates` finds such expressions and resolves each to the
days it covers.  dateparser does what it already does well (explicit dates such
as "Dec. 10" or "May 21, 2015", "last month", "four days ago"); a few small,
documented rules cover the news idioms it does not:

==================================  ==================================================
expression                          period (P = publication date)
==================================  ==================================================
"on Thursday", "Saturday"           the most recent such day on or before P
"last Thursday"                     the most recent such day strictly before P
"between Friday and Sunday"         the latest such days ending on or before P
"today", "tonight", "this morning"  P
"yesterday", "last night"           P - 1 day
"over the weekend", "last weekend"  the latest Saturday-Sunday begun by P
"over the past four days"           P - 4 days .. P; from a day A the text prints
                                    (the sentence's own date if it has one, else,
                                    undated, the last date before it) whole days
                                    ending on A: A - 3 days .. A (week = 7, fortnight = 14,
                                    month = 30, year = 365
                                    days, hours rounded up to days; "and a half" adds
                                    half a unit, rounded up:
                                    "the previous week and a half" = P - 11 days .. P)
"the next/following day", "early    the day after the last date printed before it
the next morning", "the following
night"
"the same day", "later that day",   the day of the last date printed before it
"during the night"
"on the 25th"                       that day of the month of the last date before it
"it comes a week after 44 were      that many days before the sentence's own date, else
killed" ("came two days before")    publication, else the story's day (after it)
"two days later", "a week earlier"  that many days after / before the last date
                                    printed before it (explicit, or one of these
                                    that moved the story on: "The next day ...
                                    the following day", "two days later")
"over the next three days"          the three days after that date
"the day before", "the previous     the day before / the seven days after that date
day", "the following week"          ("the previous week": the seven before); "the
                                    following month / year": the calendar one after
"in the following days / weeks"     the 7 / 21 days after that date
"six months later", "a year         that whole month / year
earlier"
"hours later"                       the day of that date
"the rest of January / the month"   from that date to the end of its month (week, year)
"that month", "the same year"       the month (week, year) of that date; "later that month"
                                    from the day after it, "earlier that year" up to the day
                                    before; "by the end of the month" its last day
"after six days of combat"          D .. D + 6 days, D the last date printed before it
                                    (none after a date of its own sentence: "fell
                                    on D after six days of combat" is D's background)
"overnight"                         A .. A + 1 day, A as for "over the past four days"
                                    (ending on P: P)
"in recent days/weeks/months"       P - 7 / 21 / 90 days .. P
"since December"                    the latest 1 December on or before P .. P
"since 2016", "since May 21, 2015"  that day (1 January for a year) .. P
"since the start of the month"      the first day of this week/month/year .. P
"since then"                        the last date printed before it .. P (none without P)
"last week/month/year"              the previous calendar week (Mon..Sun), month, year
"this/earlier this week/month/yr"   the first day of the current week/month/year .. P
"in the summer of 2017"             meteorological seasons: spring Mar-May, summer
                                    Jun-Aug, autumn/fall Sep-Nov, winter Dec-Feb
"May 21, 2015", "November 2015"     that day / the whole month (basis "stated")
"between 5 and 9 March", "11–13     the first day .. the last
October 2016", "December 16 and 17",
"between 28 February and 6 March",
"24 February – 2 April 2022"
"from November 2022 to February     the first month's first day .. the last month's
2023", "between April and June",    last day
"November–December 2016", "in
March and April 2021" (months in a row)
"Dec. 10", "in December", "the      that day / month in the latest year not after P
14th of June"
"early/mid/late June"               days 1-10 / 10-20 / 20-end of that month ("the first
                                    days" / "the last days of June" too); "the first week
                                    of March" 1-7, "the last week" its last 7 days, "the
                                    first / second half" 1-15 / 16-end
"early/mid/late 2016"               January-April / May-August / September-December
"by the end of 2022 / of March"     the last day of that year / month
"in 2016"                           the whole year
"from 2014 through 2019", "in       1 January of the first .. 31 December of the last
2014–16", "between 2012 and 2016"
==================================  ==================================================

Without a publication date (archives, encyclopaedia texts) expressions that
state their own year resolve, a yearless "On 5 March" takes the year of the
nearest date or heading printed with a year before it (else the year of the
lead: "In March 2022 ... On 5 March" = 2022-03-05, basis "text year"; see
:func:`text_anchor` for ranges and the turn of the year), and the others give
no period (never a guess).
Expressions pointing after the publication date ("next week") give no period,
and periods running past it ("in March" in a report of 7 March) end on it: a
report's figures describe what has happened.  Impossible dates ("February 30")
and spans longer than a century ("over the past 5000 years") are ignored: an
article is never refused for a date expression.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from calendar import monthrange
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

import dateparser

STATED = "stated"
RELATIVE = "relative"
PUBLICATION = "publication"
TEXT_YEAR = "text year"


@dataclass(frozen=True)
class Period:
    """The days a statement applies to, and how they were found.

    ``basis`` is "stated" (an explicit date in the text), "relative" (an
    expression such as "on Thursday" or "over the past four days" resolved
    against the publication date), "text year" (a yearless date in a text with
    no publication date, given the year the text itself prints nearby) or
    "publication" (nothing in the text; the publication date is used).
    """

    start: date
    end: date
    basis: str

    def lies_in(self, outer: Period) -> bool:
        """Whether every day of this period is one of ``outer``'s."""
        return outer.start <= self.start and self.end <= outer.end


@dataclass(frozen=True)
class DateMention:
    """A span of text naming a time, and the period it resolves to."""

    text: str
    start: int
    end: int
    period: Period


def publication_period(published: date | None) -> Period | None:
    """The period of a claim whose text names no time: the publication day."""
    return None if published is None else Period(published, published, PUBLICATION)


_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_SMALL_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "few": 3,
    "several": 3, "couple of": 2,
}  # fmt: skip
_UNIT_DAYS = {"hour": 1 / 24, "day": 1, "week": 7, "fortnight": 14, "month": 30, "year": 365}
_LONGEST_SPAN_DAYS = 100 * 365  # longer "past N years" spans are history, not a claim's period
_RECENT_DAYS = {"days": 7, "weeks": 21, "months": 90}
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_DATEPARSER_LANGUAGES = ["en"]

_N = r"(?P<n>\d+|" + "|".join(sorted(_SMALL_NUMBERS, key=len, reverse=True)) + r")"


def _parse(text: str, published: date | None) -> date | None:
    """dateparser, anchored on the publication day and preferring the past."""
    settings = {"PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"}
    if published is not None:
        settings["RELATIVE_BASE"] = datetime(published.year, published.month, published.day)
    parsed = dateparser.parse(text, languages=_DATEPARSER_LANGUAGES, settings=settings)
    return parsed.date() if parsed else None


def _not_future(period: Period | None, published: date | None) -> Period | None:
    """No period after publication; one running past it ends there ("in March" on 7 March)."""
    if period is None or published is None:
        return period
    if period.start > published:
        return None
    return Period(period.start, min(period.end, published), period.basis)


def _count(m: re.Match) -> int:
    """The number of units a relative date counts ("two days later", "the past 24 hours",
    "a week earlier": 1 when none is printed), in figures or words."""
    n = m["n"] or "1"
    return int(n) if n.isdigit() else _SMALL_NUMBERS[n.lower()]


def _past_span(m: re.Match, published: date | None) -> Period | None:
    if published is None:
        return None
    count = _count(m)
    days = _UNIT_DAYS[m["unit"].lower()] * (count + (0.5 if m["half"] else 0))
    if days > _LONGEST_SPAN_DAYS:  # "over the past 5000 years": not a period of the news
        return None
    return Period(published - timedelta(days=math.ceil(days)), published, RELATIVE)


def _past_days_of(m: re.Match, anchor: Period) -> Period | None:
    """'the previous two days' counted back from a time the text prints, not from publication.

    Counted back from the moment of publication, four days of 24 hours reach
    into a fifth calendar day (Thursday: Sunday .. Thursday).  From a day the
    text prints ("On 2 April, ... the previous two days of fighting"), whole
    days are meant and that day is the last of them (1 .. 2 April); from a
    printed span ("the night of 17 and 18 June ... the previous four days"),
    its first day is (14 .. 18 June).  Hours count as from a moment either way.
    """
    span = _past_span(m, anchor.start)
    if span is None:
        return None
    whole_days = m["unit"].lower() != "hour"
    start = span.start + timedelta(days=1) if whole_days else span.start
    return Period(start, anchor.end, RELATIVE)


def _recent(m: re.Match, published: date | None) -> Period | None:
    if published is None:
        return None
    days = _RECENT_DAYS[m["unit"].lower()]
    return Period(published - timedelta(days=days), published, RELATIVE)


def _since(m: re.Match, published: date | None) -> Period | None:
    """'since December': the latest such month start not after publication; to publication."""
    if published is None:
        return None
    when = m["when"] or m["year_only"]
    start = date(int(when), 1, 1) if when.isdigit() else _parse(when, published)
    if start is None or start > published:
        return None
    return Period(start, published, STATED if m["year"] or m["year_only"] else RELATIVE)


def _since_start(m: re.Match, published: date | None) -> Period | None:
    """'since the start of the month': the first day of the current month .. publication."""
    if published is None:
        return None
    return Period(_unit_start(published, m["unit"].lower()), published, RELATIVE)


def _calendar(m: re.Match, published: date | None) -> Period | None:
    """'last month', 'this week', 'earlier this year' as calendar units."""
    if published is None or m["which"].lower() == "next":
        return None
    unit = m["unit"].lower()
    if m["which"].lower() == "this":
        return Period(_unit_start(published, unit), published, RELATIVE)
    if unit == "month":
        start = _parse("last month", published) or published
        end = start.replace(day=monthrange(start.year, start.month)[1])
    elif unit == "week":
        start = _unit_start(published, unit) - timedelta(days=7)
        end = start + timedelta(days=6)
    else:
        start, end = date(published.year - 1, 1, 1), date(published.year - 1, 12, 31)
    return Period(start, end, RELATIVE)


def _unit_start(day: date, unit: str) -> date:
    if unit == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1) if unit == "month" else day.replace(month=1, day=1)


def _unit_end(day: date, unit: str) -> date:
    """The last day of the week (Sunday), month or year holding ``day``."""
    if unit == "week":
        return day + timedelta(days=6 - day.weekday())
    if unit == "month":
        return day.replace(day=monthrange(day.year, day.month)[1])
    return day.replace(month=12, day=31)


def _season(m: re.Match, published: date | None) -> Period | None:
    year, season = int(m["year"]), m["season"].lower()
    if season == "winter":
        return Period(date(year, 12, 1), date(year + 1, 3, 1) - timedelta(days=1), STATED)
    first, last = _SEASONS[season]
    return Period(date(year, first, 1), date(year, last, monthrange(year, last)[1]), STATED)


def _weekday(m: re.Match, published: date | None) -> Period | None:
    if published is None:
        return None
    back = (published.weekday() - _WEEKDAYS.index(m["day"])) % 7
    if back == 0 and m["last"]:
        back = 7
    day = published - timedelta(days=back)
    return Period(day, day, RELATIVE)


def _weekday_range(m: re.Match, published: date | None) -> Period | None:
    """'between Friday and Sunday': the latest such span ending on or before publication."""
    if published is None:
        return None
    end = published - timedelta(days=(published.weekday() - _WEEKDAYS.index(m["day"])) % 7)
    start = end - timedelta(days=(end.weekday() - _WEEKDAYS.index(m["first"])) % 7)
    return Period(start, end, RELATIVE)


def _deictic(m: re.Match, published: date | None) -> Period | None:
    if published is None:
        return None
    back = 1 if m[0].lower() in ("yesterday", "last night") else 0
    day = published - timedelta(days=back)
    return Period(day, day, RELATIVE)


def _weekend(m: re.Match, published: date | None) -> Period | None:
    """The latest Saturday-Sunday that has begun by publication."""
    if published is None:
        return None
    saturday = published - timedelta(days=(published.weekday() - 5) % 7)
    return Period(saturday, min(saturday + timedelta(days=1), published), RELATIVE)


def _ago(m: re.Match, published: date | None) -> Period | None:
    if published is None:
        return None
    day = _parse(m[0], published)
    return Period(day, day, RELATIVE) if day else None


_MONTH_NUMBER = {name[:3].lower(): i for i, name in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August", "September",
     "October", "November", "December"], start=1)}  # fmt: skip
_WHEN_RE = re.compile(
    r"(?P<d1>\d{1,2})?\s*(?P<month>[A-Za-z]+)\.?\s*(?:(?P<d2>\d{1,2})(?!\d))?\D*(?P<y>\d{4})?"
)


def _month_day(when: str, published: date | None) -> date | None:
    """'5 March', 'Dec. 10', 'May 21, 2015', 'November 2015' -> a day (the 1st for a month).

    Read directly rather than by dateparser: these forms are unambiguous, and
    the war corpus prints thousands of them.  Without a year, the latest such
    day not after publication; impossible days ("February 30") give None.
    """
    m = _WHEN_RE.match(when.strip())
    if m is None or m["month"][:3].lower() not in _MONTH_NUMBER:
        return None
    month, day = _MONTH_NUMBER[m["month"][:3].lower()], int(m["d1"] or m["d2"] or 1)
    year = int(m["y"]) if m["y"] else published.year
    try:
        found = date(year, month, day)
        if not m["y"] and found > published:
            found = date(year - 1, month, day)
    except ValueError:
        return None
    return found


def _explicit(m: re.Match, published: date | None) -> Period | None:
    """'Dec. 10', 'May 21, 2015', 'November 2015', 'in December': via dateparser."""
    if published is None and not m["year"]:
        return None
    day = _month_day(m["when"], published)
    if day is None:
        return None
    basis = STATED if m["year"] else RELATIVE
    if m["day"]:
        return Period(day, day, basis)
    return Period(day, day.replace(day=monthrange(day.year, day.month)[1]), basis)


def _ordinal_of_month(m: re.Match, published: date | None) -> Period | None:
    """'the 14th of June (2023)': that day, as '14 June'."""
    if published is None and not m["year"]:
        return None
    day = _month_day(f"{m['day']} {m['month']} {m['year'] or ''}", published)
    return None if day is None else Period(day, day, STATED if m["year"] else RELATIVE)


def _day_range(m: re.Match, published: date | None) -> Period | None:
    """'between 5 and 9 March', '11–13 October 2016': the first day .. the last."""
    last = _explicit(m, published)
    if last is None or int(m["first"]) > last.start.day:
        return None
    return Period(last.start.replace(day=int(m["first"])), last.end, last.basis)


def _month_first_range(m: re.Match, published: date | None) -> Period | None:
    """'December 16 and 17', 'May 5–9, 2016': the first day .. the last."""
    if published is None and not m["year"]:
        return None
    last = _month_day(f"{m['month']} {m['day']} {m['year'] or ''}", published)
    if last is None or int(m["first"]) > last.day:
        return None
    basis = STATED if m["year"] else RELATIVE
    return Period(last.replace(day=int(m["first"])), last, basis)


def _cross_month_range(m: re.Match, published: date | None) -> Period | None:
    """'between 28 February and 6 March', '28 December to 3 January', 'from 20 November 2022
    to 15 February 2023': the first day .. the last."""
    last = _explicit(m, published)
    return None if last is None else _from(m, last, published)


def _month_range(m: re.Match, published: date | None) -> Period | None:
    """'between April and June 2016', 'from November 2022 to February 2023': the first month's
    first day .. the last month's last day."""
    if published is None and not m["year"]:
        return None
    month = _month_day(m["when"], published)
    if month is None:
        return None
    last = Period(month, month.replace(day=monthrange(month.year, month.month)[1]), STATED)
    return _from(m, last if m["year"] else Period(last.start, last.end, RELATIVE), published)


def _month_pair(m: re.Match, published: date | None) -> Period | None:
    """'in March and April 2021', 'December and January': two months in a row are one span;
    two apart ('in March and May') stay two dates."""
    span = _month_range(m, published)
    if span is None:
        return None
    months = (span.end.year - span.start.year) * 12 + span.end.month - span.start.month
    return span if months == 1 else None


def _from(m: re.Match, last: Period, published: date | None) -> Period | None:
    """From the range's first day (``m["from"]``, in ``last``'s year unless it prints its own,
    and in the year before when it would fall after ``last``) to ``last``'s end."""
    if m.groupdict().get("from_year"):  # "March and April 2021" prints no first year
        first = _month_day(m["from"], published)
    else:
        first = _month_day(f"{m['from']} {last.start.year}", published)
        first = first.replace(year=first.year - 1) if first and first > last.start else first
    return None if first is None or first > last.start else Period(first, last.end, last.basis)


_PART_DAYS = {"early": (1, 10), "mid": (10, 20), "late": (20, 31)}


def _part_of_month(m: re.Match, published: date | None) -> Period | None:
    """'early June' = 1..10, 'mid-May' = 10..20, 'late March' = 20..the month's end."""
    month = _explicit(m, published)
    if month is None or m["day"]:
        return month
    first, last = _PART_DAYS[m["part"].lower()]
    end = min(last, month.end.day)
    return Period(month.start.replace(day=first), month.start.replace(day=end), month.basis)


#: Days of a month a phrase names: (first, last), counted from the month's end when not above 0.
_MONTH_PARTS = {"first week": (1, 7), "last week": (-6, 0), "final week": (-6, 0),
                "first half": (1, 15), "second half": (16, 0), "first days": (1, 10),
                "opening days": (1, 10), "last days": (20, 0), "final days": (20, 0),
                "closing days": (20, 0)}  # fmt: skip


def _part_of_month_phrase(m: re.Match, published: date | None) -> Period | None:
    """'the first week of March' = 1..7, 'the last days of May' = 20..31 (as 'late May'),
    'the second half of June' = 16..30, 'the last week of December' = 25..31."""
    part = _MONTH_PARTS.get(" ".join(m["phrase"].lower().split()))
    month = _explicit(m, published)
    if part is None or month is None or m["day"]:
        return None
    days = [month.end.day + n if n <= 0 else n for n in part]
    return Period(month.start.replace(day=days[0]), month.start.replace(day=days[1]), month.basis)


def _end_of(m: re.Match, published: date | None) -> Period | None:
    """'by the end of 2022', 'at the end of March 2016': the last day of that year or month."""
    if m["year_only"]:
        day = date(int(m["year_only"]), 12, 31)
        return Period(day, day, STATED)
    month = _explicit(m, published)
    return None if month is None else Period(month.end, month.end, month.basis)


def _overnight(m: re.Match, anchor: date | None) -> Period | None:
    """'overnight': the night after the sentence's day (publication: that day only)."""
    if anchor is None:
        return None
    return Period(anchor, anchor + timedelta(days=1), RELATIVE)


def _next_day(m: re.Match, anchor: date | None) -> Period | None:
    """'the next day', 'the following morning': the day after the date before it."""
    if anchor is None:
        return None
    day = anchor + timedelta(days=1)
    return Period(day, day, RELATIVE)


def _same_day(m: re.Match, anchor: date | None) -> Period | None:
    """'the same day', 'later that day', 'during the night': the day of the date before it."""
    return None if anchor is None else Period(anchor, anchor, RELATIVE)


def _day_of_month(m: re.Match, anchor: date | None) -> Period | None:
    """'on the 25th': that day of the month of the date before it."""
    if anchor is None:
        return None
    try:
        day = anchor.replace(day=int(m["n"]))
    except ValueError:
        return None
    return Period(day, day, RELATIVE)


def _days_from(m: re.Match) -> timedelta:
    count = _count(m)
    return timedelta(days=math.ceil(_UNIT_DAYS[m["unit"].lower()] * count))


def _day_before(m: re.Match, anchor: date | None) -> Period | None:
    """'the day before', 'the previous day': the day before the date before it."""
    if anchor is None:
        return None
    day = anchor - timedelta(days=1)
    return Period(day, day, RELATIVE)


def _adjacent_unit(m: re.Match, anchor: date | None) -> Period | None:
    """'the following week': the seven days after the date before it ('the previous week' the
    seven before); 'the following month / year': the calendar month / year after its own
    ('the previous month' the one before)."""
    if anchor is None:
        return None
    later = m["dir"].lower() in ("following", "next", "subsequent")
    unit = m["unit"].lower()
    if unit == "week":
        step = timedelta(days=1 if later else -7)
        return Period(anchor + step, anchor + step + timedelta(days=6), RELATIVE)
    if later:
        start = _unit_end(anchor, unit) + timedelta(days=1)
    else:
        start = _unit_start(_unit_start(anchor, unit) - timedelta(days=1), unit)
    return Period(start, _unit_end(start, unit), RELATIVE)


def _following(m: re.Match, anchor: date | None) -> Period | None:
    """'in the following days / weeks / months': from the day after the date before it, 7 /
    21 / 90 days on (as 'in recent days' counts back)."""
    if anchor is None:
        return None
    days = _RECENT_DAYS[m["unit"].lower()]
    return Period(anchor + timedelta(days=1), anchor + timedelta(days=days), RELATIVE)


def _days_later(m: re.Match, anchor: date | None) -> Period | None:
    """'two days later' / 'a week earlier': that many days after / before the date before it;
    'six months later' / 'a year earlier': that whole month / year (the day is not told)."""
    if anchor is None:
        return None
    sign = -1 if m["dir"].lower() == "earlier" else 1
    unit = m["unit"].lower()
    if unit in ("month", "year"):
        count = _count(m)
        index = anchor.year * 12 + anchor.month - 1 + sign * count * (12 if unit == "year" else 1)
        start = date(index // 12, index % 12 + 1, 1)
        return Period(_unit_start(start, unit), _unit_end(start, unit), RELATIVE)
    day = anchor + _days_from(m) * sign
    return Period(day, day, RELATIVE)


def _came_after(m: re.Match, anchor: date | None) -> Period | None:
    """'It comes a week after 44 people were killed': what follows happened that long before
    the story's day ("came two days before": after it)."""
    if anchor is None:
        return None
    day = anchor + _days_from(m) * (-1 if m["dir"].lower() == "after" else 1)
    return Period(day, day, RELATIVE)


def _next_span(m: re.Match, anchor: date | None) -> Period | None:
    """'over the next three days': the days after the date before it."""
    if anchor is None:
        return None
    return Period(anchor + timedelta(days=1), anchor + _days_from(m), RELATIVE)


def _after_span(m: re.Match, anchor: date | None) -> Period | None:
    """'after six days of combat': from the date before it to that many days later."""
    if anchor is None:
        return None
    count = _count(m)
    days = _UNIT_DAYS[m["unit"].lower()] * count
    if days > _LONGEST_SPAN_DAYS:
        return None
    return Period(anchor, anchor + timedelta(days=math.ceil(days)), RELATIVE)


def _rest_of(m: re.Match, anchor: date | None) -> Period | None:
    """'throughout the rest of January', 'for the rest of the month': from the date before it
    to the end of its month (week, year); a month other than the anchor's is that whole month
    of the anchor's year ("On 28 February ... the rest of March")."""
    if anchor is None:
        return None
    if m["unit"]:
        return Period(anchor, _unit_end(anchor, m["unit"].lower()), RELATIVE)
    month = _month_day(m["when"], date(anchor.year, 12, 31))
    if month is None:
        return None
    start = anchor if (month.year, month.month) == (anchor.year, anchor.month) else month
    return Period(start, _unit_end(month, "month"), RELATIVE)


def _story_unit(m: re.Match, anchor: date | None) -> Period | None:
    """'that month', 'the same year': the week, month or year of the date before it; 'later
    that month' from the day after it to the end, 'earlier that year' from the start to the
    day before; 'by the end of the month' its last day."""
    if anchor is None:
        return None
    unit, when = m["unit"].lower(), (m["when"] or "").lower()
    start, end = _unit_start(anchor, unit), _unit_end(anchor, unit)
    if when == "later":
        start = anchor + timedelta(days=1)
    elif when == "earlier":
        end = anchor - timedelta(days=1)
    elif m["end"]:
        start = end
    return Period(start, end, RELATIVE) if start <= end else None


def _since_then(m: re.Match, anchor: date | None) -> Period | None:
    """'since then': from the date before it on, to publication (clipped by :func:`_not_future`);
    a text with no publication date does not say how far, so it gives no period."""
    return None if anchor is None else Period(anchor, date.max, RELATIVE)


_PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}


def _part_of_year(m: re.Match, published: date | None) -> Period | None:
    """'early 2016' = January-April, 'mid-2016' = May-August, 'late 2016' = September-December:
    thirds of the year, as 'early June' is a third of the month."""
    year = int(m["year"])
    first, last = _PART_MONTHS[m["part"].lower()]
    return Period(date(year, first, 1), date(year, last, monthrange(year, last)[1]), STATED)


def _year(m: re.Match, published: date | None) -> Period | None:
    year = int(m["year"])
    return Period(date(year, 1, 1), date(year, 12, 31), STATED)


def _year_range(m: re.Match, published: date | None) -> Period | None:
    """'from 2014 through 2019', 'between 2012 and 2016', 'in 2014–16': 1 January .. 31 December."""
    first, last = int(m["first"] or m["first2"]), int(m["year"])
    last = last if last >= 100 else first // 100 * 100 + last  # "2014–16"
    if not first < last <= first + 100:
        return None
    return Period(date(first, 1, 1), date(last, 12, 31), STATED)


_Resolver = Callable[[re.Match, "date | None"], "Period | None"]
_DATE = rf"(?P<when>{_MONTHS}(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?)?(?:,?\s+(?P<year>\d{{4}}))?)"
_DAY_FIRST = rf"(?P<when>(?P<day>\d{{1,2}})\s+{_MONTHS}(?:,?\s+(?P<year>\d{{4}}))?)"

# The resolution chain, in order: at each position the first rule that matches wins.
RULES: list[tuple[str, re.Pattern, _Resolver]] = [
    ("past span", re.compile(
        r"\b(?:over|in|during|for|from|within|throughout)\s+the\s+(?:past|last|previous|preceding)\s+"
        rf"(?:{_N}\s+)?(?P<unit>hour|day|week|fortnight|month|year)s?(?P<half>\s+and\s+a\s+half)?\b",
        re.I),
     _past_span),
    ("next day", re.compile(
        r"\b(?:the\s+)?(?:next|following)\s+(?:day|morning|afternoon|evening|night)\b"
        r"|\bthe\s+day\s+after\b", re.I), _next_day),
    ("same day", re.compile(
        r"\b(?:that|the\s+same)\s+(?:day|night|morning|afternoon|evening)\b(?!\s+(?:as|of)\b)"
        r"|\bduring\s+the\s+(?:day|night)\b(?!\s+(?:of|before|after)\b)"
        r"|\b(?:hour|minute|moment)s?\s+later\b", re.I), _same_day),  # "(two) hours later"
    ("day of month", re.compile(
        r"\bon\s+the\s+(?P<n>\d{1,2})(?:st|nd|rd|th)(?=\s*[,.;:)]|\s+and\b)"), _day_of_month),
    ("recent", re.compile(
        r"\b(?:in|over|during)\s+(?:the\s+)?(?:recent|past\s+few|last\s+few)\s+"
        r"(?P<unit>days|weeks|months)\b", re.I), _recent),
    ("season", re.compile(
        r"\b(?:in\s+)?(?:the\s+)?(?P<season>summer|spring|autumn|fall|winter)\s+(?:of\s+)?"
        r"(?P<year>(?:19|20)\d\d)\b", re.I), _season),
    ("end of", re.compile(
        rf"\b(?:by|at|until)\s+the\s+end\s+of\s+(?:{_DATE}(?![\w-])|(?P<year_only>(?:19|20)\d\d)\b)",
        re.I), _end_of),
    ("since", re.compile(rf"\bsince\s+(?:{_DATE}|(?P<year_only>(?:19|20)\d\d)\b)"), _since),
    ("since start", re.compile(
        r"\bsince\s+the\s+(?:start|beginning)\s+of\s+the\s+(?P<unit>week|month|year)\b", re.I),
     _since_start),
    ("since then", re.compile(r"\bsince\s+(?:then|that\s+(?:day|date|time))\b", re.I),
     _since_then),
    ("calendar", re.compile(
        r"\b(?:earlier\s+)?(?P<which>last|this|next)\s+(?P<unit>week|month|year)\b", re.I),
     _calendar),
    ("ago", re.compile(r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+"
                       r"(?:day|week|month|year)s?\s+ago\b", re.I), _ago),
    ("day before", re.compile(
        r"\bthe\s+(?:day\s+before|previous\s+day|preceding\s+day|day\s+earlier)\b"
        r"(?!\s+(?:the|a|an|its|their|his|her)\b)", re.I), _day_before),
    ("adjacent unit", re.compile(
        r"\bthe\s+(?P<dir>following|next|subsequent|previous|preceding)\s+(?P<unit>week|month|year)"
        r"\b", re.I), _adjacent_unit),
    ("following", re.compile(
        r"\b(?:in|over|during)\s+the\s+(?:following|next|subsequent|ensuing|coming)\s+"
        r"(?P<unit>days|weeks|months)\b", re.I), _following),
    ("days later", re.compile(
        rf"\b{_N}\s+(?P<unit>day|week|fortnight|month|year)s?\s+(?P<dir>later|earlier)\b", re.I),
     _days_later),
    ("came after", re.compile(
        rf"\b(?:came|comes|come)\s+{_N}\s+(?P<unit>day|week|fortnight|month)s?\s+"
        r"(?P<dir>after|before)\b", re.I), _came_after),
    ("next span", re.compile(
        rf"\b(?:over|during|in|for|within)\s+the\s+(?:next|following|subsequent)\s+{_N}\s+"
        r"(?P<unit>day|week|fortnight)s?\b", re.I), _next_span),
    ("story unit", re.compile(
        r"\b(?:(?P<when>later|earlier)\s+(?:that|the\s+same|in\s+the)"
        r"|(?:(?:in|during)\s+)?(?:that|the\s+same)"
        r"|(?P<end>(?:by|at|until)\s+the\s+end\s+of\s+the))\s+(?P<unit>week|month|year)\b", re.I),
     _story_unit),
    ("rest of", re.compile(
        rf"\b(?:(?:throughout|for|during|in|over)\s+)?the\s+rest\s+of\s+"
        rf"(?:the\s+(?P<unit>week|month|year)|(?P<when>{_MONTHS}))\b(?!\s+\d)", re.I), _rest_of),
    ("after span", re.compile(
        rf"\bafter\s+(?:{_N}\s+)(?P<unit>day|week)s?\s+of\s+(?:[\w-]+\s+)?(?:fighting|combat"
        r"|clashes|battle|siege|resistance|shelling|bombardment)\b", re.I), _after_span),
    ("overnight", re.compile(r"\bovernight\b(?!\s+(?:between|on|of|from|to)\b)", re.I),
     _overnight),
    ("deictic", re.compile(r"\b(?:today|tonight|yesterday|last night"
                           r"|this (?:morning|afternoon|evening))\b", re.I), _deictic),
    ("weekend", re.compile(
        r"\b(?:(?:over|during|at|on)\s+)?(?:the|this|this past|last)\s+weekend\b", re.I), _weekend),
    ("weekday range", re.compile(
        rf"\b(?:[Bb]etween|[Ff]rom)\s+(?P<first>{'|'.join(_WEEKDAYS)})\s+(?:and|to|until|through)\s+"
        rf"(?P<day>{'|'.join(_WEEKDAYS)})\b"), _weekday_range),
    ("weekday", re.compile(rf"\b(?P<last>last\s+)?(?P<day>{'|'.join(_WEEKDAYS)})\b"), _weekday),
    ("day range", re.compile(
        rf"\b(?:between\s+|from\s+)?(?P<first>\d{{1,2}})(?:st|nd|rd|th)?\s*(?:[-–]|to|and|until)\s*"
        rf"{_DAY_FIRST}\b", re.I), _day_range),
    ("cross-month range", re.compile(
        rf"\b(?:between|from)\s+(?P<from>\d{{1,2}}\s+{_MONTHS}(?:,?\s+(?P<from_year>\d{{4}}))?)"
        rf"\s*(?:[-–]|to|and|until)\s*{_DAY_FIRST}\b", re.I), _cross_month_range),
    ("dash range", re.compile(  # "24 February – 2 April 2022": "and" alone lists two days
        rf"\b(?P<from>\d{{1,2}}\s+{_MONTHS}(?:,?\s+(?P<from_year>\d{{4}}))?)\s*(?:[-–]|until)\s*"
        rf"{_DAY_FIRST}\b", re.I), _cross_month_range),
    ("month dash range", re.compile(  # "(November–December 2016)"
        rf"\b(?P<from>{_MONTHS}(?:\s+(?P<from_year>\d{{4}}))?)\s*[-–]\s*"
        rf"(?P<when>{_MONTHS}(?:,?\s+(?P<year>\d{{4}}))?)(?![\w-])"), _month_range),
    ("month range", re.compile(
        rf"\b(?:[Bb]etween|[Ff]rom)\s+(?P<from>{_MONTHS}(?:,?\s+(?P<from_year>\d{{4}}))?)\s*"
        rf"(?:[-–]|to|and|until)\s*(?P<when>{_MONTHS}(?:,?\s+(?P<year>\d{{4}}))?)(?![\w-])"),
     _month_range),
    ("month pair", re.compile(
        rf"\b(?P<from>{_MONTHS})\s+and\s+(?P<when>{_MONTHS}(?:,?\s+(?P<year>\d{{4}}))?)(?![\w-])"),
     _month_pair),
    ("month-first range", re.compile(
        rf"\b(?:between\s+|from\s+|on\s+)?(?P<month>{_MONTHS})\s+(?P<first>\d{{1,2}})(?:st|nd|rd|th)?\s*"
        rf"(?:[-–]|to|and|until)\s*(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?![\d:])"
        rf"(?:,?\s+(?P<year>\d{{4}}))?\b"), _month_first_range),
    ("day first", re.compile(rf"\b{_DAY_FIRST}\b"), _explicit),
    ("ordinal of month", re.compile(
        rf"\b(?:on\s+)?the\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)\s+of\s+(?P<month>{_MONTHS})"
        r"(?:,?\s+(?P<year>\d{4}))?\b"), _ordinal_of_month),
    ("part of month", re.compile(
        rf"\b(?:in\s+|by\s+)?(?P<part>early|mid|late)(?:-|\s+)(?:of\s+)?{_DATE}(?![\w-])", re.I),
     _part_of_month),
    ("part of month phrase", re.compile(
        rf"\b(?:(?:in|during|over)\s+)?the\s+(?P<phrase>(?:first|last|final|second|opening|closing)"
        rf"\s+(?:week|half|days))\s+of\s+{_DATE}(?![\w-])", re.I), _part_of_month_phrase),
    ("part of year", re.compile(
        r"\b(?:in\s+|by\s+)?(?P<part>early|mid|late)(?:-|\s+)(?P<year>(?:19|20)\d\d)\b", re.I),
     _part_of_year),
    ("explicit", re.compile(rf"\b(?:in\s+|on\s+|by\s+)?{_DATE}(?![\w-])"), _explicit),
    ("year range", re.compile(
        r"\b(?:(?:[Ff]rom|[Bb]etween)\s+(?P<first>(?:19|20)\d\d)\s+(?:to|and|through|until)\s+"
        r"|(?:[Ii]n|[Dd]uring|[Tt]hroughout|[Ff]rom|[Bb]etween)\s+(?P<first2>(?:19|20)\d\d)\s*[-–]\s*)"
        r"(?P<year>(?:19|20)\d\d|\d\d)\b"), _year_range),
    ("year", re.compile(r"\b(?:[Ii]n|[Dd]uring|[Tt]hroughout)\s+(?P<year>(?:19|20)\d\d)\b"), _year),
]  # fmt: skip


_ANCHORED = (
    _past_span,
    _next_day,
    _same_day,
    _day_of_month,
    _overnight,
    _after_span,
    _days_later,
    _next_span,
    _day_before,
    _adjacent_unit,
    _following,
    _rest_of,
    _since_then,
    _story_unit,
    _came_after,
)  # resolved against a day of the text, see _anchor
# Yearless in an undated text, these take the text's year (see _resolve).
_YEARLESS = (_explicit, _ordinal_of_month, _day_range, _cross_month_range, _month_range,
             _month_pair, _month_first_range, _part_of_month, _part_of_month_phrase,
             _end_of)  # fmt: skip


_ABBREVIATED_RE = re.compile(r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?")


def _month_alone_is_modal(m: re.Match, text: str) -> bool:
    """'May' with neither day nor year nor 'in' before it is the verb, not the month; an
    abbreviated month with neither day nor year ("the village of Mar Shamsheh") is a name."""
    groups = m.groupdict()
    when = groups.get("when") or ""
    if _ABBREVIATED_RE.fullmatch(when):
        return True
    return (
        when == "May"
        and not groups.get("day")
        and not text[max(0, m.start() - 3) : m.start()].lower().endswith("in ")
        and not m[0].lower().startswith(("in ", "since "))
    )


@lru_cache(maxsize=4)
def _matches(text: str) -> list[tuple[re.Match, int, _Resolver]]:
    """Every rule match in ``text`` (resolvable or not), as (match, rank, resolver).

    Found once per text: :func:`find_dates` and :func:`date_spans` both need them.
    """
    lowered = text.lower()
    return [
        (m, rank, resolver)
        for rank, (name, pattern, resolver) in enumerate(RULES)
        if any(word in lowered for word in _NEEDED.get(name, ("",)))
        for m in pattern.finditer(text)
        if not _month_alone_is_modal(m, text)
    ]


#: Words one of which a rule's matches always hold: a text without any skips the rule's
#: scan (most texts print no "weekend", "ago" or season), the same matches found faster.
_NEEDED = {
    "past span": ("past", "last", "previous", "preceding"),
    "next day": ("next", "following", "after"),
    "recent": ("recent", "few"),
    "season": ("summer", "spring", "autumn", "fall", "winter"),
    "end of": ("end",),
    "since": ("since",),
    "since start": ("since",),
    "since then": ("since",),
    "calendar": ("last", "this", "next"),
    "ago": ("ago",),
    "day before": ("before", "previous", "preceding", "earlier"),
    "adjacent unit": ("following", "next", "subsequent", "previous", "preceding"),
    "following": ("following", "next", "subsequent", "ensuing", "coming"),
    "days later": ("later", "earlier"),
    "came after": ("came", "comes", "come"),
    "next span": ("next", "following", "subsequent"),
    "rest of": ("rest",),
    "story unit": ("week", "month", "year"),
    "after span": ("after",),
    "overnight": ("overnight",),
    "deictic": ("today", "tonight", "yesterday", "night", "this"),
    "weekend": ("weekend",),
    "weekday": tuple(day.lower() for day in _WEEKDAYS),
    "weekday range": tuple(day.lower() for day in _WEEKDAYS),
    "part of month phrase": ("week", "half", "days"),
    "part of year": ("early", "mid", "late"),
    "part of month": ("early", "mid", "late"),
}  # single words: a match holds one of them whatever spaces or line breaks it spans


_TEXT_YEAR_RE = re.compile(r"(?<![\w,.-])(?:19|20)\d\d(?![\w-])")
_MONTH_YEAR_RE = re.compile(
    rf"(?P<when>{_MONTHS}(?:\s+(?P<day>\d{{1,2}}))?,?\s+(?P<year>(?:19|20)\d\d))\b"
    rf"|(?P<day_first>(?P<dday>\d{{1,2}})\s+{_MONTHS},?\s+(?P<dyear>(?:19|20)\d\d))\b"
)
_HEADING_YEAR_RE = re.compile(r"\n\n[^\n.!?]{0,80}?(?P<year>(?:19|20)\d\d)[^\n.!?]{0,80}\n\n")
_LEAD = 1000  # a title and lead that name the year of a story ("The 2022 Chornobaivka attacks")
_RANGE_JOIN_RE = re.compile(r"\s*(?:[-–—]|to|until)\s*")
_TURN_OF_YEAR = timedelta(days=180)  # a yearless date this far from its anchor is in the next year


def _year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), TEXT_YEAR)


def _month_year(m: re.Match) -> Period | None:
    """'November 2022' -> the month; '25 January 2023', 'August 15, 2022' -> the day."""
    when, year = (m["when"], m["year"]) if m["when"] else (m["day_first"], m["dyear"])
    day = _month_day(when, date(int(year), 12, 31))
    if day is None:
        return None
    if m["day"] or m["dday"]:
        return Period(day, day, TEXT_YEAR)
    return Period(day, day.replace(day=monthrange(day.year, day.month)[1]), TEXT_YEAR)


_CLAUSE_START_RE = re.compile(r"(?:^|[.!?;:]\s+|\n)(?:\S+\s+){0,3}$")


def opens_clause(text: str, at: int) -> bool:
    """Whether the words before ``at`` open a sentence or clause ("On 5 March", "Early the
    next morning"): a date there moves the story; one further in may recall another time."""
    return _CLAUSE_START_RE.search(text, max(0, at - 40), at) is not None


_SINCE_RE = re.compile(r"\bsince\s+$", re.I)


def _narrative(text: str, m: re.Match) -> bool:
    """Whether a printed month and year dates the narrative rather than recalling background.

    A full date does ("On 16 February 2016"), and so does a month opening its
    sentence ("In May 2016, ..."); a month further in ("hostages taken during a
    previous offensive in February 2015") is background, and so is the start a
    total counts from ("By 21 April 2015, 4,000 had been killed since 15
    September 2014": the story is in April 2015).
    """
    if _SINCE_RE.search(text, max(0, m.start() - 6), m.start()):
        return False
    if m["day"] or m["dday"]:
        return True
    return opens_clause(text, m.start())


def text_anchor(text: str, at: int) -> Period | None:
    """The dated context a yearless date at ``at`` belongs to, in a text with no publication date.

    The nearest date printed with its year before it ("In March 2022 ... On 5
    March"; "27 September 2022–25 January 2023 ... On 2 November"; see
    :func:`_narrative`) or the
    nearest heading naming a year ("2018" ... "On 6 February"), else the first
    year of the title or lead, else the nearest year printed before it; None
    when the text gives none (never a guess from nothing).  A bare year in
    running text ("since 2014 the town ...") is background more often than the
    story's year, so it only counts when nothing else does.
    """
    dates, headings, years = _dated_context(text)
    found = []
    for entries in (dates, headings):  # the last two of each that end before ``at``
        upto = bisect_right(entries, at, key=_limit)
        found += [entry[:3] for entry in entries[max(0, upto - 2) : upto]]
    found.sort()
    if len(found) > 1 and _RANGE_JOIN_RE.fullmatch(text, found[-2][1], found[-1][0]):
        return Period(found[-2][2].start, found[-1][2].end, TEXT_YEAR)  # "27 September 2022–25 ..."
    if found:
        return found[-1][2]
    if years and years[0][1] <= _LEAD:
        return _year_period(years[0][2])
    before = bisect_right(years, at, key=_limit)
    return _year_period(years[before - 1][2]) if before else None


def _limit(entry: tuple) -> int:
    """Where the match behind an entry ends: it is before ``at`` when this is not after it."""
    return entry[-1]


@lru_cache(maxsize=4)
def _dated_context(text: str) -> tuple[list, list, list]:
    """The text's narrative dates, year headings and bare years, each in text order.

    Entries are ``(start, end, period or year, end of the match)``: found once per text,
    then looked up by position, since :func:`text_anchor` is asked for every yearless
    date of a text and a long one has thousands.
    """
    dates = [(m.start(), m.end(), period, m.end()) for m in _MONTH_YEAR_RE.finditer(text)
             if _narrative(text, m) and (period := _month_year(m)) is not None]  # fmt: skip
    headings = [(m.start("year"), m.end("year"), _year_period(int(m["year"])), m.end())
                for m in _HEADING_YEAR_RE.finditer(text)]  # fmt: skip
    years = [(m.start(), m.end(), int(m[0]), m.end()) for m in _TEXT_YEAR_RE.finditer(text)]
    return dates, headings, years


def _resolve(m: re.Match, resolver: _Resolver, text: str, published: date | None):
    """A rule's period; a yearless date in an undated text takes the text's own year.

    The year is the anchor's (:func:`text_anchor`); of an anchor spanning years
    ("27 September 2022–25 January 2023"), the one that puts the date inside
    it; the next one when the date would fall half a year before the anchor
    ("In November 2022 ... In mid-January": 2023): narratives move forward,
    and seldom back nearly a year without printing the year.  A date that
    falls in the month the title names takes the title's year (:func:`_title_period`).
    """
    stated_year = m.groupdict().get("year") or m.groupdict().get("year_only")
    if published is not None or resolver not in _YEARLESS or stated_year:
        return _not_future(resolver(m, published), published)
    anchor = text_anchor(text, m.start())
    if anchor is None:
        return None
    period = None
    for year in range(anchor.start.year, anchor.end.year + 1):
        period = resolver(m, date(year, 12, 31))
        if period is None or anchor.start <= period.start <= anchor.end:
            break
    if period is not None and period.end < anchor.start - _TURN_OF_YEAR:
        period = resolver(m, date(anchor.end.year + 1, 12, 31))
    titled = _title_period(text)
    if titled and period and not period.lies_in(titled):
        in_title = (resolver(m, date(year, 12, 31))
                    for year in range(titled.start.year, titled.end.year + 1))  # fmt: skip
        period = next((p for p in in_title if p and p.lies_in(titled)), period)
    return None if period is None else Period(period.start, period.end, TEXT_YEAR)


_OPEN_MONTH_RE = re.compile(rf"(?P<month>{_MONTHS})\s*[–-]\s*{_MONTHS}")


@lru_cache(maxsize=4)
def _title_period(text: str) -> Period | None:
    """The months a text's title names ("Palmyra offensive (May 2015)", "(March–June 2016)",
    "(June 2012–April 2013)"), None for a year alone.

    A yearless "On 14 May" that falls in it is the story's, though a section
    before it ended on a later year ("... regained the town on 27 March 2016.
    Mass executions: During the offensive, ... On 14 May"): 14 May 2015.
    """
    title = text.split("\n", 1)[0]
    months = [p for m in _MONTH_YEAR_RE.finditer(title) if (p := _month_year(m)) is not None]
    if not months:
        return None
    first = _OPEN_MONTH_RE.search(title)  # "(November–December 2016)": from November
    start = _month_day(first["month"], months[0].end) if first else None
    return Period(start or months[0].start, months[-1].end, TEXT_YEAR)


def find_dates(text: str, published: date | None) -> list[DateMention]:
    """Every time expression in ``text`` that resolves to a period, in text order.

    Where rules overlap, the one whose match starts first wins, then the
    longest, then the earlier rule in :data:`RULES`.  Without a publication
    date, "On 5 March" takes the year of the text itself (:func:`text_anchor`).
    """
    found, anchored = [], []
    for m, rank, resolver in _matches(text):
        if resolver in _ANCHORED:
            anchored.append((m, rank, resolver))
            continue
        period = _resolve(m, resolver, text, published)
        if period is not None:
            found.append((m.start(), -(m.end() - m.start()), rank, m, period))
    dated = _first_wins(found)
    for m, rank, resolver in sorted(anchored, key=lambda a: a[0].start()):
        anchor = _anchor(text, dated, m, resolver, published)
        if anchor is None:
            continue
        if resolver is _past_span and anchor.basis != PUBLICATION:
            period = _not_future(_past_days_of(m, anchor), published)
        elif resolver is _since_then and published is None:
            continue  # "since then" in an undated text: up to when, it does not say
        else:
            period = _not_future(resolver(m, anchor.end), published)
        if period is not None:
            found.append((m.start(), -(m.end() - m.start()), rank, m, period))
            if _moves_on(text, m, resolver):
                _insert(dated, DateMention(m[0], m.start(), m.end(), period))
    return _first_wins(found)


_BY_RE = re.compile(r"\bby\s+$", re.I)


def _moves_on(text: str, m: re.Match, resolver: _Resolver) -> bool:
    """Whether a relative date moves the story on to its day ("The next day", "Two days
    later", "the same day"), so that the next relative date counts from it; a look back
    ("the day before", "a week earlier") or a span ("over the next three days") does not,
    nor a day something was done by ("the villages taken as the offensive started were
    retaken by the following morning"): it tells how far an aside ran, not the story's day."""
    if _BY_RE.search(text, max(0, m.start() - 4), m.start()):
        return False
    if resolver is _days_later:  # "a year later" is a glimpse ahead, not the story's next day
        return m["dir"].lower() == "later" and m["unit"].lower() not in ("month", "year")
    return resolver in (_next_day, _same_day, _day_of_month)


def _insert(dated: list[DateMention], mention: DateMention) -> None:
    """Put a resolved relative date among the dates in text order (unless it overlaps one),
    so that the next relative date counts from it ("The next day ... later that day")."""
    at = bisect_right(dated, mention.start, key=lambda d: d.start)
    if (at and dated[at - 1].end > mention.start) or (
        at < len(dated) and dated[at].start < mention.end
    ):
        return
    dated.insert(at, mention)


def _winners(found: list) -> list[tuple]:
    """Of ``(start, -length, rank, match, ...)`` readings, those a reader takes where they
    overlap: the first to start, then the longest, then the earlier rule."""
    kept: list[tuple] = []
    for reading in sorted(found, key=lambda f: f[:3]):
        if not kept or reading[0] >= kept[-1][3].end():
            kept.append(reading)
    return kept


def _first_wins(found: list) -> list[DateMention]:
    return [DateMention(m[0], m.start(), m.end(), period) for *_, m, period in _winners(found)]


_SENTENCE_BREAK_RE = re.compile(r"[.!?]\s+[A-Z\"“]|\n")


def _anchor(
    text: str, dated: list[DateMention], m: re.Match, resolver: _Resolver, published: date | None
) -> Period | None:
    """The time a relative span counts back (or on) from: it counts from the period's end.

    "Over the past 24 hours" counts back from the sentence's own date when it
    prints one ("On 3 May, ... over the past 24 hours"), else from publication;
    in a text with no publication date, from the day the story stands at before it.
    "The next day" and "after six days of combat" follow that day (:func:`_story_day`).
    """
    at = m.start()
    split = bisect_right(dated, at, key=lambda d: d.end)  # dated: in text order
    before = dated[:split]
    if resolver in (_next_day, _same_day, _day_of_month, _days_later, _next_span, _day_before,
                    _adjacent_unit, _following, _rest_of, _since_then, _story_unit):  # fmt: skip
        return _story_day(text, before, at)
    if resolver is _after_span:  # "fell on 10 June after four days of clashes": background
        return None if _same_sentence(text, reversed(before), m) else _story_day(text, before, at)
    same = [*_same_sentence(text, reversed(before), m), *_same_sentence(text, dated[split:], m)]
    if same:
        return min(same, key=lambda d: abs(d.start - m.start())).period
    if published is not None:
        return publication_period(published)
    return _story_day(text, before, at)


def _story_day(text: str, before: list[DateMention], at: int) -> Period | None:
    """The day the story stands at, for a relative date at ``at``: the last date printed before
    it, not one recalled in passing inside a sentence (:func:`_recalls` the day its paragraph
    opened with: "On 8 October, rebels attacked the town, which the army had retaken in
    August. By the next day, ...": 9 October); a date opening its sentence ("On 19
    February, ...") moves the story, back as well."""
    if not before:
        return None
    paragraph = text.rfind("\n", 0, at) + 1
    opening = next((d for d in before if d.start >= paragraph), None)
    for d in reversed(before):
        if opening is None or d.start <= opening.start or not _recalls(d.period, opening.period):
            return d.period
        if opens_clause(text, d.start):
            return d.period
    return before[-1].period


_MONTH_LONG = 27  # days: a date spanning this long is a month or more (February included)


def _recalls(period: Period, story: Period) -> bool:
    """Whether a date printed inside a sentence recalls a time before the story's day, or only
    places it in a month or more ("an attack scheduled for April 2017")."""
    month_or_more = (period.end - period.start).days >= _MONTH_LONG
    return period.end < story.start or (month_or_more and period.start <= story.start)


def _same_sentence(text: str, mentions: Iterable[DateMention], m: re.Match) -> list[DateMention]:
    """The mentions, walked away from ``m``, up to the first one in another sentence."""
    same = []
    for d in mentions:
        if _SENTENCE_BREAK_RE.search(text, min(d.start, m.start()), max(d.end, m.end())):
            break
        same.append(d)
    return same


def date_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every time expression, resolvable or not: numbers inside them are not counts.

    Overlapping matches are settled as :func:`find_dates` settles them (:func:`_winners`), so
    a reading the reader did not take hides no count: in "On 25 July 20 fighters were killed"
    the date is "25 July", and "July 20" does not make the 20 fighters part of a date.
    """
    readings = [(m.start(), m.start() - m.end(), rank, m) for m, rank, _ in _matches(text)]
    return [(m.start(), m.end()) for *_, m in _winners(readings)]


def resolve(expression: str, published: date | None) -> Period | None:
    """The period of the first time expression in ``expression`` (None if there is none)."""
    mentions = find_dates(expression, published)
    return mentions[0].period if mentions else None
