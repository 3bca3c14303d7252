"""Map: what the filtered reports say, drawn where they say it (the home page, see app.py)."""

import altair as alt
import streamlit as st
from streamlit_folium import st_folium

import dashboard
from geo.escaping import safe_label
from geo.maps import build_map, clicked_place
from geo.summary import overview, share_claims

st.set_page_config(page_title="Map · Conflict News Atlas", page_icon="🗺️", layout="wide")
filters = dashboard.sidebar()
articles, mentions, figures = dashboard.selection(filters)

st.title("Conflict News Atlas")
summary = overview(articles, mentions, figures)
columns = st.columns([1, 1, 1, 3, 3])
columns[0].metric("Articles", summary.articles)
columns[1].metric("Places", summary.places)
columns[2].metric("Figures", summary.figures)
# claims are the reports' own words, often longer than a metric shows: in full in the caption
columns[3].metric("Displacement claimed", summary.displaced_range)
columns[3].caption(safe_label(summary.displaced_range))
columns[4].metric("Latest territory claim", summary.latest_territory or "none reported")
if summary.latest_territory_where:
    where = f"{summary.latest_territory} · {summary.latest_territory_where}"
    columns[4].caption(safe_label(where))

map_column, chart_column = st.columns([5, 2])
with map_column:
    atlas = build_map(mentions, figures, dashboard.governorate_shapes())
    clicked = st_folium(
        atlas, key="atlas", height=600, use_container_width=True,
        returned_objects=["last_object_clicked", "last_object_clicked_tooltip"], render=False,
    )  # fmt: skip
    st.caption(
        "Click a place to filter every page to it. Territory is drawn to scale; "
        "numbers are as hedged in the reports (popups quote the sentence)."
    )
point = (clicked or {}).get("last_object_clicked")
if point and point != st.session_state.get("last_click"):
    st.session_state.last_click = point
    tooltip = clicked.get("last_object_clicked_tooltip")
    place = clicked_place(mentions, tooltip, point["lat"], point["lng"])
    if place and filters.places != (place,):
        dashboard.select_place(place)

with chart_column:
    st.subheader("Share of territory held")
    shares = share_claims(figures)
    if shares.empty:
        st.caption("No share-of-territory figures in this selection.")
    else:
        claims = alt.Chart(shares).encode(
            y=alt.Y("claim:N", title=None, sort="descending", axis=alt.Axis(labelLimit=220)),
            tooltip=["label", "name", "outlet", "date_end", "sentence"],
        )
        chart = claims.mark_rule(strokeWidth=4).encode(
            x=alt.X("low:Q", title="% of former territory still held"), x2="high:Q"
        ) + claims.mark_point(filled=True, size=60).encode(x="value:Q")
        st.altair_chart(chart, width="stretch")
