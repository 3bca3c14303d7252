"""The static PNG map: a valid image, drawn from the selection, with its source line."""

from __future__ import annotations

import io

import pytest
from atlas_data import store_url
from matplotlib.image import imread

from geo.filters import Filters
from geo.static_map import _nice_length, source_line, static_map
from geo.store import open_store

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def rows():
    store = open_store(store_url())
    return store.mentions(), store.figures()


def _pixels(png: bytes):
    return imread(io.BytesIO(png), format="png")


def _orange(image) -> int:
    """Pixels of the displaced people's orange (#E69F00), drawn only for their figures."""
    red, green, blue = image[..., 0], image[..., 1], image[..., 2]
    return int(((red > 0.85) & (abs(green - 0.62) < 0.1) & (blue < 0.5)).sum())


def test_the_static_map_is_a_png_of_report_size_and_shows_the_selection(rows):
    mentions, figures = rows
    source = source_line(4, Filters())
    full = static_map(mentions, figures, source)
    assert full.startswith(PNG)
    image = _pixels(full)
    assert image.shape[:2] == (1125, 1650)  # 11 × 7.5 inches at 150 dpi
    places_only = static_map(mentions, figures.iloc[0:0], source)
    assert _pixels(places_only).shape == image.shape
    assert _orange(image) > 500 and _orange(_pixels(places_only)) == 0
    empty = static_map(mentions.iloc[0:0], figures.iloc[0:0], source)
    assert empty.startswith(PNG) and _pixels(empty).shape == image.shape


def test_hostile_text_is_drawn_as_text(rows):
    """A ``$`` would start TeX in matplotlib (and an unbalanced one raises): it must not."""
    mentions, figures = rows
    odd = mentions.assign(
        name=mentions["name"].where(mentions["kind"] == "country", "$x_{1 $ \\frac")
    )
    assert static_map(
        odd, figures, source_line(1, Filters(outlets=("$Daily{{ 7*7 }}",)))
    ).startswith(PNG)


def test_the_source_line_names_the_articles_filters_and_boundaries():
    line = source_line(3, Filters(kinds=("displaced",), places=("171944", "170792", "no-such")))
    assert line.startswith(  # places by name, as a reader knows them; an unknown id as it is
        "Conflict News Atlas — 3 articles, filters place=Bāghūz, Deir ez-Zor, no-such; "
        "kind=displaced"
    )
    assert "Who's On First" in line and "Natural Earth" in line
    assert "filters none" in source_line(1, Filters()) and "1 article," in source_line(1, Filters())


def test_the_scale_bar_is_a_round_length():
    assert [_nice_length(m) for m in (45_000, 120_000, 9_999, 300)] == [20_000, 100_000, 5_000, 200]


def _near(image, colour: str, tolerance: float = 0.06) -> int:
    """Pixels within ``tolerance`` of ``colour`` in each channel."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    close = [abs(image[..., i] - rgb[i]) < tolerance for i in range(3)]
    return int((close[0] & close[1] & close[2]).sum())


def test_a_chosen_kind_shades_its_governorates_and_movements_are_arrows(rows):
    mentions, figures = rows
    plain = _pixels(static_map(mentions, figures, "x"))
    shaded = _pixels(static_map(mentions, figures, "x", kinds=("displaced",)))
    tinted = (abs(shaded - plain)[..., :3].sum(axis=2) > 0.1) & (shaded[..., 2] < plain[..., 2])
    assert tinted.sum() > 100_000  # Deir ez-Zor, a large governorate, tinted with orange
    assert (shaded[tinted][:, 0] > shaded[tinted][:, 2] + 0.2).mean() > 0.9
    hol = "173797"  # Al Ḩawl
    moved = figures.assign(
        destination_id=figures["destination_id"].where(figures["origin_id"].isna(), hol)
    )
    arrows = _pixels(static_map(mentions, moved, "x"))
    assert _near(arrows, "#6A3D9A") > 200 and _near(plain, "#6A3D9A") == 0
