"""Intake checks: what is released to the floor and what a supervisor must look at."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sync.adapters.macrozheng import snapshot_from_oms_order
from sync.contract import OrderSnapshot
from sync.intake_checks import check_intake, is_valid_mobile, normalise_mobile

SAMPLES = Path(__file__).parents[1] / "data" / "mall-samples"


def _rows(name: str) -> dict[int, dict[str, object]]:
    data = json.loads((SAMPLES / name).read_text(encoding="utf-8"))
    return {int(row["id"]): row for row in data["orders"]}


EDGE = _rows("macrozheng_mall_selected_edge_cases.json")
DEMO = _rows("macrozheng_mall_oms_orders_demo.json")


def _order(**changes: object) -> OrderSnapshot:
    base = snapshot_from_oms_order(EDGE[13]).model_dump(mode="json")
    for key, value in changes.items():
        section, _, name = key.partition("__")
        if name:
            base[section] = {**base[section], name: value}
        else:
            base[section] = value
    return OrderSnapshot.model_validate(base)


@pytest.mark.parametrize(
    "raw",
    [
        "13800138000",
        "+86 138 0013 8000",
        "138-0013-8000",
        "16212345678",
        "16512345678",
        "008619912345678",
    ],
)
def test_mobile_numbers_written_the_usual_ways_are_accepted(raw: str) -> None:
    assert is_valid_mobile(raw), normalise_mobile(raw)


@pytest.mark.parametrize(
    "raw", ["1380013800", "12345678901", "0755-88888888", "", "+1 415 555 0100"]
)
def test_a_mobile_number_that_cannot_be_called_is_refused(raw: str) -> None:
    assert not is_valid_mobile(raw)


def test_order_25_a_beijing_address_with_a_shenzhen_postcode_is_only_a_warning() -> None:
    # Order 25 is closed and has no items in the demo data: give it order 13's items and the
    # status "waiting for shipment" to see the address checks alone.
    row = {**EDGE[25], "status": 1, "order_items": EDGE[13]["order_items"]}
    decision = check_intake(snapshot_from_oms_order(row))
    assert decision.release
    assert [w.key for w in decision.warnings] == ["intake.postcode.mismatch"]
    assert "518000" in decision.warnings[0].en and "北京市" in decision.warnings[0].zh


def test_an_unpaid_order_is_held_with_a_reason_a_supervisor_can_read() -> None:
    unpaid = next(row for row in DEMO.values() if row["status"] == 0)
    decision = check_intake(snapshot_from_oms_order(unpaid))
    assert not decision.release
    assert decision.hold_reason("en") == "The order is not paid (online payment), so it is held."
    assert decision.hold_reason("zh_CN") == "订单未付款（在线支付），暂不发货。"


@pytest.mark.parametrize("status", [4, 5])
def test_closed_and_invalid_orders_are_never_released(status: int) -> None:
    row = next(r for r in DEMO.values() if r["status"] == 4 and r["order_items"])
    decision = check_intake(snapshot_from_oms_order({**row, "status": status}))
    assert not decision.release
    assert decision.holds[0].key == "intake.state.not_open"


def test_a_paid_order_waiting_for_shipment_is_released() -> None:
    decision = check_intake(snapshot_from_oms_order(EDGE[13]))
    assert decision.decision == "release" and not decision.warnings


def test_cash_on_delivery_needs_an_amount_to_collect() -> None:
    assert check_intake(
        _order(payment={"method": "cod", "paid": False, "cod_amount": "18732.00"})
    ).release
    held = check_intake(_order(payment={"method": "cod", "paid": False, "cod_amount": "0.00"}))
    assert [h.key for h in held.holds] == ["intake.payment.cod_amount"]


def test_a_missing_district_holds_the_order() -> None:
    decision = check_intake(_order(receiver__district=""))
    assert [h.en for h in decision.holds] == ["The receiver's address has no district."]


def test_a_bad_mobile_holds_unless_a_landline_was_given() -> None:
    assert (
        check_intake(_order(receiver__mobile="1380013800")).holds[0].key == "intake.mobile.invalid"
    )
    with_phone = check_intake(
        _order(receiver__mobile="1380013800", receiver__phone="0755-88881234")
    )
    assert with_phone.release and with_phone.warnings[0].key == "intake.mobile.invalid_has_phone"


def test_a_malformed_postcode_is_a_warning_not_a_hold() -> None:
    decision = check_intake(_order(receiver__postcode="51800"))
    assert decision.release and decision.warnings[0].key == "intake.postcode.format"


def test_a_line_for_a_sku_the_warehouse_does_not_stock_holds_the_order() -> None:
    order = snapshot_from_oms_order(EDGE[13])
    known = {line.sku_code for line in order.lines} - {"201808270029001"}
    decision = check_intake(order, known_skus=known)
    assert [h.key for h in decision.holds] == ["intake.sku.unknown"]
    assert (
        decision.holds[0].en
        == "Line 30 asks for SKU 201808270029001, which this warehouse does not stock."
    )
