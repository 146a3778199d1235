"""Shortages reach the mall once; low pick faces and low site stock raise one request each."""

from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests import builders as f
from warehouse.allocation import allocate_pending
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import OutboxEvent, ReplenishmentRequest, ShortageCase, StockTask
from warehouse.stock import receive

TODAY = date(2026, 11, 24)
CLERK = Actor(name="R001", user_id=None, role="packer")  # receiving at the dock


def outbox(database: Database, kind: str) -> list[OutboxEvent]:
    with database.unit_of_work(read_only=True) as s:
        return list(s.scalars(select(OutboxEvent).where(OutboxEvent.kind == kind)))


def test_a_shortage_opens_one_case_and_tells_the_mall_once_however_often_it_is_retried(
    database: Database,
) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s)
        pen, ink = f.sku(s, m, "PEN"), f.sku(s, m, "INK")
        f.stock(s, pen, f.location(s), 5)
        f.stock(s, ink, f.location(s), 1)
        f.order(s, m, [(pen, 2), (ink, 3)], fo_id="FO-1")
    for _ in range(3):
        allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    events = outbox(database, "shortage")
    assert len(events) == 1
    body = events[0].payload
    assert events[0].fo_id == "FO-1"
    assert body["proposal"] == "SHIP_AVAILABLE"
    assert body["lines"] == [
        {"line_id": "L2", "ordered_qty": 3, "available_qty": 1, "reason": "OUT_OF_STOCK"}
    ]
    assert {"event_id", "occurred_at"} <= set(body)
    with database.unit_of_work(read_only=True) as s:
        cases = list(s.scalars(select(ShortageCase)))
    assert [(c.ordered_qty, c.available_qty, c.reason, c.state) for c in cases] == [
        (3, 1, "OUT_OF_STOCK", "open")
    ]


def test_a_whole_order_merchant_is_asked_to_hold(database: Database) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s, whole_order_only=True)
        pen = f.sku(s, m, "PEN")
        f.stock(s, pen, f.location(s), 1)
        f.order(s, m, [(pen, 2)], fo_id="FO-1")
    allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    (event,) = outbox(database, "shortage")
    assert event.payload["proposal"] == "HOLD"
    assert event.payload["lines"][0]["available_qty"] == 1  # type: ignore[index]


def test_stock_arriving_lets_a_short_order_through_and_closes_its_case(
    database: Database,
) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s, "M1")
        pen = f.sku(s, m, "PEN")
        f.stock(s, pen, f.location(s, "A-05-05-1-A"), 1)
        f.order(s, m, [(pen, 4)], fo_id="FO-1")
    assert allocate_pending(database, actor=Actor.system("allocation"), today=TODAY).partial == 1
    with database.unit_of_work() as s:
        receive(s, CLERK, sku_code="PEN", location_code="A-05-05-1-A", qty=10, today=TODAY)
    summary = allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    assert summary.allocated == 1
    with database.unit_of_work(read_only=True) as s:
        case = s.scalar(select(ShortageCase))
        assert case is not None and case.state == "resolved"
    assert len(outbox(database, "shortage")) == 1


def test_a_low_pick_face_raises_one_request_across_many_orders(database: Database) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s)
        rice = f.sku(s, m, "RICE", lot_controlled=True, pick_face_min=10, pick_face_max=30)
        face = f.location(s, "A-01-01-1-A")
        f.stock(s, rice, face, 20, lot="L1", expiry=TODAY + timedelta(200))
        f.stock(
            s,
            rice,
            f.location(s, "B-01-01-1-A", kind="reserve"),
            50,
            lot="L3",
            expiry=TODAY + timedelta(300),
        )
        f.stock(
            s,
            rice,
            f.location(s, "B-01-02-1-A", kind="reserve"),
            8,
            lot="L2",
            expiry=TODAY + timedelta(250),
        )
        for _ in range(15):
            f.order(s, m, [(rice, 1)])
    summary = allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    assert summary.allocated == 15
    with database.unit_of_work(read_only=True) as s:
        requests = list(s.scalars(select(ReplenishmentRequest)))
        assert [(r.kind, r.state) for r in requests] == [("pick_face", "open")]
        # raised by the order that left 9 on the face: 21 up to the maximum of 30
        assert requests[0].qty == 21
        tasks = list(s.scalars(select(StockTask).order_by(StockTask.id)))
    assert [(t.kind, t.lot, t.qty, t.to_location_id == face.id) for t in tasks] == [
        ("move", "L2", 8, True),
        ("move", "L3", 13, True),
    ]


def test_site_stock_below_the_reorder_point_asks_the_merchant_once(database: Database) -> None:
    with database.unit_of_work() as s:
        m = f.merchant(s, "M9")
        soap = f.sku(s, m, "SOAP", reorder_point=8)
        f.stock(s, soap, f.location(s), 10)
        for _ in range(6):
            f.order(s, m, [(soap, 1)])
    allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    events = outbox(database, "supplier_request")
    assert len(events) == 1
    assert events[0].payload["sku_code"] == "SOAP"
    assert events[0].payload["merchant_id"] == "M9"
    assert events[0].payload["available_qty"] == 7
    with database.unit_of_work() as s:
        receive(s, CLERK, sku_code="SOAP", location_code=_first_location(s), qty=20, today=TODAY)
    with database.unit_of_work(read_only=True) as s:
        assert (
            s.scalar(
                select(func.count())
                .select_from(ReplenishmentRequest)
                .where(ReplenishmentRequest.state == "open")
            )
            == 0
        )


def _first_location(s: Session) -> str:
    from warehouse.models import Location

    return s.scalars(select(Location.code).order_by(Location.id)).first() or ""


def test_the_shortage_message_matches_the_mall_contract(database: Database) -> None:
    from sync.pusher import body_for

    with database.unit_of_work() as s:
        m = f.merchant(s)
        milk = f.sku(s, m, "MILK", lot_controlled=True, min_remaining_days=3)
        f.stock(s, milk, f.location(s), 5, lot="OLD", expiry=TODAY)
        f.order(s, m, [(milk, 2), ("GONE", 1)], fo_id="FO-1")
    allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    (event,) = outbox(database, "shortage")
    body = body_for("shortage", event.payload)
    lines = [(line.line_id, line.reason) for line in body.lines]  # type: ignore[attr-defined]
    assert lines == [("L1", "EXPIRED"), ("L2", "NOT_FOUND")]


def test_filling_the_pick_face_from_reserve_closes_its_request(database: Database) -> None:
    from warehouse.stock import move

    with database.unit_of_work() as s:
        m = f.merchant(s, "M1")
        tea = f.sku(s, m, "TEA", pick_face_min=5, pick_face_max=10)
        f.stock(s, tea, f.location(s, "A-01-01-1-A"), 6)
        f.stock(s, tea, f.location(s, "B-01-01-1-A", kind="reserve"), 40)
        f.order(s, m, [(tea, 3)])
    allocate_pending(database, actor=Actor.system("allocation"), today=TODAY)
    with database.unit_of_work(read_only=True) as s:
        (request,) = s.scalars(select(ReplenishmentRequest))
        assert (request.state, request.qty) == ("open", 7)
    with database.unit_of_work() as s:
        move(
            s,
            CLERK,
            sku_code="TEA",
            from_location="B-01-01-1-A",
            to_location="A-01-01-1-A",
            qty=7,
            today=TODAY,
        )
    with database.unit_of_work(read_only=True) as s:
        (request,) = s.scalars(select(ReplenishmentRequest))
        assert (request.state, request.open_key) == ("done", None)
