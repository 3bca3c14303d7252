"""Region packs as data: the Ukraine pack's places, names and preference (data/regions.toml,
data/words/names_ukraine.tsv), checked through the gazetteer and the place pipeline."""

from datetime import date

import pytest

from geo.gazetteer import default_gazetteer
from geo.regions import Pack, home_countries, name_table, packs
from geo.toponyms import find_places


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


def resolved(text: str) -> dict[str, tuple[str, str, str]]:
    """Surface -> (shown name, kind, country) of every resolved place of ``text``."""
    return {
        m.text: (m.place.name, m.place.kind, m.place.country) for m in find_places(text) if m.place
    }


def test_packs_are_read_from_the_file():
    found = {pack.name: pack for pack in packs()}
    assert set(found) == {"levant", "ukraine"}
    assert found["ukraine"].countries == ("UA",)
    assert found["ukraine"].adm1 == ("wof_adm1_UA.geojson",)
    assert "UA" in home_countries()


def test_name_table_rows_are_current_names_and_spellings():
    (ukraine,) = (pack for pack in packs() if pack.name == "ukraine")
    table = name_table(ukraine)
    assert table["713174"][0] == "Bakhmut"
    assert "Artemivsk" in table["713174"][1]
    assert name_table(Pack("x", ("XX",), {}, "", (), "", {}, (), (), 60.0, (0, 0, 1, 1))) == {}


@pytest.mark.parametrize(
    ("name", "place_id", "shown", "oblast"),
    [
        ("Bakhmut", "713174", "Bakhmut", "Donetsk Oblast"),
        ("Artemivsk", "713174", "Bakhmut", "Donetsk Oblast"),  # the former name
        ("Soledar", "706757", "Soledar", "Donetsk Oblast"),
        ("Severodonetsk", "691999", "Sievierodonetsk", "Luhansk Oblast"),
        ("Lisichansk", "702972", "Lysychansk", "Luhansk Oblast"),
        ("Avdeyevka", "713122", "Avdiivka", "Donetsk Oblast"),
        ("Mariupol", "701822", "Mariupol", "Donetsk Oblast"),
        ("Kherson", "706448", "Kherson", "Kherson Oblast"),
        ("Kharkov", "706483", "Kharkiv", "Kharkiv Oblast"),
        ("Kiev", "703448", "Kyiv", "Kyiv Oblast"),  # the oblast polygon holds the city
        ("Nikolaev", "700569", "Mykolaiv", "Mykolaiv Oblast"),
        ("Ugledar", "690823", "Vuhledar", "Donetsk Oblast"),
    ],
)
def test_spellings_find_the_ukrainian_entry_under_its_current_name(
    gazetteer, name, place_id, shown, oblast
):
    top = gazetteer.lookup(name)[0].place
    assert (top.id, top.name, top.admin1, top.country) == (place_id, shown, oblast, "UA")


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("Donetsk Oblast", "709716"),
        ("Donetska oblast", "709716"),
        ("Kyiv Oblast", "703446"),  # the source gives the oblast Kyiv City's GeoNames id
        ("Kiev region", "703446"),
        ("Odessa Oblast", "698738"),
        ("Zaporizhzhia Oblast", "687699"),
    ],
)
def test_oblast_names_find_the_first_level_unit(gazetteer, name, place_id):
    top = gazetteer.lookup(name)[0].place
    assert (top.id, top.kind, top.country) == (place_id, "governorate", "UA")
    assert top.name.endswith("Oblast")


def test_soft_sign_apostrophes_leave_shown_names_but_still_match(gazetteer):
    marinka = gazetteer.get("701845")
    assert marinka.name == "Marinka"
    assert "Mar'inka" in marinka.names
    assert gazetteer.lookup("Mar'inka")[0].place.id == "701845"


def test_first_level_units_shown_are_units_of_the_gazetteer(gazetteer):
    places = [gazetteer.get(pid) for pid in gazetteer.ids()]
    ukraine = [p for p in places if p.country == "UA" and p.kind != "country"]
    units = {p.name for p in ukraine if p.kind == "governorate"}
    shown = {p.admin1 for p in ukraine if p.admin1}
    assert len(units) == 25 and "Kyiv City" not in shown  # the source's label for oblast villages
    assert len(shown - units) == 0


def test_cyrillic_names_are_looked_up(gazetteer):
    assert gazetteer.lookup("Бахмут")[0].place.id == "713174"
    assert gazetteer.lookup("Київ")[0].place.id == "703448"


