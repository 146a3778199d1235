"""A parcel whose order was cancelled before handover goes back the one way: its "unpack and
put away" task (``stock_task`` kind ``unpack``, one per parcel, made by the cancellation or
by the handover scan that refused it). Completing the task puts each unit of the parcel back
on the shelf it was picked from (a ledgered put-back, which also tells the mall the SKU's
sellable stock), and the picked part of the order's reservations is used up by it, so no
put-back task is made for units that are in a parcel. The parcel is then ``unpacked`` (final:
it leaves every queue; labels, handover and the statement treat it as gone) and a shipment
whose parcels are all gone is cancelled.

Public API: :func:`packed_parcels`, :func:`unpack_cancelled` (the cancellation's part),
:func:`open_unpacks` (the open tasks, :class:`UnpackView`, with where each unit goes),
:func:`find_unpack` (the open task of a scanned parcel label), :func:`check_unpack_line` (the
bench's guided scans: each part to its shelf, checked before anything moves) and
:func:`complete_unpack`."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from shipping.handover import unpack_task
from shipping.handover_messages import CATALOG as M
from shipping.handover_messages import HandoverError
from warehouse.audit import Actor, record
from warehouse.item_scan import UnreadableScan, is_code_of, read_item_scan, shown
from warehouse.models import (
    Order,
    OrderLine,
    Parcel,
    ParcelLine,
    Reservation,
    Shipment,
    Sku,
    StockTask,
    utcnow,
)
from warehouse.states import ParcelState, Role, ShipmentState, StockTaskState
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


@dataclass(frozen=True)
class UnpackLine:
    sku: str
    qty: int
    lot: str
    location: str
    """The shelf the units were picked from, where they go back."""


@dataclass(frozen=True)
class UnpackView:
    task_id: int
    tracking_no: str
    order_sn: str
    lines: tuple[UnpackLine, ...]

    @property
    def units(self) -> int:
        return sum(line.qty for line in self.lines)


def _parcel_of(session: Session, task: StockTask, *, lock: bool = False) -> Parcel:
    parcel = session.get(Parcel, int(task.reference.removeprefix("parcel:")), with_for_update=lock)
    assert parcel is not None, task.reference
    return parcel


def _slices(
    session: Session, parcel: Parcel
) -> Iterator[tuple[OrderLine, Sku, Reservation | None, int]]:
    """Each part of the parcel's units and the reservation (the shelf) it came from, in quant
    order: (line, SKU, reservation, units); reservation None for units no pick accounts for."""
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
            yield line, sku, reservation, take
            left -= take
        if left:
            yield line, sku, None, left


def _view(session: Session, task: StockTask) -> UnpackView:
    parcel = _parcel_of(session, task)
    order = session.get(Order, parcel.shipment.order_id)
    lines = tuple(
        UnpackLine(
            line.sku_code,
            qty,
            reservation.quant.lot if reservation else "",
            reservation.quant.location.code if reservation else "",
        )
        for line, _, reservation, qty in _slices(session, parcel)
    )
    return UnpackView(task.id, parcel.tracking_no, order.order_sn if order else "", lines)


def _open(session: Session) -> list[StockTask]:
    return list(
        session.scalars(
            select(StockTask)
            .where(
                StockTask.kind == "unpack",
                StockTask.state.in_((StockTaskState.OPEN, StockTaskState.ASSIGNED)),
            )
            .order_by(StockTask.id)
        )
    )


def open_unpacks(session: Session, actor: Actor) -> list[UnpackView]:
    """Every open unpack task, oldest first, with where each unit goes back."""
    require_role(session, actor, *ROLES)
    return [_view(session, task) for task in _open(session)]


def find_unpack(session: Session, actor: Actor, scan: str) -> UnpackView | None:
    """The open unpack task of the parcel whose label (tracking number or SSCC) was scanned."""
    require_role(session, actor, *ROLES)
    text = scan.strip()[:40]
    if not text:
        return None
    parcel_id = session.scalar(
        select(Parcel.id).where((Parcel.tracking_no == text) | (Parcel.sscc == text)).limit(1)
    )
    if parcel_id is None:
        return None
    for task in _open(session):
        if task.reference == f"parcel:{parcel_id}":
            return _view(session, task)
    return None


def check_unpack_line(
    session: Session,
    actor: Actor,
    task_id: int,
    number: int,
    *,
    location_scan: str,
    item_scan: str | None,
    today: date,
) -> UnpackLine:
    """Part ``number`` (from 0, as :class:`UnpackView` lists them) of the parcel is at the
    scanned shelf and the scanned unit (when given) is its SKU; a sentence when not. Nothing
    moves until :func:`complete_unpack`."""
    require_role(session, actor, *ROLES)
    task = session.get(StockTask, task_id)
    finished = (StockTaskState.DONE, StockTaskState.CANCELLED)
    if task is None or task.kind != "unpack" or task.state in finished:
        raise HandoverError.of(M["unpack.no_task"], task=task_id)
    view = _view(session, task)
    if not 0 <= number < len(view.lines):
        raise HandoverError.of(M["unpack.no_task"], task=task_id)
    line = view.lines[number]
    if location_scan.strip().upper() != line.location.upper():
        raise HandoverError.of(
            M["unpack.wrong_shelf"],
            scanned=shown(location_scan.strip()),
            sku=line.sku,
            expected=line.location,
        )
    if item_scan is None:
        return line
    sku = session.scalar(select(Sku).where(Sku.code == line.sku, Sku.merchant_id == task.owner_id))
    try:
        scan = read_item_scan(item_scan, today)
    except UnreadableScan:
        scan = None
    if sku is None or scan is None or not is_code_of(session, sku, scan):
        raise HandoverError.of(
            M["unpack.wrong_item"], scanned=shown(item_scan.strip()), sku=line.sku
        )
    return line


def _close_shipment(session: Session, parcel: Parcel) -> None:
    shipment = parcel.shipment
    gone = (ParcelState.VOIDED, ParcelState.UNPACKED)
    if all(p.state in gone for p in shipment.parcels):
        shipment.state = ShipmentState.CANCELLED


def complete_unpack(
    session: Session,
    actor: Actor,
    task_id: int,
    *,
    today: date | None = None,
    parcel_scan: str | None = None,
) -> int:
    """The parcel of an unpack task is opened and its units are back on their shelves;
    returns the units put away (0 when the task was completed before). ``parcel_scan``: the
    label scanned at the bench, refused unless it is this parcel's."""
    require_role(session, actor, *ROLES)
    task = session.get(StockTask, task_id, with_for_update=True)
    if task is None or task.kind != "unpack" or task.state == StockTaskState.CANCELLED:
        raise HandoverError.of(M["unpack.no_task"], task=task_id)
    if task.state == StockTaskState.DONE:
        return 0
    parcel = _parcel_of(session, task, lock=True)
    if parcel_scan is not None and parcel_scan.strip() not in {parcel.tracking_no, parcel.sscc}:
        raise HandoverError.of(
            M["unpack.wrong_parcel"], scan=parcel_scan.strip()[:40], tracking=parcel.tracking_no
        )
    slices = list(_slices(session, parcel))
    for line, _, reservation, _ in slices:
        if reservation is None:
            raise HandoverError.of(
                M["unpack.not_reserved"], tracking=parcel.tracking_no, line=line.line_id
            )
    units = 0
    for line, sku, reservation, take in slices:
        assert reservation is not None
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
        units += take
    task.state, task.done_at, task.assignee_id = StockTaskState.DONE, utcnow(), actor.user_id
    task.qty = units
    parcel.state = ParcelState.UNPACKED
    _close_shipment(session, parcel)
    record(
        session,
        actor,
        "stock_task.unpacked",
        "parcel",
        parcel.tracking_no,
        before={"state": ParcelState.UNPACK},
        after={"task": task.id, "units": units, "state": ParcelState.UNPACKED},
    )
    return units
