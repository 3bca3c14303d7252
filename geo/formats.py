"""Records streamed out of batch files (CSV, JSON Lines, JSON), each with its line or position.

Every function yields ``(number, value)`` pairs where ``value`` is the
record or a :class:`Unreadable` saying why that record is unusable; the file
is read as a stream, so memory does not grow with the file, and a bad record
costs only itself.  Why each rule:

* JSON Lines are split on ``\\n`` only: U+2028, U+0085 or a lone ``\\r`` are
  legal inside a JSON string, and splitting there cut records apart.
* A CSV record spanning several lines is legal (quoted paragraphs), but one
  whose field count then differs from the header's is an unbalanced quote
  that swallowed the rows after it: it is reported on its first line and the
  lines after that line are read again as rows of their own.
* ``MAX_RECORD_CHARS`` bounds a record (a runaway quote, a file without
  newlines) and ``MAX_DEPTH`` the nesting of a JSON value, with that reason.
* A key given twice in one JSON object, or a CSV column named twice, would
  let one value silently win over the other: it is an error naming them.
"""

from __future__ import annotations

import csv
import json
from collections import deque
from collections.abc import Iterator
from typing import TextIO

from geo.decoding import Unreadable

MAX_RECORD_CHARS = 2_500_000
"""Characters in one record: an article of the longest accepted text, escaped, with metadata."""
MAX_DEPTH = 32
"""Nesting levels in one JSON value; an article record needs two or three."""
_SKIP_CHARS = 1 << 16


class _RecordTooLong(Exception):
    pass


