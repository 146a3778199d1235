"""Stock levels to the mall: after a random day of receipts, allocations, picks, shorts, counts
and restocked returns, the mall's last figure for every SKU is the warehouse's sellable
quantity, and no SKU's figure ever went backwards in sequence."""

from __future__ import annotations

import random
from collections import Counter

from sqlalchemy import select

from picking import floor as pick
from sync.client import MallClient, RetryPolicy
from sync.mall_sim import FaultConfig, MallStore, start_mall_sim
from sync.stock_sync import flush_stock, resend_all
from tests import builders as b
from tests.delivery.helpers import push_until_done
from warehouse.allocation.service import allocate_order
from warehouse.audit import Actor
from warehouse.db import Database
from warehouse.models import Location, Order, PickTask, Sku, StockQuant
from warehouse.states import OrderState, Role
from warehouse.stock import operations as ops
from warehouse.stock_levels import sellable

ROUNDS = 60


def walk_cart(
    database: Database, picker: Actor, barcodes: dict[str, str], rng: random.Random
) -> None:
    """Pick the next cart through the pick service, now and then reporting a short."""

    def run(fn, *args):  # type: ignore[no-untyped-def]
        with database.unit_of_work() as session:
            return fn(session, picker, *args, floor=b.FLOOR)

    if run(pick.claim_next_batch, b.NOW) is None:
        return
    step = run(pick.current_step)
    while step.kind not in ("done", "idle"):
        if step.kind == "location":
            step = run(pick.handle_scan, step.location, b.key(), b.NOW)
        elif step.kind == "item":
            step = run(pick.handle_scan, barcodes[step.sku_code], b.key(), b.NOW)
        elif step.kind == "quantity" and rng.random() < 0.3:
            found = rng.randrange(0, step.qty - step.in_hand)
            step = run(pick.report_short, step.task_id, "EMPTY", found, b.key(), b.NOW)
        elif step.kind == "quantity":
            step = run(pick.handle_scan, str(step.qty - step.in_hand), b.key(), b.NOW)
        elif step.kind == "tote":
            step = run(pick.handle_scan, step.tote_label, b.key(), b.NOW)
        else:
            raise AssertionError(step.kind)


def test_the_mall_ends_with_every_sellable_figure(database: Database) -> None:
    rng = random.Random(13)
    with database.unit_of_work() as session:
        boss = b.user(session, "S1", Role.SUPERVISOR)
        picker = b.picker(session)
        shop = b.merchant(session, "17")
        items = [b.sku(session, shop, f"SKU-{n}") for n in range(6)]
        places = {i.code: b.location(session).code for i in items}
        for item in items:
            shelf = session.scalars(select(Location).where(Location.code == places[item.code]))
            b.stock(session, item, shelf.one(), rng.randrange(0, 15))
        barcodes = {i.code: b.barcode(i) for i in items}
        codes = [i.code for i in items]
    resend_all(database)
    mall = start_mall_sim(MallStore("W1"), token="t")
    try:
        policy = RetryPolicy(attempts=2, base_s=0.001, cap_s=0.01)
        with MallClient(mall.base_url, "t", policy=policy, timeout_s=0.5) as client:
            mall.faults.set(
                FaultConfig(error_500=0.2, rate_limited=0.05, retry_after=("0",), drop=0.05)
            )
            for _ in range(ROUNDS):
                what = rng.choice(
                    ["receive", "receive", "allocate", "allocate", "pick", "count", "return"]
                )
                code = rng.choice(codes)
                with database.unit_of_work() as session:
                    if what == "receive":
                        ops.receive(
                            session,
                            boss,
                            sku_code=code,
                            location_code=places[code],
                            qty=rng.randrange(1, 12),
                        )
                    elif what == "return":
                        ops.put_back(
                            session,
                            boss,
                            sku_code=code,
                            location_code=places[code],
                            qty=rng.randrange(1, 3),
                            reference="return restocked",
                        )
                    elif what == "count":
                        reserved = sum(
                            q.reserved
                            for q in session.scalars(
                                select(StockQuant).join(Sku).where(Sku.code == code)
                            )
                        )
                        ops.count(
                            session,
                            boss,
                            sku_code=code,
                            location_code=places[code],
                            counted=reserved + rng.randrange(0, 8),
                        )
                    elif what == "allocate":
                        owner = session.get(type(shop), shop.id)
                        sku = session.scalars(select(Sku).where(Sku.code == code)).one()
                        order = b.order(session, owner, [(sku, rng.randrange(1, 4))])
                        allocate_order(
                            session, order, actor=Actor.system("allocation"), today=b.NOW.date()
                        )
                    else:
                        ready = list(
                            session.scalars(
                                select(Order).where(Order.state == OrderState.ALLOCATED)
                            )
                        )
                        if ready:
                            b.batch(session, ready[:3])
                if what == "pick":
                    walk_cart(database, picker, barcodes, rng)
                if rng.random() < 0.3:
                    flush_stock(database)
                if rng.random() < 0.2:
                    push_until_done(database, client)
            flush_stock(database)
            push_until_done(database, client)
        with database.unit_of_work(read_only=True) as session:
            ids = {i.code: i.id for i in session.scalars(select(Sku))}
            truth = sellable(session, list(ids.values()), b.NOW.date())
            done = Counter(session.scalars(select(PickTask.state)))
        assert done["picked"] > 3 and done["short"] > 0, done
        book = mall.store.stock
        assert {s: q for (_, s), (_, q) in book.levels.items()} == {
            c: truth[i] for c, i in ids.items()
        }
        for seqs in book.arrivals.values():
            assert seqs == sorted(seqs) and len(set(seqs)) == len(seqs)
        assert book.stale == 0, "figures of one SKU go out in order: none arrives after a newer one"
    finally:
        mall.stop()
