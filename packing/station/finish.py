"""Closing a parcel: the box (suggested or the packer's), the weight check, carrier and
service, insurance, a tracking number; the last parcel marks the order packed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal

from sqlalchemy import select

from packing.materials import materials_used, record_materials
from packing.station.core import Act, Outcome
from packing.station.messages import refused
from packing.station.parcel import (
    ParcelUnits,
    box_named,
    override_of,
    parcel_expected,
    parcel_facts,
    parcel_units,
    suggest_box,
)
from packing.weighing import check_weight
from shipping.choice import CarrierDecision, choose_service
from shipping.insurance import insurance_for
from shipping.tracking import carrier_for
from warehouse.models import PackUnit, Parcel, ParcelLine, Shipment
from warehouse.orders import transition
from warehouse.states import OrderState, ParcelState, ShipmentState
from warehouse.words import Message, encode


def start_weighing(a: Act) -> Outcome:
    """Close the parcel being filled: suggest its box and ask for its weight."""
    assert a.pack is not None
    units = parcel_units(a.session, a.pack)
    if not units:
        raise refused("station.parcel_empty", parcel=a.pack.parcel_no)
    box = suggest_box(a.settings, a.order, units, a.now, override=a.pack.carrier_override).box
    a.pack.stage, a.pack.box_suggested, a.pack.box_code = "weigh", box, box
    a.pack.weight_checks, a.pack.last_weight_kg = 0, None
    return _weigh_prompt(a, units)


def _weigh_prompt(a: Act, units: Sequence[ParcelUnits] | None = None) -> Outcome:
    assert a.pack is not None
    expected = parcel_expected(a.session, a.settings, a.pack, units)
    total = expected.total_kg if expected else Decimal(0)
    return Outcome(
        Message.of(
            "station.weigh", parcel=a.pack.parcel_no, box=a.pack.box_code, expected=str(total)
        )
    )


def back_to_scanning(a: Act) -> Outcome:
    assert a.pack is not None
    a.pack.stage = "scan"
    return Outcome()


def choose_box(a: Act, code: str | None) -> Outcome:
    """The packer's box (``None``: the next box of the catalogue, one key per step)."""
    assert a.pack is not None
    if a.pack.stage != "weigh":
        start_weighing(a)
    boxes = [b.code for b in a.settings.packing.boxes]
    if code is None:
        here = boxes.index(a.pack.box_code) if a.pack.box_code in boxes else -1
        code = boxes[(here + 1) % len(boxes)]
    box = box_named(a.settings, code)
    if box is None:
        raise refused("station.box_unknown", box=code[:16])
    a.pack.box_code = box.code
    return _weigh_prompt(a)


def choose_carrier(a: Act, carrier_service: str, reason: str) -> Outcome:
    """The packer's carrier and service over the suggestion; needs a reason (empty: none)."""
    assert a.pack is not None
    if carrier_service and not reason.strip():
        raise refused("station.reason_needed")
    units = parcel_units(a.session, a.pack)
    box = box_named(a.settings, a.pack.box_code)
    expected = parcel_expected(a.session, a.settings, a.pack, units)
    if carrier_service and box is not None and expected is not None:
        # refused here, with the rules' sentence, if that service cannot take this parcel
        choose_service(
            a.settings.carriers,
            replace(parcel_facts(a.order), dims_mm=box.outside, weight_kg=expected.total_kg),
            a.now, a.settings.site.timezone, override=override_of(carrier_service),
            reason=reason,
        )  # fmt: skip
    a.pack.carrier_override, a.pack.override_reason = carrier_service[:40], reason.strip()[:200]
    if units:  # the box suggested again with this carrier's freight
        again = suggest_box(a.settings, a.order, units, a.now, override=a.pack.carrier_override)
        if a.pack.box_code in ("", a.pack.box_suggested):
            a.pack.box_code = again.box
        a.pack.box_suggested = again.box
    return _weigh_prompt(a, units)


def weigh(a: Act, weight_kg: Decimal) -> Outcome:
    """Check the weight; outside the tolerance the packer checks again (the difference is
    recorded), within it the parcel closes."""
    assert a.pack is not None
    if a.pack.stage != "weigh":
        raise refused("station.incomplete", left=sum(v.left for v in a.lines()))
    expected = parcel_expected(a.session, a.settings, a.pack)
    assert expected is not None
    check = check_weight(
        expected.total_kg, weight_kg, tolerance_kg=a.settings.packing.tolerance_kg,
        tolerance_pct=a.settings.packing.tolerance_pct,
    )  # fmt: skip
    a.pack.last_weight_kg = check.actual_kg
    if not check.within:
        a.pack.weight_checks += 1
        return a.discrepancy(
            "weight", "packing.weight_off", difference_kg=check.difference_kg,
            actual=str(check.actual_kg), expected=str(check.expected_kg),
            difference=f"{check.difference_kg:+}",
        )  # fmt: skip
    return close_parcel(a, check.actual_kg, check.expected_kg, check.difference_kg)


