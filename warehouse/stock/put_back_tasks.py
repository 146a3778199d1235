"""Put-back tasks on the floor: picked units of a cancelled order (or line) that are in no
parcel go back onto a shelf.

Public API:

- :func:`open_put_backs` — the open put-back tasks, oldest first, as :class:`PutBackView`
  (SKU, units still to put back, lot, the cart and tote they are in, the suggested shelf).
- :func:`check_location` — is the scanned shelf the suggested one, or another pick face this
  merchant may use? (:class:`LocationCheck`; a refusal is one sentence).
- :func:`check_item` — is the scanned unit the task's SKU and lot?
- :func:`for_tote` — the put-backs whose units are in a scanned tote label.
- :func:`complete_put_back` — scan the shelf and the item, give the quantity: the units go
  back through the ledgered :func:`warehouse.stock.operations.put_back` (which also marks the
  SKU's sellable stock for the mall), the order's picked reservation shrinks by as many, the
  task keeps what is left and is done at zero. Keyed by the terminal's client key
  (``ScanReceipt``), so a repeated Enter or a resent call puts nothing back twice.

A put-back elsewhere than suggested is allowed only to an active pick face that holds this
merchant's stock and no other merchant's; it is recorded in the audit event
(``stock_task.put_back`` with ``suggested`` and ``location``) and in the ledger row.
Who may: the put-back roles of :mod:`warehouse.stock.roles` (packer, returns, supervisor).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.audit import Actor, record
from warehouse.errors import NotFound, StateError, StockError
from warehouse.item_scan import UnreadableScan, is_code_of, read_item_scan, shown
from warehouse.models import (
    Location,
    Merchant,
    Order,
    OrderLine,
    PickBatch,
    PickTask,
    ScanReceipt,
    Sku,
    StockQuant,
    StockTask,
    utcnow,
)
from warehouse.states import StockTaskState
from warehouse.stock import operations
from warehouse.stock.ledger import within_columns
from warehouse.stock.lookup import find_location
from warehouse.stock.roles import PUT_BACK
from warehouse.totes import tote_label, tote_number
from warehouse.users import require_role
from warehouse.words import Words

KIND = "put_back"

NO_TASK = Words(en="There is no open put-back task {task}.", zh="没有未完成的归位任务 {task}。")
NO_LOCATION = Words(
    en="There is no shelf {scanned}: scan the label of {expected}.",
    zh="没有库位 {scanned}：请扫描 {expected} 的库位标签。",
)
WRONG_LOCATION = Words(
    en="{scanned} is not a pick face for {merchant}'s goods: put the units back at {expected}.",
    zh="{scanned} 不是 {merchant} 商品的拣货位：请放回 {expected}。",
)
WRONG_ITEM = Words(
    en="'{scanned}' is not {sku}: put back only {sku} with this task.",
    zh="“{scanned}”不是 {sku}：本任务只归位 {sku}。",
)
WRONG_LOT = Words(
    en="That unit is lot {scanned}, not lot {lot}: put back only lot {lot} with this task.",
    zh="该商品批次为 {scanned}，不是 {lot}：本任务只归位批次 {lot}。",
)
BAD_QTY = Words(
    en="Put back 1 to {left} units: {qty} is not possible for this task.",
    zh="请归位 1 到 {left} 件：本任务不能归位 {qty} 件。",
)
NOT_PICKED = Words(
    en="Only {picked} of these {qty} units are still picked for order {order}: "
    "nothing was put back; ask a supervisor to check the task.",
    zh="订单 {order} 的这 {qty} 件中只有 {picked} 件仍在已拣状态：未归位，请主管核对任务。",
)


@dataclass(frozen=True)
class PutBackView:
    task_id: int
    sku: str
    qty: int
    """Units still to put back."""
    lot: str
    source: str
    """Where the units are: ``<cart>/T03`` (the tote they were picked into), else the order."""
    location: str
    """The suggested shelf: the one they were picked from."""
    merchant: str
    """The owner's mall id."""
    order: str
    """The order's fo_id (the task's reference)."""


@dataclass(frozen=True)
class LocationCheck:
    code: str
    suggested: bool
    """False: another pick face of the same merchant (allowed, and recorded)."""


@dataclass(frozen=True)
class PutBackResult:
    task_id: int
    put: int
    """Units put back by this call (0 when the call was a repeat)."""
    left: int
    location: str
    suggested: str

    @property
    def done(self) -> bool:
        return self.left == 0


