"""Human review of what the machine read: the review record, and the effective rows it gives.

A review never edits an extracted row.  It is a record in its own table (article id, target,
span, field, old value, new value, reviewer, time, note), and the figures and mentions the
pages show are the store's rows with every review applied on read (:func:`apply`).  So the
history is complete (undo is one more review, restoring the old value), two reviewers saving
at once both keep their record (the later one wins), and a re-extraction, which rewrites an
article's rows, loses nothing: reviews attach to the article id and the span, and a review
whose span the new reading no longer has is listed as detached (:func:`detached`), never
dropped.

Values are JSON: a status ("confirmed", "rejected", "machine-read"), a kind, a hedge, a unit,
a modality, a precision, bounds ``{"value", "low", "high"}``, a period ``{"date_start",
"date_end"}``, a place (the gazetteer place's columns, so a review reads the same whatever
gazetteer loads later), and for a figure the reader missed, the whole figure (field
``figure``).  Checking what a reviewer typed is :mod:`geo.review_input`'s job.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4

import pandas as pd

from geo.filters import Filters

TARGETS = ("figure", "mention")
ACTIONS = ("confirm", "reject", "correct", "add", "undo")
STATUSES = ("machine-read", "confirmed", "corrected", "added", "rejected")
"""What ``review_status`` says of a row; "added" is a figure a reviewer read that the machine
missed, "rejected" one a reviewer says is no figure (or, for a mention, no place)."""
REVIEWED = ("confirmed", "corrected", "added")
"""The statuses the "reviewed only" filter keeps: a person stands behind the row."""
FIELDS = {
    "figure": ("status", "kind", "bounds", "hedge", "unit", "place", "precision", "period",
               "modality", "figure"),
    "mention": ("status", "place"),
}  # fmt: skip
PLACE_KEYS = ("place_id", "geonameid", "name", "kind", "lat", "lon", "country", "admin1",
              "governorate_id")  # fmt: skip
"""A place as a review stores it: the columns a row carries for its place."""
_COLUMNS = {
    "kind": ("kind",), "hedge": ("hedge",), "unit": ("unit",), "modality": ("modality",),
    "precision": ("precision",), "bounds": ("value", "low", "high"),
    "period": ("date_start", "date_end"),
}  # fmt: skip
REVIEW_COLUMNS = ["review_status", "reviewer", "reviewed_at"]
"""The columns :func:`apply` adds to every row."""
ROW_COLUMNS = ["id", "article_id", "target", "start", "end", "field", "action", "old_value",
               "new_value", "reviewer", "created", "note"]  # fmt: skip
"""The ``reviews`` table's columns, in order."""

Key = tuple[str, int, int]
"""A row's address: article id, start and end offsets in the article text."""


@dataclass(frozen=True)
class Review:
    """One review action on one field of one figure or mention (addressed by its span).

    ``old_value``/``new_value`` are JSON text (so the record hashes and pickles);
    :attr:`old` and :attr:`new` decode them.  ``created`` is UTC and orders reviews:
    the later of two reviews of the same field wins.
    """

    article_id: str
    target: str
    start: int
    end: int
    field: str
    action: str
    old_value: str
    new_value: str
    reviewer: str
    created: datetime
    note: str = ""
    id: str = field(default_factory=lambda: uuid4().hex)

    @property
    def key(self) -> Key:
        return (self.article_id, self.start, self.end)

    @property
    def old(self) -> Any:
        return json.loads(self.old_value)

    @property
    def new(self) -> Any:
        return json.loads(self.new_value)

    def row(self) -> dict:
        """The record as a ``reviews`` table row (ROW_COLUMNS)."""
        return {name: getattr(self, name) for name in ROW_COLUMNS}


def check_target(target: str, field_name: str, action: str, span: tuple[int, int]) -> None:
    """Raise ValueError unless a review of ``field_name`` of a ``target`` at ``span`` by
    ``action`` can exist (hostile values are quoted cut short: the message is shown back)."""
    if target not in TARGETS:
        raise ValueError(f"target {target[:40]!r} is not one of {', '.join(TARGETS)}")
    if field_name not in FIELDS[target]:
        raise ValueError(f"a {target} has no field {field_name[:40]!r}")
    if action not in ACTIONS:
        raise ValueError(f"action {action[:40]!r} is not one of {', '.join(ACTIONS)}")
    if not 0 <= span[0] < span[1]:
        raise ValueError(f"{span[0]}–{span[1]} is not a span of text")


