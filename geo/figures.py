"""Hedged figures about displacement, fighters and territory, with place, period and sentence.

:func:`find_figures` keeps the quantities (:mod:`geo.quantities`) that speak of
the conflict's human or territorial scale, gives each a kind from the words
around it, and attaches the place and period it applies to.

Kinds (README-ready)
--------------------
Decided by the words around the number: a "dead"/"injured" noun first,
then an event word among its modifiers or nearest to it (after it on ties; not
one in a clause about something else: "2,000 troops stormed the town, which had
been captured in May" are fighters), then the person noun, then words saying
people are still there:

===================  ==============================================================
kind                 words (example)
===================  ==============================================================
displaced            left, fled, escaped, evacuated, trudged out, exodus, displaced,
                     expelled, uprooted, driven out, abandoned their homes, crossed
                     (into), evacuees, IDPs, "internally displaced people", moved to
                     shelter/safety ("more than 8,000 people have left Baghuz"); not
                     "left dead", "left wounded"
returned             returned, went/came back, went home, repatriated, returnees ("800
                     families returned", "displaced people went home")
refugees             refugees, asylum seekers, hosted/taken in ("Turkey hosts 3.6
                     million Syrian refugees"): placed at the host country
camp_population      people a camp holds, houses, shelters or hosts, who live or are held in
                     it (whatever their modifier: "25,000 displaced people living in camps"), or
                     "N in camps" ("the camp housing more than 35,000 people", "the
                     camp shelters 45,000 displaced people"; fighters or prisoners a
                     camp holds are detained)
civilians_remaining  a place's population fallen to N ("the town's population fell to just
                     3,000"), trapped, remain(ing), stranded, besieged, under siege, cut off,
                     encircled, human shields, inside, left in, stayed,
                     held/holding (civilians, hostages), just before or after the number,
                     "to rescue", sheltering, hiding, shut in a room ("herded 60
                     villagers into the basement") ("400 people could still be
                     remaining", "besieged 20,000 villagers"); "had N ... left" (a
                     place's people, else a force's men)
fighters             fighters, militants, jihadists, gunmen, insurgents, combatants,
                     extremists, rebels, "-strong"; soldiers/troops/men in a battle,
                     also when they "remain encircled" ("3,000 fighters remain
                     encircled", "the remaining 30 militants"), or the rest of armed
                     men ("out of 90 troops, just 26 were left", "only had 100 men
                     left"), also fighters or soldiers
                     who fled or left (a force withdrawing; with "their families"
                     they are displaced), a unit's strength ("the regiment had
                     1,800 men"); a force a country deploys, stations or has: other
                     (said of the soldiers counted, with no word of combat: "as
                     Russia sent reinforcements, 2,000 troops attacked" fight); not
                     a count that does the harm ("2,000 troops captured the town"),
                     nor armed men whose own verb is one of seeing or saying ("three
                     soldiers saw them leave", "two soldiers told reporters": other)
detained             detained, arrested, captured, held/holding (fighters), surrendered,
                     gave themselves up, laid down their arms, rounded up, custody,
                     prisoners, detainees, POWs ("the SDF is holding 900 fighters")
killed               killed, dead, died, deaths, slain, executed, martyred, perished,
                     lost their lives, "claimed 22 lives", bodies, "among the
                     dead", "the bodies of N", casualties, fatalities, losses, "killed or
                     wounded" (together), "at the cost of N", men "were lost", casualties
                     "may number in the hundreds", "the death toll rose to N", a force
                     that "had lost N fighters", a mass grave; counts listed after the
                     verb or included in a figure share it ("killed six soldiers, five
                     others", "14 dead, including six children"); "the number of
                     displaced people reached
                     N" takes the kind of its words; a verb right before the number
                     outranks a modifier ("executed 21 captured soldiers")
wounded              wounded, injured, injuries, wounds, hurt, maimed, hospitalised, taken
                     or rushed to (a) hospital ("14 people were taken to hospital"); an
                     event word before "and" is the count's before it ("two died and
                     five were wounded")
missing              kidnapped, abducted, missing, disappeared, hostages not held, civilians
                     captured or in captivity ("3,000 women remain in captivity"), "contact
                     was lost with N" ("gunmen kidnapped 35", "freed 16 hostages")
territory_area       an area (km², square miles) captured, lost or seized ("captured 1,400
                     km² of land"), or in a sentence about holding ground
territory_share      "N percent of (its) territory / the caliphate / land / area", or
                     "of <Place> / the city / the country" with a word of control
                     (controls, holds, seized; "remains under rebel control"); after
                     "lost", "retaken", "recaptured", "liberated" ... the share still
                     held is 100 - N (bounds flipped)
(a share of people)  "N% of the <people>" takes the event said of them like a count ("the
                     strike injured 40% of the crew": wounded, unit percent)
other                the whole a part is taken from ("the majority of the city's 150,000
                     inhabitants had fled"); every other count of people, percentage or
                     area; people who attended, rallied, protested, marched ("5,000
                     attended a rally")
===================  ==============================================================

Dropped: bare numbers with neither a person noun nor a verb and event word
right after them ("Class 4 felony", "16 bed shelter"), unless they continue the
figure before them, whose kind they take: one of its members ("four fighters, one
of them a volunteer, were killed") or the same event elsewhere with the verb left
out ("12 were killed in Marun and nine in Kafr Sabt").  Typed other:
percentages of 100 (slogans and totals: "100 percent of the caliphate"), shares
or areas said to be held "once" or "formerly", prisoners set free ("freed
1,000 prisoners"), counts per unit ("each truck carrying four fighters"), and
people counted for anything else ("13 million people need aid", "2,000 U.S.
troops", "could hold 5,300 people").

Modality: "reported" (the default), "expected" (expect(ed), will, would, plan
to, set to, forecast, projected, likely to: "200,000 are expected to leave",
"aid agencies expect 100,000 to flee") or "possible" (may, might, could,
possibly, perhaps: "there may be a thousand fighters"), from the clause before
the number or the first words after it; the kind stays what the words say,
and only reported figures are meant to be drawn by default.  ``cumulative``
marks running totals ("in total", "so far", "since ...", "overall", a death
toll).  Units "families" and "households" stay so ("some 200 families": 200
families), with a people estimate (``people``) only when the article gives the
number itself (:mod:`geo.households`): restated beside the count ("some 200
families, about 1,000 people, fled") or as a family size anywhere in the
article ("families of five", "six people per household"; the count's own
first, else the nearest before it), never from a default factor; the number of
a family size is no figure.  Labels print the report's words: "nearly 40,000
residents displaced", "may be a thousand fighters", never "< 40,000"; an
estimate follows in brackets, as the report's words or marked as computed from
the article's factor ("Some 200 families fled (≈ 1,000 people, by the
article's “families of five”)", "Some 200 families fled (restated as “about
1,000 people”)").
Cue words are data: ``data/vocabulary/figure_cues.json``.

Place, precision (1 site, 2 part of a place/district/governorate/named area,
3 country), place basis, the name as printed and a movement's origin and
destination: :mod:`geo.placing` (never the dateline, a speaker's city, a
person's origin or where someone was taken afterwards).  An aside between
dashes or brackets keeps its places and dates to itself.

Period: the nearest time expression in the clause, the sentence, or the
sentence before in the same paragraph (:mod:`geo.dates`), else the publication
date (basis "publication"); with no publication date, the last date printed
earlier in the section, else none, and a total for a whole event keeps the
event's start (:mod:`geo.periods`).  The members of a list or an aside with no
date of their own share the period and total flag of the figure they follow
("four volunteers—two Americans and two Swedes—were killed on 22 July"), and
the parts of a figure ("186 were killed ..., 100 rebels and 86 soldiers": they
add up to it) take its kind, period and total flag.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING

from geo.articles import Article
from geo.cues import alternatives, cue_re
from geo.dates import Period, find_dates, publication_period
from geo.gazetteer import Place
from geo.households import PeopleEstimate, find_factors, is_size, people_estimate, restates
from geo.periods import (
    figure_period,
    governing_date,
    is_state,
    is_total,
    opens_with_total,
    runs_up_to,
    sums_up_paragraph,
    total_words,
    whole_event,
)
from geo.placing import Context, place_figure, previous_sentence, scopes
from geo.quantities import NOUN_KINDS, Quantity, find_quantities

if TYPE_CHECKING:
    from geo.toponyms import PlaceMention

KINDS = (
    "displaced", "returned", "refugees", "camp_population", "civilians_remaining", "fighters",
    "detained", "killed", "wounded", "missing", "territory_area", "territory_share", "other",
)  # fmt: skip
UNITS = ("people", "families", "households", "km2", "percent")
MODALITIES = ("reported", "expected", "possible")
#: The word a label puts after the amount when the report's own verb does not read as one.
KIND_WORDS = {
    "displaced": "displaced", "returned": "returned", "fighters": "fighters",
    "detained": "detained", "killed": "killed", "wounded": "wounded",
    "civilians_remaining": "remaining", "territory_area": "held", "territory_share": "held",
    "refugees": "refugees", "camp_population": "in camps", "missing": "missing",
}  # fmt: skip
_PARTICIPLE = re.compile(r"[a-z]+ed|[a-z]+ken|left|fled|held|lost|slain|.+ .+")


@dataclass(frozen=True)
class Figure:
    """One number a report gives, exactly as hedged.

    ``value`` is the best estimate, ``low``/``high`` the bounds the hedge
    implies (None where open).  ``unit`` is "people", "km2" or "percent";
    areas given in square miles are converted to km2 and ``original`` keeps
    the printed amount ("2 square miles").  ``hedge`` is the hedge phrase as
    printed ("more than", "nearly", "about", "" for none).  ``cue`` is the word that decided the
    kind ("evacuated", "fighters", "held"; the printed phrase "expected to
    leave" when a modal word after the number governs it).  Offsets index the
    article text: ``text == article.text[start:end]``.

    ``precision``, ``place_basis``, ``place_name``, ``origin`` and ``destination``
    come from :mod:`geo.placing`.  ``modality`` is "reported", "expected"
    ("expected to leave", "will", "plan to") or "possible" ("may", "could");
    ``modal`` is the modal phrase printed before the number ("may be"), which the
    label keeps.  ``cumulative`` marks running totals ("in total", "so far",
    "since the offensive began", a death toll): their period keeps its start.
    Units "families" and "households" stay what they are; ``people`` is the
    people estimate the article itself gives for them (a restated count or its
    family size, :mod:`geo.households`), else None: a default factor would be a
    number no report printed.
    """

    kind: str
    value: float
    low: float | None
    high: float | None
    unit: str
    hedge: str
    text: str
    start: int
    end: int
    sentence: str
    place: Place | None
    date_start: date | None
    date_end: date | None
    date_basis: str
    original: str = ""
    cue: str = ""
    precision: int | None = None
    place_basis: str = ""
    place_name: str = ""
    origin: Place | None = None
    destination: Place | None = None
    modality: str = "reported"
    cumulative: bool = False
    modal: str = ""
    people: PeopleEstimate | None = None

    @property
    def label(self) -> str:
        """The figure in the report's own words: "more than 20,000 evacuated", "nearly 40,000
        displaced", "may be 1,000 fighters", "less than 2 square miles held".

        Hedge and amount are printed as the report printed them (never "< 40,000"); the
        bounds stay data in ``low``/``high``.
        """
        unit = {"km2": " km²", "percent": " %"}.get(self.unit, "")
        unit = {"families": " families", "households": " households"}.get(self.unit, unit)
        printed = f"{self.hedge} {self.original}".strip() if self.original else self.text
        word = self._word
        if any(
            re.search(rf"(?<!\w){re.escape(w)}(?!\w)", printed, re.I) for w in (word, self.cue) if w
        ):
            word = ""  # "hundreds of militants": the noun already says it
        return " ".join(part for part in (self.modal, printed, word, self._people_words) if part)

    @property
    def _people_words(self) -> str:
        """The people estimate, as the report's words or marked as computed from its factor."""
        if self.people is None:
            return ""
        if self.people.source == "restated":
            return f"(restated as “{self.people.words}”)"
        return f"(≈ {_number(self.people.value)} people, by the article's “{self.people.words}”)"

    @property
    def _word(self) -> str:
        """The report's verb where it reads after a number ("> 20,000 evacuated", "≈ 16,000
        left"), else the kind's word ("900 detained", not "900 holding")."""
        if _PARTICIPLE.fullmatch(self.cue) or self.kind not in KIND_WORDS:
            return self.cue
        return KIND_WORDS[self.kind]

    def to_dict(self) -> dict:
        return {
            "kind": self.kind,
            "value": self.value,
            "low": self.low,
            "high": self.high,
            "unit": self.unit,
            "hedge": self.hedge,
            "label": self.label,
            "text": self.text,
            "original": self.original,
            "start": self.start,
            "end": self.end,
            "sentence": self.sentence,
            "place_id": self.place.id if self.place else None,
            "place_geonameid": self.place.geonameid if self.place else None,
            "place_name": self.place_name,
            "precision": self.precision,
            "place_basis": self.place_basis,
            "origin_id": self.origin.id if self.origin else None,
            "destination_id": self.destination.id if self.destination else None,
            "modality": self.modality,
            "cumulative": self.cumulative,
            "date_start": self.date_start.isoformat() if self.date_start else None,
            "date_end": self.date_end.isoformat() if self.date_end else None,
            "date_basis": self.date_basis,
            **people_columns(self.people),
        }


def people_columns(people: PeopleEstimate | None) -> dict:
    """The people estimate as flat columns (JSON, table rows): None and "" when there is none."""
    return {
        "people_value": people.value if people else None,
        "people_low": people.low if people else None,
        "people_high": people.high if people else None,
        "people_basis": people.basis if people else "",
    }


def _number(x: float) -> str:
    if abs(x) >= 10 or x == int(x):
        return f"{x:,.0f}"
    return f"{x:.2g}"


# --- sentences and clauses ----------------------------------------------------------------

_ABBREVIATION_RE = re.compile(
    r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|Gen|Cmdr|Col|Lt|Sgt|Capt|Maj|Gov|Sen|Rep|Prof|St|Jr|Sr"
    r"|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|vs|etc|Inc|Co)\.)$"
)
_SENTENCE_END_RE = re.compile(r"[.!?]+[\"'”’)]*(?=\s+[\"'“‘(]?[A-Z0-9])|\n")
_WRAPPED_LINE = 60


def _wrapped(text: str, newline: int) -> bool:
    """A line break inside a hard-wrapped sentence: a long line with no closing punctuation."""
    line = text[text.rfind("\n", 0, newline) + 1 : newline].strip()
    next_break = text.find("\n", newline + 1)
    following = text[newline + 1 : next_break if next_break >= 0 else len(text)].strip()
    return len(line) >= _WRAPPED_LINE and bool(following) and line[-1] not in ".!?\"”'’:)"


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split at . ! ? before a capital, and at line breaks.

    A full stop after a known abbreviation ("U.S.", "Gen.", "Dec.") does not end
    a sentence, nor does the line break of a hard-wrapped paragraph.
    """
    spans, start = [], 0
    for m in _SENTENCE_END_RE.finditer(text):
        if m[0] == "\n" and _wrapped(text, m.start()):
            continue
        if m[0] != "\n" and _ABBREVIATION_RE.search(text[max(0, m.start() - 12) : m.start() + 1]):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(text)))
    return [
        (s + len(text[s:e]) - len(text[s:e].lstrip()), e) for s, e in spans if text[s:e].strip()
    ]


_CLAUSE_BREAK_RE = re.compile(r"[,;:()\"“”]|\s[—–-]\s|—|–")


def _clause(text: str, sentence: tuple[int, int], start: int, end: int) -> tuple[int, int]:
    """The comma-to-comma stretch of the sentence holding [start, end)."""
    s, e = sentence
    before = [m.end() for m in _CLAUSE_BREAK_RE.finditer(text, s, start)]
    after = _CLAUSE_BREAK_RE.search(text, end, e)
    return (before[-1] if before else s), (after.start() if after else e)


# --- kinds --------------------------------------------------------------------------------


def _cues(words: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.I)


# Each kind's event words; "other": "attended a rally" counts people for another reason.
_EVENT_CUES = {
    kind: cue_re(words)
    for kind, words in (
        ("killed", "killed"), ("wounded", "wounded"), ("detained", "detained"),
        ("displaced", "displaced"), ("refugees", "refugees"), ("camp_population", "camp"),
        ("missing", "missing"), ("other", "gathering"), ("returned", "returned"),
    )
}  # fmt: skip
_REMAINING_CUES = cue_re("remaining")
_HOLD_RE = _cues(r"held|holding|holds?")
_FORCE_NOUNS = {"soldiers", "troops", "men", "servicemen", "members", "officers", "policemen"}
_FAMILIES_TOO_RE = re.compile(
    r"\s*(?:,|and|with)\s+(?:their\s+)?(?:families|relatives|women|children|civilians)\b", re.I
)
_SOLDIER_NOUNS = {"soldiers", "troops", "servicemen", "conscripts", "marines"}
_CIVILIAN_NOUNS = {"civilians", "residents", "people", "hostages", "families", "women", "children"}
_LOST_RE = _cues(
    r"lost|losing|loses|lose|retaken|retook|retake|recaptured?|liberated?|freed"
    r"|cleared|regained|wrested|captured from|seized from|taken back"
)
_PAST_RE = _cues(r"once|formerly|at its (?:height|peak)")
_MODAL_RE = _cues(r"will|would|could|might|(?-i:may)|should")  # not the month "May"
_TERRITORY_OF_RE = re.compile(  # the noun ends its phrase: not "21 per cent of area residents"
    r"\s+of\s+(?:[\w'’-]+\s+){0,3}?(?:territory|territories|caliphate|land|lands|ground"
    r"|enclave|area|areas)\b(?=\s*(?:[,.;:)\"”]|$)|\s+(?:in|of|that|which|it|they|and|held"
    r"|controlled|under|is|was|has|had|once|near|along|around|on)\b)",
    re.I,
)
_PEOPLE_OF_RE = re.compile(  # "70% of the soldiers involved", "half of its population"
    r"\s+of\s+(?:(?:the|its|their|his|her|all)\s+)?(?:[\w'’-]+\s+){0,2}?(?:"
    + "|".join(
        sorted((n for n, k in NOUN_KINDS.items() if n[0] != "-" and k != "killed"), key=len)[::-1]
    )  # "3% of deaths", "half of the dead": a breakdown of the dead, not a count of its own
    + r"|population)(?![\w-])",
    re.I,
)
_PLACE_OF_RE = re.compile(
    r"\s+of\s+(?:the\s+)?(?:(?:north|south|east|west)(?:ern)?\s+|central\s+|old\s+)?"
    r"(?:(?-i:[A-Z])[\w'’-]+|it|city|town|country|village|province|governorate|district|region"
    r"|neighbou?rhoods?)\b",
    re.I,
)
_CONTROL_RE = _cues(
    r"control(?:s|led|ling)?|holds?|holding|held|seized|seizes?|captured?|secur(?:e|es|ed|ing)"
    r"|took|taken|overran|occup(?:y|ies|ied)"
)
_UNDER_CONTROL_RE = re.compile(
    r"\b(?:under\s+(?:[\w-]+\s+){0,2}control|in\s+(?:[\w-]+\s+){0,2}hands|(?:held|controlled)\s+by"
    r"|(?:fallen|fell)\s+to)\b",
    re.I,
)
_HOLDING_GROUND_RE = _cues(
    r"held|holding|holds?|control(?:s|led|ling)?|territory|pocket|enclave"
    r"|caliphate|encompass(?:es|ed|ing)?|besieged|patch|sliver"
)
_BARE_CUE_WORDS = 4
_REMAINING_WORDS = 3
_AUXILIARY = {"could", "may", "might", "still", "be", "are", "is", "were", "was", "been", "have",
              "has", "had", "to", "believed", "thought", "feared", "said", "reported",
              "reportedly", "estimated"}  # fmt: skip
_FORWARD_WORDS = 15
_HARM_KINDS = ("killed", "wounded", "detained", "missing")
_ACTIVE_OBJECT_RE = re.compile(  # "captured the town", "kidnapped a mayor": a verb's object
    r"\s+(?:the|a|an|his|her|their|its|this|that|these|those|several|many|dozens|hundreds"
    r"|thousands|scores)\b",
    re.I,
)
_OTHER_CLAUSE_RE = re.compile(rf",?\s+(?:{alternatives('other_clause')})\b", re.I)
_BACKWARD_WORDS = 6
_NOT_BACKWARD = {"left", "leave", "leaving"}  # "left 130 people dead": the dead decide
_NEAR_ONLY = cue_re("camp")  # "a camp housing 35,000", "35,000 in camps": right beside only
_NEAR_WORDS = 2
_LEFT_IN_RE = re.compile(r"left(?:\s+(?:in|inside|behind)\b|\s*(?:[.;:]|$))", re.I)
_LEFT_AFTER_RE = re.compile(r"\s*left\b", re.I)
_HAD_LEFT_RE = re.compile(  # "only had 100 men left": what a force still has, not who fled
    r"\b(?:had|have|has|with)\s+(?:only\s+|just\s+|barely\s+)?$", re.I
)
_BY_RE = re.compile(r"\s+by\b", re.I)
_CAPACITY_RE = re.compile(r"\b(?:can|could|would|will|to)\s+$", re.I)
_PASSIVE_RE = re.compile(r"\b(?:were|are|is|was|being|been|be|got)\s+(?:\w+ly\s+)?$", re.I)
_BARE_NEXT_RE = re.compile(
    r"\s+(?:were|was|are|is|have|has|had|who|remain\w*|more(?!\s+(?-i:[a-z]+s)\b)|others|still|inside"
    r"|of\s+(?:them|those|whom|(?:their|its|our|his)\s+own))\b",
    re.I,
)
_OF_OWN_RE = re.compile(r"\s+of\s+(?:their|its|our|his)\s+own\b", re.I)  # "lost 15 of their own"
_TOTAL_RE = re.compile(  # "the death toll rose to 54", "the number of displaced people reached"
    r"\b(?:(?P<toll>death toll\s+)|number\s+of\s+(?:[\w-]+\s+){1,3}?)(?:[\w-]+\s+){0,8}?"
    r"(?:to|at|of|is|was|reached|hit|topped|passed|exceeded)\s+$",
    re.I,
)
_AMONG_RE = re.compile(r"\bamong\s+the\s+(?P<what>dead|killed|wounded|injured|missing)\b", re.I)
_EVENT_KIND_OF = {"dead": "killed", "killed": "killed", "wounded": "wounded", "injured": "wounded",
                  "missing": "missing"}  # fmt: skip
_CAMP_VERB_RE = cue_re("camp_verbs")
_FORCE_RE = cue_re("force_nouns")
_DEPLOYED_RE = cue_re("deployed")
_COMBAT_RE = cue_re("combat")
_OWN_WORDS = 8
_SUBORDINATE_RE = re.compile(r",?\s+(?:when|as|after|before|until|because|since)\b", re.I)
_OWNER_RE = re.compile(rf"{cue_re('deployed_owner').pattern}\s+$", re.I)
_UNIT_OF_RE = re.compile(rf"{cue_re('military_units').pattern}\s+of\s+$", re.I)
_UNITS = "|".join(alternatives(name) for name in ("military_units", "armed_groups", "owner_groups"))
_UNIT_OWNER_RE = re.compile(  # "the regiment had 1,800 men", "the group has 1,000 members"
    rf"(?<![\w-])(?:{_UNITS})\s+(?:\w+\s+)?{cue_re('deployed_owner').pattern}\s+$", re.I
)
_CASUALTIES_RE = cue_re("casualties")
_COST_OF_RE = re.compile(rf"{cue_re('cost_of').pattern}\s+$", re.I)
_DEAD_OF_RE = re.compile(rf"{cue_re('dead_of').pattern}\s+of\s+(?:the\s+)?$", re.I)
_MISSING_OF_RE = re.compile(rf"{cue_re('missing_of').pattern}\s+of\s+(?:the\s+)?$", re.I)
_WOUNDED_OF_RE = re.compile(rf"{cue_re('wounded_of').pattern}\s+of\s+(?:the\s+)?$", re.I)
_ANOTHER_RE = re.compile(rf"{cue_re('another').pattern}\s+$", re.I)
_STILL_THERE_RE = cue_re("still_there")
_FREED_RE = cue_re("freed")
_WITNESS_RE = re.compile(
    rf"\s+(?:(?:\w+ly|later|also|then|had|have|has)\s+)*{cue_re('witnessed').pattern}", re.I
)
_RELEASE_RE = re.compile(rf"{_FREED_RE.pattern}|releas(?:e|es|ed|ing)", re.I)
_PARTITIVE_RE = re.compile(r"\sof\s+the\s", re.I)
_THING_AFTER_RE = re.compile(
    rf"\s+(?!(?:{alternatives('not_modifiers')}|{alternatives('auxiliary_after')})\b)(?-i:[a-z]+)\b",
    re.I,
)
_PER_UNIT_BEFORE_RE = cue_re("per_unit")
_PER_UNIT_AFTER_RE = re.compile(rf"\s+(?:{alternatives('per_unit')})\b", re.I)
_ARMED_GROUP_RE = cue_re("armed_groups")
_NUMBERING_RE = re.compile(rf"{cue_re('numbering').pattern}\s+(?:between\s+)?$", re.I)
_EXCHANGE_RE = cue_re("exchange")
_THINGS_AFTER_RE = re.compile(r"\s+(?-i:[a-z]+s)\b")  # "of over 250 pieces": things, not people
_AUXILIARY_NEXT_RE = re.compile(r"\s+(?:were|was|are|is|had|have|has|been)\b", re.I)
_VERB_BEFORE_RE = re.compile(  # "the assault killed 14 and injured 30", "... and captured 5"
    r"(?:"
    + "|".join(_EVENT_CUES[k].pattern for k in ("killed", "wounded", "missing", "detained"))
    + r")\s+$",
    re.I,
)
_COUNT_ENDS_RE = re.compile(r"\s*(?:[,.;:)]|(?:and|or|in|on|at|during|near)\b|$)", re.I)
_LEADING_RE = re.compile(r"^[\s\"”’']*(?:(?:\w+ly|later|also|then|soon|since)\s+)?")
_VERB_AFTER_RE = re.compile(  # "12 surrendering soldiers were killed", "displaced people went home"
    r"\s+(?:(?:were|was|had been|have been|has been|had|have|began|started|continued)\s+"
    r"(?:to\s+)?)?(?:\w+ly\s+)?",
    re.I,
)
_AREA_TAKEN_RE = cue_re("area_taken")
_CONFINED_RE = re.compile(rf"{cue_re('confined').pattern}\s+$", re.I)
_ROOM_AFTER_RE = re.compile(
    rf"[^.;]{{0,40}}?\b(?:into|in|inside)\s+(?:the\s+|a\s+)?(?:[\w-]+\s+){{0,2}}?"
    rf"{cue_re('rooms').pattern}",
    re.I,
)
_MISSING_BEFORE_RE = re.compile(rf"{cue_re('missing').pattern}\s+$", re.I)
_LAST_WORDS = 4
_ARMED_RE = re.compile(
    rf"{cue_re('force_nouns').pattern}|(?<![\w-])(?:"
    + "|".join(noun for noun, kind in NOUN_KINDS.items() if kind == "fighters" and noun[0] != "-")
    + r")(?![\w-])",
    re.I,
)
_OF_THE_LEAD_RE = re.compile(r"\s*(?:out\s+)?of\s+(?:the|its|their|his)\s", re.I)
_CIVILIAN_RE = re.compile(rf"(?<![\w-])(?:{'|'.join(_CIVILIAN_NOUNS)})(?![\w-])", re.I)
_CONJUNCTION_RE = re.compile(r"\b(?:and|while|but|whereas)\b", re.I)
_CIVILIANS_TOO_RE = re.compile(r"\s*(?:,|and)\s*(?:women|children)\b", re.I)
_CAMP_RE = cue_re("camp")
_CAMP_POPULATION_RE = re.compile(
    rf"(?:{_CAMP_RE.pattern}(?:['’]s)?\s+population|population\s+of\s+the\s+{_CAMP_RE.pattern})"
    r"\s+(?:[\w-]+\s+){0,3}?(?:to|at|of|is|was|reached|hit|topped|exceeded|passed)\s+$",
    re.I,
)
_CAMP_BEFORE_RE = re.compile(  # "the camp shelters", "a camp, which now houses": its people
    rf"{_CAMP_RE.pattern}[\s,]+(?:(?:which|that|now|currently|still|already|is|was|has|had)\s+)*"
    rf"(?P<verb>{_CAMP_VERB_RE.pattern})\s+$",
    re.I,
)
_IN_CAMP_RE = re.compile(  # "... are living in the camps", "... are held in a camp": its people
    r"(?:\s*(?:,|and)\s+(?:their\s+)?(?:children|women|families))?"  # "women and children"
    r"\s+(?:(?:are|were|is|was|now|still|currently|have|has|had|been|being)\s+)*"
    rf"(?P<verb>{_CAMP_VERB_RE.pattern}|held|kept)\s+(?:in|at)\s+(?:the\s+|a\s+)?"
    rf"(?:[\w'’-]+\s+){{0,3}}?{_CAMP_RE.pattern}",
    re.I,
)
_CAPTIVE_RE = re.compile(r"captur(?:e|ed|ing)|captiv(?:e|ity)|taken (?:prisoner|captive)", re.I)
_HOST_BEFORE_RE = re.compile(rf"{_CAMP_VERB_RE.pattern}\s+$", re.I)
_POPULATION_FELL_RE = re.compile(  # "the town's population fell to just 3,000": who is still there
    rf"\bpopulation\s+(?:\w+\s+){{0,2}}?{cue_re('population_fell').pattern}\s+(?:\w+\s+){{0,2}}?"
    r"to\s+(?:(?:just|only|barely|merely)\s+)?$",
    re.I,
)
_NATIONALS_RE = re.compile(r"(?-i:[A-Z][a-z]+(?:ians|ans|is|ese))$")  # "Syrians", "Iraqis"
_HELD_KINDS = ("fighters", "detained")  # "the camp holds 900 fighters": detained, not residents
_LOST_PEOPLE_RE = re.compile(rf"(?:{cue_re('lost_people').pattern})\s+(?:\w+\s+){{0,2}}$", re.I)
_LOSSES_AT_RE = re.compile(  # "estimated Russian losses at 1,500": the casualties' number
    rf"{_CASUALTIES_RE.pattern}\s+(?:[\w-]+\s+){{0,8}}?"
    r"(?:at|to|of|reached|totall?ed|numbered|amounted\s+to|stood\s+at|were|was)\s+$",
    re.I,
)
_ENCIRCLED_RE = cue_re("encircled")
_ENCIRCLED_BEFORE_RE = re.compile(rf"{_ENCIRCLED_RE.pattern}\s+$", re.I)
_POSSIBLE_RE = cue_re("possible")
_EXPECTED_RE = cue_re("expected")
_CUMULATIVE_RE = cue_re("cumulative")
_MODAL_AFTER_WORDS = 4
_MODAL_AFTER_START = 2  # "are expected to leave", not "some of them possibly hostages"
_MODAL_PHRASE_RE = re.compile(  # "There may be a thousand": "may be" is what the label keeps
    r"(?P<modal>\b(?:may|might|could|would|will)(?:\s+(?:still\s+)?(?:be|have))?"
    r"|\b(?:are|is|were)\s+expected\s+to\s+be)\s+$",
    re.I,
)


@dataclass(frozen=True)
class _Context:
    """The words around a quantity that decide its kind."""

    before: str  # the clause before the number, at most a few words
    lead: str  # the whole sentence before the number
    after: str  # the rest of the sentence after the number, up to the next number
    sentence: str
    counted_next: bool = False  # whether ``after`` stops at the next number


def _cue_counts(m: re.Match, distance: int, forward: bool, ctx: _Context) -> bool:
    """Whether an event word at ``distance`` words from the number speaks for it.

    A capitalised word inside the sentence is part of a name ("Internally
    Displaced Peoples' camp"); "camp"/"shelter" count only right beside the
    number; "left" before a number is "left 130 people dead"; and "held" after
    a number must be passive ("900 were held"), not "10 Indians held an opinion";
    "could hold 5,300 people" is a capacity, "held by 500 fighters" says who holds.
    """
    word = m[0]
    if word[0].isupper() or (_NEAR_ONLY.fullmatch(word) and distance > _NEAR_WORDS):
        return False
    if forward and _NEAR_ONLY.fullmatch(word) and not ctx.after[: m.start()].strip():
        return False  # "41 settlements", "12 camps": a count of camps, not of their people
    if forward and _LEFT_IN_RE.match(ctx.after, m.start()):  # "1,000 left in the town": still there
        return False
    if forward and word.lower() == "left" and _HAD_LEFT_RE.search(ctx.before):
        return False
    if forward:
        return not _HOLD_RE.fullmatch(word) or bool(_PASSIVE_RE.search(ctx.after[: m.start()]))
    if _HOLD_RE.fullmatch(word) and _CAPACITY_RE.search(ctx.before[: m.start()]):
        return False
    if _HOLD_RE.fullmatch(word) and _BY_RE.match(ctx.before, m.end()):
        return False  # "the dam was held by hundreds of fighters": they hold it
    return word.lower() not in _NOT_BACKWARD and distance <= _BACKWARD_WORDS


_WHOLE_OF_RE = re.compile(  # "the vast majority of the city's 150,000 inhabitants had fled"
    r"\b(?:majority|most|many|some|part|bulk|rest|remainder|fraction)\s+of\s+(?:the|its|their)"
    r"\s+(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
_ASIDE_RE = re.compile(r"\([^()]*\)")  # "21 rebels (including a defected officer) ... killed"


def _own_words_after(ctx: _Context) -> str:
    """The few words after the number that speak of the count itself: up to a clause about
    something else or a subordinate one ("when the attack began"), at most ``_OWN_WORDS``."""
    other_clause = _OTHER_CLAUSE_RE.search(ctx.after) or _SUBORDINATE_RE.search(ctx.after)
    after = ctx.after[: other_clause.start()] if other_clause else ctx.after
    return " ".join(after.split()[:_OWN_WORDS])


def _deployed(ctx: _Context) -> bool:
    """Whether soldiers are a force a country deploys, stations or keeps ("Turkey sent 5,000
    troops", "900 soldiers were stationed at the base"): a deployment word in the clause
    before the number or among the count's own words after it, and no word of combat there
    ("1,500 soldiers stayed to defend the airport", "600 troops trained by the US stormed the
    town" fight; "as Russia sent reinforcements, 2,000 troops attacked" too)."""
    own = _own_words_after(ctx)
    if _COMBAT_RE.search(own):
        return False
    return bool(_DEPLOYED_RE.search(ctx.before) or _DEPLOYED_RE.search(own))


def _did_harm(kind: str, m: re.Match, after: str) -> bool:
    """Whether a verb of harm after the number is active with an object of its own."""
    return (
        kind in _HARM_KINDS
        and bool(_ACTIVE_OBJECT_RE.match(after, m.end()))
        and not _PASSIVE_RE.search(after[: m.start()])
    )


_RELATIVE_RE = re.compile(r"\s*,?\s*(?:who|that)\b", re.I)
_PERFECT_RE = re.compile(r"\b(?:had|have|has)\s+(?:\w+ly\s+)?$", re.I)


def _nearest_event(ctx: _Context, limit: int) -> tuple[str, str]:
    """(kind, cue word) of the event word nearest the number, within ``limit`` words.

    A verb of harm after the number with an object of its own ("2,000 troops captured the
    town", "50 gunmen kidnapped a mayor") says what the count did, not what befell it.
    After the number, the verb of the count ("were killed") outranks event words of a phrase
    before it ("30 civilians trying to flee the city were killed"), but not a participle
    right after the noun ("500 soldiers wounded in the battle were evacuated").
    Words after the number win ties, up to a clause about something else ("2,000 troops
    stormed the town, which had been captured in May", "... where a shell killed a
    teacher", "held the line while the wounded were evacuated": ``other_clause`` in
    ``data/vocabulary/figure_cues.json``).  After a relative clause, the count's own
    verb is the last one with its auxiliary ("2,000 civilians who fled to Turkey had
    returned").  An event word before the number that
    "and", "while" or "but" sets apart from it belongs to the count before it
    when a word after the number speaks for this one ("two soldiers died and
    five were wounded").
    """
    backward, forward = [], []
    other_clause = _OTHER_CLAUSE_RE.search(ctx.after)
    reach = other_clause.start() if other_clause else len(ctx.after)
    for kind, pattern in _EVENT_CUES.items():
        for m in pattern.finditer(ctx.before):
            distance = len(ctx.before[m.end() :].split())
            if distance <= limit and _cue_counts(m, distance, False, ctx):
                apart = bool(_CONJUNCTION_RE.search(ctx.before, m.end()))
                backward.append((distance, 1, kind, m[0], apart))
        for m in pattern.finditer(ctx.after):
            distance = len(_ASIDE_RE.sub(" ", ctx.after[: m.start()]).split())
            if ctx.counted_next and m.start() and not ctx.after[m.end() :].strip():
                continue  # "killed six soldiers, five civilians, and wounded 30": the 30's verb
            if _did_harm(kind, m, ctx.after):
                continue  # "2,000 troops captured the town": they did it, to others
            if distance <= limit and m.start() < reach and _cue_counts(m, distance, True, ctx):
                finite = bool(_PASSIVE_RE.search(ctx.after[: m.start()]))
                main = finite or bool(_PERFECT_RE.search(ctx.after[: m.start()]))
                forward.append((distance, 0, kind, m[0], finite, main))
    if len(forward) > 1 and _RELATIVE_RE.match(ctx.after) and any(cue[5] for cue in forward):
        forward = [max(cue for cue in forward if cue[5])]  # "2,000 who fled ... had returned"
    if forward and all(cue[0] for cue in forward) and any(cue[4] for cue in forward):
        forward = [cue for cue in forward if cue[4]]  # "30 civilians trying to flee were killed"
    if forward:
        backward = [cue for cue in backward if not cue[4]]
    found = backward + forward
    return min(found)[2:4] if found else ("", "")


def _total_kind(total: re.Match) -> tuple[str, str]:
    """The kind of a running total: 'death toll' -> killed, 'number of displaced people' ..."""
    if total["toll"]:
        return "killed", "dead"
    for kind, pattern in _EVENT_CUES.items():
        if cue := pattern.search(total[0]):
            return kind, cue[0]
    nouns = [w for w in total[0].lower().split() if NOUN_KINDS.get(w)]
    if nouns:
        return NOUN_KINDS[nouns[0]], nouns[0]
    armed = _ARMED_RE.search(total[0]) or _ARMED_GROUP_RE.search(total[0])
    return ("fighters", armed[0]) if armed else ("other", "")  # "the number of troops rose to"


def _near_words(after: str) -> list[str]:
    """The first few words after a number, auxiliaries skipped ("could still be remaining")."""
    words = after.split()
    skipped = next((i for i, w in enumerate(words) if w.lower() not in _AUXILIARY), len(words))
    return words[: skipped + _REMAINING_WORDS]


def _last_words(text: str) -> str:
    """The last few words of ``text``: a cue there stands right before the number."""
    return " ".join(text.split()[-_LAST_WORDS:])


def _verb_after(ctx: _Context) -> tuple[str, str] | None:
    """The event a verb right after the noun reports, which says more than a modifier
    ("12 surrendering soldiers were killed": killed, not detained)."""
    if verb := _VERB_AFTER_RE.match(ctx.after):
        for kind, pattern in _EVENT_CUES.items():
            if cue := pattern.match(ctx.after, verb.end()):
                return kind, cue[0]
    return None


def _verb_before(ctx: _Context) -> tuple[str, str] | None:
    """The event a verb right before the number reports, which says more than a modifier
    ("executed 21 captured soldiers": killed, not detained)."""
    if verb := _VERB_BEFORE_RE.search(ctx.before):
        for kind in ("killed", "wounded", "missing"):
            if cue := _EVENT_CUES[kind].search(verb[0]):
                return kind, cue[0]
    return None


def _verb_of_count(pattern: re.Pattern, words: str) -> bool:
    """Whether an event word opens ``words`` as the verb of a bare count ("two killed in"),
    not as an adjective before another noun ("the two captured bases")."""
    m = pattern.match(words)
    return bool(m) and not _THING_AFTER_RE.match(words, m.end())


def _of_armed_men(q: Quantity, ctx: _Context) -> bool:
    """Whether a bare count is a part of armed men the sentence opens with ("Of the 400
    defenders, only 70 escaped"): it counts them."""
    return (
        not q.unit
        and bool(_OF_THE_LEAD_RE.match(ctx.lead))
        and bool(_ARMED_RE.search(ctx.lead))
        and not _CIVILIAN_RE.search(ctx.lead)
    )


def _stays(words: str) -> bool:
    """Whether ``words`` open with a verb of staying ("stayed", "remained in the building")
    and no event word follows it closely ("200 remain missing" are missing)."""
    head = " ".join(words.split()[:_REMAINING_WORDS])
    return _verb_of_count(_REMAINING_CUES, words) and not any(
        p.search(head) for p in _EVENT_CUES.values()
    )


def _people_kind(q: Quantity, ctx: _Context) -> tuple[str, str] | None:
    """Kind and cue of a count of people; None for a bare number nothing speaks for.

    A bare number (no person noun) needs a verb or "more"/"others" right after
    it ("three were wounded", "56 more", "thousands inside") and an event word
    within a few words; "Class 4 felony", "16 bed shelter" are not counts.
    """
    if _CAMP_POPULATION_RE.search(ctx.before):  # "the camp's population rose to 70,000"
        return "camp_population", "population"
    if _WHOLE_OF_RE.search(ctx.before):  # the whole a part is taken from: not the part's count
        return "other", ""
    if population := _POPULATION_FELL_RE.search(ctx.before):
        return "civilians_remaining", population[0].split()[0].lower()
    losses = _LOSSES_AT_RE.search(ctx.before)  # not "losses of 40 tanks", nor "of 6 dead"
    if losses and not _THING_AFTER_RE.match(ctx.after) and not NOUN_KINDS.get(q.noun):
        return "killed", losses[0].split()[0].lower()
    if total := _TOTAL_RE.search(ctx.before):
        return _total_kind(total)
    if among := _AMONG_RE.search(ctx.before):  # "Among the dead ... were 12 fighters"
        return _EVENT_KIND_OF[among["what"].lower()], among["what"].lower()
    if dead := _DEAD_OF_RE.search(ctx.before):  # "the bodies of 24 civilians"
        return "killed", dead[0].split()[0].lower()
    if hurt := _WOUNDED_OF_RE.search(ctx.before):  # "the injury of 58 others"
        return "wounded", hurt[0].split()[0].lower()
    if lost := _MISSING_OF_RE.search(ctx.before):  # "the whereabouts of 130 detainees"
        return "missing", lost[0].split()[0].lower()
    if not q.unit and q.value < 2:  # "one remaining appointment", "a single shot"
        return None
    numbering = _NUMBERING_RE.search(ctx.before) and not _THINGS_AFTER_RE.match(ctx.after)
    if not NOUN_KINDS.get(q.noun) and numbering:  # "numbering about 500", not "of 250 pieces"
        armed = _ARMED_RE.search(ctx.lead) or _ARMED_GROUP_RE.search(ctx.lead)
        if casualties := _CASUALTIES_RE.search(ctx.before):  # "casualties may number in the"
            return "killed", casualties[0]
        if armed or not q.unit:  # "the battalion comprised some 400 volunteers"
            return ("fighters", q.noun or "numbering") if armed else ("other", "")
    next_words = _LEADING_RE.sub("", ctx.after)  # '"at least 180" killed', "200 likely killed"
    if (
        not q.unit
        and not _BARE_NEXT_RE.match(ctx.after)
        and not _ANOTHER_RE.search(ctx.before)  # "killed 50 and wounded another 96"
        and not (
            (_VERB_BEFORE_RE.search(ctx.before) or _LOST_PEOPLE_RE.search(ctx.before))
            and _COUNT_ENDS_RE.match(ctx.after)
        )
        and not any(_verb_of_count(p, next_words) for p in (*_EVENT_CUES.values(), _REMAINING_CUES))
    ):
        return None
    if _PER_UNIT_BEFORE_RE.search(_last_words(ctx.before)) or _PER_UNIT_AFTER_RE.match(ctx.after):
        return "other", ""  # "each truck carrying four fighters", "400 troops each": per unit
    if NOUN_KINDS.get(q.noun) in ("killed", "wounded"):  # "two dead and at least nine injured"
        if _PARTITIVE_RE.search(q.text) and (later := _nearest_event(ctx, _BARE_CUE_WORDS))[0]:
            return later  # "nine of the wounded later died": what happened to some of them
        return NOUN_KINDS[q.noun], q.noun
    if (camp := _CAMP_BEFORE_RE.search(ctx.lead)) and NOUN_KINDS.get(q.noun) not in _HELD_KINDS:
        return "camp_population", camp["verb"]  # "the camp shelters 45,000 displaced people"
    if (camp := _IN_CAMP_RE.match(ctx.after)) and NOUN_KINDS.get(q.noun) not in _HELD_KINDS:
        return "camp_population", camp["verb"]  # "25,000 displaced people are living in camps"
    if (host := _HOST_BEFORE_RE.search(ctx.before)) and _NATIONALS_RE.search(q.text):
        return "refugees", host[0].split()[0]  # "Turkey now shelters 3.6 million Syrians"
    for kind, pattern in _EVENT_CUES.items():
        if cue := pattern.search(q.modifiers):  # "6.1 million internally displaced people"
            verb = _verb_after(ctx) or _verb_before(ctx)
            if verb and _RELEASE_RE.fullmatch(verb[1]):
                verb = None  # "the 12 kidnapped workers were released": a release ends it
            if verb and kind in ("killed", "wounded") and verb[0] in ("displaced", "returned"):
                verb = None  # "100 wounded soldiers were evacuated": still the wounded
            return verb or (kind, cue[0])
    noun_kind = NOUN_KINDS.get(q.noun, "")
    after = " ".join(_near_words(ctx.after))
    if _COST_OF_RE.search(ctx.before):  # "at the cost of more than 45 fighters"
        return "killed", "killed"
    if casualties := _CASUALTIES_RE.search(_last_words(ctx.before)) or _CASUALTIES_RE.match(
        ctx.after.lstrip()
    ):
        return "killed", casualties[0]  # "killed or wounded 183 soldiers": casualties
    if (confined := _CONFINED_RE.search(ctx.before)) and _ROOM_AFTER_RE.match(ctx.after):
        return "civilians_remaining", confined[0].split()[0]  # "herded 60 villagers into a cellar"
    if missing := _MISSING_BEFORE_RE.search(ctx.before):  # "contact was lost with 25 rebels"
        return "missing", missing[0].strip()
    lost = _LOST_PEOPLE_RE.search(ctx.before)  # "had lost 300 fighters": their dead
    own_count = _OF_OWN_RE.match(ctx.after) or (not q.unit and _COUNT_ENDS_RE.match(ctx.after))
    if lost and (noun_kind == "fighters" or q.noun in _FORCE_NOUNS or own_count):
        return "killed", lost[0].split()[0].lower()  # "lost 15 of its own", "the rebels lost 17"
    encircled = _ENCIRCLED_RE.search(after) or _ENCIRCLED_BEFORE_RE.search(ctx.before)
    if noun_kind == "fighters" and encircled:  # "3,000 fighters remain encircled", "the
        return "fighters", encircled[0].strip()  # remaining 30 militants": present, not dead
    verb = _verb_before(ctx)  # not a headline's "Kills 4 At Discotheque"
    if verb and verb[1][0].islower() and not _AUXILIARY_NEXT_RE.match(ctx.after):
        return verb  # "executed 20 soldiers captured in the base": the verb, not the participle
    armed_noun = noun_kind == "fighters" or bool(_FORCE_RE.fullmatch(q.noun))
    if armed_noun and _WITNESS_RE.match(ctx.after):
        return "other", ""  # "three soldiers saw them leave", "two soldiers told reporters"
    limit = _FORWARD_WORDS if q.unit == "people" else _BARE_CUE_WORDS
    kind, cue = _nearest_event(ctx, limit)
    if _stays(next_words):  # "400 fled and 600 stayed": its own verb, not the one before "and"
        kind, cue = "", ""
    if kind == "detained" and _HOLD_RE.fullmatch(cue) and (unit := _UNIT_OF_RE.search(ctx.before)):
        return "fighters", unit[0].split()[0].lower()  # "held a garrison of 300 troops": its men
    held_people = noun_kind in ("fighters", "detained")  # "holding 900 fighters in camps"
    if (
        _CAMP_VERB_RE.fullmatch(cue or "-")
        and _CAMP_RE.search(f"{ctx.before} {after}")
        and (not held_people)
    ):
        return "camp_population", cue  # "the camp holds 70,000", "70,000 live in the camp"
    if kind == "detained" and _HOLD_RE.fullmatch(cue) and q.noun in _CIVILIAN_NOUNS:
        return "civilians_remaining", cue
    if kind == "detained" and _CAPTIVE_RE.fullmatch(cue) and q.noun in _CIVILIAN_NOUNS:
        return "missing", cue  # "3,000 women remain in captivity": kidnapped, not detained
    freed = _FREED_RE.search(f"{ctx.before} {after}") and not _EXCHANGE_RE.search(ctx.sentence)
    if noun_kind == "detained" and freed:
        return "other", ""  # "freed 1,000 prisoners": no longer held (unless exchanged)
    if noun_kind == "missing" and kind not in ("killed", "wounded"):
        return "missing", q.noun  # "released 42 hostages": taken; "ten hostages were killed"
    if (
        kind == "displaced"
        and (noun_kind == "fighters" or q.noun in _SOLDIER_NOUNS or _of_armed_men(q, ctx))
        and not _FAMILIES_TOO_RE.match(ctx.after)  # "300 fighters and their families left"
    ):
        return "fighters", cue  # "200 soldiers fled the base": a force withdrawing, no refugees
    if kind == "other" and armed_noun and _COMBAT_RE.search(_own_words_after(ctx)):
        return "fighters", q.noun  # "20,000 fighters rallied to defend Afrin": no rally
    if kind:
        return kind, cue
    if _HAD_LEFT_RE.search(ctx.before) and _LEFT_AFTER_RE.match(ctx.after):
        armed = armed_noun or _ARMED_RE.search(ctx.lead)
        return ("fighters" if armed else "civilians_remaining"), "left"  # "had 100 men left"
    if noun_kind:
        return noun_kind, q.noun.lstrip("-")
    if (
        _FORCE_RE.fullmatch(q.noun)
        and (not _deployed(ctx) or _UNIT_OF_RE.search(ctx.before))  # "a garrison of 500 men"
        and not (_OWNER_RE.search(ctx.before) and not _UNIT_OWNER_RE.search(ctx.before))
        and not (_CIVILIANS_TOO_RE.match(ctx.after))
    ):  # "570 soldiers", "30 men" in a battle: fighters; "the U.S. has 2,000 troops": other
        return "fighters", q.noun
    if _CAMP_VERB_RE.search(after) and _CAMP_RE.search(ctx.sentence):
        return "camp_population", _CAMP_VERB_RE.search(after)[0]
    near = " ".join([_last_words(ctx.before), q.modifiers, *_near_words(ctx.after)])
    remaining = _REMAINING_CUES.search(near) or (not q.unit and _STILL_THERE_RE.search(near))
    if (
        remaining
        and not q.unit
        and _ARMED_RE.search(ctx.lead)
        and not _CIVILIAN_RE.search(ctx.lead)
    ):
        return "fighters", remaining[0]  # "out of 90 troops in his company, just 26 were left"
    if remaining:  # "2,000 trapped civilians", "thousands inside"
        return "civilians_remaining", remaining[0]
    return ("other", "") if q.unit == "people" else None


def _territory_kind(q: Quantity, ctx: _Context, text: str) -> tuple[Quantity, str, str]:
    """Territory share/area, with a share said to be lost turned into the share still held;
    a share of people takes the event said of them ("injuring 70% of the soldiers")."""
    if q.unit == "percent" and _PEOPLE_OF_RE.match(text, q.end):
        kind, cue = _nearest_event(ctx, _FORWARD_WORDS)
        return (q, kind, cue) if kind else (q, "other", "")
    if _PAST_RE.search(ctx.before) or _MODAL_RE.search(ctx.before):
        return q, "other", ""
    if q.unit == "percent":
        lost = _LOST_RE.search(ctx.before)
        held = _CONTROL_RE.search(ctx.before) or _UNDER_CONTROL_RE.search(ctx.after)
        of_place = _PLACE_OF_RE.match(text, q.end) and (lost or held)
        if q.value == 100 or not (_TERRITORY_OF_RE.match(text, q.end) or of_place):
            return q, "other", ""
        return (_held_share(q) if lost else q), "territory_share", lost[0] if lost else "held"
    taken = _AREA_TAKEN_RE.search(ctx.before) or _AREA_TAKEN_RE.search(_own_words_after(ctx))
    if taken:  # "captured 1,400 km² of land", "lost 40 km²", "1,000 km2 had been captured"
        return q, "territory_area", taken[0]
    if not _HOLDING_GROUND_RE.search(ctx.sentence):
        return q, "other", ""
    return q, "territory_area", "held"


def _held_share(q: Quantity) -> Quantity:
    """'lost more than 90 percent' -> held less than 10 percent."""
    low, high = (None if x is None else 100 - x for x in (q.high, q.low))
    return replace(q, value=100 - q.value, low=low, high=high)


def _shares_kind(text: str, previous: Figure, q: Quantity, sentence: tuple[int, int]) -> bool:
    """Whether a count with no event word of its own takes the kind of the figure before it:
    listed after it ("killed six soldiers, five others", "616 fighters were killed, as well
    as 91 militiamen") or part of it ("14 civilians dead, including six children")."""
    if any(p.fullmatch(text, previous.end, q.start) for p in (_LIST_RE, _DASH_RE, _AS_WELL_AS_RE)):
        return True
    return sentence[0] <= previous.start and any(
        p.search(text, previous.end, q.start) for p in (_INCLUDING_RE, _INCLUDED_RE)
    )


_AND_BEFORE_RE = re.compile(r"(?:,|\band)\s*$", re.I)
_ELLIPSIS_RE = re.compile(  # "... and nine in Kafr Sabt.": a place, and the verb left out
    r"\s+(?:in|at|near|around|outside|inside)\s+(?:[\w'’-]+\s+){0,5}?[\w'’-]+\s*[.;]?\s*", re.I
)
_PARTICIPLE_WORD_RE = re.compile(r"\b(?-i:[a-z]+ed)\b")  # "and three in the village survived"


def _continues(text: str, previous: Figure, q: Quantity, ctx: _Context, sentence) -> bool:
    """Whether a bare count with no words of its own continues the figure before it in the
    sentence: one of its members ("four fighters, one of them a volunteer, were killed") or
    the same event elsewhere, its verb left out ("12 were killed in Marun and nine in Kafr
    Sabt"; not "... and three in the village survived")."""
    if previous.start < sentence[0] or previous.kind == "other":
        return False
    if _OF_THEM_RE.match(text, q.end):  # "killed 30 people; 12 of them were children"
        return bool(_MEMBER_GAP_RE.fullmatch(text, previous.end, q.start))
    return (
        bool(_AND_BEFORE_RE.search(text, previous.end, q.start))
        and bool(_ELLIPSIS_RE.fullmatch(ctx.after))
        and not _PARTICIPLE_WORD_RE.search(ctx.after)
        and not any(p.search(ctx.after) for p in (*_EVENT_CUES.values(), _REMAINING_CUES))
    )


def _breakdown_of(
    text: str, quantities: Sequence[Quantity], i: int, figures: Sequence[Figure], sentence
) -> Figure | None:
    """The figure earlier in the sentence that quantity ``i`` and those listed after it
    add up to ("186 fighters were killed ..., 100 rebels and 86 soldiers"): its parts
    count what it counts."""
    total, j = quantities[i].value, i + 1
    while (
        j < len(quantities)
        and quantities[j].end <= sentence[1]
        and _LIST_RE.fullmatch(text, quantities[j - 1].end, quantities[j].start)
    ):
        total, j = total + quantities[j].value, j + 1
    if j == i + 1:
        return None
    return next((f for f in reversed(figures) if f.start >= sentence[0] and f.value == total), None)


# --- period scopes ----------------------------------------------------------------------

_GROUP_NAME = r"(?:\s+(?-i:[A-Z][\w'’-]*)){0,2}"  # "12 FSA, 11 YPG and ...": a bare count's group
_JOINED_RE = re.compile(rf"{_GROUP_NAME}\s*(?:\([^()]*\)\s*)?,?\s*(?:and|or|as well as)\s+", re.I)
_LIST_RE = re.compile(  # "70 civilians in Syria and 20 in Turkey", "95% of Kherson Oblast, 70%
    # of Zaporizhzhia Oblast": a list by place too
    r"(?:\s+(?:in|at|near|of)\s+(?:the\s+)?(?-i:[A-Z])[\w'’-]*(?:\s+(?-i:[A-Z])[\w'’-]*)?)?"
    r"\s*(?:,|,?\s*(?:and|or))\s*",
    re.I,
)
_COMMA_RE = re.compile(rf"{_GROUP_NAME}\s*,\s*")
_MEMBER_GAP_RE = re.compile(rf"{_GROUP_NAME}\s*[,;:(—–]\s*")  # "30 people; 12 of them"
_AS_WELL_AS_RE = re.compile(  # "616 fighters were killed, as well as 91 militiamen"
    r"\s+(?:were|was|had been|have been|has been)\s+(?:\w+\s+){0,2}?\w+\s*,\s*"
    r"(?:as well as|along with|together with)\s+",
    re.I,
)
_DASH_RE = re.compile(r"\s*(?:—|–|\s-\s)\s*")
_INCLUDED_RE = re.compile(  # "49 employees, including the consul, three children"
    r"[,(]?\s*(?:including|among them)\s+(?:[\w'’-]+\s+){0,5}?[\w'’-]+\s*,\s*(?:and\s+)?$", re.I
)
_APPOSITION_END_RE = re.compile(r"[^,;.]{0,40},\s*(?!and\b|or\b)(?-i:[a-z])", re.I)
_OF_GAP_RE = re.compile(r"\s+of\s+", re.I)
_OF_THEM_RE = re.compile(r"\s+of\s+(?:them|whom)\b", re.I)
_INCLUDING_RE = re.compile(r"[,(]?\s*(?:including|among them|of them|of whom|of which)\s*$", re.I)


def _next_start(text: str, quantities: Sequence[Quantity], i: int, sentence_end: int) -> int:
    """Where the words that may speak for quantity ``i`` stop: at the next figure.

    A figure inside the first ("17 civilians, including five children, were
    among the dead", "four fighters, one of them a volunteer, were killed")
    does not stop them, nor one in its "of" phrase ("five members of one family
    were killed"), nor one joined to it by "and" ("Two rebels and at least
    five soldiers were killed": both were), nor a list "A, B and C" that "and"
    closes ("61 rebels, 47 fighters and 29 civilians had been killed"), nor
    those in an aside between dashes ("four volunteers—two Britons and two
    Danes—were killed"), nor one restating it between commas ("some 200
    families, about 1,000 people, fled").
    """
    previous_end, listed = quantities[i].end, None  # listed: where an open "A, B" list began
    aside_end = -1
    for q in quantities[i + 1 :]:
        if q.start < aside_end:
            continue
        if previous_end == quantities[i].end and restates(text, quantities[i], q):
            previous_end = q.end  # "200 families (1,000 individuals) fled": one count, restated
            continue
        if previous_end == quantities[i].end and _OF_GAP_RE.fullmatch(text, previous_end, q.start):
            previous_end = q.end  # "five members of one family were killed": its own words
            continue
        close = _DASH_RE.search(text, q.end, sentence_end)
        if _DASH_RE.fullmatch(text, previous_end, q.start) and close:
            previous_end = aside_end = close.end()
            continue
        if _JOINED_RE.fullmatch(text, previous_end, q.start):
            listed = None
        elif _COMMA_RE.fullmatch(text, previous_end, q.start) and not _OF_THEM_RE.match(
            text, q.end
        ):
            listed = q.start if listed is None else listed
        elif not (
            _INCLUDING_RE.search(text, quantities[i].end, q.start) or _OF_THEM_RE.match(text, q.end)
        ):
            return min(q.start if listed is None else listed, sentence_end)
        previous_end = q.end
    if listed is not None and _APPOSITION_END_RE.match(text, previous_end):
        return sentence_end  # "Some 200 families, about 1,000 people, fled": one count, restated
    return sentence_end if listed is None else min(listed, sentence_end)


def _sentence_of(sentences, start: int, end: int, length: int) -> tuple[int, int]:
    """The sentence(s) holding [start, end): a span broken by a line end takes both lines."""
    first = bisect_right(sentences, start, key=lambda span: span[1])  # in text order
    last = bisect_left(sentences, end, lo=first, key=lambda span: span[0])
    if first >= last:
        return 0, length
    return sentences[first][0], sentences[last - 1][1]


# --- figures ------------------------------------------------------------------------------


def _listed_before(text: str, quantities: Sequence[Quantity], i: int) -> bool:
    """Whether quantity ``i`` follows the one before it in a list ("35 ISIL and four")."""
    gap = (quantities[i - 1].end, quantities[i].start)
    return bool(_JOINED_RE.fullmatch(text, *gap) or _COMMA_RE.fullmatch(text, *gap))


def _context(
    text: str,
    quantities: Sequence[Quantity],
    i: int,
    sentence: tuple[int, int],
    clause: tuple[int, int],
) -> _Context:
    q = quantities[i]
    first = i  # "killed 35 ISIL and four YPG fighters": the bare counts listed before share
    while first and not quantities[first - 1].unit and _listed_before(text, quantities, first):
        first -= 1  # the words before them
    previous_end = quantities[first - 1].end if first else sentence[0]
    after_end = _next_start(text, quantities, i, sentence[1])
    return _Context(
        before=text[max(clause[0], previous_end, sentence[0]) : q.start],
        lead=text[sentence[0] : q.start],
        after=text[q.end : after_end],
        sentence=text[sentence[0] : sentence[1]],
        counted_next=any(n.start == after_end for n in quantities[i + 1 : i + 2]),
    )


def _kind(q: Quantity, ctx: _Context, text: str) -> tuple[Quantity, str, str] | None:
    """(quantity, kind, cue); the quantity changes only for a share lost -> held."""
    if q.unit in ("percent", "km2"):
        return _territory_kind(q, ctx, text)
    people = _people_kind(q, ctx)
    return None if people is None else (q, *people)


def _modality(ctx: _Context, cue: str) -> tuple[str, str, str]:
    """(modality, modal phrase printed before the number, cue phrase) of one figure.

    "There may be a thousand fighters": possible, "may be"; "200,000 are
    expected to leave": expected, the cue becomes the printed "expected to leave";
    a modal word in the clause before the number ("aid agencies expect 100,000
    to flee") or within a few words after it governs the figure.
    """
    after = ctx.after.split()[:_MODAL_AFTER_WORDS]
    tail = " ".join(after)
    for modality, pattern in (("possible", _POSSIBLE_RE), ("expected", _EXPECTED_RE)):
        if pattern.search(ctx.before):
            phrase = _MODAL_PHRASE_RE.search(ctx.before)
            return modality, phrase["modal"] if phrase else "", cue
        m = pattern.search(tail)
        if m and len(tail[: m.start()].split()) < _MODAL_AFTER_START:
            printed = " ".join(tail[m.start() :].split())
            ends = [w for w in printed.split() if cue and w.lower().startswith(cue.lower())]
            phrase = printed[: printed.index(ends[0]) + len(ends[0])] if ends else ""
            phrase = phrase.rstrip('.,;:!?"”’)')  # "might flee.": the words, not the stop
            return modality, "", phrase or cue
    return "reported", "", cue


def _unit(q: Quantity) -> str:
    """people, families or households (never converted), km2, percent."""
    if q.noun in ("families", "households"):
        return q.noun
    return q.unit or "people"


def find_figures(article: Article, places: Sequence[PlaceMention] = ()) -> list[Figure]:
    """The hedged figures an article reports, each with kind, place, period and sentence.

    ``places`` are the article's place mentions (``geo.toponyms.find_places``);
    only their offsets, text, ``place`` and ``adjective`` are used, and an empty
    list gives figures with no place.  Placing is :func:`geo.placing.place_figure`.
    """
    text = article.text
    factors = find_factors(text)
    quantities = [q for q in find_quantities(text) if not is_size(factors, q)]
    sentences = sentence_spans(text)
    dates = find_dates(text, article.published)
    where = Context.of(text, places, article.title, sentences)
    fallback = publication_period(article.published)
    figures = []
    last_dated = last_period = None  # of the figure before: a list shares them
    total_periods: dict[int, Period | None] = {}  # by start: a breakdown shares its total's
    for i, q in enumerate(quantities):
        sentence = _sentence_of(sentences, q.start, q.end, len(text))
        clause = _clause(text, sentence, q.start, q.end)
        ctx = _context(text, quantities, i, sentence, clause)
        decided = _kind(q, ctx, text)
        continued = decided is None and bool(figures)
        continued = continued and _continues(text, figures[-1], q, ctx, sentence)
        if continued:  # "four fighters, one of them a volunteer, were killed": its kind
            decided = q, "other", ""
        if decided is None:
            continue
        q, kind, cue = decided
        # an event word or a noun of its own kind ("35 dead and 80 injured"), not just a noun
        own = kind != "other" and (
            cue != q.noun.lstrip("-") or NOUN_KINDS.get(q.noun, "") not in ("", "fighters")
        )
        joined = continued or (bool(figures) and _shares_kind(text, figures[-1], q, sentence))
        if not own and joined:
            kind, cue = figures[-1].kind, figures[-1].cue  # "killed six soldiers, five others"
        whole_of = None if own else _breakdown_of(text, quantities, i, figures, sentence)
        if whole_of is not None:  # "186 were killed ..., 100 rebels and 86 soldiers"
            kind, cue = whole_of.kind, whole_of.cue
        previous = previous_sentence(text, sentences, sentence)
        scope_list = scopes(text, sentence, clause, q.start, previous)
        placing = place_figure(where, kind, q.start, q.end, scope_list, sentence)
        words = total_words(ctx.before, ctx.after, text[q.end : sentence[1]])
        dated = governing_date(text, dates, scope_list, q.start, q.end)
        if dated is not None and dated.start >= q.end + len(ctx.after) and whole_event(words):
            dated = None  # "1,000 were killed during the battle, whereas ... 1,500 on 10 May"
        cued = bool(_CUMULATIVE_RE.search(ctx.before + " " + ctx.after))
        cued = cued or sums_up_paragraph(text, sentence, dated)
        total = is_total(text, q.start, words, dated, cued, kind)
        whole = total or is_total(text, q.start, ctx.sentence, dated, cued, kind)
        undated = article.published is None
        period = figure_period(
            text, dates, dated, sentence, whole, fallback, undated, words, q.end, is_state(kind)
        )
        running = runs_up_to(text, dates, period, dated, sentence[0])
        cumulative = (total or running or opens_with_total(text, sentence)) and not is_state(kind)
        if joined and kind == figures[-1].kind and dated in (None, last_dated):
            period, cumulative = last_period, figures[-1].cumulative  # one list, one period
        if whole_of is not None:
            period, cumulative = total_periods[whole_of.start], whole_of.cumulative
        total_periods[q.start] = period
        last_dated, last_period = dated, period
        modality, modal, cue = _modality(ctx, cue)
        following = quantities[i + 1] if i + 1 < len(quantities) else None
        figures.append(
            Figure(
                kind=kind,
                value=q.value,
                low=q.low,
                high=q.high,
                unit=_unit(q),
                hedge=q.hedge,
                text=q.text,
                start=q.start,
                end=q.end,
                sentence=ctx.sentence.strip(),
                place=placing.place,
                date_start=period.start if period else None,
                date_end=period.end if period else None,
                date_basis=period.basis if period else "",
                original=q.original,
                cue=cue,
                precision=placing.precision,
                place_basis=placing.basis,
                place_name=placing.name,
                origin=placing.origin,
                destination=placing.destination,
                modality=modality,
                cumulative=cumulative,
                modal=modal,
                people=people_estimate(text, q, following, factors),
            )
        )
    return figures
