"""Article text made inert before it reaches HTML: popups, tooltips, highlighted articles.

Article text is hostile input.  HTML-escaping is not enough for folium, which
writes popup HTML into JavaScript template literals (``${...}`` would run), nor
for Streamlit's Markdown (``$...$`` is rendered as maths): so ``$``, backticks
and backslashes become character references too.
"""

from __future__ import annotations

import html
import math


def safe(text: object) -> str:
    """``text`` as inert HTML that also survives JavaScript template literals; "" for missing."""
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return ""
    escaped = html.escape(str(text), quote=True)
    return escaped.replace("$", "&#36;").replace("`", "&#96;").replace("\\", "&#92;")


def safe_link(url: object, label: object) -> str:
    """An escaped link opening in a new tab, only for http(s) URLs (never ``javascript:``)."""
    url = "" if url is None or (isinstance(url, float) and math.isnan(url)) else str(url).strip()
    if not url.lower().startswith(("http://", "https://")):
        return ""
    return f'<a href="{safe(url)}" target="_blank" rel="noopener noreferrer">{safe(label)}</a>'
