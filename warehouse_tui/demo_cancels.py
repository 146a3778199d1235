"""Demo put-back and unpack work (``wms demo seed``): after picking and packing, the buyers of
one picked order and one packed order cancel at the mall, and the warehouse applies it the
real way (intake answers the cancellation request: put-back tasks for the picked units in a
tote, an unpack task for the parcel), so the packer and the returns clerk find work on menu 0.

With the built-in mall the request is made at the mall and arrives through a sync round;
with another mall the demo answers it as intake would (``answer_cancel_request``).

Public API: :func:`cancel_for_the_floor`.
"""

from __future__ import annotations

from sqlalchemy import select

from sync.order_changes import answer_cancel_request
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import Order, Parcel, PickBatch, PickTask, Shipment
from warehouse.states import OrderState, ParcelState
from warehouse_tui.context import Context


def _packed_order(database: Database, numbers: list[str]) -> str | None:
    """A packed order to cancel: the last packed one that does not go with SF (the dock demo
    hands the SF parcels over), else the last one."""
    with database.unit_of_work(read_only=True) as session:
        rows = session.execute(
            select(Order.fo_id, Shipment.carrier_code)
            .join(Shipment, Shipment.order_id == Order.id)
            .join(Parcel, Parcel.shipment_id == Shipment.id)
            .where(
                Parcel.tracking_no.in_(numbers),
                Parcel.state == ParcelState.PACKED,
                Order.state == OrderState.PACKED,
            )
            .order_by(Parcel.id)
        ).all()
    if not rows:
        return None
    others = [fo for fo, carrier in rows if carrier != "SF"]
    return (others or [fo for fo, _ in rows])[-1]


def _picked_order(database: Database, carts: list[str]) -> str | None:
    """A picked order of these carts that nobody has started packing."""
    with database.unit_of_work(read_only=True) as session:
        return session.scalars(
            select(Order.fo_id)
            .join(PickTask, PickTask.order_id == Order.id)
            .join(PickBatch, PickBatch.id == PickTask.batch_id)
            .where(PickBatch.code.in_(carts), Order.state == OrderState.PICKED)
            .order_by(Order.id.desc())
            .limit(1)
        ).first()


def cancel_for_the_floor(ctx: Context, carts: list[str], numbers: list[str]) -> list[str]:
    """Cancel one picked and one packed order of the demo; the fo_ids cancelled."""
    chosen = [
        fo
        for fo in (_picked_order(ctx.database, carts), _packed_order(ctx.database, numbers))
        if fo
    ]
    if not chosen:
        return []
    if ctx.settings.mall.base_url == "builtin":
        from warehouse_tui.builtin_mall import BuiltinMall

        mall = BuiltinMall(ctx.settings, ctx.database)
        mall.start(new_orders=0, background=False)
        try:
            mall.sync_now()  # the mall hears of the picking and packing first
            mall.request_cancels(chosen)
            mall.sync_now()  # the warehouse takes the requests and answers them
            mall.sync_now()  # the mall hears the answers
        finally:
            mall.stop()
    else:
        with ctx.database.unit_of_work() as session:
            for fo_id in chosen:
                order = session.scalars(select(Order).where(Order.fo_id == fo_id)).one()
                answer_cancel_request(session, order, Actor.system("sync"))
    with ctx.database.unit_of_work(read_only=True) as session:
        states = dict(
            session.execute(select(Order.fo_id, Order.state).where(Order.fo_id.in_(chosen))).all()
        )
    return [fo for fo in chosen if states.get(fo) == OrderState.CANCELLED]
