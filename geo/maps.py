"""Records -> folium layers: one pure function per layer, and the map that holds them.

Every string that came from an article (place names, sentences, outlets, titles)
is hostile until escaped: folium writes popup HTML into a JavaScript template
literal, so everything reaching a popup, tooltip or label goes through
:func:`geo.escaping.safe` first; and folium's rendered output is never compiled
as a template again (:mod:`geo.literal_render`), so ``{{ … }}`` stays text.

Layers are built from the store's DataFrames (columns from ``geo.tables``); the
only files read are the light display boundaries in static/boundaries/, which
the browser also fetches by URL.  Nothing here knows about Streamlit.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterable
from datetime import date
from functools import cache, partial
from pathlib import Path
from typing import Protocol
from urllib.parse import urlencode

import folium
import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from branca.element import MacroElement, Template
from folium import plugins

from geo import boundaries
from geo.choropleth import COUNT_UNITS, REPORTED, area_claims, area_kind, shade
from geo.escaping import safe, safe_link
from geo.frames import each_row
from geo.gazetteer import Place, default_gazetteer
from geo.labels import Label, area_labels, town_labels
from geo.literal_render import Literal
from geo.literal_render import install as keep_rendered_output_literal
from geo.summary import locate, period_text, place_counts
from geo.territory import footprints

keep_rendered_output_literal()  # article text in popups is data, never Jinja source

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
    "refugees": "#E69F00",
    "camp_population": "#E69F00",
    "returned": "#009E73",
    "civilians_remaining": "#56B4E9",
    "fighters": "#CC79A7",
    "detained": "#0072B2",
    "missing": "#0072B2",
    "killed": "#D55E00",
    "wounded": "#F0E442",
    "other": "#000000",
}
DISPLACEMENT_KINDS = ("displaced", "refugees", "camp_population", "returned", "civilians_remaining")
OTHER_COUNT_KINDS = ("fighters", "detained", "missing", "killed", "wounded", "other")
PLACE_COLOUR = "#444444"
TERRITORY_COLOUR = "#D55E00"
CHART_COLOURS = {**KIND_COLOURS, "territory_area": TERRITORY_COLOUR, "territory_share": "#0072B2"}
"""Colours of every kind in charts faceted by unit, where area and share never sit beside
the counts whose colours they reuse."""
EASTERN_SYRIA = [[33.5, 38.0], [36.8, 42.0]]
"""Where the map opens when the selection has no located place."""


def _html(parts: Iterable[str]) -> str:
    """Popup HTML from fragments that are already escaped."""
    return "<br>".join(p for p in parts if p)


def _feature(geometry: dict, popup: str, tooltip: str, style: dict) -> dict:
    """A GeoJSON feature carrying its (escaped) popup and tooltip HTML and its own style."""
    return {
        "type": "Feature",
        "geometry": geometry,
        "properties": {"popup": popup, "tooltip": tooltip, "style": style},
    }


def _point(lat: float, lon: float) -> dict:
    return {"type": "Point", "coordinates": [float(lon), float(lat)]}


class _Symbols(folium.GeoJson):
    """folium's GeoJSON layer with its bounds found without a walk over every coordinate.

    streamlit-folium asks the map for its bounds on every rerun, and folium
    walks every coordinate of every outline in Python for them: a fifth of the
    map's time with the reports-per-area layers on.  Same bounds, read off
    points and found by shapely (in C) for other shapes.
    """

    def _get_self_bounds(self) -> list[list[float | None]]:
        features = self.data["features"]
        if not features:
            return [[None, None], [None, None]]
        extents = [_extent(feature["geometry"]) for feature in features]
        wests, souths, easts, norths = zip(*extents, strict=True)
        west, south, east, north = min(wests), min(souths), max(easts), max(norths)
        return [[float(south), float(west)], [float(north), float(east)]]


def _extent(geometry: dict) -> tuple[float, float, float, float]:
    """A GeoJSON geometry's west, south, east and north (a point's read off: most are points)."""
    if geometry["type"] == "Point":
        lon, lat = geometry["coordinates"]
        return lon, lat, lon, lat
    return shapely.geometry.shape(geometry).bounds


class _Detail:
    """A GeoJSON popup or tooltip whose table style is one header rule per class.

    folium compiles a Jinja template for that rule twice per popup and tooltip on
    every render, and adds one copy per layer: a fifth of a map's build time.
    The rule is the same for every layer of a class, so it is made once.
    """

    def render(self, **kwargs) -> None:
        rule = Literal(_table_style(self.class_name, getattr(self, "style", "")))
        self.get_root().header.add_child(rule, name=f"{self.class_name}_tablestyle")
        MacroElement.render(self, **kwargs)  # folium's render less the rule and its checks


@cache
def _table_style(class_name: str, style: str) -> str:
    """The CSS folium writes for a popup's or tooltip's table (GeoJsonDetail.render)."""
    return (
        f"<style>.{class_name} {{ {style} }} .{class_name} table {{ margin: auto; }} "
        f".{class_name} tr {{ text-align: left; }} "
        f".{class_name} th {{ padding: 2px; padding-right: 8px; }}</style>"
    )


class _SymbolTooltip(_Detail, folium.GeoJsonTooltip):
    """folium's GeoJSON tooltip, its table style made once (see :class:`_Detail`)."""


