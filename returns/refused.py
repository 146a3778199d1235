"""A delivery the receiver refused comes back with the carrier: it is received like a return
(same station, same grades) with the lines of the order it carried, and its outcome tells the
mall what came back. :func:`receive_refused_delivery` makes the return; the returns station
(``receiving.open_parcel``) calls it when a parcel the carrier reported refused or returning is
scanned with no return yet, and, on receiving it, closes the parcel's delivery exception
(``shipping.delivery_actions.parcel_returned``)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from returns.access import ROLES
from returns.errors import CATALOG, ReturnError
from warehouse.audit import Actor, record
from warehouse.item_scan import shown
from warehouse.models import Order, Parcel, ReturnLine, ReturnRequest, Shipment
from warehouse.states import ParcelState, ReturnKind, ReturnState
from warehouse.users import require_role

COMING_BACK = (ParcelState.REFUSED, ParcelState.RETURNING)
"""What the carrier reported of a parcel on its way back to us."""


def order_shipped_in(session: Session, tracking_no: str) -> Order | None:
    """The order whose outgoing parcel had this tracking number."""
    return session.scalar(
        select(Order)
        .join(Shipment, Shipment.order_id == Order.id)
        .join(Parcel, Parcel.shipment_id == Shipment.id)
        .where(Parcel.tracking_no == tracking_no)
        .limit(1)
    )


def coming_back(session: Session, tracking_no: str) -> ParcelState | None:
    """The state of our outgoing parcel with this number if it is on its way back, else None."""
    state = session.scalar(
        select(Parcel.state).where(Parcel.tracking_no == tracking_no, Parcel.state.in_(COMING_BACK))
    )
    return ParcelState(state) if state is not None else None


def receive_refused_delivery(
    session: Session,
    actor: Actor,
    parcel: Parcel | str,
    *,
    now: datetime,
    reason: str = "refused",
) -> ReturnRequest:
    """Expect the refused ``parcel`` (the row, or its tracking number) back; idempotent: the
    same parcel reported twice is the same return."""
    require_role(session, actor, *ROLES, system=True)
    text = (parcel.tracking_no if isinstance(parcel, Parcel) else parcel).strip()
    rma_id = f"REFUSED-{text}"[:64]
    existing = session.scalar(select(ReturnRequest).where(ReturnRequest.rma_id == rma_id))
    if existing is not None:
        return existing
    order = order_shipped_in(session, text)
    if order is None:
        raise ReturnError.of(CATALOG["returns.not_refused"], tracking=shown(text))
    request = ReturnRequest(
        rma_id=rma_id,
        kind=ReturnKind.REFUSED,
        state=ReturnState.EXPECTED,
        mall_state="",
        order_id=order.id,
        fo_id=order.fo_id,
        merchant_id=order.merchant_id,
        reason=reason[:500],
        tracking_no=text[:40],
        carrier_code=order.carrier_code,
        requested_at=now,
    )
    for line in order.lines:
        shipped = line.packed or line.picked or line.qty
        if line.cancelled or shipped <= 0:
            continue
        request.lines.append(
            ReturnLine(
                line_id=line.line_id, sku_id=line.sku_id, sku_code=line.sku_code, qty=shipped
            )
        )
    session.add(request)
    session.flush()
    record(
        session,
        actor,
        "return.refused",
        "return",
        rma_id,
        after={"state": request.state, "order": order.fo_id},
    )
    return request
