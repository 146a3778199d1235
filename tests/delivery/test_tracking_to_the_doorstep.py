"""From the dock to the doorstep through the reference carrier: events pushed (repeated,
reordered, forged) and pulled, each parcel in the right state, each exception in the queue,
and every tracking message at the mall exactly once."""

from __future__ import annotations

import json
import random
from collections import Counter
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import httpx
from sqlalchemy import select

from returns.receiving import open_parcel
from shipping.carrier_sim.server import SIGNATURE_HEADER, sign, start_carrier_sim
from shipping.delivery_actions import parcel_returned, reship
from shipping.delivery_exceptions import check_overdue, open_queue
from shipping.handover import open_handover, scan_parcel
from shipping.handover_day import close_and_print
from shipping.tracking_feed import ReferenceCarrierAdapter, pull, start_endpoint
from sync.client import MallClient, RetryPolicy
from sync.mall_sim import FaultConfig, MallStore, start_mall_sim
from tests import builders as b
from tests.delivery.helpers import mall_twin, push_until_done, site
from warehouse.db import Database
from warehouse.models import (
    AuditEvent,
    InsuranceClaim,
    Order,
    Parcel,
    ReturnRequest,
    Shipment,
    utcnow,
)
from warehouse.states import OrderState, ParcelState, ReturnKind, ReturnState, Role

SCENARIOS = [
    "signed",
    "signed",
    "refused",
    "returned",
    "problem",
    "delayed",
    "lost",
    "damaged",
    "stuck",
]
SECRET = "carrier-shared-secret"


