"""A small ZPL interpreter for the tests: draws ``^GFA`` graphics, ``^GB`` rules and ``^BC``
barcodes onto a bitmap of ``^PW`` × ``^LL`` dots, so the label can be decoded by a real reader.

Only what our labels use is understood; anything else fails loudly. Barcodes are drawn from
their field data (after undoing ``^FH`` and the subset invocations) with python-barcode's bar
patterns at the ``^BY`` module width.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from barcode.codex import Code128, Gs1_128
from PIL import Image, ImageDraw

_COMMAND = re.compile(r"\^([A-Z@][A-Z0-9@]?)")


def unescape(data: str, indicator: str = "_") -> str:
    raw = bytearray()
    i = 0
    encoded = data.encode()
    while i < len(encoded):
        if encoded[i : i + 1] == indicator.encode():
            raw.append(int(encoded[i + 1 : i + 3], 16))
            i += 3
        else:
            raw.append(encoded[i])
            i += 1
    return raw.decode()


@dataclass
class Field:
    x: int
    y: int
    command: str
    params: str
    data: str
    module: int


@dataclass
class ZplFormat:
    width: int = 0
    length: int = 0
    ci: str = ""
    fields: list[Field] = field(default_factory=list)
    graphics: list[tuple[int, int, Image.Image]] = field(default_factory=list)


def parse(zpl: str) -> list[ZplFormat]:
    formats: list[ZplFormat] = []
    for body in zpl.split("^XA")[1:]:
        assert "^XZ" in body, "every ^XA needs its ^XZ"
        body = body[: body.index("^XZ")]
        fmt = ZplFormat()
        x = y = module = 0
        hexed = False
        current: tuple[str, str] | None = None
        for chunk in body.split("^")[1:]:
            name, rest = chunk[:2], chunk[2:]
            if name == "CI":
                fmt.ci = rest
            elif name == "PW":
                fmt.width = int(rest)
            elif name == "LL":
                fmt.length = int(rest)
            elif name == "FO":
                x, y = (int(v) for v in rest.split(","))
                hexed = False
            elif name == "BY":
                module = int(rest.split(",")[0])
            elif name == "FH":
                hexed = True
            elif name == "FD":
                assert current is not None
                data = unescape(rest) if hexed else rest
                fmt.fields.append(Field(x, y, current[0], current[1], data, module))
            elif name == "GF":
                _, total, _, row, hexdata = rest.split(",", 4)
                raw = bytes.fromhex(hexdata)
                assert len(raw) == int(total)
                rows = len(raw) // int(row)
                img = Image.frombytes("1", (int(row) * 8, rows), bytes(b ^ 0xFF for b in raw))
                fmt.graphics.append((x, y, img))
            elif name in ("BC", "GB") or name.startswith("A"):
                current = (name, rest)
            elif name in ("FS", "LH", "CW", "PQ"):
                pass
            else:
                raise AssertionError(f"unexpected ZPL command ^{name}")
        formats.append(fmt)
    return formats


def _bc_modules(data: str, mode: str) -> str:
    if mode == "N":
        assert data.startswith(">;>8"), data
        digits = data[4:].replace(">6", "")
        return Gs1_128(digits).build()[0]
    return Code128(data).build()[0]


def render(fmt: ZplFormat) -> Image.Image:
    image = Image.new("L", (fmt.width, fmt.length), 255)
    draw = ImageDraw.Draw(image)
    for x, y, graphic in fmt.graphics:
        image.paste(graphic.convert("L"), (x, y))
    for f in fmt.fields:
        if f.command == "GB":
            w, h, _ = (int(v) for v in f.params.split(",")[:3])
            draw.rectangle((f.x, f.y, f.x + w - 1, f.y + h - 1), fill=0)
        elif f.command == "BC":
            params = f.params.lstrip("N,").split(",")
            height, mode = int(params[0]), params[-1]
            modules = _bc_modules(f.data, mode)
            for i, m in enumerate(modules):
                if m == "1":
                    left = f.x + i * f.module
                    draw.rectangle((left, f.y, left + f.module - 1, f.y + height - 1), fill=0)
    return image
