"""Check digits and parsing of the barcodes the floor scans (EAN-13, GTIN-14, GS1 AIs)."""

from __future__ import annotations


def gs1_check_digit(body: str) -> int:
    """GS1 mod-10: weights 3,1,3,… from the right of the body (EAN-8/13, GTIN-14, SSCC)."""
    if not body.isdigit():
        raise ValueError(f"{body!r} is not all digits")
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def ean13_check_digit(body: str) -> int:
    if len(body) != 12:
        raise ValueError("an EAN-13 body has 12 digits")
    return gs1_check_digit(body)


def is_valid_gtin(code: str) -> bool:
    return (
        code.isdigit()
        and len(code) in (8, 12, 13, 14)
        and gs1_check_digit(code[:-1]) == int(code[-1])
    )
