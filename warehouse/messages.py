"""The core's sentences, in English and Chinese (see :mod:`warehouse.words` for the rule)."""

from __future__ import annotations

from warehouse.words import Words, register

CATALOG = register(
    {
        "shortage.covered_later": Words(
            en="Stock was allocated on a later attempt.", zh="后续分配时已有库存。"
        ),
        "shortage.short_pick": Words(
            en="Short at {location} in {batch}.", zh="批次 {batch} 在 {location} 缺货。"
        ),
        "scan.unreadable": Words(
            en="Cannot read '{text}': scan again.", zh="无法识别“{text}”：请重新扫描。"
        ),
        "scan.empty": Words(en="Nothing was scanned: scan again.", zh="未扫描到内容：请重新扫描。"),
    }
)
