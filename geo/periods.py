"""The period a figure is about, as a careful reader of an undated text takes it.

:mod:`geo.dates` finds the dates a text prints; :func:`governing_date` picks the
one that governs a figure (the nearest in its clause, sentence or the sentence
before, not one opening the next clause, nor a month or year recalled in
passing).  An encyclopaedia article has no publication date and is written in
sections, so a reader also uses the text's layout:

- a figure with no date of its own rides on the last date printed earlier in
  its section (a heading line such as "Aftermath" starts a new section), not on
  a month or year recalled there ("which the rebels had taken in 2012"); with
  none, on the year its heading prints ("2018"), else it has no period;
- a figure stated for a whole event ("during the battle", "in all", a
  "Casualties" section) keeps the event's start: a running total dated D ("By
  11 May ... 173 dead") runs from the first date of its section to D, or from
  the start of the text's battle when its words name it ("during the battle
  of Pisky") or it sums the battle up in a casualty section; an undated one
  takes the battle's period as the lead states it ("It began on 23 May and
  ended on 27 May 2022"), or as its section does when the section is that
  event's ("First battle") or dated apart from the lead ("Second offensive
  (May 2016)"), or names another event ("in the assault");
- a total "since the start of the offensive", "by this point" runs up to where
  the story stands, and one "since 15 September 2014" from that day to the day
  the total had reached, and so do the counts told right after such a total;
  the fighting of a paragraph under way ("during the fighting") is that day's;
- a paragraph that sums up ("In total, ...", "The fighting left 100 dead")
  tallies the episode told before it; a summing-up word opening a sentence
  ("Overall, ...") makes its figures totals, and a count whose period runs up
  to its date from an earlier start is one (:func:`runs_up_to`);
- a force or another state "in the battle" has the battle's period but is no
  running total (:func:`is_state`).

News reports (with a publication date) name their own start when they give
one ("since December"): their figures keep the period :mod:`geo.dates` gives;
a total "so far" runs from the date the story gave before it to publication,
and a headline's figure takes the day its next sentence tells.
The words are data: ``data/periods.json``.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, timedelta
from functools import cache, lru_cache
from pathlib import Path

from geo.dates import TEXT_YEAR, DateMention, Period, opens_clause
from geo.placing import nearest_with_scope
from geo.quantities import find_quantities

PERIODS_FILE = Path(__file__).resolve().parent.parent / "data" / "periods.json"
_HEADING_RE = re.compile(r"\n\n(?P<title>[^\n.!?]{1,80})\n\n")
_EVENT_DAYS = 40  # a lead date spanning longer ("in 2022") is background, not the battle
_MONTH_DAYS = 27  # a lead date this long is a month, narrowed by any date inside it
_LONGEST_TOTAL = timedelta(days=366)  # a running total from a section start further back is not one
_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+")


@cache
def _words() -> dict[str, list[str]]:
    return json.loads(PERIODS_FILE.read_text(encoding="utf-8"))


@cache
def _words_re(*lists: str) -> re.Pattern:
    """The words of the named lists of ``data/periods.json``, as one pattern."""
    alternatives = "|".join(word for name in lists for word in _words()[name])
    return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.I)


def _whole_event_re() -> re.Pattern:
    return _words_re("whole_event", "so_far")


def _aftermath_re() -> re.Pattern:
    return _words_re("aftermath")


def _headings(text: str, end: int) -> list[re.Match]:
    """The headings that end before ``end``, in text order."""
    headings = _all_headings(text)
    return headings[: bisect_right(headings, end, key=re.Match.end)]


@lru_cache(maxsize=4)
def _all_headings(text: str) -> list[re.Match]:
    """Every heading of a text, found once: each figure of a long text asks for its section."""
    return list(_HEADING_RE.finditer(text))


def section_start(text: str, at: int) -> int:
    """Where the section holding offset ``at`` begins (0 before the first heading)."""
    headings = _headings(text, at)
    return headings[-1].end() if headings else 0


def in_casualty_section(text: str, at: int) -> bool:
    """Whether ``at`` lies in a section headed "Casualties", "Losses" and the like."""
    headings = _headings(text, at)
    title = headings[-1]["title"].strip().lower() if headings else ""
    return title in _words()["casualty_headings"]


def whole_event(sentence: str) -> bool:
    """Whether a sentence states its figures for a whole event ("during the battle") or
    as a running total up to where the story stands ("since the start of the offensive")."""
    return bool(_whole_event_re().search(sentence))


def so_far(words: str) -> bool:
    """Whether words state a total up to where the story stands, not for the whole event:
    "since the start of the offensive, 34 had been killed", "by this point"."""
    return bool(_words_re("so_far").search(words))


@cache
def _summing_up_re() -> re.Pattern:
    return re.compile(rf"\s*(?:{'|'.join(_words()['summing_up'])}),", re.I)


def opens_with_total(text: str, sentence: tuple[int, int]) -> bool:
    """Whether a summing-up word opens a sentence ("Overall, 186 were killed ..., 100 rebels
    and 86 soldiers", "So far, 2,000 have fled"): every figure of it is a total, though its
    period is still the one its date gives."""
    return _summing_up_re().match(text, sentence[0]) is not None


def sums_up_paragraph(text: str, sentence: tuple[int, int], dated: DateMention | None) -> bool:
    """Whether a figure with no date of its own stands in a paragraph that sums its section up
    (:func:`_paragraph_sums_up`): a total of the section's event."""
    return dated is None and _paragraph_sums_up(text, sentence[0])


def _paragraph_sums_up(text: str, at: int) -> bool:
    """Whether the paragraph holding ``at`` opens with a summing-up word ("In total, 30
    tanks were lost. ... Officials said 100 soldiers were killed") or the toll of the fighting
    just told ("The fighting left 100 soldiers dead"): it tells the totals of what its section
    has told."""
    opening = text.rfind("\n", 0, at) + 1
    return bool(
        _summing_up_re().match(text, opening) or _words_re("toll_openers").match(text, opening)
    )


@cache
def _running_total_re() -> re.Pattern:
    alternatives = "|".join(_words()["running_total_dates"])
    part_of_day = r"(?:\s+(?:the\s+)?(?:morning|afternoon|evening|night|end)\s+of)?"
    return re.compile(rf"(?<![\w-])(?:{alternatives}){part_of_day}\s*$", re.I)


def is_total(
    text: str, at: int, words: str, dated: DateMention | None, cued: bool, kind: str
) -> bool:
    """Whether a figure is a total for a whole event or a running total up to a day.

    ``words`` speak for the figure: the words around it make it a running total
    ("173 were killed during the battle"); its whole sentence makes it a figure
    of the whole event, whose period is the event's ("During the battle, a
    hospital was shelled, killing four").  ``cued``: a cumulative word ("in
    total", "so far") speaks for it; else ``words`` state a whole event
    ("during the battle"), or it counts events (the dead, the displaced), not
    a state on a day ("by 6 April, 60% was held"), and ``words`` tell a total
    so far ("since the start of the offensive") or its date is the day a
    count had reached ("By 11 May, the fighting left 173 dead"; "As of 14
    March"); an undated count of events in a "Casualties" section (at offset
    ``at``) sums the battle up, one dated "on 22 July" there is that day's.  A
    count whose words tell one day ("120 killed in one village within a day")
    is never a total.
    """
    if _words_re("within_a_day").search(words):
        return False  # "over 120 killed in one village within a day": that day's count
    if cued or _words_re("whole_event").search(words):
        return True
    if is_state(kind):
        return False  # "By this point, ISIL held 75 percent": that day's
    if so_far(words):
        return True
    if dated is None:
        return in_casualty_section(text, at)
    return reached_by(text, dated)


def reached_by(text: str, dated: DateMention) -> bool:
    """Whether a date is the day a count had reached ("By 11 May", "As of 14 March", "by the
    morning of 22 December", "since the offensive began on 2 February"), not the day of one
    event."""
    lead_in = (text[max(0, dated.start - 30) : dated.start], dated.text.split()[0])
    return any(_running_total_re().search(part) for part in lead_in) or _since_before(text, dated)


def runs_up_to(
    text: str, dates: Sequence[DateMention], period: Period | None, own: DateMention | None, at: int
) -> bool:
    """Whether a figure's period runs up to its date from an earlier start ("On 18 May, ...
    By this time, 48 villages had been taken since the start. 49 were killed": from the
    start to 18 May; mass graves found on a day: the dead of the battle): a count of events
    so given is a running total, whatever words made it one.  ``own`` is the date governing
    the figure, else the last date of its section before ``at`` (:func:`section_date`)."""
    own = own or section_date(text, dates, at)
    if period is None or own is None:
        return False
    return period.start < own.period.start and period.end == own.period.end


def is_state(kind: str) -> bool:
    """Whether figures of ``kind`` count a state on a day (a force, a share held, people
    remaining): never a running total, though one "during the battle" is the battle's."""
    return kind in _words()["state_kinds"]


#: "since the offensive began on 2 February": from that day on, not on it alone.
_SINCE_BEFORE_RE = re.compile(r"\bsince\s[^.;:,]{0,50}$", re.I)
_SINCE_LOOKBACK = 60


def _since_before(text: str, dated: DateMention) -> bool:
    """Whether "since" opens the words before a date ("since the crisis began on 2 February")."""
    return bool(_SINCE_BEFORE_RE.search(text, max(0, dated.start - _SINCE_LOOKBACK), dated.start))


_LIST_TAIL_RE = re.compile(r"^[^,;.]{0,30}(?:,|\band)\s*$")


def total_words(before: str, after: str, rest: str) -> str:
    """The words that speak for a figure's being a total: those around it, and for a figure
    opening a list, the list's shared predicate ("61 rebels, 47 fighters and 29 civilians
    had been killed since the start": all three are totals).

    ``after`` stops at the next figure; ``rest`` runs on to the end of the sentence.
    """
    return f"{before} {after} {rest if _LIST_TAIL_RE.search(after) else ''}"


#: Between a figure and a date after it: the date opens a clause of its own ("killed 60
#: soldiers, and was on 19 September declared over"; "half of the village; by 28 September").
_NEXT_CLAUSE_RE = re.compile(r";|,\s*(?:and|but|while|whereas)\b|\s(?:while|whereas)\s", re.I)


def governing_date(
    text: str, dates: Sequence[DateMention], scope_list: Sequence, start: int, end: int
) -> DateMention | None:
    """The date that governs the figure at [start, end): the nearest in its nearest scope
    (:func:`geo.placing.nearest_with_scope`), but not one after it that opens the next
    clause when its own sentence printed one before it ("The ceasefire broke down on 17
    September, when an airstrike killed 60, and on 19 September it was declared over": 17),
    nor one after it telling a later event ("In February, 5 were killed with him, and his
    successor a month later": February), nor a month or year recalled after the scope's
    date ("On 23 February, ISIL released
    hostages taken in February 2015. Half of the town was cleared": 23 February), nor a day
    recalled inside a sentence before the figure's ("On 25 March, rebels attacked the post,
    blockaded since 9 January. One soldier was killed": 25 March).  A day recalled in the
    figure's own sentence may be its event's ("On 20 January, it was reported that strikes
    on 28 December killed 1,036").
    """
    found = nearest_with_scope(dates, scope_list, start, end)
    if found is None:
        return None
    nearest, index = found
    (scope_start, _scope_end), asides = scope_list[index]
    story = _last_before(dates, scope_start, nearest.start, asides)
    earlier_sentence = nearest.end <= start and bool(
        _SENTENCE_END_RE.search(text[nearest.end : start])
    )
    if story is not None and _looks_back(text, story, nearest, days=earlier_sentence):
        return story
    later = _LATER_RE.search(nearest.text) is not None  # "..., and a month later ...": the next
    if nearest.start < end or not (later or _NEXT_CLAUSE_RE.search(text, end, nearest.start)):
        return nearest
    return _last_before(dates, scope_start, start, asides) or nearest


#: A date after a figure that tells the next event ("killed with 5 others; his successor met the
#: same fate a month later"): the figure keeps the date its sentence printed before it.
_LATER_RE = re.compile(r"\b(?:later|next|following|subsequent)\b", re.I)


def _last_before(
    dates: Sequence[DateMention], scope_start: int, at: int, asides: Sequence[tuple[int, int]]
) -> DateMention | None:
    """The last date from ``scope_start`` that ends by ``at``, outside the scope's asides."""
    first = bisect_right(dates, scope_start - 1, key=lambda d: d.start)
    upto = bisect_right(dates, at, key=lambda d: d.end)
    inside = [d for d in dates[first:upto] if not any(a <= d.start < b for a, b in asides)]
    return inside[-1] if inside else None


_YEAR_RE = re.compile(r"(?<![\w-])(?:19|20)\d\d(?![\w-])")


@cache
def _event_noun_re() -> re.Pattern:
    return re.compile(rf"\b({'|'.join(_words()['event_nouns'])})s?\b", re.I)


def _section_event(text: str, dates: Sequence[DateMention], at: int, words: str) -> Period | None:
    """The period of its section's own event, when a figure's whole-event words name it.

    "12 civilians were killed during the battle" in a section headed "First
    battle" of a text on two battles is the first battle's toll: from the
    first to the last date its section prints; so is a figure of a paragraph
    that sums the section up ("In total, ...": :func:`_paragraph_sums_up`), over
    the episode told before that paragraph (:func:`_episode`).  None when
    the heading names no event the words name and the paragraph does not sum
    up, or the section prints no date.
    """
    headings = _all_headings(text)
    index = bisect_right(headings, at, key=re.Match.end) - 1
    if index < 0:
        return None
    nouns = {n.lower() for n in _event_noun_re().findall(headings[index]["title"])}
    told = {n.lower() for m in _words_re("whole_event").finditer(words)
            for n in _event_noun_re().findall(m[0])}  # fmt: skip
    summing_up = not nouns & told
    if summing_up and not _paragraph_sums_up(text, at):
        return None
    if summing_up:
        end = text.rfind("\n", 0, at) + 1
    else:
        end = headings[index + 1].start() if index + 1 < len(headings) else len(text)
    inside = [d.period for d in dates if headings[index].end() <= d.start < end]
    if summing_up:
        inside = _episode(inside)
    if not inside:
        return None
    return Period(min(p.start for p in inside), max(p.end for p in inside), inside[0].basis)


_EPISODE_GAP = timedelta(days=7)


def _episode(periods: list[Period]) -> list[Period]:
    """The last run of a section's dates with no week between two: the fighting a summing-up
    paragraph tallies ("On 14 December, ... Early the next morning, ... The fighting left 100
    dead": 14..15 December, not the siege's April)."""
    run = periods[-1:]
    for period in reversed(periods[:-1]):
        if run[0].start - period.end > _EPISODE_GAP:
            break
        run.insert(0, period)
    return run


def _known_year(text: str, at: int) -> Period | None:
    """The whole year, when the year is all a reader knows of an undated figure's time.

    A figure with no date earlier in its section takes the year its section's
    heading prints ("2018"; "Raqqa (2016–17)": 2016); a year in the text's
    title alone ("2016 Dabiq offensive") is not enough: a mass grave found
    "after the liberation" may be of any year.
    """
    headings = _headings(text, at)
    year = _YEAR_RE.search(headings[-1]["title"]) if headings else None
    return _whole_year(int(year[0])) if year else None


def _whole_year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), TEXT_YEAR)


