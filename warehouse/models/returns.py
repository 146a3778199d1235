"""After-sales returns (RMA): the mall's request, its lines and every unit inspected."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import BigInteger, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from warehouse.models.base import Base, Timestamped, utcnow


class ReturnRequest(Timestamped, Base):
    __tablename__ = "return_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    rma_id: Mapped[str] = mapped_column(String(64), unique=True)
    """The mall's RMA number (``REFUSED-…`` or ``UNKNOWN-…`` for the warehouse's own)."""
    version: Mapped[int] = mapped_column(BigInteger, default=1)
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    kind: Mapped[str] = mapped_column(String(12), default="return")
    """``return``, ``exchange``, ``refused`` (a refused delivery) or ``unknown``."""
    state: Mapped[str] = mapped_column(String(12), default="requested", index=True)
    mall_state: Mapped[str] = mapped_column(String(20), default="requested")
    order_id: Mapped[int | None] = mapped_column(ForeignKey("fulfilment_order.id"), index=True)
    fo_id: Mapped[str] = mapped_column(String(64), default="")
    merchant_id: Mapped[int | None] = mapped_column(ForeignKey("merchant.id"), index=True)
    reason: Mapped[str] = mapped_column(String(500), default="")
    """The customer's reason, as the mall sent it."""
    tracking_no: Mapped[str] = mapped_column(String(40), default="", index=True)
    carrier_code: Mapped[str] = mapped_column(String(8), default="")
    requested_at: Mapped[datetime | None] = mapped_column(default=None)
    received_at: Mapped[datetime | None] = mapped_column(default=None)
    received_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), default=None)
    """The clerk who opened the parcel (a killed station resumes on it)."""
    closed_at: Mapped[datetime | None] = mapped_column(default=None)
    delivered_at: Mapped[datetime | None] = mapped_column(default=None)
    """When the original parcel reached the customer (the policy counts days from it)."""
    out_of_policy: Mapped[str] = mapped_column(Text, default="")
    """Why the request is outside the merchant's policy (message keys), for a supervisor."""
    discrepancy: Mapped[str] = mapped_column(Text, default="")
    """Fewer, more or different units than requested (message keys)."""
    supervisor_cleared: Mapped[bool] = mapped_column(default=False)
    replacement_fo_id: Mapped[str] = mapped_column(String(64), default="")
    """For an exchange: the replacement fulfilment order the mall created."""

    lines: Mapped[list[ReturnLine]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="ReturnLine.id"
    )
    units: Mapped[list[ReturnUnit]] = relationship(
        back_populates="request", cascade="all, delete-orphan", order_by="ReturnUnit.id"
    )


class ReturnLine(Base):
    __tablename__ = "return_line"
    __table_args__ = (UniqueConstraint("return_id", "line_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(
        ForeignKey("return_request.id", ondelete="CASCADE"), index=True
    )
    line_id: Mapped[str] = mapped_column(String(64))
    sku_id: Mapped[int | None] = mapped_column(ForeignKey("sku.id"), default=None)
    sku_code: Mapped[str] = mapped_column(String(64))
    qty: Mapped[int]
    opened: Mapped[bool] = mapped_column(default=False)
    """The customer says the package was opened."""
    state: Mapped[str] = mapped_column(String(12), default="open")

    request: Mapped[ReturnRequest] = relationship(back_populates="lines")


class ReturnUnit(Base):
    """One unit taken out of a return parcel, scanned and graded (one scan, one row)."""

    __tablename__ = "return_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    return_id: Mapped[int] = mapped_column(
        ForeignKey("return_request.id", ondelete="CASCADE"), index=True
    )
    return_line_id: Mapped[int | None] = mapped_column(ForeignKey("return_line.id"))
    sku_id: Mapped[int | None] = mapped_column(ForeignKey("sku.id"), index=True)
    scanned: Mapped[str] = mapped_column(String(64), default="")
    lot: Mapped[str] = mapped_column(String(40), default="")
    expiry: Mapped[date | None] = mapped_column(default=None)
    grade: Mapped[str] = mapped_column(String(1))
    reason: Mapped[str] = mapped_column(String(24), default="")
    note: Mapped[str] = mapped_column(String(500), default="")
    photo_path: Mapped[str] = mapped_column(String(255), default="")
    disposition: Mapped[str] = mapped_column(String(12))
    """``sellable``, ``rework``, ``quarantine``, ``not_ours``, ``scrap``."""
    accepted: Mapped[bool] = mapped_column(default=False)
    refusal: Mapped[str] = mapped_column(String(24), default="")
    """Why the unit is not accepted: DAMAGED, WRONG_ITEM, EXPIRED."""
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)

    request: Mapped[ReturnRequest] = relationship(back_populates="units")
