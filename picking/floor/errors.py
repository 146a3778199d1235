"""The refusals a picker can meet: picking's catalog of sentences, in English and Chinese.

Each refusal is a :class:`~warehouse.errors.WarehouseError` built from a catalog entry, so
screens show ``localized(language)``; the catalog is registered with :mod:`warehouse.words`
so a stored key renders anywhere.
"""

from __future__ import annotations

from warehouse.errors import PermissionDenied, StateError, StockError, WarehouseError
from warehouse.item_scan import shown
from warehouse.messages import CATALOG as CORE
from warehouse.words import Words, register


class ScanRefused(WarehouseError):
    """A scan that does not fit the step (wrong place, wrong item, too many…)."""


W = Words
CATALOG = register(
    {
        "pick.wrong_location": W(
            en="Wrong location: go to {expected}.", zh="库位错误：请到 {expected}。"
        ),
        "pick.not_a_location": W(en="'{text}' is not a location.", zh="“{text}”不是库位。"),
        "pick.wrong_item": W(en="Wrong item: take {expected}.", zh="商品错误：请拿 {expected}。"),
        "pick.wrong_lot": W(
            en="Wrong lot: take lot {expected}.", zh="批次错误：请拿批次 {expected}。"
        ),
        "pick.expired_lot": W(
            en="Lot {lot} is expired: do not pick it, press F2.",
            zh="批次 {lot} 已过期：请勿拣货，按 F2。",
        ),
        "pick.too_many": W(
            en="Too many: only {left} more wanted here.", zh="数量过多：这里只需再拣 {left} 件。"
        ),
        "pick.bad_quantity": W(
            en="Scan the item or type a number above zero.", zh="请扫描商品或输入大于零的数量。"
        ),
        "pick.wrong_tote": W(
            en="Wrong tote: put it in {expected}.", zh="周转箱错误：请放入 {expected}。"
        ),
        "pick.no_batch": W(
            en="You hold no pick batch: press Enter for work.",
            zh="您没有拣货批次：按回车领取任务。",
        ),
        "pick.last_stop": W(
            en="This is the last stop: pick it or press F2 for short.",
            zh="这是最后一站：请拣货或按 F2 报缺。",
        ),
        "pick.bad_found_qty": W(
            en="Found quantity must be 0 to {top}.", zh="找到的数量必须在 0 到 {top} 之间。"
        ),
        "pick.bad_reason": W(en="Choose a reason 1 to 4.", zh="请选择原因 1 到 4。"),
        "pick.bad_key": W(en="The scan carried no valid key.", zh="扫描缺少有效的标识。"),
        "pick.scan_location_first": W(
            en="Scan location {expected} first.", zh="请先扫描库位 {expected}。"
        ),
        "pick.scan_item_first": W(en="Scan the item first.", zh="请先扫描商品。"),
        "pick.role_may_not_pick": W(
            en="Your role ({role}) may not pick.", zh="您的角色（{role}）不能拣货。"
        ),
        "pick.person_only": W(en="Only a logged-in person can pick.", zh="只有登录人员才能拣货。"),
        "pick.nothing_reserved": W(
            en="This task has no stock reserved: ask a supervisor.",
            zh="此任务没有预留库存：请联系主管。",
        ),
        "pick.over_reserved": W(
            en="More than was reserved would be picked: ask a supervisor.",
            zh="拣货数量超过预留数量：请联系主管。",
        ),
        "pick.record_short": W(
            en="The shelf's stock record is short: press F2 to report it.",
            zh="库存记录不足：请按 F2 报缺。",
        ),
        "pick.stock_changed": W(
            en="Stock changed while it was being reserved: try again.", zh="库存正在变动：请重试。"
        ),
        "pick.not_yet": W(
            en="Not yet: {left} more to pick here.", zh="还未完成：这里还需拣 {left} 件。"
        ),
        "pick.in_hand": W(
            en="Items are in your hand: finish this pick first.",
            zh="商品已在手中：请先完成此次拣货。",
        ),
        "pick.reservations_inconsistent": W(
            en="The shelf's reservations do not add up: ask a supervisor.",
            zh="库位预留数据不一致：请联系主管。",
        ),
        "pick.screen_behind": W(
            en="The screen was behind: look again.", zh="屏幕信息已过期：请重新查看。"
        ),
        "pick.all_in_hand": W(
            en="Everything for this pick is in hand: put it in the tote.",
            zh="此次拣货已完成：请放入周转箱。",
        ),
        "pick.count_shelf": W(
            en="Short pick ({reason}) at {location}: count the shelf.",
            zh="拣货缺货（{reason}）于 {location}：请盘点该库位。",
        ),
        # count tasks on the handheld (picking/floor/counts.py)
        "count.none": W(en="No count task is waiting.", zh="没有待盘点任务。"),
        "count.wrong_location": W(
            en="Wrong location: count {expected}.", zh="库位错误：请盘点 {expected}。"
        ),
        "count.below_reserved": W(
            en="{sku}: {reserved} units are reserved here; ask a supervisor before counting fewer.",
            zh="{sku}：此处已预留 {reserved} 件；盘点数量更少前请联系主管。",
        ),
        "count.task_reason": W(en="Count task {task}: {reason}", zh="盘点任务 {task}：{reason}"),
        "count.low_stock": W(
            en="Low stock of {sku} at {location}: count the shelf.",
            zh="{location} 的 {sku} 库存偏低：请盘点该库位。",
        ),
    }
)


