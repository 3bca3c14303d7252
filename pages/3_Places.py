"""Places: every place the selected reports name, how it was resolved, and what stayed unplaced."""

import streamlit as st

import dashboard
from geo.summary import place_review, unresolved

st.set_page_config(page_title="Places · Conflict News Atlas", page_icon="📍", layout="wide")
filters = dashboard.sidebar()
mentions = dashboard.mentions(filters, dashboard.version())

st.title("Places")
st.caption(
    "Resolved places with their gazetteer id and the candidates they beat: "
    "check a resolution by reading what it was chosen over."
)
st.dataframe(
    place_review(mentions),
    hide_index=True,
    column_config={
        "place_id": "id",
        "admin1": "governorate",
        "mentions": st.column_config.NumberColumn("named", help="times named (not adjectives)"),
        "beat": st.column_config.TextColumn("alternatives it beat", width="large"),
    },
)
st.subheader("Unresolved place-like names")
st.caption("Names that read like places but are not in the gazetteer, for review.")
st.dataframe(unresolved(mentions), hide_index=True)
