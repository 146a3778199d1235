"""Reading an item scan and matching it to a SKU: one primitive for picking, packing and
returns.

A scanner sends a plain code (a SKU's own code or any of its barcodes: EAN-13, GTIN-14,
internal) or a GS1-128 element string that also names the lot (AI 10), expiry (AI 17) and
serial (AI 21). An EAN-13 and the GTIN-14 that wraps it are the same number, so both compare
as GTIN-14. What a station then demands (the reserved lot, a minimum shelf life, one unit per
scan) is that station's own check on top of :class:`ItemScan`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from warehouse import messages as _messages
from warehouse.errors import WarehouseError
from warehouse.gs1 import Gs1Error, as_gtin14, looks_like_gs1, parse_gs1
from warehouse.models import Sku, SkuBarcode

MAX_SCAN_CHARS = 120
"""Longer than any barcode the floor reads: a scan beyond it is cut (and will not match)."""


SHOWN_CHARS = 40
"""A scan quoted in a sentence is cut to this length."""


def shown(text: str, limit: int = SHOWN_CHARS) -> str:
    """A scan as it may be quoted to an operator: control characters as visible symbols
    (a group separator shows as ␝), cut to ``limit`` characters with an ellipsis."""
    visible = "".join(
        chr(0x2400 + ord(c)) if ord(c) < 32 else "␡" if ord(c) == 127 else c for c in text
    )
    return visible if len(visible) <= limit else visible[: limit - 1] + "…"


class UnreadableScan(WarehouseError):
    """The text cannot be read as an item code."""


@dataclass(frozen=True)
class ItemScan:
    text: str
    """What was scanned, stripped."""
    code: str | None
    """The code to match against SKUs: the GTIN of a GS1 string, else the text; None when a
    GS1 string names no item (an SSCC, say)."""
    lot: str | None = None
    expiry: date | None = None
    serial: str | None = None
    count: int | None = None

    @property
    def is_gs1(self) -> bool:
        return self.code != self.text


def read_item_scan(text: str, today: date) -> ItemScan:
    """Read what the scanner sent; raises :class:`UnreadableScan` with a sentence."""
    value = text.strip()[:MAX_SCAN_CHARS]
    if not value:
        raise UnreadableScan.of(_messages.CATALOG["scan.empty"])
    if not looks_like_gs1(value):
        return ItemScan(text=value, code=value)
    try:
        data = parse_gs1(value, today=today)
    except Gs1Error:
        raise UnreadableScan.of(_messages.CATALOG["scan.unreadable"], text=shown(value)) from None
    return ItemScan(
        text=value,
        code=data.gtin,
        lot=data.lot,
        expiry=data.expiry,
        serial=data.serial,
        count=data.count,
    )


def same_code(scanned: str, known: str) -> bool:
    """True when two codes name the same thing (GTIN-14 equal, or the same text)."""
    a, b = as_gtin14(scanned), as_gtin14(known)
    if a is not None and b is not None:
        return a == b
    return scanned.strip().upper() == known.strip().upper()


def _codes_of(session: Session, sku_ids: Iterable[int]) -> dict[int, list[str]]:
    codes: dict[int, list[str]] = {}
    for sku_id, code in session.execute(
        select(SkuBarcode.sku_id, SkuBarcode.code).where(SkuBarcode.sku_id.in_(list(sku_ids)))
    ):
        codes.setdefault(sku_id, []).append(code)
    return codes


def is_code_of(session: Session, sku: Sku, scan: ItemScan) -> bool:
    """Does the scan name this SKU (its own code or any of its barcodes)?"""
    if scan.code is None:
        return False
    known = [sku.code, *_codes_of(session, [sku.id]).get(sku.id, [])]
    return any(same_code(scan.code, code) for code in known)


def match_sku(session: Session, scan: ItemScan, candidates: Sequence[Sku]) -> Sku | None:
    """Which of ``candidates`` (an order's SKUs, a cart's) the scan names, or None."""
    if scan.code is None or not candidates:
        return None
    barcodes = _codes_of(session, [s.id for s in candidates])
    for sku in candidates:
        if any(same_code(scan.code, c) for c in [sku.code, *barcodes.get(sku.id, [])]):
            return sku
    return None


def skus_named_by(session: Session, scan: ItemScan, *, merchant_id: int | None = None) -> list[Sku]:
    """Every SKU in the catalogue the scan names (several merchants may sell one GTIN)."""
    if scan.code is None:
        return []
    variants = {scan.code, scan.code.upper()}
    gtin = as_gtin14(scan.code)
    if gtin is not None:
        variants |= {gtin, gtin.lstrip("0"), gtin[1:], gtin[2:], gtin[6:]}
    ids = set(session.scalars(select(SkuBarcode.sku_id).where(SkuBarcode.code.in_(variants))))
    query = select(Sku).where((Sku.id.in_(ids)) | (Sku.code.in_(variants)))
    if merchant_id is not None:
        query = query.where(Sku.merchant_id == merchant_id)
    return [s for s in session.scalars(query.order_by(Sku.id)) if is_code_of(session, s, scan)]
