"""The order state machine: every change of state is one call that checks the source state,
writes an audit event and, where the mall must know, an outbox event, in the caller's
transaction.
"""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy.orm import Session

from warehouse.audit import Actor, audit_row
from warehouse.errors import StateError
from warehouse.models import AuditEvent, Order
from warehouse.outbox import enqueue
from warehouse.states import OrderState
from warehouse.words import Words, register

RECEIVED, HELD, RELEASED = OrderState.RECEIVED, OrderState.HELD, OrderState.RELEASED
ALLOCATED, SHORT, PICKING = OrderState.ALLOCATED, OrderState.SHORT, OrderState.PICKING
PICKED, PACKING, PACKED = OrderState.PICKED, OrderState.PACKING, OrderState.PACKED
SHIPPED, CANCEL_REQUESTED = OrderState.SHIPPED, OrderState.CANCEL_REQUESTED
CANCELLED, REJECTED = OrderState.CANCELLED, OrderState.REJECTED
PARTIALLY_SHIPPED, DELIVERED = OrderState.PARTIALLY_SHIPPED, OrderState.DELIVERED

TRANSITIONS: dict[str, frozenset[str]] = {
    RECEIVED: frozenset({HELD, RELEASED, REJECTED, CANCELLED}),
    HELD: frozenset({RELEASED, REJECTED, CANCELLED}),
    RELEASED: frozenset({ALLOCATED, SHORT, HELD, CANCELLED}),
    ALLOCATED: frozenset({PICKING, RELEASED, SHORT, HELD, CANCELLED}),
    SHORT: frozenset({ALLOCATED, RELEASED, HELD, CANCELLED, PICKING, PICKED}),
    PICKING: frozenset({PICKED, SHORT, CANCEL_REQUESTED, CANCELLED}),
    PICKED: frozenset({PACKING, CANCEL_REQUESTED, CANCELLED}),
    PACKING: frozenset({PACKED, PICKED, CANCEL_REQUESTED, CANCELLED}),
    PACKED: frozenset({SHIPPED, PARTIALLY_SHIPPED, PACKING, CANCEL_REQUESTED, CANCELLED}),
    CANCEL_REQUESTED: frozenset(
        {CANCELLED, PICKING, PICKED, PACKING, PACKED, SHIPPED, PARTIALLY_SHIPPED}
    ),
    PARTIALLY_SHIPPED: frozenset({SHIPPED, DELIVERED}),
    SHIPPED: frozenset({DELIVERED}),
    DELIVERED: frozenset(),
    CANCELLED: frozenset(),
    REJECTED: frozenset(),
}
FINAL_STATES = frozenset({SHIPPED, DELIVERED, CANCELLED, REJECTED})
OPEN_STATES = frozenset(TRANSITIONS) - FINAL_STATES
WORK_STARTED = frozenset({PICKING, PICKED, PACKING, PACKED, CANCEL_REQUESTED})

# Progress the mall hears about (mall-contract: POST …/events).
PROGRESS_EVENTS: dict[str, str] = {PICKING: "PICKING_STARTED", PICKED: "PICKED", PACKED: "PACKED"}

STATE_NAMES: Mapping[str, Words] = register(
    {
        f"order_state.{state}": Words(en=str(state).replace("_", " "), zh=zh)
        for state, zh in {
            RECEIVED: "已接收",
            HELD: "挂起",
            RELEASED: "已放行",
            ALLOCATED: "已分配",
            SHORT: "缺货",
            PICKING: "拣货中",
            PICKED: "已拣货",
            PACKING: "打包中",
            PACKED: "已打包",
            SHIPPED: "已发货",
            PARTIALLY_SHIPPED: "部分发货",
            DELIVERED: "已签收",
            CANCEL_REQUESTED: "申请取消",
            CANCELLED: "已取消",
            REJECTED: "已拒绝",
        }.items()
    }
)


def state_name(state: str, language: str) -> str:
    """An order state as the operator reads it."""
    words = STATE_NAMES.get(f"order_state.{state}")
    return words.render(language) if words else state.replace("_", " ")


def can_transition(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())


def state_change_row(
    fo_id: str, current: str, target: str, actor: Actor, reason: str = ""
) -> dict[str, object]:
    """The audit row of one change of state (what :func:`transition` writes; intake's sets
    write the same rows in bulk)."""
    return audit_row(
        actor,
        "order.state",
        "order",
        fo_id,
        before={"state": current},
        after={"state": target},
        note=reason,
    )


def transition(
    session: Session,
    order: Order,
    target: str,
    actor: Actor,
    *,
    reason: str = "",
    notify: tuple[str, Mapping[str, object]] | None = None,
) -> None:
    """Move ``order`` to ``target``; ``notify`` = (outbox kind, body) for the mall.

    Progress events for picking, picked and packed are queued automatically.
    """
    current = order.state
    if current == target:
        return
    if not can_transition(current, target):
        raise StateError(
            f"Order {order.order_sn} is {current.replace('_', ' ')} and cannot become "
            f"{target.replace('_', ' ')}."
        )
    order.state = target
    if target == HELD:
        order.hold_reason = reason
    elif current == HELD:
        order.hold_reason = ""
    session.add(AuditEvent(**state_change_row(order.fo_id, current, target, actor, reason)))
    if notify is not None:
        enqueue(session, order.fo_id, notify[0], notify[1])
    if target in PROGRESS_EVENTS:
        enqueue(session, order.fo_id, "progress", {"event": PROGRESS_EVENTS[target]})
