"""Tote labels as the carts carry them (``T01``, or ``<cart>-T01``).

The same convention as the pick service's (``picking.floor.floor``), which packing may not
import (the layers keep the floor packages independent of one another).
"""

from __future__ import annotations


def tote_label(tote: int) -> str:
    return f"T{tote:02d}"


def tote_number(text: str) -> int | None:
    """The cart position a scanned tote label names (``T03``, ``t3``, ``<cart>-T03``)."""
    tail = text.strip().upper().rsplit("-", 1)[-1]
    if tail.startswith("T") and tail[1:].isdigit():
        return int(tail[1:])
    return None
