"""Packing materials a parcel uses, by the site's rules, recorded for the merchant's statement.

Public API
----------
``materials_used(rules, units, gift) -> dict[str, int]``
    What one parcel uses: ``units`` are ``(qty, fragile, high_value)`` per line in the parcel,
    ``gift`` whether its order is a gift. A material named by several rules adds them up.
``record_materials(session, actor, fo_id, tracking_no, used) -> int``
    One ``pack.material`` audit event per material (``after``: material, qty, parcel), the
    events the statement counts (``warehouse.reports.statement``); returns how many.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from sqlalchemy.orm import Session

from warehouse.audit import Actor, record
from warehouse.config_shipping import MaterialSettings
from warehouse.reports.statement import MATERIAL_ACTION

Unit = tuple[int, bool, bool]
"""Quantity of one line in the parcel, and whether its SKU is fragile and high-value."""


def materials_used(
    rules: Sequence[MaterialSettings], units: Iterable[Unit], gift: bool
) -> dict[str, int]:
    lines = list(units)
    counts = {
        "parcel": 1,
        "unit": sum(qty for qty, _, _ in lines),
        "fragile_unit": sum(qty for qty, fragile, _ in lines if fragile),
        "high_value_parcel": int(any(high and qty for qty, _, high in lines)),
        "gift_parcel": int(gift),
    }
    used: dict[str, int] = {}
    for rule in rules:
        times = counts[rule.per]
        if times:
            used[rule.code] = used.get(rule.code, 0) + times * rule.qty
    return used


def record_materials(
    session: Session, actor: Actor, fo_id: str, tracking_no: str, used: Mapping[str, int]
) -> int:
    for code, qty in sorted(used.items()):
        record(
            session,
            actor,
            MATERIAL_ACTION,
            "order",
            fo_id,
            after={"material": code, "qty": qty, "parcel": tracking_no},
        )
    return len(used)
