"""The demo's after-sales part: the returns shelves from the settings, and a few released
orders shipped (through the order state machine, with a shipment and a parcel) so that the
built-in mall can ask to return them and the returns clerk has real work."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse.audit import Actor
from warehouse.config import Settings
from warehouse.models import Location, Order, Parcel, Shipment
from warehouse.orders import transition
from warehouse.states import OrderState, ParcelState

WORK_STEPS = ("allocated", "picking", "picked", "packing", "packed")


def return_shelves(session: Session, settings: Settings) -> None:
    """Put-away (a pick face), rework, quarantine and not-ours shelves (inactive for picking)."""
    returns = settings.returns
    shelves = [
        (returns.putaway_location, "pick", True),
        (returns.rework_location, "returns", False),
        (returns.quarantine_location, "returns", False),
        (returns.not_ours_location, "returns", False),
    ]
    for code, kind, active in shelves:
        if session.scalar(select(Location.id).where(Location.code == code)):
            continue
        parts = code.split("-")
        numbers = [int(p) for p in parts if p.isdigit()] + [0, 0, 0]
        session.add(
            Location(
                code=code,
                zone=parts[0][:8],
                aisle=numbers[0],
                bay=numbers[1],
                level=numbers[2],
                bin=parts[-1][:4],
                kind=kind,
                active=active,
            )
        )
    session.flush()


def ship_for_returns(session: Session, count: int) -> list[tuple[str, str]]:
    """Ship ``count`` released orders (fo_id, tracking number); the mall hears each shipment.
    Their parcels were delivered (the customers now send them back), so the dock never sees
    them as packed and waiting."""
    actor = Actor.system("demo")
    orders = list(
        session.scalars(
            select(Order).where(Order.state == OrderState.RELEASED).order_by(Order.id).limit(count)
        )
    )
    shipped: list[tuple[str, str]] = []
    for order in orders:
        for state in WORK_STEPS:
            transition(session, order, state, actor)
        tracking = f"SF{order.order_sn[-10:]}"
        lines = []
        for line in order.lines:
            line.picked = line.packed = line.qty
            lines.append({"line_id": line.line_id, "qty": line.qty})
        order.carrier_code = "SF"
        session.add(
            Shipment(
                order_id=order.id,
                state="shipped",
                carrier_code="SF",
                shipped_at=datetime.now(UTC),
                parcels=[Parcel(tracking_no=tracking, state=ParcelState.DELIVERED)],
            )
        )
        body = {
            "final": True,
            "packages": [
                {
                    "carrier_code": "SF",
                    "tracking_no": tracking,
                    "weight_kg": "1.000",
                    "lines": lines,
                }
            ],
        }
        transition(session, order, OrderState.SHIPPED, actor, notify=("shipment", body))
        shipped.append((order.fo_id, tracking))
    return shipped
