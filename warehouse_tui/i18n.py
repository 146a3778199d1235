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
}


def tr(key: str, language: str, **params: object) -> str:
    words = TEXTS.get(key)
    if words is None:
        return key
    return words.render(language, **params)


def other_language(language: str) -> str:
    return "en" if language.startswith("zh") else "zh_CN"
