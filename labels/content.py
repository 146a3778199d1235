"""What a shipping label and a packing slip show: plain values, already decided.

Gathering (:mod:`labels.gather`) decides privacy masking, routing codes and branding; the
renderers (PDF, ZPL) only draw these values, so they draw the same label.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path


@dataclass(frozen=True)
class Party:
    name: str
    phone: str
    address: str


@dataclass(frozen=True)
class ShippingLabel:
    carrier_code: str
    carrier_name: str
    service: str
    tracking_no: str
    order_sn: str
    recipient: Party
    """Already masked when the label is a privacy waybill."""
    sender: Party
    routing_code: str = ""
    hub: str = ""
    cod_amount: Decimal = Decimal("0")
    insured_value: Decimal = Decimal("0")
    parcel_no: int = 1
    parcel_count: int = 1
    weight_kg: Decimal = Decimal("0")
    sscc: str = ""
    """18 digits, verified; empty when the GS1 block is off."""
    postcode: str = ""
    """Ship-to postcode (AI 420) for the GS1 block."""
    privacy: bool = True


@dataclass(frozen=True)
class SlipLine:
    sku: str
    name: str
    qty: int
    lot: str = ""
    unit_price: Decimal = Decimal("0")


@dataclass(frozen=True)
class PackingSlip:
    order_sn: str
    merchant_name: str
    lines: list[SlipLine]
    logo: Path | None = None
    policy_zh: str = ""
    policy_en: str = ""
    cod_amount: Decimal = Decimal("0")
    gift: bool = False
    gift_message: str = ""
    currency: str = "CNY"
    placed: str = ""
    notes: list[str] = field(default_factory=list)
