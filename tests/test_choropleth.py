"""Reports per area: counts and printed ranges per governorate and district, never sums."""

from __future__ import annotations

import pandas as pd
import pytest
from atlas_data import donbas_rows, store_url

from geo import boundaries
from geo.choropleth import area_claims, area_kind, claim_range, shade
from geo.store import open_store
from geo.summary import locate

DEIR_EZ_ZOR = "170792"


@pytest.fixture(scope="module")
def located():
    store = open_store(store_url())
    return locate(store.figures(), store.mentions())


def _claims(*rows: tuple[float, float | None, float | None]) -> pd.DataFrame:
    """Figures of people with (value, low, high) as the figures reader stores them."""
    return pd.DataFrame(
        [{"value": v, "low": lo, "high": hi, "unit": "people"} for v, lo, hi in rows]
    )


def test_a_range_runs_from_the_lowest_to_the_highest_figure_printed():
    # "thousands" (2,000-9,999), "more than 20,000" (open above), "nearly 40,000" (40,000 at most)
    three = _claims((3000, 2000, 9999), (20000, 20000, None), (40000, None, 40000))
    assert claim_range(three) == "3 reports: 2,000 – 40,000 people"
    assert claim_range(_claims((20000, 20000, None))) == "1 report: over 20,000 people"
    assert claim_range(_claims((300, None, 300))) == "1 report: under 300 people"
    assert claim_range(_claims((900, 900, 900))) == "1 report: 900 people"
    # an open end that is the highest is said so, never closed by a guess
    assert claim_range(_claims((5000, 5000, None), (8000, 8000, None))) == (
        "2 reports: 5,000 – over 8,000 people"
    )


def test_units_are_never_pooled():
    mixed = pd.concat([_claims((500, 500, 500)), _claims((300, 300, 300)).assign(unit="families")])
    assert claim_range(mixed) == "2 reports: 300 families; 500 people"


def test_the_seeds_displacement_claims_per_governorate_and_district(located):
    areas = area_claims(located, "displaced", boundaries.governorates(), boundaries.districts())
    counted = located[
        (located["kind"] == "displaced") & ~located["broad"] & (located["modality"] == "reported")
    ]
    governorate = areas[(areas["level"] == "governorate")].set_index("id").loc[DEIR_EZ_ZOR]
    assert governorate["name"] == "Deir ez-Zor"
    assert governorate["reports"] == (counted["governorate_id"] == DEIR_EZ_ZOR).sum() >= 5
    assert set(governorate["labels"]) == set(
        counted.loc[counted["governorate_id"] == DEIR_EZ_ZOR, "label"]
    )
    # Baghuz's claims lie in Abu Kamal district; "thousands of civilians left" Deir ez-Zor does not
    district = areas[areas["level"] == "district"].iloc[0]
    assert (
        district["name"] == "Abu-Kamal" and "thousands of civilians left" not in district["labels"]
    )
    assert "nearly 40,000 residents displaced" in district["labels"]
    assert district["reports"] == governorate["reports"] - 2  # the two about the governorate
    # "Hundreds more men trudged" is about Syria: on no area
    assert not any("Hundreds more men trudged" in labels for labels in areas["labels"])
    assert areas.crs.to_epsg() == 4326 and areas.geometry.is_valid.all()


def test_expected_claims_and_other_kinds_stay_out(located):
    areas = area_claims(located, "fighters", boundaries.governorates(), boundaries.districts())
    labels = {label for row in areas["labels"] for label in row}
    assert "hundreds of militants" in labels
    assert "may be a thousand fighters" not in labels  # possible, not reported
    assert not labels & set(located.loc[located["kind"] != "fighters", "label"])
    none = area_claims(located, "killed", boundaries.governorates(), boundaries.districts())
    assert none.empty


def test_the_layer_counts_the_chosen_kind_else_the_commonest(located):
    assert area_kind(("fighters",), located) == "fighters"
    assert area_kind((), located) == "displaced"
    assert area_kind(("fighters", "displaced"), located) == "displaced"
    assert area_kind((), located.iloc[0:0]) is None


def test_more_reports_shade_darker():
    assert shade(1, 6) < shade(3, 6) < shade(6, 6) == pytest.approx(0.45)


def test_ukrainian_claims_count_for_their_oblast_raion_and_city_council():
    mentions, figures = donbas_rows()
    areas = area_claims(
        locate(figures, mentions), "displaced", boundaries.governorates(), boundaries.districts()
    )
    found = {(a.level, a.name): a.summary for a in areas.itertuples()}
    assert found == {
        ("governorate", "Donetsk Oblast"): "3 reports: 1,200 – over 3,000 people",
        ("district", "Bakhmut Municipality"): "1 report: over 3,000 people",  # its city council
        ("district", "Bakhmut Raion"): "1 report: 1,200 people",  # Yakovlivka's raion
        ("district", "Kramatorska"): "1 report: 2,000 people",
    }
