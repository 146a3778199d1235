"""Sentences of the supervisor services, and the stored notes they write."""

from __future__ import annotations

from warehouse.words import Words, register

CATALOG = register(
    {
        "supervision.no_order": Words(
            en="No order {order} is known here.", zh="此处没有订单 {order}。"
        ),
        "supervision.not_held": Words(
            en="Order {order} is not held.", zh="订单 {order} 未被挂起。"
        ),
        "supervision.reason_needed": Words(
            en="Give a reason for this decision.", zh="请填写此决定的原因。"
        ),
        "supervision.no_case": Words(
            en="There is no open shortage case {case}.", zh="没有未结的缺货单 {case}。"
        ),
        "supervision.not_waiting": Words(
            en="Shortage case {case} is not waiting for the mall.",
            zh="缺货单 {case} 未在等待商城答复。",
        ),
        "supervision.no_stock_elsewhere": Words(
            en="No other location holds {sku} for this line.",
            zh="没有其他库位有该行的 {sku}。",
        ),
        "supervision.bad_substitute": Words(
            en="{sku} cannot replace this line (unknown, or another merchant's).",
            zh="{sku} 不能替代此行（未知或属于其他商家）。",
        ),
        "supervision.date_in_past": Words(
            en="The promised date must be today or later.", zh="承诺日期必须是今天或以后。"
        ),
        "supervision.address_incomplete": Words(
            en="An address needs a province, a city and a street.",
            zh="地址需要省、市和街道。",
        ),
        "supervision.cart_not_active": Words(
            en="Cart {cart} is not being picked.", zh="拣货车 {cart} 不在拣货中。"
        ),
        "supervision.not_a_picker": Words(
            en="{badge} cannot take a cart.", zh="{badge} 不能接拣货车。"
        ),
        "supervision.busy_picker": Words(
            en="{badge} already has cart {cart}.", zh="{badge} 已有拣货车 {cart}。"
        ),
        # Stored notes (rendered for the reader with render_all).
        "hold.released_by": Words(en="Released: {reason}", zh="已放行：{reason}"),
        "hold.rejected_by": Words(en="Rejected: {reason}", zh="已拒绝：{reason}"),
        "hold.address_corrected": Words(
            en="Address corrected and confirmed.", zh="地址已更正并确认。"
        ),
        "hold.waiting_payment": Words(en="Waiting for payment.", zh="等待付款。"),
        "resolution.reallocated": Words(
            en="Re-allocated from {location}.", zh="已从 {location} 重新分配。"
        ),
        "resolution.transfer": Words(
            en="Transfer of {qty} requested from {warehouse}.",
            zh="已向 {warehouse} 申请调拨 {qty} 件。",
        ),
        "resolution.wait": Words(
            en="Waits for replenishment promised by {date}.",
            zh="等待补货，承诺 {date} 前到货。",
        ),
        "resolution.substitute_offered": Words(
            en="Substitute {sku} offered; waiting for the customer.",
            zh="已提供替代品 {sku}，等待顾客同意。",
        ),
        "resolution.answered": Words(
            en="The mall answered with a new version of line {line}.",
            zh="商城已对第 {line} 行给出新版本。",
        ),
        "resolution.ship_available": Words(
            en="Ships the {qty} available.", zh="按现有 {qty} 件发货。"
        ),
        "resolution.cancel_line": Words(
            en="Line cancelled; the mall refunds it.", zh="该行已取消，由商城退款。"
        ),
        "putaway.cancelled_order": Words(
            en="Put back: order {order} was cancelled on cart {cart}.",
            zh="放回：订单 {order} 在拣货车 {cart} 上已取消。",
        ),
    }
)