class _SymbolPopup(_Detail, folium.GeoJsonPopup):
    """folium's GeoJSON popup with each gathered list filled in as it opens.

    Every symbol at a point lists every claim drawn there, so the list was
    written into the popup of each of them: 40 claims at one town made 40
    copies of 40 sentences, most of the page's bytes and of the time spent
    serialising them.  A symbol's popup now holds an empty ``ol.atlas-claims``
    naming its point, and the one copy of each list (:class:`GatheredClaims`)
    is put into it when the popup is built, before Leaflet lays it out.
    """

    _template = folium.template.Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindPopup(function (layer) {
            var fill = window.atlasFillClaims || function (div) { return div; };
            return fill(("""
        + folium.features.GeoJsonDetail.base_template
        + """)(layer));
        }, {{ this.popup_options | tojavascript }});
        {% endmacro %}
        """
    )


class GatheredClaims(MacroElement):
    """The lists of the claims drawn at each point, once per map (see :class:`_SymbolPopup`).

    The lists are HTML escaped when made (:func:`_claim_item`) and travel as JSON data
    (``tojson``), never as template source; a popup opening puts its point's list into
    its empty ``ol.atlas-claims``, as the popup's own HTML was inserted before.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        window.atlasClaims = {{ this.lists | tojson }};
        window.atlasFillClaims = function (div) {
            div.querySelectorAll("ol.atlas-claims[data-at]").forEach(function (list) {
                list.innerHTML = window.atlasClaims[list.dataset.at] || "";
            });
            return div;
        };
        {% endmacro %}
        """
    )

    def __init__(self, gathered: dict[tuple[float, float], tuple[int, str]]):
        super().__init__()
        self._name = "GatheredClaims"
        self.lists = {_point_key(where): items for where, (_, items) in gathered.items()}


def _geojson(features: list[dict], tooltip_options: dict | None = None) -> folium.GeoJson:
    """One GeoJSON layer for many symbols: far faster to build and draw than one marker each.

    Each feature's style (radius and CSS class included) travels in its
    properties; points are drawn as circle markers.  Popup and tooltip show the
    ``popup``/``tooltip`` properties, which callers escape with :func:`safe`.
    """
    return _Symbols(
        {"type": "FeatureCollection", "features": features},
        marker=folium.CircleMarker(fill=True),
        style_function=lambda feature: feature["properties"]["style"],
        popup=_SymbolPopup(["popup"], labels=False, max_width=340),
        tooltip=_SymbolTooltip(["tooltip"], labels=False, **(tooltip_options or {})),
    )


def _day(value: object) -> str:
    """A day as ISO text ("" when missing); the store's ``datetime.date`` values directly
    (a Timestamp made for each of a map's hundreds of article lines was a cost of its own)."""
    if type(value) is date:
        return value.isoformat()
    return "" if value is None or pd.isna(value) else str(pd.Timestamp(value).date())


def _period(row) -> str:
    return period_text(row.date_start, row.date_end)


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
    tips = [place_tooltip(p.name, p.admin1) for p in each_row(places)]
    hits = places[[tip == tooltip.strip() for tip in tips]]
    if hits.empty:
        return None
    distance = (hits["lat"] - lat).abs() + (hits["lon"] - lon).abs()
    return str(hits.loc[distance.idxmin(), "place_id"])


def places_layer(
    mentions: pd.DataFrame, counts: pd.DataFrame, gathered: dict
) -> folium.FeatureGroup:
    """Places mentioned: one symbol per located place, area growing with its mention count.

    Its popup lists every claim drawn at the place (``figures`` are located
    ones; expected and possible ones say so), oldest first, then the articles
    naming it.  ``counts`` are the mentions' :func:`geo.summary.place_counts`,
    ``gathered`` the located figures' :func:`gathered_claims`.
    """
    layer = folium.FeatureGroup(name="Places mentioned")
    counts = counts[(counts["kind"] != "country") & counts["lat"].notna()]
    named_in = mentions[mentions["place_id"].notna()].drop_duplicates(["place_id", "article_id"])
    titles: dict[str, list[str]] = {}
    for a in each_row(named_in):  # one pass: a groupby's frame per place is slow
        line = f"• {safe(a.title or a.article_id)} ({safe(a.outlet)}, {_day(a.published)})"
        titles.setdefault(a.place_id, []).append(line)
    features = []
    for place in each_row(counts):
        total = _times_named(place)
        popup = _html(
            [
                f"<b>{safe(place.name)}</b> ({safe(place.kind)})",
                f"Governorate: {safe(place.admin1) or '—'}",
                f"Named {total} time{'s' if total != 1 else ''} "
                f"in {int(place.articles)} article{'s' if place.articles != 1 else ''}",
                _claims_here(gathered, place.lat, place.lon),
                *titles.get(place.place_id, []),
            ]
        )
        style = {
            "radius": place_radius(total), "color": "white", "weight": 1.5,
            "fillColor": PLACE_COLOUR, "fillOpacity": 0.85, "className": "atlas-place",
        }  # fmt: skip
        tooltip = safe(place_tooltip(place.name, place.admin1))
        features.append(_feature(_point(place.lat, place.lon), popup, tooltip, style))
    if features:
        _geojson(features).add_to(layer)
    return layer


REVIEW_MARKS = {"confirmed": "✓ confirmed", "corrected": "✎ corrected", "added": "+ added"}
"""The review status as a figure's tooltip and popup say it (machine-read says nothing)."""
REVIEWED_RING = "#222222"
"""The outline of a figure a reviewer confirmed, corrected or added (machine-read: its kind's)."""


def _review_mark(row) -> str:
    """ " · ✓ confirmed" for a reviewed figure (geo.reviews), "" for a machine-read one."""
    mark = REVIEW_MARKS.get(getattr(row, "review_status", None), "")
    return f" · {mark}" if mark else ""


def _review_link(row) -> str:
    """A link to the Figures page with this figure's review form open (a popup runs no Python)."""
    if not hasattr(row, "start") or pd.isna(row.start):
        return ""
    target = f"{row.article_id}:{int(row.start)}:{int(row.end)}"
    href = "/Figures?" + urlencode({"review": target})
    return f'<a href="{safe(href)}" target="_blank" rel="noopener noreferrer">Review it</a>'


def _figure_popup(row, headline: str) -> str:
    """A figure's popup: the hedged figure, the sentence it comes from, who said it and when."""
    return _html(
        [
            f"<b>{safe(row.label)}</b> {headline}{_review_mark(row)}",
            f"“{safe(row.sentence)}”",
            f"{safe(row.outlet)}, published {_day(row.published)}; period {_period(row)}",
            f"Drawn at {safe(row.placed_at)}"
            + (f" (precision {int(row.precision)})" if pd.notna(row.precision) else ""),
            " · ".join(p for p in (safe_link(row.url, "Read the article"), _review_link(row)) if p),
        ]
    )


def _where(lat: object, lon: object) -> tuple[float, float]:
    """The key of a drawn point: claims drawn at the same coordinates share it."""
    return round(float(lat), 5), round(float(lon), 5)


def _claim_item(row) -> str:
    """One claim in a gathered list: as printed, kind, modality, period, outlet, sentence, link."""
    modality = "" if row.modality in (None, *REPORTED) or pd.isna(row.modality) else row.modality
    facts = [str(row.kind).replace("_", " "), modality, _period(row), safe(row.outlet)]
    return (
        f"<li><b>{safe(row.label)}</b> ({', '.join(f for f in facts if f)})<br>"
        f"“{safe(row.sentence)}” {safe_link(row.url, 'article')}</li>"
    )


def gathered_claims(figures: pd.DataFrame) -> dict[tuple[float, float], tuple[int, str]]:
    """Per drawn point, how many claims are drawn there and their list, oldest period first.

    Claims about one place are drawn on one spot and cover each other at every
    zoom, so any symbol there (and the place's own) opens the whole list: every
    claim stays one click away.  ``figures`` are located ones (:func:`locate`).
    """
    drawn = figures[figures["lat"].notna()]
    drawn = drawn.assign(
        _key=[_where(lat, lon) for lat, lon in zip(drawn["lat"], drawn["lon"], strict=True)],
        _first=pd.to_datetime(drawn["date_start"].fillna(drawn["date_end"]), errors="coerce"),
        _last=pd.to_datetime(drawn["date_end"].fillna(drawn["date_start"]), errors="coerce"),
    ).sort_values(["_first", "_last", "kind"], na_position="last", kind="stable")
    items: dict[tuple[float, float], list[str]] = {}
    for key, row in zip(drawn["_key"], each_row(drawn), strict=True):
        items.setdefault(key, []).append(_claim_item(row))  # one pass, not a frame per point
    return {key: (len(here), "".join(here)) for key, here in items.items()}


def _point_key(where: tuple[float, float]) -> str:
    """The name of a drawn point's list in :class:`GatheredClaims` ("36.12345,40.54321")."""
    return f"{where[0]:.5f},{where[1]:.5f}"


def _claims_here(gathered: dict, lat: object, lon: object, drawn: bool = False) -> str:
    """The place for the list of every claim drawn at a point, a scrolling block of a popup
    headed "1 claim here" / "4 claims drawn here" (``drawn``: said on a figure's own popup),
    which :class:`GatheredClaims` fills when the popup opens."""
    where = _where(lat, lon)
    count, _ = gathered.get(where, (0, ""))
    if not count:
        return ""
    noun = "claim" if count == 1 else "claims"
    return (
        f"<b>{count} {noun}{' drawn' if drawn else ''} here, by date:</b>"
        f'<ol class="atlas-claims" data-at="{_point_key(where)}" style="max-height:220px;'
        f'overflow-y:auto;margin:2px 0;padding-left:18px"></ol>'
    )


def count_radius(value: object) -> float:
    """A count symbol's radius in pixels: area grows with the number, within 5 to 40 px."""
    return min(40.0, max(5.0, 0.15 * math.sqrt(max(float(value), 0.0))))


def place_radius(mentions: int) -> float:
    """A place symbol's radius in pixels: area grows with how often the place is named."""
    return 4 + 3 * math.sqrt(mentions)


def _times_named(place) -> int:
    """How often a place of :func:`geo.summary.place_counts` is named, adjectives included:
    what its symbol's size stands for."""
    return int(place.mentions) + int(place.adjectives)


def place_radii(counts: pd.DataFrame) -> dict[tuple[float, float], float]:
    """The radius of the place symbol drawn at each point (countries are not drawn)."""
    shown = counts[(counts["kind"] != "country") & counts["lat"].notna()]
    radii: dict[tuple[float, float], float] = {}
    for place in each_row(shown):
        key = _where(place.lat, place.lon)
        radii[key] = max(radii.get(key, 0.0), place_radius(_times_named(place)))
    return radii


def count_radii(rows: pd.DataFrame, beneath: dict[tuple[float, float], float]) -> list[float]:
    """Each count symbol's radius: :func:`count_radius` of its value, but at least 3 px
    wider than the place symbol drawn over it (``beneath``: :func:`place_radii`), so a
    small count shows as a ring round its place instead of vanishing under it."""
    return [
        max(count_radius(value), beneath.get(_where(lat, lon), -3.0) + 3.0)
        for value, lat, lon in zip(rows["value"], rows["lat"], rows["lon"], strict=True)
    ]


def drawn_counts(
    figures: pd.DataFrame, kinds: Iterable[str], reported: bool = True
) -> pd.DataFrame:
    """The located counting figures of ``kinds`` drawn as symbols, largest first (so the
    small ones are drawn on top), either the reported ones or the expected and possible."""
    wanted = figures["modality"].fillna("reported").isin(REPORTED) == reported
    chosen = (
        figures["kind"].isin(list(kinds)) & figures["unit"].isin(COUNT_UNITS)
        & figures["lat"].notna() & wanted
    )  # fmt: skip
    # ordered on the values alone, then every column taken once (not filtered, then sorted);
    # by position, as the frame's labels need not be unique
    at = np.flatnonzero(chosen.to_numpy())
    order = figures["value"].iloc[at].reset_index(drop=True).sort_values(ascending=False)
    return figures.iloc[at[order.index]]


def counts_layer(
    figures: pd.DataFrame,
    gathered: dict,
    name: str,
    kinds: Iterable[str],
    show: bool = True,
    reported: bool = True,
    beneath: dict[tuple[float, float], float] | None = None,
) -> folium.FeatureGroup:
    """Proportional symbols (area ~ number counted) for counting figures of ``kinds``.

    ``figures`` are located ones (:func:`geo.summary.locate`), ``gathered`` their
    :func:`gathered_claims` (one list per map: each layer's popups share it).  Each symbol is
    labelled with the figure as printed ("more than 20,000 civilians evacuated"),
    and its popup cites the sentence, outlet, date and article.  Only reported
    figures are drawn, or with ``reported=False`` only the expected or possible
    ones; a country-wide claim is drawn on its country with a dashed outline.
    ``beneath`` holds the place symbols' radii (:func:`count_radii`).
    """
    layer = folium.FeatureGroup(name=name, show=show)
    features = []
    rows = drawn_counts(figures, kinds, reported)
    radii = count_radii(rows, beneath or {})
    for row, radius in zip(each_row(rows), radii, strict=True):
        colour = KIND_COLOURS.get(row.kind, KIND_COLOURS["other"])
        popup = _html(
            [
                _figure_popup(row, f"({safe(row.kind)}) · {safe(row.name)}"),
                _claims_here(gathered, row.lat, row.lon, drawn=True),
            ]
        )
        wide = bool(row.broad)
        area = not wide and row.precision == 2  # a district or governorate, drawn at its centre
        reviewed = _review_mark(row) != ""  # a reviewer stands behind it: a dark ring
        style = {
            "radius": radius,
            "color": REVIEWED_RING if reviewed else colour,
            "weight": 3 if reviewed else 2, "fillColor": colour,
            "fillOpacity": 0.12 if wide else 0.35,
            "dashArray": "5 4" if wide else "1 4" if area else None,
            "className": f"atlas-figure atlas-{row.kind}"
            + (" atlas-country-wide" if wide else " atlas-area-wide" if area else "")
            + (" atlas-reviewed" if reviewed else ""),
        }  # fmt: skip
        tooltip = f"{safe(row.label)} · {safe(row.name)}{_review_mark(row)}"
        features.append(_feature(_point(row.lat, row.lon), popup, tooltip, style))
    if features:
        _geojson(features).add_to(layer)
    return layer


FOOTPRINT_DIGITS = 5
"""Decimals of a degree (about 1 m) kept of a footprint's outline: a circle of 129 points
sent with 15 digits each was most of the territory layer's bytes."""


def territory_layer(
    figures: pd.DataFrame, mentions: pd.DataFrame, governorates: dict
) -> folium.FeatureGroup:
    """Reported areas drawn to scale around their place, and the provinces articles name.

    A footprint is an equal-area circle of the reported area (see
    ``geo.territory``), labelled with the hedged figure and its date so that
    claims from different days can be compared by eye.  ``figures`` are
    located ones (:func:`geo.summary.locate`).  Labels of footprints around
    the same place point different ways so they do not cover each other.
    """
    layer = folium.FeatureGroup(name="Territory")
    named = set(mentions.loc[mentions["kind"] == "governorate", "place_id"].dropna())
    outline = {"color": TERRITORY_COLOUR, "weight": 2, "dashArray": "6 4", "fill": False}
    provinces = {
        province["properties"]["id"]: _area(
            f"<b>province of {province['properties']['name']}</b>",
            f"province of {province['properties']['name']}",
            outline,
        )
        for province in governorates["features"]
        if province["properties"]["id"] in named
    }
    if provinces:
        LinkedAreas("governorates", provinces).add_to(layer)
    by_direction: dict[str, list[dict]] = {}
    directions = ["right", "left", "top", "bottom"]
    for i, area in enumerate(each_row(footprints(figures))):
        popup = _figure_popup(
            area, f"around {safe(area.name)}, drawn to scale ({float(area.value):,.2f} km²)"
        )
        style = {
            "color": TERRITORY_COLOUR, "weight": 2, "fillColor": TERRITORY_COLOUR,
            "fillOpacity": 0.15, "className": "atlas-territory",
        }  # fmt: skip
        tooltip = f"{safe(area.label)} · {_period(area)}{_review_mark(area)}"
        outline = shapely.transform(area.geometry, partial(np.round, decimals=FOOTPRINT_DIGITS))
        feature = _feature(outline.__geo_interface__, popup, tooltip, style)
        by_direction.setdefault(directions[i % len(directions)], []).append(feature)
    for direction, features in by_direction.items():
        _geojson(features, {"permanent": True, "direction": direction}).add_to(layer)
    return layer


GRID = 0.0001
"""Degrees (about 10 m) that boundary coordinates sent to the browser are snapped to."""


def for_display(shapes: gpd.GeoDataFrame) -> dict:
    """Boundaries as the GeoJSON the browser fetches: only ``id`` and the escaped ``name``.

    The shapes are the shipped ones (already simplified in a projected CRS by
    at most ~70 m, under a pixel at zoom 10), so no further simplification:
    coordinates are only snapped to a 0.0001° grid (about 10 m), which trims
    the digits JSON would carry without moving a line by a visible amount.
    """
    light = shapes[["id", "name", "geometry"]].copy()
    light["name"] = light["name"].map(safe)
    light["geometry"] = shapely.set_precision(light.geometry.values, GRID)
    return light[~light.geometry.is_empty].to_geo_dict(drop_id=True)


def boundary_files() -> dict[str, gpd.GeoDataFrame]:
    """The served boundary files by name: countries, first-level units, and one file of
    districts per group (``districts-levant``, ``districts-ukraine``: see
    :func:`geo.boundaries.district_groups`)."""
    groups = boundaries.district_groups()
    return {
        "countries": boundaries.countries(),
        "governorates": boundaries.governorates(),
        **{f"districts-{name}": frame for name, frame in groups.items()},
    }


BOUNDARIES_DIR = Path(__file__).resolve().parent.parent / "static" / "boundaries"
BOUNDARIES_URL = "/app/static/boundaries"
"""Where the app serves the display boundaries that scripts/build_map_boundaries.py writes."""


def display_boundaries(name: str) -> dict:
    """One of the display boundary files (see :func:`for_display`) as a GeoJSON dict."""
    return json.loads((BOUNDARIES_DIR / f"{name}.geojson").read_text(encoding="utf-8"))


_FETCHED_BEHIND = """
        function {{ this.get_name() }}_fetch() {
            fetch({{ this.url | tojson }})
                .then(function (response) { return response.json(); })
                .then(function (data) {
                    {{ this.get_name() }}.addData(data);
                    {{ this.get_name() }}.bringToBack();  // arrives last: never over a symbol
                });
        }
        {% if this.lazy %}
        {{ this._parent.get_name() }}.once("add", {{ this.get_name() }}_fetch);
        {% else %}
        {{ this.get_name() }}_fetch();
        {% endif %}
"""
"""The script that fills a linked layer from its served file (when its group is first shown,
if ``lazy``) and sends it behind the symbols."""


class LinkedGeoJson(MacroElement):
    """A GeoJSON layer the browser fetches from the app instead of receiving it in the page.

    The boundaries never change, yet embedded with folium's ``GeoJson`` they
    were serialised, sent and re-parsed on every rerun (about half of a filter
    change's time).  Served as static files they are fetched once and cached
    by the browser.  Feature names in these files are escaped when written.
    The lines arrive after the symbols are drawn, so they are sent behind them:
    a border through a town must not catch the clicks meant for its claims.
    A ``lazy`` layer (in a group off at first) is fetched when the reader turns its
    group on: a district file is over a megabyte most views never show.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson(null, {
            style: {{ this.style | tojson }},
            interactive: {{ this.tooltip | tojson }},
            onEachFeature: function (feature, layer) {
                {% if this.tooltip %}
                layer.bindTooltip(feature.properties.name, {sticky: true});
                {% endif %}
            }
        }).addTo({{ this._parent.get_name() }});"""
        + _FETCHED_BEHIND
        + """
        {% endmacro %}
        """
    )

    def __init__(self, url: str, style: dict, tooltip: bool, lazy: bool = False):
        super().__init__()
        self._name = "LinkedGeoJson"
        self.url, self.style, self.tooltip, self.lazy = url, style, tooltip, lazy


