"""The value types of the mall contract, and their limits, which are the columns' limits.

A value the warehouse cannot store is refused here, before the database sees it: texts are
no longer than their columns and carry no NUL or other control characters, amounts fit
``Numeric(12, 2)`` and are not negative, versions and sequence numbers fit a 64-bit integer,
times lie between 1970 and 2200, and a boolean is ``true`` or ``false`` (never ``"yes"``).
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BeforeValidator,
    Field,
    PlainSerializer,
    StrictBool,
    WithJsonSchema,
)

# --- limits shared with the columns (warehouse/models, migration 0002_hardening) ------------
ID_CHARS = 64
"""fo_id, order_sn, group_order_sn, merchant id, line_id, sku_code: String(64)."""
MERCHANT_NAME_CHARS = 120
LINE_NAME_CHARS = 200
BUYER_NOTE_CHARS = 500
REGION_CHARS = 64
"""Province and city are kept readable in String(64) columns."""
RECEIVER_CHARS = 255
"""Receiver name, district and street (sealed, but bounded all the same)."""
PHONE_CHARS = 32
SHORT_TEXT_CHARS = 64
"""Priority and payment method names as the mall writes them (mapped, then stored short)."""
MONEY_DIGITS = 10
"""Digits before the point in Numeric(12, 2)."""
MAX_SEQ = 2**63 - 1
"""BigInteger: versions and change_seq."""
FIRST_YEAR, LAST_YEAR = 1970, 2200
MAX_DEPTH = 32
"""JSON nested deeper than this is refused (an order is four levels deep)."""

Bool = StrictBool
"""``true`` or ``false`` only: ``"yes"``, ``1`` and ``"true"`` are refused."""

CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def _clean(value: str) -> str:
    if CONTROL_RE.search(value):
        raise ValueError("must not contain NUL or other control characters")
    return value


_Clean = AfterValidator(_clean)
Id = Annotated[str, Field(min_length=1, max_length=ID_CHARS), _Clean]
MerchantName = Annotated[str, Field(max_length=MERCHANT_NAME_CHARS), _Clean]
LineName = Annotated[str, Field(max_length=LINE_NAME_CHARS), _Clean]
Note = Annotated[str, Field(max_length=BUYER_NOTE_CHARS), _Clean]
Region = Annotated[str, Field(max_length=REGION_CHARS), _Clean]
ReceiverText = Annotated[str, Field(max_length=RECEIVER_CHARS), _Clean]
Phone = Annotated[str, Field(max_length=PHONE_CHARS), _Clean]
Postcode = Annotated[str, Field(max_length=16), _Clean]
Name = Annotated[str, Field(max_length=SHORT_TEXT_CHARS), _Clean]
"""A priority or payment method name as the mall writes it."""
Seq = Annotated[int, Field(ge=1, le=MAX_SEQ)]
Qty = Annotated[int, Field(ge=1, le=100_000)]

_DECIMAL_RE = re.compile(r"^-?\d+(\.\d+)?$")


def _decimal(value: object, digits: int, places: int) -> Decimal:
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, str) and len(value) <= 40 and _DECIMAL_RE.match(value):
        try:
            number = Decimal(value)
        except InvalidOperation:  # pragma: no cover - the pattern already guards
            raise ValueError("must be a decimal written as a string") from None
    else:
        raise ValueError('must be a decimal written as a string, such as "129.00"')
    if not number.is_finite():
        raise ValueError("must be a finite number")
    if number < 0:
        raise ValueError("must not be negative")
    if number >= Decimal(10) ** digits:
        raise ValueError(f"must be below {10**digits} (at most {digits} digits before the point)")
    if number != number.quantize(Decimal(1).scaleb(-places)):
        raise ValueError(f"must have at most {places} decimal places")
    return number


Money = Annotated[
    Decimal,
    BeforeValidator(lambda v: _decimal(v, MONEY_DIGITS, 2)),
    PlainSerializer(lambda d: f"{d:.2f}", return_type=str),
    WithJsonSchema(
        {"type": "string", "pattern": r"^\d{1,10}(\.\d{1,2})?$", "examples": ["129.00"]}
    ),
]
"""An amount of money in the order's currency, e.g. ``"129.00"``; never negative."""

