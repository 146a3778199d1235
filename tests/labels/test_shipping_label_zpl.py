"""The same label as ZPL II: structure, escaping, and a rendering of it that a reader decodes."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PIL import ImageChops

from labels.content import Party
from labels.gather import shipping_labels
from labels.sizes import LabelSize
from labels.zpl import ZplStyle, escape, shipping_labels_zpl
from labels.zpl_raster import text_bitmap
from tests.labels.builders import packed_order
from tests.labels.conftest import decode, label_settings
from tests.labels.zpl_render import parse, render
from warehouse.config_printing import DEFAULT_CJK_FONT, LABEL_SIZES_MM
from warehouse.db import Database
from warehouse.pii import ReceiverCipher

RESIDENT = ZplStyle(resident_font="E:SIMSUN.TTF")


@pytest.fixture
def labels(sqlite_database: Database, cipher: ReceiverCipher, tmp_path: Path) -> list:  # type: ignore[type-arg]
    settings = label_settings(tmp_path, gs1={"enabled": True})
    with sqlite_database.unit_of_work() as session:
        packed = packed_order(session, cipher, parcels=2)
        return shipping_labels(session, packed.order_sn, settings, cipher)


@pytest.mark.parametrize("size", list(LABEL_SIZES_MM))
@pytest.mark.parametrize("style", [ZplStyle(), RESIDENT], ids=["raster", "resident"])
def test_zpl_is_well_formed_and_its_rendering_scans(
    labels: list, size: str, style: ZplStyle
) -> None:  # type: ignore[type-arg]
    zpl = shipping_labels_zpl(labels, LabelSize.named(size), style).decode()
    assert zpl.startswith("^XA^CI28") and zpl.endswith("^XZ")
    assert zpl.count("^XA") == zpl.count("^XZ") == 2
    first_non_ascii = (
        min(i for i, ch in enumerate(zpl) if not ch.isascii()) if not zpl.isascii() else len(zpl)
    )
    assert zpl.index("^CI28") < first_non_ascii
    width, length = LabelSize.named(size).dots(203)
    for fmt, label in zip(parse(zpl), labels, strict=True):
        assert (fmt.ci, fmt.width, fmt.length) == ("28", width, length)
        found = decode(render(fmt))
        assert (label.tracking_no, "]C0") in found
        assert (f"(00){label.sscc}", "]C1") in found
        assert ("(420)518057", "]C1") in found


def test_without_a_resident_font_the_chinese_is_a_bitmap_of_the_same_text(labels: list) -> None:  # type: ignore[type-arg]
    zpl = shipping_labels_zpl(labels[:1], LabelSize.named("100x150mm"), ZplStyle()).decode()
    assert zpl.isascii(), "every Chinese text went into ^GFA graphics"
    graphics = [img for _, _, img in parse(zpl)[0].graphics]
    height = int(34 * LabelSize.named("100x150mm").dots()[1] / 1200)  # the hub line's height
    ink = text_bitmap("集包地 深圳转运中心", height, font=DEFAULT_CJK_FONT)
    assert ink.getbbox() is not None, "the text has ink"
    expected = ImageChops.invert(ink.convert("L"))  # as printed: black text on white
    assert any(
        ImageChops.difference(g.convert("L").crop((0, 0, *expected.size)), expected).getbbox()
        is None
        for g in graphics
        if g.size[1] == expected.height
    )


def test_with_a_resident_font_chinese_stays_text_in_utf8(labels: list) -> None:  # type: ignore[type-arg]
    zpl = shipping_labels_zpl(labels[:1], LabelSize.named("76x130mm"), RESIDENT).decode()
    assert "^CWJ,E:SIMSUN.TTF" in zpl and "^GFA" not in zpl
    assert "^AJN,29,29^FH^FD集包地 深圳转运中心^FS" in zpl
    assert "张*  138****1234" in zpl and "张三丰" not in zpl


def test_user_data_cannot_inject_zpl_commands(labels: list) -> None:  # type: ignore[type-arg]
    hostile = dataclasses.replace(
        labels[0], recipient=Party("A^XZ~JA", "1_2", "Room 1^FDx~y_z"), order_sn="SN^XZ"
    )
    zpl = shipping_labels_zpl([hostile], LabelSize.named("100x150mm"), RESIDENT).decode()
    assert zpl.count("^XZ") == 1 and "~JA" not in zpl
    assert escape("a^b~c_d") == "a_5Eb_7Ec_5Fd"
    fields = [f.data for f in parse(zpl)[0].fields]
    assert any("A^XZ~JA  1_2" in data for data in fields)
    assert any("Room 1^FDx~y_z" in data for data in fields)
    for f in parse(zpl)[0].fields:
        assert f.command != "BC" or f.data.startswith(">;>8") or f.data == hostile.tracking_no
