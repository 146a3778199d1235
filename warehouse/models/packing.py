"""The packing station: a verification session per order, the units it counted, the
discrepancies it refused, and which order lines went into which parcel."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from warehouse.models.base import Base, utcnow


class PackSession(Base):
    """One order being checked and packed at a station (all its state is here, so a killed
    station resumes exactly)."""

    __tablename__ = "pack_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("fulfilment_order.id"), index=True)
    packer_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"), index=True)
    batch_id: Mapped[int | None] = mapped_column(ForeignKey("pick_batch.id"))
    tote: Mapped[int] = mapped_column(default=0)
    state: Mapped[str] = mapped_column(String(12), default="open", index=True)
    """``open`` (scanning or weighing), ``closed`` (every parcel closed)."""
    stage: Mapped[str] = mapped_column(String(12), default="scan")
    """``scan``, ``intact`` (a fragile unit waits for its answer) or ``weigh``."""
    parcel_no: Mapped[int] = mapped_column(default=1)
    """The parcel being filled now (1, 2, …)."""
    box_suggested: Mapped[str] = mapped_column(String(16), default="")
    """The box the station suggests for the parcel being closed."""
    box_code: Mapped[str] = mapped_column(String(16), default="")
    """The box the parcel goes in (the suggestion unless the packer chose another)."""
    carrier_override: Mapped[str] = mapped_column(String(40), default="")
    """``CARRIER/service`` the packer chose over the suggestion, with ``override_reason``."""
    override_reason: Mapped[str] = mapped_column(String(200), default="")
    last_weight_kg: Mapped[Decimal | None] = mapped_column(Numeric(10, 3), default=None)
    weight_checks: Mapped[int] = mapped_column(default=0)
    """Weights refused for the parcel being closed (the packer re-checked this often)."""
    print_state: Mapped[str] = mapped_column(String(12), default="")
    """``printed``, ``failed`` or empty; the reason is in ``print_note`` (message keys)."""
    print_note: Mapped[str] = mapped_column(Text, default="")
    opened_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)


class PackUnit(Base):
    """Units the packer counted (``packed``), found damaged or left short, per order line."""

    __tablename__ = "pack_unit"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("pack_session.id", ondelete="CASCADE"), index=True
    )
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id"), index=True)
    qty: Mapped[int] = mapped_column(default=1)
    kind: Mapped[str] = mapped_column(String(12), default="packed")
    """``packed``, ``checking`` (fragile: packaging not yet confirmed), ``damaged``, ``short``."""
    lot: Mapped[str] = mapped_column(String(40), default="")
    serial: Mapped[str] = mapped_column(String(40), default="")
    parcel_no: Mapped[int] = mapped_column(default=1)
    parcel_id: Mapped[int | None] = mapped_column(ForeignKey("parcel.id"), default=None)
    """Set when its parcel closes."""
    at: Mapped[datetime] = mapped_column(default=utcnow)


class PackDiscrepancy(Base):
    """Something the station refused or found: for the supervisor's accuracy figures."""

    __tablename__ = "pack_discrepancy"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(
        ForeignKey("pack_session.id", ondelete="CASCADE"), index=True
    )
    order_id: Mapped[int] = mapped_column(ForeignKey("fulfilment_order.id"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    """``wrong_item``, ``extra_unit``, ``expired``, ``wrong_lot``, ``other_order``,
    ``serial_twice``, ``damaged``, ``short``, ``weight``."""
    order_line_id: Mapped[int | None] = mapped_column(ForeignKey("order_line.id"))
    scanned: Mapped[str] = mapped_column(String(120), default="")
    qty: Mapped[int] = mapped_column(default=1)
    difference_kg: Mapped[Decimal | None] = mapped_column(Numeric(10, 3), default=None)
    message: Mapped[str] = mapped_column(Text, default="")
    """The sentence the packer got (message keys, ``words.encode``)."""
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)


class ParcelLine(Base):
    """Units of one order line in one parcel."""

    __tablename__ = "parcel_line"

    id: Mapped[int] = mapped_column(primary_key=True)
    parcel_id: Mapped[int] = mapped_column(ForeignKey("parcel.id", ondelete="CASCADE"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id"))
    qty: Mapped[int]
