"""A parcel whose order was cancelled before handover goes back the one way: its "unpack and
put away" task (``stock_task`` kind ``unpack``, one per parcel, made by the cancellation or
by the handover scan that refused it). Completing the task puts each unit of the parcel back
on the shelf it was picked from (a ledgered put-back, which also tells the mall the SKU's
sellable stock), and the picked part of the order's reservations is used up by it, so no
put-back task is made for units that are in a parcel."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from shipping.handover import unpack_task
from shipping.handover_messages import CATALOG as M
from shipping.handover_messages import HandoverError
from warehouse.audit import Actor, record
from warehouse.models import (
    Order,
    OrderLine,
    Parcel,
    ParcelLine,
    Shipment,
    Sku,
    StockTask,
    utcnow,
)
from warehouse.states import ParcelState, Role, StockTaskState
from warehouse.stock import operations
from warehouse.users import require_role

ROLES = (Role.PACKER, Role.SUPERVISOR)
AT_SITE = (ParcelState.PACKED, ParcelState.UNPACK)


def packed_parcels(session: Session, order: Order) -> list[Parcel]:
    """The order's parcels still at the site: packed, or already set aside to unpack (a
    handover scan refused one while the cancellation was only requested)."""
    return list(
        session.scalars(
            select(Parcel)
            .join(Shipment, Shipment.id == Parcel.shipment_id)
            .where(Shipment.order_id == order.id, Parcel.state.in_(AT_SITE))
            .order_by(Parcel.id)
        )
    )


def unpack_cancelled(session: Session, order: Order) -> dict[int, int]:
    """Give each packed parcel of a cancelled ``order`` its unpack task, in the caller's
    transaction; returns the units in those parcels per order line id (they need no
    put-back task)."""
    in_parcels: dict[int, int] = {}
    for parcel in packed_parcels(session, order):
        unpack_task(session, parcel, order)
        for line_id, qty in session.execute(
            select(ParcelLine.order_line_id, ParcelLine.qty).where(
                ParcelLine.parcel_id == parcel.id
            )
        ):
            in_parcels[line_id] = in_parcels.get(line_id, 0) + qty
    return in_parcels


def complete_unpack(
    session: Session, actor: Actor, task_id: int, *, today: date | None = None
) -> int:
    """The parcel of an unpack task is opened and its units are back on their shelves;
    returns the units put away (0 when the task was completed before)."""
    require_role(session, actor, *ROLES)
    task = session.get(StockTask, task_id, with_for_update=True)
    if task is None or task.kind != "unpack" or task.state == StockTaskState.CANCELLED:
        raise HandoverError.of(M["unpack.no_task"], task=task_id)
    if task.state == StockTaskState.DONE:
        return 0
    parcel = session.get(Parcel, int(task.reference.removeprefix("parcel:")), with_for_update=True)
    assert parcel is not None, task.reference
    units = 0
    for parcel_line in session.scalars(
        select(ParcelLine).where(ParcelLine.parcel_id == parcel.id).order_by(ParcelLine.id)
    ):
        line = session.get(OrderLine, parcel_line.order_line_id)
        assert line is not None and line.sku_id is not None
        sku = session.get(Sku, line.sku_id)
        assert sku is not None
        left = parcel_line.qty
        for reservation in sorted(line.reservations, key=lambda r: r.quant_id):
            take = min(left, reservation.picked)
            if take <= 0:
                continue
            quant = reservation.quant
            operations.put_back(
                session,
                actor,
                sku_code=line.sku_code,
                location_code=quant.location.code,
                qty=take,
                owner=sku.merchant.mall_id,
                lot=quant.lot,
                expiry=quant.expiry,
                reference=f"unpack:{parcel.tracking_no}"[:80],
                today=today,
            )
            reservation.picked -= take  # kept at 0: the pick tasks still name it
            reservation.qty -= take
            left -= take
            units += take
        if left:
            raise HandoverError.of(
                M["unpack.not_reserved"], tracking=parcel.tracking_no, line=line.line_id
            )
    task.state, task.done_at, task.assignee_id = StockTaskState.DONE, utcnow(), actor.user_id
    task.qty = units
    record(
        session,
        actor,
        "stock_task.unpacked",
        "parcel",
        parcel.tracking_no,
        after={"task": task.id, "units": units},
    )
    return units
