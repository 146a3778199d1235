"""Eight allocators at once on PostgreSQL: scarce stock is never reserved twice."""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import cast

import pytest
from sqlalchemy import func, select

from tests import builders as f
from warehouse.db import Database
from warehouse.migrate import upgrade
from warehouse.models import (
    Order,
    OrderLine,
    OutboxEvent,
    ReplenishmentRequest,
    Reservation,
    ShortageCase,
    StockQuant,
)

TODAY = date(2026, 11, 24)
PROCESSES = 8
ORDERS = 1000
REPO = Path(__file__).resolve().parents[2]

ALLOCATOR = """
import json, sys, time
from datetime import date
from warehouse.allocation import allocate_pending
from warehouse.audit import Actor
from warehouse.db import Database
database = Database.from_url(sys.argv[1])
with database.engine.connect():
    pass  # connect before the start signal, so that all start together
time.sleep(max(0.0, float(sys.argv[2]) - time.time()))
s = allocate_pending(
    database, actor=Actor.system("allocation"), today=date(2026, 11, 24), keep_results=False, window=20
)
print(json.dumps({"processed": s.processed, "failures": s.failures}))
"""


def build_floor(database: Database, rng: random.Random) -> int:
    """Five merchants, 40 SKUs, stock for about half the demand; returns units ordered."""
    ordered = 0
    with database.unit_of_work() as s:
        merchants = [f.merchant(s, f"M{i}", whole_order_only=i == 4) for i in range(5)]
        skus = []
        for m in merchants:
            for n in range(8):
                item = f.sku(
                    s,
                    m,
                    f"S{n}",
                    lot_controlled=n % 3 == 0,
                    min_remaining_days=5,
                    pick_face_min=3,
                    pick_face_max=12,
                    reorder_point=10,
                )
                skus.append(item)
                for k in range(3):
                    where = f.location(s, kind="pick" if k < 2 else "reserve")
                    expiry = (
                        TODAY + timedelta(days=rng.choice([2, 30, 60, 90]))
                        if item.lot_controlled
                        else None
                    )
                    f.stock(
                        s,
                        item,
                        where,
                        rng.randint(0, 12),
                        lot=f"L{k}" if expiry else "",
                        expiry=expiry,
                    )
                # the same code of another merchant: must never be touched
                other = merchants[(merchants.index(m) + 1) % 5]
                f.stock(s, item, f.location(s), 50, owner=other)
        for _ in range(ORDERS):
            m = rng.choice(merchants)
            own = [k for k in skus if k.merchant_id == m.id]
            lines = [(k, rng.randint(1, 4)) for k in rng.sample(own, rng.randint(1, 3))]
            ordered += sum(q for _, q in lines)
            f.order(s, m, lines, priority=rng.choice([0, 60, 120, 400]))
    return ordered


@pytest.mark.postgres
def test_eight_allocators_share_a_thousand_orders_without_overbooking_scarce_stock(
    pg_server: object,
) -> None:
    url = pg_server.create_database("wms_alloc")  # type: ignore[attr-defined]
    database = Database.from_url(url)
    upgrade(database)
    build_floor(database, random.Random(7))
    start = time.time() + 3.0
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", ALLOCATOR, url, str(start)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    outputs = [p.communicate(timeout=120) for p in procs]
    elapsed = time.time() - start
    for p, (_out, err) in zip(procs, outputs, strict=True):
        assert p.returncode == 0, err
    reports = [json.loads(out.strip().splitlines()[-1]) for out, _ in outputs]
    assert all(r["failures"] == [] for r in reports)
    assert sum(1 for r in reports if r["processed"]) >= 2, "the work was not shared"

    with database.unit_of_work(read_only=True) as s:
        states = dict(s.execute(select(Order.state, func.count()).group_by(Order.state)).all())
        assert set(states) <= {"allocated", "short"} and sum(states.values()) == ORDERS
        assert s.scalar(select(func.count()).where(StockQuant.reserved > StockQuant.on_hand)) == 0
        assert s.scalar(select(func.count()).where(OrderLine.allocated > OrderLine.qty)) == 0
        total_reservations = s.scalar(select(func.sum(Reservation.qty)))
        total_quants = s.scalar(select(func.sum(StockQuant.reserved)))
        total_lines = s.scalar(select(func.sum(OrderLine.allocated)))
        assert total_reservations == total_quants == total_lines
        assert (total_lines or 0) > 0
        # per quant and per line, not only in total
        per_quant = dict(
            s.execute(
                select(Reservation.quant_id, func.sum(Reservation.qty)).group_by(
                    Reservation.quant_id
                )
            ).all()
        )
        reserved = dict(
            s.execute(
                select(StockQuant.id, StockQuant.reserved).where(StockQuant.reserved > 0)
            ).all()
        )
        assert per_quant == reserved
        per_line = dict(
            s.execute(
                select(Reservation.order_line_id, func.sum(Reservation.qty)).group_by(
                    Reservation.order_line_id
                )
            ).all()
        )
        lines = dict(
            s.execute(
                select(OrderLine.id, OrderLine.allocated).where(OrderLine.allocated > 0)
            ).all()
        )
        assert per_line == lines
        # never another merchant's stock
        foreign = s.scalar(
            select(func.count())
            .select_from(Reservation)
            .join(StockQuant, Reservation.quant_id == StockQuant.id)
            .join(OrderLine, Reservation.order_line_id == OrderLine.id)
            .join(Order, OrderLine.order_id == Order.id)
            .where(StockQuant.owner_id != Order.merchant_id)
        )
        assert foreign == 0
        # one shortage message per case
        cases = s.scalar(select(func.count()).select_from(ShortageCase))
        messages = s.scalars(select(OutboxEvent.payload).where(OutboxEvent.kind == "shortage"))
        told_lines = sum(len(cast(list[object], p["lines"])) for p in messages)
        assert cases == told_lines > 0
        # one supplier request per SKU and owner, each told to the mall once
        requests = s.execute(
            select(
                ReplenishmentRequest.kind,
                ReplenishmentRequest.sku_id,
                ReplenishmentRequest.owner_id,
            )
        ).all()
        assert len(requests) == len(set(requests)) > 0
        supplier = sum(1 for kind, _, _ in requests if kind == "supplier")
        told = s.scalar(select(func.count()).where(OutboxEvent.kind == "supplier_request"))
        assert told == supplier
    database.dispose()
    assert elapsed < 120, "allocation took far too long (a lock wait?)"
