"""A supervisor and the payloads set aside: look inside one (audited: it holds receiver
data), read it again after a fix (a newer adapter, a merchant added), or give up on it
(``sync.supervision.close_set_aside``)."""

from __future__ import annotations

import json
from dataclasses import replace

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.contract import OrderSnapshot
from sync.intake import IntakeContext, apply_snapshot
from sync.quarantine import open_raw, unreadable
from sync.supervision import SetAsideOrder, set_aside_orders
from warehouse.audit import Actor, record
from warehouse.errors import NotFound, WarehouseError
from warehouse.models import Order, QuarantinedOrder
from warehouse.pii import ReceiverCipher
from warehouse.users import require_role
from warehouse.words import encode, render_all


def set_aside_for(session: Session, actor: Actor, language: str) -> list[SetAsideOrder]:
    require_role(session, actor, "supervisor")
    return set_aside_orders(session, language)


def _open_entry(session: Session, entry_id: int) -> QuarantinedOrder:
    entry = session.get(QuarantinedOrder, entry_id, with_for_update=True)
    if entry is None or entry.state != "open":
        raise NotFound(f"There is no open set-aside order {entry_id}.")
    return entry


def show_payload(session: Session, actor: Actor, entry_id: int, cipher: ReceiverCipher) -> str:
    """The payload as received; the look is audited."""
    require_role(session, actor, "supervisor")
    entry = _open_entry(session, entry_id)
    record(session, actor, "quarantine.view", "quarantined_order", entry_id)
    return open_raw(entry, cipher)


def read_again(session: Session, actor: Actor, entry_id: int, context: IntakeContext) -> list[str]:
    """Read the payload as the intake does now; if it is an order, apply it and close the
    entry (what the intake did), else refuse with the reason it still fails (entry kept)."""
    require_role(session, actor, "supervisor")
    entry = _open_entry(session, entry_id)
    raw = json.loads(open_raw(entry, context.cipher))
    try:
        snapshot = OrderSnapshot.model_validate(raw)
    except ValidationError as exc:
        reason = render_all(encode([unreadable(raw, exc)]), "en")
        raise WarehouseError(f"Still unreadable: {reason}") from None
    context = replace(context, merchants={}, sku_ids={})
    existing = {
        o.fo_id: o for o in session.scalars(select(Order).where(Order.fo_id == snapshot.fo_id))
    }
    context.prefetch(session, [snapshot])
    with session.begin_nested():
        outcome = apply_snapshot(session, snapshot, existing, context)
    entry.state = "closed"
    record(
        session,
        actor,
        "quarantine.read_again",
        "quarantined_order",
        entry_id,
        after={"outcome": outcome},
    )
    return outcome
