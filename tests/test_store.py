"""The store on both backends: schema, idempotent adds, filters applied in SQL, fallbacks.

Every storage test runs against SQLite and, when ``DATABASE_URL_TEST`` names a
PostgreSQL server (``.ci/run`` starts one), against PostgreSQL + PostGIS too;
in CI (``CI=true``) a missing server fails instead of skipping.

The records are built from real gazetteer entries (GeoNames ids, names and
coordinates of the Who's On First / GeoNames rows) so that the filters are
checked on exactly the rows the pipeline produces, without waiting on it.
"""

from __future__ import annotations

import sqlite3
from datetime import date

import pandas as pd
import pytest

from geo.articles import make_article
from geo.figures import Figure
from geo.filters import Filters
from geo.gazetteer import Place
from geo.pipeline import Extraction
from geo.store import DEFAULT_PATH, MIGRATIONS, SCHEMA_VERSION, open_store
from geo.toponyms import PlaceMention


def _place(id, name, kind, code, country, admin1, lat, lon):
    return Place(id, int(id), name, kind, code, country, admin1, lat, lon, 0, (name,))


SYRIA = _place("163843", "Syria", "country", "PCLI", "SY", "", 35.02976, 38.51459)
IRAQ = _place("99237", "Iraq", "country", "PCLI", "IQ", "", 33.04891, 43.76774)
DEIR_EZ_ZOR_GOV = _place(
    "170792", "Dayr az Zawr", "governorate", "ADM1", "SY", "Dayr az Zawr", 35.14394, 40.31675
)
RAQQA_GOV = _place("172957", "Ar Raqqah", "governorate", "ADM1", "SY", "Ar Raqqah", 36.01, 38.99)
NINAWA_GOV = _place("92877", "Ninawa", "governorate", "ADM1", "IQ", "Ninawa", 36.0232, 42.48281)
BAGHUZ = _place(
    "171943", "Bāghūz Fawqānī", "populated place", "PPL", "SY", "Dayr az Zawr", 34.46095, 40.94904
)
HAJIN = _place("174506", "Hajin", "populated place", "PPLA3", "SY", "Dayr az Zawr", 34.6927, 40.827)
RAQQA = _place("172955", "Ar Raqqah", "populated place", "PPL", "SY", "Ar Raqqah", 35.95, 39.0)
MOSUL = _place("99072", "Mosul", "populated place", "PPL", "IQ", "Ninawa", 36.34314, 43.15487)

GOVERNORATE = {
    p.id: g.id
    for p, g in [
        (DEIR_EZ_ZOR_GOV, DEIR_EZ_ZOR_GOV),
        (RAQQA_GOV, RAQQA_GOV),
        (NINAWA_GOV, NINAWA_GOV),
        (BAGHUZ, DEIR_EZ_ZOR_GOV),
        (HAJIN, DEIR_EZ_ZOR_GOV),
        (RAQQA, RAQQA_GOV),
        (MOSUL, NINAWA_GOV),
    ]
}
COUNTRY = {p.id: p.country for p in (SYRIA, IRAQ)}


def governorate_of(place: Place) -> str | None:
    """The ADM1 polygon holding each test place, read off its GeoNames admin1 code."""
    return GOVERNORATE.get(place.id)


def extraction(text, places, figures=(), *, outlet="AP", published=date(2019, 2, 9)):
    """An Extraction whose mentions and figures point at the first occurrence of each name."""
    article = make_article(text, title=text[:30], outlet=outlet, published=published)
    mentions = []
    for surface, place in places:
        start = text.index(surface)
        mentions.append(
            PlaceMention(surface, start, start + len(surface), place, 0.9, False, ("exact",))
        )
    found = []
    for phrase, kind, value, place, start_date, end_date in figures:
        start = text.index(phrase)
        found.append(
            Figure(
                kind,
                value,
                value,
                None,
                "people",
                "more than",
                phrase,
                start,
                start + len(phrase),
                text,
                place,
                start_date,
                end_date,
                "stated",
            )  # fmt: skip
        )
    return Extraction(article, tuple(mentions), tuple(found))


