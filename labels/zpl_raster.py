"""Chinese text as a ``^GFA`` graphic, for thermal printers without a resident CJK font.

Each text field is drawn with the same TrueType font as the PDF (Pillow), thresholded to one
bit per dot and sent as ASCII hex rows. Text only: barcodes stay native ``^BC`` fields, which
the printer draws exactly on its own dot grid.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont


@lru_cache(maxsize=32)
def _font(path: str, index: int, height: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, height, index=index)


def text_bitmap(text: str, height: int, *, font: Path, index: int = 0) -> Image.Image:
    """``text`` in black on white, ``height`` dots tall, one bit per dot."""
    face = _font(str(font), index, height)
    left, _top, right, bottom = (int(v) for v in face.getbbox(text))
    width = max(1, right - min(0, left))
    image = Image.new("1", (width, max(height, bottom)), 1)
    ImageDraw.Draw(image).text((-min(0, left), 0), text, font=face, fill=0)
    return image


def gfa(image: Image.Image) -> str:
    """``^GFA,total,total,row,hex``: the bitmap with 1 = a black dot, rows padded to bytes."""
    bitmap = image.convert("1")
    row = (bitmap.width + 7) // 8
    # Pillow packs mode "1" as 1 = white; ZPL wants 1 = black, so invert the bytes.
    packed = bytes(b ^ 0xFF for b in bitmap.tobytes())
    if bitmap.width % 8:
        mask = (0xFF << (8 - bitmap.width % 8)) & 0xFF
        packed = bytes(b & mask if (i + 1) % row == 0 else b for i, b in enumerate(packed))
    total = len(packed)
    return f"^GFA,{total},{total},{row},{packed.hex().upper()}"


def text_gfa(text: str, height: int, *, font: Path, index: int = 0) -> str:
    return gfa(text_bitmap(text, height, font=font, index=index))
