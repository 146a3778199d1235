"""The handover manifest (交接单) as a PDF: carrier, time, parcels with weights and COD, the
totals, parcels left behind, and signature lines. Every text uses the embedded CJK font."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

MARGIN = 15 * mm
ROW = 6 * mm


@dataclass(frozen=True)
class ManifestRow:
    tracking_no: str
    order_sn: str
    weight_kg: Decimal
    cod: Decimal


@dataclass(frozen=True)
class Manifest:
    handover: str
    carrier_code: str
    carrier_name: str
    closed_at: str
    """Local time of the site, already formatted."""
    rows: list[ManifestRow]
    left_behind: list[str] = field(default_factory=list)

    @property
    def total_weight(self) -> Decimal:
        return sum((r.weight_kg for r in self.rows), Decimal("0"))

    @property
    def total_cod(self) -> Decimal:
        return sum((r.cod for r in self.rows), Decimal("0"))


def manifest_pdf(manifest: Manifest, *, font: str) -> bytes:
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=font)
    c.setTitle(f"handover manifest {manifest.handover}")
    width, height = A4
    y = _header(c, manifest, height, font)
    for row in manifest.rows:
        if y < MARGIN + 60 * mm:
            c.showPage()
            y = _header(c, manifest, height, font)
        c.setFont(font, 10)
        c.drawString(MARGIN, y, row.tracking_no)
        c.drawString(MARGIN + 60 * mm, y, row.order_sn)
        c.drawRightString(MARGIN + 130 * mm, y, f"{row.weight_kg:.3f}")
        c.drawRightString(width - MARGIN, y, f"{row.cod:.2f}")
        y -= ROW
    y -= ROW / 2
    c.setFont(font, 11)
    c.drawString(
        MARGIN,
        y,
        f"合计 Total: {len(manifest.rows)} 件 parcels   "
        f"重量 weight {manifest.total_weight:.3f} kg   "
        f"代收货款 COD to collect ¥{manifest.total_cod:.2f}",
    )
    y -= ROW * 1.5
    if manifest.left_behind:
        c.drawString(MARGIN, y, f"未交接（遗留）Left behind: {len(manifest.left_behind)}")
        y -= ROW
        c.setFont(font, 9)
        for number in manifest.left_behind:
            if y < MARGIN + 30 * mm:
                c.showPage()
                c.setFont(font, 9)
                y = height - MARGIN
            c.drawString(MARGIN + 5 * mm, y, number)
            y -= ROW * 0.8
    y = min(y - ROW, MARGIN + 25 * mm)
    c.setFont(font, 11)
    c.drawString(MARGIN, y, "仓库交接人 Warehouse: ____________________")
    c.drawString(MARGIN + 95 * mm, y, "快递员签字 Courier: ____________________")
    c.drawString(MARGIN, y - ROW * 1.5, "日期 Date: ____________________")
    c.showPage()
    c.save()
    return buffer.getvalue()


def _header(c: Canvas, manifest: Manifest, height: float, font: str) -> float:
    width = A4[0]
    y = height - MARGIN
    c.setFont(font, 16)
    c.drawString(MARGIN, y, f"出库交接单 Handover manifest {manifest.handover}")
    y -= ROW * 1.5
    c.setFont(font, 11)
    c.drawString(MARGIN, y, f"承运商 Carrier: {manifest.carrier_name} ({manifest.carrier_code})")
    c.drawRightString(width - MARGIN, y, f"时间 Time: {manifest.closed_at}")
    y -= ROW * 1.5
    c.setFont(font, 10)
    c.drawString(MARGIN, y, "运单号 Tracking no.")
    c.drawString(MARGIN + 60 * mm, y, "订单号 Order")
    c.drawRightString(MARGIN + 130 * mm, y, "重量 kg")
    c.drawRightString(width - MARGIN, y, "代收 COD ¥")
    c.line(MARGIN, y - 2, width - MARGIN, y - 2)
    return y - ROW
