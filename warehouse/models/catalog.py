"""Merchants (owners of stock) and their SKUs with barcodes."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import ForeignKey, Numeric, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from warehouse.models.base import Base, Timestamped


class Merchant(Timestamped, Base):
    __tablename__ = "merchant"

    id: Mapped[int] = mapped_column(primary_key=True)
    mall_id: Mapped[str] = mapped_column(String(64), unique=True)
    """The merchant's id in the mall (a string: ids are not numbers)."""
    name: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120), default="")
    whole_order_only: Mapped[bool] = mapped_column(default=False)
    """Allocate an order only when every line can be allocated (else line by line)."""
    slip_note: Mapped[str] = mapped_column(String(400), default="")
    """Text printed at the foot of this merchant's packing slips."""

    skus: Mapped[list[Sku]] = relationship(back_populates="merchant")


class Sku(Timestamped, Base):
    __tablename__ = "sku"
    __table_args__ = (UniqueConstraint("merchant_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"), index=True)
    code: Mapped[str] = mapped_column(String(40), index=True)
    """The merchant's SKU code, as the mall sends it in order lines."""
    name_zh: Mapped[str] = mapped_column(String(200))
    name_en: Mapped[str] = mapped_column(String(200), default="")
    weight_kg: Mapped[Decimal] = mapped_column(Numeric(10, 3), default=Decimal("0"))
    length_mm: Mapped[int] = mapped_column(default=0)
    width_mm: Mapped[int] = mapped_column(default=0)
    height_mm: Mapped[int] = mapped_column(default=0)
    fragile: Mapped[bool] = mapped_column(default=False)
    high_value: Mapped[bool] = mapped_column(default=False)
    lot_controlled: Mapped[bool] = mapped_column(default=False)
    """Dated goods: stock carries lot and expiry and is picked first-expiry-first-out."""
    shelf_life_days: Mapped[int | None] = mapped_column(default=None)
    min_remaining_days: Mapped[int] = mapped_column(default=0)
    """A lot with fewer days left than this is not shipped."""
    pick_face_min: Mapped[int] = mapped_column(default=0)
    """Replenish the pick face when its stock drops below this."""
    pick_face_max: Mapped[int] = mapped_column(default=0)
    reorder_point: Mapped[int] = mapped_column(default=0)
    """Ask the merchant for more when the site total drops below this."""
    active: Mapped[bool] = mapped_column(default=True)

    merchant: Mapped[Merchant] = relationship(back_populates="skus")
    barcodes: Mapped[list[SkuBarcode]] = relationship(
        back_populates="sku", cascade="all, delete-orphan"
    )

    @property
    def volume_l(self) -> float:
        return self.length_mm * self.width_mm * self.height_mm / 1_000_000


class SkuBarcode(Base):
    __tablename__ = "sku_barcode"
    __table_args__ = (UniqueConstraint("code", "sku_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    sku_id: Mapped[int] = mapped_column(ForeignKey("sku.id", ondelete="CASCADE"), index=True)
    code: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(16), default="EAN13")
    """EAN13, GTIN14, INTERNAL ... (two merchants may share one EAN: scans resolve by order)."""

    sku: Mapped[Sku] = relationship(back_populates="barcodes")
