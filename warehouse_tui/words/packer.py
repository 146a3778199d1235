"""The packing station's words."""

from __future__ import annotations

from warehouse.words import Words

WORDS: dict[str, Words] = {
    "pack.idle": Words(en="No order open.", zh="没有打开的订单。"),
    "pack.head": Words(
        en="Order {order}  {where}  parcel {parcel}  {done}/{total} units",
        zh="订单 {order}  {where}  包裹 {parcel}  {done}/{total} 件",
    ),
    "pack.short_n": Words(en="({n} short)", zh="（缺 {n}）"),
    "pack.parcel": Words(en="Parcel {n}", zh="包裹 {n}"),
    "pack.box": Words(en="box {box}", zh="纸箱 {box}"),
    "pack.weight": Words(en="weighed {kg} kg", zh="称重 {kg} 公斤"),
    "pack.carrier": Words(en="carrier {carrier}", zh="承运商 {carrier}"),
    "pack.voided": Words(en="{parcel} (label void)", zh="{parcel}（面单作废）"),
    "pack.print.failed": Words(
        en="Not printed ({why}): kept as job {jobs}; F4 prints again once the printer is back.",
        zh="未打印（{why}）：已保留为任务 {jobs}；打印机恢复后按 F4 重新打印。",
    ),
    "pack.discrepancies": Words(en="Refused and found", zh="拒收与发现"),
    "pack.prompt.idle": Words(
        en="Scan a tote, an order number or a cart", zh="请扫描周转箱、订单号或拣货车"
    ),
    "pack.prompt.scan": Words(
        en="Scan each unit (or scan one and type the count)", zh="逐件扫描（或扫一件后输入数量）"
    ),
    "pack.prompt.intact": Words(en="Packaging intact? Y / N", zh="包装完好吗？Y / N"),
    "pack.prompt.weigh": Words(
        en="Weigh parcel {parcel}: scale (F8) or type the weight",
        zh="称包裹 {parcel}：读秤（F8）或输入重量",
    ),
    "pack.prompt.done": Words(
        en="Packed. Scan the next tote, order or cart",
        zh="已包装。请扫描下一个周转箱、订单或拣货车",
    ),
    "pack.carrier_title": Words(
        en="Carrier/service (e.g. SF/express), Enter, then why",
        zh="承运商/服务（如 SF/express），回车，再写原因",
    ),
    "pack.carrier_reason": Words(en="why", zh="原因"),
    "pack.carrier_choices": Words(en="Services: {choices}", zh="可选服务：{choices}"),
    "pack.carrier_back": Words(
        en="Empty: back to the suggestion. Esc: cancel.", zh="留空：恢复建议。Esc：取消。"
    ),
}
