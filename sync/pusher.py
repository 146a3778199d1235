"""Delivers the outbox to the mall, in order per order, each event exactly once in effect.

An event is sent with ``Idempotency-Key = event_id`` and marked sent in its own short
transaction after the mall answered; a process killed in between sends it again on restart
and the mall answers ``duplicate: true``. 409 and 422 mark the event ``failed`` with the
mall's reason for a supervisor (no retry loop); transient failures leave it pending with a
growing delay, and later events of the same order wait behind it.
"""

from __future__ import annotations

import contextlib
import random
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select, update
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import aliased

from sync.client import MallClient
from sync.contract import PUSH_BODIES, OrderSnapshot, StockRequestBody, _Push
from sync.contract_delivery import StockLevelsBody
from sync.contract_resolutions import RESOLUTION_KINDS
from sync.contract_returns import ReturnOutcomeBody
from sync.delivery_push import Refused, refused_note, send_stock_levels, split_items
from sync.errors import MallAuthError, MallConflict, MallError
from warehouse.db import Database
from warehouse.errors import WarehouseError
from warehouse.models import Order, OutboxEvent
from warehouse.pii import ReceiverCipher

ACTIONS = {
    "accept": "accept",
    "reject": "reject",
    "progress": "events",
    "shortage": "shortages",
    "shipment": "shipments",
    "cancellation": "cancellation",
    **RESOLUTION_KINDS,
    "tracking": "tracking",
}
"""Outbox kind → path under ``/fulfillment-orders/{fo_id}/``. ``supplier_request`` goes to
``/merchants/{merchant_id}/stock-requests`` instead (see :func:`_send`)."""
SUPPLIER_REQUEST = "supplier_request"
RETURN_OUTCOME = "return_outcome"
"""Goes to ``/returns/{rma_id}/outcome``; queued under the original order's ``fo_id``, so it
follows that order's shipment message."""
STOCK_LEVELS = "stock_levels"
"""Goes to ``/merchants/{merchant_id}/stock-levels`` (``sync.delivery_push``): a batch of one
merchant's figures, queued under ``stock:<merchant>`` so that batches go out in order."""
DELIVERABLE = (*ACTIONS, SUPPLIER_REQUEST, RETURN_OUTCOME, STOCK_LEVELS)
ADDRESS_CORRECTION = "address_correction"
"""Queued without the street; the address is read from the sealed receiver when it is sent."""
NO_KEY = "An address correction is sent only by a sync worker that holds the receiver key."


@dataclass
class PushStats:
    pushed: int = 0
    duplicates: int = 0
    failed: int = 0
    deferred: int = 0


@dataclass(frozen=True)
class _Pending:
    id: int
    event_id: str
    fo_id: str
    kind: str
    payload: dict[str, Any]
    attempts: int


def body_for(kind: str, payload: dict[str, Any]) -> _Push:
    """The contract body of an outbox event (raises ``ValidationError`` if it cannot be one)."""
    data = dict(payload)
    if kind == SUPPLIER_REQUEST:
        data.pop("merchant_id", None)
        return StockRequestBody.model_validate(data)
    if kind == RETURN_OUTCOME:
        return ReturnOutcomeBody.model_validate(data)
    if kind == STOCK_LEVELS:
        data.pop("merchant_id", None)
        return StockLevelsBody.model_validate(data)
    if kind == "progress" and "type" not in data:
        data["type"] = data.pop("event", None)
    return PUSH_BODIES[ACTIONS[kind]].model_validate(data)


def _with_sealed_address(db: Database, cipher: ReceiverCipher, event: _Pending) -> dict[str, Any]:
    """An address correction's body from the order's sealed receiver, read when it is sent."""
    with db.unit_of_work(read_only=True) as session:
        sealed = session.scalar(select(Order.receiver_sealed).where(Order.fo_id == event.fo_id))
    receiver = cipher.open(sealed or "", bound_to=event.fo_id)
    return {
        **event.payload,
        "province": receiver.province,
        "city": receiver.city,
        "district": receiver.district,
        "detail": receiver.detail,
        "postcode": receiver.postcode,
    }


def _pending(db: Database, now: datetime, limit: int) -> list[_Pending]:
    """Due events, oldest first, leaving out orders whose earlier event is still waiting."""
    earlier = aliased(OutboxEvent)
    waiting_before = (
        select(earlier.id)
        .where(
            earlier.fo_id == OutboxEvent.fo_id,
            earlier.state == "pending",
            earlier.id < OutboxEvent.id,
            earlier.next_attempt_at > now,
        )
        .exists()
    )
    with db.unit_of_work(read_only=True) as session:
        rows = session.execute(
            select(
                OutboxEvent.id,
                OutboxEvent.event_id,
                OutboxEvent.fo_id,
                OutboxEvent.kind,
                OutboxEvent.payload,
                OutboxEvent.attempts,
            )
            .where(
                OutboxEvent.state == "pending",
                OutboxEvent.kind.in_(DELIVERABLE),
                OutboxEvent.next_attempt_at <= now,
                ~waiting_before,
            )
            .order_by(OutboxEvent.id)
            .limit(limit)
        ).all()
    return [_Pending(r[0], r[1], r[2], r[3], dict(r[4]), r[5]) for r in rows]


def _finish(db: Database, event_id: int, **values: Any) -> None:
    # Intake may have dropped the event while it was in flight; if the mall applied it
    # anyway, "sent" is the truth and wins over "dropped".
    from_states = ("pending", "dropped") if values.get("state") == "sent" else ("pending",)
    with db.unit_of_work() as session:
        session.execute(
            update(OutboxEvent)
            .where(OutboxEvent.id == event_id, OutboxEvent.state.in_(from_states))
            .values(**values)
            .execution_options(synchronize_session=False)
        )


