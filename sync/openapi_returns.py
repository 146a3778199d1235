"""The after-sales part of the OpenAPI document (return requests and their outcomes)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import BaseModel

from sync.contract import API_PREFIX
from sync.contract_returns import ReturnFeedPage, ReturnOutcomeBody, ReturnOutcomeResult

MODELS: list[tuple[type[BaseModel], Any]] = [
    (ReturnFeedPage, "serialization"),
    (ReturnOutcomeResult, "serialization"),
    (ReturnOutcomeBody, "validation"),
]


def paths(
    responses: Callable[..., dict[str, Any]], json_: Callable[[str, str], dict[str, Any]], ref: str
) -> dict[str, Any]:
    return {
        f"{API_PREFIX}/returns/changes": {
            "get": {
                "operationId": "listReturnChanges",
                "summary": "Changed return requests (RMA) after a cursor, in change_seq order",
                "parameters": [
                    {"name": "cursor", "in": "query", "schema": {"type": "string", "default": "0"}},
                    {
                        "name": "limit",
                        "in": "query",
                        "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 100},
                    },
                ],
                "responses": responses(
                    json_(
                        "ReturnFeedPage",
                        "Whole requests; store them and the cursor in one transaction.",
                    ),
                    push=False,
                ),
            }
        },
        f"{API_PREFIX}/returns/{{rma_id}}/outcome": {
            "post": {
                "operationId": "pushReturnOutcome",
                "summary": "What came back and what the warehouse accepts, per line",
                "description": "The mall refunds the accepted units, or ships an exchange as a "
                "new fulfilment order named in the request's replacement_fo_id. A refused "
                "delivery (refused_delivery: true) carries the warehouse's own rma_id.",
                "parameters": [
                    {
                        "name": "rma_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string"},
                    },
                    {
                        "name": "Idempotency-Key",
                        "in": "header",
                        "required": True,
                        "schema": {"type": "string"},
                        "description": "Equal to event_id; a repeat returns the first result "
                        "with duplicate: true.",
                    },
                ],
                "requestBody": {
                    "required": True,
                    "content": {
                        "application/json": {
                            "schema": {"$ref": ref.format(model="ReturnOutcomeBody")}
                        }
                    },
                },
                "responses": responses(
                    json_("ReturnOutcomeResult", "Applied (or applied before under this key)."),
                    push=True,
                ),
            }
        },
    }
