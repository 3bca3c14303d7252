"""A static map of the current selection as PNG bytes, for a report: geopandas + matplotlib.

It is drawn from the same frames as the interactive map and with the same geometry for each
figure (:func:`geo.summary.locate`, :func:`geo.maps.drawn_counts`, :func:`geo.territory.
footprints`, :func:`geo.maps.movement_ends`), so a claim is never somewhere else on paper.
Everything is projected to a Lambert azimuthal equal-area projection centred on the view:
north is up along the central meridian, footprints keep their reported area, and across a
view of a few hundred kilometres distances are true to well under 1 %, so the scale bar is a
plain bar in metres.  matplotlib's object API and the Agg canvas are used directly (no
``pyplot``, no global state), so concurrent sessions never share a figure.

Text from articles and filters is drawn with ``parse_math=False``: a ``$`` in a name is a
dollar sign, not the start of TeX.
"""

from __future__ import annotations

import io
import math
from collections.abc import Callable

import geopandas as gpd
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_rgba
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, Patch
from shapely.geometry import Point, box

from geo import boundaries
from geo.choropleth import area_claims, shade
from geo.filters import Filters, to_query
from geo.gazetteer import Place
from geo.labels import MAIN_TOWNS, area_labels, town_labels
from geo.maps import (
    DISPLACEMENT_KINDS,
    KIND_COLOURS,
    MOVEMENT_COLOUR,
    OTHER_COUNT_KINDS,
    PLACE_COLOUR,
    TERRITORY_COLOUR,
    count_radii,
    drawn_counts,
    fit_bounds,
    gazetteer_place,
    movement_ends,
    place_radii,
    place_radius,
)
from geo.summary import locate, place_counts
from geo.territory import WGS84, footprints, local_equal_area

SOURCES = "boundaries: Who's On First / Mapzen Mesoshapes (CC0), Natural Earth (public domain)"
SIZE = (11.0, 7.5)
"""Inches: fits an A4 page across, with margins."""
AXES = (0.02, 0.08, 0.66, 0.84)
"""Where the map sits in the figure (left, bottom, width, height): the legend is to its right."""
DPI = 150
LAND = "#F4F4F0"


def source_line(
    articles: int, filters: Filters, place_of: Callable[[str], Place | None] = gazetteer_place
) -> str:
    """What the map shows and from where: "Conflict News Atlas — 3 articles, filters …".

    Places are named (``place_of`` finds them, by default in the bundled gazetteer), not
    given as gazetteer ids: the reader of a report cannot look up "690791"; an id the
    gazetteer does not know is kept as it is.
    """
    query = to_query(filters)
    if "place" in query:
        query["place"] = [getattr(place_of(id_), "name", id_) for id_ in query["place"]]
    chosen = "; ".join(
        f"{name}={', '.join(value) if isinstance(value, list) else value}"
        for name, value in query.items()
    )
    return (
        f"Conflict News Atlas — {articles} article{'s' if articles != 1 else ''}, "
        f"filters {chosen or 'none'}; {SOURCES}"
    )


def _nice_length(metres: float) -> float:
    """The largest of 1, 2, 5 × 10ⁿ metres not above ``metres``."""
    power = 10 ** math.floor(math.log10(metres))
    return max(step * power for step in (1, 2, 5) if step * power <= metres)


def _scale_bar(ax, extent: tuple[float, float, float, float]) -> None:
    """A bar about a fifth of the map wide, in round kilometres, at the lower left."""
    west, south, east, north = extent
    length = _nice_length((east - west) / 5)
    x, y = west + (east - west) * 0.04, south + (north - south) * 0.05
    ax.plot([x, x + length], [y, y], color="black", linewidth=3, solid_capstyle="butt")
    for end in (x, x + length):
        ax.plot([end, end], [y, y + (north - south) * 0.012], color="black", linewidth=1)
    km = length / 1000
    ax.text(
        x + length / 2, y + (north - south) * 0.018, f"{km:g} km",
        ha="center", va="bottom", fontsize=8, parse_math=False,
    )  # fmt: skip


