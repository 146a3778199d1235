"""GS1-128 labels as a hand scanner sends them."""

from __future__ import annotations

from datetime import date

import pytest

from warehouse.gs1 import Gs1Error, as_gtin14, gs1_date, looks_like_gs1, parse_gs1

TODAY = date(2026, 11, 24)
GTIN = "06901234567892"


def test_raw_string_with_symbology_prefix_and_separator() -> None:
    data = parse_gs1(f"]C101{GTIN}17270301\x1d10LOT-7\x1d21SN1", today=TODAY)
    assert (data.gtin, data.expiry, data.lot, data.serial) == (
        GTIN,
        date(2027, 3, 1),
        "LOT-7",
        "SN1",
    )


def test_variable_field_last_needs_no_separator() -> None:
    data = parse_gs1(f"01{GTIN}\x1d10ABC", today=TODAY)
    assert data.lot == "ABC"


def test_bracketed_human_readable_form() -> None:
    data = parse_gs1(f"(01){GTIN}(10)L1(17)270600", today=TODAY)
    assert data.expiry == date(2027, 6, 30)  # day 00: the last day of the month


def test_wrong_check_digit_and_unknown_ai_are_refused() -> None:
    with pytest.raises(Gs1Error, match="check digit"):
        parse_gs1("(01)06901234567893", today=TODAY)
    with pytest.raises(Gs1Error, match="not read"):
        parse_gs1(f"01{GTIN}99XYZ", today=TODAY)


def test_century_window() -> None:
    assert gs1_date("991231", today=TODAY) == date(1999, 12, 31)
    assert gs1_date("300101", today=TODAY) == date(2030, 1, 1)


def test_plain_codes() -> None:
    assert as_gtin14("6901234567892") == GTIN
    assert as_gtin14("WMS000001") is None
    assert not looks_like_gs1("6901234567892")
    assert looks_like_gs1("(01)" + GTIN)
