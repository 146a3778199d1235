"""The floor under load (issue 16, point 4): pickers and packers scanning, the sync worker and
an allocator running, all against one PostgreSQL.

Each simulated person is a thread in one of several worker processes (``--processes``; one
Python process cannot run 60 people at once without the interpreter lock becoming the queue),
each with its own connections, calling the real services through the screens' Textual-free
facades: ``PickJobs.scan`` (one unit of work around ``picking.floor.handle_scan``, answering
with the next instruction) and ``PackJobs.scan`` / ``weigh`` (the packing station, printing
to a folder printer after a parcel closes). A person waits ``--think-s`` (± 50 %) between
scans, as a person does. Beside them:

- an allocator process runs ``allocate_pending`` over a backlog of released orders (in sets,
  the production path) until the backlog is done, then keeps polling; it yields to the floor
  as ``wms allocate`` does (``[allocation]`` of config.toml: ``nice`` for its process and its
  local PostgreSQL backend, ``pause_ratio`` between sets; ``--allocator-nice`` and
  ``--pause-ratio`` override them);
- a sync worker process runs ``sync.service.run_once`` every second against the reference
  mall on loopback (pull, push of the outbox, stock-level flush);
- the main process samples ``pg_locks`` every 100 ms: for every lock request not granted,
  ``now() - waitstart`` (PostgreSQL 14+), keeping the longest and the statement waiting. A
  wait shorter than the sampling period can be missed; a wait of 1 s cannot (it is seen at
  most 100 ms short).

The figures per action are the service call as the handheld's server side sees it (scan to
next instruction, without the screen; ``bench/scan_latency.py`` measures the screen on top,
12-20 ms at p50). Before the load, the same calls are made by one picker and one packer alone
(the baseline, same run, same database).

Run from the repository root (a throw-away database is created on the server and dropped)::

    .venv/bin/python -m bench.floor_load [--pickers 50] [--packers 10] [--seconds 60] \
        [--think-s 1.0] [--processes 6] [--backlog 1500] [--allocator-nice N] \
        [--pause-ratio R] [--url postgresql+psycopg://postgres@127.0.0.1/test]

Figures and what they say: docs/floor-load.md (each with its command and the machine's load).
"""

from __future__ import annotations

import argparse
import base64
import multiprocessing as mp
import os
import statistics
import tempfile
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, text

from bench.floor_people import TODAY, Samples, allocator, site_settings, sync_worker, worker
from bench.scan_latency import DEFAULT_URL, _fresh_database
from picking.waves import plan_wave
from warehouse.allocation import allocate_pending
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.demo import seed_demo
from warehouse.migrate import upgrade
from warehouse.models import (
    Order,
)
from warehouse.pii import ReceiverCipher
from warehouse.users import SITE_SETUP, add_user
from warehouse_tui.demo_picks import pick_carts
from warehouse_tui.progress import showing


@dataclass
class LockWaits:
    longest_s: float = 0.0
    statement: str = ""
    blocker: str = ""
    samples: int = 0
    waiting_samples: int = 0


def sample_locks(database: Database, stop: threading.Event, into: LockWaits) -> None:
    query = text(
        "SELECT extract(epoch FROM now() - l.waitstart), left(a.query, 160), "
        "(SELECT left(b.query, 160) FROM pg_stat_activity b "
        " WHERE b.pid = ANY(pg_blocking_pids(a.pid)) LIMIT 1) "
        "FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
        "WHERE NOT l.granted AND l.waitstart IS NOT NULL AND a.datname = current_database() "
        "ORDER BY l.waitstart LIMIT 1"
    )
    with database.engine.connect() as conn:
        while not stop.wait(0.1):
            row = conn.execute(query).first()
            conn.rollback()
            into.samples += 1
            if row is None:
                continue
            into.waiting_samples += 1
            if float(row[0]) > into.longest_s:
                into.longest_s = float(row[0])
                into.statement = " ".join(str(row[1]).split())
                into.blocker = " ".join(str(row[2] or "").split())


