"""Interface text in English and Chinese; ``tr(key, language, **params)`` picks one.

Screens keep their words here so that a translation is one place to edit. Domain errors carry
their own Chinese sentence (``WarehouseError.localized``).
"""

from __future__ import annotations

LANGUAGES = ("zh_CN", "en")

TEXTS: dict[str, tuple[str, str]] = {
    # key: (English, 中文)
    "app.title": ("Warehouse terminal", "仓库作业终端"),
    "login.title": ("Log in", "登录"),
    "login.badge": ("Scan your badge", "请扫描工牌"),
    "login.pin": ("Enter your PIN", "请输入密码"),
    "login.badge_placeholder": ("badge", "工牌号"),
    "login.pin_placeholder": ("PIN", "密码"),
    "login.checking": ("Checking…", "正在验证…"),
    "login.welcome": ("Welcome, {name}", "欢迎，{name}"),
    "key.help": ("Help", "帮助"),
    "key.language": ("中文/EN", "中文/EN"),
    "key.quit": ("Quit", "退出"),
    "key.logout": ("Log out", "注销"),
    "key.back": ("Back", "返回"),
    "key.refresh": ("Refresh", "刷新"),
    "role.picker": ("Picker", "拣货员"),
    "role.packer": ("Packer", "打包员"),
    "role.supervisor": ("Supervisor", "主管"),
    "role.admin": ("Administrator", "管理员"),
    "home.menu": ("Press a number:", "请按数字键："),
    "home.no_menu": ("No tasks for this role on this terminal yet.", "此终端暂无该角色的作业。"),
    "home.figures": ("Now", "当前"),
    "home.sync": ("Mall sync: {when}, backlog {backlog}", "商城同步：{when}，待处理 {backlog}"),
    "home.sync_never": ("Mall sync: never", "商城同步：尚未同步"),
    "home.loading": ("Loading…", "加载中…"),
    "help.title": ("Help", "帮助"),
    "help.close": ("Esc or F1 closes this help.", "按 Esc 或 F1 关闭帮助。"),
    "help.keys": ("Keys on this screen", "本屏按键"),
    "confirm.logout": ("Log out now?", "确定注销吗？"),
    "confirm.quit": ("Quit the terminal?", "确定退出终端吗？"),
    "confirm.yes": ("Enter = yes", "回车 = 是"),
    "confirm.no": ("Esc = no", "Esc = 否"),
    "error.unexpected": (
        "Something went wrong ({detail}); details are in {log}.",
        "发生意外错误（{detail}），详情见 {log}。",
    ),
    "error.database": (
        "The database cannot be reached; try again in a moment.",
        "无法连接数据库，请稍后再试。",
    ),
    # Picking (screens/picker): the guided pick, short-pick dialog and pick menu.
    "key.short": ("Short", "缺货"),
    "key.skip": ("Skip", "跳过"),
    "key.menu": ("Menu", "菜单"),
    "pick.progress": ("{done}/{total} · {metres} m left", "{done}/{total} · 剩 {metres} 米"),
    "pick.qty": ("Qty {qty}", "数量 {qty}"),
    "pick.in_hand": ("in hand {n}", "已拿 {n}"),
    "pick.lot": ("Lot", "批次"),
    "pick.next": ("Next", "下一站"),
    "pick.last": ("last stop", "最后一站"),
    "pick.prompt.idle": ("Enter: get a batch", "回车：领取批次"),
    "pick.prompt.location": ("Go there, scan the location", "前往并扫描库位"),
    "pick.prompt.item": ("Scan the item", "扫描商品"),
    "pick.prompt.quantity": ("Scan each unit or type qty", "逐件扫描或输入数量"),
    "pick.prompt.tote": ("Put in {tote}, scan the tote", "放入 {tote}，扫描周转箱"),
    "pick.prompt.done": ("Done: cart to packing. Enter: next", "完成：推车送打包。回车：下一批"),
    "pick.none": ("No work waiting now.", "暂无待拣任务。"),
    "pick.idle": ("You hold no batch.", "您没有拣货批次。"),
    "pick.claimed": ("Batch {code}: {left} picks.", "批次 {code}：共 {left} 项。"),
    "pick.resumed": ("Resuming {code}: {left} picks left.", "继续批次 {code}：剩 {left} 项。"),
    "pick.ok": ("OK", "好"),
    "pick.scan_here": ("scan or type here", "在此扫描或输入"),
    "pick.reallocated": (
        "Short: {qty} more at {location}.",
        "缺货：请到 {location} 再拣 {qty} 件。",
    ),
    "pick.escalated": ("Short reported to the supervisor.", "缺货已上报主管。"),
    "pick.skipped": ("Skipped: back here at the end.", "已跳过：最后再回来。"),
    "pick.released": ("Batch {code} given back.", "批次 {code} 已交回。"),
    "short.title": ("Short pick ({wanted} wanted)", "报缺（需 {wanted} 件）"),
    "short.reason": ("Why? Press 1-4", "原因？按 1-4"),
    "short.found": ("Found how many? Type, Enter", "找到几件？输入后回车"),
    "short.bad_found": ("Type 0 to {top}.", "请输入 0 到 {top}。"),
    "short.EMPTY": ("Shelf empty", "库位为空"),
    "short.DAMAGED": ("Damaged", "破损"),
    "short.EXPIRED": ("Expired", "过期"),
    "short.NOT_FOUND": ("Not found", "找不到"),
    "menu.title": ("Pick menu", "拣货菜单"),
    "menu.release": ("Give the batch back", "交回批次"),
    "menu.home": ("Back to the home screen", "返回主页"),
    "menu.close": ("Esc: carry on picking", "Esc：继续拣货"),
}


def tr(key: str, language: str, **params: object) -> str:
    english, chinese = TEXTS.get(key, (key, key))
    text = chinese if language.startswith("zh") else english
    return text.format(**params) if params else text


def other_language(language: str) -> str:
    return "en" if language.startswith("zh") else "zh_CN"