def section_date(text: str, dates: Sequence[DateMention], start: int) -> DateMention | None:
    """The last date printed earlier in the section of ``start``, its heading included.

    A heading that prints a date ("August 2014 Sinjar offensive") dates the
    section's first figures; None when neither heading nor section dates any.
    A date recalling a time before the one printed before it is skipped
    (:func:`_looks_back`).
    """
    headings = _headings(text, start)
    section = headings[-1].start() if headings else 0
    last = bisect_right(dates, start, key=lambda d: d.end) - 1  # dates: in text order
    while last > 0 and dates[last - 1].start >= section:
        if not _looks_back(text, dates[last - 1], dates[last], days=True):
            break
        last -= 1
    return dates[last] if last >= 0 and dates[last].start >= section else None


def _looks_back(text: str, story: DateMention, recalled: DateMention, days: bool) -> bool:
    """Whether a month or year recalls a time before the story's ("On 26 November, troops took
    Hanano, which the rebels had taken in 2012") or only places it ("On 21 July, the largest
    raid in 2019"), or, with ``days``, a day inside a sentence recalls one before it ("On 8
    October, rebels stormed the town, which the army had retaken on 10 June"): the story
    stands at the date before it.  A day opening its sentence ("On 3 May, ...") moves the
    story, back as well."""
    coarse = (recalled.period.end - recalled.period.start).days >= _MONTH_DAYS
    before = recalled.period.end < story.period.start
    if not coarse:
        return days and before and not opens_clause(text, recalled.start)
    around = story.period.lies_in(recalled.period)
    return before or (around and _is_day(story.period))


