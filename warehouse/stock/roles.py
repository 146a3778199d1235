"""Who may change stock, checked on the user's current row (``warehouse.users.require_role``).

| operation | who |
|---|---|
| receive (goods from a merchant, or returned goods, onto a shelf) | packer, returns, supervisor |
| move (free stock between shelves) | packer, returns, supervisor |
| put back (picked goods back onto a shelf) | packer, returns, supervisor |
| count (set on-hand to what the shelf holds) | supervisor; anyone else only at a location whose count task is assigned to them |
| adjust (correct on-hand by a difference) | supervisor |

An admin may do all of it; no system component changes stock by hand (the demo seeds rows).
"""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, or_, select
from sqlalchemy.orm import Session

from warehouse.audit import Actor
from warehouse.errors import PermissionDenied
from warehouse.models import Location, Sku, StockTask
from warehouse.states import Role, StockTaskState
from warehouse.users import require_role
from warehouse.words import Words

RECEIVE = (Role.PACKER, Role.RETURNS, Role.SUPERVISOR)
MOVE = (Role.PACKER, Role.RETURNS, Role.SUPERVISOR)
PUT_BACK = (Role.PACKER, Role.RETURNS, Role.SUPERVISOR)
ADJUST = (Role.SUPERVISOR,)

NOT_YOUR_COUNT = Words(
    en="No count of {sku} at {location} is assigned to you; ask a supervisor.",
    zh="没有分配给您的 {location} 处 {sku} 盘点任务；请联系主管。",
)


def _assigned(actor: Actor) -> ColumnElement[bool]:
    return and_(
        StockTask.kind == "count",
        StockTask.state == StockTaskState.ASSIGNED,
        StockTask.assignee_id == actor.user_id,
    )


def may_count(session: Session, actor: Actor) -> bool:
    """True for a supervisor (counts anywhere); False for a user who holds an assigned count
    task (counts only there, see :func:`check_assigned_count`); anyone else is refused."""
    try:
        require_role(session, actor, Role.SUPERVISOR)
        return True
    except PermissionDenied:
        held = session.scalar(select(StockTask.id).where(_assigned(actor)).limit(1))
        if actor.user_id is None or held is None:
            raise
        return False


def check_assigned_count(session: Session, actor: Actor, sku: Sku, location: Location) -> None:
    """Refuse unless a count of ``sku`` (or of the whole shelf) at ``location`` is assigned
    to this user."""
    task = session.scalar(
        select(StockTask.id).where(
            _assigned(actor),
            StockTask.from_location_id == location.id,
            or_(StockTask.sku_id.is_(None), StockTask.sku_id == sku.id),
        )
    )
    if task is None:
        raise PermissionDenied.of(NOT_YOUR_COUNT, sku=sku.code, location=location.code)
