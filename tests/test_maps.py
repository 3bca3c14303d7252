"""Map layers from the store's rows: what is drawn, where, and that article text stays inert."""

from __future__ import annotations

import contextlib
import json
import re

import folium
import geopandas as gpd
import pandas as pd
import pytest
from atlas_data import HOSTILE, HOSTILE_BITS, donbas_rows, store_url
from shapely.geometry import box

from geo import boundaries, maps
from geo.escaping import safe, safe_label, safe_link
from geo.literal_render import scripts_left_out
from geo.maps import (
    BOUNDARIES_DIR,
    boundary_files,
    build_map,
    clicked_place,
    count_radii,
    count_radius,
    display_boundaries,
    fit_bounds,
    for_display,
    gathered_claims,
    legend,
    place_radii,
    place_radius,
    place_tooltip,
)
from geo.store import open_store
from geo.summary import TERRITORY_KINDS, locate, place_counts
from geo.territory import footprints

NASTY = "<script>alert(1)</script> ${1+1} \\` onerror="


@pytest.fixture(scope="module")
def store():
    return open_store(store_url())


@pytest.fixture(scope="module")
def rows(store):
    return store.mentions(), store.figures()


@pytest.fixture(scope="module")
def page(rows) -> str:
    """The whole map document, as the browser receives it."""
    mentions, figures = rows
    return build_map(mentions, figures, display_boundaries("governorates")).get_root().render()


def test_safe_leaves_no_markup_and_nothing_a_template_literal_would_run():
    text = safe(NASTY)
    assert text == ("&lt;script&gt;alert(1)&lt;/script&gt; &#36;{1+1} &#92;&#96; onerror=")
    assert not set("<>$`\\") & set(text)
    assert safe(None) == safe(float("nan")) == ""


def test_safe_label_escapes_every_markdown_mark_and_keeps_the_words():
    assert safe_label("[x](javascript:a) $1-$2 :smile:") == (
        "\\[x\\]\\(javascript\\:a\\) \\$1\\-\\$2 \\:smile\\:"
    )
    assert safe_label("Baghuz, 2019") == "Baghuz\\, 2019"
    assert safe_label(None) == safe_label(float("nan")) == ""


def test_links_only_go_to_web_pages():
    assert safe_link("javascript:alert(1)", "x") == ""
    assert safe_link("https://example.org/a?b=1&c=2", NASTY) == (
        '<a href="https://example.org/a?b=1&amp;c=2" target="_blank" '
        f'rel="noopener noreferrer">{safe(NASTY)}</a>'
    )


def test_the_map_has_every_layer_and_control(page):
    for name in [
        "Places mentioned", "Displacement", "Other counts", "Territory", "Districts",
        "Countries, governorates (offline)", "L.control.scale", "L.control.fullscreen",
        "L.control.layers", "fitBounds",
    ]:  # fmt: skip
        assert name in page, name
    assert "atlas-place" in page and "atlas-figure atlas-displaced" in page
    assert "atlas-territory" in page and "province of " in page


def test_the_map_loads_no_script_from_the_web(page):
    scripts = [line for line in page.splitlines() if "<script src=" in line]
    assert scripts and all('src="/app/static/' in line for line in scripts)


def _shown(element) -> list[str]:
    """Every popup and tooltip HTML the map's GeoJSON layers carry (what the browser inserts)."""
    texts = []
    if isinstance(element, folium.GeoJson):
        for feature in element.data["features"]:
            properties = feature["properties"]
            texts += [properties[k] for k in ("popup", "tooltip", "name") if k in properties]
    for child in element._children.values():
        texts += _shown(child)
    return texts


