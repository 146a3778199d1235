"""Allocating a set of orders in one transaction: the same rules, a few queries per set.

The one-order path (:mod:`warehouse.allocation.service`) spends most of its time on round
trips: a claim, a stock lock, a reservation, inserts and a commit per order. Here a set of
orders is handled at once:

1. :func:`claim_set` locks the set's most urgent waiting orders with ``FOR UPDATE SKIP
   LOCKED`` (lines, SKUs and merchants in the same round trips);
2. :func:`allocate_set` locks every candidate quant of the set's (merchant, SKU) pairs in one
   ``SELECT … ORDER BY id FOR UPDATE`` (the lock order every allocator and the pick service
   use), plans each order in priority order in memory with :func:`plan_line` on what earlier
   orders of the set left, then reserves with one guarded ``UPDATE`` whose row count is
   checked, and writes reservations, lines, states, audit, outbox and shortage cases in one
   flush (the ORM batches the inserts and updates).

The rules are the one-order path's: each order sees exactly the stock it would have seen had
the set's more urgent orders been allocated one by one before it. An error while writing
undoes the whole set; the caller then allocates those orders one by one, so that a failing
order undoes only its own part.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session, joinedload, selectinload

from warehouse.allocation.plan import Candidate, plan_line
from warehouse.allocation.queue import waiting
from warehouse.allocation.result import LineResult, OrderResult
from warehouse.allocation.stock import book, levels_after, line_skus, reserve
from warehouse.audit import Actor, record
from warehouse.models import Location, Order, OrderLine, ReplenishmentRequest, Sku, StockQuant
from warehouse.models.base import utcnow
from warehouse.orders import ALLOCATED, SHORT, transition
from warehouse.replenishment import StockLevels, raise_if_low
from warehouse.replenishment.service import PICK_FACE, SUPPLIER, keys_wanted, open_key
from warehouse.shortages import (
    EXPIRED,
    HOLD,
    NOT_FOUND,
    OUT_OF_STOCK,
    SHIP_AVAILABLE,
    LineShortage,
    sync_cases,
)
from warehouse.stock.lookup import shippable

_Pair = tuple[int, int]  # (owner id, SKU id)


def _urgency(order: Order) -> tuple[int, int, datetime | None, int]:
    due = order.due_at
    return (-order.priority, due is None, due.replace(tzinfo=None) if due else None, order.id)


def claim_set(
    session: Session, *, size: int, started_at: datetime, retry_short: bool = True
) -> list[Order]:
    """Lock up to ``size`` of the most urgent waiting orders nobody else holds."""
    orders = list(
        session.scalars(
            select(Order)
            .where(waiting(started_at, retry_short))
            .order_by(Order.priority.desc(), Order.due_at.asc().nulls_last(), Order.id)
            .limit(size)
            .options(
                joinedload(Order.merchant),
                selectinload(Order.lines).joinedload(OrderLine.sku),
            )
            .with_for_update(of=Order, skip_locked=True)
            .execution_options(populate_existing=True)
        ).unique()
    )
    return sorted(orders, key=_urgency)


@dataclass
class _Stock:
    """The set's locked candidates, and what earlier orders of the set took from them."""

    usable: dict[_Pair, list[Candidate]] = field(default_factory=lambda: defaultdict(list))
    too_old: dict[_Pair, int] = field(default_factory=lambda: defaultdict(int))
    used: dict[int, int] = field(default_factory=dict)


def _lock_stock(session: Session, pairs: set[_Pair], skus: dict[int, Sku], today: date) -> _Stock:
    stock = _Stock()
    if not pairs:
        return stock
    rows = session.execute(
        select(
            StockQuant.id,
            StockQuant.owner_id,
            StockQuant.sku_id,
            StockQuant.location_id,
            StockQuant.on_hand - StockQuant.reserved,
            StockQuant.lot,
            StockQuant.expiry,
            Location.kind,
        )
        .join(Location, StockQuant.location_id == Location.id)
        .where(
            tuple_(StockQuant.owner_id, StockQuant.sku_id).in_(sorted(pairs)),  # own stock only
            StockQuant.on_hand > StockQuant.reserved,
            Location.active.is_(True),
        )
        .order_by(StockQuant.id)  # one lock order for every allocator: no deadlocks
        .with_for_update(of=StockQuant)
    )
    for quant_id, owner_id, sku_id, location_id, free, lot, expiry, kind in rows:
        pair = (owner_id, sku_id)
        if shippable(expiry, today, skus[sku_id].min_remaining_days) != "ok":
            stock.too_old[pair] += free
            continue
        stock.usable[pair].append(
            Candidate(quant_id, sku_id, location_id, kind == "pick", free, lot, expiry)
        )
    return stock


@dataclass
class _Trigger:
    """The first order of the set whose allocation left a SKU below a threshold."""

    order: Order
    sku: Sku
    levels: StockLevels
    results: list[int] = field(default_factory=list)


def allocate_set(
    session: Session, orders: Sequence[Order], *, actor: Actor, today: date
) -> list[OrderResult]:
    """Allocate claimed orders (most urgent first) in the caller's transaction."""
    with session.no_autoflush:
        return _allocate_set(session, orders, actor, today)


