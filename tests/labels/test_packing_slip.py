"""Packing slips: branded per merchant, the order barcode scans, gift orders show no prices."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from labels.documents import slip_document
from tests.labels.builders import packed_order
from tests.labels.conftest import decode, fonts, label_settings, page_sizes_pt, pdf_tool, render
from warehouse.db import Database
from warehouse.pii import ReceiverCipher

PAGES = {"A5": (419.53, 595.28), "A4": (595.28, 841.89)}


@pytest.mark.parametrize("page", ["A5", "A4"])
def test_a_slip_shows_branding_lines_lots_and_the_order_barcode(
    sqlite_database: Database, cipher: ReceiverCipher, tmp_path: Path, page: str
) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 120), (200, 30, 30)).save(logo)
    with sqlite_database.unit_of_work() as session:
        packed = packed_order(session, cipher, cod=Decimal("213.50"))
        settings = label_settings(
            tmp_path,
            slip_page=page,
            merchants={
                packed.merchant_mall_id: {
                    "name": "小米之家 Mi Home",
                    "logo": "logo.png",
                    "policy_zh": "七天无理由退货，请保留本单。",
                    "policy_en": "Returns within 7 days; keep this slip.",
                }
            },
        )
        document = slip_document(session, packed.order_sn, settings)
    (width, height) = page_sizes_pt(document.content)[0]
    assert (width, height) == (
        pytest.approx(PAGES[page][0], abs=0.05),
        pytest.approx(PAGES[page][1], abs=0.05),
    )
    assert all(emb == "yes" for _, emb in fonts(document.content))
    text = pdf_tool("pdftotext", document.content)
    for words in ("小米之家 Mi Home", "装箱单 Packing slip", "西湖龙井 250g", "青花瓷茶杯", "L2026-11A",
                  "¥168.00", "货到付款", "¥213.50", "七天无理由退货", "Returns within 7 days"):  # fmt: skip
        assert words in text, words
    assert (packed.order_sn, "]C0") in decode(render(document.content))


def test_a_gift_slip_shows_no_prices_but_the_gift_message(
    sqlite_database: Database, cipher: ReceiverCipher, lsettings: object
) -> None:
    with sqlite_database.unit_of_work() as session:
        packed = packed_order(session, cipher, gift=True, note="生日快乐！Happy birthday")
        document = slip_document(session, packed.order_sn, lsettings)  # type: ignore[arg-type]
    text = pdf_tool("pdftotext", document.content)
    assert "生日快乐！Happy birthday" in text and "礼品 Gift" in text
    assert "¥" not in text and "单价" not in text


def test_a_long_order_runs_onto_more_pages_with_every_line() -> None:
    from labels.content import PackingSlip, SlipLine
    from labels.fonts import cjk_font
    from labels.pdf_slip import packing_slip_pdf
    from warehouse.config_printing import DEFAULT_CJK_FONT

    lines = [SlipLine(f"SKU-{i:03d}", f"商品 {i}", 1) for i in range(60)]
    pdf = packing_slip_pdf(
        PackingSlip("SN-LONG-1", "小店", lines), page="A5", font=cjk_font(DEFAULT_CJK_FONT)
    )
    text = pdf_tool("pdftotext", pdf)
    assert len(page_sizes_pt(pdf)) >= 2
    assert all(f"SKU-{i:03d}" in text for i in range(60)) and "合计 Total 60" in text
    assert ("SN-LONG-1", "]C0") in decode(render(pdf, page=2)), (
        "every page carries the order barcode"
    )
