"""Packing slip as PDF (A5 or A4): the merchant's branding, the order barcode and its lines.

Gift orders show no prices (and the gift message, if any); cash-on-delivery orders show the
amount to collect. Headings are Chinese and English; every text uses the embedded CJK font.
"""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4, A5
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from labels.barcode128 import code128
from labels.content import PackingSlip, SlipLine
from labels.pdf_draw import boxed, draw_bars, text_lines, wrap
from labels.pdf_label import money

MARGIN = 12 * mm
ROW = 6.5 * mm
HEADINGS = {
    "zh+en": ("装箱单 Packing slip", "订单 Order", "礼品 Gift", "货到付款 Cash on delivery"),
    "zh": ("装箱单", "订单", "礼品", "货到付款"),
    "en": ("Packing slip", "Order", "Gift", "Cash on delivery"),
}
COLUMNS = {
    "zh+en": ("SKU", "品名 Name", "批次 Lot", "数量 Qty", "单价 Price"),
    "zh": ("SKU", "品名", "批次", "数量", "单价"),
    "en": ("SKU", "Name", "Lot", "Qty", "Price"),
}


def packing_slip_pdf(
    slip: PackingSlip, *, page: str, font: str, language: str = "zh+en", dpi: int = 203
) -> bytes:
    size = A4 if page == "A4" else A5
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=size, pageCompression=1, initialFontName=font)
    c.setTitle(f"packing slip {slip.order_sn}")
    width, height = size
    lines = list(slip.lines)
    page_no = 1
    while True:
        y = _header(c, slip, width, height, font, language, dpi, page_no)
        y, lines = _rows(c, slip, lines, y, width, font, language)
        if not lines:
            _footer(c, slip, y, width, font, language)
            c.showPage()
            break
        c.showPage()
        page_no += 1
    c.save()
    return buffer.getvalue()


def _header(
    c: Canvas,
    slip: PackingSlip,
    width: float,
    height: float,
    font: str,
    language: str,
    dpi: int,
    page_no: int,
) -> float:
    title, order_word, gift_word, cod_word = HEADINGS[language]
    top = height - MARGIN
    x = MARGIN
    if slip.logo is not None and slip.logo.is_file():
        c.drawImage(
            ImageReader(str(slip.logo)), x, top - 16 * mm, 16 * mm, 16 * mm,
            preserveAspectRatio=True, mask="auto",
        )  # fmt: skip
        x += 19 * mm
    c.setFont(font, 15)
    c.drawString(x, top - 7 * mm, slip.merchant_name)
    c.setFont(font, 11)
    c.drawString(x, top - 14 * mm, title + (f"  ({page_no})" if page_no > 1 else ""))
    bars = code128(slip.order_sn)
    symbol = bars.width_modules * 2 * 72.0 / dpi
    draw_bars(c, bars, width - MARGIN - symbol, top - 16 * mm, 12 * mm, dots=2, dpi=dpi)
    c.setFont(font, 9)
    c.drawRightString(width - MARGIN, top - 20 * mm, f"{order_word} {slip.order_sn}")
    y = top - 27 * mm
    tag_x = MARGIN
    if slip.cod_amount > 0:
        tag_x += boxed(c, tag_x, y, f"{cod_word} {money(slip.cod_amount)}", font, 10) + 4 * mm
    if slip.gift:
        boxed(c, tag_x, y, gift_word, font, 10)
    if slip.placed:
        c.setFont(font, 9)
        c.drawRightString(width - MARGIN, y, slip.placed)
    return y - 6 * mm


def _rows(
    c: Canvas,
    slip: PackingSlip,
    lines: list[SlipLine],
    y: float,
    width: float,
    font: str,
    language: str,
) -> tuple[float, list[SlipLine]]:
    """Lines until the page is full; returns the y reached and the lines left over."""
    names = COLUMNS[language]
    inner = width - 2 * MARGIN
    xs = [MARGIN, MARGIN + inner * 0.18, MARGIN + inner * 0.54, MARGIN + inner * 0.78]
    right = width - MARGIN
    c.setFont(font, 9)
    for x, name in zip(xs[:3], names[:3], strict=True):
        c.drawString(x, y, name)
    qty_x = right if slip.gift else xs[3]
    c.drawRightString(qty_x, y, names[3])
    if not slip.gift:
        c.drawRightString(right, y, names[4])
    c.setLineWidth(0.6)
    c.line(MARGIN, y - 2 * mm, right, y - 2 * mm)
    y -= 2 * mm
    bottom = MARGIN + 34 * mm
    while lines and y - ROW > bottom:
        line = lines.pop(0)
        y -= ROW
        c.setFont(font, 9)
        c.drawString(xs[0], y, line.sku[:18])
        shown = wrap(line.name, font, 9, xs[2] - xs[1] - 2 * mm, max_lines=1)
        c.drawString(xs[1], y, shown[0] if shown else "")
        c.drawString(xs[2], y, line.lot or "-")
        c.drawRightString(qty_x, y, str(line.qty))
        if not slip.gift:
            c.drawRightString(right, y, money(line.unit_price))
    return y, lines


def _footer(c: Canvas, slip: PackingSlip, y: float, width: float, font: str, language: str) -> None:
    inner = width - 2 * MARGIN
    c.line(MARGIN, y - 2 * mm, width - MARGIN, y - 2 * mm)
    c.setFont(font, 9)
    total = sum(line.qty for line in slip.lines)
    c.drawRightString(width - MARGIN, y - 7 * mm, f"合计 Total {total}")
    y -= 10 * mm
    if slip.gift and slip.gift_message:
        lines = wrap(slip.gift_message, font, 10, inner - 6 * mm, max_lines=3)
        box_h = (len(lines) + 1) * 5 * mm
        c.rect(MARGIN, y - box_h, inner, box_h, stroke=1, fill=0)
        text_lines(c, lines, MARGIN + 3 * mm, y - 1 * mm, font, 10, 5 * mm)
    policy = [p for p in (slip.policy_zh, slip.policy_en) if p]
    foot = MARGIN + 26 * mm
    for text in policy:
        lines = wrap(text, font, 7.5, inner, max_lines=3)
        foot = text_lines(c, lines, MARGIN, foot, font, 7.5, 3.6 * mm) - 1 * mm
