"""Figures: every number the selected reports give, over time, with the claims that disagree."""

import altair as alt
import streamlit as st

import dashboard
from geo.summary import (
    MAX_COMPARISONS,
    MAX_CONFLICTS,
    claim_ranges,
    conflicting_claims,
    figures_csv,
    figures_geojson,
    figures_table,
)

st.set_page_config(page_title="Figures · Conflict News Atlas", page_icon="🔢", layout="wide")
filters = dashboard.sidebar()
figures, mentions = dashboard.figures_page(filters)
total = dashboard.count("figures", filters, dashboard.version())

st.title("Figures")
st.caption("Each number as hedged in its report, with the bounds the hedge implies.")
table = figures_table(figures, mentions)
if total > len(figures):
    st.caption(
        f"The newest {len(figures):,} of {total:,} figures (by period), here and in the chart "
        "and the conflicts below; the downloads hold all of them."
    )
st.dataframe(
    table.drop(columns=["lat", "lon", "article_id", "place_id"]),
    hide_index=True,
    column_config={"sentence": st.column_config.TextColumn(width="large")},
)
left, right = st.columns(2)  # files made on a click (deferred), not on every rerun
left.download_button(
    "Download CSV", dashboard.download(figures_csv, filters, table, total),
    "figures.csv", "text/csv", width="stretch",
)  # fmt: skip
right.download_button(
    "Download GeoJSON", dashboard.download(figures_geojson, filters, table, total),
    "figures.geojson", "application/geo+json", width="stretch",
)  # fmt: skip

st.subheader("Claims over time")
ranges = claim_ranges(figures)
if ranges.empty:
    st.caption("No dated figures in this selection.")
else:
    colour = dashboard.kind_colour(ranges["kind"])
    base = alt.Chart(ranges).encode(x=alt.X("date:T", title=None), color=colour)
    ticks = base.mark_rule(strokeWidth=3, opacity=0.6).encode(y="low:Q", y2="high:Q")
    dots = base.mark_point(filled=True, size=60).encode(
        y=alt.Y("value:Q", title=None),
        tooltip=["label", "kind", "place", "outlet", alt.Tooltip("date:T")],
    )
    chart = (
        alt.layer(ticks, dots)
        .properties(height=160, width=560)
        .facet(row=alt.Row("unit:N", title=None))
        .resolve_scale(y="independent")
    )
    st.altair_chart(chart)

st.subheader("Conflicting claims")
st.caption("Same kind and place, overlapping periods, ranges that do not meet.")
conflicts = conflicting_claims(figures)
if conflicts.empty:
    st.caption("None in this selection.")
else:
    st.dataframe(conflicts.drop(columns=["place_id"]), hide_index=True)
    if conflicts.attrs["truncated"]:
        st.caption(
            f"Listing stopped after {len(conflicts)} pairs: at most {MAX_CONFLICTS} are listed "
            f"and {MAX_COMPARISONS:,} compared at once; narrow the filters to see the rest."
        )
