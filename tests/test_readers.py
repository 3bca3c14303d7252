"""Readers: every format, every bad input, one record each, good records never lost beside bad ones.

The fixtures in tests/fixtures/bad_inputs/ are small files written for these
tests (see its README); the 50 MB text is generated here, in tmp_path.
"""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from geo.articles import article_id
from geo.decoding import decide
from geo.readers import (
    MAX_FILE_BYTES,
    MAX_TEXT_CHARS,
    NO_METADATA,
    Metadata,
    Source,
    Unreadable,
    decode,
    front_matter,
    parse_published,
    read_paths,
    read_sources,
)

FIXTURES = Path(__file__).parent / "fixtures" / "bad_inputs"
TODAY = date(2026, 11, 21)


def records(*names, defaults=NO_METADATA):
    return list(read_paths([FIXTURES / n for n in names], defaults, today=TODAY))


def one(name, **kw):
    (record,) = records(name, **kw)
    return record


def by_number(name):
    return {r.number: r for r in records(name)}


def test_front_matter_gives_metadata_and_is_not_part_of_the_text():
    record = one("good_front_matter.txt")
    article = record.article
    assert article.title == "Families leave Baghuz as assault resumes"
    assert article.outlet == "Fixture Wire"
    assert article.published == date(2019, 3, 2)
    assert article.url == "https://example.org/fixture/baghuz"
    assert article.text.startswith("BAGHUZ, Syria - More than 2,000 people")
    assert "---" not in article.text and not record.warnings


def test_sidecar_json_lends_metadata_through_column_aliases():
    (record,) = records("good_sidecar.txt", "good_sidecar.json")  # the .json is not an article
    assert record.article.title == "Fighting goes on around Hajin"
    assert record.article.outlet == "Fixture Wire"
    assert record.article.published == date(2018, 12, 9)


def test_folder_index_csv_gives_the_bundled_seeds_their_metadata():
    seeds = Path(__file__).parent.parent / "data" / "articles"
    read = list(read_paths([seeds], today=TODAY))
    ids = [r.article.id for r in read]
    assert ids == ["9ce87b0c6941ec72", "17504079f5ecf47b", "74676b06e3cfb576"]
    assert read[1].article.dateline == "BAGHOUZ" and read[1].article.outlet == "ITV News (AP)"


def test_windows_1256_arabic_decodes_exactly():
    article = one("arabic_windows1256.txt").article
    assert article.title == "نزوح من الباغوز"
    assert "أكثر من ألفي مدني غادروا الباغوز" in article.text
    source_text = (FIXTURES / "arabic_windows1256.txt").read_bytes().decode("cp1256")
    assert article.text == front_matter(source_text)[1]


def test_latin_1_french_decodes_exactly():
    article = one("french_latin1.txt").article
    assert "près de 3 000 civils ont quitté Baghouz" in article.text
    assert "« Nous sommes épuisés »" in article.text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Café crème près de Zürich, à côté de l'Euphrate.", "latin-1"),
        ("قالت مصادر محلية إن المدنيين غادروا البلدة", "cp1256"),
        (
            "Suriye Demokratik Güçleri, Bağuz'dan 20 bin sivilin ayrıldığını söyledi. "
            "Şehirde çatışmalar sürüyor; Fırat'ın doğusunda göç devam ediyor.",
            "cp1254",
        ),
        ("Baghuz, Hajin and Raqqa — in UTF-16", "utf-16"),
        ("﻿UTF-8 with a byte-order mark: Bāghūz", "utf-8"),
    ],
)
def test_decode_short_texts_in_the_regions_encodings(text, encoding):
    assert decode(text.encode(encoding)) == text.lstrip("\ufeff")


def test_empty_blank_and_binary_files_fail_with_a_reason():
    assert one("empty.txt").error == "empty file"
    assert one("blank.txt").error == "empty file"
    assert "binary" in one("binary.txt").error
    with pytest.raises(Unreadable, match="binary"):
        decode(b"PK\x03\x04\x00\x00 zip bytes")


def test_fifty_megabyte_text_is_refused_unread_with_the_limit_named(tmp_path):
    big = tmp_path / "huge.txt"
    with big.open("wb") as f:
        line = b"Shelling was reported near Hajin and Baghuz on Monday, residents said. " * 100
        while f.tell() < 50_000_000:
            f.write(line + b"\n")
    (record,) = read_paths([big], today=TODAY)
    assert record.article is None
    assert "50.0 MB" in record.error and f"{MAX_FILE_BYTES / 1e6:.0f} MB" in record.error


