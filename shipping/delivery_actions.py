"""What a supervisor does with a delivery exception: re-ship (with the insurance claim), and
the hook the returns flow calls when a parcel comes back."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from shipping.delivery_exceptions import resolve
from shipping.handover_messages import CATALOG as M
from shipping.handover_messages import HandoverError
from shipping.tracking import draw_tracking_number
from warehouse.audit import Actor, record
from warehouse.config import Settings
from warehouse.models import (
    DeliveryException,
    InsuranceClaim,
    Location,
    Merchant,
    Order,
    OrderLine,
    Parcel,
    ParcelLine,
    Shipment,
    Sku,
    StockQuant,
    utcnow,
)
from warehouse.outbox import enqueue
from warehouse.states import ExceptionState, ParcelState, Role, ShipmentState
from warehouse.stock.ledger import write_ledger
from warehouse.users import require_role


def _take(
    session: Session, actor: Actor, order: Order, line: OrderLine, qty: int, ref: str
) -> None:
    """Take ``qty`` of the line's SKU from its owner's free stock (never another merchant's)."""
    sku = session.get(Sku, line.sku_id) if line.sku_id is not None else None
    quants = session.scalars(
        select(StockQuant)
        .where(
            StockQuant.sku_id == line.sku_id,
            StockQuant.owner_id == order.merchant_id,
            StockQuant.on_hand > StockQuant.reserved,
        )
        .order_by(StockQuant.id)
        .with_for_update()
    ).all()
    if sku is None or sum(q.on_hand - q.reserved for q in quants) < qty:
        owner = session.get(Merchant, order.merchant_id)
        raise HandoverError.of(
            M["delivery.no_stock"],
            sku=line.sku_code,
            owner=owner.mall_id if owner else "",
            tracking=ref,
        )
    left = qty
    for quant in quants:
        take = min(left, quant.on_hand - quant.reserved)
        if take <= 0:
            continue
        before: dict[str, object] = {"on_hand": quant.on_hand}
        quant.on_hand -= take
        where = session.get(Location, quant.location_id)
        write_ledger(
            session,
            actor,
            "reship",
            sku,
            quant.lot,
            take,
            where,
            None,
            ref,
            before,
            dict[str, object](on_hand=quant.on_hand),
            None,
        )
        left -= take
        if left == 0:
            break


def reship(
    session: Session, actor: Actor, exception_id: int, settings: Settings
) -> tuple[str, bool]:
    """A replacement parcel for a lost or damaged one; returns its tracking number and whether
    an insurance claim was opened."""
    require_role(session, actor, Role.SUPERVISOR)
    row = session.get(DeliveryException, exception_id, with_for_update=True)
    if row is None or row.state != ExceptionState.OPEN or row.kind not in ("lost", "damaged"):
        raise HandoverError.of(M["delivery.not_open"])
    lost = session.get(Parcel, row.parcel_id)
    assert lost is not None
    old = lost.shipment
    order = session.get(Order, old.order_id)
    assert order is not None
    rows = session.execute(
        select(OrderLine, ParcelLine.qty)
        .join(ParcelLine, ParcelLine.order_line_id == OrderLine.id)
        .where(ParcelLine.parcel_id == lost.id)
    ).all()
    lines: list[tuple[OrderLine, int]] = [(line, qty) for line, qty in rows] or [
        (line, line.packed or line.qty) for line in order.lines if not line.cancelled
    ]
    for line, qty in lines:
        _take(session, actor, order, line, qty, lost.tracking_no)
    carrier = settings.carrier(old.carrier_code)
    shipment = Shipment(
        order_id=order.id,
        state=ShipmentState.PACKED,
        carrier_code=old.carrier_code,
        service=old.service,
        insured_value=old.insured_value,
        packed_by=actor.user_id,
    )
    session.add(shipment)
    session.flush()
    parcel = Parcel(
        shipment_id=shipment.id,
        box_code=lost.box_code,
        expected_weight_kg=lost.expected_weight_kg,
        tracking_no=draw_tracking_number(session, carrier),
        state=ParcelState.PACKED,
        replaces_id=lost.id,
    )
    session.add(parcel)
    session.flush()
    for line, qty in lines:
        session.add(ParcelLine(parcel_id=parcel.id, order_line_id=line.id, qty=qty))
    lost.state = ParcelState.REPLACED
    claimed = old.insured_value > 0
    if claimed:
        session.add(
            InsuranceClaim(
                parcel_id=lost.id, carrier_code=old.carrier_code, declared_value=old.insured_value
            )
        )
    resolve(row, "claim_opened" if claimed else "reshipped")
    enqueue(
        session,
        order.fo_id,
        "tracking",
        {
            "carrier_code": old.carrier_code,
            "tracking_no": lost.tracking_no,
            "status": "RESHIPPED",
            "event_time": parcel_time(lost),
            "replacement_tracking_no": parcel.tracking_no,
        },
    )
    record(
        session,
        actor,
        "delivery.reship",
        "parcel",
        lost.tracking_no,
        after={"replacement": parcel.tracking_no, "claim": claimed},
    )
    return parcel.tracking_no, claimed


def parcel_time(parcel: Parcel) -> str:
    return (parcel.last_event_at or utcnow()).isoformat()


def expected_returns(session: Session) -> list[str]:
    """Tracking numbers of refused or returned parcels on their way back (for returns)."""
    return list(
        session.scalars(
            select(Parcel.tracking_no)
            .where(Parcel.state.in_((ParcelState.REFUSED, ParcelState.RETURNING)))
            .order_by(Parcel.id)
        )
    )


def parcel_returned(session: Session, actor: Actor, tracking_no: str) -> bool:
    """THE HOOK FOR THE RETURNS FLOW: call it when a refused/returned parcel is received back.
    Marks the parcel returned and resolves its open exceptions; the returns flow itself puts
    the goods away (and its restock touches the stock level through the ledger). Returns
    False if no parcel was expected back under this number."""
    require_role(session, actor, Role.RETURNS, Role.SUPERVISOR, system=True)
    parcel = session.scalars(
        select(Parcel)
        .where(
            Parcel.tracking_no == tracking_no,
            Parcel.state.in_((ParcelState.REFUSED, ParcelState.RETURNING)),
        )
        .with_for_update()
    ).first()
    if parcel is None:
        return False
    parcel.state = ParcelState.RETURNED
    for row in session.scalars(
        select(DeliveryException).where(
            DeliveryException.parcel_id == parcel.id,
            DeliveryException.state == ExceptionState.OPEN,
        )
    ):
        resolve(row, "returned")
    record(session, actor, "delivery.returned", "parcel", tracking_no)
    return True
