"""Map: what the filtered reports say, drawn where they say it (the home page, see app.py).

A click on a place selects it for the panel beside the map (its claims and the
articles naming it) and leaves its popup open; a button there filters every
page to it.  The time control draws the map as of a day, mirrored in the URL.
"""

from datetime import date

import altair as alt
import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

import dashboard
from geo.escaping import safe_label
from geo.literal_render import scripts_left_out
from geo.maps import build_map, clicked_place
from geo.summary import (
    country_wide,
    locate,
    located_table,
    place_articles,
    place_claims,
    share_claims,
)
from geo.timeline import as_of, claim_days, timeline

EVERY_CLAIM = "every claim"
# dates with their year: a selection may span years (2019 Syria beside 2023 Ukraine)
DAY_AXIS = alt.Axis(format="%-d %b %Y", labelOverlap=True)

st.set_page_config(page_title="Map · Conflict News Atlas", page_icon="🗺️", layout="wide")
filters = dashboard.sidebar()
mentions, selected, capped = dashboard.map_view(filters)
figures = as_of(selected, filters.as_of)
located = locate(figures, mentions)  # once, for the map and the claims beside it

st.title("Conflict News Atlas")
summary = dashboard.overview(filters)
columns = st.columns([1, 1, 1, 3, 3])
columns[0].metric("Articles", summary.articles)
columns[1].metric("Places", summary.places)
columns[2].metric("Figures", summary.figures)
columns[2].caption(f"{summary.reviewed} reviewed, {summary.machine_read} machine-read")
# claims are the reports' own words, often longer than a metric shows: in full in the caption
columns[3].metric("Displacement claimed", summary.displaced_range)
columns[3].caption(safe_label(summary.displaced_range))
columns[4].metric("Latest territory claim", summary.latest_territory or "none reported")
if summary.latest_territory_where:
    where = f"{summary.latest_territory} · {summary.latest_territory_where}"
    columns[4].caption(safe_label(where))


def _time_control(days: list[date]) -> None:
    """A slider over the days claims begin or end; its value is written to the filters."""
    stops = [EVERY_CLAIM, *sorted({*days, *([filters.as_of] if filters.as_of else [])})]
    st.session_state.w_asof = filters.as_of or EVERY_CLAIM  # pages reset widgets: seed it
    st.select_slider(
        "Map as of", stops, key="w_asof",
        format_func=lambda d: d if d == EVERY_CLAIM else d.isoformat(),
        on_change=lambda: dashboard.show_as_of(
            None if st.session_state.w_asof == EVERY_CLAIM else st.session_state.w_asof
        ),
        help="Counts whose period has begun by that day, and of territory only the newest "
        "claim for each area.",
    )  # fmt: skip


def _static_png() -> bytes:
    """The static map of this view, made on click (matplotlib loads then, not with the page)."""
    from geo.static_map import source_line, static_map

    source = source_line(summary.articles, filters)
    return static_map(mentions, figures, source, kinds=filters.kinds)


# what the share chart draws and its tooltips quote: the only columns sent to the browser
SHARE_FIELDS = ["claim", "low", "high", "value", "label", "name", "outlet", "date_end", "sentence"]


@st.cache_resource(show_spinner=False)
def _share_chart() -> dict:
    """The share-of-territory chart's Vega-Lite spec without its data (``st.vega_lite_chart``
    takes the data beside it).

    Altair validates every encoding as it is built and again as it is turned into
    Vega-Lite, tens of milliseconds a chart, and the encodings are the same for every
    selection: built and validated once.
    """
    claims = alt.Chart().encode(
        y=alt.Y("claim:N", title=None, sort="descending", axis=alt.Axis(labelLimit=140)),
        tooltip=["label:N", "name:N", "outlet:N", "date_end:N", "sentence:N"],
    )
    chart = claims.mark_rule(strokeWidth=4).encode(
        x=alt.X("low:Q", title="% still held"), x2="high:Q"
    ) + claims.mark_point(filled=True, size=60).encode(x="value:Q")
    return _named_data(chart.to_dict())


def _named_data(spec: dict) -> dict:
    """A spec Altair made without data, its placeholder (one empty row, which would be drawn
    as an "undefined" claim) swapped for the dataset :func:`_chart` passes as ``claims``."""
    spec = {**spec, "datasets": {k: v for k, v in spec["datasets"].items() if k != "empty"}}
    for part in (spec, *spec.get("layer", ())):
        if part.get("data") == {"name": "empty"}:
            part["data"] = {"name": "claims"}
    return spec


def _chart(spec: dict, claims: pd.DataFrame, **properties) -> None:
    """Draw a cached spec (:func:`_named_data`) with this run's ``claims``."""
    datasets = {**spec["datasets"], "claims": claims}
    st.vega_lite_chart(spec={**spec, **properties, "datasets": datasets}, width="stretch")