Weight = Annotated[
    Decimal,
    BeforeValidator(lambda v: _decimal(v, 6, 3)),
    PlainSerializer(lambda d: f"{d:.3f}", return_type=str),
    WithJsonSchema({"type": "string", "pattern": r"^\d{1,6}(\.\d{1,3})?$", "examples": ["1.250"]}),
]
"""A weight in kilograms written as a string, e.g. ``"1.250"``."""


def _sane_year(value: datetime) -> datetime:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(f"must lie between the years {FIRST_YEAR} and {LAST_YEAR}")
    return value


Timestamp = Annotated[
    AwareDatetime,
    AfterValidator(_sane_year),
    PlainSerializer(lambda t: t.isoformat(), return_type=str),
    WithJsonSchema(
        {"type": "string", "format": "date-time", "examples": ["2024-06-11T10:02:33+08:00"]}
    ),
]
"""RFC 3339 time with an explicit offset, between 1970 and 2200; a time without one is refused."""


def depth_exceeds(value: object, limit: int = MAX_DEPTH) -> bool:
    """True if ``value`` (decoded JSON) is nested deeper than ``limit`` (checked without recursion)."""
    if not isinstance(value, dict | list):
        return False
    stack: list[tuple[dict[Any, Any] | list[Any], int]] = [(value, 1)]
    while stack:  # only containers are stacked: an order's many scalars cost one test each
        item, depth = stack.pop()
        if depth > limit:
            return True
        for child in item.values() if isinstance(item, dict) else item:
            if isinstance(child, dict | list):
                stack.append((child, depth + 1))
    return False


# --- names a mall may write in its own way ---------------------------------------------

PRIORITY_NAMES: dict[str, Literal["normal", "urgent"]] = {
    "normal": "normal",
    "standard": "normal",
    "urgent": "urgent",
    "expedited": "urgent",
    "rush": "urgent",
}
"""Priority names a mall may send and what they mean here; any other is taken as normal."""

PAYMENT_METHODS: dict[str, Literal["online", "cod"]] = {
    "online": "online",
    "alipay": "online",
    "wechat": "online",
    "wechat_pay": "online",
    "unionpay": "online",
    "card": "online",
    "balance": "online",
    "cod": "cod",
    "cash_on_delivery": "cod",
    "货到付款": "cod",
}
"""Payment method names and their kind; any other is taken as online (``paid`` decides)."""


def priority_level(name: str) -> tuple[Literal["normal", "urgent"], bool]:
    """What a priority name means here, and whether the name is known."""
    known = PRIORITY_NAMES.get(name.strip().lower())
    return (known, True) if known is not None else ("normal", False)


def payment_kind(name: str) -> tuple[Literal["online", "cod"], bool]:
    """What a payment method name means here, and whether the name is known."""
    known = PAYMENT_METHODS.get(name.strip().lower())
    return (known, True) if known is not None else ("online", False)


PRIORITY_SCHEMA = WithJsonSchema(
    {
        "type": "string",
        "maxLength": SHORT_TEXT_CHARS,
        "default": "normal",
        "examples": ["normal", "urgent"],
        "description": "normal or urgent; expedited and rush mean urgent. Any other name is "
        "taken as normal, with a warning for a supervisor.",
    }
)
METHOD_SCHEMA = WithJsonSchema(
    {
        "type": "string",
        "maxLength": SHORT_TEXT_CHARS,
        "examples": ["online", "cod"],
        "description": "online (paid says whether the buyer has paid) or cod (the carrier "
        "collects cod_amount). Wallet names such as alipay or wechat mean online; any other "
        "name is taken as online, with a warning for a supervisor.",
    }
)
