"""Allocation: reserve each released order's own merchant's stock, most urgent order first.

Orders go in sets, one transaction each (:mod:`~warehouse.allocation.sets`: the same rules in
bulk); a set that fails is redone one order per transaction (:func:`allocate_order`): claim it
(``FOR UPDATE SKIP LOCKED``), lock the quants it may use in id order (allocators queue rather
than deadlock), plan every line (:mod:`~warehouse.allocation.plan`), reserve with a guarded
``UPDATE … WHERE on_hand - reserved >= qty`` whose row count is checked, open or update
shortage cases, raise replenishment, move the order on. On SQLite the write transaction
(``BEGIN IMMEDIATE``) is exclusive, which gives the same.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import partial

from sqlalchemy import select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from warehouse.allocation.plan import Candidate, plan_line
from warehouse.allocation.queue import claim_next, queue_window
from warehouse.allocation.result import AllocationSummary, LineResult, OrderResult
from warehouse.allocation.set_reading import claim_set
from warehouse.allocation.sets import allocate_set
from warehouse.allocation.stock import book, levels_after, line_skus, locked_stock, reserve
from warehouse.audit import Actor, record
from warehouse.db import Database
from warehouse.errors import NotFound, StateError, StockMoved, WarehouseError
from warehouse.models import Order
from warehouse.models.base import utcnow
from warehouse.orders import ALLOCATED, RELEASED, SHORT, transition
from warehouse.replenishment import raise_where_low
from warehouse.shortages import (
    EXPIRED,
    HOLD,
    NOT_FOUND,
    OUT_OF_STOCK,
    SHIP_AVAILABLE,
    LineShortage,
    sync_cases,
)
from warehouse.states import Role
from warehouse.users import require_role

__all__ = ["AllocationSummary", "LineResult", "OrderResult", "allocate_order", "allocate_pending"]

ALLOCATABLE = frozenset({RELEASED, SHORT})
RETRYABLE_SQLSTATES = frozenset({"40P01", "40001"})  # deadlock, serialisation failure
_Opener = Callable[[], AbstractContextManager[Session]]


def _load_order(session: Session, order: Order | int | str) -> Order:
    if isinstance(order, Order):
        return order
    query = select(Order).with_for_update()
    query = query.where(Order.id == order if isinstance(order, int) else Order.fo_id == order)
    found = session.scalar(query.execution_options(populate_existing=True))
    if found is None:
        raise NotFound(f"No order {order} is known here.")
    return found


def allocate_order(
    session: Session,
    order: Order | int | str,
    *,
    actor: Actor,
    today: date | None = None,
) -> OrderResult:
    """Reserve stock for one released (or short) order in the caller's transaction.

    System work (``Actor.system("allocation")``) or a supervisor's."""
    require_role(session, actor, Role.SUPERVISOR, system=True)
    today = today or datetime.now(UTC).date()
    # Everything is written in one flush at the end: fewer round trips under the quant locks.
    with session.no_autoflush:
        return _allocate(session, _load_order(session, order), actor, today)


