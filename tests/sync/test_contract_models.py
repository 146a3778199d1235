"""The contract refuses what the mall must never send."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from sync.contract import FeedPage, OrderSnapshot, ShipmentBody

ORDER = {
    "fo_id": "FO-202406110100000123-W1",
    "version": 7,
    "change_seq": 918273,
    "order_sn": "202406110100000123",
    "group_order_sn": "202406110100000120",
    "merchant": {"id": "17", "name": "某某旗舰店"},
    "warehouse_code": "W1",
    "state": "requested",
    "cancel_request": None,
    "placed_at": "2024-06-11T10:02:33+08:00",
    "paid_at": "2024-06-11T10:03:01+08:00",
    "priority": "normal",
    "ship_by": "2024-06-12T18:00:00+08:00",
    "gift": False,
    "payment": {
        "method": "cod",
        "paid": False,
        "cod_amount": "3788.00",
        "currency": "CNY",
        "shipping_fee": "0.00",
        "discount": "0.00",
        "amount_paid": None,
    },
    "receiver": {
        "name": "张三",
        "mobile": "13800000000",
        "phone": "",
        "province": "广东省",
        "city": "深圳市",
        "district": "福田区",
        "detail": "xx路1号",
        "postcode": "518000",
    },
    "buyer_note": "",
    "lines": [
        {
            "line_id": "L1",
            "sku_code": "201806070026001",
            "name": "华为 HUAWEI P20",
            "qty": 1,
            "unit_price": "3788.00",
            "discount": "0.00",
        }
    ],
}


def test_the_example_from_the_contract_round_trips_unchanged() -> None:
    order = OrderSnapshot.model_validate(ORDER)
    assert order.model_dump(mode="json") == ORDER
    assert FeedPage.model_validate({"items": [ORDER], "next_cursor": "918273", "has_more": False})


@pytest.mark.parametrize(
    "path, value",
    [
        (("placed_at",), "2024-06-11T10:02:33"),  # no offset
        (("payment", "cod_amount"), 129.0),  # money as a float
        (("lines",), []),  # nothing to ship
        (("state",), "paid"),  # not a contract state
    ],
)
def test_a_snapshot_the_contract_forbids_is_refused(path: tuple[str, ...], value: object) -> None:
    data = {**ORDER, "payment": dict(ORDER["payment"])}  # type: ignore[arg-type]
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(ValidationError):
        OrderSnapshot.model_validate(data)


def test_a_push_body_with_an_unknown_field_is_refused() -> None:
    with pytest.raises(ValidationError):
        ShipmentBody.model_validate(
            {
                "event_id": "evt-0000001",
                "occurred_at": "2024-06-11T10:00:00+08:00",
                "final": True,
                "packages": [],
                "extra": 1,
            }
        )