def _source(session: Session, task: StockTask) -> str:
    """The cart and tote the units were picked into, or the order when no pick names them."""
    row = session.execute(
        select(PickBatch.code, PickTask.tote)
        .join(PickBatch, PickBatch.id == PickTask.batch_id)
        .join(Order, Order.id == PickTask.order_id)
        .where(
            Order.fo_id == task.reference,
            PickTask.sku_id == task.sku_id,
            PickTask.location_id == task.to_location_id,
            PickTask.picked_qty > 0,
        )
        .order_by(PickTask.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return task.reference
    return f"{row[0]}/{tote_label(row[1])}"


def _view(session: Session, task: StockTask) -> PutBackView:
    sku = session.get(Sku, task.sku_id) if task.sku_id is not None else None
    location = session.get(Location, task.to_location_id) if task.to_location_id else None
    merchant = session.get(Merchant, task.owner_id) if task.owner_id is not None else None
    return PutBackView(
        task_id=task.id,
        sku=sku.code if sku else "",
        qty=task.qty,
        lot=task.lot,
        source=_source(session, task),
        location=location.code if location else "",
        merchant=merchant.mall_id if merchant else "",
        order=task.reference,
    )


def open_put_backs(session: Session, actor: Actor) -> list[PutBackView]:
    """Every open put-back task, oldest first."""
    require_role(session, actor, *PUT_BACK)
    tasks = session.scalars(
        select(StockTask)
        .where(
            StockTask.kind == KIND,
            StockTask.state.in_((StockTaskState.OPEN, StockTaskState.ASSIGNED)),
        )
        .order_by(StockTask.id)
    )
    return [_view(session, task) for task in tasks]


def _open_task(session: Session, task_id: int, *, lock: bool) -> StockTask:
    task = session.get(StockTask, task_id, with_for_update=lock)
    if (
        task is None
        or task.kind != KIND
        or task.state not in (StockTaskState.OPEN, StockTaskState.ASSIGNED)
        or task.sku_id is None
        or task.to_location_id is None
    ):
        raise StateError.of(NO_TASK, task=task_id)
    return task


def _may_use(session: Session, location: Location, owner_id: int) -> bool:
    """An active pick face holding this merchant's stock and no other merchant's."""
    if not location.active or location.kind != "pick":
        return False
    owners = set(
        session.scalars(
            select(StockQuant.owner_id).where(
                StockQuant.location_id == location.id, StockQuant.on_hand > 0
            )
        )
    )
    return owners == {owner_id}


def _location(session: Session, task: StockTask, scan: str) -> tuple[Location, Location]:
    """(the scanned shelf, the suggested one), or a refusal."""
    suggested = session.get(Location, task.to_location_id)
    assert suggested is not None
    try:
        scanned = find_location(session, scan)
    except NotFound:
        raise NotFound.of(
            NO_LOCATION, scanned=shown(scan.strip()), expected=suggested.code
        ) from None
    if scanned.id != suggested.id and not _may_use(session, scanned, task.owner_id or 0):
        merchant = session.get(Merchant, task.owner_id) if task.owner_id else None
        raise StockError.of(
            WRONG_LOCATION,
            scanned=scanned.code,
            merchant=merchant.mall_id if merchant else "-",
            expected=suggested.code,
        )
    return scanned, suggested


def check_location(
    session: Session, actor: Actor, task_id: int, location_scan: str
) -> LocationCheck:
    """The scanned shelf for this task: the suggested one, another allowed pick face, or a
    sentence saying why not."""
    require_role(session, actor, *PUT_BACK)
    task = _open_task(session, task_id, lock=False)
    scanned, suggested = _location(session, task, location_scan)
    return LocationCheck(scanned.code, scanned.id == suggested.id)


def _check_item(session: Session, task: StockTask, sku: Sku, item_scan: str, today: date) -> None:
    try:
        scan = read_item_scan(item_scan, today)
    except UnreadableScan:
        raise StockError.of(WRONG_ITEM, scanned=shown(item_scan.strip()), sku=sku.code) from None
    if not is_code_of(session, sku, scan):
        raise StockError.of(WRONG_ITEM, scanned=shown(scan.text), sku=sku.code)
    if scan.lot is not None and task.lot and scan.lot != task.lot:
        raise StockError.of(WRONG_LOT, scanned=shown(scan.lot), lot=task.lot)


def check_item(session: Session, actor: Actor, task_id: int, item_scan: str, today: date) -> str:
    """The scanned unit is the task's SKU (and lot, when the scan names one); its code."""
    require_role(session, actor, *PUT_BACK)
    task = _open_task(session, task_id, lock=False)
    sku = session.get(Sku, task.sku_id)
    assert sku is not None
    _check_item(session, task, sku, item_scan, today)
    return sku.code


def for_tote(views: list[PutBackView], scan: str) -> list[PutBackView]:
    """The put-backs whose units are in the scanned tote (``T03``, or ``<cart>-T03`` which
    must name the same cart)."""
    number = tote_number(scan)
    if number is None:
        return []
    text = scan.strip().upper()
    cart = text.rsplit("-", 1)[0] if "-" in text else ""
    label = tote_label(number)
    found = []
    for view in views:
        view_cart, _, view_tote = view.source.rpartition("/")
        if view_tote == label and (not cart or cart == view_cart.upper()):
            found.append(view)
    return found


def _release_picked(session: Session, task: StockTask, qty: int) -> int:
    """The order's reservations keep picked units until they are back: take ``qty`` off the
    picked part at the suggested shelf (rows kept at 0: the pick tasks still name them);
    returns how many of them were still picked there."""
    order = session.scalar(select(Order).where(Order.fo_id == task.reference))
    if order is None:
        return 0
    left = qty
    lines = session.scalars(
        select(OrderLine)
        .where(OrderLine.order_id == order.id, OrderLine.sku_id == task.sku_id)
        .order_by(OrderLine.id)
    )
    for line in lines:
        for reservation in sorted(line.reservations, key=lambda r: r.quant_id):
            quant = reservation.quant
            if quant.location_id != task.to_location_id or quant.lot != task.lot:
                continue
            take = min(left, reservation.picked)
            if take <= 0:
                continue
            reservation.picked -= take
            reservation.qty -= take
            left -= take
            if not left:
                return qty
    return qty - left


def complete_put_back(
    session: Session,
    actor: Actor,
    task_id: int,
    *,
    location_scan: str,
    item_scan: str,
    qty: int,
    key: str,
    today: date,
) -> PutBackResult:
    """``qty`` units of the task are back on the scanned shelf; returns what is left."""
    require_role(session, actor, *PUT_BACK)
    receipt = session.get(ScanReceipt, key)
    if receipt is not None:
        result = receipt.result
        return PutBackResult(
            int(str(result.get("task", task_id))),
            0,
            int(str(result.get("left", 0))),
            str(result.get("location", "")),
            str(result.get("suggested", "")),
        )
    done = session.get(StockTask, task_id, with_for_update=True)
    if done is not None and done.kind == KIND and done.state == StockTaskState.DONE:
        shelf = session.get(Location, done.to_location_id) if done.to_location_id else None
        code = shelf.code if shelf else ""
        return PutBackResult(done.id, 0, 0, code, code)  # completed before: nothing twice
    task = _open_task(session, task_id, lock=True)
    scanned, suggested = _location(session, task, location_scan)
    sku = session.get(Sku, task.sku_id)
    assert sku is not None
    _check_item(session, task, sku, item_scan, today)
    if isinstance(qty, bool) or not isinstance(qty, int) or not 0 < qty <= task.qty:
        raise StockError.of(BAD_QTY, left=task.qty, qty=qty)
    within_columns(qty)
    merchant = session.get(Merchant, sku.merchant_id)
    assert merchant is not None
    expiry = session.scalar(
        select(StockQuant.expiry).where(
            StockQuant.sku_id == sku.id,
            StockQuant.owner_id == sku.merchant_id,
            StockQuant.lot == task.lot,
            StockQuant.location_id == suggested.id,
        )
    )
    # the units must still be picked for the order: a put-back never adds stock twice
    picked = _release_picked(session, task, qty)
    if picked < qty:
        raise StockError.of(NOT_PICKED, picked=picked, qty=qty, order=task.reference)
    operations.put_back(
        session,
        actor,
        sku_code=sku.code,
        location_code=scanned.code,
        qty=qty,
        owner=merchant.mall_id,
        lot=task.lot,
        expiry=expiry,
        reference=f"put_back:{task.id}:{task.reference}"[:80],
        today=today,
    )
    before = task.qty
    task.qty = before - qty
    if task.qty == 0:
        task.state, task.done_at = StockTaskState.DONE, utcnow()
    task.assignee_id = actor.user_id
    record(
        session,
        actor,
        "stock_task.put_back",
        "stock_task",
        task.id,
        before={"left": before},
        after={
            "left": task.qty,
            "put": qty,
            "sku": sku.code,
            "lot": task.lot,
            "location": scanned.code,
            "suggested": suggested.code,
            "state": task.state,
        },
        note="" if scanned.id == suggested.id else "put back elsewhere than suggested",
    )
    answer = PutBackResult(task.id, qty, task.qty, scanned.code, suggested.code)
    session.add(
        ScanReceipt(
            key=key,
            user_id=actor.user_id,
            action=f"put_back:{task.id}",
            result={
                "task": task.id,
                "put": qty,
                "left": task.qty,
                "location": scanned.code,
                "suggested": suggested.code,
            },
        )
    )
    return answer
