"""Shipping label as PDF: one page per parcel at the label's exact size.

Top to bottom, as Chinese waybills are laid out: carrier and service with the COD and insured
marks; the tracking number as Code 128 with its text; the routing code (三段码) large; the hub
(集包地); recipient (收); sender (寄); parcel, weight and order; and at the foot either the GS1
block (AI 420 ship-to postcode, then the SSCC as the lowest barcode) or a small second
tracking barcode. Every text is in the embedded CJK font, digits included.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from decimal import Decimal

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from labels.barcode128 import code128, gs1_128
from labels.content import Party, ShippingLabel
from labels.pdf_draw import boxed, draw_bars, fitting_dots, text_lines, wrap
from labels.sizes import LabelSize

MARGIN = 3 * mm


def money(amount: Decimal) -> str:
    return f"¥{amount:,.2f}"


def sscc_text(sscc: str) -> str:
    """``(00) 0 0952876 543210123 6``: the human-readable SSCC in GS1's grouping."""
    return f"(00) {sscc[0]} {sscc[1:8]} {sscc[8:17]} {sscc[17]}"


def shipping_labels_pdf(
    labels: Iterable[ShippingLabel], size: LabelSize, *, font: str, dots: int, dpi: int = 203
) -> bytes:
    """One PDF with a page per label."""
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=size.points, pageCompression=1, initialFontName=font)
    c.setTitle("shipping labels")
    for label in labels:
        draw_label(c, label, size, font=font, dots=dots, dpi=dpi)
        c.showPage()
    c.save()
    return buffer.getvalue()


def draw_label(
    c: Canvas, label: ShippingLabel, size: LabelSize, *, font: str, dots: int, dpi: int
) -> None:
    width, height = size.points
    k = height / (150 * mm)  # vertical scale: 76×130 is a little tighter than 100×150
    inner = width - 2 * MARGIN
    top = height - MARGIN

    # Header: carrier, service, marks.
    c.setFont(font, 15 * k)
    c.drawString(MARGIN, top - 14 * k, label.carrier_name)
    c.setFont(font, 11 * k)
    c.drawRightString(width - MARGIN, top - 13 * k, label.service)
    x = MARGIN
    mark_y = top - 29 * k
    if label.cod_amount > 0:
        x += boxed(c, x, mark_y, f"代收货款 COD {money(label.cod_amount)}", font, 9 * k) + 2 * mm
    if label.insured_value > 0:
        boxed(c, x, mark_y, f"保价 {money(label.insured_value)}", font, 9 * k)
    y = top - 34 * k
    c.setLineWidth(0.8)
    c.line(MARGIN, y, width - MARGIN, y)

    # Tracking number.
    bars = code128(label.tracking_no)
    module = fitting_dots(bars, width, preferred=dots, dpi=dpi)
    symbol = bars.width_modules * module * 72.0 / dpi
    bar_h = 17 * mm * k
    y -= bar_h + 2 * mm
    draw_bars(c, bars, (width - symbol) / 2, y, bar_h, dots=module, dpi=dpi)
    c.setFont(font, 10 * k)
    y -= 11 * k
    c.drawCentredString(width / 2, y, " ".join(_groups(label.tracking_no)))
    y -= 3 * k
    c.line(MARGIN, y, width - MARGIN, y)

    # Routing code and hub.
    if label.routing_code:
        route_size = min(30 * k, _fit(label.routing_code, font, inner, 30 * k))
        y -= route_size
        c.setFont(font, route_size)
        c.drawCentredString(width / 2, y, label.routing_code)
        y -= 3 * k
    if label.hub:
        y -= 13 * k
        c.setFont(font, 12 * k)
        c.drawString(MARGIN, y, f"集包地 {label.hub}")
        y -= 3 * k
    c.line(MARGIN, y, width - MARGIN, y)

    y = _party(c, "收", label.recipient, y, width, font, 11 * k, max_lines=3)
    y = _party(c, "寄", label.sender, y, width, font, 8 * k, max_lines=2)

    # Parcel, weight, order.
    c.setFont(font, 9 * k)
    y -= 12 * k
    c.drawString(
        MARGIN, y, f"件数 {label.parcel_no}/{label.parcel_count}  重量 {label.weight_kg:.2f} kg"
    )
    c.drawRightString(width - MARGIN, y, f"订单 {label.order_sn}")
    y -= 4 * k
    c.line(MARGIN, y, width - MARGIN, y)

    if label.sscc:
        _gs1_block(c, label, width, font, k, dpi)
    else:
        small = code128(label.tracking_no)
        small_dots = fitting_dots(small, width * 0.7, preferred=2, dpi=dpi)
        small_w = small.width_modules * small_dots * 72.0 / dpi
        draw_bars(
            c, small, width - MARGIN - small_w, MARGIN + 8 * k, 9 * mm * k, dots=small_dots, dpi=dpi
        )
        c.setFont(font, 7 * k)
        c.drawString(MARGIN, MARGIN + 2 * k, f"{label.carrier_code} {label.tracking_no}")


def _gs1_block(
    c: Canvas, label: ShippingLabel, width: float, font: str, k: float, dpi: int
) -> None:
    """AI 420 above, the SSCC (AI 00) as the lowest barcode, each with its bracketed text."""
    sscc_bars = gs1_128("00" + label.sscc)
    sscc_dots = fitting_dots(sscc_bars, width, preferred=2, dpi=dpi)
    sscc_w = sscc_bars.width_modules * sscc_dots * 72.0 / dpi
    base = MARGIN + 9 * k
    draw_bars(c, sscc_bars, (width - sscc_w) / 2, base, 11 * mm * k, dots=sscc_dots, dpi=dpi)
    c.setFont(font, 8 * k)
    c.drawCentredString(width / 2, MARGIN, "SSCC " + sscc_text(label.sscc))
    if label.postcode:
        post = gs1_128("420" + label.postcode)
        post_w = post.width_modules * 2 * 72.0 / dpi
        post_base = base + 11 * mm * k + 14 * k
        draw_bars(c, post, (width - post_w) / 2, post_base, 7 * mm * k, dots=2, dpi=dpi)
        c.drawCentredString(width / 2, post_base - 10 * k, f"(420) {label.postcode}")


def _party(
    c: Canvas,
    mark: str,
    party: Party,
    y: float,
    width: float,
    font: str,
    size: float,
    *,
    max_lines: int,
) -> float:
    """``收`` or ``寄`` in a circle, then name and phone, then the wrapped address."""
    x = MARGIN + size * 1.9
    y -= size * 1.5
    c.circle(MARGIN + size * 0.75, y + size * 0.35, size * 0.75, stroke=1, fill=0)
    c.setFont(font, size)
    c.drawCentredString(MARGIN + size * 0.75, y, mark)
    c.drawString(x, y, f"{party.name}  {party.phone}")
    lines = wrap(party.address, font, size * 0.9, width - x - MARGIN, max_lines=max_lines)
    y = text_lines(c, lines, x, y, font, size * 0.9, size * 1.15)
    y -= size * 0.5
    c.line(MARGIN, y, width - MARGIN, y)
    return y


def _fit(text: str, font: str, room: float, size: float) -> float:
    used = stringWidth(text, font, size)
    return size if used <= room else size * room / used


def _groups(text: str) -> list[str]:
    """The tracking number in groups of four for reading aloud on the phone."""
    return [text[i : i + 4] for i in range(0, len(text), 4)]