def _allocate(session: Session, order: Order, actor: Actor, today: date) -> OrderResult:
    if order.state not in ALLOCATABLE:
        raise StateError(f"Order {order.order_sn} is {order.state} and is not waiting for stock.")
    lines = [line for line in order.lines if not line.cancelled]
    # an order never short before has no open case to update or close: skip that query
    had_short = order.state == SHORT or any(line.short for line in order.lines)
    skus = line_skus(session, order, lines)
    usable, too_old = locked_stock(session, order.merchant_id, skus, today)
    taken: dict[int, int] = {}
    plans: dict[int, list[tuple[Candidate, int]]] = {}
    shortages: list[LineShortage] = []
    for line in lines:
        need = line.qty - line.allocated
        if need <= 0:
            continue
        sku = skus.get(line.sku_id) if line.sku_id is not None else None
        if sku is None:
            shortages.append(LineShortage(line, line.allocated, NOT_FOUND))
            continue
        plan = plan_line(usable[sku.id], need, fefo=sku.lot_controlled, taken=taken)
        plans[line.id] = plan
        missing = need - sum(qty for _, qty in plan)
        if missing:
            reason = EXPIRED if too_old[sku.id] >= missing else OUT_OF_STOCK
            shortages.append(LineShortage(line, line.qty - missing, reason))
    whole_order = order.merchant.whole_order_only
    if shortages and whole_order:
        plans, taken = {}, {}  # all or nothing: reserve nothing
    reserve(session, {quant_id: qty for quant_id, qty in taken.items() if qty})
    results: list[LineResult] = []
    for line in lines:
        plan = plans.get(line.id, [])
        had_stock = line.allocated > 0
        for candidate, qty in plan:
            book(session, line, candidate.quant_id, qty, had_stock=had_stock)
        line.short = line.qty - line.allocated
        reason = next((s.reason for s in shortages if s.line is line), "")
        results.append(
            LineResult(
                line.line_id,
                line.sku_code,
                line.qty,
                line.allocated,
                sum(q for _, q in plan),
                line.short,
                reason,
                len(plan),
            )
        )
    allocated_any = any(line.allocated for line in lines)
    proposal = SHIP_AVAILABLE if allocated_any and not whole_order else HOLD
    cases = sync_cases(
        session, actor, order, shortages, proposal=proposal, may_have_cases=had_short
    )
    reserved_now = sum(r.reserved_now for r in results)
    if reserved_now:
        record(
            session,
            actor,
            "order.allocate",
            "order",
            order.fo_id,
            after={r.line_id: r.allocated for r in results},
        )
    transition(
        session,
        order,
        SHORT if shortages else ALLOCATED,
        actor,
        reason="not enough stock" if shortages else "",
    )
    order.updated_at = utcnow()  # marks the attempt: a run retries a short order once
    levels = [(sku, levels_after(usable[sku.id], taken)) for sku in skus.values()]
    replenishments = raise_where_low(
        session, actor, order.merchant_id, levels, today=today, fo_id=order.fo_id
    )
    outcome = "allocated" if not shortages else "partial" if allocated_any else "short"
    return OrderResult(
        order.fo_id, order.order_sn, outcome, tuple(results), cases, tuple(replenishments)
    )


def allocate_pending(
    database: Database,
    *,
    actor: Actor,
    limit: int | None = None,
    dry_run: bool = False,
    today: date | None = None,
    retry_short: bool = True,
    window: int = 50,
    keep_results: bool = True,
    set_size: int = 200,
    pace: Callable[[float], None] | None = None,
) -> AllocationSummary:
    """Allocate waiting orders, highest priority first.

    ``set_size`` orders share one transaction (:mod:`warehouse.allocation.sets`); when such a
    set fails while writing, its orders are allocated one per transaction, so that a failing
    order undoes only its own part. ``set_size=1`` is the one-order-per-transaction path.
    ``dry_run`` does the same work in one transaction and rolls it back. Each short order is
    retried at most once per run (its ``updated_at`` marks the attempt), so a run ends.
    ``pace`` is called after each transaction with the seconds it took, outside it (no lock
    held): :class:`~warehouse.allocation.yielding.FloorPacer` pauses there while the floor
    is busy.
    """
    with database.unit_of_work(read_only=True) as session:  # refused before any work
        require_role(session, actor, Role.SUPERVISOR, system=True)
    started_at = utcnow()
    summary = AllocationSummary(dry_run=dry_run)
    skip: set[int] = set()
    run = _Run(actor, today, started_at, retry_short, limit, summary, skip, keep_results)
    run.pace = None if dry_run else pace  # a dry run is one transaction: never pause in it
    with _transactions(database, dry_run) as (open_tx, read_tx):
        if set_size > 1:
            _in_sets(run, open_tx, set_size)
        idle_rounds = 0
        while not run.full():
            with read_tx() as session:
                ids = queue_window(
                    session,
                    started_at=started_at,
                    size=window,
                    retry_short=retry_short,
                    exclude=skip,
                )
            if not ids:
                break
            claimed = _one_by_one(run, open_tx, set(ids))
            idle_rounds = 0 if claimed else idle_rounds + 1
            if idle_rounds >= 3:  # the window is held by other allocators: leave it to them
                break
            time.sleep(0.01 * idle_rounds)
    return summary