class UniqueKeys(dict):
    """A JSON object that remembers keys given more than once instead of keeping the last."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.repeated: list[str] = []

    def __setitem__(self, key, value):
        if key in self:
            self.repeated.append(key)
        super().__setitem__(key, value)


def checked(value: object) -> object:
    """``value``, or a :class:`Unreadable` if it nests too deeply or repeats a key."""
    depth, stack = 0, [(value, 1)]
    while stack:
        item, level = stack.pop()
        if isinstance(item, UniqueKeys) and item.repeated:
            return Unreadable(
                f"key given twice in one object: {', '.join(map(repr, item.repeated))}"
            )
        if isinstance(item, dict | list):
            depth = max(depth, level)
            if depth > MAX_DEPTH:
                return Unreadable(f"nested more than {MAX_DEPTH} levels deep")
            children = item.values() if isinstance(item, dict) else item
            stack += [(child, level + 1) for child in children]
    return value


def parse_json(text: str, what: str = "JSON") -> object:
    """One JSON value, or the :class:`Unreadable` saying why it is not one (``what`` it is)."""
    try:
        value = json.loads(text, object_pairs_hook=_unique_keys)
    except RecursionError:
        return Unreadable(f"nested more than {MAX_DEPTH} levels deep")
    except ValueError as exc:
        return Unreadable(f"malformed {what}: {exc}")
    return checked(value)


def _unique_keys(pairs: list[tuple[str, object]]) -> UniqueKeys:
    value = UniqueKeys()
    for key, item in pairs:
        value[key] = item
    return value


class _Lines:
    """Physical lines of a text stream, numbered, each record's lines kept until it is done.

    ``taken`` are the lines given out since :meth:`begin`; :meth:`reread_after_first`
    gives all but the first back, to be read again after a bad record.
    """

    def __init__(self, text: TextIO):
        self.text = text
        self.pending: deque[tuple[int, str]] = deque()
        self.number = 0
        self.taken: list[tuple[int, str]] = []
        self.size = 0

    def __iter__(self) -> _Lines:
        return self

    def __next__(self) -> str:
        number, line = self.pending.popleft() if self.pending else self._read()
        self.taken.append((number, line))
        self.size += len(line)
        if self.size > MAX_RECORD_CHARS:
            raise _RecordTooLong
        return line

    def _read(self) -> tuple[int, str]:
        line = self.text.readline(MAX_RECORD_CHARS + 1)
        if not line:
            raise StopIteration
        self.number += 1
        if len(line) > MAX_RECORD_CHARS:  # drop the rest of this line unread into memory
            while (rest := self.text.readline(_SKIP_CHARS)) and rest[-1] not in "\r\n":
                pass
        return self.number, line

    @property
    def first(self) -> int:
        return self.taken[0][0] if self.taken else self.number + 1

    def begin(self) -> None:
        self.taken, self.size = [], 0

    def reread_after_first(self) -> None:
        self.pending.extendleft(reversed(self.taken[1:]))
        self.begin()


def jsonl_rows(text: TextIO) -> Iterator[tuple[int, object]]:
    """``(line, value)`` of a JSON Lines stream opened with ``newline="\\n"``."""
    lines = _Lines(text)
    while True:
        lines.begin()
        try:
            line = next(lines)
        except StopIteration:
            return
        except _RecordTooLong:
            yield lines.first, Unreadable(f"line longer than {MAX_RECORD_CHARS:,} characters")
            continue
        if line.strip():
            yield lines.first, parse_json(line, "JSON line")


def csv_rows(text: TextIO) -> Iterator[tuple[int, dict | Unreadable]]:
    """``(line, row)`` of a CSV stream opened with ``newline=""``; see the module notes."""
    csv.field_size_limit(max(csv.field_size_limit(), MAX_RECORD_CHARS))
    lines = _Lines(text)
    try:
        header = next(csv.reader(lines, strict=True))
    except StopIteration:
        return
    except (csv.Error, _RecordTooLong) as exc:
        yield 1, Unreadable(f"unreadable CSV header: {exc or 'too long'}")
        return
    if repeated := _repeated(header):
        yield 1, Unreadable(f"column named more than once: {repeated}")
        return
    while True:
        lines.begin()
        try:
            cells = next(csv.reader(lines, strict=True))
        except StopIteration:
            return
        except _RecordTooLong:
            problem = f"row longer than {MAX_RECORD_CHARS:,} characters (an unclosed quote?)"
        except csv.Error as exc:
            problem = _csv_problem(str(exc), lines)
        else:
            problem = _row_problem(cells, header, lines)
            if not problem:
                if any(cell.strip() for cell in cells):
                    yield lines.first, dict(zip(header, cells, strict=False))
                continue
        yield lines.first, Unreadable(problem)
        lines.reread_after_first()


def _repeated(header: list[str]) -> str:
    """Column names that occur twice (compared as the readers compare them), as a message."""
    seen: dict[str, int] = {}
    clashes = []
    for position, name in enumerate(header, start=1):
        key = " ".join(name.strip().lower().replace("-", "_").split())
        if key in seen:
            clashes.append(f"{name!r} (columns {seen[key]} and {position})")
        seen.setdefault(key, position)
    return ", ".join(clashes)


def _csv_problem(message: str, lines: _Lines) -> str:
    if "unexpected end of data" in message:
        return f"unbalanced quote: the quoted field opened on line {lines.first} never closes"
    if len(lines.taken) > 1:
        last = lines.taken[-1][0]
        return (
            f"unbalanced quote: the quoted field opened on line {lines.first} runs to line {last}"
        )
    return f"malformed CSV: {message}"


def _row_problem(cells: list[str], header: list[str], lines: _Lines) -> str:
    if len(lines.taken) > 1 and len(cells) != len(header):
        last = lines.taken[-1][0]
        return (
            f"unbalanced quote: the quoted field opened on line {lines.first} runs to line "
            f"{last}, giving {len(cells)} fields for {len(header)} columns"
        )
    if len(cells) > len(header):
        return f"malformed CSV: {len(cells)} fields for {len(header)} columns"
    return ""


def json_rows(text: TextIO) -> Iterator[tuple[int, object]]:
    """Items of a JSON list (numbered from 1), streamed, or the single object of a JSON file.

    A syntax error inside the list ends the file there (JSON cannot resync):
    it is reported at the item it hit, after the items before it.
    """
    import ijson

    head = text.read(4096).lstrip("\ufeff \t\r\n")
    text.seek(0)
    prefix = "item" if head.startswith("[") else ""
    number = 0
    try:
        items = ijson.items(_Utf8(text), prefix, use_float=True, map_type=UniqueKeys)
        for number, item in enumerate(items, start=1):
            yield number, checked(item)
    except (ijson.JSONError, ValueError) as exc:
        rest = "; the rest of the file cannot be read" if prefix else ""
        yield number + 1, Unreadable(f"malformed JSON: {str(exc).splitlines()[0]}{rest}")


class _Utf8:
    """A text stream as UTF-8 bytes, for ijson: the file was decoded in its own encoding first."""

    def __init__(self, text: TextIO):
        self.text = text

    def read(self, size: int = -1) -> bytes:
        return self.text.read(size).encode("utf-8", "surrogatepass")
