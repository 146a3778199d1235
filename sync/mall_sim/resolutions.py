"""How the reference mall answers a supervisor's decisions (``sync/contract_resolutions``).

A transfer request and a replenishment promise are recorded (a real mall routes the first to
the merchant's other warehouse and tells the customer the second). A substitute offer waits
for the customer: :func:`answer_substitute` publishes the answer as a new version of the
order (a line of the substitute beside what remains of the original, or only what remains). An
address correction changes the snapshot's address in a new version.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sync.contract_resolutions import (
    AddressCorrectionBody,
    ReplenishmentPromiseBody,
    SubstituteOfferBody,
    TransferRequestBody,
)
from sync.mall_sim.rules import SimError, SimOrder, _need

if TYPE_CHECKING:
    from sync.mall_sim.store import MallStore

OPEN_AT_MALL = ("accepted", "in_progress")


def _line_up_to(order: SimOrder, line_id: str, qty: int) -> None:
    ordered = order.line_qty(line_id)
    if ordered is None:
        raise SimError(422, "VALIDATION_FAILED", f"line {line_id} is not on the order")
    if qty > ordered:
        raise SimError(422, "QTY_ABOVE_ORDERED", f"line {line_id} was ordered {ordered} times")


def _keep(order: SimOrder, kind: str, body: Any) -> None:
    order.shortages.append({"kind": kind, **body.model_dump(mode="json")})


def apply_transfer_request(order: SimOrder, body: TransferRequestBody) -> bool:
    _need(order, OPEN_AT_MALL, "request a transfer")
    _line_up_to(order, body.line_id, body.qty)
    _keep(order, "transfer_request", body)
    return False


def apply_replenishment_promise(order: SimOrder, body: ReplenishmentPromiseBody) -> bool:
    _need(order, OPEN_AT_MALL, "promise replenishment")
    _line_up_to(order, body.line_id, body.qty)
    _keep(order, "restock_promise", body)
    return False


def apply_substitute_offer(order: SimOrder, body: SubstituteOfferBody) -> bool:
    _need(order, OPEN_AT_MALL, "offer a substitute")
    _line_up_to(order, body.line_id, body.qty)
    if body.substitute_sku_code == body.sku_code:
        raise SimError(422, "VALIDATION_FAILED", "a substitute must be another SKU")
    _keep(order, "substitute_offer", body)
    return False


def apply_address_correction(order: SimOrder, body: AddressCorrectionBody) -> bool:
    _need(order, ("requested", "accepted"), "correct the address")
    receiver = order.snapshot["receiver"]
    receiver.update(
        province=body.province, city=body.city, district=body.district, detail=body.detail
    )
    if body.postcode:
        receiver["postcode"] = body.postcode
    return True


RESOLUTION_APPLY: dict[str, Callable[[SimOrder, Any], bool]] = {
    "transfer-requests": apply_transfer_request,
    "replenishment-promises": apply_replenishment_promise,
    "substitute-offers": apply_substitute_offer,
    "address-corrections": apply_address_correction,
}


def substitute_lines(order: SimOrder, line_id: str, agreed: bool) -> list[dict[str, Any]]:
    """The order's lines after the customer answered the open offer for ``line_id``."""
    offer = next(
        (
            s
            for s in reversed(order.shortages)
            if s.get("kind") == "substitute_offer" and s["line_id"] == line_id
        ),
        None,
    )
    if offer is None:
        raise SimError(409, "STATE_CONFLICT", f"no substitute was offered for line {line_id}")
    lines = copy.deepcopy(order.snapshot["lines"])
    for line in lines:
        if line["line_id"] != line_id:
            continue
        rest = int(line["qty"]) - int(offer["qty"])
        if agreed:
            # The substitute is a line of its own; the rest of the original stays.
            substitute = {**line, "line_id": f"{line_id}-S"[:64], "qty": int(offer["qty"])}
            substitute["sku_code"] = offer["substitute_sku_code"]
            lines.append(substitute)
        if rest > 0:
            line["qty"] = rest
        else:
            lines.remove(line)
        break
    return lines


def answer_substitute(
    store: MallStore, fo_id: str, line_id: str, *, agreed: bool
) -> dict[str, Any]:
    """The customer answered the offer for ``line_id``: a new version of the order."""
    return store.change_lines(fo_id, substitute_lines(store.record(fo_id), line_id, agreed))
