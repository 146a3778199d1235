"""Wave planning: allocated orders become cart batches with routed pick tasks.

``plan_wave(session, settings, actor, now=…)`` takes the allocated orders that are in no batch
yet, groups them into carts (:func:`picking.batching.plan_carts`: precedence classes, savings
by zone among near neighbours and a local search bounded by work, so tens of thousands of
orders plan in seconds and the same orders always give the same carts; urgent orders first
and never held for a full cart, cut-offs in order), routes every cart with the configured
algorithm, and writes one ``Wave``, a ``PickBatch`` per cart and a ``PickTask`` per
reservation in walking order, one tote per order. It also measures what the same orders would
walk one order per trip and with first-come-first-served carts routed S-shape (the usual
WMS), so the supervisor sees what the plan saves.

An order's cut-off is the last carrier collection (``[[carriers]] cutoff``, site time zone)
at or before its due time, or the next collection when that has gone or it has no due time
(:func:`order_cutoff`); orders of two cut-offs never share a cart, nor urgent and regular
orders, nor orders two priority bands apart (``priority // 200``: expedited and overdue
orders apart from the rest).

On PostgreSQL the orders are locked ``FOR UPDATE SKIP LOCKED``, so two supervisors planning
at once never put one order in two carts; SQLite's write transaction is exclusive anyway.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import exists, func, insert, select
from sqlalchemy.orm import Session, selectinload

from picking import batching
from picking.layout import Layout
from picking.routing import Route, plan_route
from warehouse.audit import Actor, record
from warehouse.config import Settings
from warehouse.models import Order, OrderLine, PickBatch, PickTask, Reservation, StockQuant, Wave
from warehouse.priority import next_cutoff
from warehouse.progress import Progress, quiet
from warehouse.states import Role
from warehouse.users import require_role

URGENT_HORIZON = timedelta(hours=2)


@dataclass(frozen=True)
class PlannedBatch:
    code: str
    order_sns: tuple[str, ...]
    items: int
    stops: int
    length_m: float
    urgent: bool


@dataclass(frozen=True)
class WavePlan:
    code: str
    batches: list[PlannedBatch]
    walk_m: float
    one_per_trip_m: float
    fcfs_s_shape_m: float

    @property
    def orders(self) -> int:
        return sum(len(b.order_sns) for b in self.batches)

    def saving(self, baseline_m: float) -> float:
        """Share of the baseline's walk that the plan saves (0.3 = 30 % less walking)."""
        return 1 - self.walk_m / baseline_m if baseline_m else 0.0


@dataclass(frozen=True)
class _Pick:
    reservation_id: int
    line_id: int
    sku_id: int
    location_id: int
    location_code: str
    lot: str
    qty: int


def _waiting_orders(session: Session, limit: int | None) -> list[Order]:
    in_a_batch = exists().where(PickTask.order_id == Order.id)
    query = (
        select(Order)
        .where(Order.state == "allocated", ~in_a_batch)
        .order_by(Order.priority.desc(), Order.due_at, Order.id)
        .options(selectinload(Order.lines))
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True, of=Order)
    return list(session.scalars(query))


def _picks(session: Session, orders: Sequence[Order]) -> dict[int, list[_Pick]]:
    from warehouse.models import Location

    rows = session.execute(
        select(Reservation, OrderLine.order_id, StockQuant, Location.code)
        .join(OrderLine, OrderLine.id == Reservation.order_line_id)
        .join(StockQuant, StockQuant.id == Reservation.quant_id)
        .join(Location, Location.id == StockQuant.location_id)
        .where(OrderLine.order_id.in_([o.id for o in orders]), Reservation.qty > Reservation.picked)
    ).all()
    picks: dict[int, list[_Pick]] = defaultdict(list)
    for reservation, order_id, quant, code in rows:
        picks[order_id].append(
            _Pick(
                reservation.id,
                reservation.order_line_id,
                quant.sku_id,
                quant.location_id,
                code,
                quant.lot,
                reservation.qty - reservation.picked,
            )
        )
    return picks


