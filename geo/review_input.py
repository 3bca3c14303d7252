"""What a reviewer types, checked: hostile input made safe and valid before it becomes a review.

A review comes from a page form or a spreadsheet row, and either may carry anything
(a note with ``<script>``, a kind that is no kind, bounds the wrong way round, a date in
2090, a place no gazetteer knows).  Every value is checked against the same vocabularies the
reader uses (kinds, units, modalities, hedges), places are resolved with the gazetteer
lookup ``python -m geo lookup`` runs, and names and notes lose their control characters and
are length-limited.  A bad value raises :class:`BadReview` with a message that says what is
wrong; nothing here escapes for display (each page escapes where it shows, geo.escaping).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import date
from typing import Any, Protocol

from geo.figures import KINDS, MODALITIES, UNITS, sentence_spans
from geo.gazetteer import Candidate, Place
from geo.quantities import HEDGES
from geo.reviews import FIELDS, PLACE_KEYS, Review, field_value, make_review
from geo.tables import GovernorateOf, place_columns

NAME_LIMIT = 80
NOTE_LIMIT = 1000
WORDS_LIMIT = 300
"""Characters at most in a reviewer's name, a note, and the words of an added figure."""
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""Control characters (newline and tab excepted) and bidirectional overrides, which can make
a note display as something else than it says."""
STATUS_OF = {"confirm": "confirmed", "reject": "rejected"}
PRECISIONS = (1, 2, 3)


class BadReview(ValueError):
    """A review value that cannot be accepted; the message says why."""


class Places(Protocol):
    """The gazetteer as reviews use it (``geo.gazetteer.Gazetteer``)."""

    def get(self, place_id: str) -> Place | None: ...

    def lookup(self, name: str, limit: int = 10) -> list[Candidate]: ...


def clean(text: object, limit: int, what: str, *, lines: bool = False) -> str:
    """``text`` without control characters, trimmed; refused when over ``limit`` characters.

    ``lines`` keeps line breaks and tabs (a note); a name is one line.
    """
    text = _CONTROL.sub("", "" if text is None else str(text))
    if not lines:
        text = re.sub(r"\s+", " ", text)
    text = text.strip()
    if len(text) > limit:
        raise BadReview(f"{what} is {len(text):,} characters long: at most {limit:,}")
    return text


def reviewer_name(text: object) -> str:
    name = clean(text, NAME_LIMIT, "the reviewer's name")
    if not name:
        raise BadReview("a review needs the reviewer's name")
    return name


def note(text: object) -> str:
    return clean(text, NOTE_LIMIT, "the note", lines=True)


def _one_of(value: object, known: tuple[str, ...], what: str) -> str:
    if value not in known:
        raise BadReview(f"{_shown(value)} is not a {what}: one of {', '.join(known)}")
    return str(value)


def _shown(value: object) -> str:
    """A value quoted in a message, cut short (messages are shown; they are escaped there)."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "…"


def _number(value: object, what: str, *, required: bool) -> float | None:
    if value is None or value == "":
        if required:
            raise BadReview(f"{what} is needed")
        return None
    try:
        number = float(str(value).replace(",", "")) if isinstance(value, str) else float(value)
    except (TypeError, ValueError):
        raise BadReview(f"{what} {_shown(value)} is not a number") from None
    if not math.isfinite(number) or number < 0:
        raise BadReview(f"{what} {_shown(value)} is not a count or an area (finite, ≥ 0)")
    return number


def bounds(value: object) -> dict:
    """``{"value", "low", "high"}``: numbers, low ≤ value ≤ high; an open side is None."""
    if not isinstance(value, dict):
        raise BadReview("bounds are given as value, low and high")
    amount = _number(value.get("value"), "the value", required=True)
    low = _number(value.get("low"), "the low bound", required=False)
    high = _number(value.get("high"), "the high bound", required=False)
    if (low is not None and low > amount) or (high is not None and amount > high):
        raise BadReview(
            f"bounds out of order: need low ≤ value ≤ high, got {low}, {amount}, {high}"
        )
    return {"value": amount, "low": low, "high": high}


def day(value: object, what: str, today: date) -> str | None:
    """An ISO date that exists and is not after ``today``; None for none."""
    if value is None or value == "":
        return None
    try:
        found = date.fromisoformat(str(value).strip())
    except ValueError:
        raise BadReview(f"{what} {_shown(value)} is not a date (YYYY-MM-DD)") from None
    if found > today:
        raise BadReview(f"{what} {found} is in the future")
    return found.isoformat()


def period(value: object, today: date) -> dict:
    """``{"date_start", "date_end"}``: real days, not in the future, start not after end."""
    if not isinstance(value, dict):
        raise BadReview("a period is given as date_start and date_end")
    start = day(value.get("date_start"), "the start", today)
    end = day(value.get("date_end"), "the end", today)
    if start and end and start > end:
        raise BadReview(f"the period starts ({start}) after it ends ({end})")
    return {"date_start": start, "date_end": end}


def hedge(value: object) -> str:
    text = clean(value, 40, "the hedge")
    if text and text.lower() not in HEDGES:
        raise BadReview(f"{_shown(text)} is not a hedge the reader knows (e.g. more than, nearly)")
    return text


