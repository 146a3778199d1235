"""Reading an item scan and matching it to a SKU, as picking, packing and returns all do."""

from __future__ import annotations

from datetime import date

import pytest

from tests import builders as f
from warehouse.db import Database
from warehouse.item_scan import (
    UnreadableScan,
    is_code_of,
    match_sku,
    read_item_scan,
    same_code,
    skus_named_by,
)

TODAY = date(2026, 11, 24)


def test_a_plain_code_is_read_as_it_is() -> None:
    scan = read_item_scan("  6900000000014 \n", TODAY)
    assert (scan.code, scan.lot, scan.expiry, scan.is_gs1) == ("6900000000014", None, None, False)


def test_an_ean13_and_the_gtin14_wrapping_it_are_the_same_item() -> None:
    assert same_code("06900000000014", "6900000000014")
    assert not same_code("16900000000011", "6900000000014")
    assert same_code("wms000001", "WMS000001")


@pytest.mark.parametrize(
    "text",
    ["(01)06900000000014(10)L7(17)270301", "]C10106900000000014" + "10L7\x1d" + "17270301"],
)
def test_a_gs1_128_scan_names_gtin_lot_and_expiry(text: str) -> None:
    scan = read_item_scan(text, TODAY)
    assert (scan.code, scan.lot, scan.expiry) == ("06900000000014", "L7", date(2027, 3, 1))
    assert scan.is_gs1


@pytest.mark.parametrize(
    "text", ["(01)06900000000015", "(01)5", "(01)０６９００", "(17)２７０３０１", "(99)ABC", "   "]
)
def test_an_unreadable_scan_is_one_sentence_in_both_languages(text: str) -> None:
    with pytest.raises(UnreadableScan) as raised:
        read_item_scan(text, TODAY)
    assert str(raised.value).endswith(".") and raised.value.zh


def test_a_sku_answers_to_its_code_and_every_barcode(database: Database) -> None:
    with database.unit_of_work() as session:
        shop = f.merchant(session)
        tea, cup = f.sku(session, shop, "TEA"), f.sku(session, shop, "CUP")
        ean = f.barcode(tea)
        internal = next(b.code for b in tea.barcodes if b.kind == "INTERNAL")
        for text in ("TEA", ean, "0" + ean, internal, f"(01)0{ean}(10)L1"):
            assert is_code_of(session, tea, read_item_scan(text, TODAY)), text
        assert not is_code_of(session, cup, read_item_scan(ean, TODAY))
        assert match_sku(session, read_item_scan("0" + ean, TODAY), [cup, tea]) is tea
        assert match_sku(session, read_item_scan("NOPE", TODAY), [cup, tea]) is None


def test_the_same_gtin_sold_by_two_merchants_names_both(database: Database) -> None:
    with database.unit_of_work() as session:
        one, two = f.merchant(session), f.merchant(session)
        tea = f.sku(session, one, "TEA-1")
        other = f.sku(session, two, "TEA-2")
        other.barcodes[0].code = f.barcode(tea)
        session.flush()
        scan = read_item_scan("0" + f.barcode(tea), TODAY)
        assert {s.code for s in skus_named_by(session, scan)} == {"TEA-1", "TEA-2"}
        assert [s.code for s in skus_named_by(session, scan, merchant_id=two.id)] == ["TEA-2"]


def test_a_scan_quoted_to_an_operator_shows_control_characters_and_is_cut() -> None:
    from warehouse.item_scan import shown

    assert shown("(10)A\x1dB\x00") == "(10)A␝B␀"
    assert shown("9" * 500) == "9" * 39 + "…"
    with pytest.raises(UnreadableScan) as raised:
        read_item_scan("(01)" + "\x07" * 80, TODAY)
    assert "␇" in str(raised.value) and len(str(raised.value)) < 80