FEB = (date(2019, 2, 1), date(2019, 2, 28))
MARCH = (date(2019, 3, 1), date(2019, 3, 31))
BAGHUZ_REPORT = extraction(
    "More than 20,000 people left Baghuz in Syria in February. Fighters held Hajin.",
    [("Baghuz", BAGHUZ), ("Syria", SYRIA), ("Hajin", HAJIN)],
    [("20,000", "displaced", 20000, BAGHUZ, *FEB), ("Fighters", "fighters", 500, HAJIN, *FEB)],
    outlet="AP",
    published=date(2019, 2, 20),
)
RAQQA_REPORT = extraction(
    "About 3,000 families returned to Raqqa in March.",
    [("Raqqa", RAQQA)],
    [("3,000", "returned", 3000, RAQQA, *MARCH)],
    outlet="VOA News",
    published=date(2019, 3, 30),
)
MOSUL_REPORT = extraction(
    "In Mosul, Iraq, 900 people were detained, <script>alert(1)</script> ${1+1}.",
    [("Mosul", MOSUL), ("Iraq", IRAQ)],
    [("900", "detained", 900, MOSUL, date(2019, 1, 1), date(2019, 1, 5))],
    outlet="Rudaw",
    published=date(2019, 1, 6),
)
UNDATED = extraction("Shelling was reported near a village.", [], outlet="AP", published=None)
REPORTS = (BAGHUZ_REPORT, RAQQA_REPORT, MOSUL_REPORT, UNDATED)


@pytest.fixture
def store(url):
    s = open_store(url, governorate_of=governorate_of, country_of=COUNTRY.get)
    assert s.writable, s.note
    yield s
    s.close()


@pytest.fixture
def filled(store):
    for report in REPORTS:
        assert store.add(report) == "added"
    return store


def _ids(frame, column="article_id"):
    return sorted(set(frame[column]))


def test_fresh_store_is_migrated_to_the_last_version(store):
    assert store.schema_version() == SCHEMA_VERSION == MIGRATIONS[-1].version
    assert store.stats() == {"articles": 0, "mentions": 0, "figures": 0, "places": 0}


def test_reopening_applies_no_migration_twice(url):
    for _ in range(2):
        s = open_store(url, governorate_of=governorate_of, country_of=COUNTRY.get)
        assert s.writable, s.note
        assert s.schema_version() == SCHEMA_VERSION
        s.close()


def test_add_is_idempotent_and_counts_agree(store):
    assert [store.add(r) for r in REPORTS] == ["added"] * 4
    assert [store.add(r) for r in REPORTS] == ["unchanged"] * 4
    assert store.stats() == {"articles": 4, "mentions": 6, "figures": 4, "places": 6}
    assert store.has(BAGHUZ_REPORT.article.id)
    assert not store.has("0" * 16)


def test_same_text_with_other_metadata_is_unchanged_and_keeps_the_first(store):
    store.add(RAQQA_REPORT)
    again = extraction(RAQQA_REPORT.article.text + "  \n", [("Raqqa", RAQQA)], outlet="Other")
    assert again.article.id == RAQQA_REPORT.article.id
    assert store.add(again) == "unchanged"
    assert list(store.articles()["outlet"]) == ["VOA News"]