def test_hostile_article_text_never_reaches_a_popup_unescaped(rows):
    mentions, figures = rows
    hostile = figures[figures["article_id"] == HOSTILE.id]
    assert len(hostile) > 0  # its figure is on the map, with its sentence and outlet
    shown = _shown(build_map(mentions, hostile, display_boundaries("governorates")))
    assert any("&lt;script&gt;window.top.__atlasPwned = 1&lt;/script&gt;" in t for t in shown)
    for text in shown:
        for bit in (*HOSTILE_BITS, "`", "$", "\\"):
            assert bit not in text, (bit, text)


def test_the_rendered_page_carries_no_raw_template_expression(page):
    assert "${window" not in page and "${1+1}" not in page


def test_territory_footprints_are_drawn_to_scale_around_their_place(rows):
    mentions, figures = rows
    areas = footprints(locate(figures, mentions))
    assert len(areas) >= 2  # "less than 2 square miles" (9 Feb) and the 7 March figure
    km2 = areas.to_crs("EPSG:6933").area / 1e6
    assert list(km2.round(2)) == list(areas["value"].astype(float).round(2))


def test_country_wide_claims_stay_on_their_country_and_only_footprints_move(rows):
    mentions, figures = rows
    located = locate(figures, mentions)
    assert len(located) == len(figures)  # the table and the downloads lose none
    wide = located[located["place_kind"] == "country"]
    counts, areas = (wide[wide["kind"].isin(TERRITORY_KINDS) == flag] for flag in (False, True))
    assert len(counts) > 0 and counts["broad"].all()
    assert counts["placed_at"].str.startswith("the country or region as a whole").all()
    assert set(counts["name"]) <= set(mentions.loc[mentions["kind"] == "country", "name"])
    assert len(areas) > 0  # "less than 2 square miles ... in Syria": a footprint at the pocket
    assert areas["placed_at"].str.contains("the place its article names most").all()


def test_country_wide_and_expected_claims_are_drawn_distinctly(page):
    assert "atlas-country-wide" in page and "dashArray" in page
    assert "atlas-area-wide" in page  # "thousands of civilians left" Deir ez-Zor (precision 2)
    assert "dotted: about a district or governorate" in page
    assert "Expected or possible (not reported as happened)" in page
    assert "may be a thousand fighters" in page  # possible: in its own layer, not hidden away


def test_the_view_opens_on_where_things_happened_not_on_far_capitals(rows):
    mentions, _ = rows
    assert {"Washington", "Beirut"} <= set(mentions["name"])
    (south, west), (north, east) = fit_bounds(mentions[mentions["kind"] != "country"])
    assert 33 < south < 35.5 and 40.5 < east < 42.5  # eastern Syria
    assert west > 36 and north < 38


def test_with_two_theatres_the_view_opens_on_the_busier_not_between_them(rows):
    """Syria's seeds beside fewer Ukrainian claims: the median alone lands between the two
    (the view then held neither), and cells alone split Syria's spread points."""
    mentions, _ = rows
    syria = mentions.loc[mentions["kind"] != "country", ["lat", "lon"]]
    ukraine = pd.DataFrame({"lat": [48.59, 50.29, 49.71] * 6, "lon": [38.0, 36.94, 37.62] * 6})
    assert len(ukraine) < len(syria)
    assert fit_bounds(pd.concat([syria, ukraine])) == fit_bounds(syria)
    (south, west), (north, east) = fit_bounds(pd.concat([syria.iloc[:3], ukraine]))
    assert 48 < south < north < 51 and 36 < west < east < 39  # now Ukraine is the busier


def test_a_click_on_a_place_symbol_selects_it_and_other_clicks_do_not(rows):
    mentions, _ = rows
    places = place_counts(mentions)
    first = places[places["kind"] == "populated place"].iloc[0]
    tooltip = f"\n   {place_tooltip(first['name'], first['admin1'])}\n "  # as the browser sends it
    assert clicked_place(mentions, tooltip, first["lat"] + 0.01, first["lon"]) == first["place_id"]
    figure_tooltip = "> 20,000 evacuated · Bāghūz"
    assert clicked_place(mentions, figure_tooltip, first["lat"], first["lon"]) is None
    assert clicked_place(mentions, None, first["lat"], first["lon"]) is None