class LinkedAreas(MacroElement):
    """Some areas of a served boundary file, each with its own style, tooltip and popup.

    The shaded governorates and districts and the outlined provinces were sent
    inside the page, the same outlines as the served files, on every rerun:
    most of the map's bytes.  Only what differs per selection travels now (by
    area id: style, tooltip and popup, HTML escaped when made, as JSON data);
    the browser takes the outlines from the file it already fetched for the
    offline layer.  A ``lazy`` one (a layer off at first) fetches its file when shown.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = (function (areas) {
            return L.geoJson(null, {
                filter: function (feature) {
                    return Object.prototype.hasOwnProperty.call(areas, feature.properties.id);
                },
                style: function (feature) { return areas[feature.properties.id].style; },
                onEachFeature: function (feature, layer) {
                    var area = areas[feature.properties.id];
                    layer.bindTooltip(area.tooltip, {{ this.tooltip_options | tojson }});
                    layer.bindPopup(area.popup, {maxWidth: 340});
                }
            });
        })({{ this.areas | tojson }}).addTo({{ this._parent.get_name() }});"""
        + _FETCHED_BEHIND
        + """
        {% endmacro %}
        """
    )

    def __init__(
        self,
        file: str,
        areas: dict[str, dict],
        tooltip_options: dict | None = None,
        lazy: bool = False,
    ):
        super().__init__()
        self._name = "LinkedAreas"
        self.url = f"{BOUNDARIES_URL}/{file}.geojson"
        self.areas, self.tooltip_options, self.lazy = areas, tooltip_options or {}, lazy


