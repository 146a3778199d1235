"""macrozheng/mall ``oms_order`` rows (with their ``order_items``) → contract snapshots.

macrozheng/mall is a single-merchant mall with one warehouse, so the merchant and warehouse
code are given by the caller. Its ``status`` is authoritative for payment (1, 2, 3 happen only
after payment; ``payment_time`` is missing on some paid demo rows), and its local times carry
no offset: they are Beijing time.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any

from sync.contract import OrderSnapshot

BEIJING = timezone(timedelta(hours=8))
# oms_order.status → contract state
STATES = {
    0: "requested",
    1: "requested",
    2: "shipped",
    3: "shipped",
    4: "cancelled",
    5: "cancelled",
}
PAID_STATUSES = {1, 2, 3}


def _time(text: str | None) -> str | None:
    if not text:
        return None
    return datetime.strptime(text, "%Y-%m-%d %H:%M:%S").replace(tzinfo=BEIJING).isoformat()


def _money(value: Any) -> str:
    return f"{float(str(value)):.2f}" if value not in (None, "") else "0.00"


def snapshot_from_oms_order(
    row: dict[str, Any],
    *,
    merchant_id: str = "1",
    merchant_name: str = "mall",
    warehouse_code: str = "W1",
    version: int = 1,
) -> OrderSnapshot:
    """Convert one row; raises ``pydantic.ValidationError`` if it cannot be a snapshot."""
    status = int(row["status"])
    paid = status in PAID_STATUSES
    placed = _time(row.get("create_time"))
    data = {
        "fo_id": f"FO-{row['order_sn']}-{warehouse_code}",
        "version": version,
        "change_seq": int(row["id"]),
        "order_sn": str(row["order_sn"]),
        "group_order_sn": str(row["order_sn"]),
        "merchant": {"id": merchant_id, "name": merchant_name},
        "warehouse_code": warehouse_code,
        "state": STATES.get(status, "cancelled"),
        "placed_at": placed,
        "paid_at": _time(row.get("payment_time")) or (placed if paid else None),
        "payment": {"method": "online", "paid": paid, "currency": "CNY"},
        "receiver": {
            "name": row.get("receiver_name") or "",
            "mobile": str(row.get("receiver_phone") or ""),
            "province": row.get("receiver_province") or "",
            "city": row.get("receiver_city") or "",
            "district": row.get("receiver_region") or "",
            "detail": row.get("receiver_detail_address") or "",
            "postcode": str(row.get("receiver_post_code") or ""),
        },
        "buyer_note": "" if row.get("note") is None else str(row["note"]),
        "lines": [
            {
                "line_id": str(item["id"]),
                "sku_code": str(item["product_sku_code"]),
                "name": str(item["product_name"]),
                "qty": int(item["product_quantity"]),
                "unit_price": _money(item["product_price"]),
            }
            for item in row.get("order_items", [])
        ],
    }
    return OrderSnapshot.model_validate(data)