def test_a_selection_with_nothing_located_still_draws_a_map(rows):
    mentions, figures = rows
    none = build_map(mentions.iloc[0:0], figures.iloc[0:0], display_boundaries("governorates"))
    assert "Places mentioned" in none.get_root().render()


@pytest.mark.parametrize("name", list(boundary_files()))
def test_the_served_boundary_files_are_up_to_date(name):
    """static/boundaries/ is rebuilt by scripts/build_map_boundaries.py from data/boundaries/."""
    shipped = json.loads((BOUNDARIES_DIR / f"{name}.geojson").read_text(encoding="utf-8"))
    fresh = json.loads(json.dumps(for_display(boundary_files()[name])))
    assert shipped == fresh
    assert (BOUNDARIES_DIR / f"{name}.geojson").stat().st_size < 1_500_000  # fetched once, cached


def test_every_served_boundary_file_is_one_the_map_knows():
    assert {p.stem for p in BOUNDARIES_DIR.glob("*.geojson")} == set(boundary_files())
    assert {"districts-levant", "districts-ukraine"} <= set(boundary_files())


def test_the_map_fetches_the_districts_of_the_region_it_opens_on(page):
    assert "/districts-levant.geojson" in page
    assert "/districts-ukraine.geojson" not in page
    mentions, figures = donbas_rows()
    ukraine = build_map(mentions, figures, display_boundaries("governorates")).get_root().render()
    assert "/districts-ukraine.geojson" in ukraine
    assert "/districts-levant.geojson" not in ukraine


def test_ukrainian_claims_shade_their_raion():
    mentions, figures = donbas_rows()
    atlas = build_map(mentions, figures, display_boundaries("governorates"), kinds=("displaced",))
    tooltips = sorted(a["tooltip"] for a in _areas(atlas, "Reports per district").values())
    assert tooltips == [
        "Bakhmut Municipality (district): 1 report: over 3,000 people",
        "Bakhmut Raion (district): 1 report: 1,200 people",
        "Kramatorska (district): 1 report: 2,000 people",
    ]


def test_display_boundaries_escape_names():
    shapes = pd.DataFrame({"id": ["1"], "name": [NASTY]})
    light = for_display(gpd.GeoDataFrame(shapes, geometry=[box(40, 34, 41, 35)], crs=4326))
    assert light["features"][0]["properties"]["name"] == safe(NASTY)


def _popups_by_point(element) -> dict[tuple[float, float], list[str]]:
    """The popup HTML of every point symbol on the map, by its (rounded) coordinates."""
    found: dict[tuple[float, float], list[str]] = {}
    if isinstance(element, folium.GeoJson):
        for feature in element.data["features"]:
            if feature["geometry"]["type"] == "Point":
                lon, lat = feature["geometry"]["coordinates"]
                key = (round(lat, 5), round(lon, 5))
                found.setdefault(key, []).append(feature["properties"]["popup"])
    for child in element._children.values():
        for key, popups in _popups_by_point(child).items():
            found.setdefault(key, []).extend(popups)
    return found


def _opened(atlas: folium.Map, popup: str) -> str:
    """A popup's HTML as it opens: each empty gathered list filled from the map's one copy
    (what GatheredClaims' script does in the browser)."""
    (lists,) = [c.lists for c in atlas._children.values() if isinstance(c, maps.GatheredClaims)]
    return re.sub(
        r'(<ol class="atlas-claims" data-at="([^"]+)"[^>]*>)(</ol>)',
        lambda m: m.group(1) + lists[m.group(2)] + m.group(3),
        popup,
    )


