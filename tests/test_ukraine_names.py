"""Ukraine's renamed districts (data/words/names_ukraine.tsv): the staged sources name raions
and cities of oblast significance as before the 2016 renamings ("Artemivskyi" for the Bakhmut
raion), so news asking for "the Bakhmut raion" found the town.  The sentences are invented."""

from collections import Counter
from datetime import date

import pytest

from geo.articles import make_article
from geo.gazetteer import default_gazetteer
from geo.pipeline import extract
from geo.regions import name_table, packs
from geo.toponyms import find_places

BAKHMUT_RAION = "wof:1108815983"
POKROVSK_RAION = "wof:1108815625"


@pytest.fixture(scope="module")
def gazetteer():
    return default_gazetteer()


@pytest.fixture(scope="module")
def table():
    (ukraine,) = (pack for pack in packs() if pack.name == "ukraine")
    return name_table(ukraine)


@pytest.mark.parametrize(
    ("query", "place_id", "shown", "oblast"),
    [
        ("Bakhmut raion", BAKHMUT_RAION, "Bakhmut Raion", "Donetsk Oblast"),
        ("Bakhmut district", BAKHMUT_RAION, "Bakhmut Raion", "Donetsk Oblast"),
        ("Artemivskyi", BAKHMUT_RAION, "Bakhmut Raion", "Donetsk Oblast"),  # the former name
        ("Pokrovsk raion", POKROVSK_RAION, "Pokrovsk Raion", "Donetsk Oblast"),
        ("Krasnoarmiiskyi", POKROVSK_RAION, "Pokrovsk Raion", "Donetsk Oblast"),
        ("Lyman raion", "wof:1108815627", "Lyman Raion", "Donetsk Oblast"),
        ("Kropyvnytskyi raion", "wof:1108815667", "Kropyvnytskyi Raion", "Kirovohrad Oblast"),
        ("Dnipro raion", "wof:1108815737", "Dnipro Raion", "Dnipropetrovsk Oblast"),
        ("Manhush district", "wof:102088329", "Manhush Raion", "Donetsk Oblast"),
    ],
)
def test_a_renamed_raion_is_found_under_its_current_name(gazetteer, query, place_id, shown, oblast):
    top = gazetteer.lookup(query, limit=1)[0].place
    assert (top.id, top.name, top.kind, top.admin1) == (place_id, shown, "district", oblast)


@pytest.mark.parametrize(
    ("town", "place_id"),
    [
        ("Bakhmut", "713174"),
        ("Pokrovsk", "704422"),
        ("Toretsk", "709354"),
        ("Dnipro", "709930"),
        ("Lyman", "704204"),  # a town of 20,000 that `geo lookup` ranks below its raion
    ],
)
def test_a_bare_name_still_reads_as_the_town(town, place_id):
    text = f"Ukrainian officials said shelling hit {town} on Monday."
    (mention,) = (m for m in find_places(text) if m.text == town)
    assert (mention.place.id, mention.place.kind) == (place_id, "populated place")


@pytest.mark.parametrize(
    ("sentence", "place_id"),
    [
        ("Shelling in the Bakhmut raion killed 3 people.", BAKHMUT_RAION),
        ("Shelling in the Bakhmut district killed 3 people.", BAKHMUT_RAION),
        ("Two drones struck villages in the Pokrovsk raion overnight.", POKROVSK_RAION),
    ],
)
def test_the_feature_word_makes_the_name_the_raion(sentence, place_id):
    places = {m.text: m.place.id for m in find_places(sentence) if m.place}
    assert place_id in places.values()


def test_a_figure_about_a_raion_lands_on_the_raion():
    article = make_article(
        "Shelling in the Bakhmut raion killed 3 people on Sunday, the regional governor said.",
        published=date(2023, 2, 6),
    )
    (figure,) = (f for f in extract(article).figures if f.kind == "killed")
    assert (figure.value, figure.place.id) == (3.0, BAKHMUT_RAION)


def test_no_two_renamed_districts_of_an_oblast_share_a_name(gazetteer, table):
    """A name two districts of one oblast carry makes "X raion" a toss-up: the table gives a
    town's bare name to its raion, not also to the city's municipality."""
    districts = [gazetteer.get(pid) for pid in table if pid.startswith("wof:")]
    assert districts and all(p.kind == "district" for p in districts)
    names = Counter(
        (p.admin1, name)
        for p in districts
        for name in {n.lower() for n in (table[p.id][0], *table[p.id][1])}
    )
    assert [key for key, count in names.items() if count > 1] == []
