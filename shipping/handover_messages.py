"""Sentences of the handover to the carrier and of delivery exceptions (zh/en)."""

from __future__ import annotations

from shipping.errors import ShippingError
from warehouse.words import Words, register


class HandoverError(ShippingError):
    """A handover cannot do what was asked."""


CATALOG = register(
    {
        "handover.opened": Words(
            en="Handover {handover} for {carrier} is open: scan the parcels.",
            zh="{carrier} 交接单 {handover} 已开启：请扫描包裹。",
        ),
        "handover.scanned": Words(
            en="Parcel {tracking} is on handover {handover} (parcels on it: {count}).",
            zh="包裹 {tracking} 已加入交接单 {handover}（共 {count} 件）。",
        ),
        "handover.again": Words(
            en="Parcel {tracking} is already on this handover; it counts once.",
            zh="包裹 {tracking} 已在本交接单上，只计一次。",
        ),
        "handover.unknown_parcel": Words(
            en="No packed parcel has the number {scan}.",
            zh="没有单号为 {scan} 的已打包包裹。",
        ),
        "handover.other_carrier": Words(
            en="Parcel {tracking} goes with {parcel_carrier}, not {carrier}: keep it aside.",
            zh="包裹 {tracking} 属于 {parcel_carrier}，不是 {carrier}：请放到一边。",
        ),
        "handover.already_handed": Words(
            en="Parcel {tracking} was already handed over on {handover} at {at}.",
            zh="包裹 {tracking} 已于 {at} 在交接单 {handover} 交出。",
        ),
        "handover.voided": Words(
            en="Label {tracking} is void: its parcel of order {order} was reopened at packing. Take the label off; the parcel goes under its new label ({new}).",
            zh="面单 {tracking} 已作废：订单 {order} 的包裹在打包台重新打开过。请撕下此面单，包裹使用新面单（{new}）。",
        ),
        "handover.not_packed": Words(
            en="Parcel {tracking} is {state}, not packed: it cannot be handed over.",
            zh="包裹 {tracking} 状态为 {state}，不是已打包：不能交接。",
        ),
        "handover.cancelled": Words(
            en="Order {order} of parcel {tracking} was cancelled: take the parcel to be "
            "unpacked and put away (task {task}).",
            zh="包裹 {tracking} 的订单 {order} 已取消：请送去拆包上架（任务 {task}）。",
        ),
        "handover.unpacked": Words(
            en="Parcel {tracking} of cancelled order {order} was unpacked and its goods put "
            "away: it no longer exists; take the label off and keep the box for packing.",
            zh="已取消订单 {order} 的包裹 {tracking} 已拆包上架：该包裹已不存在，请撕下面单，纸箱留作打包用。",
        ),
        "handover.unpack_reason": Words(
            en="Unpack parcel {tracking} and put its goods away: order {order} was cancelled.",
            zh="拆开包裹 {tracking} 并上架：订单 {order} 已取消。",
        ),
        "unpack.no_task": Words(
            en="There is no unpack task {task} to complete.",
            zh="没有可完成的拆包任务 {task}。",
        ),
        "unpack.wrong_parcel": Words(
            en="'{scan}' is not parcel {tracking}: scan the label of the parcel you unpack.",
            zh="“{scan}”不是包裹 {tracking}：请扫描您正在拆的包裹面单。",
        ),
        "unpack.wrong_shelf": Words(
            en="That is {scanned}: {sku} from this parcel goes back to {expected}.",
            zh="这是 {scanned}：本包裹的 {sku} 应放回 {expected}。",
        ),
        "unpack.wrong_item": Words(
            en="'{scanned}' is not {sku}: take the {sku} out of the parcel and scan it.",
            zh="“{scanned}”不是 {sku}：请从包裹中取出 {sku} 并扫描。",
        ),
        "unpack.not_reserved": Words(
            en="Parcel {tracking} holds units of line {line} that were never picked from a "
            "shelf: count the parcel and ask a supervisor.",
            zh="包裹 {tracking} 中行 {line} 的商品没有拣货记录：请清点包裹并找主管。",
        ),
        "handover.unknown_carrier": Words(
            en="There is no carrier {carrier}: type one of {carriers}.",
            zh="没有承运商 {carrier}：请输入 {carriers} 之一。",
        ),
        "handover.none_open": Words(
            en="No handover is open for {carrier}.", zh="{carrier} 没有开启的交接单。"
        ),
        "handover.closed": Words(
            en="Handover {handover} for {carrier} is closed: {count} parcels, {left} left behind.",
            zh="{carrier} 交接单 {handover} 已关闭：{count} 件，遗留 {left} 件。",
        ),
        "handover.left_behind": Words(
            en="Parcel {tracking} for {carrier} was packed but not handed over today.",
            zh="{carrier} 包裹 {tracking} 已打包但今天未交接。",
        ),
        "delivery.not_signed": Words(
            en="Parcel {tracking} is not signed {days} days after its expected date; the mall "
            "is asked to contact the customer.",
            zh="包裹 {tracking} 超过预计日期 {days} 天仍未签收，已请商城联系顾客。",
        ),
        "delivery.expect_back": Words(
            en="Parcel {tracking} is {status}: receive it at the returns station (5) when it "
            "comes back; the mall chooses re-ship or refund.",
            zh="包裹 {tracking} {status}：退回后请在退货台（5）收货，由商城选择重发或退款。",
        ),
        "delivery.back.refused": Words(
            en="The receiver refused parcel {tracking}: receive it at the returns station (5) "
            "when it comes back; the mall chooses re-ship or refund.",
            zh="收件人拒收包裹 {tracking}：退回后请在退货台（5）收货，由商城选择重发或退款。",
        ),
        "delivery.back.returned": Words(
            en="The carrier returns parcel {tracking} to us: receive it at the returns station "
            "(5); the mall chooses re-ship or refund.",
            zh="承运商正将包裹 {tracking} 退回：请在退货台（5）收货，由商城选择重发或退款。",
        ),
        "delivery.replace.lost": Words(
            en="The carrier lost parcel {tracking}: re-ship a replacement (S).",
            zh="承运商遗失包裹 {tracking}：请补发（S）。",
        ),
        "delivery.replace.lost_insured": Words(
            en="The carrier lost parcel {tracking}: re-ship a replacement (S); the insurance claim opens with it.",
            zh="承运商遗失包裹 {tracking}：请补发（S），同时发起保价理赔。",
        ),
        "delivery.replace.damaged": Words(
            en="Parcel {tracking} was damaged on the way: re-ship a replacement (S).",
            zh="包裹 {tracking} 运输途中破损：请补发（S）。",
        ),
        "delivery.replace.damaged_insured": Words(
            en="Parcel {tracking} was damaged on the way: re-ship a replacement (S); the insurance claim opens with it.",
            zh="包裹 {tracking} 运输途中破损：请补发（S），同时发起保价理赔。",
        ),
        "delivery.replace": Words(
            en="Parcel {tracking} is {status}: re-ship a replacement{claim}.",
            zh="包裹 {tracking} {status}：请补发{claim}。",
        ),
        "delivery.delayed": Words(
            en="Parcel {tracking} is late against the carrier's promise; latest: {event}.",
            zh="包裹 {tracking} 超出承运商承诺时效；最新：{event}。",
        ),
        "delivery.problem": Words(
            en="Parcel {tracking}: the carrier reports a problem; latest: {event}.",
            zh="包裹 {tracking}：承运商报疑难件；最新：{event}。",
        ),
        "delivery.reshipped": Words(
            en="A replacement for {tracking} goes as {replacement}.",
            zh="{tracking} 的补发包裹单号 {replacement}。",
        ),
        "delivery.no_stock": Words(
            en="There is not enough of {sku} owned by {owner} to re-ship parcel {tracking}.",
            zh="{owner} 的 {sku} 库存不足，无法补发包裹 {tracking}。",
        ),
        "delivery.not_open": Words(
            en="This delivery exception is already resolved.", zh="该配送异常已处理。"
        ),
        "tracking.bad_signature": Words(
            en="A pushed tracking event for {carrier} had a wrong signature and was refused.",
            zh="{carrier} 推送的物流事件签名错误，已拒收。",
        ),
    }
)
