"""Interface text in English and Chinese; ``tr(key, language, **params)`` picks one.

Screens keep their words here so that a translation is one place to edit. Domain errors carry
their own Chinese sentence (``WarehouseError.localized``).
"""

from __future__ import annotations

from warehouse.words import Words

LANGUAGES = ("zh_CN", "en")

TEXTS: dict[str, Words] = {
    "app.title": Words(en="Warehouse terminal", zh="仓库作业终端"),
    "login.title": Words(en="Log in", zh="登录"),
    "login.badge": Words(en="Scan your badge", zh="请扫描工牌"),
    "login.pin": Words(en="Enter your PIN", zh="请输入密码"),
    "login.badge_placeholder": Words(en="badge", zh="工牌号"),
    "login.pin_placeholder": Words(en="PIN", zh="密码"),
    "login.checking": Words(en="Checking…", zh="正在验证…"),
    "login.welcome": Words(en="Welcome, {name}", zh="欢迎，{name}"),
    "key.help": Words(en="Help", zh="帮助"),
    "key.language": Words(en="中文/EN", zh="中文/EN"),
    "key.quit": Words(en="Quit", zh="退出"),
    "key.logout": Words(en="Log out", zh="注销"),
    "key.back": Words(en="Back", zh="返回"),
    "key.refresh": Words(en="Refresh", zh="刷新"),
    "role.picker": Words(en="Picker", zh="拣货员"),
    "role.packer": Words(en="Packer", zh="打包员"),
    "role.supervisor": Words(en="Supervisor", zh="主管"),
    "role.admin": Words(en="Administrator", zh="管理员"),
    "home.menu": Words(en="Press a number:", zh="请按数字键："),
    "home.no_menu": Words(
        en="No tasks for this role on this terminal yet.", zh="此终端暂无该角色的作业。"
    ),
    "home.figures": Words(en="Now", zh="当前"),
    "home.sync": Words(
        en="Mall sync: {when}, backlog {backlog}", zh="商城同步：{when}，待处理 {backlog}"
    ),
    "home.sync_never": Words(en="Mall sync: never", zh="商城同步：尚未同步"),
    "home.loading": Words(en="Loading…", zh="加载中…"),
    "home.shortages": Words(en="shortages", zh="缺货待处理"),
    "menu.pick": Words(en="Pick", zh="拣货"),
    "menu.figures": Words(en="Shift figures", zh="班次数据"),
    "help.title": Words(en="Help", zh="帮助"),
    "help.close": Words(en="Esc or F1 closes this help.", zh="按 Esc 或 F1 关闭帮助。"),
    "help.keys": Words(en="Keys on this screen", zh="本屏按键"),
    "confirm.logout": Words(en="Log out now?", zh="确定注销吗？"),
    "confirm.quit": Words(en="Quit the terminal?", zh="确定退出终端吗？"),
    "confirm.yes": Words(en="Enter = yes", zh="回车 = 是"),
    "confirm.no": Words(en="Esc = no", zh="Esc = 否"),
    "error.unexpected": Words(
        en="Something went wrong ({detail}); details are in {log}.",
        zh="发生意外错误（{detail}），详情见 {log}。",
    ),
    "error.database": Words(
        en="The database cannot be reached; try again in a moment.",
        zh="无法连接数据库，请稍后再试。",
    ),
    # Picking (screens/picker): the guided pick, short-pick dialog and pick menu.
    "key.short": Words(en="Short", zh="缺货"),
    "key.skip": Words(en="Skip", zh="跳过"),
    "key.menu": Words(en="Menu", zh="菜单"),
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
    "menu.title": Words(en="Pick menu", zh="拣货菜单"),
    "menu.release": Words(en="Give the batch back", zh="交回批次"),
    "menu.home": Words(en="Back to the home screen", zh="返回主页"),
    "menu.close": Words(en="Esc: carry on picking", zh="Esc：继续拣货"),
    # Shift figures, merchant statement, floor map (screens/figures.py, statement.py, floor_map.py)
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
    "key.figures_earlier": Words(en="-1 day", zh="前一天"),
    "key.figures_later": Words(en="+1 day", zh="后一天"),
    "key.figures_widen": Words(en="Day/week", zh="日/周"),
    "key.figures_export": Words(en="CSV", zh="CSV"),
    "key.figures_statement": Words(en="Statement", zh="结算单"),
    "key.figures_map": Words(en="Map", zh="地图"),
    "key.statement_pdf": Words(en="PDF", zh="PDF"),
    "key.map_next": Words(en="Next picker", zh="下一位"),
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
    "menu.statement": Words(en="Merchant statement", zh="商家结算单"),
    "menu.floor_map": Words(en="Floor map", zh="仓库地图"),
    # --- returns station and returns queues (warehouse_tui/screens/returns/) ---
    "menu.returns": Words(en="Returns station", zh="退货台"),
    "menu.return_queues": Words(en="Returns queues", zh="退货待办"),
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
    "key.close_return": Words(en="Close", zh="关闭"),
    # --- supervisor: queue, history, held orders, shortage cases (screens/supervisor/) ---
    "menu.queue": Words(en="Order queue and search", zh="订单队列与搜索"),
    "menu.held": Words(en="Held orders", zh="挂起订单"),
    "menu.shortages": Words(en="Shortage cases", zh="缺货单"),
    "key.queue.next": Words(en="Next page", zh="下一页"),
    "key.queue.raise": Words(en="Priority up", zh="提高优先级"),
    "key.queue.lower": Words(en="Priority down", zh="降低优先级"),
    "key.held.release": Words(en="Release", zh="放行"),
    "key.held.reject": Words(en="Reject", zh="拒绝"),
    "key.held.address": Words(en="Address", zh="更正地址"),
    "key.held.wait": Words(en="Wait", zh="等待"),
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
    "menu.floor": Words(en="Carts and waves", zh="拣货车与波次"),
    "menu.mall": Words(en="Refused mall messages", zh="商城拒收消息"),
    "key.floor.give_back": Words(en="Give back", zh="交回"),
    "key.floor.reassign": Words(en="Reassign", zh="转派"),
    "key.floor.preview": Words(en="Preview wave", zh="预览波次"),
    "key.floor.release": Words(en="Release wave", zh="下发波次"),
    "key.mall.send": Words(en="Send again", zh="重发"),
    "key.mall.give_up": Words(en="Give up", zh="放弃"),
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
    # --- picker: count tasks on the handheld (screens/picker/count.py) ---
    "menu.count": Words(en="Count a shelf", zh="盘点库位"),
    "key.count.finish": Words(en="Done", zh="完成"),
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
    "menu.setaside": Words(en="Unreadable mall payloads", zh="无法读取的商城数据"),
    "key.setaside.read": Words(en="Read again", zh="重新读取"),
    "key.setaside.give_up": Words(en="Give up", zh="放弃"),
    "setaside.title": Words(en="Payloads set aside", zh="已搁置的数据"),
    "setaside.reason": Words(en="Why", zh="原因"),
    "setaside.count": Words(en="{count} set aside.", zh="{count} 条已搁置。"),
    "setaside.done.read": Words(
        en="{order}: read again and taken in.", zh="{order}：已重新读取并接收。"
    ),
    "setaside.done.give_up": Words(en="{order}: given up.", zh="{order}：已放弃。"),
    # Packing (screens/packer): the packing station and its carrier dialog.
    "menu.pack": Words(en="Pack", zh="包装"),
    "key.pack_short": Words(en="Short", zh="报缺"),
    "key.unscan": Words(en="Un-scan", zh="撤销"),
    "key.close_parcel": Words(en="Close parcel", zh="封箱"),
    "key.next_box": Words(en="Box", zh="换箱"),
    "key.carrier": Words(en="Carrier", zh="承运商"),
    "key.scale": Words(en="Scale", zh="读秤"),
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
    "pack.print.printed": Words(en="Printed:", zh="已打印："),
    "pack.print.failed": Words(en="Not printed:", zh="未打印："),
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
    # --- dock: handover screen and delivery-exception queue (issue 13) ---
    "menu.handover": Words(en="Hand over to a carrier", zh="出库交接"),
    "menu.exceptions": Words(en="Delivery exceptions", zh="配送异常"),
    "handover.title": Words(en="Handover to carrier", zh="出库交接"),
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


def tr(key: str, language: str, **params: object) -> str:
    words = TEXTS.get(key)
    if words is None:
        return key
    return words.render(language, **params)


def other_language(language: str) -> str:
    return "en" if language.startswith("zh") else "zh_CN"
