"""Places: every place the selected reports name, how it was resolved, and what stayed unplaced."""

import streamlit as st

import dashboard

st.set_page_config(page_title="Places · Conflict News Atlas", page_icon="📍", layout="wide")
filters = dashboard.sidebar()
data_version = dashboard.version()

st.title("Places")
st.caption(
    "Resolved places with their gazetteer id and the candidates they beat: "
    "check a resolution by reading what it was chosen over."
)
st.dataframe(
    dashboard.aggregate("place_review", filters, data_version),
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
st.dataframe(dashboard.aggregate("unresolved", filters, data_version), hide_index=True)
