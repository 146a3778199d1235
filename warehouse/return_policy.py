"""Is a return request within its merchant's policy? Shared by intake (``sync``) and the
returns station (``returns``). Out of policy is a flag for a supervisor, never a refusal.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from warehouse.config_returns import ReturnPolicy
from warehouse.words import Message, Words, register

CATALOG = register(
    {
        "return.policy.late": Words(
            en="Asked {days} days after delivery; the policy allows {allowed}.",
            zh="签收 {days} 天后才申请退货，政策允许 {allowed} 天。",
        ),
        "return.policy.not_returnable": Words(
            en="{sku} may not be returned under the merchant's policy.",
            zh="按商家政策，{sku} 不可退货。",
        ),
        "return.policy.opened": Words(
            en="{sku} was opened and may not be returned opened.",
            zh="{sku} 已拆封，拆封后不可退货。",
        ),
        "return.policy.not_delivered": Words(
            en="The warehouse has no record of the order {order} being shipped.",
            zh="仓库没有订单 {order} 的发货记录。",
        ),
        "return.policy.qty_above": Words(
            en="Line {line} asks to return {qty}, but {shipped} were shipped.",
            zh="行 {line} 申请退回 {qty} 件，但只发出 {shipped} 件。",
        ),
    }
)


@dataclass(frozen=True)
class LineToCheck:
    line_id: str
    sku_code: str
    qty: int
    opened: bool
    dated: bool
    shipped: int | None
    """Units the warehouse shipped on this line; None when the line is unknown."""


def check_policy(
    policy: ReturnPolicy,
    *,
    order_sn: str,
    delivered_at: datetime | None,
    requested_at: datetime | None,
    lines: Iterable[LineToCheck],
    shipped: bool,
) -> list[Message]:
    """The reasons a request is outside ``policy`` (empty when within it)."""
    reasons: list[Message] = []
    if not shipped:
        reasons.append(Message.of("return.policy.not_delivered", order=order_sn))
    if delivered_at is not None and requested_at is not None:
        days = (requested_at - delivered_at).days
        if days > policy.days_after_delivery:
            reasons.append(
                Message.of("return.policy.late", days=days, allowed=policy.days_after_delivery)
            )
    for line in lines:
        if policy.forbids(line.sku_code):
            reasons.append(Message.of("return.policy.not_returnable", sku=line.sku_code))
        elif line.opened and (
            policy.forbids_opened(line.sku_code) or (line.dated and not policy.dated_goods_opened)
        ):
            reasons.append(Message.of("return.policy.opened", sku=line.sku_code))
        if line.shipped is not None and line.qty > line.shipped:
            reasons.append(
                Message.of(
                    "return.policy.qty_above", line=line.line_id, qty=line.qty, shipped=line.shipped
                )
            )
    return reasons
