"""Return requests (RMA) from the mall, taken exactly once like orders: a page and the cursor
after it are stored in one transaction, each request is upserted by ``(rma_id, version)``
(older versions ignored), and one that breaks the contract or that the database refuses is
set aside alone. Each new request is checked against its merchant's policy
(:mod:`warehouse.return_policy`): out of policy is a flag for a supervisor, not a refusal.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from sync.client import MallClient
from sync.contract import RawFeedPage
from sync.contract_returns import ReturnRequestSnapshot
from sync.contract_types import depth_exceeds
from sync.errors import MallNotFound
from sync.ingest import IngestStats, _ensure_cursor_row, read_cursor
from sync.intake import IntakeContext
from sync.quarantine import other_warehouse, quarantine, refused_by_database, unreadable
from warehouse.audit import record
from warehouse.db import Database
from warehouse.models import Merchant, Order, ReturnLine, ReturnRequest, Sku, SyncCursor
from warehouse.return_policy import LineToCheck, check_policy
from warehouse.states import OrderState, ReturnState
from warehouse.words import Message, encode


def returns_cursor_name(warehouse_code: str) -> str:
    return f"mall-returns:{warehouse_code}"


def store_returns_page(
    db: Database, page: RawFeedPage, *, name: str, expected_cursor: str, context: IntakeContext
) -> IngestStats:
    stats = IngestStats(fetched=len(page.items), pages=1)
    with db.unit_of_work() as session:
        _ensure_cursor_row(session, db.dialect, name)
        query = select(SyncCursor).where(SyncCursor.name == name)
        if db.dialect == "postgresql":
            query = query.with_for_update()
        cursor = session.scalars(query).one()
        if (cursor.cursor or "0") != expected_cursor:
            return IngestStats()
        for position, raw in enumerate(page.items, 1):
            _one(session, position, raw, context, stats)
        cursor.cursor = page.next_cursor
        now = datetime.now(UTC)
        cursor.updated_at = now
        cursor.last_success_at = now
        cursor.backlog = len(page.items) if page.has_more else 0
    return stats


def _one(
    session: Session, position: int, raw: Any, context: IntakeContext, stats: IngestStats
) -> None:
    reason: Message | None = None
    snapshot: ReturnRequestSnapshot | None = None
    if not isinstance(raw, dict):
        kind = type(raw).__name__.replace("NoneType", "null")
        reason = Message.of("quarantine.not_object", position=position, kind=kind)
    elif depth_exceeds(raw):
        reason = Message.of("quarantine.too_deep", fo_id=str(raw.get("rma_id", "?"))[:64], limit=32)
    else:
        try:
            snapshot = ReturnRequestSnapshot.model_validate(raw)
        except ValidationError as exc:
            reason = unreadable(raw, exc)
        else:
            if snapshot.warehouse_code != context.warehouse_code:
                reason = other_warehouse(raw, snapshot.warehouse_code, context.warehouse_code)
    if snapshot is not None and reason is None:
        try:
            with session.begin_nested():
                stats.count(apply_return_request(session, snapshot, context))
            return
        except (SQLAlchemyError, ValueError, OverflowError) as exc:
            reason = refused_by_database(raw, exc)
    assert reason is not None
    if quarantine(session, raw, reason, context.cipher) is not None:
        stats.quarantined += 1


def apply_return_request(
    session: Session, snapshot: ReturnRequestSnapshot, context: IntakeContext
) -> str:
    """Upsert one request; ``new``, ``updated`` or ``ignored`` (an older version)."""
    request = session.scalar(
        select(ReturnRequest).where(ReturnRequest.rma_id == snapshot.rma_id).with_for_update()
    )
    if request is not None and request.version >= snapshot.version:
        return "ignored"
    order = session.scalar(select(Order).where(Order.fo_id == snapshot.fo_id))
    merchant = session.scalar(select(Merchant).where(Merchant.mall_id == snapshot.merchant.id))
    created = request is None
    if request is None:
        request = ReturnRequest(
            rma_id=snapshot.rma_id, kind=snapshot.kind, state=ReturnState.REQUESTED
        )
        session.add(request)
    request.version = snapshot.version
    request.change_seq = snapshot.change_seq
    request.mall_state = snapshot.state
    request.fo_id = snapshot.fo_id
    request.order_id = order.id if order else None
    request.merchant_id = merchant.id if merchant else None
    request.reason = snapshot.reason
    request.requested_at = snapshot.requested_at
    request.delivered_at = snapshot.delivered_at
    request.replacement_fo_id = snapshot.replacement_fo_id
    if snapshot.tracking_no:
        request.tracking_no = snapshot.tracking_no
        request.carrier_code = snapshot.carrier_code[:8]
        if request.state == ReturnState.REQUESTED:
            request.state = ReturnState.EXPECTED
    if created:
        _lines(session, request, snapshot, merchant, order, context)
    record(
        session,
        context.actor,
        "return.request",
        "return",
        snapshot.rma_id,
        after={"version": snapshot.version, "state": request.state, "mall_state": snapshot.state},
    )
    return "new" if created else "updated"


def _lines(
    session: Session,
    request: ReturnRequest,
    snapshot: ReturnRequestSnapshot,
    merchant: Merchant | None,
    order: Order | None,
    context: IntakeContext,
) -> None:
    """The request's lines (taken once: the goods in a parcel do not change) and the policy."""
    shipped_by_line = {ln.line_id: ln.packed or ln.qty for ln in order.lines} if order else {}
    checks: list[LineToCheck] = []
    for line in snapshot.lines:
        sku = None
        if merchant is not None:
            sku = session.scalar(
                select(Sku).where(Sku.merchant_id == merchant.id, Sku.code == line.sku_code)
            )
        request.lines.append(
            ReturnLine(
                line_id=line.line_id,
                sku_id=sku.id if sku else None,
                sku_code=line.sku_code,
                qty=line.qty,
                opened=line.opened,
            )
        )
        checks.append(
            LineToCheck(
                line.line_id,
                line.sku_code,
                line.qty,
                line.opened,
                bool(sku and sku.lot_controlled),
                shipped_by_line.get(line.line_id),
            )
        )
    policy = context.settings.returns.policy_for(snapshot.merchant.id)
    reasons = check_policy(
        policy,
        order_sn=snapshot.order_sn,
        delivered_at=snapshot.delivered_at,
        requested_at=snapshot.requested_at,
        lines=checks,
        shipped=order is not None and order.state == OrderState.SHIPPED,
    )
    request.out_of_policy = encode(reasons)


def sync_returns(
    db: Database, client: MallClient, context: IntakeContext, *, limit: int = 100
) -> IngestStats:
    """Fetch and store return-request pages from the saved cursor until the feed is drained.
    A mall without the after-sales feed (404) has no returns to give: nothing is fetched."""
    name = returns_cursor_name(context.warehouse_code)
    total = IngestStats()
    while True:
        cursor = read_cursor(db, name)
        try:
            page = client.return_changes(cursor, limit)
        except MallNotFound:
            return total
        total.add(store_returns_page(db, page, name=name, expected_cursor=cursor, context=context))
        if not page.has_more:
            return total