def make_review(
    article_id: str,
    target: str,
    span: tuple[int, int],
    field_name: str,
    action: str,
    old: Any,
    new: Any,
    reviewer: str,
    note: str = "",
    created: datetime | None = None,
) -> Review:
    """A review with its values as JSON, timed now (UTC) unless ``created`` is given.

    The target, field and action must be known; the values themselves are checked
    by :mod:`geo.review_input` before they get here.
    """
    check_target(target, field_name, action, span)
    start, end = span
    return Review(
        article_id, target, int(start), int(end), field_name, action,
        json.dumps(old, ensure_ascii=False, default=_json_default),
        json.dumps(new, ensure_ascii=False, default=_json_default),
        reviewer, created or datetime.now(UTC), note,
    )  # fmt: skip


def _json_default(value: Any) -> Any:
    """Dates as ISO text, numpy numbers as Python numbers."""
    if isinstance(value, date):
        return value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not a review value")


def undo(review: Review, reviewer: str, note: str = "") -> Review:
    """A new review that puts back what ``review`` replaced (the history keeps both)."""
    return replace(
        review, action="undo", old_value=review.new_value, new_value=review.old_value,
        reviewer=reviewer, note=note, created=datetime.now(UTC), id=uuid4().hex,
    )  # fmt: skip


def ordered(reviews: Iterable[Review]) -> list[Review]:
    """Oldest first; reviews saved in the same microsecond in a fixed (id) order."""
    return sorted(reviews, key=lambda r: (r.created, r.id))


def history(reviews: Iterable[Review], target: str, key: Key) -> list[Review]:
    """Every review of one figure or mention, oldest first."""
    return ordered(r for r in reviews if r.target == target and r.key == key)


def latest(reviews: Iterable[Review], target: str) -> dict[Key, dict[str, Review]]:
    """Per reviewed row of ``target``, the winning (latest) review of each field."""
    found: dict[Key, dict[str, Review]] = {}
    for review in ordered(r for r in reviews if r.target == target):
        found.setdefault(review.key, {})[review.field] = review
    return found


def field_value(row: dict, target: str, field_name: str) -> Any:
    """What a row holds for a reviewable field, as a review stores it (its ``old`` value)."""
    if field_name == "place":
        if _missing(row.get("place_id")):
            return None
        return {k: _plain(row.get(_place_column(target, k))) for k in PLACE_KEYS}
    if field_name in ("bounds", "period"):
        return {c: _plain(row.get(c)) for c in _COLUMNS[field_name]}
    if field_name in _COLUMNS:
        return _plain(row.get(field_name))
    return None


def _place_column(target: str, key: str) -> str:
    """A figure's row calls its place's kind ``place_kind`` (``kind`` is the figure's)."""
    return "place_kind" if target == "figure" and key == "kind" else key


def _plain(value: Any) -> Any:
    """A cell as JSON would keep it: None for missing, dates as ISO text, plain numbers."""
    if _missing(value):
        return None
    if isinstance(value, date):
        return value.isoformat()
    return value.item() if hasattr(value, "item") else value


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str | dict) and bool(pd.isna(value)))


