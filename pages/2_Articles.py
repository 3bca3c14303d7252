"""Articles: the selected reports with their place names and figures marked, linking to the map;
beside each text, its figures and place names to confirm, reject or correct, and a missed
figure to add (review_forms)."""

import streamlit as st

import dashboard
import review_forms
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
review_forms.saved_notice()
allowed = review_forms.gate()
data_version = dashboard.version()
on_page = tuple(articles["id"])  # the review forms list the rejected ones too
listed_figures = dashboard.figures(filters, data_version, article_ids=on_page, rejected=True)
listed_mentions = dashboard.mentions(filters, data_version, article_ids=on_page, rejected=True)
for article in articles.itertuples(index=False):
    heading = safe(article.title) or safe(article.id)
    meta = " · ".join(p for p in [safe(article.outlet), safe(article.published)] if p)
    said = ", ".join(str(p) for p in (article.outlet, article.published or "no date") if p)
    label = f"{article.title or article.id} ({said})"
    with st.expander(safe_label(label)):
        text_column, review_column = st.columns([3, 2])
        text_column.html(
            f"<h4>{heading}</h4><p><i>{meta}</i> {safe_link(article.url, 'source')}</p>"
            f'<div style="line-height:1.6">'
            f"{highlight(article.text, marks(article.id, mentions, figures))}</div>"
        )
        with review_column:
            here = listed_figures[listed_figures["article_id"] == article.id]
            named = listed_mentions[listed_mentions["article_id"] == article.id]
            review_forms.review_panel(here, "figure", f"f_{article.id}", allowed)
            review_forms.review_panel(named, "mention", f"m_{article.id}", allowed)
            if allowed:
                with st.popover("Add a figure the reader missed"):
                    review_forms.add_figure_panel(article, f"a_{article.id}")