def _area(popup: str, tooltip: str, style: dict) -> dict:
    """What :class:`LinkedAreas` draws of one area (popup and tooltip already escaped)."""
    return {"popup": popup, "tooltip": tooltip, "style": style}


class MapLabels(MacroElement):
    """Names written on the map, each shown from its own zoom on (see :mod:`geo.labels`).

    The names travel as JSON data (``tojson``) and are written with
    ``textContent``, never parsed as HTML, so a hostile place name stays text.
    Labels take no clicks: the symbols under them stay reachable.
    """

    _template = Template(
        """
        {% macro header(this, kwargs) %}
        <style>
          .atlas-label-box { background: none; border: none; }
          .atlas-label { position: absolute; white-space: nowrap; pointer-events: none;
                         font: 11px/1.2 sans-serif; color: #333;
                         text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 2px #fff; }
          .atlas-label-country { font-size: 13px; font-weight: 600; letter-spacing: 0.08em;
                                 text-transform: uppercase; color: #555;
                                 transform: translate(-50%, -50%); }
          .atlas-label-governorate { font-style: italic; color: #0a4f7a;
                                     transform: translate(-50%, -50%); }
          .atlas-label-town { transform: translate(9px, -50%); font-weight: 600; }
        </style>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var map = {{ this._parent._parent.get_name() }};
            var layer = {{ this._parent.get_name() }};
            var markers = {{ this.labels | tojson }}.map(function (label) {
                var text = document.createElement("span");
                text.className = "atlas-label atlas-label-" + label.level;
                text.textContent = label.name;
                var icon = L.divIcon({html: text, className: "atlas-label-box", iconSize: [0, 0]});
                var marker = L.marker([label.lat, label.lon],
                                      {icon: icon, interactive: false, keyboard: false});
                return {marker: marker, from: label.min_zoom};
            });
            function show() {
                var zoom = map.getZoom();
                markers.forEach(function (m) {
                    if (zoom >= m.from) { layer.addLayer(m.marker); }
                    else { layer.removeLayer(m.marker); }
                });
            }
            map.on("zoomend", show);
            map.whenReady(show);
        })();
        {% endmacro %}
        """
    )

    def __init__(self, labels: Iterable[Label]):
        super().__init__()
        self._name = "MapLabels"
        self.labels = [dict(vars(label)) for label in labels]  # asdict deep-copies: slow


