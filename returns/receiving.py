"""Opening a return parcel at the station: find its request by the parcel's tracking number,
the RMA number or the original order number; a parcel with no request is received as an
unknown return for a supervisor.

Every action is one short transaction keyed by the station's client key (``ScanReceipt``):
a repeated scan or a retried request never counts twice, and the return a clerk is working on
is read from the database, so a killed station resumes on it.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from returns.errors import CATALOG, ReturnError
from shipping.delivery_actions import parcel_returned
from warehouse.audit import Actor, record
from warehouse.item_scan import shown
from warehouse.models import Order, Parcel, ReturnRequest, ScanReceipt, Shipment
from warehouse.states import ReturnKind, ReturnState, Role
from warehouse.users import require_role
from warehouse.words import Message, encode

ROLES = (Role.RETURNS, Role.SUPERVISOR)
MAX_KEY = 64
OPEN_STATES = (ReturnState.REQUESTED, ReturnState.EXPECTED, ReturnState.RECEIVED)


def seen(session: Session, key: str) -> ScanReceipt | None:
    if not key or len(key) > MAX_KEY:
        raise ValueError("a client key of 1 to 64 characters is needed")
    return session.get(ScanReceipt, key)


def remember(
    session: Session, actor: Actor, key: str, action: str, result: dict[str, object]
) -> None:
    session.add(ScanReceipt(key=key, user_id=actor.user_id, action=action, result=result))


def locked(session: Session, rma_id: str) -> ReturnRequest:
    request = session.scalar(
        select(ReturnRequest)
        .where(ReturnRequest.rma_id == rma_id)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    if request is None:
        raise ReturnError.of(CATALOG["returns.not_found"], scan=shown(rma_id))
    return request


def find_return(session: Session, scan: str) -> ReturnRequest | None:
    """The open return a scan names: parcel tracking number, RMA, order number or fo_id."""
    text = scan.strip()
    if not text:
        return None
    open_ = ReturnRequest.state.in_(OPEN_STATES)
    direct = session.scalar(
        select(ReturnRequest)
        .where(or_(ReturnRequest.rma_id == text, ReturnRequest.tracking_no == text), open_)
        .order_by(ReturnRequest.id)
        .limit(1)
    )
    if direct is not None:
        return direct
    return session.scalar(
        select(ReturnRequest)
        .join(Order, ReturnRequest.order_id == Order.id)
        .where(or_(Order.order_sn == text, Order.fo_id == text), open_)
        .order_by(ReturnRequest.id)
        .limit(1)
    )


def order_shipped_in(session: Session, tracking_no: str) -> Order | None:
    """The order whose outgoing parcel had this tracking number."""
    return session.scalar(
        select(Order)
        .join(Shipment, Shipment.order_id == Order.id)
        .join(Parcel, Parcel.shipment_id == Shipment.id)
        .where(Parcel.tracking_no == tracking_no)
        .limit(1)
    )


def open_parcel(
    session: Session, actor: Actor, scan: str, *, key: str, now: datetime, unknown_ok: bool = False
) -> str:
    """Receive the parcel the scan names; returns its RMA number. With ``unknown_ok`` (the
    clerk confirmed by scanning it again) a parcel with no request becomes an unknown return."""
    require_role(session, actor, *ROLES)
    receipt = seen(session, key)
    if receipt is not None:
        return str(receipt.result["rma"])
    found = find_return(session, scan)
    if found is None:
        if not unknown_ok:
            raise ReturnError.of(CATALOG["returns.not_found"], scan=shown(scan))
        request = _unknown(session, scan, now)
    else:
        request = locked(session, found.rma_id)
    if request.state in (ReturnState.REQUESTED, ReturnState.EXPECTED):
        before = request.state
        request.state = ReturnState.RECEIVED
        request.received_at = now
        record(
            session,
            actor,
            "return.receive",
            "return",
            request.rma_id,
            before={"state": before},
            after={"state": request.state},
        )
        if request.kind == ReturnKind.REFUSED and request.tracking_no:
            # the refused delivery is back: its parcel is returned, its exceptions resolved
            parcel_returned(session, actor, request.tracking_no)
    request.received_by = actor.user_id
    remember(session, actor, key, "return.open", {"rma": request.rma_id})
    return request.rma_id


def _unknown(session: Session, scan: str, now: datetime) -> ReturnRequest:
    text = scan.strip()[:40]
    order = order_shipped_in(session, text)
    request = ReturnRequest(
        rma_id=f"UNKNOWN-{text}"[:64],
        kind=ReturnKind.UNKNOWN,
        state=ReturnState.EXPECTED,
        mall_state="",
        tracking_no=text,
        order_id=order.id if order else None,
        fo_id=order.fo_id if order else "",
        merchant_id=order.merchant_id if order else None,
        requested_at=now,
        discrepancy=encode([Message.of("returns.unknown_parcel", scan=shown(text))]),
    )
    session.add(request)
    session.flush()
    return request


def current_return(session: Session, actor: Actor) -> str | None:
    """The return this clerk opened and has not closed (a killed station resumes here)."""
    return session.scalar(
        select(ReturnRequest.rma_id)
        .where(
            ReturnRequest.received_by == actor.user_id,
            ReturnRequest.state.in_((ReturnState.RECEIVED, ReturnState.INSPECTED)),
        )
        .order_by(ReturnRequest.received_at.desc(), ReturnRequest.id.desc())
        .limit(1)
    )
