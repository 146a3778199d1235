"""The people and processes of ``bench/floor_load.py``: pickers and packers (threads calling
the real pick and pack services through the screens' facades, each pausing before a scan),
the allocator and the sync worker (processes of their own)."""

from __future__ import annotations

import base64
import os
import random
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import select

from packing.station.parcel import parcel_expected
from picking import floor as pick
from warehouse.allocation import allocate_pending
from warehouse.allocation.yielding import yield_to_floor
from warehouse.audit import Actor
from warehouse.config import Settings, load_settings
from warehouse.config_printing import PrinterSettings
from warehouse.db import Database
from warehouse.errors import WarehouseError
from warehouse.models import (
    Order,
    OrderLine,
    PackSession,
    PickBatch,
    PickTask,
    SkuBarcode,
    User,
)
from warehouse.pii import ReceiverCipher
from warehouse_tui.screens.packer.jobs import PackJobs
from warehouse_tui.screens.picker.jobs import PickJobs

ROOT = Path(__file__).resolve().parents[1]
TODAY = date(2026, 11, 24)


def site_settings(folder: str) -> Settings:
    """The documented config.toml, in English, printing to a folder."""
    printer = PrinterSettings(name="labels", kind="file", target=folder, format="pdf")
    return load_settings(ROOT / "config.toml", environ={}).model_copy(
        update={"language": "en", "printers": [printer]}
    )


@dataclass
class Samples:
    pick_ms: list[float] = field(default_factory=list)
    pack_ms: list[float] = field(default_factory=list)
    close_ms: list[float] = field(default_factory=list)
    refused: int = 0
    errors: list[str] = field(default_factory=list)
    carts_picked: int = 0
    orders_packed: int = 0

    def merge(self, other: Samples) -> None:
        self.pick_ms += other.pick_ms
        self.pack_ms += other.pack_ms
        self.close_ms += other.close_ms
        self.refused += other.refused
        self.errors += other.errors
        self.carts_picked += other.carts_picked
        self.orders_packed += other.orders_packed


def _actor(database: Database, badge: str) -> Actor:
    with database.unit_of_work(read_only=True) as session:
        return Actor.of(session.scalars(select(User).where(User.badge == badge)).one())


def _think(think_s: float) -> None:
    if think_s > 0:
        time.sleep(random.uniform(0.5, 1.5) * think_s)


def picker_run(
    database: Database, settings: Settings, badge: str, until: float, think_s: float, s: Samples
) -> None:
    """One picker: claim a cart, scan every step, claim the next, until ``until``."""
    floor = pick.Floor.from_settings(settings)
    jobs = PickJobs(database, floor, _actor(database, badge))
    _, step = jobs.start()
    while time.time() < until:
        if step.kind in ("idle", "done"):
            if step.kind == "done":
                s.carts_picked += 1
            batch, step = jobs.start()
            if batch is None:
                _think(think_s)
            continue
        scan = {
            "location": step.location,
            "item": step.sku_code,
            "quantity": str(step.qty - step.in_hand),
            "tote": step.tote_label,
        }.get(step.kind)
        if scan is None:
            s.errors.append(f"unexpected step {step.kind}")
            return
        _think(think_s)
        started = time.perf_counter()
        try:
            step = jobs.scan(scan, uuid.uuid4().hex)
        except WarehouseError:  # refused (a lot expired meanwhile, say): skip the task
            s.refused += 1
            try:
                step = jobs._once(
                    lambda session: pick.skip_task(
                        session, jobs.actor, uuid.uuid4().hex, datetime.now(UTC), floor=floor
                    )
                )
            except WarehouseError:
                jobs._once(lambda session: pick.release_batch(session, jobs.actor))
                _, step = jobs.start()
            continue
        except Exception as exc:  # a database error: count it, the picker carries on
            s.errors.append(f"pick: {type(exc).__name__}: {str(exc)[:160]}")
            _, step = jobs.start()
            continue
        s.pick_ms.append((time.perf_counter() - started) * 1000)


def expected_kg(database: Database, settings: Any, session_id: int | None) -> Decimal | None:
    """What the scale should read for the parcel of the open pack session (the packer types it)."""
    with database.unit_of_work(read_only=True) as session:
        open_pack = session.scalars(select(PackSession).where(PackSession.id == session_id)).one()
        weight = parcel_expected(session, settings, open_pack)
    return weight.total_kg if weight else None


def _next_cart(database: Database, taken: set[str], lock: threading.Lock) -> str | None:
    """A picked cart whose first order still waits for a packer, not taken by another."""
    with database.unit_of_work(read_only=True) as session:
        codes = session.scalars(
            select(PickBatch.code)
            .where(PickBatch.state == "done")
            .where(
                select(Order.id)
                .join(PickTask, PickTask.order_id == Order.id)
                .where(PickTask.batch_id == PickBatch.id, Order.state == "picked")
                .exists()
            )
            .order_by(PickBatch.id)
        ).all()
    with lock:
        for code in codes:
            if code not in taken:
                taken.add(code)
                return code
    return None


