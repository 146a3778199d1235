"""The shipping label as ZPL II, laid out like the PDF (:mod:`labels.pdf_label`).

``^CI28`` makes the field data UTF-8; ``^PW``/``^LL`` come from the label size at the printer's
resolution; every field that carries user data is preceded by ``^FH`` and has ``^``, ``~`` and
the hex indicator ``_`` escaped, so a receiver's address cannot inject a command. Chinese text
uses the printer-resident TrueType font named in config (``^CW``), or without one is
rasterised into ``^GFA`` graphics.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from labels.content import ShippingLabel
from labels.pdf_label import money, sscc_text
from labels.sizes import LabelSize
from labels.zpl_raster import text_gfa

RESIDENT_ALIAS = "J"
"""The font letter ``^CW`` assigns to the resident CJK font."""


def escape(text: str) -> str:
    """Field data safe behind ``^FH``: the three special characters as ``_XX`` hex."""
    return text.replace("_", "_5F").replace("^", "_5E").replace("~", "_7E")


def gs1_field(digits: str) -> str:
    """GS1-128 data for ``^BC…,N``: start subset C, FNC1, digit pairs; an odd last digit goes
    in subset B (``>6``), since an odd run in subset C corrupts the code."""
    even = len(digits) - len(digits) % 2
    tail = f">6{digits[even:]}" if len(digits) % 2 else ""
    return f">;>8{digits[:even]}{tail}"


@dataclass(frozen=True)
class ZplStyle:
    dpi: int = 203
    module_dots: int = 3
    resident_font: str = ""
    """Printer-resident TrueType font for Chinese (``E:SIMSUN.TTF``); empty: rasterise."""
    raster_font: Path = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
    raster_index: int = 0


class _Page:
    def __init__(self, style: ZplStyle) -> None:
        self.style = style
        self.parts: list[str] = []

    def text(self, x: int, y: int, height: int, text: str) -> None:
        if not text:
            return
        if text.isascii():
            self.parts.append(f"^FO{x},{y}^A0N,{height},{height}^FH^FD{escape(text)}^FS")
        elif self.style.resident_font:
            self.parts.append(
                f"^FO{x},{y}^A{RESIDENT_ALIAS}N,{height},{height}^FH^FD{escape(text)}^FS"
            )
        else:
            graphic = text_gfa(
                text, height, font=self.style.raster_font, index=self.style.raster_index
            )
            self.parts.append(f"^FO{x},{y}{graphic}^FS")

    def code128(self, x: int, y: int, height: int, data: str, module: int) -> None:
        self.parts.append(
            f"^FO{x},{y}^BY{module},3,{height}^BCN,{height},N,N,N,A^FH^FD{escape(data)}^FS"
        )

    def gs1(self, x: int, y: int, height: int, digits: str, module: int) -> None:
        self.parts.append(
            f"^FO{x},{y}^BY{module},3,{height}^BCN,{height},N,N,N,N^FD{gs1_field(digits)}^FS"
        )

    def rule(self, y: int, width: int, x: int = 24) -> None:
        self.parts.append(f"^FO{x},{y}^GB{width - 2 * x},2,2^FS")


def shipping_labels_zpl(labels: Iterable[ShippingLabel], size: LabelSize, style: ZplStyle) -> bytes:
    """One ``^XA … ^XZ`` format per label, UTF-8."""
    return "".join(shipping_label_zpl(label, size, style) for label in labels).encode()


def shipping_label_zpl(label: ShippingLabel, size: LabelSize, style: ZplStyle) -> str:
    width, length = size.dots(style.dpi)
    k = length / 1200
    m = 24
    page = _Page(style)
    head = ["^XA", "^CI28", f"^PW{width}", f"^LL{length}", "^LH0,0"]
    if style.resident_font:
        head.append(f"^CW{RESIDENT_ALIAS},{style.resident_font}")
    y = m
    page.text(m, y, int(40 * k), label.carrier_name)
    page.text(width - m - int(len(label.service) * 30 * k) - 10, y + 4, int(30 * k), label.service)
    y += int(52 * k)
    marks = []
    if label.cod_amount > 0:
        marks.append(f"代收货款 COD {money(label.cod_amount)}")
    if label.insured_value > 0:
        marks.append(f"保价 {money(label.insured_value)}")
    page.text(m, y, int(26 * k), "  ".join(marks))
    y += int(40 * k)
    page.rule(y, width)
    module = style.module_dots
    symbol = (len(label.tracking_no) * 11 + 55) * module  # at most; the printer may pack digits
    while module > 2 and symbol > width:
        module -= 1
        symbol = (len(label.tracking_no) * 11 + 55) * module
    y += 16
    bar_h = int(136 * k)
    page.code128(max(0, (width - symbol) // 2), y, bar_h, label.tracking_no, module)
    y += bar_h + 10
    page.text(width // 2 - len(label.tracking_no) * 9, y, int(28 * k), label.tracking_no)
    y += int(40 * k)
    page.rule(y, width)
    if label.routing_code:
        page.text(m, y + 10, int(84 * k), label.routing_code)
        y += int(100 * k)
    if label.hub:
        page.text(m, y + 6, int(34 * k), f"集包地 {label.hub}")
        y += int(46 * k)
    page.rule(y, width)
    for mark, party, h in (("收", label.recipient, int(32 * k)), ("寄", label.sender, int(24 * k))):
        y += 12
        page.text(m, y, h, f"{mark} {party.name}  {party.phone}")
        y += h + 6
        for line in _chunks(party.address, max(8, (width - 2 * m - 40) // h)):
            page.text(m + 40, y, h, line)
            y += h + 4
        page.rule(y + 4, width)
        y += 8
    y += 12
    page.text(
        m,
        y,
        int(26 * k),
        f"件数 {label.parcel_no}/{label.parcel_count}  重量 {label.weight_kg:.2f} kg  订单 {label.order_sn}",
    )
    if label.sscc:
        bottom = length - m - int(30 * k)
        page.gs1(m * 3, bottom - int(90 * k), int(90 * k), "00" + label.sscc, 2)
        page.text(m * 3, bottom + 6, int(24 * k), "SSCC " + sscc_text(label.sscc))
        if label.postcode:
            top = bottom - int(90 * k) - int(100 * k)
            page.gs1(m * 3, top, int(60 * k), "420" + label.postcode, 2)
            page.text(m * 3, top + int(64 * k), int(24 * k), f"(420) {label.postcode}")
    return "".join(head) + "".join(page.parts) + "^PQ1^XZ"


def _chunks(text: str, size: int) -> list[str]:
    """An address cut into printable lines (Chinese has no spaces to break at)."""
    return [text[i : i + size] for i in range(0, len(text), size)][:3]
