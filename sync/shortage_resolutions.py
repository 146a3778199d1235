"""Every shortage case reaches an end: the supervisor's six choices.

Each updates stock, the order line, the carts and totes the line is on, and the outbox, in
the caller's transaction, and leaves an audit event (``shortage.<choice>``). A choice that
waits for something outside (a transfer, promised stock, the customer's answer) leaves the
case ``waiting``: allocation still sees it as the line's case (the mall is not told twice)
and closes it when the stock is reserved; a substitute's case closes when the mall's new
version of the order changes the line (:func:`close_answered`).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.stock_effects import put_back_line, release_line_reservations, take_off_carts
from warehouse.allocation.stock import book, locked_stock, reserve
from warehouse.audit import Actor, record
from warehouse.errors import NotFound, StateError, WarehouseError
from warehouse.models import (
    Location,
    Order,
    OrderLine,
    PickBatch,
    PickTask,
    Reservation,
    ShortageCase,
    Sku,
    StockQuant,
    utcnow,
)
from warehouse.orders import ALLOCATED, CANCELLED, PICKED, SHORT, transition
from warehouse.outbox import enqueue
from warehouse.shortages import SHIP_AVAILABLE
from warehouse.states import ShortageState
from warehouse.supervision.access import supervisor
from warehouse.supervision.errors import CATALOG
from warehouse.users import require_role
from warehouse.words import Message, encode

OPEN, WAITING, RESOLVED = ShortageState.OPEN, ShortageState.WAITING, ShortageState.RESOLVED


def _case(session: Session, case_id: int, *states: str) -> tuple[ShortageCase, OrderLine, Order]:
    case = session.get(ShortageCase, case_id, with_for_update=True)
    if case is None or case.state not in (states or (OPEN,)):
        raise NotFound.of(CATALOG["supervision.no_case"], case=case_id)
    line = session.get(OrderLine, case.order_line_id)
    order = session.get(Order, case.order_id, with_for_update=True)
    assert line is not None and order is not None
    return case, line, order


def _decide(
    session: Session, actor: Actor, case: ShortageCase, key: str, state: str, **params: object
) -> None:
    case.state = state
    case.note = encode([Message.of(f"resolution.{key}", **params)])
    if state == RESOLVED:
        case.resolved_at, case.resolved_by = utcnow(), actor.user_id
    record(
        session,
        actor,
        f"shortage.{key}",
        "shortage_case",
        case.id,
        after={"state": state, **{k: str(v) for k, v in params.items()}},
    )


def _missing(line: OrderLine) -> int:
    return max(0, line.qty - line.allocated)


def advance(session: Session, actor: Actor, order: Order) -> None:
    """A short order whose lines are all decided moves on: picked when everything it ships is
    in totes, else allocated (the reserved rest is picked); cancelled when no line is left."""
    session.flush()
    if order.state != SHORT:
        return
    undecided = session.scalar(
        select(ShortageCase.id).where(
            ShortageCase.order_id == order.id, ShortageCase.state.in_((OPEN, WAITING))
        )
    )
    lines = [line for line in order.lines if not line.cancelled]
    if undecided is not None or any(line.allocated < line.qty for line in lines):
        return
    if not lines:  # nothing left to ship: the mall refunds every line
        transition(session, order, CANCELLED, actor, reason="every line cancelled (shortage)")
        return
    if all(line.picked >= line.qty for line in lines):
        transition(session, order, PICKED, actor, reason="shortage decided")
    else:
        transition(session, order, ALLOCATED, actor, reason="shortage decided")


def _shortage_message(session: Session, order: Order, case: ShortageCase, ships: int) -> None:
    line = session.get(OrderLine, case.order_line_id)
    assert line is not None
    body = {
        "lines": [
            {
                "line_id": line.line_id,
                "ordered_qty": case.ordered_qty,
                "available_qty": ships,
                "reason": case.reason,
            }
        ],
        "proposal": SHIP_AVAILABLE,
    }
    enqueue(session, order.fo_id, "shortage", body)


def reallocate(session: Session, actor: Actor, case_id: int, today: date) -> int:
    """Reserve the missing units at other locations of the same owner; units reserved.
    An order already picked on a cart gets a new cart for them; the others go to a wave."""
    supervisor(session, actor)
    case, line, order = _case(session, case_id)
    sku = session.get(Sku, line.sku_id) if line.sku_id else None
    missing = _missing(line)
    if sku is None or not missing:
        raise StateError.of(CATALOG["supervision.no_stock_elsewhere"], sku=line.sku_code)
    usable, _ = locked_stock(session, order.merchant_id, {sku.id: sku}, today)
    amounts: dict[int, int] = {}
    places: list[int] = []
    for candidate in usable.get(sku.id, []):
        if not missing:
            break
        if candidate.location_id == case.location_id:
            continue  # the shelf that came up short
        take = min(candidate.available, missing)
        if take > 0:
            amounts[candidate.quant_id], missing = take, missing - take
            places.append(candidate.location_id)
    if not amounts:
        raise StateError.of(CATALOG["supervision.no_stock_elsewhere"], sku=line.sku_code)
    reserve(session, amounts)
    for quant_id, qty in amounts.items():
        book(session, line, quant_id, qty, had_stock=True)
    taken = sum(amounts.values())
    line.short = max(0, line.short - taken)
    session.flush()
    if session.scalar(select(PickTask.id).where(PickTask.order_id == order.id).limit(1)):
        _new_cart(session, order, line, case)
    if missing:  # part found: the case stays open with the new figure
        case.available_qty = line.allocated
        record(session, actor, "shortage.reallocated_part", "shortage_case", case.id)
    else:
        codes = session.scalars(select(Location.code).where(Location.id.in_(places)))
        _decide(session, actor, case, "reallocated", RESOLVED, location=", ".join(codes))
    advance(session, actor, order)
    return taken


def _new_cart(session: Session, order: Order, line: OrderLine, case: ShortageCase) -> None:
    tote = session.scalar(select(PickTask.tote).where(PickTask.order_id == order.id).limit(1))
    batch = PickBatch(code=f"R{case.id}-{order.id}"[:32], priority=order.priority + 1)
    session.add(batch)
    session.flush()
    reservations = session.scalars(
        select(Reservation).where(
            Reservation.order_line_id == line.id, Reservation.qty > Reservation.picked
        )
    )
    for n, reservation in enumerate(reservations):
        if session.scalar(select(PickTask.id).where(PickTask.reservation_id == reservation.id)):
            continue
        quant = session.get(StockQuant, reservation.quant_id)
        assert quant is not None
        session.add(
            PickTask(
                batch_id=batch.id,
                order_id=order.id,
                order_line_id=line.id,
                reservation_id=reservation.id,
                location_id=quant.location_id,
                sku_id=quant.sku_id,
                lot=quant.lot,
                qty=reservation.qty - reservation.picked,
                tote=tote or 1,
                sequence=n,
            )
        )


def request_transfer(session: Session, actor: Actor, case_id: int, warehouse: str) -> None:
    """Ask the merchant's other warehouse (through the mall) for the missing units."""
    supervisor(session, actor)
    case, line, order = _case(session, case_id)
    warehouse = warehouse.strip()[:32]
    if not warehouse or not _missing(line):
        raise WarehouseError.of(CATALOG["supervision.reason_needed"])
    body = {
        "line_id": line.line_id,
        "sku_code": line.sku_code,
        "qty": _missing(line),
        "from_warehouse": warehouse,
    }
    enqueue(session, order.fo_id, "transfer_request", body)
    _decide(session, actor, case, "transfer", WAITING, qty=_missing(line), warehouse=warehouse)