def test_rows_round_trip_with_types(filled):
    articles = filled.articles()
    assert list(articles["id"]) == [
        RAQQA_REPORT.article.id,
        BAGHUZ_REPORT.article.id,
        MOSUL_REPORT.article.id,
        UNDATED.article.id,
    ]  # newest first, undated last
    first = articles.iloc[0]
    assert first["published"] == date(2019, 3, 30)
    assert first["text"] == RAQQA_REPORT.article.text
    assert str(articles["added"].dt.tz) == "UTC"

    mentions = filled.mentions()
    baghuz = mentions[mentions["place_id"] == BAGHUZ.id].iloc[0]
    assert baghuz["name"] == "Bāghūz Fawqānī"
    assert baghuz["governorate_id"] == DEIR_EZ_ZOR_GOV.id
    assert baghuz["lat"] == pytest.approx(34.46095)
    assert baghuz["adjective"] is False or baghuz["adjective"] == False  # noqa: E712
    assert baghuz["outlet"] == "AP" and baghuz["published"] == date(2019, 2, 20)

    figures = filled.figures()
    script = figures[figures["article_id"] == MOSUL_REPORT.article.id].iloc[0]
    assert "<script>alert(1)</script> ${1+1}" in script["sentence"]  # stored as text, verbatim
    assert script["date_start"] == date(2019, 1, 1) and script["date_end"] == date(2019, 1, 5)
    assert script["outlet"] == "Rudaw" and script["label"]


def test_date_range_overlaps_figure_periods_and_bounds_publication(filled):
    # 25 Feb to 5 Mar overlaps February's figures and March's, not January's.
    window = Filters(start=date(2019, 2, 25), end=date(2019, 3, 5))
    assert sorted(filled.figures(window)["kind"]) == ["displaced", "fighters", "returned"]
    # articles and mentions: by publication date (20 Feb and 30 Mar are outside)
    assert filled.articles(window).empty
    assert filled.mentions(window).empty
    february = Filters(start=date(2019, 2, 1), end=date(2019, 2, 28))
    assert list(filled.articles(february)["id"]) == [BAGHUZ_REPORT.article.id]
    assert _ids(filled.mentions(february)) == [BAGHUZ_REPORT.article.id]
    # open-ended ranges
    assert sorted(filled.figures(Filters(end=date(2019, 1, 31)))["kind"]) == ["detained"]
    assert sorted(filled.figures(Filters(start=date(2019, 3, 31)))["kind"]) == ["returned"]


def test_place_filter_selects_the_place_its_governorate_or_its_country(filled):
    at_hajin = Filters(places=(HAJIN.id,))
    assert list(filled.figures(at_hajin)["kind"]) == ["fighters"]
    assert list(filled.mentions(at_hajin)["text"]) == ["Hajin"]
    assert list(filled.articles(at_hajin)["id"]) == [BAGHUZ_REPORT.article.id]

    in_deir_ez_zor = Filters(places=(DEIR_EZ_ZOR_GOV.id,))
    assert sorted(filled.figures(in_deir_ez_zor)["kind"]) == ["displaced", "fighters"]
    assert sorted(filled.mentions(in_deir_ez_zor)["text"]) == ["Baghuz", "Hajin"]

    in_syria = Filters(places=(SYRIA.id,))
    assert sorted(filled.figures(in_syria)["kind"]) == ["displaced", "fighters", "returned"]
    assert _ids(filled.articles(in_syria), "id") == sorted(
        [BAGHUZ_REPORT.article.id, RAQQA_REPORT.article.id]
    )
    either = Filters(places=(MOSUL.id, RAQQA_GOV.id))
    assert sorted(filled.figures(either)["kind"]) == ["detained", "returned"]


def test_kind_and_outlet_filters(filled):
    assert list(filled.figures(Filters(kinds=("returned",)))["place_id"]) == [RAQQA.id]
    by_ap = Filters(outlets=("AP",))
    assert _ids(filled.articles(by_ap), "id") == sorted(
        [BAGHUZ_REPORT.article.id, UNDATED.article.id]
    )
    assert sorted(filled.figures(by_ap)["kind"]) == ["displaced", "fighters"]
    assert set(filled.mentions(by_ap)["outlet"]) == {"AP"}
    combined = Filters(
        start=date(2019, 1, 1), places=(SYRIA.id,), kinds=("displaced",), outlets=("AP", "Rudaw")
    )
    assert list(filled.figures(combined)["value"]) == [20000]
    assert filled.figures(Filters(kinds=("killed",))).empty


