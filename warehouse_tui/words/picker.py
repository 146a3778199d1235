"""The handheld's words: the guided pick, the short-pick dialog and count tasks."""

from __future__ import annotations

from warehouse.words import Words

WORDS: dict[str, Words] = {
    "pick.progress": Words(
        en="{done}/{total} · {metres} m left", zh="{done}/{total} · 剩 {metres} 米"
    ),
    "pick.qty": Words(en="Qty {qty}", zh="数量 {qty}"),
    "pick.in_hand": Words(en="in hand {n}", zh="已拿 {n}"),
    "pick.lot": Words(en="Lot", zh="批次"),
    "pick.next": Words(en="Next", zh="下一站"),
    "pick.last": Words(en="last stop", zh="最后一站"),
    "pick.prompt.idle": Words(en="Enter: get a batch", zh="回车：领取批次"),
    "pick.prompt.location": Words(en="Go there, scan the location", zh="前往并扫描库位"),
    "pick.prompt.item": Words(en="Scan the item", zh="扫描商品"),
    "pick.prompt.quantity": Words(en="Scan each unit or type qty", zh="逐件扫描或输入数量"),
    "pick.prompt.tote": Words(en="Put in {tote}, scan the tote", zh="放入 {tote}，扫描周转箱"),
    "pick.prompt.done": Words(
        en="Done: cart to packing. Enter: next", zh="完成：推车送打包。回车：下一批"
    ),
    "pick.none": Words(en="No work waiting now.", zh="暂无待拣任务。"),
    "pick.idle": Words(en="You hold no batch.", zh="您没有拣货批次。"),
    "pick.claimed": Words(en="Batch {code}: {left} picks.", zh="批次 {code}：共 {left} 项。"),
    "pick.resumed": Words(
        en="Resuming {code}: {left} picks left.", zh="继续批次 {code}：剩 {left} 项。"
    ),
    "pick.ok": Words(en="OK", zh="好"),
    "pick.scan_here": Words(en="scan or type here", zh="在此扫描或输入"),
    "pick.reallocated": Words(
        en="Short: {qty} more at {location}.", zh="缺货：请到 {location} 再拣 {qty} 件。"
    ),
    "pick.escalated": Words(en="Short reported to the supervisor.", zh="缺货已上报主管。"),
    "pick.skipped": Words(en="Skipped: back here at the end.", zh="已跳过：最后再回来。"),
    "pick.released": Words(en="Batch {code} given back.", zh="批次 {code} 已交回。"),
    "short.title": Words(en="Short pick ({wanted} wanted)", zh="报缺（需 {wanted} 件）"),
    "short.reason": Words(en="Why? Press 1-4", zh="原因？按 1-4"),
    "short.found": Words(en="Found how many? Type, Enter", zh="找到几件？输入后回车"),
    "short.bad_found": Words(en="Type 0 to {top}.", zh="请输入 0 到 {top}。"),
    "short.EMPTY": Words(en="Shelf empty", zh="库位为空"),
    "short.DAMAGED": Words(en="Damaged", zh="破损"),
    "short.EXPIRED": Words(en="Expired", zh="过期"),
    "short.NOT_FOUND": Words(en="Not found", zh="找不到"),
    "count.none": Words(en="No count task is waiting.", zh="没有待盘点任务。"),
    "count.scan_shelf": Words(en="Scan the shelf.", zh="请扫描库位。"),
    "count.scan_sku": Words(en="Scan a SKU ({left}).", zh="请扫描 SKU（{left}）。"),
    "count.how_many": Words(en="How many {sku}? Type, Enter", zh="{sku} 有几件？输入后回车"),
    "count.wrong_shelf": Words(
        en="Wrong shelf: go to {location}.", zh="库位错误：请到 {location}。"
    ),
    "count.type_number": Words(en="Type the number counted.", zh="请输入盘点数量。"),
    "count.counted": Words(
        en="{sku}: {qty} counted ({difference:+d}).", zh="{sku}：盘点 {qty} 件（{difference:+d}）。"
    ),
    "count.done": Words(en="Shelf counted.", zh="库位盘点完成。"),
}
