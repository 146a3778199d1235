"""Handover to the carrier, tracking events, delivery exceptions and stock levels for the mall."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, ForeignKey, Index, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from warehouse.models.base import Base, utcnow


class Handover(Base):
    """One courier's pick-up (出库交接): ``open → closed``; at most one open per carrier."""

    __tablename__ = "handover"
    __table_args__ = (Index("ix_handover_carrier_state", "carrier_code", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_code: Mapped[str] = mapped_column(String(8))
    state: Mapped[str] = mapped_column(String(10), default="open")
    opened_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    closed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    manifest_job_id: Mapped[int | None] = mapped_column(ForeignKey("print_job.id"))


class TrackingEvent(Base):
    """One carrier event, stored once by (carrier, tracking number, event id)."""

    __tablename__ = "tracking_event"
    __table_args__ = (UniqueConstraint("carrier_code", "tracking_no", "event_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int | None] = mapped_column(ForeignKey("parcel.id"), index=True)
    carrier_code: Mapped[str] = mapped_column(String(8))
    tracking_no: Mapped[str] = mapped_column(String(40))
    event_key: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    """collected, in_transit, out_for_delivery, signed, refused, returned, problem, delayed,
    lost, damaged."""
    occurred_at: Mapped[datetime]
    place: Mapped[str] = mapped_column(String(80), default="")
    received_at: Mapped[datetime] = mapped_column(default=utcnow)


class DeliveryException(Base):
    """One parcel's delivery problem for the supervisor queue (open → resolved)."""

    __tablename__ = "delivery_exception"
    __table_args__ = (UniqueConstraint("parcel_id", "kind"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcel.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    """not_signed, refused, returned, problem, delayed, lost, damaged, left_behind."""
    state: Mapped[str] = mapped_column(String(10), default="open", index=True)
    latest_event: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(24), default="")
    """What was done: contact_customer, expect_return, reshipped, claim_opened, flagged."""
    note: Mapped[str] = mapped_column(Text, default="")
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)


class InsuranceClaim(Base):
    """A claim on the carrier for an insured parcel that was lost or damaged."""

    __tablename__ = "insurance_claim"

    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcel.id"), unique=True)
    carrier_code: Mapped[str] = mapped_column(String(8))
    declared_value: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    state: Mapped[str] = mapped_column(String(10), default="open")
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)


class StockLevelDirty(Base):
    """A merchant SKU whose sellable quantity changed since the mall last heard it.

    Touched in the transaction of each change; ``touches`` counts them so that the flush
    deletes the row only if no change came in after it read the figure.
    """

    __tablename__ = "stock_level_dirty"

    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id"), primary_key=True)
    touches: Mapped[int] = mapped_column(BigInteger, default=1)
    first_touched_at: Mapped[datetime] = mapped_column(default=utcnow)


class StockLevelSeq(Base):
    """The one counter row numbering stock-level figures (monotonic across the site)."""

    __tablename__ = "stock_level_seq"

    id: Mapped[int] = mapped_column(primary_key=True)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