def wrong_location(expected: str) -> ScanRefused:
    return ScanRefused.of(CATALOG["pick.wrong_location"], expected=expected)


def unknown_scan(text: str) -> ScanRefused:
    return ScanRefused.of(CATALOG["pick.not_a_location"], text=shown(text))


def wrong_item(expected: str) -> ScanRefused:
    return ScanRefused.of(CATALOG["pick.wrong_item"], expected=expected)


def wrong_lot(expected: str) -> ScanRefused:
    return ScanRefused.of(CATALOG["pick.wrong_lot"], expected=expected)


def expired_lot(lot: str) -> ScanRefused:
    return ScanRefused.of(CATALOG["pick.expired_lot"], lot=lot)


def unreadable(text: str) -> ScanRefused:
    """The core's sentence for a scan that cannot be read (packing and returns say the same)."""
    return ScanRefused.of(CORE["scan.unreadable"], text=shown(text))


def too_many(left: int) -> ScanRefused:
    return ScanRefused.of(CATALOG["pick.too_many"], left=left)


def bad_quantity() -> ScanRefused:
    return ScanRefused.of(CATALOG["pick.bad_quantity"])


def wrong_tote(expected: str) -> ScanRefused:
    return ScanRefused.of(CATALOG["pick.wrong_tote"], expected=expected)


def no_batch() -> StateError:
    return StateError.of(CATALOG["pick.no_batch"])


def last_stop() -> StateError:
    return StateError.of(CATALOG["pick.last_stop"])


def bad_found_qty(left: int) -> StateError:
    return StateError.of(CATALOG["pick.bad_found_qty"], top=left - 1)


def bad_reason() -> StateError:
    return StateError.of(CATALOG["pick.bad_reason"])


def bad_key() -> WarehouseError:
    return WarehouseError.of(CATALOG["pick.bad_key"])


def scan_location_first(expected: str) -> ScanRefused:
    return ScanRefused.of(CATALOG["pick.scan_location_first"], expected=expected)


def scan_item_first() -> ScanRefused:
    return ScanRefused.of(CATALOG["pick.scan_item_first"])


def refused(key: str, **params: object) -> StateError:
    """A state refusal by catalog key (``pick.in_hand``, ``pick.screen_behind``…)."""
    return StateError.of(CATALOG[key], **params)


def stock_refused(key: str, **params: object) -> StockError:
    return StockError.of(CATALOG[key], **params)


def role_may_not_pick(role: str) -> PermissionDenied:
    return PermissionDenied.of(CATALOG["pick.role_may_not_pick"], role=role)


def person_only() -> PermissionDenied:
    return PermissionDenied.of(CATALOG["pick.person_only"])
