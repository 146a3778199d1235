"""Push bodies of a supervisor's decisions that the mall must hear (issue 14).

Each goes to ``POST /fulfillment-orders/{fo_id}/<path>`` like the other pushes, with the
``event_id`` as Idempotency-Key; none changes the order's state at the mall.

- ``transfer-requests``: the line is short here; another warehouse of the same merchant is
  asked to send the units (the mall routes the request to it).
- ``replenishment-promises``: the line waits for stock promised by a date; the mall tells the
  customer.
- ``substitute-offers``: another SKU of the same merchant is offered for the missing units;
  nothing of it ships until the mall answers with a new version of the order whose line
  names the substitute (the customer agreed) or a lower quantity (declined).
- ``address-corrections``: a held order's address, corrected and confirmed by the warehouse
  (address only: no name, no phone).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

from sync.contract import _Push
from sync.contract_types import Id, Postcode, Qty, ReceiverText, Region


class TransferRequestBody(_Push):
    line_id: Id
    sku_code: Id
    qty: Qty
    from_warehouse: Annotated[str, Field(min_length=1, max_length=32)]


class ReplenishmentPromiseBody(_Push):
    line_id: Id
    qty: Qty
    promised_date: date


class SubstituteOfferBody(_Push):
    line_id: Id
    sku_code: Id
    substitute_sku_code: Id
    qty: Qty


class AddressCorrectionBody(_Push):
    province: Region
    city: Region
    district: Region = ""
    detail: ReceiverText
    postcode: Postcode = ""


RESOLUTION_BODIES: dict[str, type[_Push]] = {
    "transfer-requests": TransferRequestBody,
    "replenishment-promises": ReplenishmentPromiseBody,
    "substitute-offers": SubstituteOfferBody,
    "address-corrections": AddressCorrectionBody,
}
"""Path suffix under ``/fulfillment-orders/{fo_id}/`` → body model."""

RESOLUTION_KINDS: dict[str, str] = {
    "transfer_request": "transfer-requests",
    "restock_promise": "replenishment-promises",
    "substitute_offer": "substitute-offers",
    "address_correction": "address-corrections",
}
"""Outbox kind → path."""
