"""Sentences in two languages, and sentences stored as message keys.

One rule for every text an operator reads:

- A bilingual value is :class:`Words` with named fields, ``Words(en=..., zh=...)``.
- UI words live in ``warehouse_tui/i18n.py``; domain sentences live in each package's catalog
  (``warehouse/messages.py``, ``sync/messages.py``, ``picking/floor/errors.py``…), registered
  here with :func:`register` so that a stored key can be rendered anywhere.
- What is stored for later reading (hold reasons, warnings, short notes) is a
  :class:`Message`: a key and its parameters, never a finished sentence, so that each operator
  reads it in their own language. Parameters never carry receiver data in the clear: mask it
  first (:func:`warehouse.pii.mask_phone`) or leave it out.
"""

from __future__ import annotations

import json
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

ParamValue = str | int | float
MAX_PARAM_CHARS = 200
"""A stored parameter is cut to this length (a hostile payload cannot grow a reason)."""


def is_chinese(language: str) -> bool:
    return language.startswith("zh")


@dataclass(frozen=True)
class Words:
    """One text in English and Chinese, with the same ``{placeholders}`` in both."""

    en: str
    zh: str

    def render(self, language: str, **params: object) -> str:
        text = self.zh if is_chinese(language) else self.en
        return text.format(**params) if params else text

    def placeholders(self) -> tuple[frozenset[str], frozenset[str]]:
        return _fields(self.en), _fields(self.zh)


def _fields(text: str) -> frozenset[str]:
    return frozenset(name for _, name, _, _ in string.Formatter().parse(text) if name)


_CATALOG: dict[str, Words] = {}


def register(catalog: Mapping[str, Words]) -> Mapping[str, Words]:
    """Add a package's catalog to the keys :func:`render` knows; returns it unchanged.

    A key registered twice with different words is a programming error.
    """
    for key, words in catalog.items():
        known = _CATALOG.get(key)
        if known is not None and known != words:
            raise ValueError(f"Message key {key!r} is registered twice with different words.")
        _CATALOG[key] = words
    return catalog


def registered() -> Mapping[str, Words]:
    """Every key registered so far (for the catalog test and the help screens)."""
    return dict(_CATALOG)


@dataclass(frozen=True)
class Message:
    """A sentence to store: a catalog key and its (already masked) parameters."""

    key: str
    params: Mapping[str, ParamValue] = field(default_factory=dict)

    @classmethod
    def of(cls, key: str, **params: object) -> Message:
        return cls(key, {name: _param(value) for name, value in params.items()})

    def render(self, language: str) -> str:
        words = _CATALOG.get(self.key)
        if words is None:
            # A stored key this build does not know (written by a newer one): show it plainly.
            return self.key + (f" {dict(self.params)}" if self.params else "")
        try:
            return words.render(language, **self.params)
        except (KeyError, IndexError, ValueError):
            return words.render(language) if not _fields(words.en) else self.key

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "params": dict(self.params)}

    @classmethod
    def from_json(cls, data: object) -> Message:
        if isinstance(data, Mapping) and isinstance(data.get("key"), str):
            params = data.get("params") or {}
            if not isinstance(params, Mapping):
                params = {}
            return cls(data["key"], {str(k): _param(v) for k, v in params.items()})
        return cls(LITERAL_KEY, {"text": _param(data)})


LITERAL_KEY = "text.literal"
"""A sentence stored before message keys existed, shown as it was written."""


def _param(value: object) -> ParamValue:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return value
    return str(value)[:MAX_PARAM_CHARS]


def encode(messages: Iterable[Message]) -> str:
    """Messages as the JSON text stored in a column ("" when there are none)."""
    items = [m.to_json() for m in messages]
    return json.dumps(items, ensure_ascii=False, separators=(",", ":")) if items else ""


def decode(stored: str | None) -> list[Message]:
    """The messages stored by :func:`encode`; a plain old sentence comes back as a literal."""
    if not stored:
        return []
    try:
        data = json.loads(stored)
    except ValueError:
        return [Message(LITERAL_KEY, {"text": stored})]
    if isinstance(data, list):
        return [Message.from_json(item) for item in data]
    return [Message.from_json(data)]


def render_all(stored: str | None, language: str, *, separator: str = " ") -> str:
    """The stored messages as one text in ``language``."""
    return separator.join(m.render(language) for m in decode(stored))


register({LITERAL_KEY: Words(en="{text}", zh="{text}")})
