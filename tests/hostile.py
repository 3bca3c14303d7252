"""Hostile strings for the security tests, and the articles and files that carry them.

Each payload is wrapped in markers (``QQ…QQ``) so a test can tell "shown as
written" (``QQ{{ 7*7 }}QQ``) from "evaluated" (``QQ49QQ``) without guessing at
what else a page prints.  Scripts set ``window.top.__atlasPwned`` so a browser
test can tell if any of them ran.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from geo.articles import Article, make_article
from geo.pipeline import extract
from geo.store import open_store

PAYLOADS: dict[str, str] = {
    "jinja_expression": "{{ 7*7 }}",
    "jinja_os": "{{ cycler.__init__.__globals__.os.getcwd() }}",
    "jinja_statement": "{% for x in range(3) %}LOOP{% endfor %}",
    "jinja_comment": "{# never closed",
    "html_img": '<img src=x onerror="window.top.__atlasPwned=1">',
    "script_close": "</script><script>window.top.__atlasPwned=2</script>",
    "template_literal": "${window.top.__atlasPwned=3}",
    "markdown_link": "[Click to verify](https://evil.example/phish)",
    "markdown_image": "![pixel](https://evil.example/pixel.png)",
    "formula_equals": '=HYPERLINK("https://evil.example","open")',
    "formula_plus": "+1+cmd|' /C calc'!A0",
    "formula_minus": "-2+3",
    "formula_at": "@SUM(1,2)",
    "format_string": "{0.__class__} {self.__init__.__globals__}",
    "sql": "'); DROP TABLE articles; --",
    "maths": "$x^2$ and $$y$$",
    "backslash": "\\` \\${1+1}",
}
"""Strings that must appear literally wherever article text is shown, never run."""

EVALUATED = {
    "jinja_expression": "QQ49QQ",
    "jinja_statement": "LOOPLOOPLOOP",
}
"""What the page would show if a payload had been evaluated."""

URLS = {
    "javascript": "javascript:window.top.__atlasPwned=4",
    "data": "data:text/html,<script>window.top.__atlasPwned=5</script>",
}


def marked(name: str) -> str:
    return f"QQ{PAYLOADS[name]}QQ"


def hostile_text(names=PAYLOADS) -> str:
    """An article with figures, places and dates, a payload inside each sentence."""
    sentences = [
        f"More than {1000 + 10 * i:,} people fled Hajin on Monday, an observer said {marked(name)}."
        for i, name in enumerate(names)
    ]
    return "BAGHOUZ, Syria — " + " ".join(sentences) + " Some 400 fighters remain in Baghuz."


def hostile_articles() -> list[Article]:
    """One article per payload in title and outlet, and one per hostile URL."""
    articles = [
        make_article(
            hostile_text([name]),
            title=f"Report {marked(name)}",
            outlet=PAYLOADS[name],  # as the whole cell: formulas start a CSV cell
            published=date(2019, 3, 4),
            url="https://example.org/report",
        )
        for name in PAYLOADS
    ]
    articles += [
        make_article(
            f"About {2000 + i} people were evacuated from Baghuz on Sunday ({kind} link).",
            title=f"Link {kind}",
            outlet="Links",
            published=date(2019, 3, 3),
            url=url,
        )
        for i, (kind, url) in enumerate(URLS.items())
    ]
    return articles


def _row(article: Article) -> dict:
    return {
        "title": article.title,
        "outlet": article.outlet,
        "published": article.published.isoformat(),
        "url": article.url,
        "text": article.text,
    }


def write_files(folder: Path) -> dict[str, int]:
    """The hostile articles in every format the ingest reads; the article count per file."""
    articles = hostile_articles()
    rows = [_row(a) for a in articles]
    folder.mkdir(parents=True, exist_ok=True)
    counts = {}
    (folder / "batch.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    counts["batch.jsonl"] = len(rows)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    (folder / "batch.csv").write_text(buffer.getvalue(), encoding="utf-8")
    counts["batch.csv"] = len(rows)
    (folder / "batch.json").write_text(json.dumps(rows), encoding="utf-8")
    counts["batch.json"] = len(rows)
    first = rows[0]
    (folder / "one.txt").write_text(first["text"] + " Also in a text file.", encoding="utf-8")
    meta = {k: v for k, v in first.items() if k != "text"}
    (folder / "one.json").write_text(json.dumps(meta), encoding="utf-8")
    counts["one.txt"] = 1
    page = (
        f"<html><head><title>{first['title']}</title></head><body><article>"
        f"<h1>{first['title']}</h1><p>{first['text']}</p>"
        f"<p>{hostile_text(['html_img', 'script_close', 'jinja_os'])} Also in a saved page "
        "with enough words to count as an article, not as navigation.</p>"
        "<script>window.top.__atlasPwned=6</script></article></body></html>"
    )
    (folder / "page.html").write_text(page, encoding="utf-8")
    counts["page.html"] = 1
    return counts


def hostile_store(folder: Path) -> str:
    """A SQLite store in ``folder`` holding the seeds and every hostile article; its URL."""
    url = f"sqlite:///{folder / 'atlas.sqlite'}"
    store = open_store(url)
    store.seed_if_empty()
    for article in hostile_articles():
        store.add(extract(article))
    store.close()
    return url
