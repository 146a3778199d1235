"""Where a graded unit goes, as a stock move with ledger and audit in the merchant's own stock.

- A: sellable, to the SKU's pick face when it has room (as replenishment would fill it), else
  the put-away location; dated goods with fewer days left than the SKU's minimum are never
  restocked as sellable: they go to quarantine and are refused as EXPIRED.
- B: the rework shelf (repackage), accepted.
- C: quarantine, rejected as DAMAGED unless the policy accepts damaged units.
- D: the not-ours shelf, rejected as WRONG_ITEM; stock only when the SKU is the merchant's.
Rework, quarantine and not-ours shelves are inactive locations: never allocated from.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.audit import Actor
from warehouse.config_returns import ReturnsSettings
from warehouse.models import Location, Merchant, ReturnRequest, ReturnUnit, Sku, StockQuant
from warehouse.states import ReturnGrade
from warehouse.stock import operations
from warehouse.stock.lookup import find_location, shippable
from warehouse.words import Message

SELLABLE, REWORK, QUARANTINE, NOT_OURS, SCRAP = (
    "sellable",
    "rework",
    "quarantine",
    "not_ours",
    "scrap",
)


def place(
    session: Session,
    actor: Actor,
    settings: ReturnsSettings,
    request: ReturnRequest,
    unit: ReturnUnit,
    sku: Sku | None,
    today: date,
) -> Message | None:
    """Decide the unit's shelf and move it there; a sentence when it is kept from sale."""
    grade = unit.grade
    kept: Message | None = None
    if (
        sku is not None
        and grade in (ReturnGrade.A, ReturnGrade.B)
        and sku.lot_controlled
        and shippable(unit.expiry, today, sku.min_remaining_days) != "ok"
    ):
        days = (unit.expiry - today).days if unit.expiry else 0
        kept = Message.of(
            "returns.expired",
            sku=sku.code,
            lot=unit.lot,
            days=days,
            minimum=sku.min_remaining_days,
        )
        grade = "expired"
    if grade == ReturnGrade.A:
        unit.disposition, unit.accepted = SELLABLE, True
        code = pick_face(session, sku) if sku else None
        code = code or settings.putaway_location
    elif grade == ReturnGrade.B:
        unit.disposition, unit.accepted, code = REWORK, True, settings.rework_location
    elif grade == ReturnGrade.C:
        policy = settings.policy_for(_merchant_id(session, request))
        unit.disposition, code = QUARANTINE, settings.quarantine_location
        unit.accepted = policy.damaged_by_customer_accepted
        unit.refusal = "" if unit.accepted else "DAMAGED"
    elif grade == "expired":
        unit.disposition, unit.accepted, unit.refusal = QUARANTINE, False, "EXPIRED"
        code = settings.quarantine_location
    else:
        unit.disposition, unit.accepted, unit.refusal = NOT_OURS, False, "WRONG_ITEM"
        code = settings.not_ours_location
        if unit.return_line_id is None or sku is None:
            sku = sku if sku is not None and sku.merchant_id == request.merchant_id else None
    location = find_location(session, code)
    unit.location_id = location.id
    if sku is not None:
        operations.receive(
            session,
            actor,
            sku_code=sku.code,
            owner=_owner(session, sku),
            location_code=location.code,
            qty=1,
            lot=unit.lot if sku.lot_controlled else "",
            expiry=unit.expiry if sku.lot_controlled else None,
            reference=f"return {request.rma_id} {unit.grade}"[:80],
            today=today,
        )
    return kept


def pick_face(session: Session, sku: Sku) -> str | None:
    """The SKU's active pick face with room (``pick_face_max``, 0 = no limit)."""
    rows = session.execute(
        select(Location.code, StockQuant.on_hand)
        .join(StockQuant, StockQuant.location_id == Location.id)
        .where(
            StockQuant.sku_id == sku.id,
            StockQuant.owner_id == sku.merchant_id,
            Location.kind == "pick",
            Location.active.is_(True),
        )
        .order_by(StockQuant.on_hand.desc(), Location.id)
    ).all()
    totals: dict[str, int] = {}
    for code, on_hand in rows:
        totals[code] = totals.get(code, 0) + on_hand
    for code, on_hand in totals.items():
        if sku.pick_face_max <= 0 or on_hand < sku.pick_face_max:
            return code
    return None


def _owner(session: Session, sku: Sku) -> str:
    merchant = session.get(Merchant, sku.merchant_id)
    assert merchant is not None
    return merchant.mall_id


def _merchant_id(session: Session, request: ReturnRequest) -> str:
    merchant = session.get(Merchant, request.merchant_id) if request.merchant_id else None
    return merchant.mall_id if merchant else "*"