def test_text_above_the_character_limit_in_a_batch_fails_alone(tmp_path):
    lines = [
        json.dumps({"text": "word " * (MAX_TEXT_CHARS // 5 + 1), "published": "2019-01-01"}),
        json.dumps({"text": "Shelling hit Hajin.", "published": "2019-01-02"}),
    ]
    (tmp_path / "long.jsonl").write_text("\n".join(lines))
    first, second = read_paths([tmp_path / "long.jsonl"], today=TODAY)
    assert "above the limit of 1,000,000" in first.error
    assert second.article.text == "Shelling hit Hajin."


def test_very_long_lines_are_read_whole(tmp_path):
    long_line = "Families fled Hajin toward Baghuz. " * 20_000  # 700,000 characters, no newline
    (tmp_path / "one_line.txt").write_text(long_line)
    rows = f'text,published\n"{long_line}",2019-02-01\nShort one,2019-02-02\n'
    (tmp_path / "rows.csv").write_text(rows)
    read = list(read_paths([tmp_path], today=TODAY))
    assert [len(r.article.text) for r in read] == [len(long_line), len(long_line), len("Short one")]


def test_malformed_csv_rows_fail_alone_and_the_good_rows_are_read():
    rows = by_number("batch.csv")
    assert rows[2].article.title == "Convoy leaves Baghuz"
    assert rows[2].article.url == "https://example.org/csv/1"
    assert rows[2].article.outlet == "Fixture CSV"
    assert rows[3].error == "malformed CSV: 6 fields for 5 columns"
    assert rows[4].error == "publication date '31/31/2019' is not a date"
    assert rows[5].error == "publication date 2999-05-01 is in the future"
    assert rows[6].error == "no article text (empty)"
    assert rows[7].article.published is None and rows[7].warnings
    assert rows[8].article.published == date(2019, 3, 28)  # "March 28, 2019"
    assert "\n" in rows[8].article.text  # a quoted multi-line field stays one record
    assert rows[10].article.id == rows[2].article.id  # a duplicate reads fine; the store dedupes
    assert sorted(rows) == [2, 3, 4, 5, 6, 7, 8, 10]


def test_malformed_json_lines_fail_alone_and_the_good_lines_are_read():
    lines = by_number("batch.jsonl")
    assert lines[1].article.published == date(2019, 3, 9)  # from an ISO timestamp with Z
    assert lines[2].error.startswith("malformed JSON line")
    assert lines[3].error == "expected an object, found list"
    assert lines[4].error == "no text column (columns: title, published)"
    assert 5 not in lines  # blank line
    assert lines[6].article.title == "Families reach Hasakah"  # content/headline/date/source
    assert lines[6].article.outlet == "Fixture JSONL"
    assert lines[7].error == "publication date 2999-01-01 is in the future"


def test_json_file_with_a_list_of_objects(tmp_path):
    items = [{"Text": "Shelling hit Hajin.", "Date": "2019-02-01"}, {"Title": "no text"}, 3]
    (tmp_path / "items.json").write_text(json.dumps(items))
    first, second, third = read_paths([tmp_path / "items.json"], today=TODAY)
    assert first.article.published == date(2019, 2, 1)
    assert "no text column" in second.error and "expected an object" in third.error


def test_html_main_text_title_date_and_outlet_without_scripts_or_navigation():
    article = one("page.html").article
    assert article.title == "Thousands of families return to Raqqa"
    assert article.outlet == "Fixture Herald"
    assert article.published == date(2019, 4, 2)
    assert "About 3,000 families have returned to Raqqa" in article.text
    assert "alert(" not in article.text and "hacked" not in article.text
    assert not article.text.startswith("Home")


def test_malformed_html_is_recovered_and_a_page_without_text_fails():
    article = one("malformed.html").article
    assert article.title == "Mosul clean-up goes on"
    assert "Engineers cleared more than 1,000 explosive devices" in article.text
    assert one("no_text.html").error == "no article text found in the HTML page"


def test_dates_missing_invalid_and_future():
    assert one("no_date.txt").article.published is None
    assert one("no_date.txt").warnings == ("no publication date: its figures get no period",)
    assert one("future_date.txt").error == "publication date 2999-01-01 is in the future"
    assert "is not a date" in one("invalid_date.txt").error
    assert parse_published("2026-11-22", TODAY) == date(2026, 11, 22)  # a day of time-zone slack
    with pytest.raises(Unreadable, match="future"):
        parse_published("2026-11-23", TODAY)
    assert parse_published("  ", TODAY) is None


def test_defaults_fill_gaps_but_never_override_the_file():
    defaults = Metadata(outlet="Given outlet", published=date(2019, 1, 1))
    assert one("no_date.txt", defaults=defaults).article.published == date(2019, 1, 1)
    assert one("no_date.txt", defaults=defaults).warnings == ()
    stated = one("good_front_matter.txt", defaults=defaults).article
    assert (stated.outlet, stated.published) == ("Fixture Wire", date(2019, 3, 2))


def test_markup_and_script_in_text_are_kept_verbatim_as_text():
    article = one("script.txt").article
    assert article.title == '<script>alert("title")</script>'
    assert article.outlet == "<img src=x onerror=alert(1)>"
    assert '<script>alert("body")</script>' in article.text and "${alert(3)}" in article.text


def test_uploads_pair_sidecars_by_name_and_unknown_types_fail():
    sidecar = json.dumps({"title": "From the sidecar", "published": "2019-02-03"}).encode()
    uploads = [
        Source("report.txt", 20, b"Shelling hit Hajin."),
        Source("report.json", len(sidecar), sidecar),
        Source("photo.png", 4, b"\x89PNG"),
    ]
    report, photo = read_sources(uploads, today=TODAY)
    assert report.article.title == "From the sidecar"
    assert report.article.id == article_id("Shelling hit Hajin.")
    assert photo.error == "not a file type read here (.png)"


def test_missing_path_is_an_error_record(tmp_path):
    (record,) = read_paths([tmp_path / "nope.txt"], today=TODAY)
    assert record.error == "no such file or folder"


def test_folder_is_read_recursively_skipping_hidden_and_unknown_files(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "deep.txt").write_text("Shelling hit Hajin.")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "secret.txt").write_text("Not read.")
    (tmp_path / "notes.md").write_text("Not an article format.")
    read = list(read_paths([tmp_path], today=TODAY))
    assert [Path(r.source).name for r in read] == ["deep.txt"]


def test_bad_sidecar_date_fails_its_text_with_the_reason(tmp_path):
    (tmp_path / "x.txt").write_text("Shelling hit Hajin.")
    (tmp_path / "x.csv").write_text("published\nyesterday-ish\n")
    (record,) = read_paths([tmp_path], today=TODAY)
    assert record.error.startswith("metadata in ") and "is not a date" in record.error


def test_sidecar_csv_lends_its_first_row(tmp_path):
    (tmp_path / "x.txt").write_text("Shelling hit Hajin.")
    sidecar = "Headline,Outlet,Published\nHajin shelled,Wire,7 February 2019\n"
    (tmp_path / "x.csv").write_text(sidecar)
    (record,) = read_paths([tmp_path], today=TODAY)
    assert (record.article.title, record.article.outlet) == ("Hajin shelled", "Wire")
    assert record.article.published == date(2019, 2, 7)


def test_malformed_sidecar_fails_its_text_instead_of_dropping_the_metadata(tmp_path):
    (tmp_path / "x.txt").write_text("Shelling hit Hajin.")
    (tmp_path / "x.json").write_text('{"published": "2019-02-07",')
    (record,) = read_paths([tmp_path], today=TODAY)
    assert record.source.endswith("x.txt") and record.article is None
    assert record.error.startswith(f"metadata in {tmp_path / 'x.json'}: malformed JSON")


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2019-01-15", date(2019, 1, 15)),
        ("2019-01-15T10:00:00Z", date(2019, 1, 15)),
        ("20190115", date(2019, 1, 15)),
        ("15 January 2019", date(2019, 1, 15)),
        ("Jan 15, 2019", date(2019, 1, 15)),
        ("Tue, 15 Jan 2019 10:00:00 +0000", date(2019, 1, 15)),
        ("2019/01/15", date(2019, 1, 15)),
    ],
)
def test_publication_dates_in_the_documented_forms(value, expected):
    assert parse_published(value, TODAY) == expected


