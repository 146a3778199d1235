"""Zones and billed weight: what a carrier charges for, before its rate table."""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from warehouse.config_shipping import CarrierSettings, Zone


def _same(name: str, configured: str) -> bool:
    # "新疆" matches "新疆维吾尔自治区"; "内蒙古" matches "内蒙古自治区".
    return (
        bool(name)
        and bool(configured)
        and (name.startswith(configured) or configured.startswith(name))
    )


def zone_of(carrier: CarrierSettings, province: str, city: str = "") -> Zone:
    """The carrier's zone for a destination, seen from its origin province."""
    province, city = province.strip(), city.strip()
    if any(_same(province, p) for p in carrier.remote_provinces):
        return "remote"
    for entry in carrier.remote_cities:
        remote_province, _, remote_city = entry.partition("/")
        if _same(province, remote_province) and _same(city, remote_city):
            return "remote"
    if _same(province, carrier.origin_province):
        return "same_province"
    return "national"


def volumetric_kg(carrier: CarrierSettings, zone: Zone, dims_mm: tuple[int, int, int]) -> Decimal:
    """Volumetric weight: the outer volume in cm³ over the carrier's divisor for the zone."""
    length, width, height = dims_mm
    volume_cm3 = Decimal(length * width * height) / Decimal(1000)
    return volume_cm3 / Decimal(carrier.volumetric_divisor[zone])


def round_up(weight: Decimal, step: Decimal) -> Decimal:
    """``weight`` rounded up to a multiple of ``step`` (never below one step)."""
    steps = (weight / step).to_integral_value(rounding=ROUND_CEILING)
    return max(steps, Decimal(1)) * step


def billed_weight(
    carrier: CarrierSettings, zone: Zone, dims_mm: tuple[int, int, int], actual_kg: Decimal
) -> Decimal:
    """The greater of actual and volumetric weight, rounded up to the carrier's step."""
    heavier = max(Decimal(actual_kg), volumetric_kg(carrier, zone, dims_mm))
    return round_up(heavier, carrier.weight_step_kg)
