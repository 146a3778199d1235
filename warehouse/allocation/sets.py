"""Allocating a set of orders in one transaction: the same rules, a fixed handful of statements.

The one-order path (:mod:`warehouse.allocation.service`) spends most of its time on round
trips: a claim, a stock lock, a reservation, inserts and a commit per order. Here a set of
orders is handled at once, with plain rows instead of ORM objects:

1. :func:`~warehouse.allocation.set_reading.claim_set` locks the set's most urgent waiting orders with ``FOR UPDATE SKIP
   LOCKED`` (on PostgreSQL those of whole merchants no other allocator holds, see
   :func:`~warehouse.allocation.set_reading.claim_set`) and reads their lines, SKUs, earlier reservations and open shortage cases (one
   query each, only when some order needs them);
2. :func:`allocate_set` reads every candidate quant of the set's (merchant, SKU) pairs in one
   ``SELECT`` without locking them, plans each order in priority order in memory with
   :func:`plan_line` on what earlier orders of the set left, decides cases and replenishment
   in memory too, then writes one statement each for reservations, lines, order states,
   shortage cases, audit rows and outbox messages, replenishment through
   :func:`~warehouse.replenishment.bulk.open_many`, and last the stock: the reserved quants
   locked in id order (the lock order every allocator and the pick service use) and one
   guarded ``UPDATE`` reserving them, its row count checked (the stock-level mark just before
   the lock).

The shelf stock is thus locked only from that update to the commit, not while the set is
planned and written, so a picker confirming units waits milliseconds, not the whole set.
When stock moved between the read and the update (a count, a move, a short pick or another
allocator on the same merchant's stock), the guarded update falls short and raises
:class:`~warehouse.errors.StockMoved`: the set is undone and planned again on fresh stock
(:func:`warehouse.allocation.service.allocate_pending`), so nothing is over-reserved.

The rules are the one-order path's: each order sees exactly the stock it would have seen had
the set's more urgent orders been allocated one by one before it, and each replenishment
request is opened as the first order that called for it would have opened it, with the stock
that order left. An error while writing undoes the whole set; the caller then allocates those
orders one by one, so that a failing order undoes only its own part.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import cast

from sqlalchemy import Table, bindparam, select, update
from sqlalchemy.orm import Session

from warehouse.allocation.plan import Candidate, plan_line
from warehouse.allocation.result import LineResult, OrderResult
from warehouse.allocation.set_reading import (
    SetLine,
    SetOrder,
    SetStock,
    SkuRules,
    read_stock,
    sku_rules,
)
from warehouse.allocation.stock import levels_after, reserve
from warehouse.audit import Actor, audit_row, record_many
from warehouse.bulk import among, insert_many, update_many
from warehouse.models import (
    Order,
    OrderLine,
    Reservation,
    ShortageCase,
    StockQuant,
)
from warehouse.models.base import utcnow
from warehouse.orders import ALLOCATED, SHORT, can_transition
from warehouse.outbox import enqueue_many, outbox_row
from warehouse.replenishment.bulk import Need, open_many
from warehouse.replenishment.moves import ReserveQuant
from warehouse.replenishment.service import PICK_FACE, SUPPLIER, keys_wanted
from warehouse.shortages import (
    ALLOCATION,
    EXPIRED,
    HOLD,
    NOT_FOUND,
    OUT_OF_STOCK,
    SHIP_AVAILABLE,
)
from warehouse.states import ShortageState
from warehouse.stock_levels import touch_skus
from warehouse.words import Message, encode


@dataclass
class _Writes:
    """Everything the set writes, gathered while planning and written at the end."""

    reserved: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    reserved_skus: set[int] = field(default_factory=set)
    new_reservations: list[dict[str, object]] = field(default_factory=list)
    added_to: dict[int, int] = field(default_factory=lambda: defaultdict(int))
    lines: list[dict[str, object]] = field(default_factory=list)
    states: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    new_cases: list[dict[str, object]] = field(default_factory=list)
    case_figures: list[dict[str, object]] = field(default_factory=list)
    covered_cases: list[int] = field(default_factory=list)
    audits: list[dict[str, object]] = field(default_factory=list)
    messages: list[dict[str, object]] = field(default_factory=list)
    needs: dict[str, tuple[int, Need]] = field(default_factory=dict)
    """Replenishment wanted, by open key: the first order (its place in the set) to call."""


@dataclass(frozen=True)
class _Short:
    line: SetLine
    available: int
    reason: str


def allocate_set(
    session: Session, orders: Sequence[SetOrder], *, actor: Actor, today: date
) -> list[OrderResult]:
    """Allocate claimed orders (most urgent first) in the caller's transaction."""
    skus = sku_rules(session, orders)
    pairs = {
        (order.merchant_id, line.sku_id)
        for order in orders
        for line in order.live
        if line.sku_id is not None and line.sku_id in skus
    }
    stock = read_stock(session, pairs, skus, today)
    writes = _Writes()
    planned = [
        _plan_order(place, order, skus, stock, writes, actor) for place, order in enumerate(orders)
    ]
    opened = _write(session, actor, writes)
    by_order: dict[int, list[int]] = defaultdict(list)
    for key, (place, _) in sorted(writes.needs.items()):
        if key in opened:
            by_order[place].append(opened[key])
    return [
        OrderResult(
            order.fo_id, order.order_sn, outcome, tuple(lines), cases, tuple(by_order[place])
        )
        for place, (order, outcome, lines, cases) in enumerate(planned)
    ]