def precision(value: object) -> int | None:
    if value is None or value == "":
        return None
    try:
        level = int(value)
    except (TypeError, ValueError):
        level = None
    if level not in PRECISIONS or float(value) != level:
        raise BadReview(f"precision {_shown(value)} is not 1 (town), 2 (area) or 3 (country)")
    return level


def place(value: object, places: Places, governorate_of: GovernorateOf) -> dict:
    """A gazetteer place, as a review stores it, from its id or its name (best candidate).

    The name is looked up exactly as ``python -m geo lookup`` does; a name the gazetteer
    does not know is refused, never stored as a place.
    """
    if isinstance(value, dict):
        value = value.get("place_id")
    query = clean(value, 200, "the place")
    if not query:
        raise BadReview("a place is needed: its gazetteer id or its name")
    found = places.get(query)
    if found is None:
        candidates = places.lookup(query, limit=1)
        found = candidates[0].place if candidates else None
    if found is None:
        raise BadReview(f"{_shown(query)} is not in the gazetteer")
    columns = {**place_columns(found, governorate_of), "kind": found.kind}
    return {k: columns[k] for k in PLACE_KEYS}


Checker = Callable[[object], Any]


def checkers(places: Places, governorate_of: GovernorateOf, today: date) -> dict[str, Checker]:
    """Per reviewable field, the function that checks (and normalises) a new value."""
    return {
        "status": lambda v: _one_of(v, ("machine-read", "confirmed", "rejected"), "status"),
        "kind": lambda v: _one_of(v, KINDS, "figure kind"),
        "unit": lambda v: _one_of(v, UNITS, "unit"),
        "modality": lambda v: _one_of(v, MODALITIES, "modality"),
        "hedge": hedge,
        "bounds": bounds,
        "period": lambda v: period(v, today),
        "precision": precision,
        "place": lambda v: place(v, places, governorate_of),
    }


def find_words(text: str, words: str) -> tuple[int, int]:
    """The span of the first place ``words`` occur in ``text`` (an added figure's span)."""
    words = clean(words, WORDS_LIMIT, "the words")
    if not words:
        raise BadReview("paste the exact words of the figure from the article")
    start = text.find(words)
    if start < 0:
        raise BadReview(f"{_shown(words)} is not in the article's text (paste it exactly)")
    return start, start + len(words)


def added_figure(
    text: str, span: tuple[int, int], values: dict, article: dict, check: dict[str, Checker]
) -> dict:
    """A figure a reviewer read that the machine missed, as an ``add`` review stores it.

    ``values`` holds kind, bounds, unit, hedge, modality, precision, period and place (optional);
    ``article`` the article's outlet, published, title and url, so the row shows like the others.
    """
    start, end = span
    sentence = next((text[a:b] for a, b in sentence_spans(text) if a <= start < b), "")
    where = values.get("place")
    located = check["place"](where) if where else dict.fromkeys(PLACE_KEYS)
    return {
        "kind": check["kind"](values.get("kind")),
        **check["bounds"](values.get("bounds")),
        "unit": check["unit"](values.get("unit", "people")),
        "hedge": check["hedge"](values.get("hedge", "")),
        "modality": check["modality"](values.get("modality", "reported")),
        "precision": check["precision"](values.get("precision")),
        **check["period"](values.get("period") or {}),
        **{k: v for k, v in located.items() if k != "kind"},
        "place_kind": located["kind"],
        "place_basis": "review" if where else "",
        "text": text[start:end], "label": text[start:end], "sentence": sentence.strip(),
        "cumulative": False, "date_basis": "review",
        **{k: article.get(k) for k in ("outlet", "published", "title", "url")},
    }  # fmt: skip


def review_of(
    row: dict,
    target: str,
    action: str,
    field: str,
    value: object,
    reviewer: str,
    note_text: str,
    check: dict[str, Checker],
) -> Review:
    """A checked review of one row (an effective figure or mention, reviews applied).

    ``confirm`` and ``reject`` set the status; ``correct`` sets ``field`` to ``value``;
    the old value is what the row shows now, so an undo puts exactly that back.
    """
    if action in STATUS_OF:
        field, value = "status", STATUS_OF[action]
    if field not in FIELDS[target] or field == "figure":
        raise BadReview(f"a {target} has no field {_shown(field)} to correct")
    new = check[field](value)
    old = row.get("review_status") if field == "status" else field_value(row, target, field)
    if field == "status" and old not in ("confirmed", "rejected"):
        old = "machine-read"
    span = (int(row["start"]), int(row["end"]))
    return make_review(
        str(row["article_id"]), target, span, field, action, old, new,
        reviewer_name(reviewer), note(note_text),
    )  # fmt: skip


def decoded(text: str) -> object:
    """A spreadsheet cell's value: JSON when it reads as JSON, else the text itself
    (so a cell may say ``killed`` or ``Hajin`` without JSON quotes)."""
    try:
        return json.loads(text)
    except ValueError:
        return text


def default_checkers(today: date | None = None) -> dict[str, Checker]:
    """The checkers over the bundled gazetteer and boundaries (loaded on first use)."""
    from geo.boundaries import governorate_id_of
    from geo.gazetteer import default_gazetteer

    return checkers(default_gazetteer(), governorate_id_of, today or date.today())
