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
    "figures.title": Words(en="Open orders by merchant", zh="各商家未完成订单"),
    "figures.merchant": Words(en="merchant", zh="商家"),
    "figures.due": Words(en="due", zh="最早到期"),
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
