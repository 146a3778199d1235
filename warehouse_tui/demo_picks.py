"""Demo carts picked the real way (``wms demo seed``): the demo picker claims carts and picks
them scan by scan through the pick service, so the demo packer finds totes waiting.

Here rather than in ``warehouse.demo``: the core may not import the pick service (layers).
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import select

from picking import floor as pick
from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.db import Database
from warehouse.errors import WarehouseError
from warehouse.models import User
from warehouse_tui.context import Context

MAX_SCANS = 2000


def pick_demo_carts(ctx: Context, carts: int, badge: str = "P001") -> list[str]:
    """Pick up to ``carts`` carts completely; their codes."""
    return pick_carts(ctx.database, ctx.settings, carts, badge)


def pick_carts(database: Database, settings: Settings, carts: int, badge: str) -> list[str]:
    """The user ``badge`` picks up to ``carts`` carts scan by scan; the codes of those done."""
    floor = pick.Floor.from_settings(settings)
    with database.unit_of_work(read_only=True) as session:
        user = session.scalars(select(User).where(User.badge == badge)).one()
        picker = Actor.of(user)
    done: list[str] = []
    for _ in range(carts):
        now = datetime.now(UTC)
        with database.unit_of_work() as session:
            claimed = pick.claim_next_batch(session, picker, now, floor=floor)
            if claimed is None:
                break
            step = pick.current_step(session, picker, floor=floor)
        for _ in range(MAX_SCANS):
            if step.kind == "done":
                done.append(claimed.code)
                break
            text = {
                "location": step.location,
                "item": step.sku_code,
                "quantity": str(step.qty - step.in_hand),
                "tote": step.tote_label,
            }.get(step.kind)
            if text is None:
                break
            try:
                with database.unit_of_work() as session:
                    step = pick.handle_scan(
                        session, picker, text, uuid.uuid4().hex, datetime.now(UTC), floor=floor
                    )
            except WarehouseError:
                break
    return done
