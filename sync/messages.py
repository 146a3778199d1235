"""Sync's sentences: hold reasons, warnings and reasons for setting an order aside.

They are stored as message keys with parameters (``warehouse.words.encode``) and rendered in
each reader's language. Parameters never carry receiver data in the clear: phone numbers are
masked (``138****1234``); names and street addresses are never parameters.
"""

from __future__ import annotations

from collections.abc import Sequence

from warehouse.words import Message, Words, encode, register

MAX_STORED_CHARS = 4000
"""A stored reason or warning list is cut to this length (whole messages, never mid-way)."""

_INTAKE = {
    "intake.mobile.invalid": Words(
        en="The receiver's mobile number {mobile} is not valid, so the carrier cannot deliver.",
        zh="收件人手机号 {mobile} 无效，无法派送。",
    ),
    "intake.mobile.invalid_has_phone": Words(
        en="The receiver's mobile number {mobile} is not valid; the landline {phone} will be used.",
        zh="收件人手机号 {mobile} 无效，将使用固定电话 {phone}。",
    ),
    "intake.address.missing.province": Words(
        en="The receiver's address has no province.", zh="收件地址缺少省份。"
    ),
    "intake.address.missing.city": Words(
        en="The receiver's address has no city.", zh="收件地址缺少城市。"
    ),
    "intake.address.missing.district": Words(
        en="The receiver's address has no district.", zh="收件地址缺少区县。"
    ),
    "intake.address.missing.detail": Words(
        en="The receiver's address has no street address.", zh="收件地址缺少详细地址。"
    ),
    "intake.postcode.format": Words(
        en="The postcode {postcode} is not six digits and is ignored.",
        zh="邮编 {postcode} 不是六位数字，已忽略。",
    ),
    "intake.postcode.mismatch": Words(
        en="The postcode {postcode} does not belong to {province}; check the address.",
        zh="邮编 {postcode} 与省份 {province} 不符，请核对地址。",
    ),
    "intake.province.unknown": Words(
        en='The province "{province}" is not in the region table.',
        zh="省份“{province}”不在行政区划表中。",
    ),
    "intake.payment.unpaid": Words(
        en="The order is not paid (online payment), so it is held.",
        zh="订单未付款（在线支付），暂不发货。",
    ),
    "intake.payment.cod_amount": Words(
        en="The cash-on-delivery order has no amount to collect, so it is held.",
        zh="货到付款订单没有代收金额，暂不发货。",
    ),
    "intake.state.not_open": Words(
        en="The order is {state} at the mall and must not be shipped.",
        zh="订单在商城的状态是“{state}”，不能发货。",
    ),
    "intake.cancel.requested": Words(
        en="The buyer has asked to cancel the order.", zh="买家已申请取消订单。"
    ),
    "intake.sku.unknown": Words(
        en="Line {line} asks for SKU {sku}, which this warehouse does not stock.",
        zh="订单行 {line} 的商品编码 {sku} 在本仓库不存在。",
    ),
    "intake.priority.unknown": Words(
        en='The mall sent the priority "{value}", which the warehouse does not know; '
        "the order is treated as normal.",
        zh="商城发送的优先级“{value}”无法识别，按普通订单处理。",
    ),
    "intake.payment.method_unknown": Words(
        en='The mall sent the payment method "{value}", which the warehouse does not know; '
        "it is treated as online payment.",
        zh="商城发送的支付方式“{value}”无法识别，按在线支付处理。",
    ),
    "intake.amount.line_discount": Words(
        en="Line {line} has a discount of {discount}, more than its {gross}, so the order is held.",
        zh="订单行 {line} 的优惠 {discount} 超过了该行金额 {gross}，暂不发货。",
    ),
    "intake.amount.cod_mismatch": Words(
        en="The amounts do not agree: lines {lines} minus discounts {discounts} plus shipping "
        "{shipping} make {expected}, but the mall asks to collect {stated} on delivery; the "
        "order is held.",
        zh="金额不一致：商品 {lines} 减优惠 {discounts} 加运费 {shipping} 应为 {expected}，"
        "商城要求代收 {stated}，暂不发货。",
    ),
    "intake.amount.paid_mismatch": Words(
        en="The amounts do not agree: lines {lines} minus discounts {discounts} plus shipping "
        "{shipping} make {expected}, but the mall says the buyer paid {stated}; the order is "
        "held.",
        zh="金额不一致：商品 {lines} 减优惠 {discounts} 加运费 {shipping} 应为 {expected}，"
        "商城给出的实付金额为 {stated}，暂不发货。",
    ),
    "intake.more": Words(en="(and {count} more reasons)", zh="（另有 {count} 条原因）"),
    "order.lines_changed_after_start": Words(
        en="The mall changed line(s) {lines} after work on the order started; a supervisor "
        "must decide.",
        zh="商城在作业开始后修改了订单行 {lines}，请主管处理。",
    ),
}

_QUARANTINE = {
    "quarantine.unreadable": Words(
        en="Order {fo_id} version {version} could not be read and was set aside: {detail}.",
        zh="订单 {fo_id}（版本 {version}）无法读取，已搁置：{detail}。",
    ),
    "quarantine.other_warehouse": Words(
        en="Order {fo_id} version {version} is for warehouse {code}, not this one ({ours}), "
        "and was set aside.",
        zh="订单 {fo_id}（版本 {version}）属于仓库 {code}，不是本仓库（{ours}），已搁置。",
    ),
    "quarantine.not_object": Words(
        en="Item {position} of a page from the mall is not an order (it is {kind}) and was "
        "set aside.",
        zh="商城数据页中的第 {position} 项不是订单（而是 {kind}），已搁置。",
    ),
    "quarantine.too_deep": Words(
        en="Order {fo_id} is nested deeper than {limit} levels and was set aside unread.",
        zh="订单 {fo_id} 的嵌套超过 {limit} 层，未读取，已搁置。",
    ),
    "quarantine.db.too_long": Words(
        en="Order {fo_id} version {version} could not be stored (a text is longer than its "
        "column) and was set aside.",
        zh="订单 {fo_id}（版本 {version}）无法保存（有文字超过字段长度），已搁置。",
    ),
    "quarantine.db.out_of_range": Words(
        en="Order {fo_id} version {version} could not be stored (a number is out of range) "
        "and was set aside.",
        zh="订单 {fo_id}（版本 {version}）无法保存（有数字超出范围），已搁置。",
    ),
    "quarantine.db.duplicate": Words(
        en="Order {fo_id} version {version} could not be stored (a value that must be unique "
        "appears twice) and was set aside.",
        zh="订单 {fo_id}（版本 {version}）无法保存（有应唯一的值重复），已搁置。",
    ),
    "quarantine.db.other": Words(
        en="Order {fo_id} version {version} could not be stored (the database refused it: "
        "{error}) and was set aside.",
        zh="订单 {fo_id}（版本 {version}）无法保存（数据库拒绝：{error}），已搁置。",
    ),
}

CATALOG = register({**_INTAKE, **_QUARANTINE})


def stored(messages: Sequence[Message], *, limit: int = MAX_STORED_CHARS) -> str:
    """``encode(messages)``, keeping whole messages up to ``limit`` characters."""
    kept = list(messages)
    text = encode(kept)
    while kept and len(text) > limit:
        kept.pop()
        text = encode([*kept, Message.of("intake.more", count=len(messages) - len(kept))])
    return text