def packer_run(
    database: Database,
    settings: Settings,
    badge: str,
    until: float,
    think_s: float,
    s: Samples,
    taken: set[str],
    lock: threading.Lock,
) -> None:
    """One packer: open a picked cart, scan each unit, weigh each parcel, until ``until``."""
    cipher = ReceiverCipher(base64.b64decode(os.environ["WMS_SECRET_KEY"]))
    jobs = PackJobs(database, settings, _actor(database, badge), cipher)
    barcodes: dict[int, str] = {}
    cart: str | None = None
    view = jobs.current()
    while time.time() < until:
        try:
            if view.stage in ("idle", "done"):
                if view.stage == "done":
                    s.orders_packed += 1
                if cart is not None:
                    view = jobs.scan(cart, uuid.uuid4().hex)  # the cart's next order, if any
                    if view.stage in ("idle", "done"):
                        cart = None
                    continue
                cart = _next_cart(database, taken, lock)
                if cart is None:
                    _think(think_s)
                continue
            if view.stage == "weigh":
                weight = expected_kg(database, settings, view.session_id)
                _think(think_s)
                started = time.perf_counter()
                view = jobs.weigh(weight or Decimal("1"), uuid.uuid4().hex)
                s.close_ms.append((time.perf_counter() - started) * 1000)
                continue
            if view.stage == "intact":
                text_ = "Y"
            else:
                line = next(line for line in view.lines if line.left > 0)
                if line.line_id not in barcodes:
                    with database.unit_of_work(read_only=True) as session:
                        sku_id = session.get_one(OrderLine, line.line_id).sku_id
                        barcodes[line.line_id] = (
                            session.scalars(
                                select(SkuBarcode.code).where(SkuBarcode.sku_id == sku_id)
                            ).first()
                            or session.get_one(OrderLine, line.line_id).sku_code
                        )
                text_ = barcodes[line.line_id]
            _think(think_s)
            started = time.perf_counter()
            view = jobs.scan(text_, uuid.uuid4().hex)
            s.pack_ms.append((time.perf_counter() - started) * 1000)
            if view.bell:
                s.refused += 1
                if view.stage not in ("idle", "done", "weigh"):
                    view = jobs.short(None, uuid.uuid4().hex)  # a refusal: short the line
        except WarehouseError:
            s.refused += 1
            view = jobs.current()
            cart = None
        except Exception as exc:
            s.errors.append(f"pack: {type(exc).__name__}: {str(exc)[:160]}")
            view = jobs.current()
            cart = None


def worker(
    url: str,
    folder: str,
    pickers: list[str],
    packers: list[str],
    until: float,
    think_s: float,
    results: Any,
) -> None:
    """A worker process: one thread per person, its own engine (pool sized for them)."""
    database = Database.from_url(url)  # a pool of up to 15 connections for about 10 people
    settings = site_settings(folder)
    samples = Samples()
    taken: set[str] = set()
    lock = threading.Lock()
    threads = [
        threading.Thread(target=picker_run, args=(database, settings, b, until, think_s, samples))
        for b in pickers
    ] + [
        threading.Thread(
            target=packer_run,
            args=(database, settings, b, until, think_s, samples, taken, lock),
        )
        for b in packers
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    database.dispose()
    results.put(samples)


def allocator(
    url: str, folder: str, until: float, set_size: int, yielding: dict[str, Any], results: Any
) -> None:
    """The allocator process, yielding to the floor as ``[allocation]`` says (``yielding``
    overrides its keys: ``nice``, ``pause_ratio``)."""
    database = Database.from_url(url)
    settings = site_settings(folder)
    config = settings.allocation.model_copy(update=yielding)
    pace = yield_to_floor(database, settings.model_copy(update={"allocation": config}))
    orders, runs, busy = 0, 0, 0.0
    while time.time() < until:
        started = time.perf_counter()
        summary = allocate_pending(  # released orders only: a short one is not tried again
            database,
            actor=Actor.system("bench"),
            today=TODAY,
            keep_results=False,
            limit=200,
            retry_short=False,
            set_size=set_size,
            pace=pace,
        )
        runs += 1
        if summary.processed:
            orders += summary.processed
            busy += time.perf_counter() - started
        else:
            time.sleep(1)
    database.dispose()
    paused = pace.paused_s if pace is not None else 0.0
    results.put(("allocator", orders, busy, config.nice, config.pause_ratio, paused))


def sync_worker(url: str, folder: str, until: float, results: Any) -> None:
    from sync.client import MallClient
    from sync.intake import IntakeContext
    from sync.mall_sim import MallStore, start_mall_sim
    from sync.service import run_once

    database = Database.from_url(url)
    settings = site_settings(folder)
    cipher = ReceiverCipher(base64.b64decode(os.environ["WMS_SECRET_KEY"]))
    mall = start_mall_sim(MallStore(settings.site.warehouse_code), token="bench")
    rounds, pushed, round_ms = 0, 0, []
    try:
        with MallClient(mall.base_url, "bench") as client:
            context = IntakeContext(settings=settings, cipher=cipher)
            while time.time() < until:
                started = time.perf_counter()
                summary = run_once(database, client, context)
                round_ms.append((time.perf_counter() - started) * 1000)
                rounds += 1
                pushed += summary.push.pushed
                time.sleep(max(0.0, 1.0 - (time.perf_counter() - started)))
    finally:
        mall.stop()
        database.dispose()
    results.put(("sync", rounds, pushed, max(round_ms, default=0.0)))
