"""Settings for printers, packing slips and shipping labels (``[[printers]]`` and ``[labels]``).

Kept apart from :mod:`warehouse.config` so that the label settings can grow without touching
the core settings; :class:`warehouse.config.Settings` holds them as ``printers`` and ``labels``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

LABEL_SIZES_MM: dict[str, tuple[float, float]] = {
    "76x130mm": (76.0, 130.0),
    "100x150mm": (100.0, 150.0),
    "4x6in": (101.6, 152.4),
}
"""The shipping-label sizes we print: the Chinese platform waybill, SF's waybill, 4×6 inch."""

LabelSizeName = Literal["76x130mm", "100x150mm", "4x6in"]
DEFAULT_CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class PrinterSettings(_Section):
    name: str
    """The name operators and commands use (``wms labels print … --printer NAME``)."""
    kind: Literal["file", "cups", "raw9100"]
    """``file`` writes into a directory, ``cups`` sends to a CUPS queue with ``lp``,
    ``raw9100`` opens a TCP connection to a thermal printer."""
    target: str
    """A directory (file), a CUPS queue name (cups) or ``host:port`` (raw9100)."""
    format: Literal["pdf", "zpl"] = "pdf"
    """What the printer takes: PDF (laser, cups-pdf, a folder) or ZPL II (Zebra-compatible)."""
    label_size: LabelSizeName = "100x150mm"
    """The label stock loaded: ``76x130mm``, ``100x150mm`` or ``4x6in``. It wins over the
    carrier's size when a label goes to this printer."""
    label_size_mm: tuple[float, float] | None = None
    """Older spelling of ``label_size`` as [width, height]; must be one of the sizes above."""
    dpi: Literal[203, 300, 600] = 203
    """Print head resolution: barcodes are drawn a whole number of dots wide."""
    timeout_s: Annotated[float, Field(gt=0)] = 10.0
    """How long to wait for a raw9100 printer to accept the connection and the bytes, or for
    ``lp`` to answer."""
    zpl_cjk_font: str = ""
    """ZPL only: a TrueType font stored on the printer for Chinese text (e.g. ``E:SIMSUN.TTF``).
    Empty: Chinese text is rasterised into ``^GFA`` graphics instead."""

    @field_validator("label_size_mm")
    @classmethod
    def _known_size(cls, value: tuple[float, float] | None) -> tuple[float, float] | None:
        if value is not None and size_name(value) is None:
            known = ", ".join(LABEL_SIZES_MM)
            raise ValueError(f"is not a label size we print ({known})")
        return value

    @property
    def size(self) -> str:
        """The label size's name, taking the older ``label_size_mm`` into account."""
        if self.label_size_mm is not None:
            return size_name(self.label_size_mm) or self.label_size
        return self.label_size


def size_name(mm: tuple[float, float]) -> str | None:
    for name, (width, height) in LABEL_SIZES_MM.items():
        if abs(width - mm[0]) < 0.5 and abs(height - mm[1]) < 0.5:
            return name
    return None


class RouteRule(_Section):
    prefix: str
    """Destination this rule covers: a province (``广东省``) or province + city
    (``广东省深圳市``); the longest matching prefix wins."""
    routing_code: str
    """The routing code printed large (三段码 / 大头笔), e.g. ``755-W12-03``."""
    hub: str = ""
    """The consolidation hub (集包地), e.g. ``深圳转运中心``."""


class CarrierLabelSettings(_Section):
    size: LabelSizeName = "100x150mm"
    """Label size this carrier's waybill uses when no printer decides it."""
    privacy: bool | None = None
    """Privacy waybill (masked receiver name and phone) for this carrier; unset: the default."""
    service_names: dict[str, str] = Field(default_factory=dict)
    """How each service code is printed, e.g. ``{standard = "标快", express = "特快"}``."""
    routes: list[RouteRule] = Field(default_factory=list)
    """Routing codes and hubs by destination."""
    default_route: RouteRule | None = None
    """Printed where no rule matches; unset: the label shows no routing code."""


class MerchantLabelSettings(_Section):
    name: str = ""
    """Name on this merchant's slips and as the label's sender (default: the merchant's name)."""
    logo: Path | None = None
    """PNG or JPEG printed at the top of the packing slip (relative to the config file)."""
    policy_zh: str = ""
    """Return and after-sales policy printed at the foot of the slip, in Chinese."""
    policy_en: str = ""
    """The same policy in English."""
    privacy: bool | None = None
    """Privacy waybill for this merchant's parcels; wins over the carrier's and the default."""
    sender_phone: str = ""
    """Phone printed for the sender (default: ``labels.sender.phone``)."""


class SenderSettings(_Section):
    name: str = "上海一号仓"
    """Sender name where a merchant has none of its own."""
    phone: str = "021-00000000"
    """Sender phone (the site's service line, not a person's)."""
    address: str = "上海市浦东新区示范路 1 号"
    """Sender address: the site's."""


class Gs1LabelSettings(_Section):
    enabled: bool = False
    """Print a GS1 logistic label block: SSCC (AI 00) and ship-to postcode (AI 420)."""
    extension_digit: Annotated[int, Field(ge=0, le=9)] = 0
    """First digit of SSCCs we build."""
    company_prefix: str = "0952876"
    """Our GS1 company prefix (7 to 10 digits); the serial fills the rest of the 17 digits."""

    @field_validator("company_prefix")
    @classmethod
    def _digits(cls, value: str) -> str:
        if not value.isdigit() or not 7 <= len(value) <= 10:
            raise ValueError("must be 7 to 10 digits")
        return value


class LabelSettings(_Section):
    slip_page: Literal["A5", "A4"] = "A5"
    """Packing slip paper size."""
    slip_language: Literal["zh+en", "zh", "en"] = "zh+en"
    """Headings on the slip: both languages, or one."""
    font_file: Path = DEFAULT_CJK_FONT
    """TrueType font embedded for Chinese text (Debian package ``fonts-wqy-zenhei``)."""
    font_subfont_index: Annotated[int, Field(ge=0)] = 0
    """Which font of a ``.ttc`` collection to use (0 = WenQuanYi Zen Hei)."""
    privacy: bool = True
    """Privacy waybills by default: the receiver's name and phone masked (张*, 138****1234)."""
    bar_module_dots: Annotated[int, Field(ge=2, le=6)] = 3
    """Narrowest bar of the tracking barcode, in printer dots (3 dots = 0.375 mm at 203 dpi)."""
    sender: SenderSettings = SenderSettings()
    gs1: Gs1LabelSettings = Gs1LabelSettings()
    carriers: dict[str, CarrierLabelSettings] = Field(default_factory=dict)
    """Per carrier code (SF, ZTO…): size, privacy, service names and routing rules."""
    merchants: dict[str, MerchantLabelSettings] = Field(default_factory=dict)
    """Per merchant (its mall id): branding, policy text, privacy."""

    def carrier(self, code: str) -> CarrierLabelSettings:
        return self.carriers.get(code) or CarrierLabelSettings()

    def merchant(self, mall_id: str) -> MerchantLabelSettings:
        return self.merchants.get(mall_id) or MerchantLabelSettings()

    def privacy_for(self, carrier_code: str, merchant_mall_id: str) -> bool:
        """Merchant's choice, else the carrier's, else the default."""
        merchant = self.merchant(merchant_mall_id).privacy
        if merchant is not None:
            return merchant
        carrier = self.carrier(carrier_code).privacy
        return self.privacy if carrier is None else carrier
