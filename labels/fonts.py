"""The embedded CJK TrueType font for labels and slips (registered once per process).

reportlab's built-in ``STSong-Light`` is a CID font that is *not* embedded: a viewer or printer
without it prints boxes. WenQuanYi Zen Hei (Debian ``fonts-wqy-zenhei``) embeds as a subset.
"""

from __future__ import annotations

import threading
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from labels.errors import LabelError

FONT_NAME = "WmsCJK"
_lock = threading.Lock()
_registered: dict[tuple[Path, int], str] = {}


def require_font_file(path: Path) -> Path:
    """``path`` when it is a readable file; otherwise the sentence naming the package."""
    if not path.is_file():
        raise LabelError.key("labels.font_missing", path=str(path))
    return path


def keep_tables(font: TTFont) -> None:
    """Keep the font's tables once read, instead of reading them for every document.

    reportlab makes each document's subset from the font's tables and copies every table out of
    the file's bytes each time: for a 17 MB CJK collection that copy (the 'glyf' table above all)
    is most of the time a one-page label takes. The tables never change, so each is read once.
    """
    face = font.face
    read = face.get_table
    tables: dict[str, bytes] = {}

    def get_table(tag: str) -> bytes:
        table = tables.get(tag)
        if table is None:
            table = tables[tag] = read(tag)
        return table

    face.get_table = get_table


def cjk_font(path: Path, subfont_index: int = 0) -> str:
    """The reportlab font name of ``path`` (registering it the first time)."""
    key = (path, subfont_index)
    with _lock:
        name = _registered.get(key)
        if name is None:
            require_font_file(path)
            name = FONT_NAME if not _registered else f"{FONT_NAME}{len(_registered)}"
            font = TTFont(name, str(path), subfontIndex=subfont_index)
            keep_tables(font)
            pdfmetrics.registerFont(font)
            _registered[key] = name
        return name
