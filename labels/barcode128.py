"""Code 128 and GS1-128 bars drawn a whole number of printer dots wide.

The bar pattern (start, data, check and stop characters) comes from python-barcode; we only
draw it. A bar width that is not a whole number of dots is rounded differently by every print
head, which is what makes a label fail at the carrier's scanner, so the module width here is
always ``dots / dpi`` inches and every bar lands on the dot grid.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from barcode.codex import Code128, Gs1_128

QUIET_MODULES = 10
"""Quiet zone each side, in modules (GS1: at least 10 X)."""


@dataclass(frozen=True)
class Bars:
    modules: str
    """One character per module: ``1`` bar, ``0`` space (quiet zones not included)."""

    def runs(self) -> tuple[tuple[int, int], ...]:
        """``(start, width)`` of every bar, in modules."""
        return _runs(self.modules)

    @property
    def width_modules(self) -> int:
        return len(self.modules) + 2 * QUIET_MODULES


@lru_cache(maxsize=4096)
def _runs(modules: str) -> tuple[tuple[int, int], ...]:
    return tuple(_scan(modules))


def _scan(modules: str) -> Iterator[tuple[int, int]]:
    start = -1
    for i, module in enumerate(modules):
        if module == "1" and start < 0:
            start = i
        elif module == "0" and start >= 0:
            yield start, i - start
            start = -1
    if start >= 0:
        yield start, len(modules) - start


@lru_cache(maxsize=4096)
def code128(text: str) -> Bars:
    """Plain Code 128 of ``text`` (printable ASCII: tracking and order numbers)."""
    return Bars(Code128(text).build()[0])


@lru_cache(maxsize=1024)
def gs1_128(element_string: str) -> Bars:
    """GS1-128 (FNC1 first) of an element string without brackets, e.g. ``00`` + SSCC."""
    return Bars(Gs1_128(element_string).build()[0])


def module_mm(dots: int, dpi: int = 203) -> float:
    """Width of one module of ``dots`` printer dots, in millimetres."""
    return dots * 25.4 / dpi
