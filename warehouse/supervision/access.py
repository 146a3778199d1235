"""The one role check of the supervisor services."""

from __future__ import annotations

from sqlalchemy.orm import Session

from warehouse.audit import Actor
from warehouse.states import Role
from warehouse.users import require_role


def supervisor(session: Session, actor: Actor) -> None:
    """Refuse anyone but a supervisor (or an admin), reading the user's current row."""
    require_role(session, actor, Role.SUPERVISOR)
