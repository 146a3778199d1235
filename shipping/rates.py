"""Freight from the configured rate tables, and a plain quote callable for cartonization."""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_HALF_UP, Decimal

from shipping.zones import billed_weight, round_up
from warehouse.config_shipping import CarrierSettings, RateSettings, ServiceSettings, Zone

CENT = Decimal("0.01")
FreightQuote = Callable[[tuple[int, int, int], float], Decimal | None]
"""Freight for a parcel of outer dimensions (mm) and actual weight (kg), or None if refused."""


def rate_cost(rate: RateSettings, billed_kg: Decimal, step: Decimal) -> Decimal:
    """First weight at its price, each further step at ``extra_per_kg`` per kg."""
    extra = max(Decimal(0), billed_kg - rate.first_kg)
    if extra:
        extra = round_up(extra, step)
    return (rate.first + extra * rate.extra_per_kg).quantize(CENT, rounding=ROUND_HALF_UP)


def freight(
    carrier: CarrierSettings,
    service: ServiceSettings,
    zone: Zone,
    dims_mm: tuple[int, int, int],
    actual_kg: Decimal,
) -> Decimal | None:
    """The freight of one parcel, or None when this service does not take it."""
    rate = service.rates.get(zone)
    if rate is None:
        return None
    billed = billed_weight(carrier, zone, dims_mm, actual_kg)
    if billed > Decimal(str(carrier.max_weight_kg)):
        return None
    return rate_cost(rate, billed, carrier.weight_step_kg)


def quote_for(carrier: CarrierSettings, service: ServiceSettings, zone: Zone) -> FreightQuote:
    """A plain callable the box chooser uses, so that packing does not know any carrier."""

    def quote(dims_mm: tuple[int, int, int], actual_kg: float) -> Decimal | None:
        return freight(carrier, service, zone, dims_mm, Decimal(str(round(actual_kg, 3))))

    return quote
