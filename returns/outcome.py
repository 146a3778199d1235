"""Closing a return: the counts are checked against the request (fewer, more or different
units are a discrepancy with a sentence) and the outcome per line is queued for the mall in
the same transaction (``return_outcome`` through the outbox: exactly once)."""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from sqlalchemy.orm import Session

from returns.access import ROLES
from returns.errors import CATALOG, ReturnError
from returns.receiving import locked, remember, seen
from warehouse.audit import Actor, record
from warehouse.item_scan import shown
from warehouse.models import ReturnRequest, Sku
from warehouse.outbox import enqueue
from warehouse.states import ReturnKind, ReturnLineState, ReturnState
from warehouse.users import require_role
from warehouse.words import Message, decode, encode


def discrepancies(session: Session, request: ReturnRequest) -> list[Message]:
    """Fewer, more or different units than the request names."""
    found: list[Message] = []
    counts = Counter(u.return_line_id for u in request.units if u.return_line_id is not None)
    for line in request.lines:
        got = counts.get(line.id, 0)
        if got != line.qty:
            key = "returns.discrepancy.fewer" if got < line.qty else "returns.discrepancy.more"
            found.append(
                Message.of(
                    key, line=line.line_id, sku=line.sku_code, expected=line.qty, received=got
                )
            )
    for unit in request.units:
        if unit.return_line_id is None:
            sku = session.get(Sku, unit.sku_id) if unit.sku_id else None
            found.append(
                Message.of(
                    "returns.discrepancy.different", scan=shown(sku.code if sku else unit.scanned)
                )
            )
    return found


def outcome_lines(request: ReturnRequest) -> list[dict[str, object]]:
    """Per line: received, graded, accepted or rejected with the reason (the mall's body)."""
    lines: list[dict[str, object]] = []
    for line in request.lines:
        units = [u for u in request.units if u.return_line_id == line.id]
        accepted = sum(1 for u in units if u.accepted)
        refusals = Counter(u.refusal for u in units if not u.accepted)
        missing = max(0, line.qty - len(units))
        if missing:
            refusals["NOT_RECEIVED"] += missing
        rejected = line.qty - min(accepted, line.qty)
        if accepted >= line.qty:
            decision = ReturnLineState.ACCEPTED
        elif accepted == 0:
            decision = ReturnLineState.REJECTED
        else:
            decision = ReturnLineState.PARTIAL
        line.state = decision
        grades = Counter(u.grade for u in units)
        entry: dict[str, object] = {
            "line_id": line.line_id,
            "requested_qty": line.qty,
            "received_qty": len(units),
            "accepted_qty": min(accepted, line.qty),
            "rejected_qty": rejected,
            "decision": str(decision).upper(),
            "grades": [{"grade": g, "qty": n} for g, n in sorted(grades.items())],
        }
        if refusals:
            entry["reasons"] = [{"reason": r, "qty": n} for r, n in sorted(refusals.items())]
        lines.append(entry)
    return lines


def close_return(
    session: Session, actor: Actor, rma_id: str, *, key: str, now: datetime
) -> ReturnRequest:
    """Close the return and tell the mall its outcome (an unknown return waits for a
    supervisor, who links it or closes it: nothing to tell)."""
    require_role(session, actor, *ROLES)
    receipt = seen(session, key)
    request = locked(session, rma_id)
    if receipt is not None:
        return request
    if request.state == ReturnState.CLOSED:
        raise ReturnError.of(CATALOG["returns.closed"], rma=request.rma_id)
    if not request.units:
        raise ReturnError.of(CATALOG["returns.no_units"], rma=request.rma_id)
    found = discrepancies(session, request)
    if request.kind == ReturnKind.UNKNOWN:
        found = [*decode(request.discrepancy)[:1], *found]
    request.discrepancy = encode(found)
    before = request.state
    request.state = ReturnState.CLOSED
    request.closed_at = now
    lines = outcome_lines(request)
    if request.kind != ReturnKind.UNKNOWN and request.fo_id:
        body: dict[str, object] = {
            "rma_id": request.rma_id,
            "refused_delivery": request.kind == ReturnKind.REFUSED,
            "lines": lines,
        }
        enqueue(session, request.fo_id, "return_outcome", body)
    record(
        session,
        actor,
        "return.close",
        "return",
        request.rma_id,
        before={"state": before},
        after={"state": request.state, "lines": lines},
    )
    remember(session, actor, key, "return.close", {"rma": request.rma_id})
    return request
