"""The parcel being closed: its units, the suggested box and what it should weigh."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from packing.cartonization import (
    THIS_SIDE_UP,
    ItemType,
    boxes_from_settings,
    choose_boxes,
    rules_from_settings,
)
from packing.weighing import ExpectedWeight, expected_weight
from shipping.choice import ParcelFacts, choose_service, rules_quote
from warehouse.config import Settings
from warehouse.config_shipping import BoxSettings
from warehouse.models import Order, OrderLine, PackSession, PackUnit, Sku

SMALLEST_MM = 10
"""A SKU without dimensions in the master is packed as a 10 mm cube (and should be measured)."""


@dataclass(frozen=True)
class ParcelUnits:
    line: OrderLine
    sku: Sku
    qty: int


def parcel_units(session: Session, pack: PackSession) -> list[ParcelUnits]:
    rows = session.execute(
        select(PackUnit.order_line_id, func.sum(PackUnit.qty))
        .where(
            PackUnit.session_id == pack.id,
            PackUnit.parcel_no == pack.parcel_no,
            PackUnit.parcel_id.is_(None),
            PackUnit.kind == "packed",
        )
        .group_by(PackUnit.order_line_id)
        .order_by(PackUnit.order_line_id)
    )
    out = []
    for line_id, qty in rows:
        line = session.get_one(OrderLine, line_id)
        out.append(ParcelUnits(line, session.get_one(Sku, line.sku_id), int(qty)))
    return out


def _item(unit: ParcelUnits) -> ItemType:
    sku = unit.sku
    dims = tuple(max(SMALLEST_MM, d) for d in (sku.length_mm, sku.width_mm, sku.height_mm))
    return ItemType(
        sku=sku.code, dims=(dims[0], dims[1], dims[2]), weight_kg=float(sku.weight_kg),
        quantity=unit.qty, orientations=THIS_SIDE_UP if sku.fragile else frozenset(
            ("XYZ", "YXZ", "ZYX", "YZX", "XZY", "ZXY")
        ), fragile=sku.fragile,
    )  # fmt: skip


@dataclass(frozen=True)
class BoxSuggestion:
    box: str
    parcels: int
    """How many parcels the chooser would make of these units."""
    freight: Decimal
    """The first parcel's freight with the service the rules choose (or the packer's)."""
    carrier: str
    service: str


def override_of(text: str) -> tuple[str, str] | None:
    """``CARRIER/service`` typed by the packer, as (carrier, service)."""
    if not text:
        return None
    carrier, _, service = text.partition("/")
    return carrier.strip().upper(), service.strip()


def parcel_facts(order: Order) -> ParcelFacts:
    """What the shipping rules look at for this order's parcels (size and weight per box)."""
    return ParcelFacts(
        province=order.ship_province, city=order.ship_city, dims_mm=(0, 0, 0),
        weight_kg=Decimal(0), cod=order.payment_method == "cod", due=order.due_at,
    )  # fmt: skip


def suggest_box(
    settings: Settings,
    order: Order,
    units: Sequence[ParcelUnits],
    now: datetime,
    *,
    override: str = "",
) -> BoxSuggestion:
    """The box chooser's first box for these units, freight priced with the carrier and
    service the shipping rules choose for this order and each box (destination, COD, due
    time), or with the packer's ``override`` (``CARRIER/service``)."""
    quote = rules_quote(
        settings.carriers, parcel_facts(order), now, settings.site.timezone,
        override=override_of(override),
    )  # fmt: skip
    plan = choose_boxes(
        [_item(u) for u in units], boxes_from_settings(settings.packing), quote,
        rules_from_settings(settings.packing),
    )  # fmt: skip
    first = plan.parcels[0]
    facts = replace(
        parcel_facts(order),
        dims_mm=first.box.outer,
        weight_kg=Decimal(str(round(first.gross_kg, 3))),
    )
    priced = choose_service(
        settings.carriers, facts, now, settings.site.timezone, override=override_of(override),
        reason="override" if override else "",
    )  # fmt: skip
    return BoxSuggestion(
        first.box.code, len(plan.parcels), first.freight, priced.carrier, priced.service
    )


def box_named(settings: Settings, code: str) -> BoxSettings | None:
    return next((b for b in settings.packing.boxes if b.code.upper() == code.strip().upper()), None)


def parcel_expected(
    session: Session,
    settings: Settings,
    pack: PackSession,
    units: Sequence[ParcelUnits] | None = None,
) -> ExpectedWeight | None:
    """What the open parcel should weigh (``units``: its units, when read already)."""
    box = box_named(settings, pack.box_code) if pack.box_code else None
    if units is None:
        units = parcel_units(session, pack)
    if not units:
        return None
    return expected_weight(
        [(u.sku.weight_kg, u.qty) for u in units],
        box_kg=box.weight_kg if box else 0,
        filler_kg=box.filler_kg if box else 0,
    )
