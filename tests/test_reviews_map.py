"""The map says which figures a reviewer stands behind, and links each to its review form.

A reviewed figure's symbol has a dark ring (the legend says so), its tooltip and popup a
status mark ("✓ confirmed", "✎ corrected", "+ added") and a link to the Figures page.
"""

from __future__ import annotations

import folium
from atlas_data import store_url

from geo.maps import REVIEWED_RING, build_map, display_boundaries
from geo.reviews import apply, make_review, shown
from geo.store import open_store


def test_reviewed_figures_carry_their_status_and_a_link_to_their_review_form():
    store = open_store(store_url())
    mentions, figures = store.mentions(), store.figures()
    forty, twenty, other = (
        figures[figures["text"].str.startswith(p)].iloc[0]
        for p in ("nearly 40,000", "more than 20,000", "about 16,000")
    )
    reviews = [
        make_review(
            f["article_id"],
            "figure",
            (int(f["start"]), int(f["end"])),
            "status",
            action,
            "machine-read",
            status,
            "Ana",
        )  # fmt: skip
        for f, action, status in ((forty, "confirm", "confirmed"), (twenty, "reject", "rejected"))
    ]
    drawn = shown(apply(figures, reviews, "figure"))
    atlas = build_map(mentions, drawn, display_boundaries("governorates"))
    features = _features(atlas)
    tips = {f["properties"]["tooltip"]: f["properties"]["popup"] for f in features}
    rings = {f["properties"]["tooltip"]: f["properties"]["style"]["color"] for f in features
             if "atlas-figure" in (f["properties"]["style"].get("className") or "")}  # fmt: skip
    assert rings[f"{forty['label']} · Bāghūz · ✓ confirmed"] == REVIEWED_RING
    assert rings[f"{other['label']} · Bāghūz"] != REVIEWED_RING
    assert "dark ring: reviewed" in atlas.get_root().render()
    assert tips[f"{forty['label']} · Bāghūz · ✓ confirmed"]
    assert not any(tip.startswith(twenty["label"]) for tip in tips)  # rejected: not drawn
    assert f"{other['label']} · Bāghūz" in tips  # machine-read: no mark
    link = f"/Figures?review={forty['article_id']}%3A{int(forty['start'])}%3A{int(forty['end'])}"
    assert link in tips[f"{forty['label']} · Bāghūz · ✓ confirmed"]


def _features(element) -> list[dict]:
    """Every GeoJSON feature the map draws from data (its layers' folium.GeoJson children)."""
    found = list(element.data["features"]) if isinstance(element, folium.GeoJson) else []
    for child in element._children.values():
        found += _features(child)
    return found
