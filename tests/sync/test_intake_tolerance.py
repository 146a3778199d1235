"""Tolerant where intake can be (unknown optional names), strict where it must be (amounts),
and every stored reason a message key with masked parameters and a bounded length."""

from __future__ import annotations

import copy
import json
import string
from typing import Any

import pytest

from sync.contract import OrderSnapshot, payment_kind, priority_level
from sync.intake_checks import check_intake
from sync.messages import CATALOG, MAX_STORED_CHARS, stored
from warehouse.words import Message, decode, render_all

BASE: dict[str, Any] = {
    "fo_id": "FO-1-W1",
    "version": 1,
    "change_seq": 1,
    "order_sn": "1",
    "merchant": {"id": "17", "name": "店"},
    "warehouse_code": "W1",
    "state": "requested",
    "placed_at": "2024-06-11T10:02:33+08:00",
    "payment": {"method": "cod", "paid": False, "cod_amount": "118.00", "shipping_fee": "8.00"},
    "receiver": {
        "name": "张三",
        "mobile": "13800001234",
        "province": "广东省",
        "city": "深圳市",
        "district": "福田区",
        "detail": "深南大道1号",
    },
    "lines": [
        {"line_id": "L1", "sku_code": "A", "name": "a", "qty": 2, "unit_price": "50.00"},
        {"line_id": "L2", "sku_code": "B", "name": "b", "qty": 1, "unit_price": "10.00"},
    ],
}


def _order(**changes: Any) -> OrderSnapshot:
    data = copy.deepcopy(BASE)
    for path, value in changes.items():
        *parents, last = path.split("__")
        target = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[last] = value
    return OrderSnapshot.model_validate(data)


@pytest.mark.parametrize(
    "name, level, known",
    [
        ("urgent", "urgent", True),
        ("expedited", "urgent", True),
        ("RUSH", "urgent", True),
        ("normal", "normal", True),
        ("whenever", "normal", False),
    ],
)
def test_priority_names_and_synonyms(name: str, level: str, known: bool) -> None:
    assert priority_level(name) == (level, known)


def test_an_unknown_priority_or_payment_method_is_taken_with_a_warning() -> None:
    order = _order(
        priority="same-day",
        payment={"method": "huabei", "paid": True, "amount_paid": "118.00", "shipping_fee": "8.00"},
    )
    decision = check_intake(order)
    assert decision.release
    assert [w.key for w in decision.warnings] == [
        "intake.priority.unknown",
        "intake.payment.method_unknown",
    ]
    assert payment_kind("huabei") == ("online", False) and order.payment.kind == "online"
    assert (
        '"same-day"' in decision.warning_text("en") and "按普通订单处理" in decision.warning_text()
    )


def test_amounts_that_agree_release_and_a_cod_amount_that_does_not_holds() -> None:
    assert check_intake(_order()).release
    held = check_intake(_order(payment__cod_amount="129.00"))
    assert [h.key for h in held.holds] == ["intake.amount.cod_mismatch"]
    text = held.hold_reason("en")
    assert "lines 110.00" in text and "shipping 8.00" in text
    assert "make 118.00" in text and "collect 129.00" in text


def test_discounts_count_and_a_discount_above_its_line_holds() -> None:
    assert check_intake(
        _order(lines__0__discount="5.00", payment__discount="5.00", payment__cod_amount="108.00")
    ).release
    held = check_intake(_order(lines__1__discount="11.00", payment__cod_amount="97.00"))
    assert held.holds[0].key == "intake.amount.line_discount"
    assert "discount of 11.00, more than its 10.00" in held.hold_reason("en")


def test_a_paid_amount_that_does_not_agree_holds_and_names_the_amounts() -> None:
    order = _order(payment={"method": "online", "paid": True, "amount_paid": "1.00"})
    assert "the buyer paid 1.00" in check_intake(order).hold_reason("en")


def test_a_bad_mobile_is_stored_masked() -> None:
    decision = check_intake(_order(receiver__mobile="138000012345", receiver__phone=""))
    text = decision.stored_holds
    assert "138000012345" not in text and "138****2345" in render_all(text, "en")


def test_a_stored_reason_has_a_length_limit() -> None:
    many = [Message.of("intake.sku.unknown", line=f"L{n}", sku="S" * 300) for n in range(200)]
    text = stored(many)
    assert len(text) <= MAX_STORED_CHARS
    kept = decode(text)
    assert kept[-1].key == "intake.more" and len(kept) < 200
    assert all(len(str(v)) <= 200 for m in kept for v in m.params.values())
    assert json.loads(text)


def test_every_sync_message_has_both_languages_and_the_same_placeholders() -> None:
    formatter = string.Formatter()
    for key, words in CATALOG.items():
        assert words.en and words.zh, key
        en = {f for _, f, _, _ in formatter.parse(words.en) if f}
        zh = {f for _, f, _, _ in formatter.parse(words.zh) if f}
        assert en == zh, key