@pytest.mark.parametrize(
    "value", ["2019-13-01", "2019-02-30", "yesterday", "last Tuesday", "01/02/2019", "2099-01-01"]
)
def test_publication_dates_impossible_relative_ambiguous_or_future_are_refused(value):
    with pytest.raises(Unreadable):
        parse_published(value, TODAY)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_wide_encodings_without_a_bom_are_recognised_even_with_an_odd_byte(encoding):
    text = "Bāghūz الباغوز: 1,200 people fled.\n" * 3
    stream = io.BytesIO(text.encode(encoding) + b"\x01")
    decision = decide(stream)
    assert decision.encoding == encoding and decision.replaced == 1
    assert decode(text.encode(encoding)) == text


def test_a_stray_byte_keeps_utf8_and_a_legacy_file_gets_its_code_page():
    utf8 = "Bāghūz and Hajin".encode() + b"\xff"
    assert str(decide(io.BytesIO(utf8))).startswith("utf-8")
    assert decode(utf8) == "Bāghūz and Hajin\ufffd"
    assert decide(io.BytesIO("Le réfugié à Alep".encode("latin-1"))).encoding == "cp1252"


def test_a_json_list_beside_a_text_is_articles_not_its_sidecar(tmp_path):
    (tmp_path / "x.txt").write_text("Shelling hit Aleppo on Tuesday, officials said.")
    items = [{"text": f"Report {n}: 1,200 people fled Idlib."} for n in (1, 2)]
    (tmp_path / "x.json").write_text(json.dumps(items))
    found = read_paths([tmp_path], today=TODAY)
    assert sorted((Path(r.source).name, r.number, r.article is not None) for r in found) == [
        ("x.json", 1, True), ("x.json", 2, True), ("x.txt", 1, True)
    ]  # fmt: skip
