"""Orders as the packing station leaves them: packed lines with lots, a shipment, parcels."""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from tests import builders as f
from warehouse.models import Order, Parcel, Reservation, Shipment
from warehouse.pii import Receiver, ReceiverCipher

RECEIVER = Receiver(
    name="张三丰",
    mobile="13812341234",
    province="广东省",
    city="深圳市",
    district="南山区",
    detail="科技园南区深南大道 9999 号",
    postcode="518057",
)
_seq = itertools.count(1)


@dataclass(frozen=True)
class Packed:
    order_sn: str
    merchant_mall_id: str
    tracking: list[str]
    parcel_ids: list[int]


def packed_order(
    session: Session,
    cipher: ReceiverCipher,
    *,
    parcels: int = 2,
    cod: Decimal = Decimal("0"),
    gift: bool = False,
    note: str = "",
    carrier: str = "SF",
    receiver: Receiver = RECEIVER,
) -> Packed:
    n = next(_seq)
    shop = f.merchant(session, f"M-LBL-{n}")
    shop.name = "小米之家"
    tea = f.sku(session, shop, f"TEA-{n}", lot_controlled=True)
    tea.name_zh = "西湖龙井 250g"
    cup = f.sku(session, shop, f"CUP-{n}")
    shelf = f.location(session)
    tea_stock = f.stock(session, tea, shelf, 10, lot="L2026-11A")
    order = f.order(session, shop, [(tea, 2), (cup, 1)], state="packed")
    _finish(order, cod=cod, gift=gift, note=note, carrier=carrier)
    order.receiver_sealed = cipher.seal(receiver, bound_to=order.fo_id)
    order.ship_province, order.ship_city = receiver.province, receiver.city
    order.lines[0].name, order.lines[1].name = "西湖龙井 250g", "青花瓷茶杯"
    for line in order.lines:
        line.packed = line.qty
    session.add(
        Reservation(order_line_id=order.lines[0].id, quant_id=tea_stock.id, qty=2, picked=2)
    )
    tracking: list[str] = []
    ids: list[int] = []
    if parcels:
        shipment = Shipment(
            order_id=order.id,
            state="packed",
            carrier_code=carrier,
            service="standard",
            insured_value=Decimal("2000.00"),
            cod_amount=cod,
        )
        for i in range(parcels):
            number = f"{carrier}{n:06d}{i:07d}"
            shipment.parcels.append(
                Parcel(tracking_no=number, actual_weight_kg=Decimal("1.250"), box_code="B2")
            )
            tracking.append(number)
        session.add(shipment)
        session.flush()
        ids = [p.id for p in shipment.parcels]
    session.flush()
    return Packed(order.order_sn, shop.mall_id, tracking, ids)


def _finish(order: Order, *, cod: Decimal, gift: bool, note: str, carrier: str) -> None:
    order.payment_method = "cod" if cod else "online"
    order.cod_amount = cod
    order.gift = gift
    order.buyer_note = note
    order.carrier_code = carrier
    order.placed_at = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    for line, price in zip(order.lines, (Decimal("168.00"), Decimal("45.50")), strict=True):
        line.unit_price = price
