"""Shift figures (seed 四.5): throughput, stage durations, accuracy, walking, lateness.

Everything is computed from what is recorded: ``order.state`` audit events give the stage
times (a stage that is not recorded yet, packing or handover before those stations exist,
is simply empty and fills in once its events appear), pick tasks give lines and shorts,
``pick.batch_done`` events and the cart's planned route give walking metres.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warehouse.audit import Actor
from warehouse.models import AuditEvent, Order, PackDiscrepancy, PickBatch, PickTask, User
from warehouse.reports.window import Window, aware, mean, percentile, require_supervisor
from warehouse.states import OrderState, TaskState

STAGES: tuple[tuple[str, str, str], ...] = (
    ("picking", OrderState.RELEASED, OrderState.PICKED),
    ("packing", OrderState.PICKED, OrderState.PACKED),
    ("handover", OrderState.PACKED, OrderState.SHIPPED),
)
"""(stage, from state, to state): released → picked → packed → handed over."""
STARTS: dict[str, tuple[str, ...]] = {
    OrderState.RELEASED: (OrderState.RELEASED, OrderState.ALLOCATED)
}
"""An order allocated without a recorded release starts its pick stage when allocated."""
PICK_ERRORS = ("wrong_item", "extra_unit", "expired", "wrong_lot", "other_order", "short")
"""What the packing station finds (``pack_discrepancy.kind``) that picking got wrong; a damaged
unit, a serial scanned twice or a weight off are not picking errors."""
"""Audit actions a packing station writes when what it finds differs from what was picked."""
LOOKBACK = timedelta(days=14)
"""How far before the window a stage may have started."""


@dataclass(frozen=True)
class PersonFigures:
    badge: str
    name: str
    role: str
    orders: int
    lines: int
    orders_per_hour: float
    lines_per_hour: float


@dataclass(frozen=True)
class StageFigures:
    stage: str
    count: int
    mean_min: float | None
    p90_min: float | None


@dataclass(frozen=True)
class CarrierFigures:
    carrier: str
    due: int
    late: int


@dataclass(frozen=True)
class ShiftFigures:
    window: Window
    orders_picked: int
    lines_picked: int
    orders_per_hour: float
    lines_per_hour: float
    lines_by_hour: list[int]
    people: list[PersonFigures]
    stages: list[StageFigures]
    slowest_stage: str | None
    pick_accuracy: float | None
    """1 − discrepancies found at packing / lines packed; None while nothing is recorded."""
    short_rate: float | None
    metres_per_line: float | None
    carriers: list[CarrierFigures] = field(default_factory=list)


def shift_figures(session: Session, actor: Actor, window: Window) -> ShiftFigures:
    require_supervisor(session, actor)
    events = _state_events(session, window)
    reached = _reached(events)
    tasks = _finished_tasks(session, window)
    lines = {t.order_line_id for t in tasks if t.state == TaskState.PICKED}
    picked_orders = [o for o, at in reached.items() if window.holds(at.get(OrderState.PICKED))]
    by_hour = [0] * max(1, int(-(-window.hours // 1)))
    for task in tasks:
        if task.state == TaskState.PICKED and task.confirmed_at is not None:
            hour = int((aware(task.confirmed_at) - window.start).total_seconds() // 3600)
            by_hour[min(max(hour, 0), len(by_hour) - 1)] += 1
    stages = _stages(reached, window)
    timed = [s for s in stages if s.mean_min is not None]
    finished = [t for t in tasks if t.state in (TaskState.PICKED, TaskState.SHORT)]
    return ShiftFigures(
        window=window,
        orders_picked=len(picked_orders),
        lines_picked=len(lines),
        orders_per_hour=len(picked_orders) / window.hours,
        lines_per_hour=len(lines) / window.hours,
        lines_by_hour=by_hour,
        people=_people(session, window, tasks, events),
        stages=stages,
        slowest_stage=max(timed, key=lambda s: s.mean_min or 0).stage if timed else None,
        pick_accuracy=_accuracy(session, window, reached),
        short_rate=(sum(t.state == TaskState.SHORT for t in finished) / len(finished))
        if finished
        else None,
        metres_per_line=_metres_per_line(session, window),
        carriers=_carriers(session, window, reached),
    )


def _state_events(session: Session, window: Window) -> list[AuditEvent]:
    return list(
        session.scalars(
            select(AuditEvent)
            .where(
                AuditEvent.action == "order.state",
                AuditEvent.at >= window.start - LOOKBACK,
                AuditEvent.at < window.end,
            )
            .order_by(AuditEvent.at, AuditEvent.id)
        )
    )


def _reached(events: list[AuditEvent]) -> dict[str, dict[str, datetime]]:
    """fo_id → state → when the order first reached it."""
    reached: dict[str, dict[str, datetime]] = defaultdict(dict)
    for event in events:
        state = str((event.after or {}).get("state", ""))
        reached[event.entity_id].setdefault(state, aware(event.at))
    return reached


def _stage_start(at: dict[str, datetime], state: str) -> datetime | None:
    for candidate in STARTS.get(state, (state,)):
        if candidate in at:
            return at[candidate]
    return None


def _stages(reached: dict[str, dict[str, datetime]], window: Window) -> list[StageFigures]:
    result = []
    for stage, begin, finish in STAGES:
        minutes = []
        for at in reached.values():
            start, end = _stage_start(at, begin), at.get(finish)
            if start is not None and end is not None and window.holds(end) and end >= start:
                minutes.append((end - start).total_seconds() / 60)
        result.append(StageFigures(stage, len(minutes), mean(minutes), percentile(minutes, 0.9)))
    return result


def _finished_tasks(session: Session, window: Window) -> list[PickTask]:
    return list(
        session.scalars(
            select(PickTask).where(
                PickTask.confirmed_at >= window.start, PickTask.confirmed_at < window.end
            )
        )
    )


def _people(
    session: Session, window: Window, tasks: list[PickTask], events: list[AuditEvent]
) -> list[PersonFigures]:
    lines: dict[int, set[int]] = defaultdict(set)
    orders: dict[int, set[int | str]] = defaultdict(set)
    for task in tasks:
        if task.confirmed_by is not None and task.state == TaskState.PICKED:
            lines[task.confirmed_by].add(task.order_line_id)
            orders[task.confirmed_by].add(task.order_id)
    packed_lines: Counter[int] = Counter()
    packed_orders: dict[int, set[int | str]] = defaultdict(set)
    packed_fo: dict[str, int] = {}
    for event in events:
        target = (event.after or {}).get("state")
        if target == OrderState.PACKED and event.user_id is not None and window.holds(event.at):
            packed_orders[event.user_id].add(event.entity_id)
            packed_fo[event.entity_id] = event.user_id
    if packed_fo:
        for order in session.scalars(select(Order).where(Order.fo_id.in_(list(packed_fo)))):
            packed_lines[packed_fo[order.fo_id]] += len(order.lines)
    ids = set(lines) | set(packed_orders)
    users = {u.id: u for u in session.scalars(select(User).where(User.id.in_(ids)))} if ids else {}
    people = []
    for user_id in sorted(ids, key=lambda i: users[i].badge if i in users else ""):
        user = users.get(user_id)
        for role, n_orders, n_lines in (
            ("picker", len(orders[user_id]), len(lines[user_id])),
            ("packer", len(packed_orders[user_id]), packed_lines[user_id]),
        ):
            if n_orders or n_lines:
                people.append(
                    PersonFigures(
                        user.badge if user else str(user_id),
                        user.name if user else "",
                        role,
                        n_orders,
                        n_lines,
                        n_orders / window.hours,
                        n_lines / window.hours,
                    )
                )
    return people


def _accuracy(
    session: Session, window: Window, reached: dict[str, dict[str, datetime]]
) -> float | None:
    packed = [fo for fo, at in reached.items() if window.holds(at.get(OrderState.PACKED))]
    if not packed:
        return None
    lines = sum(
        len(order.lines) for order in session.scalars(select(Order).where(Order.fo_id.in_(packed)))
    )
    found = (
        session.scalar(
            select(func.count())
            .select_from(PackDiscrepancy)
            .where(
                PackDiscrepancy.kind.in_(PICK_ERRORS),
                PackDiscrepancy.at >= window.start,
                PackDiscrepancy.at < window.end,
            )
        )
        or 0
    )
    return max(0.0, 1 - found / lines) if lines else None


def _metres_per_line(session: Session, window: Window) -> float | None:
    done = set(
        session.scalars(
            select(AuditEvent.entity_id).where(
                AuditEvent.action == "pick.batch_done",
                AuditEvent.at >= window.start,
                AuditEvent.at < window.end,
            )
        )
    )
    if not done:
        return None
    batches = list(session.scalars(select(PickBatch).where(PickBatch.code.in_(done))))
    metres = sum(b.route_length_m for b in batches)
    lines = len(
        session.scalars(
            select(PickTask.id).where(
                PickTask.batch_id.in_([b.id for b in batches]),
                PickTask.state == TaskState.PICKED,
            )
        ).all()
    )
    return metres / lines if lines else None


def _carriers(
    session: Session, window: Window, reached: dict[str, dict[str, datetime]]
) -> list[CarrierFigures]:
    """Orders due in the window per carrier, and how many were (or are) late: not handed over
    (shipped) by their due time; before handover is recorded, packed counts as done. An order
    not done yet is late once its due time has passed (now, or the window's end)."""
    due: Counter[str] = Counter()
    late: Counter[str] = Counter()
    now = datetime.now(UTC)  # an order due later today is not late yet
    orders = session.scalars(
        select(Order).where(Order.due_at >= window.start, Order.due_at < window.end)
    )
    for order in orders:
        if order.state in (OrderState.CANCELLED, OrderState.REJECTED) or order.due_at is None:
            continue
        carrier = order.carrier_code or "-"
        at = reached.get(order.fo_id, {})
        done = at.get(OrderState.SHIPPED) or at.get(OrderState.PACKED)
        due[carrier] += 1
        if (done or min(window.end, now)) > aware(order.due_at):
            late[carrier] += 1
    return [CarrierFigures(c, due[c], late[c]) for c in sorted(due)]