def percentiles(samples: list[float]) -> str:
    if not samples:
        return f"{'-':>8}{'-':>8}{'-':>8}{'-':>8}{0:>7}"
    ordered = sorted(samples)

    def at(share: float) -> float:
        return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]

    return (
        f"{statistics.median(ordered):8.1f}{at(0.95):8.1f}{at(0.99):8.1f}{ordered[-1]:8.1f}"
        f"{len(ordered):>7}"
    )


def seed(
    database: Database,
    settings: Settings,
    pickers: int,
    packers: int,
    orders: int,
    backlog: int,
    carts_for_packers: int,
) -> tuple[list[str], list[str]]:
    """The demo site, people, ``orders`` allocated into carts, ``carts_for_packers`` carts
    already picked, and ``backlog`` released orders left for the allocator."""
    upgrade(database)
    cipher = ReceiverCipher(base64.b64decode(os.environ["WMS_SECRET_KEY"]))
    with database.unit_of_work() as session:
        seed_demo(session, settings, cipher, seed=7, orders=orders + backlog, today=TODAY)
        picker_badges = [f"P{n:03d}" for n in range(2, pickers + 3)]  # P001 is the demo's
        packer_badges = [f"K{n:03d}" for n in range(2, packers + 3)]
        for badge in picker_badges:
            add_user(session, SITE_SETUP, badge=badge, name=badge, role="picker", pin="1111")
        for badge in packer_badges:
            add_user(session, SITE_SETUP, badge=badge, name=badge, role="packer", pin="2222")
    system = Actor.system("bench")
    with showing("allocation (set-up)", unit="orders", total=orders) as progress:
        done = 0
        while done < orders:
            summary = allocate_pending(
                database,
                actor=system,
                today=TODAY,
                limit=min(200, orders - done),
                keep_results=False,
            )
            if not summary.processed:
                break
            done += summary.processed
            progress(done)
    with showing("wave planning (set-up)", unit="orders") as shown:
        placed = [0]

        def progress(done: int, total: int | None = None, *, stage: str = "") -> None:
            shown(placed[0] + done, stage=stage)
            if stage == "done":
                placed[0] += done

        while True:
            with database.unit_of_work() as session:
                plan = plan_wave(
                    session,
                    settings,
                    system,
                    now=datetime.now(UTC),
                    limit=160,
                    progress=progress,
                )
            if plan is None:
                break
    pick_carts(database, settings, carts_for_packers, "P001")
    return picker_badges, packer_badges


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pickers", type=int, default=50)
    parser.add_argument("--packers", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--think-s", type=float, default=1.0, help="a person's pause per scan")
    parser.add_argument("--processes", type=int, default=6, help="worker processes")
    parser.add_argument("--orders", type=int, default=1200, help="orders put on carts")
    parser.add_argument("--backlog", type=int, default=1500, help="orders for the allocator")
    parser.add_argument("--baseline-s", type=float, default=15.0)
    parser.add_argument("--no-allocator", action="store_true", help="leave the allocator out")
    parser.add_argument(
        "--set-size", type=int, default=200, help="the allocator's orders per transaction"
    )
    parser.add_argument(
        "--allocator-nice", type=int, default=None, help="[allocation] nice (default: config)"
    )
    parser.add_argument(
        "--pause-ratio", type=float, default=None, help="[allocation] pause_ratio (config)"
    )
    parser.add_argument("--url", default=os.environ.get("WMS_TEST_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args()
    os.environ.setdefault("WMS_SECRET_KEY", base64.b64encode(os.urandom(32)).decode())
    url, drop = _fresh_database(args.url)
    folder = tempfile.mkdtemp(prefix="wms-floor-load-")
    settings = site_settings(folder)
    database = Database.from_url(url)
    context = mp.get_context("spawn")
    try:
        pickers, packers = seed(
            database,
            settings,
            args.pickers,
            args.packers,
            args.orders,
            args.backlog,
            carts_for_packers=2 * args.packers,
        )
        # the baseline: one picker and one packer alone, same calls, same process kind
        results = context.Queue()
        alone = context.Process(
            target=worker,
            args=(
                url,
                folder,
                pickers[:1],
                packers[:1],
                time.time() + args.baseline_s,
                args.think_s,
                results,
            ),
        )
        alone.start()
        baseline: Samples = results.get()
        alone.join()
        # the load
        until = time.time() + args.seconds + 10  # processes start within ~10 s (spawn)
        groups = [
            (pickers[1:][i :: args.processes], packers[1:][i :: args.processes])
            for i in range(args.processes)
        ]
        procs = [
            context.Process(target=worker, args=(url, folder, p, k, until, args.think_s, results))
            for p, k in groups
        ]
        if not args.no_allocator:
            yielding = {
                key: value
                for key, value in (("nice", args.allocator_nice), ("pause_ratio", args.pause_ratio))
                if value is not None
            }
            procs.append(
                context.Process(
                    target=allocator, args=(url, folder, until, args.set_size, yielding, results)
                )
            )
        procs.append(context.Process(target=sync_worker, args=(url, folder, until, results)))
        with database.unit_of_work(read_only=True) as session:
            waiting = session.scalar(
                select(func.count()).select_from(Order).where(Order.state == "released")
            )
        for proc in procs:
            proc.start()
        stop, waits = threading.Event(), LockWaits()
        sampler = threading.Thread(target=sample_locks, args=(database, stop, waits))
        sampler.start()
        loads = [os.getloadavg()[0]]
        load = Samples()
        extras: list[Any] = []
        for _ in procs:
            item = results.get()
            loads.append(os.getloadavg()[0])
            if isinstance(item, Samples):
                load.merge(item)
            else:
                extras.append(item)
        for proc in procs:
            proc.join()
        stop.set()
        sampler.join()
    finally:
        database.dispose()
        drop()
    people = len(pickers) - 1 + len(packers) - 1
    print(
        f"floor load on PostgreSQL: {len(pickers) - 1} pickers, {len(packers) - 1} packers "
        f"({people} threads in {args.processes} processes), "
        + (
            "no allocator"
            if args.no_allocator
            else f"allocator ({waiting} orders waiting, sets of {args.set_size})"
        )
        + f" and sync worker, {args.seconds:.0f} s (+ start-up), think {args.think_s} s"
    )
    print(
        f"machine: {os.cpu_count()} CPUs, load average during the run "
        f"{min(loads):.1f}-{max(loads):.1f} (1-min)"
    )
    print(f"{'':34}{'p50':>8}{'p95':>8}{'p99':>8}{'max':>8}{'n':>7}  (ms)")
    for label, samples in (
        ("pick scan, alone (baseline)", baseline.pick_ms),
        ("pick scan -> next instruction", load.pick_ms),
        ("pack scan, alone (baseline)", baseline.pack_ms),
        ("pack scan", load.pack_ms),
        ("pack weigh+close+print, alone", baseline.close_ms),
        ("pack weigh+close+print", load.close_ms),
    ):
        print(f"{label:34}{percentiles(samples)}")
    print(
        f"carts picked {load.carts_picked}, orders packed {load.orders_packed}, "
        f"refused scans {load.refused}, errors {len(load.errors)}"
    )
    for error in sorted(set(load.errors))[:5]:
        print(f"  error: {error}")
    for item in extras:
        if item[0] == "allocator":
            rate = item[1] / item[2] if item[2] else 0.0
            print(
                f"allocator: {item[1]} orders allocated during the run ({rate:.0f}/s while busy; "
                f"nice {item[3]}, pause ratio {item[4]}, paused {item[5]:.1f} s)"
            )
        else:
            print(
                f"sync worker: {item[1]} rounds, {item[2]} messages pushed, slowest round "
                f"{item[3]:.0f} ms"
            )
    print(
        f"longest lock wait (pg_locks.waitstart sampled every 100 ms, {waits.samples} samples, "
        f"{waits.waiting_samples} with a waiter): {waits.longest_s * 1000:.0f} ms"
    )
    if waits.statement:
        print(f"  waiting statement: {waits.statement[:160]}")
        print(f"  behind (last statement of the blocker): {waits.blocker[:160]}")


if __name__ == "__main__":
    main()
