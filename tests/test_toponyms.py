"""The geoparser on the bundled seed articles, against gold written by reading them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.articles import ARTICLES_DIR, load_bundled
from geo.gazetteer import default_gazetteer
from geo.toponyms import PlaceMention, find_places

REPO = Path(__file__).resolve().parent.parent
GOLD = json.loads((REPO / "tests" / "gold" / "places_seeds.json").read_text(encoding="utf-8"))
BAGHUZ = {"171943", "171944"}


@pytest.fixture(scope="module")
def seeds() -> dict[str, tuple[str, list[PlaceMention]]]:
    """article id -> (text, places found), for the three seed articles."""
    gazetteer = default_gazetteer()
    return {a.id: (a.text, find_places(a, gazetteer)) for a in load_bundled()}


def _gold_articles():
    return [pytest.param(entry, id=entry["file"]) for entry in GOLD["articles"]]


def test_gold_offsets_index_the_article_files():
    for entry in GOLD["articles"]:
        text = (ARTICLES_DIR / entry["file"]).read_bytes().decode("utf-8")
        for m in entry["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]


@pytest.mark.parametrize("entry", _gold_articles())
def test_every_gold_mention_found_and_nothing_else(seeds, entry):
    _, found = seeds[entry["article_id"]]
    gold_spans = {(m["start"], m["end"]) for m in entry["mentions"]}
    found_spans = {(m.start, m.end) for m in found}
    assert sorted(gold_spans - found_spans) == [], "missed"
    assert sorted(found_spans - gold_spans) == [], "false positives"


@pytest.mark.parametrize("entry", _gold_articles())
def test_every_gold_mention_resolved_to_an_accepted_entry(seeds, entry):
    _, found = seeds[entry["article_id"]]
    by_span = {(m.start, m.end): m for m in found}
    for gold in entry["mentions"]:
        mention = by_span[(gold["start"], gold["end"])]
        assert mention.adjective is gold["adjective"], gold
        if gold["ids"] is None:
            assert mention.place is None, gold
        else:
            assert mention.place is not None and mention.place.id in gold["ids"], gold
        assert 0.0 <= mention.confidence <= 1.0
        assert mention.evidence, "every decision carries its evidence"


def _mentions(seeds, surface: str) -> list[PlaceMention]:
    return [m for _, found in seeds.values() for m in found if m.text == surface]


@pytest.mark.parametrize(
    ("surface", "ids"),
    [
        ("Baghuz", BAGHUZ),
        ("Baghouz", BAGHUZ),
        ("Hajin", {"174506"}),
        ("Raqqa", {"172955"}),
        ("Syria", {"163843"}),
        ("Iraq", {"99237"}),
        ("Washington", {"4140963"}),
        ("Britain", {"2635167"}),
        ("Euphrates River", {"ne:62"}),
    ],
)
def test_checked_by_names_resolve(seeds, surface, ids):
    mentions = _mentions(seeds, surface)
    assert mentions
    assert {m.place.id for m in mentions} <= ids


def test_province_of_deir_el_zour_is_the_governorate(seeds):
    text, found = seeds["74676b06e3cfb576"]
    start = text.index("province of Deir el-Zour") + len("province of ")
    (mention,) = [m for m in found if m.start == start]
    assert mention.place.id == "170792"
    assert mention.place.kind == "governorate"
    assert any("province of" in e for e in mention.evidence)


@pytest.mark.parametrize("name", ["Bali", "Trump", "Votel", "Afrin", "Mustafa", "Adnan"])
def test_people_are_not_places(seeds, name):
    assert _mentions(seeds, name) == []


def test_places_inside_organisation_names_are_not_mentions():
    text = (
        "The Syrian Democratic Forces and the Syrian Observatory for Human Rights said so, "
        "and U.S. Central Command agreed, ITV News reported."
    )
    assert find_places(text) == []


def test_adjectives_are_marked_and_resolved_to_their_country():
    found = find_places("Kurdish-led Syrian forces met an Iraqi woman and U.S.-backed fighters.")
    summary = [(m.text, m.adjective, m.place.id if m.place else None) for m in found]
    assert summary == [
        ("Kurdish", True, None),
        ("Syrian", True, "163843"),
        ("Iraqi", True, "99237"),
        ("U.S.", True, "6252001"),
    ]


def test_unknown_place_after_a_cue_is_reported_unresolved():
    text = "Fighters withdrew from the village of Xyzabad on Monday."
    (mention,) = find_places(text)
    assert (mention.text, mention.place) == ("Xyzabad", None)
    record = mention.to_dict()
    assert record["id"] is None and record["geonameid"] is None and record["name"] is None
    assert record["text"] == text[record["start"] : record["end"]]


def test_unknown_name_before_a_site_word_is_reported_unresolved():
    found = _resolved("Rebels shelled the Qarzulun military base and the Tal Xyzabad checkpoint.")
    assert found == {"Qarzulun": None, "Tal Xyzabad": None}
    found = _resolved("Rebels overran the Government base near Aleppo, the government said.")
    assert found == {"Aleppo": "170063"}  # a word the text writes in lower case: no name
    assert _resolved("Military base attacked near Aleppo.") == {"Aleppo": "170063"}
    found = _resolved("Troops held the Aleppo airport.")  # a gazetteer name is judged as before
    assert found == {"Aleppo": "170063"}
    found = _resolved("Paratroopers landed at Hostomel Airport.")  # the site, not the town
    assert found == {"Hostomel": None}


def test_offsets_are_exact_with_windows_line_endings(seeds):
    for text, found in seeds.values():
        crlf = text.replace("\n", "\r\n")
        found_crlf = find_places(crlf)
        assert [m.text for m in found_crlf] == [m.text for m in found]
        for m in found_crlf:
            assert crlf[m.start : m.end] == m.text


def test_to_dict_has_the_contract_fields(seeds):
    _, found = next(iter(seeds.values()))
    record = found[0].to_dict()
    expected = {"text", "start", "end", "id", "geonameid", "name", "kind", "lat", "lon"}
    expected |= {"country", "admin1", "score", "adjective", "evidence", "alternatives"}
    assert set(record) == expected
    assert isinstance(record["geonameid"], int)


def _run_cli(*args: str, stdin: str | None = None) -> list[dict]:
    result = subprocess.run(
        [sys.executable, "-m", "geo", "extract", *args],
        input=stdin.encode("utf-8") if stdin is not None else None,
        capture_output=True,
        cwd=REPO,
        check=True,
    )
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]


def test_cli_prints_one_json_line_per_file_in_input_order():
    files = [ARTICLES_DIR / entry["file"] for entry in GOLD["articles"]][::-1]
    records = _run_cli(*map(str, files), "--published", "2019-02-09")
    assert [r["file"] for r in records] == [str(f) for f in files]
    for path, record in zip(files, records, strict=True):
        text = path.read_bytes().decode("utf-8")
        assert record["published"] == "2019-02-09"
        assert record["places"]
        for place in record["places"]:
            assert text[place["start"] : place["end"]] == place["text"]


def test_cli_reads_standard_input_with_crlf_kept():
    text = "Shelling hit Hajin.\r\nResidents fled to the village of Xyzabad."
    (record,) = _run_cli("-", stdin=text)
    places = {(p["text"], p["id"]) for p in record["places"]}
    assert places == {("Hajin", "174506"), ("Xyzabad", None)}
    for place in record["places"]:
        assert text[place["start"] : place["end"]] == place["text"]


def test_a_bare_name_is_the_town_and_a_province_cue_the_governorate():
    town, province = find_places("Shelling hit Homs. Later, Homs province was quiet.")
    assert (town.place.kind, province.place.kind) == ("populated place", "governorate")
    assert town.place.admin1 == province.place.admin1 == "Homs"


def test_a_demonym_used_as_a_language_is_not_a_place():
    assert find_places("He shouted in Turkish, then left.") == []


def test_given_names_are_people_unless_a_feature_cue_says_village():
    text = "Hassan told reporters in Idlib that Ahmed fled to the village of Hassan."
    found = [(m.text, m.start) for m in find_places(text)]
    assert found == [("Idlib", text.index("Idlib")), ("Hassan", text.rindex("Hassan"))]


def test_a_dateline_is_a_town_and_names_its_later_mentions():
    text = "BAGHOUZ, Syria (AP) — Hundreds more left Baghouz on Thursday."
    found = [(m.text, m.place.id if m.place else None) for m in find_places(text)]
    assert found[0][0] == "BAGHOUZ" and found[0][1] in BAGHUZ
    assert ("Syria", "163843") in found
    assert found[-1][0] == "Baghouz" and found[-1][1] in BAGHUZ


def test_a_commander_named_afrin_is_not_the_town_but_the_town_still_is():
    text = "SDF Cmdr. Adnan Afrin said troops entered Afrin. Afrin said the fight goes on."
    found = [(m.text, m.start) for m in find_places(text)]
    assert found == [("Afrin", text.index("entered Afrin") + len("entered "))]


# --- words read as places (issue 10): invented sentences, one class each ---------------------


def _resolved(text: str) -> dict[str, str | None]:
    """surface -> resolved place id (None: unresolved) of every mention of ``text``."""
    return {m.text: (m.place.id if m.place else None) for m in find_places(text)}


def test_a_religion_is_not_a_village():
    found = _resolved("Families near Sinjar were told to convert to Islam or leave.")
    assert "Islam" not in found and "Sinjar" in found


def test_a_city_quarter_is_not_the_old_city_of_jerusalem():
    found = _resolved(
        "Iraqi troops pushed into the Old City of Mosul. Snipers in the Old City held them back."
    )
    assert "Old City" not in found
    assert found["Mosul"] == "99072"


def test_an_organisations_short_name_is_not_a_town_in_ohio():
    found = _resolved("Sweden asked to join NATO. Hungary delayed its entry into the Alliance.")
    assert "Alliance" not in found and "Sweden" in found


@pytest.mark.parametrize("agency", ["SANA", "AFP", "IRNA", "TASS"])
def test_a_news_agency_is_not_a_capital(agency):
    found = _resolved(f"Speaking to {agency}, the governor said 40 families reached Homs.")
    assert agency not in found and found["Homs"] == "169577"


def test_a_surname_used_alone_after_the_full_name_is_a_person():
    found = _resolved(
        "Bashar al-Assad flew to Moscow. Troops loyal to Assad shelled Idlib, and Assad said "
        "nothing."
    )
    assert "Assad" not in found and "al-Assad" not in found
    assert "Idlib" in found and "Moscow" in found


def test_a_name_the_text_calls_a_town_is_no_surname_beside_a_capitalised_word():
    text = (
        "Rebels neared the town of Dabiq. The Battle of Marj Dabiq was fought in 1516. "
        "ISIL reinforced Dabiq with 800 fighters."
    )
    dabiq = [m.start for m in find_places(text) if m.text == "Dabiq"]
    assert dabiq == [text.index("Dabiq"), text.rindex("Dabiq")]  # the bare one kept too


def test_a_town_is_not_the_town_whose_alternate_names_borrowed_its_name():
    found = _resolved("Fighters from Afrin and Azaz moved toward Kobani.")
    assert found["Kobani"] == "172256"  # ‘Ayn al ‘Arab, never Afrin (174186)
    assert found["Afrin"] == "174186"


@pytest.mark.parametrize(
    ("text", "name", "place_id"),
    [
        ("Considering Tunisia's interest in the deal, the talks went on.", "Tunisia", "2464461"),
        ("Cooperation with Algeria External factors shaped the pact.", "Algeria", "2589581"),
        ("Members of the Texas Army National Guard were sent.", "Texas", "4736286"),
    ],
)
def test_a_name_beside_another_capitalised_word_is_kept(text, name, place_id):
    assert _resolved(text).get(name) == place_id


def test_an_adjective_before_an_army_name_stays_part_of_the_name():
    assert "Syrian" not in _resolved("The Syrian Arab Army advanced.")


def test_regions_news_names_resolve_to_regions_or_stay_unresolved():
    found = {
        m.text: m.place
        for m in find_places(
            "Smugglers moved people from North Africa to Europe. Eastern Europe and the "
            "Middle East watched, and the Levant burned."
        )
    }
    assert found["North Africa"].id == "ne:northern-africa"
    assert found["Europe"].id == "ne:europe"  # never Aleppo, which lists "Europe" among its names
    assert found["Eastern Europe"].kind == "region"
    assert found["Middle East"] is None and found["Levant"] is None


# --- homonyms: which of the places sharing a name the story means (invented sentences) -------


def _placed(text: str) -> list[tuple[str, str, str, str]]:
    """(surface, kind, country, first-level unit) of every resolved mention, in text order."""
    return [
        (m.text, m.place.kind, m.place.country, m.place.admin1)
        for m in find_places(text)
        if m.place
    ]


def test_a_spelling_variant_in_the_storys_country_beats_an_exact_hamlet_abroad():
    text = "Army artillery shelled Hamadiyah, a village in Syria's Hama countryside, on Sunday."
    assert {c for s, _, c, _ in _placed(text) if s == "Hamadiyah"} == {"SY"}
    # the Iraqi hamlet of that spelling is still what an Iraq story means
    text = "Militants shelled Hamadiyah, a village in Iraq's Kirkuk province, on Sunday."
    assert {c for s, _, c, _ in _placed(text) if s == "Hamadiyah"} == {"IQ"}


def test_an_arabic_name_is_not_a_city_abroad_that_has_it_without_the_article():
    found = _resolved("Fighters fled al-Dab'an, near Manbij in northern Syria, at dawn.")
    assert found.get("al-Dab'an") != "1007311"  # Durban ("Daban")
    assert found["Manbij"] == "167357"


def test_a_town_of_another_country_the_story_names_beats_a_hamlet_of_its_main_one():
    text = "Syrian Kurdish fighters crossed into Iraq. In Syria, clashes went on near Hasakah, "
    text += "while Yazidis in Sinjar prepared to return home."
    assert ("Sinjar", "populated place", "IQ", "Nineveh") in _placed(text)


def test_a_capital_named_as_a_government_does_not_pull_a_namesake_next_to_it():
    text = "A Ukrainian strike on Makiivka killed dozens of soldiers. Kyiv said the strike hit "
    text += "a barracks."
    assert ("Makiivka", "populated place", "UA", "Donetsk Oblast") in _placed(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fighting in the Donetsk region went on. In Donetsk, shells hit a market.",
         [("Donetsk", "governorate"), ("Donetsk", "populated place")]),
        ("Kherson region officials said that Kherson was without power.",
         [("Kherson", "governorate"), ("Kherson", "populated place")]),
        ("The governor of Kherson Oblast said troops had left Kherson overnight.",
         [("Kherson Oblast", "governorate"), ("Kherson", "populated place")]),
        ("Shells fell on the city of Donetsk. Donetsk has been held by separatists since 2014.",
         [("Donetsk", "populated place"), ("Donetsk", "populated place")]),
        # a raion whose alternate names include the oblast's, 12 km from the town named first
        ("Shelling hit Vovchansk in Kharkiv Oblast on Monday.",
         [("Vovchansk", "populated place"), ("Kharkiv Oblast", "governorate")]),
    ],
)  # fmt: skip
def test_a_city_and_the_oblast_named_after_it_are_told_apart(text, expected):
    assert [(s, kind) for s, kind, country, _ in _placed(text) if country == "UA"] == expected


def test_the_saky_blasts_are_at_the_crimean_novofedorivka():
    text = "Explosions rocked the airbase near Novofedorivka in Crimea on Tuesday."
    assert ("Novofedorivka", "populated place", "UA", "Crimea") in _placed(text)


@pytest.mark.parametrize("name", ["North Africa", "Europe", "the Middle East", "the Levant"])
def test_regions_are_open_data_entries_or_unresolved_never_a_town(name):
    (mention,) = [m for m in find_places(f"Fighters moved across {name} last year.") if m.start > 5]
    place = mention.place
    assert place is None or (place.kind == "region" and place.id.startswith("ne:"))


def test_a_name_of_several_keys_is_one_mention():
    text = (
        "Refugees from Bosnia and Herzegovina reached the village of Baghuz in Deir ez-Zor"
        " Governorate, then St. Petersburg."
    )
    found = {m.text: m.place.id if m.place else None for m in find_places(text)}
    assert set(found) == {
        "Bosnia and Herzegovina",
        "Baghuz",
        "Deir ez-Zor Governorate",
        "St. Petersburg",
    }
    assert found["Bosnia and Herzegovina"] == "3277605"
    assert found["Deir ez-Zor Governorate"] == "170792"
