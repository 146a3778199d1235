"""Wave planning at scale: 10,000 allocated orders planned into carts, beside the reference
planner (``plan_batches``) run on the same orders in small windows.

    WMS_BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python bench/waves_scale.py [--orders 10000] [--window 250] [--window-seconds 20]
    .venv/bin/python bench/waves_scale.py --sqlite      # a throw-away SQLite file instead

The site is the demo's (``seed_demo``: the shipped two-block layout, 510 SKUs, their pick
faces and reserve), with the pick faces topped up so that every order allocates; ``--orders``
released orders of the demo's shape (1–4 lines, 1–3 units a line, one merchant's SKUs) are
added as on a peak night: most due at today's 17:00 or 18:00 collection or tomorrow's, a few
within the hour (urgent), 8 % expedited and 5 % gifts, priorities scored as the intake does.
The real allocator (``allocate_pending``, sets of 200) reserves them; then:

1. ``plan_carts`` on the orders ``plan_wave`` would take (read once), timed without and with
   the final routes, and run a second time to check that it gives the same carts;
2. the reference: ``plan_batches`` (savings and local search on near-optimal tour lengths,
   stopped by a wall-clock limit) on consecutive windows of ``--window`` orders in the queue's
   order (priority, due time), each with ``--window-seconds``;
3. ``plan_wave`` end to end (read, plan, route, the two baselines it shows, write the carts
   and tasks), and the written carts checked: every reserved unit in exactly one task, no cart
   over a limit, urgent carts first, cut-offs in order.
4. ``--small N``: N sets of 100 orders each (slices of the same orders), both planners.

Walking is the sum of the final route lengths (the configured routing, ``optimal``).
"""

from __future__ import annotations

import argparse
import base64
import os
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import create_engine, func, insert, select, text, update
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from picking import batching
from picking.batching import Batch, Budget, plan_batches, plan_carts
from picking.batching.split import precedence
from picking.layout import Layout
from picking.routing import Route, plan_route
from picking.waves import URGENT_HORIZON, plan_wave, waiting_for_wave
from warehouse.allocation import allocate_pending
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database, normalise_url
from warehouse.demo import seed_demo
from warehouse.migrate import upgrade
from warehouse.models import (
    Location,
    Merchant,
    Order,
    OrderLine,
    PickBatch,
    PickTask,
    Reservation,
    Sku,
    StockQuant,
)
from warehouse.pii import ReceiverCipher
from warehouse.priority import score

ZONE = ZoneInfo("Asia/Shanghai")
NOW = datetime(2026, 11, 11, 0, 30, tzinfo=ZONE).astimezone(UTC)
TODAY = NOW.astimezone(ZONE).date()
PLANNER = Actor.system("bench-waves")


def load() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def build_site(database: Database, settings: Settings, orders: int, seed: int) -> None:
    cipher = ReceiverCipher(base64.b64decode(base64.b64encode(os.urandom(32))))
    with database.unit_of_work() as session:
        seed_demo(session, settings, cipher, seed=seed, orders=0, today=TODAY)
    rng = random.Random(seed)
    with database.engine.begin() as conn:
        pick_faces = select(Location.id).where(Location.kind == "pick").scalar_subquery()
        conn.execute(
            update(StockQuant)
            .where(StockQuant.location_id.in_(pick_faces))
            .values(on_hand=StockQuant.on_hand + 5000)
        )
        merchants = [m for (m,) in conn.execute(select(Merchant.id).order_by(Merchant.id))]
        skus: dict[int, list[tuple[int, str]]] = {m: [] for m in merchants}
        for sku_id, merchant_id, code in conn.execute(
            select(Sku.id, Sku.merchant_id, Sku.code).order_by(Sku.id)
        ):
            skus[merchant_id].append((sku_id, code))
        first = (conn.scalar(select(func.coalesce(func.max(Order.id), 0))) or 0) + 1
        local = NOW.astimezone(ZONE)
        collections = [
            datetime.combine(local.date(), datetime.min.time().replace(hour=h), ZONE)
            for h in (17, 18)
        ]
        order_rows: list[dict[str, Any]] = []
        line_rows: list[dict[str, Any]] = []
        for n in range(orders):
            oid = first + n
            merchant = rng.choice(merchants)
            draw = rng.random()
            if draw < 0.03:
                due = NOW + timedelta(minutes=rng.randint(40, 110))
            elif draw < 0.45:
                due = collections[0] - timedelta(minutes=rng.randint(0, 90))
            elif draw < 0.75:
                due = collections[1] - timedelta(minutes=rng.randint(0, 50))
            else:
                due = collections[0] + timedelta(days=1)
            due = due.astimezone(UTC)
            expedited, gift = rng.random() < 0.08, rng.random() < 0.05
            order_rows.append(
                {
                    "id": oid,
                    "fo_id": f"FO-PEAK-{oid}",
                    "version": 1,
                    "order_sn": f"1111{oid:014d}",
                    "group_order_sn": f"1111{oid:014d}",
                    "merchant_id": merchant,
                    "state": "released",
                    "mall_state": "accepted",
                    "priority": score(
                        expedited=expedited, gift=gift, holiday=False, due=due, now=NOW
                    ),
                    "expedited": expedited,
                    "gift": gift,
                    "placed_at": NOW - timedelta(minutes=30),
                    "paid_at": NOW - timedelta(minutes=29),
                    "paid": True,
                    "due_at": due,
                    "created_at": NOW,
                    "updated_at": NOW,
                }
            )
            for i, (sku_id, code) in enumerate(
                rng.sample(skus[merchant], k=rng.choice([1, 1, 1, 2, 2, 3, 4])), start=1
            ):
                line_rows.append(
                    {
                        "order_id": oid,
                        "line_id": f"L{i}",
                        "sku_id": sku_id,
                        "sku_code": code,
                        "name": code,
                        "qty": rng.choice([1, 1, 1, 2, 3]),
                    }
                )
        for model, rows in ((Order, order_rows), (OrderLine, line_rows)):
            for start in range(0, len(rows), 5000):
                conn.execute(insert(model), rows[start : start + 5000])
        if conn.dialect.name == "postgresql":
            conn.execute(
                text(
                    "SELECT setval(pg_get_serial_sequence('fulfilment_order', 'id'), "
                    "(SELECT max(id) FROM fulfilment_order))"
                )
            )
            conn.execute(text("ANALYZE"))


