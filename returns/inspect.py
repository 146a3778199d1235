"""Grading one unit out of a return parcel: scan it (lot and expiry from a GS1 label), grade
it A, B, C or D, and put it where its grade sends it (:mod:`returns.putaway`).

One unit, one transaction, one client key: a repeated scan never counts twice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from returns import putaway
from returns.access import ROLES
from returns.errors import CATALOG, ReturnError
from returns.receiving import locked, remember, seen
from warehouse.audit import Actor, record
from warehouse.config_returns import ReturnsSettings
from warehouse.item_scan import match_sku, read_item_scan, shown, skus_named_by
from warehouse.models import ReturnLine, ReturnUnit, Sku
from warehouse.states import ReturnGrade, ReturnState
from warehouse.users import require_role


@dataclass(frozen=True)
class Graded:
    rma_id: str
    unit_id: int
    sku_code: str
    grade: str
    disposition: str
    location: str
    accepted: bool
    refusal: str


def grade_unit(
    session: Session,
    actor: Actor,
    settings: ReturnsSettings,
    rma_id: str,
    *,
    item: str,
    grade: str,
    key: str,
    now: datetime,
    reason: str = "",
    note: str = "",
    photo_path: str = "",
) -> Graded:
    """Record one unit of return ``rma_id``; the unit's stock move is in this transaction."""
    require_role(session, actor, *ROLES)
    receipt = seen(session, key)
    if receipt is not None:
        unit = session.get(ReturnUnit, int(str(receipt.result["unit"])))
        assert unit is not None
        return _graded(session, rma_id, unit)
    grade = grade.strip().upper()
    if grade not in set(ReturnGrade):
        raise ReturnError.of(CATALOG["returns.grade"], grade=shown(grade, 8))
    if grade in (ReturnGrade.C, ReturnGrade.D) and not (
        reason.strip() and (note.strip() or photo_path.strip())
    ):
        raise ReturnError.of(CATALOG["returns.needs_note"], grade=grade)
    request = locked(session, rma_id)
    if request.state == ReturnState.CLOSED:
        raise ReturnError.of(CATALOG["returns.closed"], rma=request.rma_id)
    scan = read_item_scan(item, now.date())
    sku, line = _which(session, request.lines, request.merchant_id, scan)
    if sku is None and grade != ReturnGrade.D:
        raise ReturnError.of(CATALOG["returns.unknown_item"], scan=shown(scan.text))
    if (
        sku is not None
        and sku.lot_controlled
        and grade != ReturnGrade.D
        and (not scan.lot or scan.expiry is None)
    ):
        raise ReturnError.of(CATALOG["returns.needs_date"], sku=sku.code)
    unit = ReturnUnit(
        return_id=request.id,
        return_line_id=line.id if line else None,
        sku_id=sku.id if sku else None,
        scanned=scan.text[:64],
        lot=(scan.lot or "")[:40],
        expiry=scan.expiry,
        grade=grade,
        reason=reason.strip()[:24],
        note=note.strip()[:500],
        photo_path=photo_path.strip()[:255],
        user_id=actor.user_id,
        at=now,
        disposition="",
    )
    putaway.place(session, actor, settings, request, unit, sku, now.date())
    request.units.append(unit)
    session.flush()
    if request.state == ReturnState.RECEIVED and _all_in(request):
        request.state = ReturnState.INSPECTED
    record(
        session,
        actor,
        "return.grade",
        "return",
        request.rma_id,
        after={
            "unit": unit.id,
            "grade": grade,
            "disposition": unit.disposition,
            "sku": sku.code if sku else scan.text[:64],
        },
    )
    remember(session, actor, key, "return.grade", {"rma": request.rma_id, "unit": unit.id})
    return _graded(session, request.rma_id, unit)


def _which(
    session: Session, lines: list[ReturnLine], merchant_id: int | None, scan: object
) -> tuple[Sku | None, ReturnLine | None]:
    """The SKU the scan names (the request's first, then any of the merchant's) and its line."""
    from warehouse.item_scan import ItemScan

    assert isinstance(scan, ItemScan)
    candidates = [s for s in (session.get(Sku, ln.sku_id) for ln in lines if ln.sku_id) if s]
    sku = match_sku(session, scan, candidates)
    if sku is None and merchant_id is not None:
        named = skus_named_by(session, scan, merchant_id=merchant_id)
        sku = named[0] if named else None
    line = next((ln for ln in lines if sku is not None and ln.sku_id == sku.id), None)
    return sku, line


def _all_in(request: object) -> bool:
    from warehouse.models import ReturnRequest

    assert isinstance(request, ReturnRequest)
    if not request.lines:
        return False
    counts: dict[int, int] = {}
    for unit in request.units:
        if unit.return_line_id is not None:
            counts[unit.return_line_id] = counts.get(unit.return_line_id, 0) + 1
    return all(counts.get(line.id, 0) >= line.qty for line in request.lines)


def _graded(session: Session, rma_id: str, unit: ReturnUnit) -> Graded:
    from warehouse.models import Location

    sku = session.get(Sku, unit.sku_id) if unit.sku_id else None
    where = session.get(Location, unit.location_id) if unit.location_id else None
    return Graded(
        rma_id=rma_id,
        unit_id=unit.id,
        sku_code=sku.code if sku else unit.scanned,
        grade=unit.grade,
        disposition=unit.disposition,
        location=where.code if where else "",
        accepted=unit.accepted,
        refusal=unit.refusal,
    )
