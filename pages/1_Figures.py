"""Figures: every number the selected reports give, over time, with the claims that disagree."""

import altair as alt
import streamlit as st

import dashboard
import review_forms
from geo.reviews import shown
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
linked = review_forms.linked_target()  # before the sidebar rewrites the query string
filters = dashboard.sidebar()
listed, mentions = dashboard.figures_page(filters, rejected=True)  # the table lists rejected ones
figures = shown(listed)  # the chart and the conflicts leave them out
data_version = dashboard.version()
total = dashboard.count("figures", filters, data_version)

st.title("Figures")
st.caption(
    "Each number as hedged in its report, with the bounds the hedge implies, and whether a "
    "reviewer confirmed, corrected, added or rejected it (review_status)."
)
table = figures_table(listed, mentions)
if total > len(listed):
    st.caption(
        f"The newest {len(listed):,} of {total:,} figures (by period), here and in the chart "
        "and the conflicts below; the downloads hold all of them."
    )
st.dataframe(
    table.drop(columns=["lat", "lon", "article_id", "place_id", "start", "end"]),
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

st.subheader("Review a figure")
review_forms.saved_notice()
review_forms.review_panel(listed, "figure", "figures_review", review_forms.gate(), linked)
lost = dashboard.detached_reviews(data_version)
if not lost.empty:
    with st.expander(f"Detached reviews ({len(lost)}): their span was not found again"):
        st.caption(
            "A re-read no longer finds a figure or place name at these spans; the reviews are "
            "kept, for a person to re-attach (`python -m geo reviews detached` lists them too)."
        )
        st.dataframe(lost, hide_index=True)
