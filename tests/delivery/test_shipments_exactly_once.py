"""Every shipment reaches the mall exactly once: handovers closed while a push worker is
killed with SIGKILL at random points, through 5xx, 429, slow answers, dropped connections
and SYSTEM_BUSY; then one clean run. Runs on PostgreSQL when ``WMS_TEST_DATABASE_URL`` is
set, else on SQLite (like ``tests/sync/test_exactly_once_under_faults.py``)."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import select

from shipping.handover import open_handover, scan_parcel
from shipping.handover_day import close_and_print
from sync.client import MallClient, RetryPolicy
from sync.mall_sim import FaultConfig, MallStore, start_mall_sim
from tests import builders as b
from tests.delivery.helpers import mall_twin, push_until_done, site
from warehouse.db import Database
from warehouse.models import OutboxEvent, Parcel, Shipment
from warehouse.states import Role

WORKER = Path(__file__).with_name("push_worker.py")
FAULTS = "500=0.2,429=0.05,retry_after=0|0.05,slow=0.02,slow_s=0.6,drop=0.05,biz=0.02"
ORDERS = 60


@pytest.fixture
def fault_db(request: pytest.FixtureRequest) -> Database:
    name = "pg_database" if os.environ.get("WMS_TEST_DATABASE_URL") else "sqlite_database"
    return request.getfixturevalue(name)  # type: ignore[no-any-return]


def test_each_shipment_reaches_the_mall_once_through_faults_and_kills(
    fault_db: Database, tmp_path: Path
) -> None:
    database = fault_db
    settings = site(tmp_path)
    rng = random.Random(5)
    with database.unit_of_work() as session:
        packer = b.user(session, "K1", Role.PACKER)
        shop = b.merchant(session, "17")
        tea, cup = b.sku(session, shop, "TEA"), b.sku(session, shop, "CUP")
        orders = []
        for n in range(ORDERS):
            carrier = settings.carrier("SF" if n % 3 else "ZTO")
            groups = [[(tea, 1)], [(cup, 2)]] if n % 4 == 0 else [[(tea, 1 + n % 2)]]
            orders.append(b.packed_order(session, shop, groups, carrier=carrier))
        fo_ids = [o.fo_id for o in orders]
        parcels = [
            (p.tracking_no, s.carrier_code)
            for p, s in session.execute(
                select(Parcel, Shipment).join(Shipment, Shipment.id == Parcel.shipment_id)
            )
        ]
    mall = start_mall_sim(
        MallStore("W1"), token="tok", faults=FaultConfig.parse(FAULTS), fault_seed=3
    )
    try:
        mall_twin(mall.store, database, fo_ids)
        rng.shuffle(parcels)
        batches = [parcels[i::4] for i in range(4)]  # four pick-ups across the day
        for batch in batches:
            worker = subprocess.Popen(
                [sys.executable, str(WORKER), database.url, mall.base_url, mall.token],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
            )
            for code in ("SF", "ZTO"):
                with database.unit_of_work() as session:
                    open_handover(session, packer, code, settings)
                for number, carrier in batch:
                    if carrier == code:
                        with database.unit_of_work() as session:
                            assert scan_parcel(session, packer, code, number).accepted
                close_and_print(database, settings, packer, code)
            time.sleep(rng.uniform(0.3, 1.2))
            worker.kill()  # SIGKILL, wherever it is
            worker.wait(timeout=10)
        mall.faults.set(FaultConfig())
        with MallClient(mall.base_url, "tok", policy=RetryPolicy(attempts=3)) as client:
            push_until_done(database, client)
        with database.unit_of_work(read_only=True) as session:
            sent = session.scalars(select(OutboxEvent).where(OutboxEvent.kind == "shipment")).all()
        assert all(e.state == "sent" for e in sent)
        applied = [a for a in mall.store.applied() if a.action == "shipments"]
        assert sorted(a.key for a in applied) == sorted(e.event_id for e in sent)
        shipped = Counter(p["tracking_no"] for a in applied for p in a.body["packages"])
        assert sorted(shipped) == sorted(n for n, _ in parcels)
        assert set(shipped.values()) == {1}, "every parcel in exactly one applied shipment"
        assert all(mall.store.record(f).state == "shipped" for f in fo_ids)
        repeats = sum(mall.store.deliveries().get(e.event_id, 0) - 1 for e in sent)
        print(
            f"shipment messages {len(sent)}, repeated deliveries answered as duplicates {repeats}"
        )
    finally:
        mall.stop()
