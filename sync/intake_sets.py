"""New orders of a page as one set: decided in memory, written with one statement per table.

Public API: :func:`store_new_orders`.

Most of a peak day's feed is orders the warehouse has not seen. For those — the page's first
copy of each ``fo_id`` not stored yet, of a merchant the warehouse knows — the rules of
:func:`sync.intake.apply_snapshot` for a new order are applied in memory (the intake checks;
held with its reasons, or released with its priority and an ``accept`` queued; cancelled;
imported as shipped), and the orders, their lines, their audit rows and their outbox
messages are written with one statement each (``warehouse.bulk``) in one savepoint.

Everything else on the page goes one by one after the set, in page order, as before: a newer
version of a stored order, a second copy of an order on the same page (it finds the set's
row), the first order of a merchant not seen before, and an order that cannot even be
decided in memory. If the database refuses the set, its savepoint is rolled back and its
orders go one by one as well, each in a savepoint of its own, so one bad order costs itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from sync.contract import OrderSnapshot
from sync.intake import IntakeContext, line_fields, order_fields
from sync.intake_checks import check_intake
from warehouse.audit import audit_row, record_many
from warehouse.bulk import among, insert_many, insert_returning
from warehouse.models import Merchant, Order, OrderLine
from warehouse.orders import CANCELLED, HELD, RECEIVED, RELEASED, SHIPPED, state_change_row
from warehouse.outbox import enqueue_many, outbox_row
from warehouse.priority import recompute_priority
from warehouse.users import require_role

Item = tuple[Any, OrderSnapshot]
"""One item of a page: the raw payload and the snapshot read from it."""


@dataclass
class _NewOrder:
    """One new order decided in memory: its rows and what happened (``new``, ``held``...)."""

    position: int
    fo_id: str
    row: dict[str, Any]
    lines: list[dict[str, Any]]
    audits: list[dict[str, object]]
    messages: list[dict[str, object]]
    outcome: list[str]


def store_new_orders(
    session: Session, items: list[Item], existing: dict[str, Order], context: IntakeContext
) -> tuple[list[list[str]], list[Item]]:
    """Store the page's new orders as one set; returns what happened to each order stored
    (``new``, ``released``...) and the items left for one by one, in page order.

    ``existing``: the page's stored orders by ``fo_id`` (locked by the caller); orders of
    the set that appear again on the page are added to it. Intake's work (system only)."""
    require_role(session, context.actor, system=True)
    seen: set[str] = set()
    decided: list[_NewOrder] = []
    for position, (_raw, snapshot) in enumerate(items):
        first = snapshot.fo_id not in seen
        seen.add(snapshot.fo_id)
        merchant = context.merchants.get(snapshot.merchant.id)
        if not first or snapshot.fo_id in existing or merchant is None:
            continue
        try:
            decided.append(_decide(position, snapshot, merchant, context))
        except (ValueError, OverflowError):
            continue  # one by one, where it is refused alone with its reason
    if decided:
        try:
            with session.begin_nested():
                _write(session, decided)
        except (SQLAlchemyError, ValueError, OverflowError):
            decided = []  # one by one: the order the database refuses costs only itself
    stored = {order.position for order in decided}
    rest = [item for position, item in enumerate(items) if position not in stored]
    again = {s.fo_id for _, s in rest} & {order.fo_id for order in decided}
    if again:
        query = (
            select(Order)
            .where(among(session, Order.fo_id, again))
            .options(selectinload(Order.lines))
        )
        existing.update((order.fo_id, order) for order in session.scalars(query))
    return [order.outcome for order in decided], rest


def _decide(
    position: int, snapshot: OrderSnapshot, merchant: Merchant, context: IntakeContext
) -> _NewOrder:
    """A new order's rows by the rules of ``apply_snapshot`` (``order is None``)."""
    actor, fo_id = context.actor, snapshot.fo_id
    sku_ids = context.sku_map(merchant, snapshot)
    fields = order_fields(snapshot, context)
    row: dict[str, Any] = {
        "fo_id": fo_id,
        "merchant_id": merchant.id,
        **fields,
        "state": RECEIVED,
        "hold_reason": "",
        "warnings": "",
        "priority": 0,
    }
    new = _NewOrder(position, fo_id, row, line_fields(snapshot, sku_ids), [], [], ["new"])
    if snapshot.state in ("cancelled", "rejected"):
        row["state"] = CANCELLED
        reason = f"{snapshot.state} at the mall"
        new.audits.append(state_change_row(fo_id, RECEIVED, CANCELLED, actor, reason))
        new.outcome.append("cancelled")
        return new
    if snapshot.state in ("shipped", "partially_shipped"):
        row["state"] = SHIPPED  # history from an import: nothing left to do here
        after = {"state": SHIPPED, "mall_state": snapshot.state}
        new.audits.append(audit_row(actor, "order.imported", "order", fo_id, after=after))
        return new
    decision = check_intake(snapshot, known_skus=sku_ids)
    row["warnings"] = decision.stored_warnings
    if not decision.release:
        row["state"], row["hold_reason"] = HELD, decision.stored_holds
        new.audits.append(state_change_row(fo_id, RECEIVED, HELD, actor, decision.stored_holds))
        new.outcome.append("held")
        return new
    row["state"] = RELEASED
    reason = f"intake checks passed (mall version {snapshot.version})"
    new.audits.append(state_change_row(fo_id, RECEIVED, RELEASED, actor, reason))
    if snapshot.state == "requested":  # not accepted at the mall yet
        new.messages.append(outbox_row(fo_id, "accept", {}))
    row["priority"] = recompute_priority(_as_order(row), context.settings)
    new.outcome.append("released")
    return new


def _as_order(row: dict[str, Any]) -> Order:
    """A transient order (never added to the session) with what its priority depends on."""
    return Order(
        expedited=row["expedited"],
        gift=row["gift"],
        holiday=False,
        due_at=row["due_at"],
        carrier_code="",
        priority_override=None,
    )


def _write(session: Session, orders: list[_NewOrder]) -> None:
    """The set's orders, lines, audit rows and outbox messages: one statement each."""
    ids = dict(insert_returning(session, Order, [o.row for o in orders], "fo_id", "id"))
    insert_many(
        session, OrderLine, [{**line, "order_id": ids[o.fo_id]} for o in orders for line in o.lines]
    )
    record_many(session, [audit for o in orders for audit in o.audits])
    enqueue_many(session, [message for o in orders for message in o.messages])