def test_invented_front_line_report_resolves_to_ukraine():
    found = resolved(
        "Artillery hit positions near Bakhmut and Soledar overnight, while units pulled back from "
        "Sievierodonetsk to Lysychansk. Aid convoys left Kyiv for Kharkiv, and the mayor "
        "of Mariupol spoke from Avdiivka before a visit to Kherson."
    )
    towns = ["Bakhmut", "Soledar", "Sievierodonetsk", "Lysychansk", "Kyiv", "Kharkiv",
             "Mariupol", "Avdiivka", "Kherson"]  # fmt: skip
    assert {found[t] for t in towns} == {(t, "populated place", "UA") for t in towns}


def test_invented_old_spellings_show_current_names():
    found = resolved("Wire reports from Artemivsk, Severodonetsk and Kiev were delayed.")
    assert found == {
        "Artemivsk": ("Bakhmut", "populated place", "UA"),
        "Severodonetsk": ("Sievierodonetsk", "populated place", "UA"),
        "Kiev": ("Kyiv", "populated place", "UA"),
    }


def test_levant_places_keep_their_entries_with_ukraine_enabled():
    found = resolved("Convoys drove from Damascus to Aleppo and on towards Raqqa.")
    assert {found[n][2] for n in ("Damascus", "Aleppo", "Raqqa")} == {"SY"}


def test_a_village_with_many_namesakes_is_the_one_near_the_named_towns(gazetteer):
    namesakes = [c for c in gazetteer.lookup("Pisky", limit=50) if c.reason == "exact name"]
    assert len(namesakes) > 10  # more than a short candidate list would keep
    found = find_places(
        "Shelling hit the village of Pisky, between Avdiivka and Donetsk, on Sunday."
    )
    pisky = next(m.place for m in found if m.text == "Pisky")
    assert (pisky.country, pisky.admin1) == ("UA", "Donetsk Oblast")


def test_oblast_and_raion_after_a_name_ask_for_the_unit():
    found = resolved("Shelling went on in Donetska oblast, and later in the Izium raion.")
    assert found["Donetska"] == ("Donetsk Oblast", "governorate", "UA")
    assert found["Izium"][1:] == ("district", "UA")


def test_cyrillic_names_in_text_are_recognised():
    found = resolved("Зведення: обстріли тривали, Бахмут і Харків без світла, Київ теж.")
    assert found == {
        "Бахмут": ("Bakhmut", "populated place", "UA"),
        "Харків": ("Kharkiv", "populated place", "UA"),
        "Київ": ("Kyiv", "populated place", "UA"),
    }


def test_the_first_level_filter_is_named_as_the_country_names_its_units():
    import pandas as pd

    from geo.regions import first_level_label

    rows = [
        {"id": "1", "level": "country", "country": "UA"},
        {"id": "2", "level": "country", "country": "SY"},
        {"id": "a", "level": "governorate", "country": "UA"},
        {"id": "b", "level": "governorate", "country": "UA"},
        {"id": "c", "level": "governorate", "country": "SY"},
        {"id": "d", "level": "governorate", "country": "TR"},
    ]
    locations = pd.DataFrame(rows)
    assert first_level_label(locations, ["2"]) == "Governorate"
    assert first_level_label(locations, ["1"]) == "Oblast"
    assert first_level_label(locations, []) == "Oblast / governorate / province"
    assert first_level_label(locations.iloc[:2], []) == "Province"  # no units offered: default
    assert (
        first_level_label(pd.DataFrame([{"id": "9", "level": "country", "country": "ZZ"}]), ["9"])
        == "Province"
    )


def test_a_ukraine_article_offers_its_oblast_and_choosing_it_filters_to_the_article(tmp_path):
    from geo.articles import make_article
    from geo.boundaries import governorates
    from geo.filters import Filters, location_choices
    from geo.pipeline import extract
    from geo.regions import first_level_label
    from geo.store import open_store

    store = open_store(f"sqlite:///{tmp_path / 'atlas.sqlite'}")
    article = make_article(
        "Shelling hit the village of Pisky and the town of Izium in Kharkiv Oblast overnight, "
        "regional officials said on Tuesday.",
        published=date(2022, 5, 3),
    )
    store.add(extract(article))
    names = dict(zip(governorates()["id"], governorates()["name"], strict=True))
    choices = location_choices(store.mentions(), names)
    oblasts = choices[choices["level"] == "governorate"]
    assert list(oblasts["label"]) == ["Kharkiv Oblast"]
    assert first_level_label(choices, []) == "Oblast"
    chosen = Filters(places=(oblasts["id"].iat[0],))
    assert list(store.articles(chosen)["id"]) == [article.id]
    assert "Izium" in set(store.mentions(chosen)["name"])
