"""Grade B after repacking: the unit moves from the rework shelf to sellable stock (the SKU's
pick face with room, else the put-away location), a ledgered move of the merchant's stock."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from returns.access import ROLES
from returns.putaway import REWORK, SELLABLE, pick_face
from warehouse.audit import Actor, record
from warehouse.config_returns import ReturnsSettings
from warehouse.errors import NotFound
from warehouse.models import Location, Merchant, ReturnUnit, Sku
from warehouse.stock import operations
from warehouse.stock.lookup import find_location
from warehouse.users import require_role


def repacked(
    session: Session, actor: Actor, settings: ReturnsSettings, unit_id: int, today: date
) -> str:
    """Move a repacked grade-B unit to sellable stock; returns the location it went to."""
    require_role(session, actor, *ROLES)
    unit = session.get(ReturnUnit, unit_id, with_for_update=True)
    if unit is None or unit.disposition != REWORK or unit.sku_id is None:
        raise NotFound(f"No return unit {unit_id} is waiting for rework.")
    sku = session.get(Sku, unit.sku_id)
    source = session.get(Location, unit.location_id)
    assert sku is not None and source is not None
    merchant = session.get(Merchant, sku.merchant_id)
    assert merchant is not None
    target = pick_face(session, sku) or settings.putaway_location
    operations.move(
        session,
        actor,
        sku_code=sku.code,
        owner=merchant.mall_id,
        from_location=source.code,
        to_location=target,
        qty=1,
        lot=unit.lot if sku.lot_controlled else "",
        reference=f"repacked return unit {unit.id}",
        today=today,
    )
    unit.disposition = SELLABLE
    unit.location_id = find_location(session, target).id
    record(session, actor, "return.repacked", "return_unit", unit.id, after={"to": target})
    return target
