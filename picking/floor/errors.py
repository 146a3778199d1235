"""The refusals a picker can meet, each one short sentence in English and in Chinese.

Each is a :class:`~warehouse.errors.WarehouseError`, so screens show ``localized(language)``.
"""

from __future__ import annotations

from warehouse.errors import StateError, WarehouseError


class ScanRefused(WarehouseError):
    """A scan that does not fit the step (wrong place, wrong item, too many…)."""


def wrong_location(expected: str) -> ScanRefused:
    return ScanRefused(f"Wrong location: go to {expected}.", zh=f"库位错误：请到 {expected}。")


def unknown_scan(text: str) -> ScanRefused:
    return ScanRefused(f"'{text}' is not a location.", zh=f"“{text}”不是库位。")


def wrong_item(expected: str) -> ScanRefused:
    return ScanRefused(f"Wrong item: take {expected}.", zh=f"商品错误：请拿 {expected}。")


def wrong_lot(expected: str) -> ScanRefused:
    return ScanRefused(f"Wrong lot: take lot {expected}.", zh=f"批次错误：请拿批次 {expected}。")


def expired_lot(lot: str) -> ScanRefused:
    return ScanRefused(
        f"Lot {lot} is expired: do not pick it, press F2.",
        zh=f"批次 {lot} 已过期：请勿拣货，按 F2。",
    )


def unreadable(text: str) -> ScanRefused:
    return ScanRefused(f"Cannot read '{text}': scan again.", zh=f"无法识别“{text}”：请重新扫描。")


def too_many(left: int) -> ScanRefused:
    return ScanRefused(
        f"Too many: only {left} more wanted here.", zh=f"数量过多：这里只需再拣 {left} 件。"
    )


def bad_quantity() -> ScanRefused:
    return ScanRefused(
        "Scan the item or type a number above zero.", zh="请扫描商品或输入大于零的数量。"
    )


def wrong_tote(expected: str) -> ScanRefused:
    return ScanRefused(f"Wrong tote: put it in {expected}.", zh=f"周转箱错误：请放入 {expected}。")


def no_batch() -> StateError:
    return StateError(
        "You hold no pick batch: press Enter for work.", zh="您没有拣货批次：按回车领取任务。"
    )


def last_stop() -> StateError:
    return StateError(
        "This is the last stop: pick it or press F2 for short.",
        zh="这是最后一站：请拣货或按 F2 报缺。",
    )


def bad_found_qty(left: int) -> StateError:
    return StateError(
        f"Found quantity must be 0 to {left - 1}.", zh=f"找到的数量必须在 0 到 {left - 1} 之间。"
    )


def bad_reason() -> StateError:
    return StateError("Choose a reason 1 to 4.", zh="请选择原因 1 到 4。")


def bad_key() -> WarehouseError:
    return WarehouseError("The scan carried no valid key.", zh="扫描缺少有效的标识。")


def scan_location_first(expected: str) -> ScanRefused:
    return ScanRefused(f"Scan location {expected} first.", zh=f"请先扫描库位 {expected}。")


def scan_item_first() -> ScanRefused:
    return ScanRefused("Scan the item first.", zh="请先扫描商品。")
