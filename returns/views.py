"""What the returns station shows about one return (read-only, plain values)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.models import Order, ReturnRequest
from warehouse.words import render_all


@dataclass(frozen=True)
class LineView:
    line_id: str
    sku_code: str
    qty: int
    received: int
    state: str


@dataclass(frozen=True)
class ReturnView:
    rma_id: str
    kind: str
    state: str
    order_sn: str
    lines: tuple[LineView, ...]
    units: int
    extra_units: int
    """Units that belong to no line (different items)."""
    flags: str
    """Out-of-policy reasons and discrepancies, rendered in the reader's language."""
    replacement_fo_id: str


def return_view(session: Session, rma_id: str, language: str) -> ReturnView | None:
    request = session.scalar(select(ReturnRequest).where(ReturnRequest.rma_id == rma_id))
    if request is None:
        return None
    order = session.get(Order, request.order_id) if request.order_id else None
    counts: dict[int, int] = {}
    extra = 0
    for unit in request.units:
        if unit.return_line_id is None:
            extra += 1
        else:
            counts[unit.return_line_id] = counts.get(unit.return_line_id, 0) + 1
    flags = " ".join(
        text
        for text in (
            render_all(request.out_of_policy, language),
            render_all(request.discrepancy, language),
        )
        if text
    )
    return ReturnView(
        rma_id=request.rma_id,
        kind=request.kind,
        state=request.state,
        order_sn=order.order_sn if order else "",
        lines=tuple(
            LineView(ln.line_id, ln.sku_code, ln.qty, counts.get(ln.id, 0), ln.state)
            for ln in request.lines
        ),
        units=len(request.units),
        extra_units=extra,
        flags=flags,
        replacement_fo_id=request.replacement_fo_id,
    )