def _is_day(period: Period) -> bool:
    return period.start == period.end


def lead_period(text: str, dates: Sequence[DateMention]) -> Period | None:
    """The period of the event the text is about, as its lead (before any heading) dates it.

    From the first to the last day the lead prints ("began on 3 July ... until
    September 8"), counting days, short ranges and months, a month only when
    the lead does not narrow it ("in May 2022, most notably from 5 to 13 May"
    is 5..13 May): a lead's "in 2022" or "since 2014" is background, and so
    is what it tells after the battle ("After the battle ended, ... On 11 March").
    A lead giving only a month ("an attack in December 2015") is narrowed by the days
    the body prints inside it ("On December 16 and 17, ISIL launched ..."); a long span
    between two days ("from 1 May to 30 August 2031") is the event's, as printed.
    """
    headings = _headings(text, len(text))
    lead_end = headings[0].start() if headings else len(text)
    aftermath = _aftermath_re().search(text, 0, lead_end)
    lead_end = aftermath.start() if aftermath else lead_end
    in_lead = [d for d in dates if d.end <= lead_end]
    spans = [d.period for d in in_lead if not _is_short(d.period) and _printed_span(d)]
    lead = [d.period for d in in_lead if _is_short(d.period)] + spans
    days = [p for p in lead if not any(_refines(q, p) for q in lead)]
    if not days:
        return None
    period = Period(min(p.start for p in days), max(p.end for p in days), days[0].basis)
    body = [d.period for d in dates if d.start >= lead_end and _refines(d.period, period)]
    if len(days) == 1 and body and not spans:  # "in December 2015", "On December 16 and 17"
        return Period(min(p.start for p in body), max(p.end for p in body), period.basis)
    return period


