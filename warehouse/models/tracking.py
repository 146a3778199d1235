"""Counters of the tracking-number ranges that carriers give the site."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, CheckConstraint, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from warehouse.models.base import Base, utcnow


class TrackingRange(Base):
    """One configured range (carrier and range name); ``next_serial`` is the next to hand out.

    Numbers are drawn with one guarded ``UPDATE … RETURNING``, so two stations drawing at once
    get different numbers and a used-up range (``next_serial > last``) gives none.
    """

    __tablename__ = "tracking_range"
    __table_args__ = (
        UniqueConstraint("carrier_code", "name"),
        CheckConstraint("next_serial <= last_serial + 1", name="next_within_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    carrier_code: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(40))
    first_serial: Mapped[int] = mapped_column(BigInteger)
    last_serial: Mapped[int] = mapped_column(BigInteger)
    next_serial: Mapped[int] = mapped_column(BigInteger)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
