"""Zones, billed weight and freight come from the documented carriers' rules."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shipping.rates import freight, quote_for
from shipping.zones import billed_weight, volumetric_kg, zone_of
from tests.shipping.helpers import documented

SF = documented().carrier("SF")
SF_STANDARD = SF.services[0]


@pytest.mark.parametrize(
    ("province", "city", "zone"),
    [
        ("上海", "上海市", "same_province"),
        ("上海市", "", "same_province"),
        ("浙江省", "杭州市", "national"),
        ("新疆维吾尔自治区", "乌鲁木齐市", "remote"),
        ("西藏", "拉萨", "remote"),
        ("青海省", "西宁市", "remote"),
        ("内蒙古自治区", "呼伦贝尔市", "remote"),
        ("内蒙古自治区", "呼和浩特市", "national"),
    ],
)
def test_a_destination_falls_in_the_carriers_zone(province: str, city: str, zone: str) -> None:
    assert zone_of(SF, province, city) == zone


def test_sf_divides_volume_by_12000_within_the_province_and_6000_across() -> None:
    box = (400, 300, 200)  # 24,000 cm³
    assert volumetric_kg(SF, "same_province", box) == Decimal(2)
    assert volumetric_kg(SF, "national", box) == Decimal(4)
    assert billed_weight(SF, "national", box, Decimal("1.2")) == Decimal(4)
    assert billed_weight(SF, "national", box, Decimal("4.3")) == Decimal(5)
    assert billed_weight(SF, "same_province", (100, 100, 100), Decimal("0.2")) == Decimal(1)


def test_freight_is_first_weight_plus_each_extra_kg_per_zone() -> None:
    small = (200, 150, 100)
    assert freight(SF, SF_STANDARD, "same_province", small, Decimal("0.8")) == Decimal("12.00")
    assert freight(SF, SF_STANDARD, "national", small, Decimal("2.4")) == Decimal("30.00")
    assert freight(SF, SF_STANDARD, "remote", small, Decimal("3")) == Decimal("53.00")


def test_a_parcel_above_the_carriers_weight_limit_has_no_freight() -> None:
    assert freight(SF, SF_STANDARD, "national", (200, 150, 100), Decimal("31")) is None
    quote = quote_for(SF, SF_STANDARD, "national")
    assert quote((200, 150, 100), 0.5) == Decimal("18.00")
    assert quote((200, 150, 100), 40.0) is None