def order_cutoff(settings: Settings, due: datetime | None, now: datetime) -> datetime | None:
    """The collection an order must make: the last of any carrier at or before ``due``, or,
    when that has already gone (or there is no due time), the next one after ``now``; None
    when no carrier is configured."""
    upcoming = next_cutoff(settings, now)
    if due is None or upcoming is None:
        return upcoming
    zone = ZoneInfo(settings.site.timezone)
    local = (due if due.tzinfo is not None else due.replace(tzinfo=UTC)).astimezone(zone)
    latest = upcoming
    for carrier in settings.carriers:
        collection = datetime.combine(local.date(), carrier.cutoff, tzinfo=zone)
        if collection > local:
            collection -= timedelta(days=1)
        latest = max(latest, collection.astimezone(UTC))
    return latest if due.tzinfo is not None else latest.replace(tzinfo=None)


def _cart_orders(
    session: Session,
    settings: Settings,
    orders: Sequence[Order],
    picks: dict[int, list[_Pick]],
    now: datetime,
) -> list[batching.Order]:
    from warehouse.models import Sku

    sku_ids = {p.sku_id for ps in picks.values() for p in ps}
    skus = {s.id: s for s in session.scalars(select(Sku).where(Sku.id.in_(sku_ids)))}
    cart_orders = []
    for order in orders:
        mine = picks.get(order.id, [])
        if not mine:
            continue
        weight = sum((skus[p.sku_id].weight_kg * p.qty for p in mine), Decimal(0))
        volume = sum(skus[p.sku_id].volume_l * p.qty for p in mine)
        cart_orders.append(
            batching.Order(
                order_id=str(order.id),
                locations=tuple(sorted({p.location_code for p in mine})),
                items=sum(p.qty for p in mine),
                weight_kg=float(weight),
                volume_l=volume,
                priority=order.priority,
                due=order.due_at,
                cutoff=order_cutoff(settings, order.due_at, now),
            )
        )
    return cart_orders


@dataclass(frozen=True)
class WaveOrders:
    """The allocated orders waiting for a wave, their picks, and what batching sees of them."""

    orders: list[Order]
    picks: dict[int, list[_Pick]]
    cart_orders: list[batching.Order]


def waiting_for_wave(
    session: Session, settings: Settings, *, now: datetime, limit: int | None = None
) -> WaveOrders:
    """Read (on PostgreSQL: lock, skipping locked) the orders a wave would take now."""
    orders = _waiting_orders(session, limit)
    picks = _picks(session, orders)
    return WaveOrders(orders, picks, _cart_orders(session, settings, orders, picks, now))


