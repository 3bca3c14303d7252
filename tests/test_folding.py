"""Capitalised stretches and their folded keys, on invented sentences."""

from __future__ import annotations

import pytest

from geo.folding import WORD, fold_stretch, fold_text, lower_words


def test_stretches_take_the_arabic_article_written_before_them():
    folded = fold_text("Buses left al-Hol, then ash-Shaddadi; Deir ez-Zor, not Kamal-Hol.")
    assert folded.stretches == ("Buses", "al-Hol", "ash-Shaddadi", "Deir ez-Zor", "Kamal-Hol")
    words = [w.surface for w in folded.words]
    assert words[:3] == ["Buses", "al", "Hol"]
    assert [w.key for w in folded.words][1:3] == ["al", "hol"]


def test_an_article_ending_a_longer_word_or_after_an_apostrophe_is_left_out():
    assert fold_text("the xal-Hol camp, 'al-Bab, (al-Bab").stretches == ("Hol", "Bab", "al-Bab")


def test_word_offsets_index_the_text():
    text = "Near  Raqqa\r\nthe U.S.-backed St. Petersburg office"
    folded = fold_text(text)
    assert [text[w.start : w.end] for w in folded.words] == [w.surface for w in folded.words]
    assert folded.stretches == ("Near", "Raqqa", "U.S.", "St. Petersburg")


def test_keys_of_a_stretch_and_the_words_they_cover():
    fold = fold_stretch("Deir ez-Zor")
    assert fold.text == "deir zor"
    runs = [(fold.key_starts[i], fold.key_ends[i]) for i in range(len(fold.key_starts))]
    assert [fold.text[s : e + 1] for s, e in runs] == ["deir", "zor"]
    assert (fold.first_words, fold.last_words) == ((0, 2), (0, 2))
    initials = fold_stretch("U.S.")
    assert (initials.text, initials.first_words, initials.last_words) == ("us", (0,), (1,))


@pytest.mark.parametrize(
    "text",
    [
        "forces captured the village of Baghouz, in",
        "  (in) near: A-B_c 12x ",
        "the town's edge",
        "Ma`arat al-Nu'man",
        "İstanbul and Kyïv",
        "",
    ],
)
def test_lower_words_are_the_words_of_the_pattern(text):
    assert lower_words(text) == [w.lower() for w in WORD.findall(text)]