def test_every_claim_drawn_at_a_point_is_listed_by_every_symbol_there(rows):
    """Co-located symbols cover each other at any zoom: whichever one is clicked lists them all."""
    mentions, figures = rows
    atlas = build_map(mentions, figures, display_boundaries("governorates"))
    popups = {
        where: [_opened(atlas, popup) for popup in here]
        for where, here in _popups_by_point(atlas).items()
    }
    located = locate(figures, mentions).dropna(subset=["lat"])
    assert len(located) == len(figures) - figures["lat"].isna().sum()
    for claim in located.itertuples(index=False):
        here = popups[(round(claim.lat, 5), round(claim.lon, 5))]
        assert here and all(safe(claim.label) in popup for popup in here), claim.label


def test_a_gathered_list_is_in_date_order_with_outlet_sentence_and_link():
    claims = pd.DataFrame(
        [
            {"kind": "displaced", "label": "some 300 families fled", "modality": "reported",
             "date_start": "2021-05-04", "date_end": "2021-05-04", "outlet": "Daily Plain",
             "sentence": "Some 300 families fled the village.", "url": "https://example.org/b",
             "lat": 10.0, "lon": 20.0},
            {"kind": "killed", "label": "at least 4 killed", "modality": "possible",
             "date_start": "2021-05-01", "date_end": "2021-05-02", "outlet": "The Courier",
             "sentence": "At least 4 may have been killed.", "url": "https://example.org/a",
             "lat": 10.0, "lon": 20.0},
            {"kind": "displaced", "label": "1,000 left", "modality": "reported",
             "date_start": "2021-05-03", "date_end": "2021-05-03", "outlet": "Elsewhere",
             "sentence": "1,000 left.", "url": None, "lat": 11.0, "lon": 20.0},
        ]
    )  # fmt: skip
    gathered = gathered_claims(claims)
    count, items = gathered[(10.0, 20.0)]
    assert count == 2 and gathered[(11.0, 20.0)][0] == 1
    assert items.index("at least 4 killed") < items.index("some 300 families fled")
    assert "possible" in items and "The Courier" in items
    assert "Some 300 families fled the village." in items and "https://example.org/b" in items


def test_place_names_are_written_on_the_offline_layer_as_data_never_as_html(rows):
    mentions, figures = rows
    name = f"{NASTY} {{{{ 7*7 }}}} {{# x"
    hostile = mentions.assign(name=mentions["name"].where(mentions["name"] != "Bāghūz", name))
    page = build_map(hostile, figures, display_boundaries("governorates")).get_root().render()
    assert "atlas-label" in page and "textContent" in page
    assert "{{ 7*7 }} {# x" in page  # data, never compiled as a template
    assert '"name": "Syria"' in page and '"name": "Deir ez-Zor"' in page
    assert "<script>alert(1)" not in page  # the name travels as escaped JSON: \u003cscript\u003e
    assert "\\u003cscript\\u003ealert(1)" in page


def _features(element, kind: str) -> list[dict]:
    """Every feature of the GeoJSON layers inside the layer called ``kind``."""
    found = []
    for child in element._children.values():
        if isinstance(child, folium.FeatureGroup) and child.layer_name.startswith(kind):
            found += [f for g in child._children.values() for f in g.data["features"]]
        else:
            found += _features(child, kind)
    return found


def _areas(element, kind: str) -> dict[str, dict]:
    """What the linked area layers inside the layer called ``kind`` draw, by area id."""
    found = {}
    for child in element._children.values():
        if isinstance(child, folium.FeatureGroup) and child.layer_name.startswith(kind):
            found |= {
                i: a for g in child._children.values() if isinstance(g, maps.LinkedAreas)
                for i, a in g.areas.items()
            }  # fmt: skip
        else:
            found |= _areas(child, kind)
    return found