def walk(batches: Sequence[Batch]) -> float:
    return sum(b.length_m for b in batches)


def groups(batches: Sequence[Batch]) -> list[tuple[str, ...]]:
    return [b.order_ids for b in batches]


def check_plan(
    batches: Sequence[Batch], orders: Sequence[batching.Order], settings: Settings
) -> str:
    """Every order once, cart limits, and precedence: classes never mixed, in order."""
    by_id = {o.order_id: o for o in orders}
    placed = sorted(i for b in batches for i in b.order_ids)
    if placed != sorted(by_id):
        return "ORDERS LOST OR REPEATED"
    keys = []
    for b in batches:
        members = [by_id[i] for i in b.order_ids]
        if not batching.fits_cart(members, settings.picking.cart):
            return f"CART {b.order_ids[0]} OVER A LIMIT"
        classes = {precedence(o, NOW, URGENT_HORIZON, None, 200) for o in members}
        if len(classes) != 1:
            return "CLASSES MIXED IN A CART"
        keys.append(classes.pop())
    if keys != sorted(keys):
        return "CARTS OUT OF PRECEDENCE"
    return f"ok ({len(set(keys))} classes)"


def check_written(database: Database, settings: Settings) -> str:
    cart = settings.picking.cart
    with database.unit_of_work(read_only=True) as s:
        reserved = s.scalar(select(func.sum(Reservation.qty - Reservation.picked)))
        tasked = s.scalar(select(func.sum(PickTask.qty)))
        per_task = s.scalar(
            select(func.count()).select_from(
                select(PickTask.reservation_id)
                .group_by(PickTask.reservation_id)
                .having(func.count() > 1)
                .subquery()
            )
        )
        over = 0
        for totes, items in s.execute(
            select(func.count(func.distinct(PickTask.order_id)), func.sum(PickTask.qty)).group_by(
                PickTask.batch_id
            )
        ):
            over += totes > cart.totes or items > cart.max_items
        carts = s.scalar(select(func.count()).select_from(PickBatch))
    ok = reserved == tasked and not per_task and not over
    return f"{'ok' if ok else 'MISMATCH'} ({carts} carts, {tasked} units in tasks)"


def windowed(
    orders: Sequence[batching.Order],
    settings: Settings,
    route: Any,
    layout: Layout,
    window: int,
    seconds: float,
) -> tuple[list[Batch], float, int]:
    batches: list[Batch] = []
    started = time.perf_counter()
    cut = 0
    for start in range(0, len(orders), window):
        began = time.perf_counter()
        batches += plan_batches(
            orders[start : start + window],
            settings.picking.cart,
            route,
            now=NOW,
            horizon=URGENT_HORIZON,
            layout=layout,
            time_limit_s=seconds,
        )
        cut += time.perf_counter() - began >= seconds
    return batches, time.perf_counter() - started, cut


