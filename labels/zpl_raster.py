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
    """``text`` as ink, ``height`` dots tall, one bit per dot: 1 = a dot the head burns
    (the ZPL convention; Pillow would show this image white on black)."""
    face = _font(str(font), index, height)
    left, _top, right, bottom = (int(v) for v in face.getbbox(text))
    width = max(1, right - min(0, left))
    image = Image.new("1", (width, max(height, bottom)), 0)
    ImageDraw.Draw(image).text((-min(0, left), 0), text, font=face, fill=1)
    return image


def gfa(ink: Image.Image) -> str:
    """``^GFA,total,total,row,hex`` of an ink bitmap; rows are padded to whole bytes with 0."""
    row = (ink.width + 7) // 8
    packed = ink.tobytes()
    total = len(packed)
    return f"^GFA,{total},{total},{row},{packed.hex().upper()}"


@lru_cache(maxsize=2048)
def text_gfa(text: str, height: int, *, font: Path, index: int = 0) -> str:
    """The graphic of one text field (cached: carrier, hub and sender lines repeat)."""
    return gfa(text_bitmap(text, height, font=font, index=index))