def _dated_apart(text: str, dates: Sequence[DateMention], at: int, lead: Period) -> bool:
    """Whether the heading of the section of ``at`` dates it apart from the lead's event.

    "Second offensive (May 2016)" in a text whose lead dates a campaign's
    start on 1 April tells another event: "during the clashes" there are that
    section's clashes, not the lead's; a heading without a date ("Battle") or
    one overlapping the lead ("1–5 March 2022") is the lead's event.
    """
    headings = _headings(text, at)
    if not headings:
        return False
    heading = headings[-1]
    inside = [d.period for d in dates if heading.start() <= d.start < heading.end()]
    return bool(inside) and all(p.end < lead.start or lead.end < p.start for p in inside)


_RANGE_RE = re.compile(r"[-–]|\b(?:to|and|until|through)\b")


_DAY_RE = re.compile(r"(?<!\d)\d{1,2}(?!\d)")


def _printed_span(mention: DateMention) -> bool:
    """Whether a long date is a span printed between two ends ("from 1 May to 30 August 2031",
    "November–December 2016", a siege "from 21 April 2012 to 9 September 2015"): the event's,
    unlike a month or year ("in 2022", "since 2014") or years or months beyond a year ("from
    2014 to 2022") that a lead gives as background."""
    within_a_year = mention.period.end - mention.period.start <= _LONGEST_TOTAL
    to_the_day = len(_DAY_RE.findall(mention.text)) >= 2
    return (within_a_year or to_the_day) and bool(_RANGE_RE.search(mention.text))


