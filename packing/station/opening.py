"""Opening a verification session by scanning a tote, an order number or a cart; reopening a
packed order whose parcels are not handed over yet."""

from __future__ import annotations

from sqlalchemy import or_, select

from packing.station.core import Act, Outcome
from packing.station.finish import start_weighing
from packing.station.messages import refused
from warehouse.audit import record
from warehouse.item_scan import shown
from warehouse.models import Order, PackSession, PackUnit, Parcel, PickBatch, PickTask, Shipment
from warehouse.orders import state_name, transition
from warehouse.states import OrderState, ParcelState, ShipmentState
from warehouse.totes import tote_number
from warehouse.words import Message

PACKABLE = (OrderState.PICKED, OrderState.PACKING)


def _order_of_ref(a: Act, text: str) -> Order | None:
    return a.session.scalars(
        select(Order).where(or_(Order.order_sn == text, Order.fo_id == text)).limit(1)
    ).first()


def _cart_orders(a: Act, batch_id: int) -> list[tuple[int, int]]:
    """(tote, order id) of a cart, in tote order."""
    rows = a.session.execute(
        select(PickTask.tote, PickTask.order_id)
        .where(PickTask.batch_id == batch_id)
        .distinct()
        .order_by(PickTask.tote)
    )
    return [(int(t), int(o)) for t, o in rows]


def _waiting(a: Act, order_id: int) -> bool:
    order = a.session.get_one(Order, order_id)
    return order.state in PACKABLE


def find_target(a: Act, text: str) -> tuple[Order, int | None, int]:
    """The order a scan names, with its cart and tote."""
    value = text.strip()
    order = _order_of_ref(a, value)
    if order is not None:
        task = a.session.scalars(
            select(PickTask)
            .where(PickTask.order_id == order.id)
            .order_by(PickTask.id.desc())
            .limit(1)
        ).first()
        return order, task.batch_id if task else None, task.tote if task else 0
    cart_part, _, _tail = value.upper().rpartition("-")
    batch = a.session.scalars(select(PickBatch).where(PickBatch.code == value).limit(1)).first()
    if batch is not None:
        for tote, order_id in _cart_orders(a, batch.id):
            if _waiting(a, order_id):
                return a.session.get_one(Order, order_id), batch.id, tote
        raise refused("station.cart_done", cart=batch.code)
    number = tote_number(value)
    if number is None:
        raise refused("station.not_found", text=shown(value))
    tote = number
    query = select(PickTask.batch_id, PickTask.order_id).where(PickTask.tote == tote).distinct()
    if cart_part:
        query = query.join(PickBatch, PickBatch.id == PickTask.batch_id).where(
            PickBatch.code == cart_part
        )
    hits = [(b, o) for b, o in a.session.execute(query) if _waiting(a, o)]
    if not hits:
        raise refused("station.not_found", text=shown(value))
    if len(hits) > 1:
        raise refused("station.tote_ambiguous", tote=f"T{tote:02d}")
    batch_id, order_id = hits[0]
    return a.session.get_one(Order, order_id), batch_id, tote


def open_session(a: Act, text: str) -> Outcome:
    order, batch_id, tote = find_target(a, text)
    order = a.session.get_one(Order, order.id, with_for_update=True)
    if order.state == OrderState.PACKED:
        return reopen(a, order)
    if order.state not in PACKABLE:
        raise refused(
            "station.not_packable", order=order.order_sn, state=state_name(order.state, "en")
        )
    other = a.session.scalars(
        select(PackSession).where(PackSession.order_id == order.id, PackSession.state == "open")
    ).first()
    if other is not None and other.packer_id != a.actor.user_id:
        raise refused("station.held_by", order=order.order_sn)
    transition(a.session, order, OrderState.PACKING, a.actor)
    pack = PackSession(
        order_id=order.id, packer_id=a.actor.user_id, batch_id=batch_id, tote=tote, opened_at=a.now
    )
    a.session.add(pack)
    a.session.flush()
    a.pack, a.order_row, a.cart = pack, order, ""
    units = sum(line.picked for line in order.lines if not line.cancelled)
    return Outcome(Message.of("station.opened", order=order.order_sn, units=units))


def reopen(a: Act, order: Order) -> Outcome:
    """Open the last parcel of a packed order again, unless a parcel is handed over.

    The parcel row stays, ``voided`` with its tracking number (audited), so the label already
    printed for it can be traced and is refused at handover; closing again draws a new number.
    """
    pack = a.session.scalars(
        select(PackSession).where(PackSession.order_id == order.id).order_by(PackSession.id.desc())
    ).first()
    parcels = list(
        a.session.scalars(
            select(Parcel)
            .join(Shipment, Shipment.id == Parcel.shipment_id)
            .where(
                Shipment.order_id == order.id,
                Shipment.state != ShipmentState.CANCELLED,
                Parcel.state != ParcelState.VOIDED,
            )
            .order_by(Parcel.id)
        )
    )
    if pack is None or not parcels:
        raise refused("station.not_found", text=order.order_sn)
    if any(p.state != ParcelState.PACKED for p in parcels):
        raise refused("station.handed_over", order=order.order_sn)
    last = parcels[-1]
    units = list(a.session.scalars(select(PackUnit).where(PackUnit.parcel_id == last.id)))
    for unit in units:
        unit.parcel_id = None
    for line in order.lines:
        line.packed -= sum(
            u.qty for u in units if u.order_line_id == line.id and u.kind == "packed"
        )
    last.state = ParcelState.VOIDED
    shipment = last.shipment
    shipment.state = ShipmentState.OPEN
    shipment.insured_value -= last.insured_value
    record(
        a.session, a.actor, "parcel.voided", "parcel", last.tracking_no,
        before={"state": ParcelState.PACKED}, after={"state": ParcelState.VOIDED},
        note=f"reopened at packing: order {order.order_sn}, parcel {last.id}",
    )  # fmt: skip
    number = len(parcels)
    transition(a.session, order, OrderState.PACKING, a.actor, reason="reopened")
    pack.state, pack.stage, pack.parcel_no, pack.closed_at = "open", "scan", number, None
    pack.packer_id = a.actor.user_id
    pack.print_state, pack.print_note = "", ""
    a.pack, a.order_row, a.cart = pack, order, ""
    a.session.flush()
    a.forget()
    if all(v.left <= 0 for v in a.lines()):
        start_weighing(a)  # the box and weight again; F3 takes units off first
    return Outcome(
        Message.of(
            "station.reopened", parcel=number, order=order.order_sn, tracking=last.tracking_no
        ),
        bell=True,
    )
