"""The returns station's sentences (raised as :class:`ReturnError`, stored as message keys)."""

from __future__ import annotations

from warehouse.errors import WarehouseError
from warehouse.words import Words, register


class ReturnError(WarehouseError):
    """A returns action the station refuses, with one sentence in both languages."""


CATALOG = register(
    {
        "returns.not_found": Words(
            en="No return, order or parcel {scan} is known; scan it again to receive it as an unknown return.",
            zh="找不到退货单、订单或包裹 {scan}；再扫一次按“未知退货”收货。",
        ),
        "returns.closed": Words(en="Return {rma} is already closed.", zh="退货单 {rma} 已关闭。"),
        "returns.grade": Words(
            en="Grade {grade} is not A, B, C or D.", zh="等级 {grade} 不是 A、B、C 或 D。"
        ),
        "returns.needs_note": Words(
            en="A unit graded {grade} needs a reason and a note or a photo.",
            zh="{grade} 级的商品需要填写原因，并附备注或照片。",
        ),
        "returns.unknown_item": Words(
            en="{scan} is no item of this merchant: grade it D (not ours).",
            zh="{scan} 不是该商家的商品：请评为 D 级（非本店商品）。",
        ),
        "returns.needs_date": Words(
            en="{sku} is dated: scan the label with its lot and expiry.",
            zh="{sku} 是效期商品：请扫描带批号和效期的标签。",
        ),
        "returns.no_units": Words(
            en="Return {rma} has no unit scanned yet.", zh="退货单 {rma} 还没有扫描任何商品。"
        ),
        "returns.not_refused": Words(
            en="Parcel {tracking} belongs to no shipped order here.",
            zh="包裹 {tracking} 不属于本仓任何已发货订单。",
        ),
        "returns.discrepancy.fewer": Words(
            en="Line {line} ({sku}): {expected} requested, {received} received.",
            zh="行 {line}（{sku}）：申请退回 {expected} 件，实收 {received} 件。",
        ),
        "returns.discrepancy.more": Words(
            en="Line {line} ({sku}): {expected} requested, but {received} came back.",
            zh="行 {line}（{sku}）：申请退回 {expected} 件，却收到 {received} 件。",
        ),
        "returns.discrepancy.different": Words(
            en="{scan} came back but was not on the request.",
            zh="收到了申请中没有的商品 {scan}。",
        ),
        "returns.unknown_parcel": Words(
            en="Parcel {scan} came with no return request.", zh="包裹 {scan} 没有对应的退货申请。"
        ),
        "returns.expired": Words(
            en="{sku} lot {lot} has {days} days left, fewer than the {minimum} it needs to be sold: quarantined.",
            zh="{sku} 批号 {lot} 仅剩 {days} 天效期，少于可售所需的 {minimum} 天：已隔离。",
        ),
        "returns.not_shelved": Words(
            en="Return {rma} has units still to decide on.",
            zh="退货单 {rma} 还有待处理的商品。",
        ),
    }
)
