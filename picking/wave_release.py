"""A supervisor plans a wave: a preview first (the batching service's carts, orders and
route lengths, nothing written), then the release, which plans again on the orders waiting
then (so what is released is never stale) and creates the carts."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from picking.waves import WavePlan, plan_wave
from warehouse.audit import Actor, record
from warehouse.config import Settings
from warehouse.supervision.access import supervisor


def preview_wave(
    session: Session, settings: Settings, actor: Actor, now: datetime, *, limit: int | None = None
) -> WavePlan | None:
    """What a wave would be now; nothing is written (call in a unit of work rolled back)."""
    supervisor(session, actor)
    return plan_wave(session, settings, actor, now=now, dry_run=True, limit=limit)


def release_wave(
    session: Session, settings: Settings, actor: Actor, now: datetime, *, limit: int | None = None
) -> WavePlan | None:
    """Create and release the wave; its carts go to the pickers' queue."""
    supervisor(session, actor)
    plan = plan_wave(session, settings, actor, now=now, limit=limit)
    if plan is not None:
        record(
            session,
            actor,
            "wave.release",
            "wave",
            plan.code,
            after={"carts": len(plan.batches), "orders": plan.orders},
        )
    return plan
