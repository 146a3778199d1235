"""Insurance (保价): which parcels are insured, and the premium from the carrier's schedule."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from warehouse.config_shipping import InsuranceSettings
from warehouse.words import Message

CENT = Decimal("0.01")


@dataclass(frozen=True)
class InsuranceDecision:
    insured: bool
    declared_value: Decimal
    """The value insured (zero when the parcel is not insured)."""
    premium: Decimal
    reason: Message


def premium(schedule: InsuranceSettings, declared: Decimal, *, fragile: bool = False) -> Decimal:
    """The premium for ``declared`` RMB: the fragile rate, else the tier, else the rate."""
    declared = Decimal(declared)
    if declared <= 0:
        return Decimal("0.00")
    if fragile and schedule.fragile_rate is not None:
        amount = declared * schedule.fragile_rate
    else:
        tier = next((t for t in schedule.tiers if declared <= t.up_to), None)
        amount = tier.premium if tier is not None else declared * schedule.rate
    return max(amount, schedule.min_premium).quantize(CENT, rounding=ROUND_HALF_UP)


def insurance_for(
    schedule: InsuranceSettings,
    declared_value: Decimal,
    *,
    fragile: bool = False,
    fragile_high_value: bool = False,
) -> InsuranceDecision:
    """Insure above the schedule's threshold, or whenever fragile high-value goods are inside.

    ``fragile`` says the parcel holds fragile goods (their premium rate applies);
    ``fragile_high_value`` that one of them is also high value.
    """
    declared = Decimal(declared_value).quantize(CENT, rounding=ROUND_HALF_UP)
    if fragile_high_value and declared > 0:
        reason = Message.of("shipping.insured_fragile_high_value", value=str(declared))
    elif declared > schedule.insure_above:
        reason = Message.of(
            "shipping.insured_above", value=str(declared), limit=str(schedule.insure_above)
        )
    else:
        reason = Message.of(
            "shipping.not_insured", value=str(declared), limit=str(schedule.insure_above)
        )
        return InsuranceDecision(False, Decimal("0.00"), Decimal("0.00"), reason)
    return InsuranceDecision(True, declared, premium(schedule, declared, fragile=fragile), reason)