def outline_layer(towns: Iterable[Label] = ()) -> folium.FeatureGroup:
    """Country and governorate outlines shipped with the app, and their names and the
    selection's ``towns``: the map reads without tiles."""
    layer = folium.FeatureGroup(name="Countries, governorates (offline)")
    countries_style = {"color": "#555555", "weight": 1.5, "fill": False}
    governorates_style = {"color": "#0072B2", "weight": 1, "fill": False}
    LinkedGeoJson(f"{BOUNDARIES_URL}/countries.geojson", countries_style, False).add_to(layer)
    LinkedGeoJson(f"{BOUNDARIES_URL}/governorates.geojson", governorates_style, True).add_to(layer)
    MapLabels([*area_labels(), *towns]).add_to(layer)
    return layer


def districts_layer(view: list[list[float]]) -> folium.FeatureGroup:
    """District lines of the groups with an outline in ``view`` (the map's first bounds),
    off at first and fetched when turned on: named on hover."""
    layer = folium.FeatureGroup(name="Districts", show=False)
    style = {"color": "#0072B2", "weight": 0.6, "dashArray": "2 3", "fill": False}
    for group in boundaries.district_groups_in(view):
        url = f"{BOUNDARIES_URL}/districts-{group}.geojson"
        LinkedGeoJson(url, style, True, lazy=True).add_to(layer)
    return layer


