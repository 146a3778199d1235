"""What a supervisor sees and does about sync problems: refused messages and set-aside orders.

Plain service functions for the supervisor screens (they take a session and an actor, return
plain values, and leave an audit event for every decision).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.pusher import DELIVERABLE
from warehouse.audit import Actor, record
from warehouse.errors import NotFound, StateError
from warehouse.models import OutboxEvent, QuarantinedOrder, utcnow
from warehouse.users import require_role
from warehouse.words import render_all


@dataclass(frozen=True)
class RefusedMessage:
    event_id: str
    fo_id: str
    kind: str
    reason: str
    """The mall's answer as a sentence (e.g. the order is cancelled there)."""
    attempts: int
    created_at: datetime


@dataclass(frozen=True)
class SetAsideOrder:
    id: int
    fo_id: str
    version: int | None
    reason: str
    received_at: datetime


def refused_messages(session: Session) -> list[RefusedMessage]:
    """Messages the mall refused (409, 422, 404), newest first."""
    rows = session.scalars(
        select(OutboxEvent).where(OutboxEvent.state == "failed").order_by(OutboxEvent.id.desc())
    )
    return [
        RefusedMessage(e.event_id, e.fo_id, e.kind, e.last_error, e.attempts, e.created_at)
        for e in rows
    ]


def refused_for(session: Session, actor: Actor) -> list[RefusedMessage]:
    """:func:`refused_messages` for a supervisor's screen (others are refused)."""
    require_role(session, actor, "supervisor")
    return refused_messages(session)


def set_aside_orders(session: Session, language: str = "en") -> list[SetAsideOrder]:
    """Payloads from the mall that could not be read, still open, newest first; the reason
    rendered in ``language``."""
    rows = session.scalars(
        select(QuarantinedOrder)
        .where(QuarantinedOrder.state == "open")
        .order_by(QuarantinedOrder.id.desc())
    )
    return [
        SetAsideOrder(q.id, q.fo_id, q.version, render_all(q.reason, language), q.received_at)
        for q in rows
    ]


def _refused(session: Session, event_id: str) -> OutboxEvent:
    event = session.scalars(
        select(OutboxEvent).where(OutboxEvent.event_id == event_id).with_for_update()
    ).first()
    if event is None:
        raise NotFound(f"There is no message {event_id}.")
    if event.state != "failed":
        raise StateError(f"Message {event_id} is {event.state}, not refused.")
    return event


def send_again(session: Session, event_id: str, actor: Actor) -> None:
    """After the cause is fixed at the mall: send the same message again, same key."""
    require_role(session, actor, "supervisor")
    event = _refused(session, event_id)
    if event.kind not in DELIVERABLE:
        raise StateError(f"Message {event_id} is not one the mall takes.")
    event.state, event.next_attempt_at = "pending", utcnow()
    record(session, actor, "outbox.send_again", "outbox_event", event_id, note=event.last_error)


def give_up(session: Session, event_id: str, actor: Actor, note: str = "") -> None:
    """The message is no longer wanted (the mall already knows better)."""
    require_role(session, actor, "supervisor")
    event = _refused(session, event_id)
    event.state = "dropped"
    record(
        session, actor, "outbox.give_up", "outbox_event", event_id, note=note or event.last_error
    )


def close_set_aside(session: Session, entry_id: int, actor: Actor, note: str) -> None:
    """The supervisor has dealt with an unreadable payload (e.g. the mall fixed and resent it)."""
    require_role(session, actor, "supervisor")
    entry = session.get(QuarantinedOrder, entry_id)
    if entry is None or entry.state != "open":
        raise NotFound(f"There is no open set-aside order {entry_id}.")
    entry.state = "closed"
    record(session, actor, "quarantine.close", "quarantined_order", entry_id, note=note)