def _north_arrow(ax) -> None:
    ax.annotate(
        "N", xy=(0.96, 0.95), xytext=(0.96, 0.86), xycoords="axes fraction",
        ha="center", va="center", fontsize=11, fontweight="bold", zorder=8,
        bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "none", "alpha": 0.8},
        arrowprops={"arrowstyle": "-|>", "color": "black", "linewidth": 1.5},
    )  # fmt: skip


def _points(frame: pd.DataFrame, crs) -> gpd.GeoSeries:
    points = gpd.points_from_xy(frame["lon"].astype(float), frame["lat"].astype(float))
    return gpd.GeoSeries(points, index=frame.index, crs=WGS84).to_crs(crs)


MIN_SPAN = 200_000
"""Metres: the narrowest view, so one town is shown with its surroundings, not alone."""


def _extent(bounds: list[list[float]], crs, aspect: float) -> tuple[float, float, float, float]:
    """The projected view around the interactive map's bounds: a tenth wider on each side,
    at least :data:`MIN_SPAN` across, widened to the axes' aspect."""
    (south, west), (north, east) = bounds
    frame = gpd.GeoSeries([box(west, south, east, north)], crs=WGS84).to_crs(crs)
    x0, y0, x1, y1 = frame.total_bounds
    width, height = max(x1 - x0, MIN_SPAN) * 1.2, max(y1 - y0, MIN_SPAN) * 1.2
    x0, x1 = (x0 + x1 - width) / 2, (x0 + x1 + width) / 2
    y0, y1 = (y0 + y1 - height) / 2, (y0 + y1 + height) / 2
    if width / height < aspect:
        grow = (height * aspect - width) / 2
        x0, x1 = x0 - grow, x1 + grow
    else:
        grow = (width / aspect - height) / 2
        y0, y1 = y0 - grow, y1 + grow
    return x0, y0, x1, y1


def _size(radius_px: float) -> float:
    """matplotlib marker area (points²) for a Leaflet radius in pixels, at this figure's scale."""
    return math.pi * (radius_px * 0.6) ** 2


COUNT_STYLES = (
    ("solid", 0.45, None),
    ("dotted", 0.35, "dotted: about a district or governorate"),
    ("dashed", 0.12, "faint, dashed: about a whole country"),
)
"""Line style, fill opacity and legend text of counts by precision, as on the interactive map."""


def _draw_counts(ax, located: pd.DataFrame, counts: pd.DataFrame, crs) -> list:
    """The reported counting figures as the interactive map draws them (a small one a ring
    round the place symbol over it; ``counts``: the places drawn); legend handles."""
    rows = drawn_counts(located, DISPLACEMENT_KINDS + OTHER_COUNT_KINDS)
    if rows.empty:
        return []
    points = _points(rows, crs)
    sizes = pd.Series([_size(r) for r in count_radii(rows, place_radii(counts))], rows.index)
    broad = rows["broad"].astype(bool)
    area = ~broad & (rows["precision"] == 2)
    handles = []
    for (style, alpha, note), chosen in zip(
        COUNT_STYLES, (~broad & ~area, area, broad), strict=True
    ):
        if not chosen.any():
            continue
        colours = [KIND_COLOURS.get(k, KIND_COLOURS["other"]) for k in rows.loc[chosen, "kind"]]
        ax.scatter(
            points[chosen].x, points[chosen].y,
            s=sizes[chosen],
            facecolors=[to_rgba(c, alpha) for c in colours], edgecolors=colours,
            linewidths=1.5, linestyles=style, zorder=4,
        )  # fmt: skip
        if note:
            handles.append(
                Line2D([], [], marker="o", linestyle="none", markersize=9,
                       markerfacecolor="none", markeredgecolor="#888888", label=note)
            )  # fmt: skip
    kinds = [
        Line2D([], [], marker="o", linestyle="none", markersize=9, alpha=0.7,
               color=KIND_COLOURS.get(kind, KIND_COLOURS["other"]),
               label=f"{kind.replace('_', ' ')} (size: people)")
        for kind in dict.fromkeys(rows["kind"])
    ]  # fmt: skip
    return kinds + handles