def _is_short(period: Period) -> bool:
    return (period.end - period.start).days < _EVENT_DAYS


def _refines(narrow: Period, month: Period) -> bool:
    """Whether ``narrow`` lies inside the month-long ``month`` ("5 to 13 May" in "May 2022")."""
    if (month.end - month.start).days < _MONTH_DAYS:
        return False
    shorter = narrow.end - narrow.start < month.end - month.start
    return shorter and narrow.lies_in(month)


def _reached_on(
    text: str, dates: Sequence[DateMention], since: DateMention, sentence: tuple[int, int]
) -> date | None:
    """The day a total counted "since" a date had reached: a later date of its sentence
    ("By 21 April 2015, ... since 15 September 2014"), else the last date printed before
    it in its section (where the story stands), else None."""
    later = [d.period.end for d in dates if sentence[0] <= d.start < sentence[1]]
    later = [end for end in later if end > since.period.end]
    if later:
        return max(later)
    before = section_date(text, dates, sentence[0])
    return before.period.end if before and before.period.end > since.period.end else None


def _section_first(text: str, dates: Sequence[DateMention], at: int) -> date | None:
    section = section_start(text, at)
    inside = [d for d in dates if section <= d.start < at]
    return inside[0].period.start if inside else None


def figure_period(
    text: str,
    dates: Sequence[DateMention],
    own: DateMention | None,
    sentence: tuple[int, int],
    whole: bool,
    fallback: Period | None,
    undated_text: bool,
    words: str = "",
    at: int = -1,
    state: bool = False,
) -> Period | None:
    """The period of one figure.

    ``own`` is the date governing the figure's sentence (or None), ``whole``
    whether the figure is a total for a whole event, ``fallback`` the
    publication period and ``undated_text`` whether the text has no
    publication date (the section rules apply only then; a news report's total
    "since the crisis began on 2 February" runs from that day to publication).
    ``words`` speak for the figure (:func:`total_words`): a total "during the
    battle of Pisky" runs from the start of the text's battle (:func:`names_the_event`).
    ``at`` is where the figure ends: a total with its day printed after it ("18
    bodies remained on the streets on 3 October") is that day's, not a running total.
    ``state``: the figure counts a state (:func:`is_state`), and a state dated to a day
    ("On 17 April, ... a total of 350 fighters") is that day's, never a running total.
    """
    if not undated_text:
        own = own or _lead_date(text, dates, sentence)
        if own and fallback and (_since_before(text, own) or _up_to_now(text, own, sentence)):
            return Period(own.period.start, fallback.end, own.period.basis)  # "since ... on D"
        return own.period if own else fallback
    if own is None and whole and (section := _section_event(text, dates, sentence[0], words)):
        return section
    if own is None:
        own = section_date(text, dates, sentence[0])
        summing_up = in_casualty_section(text, sentence[0])
        if summing_up or _of_the_lead(text, own, sentence, whole, words):
            lead = lead_period(text, dates)
            if lead is not None and not _dated_apart(text, dates, sentence[0], lead):
                return lead
        if own is None:
            return _known_year(text, sentence[0]) or fallback
    period = own.period
    event = _one_off_event(text, dates)
    if event and event.end < period.start and _tells_of(text, sentence, words):
        return event  # "On 12 August, he claimed that 60 had been killed in the explosions"
    if _since_before(text, own):  # "4,000 had been killed since 15 September 2014"
        reached = _reached_on(text, dates, own, sentence)
        return period if reached is None else Period(period.start, reached, period.basis)
    on_its_day = own.start >= at >= 0 and _on(text, own)
    whole = whole or _told_so_far_before(text, own, sentence)
    found_dead = _words_re("found_dead").search(text, *sentence) is not None
    within_a_day = _words_re("within_a_day").search(words) is not None
    one_day = state or within_a_day or _fighting_at_large(words) or on_its_day
    if (whole or found_dead) and _is_day(period) and not one_day:
        first = _section_first(text, dates, own.start)
        summed_up = in_casualty_section(text, own.start) or first is None
        total_to_day = reached_by(text, own) or so_far(words)
        if names_the_event(text, words) or found_dead or (summed_up and total_to_day):
            first = event_start(text, dates)
        if first is not None and period.start - _LONGEST_TOTAL <= first < period.start:
            return Period(first, period.end, period.basis)
    return period