AREA_NOTE = "Reports overlap: the range is what they print, not a total."


def _served_file(level: str, area_id: str) -> str:
    """The served boundary file an area's outline is in (districts: one file per group)."""
    return "governorates" if level == "governorate" else _district_files()[area_id]


@cache
def _district_files() -> dict[str, str]:
    return {
        area_id: f"districts-{group}"
        for group, frame in boundaries.district_groups().items()
        for area_id in frame["id"]
    }


def area_layers(figures: pd.DataFrame, kind: str | None, show: bool) -> list[folium.FeatureGroup]:
    """Claims of ``kind`` per governorate, and per district, shaded by the number of reports.

    ``figures`` are located ones.  Each area's tooltip and popup give the count
    and the range printed (:func:`geo.choropleth.claim_range`), never a sum.
    One layer per level, so a district is never shaded over its governorate.
    """
    if kind is None:
        return []
    areas = area_claims(figures, kind, boundaries.governorates(), boundaries.districts())
    colour = KIND_COLOURS.get(kind, KIND_COLOURS["other"])
    most = int(areas["reports"].max()) if len(areas) else 1
    what = kind.replace("_", " ")
    layers = []
    for level, shapes in areas.groupby("level", sort=False):
        drawn = {}
        for area in each_row(shapes):
            where = f"{safe(area.name)} ({level})"
            popup = _html(
                [
                    f"<b>{where}</b>: {what}",
                    safe(area.summary),
                    *(f"• {safe(label)}" for label in area.labels),
                    f"<i>{AREA_NOTE}</i>",
                ]
            )
            style = {
                "color": colour, "weight": 1, "fillColor": colour,
                "fillOpacity": shade(int(area.reports), most), "className": "atlas-area",
            }  # fmt: skip
            drawn[area.id] = _area(popup, f"{where}: {safe(area.summary)}", style)
        layer = folium.FeatureGroup(name=f"Reports per {level}: {what}", show=show)
        files: dict[str, dict] = {}
        for area_id, area in drawn.items():
            files.setdefault(_served_file(level, area_id), {})[area_id] = area
        for file, those in files.items():
            LinkedAreas(file, those, {"sticky": True}, lazy=not show).add_to(layer)
        layers.append(layer)
    return layers


MOVEMENT_COLOUR = "#6A3D9A"


def _arrowhead(start: tuple[float, float], end: tuple[float, float]) -> dict:
    """A small triangle at ``end`` pointing away from ``start`` (lat, lon), as GeoJSON.

    Drawn in a local equirectangular frame (longitude shrunk by cos(lat)) so it is
    not skewed, and sized to a fifth of the line, so it reads at any length.
    """
    (lat0, lon0), (lat1, lon1) = start, end
    shrink = math.cos(math.radians((lat0 + lat1) / 2))
    dx, dy = (lon1 - lon0) * shrink, lat1 - lat0
    length = math.hypot(dx, dy)
    size = min(0.2 * length, 0.15)
    ux, uy = dx / length, dy / length
    base_x, base_y = -ux * size, -uy * size
    left = (base_x - uy * size * 0.5, base_y + ux * size * 0.5)
    right = (base_x + uy * size * 0.5, base_y - ux * size * 0.5)
    ring = [(0.0, 0.0), left, right, (0.0, 0.0)]
    return {
        "type": "Polygon",
        "coordinates": [[[lon1 + x / shrink, lat1 + y] for x, y in ring]],
    }