def _draw_movements(ax, ends: list, crs) -> list:
    for _, origin, destination in ends:
        start, end = _points(
            pd.DataFrame(
                {"lat": [origin.lat, destination.lat], "lon": [origin.lon, destination.lon]}
            ),
            crs,
        )
        ax.add_patch(
            FancyArrowPatch(
                (start.x, start.y), (end.x, end.y), arrowstyle="-|>", mutation_scale=18,
                color=MOVEMENT_COLOUR, linewidth=2, alpha=0.85, zorder=5,
            )
        )  # fmt: skip
    if not ends:
        return []
    return [Line2D([], [], color=MOVEMENT_COLOUR, linewidth=2, marker=">",
                   label="people moving, origin → destination")]  # fmt: skip


def _draw_labels(ax, counts: pd.DataFrame, crs, view) -> None:
    """Countries and governorates whose label point is in view, and the main towns."""
    for label in (*area_labels(), *town_labels(counts, limit=MAIN_TOWNS)):
        point = gpd.GeoSeries([Point(label.lon, label.lat)], crs=WGS84).to_crs(crs).iloc[0]
        if not view.contains(point):
            continue
        town = label.level == "town"
        ax.annotate(
            label.name.upper() if label.level == "country" else label.name,
            (point.x, point.y), xytext=(6, 0) if town else (0, 0), textcoords="offset points",
            ha="left" if town else "center", va="center",
            fontsize={"country": 10, "governorate": 7.5, "town": 7.5}[label.level],
            fontstyle="italic" if label.level == "governorate" else "normal",
            fontweight="bold" if town or label.level == "country" else "normal",
            color={"country": "#555555", "governorate": "#0a4f7a", "town": "#222222"}[label.level],
            zorder=7, parse_math=False, annotation_clip=True, clip_on=True,
        )  # fmt: skip


def _draw_areas(ax, located: pd.DataFrame, kind: str, crs) -> list:
    """Governorates shaded by the number of reports of ``kind``, as the interactive layer
    (districts are left to the interactive map: shaded over their governorate they would
    read as a darker governorate on paper)."""
    areas = area_claims(located, kind, boundaries.governorates(), boundaries.districts())
    areas = areas[areas["level"] == "governorate"]
    if areas.empty:
        return []
    colour = KIND_COLOURS.get(kind, KIND_COLOURS["other"])
    most = int(areas["reports"].max())
    areas.to_crs(crs).plot(
        ax=ax, zorder=2, edgecolor=colour, linewidth=1,
        facecolor=[to_rgba(colour, shade(int(n), most)) for n in areas["reports"]],
    )  # fmt: skip
    what = kind.replace("_", " ")
    return [Patch(facecolor=to_rgba(colour, 0.3), edgecolor=colour,
                  label=f"reports of {what} per governorate (darker: more)")]  # fmt: skip


def _draw_outlines(ax, crs, view) -> list:
    """Countries (the land) and governorates near the view; legend handles."""
    reach = gpd.GeoSeries([view], crs=crs).to_crs(WGS84).iloc[0].buffer(1)
    borders = {"facecolor": "none", "edgecolor": "#0072B2", "linewidth": 0.6}
    land = {"facecolor": LAND, "edgecolor": "#555555", "linewidth": 1.2}
    for shapes, style in ((boundaries.countries(), land), (boundaries.governorates(), borders)):
        near = shapes[shapes.intersects(reach)]
        if not near.empty:
            near.to_crs(crs).plot(ax=ax, zorder=1, **style)
    return [
        Patch(facecolor=LAND, edgecolor="#555555", label="country"),
        Line2D([], [], color="#0072B2", linewidth=0.8, label="governorate"),
    ]


