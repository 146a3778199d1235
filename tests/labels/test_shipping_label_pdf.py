"""Shipping labels as PDF, checked on the real document: rendered at 203 dpi and scanned."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from labels.barcode128 import code128
from labels.documents import shipping_document
from labels.gather import shipping_labels
from tests.labels.builders import packed_order
from tests.labels.conftest import decode, fonts, label_settings, page_sizes_pt, pdf_tool, render
from warehouse.config_printing import LABEL_SIZES_MM
from warehouse.db import Database
from warehouse.pii import ReceiverCipher

MM = 72 / 25.4


@pytest.mark.parametrize("size", list(LABEL_SIZES_MM))
def test_every_label_size_scans_with_exact_page_size_and_embedded_fonts(
    sqlite_database: Database, cipher: ReceiverCipher, tmp_path: Path, size: str
) -> None:
    settings = label_settings(tmp_path, carriers={"SF": {"size": size}})
    with sqlite_database.unit_of_work() as session:
        packed = packed_order(session, cipher, parcels=2)
        document = shipping_document(session, packed.order_sn, settings, cipher, format="pdf")
    width, height = LABEL_SIZES_MM[size]
    assert (
        page_sizes_pt(document.content)
        == [(pytest.approx(width * MM, abs=0.01), pytest.approx(height * MM, abs=0.01))] * 2
    )
    assert fonts(document.content) and all(emb == "yes" for _, emb in fonts(document.content))
    for page, number in enumerate(packed.tracking, start=1):
        found = decode(render(document.content, page=page))
        assert (number, "]C0") in found


def test_the_tracking_bars_are_whole_printer_dots(
    sqlite_database: Database, cipher: ReceiverCipher, lsettings: object
) -> None:
    with sqlite_database.unit_of_work() as session:
        packed = packed_order(session, cipher, parcels=1)
        document = shipping_document(session, packed.order_sn, lsettings, cipher, format="pdf")  # type: ignore[arg-type]
    image = render(document.content)
    expected = [len(run) for run in _runs(code128(packed.tracking[0]).modules)]
    for y in range(image.height):
        row = [image.getpixel((x, y)) < 128 for x in range(image.width)]
        widths = [len(run) for run in _runs("".join("1" if v else "0" for v in row))]
        if len(widths) == len(expected) * 1 + 1 and widths[0] > 20:  # a line through the bars only
            inner = widths[1:]
            assert inner == [w * 3 for w in expected], "every module is exactly 3 dots"
            return
    pytest.fail("no scan line crosses the tracking barcode alone")


def _runs(bits: str) -> list[str]:
    """Alternating runs of 1s and 0s, leading/trailing white kept as runs too."""
    out: list[str] = []
    for bit in bits:
        if out and out[-1][0] == bit:
            out[-1] += bit
        else:
            out.append(bit)
    if out and out[-1][0] == "0":
        out.pop()
    return out


def test_a_privacy_waybill_masks_the_receiver_and_keeps_the_chinese_address(
    sqlite_database: Database, cipher: ReceiverCipher, lsettings: object
) -> None:
    with sqlite_database.unit_of_work() as session:
        packed = packed_order(session, cipher, parcels=1, cod=Decimal("128.50"))
        document = shipping_document(session, packed.order_sn, lsettings, cipher, format="pdf")  # type: ignore[arg-type]
    text = pdf_tool("pdftotext", document.content)
    assert "张*" in text and "138****1234" in text
    assert "张三丰" not in text and "13812341234" not in text
    for words in (
        "顺丰速运",
        "顺丰标快",
        "755-W12-03",
        "深圳转运中心",
        "深南大道",
        "小米之家",
        "代收货款",
        "¥128.50",
        "保价",
        "1/1",
    ):
        assert words in text, words


def test_a_merchant_can_turn_privacy_off_and_the_longest_route_prefix_wins(
    sqlite_database: Database, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    with sqlite_database.unit_of_work() as session:
        packed = packed_order(session, cipher, parcels=1)
        settings = label_settings(tmp_path, merchants={packed.merchant_mall_id: {"privacy": False}})
        labels = shipping_labels(session, packed.order_sn, settings, cipher)
    assert labels[0].recipient.name == "张三丰" and labels[0].recipient.phone == "13812341234"
    assert (labels[0].routing_code, labels[0].hub) == ("755-W12-03", "深圳转运中心")


def test_the_gs1_block_carries_a_verified_sscc_and_the_ship_to_postcode(
    sqlite_database: Database, cipher: ReceiverCipher, tmp_path: Path
) -> None:
    settings = label_settings(tmp_path, gs1={"enabled": True, "company_prefix": "0952876"})
    with sqlite_database.unit_of_work() as session:
        packed = packed_order(session, cipher, parcels=1)
        labels = shipping_labels(session, packed.order_sn, settings, cipher)
        document = shipping_document(session, packed.order_sn, settings, cipher, format="pdf")
    sscc = labels[0].sscc
    assert len(sscc) == 18 and sscc.startswith("00952876")
    found = decode(render(document.content))
    assert (packed.tracking[0], "]C0") in found
    assert (f"(00){sscc}", "]C1") in found
    assert ("(420)518057", "]C1") in found


def test_an_order_without_parcels_is_told_so_in_one_sentence(
    sqlite_database: Database, cipher: ReceiverCipher, lsettings: object
) -> None:
    from labels.errors import LabelError

    with sqlite_database.unit_of_work() as session:
        packed = packed_order(session, cipher, parcels=0)
        with pytest.raises(LabelError) as raised:
            shipping_labels(session, packed.order_sn, lsettings, cipher)  # type: ignore[arg-type]
    assert str(raised.value) == (
        f"Order {packed.order_sn} has no parcels yet: pack it at a packing station before "
        "printing its shipping label."
    )
    assert raised.value.zh == f"订单 {packed.order_sn} 还没有包裹：请先在打包台打包，再打印面单。"
