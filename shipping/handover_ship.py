"""What closing a handover ships: one ``shipment`` message per shipment, orders moved on."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from labels.pdf_manifest import ManifestRow
from shipping.zones import zone_of
from warehouse.audit import Actor
from warehouse.config_shipping import CarrierSettings
from warehouse.models import Order, OrderLine, Parcel, ParcelLine, Shipment
from warehouse.orders import PARTIALLY_SHIPPED, SHIPPED, transition
from warehouse.outbox import enqueue
from warehouse.states import ParcelState, ShipmentState

WAITING = (ParcelState.PACKING, ParcelState.PACKED)


def parcel_weight(parcel: Parcel) -> Decimal:
    return (
        parcel.actual_weight_kg
        if parcel.actual_weight_kg is not None
        else parcel.expected_weight_kg
    )


def parcel_lines(session: Session, parcel: Parcel) -> list[dict[str, Any]]:
    """The order lines in a parcel: its ``parcel_line`` rows, or, for the only parcel of a
    shipment, every line of the order that was packed."""
    rows = session.execute(
        select(OrderLine.line_id, ParcelLine.qty)
        .join(OrderLine, OrderLine.id == ParcelLine.order_line_id)
        .where(ParcelLine.parcel_id == parcel.id)
        .order_by(OrderLine.id)
    ).all()
    if rows:
        return [{"line_id": line_id, "qty": qty} for line_id, qty in rows]
    order_lines = session.scalars(
        select(OrderLine)
        .where(OrderLine.order_id == parcel.shipment.order_id)
        .order_by(OrderLine.id)
    )
    return [
        {"line_id": line.line_id, "qty": line.packed or line.picked or line.qty}
        for line in order_lines
        if not line.cancelled and (line.packed or line.picked or line.qty)
    ]


def _transit_days(carrier: CarrierSettings, shipment: Shipment, order: Order) -> int:
    zone = zone_of(carrier, order.ship_province, order.ship_city)
    for service in carrier.services:
        if service.code == shipment.service:
            return service.transit_days.get(zone, 3)
    return 3


def ship_parcels(
    session: Session, actor: Actor, parcels: list[Parcel], carrier: CarrierSettings, now: datetime
) -> list[str]:
    """Queue one shipment message per shipment of ``parcels``; returns the fo_ids shipped."""
    by_shipment: dict[int, list[Parcel]] = {}
    for parcel in parcels:
        by_shipment.setdefault(parcel.shipment_id, []).append(parcel)
    shipped: list[str] = []
    for shipment_id in sorted(by_shipment):
        shipment = session.get(Shipment, shipment_id)
        assert shipment is not None
        order = session.get(Order, shipment.order_id, with_for_update=True)
        assert order is not None
        days = _transit_days(carrier, shipment, order)
        replacement = any(p.replaces_id is not None for p in by_shipment[shipment_id])
        packages = []
        for parcel in by_shipment[shipment_id]:
            parcel.expected_at = now + timedelta(days=days)
            packages.append(
                {
                    "carrier_code": shipment.carrier_code,
                    "tracking_no": parcel.tracking_no,
                    "weight_kg": str(parcel_weight(parcel)),
                    "lines": parcel_lines(session, parcel),
                }
            )
        waiting = session.scalar(
            select(Parcel.id)
            .join(Shipment, Shipment.id == Parcel.shipment_id)
            .where(
                Shipment.order_id == order.id,
                Shipment.state != ShipmentState.CANCELLED,
                Parcel.state.in_(WAITING),
            )
            .limit(1)
        )
        final = waiting is None
        shipment.state = ShipmentState.SHIPPED if final else ShipmentState.PARTIALLY_SHIPPED
        shipment.final = final
        shipment.shipped_at = now
        if replacement:  # the mall heard of it as RESHIPPED; it already counts as shipped
            shipment.state = ShipmentState.SHIPPED
            shipment.shipped_at = now
            continue
        body = {"final": final, "packages": packages}
        target = SHIPPED if final else PARTIALLY_SHIPPED
        if order.state == target:
            enqueue(session, order.fo_id, "shipment", body)
        else:
            transition(session, order, target, actor, reason="handover", notify=("shipment", body))
        shipped.append(order.fo_id)
    return shipped


def manifest_rows(session: Session, parcels: list[Parcel]) -> list[ManifestRow]:
    """One row per parcel; a shipment's COD is on its first parcel (collected once)."""
    rows = []
    seen: set[int] = set()
    for parcel in parcels:
        order = session.get(Order, parcel.shipment.order_id)
        assert order is not None
        cod = Decimal("0")
        if parcel.shipment_id not in seen:
            seen.add(parcel.shipment_id)
            if order.payment_method == "cod":
                cod = parcel.shipment.cod_amount or order.cod_amount
        rows.append(ManifestRow(parcel.tracking_no, order.order_sn, parcel_weight(parcel), cod))
    return rows
