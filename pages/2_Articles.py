"""Articles: the selected reports with their place names and figures marked, linking to the map."""

import streamlit as st

import dashboard
from geo.escaping import safe, safe_label, safe_link
from geo.highlight import STYLES, highlight, marks

st.set_page_config(page_title="Articles · Conflict News Atlas", page_icon="📰", layout="wide")
filters = dashboard.sidebar()
total = dashboard.count("articles", filters, dashboard.version())
pages = max(1, -(-total // dashboard.ARTICLES_PER_PAGE))

st.title("Articles")
page = 1
if pages > 1:
    page = st.number_input(f"Page (of {pages:,}; {total:,} articles, newest first)",
                           min_value=1, max_value=pages, value=1, step=1)  # fmt: skip
articles, mentions, figures = dashboard.article_page(filters, int(page) - 1)
st.html(
    f'<span style="{STYLES["place"]}">place</span> '
    f'<span style="{STYLES["figure"]}">figure</span> '
    f'<span style="{STYLES["unresolved"]}">place not in the gazetteer</span> · '
    "a click on a mark opens the map filtered to it."
)
if articles.empty:
    st.info("No article matches the filters.")
for article in articles.itertuples(index=False):
    heading = safe(article.title) or safe(article.id)
    meta = " · ".join(p for p in [safe(article.outlet), safe(article.published)] if p)
    label = f"{article.title or article.id} ({article.outlet}, {article.published})"
    with st.expander(safe_label(label)):
        st.html(
            f"<h4>{heading}</h4><p><i>{meta}</i> {safe_link(article.url, 'source')}</p>"
            f'<div style="line-height:1.6">'
            f"{highlight(article.text, marks(article.id, mentions, figures))}</div>"
        )