def _allocate_set(
    session: Session, orders: Sequence[Order], actor: Actor, today: date
) -> list[OrderResult]:
    live = {order.id: [line for line in order.lines if not line.cancelled] for order in orders}
    skus_of = {order.id: line_skus(session, order, live[order.id]) for order in orders}
    all_skus = {sku.id: sku for found in skus_of.values() for sku in found.values()}
    pairs = {(order.merchant_id, sku_id) for order in orders for sku_id in skus_of[order.id]}
    stock = _lock_stock(session, pairs, all_skus, today)
    triggers: dict[str, _Trigger] = {}
    outcomes: list[tuple[Order, str, list[LineResult], int]] = []
    own: dict[int, dict[int, int]] = {}
    for order in orders:
        before = dict(stock.used)
        outcomes.append(_one(session, order, live[order.id], skus_of[order.id], stock, actor))
        own[order.id] = {
            q: n - before.get(q, 0) for q, n in stock.used.items() if n != before.get(q, 0)
        }
        owner = order.merchant_id
        for sku in skus_of[order.id].values():
            levels = levels_after(stock.usable[(owner, sku.id)], stock.used)
            for key in keys_wanted(sku, owner, levels):
                triggers.setdefault(key, _Trigger(order, sku, levels))
    replenished = _reserve_and_replenish(session, actor, orders, own, triggers, today)
    results = []
    for order, outcome, lines, cases in outcomes:
        results.append(
            OrderResult(
                order.fo_id,
                order.order_sn,
                outcome,
                tuple(lines),
                cases,
                tuple(replenished.get(order.id, ())),
            )
        )
    session.flush()
    return results


def _one(
    session: Session,
    order: Order,
    lines: list[OrderLine],
    skus: dict[int, Sku],
    stock: _Stock,
    actor: Actor,
) -> tuple[Order, str, list[LineResult], int]:
    """Plan and book one order on what the set's earlier orders left (``stock.used``)."""
    owner = order.merchant_id
    had_short = order.state == SHORT or any(line.short for line in order.lines)
    # earlier orders' takings from this order's quants, then this order's on top
    taken = {
        c.quant_id: stock.used[c.quant_id]
        for sku_id in skus
        for c in stock.usable[(owner, sku_id)]
        if c.quant_id in stock.used
    }
    before = dict(taken)
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
        plan = plan_line(stock.usable[(owner, sku.id)], need, fefo=sku.lot_controlled, taken=taken)
        plans[line.id] = plan
        missing = need - sum(qty for _, qty in plan)
        if missing:
            reason = EXPIRED if stock.too_old[(owner, sku.id)] >= missing else OUT_OF_STOCK
            shortages.append(LineShortage(line, line.qty - missing, reason))
    whole_order = order.merchant.whole_order_only
    if shortages and whole_order:
        plans = {}  # all or nothing: reserve nothing
    else:
        for quant_id, qty in taken.items():
            if qty != before.get(quant_id, 0):
                stock.used[quant_id] = qty
    results: list[LineResult] = []
    reasons = {s.line.id: s.reason for s in shortages}
    for line in lines:
        plan = plans.get(line.id, [])
        had_stock = line.allocated > 0
        for candidate, qty in plan:
            book(session, line, candidate.quant_id, qty, had_stock=had_stock)
        line.short = line.qty - line.allocated
        results.append(
            LineResult(
                line.line_id,
                line.sku_code,
                line.qty,
                line.allocated,
                sum(q for _, q in plan),
                line.short,
                reasons.get(line.id, ""),
                len(plan),
            )
        )
    allocated_any = any(line.allocated for line in lines)
    proposal = SHIP_AVAILABLE if allocated_any and not whole_order else HOLD
    cases = sync_cases(
        session, actor, order, shortages, proposal=proposal, may_have_cases=had_short
    )
    if any(r.reserved_now for r in results):
        after = {r.line_id: r.allocated for r in results}
        record(session, actor, "order.allocate", "order", order.fo_id, after=after)
    target = SHORT if shortages else ALLOCATED
    transition(session, order, target, actor, reason="not enough stock" if shortages else "")
    order.updated_at = utcnow()  # marks the attempt: a run retries a short order once
    outcome = "allocated" if not shortages else "partial" if allocated_any else "short"
    return order, outcome, results, cases


def _reserve_and_replenish(
    session: Session,
    actor: Actor,
    orders: Sequence[Order],
    own: dict[int, dict[int, int]],
    triggers: dict[str, _Trigger],
    today: date,
) -> dict[int, list[int]]:
    """Reserve the set's stock with guarded updates and open each wanted request once, as
    the order that first called for it: the reservations of the orders before it and its
    own are made first, so that the moves it proposes see the stock that order saw."""
    already = (
        {
            key
            for key in session.scalars(
                select(ReplenishmentRequest.open_key).where(
                    ReplenishmentRequest.open_key.in_(sorted(triggers))
                )
            )
            if key is not None
        }
        if triggers
        else set()
    )
    by_order: dict[int, list[str]] = defaultdict(list)
    for key in sorted(set(triggers) - already):
        by_order[triggers[key].order.id].append(key)
    opened: dict[int, list[int]] = defaultdict(list)
    pending: dict[int, int] = defaultdict(int)
    for order in orders:
        for quant_id, qty in own[order.id].items():
            pending[quant_id] += qty
        if order.id not in by_order:
            continue
        reserve(session, {quant_id: qty for quant_id, qty in pending.items() if qty})
        pending.clear()
        for key in by_order[order.id]:
            t = triggers[key]
            owner = order.merchant_id
            kinds = {open_key(PICK_FACE, t.sku.id, owner), open_key(SUPPLIER, t.sku.id, owner)}
            opened[order.id] += raise_if_low(
                session,
                actor,
                t.sku,
                owner,
                t.levels,
                today=today,
                fo_id=order.fo_id,
                skip=already | (kinds - {key}),
            )
    reserve(session, {quant_id: qty for quant_id, qty in pending.items() if qty})
    return opened