def _lead_date(
    text: str, dates: Sequence[DateMention], sentence: tuple[int, int]
) -> DateMention | None:
    """The day of a report's second sentence, for a figure of its first (a headline or a lead
    that prints no date: "Family feud leaves two dead . BEIRUT: Families clashed on
    Saturday"): the story it sums up is that day's, not the day of publication; a month or
    year there ("the war that began in 2011") is background."""
    if text[: sentence[0]].strip():
        return None
    end = _SENTENCE_END_RE.search(text, sentence[1] + 1)
    upto = end.start() if end else len(text)
    days = (d for d in dates if sentence[1] <= d.start < upto and _is_day(d.period))
    return next(days, None)


def _up_to_now(text: str, own: DateMention, sentence: tuple[int, int]) -> bool:
    """Whether a news report's sentence tells a total up to the day it appeared ("The dam
    burst on 2 March. 2,000 people have fled so far": 2 March to publication), its start the
    date of a sentence before it; "On Monday, officials said 2,000 had fled so far" is
    Monday's count."""
    return own.end <= sentence[0] and _words_re("up_to_now").search(text, *sentence) is not None


_NAME_RE = re.compile(r"\b[A-Z][\w'’-]{2,}")
_NAMED_AFTER = 30  # "during the battle of Pisky", "from the battles in Hostomel"


