"""Shipments, parcels and print jobs."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, LargeBinary, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from warehouse.models.base import Base, utcnow


class Shipment(Base):
    __tablename__ = "shipment"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("fulfilment_order.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), default="open")
    carrier_code: Mapped[str] = mapped_column(String(8), default="")
    service: Mapped[str] = mapped_column(String(24), default="standard")
    insured_value: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    cod_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    final: Mapped[bool] = mapped_column(default=True)
    packed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    shipped_at: Mapped[datetime | None] = mapped_column(default=None)

    parcels: Mapped[list[Parcel]] = relationship(
        back_populates="shipment", cascade="all, delete-orphan"
    )


class Parcel(Base):
    __tablename__ = "parcel"

    id: Mapped[int] = mapped_column(primary_key=True)
    shipment_id: Mapped[int] = mapped_column(
        ForeignKey("shipment.id", ondelete="CASCADE"), index=True
    )
    box_code: Mapped[str] = mapped_column(String(16), default="")
    expected_weight_kg: Mapped[Decimal] = mapped_column(Numeric(10, 3), default=Decimal("0"))
    actual_weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(10, 3), default=None)
    tracking_no: Mapped[str] = mapped_column(String(40), default="", index=True)
    sscc: Mapped[str] = mapped_column(String(18), default="")
    state: Mapped[str] = mapped_column(String(20), default="packed", server_default="packed")
    """A :class:`warehouse.states.ParcelState`."""
    carrier_code: Mapped[str] = mapped_column(String(8), default="", server_default="")
    service: Mapped[str] = mapped_column(String(24), default="", server_default="")
    box_suggested: Mapped[str] = mapped_column(String(16), default="", server_default="")
    """The box the station suggested (``box_code`` is the one used)."""
    weight_difference_kg: Mapped[Decimal | None] = mapped_column(Numeric(10, 3), default=None)
    """Actual minus expected, when the parcel closed."""
    weight_rechecks: Mapped[int] = mapped_column(default=0, server_default="0")
    insured_value: Mapped[Decimal] = mapped_column(
        Numeric(12, 2), default=Decimal("0"), server_default="0"
    )
    premium: Mapped[Decimal] = mapped_column(
        Numeric(12, 2), default=Decimal("0"), server_default="0"
    )
    carrier_reason: Mapped[str] = mapped_column(Text, default="", server_default="")
    """Why this carrier and service (message keys): cheapest on time, or the packer's override."""
    packed_at: Mapped[datetime | None] = mapped_column(default=None)
    handover_id: Mapped[int | None] = mapped_column(ForeignKey("handover.id"), default=None)
    handed_over_at: Mapped[datetime | None] = mapped_column(default=None)
    expected_at: Mapped[datetime | None] = mapped_column(default=None)
    """When the carrier promised delivery (handover + transit days)."""
    last_event_at: Mapped[datetime | None] = mapped_column(default=None)
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("parcel.id"), default=None)

    shipment: Mapped[Shipment] = relationship(back_populates="parcels")


class PrintJob(Base):
    __tablename__ = "print_job"

    id: Mapped[int] = mapped_column(primary_key=True)
    printer: Mapped[str] = mapped_column(String(40))
    document: Mapped[str] = mapped_column(String(24))
    """``label`` or ``slip``."""
    reference: Mapped[str] = mapped_column(String(80), default="")
    state: Mapped[str] = mapped_column(String(12), default="queued", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    printed_at: Mapped[datetime | None] = mapped_column(default=None)
    format: Mapped[str] = mapped_column(String(8), default="pdf", server_default="pdf")
    """``pdf`` or ``zpl``: what ``content`` holds."""
    label_size: Mapped[str] = mapped_column(String(12), default="", server_default="")
    """``76x130mm``, ``100x150mm``, ``4x6in`` (a CUPS media size), or empty for a slip."""
    content: Mapped[bytes | None] = mapped_column(LargeBinary, default=None, deferred=True)
    """The exact bytes sent, so that a reprint never renders again (and shows what was sent)."""
    last_attempt_at: Mapped[datetime | None] = mapped_column(default=None)
