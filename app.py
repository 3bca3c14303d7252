"""Conflict News Atlas: the entry point, which names the pages for what they show.

Run with ``streamlit run app.py``.  ``st.navigation`` lists the pages (so the
``pages/`` folder is not scanned): the home page is the Map; every page draws
the shared sidebar filters through :mod:`dashboard`.  Each page keeps the
address it had, so old links still open it.
"""

import streamlit as st

st.set_page_config(page_title="Conflict News Atlas", page_icon="🗺️", layout="wide")
PAGES = [
    st.Page("pages/0_Map.py", title="Map", icon=":material/map:", default=True),
    st.Page(
        "pages/1_Figures.py", title="Figures", icon=":material/table_chart:", url_path="Figures"
    ),
    st.Page(
        "pages/2_Articles.py", title="Articles", icon=":material/article:", url_path="Articles"
    ),
    st.Page("pages/3_Places.py", title="Places", icon=":material/location_on:", url_path="Places"),
    st.Page(
        "pages/5_Add_articles.py",
        title="Add articles",
        icon=":material/add_circle:",
        url_path="Add_articles",
    ),
]
st.navigation(PAGES).run()
