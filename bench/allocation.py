"""Allocation throughput on PostgreSQL: orders allocated per second, 1 process vs N processes,
for sets of orders per transaction beside one order per transaction (the old path).

    WMS_BENCH_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/test \
        .venv/bin/python bench/allocation.py [--orders 10000] [--processes 4] [--set-size 200]

The URL names a server (``WMS_TEST_DATABASE_URL`` is used when the first is unset); the bench
creates one throw-away database per run on it, fills it with the same seeded site (20
merchants, 1,000 SKUs of which a fifth dated, three quants each, stock for about nine tenths of
the demand; 1–5 lines per order) and drops it afterwards. Each run is checked afterwards:
reservations, quants and lines must reconcile exactly. Each allocator is its own process
(``python -c``), started together.

``--baseline TREE`` runs the same sets first with the code of another checkout on the same
data (e.g. ``git worktree add /tmp/base <commit>``), so that a change is measured beside the
code before it, in the same run and under the same load.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, func, insert, select, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from warehouse.db import Database, normalise_url
from warehouse.migrate import upgrade
from warehouse.models import (
    Location,
    Merchant,
    Order,
    OrderLine,
    Reservation,
    Sku,
    StockQuant,
)

REPO = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 24)
MERCHANTS, SKUS_PER_MERCHANT = 20, 50


def build_site(database: Database, orders: int, seed: int = 11) -> None:
    """Bulk-insert a site with explicit ids (the ORM would take longer than the bench)."""
    rng = random.Random(seed)
    merchants: list[dict[str, Any]] = [
        {"id": m, "mall_id": f"M{m}", "name": f"Shop {m}", "whole_order_only": m % 10 == 0}
        for m in range(1, MERCHANTS + 1)
    ]
    skus: list[dict[str, Any]] = []
    quants: list[dict[str, Any]] = []
    locations: list[dict[str, Any]] = []
    expected_demand = orders * 3 * 2 / (MERCHANTS * SKUS_PER_MERCHANT)
    for m in merchants:
        for n in range(SKUS_PER_MERCHANT):
            sku_id = len(skus) + 1
            dated = n % 5 == 0
            skus.append(
                {
                    "id": sku_id,
                    "merchant_id": m["id"],
                    "code": f"S{n:03d}",
                    "name_zh": "商品",
                    "lot_controlled": dated,
                    "min_remaining_days": 10 if dated else 0,
                    "pick_face_min": 5,
                    "pick_face_max": 20,
                    "reorder_point": 10,
                }
            )
            total = int(expected_demand * rng.uniform(0.7, 1.1))
            shares = (total // 4, total // 4, total - 2 * (total // 4))
            for k, qty in enumerate(shares):
                loc_id = len(locations) + 1
                kind = "pick" if k < 2 else "reserve"
                locations.append(
                    {
                        "id": loc_id,
                        "code": f"{'AB'[k // 2]}-{loc_id // 400:02d}-"
                        f"{loc_id % 400 // 10:02d}-{loc_id % 10 // 2}-{'AB'[loc_id % 2]}",
                        "zone": "AB"[k // 2],
                        "aisle": 1,
                        "bay": 1,
                        "level": 1,
                        "bin": "A",
                        "kind": kind,
                    }
                )
                quants.append(
                    {
                        "id": len(quants) + 1,
                        "sku_id": sku_id,
                        "location_id": loc_id,
                        "owner_id": m["id"],
                        "lot": f"L{k}" if dated else "",
                        "expiry": TODAY + timedelta(days=rng.choice([5, 60, 120, 240]))
                        if dated
                        else None,
                        "on_hand": qty,
                        "reserved": 0,
                    }
                )
    order_rows: list[dict[str, Any]] = []
    line_rows: list[dict[str, Any]] = []
    now = datetime(2026, 11, 24, 1, 0, tzinfo=UTC)
    for o in range(1, orders + 1):
        m = rng.choice(merchants)
        first = (m["id"] - 1) * SKUS_PER_MERCHANT
        picked = rng.sample(skus[first : first + SKUS_PER_MERCHANT], rng.randint(1, 5))
        order_rows.append(
            {
                "id": o,
                "fo_id": f"FO-{o}",
                "version": 1,
                "order_sn": f"{o:018d}",
                "merchant_id": m["id"],
                "state": "released",
                "priority": rng.choice([0, 0, 0, 60, 120, 400]),
                "due_at": now + timedelta(hours=rng.randint(1, 48)),
                "created_at": now,
                "updated_at": now,
            }
        )
        for i, sku in enumerate(picked, start=1):
            line_rows.append(
                {
                    "order_id": o,
                    "line_id": f"L{i}",
                    "sku_id": sku["id"],
                    "sku_code": sku["code"],
                    "qty": rng.randint(1, 3),
                }
            )
    with database.engine.begin() as conn:
        for model, rows in (
            (Merchant, merchants),
            (Sku, skus),
            (Location, locations),
            (StockQuant, quants),
            (Order, order_rows),
            (OrderLine, line_rows),
        ):
            for start in range(0, len(rows), 5000):
                conn.execute(insert(model), rows[start : start + 5000])
        for table in ("merchant", "sku", "location", "stock_quant", "fulfilment_order"):
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                )
            )


WORKER = """
import json, sys, time
from datetime import date
from warehouse.allocation import allocate_pending
from warehouse.audit import Actor
from warehouse.db import Database
database = Database.from_url(sys.argv[1])
with database.engine.connect():
    pass  # connect before the start signal, so that all start together
