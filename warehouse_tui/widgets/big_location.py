"""A shelf code read from arm's length: in large three-line characters when it fits, else in
bold inside a heavy frame. Shared by the guided pick and the put-back screen.

Public API: :func:`show_location` (fills a ``Digits`` and a ``Static`` pair and shows one).
"""

from __future__ import annotations

from textual.renderables.digits import DIGITS
from textual.widgets import Digits, Static

BIG_CHARS = 13
"""Three-line characters of up to this many fit 40 columns."""


def show_location(big: Digits, plain: Static, code: str) -> None:
    """Show ``code`` large (digits, A-F, '-', up to 13 characters) or framed; hide both when
    there is no code."""
    large = bool(code) and len(code) <= BIG_CHARS and all(c in DIGITS for c in code)
    big.update(code if large else "")
    big.display = large
    plain.update(code)
    plain.display = bool(code) and not large
