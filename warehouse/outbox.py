"""Messages to the mall, written in the transaction of the change they report.

The sync worker (``sync.pusher``) delivers them with ``event_id`` as the Idempotency-Key.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from warehouse.bulk import insert_many
from warehouse.models import OutboxEvent

KINDS = frozenset(
    {
        "accept",
        "reject",
        "progress",
        "shortage",
        "shipment",
        "cancellation",
        "supplier_request",
        "return_outcome",
        "stock_levels",
        "tracking",
    }
) | frozenset(
    # a supervisor's decisions (sync/contract_resolutions.py)
    {"transfer_request", "restock_promise", "substitute_offer", "address_correction"}
)


def outbox_row(fo_id: str, kind: str, body: Mapping[str, object]) -> dict[str, object]:
    """The column values of one message; ``event_id`` and ``occurred_at`` join the body."""
    if kind not in KINDS:
        raise ValueError(f"unknown outbox kind {kind!r}")
    event_id = str(uuid.uuid4())
    payload: dict[str, object] = {
        "event_id": event_id,
        "occurred_at": datetime.now(UTC).isoformat(timespec="seconds"),
        **body,
    }
    return {"event_id": event_id, "fo_id": fo_id, "kind": kind, "payload": payload}


def enqueue(session: Session, fo_id: str, kind: str, body: Mapping[str, object]) -> OutboxEvent:
    """Queue one message; ``event_id`` and ``occurred_at`` are added to the body."""
    event = OutboxEvent(**outbox_row(fo_id, kind, body))
    session.add(event)
    return event


def enqueue_many(session: Session, rows: Sequence[Mapping[str, object]]) -> None:
    """Queue many :func:`outbox_row` messages in one statement, in the order given."""
    if rows:
        insert_many(session, OutboxEvent, rows)
