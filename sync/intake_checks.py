"""Checks an order must pass before the warehouse releases it to the floor (pure functions).

The result is a decision — release, or hold with reasons — plus warnings. Every reason is a
message key with parameters and its sentence in Chinese and in English, so that a supervisor
reads it in the terminal's language.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Literal

from sync.contract import OrderSnapshot

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

MESSAGES: dict[str, tuple[str, str]] = {
    # key: (中文, English)
    "mobile.invalid": (
        "收件人手机号 {mobile} 无效，无法派送。",
        "The receiver's mobile number {mobile} is not valid, so the carrier cannot deliver.",
    ),
    "mobile.invalid_has_phone": (
        "收件人手机号 {mobile} 无效，将使用固定电话 {phone}。",
        "The receiver's mobile number {mobile} is not valid; the landline {phone} will be used.",
    ),
    "address.missing": ("收件地址缺少{part_zh}。", "The receiver's address has no {part}."),
    "postcode.format": (
        "邮编 {postcode} 不是六位数字，已忽略。",
        "The postcode {postcode} is not six digits and is ignored.",
    ),
    "postcode.mismatch": (
        "邮编 {postcode} 与省份 {province} 不符，请核对地址。",
        "The postcode {postcode} does not belong to {province}; check the address.",
    ),
    "province.unknown": (
        "省份“{province}”不在行政区划表中。",
        'The province "{province}" is not in the region table.',
    ),
    "payment.unpaid": (
        "订单未付款（在线支付），暂不发货。",
        "The order is not paid (online payment), so it is held.",
    ),
    "payment.cod_amount": (
        "货到付款订单没有代收金额，暂不发货。",
        "The cash-on-delivery order has no amount to collect, so it is held.",
    ),
    "state.not_open": (
        "订单在商城的状态是“{state}”，不能发货。",
        "The order is {state} at the mall and must not be shipped.",
    ),
    "cancel.requested": ("买家已申请取消订单。", "The buyer has asked to cancel the order."),
    "sku.unknown": (
        "订单行 {line} 的商品编码 {sku} 在本仓库不存在。",
        "Line {line} asks for SKU {sku}, which this warehouse does not stock.",
    ),
}
_PARTS = {
    "province": ("省份", "province"),
    "city": ("城市", "city"),
    "district": ("区县", "district"),
    "detail": ("详细地址", "street address"),
}


@dataclass(frozen=True)
class Finding:
    """One reason or warning: a message key, its parameters and both sentences."""

    key: str
    params: dict[str, str] = field(default_factory=dict)

    @property
    def zh(self) -> str:
        return MESSAGES[self.key][0].format(**self.params)

    @property
    def en(self) -> str:
        return MESSAGES[self.key][1].format(**self.params)

    def text(self, language: str = "zh_CN") -> str:
        return self.zh if language.startswith("zh") else self.en


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
        if r.phone.strip():
            warnings.append(
                Finding("mobile.invalid_has_phone", {"mobile": r.mobile or "-", "phone": r.phone})
            )
        else:
            holds.append(Finding("mobile.invalid", {"mobile": r.mobile or "-"}))
    for part in ("province", "city", "district", "detail"):
        if not getattr(r, part).strip():
            zh, en = _PARTS[part]
            holds.append(Finding("address.missing", {"part": en, "part_zh": zh}))
    key = province_key(r.province)
    if r.province.strip() and key is None:
        warnings.append(Finding("province.unknown", {"province": r.province}))
    postcode = r.postcode.strip()
    if postcode and not POSTCODE_RE.match(postcode):
        warnings.append(Finding("postcode.format", {"postcode": postcode}))
    elif postcode and key and POSTCODE_PREFIXES[key] and postcode[:2] not in POSTCODE_PREFIXES[key]:
        warnings.append(
            Finding("postcode.mismatch", {"postcode": postcode, "province": r.province})
        )
    return holds, warnings


def check_payment(order: OrderSnapshot) -> list[Finding]:
    p = order.payment
    if p.method == "online":
        return [] if p.paid else [Finding("payment.unpaid")]
    if p.cod_amount is None or p.cod_amount <= 0:
        return [Finding("payment.cod_amount")]
    return []


def check_intake(order: OrderSnapshot, known_skus: Collection[str] | None = None) -> IntakeDecision:
    """Release, or hold with reasons; warnings never hold an order.

    ``known_skus``: the SKU codes this warehouse stocks for the order's merchant (not checked
    when None).
    """
    holds: list[Finding] = []
    if order.state in ("cancelled", "rejected", "shipped", "partially_shipped"):
        holds.append(Finding("state.not_open", {"state": order.state}))
    if order.cancel_request is not None:
        holds.append(Finding("cancel.requested"))
    receiver_holds, warnings = check_receiver(order)
    holds.extend(check_payment(order))
    holds.extend(receiver_holds)
    if known_skus is not None:
        holds.extend(
            Finding("sku.unknown", {"line": line.line_id, "sku": line.sku_code})
            for line in order.lines
            if line.sku_code not in known_skus
        )
    return IntakeDecision(holds=tuple(holds), warnings=tuple(warnings))
