"""保价: who is insured, and the premium from each carrier's schedule (Decimal, RMB)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shipping.insurance import insurance_for, premium
from tests.shipping.helpers import documented

SF = documented().carrier("SF").insurance
EMS = documented().carrier("EMS").insurance


@pytest.mark.parametrize(
    ("declared", "fragile", "expected"),
    [
        ("120", False, "1.00"),
        ("500", False, "1.00"),
        ("500.01", False, "2.00"),
        ("1000", False, "2.00"),
        ("2000", False, "10.00"),
        ("2000", True, "16.00"),
        ("50", True, "1.00"),
    ],
)
def test_sf_premium_follows_its_schedule(declared: str, fragile: bool, expected: str) -> None:
    assert premium(SF, Decimal(declared), fragile=fragile) == Decimal(expected)


def test_ems_charges_half_a_percent_but_at_least_one_yuan() -> None:
    assert premium(EMS, Decimal("100")) == Decimal("1.00")
    assert premium(EMS, Decimal("1000")) == Decimal("5.00")
    assert premium(EMS, Decimal("1234.50")) == Decimal("6.17")


def test_a_parcel_above_the_threshold_is_insured_with_a_reason() -> None:
    decision = insurance_for(SF, Decimal("1500"))
    assert decision.insured and decision.declared_value == Decimal("1500.00")
    assert decision.premium == Decimal("7.50")
    assert "above 500" in decision.reason.render("en")
    assert "已保价" in decision.reason.render("zh_CN")


def test_a_cheap_parcel_is_not_insured_unless_it_holds_fragile_high_value_goods() -> None:
    plain = insurance_for(SF, Decimal("300"))
    assert not plain.insured and plain.premium == Decimal("0.00")
    fragile = insurance_for(SF, Decimal("300"), fragile=True, fragile_high_value=True)
    assert fragile.insured and fragile.premium == Decimal("2.40")
    assert "fragile high-value" in fragile.reason.render("en")
