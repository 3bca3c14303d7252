"""Records -> folium layers: one pure function per layer, and the map that holds them.

Every string that came from an article (place names, sentences, outlets, titles)
is hostile until escaped: folium writes popup HTML into a JavaScript template
literal, so everything reaching a popup, tooltip or label goes through
:func:`geo.escaping.safe` first.

The page hands over DataFrames from the store (columns from ``geo.tables``) and
GeoDataFrames of boundaries; nothing here reads files or knows about Streamlit.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import folium
import geopandas as gpd
import pandas as pd
from branca.element import MacroElement, Template
from folium import plugins

from geo.escaping import safe, safe_link
from geo.summary import locate, place_counts
from geo.territory import footprints

STATIC = "/app/static/vendor"
"""Where the app serves the vendored Leaflet files (see static/vendor/README.md)."""

LEAFLET_JS = [
    ("leaflet", f"{STATIC}/leaflet-1.9.3/leaflet.js"),
    ("jquery", f"{STATIC}/jquery-3.7.1/jquery.min.js"),
]
LEAFLET_CSS = [("leaflet_css", f"{STATIC}/leaflet-1.9.3/leaflet.css")]
FULLSCREEN = f"{STATIC}/leaflet.fullscreen-3.0.0"
FULLSCREEN_JS = [("Control.Fullscreen.js", f"{FULLSCREEN}/Control.FullScreen.js")]
FULLSCREEN_CSS = [("Control.FullScreen.css", f"{FULLSCREEN}/Control.FullScreen.css")]

# Okabe & Ito's palette, distinguishable with the common colour-vision deficiencies.
KIND_COLOURS = {
    "displaced": "#E69F00",
    "returned": "#009E73",
    "civilians_remaining": "#56B4E9",
    "fighters": "#CC79A7",
    "detained": "#0072B2",
    "killed": "#D55E00",
    "wounded": "#F0E442",
    "other": "#000000",
}
DISPLACEMENT_KINDS = ("displaced", "returned", "civilians_remaining")
OTHER_COUNT_KINDS = ("fighters", "detained", "killed", "wounded", "other")
PLACE_COLOUR = "#444444"
TERRITORY_COLOUR = "#D55E00"
EASTERN_SYRIA = [[33.5, 38.0], [36.8, 42.0]]
"""Where the map opens when the selection has no located place."""


def _popup(parts: Iterable[str], width: int = 320) -> folium.Popup:
    """A popup from HTML fragments that are already escaped."""
    return folium.Popup("<br>".join(p for p in parts if p), max_width=width)


def _day(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(pd.Timestamp(value).date())


def _period(row) -> str:
    start, end = _day(row.date_start), _day(row.date_end)
    return start if start == end else f"{start or '…'} – {end or '…'}"


def place_tooltip(name: object, admin1: object) -> str:
    """The text shown on hovering a place symbol; also how a click on one is recognised."""
    return f"{name} ({admin1})" if isinstance(admin1, str) and admin1 else str(name)


def clicked_place(
    mentions: pd.DataFrame, tooltip: str | None, lat: float, lon: float
) -> str | None:
    """The id of the place symbol clicked, from the tooltip and position streamlit-folium returns.

    Clicks on figure or territory symbols (other tooltips) select nothing, so
    their popups stay open.
    """
    if not tooltip:
        return None
    places = place_counts(mentions)
    tips = [place_tooltip(p.name, p.admin1) for p in places.itertuples(index=False)]
    hits = places[[tip == tooltip.strip() for tip in tips]]
    if hits.empty:
        return None
    distance = (hits["lat"] - lat).abs() + (hits["lon"] - lon).abs()
    return str(hits.loc[distance.idxmin(), "place_id"])


def places_layer(mentions: pd.DataFrame) -> folium.FeatureGroup:
    """Places mentioned: one symbol per located place, area growing with its mention count."""
    layer = folium.FeatureGroup(name="Places mentioned")
    counts = place_counts(mentions)
    counts = counts[(counts["kind"] != "country") & counts["lat"].notna()]
    named_in = mentions[mentions["place_id"].notna()].drop_duplicates(["place_id", "article_id"])
    for place in counts.itertuples(index=False):
        articles = named_in[named_in["place_id"] == place.place_id]
        titles = [
            f"• {safe(a.title or a.article_id)} ({safe(a.outlet)}, {_day(a.published)})"
            for a in articles.itertuples(index=False)
        ]
        total = int(place.mentions) + int(place.adjectives)
        folium.CircleMarker(
            location=[place.lat, place.lon],
            radius=4 + 3 * math.sqrt(total),
            color="white",
            weight=1.5,
            fill=True,
            fill_color=PLACE_COLOUR,
            fill_opacity=0.85,
            class_name="atlas-place",
            tooltip=folium.Tooltip(safe(place_tooltip(place.name, place.admin1))),
            popup=_popup(
                [
                    f"<b>{safe(place.name)}</b> ({safe(place.kind)})",
                    f"Governorate: {safe(place.admin1) or '—'}",
                    f"Named {total} time{'s' if total != 1 else ''} "
                    f"in {int(place.articles)} article{'s' if place.articles != 1 else ''}",
                    *titles,
                ]
            ),
        ).add_to(layer)
    return layer


def counts_layer(
    figures: pd.DataFrame, name: str, kinds: Iterable[str], show: bool = True
) -> folium.FeatureGroup:
    """Proportional symbols (area ~ number of people) for people-counting figures of ``kinds``.

    ``figures`` are located ones (:func:`geo.summary.locate`).
    Each symbol is labelled with the hedged figure as printed ("> 20,000
    evacuated"), and its popup cites the sentence, outlet, date and article.
    """
    layer = folium.FeatureGroup(name=name, show=show)
    rows = figures[
        figures["kind"].isin(list(kinds)) & (figures["unit"] == "people") & figures["lat"].notna()
    ]
    for row in rows.sort_values("value", ascending=False).itertuples(index=False):
        colour = KIND_COLOURS.get(row.kind, KIND_COLOURS["other"])
        folium.CircleMarker(
            location=[row.lat, row.lon],
            radius=min(40.0, max(5.0, 0.15 * math.sqrt(max(float(row.value), 0.0)))),
            color=colour,
            weight=2,
            fill=True,
            fill_color=colour,
            fill_opacity=0.35,
            class_name=f"atlas-figure atlas-{row.kind}",
            tooltip=folium.Tooltip(f"{safe(row.label)} · {safe(row.name)}"),
            popup=_popup(
                [
                    f"<b>{safe(row.label)}</b> ({safe(row.kind)}) · {safe(row.name)}",
                    f"“{safe(row.sentence)}”",
                    f"{safe(row.outlet)}, published {_day(row.published)}; "
                    f"period {_period(row)}",
                    f"Drawn at {safe(row.placed_at)}",
                    safe_link(row.url, "Read the article"),
                ]
            ),
        ).add_to(layer)
    return layer


def territory_layer(
    figures: pd.DataFrame, mentions: pd.DataFrame, governorates: gpd.GeoDataFrame
) -> folium.FeatureGroup:
    """Reported areas drawn to scale around their place, and the provinces articles name.

    A footprint is an equal-area circle of the reported area (see
    ``geo.territory``), labelled with the hedged figure and its date so that
    claims from different days can be compared by eye.  ``figures`` are
    located ones (:func:`geo.summary.locate`).
    """
    layer = folium.FeatureGroup(name="Territory")
    named = set(mentions.loc[mentions["kind"] == "governorate", "place_id"].dropna())
    for province in governorates[governorates["id"].isin(named)].itertuples(index=False):
        folium.GeoJson(
            province.geometry.__geo_interface__,
            style_function=lambda _: {
                "color": TERRITORY_COLOUR, "weight": 2, "dashArray": "6 4", "fill": False,
            },  # fmt: skip
            tooltip=folium.Tooltip(f"province of {safe(province.name)}"),
        ).add_to(layer)
    directions = ["right", "left", "top", "bottom"]
    for i, area in enumerate(footprints(figures).itertuples(index=False)):
        ring = [(lat, lon) for lon, lat in area.geometry.exterior.coords]
        folium.Polygon(
            locations=ring,
            color=TERRITORY_COLOUR,
            weight=2,
            fill=True,
            fill_color=TERRITORY_COLOUR,
            fill_opacity=0.15,
            class_name="atlas-territory",
            tooltip=folium.Tooltip(
                f"{safe(area.label)} · {_period(area)}",
                permanent=True,
                direction=directions[i % len(directions)],
            ),
            popup=_popup(
                [
                    f"<b>{safe(area.label)}</b> around {safe(area.name)}, "
                    f"drawn to scale ({float(area.value):,.2f} km²)",
                    f"“{safe(area.sentence)}”",
                    f"{safe(area.outlet)}, published {_day(area.published)}; "
                    f"period {_period(area)}",
                    f"Drawn at {safe(area.placed_at)}",
                    safe_link(area.url, "Read the article"),
                ]
            ),
        ).add_to(layer)
    return layer


def _outline(frame: gpd.GeoDataFrame, style: dict, name: str, tooltip: bool) -> folium.GeoJson:
    """An outline layer; names go through GeoJSON properties, escaped like everything else."""
    data = frame[["name", "geometry"]].assign(name=frame["name"].map(safe))
    return folium.GeoJson(
        data,
        name=name,
        style_function=lambda _: style,
        tooltip=folium.GeoJsonTooltip(fields=["name"], labels=False) if tooltip else None,
    )


def outline_layer(
    countries: gpd.GeoDataFrame, governorates: gpd.GeoDataFrame
) -> folium.FeatureGroup:
    """Country and governorate outlines shipped with the app: the map reads without tiles."""
    layer = folium.FeatureGroup(name="Outlines (offline)")
    country_style = {"color": "#666666", "weight": 1.5, "fill": False}
    governorate_style = {"color": "#999999", "weight": 0.8, "fill": False}
    _outline(countries, country_style, "countries", False).add_to(layer)
    _outline(governorates, governorate_style, "governorates", False).add_to(layer)
    return layer


def boundaries_layer(gdf: gpd.GeoDataFrame, name: str, show: bool) -> folium.FeatureGroup:
    """Administrative areas named on hover (governorates, districts)."""
    layer = folium.FeatureGroup(name=name, show=show)
    style = {"color": "#0072B2", "weight": 1, "fillColor": "#0072B2", "fillOpacity": 0.03}
    _outline(gdf, style, name, True).add_to(layer)
    return layer


class Legend(MacroElement):
    """A fixed box explaining symbol sizes and the colours of figure kinds."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div style="position: fixed; bottom: 24px; left: 12px; z-index: 9999;
                    background: rgba(255,255,255,0.92); padding: 6px 10px; border-radius: 4px;
                    font: 12px/1.4 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,0.3);">
          {{ this.body }}
        </div>
        {% endmacro %}
        """
    )

    def __init__(self, entries: list[tuple[str, str, str]]):
        super().__init__()
        self._name = "Legend"
        rows = [
            f'<div><span style="display:inline-block;width:12px;height:12px;'
            f'border-radius:{radius};background:{safe(colour)};margin-right:6px;'
            f'vertical-align:middle;opacity:0.8"></span>{safe(label)}</div>'
            for colour, label, radius in entries
        ]
        self.body = "".join(rows)


def legend(figures: pd.DataFrame) -> Legend:
    """Legend entries for what is drawn: places, each figure kind present, footprints."""
    present = set(figures.loc[figures["unit"] == "people", "kind"]) | set(
        figures.loc[figures["unit"] == "km2", "kind"]
    )
    entries = [(PLACE_COLOUR, "place named (size: mentions)", "50%")]
    entries += [
        (colour, f"{kind.replace('_', ' ')} (size: people)", "50%")
        for kind, colour in KIND_COLOURS.items()
        if kind in present
    ]
    if "territory_area" in present:
        entries.append((TERRITORY_COLOUR, "territory held, to scale", "0"))
    return Legend(entries)


def fit_bounds(located: pd.DataFrame, radius_km: float = 400) -> list[list[float]]:
    """South-west and north-east corners around the places the selection is about.

    Reports name far-off capitals in passing ("Washington", "Beirut"): the
    view keeps the located points within ``radius_km`` of their median, so it
    opens on where things happened rather than on the whole world.
    """
    points = located[["lat", "lon"]].dropna().astype(float)
    if points.empty:
        return EASTERN_SYRIA
    lat, lon = points["lat"].median(), points["lon"].median()
    north, east = points["lat"] - lat, (points["lon"] - lon) * math.cos(math.radians(lat))
    km = 111.2 * (north**2 + east**2) ** 0.5  # equirectangular: plenty at this scale
    near = points[km <= radius_km]
    pad = 0.1
    return [
        [float(near["lat"].min()) - pad, float(near["lon"].min()) - pad],
        [float(near["lat"].max()) + pad, float(near["lon"].max()) + pad],
    ]


def build_map(
    mentions: pd.DataFrame,
    figures: pd.DataFrame,
    countries: gpd.GeoDataFrame,
    governorates: gpd.GeoDataFrame,
    districts: gpd.GeoDataFrame,
) -> folium.Map:
    """The home page map: web tiles, offline outlines, the four data layers and controls."""
    figures = locate(figures, mentions)
    places = mentions[~mentions["kind"].isin(["country", "river"])]
    m = folium.Map(tiles="OpenStreetMap", control_scale=True)
    m.default_js, m.default_css = LEAFLET_JS, LEAFLET_CSS
    outline_layer(countries, governorates).add_to(m)
    boundaries_layer(governorates, "Governorates", show=False).add_to(m)
    boundaries_layer(districts, "Districts", show=False).add_to(m)
    territory_layer(figures, mentions, governorates).add_to(m)
    others = "Other counts (fighters, killed…)"
    counts_layer(figures, others, OTHER_COUNT_KINDS, show=False).add_to(m)
    counts_layer(figures, "Displacement", DISPLACEMENT_KINDS).add_to(m)
    places_layer(mentions).add_to(m)
    fullscreen = plugins.Fullscreen()
    fullscreen.default_js, fullscreen.default_css = FULLSCREEN_JS, FULLSCREEN_CSS
    fullscreen.add_to(m)
    legend(figures).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    m.fit_bounds(fit_bounds(pd.concat([places[["lat", "lon"]], figures[["lat", "lon"]]])))
    return m
