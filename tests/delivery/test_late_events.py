"""Carrier events in any order: the same parcels' histories sent in the carrier's order,
reversed, and shuffled with every event twice end in the same parcel and order states, the
same delivery-exception entries and the same set of ``tracking`` messages for the mall."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select

from shipping.handover import open_handover, scan_parcel
from shipping.handover_day import close_and_print
from shipping.tracking_feed import store_events
from tests import builders as b
from tests.delivery.helpers import site
from warehouse.db import Database
from warehouse.models import DeliveryException, Order, OutboxEvent, Parcel, Shipment
from warehouse.states import OrderState, ParcelState, Role

HISTORIES: dict[str, tuple[str, ...]] = {
    "signed": ("collected", "in_transit", "out_for_delivery", "signed"),
    "refused_back": ("collected", "in_transit", "out_for_delivery", "refused", "returned"),
    "refused_then_signed": (
        "collected", "in_transit", "out_for_delivery", "refused", "out_for_delivery", "signed",
    ),
    "delayed_then_signed": (
        "collected", "in_transit", "delayed", "in_transit", "out_for_delivery", "signed",
    ),
    "lost": ("collected", "in_transit", "lost"),
    "problem": ("collected", "problem"),
}  # fmt: skip
START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
ARRIVALS = ("in_order", "reversed", "shuffled_twice")


def _events(numbers: dict[str, str]) -> list[dict[str, Any]]:
    """Every parcel's history in the carrier's time order (one hour apart per step)."""
    events = []
    for name, history in HISTORIES.items():
        for step, status in enumerate(history, start=1):
            events.append(
                {
                    "event_id": f"{numbers[name]}-{step}",
                    "carrier_code": "SF",
                    "tracking_no": numbers[name],
                    "status": status,
                    "occurred_at": (START + timedelta(hours=step)).isoformat(),
                    "place": f"{status} {step}",
                }
            )
    return sorted(events, key=lambda e: (e["occurred_at"], e["tracking_no"]))


def _arrive(events: list[dict[str, Any]], how: str) -> list[dict[str, Any]]:
    if how == "in_order":
        return events
    if how == "reversed":
        return events[::-1]
    twice = events * 2
    random.Random(13).shuffle(twice)
    return twice


def _outcome(database: Database, numbers: dict[str, str]) -> dict[str, Any]:
    """What each history left, by history name (tracking numbers left out)."""
    by_number = {n: name for name, n in numbers.items()}
    with database.unit_of_work(read_only=True) as session:
        parcels = {
            p.tracking_no: p
            for p in session.scalars(select(Parcel).where(Parcel.tracking_no.in_(by_number)))
        }
        orders = {
            by_number[p.tracking_no]: session.get_one(Order, p.shipment.order_id)
            for p in parcels.values()
        }
        entries = Counter(
            (by_number[parcels_by_id.tracking_no], e.kind, e.state, e.action, e.latest_event)
            for e in session.scalars(select(DeliveryException))
            for parcels_by_id in [session.get_one(Parcel, e.parcel_id)]
            if parcels_by_id.tracking_no in by_number
        )
        fo = {o.fo_id: name for name, o in orders.items()}
        messages = Counter(
            (
                fo[m.fo_id],
                m.payload["status"],
                m.payload["event_time"],
                m.payload.get("place", ""),
                m.payload.get("request"),
                bool(m.payload.get("order_delivered")),
            )
            for m in session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "tracking"))
            if m.fo_id in fo
        )
        return {
            "parcels": {by_number[n]: p.state for n, p in parcels.items()},
            "orders": {name: o.state for name, o in orders.items()},
            "entries": entries,
            "messages": messages,
        }


def test_any_arrival_order_ends_the_same(database: Database, tmp_path: Path) -> None:
    settings = site(tmp_path)
    sf = settings.carrier("SF")
    with database.unit_of_work() as session:
        packer = b.user(session, "K1", Role.PACKER)
        shop = b.merchant(session, "17")
        tea = b.sku(session, shop, "TEA")
        numbers: dict[str, dict[str, str]] = {}
        for how in ARRIVALS:
            numbers[how] = {}
            for name in HISTORIES:
                order = b.packed_order(session, shop, [[(tea, 1)]], carrier=sf)
                numbers[how][name] = session.scalars(
                    select(Parcel.tracking_no)
                    .join(Shipment, Shipment.id == Parcel.shipment_id)
                    .where(Shipment.order_id == order.id)
                ).one()
        open_handover(session, packer, "SF", settings)
    for how in ARRIVALS:
        for number in numbers[how].values():
            with database.unit_of_work() as session:
                assert scan_parcel(session, packer, "SF", number).accepted
    close_and_print(database, settings, packer, "SF")

    for how in ARRIVALS:
        for event in _arrive(_events(numbers[how]), how):
            store_events(database, [event])  # each arrival on its own, as pushes come
    outcomes = {how: _outcome(database, numbers[how]) for how in ARRIVALS}

    expected = outcomes["in_order"]
    assert expected["parcels"] == {
        "signed": ParcelState.DELIVERED,
        "refused_back": ParcelState.RETURNING,
        "refused_then_signed": ParcelState.DELIVERED,
        "delayed_then_signed": ParcelState.DELIVERED,
        "lost": ParcelState.LOST,
        "problem": ParcelState.PROBLEM,
    }
    assert expected["orders"] == {
        "signed": OrderState.DELIVERED,
        "refused_back": OrderState.SHIPPED,
        "refused_then_signed": OrderState.DELIVERED,
        "delayed_then_signed": OrderState.DELIVERED,
        "lost": OrderState.SHIPPED,
        "problem": OrderState.SHIPPED,
    }
    entries = {(name, kind, state, action) for name, kind, state, action, _ in expected["entries"]}
    assert entries == {
        ("refused_back", "refused", "open", "expect_return"),
        ("refused_then_signed", "refused", "resolved", "signed"),
        ("delayed_then_signed", "delayed", "resolved", "signed"),
        ("lost", "lost", "open", "reship"),
        ("problem", "problem", "open", "flagged"),
    }
    assert sum(expected["entries"].values()) == 5, "one entry per parcel and kind"
    refused_entry = next(e for e in expected["entries"] if e[0] == "refused_back")
    assert refused_entry[4].endswith("returned 5"), "the shared entry shows the newest event"
    assert sum(expected["messages"].values()) == sum(len(h) for h in HISTORIES.values())
    assert all(count == 1 for count in expected["messages"].values()), "each event told once"
    delivered = [m for m in expected["messages"] if m[5]]
    assert sorted(m[0] for m in delivered) == [
        "delayed_then_signed",
        "refused_then_signed",
        "signed",
    ]

    for how in ("reversed", "shuffled_twice"):
        assert outcomes[how] == expected, how