def _another_event(text: str, words: str) -> bool:
    """Whether whole-event words name an event other than the one the title names ("in the
    assault" in "Dabiq offensive"), not it ("during the offensive") nor the fighting at large
    ("during the fighting", "in the clashes"): that event is the section's, not the lead's."""
    title = {n.lower() for n in _event_noun_re().findall(text.split("\n", 1)[0])}
    told = {n.lower() for m in _whole_event_re().finditer(words)
            for n in _event_noun_re().findall(m[0])}  # fmt: skip
    return bool(told - title) and not names_the_event(text, words)


def _of_the_lead(
    text: str, story: DateMention | None, sentence: tuple[int, int], whole: bool, words: str
) -> bool:
    """Whether a whole-event figure with no date of its own is a figure of the lead's battle.

    Not when its section's story has reached a date (``story``) and the
    figure tells a running total up to it ("Since the start of the offensive,
    34 had been killed"), the toll of another event than the title's ("in the
    assault") or the fighting of a paragraph under way ("during the fighting").
    """
    if not whole or story is None:
        return whole
    told_so_far = so_far(text[sentence[0] : sentence[1]])  # the phrase may open the sentence
    return not (
        told_so_far or _another_event(text, words) or _the_days_fighting(text, sentence, words)
    )


_ONE_OFF_DAYS = 2  # a one-off event the lead dates within this many days ("on 9 August")


@cache
def _one_off_re() -> re.Pattern:
    return re.compile(rf"\b(?:{'|'.join(_words()['one_off_events'])})\b", re.I)


