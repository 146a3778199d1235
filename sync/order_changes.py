"""What a newer version of an order from the mall does to the warehouse's copy.

Cancellation before picking cancels and gives stock back; after picking started the warehouse
accepts, and picked goods go back to their shelves through put-back tasks; after shipping it
answers ``REJECT ALREADY_SHIPPED``. Quantity changes and substitutions update open work.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.orm import Session

from sync.contract import OrderSnapshot
from sync.messages import stored
from sync.shortage_resolutions import close_answered
from sync.stock_effects import (
    create_put_back_tasks,
    release_line_reservations,
    release_order_reservations,
    take_off_carts,
)
from warehouse.audit import Actor, record
from warehouse.models import Order, OrderLine, OutboxEvent
from warehouse.orders import (
    ALLOCATED,
    CANCELLED,
    FINAL_STATES,
    HELD,
    RECEIVED,
    RELEASED,
    SHIPPED,
    SHORT,
    transition,
)
from warehouse.outbox import enqueue
from warehouse.states import OrderState
from warehouse.users import require_role
from warehouse.words import Message, decode

BEFORE_PICKING = frozenset({RECEIVED, HELD, RELEASED, ALLOCATED, SHORT})


def drop_pending_events(session: Session, fo_id: str, kinds: tuple[str, ...], why: str) -> int:
    """Pending pushes the mall no longer wants (e.g. an accept for an order it cancelled)."""
    result = session.execute(
        update(OutboxEvent)
        .where(
            OutboxEvent.fo_id == fo_id, OutboxEvent.state == "pending", OutboxEvent.kind.in_(kinds)
        )
        .values(state="dropped", last_error=why)
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def cancel_order(session: Session, order: Order, actor: Actor, *, answer: bool, reason: str) -> str:
    """Cancel locally; ``answer`` queues the cancellation ACCEPT the mall waits for.

    Returns ``cancelled`` or ``cancelled_put_back`` (picked goods must go back).
    The mall's decision, applied by intake: system work only (or an admin's).
    """
    require_role(session, actor, system=True)
    started = order.state not in BEFORE_PICKING
    if started:
        create_put_back_tasks(session, order, f"cancelled by the mall: {reason}")
    take_off_carts(session, actor, order)
    release_order_reservations(session, order)
    notify = ("cancellation", {"decision": "ACCEPT"}) if answer else None
    transition(session, order, CANCELLED, actor, reason=reason, notify=notify)
    if not answer:
        # Cancelled outright: the mall never applied our accept (it would have sent a request
        # instead) and will refuse everything pending for this order. After a request nothing
        # is dropped: a pending message may already have been applied (the worker died before
        # marking it sent), and sending it again is answered as a duplicate.
        drop_pending_events(
            session,
            order.fo_id,
            ("accept", "progress", "shortage", "shipment", "reject"),
            "the order was cancelled at the mall",
        )
    return "cancelled_put_back" if started else "cancelled"


def answer_cancel_request(session: Session, order: Order, actor: Actor) -> str:
    """The mall asks to cancel an accepted order; the warehouse decides by its own state.
    Intake's work (system only, or an admin's)."""
    require_role(session, actor, system=True)
    order.cancel_requested = True
    if order.state in (SHIPPED, OrderState.PARTIALLY_SHIPPED, OrderState.DELIVERED):
        enqueue(
            session,
            order.fo_id,
            "cancellation",
            {"decision": "REJECT", "reason": "ALREADY_SHIPPED"},
        )
        record(session, actor, "order.cancel_refused", "order", order.fo_id, note="already shipped")
        return "cancel_refused"
    if order.state in FINAL_STATES:
        return "ignored"
    return cancel_order(
        session, order, actor, answer=True, reason="the buyer cancelled at the mall"
    )


def _differing(order: Order, snapshot: OrderSnapshot) -> list[str]:
    current = {line.line_id: line for line in order.lines if not line.cancelled}
    wanted = {line.line_id: line for line in snapshot.lines}
    return sorted(
        line_id
        for line_id in current.keys() | wanted.keys()
        if line_id not in current
        or line_id not in wanted
        or (current[line_id].qty, current[line_id].sku_code)
        != (wanted[line_id].qty, wanted[line_id].sku_code)
    )


def replace_lines(
    session: Session, order: Order, snapshot: OrderSnapshot, sku_ids: dict[str, int], actor: Actor
) -> bool:
    """Apply a quantity change or substitution; returns True if any line differed.

    Before picking, changed lines give their stock back and the order goes back to the
    allocation queue. Once work has started (picking, packing, shipped) the floor's work is
    left as it is and the order carries a warning for a supervisor, who decides (a later
    shipment the mall refuses is shown to the supervisor too). Intake's work (system only).
    """
    require_role(session, actor, system=True)
    differing = _differing(order, snapshot)
    if not differing:
        return False
    record(
        session,
        actor,
        "order.lines_changed",
        "order",
        order.fo_id,
        after={"lines": differing, "applied": order.state in BEFORE_PICKING},
        note=f"mall version {snapshot.version}",
    )
    close_answered(session, actor, order, differing)
    if order.state not in BEFORE_PICKING:
        note = Message.of("order.lines_changed_after_start", lines=", ".join(differing))
        warnings = decode(order.warnings)
        if note not in warnings:
            order.warnings = stored([*warnings, note])
        return True
    current = {line.line_id: line for line in order.lines}
    wanted = {line.line_id: line for line in snapshot.lines}
    for line_id in differing:
        line, new = current.get(line_id), wanted.get(line_id)
        if line is None and new is not None:
            order.lines.append(
                OrderLine(
                    line_id=line_id,
                    sku_code=new.sku_code,
                    name=new.name,
                    qty=new.qty,
                    unit_price=new.unit_price,
                    sku_id=sku_ids.get(new.sku_code),
                )
            )
            continue
        assert line is not None
        release_line_reservations(session, line)
        if new is None:
            line.cancelled = True
        else:
            line.qty, line.sku_code, line.name = new.qty, new.sku_code, new.name
            line.unit_price, line.cancelled = new.unit_price, False
            line.sku_id = sku_ids.get(new.sku_code)
    if order.state in (ALLOCATED, SHORT):
        transition(session, order, RELEASED, actor, reason="lines changed by the mall")
    return True
