"""The returns station's and the returns queues' words."""

from __future__ import annotations

from warehouse.words import Words

WORDS: dict[str, Words] = {
    "returns.station": Words(en="Returns station", zh="退货台"),
    "returns.head": Words(en="{rma} · order {order} · {kind}", zh="{rma} · 订单 {order} · {kind}"),
    "returns.kind.return": Words(en="return", zh="退货"),
    "returns.kind.exchange": Words(en="exchange", zh="换货"),
    "returns.kind.refused": Words(en="refused delivery", zh="拒收退回"),
    "returns.kind.unknown": Words(en="unknown return", zh="未知退货"),
    "returns.line": Words(en="{line} {sku}: {got}/{qty}", zh="{line} {sku}：{got}/{qty}"),
    "returns.extra": Words(en="+{n} not on the request", zh="另有 {n} 件不在申请中"),
    "returns.step.parcel": Words(
        en="Scan the parcel, RMA or order number", zh="扫描包裹运单号、退货单号或订单号"
    ),
    "returns.step.item": Words(
        en="Scan an item (F5: close the return)", zh="扫描商品（F5：关闭退货单）"
    ),
    "returns.step.grade": Words(
        en="Grade: A resell  B open box  C damaged  D wrong item",
        zh="等级：A 可再售  B 已拆封  C 破损  D 错货",
    ),
    "returns.step.reason": Words(en="Reason, then Enter", zh="输入原因后回车"),
    "returns.step.note": Words(en="Note or photo path, then Enter", zh="输入备注或照片路径后回车"),
    "returns.ready": Words(en="Ready for a return parcel.", zh="可以接收退货包裹。"),
    "returns.resumed": Words(en="Carrying on with {rma}.", zh="继续处理 {rma}。"),
    "returns.opened": Words(en="Received {rma}: scan each item.", zh="已收货 {rma}：请逐件扫描。"),
    "returns.scanned": Words(en="{item}: type its grade.", zh="{item}：请输入等级。"),
    "returns.bad_grade": Words(en="Type A, B, C or D.", zh="请输入 A、B、C 或 D。"),
    "returns.closed": Words(
        en="{rma} closed; the mall hears the outcome.", zh="{rma} 已关闭，结果将通知商城。"
    ),
    "returns.to.sellable": Words(en="sellable at {location}", zh="上架可售 {location}"),
    "returns.to.rework": Words(en="rework at {location}", zh="返工区 {location}"),
    "returns.to.quarantine": Words(en="quarantine at {location}", zh="隔离区 {location}"),
    "returns.to.not_ours": Words(en="not ours, {location}", zh="非本店商品 {location}"),
    "returns.to.scrap": Words(en="scrapped", zh="已报废"),
    "returns.refusal.DAMAGED": Words(en="rejected: damaged", zh="拒绝：破损"),
    "returns.refusal.WRONG_ITEM": Words(en="rejected: wrong item", zh="拒绝：错货"),
    "returns.refusal.EXPIRED": Words(
        en="rejected: expired, never sellable", zh="拒绝：过期，不可再售"
    ),
    "returns.queues": Words(en="Returns waiting for a supervisor", zh="待主管处理的退货"),
    "returns.queues_empty": Words(en="Nothing waiting.", zh="暂无待办。"),
    "returns.queue.unknown": Words(en="unknown", zh="未知"),
    "returns.queue.policy": Words(en="policy", zh="超政策"),
    "returns.queue.discrepancy": Words(en="discrepancy", zh="不符"),
    "returns.queue.exchange": Words(en="exchange", zh="换货"),
    "returns.report_head": Words(
        en="Returned/shipped units (rate) and grades:", zh="退回/发出件数（退货率）及等级："
    ),
    "returns.better_packing": Words(en="pack better", zh="建议改进包装"),
    "returns.clear_here": Words(en="scan an RMA to clear it", zh="扫描退货单号以清除"),
    "returns.cleared": Words(en="{rma} cleared.", zh="{rma} 已清除。"),
}
