"""``wms demo seed``: a realistic, deterministic demo site.

A two-block layout (from the settings), five merchants, about 500 SKUs with valid EAN-13
barcodes and Chinese and English names, dated lots, stock on pick faces and in reserve, a user
per role, and released orders with real-looking receivers (encrypted like real ones).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from warehouse.audit import Actor, record
from warehouse.barcodes import ean13_check_digit
from warehouse.config import Settings
from warehouse.demo_data import (
    BUILDINGS,
    BUYER_NOTES,
    GIVEN,
    MERCHANTS,
    PLACES,
    PRODUCTS,
    STREETS,
    SURNAMES,
    VARIANTS,
)
from warehouse.demo_returns import return_shelves
from warehouse.errors import WarehouseError
from warehouse.models import Location, Merchant, Order, OrderLine, Sku, SkuBarcode, StockQuant
from warehouse.pii import Receiver, ReceiverCipher
from warehouse.users import SITE_SETUP, add_user

DEMO_USERS = [
    ("picker", "P001", "李拣货 Li (picker)", "1111"),
    ("packer", "K001", "王打包 Wang (packer)", "2222"),
    ("returns", "R001", "赵退货 Zhao (returns)", "4444"),
    ("supervisor", "S001", "张主管 Zhang (supervisor)", "3333"),
    ("admin", "A001", "系统管理员 Admin", "9999"),
]
SKUS_PER_PRODUCT = 17  # 5 merchants x 6 products x 17 variants = 510 SKUs


@dataclass(frozen=True)
class DemoSummary:
    locations: int
    merchants: int
    skus: int
    quants: int
    orders: int
    users: list[tuple[str, str, str, str]]


def seed_demo(
    session: Session,
    settings: Settings,
    cipher: ReceiverCipher,
    *,
    seed: int = 7,
    orders: int = 120,
    today: date | None = None,
) -> DemoSummary:
    if session.scalar(select(func.count()).select_from(Merchant)):
        raise WarehouseError(
            "The database already holds data: demo seed only fills an empty database."
        )
    rng = random.Random(seed)
    today = today or datetime.now(UTC).date()
    actor = Actor.system("demo")
    locations = _locations(session, settings)
    return_shelves(session, settings)
    merchants = _merchants(session)
    skus = _skus(session, rng, merchants)
    quants = _stock(session, rng, skus, locations, today)
    count = _orders(session, rng, cipher, skus, merchants, orders)
    for role, badge, name, pin in DEMO_USERS:
        add_user(session, SITE_SETUP, badge=badge, name=name, role=role, pin=pin)
    record(session, actor, "demo.seed", "site", settings.site.code, after={"seed": seed})
    return DemoSummary(len(locations), len(merchants), len(skus), quants, count, DEMO_USERS)


def _locations(session: Session, settings: Settings) -> list[Location]:
    layout = settings.layout
    created = []
    for block in layout.blocks:
        for aisle in range(1, layout.aisles + 1):
            for bay in range(1, block.bays + 1):
                for level in range(1, layout.levels + 1):
                    for bin_ in layout.bins:
                        code = f"{block.zone}-{aisle:02d}-{bay:02d}-{level}-{bin_}"
                        kind = "pick" if level <= 2 else "reserve"
                        created.append(
                            Location(
                                code=code,
                                zone=block.zone,
                                aisle=aisle,
                                bay=bay,
                                level=level,
                                bin=bin_,
                                kind=kind,
                            )
                        )
    session.add_all(created)
    session.flush()
    return created


def _merchants(session: Session) -> list[Merchant]:
    merchants = [
        Merchant(
            mall_id=mid,
            name=name,
            name_en=en,
            whole_order_only=whole,
            slip_note=f"感谢您选购{name}！Thank you for shopping with {en}.",
        )
        for mid, name, en, whole in MERCHANTS
    ]
    session.add_all(merchants)
    session.flush()
    return merchants


def _skus(session: Session, rng: random.Random, merchants: list[Merchant]) -> list[Sku]:
    skus = []
    for index, merchant in enumerate(merchants):
        for p, (zh, en, kg, (length, width, height), fragile, valuable, life) in enumerate(
            PRODUCTS[merchant.mall_id]
        ):
            for v, (vzh, ven) in enumerate(VARIANTS[:SKUS_PER_PRODUCT]):
                code = f"{merchant.mall_id}{p:02d}{v:03d}"
                sku = Sku(
                    merchant=merchant,
                    code=code,
                    name_zh=f"{zh} {vzh}",
                    name_en=f"{en}, {ven}",
                    weight_kg=Decimal(str(round(kg * rng.uniform(0.9, 1.1), 3))),
                    length_mm=length,
                    width_mm=width,
                    height_mm=height,
                    fragile=fragile,
                    high_value=valuable,
                    lot_controlled=life is not None,
                    shelf_life_days=life,
                    min_remaining_days=(life // 6) if life else 0,
                    pick_face_min=rng.choice([4, 6, 10]),
                    pick_face_max=40,
                    reorder_point=rng.choice([20, 30, 50]),
                )
                body = f"690{index + 1:01d}{p:02d}{v:03d}{rng.randrange(1000):03d}"
                sku.barcodes.append(
                    SkuBarcode(code=body + str(ean13_check_digit(body)), kind="EAN13")
                )
                if v % 4 == 0:
                    sku.barcodes.append(SkuBarcode(code=f"WMS{code}", kind="INTERNAL"))
                skus.append(sku)
    session.add_all(skus)
    session.flush()
    return skus


def _stock(
    session: Session, rng: random.Random, skus: list[Sku], locations: list[Location], today: date
) -> int:
    pick_faces = [loc for loc in locations if loc.kind == "pick"]
    reserve = [loc for loc in locations if loc.kind == "reserve"]
    rng.shuffle(pick_faces)
    rng.shuffle(reserve)
    quants = []
    for i, sku in enumerate(skus):
        places = [(pick_faces[i % len(pick_faces)], rng.randint(0, 30))]
        if rng.random() < 0.6:
            places.append((reserve[i % len(reserve)], rng.randint(20, 120)))
        if rng.random() < 0.15:  # a second pick face for fast movers
            places.append((pick_faces[(i + len(skus)) % len(pick_faces)], rng.randint(5, 20)))
        for n, (location, qty) in enumerate(places):
            lot, expiry = "", None
            if sku.lot_controlled and sku.shelf_life_days:
                # Mostly fresh lots; now and then one that is close to or past its date.
                days = rng.choice(
                    [sku.shelf_life_days // 2, sku.shelf_life_days, 20, -5][: 2 + (n % 3)]
                )
                expiry = today + timedelta(days=days)
                lot = f"L{expiry:%y%m%d}{n}"
            quants.append(
                StockQuant(
                    sku_id=sku.id,
                    location_id=location.id,
                    owner_id=sku.merchant_id,
                    lot=lot,
                    expiry=expiry,
                    on_hand=qty,
                    reserved=0,
                )
            )
    session.add_all(quants)
    session.flush()
    return len(quants)


def demo_receiver(rng: random.Random) -> Receiver:
    province, city, district, prefix = rng.choice(PLACES)
    name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))
    mobile = "1" + rng.choice("3456789") + "".join(rng.choice("0123456789") for _ in range(9))
    detail = (
        f"{rng.choice(STREETS)}{rng.randint(1, 999)}号{rng.choice(['阳光', '翠湖', '金色', '锦绣'])}"
        f"{rng.choice(BUILDINGS)}{rng.randint(1, 30)}栋{rng.randint(1, 30)}0{rng.randint(1, 6)}室"
    )
    return Receiver(
        name=name,
        mobile=mobile,
        province=province,
        city=city,
        district=district,
        detail=detail,
        postcode=prefix + f"{rng.randint(0, 999):03d}",
    )


def _orders(
    session: Session,
    rng: random.Random,
    cipher: ReceiverCipher,
    skus: list[Sku],
    merchants: list[Merchant],
    count: int,
) -> int:
    by_merchant: dict[int, list[Sku]] = {}
    for sku in skus:
        by_merchant.setdefault(sku.merchant_id, []).append(sku)
    start = datetime.now(UTC).replace(microsecond=0) - timedelta(hours=6)
    for n in range(count):
        merchant = rng.choice(merchants)
        placed = start + timedelta(minutes=3 * n)
        order_sn = f"{placed:%Y%m%d}{rng.randrange(10**10):010d}"
        fo_id = f"FO-{order_sn}-W1"
        receiver = demo_receiver(rng)
        cod = rng.random() < 0.15
        order = Order(
            fo_id=fo_id,
            version=1,
            order_sn=order_sn,
            group_order_sn=order_sn,
            merchant_id=merchant.id,
            state="released",
            mall_state="accepted",
            placed_at=placed,
            paid_at=None if cod else placed + timedelta(minutes=1),
            due_at=placed + timedelta(hours=rng.choice([12, 24, 36])),
            expedited=rng.random() < 0.08,
            gift=rng.random() < 0.05,
            payment_method="cod" if cod else "online",
            paid=not cod,
            ship_province=receiver.province,
            ship_city=receiver.city,
            buyer_note=rng.choice(BUYER_NOTES),
        )
        order.receiver_sealed = cipher.seal(receiver, bound_to=fo_id)
        total = Decimal("0")
        for i, sku in enumerate(
            rng.sample(by_merchant[merchant.id], k=rng.choice([1, 1, 1, 2, 2, 3, 4]))
        ):
            price = Decimal(rng.choice([19, 29, 39, 59, 99, 129, 199, 399])) + Decimal("0.90")
            qty = rng.choice([1, 1, 1, 2, 3])
            total += price * qty
            order.lines.append(
                OrderLine(
                    line_id=f"L{i + 1}",
                    sku_id=sku.id,
                    sku_code=sku.code,
                    name=sku.name_zh,
                    qty=qty,
                    unit_price=price,
                )
            )
        if cod:
            order.cod_amount = total
        session.add(order)
    session.flush()
    return count