time.sleep(max(0.0, float(sys.argv[3]) - time.time()))
started = time.time()
s = allocate_pending(
    database, actor=Actor.system("bench"), today=date(2026, 11, 24), keep_results=False,
    set_size=int(sys.argv[2]),
)
print(json.dumps([started, time.time(), s.allocated, s.partial, s.short, len(s.failures)]))
database.dispose()
"""


def run(url: str, processes: int, set_size: int, tree: Path = REPO) -> dict[str, Any]:
    """Allocate every order with ``processes`` allocators running the code in ``tree``; the
    wall time of the whole, from the common start to the last one done."""
    start = time.time() + 3.0 + processes
    env = {**os.environ, "PYTHONPATH": str(tree)}
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, url, str(set_size), str(start)],
            cwd=tree,
            env=env,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(processes)
    ]
    results = []
    for w in workers:
        out, _ = w.communicate(timeout=3600)
        if w.returncode != 0:
            raise RuntimeError(f"an allocator failed (exit {w.returncode})")
        results.append(json.loads(out.strip().splitlines()[-1]))
    seconds = max(r[1] for r in results) - min(r[0] for r in results)
    totals = [sum(r[i] for r in results) for i in range(2, 6)]
    return {
        "seconds": seconds,
        "allocated": totals[0],
        "partial": totals[1],
        "short": totals[2],
        "failures": totals[3],
        "shares": "/".join(str(sum(r[2:5])) for r in results),
    }


def reconcile(database: Database) -> str:
    with database.unit_of_work(read_only=True) as s:
        reservations = s.scalar(select(func.coalesce(func.sum(Reservation.qty), 0)))
        quants = s.scalar(select(func.sum(StockQuant.reserved)))
        lines = s.scalar(select(func.sum(OrderLine.allocated)))
        over = s.scalar(select(func.count()).where(StockQuant.reserved > StockQuant.on_hand))
        waiting = s.scalar(select(func.count()).where(Order.state == "released"))
    ok = reservations == quants == lines and not over and not waiting
    return f"{'ok' if ok else 'MISMATCH'} ({reservations} units reserved)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orders", type=int, default=10_000)
    parser.add_argument("--processes", type=int, default=4)
    parser.add_argument("--set-size", type=int, default=200, help="orders per transaction")
    parser.add_argument("--skip-old", action="store_true", help="leave out one per transaction")
    parser.add_argument(
        "--baseline",
        type=Path,
        metavar="TREE",
        help="also run sets with the code in TREE (e.g. a worktree of an earlier commit) on "
        "the same data, first",
    )
    args = parser.parse_args()
    server = os.environ.get("WMS_BENCH_DATABASE_URL") or os.environ.get("WMS_TEST_DATABASE_URL")
    if not server:
        print("Set WMS_BENCH_DATABASE_URL (or WMS_TEST_DATABASE_URL) to a PostgreSQL server.")
        return 2
    admin = create_engine(normalise_url(server), isolation_level="AUTOCOMMIT")
    rows = []
    sizes = [args.set_size] if args.skip_old else [1, args.set_size]
    trees = [(args.baseline.resolve(), "baseline")] if args.baseline else []
    plan = [(tree, label, args.set_size) for tree, label in trees]
    plan += [(REPO, "this", size) for size in sizes]
    for tree, label, set_size, processes in [
        (t, lab, z, p) for t, lab, z in plan for p in (1, args.processes)
    ]:
        name = f"wms_bench_{uuid.uuid4().hex[:10]}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = (
            make_url(normalise_url(server)).set(database=name).render_as_string(hide_password=False)
        )
        try:
            database = Database.from_url(url)
            upgrade(database)
            build_site(database, args.orders)
            with database.engine.begin() as conn:
                conn.execute(text("ANALYZE"))
            load = os.getloadavg()[0]
            result = run(url, processes, set_size, tree)
            result["load"] = f"{load:.1f}/{os.getloadavg()[0]:.1f}"
            result["check"] = reconcile(database)
            database.dispose()
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        rows.append((label, set_size, processes, result))
    admin.dispose()
    print(f"Allocation of {args.orders} orders (1–5 lines) on PostgreSQL, {os.cpu_count()} CPUs")
    print(
        f"{'code':<8} {'per tx':>6} {'processes':>9} {'seconds':>8} {'orders/s':>9} {'full':>6} {'partial':>7} "
        f"{'short':>6}  {'orders per process':<20} {'load 1m':<9} check"
    )
    for label, set_size, processes, r in rows:
        print(
            f"{label:<8} {set_size:>6} {processes:>9} {r['seconds']:>8.1f} {args.orders / r['seconds']:>9.0f} "
            f"{r['allocated']:>6.0f} {r['partial']:>7.0f} {r['short']:>6.0f}  "
            f"{r['shares']:<20} {r['load']:<9} {r['check']}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