@st.cache_resource(show_spinner=False, max_entries=8)
def _timeline_chart(day: date | None) -> dict:
    """The claims-over-time chart without its data (see _share_chart) nor its colours (see
    _coloured), with a rule at the map's ``day``.

    Built with Altair once per day, not once per set of kinds as well: each new set of
    kinds (a filter change) cost a build and validation, tens of milliseconds.
    """
    bars = (
        alt.Chart()
        .mark_bar(height=8)
        .encode(
            x=alt.X("start:T", title=None, axis=DAY_AXIS),
            x2="end:T",
            color=alt.Color("kind:N"),
            y=alt.Y(
                "claim:N", title=None, sort=None, axis=alt.Axis(labelLimit=260, labelOverlap=False)
            ),
            opacity=alt.condition("datum.modality == 'reported'", alt.value(0.9), alt.value(0.35)),
            tooltip=[
                "label:N",
                "kind:N",
                "modality:N",
                "place:N",
                "outlet:N",
                alt.Tooltip("start:T"),
                alt.Tooltip("end:T", title="until"),
            ],
        )  # fmt: skip
    )
    if day is None:
        return _named_data(bars.to_dict())
    shown = pd.DataFrame({"day": [pd.Timestamp(day)]})
    rule = alt.Chart(shown).mark_rule(color="black", strokeDash=[4, 3]).encode(x="day:T")
    return _named_data((bars + rule).to_dict())


def _coloured(spec: dict, kinds: pd.Series) -> dict:
    """A cached spec whose colour channel gets the scale of ``kinds`` (the map's colours,
    dashboard.kind_scale): a new spec, the cached one is shared by every run."""
    scale = dashboard.kind_scale(kinds)

    def part(chart: dict) -> dict:
        colour = chart.get("encoding", {}).get("color")
        if colour is None:
            return chart
        return {**chart, "encoding": {**chart["encoding"], "color": {**colour, "scale": scale}}}

    coloured = part(spec)
    if "layer" in spec:
        coloured["layer"] = [part(layer) for layer in spec["layer"]]
    return coloured


map_column, side_column = st.columns([5, 2])
with map_column:
    atlas = build_map(
        mentions, located, dashboard.governorate_shapes(), filters.kinds,
        place_of=dashboard.place_finder(located, mentions), located=True,
    )  # fmt: skip
    with scripts_left_out():  # st_folium writes the scripts itself
        clicked = st_folium(
            atlas, key="atlas", height=600, use_container_width=True,
            returned_objects=["last_object_clicked", "last_object_clicked_tooltip"], render=False,
        )  # fmt: skip
    st.caption(
        "Click a place for its claims and articles. Territory is drawn to scale; "
        "numbers are as hedged in the reports (popups quote the sentence)."
    )
    if capped:
        st.caption(
            f"The map draws the newest {dashboard.MAP_ARTICLES:,} articles and "
            f"{dashboard.MAP_FIGURES:,} figures of the selection; the counts above are of all "
            "of it. Narrow the filters to draw the rest."
        )
    _time_control(claim_days(selected))
    st.download_button(
        "Download static map (PNG)", icon=":material/download:", on_click="ignore",
        data=_static_png,
        file_name="conflict-news-atlas-map.png", mime="image/png",
        help="The map as a picture for a report: legend, scale bar, north arrow and sources.",
    )  # fmt: skip
point = (clicked or {}).get("last_object_clicked")
if point and point != st.session_state.get("last_click"):
    st.session_state.last_click = point
    tooltip = clicked.get("last_object_clicked_tooltip")
    st.session_state.selected_place = clicked_place(
        mentions, tooltip, point["lat"], point["lng"]
    ) or st.session_state.get("selected_place")

table = located_table(located)
links = {
    "url": st.column_config.LinkColumn("article", display_text="open"),
    "place_name": st.column_config.TextColumn("as printed"),
    "placed_at": st.column_config.TextColumn("drawn at"),
}


def _height(rows: int, most: int = 5) -> int:
    """Room for ``rows`` table rows up to ``most`` (then it scrolls): no empty rows below."""
    return 35 * (min(rows, most) + 1) + 3


with side_column:
    place = st.session_state.get("selected_place")
    named = mentions.loc[mentions["place_id"] == place, "name"]
    if place and not named.empty:
        st.subheader(safe_label(named.iloc[0]))
        claims = place_claims(table, place)
        st.caption(f"{len(claims)} claim{'s' if len(claims) != 1 else ''} drawn here, by date")
        st.dataframe(claims, hide_index=True, column_config=links, height=_height(len(claims)))
        st.dataframe(place_articles(mentions, place), hide_index=True, column_config=links)
        if filters.places != (place,):
            st.button("Show only this place on every page", on_click=dashboard.pick_place,
                      args=(place,))  # fmt: skip
    else:
        st.caption("Click a place on the map: its claims and articles are listed here.")
    wide = country_wide(table)
    if not wide.empty:
        st.subheader("Country-wide claims")
        st.caption(
            "Precision 3: about a whole country, drawn faintly on it; a territory claim is "
            "drawn around the place its article is about (column 'drawn at')."
        )
        st.dataframe(wide, hide_index=True, column_config=links, height=_height(len(wide)))
    st.subheader("Share of territory held")
    shares = share_claims(figures)
    if shares.empty:
        st.caption("No share-of-territory figures in this selection.")
    else:
        shown = shares[SHARE_FIELDS].assign(date_end=shares["date_end"].astype(str))
        _chart(_share_chart(), shown)

st.subheader("Claims over time")
bars = timeline(selected)
if bars.empty:
    st.caption("No dated figures in this selection.")
else:
    chart = _coloured(_timeline_chart(filters.as_of), bars["kind"])
    _chart(chart, bars, height=18 * len(bars) + 40)
    st.caption("Each bar spans the period a claim is about; faint bars are expected or possible.")
