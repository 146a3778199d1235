"""Shipping labels per second: our PDF and ZPL beside bare reportlab, in the same run.

    .venv/bin/python bench/labels.py [--labels 500] [--rounds 3]

PDF is timed two ways: all labels in one document (a page each: a wave's labels printed
together) and a document per label (as a packing station prints one parcel; reportlab then
builds and compresses a font subset for every document, which bounds the rate). ZPL is one
format per label. "Bare reportlab" draws the same strings in the same embedded font and the
tracking number with reportlab's own Code 128 widget, with no layout decisions, dot-grid bars,
marks, wrapping or GS1 block; "plain font" is the same without our font-table cache. All are
timed in turns, ``--rounds`` times, and the best round of each is reported (the machine is
shared; the best round is the least disturbed).

Targets (issue 11): at least 300 PDF labels/s, at least 3,000 ZPL labels/s with a resident
font, and PDF at least 0.5 of the bare reportlab rate.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.graphics.barcode.code128 import Code128
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from labels.content import Party, ShippingLabel
from labels.fonts import cjk_font
from labels.pdf_label import shipping_labels_pdf
from labels.sizes import LabelSize
from labels.zpl import ZplStyle, shipping_labels_zpl
from labels.zpl_raster import text_gfa
from warehouse.config_printing import DEFAULT_CJK_FONT

SIZE = LabelSize.named("100x150mm")
SURNAMES = "王李张刘陈杨黄赵吴周"
CITIES = [("广东省", "深圳市"), ("浙江省", "杭州市"), ("上海市", "上海市"), ("四川省", "成都市")]


def sample_labels(count: int) -> list[ShippingLabel]:
    labels = []
    for i in range(count):
        province, city = CITIES[i % len(CITIES)]
        labels.append(
            ShippingLabel(
                carrier_code="SF",
                carrier_name="顺丰速运",
                service="顺丰标快",
                tracking_no=f"SF{1400000000000 + i * 7919}",
                order_sn=f"2026120100{i:08d}",
                recipient=Party(
                    f"{SURNAMES[i % 10]}*",
                    f"13{i % 10}****{i % 10000:04d}",
                    f"{province}{city}南山区科技园南区深南大道 {i % 9999} 号",
                ),
                sender=Party("小米之家", "021-00000000", "上海市浦东新区示范路 1 号"),
                routing_code=f"755-W{i % 90:02d}-{i % 7:02d}",
                hub="深圳转运中心",
                cod_amount=Decimal("128.50") if i % 5 == 0 else Decimal("0"),
                insured_value=Decimal("2000") if i % 3 == 0 else Decimal("0"),
                weight_kg=Decimal("1.25"),
            )
        )
    return labels


def bare_reportlab(labels: list[ShippingLabel], font: str) -> bytes:
    """The same strings and a Code 128 of the tracking number, drawn plainly, a page each."""
    buffer = io.BytesIO()
    c = Canvas(buffer, pagesize=SIZE.points, pageCompression=1, initialFontName=font)
    for label in labels:
        _bare_page(c, label, font)
    c.save()
    return buffer.getvalue()


def _bare_page(c: Canvas, label: ShippingLabel, font: str) -> None:
    c.setFont(font, 14)
    c.drawString(8 * mm, 140 * mm, label.carrier_name)
    c.drawString(70 * mm, 140 * mm, label.service)
    Code128(label.tracking_no, barWidth=0.375 * mm, barHeight=17 * mm).drawOn(c, 10 * mm, 118 * mm)
    c.setFont(font, 10)
    c.drawString(30 * mm, 113 * mm, label.tracking_no)
    c.setFont(font, 28)
    c.drawString(8 * mm, 98 * mm, label.routing_code)
    c.setFont(font, 11)
    lines = [
        f"集包地 {label.hub}",
        f"收 {label.recipient.name}  {label.recipient.phone}",
        label.recipient.address,
        f"寄 {label.sender.name}  {label.sender.phone}",
        label.sender.address,
        f"件数 1/1  重量 {label.weight_kg} kg  订单 {label.order_sn}",
    ]
    for n, line in enumerate(lines):
        c.drawString(8 * mm, (88 - n * 8) * mm, line)
    c.showPage()


def raster_run(labels: list[ShippingLabel], style: ZplStyle) -> list[bytes]:
    """ZPL with Chinese rasterised, starting with an empty field cache (fields that repeat
    within the run, such as carrier, hub and sender, are drawn once, as in a real shift)."""
    text_gfa.cache_clear()
    return [shipping_labels_zpl([lb], SIZE, style) for lb in labels]


def timed(work: Callable[[], object], count: int) -> float:
    start = time.perf_counter()
    work()
    return count / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=int, default=500)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    font = cjk_font(DEFAULT_CJK_FONT)
    # The same font registered plainly, as reportlab does it without our table cache.
    plain = "BenchPlainCJK"
    pdfmetrics.registerFont(TTFont(plain, str(DEFAULT_CJK_FONT), subfontIndex=0))
    labels = sample_labels(args.labels)
    resident = ZplStyle(module_dots=3, resident_font="E:SIMSUN.TTF")
    raster = ZplStyle(module_dots=3)
    runs: dict[str, Callable[[], object]] = {
        "PDF, one document": lambda: shipping_labels_pdf(labels, SIZE, font=font, dots=3),
        "bare, one document": lambda: bare_reportlab(labels, font),
        "bare, one doc, plain font": lambda: bare_reportlab(labels, plain),
        "PDF, a document each": lambda: [
            shipping_labels_pdf([lb], SIZE, font=font, dots=3) for lb in labels
        ],
        "bare, a document each": lambda: [bare_reportlab([lb], font) for lb in labels],
        "ZPL, resident font": lambda: [shipping_labels_zpl([lb], SIZE, resident) for lb in labels],
        "ZPL, ^GFA raster": lambda: raster_run(labels, raster),
    }
    for work in runs.values():  # warm caches (font subsets, bar patterns) once, untimed
        work()
    best = dict.fromkeys(runs, 0.0)
    for _ in range(args.rounds):
        for name, work in runs.items():
            best[name] = max(best[name], timed(work, args.labels))
    print(f"{args.labels} shipping labels 100x150 mm, best of {args.rounds} rounds:")
    for name, rate in best.items():
        print(f"  {name:<26} {rate:9.0f} labels/s")
    ratio = best["PDF, one document"] / best["bare, one document"]
    each = best["PDF, a document each"] / best["bare, a document each"]
    print(f"  PDF / bare, one document   {ratio:9.2f}")
    print(f"  PDF / bare, a doc each     {each:9.2f}")
    checks = [
        ("PDF >= 300/s", best["PDF, one document"] >= 300),
        ("ZPL resident >= 3000/s", best["ZPL, resident font"] >= 3000),
        ("PDF >= 0.5 x bare", ratio >= 0.5 and each >= 0.5),
    ]
    print("  targets: " + ", ".join(f"{n} {'met' if ok else 'MISSED'}" for n, ok in checks))
    return 0 if all(ok for _, ok in checks) else 1


if __name__ == "__main__":
    sys.exit(main())