def test_parcels_reach_the_doorstep_or_the_exception_queue(
    database: Database, tmp_path: Path
) -> None:
    settings = site(tmp_path)
    sf = settings.carrier("SF")
    with database.unit_of_work() as session:
        packer = b.user(session, "K1", Role.PACKER)
        boss = b.user(session, "S1", Role.SUPERVISOR)
        shop = b.merchant(session, "17")
        tea = b.sku(session, shop, "TEA")
        b.stock(session, tea, b.location(session), 10)
        orders = [b.packed_order(session, shop, [[(tea, 1)]], carrier=sf) for _ in SCENARIOS]
        two = b.packed_order(session, shop, [[(tea, 1)], [(tea, 1)]], carrier=sf)
        fo_ids = [o.fo_id for o in [*orders, two]]
        numbers = {
            o.fo_id: list(
                session.scalars(
                    select(Parcel.tracking_no)
                    .join(Shipment, Shipment.id == Parcel.shipment_id)
                    .where(Shipment.order_id == o.id)
                    .order_by(Parcel.id)
                )
            )
            for o in [*orders, two]
        }
        lost_shipment = session.scalars(
            select(Shipment).where(Shipment.order_id == orders[6].id)
        ).one()
        lost_shipment.insured_value = Decimal("800.00")
    scenario = {numbers[o.fo_id][0]: s for o, s in zip(orders, SCENARIOS, strict=True)}
    scenario |= dict.fromkeys(numbers[two.fo_id], "signed")

    mall = start_mall_sim(MallStore("W1"), token="t")
    carrier = start_carrier_sim()
    endpoint = start_endpoint(database, {"SF": SECRET})
    try:
        mall_twin(mall.store, database, fo_ids)
        with database.unit_of_work() as session:
            open_handover(session, packer, "SF", settings)
        for number in scenario:
            with database.unit_of_work() as session:
                assert scan_parcel(session, packer, "SF", number).accepted
        close_and_print(database, settings, packer, "SF")
        for number, name in scenario.items():
            carrier.store.register(number, "SF", name)
        events = carrier.store.advance(steps=5)

        # Pushed: every event twice, shuffled (older after newer), plus forgeries.
        rng = random.Random(7)
        pushed = events * 2
        rng.shuffle(pushed)
        with httpx.Client(base_url=endpoint.base_url) as http:
            for start in range(0, len(pushed), 7):
                body = json.dumps({"events": pushed[start : start + 7]}).encode()
                answer = http.post(
                    "/carriers/SF/events",
                    content=body,
                    headers={SIGNATURE_HEADER: sign(SECRET, body)},
                )
                assert answer.status_code == 200
            refused_no = next(n for n, s in scenario.items() if s == "refused")
            forged = json.dumps(
                {
                    "events": [
                        {
                            **events[0],
                            "tracking_no": refused_no,
                            "event_id": "forged-1",
                            "status": "signed",
                            "occurred_at": "2026-12-09T00:00:00+00:00",
                        }
                    ]
                }
            ).encode()
            bad = http.post(
                "/carriers/SF/events",
                content=forged,
                headers={SIGNATURE_HEADER: sign("guess", forged)},
            )
            unsigned = http.post("/carriers/SF/events", content=forged)
            assert bad.status_code == unsigned.status_code == 401
        # Pulled as well: the same events again, stored nothing new.
        again = pull(database, "SF", ReferenceCarrierAdapter(carrier.base_url, "SF"))
        assert again.stored == 0 and again.repeated == len(events)

        with database.unit_of_work() as session:
            state = {p.tracking_no: p.state for p in session.scalars(select(Parcel))}
            forgeries = session.scalars(
                select(AuditEvent).where(AuditEvent.action == "tracking.forged")
            ).all()
        expected = {
            "signed": ParcelState.DELIVERED,
            "refused": ParcelState.RETURNING,
            "returned": ParcelState.RETURNING,
            "problem": ParcelState.PROBLEM,
            "delayed": ParcelState.DELAYED,
            "lost": ParcelState.LOST,
            "damaged": ParcelState.DAMAGED,
            "stuck": ParcelState.IN_TRANSIT,
        }
        assert {n: state[n] for n in scenario} == {n: expected[s] for n, s in scenario.items()}
        assert len(forgeries) == 2

        with database.unit_of_work() as session:
            overdue = check_overdue(session, 3, now=utcnow() + timedelta(days=30))
            queue = open_queue(session)
        kinds = Counter(e.kind for e in queue)
        assert kinds == Counter(
            {
                "refused": 1,  # refused, then returned: one entry for that parcel
                "returned": 1,
                "problem": 1,
                "delayed": 1,
                "lost": 1,
                "damaged": 1,
                "not_signed": 2,
            }
        )
        assert overdue == 2  # the stuck parcel and the delayed one

        lost = next(e for e in queue if e.kind == "lost")
        damaged = next(e for e in queue if e.kind == "damaged")
        with database.unit_of_work() as session:
            replacement, claimed = reship(session, boss, lost.id, settings)
            assert claimed and session.scalars(select(InsuranceClaim)).one().declared_value == 800
            assert not reship(session, boss, damaged.id, settings)[1], "not insured: no claim"
        # The refused and the returned parcel come back: the returns station receives each
        # (a refused delivery, made at the first scan) and its delivery exceptions close.
        returned_no = next(n for n, s in scenario.items() if s == "returned")
        with database.unit_of_work() as session:
            clerk = b.user(session, "R1", Role.RETURNS)
        for number in (refused_no, returned_no):
            with database.unit_of_work() as session:
                rma = open_parcel(session, clerk, number, key=b.key(), now=utcnow())
            assert rma == f"REFUSED-{number}"
        with database.unit_of_work() as session:
            assert not parcel_returned(session, boss, refused_no), "closed once, by the station"
            back = {
                p.tracking_no: p.state
                for p in session.scalars(
                    select(Parcel).where(Parcel.tracking_no.in_((refused_no, returned_no)))
                )
            }
            requests = {
                r.tracking_no: (r.kind, r.state) for r in session.scalars(select(ReturnRequest))
            }
            still_open = {e.tracking_no for e in open_queue(session)}
        assert back == dict.fromkeys((refused_no, returned_no), ParcelState.RETURNED)
        assert requests == dict.fromkeys(
            (refused_no, returned_no), (ReturnKind.REFUSED, ReturnState.RECEIVED)
        )
        assert not still_open & {refused_no, returned_no}

        with MallClient(
            mall.base_url,
            "t",
            policy=RetryPolicy(attempts=3, base_s=0.001, cap_s=0.01),
            timeout_s=0.5,
        ) as client:
            mall.faults.set(
                FaultConfig(
                    error_500=0.2,
                    rate_limited=0.05,
                    retry_after=("0",),
                    drop=0.05,
                    slow=0.02,
                    slow_s=0.7,
                )
            )
            push_until_done(database, client)

        applied = [a for a in mall.store.applied() if a.action == "tracking"]
        assert len({a.key for a in applied}) == len(applied), "each tracking message once"
        with database.unit_of_work(read_only=True) as session:
            orders_now = {o.fo_id: o.state for o in session.scalars(select(Order))}
        signed_orders = [o.fo_id for o, s in zip(orders, SCENARIOS, strict=True) if s == "signed"]
        for fo_id in [*signed_orders, two.fo_id]:
            assert orders_now[fo_id] == OrderState.DELIVERED
            assert mall.store.record(fo_id).state == "delivered"
        refused_record = mall.store.record(orders[2].fo_id)
        assert refused_record.parcel_status[numbers[orders[2].fo_id][0]][-1] == "RETURNED"
        lost_statuses = mall.store.record(orders[6].fo_id).parcel_status
        assert lost_statuses[numbers[orders[6].fo_id][0]][-2:] == ["LOST", "RESHIPPED"]
        assert replacement not in lost_statuses
        shipments = [a for a in mall.store.applied() if a.action == "shipments"]
        assert sorted(a.fo_id for a in shipments) == sorted(fo_ids)
    finally:
        endpoint.stop()
        carrier.stop()
        mall.stop()
