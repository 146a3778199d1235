"""The audit trail: who changed what, when, from what to what."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy.orm import Session

from warehouse.bulk import insert_many
from warehouse.models import AuditEvent, User


@dataclass(frozen=True)
class Actor:
    """Who acts: a logged-in user, or a system component (``system:sync``)."""

    name: str
    user_id: int | None = None
    role: str = ""
    """A badge's role when it logged in (the services check the current one); ``system``
    only through :meth:`system`. No default grants anything."""

    @classmethod
    def of(cls, user: User) -> Actor:
        return cls(name=user.badge, user_id=user.id, role=user.role)

    @classmethod
    def system(cls, component: str) -> Actor:
        return cls(name=f"system:{component}", role="system")


def audit_row(
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object,
    *,
    before: Mapping[str, object] | None = None,
    after: Mapping[str, object] | None = None,
    note: str = "",
) -> dict[str, object]:
    """The column values of one audit row (for :func:`record` and :func:`record_many`)."""
    return {
        "user_id": actor.user_id,
        "actor": actor.name,
        "action": action,
        "entity": entity,
        "entity_id": str(entity_id),
        "before": dict(before) if before is not None else None,
        "after": dict(after) if after is not None else None,
        "note": note,
    }


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity: str,
    entity_id: object,
    *,
    before: Mapping[str, object] | None = None,
    after: Mapping[str, object] | None = None,
    note: str = "",
) -> AuditEvent:
    event = AuditEvent(
        **audit_row(actor, action, entity, entity_id, before=before, after=after, note=note)
    )
    session.add(event)
    return event


def record_many(session: Session, rows: Sequence[Mapping[str, object]]) -> None:
    """Insert many :func:`audit_row` rows in one statement (bulk work: allocation sets)."""
    if rows:
        insert_many(session, AuditEvent, rows)
