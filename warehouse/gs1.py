"""GS1-128 element strings as a hand scanner sends them: GTIN, lot, expiry (and a few more).

A keyboard-wedge scanner sends either the raw string (optionally prefixed with the symbology
identifier ``]C1``, variable-length fields ended by the group separator, ASCII 29) or, when
set up that way, the human-readable form ``(01)…(10)…(17)…``. Both are read here.

Only what the floor needs is understood: AI 00 (SSCC), 01/02 (GTIN), 10 (lot), 11/15/17
(dates), 21 (serial), 30/37 (counts). Any other AI makes the string unreadable rather than
guessed, because a wrong split would invent a lot number.
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date

from warehouse.barcodes import gs1_check_digit

GS = "\x1d"
FIXED = {"00": 18, "01": 14, "02": 14, "11": 6, "15": 6, "17": 6}
VARIABLE = {"10": 20, "21": 20, "30": 8, "37": 8}
_BRACKETED = re.compile(r"\((\d{2,4})\)([^()]*)")


class Gs1Error(ValueError):
    """The text looks like a GS1 element string but cannot be read."""


@dataclass(frozen=True)
class Gs1Data:
    gtin: str | None = None
    """GTIN-14 (AI 01 or 02)."""
    lot: str | None = None
    expiry: date | None = None
    best_before: date | None = None
    produced: date | None = None
    serial: str | None = None
    sscc: str | None = None
    count: int | None = None


def _digits(text: str) -> bool:
    """ASCII digits only (``str.isdigit`` also accepts other scripts' digits)."""
    return text.isascii() and text.isdigit()


def looks_like_gs1(text: str) -> bool:
    """True for ``]C1…``, text holding a group separator, or a bracketed ``(01)…``."""
    return text.startswith(("]C1", "(")) or GS in text


def gs1_date(yymmdd: str, *, today: date | None = None) -> date:
    """A GS1 date: the century is the one placing it within -49/+50 years of today;
    day 00 means the last day of the month."""
    if len(yymmdd) != 6 or not _digits(yymmdd):
        raise Gs1Error(f"'{yymmdd}' is not a GS1 date (YYMMDD).")
    yy, mm, dd = int(yymmdd[:2]), int(yymmdd[2:4]), int(yymmdd[4:])
    current = (today or date.today()).year
    year = current - current % 100 + yy
    if year - current >= 51:
        year -= 100
    elif current - year > 49:
        year += 100
    if not 1 <= mm <= 12:
        raise Gs1Error(f"'{yymmdd}' has no month {mm}.")
    last = monthrange(year, mm)[1]
    if dd == 0:
        dd = last
    if dd > last:
        raise Gs1Error(f"'{yymmdd}' has no day {dd}.")
    return date(year, mm, dd)


def _fields(text: str) -> list[tuple[str, str]]:
    if text.startswith("("):
        pairs = _BRACKETED.findall(text)
        if not pairs or "".join(f"({a}){v}" for a, v in pairs) != text:
            raise Gs1Error(f"'{text}' is not a bracketed GS1 string.")
        for ai, value in pairs:
            if ai not in FIXED and ai not in VARIABLE:
                raise Gs1Error(f"AI ({ai}) is not read by this terminal.")
            if ai in VARIABLE and not 1 <= len(value) <= VARIABLE[ai]:
                raise Gs1Error(f"AI ({ai}) holds 1 to {VARIABLE[ai]} characters.")
        return [(ai, value) for ai, value in pairs]
    body = text.removeprefix("]C1").lstrip(GS)
    fields: list[tuple[str, str]] = []
    while body:
        ai = body[:2]
        if ai in FIXED:
            width = FIXED[ai]
            value, body = body[2 : 2 + width], body[2 + width :]
            if len(value) != width:
                raise Gs1Error(f"AI ({ai}) needs {width} characters.")
        elif ai in VARIABLE:
            end = body.find(GS)
            value, body = (body[2:], "") if end < 0 else (body[2:end], body[end:])
            if not value or len(value) > VARIABLE[ai]:
                raise Gs1Error(f"AI ({ai}) holds 1 to {VARIABLE[ai]} characters.")
        else:
            raise Gs1Error(f"AI ({ai}) is not read by this terminal.")
        fields.append((ai, value))
        body = body.lstrip(GS)
    return fields


def parse_gs1(text: str, *, today: date | None = None) -> Gs1Data:
    """Read a GS1-128 element string; raises :class:`Gs1Error` when it cannot be read."""
    values: dict[str, object] = {}
    for ai, value in _fields(text.strip()):
        if ai in FIXED and len(value) != FIXED[ai]:
            raise Gs1Error(f"AI ({ai}) needs {FIXED[ai]} characters.")
        if ai in ("01", "02", "00"):
            if not _digits(value) or gs1_check_digit(value[:-1]) != int(value[-1]):
                raise Gs1Error(f"AI ({ai}) {value} has a wrong check digit.")
            values["sscc" if ai == "00" else "gtin"] = value
        elif ai in ("11", "15", "17"):
            name = {"11": "produced", "15": "best_before", "17": "expiry"}[ai]
            values[name] = gs1_date(value, today=today)
        elif ai in ("30", "37"):
            if not _digits(value):
                raise Gs1Error(f"AI ({ai}) must be a number.")
            values["count"] = int(value)
        else:
            values["lot" if ai == "10" else "serial"] = value
    if not values:
        raise Gs1Error("The GS1 string is empty.")
    return Gs1Data(**values)  # type: ignore[arg-type]


def as_gtin14(code: str) -> str | None:
    """An EAN-8/UPC-A/EAN-13/GTIN-14 padded to 14 digits, or None for anything else."""
    text = code.strip()
    if _digits(text) and len(text) in (8, 12, 13, 14):
        return text.zfill(14)
    return None