def _plan_order(
    place: int,
    order: SetOrder,
    skus: dict[int, SkuRules],
    stock: SetStock,
    writes: _Writes,
    actor: Actor,
) -> tuple[SetOrder, str, list[LineResult], int]:
    """Plan one order on what the set's earlier orders left (``stock.used``), and gather
    its writes."""
    owner = order.merchant_id
    lines = order.live
    had_short = order.had_short
    own_skus = {line.sku_id: skus[line.sku_id] for line in lines if line.sku_id in skus}
    # earlier orders' takings from this order's quants, then this order's on top
    taken = {
        c.quant_id: stock.used[c.quant_id]
        for sku_id in own_skus
        for c in stock.usable[(owner, sku_id)]
        if c.quant_id in stock.used
    }
    before = dict(taken)
    plans: dict[int, list[tuple[Candidate, int]]] = {}
    shortages: list[_Short] = []
    for line in lines:
        need = line.qty - line.allocated
        if need <= 0:
            continue
        sku = own_skus.get(line.sku_id) if line.sku_id is not None else None
        if sku is None:
            shortages.append(_Short(line, line.allocated, NOT_FOUND))
            continue
        plan = plan_line(stock.usable[(owner, sku.id)], need, fefo=sku.lot_controlled, taken=taken)
        plans[line.id] = plan
        missing = need - sum(qty for _, qty in plan)
        if missing:
            reason = EXPIRED if stock.too_old[(owner, sku.id)] >= missing else OUT_OF_STOCK
            shortages.append(_Short(line, line.qty - missing, reason))
    whole_order = order.whole_order_only
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
        for candidate, qty in plan:
            writes.reserved[candidate.quant_id] += qty
            writes.reserved_skus.add(candidate.sku_id)
            existing = line.reservations.get(candidate.quant_id)
            if existing is not None:
                writes.added_to[existing] += qty
            else:
                writes.new_reservations.append(
                    {"order_line_id": line.id, "quant_id": candidate.quant_id, "qty": qty}
                )
            line.allocated += qty
        short = line.qty - line.allocated
        if plan or short != line.short or line.resolved:
            writes.lines.append(
                {
                    "id": line.id,
                    "allocated": line.allocated,
                    "short": short,
                    "sku_id": line.sku_id,
                }
            )
        line.short = short
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
    cases = _cases(order, shortages, proposal, writes, actor, had_short)
    if any(r.reserved_now for r in results):
        after = {r.line_id: r.allocated for r in results}
        writes.audits.append(audit_row(actor, "order.allocate", "order", order.fo_id, after=after))
    target = SHORT if shortages else ALLOCATED
    if order.state != target:
        if not can_transition(order.state, target):  # claimed orders are released or short
            raise AssertionError(f"order {order.fo_id} is {order.state}")
        writes.audits.append(
            audit_row(
                actor,
                "order.state",
                "order",
                order.fo_id,
                before={"state": order.state},
                after={"state": target},
                note="not enough stock" if shortages else "",
            )
        )
    writes.states[target].append(order.id)  # also marks the attempt (updated_at)
    order.state = target
    for sku in own_skus.values():
        _want(place, order, sku, stock, writes)
    outcome = "allocated" if not shortages else "partial" if allocated_any else "short"
    return order, outcome, results, cases


