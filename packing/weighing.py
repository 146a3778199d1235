"""The weight check: what a parcel should weigh, whether the scale agrees, and reading a
typed or keyboard-wedged weight. Pure functions; the serial scale is in :mod:`packing.scale`."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from packing.errors import WEIGHT_UNREADABLE, PackingError
from warehouse.words import Message

GRAM = Decimal("0.001")
TO_KG = {"kg": Decimal(1), "g": Decimal("0.001"), "lb": Decimal("0.45359237")}
TYPED = re.compile(r"^\s*(?P<value>[-+]?\d+(?:[.,]\d+)?)\s*(?P<unit>kg|g|lb)?\s*$", re.IGNORECASE)


def kg(value: Decimal | float | int | str) -> Decimal:
    return Decimal(str(value)).quantize(GRAM, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class ExpectedWeight:
    items_kg: Decimal
    box_kg: Decimal
    filler_kg: Decimal

    @property
    def total_kg(self) -> Decimal:
        return self.items_kg + self.box_kg + self.filler_kg


def expected_weight(
    units: Iterable[tuple[Decimal, int]], *, box_kg: Decimal | float, filler_kg: Decimal | float
) -> ExpectedWeight:
    """Items (unit weight from the SKU master × count) plus the empty box plus its filler."""
    items = sum((Decimal(str(w)) * n for w, n in units), Decimal(0))
    return ExpectedWeight(kg(items), kg(box_kg), kg(filler_kg))


@dataclass(frozen=True)
class WeightCheck:
    expected_kg: Decimal
    actual_kg: Decimal
    difference_kg: Decimal
    """Actual minus expected: positive when the parcel is heavier."""
    tolerance_kg: Decimal
    within: bool
    message: Message


def tolerance(expected_kg: Decimal, *, tolerance_kg: float, tolerance_pct: float) -> Decimal:
    """The larger of the absolute tolerance and the percentage of the expected weight."""
    share = Decimal(str(expected_kg)) * Decimal(str(tolerance_pct)) / Decimal(100)
    return kg(max(Decimal(str(tolerance_kg)), share))


def check_weight(
    expected_kg: Decimal, actual_kg: Decimal, *, tolerance_kg: float, tolerance_pct: float
) -> WeightCheck:
    """Whether the scale's weight is close enough to the expected one to close the parcel."""
    expected, actual = kg(expected_kg), kg(actual_kg)
    allowed = tolerance(expected, tolerance_kg=tolerance_kg, tolerance_pct=tolerance_pct)
    difference = actual - expected
    within = abs(difference) <= allowed
    if within:
        message = Message.of(
            "packing.weight_ok", actual=str(actual), expected=str(expected), tolerance=str(allowed)
        )
    else:
        message = Message.of(
            "packing.weight_off",
            actual=str(actual),
            expected=str(expected),
            difference=f"{difference:+}",
        )
    return WeightCheck(expected, actual, difference, allowed, within, message)


def to_kg(value: str, unit: str | None, default_unit: str) -> Decimal:
    number = Decimal(value.replace(" ", "").replace(",", "."))
    return kg(number * TO_KG[(unit or default_unit).lower()])


def parse_weight(text: str, *, default_unit: str = "kg") -> Decimal:
    """A typed or keyboard-wedged weight: ``1.234``, ``1,234 kg``, ``1234 g``, ``2.5lb``."""
    match = TYPED.match(text)
    if match is None:
        raise PackingError.of(WEIGHT_UNREADABLE, text=text.strip()[:40])
    try:
        weight = to_kg(match["value"], match["unit"], default_unit)
    except (InvalidOperation, KeyError):
        raise PackingError.of(WEIGHT_UNREADABLE, text=text.strip()[:40]) from None
    if weight < 0:
        raise PackingError.of(WEIGHT_UNREADABLE, text=text.strip()[:40])
    return weight
