"""The supervisor's desk: queues, history, held orders, shortage cases, floor, mall
messages, set-aside payloads, figures, statements and the map."""

from __future__ import annotations

from warehouse.words import Words

WORDS: dict[str, Words] = {
    "figures.title": Words(en="Shift figures {period}", zh="班次数据 {period}"),
    "figures.summary": Words(
        en="Orders {orders} ({oph}/h)  lines {lines} ({lph}/h)  short {short}%  accuracy "
        "{accuracy}%  {metres} m/line  slowest: {slowest}",
        zh="订单 {orders}（{oph}/时） 订单行 {lines}（{lph}/时） 缺货率 {short}% 准确率 "
        "{accuracy}% 每行步行 {metres} 米 最慢环节：{slowest}",
    ),
    "figures.by_hour": Words(en="Lines per hour", zh="每小时订单行"),
    "figures.stages": Words(en="Stage durations (minutes)", zh="各环节用时（分钟）"),
    "figures.people": Words(en="Per picker and packer", zh="按拣货员和打包员"),
    "figures.carriers": Words(en="Late orders per carrier", zh="各承运商迟发订单"),
    "figures.stage.picking": Words(en="released → picked", zh="下发 → 拣完"),
    "figures.stage.packing": Words(en="picked → packed", zh="拣完 → 打包"),
    "figures.stage.handover": Words(en="packed → handed over", zh="打包 → 交接"),
    "figures.col.stage": Words(en="stage", zh="环节"),
    "figures.col.orders": Words(en="orders", zh="订单"),
    "figures.col.mean_min": Words(en="mean", zh="平均"),
    "figures.col.p90_min": Words(en="90th pct", zh="90 分位"),
    "figures.col.person": Words(en="person", zh="人员"),
    "figures.col.role": Words(en="role", zh="角色"),
    "figures.col.lines": Words(en="lines", zh="订单行"),
    "figures.col.oph": Words(en="orders/h", zh="订单/时"),
    "figures.col.lph": Words(en="lines/h", zh="订单行/时"),
    "figures.col.carrier": Words(en="carrier", zh="承运商"),
    "figures.col.due": Words(en="due", zh="到期"),
    "figures.col.late": Words(en="late", zh="迟发"),
    "figures.exported": Words(en="Written to {path}", zh="已导出到 {path}"),
    "statement.title": Words(en="Merchant statement {period}", zh="商家结算单 {period}"),
    "statement.col.merchant": Words(en="merchant", zh="商家"),
    "statement.col.orders": Words(en="orders", zh="订单"),
    "statement.col.lines": Words(en="lines", zh="订单行"),
    "statement.col.units": Words(en="units", zh="件数"),
    "statement.col.parcels": Words(en="parcels", zh="包裹"),
    "statement.col.boxes": Words(en="by box", zh="按箱型"),
    "statement.col.returns": Words(en="returns", zh="退货"),
    "statement.col.location_days": Words(en="loc-days", zh="库位·天"),
    "map.title": Words(en="The floor now", zh="当前仓库"),
    "map.col.picker": Words(en="picker", zh="拣货员"),
    "map.col.cart": Words(en="cart", zh="拣货车"),
    "map.col.at": Words(en="at", zh="位置"),
    "map.col.scanned": Words(en="scanned", zh="扫描时间"),
    "map.col.left": Words(en="stops", zh="剩余"),
    "map.col.metres": Words(en="m left", zh="剩余米"),
    "map.counts": Words(en="{n} shelves wait for a count (C).", zh="{n} 个库位待盘点（C）。"),
    "map.nobody": Words(
        en="Nobody is picking. {n} shelves wait for a count (C).",
        zh="当前无人拣货。{n} 个库位待盘点（C）。",
    ),
    "queue.title": Words(
        en="Open orders, soonest cut-off first", zh="未完成订单（截止时间最近的在前）"
    ),
    "queue.filter_hint": Words(
        en="merchant=… carrier=… prio=… due=2h state=…, or a word to search",
        zh="merchant=… carrier=… prio=… due=2h state=…，或输入词语搜索",
    ),
    "queue.unknown": Words(en="Not understood: {words}", zh="无法理解：{words}"),
    "queue.col.order": Words(en="Order", zh="订单"),
    "queue.col.merchant": Words(en="Merchant", zh="商家"),
    "queue.col.state": Words(en="State", zh="状态"),
    "queue.col.prio": Words(en="Prio", zh="优先级"),
    "queue.col.carrier": Words(en="Carrier", zh="承运商"),
    "queue.col.due": Words(en="Due", zh="截止"),
    "queue.col.mark": Words(en="Late?", zh="超时？"),
    "queue.col.matched": Words(en="Found by", zh="匹配"),
    "queue.mark.late": Words(en="LATE", zh="已超时"),
    "queue.mark.at_risk": Words(en="at risk", zh="有风险"),
    "queue.more": Words(en="PgDn: more.", zh="PgDn：更多。"),
    "queue.end": Words(en="That is all.", zh="已全部显示。"),
    "queue.shown": Words(en="{count} orders shown.", zh="已显示 {count} 个订单。"),
    "queue.found": Words(en="{count} orders found.", zh="找到 {count} 个订单。"),
    "queue.matched.order": Words(en="order number", zh="订单号"),
    "queue.matched.tracking": Words(en="tracking number", zh="运单号"),
    "queue.matched.sku": Words(en="SKU", zh="SKU"),
    "queue.matched.location": Words(en="location", zh="库位"),
    "queue.priority_set": Words(en="Priority is now {value}.", zh="优先级现为 {value}。"),
    "history.title": Words(en="History of {order}", zh="{order} 的历史"),
    "history.col.at": Words(en="When", zh="时间"),
    "history.col.kind": Words(en="Kind", zh="类别"),
    "history.col.what": Words(en="What", zh="事项"),
    "history.col.detail": Words(en="Detail", zh="详情"),
    "history.col.who": Words(en="Who", zh="操作人"),
    "cases.title": Words(en="Shortage cases", zh="缺货单"),
    "cases.keys": Words(
        en="1 re-allocate · 2 transfer · 3 wait until · 4 substitute · 5 ship available · 6 cancel line",
        zh="1 重新分配 · 2 调拨 · 3 等待至 · 4 替代 · 5 按现有发货 · 6 取消该行",
    ),
    "cases.argument": Words(
        en="warehouse (2), date YYYY-MM-DD (3) or SKU (4)",
        zh="仓库（2）、日期 YYYY-MM-DD（3）或 SKU（4）",
    ),
    "cases.col.order": Words(en="Order", zh="订单"),
    "cases.col.state": Words(en="Order state", zh="订单状态"),
    "cases.col.sku": Words(en="SKU", zh="SKU"),
    "cases.col.qty": Words(en="Have/ordered", zh="现有/订购"),
    "cases.col.case": Words(en="Case", zh="缺货单"),
    "cases.col.note": Words(en="Note", zh="备注"),
    "cases.state.open": Words(en="to decide", zh="待决定"),
    "cases.state.waiting": Words(en="waiting", zh="等待中"),
    "cases.count": Words(en="{count} cases.", zh="{count} 个缺货单。"),
    "cases.need.transfer": Words(
        en="Type the other warehouse's code first.", zh="请先输入另一仓库的代码。"
    ),
    "cases.need.wait": Words(
        en="Type the promised date first (YYYY-MM-DD).", zh="请先输入承诺日期（YYYY-MM-DD）。"
    ),
    "cases.need.substitute": Words(
        en="Type the substitute's SKU first.", zh="请先输入替代品的 SKU。"
    ),
    "cases.done.reallocate": Words(en="{order}: re-allocated.", zh="{order}：已重新分配。"),
    "cases.done.transfer": Words(en="{order}: transfer requested.", zh="{order}：已申请调拨。"),
    "cases.done.wait": Words(
        en="{order}: waits; the mall is told the date.", zh="{order}：等待补货，已告知商城日期。"
    ),
    "cases.done.substitute": Words(en="{order}: substitute offered.", zh="{order}：已提供替代品。"),
    "cases.done.ship_available": Words(
        en="{order}: ships what is available.", zh="{order}：按现有数量发货。"
    ),
    "cases.done.cancel_line": Words(en="{order}: line cancelled.", zh="{order}：该行已取消。"),
    "held.title": Words(en="Held orders", zh="挂起订单"),
    "held.text": Words(
        en="reason, or province / city / district / street", zh="原因，或 省 / 市 / 区 / 街道"
    ),
    "held.col.order": Words(en="Order", zh="订单"),
    "held.col.merchant": Words(en="Merchant", zh="商家"),
    "held.col.paid": Words(en="Paid", zh="付款"),
    "held.col.reason": Words(en="Why held", zh="挂起原因"),
    "held.paid": Words(en="paid", zh="已付"),
    "held.unpaid": Words(en="unpaid", zh="未付"),
    "held.count": Words(en="{count} held.", zh="{count} 个挂起。"),
    "held.done.release": Words(en="{order} released.", zh="{order} 已放行。"),
    "held.done.reject": Words(en="{order} rejected.", zh="{order} 已拒绝。"),
    "held.done.address": Words(
        en="{order}: address corrected, released.", zh="{order}：地址已更正并放行。"
    ),
    "held.done.wait": Words(en="{order} waits for payment.", zh="{order} 等待付款。"),
    "floor.title": Words(en="Carts on the floor", zh="现场拣货车"),
    "floor.badge": Words(en="badge of the picker to hand the cart to", zh="接手拣货员的工号"),
    "floor.col.cart": Words(en="Cart", zh="拣货车"),
    "floor.col.picker": Words(en="Picker", zh="拣货员"),
    "floor.col.done": Words(en="Done", zh="已完成"),
    "floor.col.last": Words(en="Last scan", zh="最后扫描"),
    "floor.count": Words(en="{count} carts in progress.", zh="{count} 辆拣货车在拣货中。"),
    "floor.given_back": Words(en="Cart {cart} given back.", zh="拣货车 {cart} 已交回。"),
    "floor.reassigned": Words(
        en="Cart {cart} handed to {badge}.", zh="拣货车 {cart} 已转给 {badge}。"
    ),
    "floor.badge_first": Words(
        en="Pick a cart and type a badge first.", zh="请先选择拣货车并输入工号。"
    ),
    "floor.no_wave": Words(
        en="No allocated orders wait for a wave.", zh="没有待组波次的已分配订单。"
    ),
    "floor.wave_preview": Words(
        en="Preview {code}: {orders} orders on {carts} carts:",
        zh="预览 {code}：{orders} 个订单，{carts} 辆车：",
    ),
    "floor.wave_released": Words(
        en="Released {code}: {orders} orders on {carts} carts:",
        zh="已下发 {code}：{orders} 个订单，{carts} 辆车：",
    ),
    "mall.title": Words(en="Messages the mall refused", zh="商城拒收的消息"),
    "mall.col.order": Words(en="Order", zh="订单"),
    "mall.col.kind": Words(en="Message", zh="消息"),
    "mall.col.answer": Words(en="The mall's answer", zh="商城答复"),
    "mall.col.tries": Words(en="Tries", zh="次数"),
    "mall.count": Words(en="{count} refused.", zh="{count} 条被拒。"),
    "mall.done.send": Words(en="{order}: sent again.", zh="{order}：已重发。"),
    "mall.done.give_up": Words(en="{order}: given up.", zh="{order}：已放弃。"),
    "setaside.title": Words(en="Payloads set aside", zh="已搁置的数据"),
    "setaside.reason": Words(en="Why", zh="原因"),
    "setaside.count": Words(en="{count} set aside.", zh="{count} 条已搁置。"),
    "setaside.done.read": Words(
        en="{order}: read again and taken in.", zh="{order}：已重新读取并接收。"
    ),
    "setaside.done.give_up": Words(en="{order}: given up.", zh="{order}：已放弃。"),
}
