"""Stock levels to the mall: messages per stock change and change-to-mall delay.

Run from the repository root::

    .venv/bin/python -m bench.stock_levels [--changes 100000] [--skus 5000] \
        [--span-s 600] [--flush-s 10] [--zipf 1.1] [--batch-items 500] [--merchants 1] \
        [--database-url URL]

``--changes`` stock changes over ``--skus`` SKUs (SKU popularity Zipf-like with exponent
``--zipf``; 0 = uniform) arrive spread over ``--span-s`` seconds of simulated time. Each change
is the real hook (``warehouse.stock_levels.touch_skus``) in a database transaction (10
changes per transaction, as busy stations commit); every ``--flush-s`` simulated seconds the
real flush queues each dirty SKU's figure, packed into ``stock_levels`` messages of at most
``--batch-items`` figures per merchant, and the real pusher delivers them over HTTP to the
reference mall. The delay of a change is the simulated wait until its flush
plus the measured wall time of that flush and push. Default database: a throw-away SQLite file.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from sync.client import MallClient
from sync.mall_sim import MallStore, start_mall_sim
from sync.pusher import push_pending
from sync.stock_sync import flush_stock
from warehouse.db import Database
from warehouse.migrate import upgrade
from warehouse.models import Merchant, OutboxEvent, Sku
from warehouse.stock_levels import KIND, touch_skus


def _catalogue(database: Database, skus: int, merchants: int) -> list[int]:
    """``skus`` SKUs dealt round-robin to ``merchants`` merchants (so popular SKUs of every
    merchant exist); ids in popularity order."""
    with database.unit_of_work() as session:
        shops = [Merchant(mall_id=str(17 + m), name=f"店铺{m}") for m in range(merchants)]
        session.add_all(shops)
        session.flush()
        session.add_all(
            [
                Sku(merchant_id=shops[n % merchants].id, code=f"S{n:05d}", name_zh=f"商品{n}")
                for n in range(skus)
            ]
        )
        session.flush()
        return list(session.scalars(select(Sku.id).order_by(Sku.id)))


def _draws(rng: random.Random, ids: list[int], count: int, zipf: float) -> list[int]:
    weights = [1 / (rank + 1) ** zipf for rank in range(len(ids))] if zipf else None
    return rng.choices(ids, weights=weights, k=count)


def run(args: argparse.Namespace) -> None:
    url = args.database_url or f"sqlite:///{Path(tempfile.mkdtemp()) / 'bench.db'}"
    database = Database.from_url(url)
    upgrade(database)
    ids = _catalogue(database, args.skus, args.merchants)
    rng = random.Random(args.seed)
    changes = _draws(rng, ids, args.changes, args.zipf)
    times = sorted(rng.uniform(0, args.span_s) for _ in changes)
    mall = start_mall_sim(MallStore("W1"), token="bench")
    delays: list[float] = []
    waiting: list[float] = []
    wall = time.perf_counter()
    cpu = time.process_time()
    push_wall = 0.0
    with MallClient(mall.base_url, "bench") as client:
        next_flush, i = args.flush_s, 0
        while i < len(changes) or waiting:
            batch_end = i
            while batch_end < len(changes) and times[batch_end] < next_flush and batch_end - i < 10:
                batch_end += 1
            if batch_end > i:
                with database.unit_of_work() as session:
                    touch_skus(session, changes[i:batch_end])
                waiting += times[i:batch_end]
                i = batch_end
                continue
            started = time.perf_counter()
            flush_stock(database, batch_items=args.batch_items)
            while push_pending(database, client, limit=2000, workers=8).pushed:
                pass
            took = time.perf_counter() - started
            push_wall += took
            delays += [next_flush - t + took for t in waiting]
            waiting = []
            next_flush += args.flush_s
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu
    with database.unit_of_work(read_only=True) as session:
        messages = int(
            session.scalar(
                select(func.count()).select_from(OutboxEvent).where(OutboxEvent.kind == KIND)
            )
            or 0
        )
    levels = mall.store.stock.levels
    figures = sum(len(seqs) for seqs in mall.store.stock.arrivals.values())
    mall.stop()
    delays.sort()
    p95 = delays[int(0.95 * (len(delays) - 1))]
    print(
        f"{args.changes} changes over {args.skus} SKUs in {args.span_s:.0f} s simulated "
        f"(zipf {args.zipf}) of {args.merchants} merchants, flush every {args.flush_s:.0f} s, "
        f"{database.dialect}"
    )
    print(
        f"messages {messages}, per change {messages / args.changes:.4f}; SKU figures applied "
        f"{figures} ({figures / args.changes:.4f} per change); SKUs at the mall {len(levels)}"
    )
    print(
        f"change-to-mall delay: mean {statistics.fmean(delays):.1f} s, p95 {p95:.1f} s, "
        f"max {delays[-1]:.1f} s (flush + push wall time {push_wall:.1f} s in total)"
    )
    print(f"run: wall {wall:.1f} s, CPU {cpu:.1f} s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=100_000)
    parser.add_argument("--skus", type=int, default=5000)
    parser.add_argument("--span-s", type=float, default=600.0)
    parser.add_argument("--flush-s", type=float, default=10.0)
    parser.add_argument("--zipf", type=float, default=1.1)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--batch-items", type=int, default=500)
    parser.add_argument("--merchants", type=int, default=1)
    parser.add_argument("--database-url", default="")
    run(parser.parse_args())


if __name__ == "__main__":
    main()
