"""The OpenAPI 3.1 description of the mall contract, generated from the pydantic models.

``python -m sync.openapi > docs/openapi/mall-wms-v1.json`` rewrites the committed document;
a test checks that the committed file equals what this module generates.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from sync import openapi_returns
from sync.contract import (
    API_PREFIX,
    AcceptBody,
    CancellationBody,
    ErrorBody,
    FeedPage,
    OrderSnapshot,
    ProgressBody,
    PushResult,
    RejectBody,
    ShipmentBody,
    ShortageBody,
    StockRequestBody,
    StockRequestResult,
)
from sync.contract_delivery import StockLevelsBody, StockLevelsResult, TrackingBody
from sync.contract_resolutions import (
    AddressCorrectionBody,
    ReplenishmentPromiseBody,
    SubstituteOfferBody,
    TransferRequestBody,
)

REF = "#/components/schemas/{model}"
PUSHES: list[tuple[str, type[BaseModel], str, str]] = [
    ("accept", AcceptBody, "The warehouse takes the order", "requested → accepted."),
    (
        "reject",
        RejectBody,
        "The warehouse refuses the order",
        "requested → rejected, with a reason (OUT_OF_STOCK, BAD_ADDRESS, OTHER).",
    ),
    (
        "events",
        ProgressBody,
        "Progress on the floor",
        "PICKING_STARTED (accepted → in_progress), PICKED, PACKED.",
    ),
    (
        "shortages",
        ShortageBody,
        "Lines the warehouse cannot fill",
        "Per line: ordered, available, reason. The mall answers with a new version.",
    ),
    (
        "shipments",
        ShipmentBody,
        "Parcels handed to a carrier",
        "final: true → shipped, false → partially_shipped. 422 for an unknown carrier or more "
        "units than ordered.",
    ),
    (
        "cancellation",
        CancellationBody,
        "Answer to the mall's cancellation request",
        "ACCEPT → cancelled (stock back on its shelf); REJECT with ALREADY_SHIPPED.",
    ),
    (
        "transfer-requests",
        TransferRequestBody,
        "Ask another warehouse of the merchant for a short line",
        "The mall routes the request to the merchant's other warehouse; no state change.",
    ),
    (
        "replenishment-promises",
        ReplenishmentPromiseBody,
        "A short line waits for stock promised by a date",
        "The mall tells the customer the promised date; no state change.",
    ),
    (
        "substitute-offers",
        SubstituteOfferBody,
        "Offer another SKU for the missing units",
        "Nothing of the substitute ships until the mall answers with a new version of the "
        "order (a line of the substitute, or the original's quantity lowered).",
    ),
    (
        "address-corrections",
        AddressCorrectionBody,
        "The warehouse corrected and confirmed the address",
        "Address only (no name, no phone); requested or accepted orders; a new version.",
    ),
    (
        "tracking",
        TrackingBody,
        "A parcel's delivery status changed",
        "Every change of a parcel's status after the shipment message; SIGNED with "
        "order_delivered: true → delivered. request asks the mall to contact the customer "
        "(CONTACT_CUSTOMER) or to choose re-ship or refund (CHOOSE_RESHIP_OR_REFUND).",
    ),
]


def _error(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": REF.format(model="ErrorBody")}}},
    }


def _responses(ok: dict[str, Any], *, push: bool) -> dict[str, Any]:
    responses: dict[str, Any] = {
        "200": ok,
        "401": _error("Missing or wrong bearer token. Not retried; alert."),
        "403": _error("The token is not for this warehouse. Not retried; alert."),
        "404": _error("No such order. Not retried; alert."),
        "429": {
            **_error(
                "Rate limited. Wait at least Retry-After seconds (integer or decimal), "
                "then retry with the same key."
            ),
            "headers": {
                "Retry-After": {
                    "schema": {"type": "string"},
                    "description": "Seconds, e.g. 1 or 0.25",
                }
            },
        },
        "500": _error("Transient. Exponential backoff with full jitter, same key."),
        "503": _error("Transient. Exponential backoff with full jitter, same key."),
    }
    if push:
        responses["409"] = _error(
            "STATE_CONFLICT with the order's current state and version. "
            "Not retried; shown to a supervisor."
        )
        responses["422"] = _error(
            "Invalid: UNKNOWN_CARRIER, QTY_ABOVE_ORDERED, VALIDATION_FAILED, "
            "IDEMPOTENCY_KEY_REUSED. Not retried; shown to a supervisor."
        )
    return responses


def _json(model: str, description: str) -> dict[str, Any]:
    return {
        "description": description,
        "content": {"application/json": {"schema": {"$ref": REF.format(model=model)}}},
    }


def _merchant_post(
    operation: str, summary: str, description: str, body: str, ok: dict[str, Any]
) -> dict[str, Any]:
    merchant = {"name": "merchant_id", "in": "path", "required": True, "schema": {"type": "string"}}
    key = {
        "name": "Idempotency-Key",
        "in": "header",
        "required": True,
        "schema": {"type": "string"},
        "description": "Equal to event_id; a repeat returns the first result with duplicate: true.",
    }
    return {
        "post": {
            "operationId": operation,
            "summary": summary,
            "description": description,
            "parameters": [merchant, key],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": {"$ref": REF.format(model=body)}}},
            },
            "responses": _responses(ok, push=True),
        }
    }


def build() -> dict[str, Any]:
    models: list[tuple[type[BaseModel], Any]] = (
        [
            (m, "serialization")
            for m in (
                OrderSnapshot,
                FeedPage,
                PushResult,
                StockRequestResult,
                StockLevelsResult,
                ErrorBody,
            )
        ]
        + [(m, "validation") for _, m, _, _ in PUSHES]
        + [(StockRequestBody, "validation"), (StockLevelsBody, "validation")]
        + openapi_returns.MODELS
    )
    _, schema = models_json_schema(models, ref_template=REF)
    fo_id = {"name": "fo_id", "in": "path", "required": True, "schema": {"type": "string"}}
    paths: dict[str, Any] = {
        f"{API_PREFIX}/fulfillment-orders/changes": {
            "get": {
                "operationId": "listChanges",
                "summary": "Changed orders after a cursor, in change_seq order",
                "parameters": [
                    {
                        "name": "cursor",
                        "in": "query",
                        "schema": {"type": "string", "default": "0"},
                        "description": "next_cursor of the previous page; 0 from the start",
                    },
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 100},
                    },
                ],
                "responses": _responses(
                    _json(
                        "FeedPage", "Whole snapshots; store them and the cursor in one transaction."
                    ),
                    push=False,
                ),
            }
        },
        f"{API_PREFIX}/fulfillment-orders/{{fo_id}}": {
            "get": {
                "operationId": "getOrder",
                "summary": "One order, current version",
                "parameters": [fo_id],
                "responses": _responses(_json("OrderSnapshot", "The order"), push=False),
            }
        },
    }
    for action, model, summary, description in PUSHES:
        paths[f"{API_PREFIX}/fulfillment-orders/{{fo_id}}/{action}"] = {
            "post": {
                "operationId": f"push{action.capitalize()}",
                "summary": summary,
                "description": description,
                "parameters": [
                    fo_id,
                    {
                        "name": "Idempotency-Key",
                        "in": "header",
                        "required": True,
                        "schema": {"type": "string"},
                        "description": "Equal to event_id; a repeat returns the first "
                        "result with duplicate: true.",
                    },
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {"schema": {"$ref": REF.format(model=model.__name__)}}
                    },
                },
                "responses": _responses(
                    _json("PushResult", "Applied (or applied before under this key)."), push=True
                ),
            }
        }
    paths[f"{API_PREFIX}/merchants/{{merchant_id}}/stock-requests"] = _merchant_post(
        "requestStock",
        "Ask a merchant for more stock of one SKU",
        "Sent once while the warehouse's free stock of the SKU for this merchant is "
        "below its reorder point.",
        "StockRequestBody",
        _json("StockRequestResult", "Recorded (or recorded before under this key)."),
    )
    paths[f"{API_PREFIX}/merchants/{{merchant_id}}/stock-levels"] = _merchant_post(
        "reportStockLevels",
        "The sellable quantities of many SKUs of one merchant",
        "Per SKU: on hand minus reserved minus expired or blocked stock, with its own seq; "
        "sent when it changes (coalesced: one message per merchant and flush, at most "
        "1000 items). Check and apply each item on its own: keep per SKU the figure with the "
        "highest seq (an older one is counted stale and changes nothing); an item that "
        "breaks the contract is listed in refused and the others are still applied. 422 only "
        "when the envelope is wrong.",
        "StockLevelsBody",
        _json(
            "StockLevelsResult",
            "Items applied, stale and refused, or the first answer again under this key.",
        ),
    )
    paths.update(openapi_returns.paths(_responses, _json, REF))
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Mall ↔ warehouse API",
            "version": "1.0.0",
            "description": "The mall's side; the warehouse pulls orders and pushes status. "
            "See docs/mall-contract.md. Generated by sync/openapi.py.",
        },
        "servers": [{"url": "http://127.0.0.1:8765", "description": "wms mall-sim"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "schemas": schema["$defs"],
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
        },
    }


def render() -> str:
    return json.dumps(build(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


if __name__ == "__main__":
    print(render(), end="")
