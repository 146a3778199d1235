"""Rendering a document for a reference: a shipping label (PDF or ZPL) or a packing slip.

The size of a shipping label is the printer's label stock when it goes to a printer, else the
carrier's waybill size from ``[labels.carriers.CODE]``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from sqlalchemy.orm import Session

from labels.content import ShippingLabel
from labels.fonts import cjk_font, require_font_file
from labels.gather import packing_slip, shipping_labels
from labels.pdf_label import shipping_labels_pdf
from labels.pdf_slip import packing_slip_pdf
from labels.sizes import LabelSize
from labels.zpl import ZplStyle, shipping_labels_zpl
from warehouse.config import Settings
from warehouse.config_printing import PrinterSettings
from warehouse.pii import ReceiverCipher

Format = Literal["pdf", "zpl"]


@dataclass(frozen=True)
class Document:
    kind: str
    """``label``, ``slip`` or ``test``."""
    reference: str
    format: str
    content: bytes
    size: str
    """Label size name, or ``A5``/``A4`` for a slip."""

    @property
    def media(self) -> str:
        """The CUPS media option for this document."""
        if self.size in ("A4", "A5"):
            return self.size
        label = LabelSize.named(self.size)
        return f"Custom.{label.width_mm:g}x{label.height_mm:g}mm"

    @property
    def title(self) -> str:
        return f"{self.kind}-{self.reference}"


def label_document(
    labels: list[ShippingLabel],
    reference: str,
    settings: Settings,
    *,
    format: Format,
    printer: PrinterSettings | None = None,
    kind: str = "label",
) -> Document:
    size_name = printer.size if printer else settings.labels.carrier(labels[0].carrier_code).size
    size = LabelSize.named(size_name)
    dpi = printer.dpi if printer else 203
    dots = max(2, round(settings.labels.bar_module_dots * dpi / 203))
    font_file = require_font_file(settings.labels.font_file)
    if format == "zpl":
        style = ZplStyle(
            dpi=dpi,
            module_dots=dots,
            resident_font=printer.zpl_cjk_font if printer else "",
            raster_font=font_file,
            raster_index=settings.labels.font_subfont_index,
        )
        content = shipping_labels_zpl(labels, size, style)
    else:
        font = cjk_font(font_file, settings.labels.font_subfont_index)
        content = shipping_labels_pdf(labels, size, font=font, dots=dots, dpi=dpi)
    return Document(kind, reference, format, content, size_name)


def shipping_document(
    session: Session,
    reference: str,
    settings: Settings,
    cipher: ReceiverCipher,
    *,
    format: Format,
    printer: PrinterSettings | None = None,
) -> Document:
    labels = shipping_labels(session, reference, settings, cipher)
    return label_document(labels, reference, settings, format=format, printer=printer)


def slip_document(session: Session, reference: str, settings: Settings) -> Document:
    slip = packing_slip(session, reference, settings)
    font = cjk_font(
        require_font_file(settings.labels.font_file), settings.labels.font_subfont_index
    )
    page = settings.labels.slip_page
    content = packing_slip_pdf(slip, page=page, font=font, language=settings.labels.slip_language)
    return Document("slip", slip.order_sn, "pdf", content, page)
