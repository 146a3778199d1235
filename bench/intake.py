"""Intake benchmark: orders per second from the mall over HTTP into PostgreSQL, with the new
orders of each page stored as one set and, on the same feed in the same run, one by one (the
path before sets), beside the same order rows inserted directly with the ORM.

Run from the repository root (any PostgreSQL server; three throw-away databases are created
on it and dropped at the end)::

    .venv/bin/python -m bench.intake --database-url postgresql+psycopg://postgres@127.0.0.1/postgres \
        [--orders 5000] [--page 100] [--baseline-orders 2000]

``--database-url`` defaults to ``$WMS_BENCH_DATABASE_URL`` or ``$WMS_TEST_DATABASE_URL``.
Both HTTP runs take the real path from the same reference mall process on loopback:
``MallClient``, contract validation, intake checks, receiver encryption, audit and outbox
rows, one transaction per page with the cursor; ``sync_orders(in_sets=False)`` is the one by
one path (``--baseline-orders``: only the feed's first so many, it is slow). The direct path
builds the same ``Order``/``OrderLine`` rows (receiver encrypted too) from the same snapshots
and adds them with the ORM, one transaction per page. The load average is printed beside
each figure.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from sync.client import MallClient
from sync.contract import OrderSnapshot
from sync.ingest import sync_orders
from sync.intake import IntakeContext, _copy_fields
from sync.mall_sim import MallStore, seed_store, start_mall_sim
from warehouse.config import Settings
from warehouse.db import Database, normalise_url
from warehouse.migrate import upgrade
from warehouse.models import Merchant, Order, OrderLine, Sku
from warehouse.pii import ReceiverCipher

CATALOG = {(str(m), f"商户{m}"): [f"SKU-{m}-{n:04d}" for n in range(200)] for m in range(1, 9)}


def _fresh_database(admin_url: str, label: str) -> tuple[Database, str]:
    name = f"wms_bench_{label}_{uuid.uuid4().hex[:8]}"
    with create_engine(admin_url, isolation_level="AUTOCOMMIT").connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    database = Database.from_url(url)
    upgrade(database)
    with database.unit_of_work() as session:
        for (mall_id, merchant_name), codes in CATALOG.items():
            merchant = Merchant(mall_id=mall_id, name=merchant_name)
            session.add(merchant)
            session.flush()
            session.add_all(Sku(merchant_id=merchant.id, code=c, name_zh=c) for c in codes)
    return database, name


def _drop(admin_url: str, names: list[str]) -> None:
    with create_engine(admin_url, isolation_level="AUTOCOMMIT").connect() as conn:
        for name in names:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def mall_process(
    orders: int,
    seed: int,
    workdir: Path,
    skus: dict[tuple[str, str], list[str]] = CATALOG,
    token: str = "bench",
) -> Iterator[str]:
    """The reference mall in its own process, as a real mall would be: it does not share our GIL."""
    catalog = workdir / "catalog.json"
    catalog.write_text(
        json.dumps(
            [{"merchant_id": m, "name": n, "skus": codes} for (m, n), codes in skus.items()],
            ensure_ascii=False,
        )
    )
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sync.mall_sim",
            "--orders",
            str(orders),
            "--seed",
            str(seed),
            "--catalog",
            str(catalog),
            "--token",
            token,
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        yield process.stdout.readline().strip()
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def mall_thread(store: MallStore) -> Iterator[str]:
    mall = start_mall_sim(store, token="bench")
    try:
        yield mall.base_url
    finally:
        mall.stop()


def bench_http(
    database: Database,
    base_url: str,
    context: IntakeContext,
    page: int,
    orders: int,
    *,
    in_sets: bool,
) -> tuple[float, int]:
    """Seconds and orders stored from the feed (the first ``orders`` of it)."""
    pages = -(-orders // page)
    with MallClient(base_url, "bench") as client:
        started = time.perf_counter()
        stats = sync_orders(database, client, context, limit=page, max_pages=pages, in_sets=in_sets)
        elapsed = time.perf_counter() - started
    assert stats.new == min(orders, stats.fetched), stats
    return elapsed, stats.new


def bench_direct(
    database: Database, snapshots: list[OrderSnapshot], context: IntakeContext, page: int
) -> float:
    with database.unit_of_work(read_only=True) as session:
        merchants = {m.mall_id: m.id for m in session.query(Merchant)}
        skus = {(s.merchant_id, s.code): s.id for s in session.query(Sku)}
    started = time.perf_counter()
    for first in range(0, len(snapshots), page):
        with database.unit_of_work() as session:
            for snapshot in snapshots[first : first + page]:
                merchant_id = merchants[snapshot.merchant.id]
                order = Order(
                    fo_id=snapshot.fo_id, merchant_id=merchant_id, state="released", version=0
                )
                _copy_fields(order, snapshot, context)
                order.lines = [
                    OrderLine(
                        line_id=line.line_id,
                        sku_code=line.sku_code,
                        name=line.name,
                        qty=line.qty,
                        unit_price=line.unit_price,
                        sku_id=skus.get((merchant_id, line.sku_code)),
                    )
                    for line in snapshot.lines
                ]
                session.add(order)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("WMS_BENCH_DATABASE_URL") or os.environ.get("WMS_TEST_DATABASE_URL"),
    )
    parser.add_argument("--orders", type=int, default=5000)
    parser.add_argument("--page", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--baseline-orders",
        type=int,
        default=None,
        help="orders on the one by one path (default: all)",
    )
    parser.add_argument(
        "--mall-in-process",
        action="store_true",
        help="serve the mall from a thread of this process (shares the GIL)",
    )
    args = parser.parse_args()
    if not args.database_url:
        parser.error("give --database-url (a PostgreSQL server) or set WMS_BENCH_DATABASE_URL")
    admin_url = normalise_url(args.database_url)
    settings = Settings()
    cipher = ReceiverCipher(
        base64.b64decode(os.environ.get("WMS_SECRET_KEY") or base64.b64encode(os.urandom(32)))
    )
    store = MallStore("W1")
    seed_store(store, args.orders, CATALOG, seed=args.seed)
    snapshots = [OrderSnapshot.model_validate(store.order(fo)) for fo in store.fo_ids()]
    names: list[str] = []
    figures: list[tuple[str, int, float, float]] = []
    try:
        databases = {}
        for label in ("sets", "single", "direct"):
            databases[label], name = _fresh_database(admin_url, label)
            names.append(name)
        with tempfile.TemporaryDirectory() as workdir:
            mall = (
                mall_thread(store)
                if args.mall_in_process
                else mall_process(args.orders, args.seed, Path(workdir))
            )
            with mall as base_url:
                for label, in_sets, orders in (
                    ("one by one (before sets)", False, args.baseline_orders or args.orders),
                    ("in sets (HTTP, checks, outbox, cursor)", True, args.orders),
                ):
                    load = os.getloadavg()[0]
                    seconds, stored = bench_http(
                        databases["sets" if in_sets else "single"],
                        base_url,
                        IntakeContext(settings=settings, cipher=cipher),
                        args.page,
                        orders,
                        in_sets=in_sets,
                    )
                    figures.append((label, stored, seconds, load))
        load = os.getloadavg()[0]
        direct_s = bench_direct(
            databases["direct"],
            snapshots,
            IntakeContext(settings=settings, cipher=cipher),
            args.page,
        )
        figures.append(("direct ORM inserts (same rows, no checks)", args.orders, direct_s, load))
        for database in databases.values():
            database.dispose()
    finally:
        _drop(admin_url, names)
    where = "a thread of this process" if args.mall_in_process else "its own process"
    print(
        f"orders: {args.orders}, page size {args.page}, PostgreSQL {make_url(admin_url).host}, "
        f"mall in {where}, {os.cpu_count()} CPUs"
    )
    for label, count, seconds, load in figures:
        print(
            f"{label:<44} {count / seconds:8.0f} orders/s  ({count} in {seconds:.2f} s, "
            f"load 1m {load:.1f})"
        )
    single, sets, direct = (count / seconds for _, count, seconds, _ in figures)
    print(
        f"in sets / one by one: {sets / single:.1f}x; in sets / direct inserts: {sets / direct:.0%}"
    )


if __name__ == "__main__":
    main()
