"""The box chooser picks the cheapest box set, on cases checked by hand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from packing.cartonization import THIS_SIDE_UP, BoxType, ItemType, choose_boxes, problems
from packing.cartonization.choose import cheapest_by_exhaustive_search
from packing.errors import PackingError
from tests.packing.helpers import catalogue, rules, sf_national


def choose(*items: ItemType):  # type: ignore[no-untyped-def]
    return choose_boxes(items, catalogue(), sf_national(), rules())


def test_one_small_item_goes_in_the_smallest_box_at_box_plus_first_weight() -> None:
    plan = choose(ItemType("PEN", (120, 30, 20), 0.05))
    assert plan.boxes == ("B12",)
    assert plan.cost == Decimal("0.25") + Decimal("18.00")
    (parcel,) = plan.parcels
    assert parcel.gross_kg == pytest.approx(0.05 + 0.03 + 0.005)
    assert len(parcel.placements) == 1


def test_this_side_up_keeps_a_tall_bottle_upright_in_a_taller_box() -> None:
    lying = choose(ItemType("OIL", (100, 60, 150), 0.9))
    upright = choose(ItemType("OIL", (100, 60, 150), 0.9, orientations=THIS_SIDE_UP))
    assert lying.boxes == ("B10",)
    assert upright.boxes == ("B7",)
    (unit,) = upright.parcels[0].placements
    assert unit.dz == 150 and unit.orientation in THIS_SIDE_UP


def test_the_heavy_item_goes_under_the_fragile_one() -> None:
    glass = ItemType("GLASS", (200, 100, 20), 0.3, fragile=True)
    iron = ItemType("IRON", (200, 100, 50), 2.0)
    plan = choose(glass, iron)
    (parcel,) = plan.parcels
    by_sku = {p.sku: p for p in parcel.placements}
    assert by_sku["GLASS"].z >= by_sku["IRON"].top or not by_sku["GLASS"].footprint_overlaps(
        by_sku["IRON"]
    )
    assert problems(parcel.box.inner, parcel.placements, {"GLASS": glass, "IRON": iron}) == []


def test_two_heavy_fragile_plates_are_never_stacked() -> None:
    plate = ItemType(
        "PLATE", (200, 100, 30), 1.0, quantity=2, fragile=True, orientations=THIS_SIDE_UP
    )
    (parcel,) = choose(plate).parcels
    first, second = parcel.placements
    assert not first.footprint_overlaps(second)
    assert parcel.box.inner[0] * parcel.box.inner[1] >= 2 * 200 * 100


def test_content_above_a_box_weight_limit_moves_to_a_stronger_box() -> None:
    plan = choose(ItemType("WEIGHT", (60, 60, 40), 2.5))  # small, but over B12's 2 kg
    assert plan.boxes == ("B10",)


def test_an_order_too_big_for_any_box_is_split_over_parcels() -> None:
    drum = ItemType("DRUM", (400, 200, 250), 3.0, quantity=3)
    plan = choose(drum)
    assert len(plan.parcels) == 3
    assert sum(len(p.placements) for p in plan.parcels) == 3
    assert all(p.box.code == "B3" for p in plan.parcels)


def test_the_parcel_cost_is_the_box_plus_the_freight_of_its_gross_weight() -> None:
    book = ItemType("BOOK", (280, 160, 40), 1.2, quantity=2)
    (parcel,) = choose(book).parcels
    assert parcel.box.code == "B5"  # 2.59 kg gross beats 1.8 kg volumetric: 3 kg billed
    assert parcel.freight == sf_national()(parcel.box.outer, parcel.gross_kg) == Decimal("30.00")
    assert parcel.cost == Decimal("1.00") + Decimal("30.00")


def test_a_cheap_big_box_loses_when_its_volume_costs_more_freight() -> None:
    big = BoxType("BIG", (400, 400, 400), (410, 410, 410), 20.0, 0.3, Decimal("0.10"))
    small = BoxType("SMALL", (200, 200, 200), (210, 210, 210), 20.0, 0.1, Decimal("1.00"))
    item = [ItemType("CUBE", (150, 150, 150), 0.5)]

    def flat(outer: tuple[int, int, int], kg: float) -> Decimal:
        return Decimal("10")

    def by_volume(outer: tuple[int, int, int], kg: float) -> Decimal:
        return Decimal(outer[0] * outer[1] * outer[2]) / Decimal(1_000_000)

    assert choose_boxes(item, [big, small], flat).boxes == ("BIG",)
    assert choose_boxes(item, [big, small], by_volume).boxes == ("SMALL",)


def test_an_item_no_box_holds_is_named_in_one_sentence() -> None:
    with pytest.raises(PackingError) as refused:
        choose(ItemType("SKI", (1600, 100, 60), 2.0))
    assert str(refused.value) == "SKI fits no box of the catalogue: pack it in its own carton."
    assert refused.value.zh and refused.value.zh.startswith("SKI 放不进")


def test_two_small_parcels_win_when_one_big_box_costs_more() -> None:
    small = BoxType("SMALL", (200, 200, 200), (210, 210, 210), 20.0, 0.1, Decimal("1.00"))
    big = BoxType("BIG", (400, 200, 200), (410, 210, 210), 20.0, 0.2, Decimal("5.00"))
    cubes = [ItemType("CUBE", (150, 150, 150), 0.5, quantity=2)]

    def by_volume(outer: tuple[int, int, int], kg: float) -> Decimal:
        return Decimal(outer[0] * outer[1] * outer[2]) / Decimal(1_000_000)

    plan = choose_boxes(cubes, [small, big], by_volume)
    assert plan.boxes == ("SMALL", "SMALL")
    assert plan.cost == 2 * (Decimal("1.00") + Decimal("9.261"))
    reference = cheapest_by_exhaustive_search(cubes, [small, big], by_volume, rules())
    assert reference is not None and reference.cost == plan.cost
