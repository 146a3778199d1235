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
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from bench.allocation import reconcile
from bench.allocation import run as allocate_with_processes
from bench.intake import mall_process
from bench.peak_site import CATALOG, Server, build_site, stock_for_demand
from picking.floor import Floor, claim_next_batch
from picking.waves import plan_wave
from sync.client import MallClient
from sync.ingest import sync_orders
from sync.intake import IntakeContext
from warehouse.allocation import allocate_pending
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.migrate import upgrade
from warehouse.models import Order, User
from warehouse.pii import ReceiverCipher
from warehouse.states import OrderState
from warehouse_tui.progress import polling, showing

STAGES = ("intake", "allocation", "waves")
"""The stages in their order; ``waves`` includes the first cart claimed."""


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
