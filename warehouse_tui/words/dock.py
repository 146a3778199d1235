"""The dock's words: handover to the carrier and delivery exceptions."""

from __future__ import annotations

from warehouse.words import Words

WORDS: dict[str, Words] = {
    "handover.title": Words(en="Handover to carrier", zh="出库交接"),
    "key.close_handover": Words(en="Close handover", zh="关闭交接"),
    "key.reship": Words(en="Re-ship", zh="补发"),
    "handover.opened": Words(
        en="{name} for {carrier} is open: scan the parcels.",
        zh="{carrier} 交接单 {name} 已开启：请扫描包裹。",
    ),
    "handover.closed_line": Words(
        en="{name} closed. Parcels: {count}, COD {cod}, left behind: {left}. Manifest: "
        "{where}. The courier has them; the carrier's events follow below.",
        zh="{name} 已关闭：{count} 件，代收 {cod}，遗留 {left} 件。交接单：{where}。"
        "快递员已取走包裹；承运商的物流动态见下表。",
    ),
    "handover.prompt_carrier": Words(
        en="Carrier ({carriers}) and Enter. Packed, waiting: {waiting}.",
        zh="输入承运商（{carriers}）后回车。已打包待交接：{waiting}。",
    ),
    "handover.prompt_scan": Words(
        en="Scan the {carrier} parcels ({left} waiting); F5 when the courier leaves.",
        zh="扫描 {carrier} 的包裹（待交接 {left} 件）；快递员离开时按 F5。",
    ),
    "handover.none_waiting": Words(en="none", zh="无"),
    "handover.nothing_to_close": Words(
        en="No handover is open here: type the carrier first.",
        zh="这里没有开启的交接单：请先输入承运商。",
    ),
    "handover.col.parcel": Words(en="Parcel", zh="包裹"),
    "handover.col.order": Words(en="Order", zh="订单"),
    "handover.col.status": Words(en="Carrier says", zh="物流状态"),
    "handover.col.at": Words(en="Since", zh="时间"),
    "exceptions.not_reshippable": Words(
        en="Only a lost or damaged parcel is re-shipped here; a refused or returned one is "
        "received at the returns station (5) when it comes back.",
        zh="这里只补发遗失或破损的包裹；拒收或退回的包裹回来后在退货台（5）收货。",
    ),
    **{
        f"parcel.state.{state}": Words(en=en, zh=zh)
        for state, en, zh in (
            ("packing", "packing", "打包中"),
            ("packed", "packed", "已打包"),
            ("handed_over", "handed over", "已交接"),
            ("in_transit", "in transit", "运输中"),
            ("out_for_delivery", "out for delivery", "派件中"),
            ("delivered", "signed", "已签收"),
            ("refused", "refused", "拒收"),
            ("returning", "coming back", "退回中"),
            ("returned", "back at the site", "已退回入库"),
            ("lost", "lost", "遗失"),
            ("damaged", "damaged", "破损"),
            ("delayed", "delayed", "延误"),
            ("problem", "problem", "疑难"),
            ("unpack", "to unpack", "待拆包"),
            ("unpacked", "unpacked, goods put away", "已拆包上架"),
            ("replaced", "replaced", "已补发"),
        )
    },
    "exceptions.title": Words(en="Delivery exceptions", zh="配送异常"),
    "exceptions.kind": Words(en="What", zh="类型"),
    "exceptions.parcel": Words(en="Parcel", zh="包裹"),
    "exceptions.order": Words(en="Order", zh="订单"),
    "exceptions.latest": Words(en="Latest event", zh="最新动态"),
    "exceptions.reshipped": Words(
        en="Replacement {number} packed.", zh="补发包裹 {number} 已生成。"
    ),
    "exceptions.detail": Words(
        en="Latest: {latest}\nTo do: {what}", zh="最新动态：{latest}\n处理：{what}"
    ),
    "exceptions.none": Words(
        en="No delivery exceptions: every parcel is on its way or signed.",
        zh="没有配送异常：所有包裹都在途或已签收。",
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
