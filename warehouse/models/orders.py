"""Fulfilment orders from the mall, their lines and the stock reserved for them."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql import column, text

from warehouse.models.base import Base, Timestamped
from warehouse.models.catalog import Merchant, Sku
from warehouse.models.stock import StockQuant

WAITING_PREDICATE = "state IN ('released', 'short') AND cancel_requested IS FALSE"
"""The orders the allocation queue can take (its ``waiting`` filter implies this)."""


class Order(Timestamped, Base):
    __tablename__ = "fulfilment_order"
    __table_args__ = (
        Index("ix_fulfilment_order_queue", "state", "priority", "due_at"),
        # the supervisor's keyset pages (warehouse/supervision/queue.py)
        Index("ix_fulfilment_order_due", "due_at", "id"),
        Index("ix_fulfilment_order_merchant_due", "merchant_id", "due_at", "id"),
        # the allocation queue in its order (warehouse/allocation/queue.py): read from the top
        # and stopped at the set's size, however many orders wait (a peak day: 500,000).
        # PostgreSQL only: SQLite uses a partial index only for a query repeating its terms
        # word for word, which the queue's filter does not.
        Index(
            "ix_fulfilment_order_waiting",
            column("priority").desc(),
            "due_at",
            "id",
            postgresql_where=text(WAITING_PREDICATE),
        ).ddl_if(dialect="postgresql"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    fo_id: Mapped[str] = mapped_column(String(64), unique=True)
    version: Mapped[int] = mapped_column(BigInteger)
    change_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    order_sn: Mapped[str] = mapped_column(String(64), index=True)
    group_order_sn: Mapped[str] = mapped_column(String(64), default="")
    merchant_id: Mapped[int] = mapped_column(ForeignKey("merchant.id"), index=True)
    state: Mapped[str] = mapped_column(String(20), default="received")
    mall_state: Mapped[str] = mapped_column(String(20), default="requested")
    priority: Mapped[int] = mapped_column(default=0)
    """Higher is more urgent; computed from flags and due time, or set by a supervisor."""
    priority_override: Mapped[int | None] = mapped_column(default=None)
    expedited: Mapped[bool] = mapped_column(default=False)
    gift: Mapped[bool] = mapped_column(default=False)
    holiday: Mapped[bool] = mapped_column(default=False)
    placed_at: Mapped[datetime | None] = mapped_column(default=None)
    paid_at: Mapped[datetime | None] = mapped_column(default=None)
    due_at: Mapped[datetime | None] = mapped_column(default=None)
    payment_method: Mapped[str] = mapped_column(String(12), default="online")
    """``online`` or ``cod`` (cash on delivery)."""
    paid: Mapped[bool] = mapped_column(default=False)
    cod_amount: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    currency: Mapped[str] = mapped_column(String(3), default="CNY")
    receiver_sealed: Mapped[str] = mapped_column(Text, default="")
    """Receiver name, phones and address, AES-GCM encrypted (see warehouse.pii)."""
    ship_province: Mapped[str] = mapped_column(String(64), default="")
    ship_city: Mapped[str] = mapped_column(String(64), default="")
    """Province and city stay readable for carrier choice and queues; they identify nobody."""
    buyer_note: Mapped[str] = mapped_column(String(500), default="")
    hold_reason: Mapped[str] = mapped_column(Text, default="")
    """Message keys with masked parameters (``warehouse.words.encode``), never a sentence."""
    warnings: Mapped[str] = mapped_column(Text, default="")
    """Message keys with masked parameters, like ``hold_reason``."""
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    carrier_code: Mapped[str] = mapped_column(String(8), default="")

    merchant: Mapped[Merchant] = relationship()
    lines: Mapped[list[OrderLine]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.id"
    )


class OrderLine(Base):
    __tablename__ = "order_line"
    __table_args__ = (
        UniqueConstraint("order_id", "line_id"),
        CheckConstraint(
            "allocated >= 0 AND picked >= 0 AND packed >= 0 AND short >= 0",
            name="quantities_not_negative",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("fulfilment_order.id", ondelete="CASCADE"), index=True
    )
    line_id: Mapped[str] = mapped_column(String(64))
    sku_id: Mapped[int | None] = mapped_column(ForeignKey("sku.id"), default=None)
    sku_code: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200), default="")
    qty: Mapped[int]
    unit_price: Mapped[Decimal] = mapped_column(Numeric(12, 2), default=Decimal("0"))
    allocated: Mapped[int] = mapped_column(default=0)
    picked: Mapped[int] = mapped_column(default=0)
    packed: Mapped[int] = mapped_column(default=0)
    short: Mapped[int] = mapped_column(default=0)
    cancelled: Mapped[bool] = mapped_column(default=False)

    order: Mapped[Order] = relationship(back_populates="lines")
    sku: Mapped[Sku | None] = relationship()
    reservations: Mapped[list[Reservation]] = relationship(back_populates="line")


class Reservation(Base):
    """Stock of one quant held for one order line (released on cancel, consumed on pick)."""

    __tablename__ = "reservation"
    __table_args__ = (
        CheckConstraint("qty >= 0 AND picked >= 0 AND picked <= qty", name="picked_within_qty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_line_id: Mapped[int] = mapped_column(
        ForeignKey("order_line.id", ondelete="CASCADE"), index=True
    )
    quant_id: Mapped[int] = mapped_column(ForeignKey("stock_quant.id"), index=True)
    qty: Mapped[int]
    picked: Mapped[int] = mapped_column(default=0)

    line: Mapped[OrderLine] = relationship(back_populates="reservations")
    quant: Mapped[StockQuant] = relationship()
