"""The bundled corpus: seed texts unchanged, metadata typed."""

from datetime import date
from pathlib import Path

from geo.articles import ARTICLES_DIR, article_id, load_bundled, make_article, normalise_text

SEEDS = Path(__file__).resolve().parent.parent / "data" / "articles"


def test_bundled_articles_are_the_three_seeds_with_real_dates():
    articles = load_bundled()
    assert [a.outlet for a in articles] == [
        "VOA News",
        "ITV News (AP)",
        "Portland Press Herald (AP)",
    ]
    assert [a.published for a in articles] == [
        date(2019, 3, 7),
        date(2019, 2, 17),
        date(2019, 2, 9),
    ]
    assert all(isinstance(a.published, date) for a in articles)
    assert articles[2].url.startswith("https://www.pressherald.com/2019/02/09/")
    assert articles[1].dateline == "BAGHOUZ"


def test_article_text_is_byte_for_byte_the_file():
    for article, path in zip(load_bundled(), sorted(ARTICLES_DIR.glob("*.txt")), strict=True):
        assert article.text.encode("utf-8") == path.read_bytes()
        assert article.id == article_id(article.text)
        assert "Baghuz" in article.text or "Baghouz" in article.text


def test_id_ignores_line_endings_and_composition_but_not_words():
    text = "Hajin fell in Decembe\u0301r.\n"
    assert article_id(text) == article_id("Hajin fell in Decembe\u0301r.\r\n")
    assert article_id("  Hajin   fell") == article_id("Hajin fell")
    assert article_id(text) != article_id("Hajin fell in November.\n")
    assert normalise_text("a\r\n b") == "a b"


def test_make_article_keeps_metadata():
    a = make_article("Raqqa.", outlet="AP", published=date(2019, 1, 2), title="T")
    assert (a.outlet, a.published, a.title, a.text) == ("AP", date(2019, 1, 2), "T", "Raqqa.")
