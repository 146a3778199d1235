"""Check-digit rules of tracking numbers, by name (``[[carriers.tracking]] check``)."""

from __future__ import annotations

from collections.abc import Callable

from warehouse.config_shipping import CheckRule

S10_WEIGHTS = (8, 6, 4, 2, 3, 5, 9, 7)


def mod7(serial: str) -> str:
    """The serial's value modulo 7 (the rule of several domestic express carriers)."""
    return str(int(serial) % 7)


def mod10(serial: str) -> str:
    """Luhn: double every second digit from the right, the check makes the sum a multiple of 10."""
    total = 0
    for index, char in enumerate(reversed(serial)):
        digit = int(char)
        if index % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    return str((10 - total % 10) % 10)


def s10(serial: str) -> str:
    """UPU S10 (EMS): weights 8 6 4 2 3 5 9 7, 11 − sum mod 11; 10 becomes 0 and 11 becomes 5."""
    if len(serial) != 8:
        raise ValueError("an S10 serial has 8 digits")
    check = 11 - sum(w * int(d) for w, d in zip(S10_WEIGHTS, serial, strict=True)) % 11
    return {10: "0", 11: "5"}.get(check, str(check))


def none(serial: str) -> str:
    return ""


RULES: dict[CheckRule, Callable[[str], str]] = {
    "none": none,
    "mod7": mod7,
    "mod10": mod10,
    "s10": s10,
}


def check_digit(rule: CheckRule, serial: str) -> str:
    return RULES[rule](serial)


def is_valid(rule: CheckRule, serial_and_check: str) -> bool:
    """Whether the last character is the rule's check of the digits before it."""
    if rule == "none":
        return serial_and_check.isdigit()
    serial, check = serial_and_check[:-1], serial_and_check[-1:]
    return serial.isdigit() and check_digit(rule, serial) == check
