"""Sentences of the packing station, in English and Chinese, and the errors built from them."""

from __future__ import annotations

from warehouse.errors import WarehouseError
from warehouse.words import Words, register


class PackingError(WarehouseError):
    """The station cannot pack or weigh as asked."""


class ScaleError(PackingError):
    """The scale did not give a usable weight."""


NOTHING_TO_PACK = Words(en="There is nothing to pack.", zh="没有需要包装的商品。")
NO_BOX_FOR_ITEM = Words(
    en="{sku} fits no box of the catalogue: pack it in its own carton.",
    zh="{sku} 放不进目录中的任何纸箱：请用其原包装发货。",
)
WEIGHT_OK = Words(
    en="Weight {actual} kg is within {tolerance} kg of the expected {expected} kg.",
    zh="重量 {actual} 公斤，与预计 {expected} 公斤相差在 {tolerance} 公斤以内。",
)
WEIGHT_OFF = Words(
    en="Weight {actual} kg is {difference} kg off the expected {expected} kg: check the parcel again.",
    zh="重量 {actual} 公斤与预计 {expected} 公斤相差 {difference} 公斤：请重新检查包裹。",
)
WEIGHT_UNREADABLE = Words(
    en="'{text}' is not a weight: type it as 1.234 or 1234 g.",
    zh="“{text}”不是重量：请输入如 1.234 或 1234 g。",
)
SCALE_SILENT = Words(
    en="The scale on {port} gave no stable weight within {seconds} s: weigh again or type it.",
    zh="{port} 上的秤 {seconds} 秒内没有稳定读数：请重新称重或手动输入。",
)
SCALE_NONE = Words(
    en="No serial scale is set up for this station ([packing.scale] port): type the weight.",
    zh="本工作站未配置串口秤（[packing.scale] port）：请手动输入重量。",
)
SCALE_UNREACHABLE = Words(
    en="The scale on {port} cannot be opened ({why}): type the weight.",
    zh="无法打开 {port} 上的秤（{why}）：请手动输入重量。",
)

CATALOG = register(
    {
        "packing.nothing_to_pack": NOTHING_TO_PACK,
        "packing.no_box_for_item": NO_BOX_FOR_ITEM,
        "packing.weight_ok": WEIGHT_OK,
        "packing.weight_off": WEIGHT_OFF,
        "packing.weight_unreadable": WEIGHT_UNREADABLE,
        "packing.scale_silent": SCALE_SILENT,
        "packing.scale_unreachable": SCALE_UNREACHABLE,
        "packing.scale_none": SCALE_NONE,
    }
)
