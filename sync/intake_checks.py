"""Checks an order must pass before the warehouse releases it to the floor (pure functions).

The result is a decision — release, or hold with reasons — plus warnings. Every reason is a
message key of ``sync/messages.py`` with parameters (phone numbers masked), so that a
supervisor reads it in the terminal's language.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal

from sync.amounts import check_amounts
from sync.contract import OrderSnapshot, payment_kind, priority_level
from sync.messages import stored
from warehouse.pii import mask_phone
from warehouse.words import Message

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
POSTCODE_RE = re.compile(r"^\d{6}$")
_STRIP_RE = re.compile(r"[\s\-()（）]")

# First two digits of the postcodes of each province-level division (warn only: real data has
# wrong ones, and divisions get renamed).
POSTCODE_PREFIXES: dict[str, tuple[str, ...]] = {
    "北京": ("10",),
    "上海": ("20",),
    "天津": ("30",),
    "重庆": ("40",),
    "河北": ("05", "06", "07"),
    "山西": ("03", "04"),
    "内蒙古": ("01", "02"),
    "辽宁": ("11", "12"),
    "吉林": ("13",),
    "黑龙江": ("15", "16"),
    "江苏": ("21", "22"),
    "浙江": ("31", "32"),
    "安徽": ("23", "24"),
    "福建": ("35", "36"),
    "江西": ("33", "34"),
    "山东": ("25", "26", "27"),
    "河南": ("45", "46", "47"),
    "湖北": ("43", "44"),
    "湖南": ("41", "42"),
    "广东": ("51", "52"),
    "广西": ("53", "54"),
    "海南": ("57",),
    "四川": ("61", "62", "63", "64"),
    "贵州": ("55", "56"),
    "云南": ("65", "66", "67"),
    "西藏": ("85",),
    "陕西": ("71", "72"),
    "甘肃": ("73", "74"),
    "青海": ("81",),
    "宁夏": ("75",),
    "新疆": ("83", "84"),
    "香港": (),
    "澳门": (),
    "台湾": (),
}
_PROVINCE_SUFFIXES = (
    "维吾尔自治区",
    "壮族自治区",
    "回族自治区",
    "自治区",
    "特别行政区",
    "省",
    "市",
)

_PARTS = ("province", "city", "district", "detail")


class Finding(Message):
    """One reason or warning: a message key (``sync/messages.py``) and masked parameters."""

    @property
    def zh(self) -> str:
        return self.render("zh_CN")

    @property
    def en(self) -> str:
        return self.render("en")

    def text(self, language: str = "zh_CN") -> str:
        return self.render(language)


def finding(key: str, **params: object) -> Finding:
    message = Message.of(key, **params)  # parameters cut to their stored length
    return Finding(message.key, message.params)


@dataclass(frozen=True)
class IntakeDecision:
    holds: tuple[Finding, ...] = ()
    warnings: tuple[Finding, ...] = ()

    @property
    def decision(self) -> Literal["release", "hold"]:
        return "hold" if self.holds else "release"

    @property
    def release(self) -> bool:
        return not self.holds

    def hold_reason(self, language: str = "zh_CN") -> str:
        return " ".join(f.text(language) for f in self.holds)

    def warning_text(self, language: str = "zh_CN") -> str:
        return " ".join(f.text(language) for f in self.warnings)

    @property
    def stored_holds(self) -> str:
        """The hold reasons as stored in ``Order.hold_reason`` (keys and masked parameters)."""
        return stored(self.holds)

    @property
    def stored_warnings(self) -> str:
        return stored(self.warnings)


def normalise_mobile(raw: str) -> str:
    """Strip ``+86``/``0086``, spaces, dashes and brackets."""
    digits = _STRIP_RE.sub("", raw or "")
    for prefix in ("+86", "0086"):
        if digits.startswith(prefix):
            digits = digits[len(prefix) :]
    if digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    return digits


def is_valid_mobile(raw: str) -> bool:
    return bool(MOBILE_RE.match(normalise_mobile(raw)))


def province_key(name: str) -> str | None:
    """The short name of a province-level division (``广东省`` → ``广东``), or None."""
    text = (name or "").strip()
    for suffix in _PROVINCE_SUFFIXES:
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
            break
    return text if text in POSTCODE_PREFIXES else None


def check_receiver(order: OrderSnapshot) -> tuple[list[Finding], list[Finding]]:
    holds: list[Finding] = []
    warnings: list[Finding] = []
    r = order.receiver
    if not is_valid_mobile(r.mobile):
        mobile = mask_phone(r.mobile)
        if r.phone.strip():
            warnings.append(
                finding("intake.mobile.invalid_has_phone", mobile=mobile, phone=mask_phone(r.phone))
            )
        else:
            holds.append(finding("intake.mobile.invalid", mobile=mobile))
    for part in _PARTS:
        if not getattr(r, part).strip():
            holds.append(finding(f"intake.address.missing.{part}"))
    key = province_key(r.province)
    if r.province.strip() and key is None:
        warnings.append(finding("intake.province.unknown", province=r.province))
    postcode = r.postcode.strip()
    if postcode and not POSTCODE_RE.match(postcode):
        warnings.append(finding("intake.postcode.format", postcode=postcode))
    elif postcode and key and POSTCODE_PREFIXES[key] and postcode[:2] not in POSTCODE_PREFIXES[key]:
        warnings.append(finding("intake.postcode.mismatch", postcode=postcode, province=r.province))
    return holds, warnings


def check_payment(order: OrderSnapshot) -> list[Finding]:
    p = order.payment
    if p.kind == "online":
        return [] if p.paid else [finding("intake.payment.unpaid")]
    if p.cod_amount is None or p.cod_amount <= 0:
        return [finding("intake.payment.cod_amount")]
    return []


def check_names(order: OrderSnapshot) -> list[Finding]:
    """Warnings for optional names the warehouse does not know (taken with a default)."""
    warnings: list[Finding] = []
    if not priority_level(order.priority)[1]:
        warnings.append(finding("intake.priority.unknown", value=order.priority))
    if not payment_kind(order.payment.method)[1]:
        warnings.append(finding("intake.payment.method_unknown", value=order.payment.method))
    return warnings


def check_intake(order: OrderSnapshot, known_skus: Collection[str] | None = None) -> IntakeDecision:
    """Release, or hold with reasons; warnings never hold an order.

    ``known_skus``: the SKU codes this warehouse stocks for the order's merchant (not checked
    when None).
    """
    holds: list[Finding] = []
    if order.state in ("cancelled", "rejected", "shipped", "partially_shipped"):
        holds.append(finding("intake.state.not_open", state=order.state))
    if order.cancel_request is not None:
        holds.append(finding("intake.cancel.requested"))
    receiver_holds, warnings = check_receiver(order)
    holds.extend(check_payment(order))
    holds.extend(finding(key, **params) for key, params in check_amounts(order))
    holds.extend(receiver_holds)
    warnings.extend(check_names(order))
    if known_skus is not None:
        holds.extend(
            finding("intake.sku.unknown", line=line.line_id, sku=line.sku_code)
            for line in order.lines
            if line.sku_code not in known_skus
        )
    return IntakeDecision(holds=tuple(holds), warnings=tuple(warnings))
