"""Held orders and every end of a shortage case, with the database and outbox state after,
on both databases."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from sync import shortage_resolutions as resolve
from tests import builders as f
from tests.supervisor.helpers import Escalated, escalated_short, people
from warehouse.db import Database
from warehouse.errors import StateError, WarehouseError
from warehouse.models import (
    AuditEvent,
    Order,
    OrderLine,
    OutboxEvent,
    PickTask,
    ShortageCase,
    Sku,
    StockQuant,
    StockTask,
)
from warehouse.pii import Receiver, ReceiverCipher
from warehouse.supervision import holds
from warehouse.words import Message, encode, render_all

TODAY = date(2026, 11, 24)


def _outbox(database: Database, fo_id: str, kind: str) -> list[dict[str, object]]:
    with database.unit_of_work(read_only=True) as session:
        return [
            dict(e.payload)
            for e in session.scalars(
                select(OutboxEvent).where(OutboxEvent.fo_id == fo_id, OutboxEvent.kind == kind)
            )
        ]


def _held(database: Database, cipher: ReceiverCipher) -> str:
    with database.unit_of_work() as session:
        shop = f.merchant(session)
        order = f.order(session, shop, [(f.sku(session, shop, "TEA"), 1)], state="held")
        order.hold_reason = encode([Message.of("intake.address_incomplete")])
        order.receiver_sealed = cipher.seal(
            Receiver(name="张三", mobile="13800001234", province="浙江省", city="", detail="?"),
            bound_to=order.fo_id,
        )
        order.mall_state = "requested"
        return order.fo_id


def test_a_bad_address_is_corrected_confirmed_and_told_to_the_mall(
    database: Database, cipher: ReceiverCipher
) -> None:
    fo_id = _held(database, cipher)
    who = people(database)
    with database.unit_of_work(read_only=True) as session:
        (held,) = holds.held_orders(session, who.supervisor, "en")
    assert held.fo_id == fo_id and held.reason
    fixed = holds.Address("浙江省", "杭州市", "西湖区", "文三路 1 号")
    with database.unit_of_work() as session:
        holds.correct_address(session, who.supervisor, fo_id, fixed, cipher)
    with database.unit_of_work(read_only=True) as session:
        order = session.scalar(select(Order).where(Order.fo_id == fo_id))
        assert order is not None and order.state == "released" and order.ship_city == "杭州市"
        receiver = cipher.open(order.receiver_sealed, bound_to=fo_id)
    assert (receiver.city, receiver.detail, receiver.mobile) == (
        "杭州市",
        "文三路 1 号",
        "13800001234",
    )
    (correction,) = _outbox(database, fo_id, "address_correction")
    assert correction["city"] == "杭州市" and not {"mobile", "name", "detail"} & set(correction)
    assert len(_outbox(database, fo_id, "accept")) == 1


def test_a_held_order_is_released_or_rejected_with_a_reason_and_an_unpaid_one_waits(
    database: Database, cipher: ReceiverCipher
) -> None:
    first, second, third = (_held(database, cipher) for _ in range(3))
    who = people(database)
    with database.unit_of_work() as session, pytest.raises(WarehouseError):
        holds.release_held(session, who.supervisor, first, "  ")
    with database.unit_of_work() as session:
        holds.release_held(session, who.supervisor, first, "checked by phone")
        holds.reject_held(session, who.supervisor, second, "BAD_ADDRESS", "no such street")
        holds.keep_waiting_for_payment(session, who.supervisor, third)
    with database.unit_of_work(read_only=True) as session:
        states = {
            o.fo_id: o.state
            for o in session.scalars(select(Order).where(Order.fo_id.in_([first, second, third])))
        }
        waited = session.scalar(select(AuditEvent).where(AuditEvent.action == "hold.wait_payment"))
        assert waited is not None and render_all(waited.note, "en") == "Waiting for payment."
    assert states == {first: "released", second: "rejected", third: "held"}
    assert _outbox(database, second, "reject")[0]["reason"] == "BAD_ADDRESS"


def _state(database: Database, e: Escalated) -> tuple[Order, OrderLine, ShortageCase]:
    with database.unit_of_work(read_only=True) as session:
        order = session.get(Order, e.order_id)
        case = session.get(ShortageCase, e.case_id)
        assert order is not None and case is not None
        line = session.get(OrderLine, case.order_line_id)
        assert line is not None
        session.expunge_all()
        return order, line, case


def test_a_short_line_is_reallocated_from_another_shelf_onto_a_new_cart(database: Database) -> None:
    e = escalated_short(database)
    who = people(database)
    with database.unit_of_work() as session:
        tea = session.scalar(select(Sku).where(Sku.code == "TEA"))
        assert tea is not None
        spare = f.stock(session, tea, f.location(session), 5).id
    with database.unit_of_work() as session:
        assert resolve.reallocate(session, who.supervisor, e.case_id, TODAY) == 2
    order, line, case = _state(database, e)
    assert (order.state, line.allocated, line.short, case.state) == ("allocated", 3, 0, "resolved")
    with database.unit_of_work(read_only=True) as session:
        quant = session.get(StockQuant, spare)
        assert quant is not None and quant.reserved == 2
        new_task = session.scalar(
            select(PickTask).where(PickTask.order_id == e.order_id, PickTask.state == "pending")
        )
        assert (
            new_task is not None and new_task.qty == 2 and new_task.location_id == quant.location_id
        )
    with database.unit_of_work() as session, pytest.raises(WarehouseError):  # decided once
        resolve.reallocate(session, who.supervisor, e.case_id, TODAY)


def test_a_transfer_is_requested_from_another_warehouse_and_the_case_waits(
    database: Database,
) -> None:
    e = escalated_short(database)
    who = people(database)
    with database.unit_of_work() as session:
        resolve.request_transfer(session, who.supervisor, e.case_id, "W2")
    (body,) = _outbox(database, e.fo_id, "transfer_request")
    assert (body["sku_code"], body["qty"], body["from_warehouse"]) == ("TEA", 2, "W2")
    order, _, case = _state(database, e)
    assert (order.state, case.state) == ("short", "waiting")
    assert render_all(case.note, "en") == "Transfer of 2 requested from W2."


def test_waiting_for_replenishment_tells_the_mall_the_promised_date(database: Database) -> None:
    e = escalated_short(database)
    who = people(database)
    with database.unit_of_work() as session, pytest.raises(WarehouseError):
        resolve.wait_for_stock(session, who.supervisor, e.case_id, date(2026, 11, 1), TODAY)
    with database.unit_of_work() as session:
        resolve.wait_for_stock(session, who.supervisor, e.case_id, date(2026, 11, 28), TODAY)
    (body,) = _outbox(database, e.fo_id, "restock_promise")
    assert (body["promised_date"], body["qty"]) == ("2026-11-28", 2)
    assert _state(database, e)[2].state == "waiting"


def test_a_substitute_is_offered_and_nothing_of_it_ships_before_the_mall_answers(
    database: Database,
) -> None:
    e = escalated_short(database)
    who = people(database)
    with database.unit_of_work() as session:
        shop_id = session.get(Order, e.order_id).merchant_id  # type: ignore[union-attr]
        f.sku(session, session.get(__import__("warehouse.models").models.Merchant, shop_id), "TEA2")
    with database.unit_of_work() as session, pytest.raises(WarehouseError):
        resolve.offer_substitute(session, who.supervisor, e.case_id, "TEA")
    with database.unit_of_work() as session:
        resolve.offer_substitute(session, who.supervisor, e.case_id, "TEA2")
    (body,) = _outbox(database, e.fo_id, "substitute_offer")
    assert (body["substitute_sku_code"], body["qty"]) == ("TEA2", 2)
    order, line, case = _state(database, e)
    assert (order.state, line.sku_code, case.state) == ("short", "TEA", "waiting")
    with database.unit_of_work() as session:
        order = session.get(Order, e.order_id)
        assert order is not None
        assert resolve.close_answered(session, who.supervisor, order, ["L1"]) == 1
    assert _state(database, e)[2].state == "resolved"


def test_shipping_what_is_available_moves_the_picked_order_on_to_packing(
    database: Database,
) -> None:
    e = escalated_short(database)
    who = people(database)
    with database.unit_of_work() as session:
        assert resolve.ship_available(session, who.supervisor, e.case_id) == 1
    order, line, case = _state(database, e)
    assert (order.state, line.qty, line.picked, case.state) == ("picked", 1, 1, "resolved")
    shortage = _outbox(database, e.fo_id, "shortage")[-1]
    assert shortage["proposal"] == "SHIP_AVAILABLE"
    assert shortage["lines"] == [
        {"line_id": "L1", "ordered_qty": 3, "available_qty": 1, "reason": "OUT_OF_STOCK"}
    ]


def test_cancelling_the_line_refunds_it_and_puts_the_picked_unit_back(database: Database) -> None:
    e = escalated_short(database)
    who = people(database)
    with database.unit_of_work() as session:
        resolve.cancel_line(session, who.supervisor, e.case_id)
    order, line, case = _state(database, e)
    assert (order.state, line.cancelled, case.state) == ("picked", True, "resolved")
    assert _outbox(database, e.fo_id, "shortage")[-1]["lines"][0]["available_qty"] == 0  # type: ignore[index]
    with database.unit_of_work(read_only=True) as session:
        (task,) = session.scalars(select(StockTask).where(StockTask.kind == "put_back"))
        assert (task.qty, task.reference) == (1, e.fo_id)


def test_a_cancelled_order_on_a_cart_is_taken_off_it(database: Database) -> None:
    from sync.stock_effects import take_off_carts

    with database.unit_of_work() as session:
        shop = f.merchant(session)
        quant = f.stock(session, f.sku(session, shop, "TEA"), f.location(session), 5)
        order = f.allocated_order(session, shop, [(quant, 2)])
        cart = f.batch(session, [order])
        who = f.user(session, role="supervisor")
        assert take_off_carts(session, who, order) == 1
        cart_id = cart.id
    with database.unit_of_work(read_only=True) as session:
        states = set(session.scalars(select(PickTask.state).where(PickTask.batch_id == cart_id)))
        from warehouse.models import PickBatch

        assert states == {"cancelled"}
        assert session.get(PickBatch, cart_id).state == "done"  # type: ignore[union-attr]


def test_a_decided_case_cannot_be_decided_again(database: Database) -> None:
    e = escalated_short(database)
    who = people(database)
    with database.unit_of_work() as session:
        resolve.cancel_line(session, who.supervisor, e.case_id)
    with database.unit_of_work() as session, pytest.raises(StateError.__mro__[1]):
        resolve.ship_available(session, who.supervisor, e.case_id)


def test_an_order_whose_only_line_is_cancelled_is_cancelled(database: Database) -> None:
    from warehouse.shortages import HOLD, OUT_OF_STOCK, LineShortage, open_cases

    who = people(database)
    with database.unit_of_work() as session:
        shop = f.merchant(session)
        order = f.order(session, shop, [(f.sku(session, shop, "TEA"), 2)], state="short")
        (case,) = open_cases(
            session,
            who.supervisor,
            order,
            [LineShortage(order.lines[0], 0, OUT_OF_STOCK)],
            source="allocation",
            proposal=HOLD,
        )
        session.flush()
        case_id, order_id = case.id, order.id
    with database.unit_of_work() as session:
        resolve.cancel_line(session, who.supervisor, case_id)
    with database.unit_of_work(read_only=True) as session:
        assert session.get(Order, order_id).state == "cancelled"  # type: ignore[union-attr]
