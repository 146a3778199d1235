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


def cjk_font(path: Path, subfont_index: int = 0) -> str:
    """The reportlab font name of ``path`` (registering it the first time)."""
    key = (path, subfont_index)
    with _lock:
        name = _registered.get(key)
        if name is None:
            require_font_file(path)
            name = FONT_NAME if not _registered else f"{FONT_NAME}{len(_registered)}"
            pdfmetrics.registerFont(TTFont(name, str(path), subfontIndex=subfont_index))
            _registered[key] = name
        return name
