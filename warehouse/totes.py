"""Tote labels as the carts carry them: cart position n is labelled ``T01``, ``T02``, … and a
scanned label may carry the cart's code in front (``<cart>-T03``). Picking puts units into
totes by these labels and packing opens a tote by them, so the rule lives here once."""

from __future__ import annotations


def tote_label(tote: int) -> str:
    """The label on cart position ``tote``."""
    return f"T{tote:02d}"


def tote_number(text: str) -> int | None:
    """The cart position a scanned tote label names (``T03``, ``t3``, ``<cart>-T03``)."""
    tail = text.strip().upper().rsplit("-", 1)[-1]
    if tail.startswith("T") and tail[1:].isdigit():
        return int(tail[1:])
    return None
