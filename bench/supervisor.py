"""The supervisor's queue on PostgreSQL with 100,000 open orders: time to the first rows, to
a filter change, to the next page and to a search, as the queue screen's worker sees them
(``SupervisorJobs``: a read-only unit of work, the role check, one keyset page of 50).

    WMS_BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \
        .venv/bin/python bench/supervisor.py [--orders 100000] [--repeat 7]

A throw-away database is created on the server, migrated, filled (20 merchants, orders in
every open state, due times over the next three days, a fifth of them late, 7 carriers, one
line each) and dropped afterwards. Each figure is the median of ``--repeat`` runs (the first
is reported too: a cold cache). Target: under 300 ms each.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import create_engine, insert, select, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database, normalise_url
from warehouse.migrate import upgrade
from warehouse.models import Merchant, Order, OrderLine, User
from warehouse.orders import OPEN_STATES
from warehouse_tui.screens.supervisor.filters import read_filter
from warehouse_tui.screens.supervisor.jobs import SupervisorJobs

CARRIERS = ("SF", "ZTO", "YTO", "STO", "YD", "JD", "EMS")


def build(database: Database, orders: int, now: datetime, seed: int = 5) -> Actor:
    rng = random.Random(seed)
    states = sorted(OPEN_STATES)
    with database.unit_of_work() as session:
        session.execute(
            insert(Merchant),
            [
                {"mall_id": f"M{n:02d}", "name": f"店铺{n}", "name_en": f"Shop {n}"}
                for n in range(20)
            ],
        )
        merchants = list(session.scalars(select(Merchant.id).order_by(Merchant.id)))
        user = User(badge="S-BENCH", name="bench", role="supervisor", pin_hash="-")
        session.add(user)
        session.flush()
        actor = Actor.of(user)
    step = 10_000
    for start in range(0, orders, step):
        rows = [
            {
                "fo_id": f"FO-{n}",
                "version": 1,
                "order_sn": f"SN{n:012d}",
                "merchant_id": rng.choice(merchants),
                "state": rng.choice(states),
                "priority": rng.choice((0, 0, 0, 50, 60, 120, 200, 400)),
                "due_at": now + timedelta(minutes=rng.randint(-24 * 60, 3 * 24 * 60)),
                "carrier_code": rng.choice(CARRIERS),
                "created_at": now,
                "updated_at": now,
            }
            for n in range(start, min(orders, start + step))
        ]
        with database.unit_of_work() as session:
            session.execute(insert(Order), rows)
            ids = session.execute(
                select(Order.id, Order.fo_id).where(Order.fo_id.in_([r["fo_id"] for r in rows]))
            ).all()
            session.execute(
                insert(OrderLine),
                [
                    {
                        "order_id": i,
                        "line_id": "L1",
                        "sku_code": f"SKU{rng.randint(1, 1000)}",
                        "qty": 1,
                    }
                    for i, _ in ids
                ],
            )
    with database.engine.begin() as conn:
        conn.execute(text("ANALYZE"))
    return actor


def timed(job: Callable[[], object], repeat: int) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        job()
        runs.append((time.perf_counter() - started) * 1000)
    return runs[0], statistics.median(runs)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    server = os.environ.get("WMS_BENCH_DATABASE_URL") or os.environ.get("WMS_TEST_DATABASE_URL")
    if not server:
        print("Set WMS_BENCH_DATABASE_URL (or WMS_TEST_DATABASE_URL) to a PostgreSQL server.")
        return 2
    admin = create_engine(normalise_url(server), isolation_level="AUTOCOMMIT")
    name = f"wms_bench_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(normalise_url(server)).set(database=name).render_as_string(hide_password=False)
    now = datetime.now(UTC)
    try:
        database = Database.from_url(url)
        upgrade(database)
        started = time.perf_counter()
        actor = build(database, args.orders, now)
        print(f"{args.orders} open orders built in {time.perf_counter() - started:.0f} s")
        jobs = SupervisorJobs(database, Settings(), actor, clock=lambda: now)
        first = jobs.queue(read_filter("", now).wanted)
        cases: list[tuple[str, Callable[[], object]]] = [
            ("first rows (all open orders)", lambda: jobs.queue(read_filter("", now).wanted)),
            ("filter: merchant=M07", lambda: jobs.queue(read_filter("merchant=M07", now).wanted)),
            (
                "filter: carrier=SF prio=200",
                lambda: jobs.queue(read_filter("carrier=SF prio=200", now).wanted),
            ),
            (
                "filter: state=held,short due=2h",
                lambda: jobs.queue(read_filter("state=held,short due=2h", now).wanted),
            ),
            (
                "next page (after row 50)",
                lambda: jobs.queue(read_filter("", now).wanted, first.next_key),
            ),
            ("search: an order number", lambda: jobs.search("SN000000054321")),
            ("search: a SKU (capped at 50)", lambda: jobs.search("SKU77")),
        ]
        print(f"Supervisor queue on PostgreSQL, {args.orders} open orders, pages of 50 (ms)")
        print(f"{'what':<36} {'first':>7} {'median':>7}")
        for label, job in cases:
            cold, median = timed(job, args.repeat)
            print(f"{label:<36} {cold:7.1f} {median:7.1f}")
        database.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
