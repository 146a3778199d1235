"""Peak day on one PostgreSQL: orders from the reference mall into intake, allocation with one
and with several processes, wave planning of the first orders, the first cart claimed.

    WMS_BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python -m bench.peak_day [--orders 500000] [--processes 4] [--wave 10000] \\
        [--stages intake,allocation,waves] [--intake-baseline 5000]

Every stage runs the real code path: the reference mall in its own process serving its change
feed over loopback HTTP, intake (contract, checks, receiver encryption, audit, outbox, cursor),
``allocate_pending`` in sets, ``plan_wave`` and the picker's ``claim_next_batch``. Beside the
set allocation, today's old path (one order per transaction, ``set_size=1``) runs on a copy of
the same database for ``--baseline`` orders, so the two rates come from the same data in the
same run. After each allocation the stock is reconciled: reservations equal quant reserved and
line allocated, exactly, and no quant is reserved beyond what it holds. Intake stores each
page's new orders as one set; beside it, intake one order at a time (``in_sets=False``, the
path before sets) reads the first ``--intake-baseline`` orders of the same feed into a copy
of the empty site. ``--stages intake`` stops after intake.

The bench creates its databases on the server (``CREATE DATABASE … TEMPLATE`` for the copies)
and drops them at the end.
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
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

from bench.allocation import reconcile
from bench.allocation import run as allocate_with_processes
from bench.intake import mall_process
from picking.floor import Floor, claim_next_batch
from picking.waves import plan_wave
from sync.client import MallClient
from sync.ingest import sync_orders
from sync.intake import IntakeContext
from warehouse.allocation import allocate_pending
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database, normalise_url
from warehouse.demo import _locations
from warehouse.migrate import upgrade
from warehouse.models import Location, Merchant, Order, OrderLine, Sku, StockQuant, User
from warehouse.pii import ReceiverCipher
from warehouse.states import OrderState, Role
from warehouse.users import SITE_SETUP, add_user
from warehouse_tui.progress import polling, showing

MERCHANTS = 8
SKUS_PER_MERCHANT = 250
CATALOG = {
    (str(m), f"商户{m}"): [f"SKU-{m}-{n:04d}" for n in range(SKUS_PER_MERCHANT)]
    for m in range(1, MERCHANTS + 1)
}
STAGES = ("intake", "allocation", "waves")
"""The stages in their order; ``waves`` includes the first cart claimed."""
ENOUGH, SHORT = 1.2, 0.5
"""Stock for 1.2 times the demand of most SKUs, and half the demand of one in ten, so part of
the orders are short, as at a peak."""


@dataclass
class Stage:
    name: str
    seconds: float
    count: int
    unit: str
    note: str = ""

    def line(self) -> str:
        rate = self.count / self.seconds if self.seconds else float("inf")
        return (
            f"{self.name:<44} {self.seconds:>9.1f} s {self.count:>8} {self.unit:<7} "
            f"{rate:>9.0f}/s  {self.note}"
        )


class Server:
    """Throw-away databases on one PostgreSQL server, dropped at the end."""

    def __init__(self, url: str) -> None:
        self.url = normalise_url(url)
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT")
        self.names: list[str] = []

    def url_of(self, name: str) -> str:
        return make_url(self.url).set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        name = f"wms_peak_{uuid.uuid4().hex[:10]}"
        copy = f' TEMPLATE "{template}"' if template else ""
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"{copy}'))
        self.names.append(name)
        return name

    def drop_all(self) -> None:
        with self.admin.connect() as conn:
            for name in self.names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


def build_site(database: Database, settings: Settings) -> None:
    """The demo floor's locations, the catalogue's merchants and SKUs, a supervisor and a
    picker; stock comes after intake, sized to what was ordered."""
    rng = random.Random(5)
    with database.unit_of_work() as session:
        _locations(session, settings)
        for (mall_id, name), codes in CATALOG.items():
            merchant = Merchant(mall_id=mall_id, name=name)
            session.add(merchant)
            session.flush()
            for n, code in enumerate(codes):
                dated = n % 5 == 0
                session.add(
                    Sku(
                        merchant_id=merchant.id,
                        code=code,
                        name_zh=code,
                        weight_kg=Decimal(str(round(rng.uniform(0.05, 2.0), 3))),
                        length_mm=rng.randint(50, 300),
                        width_mm=rng.randint(40, 200),
                        height_mm=rng.randint(20, 150),
                        lot_controlled=dated,
                        shelf_life_days=365 if dated else None,
                        min_remaining_days=30 if dated else 0,
                        pick_face_min=5,
                        pick_face_max=60,
                        reorder_point=10,
                    )
                )
        add_user(session, SITE_SETUP, badge="S900", name="Peak", role=Role.SUPERVISOR, pin="9000")
        add_user(session, SITE_SETUP, badge="P900", name="First", role=Role.PICKER, pin="9001")


def stock_for_demand(database: Database, today: date) -> int:
    """Quants on a pick face and in reserve for each ordered SKU (see ``ENOUGH``); a fifth of
    the SKUs dated, the pick face's lot nearer its limit than the reserve's."""
    rng = random.Random(9)
    with database.unit_of_work(read_only=True) as session:
        demand = dict(
            session.execute(
                select(OrderLine.sku_id, func.sum(OrderLine.qty))
                .join(Order, Order.id == OrderLine.order_id)
                .where(Order.state == OrderState.RELEASED, OrderLine.sku_id.is_not(None))
                .group_by(OrderLine.sku_id)
            ).all()
        )
        skus = session.execute(select(Sku.id, Sku.merchant_id, Sku.lot_controlled)).all()
        places = session.execute(select(Location.id, Location.kind).order_by(Location.id)).all()
    faces = [i for i, kind in places if kind == "pick"]
    reserve = [i for i, kind in places if kind == "reserve"]
    rows: list[dict[str, Any]] = []
    for n, (sku_id, owner_id, dated) in enumerate(skus):
        share = SHORT if n % 10 == 3 else ENOUGH
        total = int(int(demand.get(sku_id, 0)) * share * rng.uniform(0.9, 1.1))
        face_qty = min(total, max(20, total // 10))
        for k, (location_id, qty) in enumerate(
            ((faces[n % len(faces)], face_qty), (reserve[n % len(reserve)], total - face_qty))
        ):
            if qty <= 0 and k:
                continue
            rows.append(
                {
                    "sku_id": sku_id,
                    "location_id": location_id,
                    "owner_id": owner_id,
                    "lot": f"L{k}" if dated else "",
                    "expiry": today + timedelta(days=(40 if k == 0 else 300)) if dated else None,
                    "on_hand": max(qty, 0),
                    "reserved": 0,
                }
            )
    with database.engine.begin() as conn:
        for first in range(0, len(rows), 5000):
            conn.execute(insert(StockQuant), rows[first : first + 5000])
        conn.execute(text("ANALYZE"))
    return sum(r["on_hand"] for r in rows)


def timed(action: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def released(database: Database) -> int:
    with database.unit_of_work(read_only=True) as session:
        count = session.scalar(
            select(func.count()).select_from(Order).where(Order.state == OrderState.RELEASED)
        )
    return int(count or 0)


def allocated_so_far(database: Database, waiting: int) -> int:
    return waiting - released(database)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--orders", type=int, default=500_000)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--wave", type=int, default=10_000, help="orders planned into carts")
    parser.add_argument("--baseline", type=int, default=5_000, help="orders on the old path")
    parser.add_argument("--page", type=int, default=100, help="feed page (the contract allows 100)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--stages",
        default=",".join(STAGES),
        help=f"which stages run, of {','.join(STAGES)} (each needs the ones before it)",
    )
    parser.add_argument(
        "--intake-baseline",
        type=int,
        default=5_000,
        help="orders read one at a time beside the sets (0: none)",
    )
    args = parser.parse_args()
    wanted = [stage.strip() for stage in args.stages.split(",") if stage.strip()]
    if not wanted or any(stage not in STAGES for stage in wanted):
        parser.error(f"--stages takes names of {', '.join(STAGES)}")
    last = max(STAGES.index(stage) for stage in wanted)
    url = os.environ.get("WMS_BENCH_DATABASE_URL") or os.environ.get("WMS_TEST_DATABASE_URL")
    if not url or not url.startswith("postgresql"):
        print("Set WMS_BENCH_DATABASE_URL to a PostgreSQL server.")
        return 2
    settings = Settings()
    cipher = ReceiverCipher(base64.b64decode(base64.b64encode(os.urandom(32))))
    today = datetime.now(UTC).date()
    server = Server(url)
    stages: list[Stage] = []
    load = [os.getloadavg()[0]]
    try:
        base = server.create()
        database = Database.from_url(server.url_of(base))
        upgrade(database)
        build_site(database, settings)
        database.dispose()
        empty = server.create(template=base) if args.intake_baseline else None
        database = Database.from_url(server.url_of(base))
        context = IntakeContext(settings=settings, cipher=cipher)
        with (
            tempfile.TemporaryDirectory() as workdir,
            mall_process(args.orders, args.seed, Path(workdir), CATALOG, "peak") as base_url,
            MallClient(base_url, "peak") as client,
        ):
            load.append(os.getloadavg()[0])
            with showing("intake in sets", unit="orders", total=args.orders) as progress:
                seconds, stats = timed(
                    lambda: sync_orders(
                        database,
                        client,
                        context,
                        limit=args.page,
                        progress=lambda so_far, _more: progress(so_far.new),
                    )
                )
            waiting = released(database)
            stages.append(
                Stage(
                    "intake in sets (mall feed over HTTP)",
                    seconds,
                    stats.new,
                    "orders",
                    f"{waiting} released, {stats.new - waiting} held or waiting for payment",
                )
            )
            if empty is not None:
                single = Database.from_url(server.url_of(empty))
                load.append(os.getloadavg()[0])
                pages = -(-min(args.intake_baseline, args.orders) // args.page)
                with showing("intake one by one", unit="orders", total=pages * args.page) as shown:
                    seconds, old_stats = timed(
                        lambda: sync_orders(
                            single,
                            client,
                            IntakeContext(settings=settings, cipher=cipher),
                            limit=args.page,
                            max_pages=pages,
                            in_sets=False,
                            progress=lambda so_far, _more: shown(so_far.new),
                        )
                    )
                single.dispose()
                stages.append(
                    Stage(
                        "baseline: intake one order at a time",
                        seconds,
                        old_stats.new,
                        "orders",
                        "the same feed's first orders, the path before sets",
                    )
                )
        if last == 0:
            _report(args, server, stages, load, units=0)
            return 0
        units = stock_for_demand(database, today)
        database.dispose()
        one, many, old = (server.create(template=base) for _ in range(3))
        for name, processes in ((one, 1), (many, args.processes)):
            load.append(os.getloadavg()[0])
            copy = Database.from_url(server.url_of(name))
            with (
                showing(f"allocation ×{processes}", unit="orders", total=waiting) as progress,
                polling(progress, partial(allocated_so_far, copy, waiting), every_s=1.0),
            ):
                result = allocate_with_processes(server.url_of(name), processes, 200)
            check = reconcile(copy)
            copy.dispose()
            stages.append(
                Stage(
                    f"allocation in sets, {processes} process{'es' if processes > 1 else ''}",
                    result["seconds"],
                    waiting,
                    "orders",
                    f"{result['allocated']} full, {result['partial']} partial, "
                    f"{result['short']} short; {check}",
                )
            )
        old_db = Database.from_url(server.url_of(old))
        load.append(os.getloadavg()[0])
        seconds, summary = timed(
            lambda: allocate_pending(
                old_db,
                actor=Actor.system("peak"),
                today=today,
                keep_results=False,
                set_size=1,
                limit=args.baseline,
            )
        )
        done = summary.allocated + summary.partial + summary.short
        stages.append(
            Stage("baseline: one order per transaction", seconds, done, "orders", "same data")
        )
        old_db.dispose()
        if last == 1:
            _report(args, server, stages, load, units)
            return 0
        planner = Database.from_url(server.url_of(one))
        supervisor = Actor.system("peak-waves")
        now = datetime.now(UTC)
        with (
            planner.unit_of_work() as session,
            showing("wave planning", unit="orders", total=args.wave) as progress,
        ):
            seconds, plan = timed(
                lambda: plan_wave(
                    session, settings, supervisor, now=now, limit=args.wave, progress=progress
                )
            )
        carts = len(plan.batches) if plan else 0
        orders_planned = plan.orders if plan else 0
        walk = (
            f"{plan.walk_m:,.0f} m walking in {carts} carts (FCFS S-shape "
            f"{plan.fcfs_s_shape_m:,.0f} m)"
            if plan
            else "nothing planned"
        )
        stages.append(Stage("wave planning", seconds, orders_planned, "orders", walk))
        floor = Floor.from_settings(settings)
        with planner.unit_of_work() as session:
            picker = session.scalar(select(User).where(User.badge == "P900"))
            assert picker is not None
            actor = Actor.of(picker)
            seconds, view = timed(lambda: claim_next_batch(session, actor, now, floor=floor))
        stages.append(
            Stage(
                "first cart claimed",
                seconds,
                1 if view else 0,
                "carts",
                f"{view.code}, {view.tasks_left} picks" if view else "no cart",
            )
        )
        planner.dispose()
    finally:
        server.drop_all()
    _report(args, server, stages, load, units)
    return 0


def _report(
    args: argparse.Namespace, server: Server, stages: list[Stage], load: list[float], units: int
) -> None:
    print(
        f"Peak day: {args.orders} orders from the reference mall, PostgreSQL "
        f"{make_url(server.url).host}, {os.cpu_count()} CPUs, {units} units in stock; "
        f"load 1m at each stage {', '.join(f'{x:.1f}' for x in load)}"
    )
    print(f"{'stage':<44} {'time':>11} {'count':>8} {'':<7} {'rate':>11}")
    for stage in stages:
        print(stage.line())


if __name__ == "__main__":
    sys.exit(main())
