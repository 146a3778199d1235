"""Deterministic order generator for the reference mall.

Given a seed and the warehouse's own SKU codes it produces orders that look like a Chinese
multi-vendor mall's: several merchants, paid online or cash on delivery, a few unpaid, a few
with a bad mobile number or a missing district, receivers with realistic names and addresses.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from sync.mall_sim.rules import SimError, restate_amounts
from sync.mall_sim.store import MALL_TZ, MallStore

Counter_ = dict[str, int]

DEMO_SKUS: tuple[str, ...] = (
    "201806070026001",
    "201808270027001",
    "201808270028001",
    "201808270029001",
    "201806070026002",
)
"""SKU codes of the macrozheng/mall demo, for when the caller has none of its own."""

MERCHANTS: tuple[tuple[str, str], ...] = (
    ("17", "华为官方旗舰店"),
    ("23", "小米之家"),
    ("31", "三只松鼠"),
    ("42", "李宁运动"),
    ("56", "良品铺子"),
    ("64", "苏泊尔厨具"),
    ("78", "百草味"),
    ("85", "得力文具"),
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕"
# province, city, districts, postcode
PLACES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("北京市", "北京市", ("东城区", "朝阳区", "海淀区"), "100000"),
    ("上海市", "上海市", ("浦东新区", "徐汇区", "静安区"), "200000"),
    ("广东省", "深圳市", ("福田区", "南山区", "宝安区"), "518000"),
    ("广东省", "广州市", ("天河区", "越秀区", "番禺区"), "510000"),
    ("浙江省", "杭州市", ("西湖区", "余杭区", "滨江区"), "310000"),
    ("江苏省", "南京市", ("玄武区", "鼓楼区", "江宁区"), "210000"),
    ("四川省", "成都市", ("锦江区", "武侯区", "高新区"), "610000"),
    ("湖北省", "武汉市", ("江岸区", "洪山区", "武昌区"), "430000"),
    ("陕西省", "西安市", ("雁塔区", "碑林区", "未央区"), "710000"),
    ("山东省", "青岛市", ("市南区", "崂山区", "黄岛区"), "266000"),
)
STREETS = ("人民路", "解放大道", "中山路", "建设路", "和平街", "长江路", "幸福里", "科技园路")
MOBILE_PREFIXES = ("138", "139", "150", "158", "186", "188", "177", "199", "162", "165", "147")


@dataclass(frozen=True)
class GeneratorShares:
    """How often the awkward cases occur."""

    cod: float = 0.2
    unpaid: float = 0.04
    bad_mobile: float = 0.03
    missing_district: float = 0.02
    group: float = 0.3


def _mobile(rng: random.Random, bad: bool) -> str:
    if bad:
        return rng.choice(["1380013800", "12345678901", "+86 138-0000", "0755-8888888"])
    number = rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}"
    style = rng.random()
    if style < 0.1:
        return "+86 " + number
    if style < 0.2:
        return f"{number[:3]}-{number[3:7]}-{number[7:]}"
    return number


Catalog = Sequence[str] | Mapping[tuple[str, str], Sequence[str]]
"""SKU codes for every merchant, or per merchant ``(mall id, name)`` → its own codes."""


def _catalog(skus: Catalog) -> list[tuple[tuple[str, str], list[str]]]:
    if isinstance(skus, Mapping):
        catalog = [(merchant, list(codes)) for merchant, codes in skus.items() if codes]
    else:
        catalog = [(merchant, list(skus)) for merchant in MERCHANTS] if skus else []
    if not catalog:
        raise ValueError("the generator needs at least one SKU code")
    return catalog


def generate_orders(
    count: int,
    skus: Catalog,
    *,
    seed: int = 1,
    warehouse_code: str = "W1",
    start: datetime | None = None,
    first_number: int = 1,
    shares: GeneratorShares = GeneratorShares(),
) -> list[dict[str, Any]]:
    """``count`` order snapshots (without version/change_seq), the same for the same seed."""
    catalog = _catalog(skus)
    rng = random.Random(seed)
    moment = start or datetime(2024, 6, 11, 9, 0, tzinfo=MALL_TZ)
    orders: list[dict[str, Any]] = []
    group_sn = ""
    for index in range(count):
        moment += timedelta(seconds=rng.randint(1, 40))
        stamp = moment.strftime("%Y%m%d%H%M")
        order_sn = f"{stamp}{(first_number + index) % 10**6:06d}"
        if not group_sn or rng.random() > shares.group:
            group_sn = order_sn
        (merchant_id, merchant_name), codes = rng.choice(catalog)
        lines: list[dict[str, Any]] = []
        picked = rng.sample(codes, k=min(len(codes), rng.choice((1, 1, 1, 2, 2, 3, 4))))
        for number, sku in enumerate(picked, 1):
            price = Decimal(rng.randrange(990, 59900)) / 100
            lines.append(
                {
                    "line_id": f"L{number}",
                    "sku_code": sku,
                    "name": f"商品 {sku}",
                    "qty": rng.choice((1, 1, 1, 2, 3)),
                    "unit_price": f"{price:.2f}",
                }
            )
        roll = rng.random()
        if roll < shares.cod:
            payment: dict[str, Any] = {"method": "cod", "paid": False, "currency": "CNY"}
            paid_at = None
        elif roll < shares.cod + shares.unpaid:
            payment, paid_at = {"method": "online", "paid": False, "currency": "CNY"}, None
        else:
            payment = {"method": "online", "paid": True, "currency": "CNY"}
            paid_at = (moment + timedelta(seconds=rng.randint(5, 90))).isoformat()
        payment = restate_amounts(payment, lines)
        province, city, districts, postcode = rng.choice(PLACES)
        district = "" if rng.random() < shares.missing_district else rng.choice(districts)
        receiver = {
            "name": rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.choice((1, 2)))),
            "mobile": _mobile(rng, rng.random() < shares.bad_mobile),
            "phone": "",
            "province": province,
            "city": city,
            "district": district,
            "detail": f"{rng.choice(STREETS)}{rng.randint(1, 999)}号{rng.randint(1, 30)}栋{rng.randint(101, 2808)}室",
            "postcode": postcode if rng.random() < 0.7 else "",
        }
        orders.append(
            {
                "fo_id": f"FO-{order_sn}-{warehouse_code}",
                "order_sn": order_sn,
                "group_order_sn": group_sn,
                "merchant": {"id": merchant_id, "name": merchant_name},
                "warehouse_code": warehouse_code,
                "state": "requested",
                "cancel_request": None,
                "placed_at": moment.isoformat(),
                "paid_at": paid_at,
                "priority": "urgent" if rng.random() < 0.05 else "normal",
                "ship_by": (moment + timedelta(days=1))
                .replace(hour=18, minute=0, second=0)
                .isoformat(),
                "gift": rng.random() < 0.03,
                "payment": payment,
                "receiver": receiver,
                "buyer_note": rng.choice(["", "", "", "请尽快发货", "不要发中通", "工作日送货"]),
                "lines": lines,
            }
        )
    return orders


def seed_store(store: MallStore, count: int, skus: Catalog, *, seed: int = 1) -> list[str]:
    """Fill ``store`` with ``count`` generated orders; returns their fo_ids."""
    snapshots = generate_orders(
        count,
        skus,
        seed=seed,
        warehouse_code=store.warehouse_code,
        first_number=len(store.fo_ids()) + 1,
    )
    return store.add_orders(snapshots)  # the generated dicts are the store's own


def evolve(store: MallStore, skus: Catalog, *, seed: int, share: float = 0.1) -> Counter_:
    """Later changes by buyers and merchants: cancellations, quantity changes, substitutions,
    late payments. Each touches about ``share`` of the orders and makes a new version."""
    rng = random.Random(seed)
    done: Counter_ = {"cancelled": 0, "qty_changed": 0, "substituted": 0, "paid": 0}
    for fo_id in store.fo_ids():
        if rng.random() >= share:
            continue
        current = store.order(fo_id)
        kind = rng.choice(("cancelled", "qty_changed", "substituted", "paid"))
        lines = [dict(line) for line in current.get("lines", [])]
        try:
            if kind == "cancelled":
                store.request_cancel(fo_id)
            elif kind == "paid":
                if current["payment"]["method"] != "online" or current["payment"]["paid"]:
                    continue
                store.mark_paid(fo_id)
            elif kind == "qty_changed":
                lines[0]["qty"] = max(1, int(lines[0]["qty"]) + rng.choice((-1, 1, 2)))
                store.change_lines(fo_id, lines)
            else:
                old = lines[-1]
                merchant = (current["merchant"]["id"], current["merchant"]["name"])
                codes = dict(_catalog(skus)).get(merchant, [])
                alternatives = [s for s in codes if s != old["sku_code"]]
                if not alternatives:
                    continue
                new_sku = rng.choice(alternatives)
                lines[-1] = {
                    **old,
                    "line_id": f"{old['line_id']}S",
                    "sku_code": new_sku,
                    "name": f"商品 {new_sku}",
                }
                store.change_lines(fo_id, lines)
        except (SimError, ValueError, KeyError):
            continue  # not allowed in its state, or a deliberately broken payload
        done[kind] += 1
    return done
