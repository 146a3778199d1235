"""The supervisor's queue, search and order history, on both databases."""

from __future__ import annotations

from datetime import timedelta

from tests import builders as f
from tests.builders import NOW
from tests.supervisor.helpers import escalated_short, people
from warehouse.db import Database
from warehouse.models import Parcel, Shipment
from warehouse.supervision.history import order_history
from warehouse.supervision.queue import QueueFilter, order_page
from warehouse.supervision.search import search_orders


def _orders(database: Database) -> dict[str, str]:
    with database.unit_of_work() as session:
        shop, other = f.merchant(session, "SHOP"), f.merchant(session, "OTHER")
        tea = f.sku(session, shop, "TEA")
        made = {
            "late": f.order(session, shop, [(tea, 1)], due_at=NOW - timedelta(hours=1)),
            "soon": f.order(session, shop, [(tea, 1)], due_at=NOW + timedelta(minutes=30)),
            "later": f.order(session, other, [(tea, 1)], due_at=NOW + timedelta(hours=9)),
            "undated": f.order(session, shop, [(tea, 1)]),
            "urgent": f.order(
                session, other, [(tea, 1)], due_at=NOW + timedelta(hours=5), priority=500
            ),
        }
        made["later"].carrier_code = "SF"
        return {name: o.fo_id for name, o in made.items()}


def test_the_queue_shows_the_soonest_cut_off_first_late_and_at_risk_marked_page_by_page(
    database: Database,
) -> None:
    fo = _orders(database)
    who = people(database)
    with database.unit_of_work(read_only=True) as session:
        first = order_page(session, who.supervisor, QueueFilter(), now=NOW, limit=2)
        second = order_page(
            session, who.supervisor, QueueFilter(), after=first.next_key, now=NOW, limit=2
        )
        third = order_page(
            session, who.supervisor, QueueFilter(), after=second.next_key, now=NOW, limit=2
        )
    assert [(r.fo_id, r.mark) for r in first.rows] == [
        (fo["late"], "late"),
        (fo["soon"], "at_risk"),
    ]
    assert [r.fo_id for r in second.rows] == [fo["urgent"], fo["later"]]
    assert [r.fo_id for r in third.rows] == [fo["undated"]]
    assert third.next_key is None


def test_each_filter_narrows_the_queue(database: Database) -> None:
    fo = _orders(database)
    who = people(database)
    with database.unit_of_work(read_only=True) as session:

        def ids(wanted: QueueFilter) -> list[str]:
            return [r.fo_id for r in order_page(session, who.supervisor, wanted, now=NOW).rows]

        assert ids(QueueFilter(merchant="OTHER")) == [fo["urgent"], fo["later"]]
        assert ids(QueueFilter(carrier="SF")) == [fo["later"]]
        assert ids(QueueFilter(min_priority=100)) == [fo["urgent"]]
        assert ids(QueueFilter(due_before=NOW + timedelta(hours=1))) == [fo["late"], fo["soon"]]
        assert ids(QueueFilter(states=frozenset({"held"}))) == []


def test_search_finds_an_order_by_number_tracking_sku_or_location(database: Database) -> None:
    short = escalated_short(database)
    who = people(database)
    with database.unit_of_work() as session:
        from warehouse.models import Order

        order = session.get(Order, short.order_id)
        assert order is not None
        shipment = Shipment(order_id=order.id)
        shipment.parcels.append(Parcel(box_code="S", tracking_no="SF1234567890"))
        session.add(shipment)
        order_sn = order.order_sn
    with database.unit_of_work(read_only=True) as session:
        for term, matched in (
            (order_sn, "order"),
            ("SF1234567890", "tracking"),
            ("TEA", "sku"),
            (short.tea_shelf, "location"),
        ):
            hits = search_orders(session, who.supervisor, term)
            assert [(h.fo_id, h.matched) for h in hits] == [(short.fo_id, matched)], term
        assert search_orders(session, who.supervisor, "NOTHING-LIKE-IT") == []


def test_an_orders_history_holds_state_changes_picks_and_mall_messages(database: Database) -> None:
    short = escalated_short(database)
    who = people(database)
    with database.unit_of_work(read_only=True) as session:
        history = order_history(session, who.supervisor, short.fo_id)
    kinds = {(e.kind, e.what) for e in history}
    assert ("audit", "order.state") in kinds
    assert ("audit", "shortage.open") in kinds
    assert ("pick", "picked") in kinds and ("pick", "short") in kinds
    assert ("mall", "shortage") in kinds and ("mall", "progress") in kinds
    assert [e.at for e in history] == sorted(e.at for e in history)
