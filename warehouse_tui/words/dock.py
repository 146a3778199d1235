"""The dock's words: handover to the carrier and delivery exceptions."""

from __future__ import annotations

from warehouse.words import Words

WORDS: dict[str, Words] = {
    "handover.title": Words(en="Handover to carrier", zh="出库交接"),
    "handover.ask_carrier": Words(
        en="Type or scan the carrier ({carriers}) to open its handover, then scan each parcel.",
        zh="输入或扫描承运商（{carriers}）开启交接单，再逐个扫描包裹。",
    ),
    "handover.carrier": Words(en="carrier code", zh="承运商代码"),
    "handover.scan_parcel": Words(en="scan a parcel's label", zh="扫描包裹面单"),
    "handover.opened": Words(
        en="{name} for {carrier} is open: scan the parcels.",
        zh="{carrier} 交接单 {name} 已开启：请扫描包裹。",
    ),
    "handover.closed_line": Words(
        en="{name} closed: {count} parcels, COD {cod}, {left} left behind. Manifest printed.",
        zh="{name} 已关闭：{count} 件，代收 {cod}，遗留 {left} 件。交接单已打印。",
    ),
    "exceptions.title": Words(en="Delivery exceptions", zh="配送异常"),
    "exceptions.kind": Words(en="What", zh="类型"),
    "exceptions.parcel": Words(en="Parcel", zh="包裹"),
    "exceptions.order": Words(en="Order", zh="订单"),
    "exceptions.latest": Words(en="Latest event", zh="最新动态"),
    "exceptions.what": Words(en="To do", zh="处理"),
    "exceptions.reshipped": Words(
        en="Replacement {number} packed.", zh="补发包裹 {number} 已生成。"
    ),
    "exceptions.claimed": Words(en="Insurance claim opened.", zh="已发起保价理赔。"),
    **{
        f"exceptions.kind.{kind}": Words(en=en, zh=zh)
        for kind, en, zh in (
            ("refused", "refused", "拒收"),
            ("returned", "returned", "退回"),
            ("problem", "problem", "疑难"),
            ("delayed", "delayed", "延误"),
            ("lost", "lost", "遗失"),
            ("damaged", "damaged", "破损"),
            ("not_signed", "not signed", "超时未签收"),
            ("left_behind", "left behind", "未交接"),
        )
    },
}