class NamedPoint(Protocol):
    """What an arrow needs of a place: a gazetteer :class:`~geo.gazetteer.Place`, or a place
    as the store holds it (:class:`geo.aggregates.NamedPlace`)."""

    name: str
    lat: float
    lon: float


def gazetteer_place(place_id: str) -> Place | None:
    """A place of the bundled gazetteer (loaded on first use: when a figure names both ends,
    or a static map names the chosen places)."""
    return default_gazetteer().get(place_id)


def _with_both_ends(figures: pd.DataFrame) -> pd.DataFrame:
    return figures[figures["origin_id"].notna() & figures["destination_id"].notna()]


def movement_place_ids(figures: pd.DataFrame) -> tuple[str, ...]:
    """The places :func:`movement_ends` looks up: both ends of each figure naming both
    (sorted, so that it is one cache key whatever the figures' order)."""
    both = _with_both_ends(figures)
    return tuple(sorted({*map(str, both["origin_id"]), *map(str, both["destination_id"])}))


def movement_ends(
    figures: pd.DataFrame, place_of: Callable[[str], NamedPoint | None]
) -> list[tuple[object, NamedPoint, NamedPoint]]:
    """The figures with both origin and destination known and apart, with the two places."""
    found = []
    for row in each_row(_with_both_ends(figures)):
        origin, destination = place_of(str(row.origin_id)), place_of(str(row.destination_id))
        if (
            origin
            and destination
            and (origin.lat, origin.lon) != (destination.lat, destination.lon)
        ):
            found.append((row, origin, destination))
    return found


def movements_layer(ends: list[tuple[object, NamedPoint, NamedPoint]]) -> folium.FeatureGroup:
    """People moving: an arrow from origin to destination for each of :func:`movement_ends`.

    The line and its head open the claim's popup ("from Baghuz to al-Hol").
    """
    layer = folium.FeatureGroup(name="Movements (origin → destination)")
    features = []
    for row, origin, destination in ends:
        route = f"from {safe(origin.name)} to {safe(destination.name)}"
        popup = _figure_popup(row, f"({safe(row.kind)}) · {route}")
        tooltip = f"{safe(row.label)} · {route}"
        line = {
            "type": "LineString",
            "coordinates": [[origin.lon, origin.lat], [destination.lon, destination.lat]],
        }
        line_style = {"color": MOVEMENT_COLOUR, "weight": 3, "opacity": 0.8,
                      "className": "atlas-movement"}  # fmt: skip
        head_style = {**line_style, "fillColor": MOVEMENT_COLOUR, "fillOpacity": 0.9}
        head = _arrowhead((origin.lat, origin.lon), (destination.lat, destination.lon))
        features += [
            _feature(line, popup, tooltip, line_style),
            _feature(head, popup, tooltip, head_style),
        ]
    if features:
        _geojson(features).add_to(layer)
    return layer