def test_unresolved_mentions_and_figures_without_place_are_kept(store):
    text = "The village of Qasr al-Nur said 40 people fled."
    article = make_article(text, published=date(2019, 2, 2))
    unresolved = PlaceMention("Qasr al-Nur", 15, 26, None, 0.3, False, ("unknown name",))
    figure = Figure(
        "displaced", 40, 40, 40, "people", "", "40 people", 32, 41, text, None, None, None,
        "publication",
    )  # fmt: skip
    assert store.add(Extraction(article, (unresolved,), (figure,))) == "added"
    mention = store.mentions().iloc[0]
    assert pd.isna(mention["place_id"]) and mention["text"] == "Qasr al-Nur"
    assert pd.isna(store.figures().iloc[0]["place_id"])
    # a figure with no period cannot overlap a date range
    assert store.figures(Filters(start=date(2019, 1, 1))).empty


def test_a_failed_add_leaves_nothing_behind(store):
    broken = Extraction(BAGHUZ_REPORT.article, BAGHUZ_REPORT.places, ("not a figure",))
    with pytest.raises(AttributeError):
        store.add(broken)
    assert store.stats()["articles"] == 0 and store.stats()["mentions"] == 0
    assert store.add(BAGHUZ_REPORT) == "added"


@pytest.mark.postgres
def test_postgis_points_are_geography_in_4326(pg_url):
    import psycopg

    store = open_store(pg_url, governorate_of=governorate_of, country_of=COUNTRY.get)
    assert store.backend == "postgresql" and store.writable, store.note
    for report in REPORTS:
        store.add(report)
    with psycopg.connect(pg_url) as conn:
        srid, lon, lat = conn.execute(
            "SELECT ST_SRID(geom), ST_X(geom::geometry), ST_Y(geom::geometry) "
            "FROM mentions WHERE place_id = %s",
            (BAGHUZ.id,),
        ).fetchone()
        near = conn.execute(
            "SELECT count(*) FROM figures WHERE ST_DWithin(geom, "
            "ST_MakePoint(40.94904, 34.46095)::geography, 30000)"
        ).fetchone()[0]
    assert (srid, lon, lat) == (4326, pytest.approx(40.94904), pytest.approx(34.46095))
    assert near == 2  # Baghuz and Hajin (about 25 km apart), not Raqqa


def test_default_location_is_var_atlas_sqlite_in_the_repo():
    assert DEFAULT_PATH.parts[-2:] == ("var", "atlas.sqlite")
    assert (DEFAULT_PATH.parent.parent / "geo" / "store.py").is_file()


def test_database_url_environment_variable_is_used(monkeypatch, tmp_path):
    target = tmp_path / "from-env.sqlite"
    monkeypatch.setenv("DATABASE_URL", str(target))
    s = open_store(governorate_of=governorate_of)
    assert s.writable and target.is_file()
    assert s.description == f"SQLite {target}"


def test_unwritable_location_falls_back_to_memory_and_says_why(tmp_path):
    (tmp_path / "a-file").write_text("not a directory")
    s = open_store(str(tmp_path / "a-file" / "atlas.sqlite"), governorate_of=governorate_of)
    assert not s.writable
    assert "cannot be written" in s.note and "this session only" in s.note
    assert s.add(BAGHUZ_REPORT) == "added"  # the session keeps its additions
    assert s.stats()["articles"] == 1


def test_read_only_database_is_copied_into_memory(tmp_path):
    path = tmp_path / "atlas.sqlite"
    s = open_store(str(path), governorate_of=governorate_of)
    s.add(RAQQA_REPORT)
    s.close()
    ro = open_store(f"file:{path}?mode=ro", governorate_of=governorate_of)
    assert not ro.writable and "readonly" in ro.note
    assert ro.stats()["articles"] == 1  # what was stored is still shown
    ro.add(MOSUL_REPORT)
    assert ro.stats()["articles"] == 2
    assert sqlite3.connect(path).execute("SELECT count(*) FROM articles").fetchone()[0] == 1


