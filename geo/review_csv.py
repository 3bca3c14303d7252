"""Reviews to and from CSV, so a team can review in a spreadsheet (``python -m geo reviews``).

The export is the history as stored (one row per review, values as JSON) with every
text cell made inert for spreadsheets; the import reads such a file back with the same
checks a page applies (:mod:`geo.review_input`), row by row: a bad row is reported with
its line number and the good rows beside it are kept.  A row whose id is already stored
is skipped, so importing an export again adds nothing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import UTC, date, datetime

from geo.escaping import spreadsheet_cell, spreadsheet_safe
from geo.review_input import BadReview, Checker, decoded, note, reviewer_name
from geo.reviews import Review, check_target, history_frame, make_review

_ID = re.compile(r"^[0-9a-f]{32}$")
_FIGURE_PARTS = {
    "bounds": ("value", "low", "high"), "period": ("date_start", "date_end"),
    "kind": ("kind",), "unit": ("unit",), "hedge": ("hedge",), "modality": ("modality",),
    "precision": ("precision",),
}  # fmt: skip
_FIGURE_TEXT = ("text", "label", "sentence", "outlet", "published", "title", "url")
OLD_LIMIT = 10_000
"""Characters at most in an imported old value (history only, but still someone's input)."""


def export_csv(reviews: Collection[Review]) -> str:
    """Every review as CSV (ROW_COLUMNS), oldest first, safe to open in a spreadsheet."""
    return spreadsheet_safe(history_frame(reviews)).to_csv(index=False)


@dataclass(frozen=True)
class Imported:
    """The reviews read from a file, how many were already stored, and each bad row."""

    reviews: tuple[Review, ...]
    already: int
    errors: tuple[str, ...]

    def report(self) -> str:
        lines = [f"imported {len(self.reviews)}, already stored {self.already}, "
                 f"refused {len(self.errors)}", *(f"  {e}" for e in self.errors)]  # fmt: skip
        return "\n".join(lines)


def read_csv(
    text: str,
    *,
    has_article: Callable[[str], bool],
    stored: Collection[str],
    check: dict[str, Checker],
    today: date,
) -> Imported:
    """Reviews from CSV text; ``stored`` are the ids already in the store."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in ("article_id", "target", "start", "end", "field", "new_value",
                           "reviewer") if c not in (reader.fieldnames or [])]  # fmt: skip
    if missing:
        return Imported((), 0, (f"line 1: missing columns {', '.join(missing)}",))
    found, errors, already = [], [], 0
    for row in reader:
        cells = {k: _unescaped(v or "") for k, v in row.items() if k}
        if cells.get("id") in stored:
            already += 1
            continue
        try:
            found.append(_review(cells, has_article, check, today))
        except BadReview as exc:
            errors.append(f"line {reader.line_num}: {exc}")
    return Imported(tuple(found), already, tuple(errors))


def _unescaped(cell: str) -> str:
    """A cell without the apostrophe the export put before a formula sign."""
    if cell.startswith("'") and spreadsheet_cell(cell[1:]) == cell:
        return cell[1:]
    return cell


def _review(cells: dict, has_article, check: dict[str, Checker], today: date) -> Review:
    target, field, action = cells["target"], cells["field"], cells.get("action") or "correct"
    try:
        span = (int(cells["start"]), int(cells["end"]))
    except ValueError:
        raise BadReview("start and end must be whole numbers (offsets in the text)") from None
    try:
        check_target(target, field, action, span)
    except ValueError as error:
        raise BadReview(str(error)) from None
    if not has_article(cells["article_id"]):
        raise BadReview(f"no stored article has the id {cells['article_id'][:40]!r}")
    new = decoded(cells["new_value"])
    new = _figure(new, check) if field == "figure" else check[field](new)
    if len(cells.get("old_value", "")) > OLD_LIMIT:
        raise BadReview(f"the old value is over {OLD_LIMIT:,} characters")
    review = make_review(
        cells["article_id"], target, span, field, action, decoded(cells.get("old_value") or "null"),
        new, reviewer_name(cells["reviewer"]), note(cells.get("note")),
        _created(cells.get("created", ""), today),
    )  # fmt: skip
    given = cells.get("id", "")
    return review if not _ID.match(given) else Review(**{**review.row(), "id": given})


def _created(text: str, today: date) -> datetime:
    """The review's own time when the row gives one (history keeps its order), else now."""
    if not text.strip():
        return datetime.now(UTC)
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError:
        raise BadReview(f"created {text[:40]!r} is not a time (ISO 8601)") from None
    when = when.replace(tzinfo=when.tzinfo or UTC).astimezone(UTC)
    if when.date() > today:
        raise BadReview(f"created {when:%Y-%m-%d} is in the future")
    return when


def _figure(value: object, check: dict[str, Checker]) -> dict | None:
    """An added figure's values, each checked like the field it belongs to (None: undone)."""
    if value is None:
        return None
    if not isinstance(value, dict):
        raise BadReview("an added figure is a JSON object of its values")
    checked: dict = {}
    for field, parts in _FIGURE_PARTS.items():
        given = {p: value.get(p) for p in parts}
        result = check[field](given if len(parts) > 1 else given[parts[0]])
        checked.update(result if isinstance(result, dict) else {field: result})
    if value.get("place_id"):
        place = check["place"](value["place_id"])
        checked.update({**{k: v for k, v in place.items() if k != "kind"},
                        "place_kind": place["kind"], "place_basis": "review"})  # fmt: skip
    for key in _FIGURE_TEXT:
        checked[key] = note(value.get(key))
    return checked
