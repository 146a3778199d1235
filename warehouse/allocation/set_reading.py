"""What a set of orders reads before it is planned: the orders claimed with their lines,
earlier reservations and open cases (:func:`claim_set`), their SKUs' rules
(:func:`sku_rules`) and the candidate stock as one statement sees it (:func:`read_stock`).
Planning and writing are in :mod:`warehouse.allocation.sets`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import Integer, bindparam, func, select, tuple_
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from warehouse.allocation.plan import Candidate
from warehouse.allocation.queue import waiting
from warehouse.bulk import among, pairs_in
from warehouse.models import (
    Location,
    Merchant,
    Order,
    OrderLine,
    Reservation,
    ShortageCase,
    Sku,
    StockQuant,
)
from warehouse.orders import SHORT
from warehouse.shortages import (
    ALLOCATION,
)
from warehouse.states import ShortageState
from warehouse.stock.lookup import shippable

Pair = tuple[int, int]  # (owner id, SKU id)


@dataclass(frozen=True)
class SkuRules:
    """What allocation and replenishment read of a SKU."""

    id: int
    code: str
    lot_controlled: bool
    min_remaining_days: int
    pick_face_min: int
    pick_face_max: int
    reorder_point: int


@dataclass
class SetLine:
    id: int
    line_id: str
    sku_id: int | None
    sku_code: str
    qty: int
    allocated: int
    short: int
    cancelled: bool
    resolved: bool = False
    """``sku_id`` was found now from the merchant's code (the intake left it open)."""
    reservations: dict[int, int] = field(default_factory=dict)
    """Earlier reservations of the line: reservation id by quant id (the first of each)."""


@dataclass
class SetOrder:
    id: int
    fo_id: str
    order_sn: str
    merchant_id: int
    merchant_mall_id: str
    whole_order_only: bool
    state: str
    priority: int
    due_at: datetime | None
    lines: list[SetLine] = field(default_factory=list)
    cases: dict[int, int] = field(default_factory=dict)
    """Open (or waiting) allocation cases: case id by order line id."""

    @property
    def live(self) -> list[SetLine]:
        return [line for line in self.lines if not line.cancelled]

    @property
    def had_short(self) -> bool:
        return self.state == SHORT or any(line.short for line in self.lines)


def urgency(order: SetOrder) -> tuple[int, int, datetime | None, int]:
    due = order.due_at
    return (-order.priority, due is None, due.replace(tzinfo=None) if due else None, order.id)


# pg_try_advisory_xact_lock(ALLOCATING, merchant id): "an allocator is on this merchant"
ALLOCATING = 0x414C4C4F  # "ALLO"
_LOOK_AHEAD = 2000


def _merchants_to_take(
    session: Session, *, size: int, started_at: datetime, retry_short: bool
) -> list[int] | None:
    """PostgreSQL: merchants this allocator takes for its set, held until its transaction
    ends (an advisory lock per merchant): those of the most urgent waiting orders that no
    other allocator holds, until they have ``size`` waiting orders. None when every merchant
    with waiting orders is held (or on SQLite, whose writers take turns anyway).

    A merchant's orders compete only for that merchant's stock, so an allocator that has the
    merchant allocates its orders in urgency order alone, and allocators on other merchants
    never wait for its stock locks. Every rule stays as in one-by-one urgency order.
    """
    if session.get_bind().dialect.name != "postgresql":
        return None
    urgency = (Order.priority.desc(), Order.due_at.asc().nulls_last(), Order.id)
    ahead = (
        select(Order.merchant_id, func.row_number().over(order_by=urgency).label("place"))
        .where(waiting(started_at, retry_short))
        .order_by(*urgency)
        .limit(_LOOK_AHEAD)
        .subquery()
    )
    # waiting orders per merchant, in order of each merchant's most urgent one
    waiting_of: dict[int, int] = {
        merchant_id: int(count)
        for merchant_id, count in session.execute(
            select(ahead.c.merchant_id, func.count())
            .group_by(ahead.c.merchant_id)
            .order_by(func.min(ahead.c.place))
        )
    }
    taken: list[int] = []
    count = 0
    queue = list(waiting_of.items())
    while queue and count < size:
        # the fewest next merchants that would fill the set, tried in one statement
        batch: list[int] = []
        while queue and count + sum(waiting_of[m] for m in batch) < size:
            batch.append(queue.pop(0)[0])
        given = (
            func.unnest(bindparam("merchants", batch, type_=ARRAY(Integer)))
            .table_valued("merchant")
            .render_derived()
        )
        got = set(
            session.scalars(
                select(given.c.merchant).where(
                    func.pg_try_advisory_xact_lock(ALLOCATING, given.c.merchant)
                )
            )
        )
        for merchant_id in batch:
            if merchant_id in got:
                taken.append(merchant_id)
                count += waiting_of[merchant_id]
    return taken or None


