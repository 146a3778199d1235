"""The per-merchant billing statement as an A4 PDF, in the embedded CJK font.

One page (or more) per merchant: the period, the figures in Chinese and English, parcels by box
size and packing materials. The font is the labels' WenQuanYi subset (``labels.fonts``), so
merchant names print everywhere.
"""

from __future__ import annotations

import io
from datetime import timedelta

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from labels.fonts import cjk_font, require_font_file
from warehouse.config import Settings
from warehouse.reports.statement import MerchantStatement
from warehouse.reports.window import Window

MARGIN = 18 * mm
ROW = 7 * mm
FIGURES = (
    ("订单 Orders", "orders"),
    ("订单行 Lines", "lines"),
    ("拣货件数 Units picked", "units_picked"),
    ("包裹 Parcels", "parcels"),
    ("退货入库件数 Returns received (units)", "returns_units"),
    ("库位·天 Storage (location-days)", "location_days"),
)


def statement_pdf(
    window: Window, statements: list[MerchantStatement], *, site: str, font: str
) -> bytes:
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=A4, pageCompression=1, initialFontName=font)
    c.setTitle("Merchant statement")
    last = (window.end - timedelta(days=1)).date()
    period = f"{window.start.date().isoformat()} – {last.isoformat()}"
    pages: list[MerchantStatement | None] = list(statements) or [None]
    for statement in pages:
        y = A4[1] - MARGIN
        c.setFont(font, 16)
        c.drawString(MARGIN, y, "商家结算单 Merchant statement")
        y -= ROW * 1.5
        c.setFont(font, 10)
        c.drawString(MARGIN, y, f"{site}  期间 Period: {period}")
        y -= ROW * 1.5
        if statement is None:
            c.drawString(MARGIN, y, "无商家 No merchant")
            c.showPage()
            continue
        c.setFont(font, 12)
        c.drawString(MARGIN, y, f"商家 Merchant: {statement.name} ({statement.mall_id})")
        y -= ROW * 1.5
        c.setFont(font, 10)
        for label, attribute in FIGURES:
            c.drawString(MARGIN, y, label)
            c.drawRightString(A4[0] - MARGIN, y, str(getattr(statement, attribute)))
            y -= ROW
        for heading, counts in (
            ("按箱型的包裹 Parcels by box size", statement.parcels_by_box),
            ("包装材料 Packing materials", statement.materials),
        ):
            y -= ROW / 2
            c.drawString(MARGIN, y, heading)
            y -= ROW
            for code, count in counts.items() or [("-", 0)]:
                if y < MARGIN:
                    c.showPage()
                    c.setFont(font, 10)
                    y = A4[1] - MARGIN
                c.drawString(MARGIN + 8 * mm, y, str(code))
                c.drawRightString(A4[0] - MARGIN, y, str(count))
                y -= ROW
        c.showPage()
    c.save()
    return buffer.getvalue()


def statement_pdf_for(
    settings: Settings, window: Window, statements: list[MerchantStatement]
) -> bytes:
    """With the site's configured CJK font (``labels.font_file``)."""
    font = cjk_font(
        require_font_file(settings.labels.font_file), settings.labels.font_subfont_index
    )
    site = f"{settings.site.code} {settings.site.name}"
    return statement_pdf(window, statements, site=site, font=font)