def test_reports_per_area_are_shaded_with_their_count_and_range_not_a_sum(rows):
    mentions, figures = rows
    atlas = build_map(mentions, figures, display_boundaries("governorates"), kinds=("displaced",))
    (deir,) = _areas(atlas, "Reports per governorate: displaced").values()
    assert "Deir ez-Zor (governorate)" in deir["tooltip"]
    assert "reports: 2,000 – 40,000 people" in deir["tooltip"]
    assert "not a total" in deir["popup"] and deir["style"]["className"] == "atlas-area"
    assert _areas(atlas, "Reports per district: displaced")
    page = atlas.get_root().render()
    assert "shaded area: reports of displaced (darker: more)" in page
    off = build_map(mentions, figures, display_boundaries("governorates")).get_root().render()
    assert "Reports per governorate: displaced" in off  # the commonest kind, layer off at first
    assert "reports of displaced per area: off" in off
    assert "reports of displaced per area: off" not in page


def test_a_movement_is_an_arrow_from_origin_to_destination_with_its_claim(rows):
    mentions, figures = rows
    hol = "173797"  # Al Ḩawl, the camp people leaving Baghuz were taken to
    moved = figures["origin_id"].notna()
    assert moved.any() and figures["destination_id"].isna().all()  # the seeds name no destination
    plain = build_map(mentions, figures, display_boundaries("governorates"))
    assert not _features(plain, "Movements")
    figures = figures.assign(destination_id=figures["destination_id"].where(~moved, hol))
    atlas = build_map(mentions, figures, display_boundaries("governorates"))
    arrows = _features(atlas, "Movements")
    lines = [f for f in arrows if f["geometry"]["type"] == "LineString"]
    heads = [f for f in arrows if f["geometry"]["type"] == "Polygon"]
    assert len(lines) == len(heads) == moved.sum()
    baghuz = boundaries.default_gazetteer().get("171944")
    camp = boundaries.default_gazetteer().get(hol)
    assert lines[0]["geometry"]["coordinates"] == [[baghuz.lon, baghuz.lat], [camp.lon, camp.lat]]
    tip = heads[0]["geometry"]["coordinates"][0][0]
    assert tip == pytest.approx([camp.lon, camp.lat])  # the head points at the destination
    assert all(lat < camp.lat for _, lat in heads[0]["geometry"]["coordinates"][0][1:3])
    labels = set(figures.loc[moved, "label"].map(safe))
    assert {f["properties"]["tooltip"].split(" · ")[0] for f in lines} == labels
    assert "from Bāghūz to Al Ḩawl" in lines[0]["properties"]["popup"]
    assert "arrow: people moving" in atlas.get_root().render()


def test_the_legend_says_which_kinds_start_off_and_opens_above_the_scale_bar(rows):
    """Fighters are drawn in *Other counts*, off at first: the legend must not promise them."""
    _, figures = rows
    kinds = set(figures["kind"])
    assert {"fighters", "displaced"} <= kinds  # the seeds hold both
    box = legend(figures)
    html = box._template.module.html(box, {})
    assert "fighters (size: people), layer off at first" in box.body
    assert "displaced (size: people)<" in box.body  # its layer is on
    assert '<details class="atlas-legend"' in html and "<summary" in html  # folded at first
    assert "bottom: 56px" in html  # Leaflet's two-line scale bar takes the bottom 46 px


def test_a_small_count_is_a_ring_round_its_place_never_hidden_under_it(rows):
    """1,200 people at a town named twice: by value 5 px, under an 8 px place symbol."""
    mentions, _ = rows
    counts = place_counts(mentions)
    town = counts[(counts["kind"] == "populated place") & (counts["mentions"] >= 2)].iloc[0]
    over = place_radius(int(town.mentions) + int(town.adjectives))
    drawn = pd.DataFrame(
        {"value": [1_200, 40_000, 1_200], "lat": [town.lat, town.lat, 10.0],
         "lon": [town.lon, town.lon, 10.0]}
    )  # fmt: skip
    small, large, elsewhere = count_radii(drawn, place_radii(counts))
    assert count_radius(1_200) < over and small == over + 3
    assert large == count_radius(40_000) > over + 3  # big enough already: by value
    assert elsewhere == count_radius(1_200)  # no place symbol over it


