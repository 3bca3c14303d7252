"""Article text made inert before it reaches HTML or Markdown: popups, tooltips, articles, labels.

Article text is hostile input.  HTML-escaping is not enough for folium, which
writes popup HTML into JavaScript template literals (``${...}`` would run), nor
for Streamlit's Markdown (``$...$`` is rendered as maths): so ``$``, backticks
and backslashes become character references too.  Widget labels (an expander's
title) are Markdown, not HTML: there every punctuation mark is backslash-escaped.
Downloads are a context too: a CSV cell starting with ``=``, ``+``, ``-`` or ``@``
is a formula to a spreadsheet, so text cells get a leading apostrophe.
"""

from __future__ import annotations

import html
import math
import re
import string

import pandas as pd

_PUNCTUATION = re.compile(f"([{re.escape(string.punctuation)}])")
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?<=@)")
"""Where GitHub-flavoured Markdown starts a bare link ("https://", "www.", an e-mail's "@"):
escaping does not stop those, so an invisible word joiner (U+2060) goes there."""


def _text(value: object) -> str:
    """``value`` as text; "" for a missing value (None, or NaN from a DataFrame)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def safe(text: object) -> str:
    """``text`` as inert HTML that also survives JavaScript template literals; "" for missing."""
    escaped = html.escape(_text(text), quote=True)
    return escaped.replace("$", "&#36;").replace("`", "&#96;").replace("\\", "&#92;")


def safe_link(url: object, label: object) -> str:
    """An escaped link opening in a new tab, only for http(s) URLs (never ``javascript:``)."""
    url = _text(url).strip()
    if not url.lower().startswith(("http://", "https://")):
        return ""
    return f'<a href="{safe(url)}" target="_blank" rel="noopener noreferrer">{safe(label)}</a>'


def safe_label(text: object) -> str:
    """``text`` as literal Markdown for a Streamlit label: no link, image, maths or emoji code.

    CommonMark lets any ASCII punctuation be backslash-escaped, and Streamlit's
    labels honour it, so the label shows the characters exactly as written.  A bare
    URL or e-mail address is still made a link by the renderer: a word joiner breaks it.
    """
    return _PUNCTUATION.sub(r"\\\1", _AUTOLINK.sub("\u2060", _text(text)))


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
"""What makes a spreadsheet read a cell as a formula (OWASP's CSV injection list)."""


def spreadsheet_cell(value: object) -> object:
    """A text cell a spreadsheet shows as text: a leading ``'`` before a formula's first sign.

    Numbers are left alone (a negative number is a number, not a formula).
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def spreadsheet_safe(table: pd.DataFrame) -> pd.DataFrame:
    """``table`` with every text cell made inert for Excel, LibreOffice and Google Sheets."""
    text = table.select_dtypes(include=["object", "string"]).columns
    return table.assign(**{column: table[column].map(spreadsheet_cell) for column in text})
