"""Write the bad-input corpus: files as they come from the wild, each with good records beside.

Every case is made here, byte for byte, so the corpus can be rebuilt and
reviewed (``python scripts/make_bad_inputs.py [FOLDER]``, default
``tests/fixtures/bad_inputs/wild``).  :data:`EXPECTED` says, for each file,
which records must be stored and which must fail with what reason; the
tests ingest the folder and hold the readers to it.
"""

from __future__ import annotations

import codecs
import json
import sys
from pathlib import Path

DEFAULT_FOLDER = (
    Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "bad_inputs" / "wild"
)
NESTED = "[" * 5000 + "]" * 5000


def article(case: str, number: int, extra: str = "") -> str:
    """A short report, different for every case and record (so no two are one article)."""
    return (
        f"Report {case} {number}: shelling hit Aleppo on Tuesday and 1,200 people fled "
        f"towards Idlib, local officials said.{extra}"
    )


def _jsonl(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


def _obj(case: str, number: int, **fields) -> str:
    return json.dumps({"text": article(case, number), "published": "2019-03-10", **fields})


EXPECTED: dict[str, dict] = {
    "separators.jsonl": {"good": [1, 2, 3, 5], "bad": {4: "nested more than"}},
    "unbalanced_quote.csv": {"good": [2, 4, 5], "bad": {3: "unbalanced quote"}},
    "repeated_column.csv": {"good": [], "bad": {1: "column named more than once"}},
    "text_and_body.csv": {"good": [3], "bad": {2: "both give the text"}},
    "deep.json": {"good": [1, 3], "bad": {2: "nested more than"}},
    "utf16_odd_bytes.json": {"good": [1, 2], "bad": {3: "malformed JSON"}},
    "utf16_no_bom_odd.csv": {"good": [2, 3], "bad": {4: "no text column"}},
    "utf32_no_bom.txt": {"good": [1], "bad": {}},
    "stray_byte.txt": {"good": [1], "bad": {}},
    "beside.txt": {"good": [1], "bad": {}},
    "beside.json": {"good": [1, 2], "bad": {}},
    "sidecar_shaped.txt": {"good": [1], "bad": {}},
    "dates.csv": {
        "good": [2],
        "bad": {3: "in the future", 4: "is not a date", 5: "is not a date"},
    },
    "past_5000_years.txt": {"good": [1], "bad": {}},
    "index/numbered.txt": {"good": [1], "bad": {}},
    "broken_link.txt": {"good": [], "bad": {1: "cannot be read"}},
}
"""By file (relative to the folder): record numbers stored, and reason fragments of failures."""


def write_corpus(folder: Path) -> None:
    """Write every case of :data:`EXPECTED` into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    write = {name: (folder / name) for name in EXPECTED}
    write["separators.jsonl"].write_text(
        _jsonl(
            json.dumps(
                {"text": article("separators", 1, " Line\u2028separator.")}, ensure_ascii=False
            ),
            json.dumps({"text": article("separators", 2, " Next\u0085line.")}, ensure_ascii=False),
            '{"text": "' + article("separators", 3) + ' \\ud800 lone surrogate."}',
            '{"text": "deep", "nested": ' + NESTED + "}",
            _obj("separators", 5),
        ),
        encoding="utf-8",
    )
    write["unbalanced_quote.csv"].write_text(
        "title,published,text\n"
        f'One,2019-03-10,"{article("quote", 2)}"\n'
        f'"Two with a quote that never closes,2019-03-10,{article("quote", 3)}\n'
        f"Three,2019-03-10,{article('quote', 4).replace(',', '')}\n"
        f'Four,2019-03-10,"{article("quote", 5)}"\n',
        encoding="utf-8",
    )
    write["repeated_column.csv"].write_text(
        f'text,Text\n"{article("repeated", 2)}","{article("repeated", 2, " Other.")}"\n',
        encoding="utf-8",
    )
    write["text_and_body.csv"].write_text(
        "text,body\n"
        f'"{article("body", 2)}","{article("body", 2, " Other.")}"\n'
        f'"{article("body", 3)}",\n',
        encoding="utf-8",
    )
    items = [_obj("deep", 1), '{"text": "deep", "nested": ' + NESTED + "}", _obj("deep", 3)]
    write["deep.json"].write_text("[" + ", ".join(items) + "]", encoding="utf-8")
    wide = "[" + _obj("utf16", 1) + ", " + _obj("utf16", 2) + "]"
    write["utf16_odd_bytes.json"].write_bytes(codecs.BOM_UTF16_LE + wide.encode("utf-16-le") + b"!")
    table = (
        "title,published,text\n"
        f'Bāghūz,2019-03-10,"{article("utf16 Bāghūz", 2)}"\n'
        f'Hajin,2019-03-11,"{article("utf16 Hajin", 3)}"\n'
    )
    write["utf16_no_bom_odd.csv"].write_bytes(table.encode("utf-16-le") + b"\x0a")
    write["utf32_no_bom.txt"].write_bytes(article("utf32 Bāghūz", 1).encode("utf-32-le"))
    stray = article("stray Bāghūz", 1).encode("utf-8")
    cut = stray.index(b" 1:")  # the stray byte after the name, which must come back intact
    write["stray_byte.txt"].write_bytes(stray[:cut] + b"\xff" + stray[cut:])
    write["beside.txt"].write_text(article("beside text", 1), encoding="utf-8")
    write["beside.json"].write_text(
        "[" + _obj("beside json", 1) + ", " + _obj("beside json", 2) + "]", encoding="utf-8"
    )
    write["sidecar_shaped.txt"].write_text(article("sidecar shaped", 1), encoding="utf-8")
    (folder / "sidecar_shaped.json").write_text(
        json.dumps({"title": "From the sidecar", "published": "2019-03-12"}), encoding="utf-8"
    )
    write["dates.csv"].write_text(
        "published,text\n"
        + "".join(
            f'{day},"{article("dates " + day, n)}"\n'
            for n, day in enumerate(["2019-01-15", "2099-01-01", "yesterday", "2019-13-01"], 2)
        ),
        encoding="utf-8",
    )
    write["past_5000_years.txt"].write_text(
        article("past", 1, " The city has been inhabited over the past 5000 years."),
        encoding="utf-8",
    )
    write["index/numbered.txt"].parent.mkdir(exist_ok=True)
    write["index/numbered.txt"].write_text(article("index", 1), encoding="utf-8")
    (folder / "index" / "index.json").write_text(
        json.dumps([{"file": 12, "published": "2019-03-10"}]), encoding="utf-8"
    )
    link = write["broken_link.txt"]
    link.unlink(missing_ok=True)
    link.symlink_to("no_such_target.txt")


def good_count() -> int:
    return sum(len(case["good"]) for case in EXPECTED.values())


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_FOLDER
    write_corpus(target)
    print(f"{len(EXPECTED)} cases, {good_count()} good records, written to {target}")
