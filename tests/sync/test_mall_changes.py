"""Later changes from the mall reach the floor: cancellations give stock back or send goods
back to the shelf, quantity changes and substitutions update open work."""

from __future__ import annotations

from sqlalchemy import select
from sync_helpers import add_catalog

from sync.client import MallClient
from sync.ingest import sync_orders
from sync.intake import IntakeContext
from sync.mall_sim import RunningMall, seed_store
from sync.pusher import push_pending
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import Location, Order, OutboxEvent, Reservation, Sku, StockQuant, StockTask
from warehouse.orders import ALLOCATED, CANCELLED, PICKING, RELEASED, SHIPPED, transition
from warehouse.words import render_all

ONE_SKU = {("17", "华为官方旗舰店"): ["HW-P20-GOLD-64"]}


def _sync(database: Database, mall: RunningMall, context: IntakeContext) -> None:
    with MallClient(mall.base_url, mall.token) as client:
        sync_orders(database, client, context)
        push_pending(database, client)
        sync_orders(database, client, context)


def _released(database: Database, mall: RunningMall, context: IntakeContext) -> str:
    add_catalog(database, ONE_SKU)
    ids = seed_store(mall.store, 40, ONE_SKU, seed=3)
    _sync(database, mall, context)
    with database.unit_of_work(read_only=True) as session:
        released = set(session.scalars(select(Order.fo_id).where(Order.state == RELEASED)))
    return next(fo for fo in ids if fo in released)


def _allocate(database: Database, fo_id: str, *, picked: int = 0, to: str = ALLOCATED) -> int:
    """Reserve every line on one shelf (and optionally pick some): what the core will do."""
    with database.unit_of_work() as session:
        order = session.scalars(select(Order).where(Order.fo_id == fo_id)).one()
        sku = session.scalars(select(Sku)).one()
        location = Location(code="A-01-01-1-A", zone="A", aisle=1, bay=1, level=1, bin="A")
        session.add(location)
        session.flush()
        quant = StockQuant(
            sku_id=sku.id,
            location_id=location.id,
            owner_id=sku.merchant_id,
            on_hand=100,
            reserved=sum(line.qty for line in order.lines),
        )
        session.add(quant)
        session.flush()
        for line in order.lines:
            session.add(
                Reservation(
                    order_line_id=line.id,
                    quant_id=quant.id,
                    qty=line.qty,
                    picked=min(picked, line.qty),
                )
            )
            line.allocated, line.picked = line.qty, min(picked, line.qty)
        transition(session, order, ALLOCATED, Actor.system("test"))
        if to != ALLOCATED:
            transition(session, order, to, Actor.system("test"))
        return quant.id


def _state(database: Database, fo_id: str) -> tuple[str, int, list[int]]:
    with database.unit_of_work(read_only=True) as session:
        order = session.scalars(select(Order).where(Order.fo_id == fo_id)).one()
        reserved = session.scalars(select(StockQuant.reserved)).all()
        return order.state, len(session.scalars(select(StockTask)).all()), list(reserved)


def test_a_cancel_before_picking_gives_the_reserved_stock_back(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    fo_id = _released(database, mall, context)
    _allocate(database, fo_id)
    mall.store.request_cancel(fo_id)
    _sync(database, mall, context)
    assert _state(database, fo_id) == (CANCELLED, 0, [0])
    assert mall.store.order(fo_id)["state"] == "cancelled"  # our ACCEPT reached the mall


def test_a_cancel_after_picking_started_sends_the_picked_goods_back_to_their_shelf(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    fo_id = _released(database, mall, context)
    _allocate(database, fo_id, picked=1, to=PICKING)
    lines = len(mall.store.order(fo_id)["lines"])
    mall.store.request_cancel(fo_id)
    _sync(database, mall, context)
    state, tasks, reserved = _state(database, fo_id)
    assert state == CANCELLED and tasks == lines
    with database.unit_of_work(read_only=True) as session:
        task = session.scalars(select(StockTask)).first()
        assert task is not None and task.kind == "put_back" and task.reference == fo_id
    assert reserved == [lines]  # only the picked units stay reserved, for the put-back
    assert mall.store.order(fo_id)["state"] == "cancelled"


def test_a_cancel_after_shipping_is_refused_as_already_shipped(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    fo_id = _released(database, mall, context)
    with database.unit_of_work() as session:
        order = session.scalars(select(Order).where(Order.fo_id == fo_id)).one()
        lines = [{"line_id": line.line_id, "qty": line.qty} for line in order.lines]
        for target in (ALLOCATED, PICKING, "picked", "packing", "packed"):
            transition(session, order, target, Actor.system("test"))
        transition(
            session,
            order,
            SHIPPED,
            Actor.system("test"),
            notify=(
                "shipment",
                {
                    "final": True,
                    "packages": [
                        {
                            "carrier_code": "ZTO",
                            "tracking_no": "ZTO77770001",
                            "weight_kg": "0.800",
                            "lines": lines,
                        }
                    ],
                },
            ),
        )
    with MallClient(mall.base_url, mall.token) as client:
        push_pending(database, client)
    mall_now = mall.store.order(fo_id)
    assert mall_now["state"] == "shipped"
    # the buyer asked before the shipment arrived at the mall: make the mall see a request
    record = mall.store._orders[fo_id]
    record.snapshot["cancel_request"] = {
        "requested_at": "2024-06-11T12:00:00+08:00",
        "reason": "late",
    }
    mall.store._stamp(record, new_version=True)
    _sync(database, mall, context)
    with database.unit_of_work(read_only=True) as session:
        answer = session.scalars(
            select(OutboxEvent).where(OutboxEvent.kind == "cancellation")
        ).one()
    assert answer.payload["decision"] == "REJECT" and answer.payload["reason"] == "ALREADY_SHIPPED"
    assert answer.state == "sent" and mall.store.order(fo_id)["cancel_request"] is None


def test_a_lower_quantity_before_picking_frees_stock_and_sends_the_order_back_to_allocation(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    fo_id = _released(database, mall, context)
    line = mall.store.order(fo_id)["lines"][0]
    mall.store.change_lines(fo_id, [{**line, "qty": line["qty"] + 2}])
    _sync(database, mall, context)
    _allocate(database, fo_id)
    mall.store.change_lines(fo_id, [{**line, "qty": 1}])
    _sync(database, mall, context)
    state, _, reserved = _state(database, fo_id)
    assert state == RELEASED and reserved == [0]
    with database.unit_of_work(read_only=True) as session:
        order = session.scalars(select(Order).where(Order.fo_id == fo_id)).one()
        assert order.lines[0].qty == 1 and order.lines[0].allocated == 0


def test_a_substituted_line_after_picking_is_left_alone_and_the_supervisor_is_warned(
    database: Database, mall: RunningMall, context: IntakeContext
) -> None:
    fo_id = _released(database, mall, context)
    _allocate(database, fo_id, picked=1, to=PICKING)
    line = mall.store.order(fo_id)["lines"][0]
    mall.store.change_lines(fo_id, [{**line, "line_id": "L9", "sku_code": "HW-P20-GOLD-64"}])
    _sync(database, mall, context)
    with database.unit_of_work(read_only=True) as session:
        order = session.scalars(select(Order).where(Order.fo_id == fo_id)).one()
        assert order.state == PICKING
        assert "after work on the order started" in render_all(order.warnings, "en")
        assert "作业开始后" in render_all(order.warnings, "zh_CN")
        assert [ln.line_id for ln in order.lines] == [line["line_id"]]  # the floor's work stands
