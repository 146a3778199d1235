"""Locations and stock: a quant is SKU × location × owner × lot, with on-hand and reserved."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from warehouse.models.base import Base, Timestamped, utcnow
from warehouse.models.catalog import Merchant, Sku


class Location(Base):
    __tablename__ = "location"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    zone: Mapped[str] = mapped_column(String(8))
    aisle: Mapped[int]
    bay: Mapped[int]
    level: Mapped[int]
    bin: Mapped[str] = mapped_column(String(4))
    kind: Mapped[str] = mapped_column(String(12), default="pick")
    """``pick`` (pick face, picked from) or ``reserve`` (bulk, replenishes pick faces)."""
    active: Mapped[bool] = mapped_column(default=True)


class StockQuant(Timestamped, Base):
    __tablename__ = "stock_quant"
    __table_args__ = (
        UniqueConstraint("sku_id", "location_id", "owner_id", "lot"),
        CheckConstraint("on_hand >= 0", name="on_hand_not_negative"),
        CheckConstraint("reserved >= 0", name="reserved_not_negative"),
        CheckConstraint("reserved <= on_hand", name="reserved_within_on_hand"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id"), index=True)
    location_id: Mapped[int] = mapped_column(ForeignKey("location.id"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"), index=True)
    lot: Mapped[str] = mapped_column(String(40), default="")
    expiry: Mapped[date | None] = mapped_column(default=None)
    on_hand: Mapped[int] = mapped_column(default=0)
    reserved: Mapped[int] = mapped_column(default=0)

    sku: Mapped[Sku] = relationship()
    location: Mapped[Location] = relationship()
    owner: Mapped[Merchant] = relationship()

    @property
    def available(self) -> int:
        return self.on_hand - self.reserved


class StockMove(Base):
    """Ledger of every change to on-hand stock (adjust, move, count, pick, put-back)."""

    __tablename__ = "stock_move"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id"), index=True)
    owner_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"))
    lot: Mapped[str] = mapped_column(String(40), default="")
    from_location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    to_location_id: Mapped[int | None] = mapped_column(ForeignKey("location.id"))
    qty: Mapped[int]
    reason: Mapped[str] = mapped_column(String(24))
    """adjust, move, count, pick, put_back, replenish, receive."""
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    reference: Mapped[str] = mapped_column(String(80), default="")