def plan_wave(
    session: Session,
    settings: Settings,
    actor: Actor,
    *,
    now: datetime,
    dry_run: bool = False,
    limit: int | None = None,
    budget: batching.Budget | None = None,
    progress: Progress = quiet,
) -> WavePlan | None:
    """Plan (and unless ``dry_run``, create) a wave of the waiting allocated orders.

    ``budget`` bounds the planner's work (never its time: the same orders give the same plan).
    A supervisor's work, or a scheduled run's (a system actor that names itself).
    ``progress`` hears the orders placed on carts: 0 while the planner works, then each cart
    written."""
    require_role(session, actor, Role.SUPERVISOR, system=True)
    waiting = waiting_for_wave(session, settings, now=now, limit=limit)
    orders, picks, cart_orders = waiting.orders, waiting.picks, waiting.cart_orders
    progress(0, len(orders), stage="planning carts")
    if not cart_orders:
        return None
    layout = Layout.from_settings(settings.layout)
    algorithm = settings.picking.routing
    cart = settings.picking.cart

    def route(codes: Sequence[str]) -> Route:
        return plan_route(layout, codes, algorithm)

    def s_shape(codes: Sequence[str]) -> Route:
        return plan_route(layout, codes, "s-shape")

    batches = batching.plan_carts(
        cart_orders,
        cart,
        route,
        layout=layout,
        now=now,
        horizon=URGENT_HORIZON,
        budget=budget or batching.Budget(),
    )
    single = sum(b.length_m for b in batching.one_order_per_trip(cart_orders, route))
    fcfs = sum(b.length_m for b in batching.first_come_first_served(cart_orders, cart, s_shape))
    by_id = {str(o.id): o for o in orders}
    stamp = f"{now:%y%m%d%H%M%S}"
    sequence = session.scalar(select(func.count()).select_from(Wave)) or 0
    wave_code = f"W{stamp}-{sequence + 1}"
    planned = [
        PlannedBatch(
            f"{wave_code}-{n:02d}",
            tuple(by_id[i].order_sn for i in b.order_ids),
            sum(p.qty for i in b.order_ids for p in picks[int(i)]),
            len(b.route.stops),
            b.route.length_m,
            b.urgent,
        )
        for n, b in enumerate(batches, start=1)
    ]
    plan = WavePlan(wave_code, planned, sum(b.length_m for b in batches), single, fcfs)
    if not dry_run:
        _write(session, actor, plan, batches, by_id, picks, now, algorithm, progress)
    progress(plan.orders, plan.orders, stage="done")
    return plan


def _write(
    session: Session,
    actor: Actor,
    plan: WavePlan,
    batches: list[batching.Batch],
    by_id: dict[str, Order],
    picks: dict[int, list[_Pick]],
    now: datetime,
    algorithm: str,
    progress: Progress = quiet,
) -> None:
    placed = 0
    wave = Wave(code=plan.code, state="released", released_at=now, created_by=actor.user_id)
    session.add(wave)
    carts: list[tuple[PickBatch, batching.Batch]] = []
    for planned, batch in zip(plan.batches, batches, strict=True):
        members = [by_id[i] for i in batch.order_ids]
        placed += len(members)
        progress(placed, plan.orders, stage="writing carts")
        dues = [o.due_at for o in members if o.due_at is not None]
        cart = PickBatch(
            wave=wave,
            code=planned.code,
            state="open",
            priority=max(o.priority for o in members),
            due_at=min(dues, default=None),
            algorithm=algorithm,
            route_length_m=batch.route.length_m,
        )
        session.add(cart)
        carts.append((cart, batch))
    session.flush()  # the carts' ids, for the tasks written in bulk below
    rows: list[dict[str, object]] = []
    for cart, batch in carts:
        members = [by_id[i] for i in batch.order_ids]
        stop_index = {code: n for n, stop in enumerate(batch.route.stops) for code in stop.codes}
        tasks = [
            (stop_index[p.location_code], p.location_code, tote, order, p)
            for tote, order in enumerate(members, start=1)
            for p in picks[order.id]
        ]
        for sequence, (_, _, tote, order, p) in enumerate(
            sorted(tasks, key=lambda t: t[:3]), start=1
        ):
            rows.append(
                {
                    "batch_id": cart.id,
                    "order_id": order.id,
                    "order_line_id": p.line_id,
                    "reservation_id": p.reservation_id,
                    "location_id": p.location_id,
                    "sku_id": p.sku_id,
                    "lot": p.lot,
                    "qty": p.qty,
                    "tote": tote,
                    "sequence": sequence,
                }
            )
    for start in range(0, len(rows), 5000):
        session.execute(insert(PickTask), rows[start : start + 5000])
    for cart, _ in carts:
        session.expire(cart, ["tasks"])  # written behind the ORM's back: read them again
    record(
        session,
        actor,
        "wave.release",
        "wave",
        plan.code,
        after={
            "batches": len(plan.batches),
            "orders": plan.orders,
            "walk_m": round(plan.walk_m, 1),
        },
    )