class Legend(MacroElement):
    """A box explaining symbol sizes and the colours of figure kinds.

    It sits above Leaflet's scale bar (bottom left, km over miles: 46 px), never on it,
    and opens from its title with a click: open at first, it covered a third of the
    600 px map, and the places the view was fitted to (Baghuz sits at its bottom edge).
    """

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <details class="atlas-legend"
                 style="position: fixed; bottom: 56px; left: 12px; z-index: 9999;
                        background: rgba(255,255,255,0.92); padding: 4px 10px; border-radius: 4px;
                        font: 12px/1.4 sans-serif; box-shadow: 0 1px 4px rgba(0,0,0,0.3);">
          <summary style="cursor: pointer; font-weight: bold;">Legend</summary>
          {{ this.body }}
        </details>
        {% endmacro %}
        """
    )

    def __init__(self, entries: list[tuple[str, str, str]]):
        super().__init__()
        self._name = "Legend"
        rows = [
            f'<div><span style="display:inline-block;width:12px;height:12px;'
            f"border-radius:{radius};background:{safe(colour)};margin-right:6px;"
            f'vertical-align:middle;opacity:0.8"></span>{safe(label)}</div>'
            for colour, label, radius in entries
        ]
        self.body = "".join(rows)


def _count_entry(kind: str, colour: str) -> tuple[str, str, str]:
    """A count kind's legend row; a kind of the *Other counts* layer says that layer starts
    off, so the legend never promises a symbol the first view does not draw."""
    off = ", layer off at first" if kind in OTHER_COUNT_KINDS else ""
    return (colour, f"{kind.replace('_', ' ')} (size: people){off}", "50%")


def legend(
    figures: pd.DataFrame,
    movements: bool = False,
    area: str | None = None,
    area_shown: bool = False,
) -> Legend:
    """Legend entries for what is drawn: places, each figure kind present (saying which
    start in a layer that is off), footprints, arrows when ``movements`` are drawn, the area
    layers of kind ``area`` (on or off)."""
    present = set(figures.loc[figures["unit"].isin([*COUNT_UNITS, "km2"]), "kind"])
    entries = [(PLACE_COLOUR, "place named (size: mentions)", "50%")]
    entries += [
        _count_entry(kind, colour) for kind, colour in KIND_COLOURS.items() if kind in present
    ]
    if "territory_area" in present:
        entries.append((TERRITORY_COLOUR, "territory held, to scale", "0"))
    if movements:
        entries.append((MOVEMENT_COLOUR, "arrow: people moving, origin → destination", "0"))
    if area:
        colour = KIND_COLOURS.get(area, KIND_COLOURS["other"])
        what = area.replace("_", " ")
        shown = f"shaded area: reports of {what} (darker: more)"
        entries.append((colour, shown if area_shown else f"reports of {what} per area: off", "0"))
    if "review_status" in figures and figures["review_status"].isin(list(REVIEW_MARKS)).any():
        entries.append((REVIEWED_RING, "dark ring: reviewed (confirmed, corrected, added)", "50%"))
    entries.append(("#BBBBBB", "dotted: about a district or governorate, at its centre", "50%"))
    entries.append(("#BBBBBB", "faint, dashed: a country-wide claim, drawn on the country", "50%"))
    entries.append(("#FFFFFF", "expected or possible figures: a layer of their own, off", "0"))
    return Legend(entries)


def _km_from(points: np.ndarray, centres: np.ndarray) -> np.ndarray:
    """Distances in km from each of ``centres`` (rows) to each of ``points`` (columns), both
    (lat, lon) arrays: equirectangular, plenty at this scale, and one array operation
    however many cells the points fall in."""
    north = points[None, :, 0] - centres[:, None, 0]
    east = (points[None, :, 1] - centres[:, None, 1]) * np.cos(np.radians(centres[:, None, 0]))
    return 111.2 * np.hypot(north, east)


def fit_bounds(located: pd.DataFrame, radius_km: float = 400) -> list[list[float]]:
    """South-west and north-east corners around the places the selection is about.

    Reports name far-off capitals in passing ("Washington", "Beirut"), and one store
    may hold two theatres (2019 Syria, 2023 Ukraine).  The theatre is the points within
    ``radius_km`` of the median of a 4° cell, the cell whose circle holds most points; the
    view keeps the points within ``radius_km`` of the theatre's own median.  So it opens
    on where most things happened, never on the whole world or on the empty middle
    between two wars (where the median of everything lands).
    """
    frame = located[["lat", "lon"]].dropna().astype(float)
    if frame.empty:
        return EASTERN_SYRIA
    centres = frame.groupby([frame["lat"] // 4, frame["lon"] // 4]).median().to_numpy()
    points = frame.to_numpy()
    around = _km_from(points, centres) <= radius_km
    theatre = points[around[int(np.argmax(around.sum(axis=1)))]]
    middle = np.median(theatre, axis=0, keepdims=True)
    near = points[_km_from(points, middle)[0] <= radius_km]
    pad = 0.1
    (south, west), (north, east) = near.min(axis=0), near.max(axis=0)
    return [
        [float(south) - pad, float(west) - pad],
        [float(north) + pad, float(east) + pad],
    ]


def build_map(
    mentions: pd.DataFrame,
    figures: pd.DataFrame,
    governorates: dict,
    kinds: tuple[str, ...] = (),
    place_of: Callable[[str], NamedPoint | None] | None = None,
    *,
    located: bool = False,
) -> folium.Map:
    """The home page map: web tiles, offline outlines, the data layers and controls.

    ``governorates`` is the :func:`for_display` dict the province outlines are
    taken from (built once by the caller); ``kinds`` the figure kinds chosen in
    the filters: with exactly one, the reports-per-area layers count it and are
    on (the reader asked about that kind), else they count the commonest kind
    and start off, so the first view is not tinted.  ``place_of`` finds the
    ends of movements (by default in the bundled gazetteer).  ``located``: the
    figures are already :func:`geo.summary.locate`-d (the map page locates once
    for the map and the table of claims beside it).
    """
    figures = figures if located else locate(figures, mentions)
    places = mentions[~mentions["kind"].isin(["country", "river"])]
    ends = movement_ends(figures, place_of or gazetteer_place)
    area = area_kind(kinds, figures)
    m = folium.Map(tiles="OpenStreetMap", control_scale=True)
    m.default_js, m.default_css = LEAFLET_JS, LEAFLET_CSS
    counts = place_counts(mentions)
    view = fit_bounds(pd.concat([places[["lat", "lon"]], figures[["lat", "lon"]]]))
    outline_layer(town_labels(counts)).add_to(m)
    districts_layer(view).add_to(m)
    area_shown = len(kinds) == 1
    for layer in area_layers(figures, area, show=area_shown):
        layer.add_to(m)
    territory_layer(figures, mentions, governorates).add_to(m)
    gathered = gathered_claims(figures)
    others = "Other counts (fighters, killed…)"
    beneath = place_radii(counts)
    counts_layer(figures, gathered, others, OTHER_COUNT_KINDS, show=False, beneath=beneath).add_to(
        m
    )
    counts_layer(figures, gathered, "Displacement", DISPLACEMENT_KINDS, beneath=beneath).add_to(m)
    expected = "Expected or possible (not reported as happened)"
    all_kinds = DISPLACEMENT_KINDS + OTHER_COUNT_KINDS
    hedged = counts_layer(
        figures, gathered, expected, all_kinds, show=False, reported=False, beneath=beneath
    )
    hedged.add_to(m)
    if ends:
        movements_layer(ends).add_to(m)
    places_layer(mentions, counts, gathered).add_to(m)
    GatheredClaims(gathered).add_to(m)
    fullscreen = plugins.Fullscreen()
    fullscreen.default_js, fullscreen.default_css = FULLSCREEN_JS, FULLSCREEN_CSS
    fullscreen.add_to(m)
    legend(figures, movements=bool(ends), area=area, area_shown=area_shown).add_to(m)
    folium.LayerControl(collapsed=True).add_to(m)
    m.fit_bounds(
        view,
        # room for the territory labels, which open to the right of the outermost symbols
        padding_top_left=(40, 40),
        padding_bottom_right=(220, 40),
    )
    return m
