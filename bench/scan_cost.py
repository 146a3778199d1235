"""What one scan costs: SQL statements and Python CPU per pick scan and per pack scan.

One picker and then one packer work alone (no think time) through the floor bench's site
(``bench.floor_load.seed``: the demo, orders on carts, carts already picked for the packer),
calling the same facades as the bench (``PickJobs.scan``, ``PackJobs.scan``). An engine event
listener counts the statements each scan sends; ``time.thread_time`` gives the Python CPU the
scan took in this process (the database backend's CPU is not in it); the wall time is beside
it. ``--profile`` prints the functions taking most CPU over all the scans (cProfile).

Run from the repository root (a throw-away database is created on the server and dropped)::

    .venv/bin/python -m bench.scan_cost [--scans 400] [--profile] [--url postgresql+psycopg://...]
"""

from __future__ import annotations

import argparse
import base64
import cProfile
import os
import pstats
import statistics
import tempfile
import time
import uuid
from collections import defaultdict
from collections.abc import Callable
from functools import partial
from typing import Any

from sqlalchemy import event, select

from bench.floor_load import seed
from bench.floor_people import _actor, expected_kg, site_settings
from bench.scan_latency import DEFAULT_URL, _fresh_database
from picking import floor as pick
from warehouse.db import Database
from warehouse.errors import WarehouseError
from warehouse.models import OrderLine, PickBatch, SkuBarcode
from warehouse.pii import ReceiverCipher
from warehouse_tui.screens.packer.jobs import PackJobs
from warehouse_tui.screens.picker.jobs import PickJobs


class Meter:
    """Statements, CPU and wall time of each measured call, by kind."""

    def __init__(self, database: Database) -> None:
        self.statements = 0
        self.by_kind: dict[str, list[tuple[int, float, float]]] = defaultdict(list)
        self.seen: dict[str, list[str]] = {}
        self._current: list[str] = []
        self._kind = ""

        @event.listens_for(database.engine, "before_cursor_execute")
        def count(conn: Any, cursor: Any, statement: str, *rest: Any) -> None:
            self.statements += 1
            if self._kind:
                self._current.append(" ".join(statement.split())[:110])

    def measure(self, kind: str, call: Callable[[], Any]) -> Any:
        before, cpu, wall = self.statements, time.thread_time(), time.perf_counter()
        self._kind, self._current = kind, []
        try:
            return call()
        finally:
            self._kind = ""
            self.seen[kind] = self._current  # the statements of the last call of each kind
            self.by_kind[kind].append(
                (
                    self.statements - before,
                    (time.thread_time() - cpu) * 1000,
                    (time.perf_counter() - wall) * 1000,
                )
            )

    def report(self) -> None:
        print(f"{'':16}{'n':>6}{'stmts p50':>11}{'max':>5}{'CPU ms p50':>12}{'wall ms p50':>13}")
        for kind, rows in sorted(self.by_kind.items()):
            stmts = [r[0] for r in rows]
            print(
                f"{kind:16}{len(rows):>6}{statistics.median(stmts):>11.0f}{max(stmts):>5}"
                f"{statistics.median(r[1] for r in rows):>12.2f}"
                f"{statistics.median(r[2] for r in rows):>13.2f}"
            )


def _pick(database: Database, settings: Any, badge: str, scans: int, meter: Meter) -> None:
    floor = pick.Floor.from_settings(settings)
    jobs = PickJobs(database, floor, _actor(database, badge))
    _, step = jobs.start()
    done = 0
    while done < scans:
        if step.kind in ("idle", "done"):
            batch, step = jobs.start()
            if batch is None:
                return
            continue
        text = {
            "location": step.location,
            "item": step.sku_code,
            "quantity": str(step.qty - step.in_hand),
            "tote": step.tote_label,
        }[step.kind]
        kind = f"pick {step.kind}"
        step = meter.measure(kind, partial(jobs.scan, text, uuid.uuid4().hex))
        done += 1


def _pack(database: Database, settings: Any, badge: str, scans: int, meter: Meter) -> None:
    cipher = ReceiverCipher(base64.b64decode(os.environ["WMS_SECRET_KEY"]))
    jobs = PackJobs(database, settings, _actor(database, badge), cipher)
    with database.unit_of_work(read_only=True) as session:
        carts = list(
            session.scalars(
                select(PickBatch.code).where(PickBatch.state == "done").order_by(PickBatch.id)
            )
        )
    view = jobs.current()
    done = 0
    while done < scans:
        if view.stage in ("idle", "done"):
            if not carts:
                return
            try:
                view = meter.measure("pack open", lambda: jobs.scan(carts[0], uuid.uuid4().hex))
            except WarehouseError:  # every order of this cart is packed (or short)
                view = jobs.current()
                carts.pop(0)
                continue
            if view.stage in ("idle", "done"):
                carts.pop(0)
            continue
        if view.stage == "weigh":
            weight = expected_kg(database, settings, view.session_id)
            assert weight is not None
            view = jobs.weigh(weight, uuid.uuid4().hex)
            continue
        if view.stage == "intact":
            text = "Y"
        else:
            line = next(line for line in view.lines if line.left > 0)
            with database.unit_of_work(read_only=True) as session:
                sku_id = session.get_one(OrderLine, line.line_id).sku_id
                code = session.scalars(
                    select(SkuBarcode.code).where(SkuBarcode.sku_id == sku_id)
                ).first()
                text = code or line.sku_code
        view = meter.measure("pack scan", partial(jobs.scan, text, uuid.uuid4().hex))
        done += 1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scans", type=int, default=400, help="pick scans, and pack scans")
    parser.add_argument("--profile", action="store_true", help="print cProfile's top functions")
    parser.add_argument(
        "--statements", action="store_true", help="print the statements of each kind's last call"
    )
    parser.add_argument("--url", default=os.environ.get("WMS_TEST_DATABASE_URL", DEFAULT_URL))
    args = parser.parse_args()
    os.environ.setdefault("WMS_SECRET_KEY", base64.b64encode(os.urandom(32)).decode())
    url, drop = _fresh_database(args.url)
    settings = site_settings(tempfile.mkdtemp(prefix="wms-scan-cost-"))
    database = Database.from_url(url)
    try:
        pickers, packers = seed(database, settings, 1, 1, 300, 0, carts_for_packers=6)
        meter = Meter(database)
        profile = cProfile.Profile(time.thread_time) if args.profile else None  # CPU, not waits
        if profile:
            profile.enable()
        _pick(database, settings, pickers[0], args.scans, meter)
        _pack(database, settings, packers[0], args.scans, meter)
        if profile:
            profile.disable()
    finally:
        database.dispose()
        drop()
    print(f"one picker, then one packer, alone; load average {os.getloadavg()[0]:.1f} (1-min)")
    meter.report()
    if args.statements:
        for kind, statements in sorted(meter.seen.items()):
            print(f"\n{kind}:")
            for statement in statements:
                print(f"  {statement}")
    if profile:
        pstats.Stats(profile).sort_stats("tottime").print_stats(30)


if __name__ == "__main__":
    main()
