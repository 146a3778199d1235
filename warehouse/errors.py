"""Domain errors. Each message is one sentence fit to show an operator, in both languages.

Raise them from a package's catalog of :class:`~warehouse.words.Words`:
``ScanRefused.of(WRONG_ITEM, sku=...)``.
"""

from __future__ import annotations

from typing import Self

from warehouse.words import Words


class WarehouseError(Exception):
    """Base of every error the operator may see; ``str(error)`` is the sentence to show.

    ``zh`` optionally carries the same sentence in Chinese for a Chinese-language screen.
    """

    def __init__(self, message: str, *, zh: str | None = None) -> None:
        super().__init__(message)
        self.zh = zh

    @classmethod
    def of(cls, words: Words, **params: object) -> Self:
        """The error whose sentence is ``words`` with ``params``, in English and Chinese."""
        return cls(words.render("en", **params), zh=words.render("zh", **params))

    def localized(self, language: str) -> str:
        if language.startswith("zh") and self.zh:
            return self.zh
        return str(self)


class ConfigError(WarehouseError):
    """The configuration file is missing, unreadable or invalid."""


class NotFound(WarehouseError):
    """A thing named by the operator does not exist."""


class StateError(WarehouseError):
    """An action is not allowed in the current state."""


class PermissionDenied(WarehouseError):
    """The user's role does not allow this action."""


class AuthError(WarehouseError):
    """Wrong badge or PIN, or the badge is locked or disabled."""

    def __init__(self, message: str, *, zh: str | None = None, retry_pin: bool = False) -> None:
        super().__init__(message, zh=zh)
        self.retry_pin = retry_pin
        """True when the same badge may try another PIN."""


class StockError(WarehouseError):
    """A stock movement would make stock negative or reserve more than is on hand."""


class StockMoved(StockError):
    """Stock planned on changed before it was reserved: plan again on fresh stock."""
