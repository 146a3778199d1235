"""Do the order's amounts agree? Line totals, discounts, shipping fee, what is paid or collected.

``Σ(qty × unit_price − line discount) − order discount + shipping fee`` must equal the amount
to collect on delivery (COD) or, when the mall states it, the amount the buyer paid online.
A difference holds the order with a reason naming the amounts (pure function).
"""

from __future__ import annotations

from decimal import Decimal

from sync.contract import OrderSnapshot

TOLERANCE = Decimal("0.00")
"""Amounts are exact to the cent."""


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def expected_total(order: OrderSnapshot) -> tuple[Decimal, Decimal, Decimal]:
    """(line totals before discounts, all discounts, what the buyer owes)."""
    gross = sum((line.unit_price * line.qty for line in order.lines), Decimal(0))
    discounts = sum((line.discount for line in order.lines), Decimal(0)) + order.payment.discount
    return gross, discounts, gross - discounts + order.payment.shipping_fee


def check_amounts(order: OrderSnapshot) -> list[tuple[str, dict[str, str]]]:
    """Hold reasons (message key, parameters) when the amounts do not agree."""
    reasons: list[tuple[str, dict[str, str]]] = []
    for line in order.lines:
        line_gross = line.unit_price * line.qty
        if line.discount > line_gross:
            reasons.append(
                (
                    "intake.amount.line_discount",
                    {
                        "line": line.line_id,
                        "discount": _money(line.discount),
                        "gross": _money(line_gross),
                    },
                )
            )
    gross, discounts, expected = expected_total(order)
    payment = order.payment
    if payment.kind == "cod":
        key, stated = "intake.amount.cod_mismatch", payment.cod_amount
        if stated is None or stated <= 0:
            return reasons  # "no amount to collect" is its own reason
    else:
        key, stated = "intake.amount.paid_mismatch", payment.amount_paid
        if stated is None:
            return reasons
    if abs(stated - expected) > TOLERANCE:
        reasons.append(
            (
                key,
                {
                    "lines": _money(gross),
                    "discounts": _money(discounts),
                    "shipping": _money(payment.shipping_fee),
                    "expected": _money(expected),
                    "stated": _money(stated),
                },
            )
        )
    return reasons