def _cases(
    order: SetOrder,
    shortages: Sequence[_Short],
    proposal: str,
    writes: _Writes,
    actor: Actor,
    had_short: bool,
) -> int:
    """As :func:`warehouse.shortages.sync_cases`: open a case per newly short line (one mall
    message for them), update open ones, close those now covered; how many opened."""
    existing = order.cases if had_short else {}
    short_lines = {s.line.id for s in shortages}
    writes.covered_cases += [
        case for line_id, case in existing.items() if line_id not in short_lines
    ]
    fresh: list[_Short] = []
    for shortage in shortages:
        case_id = existing.get(shortage.line.id)
        if case_id is not None:  # the mall was told already; the supervisor sees the new figure
            writes.case_figures.append(
                {"id": case_id, "available_qty": shortage.available, "reason": shortage.reason}
            )
            continue
        writes.new_cases.append(
            {
                "order_id": order.id,
                "order_line_id": shortage.line.id,
                "sku_id": shortage.line.sku_id,
                "location_id": None,
                "ordered_qty": shortage.line.qty,
                "available_qty": shortage.available,
                "reason": shortage.reason,
                "source": ALLOCATION,
                "note": "",
            }
        )
        fresh.append(shortage)
    if fresh:
        body = {
            "lines": [
                {
                    "line_id": s.line.line_id,
                    "ordered_qty": s.line.qty,
                    "available_qty": s.available,
                    "reason": s.reason,
                }
                for s in fresh
            ],
            "proposal": proposal,
        }
        writes.messages.append(outbox_row(order.fo_id, "shortage", body))
        writes.audits.append(
            audit_row(
                actor, "shortage.open", "order", order.fo_id, after={**body, "source": ALLOCATION}
            )
        )
    return len(fresh)


def _want(place: int, order: SetOrder, sku: SkuRules, stock: SetStock, writes: _Writes) -> None:
    """Note the replenishment this order's allocation calls for, unless an earlier order of
    the set called for it already (with the stock as this order left it)."""
    owner = order.merchant_id
    candidates = stock.usable[(owner, sku.id)]
    levels = levels_after(candidates, stock.used)
    for key in keys_wanted(sku, owner, levels):
        if key in writes.needs:
            continue
        kind = PICK_FACE if key.startswith(f"{PICK_FACE}:") else SUPPLIER
        free = tuple(_free_reserve(candidates, stock.used)) if kind == PICK_FACE else ()
        need = Need(kind, sku, owner, order.merchant_mall_id, levels, order.fo_id, free)
        writes.needs[key] = (place, need)


def _free_reserve(candidates: Iterable[Candidate], used: dict[int, int]) -> Iterable[ReserveQuant]:
    for c in candidates:
        free = c.available - used.get(c.quant_id, 0)
        if not c.pick_face and free > 0:
            yield ReserveQuant(c.quant_id, c.location_id, c.lot, c.expiry, free)


def _write(session: Session, actor: Actor, writes: _Writes) -> dict[str, int]:
    """The set's writes, one statement each; the replenishment requests opened.

    The stock is reserved last (:func:`_reserve`), so that the quants are locked only from
    then to the commit, not while the rest is written."""
    update_many(session, OrderLine, writes.lines)
    now = utcnow()
    for state, ids in writes.states.items():
        session.execute(
            update(Order)
            .where(among(session, Order.id, ids))
            .values(state=state, updated_at=now)
            .execution_options(synchronize_session=False)
        )
    if writes.new_cases:
        insert_many(session, ShortageCase, writes.new_cases)
    update_many(session, ShortageCase, writes.case_figures)
    if writes.covered_cases:
        session.execute(
            update(ShortageCase)
            .where(among(session, ShortageCase.id, writes.covered_cases))
            .values(
                state=ShortageState.RESOLVED,
                resolved_at=now,
                note=encode([Message.of("shortage.covered_later")]),
            )
            .execution_options(synchronize_session=False)
        )
    # in the order the set would have written them: each order's, then replenishment's
    record_many(session, writes.audits)
    enqueue_many(session, writes.messages)
    needs = [need for _, need in sorted(writes.needs.values(), key=lambda n: (n[0], n[1].key))]
    opened = open_many(session, actor, needs)
    _reserve(session, writes)
    return opened


def _reserve(session: Session, writes: _Writes) -> None:
    """Lock the quants the set reserves, in id order (the lock order of every allocator and
    the pick service), and reserve them with the guarded update: when one of them no longer
    has the free stock the plan read, :class:`~warehouse.errors.StockMoved` undoes the set,
    which the caller plans again on fresh stock."""
    reserved = {quant_id: qty for quant_id, qty in writes.reserved.items() if qty}
    if reserved:
        # the stock-level mark first: it may wait for a flush, and no picker waits behind it
        touch_skus(session, writes.reserved_skus)
        session.execute(
            select(StockQuant.id)
            .where(among(session, StockQuant.id, reserved))
            .order_by(StockQuant.id)
            .with_for_update()
        )
        reserve(session, reserved, sku_ids=())  # marked above
    # the reservations after the lock: their foreign key takes a key-share lock on each quant,
    # which taken before the id-ordered lock could close a cycle with a ``FOR UPDATE`` elsewhere
    if writes.new_reservations:
        insert_many(session, Reservation, writes.new_reservations)
    if writes.added_to:
        table = cast(Table, Reservation.__table__)
        session.execute(
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(qty=table.c.qty + bindparam("b_qty")),
            [{"b_id": i, "b_qty": q} for i, q in sorted(writes.added_to.items())],
        )
