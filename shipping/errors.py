"""Sentences of the shipping rules, in English and Chinese, and the errors built from them.

Raise with ``NoService.of(NO_SERVICE, ...)``; a decision's reason is stored as a
:class:`~warehouse.words.Message` with one of these keys.
"""

from __future__ import annotations

from warehouse.errors import WarehouseError
from warehouse.words import Words, register


class ShippingError(WarehouseError):
    """A parcel cannot be shipped as asked."""


class NoService(ShippingError):
    """No carrier service meets the rules for this parcel."""


class RangeExhausted(ShippingError):
    """A carrier has no tracking numbers left in its configured ranges."""


UNKNOWN_CARRIER = Words(
    en="Carrier {carrier} is not in the configuration.",
    zh="配置中没有承运商 {carrier}。",
)
UNKNOWN_SERVICE = Words(
    en="Carrier {carrier} has no service {service}.",
    zh="承运商 {carrier} 没有服务 {service}。",
)
NO_SERVICE = Words(
    en="No carrier can take this parcel to {province}: {why}",
    zh="没有承运商能把这个包裹送到{province}：{why}",
)
NO_ZONE = Words(en="{service} does not serve this zone.", zh="{service}不服务该区域。")
TOO_HEAVY = Words(
    en="{carrier} takes at most {limit} kg, the parcel bills {weight} kg.",
    zh="{carrier}最多收 {limit} 公斤，此包裹计费重量 {weight} 公斤。",
)
NO_COD = Words(en="{service} does not collect cash on delivery.", zh="{service}不支持货到付款。")
MISSES_DUE = Words(
    en="{service} collects at {collection}, after the order is due at {due}.",
    zh="{service}揽收时间 {collection} 晚于订单要求的 {due}。",
)
MISSES_DELIVERY = Words(
    en="{service} delivers by {eta}, after the promised {promise}.",
    zh="{service}预计 {eta} 送达，晚于承诺的 {promise}。",
)
CHEAPEST = Words(
    en="Cheapest service that meets the promise: {service}, {cost} RMB.",
    zh="满足时效的最便宜服务：{service}，{cost} 元。",
)
FASTEST_LATE = Words(
    en="No service meets the promise; the one that arrives first: {service}, {cost} RMB.",
    zh="没有服务能满足时效；最早送达的是：{service}，{cost} 元。",
)
OVERRIDDEN = Words(
    en="Chosen by {actor} instead of {suggested}: {reason}",
    zh="{actor}改选（建议为{suggested}）：{reason}",
)
OVERRIDE_NEEDS_REASON = Words(
    en="Say why the suggested service is not used.",
    zh="请说明不用建议服务的原因。",
)
RANGE_EXHAUSTED = Words(
    en="{carrier} has no tracking numbers left: add a new range to its [[carriers.tracking]].",
    zh="{carrier} 的运单号已用完：请在其 [[carriers.tracking]] 中添加新号段。",
)
NO_RANGE = Words(
    en="{carrier} has no tracking number range in the configuration.",
    zh="配置中 {carrier} 没有运单号段。",
)

INSURED_ABOVE = Words(
    en="Insured: declared {value} RMB is above {limit} RMB.",
    zh="已保价：申报价值 {value} 元高于 {limit} 元。",
)
INSURED_FRAGILE = Words(
    en="Insured: fragile high-value goods, declared {value} RMB.",
    zh="已保价：易碎高价值商品，申报价值 {value} 元。",
)
NOT_INSURED = Words(
    en="Not insured: declared {value} RMB is not above {limit} RMB.",
    zh="未保价：申报价值 {value} 元未超过 {limit} 元。",
)

CATALOG = register(
    {
        "shipping.unknown_carrier": UNKNOWN_CARRIER,
        "shipping.unknown_service": UNKNOWN_SERVICE,
        "shipping.no_service": NO_SERVICE,
        "shipping.no_zone": NO_ZONE,
        "shipping.too_heavy": TOO_HEAVY,
        "shipping.no_cod": NO_COD,
        "shipping.misses_due": MISSES_DUE,
        "shipping.misses_delivery": MISSES_DELIVERY,
        "shipping.cheapest": CHEAPEST,
        "shipping.fastest_late": FASTEST_LATE,
        "shipping.overridden": OVERRIDDEN,
        "shipping.override_needs_reason": OVERRIDE_NEEDS_REASON,
        "shipping.insured_above": INSURED_ABOVE,
        "shipping.insured_fragile_high_value": INSURED_FRAGILE,
        "shipping.not_insured": NOT_INSURED,
        "shipping.range_exhausted": RANGE_EXHAUSTED,
        "shipping.no_range": NO_RANGE,
    }
)