def wait_for_stock(
    session: Session, actor: Actor, case_id: int, promised: date, today: date
) -> None:
    """The line waits for replenishment; the mall tells the customer the promised date."""
    supervisor(session, actor)
    if promised < today:
        raise WarehouseError.of(CATALOG["supervision.date_in_past"])
    case, line, order = _case(session, case_id)
    body = {
        "line_id": line.line_id,
        "qty": max(1, _missing(line)),
        "promised_date": promised.isoformat(),
    }
    enqueue(session, order.fo_id, "restock_promise", body)
    _decide(session, actor, case, "wait", WAITING, date=promised.isoformat())


def offer_substitute(session: Session, actor: Actor, case_id: int, sku_code: str) -> None:
    """Offer another SKU of the same merchant; nothing of it ships before the mall answers."""
    supervisor(session, actor)
    case, line, order = _case(session, case_id)
    substitute = session.scalar(
        select(Sku).where(Sku.merchant_id == order.merchant_id, Sku.code == sku_code.strip())
    )
    if substitute is None or substitute.code == line.sku_code or not _missing(line):
        raise WarehouseError.of(CATALOG["supervision.bad_substitute"], sku=sku_code[:64])
    body = {
        "line_id": line.line_id,
        "sku_code": line.sku_code,
        "substitute_sku_code": substitute.code,
        "qty": _missing(line),
    }
    enqueue(session, order.fo_id, "substitute_offer", body)
    _decide(session, actor, case, "substitute_offered", WAITING, sku=substitute.code)


def ship_available(session: Session, actor: Actor, case_id: int) -> int:
    """The line ships what is reserved or picked; the mall refunds the rest. Units shipped."""
    supervisor(session, actor)
    case, line, order = _case(session, case_id)
    ships = line.allocated
    _shortage_message(session, order, case, ships)
    line.qty, line.short = max(ships, 0), 0
    if ships == 0:
        line.cancelled = True
    _decide(session, actor, case, "ship_available", RESOLVED, qty=ships)
    advance(session, actor, order)
    return ships


def cancel_line(session: Session, actor: Actor, case_id: int) -> None:
    """The line is cancelled and the mall refunds it: its reservations are given back, its
    picks leave the carts, and units already in a tote get a put-back task."""
    supervisor(session, actor)
    case, line, order = _case(session, case_id)
    _shortage_message(session, order, case, 0)
    take_off_carts(session, actor, order, {line.id})
    put_back_line(session, order, line, f"line {line.line_id} cancelled (shortage)")
    release_line_reservations(session, line)
    line.cancelled, line.short = True, 0
    _decide(session, actor, case, "cancel_line", RESOLVED)
    advance(session, actor, order)


def close_answered(session: Session, actor: Actor, order: Order, line_ids: list[str]) -> int:
    """The mall's new version changed these lines: their waiting substitute cases end."""
    require_role(session, actor, "supervisor", system=True)
    lines = {line.id: line.line_id for line in order.lines if line.line_id in line_ids}
    cases = session.scalars(
        select(ShortageCase).where(
            ShortageCase.order_line_id.in_(list(lines)), ShortageCase.state == WAITING
        )
    )
    closed = 0
    for case in cases:
        _decide(session, actor, case, "answered", RESOLVED, line=lines[case.order_line_id])
        closed += 1
    return closed