Refresh = Callable[[OrderSnapshot], object]
"""Stores a snapshot re-fetched after a 409 (``sync.ingest.store_snapshot`` bound to a context)."""


def push_pending(
    db: Database,
    client: MallClient,
    *,
    limit: int = 500,
    workers: int = 8,
    refresh: Refresh | None = None,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
    rng: random.Random | None = None,
    base_delay_s: float = 2.0,
    max_delay_s: float = 300.0,
    cipher: ReceiverCipher | None = None,
) -> PushStats:
    """Send due pending events, oldest first within each order; orders go in parallel.

    ``cipher`` opens the sealed address an address correction sends; without it such an event
    stays pending, with the reason, until a worker that holds the key sends it."""
    rng = rng or random.Random()
    by_order: dict[str, list[_Pending]] = {}
    for event in _pending(db, now(), limit):
        by_order.setdefault(event.fo_id, []).append(event)
    stats = PushStats()
    lock = threading.Lock()

    def deliver(events: list[_Pending]) -> None:
        for event in events:
            outcome = _deliver_one(
                db, client, event, now, rng, (base_delay_s, max_delay_s), refresh, cipher
            )
            with lock:
                setattr(stats, outcome, getattr(stats, outcome) + 1)
                if outcome == "duplicates":
                    stats.pushed += 1
            if outcome == "deferred":
                return

    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="push") as pool:
        for future in [pool.submit(deliver, events) for events in by_order.values()]:
            future.result()  # re-raises MallAuthError: nothing will get through, stop and alert
    return stats


def _deliver_one(
    db: Database,
    client: MallClient,
    event: _Pending,
    now: Callable[[], datetime],
    rng: random.Random,
    delays: tuple[float, float],
    refresh: Refresh | None,
    cipher: ReceiverCipher | None,
) -> str:
    attempts = event.attempts + 1
    payload, refused = event.payload, list[Refused]()
    if event.kind == STOCK_LEVELS:  # one unreadable figure must not hold back the others
        payload, refused = split_items(event.payload)
    if event.kind == ADDRESS_CORRECTION:
        if cipher is None:
            return _later(db, event, NO_KEY, now, rng, delays)
        try:
            payload = _with_sealed_address(db, cipher, event)
        except WarehouseError as exc:  # a wrong key: keep the message until the right one
            return _later(db, event, str(exc), now, rng, delays)
    try:
        body = body_for(event.kind, payload)
    except (ValidationError, KeyError) as exc:
        _finish(
            db,
            event.id,
            state="failed",
            attempts=attempts,
            last_error=(
                refused_note(refused, len(refused))
                if refused and not payload.get("items")
                else f"The {event.kind} event cannot be sent: it does not match the mall contract ({exc})."
            ),
        )
        return "failed"
    try:
        duplicate, refused_there = _send(client, event, body)
        refused += refused_there
    except MallAuthError:
        raise
    except MallError as exc:
        if not exc.retryable:
            _finish(db, event.id, state="failed", attempts=attempts, last_error=str(exc))
            if isinstance(exc, MallConflict) and refresh is not None:
                _refetch(client, event.fo_id, refresh)
            return "failed"
        return _later(db, event, str(exc), now, rng, delays)
    note = refused_note(refused, len(event.payload.get("items") or [])) if refused else ""
    _finish(db, event.id, state="sent", attempts=attempts, sent_at=now(), last_error=note)
    return "duplicates" if duplicate else "pushed"


def _later(
    db: Database,
    event: _Pending,
    reason: str,
    now: Callable[[], datetime],
    rng: random.Random,
    delays: tuple[float, float],
) -> str:
    """Leave the event pending with its reason and a growing, jittered delay."""
    base_delay_s, max_delay_s = delays
    delay = min(max_delay_s, base_delay_s * 2 ** min(event.attempts, 16))
    _finish(
        db,
        event.id,
        attempts=event.attempts + 1,
        last_error=reason,
        next_attempt_at=now() + timedelta(seconds=rng.uniform(delay / 2, delay)),
    )
    return "deferred"


def _send(client: MallClient, event: _Pending, body: _Push) -> tuple[bool, list[Refused]]:
    """Deliver one event: (the mall had applied it before, stock figures it refused)."""
    if isinstance(body, StockRequestBody):
        return client.request_stock(str(event.payload["merchant_id"]), body).duplicate, []
    if isinstance(body, ReturnOutcomeBody):
        return client.return_outcome(body).duplicate, []
    if isinstance(body, StockLevelsBody):
        return send_stock_levels(client, str(event.payload["merchant_id"]), body)
    return client.push(event.fo_id, ACTIONS[event.kind], body).duplicate, []


def _refetch(client: MallClient, fo_id: str, refresh: Refresh) -> None:
    """After a 409 the mall knows better: take its current version now, not at the next poll."""
    # If this fails, the feed brings the same version later; the failure is already recorded.
    with contextlib.suppress(WarehouseError, SQLAlchemyError):
        refresh(client.order(fo_id))


def backlog(db: Database) -> int:
    """Events still waiting to be delivered."""
    from sqlalchemy import func

    with db.unit_of_work(read_only=True) as session:
        return int(
            session.scalar(
                select(func.count())
                .select_from(OutboxEvent)
                .where(OutboxEvent.state == "pending", OutboxEvent.kind.in_(DELIVERABLE))
            )
            or 0
        )
