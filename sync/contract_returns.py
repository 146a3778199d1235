"""The after-sales part of the mall contract: return requests (RMA) the warehouse pulls, and
the outcome per line it pushes back (``docs/mall-contract.md``, "Returns").

Requests come through their own change feed, like orders: a sequence-number cursor, whole
snapshots, upsert by ``(rma_id, version)``; one that breaks the contract is set aside alone.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from sync.contract import Merchant, _Push
from sync.contract_types import Bool, Id, Name, Note, Qty, Seq, Timestamp

ReturnKind = Literal["return", "exchange"]
ReturnMallState = Literal["requested", "shipped_back", "closed", "cancelled"]
Grade = Literal["A", "B", "C", "D"]
LineDecision = Literal["ACCEPTED", "REJECTED", "PARTIAL"]
RefusalReason = Literal["DAMAGED", "WRONG_ITEM", "EXPIRED", "NOT_RECEIVED"]
Count = Annotated[int, Field(ge=0, le=100_000)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class ReturnRequestLine(_Model):
    line_id: Id
    """The original order's line."""
    sku_code: Id
    qty: Qty
    reason: Note = ""
    """The customer's reason for this line."""
    opened: Bool = False
    """The customer says the package was opened."""


class ReturnRequestSnapshot(_Model):
    rma_id: Id
    version: Seq
    change_seq: Seq
    kind: ReturnKind
    state: ReturnMallState = "requested"
    fo_id: Id
    """The fulfilment order the goods were shipped in."""
    order_sn: Id
    merchant: Merchant
    warehouse_code: Id
    requested_at: Timestamp
    delivered_at: Timestamp | None = None
    """When the original parcel reached the customer (the policy counts days from it)."""
    reason: Note = ""
    tracking_no: Annotated[str, Field(max_length=40)] = ""
    """The return parcel's tracking number, once the customer has shipped it."""
    carrier_code: Name = ""
    lines: Annotated[list[ReturnRequestLine], Field(min_length=1, max_length=500)]
    replacement_fo_id: Annotated[str, Field(max_length=64)] = ""
    """For an exchange the mall has shipped: the replacement fulfilment order."""


class ReturnOutcomeGrade(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    grade: Grade
    qty: Qty


class ReturnOutcomeReason(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    reason: RefusalReason
    qty: Qty


class ReturnOutcomeLine(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    line_id: Id
    requested_qty: Count
    received_qty: Count
    accepted_qty: Count
    rejected_qty: Count
    decision: LineDecision
    grades: list[ReturnOutcomeGrade] = Field(default_factory=list)
    reasons: list[ReturnOutcomeReason] = Field(default_factory=list)


class ReturnOutcomeBody(_Push):
    """``POST /returns/{rma_id}/outcome``: what came back and what the warehouse accepts."""

    rma_id: Id
    refused_delivery: Bool = False
    """A delivery the receiver refused, not a request: ``rma_id`` is the warehouse's own."""
    lines: Annotated[list[ReturnOutcomeLine], Field(min_length=1, max_length=500)]


class ReturnOutcomeResult(_Model):
    rma_id: Id
    state: str
    duplicate: Bool = False


class ReturnFeedPage(_Model):
    """``GET /returns/changes``: requests changed after the cursor (read item by item)."""

    items: list[ReturnRequestSnapshot]
    next_cursor: Annotated[str, Field(min_length=1, max_length=80)]
    has_more: Bool
