"""Interface text in English and Chinese; ``tr(key, language, **params)`` picks one.

Screens keep their words here so that a translation is one place to edit. Domain errors carry
their own Chinese sentence (``WarehouseError.localized``).
"""

from __future__ import annotations

from warehouse.words import Words
from warehouse_tui.words import common, dock, packer, picker, returns, stock_tasks, supervisor

LANGUAGES = ("zh_CN", "en")


def _joined(*parts: dict[str, Words]) -> dict[str, Words]:
    texts: dict[str, Words] = {}
    for part in parts:
        twice = texts.keys() & part.keys()
        if twice:
            raise ValueError(f"UI words defined twice: {sorted(twice)}")
        texts.update(part)
    return texts


TEXTS: dict[str, Words] = _joined(
    common.WORDS,
    picker.WORDS,
    packer.WORDS,
    dock.WORDS,
    returns.WORDS,
    supervisor.WORDS,
    stock_tasks.WORDS,
)
"""Every UI word, by key (the parts are in ``warehouse_tui/words/``)."""


def tr(key: str, language: str, **params: object) -> str:
    words = TEXTS.get(key)
    if words is None:
        return key
    return words.render(language, **params)


def other_language(language: str) -> str:
    return "en" if language.startswith("zh") else "zh_CN"
