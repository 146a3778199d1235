"""The weight check: expected = items + box + filler; outside the tolerance, check again."""

from __future__ import annotations

from decimal import Decimal

import pytest

from packing.errors import PackingError
from packing.weighing import check_weight, expected_weight, parse_weight, tolerance


def test_expected_weight_is_items_plus_box_plus_filler() -> None:
    expected = expected_weight(
        [(Decimal("0.350"), 2), (Decimal("1.2"), 1)], box_kg=0.13, filler_kg=0.025
    )
    assert expected.items_kg == Decimal("1.900")
    assert expected.total_kg == Decimal("2.055")


def test_the_tolerance_is_the_larger_of_absolute_and_percent() -> None:
    assert tolerance(Decimal("1"), tolerance_kg=0.05, tolerance_pct=3) == Decimal("0.050")
    assert tolerance(Decimal("10"), tolerance_kg=0.05, tolerance_pct=3) == Decimal("0.300")


def test_a_parcel_within_tolerance_closes_and_one_outside_must_be_checked_again() -> None:
    ok = check_weight(Decimal("2.055"), Decimal("2.09"), tolerance_kg=0.05, tolerance_pct=3)
    assert ok.within and ok.difference_kg == Decimal("0.035")
    off = check_weight(Decimal("2.055"), Decimal("1.70"), tolerance_kg=0.05, tolerance_pct=3)
    assert not off.within and off.difference_kg == Decimal("-0.355")
    assert off.message.render("en") == (
        "Weight 1.700 kg is -0.355 kg off the expected 2.055 kg: check the parcel again."
    )
    assert "请重新检查包裹" in off.message.render("zh_CN")


@pytest.mark.parametrize(
    ("text", "kg"),
    [
        ("1.234", "1.234"),
        (" 1,5 kg", "1.500"),
        ("1234 g", "1.234"),
        ("2.2LB", "0.998"),
        ("0", "0.000"),
    ],
)
def test_typed_and_wedged_weights_are_read_in_kg(text: str, kg: str) -> None:
    assert parse_weight(text) == Decimal(kg)


@pytest.mark.parametrize("text", ["", "abc", "1.2.3", "-1", "12 oz"])
def test_a_weight_that_is_not_one_is_refused_in_one_sentence(text: str) -> None:
    with pytest.raises(PackingError, match="is not a weight"):
        parse_weight(text)