def _draw_footprints(ax, located: pd.DataFrame, crs) -> list:
    """Reported areas held, to scale, as the interactive map's territory layer."""
    areas = footprints(located)
    if areas.empty:
        return []
    areas.to_crs(crs).plot(
        ax=ax, facecolor=TERRITORY_COLOUR, edgecolor=TERRITORY_COLOUR, alpha=0.25,
        linewidth=1.5, zorder=3,
    )  # fmt: skip
    return [Patch(facecolor=TERRITORY_COLOUR, alpha=0.4, label="territory held, to scale")]


def _draw_places(ax, counts: pd.DataFrame, crs) -> list:
    """The places named, sized by how often, as the interactive map's place symbols."""
    shown = counts[(counts["kind"] != "country") & counts["lat"].notna()]
    if shown.empty:
        return []
    points = _points(shown, crs)
    named = shown["mentions"].astype(int) + shown["adjectives"].astype(int)
    ax.scatter(
        points.x, points.y, s=[_size(place_radius(n)) for n in named], color=PLACE_COLOUR,
        edgecolors="white", linewidths=1, alpha=0.85, zorder=6,
    )  # fmt: skip
    return [Line2D([], [], marker="o", linestyle="none", color=PLACE_COLOUR, markersize=7,
                   label="place named (size: mentions)")]  # fmt: skip


def _frame(ax, extent: tuple[float, float, float, float]) -> None:
    """The view's limits, true shape, no ticks; sea colour; scale bar and north arrow."""
    x0, y0, x1, y1 = extent
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_xticks([])
    ax.set_yticks([])
    ax.set_xlabel("")
    ax.set_ylabel("")
    ax.set_facecolor("#DDE8F0")
    _scale_bar(ax, extent)
    _north_arrow(ax)


def static_map(
    mentions: pd.DataFrame,
    figures: pd.DataFrame,
    source: str,
    place_of: Callable[[str], Place | None] = gazetteer_place,
    title: str = "Conflict News Atlas",
    kinds: tuple[str, ...] = (),
) -> bytes:
    """The selection drawn as a PNG: outlines, names, places, counts, footprints, movements,
    a legend, a scale bar, a north arrow and ``source`` (:func:`source_line`) below.

    With exactly one of ``kinds`` (the filters' figure kinds) the governorates are shaded
    by its reports, as the interactive map's reports-per-area layer is then on."""
    located = locate(figures, mentions)
    places = mentions[~mentions["kind"].isin(["country", "river"])]
    ends = movement_ends(located, place_of)
    moved = pd.DataFrame(
        [(p.lat, p.lon) for _, origin, destination in ends for p in (origin, destination)],
        columns=["lat", "lon"],
    )
    bounds = fit_bounds(pd.concat([places[["lat", "lon"]], located[["lat", "lon"]], moved]))
    (south, west), (north, east) = bounds
    crs = local_equal_area((south + north) / 2, (west + east) / 2)

    fig = Figure(figsize=SIZE, dpi=DPI)
    FigureCanvasAgg(fig)
    ax = fig.add_axes(AXES)
    extent = _extent(bounds, crs, aspect=(AXES[2] * SIZE[0]) / (AXES[3] * SIZE[1]))
    view = box(*extent)
    counts = place_counts(mentions)
    handles = _draw_places(ax, counts, crs) + _draw_outlines(ax, crs, view)
    if len(kinds) == 1:
        handles += _draw_areas(ax, located, kinds[0], crs)
    handles += _draw_footprints(ax, located, crs)
    handles += _draw_counts(ax, located, counts, crs)
    handles += _draw_movements(ax, ends, crs)
    _draw_labels(ax, counts, crs, view)
    _frame(ax, extent)
    ax.legend(
        handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=8, frameon=False
    )
    fig.text(0.02, 0.955, title, fontsize=13, fontweight="bold", parse_math=False)
    fig.text(0.02, 0.03, source, fontsize=7, color="#333333", parse_math=False, wrap=True)
    out = io.BytesIO()
    fig.savefig(out, format="png", dpi=DPI)
    return out.getvalue()
