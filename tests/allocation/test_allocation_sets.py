"""Sets of orders per transaction allocate exactly as one order per transaction does."""

from __future__ import annotations

import json
import random
from collections import Counter, defaultdict
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import delete, select

from tests import builders as f
from warehouse.allocation import allocate_pending
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import (
    AuditEvent,
    Location,
    Merchant,
    Order,
    OrderLine,
    OutboxEvent,
    ReplenishmentRequest,
    Reservation,
    ShortageCase,
    Sku,
    StockQuant,
    StockTask,
)
from warehouse.models.base import Base

SYSTEM = Actor.system("allocation")
TODAY = date(2026, 11, 24)


def seed_site(database: Database, seed: int) -> None:
    """Six merchants (one whole-order only), dated and plain SKUs, expired and short-dated
    lots, pick faces and reserve, scarce stock, unknown codes, cancelled lines, priorities."""
    rng = random.Random(seed)
    with database.unit_of_work() as s:
        skus: dict[int, list[Sku]] = {}
        merchants = [f.merchant(s, f"M{i}", whole_order_only=i == 2) for i in range(6)]
        shelf = 0
        for m in merchants:
            skus[m.id] = []
            for n in range(6):
                dated = n % 2 == 0
                item = f.sku(
                    s,
                    m,
                    f"{m.mall_id}-S{n}",
                    lot_controlled=dated,
                    min_remaining_days=7 if dated else 0,
                    pick_face_min=rng.choice([0, 3, 6]),
                    pick_face_max=15,
                    reorder_point=rng.choice([0, 5, 12]),
                )
                skus[m.id].append(item)
                for k in range(rng.randint(1, 4)):
                    shelf += 1
                    kind = "pick" if k < 2 else "reserve"
                    where = f.location(s, f"A-{shelf // 90 + 1:02d}-{shelf % 90 + 1:02d}-1-A")
                    where.kind = kind
                    expiry = TODAY + timedelta(rng.choice([-1, 3, 7, 30, 90])) if dated else None
                    f.stock(
                        s,
                        item,
                        where,
                        rng.randint(0, 9),
                        lot=f"L{k}" if dated else "",
                        expiry=expiry,
                    )
        # another merchant's stock of the same SKU code never serves
        f.stock(s, skus[merchants[1].id][0], f.location(s, "B-01-01-1-A"), 50, owner=merchants[0])
        for o in range(90):
            m = rng.choice(merchants)
            lines: list[tuple[Sku | str, int]] = [
                (item, rng.randint(1, 4)) for item in rng.sample(skus[m.id], rng.randint(1, 4))
            ]
            if rng.random() < 0.05:
                lines.append(("NO-SUCH-CODE", 1))
            if rng.random() < 0.05:
                lines.append((f"{m.mall_id}-S1", 1))  # a code the intake left open
            order = f.order(
                s,
                m,
                lines,
                priority=rng.choice([0, 0, 60, 400]),
                due_at=f.NOW + timedelta(hours=rng.randint(1, 30)),
                fo_id=f"FO-{o}",
            )
            for line in order.lines:
                if line.sku_code.endswith("-S1") and rng.random() < 0.5:
                    line.sku_id = None
                if rng.random() < 0.03:
                    line.cancelled = True


def restock(database: Database) -> None:
    """A delivery: every third quant gets five more units."""
    with database.unit_of_work() as s:
        for quant in list(s.scalars(select(StockQuant).order_by(StockQuant.id)))[::3]:
            quant.on_hand += 5


def snapshot(database: Database) -> dict[str, Any]:
    """What allocation wrote, named by codes (never by generated ids)."""
    with database.unit_of_work(read_only=True) as s:
        line_key = {
            line_id: (fo, lid)
            for line_id, fo, lid in s.execute(
                select(OrderLine.id, Order.fo_id, OrderLine.line_id).join(Order)
            )
        }
        shelf = dict(s.execute(select(Location.id, Location.code)).all())
        owner = dict(s.execute(select(Merchant.id, Merchant.mall_id)).all())
        code = dict(s.execute(select(Sku.id, Sku.code)).all())
        quant = {
            q.id: (shelf[q.location_id], owner[q.owner_id], q.lot)
            for q in s.scalars(select(StockQuant))
        }

        def body(payload: dict[str, Any]) -> str:
            return json.dumps(
                {k: v for k, v in payload.items() if k not in ("event_id", "occurred_at")},
                sort_keys=True,
            )

        return {
            "orders": sorted(s.execute(select(Order.fo_id, Order.state)).all()),
            "lines": sorted(
                (line_key[i], a, sh)
                for i, a, sh in s.execute(
                    select(OrderLine.id, OrderLine.allocated, OrderLine.short)
                )
            ),
            "reservations": sorted(
                (line_key[r.order_line_id], quant[r.quant_id], r.qty)
                for r in s.scalars(select(Reservation))
            ),
            "quants": sorted((quant[q.id], q.reserved) for q in s.scalars(select(StockQuant))),
            "cases": sorted(
                (line_key[c.order_line_id], c.reason, c.ordered_qty, c.available_qty, c.state)
                for c in s.scalars(select(ShortageCase))
            ),
            "outbox": sorted(
                (e.fo_id, e.kind, body(e.payload)) for e in s.scalars(select(OutboxEvent))
            ),
            "audit": Counter(
                (a.action, a.entity_id if a.entity == "order" else "")
                for a in s.scalars(select(AuditEvent))
            ),
            "requests": sorted(
                (r.kind, code[r.sku_id], owner[r.owner_id], r.qty, r.state)
                for r in s.scalars(select(ReplenishmentRequest))
            ),
            "tasks": sorted((t.kind, t.lot, t.qty) for t in s.scalars(select(StockTask))),
        }


def wipe(database: Database) -> None:
    with database.engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            conn.execute(delete(table))


@pytest.mark.parametrize("seed", [3, 8])
def test_a_set_of_orders_allocates_exactly_as_one_order_at_a_time(
    database: Database, seed: int
) -> None:
    def run(set_size: int) -> tuple[dict[str, Any], dict[tuple[int, str], list[Any]]]:
        seed_site(database, seed)
        first = allocate_pending(database, actor=SYSTEM, today=TODAY, set_size=set_size)
        restock(database)
        second = allocate_pending(database, actor=SYSTEM, today=TODAY, set_size=set_size)
        with database.unit_of_work(read_only=True) as s:
            merchant_of = dict(
                s.execute(select(Order.fo_id, Merchant.mall_id).join(Order.merchant)).all()
            )
        # Each merchant's orders in the order they were allocated. A merchant's orders compete
        # only for its own stock, so on PostgreSQL a set takes whole merchants (several
        # allocators then never wait for one another's stock): the order across merchants
        # is not a rule, the order within one is.
        results: dict[tuple[int, str], list[Any]] = defaultdict(list)
        for attempt, summary in enumerate((first, second)):
            for r in summary.results:
                results[(attempt, merchant_of[r.fo_id])].append(
                    (r.fo_id, r.outcome, r.lines, r.cases_opened, len(r.replenishments))
                )
        state = snapshot(database)
        wipe(database)
        return state, dict(results)

    one_by_one, set_of_seven, set_of_200 = run(1), run(7), run(200)
    for state, results in (set_of_seven, set_of_200):
        assert state == one_by_one[0]
        assert results == one_by_one[1]  # the same outcomes, each merchant's in urgency order
    assert {state for _, state in one_by_one[0]["orders"]} >= {"allocated", "short"}
    assert one_by_one[0]["cases"] and one_by_one[0]["requests"]