def test_a_popup_counts_its_claims_in_words(rows):
    """A popup says "1 claim drawn here", never "1 claims"; place symbols say "claims here"."""
    mentions, figures = rows
    boundaries = display_boundaries("governorates")
    page = build_map(mentions, figures, boundaries).get_root().render()
    assert "13 claims here, by date" in page and "13 claims drawn here, by date" in page
    one = figures[(figures["kind"] == "displaced") & (figures["precision"] == 1)].iloc[[0]]
    page = build_map(mentions, one, boundaries).get_root().render()
    assert "1 claim drawn here, by date" in page and "1 claim here, by date" in page
    assert "1 claims" not in page


def _layers(element) -> list[folium.GeoJson]:
    found = [element] if isinstance(element, folium.GeoJson) else []
    for child in element._children.values():
        found += _layers(child)
    return found


def test_each_layer_s_bounds_are_those_of_its_every_coordinate(rows):
    """streamlit-folium asks for the bounds on every rerun; the map finds them in C and must
    agree with folium's own walk over the coordinates."""
    mentions, figures = rows
    atlas = build_map(mentions, figures, display_boundaries("governorates"), kinds=("displaced",))
    for layer in _layers(atlas):
        assert layer._get_self_bounds() == folium.utilities.get_bounds(layer.data, lonlat=True)
    assert atlas.get_bounds()[0][0] is not None
    # several areas far apart in one layer: each side comes from a different outline
    features = [
        maps._feature(area["geometry"], "", "", {})
        for area in display_boundaries("governorates")["features"]
    ]
    walked = folium.utilities.get_bounds({"features": features}, lonlat=True)
    assert maps._geojson(features)._get_self_bounds() == walked


@pytest.mark.parametrize(
    ("theatre", "districts"), [("seeds", "districts-levant"), ("donbas", "districts-ukraine")]
)
def test_shaded_and_outlined_areas_are_those_of_the_served_files(rows, theatre, districts):
    """The area layers send only styles and texts: the browser draws each area from the file
    it fetches (the offline layer's; a district from its group's), so every area drawn must
    be in that file."""
    mentions, figures = rows if theatre == "seeds" else donbas_rows()
    atlas = build_map(mentions, figures, display_boundaries("governorates"), kinds=("displaced",))
    linked = [e for e in _elements(atlas) if isinstance(e, maps.LinkedAreas)]
    files = {e.url.rsplit("/", 1)[1].removesuffix(".geojson") for e in linked}
    assert files == {"governorates", districts}
    for element in linked:
        served = display_boundaries(element.url.rsplit("/", 1)[1].removesuffix(".geojson"))
        ids = {f["properties"]["id"] for f in served["features"]}
        assert element.areas and set(element.areas) <= ids


def _elements(element) -> list:
    return [element, *(e for child in element._children.values() for e in _elements(child))]


def test_st_folium_s_first_render_leaves_out_only_the_scripts_it_rewrites(rows):
    """streamlit-folium renders the map for its header and HTML, then writes each element's
    script itself: the first pass may skip the scripts, and the map it sends is the same."""
    from streamlit_folium import _get_header, _get_html, _get_map_string

    mentions, figures = rows
    sent = []
    for left_out in (False, True):
        atlas = build_map(mentions, figures, display_boundaries("governorates"))
        with scripts_left_out() if left_out else contextlib.nullcontext():
            atlas.render()
        scripts = len(atlas.get_root().script._children)
        sent.append((_get_html(atlas), _get_header(atlas), _get_map_string(atlas), scripts > 0))
    (html, header, script, scripted), (html_, header_, script_, scripted_) = sent
    assert (html, header, script) == (html_, header_, script_) and scripted and not scripted_
