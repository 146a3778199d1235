"""Users, the audit trail, the outbox to the mall, the sync cursor and quarantined payloads."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from warehouse.models.base import Base, utcnow


class User(Base):
    __tablename__ = "app_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    badge: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    role: Mapped[str] = mapped_column(String(12))
    """picker, packer, supervisor or admin."""
    pin_hash: Mapped[str] = mapped_column(String(200))
    failed_pins: Mapped[int] = mapped_column(default=0)
    locked_at: Mapped[datetime | None] = mapped_column(default=None)
    active: Mapped[bool] = mapped_column(default=True)
    language: Mapped[str] = mapped_column(String(8), default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(default=None)


class AuditEvent(Base):
    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    actor: Mapped[str] = mapped_column(String(80))
    """Badge of the user, or ``system:<component>``."""
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(32))
    entity_id: Mapped[str] = mapped_column(String(64))
    before: Mapped[dict[str, object] | None] = mapped_column(JSON, default=None)
    after: Mapped[dict[str, object] | None] = mapped_column(JSON, default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class OutboxEvent(Base):
    """A message to the mall, written in the same transaction as the change it reports."""

    __tablename__ = "outbox_event"
    __table_args__ = (Index("ix_outbox_event_pending", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[str] = mapped_column(String(40), unique=True)
    """Sent as the ``Idempotency-Key``: the mall applies each event once."""
    fo_id: Mapped[str] = mapped_column(String(64), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    """accept, reject, progress, shortage, shipment, cancellation, supplier_request."""
    payload: Mapped[dict[str, object]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(10), default="pending")
    """pending, sent, failed (a supervisor must look), dropped."""
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(default=None)


class SyncCursor(Base):
    __tablename__ = "sync_cursor"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    cursor: Mapped[str] = mapped_column(String(80), default="")
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    last_success_at: Mapped[datetime | None] = mapped_column(default=None)
    backlog: Mapped[int] = mapped_column(default=0)


class QuarantinedOrder(Base):
    """A payload from the mall that could not be read, kept whole with the reason."""

    __tablename__ = "quarantined_order"

    id: Mapped[int] = mapped_column(primary_key=True)
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    fo_id: Mapped[str] = mapped_column(String(64), default="", index=True)
    version: Mapped[int | None] = mapped_column(BigInteger, default=None)
    reason: Mapped[str] = mapped_column(Text)
    """Message keys with parameters (``warehouse.words.encode``), rendered for the reader."""
    raw: Mapped[str] = mapped_column(Text)
    """The payload as received, sealed with the receiver key (``warehouse.pii``)."""
    raw_digest: Mapped[str] = mapped_column(String(64), default="", server_default="", index=True)
    """Keyed digest of the payload, so that the same payload again is recognised."""
    state: Mapped[str] = mapped_column(String(10), default="open")