@dataclass
class _Run:
    actor: Actor
    today: date | None
    started_at: datetime
    retry_short: bool
    limit: int | None
    summary: AllocationSummary
    skip: set[int]
    keep: bool
    pace: Callable[[float], None] | None = None

    def full(self) -> bool:
        return self.limit is not None and self.summary.processed >= self.limit

    def paced(self, since: float) -> None:
        """A transaction begun at ``since`` (``time.perf_counter``) has ended."""
        if self.pace is not None:
            self.pace(time.perf_counter() - since)


def _in_sets(run: _Run, open_tx: _Opener, set_size: int) -> None:
    """Claim and allocate sets until nothing waits that nobody holds (or the limit)."""
    today = run.today or datetime.now(UTC).date()
    moved = 0  # sets undone in a row because stock moved under their plan
    while not run.full():
        size = set_size if run.limit is None else min(set_size, run.limit - run.summary.processed)
        ids: set[int] = set()
        begun = time.perf_counter()
        try:
            with open_tx() as session:
                orders = claim_set(
                    session, size=size, started_at=run.started_at, retry_short=run.retry_short
                )
                ids = {order.id for order in orders}
                if not orders:
                    return
                results = allocate_set(session, orders, actor=run.actor, today=today)
        except StockMoved:
            # planned on stock that changed before it was locked: plan the set again on
            # fresh stock; after a few in a row, one by one (each locks its stock up front)
            run.summary.retried += 1
            moved += 1
            if moved >= _REPLANS:
                moved = 0
                _one_by_one(run, open_tx, ids)
            continue
        except (WarehouseError, DBAPIError) as exc:
            if isinstance(exc, DBAPIError) and not ids:
                raise
            # the set is undone: its orders one by one, each undoing only its own part
            run.summary.retried += 1 if isinstance(exc, DBAPIError) else 0
            _one_by_one(run, open_tx, ids)
            continue
        moved = 0
        for result in results:
            run.summary.add(result, keep=run.keep)
        run.paced(begun)


_REPLANS = 3
"""Sets planned again in a row when stock moved under them, before going one by one."""


def _one_by_one(run: _Run, open_tx: _Opener, pending: set[int]) -> int:
    """One transaction per order among ``pending``, most urgent first; how many were done."""
    claimed = 0
    while pending and not run.full():
        order_id: int | None = None
        begun = time.perf_counter()
        try:
            with open_tx() as session:
                order = claim_next(
                    session, pending, started_at=run.started_at, retry_short=run.retry_short
                )
                if order is None:
                    break  # the rest is done or held by others
                order_id = order.id
                pending.discard(order_id)
                result = allocate_order(session, order, actor=run.actor, today=run.today)
        except WarehouseError as exc:
            if order_id is not None:
                run.skip.add(order_id)
            run.summary.failures.append(str(exc))
            continue
        except DBAPIError as exc:
            # a deadlock or serialisation failure undoes this order only: it stays
            # in the queue for the next window; anything else is a real fault
            if getattr(exc.orig, "sqlstate", None) not in RETRYABLE_SQLSTATES:
                raise
            run.summary.retried += 1
            continue
        claimed += 1
        run.summary.add(result, keep=run.keep)
        run.paced(begun)
    return claimed


@contextmanager
def _transactions(database: Database, dry_run: bool) -> Iterator[tuple[_Opener, _Opener]]:
    """Factories of writing and reading transactions: a new one each time, or for a dry run
    savepoints in one shared transaction that is undone at the end."""
    if not dry_run:
        yield database.unit_of_work, partial(database.unit_of_work, read_only=True)
        return
    with database.unit_of_work() as shared:

        @contextmanager
        def same() -> Iterator[Session]:
            with shared.begin_nested():  # a failed order undoes only its own work
                yield shared

        yield same, same
        shared.rollback()