def unreviewed(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with the review columns, every row machine-read (no review applies)."""
    if "review_status" in frame:
        return frame
    return frame.assign(review_status="machine-read", reviewer="", reviewed_at=pd.NaT)


def apply(frame: pd.DataFrame, reviews: Sequence[Review], target: str) -> pd.DataFrame:
    """The effective rows: ``frame`` (figures or mentions) with the reviews of ``target`` applied.

    Per row, the latest review of each field wins.  ``review_status`` is "rejected" when
    the latest status says so, else "added" for a figure a reviewer added, "corrected"
    when a reviewed value differs from the machine's, "confirmed" when confirmed, else
    "machine-read"; ``reviewer`` and ``reviewed_at`` name the latest review of the row.
    Rejected rows stay (the Figures table and exports list them); :func:`shown` drops them.
    An added figure whose span the machine also reads now corrects that row instead.
    """
    out = unreviewed(frame).reset_index(drop=True)
    out = out.assign(reviewed_at=pd.to_datetime(out["reviewed_at"], utc=True))
    positions = dict(zip(_keys(out), range(len(out)), strict=True))
    wanted = latest(reviews, target)
    touched = [(positions[key], fields) for key, fields in wanted.items() if key in positions]
    machine = out.iloc[[i for i, _ in touched]].to_dict("records")
    changes: dict[str, dict[int, Any]] = {}
    for row, (i, fields) in zip(machine, touched, strict=True):
        for column, value in _review_row(row, fields, target).items():
            changes.setdefault(column, {})[i] = value
    # Only the changed columns are rebuilt, each in one step: setting cells one by one, or
    # taking whole rows, copies Arrow-backed text columns (seconds at 100,000 rows).
    out = out.assign(**{column: _with(out[column], at) for column, at in changes.items()})
    added = [
        _added_row(fields["figure"], fields, out.columns)
        for key, fields in wanted.items()
        if key not in positions and "figure" in fields and fields["figure"].new is not None
    ]
    if added:
        out = pd.concat([out, pd.DataFrame(added, columns=out.columns)], ignore_index=True)
    return out


def _with(column: pd.Series, at: dict[int, Any]) -> pd.Series:
    """``column`` with the values ``at`` its positions, typed again (numbers stay numbers)."""
    values = column.to_numpy(dtype=object, copy=True)
    for i, value in at.items():
        values[i] = value
    if column.name == "reviewed_at":
        return pd.Series(pd.to_datetime(values, utc=True), index=column.index)
    return pd.Series(values, index=column.index, name=column.name).infer_objects()


def _keys(frame: pd.DataFrame) -> list[Key]:
    """Each row's address (article id, start, end)."""
    starts, ends = frame["start"].astype(int).tolist(), frame["end"].astype(int).tolist()
    return list(zip(frame["article_id"].tolist(), starts, ends, strict=True))


def _review_row(machine: dict, fields: dict[str, Review], target: str) -> dict:
    """The columns one row's winning reviews set, its status and reviewer among them."""
    corrected = False
    values = dict(fields["figure"].new or {}) if "figure" in fields else {}
    for name, review in fields.items():
        if name not in ("status", "figure"):
            values.update(_columns_of(name, review.new, target))
            corrected |= review.new != field_value(machine, target, name)
    corrected |= "figure" in fields and fields["figure"].new is not None  # the reviewer's reading
    status = fields["status"].new if "status" in fields else "machine-read"
    if status != "rejected" and corrected:
        status = "corrected"
    row = {c: _cell(c, v) for c, v in values.items() if c in machine}
    return {**row, **_by_whom(fields, status)}


def _by_whom(fields: dict[str, Review], status: str) -> dict:
    """The review columns of a row: its status, and the latest review's reviewer and time."""
    last = ordered(fields.values())[-1]
    return {
        "review_status": status,
        "reviewer": last.reviewer,
        "reviewed_at": pd.Timestamp(last.created),
    }


def _columns_of(field_name: str, value: Any, target: str) -> dict[str, Any]:
    """The row columns a reviewed field value sets."""
    if field_name == "place":
        place = value or {}
        columns = {_place_column(target, k): place.get(k) for k in PLACE_KEYS}
        return {**columns, "place_basis": "review"} if target == "figure" else columns
    if field_name in ("bounds", "period"):
        return {c: (value or {}).get(c) for c in _COLUMNS[field_name]}
    return {field_name: value}


def _cell(column: str, value: Any) -> Any:
    """Dates back to ``datetime.date`` (the store's frames hold dates, not text)."""
    if column in ("date_start", "date_end", "published") and isinstance(value, str):
        return date.fromisoformat(value)
    return value


def _added_row(figure: Review, fields: dict[str, Review], columns: pd.Index) -> dict:
    """A figure the machine missed, as a row: the added values, then later corrections."""
    row = dict.fromkeys(columns)
    row.update({k: v for k, v in figure.new.items() if k in columns})
    row.update({"article_id": figure.article_id, "start": figure.start, "end": figure.end})
    for name, review in fields.items():
        if name not in ("status", "figure"):
            row.update(_columns_of(name, review.new, "figure"))
    row = {c: _cell(c, v) for c, v in row.items()}
    rejected = "status" in fields and fields["status"].new == "rejected"
    return {**row, **_by_whom(fields, "rejected" if rejected else "added")}


def shown(frame: pd.DataFrame, *, reviewed_only: bool = False, rejected: bool = False):
    """The rows a page draws: without rejected ones (unless ``rejected``), and only those a
    reviewer stands behind when ``reviewed_only``."""
    frame = unreviewed(frame)
    keep = pd.Series(True, index=frame.index)
    if not rejected:
        keep &= frame["review_status"] != "rejected"
    if reviewed_only:
        keep &= frame["review_status"].isin(REVIEWED + (("rejected",) if rejected else ()))
    return frame[keep]


def detached(
    reviews: Sequence[Review], figures: pd.DataFrame, mentions: pd.DataFrame
) -> list[Review]:
    """Reviews whose span matches no stored figure / mention any more (after a re-read),
    oldest first, for a person to re-attach.  An added figure carries its own span: never."""
    spans = {"figure": set(_keys(figures)), "mention": set(_keys(mentions))}
    adds = {(r.target, r.key) for r in reviews if r.field == "figure"}
    return ordered(
        r for r in reviews if r.key not in spans[r.target] and (r.target, r.key) not in adds
    )


def history_frame(reviews: Iterable[Review]) -> pd.DataFrame:
    """Reviews as a table to show or export (values as JSON text, time as UTC ISO text)."""
    rows = [{**r.row(), "created": r.created.isoformat()} for r in ordered(reviews)]
    return pd.DataFrame(rows, columns=ROW_COLUMNS)


def within(
    frame: pd.DataFrame, filters: Filters, target: str, countries: Collection[str] = ()
) -> pd.Series:
    """Which reviewed rows the filters select, judged on their reviewed values.

    The store filters in SQL on the machine's values; a row a review changed (a new kind,
    place or period) or added must be judged again on what it says now, by the same rules
    (``geo.store``'s ``_conditions``): periods overlap the range, a figure with one end of
    its period known is that day, a mention goes by its article's date; places match by
    id, governorate or ``countries`` (the country codes of the country ids chosen).
    """
    keep = pd.Series(True, index=frame.index)
    if target == "figure":
        first = frame["date_start"].where(frame["date_start"].notna(), frame["date_end"])
        last = frame["date_end"].where(frame["date_end"].notna(), frame["date_start"])
        if filters.kinds:
            keep &= frame["kind"].isin(filters.kinds)
    else:
        first = last = frame["published"]
    if filters.start is not None:
        keep &= [d is not None and not pd.isna(d) and d >= filters.start for d in last]
    if filters.end is not None:
        keep &= [d is not None and not pd.isna(d) and d <= filters.end for d in first]
    if filters.outlets:
        keep &= frame["outlet"].isin(filters.outlets)
    if filters.places:
        keep &= (
            frame["place_id"].isin(filters.places)
            | frame["governorate_id"].isin(filters.places)
            | frame["country"].isin(list(countries))
        )
    return keep


def merged(
    found: pd.DataFrame,
    everything: pd.DataFrame,
    reviews: Sequence[Review],
    target: str,
    keep: Callable[[pd.DataFrame], pd.Series],
) -> pd.DataFrame:
    """The filtered rows with reviews applied: ``found`` (the store's filtered read) for the
    rows no review touches, and the reviewed rows of ``everything`` (every stored row of
    ``target``, reviews applied) that ``keep`` (:func:`within`) still selects."""
    touched = set(latest(reviews, target))
    untouched = found[[key not in touched for key in _keys(found)]]
    reviewed = everything[[key in touched for key in _keys(everything)]]
    reviewed = reviewed[keep(reviewed)] if not reviewed.empty else reviewed
    parts = [unreviewed(untouched), reviewed]
    return pd.concat([p for p in parts if not p.empty] or [unreviewed(found)], ignore_index=True)
