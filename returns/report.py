"""Return analytics: return rate and reasons per SKU, merchant and carrier (damaged in
transit), grades, days from delivery to return, and the SKUs whose damage rate suggests
better packing. Read-only; the supervisor screen and ``wms returns report --csv`` show it."""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warehouse.config_returns import ReturnsSettings
from warehouse.models import Merchant, Order, OrderLine, ReturnRequest, ReturnUnit, Sku
from warehouse.states import OrderState


@dataclass
class Row:
    section: str
    """``sku``, ``merchant`` or ``carrier``."""
    name: str
    shipped: int = 0
    returned: int = 0
    grades: Counter[str] = field(default_factory=Counter)
    reasons: Counter[str] = field(default_factory=Counter)
    days: list[int] = field(default_factory=list)
    better_packing: bool = False

    @property
    def rate(self) -> float:
        return self.returned / self.shipped if self.shipped else 0.0

    @property
    def damage_rate(self) -> float:
        return self.grades["C"] / self.returned if self.returned else 0.0

    @property
    def mean_days(self) -> float | None:
        return sum(self.days) / len(self.days) if self.days else None


def report(session: Session, settings: ReturnsSettings) -> list[Row]:
    rows: dict[tuple[str, str], Row] = {}

    def row(section: str, name: str) -> Row:
        return rows.setdefault((section, name), Row(section, name))

    shipped = session.execute(
        select(Sku.code, Merchant.mall_id, Order.carrier_code, func.sum(OrderLine.packed))
        .join(Order, OrderLine.order_id == Order.id)
        .join(Sku, OrderLine.sku_id == Sku.id)
        .join(Merchant, Order.merchant_id == Merchant.id)
        .where(Order.state == OrderState.SHIPPED)
        .group_by(Sku.code, Merchant.mall_id, Order.carrier_code)
    )
    for sku, merchant, carrier, units in shipped:
        for section, name in (
            ("sku", f"{merchant}/{sku}"),
            ("merchant", merchant),
            ("carrier", carrier or "-"),
        ):
            row(section, name).shipped += int(units or 0)
    graded = session.execute(
        select(ReturnUnit, ReturnRequest, Sku.code, Merchant.mall_id, Order.carrier_code)
        .join(ReturnRequest, ReturnUnit.return_id == ReturnRequest.id)
        .outerjoin(Sku, ReturnUnit.sku_id == Sku.id)
        .outerjoin(Merchant, ReturnRequest.merchant_id == Merchant.id)
        .outerjoin(Order, ReturnRequest.order_id == Order.id)
    )
    for unit, request, sku, merchant, carrier in graded:
        names = [("merchant", merchant or "-"), ("carrier", carrier or "-")]
        if sku is not None:
            names.insert(0, ("sku", f"{merchant}/{sku}"))
        days = None
        came = request.received_at or request.requested_at
        if request.delivered_at is not None and came is not None:
            days = max(0, (came - request.delivered_at).days)
        for section, name in names:
            entry = row(section, name)
            entry.returned += 1
            entry.grades[unit.grade] += 1
            entry.reasons[unit.reason or request.reason[:24] or request.kind] += 1
            if days is not None:
                entry.days.append(days)
    for entry in rows.values():
        entry.better_packing = (
            entry.section == "sku"
            and entry.returned > 0
            and entry.damage_rate >= settings.damage_rate_alert
        )
    return sorted(rows.values(), key=lambda r: (r.section, -r.returned, r.name))


HEADER = [
    "section",
    "name",
    "shipped",
    "returned",
    "return_rate",
    "grade_a",
    "grade_b",
    "grade_c",
    "grade_d",
    "damage_rate",
    "mean_days_to_return",
    "top_reasons",
    "better_packing",
]


def to_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    for r in rows:
        mean = r.mean_days
        writer.writerow(
            [
                r.section,
                r.name,
                r.shipped,
                r.returned,
                f"{r.rate:.3f}",
                r.grades["A"],
                r.grades["B"],
                r.grades["C"],
                r.grades["D"],
                f"{r.damage_rate:.3f}",
                "" if mean is None else f"{mean:.1f}",
                "; ".join(f"{k} {n}" for k, n in r.reasons.most_common(3)),
                "yes" if r.better_packing else "",
            ]
        )
    return out.getvalue()


def by_section(rows: list[Row]) -> dict[str, list[Row]]:
    grouped: dict[str, list[Row]] = defaultdict(list)
    for r in rows:
        grouped[r.section].append(r)
    return grouped
