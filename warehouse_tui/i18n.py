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
}


def tr(key: str, language: str, **params: object) -> str:
    english, chinese = TEXTS.get(key, (key, key))
    text = chinese if language.startswith("zh") else english
    return text.format(**params) if params else text


def other_language(language: str) -> str:
    return "en" if language.startswith("zh") else "zh_CN"
