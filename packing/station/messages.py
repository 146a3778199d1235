"""Sentences of the verification session and the finish, in English and Chinese."""

from __future__ import annotations

from packing.errors import PackingError
from warehouse.words import Words, register


class StationError(PackingError):
    """The station cannot do what was asked (nothing is recorded)."""


CATALOG = register(
    {
        "station.bad_key": Words(
            en="The station sent no usable key: scan again.",
            zh="工作站未发送有效标识：请重新扫描。",
        ),
        "station.nothing_open": Words(
            en="Scan a tote, an order number or a cart to start.",
            zh="请扫描周转箱、订单号或拣货车开始。",
        ),
        "station.not_found": Words(
            en="'{text}' is no tote, order or cart waiting to be packed.",
            zh="“{text}”不是待包装的周转箱、订单或拣货车。",
        ),
        "station.tote_ambiguous": Words(
            en="Tote {tote} is on several carts: scan the cart first.",
            zh="周转箱 {tote} 在多辆拣货车上：请先扫描拣货车。",
        ),
        "station.not_packable": Words(
            en="Order {order} is {state}: it cannot be packed.",
            zh="订单 {order} 状态为{state}：不能包装。",
        ),
        "station.held_by": Words(
            en="Order {order} is being packed at another station.",
            zh="订单 {order} 正在另一工作站包装。",
        ),
        "station.finish_first": Words(
            en="Finish order {order} first (or short what is missing).",
            zh="请先完成订单 {order}（或对缺少的商品报缺）。",
        ),
        "station.opened": Words(
            en="Order {order}: {units} unit(s) to check.", zh="订单 {order}：需核对 {units} 件。"
        ),
        "station.cart_done": Words(
            en="Every order on cart {cart} is packed already: scan the next cart or tote.",
            zh="拣货车 {cart} 上的订单都已包装：请扫描下一辆拣货车或周转箱。",
        ),
        "station.counted": Words(en="{sku}: {done} of {qty}.", zh="{sku}：{done}/{qty}。"),
        "station.wrong_item": Words(
            en="{scan} is not in order {order}: put it aside.",
            zh="{scan} 不属于订单 {order}：请放到一边。",
        ),
        "station.other_order": Words(
            en="{sku} belongs to tote {tote} of this cart, not to order {order}: put it in tote {tote}.",
            zh="{sku} 属于本车周转箱 {tote}，不属于订单 {order}：请放回周转箱 {tote}。",
        ),
        "station.extra_unit": Words(
            en="One {sku} too many: the order has {qty}. Put it aside.",
            zh="{sku} 多了一件：订单只有 {qty} 件。请放到一边。",
        ),
        "station.expired": Words(
            en="Lot {lot} of {sku} expires on {expiry}: it may not ship. Put it aside.",
            zh="{sku} 批次 {lot} 有效期至 {expiry}：不能发货。请放到一边。",
        ),
        "station.wrong_lot": Words(
            en="Lot {lot} of {sku} was not picked for this order (picked: {picked}). Put it aside.",
            zh="{sku} 批次 {lot} 不是为此订单拣的（拣的是 {picked}）。请放到一边。",
        ),
        "station.serial_twice": Words(
            en="Serial {serial} of {sku} was scanned already: scan the next unit.",
            zh="{sku} 序列号 {serial} 已扫描过：请扫描下一件。",
        ),
        "station.scan_each": Words(
            en="{sku} is high value: scan every unit.", zh="{sku} 是贵重商品：请逐件扫描。"
        ),
        "station.count_what": Words(
            en="Scan the item before typing a count.", zh="请先扫描商品再输入数量。"
        ),
        "station.answer_intact": Words(
            en="Is the packaging of {sku} intact? Y yes, N no.",
            zh="{sku} 的包装完好吗？Y 是，N 否。",
        ),
        "station.damaged": Words(
            en="{sku} damaged: taken to {location} and shorted.",
            zh="{sku} 已损坏：已放入 {location} 并报缺。",
        ),
        "station.unscanned": Words(en="{sku}: one unit taken off.", zh="{sku}：已撤销一件。"),
        "station.nothing_to_unscan": Words(
            en="Nothing to take off in this parcel.", zh="本包裹中没有可撤销的商品。"
        ),
        "station.shorted": Words(
            en="{sku}: {qty} short; the supervisor and the mall are told.",
            zh="{sku}：缺 {qty} 件；已通知主管和商城。",
        ),
        "station.nothing_short": Words(
            en="Every line is complete: nothing to short.", zh="所有行已齐：无需报缺。"
        ),
        "station.incomplete": Words(
            en="{left} units are not scanned yet: scan them or short them.",
            zh="还有 {left} 件未扫描：请扫描或报缺。",
        ),
        "station.parcel_empty": Words(
            en="Parcel {parcel} is empty: scan items into it first.",
            zh="包裹 {parcel} 是空的：请先扫入商品。",
        ),
        "station.weigh": Words(
            en="Parcel {parcel}: box {box}, expected {expected} kg. Put it on the scale or type the weight.",
            zh="包裹 {parcel}：纸箱 {box}，预计 {expected} 公斤。请放上秤或输入重量。",
        ),
        "station.weigh_first": Words(
            en="Weigh parcel {parcel} first (or go back to scanning).",
            zh="请先称包裹 {parcel}（或返回扫描）。",
        ),
        "station.box_unknown": Words(en="There is no box {box}.", zh="没有纸箱 {box}。"),
        "station.parcel_closed": Words(
            en="Parcel {parcel} closed: {carrier} {tracking}.",
            zh="包裹 {parcel} 已封箱：{carrier} {tracking}。",
        ),
        "station.order_packed": Words(
            en="Order {order} packed: {parcels} parcel(s).",
            zh="订单 {order} 已包装，共 {parcels} 个包裹。",
        ),
        "station.reopened": Words(
            en="Parcel {parcel} of order {order} is open again: label {tracking} is void, take it off (closing prints a new one).",
            zh="订单 {order} 的包裹 {parcel} 已重新打开：面单 {tracking} 作废，请撕下（封箱时打印新面单）。",
        ),
        "station.handed_over": Words(
            en="Order {order} is handed over to the carrier: it cannot be reopened.",
            zh="订单 {order} 已交接给承运商：不能重新打开。",
        ),
        "station.reason_needed": Words(
            en="Say why you choose another carrier or service.",
            zh="请说明为何选择其他承运商或服务。",
        ),
        "station.printed": Words(
            en="Printed: the slip and {labels} label(s) on printer {printer} ({target}).",
            zh="已打印：装箱单和 {labels} 张面单，打印机 {printer}（{target}）。",
        ),
        "station.print_failed": Words(
            en="Not printed: kept as job {jobs}; F4 prints again once the printer is back.",
            zh="未打印：已保留为任务 {jobs}；打印机恢复后按 F4 重新打印。",
        ),
        "station.print_why": Words(en="{why}", zh="{why}"),
        "station.nothing_to_reprint": Words(
            en="Nothing is waiting for a reprint at this station.",
            zh="本工作站没有等待重新打印的内容。",
        ),
        "handling.fragile": Words(
            en="Fragile: wrap it, fill around it, nothing heavy on top.",
            zh="易碎：包好，四周填充，上面不放重物。",
        ),
        "handling.high_value": Words(
            en="High value: scan each unit, seal the box with security tape.",
            zh="贵重：逐件扫描，用防拆封胶带封箱。",
        ),
    }
)


def refused(key: str, **params: object) -> StationError:
    return StationError.of(CATALOG[key], **params)
