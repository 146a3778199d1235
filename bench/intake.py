"""Intake benchmark: orders per second from the mall over HTTP into PostgreSQL, against the
same order rows inserted directly with SQLAlchemy, in the same run.

Run from the repository root (any PostgreSQL server; two throw-away databases are created on
it and dropped at the end)::

    .venv/bin/python -m bench.intake --database-url postgresql+psycopg://postgres@127.0.0.1/postgres \
        [--orders 5000] [--page 100]

``--database-url`` defaults to ``$WMS_BENCH_DATABASE_URL`` or ``$WMS_TEST_DATABASE_URL``.
The HTTP path is the real one: reference mall on loopback, ``MallClient``, contract
validation, intake checks, receiver encryption, audit and outbox rows, one transaction per
page with the cursor. The direct path builds the same ``Order``/``OrderLine`` rows (receiver
encrypted too) from the same snapshots and adds them with the ORM, one transaction per page.
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
    database: Database, base_url: str, context: IntakeContext, page: int, orders: int
) -> float:
    with MallClient(base_url, "bench") as client:
        started = time.perf_counter()
        stats = sync_orders(database, client, context, limit=page)
        elapsed = time.perf_counter() - started
    assert stats.new == orders, stats
    return elapsed


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
    try:
        http_db, name = _fresh_database(admin_url, "http")
        names.append(name)
        direct_db, name = _fresh_database(admin_url, "direct")
        names.append(name)
        with tempfile.TemporaryDirectory() as workdir:
            mall = (
                mall_thread(store)
                if args.mall_in_process
                else mall_process(args.orders, args.seed, Path(workdir))
            )
            with mall as base_url:
                http_s = bench_http(
                    http_db,
                    base_url,
                    IntakeContext(settings=settings, cipher=cipher),
                    args.page,
                    args.orders,
                )
        direct_s = bench_direct(
            direct_db, snapshots, IntakeContext(settings=settings, cipher=cipher), args.page
        )
        http_db.dispose()
        direct_db.dispose()
    finally:
        _drop(admin_url, names)
    http_rate, direct_rate = args.orders / http_s, args.orders / direct_s
    where = "a thread of this process" if args.mall_in_process else "its own process"
    print(
        f"orders: {args.orders}, page size {args.page}, PostgreSQL {make_url(admin_url).host}, "
        f"mall in {where}"
    )
    print(f"over HTTP (feed, checks, outbox, cursor): {http_rate:8.0f} orders/s  ({http_s:.2f} s)")
    print(
        f"direct SQLAlchemy inserts (same rows):    {direct_rate:8.0f} orders/s  ({direct_s:.2f} s)"
    )
    print(f"ratio HTTP / direct: {http_rate / direct_rate:.0%}  (targets: >= 500 orders/s, >= 30%)")


if __name__ == "__main__":
    main()