def run(database: Database, args: argparse.Namespace, where: str) -> None:
    settings = Settings(source=Path(tempfile.gettempdir()) / "wms-bench-waves.toml")
    layout = Layout.from_settings(settings.layout)
    cart = settings.picking.cart
    started = time.perf_counter()
    build_site(database, settings, args.orders, args.seed)
    print(f"site and {args.orders} released orders: {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    summary = allocate_pending(database, actor=Actor.system("bench"), today=TODAY)
    print(
        f"allocated {summary.allocated} in full, {summary.partial} partly, {summary.short} short: "
        f"{time.perf_counter() - started:.1f} s (load {load()})"
    )
    with database.unit_of_work(read_only=True) as session:
        started = time.perf_counter()
        waiting = waiting_for_wave(session, settings, now=NOW)
        read_s = time.perf_counter() - started
    orders = waiting.cart_orders
    print(f"orders waiting for a wave: {len(orders)} (read in {read_s:.1f} s)")

    def route(codes: Sequence[str]) -> Route:
        return plan_route(layout, codes, settings.picking.routing)

    def unrouted(codes: Sequence[str]) -> Route:
        return Route([], 0.0, "none")

    budget = Budget()
    rows: list[tuple[str, int, float, float, str, str]] = []
    before = load()
    started = time.perf_counter()
    again = plan_carts(orders, cart, unrouted, layout=layout, now=NOW, budget=budget)
    plan_s = time.perf_counter() - started
    started = time.perf_counter()
    ours = plan_carts(orders, cart, route, layout=layout, now=NOW, budget=budget)
    ours_s = time.perf_counter() - started
    same = groups(ours) == groups(again)
    print(
        f"plan_carts: {plan_s:.1f} s without routes, {ours_s:.1f} s with the final routes "
        f"(load {before} -> {load()}); the second run gives the same carts: {'yes' if same else 'NO'}"
    )
    print(f"plan_carts checks: {check_plan(ours, orders, settings)}")
    rows.append(("plan_carts, all orders", len(ours), walk(ours), ours_s, before, load()))
    before = load()
    ref, ref_s, cut = windowed(orders, settings, route, layout, args.window, args.window_seconds)
    rows.append(
        (
            f"plan_batches, windows of {args.window}",
            len(ref),
            walk(ref),
            ref_s,
            before,
            load(),
        )
    )
    print(
        f"reference: {len(range(0, len(orders), args.window))} windows, {cut} stopped by the "
        f"{args.window_seconds:g} s limit"
    )
    for n in range(args.small):
        part = orders[n * 100 : (n + 1) * 100]
        small_ours = plan_carts(part, cart, route, layout=layout, now=NOW, budget=budget)
        small_ref = plan_batches(
            part,
            cart,
            route,
            now=NOW,
            horizon=URGENT_HORIZON,
            layout=layout,
            time_limit_s=args.window_seconds,
        )
        print(
            f"100 orders, set {n + 1}: plan_carts {walk(small_ours):.0f} m in {len(small_ours)} "
            f"carts, plan_batches {walk(small_ref):.0f} m in {len(small_ref)} carts "
            f"(ratio {walk(small_ours) / walk(small_ref):.4f})"
        )
    before = load()
    started = time.perf_counter()
    with database.unit_of_work() as session:
        plan = plan_wave(session, settings, PLANNER, now=NOW, budget=budget)
    wave_s = time.perf_counter() - started
    assert plan is not None
    print(
        f"plan_wave end to end (read, plan, route, baselines, write {len(plan.batches)} carts): "
        f"{wave_s:.1f} s (load {before} -> {load()}); written: {check_written(database, settings)}"
    )
    print(
        f"  its figures: {plan.walk_m:.0f} m; one order per trip {plan.one_per_trip_m:.0f} m; "
        f"FCFS carts S-shape {plan.fcfs_s_shape_m:.0f} m"
    )
    reference = rows[1][2]
    print()
    print(f"Wave planning of {len(orders)} orders on {where}, {os.cpu_count()} CPUs")
    print(f"{'planner':34} {'carts':>6} {'walk m':>10} {'vs windows':>10} {'seconds':>8}  load")
    for name, carts, metres, seconds, load_before, load_after in rows:
        print(
            f"{name:34} {carts:>6} {metres:>10.0f} {metres / reference:>10.4f} {seconds:>8.1f}  "
            f"{load_before} -> {load_after}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--window", type=int, default=250, help="orders per reference window")
    parser.add_argument("--window-seconds", type=float, default=20.0)
    parser.add_argument("--small", type=int, default=3, help="sets of 100 orders to compare")
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--sqlite", action="store_true", help="a throw-away SQLite file")
    args = parser.parse_args()
    os.environ.setdefault("WMS_SECRET_KEY", base64.b64encode(os.urandom(32)).decode())
    if args.sqlite:
        with tempfile.TemporaryDirectory() as folder:
            database = Database.from_url(f"sqlite:///{folder}/waves.db")
            upgrade(database)
            run(database, args, "SQLite")
            database.dispose()
        return 0
    server = os.environ.get("WMS_BENCH_DATABASE_URL") or os.environ.get("WMS_TEST_DATABASE_URL")
    if not server:
        print("Set WMS_BENCH_DATABASE_URL (or WMS_TEST_DATABASE_URL), or pass --sqlite.")
        return 2
    admin = create_engine(normalise_url(server), isolation_level="AUTOCOMMIT")
    name = f"wms_bench_waves_{uuid.uuid4().hex[:8]}"
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(normalise_url(server)).set(database=name).render_as_string(hide_password=False)
    try:
        database = Database.from_url(url)
        upgrade(database)
        run(database, args, "PostgreSQL")
        database.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
