"""Floor work: waves, pick batches and tasks, shortage cases, replenishment and stock tasks."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from warehouse.models.base import Base, utcnow
from warehouse.models.orders import Order


class Wave(Base):
    __tablename__ = "wave"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    state: Mapped[str] = mapped_column(String(16), default="planned")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    released_at: Mapped[datetime | None] = mapped_column(default=None)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))

    batches: Mapped[list[PickBatch]] = relationship(back_populates="wave")


class PickBatch(Base):
    """One cart: several orders (one tote each) picked in one tour."""

    __tablename__ = "pick_batch"

    id: Mapped[int] = mapped_column(primary_key=True)
    wave_id: Mapped[int | None] = mapped_column(ForeignKey("wave.id"), index=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    state: Mapped[str] = mapped_column(String(16), default="open", index=True)
    priority: Mapped[int] = mapped_column(default=0)
    due_at: Mapped[datetime | None] = mapped_column(default=None)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    claimed_at: Mapped[datetime | None] = mapped_column(default=None)
    last_activity_at: Mapped[datetime | None] = mapped_column(default=None)
    algorithm: Mapped[str] = mapped_column(String(16), default="optimal")
    route_length_m: Mapped[float] = mapped_column(Float, default=0.0)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    wave: Mapped[Wave | None] = relationship(back_populates="batches")
    tasks: Mapped[list[PickTask]] = relationship(
        back_populates="batch", order_by="PickTask.sequence"
    )


class PickTask(Base):
    __tablename__ = "pick_task"

    id: Mapped[int] = mapped_column(primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("pick_batch.id"), index=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("fulfilment_order.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id"))
    reservation_id: Mapped[int | None] = mapped_column(ForeignKey("reservation.id"))
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"))
    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id"))
    lot: Mapped[str] = mapped_column(String(40), default="")
    qty: Mapped[int]
    picked_qty: Mapped[int] = mapped_column(default=0)
    tote: Mapped[int] = mapped_column(default=1)
    sequence: Mapped[int] = mapped_column(default=0)
    state: Mapped[str] = mapped_column(String(12), default="pending")
    short_reason: Mapped[str] = mapped_column(String(16), default="")
    confirmed_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    confirmed_at: Mapped[datetime | None] = mapped_column(default=None)

    batch: Mapped[PickBatch] = relationship(back_populates="tasks")
    order: Mapped[Order] = relationship()


class ScanReceipt(Base):
    """An operator action already applied, by its client-generated key (a repeat is ignored)."""

    __tablename__ = "scan_receipt"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    action: Mapped[str] = mapped_column(String(32))
    result: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


class ShortageCase(Base):
    __tablename__ = "shortage_case"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("fulfilment_order.id"), index=True)
    order_line_id: Mapped[int] = mapped_column(ForeignKey("order_line.id"))
    sku_id: Mapped[int | None] = mapped_column(ForeignKey("sku.id"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    ordered_qty: Mapped[int]
    available_qty: Mapped[int]
    reason: Mapped[str] = mapped_column(String(16))
    """OUT_OF_STOCK, DAMAGED, EXPIRED, NOT_FOUND (the mall's words)."""
    source: Mapped[str] = mapped_column(String(12), default="allocation")
    state: Mapped[str] = mapped_column(String(12), default="open", index=True)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[datetime | None] = mapped_column(default=None)
    resolved_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))


class ReplenishmentRequest(Base):
    """Raised once while open: ``open_key`` is unique and set to NULL when closed."""

    __tablename__ = "replenishment_request"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    """``pick_face`` (move from reserve) or ``supplier`` (ask the merchant via the mall)."""
    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"))
    location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    qty: Mapped[int]
    state: Mapped[str] = mapped_column(String(12), default="open")
    open_key: Mapped[str | None] = mapped_column(String(80), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(default=None)


class StockTask(Base):
    """Work on stock for the floor: count a location, put picked goods back, move stock."""

    __tablename__ = "stock_task"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(12))
    """``count``, ``put_back`` or ``move``."""
    sku_id: Mapped[int | None] = mapped_column(ForeignKey("sku.id"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("merchant.id"))
    lot: Mapped[str] = mapped_column(String(40), default="")
    from_location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    to_location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    qty: Mapped[int] = mapped_column(default=0)
    reason: Mapped[str] = mapped_column(String(200), default="")
    reference: Mapped[str] = mapped_column(String(80), default="")
    state: Mapped[str] = mapped_column(String(12), default="open", index=True)
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    done_at: Mapped[datetime | None] = mapped_column(default=None)