def test_readonly_setting_and_session_copies_are_private(monkeypatch, tmp_path):
    path = tmp_path / "atlas.sqlite"
    s = open_store(str(path), governorate_of=governorate_of)
    s.add(RAQQA_REPORT)
    s.close()
    monkeypatch.setenv("ATLAS_READONLY", "true")
    shared = open_store(str(path), governorate_of=governorate_of)
    assert not shared.writable and "ATLAS_READONLY" in shared.note
    alice, bob = shared.session_copy(), shared.session_copy()
    alice.add(MOSUL_REPORT)
    assert alice.stats()["articles"] == 2
    assert bob.stats()["articles"] == shared.stats()["articles"] == 1


def test_unreachable_postgres_falls_back_without_leaking_the_password():
    s = open_store("postgresql://atlas:s3cret@127.0.0.1:1/atlas", governorate_of=governorate_of)
    assert not s.writable
    assert "s3cret" not in s.note and "this session only" in s.note


def test_seeds_go_into_a_fresh_store_once_with_real_governorates_and_countries(url):
    from geo.articles import load_bundled

    store = open_store(url)  # the real gazetteer and boundaries
    store.seed_if_empty()
    counts = store.stats()
    assert counts["articles"] == 3 and counts["mentions"] > 3 and counts["figures"] > 0
    assert set(store.articles()["id"]) == {a.id for a in load_bundled()}
    store.seed_if_empty()
    assert store.stats() == counts

    everything = store.mentions()
    deir_ez_zor = store.mentions(Filters(places=(DEIR_EZ_ZOR_GOV.id,)))
    assert "Baghouz" in set(deir_ez_zor["text"])  # inside the governorate's polygon
    inside = deir_ez_zor[["place_id", "governorate_id"]].eq(DEIR_EZ_ZOR_GOV.id).any(axis=1)
    assert inside.all()
    syria = store.mentions(Filters(places=(SYRIA.id,)))
    assert len(syria) == (everything["country"] == "SY").sum() and (syria["country"] == "SY").all()


def test_a_hosted_checkout_without_database_keeps_additions_per_session(monkeypatch, tmp_path):
    import geo.store

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(geo.store, "HOSTED_ROOT", geo.store.REPO_ROOT.parent)
    s = open_store(str(tmp_path / "atlas.sqlite"), governorate_of=governorate_of)
    assert not s.writable and "hosted deploy" in s.note


@pytest.mark.postgres
def test_a_dropped_postgres_connection_is_replaced(pg_url):
    import psycopg

    store = open_store(pg_url, governorate_of=governorate_of, country_of=COUNTRY.get)
    store.add(RAQQA_REPORT)
    pid = store._db.conn.info.backend_pid
    store._db.check_after_idle = 0  # as if idle for long
    with psycopg.connect(pg_url, autocommit=True) as admin:  # as a server's idle timeout would
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    assert store.stats()["articles"] == 1
    assert store._db.conn.info.backend_pid != pid


def test_figure_precision_basis_movement_and_modality_are_stored(store):
    """Migration 2: the figure reader's issue-10 fields round-trip on both backends."""
    text = "Some 200 families fled from Raqqa to Mosul since March."
    base = extraction(text, [("Raqqa", RAQQA), ("Mosul", MOSUL)])
    start = text.index("Some 200 families")
    figure = Figure(
        "displaced", 200, 180, 220, "families", "Some", "Some 200 families", start,
        start + len("Some 200 families"), text, RAQQA, *MARCH, "relative",
        precision=1, place_basis="clause", place_name="Raqqa", origin=RAQQA, destination=MOSUL,
        modality="expected", cumulative=True,
    )  # fmt: skip
    assert store.add(Extraction(base.article, base.places, (figure,))) == "added"
    row = store.figures().iloc[0]
    assert (row["precision"], row["place_basis"], row["place_name"]) == (1, "clause", "Raqqa")
    assert (row["origin_id"], row["destination_id"]) == (RAQQA.id, MOSUL.id)
    assert (row["modality"], bool(row["cumulative"]), row["unit"]) == ("expected", True, "families")
