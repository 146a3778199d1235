"""The audit trail: who changed what, when, from what to what."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy.orm import Session

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
        user_id=actor.user_id,
        actor=actor.name,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=dict(before) if before is not None else None,
        after=dict(after) if after is not None else None,
        note=note,
    )
    session.add(event)
    return event
