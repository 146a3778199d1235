"""Property: every suggested packing fits its box, never overlaps, keeps orientation limits
and the box's weight limit, and never rests too much weight on a fragile unit."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from packing.cartonization import ANY_WAY, THIS_SIDE_UP, ItemType, choose_boxes, problems
from packing.errors import PackingError
from tests.packing.helpers import catalogue, rules, sf_national

side = st.integers(min_value=10, max_value=320)
item_types = st.builds(
    lambda n, dims, grams, qty, fragile, upright: ItemType(
        f"SKU{n}",
        dims,
        grams / 1000,
        quantity=qty,
        fragile=fragile,
        orientations=THIS_SIDE_UP if upright else ANY_WAY,
    ),
    st.integers(0, 10_000),
    st.tuples(side, side, side),
    st.integers(10, 6000),
    st.integers(1, 3),
    st.booleans(),
    st.booleans(),
)
orders = st.lists(item_types, min_size=1, max_size=5, unique_by=lambda t: t.sku)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(orders)
def test_every_suggested_packing_is_physically_sound(items: list[ItemType]) -> None:
    limits = rules()
    try:
        plan = choose_boxes(items, catalogue(), sf_national(), limits)
    except PackingError:
        assert any(
            not any(t.fits_in(b.inner) for b in catalogue()) or t.weight_kg > 25 for t in items
        )
        return
    by_sku = {t.sku: t for t in items}
    placed: dict[str, int] = {}
    for parcel in plan.parcels:
        assert (
            problems(
                parcel.box.inner,
                parcel.placements,
                by_sku,
                max_weight_kg=parcel.box.max_weight_kg,
                fragile_max_load_kg=limits.fragile_max_load_kg,
            )
            == []
        )
        for unit in parcel.placements:
            placed[unit.sku] = placed.get(unit.sku, 0) + 1
    assert placed == {t.sku: t.quantity for t in items}