def _one_off_event(text: str, dates: Sequence[DateMention]) -> Period | None:
    """The period of the one-off event a text is about ("2022 Novofedorivka explosions", dated
    "on 9 August 2022" in the lead), None for a battle or a campaign."""
    noun = _one_off_re().search(text.split("\n", 1)[0])
    lead = lead_period(text, dates) if noun else None
    return lead if lead and (lead.end - lead.start).days <= _ONE_OFF_DAYS else None


def _tells_of(text: str, sentence: tuple[int, int], words: str) -> bool:
    """Whether a sentence dated after a one-off event tells its toll ("claimed that 60 had
    been killed in the explosions"), not a count updated since ("had risen to 13")."""
    title = {m[0].lower() for m in _one_off_re().finditer(text.split("\n", 1)[0])}
    told = {m[0].lower() for m in _one_off_re().finditer(text, *sentence)}
    return bool(title & told) and not so_far(text[sentence[0] : sentence[1]] + " " + words)


def _told_so_far_before(text: str, own: DateMention, sentence: tuple[int, int]) -> bool:
    """Whether a sentence before the figure's, in the same paragraph and after the figure's
    date, tells a running total ("On 18 February, ... By this time, 48 villages had been taken
    since the start of the offensive. At least 49 militants were killed. 38 civilians died in
    airstrikes"): the counts told right after it are running totals too, up to a sentence
    that counts nothing ("Meanwhile, the corridors were closed. 6,000 fled": that day's)."""
    between = text[own.end : sentence[0]]
    if not between or "\n" in between:
        return False
    told = _SENTENCE_END_RE.split(between.strip())
    last = max((i for i, words in enumerate(told) if so_far(words)), default=None)
    return last is not None and all(find_quantities(words) for words in told[last + 1 :])


def _on(text: str, dated: DateMention) -> bool:
    """Whether "on" introduces a date ("killed on 3 October"): the day of an event."""
    before = text[max(0, dated.start - 3) : dated.start].lower()
    return before == "on " or dated.text.lower().startswith("on ")


def _fighting_at_large(words: str) -> bool:
    """Whether whole-event words name no event: "during the fighting", "in the clashes"."""
    told = [m[0] for m in _words_re("whole_event").finditer(words)]
    return bool(told) and not any(_event_noun_re().search(t) for t in told)


def _the_days_fighting(text: str, sentence: tuple[int, int], words: str) -> bool:
    """Whether whole-event words name no event ("during the fighting", "in the clashes") in a
    paragraph already under way: the fighting told there, on its day, not the whole battle."""
    opens_paragraph = text[max(0, sentence[0] - 2) : sentence[0]] == "\n\n"
    return _fighting_at_large(words) and not opens_paragraph


def names_the_event(text: str, words: str) -> bool:
    """Whether a figure's whole-event words name the event of the text's title.

    "During the battle of Pisky" in the text "Battle of Pisky" is the whole
    battle, begun where the text's account of it begins, though the sentence
    stands in a later section ("Aftermath"); a bare "during the offensive" in
    a section of its own ("Second offensive") is that section's event.  An
    encyclopaedia text opens with its title line.
    """
    title = set(_NAME_RE.findall(text.split("\n", 1)[0]))
    named = (_NAME_RE.findall(words, m.end(), m.end() + _NAMED_AFTER)
             for m in _whole_event_re().finditer(words))  # fmt: skip
    return any(title.intersection(names) for names in named)


def event_start(text: str, dates: Sequence[DateMention]) -> date | None:
    """The first day of the text's event: the lead's first, or the first date of the text's
    first section that is not background ("Prelude": 24 February; "Battle": 28 July)."""
    lead = lead_period(text, dates)
    headings = _all_headings(text)
    ends = [h.start() for h in headings[1:]] + [len(text)]
    for h, end in zip(headings, ends, strict=False):  # no headings: no section to look in
        if h["title"].strip().lower() in _words()["background_headings"]:
            continue
        first = next((d.period.start for d in dates if h.end() <= d.start < end), None)
        if first is not None:
            return first if lead is None else min(first, lead.start)
        break
    return lead.start if lead else None