def _decision(a: Act, box_outer: tuple[int, int, int], actual: Decimal) -> CarrierDecision:
    assert a.pack is not None
    order = a.order
    facts = replace(parcel_facts(order), dims_mm=box_outer, weight_kg=actual)
    return choose_service(
        a.settings.carriers, facts, a.now, a.settings.site.timezone,
        override=override_of(a.pack.carrier_override),
        reason=a.pack.override_reason, actor=a.actor.name,
    )  # fmt: skip


def close_parcel(a: Act, actual: Decimal, expected: Decimal, difference: Decimal) -> Outcome:
    assert a.pack is not None
    order = a.order
    box = box_named(a.settings, a.pack.box_code)
    assert box is not None
    units = parcel_units(a.session, a.pack)
    decision = _decision(a, box.outside, actual)
    carrier = a.settings.carrier(decision.carrier)
    value = sum((u.line.unit_price * u.qty for u in units), Decimal(0))
    fragile = any(u.sku.fragile for u in units)
    insurance = insurance_for(
        carrier.insurance, value, fragile=fragile,
        fragile_high_value=any(u.sku.fragile and u.sku.high_value for u in units),
    )  # fmt: skip
    shipment = a.session.scalars(
        select(Shipment).where(Shipment.order_id == order.id, Shipment.state == ShipmentState.OPEN)
    ).first()
    if shipment is None:
        shipment = Shipment(
            order_id=order.id, state=ShipmentState.OPEN, carrier_code=decision.carrier,
            service=decision.service, packed_by=a.actor.user_id,
            cod_amount=order.cod_amount if order.payment_method == "cod" else Decimal(0),
        )  # fmt: skip
        a.session.add(shipment)
        a.session.flush()
    shipment.insured_value += insurance.declared_value
    tracking = carrier_for(carrier).tracking_number(a.session, order.order_sn)
    parcel = Parcel(
        shipment_id=shipment.id, box_code=box.code, box_suggested=a.pack.box_suggested,
        expected_weight_kg=expected, actual_weight_kg=actual, weight_difference_kg=difference,
        weight_rechecks=a.pack.weight_checks, tracking_no=tracking, state=ParcelState.PACKED,
        carrier_code=decision.carrier, service=decision.service,
        insured_value=insurance.declared_value, premium=insurance.premium,
        carrier_reason=encode([decision.reason]), packed_at=a.now,
    )  # fmt: skip
    a.session.add(parcel)
    a.session.flush()
    for u in units:
        a.session.add(ParcelLine(parcel_id=parcel.id, order_line_id=u.line.id, qty=u.qty))
        u.line.packed += u.qty
    used = materials_used(
        a.settings.packing.materials,
        ((u.qty, u.sku.fragile, u.sku.high_value) for u in units),
        order.gift,
    )
    record_materials(a.session, a.actor, order.fo_id, tracking, used)
    for unit in a.session.scalars(
        select(PackUnit).where(
            PackUnit.session_id == a.pack.id, PackUnit.parcel_no == a.pack.parcel_no,
            PackUnit.parcel_id.is_(None),
        )
    ):  # fmt: skip
        unit.parcel_id = parcel.id
    closed = Message.of(
        "station.parcel_closed", parcel=a.pack.parcel_no, carrier=carrier.name, tracking=tracking
    )
    a.pack.parcel_no += 1
    a.pack.stage, a.pack.box_code, a.pack.box_suggested = "scan", "", ""
    a.pack.carrier_override, a.pack.override_reason, a.pack.weight_checks = "", "", 0
    a.session.flush()
    a.forget()
    if any(v.left > 0 for v in a.lines()):
        return Outcome(closed)
    return order_packed(a, shipment)


def order_packed(a: Act, shipment: Shipment) -> Outcome:
    """Every line is packed or shorted and every parcel closed: the order is packed."""
    assert a.pack is not None
    a.pack.parcel_no -= 1
    a.pack.state, a.pack.closed_at, a.pack.stage = "closed", a.now, "scan"
    shipment.state = ShipmentState.PACKED
    order = a.order
    transition(a.session, order, OrderState.PACKED, a.actor)
    return Outcome(
        Message.of("station.order_packed", order=order.order_sn, parcels=a.pack.parcel_no)
    )


def finish_without_parcel(a: Act) -> bool:
    """The rest was shorted after the last parcel closed: close the order with the parcels
    it has. False when there is no closed parcel (an order shorted completely stays open for
    the supervisor)."""
    assert a.pack is not None
    shipment = a.session.scalars(
        select(Shipment).where(
            Shipment.order_id == a.pack.order_id, Shipment.state == ShipmentState.OPEN
        )
    ).first()
    if shipment is None or all(p.state == ParcelState.VOIDED for p in shipment.parcels):
        return False
    order_packed(a, shipment)
    return True
