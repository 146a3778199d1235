"""Words of the put-back and unpack screen (``screens/stock_tasks``) and of its counts on the
home screen."""

from __future__ import annotations

from warehouse.words import Words

WORDS: dict[str, Words] = {
    "menu.stock_tasks": Words(en="Put back and unpack", zh="归位与拆包"),
    "home.put_backs": Words(en="put-backs", zh="待归位"),
    "home.unpacks": Words(en="to unpack", zh="待拆包"),
    "home.counts": Words(en="counts", zh="待盘点"),
    "key.tasks.refresh": Words(en="Refresh", zh="刷新"),
    "tasks.title": Words(en="Put back / unpack: {count} open", zh="归位/拆包：{count} 项待办"),
    "tasks.none": Words(
        en="Nothing to put back or unpack now.", zh="目前没有需要归位或拆包的任务。"
    ),
    "tasks.choose": Words(
        en="Type a number, or scan a tote or parcel; Enter: the first.",
        zh="输入序号，或扫描周转箱或包裹；回车：第一项。",
    ),
    "tasks.more": Words(en="… {count} more", zh="… 另有 {count} 项"),
    "tasks.row.put_back": Words(
        en="{n} {sku}×{qty} {source}→{location}", zh="{n} {sku}×{qty} {source}→{location}"
    ),
    "tasks.row.unpack": Words(
        en="{n} Unpack {tracking} ({units} pcs)", zh="{n} 拆包 {tracking}（{units} 件）"
    ),
    "tasks.not_found": Words(
        en="'{scan}' names no open task: type its number or scan its tote or parcel.",
        zh="“{scan}”没有对应的待办任务：请输入序号或扫描周转箱或包裹。",
    ),
    "tasks.put_back.head": Words(
        en="Put back {sku} ×{qty} from {source}", zh="归位 {sku} ×{qty}，来自 {source}"
    ),
    "tasks.lot": Words(en="lot {lot}", zh="批次 {lot}"),
    "tasks.put_back.location": Words(en="Go there, scan the shelf.", zh="前往并扫描库位。"),
    "tasks.put_back.elsewhere": Words(
        en="{scanned} is not the suggested shelf: scan it again to put back there.",
        zh="{scanned} 不是建议库位：再扫一次即放到该库位。",
    ),
    "tasks.put_back.item": Words(en="Scan the item.", zh="请扫描商品。"),
    "tasks.put_back.qty": Words(
        en="How many back on the shelf? Enter: all {left}.",
        zh="放回几件？回车：全部 {left} 件。",
    ),
    "tasks.type_number": Words(
        en="Type a number from 1 to {left}.", zh="请输入 1 到 {left} 之间的数字。"
    ),
    "tasks.put_back.partial": Words(
        en="{put} of {sku} back at {location}; {left} still to put back.",
        zh="{sku} 已放回 {location} {put} 件；还剩 {left} 件。",
    ),
    "tasks.put_back.done": Words(
        en="{sku}: all back at {location}. Task done.", zh="{sku} 已全部放回 {location}。任务完成。"
    ),
    "tasks.put_back.again": Words(
        en="Already put back: nothing was done twice.", zh="已经归位过：不会重复处理。"
    ),
    "tasks.unpack.head": Words(
        en="Unpack {tracking} (order {order})", zh="拆包 {tracking}（订单 {order}）"
    ),
    "tasks.unpack.line": Words(en="{sku}×{qty} → {location}", zh="{sku}×{qty} → {location}"),
    "tasks.unpack.scan": Words(en="Scan the parcel label.", zh="请扫描包裹面单。"),
    "tasks.unpack.line_shelf": Words(
        en="Take out {sku}×{qty}, go to its shelf, scan it.",
        zh="取出 {sku}×{qty}，到其库位并扫描。",
    ),
    "tasks.unpack.line_qty": Words(
        en="How many {sku} were in the parcel? Enter: {qty}.",
        zh="包裹中有几件 {sku}？回车：{qty} 件。",
    ),
    "tasks.unpack.count_again": Words(
        en="The parcel should hold {qty} {sku}: count again, or Esc and ask a supervisor.",
        zh="包裹中应有 {qty} 件 {sku}：请重新清点，或按 Esc 并找主管。",
    ),
    "tasks.unpack.done": Words(
        en="Parcel {tracking} unpacked: {units} pcs back on the shelves.",
        zh="包裹 {tracking} 已拆包：{units} 件已上架。",
    ),
    "tasks.unpack.again": Words(
        en="Parcel {tracking} was unpacked before: nothing was done twice.",
        zh="包裹 {tracking} 之前已拆包：不会重复处理。",
    ),
}