def claim_set(
    session: Session, *, size: int, started_at: datetime, retry_short: bool = True
) -> list[SetOrder]:
    """Lock up to ``size`` of the most urgent waiting orders nobody else holds, with their
    lines, earlier reservations and open allocation cases.

    On PostgreSQL the orders are those of the merchants this allocator takes
    (:func:`_merchants_to_take`); when all are held, any waiting orders nobody holds."""
    merchants = _merchants_to_take(
        session, size=size, started_at=started_at, retry_short=retry_short
    )
    query = (
        select(
            Order.id,
            Order.fo_id,
            Order.order_sn,
            Order.merchant_id,
            Merchant.mall_id,
            Merchant.whole_order_only,
            Order.state,
            Order.priority,
            Order.due_at,
        )
        .join(Merchant, Merchant.id == Order.merchant_id)
        .where(waiting(started_at, retry_short))
        .order_by(Order.priority.desc(), Order.due_at.asc().nulls_last(), Order.id)
        .limit(size)
        .with_for_update(of=Order, skip_locked=True)
    )
    if merchants is not None:
        query = query.where(among(session, Order.merchant_id, merchants))
    rows = session.execute(query)
    orders = {row[0]: SetOrder(*row) for row in rows}
    if not orders:
        return []
    lines: dict[int, SetLine] = {}
    for row in session.execute(
        select(
            OrderLine.order_id,
            OrderLine.id,
            OrderLine.line_id,
            OrderLine.sku_id,
            OrderLine.sku_code,
            OrderLine.qty,
            OrderLine.allocated,
            OrderLine.short,
            OrderLine.cancelled,
        )
        .where(among(session, OrderLine.order_id, orders))
        .order_by(OrderLine.id)
    ):
        order_id, line_id, code_of_line, sku_id, sku_code, qty, allocated, short, cancelled = row
        line = SetLine(line_id, code_of_line, sku_id, sku_code, qty, allocated, short, cancelled)
        orders[order_id].lines.append(line)
        lines[line.id] = line
    held = [line.id for line in lines.values() if line.allocated > 0 and not line.cancelled]
    if held:  # only a line holding stock can have a reservation of the same quant to add to
        for reservation_id, line_id, quant_id in session.execute(
            select(Reservation.id, Reservation.order_line_id, Reservation.quant_id)
            .where(among(session, Reservation.order_line_id, held))
            .order_by(Reservation.id)
        ):
            lines[line_id].reservations.setdefault(quant_id, reservation_id)
    short_before = [order.id for order in orders.values() if order.had_short]
    if short_before:  # an order never short before has no open case to update or close
        for case_id, order_id, line_id in session.execute(
            select(ShortageCase.id, ShortageCase.order_id, ShortageCase.order_line_id)
            .where(
                among(session, ShortageCase.order_id, short_before),
                ShortageCase.source == ALLOCATION,
                ShortageCase.state.in_((ShortageState.OPEN, ShortageState.WAITING)),
            )
            .order_by(ShortageCase.id)
        ):
            orders[order_id].cases[line_id] = case_id
    return sorted(orders.values(), key=urgency)


def sku_rules(session: Session, orders: Sequence[SetOrder]) -> dict[int, SkuRules]:
    """The SKUs of the live lines, resolving codes the intake could not match (the
    merchant's own only), in two queries at most."""
    unresolved = {
        (order.merchant_id, line.sku_code)
        for order in orders
        for line in order.live
        if line.sku_id is None
    }
    if unresolved:
        by_code = {
            (merchant_id, code): sku_id
            for sku_id, merchant_id, code in session.execute(
                select(Sku.id, Sku.merchant_id, Sku.code).where(
                    tuple_(Sku.merchant_id, Sku.code).in_(sorted(unresolved))
                )
            )
        }
        for order in orders:
            for line in order.live:
                found = by_code.get((order.merchant_id, line.sku_code))
                if line.sku_id is None and found is not None:
                    line.sku_id, line.resolved = found, True
    ids = {line.sku_id for order in orders for line in order.live if line.sku_id is not None}
    if not ids:
        return {}
    rows = session.execute(
        select(
            Sku.id,
            Sku.code,
            Sku.lot_controlled,
            Sku.min_remaining_days,
            Sku.pick_face_min,
            Sku.pick_face_max,
            Sku.reorder_point,
        ).where(among(session, Sku.id, ids))
    )
    return {row[0]: SkuRules(*row) for row in rows}


@dataclass
class SetStock:
    """The set's locked candidates, and what earlier orders of the set took from them."""

    usable: dict[Pair, list[Candidate]] = field(default_factory=lambda: defaultdict(list))
    too_old: dict[Pair, int] = field(default_factory=lambda: defaultdict(int))
    used: dict[int, int] = field(default_factory=dict)


def read_stock(
    session: Session, pairs: set[Pair], skus: dict[int, SkuRules], today: date
) -> SetStock:
    """The candidates as one statement sees them, without locking them: the set plans on
    this snapshot and locks only the quants it reserves, when it writes (:func:`_reserve`)."""
    stock = SetStock()
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
            pairs_in(session, StockQuant.owner_id, StockQuant.sku_id, pairs),  # own stock only
            StockQuant.on_hand > StockQuant.reserved,
            Location.active.is_(True),
        )
        .order_by(StockQuant.id)
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
