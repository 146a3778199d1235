"""From the database to what a label or slip shows (decisions here, drawing elsewhere).

The receiver is decrypted here, only to be printed; it is masked at once on a privacy waybill
and never logged. A parcel's COD amount is printed on parcel 1 of a shipment only, so a
courier never collects twice. A gift order's slip carries the buyer's note as its gift message
(the mall sends no separate gift-message field).
"""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import or_, select
from sqlalchemy.orm import Session, selectinload

from labels.content import PackingSlip, Party, ShippingLabel, SlipLine
from labels.errors import LabelError
from labels.routing import route_for
from labels.sscc import build_sscc, verify_sscc
from warehouse.config import Settings
from warehouse.models import Order, OrderLine, Parcel, Reservation, Shipment
from warehouse.pii import Receiver, ReceiverCipher, mask_name, mask_phone
from warehouse.states import ParcelState, ShipmentState

GONE = (ParcelState.VOIDED, ParcelState.UNPACKED)
"""Parcels that no longer exist as parcels: reopened at packing, or unpacked at the site."""


def find_order(session: Session, ref: str) -> Order:
    """The order whose number (order_sn) or mall id (fo_id) is ``ref``."""
    text = ref.strip()
    order = session.scalars(
        select(Order).where(or_(Order.order_sn == text, Order.fo_id == text)).limit(1)
    ).first()
    if order is None:
        raise LabelError.key("labels.not_found", ref=text)
    return order


def find_parcels(session: Session, ref: str) -> tuple[Order, list[Parcel]]:
    """A tracking number names one parcel; an order number names all its parcels."""
    text = ref.strip()
    parcel = session.scalars(select(Parcel).where(Parcel.tracking_no == text).limit(1)).first()
    if parcel is not None and text:
        if parcel.state == ParcelState.VOIDED:
            raise LabelError.key("labels.voided", tracking=parcel.tracking_no)
        if parcel.state == ParcelState.UNPACKED:
            raise LabelError.key("labels.unpacked", tracking=parcel.tracking_no)
        return session.get_one(Order, parcel.shipment.order_id), [parcel]
    order = find_order(session, text)
    parcels = list(
        session.scalars(
            select(Parcel)
            .join(Shipment)
            .where(
                Shipment.order_id == order.id,
                Shipment.state != ShipmentState.CANCELLED,
                Parcel.state.not_in(GONE),
            )
            .order_by(Shipment.id, Parcel.id)
        )
    )
    if not parcels:
        raise LabelError.key("labels.no_parcels", order=order.order_sn)
    return order, parcels


def shipping_labels(
    session: Session, ref: str, settings: Settings, cipher: ReceiverCipher
) -> list[ShippingLabel]:
    order, parcels = find_parcels(session, ref)
    receiver = cipher.open(order.receiver_sealed, bound_to=order.fo_id)
    return [shipping_label(order, parcel, receiver, settings) for parcel in parcels]


def shipping_label(
    order: Order, parcel: Parcel, receiver: Receiver, settings: Settings
) -> ShippingLabel:
    if not parcel.tracking_no:
        raise LabelError.key("labels.no_tracking", parcel=parcel.id, order=order.order_sn)
    shipment = parcel.shipment
    labels = settings.labels
    code = shipment.carrier_code or order.carrier_code
    carrier = labels.carrier(code)
    merchant = labels.merchant(order.merchant.mall_id)
    privacy = labels.privacy_for(code, order.merchant.mall_id)
    siblings = sorted(p.id for p in shipment.parcels if p.state not in GONE)
    number = siblings.index(parcel.id) + 1
    route = route_for(carrier, order.ship_province, order.ship_city)
    cod = shipment.cod_amount or (order.cod_amount if order.payment_method == "cod" else 0)
    return ShippingLabel(
        carrier_code=code,
        carrier_name=_carrier_name(settings, code),
        service=carrier.service_names.get(shipment.service, shipment.service),
        tracking_no=parcel.tracking_no,
        order_sn=order.order_sn,
        recipient=Party(
            name=mask_name(receiver.name) if privacy else receiver.name,
            phone=mask_phone(receiver.mobile or receiver.phone) if privacy else receiver.mobile,
            address=receiver.address_line,
        ),
        sender=Party(
            name=merchant.name or order.merchant.name,
            phone=merchant.sender_phone or labels.sender.phone,
            address=labels.sender.address,
        ),
        routing_code=route.routing_code if route else "",
        hub=route.hub if route else "",
        cod_amount=Decimal(cod) if number == 1 else Decimal("0"),
        insured_value=shipment.insured_value,
        parcel_no=number,
        parcel_count=len(siblings),
        weight_kg=parcel.actual_weight_kg or parcel.expected_weight_kg,
        sscc=_sscc(parcel, settings) if labels.gs1.enabled else "",
        postcode=receiver.postcode if labels.gs1.enabled else "",
        privacy=privacy,
    )


def _carrier_name(settings: Settings, code: str) -> str:
    try:
        return settings.carrier(code).name
    except KeyError:
        return code


def _sscc(parcel: Parcel, settings: Settings) -> str:
    if parcel.sscc:
        return verify_sscc(parcel.sscc)
    gs1 = settings.labels.gs1
    return build_sscc(gs1.extension_digit, gs1.company_prefix, parcel.id)


def packing_slip(session: Session, ref: str, settings: Settings) -> PackingSlip:
    order = find_order(session, ref)
    lines = session.scalars(
        select(OrderLine)
        .where(OrderLine.order_id == order.id, OrderLine.cancelled.is_(False))
        .options(selectinload(OrderLine.reservations).selectinload(Reservation.quant))
        .order_by(OrderLine.id)
    ).all()
    branding = settings.labels.merchant(order.merchant.mall_id)
    logo = branding.logo
    if logo is not None and not logo.is_absolute() and settings.source is not None:
        logo = settings.source.parent / logo
    return PackingSlip(
        order_sn=order.order_sn,
        merchant_name=branding.name or order.merchant.name,
        lines=[_slip_line(line) for line in lines],
        logo=logo,
        policy_zh=branding.policy_zh or order.merchant.slip_note,
        policy_en=branding.policy_en,
        cod_amount=order.cod_amount if order.payment_method == "cod" else Decimal("0"),
        gift=order.gift,
        gift_message=order.buyer_note if order.gift else "",
        currency=order.currency,
        placed=order.placed_at.strftime("%Y-%m-%d") if order.placed_at else "",
    )


def _slip_line(line: OrderLine) -> SlipLine:
    lots = sorted({r.quant.lot for r in line.reservations if r.quant.lot})
    qty = line.packed or (line.qty - line.short)
    name = line.name or (line.sku.name_zh if line.sku else "")
    return SlipLine(line.sku_code, name, qty, ", ".join(lots), line.unit_price)
